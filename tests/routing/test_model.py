"""The reversed bus model: schedules, reasons, and the problem handed to the solver."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import timedelta

import pytest

from returnbus.domain import LatLon, PickupPoint, Site
from returnbus.routing.engine import to_pyvrp
from returnbus.routing.model import DEPOT, DESTINATION, FIRST_POINT, BusModel
from returnbus.seating import SeatingPolicy
from returnbus.text import Text
from returnbus.travel import GreatCircleTravel, TravelSettings

from .helpers import (
    DEPART,
    HUB,
    TONGZI,
    XINYANG,
    XISHUI,
    coach,
    gates_a_far_rider_may_need_first,
    plain_rules,
    point,
)
from .helpers import DEPOT as DEPOT_SITE


def model(
    points: list[PickupPoint], sites: dict[str, LatLon] | None = None, **rule_changes: int | str
) -> BusModel:
    return BusModel(
        points,
        depot=DEPOT_SITE,
        destination=HUB,
        fleet=[coach(10)],
        rules=plain_rules(**rule_changes),
        seating=SeatingPolicy(policy="full", keep_last_two_rows_empty=False),
        travel=GreatCircleTravel(TravelSettings()),
        departure=DEPART,
        sites=sites,
    )


def test_problem_is_the_route_driven_backwards() -> None:
    """Matrices are transposed, each pickup's window is its riders' ride cap
    (the detour rule where it is tighter), depots swap roles."""
    m = model([point("a", TONGZI, 3), point("b", XISHUI, 2)], max_ride_minutes=600)
    problem = m.problem([0, 1])
    forward = m.matrix.seconds
    # The search's durations carry the share of rests a driver takes on the way.
    rests = 1 + m.rules.break_seconds / m.rules.max_continuous_seconds
    assert problem.durations[DESTINATION, FIRST_POINT] == math.ceil(
        forward[FIRST_POINT, DESTINATION] * rests
    )
    assert problem.distances[FIRST_POINT, DEPOT] == m.matrix.metres[DEPOT, FIRST_POINT]
    assert problem.tw_late is not None
    direct = int(forward[FIRST_POINT, DESTINATION])
    cap = min(600 * 60, 2 * direct + 3600)
    assert direct > 3600 and cap < 600 * 60  # the detour rule binds on this leg
    assert problem.tw_late[FIRST_POINT] == cap - m.rules.stop_seconds
    (kind,) = problem.vehicle_kinds
    assert (kind.start_depot, kind.end_depot, kind.capacity) == (DESTINATION, DEPOT, 10)
    assert problem.prize is not None and (problem.prize[FIRST_POINT:] > 0).all()


def test_a_site_beyond_a_duty_leaves_windows_that_open_before_they_close() -> None:
    """A drop-off site farther from the destination than a bus's duty (the
    scenario refuses one beyond half a ride; shorter caps may still meet it)
    leaves the search no time, and windows PyVRP accepts."""
    far = {"employer:E9": LatLon(HUB.location.lat + 20, HUB.location.lon)}
    m = model([replace(point("a", TONGZI, 3), dropoffs=("employer:E9",) * 3)], far)
    problem = m.problem([0])
    assert problem.tw_late is not None and problem.tw_early is not None
    assert (problem.tw_late >= problem.tw_early).all()
    (kind,) = problem.vehicle_kinds
    assert kind.max_duration is not None and kind.max_duration >= 0
    assert to_pyvrp(problem).num_locations == 3


def test_timeline_adds_the_dwell_after_each_pickup() -> None:
    """Stops are reached after the legs and the dwells before them; metres add up."""
    m = model([point("a", TONGZI, 3), point("b", XISHUI, 2)])
    plan = m.timeline([0, 1])
    first = m.leg(DEPOT, FIRST_POINT)
    second = m.leg(FIRST_POINT, FIRST_POINT + 1)
    last = m.leg(FIRST_POINT + 1, DESTINATION)
    dwell = m.rules.stop_seconds
    leave = plan.depart
    assert leave == m.seconds_of(DEPART)
    assert list(plan.pickups) == [
        leave + first.seconds,
        leave + first.seconds + dwell + second.seconds,
    ]
    assert plan.end == plan.pickups[1] + dwell + last.seconds
    assert plan.metres == first.metres + second.metres + last.metres
    assert plan.driving == first.seconds + second.seconds + last.seconds
    assert not plan.clock.rests
    route = m.route("B1", (coach(10), [0, 1]))
    assert route.depart == DEPART and route.stops[1].arrive == DEPART + timedelta(
        seconds=plan.pickups[1] - leave
    )
    assert route.riders == 5 and len(route.seat_map) == 5


def test_timeline_rests_after_the_longest_continuous_drive() -> None:
    """A rest is added once continuous driving reaches the cap; it delays what follows."""
    m = model([point("a", TONGZI, 3)], max_continuous_driving_minutes=60, break_minutes=20)
    plan = m.timeline([0])
    unrested = model([point("a", TONGZI, 3)]).timeline([0])
    rests = plan.clock.rests
    assert rests and plan.driving == unrested.driving
    assert plan.end - plan.depart == unrested.end - unrested.depart + 20 * 60 * len(rests)
    # No stretch of driving between rests (or dwells) is over the hour.
    assert all(seconds <= 3600 for _, seconds in plan.clock.stretches)


def test_detour_rule_caps_each_ride_by_its_direct_trip() -> None:
    """A rider may ride twice their direct trip plus an hour: a near rider picked
    up before a far detour breaks it, the same pickups boarding far first do not."""
    near, far = point("near", LatLon(29.0, 106.3), 2), point("far", TONGZI, 2)
    m = model([near, far])
    assert m.broken_route([0, 1]) == "ride" and m.broken_route([1, 0]) == ""
    loose = model([near, far], max_detour_minutes=10_000)
    assert loose.broken_route([0, 1]) == ""
    assert m.detour_seconds([1, 0]) > 0 and m.detour_seconds([1]) >= 0


def test_unreachable_points_say_why() -> None:
    """Too many riders, too long a ride: each point left out says which rule."""
    m = model([point("big", TONGZI, 11), point("far", XINYANG, 2), point("ok", TONGZI, 2)])
    reachable, dropped = m.split_unreachable()
    assert reachable == [2]
    reasons = {d.point.id: d.reason for d in dropped}
    assert "stop too big" in reasons["big"] and "too far for a bus" in reasons["far"]
    assert m.feasible(coach(10), [2]) and not m.feasible(coach(10), [0])
    assert not model([point("x", LatLon(28.1, 106.8), 1)], max_route_minutes=60).feasible(
        coach(10), [0]
    )


def test_with_every_bus_held_a_point_no_bus_could_serve_still_says_why() -> None:
    """Other batches hold the whole fleet (every count 0 after the ledger):
    a point too far or too big for any bus of the fleet says so, since more
    buses would not carry it; only the others are left for want of a bus."""
    points = [point("big", TONGZI, 11), point("far", XINYANG, 2), point("ok", TONGZI, 2)]
    held = BusModel(
        points,
        depot=DEPOT_SITE,
        destination=HUB,
        fleet=[coach(10, count=0)],
        rules=plain_rules(),
        seating=SeatingPolicy(policy="full", keep_last_two_rows_empty=False),
        travel=GreatCircleTravel(TravelSettings()),
        departure=DEPART,
    )
    reachable, dropped = held.split_unreachable()
    assert reachable == []
    reasons = {d.point.id: d.reason for d in dropped}
    assert isinstance(reasons["big"], Text) and reasons["big"].key == "stop_too_big"
    assert reasons["big"].args["most"] == 10
    assert isinstance(reasons["far"], Text) and reasons["far"].key == "too_far"
    assert reasons["ok"] == Text("no_fleet")


def test_a_far_rider_alights_first_when_the_shorter_order_breaks_their_ride_cap() -> None:
    """The drop-offs go in the order that drives least among those that keep
    every ride cap: here the far rider's gate comes first although the near
    rider's gate lies on the way."""
    gates = {"employer:S": LatLon(29.22, 106.25), "employer:N": LatLon(29.34, 106.25)}
    far = replace(point("far", TONGZI, 1), dropoffs=("employer:N",))
    near = replace(point("near", LatLon(28.9, 106.4), 1), dropoffs=("employer:S",))

    def gated(max_ride_minutes: int) -> BusModel:
        return model([far, near], gates, max_ride_minutes=max_ride_minutes)

    loose = gated(600)
    shortest = loose.timeline([0, 1])
    assert shortest.order == ("employer:S", "employer:N")
    far_ride = dict(shortest.dropoffs)["employer:N"] - shortest.pickups[0]
    assert far_ride > 240 * 60  # the shortest order breaks a 4-hour cap

    tight = gated(240)
    assert tight.broken_route([0, 1]) == ""
    assert tight.timeline([0, 1]).order == ("employer:N", "employer:S")
    route = tight.route("B1", (coach(10), [0, 1]))
    assert [d.point_id for d in route.dropoffs] == ["employer:N", "employer:S"]
    assert max(route.rides().values()) <= 240 * 60


def test_a_rider_whose_ride_alone_breaks_the_detour_rule_is_too_far() -> None:
    """With no room beyond the direct trip (factor 1, no extra minutes) the
    dwell at the pickup alone breaks the detour rule: the point is unreachable
    with the reason, never offered to the search as a bus of its own."""
    m = model([point("a", TONGZI, 3)], max_detour_factor=1, max_detour_minutes=0)
    assert m.broken_route([0]) == "ride"
    reachable, dropped = m.split_unreachable()
    assert reachable == []
    assert "detour rule" in dropped[0].reason


def test_a_point_over_a_duty_is_told_which_run_is_too_long() -> None:
    """Duties of 9 h. From 昆明 the loaded run alone, 9 h 10 min, is over a
    duty, which no night's rest shortens: the reason says that run. With
    the depot in 信阳, 12.4 h from 桐梓, and any wait a night's rest (0), the
    empty run alone is over a duty: the reason gives its own length, not
    the whole route's, as the length from the depot to the last drop-off."""
    kunming = model([point("k", LatLon(25.04, 102.71), 2)], max_route_minutes=540)
    (dropped,) = kunming.split_unreachable()[1]
    assert isinstance(dropped.reason, Text) and dropped.reason.key == "loaded_run_over_duty"
    clock = kunming.timeline([0]).clock
    assert dropped.reason.args["hours"] * 3600 == pytest.approx(clock.end - clock.pickups[0])
    assert clock.end - clock.pickups[0] > 540 * 60

    far = Site(id="far", name="far", location=XINYANG)
    tongzi = BusModel(
        [point("t", TONGZI, 2)],
        depot=far,
        destination=HUB,
        fleet=[coach(10)],
        rules=plain_rules(max_route_minutes=540, overnight_rest_minutes=0),
        seating=SeatingPolicy(policy="full", keep_last_two_rows_empty=False),
        travel=GreatCircleTravel(TravelSettings()),
        departure=DEPART,
    )
    (dropped,) = tongzi.split_unreachable()[1]
    assert isinstance(dropped.reason, Text) and dropped.reason.key == "too_far_from_depot_empty"
    out = tongzi.leg(DEPOT, tongzi.at[0]).seconds
    assert dropped.reason.args["hours"] * 3600 == pytest.approx(out) and out > 540 * 60


def test_a_kept_bus_drops_off_in_its_announced_order_while_that_keeps_every_rule() -> None:
    """A plan's route, timed again from its own first pickup (as a re-plan
    times a kept bus), keeps the drop-off order it was announced with, not
    the shorter one that now fits: a re-plan with nothing changed changes no
    bus.  Given no order, or one that breaks a rule, the shortest is taken."""
    m = gates_a_far_rider_may_need_first()
    seq = [0, 1, 2, 3, 4]
    planned = m.route("B1", (coach(10), seq))
    announced = tuple(d.point_id for d in planned.dropoffs)
    first = m.seconds_of(planned.stops[0].arrive)
    shortest = m.timeline(seq, first_not_before=first)
    assert announced != shortest.order  # the case: timed from its start, another order fits

    again = m.route("B1", (coach(10), seq), first=first, order=announced)
    assert [d.point_id for d in again.dropoffs] == list(announced)
    assert (again.stops, again.dropoffs, again.distance_m) == (
        planned.stops,
        planned.dropoffs,
        planned.distance_m,
    )
    anew = m.route("B1", (coach(10), seq), first=first)
    assert tuple(d.point_id for d in anew.dropoffs) == shortest.order
    # An announced order that now breaks a ride cap gives way to one that keeps them.
    breaking = ("employer:E04", "employer:E03", "employer:E01")
    assert m._breaks_a_cap(seq, m._timed(seq, breaking, m.not_before, first))
    kept = m.route("B1", (coach(10), seq), first=first, order=breaking)
    assert tuple(d.point_id for d in kept.dropoffs) == shortest.order
