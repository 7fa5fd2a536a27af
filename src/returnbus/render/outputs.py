"""Write every output of a plan into one folder."""

from __future__ import annotations

from pathlib import Path

from ..plan import Plan
from ..planfile import Document
from .manifests import build_manifests, write_manifests
from .maps import route_map
from .reports import write_reports


def write_outputs(plan: Plan, out_dir: Path) -> Document:
    """Write plan.json, summary.json, unassigned.csv, dormitory_allocation.csv,
    to_call.csv, map.html and manifests/ into ``out_dir``; return the plan document."""
    out_dir.mkdir(parents=True, exist_ok=True)
    document = write_reports(plan, out_dir)
    write_manifests(build_manifests(plan), out_dir / "manifests")
    route_map(plan).save(str(out_dir / "map.html"))
    return document
