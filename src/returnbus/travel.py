"""Travel distances and times between points.

The default model is offline: great-circle distance times a detour factor,
driven at the average speed of each distance band in turn (the first
kilometres on village roads, the next on county and national roads, the
rest on expressways).  Short legs wind more than long ones: the detour
factor falls from ``short_detour_factor`` at 0 km to ``detour_factor`` at
``detour_taper_km`` of great-circle distance and stays there.  Road km per
great-circle km falls and speed rises with distance, so distances and times
keep the triangle inequality.

The defaults are calibrated against published road distances and times
between 63 pairs of places in south-west China (``tests/data/road_times.csv``,
with sources; ``benchmarks/travel.py`` prints the error by distance band):
the median error on time is about 11 % (it was 24 % with the first model,
which was 1.3 to 1.7 times too slow on expressway legs).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
import numpy.typing as npt

from .domain import LatLon

#: Mean earth radius in km, the value geopy's great_circle uses.
EARTH_RADIUS_KM = 6371.009

IntMatrix = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True, kw_only=True)
class SpeedBand:
    """Average speed for the part of a leg up to ``up_to_km`` (None: the rest)."""

    up_to_km: float | None
    kmh: float


@dataclass(frozen=True, slots=True, kw_only=True)
class TravelSettings:
    """Offline travel model: great-circle distance times a detour factor
    (``short_detour_factor`` at 0 km, falling to ``detour_factor`` at
    ``detour_taper_km`` great-circle km), driven at the speed of each
    distance band in turn."""

    detour_factor: float = 1.2
    short_detour_factor: float = 1.7
    detour_taper_km: float = 100.0
    speed_bands: tuple[SpeedBand, ...] = (
        SpeedBand(up_to_km=5, kmh=25),
        SpeedBand(up_to_km=30, kmh=35),
        SpeedBand(up_to_km=100, kmh=70),
        SpeedBand(up_to_km=None, kmh=85),
    )

    def road_km(self, straight_km: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        """Road km for great-circle km: the detour factor tapers with distance."""
        share = np.clip(straight_km / max(self.detour_taper_km, 1e-9), 0.0, 1.0)
        factor = self.short_detour_factor + (self.detour_factor - self.short_detour_factor) * share
        road: npt.NDArray[np.float64] = straight_km * factor
        return road


@dataclass(frozen=True, slots=True)
class TravelMatrix:
    """Integer metres and seconds between points, indexed like the input."""

    metres: IntMatrix
    seconds: IntMatrix


class TravelModel(Protocol):
    """Anything that turns points into a travel matrix."""

    def matrix(self, points: Sequence[LatLon]) -> TravelMatrix:
        """Distances and times from every point to every point."""
        ...


def great_circle_km(
    lat1: npt.ArrayLike, lon1: npt.ArrayLike, lat2: npt.ArrayLike, lon2: npt.ArrayLike
) -> npt.NDArray[np.float64]:
    """Great-circle distance in km (haversine), broadcast over arrays."""
    p1, l1, p2, l2 = (np.radians(np.asarray(x, dtype=np.float64)) for x in (lat1, lon1, lat2, lon2))
    h = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin((l2 - l1) / 2) ** 2
    distance: npt.NDArray[np.float64] = (
        2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))
    )
    return distance


def drive_hours(
    road_km: npt.NDArray[np.float64], bands: Sequence[SpeedBand]
) -> npt.NDArray[np.float64]:
    """Hours to drive ``road_km``, each distance band at its own speed."""
    hours = np.zeros_like(road_km)
    start = 0.0
    for band in bands:
        end = np.inf if band.up_to_km is None else band.up_to_km
        hours += np.clip(road_km - start, 0.0, end - start) / band.kmh
        start = end
    return hours


@dataclass(frozen=True, slots=True)
class GreatCircleTravel:
    """The offline default: great-circle km times a detour factor, banded speeds."""

    settings: TravelSettings

    def matrix(self, points: Sequence[LatLon]) -> TravelMatrix:
        """Distances and times from every point to every point."""
        coords = np.asarray(points, dtype=np.float64).reshape(-1, 2)
        lat, lon = coords[:, 0], coords[:, 1]
        road_km = self.settings.road_km(
            great_circle_km(lat[:, None], lon[:, None], lat[None, :], lon[None, :])
        )
        return self._driven(road_km)

    def leg(self, start: LatLon, end: LatLon) -> tuple[int, int]:
        """Metres and seconds of one leg."""
        m = self.matrix([start, end])
        return int(m.metres[0, 1]), int(m.seconds[0, 1])

    def legs(self, starts: Sequence[LatLon], ends: Sequence[LatLon]) -> TravelMatrix:
        """Metres and seconds of each leg from ``starts[i]`` to ``ends[i]``
        (one row each), for many riders at once."""
        return self.between(
            np.asarray(starts, dtype=np.float64).reshape(-1, 2),
            np.asarray(ends, dtype=np.float64).reshape(-1, 2),
        )

    def between(self, starts: npt.ArrayLike, ends: npt.ArrayLike) -> TravelMatrix:
        """Metres and seconds from ``starts`` to ``ends``, arrays of (lat, lon)
        in their last axis, broadcast against each other like numpy's."""
        a = np.asarray(starts, dtype=np.float64)
        b = np.asarray(ends, dtype=np.float64)
        return self.driven(great_circle_km(a[..., 0], a[..., 1], b[..., 0], b[..., 1]))

    def driven(self, great_circle: npt.NDArray[np.float64]) -> TravelMatrix:
        """Metres and seconds of legs of these great-circle km."""
        return self._driven(self.settings.road_km(great_circle))

    def _driven(self, road_km: npt.NDArray[np.float64]) -> TravelMatrix:
        metres = np.rint(road_km * 1000).astype(np.int64)
        seconds = np.rint(drive_hours(road_km, self.settings.speed_bands) * 3600).astype(np.int64)
        return TravelMatrix(metres=metres, seconds=seconds)


@dataclass(frozen=True, slots=True)
class TravelTable:
    """One travel matrix over every place a plan may visit, built once.

    It is itself a `TravelModel`: any list of its places gets its part of
    the matrix, so that every search of a plan shares the one matrix.
    """

    rows: Mapping[LatLon, int]
    whole: TravelMatrix

    @classmethod
    def build(cls, travel: TravelModel, places: Iterable[LatLon]) -> TravelTable:
        """The table of ``places`` (repeats counted once) under ``travel``."""
        rows: dict[LatLon, int] = {}
        for place in places:
            rows.setdefault(LatLon(*place), len(rows))
        return cls(rows=rows, whole=travel.matrix(list(rows)))

    def matrix(self, points: Sequence[LatLon]) -> TravelMatrix:
        """Distances and times between ``points``, all places of the table."""
        index = np.array([self.rows[LatLon(*p)] for p in points], dtype=np.int64)
        grid = np.ix_(index, index)
        return TravelMatrix(metres=self.whole.metres[grid], seconds=self.whole.seconds[grid])
