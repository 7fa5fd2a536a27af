"""Employers and dormitories files."""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from returnbus.domain import LatLon, Site
from returnbus.errors import InputError
from returnbus.geo.coords import to_wgs84
from returnbus.io.sites import jiangjin_parks, read_dormitories, read_employers
from returnbus.text import say

from ..helpers import run, worker, write_scenario


def test_employers_from_gbk_csv_and_dormitories_from_xlsx(tmp_path: Path) -> None:
    """Sites files take the roster's encodings and XLSX; blank rows are skipped."""
    employers = tmp_path / "e.csv"
    employers.write_bytes("employer_id,name,lat,lon\nE1,江津机械,29.28,106.23\n,,,\n".encode("gbk"))
    (site,) = read_employers(employers)
    assert (site.id, site.name, site.location.lat) == ("E1", "江津机械", 29.28)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (
        ["dorm_id", "name", "lat", "lon", "rooms", "sex"],
        ["D1", "一号楼", 29.3, 106.2, 40, "F"],
        ["D2", "二号楼", 29.3, 106.2, 10, ""],
    ):
        sheet.append(row)
    book.save(tmp_path / "d.xlsx")
    first, second = read_dormitories(tmp_path / "d.xlsx")
    assert (len(first.rooms), first.sex, second.sex) == (40, "F", None)
    assert first.rooms[0].number == "001" and first.isolation


@pytest.mark.parametrize(
    ("row", "column"),
    [
        ("D1,x,29.3,106.3,-2,any", "rooms"),
        ("D1,x,north,106.3,2,any", "lat"),
        ("D1,x,29,106,2,X", "sex"),
        ("D1,x,95,106,2,any", "lat"),
    ],
)
def test_bad_cells_name_row_and_column(tmp_path: Path, row: str, column: str) -> None:
    """Each bad cell stops with its row and column, and says what to do."""
    path = tmp_path / "d.csv"
    path.write_text(f"dorm_id,name,lat,lon,rooms,sex\n{row}\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_dormitories(path)
    assert (caught.value.row, caught.value.column) == (2, column)
    assert caught.value.hint


def test_a_room_listed_twice_is_named(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_text(
        'dorm_id,name,lat,lon,room_numbers\nD1,x,29.3,106.3,"101-105,103"\n', encoding="utf-8"
    )
    with pytest.raises(InputError, match=r": room 103 listed twice") as caught:
        read_dormitories(path)
    assert caught.value.hint


def test_missing_columns_are_named(tmp_path: Path) -> None:
    """A file without a required column says which."""
    path = tmp_path / "e.csv"
    path.write_text("employer_id,name\nE1,x\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"lat \(纬度\), lon \(经度\)"):
        read_employers(path)


def test_shipped_parks_are_in_jiangjin() -> None:
    """The shipped industrial parks lie around Jiangjin."""
    parks = jiangjin_parks()
    assert parks and all(
        28.8 < p.location.lat < 29.6 and 105.8 < p.location.lon < 106.6 for p in parks
    )


def test_chinese_headers_room_lists_and_the_rules_of_shared_rooms(tmp_path: Path) -> None:
    """Room numbers are kept; shared rooms hold at most 6, with 2.5 m2 each; dates and owner."""
    path = tmp_path / "d.csv"
    path.write_text(
        "宿舍编号,名称,纬度,经度,房间号,每间床位,房间面积,性别,单人隔离,启用日期,停用日期,所属企业\n"
        'D1,一号楼,29.3,106.2,"101-103, 201",8,,女,否,2020/3/1,2020-04-30,江津机械\n'
        "D2,二号楼,29.3,106.2,301;302,4,7,,,,,\n"
        "D3,隔离点,29.3,106.2,A1,,,,是,,,\n",
        encoding="utf-8",
    )
    employers = (Site(id="E1", name="江津机械", location=LatLon(29.28, 106.23)),)
    women, shared, single = read_dormitories(path, employers=employers)
    assert [r.number for r in women.rooms] == ["101", "102", "103", "201"]
    assert {r.capacity for r in women.rooms} == {6} and women.sex == "F"
    assert (women.available_from, women.available_to) == (date(2020, 3, 1), date(2020, 4, 30))
    assert women.employer == "E1" and not women.isolation
    assert [r.capacity for r in shared.rooms] == [2, 2] and shared.sex is None
    assert single.isolation and [r.capacity for r in single.rooms] == [1]


def test_sites_files_headed_and_written_in_traditional_characters_read_as_simplified_ones(
    tmp_path: Path,
) -> None:
    """企業編號, 宿舍編號, 房間數, 每間床位數, 性別, 單人隔離: the columns their
    simplified twins head; 單間 and 否 are yes and no."""
    employers = tmp_path / "e.csv"
    employers.write_text(
        "企業編號,企業名稱,緯度,經度\nE1,江津機械,29.28,106.23\n", encoding="utf-8"
    )
    (site,) = read_employers(employers)
    assert (site.id, site.name, site.location) == ("E1", "江津機械", LatLon(29.28, 106.23))
    path = tmp_path / "d.csv"
    path.write_text(
        "宿舍編號,宿舍名稱,緯度,經度,房間數,每間床位數,性別,單人隔離\n"
        "D1,一號樓,29.3,106.2,3,4,女,否\n"
        "D2,隔離點,29.3,106.2,2,,,單間\n",
        encoding="utf-8",
    )
    shared, single = read_dormitories(path)
    assert (len(shared.rooms), shared.rooms[0].capacity, shared.sex) == (3, 4, "F")
    assert not shared.isolation
    assert single.isolation and [r.capacity for r in single.rooms] == [1, 1]


def test_an_address_places_the_dormitory_and_an_unknown_one_stops(tmp_path: Path) -> None:
    """Without lat/lon the address is placed; an employer not in the file is an error."""
    path = tmp_path / "d.csv"
    path.write_text("dorm_id,name,address,rooms\nD1,x,重庆市江津区德感街道,3\n", encoding="utf-8")
    (dorm,) = read_dormitories(path, place=lambda address: LatLon(29.27, 106.23))
    assert dorm.location == LatLon(29.27, 106.23)
    with pytest.raises(InputError, match="cannot be placed"):
        read_dormitories(path, place=lambda address: None)
    path.write_text("dorm_id,name,lat,lon,rooms,employer\nD1,x,29,106,3,E9\n", encoding="utf-8")
    with pytest.raises(InputError, match="not in the employers file"):
        read_dormitories(path)


@pytest.mark.parametrize(
    ("rows", "row", "column", "words"),
    [
        (["D1,x,29.3,106.3,30000000,,"], 2, "rooms", "at most 10,000"),
        (["D1,x,29.3,106.3,,1-99999999,"], 2, "room_numbers", "at most 10,000"),
        (["D1,x,29.3,106.3,5,,", "D1,y,29.3,106.3,5,,"], 3, "dorm_id", "also on row 2"),
        (["D1,x,29.3,106.3,5,,2020-06-01"], 2, "available_to", "before it is available"),
    ],
)
def test_dormitory_files_are_checked_like_rosters(
    tmp_path: Path, rows: list[str], row: int, column: str, words: str
) -> None:
    """A room count out of bounds, an id used twice, or dates in the wrong
    order stop with the row and column, quickly."""
    path = tmp_path / "d.csv"
    header = "dorm_id,name,lat,lon,rooms,room_numbers,available_from,available_to"
    path.write_text("\n".join([header, *(f"{r},2020-05-01" for r in rows)]) + "\n")
    with pytest.raises(InputError, match=words) as caught:
        read_dormitories(path)
    assert (caught.value.row, caught.value.column) == (row, column)


@pytest.mark.parametrize(
    ("cells", "column", "words"),
    [
        ("0,,,", "rooms", "not a whole number of rooms (1 or more)"),
        ("5,0,,否", "beds_per_room", "not a whole number of beds"),
        ("5,21,,否", "beds_per_room", "21 beds in one room (at most 20)"),
        ("5,30000000,,是", "beds_per_room", "at most 20"),  # checked for single rooms too
        ("5,4,5000000,否", "room_area_m2", "at most 1,000"),
        ("5,4,-3,否", "room_area_m2", "not an area"),
        ("5,,,,9999-12-31", "available_to", "outside the years 2000-"),
        ("5,,,,1920-03-01", "available_to", "outside the years 2000-"),
    ],
)
def test_absurd_beds_areas_and_dates_are_refused_with_the_bound(
    tmp_path: Path, cells: str, column: str, words: str
) -> None:
    """Counts and dates no dormitory has stop with the row, the column and the
    bound, rather than being clamped or kept."""
    path = tmp_path / "d.csv"
    header = "dorm_id,name,lat,lon,rooms,beds_per_room,room_area_m2,isolation,available_to"
    path.write_text(f"{header}\nD1,x,29.3,106.3,{cells}\n", encoding="utf-8")
    with pytest.raises(InputError, match=re.escape(words)) as caught:
        read_dormitories(path)
    assert (caught.value.path, caught.value.row, caught.value.column) == (path, 2, column)
    assert caught.value.hint


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("2020-02-30", "2020-02-30 does not exist: month 2 of 2020 has 29 days"),
        ("2021/2/29", "2021-02-29 does not exist: month 2 of 2021 has 28 days"),
        ("2020年4月31日", "2020-04-31 does not exist: month 4 of 2020 has 30 days"),
        ("2020-13-01", "2020-13-01 does not exist: there is no month 13"),
    ],
)
def test_a_date_no_calendar_has_is_said_not_to_exist_not_to_be_no_date(
    tmp_path: Path, written: str, said: str
) -> None:
    """2020-02-30 is written in a form the column takes: "not a date like
    2020-03-17" sent the desk to its form, which is right; its day is not."""
    path = tmp_path / "d.csv"
    path.write_text(
        f"dorm_id,name,lat,lon,rooms,available_from\nD1,x,29.3,106.3,5,{written}\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        read_dormitories(path)
    assert str(caught.value.message) == said
    assert (caught.value.row, caught.value.column) == (2, "available_from")
    assert "日历上有的日期" in say(caught.value.hint, "zh")


def test_eight_beds_are_read_and_six_sleep(tmp_path: Path) -> None:
    """Beds above the six a shared room may hold, within the bound, are not an error."""
    path = tmp_path / "d.csv"
    path.write_text("dorm_id,name,lat,lon,rooms,beds_per_room\nD1,x,29.3,106.3,2,8\n")
    (dorm,) = read_dormitories(path)
    assert [r.capacity for r in dorm.rooms] == [6, 6]


def test_two_columns_that_could_be_the_id_are_refused(tmp_path: Path) -> None:
    """`dorm_id` and 宿舍编号 side by side: which one holds the ids is not guessed."""
    path = tmp_path / "d.csv"
    path.write_text("dorm_id,宿舍编号,name,lat,lon,rooms\nD1,D2,x,29.3,106.3,5\n", encoding="utf-8")
    with pytest.raises(InputError, match="two columns could be the dorm_id") as caught:
        read_dormitories(path)
    assert (caught.value.row, caught.value.column) == (1, "B")


def test_a_big_dormitorys_room_list_is_long_and_read_but_a_long_name_is_not(
    tmp_path: Path,
) -> None:
    """A dormitory of 40 floors lists thousands of characters of room
    numbers: read whole.  A name that long is text pasted into the wrong cell."""
    floors = ", ".join(f"{f}{r:02d}" for f in range(10, 50) for r in range(1, 31))
    path = tmp_path / "d.csv"
    path.write_text(f'dorm_id,name,lat,lon,room_numbers\nD1,x,29.3,106.3,"{floors}"\n')
    (dorm,) = read_dormitories(path)
    assert len(floors) > 500 and len(dorm.rooms) == 40 * 30
    path.write_text(f"dorm_id,name,lat,lon,rooms\nD1,{'x' * 600},29.3,106.3,4\n")
    with pytest.raises(InputError, match="600 characters") as caught:
        read_dormitories(path)
    assert (caught.value.row, caught.value.column) == (2, "B")


def test_full_width_ids_and_names_read_as_the_roster_reads_them(tmp_path: Path) -> None:
    """The roster's cells are NFKC-normalised, so a full-width ``Ｅ０１`` there
    reads ``E01``: the sites files are read the same way, or they never match."""
    employers = tmp_path / "e.csv"
    employers.write_text(
        "employer_id,name,lat,lon\nＥ０１,江津机械（二厂）,２９．２８,106.23\n", encoding="utf-8"
    )
    (site,) = read_employers(employers)
    assert (site.id, site.name, site.location.lat) == ("E01", "江津机械(二厂)", 29.28)
    dorms = tmp_path / "d.csv"
    dorms.write_text(
        "dorm_id,name,lat,lon,rooms,employer\nＤ１,一号楼,29.3,106.2,１２,江津机械（二厂）\n",
        encoding="utf-8",
    )
    (dorm,) = read_dormitories(dorms, employers=(site,))
    assert (dorm.id, len(dorm.rooms), dorm.employer) == ("D1", 12, "E01")


@pytest.mark.parametrize(
    ("rows", "row", "column", "words"),
    [
        (["E1,甲厂,29.28,106.23", ",乙厂,29.3,106.2"], 3, "employer_id", "no employer id"),
        (["E1,甲厂,29.28,106.23", "E2,,29.3,106.2"], 3, "name", "no employer name"),
        (["E1,甲厂,29.28,106.23", "E1,乙厂,29.3,106.2"], 3, "employer_id", "also on row 2"),
        (["E1,甲厂,29.28,106.23", "Ｅ1,乙厂,29.3,106.2"], 3, "employer_id", "also on row 2"),
        (["E1,甲厂,29.28,106.23", "E2,甲厂,29.3,106.2"], 3, "name", "names the employer on row 2"),
        (["E1,甲厂,29.28,106.23", "E2,E1,29.3,106.2"], 3, "name", "names the employer on row 2"),
        (["E1,甲厂,29.28,106.23", "甲厂,乙厂,29.3,106.2"], 3, "employer_id", "on row 2"),
    ],
)
def test_an_employer_without_an_id_or_name_or_with_a_repeated_id_is_refused(
    tmp_path: Path, rows: list[str], row: int, column: str, words: str
) -> None:
    """Employers are found by id and by name: a blank one would make "" a key
    (every dormitory with no owner would belong to it), a repeated id would
    send one employer's workers to the other's site, and a name shared by
    two employers (or one's name the other's id) would send a roster row
    naming it to whichever came last.  Refused at the cell."""
    path = tmp_path / "e.csv"
    path.write_text("\n".join(["employer_id,name,lat,lon", *rows]) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=words) as caught:
        read_employers(path)
    assert (caught.value.path, caught.value.row, caught.value.column) == (path, row, column)
    assert caught.value.hint


def test_an_employer_may_be_named_by_its_own_id(tmp_path: Path) -> None:
    """An employer whose name is its id (a desk with no codes) is one employer."""
    path = tmp_path / "e.csv"
    path.write_text("employer_id,name,lat,lon\n甲厂,甲厂,29.28,106.23\n", encoding="utf-8")
    assert [e.id for e in read_employers(path)] == ["甲厂"]


@pytest.mark.parametrize(
    "written",
    ["101-112", "101～112", "101〜112", "101~112", "101－112", "101—112", "101——112",
     "101–112", "101−112", "１０１-１１２", "１０１～１１２", "101 - 112", "101至112", "101到112"],
)  # fmt: skip
def test_a_room_range_with_a_wave_dash_or_full_width_figures_is_the_range(
    tmp_path: Path, written: str
) -> None:
    """A Chinese input method writes 101～112, 101〜112, 101—112 or full-width
    figures: each is rooms 101 to 112, not one room of that name."""
    path = tmp_path / "d.csv"
    path.write_text(f"dorm_id,name,lat,lon,room_numbers\nD1,x,29.3,106.3,{written}\n")
    (dorm,) = read_dormitories(path)
    assert [r.number for r in dorm.rooms] == [str(n) for n in range(101, 113)]


def test_a_room_count_and_a_room_list_must_agree(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Given both, the count was dropped without a word: 房间数 12 with 房号
    101-110 made ten rooms, and 房间数 abc was no error.  Disagreeing, they
    stop, naming the file, row and both columns as the file heads them and
    saying which to clear; agreeing, the list gives the rooms."""
    path = tmp_path / "d.csv"
    header = "宿舍编号,名称,纬度,经度,房间数,房号\n"
    path.write_text(f'{header}D1,x,29.3,106.3,12,"101-110"\n', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_dormitories(path)
    assert (caught.value.path, caught.value.row, caught.value.column) == (path, 2, "房间数")
    english = caught.value.said("en")
    assert "'房间数' says 12 rooms, but '房号' lists 10 rooms" in english
    assert "clear '房间数' to use the room numbers in '房号', or clear '房号'" in english
    chinese = caught.value.said("zh")
    assert "“房间数”为 12 间，但“房号”列出了 10 间" in chinese
    assert "清空“房间数”则使用“房号”中的房间号" in chinese
    path.write_text(f'{header}D1,x,29.3,106.3,abc,"101-110"\n', encoding="utf-8")
    with pytest.raises(InputError, match="not a whole number of rooms"):
        read_dormitories(path)
    path.write_text(f'{header}D1,x,29.3,106.3,10,"101-110"\n', encoding="utf-8")
    (dorm,) = read_dormitories(path)
    assert [r.number for r in dorm.rooms] == [str(n) for n in range(101, 111)]
    # Through the command line: exit 2, never a traceback.
    toml = write_scenario(tmp_path / "scn", [worker("A1")])
    dorms = toml.parent / "dormitories.csv"
    dorms.write_text(f'{header}D1,x,29.3,106.3,1,"101-102"\n', encoding="utf-8")
    roster = str(toml.parent / "roster.csv")
    assert run(["check", roster, "--scenario", str(toml), "--lang", "en"]) == 2
    said = " ".join(capsys.readouterr().err.split())
    assert "row 2, column '房间数': '房间数' says 1 room, but '房号' lists 2 rooms" in said


def test_a_dormitory_without_an_id_is_refused_and_a_trailing_comma_makes_no_room(
    tmp_path: Path,
) -> None:
    """A blank 宿舍编号 would give beds no dormitory; "101-103," is rooms 101 to
    103, not a fourth room with no number."""
    path = tmp_path / "d.csv"
    path.write_text(
        'dorm_id,name,lat,lon,room_numbers\nD1,x,29.3,106.3,"101-103,"\n', encoding="utf-8"
    )
    (dorm,) = read_dormitories(path)
    assert [room.number for room in dorm.rooms] == ["101", "102", "103"]
    path.write_text("dorm_id,name,lat,lon,rooms\n,x,29.3,106.3,3\n", encoding="utf-8")
    with pytest.raises(InputError, match="no id") as caught:
        read_dormitories(path)
    assert (caught.value.row, caught.value.column) == (2, "dorm_id")


@pytest.mark.parametrize("rooms", ["，", ", ;", "、 、", "；"])
def test_a_room_list_of_separators_only_is_refused_at_its_cell(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], rooms: str
) -> None:
    """A 房号 of separators alone made a dormitory of no rooms, without a word
    (with 房间数 0 too, as the two agreed): it stops at its row and column,
    saying to write the room numbers or a count instead."""
    path = tmp_path / "d.csv"
    header = "宿舍编号,名称,纬度,经度,房间数,房号\n"
    for count in ("", "0", "3"):
        path.write_text(f'{header}D1,x,29.3,106.3,{count},"{rooms}"\n', encoding="utf-8")
        with pytest.raises(InputError) as caught:
            read_dormitories(path)
        assert (caught.value.path, caught.value.row, caught.value.column) == (path, 2, "房号")
        # The cell as read: full-width marks are read as their ASCII forms.
        read = unicodedata.normalize("NFKC", rooms)
        assert f"{read!r} lists no room, only separators" in caught.value.said("en")
        assert f"“{read}”只有分隔符，没有房间号" in caught.value.said("zh")
        assert "请填写房间号，如 101-120、201" in caught.value.said("zh")
    # Through the command line: exit 2 in Chinese, never a traceback.
    toml = write_scenario(tmp_path / "scn", [worker("A1")])
    dorms = toml.parent / "dormitories.csv"
    dorms.write_text(f'{header}D1,x,29.3,106.3,,"{rooms}"\n', encoding="utf-8")
    assert run(["check", str(toml.parent / "roster.csv"), "--scenario", str(toml)]) == 2
    said = "".join(capsys.readouterr().err.split())
    assert "第2行，列“房号”" in said and "只有分隔符，没有房间号" in said, said
    assert "Traceback" not in said


def test_a_room_count_of_0_is_refused_by_the_check_that_says_1_or_more(
    tmp_path: Path,
) -> None:
    """The count was read as 0 or more though its words say 1 or more: with a
    room list it then stopped as 'says 0 rooms, but lists 2 rooms', and clear
    one.  Now 0 is refused at its cell by the words it breaks, list or not."""
    path = tmp_path / "d.csv"
    for rooms in ("", "101-102"):
        path.write_text(
            f'dorm_id,name,lat,lon,rooms,room_numbers\nD1,x,29.3,106.3,0,"{rooms}"\n',
            encoding="utf-8",
        )
        with pytest.raises(InputError) as caught:
            read_dormitories(path)
        assert (caught.value.row, caught.value.column) == (2, "rooms")
        english = caught.value.said("en")
        assert "'0' is not a whole number of rooms (1 or more)" in english, english
        assert "“0”不是房间数（至少为 1 的整数）" in caught.value.said("zh")


def test_rows_a_workbook_hides_in_the_sites_files_are_read_and_warned_of(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A dormitories or employers workbook with rows filtered out still holds
    them, and they are read (a room hidden is still a room): before, without a
    word; now the warning names the rows, as the roster's does."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (
        ["dorm_id", "name", "lat", "lon", "rooms"],
        ["D1", "一号楼", 29.3, 106.2, 4],
        ["D2", "二号楼", 29.3, 106.2, 2],
    ):
        sheet.append(row)
    sheet.row_dimensions[3].hidden = True
    book.save(tmp_path / "d.xlsx")
    with caplog.at_level("WARNING"):
        dorms = read_dormitories(tmp_path / "d.xlsx")
    assert [d.id for d in dorms] == ["D1", "D2"]
    said = [r.getMessage() for r in caplog.records]
    assert any("d.xlsx" in m and "3" in m and "hidden" in m for m in said), said
    caplog.clear()
    sheet.row_dimensions[3].hidden = False
    book.save(tmp_path / "d.xlsx")
    with caplog.at_level("WARNING"):
        read_dormitories(tmp_path / "d.xlsx")
    assert not any("hidden" in r.getMessage() for r in caplog.records)


def test_columns_a_workbook_hides_in_the_sites_files_are_warned_of(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A dormitories workbook whose room count the sheet hides (an old count
    hidden beside a note) was read without a word, as the roster's hidden
    columns were: the desk does not see how many rooms are planned on.  The
    warning names the sheet and each hidden column read, as the roster's does;
    a hidden column not read is not named, and nothing is said once shown."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "宿舍"
    for row in (
        ["dorm_id", "name", "lat", "lon", "rooms", "备注"],
        ["D1", "一号楼", 29.3, 106.2, 4, "x"],
    ):
        sheet.append(row)
    sheet.column_dimensions["E"].hidden = True
    sheet.column_dimensions["F"].hidden = True  # a note: no column read
    book.save(tmp_path / "d.xlsx")
    with caplog.at_level("WARNING"):
        (dorm,) = read_dormitories(tmp_path / "d.xlsx")
    assert len(dorm.rooms) == 4
    said = [r.getMessage() for r in caplog.records if "hides" in r.getMessage()]
    assert len(said) == 1 and "d.xlsx" in said[0] and "'宿舍'" in said[0], said
    assert "E (rooms)" in said[0] and "备注" not in said[0]
    caplog.clear()
    sheet.column_dimensions["E"].hidden = False
    book.save(tmp_path / "d.xlsx")
    with caplog.at_level("WARNING"):
        read_dormitories(tmp_path / "d.xlsx")
    assert not any("hides" in r.getMessage() for r in caplog.records)


def test_a_dormitorys_bad_sex_is_told_in_english_with_the_english_words_too(
    tmp_path: Path,
) -> None:
    """A dormitory's sex is 男/女/不限 or M/F/any: in English, what to do names
    the English word of each, the Chinese beside it, not the Chinese alone."""
    path = tmp_path / "d.csv"
    path.write_text("dorm_id,name,lat,lon,rooms,sex\nD1,x,29,106,2,X\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_dormitories(path)
    english = say(caught.value.hint, "en")
    assert all(w in english for w in ("M (男)", "F (女)", "any (不限)")), english
    assert all(w in say(caught.value.hint, "zh") for w in ("男", "女", "不限"))


@pytest.mark.parametrize(
    ("read", "header", "english", "chinese"),
    [
        (read_dormitories, "宿舍编号,名称,纬度,经度,房间数", "no dormitory", "下面没有宿舍"),
        (read_employers, "企业编号,企业名称,纬度,经度", "no employer", "下面没有企业"),
    ],
)
@pytest.mark.parametrize("below", ["", ",,,\n", "{header}\n"])
def test_a_sites_file_with_a_header_and_no_row_says_so_at_its_header(
    tmp_path: Path,
    read: Callable[[Path], tuple[object, ...]],
    header: str,
    english: str,
    chinese: str,
    below: str,
) -> None:
    """A dormitories file of a header alone (rows deleted, the wrong sheet
    saved) was read as no dormitory at all: check said nothing and plan left
    every quarantined worker without a room.  An employers file so is as
    surely a mistake.  Each stops at its header, as the roster does."""
    path = tmp_path / "sites.csv"
    path.write_text(f"\n{header}\n" + below.format(header=header), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read(path)
    assert caught.value.row == 2 and english in str(caught.value), str(caught.value)
    said = caught.value.said()
    assert "第 2 行" in said and chinese in said and "处理办法" in said, said


@pytest.mark.parametrize(
    ("read", "rows", "kept"),
    [
        (
            read_dormitories,
            "宿舍编号,名称,纬度,经度,房间数\nD1,一号楼,29.28,106.23,4\nD2,二号楼,29.29,106.24,6\n"
            "合计,,,,10\n制表人：王芳,,,,\n",
            ["D1", "D2"],
        ),
        (
            read_employers,
            "企业编号,企业名称,纬度,经度\nE1,江津机械,29.28,106.23\n合计 1 家,,,\n",
            ["E1"],
        ),
    ],
)
def test_a_sites_file_s_total_and_signature_lines_are_left_out_with_a_warning(
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    read: Callable[[Path], tuple[Site, ...]],
    rows: str,
    kept: list[str],
) -> None:
    """A desk's list ends as the roster does, with 合计 and 制表人 lines: read
    as sites they stopped with "纬度 missing" at a row no one took for a site.
    They are left out as the roster's are, each named in a warning."""
    path = tmp_path / "sites.csv"
    path.write_text(rows, encoding="utf-8")
    with caplog.at_level("WARNING"):
        sites = read(path)
    assert [s.id for s in sites] == kept
    last = len(rows.splitlines())
    said = " ".join(r.getMessage() for r in caplog.records)
    assert f"{last} (" in said and "合计" in said and "left out" in said, said


def test_a_date_excel_wrote_as_its_serial_number_is_named_as_the_date_it_is(
    tmp_path: Path,
) -> None:
    """A date column formatted as numbers in Excel saves 2020-03-01 as 43891:
    "not a date" leaves the desk puzzled; the error says which date it is
    and how to write it."""
    path = tmp_path / "d.csv"
    path.write_text(
        "宿舍编号,名称,纬度,经度,房间数,启用日期\nD1,一号楼,29.28,106.23,4,43891\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        read_dormitories(path)
    assert (caught.value.row, caught.value.column) == (2, "启用日期")
    said = caught.value.said()
    assert "43891" in said and "Excel" in said and "2020-03-01" in said, said
    assert "2020-03-01" in str(caught.value.hint), caught.value.hint


@pytest.mark.parametrize(
    ("read", "header", "row"),
    [
        (read_employers, "企业编号,企业名称,纬度,经度", "E1,江津机械,29.28,106,23"),
        (read_dormitories, "宿舍编号,名称,纬度,经度,房间数", "D1,一号楼,29.28,106,23,4"),
    ],
)
def test_a_sites_row_with_a_value_past_its_header_is_refused(
    tmp_path: Path, read: Callable[[Path], tuple[Site, ...]], header: str, row: str
) -> None:
    """A decimal comma (106,23 for 106.23) split a cell: the site was placed
    at the wrong figure and the rest, past the header, dropped without a word.
    The row is refused as the roster's and an edits file's are, naming the
    cell past the header and its value; empty cells past it (Excel's
    trailing commas) are no value and are read."""
    path = tmp_path / "sites.csv"
    path.write_text(f"{header}\n{row}\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read(path)
    past = chr(ord("A") + len(header.split(",")))
    assert (caught.value.path, caught.value.row, caught.value.column) == (path, 2, past)
    last = row.split(",")[-1]
    assert f"'{last}'" in say(caught.value.message, "en")
    assert f"“{last}”" in say(caught.value.message, "zh")
    assert caught.value.hint
    path.write_text(f"{header}\n{row.replace('106,23', '106.23')},,\n", encoding="utf-8")
    (site,) = read(path)
    assert site.location.lon == 106.23


@pytest.mark.parametrize(
    ("read", "header", "row", "column"),
    [
        (read_employers, "企业编号,企业名称,纬度，经度", "E1,江津机械,29.28,106.23", "C"),
        (read_dormitories, "宿舍编号，名称,纬度,经度", "D1,一号楼,29.28,106.23", "A"),
    ],
)
def test_a_sites_header_cell_holding_a_full_width_comma_says_so_at_its_cell(
    tmp_path: Path,
    read: Callable[[Path], tuple[Site, ...]],
    header: str,
    row: str,
    column: str,
) -> None:
    """One full-width comma in a header typed with ASCII ones (纬度，经度) runs
    two names into one cell: the desk was told only that a column is
    missing. The full-width comma is named at its cell, with the commas to
    retype, as a header typed with full-width commas only is."""
    path = tmp_path / "sites.csv"
    path.write_text(f"{header}\n{row}\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read(path)
    assert (caught.value.path, caught.value.row, caught.value.column) == (path, 1, column)
    assert "全角逗号（，）" in caught.value.said("zh")
    assert "full-width commas (，)" in caught.value.said("en")


_DORM_HEADER = "dorm_id,name,lat,lon,rooms,beds_per_room,room_area_m2,isolation,sex"


def _dorm_row(**cells: str) -> str:
    """A dormitories file of one row: 12 rooms of 5 beds and 20 m2, unless ``cells`` say."""
    row = {"rooms": "12", "beds_per_room": "5", "room_area_m2": "20", "isolation": "", "sex": ""}
    row |= cells
    quoted = ",".join(f'"{value}"' for value in row.values())  # 12,5 is one cell
    return f"{_DORM_HEADER}\nD1,x,29.3,106.3,{quoted}\n"


@pytest.mark.parametrize(
    ("column", "written", "plain"),
    [
        ("rooms", "12间", "12"),
        ("rooms", "１２个", "12"),
        ("rooms", "12 rooms", "12"),
        ("rooms", "12.0", "12"),
        ("rooms", "30套", "30"),
        ("beds_per_room", "4人间", "4"),
        ("beds_per_room", "4张床", "4"),
        ("beds_per_room", "2 Beds", "2"),
        ("beds_per_room", "4.0", "4"),
        ("beds_per_room", "1人", "1"),  # one bed: a single room, as "1" is
        ("room_area_m2", "7.5㎡", "7.5"),
        ("room_area_m2", "7.5 m²", "7.5"),
        ("room_area_m2", "7.5平方米", "7.5"),
        ("room_area_m2", "7.5平米", "7.5"),
    ],
)
def test_a_dormitory_figure_written_with_its_unit_or_a_decimal_is_the_figure(
    tmp_path: Path, column: str, written: str, plain: str
) -> None:
    """12间, 4人间, 7.5㎡ or Excel's 4.0 say the figure beside them: the desk
    meant nothing else, and the dormitory is read as with the bare figure."""
    path = tmp_path / "d.csv"
    path.write_text(_dorm_row(**{column: plain}), encoding="utf-8")
    (meant,) = read_dormitories(path)
    path.write_text(_dorm_row(**{column: written}), encoding="utf-8")
    assert read_dormitories(path) == (meant,)


@pytest.mark.parametrize(
    ("column", "written"),
    [
        ("rooms", "12.5"),
        ("rooms", "间"),
        ("rooms", "0间"),
        ("beds_per_room", "4.5张"),
        ("beds_per_room", "-4人"),
        ("beds_per_room", "4楼"),
        ("room_area_m2", "12,5"),
        ("room_area_m2", "3x4平米"),
        ("room_area_m2", "0平方米"),
    ],
)
def test_a_dormitory_figure_that_is_no_count_is_refused_with_or_without_its_unit(
    tmp_path: Path, column: str, written: str
) -> None:
    """A fraction of a room, a unit with no figure, another word, or a figure
    below the bound still stops at its cell."""
    path = tmp_path / "d.csv"
    path.write_text(_dorm_row(**{column: written}), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_dormitories(path)
    assert (caught.value.row, caught.value.column) == (2, column)


@pytest.mark.parametrize(
    ("isolation", "sex", "single", "read_sex"),
    [
        ("√", "女性", True, "F"),
        ("✓", "female", True, "F"),
        ("×", "男性", False, "M"),
        ("✗", "Male", False, "M"),
    ],
)
def test_a_tick_or_cross_and_the_roster_s_words_for_a_sex_are_read_in_dormitories(
    tmp_path: Path, isolation: str, sex: str, single: bool, read_sex: str
) -> None:
    """A sheet marks yes and no with √ and ×, and says 女性 or female: the
    roster reads them so, and the dormitories file did not."""
    path = tmp_path / "d.csv"
    path.write_text(_dorm_row(isolation=isolation, sex=sex), encoding="utf-8")
    (dorm,) = read_dormitories(path)
    assert (dorm.isolation, dorm.sex) == (single, read_sex)
    assert {room.capacity for room in dorm.rooms} == ({1} if single else {5})


def test_a_site_s_coordinate_system_cell_converts_its_point_as_the_roster_s_does(
    tmp_path: Path,
) -> None:
    """Coordinates picked on AMap (GCJ-02) or Baidu (BD-09) lie 0.5 to 1 km
    off as WGS-84. A 坐标系 column was read by the roster and passed over in
    the sites files, so a gate or dormitory the desk marked as such was
    planned where it is not: it is now converted, row by row."""
    amap, gps = LatLon(29.276017, 106.231957), LatLon(29.413590, 106.270140)
    employers = tmp_path / "e.csv"
    employers.write_text(
        "企业编号,企业名称,纬度,经度,坐标系\n"
        f"E1,甲,{amap.lat},{amap.lon},高德\n"
        f"E2,乙,{gps.lat},{gps.lon},WGS-84\n"
        f"E3,丙,{gps.lat},{gps.lon},\n",
        encoding="utf-8",
    )
    first, second, third = read_employers(employers)
    assert first.location == to_wgs84(amap, "gcj02") != amap
    assert second.location == third.location == gps
    dormitories = tmp_path / "d.csv"
    dormitories.write_text(
        f"宿舍编号,名称,纬度,经度,房间数,坐标系\nD1,一号楼,{amap.lat},{amap.lon},4,BD-09\n",
        encoding="utf-8",
    )
    (dorm,) = read_dormitories(dormitories)
    assert dorm.location == to_wgs84(amap, "bd09") != amap


def test_a_site_s_coordinates_pasted_in_one_cell_are_read_and_warned_or_refused(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """ "29.28,106.25" in the 纬度 column was "not a latitude": read when the
    row's other cell is empty (in China the order can be told), with a
    warning to split it; refused, naming what was found, when it disagrees."""
    path = tmp_path / "e.csv"
    path.write_text(
        '企业编号,企业名称,纬度,经度,坐标系\nE1,甲,,"106.2320, 29.2760",高德\n', encoding="utf-8"
    )
    with caplog.at_level(logging.WARNING):
        (site,) = read_employers(path)
    assert site.location == to_wgs84(LatLon(29.2760, 106.2320), "gcj02")
    (warned,) = [r.getMessage() for r in caplog.records if "both coordinates" in r.getMessage()]
    assert "e.csv, row 2" in warned and "29.2760 in the latitude column" in warned
    path.write_text(
        '企业编号,企业名称,纬度,经度\nE1,甲,"29.2760,106.2320",106.5\n', encoding="utf-8"
    )
    with pytest.raises(InputError) as caught:
        read_employers(path)
    assert (caught.value.row, caught.value.column) == (2, "纬度")
    assert "“29.2760,106.2320”" in say(caught.value.message, "zh")
    assert say(caught.value.hint, "zh") == "请分开填写：纬度列填 29.2760，经度列填 106.2320"


def test_employers_after_an_empty_first_sheet_are_read_with_one_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The empty sheet passed over is said once; the sheet read is not said
    to be a second sheet with the header left unread."""
    book = Workbook()
    assert book.active is not None
    book.create_sheet("企业").append(["企业编号", "企业名称", "纬度", "经度"])
    book["企业"].append(["E1", "甲", 29.3, 106.3])
    book.save(tmp_path / "e.xlsx")
    with caplog.at_level(logging.WARNING):
        (site,) = read_employers(tmp_path / "e.xlsx")
    assert site.id == "E1"
    warned = [r.getMessage() for r in caplog.records]
    assert len(warned) == 1 and "is empty and was passed over" in warned[0], warned


def test_a_site_s_coordinate_system_no_one_knows_is_refused_at_its_cell(tmp_path: Path) -> None:
    path = tmp_path / "e.csv"
    path.write_text(
        "企业编号,企业名称,纬度,经度,坐标系\nE1,甲,29.3,106.3,北京54\n", encoding="utf-8"
    )
    with pytest.raises(InputError) as caught:
        read_employers(path)
    assert (caught.value.row, caught.value.column) == (2, "坐标系")
    assert "GCJ02" in say(caught.value.hint, "zh")


@pytest.mark.parametrize("header", ["经纬度", "坐标", "位置坐标", "lat,lon", "coordinates"])
def test_a_sites_column_of_both_coordinates_is_read_in_either_order(
    tmp_path: Path, header: str
) -> None:
    """A column of both coordinates, as a map's picker copies them (AMap's
    longitude first), was "missing columns lat, lon" in the employers file
    and no place at all in the dormitories one: each cell is read, its order
    told by the figure over 90, which cannot be a latitude."""
    employers = tmp_path / "e.xlsx"
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (
        ["企业编号", "企业名称", header],
        ["E1", "甲", "29.2760,106.2320"],
        ["E2", "乙", "106.2701，29.4136"],  # a full-width comma, typed on a Chinese keyboard
        ["E3", "丙", "29.30 106.30"],
    ):
        sheet.append(row)
    book.save(employers)
    places = [site.location for site in read_employers(employers)]
    assert places == [LatLon(29.276, 106.232), LatLon(29.4136, 106.2701), LatLon(29.3, 106.3)]
    dormitories = tmp_path / "d.xlsx"
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["宿舍编号", "名称", "房间数", header])
    sheet.append(["D1", "一号楼", 4, "106.2393, 29.2702"])
    book.save(dormitories)
    (dorm,) = read_dormitories(dormitories)
    assert dorm.location == LatLon(29.2702, 106.2393)


def test_a_pair_either_of_whose_figures_could_be_the_latitude_takes_the_column_s_order(
    tmp_path: Path,
) -> None:
    """West of 90°E both figures could be a latitude: the row is read in the
    order the column's other rows show (lat,lon or lon,lat), and refused,
    naming its row and column, where no row shows one or rows show both."""
    path = tmp_path / "e.csv"
    header = "企业编号,企业名称,经纬度\n"
    path.write_text(header + 'E1,甲,"29.30,106.30"\nE2,乙,"43.80,87.60"\n', encoding="utf-8")
    assert read_employers(path)[1].location == LatLon(43.8, 87.6)
    path.write_text(header + 'E1,甲,"106.30,29.30"\nE2,乙,"87.60,43.80"\n', encoding="utf-8")
    assert read_employers(path)[1].location == LatLon(43.8, 87.6)
    for rows, row in (
        ('E1,甲,"43.80,87.60"\n', 2),
        ('E1,甲,"29.30,106.30"\nE2,乙,"43.80,87.60"\nE3,丙,"106.30,29.30"\n', 3),
    ):
        path.write_text(header + rows, encoding="utf-8")
        with pytest.raises(InputError) as caught:
            read_employers(path)
        assert (caught.value.row, caught.value.column) == (row, "经纬度")
        assert "either figure could be the latitude" in caught.value.message
        assert "纬度" in say(caught.value.hint, "zh") and "两列" in say(caught.value.hint, "zh")


def test_a_coordinates_cell_converts_by_its_coordinate_system_and_is_refused_when_odd(
    tmp_path: Path,
) -> None:
    """The 坐标系 cell converts a point read from one column as it does one
    from two; a cell of one figure, two figures neither a latitude, or a
    point the lat and lon columns give otherwise are refused at the cell."""
    amap = LatLon(29.276017, 106.231957)
    path = tmp_path / "e.csv"
    path.write_text(
        f'企业编号,企业名称,经纬度,坐标系\nE1,甲,"{amap.lon},{amap.lat}",高德\n',
        encoding="utf-8",
    )
    (site,) = read_employers(path)
    assert site.location == to_wgs84(amap, "gcj02") != amap
    dorms = tmp_path / "d.csv"
    dorms.write_text(
        f'宿舍编号,名称,房间数,坐标,坐标系\nD1,一号楼,4,"{amap.lat} {amap.lon}",BD-09\n',
        encoding="utf-8",
    )
    (dorm,) = read_dormitories(dorms)
    assert dorm.location == to_wgs84(amap, "bd09") != amap
    for cell, said in (
        ("29.3", "is not a latitude and a longitude"),
        ('"106.3,129.3"', "is not a latitude/longitude pair"),
    ):
        path.write_text(f"企业编号,企业名称,经纬度\nE1,甲,{cell}\n", encoding="utf-8")
        with pytest.raises(InputError) as caught:
            read_employers(path)
        assert (caught.value.row, caught.value.column) == (2, "经纬度")
        assert said in caught.value.message
    dorms.write_text(
        '宿舍编号,名称,房间数,纬度,经度,经纬度\nD1,一号楼,4,29.3,106.3,"29.3,106.3"\n'
        'D2,二号楼,4,29.3,106.4,"29.3,106.3"\n',
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        read_dormitories(dorms)
    assert (caught.value.row, caught.value.column) == (3, "经纬度")
    assert "gives its place twice" in caught.value.message


def test_a_sites_file_without_a_point_says_a_column_of_both_may_stand_in(tmp_path: Path) -> None:
    path = tmp_path / "e.csv"
    path.write_text("企业编号,企业名称,位置\nE1,甲,29.3\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_employers(path)
    assert "missing columns lat (纬度), lon (经度)" in caught.value.message
    assert "经纬度/坐标/位置坐标（或 coordinates）" in say(caught.value.hint, "zh")
