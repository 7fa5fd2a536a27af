"""A list's closing total, signature and note lines (合计 | 3人, 制表人：王芳)
are no workers: the roster reader and ``verify --roster`` both leave them
out, with a warning naming them; a worker is never taken for one."""

from __future__ import annotations

import csv
import logging
from pathlib import Path

import pytest

from returnbus.io.plans import load_plan
from returnbus.io.rowcount import data_rows
from returnbus.text import Text, say

from ..helpers import TONGZI, run, worker, write_roster, write_scenario
from .test_damaged_rosters import workbook
from .test_roster import CHINESE_HEADER, GOOD_ROWS, read, write_csv

WIDTH = len(CHINESE_HEADER)


def padded(*cells: str, at: int = 0) -> list[str]:
    """A row of the roster's width with ``cells`` from column ``at`` on."""
    row = [""] * WIDTH
    row[at : at + len(cells)] = cells
    return row


def logged(caplog: pytest.LogCaptureFixture, key: str) -> list[Text]:
    return [r.msg for r in caplog.records if isinstance(r.msg, Text) and r.msg.key == key]


@pytest.mark.parametrize(
    "footers",
    [
        # A total in the first column, its count further on; then the signatures.
        [
            padded("合计", "", "", "3人"),
            padded("制表人：王芳", "", "审核人：李四", "日期：2020-02-10"),
        ],
        # Traditional characters, the total under the names, labels beside their values.
        [padded("合計：共 3 人", at=1), padded("製表人：", "王芳", "審核人：", "李四")],
        # A note, and a total its count beside it as a workbook number would be.
        [padded("小计", "3"), padded("备注：红码人员另行安排，联系 13800138000")],
    ],
)
def test_closing_total_and_signature_lines_are_no_workers(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, footers: list[list[str]]
) -> None:
    """Read as unassigned workers (id 合计, or row-N) before; now left out,
    not counted, and named by row and word in a warning, in both languages."""
    caplog.set_level(logging.WARNING)
    report = read(write_csv(tmp_path / "r.csv", [*GOOD_ROWS, *footers], encoding="utf-8"))
    assert [w.id for w in report.workers] == ["A001", "A002", "A003"]
    assert report.rejected == () and report.rows_total == 3
    assert 5 not in report.batch_of_row and 6 not in report.batch_of_row
    (warning,) = logged(caplog, "log_roster_footers")
    english, chinese = say(warning, "en"), say(warning, "zh")
    assert "5 (" in english and "6 (" in english and "total" in english
    assert "5 (" in chinese and "合计" in chinese
    assert "王芳" not in english + chinese  # the signature's name stays out of the log


def test_a_worker_named_like_a_total_is_still_read(tmp_path: Path) -> None:
    """A last row whose name is 合计 but which has an id, a phone and a home is a
    worker; a row with only 合计 and a home, or 合计 and a phone, is no footer
    either (rejected and listed, as any incomplete row); and a total in the middle
    of the list (a department's 小计) is no footer: only the end is looked at."""
    named = [GOOD_ROWS[0][0].replace("A001", "A009"), "合计", *GOOD_ROWS[0][2:]]
    home_only = padded("合计", at=1)
    home_only[6] = "四川省泸州市合江县"
    phone_only = padded("合计", "", "13912345678", at=1)
    middle = padded("小计", "2")
    rows = [GOOD_ROWS[0], GOOD_ROWS[1], middle, GOOD_ROWS[2], home_only, phone_only, named]
    report = read(write_csv(tmp_path / "r.csv", rows, encoding="utf-8"))
    assert [w.id for w in report.workers] == ["A001", "A002", "A003", "A009"]
    assert [w.name for w in report.workers][-1] == "合计"
    assert [u.row for u in report.rejected] == [4, 6, 7]
    assert report.rows_total == 7


def test_a_workbooks_merged_total_line_is_left_out(tmp_path: Path) -> None:
    """A total merged across the first columns (its text filled into each) and
    a count stored as a number are a footer too; the row counter agrees."""
    rows: list[list[object]] = [[*row] for row in GOOD_ROWS]
    rows.append(["合计", None, None, 3])
    path, book = workbook(tmp_path / "r.xlsx", rows)
    sheet = book.active
    assert sheet is not None
    sheet.merge_cells("A5:C5")
    sheet.append(["制表人：王芳"])
    book.save(path)
    report = read(path)
    assert report.rows_total == 3 and report.rejected == ()
    assert data_rows(path) == [2, 3, 4]


def test_verify_counts_the_rows_the_planner_reads(tmp_path: Path) -> None:
    """`verify --roster` leaves out the closing lines as the planner does: the
    plan lists no 合计 worker and the roster's count matches it."""
    rows = [worker("A", at=TONGZI), worker("B", at=TONGZI)]
    scenario = write_scenario(tmp_path / "in", rows)
    roster = write_roster(
        tmp_path / "in" / "roster.csv",
        [
            *rows,
            {**dict.fromkeys(rows[0], ""), "worker_id": "合计", "gender": "2人"},
            {**dict.fromkeys(rows[0], ""), "worker_id": "制表人：王芳", "phone": "审核人：李四"},
        ],
    )
    assert data_rows(roster) == [2, 3]
    out = tmp_path / "out"
    assert run(["plan", str(scenario), "--out", str(out)]) == 0
    plan = load_plan(out)
    assert plan.rows_total == 2 and not plan.unassigned
    assert run(["verify", str(out), "--roster", str(roster)]) == 0


@pytest.mark.parametrize(
    ("rows", "said"),
    [
        (
            "1,贵州省遵义市桐梓县娄山关镇某村3组,\n"
            "2,重庆市江津区,\n"
            "合计,2人,\n"
            "制表人：王芳,审核人：李四,日期：2020-02-10\n",
            "roster.csv: the last rows 4 (合计), 5 (制表人) are read as the list's total",
        ),
        (
            "1,贵州省遵义市桐梓县娄山关镇某村3组,\n工号,住址,备注\n2,重庆市江津区,\n",
            "roster.csv, row 3: the header again (row 1), left out",
        ),
    ],
    ids=["closing lines", "header again"],
)
def test_geocode_leaves_rows_that_are_no_workers_out_with_the_readers_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], rows: str, said: str
) -> None:
    """`geocode` copied 合计 and 制表人, and a second list's header (two lists
    pasted one under the other), into its output as rows to place, as if
    workers; it leaves them out as the roster reader does, saying so by row."""
    source = tmp_path / "roster.csv"
    source.write_text("工号,住址,备注\n" + rows, encoding="utf-8")
    target = tmp_path / "placed.csv"
    capsys.readouterr()
    assert run(["geocode", str(source), "--out", str(target), "--lang", "en"]) == 0
    with target.open(encoding="utf-8-sig") as handle:
        assert [r["工号"] for r in csv.DictReader(handle)] == ["1", "2"]
    assert said in " ".join(capsys.readouterr().err.split())
