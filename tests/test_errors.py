"""Errors a user reads."""

from __future__ import annotations

import ast
import json
import re
import shutil
import sqlite3
import string
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from pathlib import Path

import pytest

import returnbus
from returnbus.domain import YEARS_AHEAD
from returnbus.errors import InputError
from returnbus.helptext import CHINESE
from returnbus.render.labels import LABELS, label
from returnbus.text import CATALOGUE, Lang, Text, by_count, first_ids

from .helpers import DEPOT, PlannedBatch, run, worker, write_roster, write_scenario


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
    # A text file (the scenario) has lines where a table has rows.
    line = InputError(Text("toml_unclosed_list"), line=11, hint="x").at(Path("scenario.toml"))
    assert str(line).startswith("scenario.toml, line 11: ") and line.line == 11
    assert line.said().startswith("文件 scenario.toml，第 11 行：")


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
        (["D1,x,29.3,106.3,0,,,,"], 2, "rooms", "'0' is not a whole number of rooms"),
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


def test_an_employer_without_a_name_is_exit_2_in_chinese_naming_its_cell(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A blank name would be a key claiming every dormitory without an owner:
    the file, row and column are named, with what to do, in Chinese."""
    toml = write_scenario(tmp_path, [worker("A1")])
    employers = tmp_path / "employers.csv"
    employers.write_text("企业编号,企业名称,纬度,经度\nE1,,29.3,106.3\n", encoding="utf-8")
    assert run(["check", str(tmp_path / "roster.csv"), "--scenario", str(toml)]) == 2
    said = _said(capsys)
    assert _has(said, "employers.csv", "第 2 行", "列“企业名称”", "没有填写企业名称")
    assert _has(said, "处理办法", "请填写企业名称")
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
    assert _has(said, "dormitories.csv", "第 1 行", "列“B”", "有两列都可能是 dorm_id")


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


@pytest.mark.parametrize(
    ("typed", "command", "lang"),
    [
        ("20200317", "plan", "zh"),
        ("20200317", "check", "en"),
        ('"20200317"', "check", "zh"),
        ("2020-03-17", "plan", "en"),
    ],
)
def test_a_departure_that_is_a_number_or_a_date_alone_is_exit_2_with_an_example(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], typed: str, command: str, lang: str
) -> None:
    """`departure = 20200317` (a bare number) or a date with no time is no
    date and time: said so, with a date and time to copy; not that it "needs
    a UTC offset", as if adding +08:00 would do."""
    toml = write_scenario(tmp_path, [worker("A1")])
    text = toml.read_text(encoding="utf-8")
    toml.write_text(
        text.replace('departure = "2020-03-17T05:00:00+08:00"', f"departure = {typed}"),
        encoding="utf-8",
    )
    given = {
        "plan": [str(toml), "--out", str(tmp_path / "out")],
        "check": [str(tmp_path / "roster.csv"), "--scenario", str(toml)],
    }[command]
    assert run([command, *given, *(["--lang", "en"] if lang == "en" else [])]) == 2
    said = _said(capsys)
    shown = typed.strip('"')
    example = '"2020-03-17T05:00:00+08:00"'
    if lang == "en":
        form = "year-month-day, the letter T, hour:minute:second and the time zone"
        words = ["key 'scenario.departure'", f"'{shown}' is not a date and time", form, example]
    else:
        form = "年-月-日、字母 T、时:分:秒、时区"
        words = ["设置项 scenario.departure", f"“{shown}”不是所需格式的日期时间", form, example]
    assert _has(said, str(toml), *words), said
    # Not the jargon once said ("ISO date-time"), nor "needs a UTC offset" as if +08:00 would do.
    assert not _has(said, "ISO"), said
    assert not _has(said, "UTC offset") and not _has(said, "需要带时区"), said


@pytest.mark.parametrize(
    ("typed", "where"),
    [
        ('"2020-02-30T05:00:00+08:00"', "设置项 scenario.departure"),
        ("2020-02-30T05:00:00+08:00", "行："),  # a TOML date-time: tomllib refuses it
    ],
)
def test_a_departure_on_a_day_the_calendar_has_not_is_said_not_to_exist(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], typed: str, where: str
) -> None:
    """2020-02-30 was "not in the form year-month-day..." (quoted) or "not a
    number, true/false or quoted text" (bare): the form is right, the day is not."""
    toml = write_scenario(tmp_path, [worker("A1")])
    text = toml.read_text(encoding="utf-8")
    toml.write_text(
        text.replace('departure = "2020-03-17T05:00:00+08:00"', f"departure = {typed}"),
        encoding="utf-8",
    )
    assert run(["check", str(tmp_path / "roster.csv"), "--scenario", str(toml)]) == 2
    said = _said(capsys)
    if where == "行：":  # the line it is on
        number = text.split("\n").index('departure = "2020-03-17T05:00:00+08:00"') + 1
        where = f"第 {number} 行："
    assert _has(said, where, "2020-02-30 这一天不存在：2020 年 2 月共 29 天", "日历上有的日期"), (
        said
    )
    assert not _has(said, "格式的日期时间") and not _has(said, "不是数字"), said


def test_a_number_too_long_to_read_is_exit_2_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A seed of 5,000 digits (which int() refuses) is bad input, not an internal fault."""
    toml = write_scenario(tmp_path, [worker("A1")])
    text = toml.read_text(encoding="utf-8")
    toml.write_text(text.replace("seed = 1\n", f"seed = {'9' * 5000}\n"), encoding="utf-8")
    assert run(["plan", str(toml), "--out", str(tmp_path / "out"), "--lang", "en"]) == 2
    line = text[: text.index("seed = 1\n")].count("\n") + 1
    said = _said(capsys)
    assert _has(said, str(toml), f"line {line}", "5,000 digits", "what to do") and "row" not in said


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
    said = capsys.readouterr().err
    assert _has("".join(said.split()), str(toml), "key 'replan.announced'")
    assert "announced bus B0nosuch is not in the earlier plan" in " ".join(said.split()), said
    assert not (tmp_path / "r").exists()
    # Two such buses are listed the desk's way: 、 in Chinese, ", " in English.
    toml.write_text(text + '\n[replan]\nannounced = ["B0nosuch", "B0other"]\n', encoding="utf-8")
    assert run([*args, "--ledger", str(tmp_path / "l.sqlite")]) == 2
    assert "B0nosuch、B0other" in _said(capsys)
    assert run([*args, "--ledger", str(tmp_path / "l.sqlite"), "--lang", "en"]) == 2
    said = " ".join(capsys.readouterr().err.split())
    assert "announced buses B0nosuch, B0other are not in the earlier plan" in said, said


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


def test_a_roster_without_an_id_column_names_the_headers_it_takes_in_the_desk_s_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The missing column is named as the desk would head it (工号/员工编号 ...;
    worker_id / employee_id ... with --lang en), not as "worker_id" alone in Chinese."""
    roster = write_roster(
        tmp_path / "r.csv", [{k: v for k, v in worker("A1").items() if k != "worker_id"}]
    )
    assert run(["check", str(roster)]) == 2
    said = _said(capsys)
    headers = "工号/员工编号/员工号/职工编号/编号/人员编号"
    assert _has(said, str(roster), f"列“{headers}”"), said
    assert "列“worker_id”" not in said
    assert run(["check", str(roster), "--lang", "en"]) == 2
    said = _said(capsys)
    assert _has(said, str(roster), "column 'worker_id / workerid / employee_id / id'"), said


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
    assert _has(said, "错误", "无法连接在线地理编码服务“nominatim”", "处理办法", "不加 --online")
    assert _has(said, "离线地名库") and "Traceback" not in said
    assert _has(said, "住址将发送给在线地理编码服务 nominatim")  # they were sent


@pytest.mark.parametrize(
    ("online", "refused"),
    [("foo", "未知的在线地理编码服务“foo”"), ("amap", "amap")],
    ids=["unknown", "no-key"],
)
def test_an_online_geocoder_refused_is_never_said_to_be_sent_the_addresses(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    online: str,
    refused: str,
) -> None:
    """An unknown geocoder, or one without its key, is refused with no word
    of addresses sent to it: none are."""
    monkeypatch.delenv("RETURNBUS_GEOCODER_KEY", raising=False)
    roster = write_roster(tmp_path / "r.csv", [worker("A1")])
    args = ["geocode", str(roster), "--out", str(tmp_path / "g.csv"), "--online", online]
    assert run([*args, "--cache", str(tmp_path / "cache.json")]) == 2
    captured = capsys.readouterr()
    said = "".join((captured.out + captured.err).split())
    assert _has(said, "错误", refused, "处理办法") and "发送" not in said, said
    assert run([*args, "--cache", str(tmp_path / "cache.json"), "--lang", "en"]) == 2
    captured = capsys.readouterr()
    assert "sent" not in captured.out + captured.err and "error:" in captured.err
    assert not (tmp_path / "g.csv").exists()


def test_diff_out_at_a_folder_is_exit_2(
    planned: PlannedBatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`diff --out` naming a folder, or a file that is not .csv or .xlsx, stops."""
    assert run(["diff", str(planned.out), str(planned.out), "--out", str(tmp_path)]) == 2
    assert _has(_said(capsys), str(tmp_path), "--out 指定的是文件夹")
    assert run(["diff", str(planned.out), str(planned.out), "--out", str(tmp_path / "d.txt")]) == 2
    assert not (tmp_path / "d.txt").exists()


@pytest.mark.parametrize(
    ("key", "value", "zh", "en"),
    [
        ("batch", "第九批", "属于不同批次", "different batches"),
        ("scenario", "another", "来自不同的方案文件", "different scenarios"),
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
    err = capsys.readouterr().err
    said = "".join(err.split())
    assert _has(said, "警告", zh, value)
    assert err.startswith("警告： ") and not err.startswith("警告：  "), err  # one space
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
    assert _has(_said(capsys), str(roster), "已损坏", "处理办法")
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
        assert _has(_said(capsys), name, "已损坏")


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


def test_an_error_at_a_folder_calls_it_a_folder_in_chinese(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An error whose path is a folder was headed "文件 zh_out：": a folder is
    文件夹.  A file, or a path not there, is still 文件; English names the
    path alone, as it did."""
    folder = tmp_path / "zh_out"
    folder.mkdir()
    error = InputError(Text("no_plan"), path=folder, hint=Text("no_plan_action"))
    assert error.said().startswith(f"文件夹 {folder}："), error.said()
    assert str(error).startswith(f"{folder}: "), str(error)
    (tmp_path / "r.csv").write_text("工号\n", encoding="utf-8")
    for path in (tmp_path / "r.csv", tmp_path / "none.csv"):
        assert InputError("x", path=path).said() == f"文件 {path}：x"
    for command in ("verify", "check"):
        assert run([command, str(folder)]) == 2
        said = _said(capsys)
        assert _has(said, f"错误：文件夹 {folder}：") and f"文件{folder}" not in said, said
        assert run([command, str(folder), "--lang", "en"]) == 2
        assert _has(_said(capsys), f"error: {folder}:")


def test_catalogue_messages_are_said_in_chinese_and_kept_when_moved() -> None:
    """A message and hint from the catalogue: ``str`` is the English, `said`
    the Chinese; `at` and `in_column` keep both."""
    error = InputError(Text("file_not_found"), path="r.csv", hint=Text("check_path"))
    moved = error.at(Path("s.csv")).in_column("工号")
    assert str(moved) == "s.csv, column '工号': file not found\n  what to do: check the path"
    assert moved.said() == "文件 s.csv，列“工号”：找不到文件\n  处理办法：请核对文件路径"
    assert moved.said("en") == str(moved)
    assert isinstance(moved.message, Text) and isinstance(moved.hint, Text)


def test_catalogue_says_the_same_values_in_both_languages() -> None:
    """Each sentence's Chinese uses the placeholders and formats of its English,
    so that saying an error in Chinese never fails where the English did not."""
    fields = string.Formatter()
    for key, (english, chinese) in CATALOGUE.items():
        said = [
            {(name, spec) for _, name, spec, _ in fields.parse(text) if name}
            for text in (english, chinese)
        ]
        assert said[0] == said[1], key


def test_each_paper_has_its_own_chinese_name_and_messages_say_it() -> None:
    """The desk tells a bus's papers apart by name: the manifest, handed to
    the employer, is 乘车人员名单, not the registration form's 乘客信息登记表
    (both were so called); and no message, label or help text says it by
    another name (乘车名单, as verify's and re-plan's messages did)."""
    papers = ("driver_sheet", "registration", "seat_map", "manifest")
    names = [LABELS[key][1] for key in papers]
    assert len(set(names)) == len(names), names
    assert LABELS["manifest"] == ("Passenger manifest", "乘车人员名单")
    others = [zh for key, (_, zh) in LABELS.items() if key != "registration"]
    assert not [text for text in others if "乘客信息登记表" in text]
    chinese = [*others, *(zh for _, zh in CATALOGUE.values()), *CHINESE.values()]
    assert not [text for text in chinese if "乘车名单" in text]
    assert [zh for _, zh in CATALOGUE.values() if "乘车人员名单" in zh]


#: A Chinese character, and one or a mark of Chinese text (，、：“”（）……).
_HAN = r"[\u3400-\u9fff]"
_CHINESE = r"[\u3400-\u9fff\u3000-\u303f\uff01-\uff0f\uff1a-\uff20“”‘’…]"
#: A space inside Chinese text: between two Chinese characters or marks (不是 男,
#: “{value}” 不是), or beside a slash between Chinese words (工号 / 员工编号; not
#: beside a path's, 如 /dev/null).
_SPACE_IN_CHINESE = re.compile(rf"{_CHINESE} +{_CHINESE}|{_HAN}( +/ *| */ +){_HAN}")


def test_chinese_text_has_no_space_between_its_words() -> None:
    """Chinese is written without spaces between its words or around a list
    of them (不是绿/黄/红, not 不是 绿/黄/红); a space is kept only beside a
    number, a Latin word or a value put in (请补充 11 位手机号, 不是 zh 或 en,
    {file} 不是工作簿), as the catalogue writes them."""
    from returnbus.io.roster import HEADER_ALIASES
    from returnbus.io.tables import fields_wanted, headers_accepted
    from returnbus.text import say

    spaced = [
        (key, chinese)
        for table in (CATALOGUE, LABELS)
        for key, (_, chinese) in table.items()
        if _SPACE_IN_CHINESE.search(chinese)
    ]
    assert spaced == []
    assert _SPACE_IN_CHINESE.search("不是 绿/黄/红") and _SPACE_IN_CHINESE.search("“x” 不是")
    assert not _SPACE_IN_CHINESE.search("请补充 11 位手机号，{file} 不是 zh 或 en（如 /dev/null）")
    # The headers a missing column may have, as the desk is told them.
    wanted = say(fields_wanted(["worker_id"], HEADER_ALIASES), "zh")
    assert wanted.startswith("工号/员工编号/"), wanted
    accepted = say(headers_accepted("worker_id", HEADER_ALIASES), "zh")
    assert accepted.startswith("工号/员工编号/") and not _SPACE_IN_CHINESE.search(accepted)
    english = say(headers_accepted("worker_id", HEADER_ALIASES), "en")
    assert english.startswith("worker_id / workerid"), english


def _longest_english_run(text: str) -> int:
    """The most English words in a row in ``text`` (a path, an id, a setting
    such as ``[roster.columns]`` or one word in a Chinese sentence breaks a run)."""
    longest = run = 0
    for token in text.split():
        run = run + 1 if re.fullmatch(r"[(\"']?[A-Za-z']+[)\"',.;:]*", token) else 0
        longest = max(longest, run)
    return longest


def _roster_without_worker_id(tmp_path: Path, _: PlannedBatch) -> list[str]:
    rows = [{k: v for k, v in worker("A1").items() if k != "worker_id"}]
    toml = write_scenario(tmp_path, rows)
    return ["check", str(tmp_path / "roster.csv"), "--scenario", str(toml)]


def _scenario_with_a_bad_key(tmp_path: Path, _: PlannedBatch) -> list[str]:
    toml = write_scenario(tmp_path, [worker("A1")], rules="max_ride_minutse = 300")
    return ["check", str(tmp_path / "roster.csv"), "--scenario", str(toml)]


def _depot_left_at_zero(tmp_path: Path, _: PlannedBatch) -> list[str]:
    toml = write_scenario(tmp_path, [worker("A1")])
    text = toml.read_text(encoding="utf-8")
    toml.write_text(
        text.replace(f"lat = {DEPOT[0]}\nlon = {DEPOT[1]}", "lat = 0\nlon = 0"), encoding="utf-8"
    )
    return ["plan", str(toml), "--out", str(tmp_path / "out")]


def _foreign_ledger(tmp_path: Path, _: PlannedBatch) -> list[str]:
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE customers (name TEXT)")
    db.close()
    return ["ledger", "show", str(path)]


def _edit_of_an_unknown_action(tmp_path: Path, planned: PlannedBatch) -> list[str]:
    edits = tmp_path / "edits.csv"
    edits.write_text("action,bus_id\nfly,B1\n", encoding="utf-8")
    out, ledger = tmp_path / "r", tmp_path / "l.sqlite"
    return [
        "replan",
        str(planned.out),
        "--out",
        str(out),
        "--edits",
        str(edits),
        "--ledger",
        str(ledger),
    ]


@pytest.mark.parametrize(
    ("bad_input", "chinese", "english"),
    [
        (
            _roster_without_worker_id,
            "缺少必需的列：工号/员工编号/员工号（或 worker_id）",
            "missing required column: worker_id",
        ),
        (
            _scenario_with_a_bad_key,
            "设置项 rules.max_ride_minutse：未知的设置项",
            "unknown setting",
        ),
        (
            _depot_left_at_zero,
            "设置项 depot.lat：（0.0, 0.0）不在中国境内",
            "is outside China",
        ),
        (
            _foreign_ledger,
            "不是 returnbus 台账，或台账已损坏（其中有其他数据表）",
            "not a returnbus ledger",
        ),
        (
            _edit_of_an_unknown_action,
            "“fly”不是移动、锁定、关闭、解锁或恢复",
            "'fly' is not move",
        ),
    ],
    ids=["roster", "scenario", "depot", "ledger", "edits"],
)
def test_bad_input_is_said_in_chinese_by_default_and_in_english_with_lang_en(
    planned: PlannedBatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    bad_input: Callable[[Path, PlannedBatch], list[str]],
    chinese: str,
    english: str,
) -> None:
    """What is wrong and what to do, not only where, are Chinese for the desk:
    no English sentence is left in them; ``--lang en`` says it all in English."""
    args = bad_input(tmp_path, planned)
    capsys.readouterr()
    assert run(args) == 2
    said = capsys.readouterr().err
    assert _has(_squeezed(said), "错误：", chinese, "处理办法："), said
    assert english not in " ".join(said.split()) and "what to do" not in said, said
    assert _longest_english_run(said) < 4, said
    assert run([*args, "--lang", "en"]) == 2
    said = " ".join(capsys.readouterr().err.split())  # the console wraps long lines
    assert "error:" in said and english in said and "what to do:" in said, said
    assert "错误" not in said and "处理办法" not in said, said


def _squeezed(text: str) -> str:
    return "".join(text.split())


#: The exceptions whose message and hint the desk reads.
_SAID = {"InputError", "GeocoderUnavailable"}


def _sources() -> Iterator[tuple[Path, ast.Module]]:
    for path in sorted(Path(returnbus.__file__).parent.rglob("*.py")):
        yield path, ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _said_classes() -> set[str]:
    """`InputError`, `GeocoderUnavailable` and their subclasses."""
    classes = set(_SAID)
    for _, tree in _sources():
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and any(
                isinstance(b, ast.Name) and b.id in _SAID for b in node.bases
            ):
                classes.add(node.name)
    return classes


def _from_catalogue(node: ast.expr, scope: ast.AST | None, *, blank: bool = False) -> bool:
    """Whether ``node`` is a catalogue sentence: a `Text` (or `joined`,
    `listed`) built here, the message or hint of another error passed on,
    or a name the enclosing function types as `Text` or sets only to one.
    ``blank``: the empty string (no hint) will do too."""
    if isinstance(node, ast.Constant):
        return blank and node.value == ""
    if isinstance(node, ast.Call):
        return isinstance(node.func, ast.Name) and node.func.id in ("Text", "joined", "listed")
    if isinstance(node, ast.Attribute):
        return node.attr in ("message", "hint")
    if isinstance(node, ast.BoolOp):
        return all(_from_catalogue(v, scope, blank=blank) for v in node.values)
    if isinstance(node, ast.IfExp):
        return all(_from_catalogue(v, scope, blank=blank) for v in (node.body, node.orelse))
    if not isinstance(node, ast.Name) or scope is None:
        return False
    typed = [
        a.annotation
        for a in ast.walk(scope)
        if isinstance(a, ast.arg) and a.arg == node.id and a.annotation is not None
    ] + [
        a.annotation
        for a in ast.walk(scope)
        if isinstance(a, ast.AnnAssign)
        and isinstance(a.target, ast.Name)
        and a.target.id == node.id
    ]
    if typed:
        return all("Text" in ast.unparse(t) for t in typed)
    values = [
        a.value
        for a in ast.walk(scope)
        if isinstance(a, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == node.id for t in a.targets)
    ]
    return bool(values) and all(_from_catalogue(v, None, blank=blank) for v in values)


def _raise_sites(tree: ast.Module, classes: set[str]) -> Iterator[tuple[ast.Call, ast.AST | None]]:
    """Each call of one of ``classes`` in ``tree``, with its enclosing function."""
    parents: dict[ast.AST, ast.AST] = {}
    for parent in ast.walk(tree):
        for child in ast.iter_child_nodes(parent):
            parents[child] = parent
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and (
            getattr(node.func, "id", getattr(node.func, "attr", "")) in classes
        ):
            scope = parents.get(node)
            while scope is not None and not isinstance(
                scope, ast.FunctionDef | ast.AsyncFunctionDef
            ):
                scope = parents.get(scope)
            yield node, scope


def _english_only(tree: ast.Module, classes: set[str]) -> tuple[int, list[str]]:
    """How many calls of ``classes`` ``tree`` makes, and those given a message
    or a hint that is not from the catalogue (line: the argument)."""
    found, problems = 0, []
    for call, scope in _raise_sites(tree, classes):
        found += 1
        message = call.args[0] if call.args else None
        hints = []
        for keyword in call.keywords:
            if keyword.arg == "message":
                message = keyword.value
            elif keyword.arg == "hint":
                hints.append(keyword.value)
        if message is None or not _from_catalogue(message, scope):
            problems.append(f"{call.lineno}: {ast.unparse(message) if message else '?'}")
        problems += [
            f"{call.lineno}: hint={ast.unparse(hint)}"
            for hint in hints
            if not _from_catalogue(hint, scope, blank=True)
        ]
    return found, problems


def test_every_error_the_desk_reads_is_built_from_the_catalogue() -> None:
    """Every `InputError` (and `GeocoderUnavailable`) raised is given its
    message, and its hint, as catalogue sentences, so that none is English
    only: the desk reads them in Chinese."""
    classes = _said_classes()
    found, english_only = 0, []
    for path, tree in _sources():
        count, problems = _english_only(tree, classes)
        found += count
        english_only += [f"{path.name}:{problem}" for problem in problems]
    assert found > 100  # the walk found the raise sites
    assert english_only == []
    bad = """
def f(value: str, hint: str, said: Text) -> None:
    message = f"{value!r} is bad"
    raise InputError(message, hint=hint)
    raise InputError("bad", hint=Text("check_path"))
    raise InputError(Text("file_not_found"), hint="check " + value)
    raise InputError(said, hint=said or "")
"""
    assert _english_only(ast.parse(bad), classes) == (
        4,
        ["4: message", "4: hint=hint", "5: 'bad'", "6: hint='check ' + value"],
    )


def test_every_input_error_says_what_to_do() -> None:
    """Every `InputError` raised is given a hint: the desk is told what to do,
    not only what is wrong."""
    without = [
        f"{path.name}:{call.lineno}"
        for path, tree in _sources()
        for call, _ in _raise_sites(tree, {"InputError"})
        if call.args and not any(keyword.arg == "hint" for keyword in call.keywords)
    ]
    assert without == []


def test_a_setting_s_allowed_values_are_listed_in_the_desk_s_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A setting's values are listed with 、 in Chinese and ", " in English."""
    toml = write_scenario(tmp_path, [worker("A1")], rules='min_precision = "house"')
    args = ["check", str(tmp_path / "roster.csv"), "--scenario", str(toml)]
    assert run(args) == 2
    said = _said(capsys)
    assert "exact、township、county" in said and "exact," not in said, said
    assert run([*args, "--lang", "en"]) == 2
    assert "exact, township, county" in " ".join(capsys.readouterr().err.split())


def test_the_first_ids_of_a_message_are_listed_in_the_desk_s_language() -> None:
    """`first_ids` lists with 、 in Chinese and ", " in English, the rest as "..."."""
    message = Text("additions_clash", count=12, ids=first_ids([f"W{i}" for i in range(12)]))
    assert message.said("zh").endswith("：W0、W1、W2、W3、W4、W5、W6、W7、W8、W9、...")
    assert message.said("en").endswith(": W0, W1, W2, W3, W4, W5, W6, W7, W8, W9, ...")


#: The lists joined with ", " that are no sentence said to the desk: a cell of
#: a synthetic roster, the value cell of a `check` issue and diff's `changed`
#: field (contracts of the README), and the English form of an `InputError`.
_COMMA_JOINS = Counter({"synthetic.py": 1, "campaign.py": 1, "reports.py": 1, "errors.py": 1})


def test_lists_said_to_the_desk_are_not_joined_with_the_english_comma() -> None:
    """A list said to the desk is `listed` (、 in Chinese), not joined with ", "."""
    joins = Counter(
        path.name
        for path, tree in _sources()
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "join"
        and isinstance(node.func.value, ast.Constant)
        and node.func.value.value == ", "
    )
    assert joins == _COMMA_JOINS


def test_a_count_of_one_agrees_in_number_in_english(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """1 row, 2 rows in English; the Chinese, whose words do not change with
    the count, is the same for one as for many."""
    roster = write_roster(tmp_path / "r.csv", [worker("A1")])
    run(["check", str(roster), "--lang", "en"])
    said = " ".join(capsys.readouterr().out.split())
    assert "1 row (" in said and "1 rows" not in said, said
    assert "0 errors (rows left out" in said and "0 warnings (planned" in said, said
    assert label(by_count("diff_workers_changed", 2, LABELS), "en", count=2) == "2 workers changed"
    assert label(by_count("title_diff_buses", 1, LABELS), "en", count=1).startswith("1 bus added")
    for table in (CATALOGUE, LABELS):
        for key, many in ((k, k.removesuffix("_one")) for k in table if k.endswith("_one")):
            if many not in table:
                continue  # no count (day_one: the one day of several)
            assert table[key][1] == table[many][1], key  # the Chinese does not change
            assert table[key][0] != table[many][0], key


_BEDS_DIFFER = {
    "path": "l.sqlite",
    "folder": "out/1",
    "batch": "1",
    "workers": "A",
    "worker": "A",
    "held": "D1",
    "planned": "D2",
}

_OVERDRAWN = {"held": 1, "bus_type": "C45", "days": "on 3-17", "fleet": 0, "batches": "1"}

#: Messages a desk may read with a count of one, their values, and the English then.
_SAID_OF_ONE = (
    (
        "edited_list_not_plans",
        {"name": "arrivals.csv", "count": 1, "first": "W1"},
        "puts 1 worker where",
    ),
    ("fields_fewer", {"count": 1, "width": 9}, "the row has only 1 cell where"),
    ("log_kept_bus_sent", {"bus": "B1", "count": 1}, "its 1 rider sent to quarantine"),
    ("fleet_type_overused", {"count": 1, "bus_type": "C45", "available": 0}, "1 bus of type"),
    (
        "bus_whole_bus_to_work",
        {"bus": "B1", "count": 1, "workers": "A", "bound": "Y"},
        "1 rider going to work (A) shares",
    ),
    ("bus_sharing_nobody_bound", {"bus": "B1", "count": 1, "workers": "A"}, "1 rider is sent"),
    ("sharing_not_whole_bus", {"count": 1, "workers": "A", "cohorts": "x"}, "1 worker is sent"),
    ("bus_under_minimum", {"bus": "B1", "count": 1, "minimum": 5}, "B1: 1 rider, under"),
    ("workers_accounted", {"total": 1, "expected": 2}, "1 worker accounted for"),
    ("bed_nights", {"worker": "A", "nights": 1}, "a bed for 1 night,"),
    ("boarding_count", {"where": "S", "count": 1, "planned": 2, "workers": "A"}, "boards 1 rider,"),
    ("ledger_show_overdrawn", _OVERDRAWN, "1 bus of type C45 is out"),
    ("announced_unknown", {"buses": "B1"}, "announced bus B1 is not in"),
    ("kept_bus_no_beds", {"count": 1, "buses": "bus B1"}, "1 rider of the kept bus B1 now needs"),
    (
        "kept_room_gone_no_bed",
        {"count": 1, "buses": "bus B1", "workers": "A"},
        "1 rider of the kept bus B1 (A) had a bed in a room the",
    ),
    ("additions_clash", {"count": 1, "ids": "A"}, "1 worker id of the additions is already"),
    (
        "additions_no_batch_rows",
        {"batch": "1", "batches": "2"},
        "no row of batch 1, only rows of the batch 2:",
    ),
    ("drop_list_foreign", {"count": 1, "batch": "1"}, "the 1 worker id of this drop list is not"),
    (
        "log_beds_room_gone",
        {"count": 1, "rooms": "D1 101"},
        "1 bed of the earlier plan is in a room the dormitories file no longer has (D1 101): its",
    ),
    (
        "log_closed_place_served",
        {"point": "P1", "count": 1, "stops": "P2 (B1)"},
        "1 other stop stands at the same place and still picks up there",
    ),
    ("log_table_rows_hidden_read", {"file": "r.xlsx", "rows": "3"}, "r.xlsx: row 3 is hidden"),
    ("table_rows_hidden", {"rows": "3"}, "row 3 is hidden in the workbook"),
    ("columns_missing", {"names": "worker_id"}, "missing required column: worker_id"),
    ("bus_ids_repeat", {"ids": "C45", "key": "fleet"}, "the bus type id C45 is given to"),
    ("room_twice", {"rooms": "101"}, "room 101 listed twice"),
    ("table_columns_missing", {"names": "bus_id"}, "missing column bus_id"),
    ("log_drop_no_id", {"file": "d.csv", "rows": "3", "column": "工号"}, "d.csv, row 3: no worker"),
    (
        "log_table_header_repeated",
        {"file": "d.csv", "rows": "3", "header": 1},
        "d.csv, row 3: the header again",
    ),
    (
        "log_sheets_hidden",
        {"file": "r.xlsx", "sheets": "S2", "sheet": "S1"},
        "the hidden sheet S2 was NOT read",
    ),
    ("log_roster_footers", {"file": "r.csv", "rows": "9 (合计)"}, "the last row 9 (合计) is read"),
    (
        "log_columns_hidden",
        {"file": "r.xlsx", "sheet": "S1", "columns": "C (phone)"},
        "hides the column C (phone), which is read",
    ),
    (
        "log_table_sheets_unread",
        {"file": "r.xlsx", "sheet": "S1", "sheets": "S2"},
        "the sheet S2 has such a header too and was NOT read",
    ),
    (
        "log_chart_sheets_passed",
        {"file": "r.xlsx", "charts": "图1", "sheet": "名单"},
        "the chart sheet 图1 holds no rows and was passed over",
    ),
)

#: Nested counted phrases (the count said with its noun), and how they say one.
_PHRASES_OF_ONE = (
    ("named_buses", {"buses": "B1"}, "bus B1"),
    ("rider_count", {"count": 1}, "1 rider"),
    ("location_count", {"count": 1}, "1 location"),
    ("file_count", {"count": 1}, "1 file"),
    ("row_count", {"count": 1}, "1 row"),
    ("room_count", {"count": 1}, "1 room"),
    ("named_sheets", {"sheets": "S2"}, "the sheet S2"),
)

#: Console labels a desk may read with a count of one, as `_SAID_OF_ONE`.
_LABELLED_OF_ONE = (
    ("not_in_roster_ignored", {"path": "d.csv", "rows": "3"}, "d.csv, row 3: not in the roster"),
    ("other_batch_ignored", {"path": "d.csv", "rows": "3"}, "d.csv, row 3: of another batch"),
    ("added_dropped", {"path": "d.csv", "rows": "3", "add": "a.csv"}, "d.csv, row 3: also added"),
)


def test_no_english_message_counts_with_a_bracketed_plural() -> None:
    """English agrees with its count ("1 row", "rows 3, 5"), never "row(s)" or
    "batch(es)": a `_one` entry or a nested counted phrase says one."""
    bracketed = [
        key
        for table in (CATALOGUE, LABELS)
        for key, (english, _) in table.items()
        if re.search(r"\w\((e?s)\)", english)
    ]
    assert bracketed == []


@pytest.mark.parametrize(("key", "values", "said"), _SAID_OF_ONE, ids=[k for k, *_ in _SAID_OF_ONE])
def test_a_message_counting_one_says_it_in_the_singular(
    key: str, values: dict[str, object], said: str
) -> None:
    """In English a count of one takes the singular (1 rider, 1 bus); and every
    place that says such a message picks its form by the count (`by_count`):
    the number of a count, or of the items a message lists (row 3, rows 3, 5)."""
    assert said in Text(by_count(key, 1), **values).said("en")
    assert said not in Text(key, **values).said("en")
    _said_by_count(key, "Text")


@pytest.mark.parametrize(
    ("key", "values", "said"), _PHRASES_OF_ONE, ids=[k for k, *_ in _PHRASES_OF_ONE]
)
def test_a_counted_phrase_says_one_in_the_singular(
    key: str, values: dict[str, object], said: str
) -> None:
    """A phrase nested in messages (bus B1, buses B1, B2; 1 rider, 2 riders)
    takes the singular for one, and is always picked by its count."""
    assert Text(by_count(key, 1), **values).said("en") == said
    assert Text(key, **values).said("en") != said
    _said_by_count(key, "Text")


@pytest.mark.parametrize(
    ("key", "values", "said"), _LABELLED_OF_ONE, ids=[k for k, *_ in _LABELLED_OF_ONE]
)
def test_a_console_label_counting_one_says_it_in_the_singular(
    key: str, values: dict[str, object], said: str
) -> None:
    """As `test_a_message_counting_one_says_it_in_the_singular`, for the
    console's labels (`label`, `counted`)."""
    assert said in label(by_count(key, 1, LABELS), "en", **values)
    assert said not in label(key, "en", **values)
    _said_by_count(key, "label")


def _said_by_count(key: str, call: str) -> None:
    """No ``call`` (``Text``, ``label``) in the sources names ``key`` but
    through `by_count`, which picks its form by the count."""
    for path, tree in _sources():
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == call
                and node.args
            ):
                assert key not in _bare(node.args[0]), (path, node.lineno)


def test_the_ledger_counts_one_bed_or_bus_in_the_singular() -> None:
    """The ledger's beds that differ from the plan, and its buses beyond the
    fleet, are counted in number: 1 bed, 2 beds; 1 bus, 2 buses."""
    for count, said in ((1, "holds 1 bed of batch"), (2, "holds 2 beds of batch")):
        beds = Text(by_count("bed_count", count), count=count)
        assert said in Text("ledger_beds_differ", **_BEDS_DIFFER, beds=beds).said("en")
    for count, said in ((1, "holds 1 bus of type C45"), (2, "holds 2 buses of type C45")):
        buses = Text(by_count("bus_count", count), count=count)
        values = {**_OVERDRAWN, "path": "l.sqlite", "buses": buses}
        assert said in Text("ledger_fleet_overdrawn", **values).said("en")


def _bare(node: ast.AST) -> Iterator[object]:
    """The constants of ``node`` outside any call (a key given to `by_count` is not)."""
    if isinstance(node, ast.Constant):
        yield node.value
    elif not isinstance(node, ast.Call):
        for child in ast.iter_child_nodes(node):
            yield from _bare(child)


#: The placeholders of a distance, a duration or a count of things that the
#: desk reads (not an id, a row's or a batch's number, nor a setting echoed
#: as the desk wrote it).
_QUANTITIES = ("km", "minutes", "direct", "actual", "count", "workers", "riders", "buses", "beds")


def test_every_distance_and_count_is_said_with_thousands_separated() -> None:
    """Every sentence and label, in either language, says a distance, a
    duration or a count of things of a thousand or more grouped by thousands
    ("1,234 km", "1,234 人"), as the plan's figures and money are: one
    reason said "1,464 km" where another said "1464 km", and the console
    "98983.1" km."""
    fields = string.Formatter()
    langs: tuple[Lang, ...] = ("en", "zh")
    grouped = 0
    for table in (CATALOGUE, LABELS):
        for key, words in table.items():
            for lang, said in zip(langs, words, strict=True):
                parsed = [(f, spec) for _, f, spec, _ in fields.parse(said) if f]
                if not any(f in _QUANTITIES for f, _ in parsed):
                    continue
                values = {
                    f: 1234567 if f in _QUANTITIES else (1.0 if spec else "x") for f, spec in parsed
                }
                text = (
                    label(key, lang, **values)
                    if table is LABELS
                    else Text(key, **values).said(lang)
                )
                assert "1,234,567" in text and "1234567" not in text, (key, text)
                grouped += 1
    assert grouped > 100
    # A count of rows too; the rows' numbers, given as text, as written.
    assert label("check_title", "zh", file="r.csv", rows=1234) == "r.csv：共 1,234 行"
    said = label("geocoded_into", "en", rows=1234, target="g.xlsx", counts="")
    assert said.startswith("1,234 rows"), said
    assert "第 1234、1408 行" in Text("duplicate_different", rows="1234、1408").said("zh")
