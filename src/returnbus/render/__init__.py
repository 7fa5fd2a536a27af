"""Writing a plan: plan.json and lists, manifests, the map; masking on the way.

``frames(plan)`` gives the plan as pandas tables, and ``maps.route_map(plan)``
as a folium map, for a notebook.

Names load on first use: the console words (`labels`) are read without pandas,
as when the command line is interrupted while it loads."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .dataframes import PlanFrames as PlanFrames
    from .dataframes import frames as frames

__all__ = ["PlanFrames", "frames"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import dataframes

        return getattr(dataframes, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
