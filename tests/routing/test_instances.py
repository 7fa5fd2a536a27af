"""Benchmark instances solved with the engine."""

from __future__ import annotations

import math
import time
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal, localcontext
from itertools import pairwise
from pathlib import Path

import numpy as np
import pytest

from returnbus.errors import InputError
from returnbus.io.instances import read_instance
from returnbus.routing.instances import (
    SOLOMON_SCALE,
    earliest_times,
    instance_problem,
    solve_instance,
)
from returnbus.routing.problem import Problem, VehicleKind

from ..io.test_instances import DECIMAL_SOLOMON, TINY_SOLOMON, TINY_VRP, write


def test_cvrplib_distances_round_to_the_nearest_integer(tmp_path: Path) -> None:
    """X instances: rounded Euclidean distances, cost in those units."""
    instance = read_instance(write(tmp_path, "tiny.vrp", TINY_VRP))
    problem, scale = instance_problem(instance)
    assert scale == 1 and problem.distances[0, 3] == 14
    result = solve_instance(instance, time_limit=1, clock=time.perf_counter, iterations=200)
    assert result.feasible and sorted(c for r in result.routes for c in r) == [1, 2, 3]
    assert result.cost is not None and result.cost == round(result.cost)


def test_exact_2d_distances_are_unrounded_and_cost_in_units(tmp_path: Path) -> None:
    """EXACT_2D (LKH-3's CMT and others, best costs stated on unrounded
    distances): 14.142... stays so, worked in thousandths; the cost is the
    routes' unrounded length, not the rounded one EUC_2D gives."""
    text = TINY_VRP.replace("EUC_2D", "EXACT_2D")
    instance = read_instance(write(tmp_path, "exact.vrp", text))
    problem, scale = instance_problem(instance)
    assert scale == 1000 and problem.distances[0, 3] == 14142
    result = solve_instance(instance, time_limit=1, clock=time.perf_counter, iterations=200)
    assert result.feasible and sorted(c for r in result.routes for c in r) == [1, 2, 3]
    coords = [(0, 0), (0, 10), (10, 0), (10, 10)]
    length = sum(
        math.dist(coords[a], coords[b])
        for r in result.routes
        for a, b in zip((0, *r), (*r, 0), strict=True)
    )
    assert result.cost is not None and abs(result.cost - length) < 0.001 * 8
    assert result.cost != round(result.cost)  # (every plan has a diagonal: 10 + 10 + 14.14...)


#: Distances that are whole numbers, on decimal coordinates: floating point
#: puts 2 from (1000.1, 0.2) to (1001.3, 1.8) a hair below (1.99999999999996)
#: and 1 from (1000.1, 0.2) to (1000.7, 1.0) a hair above (1.00000000000001).
WHOLE_ON_DECIMALS = TINY_VRP.replace(
    "1 0 0\n2 0 10\n3 10 0\n4 10 10", "1 0 0\n2 1000.1 0.2\n3 1001.3 1.8\n4 1000.7 1.0"
)


def _rounded(a: tuple[str, str], b: tuple[str, str], rounding: str) -> int:
    """The distance from ``a`` to ``b`` (decimals as written), rounded so, in 40 digits."""
    with localcontext() as context:
        context.prec = 40
        dx, dy = (Decimal(u) - Decimal(v) for u, v in zip(a, b, strict=True))
        distance = (dx * dx + dy * dy).sqrt()
    return int(distance.to_integral_value(ROUND_FLOOR if rounding == "floor" else ROUND_CEILING))


@pytest.mark.parametrize(("kind", "rounding"), [("FLOOR_2D", "floor"), ("CEIL_2D", "ceil")])
def test_floor_and_ceil_2d_round_down_or_up_exactly(
    tmp_path: Path, kind: str, rounding: str
) -> None:
    """TSPLIB's FLOOR_2D and CEIL_2D (were refused as unsupported): 14.14...
    is 14 or 15; a whole distance on decimal coordinates stays whole, though
    floating point puts it a hair below (floor one lower) or above (ceil one
    higher); every distance as the decimals written give it."""
    tiny = read_instance(write(tmp_path, "tiny.vrp", TINY_VRP.replace("EUC_2D", kind)))
    problem, scale = instance_problem(tiny)
    assert scale == 1 and problem.distances[0, 3] == (14 if rounding == "floor" else 15)
    assert problem.distances[0, 1] == 10  # whole on whole coordinates: neither lower nor higher
    text = WHOLE_ON_DECIMALS.replace("EUC_2D", kind)
    instance = read_instance(write(tmp_path, "whole.vrp", text))
    distances = instance_problem(instance)[0].distances
    assert distances[1, 2] == distances[2, 1] == 2
    assert distances[1, 3] == distances[3, 1] == 1
    coords = [("0", "0"), ("1000.1", "0.2"), ("1001.3", "1.8"), ("1000.7", "1.0")]
    assert distances.tolist() == [[_rounded(a, b, rounding) for b in coords] for a in coords]
    result = solve_instance(instance, time_limit=1, clock=time.perf_counter, iterations=100)
    assert result.feasible and sorted(c for r in result.routes for c in r) == [1, 2, 3]


def test_solomon_truncates_to_tenths_and_keeps_windows(tmp_path: Path) -> None:
    """Solomon: distances floor(10 d), windows and service scaled alike, cost back in units."""
    instance = read_instance(write(tmp_path, "tiny.txt", TINY_SOLOMON))
    problem, scale = instance_problem(instance)
    assert scale == SOLOMON_SCALE and problem.distances[1, 2] == 50  # 5.0 exactly
    assert problem.tw_late is not None and problem.tw_late.tolist() == [1000, 500, 600]
    result = solve_instance(instance, time_limit=1, clock=time.perf_counter, iterations=200)
    assert result.feasible and result.cost is not None
    assert (
        result.cost
        == sum(
            problem.distances[a, b]
            for r in result.routes
            for a, b in zip((0, *r), (*r, 0), strict=True)
        )
        / SOLOMON_SCALE
    )


def test_solomon_decimal_coordinates_truncate_to_tenths_alike(tmp_path: Path) -> None:
    """Decimal coordinates: floor(10 d) as for whole ones, and solved so."""
    instance = read_instance(write(tmp_path, "decimal.txt", DECIMAL_SOLOMON))
    problem, _ = instance_problem(instance)
    # 0.5 exactly; 39.4691...; 39.0251... (from (0.3, 0.4) to (35.5, 17.25)).
    assert problem.distances[0].tolist() == [0, 5, 394]
    assert problem.distances[1, 2] == problem.distances[2, 1] == 390
    result = solve_instance(instance, time_limit=1, clock=time.perf_counter, iterations=100)
    assert result.feasible and sorted(c for r in result.routes for c in r) == [1, 2]


def test_a_decimal_distance_a_hair_short_of_a_tenth_is_truncated(tmp_path: Path) -> None:
    """From (12.3456, 7.891) to (163.0027, 14.4544) is 150.7999999999005...:
    1507 tenths, where adding floating point's 1e-9 before truncating gives 1508."""
    text = TINY_SOLOMON.replace("    0      0         0 ", "    0      12.3456   7.891 ")
    text = text.replace("    1      0         3 ", "    1      163.0027  14.4544 ")
    text = text.replace("0        100", "0        1000").replace("0         50", "0         500")
    problem, _ = instance_problem(read_instance(write(tmp_path, "hair.txt", text)))
    assert problem.distances[0, 1] == problem.distances[1, 0] == 1507


#: A fleet mix in PyVRP's HFVRP dialect: two small vans (fixed 100.00, 1.00 per unit of
#: distance) and one large bus (fixed 250.00, 1.50 per unit); costs x 100, as in the files.
TINY_HFVRP = """NAME: tinyHF
TYPE: HFVRP
DIMENSION: 5
VEHICLES: 3
EDGE_WEIGHT_TYPE: EUC_2D
NODE_COORD_SECTION
1 0 0
2 3 4
3 3 5
4 -6 1
5 -6 2
DEMAND_SECTION
1 0
2 4
3 4
4 4
5 4
CAPACITY_SECTION
1 9
2 9
3 18
VEHICLES_FIXED_COST_SECTION
1 10000
2 10000
3 25000
VEHICLES_UNIT_DISTANCE_COST_SECTION
1 100
2 100
3 150
DEPOT_SECTION
1
-1
EOF
"""
HF_COORDS = [(0, 0), (3, 4), (3, 5), (-6, 1), (-6, 2)]
HF_DEMAND = [0, 4, 4, 4, 4]


def _length(route: tuple[int, ...]) -> float:
    return sum(math.dist(HF_COORDS[a], HF_COORDS[b]) for a, b in pairwise([0, *route, 0]))


def _cheapest(route: tuple[int, ...]) -> float:
    """The route's cost on the cheapest vehicle that carries its load."""
    load = sum(HF_DEMAND[c] for c in route)
    kinds = [(100.0, 1.0)] if load <= 9 else []
    return min(fixed + unit * _length(route) for fixed, unit in [*kinds, (250.0, 1.5)])


def test_hfvrp_costs_fixed_plus_unrounded_distance_over_100(tmp_path: Path) -> None:
    """Fleet mix: each route costs its vehicle's fixed cost plus its cost per distance
    times the unrounded Euclidean distance, the file's costs divided by 100."""
    instance = read_instance(write(tmp_path, "tiny.vrp", TINY_HFVRP))
    assert instance.family == "hfvrp"
    assert sorted((g.count, g.capacity) for g in instance.fleet) == [(1, 18), (2, 9)]
    result = solve_instance(instance, time_limit=2, clock=time.perf_counter, iterations=500)
    assert result.feasible and sorted(c for r in result.routes for c in r) == [1, 2, 3, 4]
    assert all(sum(HF_DEMAND[c] for c in route) <= 18 for route in result.routes)
    assert result.cost is not None
    assert result.cost == pytest.approx(sum(_cheapest(r) for r in result.routes), abs=0.01)
    # One van per pair beats the bus over all four.
    assert result.cost == pytest.approx(_cheapest((1, 2)) + _cheapest((3, 4)), abs=0.01)


def test_hfvrp_vehicle_sections_must_agree(tmp_path: Path) -> None:
    """A fleet whose sections give different numbers of vehicles is refused."""
    broken = TINY_HFVRP.replace("3 150\n", "")
    with pytest.raises(InputError, match="vehicle sections differ"):
        read_instance(write(tmp_path, "broken.vrp", broken))


def test_hfvrp_route_numbers_name_the_vehicle_that_drives_each_route(tmp_path: Path) -> None:
    """As in the solution files, Route #k is driven by the file's vehicle k: its
    capacity carries the route and its costs add up to the cost reported.  The
    bus is listed first here, so numbering the routes 1, 2, ... would name it."""
    bus_first = (
        TINY_HFVRP.replace("1 9\n2 9\n3 18\n", "1 18\n2 9\n3 9\n")
        .replace("1 10000\n2 10000\n3 25000\n", "1 25000\n2 10000\n3 10000\n")
        .replace("1 100\n2 100\n3 150\n", "1 150\n2 100\n3 100\n")
    )
    vehicles = {1: (18, 250.0, 1.5), 2: (9, 100.0, 1.0), 3: (9, 100.0, 1.0)}
    instance = read_instance(write(tmp_path, "bus_first.vrp", bus_first))
    result = solve_instance(instance, time_limit=2, clock=time.perf_counter, iterations=500)
    assert result.feasible and len(result.route_numbers) == len(result.routes)
    assert len(set(result.route_numbers)) == len(result.route_numbers)
    assert list(result.route_numbers) == sorted(result.route_numbers)
    cost = 0.0
    for number, route in zip(result.route_numbers, result.routes, strict=True):
        capacity, fixed, unit = vehicles[number]
        assert sum(HF_DEMAND[c] for c in route) <= capacity
        cost += fixed + unit * _length(route)
    assert result.cost == pytest.approx(cost, abs=0.01)


def test_earliest_times_take_the_quickest_path_through_other_locations() -> None:
    """Truncated times can make a stop on the way quicker than the direct
    leg: the bound takes it, so a servable location is never refused."""
    durations = np.array([[0, 10, 3], [10, 0, 3], [3, 3, 0]], dtype=np.int64)
    problem = Problem(
        distances=durations,
        durations=durations,
        num_depots=1,
        demand=np.array([0, 1, 1]),
        vehicle_kinds=(VehicleKind(count=1, capacity=5, start_depot=0, end_depot=0),),
        service=np.array([0, 2, 0]),
        tw_early=np.array([5, 20, 0]),
        tw_late=np.array([100, 30, 100]),
    )
    arrival, back = earliest_times(problem)
    assert arrival.tolist() == [5, 11, 8]  # leaving at 5; to 1 by way of 2
    assert back.tolist()[1] == 20 + 2 + 6  # waits for 20, serves 2, back by way of 2


def test_an_instance_only_the_search_finds_infeasible_is_solved_as_not_feasible(
    tmp_path: Path,
) -> None:
    """One vehicle, two customers each reachable only at 3, on opposite
    sides: each alone is servable, so the file is read, and the search says
    "feasible: no" (what no single location's line shows)."""
    text = TINY_SOLOMON.replace("  2         10", "  1         10").replace(
        "    2      4         0          4         10         60          5",
        "    2      0        -3          4          0          3          0",
    )
    text = text.replace(
        "0         3          4          0         50          5",
        "0         3          4          0          3          0",
    )
    instance = read_instance(write(tmp_path, "apart.txt", text))
    result = solve_instance(instance, time_limit=1, clock=time.perf_counter, iterations=100)
    assert not result.feasible


def test_a_cvrplib_fleet_stated_in_the_file_is_kept(tmp_path: Path) -> None:
    """VEHICLES in a CVRP file limits the routes (it was read as an unlimited
    fleet); a fleet too small for the demand is refused at its line."""
    stated = TINY_VRP.replace("CAPACITY : 10\n", "CAPACITY : 10\nVEHICLES : 2\n")
    instance = read_instance(write(tmp_path, "two.vrp", stated))
    assert instance.vehicles == 2
    result = solve_instance(instance, time_limit=1, clock=time.perf_counter, iterations=200)
    assert result.feasible and len(result.routes) <= 2
    assert sorted(c for r in result.routes for c in r) == [1, 2, 3]
    with pytest.raises(InputError) as refused:
        read_instance(write(tmp_path, "one.vrp", stated.replace("VEHICLES : 2", "VEHICLES : 1")))
    assert refused.value.line == 6
