"""Rooms over time: which are free for a batch, and who sleeps where.

A room holds one batch at a time: nobody joins a room whose occupants are
still in quarantine, and after they leave it stays empty for the cleaning
days.  Within a batch a room holds one sex (unknown sex: alone).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from ..domain import BedAssignment, Dormitory, Room
from ..text import Text, first_ids
from .params import BedRequest, QuarantineParams

#: The three ways a room can be given within a batch: to men, to women, or
#: to one person of unknown sex.
SEXES = ("M", "F", "U")


@dataclass(frozen=True, slots=True, kw_only=True)
class Stay:
    """The nights a batch needs rooms: from its first arrival to its last departure."""

    first_night: date
    last_morning: date


def stay_of(
    requests: Iterable[BedRequest], params: QuarantineParams, *, late_days: int = 0
) -> Stay | None:
    """The stay of a batch's requests (None when there are none), ``late_days``
    longer for arrivals that may come that much after their start."""
    requests = list(requests)
    if not requests:
        return None
    return Stay(
        first_night=min(r.start for r in requests),
        last_morning=max(r.end for r in requests) + timedelta(days=late_days),
    )


def free_rooms(
    dorm: Dormitory, stay: Stay, occupied: Sequence[BedAssignment], params: QuarantineParams
) -> tuple[Room, ...]:
    """Rooms of ``dorm`` that nobody else holds during ``stay``, cleaning included.

    None when the dormitory is closed for part of the stay.
    """
    if dorm.available_from is not None and stay.first_night < dorm.available_from:
        return ()
    last_night = stay.last_morning - timedelta(days=1)
    if dorm.available_to is not None and last_night > dorm.available_to:
        return ()
    held = {
        bed.room for bed in occupied if bed.dorm_id == dorm.id and keeps_room(bed, stay, params)
    }
    return tuple(room for room in dorm.rooms if room.number not in held)


def keeps_room(bed: BedAssignment, stay: Stay, params: QuarantineParams) -> bool:
    """Whether another batch's ``bed`` keeps its room from a batch staying
    ``stay``: their nights meet once each is followed by the cleaning days
    (a room stays empty that long after a batch leaves it, either way round)."""
    clean = timedelta(days=params.cleaning_days)
    return bed.start < stay.last_morning + clean and stay.first_night < bed.end + clean


def room_clashes(
    beds: Iterable[BedAssignment], occupied: Iterable[BedAssignment], params: QuarantineParams
) -> list[tuple[BedAssignment, BedAssignment]]:
    """Each of ``beds`` with each bed of ``occupied`` that another batch
    holds in its room too soon before or after it (`keeps_room`, the rule of
    `free_rooms`).  Beds of one batch share a room freely."""
    by_room: dict[tuple[str, str], list[BedAssignment]] = defaultdict(list)
    for held in occupied:
        by_room[held.dorm_id, held.room].append(held)
    return [
        (bed, held)
        for bed in beds
        for held in by_room.get((bed.dorm_id, bed.room), ())
        if held.batch != bed.batch
        and keeps_room(held, Stay(first_night=bed.start, last_morning=bed.end), params)
    ]


def clashes_said(
    clashes: Iterable[tuple[BedAssignment, BedAssignment]], params: QuarantineParams
) -> list[Text]:
    """`room_clashes` as sentences (``room_clash``): one per room and other
    batch, naming both batches' workers there and their nights, and the
    cleaning days a room stays empty between batches."""
    rooms: dict[tuple[str, str, str, str], list[tuple[BedAssignment, ...]]] = defaultdict(list)
    for pair in clashes:
        bed, held = pair
        rooms[bed.dorm_id, bed.room, bed.batch, held.batch].append(pair)
    said = []
    for (dorm, room, batch, other), pairs in sorted(rooms.items()):
        mine = {bed.worker_id: bed for bed, _ in pairs}.values()
        theirs = {held.worker_id: held for _, held in pairs}.values()
        said.append(
            Text(
                "room_clash",
                dorm=dorm,
                room=room,
                batch=batch,
                workers=first_ids(sorted(b.worker_id for b in mine)),
                nights=_nights(mine),
                other_batch=other,
                other_workers=first_ids(sorted(b.worker_id for b in theirs)),
                other_nights=_nights(theirs),
                cleaning=params.cleaning_days,
            )
        )
    return said


def _nights(beds: Iterable[BedAssignment]) -> Text:
    """The nights of ``beds``, from the first night to the last morning."""
    beds = list(beds)
    first = min(b.start for b in beds).isoformat()
    last = max(b.end for b in beds).isoformat()
    return Text("stay_nights", first=first, last=last)


def unfree_beds(
    beds: Iterable[BedAssignment],
    dormitories: Iterable[Dormitory],
    occupied: Sequence[BedAssignment],
    params: QuarantineParams,
) -> list[BedAssignment]:
    """Those of ``beds`` whose room is not free on every night of theirs
    (`free_rooms`: ``occupied`` by another, cleaning included, or the
    dormitory closed)."""
    dorms = {dorm.id: dorm for dorm in dormitories}
    same_nights: dict[tuple[str, date, date], list[BedAssignment]] = defaultdict(list)
    for bed in beds:
        same_nights[bed.dorm_id, bed.start, bed.end].append(bed)
    unfree = []
    for (dorm_id, start, end), group in same_nights.items():
        dorm = dorms.get(dorm_id)
        if dorm is None:
            continue
        stay = Stay(first_night=start, last_morning=end)
        free = {room.number for room in free_rooms(dorm, stay, occupied, params)}
        unfree += [bed for bed in group if bed.room not in free]
    return unfree


def sex_key(request: BedRequest) -> str:
    """M, F, or U for a worker of unknown sex."""
    return request.sex or "U"


def number_rooms(
    dorm: Dormitory,
    rooms: Sequence[Room],
    given: Mapping[tuple[int, str], int],
    sleepers: Sequence[BedRequest],
    params: QuarantineParams,
    batch: str,
) -> list[BedAssignment]:
    """Beds in real rooms for the ``sleepers`` placed in ``dorm``.

    ``given[(capacity, sex)]`` rooms of that capacity go to that sex, taken
    in room-number order; each sex's sleepers fill them in cohort order,
    so that a bus's riders share rooms.
    """
    by_capacity: dict[int, list[Room]] = defaultdict(list)
    for room in rooms:
        by_capacity[room.capacity].append(room)
    rooms_of: dict[str, list[Room]] = defaultdict(list)
    for capacity in sorted(by_capacity):
        free = by_capacity[capacity]
        for sex in SEXES:
            count = given.get((capacity, sex), 0)
            rooms_of[sex] += free[:count]
            free = free[count:]
    beds: list[BedAssignment] = []
    for sex in SEXES:
        people = sorted(
            (r for r in sleepers if sex_key(r) == sex), key=lambda r: (r.cohort, r.worker_id)
        )
        slots = [
            (room, bed)
            for room in rooms_of[sex]
            for bed in range(1, (1 if sex == "U" else room.capacity) + 1)
        ]
        if len(slots) < len(people):
            raise AssertionError(f"dormitory {dorm.id}: {len(people)} {sex} for {len(slots)} beds")
        beds += [
            BedAssignment(
                worker_id=r.worker_id,
                dorm_id=dorm.id,
                room=room.number,
                bed=bed,
                start=r.start,
                end=r.end,
                batch=batch,
                bus_id=r.bus_id,
            )
            for r, (room, bed) in zip(people, slots, strict=False)
        ]
    return beds
