"""Comparing two plans."""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

from returnbus.diff import compare
from returnbus.planfile import from_document

from .helpers import PlannedBatch, run


def test_diff_lists_exactly_who_changed_bus_stop_or_time(
    planned: PlannedBatch, tmp_path: Path
) -> None:
    """Move one rider, shift one stop's time by 15 minutes and another's by 5
    (under the 10 minutes worth a call), drop one bus: the diff names exactly
    the moved, the stop shifted by 15 and the riders of the bus dropped."""
    before = planned.plan
    after = json.loads(json.dumps(before))
    first, second, third, fourth = after["routes"][:4]
    mover = first["stops"][0]["worker_ids"].pop(0)
    second["stops"][0]["worker_ids"].append(mover)
    shifted = third["stops"][0]
    when = datetime.fromisoformat(shifted["arrive_time"]) + timedelta(minutes=15)
    shifted["arrive_time"] = when.isoformat()
    nudged = fourth["stops"][0]
    nudged["arrive_time"] = (
        datetime.fromisoformat(nudged["arrive_time"]) - timedelta(minutes=5)
    ).isoformat()
    removed = after["routes"].pop()
    after["unassigned"] += [
        {"worker_id": w, "row": None, "stage": "route", "reason": "x"}
        for s in removed["stops"]
        for w in s["worker_ids"]
    ]
    a, b = from_document(before), from_document(after)
    expected = (
        {mover}
        | set(shifted["worker_ids"])
        | {w for s in removed["stops"] for w in s["worker_ids"]}
    )
    changes = compare(a, b)
    assert {c.worker_id for c in changes.workers} == expected
    assert changes.buses_removed == (removed["bus_id"],) and not changes.buses_added
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "plan.json").write_text(json.dumps(before), encoding="utf-8")
    (tmp_path / "b" / "plan.json").write_text(json.dumps(after), encoding="utf-8")
    report = tmp_path / "diff.csv"
    assert run(["diff", str(tmp_path / "a"), str(tmp_path / "b"), "--out", str(report)]) == 0
    with report.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert {r["worker_id"] for r in rows} == expected
    assert (tmp_path / "diff_figures.csv").is_file() and (tmp_path / "diff_buses.csv").is_file()


def test_a_plan_compared_with_itself_has_no_changes(planned: PlannedBatch) -> None:
    """The same plan twice: nobody changed, figures equal."""
    plan = from_document(planned.plan)
    same = compare(plan, replace(plan))
    assert not same.workers and all(a == b for _, a, b in same.figures)
