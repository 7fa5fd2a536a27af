"""The planning pipeline: the stages of a batch, in order.

Each stage is a function from immutable inputs to a new result; this module
only calls them in turn and keeps the account of who ended where, so that
every roster row lands in exactly one of: a bus, self-return, unassigned.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from .cluster import cluster_homes, without_workers
from .config import RosterSource, Scenario, Settings
from .domain import PRECISION_ORDER, Plan, Precision, Site, Unassigned, Worker
from .dormitory import BedRequest, allocate_beds, pool_requests
from .errors import InputError
from .gazetteer import Gazetteer
from .geocode import Geocoder, OfflineGeocoder
from .locate import division_prefix, locate_workers, outside_area
from .roster import RosterIssue, RosterReport, read_roster
from .routing import RoutePlanner
from .screen import screen
from .seating import effective_capacity
from .travel import GreatCircleTravel, TravelModel

logger = logging.getLogger(__name__)


def make_plan(
    scenario: Scenario,
    *,
    geocoder: Geocoder | None = None,
    travel: TravelModel | None = None,
) -> Plan:
    """Plan one batch from a scenario.

    Parameters
    ----------
    scenario
        Input files and settings.
    geocoder
        Address lookup; the offline gazetteer by default (nothing leaves the machine).
    travel
        Travel model; great-circle distance with banded speeds by default.
    """
    settings = scenario.settings
    geocoder = geocoder or OfflineGeocoder()
    travel = travel or GreatCircleTravel(settings.travel)
    employer_at = {e.id: e.location for e in scenario.employers} | {
        e.name: e.location for e in scenario.employers
    }

    report = read_roster(scenario.roster, employers=employer_at.keys())
    logger.info(
        "roster: %d rows, %d accepted, %d rejected",
        report.rows_total,
        len(report.workers),
        len(report.rejected),
    )

    try:
        home, area = _area_codes(settings)
    except InputError as error:
        raise error.at(scenario.path) from None

    located = locate_workers(report.workers, geocoder)
    screening = screen(located, settings.screening, home_province_code=home)
    riders, unplaceable = _placeable(screening.riders, settings.min_precision)
    riders, away = outside_area(riders, area)
    unplaceable += away
    logger.info(
        "screen: %d riders, %d self-return, %d turned away, %d to quarantine",
        len(riders),
        len(screening.self_return),
        len(screening.unassigned) + len(unplaceable),
        len(screening.quarantine),
    )

    def requests(
        workers: Sequence[Worker], cohort_of: dict[str, str], start_of: dict[str, date]
    ) -> list[BedRequest]:
        return [
            BedRequest(
                worker_id=w.id,
                sex=w.sex,
                cohort=cohort_of.get(w.id, f"self:{w.employer}"),
                employer_location=employer_at.get(w.employer),
                start=start_of.get(w.id, settings.departure.date()),
                row=w.row,
            )
            for w in workers
            if w.id in screening.quarantine
        ]

    largest = max(effective_capacity(bus, settings.seating) for bus in scenario.fleet)
    clustering = cluster_homes(riders, radius_m=settings.pickup_radius_m, max_size=largest)
    logger.info("cluster: %d pickup points", len(clustering.points))
    buses = RoutePlanner(
        depot=scenario.depot,
        destination=scenario.destination,
        fleet=scenario.fleet,
        settings=settings,
        travel=travel,
    )
    points, far = buses.reachable(clustering.points)

    # Turn away, before routing, whoever a bus could bring but no room can
    # house: no seat is wasted on them, and no bed on who cannot come.
    can_ride = {w for p in points for w in p.worker_ids}
    _, no_bed = pool_requests(
        requests([*(w for w in riders if w.id in can_ride), *screening.self_return], {}, {}),
        scenario.dormitories,
    )
    homeless = {u.worker_id for u in no_bed}
    self_return = tuple(w for w in screening.self_return if w.id not in homeless)

    points = without_workers(points, homeless)
    routing = buses.plan(points)
    by_id = {w.id: w for w in located}
    not_routed = [
        Unassigned(worker_id=w, stage="route", reason=d.reason, row=by_id[w].row)
        for d in (*far, *routing.dropped)
        for w in d.point.worker_ids
    ]
    logger.info(
        "route: %d buses, %d workers on board, %d not routed in %.1f s",
        len(routing.routes),
        sum(r.riders for r in routing.routes),
        len(not_routed),
        routing.solve_seconds,
    )

    cohort_of = {w: r.bus_id for r in routing.routes for w in r.worker_ids}
    start_of = {w: r.end_arrive.date() for r in routing.routes for w in r.worker_ids}
    on_bus = [by_id[w] for w in cohort_of]
    beds, no_bed_after = allocate_beds(
        requests([*on_bus, *self_return], cohort_of, start_of),
        scenario.dormitories,
        days=settings.quarantine_days,
    )
    if no_bed_after:  # pooling is monotone, so this cannot happen; fail loudly if it does
        raise AssertionError("beds ran out after routing although they were reserved before it")
    logger.info("dormitory: %d beds allocated", len(beds))

    unassigned = (
        *report.rejected,
        *screening.unassigned,
        *unplaceable,
        *no_bed,
        *clustering.unassigned,
        *not_routed,
    )
    return Plan(
        workers=tuple(located),
        routes=routing.routes,
        self_return=tuple(w.id for w in self_return),
        unassigned=tuple(sorted(unassigned, key=lambda u: (u.row or 0, u.worker_id))),
        beds=beds,
        # Those who travel and need a bed, and those turned away for want of one.
        quarantine_required=tuple(
            sorted(screening.quarantine & {*cohort_of, *(w.id for w in self_return), *homeless})
        ),
        pickup_points=tuple(points),
        solve_seconds=routing.solve_seconds,
        rows_total=report.rows_total,
    )


def _placeable(
    riders: Sequence[Worker], min_precision: Precision
) -> tuple[list[Worker], list[Unassigned]]:
    """Riders whose home is known well enough to send a bus there."""
    limit = PRECISION_ORDER.index(min_precision)
    kept, lost = [], []
    for worker in riders:
        if worker.home is not None and PRECISION_ORDER.index(worker.precision) <= limit:
            kept.append(worker)
            continue
        found = (
            "could not be placed"
            if worker.precision == "none"
            else f"is only placed at {worker.precision} level"
        )
        reason = (
            f"home address {found}; a bus needs at least {min_precision} level: "
            "add the county and township (县, 乡镇) to the address, or lat/lon"
        )
        lost.append(Unassigned(worker_id=worker.id, stage="geocode", reason=reason, row=worker.row))
    return kept, lost


def _area_codes(settings: Settings) -> tuple[str, list[str]]:
    """Code prefixes of the home province and of the planning area."""
    gazetteer = Gazetteer.load()
    home = division_prefix(
        settings.screening.home_province, gazetteer, key="screening.home_province"
    )
    area = [
        division_prefix(n, gazetteer, key="rules.planning_area") for n in settings.planning_area
    ]
    return home, area


@dataclass(frozen=True, slots=True, kw_only=True)
class RosterCheck:
    """What `check_roster` found: the roster report, every issue, and how
    precisely the homes were placed."""

    report: RosterReport
    issues: tuple[RosterIssue, ...]
    precision: Mapping[str, int]


def check_roster(
    source: RosterSource,
    settings: Settings,
    *,
    employers: Sequence[Site] = (),
    geocoder: Geocoder | None = None,
) -> RosterCheck:
    """Validate a roster and geocode it, without planning.

    Adds to the roster's own issues those the planner would find later: a
    bus rider's home that cannot be placed precisely enough, or that lies
    outside the planning area.
    """
    report = read_roster(source, employers=[e.id for e in employers] + [e.name for e in employers])
    located = locate_workers(report.workers, geocoder or OfflineGeocoder())
    riders = [w for w in located if w.travel_mode == "bus" and w.health_code != "red"]
    _, area = _area_codes(settings)
    placed, unplaceable = _placeable(riders, settings.min_precision)
    _, away = outside_area(placed, area)
    issues = list(report.issues)
    for lost in (*unplaceable, *away):
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
        report=report, issues=tuple(issues), precision=Counter(w.precision for w in located)
    )
