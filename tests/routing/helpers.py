"""Small routing cases: Guizhou pickups, a Jiangjin depot and hub, simple coaches."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

from returnbus.domain import BusType, LatLon, PickupPoint, Site
from returnbus.routing import BusRules, RoutePlanner, RoutingResult, SolverSettings
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
