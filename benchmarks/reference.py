"""Plain OR-Tools on the same `Problem`, as a yardstick for benchmarks.

Not used for planning.  It is the textbook setup (PATH_CHEAPEST_ARC, then
guided local search, matrices registered by node) so that
``benchmarks/routing.py --reference`` can show what the engine adds.
OR-Tools' routing library (OR-Tools is installed for the bed allocator's CP-SAT)
is imported only here.
"""

from __future__ import annotations

import math
import time
from typing import TYPE_CHECKING

from returnbus.routing.problem import IntArray, Problem, RouteVisits, Solution

if TYPE_CHECKING:
    from ortools.constraint_solver import pywrapcp


def solve_with_ortools(problem: Problem, *, time_limit: float) -> Solution:
    """Solve a single-depot CVRP or VRPTW with default OR-Tools routing."""
    from ortools.constraint_solver import pywrapcp, routing_enums_pb2

    if problem.num_depots != 1 or problem.prize is not None:
        raise ValueError(
            "the OR-Tools reference handles single-depot problems with required clients only"
        )
    kind = problem.vehicle_kinds[0]
    vehicles = _fleet_size(problem)
    manager = pywrapcp.RoutingIndexManager(problem.num_locations, vehicles, 0)
    routing = pywrapcp.RoutingModel(manager)
    distance = routing.RegisterTransitMatrix(problem.distances.tolist())
    routing.SetArcCostEvaluatorOfAllVehicles(distance)
    demand = routing.RegisterUnaryTransitVector(problem.demand.tolist())
    routing.AddDimensionWithVehicleCapacity(demand, 0, [kind.capacity] * vehicles, True, "load")
    if problem.tw_early is not None and problem.tw_late is not None:
        _add_time_windows(problem, problem.tw_early, problem.tw_late, manager, routing, vehicles)
    params = pywrapcp.DefaultRoutingSearchParameters()
    params.first_solution_strategy = routing_enums_pb2.FirstSolutionStrategy.PATH_CHEAPEST_ARC
    params.local_search_metaheuristic = (
        routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
    )
    params.time_limit.FromMilliseconds(int(time_limit * 1000))
    started = time.perf_counter()
    assignment = routing.SolveWithParameters(params)
    seconds = time.perf_counter() - started
    if assignment is None:
        return Solution(
            routes=(),
            unvisited=tuple(problem.clients),
            cost=0,
            feasible=False,
            seconds=seconds,
            iterations=0,
        )
    routes = _routes(assignment, manager, routing, vehicles)
    served = {v for r in routes for v in r.visits}
    return Solution(
        routes=tuple(routes),
        unvisited=tuple(c for c in problem.clients if c not in served),
        cost=int(assignment.ObjectiveValue()),
        feasible=True,
        seconds=seconds,
        iterations=0,
    )


def _fleet_size(problem: Problem) -> int:
    """How many vehicles to give OR-Tools."""
    kind = problem.vehicle_kinds[0]
    # An "unlimited" fleet (CVRPLIB gives one vehicle per client) slows
    # OR-Tools badly; a third more than the capacity bound is plenty there.
    # A real fleet (Solomon's 25) is kept: fewer vehicles can leave it
    # without a first solution.
    bound = math.ceil(int(problem.demand.sum()) / kind.capacity)
    vehicles = kind.count
    if kind.count > 2 * bound + 5:
        vehicles = max(bound + 2, math.ceil(1.3 * bound))
    return vehicles


def _add_time_windows(
    problem: Problem,
    early: IntArray,
    late: IntArray,
    manager: pywrapcp.RoutingIndexManager,
    routing: pywrapcp.RoutingModel,
    vehicles: int,
) -> None:
    """Add a "time" dimension holding each client, and each route, to its time window."""
    service = problem.service if problem.service is not None else problem.durations[:, 0] * 0
    # Travel time plus the service time at the node left behind.
    transit = (problem.durations + service[:, None]).tolist()
    time_index = routing.RegisterTransitMatrix(transit)
    horizon = int(late[0])
    routing.AddDimension(time_index, horizon, horizon, False, "time")
    time_dim = routing.GetDimensionOrDie("time")
    for node in problem.clients:
        time_dim.CumulVar(manager.NodeToIndex(node)).SetRange(int(early[node]), int(late[node]))
    for vehicle in range(vehicles):
        time_dim.CumulVar(routing.Start(vehicle)).SetRange(int(early[0]), horizon)
        time_dim.CumulVar(routing.End(vehicle)).SetRange(int(early[0]), horizon)


def _routes(
    assignment: pywrapcp.Assignment,
    manager: pywrapcp.RoutingIndexManager,
    routing: pywrapcp.RoutingModel,
    vehicles: int,
) -> list[RouteVisits]:
    """The non-empty routes of a solution, in vehicle order."""
    routes = []
    for vehicle in range(vehicles):
        index = assignment.Value(routing.NextVar(routing.Start(vehicle)))
        visits = []
        while not routing.IsEnd(index):
            visits.append(manager.IndexToNode(index))
            index = assignment.Value(routing.NextVar(index))
        if visits:
            routes.append(RouteVisits(vehicle_kind=0, visits=tuple(visits)))
    return routes
