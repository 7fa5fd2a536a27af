"""The clock of a trip: rests by day and by night, the small hours, pickup hours, layovers."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from returnbus.routing.clock import DAY, Hours, Plan, drive, schedule, seconds_of_day

from .helpers import rules

HOUR = 3600


def hours(**changes: int | str) -> Hours:
    return Hours.of(replace(rules(), **changes))  # type: ignore[arg-type]


def test_by_day_a_driver_rests_after_four_hours() -> None:
    """Nine hours at the wheel from 06:00: rests after 4 h and 8 h, none at night."""
    run = drive(hours(), 6 * HOUR, [9 * HOUR], drivers=1)
    assert [start - 6 * HOUR for start, _ in run.rests] == [4 * HOUR, 8 * HOUR + 20 * 60]
    assert run.driving == 9 * HOUR and not run.relays


def test_at_night_a_driver_rests_after_two_hours() -> None:
    """From 22:00 no more than 2 h on end; a 4 h drive from 20:00 rests at 22:00."""
    run = drive(hours(), 20 * HOUR, [4 * HOUR], drivers=1)
    assert run.rests[0][0] == 22 * HOUR
    spells = [s for s in run.stretches if s[0] >= 22 * HOUR]
    assert all(seconds <= 2 * HOUR for _, seconds in spells)


def test_one_driver_stops_through_the_small_hours_two_relay() -> None:
    """Driving into 02:00: one driver stands until 05:00; two change at the wheel and go on."""
    alone = drive(hours(), 0, [4 * HOUR], drivers=1)
    stop = next((start, length) for start, length in alone.rests if start == 2 * HOUR)
    assert stop[1] == 3 * HOUR
    assert not any(2 * HOUR <= start < 5 * HOUR for start, _ in alone.stretches)
    pair = drive(hours(), 0, [4 * HOUR], drivers=2)
    assert pair.relays == [2 * HOUR] and pair.arrivals[-1] < alone.arrivals[-1]


def test_riders_are_picked_up_in_daytime_and_far_buses_leave_the_day_before() -> None:
    """A pickup 9 h from the depot with a 3 h ride: leaving at 05:00 would pick up
    at 14:00; the earliest timetable picks up no earlier than 06:00 and arrives
    in the receiving hours; a 14 h empty run, too long to bring the riders in
    before 20:00, makes the bus leave the day before."""
    h = hours()
    near = schedule(h, 2 * HOUR, [3 * HOUR], pickups=1, not_before=5 * HOUR)
    assert not near.broken
    assert seconds_of_day("06:00") <= near.pickups[0] % DAY <= seconds_of_day("21:00")
    assert seconds_of_day("08:00") <= near.end % DAY <= seconds_of_day("20:00")
    far = schedule(h, 14 * HOUR, [3 * HOUR], pickups=1, not_before=5 * HOUR)
    assert not far.broken
    assert seconds_of_day("06:00") <= far.pickups[0] % DAY <= seconds_of_day("21:00")
    assert far.pickups[0] >= DAY > far.depart


def test_a_nights_rest_splits_a_duty_too_long_for_one_run() -> None:
    """Empty run 9 h, loaded 9 h: as one duty over the 16 h cap, so the bus
    drives out the day before and the drivers rest a night before the first pickup."""
    h = hours(max_route_minutes=16 * 60, max_ride_minutes=16 * 60)
    plan = schedule(h, 9 * HOUR, [9 * HOUR], pickups=1, not_before=5 * HOUR)
    assert not plan.broken and plan.layover is not None
    assert plan.layover[1] >= h.overnight and plan.duty <= h.duty


def test_riders_are_not_picked_up_to_sit_through_the_small_hours() -> None:
    """No driving from 20:00 to 08:00 but pickups from 06:00, and gates that
    close at 12:00 (a bus leaving at 08:00 would come too late): the bus
    comes the evening before, and rather than board at 06:00 and stand two
    hours with the riders aboard, it picks them up as the small hours end;
    it arrives when it would have anyway."""
    h = hours(no_driving_from="20:00", no_driving_until="08:00", arrive_until="12:00")
    plan = schedule(h, 2 * HOUR, [3 * HOUR], pickups=1, not_before=5 * HOUR)
    assert not plan.broken
    assert plan.pickups[0] % DAY == seconds_of_day("08:00") - h.stop
    assert plan.end - plan.pickups[0] == h.stop + 3 * HOUR
    # A pickup window that closes before the small hours end keeps the early pickup.
    shut = hours(
        no_driving_from="20:00",
        no_driving_until="08:00",
        arrive_until="12:00",
        pickup_until="07:00",
    )
    early = schedule(shut, 2 * HOUR, [3 * HOUR], pickups=1, not_before=5 * HOUR)
    assert not early.broken and early.pickups[0] % DAY <= seconds_of_day("07:00")
    assert early.end == plan.end


def test_a_night_limit_longer_than_the_days_leaves_the_days_in_force() -> None:
    """``max_night_driving_minutes`` over ``max_continuous_driving_minutes``: a
    drive from 20:00 still rests after 4 h, at 00:00, not after 5 h at night
    (verify reads the day's limit as holding at every hour)."""
    h = hours(max_night_driving_minutes=300)
    run = drive(h, 20 * HOUR, [6 * HOUR], drivers=1)
    assert run.rests[0][0] == 24 * HOUR
    assert all(seconds <= 4 * HOUR for _, seconds in run.stretches)


def test_a_bus_that_takes_two_drivers_for_its_hours_relays_through_the_small_hours() -> None:
    """Pickups from 00:30 and one driver's day of 1 h: a 4 h loaded run takes two
    drivers, who relay at 02:00 rather than stand until 05:00 with the riders aboard."""
    h = hours(max_driving_minutes_one_driver=60, pickup_from="00:30", pickup_until="04:00")
    plan = schedule(h, HOUR, [4 * HOUR], pickups=1, not_before=5 * HOUR)
    assert not plan.broken and plan.drivers == 2
    still = (seconds_of_day("02:00"), seconds_of_day("05:00"))
    aboard = [
        (start, length)
        for start, length in plan.rests
        if plan.pickups[0] <= start < plan.end and length > h.rest
    ]
    assert not aboard, "riders aboard a bus standing through the small hours"
    assert plan.relays and still[0] <= plan.relays[0] % DAY < still[1]


def test_pickup_hours_that_close_in_the_small_hours_shorten_the_stand_aboard() -> None:
    """Pickups 00:30-04:00 and the bus at the pickup at 01:58: boarding then
    leaves the riders aboard until 05:00, and boarding at 05:00 is past the
    pickup hours; they board as the pickup hours close, 04:00, and arrive
    when they would have."""
    h = hours(pickup_from="00:30", pickup_until="04:00", arrive_from="05:00")
    first = DAY + seconds_of_day("01:58")
    plan = schedule(h, HOUR, [2 * HOUR], pickups=1, not_before=5 * HOUR, first_not_before=first)
    assert not plan.broken
    assert plan.pickups[0] == DAY + seconds_of_day("04:00")
    assert plan.end == DAY + seconds_of_day("07:00")
    aboard = sum(length for start, length in plan.rests if start >= plan.pickups[0])
    assert aboard <= HOUR


def test_the_empty_run_leaves_as_late_as_it_can() -> None:
    """Buses leave from 12:00 and a duty is 10 h: a 6.7 h empty run and a 6.8 h
    ride fit only as two duties, the bus out the afternoon before, resting the
    night at the pickup. The search for the latest departure must not start
    from a run through the small hours (3 h longer): it would start before
    12:00, go back to the evening before the batch, and find none."""
    h = hours(earliest_departure="12:00", max_route_minutes=600, max_ride_minutes=600)
    out, ride = 24_000, 24_600
    plan = schedule(h, out, [ride], pickups=1, not_before=5 * HOUR)
    assert not plan.broken and plan.drivers == 1
    assert plan.layover is not None and plan.layover[1] >= h.overnight
    assert plan.duty <= h.duty and plan.depart % DAY >= seconds_of_day("12:00")
    # Straight from the depot, 10 h out: the same day, leaving at 05:00.
    same_day = schedule(hours(), 10 * HOUR, [3 * HOUR], pickups=1, not_before=5 * HOUR)
    assert not same_day.broken and same_day.depart == 5 * HOUR and same_day.pickups[0] < DAY


def test_two_drivers_leave_later_when_a_relay_saves_a_rest() -> None:
    """Two drivers, 5.5 h out to a pickup at 03:44: leaving at 21:24 they rest
    from 01:44 and relay at 02:04, arriving at 03:44; leaving at 21:39 they
    rest from 01:59 and arrive at 03:59; leaving at 21:44 they relay at 02:00
    instead of a rest and arrive at 03:44. A later departure may arrive
    earlier: the empty run leaves at 21:44, and none later is in time."""
    h = hours(pickup_from="00:00", arrive_from="00:00")
    first = DAY + seconds_of_day("03:44")
    out = 330 * 60
    plan = schedule(
        h, out, [HOUR], pickups=1, not_before=5 * HOUR, first_not_before=first, drivers=2
    )
    assert not plan.broken and plan.pickups[0] == first
    assert plan.depart == seconds_of_day("21:44")
    later = range(plan.depart + 60, first - out + 60, 60)
    assert all(drive(h, leave, [out], drivers=2).arrivals[-1] > first for leave in later)


def _duty_as_checked(h: Hours, plan: Plan) -> int:
    """The longest duty as `checker` reads it from the route: a layover of
    ``overnight`` or more splits it (no layover splits nothing)."""
    if plan.layover is None or plan.layover[1] < h.overnight:
        return plan.end - plan.depart
    return max(plan.layover[0] - plan.depart, plan.end - plan.pickups[0])


@pytest.mark.parametrize("overnight", [0, 1, 20, 60, 240, 480])
def test_a_bus_leaves_early_and_waits_when_the_latest_empty_run_is_over_a_duty(
    overnight: int,
) -> None:
    """A 9 h empty run, a 9 h loaded run and 10 h duties: as one duty too
    long, so the drivers rest a night at the pickup. The latest empty run
    arriving in time stands through the small hours and lasts over 10 h
    itself; one that leaves earlier and drives by day does not. Whatever
    wait the setting calls a night's rest (0: any), the bus comes so."""
    h = hours(max_route_minutes=600, max_ride_minutes=600, overnight_rest_minutes=overnight)
    plan = schedule(h, 32_574, [32_429], pickups=1, not_before=5 * HOUR)
    assert not plan.broken
    assert plan.layover is not None and plan.layover[1] >= h.overnight
    assert plan.layover[0] - plan.depart <= h.duty and plan.end - plan.pickups[0] <= h.duty
    assert plan.duty == _duty_as_checked(h, plan) <= h.duty


@pytest.mark.parametrize("overnight", [0, 1, 30, 480])
def test_the_duty_a_timetable_keeps_is_the_one_verify_reads(overnight: int) -> None:
    """On random trips, every timetable kept is within the duty cap as
    `checker` counts it. With a night's rest of 0 minutes, a bus picking up
    as it arrives (no wait) drove one duty, not two."""
    h = hours(max_route_minutes=600, max_ride_minutes=600, overnight_rest_minutes=overnight)
    rnd = random.Random(3)
    kept = 0
    for _ in range(300):
        loaded = [rnd.randrange(600, HOUR) for _ in range(rnd.randrange(0, 3))]
        loaded.append(rnd.randrange(HOUR, 8 * HOUR))
        out = rnd.randrange(600, 10 * HOUR)
        plan = schedule(h, out, loaded, pickups=len(loaded), not_before=5 * HOUR)
        if not plan.broken:
            kept += 1
            assert plan.duty == _duty_as_checked(h, plan) <= h.duty
    assert kept > 100


def test_a_bus_too_soon_to_rest_before_its_pickup_picks_up_after_a_rest() -> None:
    """Any wait a night's rest (0), 10 h duties, 5.4 h out and 5.4 h loaded:
    leaving at 05:00 and picking up on arrival is one duty of 12 h; picking
    up a rest later, the same day, is two duties within the cap."""
    h = hours(max_route_minutes=600, max_ride_minutes=600, overnight_rest_minutes=0)
    plan = schedule(h, 19_453, [19_596], pickups=1, not_before=5 * HOUR)
    assert not plan.broken and plan.pickups[0] < DAY
    assert plan.layover is not None
    assert plan.duty == _duty_as_checked(h, plan) <= h.duty
