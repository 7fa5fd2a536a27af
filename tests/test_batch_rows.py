"""Every roster row in one outcome across batches: rows whose batch cell is
blank or names no batch of scenario.toml are unassigned, with why, in every
batch's plan and named by `check`; batch cells Excel turned into dates find
their batch."""

from __future__ import annotations

import csv
from datetime import datetime, time
from pathlib import Path

import pytest
from openpyxl import Workbook

from returnbus.campaign import shared_days
from returnbus.checker import check_plan
from returnbus.ids import batch_key
from returnbus.io.roster import RosterSource, read_roster
from returnbus.io.scenario import load_scenario
from returnbus.pipeline import make_plan, prepare, read_scenario_roster
from returnbus.text import say

from .helpers import TONGZI, run, worker, write_scenario
from .test_campaign import BATCHES

#: Batches named by the day they leave, as a desk may name them.
DATED = BATCHES.replace('"第一批"', '"2020-03-17"').replace('"第二批"', '"3月21日"')


def stray_roster(tmp_path: Path) -> Path:
    """Rows 2 and 6 in batch one, 7 in batch two; 3 blank, 4 an unknown batch,
    5 a date no batch has, and row 8 blank with a bad health code too."""
    rows = [
        worker("A", at=TONGZI, batch="第一批"),
        worker("B", at=TONGZI, batch=""),
        worker("C", at=TONGZI, batch="第九批"),
        worker("D", at=TONGZI, batch="2020/3/17"),
        worker("E", at=TONGZI, batch="1"),
        worker("F", at=TONGZI, batch="第二批"),
        worker("G", at=TONGZI, batch=" ", health_code="蓝"),
    ]
    return write_scenario(tmp_path, rows, extra=BATCHES)


def test_rows_no_batch_plans_are_unassigned_with_why_in_each_batch(tmp_path: Path) -> None:
    """The blank, unknown and dated rows are in the turned-away of both
    batches, stage roster, with a reason in Chinese and English that says
    what to write; each batch counts its own rows and these."""
    scenario = load_scenario(stray_roster(tmp_path))
    stray_rows = {3: "B", 4: "C", 5: "D", 8: "G"}
    for batch, own in (("第一批", {2: "A", 6: "E"}), ("第二批", {7: "F"})):
        prepared = prepare(scenario, batch=batch)
        assert {w.row: w.id for w in prepared.workers} == own
        stray = {u.row: u for u in prepared.turned_away if u.row in stray_rows}
        assert {r: u.worker_id for r, u in stray.items()} == stray_rows
        assert {u.stage for u in stray.values()} == {"roster"}
        for row in (3, 8):
            assert "返岗批次为空" in say(stray[row].reason, "zh")
            assert "the batch cell is blank" in say(stray[row].reason, "en")
        for row, value in ((4, "第九批"), (5, "2020/3/17")):
            english = say(stray[row].reason, "en")
            assert f"batch {value!r} is not a batch of scenario.toml" in english
            assert "第一批, 第二批" in english
            assert f"返岗批次“{value}”不在 scenario.toml 的批次中" in say(stray[row].reason, "zh")
        # A stray row's own errors are said with it, not lost.
        assert "health_code" in say(stray[8].reason, "en")
        assert prepared.rows_total == len(own) + len(stray_rows)
        assert len(prepared.turned_away) == len(stray_rows)


def test_a_plan_of_each_batch_accounts_for_the_stray_rows(tmp_path: Path) -> None:
    """Planned, each batch's plan lists the stray rows as unassigned and
    keeps every rule, its accounting included."""
    scenario = load_scenario(stray_roster(tmp_path))
    for batch in ("第一批", "第二批"):
        plan = make_plan(scenario, batch=batch, clock=None)
        assert {u.row for u in plan.unassigned if u.stage == "roster"} == {3, 4, 5, 8}
        assert check_plan(plan) == []


@pytest.mark.parametrize("several", [False, True], ids=["one batch", "several batches"])
def test_a_header_pasted_again_is_warned_of_in_each_batchs_plan(
    tmp_path: Path, several: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    """Row 3 repeats the header (two lists pasted together): it is in no
    batch, so every batch's plan keeps its warning, and `plan` says the
    roster gave one, whether the roster holds one batch or several."""
    batches = ("第一批", "第二批") if several else ("", "")
    rows = [worker("A", at=TONGZI, batch=batches[0]), worker("B", at=TONGZI, batch=batches[1])]
    path = write_scenario(tmp_path, rows, extra=BATCHES if several else "")
    roster = tmp_path / "roster.csv"
    lines = roster.read_text(encoding="utf-8-sig").splitlines()
    roster.write_text("\n".join([*lines[:2], lines[0], *lines[2:]]) + "\n", encoding="utf-8")
    scenario = load_scenario(path)
    for batch in batches if several else (None,):
        warned = [i for i in prepare(scenario, batch=batch).issues if i.row == 3]
        assert [i.severity for i in warned] == ["warning"], batch
        assert "repeats the header" in say(warned[0].problem, "en")
    command = ["plan", str(path), "--out", str(tmp_path / "out"), "--lang", "en"]
    assert run([*command, *(["--batch", "第二批"] if several else [])]) == 0
    # One warning, in the singular (it said "1 warning(s)").
    assert "gave 1 warning, planned regardless" in " ".join(capsys.readouterr().err.split())


def test_an_xlsx_date_cell_finds_its_batch(tmp_path: Path) -> None:
    """A batch cell Excel holds as a date (openpyxl reads a datetime) is read
    back as its day and planned with the batch named by that day."""
    cells: list[object] = [datetime(2020, 3, 17), "3月21日", datetime(2026, 3, 21, 0, 0)]
    path = excel_batch_roster(tmp_path, cells, DATED)
    report = read_roster(RosterSource(path=tmp_path / "roster.xlsx"))
    assert dict(report.batch_of_row) == {2: "2020-03-17", 3: "3月21日", 4: "2026-03-21"}
    scenario = load_scenario(path)
    first = prepare(scenario, batch="2020-03-17")
    assert (first.id, [w.id for w in first.workers], first.turned_away) == (
        "2020-03-17",
        ["W0"],
        (),
    )
    second = prepare(scenario, batch="3月21日")
    assert (second.id, [w.id for w in second.workers], second.turned_away) == (
        "3月21日",
        ["W1", "W2"],
        (),
    )


def test_csv_dates_as_excel_writes_them_find_the_batch_named_by_that_day(tmp_path: Path) -> None:
    """2020/3/17 and the other ways a saved CSV writes a day match the batch
    "2020-03-17"; "3月21日" takes 2020-03-21 00:00:00 and 21-Mar."""
    written = ["2020/3/17", "3/17/2020", "2020-03-17 00:00:00", "2020-03-21 00:00:00", "21-Mar"]
    rows = [worker(f"W{k}", at=TONGZI, batch=b) for k, b in enumerate(written)]
    scenario = load_scenario(write_scenario(tmp_path, rows, extra=DATED))
    first = prepare(scenario, batch="2020-03-17")
    assert ([w.id for w in first.workers], first.turned_away) == (["W0", "W1", "W2"], ())
    second = prepare(scenario, batch="3月21日")
    assert ([w.id for w in second.workers], second.turned_away) == (["W3", "W4"], ())


@pytest.mark.parametrize(
    "written",
    [
        "2020-03-17",
        "2020/3/17",
        "2020.3.17",
        "20200317",
        "2020年3月17日",
        "3月17日",
        "3月17号",
        "3-17",
        "3/17",
        "3/17/2020",
        "17/3/2020",
        "17-Mar",
        "17-Mar-20",
        "March 17, 2020",
        "2020-03-17 00:00:00",
        "2026-3-17 0:00",
    ],
)
def test_batch_key_reads_a_day_however_written(written: str) -> None:
    """Every rendering of 17 March is one batch; batch numbers stay numbers."""
    assert batch_key(written) == "03-17"


@pytest.mark.parametrize(("written", "key"), [("2/30", "2/30"), ("0317", "317"), ("1.5", "1.5")])
def test_batch_key_leaves_what_is_no_day(written: str, key: str) -> None:
    assert batch_key(written) == key


def test_check_names_the_rows_no_batch_plans(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`check` lists each stray row with its row, the batch column, the value
    and what to do, in Chinese by default and English with --lang en; like
    any roster problem, it exits 0 (nothing was planned)."""
    path = stray_roster(tmp_path)
    report = tmp_path / "issues.csv"
    roster = str(tmp_path / "roster.csv")

    def batch_issues(*options: str) -> list[dict[str, str]]:
        command = ["check", roster, "--scenario", str(path), "--out", str(report), *options]
        assert run(command) == 0
        assert "batch" in capsys.readouterr().out  # printed too
        with report.open(encoding="utf-8-sig") as handle:
            return [i for i in csv.DictReader(handle) if i["column"] == "batch"]

    issues = batch_issues()
    assert [(i["row"], i["worker_id"], i["value"]) for i in issues] == [
        ("3", "B", ""),
        ("4", "C", "第九批"),
        ("5", "D", "2020/3/17"),
        ("8", "G", ""),
    ]
    assert issues[0]["problem"].startswith("返岗批次为空")
    assert "第一批、第二批" in issues[1]["problem"]  # listed with 、 in Chinese
    assert all("返岗批次列填写现有批次之一" in i["action"] for i in issues)
    english = batch_issues("--lang", "en")
    assert english[0]["problem"].startswith("the batch cell is blank")
    assert english[2]["problem"].startswith("batch '2020/3/17' is not a batch of scenario.toml")
    assert "第一批, 第二批" in english[1]["problem"]
    assert all(i["action"].startswith("write one of the batches") for i in english)


def excel_batch_roster(tmp_path: Path, batches: list[object], extra: str = "") -> Path:
    """A scenario whose roster is a workbook with a batch (返岗批次) cell
    per row, from row 2, as ``batches`` gives them (text, a time, a number)."""
    path = write_scenario(tmp_path, [worker("X")], extra=extra)
    rows = [worker(f"W{k}", at=TONGZI) for k in range(len(batches))]
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append([*rows[0], "返岗批次"])
    for row, batch in zip(rows, batches, strict=True):
        sheet.append([*row.values(), batch])
    book.save(tmp_path / "roster.xlsx")
    path.write_text(
        path.read_text(encoding="utf-8").replace('"roster.csv"', '"roster.xlsx"'),
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    ("cell", "said"),
    [(time(8, 30), "took it for a time"), (12345678901234567, "keeps only 15 digits")],
    ids=["time", "long number"],
)
@pytest.mark.parametrize("tables", [False, True], ids=["no tables", "[[batch]] tables"])
def test_a_row_refused_for_its_batch_cell_is_no_batch(
    tmp_path: Path, cell: object, said: str, tables: bool
) -> None:
    """A batch cell Excel made a time of, or a number that lost digits, is
    refused on its row; what it holds is no batch the desk wrote.  It was
    counted as one: `plan` stopped with "the roster holds several batches:
    08:30:00 (1 row), 第一批 (2 rows)", told to plan --batch 08:30:00, and
    warned that the two batches share a day.  Now the roster holds one
    batch, planned, and the row is turned away in it by its own error."""
    path = excel_batch_roster(tmp_path, ["第一批", "第一批", cell], BATCHES if tables else "")
    scenario = load_scenario(path)
    report = read_scenario_roster(scenario)
    batch = prepare(scenario, roster=report)
    assert (batch.id, [w.id for w in batch.workers]) == ("第一批", ["W0", "W1"])
    assert report.batch_refused == {4} and shared_days(report, scenario) == []
    (refused,) = batch.turned_away
    assert refused.row == 4 and refused.stage == "roster"
    assert said in say(refused.reason, "en") and "not a batch" not in say(refused.reason, "en")
    # `check` says the cell once, by its own issue, not again as a batch of no table.
    checked = prepare(scenario, roster=report, whole_roster=True)
    assert [i.problem for i in checked.issues if i.row == 4 and i.column == "batch"] == [
        i.problem for i in report.issues if i.row == 4
    ]
    assert run(["plan", str(path), "--out", str(tmp_path / "out")]) == 0
