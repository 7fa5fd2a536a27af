"""An independent check of a written plan.

It reads ``plan.json`` alone, recomputes every route's load, distances and
times from the coordinates and the travel model named in the plan's
settings, and lists every broken rule.  It shares no code with the planner
except the travel model and the seat-map rule, which are the specification.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from datetime import date, datetime
from pathlib import Path
from typing import Any

from .config import SeatingPolicy, SpeedBand, TravelSettings
from .domain import BusType, LatLon
from .seating import effective_capacity
from .travel import GreatCircleTravel

#: Rounding slack when comparing recomputed seconds and metres with the plan.
_SECONDS_SLACK = 2
_METRES_SLACK = 2
#: Faster than this on average, a leg is not physically plausible for a coach.
_MAX_KMH = 120.0


def check_plan_file(path: Path, *, roster_rows: int | None = None) -> list[str]:
    """Check ``plan.json`` (or the folder holding it)."""
    if path.is_dir():
        path = path / "plan.json"
    return check_plan(json.loads(path.read_text(encoding="utf-8")), roster_rows=roster_rows)


def check_plan(plan: dict[str, Any], *, roster_rows: int | None = None) -> list[str]:
    """Every rule the plan breaks, as sentences; empty when it keeps them all."""
    problems: list[str] = []
    settings = plan["settings"]
    travel = GreatCircleTravel(
        TravelSettings(
            detour_factor=settings["travel"]["detour_factor"],
            speed_bands=tuple(SpeedBand(**band) for band in settings["travel"]["speed_bands"]),
        )
    )
    seating = SeatingPolicy(**settings["seating"])
    fleet = {bus["id"]: bus for bus in plan["fleet"]}
    depot = LatLon(plan["depot"]["lat"], plan["depot"]["lon"])
    destination = LatLon(plan["destination"]["lat"], plan["destination"]["lon"])
    departure = datetime.fromisoformat(settings["departure"])

    used = Counter(route["bus_type"] for route in plan["routes"])
    for bus_type, count in used.items():
        if bus_type not in fleet:
            problems.append(f"bus type {bus_type} is not in the fleet")
        elif count > fleet[bus_type]["count"]:
            problems.append(
                f"{count} buses of type {bus_type} used, only {fleet[bus_type]['count']} available"
            )

    for route in plan["routes"]:
        problems += _check_route(
            route, fleet, seating, travel, depot, destination, departure, settings
        )
    problems += _check_accounting(plan, roster_rows)
    problems += _check_beds(plan)
    return problems


def _check_route(
    route: dict[str, Any],
    fleet: dict[str, dict[str, Any]],
    seating: SeatingPolicy,
    travel: GreatCircleTravel,
    depot: LatLon,
    destination: LatLon,
    departure: datetime,
    settings: dict[str, Any],
) -> list[str]:
    bus = route["bus_id"]
    problems = []
    riders = [w for stop in route["stops"] for w in stop["worker_ids"]]
    spec = fleet.get(route["bus_type"])
    if spec is not None:
        capacity = effective_capacity(
            BusType(
                id=spec["id"],
                name=spec["name"],
                seats=spec["seats"],
                count=spec["count"],
                fixed_cost=0,
                cost_per_km=0,
                seats_per_row=spec["seats_per_row"],
            ),
            seating,
        )
        if len(riders) > capacity:
            problems.append(
                f"bus {bus}: {len(riders)} riders, over its capacity of {capacity} "
                "under the seating policy"
            )
    if not route["stops"]:
        problems.append(f"bus {bus}: no stops")
        return problems
    minimum = (spec or {}).get("min_riders") or settings["min_riders"]
    if len(riders) < minimum:
        problems.append(f"bus {bus}: {len(riders)} riders, under the minimum of {minimum}")
    seats = route.get("seats_assigned", {})
    if sorted(seats) != sorted(riders) or len(set(seats.values())) != len(seats):
        problems.append(f"bus {bus}: seat map does not give each rider one seat of their own")

    if datetime.fromisoformat(route["depart_time"]) != departure:
        problems.append(
            f"bus {bus}: departs at {route['depart_time']}, not at the scenario's departure"
        )
    path = [depot, *(LatLon(s["lat"], s["lon"]) for s in route["stops"]), destination]
    times = [departure, *(datetime.fromisoformat(s["arrive_time"]) for s in route["stops"])]
    times.append(datetime.fromisoformat(route["end"]["arrive_time"]))
    dwell = settings["stop_minutes"] * 60
    metres = 0
    for k in range(len(path) - 1):
        leg_m, leg_s = travel.leg(path[k], path[k + 1])
        metres += leg_m
        expected = leg_s + (dwell if k > 0 else 0)
        actual = (times[k + 1] - times[k]).total_seconds()
        if abs(actual - expected) > _SECONDS_SLACK:
            problems.append(
                f"bus {bus}: leg {k} takes {actual:.0f} s in the plan, "
                f"the travel model says {expected} s"
            )
        driving = actual - (dwell if k > 0 else 0)
        if leg_m > 1000 and driving > 0 and leg_m / driving * 3.6 > _MAX_KMH:
            problems.append(f"bus {bus}: leg {k} implies {leg_m / driving * 3.6:.0f} km/h")
    if abs(metres - route["distance_km"] * 1000) > _METRES_SLACK * len(path):
        problems.append(
            f"bus {bus}: {route['distance_km']} km in the plan, {metres / 1000:.3f} km recomputed"
        )
    ride = (times[-1] - times[1]).total_seconds()
    if ride > settings["max_ride_minutes"] * 60:
        problems.append(
            f"bus {bus}: ride of {ride / 60:.0f} min over the "
            f"{settings['max_ride_minutes']} min cap"
        )
    duration = (times[-1] - times[0]).total_seconds()
    if duration > settings["max_route_minutes"] * 60:
        problems.append(
            f"bus {bus}: route of {duration / 60:.0f} min over the "
            f"{settings['max_route_minutes']} min cap"
        )
    return problems


def _check_accounting(plan: dict[str, Any], roster_rows: int | None) -> list[str]:
    problems = []
    placed = [w for route in plan["routes"] for stop in route["stops"] for w in stop["worker_ids"]]
    placed += plan["self_return"]
    for worker, count in Counter(placed).items():
        if count > 1:
            problems.append(f"worker {worker} is placed {count} times")
    keys = Counter((u["worker_id"], u["row"]) for u in plan["unassigned"])
    problems += [f"unassigned entry {key} repeats" for key, count in keys.items() if count > 1]
    placed_set = set(placed)
    for entry in plan["unassigned"]:
        # A worker id may be both placed and rejected only when the rejected
        # row is a second roster row with the same id.
        if entry["worker_id"] in placed_set and entry["stage"] != "roster":
            problems.append(
                f"worker {entry['worker_id']} is both placed and unassigned ({entry['stage']})"
            )
        if not entry["reason"]:
            problems.append(f"worker {entry['worker_id']} is unassigned without a reason")
    total = len(placed) + len(plan["unassigned"])
    expected = plan["summary"]["workers_total"] if roster_rows is None else roster_rows
    if total != expected:
        problems.append(f"{total} workers accounted for, the roster has {expected}")
    return problems


def _check_beds(plan: dict[str, Any]) -> list[str]:
    problems = []
    dorms = {d["dorm_id"]: d for d in plan.get("dormitories", [])}
    holders: dict[tuple[str, str], list[tuple[date, date, str]]] = defaultdict(list)
    for bed in plan["dormitory_allocation"]:
        if bed["dorm_id"] not in dorms:
            problems.append(
                f"worker {bed['worker_id']} has a bed in unknown dormitory {bed['dorm_id']}"
            )
            continue
        if int(bed["room"]) > dorms[bed["dorm_id"]]["rooms"]:
            problems.append(f"dormitory {bed['dorm_id']} has no room {bed['room']}")
        span = (
            date.fromisoformat(bed["start_date"]),
            date.fromisoformat(bed["end_date"]),
            bed["worker_id"],
        )
        for other in holders[(bed["dorm_id"], bed["room"])]:
            if span[0] <= other[1] and other[0] <= span[1]:
                problems.append(
                    f"room {bed['dorm_id']}/{bed['room']} is given to "
                    f"{other[2]} and {span[2]} at once"
                )
        holders[(bed["dorm_id"], bed["room"])].append(span)
    housed = {bed["worker_id"] for bed in plan["dormitory_allocation"]}
    placed = {w for route in plan["routes"] for stop in route["stops"] for w in stop["worker_ids"]}
    placed |= set(plan["self_return"])
    for worker in plan["quarantine_required"]:
        if worker in placed and worker not in housed:
            problems.append(f"worker {worker} must be quarantined but has no bed")
    return problems
