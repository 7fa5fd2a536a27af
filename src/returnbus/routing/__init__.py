"""Routing: the only part of returnbus that knows solver indices.

`RoutePlanner` plans a batch's buses from pickup points; `solve_instance`
solves a benchmark instance with the same engine.
"""

from __future__ import annotations

from .instances import InstanceResult, solve_instance
from .model import DroppedPoint
from .params import BusRules, SolverSettings
from .planner import KeptBus, RoutePlanner, RoutingResult

__all__ = [
    "BusRules",
    "DroppedPoint",
    "InstanceResult",
    "KeptBus",
    "RoutePlanner",
    "RoutingResult",
    "SolverSettings",
    "solve_instance",
]
