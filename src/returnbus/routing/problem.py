"""The index-level routing problem and its solution.

Locations ``0 .. num_depots - 1`` are depots, the rest are clients.  All
values are integers: distances and durations in the caller's units (metres
and seconds for bus plans, scaled instance units for benchmarks), costs in
the caller's money unit.  Only the routing package sees these indices.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]

#: Largest value a distance, duration or cost may take (PyVRP's limit, 2**44).
MAX_VALUE = 1 << 44


@dataclass(frozen=True, slots=True, kw_only=True)
class VehicleKind:
    """Identical vehicles: how many, their capacity, depots, costs and limits."""

    count: int
    capacity: int
    start_depot: int
    end_depot: int
    fixed_cost: int = 0
    unit_distance_cost: int = 1
    max_duration: int | None = None
    name: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Problem:
    """A capacitated VRP with optional time windows and optional clients.

    ``prize`` is None when every client must be served; otherwise a client
    may be left out at the cost of its prize.
    """

    distances: IntArray
    durations: IntArray
    num_depots: int
    demand: IntArray
    vehicle_kinds: tuple[VehicleKind, ...]
    service: IntArray | None = None
    tw_early: IntArray | None = None
    tw_late: IntArray | None = None
    prize: IntArray | None = None
    coords: npt.NDArray[np.float64] | None = None

    def __post_init__(self) -> None:
        n = len(self.demand)
        for name in ("distances", "durations"):
            matrix = getattr(self, name)
            if matrix.shape != (n, n):
                raise ValueError(f"{name} is {matrix.shape}, expected ({n}, {n})")
            if (matrix < 0).any() or (matrix > MAX_VALUE).any():
                raise ValueError(f"{name} must be in [0, {MAX_VALUE}]")
        for name in ("service", "tw_early", "tw_late", "prize"):
            vector = getattr(self, name)
            if vector is not None and vector.shape != (n,):
                raise ValueError(f"{name} has shape {vector.shape}, expected ({n},)")
        if not 0 < self.num_depots < n + 1:
            raise ValueError("need at least one depot")
        for kind in self.vehicle_kinds:
            if not (
                0 <= kind.start_depot < self.num_depots and 0 <= kind.end_depot < self.num_depots
            ):
                raise ValueError(f"vehicle kind {kind.name!r} names a depot that does not exist")

    @property
    def num_locations(self) -> int:
        """Depots plus clients."""
        return len(self.demand)

    @property
    def clients(self) -> range:
        """Location indices of the clients."""
        return range(self.num_depots, self.num_locations)


@dataclass(frozen=True, slots=True, kw_only=True)
class RouteVisits:
    """One used vehicle: its kind and the clients it visits, in order."""

    vehicle_kind: int
    visits: tuple[int, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Solution:
    """The best solution found, with what it left out."""

    routes: tuple[RouteVisits, ...]
    unvisited: tuple[int, ...]
    cost: int
    feasible: bool
    seconds: float
    iterations: int

    @property
    def vehicles(self) -> int:
        """Vehicles used."""
        return len(self.routes)


def route_distance(problem: Problem, route: RouteVisits) -> int:
    """Distance of a route from its start depot to its end depot."""
    kind = problem.vehicle_kinds[route.vehicle_kind]
    path = [kind.start_depot, *route.visits, kind.end_depot]
    return int(sum(problem.distances[a, b] for a, b in pairwise(path)))


def route_cost(problem: Problem, route: RouteVisits) -> int:
    """A route's cost: its vehicle's fixed cost plus cost per distance times distance."""
    kind = problem.vehicle_kinds[route.vehicle_kind]
    return kind.fixed_cost + kind.unit_distance_cost * route_distance(problem, route)
