"""The command line: exit codes, messages, and the bundled sample."""

from __future__ import annotations

import csv
import filecmp
import json
import os
import re
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from returnbus.cli import SAMPLE_SCENARIO, SAMPLE_SEED, SAMPLE_WORKERS
from returnbus.text import Lang

from .helpers import (
    NO_FILE_SAID,
    TONGZI,
    XINYANG,
    PlannedBatch,
    broken_headings,
    no_file_at,
    run,
    wider_lines,
    worker,
    write_roster,
    write_scenario,
)

REPO = Path(__file__).resolve().parents[1]


def test_bad_settings_exit_2_naming_file_and_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bad value in scenario.toml exits 2 with the file, the key and no traceback."""
    path = write_scenario(tmp_path, [worker("A1")], rules="max_route_minutes = 0")
    assert run(["plan", str(path), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "scenario.toml" in err and "rules.max_route_minutes" in err
    assert "Traceback" not in err


def test_missing_roster_column_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A roster without a phone column exits 2 and names the column."""
    rows = [{k: v for k, v in worker("A1").items() if k != "phone"}]
    path = write_scenario(tmp_path, rows)
    assert run(["plan", str(path), "--out", str(tmp_path / "out")]) == 2
    assert "phone" in capsys.readouterr().err


def test_verify_accepts_a_good_plan_and_rejects_a_tampered_one(
    planned: PlannedBatch, tmp_path: Path
) -> None:
    """`returnbus verify` exits 0 on the planner's own output and 1 when a worker is doubled."""
    assert run(["verify", str(planned.out)]) == 0
    plan = planned.plan
    plan["self_return"].append(plan["routes"][0]["stops"][0]["worker_ids"][0])
    (tmp_path / "plan.json").write_text(json.dumps(plan), encoding="utf-8")
    assert run(["verify", str(tmp_path / "plan.json")]) == 1


def test_tiny_scenario_plans_end_to_end(tmp_path: Path) -> None:
    """Three neighbours in Tongzi ride one bus; the outputs name them all."""
    rows = [worker(f"A{i}", at=(TONGZI[0] + 0.001 * i, TONGZI[1])) for i in range(3)]
    path = write_scenario(tmp_path / "in", rows)
    assert run(["plan", str(path), "--out", str(tmp_path / "out")]) == 0
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert (summary["workers_on_bus"], summary["buses_used"], summary["workers_unassigned"]) == (
        3,
        1,
        0,
    )


def test_plan_speaks_chinese_by_default_and_english_on_request(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The summary and the reasons a worker is not on a bus are said in the desk's language."""
    rows = [worker("A1", at=TONGZI), worker("A2", at=TONGZI, health_code="红")]
    rows.append(worker("A3", at=TONGZI, health_code="蓝"))
    path = write_scenario(tmp_path / "in", rows)
    assert run(["plan", str(path), "--out", str(tmp_path / "zh")]) == 0
    said, logged = capsys.readouterr()
    assert "排车方案概要" in said and "红码" in said and "Plan summary" not in said
    assert "总费用（元）" in said  # the cost's unit, as the lists' 费用（元）
    assert re.search(r"求解停止原因 +│ +完成既定搜索量", said), said
    # A roster row's problem is headed by its column's name, not the field's key.
    assert "健康码：不是绿/黄/红" in said and "health_code" not in said
    # No font-subsetting or missing-glyph line from the PDF writer.
    assert not re.search(r"fontTools|subset|glyph", said + logged, re.IGNORECASE)
    assert run(["plan", str(path), "--out", str(tmp_path / "en"), "--lang", "en"]) == 0
    said = capsys.readouterr().out
    assert "Plan summary" in said and "red health code" in said and "方案概要" not in said
    # Headings a desk reads, capitalised as the lists' (Cost (yuan)), not field names.
    for heading in ("Workers in total", "Total distance (km)", "Total cost (yuan)"):
        assert heading in said, heading
    assert "Longest ride (minutes)" in said and "Average detour (minutes)" in said
    assert "total cost yuan" not in said and "total distance km" not in said
    assert re.search(r"┃ Stage +┃ Reason +┃ Workers ┃", said), said  # of the unassigned
    assert re.search(r"Search stopped by +│ +its work budget \(done\)", said), said
    # A roster row's reason names its column as one, headed as the roster heads it.
    with (tmp_path / "en" / "unassigned.csv").open(encoding="utf-8-sig") as handle:
        reasons = {row["worker_id"]: row["reason"] for row in csv.DictReader(handle)}
    assert reasons["A3"].startswith('column "health_code": not green/yellow/red'), reasons
    for lang in ("zh", "en"):  # verify reads the papers back in either language
        assert run(["verify", str(tmp_path / lang)]) == 0


def test_the_summary_says_when_no_search_was_needed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With no one to carry no search runs: the summary says so, not "none"
    (English) or a bare 无 (Chinese), which read as a reason left blank."""
    path = write_scenario(tmp_path / "in", [worker("A1", at=TONGZI, health_code="红")])
    capsys.readouterr()
    assert run(["plan", str(path), "--out", str(tmp_path / "en"), "--lang", "en"]) == 0
    said = capsys.readouterr().out
    assert re.search(r"Search stopped by +│ +no search was needed +│", said), said
    assert run(["plan", str(path), "--out", str(tmp_path / "zh")]) == 0
    said = capsys.readouterr().out
    assert re.search(r"求解停止原因 +│ +无需搜索 +│", said), said


def test_the_summary_says_how_good_the_dormitory_allocation_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The English summary says each status of the bed allocator as a desk
    reads it, with what it means ("optimal (best possible)"), not the solver's
    bare word ("optimal", "unsolved"); summary.json keeps the word itself."""
    from typing import get_args

    from returnbus.cli import _print_summary
    from returnbus.quarantine.model import Status

    path = write_scenario(tmp_path / "in", [worker("A1", at=TONGZI, health_code="黄")])
    capsys.readouterr()
    assert run(["plan", str(path), "--out", str(tmp_path / "en"), "--lang", "en"]) == 0
    said = capsys.readouterr().out
    assert re.search(r"Dormitory allocation +│ +optimal \(best possible\) +│", said), said
    summary = json.loads((tmp_path / "en" / "summary.json").read_text(encoding="utf-8"))
    assert summary["dorm_status"] == "optimal" and summary["quarantine_allocated"] == 1
    words = {
        "optimal": r"optimal \(best possible\)",
        "feasible": r"feasible \(may not be the best\)",
        "unsolved": r"unsolved \(no beds found in time\)",
    }
    assert set(words) == set(get_args(Status))
    for status, word in words.items():
        _print_summary({**summary, "dorm_status": status}, [], tmp_path, "en")
        assert re.search(rf"Dormitory allocation +│ +{word} +│", capsys.readouterr().out)
        _print_summary({**summary, "dorm_status": status}, [], tmp_path, "zh")
        assert re.search(r"宿舍分配状态 +│ +\S", capsys.readouterr().out)


def test_the_console_shows_money_and_distances_as_the_workbooks_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The plan's summary and a diff's figures on the console: the cost in
    yuan to the fen, thousands separated, as lists.xlsx and diff_figures.xlsx
    show it ("#,##0.00"), km, minutes and seconds to a tenth and counts whole,
    thousands separated as the messages say km ("#,##0.0", "#,##0"): written
    as Python writes a float, a whole cost read "48381.0", a cost to the jiao
    "48381.5", beside "48,381.00" in the workbook, and a solve time "72.0"
    beside another "63.38"."""
    from returnbus.cli import _print_diff, _print_summary
    from returnbus.diff import PlanDiff
    from returnbus.render.labels import label

    path = write_scenario(tmp_path / "in", [worker("A1", at=TONGZI)])
    assert run(["plan", str(path), "--out", str(tmp_path / "out")]) == 0
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    figures = {"total_cost": 48381.0, "total_distance_km": 1318.0, "solve_seconds": 63.38}
    capsys.readouterr()
    langs: tuple[Lang, ...] = ("zh", "en")
    for lang in langs:
        _print_summary({**summary, **figures}, [], tmp_path, lang)
        said = capsys.readouterr().out
        for key, shown in (
            ("total_cost", "48,381.00"),
            ("total_distance_km", "1,318.0"),
            ("solve_seconds", "63.4"),
            ("workers_total", "1"),
        ):
            assert re.search(rf"{re.escape(label(key, lang))} +│ +{re.escape(shown)} +│", said)
        assert "48381.0" not in said, said
        changes = PlanDiff(
            workers=(),
            buses_added=(),
            buses_removed=(),
            figures=(
                ("total_cost", 48381.0, 1234567.5),
                ("total_distance_km", 98983.0, 98983.14),
                ("workers_on_bus", 1120, 1119),
            ),
        )
        _print_diff(changes, lang, limit=None)
        said = capsys.readouterr().out
        for key, before, after in (
            ("total_cost", "48,381.00", "1,234,567.50"),
            ("total_distance_km", "98,983.0", "98,983.1"),
            ("workers_on_bus", "1,120", "1,119"),
        ):
            words, before, after = (re.escape(w) for w in (label(key, lang), before, after))
            line = rf"{words} +│ +{before} +│ +{after} +│"
            assert re.search(line, said), (line, said)


def test_verbose_shows_the_planners_detail_not_the_libraries_debugging(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--verbose showed every library's debugging too: a line for each file
    lock taken and released, and the PDF writer's font subsetting, hundreds
    of lines on a district.  It shows the planner's own detail only."""
    rows = [worker(f"A{i}", at=(TONGZI[0] + 0.001 * i, TONGZI[1])) for i in range(3)]
    path = write_scenario(tmp_path / "in", rows)
    assert run(["plan", str(path), "--out", str(tmp_path / "out"), "-v", "--lang", "en"]) == 0
    said = " ".join("".join(capsys.readouterr()).split())
    assert "roster: 3 rows, 3 accepted; screen: 3 riders" in said, said
    assert "plan: 1 bus, 3 on board" in said, said
    assert not re.search(r"acquire lock|lock \d+ released|fontTools|subset", said, re.IGNORECASE)


def test_verbose_says_the_batch_and_plan_counts_in_chinese(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--verbose's counts of the roster and the plan were English in Chinese
    mode ("roster: 3 rows, 3 accepted", "plan: 1 buses"): the desk reads them
    in Chinese by default."""
    rows = [worker(f"A{i}", at=(TONGZI[0] + 0.001 * i, TONGZI[1])) for i in range(3)]
    path = write_scenario(tmp_path / "in", rows)
    assert run(["plan", str(path), "--out", str(tmp_path / "out"), "-v"]) == 0
    said = "".join("".join(capsys.readouterr()).split())
    assert "名单：3行，收录3人；筛查：乘车3人" in said, said
    assert "排车方案：用车1辆，车上3人" in said, said
    assert not re.search(r"roster:|accepted|plan:|on board|not routed", said), said


def test_without_lang_the_scenarios_language_says_the_warnings_and_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With [output] lang = "en" and no --lang, what goes wrong while a batch
    is planned is said in English, as the summary and progress are (it was
    said in Chinese amid them)."""
    rows = [worker("A1", at=TONGZI, batch="1"), worker("A2", at=TONGZI, batch="2")]
    path = write_scenario(tmp_path / "in", rows, extra='[output]\nlang = "en"')
    assert run(["plan", str(path), "--out", str(tmp_path / "out")]) == 2
    said = " ".join(capsys.readouterr().err.split())
    assert "error:" in said and "several batches" in said and "what to do:" in said, said
    assert "错误" not in said and "处理办法" not in said, said
    assert run(["plan", str(path), "--out", str(tmp_path / "out"), "--batch", "1"]) == 0
    said = " ".join(capsys.readouterr().err.split())
    assert "warning: batches 1, 2 have no [[batch]] dates" in said, said
    assert "警告" not in said, said
    # --lang still has the last word, and the next command starts afresh.
    assert run(["plan", str(path), "--out", str(tmp_path / "zh"), "--lang", "zh"]) == 2
    assert "错误：" in capsys.readouterr().err
    zh = ["--out", str(tmp_path / "zh"), "--batch", "1", "--lang", "zh"]
    assert run(["plan", str(path), *zh]) == 0
    said = " ".join(capsys.readouterr().err.split())  # the batches listed with 、 in Chinese
    assert "警告： 批次 1、2 没有 [[batch]] 日期" in said, said


@pytest.mark.parametrize(
    ("setting", "said"),
    [
        ("max_ride_minutes = -5", "max_ride_minutes"),  # refused by a check
        ("max_ride_minutes = = 5", "not a number"),  # not TOML at all
    ],
)
def test_a_scenario_that_asks_for_english_is_refused_in_english(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], setting: str, said: str
) -> None:
    """A scenario refused while it is read says why in the language its
    [output] lang asks for, even when the TOML itself is broken (it was
    said in Chinese)."""
    rows = [worker("A1", at=TONGZI)]
    path = write_scenario(tmp_path / "in", rows, rules=setting, extra='[output]\nlang = "en"')
    assert run(["plan", str(path), "--out", str(tmp_path / "out")]) == 2
    err = " ".join(capsys.readouterr().err.split())
    assert "error:" in err and said in err and "what to do:" in err, err
    assert "错误" not in err, err
    assert run(["check", str(tmp_path / "in" / "roster.csv"), "--scenario", str(path)]) == 2
    assert "error:" in capsys.readouterr().err
    assert run(["plan", str(path), "--out", str(tmp_path / "out"), "--lang", "zh"]) == 2
    assert "错误：" in capsys.readouterr().err


def test_markup_in_user_text_is_printed_as_it_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A path holding rich markup ("[/]", "[[fleet]]") is printed whole, not parsed."""
    missing = tmp_path / "[[fleet]] [/] [bold]x.toml"
    assert run(["plan", str(missing), "--out", str(tmp_path / "out")]) == 2
    said = capsys.readouterr().err
    assert "[[fleet]] [/] [bold]x.toml" in said.replace("\n", "") and "fault" not in said


@pytest.mark.parametrize(
    ("args", "chinese", "english"),
    [
        (["plan"], "缺少参数 scenario", "Missing argument"),
        (["plan", "s.toml", "--workers", "two"], "--workers 的值无效：应为整数", "integer"),
        (["plan", "s.toml", "--sead", "3"], "没有选项 --sead（是不是：--seed", "No such option"),
        (["plna"], "没有命令 plna（是不是：plan", "No such command"),
        (["plan", "s.toml", "--out"], "选项 --out 后面要写一个值", "requires an argument"),
        (["plan", "s.toml", "--time-limit", "abc"], "--time-limit 的值无效：应为数字", "number"),
        (["plan", "s.toml", "--workers", "999"], "--workers 的值无效：应在 0 到 256 之间", "less"),
        (["plan", "s.toml", "--time-limit", "0"], "--time-limit 的值无效：不能小于 0.1", "greater"),
        (["synth", "--out", "x", "--workers", "0"], "--workers 的值无效：不能小于 1", "greater"),
    ],
)
def test_a_mistyped_command_line_is_said_in_chinese_with_exit_2(
    args: list[str], chinese: str, english: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Click's own complaints reach the desk in Chinese, in English with --lang en."""
    assert run(args) == 2
    said = "".join(capsys.readouterr().err.split())
    assert "".join(chinese.split()) in said and "--help查看说明" in said and english not in said
    assert run([args[0], "--lang", "en", *args[1:]]) == 2
    assert english in capsys.readouterr().err


def test_every_help_text_has_its_chinese_and_no_chinese_is_left_over() -> None:
    """A help text added or reworded without its Chinese fails here."""
    from typer.main import get_command

    from returnbus.cli import app
    from returnbus.helptext import CHINESE, help_texts

    texts = set(help_texts(get_command(app)))
    assert texts - CHINESE.keys() == set()
    assert CHINESE.keys() - texts == set()


def test_every_help_text_gives_its_default_in_brackets() -> None:
    """An option's default is said "(default: ...)" / "（默认：...）" in every
    help text; --ledger's said "Default: ..." / "默认：..." inline after a
    sentence, unlike the rest."""
    from returnbus.helptext import CHINESE

    def outside(text: str, word: str, opening: str, closing: str) -> list[str]:
        found = [m.start() for m in re.finditer(word, text, flags=re.IGNORECASE)]
        return [text for at in found if text[:at].count(opening) <= text[:at].count(closing)]

    # "Off by default: it sends addresses ..." gives no default value.
    english = [bad for text in CHINESE for bad in outside(text, "(?<!by )default:", "(", ")")]
    chinese = [bad for text in CHINESE.values() for bad in outside(text, "默认：", "（", "）")]
    assert english == [] and chinese == []


def test_chinese_never_says_bare_fang_an_for_plan_or_scenario() -> None:
    """方案 alone could be the scenario (scenario.toml, the inputs) or the
    plan (the output folder): help, messages and labels say 排车方案 for the
    plan and 方案文件 (方案设置项) for the scenario, never 方案 alone."""
    from returnbus.helptext import CHINESE
    from returnbus.render.labels import LABELS
    from returnbus.text import CATALOGUE

    said = [*CHINESE.values(), *(zh for _, zh in CATALOGUE.values())]
    said += [zh for _, zh in LABELS.values()]
    bare = [text for text in said if "方案" in re.sub("排车方案|方案文件|方案设置", "", text)]
    assert bare == []


@pytest.mark.parametrize(
    ("args", "chinese", "english"),
    [
        (["synth", "--help"], "写出一套合成的方案文件", "Write a synthetic scenario"),
        (["plan", "--help"], "规划一个批次", "Plan one batch"),
        (["ledger", "show", "--help"], "台账文件", "The ledger file"),
    ],
)
def test_help_is_chinese_unless_lang_en(
    args: list[str], chinese: str, english: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The desk reads --help in Chinese, panels and the help option too; --lang en
    gives English, panels included, in the same process."""
    assert run(args) == 0
    said = "".join(capsys.readouterr().out.split())
    assert chinese in said and "选项" in said and "显示本说明后退出" in said
    assert said.startswith("用法：returnbus") and english not in said
    assert run([*args, "--lang", "en"]) == 0
    said = capsys.readouterr().out
    assert english in said and "Options" in said and "选项" not in said
    assert said.split()[0] == "Usage:"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_help_in_a_fresh_process_cuts_no_word_short(lang: str) -> None:
    """Rich cut a word too long for its column with "…": English help, which
    did not fold words as the Chinese does, read "(overrides
    solver.time_limit_second…" and "needed whe…" in an 80-column console."""
    code = "from returnbus.cli import main; main()"
    args = [sys.executable, "-c", code, "plan", "--help", "--lang", lang]
    env = {**os.environ, "COLUMNS": "80", "NO_COLOR": "1"}
    said = subprocess.run(args, capture_output=True, text=True, env=env, check=True).stdout
    assert "…" not in said, said
    assert "solver.time_limit_seconds" in re.sub(r"[\s│]+", "", said)


def test_chinese_help_breaks_between_characters_and_keeps_english_words_whole() -> None:
    """Typer draws --help with a Rich console of its own, which broke a line
    at spaces only: a Chinese sentence with file names in it was one long
    "word", folded wherever the column ended ("输出文件夹：plan.json、su" /
    "mmary.json").  The Chinese help now breaks between Chinese characters,
    so each English word, path or settings key stays on one line."""
    code = "from returnbus.cli import main; main()"
    args = [sys.executable, "-c", code, "plan", "--help"]
    env = {**os.environ, "COLUMNS": "80", "NO_COLOR": "1"}
    said = subprocess.run(args, capture_output=True, text=True, env=env, check=True).stdout
    assert "输出文件夹" in said
    lines = said.splitlines()
    for word in ("summary.json", "manifests/", "SQLite", "solver.workers", "tcp://host:8786"):
        assert any(word in line for line in lines), (word, said)


def test_typer_still_makes_its_help_console_where_the_chinese_help_fills_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Typer has no setting for the console its help is drawn on: the Chinese
    help fills its lines by replacing Typer's private
    ``rich_utils._get_rich_console`` (`helptext.in_language`).  Should a
    release of Typer rename it, this fails rather than the help quietly
    breaking words again.  English help is drawn by Typer's own console, as
    before, even after Chinese help in the same process."""
    from rich.console import Console
    from typer import rich_utils

    from returnbus.linebreak import FillingConsole

    assert run(["plan", "--help"]) == 0
    assert "用法" in capsys.readouterr().out
    assert isinstance(rich_utils._get_rich_console(), FillingConsole)
    assert run(["plan", "--help", "--lang", "en"]) == 0
    assert "Usage" in capsys.readouterr().out
    made = rich_utils._get_rich_console
    assert (made.__module__, made.__qualname__) == ("typer.rich_utils", "_get_rich_console")
    assert type(made()) is Console and type(made(stderr=True)) is Console


@pytest.mark.parametrize(
    ("command", "words"),
    [("plan", "batch column (返岗批次)"), ("geocode", "coord_system (坐标系) column")],
)
def test_english_help_names_a_roster_column_in_english_the_chinese_beside_it(
    command: str, words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """English help said "the roster's 返岗批次" and "without a 坐标系 column",
    though the roster takes the English column names too."""
    assert run([command, "--help", "--lang", "en"]) == 0
    said = " ".join(re.sub(r"[│╭╮╰╯─]", " ", capsys.readouterr().out).split())
    assert words in said, said


@pytest.mark.parametrize("english", [True, False])
def test_each_command_is_listed_by_its_first_paragraph_on_one_line(english: bool) -> None:
    """A command's line in ``returnbus --help`` is its help's first paragraph
    with the docstring's breaks as spaces: Rich kept the breaks, cutting a
    sentence short in the column ("... changed, buses" / "added or removed")."""
    import typer

    from returnbus.cli import app
    from returnbus.helptext import in_language

    group = in_language(typer.main.get_command(app), english=english)
    listed = {name: sub.short_help for name, sub in group.commands.items()}
    assert all(summary and "\n" not in summary for summary in listed.values())
    if english:
        assert "changed, buses added or removed, every worker" in listed["diff"]
        assert listed["plan"] == group.commands["plan"].help.split("\n\n")[0]
    else:
        assert listed["plan"].startswith("规划一个批次") and "\n" not in listed["diff"]


@pytest.mark.parametrize(
    ("args", "chinese"),
    [
        (["plan", "--help"], "其他批次占用的床位和车辆"),
        (["replan", "--help"], "其他批次占用的床位和车辆"),
        (["ledger", "--help"], "隔离床位和车辆"),
    ],
)
def test_help_says_the_ledger_holds_buses_as_well_as_beds(
    args: list[str], chinese: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Other batches' buses, like their beds, are kept from a plan by the
    ledger (run.py's Holdings): plan's, replan's and ledger's help say so."""
    assert run([*args, "--lang", "en"]) == 0
    said = " ".join(capsys.readouterr().out.replace("│", "").split())
    assert "beds and buses" in said, said
    assert run(args) == 0
    assert chinese in "".join(capsys.readouterr().out.replace("│", "").split())


def test_geocode_help_and_readme_say_rows_that_are_no_workers_are_left_out(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """geocode leaves out a list's closing lines and a header pasted again,
    with a warning: its help (both languages) and the README's command table
    say so, where they said it placed every row's home."""
    assert run(["geocode", "--help", "--lang", "en"]) == 0
    said = " ".join(capsys.readouterr().out.replace("│", "").split())
    assert "a header pasted again are left out, with a warning" in said, said
    assert run(["geocode", "--help"]) == 0
    assert "重复粘贴的表头不是员工，跳过并提示" in "".join(
        capsys.readouterr().out.replace("│", "").split()
    )
    row = next(
        line
        for line in (REPO / "README.md").read_text(encoding="utf-8").splitlines()
        if line.startswith("| `returnbus geocode ")
    )
    assert "every row" not in row and "the header pasted again) are left out" in row


def test_check_help_says_what_it_reads_and_writes_by_default(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """check writes its --out as XLSX too, reads the roster with the
    scenario's [roster] sheet and encoding unless --sheet or --encoding says
    otherwise, and takes a scenario.toml for its roster, whose roster it
    checks: its help says all three, in both languages, and the README's
    command table says the last."""
    write_scenario(tmp_path, [worker("A1", phone="1381234567")])
    book = tmp_path / "issues.xlsx"
    assert run(["check", str(tmp_path / "roster.csv"), "--out", str(book)]) == 0
    assert load_workbook(book).active is not None
    capsys.readouterr()
    assert run(["check", "--help", "--lang", "en"]) == 0
    said = " ".join(capsys.readouterr().out.replace("│", "").split())
    assert "this CSV or XLSX file" in said
    assert "default: the scenario's [roster] sheet, else the first sheet" in said
    assert "default: the scenario's [roster] encoding, else detected" in said
    assert "or the scenario.toml whose roster to check" in said, said
    assert "(default: the scenario's [output] lang, else zh)" in said, said
    assert run(["check", "--help"]) == 0
    said = "".join(capsys.readouterr().out.replace("│", "").split())
    assert "CSV或XLSX文件" in said and "方案文件的[roster]sheet" in said, said
    # One bracket, not "（检查其中写明的名单）（默认：…）" back to back.
    assert "或写明该名单的方案文件scenario.toml（默认：--scenario中写明的名单）" in said, said
    assert "（默认：方案文件的[output]lang，未设时为中文）" in said, said
    row = next(
        line
        for line in (REPO / "README.md").read_text(encoding="utf-8").splitlines()
        if line.startswith("| `returnbus check ")
    )
    assert "`check S` (S a scenario.toml) checks the roster S names" in row, row


def test_solve_vrplib_help_says_what_workers_zero_means_once(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """solve-vrplib's --workers said "one per core" and then "(0: every core)",
    the same twice: it says what a search runs in, and what 0 gives, once."""
    assert run(["solve-vrplib", "--help", "--lang", "en"]) == 0
    said = " ".join(capsys.readouterr().out.replace("│", "").split())
    assert "each in its own process (0: one per core)" in said, said
    assert said.count("core") == 1, said
    assert run(["solve-vrplib", "--help"]) == 0
    said = "".join(capsys.readouterr().out.replace("│", "").split())
    assert "各用一个进程（0：每核一个）" in said, said
    assert said.count("核") == 1, said


def test_replan_help_names_the_words_an_edits_file_takes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """replan's Chinese --help names the action words an edits file takes
    (移动, 锁定, not 调人, 锁车, which are refused) and the columns it reads."""
    assert run(["replan", "--help"]) == 0
    said = "".join(capsys.readouterr().out.replace("│", "").split())  # the panel wraps lines
    for word in ("移动", "锁定", "关闭", "解锁", "恢复", "工号", "车号", "上车点"):
        assert word in said, word


def test_replan_help_says_a_pasted_column_of_ids_is_a_drop_list_and_which_words_are_a_move(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A drop list of one column of ids pasted from Excel is read, headed or
    not, a title row above passed over; 调车, 换车 and transfer are read as
    移动 in an edits file: replan's help, in both languages, and the README's
    re-planning section say so, where --drop's help named only a 工号 column."""
    assert run(["replan", "--help", "--lang", "en"]) == 0
    said = " ".join(capsys.readouterr().out.replace("│", "").split())
    assert "or a single column of ids pasted from Excel, with or without its header" in said
    assert "(a title row above it is passed over)" in said, said
    assert "transfer, 调车 and 换车 are read as move" in said, said
    assert run(["replan", "--help"]) == 0
    said = "".join(capsys.readouterr().out.replace("│", "").split())
    assert "从Excel粘贴的单独一列工号也可读取，有无表头均可（其上方的标题行会跳过）" in said, said
    assert "调车、换车和transfer按移动读取" in said, said
    readme = " ".join((REPO / "README.md").read_text(encoding="utf-8").split())
    assert "or a single column of ids pasted from Excel, with or without its header" in readme
    assert "`move` (移动; 调整, 调车, 换车 and `transfer` are read as it)" in readme


def test_a_command_that_writes_no_papers_does_not_say_its_lang_sets_them() -> None:
    """--lang of verify, diff, check, geocode, ledger and solve-vrplib says
    what it changes (their messages, check's --out, geocode's notes) and its
    default, not "the papers, lists and map", which they do not write."""
    from typer.main import get_command

    from returnbus.cli import app

    commands = getattr(get_command(app), "commands", {})
    ledger = getattr(commands["ledger"], "commands", {})
    writers = {"plan", "replan", "demo"}
    said = {}
    for name, command in (*commands.items(), *ledger.items()):
        lang = next((p for p in command.params if p.name == "lang"), None)
        if lang is not None and name not in writers:
            said[name] = lang.help
    assert {"verify", "diff", "check", "geocode", "show", "release", "solve-vrplib"} <= set(said)
    for name, text in said.items():
        assert not text.startswith("Language of the papers"), name
        assert "messages" in text, name


def test_help_says_kinds_of_value_in_chinese_and_none_for_a_flag(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Every command's help names what its options take in Chinese (not
    <path>, <str>, [OPTIONS]), and a flag, which takes nothing, shows no kind
    in either language; an argument keeps its name in the usage line.  English
    help says <int> and <float> as the Chinese says 整数 and 数字, not Typer's
    "<int range>", whose range is shown beside it anyway."""
    from typer.main import get_command

    from returnbus.cli import app

    def paths(command: Any, path: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
        yield path
        for name, sub in getattr(command, "commands", {}).items():
            yield from paths(sub, (*path, name))

    every = list(paths(get_command(app), ()))
    assert ("ledger", "release") in every and len(every) > 10
    for path in every:
        args = [*path, "--help"]
        assert run(args) == 0
        said = capsys.readouterr().out
        for english in ("<path>", "<str>", "<int", "<float", "<bool>", "OPTIONS", "COMMAND"):
            assert english not in said, (args, english)
        assert run([*args, "--lang", "en"]) == 0
        said = capsys.readouterr().out
        for raw in ("<bool>", "<int range>", "<float range>"):
            assert raw not in said, (args, raw)
    assert run(["plan", "--help", "--lang", "en"]) == 0
    said = " ".join(capsys.readouterr().out.split())
    assert "<float> [x>=0.1]" in said and "<int> [0<=x<=2147483647]" in said, said
    # A setting's [table] is escaped from Rich's markup, which ate "[replan]".
    for path, table in ((("replan",), "[replan]"), (("synth",), "[output]")):
        for lang in ("zh", "en"):
            assert run([*path, "--help", "--lang", lang]) == 0
            assert table in "".join(capsys.readouterr().out.split()), (path, lang)
    assert run(["plan", "--help"]) == 0
    said = capsys.readouterr().out
    assert "用法：returnbus plan [选项] {scenario}" in said and "<路径>" in said


def test_the_list_of_commands_is_chinese_unless_lang_en(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The top-level help takes --lang too, before or after --help."""
    assert run(["--help"]) == 0
    said = "".join(capsys.readouterr().out.split())
    assert "为复工返岗规划包车" in said and "命令" in said and "规划一个批次" in said
    for args in (["--help", "--lang", "en"], ["--lang=en", "--help"]):
        assert run(args) == 0
        said = capsys.readouterr().out
        assert "Commands" in said and "Plan one batch" in said and "规划" not in said


def test_lang_given_to_a_group_of_commands_reaches_the_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``ledger --help --lang en`` helps in English (it was refused: the
    group takes no --lang), and ``--lang en ledger show`` errs in English."""
    assert run(["ledger", "--help", "--lang", "en"]) == 0
    assert "The campaign ledger" in capsys.readouterr().out
    missing = str(tmp_path / "none.sqlite")
    for args in (
        ["--lang", "en", "ledger", "show", missing],
        ["ledger", "--lang=en", "show", missing],
    ):
        assert run(args) == 2
        said = " ".join(capsys.readouterr().err.split())
        assert "no ledger here" in said and "台账" not in said
    assert run(["--lang", "en", "ledger", "show", missing, "--lang", "zh"]) == 2
    assert "台账" in capsys.readouterr().err


def test_a_negative_seed_or_a_folder_for_the_scenario_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Bad input, not a fault: exit 2 saying what to give instead."""
    path = write_scenario(tmp_path / "in", [worker("A1", at=TONGZI)])
    assert run(["plan", str(path), "--seed", "-1", "--out", str(tmp_path / "o")]) == 2
    assert run(["plan", str(path.parent), "--out", str(tmp_path / "o")]) == 2
    said = capsys.readouterr().err
    unwrapped = "".join(said.split())  # the console wraps long lines
    assert "这是文件夹，不是方案文件" in unwrapped and "内部错误" not in unwrapped


def test_every_seed_option_shows_and_keeps_the_same_range(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """synth's --seed showed no range where plan's and solve-vrplib's show
    [0<=x<=2147483647]: all three take the same seeds, and say so."""
    monkeypatch.setenv("COLUMNS", "160")  # each option's kind and range on its line
    for command in ("plan", "synth", "solve-vrplib"):
        for lang in ("zh", "en"):
            assert run([command, "--help", "--lang", lang]) == 0
            said = capsys.readouterr().out
            seed = next(line for line in said.splitlines() if "--seed" in line)
            assert "[0<=x<=2147483647]" in seed, (command, lang)
    assert run(["synth", "--seed", "-1", "--out", str(tmp_path / "in")]) == 2
    said = "".join(capsys.readouterr().err.split())
    assert "--seed" in said and "Traceback" not in said
    assert not (tmp_path / "in").exists()


def test_a_broken_scenario_with_no_table_header_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file that is no TOML and has no [table] line (the roster's CSV given
    as the scenario) is refused at its line, not an internal error while
    looking for its [output] lang."""
    write_scenario(tmp_path / "in", [worker("A1", at=TONGZI)])
    roster = tmp_path / "in" / "roster.csv"
    assert run(["plan", str(roster), "--out", str(tmp_path / "o"), "--lang", "en"]) == 2
    said = " ".join(capsys.readouterr().err.split())
    assert str(roster) in said and "internal error" not in said, said


@pytest.mark.parametrize("name", ["roster.csv", "roster.xlsx"])
def test_a_roster_given_as_the_scenario_says_to_give_the_scenario(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    """`plan roster.xlsx`: not "save it in Notepad as UTF-8" (its bytes) nor
    "a line is not understood" (its header), but which file to give."""
    write_scenario(tmp_path / "in", [worker("A1", at=TONGZI)])
    roster = tmp_path / "in" / name
    if name.endswith(".xlsx"):
        book = Workbook()
        book.save(roster)
    assert run(["plan", str(roster), "--out", str(tmp_path / "o")]) == 2
    said = "".join(capsys.readouterr().err.split())
    assert "不是方案文件" in said and f'roster="{name}"' in said, said


def test_committed_sample_is_what_synth_makes(tmp_path: Path) -> None:
    """sample_data/jiangjin is exactly `returnbus synth` at the sample's size and seed."""
    assert (
        run(
            [
                "synth",
                "--workers",
                str(SAMPLE_WORKERS),
                "--seed",
                str(SAMPLE_SEED),
                "--out",
                str(tmp_path),
            ]
        )
        == 0
    )
    committed = REPO / SAMPLE_SCENARIO.parent
    # A plan of the sample keeps its ledger (and the ledger's lock) beside it.
    ledger = {"ledger.sqlite", "ledger.sqlite.lock"}
    names = sorted(p.name for p in committed.iterdir() if p.name not in ledger)
    assert names == sorted(p.name for p in tmp_path.iterdir())
    _, mismatch, errors = filecmp.cmpfiles(committed, tmp_path, names, shallow=False)
    assert not mismatch and not errors


def test_synth_says_what_it_wrote_agreeing_with_its_counts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """1 row in 1 batch (the default), 40 rows in 3 batches: never "batch(es)"."""
    for workers, batches, said in (("1", "1", "1 row in 1 batch,"), ("40", "3", "40 rows in 3")):
        args = ["synth", "--out", str(tmp_path / workers), "--workers", workers]
        capsys.readouterr()
        assert run([*args, "--batches", batches, "--lang", "en"]) == 0
        out = " ".join(capsys.readouterr().out.split())
        assert said in out and "(es)" not in out, out
    capsys.readouterr()
    assert run(["synth", "--out", str(tmp_path / "zh"), "--workers", "1"]) == 0
    assert "名单1行，1个批次" in "".join(capsys.readouterr().out.split())


def test_solve_vrplib_json_and_bad_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """solve-vrplib prints one JSON object with the fields; a bad file exits 2."""
    instance = tmp_path / "tiny.vrp"
    instance.write_text(
        "NAME : tiny\nTYPE : CVRP\nDIMENSION : 4\nEDGE_WEIGHT_TYPE : EUC_2D\nCAPACITY : 10\n"
        "NODE_COORD_SECTION\n1 0 0\n2 0 10\n3 10 0\n4 10 10\nDEMAND_SECTION\n1 0\n2 4\n3 4\n4 4\n"
        "DEPOT_SECTION\n1\n-1\nEOF\n",
        encoding="utf-8",
    )
    capsys.readouterr()
    assert run(["solve-vrplib", str(instance), "--time-limit", "0.5", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert {"instance", "cost", "vehicles", "feasible", "seconds", "routes"} <= set(result)
    assert result["feasible"] and sorted(c for r in result["routes"] for c in r) == [1, 2, 3]
    assert result["vehicles"] == 2
    # As text: the headline in the desk's language, the routes as solution files write them.
    for lang, headline in (("zh", "2 辆车，可行：是"), ("en", "2 vehicles, feasible yes")):
        args = ["solve-vrplib", str(instance), "--time-limit", "0.5", "--lang", lang]
        assert run(args) == 0
        said = capsys.readouterr().out
        assert headline in said and said.count("Route #") == 2, said
    (tmp_path / "junk.vrp").write_text("hello\n", encoding="utf-8")
    assert run(["solve-vrplib", str(tmp_path / "junk.vrp")]) == 2
    capsys.readouterr()
    short = instance.read_text(encoding="utf-8").replace("4 10 10\n", "")
    (tmp_path / "short.vrp").write_text(short, encoding="utf-8")
    assert run(["solve-vrplib", str(tmp_path / "short.vrp"), "--lang", "en"]) == 2
    said = capsys.readouterr().err
    assert "short.vrp" in said and "NODE_COORD" in said and "Traceback" not in said


@pytest.mark.parametrize(
    ("text", "chinese", "english"),
    [
        (
            "NAME : x\nhello\nEDGE_WEIGHT_TYPE : EUC_2D\nCAPACITY : 9\nNODE_COORD_SECTION\n"
            "1 0 0\n2 0 1\nDEMAND_SECTION\n1 0\n2 1\nDEPOT_SECTION\n1\n-1\nEOF\n",
            "第2行：“hello”既不是说明行",
            "bad.vrp, line 2: 'hello' is neither a specification",
        ),
        (
            "x\n\nVEHICLE\nNUMBER CAPACITY\n",
            "文件在此结束，而 Solomon 文件在此处还应有一行，写车辆数",
            "the file ends where a Solomon file has the line with two numbers: how many vehicles",
        ),
    ],
    ids=["vrplib", "solomon"],
)
def test_solve_vrplib_says_a_file_it_cannot_read_in_the_desks_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, chinese: str, english: str
) -> None:
    """What vrplib refuses in English ("does not conform to the ... format")
    is said in Chinese by default, in English with --lang en, exit 2."""
    path = tmp_path / ("bad.vrp" if "NAME" in text else "bad.txt")
    path.write_text(text, encoding="utf-8")
    capsys.readouterr()
    assert run(["solve-vrplib", str(path)]) == 2
    said = "".join(capsys.readouterr().err.split())
    assert "错误" in said and chinese.replace(" ", "") in said and "处理办法" in said, said
    assert "conform" not in said and "Traceback" not in said, said
    assert run(["solve-vrplib", str(path), "--lang", "en"]) == 2
    said = " ".join(capsys.readouterr().err.split())
    assert english in said and "what to do" in said and "错误" not in said, said


def test_solve_vrplib_refuses_a_customer_no_vehicle_can_reach_in_time(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A window that closes before any vehicle can arrive is bad input (exit
    2, its line), not a search ending in "feasible: no" (exit 0)."""
    path = tmp_path / "late.txt"
    path.write_text(
        "LATE\nVEHICLE\nNUMBER CAPACITY\n2 10\nCUSTOMER\n"
        "CUST NO. XCOORD. YCOORD. DEMAND READY TIME DUE DATE SERVICE TIME\n"
        "0 0 0 0 0 100 0\n1 0 30 4 0 20 5\n",
        encoding="utf-8",
    )
    capsys.readouterr()
    assert run(["solve-vrplib", str(path), "--time-limit", "0.5", "--workers", "1"]) == 2
    said = "".join(capsys.readouterr().err.split())
    assert "第8行" in said and "没有车辆能在时间窗内到达地点1" in said and "最早30到达" in said, (
        said
    )


def test_check_given_the_scenario_checks_the_roster_it_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`check scenario.toml` (as a desk types it) checks the roster the
    scenario names, as `check --scenario scenario.toml` does: the same
    issues, the same fleet table, the same file written, in both languages."""
    path = write_scenario(tmp_path, [worker("A1"), worker("A2", phone="1381234567")])
    for lang in ("en", "zh"):
        capsys.readouterr()
        given = tmp_path / f"given-{lang}.csv"
        optioned = tmp_path / f"optioned-{lang}.csv"
        assert run(["check", str(path), "--out", str(given), "--lang", lang]) == 0
        by_argument = capsys.readouterr()
        assert run(["check", "--scenario", str(path), "--out", str(optioned), "--lang", lang]) == 0
        by_option = capsys.readouterr()
        assert by_argument.err == by_option.err
        assert by_argument.out.replace(given.name, optioned.name) == by_option.out
        assert given.read_bytes() == optioned.read_bytes()
    printed = " ".join(by_argument.out.split())
    assert "roster.csv：共 2 行" in printed and "C45" in printed, printed
    assert run(["check", str(path), "--lang", "en"]) == 0
    printed = " ".join(capsys.readouterr().out.split())
    assert "roster.csv: 2 rows" in printed and "1 error (row left out" in printed, printed
    # Its [output] lang is the check's language, as with --scenario.
    english = write_scenario(tmp_path / "en", [worker("A1")], extra='\n[output]\nlang = "en"')
    assert run(["check", str(english)]) == 0
    assert "1 row (UTF-8, header on row 1): 0 errors" in " ".join(capsys.readouterr().out.split())
    # The scenario's roster not there: refused naming the scenario's key, as with --scenario.
    (tmp_path / "roster.csv").rename(tmp_path / "moved.csv")
    assert run(["check", str(path), "--lang", "en"]) == 2
    err = "".join(capsys.readouterr().err.split())
    assert "key'scenario.roster':filenotfound:" in err and "Traceback" not in err, err


def test_check_given_a_scenario_twice_takes_it_once_and_two_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`check S --scenario S` is `check S` (the same file, however its path
    is written); `check S --scenario T` is exit 2 naming both and what to
    give, in both languages, not a check of either."""
    path = write_scenario(tmp_path / "s", [worker("A1"), worker("A2", phone="1381234567")])
    other = write_scenario(tmp_path / "t", [worker("B1")])
    capsys.readouterr()
    assert run(["check", str(path), "--lang", "en"]) == 0
    alone = capsys.readouterr().out
    monkeypatch.chdir(tmp_path)
    assert run(["check", str(path), "--scenario", "s/../s/scenario.toml", "--lang", "en"]) == 0
    assert capsys.readouterr().out == alone
    assert run(["check", str(path), "--scenario", str(other), "--lang", "en"]) == 2
    out, err = capsys.readouterr()
    said = " ".join(err.split())
    assert "two scenario files" in said and str(path) in said and str(other) in said, said
    assert "returnbus check" in said and "rows" not in out, out
    assert "Traceback" not in said, said
    assert run(["check", str(path), "--scenario", str(other)]) == 2
    said = "".join(capsys.readouterr().err.split())
    assert "两个方案文件" in said and "returnbuscheck" in said and "Traceback" not in said, said


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_check_of_two_scenarios_hints_commands_with_their_paths_quoted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    """`check S --scenario T`, both in a folder whose name holds a space: the
    hint's commands quote each path, so the desk can copy them as written."""
    path = write_scenario(tmp_path / "desk s", [worker("A1")])
    other = write_scenario(tmp_path / "desk t", [worker("B1")])
    capsys.readouterr()
    assert run(["check", str(path), "--scenario", str(other), "--lang", lang]) == 2
    out, err = capsys.readouterr()
    said = "".join(err.split())  # the console wraps long lines
    assert ("两个方案文件" if lang == "zh" else "twoscenariofiles") in said, said
    assert "".join(f'returnbus check "{path}"'.split()) in said, said
    assert "".join(f'--scenario "{other}"'.split()) in said, said
    assert not out and "Traceback" not in said, said


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_check_of_a_scenario_with_a_roster_or_no_file_as_scenario_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    """`check S --scenario R`, R a roster, was refused as two scenario files:
    it says R is no scenario file and gives the check the other way round
    (its paths quoted, as they hold a space); with --scenario a file that is
    not there, it says that file is not found.  Exit 2 with a hint, both."""
    path = write_scenario(tmp_path / "desk s", [worker("A1")])
    roster = path.parent / "roster.csv"
    common = ["--lang", lang]
    capsys.readouterr()
    assert run(["check", str(path), "--scenario", str(roster), *common]) == 2
    out, err = capsys.readouterr()
    said = "".join(err.split())  # the console wraps long lines
    assert ("两个方案文件" not in said) and ("twoscenario" not in said), said
    assert ("不是方案文件" if lang == "zh" else "isnotascenariofile") in said, said
    assert "".join(f'returnbus check "{roster}" --scenario "{path}"'.split()) in said, said
    assert ("处理办法" if lang == "zh" else "whattodo") in said and not out, out
    gone = tmp_path / "desk s" / "gone.toml"
    assert run(["check", str(path), "--scenario", str(gone), *common]) == 2
    said = "".join(capsys.readouterr().err.split())
    assert ("两个方案文件" not in said) and ("twoscenario" not in said), said
    assert ("找不到" if lang == "zh" else "notfound") in said, said
    assert "".join(str(gone).split()) in said and "Traceback" not in said, said
    assert ("处理办法" if lang == "zh" else "whattodo") in said, said


def test_the_readmes_command_table_lists_each_commands_options() -> None:
    """Each row of the README's command table names the options its
    command's --help offers (--lang included), and no other."""
    import typer.main

    from returnbus.cli import app

    root: Any = typer.main.get_command(app)
    rows = [
        line.split("`")[1]
        for line in (REPO / "README.md").read_text(encoding="utf-8").splitlines()
        if line.startswith("| `returnbus ")
    ]
    seen = set()
    for row in rows:
        words = row.split()[1:]
        command = root
        while words and words[0] in getattr(command, "commands", {}):
            command = command.commands[words.pop(0)]
            seen.add(command.name)
        offered = {
            name
            for param in command.params
            if param.param_type_name == "option"
            for name in param.opts
            if name.startswith("--")
        }
        assert set(re.findall(r"--[a-z][a-z-]*", row)) == offered, row
    commands = [
        name
        for group in (root, root.commands["ledger"])
        for name, command in group.commands.items()
        if not command.hidden and not hasattr(command, "commands")
    ]
    assert sorted(seen - {"ledger"}) == sorted(commands)  # every command has its row


def test_check_and_geocode_warn_that_a_csv_roster_has_no_sheet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--sheet on a CSV roster does nothing: check and geocode say so, as plan
    does for [roster] sheet, and still succeed; nothing else is warned of."""
    write_scenario(tmp_path, [worker("A1")])
    roster = str(tmp_path / "roster.csv")
    capsys.readouterr()
    assert run(["check", roster, "--sheet", "名单", "--lang", "en"]) == 0
    said = " ".join(capsys.readouterr().err.split())
    assert "warning: the roster roster.csv is not a workbook: --sheet '名单'" in said
    assert said.count("warning") == 1  # not the check's own departure clock
    target = str(tmp_path / "placed.csv")
    assert run(["geocode", roster, "--sheet", "名单", "--out", target]) == 0
    assert "不是工作簿：--sheet“名单”" in "".join(capsys.readouterr().err.split())
    assert run(["check", roster]) == 0
    assert "警告" not in capsys.readouterr().err


def test_check_warns_about_the_sheet_of_the_roster_it_reads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`check ROSTER --scenario S` reads ROSTER with S's [roster] sheet: the
    warning that a CSV has no sheets names ROSTER, and none is given when
    ROSTER is a workbook that has the sheet, whatever S's own roster is."""
    path = write_scenario(tmp_path, [worker("A1")], extra='\n[roster]\nsheet = "名单"')
    other = tmp_path / "other.csv"
    other.write_bytes((tmp_path / "roster.csv").read_bytes())
    capsys.readouterr()
    assert run(["check", str(other), "--scenario", str(path), "--lang", "en"]) == 0
    said = " ".join(capsys.readouterr().err.split())
    assert "the roster other.csv is not a workbook: [roster] sheet = '名单'" in said, said
    assert "roster.csv" not in said and said.count("warning") == 1
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "名单"
    with (tmp_path / "roster.csv").open(encoding="utf-8", newline="") as handle:
        for line in csv.reader(handle):
            sheet.append(line)
    book.save(tmp_path / "other.xlsx")
    assert run(["check", str(tmp_path / "other.xlsx"), "--scenario", str(path)]) == 0
    assert "警告" not in capsys.readouterr().err


def test_check_with_its_own_roster_needs_not_the_scenarios_roster_nor_beds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`check ROSTER --scenario S` reads S's settings and ROSTER: S's own
    roster need not exist (it was refused as not found), a missing
    dormitories file is a warning naming it (a check gives out no beds),
    and a missing employers file, which the roster is checked against, is
    exit 2 naming that file, not the roster."""
    path = write_scenario(tmp_path / "s", [worker("A1"), worker("A2", phone="1381234567")])
    other = tmp_path / "other.csv"
    (tmp_path / "s" / "roster.csv").rename(other)
    (tmp_path / "s" / "dormitories.csv").unlink()
    capsys.readouterr()
    assert run(["check", str(other), "--scenario", str(path), "--lang", "en"]) == 0
    out, err = capsys.readouterr()
    printed, warned = " ".join(out.split()), "".join(err.split())
    assert "other.csv: 2 rows" in printed and "1 error (row left out" in printed, printed
    assert "C45" in printed  # S's fleet, read all the same
    assert "scenario.dormitories" in warned and "dormitories.csv" in warned, warned
    assert "roster.csv" not in warned and "error" not in warned, warned
    (tmp_path / "s" / "employers.csv").unlink()
    assert run(["check", str(other), "--scenario", str(path)]) == 2
    err = "".join(capsys.readouterr().err.split())
    assert "设置项scenario.employers" in err and "employers.csv" in err, err
    assert "roster.csv" not in err and "Traceback" not in err, err


def test_check_without_a_roster_checks_the_one_the_scenario_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`check --scenario S` checks S's own roster; when that file is not
    there, exit 2 naming it and S's key; with neither, exit 2 saying what
    to give (not a usage error): the scenario, as `check S` takes it."""
    path = write_scenario(tmp_path, [worker("A1"), worker("A2", phone="1381234567")])
    capsys.readouterr()
    assert run(["check", "--scenario", str(path), "--lang", "en"]) == 0
    printed = " ".join(capsys.readouterr().out.split())
    assert "roster.csv: 2 rows" in printed and "1 error (row left out" in printed, printed
    (tmp_path / "roster.csv").rename(tmp_path / "moved.csv")
    assert run(["check", "--scenario", str(path), "--lang", "en"]) == 2
    err = "".join(capsys.readouterr().err.split())
    assert "key'scenario.roster':filenotfound:" in err, err
    assert str(tmp_path / "roster.csv") in err and "Traceback" not in err, err
    assert run(["check"]) == 2
    err = "".join(capsys.readouterr().err.split())
    # The call to give is the one a desk types: the scenario itself.
    assert "没有给出要检查的名单" in err and "returnbuscheckscenario.toml" in err, err


def test_check_reports_rows_and_masks_personal_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`check` lists each problem with row and column, masks phones, and writes the CSV."""
    rows = [worker("A1"), worker("A2", phone="1381234567"), worker("A3", home_address="火星基地")]
    path = write_scenario(tmp_path, rows)
    report = tmp_path / "report.csv"
    assert (
        run(["check", str(tmp_path / "roster.csv"), "--scenario", str(path), "--out", str(report)])
        == 0
    )
    printed = capsys.readouterr().out
    assert "3 行" in printed and "2 个错误" in printed  # Chinese by default
    # Errors, whose rows are not planned, told from warnings, which are.
    said = "".join(printed.split())
    assert "2个错误（所在行改正前不排车），0个提醒（照常排车）" in said, said
    with report.open(encoding="utf-8-sig") as handle:
        issues = list(csv.DictReader(handle))
    assert [(i["row"], i["column"]) for i in issues] == [("3", "phone"), ("4", "home_address")]
    assert issues[0]["value"] == "138***4567"
    assert issues[0]["problem"] == "不是有效的大陆手机号"
    assert "1381234567" not in printed
    command = ["check", str(tmp_path / "roster.csv"), "--scenario", str(path), "--lang", "en"]
    assert run(command) == 0
    printed = " ".join(capsys.readouterr().out.split())
    assert "3 rows" in printed and "2 errors" in printed
    said = "2 errors (rows left out of the plan until fixed), 0 warnings (planned all the same)"
    assert said in printed, printed


@pytest.mark.parametrize(
    ("encoding", "separator", "zh", "en"),
    [
        (
            "utf-16",
            "\t",
            "Excel“Unicode文本”：UTF-16，制表符分隔，表头在第1行",
            'Excel"Unicodetext":UTF-16,tab-separated,headeronrow1',
        ),
        ("gbk", ",", "（GBK/GB18030，表头在第1行）", "(GBK/GB18030,headeronrow1)"),
        ("utf-8-sig", ",", "（UTF-8带BOM，表头在第1行）", "(UTF-8withBOM,headeronrow1)"),
    ],
)
def test_check_names_the_rosters_encoding_as_the_desk_knows_it(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    encoding: str,
    separator: str,
    zh: str,
    en: str,
) -> None:
    """The encoding is said by the name Excel and Notepad give it, not the
    decoder's (utf_16, gb18030, utf_8_sig); tabs are said too."""
    roster = tmp_path / "roster.txt"
    with roster.open("w", encoding=encoding, newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(worker("A1")), delimiter=separator)
        writer.writeheader()
        writer.writerows([worker("A1", home_address="重庆市江津区几江街道"), worker("A2")])
    assert run(["check", str(roster)]) == 0
    said = "".join(capsys.readouterr().out.split())
    assert zh in said
    assert run(["check", str(roster), "--lang", "en"]) == 0
    said = "".join(capsys.readouterr().out.split())
    assert en in said and "utf_" not in said and "gb18030" not in said


def test_a_workbook_and_an_encoding_given_by_another_name_are_named_alike() -> None:
    """A workbook is no encoding; cp936 (as --encoding may name GBK) and
    UTF-8 with tabs are named as the desk knows them."""
    from returnbus.render.labels import file_kind

    assert file_kind("xlsx", "", "zh") == "Excel 工作簿"
    assert file_kind("cp936", ",", "zh") == "GBK/GB18030"
    assert file_kind("utf_8", "\t", "en") == "UTF-8, tab-separated"


def test_check_with_many_problems_names_the_file_holding_them_all(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Over 50 problems: the console shows 50 and sends the desk to --out's
    file when given (not to "use --out"); the levels placed are listed with
    the Chinese list mark."""
    rows = [worker(f"A{k:02d}", at=XINYANG) for k in range(55)]  # far from the address
    path = write_scenario(tmp_path, [*rows, worker("B1")])
    report = tmp_path / "report.csv"
    roster = str(tmp_path / "roster.csv")
    assert run(["check", roster, "--scenario", str(path), "--out", str(report)]) == 0
    said = "".join(capsys.readouterr().out.split())
    assert "……另有5条，全部见" in said and "用--out" not in said
    assert "精确55、乡镇1" in said
    assert run(["check", roster, "--scenario", str(path)]) == 0
    assert "……另有5条（用--out写出全部）" in "".join(capsys.readouterr().out.split())


def test_check_prints_each_bus_types_capacity_and_minimum(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With a scenario, `check` shows what each bus type carries under the seating policy."""
    fleet = (
        'id = "C53"\nseats = 53\ncount = 1\nfixed_cost = 3500\ncost_per_km = 7\n\n'
        '[[fleet]]\nid = "M19"\nseats = 19\nseats_per_row = 3\ncount = 2\n'
        "fixed_cost = 1500\ncost_per_km = 4"
    )
    path = write_scenario(tmp_path, [worker("A1")], fleet=fleet, min_riders=None)
    assert run(["check", str(tmp_path / "roster.csv"), "--scenario", str(path)]) == 0
    printed = capsys.readouterr().out
    assert "rated_half" in printed
    rows = {
        line.split("│")[1].strip(): line for line in printed.splitlines() if line.count("│") > 4
    }
    assert [cell.strip() for cell in rows["C53"].split("│")[2:6]] == ["53", "26", "8", "1"]
    m19 = [cell.strip() for cell in rows["M19"].split("│")[2:6]]
    assert m19[0] == "19" and int(m19[2]) == min(8, int(m19[1]) // 2)


def test_geocode_command_keeps_every_row_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`geocode` on worker_id,home_address and extra columns writes every row, fields
    added; its notes are in the desk's language."""
    source = tmp_path / "two.csv"
    source.write_text(
        "worker_id,home_address,note,纬度,经度\n"
        "1,贵州省遵义市桐梓县娄山关镇某村3组,keep me,,\n"
        "2,not an address,,,\n"
        "3,重庆市江津区,,29.3,106.2\n",
        encoding="utf-8",
    )
    for suffix in (".csv", ".xlsx"):
        target = tmp_path / f"out{suffix}"
        assert run(["geocode", str(source), "--out", str(target)]) == 0
        if suffix == ".csv":
            with target.open(encoding="utf-8-sig") as handle:
                rows = list(csv.DictReader(handle))
        else:
            book = load_workbook(target, read_only=True)
            assert book.sheetnames == ["定位结果"]  # the desk's language, as every list's
            english = tmp_path / "en.xlsx"
            assert run(["geocode", str(source), "--out", str(english), "--lang", "en"]) == 0
            # Capitalised as every English heading and sheet name is.
            assert load_workbook(english, read_only=True).sheetnames == ["Geocoded"]
            sheet = book.worksheets[0]
            values = [
                ["" if v is None else str(v) for v in row]
                for row in sheet.iter_rows(values_only=True)
            ]
            rows = [dict(zip(values[0], row, strict=True)) for row in values[1:]]
        assert [r["worker_id"] for r in rows] == ["1", "2", "3"]
        assert rows[0]["note"] == "keep me"
        assert (rows[0]["precision"], rows[0]["division_code"]) == ("township", "520322001000")
        assert "娄山关街道" in rows[0]["division_name"]
        assert rows[1]["precision"] == "none" and rows[1]["lat"] == ""
        assert (rows[2]["precision"], rows[2]["lat"], rows[2]["lon"]) == (
            "exact",
            "29.300000",
            "106.200000",
        )
        # "not an address" is English: the note says to write the address in Chinese.
        assert rows[1]["geocode_note"].startswith("住址没有汉字地名")
        assert rows[2]["geocode_note"] == "使用名单中的坐标"
    target = tmp_path / "en.csv"
    capsys.readouterr()
    assert run(["geocode", str(source), "--out", str(target), "--lang", "en"]) == 0
    with target.open(encoding="utf-8-sig") as handle:
        notes = [r["geocode_note"] for r in csv.DictReader(handle)]
    assert notes[1].startswith("no place name in Chinese characters")
    assert notes[2] == "roster coordinates used"
    # The levels placed at are listed in English too (they were joined by "、"),
    # finest first and the homes not placed last (they were in the codes'
    # alphabetical order: "exact, could not be placed, township").
    said = " ".join(capsys.readouterr().out.split())
    assert "exact 1, township 1, could not be placed 1" in said and "、" not in said, said


def _dorm_rooms(path: Path) -> dict[str, dict[str, Any]]:
    """The synthetic dormitories file read on its own: rooms, capacity and rules."""
    with path.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    dorms = {}
    for row in rows:
        if row["房间号"]:
            numbers = []
            for part in row["房间号"].split(", "):
                first, last = part.split("-")
                numbers += [str(n) for n in range(int(first), int(last) + 1)]
        else:
            numbers = [f"{n:03d}" for n in range(1, int(row["房间数"]) + 1)]
        isolation = row["单人隔离"] == "是" or (not row["单人隔离"] and not row["每间床位"])
        capacity = 1 if isolation else min(int(row["每间床位"] or 1), 6)
        if row["房间面积"] and not isolation:
            capacity = min(capacity, int(float(row["房间面积"]) // 2.5))
        dorms[row["宿舍编号"]] = {
            "rooms": set(numbers),
            "capacity": capacity,
            "isolation": isolation,
            "sex": {"男": "男", "女": "女"}.get(row["性别"]),
            "from": row["启用日期"],
            "to": row["停用日期"],
            "employer": row["所属企业"],
        }
    return dorms


def _must_quarantine(row: dict[str, str]) -> bool:
    """The default screening rule, read straight off the synthetic roster (whose ID
    numbers start with the home county's code: 50 is Chongqing)."""
    return (
        row["风险等级"] in ("中", "高")
        or row["健康码"] == "黄"
        or (row["返岗方式"] == "自行" and not row["身份证号"].startswith("50"))
    )


Stays = dict[tuple[str, str], list[tuple[date, date, str]]]


def _check_campaign(folder: Path, outs: list[Path]) -> list[str]:
    """An independent check of the beds of several batches planned with one ledger."""
    dorms = _dorm_rooms(folder / "dormitories.csv")
    with (folder / "roster.csv").open(encoding="utf-8-sig") as handle:
        roster = {r["工号"]: r for r in csv.DictReader(handle)}
    problems: list[str] = []
    stays: Stays = {}
    for out in outs:
        with (out / "dormitory_allocation.csv").open(encoding="utf-8-sig") as handle:
            beds = list(csv.DictReader(handle))
        plan = json.loads((out / "plan.json").read_text(encoding="utf-8"))
        problems += _unhoused(roster, plan, {b["worker_id"] for b in beds})
        for bed in beds:
            problems += _misplaced(dorms[bed["dorm_id"]], bed, roster[bed["worker_id"]])
            stays.setdefault((bed["dorm_id"], bed["room"]), []).append(
                (
                    date.fromisoformat(bed["start_date"]),
                    date.fromisoformat(bed["end_date"]) + timedelta(days=1),  # cleaning
                    roster[bed["worker_id"]]["性别"],
                )
            )
    return problems + _crowded(stays, dorms)


def _unhoused(
    roster: dict[str, dict[str, str]], plan: dict[str, Any], housed: set[str]
) -> list[str]:
    """Whoever of the batch must quarantine and has neither a bed nor a reason."""
    excused = {u["worker_id"] for u in plan["unassigned"] if u["reason"]}
    return [
        f"{worker_id} must quarantine but has no bed and no reason"
        for worker_id, row in roster.items()
        if row["返岗批次"] == plan["batch"]
        and row["健康码"] != "红"
        and _must_quarantine(row)
        and worker_id not in housed | excused
    ]


def _misplaced(dorm: dict[str, Any], bed: dict[str, str], worker: dict[str, str]) -> list[str]:
    """A bed in a room that is not there, out of the dormitory's dates, or not for the worker."""
    start = date.fromisoformat(bed["start_date"])
    last_night = date.fromisoformat(bed["end_date"]) - timedelta(days=1)
    checks = [
        (bed["room"] not in dorm["rooms"], "no such room"),
        (bool(dorm["from"]) and start < date.fromisoformat(dorm["from"]), "before it opens"),
        (bool(dorm["to"]) and last_night > date.fromisoformat(dorm["to"]), "after it closes"),
        (bool(dorm["employer"]) and worker["用工单位"] != dorm["employer"], "another firm's"),
        (bool(dorm["sex"]) and worker["性别"] != dorm["sex"], "the other sex's building"),
    ]
    return [
        f"{bed['worker_id']} in {bed['dorm_id']}/{bed['room']}: {w}" for bad, w in checks if bad
    ]


def _crowded(stays: Stays, dorms: dict[str, dict[str, Any]]) -> list[str]:
    """Rooms over capacity, or holding both sexes, on any night (cleaning day included)."""
    problems = []
    for (dorm_id, room), people in stays.items():
        for start, end, _ in people:
            together = [p for p in people if p[0] < end and start < p[1]]
            if len(together) > dorms[dorm_id]["capacity"]:
                problems.append(f"{dorm_id}/{room}: {len(together)} at once")
            if len({p[2] for p in together}) > 1:
                problems.append(f"{dorm_id}/{room}: both sexes at once")
    return problems


def test_three_batches_with_one_ledger_share_beds_by_the_rules(tmp_path: Path) -> None:
    """Three batches planned with one ledger: rooms never overbooked, mixed or misused."""
    assert run(["synth", "--workers", "900", "--batches", "3", "--out", str(tmp_path / "in")]) == 0
    ledger = tmp_path / "campaign.sqlite"
    outs = []
    for batch in ("第一批", "2", "第三批"):
        out = tmp_path / f"out{batch}"
        args = ["plan", str(tmp_path / "in" / "scenario.toml"), "--batch", batch]
        assert run([*args, "--out", str(out), "--ledger", str(ledger), "--time-limit", "2"]) == 0
        outs.append(out)
    assert _check_campaign(tmp_path / "in", outs) == []
    firsts = {json.loads((o / "summary.json").read_text())["dorm_status"] for o in outs}
    assert firsts <= {"optimal", "feasible"}


def test_a_release_date_the_calendar_has_not_is_said_not_to_exist(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--date 2020-02-30` was "not a date": its form is right, its day is not."""
    ledger = tmp_path / "l.sqlite"
    assert run(["ledger", "release", str(ledger), "--worker", "A1", "--date", "2020-02-30"]) == 2
    refused = "".join(capsys.readouterr().err.split())
    assert "--date：2020-02-30这一天不存在：2020年2月共29天" in refused, refused


def test_ledger_show_and_release(
    tmp_path: Path,
    planned: PlannedBatch,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`ledger show --json` lists the batch and its nights; `release` frees a bed early."""
    from returnbus.ledger import open_ledger
    from returnbus.planfile import from_document

    ledger = tmp_path / "l.sqlite"
    plan = from_document(planned.plan)
    with open_ledger(ledger) as book:
        book.record(
            plan,
            planned_at=datetime(2020, 3, 16, tzinfo=UTC),
            plan_id="0123456789abcdef",
            out_dir=str(planned.out),
        )
    capsys.readouterr()
    assert run(["ledger", "show", str(ledger), "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert [b["batch_id"] for b in shown["batches"]] == [plan.batch.id]
    assert sum(o["beds"] for o in shown["occupancy"]) == sum(
        (b.end - b.start).days for b in plan.beds
    )
    bed = plan.beds[0]
    release = ["ledger", "release", str(ledger), "--worker", bed.worker_id]
    assert run([*release, "--date", (bed.start + timedelta(days=2)).isoformat()]) == 0
    assert run([*release, "--date", "someday"]) == 2
    assert run(["ledger", "show", str(tmp_path / "none.sqlite")]) == 2
    capsys.readouterr()
    from returnbus import cli

    monkeypatch.setattr(cli.out, "width", 80)  # a desk's terminal
    assert run(["ledger", "show", str(ledger)]) == 0
    said = capsys.readouterr().out
    assert "车队：每日在用车辆" in said and "Fleet" not in said
    assert re.search(r"┃ 宿舍 +┃ 起 +┃ 止 +┃ 床位数 +┃ 房间数 +┃", said), said
    # Without the scenario the fleet is not known: said so, with how to compare.
    assert "未对照车队" in said and "--scenario" in said
    # An 80-column console folds the batches' table; nothing is cut to "…".
    assert "…" not in said, said
    # Nor broken within: the dates, the plan's id and its folder stay whole (they
    # folded to "2020" over "-03-" over "16", the id and the folder alike).
    record = plan_record(ledger)
    for whole in (record.leaves.split()[0], record.planned_here.split()[0], record.plan_id):
        assert whole in said, (whole, said)
    assert record.out_dir and record.out_dir in "".join(said.split()), said
    assert run(["ledger", "show", str(ledger), "--lang", "en"]) == 0
    said = capsys.readouterr().out
    assert "Fleet: buses out each day" in said
    # Headed as every English heading is (Workers in total, Cost (yuan)), capitalised.
    monkeypatch.setattr(cli.out, "width", 200)  # wide enough that no heading folds
    assert run(["ledger", "show", str(ledger), "--lang", "en"]) == 0
    said = capsys.readouterr().out
    # "Self" read as a field's name; the counts of beds and rooms are said so in
    # Chinese ("床位" beside a date read as a bed's number).
    batches = (
        r"┃ Batch +┃ Departure +┃ Planned at +┃ Workers +┃ On bus +┃ Self-return +┃ Unassigned +┃"
    )
    assert re.search(batches + r" Buses +┃ Beds +┃\n", said), said
    assert f"Batch {record.batch_id}: plan ID {record.plan_id}, folder {record.out_dir}" in said
    assert re.search(r"┃ Dormitory +┃ From +┃ To +┃ Beds +┃ Rooms +┃", said), said
    assert re.search(r"┃ Day +┃ Batch +┃", said), said


def test_ledger_show_without_a_scenario_says_what_settling_the_ledger_found(
    tmp_path: Path, planned: PlannedBatch
) -> None:
    """`ledger show` first settles the ledger (`settle`), which warns of a
    batch's folder that no longer holds the plan the ledger records.  Without
    --scenario the console logging was never set up, so the warning went
    unsaid (or was said by a handler an earlier run in the process left, in
    its language): each run here is a fresh process, in either language."""
    from returnbus.ledger import open_ledger
    from returnbus.planfile import from_document

    ledger = tmp_path / "l.sqlite"
    with open_ledger(ledger) as book:
        # The folder holds another plan than the one recorded: as if edited since.
        book.record(
            from_document(planned.plan),
            planned_at=datetime(2020, 3, 16, tzinfo=UTC),
            plan_id="0123456789abcdef",
            out_dir=str(planned.out),
        )
    code = "from returnbus.cli import main; main()"
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    for lang, told in (
        ("zh", f"警告：{planned.out}中不是台账记录的批次"),
        ("en", f"warning: {planned.out} does not hold the plan of batch"),
    ):
        args = [sys.executable, "-c", code, "ledger", "show", str(ledger), "--lang", lang]
        done = subprocess.run(args, capture_output=True, text=True, env=env, check=False)
        assert done.returncode == 0, done.stderr
        # Chinese lines break between characters: read without the breaks and spaces.
        said, told = ("".join(s.split()) for s in (done.stderr, told))
        assert told in said, done.stderr


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_ledger_show_keeps_headings_and_times_whole_on_an_80_column_console(
    tmp_path: Path,
    planned: PlannedBatch,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    lang: Lang,
) -> None:
    """The batches' nine columns did not fit 80 cells: Rich broke their
    headings, "自行" over "返岗", "床位" over "数", "Worke" over "rs",
    "Unass" over "igned", and put each time's date over its hour.  The
    counts are now a table of their own beside the batch, each heading whole,
    each time on one line."""
    from returnbus import cli
    from returnbus.ledger import open_ledger
    from returnbus.planfile import from_document
    from returnbus.render.labels import label

    ledger = tmp_path / "l.sqlite"
    with open_ledger(ledger) as book:
        book.record(
            from_document(planned.plan),
            planned_at=datetime(2020, 3, 16, 9, 30, tzinfo=UTC),
            plan_id="0123456789abcdef",
            out_dir=str(planned.out),
        )
    monkeypatch.setattr(cli.out, "width", 80)  # a desk's terminal
    assert run(["ledger", "show", str(ledger), "--lang", lang]) == 0
    said = capsys.readouterr().out
    assert not wider_lines(said, 80) and "…" not in said, said
    columns = ["batch", "departure", "planned_at", "workers", "on_bus", "self", "unassigned"]
    columns += ["buses", "beds", "dormitory", "from", "to", "rooms", "day"]
    headings = [label(f"ledger_col_{c}", lang) for c in columns]
    assert not broken_headings(said, headings), (broken_headings(said, headings), said)
    record = plan_record(ledger)
    assert record.leaves in said and record.planned_here in said, said
    # Every count is still shown, beside its batch.
    counts = (record.workers, record.on_bus, record.self_return, record.unassigned)
    line = re.compile(rf"│ {record.batch_id} +│" + "".join(rf" +{n} │" for n in counts))
    assert line.search(said), said


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_fleet_of_many_bus_types_keeps_its_days_whole_on_an_80_column_console(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, lang: Lang
) -> None:
    """`ledger show` gives each bus type a column of the fleet's table: with
    nine types Rich cut each day short to fit 80 cells, "2020-03…".  The
    types that do not fit go to a table of their own, led by the day and
    batch again; every day, count and type is shown whole."""
    from returnbus import cli
    from returnbus.campaign import FleetDay, HeldBus

    monkeypatch.setattr(cli.out, "width", 80)  # a desk's terminal
    types = ["M15", "M19", "M23", "C33", "C39", "C45", "C49", "C53", "C55"]
    first = date(2020, 3, 17)
    fleet = []
    for k, bus_type in enumerate(types):
        for day in (first + timedelta(days=d) for d in range(3)):
            out = 2 + (k + day.day) % 3  # 2 to 4 of each type's 3: some days over
            held = HeldBus(
                bus_type=bus_type, start=datetime(2020, 3, 17), end=datetime(2020, 3, 18)
            )
            fleet.append(FleetDay(bus_type=bus_type, day=day, buses=(held,) * out, fleet=3))
    cli._print_fleet(fleet, [""], lang)
    said = capsys.readouterr().out
    assert not wider_lines(said, 80) and "…" not in said, said
    assert all(str(first + timedelta(days=d)) in said for d in range(3)), said
    assert not broken_headings(said, types), said
    over = "over" if lang == "en" else "超出"
    for d in fleet:
        shown = f"{len(d.buses)}/3" + (f" {over}" if d.overdrawn else "")
        assert shown in said, (shown, said)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_check_keeps_values_and_headings_whole_on_an_80_column_console(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    lang: Lang,
) -> None:
    """Rich fitted check's issues to 80 cells by narrowing every column: a
    masked ID number read "510**********9" over "906", a health code
    "Green-ish-unkn" over "own-colour", the word "green/yellow/r" over "ed".
    Values and words are now whole; the problem and what to do fold between
    words."""
    from returnbus import cli
    from returnbus.render.labels import labels

    rows = [
        worker("W1", at=TONGZI, id_number="51062319870219906"),
        worker("W2", at=TONGZI, phone="1814975734399"),
        worker("W3", at=TONGZI, health_code="Green-ish-unknown-colour"),
    ]
    roster = write_roster(tmp_path / "roster.csv", rows)
    monkeypatch.setattr(cli.out, "width", 80)  # a desk's terminal
    assert run(["check", str(roster), "--lang", lang]) == 0
    said = capsys.readouterr().out
    assert not wider_lines(said, 80) and "…" not in said, said
    for whole in ("510**********9906", "181******4399", "Green-ish-unknown-colour"):
        assert whole in said, (whole, said)
    headings = labels(("row", "column", "value", "severity", "problem", "action"), lang)
    assert not broken_headings(said, headings), said
    if lang == "en":
        assert "green/yellow/red" in said, said


def plan_record(ledger: Path) -> Any:
    """The ledger's one batch record."""
    from returnbus.ledger import open_ledger

    with open_ledger(ledger, read_only=True) as book:
        (record,) = book.batches()
    return record


def test_killing_a_plan_run_leaves_the_ledger_unchanged(tmp_path: Path) -> None:
    """A run killed while it plans leaves the ledger readable and as it was."""
    assert run(["synth", "--workers", "300", "--batches", "2", "--out", str(tmp_path / "in")]) == 0
    scenario = str(tmp_path / "in" / "scenario.toml")
    ledger = tmp_path / "campaign.sqlite"
    common = ["--ledger", str(ledger), "--out", str(tmp_path / "out")]
    assert run(["plan", scenario, "--batch", "1", *common, "--time-limit", "1"]) == 0

    def dump() -> list[str]:
        with closing(sqlite3.connect(ledger)) as db:
            return list(db.iterdump())

    before = dump()
    for delay in (1.0, 3.0):
        child = subprocess.Popen(
            [
                sys.executable,
                "-c",
                "from returnbus.cli import main; main()",
                "plan",
                scenario,
                "--batch",
                "2",
                *common,
                "--time-limit",
                "60",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        child.kill()
        child.wait()
        assert dump() == before


def test_the_same_plan_command_twice_writes_the_same_routes(tmp_path: Path) -> None:
    """Repeatable: the same command, the same plan.json routes, beds and ids."""
    scenario = tmp_path / "in" / "scenario.toml"
    assert run(["synth", "--workers", "150", "--seed", "4", "--out", str(tmp_path / "in")]) == 0
    documents = []
    for k in range(2):
        out = tmp_path / f"out{k}"
        args = ["plan", str(scenario), "--out", str(out), "--iterations", "2000"]
        assert run([*args, "--ledger", str(tmp_path / f"l{k}.sqlite")]) == 0
        documents.append(json.loads((out / "plan.json").read_text(encoding="utf-8")))
    first, second = documents
    assert first["routes"] and first["routes"] == second["routes"]
    assert first["dormitory_allocation"] == second["dormitory_allocation"]
    assert first["summary"]["search_stop"] == "iterations"


def test_a_reason_s_headline_keeps_a_time_whole() -> None:
    """The left-behind table heads each reason with its first words: a colon
    ends them, but not the one inside 06:00."""
    from returnbus.cli import _headline

    assert _headline("no bus reaches it before 06:00: plan it again", "en") == (
        "no bus reaches it before 06:00"
    )
    assert _headline("早于 06:00 无车可达：请重新规划", "zh") == "早于 06:00 无车可达"
    # A problem opening with its values is headed past them, alike for every row.
    from returnbus.text import Text, headed_column, joined

    outside = Text("outside_china", lat=1.5, lon=200.0)
    column = headed_column("纬度", "lat")
    reason = joined([Text("row_problem", column=column, problem=outside, action="")])
    assert _headline(reason, "zh") == "纬度：不在中国境内"
    # In English the column is said as one, never a bare Chinese word.
    assert _headline(reason, "en") == 'column "纬度" (latitude): is outside China'


@pytest.mark.parametrize("command", [["check"], ["ledger", "show", "--json"]])
def test_output_piped_into_a_reader_that_stops_early_is_no_fault(
    tmp_path: Path, command: list[str]
) -> None:
    """``returnbus check roster.csv | head -1``: the reader closing the pipe is
    exit 0, not 'internal error' (1)."""
    path = write_scenario(tmp_path / "scn", [worker(f"A{k}", at=TONGZI) for k in range(300)])
    ledger = tmp_path / "l.sqlite"
    if command[0] == "ledger":
        assert run(["plan", str(path), "--out", str(tmp_path / "o"), "--ledger", str(ledger)]) == 0
    target = str(ledger if command[0] == "ledger" else path.parent / "roster.csv")
    read, write = os.pipe()
    child = subprocess.Popen(
        [sys.executable, "-c", "from returnbus.cli import main; main()", *command, target],
        stdout=write,
        stderr=subprocess.PIPE,
    )
    os.close(write)
    os.close(read)  # the reader is gone before a line is written
    _, said = child.communicate(timeout=120)
    assert child.returncode == 0, said.decode()
    assert b"BrokenPipe" not in said


@pytest.mark.parametrize("command", ["check", "geocode", "synth"])
def test_an_out_that_is_a_folder_or_under_a_file_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    """--out naming a folder, or a place under a file, is the desk's to fix:
    exit 2 naming it, not an internal error (IsADirectoryError, FileExistsError)."""
    path = write_scenario(tmp_path / "scn", [worker("A1", at=TONGZI)])
    roster = path.parent / "roster.csv"
    folder = tmp_path / "looks.csv"
    folder.mkdir()
    for out in (folder, roster / "x.csv"):
        if command == "synth":
            args = ["synth", "--out", str(roster if out == folder else out), "--workers", "5"]
        else:
            args = [command, str(roster), "--out", str(out)]
        capsys.readouterr()
        assert run([*args, "--lang", "en"]) == 2
        said = " ".join(capsys.readouterr().err.split())
        assert "internal error" not in said and "内部错误" not in said


def test_no_command_writes_over_the_file_it_reads_or_the_desks_own(tmp_path: Path) -> None:
    """check/geocode --out naming the roster, and synth into a folder holding
    another roster, stop with 2 and leave the file as it was."""
    path = write_scenario(tmp_path / "scn", [worker("A1", at=TONGZI)])
    roster = path.parent / "roster.csv"
    before = roster.read_bytes()
    assert run(["check", str(roster), "--out", str(roster)]) == 2
    assert run(["geocode", str(roster), "--out", str(roster)]) == 2
    assert run(["synth", "--out", str(path.parent), "--workers", "5"]) == 2
    assert roster.read_bytes() == before
    again = tmp_path / "sample"
    assert run(["synth", "--out", str(again), "--workers", "5"]) == 0
    assert run(["synth", "--out", str(again), "--workers", "5"]) == 0  # the same files: fine


def test_demo_outside_the_repository_writes_the_sample_beside_its_outputs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where there is no sample_data (an installed package), the demo makes
    the sample beside its output folder and plans it there: made inside,
    the folder held files of no plan and the demo refused itself."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("returnbus.cli.SAMPLE_WORKERS", 40)
    assert run(["demo", "--out", "out/demo", "--workers", "1"]) == 0
    assert (tmp_path / "out" / "demo.scenario" / "scenario.toml").is_file()
    summary = json.loads((tmp_path / "out" / "demo" / "summary.json").read_text())
    assert summary["workers_total"] == 40


def test_plan_says_how_many_roster_warnings_it_planned_over(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A row without a phone is planned, with a warning: plan counts them and
    gives the check that lists each (it said nothing of them), in words that
    agree in number in English (2 warnings, not 2 warning(s)); in Chinese as
    check counts them (个提醒).  The check is the one a desk types, of the
    scenario alone (whose roster it checks), its path whole, and quoted when
    it holds a space (a shell took it for two words)."""
    path = write_scenario(
        tmp_path / "in", [worker("A1", at=TONGZI), worker("A2", at=TONGZI, phone="")]
    )
    assert run(["plan", str(path), "--out", str(tmp_path / "out")]) == 0
    said = "".join(capsys.readouterr().err.split())
    assert "读取名单时有1个提醒，已照常规划" in said, said
    assert said.endswith(f"returnbuscheck{path.resolve()}"), said
    assert "--scenario" not in said and "roster.csv" not in said, said
    rows = [worker("A1", at=TONGZI, phone=""), worker("A2", at=TONGZI, phone="")]
    path = write_scenario(tmp_path / "in 2", rows)
    assert run(["plan", str(path), "--out", str(tmp_path / "out2"), "--lang", "en"]) == 0
    said = " ".join(capsys.readouterr().err.split())
    assert "reading the roster gave 2 warnings, planned regardless" in said, said
    assert said.endswith(f': returnbus check "{path.resolve()}"'), said
    assert "--scenario" not in said and "roster.csv" not in said, said


def test_a_screening_column_is_warned_of_by_plan_and_listed_by_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A desk's own 是否密接 and 体温 columns are no screening rules: a close
    contact and a fever are planned all the same, each a warning that plan
    counts and check lists at its row and column; the cells neither reads
    (不清楚) are one warning for their column."""
    rows = [
        worker("A1", at=TONGZI, 是否密接="是", 体温="36.5"),
        worker("A2", at=TONGZI, 是否密接="不清楚", 体温="38.2"),
        worker("A3", at=TONGZI, 是否密接="不清楚", 体温=""),
    ]
    path = write_scenario(tmp_path / "in", rows)
    out = tmp_path / "out"
    assert run(["plan", str(path), "--out", str(out), "--workers", "1"]) == 0
    said = "".join(capsys.readouterr().err.split())
    assert "读取名单时有3个提醒，已照常规划" in said, said
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert (summary["workers_on_bus"], summary["workers_unassigned"]) == (3, 0), summary
    report = tmp_path / "report.csv"
    assert run(["check", str(path), "--out", str(report)]) == 0
    said = "".join(capsys.readouterr().out.split())
    assert "0个错误（所在行改正前不排车），3个提醒（照常排车）" in said, said
    with report.open(encoding="utf-8-sig") as handle:
        issues = [(i["row"], i["column"], i["value"]) for i in csv.DictReader(handle)]
    assert issues == [("", "是否密接", "不清楚"), ("2", "是否密接", "是"), ("3", "体温", "38.2")]


def test_plan_says_how_many_travel_without_a_phone_and_where_they_are_listed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A rider with no phone is planned and listed in to_call.csv: the console
    says how many, and names the file, as it does unassigned.csv; with
    everyone reachable it says nothing of it."""
    rows = [worker("A1", at=TONGZI), worker("A2", at=TONGZI, phone="")]
    path = write_scenario(tmp_path / "in", rows)
    capsys.readouterr()
    assert run(["plan", str(path), "--out", str(tmp_path / "out"), "--workers", "1"]) == 0
    said = "".join(capsys.readouterr().out.split())
    assert "待联系1人：名单上没有手机号" in said and "to_call.csv" in said, said
    assert "lists.xlsx的“待联系”表" in said, said
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert summary["workers_to_call"] == 1
    out = tmp_path / "en"
    assert run(["plan", str(path), "--out", str(out), "--lang", "en", "--workers", "1"]) == 0
    said = " ".join(capsys.readouterr().out.split())
    assert "1 travelling with no phone on the roster" in said and "to_call.csv" in said
    assert "the 'To call' sheet of lists.xlsx" in said, said
    path = write_scenario(tmp_path / "all", [worker("A1", at=TONGZI)])
    assert run(["plan", str(path), "--out", str(tmp_path / "all_out"), "--workers", "1"]) == 0
    assert "to_call.csv" not in capsys.readouterr().out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_check_out_workbook_opens_at_the_issues_headed_for_the_desk(
    tmp_path: Path, lang: str
) -> None:
    """`check --out FILE.xlsx` keeps its keyed sheet first (row, column, ...)
    and opens at the same issues headed in the desk's language (English with
    --lang en); a CSV keeps the keys alone."""
    write_scenario(tmp_path, [worker("A1", phone="1381234567"), worker("A2", gender="x")])
    book_path, table = tmp_path / "issues.xlsx", tmp_path / "issues.csv"
    for out in (book_path, table):
        args = ["check", str(tmp_path / "roster.csv"), "--out", str(out)]
        assert run([*args, "--lang", "en"] if lang == "en" else args) == 0
    book = load_workbook(book_path)
    desk = "名单问题" if lang == "zh" else "Roster problems"
    assert book.sheetnames == ["issues", desk]
    assert book.active is not None and book.active.title == desk
    keyed, said = (
        [["" if c is None else str(c) for c in r] for r in book[name].iter_rows(values_only=True)]
        for name in ("issues", desk)
    )
    keys = ["row", "column", "worker_id", "value", "severity", "problem", "action"]
    assert keyed[0] == keys
    assert said[1] == (
        ["行号", "列", "工号", "内容", "类型", "问题", "处理办法"]
        if lang == "zh"
        else ["Row", "Column", "Worker ID", "Value", "Severity", "Problem", "What to do"]
    )
    assert said[2:] == keyed[1:] and len(keyed) == 3
    # The title tells the error (its row is not planned) from the warning, each counted.
    assert said[0][0] == (
        "名单检查：1 个错误（所在行改正前不排车），1 个提醒（照常排车）"
        if lang == "zh"
        else "Roster check: 1 error (row left out of the plan until fixed), "
        "1 warning (planned all the same)"
    )
    with table.open(encoding="utf-8-sig", newline="") as handle:
        assert next(csv.reader(handle)) == keys


def test_a_device_or_pipe_given_as_roster_or_scenario_is_exit_2_saying_what_it_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """/dev/null as the roster was "file not found", as the scenario an empty
    one; a named pipe as the scenario waited for ever.  Each is exit 2,
    saying what it is, in Chinese by default."""
    pipe = tmp_path / "scenario.toml"
    os.mkfifo(pipe)
    assert run(["check", os.devnull]) == 2
    said = "".join(capsys.readouterr().err.split())
    assert "设备（如/dev/null），不是文件" in said and "找不到" not in said
    assert run(["plan", str(pipe), "--out", str(tmp_path / "out")]) == 2
    said = "".join(capsys.readouterr().err.split())
    assert "命名管道，不是方案文件" in said and "处理办法" in said
    assert run(["check", "--scenario", os.devnull, "--lang", "en"]) == 2
    said = " ".join(capsys.readouterr().err.split())
    assert "a device (such as /dev/null), not a scenario file" in said
    assert "Traceback" not in said


@pytest.mark.parametrize("kind", ["device", "pipe", "folder", "unreadable"])
def test_verify_roster_holding_no_file_to_read_is_exit_2_saying_what_it_is(
    planned: PlannedBatch,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    kind: str,
) -> None:
    """`verify --roster` given /dev/null, a pipe or a folder said "roster
    file not found", and a roster it may not read was an internal fault."""
    path = no_file_at(tmp_path, kind, monkeypatch, "roster.csv")
    assert run(["verify", str(planned.out), "--roster", str(path), "--lang", "en"]) == 2
    said = " ".join(capsys.readouterr().err.split())
    assert NO_FILE_SAID[kind][0] in said and "not found" not in said, said
    assert str(path) in said and "what to do" in said


def _path_parameters() -> Iterator[tuple[str, str, Any]]:
    """(command, parameter, its typer ParameterInfo) of every parameter of
    every command that names a file or folder."""
    import typing

    from typer.models import ParameterInfo

    from returnbus.cli import app, ledger_app

    for typer_app in (app, ledger_app):
        for command in typer_app.registered_commands:
            callback = command.callback
            assert callback is not None
            hints = typing.get_type_hints(callback, include_extras=True)
            for name, hint in hints.items():
                kind, *extras = typing.get_args(hint) or (hint,)
                if Path not in (kind, *typing.get_args(kind)):
                    continue
                info = next(e for e in extras if isinstance(e, ParameterInfo))
                yield callback.__name__, name, info


def test_every_path_parameter_is_checked_by_the_command_not_by_typer() -> None:
    """typer's own check of a path refused a file it may not read with
    "path '...' is not readable" in English, inside a Chinese line, with
    nothing to do: the commands say it, naming the file and what to do."""
    named = list(_path_parameters())
    assert len(named) > 20  # the walk found them: plan's, replan's, ... ledger's
    readable = [f"{command} {name}" for command, name, info in named if info.readable]
    assert readable == []


@pytest.mark.parametrize(
    ("command", "name"),
    [
        (["check", "{}"], "roster.csv"),
        (["plan", "{}", "--out", "{out}"], "scenario.toml"),
        (["ledger", "show", "{}"], "ledger.sqlite"),
    ],
)
def test_a_file_the_system_will_not_let_us_read_is_said_in_chinese_with_what_to_do(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: list[str],
    name: str,
) -> None:
    """No permission to read a file: said in the desk's words, naming it and
    what to do, never typer's "path '...' is not readable"."""
    path = no_file_at(tmp_path, "unreadable", monkeypatch, name)
    access = os.access
    monkeypatch.setattr(
        os, "access", lambda p, mode, **kw: Path(p) != path and access(p, mode, **kw)
    )
    args = [a.format(path, out=tmp_path / "out") for a in command]
    assert run(args) == 2
    said = "".join(capsys.readouterr().err.split())
    assert "没有权限" in said and "处理办法" in said and "notreadable" not in said, said


@pytest.mark.parametrize("command", ["check", "geocode"])
@pytest.mark.parametrize("kind", ["pipe", "device"])
def test_a_table_out_that_is_a_pipe_or_device_is_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, kind: str
) -> None:
    """--out naming a named pipe (issues.csv) waited for ever for a reader
    once the roster was read; a device named .csv wrote the list nowhere.
    Each is refused before anything is read, saying what it is."""
    write_scenario(tmp_path, [worker("A1")])
    target = tmp_path / "issues.csv"
    if kind == "pipe":
        os.mkfifo(target)
    else:
        target.symlink_to(os.devnull)
    assert run([command, str(tmp_path / "roster.csv"), "--out", str(target), "--lang", "en"]) == 2
    said = " ".join(capsys.readouterr().err.split())
    named = "a named pipe" if kind == "pipe" else "a device (such as /dev/null)"
    assert f"--out names {named}, not a file to write" in said and "what to do" in said, said


@pytest.mark.parametrize("command", ["synth", "demo"])
def test_an_out_folder_that_is_a_file_is_said_to_be_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    """synth --out naming a file was "a file of that name is in the way":
    said as plan says it, that --out names a file, not a folder."""
    target = tmp_path / "afile"
    target.write_text("the desk's\n", encoding="utf-8")
    assert run([command, "--out", str(target), "--lang", "en"]) == 2
    said = " ".join(capsys.readouterr().err.split())
    assert "--out names a file, not a folder" in said and "give a folder" in said, said
    assert target.read_text(encoding="utf-8") == "the desk's\n"


@pytest.mark.parametrize("command", ["verify", "diff", "replan"])
@pytest.mark.parametrize("kind", ["device", "pipe"])
def test_a_plan_path_that_is_a_device_or_pipe_is_said_so(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: str,
    kind: str,
) -> None:
    """verify, diff or replan given /dev/null or a named pipe said "no
    plan.json here", of something that is no folder: it is said what it is."""
    path = no_file_at(tmp_path, kind, monkeypatch, "plan.json")
    args = {
        "verify": ["verify", str(path)],
        "diff": ["diff", str(path), str(path)],
        "replan": ["replan", str(path), "--out", str(tmp_path / "out")],
    }[command]
    assert run([*args, "--lang", "en"]) == 2
    said = " ".join(capsys.readouterr().err.split())
    assert f"{NO_FILE_SAID[kind][0]} a plan" in said and "here" not in said, said
    assert "what to do" in said


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_check_accounts_for_every_row_in_its_homes_placed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    """A row refused before its home is looked up (a health code no colour)
    is counted among the homes, as not looked up: "3 rows ... homes placed:
    township 2" left the desk to wonder where the third went."""
    rows = [worker("A1"), worker("A2"), worker("A3", health_code="蓝")]
    path = write_scenario(tmp_path, rows)
    command = ["check", str(tmp_path / "roster.csv"), "--scenario", str(path), "--lang", lang]
    assert run(command) == 0
    printed = " ".join(capsys.readouterr().out.split())
    placed = printed.split("homes placed:" if lang == "en" else "住址定位：")[1]
    placed = placed.split("Fleet:" if lang == "en" else "车辆：")[0]
    assert sum(int(n) for n in re.findall(r"\d+", placed)) == 3, placed
    skipped = "not looked up (row in error) 1" if lang == "en" else "行有错误未定位 1"
    assert skipped in placed, placed


def test_check_shows_the_errors_first(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A roster's last row's health code of no colour is an error, to fix
    before the row can be planned: it leads the console's table, though 60
    warnings (phones missing) come before it in the roster and only 50
    problems are shown.  Like every roster problem, it exits 0: the roster
    plans, that row left out (README, exit codes)."""
    rows = [worker(f"A{k}", phone="") for k in range(60)]
    path = write_scenario(tmp_path, rows)
    command = ["check", str(tmp_path / "roster.csv"), "--scenario", str(path), "--lang", "en"]
    capsys.readouterr()
    assert run(command) == 0
    assert "0 errors" in " ".join(capsys.readouterr().out.split())
    write_scenario(tmp_path, [*rows, worker("LAST", health_code="紫")])
    assert run(command) == 0
    printed = " ".join(capsys.readouterr().out.split())
    assert "1 error " in printed and "60 warnings" in printed and "11 more" in printed
    assert printed.index("紫") < printed.index("warning"), printed
