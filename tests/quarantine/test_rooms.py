"""Rooms over time."""

from __future__ import annotations

from datetime import timedelta

from returnbus.domain import BedAssignment, Room
from returnbus.quarantine.rooms import Stay, free_rooms, number_rooms, stay_of

from .helpers import PARAMS, START, dorm, request


def held(room: str, start_offset: int) -> BedAssignment:
    start = START + timedelta(days=start_offset)
    return BedAssignment(
        worker_id="x", dorm_id="D1", room=room, bed=1, start=start, end=start + timedelta(days=14)
    )


def test_stay_spans_first_arrival_to_last_departure_plus_late_days() -> None:
    """A batch needs rooms from its first night to the last morning, later for late arrivals."""
    people = [request("a"), request("b", start=START + timedelta(days=1))]
    assert stay_of(people, PARAMS) == Stay(
        first_night=START, last_morning=START + timedelta(days=15)
    )
    late = stay_of(people, PARAMS, late_days=2)
    assert late is not None and late.last_morning == START + timedelta(days=17)
    assert stay_of([], PARAMS) is None


def test_a_room_is_free_only_outside_other_stays_and_their_cleaning() -> None:
    """Rooms held before (until the cleaning day passes) or after this stay are not free."""
    stay = Stay(first_night=START, last_morning=START + timedelta(days=14))
    occupied = [
        held("101", -14),  # leaves the morning of the first night, cleaned that day: not free
        held("102", -15),  # left the morning before, cleaned that day: free
        held("103", 15),  # first night after this stay leaves and the cleaning day: free
        held("104", 14),  # first night on this stay's cleaning day: not free
    ]
    free = free_rooms(dorm("D1", 5), stay, occupied, PARAMS)
    assert [r.number for r in free] == ["102", "103", "105"]


def test_rooms_are_filled_in_number_order_a_cohort_together() -> None:
    """Given rooms go to each sex in number order; a bus's riders share rooms."""
    rooms = [Room(number=n, capacity=2) for n in ("101", "102", "103")]
    sleepers = [request("m1", cohort="B2"), request("m2", cohort="B1"), request("m3", cohort="B1")]
    beds = number_rooms(dorm("D1", 3, beds=2), rooms, {(2, "M"): 2}, sleepers, PARAMS, "7")
    placed = {b.worker_id: (b.room, b.bed) for b in beds}
    assert placed == {"m2": ("101", 1), "m3": ("101", 2), "m1": ("102", 1)}
    assert {b.batch for b in beds} == {"7"}
