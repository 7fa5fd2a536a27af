"""Bus routes for a batch: pickup points in, domain `Route` objects out.

`RoutePlanner` is the routing stage's face: it builds the reversed bus model
(`model.py`), runs the search (`engine.py`), sheds what a search cut short
left infeasible, repairs buses under their minimum (`repair.py`) and names
each bus from its route.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Literal

from ..domain import QUARANTINE_SITE, BusType, LatLon, PickupPoint, Route, Site
from ..ids import digest, short_ids
from ..seating import SeatingPolicy
from ..text import Text
from ..travel import TravelModel
from .engine import Clock, solve
from .model import FIRST_POINT, BusModel, DroppedPoint, Trip
from .params import BusRules, SolverSettings
from .problem import Solution
from .repair import cheapest_insertion, enforce_min_riders

_NO_ROOM_ON_THE_WAY = Text("dorm_broke_cap")

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
    """Plans buses leaving ``depot`` at ``departure`` or later, through the
    pickup points, to their riders' drop-off ``sites`` (each point's
    ``dropoffs`` name them; a point without drop-offs goes to ``destination``).

    ``zones`` groups the sites a bus may combine: each zone's points are
    routed on their own, in turn, from the fleet still free.
    """

    depot: Site
    destination: Site
    fleet: Sequence[BusType]
    departure: datetime
    rules: BusRules
    seating: SeatingPolicy
    solver: SolverSettings
    travel: TravelModel
    sites: Mapping[str, LatLon] = field(default_factory=dict)
    zones: Mapping[str, str] = field(default_factory=dict)

    def _model(
        self,
        points: Sequence[PickupPoint],
        *,
        fleet: Sequence[BusType] | None = None,
        zone: str | None = None,
    ) -> BusModel:
        # A zone's search ends at its sites' centre, but knows every site its
        # riders need (a keep-together group may work in two zones).
        needed = {s for p in points for s in p.dropoffs}
        own = {s: at for s, at in self.sites.items() if self.zones.get(s) == zone}
        sites = {s: at for s, at in self.sites.items() if zone is None or s in own or s in needed}
        return BusModel(
            points,
            depot=self.depot,
            destination=_proxy(zone, own or sites) if zone else self.destination,
            fleet=self.fleet if fleet is None else fleet,
            rules=self.rules,
            seating=self.seating,
            travel=self.travel,
            sites=sites,
        )

    def zone_of(self, point: PickupPoint) -> str:
        """The zone of a point's drop-offs ("" when it has none)."""
        return min((self.zones.get(s, "") for s in point.dropoffs), default="")

    def _same_kind(self, model: BusModel) -> Callable[[int, list[int]], bool]:
        """Whether a trip's points are of one kind (bound for quarantine or for work)."""
        kind = [self.zone_of(p)[:1] for p in model.points]

        def same(_: int, seq: list[int]) -> bool:
            return len({kind[j] for j in seq}) <= 1

        return same

    def reachable(
        self, points: Sequence[PickupPoint]
    ) -> tuple[list[PickupPoint], list[DroppedPoint]]:
        """Points a bus could serve on its own within the caps, and the others with why."""
        reachable, dropped = self._model(points).split_unreachable()
        return [points[i] for i in reachable], dropped

    def plan(self, points: Sequence[PickupPoint], *, clock: Clock | None = None) -> RoutingResult:
        """Buses for ``points``; what they cannot serve is dropped with the reason.

        Each zone is searched in turn, the busiest first, with the buses the
        zones before it left.  Then buses under their minimum move to a
        smaller bus or merge into any bus whose drop-offs stay within the
        rules, whatever its zone.  The search runs on its iteration budget;
        a ``clock`` adds the safety time limit.
        """
        by_zone: dict[str, list[PickupPoint]] = {}
        for point in points:
            by_zone.setdefault(self.zone_of(point), []).append(point)
        busiest = sorted(by_zone, key=lambda z: (-sum(p.demand for p in by_zone[z]), z))
        searches: list[_Search] = []
        fleet = tuple(self.fleet)
        for zone in busiest:
            search = self._search(by_zone[zone], zone, fleet, clock)
            fleet = _left(fleet, [bus.id for bus, _ in search.trips])
            searches.append(search)
        everywhere = self._model([p for search in searches for p in search.points])
        trips: list[Trip] = []
        offset = 0
        for search in searches:
            trips += [(bus, [offset + i for i in seq]) for bus, seq in search.trips]
            offset += len(search.points)
        # A point not fitted in its own zone, or too thin for a bus, may still
        # fit a bus of another zone, of the same kind (quarantine or work).
        released = {everywhere.points.index(d.point): d for s in searches for d in s.thin}
        same_kind = self._same_kind(everywhere)
        small = [
            released[i] for i in sorted(released) if not _insert(everywhere, trips, i, same_kind)
        ]
        ran = [s for s in searches if s.stopped_by != "none"]
        return RoutingResult(
            routes=_routes(everywhere, trips, self.departure),
            dropped=(*(d for s in searches for d in s.dropped), *small),
            solve_seconds=sum(s.seconds for s in searches),
            iterations=sum(s.iterations for s in searches),
            stopped_by="none"
            if not ran
            else ("time_limit" if any(s.stopped_by == "time_limit" for s in ran) else "iterations"),
        )

    def _search(
        self,
        points: Sequence[PickupPoint],
        zone: str,
        fleet: Sequence[BusType],
        clock: Clock | None,
    ) -> _Search:
        """One zone's search, its trips over ``points`` and what it left out."""
        model = self._model(points, fleet=fleet, zone=zone or None)
        reachable, dropped = model.split_unreachable()
        if not reachable:
            return _Search(points=points, trips=[], dropped=dropped)
        budget = self.solver.budget(len(reachable))
        solution = solve(
            model.problem(reachable),
            time_limit=self.solver.time_limit_seconds,
            seed=self.solver.seed,
            iterations=budget,
            clock=clock,
            workers=self.solver.workers,
        )
        trips, unserved = _trips(model, reachable, solution)
        trips, thin = enforce_min_riders(model, trips, self._same_kind(model))
        return _Search(
            points=points,
            trips=trips,
            dropped=dropped,
            thin=[*unserved, *thin],
            seconds=solution.seconds,
            iterations=solution.iterations,
            stopped_by="iterations" if solution.iterations >= budget else "time_limit",
        )

    def redrop(
        self, routes: Sequence[Route], site_of: Mapping[str, str]
    ) -> tuple[tuple[Route, ...], list[DroppedPoint]]:
        """Routes whose riders bound for quarantine got off at the stand-in,
        now taking them to their own dormitories (``site_of``): drop-offs and
        times settled again, the first pickups shed if a rule breaks, and a
        bus left under its minimum repaired as after a search."""
        moved = [r for r in routes if any(d.point_id == QUARANTINE_SITE for d in r.dropoffs)]
        if not moved:
            return tuple(routes), []
        kept = []
        for route in moved:
            alight = {w: d.point_id for d in route.dropoffs for w in d.worker_ids}
            points = tuple(
                PickupPoint(
                    id=stop.point_id,
                    location=stop.location,
                    worker_ids=stop.worker_ids,
                    dropoffs=tuple(site_of.get(w, alight[w]) for w in stop.worker_ids),
                )
                for stop in route.stops
            )
            boards = {stop.point_id: stop.arrive for stop in route.stops}
            kept.append(
                KeptBus(bus_id=route.bus_id, bus_type=route.bus_type, points=points, boards=boards)
            )
        unmoved = [r for r in routes if r not in moved]
        model = self._model(
            [p for bus in kept for p in bus.points],
            fleet=_left(self.fleet, [r.bus_type for r in unmoved]),
        )
        trips, off = _kept_trips(model, kept)
        shed = [DroppedPoint(point=model.points[i], reason=_NO_ROOM_ON_THE_WAY) for i in off]
        starts = [0]
        for bus in kept:
            starts.append(starts[-1] + len(bus.points))
        promised = {
            i
            for route, a, b in zip(moved, starts, starts[1:], strict=False)
            if route.under_minimum
            for i in range(a, b)
        }
        trips, thin = enforce_min_riders(
            model,
            trips,
            self._same_kind(model),
            keeps_running=lambda seq: bool(promised & set(seq)),
        )
        settled = self._settle(model, trips, kept)
        return tuple(sorted((*unmoved, *settled), key=_boarding_order)), [*shed, *thin]

    def _settle(self, model: BusModel, trips: list[Trip], kept: Sequence[KeptBus]) -> list[Route]:
        """Routes of trips over kept buses' points: each keeps the id of the
        bus it shares most points with, picks nobody up before the time
        announced, and is marked if it runs under its minimum."""
        announced = {p: t for bus in kept for p, t in bus.boards.items()}
        return [
            _marked(model, model.route(bus_id, trip, self._not_early(model, trip, announced)))
            for bus_id, trip in zip(_inherited_ids(model, trips, kept), trips, strict=True)
        ]

    def _not_early(
        self, model: BusModel, trip: Trip, announced: Mapping[str, datetime]
    ) -> datetime:
        """The earliest departure that picks nobody up before the time
        announced at their stop (riders will not be there earlier)."""
        _, seq = trip
        offsets = model.timeline(seq).pickups
        wanted = [
            announced[model.points[i].id] - timedelta(seconds=t)
            for i, t in zip(seq, offsets, strict=True)
            if model.points[i].id in announced
        ]
        return max([self.departure, *wanted])

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
        model = self._model([*carried, *new_points], fleet=fleet)
        trips, shed = _kept_trips(model, kept)
        _, unreachable = model.split_unreachable()
        far = {d.point.id for d in unreachable}
        loose = [*shed, *range(len(carried), len(model.points))]
        loose_ids = {model.points[i].id for i in loose}
        steady = _Steady(model, trips, max_shift_seconds)
        same_kind = self._same_kind(model)

        def allowed(t: int, seq: list[int]) -> bool:
            return same_kind(t, seq) and steady(t, seq)

        leftover = []
        for i in loose:
            if model.points[i].id not in far and not _insert(model, trips, i, allowed):
                leftover.append(model.points[i])
        # A bus its riders were promised keeps running for them, even if
        # drop-outs leave it under its minimum and no other bus can take them.
        trips, small = enforce_min_riders(
            model, trips, same_kind, keeps_running=lambda seq: min(seq) < len(carried)
        )
        routes = self._settle(model, trips, kept)
        fresh = replace(self, fleet=_left(fleet, [bus.id for bus, _ in trips])).plan(
            leftover, clock=clock
        )
        return RoutingResult(
            routes=tuple(
                sorted(
                    (*pinned, *routes, *fresh.routes),
                    key=_boarding_order,
                )
            ),
            dropped=(
                *(d for d in unreachable if d.point.id in loose_ids),
                *small,
                *fresh.dropped,
            ),
            solve_seconds=fresh.solve_seconds,
            iterations=fresh.iterations,
            stopped_by=fresh.stopped_by,
        )


@dataclass(slots=True, kw_only=True)
class _Search:
    """One zone's search: its points, the trips found over them (each meeting
    its bus's minimum), the points no bus can serve, and the points it did not
    fit (or too thin for a bus of their own), which another zone's bus may take."""

    points: Sequence[PickupPoint]
    trips: list[Trip]
    dropped: list[DroppedPoint]
    thin: list[DroppedPoint] = field(default_factory=list)
    seconds: float = 0.0
    iterations: int = 0
    stopped_by: SearchStop = "none"


@dataclass(frozen=True, slots=True, kw_only=True)
class KeptBus:
    """A bus of an earlier plan carried into a re-plan: its id, its bus type
    and the pickup points it still serves, in boarding order, with the times
    announced at them (``boards``, by point id)."""

    bus_id: str
    bus_type: str
    points: tuple[PickupPoint, ...]
    boards: Mapping[str, datetime] = field(default_factory=dict)


def _proxy(zone: str, sites: Mapping[str, LatLon]) -> Site:
    """Where a zone's buses are taken to end, for the search: the centre of its sites."""
    lat = sum(at.lat for at in sites.values()) / len(sites)
    lon = sum(at.lon for at in sites.values()) / len(sites)
    return Site(id=f"zone:{zone}", name=zone, location=LatLon(lat, lon))


def _left(fleet: Sequence[BusType], used: Sequence[str]) -> tuple[BusType, ...]:
    """The fleet less the buses of these types already taken."""
    taken = Counter(used)
    return tuple(replace(bus, count=max(0, bus.count - taken[bus.id])) for bus in fleet)


def _kept_trips(model: BusModel, kept: Sequence[KeptBus]) -> tuple[list[Trip], list[int]]:
    """Kept buses as trips over the model's first points, and the points shed
    (first pickups first) where a bus's points no longer keep every rule."""
    type_of = {bus.id: bus for bus in model.fleet}
    trips: list[Trip] = []
    shed: list[int] = []
    start = 0
    for bus in kept:
        seq = list(range(start, start + len(bus.points)))
        start += len(bus.points)
        # Serving fewer points a bus drives less, so this sheds only when the
        # rules, the riders' drop-offs or the stops themselves changed.
        while seq and not model.feasible(type_of[bus.bus_type], seq):
            shed.append(seq.pop(0))
        if seq:
            trips.append((type_of[bus.bus_type], seq))
    return trips, shed


class _Steady:
    """Whether a kept trip's riders keep their pickup times within a tolerance."""

    def __init__(self, model: BusModel, trips: list[Trip], tolerance: int | None) -> None:
        self._model = model
        self._tolerance = tolerance
        self._times = [dict(zip(seq, model.timeline(seq).pickups, strict=True)) for _, seq in trips]

    def __call__(self, trip: int, seq: list[int]) -> bool:
        if self._tolerance is None:
            return True
        times = self._times[trip]
        return all(
            abs(t - times[i]) <= self._tolerance
            for i, t in zip(seq, self._model.timeline(seq).pickups, strict=True)
            if i in times
        )


def _insert(
    model: BusModel, trips: list[Trip], i: int, allowed: Callable[[int, list[int]], bool]
) -> bool:
    """Put point ``i`` where it adds least cost within every cap (and where
    ``allowed``); False if nowhere."""
    found = cheapest_insertion(model, trips, i, allowed)
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
    not_fitted = Text("not_fitted")
    trips: list[Trip] = []
    dropped: list[DroppedPoint] = []
    for route in solution.routes:
        # Solver locations 2.. are the reachable points in order; reverse
        # the visits to drive them forwards.
        bus = model.fleet[route.vehicle_kind]
        forward = model.boarding_order(
            bus, [reachable[v - FIRST_POINT] for v in reversed(route.visits)]
        )
        # A search cut short may end on a route that breaks a rule: shed
        # its first pickups (the longest rides) until it keeps them all.
        while forward and not model.feasible(bus, forward):
            dropped.append(DroppedPoint(point=points[forward.pop(0)], reason=not_fitted))
        if forward:
            trips.append((bus, forward))
    buses_available = sum(bus.count for bus in model.fleet)
    reason = Text("fleet_exhausted") if len(solution.routes) >= buses_available else not_fitted
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
    return tuple(sorted(routes, key=_boarding_order))


def _marked(model: BusModel, route: Route) -> Route:
    """The route, marked if it runs under its bus's minimum."""
    bus = next(b for b in model.fleet if b.id == route.bus_type)
    return replace(route, under_minimum=route.riders < model.minimum(bus))


def _boarding_order(route: Route) -> tuple[LatLon, str]:
    """Routes listed by where they first board, then by id."""
    return (route.stops[0].location if route.stops else route.end_location, route.bus_id)
