"""A trip on the clock: when the bus leaves, drives, rests, relays and stops.

Times are whole seconds after local midnight of the batch's departure day,
so the hour of the day of any moment is ``moment % DAY``.  The rules are
those of long-distance coaches (`BusRules`): a rest after the longest
continuous driving allowed, which is shorter at night; no driving in the
small hours unless two drivers relay; riders picked up only in daytime
hours and dropped off only while the gates are staffed.

A trip runs in two parts.  The loaded run starts at its first pickup and
ends at its last drop-off; `schedule` finds the earliest first pickup, on
the batch's day or a later one, at which every pickup and drop-off falls in
its hours.  The empty run from the depot leaves as late as it can and still
arrives in time, within the hours a bus may leave and drive; when it
arrives long before the first pickup, the drivers rest there (a layover),
and a layover of a night's rest splits the route into two duties.  When
one duty would be too long (or take two drivers), the empty run arrives a
night's rest early: the latest such run, or, when that one is itself over
a duty (it stands through the small hours), one that leaves earlier and
drives by day.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache, partial

from .params import BusRules

DAY = 86_400
#: Days after the batch's own on which a loaded run may start.
_LATER_DAYS = 3
#: Pushes of the first pickup before a day is given up.
_PUSHES = 8


@dataclass(frozen=True, slots=True)
class Hours:
    """The rules of the clock in seconds of the day and seconds."""

    pickup_from: int
    pickup_until: int
    arrive_from: int
    arrive_until: int
    leave_from: int
    night_from: int
    night_until: int
    still_from: int
    still_until: int
    day_stretch: int
    night_stretch: int
    rest: int
    stop: int
    overnight: int
    duty: int
    one_driver: int
    #: The times of day at which the rules of driving change, in order.
    edges: tuple[int, ...] = ()

    @classmethod
    def of(cls, rules: BusRules) -> Hours:
        """The clock rules of ``rules``."""
        return cls(
            pickup_from=seconds_of_day(rules.pickup_from),
            pickup_until=seconds_of_day(rules.pickup_until),
            arrive_from=seconds_of_day(rules.arrive_from),
            arrive_until=seconds_of_day(rules.arrive_until),
            leave_from=seconds_of_day(rules.earliest_departure),
            night_from=seconds_of_day(rules.night_from),
            night_until=seconds_of_day(rules.night_until),
            still_from=seconds_of_day(rules.no_driving_from),
            still_until=seconds_of_day(rules.no_driving_until),
            day_stretch=rules.max_continuous_seconds,
            # The night's limit is the stricter one: a longer one set for the
            # night still leaves the day's in force (as `checker` reads them).
            night_stretch=min(rules.max_night_driving_minutes * 60, rules.max_continuous_seconds),
            rest=rules.break_seconds,
            stop=rules.stop_seconds,
            overnight=rules.overnight_rest_minutes * 60,
            duty=rules.max_route_seconds,
            one_driver=rules.max_driving_minutes_one_driver * 60,
            edges=tuple(
                sorted(
                    {
                        seconds_of_day(t)
                        for t in (
                            rules.night_from,
                            rules.night_until,
                            rules.no_driving_from,
                            rules.no_driving_until,
                        )
                    }
                )
            ),
        )


def seconds_of_day(hhmm: str) -> int:
    """``"08:30"`` as seconds after midnight."""
    hours, _, minutes = hhmm.partition(":")
    return (int(hours) * 60 + int(minutes or 0)) * 60


def within(of_day: int, start: int, end: int) -> bool:
    """Whether a time of day lies in [start, end), a span that may wrap midnight."""
    if start <= end:
        return start <= of_day < end
    return of_day >= start or of_day < end


@dataclass(slots=True)
class Run:
    """Legs driven in turn (seconds each): the arrival at the end of each, the rests taken
    (start, seconds; a stop through the small hours is one), the relays of
    two drivers, each spell of driving (start, seconds), and the driving
    since the last rest when the run ends."""

    legs: Sequence[int] = ()
    arrivals: list[int] = field(default_factory=list)
    rests: list[tuple[int, int]] = field(default_factory=list)
    relays: list[int] = field(default_factory=list)
    stretches: list[tuple[int, int]] = field(default_factory=list)
    streak: int = 0
    stood_still: bool = False

    @property
    def driving(self) -> int:
        """Seconds at the wheel."""
        return sum(seconds for _, seconds in self.stretches)


def _span(start: int, end: int) -> tuple[int, int, bool]:
    """A span of the day's hours, and whether it wraps midnight (see `within`)."""
    return start, end, start > end


def drive(
    hours: Hours,
    start: int,
    legs: Sequence[int],
    *,
    drivers: int,
    streak: int = 0,
    loaded: bool = False,
) -> Run:
    """Drive ``legs`` (seconds each) from ``start``, dwelling at each stop
    between them (and, ``loaded``, at the first pickup where the run starts;
    pickups at one place share one dwell, at the last of them),
    resting after the longest continuous driving the hour allows, and
    stopping through the small hours (two drivers relay instead).
    ``streak`` is the driving already done since the last rest."""
    run = Run(legs=legs)
    arrivals, rests, relays, stretches = run.arrivals, run.rests, run.relays, run.stretches
    clock, since = start, streak
    relayed = -1
    edges = hours.edges
    # `within` inlined: this loop times every trip the planner tries.
    still_from, still_until, still_wraps = _span(hours.still_from, hours.still_until)
    night_from, night_until, night_wraps = _span(hours.night_from, hours.night_until)
    stop, rest, stop_rests = hours.stop, hours.rest, hours.stop >= hours.rest
    for k, seconds in enumerate(legs):
        if (k > 0 or loaded) and seconds > 0:
            clock += stop
            since = 0 if stop_rests else since
        remaining = seconds
        while remaining > 0:
            of_day = clock % DAY
            if (
                (of_day >= still_from or of_day < still_until)
                if still_wraps
                else still_from <= of_day < still_until
            ):
                if drivers < 2:
                    wait = (still_until - of_day) % DAY
                    rests.append((clock, wait))
                    run.stood_still = True
                    clock, since = clock + wait, 0
                    continue
                if relayed != clock // DAY:
                    relayed = clock // DAY
                    relays.append(clock)
                    clock, since = clock + stop, 0
                    of_day = clock % DAY
            night = (
                (of_day >= night_from or of_day < night_until)
                if night_wraps
                else night_from <= of_day < night_until
            )
            limit = hours.night_stretch if night else hours.day_stretch
            if since >= limit:
                rests.append((clock, rest))
                clock, since = clock + rest, 0
                continue
            k_edge = bisect_right(edges, of_day)
            change = (edges[k_edge] if k_edge < len(edges) else edges[0] + DAY) - of_day
            step = min(remaining, limit - since, change)
            stretches.append((clock, step))
            clock, remaining, since = clock + step, remaining - step, since + step
        arrivals.append(clock)
    run.streak = since
    return run


@dataclass(frozen=True, slots=True)
class Plan:
    """A trip's timetable: when it leaves, its pickups, drop-offs and end,
    the rests, relays and layover, its drivers, and its longest duty.
    ``broken`` names the rule no timetable could keep ("" when it keeps them)."""

    depart: int
    pickups: tuple[int, ...]
    arrivals: tuple[int, ...]
    end: int
    rests: tuple[tuple[int, int], ...]
    relays: tuple[int, ...]
    stretches: tuple[tuple[int, int], ...]
    layover: tuple[int, int] | None
    drivers: int
    duty: int
    broken: str = ""

    @property
    def driving(self) -> int:
        """Seconds at the wheel, empty run included."""
        return sum(seconds for _, seconds in self.stretches)


def schedule(
    hours: Hours,
    out: int,
    loaded: Sequence[int],
    *,
    pickups: int,
    not_before: int,
    first_not_before: int = 0,
    drivers: int = 1,
) -> Plan:
    """The earliest timetable of a trip: an empty run of ``out`` seconds from
    the depot, then the loaded run's legs (``pickups`` pickups, then the
    drop-offs), leaving no earlier than ``not_before`` and picking up first
    no earlier than ``first_not_before``.  Two drivers who relay are tried
    too: when one driver had to stop through the small hours and could keep
    no rule, and whenever the timetable takes two drivers anyway (over one
    driver's hours), who then relay rather than stand through the small
    hours, riders aboard (whether or not this try met them: a re-plan,
    timing the bus from its announced pickup, must find the same timetable)."""
    timed = partial(_earliest, hours, out, loaded, pickups, not_before, first_not_before)
    if drivers < 2 and sum(loaded) > hours.one_driver:
        # Over one driver's hours the loaded run takes two whatever the
        # timetable: they are timed first, one driver only if they keep no rule.
        relayed, _ = timed(2)
        return relayed if not relayed.broken else timed(drivers)[0]
    found, stood_still = timed(drivers)
    if drivers < 2 and (found.drivers > drivers or (found.broken and stood_still)):
        relayed, _ = timed(2)
        if not relayed.broken:
            return relayed
    return found


def _earliest(
    hours: Hours,
    out: int,
    loaded: Sequence[int],
    pickups: int,
    not_before: int,
    first_not_before: int,
    drivers: int,
) -> tuple[Plan, bool]:
    """The earliest timetable with this many drivers, and whether a run had
    to stop through the small hours on the way."""
    base = not_before - not_before % DAY
    first = max(_soonest_arrival(hours, out, not_before, drivers), first_not_before)
    broken = "hours"
    closest: Plan | None = None
    stood_still = False
    for day in range(_LATER_DAYS + 1):
        opening = base + day * DAY + hours.pickup_from
        start = max(first, opening)
        pushes = idles = 0
        while pushes < _PUSHES:
            run = drive(hours, start, loaded, drivers=drivers, loaded=True)
            stood_still = stood_still or run.stood_still
            idle = _idle_aboard(hours, start, run, pickups) if idles < _PUSHES else 0
            if idle:
                # Not a push: no drop-off is later, so it does not count against them.
                start, idles = start + idle, idles + 1
                continue
            times = [start, *run.arrivals]
            push, broken = _hours_broken(hours, times, pickups)
            if broken:
                break
            if push:
                start, pushes = start + push, pushes + 1
                continue
            found = _with_empty_run(hours, out, start, run, pickups, not_before, drivers)
            if found is None:
                broken = "hours"
                break
            if not found.broken:
                return found, stood_still
            broken, closest = found.broken, found
            push = _later_to_rest(hours, out, times, found, not_before, drivers)
            if push:
                start, pushes = start + push, pushes + 1
                continue
            break
        if broken == "late" and start == opening and not stood_still:
            break  # the same run from another day's opening fares the same
    return (closest if closest is not None else _no_timetable(not_before, drivers)), stood_still


def _no_timetable(not_before: int, drivers: int) -> Plan:
    """A trip no timetable brings within the hours on any day tried."""
    return Plan(
        depart=not_before,
        pickups=(),
        arrivals=(),
        end=not_before,
        rests=(),
        relays=(),
        stretches=(),
        layover=None,
        drivers=drivers,
        duty=0,
        broken="hours",
    )


def _later_to_rest(
    hours: Hours, out: int, times: Sequence[int], found: Plan, not_before: int, drivers: int
) -> int:
    """How much later the loaded run at ``times`` must start for the bus to
    arrive a night's rest before it, when ``found``, its timetable, is one
    duty too long and the bus cannot arrive that early (0: no later start
    the same day helps, as in `_hours_broken`).  The loaded run within a
    duty is all a split needs then."""
    if found.broken != "duration" or times[-1] - times[0] > hours.duty:
        return 0
    rested = _soonest_arrival(hours, out, not_before, drivers) + _night(hours)
    push = max(0, rested - times[0])
    return push if push <= hours.pickup_until - hours.pickup_from else 0


def _with_empty_run(
    hours: Hours, out: int, start: int, run: Run, pickups: int, not_before: int, drivers: int
) -> Plan | None:
    """The timetable of a loaded run starting at ``start`` behind the latest
    empty run that keeps every rule: one that arrives just in time (the
    driver goes on from the wheel), else one that arrives a rest earlier;
    or one that arrives a night's rest earlier, when a single duty would be
    too long or need a second driver.  None when no empty run arrives in time."""
    empty = _empty_run(hours, out, start, not_before, drivers)
    if empty is None:
        return None
    loaded = [start, *run.arrivals]
    plan: Plan | None = None
    if start - empty.run.arrivals[-1] < hours.rest and empty.run.streak:
        # No rest between the runs: the driving goes on from the empty run.
        onward = drive(
            hours, start, run.legs, drivers=drivers, streak=empty.run.streak, loaded=True
        )
        times = [start, *onward.arrivals]
        if _hours_broken(hours, times, pickups) == (0, ""):
            plan = _plan(hours, empty, start, onward, times, pickups, drivers)
        else:
            rested_briefly = _empty_run(hours, out, start - hours.rest, not_before, drivers)
            if rested_briefly is None:
                return None
            empty = rested_briefly
    if plan is None:
        plan = _plan(hours, empty, start, run, loaded, pickups, drivers)
    if (plan.broken or (plan.drivers > 1 and not _splits(hours, plan.layover))) and (
        loaded[-1] - start <= hours.duty
    ):
        # A night's rest before the first pickup splits the duty: it may be
        # the only way within the duty cap, or the way to need one driver.
        # (A loaded run over a duty is too long however the bus comes.)
        rested = _empty_run_within_duty(hours, out, start - _night(hours), not_before, drivers)
        if rested is not None:
            split = _plan(hours, rested, start, run, loaded, pickups, drivers)
            if not split.broken and (plan.broken or split.drivers < plan.drivers):
                return split
    return plan


def _night(hours: Hours) -> int:
    """How long before the first pickup an empty run arrives to give the
    drivers their night's rest: ``overnight``, and at least a rest, so that
    the loaded run starts rested (as it is timed) under a shorter setting, even 0."""
    return max(hours.overnight, hours.rest)


def _splits(hours: Hours, layover: tuple[int, int] | None) -> bool:
    """Whether ``layover`` (a timetable's) is the drivers' night's rest,
    splitting the route into two duties: a wait of ``overnight`` or more, as
    `checker` reads it (no wait splits nothing, even when that is 0)."""
    return layover is not None and layover[1] >= hours.overnight


def _idle_aboard(hours: Hours, start: int, run: Run, pickups: int) -> int:
    """How much later the loaded run starting at ``start`` may pick up its
    riders so that they sit less aboard a bus standing through the small
    hours (one driver stops until they end): the pickups that much later,
    within the pickup hours, and no drop-off later than before, so every
    ride is shorter (0: none).

    Where the bus stands from its first pickup, it picks up as the small
    hours end, or, when the pickup hours close before then, as they close
    (the stand is shorter).  A bus that drives before it stands would drive
    in the small hours if it started later: such a stand stays."""
    if not run.stood_still:
        return 0
    # One driver never drives in the small hours: a rest that starts in them is the stand.
    stand = next(
        (
            (moment, wait)
            for moment, wait in run.rests
            if within(moment % DAY, hours.still_from, hours.still_until)
        ),
        None,
    )
    if stand is None:
        return 0
    moment, wait = stand
    times = [start, *run.arrivals]
    before = [t for t in times[:pickups] if t <= moment]
    room = min((hours.pickup_until - t % DAY) % DAY for t in before)
    tries = sorted({wait, min(room, wait)}, reverse=True)
    for push in (p for p in tries if p > 0):
        later = drive(hours, start + push, run.legs, drivers=1, loaded=True)
        moved = [start + push, *later.arrivals]
        if all(
            within(t % DAY, hours.pickup_from, hours.pickup_until + 1) for t in moved[:pickups]
        ) and all(a <= b for a, b in zip(moved[pickups:], times[pickups:], strict=True)):
            return push
    return 0


def _hours_broken(hours: Hours, times: Sequence[int], pickups: int) -> tuple[int, str]:
    """How much later the loaded run must start for every drop-off to fall in
    the receiving hours (0: none), or why no later start on this day helps
    ("late": a pickup or drop-off after its hours)."""
    push = 0
    for moment in times[:pickups]:
        if not within(moment % DAY, hours.pickup_from, hours.pickup_until + 1):
            return 0, "late"
    for moment in times[pickups:]:
        of_day = moment % DAY
        if within(of_day, hours.arrive_from, hours.arrive_until + 1):
            continue
        wait = (hours.arrive_from - of_day) % DAY
        if wait > hours.pickup_until - hours.pickup_from:
            return 0, "late"
        push = max(push, wait)
    return push, ""


@dataclass(frozen=True, slots=True)
class _Empty:
    depart: int
    run: Run


@lru_cache(maxsize=65_536)
def _soonest_arrival(hours: Hours, out: int, not_before: int, drivers: int) -> int:
    """When an empty run of ``out`` seconds leaving at ``not_before`` arrives."""
    return drive(hours, not_before, [out], drivers=drivers).arrivals[-1]


@lru_cache(maxsize=65_536)
def _empty_run(hours: Hours, out: int, first: int, not_before: int, drivers: int) -> _Empty | None:
    """The latest empty run of ``out`` seconds that arrives by ``first``:
    leaving no earlier than ``not_before``, at an hour buses may leave,
    keeping the rules of driving (None when there is none).

    With one driver a later departure never arrives earlier.  The search
    starts from the latest departure that could arrive in time (driving
    ``out`` straight through) and steps back by how late each try arrives; a
    step may go past the latest departure in time (one that meets the small
    hours stands through them, one that leaves earlier need not), so the
    span between the last try too late and the first in time is halved down
    to the minute.  Two drivers may arrive earlier by leaving later: see
    `_relaying_later`."""
    found = _latest_empty_run(hours, out, first, not_before, drivers)
    return found if found is None or drivers < 2 else _relaying_later(hours, out, first, found)


#: Steps back from the latest empty run, looking for one that lasts no longer than a duty.
_STEP_BACK = 300


@lru_cache(maxsize=65_536)
def _empty_run_within_duty(
    hours: Hours, out: int, first: int, not_before: int, drivers: int
) -> _Empty | None:
    """The latest empty run arriving by ``first`` that is itself no longer
    than a duty (None when there is none): the drivers rest a night at the
    pickup, so the empty run is a duty of its own.

    The latest arriving in time may stand through the small hours (one
    driver) or rest more often at night, and so last longer than one
    that leaves earlier and drives by day, then waits at the pickup.  The
    departures of the day before it are tried back in steps of
    `_STEP_BACK`; an earlier day adds only waiting.  None at once when even
    a run by day, resting only as the day's limit needs, is over a duty."""
    shortest = out + max(0, out - 1) // hours.day_stretch * hours.rest
    if shortest > hours.duty:
        return None
    latest = _empty_run(hours, out, first, not_before, drivers)
    if latest is None or _lasts(latest) <= hours.duty:
        return latest
    low, moment = max(not_before, latest.depart - DAY), latest.depart
    while moment > low:
        # The step before on the grid (the grid holds the hour buses may first leave).
        leave = _leaving_before(hours, max(low, (moment - 1) // _STEP_BACK * _STEP_BACK))
        if leave < not_before:
            break
        moment = leave
        run = drive(hours, leave, [out], drivers=drivers)
        found = _Empty(depart=leave, run=run)
        if run.arrivals[-1] <= first and _lasts(found) <= hours.duty:
            return found
    return None


def _lasts(empty: _Empty) -> int:
    """Seconds from leaving the depot to arriving at the first pickup."""
    return empty.run.arrivals[-1] - empty.depart


def _relaying_later(hours: Hours, out: int, first: int, found: _Empty) -> _Empty:
    """The latest empty run of two drivers arriving by ``first``, from
    ``found``: two drivers relay in the small hours, a stop shorter than a
    rest that also ends their stretch, so a run that rests just before the
    small hours arrives later than one leaving a little later, which is
    due its rest as they begin and relays instead.  Such a departure, when
    in time, and the latest after it."""
    while True:
        later = None
        for moment, _ in found.run.rests:
            ahead = (hours.still_from - moment) % DAY
            if not 0 < ahead <= hours.rest + hours.stop:
                continue
            leave = found.depart + ahead
            if not _leaves_ok(hours, leave):
                continue
            run = drive(hours, leave, [out], drivers=2)
            if run.arrivals[-1] <= first:
                later = _Empty(depart=leave, run=run)
                break
        if later is None:
            return found
        # Past the latest departure that could arrive in time is too late.
        found = _latest_in_time(hours, out, first, 2, later, later.depart, first - out + 1) or later


def _latest_empty_run(
    hours: Hours, out: int, first: int, not_before: int, drivers: int
) -> _Empty | None:
    """`_empty_run` where a later departure never arrives earlier."""
    candidate, late_from = first - out, None
    while candidate >= not_before:
        candidate = _leaving_before(hours, candidate)
        if candidate < not_before:
            break
        run = drive(hours, candidate, [out], drivers=drivers)
        late = run.arrivals[-1] - first
        if late <= 0:
            found = _Empty(depart=candidate, run=run)
            if late_from is None:
                return found
            return _latest_in_time(hours, out, first, drivers, found, candidate, late_from)
        late_from, candidate = candidate, candidate - late
    if late_from is None:
        return None
    return _latest_in_time(hours, out, first, drivers, None, not_before - 1, late_from)


def _latest_in_time(
    hours: Hours,
    out: int,
    first: int,
    drivers: int,
    found: _Empty | None,
    low: int,
    high: int,
) -> _Empty | None:
    """The latest empty run arriving by ``first`` that leaves after ``low``
    (``found``'s departure, when found) and before ``high``, a departure that
    arrives too late; ``found`` when none does."""
    while high - low > 60:
        leave = _leaving_before(hours, (low + high) // 2)
        if leave <= low:
            low = (low + high) // 2
            continue
        run = drive(hours, leave, [out], drivers=drivers)
        if run.arrivals[-1] <= first:
            found, low = _Empty(depart=leave, run=run), leave
        else:
            high = leave
    return found


def _leaves_ok(hours: Hours, moment: int) -> bool:
    of_day = moment % DAY
    return of_day >= hours.leave_from and not within(of_day, hours.still_from, hours.still_until)


def _leaving_before(hours: Hours, moment: int) -> int:
    """The latest moment at or before ``moment`` at which a bus may leave."""
    moment -= moment % 60
    while not _leaves_ok(hours, moment):
        of_day = moment % DAY
        if of_day < hours.leave_from:
            moment -= of_day + 60  # the evening before
        else:
            moment -= (of_day - hours.still_from) % DAY + 60
    return moment


def _plan(
    hours: Hours,
    empty: _Empty,
    first: int,
    run: Run,
    times: Sequence[int],
    pickups: int,
    drivers: int,
) -> Plan:
    arrive = empty.run.arrivals[-1]
    wait = first - arrive
    layover = (arrive, wait) if wait > 0 else None
    end = times[-1]
    split = _splits(hours, layover)
    duty = max(arrive - empty.depart, end - first) if split else end - empty.depart
    driving = max(empty.run.driving, run.driving) if split else empty.run.driving + run.driving
    two = drivers >= 2 or driving > hours.one_driver
    return Plan(
        depart=empty.depart,
        pickups=tuple(times[:pickups]),
        arrivals=tuple(times[pickups:]),
        end=end,
        rests=(*empty.run.rests, *run.rests),
        relays=(*empty.run.relays, *run.relays),
        stretches=(*empty.run.stretches, *run.stretches),
        layover=layover,
        drivers=2 if two else 1,
        duty=duty,
        broken="duration" if duty > hours.duty else "",
    )
