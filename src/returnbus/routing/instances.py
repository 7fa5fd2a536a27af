"""Benchmark instances solved with the planner's engine (``solve-vrplib``).

Each family keeps its own cost convention, so results compare with the
published best-known solutions:

- CVRPLIB (TSPLIB ``EUC_2D``): Euclidean distance rounded to the nearest
  integer; the fleet is unlimited.
  ``EXACT_2D`` (LKH-3's copies of the sets whose best costs are stated
  on unrounded distances, such as Christofides et al.'s CMT): unrounded,
  worked in thousandths, the cost divided by 1,000 at the end.
  ``FLOOR_2D`` and ``CEIL_2D``: rounded down or up to a whole number.
- Solomon: distance-only objective, distances and times truncated to one
  decimal.  We work in integers scaled by 10 (``floor(10 d)``) and divide
  the cost by 10 at the end.  Coordinates may have decimals: the same
  rule, decided exactly where a distance is within a hair of a tenth.
  Times may have one decimal (the reader refuses finer ones), and are
  kept as given.
- HFVRP (PyVRP's dialect of Pessoa et al. 2018): each route costs its
  vehicle's fixed cost plus its cost per distance times the unrounded
  Euclidean distance; the file's costs are x 100.  We scale distances (and
  fixed costs with them) by 1,000 and divide the cost by 100,000.

Routes are reported with customer numbers as in the instance's solution
files: the depot is 0 and customers are numbered from 1 in file order.
Each route's number is also as there: 1, 2, ... in turn, or, in a fleet
mix, the number of the vehicle (in the file's order) that drives it.
`returnbus.io.instances` reads the files into a `BenchmarkFile`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

import numpy as np
import numpy.typing as npt

from .engine import Clock, solve
from .problem import IntArray, Problem, RouteVisits, VehicleKind, route_cost

Family = Literal["cvrplib", "solomon", "hfvrp"]
#: How a CVRPLIB file's Euclidean distances are made whole (its
#: EDGE_WEIGHT_TYPE): to the nearest (EUC_2D), down (FLOOR_2D), up
#: (CEIL_2D), or not at all (EXACT_2D: worked in thousandths).
Rounding = Literal["nearest", "floor", "ceil", "exact"]

#: Solomon distances and times are truncated to one decimal: work in tenths.
SOLOMON_SCALE = 10
#: HFVRP distances are unrounded: work in thousandths, as PyVRP's ``round_func="exact"``.
HFVRP_DISTANCE_SCALE = 1000
#: Unrounded CVRPLIB distances (``EXACT_2D``): in thousandths too, as LKH-3 has them.
EXACT_SCALE = 1000
#: HFVRP costs are stated x 100.
HFVRP_COST_SCALE = 100


@dataclass(frozen=True, slots=True, kw_only=True)
class VehicleGroup:
    """Identical vehicles of a fleet-mix instance, costs as the file states them."""

    count: int
    capacity: int
    fixed_cost: int
    unit_distance_cost: int
    #: The vehicles' numbers in the file (1, 2, ... in its vehicle sections' order).
    numbers: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class BenchmarkFile:
    """A benchmark instance as its file states it.

    Location 0 is the depot and customers follow in file order, as in the
    instance's solution files.  ``weights`` are the raw edge weights
    (Euclidean distances before any rounding).  ``vehicles`` is None when
    the fleet is unlimited (CVRPLIB).  ``service`` and ``windows`` (Solomon)
    are the file's times, in its unit.
    """

    name: str
    family: Family
    weights: npt.NDArray[np.float64]
    demand: npt.NDArray[np.int64]
    capacity: int
    vehicles: int | None
    coords: npt.NDArray[np.float64] | None
    explicit: bool = False
    #: How distances from coordinates are made whole (`Rounding`).
    rounding: Rounding = "nearest"
    service: npt.NDArray[np.float64] | None = None
    windows: npt.NDArray[np.float64] | None = None
    fleet: tuple[VehicleGroup, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class InstanceResult:
    """What ``solve-vrplib`` prints."""

    instance: str
    cost: float | None
    vehicles: int
    feasible: bool
    seconds: float
    routes: tuple[tuple[int, ...], ...]
    #: Each route's number as the solution files give it (``Route #k``): in a
    #: fleet mix, the vehicle that drives it, so its capacity and costs are known.
    route_numbers: tuple[int, ...] = ()


def instance_problem(instance: BenchmarkFile) -> tuple[Problem, int]:
    """The index-level problem of a benchmark file, and the scale of its costs."""
    if instance.family == "solomon":
        return _solomon(instance), SOLOMON_SCALE
    if instance.family == "hfvrp":
        return _hfvrp(instance), HFVRP_DISTANCE_SCALE * HFVRP_COST_SCALE
    return _cvrplib(instance), EXACT_SCALE if instance.rounding == "exact" else 1


def _cvrplib(instance: BenchmarkFile) -> Problem:
    if instance.explicit:
        distances = instance.weights.astype(np.int64)
    elif instance.rounding == "exact":
        distances = np.round(EXACT_SCALE * instance.weights).astype(np.int64)
    elif instance.rounding == "nearest":
        distances = _nearest(instance)
    else:
        distances = _floor_or_ceil(instance, up=instance.rounding == "ceil")
    n = len(instance.demand)
    return Problem(
        distances=distances,
        durations=np.zeros_like(distances),
        num_depots=1,
        demand=instance.demand,
        vehicle_kinds=(
            VehicleKind(count=n - 1, capacity=instance.capacity, start_depot=0, end_depot=0),
        ),
        coords=instance.coords,
    )


def _hfvrp(instance: BenchmarkFile) -> Problem:
    scale = HFVRP_DISTANCE_SCALE
    distances = np.round(scale * instance.weights).astype(np.int64)
    return Problem(
        distances=distances,
        durations=np.zeros_like(distances),
        num_depots=1,
        demand=instance.demand,
        vehicle_kinds=tuple(
            VehicleKind(
                count=group.count,
                capacity=group.capacity,
                start_depot=0,
                end_depot=0,
                fixed_cost=group.fixed_cost * scale,
                unit_distance_cost=group.unit_distance_cost,
            )
            for group in instance.fleet
        ),
        coords=instance.coords,
    )


def _nearest(instance: BenchmarkFile) -> IntArray:
    """TSPLIB ``EUC_2D`` distances, each rounded to the nearest whole number,
    a half up: ``floor(d + 0.5)``.

    On whole coordinates no distance is a half (d^2 would be k^2 + k + 1/4).
    On decimal ones it may be one exactly (0.5 from (0.1, 0.2) to (0.4, 0.6)),
    and floating point puts it a hair either side of the half (the decimals
    have no exact binary form): every distance that near a half is decided
    in whole numbers, on the decimals the coordinates were read from."""
    weights = instance.weights
    rounded: IntArray = np.floor(weights + 0.5).astype(np.int64)
    coords = instance.coords
    if coords is None or np.array_equal(coords, np.round(coords)):
        return rounded
    near = np.abs(weights - np.floor(weights) - 0.5) <= _hair(coords)
    # d = sqrt(S) / unit, so floor(d + 1/2) = (floor(sqrt(4 S)) + unit) // (2 unit).
    _decide_exactly(rounded, near, coords, lambda s, unit: (math.isqrt(4 * s) + unit) // (2 * unit))
    return rounded


def _floor_or_ceil(instance: BenchmarkFile, *, up: bool) -> IntArray:
    """TSPLIB ``FLOOR_2D`` / ``CEIL_2D`` distances: each rounded down, or up.

    A distance that is a whole number (5 from (0.3, 0.4) to (3.3, 4.4))
    comes out of floating point a hair either side of it, and would floor
    one lower or ceil one higher; so would one a hair from it truly, on
    decimal coordinates or far from the origin.  Every distance that near
    a whole number is decided in whole numbers, on the decimals the
    coordinates were read from, as `_nearest` decides halves."""
    weights = instance.weights
    rounded: IntArray = (np.ceil(weights) if up else np.floor(weights)).astype(np.int64)
    coords = instance.coords
    if coords is None:
        return rounded
    near = np.abs(weights - np.round(weights)) <= _hair(coords)
    _decide_exactly(rounded, near, coords, _ceil_root if up else _floor_root)
    return rounded


def _floor_root(square: int, unit: int) -> int:
    """floor(sqrt(S) / unit), in whole numbers."""
    return math.isqrt(square) // unit


def _ceil_root(square: int, unit: int) -> int:
    """ceil(sqrt(S) / unit), in whole numbers: the least k with (k unit)^2 >= S."""
    root = math.isqrt(square)
    root += root * root < square
    return -(-root // unit)


def _solomon(instance: BenchmarkFile) -> Problem:
    distances = _tenths(instance)
    assert instance.windows is not None and instance.service is not None
    windows = _times_in_tenths(instance.windows)
    return Problem(
        distances=distances,
        durations=distances,
        num_depots=1,
        demand=instance.demand,
        vehicle_kinds=(
            VehicleKind(
                count=instance.vehicles or len(instance.demand) - 1,
                capacity=instance.capacity,
                start_depot=0,
                end_depot=0,
            ),
        ),
        service=_times_in_tenths(instance.service),
        tw_early=windows[:, 0].copy(),
        tw_late=windows[:, 1].copy(),
        coords=instance.coords,
    )


def _times_in_tenths(times: npt.NDArray[np.float64]) -> IntArray:
    """Solomon times in tenths, as the engine counts them.  A file's times
    have one decimal at most (`returnbus.io.instances` refuses finer ones),
    so rounding only takes off floating point's error (912.3 x 10 is
    9123.000000000001): the times are kept as given."""
    tenths: IntArray = np.round(SOLOMON_SCALE * times).astype(np.int64)
    return tenths


def _tenths(instance: BenchmarkFile) -> IntArray:
    """Solomon distances in tenths, truncated: ``floor(10 d)``.

    A distance a whole number of tenths comes out of floating point a hair
    either side of it: 1e-9 is added before truncating.  On whole
    coordinates that is exact: 10 d is then the root of a whole number,
    whole itself or at least 1 / (20 d + 1) from one (over 1e-8 for any
    distance below a million).  On decimal ones a distance may truly lie
    within 1e-9 below a tenth (at 4 decimals, 150.79999999990 from
    (12.3456, 7.891) to (163.0027, 14.4544)): every distance that near a
    tenth is decided in whole numbers, on the decimals the coordinates were
    read from."""
    scaled = SOLOMON_SCALE * instance.weights
    tenths: IntArray = np.floor(scaled + 1e-9).astype(np.int64)
    coords = instance.coords
    if coords is None or np.array_equal(coords, np.round(coords)):
        return tenths
    near = np.abs(scaled - np.round(scaled)) <= _hair(coords)
    # d = sqrt(S) / unit, so floor(10 d) = floor(sqrt(100 S)) // unit.
    _decide_exactly(tenths, near, coords, lambda s, unit: math.isqrt(SOLOMON_SCALE**2 * s) // unit)
    return tenths


def _hair(coords: npt.NDArray[np.float64]) -> float:
    """How near a break of its rounding a distance must be to be decided
    exactly: floating point is off by far less (a few units in the last
    place of the coordinates)."""
    return 1e-9 + 1e-12 * float(np.abs(coords).max())


def _decide_exactly(
    rounded: IntArray,
    near: npt.NDArray[np.bool_],
    coords: npt.NDArray[np.float64],
    exact: Callable[[int, int], int],
) -> None:
    """Each pair ``near`` a break of its rounding gets ``exact(S, unit)``:
    the coordinates taken as whole numbers of ``1 / unit``
    (`_whole_coordinates`), S the square of their distance in those units."""
    whole, unit = _whole_coordinates(coords)
    for a, b in zip(*np.nonzero(np.triu(near, k=1)), strict=True):
        (xa, ya), (xb, yb) = whole[a], whole[b]
        rounded[a, b] = rounded[b, a] = exact((xa - xb) ** 2 + (ya - yb) ** 2, unit)


def _whole_coordinates(coords: npt.NDArray[np.float64]) -> tuple[list[tuple[int, int]], int]:
    """The coordinates as whole numbers of a unit (1 / 10^k, k the most
    decimals any has), and that unit's denominator: each coordinate is taken
    as the shortest decimal that is its float, the file's decimal up to 15
    significant digits."""
    exact = [(Fraction(repr(float(x))), Fraction(repr(float(y)))) for x, y in coords]
    unit = math.lcm(*(value.denominator for pair in exact for value in pair))
    return [(int(x * unit), int(y * unit)) for x, y in exact], unit


def earliest_times(problem: Problem) -> tuple[IntArray, IntArray]:
    """Each location's earliest arrival from depot 0, leaving when it opens,
    and the earliest return there after serving it: over the quickest path
    through any locations, with no service or wait on the way, so no route
    does better.  A location whose window closes before the first, or whose
    return is after the depot closes, is served by no plan."""
    n = problem.num_locations
    early = np.zeros(n, np.int64) if problem.tw_early is None else problem.tw_early
    service = np.zeros(n, np.int64) if problem.service is None else problem.service
    arrival: IntArray = early[0] + _quickest(problem.durations)
    back: IntArray = np.maximum(arrival, early) + service + _quickest(problem.durations.T)
    return arrival, back


def _quickest(durations: IntArray) -> IntArray:
    """The quickest times from location 0 to each, over any path: the
    direct times relaxed over one more stop until none is quicker (times
    truncated to tenths break the triangle inequality by a tenth at most,
    so this settles in a round or two)."""
    times: IntArray = durations[0].copy()
    while True:
        quicker: IntArray = np.minimum(times, (times[:, None] + durations).min(axis=0))
        if (quicker == times).all():
            return times
        times = quicker


def solve_instance(
    instance: BenchmarkFile,
    *,
    time_limit: float,
    clock: Clock,
    seed: int = 0,
    iterations: int | None = None,
    seeds: int = 1,
    executor: Executor | None = None,
) -> InstanceResult:
    """Solve a benchmark instance with the project's engine: ``seeds``
    independent searches, on ``executor`` when given, the best kept."""
    problem, scale = instance_problem(instance)
    solution = solve(
        problem,
        time_limit=time_limit,
        seed=seed,
        iterations=iterations,
        clock=clock,
        seeds=seeds,
        executor=executor,
    )
    complete = not solution.unvisited
    cost = sum(route_cost(problem, r) for r in solution.routes) / scale
    numbered = sorted(zip(_route_numbers(instance, solution.routes), solution.routes, strict=True))
    return InstanceResult(
        instance=instance.name,
        cost=cost if complete else None,
        vehicles=solution.vehicles,
        feasible=solution.feasible and complete,
        seconds=round(solution.seconds, 2),
        routes=tuple(r.visits for _, r in numbered),
        route_numbers=tuple(number for number, _ in numbered),
    )


def _route_numbers(instance: BenchmarkFile, routes: Sequence[RouteVisits]) -> list[int]:
    """Each route's number: in a fleet mix, a vehicle of its kind not yet
    driving (its kind is the group of the same index); else 1, 2, ..."""
    if not instance.fleet:
        return list(range(1, len(routes) + 1))
    free = [list(group.numbers) for group in instance.fleet]
    return [free[route.vehicle_kind].pop(0) for route in routes]
