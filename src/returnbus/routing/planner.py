"""Bus routes for a batch: pickups in, domain `Route` objects out.

`RoutePlanner` is the routing stage's face.  One search covers the whole
batch:

1. every pickup (a point's riders bound for one drop-off site, in one
   cohort) is timed alone: what no bus could carry alone is too far;
2. the batch is cut into sectors by bearing (`sectors.py`), and each
   sector's candidate trips are generated (`trips.py`), on the executor
   the caller passes in;
3. the master (`master.py`) chooses which trips run on which buses:
   most riders first, then least cost, the fleet shared by all;
4. in a few rounds, the riders left behind are offered every place in the
   chosen buses and the fullest trips through them, and the master
   chooses again where the new trips reach;
5. the buses are emptied into each other where that costs less, board
   each place at one stop, and take the types that cost least in all
   within the fleet's counts;
6. who is still left gets a reason that is true of the final plan
   (`reasons.py`), and each bus its id from its route.

Every trip is timed exactly (`model.py`) before it is a candidate, so the
drop-off count, cohorts, minimum riders, ride caps and detours, receiving
hours and driver rules are properties of a trip and never relaxed.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Literal

import numpy as np
from ortools.graph.python import min_cost_flow

from ..domain import BusType, LatLon, PickupPoint, Route, Site, bed_dates
from ..ids import digest, short_ids
from ..progress import UNWATCHED, Progress
from ..seating import SeatingPolicy, effective_capacity
from ..text import renamed
from ..travel import TravelModel, great_circle_km
from .engine import Clock
from .master import Column, Prices, choose
from .model import BusModel, DroppedPoint, Layout, Trip
from .params import DISTRICT_ITERATIONS, BusRules, SolverSettings
from .reasons import district_headline, said_of_fleet, wants_a_bus, why_left
from .repair import cheapest_insertion, enforce_min_riders, merged_into
from .sectors import by_bearing, sectors, sub_matrix
from .trips import SectorTask, SectorTrips, generate, neighbours, widest

#: Hex digits of a bus id's digest.
_BUS_ID_DIGITS = 6
#: Pickups above which a batch is searched region by region.
REGION_POINTS = 3_000
#: Trips through a rider left behind, kept per round.
_WIDEST = 6
#: Pickups a trip through a rider left behind may take, nearest first.
_POOL = 20
#: Trips grown from what an exchange leaves of a chosen trip, kept per size.
_GROWN = 2
#: Riders left behind each round works on, at most.
_LEFT_PER_ROUND = 40
#: Chosen trips a rider left behind is offered, nearest first.
_NEAREST_TRIPS = 12

SearchStop = Literal["iterations", "time_limit", "none"]


@dataclass(frozen=True, slots=True, kw_only=True)
class RoutingResult:
    """Routes and dropped points of one routing run, and how the search ended.

    ``stopped_by`` is ``iterations`` (every budget ran out: repeatable),
    ``time_limit`` (the safety stop came first: another run may differ) or
    ``none`` (nothing to search).
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
    ``dropoffs`` name them; a point without drop-offs goes to
    ``destination``).  ``bound`` are the riders bound for quarantine, who
    ride apart unless the rules mix cohorts."""

    depot: Site
    destination: Site
    fleet: Sequence[BusType]
    departure: datetime
    rules: BusRules
    seating: SeatingPolicy
    solver: SolverSettings
    travel: TravelModel
    sites: Mapping[str, LatLon] = field(default_factory=dict)
    bound: frozenset[str] = frozenset()

    def model(
        self, points: Sequence[PickupPoint], *, fleet: Sequence[BusType] | None = None
    ) -> BusModel:
        """The exact model of trips over ``points``, with one travel matrix."""
        return BusModel(
            points,
            depot=self.depot,
            destination=self.destination,
            fleet=self.fleet if fleet is None else fleet,
            rules=self.rules,
            seating=self.seating,
            travel=self.travel,
            sites=self.sites,
            bound=self.bound,
            departure=self.departure,
        )

    def reachable(
        self, points: Sequence[PickupPoint]
    ) -> tuple[list[PickupPoint], list[DroppedPoint]]:
        """Points a bus could serve on its own within the caps, and the others
        with why (judged a region at a time: each point is judged alone)."""
        found: list[PickupPoint] = []
        dropped: list[DroppedPoint] = []
        for start in range(0, len(points), REGION_POINTS):
            part = points[start : start + REGION_POINTS]
            reachable, far = self.model(part).split_unreachable()
            found += [part[i] for i in reachable]
            dropped += far
        return found, dropped

    def plan(
        self,
        points: Sequence[PickupPoint],
        *,
        clock: Clock | None = None,
        executor: Executor | None = None,
        progress: Progress = UNWATCHED,
    ) -> RoutingResult:
        """Buses for ``points``; who they cannot carry is dropped with the reason.

        The search runs on its budgets (`SolverSettings`); a ``clock`` adds
        the safety time limit.  Sectors run on ``executor`` when given: the
        plan is the same wherever they run.  ``progress`` counts the regions
        of a district as they are done.
        """
        if not points:
            return RoutingResult(routes=(), dropped=(), solve_seconds=0.0)
        if len(points) <= REGION_POINTS:
            return _shortened(self._plan_whole(points, clock, executor))
        return _shortened(self._by_region(points, clock, executor, progress))

    def _plan_whole(
        self,
        points: Sequence[PickupPoint],
        clock: Clock | None,
        executor: Executor | None,
        *,
        eject: bool = True,
    ) -> RoutingResult:
        """One search over every point; buses named by their whole digests."""
        model = self.model(points)
        search = _Search(self, model, clock, eject=eject)
        trips, dropped = search.run(executor)
        return RoutingResult(
            routes=_routes(model, trips),
            dropped=tuple(dropped),
            solve_seconds=search.seconds(),
            iterations=search.iterations,
            stopped_by=search.stopped_by,
        )

    def _by_region(
        self,
        points: Sequence[PickupPoint],
        clock: Clock | None,
        executor: Executor | None,
        progress: Progress,
    ) -> RoutingResult:
        """A district's points in regions by bearing whose buses could never
        usefully mix, each searched on its own (in parallel on ``executor``).
        Each region may use the whole fleet; only if their plans together
        use more buses of a type than there are, the fleet is shared by what
        each region used, and the regions over their share plan again.
        Last, each region's buses are emptied where a pickup may take
        another's seat (`_polished`)."""
        regions = by_bearing(
            [p.location for p in points],
            range(len(points)),
            self.destination.location,
            size=REGION_POINTS,
        )
        started = clock() if clock is not None else 0.0
        solver = self.solver
        if solver.iterations is None:
            solver = replace(solver, iterations=DISTRICT_ITERATIONS)
        regional = replace(self, solver=solver)
        tasks = [
            RegionTask(planner=regional, points=tuple(points[i] for i in region), clock=clock)
            for region in regions
        ]
        progress.stage("route", total=len(tasks))
        # The farthest regions take longest (their trips are long and many):
        # handed out first, the last region done comes sooner.
        there = self.destination.location
        reach = [_reach(region, points, there) for region in regions]
        results = _planned(tasks, reach, executor, progress)
        used = [Counter(r.bus_type for r in result.routes) for result in results]
        shares = _shares(self.fleet, used)
        again = [
            k for k, share in enumerate(shares) if any(used[k][bus.id] > bus.count for bus in share)
        ]
        passes = len(tasks)
        if again:
            passes += len(again)
            progress.stage("route", total=passes)
            shared = [replace(tasks[k], planner=replace(regional, fleet=shares[k])) for k in again]
            redone = _planned(shared, [reach[k] for k in again], executor, progress)
            for k, result in zip(again, redone, strict=True):
                results[k] = result
        # A region that ran out of its share, or found riders enough for a
        # bus of another's that stands idle, takes every idle bus and plans
        # again, one region at a time: in the end each reason is true of
        # the whole district.
        for _ in range(len(again)):
            idle = self._idle(results)
            smallest = self._smallest_minimum(idle)
            if smallest is None:
                break
            out = [sum(wants_a_bus(d.reason, smallest) for d in res.dropped) for res in results]
            if not any(out):
                break
            k = max(range(len(results)), key=lambda k: (out[k], -k))
            has = Counter(r.bus_type for r in results[k].routes)
            fleet = [
                replace(b, count=has[b.id] + free.count)
                for b, free in zip(self.fleet, idle, strict=True)
            ]
            passes += 1
            progress.stage("route", total=passes)
            task = replace(tasks[k], planner=replace(regional, fleet=fleet))
            (results[k],) = _planned([task], [reach[k]], executor, progress)
        results = self._polished(tasks, results, executor, progress)
        stops = {r.stopped_by for r in results}
        return RoutingResult(
            routes=tuple(sorted((r for res in results for r in res.routes), key=_boarding_order)),
            dropped=self._said_of_district(results),
            solve_seconds=clock() - started if clock is not None else 0.0,
            iterations=sum(res.iterations for res in results),
            stopped_by="time_limit" if "time_limit" in stops else "iterations",
        )

    def _polished(
        self,
        tasks: Sequence[RegionTask],
        results: Sequence[RoutingResult],
        executor: Executor | None,
        progress: Progress,
    ) -> list[RoutingResult]:
        """Each region's buses emptied where a pickup may take another's seat
        (`_drained` with ejection), with the buses it uses and a share of
        those no region uses.  Left out of the regions' searches, whose
        fuller buses would overdraw the fleet's largest type and send every
        region round again: here the fleet is already shared."""
        idle = self._idle(results)
        weights = [len(result.routes) for result in results]
        spare = [_by_weight(bus.count, weights) for bus in idle]
        polish = []
        for k, (task, result) in enumerate(zip(tasks, results, strict=True)):
            has = Counter(r.bus_type for r in result.routes)
            fleet = tuple(
                replace(bus, count=has[bus.id] + spare[b][k]) for b, bus in enumerate(self.fleet)
            )
            polish.append(
                RegionTask(
                    planner=replace(task.planner, fleet=fleet),
                    points=task.points,
                    clock=task.clock,
                    routes=result.routes,
                )
            )
        progress.stage("route", total=len(polish))
        done = (
            map(polish_region, polish) if executor is None else executor.map(polish_region, polish)
        )
        polished = []
        for result, better in zip(results, done, strict=True):
            polished.append(
                replace(
                    better,
                    solve_seconds=result.solve_seconds,
                    iterations=result.iterations,
                    stopped_by=result.stopped_by,
                )
            )
            progress.advance()
        return polished

    def _said_of_district(self, results: Sequence[RoutingResult]) -> tuple[DroppedPoint, ...]:
        """The regions' riders left behind, each reason's headline said of
        the whole district's buses: every one in use, or which stand free."""
        smallest = self._smallest_minimum(self._idle(results))
        buses = sum(bus.count for bus in self.fleet)
        return tuple(
            replace(d, reason=district_headline(d.reason, buses=buses, smallest_free=smallest))
            for result in results
            for d in result.dropped
        )

    def _idle(self, results: Sequence[RoutingResult]) -> tuple[BusType, ...]:
        """The fleet less the buses the regions' plans use."""
        return _left(self.fleet, [r.bus_type for result in results for r in result.routes])

    def _smallest_minimum(self, buses: Sequence[BusType]) -> int | None:
        """The fewest riders worth running one of ``buses`` (None: no bus)."""
        return min(
            (
                self.rules.minimum(bus.min_riders, effective_capacity(bus, self.seating))
                for bus in buses
                if bus.count > 0
            ),
            default=None,
        )

    def _settle(
        self,
        model: BusModel,
        trips: list[Trip],
        kept: Sequence[KeptBus],
        announced: Mapping[str, datetime],
    ) -> list[Route]:
        """Routes of trips over kept buses' points: each keeps the id of the
        bus it shares most points with, picks nobody up before the time
        ``announced`` at their stop, drops off in that bus's order where it
        still keeps every rule (`BusModel.route`'s ``order``), and is marked
        if it runs under its minimum."""
        order = {bus.bus_id: bus.dropoffs for bus in kept}
        return [
            _marked(
                model,
                model.route(
                    bus_id,
                    trip,
                    first=_first_pickup(model, trip[1], announced),
                    order=order.get(bus_id, ()),
                ),
            )
            for bus_id, trip in zip(_inherited_ids(model, trips, kept), trips, strict=True)
        ]

    def replan(
        self,
        kept: Sequence[KeptBus],
        new_points: Sequence[PickupPoint],
        *,
        pinned: Sequence[Route] = (),
        max_shift_seconds: int | None = None,
        nights: Mapping[str, tuple[date, date]] | None = None,
        stay_days: int = 0,
        clock: Clock | None = None,
        executor: Executor | None = None,
        progress: Progress = UNWATCHED,
    ) -> RoutingResult:
        """Buses carried over from a plan, changed as little as the rules allow.

        ``pinned`` routes stay as they are.  Each ``kept`` bus serves its
        remaining points in their old order and keeps its id (a bus under its
        minimum is moved to a smaller bus or merged, as after a search).
        ``new_points`` go into free seats of kept buses where every rule
        holds (and no rider's pickup moves by more than ``max_shift_seconds``,
        nor does a rider with a bed, its first night and last morning in
        ``nights`` by worker id, arrive when it would be dated otherwise for
        a quarantine of ``stay_days``: `_Steady`), and the rest onto new
        buses from the fleet still free.
        """
        fleet = _left(self.fleet, [r.bus_type for r in pinned])
        carried = [p for bus in kept for p in bus.points]
        model = self.model([*carried, *new_points], fleet=fleet)
        trips, shed = _kept_trips(model, kept)
        _, unreachable = model.split_unreachable()
        far = {d.point.id for d in unreachable}
        loose = [*shed, *range(len(carried), len(model.points))]
        loose_ids = {model.points[i].id for i in loose}
        announced = {p: t for bus in kept for p, t in bus.boards.items()}
        steady = _Steady(
            model, announced, max_shift_seconds, nights=nights or {}, stay_days=stay_days
        )
        leftover = []
        for i in loose:
            if model.points[i].id not in far and not _insert(model, trips, i, steady):
                leftover.append(model.points[i])
        # A bus its riders were promised keeps running for them, even if
        # drop-outs leave it under its minimum and no other bus can take them
        # without moving someone's pickup more than the tolerance.
        trips, small = enforce_min_riders(
            model, trips, steady, keeps_running=lambda seq: min(seq) < len(carried)
        )
        routes = self._settle(model, trips, kept, announced)
        fresh = replace(self, fleet=_left(fleet, [bus.id for bus, _ in trips])).plan(
            leftover, clock=clock, executor=executor, progress=progress
        )
        # Reasons are said of the desk's whole fleet: the model of this re-plan
        # has only what the pinned buses leave (none, when every bus is pinned),
        # and the new buses only what the kept ones leave besides.
        buses = sum(b.count for b in self.fleet)
        return RoutingResult(
            routes=tuple(sorted((*pinned, *routes, *fresh.routes), key=_boarding_order)),
            dropped=(
                *(
                    replace(d, reason=said_of_fleet(d.reason, buses))
                    for d in unreachable
                    if d.point.id in loose_ids
                ),
                *small,
                *(replace(d, reason=said_of_fleet(d.reason, buses)) for d in fresh.dropped),
            ),
            solve_seconds=fresh.solve_seconds,
            iterations=fresh.iterations,
            stopped_by=fresh.stopped_by,
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class RegionTask:
    """One region of a district as plain, picklable data: its planner (with
    the fleet the region may use) and its points."""

    planner: RoutePlanner
    points: tuple[PickupPoint, ...]
    clock: Clock | None = None
    routes: tuple[Route, ...] = ()


def plan_region(task: RegionTask) -> RoutingResult:
    """A region's buses, named by their whole digests (shortened over the
    whole district afterwards, as one search would)."""
    return task.planner._plan_whole(task.points, task.clock, None, eject=False)


def polish_region(task: RegionTask) -> RoutingResult:
    """A region's planned ``routes`` with buses emptied where a pickup may
    take another's seat, and the reasons of who is left said anew."""
    model = task.planner.model(task.points)
    index = {point.id: i for i, point in enumerate(model.points)}
    fleet = {bus.id: bus for bus in model.fleet}
    trips = [
        (fleet[route.bus_type], [index[stop.point_id] for stop in route.stops])
        for route in task.routes
    ]
    reachable, far = model.split_unreachable()
    if trips:
        trips = _refilled(model, _drained(model, trips), reachable, eject=True)
        trips = [(bus, model.boarding_order(bus, seq)) for bus, seq in _finished(model, trips)]
    return RoutingResult(
        routes=_routes(model, trips),
        dropped=(*far, *_reasons(model, trips, reachable)),
        solve_seconds=0.0,
    )


def _reach(region: Sequence[int], points: Sequence[PickupPoint], there: LatLon) -> float:
    """How far a region's pickups lie from ``there``, in all (great-circle km)."""
    return float(
        great_circle_km(
            [points[i].location.lat for i in region],
            [points[i].location.lon for i in region],
            there.lat,
            there.lon,
        ).sum()
    )


def _planned(
    tasks: Sequence[RegionTask],
    reach: Sequence[float],
    executor: Executor | None,
    progress: Progress,
) -> list[RoutingResult]:
    """Each region's plan, in the order of ``tasks``; the farthest (by
    ``reach``) handed out first."""
    order = sorted(range(len(tasks)), key=lambda k: -reach[k])
    ordered = [tasks[k] for k in order]
    done: dict[int, RoutingResult] = {}
    for k, result in zip(
        order,
        map(plan_region, ordered) if executor is None else executor.map(plan_region, ordered),
        strict=True,
    ):
        done[k] = result
        progress.advance()
    return [done[k] for k in range(len(tasks))]


def _shares(fleet: Sequence[BusType], used: Sequence[Counter[str]]) -> list[tuple[BusType, ...]]:
    """Each region's share of each bus type, by the buses it ``used`` when it
    had the whole fleet.  A type the regions used more of than there are is
    shared in proportion to their use; a region that so loses buses also
    gets a share of the buses of the other types that no region used, to
    plan again with.  Any other region keeps what it used."""
    counts = [dict(u) for u in used]
    short = [bus for bus in fleet if sum(u[bus.id] for u in used) > bus.count]
    for bus in short:
        for k, given in enumerate(_by_weight(bus.count, [u[bus.id] for u in used])):
            counts[k][bus.id] = given
    lost = [int(any(counts[k][b.id] < u[b.id] for b in short)) for k, u in enumerate(used)]
    for bus in fleet:
        if bus not in short:
            spare = bus.count - sum(u[bus.id] for u in used)
            for k, extra in enumerate(_by_weight(spare, lost)):
                counts[k][bus.id] = used[k][bus.id] + extra
    return [tuple(replace(bus, count=c.get(bus.id, 0)) for bus in fleet) for c in counts]


def _by_weight(total: int, weights: Sequence[int]) -> list[int]:
    """``total`` whole buses in proportion to ``weights``: the largest
    remainders first, then the first; none where every weight is 0."""
    if not any(weights):
        return [0] * len(weights)
    exact = [total * w / sum(weights) for w in weights]
    given = [int(x) for x in exact]
    for k in sorted(range(len(weights)), key=lambda k: (given[k] - exact[k], k))[
        : total - sum(given)
    ]:
        given[k] += 1
    return given


def _shortened(result: RoutingResult) -> RoutingResult:
    """Bus ids shortened to their first hex digits over the whole plan (longer
    where two would clash), in the routes and in every reason naming one."""
    short = short_ids(
        {r.bus_id: (r.bus_id[:1], r.bus_id[1:]) for r in result.routes}, length=_BUS_ID_DIGITS
    )
    return replace(
        result,
        routes=tuple(replace(r, bus_id=short[r.bus_id]) for r in result.routes),
        dropped=tuple(replace(d, reason=renamed(d.reason, short)) for d in result.dropped),
    )


class _Search:
    """One batch's search: candidate trips, the master's choice, rounds for
    who is left, and the reasons of who is left at the end."""

    def __init__(
        self, planner: RoutePlanner, model: BusModel, clock: Clock | None, *, eject: bool = True
    ) -> None:
        self.planner = planner
        self.eject = eject
        self.model = model
        self.clock = clock
        self.started = clock() if clock is not None else 0.0
        self.iterations = 0
        self.stopped_by: SearchStop = "iterations"
        self.fleet = [bus for bus in model.fleet if bus.count > 0]
        self.columns: list[Column] = []
        self._seen: set[tuple[int, ...]] = set()
        self.prices = Prices()

    def seconds(self) -> float:
        """Seconds since the search began (0 without a clock)."""
        return self.clock() - self.started if self.clock is not None else 0.0

    def left(self) -> float | None:
        """Seconds of the safety limit left (None without a clock)."""
        if self.clock is None:
            return None
        return self.planner.solver.time_limit_seconds - self.seconds()

    def run(self, executor: Executor | None) -> tuple[list[Trip], list[DroppedPoint]]:
        """The trips chosen, and the points no bus carries with why."""
        model = self.model
        reachable, far = model.split_unreachable()
        if not reachable or not self.fleet:
            return [], [*far, *_no_bus(model, reachable)]
        for found in self._generated(reachable, executor):
            self.iterations += found.iterations
            if found.stopped_by == "time_limit":
                self.stopped_by = "time_limit"
            self._offer(found.trips)
        self._offer([i] for i in reachable)
        chosen = self._choose()
        for round_ in range(self.planner.solver.rounds):
            if self._out_of_time():
                break
            left = _turn(self._leftovers(reachable, chosen), round_)
            before = len(self.columns)
            self._offer(self._around(left, chosen))
            if len(self.columns) == before:
                break
            chosen = self._choose_around(chosen, left, before)
        trips = [(self.fleet[c.bus], list(c.points)) for c in (self.columns[k] for k in chosen)]
        trips = _drained(model, _filled(model, trips, reachable), eject=self.eject)
        trips = _refilled(model, trips, reachable, eject=self.eject)
        trips = [(bus, model.boarding_order(bus, seq)) for bus, seq in _finished(model, trips)]
        return trips, [*far, *_reasons(model, trips, reachable)]

    def _generated(
        self, reachable: Sequence[int], executor: Executor | None
    ) -> Iterable[SectorTrips]:
        """Each sector's candidate trips, in sector order wherever they ran."""
        model, planner = self.model, self.planner
        tasks = []
        cut = sectors(model, reachable, planner.destination.location)
        for k, (sector, own) in enumerate(cut):
            local = [model.points[i] for i in sector]
            layout = Layout.of(
                local,
                depot=planner.depot.location,
                destination=planner.destination.location,
                sites=model.sites,
            )
            tasks.append(
                SectorTask(
                    points=tuple(local),
                    indices=tuple(sector),
                    matrix=sub_matrix(model, layout),
                    depot=planner.depot,
                    destination=planner.destination,
                    fleet=tuple(self.fleet),
                    rules=planner.rules,
                    seating=planner.seating,
                    sites=tuple(model.sites.items()),
                    bound=planner.bound & {w for p in local for w in p.worker_ids},
                    seed=planner.solver.seed + k,
                    iterations=planner.solver.budget(len(sector)),
                    departure=planner.departure,
                    clock=self.clock,
                    time_limit=self.left(),
                    own=own,
                )
            )
        if executor is None or len(tasks) < 2:
            return map(generate, tasks)
        return executor.map(generate, tasks)

    def _offer(self, trips: Iterable[Sequence[int]]) -> None:
        """Candidate columns: each new trip on every bus type it fills enough."""
        model = self.model
        for trip in trips:
            key = tuple(trip)
            if key in self._seen:
                continue
            self._seen.add(key)
            riders = model.riders(key)
            thin = model.long_and_thin(key)
            for b, bus in enumerate(self.fleet):
                if model.minimum(bus) <= riders <= model.capacities[bus.id]:
                    cost = model.objective(bus, key)
                    self.columns.append(
                        Column(points=key, bus=b, riders=riders, cost=cost, thin=thin)
                    )

    def _choose(self) -> tuple[int, ...]:
        """The master's first choice, over every column."""
        choice = choose(self.columns, [bus.count for bus in self.fleet], seconds=self.left())
        if choice.status == "time_limit":
            self.stopped_by = "time_limit"
        self.prices = choice.prices
        return choice.columns

    def _choose_around(
        self, chosen: Sequence[int], left: Sequence[int], first_new: int
    ) -> tuple[int, ...]:
        """The master's choice again where a round's new columns (from
        ``first_new`` on) reach: the riders ``left`` and every chosen trip a
        new column shares a pickup with are chosen anew, among the columns
        that lie wholly within them; the other chosen trips stay, with their
        buses.  The first choice was the best over every column, so the
        rest of the batch has nothing to gain, and a round costs what its
        neighbourhood costs, not what the batch does.  Choosing again over
        every column instead (as rounds did on batches of up to 20,000
        columns) carried the same riders on nine synthetic batches of 450
        to 2,200 riders, but on 12 more buses of 1,307, and a sparse one
        (914 riders, 6 a bus) spent 301 s routing against 74 s here."""
        reached = set(left).union(*(c.points for c in self.columns[first_new:]))
        free = [k for k in chosen if not reached.isdisjoint(self.columns[k].points)]
        stay = [k for k in chosen if reached.isdisjoint(self.columns[k].points)]
        points = reached.union(*(self.columns[k].points for k in free))
        among = [k for k, c in enumerate(self.columns) if points.issuperset(c.points)]
        counts = [bus.count for bus in self.fleet]
        for k in stay:
            counts[self.columns[k].bus] -= 1
        at = {k: n for n, k in enumerate(among)}
        choice = choose(
            [self.columns[k] for k in among],
            counts,
            hint=[at[k] for k in free],
            seconds=self.left(),
            costliest=max(c.cost for c in self.columns),
        )
        if choice.status == "time_limit":
            self.stopped_by = "time_limit"
        local = choice.prices  # outside the neighbourhood, the last prices stand
        self.prices = replace(local, pickup={**self.prices.pickup, **local.pickup})
        return tuple(sorted([*stay, *(among[n] for n in choice.columns)]))

    def _out_of_time(self) -> bool:
        left = self.left()
        if left is not None and left <= 0:
            self.stopped_by = "time_limit"
            return True
        return False

    def _leftovers(self, reachable: Sequence[int], chosen: Sequence[int]) -> list[int]:
        served = {i for k in chosen for i in self.columns[k].points}
        return [i for i in reachable if i not in served]

    def _around(self, left: Sequence[int], chosen: Sequence[int]) -> list[list[int]]:
        """New trips for riders left behind: each chosen trip with one of them
        wherever it keeps every rule; the fullest trips through each, and
        those the relaxation's prices value most, which may take pickups
        from chosen trips; and those chosen trips without the pickups
        taken, grown again from their neighbours, so that the master can
        make the exchange."""
        model = self.model
        trips = [list(self.columns[k].points) for k in chosen]
        trip_of = {i: k for k, trip in enumerate(trips) for i in trip}
        found = []
        rests: set[tuple[int, ...]] = set()
        same = _by_cohort(model, range(len(model.points)))
        for i, nearest in zip(left, _nearest_trips(model, left, trips), strict=True):
            for k in nearest:
                trip = trips[k]
                for pos in range(len(trip) + 1):
                    seq = [*trip[:pos], i, *trip[pos:]]
                    if not model.broken_route(seq):
                        found.append(seq)
            pool = neighbours(model, i, same[model.kind[i]], count=_POOL)
            through = widest(model, i, pool, width=_WIDEST)
            priced = widest(model, i, pool, width=_WIDEST, worth=self._worth)
            for seq in through + priced:
                found.append(seq)
                taken = set(seq)
                for k in sorted({trip_of[j] for j in seq if j in trip_of}):
                    rest = [j for j in trips[k] if j not in taken]
                    if rest and tuple(rest) not in rests and not model.broken_route(rest):
                        rests.add(tuple(rest))
                        found.append(rest)
                        cohort = same[model.kind[rest[0]]]
                        near = neighbours(model, rest[0], cohort, count=_POOL)
                        grow = [j for j in near if j not in taken]
                        found += widest(model, rest, grow, width=_GROWN)
        return found

    def _worth(self, seq: list[int]) -> float:
        """What the relaxation's prices say ``seq`` adds, on the bus type
        that makes most of it (minimums aside: a trip still growing)."""
        model = self.model
        riders = model.riders(seq)
        thin = model.long_and_thin(seq)
        return max(
            (
                self.prices.reduced(
                    Column(
                        points=tuple(seq),
                        bus=b,
                        riders=riders,
                        cost=model.objective(bus, seq),
                        thin=thin,
                    )
                )
                for b, bus in enumerate(self.fleet)
                if riders <= model.capacities[bus.id]
            ),
            default=-math.inf,
        )


def _reasons(model: BusModel, trips: list[Trip], reachable: Sequence[int]) -> list[DroppedPoint]:
    """Why each of ``reachable`` that rides none of ``trips`` is left behind."""
    left = _leftovers_of(reachable, trips)
    free = Counter({bus.id: bus.count for bus in model.fleet if bus.count > 0})
    free.subtract(bus.id for bus, _ in trips)
    named = list(zip(_trip_ids(model, trips), trips, strict=True))
    return [
        DroppedPoint(point=model.points[i], reason=why_left(model, i, left, named, free))
        for i in left
    ]


def _filled(model: BusModel, trips: list[Trip], reachable: Sequence[int]) -> list[Trip]:
    """Riders left behind put into a chosen bus wherever one keeps every
    rule (a bigger free bus if it must), and new buses for riders left
    behind who fill one: what the rounds did not reach.  Then, if the
    rules let a bus run under its minimum, a free bus for each group
    still left: the only way to carry them."""
    free = Counter({bus.id: bus.count for bus in model.fleet})
    free.subtract(bus.id for bus, _ in trips)
    for i in _leftovers_of(reachable, trips):
        place = cheapest_insertion(model, trips, i)
        if place is not None:
            trips[place[0]][1].insert(place[1], i)
            continue
        # With the fleet all out (a short fleet), no bus is tried in vain.
        bigger = _bigger_bus(model, trips, i, free) if +free else None
        if bigger is not None:
            k, bus, seq = bigger
            free[trips[k][0].id] += 1
            free[bus.id] -= 1
            trips[k] = (bus, seq)
    for under in (False, True) if model.rules.run_under_minimum else (False,):
        for i in _leftovers_of(reachable, trips):
            if not +free:
                break
            left = _leftovers_of(reachable, trips)
            new = _new_bus(model, i, left, free, under=under) if i in left else None
            if new is not None:
                free[new[0].id] -= 1
                trips.append(new)
    return _swapped(model, trips)


def _refilled(
    model: BusModel, trips: list[Trip], reachable: Sequence[int], *, eject: bool
) -> list[Trip]:
    """Riders still left behind put on the buses a drain freed (`_filled`),
    and the buses drained again (`_drained`), while that carries more of
    them: the fill may have found the whole fleet out, and the drain since
    emptied buses into others.  Without riders left, or a bus free, the
    trips are kept; a fill that carries nobody more is not drained again."""
    left = _leftovers_of(reachable, trips)
    while left and any(bus.count for bus in _left(model.fleet, [bus.id for bus, _ in trips])):
        trips = _filled(model, trips, reachable)
        still = _leftovers_of(reachable, trips)
        if len(still) >= len(left):
            break
        trips = _drained(model, trips, eject=eject)
        left = still
    return trips


#: How much later than the earliest time that keeps every announced pickup a
#: kept bus may start picking up, at most, and in what steps: its drivers'
#: rests move with the start, and one may fall inside a ride at its cap.
_LATER_START_SECONDS = 3 * 3600
_LATER_START_STEP = 300


def _first_pickup(model: BusModel, seq: Sequence[int], announced: Mapping[str, datetime]) -> int:
    """The first pickup of the trip ``seq`` (seconds of the batch's day): the earliest
    that picks nobody up before the time announced at their stop (`_not_early`)
    and keeps every rule.  Dropping a stop moves a kept bus's start, and its
    drivers' rests with it, which may lengthen a ride past its cap; when no
    start within `_LATER_START_SECONDS` keeps every rule (a later one may
    put the whole trip off to the next day), the trip's earliest timetable,
    which does: some riders are then picked up before the time they were
    told, and the diff lists them."""
    earliest = _not_early(model, seq, announced)
    if earliest <= 0 or not model.broken_route(seq, first=earliest):
        return max(earliest, 0)
    last = model.timeline(seq, first_not_before=earliest).pickups[0] + _LATER_START_SECONDS
    for first in range(earliest + _LATER_START_STEP, last + 1, _LATER_START_STEP):
        if model.timeline(seq, first_not_before=first).pickups[0] > last:
            break
        if not model.broken_route(seq, first=first):
            return first
    return 0


def _not_early(model: BusModel, seq: Sequence[int], announced: Mapping[str, datetime]) -> int:
    """The earliest first pickup (seconds of the batch's day) that picks
    nobody up before the time announced at their stop (riders will not be
    there earlier).  A later start may move the drivers' rests, and with
    them the times between stops: the start moves on until no stop comes
    early (a few times at most), unless that puts the trip off by more than
    `_LATER_START_SECONDS` (to the next day); else it is the first start."""
    once = first = _start_keeping(model, seq, announced, 0)
    if once <= 0:
        return once
    latest = model.timeline(seq, first_not_before=once).pickups[0] + _LATER_START_SECONDS
    for _ in range(_SETTLING_STARTS):
        needed = _start_keeping(model, seq, announced, first)
        if needed <= first:
            return first
        if model.timeline(seq, first_not_before=needed).pickups[0] > latest:
            break
        first = needed
    return once


#: Starts tried, at most, for one that picks nobody up early (`_not_early`).
_SETTLING_STARTS = 4


def _start_keeping(
    model: BusModel, seq: Sequence[int], announced: Mapping[str, datetime], first: int
) -> int:
    """The first pickup that keeps every announced time, with the times
    between stops of the timetable starting no earlier than ``first``."""
    pickups = model.timeline(seq, first_not_before=first).pickups
    return max(
        (
            model.seconds_of(announced[model.points[i].id]) - (t - pickups[0])
            for i, t in zip(seq, pickups, strict=True)
            if model.points[i].id in announced
        ),
        default=0,
    )


def _turn(left: Sequence[int], round_: int) -> list[int]:
    """The riders left behind whom round ``round_`` works on: all of them, or
    on a big batch a share that turns round by round (a budget of work)."""
    if len(left) <= _LEFT_PER_ROUND:
        return list(left)
    start = round_ * _LEFT_PER_ROUND % len(left)
    return [*left[start:], *left[:start]][:_LEFT_PER_ROUND]


def _nearest_trips(
    model: BusModel, points: Sequence[int], trips: Sequence[Sequence[int]]
) -> list[list[int]]:
    """For each of ``points``, the chosen trips (by number) of its cohort
    whose pickups pass nearest it, nearest first: those a rider left behind
    could join (a trip of the other cohort never could)."""
    kinds = np.array([model.kind[trip[0]] for trip in trips], dtype=bool)
    here = np.array([model.at[i] for i in points], dtype=np.int64)
    if len(trips) <= _NEAREST_TRIPS:
        gaps = np.zeros((len(points), len(trips)), dtype=np.int64)
    else:
        where = np.array([model.at[j] for trip in trips for j in trip], dtype=np.int64)
        starts = np.cumsum([0, *(len(trip) for trip in trips[:-1])])
        gaps = np.minimum.reduceat(model.matrix.metres[np.ix_(here, where)], starts, axis=1)
    numbers = np.arange(len(trips))
    nearest = []
    for i, row in zip(points, gaps, strict=True):
        theirs = numbers[kinds == model.kind[i]]
        nearest.append(theirs[np.lexsort((theirs, row[theirs]))][:_NEAREST_TRIPS].tolist())
    return nearest


def _leftovers_of(reachable: Sequence[int], trips: Sequence[Trip]) -> list[int]:
    served = {i for _, seq in trips for i in seq}
    return [i for i in reachable if i not in served]


def _by_cohort(model: BusModel, points: Iterable[int]) -> dict[bool, list[int]]:
    found: dict[bool, list[int]] = {False: [], True: []}
    for i in points:
        found[model.kind[i]].append(i)
    return found


def _bigger_bus(
    model: BusModel, trips: Sequence[Trip], i: int, free: Counter[str]
) -> tuple[int, BusType, list[int]] | None:
    """A chosen trip that takes point ``i`` on a bigger free bus, cheapest first."""
    best: tuple[float, int, BusType, list[int]] | None = None
    for k, (_, seq) in enumerate(trips):
        for pos in range(len(seq) + 1):
            candidate = [*seq[:pos], i, *seq[pos:]]
            if model.broken_route(candidate):
                continue
            for bus in model.fleet:
                riders = model.riders(candidate)
                if free[bus.id] > 0 and model.minimum(bus) <= riders <= model.capacities[bus.id]:
                    cost = model.objective(bus, candidate) - model.objective(*trips[k])
                    if best is None or cost < best[0]:
                        best = (cost, k, bus, candidate)
    return None if best is None else best[1:]


def _new_bus(
    model: BusModel, i: int, left: Sequence[int], free: Counter[str], *, under: bool = False
) -> Trip | None:
    """A free bus for the fullest trip through ``i`` among riders left behind,
    if it meets the bus's minimum (``under``: whether it does or not)."""
    pool = [j for j in neighbours(model, i, left) if model.kind[j] == model.kind[i]]
    for seq in sorted(
        [[i], *widest(model, i, pool, width=_WIDEST)],
        key=lambda t: (-model.riders(t), model.timeline(t).metres, t),
    ):
        if model.broken_route(seq):
            continue
        riders = model.riders(seq)
        fits = [
            bus
            for bus in model.fleet
            if free[bus.id] > 0
            and (under or model.minimum(bus) <= riders)
            and riders <= model.capacities[bus.id]
        ]
        if fits:
            return min(fits, key=lambda bus: (model.objective(bus, seq), bus.id)), seq
    return None


def _drained(model: BusModel, trips: list[Trip], *, eject: bool = True) -> list[Trip]:
    """Trips emptied into the trips of their cohort passing nearest where
    that costs the plan less: the emptiest first, each pickup put where it
    adds least on a bus already running (on a bigger free bus where it
    must), so a bus fewer runs, nobody is left behind and no more long
    hauls run under their minimum.  The master chose the best combination
    of the trips it was offered; this finds the moves between chosen trips
    that no offered trip spelled out.  With ``eject``, a pickup that fits no
    bus may take another's seat, which moves on (`ejected`)."""
    free = Counter({bus.id: bus.count for bus in model.fleet})
    free.subtract(bus.id for bus, _ in trips)
    largest = max(model.fleet, key=lambda bus: (model.capacities[bus.id], -bus.fixed_cost))
    gone: set[int] = set()
    for k in sorted(range(len(trips)), key=lambda k: (model.riders(trips[k][1]), k)):
        seq = trips[k][1]
        alive = [j for j in range(len(trips)) if j != k and j not in gone]
        passing = _nearest_trips(model, seq, [trips[j][1] for j in alive])
        near = sorted({alive[n] for nearest in passing for n in nearest})
        room = sum(model.capacities[largest.id] - model.riders(trips[j][1]) for j in near)
        if room < model.riders(seq):
            continue
        merged = merged_into(model, seq, [(largest, trips[j][1]) for j in near], eject=eject)
        if merged is None:
            continue
        touched = [trips[k], *(trips[j] for j in near)]
        left = Counter(free)
        left.update(bus.id for bus, _ in touched)
        retyped = _retyped(model, [trips[j] for j in near], [s for _, s in merged], left)
        # Long hauls under their minimum are kept to the fewest before cost counts.
        if retyped is None or sum(model.long_and_thin(s) for _, s in retyped) > sum(
            model.long_and_thin(s) for _, s in touched
        ):
            continue
        if sum(model.objective(*trip) for trip in retyped) < sum(
            model.objective(*trip) for trip in touched
        ):
            for j, trip in zip(near, retyped, strict=True):
                trips[j] = trip
            gone.add(k)
            free = left
            free.subtract(bus.id for bus, _ in retyped)
    return [trip for k, trip in enumerate(trips) if k not in gone]


def _retyped(
    model: BusModel, trips: Sequence[Trip], grown: Sequence[list[int]], free: Counter[str]
) -> list[Trip] | None:
    """``trips`` with their grown sequences, each that changed on the cheapest
    bus of ``free`` it fits (the fullest choose first), or None when one
    fits none."""
    result: list[Trip | None] = [
        (bus, seq) if seq == before else None
        for (bus, before), seq in zip(trips, grown, strict=True)
    ]
    left = Counter(free)
    left.subtract(trip[0].id for trip in result if trip is not None)
    for n in sorted(
        (n for n, trip in enumerate(result) if trip is None), key=lambda n: -model.riders(grown[n])
    ):
        riders = model.riders(grown[n])
        fits = [b for b in model.fleet if left[b.id] > 0 and riders <= model.capacities[b.id]]
        if not fits:
            return None
        bus = min(fits, key=lambda b: (model.objective(b, grown[n]), b.id))
        left[bus.id] -= 1
        result[n] = (bus, grown[n])
    return [trip for trip in result if trip is not None]


def _finished(model: BusModel, trips: list[Trip]) -> list[Trip]:
    """The chosen trips, each boarding a place at one stop, on the bus types
    that cost least in all."""
    return _cheapest_buses(model, [(bus, _one_stop_a_place(model, bus, seq)) for bus, seq in trips])


def _one_stop_a_place(model: BusModel, bus: BusType, seq: list[int]) -> list[int]:
    """``seq`` with the pickups at one place boarded together, where the trip
    comes back to a place it left: at the first visit or the last, whichever
    keeps every rule and costs less, if it costs no more than the trip.  The
    search moves each pickup on its own and may leave a bus driving back to
    a village it left an hour before, which a driver takes for a mistake."""
    at = [model.points[i].location for i in seq]
    split = [at[n] for n in range(1, len(at)) if at[n] != at[n - 1] and at[n] in at[: n - 1]]
    for place in dict.fromkeys(split):
        at = [model.points[i].location for i in seq]
        here = [i for i, there in zip(seq, at, strict=True) if there == place]
        rest = [i for i, there in zip(seq, at, strict=True) if there != place]
        first, last = at.index(place), len(at) - 1 - at[::-1].index(place)
        # Where ``here`` goes among the others: at the first visit, or at the last.
        cuts = {first, last - (len(here) - 1)}
        tried = [rest[:cut] + here + rest[cut:] for cut in sorted(cuts)]
        kept = [t for t in tried if model.feasible(bus, t)]
        best = min(kept, key=lambda t: model.objective(bus, t), default=None)
        if best is not None and model.objective(bus, best) <= model.objective(bus, seq):
            seq = best
    return seq


def _cheapest_buses(model: BusModel, trips: list[Trip]) -> list[Trip]:
    """The trips on the bus types that cost least in all within the fleet's
    counts: each on a type that seats its riders (and whose minimum they
    meet, if they meet their own bus's), by a min-cost flow from trips to
    types.  A fill gives riders left behind the only buses free at the
    time, and a drain then frees others: on the demo a lone rider rode a
    coach while minibuses stood idle, and the plan cost 9.6 % more."""
    fleet = list(model.fleet)
    flow = min_cost_flow.SimpleMinCostFlow()
    sink = len(trips) + len(fleet)
    arcs = []
    for k, (bus, seq) in enumerate(trips):
        riders = model.riders(seq)
        meets = riders >= model.minimum(bus)
        for t, other in enumerate(fleet):
            if riders <= model.capacities[other.id] and (
                model.minimum(other) <= riders or not meets
            ):
                # In fen, doubled, and a fen less on the trip's own bus: a tie keeps it.
                fen = 2 * round(100 * model.cost(other, seq)) - int(other.id == bus.id)
                arcs.append(
                    (k, t, flow.add_arc_with_capacity_and_unit_cost(k, len(trips) + t, 1, fen))
                )
        flow.set_node_supply(k, 1)
    for t, bus in enumerate(fleet):
        flow.add_arc_with_capacity_and_unit_cost(len(trips) + t, sink, bus.count, 0)
    flow.set_node_supply(sink, -len(trips))
    if not trips or flow.solve() != flow.OPTIMAL:
        return trips
    chosen = {k: fleet[t] for k, t, arc in arcs if flow.flow(arc) > 0}
    return [(chosen[k], seq) for k, (_, seq) in enumerate(trips)]


def _swapped(model: BusModel, trips: list[Trip]) -> list[Trip]:
    """Each trip under its bus's minimum trades buses with the full trip
    whose trade saves most: a lone rider's coach for a full minibus."""
    for u in range(len(trips)):
        small, seq = trips[u]
        if model.riders(seq) >= model.minimum(small):
            continue
        best: tuple[float, int] | None = None
        for n, (other, full) in enumerate(trips):
            riders = model.riders(full)
            if (
                other.id == small.id
                or not model.minimum(small) <= riders <= model.capacities[small.id]
            ):
                continue
            saving = (
                model.objective(small, seq)
                + model.objective(other, full)
                - model.objective(other, seq)
                - model.objective(small, full)
            )
            if (best is None or saving > best[0]) and saving > 0 and model.feasible(other, seq):
                best = (saving, n)
        if best is not None:
            n = best[1]
            trips[u], trips[n] = (trips[n][0], seq), (small, trips[n][1])
    return trips


def _no_bus(model: BusModel, reachable: Sequence[int]) -> list[DroppedPoint]:
    return [
        DroppedPoint(point=model.points[i], reason=why_left(model, i, reachable, [], {}))
        for i in reachable
    ]


@dataclass(frozen=True, slots=True, kw_only=True)
class KeptBus:
    """A bus of an earlier plan carried into a re-plan: its id, its bus type
    and the pickup points it still serves, in boarding order, with the times
    announced at them (``boards``, by point id) and the drop-off sites it
    drove to, in their order (``dropoffs``)."""

    bus_id: str
    bus_type: str
    points: tuple[PickupPoint, ...]
    boards: Mapping[str, datetime] = field(default_factory=dict)
    dropoffs: tuple[str, ...] = ()


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
    """Whether the riders told a pickup time keep it within a tolerance on a
    trip's new sequence of points (whichever trip it is), and those given a
    bed keep its first night, the trip timed as it will run: picking nobody
    up before the time they were told (`_first_pickup`).  Held to the times
    told, not to the trips' earliest timetables: a bus put off to the next
    morning (for the receiving hours) could otherwise take in a stop told a
    day earlier or later.

    A bed is dated from when its rider gets off (`bed_dates`): a stop taken
    in near the end of a run moves no pickup, but may put the arrival past
    midnight, the stay a night later, and the room then into another
    batch's nights.  ``nights`` (by worker id) are the first nights and last
    mornings of the beds kept for riders, for a quarantine of
    ``stay_days``; a trip must bring each of them when their bed is so dated."""

    def __init__(
        self,
        model: BusModel,
        announced: Mapping[str, datetime],
        tolerance: int | None,
        *,
        nights: Mapping[str, tuple[date, date]],
        stay_days: int,
    ) -> None:
        self._model = model
        self._announced = announced
        self._tolerance = tolerance
        self._days = stay_days
        self._told = {
            i: model.seconds_of(announced[point.id])
            for i, point in enumerate(model.points)
            if point.id in announced
        }
        # Per point, the drop-off sites of its riders with a bed, and the
        # bed's first night (riders of one point and site share a bus).
        self._nights = {
            i: {(point.dropoff_of(w), nights[w]) for w in point.worker_ids if w in nights}
            for i, point in enumerate(model.points)
            if any(w in nights for w in point.worker_ids)
        }

    def __call__(self, trip: int, seq: list[int]) -> bool:
        told = self._told if self._tolerance is not None else {}
        housed = [i for i in seq if i in self._nights]
        if not housed and not any(i in told for i in seq):
            return True
        model = self._model
        timeline = model.timeline(seq, first_not_before=_first_pickup(model, seq, self._announced))
        tolerance = self._tolerance or 0
        if not all(
            abs(t - told[i]) <= tolerance
            for i, t in zip(seq, timeline.pickups, strict=True)
            if i in told
        ):
            return False
        arrives = dict(timeline.dropoffs)
        return all(
            site in arrives and bed_dates(model.moment(arrives[site]), self._days) == night
            for i in housed
            for site, night in self._nights[i]
        )


def _insert(
    model: BusModel, trips: list[Trip], i: int, allowed: Callable[[int, list[int]], bool]
) -> bool:
    """Put point ``i`` where it adds least cost within every rule (and where
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


def _trip_ids(model: BusModel, trips: Sequence[Trip]) -> list[str]:
    """Each trip's bus named by the whole digest of its bus type and pickups
    (`_shortened` cuts them short over the whole plan)."""
    return ["B" + digest([bus.id, *(model.points[i].id for i in seq)]) for bus, seq in trips]


def _routes(model: BusModel, trips: list[Trip]) -> tuple[Route, ...]:
    """Domain routes, each named from its bus type and pickups, in order of first pickup."""
    routes = [
        _marked(model, model.route(bus_id, trip))
        for bus_id, trip in zip(_trip_ids(model, trips), trips, strict=True)
    ]
    return tuple(sorted(routes, key=_boarding_order))


def _marked(model: BusModel, route: Route) -> Route:
    """The route, marked if it runs under its bus's minimum."""
    bus = next(b for b in model.fleet if b.id == route.bus_type)
    return replace(route, under_minimum=route.riders < model.minimum(bus))


def _boarding_order(route: Route) -> tuple[LatLon, str]:
    """Routes listed by where they first board, then by id."""
    return (route.stops[0].location if route.stops else route.end_location, route.bus_id)
