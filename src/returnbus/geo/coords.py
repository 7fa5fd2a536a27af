"""Convert points between WGS-84, GCJ-02 and BD-09.

returnbus stores and computes in WGS-84 (GPS, OSM).  Chinese map services do
not: AMap/Gaode, Tencent and Google China return GCJ-02 ("Mars" coordinates),
Baidu returns BD-09.  These functions convert at the edges of the program.

Every function takes and returns ``(lat, lon)``, latitude first, like
:class:`returnbus.domain.LatLon`; the published JavaScript/C versions
(coordtransform, eviltransform) take ``(lon, lat)``, so mind the order when
comparing.

The GCJ-02 offset is the widely published formula (Krasovsky semi-major axis
6378245 m).  As that formula does, the GCJ functions leave points outside
China's bounding box unchanged.  The GCJ-02 and BD-09 inverses are solved by
fixed-point iteration, so a round trip is exact to well under a millimetre.
"""

from __future__ import annotations

import math
from typing import Literal

from ..domain import LatLon

CoordSystem = Literal["wgs84", "gcj02", "bd09"]

_A = 6378245.0  # Krasovsky 1940 semi-major axis, as in the published formula
_EE = 0.00669342162296594323  # its first eccentricity squared
_X_PI = math.pi * 3000.0 / 180.0  # BD-09's rotation constant
_TOLERANCE_DEG = 1e-10  # about 0.01 mm: stop iterating below this
_MAX_ITERATIONS = 30


def _out_of_china(lat: float, lon: float) -> bool:
    """The coarse bounding box the published formula uses."""
    return not (73.66 < lon < 135.05 and 3.86 < lat < 53.55)


def _transform_lat(x: float, y: float) -> float:
    ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y
    ret += 0.2 * math.sqrt(abs(x))
    ret += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2 / 3
    ret += (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2 / 3
    ret += (160.0 * math.sin(y / 12.0 * math.pi) + 320 * math.sin(y * math.pi / 30.0)) * 2 / 3
    return ret


def _transform_lon(x: float, y: float) -> float:
    ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y
    ret += 0.1 * math.sqrt(abs(x))
    ret += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2 / 3
    ret += (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2 / 3
    ret += (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2 / 3
    return ret


def _gcj_offset(lat: float, lon: float) -> tuple[float, float]:
    """The GCJ-02 shift ``(dlat, dlon)`` in degrees at a WGS-84 point."""
    dlat = _transform_lat(lon - 105.0, lat - 35.0)
    dlon = _transform_lon(lon - 105.0, lat - 35.0)
    rad_lat = lat / 180.0 * math.pi
    magic = 1.0 - _EE * math.sin(rad_lat) ** 2
    sqrt_magic = math.sqrt(magic)
    dlat = (dlat * 180.0) / ((_A * (1.0 - _EE)) / (magic * sqrt_magic) * math.pi)
    dlon = (dlon * 180.0) / (_A / sqrt_magic * math.cos(rad_lat) * math.pi)
    return dlat, dlon


def wgs84_to_gcj02(point: tuple[float, float]) -> LatLon:
    """WGS-84 ``(lat, lon)`` to GCJ-02; points outside China are returned as is."""
    lat, lon = point
    if _out_of_china(lat, lon):
        return LatLon(lat, lon)
    dlat, dlon = _gcj_offset(lat, lon)
    return LatLon(lat + dlat, lon + dlon)


def gcj02_to_wgs84(point: tuple[float, float]) -> LatLon:
    """GCJ-02 ``(lat, lon)`` to WGS-84 by iterating the forward formula.

    The one-step inverse that most libraries ship is off by up to a few
    metres; iterating until the forward image matches makes it exact to well
    under a millimetre.  Points outside China are returned as is.
    """
    lat, lon = point
    if _out_of_china(lat, lon):
        return LatLon(lat, lon)
    wlat, wlon = lat, lon
    for _ in range(_MAX_ITERATIONS):
        glat, glon = wgs84_to_gcj02((wlat, wlon))
        err_lat, err_lon = glat - lat, glon - lon
        wlat -= err_lat
        wlon -= err_lon
        if abs(err_lat) < _TOLERANCE_DEG and abs(err_lon) < _TOLERANCE_DEG:
            break
    return LatLon(wlat, wlon)


def gcj02_to_bd09(point: tuple[float, float]) -> LatLon:
    """GCJ-02 ``(lat, lon)`` to Baidu's BD-09."""
    lat, lon = point
    z = math.sqrt(lon * lon + lat * lat) + 0.00002 * math.sin(lat * _X_PI)
    theta = math.atan2(lat, lon) + 0.000003 * math.cos(lon * _X_PI)
    return LatLon(z * math.sin(theta) + 0.006, z * math.cos(theta) + 0.0065)


def _bd09_to_gcj02_once(lat: float, lon: float) -> tuple[float, float]:
    """Baidu's published one-step inverse (good to about a decimetre)."""
    x = lon - 0.0065
    y = lat - 0.006
    z = math.sqrt(x * x + y * y) - 0.00002 * math.sin(y * _X_PI)
    theta = math.atan2(y, x) - 0.000003 * math.cos(x * _X_PI)
    return z * math.sin(theta), z * math.cos(theta)


def bd09_to_gcj02(point: tuple[float, float]) -> LatLon:
    """BD-09 ``(lat, lon)`` to GCJ-02, refined so the round trip is exact."""
    lat, lon = point
    glat, glon = _bd09_to_gcj02_once(lat, lon)
    for _ in range(_MAX_ITERATIONS):
        blat, blon = gcj02_to_bd09((glat, glon))
        err_lat, err_lon = blat - lat, blon - lon
        glat -= err_lat
        glon -= err_lon
        if abs(err_lat) < _TOLERANCE_DEG and abs(err_lon) < _TOLERANCE_DEG:
            break
    return LatLon(glat, glon)


def bd09_to_wgs84(point: tuple[float, float]) -> LatLon:
    """BD-09 ``(lat, lon)`` to WGS-84 (through GCJ-02)."""
    return gcj02_to_wgs84(bd09_to_gcj02(point))


def wgs84_to_bd09(point: tuple[float, float]) -> LatLon:
    """WGS-84 ``(lat, lon)`` to BD-09 (through GCJ-02)."""
    return gcj02_to_bd09(wgs84_to_gcj02(point))


def to_wgs84(point: tuple[float, float], system: CoordSystem) -> LatLon:
    """Convert ``point`` given in ``system`` to WGS-84.

    Parameters
    ----------
    point:
        ``(lat, lon)`` in degrees.
    system:
        ``"wgs84"`` (returned unchanged), ``"gcj02"`` (AMap/Gaode, Tencent)
        or ``"bd09"`` (Baidu).
    """
    if system == "wgs84":
        return LatLon(float(point[0]), float(point[1]))
    if system == "gcj02":
        return gcj02_to_wgs84(point)
    if system == "bd09":
        return bd09_to_wgs84(point)
    raise ValueError(f"unknown coordinate system {system!r}; use 'wgs84', 'gcj02' or 'bd09'")
