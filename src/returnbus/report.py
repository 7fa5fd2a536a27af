"""Machine-readable outputs: plan.json, summary.json and the CSV lists.

plan.json carries worker ids only, never names, phones or ID numbers, so it
can be shared and checked by anyone.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import Any

from . import __version__
from .config import Scenario
from .domain import BedAssignment, Plan, Route, Site
from .seating import effective_capacity


def summary(plan: Plan) -> dict[str, Any]:
    """The headline figures of a plan."""
    on_bus = sum(r.riders for r in plan.routes)
    return {
        "workers_total": plan.rows_total,
        "workers_on_bus": on_bus,
        "workers_self_return": len(plan.self_return),
        "workers_unassigned": len(plan.unassigned),
        "buses_used": len(plan.routes),
        "buses_by_type": dict(sorted(Counter(r.bus_type for r in plan.routes).items())),
        "total_distance_km": round(sum(r.distance_m for r in plan.routes) / 1000, 1),
        "total_cost": round(sum(r.cost for r in plan.routes), 2),
        "max_ride_minutes": round(max((r.ride_seconds for r in plan.routes), default=0) / 60, 1),
        "max_route_minutes": round(
            max((r.duration_seconds for r in plan.routes), default=0) / 60, 1
        ),
        "pickup_points": len(plan.pickup_points),
        "quarantine_required": len(plan.quarantine_required),
        "quarantine_allocated": len(plan.beds),
        "unassigned_by_stage": dict(sorted(Counter(u.stage for u in plan.unassigned).items())),
        "solve_seconds": round(plan.solve_seconds, 2),
    }


def plan_document(plan: Plan, scenario: Scenario) -> dict[str, Any]:
    """The full plan as JSON-ready data."""
    settings = scenario.settings
    effective = asdict(settings)
    effective["departure"] = settings.departure.isoformat()
    return {
        "returnbus_version": __version__,
        "scenario": scenario.name,
        "settings": effective,
        "depot": _site(scenario.depot),
        "destination": _site(scenario.destination),
        "fleet": [
            asdict(bus) | {"capacity_effective": effective_capacity(bus, settings.seating)}
            for bus in scenario.fleet
        ],
        "routes": [_route(r) for r in plan.routes],
        "self_return": list(plan.self_return),
        "unassigned": [
            {"worker_id": u.worker_id, "row": u.row, "stage": u.stage, "reason": u.reason}
            for u in plan.unassigned
        ],
        "quarantine_required": list(plan.quarantine_required),
        "dormitories": [
            {
                "dorm_id": d.id,
                "name": d.name,
                "rooms": d.rooms,
                "sex": d.sex or "any",
                "lat": d.location.lat,
                "lon": d.location.lon,
            }
            for d in scenario.dormitories
        ],
        "dormitory_allocation": [_bed_row(b) for b in plan.beds],
        "summary": summary(plan),
    }


def _site(site: Site) -> dict[str, Any]:
    return {"id": site.id, "name": site.name, "lat": site.location.lat, "lon": site.location.lon}


def _time(moment: datetime) -> str:
    return moment.isoformat()


def _route(route: Route) -> dict[str, Any]:
    return {
        "bus_id": route.bus_id,
        "bus_type": route.bus_type,
        "seats": route.seats,
        "capacity_effective": route.capacity_effective,
        "depot_id": route.depot_id,
        "depart_time": _time(route.depart),
        "stops": [
            {
                "seq": s.seq,
                "point_id": s.point_id,
                "lat": s.location.lat,
                "lon": s.location.lon,
                "arrive_time": _time(s.arrive),
                "worker_ids": list(s.worker_ids),
            }
            for s in route.stops
        ],
        "end": {
            "lat": route.end_location.lat,
            "lon": route.end_location.lon,
            "arrive_time": _time(route.end_arrive),
        },
        "distance_km": round(route.distance_m / 1000, 3),
        "riders": route.riders,
        "ride_minutes": round(route.ride_seconds / 60, 1),
        "duration_minutes": round(route.duration_seconds / 60, 1),
        "cost": route.cost,
        "seats_assigned": {s.worker_id: s.label for s in route.seat_map},
    }


def _bed_row(bed: BedAssignment) -> dict[str, str]:
    return {
        "worker_id": bed.worker_id,
        "dorm_id": bed.dorm_id,
        "room": bed.room,
        "bed": str(bed.bed),
        "start_date": bed.start.isoformat(),
        "end_date": bed.end.isoformat(),
    }


def write_json(path: Path, data: Mapping[str, Any]) -> None:
    """Write ``data`` as indented UTF-8 JSON (Chinese kept readable)."""
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def write_csv(path: Path, columns: list[str], rows: Iterable[Mapping[str, Any]]) -> None:
    """Write a CSV with a BOM, so Excel opens the Chinese text correctly."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def write_reports(plan: Plan, scenario: Scenario, out_dir: Path) -> dict[str, Any]:
    """Write plan.json, summary.json, unassigned.csv and dormitory_allocation.csv."""
    document = plan_document(plan, scenario)
    write_json(out_dir / "plan.json", document)
    write_json(out_dir / "summary.json", document["summary"])
    write_csv(
        out_dir / "unassigned.csv", ["worker_id", "row", "stage", "reason"], document["unassigned"]
    )
    write_csv(
        out_dir / "dormitory_allocation.csv",
        ["worker_id", "dorm_id", "room", "bed", "start_date", "end_date"],
        document["dormitory_allocation"],
    )
    return document
