"""Bus routes for a batch: pickup points in, domain `Route` objects out.

`RoutePlanner` is the routing stage's face: it builds the reversed bus model
(`model.py`), runs the search (`engine.py`), sheds what a search cut short
left infeasible, repairs buses under their minimum (`repair.py`) and names
each bus from its route.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Literal

from ..domain import BusType, PickupPoint, Route, Site
from ..ids import digest, short_ids
from ..seating import SeatingPolicy
from ..travel import TravelModel
from .engine import Clock, solve
from .model import FIRST_POINT, BusModel, DroppedPoint, Trip
from .params import BusRules, SolverSettings
from .problem import Solution
from .repair import cheapest_insertion, enforce_min_riders

#: Hex digits of a bus id's digest.
_BUS_ID_DIGITS = 6


SearchStop = Literal["iterations", "time_limit", "none"]


@dataclass(frozen=True, slots=True, kw_only=True)
class RoutingResult:
    """Routes and dropped points of one routing run, and how the search ended.

    ``stopped_by`` is ``iterations`` (the budget ran out: repeatable),
    ``time_limit`` (the safety stop came first) or ``none`` (nothing to search).
    """

    routes: tuple[Route, ...]
    dropped: tuple[DroppedPoint, ...]
    solve_seconds: float
    iterations: int = 0
    stopped_by: SearchStop = "none"


@dataclass(frozen=True, slots=True, kw_only=True)
class RoutePlanner:
    """Plans buses leaving ``depot`` at ``departure``, through the pickup
    points, to ``destination``."""

    depot: Site
    destination: Site
    fleet: Sequence[BusType]
    departure: datetime
    rules: BusRules
    seating: SeatingPolicy
    solver: SolverSettings
    travel: TravelModel

    def _model(self, points: Sequence[PickupPoint]) -> BusModel:
        return BusModel(
            points,
            depot=self.depot,
            destination=self.destination,
            fleet=self.fleet,
            rules=self.rules,
            seating=self.seating,
            travel=self.travel,
        )

    def reachable(
        self, points: Sequence[PickupPoint]
    ) -> tuple[list[PickupPoint], list[DroppedPoint]]:
        """Points a bus could serve on its own within the caps, and the others with why."""
        reachable, dropped = self._model(points).split_unreachable()
        return [points[i] for i in reachable], dropped

    def plan(self, points: Sequence[PickupPoint], *, clock: Clock | None = None) -> RoutingResult:
        """Buses for ``points``; what they cannot serve is dropped with the reason.

        The search runs on its iteration budget; a ``clock`` adds the safety
        time limit.
        """
        model = self._model(points)
        reachable, dropped = model.split_unreachable()
        trips: list[Trip] = []
        if not reachable:
            return RoutingResult(routes=(), dropped=tuple(dropped), solve_seconds=0.0)
        budget = self.solver.budget(len(reachable))
        solution = solve(
            model.problem(reachable),
            time_limit=self.solver.time_limit_seconds,
            seed=self.solver.seed,
            iterations=budget,
            clock=clock,
        )
        trips, unserved = _trips(model, reachable, solution)
        trips, small = enforce_min_riders(model, trips)
        return RoutingResult(
            routes=_routes(model, trips, self.departure),
            dropped=(*dropped, *unserved, *small),
            solve_seconds=solution.seconds,
            iterations=solution.iterations,
            stopped_by="iterations" if solution.iterations >= budget else "time_limit",
        )

    def replan(
        self,
        kept: Sequence[KeptBus],
        new_points: Sequence[PickupPoint],
        *,
        pinned: Sequence[Route] = (),
        max_shift_seconds: int | None = None,
        clock: Clock | None = None,
    ) -> RoutingResult:
        """Buses carried over from a plan, changed as little as the rules allow.

        ``pinned`` routes stay as they are.  Each ``kept`` bus serves its
        remaining points in their old order and keeps its id (a bus under its
        minimum is moved to a smaller bus or merged, as after a search).
        ``new_points`` go into free seats of kept buses where every cap
        holds (and no rider's pickup moves by more than ``max_shift_seconds``),
        and the rest onto new buses from the fleet still free.
        """
        fleet = _left(self.fleet, [r.bus_type for r in pinned])
        carried = [p for bus in kept for p in bus.points]
        model = BusModel(
            [*carried, *new_points],
            depot=self.depot,
            destination=self.destination,
            fleet=fleet,
            rules=self.rules,
            seating=self.seating,
            travel=self.travel,
        )
        trips = _kept_trips(model, kept)
        _, unreachable = model.split_unreachable()
        far = {d.point.id for d in unreachable}
        steady = _Steady(model, trips, max_shift_seconds)
        leftover = []
        for i in range(len(carried), len(model.points)):
            if model.points[i].id not in far and not _insert(model, trips, i, steady):
                leftover.append(model.points[i])
        trips, small = enforce_min_riders(model, trips)
        routes = [
            model.route(bus_id, trip, self.departure)
            for bus_id, trip in zip(_inherited_ids(model, trips, kept), trips, strict=True)
        ]
        fresh = replace(self, fleet=_left(fleet, [bus.id for bus, _ in trips])).plan(
            leftover, clock=clock
        )
        return RoutingResult(
            routes=tuple(
                sorted(
                    (*pinned, *routes, *fresh.routes),
                    key=lambda r: (r.stops[0].location if r.stops else r.end_location, r.bus_id),
                )
            ),
            dropped=(
                *(d for d in unreachable if d.point.id in far and d.point in new_points),
                *small,
                *fresh.dropped,
            ),
            solve_seconds=fresh.solve_seconds,
            iterations=fresh.iterations,
            stopped_by=fresh.stopped_by,
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class KeptBus:
    """A bus of an earlier plan carried into a re-plan: its id, its bus type
    and the pickup points it still serves, in boarding order."""

    bus_id: str
    bus_type: str
    points: tuple[PickupPoint, ...]


def _left(fleet: Sequence[BusType], used: Sequence[str]) -> tuple[BusType, ...]:
    """The fleet less the buses of these types already taken."""
    taken = Counter(used)
    return tuple(replace(bus, count=max(0, bus.count - taken[bus.id])) for bus in fleet)


def _kept_trips(model: BusModel, kept: Sequence[KeptBus]) -> list[Trip]:
    """Kept buses as trips over the model's first points, shedding what breaks a cap."""
    type_of = {bus.id: bus for bus in model.fleet}
    trips: list[Trip] = []
    start = 0
    for bus in kept:
        seq = list(range(start, start + len(bus.points)))
        start += len(bus.points)
        # Serving fewer points a bus drives less, so this only sheds when the
        # rules themselves changed since the earlier plan.
        while seq and not model.feasible(type_of[bus.bus_type], seq):
            seq.pop(0)
        if seq:
            trips.append((type_of[bus.bus_type], seq))
    return trips


class _Steady:
    """Whether a kept trip's riders keep their pickup times within a tolerance."""

    def __init__(self, model: BusModel, trips: list[Trip], tolerance: int | None) -> None:
        self._model = model
        self._tolerance = tolerance
        self._times = [dict(zip(seq, model.timeline(seq)[0], strict=True)) for _, seq in trips]

    def __call__(self, trip: int, seq: list[int]) -> bool:
        if self._tolerance is None:
            return True
        times = self._times[trip]
        return all(
            abs(t - times[i]) <= self._tolerance
            for i, t in zip(seq, self._model.timeline(seq)[0], strict=True)
            if i in times
        )


def _insert(model: BusModel, trips: list[Trip], i: int, steady: _Steady) -> bool:
    """Put point ``i`` where it adds least cost within every cap; False if nowhere."""
    found = cheapest_insertion(model, trips, i, steady)
    if found is not None:
        trips[found[0]][1].insert(found[1], i)
    return found is not None


def _inherited_ids(model: BusModel, trips: list[Trip], kept: Sequence[KeptBus]) -> list[str]:
    """Each trip takes the id of the earlier bus whose points it shares most
    (each id once); a trip that shares none is named from its content."""
    owner = {p.id: bus.bus_id for bus in kept for p in bus.points}
    shared = sorted(
        (
            (-n, k, bus_id)
            for k, (_, seq) in enumerate(trips)
            for bus_id, n in Counter(owner.get(model.points[i].id) for i in seq).items()
            if bus_id is not None
        ),
    )
    ids: dict[int, str] = {}
    taken: set[str] = set()
    for _, k, bus_id in shared:
        if k not in ids and bus_id not in taken:
            ids[k], taken = bus_id, taken | {bus_id}
    fresh = {
        k: ("B", digest([bus.id, *(model.points[i].id for i in seq)]))
        for k, (bus, seq) in enumerate(trips)
        if k not in ids
    }
    ids |= short_ids(fresh, length=_BUS_ID_DIGITS)
    return [ids[k] for k in range(len(trips))]


def _trips(
    model: BusModel, reachable: list[int], solution: Solution
) -> tuple[list[Trip], list[DroppedPoint]]:
    """The solution's routes driven forwards, and the points it left out."""
    points = model.points
    not_fitted = (
        "not fitted: no bus found room for them within the ride and duration caps "
        "in the time limit; raise solver.time_limit_seconds or add buses"
    )
    trips: list[Trip] = []
    dropped: list[DroppedPoint] = []
    for route in solution.routes:
        # Solver locations 2.. are the reachable points in order; reverse
        # the visits to drive them forwards.
        forward = [reachable[v - FIRST_POINT] for v in reversed(route.visits)]
        bus = model.fleet[route.vehicle_kind]
        # A search cut short may end on a route that breaks a rule: shed
        # its first pickups (the longest rides) until it keeps them all.
        while forward and not model.feasible(bus, forward):
            dropped.append(DroppedPoint(point=points[forward.pop(0)], reason=not_fitted))
        if forward:
            trips.append((bus, forward))
    buses_available = sum(bus.count for bus in model.fleet)
    reason = (
        "fleet exhausted: every bus is full or out of driver hours; "
        "add buses to [[fleet]] or move these workers to a later batch"
        if len(solution.routes) >= buses_available
        else not_fitted
    )
    dropped += [
        DroppedPoint(point=points[reachable[v - FIRST_POINT]], reason=reason)
        for v in solution.unvisited
    ]
    return trips, dropped


def _routes(model: BusModel, trips: list[Trip], departure: datetime) -> tuple[Route, ...]:
    """Domain routes, each named from its bus type and pickups, in order of first pickup."""
    points = model.points
    digests = {
        k: ("B", digest([bus.id, *(points[i].id for i in seq)]))
        for k, (bus, seq) in enumerate(trips)
    }
    ids = short_ids(digests, length=_BUS_ID_DIGITS)
    routes = [model.route(ids[k], trip, departure) for k, trip in enumerate(trips)]
    return tuple(sorted(routes, key=lambda r: (r.stops[0].location, r.bus_id)))
