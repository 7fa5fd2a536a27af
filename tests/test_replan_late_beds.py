"""Beds kept in a re-plan whose bus now arrives on another day.

A re-plan keeps the beds of riders who keep their seats, dated from their
bus's new arrival (`bed_dates`: a bus in the small hours gives a bed from
the night before, to the quarantine's days after arriving).  A newcomer's
stop is never taken in where it would change those dates: a stop near the
end of the run moves no told pickup, but may put the arrival past
midnight, and the told riders would lose their room for one late
addition, who can take another bus.  The bus may still arrive on another
day: the desk moved the pickup hours later since (its told pickups come
later, and it arrives past midnight, the stay a morning longer), or
drop-outs take its last stop off (it arrives before midnight, the stay a
morning shorter).  The stay then runs into a night another batch holds
the room from, or the dormitory is closed or not open yet: such a bed must be
checked as a new one is.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from returnbus.checker import check_plan
from returnbus.domain import BedAssignment, Route
from returnbus.io.scenario import load_scenario
from returnbus.ledger import open_ledger
from returnbus.pipeline import plan_batch, prepare
from returnbus.plan import Batch, Plan
from returnbus.replan import replan_batch, with_additions
from returnbus.settings import Settings
from returnbus.text import Text

from .helpers import TONGZI, ZUNYI, run, worker, write_roster, write_scenario

#: The bus picks its riders up at Zunyi at 19:45 and arrives at 23:55; the
#: dormitories receive at any hour, so a stop added on the way (Tongzi)
#: would put the arrival past midnight without moving the told pickup, and
#: pickup hours from 20:30 put it there (00:40).
_RULES = """quarantine_cohorts = "mixed"
pickup_from = "19:45"
pickup_until = "23:00"
arrive_from = "00:00"
arrive_until = "23:59"
"""
_LATER = "20:30"
_BATCHES = """[[batch]]
id = "1"
departure = "2020-03-17T05:00:00+08:00"
[[batch]]
id = "2"
departure = "2020-03-31T06:00:00+08:00"
"""
_KEPT = ("Q0", "Q1", "Q2")
_DEPARTURE = date(2020, 3, 17)


def _scenario(
    tmp_path: Path,
    *,
    rooms: int,
    cleaning: int = 1,
    working: bool = False,
    pickup_from: str = "19:45",
) -> Path:
    """Three riders of batch 1 bound for quarantine at Zunyi (and with
    ``working``, W0 going to work from there, on their bus), three of batch
    2 (leaving when batch 1's stay ends, at 06:00: a bus leaving earlier
    might come in that night's small hours, and its rooms are reserved
    from the night before) beside them, and a late addition
    to batch 1 going to work from Tongzi (late.csv)."""
    rows = [
        *(worker(w, at=ZUNYI, health_code="黄", batch="1") for w in _KEPT),
        *([worker("W0", at=ZUNYI, batch="1")] if working else []),
        *(worker(f"B{k}", at=ZUNYI, health_code="黄", batch="2") for k in range(3)),
    ]
    path = write_scenario(
        tmp_path / "in",
        rows,
        rules=_RULES.replace('"19:45"', f'"{pickup_from}"'),
        dorm_rooms=rooms,
        extra=f"[quarantine]\ncleaning_days = {cleaning}\n{_BATCHES}",
    )
    write_roster(tmp_path / "late.csv", [worker("N0", at=TONGZI, batch="1")])
    return path


def _previous_and_now(
    tmp_path: Path, *, rooms: int, cleaning: int, pickup_from: str = "19:45"
) -> tuple[Plan, Batch]:
    """Batch 1 planned (one bus), and batch 1 with the late addition."""
    path = _scenario(tmp_path, rooms=rooms, cleaning=cleaning, pickup_from=pickup_from)
    scenario = load_scenario(path)
    batch = prepare(scenario, batch="1")
    previous = plan_batch(batch, scenario.settings)
    assert len(previous.routes) == 1
    late = replace(scenario, roster=replace(scenario.roster, path=tmp_path / "late.csv"))
    return previous, with_additions(batch, prepare(late, batch="1"))


def _previous_and_later(
    tmp_path: Path, *, rooms: int, cleaning: int
) -> tuple[Plan, Batch, Settings]:
    """Batch 1 planned (with W0 on the quarantine riders' bus), the batch,
    and the settings with the pickup hours moved later since: the kept bus
    picks up at 20:30 and arrives past midnight, a day later."""
    scenario = load_scenario(_scenario(tmp_path, rooms=rooms, cleaning=cleaning, working=True))
    batch = prepare(scenario, batch="1")
    previous = plan_batch(batch, scenario.settings)
    assert len(previous.routes) == 1
    assert {b.start for b in previous.beds} == {_DEPARTURE}
    settings = scenario.settings
    return previous, batch, replace(settings, rules=replace(settings.rules, pickup_from=_LATER))


def _arrival(plan: Plan, worker_id: str) -> date:
    return next(
        d.arrive.date() for r in plan.routes for d in r.dropoffs if worker_id in d.worker_ids
    )


def _held_from(
    beds: tuple[BedAssignment, ...], first_night: date, settings: Settings
) -> tuple[BedAssignment, ...]:
    """Batch 2's beds in the rooms of ``beds`` from ``first_night``."""
    stay = timedelta(days=settings.quarantine.days)
    return tuple(
        BedAssignment(
            worker_id=f"H{b.room}",
            dorm_id=b.dorm_id,
            room=b.room,
            bed=b.bed,
            start=first_night,
            end=first_night + stay,
            batch="2",
        )
        for b in beds
    )


def _recorded(tmp_path: Path, plan: Plan, held: tuple[BedAssignment, ...]) -> None:
    """The ledger records batch 2's beds, then the re-plan (it refused a bed
    held twice, with nothing recorded)."""
    other = replace(plan, batch=replace(plan.batch, id="2"), beds=held, routes=())
    with open_ledger(tmp_path / "ledger.sqlite") as book:
        book.record(other, planned_at=datetime(2020, 3, 16, tzinfo=UTC))
        book.record(plan, planned_at=datetime(2020, 3, 16, tzinfo=UTC))
        assert len(book.beds_of(plan.batch.id)) == len(plan.beds)


@pytest.mark.parametrize("cleaning", [0, 1])
def test_a_kept_rider_whose_room_is_taken_on_their_new_last_night_gets_another(
    tmp_path: Path, cleaning: int
) -> None:
    """Later pickup hours put the bus's arrival past midnight: the beds are
    still from the night it comes in, but end a morning later (the
    quarantine's days after arriving).  Another batch holds Q0's room from
    the morning Q0's stay was to end (and its cleaning).  Q0 keeps the seat
    and sleeps in another room; Q1 and Q2, whose rooms are still free, keep
    theirs, now to the new morning.  Before, Q0 kept the
    room: the ledger refused the plan (bed_held_twice), or with a cleaning
    day recorded it with the room not cleaned."""
    previous, batch, settings = _previous_and_later(tmp_path, rooms=5, cleaning=cleaning)
    room_of = {b.worker_id: (b.dorm_id, b.room) for b in previous.beds}
    ends = max(b.end for b in previous.beds)
    q0 = tuple(b for b in previous.beds if b.worker_id == "Q0")
    held = _held_from(q0, ends + timedelta(days=cleaning), settings)
    plan = replan_batch(previous, batch, settings, beds=held)
    assert not check_plan(plan), check_plan(plan)
    riding = {w for r in plan.routes for w in r.worker_ids}
    assert riding == {*_KEPT, "W0"}
    assert _arrival(plan, "Q0") == _DEPARTURE + timedelta(days=1)
    beds = {b.worker_id: b for b in plan.beds}
    assert set(beds) == set(_KEPT)
    assert all(b.start == _DEPARTURE for b in beds.values())
    assert all(b.end == ends + timedelta(days=1) for b in beds.values())
    for w in ("Q1", "Q2"):
        assert (beds[w].dorm_id, beds[w].room) == room_of[w]
    assert (beds["Q0"].dorm_id, beds["Q0"].room) not in room_of.values()
    clean = timedelta(days=cleaning)
    for bed in plan.beds:
        for theirs in held:
            same_room = (bed.dorm_id, bed.room) == (theirs.dorm_id, theirs.room)
            assert not (same_room and theirs.start < bed.end + clean), (bed, theirs)
    _recorded(tmp_path, plan, held)


@pytest.mark.parametrize("why", ["late_rooms_taken", "late_dorm_closed"])
def test_kept_riders_with_no_room_free_on_their_new_nights_are_left_out_with_the_reason(
    tmp_path: Path, why: str
) -> None:
    """Later pickup hours put the bus's arrival past midnight, and the kept
    riders' stay a morning later; every room is taken from the morning
    their stay was to end, or the dormitory closes then (the desk learnt so
    after the plan): no room is free for them.  They are left out, told that their
    bus now arrives a day later than their bed was given for and why; the
    rider going to work keeps the seat, and the ledger records the plan.
    Before, they kept beds for nights the dormitory is closed, or held by
    another batch."""
    previous, batch, settings = _previous_and_later(tmp_path, rooms=3, cleaning=0)
    ends = max(b.end for b in previous.beds)
    held: tuple[BedAssignment, ...] = ()
    if why == "late_rooms_taken":
        held = _held_from(previous.beds, ends, settings)
    else:
        closes = ends - timedelta(days=1)
        dorms = tuple(replace(d, available_to=closes) for d in batch.dormitories)
        batch = replace(batch, dormitories=dorms)
    plan = replan_batch(previous, batch, settings, beds=held)
    assert not check_plan(plan), check_plan(plan)
    assert {w for r in plan.routes for w in r.worker_ids} == {"W0"}
    assert not plan.beds
    told = {u.worker_id: u.reason for u in plan.unassigned if u.stage == "dormitory"}
    assert set(told) == set(_KEPT)
    for reason in told.values():
        assert isinstance(reason, Text)
        assert reason.key == "no_bed_moved"  # batch 2 leaves later
        assert reason.args["was"] == str(_DEPARTURE)
        assert reason.args["day"] == str(_DEPARTURE + timedelta(days=1))
        assert reason.args["why"].key == why
    assert set(_KEPT) <= set(plan.quarantine_required)
    _recorded(tmp_path, plan, held)


def test_kept_beds_whose_bus_arrives_on_the_same_day_are_kept_as_they_were(
    tmp_path: Path,
) -> None:
    """A drop-out changes nothing of the others' day: their beds stay, room
    and nights, though every room is taken from the morning after."""
    previous, batch, _ = _previous_and_later(tmp_path, rooms=3, cleaning=0)
    ends = max(b.end for b in previous.beds)
    held = _held_from(previous.beds, ends, previous.settings)
    plan = replan_batch(previous, batch, previous.settings, beds=held, dropped=frozenset({"W0"}))
    assert not check_plan(plan), check_plan(plan)
    assert {w for r in plan.routes for w in r.worker_ids} == set(_KEPT)
    assert set(plan.beds) == set(previous.beds)


def test_a_campaign_re_plan_whose_bus_arrives_a_day_later_is_recorded_and_verified(
    tmp_path: Path,
) -> None:
    """The command line, as the desk runs it: batches 1 and 2 planned, batch
    2 in batch 1's rooms from the morning its stay ends (no cleaning day);
    the desk moves the pickup hours later, and batch 1 is re-planned: its
    bus arrives past midnight.  Before, the ledger refused the re-plan
    (bed_held_twice, with a hint that another run had changed the ledger)
    after all the work."""
    scenario = _scenario(tmp_path, rooms=3, cleaning=0, working=True)
    ledger = ["--ledger", str(tmp_path / "ledger.sqlite")]
    first, second, again = tmp_path / "p1", tmp_path / "p2", tmp_path / "r1"
    assert run(["plan", str(scenario), "--batch", "1", "--out", str(first), *ledger]) == 0
    assert run(["plan", str(scenario), "--batch", "2", "--out", str(second), *ledger]) == 0
    text = scenario.read_text(encoding="utf-8")
    assert 'pickup_from = "19:45"' in text
    later = text.replace('pickup_from = "19:45"', f'pickup_from = "{_LATER}"')
    scenario.write_text(later, encoding="utf-8")
    assert run(["replan", str(first), "--out", str(again), *ledger]) == 0
    assert run(["verify", str(again)]) == 0
    plan = json.loads((again / "plan.json").read_text(encoding="utf-8"))
    out = {u["worker_id"]: u["reason_text"]["key"] for u in plan["unassigned"]}
    # Batch 2 holds every room from that morning: nobody else could house them.
    assert out == dict.fromkeys(_KEPT, "no_bed_moved")
    riding = {w for r in plan["routes"] for s in r["stops"] for w in s["worker_ids"]}
    assert riding == {"W0"}


def _earlier_by_drop_outs(tmp_path: Path) -> tuple[Plan, Batch]:
    """Batch 1 planned with riders at Zunyi and at Tongzi on one bus that
    arrives after midnight, and the batch as it is (the Tongzi riders are
    dropped by the caller: the bus then drives straight in from Zunyi, at
    the time told there, and arrives the day before)."""
    rows = [
        *(worker(w, at=ZUNYI, health_code="黄", batch="1") for w in _KEPT),
        *(worker(w, at=TONGZI, health_code="黄", batch="1") for w in _DROPPED),
    ]
    path = write_scenario(
        tmp_path / "in",
        rows,
        rules=_RULES,
        dorm_rooms=8,
        extra=_BATCHES.split('[[batch]]\nid = "2"')[0],
    )
    scenario = load_scenario(path)
    batch = prepare(scenario, batch="1")
    previous = plan_batch(batch, scenario.settings)
    assert len(previous.routes) == 1
    # In the small hours: from the night before, to the quarantine's days after.
    assert _arrival(previous, "Q0") == _DEPARTURE + timedelta(days=1)
    assert {b.start for b in previous.beds} == {_DEPARTURE}
    stay = timedelta(days=previous.settings.quarantine.days)
    assert {b.end for b in previous.beds} == {_DEPARTURE + timedelta(days=1) + stay}
    return previous, batch


_DROPPED = ("T0", "T1")


def test_a_kept_rider_whose_bus_now_arrives_before_midnight_keeps_the_room_a_night_less(
    tmp_path: Path,
) -> None:
    """Drop-outs take the last stop off the bus: it arrives the evening
    before, not in the small hours.  The kept riders' beds begin the same
    night, in the same rooms, and end a morning earlier (the quarantine's
    days after the new arrival); another batch holding Q0's room from that
    morning (with its cleaning) keeps it, and the ledger records both."""
    previous, batch = _earlier_by_drop_outs(tmp_path)
    settings = previous.settings
    room_of = {b.worker_id: (b.dorm_id, b.room) for b in previous.beds}
    stay = timedelta(days=settings.quarantine.days)
    clean = timedelta(days=settings.quarantine.cleaning_days)
    q0 = next(b for b in previous.beds if b.worker_id == "Q0")
    ends = _DEPARTURE + stay
    held = (replace(q0, worker_id="H", start=ends + clean, end=ends + clean + stay, batch="0"),)
    plan = replan_batch(previous, batch, settings, beds=held, dropped=frozenset(_DROPPED))
    assert not check_plan(plan), check_plan(plan)
    assert {w for r in plan.routes for w in r.worker_ids} == set(_KEPT)
    assert _arrival(plan, "Q0") == _DEPARTURE
    beds = {b.worker_id: b for b in plan.beds}
    assert set(beds) == set(_KEPT)
    assert all((b.start, b.end) == (_DEPARTURE, ends) for b in beds.values())
    assert {w: (b.dorm_id, b.room) for w, b in beds.items()} == {w: room_of[w] for w in _KEPT}
    _recorded(tmp_path, plan, held)


def test_kept_riders_whose_bus_now_arrives_before_the_dormitory_opens_are_told_so(
    tmp_path: Path,
) -> None:
    """The dormitory takes guests from the night after the kept riders' bus
    arrived in the small hours (the desk learnt so after the plan: their
    beds, from the night before, are not checked again while their bus
    keeps its time), and drop-outs now bring it in the evening before:
    their stay changes, and they are left out, told the dormitory is not
    open yet, not that its rooms are taken."""
    previous, batch = _earlier_by_drop_outs(tmp_path)
    opens = _DEPARTURE + timedelta(days=1)
    dorms = tuple(replace(d, available_from=opens) for d in batch.dormitories)
    batch = replace(batch, dormitories=dorms)
    plan = replan_batch(previous, batch, previous.settings, dropped=frozenset(_DROPPED))
    assert not check_plan(plan), check_plan(plan)
    assert not plan.routes and not plan.beds
    told = {u.worker_id: u.reason for u in plan.unassigned if u.stage == "dormitory"}
    assert set(told) == set(_KEPT)
    for reason in told.values():
        assert isinstance(reason, Text)
        assert reason.key == "no_bed_moved_last"  # no batch 2 in this campaign
        # The days the bus arrives on, then and now.
        assert (reason.args["was"], reason.args["day"]) == (str(opens), str(_DEPARTURE))
        assert reason.args["why"].key == "late_dorm_not_open"
        assert reason.args["why"].args["date"] == str(opens)


def _boarding(route: Route) -> list[tuple[str, datetime]]:
    return [(s.point_id, s.arrive) for s in route.stops]


@pytest.mark.parametrize("taken", [False, True])
def test_a_late_addition_that_would_bring_the_bus_in_after_midnight_takes_another_bus(
    tmp_path: Path, taken: bool
) -> None:
    """The late addition's stop (Tongzi) fits on the quarantine riders' bus
    after their told pickup, but would bring it in at 01:14, past midnight:
    their beds would begin a day later, and with batch 2 in every room from
    the morning their stay ends (``taken``), they would lose seat and bed
    for one late addition.  The addition takes another bus; the told riders
    keep their bus, its times, and their rooms and nights."""
    previous, batch = _previous_and_now(tmp_path, rooms=3, cleaning=0)
    settings = previous.settings
    assert {b.start for b in previous.beds} == {_DEPARTURE}
    ends = max(b.end for b in previous.beds)
    held = _held_from(previous.beds, ends, settings) if taken else ()
    plan = replan_batch(previous, batch, settings, beds=held)
    assert not check_plan(plan), check_plan(plan)
    assert not plan.unassigned
    (was,) = previous.routes
    kept = next(r for r in plan.routes if r.bus_id == was.bus_id)
    assert set(kept.worker_ids) == set(_KEPT)
    assert _boarding(kept) == _boarding(was)
    assert _arrival(plan, "Q0") == _DEPARTURE
    assert set(plan.beds) == set(previous.beds)
    assert any("N0" in r.worker_ids for r in plan.routes if r.bus_id != was.bus_id)
    _recorded(tmp_path, plan, held)


def test_a_campaign_re_plan_with_a_late_addition_keeps_the_told_riders_seats_and_beds(
    tmp_path: Path,
) -> None:
    """The command line: batches 1 and 2 planned, batch 2 in batch 1's rooms
    from the morning its stay ends; batch 1 re-planned with the late
    addition from Tongzi.  Q0-Q2 keep their bus and beds, the addition
    rides another bus, the ledger records it and verify passes.  Before,
    the addition's stop went onto their bus, put its arrival past midnight,
    and Q0-Q2 were left out (no_bed_moved) while the addition kept the seat."""
    scenario = _scenario(tmp_path, rooms=3, cleaning=0)
    ledger = ["--ledger", str(tmp_path / "ledger.sqlite")]
    first, second, again = tmp_path / "p1", tmp_path / "p2", tmp_path / "r1"
    assert run(["plan", str(scenario), "--batch", "1", "--out", str(first), *ledger]) == 0
    assert run(["plan", str(scenario), "--batch", "2", "--out", str(second), *ledger]) == 0
    late = str(tmp_path / "late.csv")
    assert run(["replan", str(first), "--out", str(again), "--add", late, *ledger]) == 0
    assert run(["verify", str(again)]) == 0
    before, plan = (
        json.loads((folder / "plan.json").read_text(encoding="utf-8")) for folder in (first, again)
    )
    assert plan["unassigned"] == []

    def bus_of(doc: dict[str, Any]) -> dict[str, str]:
        return {w: r["bus_id"] for r in doc["routes"] for s in r["stops"] for w in s["worker_ids"]}

    (told,) = {bus_of(before)[w] for w in _KEPT}
    assert {bus_of(plan)[w] for w in _KEPT} == {told}
    assert bus_of(plan)["N0"] != told
    assert plan["dormitory_allocation"] == before["dormitory_allocation"]


@pytest.mark.parametrize("pickup_from", ["17:00", _LATER])
def test_a_late_addition_that_keeps_the_bus_s_arrival_day_still_boards_it(
    tmp_path: Path, pickup_from: str
) -> None:
    """Picking up from 17:00 the bus arrives at 20:50, and at 21:49 with the
    addition's stop; from 20:30 past midnight (00:40), and at 01:39: either
    way on the day its riders' beds were given from.  The addition boards
    the kept bus after the told pickup, which does not move; the beds stay."""
    previous, batch = _previous_and_now(tmp_path, rooms=3, cleaning=0, pickup_from=pickup_from)
    settings = previous.settings
    (was,) = previous.routes
    day = _arrival(previous, "Q0")
    assert day == _DEPARTURE + timedelta(days=int(pickup_from == _LATER))
    plan = replan_batch(previous, batch, settings)
    assert not check_plan(plan), check_plan(plan)
    assert not plan.unassigned
    (bus,) = plan.routes
    assert bus.bus_id == was.bus_id
    assert set(bus.worker_ids) == {*_KEPT, "N0"}
    assert _boarding(bus)[0] == _boarding(was)[0]
    assert _arrival(plan, "Q0") == day
    assert set(plan.beds) == set(previous.beds)
