"""Between pickup points and solver indices: schedules, the rules, and the
reversed problem handed to PyVRP.

A bus drives from its depot to its pickups, then to its riders' drop-off
sites (employers' gates, dormitories) in the district.  `BusModel` times a
trip exactly (`timeline`): legs from the travel matrix, the dwell at every
stop, the rests the driving rules add, the drop-offs in the order that
drives least; and says which rule a trip breaks (`broken`), if any:
capacity, one cohort per bus, the drop-off count, each rider's ride cap and
detour, driver hours and the receiving hours.  Every trip the planner keeps
passes through it.

For the search the bus is modelled backwards (`problem`): it "starts" at a
proxy of its drop-offs and "ends" at its depot, over the transposed
matrices.  Read that way, a rider's ride is the arrival time at their
pickup in the reversed route plus the drop-off leg, so each rider's ride
cap becomes a time window on their pickup and the route-duration cap the
vehicle's shift.  Those routes only propose trips: each is timed exactly
here before it is used.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import pairwise, permutations

import numpy as np

from ..domain import Break, BusType, LatLon, PickupPoint, Route, Site, Stop
from ..seating import SeatingPolicy, assign_seats, effective_capacity
from ..text import Text
from ..travel import TravelMatrix, TravelModel
from .clock import Hours, Plan, schedule
from .params import BusRules
from .problem import Problem, VehicleKind

#: Money unit inside the solver: 1e-4 yuan, so costs per km with one decimal
#: are whole numbers per metre.
MONEY_SCALE = 10_000
DESTINATION, DEPOT, FIRST_POINT = 0, 1, 2
#: Two routes whose charter costs differ by less than this cost the same.
_SAME_COST_YUAN = 1.0
#: Drop-off orders tried in full up to this many sites; more are ordered nearest-first.
_EXACT_ORDER = 5
#: Drop-off orders timed, shortest first, before a trip is judged broken:
#: every order of three sites (the default most a bus may visit).
_ORDERS_TIMED = 6
#: Schedules kept for reuse; a search asks about the same trip many times.
_CACHED_TIMELINES = 50_000

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


@dataclass(frozen=True, slots=True)
class Timeline:
    """A trip's timetable, in seconds after local midnight of the batch's day.

    ``pickups`` are the arrivals at each pickup; ``dropoffs`` the drop-off
    sites in order with their arrivals; ``end`` the arrival at the last;
    ``clock`` the whole timetable (departure, rests, relays, layover,
    drivers, duty, and the rule no timetable could keep, if any).
    """

    clock: Plan
    order: tuple[str, ...]
    metres: int

    @property
    def pickups(self) -> tuple[int, ...]:
        """Arrivals at the pickups, in boarding order."""
        return self.clock.pickups

    @property
    def dropoffs(self) -> list[tuple[str, int]]:
        """Drop-off sites in order, with their arrivals."""
        return list(zip(self.order, self.clock.arrivals, strict=False))

    @property
    def end(self) -> int:
        """Arrival at the last drop-off (or the destination)."""
        return self.clock.end

    @property
    def depart(self) -> int:
        """Departure from the depot."""
        return self.clock.depart

    @property
    def driving(self) -> int:
        """Seconds at the wheel."""
        return self.clock.driving


@dataclass(frozen=True, slots=True)
class Layout:
    """Where each place sits in a travel matrix: the destination (0), the
    depot (1), each distinct pickup location, then the drop-off sites.
    ``at[i]`` is the row of point ``i``; points at one place share it."""

    locations: tuple[LatLon, ...]
    at: tuple[int, ...]
    site_index: Mapping[str, int]

    @classmethod
    def of(
        cls,
        points: Sequence[PickupPoint],
        *,
        depot: LatLon,
        destination: LatLon,
        sites: Mapping[str, LatLon],
    ) -> Layout:
        """The layout of these points and sites."""
        locations = [destination, depot]
        row: dict[LatLon, int] = {}
        at = []
        for point in points:
            if point.location not in row:
                row[point.location] = len(locations)
                locations.append(point.location)
            at.append(row[point.location])
        site_index = {}
        for site, where in sites.items():
            site_index[site] = len(locations)
            locations.append(where)
        return cls(locations=tuple(locations), at=tuple(at), site_index=site_index)


class BusModel:
    """Exact schedules and rules for trips over ``points``, and the index
    bookkeeping between them and solver locations (see `Layout`).

    ``bound`` are the riders bound for quarantine: unless the rules mix
    cohorts, a bus carries riders bound there or riders going to work, never
    both.  ``matrix`` is the travel matrix of the layout, when the caller
    has it already (one matrix serves a whole plan); otherwise ``travel``
    builds it.  ``departure`` is the batch's: no bus leaves before it, and
    timetables count seconds from its local midnight.
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
        travel: TravelModel | None = None,
        sites: Mapping[str, LatLon] | None = None,
        matrix: TravelMatrix | None = None,
        bound: Collection[str] = frozenset(),
        departure: datetime | None = None,
    ) -> None:
        self.points = points
        self.depot_id = depot.id
        self.destination_id = destination.id
        self.sites = dict(sites or {})
        self.layout = Layout.of(
            points, depot=depot.location, destination=destination.location, sites=self.sites
        )
        self.site_index = self.layout.site_index
        self.locations = list(self.layout.locations)
        if matrix is None:
            if travel is None:
                raise ValueError("give the travel matrix or a travel model to build it")
            matrix = travel.matrix(self.locations)
        self.matrix = matrix
        self._metres = matrix.metres
        self._seconds = matrix.seconds
        self.capacities = {bus.id: effective_capacity(bus, seating) for bus in fleet}
        self.fleet = fleet
        self.rules = rules
        self.seating = seating
        self.at = self.layout.at
        separate = rules.quarantine_cohorts != "mixed"
        self.kind = [separate and any(w in bound for w in p.worker_ids) for p in points]
        self._separate = separate
        self.demand = [p.demand for p in points]
        self._sites_of = [frozenset(s for s in p.dropoffs if s in self.site_index) for p in points]
        self.direct = [self._direct(i, p) for i, p in enumerate(points)]
        #: Each point's distance to the destination: who boards first.
        self.home_metres = [int(matrix.metres[row, DESTINATION]) for row in self.at]
        self.ride_caps = [
            tuple(rules.ride_cap_seconds(d) for d in self.direct[i]) for i in range(len(points))
        ]
        #: Each point's tightest ride cap per drop-off site of its riders: a
        #: trip keeps every cap at the point when it keeps these.
        self._caps_by_site = [
            _tightest_by_site(p, caps) for p, caps in zip(points, self.ride_caps, strict=True)
        ]
        self._orders: dict[tuple[int, frozenset[str]], list[list[str]]] = {}
        self._timelines: dict[tuple[tuple[int, ...], int, int], Timeline] = {}
        self.hours = Hours.of(rules)
        start = departure or datetime(2020, 1, 1).astimezone()
        self.day0 = start.replace(hour=0, minute=0, second=0, microsecond=0)
        self.not_before = self.seconds_of(start)

    def seconds_of(self, moment: datetime) -> int:
        """``moment`` as seconds after the batch day's local midnight (rounded up)."""
        return math.ceil((moment - self.day0).total_seconds())

    def moment(self, seconds: int) -> datetime:
        """Seconds after the batch day's local midnight as a moment."""
        return self.day0 + timedelta(seconds=seconds)

    def _direct(self, i: int, point: PickupPoint) -> tuple[int, ...]:
        """Each rider's direct trip: the drive from the point to their own drop-off."""
        here = self.at[i]
        return tuple(
            int(self._seconds[here, self.site_index.get(point.dropoff_of(w), DESTINATION)])
            for w in point.worker_ids
        )

    def leg(self, a: int, b: int) -> _Leg:
        """Travel between two solver locations."""
        return _Leg(int(self._metres[a, b]), int(self._seconds[a, b]))

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
        if biggest == 0:
            # No bus is free (other batches of the ledger may hold them all):
            # what no bus of the fleet could do comes first, since more
            # buses would not carry these riders.
            largest = max(self.capacities.values(), default=0)
            why = self._unreachable(i, point, largest) if largest else ""
            return why or Text("no_fleet")
        if point.demand > biggest:
            return Text("stop_too_big", riders=point.demand, most=biggest)
        if len(self._sites_of[i]) > r.max_dropoffs:
            return Text("stop_too_many_dropoffs", sites=len(self._sites_of[i]), most=r.max_dropoffs)
        alone = self.timeline([i])
        if alone.clock.broken == "hours":
            return Text(
                "outside_hours",
                opens=r.arrive_from,
                closes=r.arrive_until,
                pickup_from=r.pickup_from,
                pickup_until=r.pickup_until,
            )
        ride = max(self.rides([i], alone).values())
        if ride > r.max_ride_seconds:
            return Text("too_far", hours=ride / 3600, cap=r.max_ride_minutes / 60)
        if alone.clock.broken == "duration":
            return self._over_a_duty(alone.clock)
        # The detour rule may bind before the ride cap: a short direct trip
        # leaves too little room for the dwell and the rests of the ride alone.
        rides = self.rides([i], alone)
        for w, direct, cap in zip(point.worker_ids, self.direct[i], self.ride_caps[i], strict=True):
            if rides[w] > cap:
                return Text(
                    "too_far_detour",
                    minutes=rides[w] / 60,
                    cap=cap / 60,
                    factor=r.max_detour_factor,
                    direct=direct / 60,
                    extra=r.max_detour_minutes,
                )
        return ""

    def _over_a_duty(self, clock: Plan) -> Text:
        """Why a bus serving a point alone on ``clock`` is over the duty cap,
        in the part of the route that is: the loaded run, which no night's
        rest shortens; else the empty run from the depot, which a night's
        rest at the first pickup would split off; else the two as one duty."""
        cap = self.rules.max_route_minutes / 60
        loaded = clock.end - clock.pickups[0]
        if loaded > self.hours.duty:
            return Text("loaded_run_over_duty", hours=loaded / 3600, cap=cap)
        arrive = clock.pickups[0] if clock.layover is None else clock.layover[0]
        if arrive - clock.depart > self.hours.duty:
            empty = (arrive - clock.depart) / 3600
            return Text("too_far_from_depot_empty", hours=empty, cap=cap)
        return Text("too_far_from_depot", hours=(clock.end - clock.depart) / 3600, cap=cap)

    def problem(self, reachable: Sequence[int]) -> Problem:
        """The reversed routing problem over the reachable points.

        Durations carry the rests a driver takes, and each pickup's window
        is its riders' tightest ride cap less room for the drive from the
        proxy to the farthest drop-off, so that the routes returned rarely
        break a cap once timed exactly.
        """
        r = self.rules
        index = [DESTINATION, DEPOT, *(self.at[i] for i in reachable)]
        # Transposed: the reversed route drives each leg the other way.
        distances = self._metres[np.ix_(index, index)].T.copy()
        rests = 1 + r.break_seconds / r.max_continuous_seconds
        durations = np.ceil(self._seconds[np.ix_(index, index)].T * rests).astype(np.int64)
        demand = np.array([0, 0, *(self.demand[i] for i in reachable)], dtype=np.int64)
        service = np.array([0, 0, *([r.stop_seconds] * len(reachable))], dtype=np.int64)
        # A site beyond a duty from the proxy leaves no time: no window may close before it opens.
        margin = min(self._dropoff_margin(), r.max_route_seconds)
        late = np.array(
            [
                r.max_route_seconds - margin,
                r.max_route_seconds - margin,
                *(max(0, min(self.ride_caps[i]) - r.stop_seconds - margin) for i in reachable),
            ],
            dtype=np.int64,
        )
        kinds = tuple(self._vehicle_kind(bus, margin) for bus in self.fleet)
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

    def _dropoff_margin(self) -> int:
        """Seconds from the proxy to the farthest drop-off, with the dwells between."""
        if not self.sites:
            return 0
        far = max(self.leg(DESTINATION, k).seconds for k in self.site_index.values())
        stops = min(len(self.sites), self.rules.max_dropoffs) - 1
        return far + stops * self.rules.stop_seconds

    def _vehicle_kind(self, bus: BusType, margin: int) -> VehicleKind:
        return VehicleKind(
            count=bus.count,
            capacity=self.capacities[bus.id],
            start_depot=DESTINATION,
            end_depot=DEPOT,
            fixed_cost=round(bus.fixed_cost * MONEY_SCALE),
            unit_distance_cost=round(bus.cost_per_km * MONEY_SCALE / 1000),
            max_duration=self.rules.max_route_seconds - margin,
            name=bus.id,
        )

    def sites_of(self, seq: Sequence[int]) -> frozenset[str]:
        """The drop-off sites of the riders boarding along ``seq``."""
        return frozenset().union(*(self._sites_of[i] for i in seq))

    def joins(self, trip: Sequence[int], j: int) -> str:
        """What keeps point ``j`` off ``trip`` whatever the order ("" when
        nothing yet: the schedule decides): ``capacity`` of the largest bus,
        ``cohort`` or ``dropoffs``."""
        largest = max(self.capacities.values(), default=0)
        if self.riders(trip) + self.demand[j] > largest:
            return "capacity"
        if self._separate and any(self.kind[i] != self.kind[j] for i in trip[:1]):
            return "cohort"
        if len(self.sites_of(trip) | self._sites_of[j]) > self.rules.max_dropoffs:
            return "dropoffs"
        return ""

    def dropoff_orders(self, seq: Sequence[int]) -> list[list[str]]:
        """Orders of the trip's drop-off sites to try, the one that drives
        least from its last pickup first (at most `_ORDERS_TIMED`)."""
        key = (self.at[seq[-1]], self.sites_of(seq))
        orders = self._orders.get(key)
        if orders is None:
            orders = self._orders[key] = self._by_length(*key)
        return orders

    def _by_length(self, start: int, sites: frozenset[str]) -> list[list[str]]:
        wanted = sorted(sites)
        if not wanted:
            return [[]]

        def metres(order: tuple[str, ...]) -> tuple[int, tuple[str, ...]]:
            path = [start, *(self.site_index[s] for s in order)]
            return sum(int(self._metres[a, b]) for a, b in pairwise(path)), order

        if len(wanted) <= _EXACT_ORDER:
            shortest = sorted(map(metres, permutations(wanted)))[:_ORDERS_TIMED]
            return [list(order) for _, order in shortest]
        nearest_first: list[str] = []
        here = start
        while wanted:
            nearest = min(wanted, key=lambda s: (int(self._metres[here, self.site_index[s]]), s))
            nearest_first.append(nearest)
            wanted.remove(nearest)
            here = self.site_index[nearest]
        return [nearest_first]

    def timeline(
        self, seq: Sequence[int], *, not_before: int | None = None, first_not_before: int = 0
    ) -> Timeline:
        """The trip's earliest timetable: leaving no earlier than ``not_before``
        (the batch's departure by default), picking up first no earlier than
        ``first_not_before``, with drop-offs in the order that drives least
        among those that keep every rule (or the destination when no rider
        has a drop-off yet): a far rider may have to alight first although
        another order drives less."""
        start = self.not_before if not_before is None else not_before
        key = (tuple(seq), start, first_not_before)
        found = self._timelines.get(key)
        if found is None:
            if len(self._timelines) >= _CACHED_TIMELINES:
                self._timelines.clear()
            found = self._timelines[key] = self._timeline(key[0], start, first_not_before)
        return found

    def _timeline(self, seq: tuple[int, ...], not_before: int, first_not_before: int) -> Timeline:
        orders = self.dropoff_orders(seq) if seq else [[]]
        shortest = self._timed(seq, orders[0], not_before, first_not_before)
        if len(orders) == 1 or shortest.clock.broken or not self._breaks_a_cap(seq, shortest):
            return shortest
        # Only a ride cap is broken: another order may let the far riders off first.
        for order in self._orders_in_reach(seq):
            if order == orders[0]:
                continue
            timed = self._timed(seq, order, not_before, first_not_before)
            if not timed.clock.broken and not self._breaks_a_cap(seq, timed):
                return timed
        return shortest

    def _timed(
        self, seq: Sequence[int], order: Sequence[str], not_before: int, first_not_before: int
    ) -> Timeline:
        ends = [self.site_index[s] for s in order] or [DESTINATION]
        path = [*(self.at[i] for i in seq), *ends]
        metres, seconds = self._metres, self._seconds
        legs = [(metres.item(a, b), seconds.item(a, b)) for a, b in pairwise(path)]
        out = (metres.item(DEPOT, path[0]), seconds.item(DEPOT, path[0]))
        clock = schedule(
            self.hours,
            out[1],
            [s for _, s in legs],
            pickups=len(seq),
            not_before=not_before,
            first_not_before=first_not_before,
            drivers=2 if self._two_drivers_by_distance(out, legs) else 1,
        )
        return Timeline(
            clock=clock,
            order=tuple(order),
            metres=out[0] + sum(m for m, _ in legs),
        )

    def _two_drivers_by_distance(
        self, out: tuple[int, int], legs: Sequence[tuple[int, int]]
    ) -> bool:
        """Whether the empty or the loaded run is over the one-way distance one
        driver may take (longer when mostly on expressway-length legs)."""
        r = self.rules
        for run in ([out], legs):
            total = sum(m for m, _ in run)
            long = sum(m for m, _ in run if m >= r.expressway_leg_km * 1000)
            limit = r.two_drivers_km_expressway if 2 * long >= total else r.two_drivers_km
            if total > limit * 1000:
                return True
        return False

    def rides(self, seq: Sequence[int], plan: Timeline) -> dict[str, int]:
        """Each rider's ride in seconds: boarding to their own drop-off."""
        alight = dict(plan.dropoffs)
        return {
            w: alight.get(self.points[i].dropoff_of(w), plan.end) - boarded
            for i, boarded in zip(seq, plan.pickups, strict=True)
            for w in self.points[i].worker_ids
        }

    def detour_seconds(self, seq: Sequence[int]) -> int:
        """Riding beyond their direct trips, summed over the trip's riders."""
        plan = self.timeline(seq)
        alight = dict(plan.dropoffs)
        total = 0
        for i, boarded in zip(seq, plan.pickups, strict=True):
            point = self.points[i]
            for w, direct in zip(point.worker_ids, self.direct[i], strict=True):
                total += alight.get(point.dropoff_of(w), plan.end) - boarded - direct
        return total

    def riders(self, seq: Sequence[int]) -> int:
        """Riders boarding along ``seq``."""
        return sum(self.demand[i] for i in seq)

    def feasible(self, bus: BusType, seq: Sequence[int]) -> bool:
        """Whether ``bus`` can drive ``seq`` within every rule (see `broken`)."""
        return not self.broken(bus, seq)

    def broken(self, bus: BusType, seq: Sequence[int]) -> str:
        """The first rule ``bus`` driving ``seq`` breaks, or "" when it keeps them
        all: ``capacity``, ``cohort``, ``dropoffs`` (more sites than one bus may
        visit), ``ride`` (a rider's ride cap or detour), ``duration`` (driver
        hours) or ``hours`` (no departure brings every drop-off into the
        receiving or pickup hours with the rules of night driving)."""
        if self.riders(seq) > self.capacities[bus.id]:
            return "capacity"
        return self.broken_route(seq)

    def broken_route(self, seq: Sequence[int], *, first: int = 0) -> str:
        """As `broken`, for any bus big enough, picking up first no earlier
        than ``first`` (seconds of the batch's day; 0: its earliest timetable)."""
        r = self.rules
        if self._separate and len({self.kind[i] for i in seq}) > 1:
            return "cohort"
        if len(self.sites_of(seq)) > r.max_dropoffs:
            return "dropoffs"
        if not self._orders_in_reach(seq):
            return "ride"
        plan = self.timeline(seq, first_not_before=first)
        if plan.clock.broken:
            return plan.clock.broken
        return "ride" if self._breaks_a_cap(seq, plan) else ""

    def _breaks_a_cap(self, seq: Sequence[int], plan: Timeline) -> bool:
        """Whether a rider of ``seq`` rides longer than their cap on ``plan``."""
        alight = dict(plan.dropoffs)
        return any(
            alight.get(site, plan.end) - boarded > cap
            for i, boarded in zip(seq, plan.pickups, strict=True)
            for site, cap in self._caps_by_site[i]
        )

    def _orders_in_reach(self, seq: Sequence[int]) -> list[list[str]]:
        """The drop-off orders of ``seq`` in which no ride is over its cap on
        the drive and the dwells alone, before any rest (a cheap test before
        the clock is consulted)."""
        seconds, dwell = self._seconds, self.rules.stop_seconds
        boarded = [0]
        for a, b in pairwise(self.at[i] for i in seq):
            leg = seconds.item(a, b)
            boarded.append(boarded[-1] + leg + (dwell if leg else 0))
        # The latest each drop-off site may be reached, by its tightest rider.
        deadline: dict[str, int] = {}
        for i, at in zip(seq, boarded, strict=True):
            for site, cap in self._caps_by_site[i]:
                deadline[site] = min(at + cap, deadline.get(site, at + cap))
        kept = []
        for order in self.dropoff_orders(seq):
            here, reach = self.at[seq[-1]], boarded[-1]
            for site in order:
                there = self.site_index[site]
                leg = seconds.item(here, there)
                reach += leg + (dwell if leg else 0)
                if reach > deadline.get(site, reach):
                    break
                here = there
            else:
                kept.append(order)
        return kept

    def boarding_order(self, bus: BusType, seq: list[int]) -> list[int]:
        """``seq`` or the same pickups in reverse: the one that keeps the
        rules, and of two that do and cost the same (to the yuan), the one
        with less riding in all, so that the farthest pickups board first."""
        backward = seq[::-1]
        if len(seq) < 2 or not self.feasible(bus, backward):
            return seq
        if not self.feasible(bus, seq):
            return backward
        if abs(self.cost(bus, backward) - self.cost(bus, seq)) >= _SAME_COST_YUAN:
            return seq if self.cost(bus, seq) < self.cost(bus, backward) else backward
        return backward if self.detour_seconds(backward) < self.detour_seconds(seq) else seq

    def cost(self, bus: BusType, seq: Sequence[int]) -> float:
        """Charter cost of ``bus`` driving ``seq``, a second driver included."""
        return self._cost(bus, self.timeline(seq))

    def _cost(self, bus: BusType, plan: Timeline) -> float:
        second = bus.second_driver_cost if plan.clock.drivers == 2 else 0.0
        return bus.fixed_cost + bus.cost_per_km * plan.metres / 1000 + second

    def objective(self, bus: BusType, seq: Sequence[int]) -> float:
        """What a trip costs the plan: its charter, and its riders' time
        beyond their direct trips."""
        hours = self.detour_seconds(seq) / 3600
        return self.cost(bus, seq) + self.rules.detour_cost_per_hour * hours

    def long_and_thin(self, seq: Sequence[int]) -> bool:
        """Whether a trip drives the long-haul distance for fewer riders than
        the long-haul minimum."""
        r = self.rules
        return self.timeline(seq).metres >= r.long_haul_km * 1000 and (
            self.riders(seq) < r.min_riders_long_haul
        )

    def minimum(self, bus: BusType) -> int:
        """Fewest riders worth running ``bus``."""
        return self.rules.minimum(bus.min_riders, self.capacities[bus.id])

    def route(
        self,
        bus_id: str,
        trip: Trip,
        earliest: datetime | None = None,
        *,
        first: int = 0,
        order: Sequence[str] = (),
    ) -> Route:
        """The domain route of a trip on its earliest timetable: leaving no
        earlier than ``earliest`` (the batch's departure by default) and
        picking up first no earlier than ``first`` (seconds of the batch's day).
        ``order``: the drop-off sites a kept bus drove to, in their order;
        when the trip goes to no other site, it keeps that order (of those
        it still goes to) as long as it keeps every rule (`_kept_order`)."""
        bus, seq = trip
        start = None if earliest is None else max(self.not_before, self.seconds_of(earliest))
        plan = self.timeline(seq, not_before=start, first_not_before=first)
        plan = self._kept_order(
            seq, plan, order, self.not_before if start is None else start, first
        )
        at = self.moment
        stops = tuple(
            Stop(
                seq=k,
                point_id=self.points[i].id,
                location=self.points[i].location,
                arrive=at(t),
                worker_ids=self.points[i].worker_ids,
            )
            for k, (i, t) in enumerate(zip(seq, plan.pickups, strict=True), start=1)
        )
        alighting = self._alighting(seq)
        dropoffs = tuple(
            Stop(
                seq=len(stops) + k,
                point_id=site,
                location=self.sites[site],
                arrive=at(t),
                worker_ids=alighting[site],
                kind="dropoff",
            )
            for k, (site, t) in enumerate(plan.dropoffs, start=1)
        )
        riders = [w for stop in stops for w in stop.worker_ids]
        clock = plan.clock
        return Route(
            bus_id=bus_id,
            bus_type=bus.id,
            seats=bus.seats,
            capacity_effective=self.capacities[bus.id],
            depot_id=self.depot_id,
            depart=at(clock.depart),
            stops=stops,
            end_location=self.locations[
                self.site_index[plan.dropoffs[-1][0]] if plan.dropoffs else DESTINATION
            ],
            end_arrive=at(plan.end),
            distance_m=plan.metres,
            cost=round(self._cost(bus, plan), 2),
            seat_map=assign_seats(riders, bus, self.seating),
            dropoffs=dropoffs,
            breaks=tuple(Break(start=at(t), seconds=s) for t, s in clock.rests),
            drivers=clock.drivers,
            driving_seconds=plan.driving,
            direct=tuple(
                pair
                for i in seq
                for pair in zip(self.points[i].worker_ids, self.direct[i], strict=True)
            ),
            layover=None
            if clock.layover is None
            else Break(start=at(clock.layover[0]), seconds=clock.layover[1]),
            relays=tuple(at(t) for t in clock.relays),
        )

    def _kept_order(
        self, seq: Sequence[int], plan: Timeline, order: Sequence[str], not_before: int, first: int
    ) -> Timeline:
        """``plan``, or the same trip dropping off in the kept bus's ``order``
        (of the sites it still goes to) when it goes to no other and that
        order keeps every rule.
        The earliest timetable tries the shortest order from the earliest
        start, and a plan may have taken a longer one that kept the caps only
        by starting later; timed from its announced first pickup, the shorter
        one may keep them: a re-plan keeps the order the desk announced, so
        that a bus with nothing changed arrives as it was told."""
        sites = self.sites_of(seq)
        # Sites no rider of the trip goes to any more (drop-outs) are passed by.
        kept = [s for s in order if s in sites]
        if set(kept) != sites or tuple(kept) == plan.order:
            return plan
        timed = self._timed(seq, kept, not_before, first)
        # The pickups stay as timed (`_first_pickup` checked nobody is early).
        if timed.pickups != plan.pickups or timed.clock.broken or self._breaks_a_cap(seq, timed):
            return plan
        return timed

    def _alighting(self, seq: Sequence[int]) -> dict[str, tuple[str, ...]]:
        """Riders per drop-off site, in boarding order."""
        alighting: dict[str, list[str]] = {}
        for i in seq:
            for w in self.points[i].worker_ids:
                alighting.setdefault(self.points[i].dropoff_of(w), []).append(w)
        return {site: tuple(ws) for site, ws in alighting.items()}


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


def _tightest_by_site(point: PickupPoint, caps: Sequence[int]) -> tuple[tuple[str, int], ...]:
    """The smallest of ``caps`` (one per rider of ``point``) per drop-off site."""
    tightest: dict[str, int] = {}
    for w, cap in zip(point.worker_ids, caps, strict=True):
        site = point.dropoff_of(w)
        tightest[site] = min(cap, tightest.get(site, cap))
    return tuple(tightest.items())
