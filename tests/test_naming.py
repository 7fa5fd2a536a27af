"""Pickup points named as drivers and workers know them, with 高德 coordinates and links."""

from __future__ import annotations

import re
from urllib.parse import unquote

import pytest

from returnbus.domain import LatLon, PickupPoint, Place, Worker
from returnbus.geo.coords import gcj02_to_wgs84
from returnbus.naming import amap_link, gcj02, name_points, village_of

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


def test_a_point_at_its_townships_point_is_not_named_after_a_village() -> None:
    """Homes placed only to their township stand at the township's point: a
    bus stopping there is not in 双水村, whatever the addresses say.  A point
    at a home placed exactly is named after its village."""
    seat, house = LatLon(25.2060, 105.0459), LatLon(25.2213, 105.0702)
    at_seat = [
        Worker(id=f"T{k}", row=k + 2, name="x", address=f"贵州省兴义市万屯镇{village}3组",
               home=seat, precision="township", division_code="522301100")
        for k, village in enumerate(["双水村", "双水村", "河山村"])
    ]  # fmt: skip
    exact = Worker(id="E1", row=9, name="y", address="贵州省兴义市万屯镇河山村2组",
                   home=house, precision="exact", division_code="522301100")  # fmt: skip
    points = [
        PickupPoint(id="P1", location=seat, worker_ids=("T0", "T1"), division_code="522301100"),
        PickupPoint(id="P2", location=seat, worker_ids=("T2",), division_code="522301100"),
        PickupPoint(id="P3", location=house, worker_ids=("E1",), division_code="522301100"),
    ]
    known = {"522301100": Place(county="贵州省黔西南州兴义市", township="万屯镇")}
    names = [p.name for p in name_points(points, [*at_seat, exact], known)]
    assert names == ["万屯镇", "万屯镇", "万屯镇 河山村"]
