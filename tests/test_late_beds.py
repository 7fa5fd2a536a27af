"""Quarantine beds for riders whose bus arrives days after their batch leaves.

The clock may put a bus's first pickup off by days (a long empty run, a
night's layover, narrow hours): its riders then sleep from later than the
days beds were first reserved for.  Their beds must still be free on every
night they sleep in them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from returnbus.checker import check_plan
from returnbus.domain import BedAssignment
from returnbus.dropoffs import dorm_of_site
from returnbus.io.scenario import Scenario, load_scenario
from returnbus.ledger import open_ledger
from returnbus.pipeline import plan_batch, prepare
from returnbus.plan import Batch, Plan
from returnbus.settings import Settings
from returnbus.text import Text, say

from .helpers import DEPOT, XINYANG, worker, write_scenario

#: Kunming: a day's empty run from the riders, so their bus picks up on the
#: second evening after the batch leaves and arrives the third morning.
_FAR_DEPOT = (25.04, 102.71)
_RULES = """max_ride_minutes = 1200
max_route_minutes = 1400
pickup_from = "18:00"
pickup_until = "19:00"
arrive_from = "08:00"
arrive_until = "12:00"
"""
_QUARANTINED = ("Q0", "Q1", "Q2")
#: Bound for quarantine too, but travelling on their own: their beds are
#: from the departure's day, within the days beds were reserved for.
_SELF_RETURN = ("S0", "S1", "S2")
_TO_WORK = ("W0", "W1", "W2")


def _late_batch(
    tmp_path: Path, extra: str, *, dorm_rooms: int = 8, rules: str = "", to_work: bool = False
) -> tuple[Scenario, Batch]:
    """Three riders bound for quarantine whose one bus arrives on the third
    day, three self-returners bound there, and, ``to_work``, three riders
    from beside them bound for work."""
    path = write_scenario(
        tmp_path,
        [
            *(worker(w, at=XINYANG, health_code="黄") for w in _QUARANTINED),
            *(worker(w, at=XINYANG, health_code="黄", travel_mode="自驾") for w in _SELF_RETURN),
            *(worker(w, at=XINYANG) for w in _TO_WORK if to_work),
        ],
        rules=_RULES + rules,
        dorm_rooms=dorm_rooms,
        extra=f'{extra}[[batch]]\nid = "1"\ndeparture = "2020-03-17T20:00:00+08:00"',
    )
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        f"lat = {DEPOT[0]}\nlon = {DEPOT[1]}", f"lat = {_FAR_DEPOT[0]}\nlon = {_FAR_DEPOT[1]}"
    )
    path.write_text(text, encoding="utf-8")
    scenario = load_scenario(path)
    return scenario, prepare(scenario)


def test_a_dormitory_closing_before_a_late_riders_stay_ends_gives_them_no_bed(
    tmp_path: Path,
) -> None:
    """The dormitory is open for a stay from the departure's day or the next
    two (the days beds were reserved for), not from the third, when the bus
    arrives: its riders get no bed there, and are told why (before, they got
    one for nights it is closed, which only `verify` found); the bus, with
    nobody else to carry, does not run.  The self-returners, whose stay
    fits, keep their beds (planning the batch again for a stay from the
    third day took theirs too)."""
    scenario, batch = _late_batch(tmp_path, "")
    assert _late_days(batch, scenario.settings) == 3
    stay = scenario.settings.quarantine.days
    closes = batch.departure.date() + timedelta(days=2 + stay - 1)
    dorms = tuple(replace(d, available_to=closes) for d in batch.dormitories)
    plan = plan_batch(replace(batch, dormitories=dorms), scenario.settings)
    assert not check_plan(plan), check_plan(plan)
    assert all(b.end - timedelta(days=1) <= closes for b in plan.beds)
    assert {b.worker_id for b in plan.beds} == set(_SELF_RETURN)
    assert not plan.routes
    _assert_told_no_late_bed(plan, _QUARANTINED, "late_dorm_closed")


def test_riders_to_work_keep_their_seats_on_a_late_bus_whose_riders_have_no_bed(
    tmp_path: Path,
) -> None:
    """Cohorts mixed: the late bus carries riders to work besides those
    bound for quarantine.  Those left without a bed leave the bus; the
    others keep their seats, on a bus timed anew that no longer stops at
    the dormitory."""
    scenario, batch = _late_batch(
        tmp_path, "", rules='quarantine_cohorts = "mixed"\n', to_work=True
    )
    stay = scenario.settings.quarantine.days
    closes = batch.departure.date() + timedelta(days=2 + stay - 1)
    dorms = tuple(replace(d, available_to=closes) for d in batch.dormitories)
    before = plan_batch(batch, scenario.settings)
    assert {w for r in before.routes for w in r.worker_ids} == {*_QUARANTINED, *_TO_WORK}
    plan = plan_batch(replace(batch, dormitories=dorms), scenario.settings)
    assert not check_plan(plan), check_plan(plan)
    assert {w for r in plan.routes for w in r.worker_ids} == set(_TO_WORK)
    assert all(dorm_of_site(d.point_id) is None for r in plan.routes for d in r.dropoffs)
    assert {b.worker_id for b in plan.beds} == set(_SELF_RETURN)
    _assert_told_no_late_bed(plan, _QUARANTINED, "late_dorm_closed")


@pytest.mark.parametrize("cleaning", [0, 1])
def test_a_late_riders_bed_is_not_one_another_batch_holds_after_the_reserved_days(
    tmp_path: Path, cleaning: int
) -> None:
    """Another batch holds every bed from the first morning after the days
    reserved for (and their cleaning): the late riders' stay runs a night
    into it.  They must sleep elsewhere or get no bed; before, they were
    given those beds, and the ledger refused the plan (``bed_held_twice``),
    or, by the cleaning day only, recorded it with a room not cleaned."""
    scenario, batch = _late_batch(
        tmp_path, f"[quarantine]\ncleaning_days = {cleaning}\n", dorm_rooms=6
    )
    settings = scenario.settings
    stay = settings.quarantine.days
    taken = batch.departure.date() + timedelta(days=2 + stay + cleaning)
    held = tuple(
        BedAssignment(
            worker_id=f"H{room.number}-{bed}",
            dorm_id=dorm.id,
            room=room.number,
            bed=bed,
            start=taken,
            end=taken + timedelta(days=stay),
            batch="2",
        )
        for dorm in batch.dormitories
        for room in dorm.rooms
        for bed in range(1, room.capacity + 1)
    )
    plan = plan_batch(batch, settings, beds=held)
    assert not check_plan(plan), check_plan(plan)
    other = replace(plan, batch=replace(batch, id="2"), beds=held, routes=())
    with open_ledger(tmp_path / "ledger.sqlite") as book:
        book.record(other, planned_at=datetime(2020, 3, 16, tzinfo=UTC))
        book.record(plan, planned_at=datetime(2020, 3, 16, tzinfo=UTC))
        assert len(book.beds_of(batch.id)) == len(plan.beds)
    clean = timedelta(days=cleaning)
    for bed in plan.beds:
        for theirs in held:
            same_room = (bed.dorm_id, bed.room) == (theirs.dorm_id, theirs.room)
            assert not (same_room and theirs.start < bed.end + clean), (bed, theirs)
    assert {b.worker_id for b in plan.beds} == set(_SELF_RETURN)
    _assert_told_no_late_bed(plan, _QUARANTINED, "late_rooms_taken")


def test_a_late_rider_whose_reserved_room_is_taken_then_gets_another(tmp_path: Path) -> None:
    """Another batch holds the rooms the late riders were given from the
    morning after the days reserved for, and the other rooms from the
    morning the late riders' stay and cleaning end: those are free for
    their whole stay, not for a stay two days longer (as rooms are given
    after routing).  They keep their seats and sleep there, and the ledger
    records both batches."""
    scenario, batch = _late_batch(tmp_path, "", dorm_rooms=9)
    settings = scenario.settings
    stay = settings.quarantine.days
    clean = timedelta(days=settings.quarantine.cleaning_days)
    alone = plan_batch(batch, settings)
    late = {(b.dorm_id, b.room) for b in alone.beds if b.worker_id in _QUARANTINED}
    assert len(late) == len(_QUARANTINED)
    used = {(b.dorm_id, b.room) for b in alone.beds}
    ends = max(b.end for b in alone.beds)  # the late riders' stay
    assert ends == batch.departure.date() + timedelta(days=3 + stay)
    held = tuple(
        BedAssignment(
            worker_id=f"H{room}",
            dorm_id=dorm.id,
            room=room,
            bed=1,
            start=(ends - timedelta(days=1) if (dorm.id, room) in late else ends) + clean,
            end=ends + clean + timedelta(days=stay),
            batch="2",
        )
        for dorm in batch.dormitories
        for room in (r.number for r in dorm.rooms)
        if (dorm.id, room) in late or (dorm.id, room) not in used
    )
    plan = plan_batch(batch, settings, beds=held)
    assert not check_plan(plan), check_plan(plan)
    assert {w for r in plan.routes for w in r.worker_ids} == set(_QUARANTINED)
    assert {b.worker_id for b in plan.beds} == {*_QUARANTINED, *_SELF_RETURN}
    assert not {(b.dorm_id, b.room) for b in plan.beds} & late
    other = replace(plan, batch=replace(batch, id="2"), beds=held, routes=())
    with open_ledger(tmp_path / "ledger.sqlite") as book:
        book.record(other, planned_at=datetime(2020, 3, 16, tzinfo=UTC))
        book.record(plan, planned_at=datetime(2020, 3, 16, tzinfo=UTC))
        assert len(book.beds_of(batch.id)) == len(plan.beds)


def _assert_told_no_late_bed(plan: Plan, workers: Sequence[str], why: str) -> None:
    """``workers`` are left out for want of a bed from their late bus's
    arrival, told ``why``, and on no bus."""
    told = {u.worker_id: u.reason for u in plan.unassigned if u.stage == "dormitory"}
    assert set(told) == set(workers)
    for reason in told.values():
        assert isinstance(reason, Text)
        # The batch is the campaign's last: no later batch is advised.
        assert reason.key == "no_bed_late_last"
        assert reason.args["why"].key == why
    assert not set(workers) & {w for r in plan.routes for w in r.worker_ids}
    assert set(workers) <= set(plan.quarantine_required)


def _late_days(batch: Batch, settings: Settings) -> int:
    """Days after its departure that the batch's last bus arrives, alone."""
    plan = plan_batch(batch, settings)
    arrive = {w: d.arrive.date() for r in plan.routes for d in r.dropoffs for w in d.worker_ids}
    assert set(arrive) == set(_QUARANTINED)
    return (max(arrive.values()) - batch.departure.date()).days


@pytest.mark.parametrize("days", [1, 2])
def test_a_late_rider_without_a_bed_is_told_the_nights_in_number(tmp_path: Path, days: int) -> None:
    """A quarantine of one night is said "1 night" in English, not "1 nights"
    (nor "those nights"); two are "2 nights"; the Chinese does not change."""
    scenario, batch = _late_batch(tmp_path, f"[quarantine]\ndays = {days}\n")
    closes = batch.departure.date() + timedelta(days=2 + days - 1)
    dorms = tuple(replace(d, available_to=closes) for d in batch.dormitories)
    plan = plan_batch(replace(batch, dormitories=dorms), scenario.settings)
    _assert_told_no_late_bed(plan, _QUARANTINED, "late_dorm_closed")
    nights = "1 night " if days == 1 else f"{days} nights "
    for reason in (u.reason for u in plan.unassigned if u.stage == "dormitory"):
        assert f"for the {nights}from then" in reason and "those nights" not in reason, reason
        assert f"连住 {days} 晚的隔离房间" in say(reason, "zh")
