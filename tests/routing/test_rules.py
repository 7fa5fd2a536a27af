"""The rules a coach company signs: receiving hours, rests, two drivers, drop-offs."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from returnbus.domain import LatLon, PickupPoint, Route, Site
from returnbus.routing import RoutePlanner

from .helpers import DEPART, HUB, TONGZI, XINYANG, XISHUI, coach, planner, point, rules

NEAR = LatLon(29.05, 106.25)  # about 25 km from the Jiangjin depot
GATE_NORTH = LatLon(29.35, 106.28)
GATE_SOUTH = LatLon(29.20, 106.20)


def _local_minutes(route: Route) -> list[int]:
    ends = route.dropoffs or ()
    moments = [s.arrive for s in ends] or [route.end_arrive]
    return [m.hour * 60 + m.minute + (1 if m.second else 0) for m in moments]


def test_a_short_trip_waits_so_that_it_arrives_when_the_gates_open() -> None:
    """Leaving at 05:00 would arrive before 08:00: the bus leaves later instead."""
    (route,) = planner([coach()], rules()).plan([point("a", NEAR, 3)]).routes
    assert route.depart > DEPART and route.depart.second == 0
    assert all(8 * 60 <= m <= 20 * 60 for m in _local_minutes(route))
    assert route.layover is None or route.layover.seconds < 60  # it leaves when it must
    assert route.end_arrive - route.depart < timedelta(hours=3)


def test_no_bus_leaves_before_the_earliest_hour() -> None:
    """Arrivals from 06:00 would suit a 05:00 start, but the earliest departure is 05:30."""
    bus_rules = rules(arrive_from="06:00", earliest_departure="05:30")
    (route,) = planner([coach()], bus_rules).plan([point("a", NEAR, 3)]).routes
    assert (route.depart.hour, route.depart.minute) >= (5, 30)


def test_a_long_drive_takes_two_drivers_and_its_rests() -> None:
    """Henan to Jiangjin is over 8 h at the wheel: two drivers, a rest every 4 h,
    the second driver costed, and arrival still within the receiving hours."""
    bus_rules = rules(max_ride_minutes=1800, max_route_minutes=2400)
    bus = replace(coach(), second_driver_cost=800)
    (route,) = planner([bus], bus_rules).plan([point("far", XINYANG, 4)]).routes
    assert route.driving_seconds > 8 * 3600 and route.drivers == 2
    hours = route.driving_seconds / 3600
    assert len(route.breaks) >= int(hours // 4) - (1 if hours % 4 == 0 else 0) > 0
    assert all(b.minutes == bus_rules.break_minutes for b in route.breaks)
    assert route.cost == round(bus.fixed_cost + bus.cost_per_km * route.distance_m / 1000 + 800, 2)
    assert all(8 * 60 <= m <= 20 * 60 for m in _local_minutes(route))


def test_a_short_drive_has_one_driver_and_no_rest() -> None:
    """Under 4 h of driving needs no rest and one driver."""
    (route,) = planner([coach()], rules()).plan([point("a", NEAR, 3)]).routes
    assert route.drivers == 1 and not route.breaks


def _dropping(point_id: str, at: LatLon, sites: list[str]) -> PickupPoint:
    base = point(point_id, at, len(sites))
    return replace(base, dropoffs=tuple(sites))


def _with_gates(fleet_count: int, **rule_changes: int | str) -> RoutePlanner:
    return replace(
        planner([coach(10, count=fleet_count)], rules(**rule_changes)),
        sites={"employer:N": GATE_NORTH, "employer:S": GATE_SOUTH},
    )


def test_each_rider_gets_off_at_their_own_gate() -> None:
    """Riders bound for two gates ride one bus that stops at both; each
    alights at their own, and their ride ends there."""
    points = [
        _dropping("a", TONGZI, ["employer:N", "employer:S", "employer:N"]),
        _dropping("b", XISHUI, ["employer:S", "employer:S"]),
    ]
    (route,) = _with_gates(2).plan(points).routes
    alight = {w: d.point_id for d in route.dropoffs for w in d.worker_ids}
    assert alight == {
        "a-0": "employer:N",
        "a-1": "employer:S",
        "a-2": "employer:N",
        "b-0": "employer:S",
        "b-1": "employer:S",
    }
    assert [d.location for d in route.dropoffs] in (
        [GATE_NORTH, GATE_SOUTH],
        [GATE_SOUTH, GATE_NORTH],
    )
    boarded = {w: s.arrive for s in route.stops for w in s.worker_ids}
    gate_time = {d.point_id: d.arrive for d in route.dropoffs}
    assert route.rides() == {
        w: int((gate_time[alight[w]] - boarded[w]).total_seconds()) for w in boarded
    }


def test_max_dropoffs_limits_the_gates_one_bus_visits() -> None:
    """With one drop-off per bus, riders for two gates take two buses."""
    points = [
        _dropping("a", TONGZI, ["employer:N", "employer:N"]),
        _dropping("b", LatLon(28.13, 106.83), ["employer:S", "employer:S"]),
    ]
    result = _with_gates(2, max_dropoffs=1).plan(points)
    assert len(result.routes) == 2 and not result.dropped
    assert all(len(r.dropoffs) == 1 for r in result.routes)


def test_receiving_hours_no_drop_off_can_meet_are_a_reason() -> None:
    """Receiving hours no pickup in the pickup hours can meet leave the point
    out, saying why: picked up at 04:00-05:00, 25 km away, nobody arrives at 08:00-09:00."""
    bus_rules = rules(
        pickup_from="04:00", pickup_until="05:00", arrive_from="08:00", arrive_until="09:00"
    )
    result = planner([coach()], bus_rules).plan([point("a", NEAR, 3)])
    assert not result.routes
    reason = result.dropped[0].reason
    assert "between 04:00 and 05:00" in reason and "between 08:00 and 09:00" in reason


def test_of_two_routes_that_cost_the_same_the_farthest_pickup_boards_first() -> None:
    """Depot and drop-off at one place: out-and-back either way costs the same,
    so the bus goes out to the farthest pickup first and nobody rides longer."""
    base = planner([coach()], rules())
    same_place = replace(base, depot=Site(id="depot", name="depot", location=HUB.location))
    near, far = point("near", LatLon(28.9, 106.3), 2), point("far", TONGZI, 2)
    for points in ([near, far], [far, near]):
        (route,) = same_place.plan(points).routes
        assert [s.point_id for s in route.stops] == ["far", "near"]
