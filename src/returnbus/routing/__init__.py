"""Routing: the only part of returnbus that knows solver indices.

`RoutePlanner` plans a batch's buses from pickup points; `solve_instance`
solves a CVRPLIB or Solomon benchmark file with the same engine.
"""

from __future__ import annotations

from .buses import DroppedPoint, RoutePlanner, RoutingResult
from .instances import Instance, InstanceResult, read_instance, solve_instance

__all__ = [
    "DroppedPoint",
    "Instance",
    "InstanceResult",
    "RoutePlanner",
    "RoutingResult",
    "read_instance",
    "solve_instance",
]
