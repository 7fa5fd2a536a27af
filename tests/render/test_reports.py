"""plan.json, summary.json and the CSV lists."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from returnbus.domain import RosterIssue
from returnbus.render.reports import issue_rows

from ..helpers import PlannedBatch


def test_lists_carry_the_documented_columns(planned: PlannedBatch) -> None:
    """unassigned.csv and dormitory_allocation.csv have their columns and one row per entry."""
    with (planned.out / "unassigned.csv").open(encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == [
            "worker_id",
            "row",
            "stage",
            "reason",
            "name",
            "phone",
            "employer",
            "home_county",
        ]
        assert len(list(reader)) == planned.summary["workers_unassigned"]
    with (planned.out / "dormitory_allocation.csv").open(encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == [
            "worker_id",
            "dorm_id",
            "dorm_name",
            "room",
            "bed",
            "start_date",
            "end_date",
            "batch",
            "bus_id",
            "released_on",
        ]
        assert len(list(reader)) == planned.summary["quarantine_allocated"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_bed_list_names_each_dormitory_beside_its_id(
    planned: PlannedBatch, tmp_path: Path, lang: str
) -> None:
    """dormitory_allocation.csv gave a bed's dormitory as its id alone ("D3"),
    where the desk knows dormitories by name, as self_return.csv and
    arrivals.csv say them.  A dorm_name column now follows dorm_id: the
    dormitory's name, the dormitories' stand-in's in the plan's language."""
    from returnbus.planfile import from_document
    from returnbus.render.reports import write_reports

    document = planned.plan
    document["settings"]["output"]["lang"] = lang
    beds = document["dormitory_allocation"]
    assert len(beds) > 1
    beds[-1]["dorm_id"] = "quarantine"  # the dormitories' stand-in
    write_reports(from_document(document), tmp_path)
    with (tmp_path / "dormitory_allocation.csv").open(encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
    assert list(reader.fieldnames or ())[:4] == ["worker_id", "dorm_id", "dorm_name", "room"]
    names = {d["dorm_id"]: d["name"] for d in document["dormitories"]}
    names["quarantine"] = "Quarantine dormitory" if lang == "en" else "隔离宿舍"
    assert [(r["worker_id"], r["dorm_id"], r["dorm_name"]) for r in rows] == [
        (b["worker_id"], b["dorm_id"], names[b["dorm_id"]]) for b in beds
    ]
    assert len(set(names.values())) > 2  # names, not one word for all


def test_summary_json_is_the_plan_summary(planned: PlannedBatch) -> None:
    """summary.json repeats plan.json's summary, and plan.json holds no names or phones."""
    assert planned.summary == planned.plan["summary"]
    text = (planned.out / "plan.json").read_text(encoding="utf-8")
    rows = planned.roster_rows()
    assert not any(r["手机号"] and r["手机号"] in text for r in rows)
    assert not any(r["姓名"] and f'"{r["姓名"]}"' in text for r in rows)
    assert json.loads(text)["settings"]["max_ride_minutes"] == 600


def test_issue_rows_mask_phones_and_id_numbers() -> None:
    """A roster issue shown to the desk never carries a whole phone or ID number."""
    issues = [
        RosterIssue(row=2, column="phone", value="13812345678", problem="p", action="a"),
        RosterIssue(row=3, column="id_number", value="52032219900101123X", problem="p", action="a"),
    ]
    values = [row["value"] for row in issue_rows(issues)]
    assert values == ["138****5678", "5203**********123X"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_issues_workbook_stores_roster_rows_as_numbers(tmp_path: Path, lang: str) -> None:
    """`check --out FILE.xlsx` stored each issue's roster row as text: a desk
    could not sort or filter them as numbers, and Excel flagged each cell.
    Now a row is a whole number on both sheets; an issue of the whole file
    (row 0) stays blank, a worker id ("007") and a value that only look
    numeric stay text.  The CSV, a contract, is as it was."""
    from openpyxl import load_workbook

    from returnbus.render.reports import write_issues

    issues = [
        RosterIssue(row=12, column="room", value="0012", problem="p", action="a", worker_id="007"),
        RosterIssue(row=0, column="employer", value="", problem="p", action="a"),
    ]
    write_issues(tmp_path / "issues.xlsx", issues, lang)  # type: ignore[arg-type]
    book = load_workbook(tmp_path / "issues.xlsx")
    keyed, said = (
        list(book[name].iter_rows(min_row=row))
        for name, row in zip(book.sheetnames, (2, 3), strict=True)
    )
    for lines in (keyed, said):
        assert [type(line[0].value).__name__ for line in lines] == ["int", "NoneType"]
        assert lines[0][0].value == 12 and lines[0][0].number_format == "0"
        assert (lines[0][2].value, lines[0][3].value) == ("007", "0012")
    write_issues(tmp_path / "issues.csv", issues, lang)  # type: ignore[arg-type]
    with (tmp_path / "issues.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert [row[:4] for row in rows] == [
        ["row", "column", "worker_id", "value"],
        ["12", "room", "007", "0012"],
        ["", "employer", "", ""],
    ]
