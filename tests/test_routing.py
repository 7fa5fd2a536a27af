"""Bus routing under the domain rules, on small cases that would break each rule."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

import numpy as np

from returnbus.config import SeatingPolicy, Settings, SolverSettings, TravelSettings
from returnbus.domain import BusType, LatLon, PickupPoint, Site
from returnbus.routing import RoutePlanner, RoutingResult
from returnbus.routing.engine import solve
from returnbus.routing.problem import Problem, VehicleKind
from returnbus.travel import GreatCircleTravel

DEPART = datetime(2020, 3, 17, 5, 0, tzinfo=timezone(timedelta(hours=8)))
HUB = Site(id="hub", name="hub", location=LatLon(29.276017, 106.231957))
DEPOT = Site(id="depot", name="depot", location=LatLon(29.292433, 106.255882))
TONGZI = LatLon(28.1186, 106.8240)
XISHUI = LatLon(28.3346, 106.1934)
XINYANG = LatLon(32.1496, 114.0853)  # Henan: far beyond a 10 h ride


def settings(**changes: object) -> Settings:
    base = Settings(
        departure=DEPART,
        min_riders=1,
        seating=SeatingPolicy(policy="full", keep_last_two_rows_empty=False),
        solver=SolverSettings(time_limit_seconds=2, seed=1, iterations=200),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


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


def run(points: list[PickupPoint], fleet: list[BusType], rules: Settings) -> RoutingResult:
    planner = RoutePlanner(
        depot=DEPOT,
        destination=HUB,
        fleet=fleet,
        settings=rules,
        travel=GreatCircleTravel(TravelSettings()),
    )
    return planner.plan(points)


def test_capacity_splits_riders_over_buses() -> None:
    """Fifteen riders and ten-seat buses need two buses, none over capacity."""
    result = run([point("a", TONGZI, 8), point("b", XISHUI, 7)], [coach(10)], settings())
    assert len(result.routes) == 2 and not result.dropped
    assert all(r.riders <= r.capacity_effective == 10 for r in result.routes)


def test_times_follow_the_travel_model_and_dwell() -> None:
    """The bus leaves at departure; each stop adds the dwell; arrival follows the last leg."""
    rules = settings()
    result = run([point("a", TONGZI, 3)], [coach()], rules)
    (route,) = result.routes
    travel = GreatCircleTravel(rules.travel)
    _, out_s = travel.leg(DEPOT.location, TONGZI)
    _, back_s = travel.leg(TONGZI, HUB.location)
    assert route.depart == DEPART
    assert route.stops[0].arrive == DEPART + timedelta(seconds=out_s)
    assert route.end_arrive == route.stops[0].arrive + timedelta(
        seconds=rules.stop_seconds + back_s
    )


def test_ride_cap_drops_what_no_bus_can_bring_in_time() -> None:
    """A pickup whose ride alone exceeds the cap is left out with the reason."""
    result = run([point("far", XINYANG, 5), point("near", TONGZI, 5)], [coach()], settings())
    assert [d.point.id for d in result.dropped] == ["far"]
    assert "ride" in result.dropped[0].reason and "max_ride_minutes" in result.dropped[0].reason
    assert all(r.ride_seconds <= settings().max_ride_seconds for r in result.routes)


def test_ride_cap_shapes_routes() -> None:
    """With a tight cap, two pickups that fit one bus go on two buses instead."""
    travel = GreatCircleTravel(TravelSettings())
    _, tongzi_to_hub = travel.leg(TONGZI, HUB.location)
    _, xishui_to_hub = travel.leg(XISHUI, HUB.location)
    cap_min = (max(tongzi_to_hub, xishui_to_hub) + 600) // 60 + 5
    rules = settings(max_ride_minutes=cap_min)
    result = run([point("a", TONGZI, 2), point("b", XISHUI, 2)], [coach()], rules)
    assert len(result.routes) == 2
    assert all(r.ride_seconds <= rules.max_ride_seconds for r in result.routes)


def test_route_duration_counts_the_empty_run() -> None:
    """A cap that the ride fits but the depot round trip does not drops the point."""
    travel = GreatCircleTravel(TravelSettings())
    _, out_s = travel.leg(DEPOT.location, TONGZI)
    _, back_s = travel.leg(TONGZI, HUB.location)
    rules = settings(
        max_ride_minutes=(back_s + 600) // 60 + 5, max_route_minutes=(back_s + 600) // 60 + 10
    )
    assert out_s > 600
    result = run([point("a", TONGZI, 2)], [coach()], rules)
    assert not result.routes and "driver-hours" in result.dropped[0].reason


def test_fleet_exhausted_is_the_reason_when_buses_run_out() -> None:
    """One bus for two full loads: one load rides, the other is reported as fleet exhausted."""
    result = run([point("a", TONGZI, 10), point("b", XISHUI, 10)], [coach(10, count=1)], settings())
    assert len(result.routes) == 1 and len(result.dropped) == 1
    assert "fleet exhausted" in result.dropped[0].reason


def test_fixed_cost_prefers_fewer_buses() -> None:
    """Two small pickups near each other share one bus rather than paying two charters."""
    result = run(
        [point("a", TONGZI, 3), point("b", LatLon(28.15, 106.85), 3)], [coach(10)], settings()
    )
    assert len(result.routes) == 1 and result.routes[0].riders == 6


def test_cheaper_bus_type_is_chosen_when_it_fits() -> None:
    """A load that fits a minibus does not get a coach."""
    fleet = [
        coach(45, bus_id="BIG", fixed=4000, per_km=8),
        coach(19, bus_id="SMALL", fixed=1500, per_km=4),
    ]
    result = run([point("a", TONGZI, 6)], fleet, settings())
    assert [r.bus_type for r in result.routes] == ["SMALL"]


def test_min_riders_merges_a_small_bus_into_another() -> None:
    """A bus under the minimum is merged into a bus with room, not kept."""
    rules = settings(min_riders=5)
    # Capacity forces two buses for a+b+c; the solver may leave one thin.
    result = run(
        [point("a", TONGZI, 8), point("b", LatLon(28.15, 106.85), 1), point("c", XISHUI, 2)],
        [coach(10)],
        rules,
    )
    assert all(r.riders >= 5 for r in result.routes)
    assert sum(r.riders for r in result.routes) + sum(d.point.demand for d in result.dropped) == 11


def test_min_riders_moves_a_thin_load_to_a_smaller_bus() -> None:
    """A load under the coach's minimum goes on a free minibus whose minimum it meets."""
    coach_ = replace(coach(45, bus_id="COACH", fixed=1000), min_riders=10)
    minibus = replace(coach(19, bus_id="MINI", fixed=5000), min_riders=3)
    result = run([point("a", TONGZI, 4)], [coach_, minibus], settings(min_riders=10))
    assert [r.bus_type for r in result.routes] == ["MINI"] and not result.dropped


def test_min_riders_drops_with_reason_when_no_merge_fits() -> None:
    """A lone pickup below the minimum, too far to merge, is reported with the rule."""
    rules = settings(min_riders=5)
    result = run([point("a", TONGZI, 2)], [coach(10)], rules)
    assert not result.routes
    assert "minimum of 5" in result.dropped[0].reason


def test_same_seed_and_iterations_give_the_same_plan() -> None:
    """Reproducible: a fixed seed and iteration limit give identical routes."""
    points = [
        point(f"p{i}", LatLon(28.0 + 0.05 * i, 106.2 + 0.07 * (i % 5)), 1 + i % 4)
        for i in range(12)
    ]
    first = run(points, [coach(10, count=6)], settings())
    second = run(points, [coach(10, count=6)], settings())
    assert [r.worker_ids for r in first.routes] == [r.worker_ids for r in second.routes]


def random_cvrp(n: int, seed: int) -> Problem:
    """A random Euclidean CVRP with ``n`` clients (X-instance style)."""
    rng = np.random.default_rng(seed)
    coords = rng.uniform(0, 1000, size=(n + 1, 2))
    distances = np.rint(
        np.hypot(*(coords[:, None, :] - coords[None, :, :]).transpose(2, 0, 1))
    ).astype(np.int64)
    demand = np.concatenate([[0], rng.integers(1, 10, size=n)]).astype(np.int64)
    return Problem(
        distances=distances,
        durations=np.zeros_like(distances),
        num_depots=1,
        demand=demand,
        vehicle_kinds=(VehicleKind(count=n, capacity=50, start_depot=0, end_depot=0),),
        coords=coords,
    )


def test_time_limit_is_honoured() -> None:
    """A solve stops within a second of its time limit, initial solution included."""
    solution = solve(random_cvrp(400, seed=3), time_limit=1.0, seed=0)
    assert solution.seconds < 2.0
    assert solution.feasible and not solution.unvisited


def test_engine_is_repeatable_with_an_iteration_limit() -> None:
    """Same problem, seed and iteration limit: the same routes and cost."""
    problem = random_cvrp(60, seed=5)
    first = solve(problem, time_limit=30, seed=4, iterations=300)
    second = solve(problem, time_limit=30, seed=4, iterations=300)
    assert first.routes == second.routes and first.cost == second.cost
    loads = [int(problem.demand[list(r.visits)].sum()) for r in first.routes]
    assert max(loads) <= 50
    assert sorted(v for r in first.routes for v in r.visits) == list(problem.clients)
