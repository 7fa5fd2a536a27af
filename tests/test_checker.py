"""The independent checker of a written plan."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime

from returnbus.checker import check_plan
from returnbus.io.plans import load_plan
from returnbus.planfile import from_document

from .helpers import PlannedBatch


def test_independent_checker_finds_nothing(planned: PlannedBatch) -> None:
    """Capacity, ride cap, route-duration cap, times, seats and beds all hold."""
    assert check_plan(load_plan(planned.out), roster_rows=len(planned.roster_rows())) == []


def test_checker_catches_broken_plans(planned: PlannedBatch) -> None:
    """Tampering with a plan (overload, late arrival, a lost worker) is caught."""
    plan = planned.plan
    route = plan["routes"][0]
    route["stops"][0]["worker_ids"] += [f"extra{i}" for i in range(30)]
    arrive = datetime.fromisoformat(route["end"]["arrive_time"])
    route["end"]["arrive_time"] = arrive.replace(year=arrive.year + 1).isoformat()
    plan["self_return"] = plan["self_return"][1:]
    problems = "\n".join(check_plan(from_document(plan)))
    assert "over its capacity" in problems
    assert "ride of" in problems and "route of" in problems
    assert "accounted for" in problems
    assert "seat map" in problems


def test_checker_catches_a_double_booked_room(planned: PlannedBatch) -> None:
    """Two workers in one single room over the same nights is reported."""
    plan = planned.plan
    single = next(d for d in plan["dormitories"] if d["isolation"])
    room = next(iter(single["room_capacity"]))
    first, second = plan["dormitory_allocation"][:2]
    for bed in (first, second):
        bed.update(
            dorm_id=single["dorm_id"],
            room=room,
            bed="1",
            start_date=first["start_date"],
            end_date=first["end_date"],
        )
    problems = "\n".join(check_plan(from_document(json.loads(json.dumps(plan)))))
    assert f"room {single['dorm_id']}/{room} holds" in problems and "over its 1" in problems


def test_checker_holds_every_ride_to_the_detour_rule(planned: PlannedBatch) -> None:
    """Under a detour rule no shared bus can keep (the direct trip exactly), every
    bus with riders picked up before others breaks it; under the plan's own it holds."""
    plan = load_plan(planned.out)
    strict = replace(
        plan.settings,
        rules=replace(plan.settings.rules, max_detour_factor=1.0, max_detour_minutes=0),
    )
    problems = check_plan(replace(plan, settings=strict))
    shared = [r for r in plan.routes if len(r.stops) > 1]
    assert shared and all(
        any(f"bus {r.bus_id}:" in p and "detour rule" in p for p in problems) for r in shared
    )
    assert not [p for p in check_plan(plan) if "detour" in p]


def test_the_summary_gives_the_mean_detour_and_each_riders_direct_trip(
    planned: PlannedBatch,
) -> None:
    """plan.json keeps each rider's direct trip; the mean ride beyond it is in the summary."""
    plan = load_plan(planned.out)
    detours = [d for r in plan.routes for d in r.detours().values()]
    assert detours and all(d >= 0 for d in detours)
    assert {w for r in plan.routes for w, _ in r.direct} == {
        w for r in plan.routes for w in r.worker_ids
    }
    expected = round(sum(detours) / len(detours) / 60, 1)
    assert planned.summary["mean_detour_minutes"] == expected
