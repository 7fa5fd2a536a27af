"""Lower bounds beside a plan: honest (never above what a plan achieved) and
stronger than seats alone where riders cannot ride together."""

from __future__ import annotations

import random
from dataclasses import replace

import numpy as np
import pytest

from returnbus.bounds import LowerBounds, _RideFloor, lower_bounds, night_resets
from returnbus.domain import BusType, LatLon, Route
from returnbus.routing import BusRules
from returnbus.seating import SeatingPolicy
from returnbus.travel import GreatCircleTravel, SpeedBand, TravelSettings

from .routing.helpers import DEPOT, TONGZI, coach, point, rules, run

FULL = SeatingPolicy(policy="full", keep_last_two_rows_empty=False)
QIJIANG = LatLon(29.0284, 106.6513)  # on the road from Tongzi to Jiangjin
NANCHONG = LatLon(30.8378, 106.1106)  # north of Jiangjin, Tongzi is south


def bounds(
    routes: tuple[Route, ...],
    fleet: list[BusType],
    bus_rules: BusRules,
    *,
    quarantine: frozenset[str] = frozenset(),
    travel: TravelSettings | None = None,
) -> LowerBounds:
    return lower_bounds(
        routes,
        fleet=fleet,
        quarantine=quarantine,
        depot=DEPOT.location,
        rules=bus_rules,
        seating=FULL,
        travel=travel or TravelSettings(),
    )


def test_riders_on_opposite_sides_of_the_district_need_a_bus_each() -> None:
    fleet, bus_rules = [coach(seats=30)], rules()
    result = run([point("S", TONGZI, 2), point("N", NANCHONG, 2)], fleet, bus_rules)
    assert len(result.routes) == 2
    # Seats alone would say one bus: 4 riders, 30 seats.
    assert bounds(result.routes, fleet, bus_rules).buses == 2


def test_riders_on_one_road_may_share_so_the_bound_says_one_bus() -> None:
    fleet, bus_rules = [coach(seats=30)], rules()
    result = run([point("S", TONGZI, 2), point("Q", QIJIANG, 2)], fleet, bus_rules)
    assert len(result.routes) == 1
    assert bounds(result.routes, fleet, bus_rules).buses == 1


def test_seats_and_cohorts_bound_riders_at_one_place() -> None:
    fleet, bus_rules = [coach(seats=10, count=5)], rules()
    result = run([point(f"S{k}", TONGZI, n) for k, n in enumerate((8, 8, 9))], fleet, bus_rules)
    assert bounds(result.routes, fleet, bus_rules).buses == 3
    bound_for_quarantine = frozenset(f"S0-{i}" for i in range(4))
    split = bounds(result.routes, fleet, bus_rules, quarantine=bound_for_quarantine)
    assert split.buses == 4  # 4 bound for quarantine ride apart from the 21 others
    for together in ("mixed", "whole_bus"):
        joined = replace(bus_rules, quarantine_cohorts=together)
        assert bounds(result.routes, fleet, joined, quarantine=bound_for_quarantine).buses == 3


def test_riders_beyond_the_big_buses_seats_count_on_smaller_ones() -> None:
    fleet = [coach(seats=30, count=1, bus_id="L"), coach(seats=5, count=20, bus_id="S", fixed=500)]
    bus_rules = rules()
    result = run([point(f"S{k}", TONGZI, 5) for k in range(8)], fleet, bus_rules)
    # 40 riders: 30 on the one big bus, the other 10 on two small ones.
    assert bounds(result.routes, fleet, bus_rules).buses == 3 == len(result.routes)


def test_a_travel_model_without_the_triangle_inequality_counts_seats_only() -> None:
    fleet, bus_rules = [coach(seats=30)], rules()
    result = run([point("S", TONGZI, 2), point("N", NANCHONG, 2)], fleet, bus_rules)
    slower_far = TravelSettings(
        speed_bands=(SpeedBand(up_to_km=30, kmh=60), SpeedBand(up_to_km=None, kmh=40))
    )
    assert bounds(result.routes, fleet, bus_rules, travel=slower_far).buses == 1


@pytest.mark.parametrize("seed", [3, 4, 5])
def test_bounds_never_exceed_a_plan_that_keeps_the_rules(seed: int) -> None:
    pick = random.Random(seed)
    points = [
        point(
            f"P{k}",
            LatLon(pick.uniform(26.5, 32.0), pick.uniform(103.5, 109.5)),
            pick.randint(1, 9),
        )
        for k in range(14)
    ]
    fleet = [coach(seats=12, count=20, bus_id="S", fixed=900, per_km=4), coach(seats=30, count=20)]
    bus_rules = rules()
    result = run(points, fleet, bus_rules)
    found = bounds(result.routes, fleet, bus_rules)
    assert result.routes
    assert 0 < found.buses <= len(result.routes)
    assert 0 < found.cost <= sum(r.cost for r in result.routes)
    # The floor the bound puts under a ride holds for every ride timed here.
    floor = _RideFloor(bus_rules, slack=0)
    travel = GreatCircleTravel(TravelSettings())
    for route in result.routes:
        for stop in route.stops:
            direct = travel.between(stop.location, route.end_location).seconds
            for rider, ride in route.rides().items():
                if rider in stop.worker_ids:
                    assert ride >= floor(np.array([direct]), np.array([1]))[0]


def test_a_night_relay_can_replace_a_rest_only_where_a_ride_meets_the_night() -> None:
    assert night_resets(BusRules()) == 0  # boarding from 06:00, arriving by 20:00, 10 h at most
    all_day = BusRules(pickup_from="00:00", pickup_until="23:59", arrive_from="00:00")
    assert night_resets(replace(all_day, arrive_until="23:59")) == 1
    assert night_resets(replace(all_day, arrive_until="23:59", max_ride_minutes=3000)) == 3


def test_legs_to_many_drop_off_places_are_timed_pair_by_pair_alike(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fleet, bus_rules = [coach(seats=30)], rules()
    result = run(
        [point("S", TONGZI, 2), point("N", NANCHONG, 2), point("Q", QIJIANG, 3)], fleet, bus_rules
    )
    tabled = bounds(result.routes, fleet, bus_rules)
    monkeypatch.setattr("returnbus.bounds._TABLE_CELLS", 0)
    assert bounds(result.routes, fleet, bus_rules) == tabled
