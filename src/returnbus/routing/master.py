"""The master: which candidate trips run, on which buses.

A set-packing model over columns (a trip driven by one bus type): each
pickup on at most one chosen trip, no more buses of a type than the fleet
has.  It maximises, in this order, riders carried, then avoids sending a
bus the long-haul distance for fewer riders than the long-haul minimum
(unless that is the only way to carry them), then the cost (charter and
riding time beyond the direct trips).  The orders are kept by the weights:
a rider is worth more than any trip's cost and penalty, a long-haul trip
under its minimum costs more than any trip.

It is solved as a mixed-integer program with SCIP through OR-Tools: its
linear relaxation is strong on set packing, where CP-SAT's search stalled
(measured on the demo's columns: SCIP proved the best choice in under 2 s,
CP-SAT had not found it in 20 s).  First the relaxation (GLOP) prices every
column, and only columns within reach of the relaxation's best enter the
integer model.  Single-threaded SCIP is deterministic, and the integer
model stops on a node budget; the time limit is a safety stop only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from ortools.linear_solver import pywraplp

MasterStatus = Literal["optimal", "feasible", "time_limit", "empty"]

#: Nodes of SCIP's branch-and-bound before it settles for the best found.
_NODES = 20_000
#: Nodes in a row without a better choice after which SCIP settles.  On a
#: sparse batch (914 riders, 6.4 a bus) a node took 0.1 s, and 20,000 nodes
#: ran into the safety limit (518 s): 500 ended it in 75 s with the same
#: riders and buses, 0.5 % dearer.  Counted in nodes, so still repeatable.
_STALL = 500
#: Columns the integer model takes at most, those nearest the relaxation's best.
#: Measured on the 16 regions of two 110,000-worker districts (seeds 1, 2):
#: 6,000 rather than 12,000 carried the same riders on 85 fewer buses of
#: 9,810 (0.6 % cheaper), and one region's first choice took 7 s, not 56;
#: 10,000-worker batches never keep more, and plan alike.
_KEPT = 6_000
#: A bus type's shadow price above which the fleet binds the relaxation.
_BINDING = 1e-6


@dataclass(frozen=True, slots=True, kw_only=True)
class Column:
    """A trip (pickups, by index) driven by bus type ``bus`` (its index in the
    fleet), carrying ``riders``, costing ``cost`` yuan; ``thin`` when it drives
    the long-haul distance for fewer riders than the long-haul minimum."""

    points: tuple[int, ...]
    bus: int
    riders: int
    cost: float
    thin: bool = False

    def value(self, rider: float, penalty: float) -> float:
        """Its worth to the master: its riders, less its cost, and less a
        penalty when it is thin (only the only way to carry them is worth it)."""
        return rider * self.riders - self.cost - (penalty if self.thin else 0.0)


@dataclass(frozen=True, slots=True, kw_only=True)
class Prices:
    """What the linear relaxation says a new column is worth: a rider's
    weight, the long-haul penalty, and the shadow price of each pickup (by
    index) and of each bus type (by fleet index).  A trip whose `reduced`
    value is positive would improve the relaxation."""

    rider: float = 0.0
    penalty: float = 0.0
    pickup: Mapping[int, float] = field(default_factory=dict)
    bus: Mapping[int, float] = field(default_factory=dict)

    def reduced(self, column: Column) -> float:
        """How much ``column`` would add to the relaxation's best."""
        return (
            column.value(self.rider, self.penalty)
            - sum(self.pickup.get(i, 0.0) for i in column.points)
            - self.bus.get(column.bus, 0.0)
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class Choice:
    """The columns chosen (by number), how the master ended, and the
    relaxation's prices for new columns."""

    columns: tuple[int, ...]
    status: MasterStatus
    prices: Prices = field(default_factory=Prices)


def choose(
    columns: Sequence[Column],
    counts: Sequence[int],
    *,
    hint: Sequence[int] = (),
    seconds: float | None = None,
    costliest: float | None = None,
) -> Choice:
    """The best set of columns: no pickup twice, at most ``counts[b]`` buses of
    type ``b``.  ``hint`` (column numbers, a feasible choice) is where the
    search starts, and always stays in the model; ``seconds`` is the safety
    limit.  The weights that put riders before cost are set by the
    ``costliest`` trip (default: the costliest column; give a larger pool's
    when choosing among part of it, so that the prices compare)."""
    if not columns:
        return Choice(columns=(), status="empty")
    most = max(max(c.cost for c in columns), costliest or 0.0)
    penalty = most + 1.0
    rider = 2.0 * (most + penalty) + 1.0
    value = [c.value(rider, penalty) for c in columns]
    prices = _prices(columns, counts, value)
    prices = replace(prices, rider=rider, penalty=penalty)
    reduced = [prices.reduced(c) for c in columns]
    # Columns far below the relaxation's best would cost more than a rider to
    # use; on a big batch only the nearest enter (SCIP's root grows with them).
    near = [k for k, r in enumerate(reduced) if r >= -rider / 4]
    near = sorted(near, key=lambda k: (-reduced[k], k))[:_KEPT]
    kept = sorted(set(near) | set(hint))
    solver = pywraplp.Solver.CreateSolver("SCIP")
    chosen = [solver.BoolVar(f"x{k}") for k in kept]
    _constraints(solver, [columns[k] for k in kept], chosen, counts)
    objective = solver.Objective()
    for k, x in zip(kept, chosen, strict=True):
        objective.SetCoefficient(x, value[k])
    objective.SetMaximization()
    if hint:
        hinted = set(hint)
        solver.SetHint(chosen, [1.0 if k in hinted else 0.0 for k in kept])
    solver.SetNumThreads(1)
    # Restarts re-presolve the whole model to prove the last hundredth of a
    # percent; on a big batch they cost more than the rest of the solve.
    # SCIP catches Ctrl-C by default and ends the solve as if at a limit: the
    # run went on and recorded another plan than the budget gives. Python's
    # own handler then stops the command once the solve returns.
    parameters = (
        f"limits/nodes = {_NODES}\nlimits/stallnodes = {_STALL}\n"
        "presolving/maxrestarts = 0\nmisc/catchctrlc = FALSE\n"
    )
    if not any(abs(v) > _BINDING for v in prices.bus.values()):
        # Set packing alone: branching on pseudocosts, without the strong
        # branching SCIP starts with, proved a district region's choice 1 to
        # 3.9 times faster (same riders, no dearer).  Where the fleet binds it
        # was up to 4 times slower, so there SCIP keeps its own rule.
        parameters += "branching/pscost/priority = 100000\n"
    solver.SetSolverSpecificParametersAsString(parameters)
    if seconds is not None:
        solver.SetTimeLimit(max(1, int(seconds * 1000)))
    status = solver.Solve()
    if status not in (pywraplp.Solver.OPTIMAL, pywraplp.Solver.FEASIBLE):
        return Choice(columns=tuple(sorted(hint)), status="time_limit", prices=prices)
    picked = tuple(k for k, x in zip(kept, chosen, strict=True) if x.solution_value() > 0.5)
    if status == pywraplp.Solver.OPTIMAL:
        return Choice(columns=picked, status="optimal", prices=prices)
    timed_out = seconds is not None and solver.WallTime() >= seconds * 1000
    return Choice(columns=picked, status="time_limit" if timed_out else "feasible", prices=prices)


def _prices(columns: Sequence[Column], counts: Sequence[int], value: Sequence[float]) -> Prices:
    """The shadow prices of the pickups and bus types in the linear
    relaxation (none when it has no optimum)."""
    solver = pywraplp.Solver.CreateSolver("GLOP")
    share = [solver.NumVar(0.0, 1.0, f"x{k}") for k in range(len(columns))]
    once, fleet = _constraints(solver, columns, share, counts)
    objective = solver.Objective()
    for x, v in zip(share, value, strict=True):
        objective.SetCoefficient(x, v)
    objective.SetMaximization()
    if solver.Solve() != pywraplp.Solver.OPTIMAL:
        return Prices()
    return Prices(
        pickup={i: row.dual_value() for i, row in once.items()},
        bus={b: row.dual_value() for b, row in fleet.items()},
    )


def _constraints(
    solver: pywraplp.Solver,
    columns: Sequence[Column],
    chosen: Sequence[pywraplp.Variable],
    counts: Sequence[int],
) -> tuple[dict[int, pywraplp.Constraint], dict[int, pywraplp.Constraint]]:
    """Each pickup at most once; each bus type at most its count."""
    once: dict[int, pywraplp.Constraint] = {}
    fleet: dict[int, pywraplp.Constraint] = {}
    for column, x in zip(columns, chosen, strict=True):
        for i in column.points:
            if i not in once:
                once[i] = solver.Constraint(0.0, 1.0)
            once[i].SetCoefficient(x, 1.0)
        if column.bus not in fleet:
            fleet[column.bus] = solver.Constraint(0.0, float(counts[column.bus]))
        fleet[column.bus].SetCoefficient(x, 1.0)
    return once, fleet
