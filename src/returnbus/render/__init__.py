"""Writing a plan: plan.json and lists, manifests, the map; masking on the way.

``frames(plan)`` gives the plan as pandas tables, and ``maps.route_map(plan)``
as a folium map, for a notebook."""

from .dataframes import PlanFrames, frames

__all__ = ["PlanFrames", "frames"]
