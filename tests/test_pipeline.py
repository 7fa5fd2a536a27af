"""A whole synthetic batch: every worker accounted for, every rule kept."""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest

from returnbus.checker import check_plan
from returnbus.config import Scenario
from returnbus.errors import InputError
from returnbus.outputs import write_outputs
from returnbus.pipeline import make_plan
from returnbus.synthetic import write_scenario

from .conftest import PlannedBatch
from .helpers import TONGZI, XINYANG, worker
from .helpers import write_scenario as write_test_scenario


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
    outcomes = [w for r in plan["routes"] for s in r["stops"] for w in s["worker_ids"]]
    outcomes += plan["self_return"] + [u["worker_id"] for u in plan["unassigned"]]
    # Every roster id appears; an id appears twice only when the roster repeats it.
    roster_ids = Counter(r["工号"] for r in rows)
    assert Counter(outcomes) == roster_ids


def test_independent_checker_finds_nothing(planned: PlannedBatch) -> None:
    """Capacity, ride cap, route-duration cap, times, seats and beds all hold."""
    assert check_plan(planned.plan, roster_rows=len(planned.roster_rows())) == []


def test_checker_catches_broken_plans(planned: PlannedBatch) -> None:
    """Tampering with a plan (overload, late arrival, a lost worker) is caught."""
    plan = planned.plan
    route = plan["routes"][0]
    route["stops"][0]["worker_ids"] += [f"extra{i}" for i in range(30)]
    arrive = datetime.fromisoformat(route["end"]["arrive_time"])
    route["end"]["arrive_time"] = arrive.replace(year=arrive.year + 1).isoformat()
    plan["self_return"] = plan["self_return"][1:]
    problems = "\n".join(check_plan(plan))
    assert "over its capacity" in problems
    assert "ride of" in problems and "route of" in problems
    assert "accounted for" in problems


def test_the_bad_sample_rows_get_the_right_reasons(planned: PlannedBatch) -> None:
    """Each deliberately bad synthetic row is unassigned with a reason naming its fault."""
    rows = planned.roster_rows()
    reasons = {u["row"]: (u["stage"], u["reason"]) for u in planned.plan["unassigned"]}
    row_of = {id(r): n for n, r in enumerate(rows, start=2)}
    expected = {
        "火星基地一号": ("geocode", "could not be placed"),
        "四川省": ("geocode", "province level"),
    }
    for row in rows:
        for address, (stage, words) in expected.items():
            if (
                row["家庭住址"] == address
                and row["返岗方式"] == "包车"
                and row["健康码"] in ("绿", "黄")
            ):
                got_stage, got_reason = reasons[row_of[id(row)]]
                assert got_stage == stage and words in got_reason
        if row["手机号"] == "":
            assert reasons[row_of[id(row)]][1].startswith("phone: missing")
        if row["健康码"] == "蓝":
            assert "not green/yellow/red" in reasons[row_of[id(row)]][1]
    first_ids = [r["工号"] for r in rows]
    duplicate_rows = [
        n for n, wid in enumerate(first_ids, start=2) if first_ids.index(wid) + 2 != n
    ]
    assert duplicate_rows and all("duplicate worker id" in reasons[n][1] for n in duplicate_rows)


def test_red_codes_are_turned_away_and_quarantine_is_housed(planned: PlannedBatch) -> None:
    """Red codes never ride; everyone travelling who must quarantine has a bed."""
    rows = planned.roster_rows()
    red = {r["工号"] for r in rows if r["健康码"] == "红"}
    on_bus = {w for r in planned.plan["routes"] for s in r["stops"] for w in s["worker_ids"]}
    assert red and not red & on_bus
    summary = planned.summary
    assert summary["quarantine_allocated"] == summary["quarantine_required"]


def test_keep_together_groups_share_a_bus(planned: PlannedBatch) -> None:
    """Every keep-together group that rides is on one bus."""
    rows = planned.roster_rows()
    bus_of = {
        w: r["bus_id"] for r in planned.plan["routes"] for s in r["stops"] for w in s["worker_ids"]
    }
    groups: dict[str, set[str]] = {}
    for row in rows:
        if row["同行组"] and row["工号"] in bus_of:
            groups.setdefault(row["同行组"], set()).add(bus_of[row["工号"]])
    assert groups and all(len(buses) == 1 for buses in groups.values())


def test_outputs_are_written_with_their_fields(planned: PlannedBatch) -> None:
    """CSV outputs carry the documented columns; manifests cover every bus and mask phones."""
    with (planned.out / "unassigned.csv").open(encoding="utf-8-sig") as handle:
        assert csv.DictReader(handle).fieldnames == ["worker_id", "row", "stage", "reason"]
    with (planned.out / "dormitory_allocation.csv").open(encoding="utf-8-sig") as handle:
        beds = list(csv.DictReader(handle))
    assert beds and set(beds[0]) == {
        "worker_id",
        "dorm_id",
        "room",
        "bed",
        "start_date",
        "end_date",
    }
    buses = {r["bus_id"] for r in planned.plan["routes"]}
    manifests = {p.stem.removeprefix("bus_") for p in (planned.out / "manifests").glob("bus_*.csv")}
    assert manifests == buses
    with next((planned.out / "manifests").glob("bus_*.csv")).open(encoding="utf-8-sig") as handle:
        phones = [row["phone"] for row in csv.DictReader(handle)]
    assert phones and all("****" in p for p in phones)


def test_map_has_a_layer_per_bus_and_no_raw_phones(planned: PlannedBatch) -> None:
    """map.html names each bus layer and carries masked phones only."""
    html = (planned.out / "map.html").read_text(encoding="utf-8")
    for route in planned.plan["routes"]:
        assert f"Bus {route['bus_id']}:" in html
    phones = [r["手机号"] for r in planned.roster_rows() if r["手机号"]]
    assert not any(p in html for p in phones)
    assert "L.control.layers" in html


def test_two_thousand_workers_keep_every_rule(tmp_path: Path) -> None:
    """A 2,000-worker synthetic batch plans in seconds and the checker finds nothing."""
    scenario = Scenario.from_toml(write_scenario(tmp_path / "in", workers=2000, seed=11))
    quick = replace(scenario.settings.solver, time_limit_seconds=3.0)
    scenario = replace(scenario, settings=replace(scenario.settings, solver=quick))
    plan = make_plan(scenario)
    document = write_outputs(plan, scenario, tmp_path / "out")
    assert document["summary"]["workers_total"] == 2000
    assert document["summary"]["workers_on_bus"] > 1000
    assert check_plan(document, roster_rows=2000) == []


def test_beds_go_to_who_a_bus_can_bring(tmp_path: Path) -> None:
    """With one room, a far rider (listed first) does not take it from a near one."""
    rows = [
        worker("FAR", at=XINYANG, health_code="黄"),
        worker("NEAR", at=TONGZI, health_code="黄"),
        worker("NEAR2", at=TONGZI),
    ]
    scenario = Scenario.from_toml(write_test_scenario(tmp_path, rows, dorm_rooms=1))
    plan = make_plan(scenario)
    outcome = {u.worker_id: u.stage for u in plan.unassigned}
    assert outcome == {"FAR": "route"}
    assert [b.worker_id for b in plan.beds] == ["NEAR"]
    assert sorted(w for r in plan.routes for w in r.worker_ids) == ["NEAR", "NEAR2"]


def test_no_room_turns_away_before_routing(tmp_path: Path) -> None:
    """Two who must quarantine and one room: the second is unassigned at the dormitory stage."""
    rows = [worker("A", at=TONGZI, health_code="黄"), worker("B", at=TONGZI, health_code="黄")]
    plan = make_plan(Scenario.from_toml(write_test_scenario(tmp_path, rows, dorm_rooms=1)))
    assert [(u.worker_id, u.stage) for u in plan.unassigned] == [("B", "dormitory")]
    assert [w for r in plan.routes for w in r.worker_ids] == ["A"]


def test_home_outside_the_planning_area_is_reported(tmp_path: Path) -> None:
    """With planning_area = 贵州省, a Sichuan home is unassigned with the setting named."""
    rows = [worker("GZ", at=TONGZI), worker("SC", home_address="四川省泸州市合江县福宝镇")]
    path = write_test_scenario(tmp_path, rows, rules='planning_area = ["贵州省"]')
    plan = make_plan(Scenario.from_toml(path))
    (lost,) = plan.unassigned
    assert (lost.worker_id, lost.stage) == ("SC", "geocode")
    assert "planning area" in lost.reason and "rules.planning_area" in lost.reason


def test_unknown_planning_area_name_is_a_settings_error(tmp_path: Path) -> None:
    """A planning area the gazetteer does not know stops with the key named."""
    path = write_test_scenario(
        tmp_path, [worker("A", at=TONGZI)], rules='planning_area = ["火星省"]'
    )
    with pytest.raises(InputError) as caught:
        make_plan(Scenario.from_toml(path))
    assert caught.value.key == "rules.planning_area" and caught.value.path == path
