"""The shipped gazetteer: contents, lookups and fallbacks."""

from __future__ import annotations

from collections import Counter
from importlib.resources import files

import pytest

from returnbus.geo.gazetteer import GENERIC_DISTRICT, Division, Gazetteer


@pytest.fixture(scope="module")
def gaz(gazetteer: Gazetteer) -> Gazetteer:
    """The shipped gazetteer."""
    return gazetteer


def test_counts_match_the_2026_source(gaz: Gazetteer) -> None:
    """All 34 provinces, 333 prefectures, 2,847 counties and 38,749 townships are there."""
    levels = Counter(d.level for d in gaz)
    assert levels == {
        "province": 34,
        "prefecture": 333,
        "county": 2847,
        "township": 38749,
    }


def test_the_shipped_file_carries_no_name_or_time() -> None:
    """The gzip header has no file name and mtime 0: a rebuild gives the same bytes anywhere."""
    header = files("returnbus").joinpath("data", "gazetteer.csv.gz").read_bytes()[:10]
    assert header[:3] == bytes.fromhex("1f8b08")  # gzip, deflate
    assert header[3] == 0  # no flags: no name, no comment, no extra field
    assert header[4:8] == bytes(4)  # mtime 0


def test_get_and_names(gaz: Gazetteer) -> None:
    """get() returns a division with its names filled in from the tree."""
    town = gaz.get("520322001000")
    assert town.name == "娄山关街道"
    assert (town.province, town.prefecture, town.county) == ("贵州省", "遵义市", "桐梓县")
    assert town.full_name == "贵州省遵义市桐梓县娄山关街道"
    assert town.level == "township"
    assert town.location is not None
    assert 28.0 < town.location.lat < 28.3
    assert 106.7 < town.location.lon < 107.0


def test_municipality_has_no_prefecture(gaz: Gazetteer) -> None:
    """Chongqing's districts hang directly under the province-level city."""
    jiangjin = gaz.get("500116000000")
    assert jiangjin.prefecture == ""
    assert jiangjin.parent_code == "500000000000"
    assert jiangjin.full_name == "重庆市江津区"
    assert [d.name for d in gaz.ancestors("500116100000")] == ["重庆市", "江津区"]


def test_unknown_code_raises_key_error(gaz: Gazetteer) -> None:
    """An unknown code raises KeyError naming the code."""
    with pytest.raises(KeyError, match="999999999999"):
        gaz.get("999999999999")
    assert "999999999999" not in gaz
    assert "520322000000" in gaz


def test_children_and_townships(gaz: Gazetteer) -> None:
    """children() lists a county's townships; townships() filters by code prefix."""
    tongzi = gaz.children("520322000000")
    assert tongzi
    assert all(d.level == "township" and d.county == "桐梓县" for d in tongzi)
    guizhou = gaz.townships("52")
    assert len(guizhou) > 1000
    assert all(d.code.startswith("52") and d.level == "township" for d in guizhou)
    assert set(tongzi) <= set(guizhou)


def test_townships_leave_out_abolished_ones(gaz: Gazetteer) -> None:
    """Townships marked 撤销 in the 2026 list are skipped unless asked for."""
    everything = gaz.townships(include_abolished=True)
    abolished = [d for d in everything if d.abolished]
    assert abolished
    assert abolished[0].plain_name in abolished[0].name
    assert "（" not in abolished[0].plain_name
    assert not any(d.abolished for d in gaz.townships())
    assert len(everything) - len(gaz.townships()) == len(abolished)


def test_locate_falls_back_to_the_parent(gaz: Gazetteer) -> None:
    """A division without a point borrows its nearest ancestor's point."""
    no_point = next(d for d in gaz.townships("52") if d.location is None)
    point, used = gaz.locate(no_point.code)
    assert used.code != no_point.code
    assert used.location == point
    assert no_point.code.startswith(used.code.rstrip("0")[:4])
    with_point = gaz.get("520322001000")
    assert gaz.locate(with_point.code) == (with_point.location, with_point)


def test_points_are_wgs84_in_china(gaz: Gazetteer) -> None:
    """Every point lies in China's bounding box; Jiangjin is in WGS-84, not GCJ-02."""
    points = [d.location for d in gaz if d.location is not None]
    assert len(points) > 0.85 * len(gaz)
    # 3.8 degrees north takes in the Nansha islands (三沙市南沙区).
    assert all(3.8 < p.lat < 54 and 73 < p.lon < 136 for p in points)
    jiangjin = gaz.get("500116000000").location
    assert jiangjin is not None
    # GeoNames 1805798 (Jiangjin, WGS-84) is about 630 m away; a GCJ-02 point
    # left unconverted would be about 480 m further east.
    assert jiangjin.lat == pytest.approx(29.2929, abs=0.002)
    assert jiangjin.lon == pytest.approx(106.2555, abs=0.002)


def test_old_names_are_attached(gaz: Gazetteer) -> None:
    """Pre-2020 names point at today's divisions: 宜宾县 -> 叙州区, 柏溪镇 -> 柏溪街道."""
    xuzhou = gaz.get("511504000000")
    assert xuzhou.name == "叙州区"
    assert "宜宾县" in xuzhou.old_names
    baixi = next(d for d in gaz.children(xuzhou.code) if d.name == "柏溪街道")
    assert "柏溪镇" in baixi.old_names
    panzhou = next(d for d in gaz if d.name == "盘州市")
    assert "盘县" in panzhou.old_names


def test_names_dropped_before_2016_are_attached(gaz: Gazetteer) -> None:
    """Former names from the code lists since 1990 point at the divisions holding them today."""
    assert "襄樊市" in gaz.get("420600000000").old_names  # 襄阳市
    assert {"思茅地区", "思茅市"} <= set(gaz.get("530800000000").old_names)  # 普洱市
    assert {"万盛区", "綦江县"} <= set(gaz.get("500110000000").old_names)  # 綦江区
    assert {"双桥区", "大足县"} <= set(gaz.get("500111000000").old_names)  # 大足区
    assert "江津市" in gaz.get("500116000000").old_names
    # Divided: 巢湖市 on each county it held, 襄阳县 on each district holding part of it.
    assert "巢湖市" in gaz.get("340124000000").split_prefectures  # 合肥市庐江县
    assert "巢湖市" in gaz.get("340523000000").split_prefectures  # 马鞍山市和县
    assert "巢湖市" not in gaz.get("340102000000").split_prefectures  # 合肥市瑶海区
    assert "襄阳县" in gaz.get("420607000000").split_names  # 襄州区


def test_a_district_by_direction_is_kept_only_where_renamed_whole(gaz: Gazetteer) -> None:
    """A former 市中区 or 郊区 is an old name of the one district that took all of it, in its city.

    Sichuan had several 市中区: 重庆市's is 渝中区, 广元市's 利州区, and
    泸州市's, divided among three, none.
    """
    assert "市中区" in gaz.get("500103000000").old_names  # 重庆市渝中区
    assert "市中区" in gaz.get("510802000000").old_names  # 广元市利州区
    for code in ("510502000000", "510503000000", "510504000000"):  # 泸州市's three
        d = gaz.get(code)
        assert "市中区" not in (*d.old_names, *d.split_names), code
    holders = Counter(
        (d.parent_code, name) for d in gaz for name in d.old_names if GENERIC_DISTRICT.match(name)
    )
    assert len(holders) > 50
    assert max(holders.values()) == 1  # one district per name and city
    for d in gaz:
        assert not any(GENERIC_DISTRICT.match(n) for n in (*d.split_names, *d.split_prefectures))


def test_divided_names_are_divided_and_never_todays(gaz: Gazetteer) -> None:
    """A split name lies on several counties (or on several under one city without
    prefectures), and no division carries its own name as a former one of its level
    (the county 巢湖市 lay in the former prefecture 巢湖市)."""
    holders: dict[tuple[str, str, str], list[Division]] = {}
    for d in gaz:
        assert d.name not in (*d.old_names, *d.split_names), d.code
        for kind, names in (("county", d.split_names), ("prefecture", d.split_prefectures)):
            assert not names or d.level == "county", d.code
            for name in names:
                holders.setdefault((kind, name, d.code[:2]), []).append(d)
    assert len(holders) > 100
    for (kind, name, _), counties in holders.items():
        parents = {c.parent_code for c in counties}
        if kind == "county":
            assert len(counties) > 1, name
        else:
            assert len(parents) > 1 or gaz.get(parents.pop()).level == "province", name


def test_divisions_are_frozen(gaz: Gazetteer) -> None:
    """Divisions cannot be changed by a caller."""
    d: Division = gaz.get("520322000000")
    with pytest.raises(AttributeError):
        d.name = "x"  # type: ignore[misc]


def test_a_town_moved_to_another_county_since_2016_is_not_taken_as_merged(gaz: Gazetteer) -> None:
    """统景镇 went from 渝北区 to 北碚区: it is 北碚区's, and no town of 两江新区 (渝北区's main
    successor) lists it as merged into it; 渝北区, divided, is a split name of both."""
    town = gaz.get("500109124000")
    assert town.name == "统景镇"
    assert not any("统景镇" in d.merged_names for d in gaz if d.level == "township")
    assert "渝北区" in gaz.get("500109000000").split_names  # 北碚区
    assert "渝北区" in gaz.get("500157000000").split_names  # 两江新区
    assert "渝北区" in gaz.get("500157000000").old_names


def test_a_town_listed_as_abolished_has_its_geonames_point(gaz: Gazetteer) -> None:
    """巷口镇（已撤销）, 武隆区's former seat: no point in the 2026 file, one in GeoNames."""
    town = gaz.get("500156100000")
    assert town.name.startswith("巷口镇")
    assert town.location is not None
    assert town.location != gaz.get("500156000000").location
    assert abs(town.location.lat - 29.328) < 0.01 and abs(town.location.lon - 107.764) < 0.01


def test_a_former_seat_town_is_not_taken_as_merged_into_a_town_farther_off(
    gaz: Gazetteer,
) -> None:
    """合江县's 合江镇, the seat's town, went to the seat's 街道 (no point in the sources), not
    to 白米镇 5 km off; towns merged elsewhere in the county are still listed."""
    baimi = gaz.get("510522117000")
    assert baimi.name == "白米镇"
    assert "合江镇" not in baimi.merged_names
    assert "实录镇" in baimi.merged_names
