"""Which province a point lies in, told from the gazetteer's seats alone.

The gazetteer holds points (the seat of each county and of most
townships), not borders, so a point is given a province only when the
seats around it leave no doubt: the nearest lies close enough, and the
nearest seat of any other province lies well farther.  Counties are not
told: checked against the gazetteer's own townships (each placed by the
seats of the others), the nearest seat's county was wrong for about one
township in thirty even with a 15 km margin, where its province, with the
margins below, was wrong for under one in a thousand (all in the far west,
where seats lie 20 km and more apart).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ..domain import LatLon
from ..travel import great_circle_km
from .gazetteer import Division, Gazetteer

#: Farther than this (km) from every county and township seat, a point is
#: in no place the gazetteer knows well enough: at sea, or in empty land.
FAR_KM = 50.0

#: The nearest seat of another province must lie this much farther (km)
#: than the nearest seat, and at least twice as far: a border may run
#: anywhere between two seats, not only half-way.
MARGIN_KM = 15.0

#: Seats farther than this in latitude (degrees, about 165 km) cannot
#: decide: the nearest is within `FAR_KM`, its rival within twice that.
_WINDOW_DEG = 1.5


@dataclass(frozen=True, slots=True)
class _Seats:
    lat: npt.NDArray[np.float64]
    lon: npt.NDArray[np.float64]
    province: npt.NDArray[np.str_]


@functools.lru_cache(maxsize=4)
def _seats_of(gazetteer: Gazetteer) -> _Seats:
    """Every county and township seat with a point, and its province's code."""
    seats = [
        d
        for d in gazetteer
        if d.level in ("county", "township") and d.location is not None and not d.abolished
    ]
    return _Seats(
        lat=np.array([d.location.lat for d in seats if d.location is not None]),
        lon=np.array([d.location.lon for d in seats if d.location is not None]),
        province=np.array([d.code[:2] for d in seats]),
    )


def province_at(point: LatLon, gazetteer: Gazetteer) -> Division | None:
    """The province ``point`` (WGS-84) lies in, or None when the seats
    around it leave that in doubt (near a border, at sea, far from any)."""
    seats = _seats_of(gazetteer)
    lon_window = _WINDOW_DEG / max(np.cos(np.radians(point.lat)), 0.1)
    near = (np.abs(seats.lat - point.lat) <= _WINDOW_DEG) & (
        np.abs(seats.lon - point.lon) <= lon_window
    )
    if not near.any():
        return None
    km = great_circle_km(point.lat, point.lon, seats.lat[near], seats.lon[near])
    provinces = seats.province[near]
    nearest = int(np.argmin(km))
    closest = float(km[nearest])
    if closest > FAR_KM:
        return None
    others = km[provinces != provinces[nearest]]
    rival = float(others.min()) if others.size else np.inf
    if rival - closest < max(MARGIN_KM, closest):
        return None
    return gazetteer.get(str(provinces[nearest]) + "0" * 10)
