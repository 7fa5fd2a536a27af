"""Between pickup points and solver indices: the reversed bus model, schedules
and feasibility.

Every rider gets off at the route's end, so a bus is modelled backwards: it
"starts" at the destination and "ends" at its depot, over the transposed
travel matrices.  Read that way, the ride time of the first rider (first
pickup to arrival) is just the arrival time at that pickup in the reversed
route plus its dwell, so the ride-time cap becomes a time window on every
pickup and the route-duration cap (driver hours, empty run from the depot
included) the vehicle's shift length.  Both are native to the solver.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import pairwise

import numpy as np

from ..domain import BusType, PickupPoint, Route, Site, Stop
from ..seating import SeatingPolicy, assign_seats, effective_capacity
from ..travel import TravelModel
from .params import BusRules
from .problem import Problem, VehicleKind

#: Money unit inside the solver: 1e-4 yuan, so costs per km with one decimal
#: are whole numbers per metre.
MONEY_SCALE = 10_000
DESTINATION, DEPOT, FIRST_POINT = 0, 1, 2

#: A bus type and the points it drives, as indices into the model's points.
Trip = tuple[BusType, list[int]]


@dataclass(frozen=True, slots=True)
class _Leg:
    metres: int
    seconds: int


@dataclass(frozen=True, slots=True, kw_only=True)
class DroppedPoint:
    """A pickup point no bus serves, and why, in words the desk can act on."""

    point: PickupPoint
    reason: str


class BusModel:
    """Index bookkeeping between pickup points and solver locations.

    Solver location 0 is the destination, 1 the depot, and pickup point
    ``i`` sits at ``2 + i``.
    """

    def __init__(
        self,
        points: Sequence[PickupPoint],
        *,
        depot: Site,
        destination: Site,
        fleet: Sequence[BusType],
        rules: BusRules,
        seating: SeatingPolicy,
        travel: TravelModel,
    ) -> None:
        self.points = points
        self.depot_id = depot.id
        self.locations = [destination.location, depot.location, *(p.location for p in points)]
        self.matrix = travel.matrix(self.locations)
        self.capacities = {bus.id: effective_capacity(bus, seating) for bus in fleet}
        self.fleet = fleet
        self.rules = rules
        self.seating = seating

    def leg(self, a: int, b: int) -> _Leg:
        """Travel between two solver locations."""
        return _Leg(int(self.matrix.metres[a, b]), int(self.matrix.seconds[a, b]))

    def split_unreachable(self) -> tuple[list[int], list[DroppedPoint]]:
        """Points a bus can serve alone within the caps, and those it cannot."""
        biggest = max((self.capacities[b.id] for b in self.fleet if b.count > 0), default=0)
        reachable, dropped = [], []
        for i, point in enumerate(self.points):
            reason = self._unreachable(i, point, biggest)
            if reason:
                dropped.append(DroppedPoint(point=point, reason=reason))
            else:
                reachable.append(i)
        return reachable, dropped

    def _unreachable(self, i: int, point: PickupPoint, biggest: int) -> str:
        """Why no bus can serve point ``i`` alone, or "" when one can."""
        r = self.rules
        loc = FIRST_POINT + i
        ride = r.stop_seconds + self.leg(loc, DESTINATION).seconds
        route = self.leg(DEPOT, loc).seconds + ride
        if biggest == 0:
            return "no buses in the fleet; add [[fleet]] entries with count > 0"
        if point.demand > biggest:
            return (
                f"stop too big: {point.demand} riders at one stop but the largest bus takes "
                f"{biggest}; add bigger buses or relax the seating policy"
            )
        if ride > r.max_ride_seconds:
            return (
                f"too far for a bus: the ride alone takes {ride / 3600:.1f} h, "
                f"over the {r.max_ride_minutes / 60:g} h cap; "
                "arrange self-return or raise rules.max_ride_minutes"
            )
        if route > r.max_route_seconds:
            return (
                f"too far from the depot: the round trip takes {route / 3600:.1f} h, "
                f"over the {r.max_route_minutes / 60:g} h driver-hours cap; "
                "raise rules.max_route_minutes (two drivers) or arrange self-return"
            )
        return ""

    def problem(self, reachable: list[int]) -> Problem:
        """The reversed routing problem over the reachable points."""
        r = self.rules
        index = [DESTINATION, DEPOT, *(FIRST_POINT + i for i in reachable)]
        # Transposed: the reversed route drives each leg the other way.
        distances = self.matrix.metres[np.ix_(index, index)].T.copy()
        durations = self.matrix.seconds[np.ix_(index, index)].T.copy()
        demand = np.array([0, 0, *(self.points[i].demand for i in reachable)], dtype=np.int64)
        service = np.array([0, 0, *([r.stop_seconds] * len(reachable))], dtype=np.int64)
        late = np.array(
            [
                r.max_route_seconds,
                r.max_route_seconds,
                *([r.max_ride_seconds - r.stop_seconds] * len(reachable)),
            ],
            dtype=np.int64,
        )
        kinds = tuple(self._vehicle_kind(bus) for bus in self.fleet)
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
            prize=demand * 2 * _dedicated_bus_cost(kinds, distances),
            coords=coords,
        )

    def _vehicle_kind(self, bus: BusType) -> VehicleKind:
        return VehicleKind(
            count=bus.count,
            capacity=self.capacities[bus.id],
            start_depot=DESTINATION,
            end_depot=DEPOT,
            fixed_cost=round(bus.fixed_cost * MONEY_SCALE),
            unit_distance_cost=round(bus.cost_per_km * MONEY_SCALE / 1000),
            max_duration=self.rules.max_route_seconds,
            name=bus.id,
        )

    def timeline(self, seq: Sequence[int]) -> tuple[list[int], int, int]:
        """Forward schedule: seconds after departure at each stop, at arrival, and metres."""
        path = [DEPOT, *(FIRST_POINT + i for i in seq), DESTINATION]
        arrivals, clock, metres = [], 0, 0
        for k, (a, b) in enumerate(pairwise(path)):
            leg = self.leg(a, b)
            clock += leg.seconds + (self.rules.stop_seconds if k > 0 else 0)
            metres += leg.metres
            arrivals.append(clock)
        return arrivals[:-1], arrivals[-1], metres

    def riders(self, seq: Sequence[int]) -> int:
        """Riders boarding along ``seq``."""
        return sum(self.points[i].demand for i in seq)

    def feasible(self, bus: BusType, seq: Sequence[int]) -> bool:
        """Whether ``bus`` can drive ``seq`` within capacity, ride and duration caps."""
        r = self.rules
        stops, arrive, _ = self.timeline(seq)
        return (
            self.riders(seq) <= self.capacities[bus.id]
            and arrive - stops[0] <= r.max_ride_seconds
            and arrive <= r.max_route_seconds
        )

    def cost(self, bus: BusType, seq: Sequence[int]) -> float:
        """Charter cost of ``bus`` driving ``seq``."""
        return bus.fixed_cost + bus.cost_per_km * self.timeline(seq)[2] / 1000

    def minimum(self, bus: BusType) -> int:
        """Fewest riders worth running ``bus``."""
        return self.rules.min_riders if bus.min_riders is None else bus.min_riders

    def route(self, bus_id: str, trip: Trip, departure: datetime) -> Route:
        """The domain route of a trip driven forwards, leaving the depot at ``departure``."""
        bus, seq = trip
        stops_s, arrive_s, metres = self.timeline(seq)
        stops = tuple(
            Stop(
                seq=k,
                point_id=self.points[i].id,
                location=self.points[i].location,
                arrive=departure + timedelta(seconds=t),
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
            depart=departure,
            stops=stops,
            end_location=self.locations[DESTINATION],
            end_arrive=departure + timedelta(seconds=arrive_s),
            distance_m=metres,
            cost=round(self.cost(bus, seq), 2),
            seat_map=assign_seats(riders, bus, self.seating),
        )


def _dedicated_bus_cost(kinds: Sequence[VehicleKind], distances: np.ndarray) -> int:
    """The cost of the dearest bus sent for the costliest point alone.

    Serving a point must always beat leaving it out: its prize per rider is
    worth more than this.
    """
    return max(
        k.fixed_cost + k.unit_distance_cost * int(distances[DESTINATION, v] + distances[v, DEPOT])
        for k in kinds
        for v in range(FIRST_POINT, len(distances))
    )
