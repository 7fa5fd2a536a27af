"""Comparing two plans."""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from returnbus.diff import compare
from returnbus.planfile import from_document

from .helpers import PlannedBatch, run, write_synthetic


def test_diff_lists_exactly_who_changed_bus_stop_or_time(
    planned: PlannedBatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
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
    said = capsys.readouterr().out
    assert "指标对比" in said and f"{len(expected)} 名员工有变动" in said and "已写出" in said
    assert "Figures" not in said and "workers changed" not in said
    with report.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert {r["worker_id"] for r in rows} == expected
    assert (tmp_path / "diff_figures.csv").is_file() and (tmp_path / "diff_buses.csv").is_file()


def test_a_plan_compared_with_itself_has_no_changes(planned: PlannedBatch) -> None:
    """The same plan twice: nobody changed, figures equal."""
    plan = from_document(planned.plan)
    same = compare(plan, replace(plan))
    assert not same.workers and all(a == b for _, a, b in same.figures)


def test_the_change_list_names_whom_to_call_and_never_the_wrong_person(tmp_path: Path) -> None:
    """A roster with a duplicated 工号 is planned, re-planned after drop-outs,
    and compared: every row of the change list has a name, a phone and what to
    tell; a new pickup has its place and time; no change is under 10 minutes;
    the duplicated id carries the name of the row the plan took."""
    scenario = write_synthetic(tmp_path / "in", workers=120, seed=13)
    roster = scenario.parent / "roster.csv"
    with roster.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    names = {r["工号"]: r["姓名"] for r in rows}
    # Twenty 工号 used twice, each time by another person.
    rows += [dict(r) | {"姓名": f"冒名顶替{k}"} for k, r in enumerate(rows[:20])]
    with roster.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    first, again = tmp_path / "first", tmp_path / "again"
    assert run(["plan", str(scenario), "--out", str(first), "--iterations", "300"]) == 0
    plan = json.loads((first / "plan.json").read_text(encoding="utf-8"))
    riders = sorted(
        w
        for r in plan["routes"]
        for s in r["stops"]
        if s["kind"] == "pickup"
        for w in s["worker_ids"]
    )
    drop = tmp_path / "drop.csv"
    drop.write_text("工号\n" + "\n".join(riders[::9]) + "\n", encoding="utf-8")
    assert run(["replan", str(first), "--out", str(again), "--drop", str(drop)]) == 0
    changes = tmp_path / "changes.csv"
    assert run(["diff", str(first), str(again), "--out", str(changes)]) == 0
    with changes.open(encoding="utf-8-sig", newline="") as handle:
        listed = list(csv.DictReader(handle))
    assert listed
    for row in listed:
        assert row["name"] == names[row["worker_id"]] and row["phone"] and row["tell"]
        if row["outcome_after"] == "bus":
            assert row["place_after"] and row["pickup_after"]
        if row["changed"] == "time":
            moved = datetime.fromisoformat(row["pickup_after"]) - datetime.fromisoformat(
                row["pickup_before"]
            )
            assert abs(moved.total_seconds()) >= 10 * 60
    # A drop-out withdrew: told so, and promised no call-back.
    said = {row["worker_id"]: row["tell"] for row in listed}
    assert {said[w] for w in riders[::9]} == {"已按您的要求取消本批次的乘车安排"}
    assert "冒名顶替" not in changes.read_text(encoding="utf-8-sig")
    # The rows sharing a 工号 are each listed under their own name.
    own = {(r["工号"], str(k)): r["姓名"] for k, r in enumerate(rows, start=2)}
    twins = {r["工号"] for r in rows[:20]}
    with (again / "unassigned.csv").open(encoding="utf-8-sig", newline="") as handle:
        listed_twins = [r for r in csv.DictReader(handle) if r["worker_id"] in twins]
    assert len(listed_twins) >= 40
    assert all(r["name"] == own[r["worker_id"], r["row"]] for r in listed_twins)
