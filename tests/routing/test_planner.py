"""Bus routing under the domain rules, on small cases that would break each rule."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import timedelta
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from returnbus.checker import check_plan
from returnbus.domain import BusType, LatLon, PickupPoint
from returnbus.executors import process_pool
from returnbus.io.scenario import load_scenario
from returnbus.pipeline import plan_batch, prepare
from returnbus.replan import _kept
from returnbus.routing import RoutePlanner, RoutingResult, SolverSettings, sectors
from returnbus.routing import planner as planner_module
from returnbus.routing.model import BusModel
from returnbus.routing.reasons import district_headline, wants_a_bus
from returnbus.text import Text, joined, say
from returnbus.travel import GreatCircleTravel, TravelSettings

from ..helpers import write_synthetic
from .helpers import (
    DEPART,
    DEPOT,
    HUB,
    TONGZI,
    XINYANG,
    XISHUI,
    coach,
    gates_a_far_rider_may_need_first,
    plain_rules,
    planner,
    point,
    rules,
    run,
)


def test_capacity_splits_riders_over_buses() -> None:
    """Fifteen riders and ten-seat buses need two buses, none over capacity."""
    result = run([point("a", TONGZI, 8), point("b", XISHUI, 7)], [coach(10)], rules())
    assert len(result.routes) == 2 and not result.dropped
    assert all(r.riders <= r.capacity_effective == 10 for r in result.routes)


def test_times_follow_the_travel_model_and_dwell() -> None:
    """The bus leaves at departure; each stop adds the dwell; arrival follows the last leg."""
    bus_rules = plain_rules()
    result = run([point("a", TONGZI, 3)], [coach()], bus_rules)
    (route,) = result.routes
    travel = GreatCircleTravel(TravelSettings())
    _, out_s = travel.leg(DEPOT.location, TONGZI)
    _, back_s = travel.leg(TONGZI, HUB.location)
    assert route.depart == DEPART
    assert route.stops[0].arrive == DEPART + timedelta(seconds=out_s)
    assert route.end_arrive == route.stops[0].arrive + timedelta(
        seconds=bus_rules.stop_seconds + back_s
    )


def test_ride_cap_drops_what_no_bus_can_bring_in_time() -> None:
    """A pickup whose ride alone exceeds the cap is left out with the reason."""
    result = run([point("far", XINYANG, 5), point("near", TONGZI, 5)], [coach()], rules())
    assert [d.point.id for d in result.dropped] == ["far"]
    assert "ride" in result.dropped[0].reason and "max_ride_minutes" in result.dropped[0].reason
    assert all(r.ride_seconds <= rules().max_ride_seconds for r in result.routes)


def test_ride_cap_shapes_routes() -> None:
    """With a tight cap, two pickups that fit one bus go on two buses instead."""
    travel = GreatCircleTravel(TravelSettings())
    _, tongzi_to_hub = travel.leg(TONGZI, HUB.location)
    _, xishui_to_hub = travel.leg(XISHUI, HUB.location)
    cap_min = (max(tongzi_to_hub, xishui_to_hub) + 600) // 60 + 5
    bus_rules = plain_rules(max_ride_minutes=cap_min)
    result = run([point("a", TONGZI, 2), point("b", XISHUI, 2)], [coach()], bus_rules)
    assert len(result.routes) == 2
    assert all(r.ride_seconds <= bus_rules.max_ride_seconds for r in result.routes)


def test_route_duration_counts_the_empty_run() -> None:
    """A duty cap that the ride fits but the empty run and the ride together do
    not: with no night's rest allowed the point is dropped for driver hours;
    with one, the bus drives out the day before and the drivers rest there."""
    travel = GreatCircleTravel(TravelSettings())
    _, out_s = travel.leg(DEPOT.location, TONGZI)
    _, back_s = travel.leg(TONGZI, HUB.location)
    caps = {
        "max_ride_minutes": (back_s + 600) // 60 + 5,
        "max_route_minutes": (back_s + 600) // 60 + 10,
    }
    assert out_s > 600
    restless = plain_rules(**caps, overnight_rest_minutes=100_000)
    result = run([point("a", TONGZI, 2)], [coach()], restless)
    assert not result.routes and "a duty may last" in result.dropped[0].reason
    (route,) = run([point("a", TONGZI, 2)], [coach()], plain_rules(**caps)).routes
    assert route.layover is not None and route.layover.seconds >= 8 * 3600
    # Each duty keeps the cap, as the summary's max_route_minutes says; the route does not.
    duty = route.longest_duty_seconds(8 * 3600)
    assert duty <= caps["max_route_minutes"] * 60 < route.duration_seconds


def test_fleet_exhausted_is_the_reason_when_buses_run_out() -> None:
    """One bus for two full loads: one load rides; the other is told every bus
    is in use, and that the bus passing nearest is full."""
    result = run([point("a", TONGZI, 10), point("b", XISHUI, 10)], [coach(10, count=1)], rules())
    assert len(result.routes) == 1 and len(result.dropped) == 1
    reason = result.dropped[0].reason
    assert "fleet is in use" in reason and result.routes[0].bus_id in reason
    assert "full (10 of 10 seats)" in reason


def test_fixed_cost_prefers_fewer_buses() -> None:
    """Two small pickups near each other share one bus rather than paying two charters."""
    result = run(
        [point("a", TONGZI, 3), point("b", LatLon(28.15, 106.85), 3)], [coach(10)], rules()
    )
    assert len(result.routes) == 1 and result.routes[0].riders == 6


def test_cheaper_bus_type_is_chosen_when_it_fits() -> None:
    """A load that fits a minibus does not get a coach."""
    fleet = [
        coach(45, bus_id="BIG", fixed=4000, per_km=8),
        coach(19, bus_id="SMALL", fixed=1500, per_km=4),
    ]
    result = run([point("a", TONGZI, 6)], fleet, rules())
    assert [r.bus_type for r in result.routes] == ["SMALL"]


def test_same_seed_and_iterations_give_the_same_plan() -> None:
    """Reproducible: a fixed seed and iteration limit give identical routes."""
    points = [
        point(f"p{i}", LatLon(28.0 + 0.05 * i, 106.2 + 0.07 * (i % 5)), 1 + i % 4)
        for i in range(12)
    ]
    first = run(points, [coach(10, count=6)], rules())
    second = run(points, [coach(10, count=6)], rules())
    assert [r.worker_ids for r in first.routes] == [r.worker_ids for r in second.routes]


def test_bus_ids_come_from_the_route_not_the_order() -> None:
    """The same trips from points listed in another order get the same bus ids."""
    points = [point("a", TONGZI, 8), point("b", XISHUI, 7), point("c", LatLon(28.2, 106.5), 6)]
    first = run(points, [coach(10)], rules())
    second = run(list(reversed(points)), [coach(10)], rules())
    assert {r.bus_id: r.worker_ids for r in first.routes} == {
        r.bus_id: r.worker_ids for r in second.routes
    }
    assert all(r.bus_id.startswith("B") and len(r.bus_id) == 7 for r in first.routes)


def test_without_a_clock_the_search_reports_no_time() -> None:
    """Planning on an iteration budget alone reads no clock: zero seconds reported."""
    assert run([point("a", TONGZI, 3)], [coach()], rules()).solve_seconds == 0.0


def test_the_plan_is_the_same_in_this_process_and_in_a_pool(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Sectors searched in two worker processes give the plan searched here."""
    monkeypatch.setattr(sectors, "SECTOR_POINTS", 8)
    points = [
        point(f"p{i}", LatLon(27.6 + 0.09 * (i % 6), 105.9 + 0.13 * (i // 6)), 1 + i % 3)
        for i in range(24)
    ]
    _same_here_and_in_a_pool(planner([coach(10, count=12)], rules()), points)


def test_a_district_in_regions_plans_alike_here_and_in_a_pool(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Regions handed out farthest first, in this process or on a pool: one
    plan, every rider on a bus, no more buses than the fleet."""
    monkeypatch.setattr(planner_module, "REGION_POINTS", 5)
    alone = _same_here_and_in_a_pool(planner([coach(10, count=20)], rules()), _five_towns())
    assert len(alone.routes) <= 20


def test_regions_short_of_a_bus_type_share_it_and_plan_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Every region wants the cheap coach, and there are two: the regions
    share them, those left without plan again on the other type, and every
    rider still rides (here and on a pool alike)."""
    monkeypatch.setattr(planner_module, "REGION_POINTS", 5)
    cheap = coach(10, count=2, bus_id="cheap", fixed=500, per_km=2)
    dear = coach(10, count=20, bus_id="dear", fixed=1000, per_km=5)
    first: list[int] = []
    shares = planner_module._shares

    def watched(fleet: list[BusType], used: list[Any]) -> Any:
        first.append(sum(u["cheap"] for u in used))
        return shares(fleet, used)

    monkeypatch.setattr(planner_module, "_shares", watched)
    alone = _same_here_and_in_a_pool(planner([cheap, dear], rules()), _five_towns())
    assert first[0] > 2  # with the whole fleet, the regions wanted more than there are
    assert sum(r.bus_type == "cheap" for r in alone.routes) == 2
    assert not alone.dropped


def test_each_region_is_polished_with_its_buses_and_a_share_of_the_idle_ones(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Once the regions are planned, each region's buses are emptied where a
    pickup may take another's seat: with the buses it uses and a share of
    the idle ones (never more than the fleet in all), carrying the same
    riders on no more buses than it had."""
    monkeypatch.setattr(planner_module, "REGION_POINTS", 5)
    seen: list[tuple[Any, Any]] = []
    polish = planner_module.polish_region

    def watched(task: Any) -> Any:
        result = polish(task)
        seen.append((task, result))
        return result

    monkeypatch.setattr(planner_module, "polish_region", watched)
    result = planner([coach(10, count=20)], rules()).plan(_five_towns())
    assert len(seen) > 1 and not result.dropped
    assert sum(task.planner.fleet[0].count for task, _ in seen) == 20

    def riders(routes: Any) -> list[str]:
        return sorted(w for route in routes for stop in route.stops for w in stop.worker_ids)

    for task, polished in seen:
        assert task.routes and riders(polished.routes) == riders(task.routes)
        assert len(polished.routes) <= len(task.routes) <= task.planner.fleet[0].count


def test_a_short_bus_type_is_shared_by_use_and_the_rest_goes_to_who_lost_it() -> None:
    """Shares never add up past the fleet; a short type is shared by use
    (no region more than it used), another type gives each region what it
    used, and its spare buses to the regions that lost some."""
    fleet = [coach(10, count=4, bus_id="big"), coach(10, count=10, bus_id="small")]
    used = [Counter(big=3, small=1), Counter(big=2), Counter(small=2)]
    shares = planner_module._shares(fleet, used)
    count = [{bus.id: bus.count for bus in share} for share in shares]
    assert sum(c["big"] for c in count) == 4 and sum(c["small"] for c in count) == 10
    assert all(c["big"] <= u["big"] for c, u in zip(count, used, strict=True))
    assert sorted(c["big"] for c in count[:2]) == [2, 2]
    assert all(c["small"] >= u["small"] for c, u in zip(count, used, strict=True))
    # Regions 1 and 2 lost nothing: each keeps what it used, and region 0,
    # which lost a big bus, gets the small ones nobody used.
    assert count[1] == {"big": 2, "small": 0} and count[2] == {"big": 0, "small": 2}
    assert count[0] == {"big": 2, "small": 8}


def test_a_district_short_of_buses_says_so_of_its_whole_fleet(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Five regions each want a bus and there are three: all three run, and
    each rider left behind is told that every bus of the fleet (three, not
    their region's share) is in use, in both languages."""
    monkeypatch.setattr(planner_module, "REGION_POINTS", 5)
    result = planner([coach(10, count=3)], rules()).plan(_five_towns())
    assert len(result.routes) == 3
    assert result.dropped
    for dropped in result.dropped:
        assert dropped.reason.startswith("every bus of the fleet is in use (3 in all)")
        assert "车队全部 3 辆车均已排满" in say(dropped.reason, "zh")


def test_buses_a_share_left_idle_go_to_a_region_that_ran_out(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Shares that leave a bus idle while regions ran out of theirs: the
    idle bus is handed on and runs, and the reasons say the whole fleet is
    in use rather than that it has no buses."""
    monkeypatch.setattr(planner_module, "REGION_POINTS", 5)
    shares = planner_module._shares

    def one_withheld(fleet: list[BusType], used: list[Any]) -> Any:
        given = list(shares(fleet, used))
        k = next(k for k, share in enumerate(given) if share[0].count)
        given[k] = (replace(given[k][0], count=given[k][0].count - 1),)
        return given

    monkeypatch.setattr(planner_module, "_shares", one_withheld)
    result = planner([coach(10, count=4)], rules()).plan(_five_towns())
    assert len(result.routes) == 4
    assert result.dropped
    assert all(
        d.reason.startswith("every bus of the fleet is in use (4 in all)") for d in result.dropped
    )


def test_a_too_few_reason_is_said_again_with_the_district_s_smallest_free_bus() -> None:
    """A region's "too few riders" names the smallest bus free in the
    district; with none free, the whole fleet in use; other reasons stay."""
    nearest = Text("nearest_bus", bus="B1", km=3.0, why=Text("why_ride"))
    few = joined([Text("too_few_within_reach", riders=3, minimum=4), nearest])
    again = district_headline(few, buses=9, smallest_free=6)
    assert isinstance(again, Text) and again.args["parts"][1] == nearest
    assert "below the minimum of 6" in again
    assert district_headline(few, buses=9, smallest_free=None).startswith(
        "every bus of the fleet is in use (9 in all)"
    )
    # Three riders within reach could fill a bus of minimum 3, not one of 4.
    assert wants_a_bus(few, 3) and not wants_a_bus(few, 4) and not wants_a_bus(nearest, 1)
    far = Text("no_fleet")
    assert district_headline(far, buses=0, smallest_free=None) == far
    other = Text("why_ride")
    assert district_headline(other, buses=9, smallest_free=None) is other


def _five_towns() -> list[PickupPoint]:
    """Three pickups around each of five towns far apart: a district that is
    cut into regions once REGION_POINTS is 5."""
    centres = (TONGZI, XISHUI, LatLon(30.84, 106.11), LatLon(29.72, 107.39), LatLon(29.56, 105.06))
    return [
        point(f"p{k}-{i}", LatLon(at.lat + 0.05 * i, at.lon + 0.04 * i), 2 + i % 3)
        for k, at in enumerate(centres)
        for i in range(3)
    ]


def _same_here_and_in_a_pool(here: RoutePlanner, points: list[PickupPoint]) -> RoutingResult:
    """The plan searched here, once the same plan came from two worker
    processes and every rider rides."""
    alone = here.plan(points)
    with process_pool(2) as pool:
        assert pool is not None
        shared = here.plan(points, executor=pool)
    assert [(r.bus_id, r.worker_ids) for r in alone.routes] == [
        (r.bus_id, r.worker_ids) for r in shared.routes
    ]
    assert sum(r.riders for r in alone.routes) == sum(p.demand for p in points)
    return alone


def test_a_lone_rider_gets_a_bus_under_its_minimum_when_nothing_else_carries_them() -> None:
    """A lone rider far from the others, with buses free: a bus of their own,
    marked under its minimum; the others ride full buses."""
    lone = point("lone", LatLon(25.09, 104.9), 1)  # Xingyi, Guizhou: south-west
    crowd = [point(f"c{i}", LatLon(30.8 + 0.02 * i, 106.1), 3) for i in range(3)]  # Nanchong
    result = run([lone, *crowd], [coach(10, count=4)], rules(min_riders=4))
    assert not result.dropped
    under = [r for r in result.routes if r.under_minimum]
    assert [r.worker_ids for r in under] == [lone.worker_ids]
    assert all(r.riders >= 4 for r in result.routes if not r.under_minimum)


def test_too_few_is_said_only_when_buses_stand_free() -> None:
    """Without buses under their minimum, a lone rider far from the others,
    with buses free: too few within reach, and the nearest bus is named with
    why it cannot take them."""
    lone = point("lone", LatLon(25.09, 104.9), 1)  # Xingyi, Guizhou: south-west
    crowd = [point(f"c{i}", LatLon(30.8 + 0.02 * i, 106.1), 3) for i in range(3)]  # Nanchong
    hard = rules(min_riders=4, run_under_minimum=False)
    result = run([lone, *crowd], [coach(10, count=4)], hard)
    (dropped,) = result.dropped
    assert dropped.point.id == "lone"
    assert "too few riders" in dropped.reason and "at most 1 of the riders" in dropped.reason
    assert result.routes[0].bus_id in dropped.reason
    why = dropped.reason.split(result.routes[0].bus_id)[1]
    assert "km away but" in why and any(
        rule in why for rule in ("ride", "receiving hours", "driver-hours")
    )


def test_pickups_at_one_place_share_one_dwell() -> None:
    """Two pickups at one place (riders bound for different sites, say) are
    one stop: the bus arrives once and dwells once."""
    points = [point("a", TONGZI, 3), point("b", TONGZI, 2), point("c", XISHUI, 3)]
    (route,) = run(points, [coach(10)], rules()).routes
    at_tongzi = [s.arrive for s in route.stops if s.location == TONGZI]
    assert len(at_tongzi) == 2 and at_tongzi[0] == at_tongzi[1]
    # From the shared stop to the next place: one dwell and the drive.
    k = max(k for k, s in enumerate(route.stops) if s.location == TONGZI)
    here, there = route.stops[k], (*route.stops, *route.dropoffs)[k + 1]
    _, drive = GreatCircleTravel(TravelSettings()).leg(here.location, there.location)
    dwell = timedelta(minutes=rules().stop_minutes)
    # A driver who came straight from the depot may rest on the way.
    rests = sum(b.seconds for b in route.breaks if here.arrive <= b.start < there.arrive)
    assert there.arrive - here.arrive == dwell + timedelta(seconds=drive + rests)


def test_rounds_choose_again_where_their_trips_reach(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each round chooses again only among the trips its new columns reach:
    the plan still keeps every rule and accounts for every worker, and
    carries no fewer riders than the first choice did."""
    scenario = load_scenario(write_synthetic(tmp_path, workers=300, seed=4))
    batch = prepare(scenario)
    settings = scenario.settings
    first = plan_batch(batch, replace(settings, solver=replace(settings.solver, rounds=0)))
    around: list[int] = []
    choose_around = planner_module._Search._choose_around

    def counted(search: planner_module._Search, *args: Any) -> tuple[int, ...]:
        around.append(1)
        return choose_around(search, *args)

    monkeypatch.setattr(planner_module._Search, "_choose_around", counted)
    rounds = plan_batch(batch, settings)
    assert around and check_plan(rounds) == []
    assert sum(r.riders for r in rounds.routes) >= sum(r.riders for r in first.routes)


def _objective(model: BusModel, trips: list[tuple[BusType, list[int]]]) -> float:
    return sum(model.objective(bus, seq) for bus, seq in trips)


def test_a_trip_is_emptied_into_the_trip_passing_by_when_that_costs_less() -> None:
    """Two buses where one would do: the thinner trip's pickups go onto the
    other bus, which keeps every rule; everyone still rides, for less."""
    bus = coach(10)
    model = planner([bus], rules()).model(
        [point("a", TONGZI, 4), point("b", LatLon(28.15, 106.85), 3), point("c", XISHUI, 2)]
    )
    trips = [(bus, [0, 1]), (bus, [2])]
    drained = planner_module._drained(model, list(trips))
    assert len(drained) == 1
    ((kept_bus, seq),) = drained
    assert sorted(seq) == [0, 1, 2] and model.feasible(kept_bus, seq)
    assert _objective(model, drained) < _objective(model, trips)


def test_no_trip_is_emptied_where_the_others_lack_seats_or_it_costs_more() -> None:
    """Full buses take nobody; and where riders' time costs more than a bus
    saves, a trip whose riders would ride a detour on another bus stays."""
    bus = coach(10)
    full = planner([bus], rules()).model([point("a", TONGZI, 8), point("c", XISHUI, 3)])
    assert planner_module._drained(full, [(bus, [0]), (bus, [1])]) == [(bus, [0]), (bus, [1])]
    patient = planner([bus], rules(detour_cost_per_hour=100_000)).model(
        [point("a", TONGZI, 4), point("c", XISHUI, 2)]
    )
    trips = [(bus, [0]), (bus, [1])]
    merged = min(
        _objective(patient, [(bus, seq)]) for seq in ([0, 1], [1, 0]) if patient.feasible(bus, seq)
    )
    assert merged > _objective(patient, trips)
    assert planner_module._drained(patient, list(trips)) == trips


def test_no_trip_is_emptied_into_a_long_haul_under_its_minimum() -> None:
    """Two short trips that together would drive the long-haul distance with
    fewer riders than its minimum stay two, though one bus would cost less."""
    bus = coach(10)
    points = [point("a", TONGZI, 2), point("c", XISHUI, 2)]
    measured = planner([bus], rules()).model(points)
    alone = max(measured.timeline([i]).metres for i in (0, 1))
    long_haul_km = alone // 1000 + 1
    strict = planner([bus], rules(long_haul_km=long_haul_km, min_riders_long_haul=5)).model(points)
    trips = [(bus, [0]), (bus, [1])]
    together = [seq for seq in ([0, 1], [1, 0]) if strict.feasible(bus, seq)]
    assert together and all(strict.long_and_thin(seq) for seq in together)
    assert not any(strict.long_and_thin(seq) for _, seq in trips)
    assert min(_objective(strict, [(bus, seq)]) for seq in together) < _objective(strict, trips)
    assert planner_module._drained(strict, list(trips)) == trips


def test_a_trip_is_emptied_onto_a_bigger_free_bus_where_the_small_one_is_full() -> None:
    """The bus passing by is full, but a bigger one stands free: it takes
    both trips' riders, one bus fewer runs, for less, within the fleet."""
    small, big = (
        coach(10, count=2, bus_id="S", fixed=1000),
        coach(20, count=1, bus_id="B", fixed=1200),
    )
    model = planner([small, big], rules()).model(
        [point("a", TONGZI, 8), point("b", LatLon(28.15, 106.85), 2), point("c", XISHUI, 3)]
    )
    trips = [(small, [0, 1]), (small, [2])]
    assert not any(model.feasible(small, seq) for seq in ([0, 1, 2], [2, 0, 1], [0, 2, 1]))
    drained = planner_module._drained(model, list(trips))
    assert len(drained) == 1
    ((bus, seq),) = drained
    assert bus == big and sorted(seq) == [0, 1, 2] and model.feasible(big, seq)
    assert _objective(model, drained) < _objective(model, trips)
    # With the bigger bus already out, nothing moves.
    taken = planner([small, replace(big, count=0)], rules()).model(model.points)
    assert planner_module._drained(taken, list(trips)) == trips


def test_riders_left_when_the_fleet_was_out_ride_the_buses_a_drain_frees() -> None:
    """The fill found both buses out, so a lone rider was left; the drain
    then empties one trip into the other: the bus it frees carries them
    (under its minimum, as the rules allow), and nobody stays behind."""
    bus = coach(10, count=2)
    lone = point("lone", LatLon(25.09, 104.9), 1)  # Xingyi, Guizhou: south-west
    model = planner([bus], rules(min_riders=4)).model(
        [point("a", TONGZI, 4), point("b", LatLon(28.15, 106.85), 3), point("c", XISHUI, 2), lone]
    )
    trips = [(bus, [0, 1]), (bus, [2])]
    drained = planner_module._drained(model, [(b, list(seq)) for b, seq in trips])
    assert len(drained) == 1 and 3 not in drained[0][1]
    refilled = planner_module._refilled(model, drained, [0, 1, 2, 3], eject=True)
    assert sorted(i for _, seq in refilled for i in seq) == [0, 1, 2, 3]
    assert len(refilled) == 2 and all(model.feasible(b, seq) for b, seq in refilled)
    # With both buses out, the trips are kept as they are.
    assert planner_module._refilled(model, list(trips), [0, 1, 2, 3], eject=True) == trips


def test_a_bus_boards_a_place_at_one_stop_rather_than_coming_back_to_it() -> None:
    """A trip that leaves a town and comes back to it later boards the
    town's pickups at one stop, for less; a trip that visits each place
    once is left as it is."""
    bus = coach(10)
    points = [point("a1", TONGZI, 2), point("b", LatLon(28.15, 106.85), 3), point("a2", TONGZI, 2)]
    model = planner([bus], rules()).model(points)
    assert model.feasible(bus, [0, 1, 2])
    gathered = planner_module._one_stop_a_place(model, bus, [0, 1, 2])
    assert sorted(gathered) == [0, 1, 2] and gathered in ([0, 2, 1], [1, 0, 2])
    assert model.feasible(bus, gathered)
    assert model.objective(bus, gathered) < model.objective(bus, [0, 1, 2])
    assert planner_module._one_stop_a_place(model, bus, [0, 2, 1]) == [0, 2, 1]


def test_the_trips_end_on_the_bus_types_that_cost_least_in_all() -> None:
    """A lone rider left on a coach while a minibus stands free moves to the
    minibus; one minibus for two trips goes where it saves most; a trip
    that meets its coach's minimum does not move to a type whose minimum
    it misses."""
    mini = coach(4, count=1, bus_id="M", fixed=500, per_km=3)
    big = coach(10, count=3, bus_id="C")
    points = [point("a", TONGZI, 1), point("c", XISHUI, 3), point("x", LatLon(28.15, 106.85), 6)]
    model = planner([mini, big], rules(min_riders=1)).model(points)
    trips = [(big, [0]), (big, [2])]
    cheaper = planner_module._cheapest_buses(model, list(trips))
    assert cheaper == [(mini, [0]), (big, [2])]
    assert _objective(model, cheaper) < _objective(model, trips)
    # One minibus for two trips it seats: it goes where it saves most.
    both = [(mini, [1]), (big, [0]), (big, [2])]
    shared = planner_module._cheapest_buses(model, list(both))
    assert [bus.id for bus, _ in shared].count("M") == 1
    other_way = [(big, [1]), (mini, [0]), (big, [2])]
    assert _objective(model, shared) == min(_objective(model, t) for t in (both, other_way))
    # Three riders meet the coach's minimum of 3 but not the minibus's own 4.
    choosy = replace(mini, min_riders=4)
    strict = planner([choosy, big], rules(min_riders=3)).model(points)
    assert strict.minimum(big) <= strict.riders([1]) < strict.minimum(choosy)
    assert planner_module._cheapest_buses(strict, [(big, [1])]) == [(big, [1])]


def test_a_kept_bus_starts_as_announced_or_when_the_rules_allow(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A kept bus picks up first as announced where that keeps every rule;
    where it does not (dropped stops move its drivers' rests into a ride at
    its cap: a re-plan of 3,000 workers after 216 drop-outs broke a detour
    cap so and failed), a later start the same day that does, else its
    earliest timetable, which does: never a plan that breaks the rules."""
    model = planner([coach(10)], rules()).model([point("a", TONGZI, 4)])
    trip = [0]
    morning = {"a": DEPART.replace(hour=9)}
    announced = planner_module._not_early(model, trip, morning)
    assert planner_module._first_pickup(model, trip, morning) == announced
    assert model.moment(model.timeline([0], first_not_before=announced).pickups[0]) == morning["a"]
    keeps = model.broken_route

    def rests_moved(seq: list[int], *, first: int = 0, until: int) -> str:
        return "ride" if announced <= first < until else keeps(seq, first=first)

    half_hour = announced + 1800
    monkeypatch.setattr(model, "broken_route", partial(rests_moved, until=half_hour))
    assert planner_module._first_pickup(model, trip, morning) == half_hour
    monkeypatch.setattr(model, "broken_route", partial(rests_moved, until=10**9))
    assert planner_module._first_pickup(model, trip, morning) == 0
    assert not keeps([0], first=0)


def test_a_later_start_that_moves_the_rests_picks_nobody_up_early() -> None:
    """Pickups announced 90 minutes after a trip's earliest timetable: the
    start moved on by as much puts the drivers' rest elsewhere, and the
    second stop came 20 minutes before its announced time (a re-plan after
    drop-outs picked 38 riders up so).  The start moves on until no stop is
    early, the same day."""
    model = planner([coach(26)], rules()).model(
        [point("a", LatLon(28.995, 102.422), 1), point("b", LatLon(27.862, 102.786), 3)]
    )
    seq = model.boarding_order(coach(26), [0, 1])
    announced = {
        model.points[i].id: model.moment(t + 5400)
        for i, t in zip(seq, model.timeline(seq).pickups, strict=True)
    }
    first = planner_module._not_early(model, seq, announced)
    picked = model.timeline(seq, first_not_before=first).pickups
    assert all(
        model.moment(t) >= announced[model.points[i].id] for i, t in zip(seq, picked, strict=True)
    )
    assert model.moment(picked[0]) - announced[model.points[seq[0]].id] < timedelta(hours=1)


def test_the_trips_a_pickup_could_join_are_of_its_cohort_only() -> None:
    """A rider bound for quarantine is offered only the buses of their cohort,
    however near the others pass; with cohorts mixed, every bus."""
    many = [point(f"w{k}", LatLon(28.2 + k / 100, 106.8), 2) for k in range(14)]
    far, farther = point("q", LatLon(28.9, 106.8), 1), point("r", LatLon(29.0, 106.8), 1)
    bound = frozenset((*far.worker_ids, *farther.worker_ids))
    apart = replace(planner([coach(10)], rules()), bound=bound)
    model = apart.model([*many, far, farther])
    trips = [[k] for k in range(len(many))] + [[len(many) + 1]]
    (nearest,) = planner_module._nearest_trips(model, [len(many)], trips)
    assert nearest == [len(trips) - 1]
    mixed = replace(apart, rules=rules(quarantine_cohorts="mixed")).model(model.points)
    (every,) = planner_module._nearest_trips(mixed, [len(many)], trips)
    assert len(every) == planner_module._NEAREST_TRIPS and len(trips) - 1 in every


def test_a_bus_under_its_minimum_merges_only_where_its_riders_keep_the_day_they_were_told() -> None:
    """Two kept buses under their minimum near each other, whose riders were
    told 09:00 on different days (the plan had put one off to the next
    morning).  Judged against the trips' earliest timetables, which both lie
    on the first morning, they merged, and the rider told the first day was
    picked up a day late.  Held to the times told, each keeps its bus."""
    first_day = DEPART.replace(hour=9)
    told = {"a": first_day + timedelta(days=1), "b": first_day}
    kept = [
        planner_module.KeptBus(
            bus_id=f"B{name}", bus_type="C", points=(at,), boards={name: told[name]}
        )
        for name, at in (("a", point("a", TONGZI, 1)), ("b", point("b", LatLon(28.15, 106.85), 1)))
    ]
    result = planner([coach(10)], rules(min_riders=8)).replan(kept, [], max_shift_seconds=1800)
    picked = {s.point_id: s.arrive for r in result.routes for s in r.stops if s.worker_ids}
    assert set(picked) == {"a", "b"} and not result.dropped
    assert all(timedelta(0) <= picked[p] - told[p] <= timedelta(minutes=30) for p in picked)


def test_riders_a_replan_has_no_bus_for_are_told_the_whole_fleet_is_in_use() -> None:
    """A re-plan plans its new buses with what the kept ones leave: riders it
    then has no bus for were told "every bus of the fleet is in use (1 in
    all)" of a fleet of 3 (a 3,000-worker re-plan said 8 of 215)."""
    kept = [
        planner_module.KeptBus(
            bus_id="B1", bus_type="C", points=(point("k", TONGZI, 10),), boards={"k": DEPART}
        ),
        planner_module.KeptBus(
            bus_id="B2", bus_type="C", points=(point("m", XISHUI, 10),), boards={"m": DEPART}
        ),
    ]
    fresh = [point("n", LatLon(28.15, 106.85), 10), point("s", LatLon(28.30, 106.20), 10)]
    result = planner([coach(10, count=3)], rules()).replan(kept, fresh)
    assert len(result.routes) == 3
    (left,) = result.dropped
    assert say(left.reason, "en").startswith("every bus of the fleet is in use (3 in all)")


def test_riders_a_replan_has_no_bus_left_for_are_told_the_whole_fleet_is_in_use() -> None:
    """When the kept buses hold every bus of the fleet, the new buses are
    planned with none: a rider left then was told "no buses in the fleet"
    (add [[fleet]] entries), though the desk's fleet is all in use."""
    kept = [
        planner_module.KeptBus(
            bus_id="B1", bus_type="C", points=(point("k", TONGZI, 10),), boards={"k": DEPART}
        ),
        planner_module.KeptBus(
            bus_id="B2", bus_type="C", points=(point("m", XISHUI, 10),), boards={"m": DEPART}
        ),
    ]
    fresh = [point("n", LatLon(28.15, 106.85), 10)]
    result = planner([coach(10, count=2)], rules()).replan(kept, fresh)
    assert len(result.routes) == 2
    (left,) = result.dropped
    assert say(left.reason, "en").startswith("every bus of the fleet is in use (2 in all)")


def test_riders_a_replan_has_no_bus_for_when_every_bus_is_pinned_are_told_it_is_in_use() -> None:
    """Every bus of the fleet pinned (announced, or locked) leaves the
    re-plan's model no bus at all: a newcomer was told "no buses in the
    fleet; add [[fleet]] entries" (a late addition the evening before, with
    [replan] announced = "all"), though the fleet's one bus runs."""
    fleet = [coach(10, count=1)]
    (announced,) = planner(fleet, rules()).plan([point("k", TONGZI, 10)]).routes
    result = planner(fleet, rules()).replan(
        [], [point("n", LatLon(28.15, 106.85), 10)], pinned=[announced]
    )
    assert [r.bus_id for r in result.routes] == [announced.bus_id]
    (left,) = result.dropped
    assert say(left.reason, "en").startswith("every bus of the fleet is in use (1 in all)")


def test_a_replan_with_nothing_changed_keeps_a_kept_bus_s_drop_off_order() -> None:
    """A bus whose shortest drop-off order broke a ride cap on its earliest
    timetable ran a longer one, starting the next morning.  Re-planned with
    nothing changed, it was timed from that announced start, where the
    shorter order keeps every cap, and its drop-offs were re-ordered: a rider
    told 13:48 at their gate arrived at 14:46, and nothing listed them.  It
    keeps the order, and so every time, it was announced with."""
    m = gates_a_far_rider_may_need_first()
    planned = m.route("Bb278c1", (m.fleet[0], [0, 1, 2, 3, 4]))
    again_planner = RoutePlanner(
        depot=DEPOT,
        destination=HUB,
        fleet=m.fleet,
        departure=m.moment(m.not_before),
        rules=m.rules,
        seating=m.seating,
        solver=SolverSettings(time_limit_seconds=2, seed=1, iterations=200),
        travel=GreatCircleTravel(TravelSettings()),
        sites=m.sites,
    )
    kept = _kept(planned, set(planned.worker_ids), set(), m.points)
    # Where each rider gets off is the re-plan's to give (`route_and_house`).
    off = {p.id: p.dropoffs for p in m.points}
    kept = replace(kept, points=tuple(replace(p, dropoffs=off[p.id]) for p in kept.points))
    again = again_planner.replan([kept], [])
    (route,) = again.routes
    assert route.bus_id == planned.bus_id
    assert (route.stops, route.dropoffs, route.distance_m) == (
        planned.stops,
        planned.dropoffs,
        planned.distance_m,
    )
