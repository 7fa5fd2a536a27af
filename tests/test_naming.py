"""Pickup points named as drivers and workers know them, with 高德 coordinates and links."""

from __future__ import annotations

import re
from urllib.parse import unquote

import pytest

from returnbus.domain import LatLon
from returnbus.geo.coords import gcj02_to_wgs84
from returnbus.naming import amap_link, gcj02, village_of

from .helpers import PlannedBatch


@pytest.mark.parametrize(
    ("address", "village"),
    [
        ("贵州省遵义市桐梓县娄山关街道杉树湾村5组12号", "杉树湾村"),
        ("贵州遵义桐梓娄山关镇某村3组", "某村"),
        ("河南省信阳市平桥区明港镇新集社区", "新集社区"),
        ("湖北省恩施州利川市东城街道办事处滨江社区居委会", "滨江社区"),
        ("重庆市江津区德感街道", ""),
        ("四川省泸州市合江县", ""),
    ],
)
def test_the_village_an_address_names(address: str, village: str) -> None:
    assert village_of(address) == village


def test_a_navigation_link_goes_to_the_point_in_gcj02() -> None:
    """The link's coordinates are the point shifted to GCJ-02, which 高德 uses."""
    here = LatLon(28.1186, 106.8240)
    shown = gcj02(here)
    back = gcj02_to_wgs84(shown)
    assert abs(back.lat - here.lat) < 1e-5 and abs(back.lon - here.lon) < 1e-5
    assert 0.001 < abs(shown.lon - here.lon) < 0.01  # the shift is real, and small
    link = amap_link(here, "娄山关街道 杉树湾村")
    found = re.search(r"to=([\d.]+),([\d.]+),([^&]+)&", link)
    assert found is not None
    assert (float(found.group(2)), float(found.group(1))) == (shown.lat, shown.lon)
    assert unquote(found.group(3)) == "娄山关街道 杉树湾村"


def test_every_pickup_point_has_a_chinese_name_and_a_link(planned: PlannedBatch) -> None:
    """plan.json's pickup points are named from the gazetteer, with GCJ-02 and a link."""
    points = planned.plan["pickup_points"]
    assert points
    for point in points:
        assert re.search(r"[\u4e00-\u9fff]", point["name"]), point
        assert point["amap"].startswith("https://uri.amap.com/navigation?to=")
        assert abs(point["lat_gcj02"] - point["lat"]) < 0.01
    assert any(" " in p["name"] for p in points)  # some carry their village too
