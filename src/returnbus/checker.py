"""An independent check of a written plan.

It takes a plan as read back from ``plan.json`` (`returnbus.io.plans`),
recomputes every route's load, distances and times from the coordinates and
the travel model named in the plan's settings, and lists every broken rule.
It shares no code with the planner except the travel model and the seat-map
rule, which are the specification.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import pairwise

from .domain import (
    BedAssignment,
    BusType,
    Dormitory,
    LatLon,
    Route,
    Stop,
    Worker,
    bed_dates,
)
from .plan import Plan
from .seating import effective_capacity
from .text import Text, by_count, listed
from .travel import GreatCircleTravel

#: Rounding slack when comparing recomputed seconds and metres with the plan.
SECONDS_SLACK = 2
_METRES_SLACK = 2
#: Faster than this on average, a leg is not physically plausible for a coach.
_MAX_KMH = 120.0


def check_plan(plan: Plan, *, roster_rows: int | None = None) -> list[Text]:
    """Every rule the plan breaks, as catalogue sentences (the English as a
    ``str``, `say` for the desk's language); empty when it keeps them all."""
    problems = _check_fleet(plan)
    # Once, not per bus: a district has thousands of buses.
    bound = frozenset(plan.quarantine_required)
    riders = _Riders(places=_dropoff_places(plan, bound), bound=bound)
    for route in plan.routes:
        problems += _check_route(plan, route, riders)
    problems += _check_accounting(plan, roster_rows)
    problems += _check_beds(plan)
    problems += _check_contacts(plan)
    problems += _check_whole_bus(plan)
    return problems


#: Worker ids a message names at most; it gives the count of all.
_NAMED = 5


def _ids(workers: Sequence[str]) -> Text:
    """The first few of ``workers``, listed (the rest as "...")."""
    return listed([*workers[:_NAMED], *(["..."] if len(workers) > _NAMED else [])])


def _check_whole_bus(plan: Plan) -> list[Text]:
    """Who is sent to quarantine only for sharing a bus
    (``quarantine_for_sharing``) is sent so under ``whole_bus`` only, and
    rides a bus with a rider bound there on their own account (a locked or
    announced bus keeps its riders as it was told, the re-plan warning of
    it); under ``whole_bus``, nobody going to work shares a bus with a rider
    bound for quarantine.  A plan written before the list was recorded
    lists nobody: its riders sent to quarantine count as bound there."""
    required = set(plan.quarantine_required)
    sharing = sorted(set(plan.quarantine_for_sharing))
    problems = [Text("sharing_not_sent", worker=w) for w in sharing if w not in required]
    sharing = [w for w in sharing if w in required]
    cohorts = plan.settings.rules.quarantine_cohorts
    if cohorts != "whole_bus":
        if sharing:
            problems.append(
                Text(
                    by_count("sharing_not_whole_bus", len(sharing)),
                    count=len(sharing),
                    workers=_ids(sharing),
                    cohorts=cohorts,
                )
            )
        return problems
    # Sets: a district has thousands of buses and of riders sent for sharing.
    shared = set(sharing)
    own = required - shared
    on_board = {w for route in plan.routes for w in route.worker_ids}
    problems += [Text("sharing_rides_no_bus", worker=w) for w in sharing if w not in on_board]
    for route in plan.routes:
        riders = route.worker_ids
        alone = [w for w in riders if w in shared]
        if alone and not route.locked and own.isdisjoint(riders):
            problems.append(
                Text(
                    by_count("bus_sharing_nobody_bound", len(alone)),
                    bus=route.bus_id,
                    count=len(alone),
                    workers=_ids(sorted(alone)),
                )
            )
        # Named: one bound there on their own account, where the bus has one.
        bound = min(riders, key=lambda w: (w not in own, w not in required), default="")
        to_work = [w for w in riders if w not in required]
        if to_work and bound in required:
            problems.append(
                Text(
                    by_count("bus_whole_bus_to_work", len(to_work)),
                    bus=route.bus_id,
                    count=len(to_work),
                    workers=_ids(sorted(to_work)),
                    bound=bound,
                )
            )
    return problems


def _check_contacts(plan: Plan) -> list[Text]:
    """Close contacts held under ``hold``; under ``quarantine``, bound there,
    on buses of riders bound there only."""
    contacts = plan.batch.close_contacts
    bound = set(plan.quarantine_required)
    travelling = plan.travelling
    if plan.batch.intake.screening.close_contacts == "hold":
        return [Text("contact_travels_held", worker=w) for w in sorted(contacts & travelling)]
    problems = [
        Text("contact_travels_free", worker=w) for w in sorted((contacts & travelling) - bound)
    ]
    for route in plan.routes:
        if contacts & set(route.worker_ids) and not set(route.worker_ids) <= bound:
            problems.append(Text("bus_contacts_with_workers", bus=route.bus_id))
    return problems


def _check_fleet(plan: Plan) -> list[Text]:
    fleet = {bus.id: bus for bus in plan.batch.fleet}
    problems = []
    for bus_type, count in Counter(route.bus_type for route in plan.routes).items():
        if bus_type not in fleet:
            problems.append(Text("fleet_type_unknown", bus_type=bus_type))
        elif count > fleet[bus_type].count:
            problems.append(
                Text(
                    by_count("fleet_type_overused", count),
                    count=count,
                    bus_type=bus_type,
                    available=fleet[bus_type].count,
                )
            )
    return problems


@dataclass(frozen=True, slots=True)
class _Riders:
    """Where each rider should get off, and who is bound for quarantine."""

    places: Mapping[str, LatLon]
    bound: frozenset[str]


def _check_route(plan: Plan, route: Route, riders: _Riders) -> list[Text]:
    """Every rule of one bus."""
    bus = route.bus_id
    if not route.stops:
        return [Text("bus_no_stops", bus=bus)]
    problems = _check_load(plan, route)
    problems += _check_clock(plan, route)
    problems += _check_times(plan, route)
    problems += _check_dropoffs(plan, route, riders)
    problems += _check_driving(plan, route)
    problems += _check_detours(plan, route)
    rules = plan.settings.rules
    ride = route.ride_seconds
    if ride > rules.max_ride_seconds:
        problems.append(
            Text("bus_ride_over_cap", bus=bus, minutes=ride / 60, cap=rules.max_ride_minutes)
        )
    duty = route.longest_duty_seconds(rules.overnight_rest_minutes * 60)
    if duty > rules.max_route_seconds + SECONDS_SLACK:
        problems.append(
            Text("bus_route_over_cap", bus=bus, minutes=duty / 60, cap=rules.max_route_minutes)
        )
    return problems


def _check_detours(plan: Plan, route: Route) -> list[Text]:
    """No ride over the detour rule: at most ``max_detour_factor`` times the
    rider's direct trip (the travel model's drive from their pickup straight
    to where they get off) plus ``max_detour_minutes``."""
    rules = plan.settings.rules
    travel = GreatCircleTravel(plan.settings.travel)
    alight = {w: d.location for d in route.dropoffs for w in d.worker_ids}
    rides = route.rides()
    riding = [(w, stop.location) for stop in route.stops for w in stop.worker_ids]
    directs = travel.legs(
        [at for _, at in riding], [alight.get(w, route.end_location) for w, _ in riding]
    ).seconds
    problems = []
    for (w, _), direct in zip(riding, directs.tolist(), strict=True):
        cap = rules.max_detour_factor * direct + rules.max_detour_minutes * 60
        if rides[w] > cap + SECONDS_SLACK:
            problems.append(
                Text(
                    "bus_detour",
                    bus=route.bus_id,
                    worker=w,
                    minutes=rides[w] / 60,
                    cap=cap / 60,
                    factor=rules.max_detour_factor,
                    direct=direct / 60,
                    extra=rules.max_detour_minutes,
                )
            )
    return problems


def _check_clock(plan: Plan, route: Route) -> list[Text]:
    """Not before the batch's departure nor the earliest hour; arrivals in the receiving hours."""
    rules = plan.settings.rules
    bus = route.bus_id
    problems = []
    if route.depart < plan.batch.departure or _hhmm(route.depart) < rules.earliest_departure:
        problems.append(Text("bus_departs_early", bus=bus, at=route.depart.isoformat()))
    windows = (
        ("bus_arrives_outside", route.dropoffs or (), rules.arrive_from, rules.arrive_until, True),
        ("bus_pickup_outside", route.stops, rules.pickup_from, rules.pickup_until, False),
    )
    for key, stops, start, end, up in windows:
        problems += [
            Text(key, bus=bus, point=s.point_id, at=f"{s.arrive:%H:%M}", start=start, end=end)
            for s in stops
            if not start <= _hhmm(s.arrive, up=up) <= end
        ]
    return problems


def _hhmm(moment: datetime, *, up: bool = False) -> str:
    """The local time as HH:MM (rounded up to the minute with ``up``)."""
    if up and (moment.second or moment.microsecond):
        moment += timedelta(minutes=1)
    return f"{moment.hour:02d}:{moment.minute:02d}"


def _check_dropoffs(plan: Plan, route: Route, riders: _Riders) -> list[Text]:
    """Every rider gets off once, at their own site: their dormitory when bound
    for quarantine, else their employer; and the bus keeps apart who must."""
    expected = riders.places
    bus = route.bus_id
    rules = plan.settings.rules
    alighting = Counter(w for d in route.dropoffs for w in d.worker_ids)
    problems = []
    if route.dropoffs and sorted(alighting.elements()) != sorted(route.worker_ids):
        problems.append(Text("bus_off_once", bus=bus))
    for stop in route.dropoffs:
        for w in stop.worker_ids:
            if w in expected and expected[w] != stop.location:
                problems.append(Text("bus_wrong_dropoff", bus=bus, worker=w, point=stop.point_id))
    if len(route.dropoffs) > rules.max_dropoffs and not route.locked:
        problems.append(
            Text(
                "bus_too_many_dropoffs", bus=bus, count=len(route.dropoffs), cap=rules.max_dropoffs
            )
        )
    kinds = {w in riders.bound for w in route.worker_ids}
    # Under whole_bus `_check_whole_bus` says who should have been sent too.
    if rules.quarantine_cohorts == "separate" and len(kinds) > 1:
        problems.append(Text("bus_cohorts_mixed", bus=bus))
    return problems


def _dropoff_places(plan: Plan, bound: frozenset[str]) -> dict[str, LatLon]:
    """Where each rider should get off, from the plan alone: at their dormitory
    when ``bound`` for quarantine, else at their employer (the destination when
    the employer is unknown)."""
    dorms = {d.id: d.location for d in plan.batch.dormitories}
    dorm = {b.worker_id: dorms.get(b.dorm_id) for b in plan.beds}
    employers = {e.id: e.location for e in plan.batch.employers} | {
        e.name: e.location for e in plan.batch.employers
    }
    places: dict[str, LatLon] = {}
    for worker in plan.workers:
        bed = dorm.get(worker.id)
        if worker.id in bound and bed is not None:
            places[worker.id] = bed
        else:
            places[worker.id] = employers.get(worker.employer, plan.batch.destination.location)
    return places


def _check_driving(plan: Plan, route: Route) -> list[Text]:
    """The rules of driving, from the route's own times: a rest after the
    longest continuous driving allowed (shorter at night), no driving in the
    small hours but by two drivers who relay, and two drivers when a duty's
    driving is over one driver's day or a run is over the one-way distance."""
    rules = plan.settings.rules
    bus = route.bus_id
    spans = _driving(plan, route)
    problems = _check_streaks(plan, route, spans)
    still = [
        (a, b)
        for a, b in spans
        if _clock_overlap(a, b, rules.no_driving_from, rules.no_driving_until)
    ]
    if still and (route.drivers < 2 or not route.relays):
        problems.append(
            Text(
                "bus_night_one_driver",
                bus=bus,
                start=rules.no_driving_from,
                end=rules.no_driving_until,
            )
        )
    layover = route.layover
    split = layover is not None and layover.seconds >= rules.overnight_rest_minutes * 60
    duties = (
        [(route.depart, layover.start), (layover.end, route.end_arrive)]
        if split and layover is not None
        else [(route.depart, route.end_arrive)]
    )
    for start, end in duties:
        driving = sum(max(0.0, (min(b, end) - max(a, start)).total_seconds()) for a, b in spans)
        if (
            driving > rules.max_driving_minutes_one_driver * 60 + SECONDS_SLACK
            and route.drivers < 2
        ):
            problems.append(
                Text(
                    "bus_driving_one_driver",
                    bus=bus,
                    minutes=driving / 60,
                    cap=rules.max_driving_minutes_one_driver,
                )
            )
    far = _one_way_km(plan, route)
    if far is not None and route.drivers < 2:
        problems.append(Text("bus_far_one_driver", bus=bus, km=far))
    return problems


def _check_streaks(plan: Plan, route: Route, spans: list[tuple[datetime, datetime]]) -> list[Text]:
    """No continuous driving over the limit of the hour: 4 h by day, 2 h at
    night.  The limit holds at every moment of a drive, as the planner's
    clock applies it: a drive that goes on past the end of the night
    counts the day's limit from then on, one that runs into the night has
    the night's from then on."""
    rules = plan.settings.rules
    rest = timedelta(minutes=rules.break_minutes)
    by_day = rules.max_continuous_seconds
    at_night = min(by_day, rules.max_night_driving_minutes * 60)
    problems = []
    streak = 0.0
    last_end: datetime | None = None
    for a, b in spans:
        if (last_end is not None and a - last_end >= rest) or (
            last_end is not None and _relayed(route, last_end, a)
        ):
            streak = 0.0
        night_ends = _last_within(a, b, rules.night_from, rules.night_until)
        checks = [(streak + (b - a).total_seconds(), b, by_day)]
        if night_ends is not None:
            checks.append((streak + (night_ends - a).total_seconds(), night_ends, at_night))
        streak += (b - a).total_seconds()
        last_end = b
        over = [
            (driven, moment, limit)
            for driven, moment, limit in checks
            if driven > limit + SECONDS_SLACK
        ]
        if over:
            driven, moment, limit = min(over, key=lambda check: check[1])
            problems.append(
                Text(
                    "bus_no_rest",
                    bus=route.bus_id,
                    minutes=driven / 60,
                    at=f"{moment:%H:%M}",
                    cap=limit / 60,
                )
            )
            streak = 0.0
    return sorted(set(problems))


def _relayed(route: Route, a: datetime, b: datetime) -> bool:
    return any(a <= moment <= b for moment in route.relays)


def _driving(plan: Plan, route: Route) -> list[tuple[datetime, datetime]]:
    """When the bus is moving: from leaving the depot to its last drop-off,
    less the dwells at stops, the rests, the relays and the layover."""
    rules = plan.settings.rules
    dwell = timedelta(seconds=rules.stop_seconds)
    pauses = [(s.arrive, s.arrive + dwell) for s in (*route.stops, *route.dropoffs[:-1])]
    pauses += [(b.start, b.end) for b in route.breaks]
    pauses += [(moment, moment + dwell) for moment in route.relays]
    if route.layover is not None:
        pauses.append((route.layover.start, route.layover.end))
    spans = []
    moment = route.depart
    for start, end in sorted(pauses):
        if start > moment:
            spans.append((moment, start))
        moment = max(moment, end)
    if route.end_arrive > moment:
        spans.append((moment, route.end_arrive))
    return spans


def _clock_overlap(a: datetime, b: datetime, start: str, end: str) -> bool:
    """Whether [a, b) meets the daily hours [start, end), which may run past midnight."""
    return _last_within(a, b, start, end) is not None


def _last_within(a: datetime, b: datetime, start: str, end: str) -> datetime | None:
    """The last moment of [a, b] within the daily hours [start, end) (the end
    of those hours, or ``b``), or None when [a, b) does not meet them."""
    if start == end:
        return None
    first, last = _minutes_of(start), _minutes_of(end)
    if last <= first:
        last += 24 * 60
    found = None
    day = a.replace(hour=0, minute=0, second=0, microsecond=0) - timedelta(days=1)
    while day < b:
        if day + timedelta(minutes=first) < b and a < day + timedelta(minutes=last):
            found = min(b, day + timedelta(minutes=last))
        day += timedelta(days=1)
    return found


def _minutes_of(hhmm: str) -> int:
    hours, _, minutes = hhmm.partition(":")
    return int(hours) * 60 + int(minutes)


def _one_way_km(plan: Plan, route: Route) -> float | None:
    """The longer run (empty, or loaded) in km when it is over the distance one
    driver may take one way (longer when mostly on expressway-length legs); None when not."""
    rules = plan.settings.rules
    travel = GreatCircleTravel(plan.settings.travel)
    loaded = [s.location for s in (*route.stops, *route.dropoffs)] or [route.end_location]
    runs = [[plan.batch.depot.location, loaded[0]], loaded]
    worst = None
    for run in runs:
        legs = [travel.leg(a, b)[0] / 1000 for a, b in pairwise(run)]
        total = sum(legs)
        long = sum(km for km in legs if km >= rules.expressway_leg_km)
        limit = rules.two_drivers_km_expressway if 2 * long >= total else rules.two_drivers_km
        if total > limit:
            worst = max(worst or 0.0, total)
    return worst


def _check_load(plan: Plan, route: Route) -> list[Text]:
    """Capacity under the seating policy, the minimum riders, one seat each."""
    bus = route.bus_id
    problems = []
    riders = route.worker_ids
    spec: BusType | None = next((b for b in plan.batch.fleet if b.id == route.bus_type), None)
    if spec is not None:
        capacity = effective_capacity(spec, plan.settings.seating)
        if len(riders) > capacity:
            problems.append(
                Text("bus_over_capacity", bus=bus, count=len(riders), capacity=capacity)
            )
    minimum = plan.settings.rules.minimum(
        spec.min_riders if spec else None, route.capacity_effective
    )
    if len(riders) < minimum and not (route.locked or route.under_minimum):
        problems.append(
            Text(
                by_count("bus_under_minimum", len(riders)),
                bus=bus,
                count=len(riders),
                minimum=minimum,
            )
        )
    seats = {s.worker_id: s.label for s in route.seat_map}
    if (
        sorted(seats) != sorted(riders)
        or len(route.seat_map) != len(seats)
        or len(set(seats.values())) != len(seats)
    ):
        problems.append(Text("bus_seat_map_bad", bus=bus))
    return problems


def _check_times(plan: Plan, route: Route) -> list[Text]:
    """Each leg's time (travel, dwell and rests) and the route's distance
    against the travel model."""
    bus = route.bus_id
    travel = GreatCircleTravel(plan.settings.travel)
    ends: list[Stop | None] = [*route.dropoffs] or [None]
    path: list[LatLon] = [
        plan.batch.depot.location,
        *(s.location for s in route.stops),
        *(d.location if d else route.end_location for d in ends),
    ]
    times: list[datetime] = [
        route.depart,
        *(s.arrive for s in route.stops),
        *(d.arrive if d else route.end_arrive for d in ends),
    ]
    dwell = plan.settings.rules.stop_seconds
    stopped = [(b.start, b.seconds) for b in route.breaks]
    stopped += [(moment, dwell) for moment in route.relays]
    if route.layover is not None:
        stopped.append((route.layover.start, route.layover.seconds))
    problems = []
    metres = 0
    for k, ((a, b), (t0, t1)) in enumerate(zip(pairwise(path), pairwise(times), strict=True)):
        leg_m, leg_s = travel.leg(a, b)
        metres += leg_m
        # A rest belongs to the leg it begins in: a wait before the first
        # pickup begins as the bus sets out when that pickup is at the depot.
        rests = sum(seconds for moment, seconds in stopped if t0 <= moment < t1)
        # Pickups at one place share one dwell, at the last of them.
        dwelt = dwell if k > 0 and leg_s > 0 else 0
        expected = leg_s + dwelt + rests
        actual = (t1 - t0).total_seconds()
        if abs(actual - expected) > SECONDS_SLACK:
            problems.append(
                Text("bus_leg_time", bus=bus, stop=k + 1, actual=actual, expected=expected)
            )
        driving = actual - dwelt - rests
        if leg_m > 1000 and driving > 0 and leg_m / driving * 3.6 > _MAX_KMH:
            problems.append(Text("bus_leg_speed", bus=bus, stop=k + 1, kmh=leg_m / driving * 3.6))
    if abs(metres - route.distance_m) > _METRES_SLACK * len(path):
        problems.append(
            Text("bus_distance", bus=bus, km=route.distance_m / 1000, recomputed=metres / 1000)
        )
    return problems


def _check_accounting(plan: Plan, roster_rows: int | None) -> list[Text]:
    problems = []
    placed = [w for route in plan.routes for w in route.worker_ids]
    placed += plan.self_return
    for worker, count in Counter(placed).items():
        if count > 1:
            problems.append(Text("worker_placed_twice", worker=worker, count=count))
    keys = Counter((u.worker_id, u.row) for u in plan.unassigned)
    problems += [
        Text("unassigned_repeats", entry=str(key)) for key, count in keys.items() if count > 1
    ]
    placed_set = set(placed)
    for entry in plan.unassigned:
        # A worker id may be both placed and rejected only when the rejected
        # row is a second roster row with the same id.
        if entry.worker_id in placed_set and entry.stage != "roster":
            problems.append(
                Text("worker_placed_and_unassigned", worker=entry.worker_id, stage=entry.stage)
            )
        if not entry.reason:
            problems.append(Text("worker_unassigned_no_reason", worker=entry.worker_id))
    total = len(placed) + len(plan.unassigned)
    expected = plan.rows_total if roster_rows is None else roster_rows
    if total != expected:
        problems.append(Text(by_count("workers_accounted", total), total=total, expected=expected))
    return problems


def _check_beds(plan: Plan) -> list[Text]:
    problems = []
    dorms = {d.id: d for d in plan.batch.dormitories}
    people = {w.id: w for w in plan.workers}
    in_room: dict[tuple[str, str], list[BedAssignment]] = defaultdict(list)
    days = plan.settings.quarantine.days
    arrival = {w: d.arrive for r in plan.routes for d in r.dropoffs for w in d.worker_ids}
    for bed in plan.beds:
        dorm = dorms.get(bed.dorm_id)
        if dorm is None:
            problems.append(Text("bed_unknown_dorm", worker=bed.worker_id, dorm=bed.dorm_id))
            continue
        # Nights from the first to the quarantine's end: one more than its
        # days for a bus in the small hours (`bed_dates`).
        nights = days
        arrives = arrival.get(bed.worker_id)
        if arrives is not None:
            first, last = bed_dates(arrives, days, plan.night_ends)
            nights = (last - first).days
            if bed.start != first:
                problems.append(
                    Text(
                        "bed_wrong_day",
                        worker=bed.worker_id,
                        start=str(bed.start),
                        arrives=f"{arrives:%Y-%m-%d %H:%M}",
                        night=str(first),
                    )
                )
        problems += _check_stay(plan, dorm, bed, people, nights=nights)
        in_room[bed.dorm_id, bed.room].append(bed)
    for (dorm_id, room), beds in in_room.items():
        problems += _check_room(dorms[dorm_id], room, beds, people)
    housed = {bed.worker_id for bed in plan.beds}
    travelling = plan.travelling
    for worker in plan.quarantine_required:
        if worker in travelling and worker not in housed:
            problems.append(Text("bed_missing", worker=worker))
    return problems


def _check_stay(
    plan: Plan,
    dorm: Dormitory,
    bed: BedAssignment,
    people: Mapping[str, Worker],
    *,
    nights: int,
) -> list[Text]:
    """The bed's dates (``nights`` from its first to the quarantine's end),
    the dormitory's opening and its employer."""
    problems = []
    who = bed.worker_id
    held = (bed.end - bed.start).days
    if bed.released_on is not None:
        # Freed early by the desk (`ledger release`): on that morning, within the stay.
        if bed.released_on != bed.end or not 0 < held <= nights:
            problems.append(
                Text("bed_release_bad", worker=who, on=str(bed.released_on), start=str(bed.start))
            )
    elif held != nights:
        problems.append(Text(by_count("bed_nights", held), worker=who, nights=held))
    if dorm.available_from is not None and bed.start < dorm.available_from:
        problems.append(
            Text("bed_dorm_not_open", worker=who, dorm=dorm.id, date=str(dorm.available_from))
        )
    if dorm.available_to is not None and bed.end - timedelta(days=1) > dorm.available_to:
        problems.append(
            Text("bed_dorm_closed", worker=who, dorm=dorm.id, date=str(dorm.available_to))
        )
    if dorm.employer:
        employers = {e.name: e.id for e in plan.batch.employers}
        worker = people.get(bed.worker_id)
        employer = worker.employer if worker else ""
        if employers.get(employer, employer) != dorm.employer:
            problems.append(
                Text("bed_dorm_employer", worker=who, dorm=dorm.id, employer=dorm.employer)
            )
    return problems


def _check_room(
    dorm: Dormitory, room: str, beds: list[BedAssignment], people: Mapping[str, Worker]
) -> list[Text]:
    """Nobody in a room that does not exist, over its capacity, or of two sexes at once."""
    capacity = next((r.capacity for r in dorm.rooms if r.number == room), None)
    if capacity is None:
        return [Text("room_unknown", dorm=dorm.id, room=room)]
    problems = []
    for bed in beds:
        together = [b for b in beds if b.start < bed.end and bed.start < b.end]
        sexes = {people[b.worker_id].sex if b.worker_id in people else None for b in together}
        if len(together) > capacity or len({b.bed for b in together}) < len(together):
            problems.append(
                Text("room_over", dorm=dorm.id, room=room, count=len(together), capacity=capacity)
            )
        if len(together) > 1 and (len(sexes) > 1 or None in sexes):
            problems.append(Text("room_mixed", dorm=dorm.id, room=room))
    return sorted(set(problems))
