"""The rules the health office and the coach company sign, kept by whole plans:
close contacts, quarantine cohorts, drop-offs, receiving hours, drivers."""

from __future__ import annotations

import json
from collections.abc import Callable, Collection
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from returnbus import route_and_house
from returnbus.checker import check_plan
from returnbus.io.gazetteer import load_gazetteer
from returnbus.io.scenario import load_scenario
from returnbus.pipeline import make_plan, plan_batch, prepare
from returnbus.plan import Batch, Plan
from returnbus.planfile import from_document, to_document
from returnbus.route_and_house import cohorts
from returnbus.settings import Settings

from .helpers import (
    TONGZI,
    XISHUI,
    PlannedBatch,
    run,
    worker,
    write_scenario,
    write_synthetic,
)

QIJIANG = (28.9653, 106.6514)  # 綦江区, Chongqing: another prefecture than Zunyi

FLEET = """id = "C53"
seats = 53
count = 1
fixed_cost = 3500
cost_per_km = 7

[[fleet]]
id = "C33"
seats = 33
count = 2
fixed_cost = 2600
cost_per_km = 5.5

[[fleet]]
id = "M19"
seats = 19
count = 4
fixed_cost = 1500
cost_per_km = 4"""


def _group(name: str, at: tuple[float, float], red: bool) -> list[dict[str, str]]:
    """A keep-together group of three; the first red-coded when ``red``."""
    return [
        worker(f"{name}{k}", at=at, group=name, health_code="红" if red and k == 0 else "绿")
        for k in range(3)
    ]


def _contacts_plan(tmp_path: Path, policy: str) -> Plan:
    rows = [
        *_group("RED", TONGZI, red=True),
        *_group("OK", TONGZI, red=False),
        *(worker(f"W{k}", at=XISHUI) for k in range(4)),
        worker("Y1", at=XISHUI, health_code="黄"),
    ]
    path = write_scenario(
        tmp_path,
        rows,
        fleet=FLEET,
        extra=f'[screening]\nclose_contacts = "{policy}"\n',
    )
    return make_plan(load_scenario(path))


def _bus_of(plan: Plan) -> dict[str, str]:
    return {w: r.bus_id for r in plan.routes for w in r.worker_ids}


def test_close_contacts_are_held_off_the_buses_by_default(tmp_path: Path) -> None:
    """Under hold, the red-code worker's companions ride no bus, with the reason."""
    plan = _contacts_plan(tmp_path, "hold")
    reasons = {u.worker_id: u.reason for u in plan.unassigned}
    assert not {"RED0", "RED1", "RED2"} & set(_bus_of(plan))
    assert "red health code" in reasons["RED0"]
    assert all("close contact" in reasons[w] for w in ("RED1", "RED2"))
    assert {"OK0", "OK1", "OK2"} <= set(_bus_of(plan))
    assert check_plan(plan) == []


def test_close_contacts_to_quarantine_ride_only_with_riders_bound_there(tmp_path: Path) -> None:
    """Under quarantine, the companions ride, to isolation, with nobody going to work."""
    plan = _contacts_plan(tmp_path, "quarantine")
    bus_of = _bus_of(plan)
    assert {"RED1", "RED2"} <= set(bus_of) and "RED0" not in bus_of
    bound = set(plan.quarantine_required)
    for route in plan.routes:
        if {"RED1", "RED2"} & set(route.worker_ids):
            assert set(route.worker_ids) <= bound
    beds = {b.worker_id for b in plan.beds}
    assert {"RED1", "RED2"} <= beds
    assert check_plan(plan) == []
    # The checker knows the rule: the same plan under hold is refused.
    screening = replace(plan.batch.intake.screening, close_contacts="hold")
    held = replace(plan.batch, intake=replace(plan.batch.intake, screening=screening))
    problems = check_plan(replace(plan, batch=held))
    assert problems == [
        f"close contact {w} travels, but close contacts are held" for w in ("RED1", "RED2")
    ]


def _yellow_among_green(tmp_path: Path, cohorts: str) -> Plan:
    """A yellow code and five green codes at one stop, planned with ``cohorts``."""
    rows = [
        worker("Y", at=TONGZI, health_code="黄"),
        *(worker(f"G{k}", at=TONGZI) for k in range(5)),
    ]
    path = write_scenario(tmp_path, rows, fleet=FLEET, rules=f'quarantine_cohorts = "{cohorts}"')
    return make_plan(load_scenario(path))


@pytest.mark.parametrize("cohorts", ["separate", "whole_bus"])
def test_no_bus_carries_both_cohorts_unless_told_to(tmp_path: Path, cohorts: str) -> None:
    """A yellow code among green riders at one stop: separate keeps them on two
    buses; whole_bus sends the whole bus to quarantine. Either way, no bus mixes."""
    plan = _yellow_among_green(tmp_path, cohorts)
    bound = set(plan.quarantine_required)
    assert len(_bus_of(plan)) == 6
    for route in plan.routes:
        kinds = {w in bound for w in route.worker_ids}
        assert len(kinds) == 1
    if cohorts == "whole_bus":
        assert bound == {"Y", *(f"G{k}" for k in range(5))}
        assert {b.worker_id for b in plan.beds} == bound
    else:
        assert bound == {"Y"} and len(plan.routes) == 2
    assert check_plan(plan) == []


def test_whole_bus_quarantines_only_who_rides_with_a_rider_bound_there(tmp_path: Path) -> None:
    """whole_bus plans once as if mixed and sends whoever shared a bus with a
    rider bound for quarantine there; planned again apart, a bus may gather
    only such riders (here one, on a bus of their own): nobody bound rides
    with them, so they go to work instead, and every bus of riders sent to
    quarantine carries one who was bound there."""
    path = write_synthetic(tmp_path / "in", workers=60, seed=2)
    text = path.read_text(encoding="utf-8")
    text = text.replace('quarantine_cohorts = "separate"', 'quarantine_cohorts = "whole_bus"')
    path.write_text(text.replace("iterations = 0 ", "iterations = 100 "), encoding="utf-8")
    scenario = load_scenario(path)
    batch = cohorts(prepare(scenario), scenario.settings)
    plan = plan_batch(batch, scenario.settings)
    sent = set(plan.quarantine_required)
    assert sent - batch.quarantine  # some go for sharing a bus
    for route in plan.routes:
        riders = set(route.worker_ids)
        if riders & sent:
            assert riders & batch.quarantine, f"{route.bus_id} carries nobody bound there"
    assert check_plan(plan) == []


def _keeps_whole_bus(plan: Plan, bound: Collection[str]) -> None:
    """Everyone sharing a bus with a rider of ``bound`` is sent to quarantine,
    with a bed, and nobody else is; those sent only for sharing a bus are
    recorded as such; the plan passes its check."""
    sent = set(plan.quarantine_required)
    assert set(plan.quarantine_for_sharing) == sent - set(bound)
    beds = {b.worker_id for b in plan.beds}
    riding = set()
    for route in plan.routes:
        riders = set(route.worker_ids)
        if riders & set(bound):
            assert riders <= sent & beds, f"{route.bus_id} carries riders not sent, or no bed"
            riding |= riders
    assert sent <= set(bound) | riding, f"sent for no bus: {sorted(sent - set(bound) - riding)}"
    assert check_plan(plan) == []


def _five_beds(tmp_path: Path) -> tuple[Batch, Settings]:
    """Y1 and four green riders at one stop, Y2 (of another prefecture) on the
    way: planned mixed, they share buses; five beds, under whole_bus."""
    rows = [
        worker("Y1", at=TONGZI, health_code="黄"),
        *(worker(f"G{k}", at=TONGZI) for k in range(1, 5)),
        worker("Y2", at=QIJIANG, health_code="黄", home_address="重庆市綦江区古南街道"),
    ]
    path = write_scenario(
        tmp_path, rows, fleet=FLEET, dorm_rooms=5, rules='quarantine_cohorts = "whole_bus"'
    )
    scenario = load_scenario(path)
    return cohorts(prepare(scenario), scenario.settings), scenario.settings


def test_whole_bus_houses_riders_bound_for_quarantine_before_those_sharing_their_bus(
    tmp_path: Path,
) -> None:
    """Planned apart, the four sent for sharing Y1's bus give way for the five
    beds: before, the beds went to Y1's bus, kept whole in one cohort, and Y2
    was left out for want of a room, though the four could ride to work."""
    batch, settings = _five_beds(tmp_path)
    plan = plan_batch(batch, settings)
    assert {"Y1", "Y2"} <= set(_bus_of(plan)) and not plan.unassigned
    _keeps_whole_bus(plan, batch.quarantine)


def test_whole_bus_keeps_its_rule_when_the_passes_run_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With one pass: the four sharing Y1's bus get three beds, and the fourth
    is left without one, for sharing a bus it no longer rides.  That plan is
    not settled, so its buses carrying a rider bound for quarantine run as
    they are and the fourth is planned anew, to work.  Before, the last
    pass's plan stood as it was."""
    monkeypatch.setattr(route_and_house, "WHOLE_BUS_PASSES", 1)
    batch, settings = _five_beds(tmp_path)
    plan = plan_batch(batch, settings)
    assert set(_bus_of(plan)) == {"Y1", "Y2", "G1", "G2", "G3", "G4"} and not plan.unassigned
    assert len(set(plan.quarantine_required) - batch.quarantine) == 3
    _keeps_whole_bus(plan, batch.quarantine)


def test_plan_json_records_who_is_sent_to_quarantine_for_sharing_a_bus(tmp_path: Path) -> None:
    """Y's yellow code binds Y to quarantine; the five green riders sharing
    Y's bus are sent only for that, and plan.json says so (and reads back).
    Under separate nobody is sent so."""
    plan = _yellow_among_green(tmp_path / "whole", "whole_bus")
    green = [f"G{k}" for k in range(5)]
    assert plan.quarantine_for_sharing == tuple(green)
    document = to_document(plan)
    assert document["quarantine_for_sharing"] == green
    assert document["summary"]["quarantine_for_sharing"] == 5
    assert from_document(json.loads(json.dumps(document))).quarantine_for_sharing == tuple(green)
    apart = _yellow_among_green(tmp_path / "apart", "separate")
    assert to_document(apart)["quarantine_for_sharing"] == []


Document = dict[str, Any]


def _to_work(doc: Document) -> None:
    """G0, on Y's bus, sent to work."""
    doc["quarantine_required"].remove("G0")
    doc["quarantine_for_sharing"].remove("G0")


def _all_sharing(doc: Document) -> None:
    """Y, too, listed as sent only for sharing the bus."""
    doc["quarantine_for_sharing"].append("Y")


def _locked(doc: Document) -> None:
    """As `_all_sharing`, on a locked bus."""
    _all_sharing(doc)
    doc["routes"][0]["locked"] = True


def _off_the_bus(doc: Document) -> None:
    """G1, sent for sharing the bus, returning alone."""
    for stop in doc["routes"][0]["stops"]:
        stop["worker_ids"] = [w for w in stop["worker_ids"] if w != "G1"]
    del doc["routes"][0]["seats_assigned"]["G1"]
    doc["self_return"].append("G1")


def _stranger(doc: Document) -> None:
    doc["quarantine_for_sharing"].append("X9")


def _separate(doc: Document) -> None:
    doc["settings"]["rules"]["quarantine_cohorts"] = "separate"


def _old(doc: Document) -> None:
    """As a version before the list was recorded wrote it."""
    del doc["quarantine_for_sharing"]


#: Hand edits of the whole_bus plan of `_yellow_among_green`, and what the
#: checker says of each ("" : nothing).
_EDITS: tuple[tuple[Callable[[Document], None], tuple[str, ...]], ...] = (
    (_to_work, ("bus {bus}: 1 rider going to work (G0) shares it with Y, bound for quarantine",)),
    (
        _all_sharing,
        (
            "bus {bus}: 6 riders are sent to quarantine for sharing it (G0, G1, G2, G3, G4, ...)",
            "nobody on it is bound there on their own account",
        ),
    ),
    (_locked, ()),
    (_off_the_bus, ("worker G1 is sent to quarantine for sharing a bus, but rides none",)),
    (_stranger, ("worker X9 is listed as sent to quarantine for sharing a bus",)),
    (
        _separate,
        (
            "5 workers are sent to quarantine for sharing a bus (G0, G1, G2, G3, G4)",
            "quarantine_cohorts is separate",
        ),
    ),
    (_old, ()),
)


def test_checker_holds_riders_sent_for_sharing_a_bus_to_the_whole_bus_rule(
    tmp_path: Path,
) -> None:
    """Hand edits of a whole_bus plan.json that break the rule are caught: a
    rider sent to work on Y's bus (said as whole_bus says it, not as
    separate); Y listed as sent for sharing too, so that nobody on the bus is
    bound there on their own account (a locked bus excepted: it keeps its
    riders as announced); a worker listed as sent for sharing who rides no
    bus, or is not sent at all; the list under separate.  A plan written
    before the list was recorded reads and passes as it did."""
    document = to_document(_yellow_among_green(tmp_path, "whole_bus"))
    assert check_plan(from_document(document)) == []
    (route,) = document["routes"]
    for edit, expected in _EDITS:
        edited = json.loads(json.dumps(document))
        edit(edited)
        said = "\n".join(check_plan(from_document(edited)))
        if not expected:
            assert said == "", f"{edit.__name__}: {said}"
        for words in expected:
            assert words.format(bus=route["bus_id"]) in said, f"{edit.__name__}: {said}"
        assert "riders bound for quarantine and riders going to work" not in said
    _old(document)
    assert from_document(document).quarantine_for_sharing == ()


def test_verify_catches_a_rider_sent_to_work_from_a_whole_bus(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`returnbus verify` on a whole_bus plan.json edited by hand: one rider of
    Y's bus sent to work fails it (exit 1), said in Chinese, or in English
    with --lang en; the plan as written, and as an older version wrote it
    (no quarantine_for_sharing), passes."""
    rows = [
        worker("Y", at=TONGZI, health_code="黄"),
        *(worker(f"G{k}", at=TONGZI) for k in range(5)),
    ]
    path = write_scenario(
        tmp_path / "in", rows, fleet=FLEET, rules='quarantine_cohorts = "whole_bus"'
    )
    assert run(["plan", str(path), "--out", str(tmp_path / "a"), "--workers", "1"]) == 0
    document = json.loads((tmp_path / "a" / "plan.json").read_text(encoding="utf-8"))
    assert document["quarantine_for_sharing"] == [f"G{k}" for k in range(5)]
    (route,) = document["routes"]
    edited = tmp_path / "edited" / "plan.json"
    edited.parent.mkdir()

    def verified(doc: dict[str, Any], *lang: str) -> tuple[int, str]:
        edited.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        capsys.readouterr()
        code = run(["verify", str(edited), *lang])
        return code, " ".join(capsys.readouterr().out.split())

    assert verified(document)[0] == 0
    old = {k: v for k, v in document.items() if k != "quarantine_for_sharing"}
    assert verified(old)[0] == 0
    document["quarantine_required"].remove("G3")
    document["quarantine_for_sharing"].remove("G3")
    code, said = verified(document)
    assert code == 1
    assert f"车辆 {route['bus_id']}：1 名返岗上班的乘客（G3）与须隔离的 Y 同车" in said, said
    code, said = verified(document, "--lang", "en")
    assert code == 1
    assert f"bus {route['bus_id']}: 1 rider going to work (G3) shares it with Y" in said, said


def test_mixed_cohorts_share_a_bus(tmp_path: Path) -> None:
    """With mixed, the yellow code rides with the others: one bus, two drop-offs."""
    plan = _yellow_among_green(tmp_path, "mixed")
    (route,) = plan.routes
    assert len(route.dropoffs) == 2
    assert check_plan(plan) == []


def test_twenty_six_workers_of_six_tongzi_townships_ride_one_coach(tmp_path: Path) -> None:
    """The seed's Guizhou bus: 26 workers of six neighbouring townships of 桐梓县
    and a 53-seat coach.  Collecting all six takes close to 4 h of county
    roads, which keeps the first boarder a few minutes over the default
    detour rule (twice the direct trip plus an hour): two buses.  Allowing
    90 minutes over twice the direct trip, one coach, door to door, 26 of its
    53 seats.  Six townships spread over the county take two buses either way."""
    gazetteer = load_gazetteer()
    county = next(d for d in gazetteer.divisions if d.name == "桐梓县")
    townships = sorted(
        (d for d in gazetteer.divisions if d.parent_code == county.code),
        key=lambda d: d.code,
    )
    cases = (
        (townships[:6], "", 2),
        (townships[:6], "max_detour_minutes = 90", 1),
        (townships[::4][:6], "max_detour_minutes = 90", 2),
    )
    for k, (chosen, detour, buses) in enumerate(cases):
        rows = [
            worker(f"T{n:02d}", home_address=f"贵州省遵义市桐梓县{chosen[n % 6].name}")
            for n in range(26)
        ]
        path = write_scenario(tmp_path / str(k), rows, fleet=FLEET, min_riders=None, rules=detour)
        plan = make_plan(load_scenario(path))
        assert sum(r.riders for r in plan.routes) == 26 and len(plan.routes) == buses
        if buses == 1:
            assert plan.routes[0].bus_type == "C53"
        assert check_plan(plan) == []


def _minutes(moment: datetime) -> int:
    return moment.hour * 60 + moment.minute + (1 if moment.second else 0)


def test_the_session_plan_keeps_gates_hours_and_drivers(planned: PlannedBatch) -> None:
    """Every rider gets off at their employer's gate or their dormitory, within
    08:00-20:00; a route over 8 h at the wheel has two drivers, or one who
    rests a night between the runs; a route over 4 h rests."""
    plan = planned.plan
    gate = {e["id"]: (e["lat"], e["lon"]) for e in plan["employers"]}
    employer = {w["worker_id"]: w["employer"] for w in plan["workers"]}
    dorm = {d["dorm_id"]: (d["lat"], d["lon"]) for d in plan["dormitories"]}
    bed = {b["worker_id"]: b["dorm_id"] for b in plan["dormitory_allocation"]}
    bound = set(plan["quarantine_required"])
    for route in plan["routes"]:
        riders = {w for s in route["stops"] if s["kind"] == "pickup" for w in s["worker_ids"]}
        assert len({w in bound for w in riders}) == 1
        for stop in route["stops"]:
            if stop["kind"] != "dropoff":
                continue
            assert 8 * 60 <= _minutes(datetime.fromisoformat(stop["arrive_time"])) <= 20 * 60
            for w in stop["worker_ids"]:
                place = dorm[bed[w]] if w in bound else gate[employer[w]]
                assert (stop["lat"], stop["lon"]) == pytest.approx(place, abs=1e-6)
        if route["driving_minutes"] > 8 * 60:
            night = (route.get("layover") or {}).get("seconds", 0) >= 8 * 3600
            assert (route["drivers"] == 2 or night) and route["breaks"]
        if route["driving_minutes"] > 4 * 60:
            assert route["breaks"]
    assert any(r["driving_minutes"] > 4 * 60 for r in plan["routes"])


#: 昆明 (a 9 h drive from Jiangjin, a ride of 9.8 h with its rests) and 恩施 (5.4 h).
KUNMING = (25.04, 102.71)
ENSHI = (30.27, 109.49)


@pytest.mark.parametrize(
    ("home", "overnight"),
    [(KUNMING, 0), (KUNMING, 60), (KUNMING, 240), (ENSHI, 0)],
    ids=["kunming-0", "kunming-60", "kunming-240", "enshi-0"],
)
def test_a_nights_rest_of_any_length_lets_a_far_bus_carry_its_riders(
    tmp_path: Path, home: tuple[float, float], overnight: int
) -> None:
    """Duties of 10 h and a night's rest of ``overnight`` minutes (0: any
    wait at the first pickup): riders whom a bus can carry, leaving the
    depot early and waiting there, ride, and the plan passes verify.  From
    昆明 the latest empty run stands through the small hours and is itself
    over a duty; one leaving by day is not.  From 恩施 a bus leaving at
    05:00 and picking up as it arrives, without a wait, is one duty of 12 h:
    the planner must not count it as two."""
    rows = [worker(f"K{k}", at=home) for k in range(6)]
    rules = f"max_route_minutes = 600\novernight_rest_minutes = {overnight}"
    plan = make_plan(load_scenario(write_scenario(tmp_path, rows, fleet=FLEET, rules=rules)))
    assert not plan.unassigned, [u.reason for u in plan.unassigned]
    assert sum(r.riders for r in plan.routes) == len(rows)
    assert check_plan(plan) == []
