"""The pipeline: every worker accounted for, every rule kept, the same plan
from the same roster in any row order, and planning that needs no disk and
no clock."""

from __future__ import annotations

import csv
import pickle
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from returnbus.checker import check_plan
from returnbus.dropoffs import dorm_site
from returnbus.errors import InputError
from returnbus.geo.geocode import OfflineGeocoder
from returnbus.io.scenario import Scenario, load_scenario
from returnbus.pipeline import make_plan, plan_batch, prepare
from returnbus.plan import Plan

from .helpers import HUB, TONGZI, XINYANG, PlannedBatch, worker, write_scenario, write_synthetic


def _quick(scenario: Scenario, *, iterations: int | None = 300, seconds: float = 3.0) -> Scenario:
    """The scenario with short budgets for the routing search and the bed allocator."""
    solver = replace(scenario.settings.solver, time_limit_seconds=seconds, iterations=iterations)
    beds = replace(scenario.settings.quarantine, solver_seconds=1.0)
    return replace(scenario, settings=replace(scenario.settings, solver=solver, quarantine=beds))


def test_every_roster_row_ends_exactly_once(planned: PlannedBatch) -> None:
    """Bus + self-return + unassigned = roster rows, and the counts agree with plan.json."""
    summary = planned.summary
    rows = planned.roster_rows()
    assert summary["workers_total"] == len(rows)
    total = (
        summary["workers_on_bus"] + summary["workers_self_return"] + summary["workers_unassigned"]
    )
    assert total == len(rows)
    plan = planned.plan
    outcomes = [
        w
        for r in plan["routes"]
        for s in r["stops"]
        if s["kind"] == "pickup"
        for w in s["worker_ids"]
    ]
    outcomes += plan["self_return"] + [u["worker_id"] for u in plan["unassigned"]]
    # Every roster id appears; an id appears twice only when the roster repeats it.
    roster_ids = Counter(r["工号"] for r in rows)
    assert Counter(outcomes) == roster_ids


def test_the_bad_sample_rows_get_the_right_reasons(planned: PlannedBatch) -> None:
    """Each deliberately bad synthetic row is unassigned with a reason naming its fault."""
    rows = planned.roster_rows()
    reasons = {u["row"]: (u["stage"], u["reason"]) for u in planned.plan["unassigned"]}
    expected = {
        "火星基地一号": ("geocode", "could not be placed"),
        "四川省": ("geocode", "province level"),
    }
    for number, row in enumerate(rows, start=2):
        for address, (stage, words) in expected.items():
            if (
                row["家庭住址"] == address
                and row["返岗方式"] == "包车"
                and row["健康码"] in ("绿", "黄")
            ):
                got_stage, got_reason = reasons[number]
                assert got_stage == stage and words in got_reason
        if row["手机号"] == "":
            assert number not in reasons or "phone" not in reasons[number][1]
        if row["健康码"] == "蓝":
            assert "not green/yellow/red" in reasons[number][1]
    ids = Counter(r["工号"] for r in rows)
    repeated = [n for n, r in enumerate(rows, start=2) if ids[r["工号"]] > 1]
    assert repeated and all("duplicate worker id" in reasons[n][1] for n in repeated)


def test_riders_without_a_phone_travel_and_are_listed_to_call(planned: PlannedBatch) -> None:
    """A roster row with no phone is planned like any other and listed in to_call.csv."""
    rows = planned.roster_rows()
    no_phone = {r["工号"] for r in rows if not r["手机号"]}
    plan = planned.plan
    travelling = {w for r in plan["routes"] for w in r["seats_assigned"]} | set(plan["self_return"])
    with (planned.out / "to_call.csv").open(encoding="utf-8-sig") as handle:
        listed = {row["worker_id"]: row for row in csv.DictReader(handle)}
    assert no_phone & travelling and set(listed) == no_phone & travelling
    assert planned.summary["workers_to_call"] == len(listed)
    bus_of = {w: r["bus_id"] for r in plan["routes"] for w in r["seats_assigned"]}
    assert all(listed[w]["bus_id"] == bus_of.get(w, "") for w in listed)


def test_red_codes_are_turned_away_and_quarantine_is_housed(planned: PlannedBatch) -> None:
    """Red codes never ride; everyone travelling who must quarantine has a bed."""
    rows = planned.roster_rows()
    red = {r["工号"] for r in rows if r["健康码"] == "红"}
    on_bus = {w for r in planned.plan["routes"] for w in r["seats_assigned"]}
    assert red and not red & on_bus
    summary = planned.summary
    assert summary["quarantine_allocated"] == summary["quarantine_required"]


def test_keep_together_groups_share_a_bus(planned: PlannedBatch) -> None:
    """Every keep-together group that rides is on one bus."""
    rows = planned.roster_rows()
    bus_of = {w: r["bus_id"] for r in planned.plan["routes"] for w in r["seats_assigned"]}
    groups: dict[str, set[str]] = {}
    for row in rows:
        if row["同行组"] and row["工号"] in bus_of:
            groups.setdefault(row["同行组"], set()).add(bus_of[row["工号"]])
    assert groups and all(len(buses) == 1 for buses in groups.values())


def test_no_bus_runs_where_a_cheaper_free_type_would_seat_its_riders(
    planned: PlannedBatch,
) -> None:
    """Each bus is of the cheapest type still free that seats its riders (and
    whose minimum they meet, if they meet their own bus's)."""
    plan = planned.plan
    fleet = {bus["id"]: bus for bus in plan["fleet"]}
    used = Counter(route["bus_type"] for route in plan["routes"])
    rules = load_scenario(planned.scenario).settings.rules

    def minimum(bus: dict[str, Any]) -> int:
        return rules.minimum(bus["min_riders"], bus["capacity_effective"])

    def cost(bus: dict[str, Any], route: dict[str, Any]) -> float:
        second = bus["second_driver_cost"] if route["drivers"] == 2 else 0.0
        return float(bus["fixed_cost"] + bus["cost_per_km"] * route["distance_km"] + second)

    assert plan["routes"]
    for route in plan["routes"]:
        own = fleet[route["bus_type"]]
        meets = route["riders"] >= minimum(own)
        for other in fleet.values():
            if (
                used[other["id"]] < other["count"]
                and route["riders"] <= other["capacity_effective"]
                and (minimum(other) <= route["riders"] or not meets)
            ):
                assert cost(other, route) >= cost(own, route) - 0.01, (route["bus_id"], other["id"])


def test_two_thousand_workers_keep_every_rule(tmp_path: Path) -> None:
    """A 2,000-worker synthetic batch plans in seconds and the checker finds nothing."""
    scenario = _quick(
        load_scenario(write_synthetic(tmp_path, workers=2000, seed=11)), iterations=3000
    )
    plan = make_plan(scenario)
    assert plan.rows_total == 2000
    assert sum(r.riders for r in plan.routes) > 1000
    assert check_plan(plan, roster_rows=2000) == []


def test_nobody_is_left_for_too_few_riders_while_a_bus_stands_free(tmp_path: Path) -> None:
    """A fleet just large enough: the fill of the search runs out of buses,
    and emptying trips into others frees some after it.  With buses allowed
    under their minimum, those carry whoever was left: nobody is left for
    want of riders while a bus stands free (the plan said so of 3 riders,
    and of 40 on a 3,000-worker batch)."""
    scenario = load_scenario(write_synthetic(tmp_path, workers=600, seed=5))
    counts = {"M19": 14, "C33": 10, "C45": 13, "C53": 13}
    fleet = tuple(replace(bus, count=counts[bus.id]) for bus in scenario.fleet)
    assert scenario.settings.rules.run_under_minimum
    plan = make_plan(replace(scenario, fleet=fleet))
    used = Counter(route.bus_type for route in plan.routes)
    assert any(used[bus.id] < bus.count for bus in fleet)
    left = [u for u in plan.unassigned if u.stage == "route"]
    assert left and all(str(u.reason).startswith("too far") for u in left)
    assert check_plan(plan, roster_rows=600) == []


def _shuffled_copy(scenario_path: Path, folder: Path, seed: int) -> Path:
    """The same scenario with its roster's data rows in another order."""
    folder.mkdir()
    for item in scenario_path.parent.iterdir():
        (folder / item.name).write_bytes(item.read_bytes())
    roster = folder / "roster.csv"
    header, *rows = roster.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    random.Random(seed).shuffle(rows)
    roster.write_text("\ufeff" + header + "".join(rows), encoding="utf-8")
    return folder / "scenario.toml"


def _content(plan: Plan) -> tuple[Any, ...]:
    """Everything a plan says, but the roster row numbers."""
    return (
        plan.routes,
        plan.pickup_points,
        plan.self_return,
        sorted(
            (u.worker_id, u.stage, re.sub(r"rows? [\d, ]+", "", u.reason)) for u in plan.unassigned
        ),
        plan.beds,
        plan.quarantine_required,
    )


def test_same_roster_in_another_row_order_gives_the_same_plan(
    tmp_path: Path, geocoder: OfflineGeocoder
) -> None:
    """Shuffled rows, a fixed iteration budget: identical routes, ids, riders and beds."""
    original = write_synthetic(tmp_path / "a", workers=400, seed=3)
    shuffled = _shuffled_copy(original, tmp_path / "b", seed=5)
    plans = [
        make_plan(_quick(load_scenario(p), iterations=200), geocoder=geocoder, clock=None)
        for p in (original, shuffled)
    ]
    assert plans[0].routes and _content(plans[0]) == _content(plans[1])
    assert [w.row for w in plans[0].workers] != [w.row for w in plans[1].workers]


class _Forbidden(AssertionError):
    """Raised when planning reads the clock or opens a file."""


@pytest.fixture
def no_disk_no_clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[], None]]:
    """A switch after which opening any file fails, and so does reading any
    clock from returnbus code.

    Files are caught with an audit hook, for every caller.  The clock is
    caught where returnbus calls it: PyVRP times its own run for its
    statistics (which the planner does not use) and the logging module
    stamps its records, so a failure for every caller would test them, not
    the planner.
    """
    active = False

    def arm() -> None:
        nonlocal active
        active = True

    def audit(event: str, args: tuple[Any, ...]) -> None:
        if active and event == "open":
            raise _Forbidden(f"planning opened a file: {args[0]!r}")

    sys.addaudithook(audit)

    def guarded(real: Callable[[], float]) -> Callable[[], float]:
        def clock() -> float:
            caller = sys._getframe(1).f_globals.get("__name__", "")
            if active and caller.startswith("returnbus"):
                raise _Forbidden(f"{caller} read the clock")
            return real()

        return clock

    for name in ("time", "monotonic", "perf_counter", "process_time"):
        monkeypatch.setattr(time, name, guarded(getattr(time, name)))
    try:
        yield arm
    finally:
        active = False


def test_plan_batch_needs_neither_disk_nor_clock(
    tmp_path: Path, geocoder: OfflineGeocoder, no_disk_no_clock: Callable[[], None]
) -> None:
    """A prepared batch, pickled and back, plans with files and the clock made to fail."""
    path = write_scenario(tmp_path, [worker(f"A{i}", at=TONGZI) for i in range(5)])
    scenario = _quick(load_scenario(path), iterations=50)
    batch = pickle.loads(pickle.dumps(prepare(scenario, geocoder=geocoder)))
    plan_batch(batch, scenario.settings)  # any module imported on first use is loaded now
    no_disk_no_clock()
    with pytest.raises(_Forbidden):
        (tmp_path / "probe.txt").write_text("x")
    with pytest.raises(_Forbidden):
        make_plan(scenario, geocoder=geocoder)
    plan = plan_batch(batch, scenario.settings)
    assert sorted(w for r in plan.routes for w in r.worker_ids) == [f"A{i}" for i in range(5)]


def test_without_a_clock_the_search_stops_on_its_budget(
    tmp_path: Path, geocoder: OfflineGeocoder
) -> None:
    """No clock, no iterations set: the default budget ends the search, and says so."""
    scenario = _quick(load_scenario(write_scenario(tmp_path, [worker("A", at=TONGZI)])))
    batch = prepare(scenario, geocoder=geocoder)
    plan = plan_batch(batch, scenario.settings)
    assert plan.search_stop == "iterations"
    assert plan.search_iterations == scenario.settings.solver.budget(1)
    assert plan_batch(batch, scenario.settings).routes == plan.routes


def test_beds_go_to_who_a_bus_can_bring(tmp_path: Path) -> None:
    """With one room, a far rider (listed first) does not take it from a near one."""
    rows = [
        worker("FAR", at=XINYANG, health_code="黄"),
        worker("NEAR", at=TONGZI, health_code="黄"),
        worker("NEAR2", at=TONGZI),
    ]
    plan = make_plan(load_scenario(write_scenario(tmp_path, rows, dorm_rooms=1)))
    outcome = {u.worker_id: u.stage for u in plan.unassigned}
    assert outcome == {"FAR": "route"}
    assert [b.worker_id for b in plan.beds] == ["NEAR"]
    assert sorted(w for r in plan.routes for w in r.worker_ids) == ["NEAR", "NEAR2"]


def _man_and_woman_from_tongzi(
    folder: Path, *, both_sexes_north_by: float, rules: str = ""
) -> Plan:
    """Plan a man and a woman from Tongzi bound for quarantine, with a men's
    and a women's building at the employer's gate and one for both
    ``both_sexes_north_by`` degrees north of it."""
    rows = [
        worker("M", at=TONGZI, health_code="黄"),
        worker("F", at=TONGZI, health_code="黄", gender="女"),
    ]
    path = write_scenario(folder, rows, rules=rules)
    (folder / "dormitories.csv").write_text(
        "dorm_id,name,lat,lon,rooms,sex\n"
        f"DM,男工楼,{HUB[0]},{HUB[1]},5,M\n"
        f"DF,女工楼,{HUB[0]},{HUB[1]},5,F\n"
        f"DA,公寓,{HUB[0] + both_sexes_north_by},{HUB[1]},5,any\n",
        encoding="utf-8",
    )
    return make_plan(load_scenario(path))


def test_one_prefecture_s_men_and_women_sleep_in_one_dormitory_when_one_takes_both(
    tmp_path: Path,
) -> None:
    """Beds are reserved by prefecture, men and women alike: the two share
    the building for both a little farther off, and their bus stops once to
    drop them off."""
    plan = _man_and_woman_from_tongzi(tmp_path, both_sexes_north_by=0.1)
    assert {b.worker_id: b.dorm_id for b in plan.beds} == {"M": "DA", "F": "DA"}
    (route,) = plan.routes
    assert [d.point_id for d in route.dropoffs] == [dorm_site("DA")]


def test_beds_are_reserved_only_where_a_bus_could_bring_the_rider(tmp_path: Path) -> None:
    """The building for both lies beyond the riders' four-hour ride cap, the
    men's and the women's within it: the two sleep apart and ride, rather
    than sleep together out of reach."""
    plan = _man_and_woman_from_tongzi(
        tmp_path, both_sexes_north_by=1.0, rules="max_ride_minutes = 240"
    )
    assert {b.worker_id: b.dorm_id for b in plan.beds} == {"M": "DM", "F": "DF"}
    assert sorted(w for r in plan.routes for w in r.worker_ids) == ["F", "M"]
    assert not plan.unassigned


def test_no_room_turns_away_before_routing(tmp_path: Path) -> None:
    """Two who must quarantine and one room: the second is unassigned at the dormitory stage."""
    rows = [worker("A", at=TONGZI, health_code="黄"), worker("B", at=TONGZI, health_code="黄")]
    plan = make_plan(load_scenario(write_scenario(tmp_path, rows, dorm_rooms=1)))
    assert [(u.worker_id, u.stage) for u in plan.unassigned] == [("B", "dormitory")]
    assert [w for r in plan.routes for w in r.worker_ids] == ["A"]


def test_home_outside_the_planning_area_is_reported(tmp_path: Path) -> None:
    """With planning_area = 贵州省, a Sichuan home is unassigned with the setting named."""
    rows = [worker("GZ", at=TONGZI), worker("SC", home_address="四川省泸州市合江县福宝镇")]
    path = write_scenario(tmp_path, rows, rules='planning_area = ["贵州省"]')
    plan = make_plan(load_scenario(path))
    (lost,) = plan.unassigned
    assert (lost.worker_id, lost.stage) == ("SC", "geocode")
    assert "planning area" in lost.reason and "rules.planning_area" in lost.reason


def test_unknown_planning_area_name_is_a_settings_error(tmp_path: Path) -> None:
    """A planning area the gazetteer does not know stops with the key named."""
    path = write_scenario(tmp_path, [worker("A", at=TONGZI)], rules='planning_area = ["火星省"]')
    with pytest.raises(InputError) as caught:
        prepare(load_scenario(path))
    assert caught.value.key == "rules.planning_area" and caught.value.path == path


def test_a_departure_off_beijing_time_is_warned_of(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A "Z" typed for Beijing time would put every rule's hours and every
    paper on UTC's clock: said, with what to write; +08:00 says nothing."""
    path = write_scenario(tmp_path / "in", [worker("A1", at=TONGZI)])
    prepare(load_scenario(path))
    assert "Beijing" not in caplog.text
    text = path.read_text(encoding="utf-8").replace(
        "2020-03-17T05:00:00+08:00", "2020-03-16T21:00:00Z"
    )
    path.write_text(text, encoding="utf-8")
    prepare(load_scenario(path))
    assert "the departure 2020-03-16 21:00 is in UTC+00:00, not Beijing time" in caplog.text


def test_check_asks_about_coordinates_far_from_the_address(tmp_path: Path) -> None:
    """Coordinates in 河南 for an address in 桐梓县娄山关街道: one of the two
    is wrong, and the bus would go to the coordinates.  A warning at the row,
    naming the division and the distance but not the home's point."""
    from returnbus.pipeline import check_roster
    from returnbus.render.reports import issue_rows

    path = write_scenario(tmp_path, [worker("A1", at=TONGZI), worker("A2", at=XINYANG)])
    issues = [i for i in check_roster(load_scenario(path)).issues if i.column == "lat"]
    assert [(i.row, i.worker_id, i.severity) for i in issues] == [(3, "A2", "warning")]
    assert "娄山关街道" in issues[0].problem and " km from " in issues[0].problem
    # The distance in the value column, as each problem's value is there; not the point.
    (row,) = issue_rows(issues, "en")
    km = re.fullmatch(r"(\d+) km", row["value"])
    assert km and f"lie {km[1]} km from" in row["problem"] and row["action"], row
    assert str(XINYANG[0]) not in str(row)
    assert issue_rows(issues, "zh")[0]["value"] == f"{km[1]} 公里"


def test_check_says_what_to_do_of_an_unplaced_home_in_its_own_column(tmp_path: Path) -> None:
    """A home that cannot be placed, or lies outside the planning area: the
    problem, the address as read, and what to do each in its own column of
    check's report, as every other problem is, not run together."""
    from returnbus.pipeline import check_roster
    from returnbus.render.reports import issue_rows
    from returnbus.text import say

    rows = [
        worker("GZ", at=TONGZI),
        worker("SC", home_address="四川省泸州市合江县福宝镇"),
        worker("XX", home_address="不知道"),
    ]
    path = write_scenario(tmp_path, rows, rules='planning_area = ["贵州省"]')
    issues = [i for i in check_roster(load_scenario(path)).issues if i.column == "home_address"]
    said = {i.worker_id: row for i, row in zip(issues, issue_rows(issues, "en"), strict=True)}
    assert set(said) == {"SC", "XX"}
    assert said["SC"]["problem"] == "home is outside the planning area"
    assert said["SC"]["action"] == "arrange self-return or add its area to rules.planning_area"
    assert said["SC"]["value"] == "四川省泸州市合江县福宝镇"
    assert said["XX"]["problem"].startswith("home address could not be placed")
    assert "add the county and township" not in said["XX"]["problem"]
    assert said["XX"]["action"].startswith("add the county and township")
    assert (said["XX"]["value"], said["XX"]["severity"]) == ("不知道", "error")
    # A plan's unassigned list, which has no column for it, keeps what to do in the reason.
    (lost,) = (u for u in make_plan(load_scenario(path)).unassigned if u.worker_id == "SC")
    assert say(lost.reason, "zh") == (
        "家庭住址不在规划范围内；请安排自行返岗，或将该地区加入 rules.planning_area"
    )


def test_check_warns_of_a_self_returner_bound_for_quarantine_as_the_home_is_not_placed(
    tmp_path: Path,
) -> None:
    """A self-returner whose home is placed in no province is bound for
    quarantine by doubt, as from outside the home province: `check` warns at
    the row (the plan still runs), with the address as read and what to do,
    in both languages.  Nobody else is warned: a home placed in the province
    or outside it, nor one bound for quarantine for their health code."""
    from returnbus.pipeline import check_roster
    from returnbus.render.reports import issue_rows

    rows = [
        worker("A1", at=TONGZI),
        worker("S1", travel_mode="自行", home_address="不知道"),
        worker("S2", travel_mode="自行", home_address="重庆市江津区几江街道"),
        worker("S3", travel_mode="自行"),  # 桐梓县: known to lie outside 重庆市
        worker("S4", travel_mode="自行", home_address="不知道", health_code="黄"),
    ]
    path = write_scenario(tmp_path, rows)
    issues = [i for i in check_roster(load_scenario(path)).issues if i.worker_id != "A1"]
    assert [(i.row, i.worker_id, i.column, i.severity) for i in issues] == [
        (3, "S1", "home_address", "warning")
    ]
    (en,) = issue_rows(issues, "en")
    assert en["value"] == "不知道"
    assert en["problem"] == (
        "returns by themselves and the home address cannot be placed in a province:"
        " bound for quarantine on arrival as if from outside 重庆市"
    )
    assert en["action"].startswith("correct or complete the home address"), en
    (zh,) = issue_rows(issues, "zh")
    assert zh["problem"] == "自行返岗，家庭住址无法定位到省份：按来自重庆市以外处理，到达后须隔离"
    assert zh["action"].startswith("请更正或补全家庭住址"), zh
