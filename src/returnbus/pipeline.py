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
import time
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial

from .cluster import cluster_homes, without_workers
from .domain import LatLon, PickupPoint, RosterIssue, Route, Site, Unassigned, Worker
from .errors import InputError
from .geo.coords import CoordSystem
from .geo.gazetteer import Gazetteer
from .geo.geocode import Geocoder, OfflineGeocoder, geocode_many
from .io.gazetteer import load_gazetteer
from .io.roster import RawTable, parse_location, read_roster
from .io.scenario import Scenario
from .locate import area_prefixes, division_prefix, locate_workers, place_riders
from .plan import Batch, Plan
from .quarantine import BedRequest, allocate_beds, pool_requests
from .routing import DroppedPoint, RoutePlanner
from .routing.engine import Clock
from .screen import screen
from .seating import effective_capacity
from .settings import Settings
from .travel import GreatCircleTravel, TravelModel

logger = logging.getLogger(__name__)


def make_plan(
    scenario: Scenario,
    *,
    geocoder: Geocoder | None = None,
    travel: TravelModel | None = None,
    clock: Clock | None = time.perf_counter,
) -> Plan:
    """Prepare and plan a scenario's batch in one call.

    Parameters
    ----------
    scenario
        Input files and settings.
    geocoder
        Address lookup; the offline gazetteer by default (nothing leaves the machine).
    travel
        Travel model; great-circle distance with banded speeds by default.
    clock
        Keeps the routing search to its time limit; None: iterations only.
    """
    batch = prepare(scenario, geocoder=geocoder)
    return plan_batch(batch, scenario.settings, travel=travel, clock=clock)


def prepare(
    scenario: Scenario,
    *,
    geocoder: Geocoder | None = None,
    gazetteer: Gazetteer | None = None,
) -> Batch:
    """Read, validate, geocode and screen a scenario's roster, once.

    Workers are kept in worker-id order, so nothing after this depends on
    the roster's row order.
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
        name=scenario.name,
        departure=scenario.departure,
        depot=scenario.depot,
        destination=scenario.destination,
        fleet=scenario.fleet,
        employers=scenario.employers,
        dormitories=scenario.dormitories,
        workers=tuple(located),
        riders=tuple(riders),
        self_return=screening.self_return,
        quarantine=screening.quarantine,
        turned_away=(*report.rejected, *screening.unassigned, *misplaced),
        issues=report.issues,
        rows_total=report.rows_total,
        roster=report.file,
        intake=intake,
    )


def plan_batch(
    batch: Batch,
    settings: Settings,
    *,
    travel: TravelModel | None = None,
    clock: Clock | None = None,
) -> Plan:
    """Plan a prepared batch: pickup points, buses and quarantine beds.

    Pure: no file is read or written and, without a ``clock``, the routing
    search runs on ``settings.solver.iterations`` alone, so the same batch
    and settings give the same plan.  With a clock, its time limit applies
    too.
    """
    travel = travel or GreatCircleTravel(settings.travel)
    buses = RoutePlanner(
        depot=batch.depot,
        destination=batch.destination,
        fleet=batch.fleet,
        departure=batch.departure,
        rules=settings.rules,
        seating=settings.seating,
        solver=settings.solver,
        travel=travel,
    )
    largest = max((effective_capacity(b, settings.seating) for b in batch.fleet), default=0)
    clustering = cluster_homes(batch.riders, settings.cluster, max_size=largest)
    points, far = buses.reachable(clustering.points)
    # Turn away, before routing, whoever a bus could bring but no room can
    # house: no seat is wasted on them, and no bed on who cannot come.
    no_bed = _without_beds(batch, points)
    homeless = {u.worker_id for u in no_bed}
    points = without_workers(points, homeless)
    routing = buses.plan(points, clock=clock)
    self_return = tuple(w for w in batch.self_return if w.id not in homeless)
    beds, no_bed_after = allocate_beds(
        _bed_requests(batch, [*_riders(batch, routing.routes), *self_return], routing.routes),
        batch.dormitories,
        settings.quarantine,
    )
    if no_bed_after:  # pooling is monotone, so this cannot happen; fail loudly if it does
        raise AssertionError("beds ran out after routing although they were reserved before it")
    not_routed = _not_routed(batch, (*far, *routing.dropped))
    logger.info(
        "plan: %d pickup points, %d buses, %d on board, %d not routed, %d beds",
        len(points),
        len(routing.routes),
        sum(r.riders for r in routing.routes),
        len(not_routed),
        len(beds),
    )
    travelling = {w for r in routing.routes for w in r.worker_ids} | {w.id for w in self_return}
    unassigned = (*batch.turned_away, *no_bed, *clustering.unassigned, *not_routed)
    return Plan(
        batch=batch,
        settings=settings,
        routes=routing.routes,
        self_return=tuple(w.id for w in self_return),
        unassigned=tuple(sorted(unassigned, key=lambda u: (u.row or 0, u.worker_id))),
        beds=beds,
        # Those who travel and need a bed, and those turned away for want of one.
        quarantine_required=tuple(sorted(batch.quarantine & (travelling | homeless))),
        pickup_points=tuple(points),
        solve_seconds=routing.solve_seconds,
    )


def _employer_keys(employers: Sequence[Site]) -> list[str]:
    """What a roster's employer column may hold: an employer's id or name."""
    return [e.id for e in employers] + [e.name for e in employers]


def _riders(batch: Batch, routes: Iterable[Route]) -> list[Worker]:
    on_board = {w for r in routes for w in r.worker_ids}
    return [w for w in batch.riders if w.id in on_board]


def _without_beds(batch: Batch, points: Sequence[PickupPoint]) -> tuple[Unassigned, ...]:
    """Who could travel but would find no quarantine room."""
    can_ride = {w for p in points for w in p.worker_ids}
    travellers = [*(w for w in batch.riders if w.id in can_ride), *batch.self_return]
    _, no_bed = pool_requests(_bed_requests(batch, travellers, ()), batch.dormitories)
    return tuple(no_bed)


def _bed_requests(
    batch: Batch, workers: Iterable[Worker], routes: Iterable[Route]
) -> list[BedRequest]:
    """Bed requests of those who must quarantine: a bus's riders are one
    cohort, arriving with it; self-returners are one cohort per employer."""
    cohort_of: dict[str, str] = {}
    start_of: dict[str, date] = {}
    for route in routes:
        for w in route.worker_ids:
            cohort_of[w], start_of[w] = route.bus_id, route.end_arrive.date()
    employer_at = _employer_locations(batch.employers)
    return [
        BedRequest(
            worker_id=w.id,
            sex=w.sex,
            cohort=cohort_of.get(w.id, f"self:{w.employer}"),
            employer_location=employer_at.get(w.employer),
            start=start_of.get(w.id, batch.departure.date()),
            row=w.row,
        )
        for w in workers
        if w.id in batch.quarantine
    ]


def _employer_locations(employers: Sequence[Site]) -> dict[str, LatLon]:
    return {e.id: e.location for e in employers} | {e.name: e.location for e in employers}


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

    Adds to the roster's own issues those the planner would find later: a
    bus rider's home that cannot be placed precisely enough, or that lies
    outside the planning area.
    """
    batch = prepare(scenario, geocoder=geocoder)
    issues = list(batch.issues)
    for lost in batch.turned_away:
        if lost.stage != "geocode":
            continue
        problem, _, action = lost.reason.partition("; ")
        issues.append(
            RosterIssue(
                row=lost.row or 0,
                column="home_address",
                value="",
                problem=problem,
                action=action,
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
