"""The exact bed model, solved with OR-Tools CP-SAT: the one OR-Tools import.

People who are interchangeable (one cohort, one sex, one right to an
employer's own dormitory) are counted together, and so are rooms of one
capacity in one dormitory, so the model stays small at any roster size: how
many of each group sleep in each dormitory, and how many rooms of each size
each sex gets there.  It minimises, in this order, people left without a
bed, dormitories per cohort (a cohort split over two counts twice), and the
distance from each bed to the worker's employer.

It is solved in the way that is cheapest to prove.  A batch can usually
keep every cohort whole: then the best whole-cohort allocation is the best
allocation (no split can beat no split), and that model is small.  Only
when no whole-cohort allocation exists does the general model run.  Without
cohorts only the people left without a bed count.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from ortools.sat.python import cp_model

Status = Literal["optimal", "feasible", "unsolved"]

#: Parallel workers of one solve; interleaved, so the search is deterministic.
_WORKERS = 2
#: First, the share of the budget (at most `_PROOF_SECONDS`) in which one
#: worker with the full linear relaxation tries to prove the best: a batch
#: of a few hundred is proved in well under a second (the demo's two
#: models, some 370 variables, in 0.04 and 0.19 of deterministic time, where
#: the two interleaved workers ran their whole budget out 7 % and 2 % above
#: the best).  A district's is left to those two, which do better on it.
_PROOF_SHARE = 0.1
_PROOF_SECONDS = 0.5
#: Up to this many people to place, that one worker has the whole budget:
#: on the bed models of 1,000 to 10,000-worker batches (seeds 1 to 7) and of
#: `benchmarks/dorms.py` (2,000 a batch), it proved in 0.5 to 3.5 what took
#: the two 7 to 10 or more (a 1,000-worker batch's allocation: 0.97 against
#: 9.3), and where neither proved it came as near or nearer the bound.  On a
#: district's (some 30,000) the two came nearer.
_ALONE_PEOPLE = 5_000


@dataclass(frozen=True, slots=True, kw_only=True)
class Demand:
    """Interchangeable people: one cohort, sex (M, F or U) and dormitory right.

    ``options`` are the dormitories they may use, each with the mean
    distance from it to their employers, in whole km.  People who
    ``give_way`` are left without a bed before anyone else is.
    """

    cohort: str
    sex: str
    size: int
    options: tuple[tuple[int, int], ...]
    gives_way: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class Supply:
    """A dormitory's free rooms as (capacity, count), and the sexes it takes."""

    rooms: tuple[tuple[int, int], ...]
    sexes: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Counts:
    """A solution: people per (demand, dormitory), rooms per (dormitory, capacity, sex).

    ``rooms`` covers only dormitories whose rooms had to be shared out
    between sexes; elsewhere any free room will do.
    """

    placed: Mapping[tuple[int, int], int]
    rooms: Mapping[tuple[int, int, str], int]
    status: Status = "optimal"
    objective: int = 0
    bound: int = 0


def solve_counts(
    demands: Sequence[Demand],
    supplies: Sequence[Supply],
    *,
    seconds: float,
    cohorts: bool = True,
    hint: Counts | None = None,
) -> Counts:
    """The best allocation found within ``seconds`` of deterministic time.

    Status ``unsolved`` (and nothing placed) when no allocation was found.
    """
    if not cohorts:
        return _Split(demands, supplies, cohorts=False).solve(seconds, hint)
    whole = _Whole(demands, supplies)
    if whole.possible:
        found = whole.solve(seconds)
        if found.status != "unsolved":
            return found
    return _Split(demands, supplies, cohorts=True).solve(seconds, hint)


def _weights(demands: Sequence[Demand]) -> tuple[list[int], int, int]:
    """The objective's weights: each demand's for a person of it left
    without a bed (times the third), a cohort's dormitory's, and a person
    left's, which outweighs every dormitory and km."""
    # One person left without a bed who does not give way weighs more
    # than all who do (the same weights when nobody gives way).
    ahead = 1 + sum(d.size for d in demands if d.gives_way)
    distance_cap = sum(d.size * max((k for _, k in d.options), default=0) for d in demands)
    per_pair = distance_cap + 1
    return (
        [1 if d.gives_way else ahead for d in demands],
        per_pair,
        per_pair * (sum(d.size for d in demands) + 1),
    )


def objective(placed: Mapping[tuple[int, int], int], demands: Sequence[Demand]) -> int:
    """The model's objective (with cohorts) for ``placed``, people per
    demand and dormitory."""
    weight, per_pair, per_person = _weights(demands)
    left = sum(
        w * (demand.size - sum(placed.get((i, d), 0) for d, _ in demand.options))
        for i, (w, demand) in enumerate(zip(weight, demands, strict=True))
    )
    dorms = {(demands[i].cohort, d) for (i, d), n in placed.items() if n}
    distance = sum(dict(demands[i].options)[d] * n for (i, d), n in placed.items())
    return per_person * left + per_pair * len(dorms) + distance


def lower_bound(demands: Sequence[Demand]) -> int:
    """A bound on the objective no allocation beats, found without a search:
    everyone who has no dormitory to use left without a bed, every cohort
    with one in one dormitory at least (two when no one dormitory takes all
    its members), and everyone else in the nearest they may use.  (Leaving
    one person without a bed costs more than a dormitory and any distance,
    so the bound holds whoever is left.)"""
    weight, per_pair, per_person = _weights(demands)
    left = sum(w * d.size for w, d in zip(weight, demands, strict=True) if not d.options)
    housed = [d for d in demands if d.options]
    nearest = sum(d.size * min(k for _, k in d.options) for d in housed)
    shared: dict[str, set[int]] = {}
    for d in housed:
        usable = {dorm for dorm, _ in d.options}
        shared[d.cohort] = shared[d.cohort] & usable if d.cohort in shared else usable
    dorms = sum(1 if usable else 2 for usable in shared.values())
    return per_person * left + per_pair * dorms + nearest


def _status(result: Any) -> Status:
    """What a finished solve found: proved best, a solution, or none."""
    if result == cp_model.OPTIMAL:
        return "optimal"
    return "feasible" if result == cp_model.FEASIBLE else "unsolved"


def mixes(supply: Supply) -> bool:
    """Whether rooms must be shared out between sexes: shared rooms, both sexes."""
    return len(supply.sexes) > 1 and any(capacity > 1 for capacity, _ in supply.rooms)


class _Model:
    """What both models share: the CP-SAT model, rooms by sex, bed limits, solving."""

    def __init__(self, demands: Sequence[Demand], supplies: Sequence[Supply]) -> None:
        self.model = cp_model.CpModel()
        self.demands = demands
        self.supplies = supplies
        # Rooms are given to a sex only where it matters: shared rooms in a
        # building that takes both.  Elsewhere the beds are simply counted.
        self.r = {
            (d, capacity, sex): self.model.new_int_var(0, count, f"r{d}_{capacity}_{sex}")
            for d, supply in enumerate(supplies)
            if mixes(supply)
            for capacity, count in supply.rooms
            for sex in supply.sexes
        }
        self.alone = sum(d.size for d in demands) <= _ALONE_PEOPLE
        self.weight, self.per_pair, self.per_person = _weights(demands)

    def limit_beds(self, guests: Mapping[tuple[int, str], list[Any]]) -> None:
        """Each sex sleeps in its own rooms; one of unknown sex sleeps alone."""
        for d, supply in enumerate(self.supplies):
            if not mixes(supply):
                everyone = [v for s in supply.sexes for v in guests.get((d, s), ())]
                self.model.add(sum(everyone) <= sum(c * n for c, n in supply.rooms))
                continue
            for capacity, count in supply.rooms:
                self.model.add(sum(self.r[d, capacity, s] for s in supply.sexes) <= count)
            for sex in supply.sexes:
                beds = sum(
                    (1 if sex == "U" else capacity) * self.r[d, capacity, sex]
                    for capacity, _ in supply.rooms
                )
                self.model.add(sum(guests.get((d, sex), ())) <= beds)

    def run(self, seconds: float) -> tuple[cp_model.CpSolver, Status]:
        """The solver holding the best solution found within ``seconds`` of
        deterministic time, and its status (see `_PROOF_SHARE` and `_ALONE_PEOPLE`)."""
        first = seconds if self.alone else min(_PROOF_SECONDS, seconds * _PROOF_SHARE)
        proof, proved = self._solve(first, workers=1, linearization=2)
        if self.alone or proved in (
            cp_model.OPTIMAL,
            cp_model.INFEASIBLE,
            cp_model.MODEL_INVALID,
        ):
            return proof, _status(proved)
        rest = max(seconds - proof.deterministic_time, 0.0)
        tried = [self._solve(rest, workers=_WORKERS, linearization=1), (proof, proved)]
        found = [(solver, result) for solver, result in tried if _status(result) != "unsolved"]
        solver, result = min(found, key=lambda t: t[0].objective_value) if found else tried[0]
        return solver, _status(result)

    def _solve(
        self, seconds: float, *, workers: int, linearization: int
    ) -> tuple[cp_model.CpSolver, Any]:
        solver = cp_model.CpSolver()
        solver.parameters.max_deterministic_time = seconds
        solver.parameters.num_workers = workers
        solver.parameters.interleave_search = workers > 1
        solver.parameters.linearization_level = linearization
        solver.parameters.random_seed = 0
        # CP-SAT catches Ctrl-C by default and returns its best so far as if
        # its budget were spent: the run went on with beds the budget would
        # not give. Python's own handler stops the command once it returns.
        solver.parameters.catch_sigint_signal = False
        return solver, solver.solve(self.model)

    def rooms_of(self, solver: cp_model.CpSolver) -> dict[tuple[int, int, str], int]:
        return {key: v for key, var in self.r.items() if (v := solver.value(var)) > 0}


class _Split(_Model):
    """The general model: any number of each demand in any dormitory it may use."""

    def __init__(
        self, demands: Sequence[Demand], supplies: Sequence[Supply], *, cohorts: bool
    ) -> None:
        super().__init__(demands, supplies)
        self.x = {
            (i, d): self.model.new_int_var(0, demand.size, f"x{i}_{d}")
            for i, demand in enumerate(demands)
            for d, _ in demand.options
        }
        unplaced = [
            demand.size - sum(self.x[i, d] for d, _ in demand.options)
            for i, demand in enumerate(demands)
        ]
        for left in unplaced:
            self.model.add(left >= 0)
        guests: dict[tuple[int, str], list[Any]] = defaultdict(list)
        for (i, d), var in self.x.items():
            guests[d, demands[i].sex].append(var)
        self.limit_beds(guests)
        left = sum(w * u for w, u in zip(self.weight, unplaced, strict=True))
        if not cohorts:
            self.model.minimize(left)
            return
        z = self._cohort_dorms()
        self.model.minimize(
            self.per_person * left
            + self.per_pair * sum(z.values())
            + sum(k * self.x[i, d] for i, demand in enumerate(demands) for d, k in demand.options)
        )

    def _cohort_dorms(self) -> dict[tuple[str, int], Any]:
        """z[cohort, dorm] is 1 when any of the cohort sleeps in that dormitory."""
        members: dict[tuple[str, int], list[Any]] = defaultdict(list)
        size: dict[str, int] = defaultdict(int)
        for demand in self.demands:
            size[demand.cohort] += demand.size
        for (i, d), var in self.x.items():
            members[self.demands[i].cohort, d].append(var)
        z: dict[tuple[str, int], Any] = {}
        for (cohort, d), people in members.items():
            z[cohort, d] = self.model.new_bool_var(f"z{len(z)}")
            self.model.add(sum(people) <= size[cohort] * z[cohort, d])
        return z

    def solve(self, seconds: float, hint: Counts | None) -> Counts:
        if hint is not None:
            for pair, var in self.x.items():
                self.model.add_hint(var, hint.placed.get(pair, 0))
            for key, var in self.r.items():
                self.model.add_hint(var, hint.rooms.get(key, 0))
        solver, status = self.run(seconds)
        if status == "unsolved":
            return Counts(placed={}, rooms={}, status=status)
        return Counts(
            placed={key: v for key, var in self.x.items() if (v := solver.value(var)) > 0},
            rooms=self.rooms_of(solver),
            status=status,
            objective=round(solver.objective_value),
            bound=round(solver.best_objective_bound),
        )


class _Whole(_Model):
    """Every cohort whole in one dormitory that takes all its members, everyone placed."""

    def __init__(self, demands: Sequence[Demand], supplies: Sequence[Supply]) -> None:
        super().__init__(demands, supplies)
        self.members: dict[str, list[int]] = defaultdict(list)
        for i, demand in enumerate(demands):
            self.members[demand.cohort].append(i)
        self.w: dict[tuple[str, int], Any] = {}
        distance: dict[tuple[str, int], int] = {}
        for cohort, group in self.members.items():
            shared = set.intersection(*({d for d, _ in demands[i].options} for i in group))
            for d in sorted(shared):
                self.w[cohort, d] = self.model.new_bool_var(f"w{len(self.w)}")
                distance[cohort, d] = sum(
                    demands[i].size * dict(demands[i].options)[d] for i in group
                )
        self.possible = all(
            any((cohort, d) in self.w for d in range(len(supplies))) for cohort in self.members
        )
        if not self.possible:
            return
        for cohort in self.members:
            self.model.add_exactly_one(v for (c, _), v in self.w.items() if c == cohort)
        guests: dict[tuple[int, str], list[Any]] = defaultdict(list)
        for (cohort, d), var in self.w.items():
            for i in self.members[cohort]:
                guests[d, demands[i].sex].append(demands[i].size * var)
        self.limit_beds(guests)
        # Written in the general model's units: one dormitory per cohort, plus distance.
        self.fixed = self.per_pair * len(self.members)
        self.model.minimize(sum(distance[key] * var for key, var in self.w.items()))

    def solve(self, seconds: float) -> Counts:
        # No hint: a reservation's rooms, made for other cohorts, slow the proof down.
        solver, status = self.run(seconds)
        if status == "unsolved":
            return Counts(placed={}, rooms={}, status=status)
        placed = {
            (i, d): self.demands[i].size
            for (cohort, d), var in self.w.items()
            if solver.value(var)
            for i in self.members[cohort]
        }
        return Counts(
            placed=placed,
            rooms=self.rooms_of(solver),
            status=status,
            objective=self.fixed + round(solver.objective_value),
            bound=self.fixed + round(solver.best_objective_bound),
        )
