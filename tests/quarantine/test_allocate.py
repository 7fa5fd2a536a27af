"""Quarantine beds for a batch: rooms by the rules, cohorts together, near the employer."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import replace
from datetime import timedelta

from returnbus.domain import BedAssignment
from returnbus.quarantine import allocate_beds

from .helpers import FAR, PARAMS, START, dorm, request


def rooms_of(beds: tuple[BedAssignment, ...]) -> dict[tuple[str, str], list[str]]:
    rooms: dict[tuple[str, str], list[str]] = defaultdict(list)
    for bed in beds:
        rooms[bed.dorm_id, bed.room].append(bed.worker_id)
    return rooms


def test_one_person_per_isolation_room_for_the_quarantine() -> None:
    """Each isolation bed is a room of its own, held for the quarantine days; proved optimal."""
    found = allocate_beds([request("a"), request("b")], [dorm("D1", 5)], PARAMS)
    assert not found.unplaced and found.status == "optimal"
    assert len(rooms_of(found.beds)) == 2
    assert all(b.end - b.start == timedelta(days=14) and b.bed == 1 for b in found.beds)
    assert {b.bus_id for b in found.beds} == {"B1"}


def test_shared_rooms_hold_one_sex_and_unknown_sex_sleeps_alone() -> None:
    """In a mixed building each room takes one sex; a worker of unknown sex gets a room alone."""
    people = [request(f"m{i}", "M") for i in range(5)] + [request(f"f{i}", "F") for i in range(3)]
    people.append(request("u", None))
    found = allocate_beds(people, [dorm("D1", 4, beds=4)], PARAMS)
    sex = {r.worker_id: r.sex for r in people}
    assert not found.unplaced
    for sleepers in rooms_of(found.beds).values():
        assert len(sleepers) <= 4 and len({sex[w] for w in sleepers}) == 1
        assert "u" not in sleepers or sleepers == ["u"]


def test_women_go_to_the_near_mixed_building_not_the_far_womens_one() -> None:
    """Distance to the employer decides between dormitories that would both take them."""
    dorms = [dorm("WOMEN_FAR", 10, sex="F", at=FAR), dorm("MIXED_NEAR", 10)]
    found = allocate_beds([request(f"f{i}", "F") for i in range(6)], dorms, PARAMS)
    assert {b.dorm_id for b in found.beds} == {"MIXED_NEAR"}


def test_a_cohort_stays_together_before_distance() -> None:
    """A bus whose riders fit the farther dormitory whole goes there rather than split."""
    dorms = [dorm("NEAR", 3), dorm("FAR_BIG", 5, at=FAR)]
    found = allocate_beds([request(f"w{i}") for i in range(4)], dorms, PARAMS)
    assert {b.dorm_id for b in found.beds} == {"FAR_BIG"} and found.cohorts_split == 0


def test_shortage_leaves_the_fewest_without_a_bed_and_says_why() -> None:
    """Beyond the rooms there are, workers are unassigned at the dormitory stage."""
    people = [request(str(i), "F") for i in range(4)]
    found = allocate_beds(people, [dorm("MEN", 10, sex="M"), dorm("ANY", 3)], PARAMS)
    assert len(found.beds) == 3 and [u.worker_id for u in found.unplaced] == ["3"]
    assert found.unplaced[0].stage == "dormitory" and "women" in found.unplaced[0].reason


def test_who_gives_way_is_left_without_a_bed_before_anyone_else() -> None:
    """Three beds for four: a bus of three who give way (sent only for sharing a
    bus) loses one, though keeping it whole in one dormitory leaves out the
    fourth, who is bound for quarantine on their own account."""
    sharing = [replace(request(f"s{i}"), gives_way=True) for i in range(3)]
    people = [*sharing, request("own", cohort="B2")]
    found = allocate_beds(people, [dorm("D1", 3)], PARAMS)
    assert "own" in {b.worker_id for b in found.beds} and len(found.beds) == 3
    assert [u.worker_id for u in found.unplaced] == ["s2"]


def test_an_employers_dormitory_takes_only_its_workers() -> None:
    """A firm's own dormitory houses its workers; others go elsewhere."""
    dorms = [dorm("OWN", 5, employer="E1"), dorm("PUBLIC", 5, at=FAR)]
    people = [request("mine", employer="E1"), request("theirs", employer="E2", cohort="B2")]
    where = {b.worker_id: b.dorm_id for b in allocate_beds(people, dorms, PARAMS).beds}
    assert where == {"mine": "OWN", "theirs": "PUBLIC"}


def test_a_dormitory_is_used_only_while_it_is_open() -> None:
    """A dormitory that opens after the batch arrives, or closes before it leaves, is not used."""
    dorms = [
        dorm("LATE", 5, available_from=START + timedelta(days=1)),
        dorm("SHORT", 5, available_to=START + timedelta(days=10)),
        dorm("OPEN", 5, at=FAR, available_to=START + timedelta(days=13)),
    ]
    found = allocate_beds([request("a")], dorms, PARAMS)
    assert [b.dorm_id for b in found.beds] == ["OPEN"]


def test_rooms_held_by_another_batch_wait_for_cleaning() -> None:
    """A room is free again only after its occupant leaves and the cleaning day passes."""
    held = BedAssignment(
        worker_id="old",
        dorm_id="D1",
        room="101",
        bed=1,
        start=START - timedelta(days=14),
        end=START,
        batch="1",
    )
    found = allocate_beds([request("new")], [dorm("D1", 2)], PARAMS, occupied=[held])
    assert [b.room for b in found.beds] == ["102"]
    later = request("later", start=START + timedelta(days=1))
    found = allocate_beds([later], [dorm("D1", 2)], PARAMS, occupied=[held])
    assert {b.room for b in found.beds} <= {"101", "102"} and not found.unplaced


def test_the_reservation_stands_whatever_the_search_finds() -> None:
    """Everyone reserved before routing gets a bed after it, with the bus's arrival date."""
    people = [request(f"w{i}", "M" if i % 2 else "F", cohort=f"area{i % 2}") for i in range(9)]
    dorms = [dorm("A", 3, beds=2), dorm("B", 4, beds=2, at=FAR)]
    reserved = allocate_beds(people, dorms, PARAMS, late_days=1)
    housed = {b.worker_id for b in reserved.beds}
    arriving = [
        request(r.worker_id, r.sex, cohort=f"B{k % 3}", start=START + timedelta(days=1))
        for k, r in enumerate(people)
        if r.worker_id in housed
    ]
    final = allocate_beds(arriving, dorms, PARAMS, reserved=reserved)
    assert not final.unplaced and {b.worker_id for b in final.beds} == housed
    assert all(b.start == START + timedelta(days=1) for b in final.beds)
    assert Counter(b.dorm_id for b in final.beds).total() == len(housed)
