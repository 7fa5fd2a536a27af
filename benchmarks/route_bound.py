"""A lower bound on a plan's buses over whole routes, not pairs of riders (a research figure).

    python benchmarks/route_bound.py OUT_FOLDER [--box LAT,LON,HALF_DEGREES] [--rounds 400]

`buses_lower_bound` gives each rider a share of a bus: one over the most
riders any bus with them could hold, tested pair by pair.  On sparse batches
a far rider passes the pair test with 25 others, yet no bus reaches them
all in time, so the bound is half the buses.  This script solves the linear
program "cover every rider with buses, fewest buses" over whole routes, by
column generation, and prints its bound beside the plan's buses and the
pair bound.

The routes priced are a relaxation of the plan's rules, so the bound is
valid for every plan keeping them: every bus has the largest type's seats
(the fleet's counts, the clock, the driver's duty and ``max_dropoffs`` are
not counted), and a rider's ride is at least the drive from their pickup
through the later pickups to the bus's first drop-off place (and on to
their own), with a dwell at every stop left and the rests the driving needs
(`returnbus.bounds` times a pair the same way).  A rider is never picked up
twice within the few nearest pickups (ng-routes).  Pricing is a label
dynamic program built backwards from the first drop-off place: exact, so
Farley's bound (the relaxation's value over the best column's worth) is a
valid bound at every round.  While columns are found, a cheaper pricing
keeps a few labels per pickup; the exact one confirms the end.

With ``--box``, only the plan's buses whose first pickup lies in the box
(and their riders) are counted: a region's figures in seconds or minutes,
where a whole district's would take hours.
"""

from __future__ import annotations

import argparse
import heapq
import math
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt
from ortools.linear_solver import pywraplp

sys.path.insert(0, str(Path(__file__).parent))
from bus_gap import read_plan

if TYPE_CHECKING:
    from returnbus.plan import Plan

Ints = npt.NDArray[np.int64]
#: A column: riders taken from each group it visits.
Column = dict[int, int]


@dataclass(frozen=True, slots=True)
class Instance:
    """The riders in groups, the legs between them, and each group's ride cap."""

    riders: Ints
    cohort: npt.NDArray[np.bool_]
    place: Ints  # each group's drop-off place
    pickup_legs: Ints  # seconds, pickup to pickup
    to_place: Ints  # seconds, pickup to drop-off place
    between_places: Ints
    caps: Ints
    seats: int
    near: list[frozenset[int]]  # each group's ng memory: itself and its nearest


@dataclass(frozen=True, slots=True, eq=False)  # a label is itself: compared by identity
class Label:
    """A route's tail: first pickup ``node``, ``seconds`` from it to the
    first drop-off place, ``stops`` stops on the way, ``load`` riders,
    ``worth`` their duals, ``memory`` the groups it may not visit again."""

    node: int
    seconds: int
    stops: int
    load: int
    worth: float
    memory: frozenset[int]
    taken: int
    tail: Label | None

    def dominates(self, other: Label) -> bool:
        """Whether every route ``other`` extends into, this one does at least as well."""
        return (
            self.seconds <= other.seconds
            and self.stops <= other.stops
            and self.load <= other.load
            and self.worth >= other.worth - 1e-12
            and self.memory <= other.memory
        )

    def column(self) -> Column:
        """The riders the route takes from each group."""
        taken: Column = {}
        label: Label | None = self
        while label is not None:
            taken[label.node] = taken.get(label.node, 0) + label.taken
            label = label.tail
        return taken


def instance(plan: Plan, nearest: int) -> tuple[Instance, float, dict[str, int]]:
    """The plan's riders in groups, the pair bound's sum of shares, and each rider's group."""
    from returnbus.bounds import keeps_triangle, rider_shares
    from returnbus.seating import effective_capacity
    from returnbus.travel import GreatCircleTravel

    settings = plan.settings
    if not keeps_triangle(settings.travel):
        raise SystemExit("the travel settings do not keep the triangle inequality")
    fleet = [bus for bus in plan.batch.fleet if bus.count > 0]
    found = rider_shares(
        plan.routes,
        fleet=fleet,
        quarantine=set(plan.quarantine_required),
        rules=settings.rules,
        seating=settings.seating,
        travel=settings.travel,
    )
    groups = found.groups
    model = GreatCircleTravel(settings.travel)
    places = np.zeros((int(groups.place.max()) + 1, 2))
    places[groups.place] = groups.dropoff
    legs = model.between(groups.pickup[:, None], groups.pickup[None]).seconds
    order = np.argsort(legs, axis=1, kind="stable")
    near = [
        frozenset(order[g, :nearest].tolist()) | frozenset(np.flatnonzero(legs[g] == 0).tolist())
        for g in range(len(legs))
    ]
    rules = settings.rules
    found_instance = Instance(
        riders=groups.riders,
        cohort=groups.cohort,
        place=groups.place,
        pickup_legs=legs,
        to_place=model.between(groups.pickup[:, None], places[None]).seconds,
        between_places=model.between(places[:, None], places[None]).seconds,
        caps=np.array([rules.ride_cap_seconds(int(d)) for d in found.direct_seconds.tolist()]),
        seats=max(effective_capacity(bus, settings.seating) for bus in fleet),
        near=near,
    )
    return found_instance, float((groups.riders / found.together).sum()), groups.of_worker


class Pricing:
    """The most worth any relaxed route can take at the given duals."""

    def __init__(self, problem: Instance, plan: Plan) -> None:
        from returnbus.bounds import _RideFloor

        rules = plan.settings.rules
        self.problem = problem
        self.ride = _RideFloor(rules, slack=problem.seats + rules.max_dropoffs + 4)

    def __call__(self, duals: npt.NDArray[np.float64], keep: int) -> tuple[float, list[Label]]:
        """The best worth, and the labels worth more than a bus; ``keep``
        labels a pickup at most (0: every one, exact).  A label that cannot
        grow past a bus's worth (the exact pricing: past the best found) is
        not extended: what it could still take is at most the seats it has
        left filled with the best duals of the groups it can still reach."""
        p = self.problem
        best, found = 1.0, []
        for cohort in (False, True):
            members = np.flatnonzero((duals > 1e-9) & (p.cohort == cohort))
            for first in range(len(p.between_places)):
                for label in self._labels(duals, members, first, keep, best):
                    if label.worth > 1 + 1e-6:
                        found.append(label)
                        best = max(best, label.worth) if not keep else best
        worth = max((label.worth for label in found), default=1.0)
        return worth, sorted(found, key=lambda label: -label.worth)

    def _labels(
        self, duals: npt.NDArray[np.float64], members: Ints, first: int, keep: int, floor: float
    ) -> list[Label]:
        p = self.problem
        search = _Search(p, duals, keep, [int(g) for g in members])
        onward = p.between_places[first, p.place[members]]
        rides = self.ride(p.to_place[members, first] + onward, 1 + (onward > 0))
        for g in members[rides <= p.caps[members]].tolist():
            search.board(g, int(p.to_place[g, first]), 1, None)
        rank = np.argsort(-duals[members], kind="stable")
        ranked_duals, ranked_riders = duals[members][rank], p.riders[members][rank]
        while (label := search.next()) is not None:
            if label.worth > 1 + 1e-6 and not keep:
                floor = max(floor, label.worth)
            legs = p.pickup_legs[members, label.node]
            seconds = label.seconds + legs
            stops = label.stops + (legs > 0)
            fits = self.ride(seconds + onward, stops + (onward > 0)) <= p.caps[members]
            reachable = ranked_riders * fits[rank]
            before = np.cumsum(reachable) - reachable
            taken = np.clip(p.seats - label.load - before, 0, reachable)
            if label.worth + float(taken @ ranked_duals) <= floor + 1e-9:
                continue
            for index in np.flatnonzero(fits).tolist():
                g = int(members[index])
                if g not in label.memory:
                    search.board(g, int(seconds[index]), int(stops[index]), label)
        return search.settled


class _Search:
    """The labels of one pricing from one drop-off place: those kept at
    each pickup, the queue by seconds, and those settled."""

    def __init__(
        self, problem: Instance, duals: npt.NDArray[np.float64], keep: int, members: list[int]
    ) -> None:
        self.problem, self.duals, self.keep = problem, duals, keep
        self.at: dict[int, list[Label]] = {g: [] for g in members}
        self.queue: list[tuple[int, int, int, Label]] = []
        self.settled: list[Label] = []
        self.offered = 0

    def board(self, g: int, seconds: int, stops: int, tail: Label | None) -> None:
        """Offer the routes picking up some of group ``g`` before ``tail``."""
        p = self.problem
        load = tail.load if tail else 0
        memory = (tail.memory & p.near[g] if tail else p.near[g]) | {g}
        for taken in range(1, min(int(p.riders[g]), p.seats - load) + 1):
            worth = (tail.worth if tail else 0.0) + taken * float(self.duals[g])
            self._offer(Label(g, seconds, stops, load + taken, worth, memory, taken, tail))

    def next(self) -> Label | None:
        """The next label to extend (settled), None when none is left."""
        while self.queue:
            label = heapq.heappop(self.queue)[3]
            if label in self.at[label.node]:
                self.settled.append(label)
                if label.load < self.problem.seats:
                    return label
        return None

    def _offer(self, label: Label) -> None:
        kept = self.at[label.node]
        if any(old.dominates(label) for old in kept):
            return
        kept[:] = [old for old in kept if not label.dominates(old)]
        if self.keep and len(kept) >= self.keep:
            worst = min(range(len(kept)), key=lambda q: kept[q].worth)
            if kept[worst].worth >= label.worth:
                return
            kept.pop(worst)
        kept.append(label)
        self.offered += 1
        heapq.heappush(self.queue, (label.seconds, label.stops, self.offered, label))


def relaxation(problem: Instance, columns: list[Column]) -> tuple[float, npt.NDArray[np.float64]]:
    """The covering program's value over ``columns``, and each group's dual."""
    solver = pywraplp.Solver.CreateSolver("GLOP")
    chosen = [solver.NumVar(0.0, solver.infinity(), "") for _ in columns]
    covered = [solver.Constraint(float(r), solver.infinity()) for r in problem.riders.tolist()]
    for x, column in zip(chosen, columns, strict=True):
        for g, taken in column.items():
            covered[g].SetCoefficient(x, float(taken))
    objective = solver.Objective()
    for x in chosen:
        objective.SetCoefficient(x, 1.0)
    objective.SetMinimization()
    if solver.Solve() != pywraplp.Solver.OPTIMAL:
        raise SystemExit("the covering program has no optimum")
    return objective.Value(), np.array([c.dual_value() for c in covered])


def bound(
    plan: Plan,
    problem: Instance,
    group_of: dict[str, int],
    *,
    rounds: int,
    per_round: int,
    keep: int,
) -> tuple[float, float, int]:
    """The best Farley bound found, the last relaxation's value, and the rounds run."""
    seats = problem.seats
    columns: list[Column] = []
    for g, riders in enumerate(problem.riders.tolist()):  # a bus for each group alone
        columns += [{g: min(seats, riders - start)} for start in range(0, riders, seats)]
    for route in plan.routes:  # and the plan's own buses
        column: Column = {}
        for stop in route.stops:
            for worker in stop.worker_ids:
                column[group_of[worker]] = column.get(group_of[worker], 0) + 1
        columns.append(column)
    pricing = Pricing(problem, plan)
    best = value = 0.0
    started = time.monotonic()
    for round_ in range(rounds):
        value, duals = relaxation(problem, columns)
        worth, labels = pricing(duals, keep)
        exact = not labels
        if exact:  # the cheap pricing found nothing: the exact one says whether it is the end
            worth, labels = pricing(duals, 0)
            best = max(best, value / max(worth, 1.0))
        seen = {tuple(sorted(c.items())) for c in columns}
        added = 0
        for column in (label.column() for label in labels):
            key = tuple(sorted(column.items()))
            if key not in seen and added < per_round:
                seen.add(key)
                columns.append(column)
                added += 1
        print(
            f"round {round_}: {len(columns)} columns, relaxation {value:.2f}, "
            f"best worth {worth:.3f}{' (exact)' if exact else ''}, bound {best:.2f}, "
            f"{time.monotonic() - started:.0f} s",
            file=sys.stderr,
            flush=True,
        )
        if exact and worth <= 1 + 1e-9:
            return value, value, round_ + 1
    return best, value, rounds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="A plan's output folder, or its plan.json.")
    parser.add_argument("--box", help="LAT,LON,HALF_DEGREES: only buses first picking up there")
    parser.add_argument("--rounds", type=int, default=400)
    parser.add_argument("--per-round", type=int, default=300, help="columns added a round")
    parser.add_argument("--keep", type=int, default=6, help="labels a pickup, cheap pricing")
    parser.add_argument("--nearest", type=int, default=8, help="ng memory of each pickup")
    args = parser.parse_args()
    plan = read_plan(args.folder)
    if args.box:
        lat, lon, half = (float(x) for x in args.box.split(","))
        plan = replace(
            plan,
            routes=tuple(
                r
                for r in plan.routes
                if abs(r.stops[0].location[0] - lat) <= half
                and abs(r.stops[0].location[1] - lon) <= half
            ),
        )
    started = time.monotonic()
    problem, pairs, group_of = instance(plan, args.nearest)
    found, value, rounds = bound(
        plan, problem, group_of, rounds=args.rounds, per_round=args.per_round, keep=args.keep
    )
    buses = len(plan.routes)
    print(
        f"riders {int(problem.riders.sum())} in {len(problem.riders)} groups; "
        f"plan buses {buses}; pair shares {pairs:.1f} (ratio {buses / pairs:.2f}); "
        f"route bound {found:.2f}, so {math.ceil(found - 1e-6)} (ratio "
        f"{buses / math.ceil(found - 1e-6):.2f}); relaxation {value:.2f} after {rounds} rounds; "
        f"{time.monotonic() - started:.0f} s"
    )


if __name__ == "__main__":
    main()
