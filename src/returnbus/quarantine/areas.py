"""An allocation made better area by area: the exact model over a few dormitories at a time.

Where the exact model over every dormitory finds nothing in its budget,
the greedy fill (`greedy.py`) gives beds cohort by cohort and cannot move
one it has placed: it leaves people without a bed that the exact model
would find by moving others, and splits cohorts it need not.  Over a few
dormitories the exact model is quick.  So the cohort worst off (people
left without a bed, then split) is taken first: every bed is freed in the
dormitories nearest it, those it sleeps in, and a few more near it with
beds to spare, and the people who had them, with everyone of any group
still without a bed who may use them, are placed there again by the exact
model.  The objective adds up dormitory by dormitory (people left,
cohort-dormitory pairs, km), so a better area is a better whole.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from .model import Counts, Demand, Supply, lower_bound, objective, solve_counts

#: An area: the cohort's nearest dormitories, the ones it sleeps in, and
#: the nearest of the rest with beds to spare (room to move others into).
_NEAREST = 5
_SPARE = 3
#: Deterministic seconds of each area's solve: a model of some 200 groups
#: in 8 to 10 dormitories is proved or near in that time.
_AREA_SECONDS = 0.5


def refine(
    demands: Sequence[Demand], supplies: Sequence[Supply], start: Counts, *, seconds: float
) -> Counts:
    """``start`` improved area by area within ``seconds`` of deterministic
    time, with the model's objective and `lower_bound` (``optimal`` where
    they meet)."""
    state = _State(demands, supplies, start)
    tried: set[str] = set()
    # An area placed again without gain gives the same the next time,
    # until another area changes what is free.
    unchanged: set[tuple[int, ...]] = set()
    solves = int(seconds / _AREA_SECONDS)
    while solves and (cohort := state.worst(exclude=tried)) is not None:
        tried.add(cohort)
        area = tuple(state.area(cohort))
        if area in unchanged:
            continue
        solves -= 1
        if state.resolve(area):
            unchanged.clear()
        else:
            unchanged.add(area)
    value, bound = objective(state.placed, demands), lower_bound(demands)
    return Counts(
        placed={key: n for key, n in state.placed.items() if n},
        rooms={key: n for key, n in state.rooms.items() if n},
        status="optimal" if value == bound else "feasible",
        objective=value,
        bound=bound,
    )


class _State:
    """The allocation being made better, kept by group and by dormitory."""

    def __init__(self, demands: Sequence[Demand], supplies: Sequence[Supply], start: Counts):
        self.demands = demands
        self.supplies = supplies
        self.placed = dict(start.placed)
        self.rooms = dict(start.rooms)
        self.members: defaultdict[str, list[int]] = defaultdict(list)
        self.users: defaultdict[int, list[int]] = defaultdict(list)
        for i, demand in enumerate(demands):
            self.members[demand.cohort].append(i)
            for d, _ in demand.options:
                self.users[d].append(i)

    def _where(self) -> defaultdict[int, dict[int, int]]:
        where: defaultdict[int, dict[int, int]] = defaultdict(dict)
        for (i, d), n in self.placed.items():
            if n:
                where[i][d] = n
        return where

    def worst(self, *, exclude: set[str]) -> str | None:
        """The cohort worst off not yet tried: people left without a bed
        first, then split; the larger first.  None when none is either."""
        where = self._where()

        def state(cohort: str) -> tuple[bool, bool]:
            group = self.members[cohort]
            left = any(sum(where[i].values()) < self.demands[i].size for i in group)
            return left, len({d for i in group for d in where[i]}) > 1

        worse = [(state(c), c) for c in self.members if c not in exclude]
        worse = [(s, c) for s, c in worse if any(s)]
        if not worse:
            return None
        return min(
            worse,
            key=lambda t: (not t[0][0], not t[0][1], -self._size(t[1]), t[1]),
        )[1]

    def _size(self, cohort: str) -> int:
        return sum(self.demands[i].size for i in self.members[cohort])

    def area(self, cohort: str) -> list[int]:
        """The dormitories to place again for ``cohort`` (see `_NEAREST`)."""
        where = self._where()
        nearest = self._nearest(self.members[cohort])
        core = set(nearest[:_NEAREST]) | {d for i in self.members[cohort] for d in where[i]}
        # Room to move into, for the cohort or for those it would displace.
        movers = self.members[cohort] + [i for i in where if core.intersection(where[i])]
        taken: defaultdict[int, int] = defaultdict(int)
        for (_, d), n in self.placed.items():
            taken[d] += n
        spare = [
            d
            for d in self._nearest(movers)
            if d not in core and taken[d] < sum(c * n for c, n in self.supplies[d].rooms)
        ]
        return sorted(core | set(spare[:_SPARE]))

    def _nearest(self, groups: Sequence[int]) -> list[int]:
        """The dormitories any of ``groups`` may use, the nearest to them
        (mean km over those who may use it) first."""
        km: defaultdict[int, int] = defaultdict(int)
        people: defaultdict[int, int] = defaultdict(int)
        for i in dict.fromkeys(groups):
            for d, k in self.demands[i].options:
                km[d] += k * self.demands[i].size
                people[d] += self.demands[i].size
        return sorted(km, key=lambda d: (km[d] / people[d], d))

    def resolve(self, area: Sequence[int]) -> bool:
        """Place everyone in ``area``, and whoever is left who may use it,
        again by the exact model; keep it, and say so, if better."""
        index = {d: k for k, d in enumerate(area)}
        where = self._where()
        groups = sorted({i for d in area for i in self.users[d]})
        demands: list[Demand] = []
        back: list[int] = []
        now: dict[tuple[int, int], int] = {}
        for i in groups:
            demand = self.demands[i]
            elsewhere = sum(n for d, n in where[i].items() if d not in index)
            if demand.size == elsewhere:
                continue
            j = len(demands)
            demands.append(
                Demand(
                    cohort=demand.cohort,
                    sex=demand.sex,
                    size=demand.size - elsewhere,
                    options=tuple((index[d], k) for d, k in demand.options if d in index),
                    gives_way=demand.gives_way,
                )
            )
            back.append(i)
            now.update({(j, index[d]): n for d, n in where[i].items() if d in index})
        rooms = {(index[d], c, s): n for (d, c, s), n in self.rooms.items() if d in index}
        found = solve_counts(
            demands,
            [self.supplies[d] for d in area],
            seconds=_AREA_SECONDS,
            hint=Counts(placed=now, rooms=rooms),
        )
        if found.status == "unsolved" or objective(found.placed, demands) >= objective(
            now, demands
        ):
            return False
        self.placed = {key: n for key, n in self.placed.items() if key[1] not in index}
        self.placed.update({(back[j], area[k]): n for (j, k), n in found.placed.items()})
        self.rooms = {key: n for key, n in self.rooms.items() if key[0] not in index}
        self.rooms.update({(area[k], c, s): n for (k, c, s), n in found.rooms.items()})
        return True
