"""The geocode stage: give every worker a home point, and keep on the buses
only riders whose home is known well enough and lies in the planning area.

A coordinate from the roster wins (it is already WGS-84: the roster reader
converts GCJ-02 and BD-09); the address is still geocoded for the division
it names, which screening and the planning-area check need.  When the
address names none, the coordinates give the province when the
gazetteer's seats around them leave no doubt (`province_at`), never finer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from .domain import PRECISION_ORDER, LatLon, Precision, Unassigned, Worker
from .errors import InputError
from .geo.gazetteer import Gazetteer
from .geo.geocode import Geocoder, geocode_many
from .geo.nearby import province_at
from .text import Text, joined

MinPrecision = Literal["exact", "township", "county"]


@dataclass(frozen=True, slots=True, kw_only=True)
class PlacementRules:
    """How precisely a bus rider's home must be placed, and where buses go.

    ``planning_area`` names provinces, prefectures or counties (empty:
    anywhere).
    """

    min_precision: MinPrecision = "county"
    planning_area: tuple[str, ...] = ()


def locate_workers(
    workers: Sequence[Worker], geocoder: Geocoder, *, gazetteer: Gazetteer
) -> list[Worker]:
    """Workers with ``home``, ``precision`` and division filled in.

    The division is the one the address names; for a home with roster
    coordinates and an address that names none, the province the
    coordinates lie in, when ``gazetteer`` tells it for sure (else "").
    """
    results = geocode_many(geocoder, [w.address for w in workers])
    located = []
    for worker, result in zip(workers, results, strict=True):
        home: LatLon | None = result.location
        precision: Precision = result.precision
        note = result.note
        code, name = result.division_code, result.division_name
        if worker.roster_location is not None:
            home, precision, note = worker.roster_location, "exact", ""
            province = None if code else province_at(home, gazetteer)
            if province is not None:
                # Screening asks the province: unknown, the worker counts as from outside.
                code, name = province.code, province.full_name
        located.append(
            replace(
                worker,
                home=home,
                precision=precision,
                division_code=code,
                division_name=name,
                placement_note=note,
            )
        )
    return located


def division_prefix(name: str, gazetteer: Gazetteer, *, key: str) -> str:
    """The code prefix of a province, prefecture or county named ``name``.

    ``重庆`` and ``重庆市`` both give ``"50"``; ``遵义市`` gives ``"5203"``.
    """
    wanted = name.strip()
    above_townships = [d for d in gazetteer if d.level != "township"]
    match = next((d for d in above_townships if d.name == wanted), None) or next(
        (
            d
            for d in above_townships
            if d.level == "province" and len(wanted) >= 2 and d.name.startswith(wanted)
        ),
        None,
    )
    if match is not None:
        code = match.code
        while code.endswith("00") and len(code) > 2:
            code = code[:-2]
        return code
    raise InputError(Text("area_unknown", name=name), key=key, hint=Text("area_unknown_action"))


def area_prefixes(rules: PlacementRules, gazetteer: Gazetteer) -> tuple[str, ...]:
    """Division code prefixes of the planning area (empty: anywhere)."""
    return tuple(
        division_prefix(name, gazetteer, key="rules.planning_area") for name in rules.planning_area
    )


def place_riders(
    riders: Sequence[Worker], rules: PlacementRules, *, area: Sequence[str]
) -> tuple[list[Worker], list[Unassigned]]:
    """Riders a bus can be sent for, and the others with the reason."""
    placed, unplaceable = _precise_enough(riders, rules.min_precision)
    inside, outside = _inside_area(placed, area)
    return inside, unplaceable + outside


def _precise_enough(
    riders: Sequence[Worker], min_precision: MinPrecision
) -> tuple[list[Worker], list[Unassigned]]:
    """Riders whose home is known well enough to send a bus there."""
    limit = PRECISION_ORDER.index(min_precision)
    kept, lost = [], []
    for worker in riders:
        if worker.home is not None and PRECISION_ORDER.index(worker.precision) <= limit:
            kept.append(worker)
            continue
        found = (
            Text("not_placed")
            if worker.precision == "none"
            else Text("placed_at", level=Text(f"level_{worker.precision}"))
        )
        needed = Text(f"level_{min_precision}")
        problem = (
            Text("too_coarse_why", found=found, why=worker.placement_note, needed=needed)
            if worker.placement_note
            else Text("too_coarse", found=found, needed=needed)
        )
        reason = joined([problem, Text("too_coarse_action")])
        lost.append(Unassigned(worker_id=worker.id, stage="geocode", reason=reason, row=worker.row))
    return kept, lost


def _inside_area(
    workers: Sequence[Worker], prefixes: Sequence[str]
) -> tuple[list[Worker], list[Unassigned]]:
    """Split off riders whose home division lies outside the planning area.

    An empty area means anywhere.  A home known only by coordinates is kept
    when its division (none, or only the province the coordinates tell) may
    hold part of the area: the area is checked on the address.
    """
    if not prefixes:
        return list(workers), []
    inside, outside = [], []
    for worker in workers:
        known = _significant(worker.division_code)
        if any(known.startswith(p) or p.startswith(known) for p in prefixes):
            inside.append(worker)
            continue
        reason = joined([Text("outside_area"), Text("outside_area_action")])
        outside.append(
            Unassigned(worker_id=worker.id, stage="geocode", reason=reason, row=worker.row)
        )
    return inside, outside


def _significant(code: str) -> str:
    """The part of a 12-digit code that says where: ``"500000000000"`` is
    ``"50"``, ``"520322001000"`` ``"5203220010"``, "" is ""."""
    while code.endswith("00") and len(code) > 2:
        code = code[:-2]
    return code
