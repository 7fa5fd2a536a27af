"""Small dormitories and bed requests around Jiangjin."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from hypothesis import strategies as st

from returnbus.domain import Dormitory, LatLon, Room, Sex
from returnbus.quarantine import BedRequest, QuarantineParams
from returnbus.quarantine.model import Counts, Demand, Supply

START = date(2020, 3, 17)
PARAMS = QuarantineParams(days=14, cleaning_days=1, solver_seconds=5)
HUB = (29.276, 106.232)
FAR = (29.06, 106.11)  # about 25 km from the hub


def dorm(
    dorm_id: str,
    rooms: int,
    *,
    sex: Sex | None = None,
    beds: int = 1,
    at: tuple[float, float] = HUB,
    **fields: object,
) -> Dormitory:
    return Dormitory(
        id=dorm_id,
        name=dorm_id,
        location=LatLon(*at),
        rooms=tuple(Room(number=f"{101 + k}", capacity=beds) for k in range(rooms)),
        sex=sex,
        isolation=beds == 1,
        **fields,  # type: ignore[arg-type]
    )


def request(
    worker_id: str,
    sex: Sex | None = "M",
    *,
    cohort: str = "B1",
    employer: str = "E1",
    at: tuple[float, float] | None = HUB,
    start: date = START,
) -> BedRequest:
    return BedRequest(
        worker_id=worker_id,
        sex=sex,
        cohort=cohort,
        employer=employer,
        employer_location=LatLon(*at) if at else None,
        start=start,
        end=start + timedelta(days=PARAMS.days),
        bus_id=cohort if cohort.startswith("B") else "",
    )


SEXES = ("M", "F", "U")


def broken_rules(counts: Counts, demands: list[Demand], supplies: list[Supply]) -> list[str]:
    """What ``counts`` breaks of the model's rules, checked apart from it: a
    demand placed beyond its size or outside its options, and a dormitory's
    rules (`broken_in_dorms`)."""
    broken = []
    guests: defaultdict[tuple[int, str], int] = defaultdict(int)
    for (i, d), n in counts.placed.items():
        if d not in dict(demands[i].options):
            broken.append(f"demand {i} in dorm {d}, not an option")
        guests[d, demands[i].sex] += n
    for i, demand in enumerate(demands):
        if sum(n for (j, _), n in counts.placed.items() if j == i) > demand.size:
            broken.append(f"demand {i} placed beyond its size")
    return broken + broken_in_dorms(counts, guests, supplies)


def broken_in_dorms(
    counts: Counts, guests: dict[tuple[int, str], int], supplies: list[Supply]
) -> list[str]:
    """A shared room given to two sexes, or more rooms than there are; more
    people of a sex than the beds of their rooms (one of unknown sex alone);
    more people than beds."""
    broken = []
    for d, supply in enumerate(supplies):
        if len(supply.sexes) == 1 or all(c == 1 for c, _ in supply.rooms):
            if sum(guests.get((d, s), 0) for s in SEXES) > sum(c * n for c, n in supply.rooms):
                broken.append(f"dorm {d} over its beds")
            continue
        for capacity, count in supply.rooms:
            if sum(counts.rooms.get((d, capacity, s), 0) for s in SEXES) > count:
                broken.append(f"dorm {d} gives more rooms of {capacity} than it has")
        for sex in SEXES:
            beds = sum(
                (1 if sex == "U" else c) * counts.rooms.get((d, c, sex), 0) for c, _ in supply.rooms
            )
            if guests.get((d, sex), 0) > beds:
                broken.append(f"dorm {d}: {guests.get((d, sex), 0)} of {sex} in {beds} beds")
    return broken


@st.composite
def bed_problems(draw: st.DrawFn) -> tuple[list[Demand], list[Supply]]:
    supplies = [
        Supply(
            rooms=tuple(
                (capacity, draw(st.integers(1, 4)))
                for capacity in sorted(draw(st.sets(st.sampled_from((1, 2, 4, 6)), min_size=1)))
            ),
            sexes=draw(st.sampled_from((SEXES, ("M",), ("F",)))),
        )
        for _ in range(draw(st.integers(1, 4)))
    ]
    demands = []
    for _ in range(draw(st.integers(1, 12))):
        sex = draw(st.sampled_from(SEXES))
        usable = [d for d, s in enumerate(supplies) if sex in s.sexes]
        chosen = draw(st.lists(st.sampled_from(usable), unique=True)) if usable else []
        demands.append(
            Demand(
                cohort=draw(st.sampled_from(("B1", "B2", "B3"))),
                sex=sex,
                size=draw(st.integers(1, 9)),
                options=tuple((d, draw(st.integers(0, 40))) for d in sorted(chosen)),
                gives_way=draw(st.booleans()),
            )
        )
    return demands, supplies
