"""The plan document: a `Plan` as JSON-ready data, and back.

`to_document` and `from_document` are the two halves of one format, kept in
one place so they cannot drift apart; `returnbus.render.reports` writes the
document to ``plan.json`` and `returnbus.io.plans` reads it back.  The
document carries worker ids only, never names, phones or ID numbers, so it
can be shared and checked by anyone.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict
from datetime import date, datetime, time
from typing import Any, get_args

from . import naming, text
from .bounds import lower_bounds
from .cluster import ClusterParams
from .domain import (
    BedAssignment,
    Break,
    BusType,
    ClosedStop,
    Dormitory,
    LatLon,
    PickupPoint,
    Room,
    Route,
    Seat,
    Site,
    Stop,
    Unassigned,
    Worker,
)
from .locate import PlacementRules
from .plan import OUTPUTS_FORMAT, Batch, LateRoster, Plan, quarantine_causes
from .quarantine import QuarantineParams
from .routing.params import BusRules, ReplanRules, SolverSettings
from .screen import Cause, CauseKind, ScreeningPolicy
from .seating import POLICY_ALIASES, SeatingPolicy, effective_capacity
from .settings import IntakeSettings, OutputSettings, Settings
from .travel import SpeedBand, TravelSettings
from .version import __version__

Document = dict[str, Any]

#: Stages whose unassigned workers were already out when the batch was prepared.
_INTAKE_STAGES = ("roster", "screen", "geocode")


def summary(plan: Plan, *, bounds: bool = True) -> dict[str, Any]:
    """The headline figures of a plan (``max_route_minutes``: the longest
    duty, a night's rest before the first pickup splitting a route in two);
    the lower bounds (seconds at district scale) unless not ``bounds``."""
    routes = plan.routes
    night = plan.settings.rules.overnight_rest_minutes * 60
    duty = max((r.longest_duty_seconds(night) for r in routes), default=0)
    return {
        "workers_total": plan.rows_total,
        "workers_on_bus": sum(r.riders for r in routes),
        "workers_self_return": len(plan.self_return),
        "workers_unassigned": len(plan.unassigned),
        "buses_used": len(routes),
        "buses_by_type": dict(sorted(Counter(r.bus_type for r in routes).items())),
        "total_distance_km": round(sum(r.distance_m for r in routes) / 1000, 1),
        "total_cost": round(sum(r.cost for r in routes), 2),
        "max_ride_minutes": round(max((r.ride_seconds for r in routes), default=0) / 60, 1),
        "max_route_minutes": round(duty / 60, 1),
        "mean_ride_minutes": round(_mean_ride_seconds(routes) / 60, 1),
        "mean_detour_minutes": round(_mean_detour_seconds(routes) / 60, 1),
        "long_haul_under_minimum": _long_and_thin(plan),
        "buses_under_minimum": sum(r.under_minimum for r in routes),
        **(_lower_bounds(plan) if bounds else {}),
        "buses_with_two_drivers": sum(r.drivers == 2 for r in routes),
        "workers_to_call": len(plan.to_call),
        "pickup_points": len(plan.pickup_points),
        "quarantine_required": len(plan.quarantine_required),
        "quarantine_allocated": len(plan.beds),
        "quarantine_for_sharing": len(plan.quarantine_for_sharing),
        "unassigned_by_stage": dict(sorted(Counter(u.stage for u in plan.unassigned).items())),
        "solve_seconds": round(plan.solve_seconds, 2),
        "stage_seconds": dict(plan.stage_seconds),
        "search_iterations": plan.search_iterations,
        "search_stop": plan.search_stop,
        "batch": plan.batch.id,
        "dorm_status": plan.dorm_status,
        "dorm_objective": plan.dorm_objective,
        "dorm_bound": plan.dorm_bound,
        "dorm_gap": round(
            (plan.dorm_objective - plan.dorm_bound) / max(1, abs(plan.dorm_objective)), 4
        ),
        "cohorts_split": plan.cohorts_split,
    }


def _mean_ride_seconds(routes: Sequence[Route]) -> float:
    rides = [seconds for r in routes for seconds in r.rides().values()]
    return sum(rides) / len(rides) if rides else 0.0


def _mean_detour_seconds(routes: Sequence[Route]) -> float:
    """The mean ride beyond the rider's direct trip."""
    detours = [seconds for r in routes for seconds in r.detours().values()]
    return sum(detours) / len(detours) if detours else 0.0


def _lower_bounds(plan: Plan) -> dict[str, float]:
    """``buses_lower_bound`` and ``cost_lower_bound``: no plan keeping the
    rules carries these riders with fewer buses or for less (`bounds`)."""
    found = lower_bounds(
        plan.routes,
        fleet=plan.batch.fleet,
        quarantine=set(plan.quarantine_required),
        depot=plan.batch.depot.location,
        rules=plan.settings.rules,
        seating=plan.settings.seating,
        travel=plan.settings.travel,
    )
    return {"buses_lower_bound": found.buses, "cost_lower_bound": found.cost}


def _long_and_thin(plan: Plan) -> list[dict[str, Any]]:
    """Buses sent the long-haul distance for fewer riders than the long-haul
    minimum: the planner does so only when no other way carries them."""
    rules = plan.settings.rules
    return [
        {
            "bus_id": r.bus_id,
            "riders": r.riders,
            "distance_km": round(r.distance_m / 1000, 1),
            "why": "the only way to carry these riders",
        }
        for r in plan.routes
        if r.distance_m >= rules.long_haul_km * 1000 and r.riders < rules.min_riders_long_haul
    ]


# -- writing -----------------------------------------------------------------


def to_document(plan: Plan) -> Document:
    """The full plan as JSON-ready data."""
    batch = plan.batch
    required = set(plan.quarantine_required)
    return {
        "returnbus_version": __version__,
        # The folder written with it is of this code's outputs, whatever the plan read back said.
        "outputs_format": OUTPUTS_FORMAT,
        "scenario": batch.name,
        "scenario_path": batch.source,
        "batch": batch.id,
        "additions": [{"path": a.path, "batch": a.batch} for a in batch.additions],
        "settings": _settings_document(batch, plan.settings),
        "depot": _site(batch.depot),
        "destination": _site(batch.destination),
        "fleet": [
            asdict(bus) | {"capacity_effective": effective_capacity(bus, plan.settings.seating)}
            for bus in batch.fleet
        ],
        "employers": [_site(e) for e in batch.employers],
        "workers": [
            {"worker_id": w.id, "row": w.row, "employer": w.employer, "sex": w.sex or ""}
            for w in batch.workers
        ],
        "pickup_points": [_point(p) for p in plan.pickup_points],
        "routes": [_route(r) for r in plan.routes],
        "self_return": list(plan.self_return),
        "unassigned": [_unassigned_document(u) for u in plan.unassigned],
        "quarantine_required": list(plan.quarantine_required),
        "quarantine_for_sharing": list(plan.quarantine_for_sharing),
        "close_contacts": sorted(batch.close_contacts),
        # Why each is bound there, for the arrivals list read back (and verify):
        # plan.json keeps no health code, risk, home or group of its own.
        "quarantine_causes": {
            worker: _cause_document(cause)
            for worker, cause in sorted(quarantine_causes(plan).items())
            if worker in required
        },
        "to_call": list(plan.to_call),
        "retired_buses": list(plan.retired_buses),
        "closed_stops": [
            {"point_id": c.point_id, "lat": c.location.lat, "lon": c.location.lon}
            for c in plan.closed_stops
        ],
        "dormitories": [_dormitory(d) for d in batch.dormitories],
        "bed_night_ends": plan.night_ends.strftime("%H:%M"),
        "dormitory_allocation": [bed_row(b) for b in plan.beds],
        "summary": summary(plan),
    }


def _settings_document(batch: Batch, settings: Settings) -> Document:
    """The effective settings, flat where the scenario file's [rules] are."""
    rules, placement = settings.rules, batch.intake.placement
    return {
        "departure": batch.departure.isoformat(),
        "max_ride_minutes": rules.max_ride_minutes,
        "max_route_minutes": rules.max_route_minutes,
        "min_riders": rules.min_riders,
        "stop_minutes": rules.stop_minutes,
        "pickup_radius_m": settings.cluster.radius_m,
        "min_precision": placement.min_precision,
        "planning_area": list(placement.planning_area),
        "quarantine_days": settings.quarantine.days,
        "rules": asdict(rules),
        "quarantine": asdict(settings.quarantine),
        "seating": asdict(settings.seating),
        "screening": asdict(batch.intake.screening),
        "travel": asdict(settings.travel),
        "solver": asdict(settings.solver),
        "replan": {
            "announced": _announced(settings.replan),
            "max_shift_minutes": settings.replan.max_shift_minutes,
        },
        # The tianditu key is a secret of the desk's: it stays out of plan.json.
        "output": asdict(settings.output) | {"tianditu_key": ""},
    }


def _site(site: Site) -> Document:
    return {"id": site.id, "name": site.name, "lat": site.location.lat, "lon": site.location.lon}


def _dormitory(dorm: Dormitory) -> Document:
    return {
        "dorm_id": dorm.id,
        "name": dorm.name,
        "rooms": len(dorm.rooms),
        "beds": dorm.beds,
        "sex": dorm.sex or "any",
        "isolation": dorm.isolation,
        "available_from": _day(dorm.available_from),
        "available_to": _day(dorm.available_to),
        "employer": dorm.employer,
        "lat": dorm.location.lat,
        "lon": dorm.location.lon,
        "room_capacity": {room.number: room.capacity for room in dorm.rooms},
    }


def _day(day: date | None) -> str:
    return "" if day is None else day.isoformat()


def _point(point: PickupPoint) -> Document:
    shown = naming.gcj02(point.location)
    return {
        "point_id": point.id,
        "name": point.name,
        "division_code": point.division_code,
        "lat": point.location.lat,
        "lon": point.location.lon,
        "lat_gcj02": shown.lat,
        "lon_gcj02": shown.lon,
        "amap": naming.amap_link(point.location, point.name or point.id),
        "worker_ids": list(point.worker_ids),
    }


def _route(route: Route) -> Document:
    return {
        "bus_id": route.bus_id,
        "locked": route.locked,
        "under_minimum": route.under_minimum,
        "bus_type": route.bus_type,
        "seats": route.seats,
        "capacity_effective": route.capacity_effective,
        "depot_id": route.depot_id,
        "depart_time": route.depart.isoformat(),
        "stops": [
            {
                "seq": s.seq,
                "kind": s.kind,
                "point_id": s.point_id,
                "lat": s.location.lat,
                "lon": s.location.lon,
                "arrive_time": s.arrive.isoformat(),
                "worker_ids": list(s.worker_ids),
            }
            for s in (*route.stops, *route.dropoffs)
        ],
        "breaks": [_break(b) for b in route.breaks],
        "layover": None if route.layover is None else _break(route.layover),
        "relays": [moment.isoformat() for moment in route.relays],
        "drivers": route.drivers,
        "driving_minutes": round(route.driving_seconds / 60, 1),
        "end": {
            "lat": route.end_location.lat,
            "lon": route.end_location.lon,
            "arrive_time": route.end_arrive.isoformat(),
        },
        "distance_km": round(route.distance_m / 1000, 3),
        "riders": route.riders,
        "ride_minutes": round(route.ride_seconds / 60, 1),
        "ride_minutes_mean": round(route.ride_mean_seconds / 60, 1),
        "ride_minutes_max": round(route.ride_seconds / 60, 1),
        "duration_minutes": round(route.duration_seconds / 60, 1),
        "cost": route.cost,
        "seats_assigned": {s.worker_id: s.label for s in route.seat_map},
        "direct_seconds": dict(route.direct),
        "detour_minutes_mean": round(
            sum(route.detours().values()) / max(1, len(route.detours())) / 60, 1
        ),
    }


def _break(stop: Break) -> Document:
    return {"start": stop.start.isoformat(), "minutes": stop.minutes, "seconds": stop.seconds}


def bed_row(bed: BedAssignment) -> dict[str, str]:
    """One bed as a row of ``dormitory_allocation``."""
    return {
        "worker_id": bed.worker_id,
        "dorm_id": bed.dorm_id,
        "room": bed.room,
        "bed": str(bed.bed),
        "start_date": bed.start.isoformat(),
        "end_date": bed.end.isoformat(),
        "batch": bed.batch,
        "bus_id": bed.bus_id,
        "released_on": bed.released_on.isoformat() if bed.released_on else "",
    }


# -- reading -----------------------------------------------------------------


def from_document(doc: Document) -> Plan:
    """The plan a document describes.

    Workers come back with what the document keeps of them (id, row,
    employer): no names, phones or homes.  Raises ``KeyError``,
    ``TypeError`` or ``ValueError`` on a document that is not a plan.
    """
    settings_doc = doc["settings"]
    unassigned = tuple(_unassigned(u) for u in doc["unassigned"])
    return Plan(
        batch=_batch(doc, unassigned),
        settings=_settings(settings_doc),
        routes=tuple(_route_from(r) for r in doc["routes"]),
        self_return=tuple(doc["self_return"]),
        unassigned=unassigned,
        beds=tuple(_bed(b) for b in doc["dormitory_allocation"]),
        quarantine_required=tuple(doc["quarantine_required"]),
        # Absent from plans written before it was recorded: none known.
        quarantine_for_sharing=tuple(doc.get("quarantine_for_sharing", ())),
        pickup_points=tuple(_point_from(p) for p in doc.get("pickup_points", ())),
        solve_seconds=float(doc["summary"].get("solve_seconds", 0.0)),
        stage_seconds=tuple(
            (str(k), float(v)) for k, v in doc["summary"].get("stage_seconds", {}).items()
        ),
        search_iterations=int(doc["summary"].get("search_iterations", 0)),
        search_stop=str(doc["summary"].get("search_stop", "none")),
        dorm_status=str(doc["summary"].get("dorm_status", "optimal")),
        dorm_objective=int(doc["summary"].get("dorm_objective", 0)),
        dorm_bound=int(doc["summary"].get("dorm_bound", 0)),
        cohorts_split=int(doc["summary"].get("cohorts_split", 0)),
        to_call=tuple(doc.get("to_call", ())),
        retired_buses=tuple(doc.get("retired_buses", ())),
        # Absent from plans written before it was recorded: closures known
        # then only through their riders (held out as `stop_closed`).
        closed_stops=tuple(
            ClosedStop(point_id=c["point_id"], location=LatLon(float(c["lat"]), float(c["lon"])))
            for c in doc.get("closed_stops", ())
        ),
        # Absent from plans written before beds of a bus in the small hours
        # were dated from the night before: theirs are from the arrival's day.
        night_ends=time.fromisoformat(doc.get("bed_night_ends", "00:00")),
        # Absent from plans written before it (their lists.xlsx may lack the 待联系 sheet).
        outputs_format=doc.get("outputs_format", 0),
    )


def _batch(doc: Document, unassigned: tuple[Unassigned, ...]) -> Batch:
    settings = doc["settings"]
    self_return = set(doc["self_return"])
    turned_away = tuple(u for u in unassigned if u.stage in _INTAKE_STAGES)
    out = {u.worker_id for u in turned_away}
    workers = tuple(
        Worker(
            id=w["worker_id"],
            row=int(w["row"]),
            name="",
            employer=w.get("employer", ""),
            sex=w.get("sex") or None,
            travel_mode="self" if w["worker_id"] in self_return else "bus",
        )
        for w in doc.get("workers", ())
    )
    return Batch(
        id=str(doc.get("batch", "")),
        source=str(doc.get("scenario_path", "")),
        additions=tuple(
            LateRoster(path=a["path"], batch=a.get("batch", "")) for a in doc.get("additions", ())
        ),
        name=str(doc.get("scenario", "")),
        departure=datetime.fromisoformat(settings["departure"]),
        depot=_site_from(doc["depot"]),
        destination=_site_from(doc["destination"]),
        fleet=tuple(_bus_type(b) for b in doc["fleet"]),
        employers=tuple(_site_from(e) for e in doc.get("employers", ())),
        dormitories=tuple(_dormitory_from(d) for d in doc.get("dormitories", ())),
        workers=workers,
        riders=tuple(w for w in workers if w.id not in self_return and w.id not in out),
        self_return=tuple(w for w in workers if w.id in self_return),
        quarantine=frozenset(doc["quarantine_required"]),
        close_contacts=frozenset(doc.get("close_contacts", ())),
        # Absent from plans written before it was kept: none known, said in general words.
        quarantine_causes={
            worker: _cause_from(cause) for worker, cause in doc.get("quarantine_causes", {}).items()
        },
        turned_away=turned_away,
        rows_total=int(doc["summary"]["workers_total"]),
        intake=IntakeSettings(
            screening=_screening(settings["screening"]),
            placement=PlacementRules(
                min_precision=settings["min_precision"],
                planning_area=tuple(settings["planning_area"]),
            ),
        ),
    )


def _settings(settings: Document) -> Settings:
    travel = settings["travel"]
    return Settings(
        cluster=ClusterParams(radius_m=int(settings["pickup_radius_m"])),
        seating=_seating(settings["seating"]),
        rules=BusRules(**settings["rules"])
        if "rules" in settings
        else BusRules(
            max_ride_minutes=int(settings["max_ride_minutes"]),
            max_route_minutes=int(settings["max_route_minutes"]),
            min_riders=int(settings["min_riders"]),
            stop_minutes=int(settings["stop_minutes"]),
        ),
        travel=TravelSettings(
            detour_factor=float(travel["detour_factor"]),
            short_detour_factor=float(travel.get("short_detour_factor", travel["detour_factor"])),
            detour_taper_km=float(travel.get("detour_taper_km", 0.0)),
            speed_bands=tuple(SpeedBand(**band) for band in travel["speed_bands"]),
        ),
        solver=SolverSettings(**settings["solver"]),
        replan=_replan(settings.get("replan", {})),
        quarantine=QuarantineParams(**settings["quarantine"]),
        output=OutputSettings(**settings.get("output", {})),
    )


def _seating(doc: Document) -> SeatingPolicy:
    policy = doc["policy"]
    return SeatingPolicy(**doc | {"policy": POLICY_ALIASES.get(policy, policy)})


def _announced(rules: ReplanRules) -> str | list[str]:
    return rules.announced if isinstance(rules.announced, str) else list(rules.announced)


def _replan(doc: Document) -> ReplanRules:
    announced = doc.get("announced", "none")
    shift = int(doc.get("max_shift_minutes", ReplanRules().max_shift_minutes))
    if announced in ("all", "none"):
        return ReplanRules(announced=announced, max_shift_minutes=shift)
    return ReplanRules(announced=tuple(str(b) for b in announced), max_shift_minutes=shift)


def _cause_document(cause: Cause) -> Document:
    """A cause as plan.json keeps it: its kind, with its detail and member when any."""
    return {"kind": cause.kind} | {
        k: v for k, v in (("detail", cause.detail), ("member", cause.member)) if v
    }


def _cause_from(cause: Document) -> Cause:
    if cause["kind"] not in get_args(CauseKind):
        raise ValueError(f"not a cause of quarantine: {cause['kind']!r}")
    return Cause(
        kind=cause["kind"], detail=str(cause.get("detail", "")), member=str(cause.get("member", ""))
    )


def _screening(screening: Document) -> ScreeningPolicy:
    return ScreeningPolicy(
        quarantine_risk_levels=tuple(screening["quarantine_risk_levels"]),
        quarantine_health_codes=tuple(screening["quarantine_health_codes"]),
        quarantine_self_return_from_outside=bool(screening["quarantine_self_return_from_outside"]),
        home_province=str(screening["home_province"]),
        close_contacts=screening.get("close_contacts", "hold"),
    )


def _latlon(item: Document) -> LatLon:
    return LatLon(float(item["lat"]), float(item["lon"]))


def _site_from(site: Document) -> Site:
    return Site(id=str(site["id"]), name=str(site["name"]), location=_latlon(site))


def _dormitory_from(dorm: Document) -> Dormitory:
    return Dormitory(
        id=str(dorm["dorm_id"]),
        name=str(dorm["name"]),
        location=_latlon(dorm),
        rooms=tuple(
            Room(number=str(number), capacity=int(capacity))
            for number, capacity in dorm["room_capacity"].items()
        ),
        sex=None if dorm["sex"] == "any" else dorm["sex"],
        isolation=bool(dorm["isolation"]),
        available_from=_day_from(dorm["available_from"]),
        available_to=_day_from(dorm["available_to"]),
        employer=str(dorm["employer"]),
    )


def _day_from(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def _bus_type(bus: Document) -> BusType:
    fields = {k: v for k, v in bus.items() if k != "capacity_effective"}
    return BusType(**fields)


def _point_from(point: Document) -> PickupPoint:
    return PickupPoint(
        id=str(point["point_id"]),
        location=_latlon(point),
        worker_ids=tuple(point["worker_ids"]),
        division_code=str(point.get("division_code", "")),
        name=str(point.get("name", "")),
    )


def _route_from(route: Document) -> Route:
    seats = route.get("seats_assigned", {})
    stops = tuple(
        Stop(
            seq=int(s["seq"]),
            point_id=str(s["point_id"]),
            location=_latlon(s),
            arrive=datetime.fromisoformat(s["arrive_time"]),
            worker_ids=tuple(s["worker_ids"]),
            kind="dropoff" if s.get("kind") == "dropoff" else "pickup",
        )
        for s in route["stops"]
    )
    return Route(
        bus_id=str(route["bus_id"]),
        locked=bool(route.get("locked", False)),
        under_minimum=bool(route.get("under_minimum", False)),
        bus_type=str(route["bus_type"]),
        seats=int(route["seats"]),
        capacity_effective=int(route["capacity_effective"]),
        depot_id=str(route["depot_id"]),
        depart=datetime.fromisoformat(route["depart_time"]),
        stops=tuple(s for s in stops if s.kind == "pickup"),
        dropoffs=tuple(s for s in stops if s.kind == "dropoff"),
        breaks=tuple(_break_from(b) for b in route.get("breaks", ())),
        layover=_break_from(route["layover"]) if route.get("layover") else None,
        relays=tuple(datetime.fromisoformat(t) for t in route.get("relays", ())),
        drivers=int(route.get("drivers", 1)),
        driving_seconds=round(float(route.get("driving_minutes", 0)) * 60),
        end_location=_latlon(route["end"]),
        end_arrive=datetime.fromisoformat(route["end"]["arrive_time"]),
        distance_m=round(float(route["distance_km"]) * 1000),
        cost=float(route["cost"]),
        seat_map=tuple(Seat(worker_id=w, label=label) for w, label in seats.items()),
        direct=tuple((str(w), int(s)) for w, s in route.get("direct_seconds", {}).items()),
    )


def _break_from(stop: Document) -> Break:
    seconds = stop.get("seconds")
    return Break(
        start=datetime.fromisoformat(stop["start"]),
        seconds=int(seconds) if seconds is not None else int(stop["minutes"]) * 60,
    )


def _unassigned_document(entry: Unassigned) -> Document:
    """An unassigned worker; ``reason`` in English, ``reason_text`` to say it in Chinese."""
    doc: Document = {
        "worker_id": entry.worker_id,
        "row": entry.row,
        "stage": entry.stage,
        "reason": str(entry.reason),
    }
    said = text.to_document(entry.reason)
    return doc | ({"reason_text": said} if said else {})


def _unassigned(entry: Document) -> Unassigned:
    return Unassigned(
        worker_id=str(entry["worker_id"]),
        stage=entry["stage"],
        reason=text.from_document(str(entry["reason"]), entry.get("reason_text")),
        row=None if entry["row"] is None else int(entry["row"]),
    )


def _bed(bed: Document) -> BedAssignment:
    return BedAssignment(
        worker_id=str(bed["worker_id"]),
        dorm_id=str(bed["dorm_id"]),
        room=str(bed["room"]),
        bed=int(bed["bed"]),
        start=date.fromisoformat(bed["start_date"]),
        end=date.fromisoformat(bed["end_date"]),
        batch=str(bed.get("batch", "")),
        bus_id=str(bed.get("bus_id", "")),
        # Absent from plans written before beds released early were shown.
        released_on=date.fromisoformat(bed["released_on"]) if bed.get("released_on") else None,
    )
