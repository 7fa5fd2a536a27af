"""Benchmark instance files: CVRPLIB ``.vrp`` (HFVRP too) and Solomon ``.txt``.

This module only reads a file into named arrays, as the file gives them;
`returnbus.routing.instances` applies each family's cost convention.
`vrplib` is imported here and nowhere else.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import vrplib

from ..errors import InputError
from ..routing.instances import BenchmarkFile, Family, VehicleGroup
from ..text import Text


def read_instance(path: Path) -> BenchmarkFile:
    """Read a CVRPLIB ``.vrp`` (CVRP or PyVRP's HFVRP dialect) or Solomon ``.txt`` file;
    `InputError` if it cannot be read."""
    if not path.is_file():
        raise InputError(Text("instance_not_found"), path=path)
    family: Family = "solomon" if path.suffix.lower() == ".txt" else "cvrplib"
    try:
        if family == "solomon":
            data = vrplib.read_instance(path, instance_format="solomon")
        else:
            data = vrplib.read_instance(path)
    except Exception as error:  # vrplib raises bare ValueError/IndexError/KeyError
        raise InputError(
            Text("instance_unreadable", family=family, kind=type(error).__name__, error=str(error)),
            path=path,
            hint=Text("instance_unreadable_action"),
        ) from None
    try:
        if family == "solomon":
            instance = _solomon(path, data)
        elif np.ndim(data.get("capacity")) == 1:  # one capacity per vehicle: a fleet mix
            instance = _hfvrp(path, data)
        else:
            instance = _cvrplib(path, data)
    except (KeyError, ValueError, IndexError, TypeError) as error:
        raise InputError(
            Text("instance_incomplete", family=family, error=str(error)), path=path
        ) from None
    _check_sizes(path, instance)
    return instance


def _check_sizes(path: Path, instance: BenchmarkFile) -> None:
    """Every section gives one row per location (the demands' count), and
    the weights are finite: a short section would otherwise reach the solver."""
    places = len(instance.demand)
    sections = {  # the weights last: from coordinates, they are as many as those
        "NODE_COORD": (instance.coords, (places, 2)),
        "SERVICE_TIME": (instance.service, (places,)),
        "TIME_WINDOW": (instance.windows, (places, 2)),
        "EDGE_WEIGHT": (instance.weights, (places, places)),
    }
    for section, (values, shape) in sections.items():
        if values is not None and np.shape(values) != shape:
            raise InputError(
                Text(
                    "instance_sizes_differ",
                    section=section,
                    found=" x ".join(map(str, np.shape(values))),
                    places=places,
                ),
                path=path,
                hint=Text("instance_sizes_differ_action"),
            )
    if places < 2 or not np.isfinite(instance.weights).all() or (instance.demand < 0).any():
        raise InputError(
            Text("instance_incomplete", family=instance.family, error="DEMAND / EDGE_WEIGHT"),
            path=path,
        )


def _cvrplib(path: Path, data: dict[str, Any]) -> BenchmarkFile:
    kind = str(data.get("edge_weight_type", "EUC_2D"))
    if kind not in ("EUC_2D", "EXPLICIT"):
        raise InputError(
            Text("instance_edge_weight", kind=kind),
            path=path,
            hint=Text("instance_edge_weight_action"),
        )
    depots = [int(d) for d in np.asarray(data["depot"]).ravel()]
    if depots != [0]:
        raise InputError(Text("instance_depots"), path=path)
    return BenchmarkFile(
        name=str(data.get("name", path.stem)),
        family="cvrplib",
        weights=np.asarray(data["edge_weight"], dtype=np.float64),
        demand=np.asarray(data["demand"], dtype=np.int64),
        capacity=int(data["capacity"]),
        vehicles=None,
        coords=np.asarray(data["node_coord"], dtype=np.float64) if "node_coord" in data else None,
        explicit=kind == "EXPLICIT",
    )


def _hfvrp(path: Path, data: dict[str, Any]) -> BenchmarkFile:
    """PyVRP's HFVRP dialect: capacity, fixed cost and cost per distance of each
    vehicle (costs x 100; a missing fixed cost is 0, a missing unit cost 100)."""
    plain = _cvrplib(path, {**data, "capacity": 0})
    capacity = np.asarray(data["capacity"], dtype=np.int64)
    fixed = np.asarray(data.get("vehicles_fixed_cost", np.zeros_like(capacity)), dtype=np.int64)
    unit = np.asarray(
        data.get("vehicles_unit_distance_cost", np.full_like(capacity, 100)), dtype=np.int64
    )
    if not len(capacity) == len(fixed) == len(unit):
        raise InputError(
            Text(
                "instance_vehicles_differ",
                capacities=len(capacity),
                fixed=len(fixed),
                unit=len(unit),
            ),
            path=path,
        )
    counts: dict[tuple[int, int, int], int] = {}
    for vehicle in zip(capacity.tolist(), fixed.tolist(), unit.tolist(), strict=True):
        counts[vehicle] = counts.get(vehicle, 0) + 1
    fleet = tuple(
        VehicleGroup(count=n, capacity=c, fixed_cost=f, unit_distance_cost=u)
        for (c, f, u), n in counts.items()
    )
    return replace(
        plain, family="hfvrp", capacity=int(capacity.max()), vehicles=len(capacity), fleet=fleet
    )


def _solomon(path: Path, data: dict[str, Any]) -> BenchmarkFile:
    return BenchmarkFile(
        name=str(data.get("name", path.stem)),
        family="solomon",
        weights=np.asarray(data["edge_weight"], dtype=np.float64),
        demand=np.asarray(data["demand"], dtype=np.int64),
        capacity=int(data["capacity"]),
        vehicles=int(data["vehicles"]),
        coords=np.asarray(data["node_coord"], dtype=np.float64),
        service=np.asarray(data["service_time"], dtype=np.int64),
        windows=np.asarray(data["time_window"], dtype=np.int64),
    )
