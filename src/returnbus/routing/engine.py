"""The search: PyVRP's iterated local search over a `Problem`.

This is the only module that imports the solver.  It turns the index-level
`Problem` into PyVRP's `ProblemData` with whole matrices (adding edges one
by one is slow), runs the search under an iteration budget, a time limit on
a clock the caller passes in, or both, and reads the best solution back into
plain tuples.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pyvrp
from pyvrp import (
    Client,
    Depot,
    IteratedLocalSearchParams,
    Location,
    PenaltyParams,
    ProblemData,
    SolveParams,
    VehicleType,
)
from pyvrp.search import NeighbourhoodParams
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
) -> Solution:
    """Search for the cheapest routes.

    With a ``clock``, the search stops ``time_limit`` seconds after the
    call (set-up included); with ``iterations``, after that many
    iterations, so the same seed gives the same routes on any machine.  At
    least one of the two must be given.  The time limit also sizes the
    search parameters, so a run has the same parameters with or without a
    clock.
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
    stops: list[StoppingCriterion] = []
    if iterations is not None:
        stops.append(MaxIterations(iterations))
    if clock is not None:
        stops.append(_Deadline(started + time_limit, clock))
    result = pyvrp.solve(
        data,
        stop=stops[0] if len(stops) == 1 else MultipleCriteria(stops),
        seed=seed,
        collect_stats=False,
        display=False,
        params=_params(problem, time_limit),
    )
    best = result.best
    # PyVRP numbers clients from 0; our client j sits at location num_depots + j.
    routes = tuple(
        RouteVisits(
            vehicle_kind=kinds_used[route.vehicle_type()],
            visits=tuple(problem.num_depots + a.idx for a in route if a.is_client()),
        )
        for route in best.routes()
    )
    served = {v for route in routes for v in route.visits}
    return Solution(
        routes=routes,
        unvisited=tuple(i for i in problem.clients if i not in served),
        cost=int(best.distance_cost() + best.fixed_vehicle_cost()),
        feasible=bool(best.is_feasible()),
        seconds=clock() - started if clock is not None else 0.0,
        iterations=int(result.num_iterations),
    )


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


#: Neighbours each client's moves look at.  PyVRP's default (50) makes each
#: iteration slow on large instances; 20 found better solutions in a 30 s
#: budget on every CVRPLIB X instance measured (100 to 1,000 clients).
NUM_NEIGHBOURS = 20


def _params(problem: Problem, time_limit: float) -> SolveParams:
    """Search parameters for ``problem`` under ``time_limit``.

    The late-acceptance history shrinks when there is little time per
    client (X-n1001 at 30 s: 1.6 % over the best known with a history of
    120, 3.3 % with PyVRP's default of 300), and stays at 300 when there is
    time to use it.  Penalties must outweigh any client's prize: PyVRP caps
    its penalty per unit of excess load or time warp, and if a prize were
    larger, overloading a bus or arriving late to collect it would pay.
    """
    clients = max(1, problem.num_locations - problem.num_depots)
    history = int(np.clip(4000.0 * time_limit / clients, 100, 300))
    penalty = PenaltyParams()
    if problem.prize is not None and len(problem.prize):
        top = 10.0 * float(problem.prize.max())
        if top > penalty.max_penalty:
            penalty = PenaltyParams(max_penalty=top)
    return SolveParams(
        ils=IteratedLocalSearchParams(history_length=history),
        penalty=penalty,
        neighbourhood=NeighbourhoodParams(num_neighbours=NUM_NEIGHBOURS),
    )


def _early(problem: Problem, i: int) -> int:
    return 0 if problem.tw_early is None else int(problem.tw_early[i])


def _late(problem: Problem, i: int) -> int:
    return np.iinfo(np.int64).max if problem.tw_late is None else int(problem.tw_late[i])
