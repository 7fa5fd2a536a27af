"""Errors a user reads."""

from __future__ import annotations

import json
import shutil
import zipfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pytest

from returnbus.domain import YEARS_AHEAD
from returnbus.errors import InputError

from .helpers import PlannedBatch, run, worker, write_roster, write_scenario


def test_input_error_names_where_and_what_to_do() -> None:
    """The message leads with file, row, column and key, and ends with the hint."""
    error = InputError(
        "not a number", path=Path("r.csv"), row=3, column="lat", key="k", hint="write 29.3"
    )
    assert (
        str(error) == "r.csv, row 3, column 'lat', key 'k': not a number\n  what to do: write 29.3"
    )
    moved = InputError("bad", key="rules.x").at(Path("scenario.toml"))
    assert str(moved) == "scenario.toml, key 'rules.x': bad" and isinstance(moved, ValueError)


def _said(capsys: pytest.CaptureFixture[str]) -> str:
    """What the command wrote to stderr, without the line breaks and spaces
    the console wraps long lines with."""
    return "".join(capsys.readouterr().err.split())


def _has(said: str, *words: str) -> bool:
    return all("".join(word.split()) in said for word in words)


DORMITORY_HEADER = "dorm_id,name,lat,lon,rooms,beds_per_room,isolation,available_from,available_to"


@pytest.mark.parametrize(
    ("rows", "row", "column", "words"),
    [
        (["D1,x,29.3,106.3,5,,,2020-05-01,2020-04-01"], 2, "available_to", "before it is"),
        (["D1,x,29.3,106.3,-3,,,,"], 2, "rooms", "not a whole number of rooms"),
        (["D1,x,29.3,106.3,0,,,,"], 2, "rooms", "0 rooms"),
        (["D1,x,29.3,106.3,30000000,,,,"], 2, "rooms", "at most 10,000"),
        (["D1,x,29.3,106.3,5,0,否,,"], 2, "beds_per_room", "not a whole number of beds"),
        (["D1,x,29.3,106.3,5,30000000,否,,"], 2, "beds_per_room", "at most 20"),
        (["D1,x,29.3,106.3,5,,,,", "D1,y,29.3,106.3,5,,,,"], 3, "dorm_id", "also on row 2"),
    ],
)
def test_a_bad_dormitory_file_is_exit_2_naming_file_row_and_column(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    rows: list[str],
    row: int,
    column: str,
    words: str,
) -> None:
    """Dormitories are checked like a roster: dates in order, room and bed
    counts within bounds (30 million rooms stop at once), ids once."""
    toml = write_scenario(tmp_path, [worker("A1")])
    dorms = tmp_path / "dormitories.csv"
    dorms.write_text("\n".join([DORMITORY_HEADER, *rows]) + "\n", encoding="utf-8")
    args = ["check", str(tmp_path / "roster.csv"), "--scenario", str(toml), "--lang", "en"]
    assert run(args) == 2
    said = _said(capsys)
    assert _has(said, str(dorms), f"row {row}", f"column '{column}'", words), said
    assert "Traceback" not in said


def test_two_columns_that_could_be_the_dormitory_id_are_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`dorm_id` beside 宿舍编号: the header row and the second column are named."""
    toml = write_scenario(tmp_path, [worker("A1")])
    (tmp_path / "dormitories.csv").write_text(
        "dorm_id,宿舍编号,name,lat,lon,rooms\nD1,D2,x,29.3,106.3,5\n", encoding="utf-8"
    )
    assert run(["check", str(tmp_path / "roster.csv"), "--scenario", str(toml)]) == 2
    said = _said(capsys)
    assert _has(said, "dormitories.csv", "第 1 行", "列“B”", "two columns could be the dorm_id")


@pytest.mark.parametrize("year", ["9999", "1999", str(date.today().year + YEARS_AHEAD + 1)])
def test_a_departure_far_off_is_exit_2_naming_the_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], year: str
) -> None:
    """A departure before 2000 or more than a few years ahead is a typing error."""
    toml = write_scenario(tmp_path, [worker("A1")])
    text = toml.read_text(encoding="utf-8")
    toml.write_text(text.replace('departure = "2020', f'departure = "{year}'), encoding="utf-8")
    assert (
        run(["check", str(tmp_path / "roster.csv"), "--scenario", str(toml), "--lang", "en"]) == 2
    )
    said = _said(capsys)
    assert _has(said, str(toml), "key 'scenario.departure'", f"the year {year}", "what to do")


def test_an_announced_bus_no_plan_has_is_exit_2_naming_it(
    planned: PlannedBatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`[replan] announced` naming a bus the earlier plan lacks stops the re-plan."""
    scenario = tmp_path / "in"
    shutil.copytree(planned.scenario.parent, scenario)
    toml = scenario / "scenario.toml"
    text = toml.read_text(encoding="utf-8")
    toml.write_text(text + '\n[replan]\nannounced = ["B0nosuch"]\n', encoding="utf-8")
    args = ["replan", str(planned.out), "--out", str(tmp_path / "r"), "--scenario", str(toml)]
    assert run([*args, "--ledger", str(tmp_path / "l.sqlite"), "--lang", "en"]) == 2
    said = _said(capsys)
    assert _has(said, str(toml), "key 'replan.announced'", "B0nosuch", "not in the earlier plan")
    assert not (tmp_path / "r").exists()


@pytest.mark.parametrize("coordinates", [False, True])
def test_geocode_without_an_address_column_is_exit_2_naming_what_it_looked_for(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], coordinates: bool
) -> None:
    """The file and the address headers it knows are named; empty lat and lon
    columns do not stand in for the address."""
    dropped = {"home_address"} if coordinates else {"home_address", "lat", "lon"}
    roster = write_roster(
        tmp_path / "r.csv", [{k: v for k, v in worker("A1").items() if k not in dropped}]
    )
    assert run(["geocode", str(roster), "--out", str(tmp_path / "g.csv"), "--lang", "en"]) == 2
    said = _said(capsys)
    assert _has(said, str(roster), "home_address", "地址", "what to do"), said
    assert not (tmp_path / "g.csv").exists()


def test_an_online_geocoder_out_of_reach_is_exit_2_saying_what_to_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """No network: exit 2, the geocoder named, and the offline gazetteer offered."""
    from geopy.exc import GeocoderUnavailable as NoNetwork

    from returnbus.io import online

    def no_network(self: online.OnlineGeocoder, text: str) -> None:
        raise NoNetwork("no route to host")

    monkeypatch.setattr(online.OnlineGeocoder, "_query", no_network)
    monkeypatch.setattr(online, "RateLimiter", lambda ask, **_: ask)  # no waits between retries
    roster = write_roster(tmp_path / "r.csv", [worker("A1")])
    args = ["geocode", str(roster), "--out", str(tmp_path / "g.csv"), "--online", "nominatim"]
    assert run([*args, "--cache", str(tmp_path / "cache.json")]) == 2
    said = _said(capsys)
    assert _has(said, "错误", "'nominatim' cannot be reached", "处理办法", "without --online")
    assert _has(said, "offline gazetteer") and "Traceback" not in said


def test_diff_out_at_a_folder_is_exit_2(
    planned: PlannedBatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`diff --out` naming a folder, or a file that is not .csv or .xlsx, stops."""
    assert run(["diff", str(planned.out), str(planned.out), "--out", str(tmp_path)]) == 2
    assert _has(_said(capsys), str(tmp_path), "--out names a folder")
    assert run(["diff", str(planned.out), str(planned.out), "--out", str(tmp_path / "d.txt")]) == 2
    assert not (tmp_path / "d.txt").exists()


@pytest.mark.parametrize(
    ("key", "value", "zh", "en"),
    [
        ("batch", "第九批", "属于不同批次", "different batches"),
        ("scenario", "another", "来自不同的场景", "different scenarios"),
    ],
)
def test_diff_of_plans_of_other_scenarios_or_batches_warns(
    planned: PlannedBatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    key: str,
    value: str,
    zh: str,
    en: str,
) -> None:
    """Two plans of different scenarios or batches are compared, with a
    warning first: in Chinese, or in English with --lang en."""
    other = tmp_path / "other"
    shutil.copytree(planned.out, other)
    plan = json.loads((other / "plan.json").read_text(encoding="utf-8"))
    plan[key] = value
    (other / "plan.json").write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
    capsys.readouterr()
    assert run(["diff", str(planned.out), str(other)]) == 0
    said = _said(capsys)
    assert _has(said, "警告", zh, value)
    assert run(["diff", str(planned.out), str(other), "--lang", "en"]) == 0
    assert _has(_said(capsys), "warning:", en, value)


def _broken_workbook(path: Path, rows: Sequence[Sequence[object]]) -> Path:
    """A workbook of ``rows`` whose sheet XML is cut in two by junk."""
    from openpyxl import Workbook

    good = path.with_name(f"good-{path.name}")
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(list(row))
    book.save(good)
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2] + b"<<broken" + data[len(data) // 2 :]
            target.writestr(item, data)
    return path


def test_workbooks_whose_sheet_xml_is_broken_are_exit_2_naming_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A roster, a dormitory file or an employers file in a damaged workbook."""
    rows = [[*worker(f"A{k}")] if k == 0 else [*worker(f"A{k}").values()] for k in range(40)]
    roster = _broken_workbook(tmp_path / "roster.xlsx", rows)
    assert run(["check", str(roster)]) == 2
    assert _has(_said(capsys), str(roster), "damaged", "处理办法")
    toml = write_scenario(tmp_path / "s", [worker("A1")])
    dorms: list[list[object]] = [["dorm_id", "name", "lat", "lon", "rooms"]]
    dorms += [[f"D{k}", "x", 29.3, 106.3, 5] for k in range(40)]
    _broken_workbook(tmp_path / "s" / "dorms.xlsx", dorms)
    employers: list[list[object]] = [["employer_id", "name", "lat", "lon"]]
    employers += [[f"E{k}", "x", 29.3, 106.3] for k in range(40)]
    _broken_workbook(tmp_path / "s" / "employers.xlsx", employers)
    text = toml.read_text(encoding="utf-8")
    for key, name in (("dormitories", "dorms.xlsx"), ("employers", "employers.xlsx")):
        toml.write_text(text.replace(f'{key} = "{key}.csv"', f'{key} = "{name}"'), encoding="utf-8")
        assert run(["check", str(tmp_path / "s" / "roster.csv"), "--scenario", str(toml)]) == 2
        assert _has(_said(capsys), name, "damaged")


def test_verify_counts_a_damaged_workbook_as_exit_2(
    planned: PlannedBatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`verify --roster` with a damaged workbook stops naming it, as the planner does."""
    roster = _broken_workbook(tmp_path / "r.xlsx", [["工号", "姓名"]] * 40)
    assert run(["verify", str(planned.out), "--roster", str(roster)]) == 2
    assert _has(_said(capsys), str(roster), "damaged")


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_cell_of_ten_thousand_characters_is_exit_2_naming_row_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str
) -> None:
    """A name or an address of 10,000 characters: row, column and the bound."""
    rows = [worker("A1"), worker("A2", name="张" * 10_000), worker("A3")]
    roster = write_roster(tmp_path / "r.csv", rows)
    if suffix == ".xlsx":
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.append(list(rows[0]))
        for row in rows:
            sheet.append(list(row.values()))
        roster = tmp_path / "r.xlsx"
        book.save(roster)
    assert run(["check", str(roster), "--lang", "en"]) == 2
    said = _said(capsys)
    assert _has(said, str(roster), "row 3", "column 'B'", "10,000 characters", "at most 500")


def test_errors_are_said_in_chinese_unless_english_is_asked_for(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Where and what to do are Chinese by default, English with --lang en."""
    error = InputError("not a number", path="r.csv", row=3, column="纬度", hint="write 29.3")
    assert error.said("zh") == "文件 r.csv，第 3 行，列“纬度”：not a number\n  处理办法：write 29.3"
    assert error.said("en") == str(error)
    missing = tmp_path / "none.toml"
    assert run(["plan", str(missing), "--out", str(tmp_path / "o")]) == 2
    assert "错误" in capsys.readouterr().err
    assert run(["plan", str(missing), "--out", str(tmp_path / "o"), "--lang", "en"]) == 2
    said = capsys.readouterr().err
    assert "error:" in said and "错误" not in said
