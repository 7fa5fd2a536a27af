"""Route and house a batch: beds first, then seats, then rooms.

The stage both a plan (`pipeline.plan_batch`) and a re-plan
(`replan.replan_batch`) end with, in this order:

1. each rider's drop-off: their employer's gate, or, when bound for
   quarantine, a dormitory with a bed for them (reserved here, before
   routing, so that nobody gets a seat without a bed, no bed waits for
   someone no bus brings, and no bus is re-routed after it is planned);
2. pickup points split by drop-off site and cohort (a keep-together group
   stays whole), and one search over all of them (`routing.RoutePlanner`);
3. rooms for who travels, each bus's riders kept together in the
   dormitory they were routed to;
4. the account of who ended where.

Pure, like every stage: no file is read and no clock is read unless one is
passed in.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from . import dropoffs, naming
from .campaign import HeldBus, Window, buses_out, fleet_free
from .cluster import split_points, without_workers
from .domain import (
    BedAssignment,
    BusType,
    Edit,
    PickupPoint,
    Route,
    Stop,
    Unassigned,
    Worker,
    bed_dates,
    self_return_dates,
)
from .errors import InputError
from .joining import join_kept_stops
from .plan import Batch, Plan
from .progress import UNWATCHED, Progress
from .quarantine import Allocation, BedRequest, allocate_beds, unfree_beds, who
from .routing import DroppedPoint, KeptBus, RoutePlanner, RoutingResult
from .routing.engine import Clock
from .routing.reasons import said_last, said_with_held
from .seating import effective_capacity
from .settings import Settings
from .text import Text, by_count, first_ids, listed
from .travel import GreatCircleTravel, TravelModel, TravelTable

logger = logging.getLogger(__name__)

#: Places up to which one travel matrix is built for the whole plan
#: (4,000 places: two matrices of 128 MB).
_TABLE_PLACES = 4_000
#: The reservation's share of the bed allocator's budget: it only chooses each
#: rider's dormitory, and rooms are given after routing with the whole budget.
_RESERVATION_SHARE = 0.2
#: The bed allocation's outcome, as --verbose says it.
_BEDS_STATUS = {
    "optimal": Text("log_beds_optimal"),
    "feasible": Text("log_beds_feasible"),
    "unsolved": Text("log_beds_unsolved"),
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Carried:
    """What routing starts from: buses carried over from an earlier plan
    (``pinned`` ones as they were, ``kept`` ones to adjust), new pickup
    points, beds that stay as they were, who is already out, and the
    earlier plan's points (whose names stay, so papers do not change)."""

    pinned: tuple[Route, ...] = ()
    kept: tuple[KeptBus, ...] = ()
    new_points: tuple[PickupPoint, ...] = ()
    fixed_beds: tuple[BedAssignment, ...] = ()
    unassigned: tuple[Unassigned, ...] = ()
    stage_seconds: tuple[tuple[str, float], ...] = ()
    #: The earlier plan's points: a point carried over keeps its division and name.
    known_points: tuple[PickupPoint, ...] = ()
    #: Riders bound for quarantine only for sharing a bus with one bound there
    #: (``whole_bus``): beds go to the others first, since these could ride to work.
    sharing: frozenset[str] = frozenset()
    #: The desk's moves (``move`` edits): a refused one is named by its row and column.
    moves: tuple[Edit, ...] = ()
    #: Where the desk closed a stop (`place_of`): no rider joins a kept stop there.
    closed_at: frozenset[tuple[float, float]] = frozenset()


class Stopwatch:
    """Seconds per stage on the caller's clock (none without one)."""

    def __init__(self, clock: Clock | None) -> None:
        self._clock = clock
        self._last = clock() if clock is not None else 0.0
        self.laps: list[tuple[str, float]] = []

    def lap(self, stage: str) -> None:
        """The seconds since the last lap are ``stage``'s."""
        if self._clock is None:
            return
        now = self._clock()
        self.laps.append((stage, round(now - self._last, 2)))
        self._last = now


def cohorts(batch: Batch, settings: Settings, *, bound: Iterable[str] = ()) -> Batch:
    """The batch with who is bound for quarantine settled for routing: also
    ``bound`` (those an earlier plan sent), and, unless cohorts mix, every
    keep-together group with a member bound for quarantine, whole (its
    members travel together, and buses do not mix)."""
    known = {w.id for w in batch.workers}
    batch = replace(batch, quarantine=batch.quarantine | (frozenset(bound) & known))
    if settings.rules.quarantine_cohorts == "mixed":
        return batch
    groups = {w.group for w in batch.workers if w.group and w.id in batch.quarantine}
    together = {w.id for w in (*batch.riders, *batch.self_return) if w.group in groups}
    return replace(batch, quarantine=batch.quarantine | together)


#: Plans of a ``whole_bus`` batch that send riders to quarantine for sharing a
#: bus, at most, before one that keeps the rule by construction (`settle_whole_bus`).
WHOLE_BUS_PASSES = 3


def settle_whole_bus(
    plan_with: Callable[[frozenset[str]], Plan],
    bound: frozenset[str],
    sharing: frozenset[str],
    *,
    settle: Callable[[Plan], Plan],
    fixed: frozenset[str] = frozenset(),
) -> Plan:
    """The plan of a ``whole_bus`` batch, in which everyone who shares a bus
    with a rider of ``bound`` goes to quarantine, and nobody else does.

    ``plan_with(sent)`` plans the batch with cohorts apart, ``sent`` (riders
    not bound for quarantine themselves) going there too; ``sharing`` is a
    first guess of them (those who shared a bus with a rider of ``bound`` in
    a plan of mixed cohorts, or in the plan re-planned).  A plan is settled
    when each of them rides a bus with a rider of ``bound`` (or is one of
    ``fixed``, on a bus kept as it was): whoever does not (gathered on a bus
    of their own, or left without a bed or a seat) goes to work in the next
    plan.  So ``sharing`` shrinks at every pass that is not settled; after
    `WHOLE_BUS_PASSES`, ``settle`` turns the last plan into one that keeps
    the rule by construction.
    """
    for _ in range(WHOLE_BUS_PASSES):
        plan = plan_with(sharing)
        riding = riding_with(plan, bound) | fixed
        if sharing <= riding:
            return plan
        sharing &= riding
    return settle(plan)


def riding_with(plan: Plan, bound: Collection[str]) -> frozenset[str]:
    """Everyone on a bus of ``plan`` that carries a rider of ``bound``."""
    return frozenset(
        w for r in plan.routes if any(v in bound for v in r.worker_ids) for w in r.worker_ids
    )


def largest_bus(batch: Batch, settings: Settings) -> int:
    """Seats of the batch's largest bus under the seating policy."""
    return max((effective_capacity(b, settings.seating) for b in batch.fleet), default=0)


def bus_planner(batch: Batch, settings: Settings, travel: TravelModel | None) -> RoutePlanner:
    """The routing stage for this batch and these settings (``travel``: the
    settings' offline model when None)."""
    return RoutePlanner(
        depot=batch.depot,
        destination=batch.destination,
        fleet=batch.fleet,
        departure=batch.departure,
        rules=settings.rules,
        seating=settings.seating,
        solver=settings.solver,
        travel=travel or GreatCircleTravel(settings.travel),
        sites=dropoffs.sites(batch),
        bound=batch.quarantine,
    )


def route_and_house(
    batch: Batch,
    settings: Settings,
    start: Carried,
    *,
    beds: Sequence[BedAssignment],
    vehicles: Sequence[HeldBus] = (),
    travel: TravelModel | None = None,
    clock: Clock | None = None,
    executor: Executor | None = None,
    progress: Progress = UNWATCHED,
) -> Plan:
    """Reserve beds, route the buses, give the rooms, and account for everyone.

    ``beds`` and ``vehicles`` are those other batches hold: a bus another
    batch holds on this batch's days is not this batch's.  ``executor`` runs
    the search's sectors (in this process when None: the plan is the same);
    ``progress`` hears of each stage as it begins.

    This batch's days are first taken as its departure's and the next
    `_late_days`.  When its buses of a type turn out to be out longer (from
    leaving the depot until `bus_free_at`, as the ledger holds other
    batches' buses) and other batches hold more of that type on the days
    beyond, the batch is planned again with those days counted for that
    type, until every day its buses are out is.
    """
    base = (batch.departure, batch.departure + timedelta(days=_late_days(settings)))
    windows: dict[str, Window] = {bus.id: base for bus in batch.fleet}
    free = fleet_free(batch.fleet, vehicles, windows)
    while True:
        plan = _route_and_house_within(
            batch,
            settings,
            start,
            free,
            beds=beds,
            travel=travel,
            clock=clock,
            executor=executor,
            progress=progress,
        )
        out = buses_out(plan.routes, batch.depot.location, settings.rules, settings.travel)
        wider = dict(windows)
        for bus_type, (first, last) in out.items():
            if bus_type in wider:
                wider[bus_type] = (min(wider[bus_type][0], first), max(wider[bus_type][1], last))
        free_wider = fleet_free(batch.fleet, vehicles, wider)
        if free_wider == free:
            return plan  # no bus held on the days beyond is one this plan takes
        # Each round widens a type's days, and a bus's days are bounded (the
        # clock tries a few days, a duty is capped): this ends.
        logger.debug("%s", Text("log_planned_again", day=f"{base[1]:%Y-%m-%d}"))
        windows, free = wider, free_wider


def _route_and_house_within(
    batch: Batch,
    settings: Settings,
    start: Carried,
    free: tuple[BusType, ...],
    *,
    beds: Sequence[BedAssignment],
    travel: TravelModel | None,
    clock: Clock | None,
    executor: Executor | None,
    progress: Progress,
) -> Plan:
    """`route_and_house` with ``free``, the fleet less the buses other batches hold."""
    watch = Stopwatch(clock)
    buses = replace(bus_planner(batch, settings, travel), fleet=free)
    # One travel matrix serves the whole plan: every place a bus may stop at;
    # a district's regions each build their own, in parallel.
    places = [
        *(p.location for p in (*start.new_points, *(q for bus in start.kept for q in bus.points))),
        batch.depot.location,
        batch.destination.location,
        *buses.sites.values(),
    ]
    if len(places) <= _TABLE_PLACES:
        buses = replace(buses, travel=TravelTable.build(buses.travel, places))
    standing = _dropoff_sites(batch) | {
        b.worker_id: dropoffs.dorm_site(b.dorm_id) for b in start.fixed_beds
    }
    # Who no bus could bring even to the dormitories' centre needs no bed.
    progress.stage("reachable")
    points, far = buses.reachable(_pickups(batch, start.new_points, frozenset(), standing))
    held = (*beds, *start.fixed_beds)
    housed = frozenset(b.worker_id for b in start.fixed_beds)
    carried = [p for bus in start.kept for p in bus.points]
    watch.lap("reachable")
    progress.stage("reserve_beds")
    reach = _dorms_within_reach(batch, buses, points)
    boarding = _boarding_dorms(batch, start.pinned, housed)
    reservation = _reserve(
        batch,
        settings,
        [*carried, *points],
        held,
        housed,
        reach,
        sharing=start.sharing,
        boarding=boarding,
    )
    _refuse_homeless_boarders(reservation, boarding, {e.worker_id: e for e in start.moves})
    watch.lap("reserve_beds")
    homeless = frozenset(u.worker_id for u in reservation.unplaced)
    site_of = standing | {b.worker_id: dropoffs.dorm_site(b.dorm_id) for b in reservation.beds}
    kept, points = _joining(
        batch,
        settings,
        [replace(bus, points=_dropping(bus.points, homeless, site_of)) for bus in start.kept],
        without_workers(points, homeless),
        site_of,
        start.closed_at,
    )
    new_points = _pickups(batch, points, homeless, site_of)
    progress.stage("route")
    routing = buses.replan(
        kept,
        new_points,
        pinned=start.pinned,
        max_shift_seconds=settings.replan.max_shift_minutes * 60,
        # A newcomer's stop may not move a kept bed's first night: riders
        # told their bed would lose it, for a newcomer another bus can take.
        nights={b.worker_id: (b.start, b.end) for b in start.fixed_beds},
        stay_days=settings.quarantine.days,
        clock=clock,
        executor=executor,
        progress=progress,
    )
    watch.lap("route")
    progress.stage("allocate_beds")
    self_return = tuple(w for w in batch.self_return if w.id not in homeless)
    allocation = _allocate(batch, settings, routing.routes, self_return, housed, held, reservation)
    # Beds carried over are checked as the new ones are: their bus may now
    # arrive on another day.  Against the other batches' beds only: riders
    # of this batch share rooms, and a bed given anew takes a room none of
    # them uses (as the new ones were given: none in a carried bed's room).
    routing, given, no_late_bed = _late_beds_free(
        batch,
        settings,
        buses,
        routing,
        (*start.fixed_beds, *allocation.beds),
        beds,
        site_of,
        carried=start.fixed_beds,
    )
    watch.lap("allocate_beds")
    fleet = sum(bus.count for bus in batch.fleet)
    held_buses = fleet - sum(bus.count for bus in free)
    not_routed = _not_routed(batch, (*far, *routing.dropped), held=held_buses, fleet=fleet)
    travelling = {w for r in routing.routes for w in r.worker_ids} | {w.id for w in self_return}
    beds = _restamped(
        [b for b in given if b.worker_id in travelling],
        routing.routes,
        settings,
    )
    bus_total = len(routing.routes)
    logger.debug(
        "%s",
        Text(
            "log_plan_counted",
            buses=Text(by_count("bus_count", bus_total), count=bus_total),
            on_board=sum(r.riders for r in routing.routes),
            not_routed=len(not_routed),
            beds=Text(by_count("bed_count", len(beds)), count=len(beds)),
            status=_BEDS_STATUS[allocation.status],
        ),
    )
    unassigned = _advised(
        batch,
        (*batch.turned_away, *start.unassigned, *reservation.unplaced, *no_late_bed, *not_routed),
    )
    # Those who travel and need a bed, and those turned away for want of one.
    required = batch.quarantine & (travelling | homeless | {u.worker_id for u in no_late_bed})
    return Plan(
        batch=batch,
        settings=settings,
        routes=routing.routes,
        self_return=tuple(w.id for w in self_return),
        unassigned=tuple(sorted(unassigned, key=lambda u: (u.row or 0, u.worker_id))),
        beds=tuple(sorted(beds, key=lambda b: b.worker_id)),
        quarantine_required=tuple(sorted(required)),
        # Written down so that `verify` can hold each of them to the rule
        # that sent them: they share a bus with a rider bound there.
        quarantine_for_sharing=tuple(sorted(required & start.sharing)),
        pickup_points=tuple(
            sorted(
                naming.name_points(
                    list(
                        {
                            p.id: p
                            for p in _points(
                                routing.routes, start.known_points, carried, new_points
                            )
                        }.values()
                    ),
                    batch.workers,
                    batch.places,
                ),
                key=lambda p: p.id,
            )
        ),
        solve_seconds=routing.solve_seconds,
        stage_seconds=(*start.stage_seconds, *watch.laps),
        search_iterations=routing.iterations,
        search_stop=routing.stopped_by,
        dorm_status=allocation.status,
        dorm_objective=allocation.objective,
        dorm_bound=allocation.bound,
        cohorts_split=allocation.cohorts_split,
        to_call=tuple(w.id for w in batch.workers if w.id in travelling and not w.phone),
    )


def _joining(
    batch: Batch,
    settings: Settings,
    kept: list[KeptBus],
    points: Sequence[PickupPoint],
    site_of: Mapping[str, str],
    closed_at: frozenset[tuple[float, float]],
) -> tuple[tuple[KeptBus, ...], list[PickupPoint]]:
    """Riders of new ``points`` bound for quarantine who had no bed (their
    drop-off the dormitories' stand-in), with their keep-together group,
    board at a stop of a ``kept`` bus near their home now that their bed
    is reserved (``site_of``), where its riders get off there
    (`join_kept_stops`).  Given a stop of their own, a kept bus taking it
    called twice at one place, with two stop ids (two stops on the
    driver's sheet, two markers on the map).  The other newcomers were
    tried before their stops were gathered (`replan._join_stops`).  None
    joins a stop where the desk closed one (``closed_at``).  Returns the
    kept buses and the new points less who joined."""
    bedless = {w for p in points for w in p.worker_ids if p.dropoff_of(w) == dropoffs.QUARANTINE}
    if not kept or not bedless:
        return tuple(kept), list(points)
    people = {w.id: w for w in batch.riders}
    # A group rides whole (with cohorts mixed, some of it may go to work).
    groups = {people[w].group for w in bedless} - {""}
    trying = [
        people[w] for p in points for w in p.worker_ids if w in bedless or people[w].group in groups
    ]
    kept, left = join_kept_stops(
        kept,
        trying,
        # The dormitories' stand-in is no drop-off yet.
        lambda w: "" if site_of.get(w) in (None, dropoffs.QUARANTINE) else site_of[w],
        fleet=batch.fleet,
        seating=settings.seating,
        radius_m=settings.cluster.radius_m,
        barred=closed_at,
    )
    joined = {w.id for w in trying} - {w.id for w in left}
    return tuple(kept), without_workers(points, joined)


def _advised(batch: Batch, unassigned: Sequence[Unassigned]) -> tuple[Unassigned, ...]:
    """``unassigned`` whose reasons advise a later batch only where the
    campaign has one (`said_last`)."""
    if batch.later_batches:
        return tuple(unassigned)
    return tuple(replace(u, reason=said_last(u.reason)) for u in unassigned)


def _restamped(
    beds: Sequence[BedAssignment], routes: Sequence[Route], settings: Settings
) -> tuple[BedAssignment, ...]:
    """Beds dated from each rider's bus's arrival now (`bed_dates`), with its
    bus id (the rooms were taken for the late days too); a bed whose worker
    is on no bus now (turned self-returner since the last plan) has none,
    and is dated from its first night."""
    days = settings.quarantine.days
    arrival = {
        w: (bed_dates(d.arrive, days), r.bus_id)
        for r in routes
        for d in r.dropoffs
        for w in d.worker_ids
    }
    restamped = []
    for bed in beds:
        alone = self_return_dates(bed.start, days)
        (start, end), bus_id = arrival.get(bed.worker_id, (alone, ""))
        # To the quarantine's end: an early release that still stands is the
        # ledger's to apply again (`Ledger.with_releases`).
        restamped.append(replace(bed, start=start, end=end, bus_id=bus_id, released_on=None))
    return tuple(restamped)


def _dropoff_sites(batch: Batch) -> dict[str, str]:
    """Each rider's drop-off site before beds are reserved: their employer's
    gate, or the dormitories' stand-in for those bound for quarantine."""
    where = dropoffs.Dropoffs(batch)
    return {w.id: where.of(w, quarantine=w.id in batch.quarantine) for w in batch.riders}


def _pickups(
    batch: Batch,
    points: Sequence[PickupPoint],
    homeless: frozenset[str],
    site_of: Mapping[str, str],
) -> tuple[PickupPoint, ...]:
    """What a bus picks up: a point's riders bound for one drop-off site, in
    one cohort (a keep-together group stays whole, with its first member)."""
    return split_points(
        _dropping(points, homeless, site_of),
        {w: f"{site}|{w in batch.quarantine}" for w, site in site_of.items()},
        dropoffs.groups(batch.workers),
    )


def _dropping(
    points: Sequence[PickupPoint], homeless: frozenset[str], site_of: Mapping[str, str]
) -> tuple[PickupPoint, ...]:
    """Points less who has no bed, each rider with their drop-off."""
    return tuple(
        replace(p, dropoffs=tuple(site_of[w] for w in p.worker_ids))
        for p in without_workers(points, homeless)
    )


def _boarding_dorms(
    batch: Batch, pinned: Sequence[Route], housed: frozenset[str]
) -> dict[str, Route]:
    """Riders of ``pinned`` buses bound for quarantine who get off at a
    dormitory and have no bed yet (of ``housed``): whom the desk moved onto
    a bus to the dormitories.  Each with their bus."""
    return {
        w: route
        for route in pinned
        for stop in route.dropoffs
        if dropoffs.dorm_of_site(stop.point_id) is not None
        for w in stop.worker_ids
        if w in batch.quarantine and w not in housed
    }


def _named_buses(buses: Collection[str]) -> Text:
    """``buses`` by their ids after their noun: bus B1, buses B1, B2."""
    return Text(by_count("named_buses", len(buses)), buses=listed(sorted(buses)))


def _refuse_homeless_boarders(
    reservation: Allocation, boarding: Mapping[str, Route], moves: Mapping[str, Edit]
) -> None:
    """A rider moved onto a bus to the dormitories for whom no bed is free
    there cannot ride it: `InputError` naming them, their buses, and the
    first of the edits that moved them (``moves``, by worker id), at its row
    and its bus's column, as the edits file heads it.  So for a rider of a bus
    kept as it was whose room is gone from the dormitories (no edit moved
    them): the bus goes to that dormitory, which has no other bed."""
    stranded = sorted(u.worker_id for u in reservation.unplaced if u.worker_id in boarding)
    kept = [w for w in stranded if w not in moves]
    if kept:
        raise InputError(
            Text(
                by_count("kept_room_gone_no_bed", len(kept)),
                count=len(kept),
                workers=first_ids(kept),
                buses=_named_buses({boarding[w].bus_id for w in kept}),
            ),
            hint=Text("kept_room_gone_no_bed_action"),
        )
    if stranded:
        # The bus the edit names is what cannot take them, as `replan._move` says.
        first = min((moves[w] for w in stranded if w in moves), key=lambda e: e.row)
        raise InputError(
            Text(
                "moved_no_bed",
                riders=Text(by_count("rider_count", len(stranded)), count=len(stranded)),
                workers=first_ids(stranded),
                buses=_named_buses({boarding[w].bus_id for w in stranded}),
            ),
            row=first.row,
            column=first.column("bus_id"),
            hint=Text("moved_no_bed_action"),
        )


def _reserve(
    batch: Batch,
    settings: Settings,
    points: Sequence[PickupPoint],
    beds: Sequence[BedAssignment],
    housed: frozenset[str],
    within_reach: Mapping[str, tuple[str, ...]],
    *,
    sharing: frozenset[str] = frozenset(),
    boarding: Mapping[str, Route] | None = None,
) -> Allocation:
    """Beds for whoever could travel (riders a bus can reach, and
    self-returners) and has none yet, each rider in a dormitory a bus could
    bring them to (``within_reach``, where known).  Riders from one
    prefecture are one cohort, men and women alike, kept in as few
    dormitories as the rooms allow, so that a bus gathering them has few
    drop-offs to make: a far bus that must stop at a men's and a women's
    dormitory often breaks its riders' ride caps, where one for both would
    not.  Riders ``sharing`` a bus with one bound for quarantine give way
    to those bound there themselves.  Riders ``boarding`` a bus kept as it
    is (each with the bus) get a bed in the dormitory it drops them at."""
    boarding = boarding or {}
    can_ride = {w for p in points for w in p.worker_ids}
    riders = [w for w in batch.riders if w.id in can_ride and w.id not in housed]
    self_return = [w for w in batch.self_return if w.id not in housed]
    aboard = [w for w in batch.riders if w.id in boarding]
    requests = (
        [
            replace(
                request,
                cohort=f"area:{worker.division_code[:4]}",
                within_reach=within_reach.get(worker.id),
                gives_way=worker.id in sharing,
            )
            for worker, request in _requests(batch, settings, riders)
        ]
        + [request for _, request in _requests(batch, settings, self_return)]
        + [
            replace(request, gives_way=worker.id in sharing)
            for worker, request in _requests(
                batch, settings, aboard, list({r.bus_id: r for r in boarding.values()}.values())
            )
        ]
    )
    quick = replace(
        settings.quarantine, solver_seconds=settings.quarantine.solver_seconds * _RESERVATION_SHARE
    )
    return allocate_beds(
        requests,
        batch.dormitories,
        quick,
        occupied=beds,
        batch=batch.id,
        late_days=_late_days(settings),
    )


def _dorms_within_reach(
    batch: Batch, buses: RoutePlanner, points: Sequence[PickupPoint]
) -> dict[str, tuple[str, ...]]:
    """For each rider bound for quarantine, the dormitories a bus could bring
    them to within their ride cap; riders who could reach none are left out
    (any dormitory will do: no bus brings them, and routing says why)."""
    bound = [p for p in points if any(w in batch.quarantine for w in p.worker_ids)]
    dorms = sorted(batch.dormitories, key=lambda d: d.id)
    # Each point beside its copies for the other dormitories: a region's
    # travel matrix then holds few places and serves every dormitory.
    dorm_at = {dropoffs.dorm_site(dorm.id): dorm.id for dorm in dorms}
    there = [replace(p, dropoffs=(site,) * len(p.worker_ids)) for p in bound for site in dorm_at]
    reachable, _ = buses.reachable(there)
    found: dict[str, list[str]] = {}
    for point in reachable:
        dorm_id = dorm_at[point.dropoffs[0]]
        for w in point.worker_ids:
            found.setdefault(w, []).append(dorm_id)
    return {w: tuple(ids) for w, ids in found.items()}


def _allocate(
    batch: Batch,
    settings: Settings,
    routes: Sequence[Route],
    self_return: Sequence[Worker],
    housed: frozenset[str],
    held: Sequence[BedAssignment],
    reservation: Allocation,
) -> Allocation:
    """Rooms for who travels and has none yet: bus riders in the dormitory
    their bus takes them to, each bus's riders kept together."""
    travellers = [*_riders(batch, routes), *self_return]
    allocation = allocate_beds(
        [
            r
            for _, r in _requests(
                batch, settings, [w for w in travellers if w.id not in housed], routes
            )
        ],
        batch.dormitories,
        settings.quarantine,
        occupied=held,
        batch=batch.id,
        reserved=reservation,
        late_days=_late_days(settings),
    )
    if allocation.unplaced:
        # Riders of kept buses are on board without a reservation (a re-plan
        # keeps them): one who now needs a bed the dormitories lack is the
        # desk's to settle. Anyone else had one reserved: fail loudly.
        kept = {w: r.bus_id for r in routes if r.locked for w in r.worker_ids}
        if not all(u.worker_id in kept for u in allocation.unplaced):
            raise AssertionError("beds ran out after routing although they were reserved before it")
        raise InputError(
            Text(
                by_count("kept_bus_no_beds", len(allocation.unplaced)),
                count=len(allocation.unplaced),
                buses=_named_buses({kept[u.worker_id] for u in allocation.unplaced}),
            ),
            hint=Text("kept_bus_no_beds_action"),
        )
    return allocation


def _late_beds_free(
    batch: Batch,
    settings: Settings,
    buses: RoutePlanner,
    routing: RoutingResult,
    beds: Sequence[BedAssignment],
    held: Sequence[BedAssignment],
    site_of: Mapping[str, str],
    *,
    carried: Sequence[BedAssignment] = (),
) -> tuple[RoutingResult, tuple[BedAssignment, ...], tuple[Unassigned, ...]]:
    """The buses and beds with every bed free on each night its rider sleeps
    in it, and the riders left out for want of one.

    Beds were reserved for arrivals up to `_late_days` after departure, but
    the clock may put a bus's first pickup off by days: a reserved bed
    dated from a later arrival has nights nobody checked.  So has a bed
    ``carried`` over from an earlier plan (as dated there) whose bus now
    arrives on another day (timed anew for drop-outs or newcomers).  Only
    those beds (and those of riders whose bus is timed anew here) are
    checked against the other batches' ``held`` beds and the dormitories'
    dates.  A rider whose bed is not free then gets another in the
    dormitory their bus stops at, free on every night of theirs
    (`_rehoused`); one for whom there is none is left out with the reason,
    and leaves their bus (`_without_riders`).  Every other bed and bus
    stays as it was: a carried bed still free keeps its room.
    """
    # The last morning of the days reserved for (a bus arriving on the last
    # of the late days, in the small hours or not, leaves its rider's bed by then).
    last = batch.departure.date() + timedelta(days=_late_days(settings) + settings.quarantine.days)
    dated = {b.worker_id: (b.start, b.end) for b in carried}
    left: list[Unassigned] = []
    retimed: frozenset[str] = frozenset()
    # Each round leaves riders out, or ends: this ends.
    while True:
        beds = _restamped(beds, routing.routes, settings)
        late = [
            b
            for b in beds
            if b.worker_id in retimed
            or ((b.start, b.end) != dated[b.worker_id] if b.worker_id in dated else b.end > last)
        ]
        unfree = {
            b.worker_id for b in unfree_beds(late, batch.dormitories, held, settings.quarantine)
        }
        if not unfree:
            return routing, beds, tuple(left)
        beds = tuple(b for b in beds if b.worker_id not in unfree)
        rehoused, homeless = _rehoused(
            batch, settings, routing.routes, unfree, held, beds, carried=dated
        )
        beds = (*beds, *rehoused)
        if not homeless:
            return routing, beds, tuple(left)
        riders = Text(by_count("rider_count", len(homeless)), count=len(homeless))
        logger.debug("%s", Text("log_late_homeless", riders=riders))
        left += homeless
        riding = {w for r in routing.routes for w in r.worker_ids}
        gone = frozenset(u.worker_id for u in homeless)
        routing, retimed = _without_riders(buses, routing, gone, site_of, settings)
        # A bus timed anew may shed a stop its rules no longer allow (routing
        # says why): its riders' beds go with them.
        riding -= {w for r in routing.routes for w in r.worker_ids}
        beds = tuple(b for b in beds if b.worker_id not in riding)


def _rehoused(
    batch: Batch,
    settings: Settings,
    routes: Sequence[Route],
    workers: Collection[str],
    held: Sequence[BedAssignment],
    beds: Sequence[BedAssignment],
    *,
    carried: Mapping[str, tuple[date, date]] | None = None,
) -> tuple[list[BedAssignment], list[Unassigned]]:
    """Beds for riders of ``workers`` in the dormitory their bus stops at,
    free on every night from their bus's arrival (other batches' ``held``
    beds and cleaning counted), each arrival day in turn; and those of them
    left without one, with why (``carried``: the first night of a bed an
    earlier plan gave them, and its last morning).  Rooms this batch's ``beds`` use are not
    shared: they may be another sex's, or free on other nights only."""
    carried = carried or {}
    used = {(b.dorm_id, b.room) for b in beds}
    dorms = [
        replace(d, rooms=tuple(r for r in d.rooms if (d.id, r.number) not in used))
        for d in batch.dormitories
    ]
    requests = [
        r
        for _, r in _requests(batch, settings, [w for w in batch.riders if w.id in workers], routes)
    ]
    given: list[BedAssignment] = []
    homeless: list[Unassigned] = []
    for nights in sorted({(r.start, r.end) for r in requests}):
        found = allocate_beds(
            [r for r in requests if (r.start, r.end) == nights],
            dorms,
            settings.quarantine,
            occupied=(*held, *given),
            batch=batch.id,
        )
        given += found.beds
        unplaced = {u.worker_id for u in found.unplaced}
        homeless += [
            _no_late_bed(
                r,
                batch,
                settings,
                was=carried[r.worker_id][1] if r.worker_id in carried else None,
            )
            for r in requests
            if r.worker_id in unplaced
        ]
    return given, homeless


def _no_late_bed(
    request: BedRequest, batch: Batch, settings: Settings, *, was: date | None = None
) -> Unassigned:
    """Why a rider of a late bus, or of one that now arrives at another time
    than their bed (to the morning of ``was``) was given for, has no bed:
    its dormitory opens after their stay begins (a bus now arriving
    earlier) or closes before it ends, or its rooms are taken then.  Days
    said are arrivals' (a bed's last morning less the quarantine's days:
    `domain.last_morning`), not first nights, which may be the night before."""
    dorm = next(d for d in batch.dormitories if d.id == request.dorm)
    nights = settings.quarantine.days
    stay = timedelta(days=nights)
    day = str(request.end - stay)
    opens, closes = dorm.available_from, dorm.available_to
    last_night = request.end - timedelta(days=1)
    if opens is not None and request.start < opens:
        why = Text("late_dorm_not_open", date=str(opens))
    elif closes is not None and last_night > closes:
        why = Text("late_dorm_closed", date=str(closes))
    else:
        why = Text("late_rooms_taken")
    said = {
        "dorm": dorm.name or dorm.id,
        "who": who(request),
        "nights": Text(by_count("night_count", nights), count=nights),
        "why": why,
    }
    reason = (
        Text("no_bed_late", day=day, **said)
        if was is None
        else Text("no_bed_moved", day=day, was=str(was - stay), bus=request.bus_id, **said)
    )
    return Unassigned(
        worker_id=request.worker_id, stage="dormitory", reason=reason, row=request.row
    )


def _without_riders(
    buses: RoutePlanner,
    routing: RoutingResult,
    gone: frozenset[str],
    site_of: Mapping[str, str],
    settings: Settings,
) -> tuple[RoutingResult, frozenset[str]]:
    """The buses less the riders ``gone``, and the riders of buses timed
    anew.  A bus left empty no longer runs; one kept as announced (a
    re-plan's, ``locked``) keeps its stops and times; any other is timed
    anew for those it still carries, as for drop-outs in a re-plan
    (`RoutePlanner.replan`: its riders keep their seats, unless the rules
    no longer allow their stop, and no pickup is earlier than it was);
    every other bus stays as it was."""
    hit = {r.bus_id for r in routing.routes if gone & set(r.worker_ids)}
    staying = {w for r in routing.routes for w in r.worker_ids} - gone
    routes = [
        route_without(r, staying) if r.bus_id in hit else r
        for r in routing.routes
        if r.bus_id not in hit or staying & set(r.worker_ids)
    ]
    kept = [
        KeptBus(
            bus_id=r.bus_id,
            bus_type=r.bus_type,
            points=_dropping(_points([r]), frozenset(), site_of),
            boards={stop.point_id: stop.arrive for stop in r.stops},
            dropoffs=tuple(d.point_id for d in r.dropoffs),
        )
        for r in routes
        if r.bus_id in hit and not r.locked
    ]
    if not kept:
        return replace(routing, routes=tuple(routes)), frozenset()
    again = buses.replan(
        kept,
        (),
        pinned=[r for r in routes if r.bus_id not in hit or r.locked],
        max_shift_seconds=settings.replan.max_shift_minutes * 60,
    )
    retimed = frozenset(w for bus in kept for p in bus.points for w in p.worker_ids)
    return replace(
        routing, routes=again.routes, dropped=(*routing.dropped, *again.dropped)
    ), retimed


def route_without(route: Route, staying: Collection[str], *, locked: bool = False) -> Route:
    """The route as it runs, less whoever does not ride it now, of
    ``staying`` (a stop may be left empty); ``locked`` marks it kept as
    announced."""

    def keep(stops: tuple[Stop, ...]) -> tuple[Stop, ...]:
        return tuple(
            replace(s, worker_ids=tuple(w for w in s.worker_ids if w in staying)) for s in stops
        )

    return replace(
        route,
        stops=keep(route.stops),
        dropoffs=keep(route.dropoffs),
        seat_map=tuple(s for s in route.seat_map if s.worker_id in staying),
        locked=locked or route.locked,
    )


def _points(routes: Sequence[Route], *known: Sequence[PickupPoint]) -> list[PickupPoint]:
    """The pickup points the buses stop at, as they board now, with the
    division and name the ``known`` points give them (later groups win)."""
    division = {p.id: p.division_code for group in known for p in group if p.division_code}
    name = {p.id: p.name for group in known for p in group if p.name}
    return [
        PickupPoint(
            id=stop.point_id,
            location=stop.location,
            worker_ids=stop.worker_ids,
            division_code=division.get(stop.point_id, ""),
            name=name.get(stop.point_id, ""),
        )
        for route in routes
        for stop in route.stops
        if stop.worker_ids
    ]


def _riders(batch: Batch, routes: Iterable[Route]) -> list[Worker]:
    on_board = {w for r in routes for w in r.worker_ids}
    return [w for w in batch.riders if w.id in on_board]


def _late_days(settings: Settings) -> int:
    """Days after its batch departs that beds are reserved for arrivals up
    to: the driver-hours cap, and a day's wait for the receiving hours.  A
    bus may still arrive later (the clock puts a first pickup off by days,
    a layover splits a duty): `_late_beds_free` checks its riders' beds."""
    return math.ceil(settings.rules.max_route_minutes / (24 * 60)) + 1


def _requests(
    batch: Batch, settings: Settings, workers: Iterable[Worker], routes: Iterable[Route] = ()
) -> list[tuple[Worker, BedRequest]]:
    """Bed requests of those who must quarantine: a bus's riders are one
    cohort, arriving with it (`bed_dates`), in the dormitory it takes them
    to; self-returners are one cohort per employer, from the departure's
    day.  Riders no bus takes yet (a reservation) are dated from the
    earliest a bus may bring them: as the batch leaves, or when the gates
    open that day (`rules.arrive_from`)."""
    days = settings.quarantine.days
    riding = {w.id for w in batch.riders}
    leaves = batch.departure.date()
    alone = self_return_dates(leaves, days)
    opens = datetime.combine(leaves, time.fromisoformat(settings.rules.arrive_from))
    earliest = max(batch.departure, opens.replace(tzinfo=batch.departure.tzinfo))
    bus_of: dict[str, Route] = {w: route for route in routes for w in route.worker_ids}
    alight = {w: d for r in routes for d in r.dropoffs for w in d.worker_ids}
    employer_of = {e.id: e for e in batch.employers} | {e.name: e for e in batch.employers}
    requests = []
    for w in workers:
        if w.id not in batch.quarantine:
            continue
        bus = bus_of.get(w.id)
        employer = employer_of.get(w.employer)
        stop = alight.get(w.id)
        if bus:
            start, end = bed_dates(stop.arrive if stop else bus.end_arrive, days)
        else:
            start, end = bed_dates(earliest, days) if w.id in riding else alone
        requests.append(
            (
                w,
                BedRequest(
                    worker_id=w.id,
                    sex=w.sex,
                    cohort=bus.bus_id if bus else f"self:{w.employer}",
                    employer=employer.id if employer else w.employer,
                    employer_location=employer.location if employer else None,
                    start=start,
                    end=end,
                    row=w.row,
                    bus_id=bus.bus_id if bus else "",
                    dorm=(dropoffs.dorm_of_site(stop.point_id) if stop else None) or "",
                ),
            )
        )
    return requests


def _not_routed(
    batch: Batch, dropped: Iterable[DroppedPoint], *, held: int, fleet: int
) -> list[Unassigned]:
    """The riders of the points no bus takes; where buses ran out while
    other batches hold ``held`` of the ``fleet``, their reasons say so."""
    row_of = {w.id: w.row for w in batch.workers}
    return [
        Unassigned(
            worker_id=w,
            stage="route",
            reason=said_with_held(d.reason, held=held, fleet=fleet),
            row=row_of[w],
        )
        for d in dropped
        for w in d.point.worker_ids
    ]
