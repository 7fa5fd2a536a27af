"""Names for pickup points, as a driver and the workers know the place.

A point is named after the township of the home it stands at, and after
the village when the riders' addresses name one (the most common among
them), so that ``娄山关街道 杉树湾村`` is a place a driver can ask for.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace
from urllib.parse import quote

from .domain import LatLon, PickupPoint, Place, Worker
from .geo.coords import wgs84_to_gcj02
from .geo.gazetteer import Division, Gazetteer

#: What ends a village's name, and what ends the division before it.
_VILLAGE_END = re.compile(r"村|社区|居委会")
_BEFORE_VILLAGE = "镇乡道处县区市省"


def places(codes: Sequence[str], gazetteer: Gazetteer) -> dict[str, Place]:
    """Each division code's county (in full) and township, from the gazetteer."""
    found: dict[str, Place] = {}
    for code in sorted(set(codes)):
        try:
            division = gazetteer.get(code)
        except KeyError:
            continue
        county = "".join(
            dict.fromkeys(p for p in (division.province, division.prefecture, division.county) if p)
        )
        township = division.name if division.level == "township" else ""
        seat = _county_of(division, gazetteer)
        found[code] = Place(
            county=county or division.full_name,
            township=township,
            county_code=seat.code if seat else "",
            county_seat=seat.location if seat else None,
            township_point=division.location if township else None,
        )
    return found


def _county_of(division: Division, gazetteer: Gazetteer) -> Division | None:
    """The county a division lies in (itself if a county), or None above county level."""
    if division.level == "county":
        return division
    return next((d for d in gazetteer.ancestors(division.code) if d.level == "county"), None)


def village_of(address: str) -> str:
    """The village an address names (``杉树湾村``, ``新集社区``), or ""."""
    for end in _VILLAGE_END.finditer(address):
        head = address[: end.start()]
        start = max(head.rfind(c) for c in _BEFORE_VILLAGE) + 1
        name = head[start:]
        if 0 < len(name) <= 8 and not any(c.isdigit() for c in name):
            return name + end.group()
    return ""


def name_points(
    points: Sequence[PickupPoint], workers: Sequence[Worker], known: Mapping[str, Place]
) -> list[PickupPoint]:
    """Points named after their township and, when the riders' addresses say,
    their village; a point that has a name (from an earlier plan) keeps it.
    Only a point at a home placed exactly (by the roster's coordinates or an
    online geocoder's house) is named after a village: one placed at its
    township's point is there, not in the village its riders wait in."""
    by_id = {w.id: w for w in workers}
    named = []
    for point in points:
        if point.name:
            named.append(point)
            continue
        place = known.get(point.division_code)
        riders = [by_id[w] for w in point.worker_ids if w in by_id]
        at_a_home = any(w.precision == "exact" and w.home == point.location for w in riders)
        villages = Counter(v for w in riders if at_a_home and (v := village_of(w.address)))
        parts = [
            place.township or place.county if place else "",
            min(villages, key=lambda v: (-villages[v], v)) if villages else "",
        ]
        named.append(replace(point, name=" ".join(p for p in parts if p) or point.id))
    return named


def gcj02(location: LatLon) -> LatLon:
    """A WGS-84 point as 高德 and Tencent maps show it (GCJ-02), to 6 decimals."""
    shifted = wgs84_to_gcj02(location)
    return LatLon(round(shifted.lat, 6), round(shifted.lon, 6))


def amap_link(location: LatLon, name: str) -> str:
    """A 高德 navigation link to a WGS-84 point: opens the app, or the web map."""
    at = gcj02(location)
    return (
        f"https://uri.amap.com/navigation?to={at.lon},{at.lat},{quote(name)}"
        "&mode=car&coordinate=gaode&callnative=1"
    )
