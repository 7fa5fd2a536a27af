"""The search: PyVRP's iterated local search over a `Problem`.

This is the only module that imports the solver.  It turns the index-level
`Problem` into PyVRP's `ProblemData` with whole matrices (adding edges one
by one is slow), runs the search under an iteration budget, a time limit on
a clock the caller passes in, or both, and reads the best solution back into
plain tuples.  Several independent searches (``seeds``) may run at once on
an executor the caller passes in, and the best is kept.
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyvrp
from pyvrp import (
    Client,
    Depot,
    Location,
    PenaltyParams,
    ProblemData,
    SolveParams,
    VehicleType,
)
from pyvrp.exceptions import PenaltyBoundWarning
from pyvrp.stop import MaxIterations, MultipleCriteria, StoppingCriterion

from .problem import Problem, RouteVisits, Solution

#: Seconds from any fixed origin, such as `time.perf_counter`.
Clock = Callable[[], float]


def to_pyvrp(problem: Problem) -> ProblemData:
    """PyVRP's data for ``problem`` (locations, depots, clients, vehicles)."""
    n = problem.num_locations
    coords = problem.coords if problem.coords is not None else np.zeros((n, 2))
    locations = [Location(x=float(x), y=float(y)) for x, y in coords]
    depot_late = _late(problem, 0)
    depots = [
        Depot(location=i, tw_early=_early(problem, i), tw_late=_late(problem, i))
        for i in range(problem.num_depots)
    ]
    clients = [
        Client(
            location=i,
            delivery=[int(problem.demand[i])],
            service_duration=0 if problem.service is None else int(problem.service[i]),
            tw_early=_early(problem, i),
            tw_late=_late(problem, i),
            prize=0 if problem.prize is None else int(problem.prize[i]),
            required=problem.prize is None,
        )
        for i in problem.clients
    ]
    vehicle_types = [
        VehicleType(
            num_available=kind.count,
            capacity=[kind.capacity],
            start_depot=kind.start_depot,
            end_depot=kind.end_depot,
            fixed_cost=kind.fixed_cost,
            unit_distance_cost=kind.unit_distance_cost,
            tw_early=_early(problem, kind.start_depot),
            tw_late=depot_late,
            shift_duration=kind.max_duration if kind.max_duration is not None else depot_late,
            start_late=_early(problem, kind.start_depot),
            name=kind.name,
        )
        for kind in problem.vehicle_kinds
        if kind.count > 0
    ]
    matrices: list[Any] = [
        np.ascontiguousarray(problem.distances),
        np.ascontiguousarray(problem.durations),
    ]
    return ProblemData(
        locations=locations,
        clients=clients,
        depots=depots,
        vehicle_types=vehicle_types,
        distance_matrices=matrices[:1],
        duration_matrices=matrices[1:],
    )


def solve(
    problem: Problem,
    *,
    time_limit: float,
    seed: int = 0,
    iterations: int | None = None,
    clock: Clock | None = None,
    seeds: int = 1,
    executor: Executor | None = None,
) -> Solution:
    """Search for the cheapest routes.

    With a ``clock``, the search stops ``time_limit`` seconds after the
    call (set-up included); with ``iterations``, after that many
    iterations, so the same seed gives the same routes on any machine.  At
    least one of the two must be given.  With ``seeds`` above one, as many
    independent searches (seeds ``seed``, ``seed + 1``, ...) run under the
    same limits, on ``executor`` if given, and the best wins: the same seed
    and seeds give the same routes wherever they run.
    """
    if clock is None and iterations is None:
        raise ValueError("give an iteration budget, or a clock for the time limit")
    kinds_used = [k for k, kind in enumerate(problem.vehicle_kinds) if kind.count > 0]
    if not kinds_used:
        return Solution(
            routes=(),
            unvisited=tuple(problem.clients),
            cost=0,
            feasible=True,
            seconds=0.0,
            iterations=0,
        )
    started = clock() if clock is not None else 0.0
    data = to_pyvrp(problem)
    max_penalty = _max_penalty(problem)
    searches = [
        _Search(
            seed=seed + k,
            iterations=iterations,
            # A monotonic deadline holds across processes (CLOCK_MONOTONIC is system-wide).
            deadline=None if clock is None else time.monotonic() + started + time_limit - clock(),
            max_penalty=max_penalty,
        )
        for k in range(max(1, seeds))
    ]
    if executor is None or len(searches) == 1:
        found = [_run_search(search, data) for search in searches]
    else:
        found = list(executor.map(_run_search, searches, [data] * len(searches)))
    # Ties go to the lowest seed, wherever each search ran.
    best = min(found, key=lambda f: (not f.feasible, f.cost))
    # PyVRP numbers clients from 0; our client j sits at location num_depots + j.
    routes = tuple(
        RouteVisits(
            vehicle_kind=kinds_used[vehicle_type],
            visits=tuple(problem.num_depots + c for c in clients),
        )
        for vehicle_type, clients in best.routes
    )
    served = {v for route in routes for v in route.visits}
    return Solution(
        routes=routes,
        unvisited=tuple(i for i in problem.clients if i not in served),
        cost=best.cost,
        feasible=best.feasible,
        seconds=clock() - started if clock is not None else 0.0,
        iterations=best.iterations,
    )


@dataclass(frozen=True, slots=True)
class _Found:
    """A search's best solution, as plain data that crosses processes."""

    routes: tuple[tuple[int, tuple[int, ...]], ...]  # (vehicle type, PyVRP client numbers)
    cost: int
    feasible: bool
    iterations: int


@dataclass(frozen=True, slots=True)
class _Search:
    """One independent search: its seed and limits."""

    seed: int
    iterations: int | None
    deadline: float | None  # time.monotonic() seconds, for a search in another process
    max_penalty: float

    def run(self, data: ProblemData) -> _Found:
        """Search ``data`` until the iteration budget or the deadline."""
        stops: list[StoppingCriterion] = []
        if self.iterations is not None:
            stops.append(MaxIterations(self.iterations))
        if self.deadline is not None:
            stops.append(_Deadline(self.deadline, time.monotonic))
        with warnings.catch_warnings():
            # Raised when no feasible solution is in reach: the best found
            # comes back marked infeasible, which callers say in their words.
            warnings.simplefilter("ignore", PenaltyBoundWarning)
            result = pyvrp.solve(
                data,
                stop=stops[0] if len(stops) == 1 else MultipleCriteria(stops),
                seed=self.seed,
                collect_stats=False,
                display=False,
                params=search_params(self.max_penalty),
            )
        best = result.best
        return _Found(
            routes=tuple(
                (route.vehicle_type(), tuple(a.idx for a in route if a.is_client()))
                for route in best.routes()
            ),
            cost=int(best.distance_cost() + best.fixed_vehicle_cost()),
            feasible=bool(best.is_feasible()),
            iterations=int(result.num_iterations),
        )


def _run_search(search: _Search, data: ProblemData) -> _Found:
    return search.run(data)


class _Deadline:
    """Stop at a moment fixed before the solver starts.

    PyVRP's MaxRuntime starts its clock at the first iteration, after the
    initial solution is built; a deadline counts that time too, so the whole
    solve keeps to the time limit.
    """

    def __init__(self, deadline: float, clock: Clock) -> None:
        self._deadline = deadline
        self._clock = clock

    def __call__(self, best_cost: float) -> bool:
        return self._clock() >= self._deadline


def _max_penalty(problem: Problem) -> float:
    """PyVRP's cap on the penalty per unit of excess load or time warp, raised
    so that no unit of excess ever pays: above every prize (were a prize larger,
    overloading a bus or arriving late to collect it would pay), and above
    the cost of a whole vehicle's route (else, when vehicles cost much more than
    PyVRP's cap, as in the fleet-mix benchmarks, overloading one beats hiring another)."""
    cap = PenaltyParams().max_penalty
    if problem.prize is not None and len(problem.prize):
        cap = max(cap, 10.0 * float(problem.prize.max()))
    longest = 2 * int(problem.distances.max()) if problem.distances.size else 0
    for kind in problem.vehicle_kinds:
        cap = max(cap, 10.0 * (kind.fixed_cost + kind.unit_distance_cost * longest))
    return cap


def search_params(max_penalty: float | None = None) -> SolveParams:
    """The engine's search parameters: PyVRP's defaults, with the penalty cap
    raised to ``max_penalty`` when prizes need it.

    Measured over 40 CVRPLIB X instances and the 16 HFVRP instances (see
    ``benchmarks/routing.py``), no other setting beat PyVRP's defaults
    across the sample; the engine's gain comes from running searches on
    every core (`solve`'s ``workers``).
    """
    if max_penalty is None or max_penalty <= PenaltyParams().max_penalty:
        return SolveParams()
    return SolveParams(penalty=PenaltyParams(max_penalty=max_penalty))


def _early(problem: Problem, i: int) -> int:
    return 0 if problem.tw_early is None else int(problem.tw_early[i])


def _late(problem: Problem, i: int) -> int:
    return np.iinfo(np.int64).max if problem.tw_late is None else int(problem.tw_late[i])
