"""Benchmark instances: CVRPLIB ``.vrp`` files and Solomon ``.txt`` files.

Each family keeps its own cost convention, so results compare with the
published best-known solutions:

- CVRPLIB (TSPLIB ``EUC_2D``): Euclidean distance rounded to the nearest
  integer; the fleet is unlimited.
- Solomon: distance-only objective, distances and times truncated to one
  decimal.  We work in integers scaled by 10 (``floor(10 d)``) and divide
  the cost by 10 at the end.

Routes are reported with customer numbers as in the instance's solution
files: the depot is 0 and customers are numbered from 1 in file order.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np
import vrplib

from ..errors import InputError
from .engine import solve
from .problem import Problem, VehicleKind, route_distance

Family = Literal["cvrplib", "solomon"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Instance:
    """A benchmark instance ready to solve, with its cost scale."""

    name: str
    family: Family
    problem: Problem
    cost_scale: int


@dataclass(frozen=True, slots=True, kw_only=True)
class InstanceResult:
    """What ``solve-vrplib`` prints."""

    instance: str
    cost: float | None
    vehicles: int
    feasible: bool
    seconds: float
    routes: tuple[tuple[int, ...], ...]


def read_instance(path: Path) -> Instance:
    """Read a CVRPLIB ``.vrp`` or Solomon ``.txt`` file; `InputError` if it cannot be read."""
    if not path.is_file():
        raise InputError("instance file not found", path=path)
    family: Family = "solomon" if path.suffix.lower() == ".txt" else "cvrplib"
    try:
        if family == "solomon":
            data = vrplib.read_instance(path, instance_format="solomon")
        else:
            data = vrplib.read_instance(path)
    except (
        Exception
    ) as error:  # vrplib raises bare ValueError/IndexError/KeyError on malformed files
        raise InputError(
            f"not a readable {family} instance: {type(error).__name__}: {error}",
            path=path,
            hint="give a CVRPLIB .vrp file or a Solomon .txt file",
        ) from None
    try:
        return _solomon(path, data) if family == "solomon" else _cvrplib(path, data)
    except (KeyError, ValueError, IndexError) as error:
        raise InputError(
            f"incomplete {family} instance: missing or bad {error}", path=path
        ) from None


def _cvrplib(path: Path, data: dict[str, Any]) -> Instance:
    kind = str(data.get("edge_weight_type", "EUC_2D"))
    if kind not in ("EUC_2D", "EXPLICIT"):
        raise InputError(
            f"EDGE_WEIGHT_TYPE {kind} is not supported", path=path, hint="use EUC_2D or EXPLICIT"
        )
    weights = np.asarray(data["edge_weight"], dtype=np.float64)
    distances = (
        np.floor(weights + 0.5).astype(np.int64) if kind == "EUC_2D" else weights.astype(np.int64)
    )
    demand = np.asarray(data["demand"], dtype=np.int64)
    depots = [int(d) for d in np.asarray(data["depot"]).ravel()]
    if depots != [0]:
        raise InputError(
            "only single-depot instances with the depot first are supported", path=path
        )
    n = len(demand)
    return Instance(
        name=str(data.get("name", path.stem)),
        family="cvrplib",
        problem=Problem(
            distances=distances,
            durations=np.zeros_like(distances),
            num_depots=1,
            demand=demand,
            vehicle_kinds=(
                VehicleKind(
                    count=n - 1, capacity=int(data["capacity"]), start_depot=0, end_depot=0
                ),
            ),
            coords=np.asarray(data["node_coord"], dtype=np.float64)
            if "node_coord" in data
            else None,
        ),
        cost_scale=1,
    )


def _solomon(path: Path, data: dict[str, Any]) -> Instance:
    scale = 10
    distances = np.floor(scale * np.asarray(data["edge_weight"], dtype=np.float64) + 1e-9).astype(
        np.int64
    )
    windows = np.asarray(data["time_window"], dtype=np.int64) * scale
    return Instance(
        name=str(data.get("name", path.stem)),
        family="solomon",
        problem=Problem(
            distances=distances,
            durations=distances,
            num_depots=1,
            demand=np.asarray(data["demand"], dtype=np.int64),
            vehicle_kinds=(
                VehicleKind(
                    count=int(data["vehicles"]),
                    capacity=int(data["capacity"]),
                    start_depot=0,
                    end_depot=0,
                ),
            ),
            service=np.asarray(data["service_time"], dtype=np.int64) * scale,
            tw_early=windows[:, 0].copy(),
            tw_late=windows[:, 1].copy(),
            coords=np.asarray(data["node_coord"], dtype=np.float64),
        ),
        cost_scale=scale,
    )


def solve_instance(
    instance: Instance, *, time_limit: float, seed: int = 0, iterations: int | None = None
) -> InstanceResult:
    """Solve a benchmark instance with the project's engine."""
    solution = solve(instance.problem, time_limit=time_limit, seed=seed, iterations=iterations)
    complete = not solution.unvisited
    cost = sum(route_distance(instance.problem, r) for r in solution.routes) / instance.cost_scale
    return InstanceResult(
        instance=instance.name,
        cost=cost if complete else None,
        vehicles=solution.vehicles,
        feasible=solution.feasible and complete,
        seconds=round(solution.seconds, 2),
        routes=tuple(r.visits for r in solution.routes),
    )
