"""Quarantine bed allocation."""

from __future__ import annotations

from datetime import date, timedelta

from returnbus.domain import Dormitory, LatLon, Sex
from returnbus.quarantine import BedRequest, QuarantineParams, allocate_beds

START = date(2020, 3, 17)


def dorm(
    dorm_id: str, rooms: int, sex: Sex | None = None, at: tuple[float, float] = (29.3, 106.3)
) -> Dormitory:
    return Dormitory(id=dorm_id, name=dorm_id, location=LatLon(*at), rooms=rooms, sex=sex)


def request(
    worker_id: str,
    sex: Sex | None = "M",
    cohort: str = "B001",
    employer: tuple[float, float] | None = None,
) -> BedRequest:
    return BedRequest(
        worker_id=worker_id,
        sex=sex,
        cohort=cohort,
        employer_location=LatLon(*employer) if employer else None,
        start=START,
    )


def test_one_person_per_room_for_the_quarantine_length() -> None:
    """Each bed is a room of its own, held for the configured days."""
    beds, lost = allocate_beds(
        [request("a"), request("b")], [dorm("D1", 5)], QuarantineParams(days=14)
    )
    assert not lost
    assert len({(b.dorm_id, b.room) for b in beds}) == 2
    assert all(b.end - b.start == timedelta(days=14) and b.bed == 1 for b in beds)


def test_single_sex_dormitories_are_respected() -> None:
    """Women never get a room in a men's dormitory, and the overflow shares the open one."""
    dorms = [dorm("MEN", 1, "M"), dorm("ANY", 2)]
    beds, lost = allocate_beds(
        [request("m1", "M"), request("f1", "F"), request("m2", "M")],
        dorms,
        QuarantineParams(days=14),
    )
    where = {b.worker_id: b.dorm_id for b in beds}
    assert where["f1"] == "ANY"
    assert sorted(where.values()).count("MEN") == 1
    assert not lost


def test_shortage_is_reported_not_hidden() -> None:
    """Beyond the rooms there are, workers are unassigned at the dormitory stage."""
    beds, lost = allocate_beds(
        [request(str(i), "F") for i in range(4)],
        [dorm("MEN", 10, "M"), dorm("ANY", 3)],
        QuarantineParams(days=14),
    )
    assert len(beds) == 3
    assert [u.worker_id for u in lost] == ["3"] and lost[0].stage == "dormitory"


def test_a_bus_stays_together_near_its_employer() -> None:
    """A cohort goes whole to the nearest dormitory that can take it."""
    near = dorm("NEAR", 3, at=(29.41, 106.27))
    far = dorm("FAR", 10, at=(29.06, 106.11))
    bigger_near = dorm("NEAR_BIG", 5, at=(29.42, 106.28))
    cohort = [request(f"w{i}", cohort="B001", employer=(29.41, 106.27)) for i in range(4)]
    beds, _ = allocate_beds(cohort, [near, far, bigger_near], QuarantineParams(days=14))
    assert {b.dorm_id for b in beds} == {"NEAR_BIG"}
