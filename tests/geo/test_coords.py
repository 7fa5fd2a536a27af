"""Coordinate conversions against published reference points, and round trips."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from returnbus.domain import LatLon
from returnbus.geo.coords import (
    bd09_to_gcj02,
    bd09_to_wgs84,
    gcj02_to_bd09,
    gcj02_to_wgs84,
    to_wgs84,
    wgs84_to_bd09,
    wgs84_to_gcj02,
)


def _metres(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Distance in metres between two (lat, lon) points (equirectangular)."""
    dlat = math.radians(a[0] - b[0])
    dlon = math.radians(a[1] - b[1]) * math.cos(math.radians(a[0]))
    return 6_371_000.0 * math.hypot(dlat, dlon)


# (wgs84 (lat, lon), gcj02 (lat, lon)) from googollee/eviltransform,
# python/test.py, TESTS (Shanghai, Shenzhen, Beijing).
EVILTRANSFORM = [
    ((31.1774276, 121.5272106), (31.17530398364597, 121.531541859215)),
    ((22.543847, 113.912316), (22.540796131694766, 113.9171764808363)),
    ((39.911954, 116.377817), (39.91334545536069, 116.38404722455657)),
]


@pytest.mark.parametrize(("wgs", "gcj"), EVILTRANSFORM)
def test_wgs84_to_gcj02_matches_eviltransform(
    wgs: tuple[float, float], gcj: tuple[float, float]
) -> None:
    """WGS-84 -> GCJ-02 reproduces eviltransform's test vectors to 1e-9 degrees."""
    got = wgs84_to_gcj02(wgs)
    assert got.lat == pytest.approx(gcj[0], abs=1e-9)
    assert got.lon == pytest.approx(gcj[1], abs=1e-9)


@pytest.mark.parametrize(("wgs", "gcj"), EVILTRANSFORM)
def test_gcj02_to_wgs84_inverts_eviltransform(
    wgs: tuple[float, float], gcj: tuple[float, float]
) -> None:
    """The iterative inverse recovers eviltransform's WGS-84 inputs to 1 mm."""
    assert _metres(gcj02_to_wgs84(gcj), wgs) < 0.001


def test_coordtransform_reference_point() -> None:
    """wandergis/coordtransform test/app.js: (lon 116.404, lat 39.915) in all directions."""
    point = (39.915, 116.404)
    assert wgs84_to_gcj02(point) == pytest.approx((39.91640428150164, 116.41024449916938))
    assert gcj02_to_bd09(point) == pytest.approx((39.92133699351021, 116.41036949371029))
    # coordtransform's bd09togcj02 and gcj02towgs84 are one-step
    # approximations; ours iterate, so agree to a metre, not to the digit.
    assert _metres(bd09_to_gcj02(point), (39.90865673957631, 116.39762729119315)) < 0.1
    assert _metres(gcj02_to_wgs84(point), (39.91359571849836, 116.39775550083061)) < 5


def test_gcoord_reference_point() -> None:
    """hujiulong/gcoord test/unit/crs/GCJ02.spec.js: [123, 45] GCJ-02 to WGS-84 and BD-09."""
    point = (45.0, 123.0)
    assert gcj02_to_wgs84(point) == pytest.approx((44.99804071, 122.99395597), abs=1e-5)
    assert gcj02_to_bd09(point) == pytest.approx((45.00636899, 123.00636499), abs=1e-5)


def test_points_outside_china_are_unchanged() -> None:
    """The GCJ functions leave points outside China alone, as the published formula does."""
    paris = (48.8566, 2.3522)
    assert wgs84_to_gcj02(paris) == paris
    assert gcj02_to_wgs84(paris) == paris


def test_offset_in_chongqing_is_about_500_m() -> None:
    """In Jiangjin the GCJ-02 shift is east and south, about half a kilometre."""
    jiangjin = (29.292922, 106.255533)
    gcj = wgs84_to_gcj02(jiangjin)
    assert gcj.lon > jiangjin[1]
    assert gcj.lat < jiangjin[0]
    assert 300 < _metres(gcj, jiangjin) < 700


def test_to_wgs84_dispatches_on_system() -> None:
    """to_wgs84 returns WGS-84 unchanged and inverts GCJ-02 and BD-09."""
    wgs = LatLon(29.292922, 106.255533)
    assert to_wgs84(wgs, "wgs84") == wgs
    assert _metres(to_wgs84(wgs84_to_gcj02(wgs), "gcj02"), wgs) < 0.01
    assert _metres(to_wgs84(wgs84_to_bd09(wgs), "bd09"), wgs) < 0.01
    with pytest.raises(ValueError, match="unknown coordinate system"):
        to_wgs84(wgs, "utm")  # type: ignore[arg-type]


china = st.tuples(
    st.floats(min_value=18.0, max_value=53.0),
    st.floats(min_value=74.0, max_value=134.0),
)


@given(china)
def test_gcj02_round_trip_under_a_millimetre(point: tuple[float, float]) -> None:
    """WGS-84 -> GCJ-02 -> WGS-84 returns within 1 mm anywhere in China."""
    assert _metres(gcj02_to_wgs84(wgs84_to_gcj02(point)), point) < 0.001


@given(china)
def test_bd09_round_trip_under_a_millimetre(point: tuple[float, float]) -> None:
    """WGS-84 -> BD-09 -> WGS-84 and GCJ-02 -> BD-09 -> GCJ-02 return within 1 mm."""
    assert _metres(bd09_to_wgs84(wgs84_to_bd09(point)), point) < 0.001
    assert _metres(bd09_to_gcj02(gcj02_to_bd09(point)), point) < 0.001
