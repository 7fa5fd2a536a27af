"""Write every output of a plan run into one folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .config import Scenario
from .domain import Plan
from .manifest import build_manifests, write_manifests
from .maps import route_map
from .report import write_reports


def write_outputs(plan: Plan, scenario: Scenario, out_dir: Path) -> dict[str, Any]:
    """Write plan.json, summary.json, unassigned.csv, dormitory_allocation.csv,
    map.html and manifests/ into ``out_dir``; return the plan document."""
    out_dir.mkdir(parents=True, exist_ok=True)
    document = write_reports(plan, scenario, out_dir)
    write_manifests(
        build_manifests(plan, scenario),
        out_dir / "manifests",
        destination=scenario.destination.name,
    )
    route_map(plan, scenario).save(str(out_dir / "map.html"))
    return document
