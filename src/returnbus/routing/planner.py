"""Bus routes for a batch: pickup points in, domain `Route` objects out.

`RoutePlanner` is the routing stage's face: it builds the reversed bus model
(`model.py`), runs the search (`engine.py`), sheds what a search cut short
left infeasible, repairs buses under their minimum (`repair.py`) and names
each bus from its route.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from ..domain import BusType, PickupPoint, Route, Site
from ..ids import digest, short_ids
from ..seating import SeatingPolicy
from ..travel import TravelModel
from .engine import Clock, solve
from .model import FIRST_POINT, BusModel, DroppedPoint, Trip
from .params import BusRules, SolverSettings
from .problem import Solution
from .repair import enforce_min_riders

#: Hex digits of a bus id's digest.
_BUS_ID_DIGITS = 6


@dataclass(frozen=True, slots=True, kw_only=True)
class RoutingResult:
    """Routes and dropped points of one routing run."""

    routes: tuple[Route, ...]
    dropped: tuple[DroppedPoint, ...]
    solve_seconds: float


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

        Without a ``clock`` the search runs on its iteration budget alone.
        """
        model = self._model(points)
        reachable, dropped = model.split_unreachable()
        trips: list[Trip] = []
        seconds = 0.0
        if reachable:
            solution = solve(
                model.problem(reachable),
                time_limit=self.solver.time_limit_seconds,
                seed=self.solver.seed,
                iterations=self.solver.iterations,
                clock=clock,
            )
            seconds = solution.seconds
            trips, unserved = _trips(model, reachable, solution)
            dropped += unserved
        trips, small = enforce_min_riders(model, trips)
        dropped += small
        return RoutingResult(
            routes=_routes(model, trips, self.departure),
            dropped=tuple(dropped),
            solve_seconds=seconds,
        )


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
