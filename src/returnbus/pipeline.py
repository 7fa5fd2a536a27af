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
from collections.abc import Collection, Mapping, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from functools import partial

from . import naming
from .campaign import (
    HeldBus,
    choose_batch,
    shared_days,
    split_groups,
    stray_issues,
    stray_reason,
)
from .cluster import Clustering, cluster_homes
from .domain import BedAssignment, PickupPoint, RosterIssue, Route, Site, Unassigned, Worker
from .errors import InputError
from .geo.coords import CoordSystem
from .geo.gazetteer import Gazetteer
from .geo.geocode import Geocoder, OfflineGeocoder, geocode_many
from .ids import batch_key
from .io.gazetteer import load_gazetteer
from .io.roster import RawTable, RosterReport, coordinates_order, parse_location, read_roster
from .io.scenario import Scenario
from .locate import area_prefixes, division_prefix, locate_workers, place_riders
from .plan import Batch, Plan
from .progress import UNWATCHED, Progress
from .route_and_house import (
    Carried,
    Stopwatch,
    cohorts,
    largest_bus,
    riding_with,
    route_and_house,
    settle_whole_bus,
)
from .routing.engine import Clock
from .screen import HOME_UNKNOWN, red_code_groups, screen
from .settings import Settings
from .text import Lang, Text, by_count, joined, say
from .travel import TravelModel, great_circle_km

logger = logging.getLogger(__name__)
_BEIJING = timedelta(hours=8)


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
    red_groups: Collection[str] = (),
    roster: RosterReport | None = None,
) -> Batch:
    """Read, validate, geocode and screen one batch of a scenario's roster, once.

    ``batch`` names the batch (the roster's 返岗批次) when the roster holds
    several; its rows keep their row numbers in the file.  ``whole_roster``
    takes every row whatever its batch (to check a roster).  Workers are
    kept in worker-id order, so nothing after this depends on the roster's
    row order.  ``red_groups``: keep-together groups with a red code in
    another roster too (a late one), whose members here are close contacts.
    ``roster``: the scenario's roster already read (`read_scenario_roster`).
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

    report = roster or read_scenario_roster(scenario)
    # A close contact is one whatever the batch: judged over the whole roster.
    red_groups = red_groups_in(report) | set(red_groups)
    sharing = shared_days(report, scenario)
    for warning in sharing if not whole_roster else ():
        logger.warning("%s", warning.problem)
    strays = stray_issues(report, scenario) if whole_roster else []
    choice = choose_batch(report, scenario, batch) if not whole_roster else None
    stray: tuple[Unassigned, ...] = ()
    stray_workers: tuple[Worker, ...] = ()
    if choice is not None:
        # Rows no batch plans are listed in every batch's plan, until the desk fixes them.
        stray = _stray(report, scenario, choice.stray)
        stray_workers = tuple(
            w for w in (*report.workers, *report.rejected_workers) if w.row in choice.stray
        )
        report = _only_rows(report, choice.rows)
    workers = sorted(report.workers, key=lambda w: w.id)
    located = locate_workers(workers, geocoder or OfflineGeocoder(gazetteer), gazetteer=gazetteer)
    screening = screen(located, intake.screening, home_province_code=home, red_groups=red_groups)
    riders, misplaced = place_riders(screening.riders, intake.placement, area=area)
    logger.debug(
        "%s",
        Text(
            "log_batch_counted",
            rows=Text(by_count("row_count", report.rows_total), count=report.rows_total),
            accepted=len(report.workers),
            riders=Text(by_count("rider_count", len(riders)), count=len(riders)),
            self_return=len(screening.self_return),
            turned_away=len(report.rejected) + len(screening.unassigned) + len(misplaced),
        ),
    )
    departure = choice.departure if choice else scenario.departure
    _warn_off_beijing_time(departure)
    return Batch(
        id=choice.id if choice else "",
        name=scenario.name,
        source=str(scenario.path.resolve()),
        departure=departure,
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
        quarantine_causes=screening.causes,
        places=naming.places([w.division_code for w in located if w.division_code], gazetteer),
        turned_away=(*report.rejected, *screening.unassigned, *misplaced, *stray),
        rejected=(*report.rejected_workers, *stray_workers),
        issues=(*report.issues, *(sharing if whole_roster else ()), *strays),
        rows_total=report.rows_total + len(stray),
        roster=report.file,
        intake=intake,
        # Batches without [[batch]] dates all leave on the scenario's day: none later.
        later_batches=tuple(b.id for b in scenario.batches if b.departure > departure),
    )


def _warn_off_beijing_time(departure: datetime) -> None:
    """A departure in another time zone (a "Z" typed for Beijing time) sets
    the plan's clock: the rules' hours are taken in it, the papers print it."""
    offset = departure.utcoffset()
    if offset is None or offset == _BEIJING:
        return
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    logger.warning(
        "%s",
        Text(
            "departure_not_beijing",
            offset=f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}",
            when=departure.strftime("%Y-%m-%d %H:%M"),
        ),
    )


def plan_batch(
    batch: Batch,
    settings: Settings,
    *,
    beds: Sequence[BedAssignment] = (),
    vehicles: Sequence[HeldBus] = (),
    travel: TravelModel | None = None,
    clock: Clock | None = None,
    executor: Executor | None = None,
    progress: Progress = UNWATCHED,
) -> Plan:
    """Plan a prepared batch: pickup points, buses and quarantine beds.

    ``beds`` and ``vehicles`` are those other batches hold (from the
    ledger): their rooms are taken until the occupants leave and the
    cleaning days pass, their buses until back at the depot and rested.  Pure: no
    file is read or written and no clock is read, unless ``clock`` gives the
    routing search its safety time limit; the search otherwise stops on its
    budgets, so the same batch and settings give the same plan.  The
    search's sectors run on ``executor`` (a process pool, a Dask client's
    executor) when given, with the same plan.  ``progress`` hears of each
    stage as it begins.
    """
    rules = settings.rules
    batch = cohorts(batch, settings)
    apart = partial(
        _plan_apart,
        beds=beds,
        vehicles=vehicles,
        travel=travel,
        clock=clock,
        executor=executor,
        progress=progress,
    )
    if rules.quarantine_cohorts != "whole_bus":
        return apart(batch, settings)
    # Plan once as if mixed (the batch's cohorts are settled already): whoever
    # shares a bus with a rider bound for quarantine is sent there too, and
    # the batch is planned apart until each of them does in that plan.
    bound = batch.quarantine

    def sending(sharing: frozenset[str]) -> Plan:
        return apart(replace(batch, quarantine=bound | sharing), settings, sharing=sharing)

    def around(plan: Plan) -> Plan:
        # The buses that carry a rider bound for quarantine run as planned;
        # everyone else is planned anew, cohorts apart, and nobody more is
        # sent: each bus then keeps the rule, and who is left has the
        # reason of their own cohort.
        held = tuple(r for r in plan.routes if not bound.isdisjoint(r.worker_ids))
        aboard = riding_with(plan, bound)
        return apart(
            replace(batch, quarantine=bound | aboard),
            settings,
            sharing=aboard - bound,
            held=held,
            held_beds=tuple(b for b in plan.beds if b.worker_id in aboard),
            known_points=plan.pickup_points,
        )

    first = apart(batch, replace(settings, rules=replace(rules, quarantine_cohorts="mixed")))
    return settle_whole_bus(sending, bound, riding_with(first, bound) - bound, settle=around)


def _plan_apart(
    batch: Batch,
    settings: Settings,
    *,
    beds: Sequence[BedAssignment],
    vehicles: Sequence[HeldBus],
    travel: TravelModel | None,
    clock: Clock | None,
    executor: Executor | None,
    progress: Progress,
    sharing: frozenset[str] = frozenset(),
    held: tuple[Route, ...] = (),
    held_beds: tuple[BedAssignment, ...] = (),
    known_points: tuple[PickupPoint, ...] = (),
) -> Plan:
    """Plan a batch whose riders bound for quarantine are settled (see `plan_batch`);
    ``sharing``: those of them sent only for sharing a bus (`Carried.sharing`).
    ``held`` buses run as they are, their riders keeping ``held_beds``, and
    their stops the names of ``known_points``."""
    watch = Stopwatch(clock)
    progress.stage("cluster")
    aboard = {w for r in held for w in r.worker_ids}
    clustering = _cluster(batch, settings, [w for w in batch.riders if w.id not in aboard])
    watch.lap("cluster")
    start = Carried(
        pinned=held,
        new_points=clustering.points,
        fixed_beds=held_beds,
        known_points=known_points,
        unassigned=clustering.unassigned,
        stage_seconds=tuple(watch.laps),
        sharing=sharing,
    )
    return route_and_house(
        batch,
        settings,
        start,
        beds=beds,
        vehicles=vehicles,
        travel=travel,
        clock=clock,
        executor=executor,
        progress=progress,
    )


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


def _employer_keys(employers: Sequence[Site]) -> list[str]:
    """What a roster's employer column may hold: an employer's id or name."""
    return [e.id for e in employers] + [e.name for e in employers]


def _stray(
    report: RosterReport, scenario: Scenario, stray: Mapping[int, str]
) -> tuple[Unassigned, ...]:
    """The rows no batch plans, each unassigned with why and what to do (and
    the row's own errors, if any, so the desk fixes them in one go).  A row
    refused for its batch cell is said by its errors alone: they say what
    Excel did to the cell and what to write."""
    ids = {w.row: w.id for w in (*report.workers, *report.rejected_workers)}
    ids |= {u.row: u.worker_id for u in report.rejected if u.row is not None and u.worker_id}
    errors = {u.row: u.reason for u in report.rejected if u.row is not None}
    planned = [t for r, t in report.batch_of_row.items() if r not in stray]
    refused = report.batch_refused

    def reason(row: int, text: str) -> str:
        if row in refused:
            return errors[row]
        why = stray_reason(text, scenario, planned)
        return joined([why, errors[row]]) if row in errors else why

    return tuple(
        Unassigned(worker_id=ids.get(row, ""), stage="roster", reason=reason(row, text), row=row)
        for row, text in sorted(stray.items())
    )


def _only_rows(report: RosterReport, rows: frozenset[int]) -> RosterReport:
    """The report of only these rows, with the issues of rows no batch holds
    (a header pasted again in the list): every batch's plan warns of those."""
    return replace(
        report,
        workers=tuple(w for w in report.workers if w.row in rows),
        rejected=tuple(u for u in report.rejected if u.row in rows),
        rejected_workers=tuple(w for w in report.rejected_workers if w.row in rows),
        issues=tuple(i for i in report.issues if i.row in rows or i.row not in report.batch_of_row),
        rows_total=len(rows),
        batch_of_row={r: b for r, b in report.batch_of_row.items() if r in rows},
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class RosterCheck:
    """What `check_roster` found: every issue, and how precisely the homes were placed."""

    batch: Batch
    issues: tuple[RosterIssue, ...]
    precision: Mapping[str, int]


def read_scenario_roster(scenario: Scenario) -> RosterReport:
    """The scenario's roster, read and validated against its employers."""
    return read_roster(scenario.roster, employers=_employer_keys(scenario.employers))


def red_groups_in(report: RosterReport) -> frozenset[str]:
    """The keep-together groups of a roster with a red code."""
    return red_code_groups((*report.workers, *report.rejected_workers))


def check_roster(scenario: Scenario, *, geocoder: Geocoder | None = None) -> RosterCheck:
    """Validate a roster and geocode it, without planning.

    Every batch of the roster is checked.  Adds to the roster's own issues
    those the planner would find later: a bus rider's home that cannot be
    placed precisely enough or that lies outside the planning area, and
    keep-together groups split over batches or travel modes.
    """
    batch = prepare(scenario, whole_roster=True, geocoder=geocoder)
    contacts = scenario.intake.screening.close_contacts
    issues = [
        *batch.issues,
        *split_groups(batch.workers, contacts=contacts),
        *_oversized_groups(batch, scenario.settings),
        *_placed_off_address(batch, load_gazetteer()),
        *_home_unknown(batch, scenario.intake.screening.home_province),
    ]
    addresses = {w.row: w.address for w in batch.workers}
    for lost in batch.turned_away:
        if lost.stage != "geocode":
            continue
        # The reason is the problem, then what to do: each its own column here.
        problem, action = _problem_and_action(lost.reason)
        issues.append(
            RosterIssue(
                row=lost.row or 0,
                column="home_address",
                value=addresses.get(lost.row or 0, ""),
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


def _problem_and_action(reason: str) -> tuple[str, str]:
    """A reason `joined` of its problem and what to do, apart; any other
    reason is all problem."""
    if isinstance(reason, Text) and reason.key == "_joined":
        problem, *action = reason.args["parts"]
        return problem, action[0] if len(action) == 1 else joined(action)
    return reason, ""


#: How far (km) a roster's coordinates may lie from the seat of the
#: division its address names before `check` asks which is wrong: a
#: township is a few km across, a county rarely over 100.
_OFF_ADDRESS_KM = {"township": 30.0, "county": 120.0}


def _placed_off_address(batch: Batch, gazetteer: Gazetteer) -> list[RosterIssue]:
    """Rows whose 纬度/经度 lie far from the township or county their address
    names: one of the two is wrong, and the bus would go to the coordinates
    while the papers name the address's village.  The coordinates are a
    home: the issue names the division and the distance (its value), not
    the point."""
    issues = []
    for worker in batch.workers:
        home, code = worker.roster_location, worker.division_code
        if home is None or code not in gazetteer:
            continue
        division = gazetteer.get(code)
        limit = _OFF_ADDRESS_KM.get(division.level)
        if limit is None or division.location is None:
            continue
        seat = division.location
        km = float(great_circle_km(home.lat, home.lon, seat.lat, seat.lon))
        if km > limit:
            issues.append(
                RosterIssue(
                    row=worker.row,
                    column="lat",
                    value=Text("placed_off_address_km", km=round(km)),
                    problem=Text("placed_off_address", km=round(km), division=division.full_name),
                    action=Text("placed_off_address_action"),
                    severity="warning",
                    worker_id=worker.id,
                )
            )
    return issues


def _home_unknown(batch: Batch, home_province: str) -> list[RosterIssue]:
    """Self-returners bound for quarantine only because their home is placed
    in no province: the rule counts them as from outside ``home_province``,
    which nobody established, so `check` warns before the plan binds them
    (the plan's lists say it after, `why_self_return_home_unknown`).  Those
    bound for their health code or origin's risk are bound whatever their
    home: not warned."""
    return [
        RosterIssue(
            row=worker.row,
            column="home_address",
            value=worker.address,
            problem=Text("self_return_home_unknown", province=home_province),
            action=Text("self_return_home_unknown_action"),
            severity="warning",
            worker_id=worker.id,
        )
        for worker in batch.self_return
        if (cause := batch.quarantine_causes.get(worker.id)) is not None
        and cause.detail == HOME_UNKNOWN
    ]


def _oversized_groups(batch: Batch, settings: Settings) -> list[RosterIssue]:
    """The keep-together groups of bus riders (of one batch and, where cohorts
    ride apart, one cohort) too big for the largest bus: the planner leaves
    them all unassigned, so `check` says so first.  Without a fleet (`check`
    without --scenario) no bus is known to measure a group against: none is
    said to be too big."""
    if not batch.fleet:
        return []
    most = largest_bus(batch, settings)
    apart = settings.rules.quarantine_cohorts != "mixed"
    members: dict[tuple[str, str, bool], list[Worker]] = {}
    for worker in batch.riders:
        if worker.group:
            bound = apart and worker.id in batch.quarantine
            members.setdefault((batch_key(worker.batch), worker.group, bound), []).append(worker)
    return [
        RosterIssue(
            row=worker.row,
            column="group",
            value=group,
            problem=Text("group_too_big", group=group, size=len(people), most=most),
            action=Text("group_too_big_action"),
            worker_id=worker.id,
        )
        for (_, group, _), people in sorted(members.items())
        if len(people) > most
        for worker in people
    ]


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
    table: RawTable,
    geocoder: Geocoder,
    *,
    coord_system: CoordSystem = "wgs84",
    lang: Lang = "zh",
) -> GeocodedTable:
    """Place every row of a roster table; coordinates in the roster win over the
    address.  Each row's note says how it was placed, in ``lang``."""
    values = [table.values(cells) for _, cells in table.rows]
    results = geocode_many(geocoder, [v.get("home_address", "") for v in values])
    keep = [i for i, h in enumerate(table.headers) if h not in GEOCODE_COLUMNS]
    rows: list[tuple[str, ...]] = []
    counts: Counter[str] = Counter()
    order = coordinates_order(table)
    for (_, cells), row_values, result in zip(table.rows, values, results, strict=True):
        problems: list[str] = []
        given = parse_location(row_values, coord_system, partial(_note, problems), order)
        point, precision, note = result.location, result.precision, result.note
        if given is not None:
            point, precision, note = given, "exact", Text("geo_roster_coordinates")
        if problems:
            note = joined([*problems, note] if note else problems)
        counts[precision] += 1
        rows.append(
            (
                *(cells[i] if i < len(cells) else "" for i in keep),
                "" if point is None else f"{point.lat:.6f}",
                "" if point is None else f"{point.lon:.6f}",
                precision,
                result.division_code,
                result.division_name,
                say(note, lang),
            )
        )
    headers = (*(table.headers[i] for i in keep), *GEOCODE_COLUMNS)
    return GeocodedTable(headers=headers, rows=tuple(rows), precision=counts)


def _note(notes: list[str], _field: str, text: str, _action: str, *_: object) -> None:
    notes.append(text)
