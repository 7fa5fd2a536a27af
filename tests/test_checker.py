"""The independent checker of a written plan."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

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


def _shifted(route: dict[str, Any], hours: float) -> None:
    """Every time of a route moved by ``hours``."""
    step = timedelta(hours=hours)

    def moved(text: str) -> str:
        return (datetime.fromisoformat(text) + step).isoformat()

    route["depart_time"] = moved(route["depart_time"])
    route["end"]["arrive_time"] = moved(route["end"]["arrive_time"])
    for stop in route["stops"]:
        stop["arrive_time"] = moved(stop["arrive_time"])
    for rest in route["breaks"]:
        rest["start"] = moved(rest["start"])
    if route.get("layover"):
        route["layover"]["start"] = moved(route["layover"]["start"])
    route["relays"] = [moved(t) for t in route.get("relays", [])]


def test_checker_holds_routes_to_the_hours_of_day_and_night(planned: PlannedBatch) -> None:
    """A route moved to the small hours picks up at night and drives between
    02:00 and 05:00 with one driver and no relay: both are reported; the
    plan as written keeps the pickup hours."""
    plan = planned.plan
    route = max(plan["routes"], key=lambda r: r["driving_minutes"])
    first = datetime.fromisoformat(route["stops"][0]["arrive_time"])
    _shifted(route, 2 - first.hour - first.minute / 60)  # first pickup at 02:00
    route["drivers"], route["relays"] = 1, []
    problems = "\n".join(check_plan(from_document(plan)))
    assert f"bus {route['bus_id']}: picks up" in problems and "outside the pickup hours" in problems
    assert "without two drivers relaying" in problems
    kept = load_plan(planned.out)
    assert all(6 <= s.arrive.hour < 21 for r in kept.routes for s in r.stops)


def test_checker_wants_two_drivers_over_the_one_way_distance(planned: PlannedBatch) -> None:
    """A route whose empty or loaded run is over 400 km (600 on expressways) one
    way, given one driver, is reported."""
    plan = load_plan(planned.out)
    rules = replace(plan.settings.rules, two_drivers_km=1, two_drivers_km_expressway=1)
    strict = replace(plan, settings=replace(plan.settings, rules=rules))
    lone = [replace(r, drivers=1) for r in strict.routes]
    problems = check_plan(replace(strict, routes=tuple(lone)))
    assert sum("one way with one driver" in p for p in problems) == len(lone)
