"""Bus routes for a batch: pickup points in, domain `Route` objects out.

Every rider gets off at the route's end, so a bus is modelled backwards: it
"starts" at the destination and "ends" at its depot, over the transposed
travel matrices.  Read that way, the ride time of the first rider (first
pickup to arrival) is just the arrival time at that pickup in the reversed
route plus its dwell, so the ride-time cap becomes a time window on every
pickup and the route-duration cap (driver hours, empty run from the depot
included) the vehicle's shift length.  Both are native to the solver.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from itertools import pairwise

import numpy as np

from ..config import Settings
from ..domain import BusType, PickupPoint, Route, Site, Stop
from ..seating import assign_seats, effective_capacity
from ..travel import TravelModel
from .engine import solve
from .problem import Problem, VehicleKind

#: Money unit inside the solver: 1e-4 yuan, so costs per km with one decimal
#: are whole numbers per metre.
MONEY_SCALE = 10_000
_DESTINATION, _DEPOT, _FIRST_POINT = 0, 1, 2


@dataclass(frozen=True, slots=True, kw_only=True)
class DroppedPoint:
    """A pickup point no bus serves, and why, in words the desk can act on."""

    point: PickupPoint
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class RoutingResult:
    """Routes and dropped points of one routing run."""

    routes: tuple[Route, ...]
    dropped: tuple[DroppedPoint, ...]
    solve_seconds: float


@dataclass(frozen=True, slots=True)
class _Leg:
    metres: int
    seconds: int


@dataclass(frozen=True, slots=True, kw_only=True)
class RoutePlanner:
    """Plans buses from ``depot`` to pickup points and on to ``destination``."""

    depot: Site
    destination: Site
    fleet: Sequence[BusType]
    settings: Settings
    travel: TravelModel

    def _planner(self, points: Sequence[PickupPoint]) -> _Planner:
        return _Planner(
            points,
            depot=self.depot,
            destination=self.destination,
            fleet=self.fleet,
            settings=self.settings,
            travel=self.travel,
        )

    def reachable(
        self, points: Sequence[PickupPoint]
    ) -> tuple[list[PickupPoint], list[DroppedPoint]]:
        """Points a bus could serve on its own within the caps, and the others with why."""
        reachable, dropped = self._planner(points).split_unreachable()
        return [points[i] for i in reachable], dropped

    def plan(self, points: Sequence[PickupPoint]) -> RoutingResult:
        """Buses for ``points``; what they cannot serve is dropped with the reason."""
        return _plan(self._planner(points))


def _plan(planner: _Planner) -> RoutingResult:
    points, fleet, settings = planner.points, planner.fleet, planner.settings
    reachable, dropped = planner.split_unreachable()
    routes: list[tuple[BusType, list[int]]] = []
    seconds = 0.0
    if reachable:
        problem = planner.problem(reachable)
        solution = solve(
            problem,
            time_limit=settings.solver.time_limit_seconds,
            seed=settings.solver.seed,
            iterations=settings.solver.iterations,
        )
        seconds = solution.seconds
        buses_available = sum(kind.count for kind in problem.vehicle_kinds)
        not_fitted = (
            "not fitted: no bus found room for them within the ride and duration caps "
            "in the time limit; raise solver.time_limit_seconds or add buses"
        )
        for route in solution.routes:
            # Solver locations 2.. are the reachable points in order; reverse
            # the visits to drive them forwards.
            forward = [reachable[v - _FIRST_POINT] for v in reversed(route.visits)]
            bus = fleet[route.vehicle_kind]
            # A search cut short may end on a route that breaks a rule: shed
            # its first pickups (the longest rides) until it keeps them all.
            while forward and not planner.feasible(bus, forward):
                dropped.append(DroppedPoint(point=points[forward.pop(0)], reason=not_fitted))
            if forward:
                routes.append((bus, forward))
        reason = (
            "fleet exhausted: every bus is full or out of driver hours; "
            "add buses to [[fleet]] or move these workers to a later batch"
            if len(solution.routes) >= buses_available
            else not_fitted
        )
        dropped += [
            DroppedPoint(point=points[reachable[v - _FIRST_POINT]], reason=reason)
            for v in solution.unvisited
        ]
    routes, small = planner.enforce_min_riders(routes)
    dropped += small
    return RoutingResult(
        routes=tuple(
            planner.route(f"B{i:03d}", bus, seq)
            for i, (bus, seq) in enumerate(_ordered(routes, points), start=1)
        ),
        dropped=tuple(dropped),
        solve_seconds=seconds,
    )


def _ordered(
    routes: list[tuple[BusType, list[int]]], points: Sequence[PickupPoint]
) -> list[tuple[BusType, list[int]]]:
    """Stable bus numbering: by the first pickup's place."""
    return sorted(routes, key=lambda r: (points[r[1][0]].location, points[r[1][0]].id))


class _Planner:
    """Index bookkeeping between pickup points and solver locations."""

    def __init__(
        self,
        points: Sequence[PickupPoint],
        *,
        depot: Site,
        destination: Site,
        fleet: Sequence[BusType],
        settings: Settings,
        travel: TravelModel,
    ) -> None:
        self.points = points
        self.depot_id = depot.id
        self.locations = [destination.location, depot.location, *(p.location for p in points)]
        self.matrix = travel.matrix(self.locations)
        self.capacities = {bus.id: effective_capacity(bus, settings.seating) for bus in fleet}
        self.fleet = fleet
        self.settings = settings

    def leg(self, a: int, b: int) -> _Leg:
        """Travel between solver locations (destination 0, depot 1, point i at 2 + i)."""
        return _Leg(int(self.matrix.metres[a, b]), int(self.matrix.seconds[a, b]))

    def split_unreachable(self) -> tuple[list[int], list[DroppedPoint]]:
        """Points a bus can serve alone within the caps, and those it cannot."""
        s = self.settings
        biggest = max((self.capacities[b.id] for b in self.fleet if b.count > 0), default=0)
        reachable, dropped = [], []
        for i, point in enumerate(self.points):
            loc = _FIRST_POINT + i
            ride = s.stop_seconds + self.leg(loc, _DESTINATION).seconds
            route = self.leg(_DEPOT, loc).seconds + ride
            if biggest == 0:
                reason = "no buses in the fleet; add [[fleet]] entries with count > 0"
            elif point.demand > biggest:
                reason = (
                    f"stop too big: {point.demand} riders at one stop but the largest bus takes "
                    f"{biggest}; add bigger buses or relax the seating policy"
                )
            elif ride > s.max_ride_seconds:
                reason = (
                    f"too far for a bus: the ride alone takes {ride / 3600:.1f} h, "
                    f"over the {s.max_ride_minutes / 60:g} h cap; "
                    "arrange self-return or raise rules.max_ride_minutes"
                )
            elif route > s.max_route_seconds:
                reason = (
                    f"too far from the depot: the round trip takes {route / 3600:.1f} h, "
                    f"over the {s.max_route_minutes / 60:g} h driver-hours cap; "
                    "raise rules.max_route_minutes (two drivers) or arrange self-return"
                )
            else:
                reachable.append(i)
                continue
            dropped.append(DroppedPoint(point=point, reason=reason))
        return reachable, dropped

    def problem(self, reachable: list[int]) -> Problem:
        """The reversed routing problem over the reachable points."""
        s = self.settings
        index = [_DESTINATION, _DEPOT, *(_FIRST_POINT + i for i in reachable)]
        # Transposed: the reversed route drives each leg the other way.
        distances = self.matrix.metres[np.ix_(index, index)].T.copy()
        durations = self.matrix.seconds[np.ix_(index, index)].T.copy()
        demand = np.array([0, 0, *(self.points[i].demand for i in reachable)], dtype=np.int64)
        service = np.array([0, 0, *([s.stop_seconds] * len(reachable))], dtype=np.int64)
        late = np.array(
            [
                s.max_route_seconds,
                s.max_route_seconds,
                *([s.max_ride_seconds - s.stop_seconds] * len(reachable)),
            ],
            dtype=np.int64,
        )
        kinds = tuple(
            VehicleKind(
                count=bus.count,
                capacity=self.capacities[bus.id],
                start_depot=_DESTINATION,
                end_depot=_DEPOT,
                fixed_cost=round(bus.fixed_cost * MONEY_SCALE),
                unit_distance_cost=round(bus.cost_per_km * MONEY_SCALE / 1000),
                max_duration=s.max_route_seconds,
                name=bus.id,
            )
            for bus in self.fleet
        )
        # Serving a point must always beat leaving it out: its prize per rider
        # is worth more than a dedicated bus for the costliest point.
        dedicated = max(
            k.fixed_cost
            + k.unit_distance_cost * int(distances[_DESTINATION, v] + distances[v, _DEPOT])
            for k in kinds
            for v in range(2, len(index))
        )
        prize = demand * 2 * dedicated
        coords = np.array([[self.locations[i].lon, self.locations[i].lat] for i in index])
        return Problem(
            distances=distances,
            durations=durations,
            num_depots=2,
            demand=demand,
            vehicle_kinds=kinds,
            service=service,
            tw_early=np.zeros(len(index), dtype=np.int64),
            tw_late=late,
            prize=prize,
            coords=coords,
        )

    def timeline(self, seq: Sequence[int]) -> tuple[list[int], int, int]:
        """Forward schedule: seconds after departure at each stop, at arrival, and metres."""
        s = self.settings
        path = [_DEPOT, *(_FIRST_POINT + i for i in seq), _DESTINATION]
        arrivals, clock, metres = [], 0, 0
        for k, (a, b) in enumerate(pairwise(path)):
            leg = self.leg(a, b)
            clock += leg.seconds + (s.stop_seconds if k > 0 else 0)
            metres += leg.metres
            arrivals.append(clock)
        return arrivals[:-1], arrivals[-1], metres

    def feasible(self, bus: BusType, seq: Sequence[int]) -> bool:
        """Whether ``bus`` can drive ``seq`` within capacity, ride and duration caps."""
        s = self.settings
        load = sum(self.points[i].demand for i in seq)
        stops, arrive, _ = self.timeline(seq)
        return (
            load <= self.capacities[bus.id]
            and arrive - stops[0] <= s.max_ride_seconds
            and arrive <= s.max_route_seconds
        )

    def cost(self, bus: BusType, seq: Sequence[int]) -> float:
        """Charter cost of ``bus`` driving ``seq``."""
        return bus.fixed_cost + bus.cost_per_km * self.timeline(seq)[2] / 1000

    def minimum(self, bus: BusType) -> int:
        """Fewest riders worth running ``bus``."""
        return self.settings.min_riders if bus.min_riders is None else bus.min_riders

    def enforce_min_riders(
        self, routes: list[tuple[BusType, list[int]]]
    ) -> tuple[list[tuple[BusType, list[int]]], list[DroppedPoint]]:
        """A bus under its minimum becomes a smaller free bus whose minimum it
        meets, or merges into other buses, or its riders are dropped."""
        kept = list(routes)
        dropped: list[DroppedPoint] = []
        while True:
            small = [r for r in kept if self._riders(r[1]) < self.minimum(r[0])]
            if not small:
                return kept, dropped
            bus, seq = min(small, key=lambda r: self._riders(r[1]))
            kept.remove((bus, seq))
            smaller = self._smaller_bus(seq, kept)
            if smaller is not None:
                kept.append((smaller, seq))
                continue
            merged = self._merge(seq, kept)
            if merged is not None:
                kept = merged
                continue
            reason = (
                f"too few riders for a bus: only {self._riders(seq)} could be grouped, "
                f"below the minimum of {self.minimum(bus)}; "
                "arrange self-return, lower rules.min_riders, or add them to a later batch"
            )
            dropped += [DroppedPoint(point=self.points[i], reason=reason) for i in seq]

    def _riders(self, seq: Sequence[int]) -> int:
        return sum(self.points[i].demand for i in seq)

    def _smaller_bus(
        self, seq: Sequence[int], routes: list[tuple[BusType, list[int]]]
    ) -> BusType | None:
        """The cheapest free bus type that can drive ``seq`` and whose minimum it meets."""
        used = Counter(bus.id for bus, _ in routes)
        riders = self._riders(seq)
        fits = [
            bus
            for bus in self.fleet
            if used[bus.id] < bus.count and self.minimum(bus) <= riders and self.feasible(bus, seq)
        ]
        return min(fits, key=lambda bus: self.cost(bus, seq), default=None)

    def _merge(
        self, seq: Sequence[int], routes: list[tuple[BusType, list[int]]]
    ) -> list[tuple[BusType, list[int]]] | None:
        """Insert every point of ``seq`` into ``routes`` (cheapest feasible
        place each), or None when one of them fits nowhere."""
        result = [(bus, list(other)) for bus, other in routes]
        for i in seq:
            best: tuple[float, int, int] | None = None
            for r, (bus, other) in enumerate(result):
                before = self.cost(bus, other)
                for pos in range(len(other) + 1):
                    candidate = [*other[:pos], i, *other[pos:]]
                    if self.feasible(bus, candidate):
                        extra = self.cost(bus, candidate) - before
                        if best is None or extra < best[0]:
                            best = (extra, r, pos)
            if best is None:
                return None
            _, r, pos = best
            result[r][1].insert(pos, i)
        return result

    def route(self, bus_id: str, bus: BusType, seq: Sequence[int]) -> Route:
        """The domain route for ``bus`` driving the points ``seq`` forwards."""
        s = self.settings
        stops_s, arrive_s, metres = self.timeline(seq)
        stops = tuple(
            Stop(
                seq=k,
                point_id=self.points[i].id,
                location=self.points[i].location,
                arrive=s.departure + timedelta(seconds=t),
                worker_ids=self.points[i].worker_ids,
            )
            for k, (i, t) in enumerate(zip(seq, stops_s, strict=True), start=1)
        )
        riders = [w for stop in stops for w in stop.worker_ids]
        return Route(
            bus_id=bus_id,
            bus_type=bus.id,
            seats=bus.seats,
            capacity_effective=self.capacities[bus.id],
            depot_id=self.depot_id,
            depart=s.departure,
            stops=stops,
            end_location=self.locations[_DESTINATION],
            end_arrive=s.departure + timedelta(seconds=arrive_s),
            distance_m=metres,
            cost=round(self.cost(bus, seq), 2),
            seat_map=assign_seats(riders, bus, s.seating),
        )
