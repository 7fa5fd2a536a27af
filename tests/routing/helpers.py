"""Small routing cases: Guizhou pickups, a Jiangjin depot and hub, simple coaches."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

from returnbus.domain import BusType, LatLon, PickupPoint, Site
from returnbus.routing import BusRules, RoutePlanner, RoutingResult, SolverSettings
from returnbus.routing.model import BusModel
from returnbus.seating import SeatingPolicy
from returnbus.travel import GreatCircleTravel, TravelSettings

DEPART = datetime(2020, 3, 17, 5, 0, tzinfo=timezone(timedelta(hours=8)))
HUB = Site(id="hub", name="hub", location=LatLon(29.276017, 106.231957))
DEPOT = Site(id="depot", name="depot", location=LatLon(29.292433, 106.255882))
TONGZI = LatLon(28.1186, 106.8240)
XISHUI = LatLon(28.3346, 106.1934)
XINYANG = LatLon(32.1496, 114.0853)  # Henan: far beyond a 10 h ride


def rules(**changes: int | str | bool) -> BusRules:
    return replace(BusRules(min_riders=1), **changes)  # type: ignore[arg-type]


def plain_rules(**changes: int | str) -> BusRules:
    """Rules without rests, hours of the day or night rules, to test one other rule alone."""
    no_clock: dict[str, int | str] = {
        "max_continuous_driving_minutes": 10_000,
        "arrive_from": "00:00",
        "arrive_until": "23:59",
        "pickup_from": "00:00",
        "pickup_until": "23:59",
        "earliest_departure": "00:00",
        "night_from": "00:00",
        "night_until": "00:00",
        "no_driving_from": "00:00",
        "no_driving_until": "00:00",
    }
    return rules(**(no_clock | changes))


def coach(
    seats: int = 10, count: int = 3, bus_id: str = "C", fixed: float = 1000, per_km: float = 5
) -> BusType:
    return BusType(
        id=bus_id, name=bus_id, seats=seats, count=count, fixed_cost=fixed, cost_per_km=per_km
    )


def point(point_id: str, at: LatLon, riders: int) -> PickupPoint:
    return PickupPoint(
        id=point_id, location=at, worker_ids=tuple(f"{point_id}-{i}" for i in range(riders))
    )


def planner(fleet: list[BusType], bus_rules: BusRules) -> RoutePlanner:
    return RoutePlanner(
        depot=DEPOT,
        destination=HUB,
        fleet=fleet,
        departure=DEPART,
        rules=bus_rules,
        seating=SeatingPolicy(policy="full", keep_last_two_rows_empty=False),
        solver=SolverSettings(time_limit_seconds=2, seed=1, iterations=200),
        travel=GreatCircleTravel(TravelSettings()),
    )


def run(points: list[PickupPoint], fleet: list[BusType], bus_rules: BusRules) -> RoutingResult:
    return planner(fleet, bus_rules).plan(points)


def gates_a_far_rider_may_need_first() -> BusModel:
    """Five Guizhou pickups bound for three gates (a re-planned batch's bus):
    the shortest drop-off order breaks the farthest rider's cap on its earliest
    timetable, a longer one keeps it by starting the next morning, and from
    that start the shortest keeps it too."""
    gates = {
        "employer:E01": HUB.location,
        "employer:E03": LatLon(29.345864, 106.423646),
        "employer:E04": LatLon(29.063108, 106.112804),
    }
    stops = [
        ("a", LatLon(27.60958, 107.617752), ("employer:E01",)),
        ("b", LatLon(28.703328, 107.871591), ("employer:E01",) * 2),
        ("c", LatLon(28.703328, 107.871591), ("employer:E03",) * 2),
        ("d", LatLon(28.404384, 107.747635), ("employer:E03",) * 2),
        ("e", LatLon(28.404384, 107.747635), ("employer:E04",)),
    ]
    return BusModel(
        [replace(point(p, at, len(off)), dropoffs=off) for p, at, off in stops],
        depot=DEPOT,
        destination=HUB,
        fleet=[coach(10)],
        rules=replace(BusRules(), max_detour_factor=2.0, max_detour_minutes=60),
        seating=SeatingPolicy(policy="full", keep_last_two_rows_empty=False),
        travel=GreatCircleTravel(TravelSettings()),
        departure=DEPART.replace(day=21),
        sites=gates,
    )
