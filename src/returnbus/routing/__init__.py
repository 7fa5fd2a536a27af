"""Routing: the only part of returnbus that knows solver indices.

`plan_routes` plans a batch's buses from pickup points; `solve_instance`
solves a CVRPLIB or Solomon benchmark file with the same engine.
"""

from __future__ import annotations

from .buses import DroppedPoint, RoutingResult, plan_routes, reachable_points
from .instances import Instance, InstanceResult, read_instance, solve_instance

__all__ = [
    "DroppedPoint",
    "Instance",
    "InstanceResult",
    "RoutingResult",
    "plan_routes",
    "reachable_points",
    "read_instance",
    "solve_instance",
]
