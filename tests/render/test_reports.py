"""plan.json, summary.json and the CSV lists."""

from __future__ import annotations

import csv
import json

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
            "room",
            "bed",
            "start_date",
            "end_date",
            "batch",
            "bus_id",
            "released_on",
        ]
        assert len(list(reader)) == planned.summary["quarantine_allocated"]


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
