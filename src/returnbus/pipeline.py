"""The planning pipeline: prepare a batch once, then plan it.

`prepare` reads, validates, geocodes and screens a scenario's roster into a
`Batch`.  `plan_batch` plans a batch and touches neither the disk nor the
clock, so it can run many times (what-if settings), in another process, or
on part of a batch.  `make_plan` does both in one call.  Each stage is a
function from immutable inputs to a new result; this module calls them in
turn and keeps the account of who ended where, so that every roster row
lands in exactly one of: a bus, self-return, unassigned.
"""

from __future__ import annotations

import logging
import math
import time
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import timedelta
from functools import partial

from . import dropoffs, naming
from .campaign import choose_batch, split_groups
from .cluster import Clustering, cluster_homes, split_points, without_workers
from .domain import BedAssignment, PickupPoint, RosterIssue, Route, Site, Unassigned, Worker
from .errors import InputError
from .geo.coords import CoordSystem
from .geo.gazetteer import Gazetteer
from .geo.geocode import Geocoder, OfflineGeocoder, geocode_many
from .io.gazetteer import load_gazetteer
from .io.roster import RawTable, RosterReport, parse_location, read_roster
from .io.scenario import Scenario
from .locate import area_prefixes, division_prefix, locate_workers, place_riders
from .plan import Batch, Plan
from .quarantine import Allocation, BedRequest, allocate_beds, reserve_beds
from .routing import DroppedPoint, KeptBus, RoutePlanner
from .routing.engine import Clock
from .screen import screen
from .seating import effective_capacity
from .settings import Settings
from .travel import GreatCircleTravel, TravelModel

logger = logging.getLogger(__name__)


def make_plan(
    scenario: Scenario,
    *,
    batch: str | None = None,
    beds: Sequence[BedAssignment] = (),
    geocoder: Geocoder | None = None,
    travel: TravelModel | None = None,
    clock: Clock | None = time.perf_counter,
) -> Plan:
    """Prepare and plan a scenario's batch in one call.

    Parameters
    ----------
    scenario
        Input files and settings.
    batch
        The batch to plan (the roster's 返岗批次); None when it holds one.
    beds
        Beds other batches hold (from the ledger).
    geocoder
        Address lookup; the offline gazetteer by default (nothing leaves the machine).
    travel
        Travel model; great-circle distance with banded speeds by default.
    clock
        Keeps the routing search to its time limit; None: iterations only.
    """
    prepared = prepare(scenario, batch=batch, geocoder=geocoder)
    return plan_batch(prepared, scenario.settings, beds=beds, travel=travel, clock=clock)


def prepare(
    scenario: Scenario,
    *,
    batch: str | None = None,
    whole_roster: bool = False,
    geocoder: Geocoder | None = None,
    gazetteer: Gazetteer | None = None,
) -> Batch:
    """Read, validate, geocode and screen one batch of a scenario's roster, once.

    ``batch`` names the batch (the roster's 返岗批次) when the roster holds
    several; its rows keep their row numbers in the file.  ``whole_roster``
    takes every row whatever its batch (to check a roster).  Workers are
    kept in worker-id order, so nothing after this depends on the roster's
    row order.
    """
    gazetteer = gazetteer or load_gazetteer()
    intake = scenario.intake
    try:
        home = division_prefix(
            intake.screening.home_province, gazetteer, key="screening.home_province"
        )
        area = area_prefixes(intake.placement, gazetteer)
    except InputError as error:
        raise error.at(scenario.path) from None

    report = read_roster(scenario.roster, employers=_employer_keys(scenario.employers))
    choice = choose_batch(report, scenario, batch) if not whole_roster else None
    if choice is not None:
        report = _only_rows(report, choice.rows)
    workers = sorted(report.workers, key=lambda w: w.id)
    located = locate_workers(workers, geocoder or OfflineGeocoder(gazetteer))
    screening = screen(located, intake.screening, home_province_code=home)
    riders, misplaced = place_riders(screening.riders, intake.placement, area=area)
    logger.info(
        "roster: %d rows, %d accepted; screen: %d riders, %d self-return, %d turned away",
        report.rows_total,
        len(report.workers),
        len(riders),
        len(screening.self_return),
        len(report.rejected) + len(screening.unassigned) + len(misplaced),
    )
    return Batch(
        id=choice.id if choice else "",
        name=scenario.name,
        source=str(scenario.path.resolve()),
        departure=choice.departure if choice else scenario.departure,
        depot=scenario.depot,
        destination=choice.destination if choice else scenario.destination,
        fleet=choice.fleet if choice else scenario.fleet,
        employers=scenario.employers,
        dormitories=scenario.dormitories,
        workers=tuple(located),
        riders=tuple(riders),
        self_return=screening.self_return,
        quarantine=screening.quarantine,
        close_contacts=screening.close_contacts,
        places=naming.places([w.division_code for w in located if w.division_code], gazetteer),
        turned_away=(*report.rejected, *screening.unassigned, *misplaced),
        rejected=report.rejected_workers,
        issues=report.issues,
        rows_total=report.rows_total,
        roster=report.file,
        intake=intake,
    )


def plan_batch(
    batch: Batch,
    settings: Settings,
    *,
    beds: Sequence[BedAssignment] = (),
    travel: TravelModel | None = None,
    clock: Clock | None = None,
) -> Plan:
    """Plan a prepared batch: pickup points, buses and quarantine beds.

    ``beds`` are those other batches hold (from the ledger): their rooms are
    taken until the occupants leave and the cleaning days pass.  Pure: no
    file is read or written and no clock is read, unless ``clock`` gives the
    routing search its safety time limit; the search otherwise stops on its
    iteration budget, so the same batch and settings give the same plan.
    """
    rules = settings.rules
    batch = cohorts(batch, settings)
    if rules.quarantine_cohorts == "whole_bus":
        # Plan once as if mixed, send everyone sharing a bus with a rider bound
        # for quarantine to quarantine, then plan them apart.
        mixed = replace(settings, rules=replace(rules, quarantine_cohorts="mixed"))
        first = plan_batch(batch, mixed, beds=beds, travel=travel, clock=clock)
        sharing = {
            w for r in first.routes if set(r.worker_ids) & batch.quarantine for w in r.worker_ids
        }
        batch = replace(batch, quarantine=batch.quarantine | sharing)
    clustering = _cluster(batch, settings, batch.riders)
    start = Carried(new_points=clustering.points, unassigned=clustering.unassigned)
    buses = bus_planner(batch, settings, travel)
    return route_and_house(batch, settings, buses, start, beds=beds, clock=clock)


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


def _cluster(batch: Batch, settings: Settings, riders: Sequence[Worker]) -> Clustering:
    """Pickup points; apart for riders bound for quarantine unless cohorts mix."""
    size = largest_bus(batch, settings)
    if settings.rules.quarantine_cohorts == "mixed":
        return cluster_homes(riders, settings.cluster, max_size=size)
    parts = [
        cluster_homes(
            [w for w in riders if (w.id in batch.quarantine) == bound],
            settings.cluster,
            max_size=size,
        )
        for bound in (True, False)
    ]
    return Clustering(
        points=tuple(sorted((p for c in parts for p in c.points), key=lambda p: p.id)),
        unassigned=tuple(u for c in parts for u in c.unassigned),
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class Carried:
    """What routing starts from: buses carried over from an earlier plan
    (``pinned`` ones as they were, ``kept`` ones to adjust), new pickup
    points, beds that stay as they were, and who is already out."""

    pinned: tuple[Route, ...] = ()
    kept: tuple[KeptBus, ...] = ()
    new_points: tuple[PickupPoint, ...] = ()
    fixed_beds: tuple[BedAssignment, ...] = ()
    unassigned: tuple[Unassigned, ...] = ()


def bus_planner(batch: Batch, settings: Settings, travel: TravelModel | None) -> RoutePlanner:
    """The routing stage for this batch and these settings: drop-off sites
    zoned by what one bus may combine."""
    rules = settings.rules
    found = dropoffs.sites(batch)
    return RoutePlanner(
        depot=batch.depot,
        destination=batch.destination,
        fleet=batch.fleet,
        departure=batch.departure,
        rules=rules,
        seating=settings.seating,
        solver=settings.solver,
        travel=travel or GreatCircleTravel(settings.travel),
        sites=found,
        zones=dropoffs.zones(found, rules.max_dropoffs, apart=rules.quarantine_cohorts != "mixed"),
    )


def largest_bus(batch: Batch, settings: Settings) -> int:
    """Seats of the batch's largest bus under the seating policy."""
    return max((effective_capacity(b, settings.seating) for b in batch.fleet), default=0)


def route_and_house(
    batch: Batch,
    settings: Settings,
    buses: RoutePlanner,
    start: Carried,
    *,
    beds: Sequence[BedAssignment],
    clock: Clock | None,
) -> Plan:
    """Reserve beds, route the buses, allocate the beds, and account for everyone."""
    points, far = buses.reachable(start.new_points)
    held = (*beds, *start.fixed_beds)
    housed = frozenset(b.worker_id for b in start.fixed_beds)
    # Reserve beds before routing, so that no seat goes to whoever no room
    # can house and no bed to whoever no bus can bring.
    carried = [p for bus in start.kept for p in bus.points]
    reservation = _reserve(batch, settings, [*carried, *points], held, housed)
    homeless = {u.worker_id for u in reservation.unplaced}
    # Who keeps a bed from an earlier plan gets off at its dormitory.
    site_of = _dropoff_sites(batch) | {b.worker_id: f"dorm:{b.dorm_id}" for b in start.fixed_beds}
    kept = tuple(
        replace(bus, points=_dropping(bus.points, homeless, site_of)) for bus in start.kept
    )
    new_points = split_points(
        _dropping(points, homeless, site_of),
        {w: buses.zones.get(site, "") for w, site in site_of.items()},
        dropoffs.groups(batch.workers),
    )
    routing = buses.replan(
        kept,
        new_points,
        pinned=start.pinned,
        max_shift_seconds=settings.replan.max_shift_minutes * 60,
        clock=clock,
    )
    self_return = tuple(w for w in batch.self_return if w.id not in homeless)
    allocation = _allocate(batch, settings, routing.routes, self_return, housed, held, reservation)
    # Take riders bound for quarantine to the dormitories the allocator chose.
    dorm_of = {b.worker_id: f"dorm:{b.dorm_id}" for b in allocation.beds}
    routes, shed = buses.redrop(routing.routes, dorm_of)
    routing = replace(routing, routes=routes)
    not_routed = _not_routed(batch, (*far, *routing.dropped, *shed))
    travelling = {w for r in routing.routes for w in r.worker_ids} | {w.id for w in self_return}
    beds = _restamped(
        [b for b in (*start.fixed_beds, *allocation.beds) if b.worker_id in travelling],
        routes,
        settings,
    )
    logger.info(
        "plan: %d buses, %d on board, %d not routed, %d beds (%s)",
        len(routing.routes),
        sum(r.riders for r in routing.routes),
        len(not_routed),
        len(beds),
        allocation.status,
    )
    unassigned = (*batch.turned_away, *start.unassigned, *reservation.unplaced, *not_routed)
    return Plan(
        batch=batch,
        settings=settings,
        routes=routing.routes,
        self_return=tuple(w.id for w in self_return),
        unassigned=tuple(sorted(unassigned, key=lambda u: (u.row or 0, u.worker_id))),
        beds=tuple(sorted(beds, key=lambda b: b.worker_id)),
        # Those who travel and need a bed, and those turned away for want of one.
        quarantine_required=tuple(sorted(batch.quarantine & (travelling | homeless))),
        pickup_points=tuple(
            sorted(
                naming.name_points(
                    list({p.id: p for p in _points(routing.routes, carried, new_points)}.values()),
                    batch.workers,
                    batch.places,
                ),
                key=lambda p: p.id,
            )
        ),
        solve_seconds=routing.solve_seconds,
        search_iterations=routing.iterations,
        search_stop=routing.stopped_by,
        dorm_status=allocation.status,
        dorm_objective=allocation.objective,
        dorm_bound=allocation.bound,
        cohorts_split=allocation.cohorts_split,
        to_call=tuple(w.id for w in batch.workers if w.id in travelling and not w.phone),
    )


def _restamped(
    beds: Sequence[BedAssignment], routes: Sequence[Route], settings: Settings
) -> tuple[BedAssignment, ...]:
    """Beds dated from the day each rider's bus now arrives, with its bus id
    (taking riders on to their dormitories may move both; the rooms were
    taken for the late days)."""
    arrival = {
        w: (d.arrive.date(), r.bus_id) for r in routes for d in r.dropoffs for w in d.worker_ids
    }
    stay = timedelta(days=settings.quarantine.days)
    restamped = []
    for bed in beds:
        day, bus_id = arrival.get(bed.worker_id, (bed.start, bed.bus_id))
        restamped.append(replace(bed, start=day, end=day + stay, bus_id=bus_id))
    return tuple(restamped)


def _dropoff_sites(batch: Batch) -> dict[str, str]:
    """Each rider's drop-off site while routing: their employer's gate, or the
    dormitories' stand-in for those bound for quarantine."""
    where = dropoffs.Dropoffs(batch)
    return {w.id: where.of(w, quarantine=w.id in batch.quarantine) for w in batch.riders}


def _dropping(
    points: Sequence[PickupPoint], homeless: set[str], site_of: Mapping[str, str]
) -> tuple[PickupPoint, ...]:
    """Points less who has no bed, each rider with their drop-off."""
    return tuple(
        replace(p, dropoffs=tuple(site_of[w] for w in p.worker_ids))
        for p in without_workers(points, homeless)
    )


def _allocate(
    batch: Batch,
    settings: Settings,
    routes: Sequence[Route],
    self_return: Sequence[Worker],
    housed: frozenset[str],
    held: Sequence[BedAssignment],
    reservation: Allocation,
) -> Allocation:
    """Beds for who travels and has none yet; bus riders in the dormitory their bus stops at."""
    travellers = [*_riders(batch, routes), *self_return]
    allocation = allocate_beds(
        _bed_requests(batch, [w for w in travellers if w.id not in housed], routes),
        batch.dormitories,
        settings.quarantine,
        occupied=held,
        batch=batch.id,
        reserved=reservation,
        late_days=_late_days(settings),
    )
    if allocation.unplaced:  # the reservation always stands; fail loudly if it did not
        raise AssertionError("beds ran out after routing although they were reserved before it")
    return allocation


def _points(routes: Sequence[Route], *known: Sequence[PickupPoint]) -> list[PickupPoint]:
    """The pickup points the buses stop at, as they board now."""
    division = {p.id: p.division_code for group in known for p in group}
    return [
        PickupPoint(
            id=stop.point_id,
            location=stop.location,
            worker_ids=stop.worker_ids,
            division_code=division.get(stop.point_id, ""),
        )
        for route in routes
        for stop in route.stops
        if stop.worker_ids
    ]


def _employer_keys(employers: Sequence[Site]) -> list[str]:
    """What a roster's employer column may hold: an employer's id or name."""
    return [e.id for e in employers] + [e.name for e in employers]


def _only_rows(report: RosterReport, rows: frozenset[int]) -> RosterReport:
    """The report of only these rows."""
    return replace(
        report,
        workers=tuple(w for w in report.workers if w.row in rows),
        rejected=tuple(u for u in report.rejected if u.row in rows),
        rejected_workers=tuple(w for w in report.rejected_workers if w.row in rows),
        issues=tuple(i for i in report.issues if i.row in rows),
        rows_total=len(rows),
        batch_of_row={r: b for r, b in report.batch_of_row.items() if r in rows},
    )


def _riders(batch: Batch, routes: Iterable[Route]) -> list[Worker]:
    on_board = {w for r in routes for w in r.worker_ids}
    return [w for w in batch.riders if w.id in on_board]


def _reserve(
    batch: Batch,
    settings: Settings,
    points: Sequence[PickupPoint],
    beds: Sequence[BedAssignment],
    housed: frozenset[str],
) -> Allocation:
    """Beds reserved for whoever could travel (riders a bus can reach, and
    self-returners) and has none yet."""
    can_ride = {w for p in points for w in p.worker_ids}
    travellers = [
        w
        for w in (*(w for w in batch.riders if w.id in can_ride), *batch.self_return)
        if w.id not in housed
    ]
    return reserve_beds(
        _bed_requests(batch, travellers, ()),
        batch.dormitories,
        settings.quarantine,
        occupied=beds,
        batch=batch.id,
        late_days=_late_days(settings),
    )


def _late_days(settings: Settings) -> int:
    """Days a bus may arrive after its batch departs: the driver-hours cap,
    and a day's wait for the receiving hours."""
    return math.ceil(settings.rules.max_route_minutes / (24 * 60)) + 1


def _bed_requests(
    batch: Batch, workers: Iterable[Worker], routes: Iterable[Route]
) -> list[BedRequest]:
    """Bed requests of those who must quarantine: a bus's riders are one
    cohort, arriving with it; self-returners are one cohort per employer."""
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
        requests.append(
            BedRequest(
                worker_id=w.id,
                sex=w.sex,
                cohort=bus.bus_id if bus else f"self:{w.employer}",
                employer=employer.id if employer else w.employer,
                employer_location=employer.location if employer else None,
                start=(stop.arrive if stop else bus.end_arrive).date()
                if bus
                else batch.departure.date(),
                row=w.row,
                bus_id=bus.bus_id if bus else "",
                dorm=stop.point_id.removeprefix("dorm:")
                if stop and stop.point_id.startswith("dorm:")
                else "",
            )
        )
    return requests


def _not_routed(batch: Batch, dropped: Iterable[DroppedPoint]) -> list[Unassigned]:
    row_of = {w.id: w.row for w in batch.workers}
    return [
        Unassigned(worker_id=w, stage="route", reason=d.reason, row=row_of[w])
        for d in dropped
        for w in d.point.worker_ids
    ]


@dataclass(frozen=True, slots=True, kw_only=True)
class RosterCheck:
    """What `check_roster` found: every issue, and how precisely the homes were placed."""

    batch: Batch
    issues: tuple[RosterIssue, ...]
    precision: Mapping[str, int]


def check_roster(scenario: Scenario, *, geocoder: Geocoder | None = None) -> RosterCheck:
    """Validate a roster and geocode it, without planning.

    Every batch of the roster is checked.  Adds to the roster's own issues
    those the planner would find later: a bus rider's home that cannot be
    placed precisely enough or that lies outside the planning area, and
    keep-together groups split over batches or travel modes.
    """
    batch = prepare(scenario, whole_roster=True, geocoder=geocoder)
    issues = [*batch.issues, *split_groups(batch.workers)]
    for lost in batch.turned_away:
        if lost.stage != "geocode":
            continue
        issues.append(
            RosterIssue(
                row=lost.row or 0,
                column="home_address",
                value="",
                problem=lost.reason,  # the reason says what to do, too
                action="",
                worker_id=lost.worker_id,
            )
        )
    issues.sort(key=lambda i: (i.row, i.column))
    return RosterCheck(
        batch=batch,
        issues=tuple(issues),
        precision=Counter(w.precision for w in batch.workers),
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class GeocodedTable:
    """A roster table with every row placed: its columns, then ``lat``,
    ``lon`` (WGS-84), ``precision``, ``division_code``, ``division_name``
    and ``geocode_note``."""

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    precision: Mapping[str, int]


GEOCODE_COLUMNS = ("lat", "lon", "precision", "division_code", "division_name", "geocode_note")


def geocode_table(
    table: RawTable, geocoder: Geocoder, *, coord_system: CoordSystem = "wgs84"
) -> GeocodedTable:
    """Place every row of a roster table; coordinates in the roster win over the address."""
    values = [table.values(cells) for _, cells in table.rows]
    results = geocode_many(geocoder, [v.get("home_address", "") for v in values])
    keep = [i for i, h in enumerate(table.headers) if h not in GEOCODE_COLUMNS]
    rows: list[tuple[str, ...]] = []
    counts: Counter[str] = Counter()
    for (_, cells), row_values, result in zip(table.rows, values, results, strict=True):
        problems: list[str] = []
        given = parse_location(row_values, coord_system, partial(_note, problems))
        point, precision, note = result.location, result.precision, result.note
        if given is not None:
            point, precision, note = given, "exact", "roster coordinates used"
        if problems:
            note = "; ".join([*problems, note] if note else problems)
        counts[precision] += 1
        rows.append(
            (
                *(cells[i] if i < len(cells) else "" for i in keep),
                "" if point is None else f"{point.lat:.6f}",
                "" if point is None else f"{point.lon:.6f}",
                precision,
                result.division_code,
                result.division_name,
                note,
            )
        )
    headers = (*(table.headers[i] for i in keep), *GEOCODE_COLUMNS)
    return GeocodedTable(headers=headers, rows=tuple(rows), precision=counts)


def _note(notes: list[str], _field: str, text: str, _action: str, *_: object) -> None:
    notes.append(text)
