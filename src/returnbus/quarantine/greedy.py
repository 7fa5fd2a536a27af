"""A quick allocation for a bed model too large for the exact one.

A model with thousands of groups that may each use hundreds of
dormitories spends CP-SAT's whole budget, and far more time, in presolve
and ends with no solution: everyone bound for quarantine would be left
without a bed that was there.  This fills the same counts greedily: those who do
not give way first, largest cohort first, each cohort whole in the nearest
dormitory that takes all of it, else each of its groups into the nearest
dormitories with room.  Rooms are shared out between the sexes as the model
does: a shared room goes to one sex, and one of unknown sex sleeps alone.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import InitVar, dataclass, field

from .model import Counts, Demand, Supply, lower_bound, mixes, objective


@dataclass(slots=True)
class _Beds:
    """What is still free: beds of a dormitory that need no sharing out, and,
    where rooms are shared out between sexes, rooms by capacity and beds
    left in the rooms each sex has."""

    supplies: InitVar[Sequence[Supply]]
    beds: dict[int, int] = field(default_factory=dict)
    rooms: dict[int, dict[int, int]] = field(default_factory=dict)
    open: defaultdict[tuple[int, str], int] = field(default_factory=lambda: defaultdict(int))
    given: defaultdict[tuple[int, int, str], int] = field(default_factory=lambda: defaultdict(int))

    def __post_init__(self, supplies: Sequence[Supply]) -> None:
        for d, supply in enumerate(supplies):
            if mixes(supply):
                self.rooms[d] = dict(supply.rooms)
            else:
                self.beds[d] = sum(capacity * count for capacity, count in supply.rooms)

    def room(self, d: int, sex: str) -> int:
        """How many of ``sex`` dormitory ``d`` can still take."""
        if d not in self.rooms:
            return self.beds[d]
        rooms = self.rooms[d]
        return self.open[d, sex] + sum(
            (1 if sex == "U" else capacity) * count for capacity, count in rooms.items()
        )

    def take(self, d: int, sex: str, people: int) -> None:
        """Beds for ``people`` of ``sex`` in ``d`` (no more than `room`)."""
        if d not in self.rooms:
            self.beds[d] -= people
            return
        need = people - self.open[d, sex]
        taken = _rooms_for(self.rooms[d], sex, need) or []
        for capacity in taken:
            self.given[d, capacity, sex] += 1
        self.open[d, sex] = sum(1 if sex == "U" else c for c in taken) - need


def _rooms_for(rooms: dict[int, int], sex: str, need: int) -> list[int] | None:
    """The capacities of the rooms ``need`` more of ``sex`` take from
    ``rooms`` (taken from it), or None when they are too few.  One of
    unknown sex fills a room alone: the smallest first; others the largest
    they fill, then the smallest that holds the rest."""
    taken: list[int] = []
    while need > 0:
        free = sorted(c for c, n in rooms.items() if n > 0)
        if not free:
            return None
        if sex == "U":
            capacity = free[0]
        else:
            filled = [c for c in free if c <= need]
            capacity = filled[-1] if filled else next(c for c in free if c >= need)
        rooms[capacity] -= 1
        taken.append(capacity)
        need -= 1 if sex == "U" else capacity
    return taken


def greedy_counts(demands: Sequence[Demand], supplies: Sequence[Supply]) -> Counts:
    """Counts that place as many as the greedy fill above can, with the
    model's objective and `lower_bound`: ``optimal`` when they meet, else
    ``feasible``.  Where beds are plenty the fill is near the bound (26,000
    people in 300 dormitories: 0.008 % above it); where they are short it
    leaves people the exact model would house."""
    beds = _Beds(supplies)
    cohorts: defaultdict[str, list[int]] = defaultdict(list)
    for i, demand in enumerate(demands):
        cohorts[demand.cohort].append(i)
    order = sorted(
        cohorts.values(),
        key=lambda group: (
            demands[group[0]].gives_way,
            -sum(demands[i].size for i in group),
            demands[group[0]].cohort,
        ),
    )
    placed: dict[tuple[int, int], int] = {}
    for group in order:
        whole = _whole(demands, group, beds)
        for i in group:
            options = [whole] if whole is not None else _nearest(demands[i])
            left = demands[i].size
            for d in options:
                put = min(left, beds.room(d, demands[i].sex))
                if put > 0:
                    beds.take(d, demands[i].sex, put)
                    placed[i, d] = placed.get((i, d), 0) + put
                    left -= put
    value, bound = objective(placed, demands), lower_bound(demands)
    return Counts(
        placed=placed,
        rooms={key: n for key, n in beds.given.items() if n},
        status="optimal" if value == bound else "feasible",
        objective=value,
        bound=bound,
    )


def _nearest(demand: Demand) -> list[int]:
    return [d for d, _ in sorted(demand.options, key=lambda option: (option[1], option[0]))]


def _whole(demands: Sequence[Demand], group: Sequence[int], beds: _Beds) -> int | None:
    """The nearest dormitory every group of a cohort may use with room for all of it."""
    shared = set.intersection(*({d for d, _ in demands[i].options} for i in group))
    by_sex: defaultdict[str, int] = defaultdict(int)
    for i in group:
        by_sex[demands[i].sex] += demands[i].size
    fits = [d for d in shared if _holds(beds, d, by_sex)]
    return min(
        fits,
        key=lambda d: (sum(demands[i].size * dict(demands[i].options)[d] for i in group), d),
        default=None,
    )


def _holds(beds: _Beds, d: int, by_sex: dict[str, int]) -> bool:
    """Whether ``d`` has room for all of ``by_sex`` at once (rooms taken by
    one sex are not the other's)."""
    if d not in beds.rooms:
        return beds.beds[d] >= sum(by_sex.values())
    rooms = dict(beds.rooms[d])
    return all(
        _rooms_for(rooms, sex, people - beds.open[d, sex]) is not None
        for sex, people in by_sex.items()
    )
