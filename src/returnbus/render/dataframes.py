"""A plan as pandas tables: riders, buses, stops, beds, self-returners and
the unassigned, one row each, keyed by plain column names.

The desk's lists are built from these tables, and an analyst gets them
from ``returnbus.render.frames(plan)`` to filter, join and count in a
notebook.  They hold names and full phones: they are for the desk.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pandas as pd

from ..domain import Place, Worker
from ..plan import Plan
from ..text import Lang, say
from .stops import dropoff_names

RIDER_COLUMNS = (
    "worker_id",
    "name",
    "phone",
    "employer",
    "home_county",
    "bus",
    "bus_type",
    "stop",
    "pickup",
    "pickup_time",
    "dropoff",
    "arrive",
    "cost_share",
)
BUS_COLUMNS = (
    "bus",
    "bus_type",
    "seats",
    "riders",
    "stops",
    "depart",
    "arrive",
    "km",
    "drivers",
    "cost",
    "under_minimum",
    "locked",
)
STOP_COLUMNS = ("bus", "seq", "kind", "place", "name", "lat", "lon", "time", "riders")
BED_COLUMNS = (
    "worker_id",
    "name",
    "phone",
    "gender",
    "dormitory",
    "room",
    "bed",
    "from",
    "until",
    "bus",
)
SELF_RETURN_COLUMNS = ("worker_id", "name", "phone", "employer", "home_county")
UNASSIGNED_COLUMNS = (
    "worker_id",
    "row",
    "stage",
    "reason",
    "name",
    "phone",
    "employer",
    "home_county",
)


@dataclass(frozen=True, slots=True, kw_only=True)
class PlanFrames:
    """The plan's tables; times are ``datetime``, dates ``date``."""

    riders: pd.DataFrame
    buses: pd.DataFrame
    stops: pd.DataFrame
    beds: pd.DataFrame
    self_return: pd.DataFrame
    unassigned: pd.DataFrame


def frames(plan: Plan, lang: Lang = "zh") -> PlanFrames:
    """The plan as tables, reasons said in ``lang``."""
    everyone = (*plan.batch.rejected, *plan.workers)
    people = {w.id: w for w in everyone}
    # A 工号 on two rows is two people: such rows are found by their row.
    twice = {i for i, n in Counter(w.id for w in everyone).items() if n > 1}
    at_row = {(w.id, w.row): w for w in everyone}
    employer = _employer_names(plan)
    county = _county(plan.batch.places)
    points = {p.id: p.name or p.id for p in plan.pickup_points}
    sites = dropoff_names(plan.batch, lang)
    dorms = {d.id: d.name for d in plan.batch.dormitories}

    def person(worker_id: str, row: int | None = None) -> dict[str, object]:
        worker = at_row.get((worker_id, row or 0)) if worker_id in twice else people.get(worker_id)
        return {
            "worker_id": worker_id,
            "name": worker.name if worker else "",
            "phone": worker.phone if worker else "",
            "employer": employer(worker.employer) if worker else "",
            "home_county": county(worker) if worker else "",
        }

    riders, buses, stops = [], [], []
    for route in plan.routes:
        alight = {w: stop for stop in route.dropoffs for w in stop.worker_ids}
        for stop in route.stops:
            for worker_id in stop.worker_ids:
                off = alight.get(worker_id)
                riders.append(
                    {
                        **person(worker_id),
                        "bus": route.bus_id,
                        "bus_type": route.bus_type,
                        "stop": stop.seq,
                        "pickup": points.get(stop.point_id, stop.point_id),
                        "pickup_time": stop.arrive,
                        "dropoff": sites.get(off.point_id, off.point_id) if off else "",
                        "arrive": off.arrive if off else route.end_arrive,
                        "cost_share": route.cost / route.riders,
                    }
                )
        buses.append(
            {
                "bus": route.bus_id,
                "bus_type": route.bus_type,
                "seats": route.seats,
                "riders": route.riders,
                "stops": len(route.stops),
                "depart": route.depart,
                "arrive": route.end_arrive,
                "km": round(route.distance_m / 1000, 1),
                "drivers": route.drivers,
                "cost": route.cost,
                "under_minimum": route.under_minimum,
                "locked": route.locked,
            }
        )
        for stop in (*route.stops, *route.dropoffs):
            pickup = stop.kind == "pickup"
            stops.append(
                {
                    "bus": route.bus_id,
                    "seq": stop.seq,
                    "kind": stop.kind,
                    "place": stop.point_id,
                    "name": (points if pickup else sites).get(stop.point_id, stop.point_id),
                    "lat": stop.location.lat,
                    "lon": stop.location.lon,
                    "time": stop.arrive,
                    "riders": len(stop.worker_ids),
                }
            )
    beds = [
        {
            "worker_id": bed.worker_id,
            "name": person(bed.worker_id)["name"],
            "phone": person(bed.worker_id)["phone"],
            # A sex unknown is "", not None: a join makes None NaN, which is truthy.
            "gender": (people[bed.worker_id].sex or "") if bed.worker_id in people else "",
            "dormitory": dorms.get(bed.dorm_id, bed.dorm_id),
            "room": bed.room,
            "bed": bed.bed,
            "from": bed.start,
            "until": bed.end,
            "bus": bed.bus_id,
        }
        for bed in plan.beds
    ]
    unassigned = [
        {
            **person(entry.worker_id, entry.row),
            "row": entry.row or "",
            "stage": entry.stage,
            "reason": say(entry.reason, lang),
        }
        for entry in plan.unassigned
    ]
    return PlanFrames(
        riders=pd.DataFrame(riders, columns=list(RIDER_COLUMNS)),
        buses=pd.DataFrame(buses, columns=list(BUS_COLUMNS)),
        stops=pd.DataFrame(stops, columns=list(STOP_COLUMNS)),
        beds=pd.DataFrame(beds, columns=list(BED_COLUMNS)),
        self_return=pd.DataFrame(
            [person(w) for w in plan.self_return], columns=list(SELF_RETURN_COLUMNS)
        ),
        unassigned=pd.DataFrame(unassigned, columns=list(UNASSIGNED_COLUMNS)),
    )


def _employer_names(plan: Plan) -> Callable[[str], str]:
    names = {e.id: e.name for e in plan.batch.employers}
    return lambda key: names.get(key, key)


def _county(places: Mapping[str, Place]) -> Callable[[Worker], str]:
    def county(worker: Worker) -> str:
        place = places.get(worker.division_code)
        return place.county if place else ""

    return county
