"""The route map: self-contained, escaped, sharable; and drawn by a real browser."""

from __future__ import annotations

import html
import json
import math
import re
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

import folium
import pytest

from returnbus.domain import LatLon
from returnbus.io.scenario import load_scenario
from returnbus.naming import gcj02
from returnbus.pipeline import make_plan
from returnbus.plan import Plan
from returnbus.planfile import from_document, to_document
from returnbus.render.labels import counted, label
from returnbus.render.maps import _cielab, _summary, bus_colours, colours_apart, route_map
from returnbus.render.papers import build_papers
from returnbus.settings import OutputSettings
from returnbus.text import Lang

from ..helpers import (
    HUB,
    TONGZI,
    XISHUI,
    PlannedBatch,
    worker,
    write_one_place_two_points,
    write_scenario,
)
from .browser import evaluate, evaluate_resized, visit


def embedded(html: str) -> Any:
    """The plan data a map page carries."""
    found = re.search(r'<script type="application/json" id="rb-data">(.*?)</script>', html, re.S)
    assert found is not None
    return json.loads(found.group(1))


def test_map_draws_each_bus_and_carries_masked_phones_only(planned: PlannedBatch) -> None:
    """One layer per bus with its stops; riders shown with masked phones, never in full."""
    html = (planned.out / "map.html").read_text(encoding="utf-8")
    data = embedded(html)
    routes = {r["bus_id"]: r for r in planned.plan["routes"]}
    assert [b["id"] for b in data["buses"]] == list(routes)
    for bus in data["buses"]:
        pickups = [s for s in routes[bus["id"]]["stops"] if s["kind"] == "pickup"]
        assert [len(s["riders"]) for s in bus["stops"]] == [len(s["worker_ids"]) for s in pickups]
    phones = [r["手机号"] for r in planned.roster_rows() if r["手机号"]]
    assert phones and not any(p in html for p in phones)
    shown = [r.split(" ")[-1] for b in data["buses"] for s in b["stops"] for r in s["riders"]]
    assert shown and all(re.fullmatch(r"\d{3}\*{4}\d{4}|（无电话）", p) for p in shown)


def test_a_rider_without_a_phone_is_said_so_on_the_map(tmp_path: Path) -> None:
    """Not a bare name: the desk sees who has no phone to be reached on."""
    rows = [worker("W1", at=TONGZI), worker("W2", at=TONGZI, phone="", name="罗敏")]
    plan = make_plan(load_scenario(write_scenario(tmp_path / "in", rows)))
    riders = [
        r
        for b in embedded(_page(route_map(plan)))["buses"]
        for s in b["stops"]
        for r in s["riders"]
    ]
    assert sorted(riders) == ["测试W1 138****0000", "罗敏 （无电话）"]


def test_a_name_that_looks_like_template_code_is_shown_as_written(tmp_path: Path) -> None:
    """folium renders what each element writes as a Jinja template: a name
    with ``{{`` was computed, one with ``{%`` stopped the map."""
    names = ["{{ 7*7 }}", "{% if x %}"]
    rows = [worker("W1", at=TONGZI, name=names[0]), worker("W2", at=XISHUI, name=names[1])]
    plan = make_plan(load_scenario(write_scenario(tmp_path / "in", rows)))
    data = embedded(_page(route_map(plan)))
    riders = [r for b in data["buses"] for s in b["stops"] for r in s["riders"]]
    assert sorted(r.rsplit(" ", 1)[0] for r in riders) == sorted(names)


def test_a_bus_type_that_looks_like_template_code_is_listed_as_written(tmp_path: Path) -> None:
    """The layer control's script is compiled as a Jinja template again: a
    bus type with ``{#`` stopped the map, one with ``{{`` was computed."""
    fleet = 'id = "C{{ 7*7 }}{#"\nseats = 45\ncount = 4\nfixed_cost = 3000\ncost_per_km = 6'
    rows = [worker("W1", at=TONGZI), worker("W2", at=XISHUI)]
    plan = make_plan(load_scenario(write_scenario(tmp_path / "in", rows, fleet=fleet)))
    page = _page(route_map(plan))
    control = re.search(r"overlays\s*:\s*\{(.*?)\}", page, re.S)
    assert control is not None
    names = [json.loads(key) for key in re.findall(r'("(?:[^"\\]|\\.)*")\s*:', control.group(1))]
    assert any("C&#123;&#123; 7*7 &#125;&#125;&#123;#" in name for name in names), names


def test_map_needs_no_network(planned: PlannedBatch) -> None:
    """No script, stylesheet, font or image is fetched from anywhere."""
    html = (planned.out / "map.html").read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]+src=|<link[^>]+href=|@import|@font-face", html)
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", html)
    assert "L.tileLayer" not in html  # the default base map is the outlines


def test_no_roster_county_shows_a_home(planned: PlannedBatch) -> None:
    """Self-returners and the unassigned are counted per county, at its seat, never at home."""
    data = embedded((planned.out / "map.html").read_text(encoding="utf-8"))
    counted = data["self_return"] + data["unassigned"]
    assert counted and all(c["count"] >= 1 and c["name"] for c in counted)
    homes = {
        (round(float(r["纬度"]), 4), round(float(r["经度"]), 4))
        for r in planned.roster_rows()
        if r["纬度"] and r["经度"]
    }
    assert not {(round(c["lat"], 4), round(c["lon"], 4)) for c in counted} & homes


def test_no_stop_on_the_map_sits_on_a_riders_home(planned: PlannedBatch) -> None:
    """A door-to-door stop is drawn away from the home it serves (the papers keep it)."""
    data = embedded((planned.out / "map.html").read_text(encoding="utf-8"))
    rows = planned.roster_rows()
    homes = [(float(r["纬度"]), float(r["经度"])) for r in rows if r["纬度"] and r["经度"]]
    stops = [(s["lat"], s["lon"]) for b in data["buses"] for s in b["stops"]]
    assert homes and stops
    near = [
        (stop, home)
        for stop in stops
        for home in homes
        if _metres(stop, home) < 100  # the README's door-to-door distance
    ]
    assert near == []


def test_a_stop_at_no_ones_home_is_drawn_where_the_bus_stops(planned: PlannedBatch) -> None:
    """Homes placed only to their township meet at the township's point: that
    point is nobody's door, so the map draws the stop there (and its 高德 link
    leads there); only a stop at a home placed exactly is moved."""
    data = embedded((planned.out / "map.html").read_text(encoding="utf-8"))
    rows = planned.roster_rows()
    homes = [(float(r["纬度"]), float(r["经度"])) for r in rows if r["纬度"] and r["经度"]]
    routes = {r["bus_id"]: r for r in planned.plan["routes"]}
    kept = []
    for bus in data["buses"]:
        pickups = [s for s in routes[bus["id"]]["stops"] if s["kind"] == "pickup"]
        for drawn, stop in zip(bus["stops"], pickups, strict=True):
            at = (stop["lat"], stop["lon"])
            # A stop by a roster home (its 坐标系 may be GCJ-02 or BD-09, off
            # by up to a kilometre) may be a door-to-door stop: drawn elsewhere.
            if any(abs(at[0] - h[0]) < 0.01 and abs(at[1] - h[1]) < 0.01 for h in homes):
                continue
            kept.append(((drawn["lat"], drawn["lon"]), (round(at[0], 5), round(at[1], 5))))
    assert kept
    assert [drawn for drawn, at in kept] == [at for drawn, at in kept]


def test_the_offline_base_map_outlines_the_provinces_and_the_counties_near_the_plan(
    planned: PlannedBatch,
) -> None:
    """Every province is outlined; counties only around the plan's points (the
    page stays small); the county towns of the riders are named."""
    shapes = _shapes(route_map(from_document(planned.plan)))
    assert len(shapes["provinces"]) == 34 and {"50", "52", "11", "65"} <= shapes["provinces"]
    assert "500116" in shapes["counties"]  # Jiangjin, where the buses go
    assert "650102" not in shapes["counties"]  # Urumqi: nobody rides from there
    data = embedded((planned.out / "map.html").read_text(encoding="utf-8"))
    drops = data["drops"]
    assert drops and all(d["name"] for d in drops)
    assert {d["site"] for b in data["buses"] for d in b["dropoffs"]} == set(range(len(drops)))
    assert data["names"] and all(n["name"].endswith(("县", "区", "市")) for n in data["names"])


def test_the_map_is_a_folium_map_with_a_layer_per_bus_and_a_legend(planned: PlannedBatch) -> None:
    """Notebook users get a folium map: one named layer per bus, a layer
    control, and a legend naming every symbol; more layers can be added."""
    area = route_map(from_document(planned.plan))
    names = [g.layer_name for g in area._children.values() if isinstance(g, folium.FeatureGroup)]
    for route in planned.plan["routes"]:
        assert sum(route["bus_id"] in name for name in names) == 1
    assert any(isinstance(c, folium.LayerControl) for c in area._children.values())
    folium.Marker([29.3, 106.2]).add_to(area)
    data = embedded(area.get_root().render())
    assert len(data["symbols"]) >= 6 and all(data["words"][s["word"]] for s in data["symbols"])


def test_a_map_drawn_again_from_plan_json_counts_the_unassigned_by_stage_not_as_homeless(
    planned: PlannedBatch,
) -> None:
    """plan.json keeps no homes (privacy), so a map drawn from it counts no
    one by county; its legend must not say the unassigned have no home.  It
    counts them by the stage that left them out and says homes are not on
    this map; the map the plan run wrote, which knew the homes, says neither.
    Each stage's count has its unit, as the total has ("排车 3 人"): it was
    a bare figure ("排车 3")."""
    document = planned.plan
    unassigned = Counter(u["stage"] for u in document["unassigned"])
    assert len(unassigned) >= 2  # a split to show, not one figure
    redrawn = embedded(_page(route_map(from_document(document))))
    summary = dict(redrawn["summary"])
    left = str(summary[label("summary_unassigned", "zh")])
    total = sum(unassigned.values())
    assert label("unmapped", "zh", count=total) not in left
    assert left.startswith(f"{total} 人（按环节：") and left.endswith("）")  # full-width in Chinese
    for stage, n in unassigned.items():  # each stage's count with its unit, as the total's
        assert f"{label(f'stage_{stage}', 'zh')} {n} 人" in left, left
    assert redrawn["note"] == label("map_not_kept", "zh")
    assert "不存住址" in redrawn["note"] and "不按县标出" in redrawn["note"]
    assert redrawn["unassigned"] == [] and redrawn["self_return"] == []
    plan = from_document(document)
    english = replace(plan.settings, output=replace(plan.settings.output, lang="en"))
    said = dict(embedded(_page(route_map(replace(plan, settings=english))))["summary"])
    assert str(said["Unassigned"]).startswith(f"{total} people (by stage: ")
    for stage, n in unassigned.items():
        people = "person" if n == 1 else "people"
        assert f"{label(f'stage_{stage}', 'en')} {n} {people}" in str(said["Unassigned"]), said
    written = embedded((planned.out / "map.html").read_text(encoding="utf-8"))
    assert written["note"] == ""
    assert label("unassigned_by_stage", "zh", stages="") not in str(
        dict(written["summary"])[label("summary_unassigned", "zh")]
    )


def test_the_amap_base_map_shows_every_point_in_gcj02(tmp_path: Path) -> None:
    """高德 tiles are drawn in GCJ-02: the stops are shifted to match, and no outline is sent."""
    path = write_scenario(tmp_path / "in", [worker("W1", at=TONGZI), worker("W2", at=XISHUI)])
    plan = make_plan(load_scenario(path))
    amap = replace(plan, settings=replace(plan.settings, output=OutputSettings(basemap="amap")))
    plain_map, shifted_map = route_map(plan), route_map(amap)
    plain, shifted = embedded(_page(plain_map)), embedded(_page(shifted_map))
    assert next(t.tiles for t in _tiles(shifted_map)).startswith("https://webrd0")
    assert _tiles(plain_map) == [] and "provinces" in _shapes(plain_map)
    assert _shapes(shifted_map) == {}
    for stop, moved in zip(plain["buses"][0]["stops"], shifted["buses"][0]["stops"], strict=True):
        expected = gcj02(LatLon(stop["lat"], stop["lon"]))
        assert moved["lat"] == pytest.approx(expected.lat, abs=2e-5)
        assert moved["lon"] == pytest.approx(expected.lon, abs=2e-5)
        assert abs(moved["lat"] - stop["lat"]) + abs(moved["lon"] - stop["lon"]) > 1e-3


def _page(area: folium.Map) -> str:
    return area.get_root().render()


def _shapes(area: folium.Map) -> dict[str, set[str]]:
    """The codes of the outlines the map draws, by layer (provinces, counties)."""
    return {
        child.layer_name: {f["properties"]["code"] for f in child.data["features"]}
        for group in area._children.values()
        for child in group._children.values()
        if isinstance(child, folium.GeoJson)
    }


def _tiles(area: folium.Map) -> list[folium.TileLayer]:
    return [c for c in area._children.values() if isinstance(c, folium.TileLayer)]


def _metres(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Distance on the ground, near enough at these scales."""
    x = math.radians(b[1] - a[1]) * math.cos(math.radians((a[0] + b[0]) / 2))
    return 6_371_000.0 * math.hypot(x, math.radians(b[0] - a[0]))


def test_bus_colours_stay_apart() -> None:
    """No two buses share a colour."""
    colours = bus_colours(80)
    assert len(set(colours)) == 80


def test_buses_picking_up_near_one_another_are_coloured_unlike(tmp_path: Path) -> None:
    """Colours were handed out in the palette's order, whatever the buses'
    places: at 3,000 workers two buses at neighbouring towns drew #380fb3
    and #0f10b3, one blue to the eye, and 11 pairs of neighbours were as
    alike.  Now each bus takes a colour unlike its neighbours' (CIELAB
    distance), still no two buses alike; a bus with no neighbour keeps the
    palette's order."""
    (route,) = _three_riders_one_alone(tmp_path).routes
    stop = route.stops[0]
    # 90 buses along a line, 4 km apart, listed out of order (as a plan's
    # buses are, by sector): neighbours on the map, not in the list.
    place = [k * 37 % 90 for k in range(90)]
    routes = [
        replace(route, bus_id=f"B{k}", stops=(replace(stop, location=LatLon(28 + y, 106.8)),))
        for k, y in enumerate(at * 0.036 for at in place)
    ]

    def alike(colours: list[str]) -> float:
        """The least difference of two buses within 12 km of each other."""
        return min(
            math.dist(_cielab(colours[i]), _cielab(colours[j]))
            for i in range(len(routes))
            for j in range(len(routes))
            if 0 < abs(place[i] - place[j]) <= 3
        )

    assert alike(bus_colours(len(routes))) < 15  # in the palette's order, as drawn before
    colours = colours_apart(routes)
    assert len(set(colours)) == len(routes)
    assert alike(colours) > 25, alike(colours)
    far = [
        replace(r, stops=(replace(stop, location=LatLon(20.0 + 2 * k, 100.0)),))
        for k, r in enumerate(routes[:5])
    ]
    assert colours_apart(far) == bus_colours(5)


def test_the_map_renders_offline_in_a_real_browser(planned: PlannedBatch, tmp_path: Path) -> None:
    """Headless Chromium with the network off draws one route per bus, with no
    console error and no request beyond the page itself."""
    seen = visit(planned.out / "map.html", screenshot=tmp_path / "map.png")
    assert seen.errors == []
    assert seen.routes == len(planned.plan["routes"]) > 0
    assert [r for r in seen.requests if not r.startswith("file:")] == []
    assert (tmp_path / "map.png").stat().st_size > 10_000


def test_each_bus_is_a_layer_with_its_route_and_stops_in_a_real_browser(
    planned: PlannedBatch,
) -> None:
    """The layer control lists every bus once, in the plan's order and after
    the base outlines; unticking a bus hides its route and its stops, and
    nothing of another bus."""
    page = planned.out / "map.html"
    data = embedded(page.read_text(encoding="utf-8"))
    seen = visit(page)
    assert seen.errors == []
    kinds = [
        "layer_self_return",
        "layer_unassigned",
        "layer_dormitories",
        "layer_sites",
        "layer_names",
    ]
    assert [name for name, _, _ in seen.layers] == [
        label("layer_outlines", "zh"),
        *(bus["label"] for bus in data["buses"]),
        *(label(kind, "zh") for kind in kinds),
    ]
    for (_, routes, stops), bus in zip(seen.layers[1:], data["buses"], strict=False):
        assert (routes, stops) == (1, len({(s["lat"], s["lon"]) for s in bus["stops"]}))
    assert all(routes == stops == 0 for _, routes, stops in seen.layers[-len(kinds) :])


def _two_stops_at_one_spot(tmp_path: Path) -> Path:
    """The map of a bus whose two stops are at one spot (a point split by
    drop-off or cohort)."""
    path = write_scenario(tmp_path / "in", [worker("W1", at=TONGZI), worker("W2", at=XISHUI)])
    plan = make_plan(load_scenario(path))
    (route,) = plan.routes
    first, second = route.stops
    spot = replace(route, stops=(first, replace(second, location=first.location)))
    page = tmp_path / "map.html"
    route_map(replace(plan, routes=(spot,))).save(str(page))
    return page


def test_stops_at_one_spot_are_one_marker_in_a_real_browser(tmp_path: Path) -> None:
    """Two stops of a bus at one spot (a point split by drop-off or cohort)
    are one marker numbered "1·2", whose popup has both stops' riders: one
    drawn on the other hid its riders."""
    page = _two_stops_at_one_spot(tmp_path)
    seen = visit(page)
    assert seen.errors == []
    assert [s for s in seen.stops if s != "1"] == ["1·2"]  # "1" alone is the legend's key


def test_the_map_and_the_drivers_sheet_number_a_stop_of_two_points_alike(
    tmp_path: Path,
) -> None:
    """Two pickup points at one place and time (riders of one town bound for
    two employers): the map's one marker and the driver's sheet's one row
    are both numbered "1·2"."""
    plan = make_plan(load_scenario(write_one_place_two_points(tmp_path / "in")))
    page = tmp_path / "map.html"
    route_map(plan).save(str(page))
    seen = visit(page)
    assert seen.errors == []
    rows = build_papers(plan, "zh")[0].driver_sheet.rows
    assert [s for s in seen.stops if s != "1"] == [r[0] for r in rows if r[1] == "上车"] == ["1·2"]


def test_the_maps_total_cost_says_its_unit(planned: PlannedBatch) -> None:
    """The map's total cost is in yuan, said as the lists' cost columns say it:
    to the fen, thousands separated (it was whole yuan: 956,722 on the map
    beside 956,721.36 in lists.xlsx)."""
    data = embedded((planned.out / "map.html").read_text(encoding="utf-8"))
    (cost,) = [value for key, value in data["summary"] if key == "总费用（元）"]
    assert re.fullmatch(r"\d{1,3}(,\d{3})*\.\d\d", cost), cost
    assert float(cost.replace(",", "")) == planned.summary["total_cost"]


def test_the_legend_says_how_many_unassigned_are_not_on_the_map(planned: PlannedBatch) -> None:
    """A row rejected before its home was placed has no county to be counted
    at: the legend says how many, so its figure and the circles agree."""
    data = embedded((planned.out / "map.html").read_text(encoding="utf-8"))
    circles = sum(c["count"] for c in data["unassigned"])
    total = planned.summary["workers_unassigned"]
    assert 0 < circles < total
    (said,) = [value for key, value in data["summary"] if key == "未安排"]
    assert said == f"{total} 人（其中 {total - circles} 人住址不详，未在图上）"  # full-width


def test_the_legend_says_how_many_self_returners_are_not_on_the_map(tmp_path: Path) -> None:
    """A self-returner whose home was not placed, or placed in its province
    only, has no county to be counted at: the counties' circles summed 503
    under "自行返岗：505 人", and the two were not explained.  The legend now
    says how many are not on the map, as it does of the unassigned; a map
    drawn again from plan.json (which keeps no homes) says its footnote only."""
    rows = [
        worker("W1", at=TONGZI),
        worker("S1", at=TONGZI, travel_mode="自行"),
        worker("S2", travel_mode="自行", home_address="火星基地一号"),
        worker("S3", travel_mode="自行", home_address="四川省"),
    ]
    plan = make_plan(load_scenario(write_scenario(tmp_path / "in", rows)))
    assert sorted(plan.self_return) == ["S1", "S2", "S3"]
    said_in: dict[Lang, str] = {
        "zh": "3 人（其中 2 人住址不详，未在图上）",
        "en": "3 people (2 with no known home, not on the map)",
    }
    for lang, said in said_in.items():
        data = embedded(_page(route_map(_in_language(plan, lang))))
        assert sum(c["count"] for c in data["self_return"]) == 1
        assert dict(data["summary"])[label("summary_self", lang)] == said, data["summary"]
    redrawn = from_document(json.loads(json.dumps(to_document(plan))))
    assert dict(embedded(_page(route_map(redrawn)))["summary"])["自行返岗"] == "3 人"


def test_the_maps_legend_and_popups_use_the_colon_of_the_desks_language(
    planned: PlannedBatch,
) -> None:
    """The legend and popups joined a label and its figure with ": " in
    Chinese too ("乘车人数: 196", "本批入住床位: 12 / 12"): the page's script
    now takes the colon from the words of the plan's language."""
    from importlib.resources import files

    script = files("returnbus.data").joinpath("web", "returnbus-map.js").read_text("utf-8")
    assert '": "' not in script and script.count("words.colon") == 3
    data = embedded((planned.out / "map.html").read_text(encoding="utf-8"))
    assert data["words"]["colon"] == "：" and label("colon", "en") == ": "


def test_the_zoom_buttons_are_titled_in_the_desks_language(planned: PlannedBatch) -> None:
    """Leaflet's own zoom buttons were titled "Zoom in" and "Zoom out" on the
    Chinese map: the map's zoom control is now made by the page's script,
    titled with the words of the plan's language."""
    from importlib.resources import files

    page = (planned.out / "map.html").read_text(encoding="utf-8")
    data = embedded(page)
    assert (data["words"]["zoom_in"], data["words"]["zoom_out"]) == ("放大", "缩小")
    assert '"zoomControl": false' in page  # Leaflet's English one is not made
    script = files("returnbus.data").joinpath("web", "returnbus-map.js").read_text("utf-8")
    assert "zoomInTitle: words.zoom_in" in script and "zoomOutTitle: words.zoom_out" in script


def _three_riders_one_alone(tmp_path: Path) -> Plan:
    """A plan of one bus for three riders, two at one stop, and a self-returner."""
    rows = [
        worker("W1", at=TONGZI),
        worker("W2", at=XISHUI),
        worker("W3", at=XISHUI),
        worker("S1", at=TONGZI, travel_mode="自行"),
    ]
    return make_plan(load_scenario(write_scenario(tmp_path / "in", rows)))


def test_the_maps_counts_of_people_agree_in_number_in_english(tmp_path: Path) -> None:
    """The English map's popups said "1 people" (a stop, a drop-off, a county
    of one): the page put the count before the one word "people".  Each count
    now comes worded with the map's data, "1 rider", "2 riders" on a bus,
    "1 person", "2 people" in a county ("1 人" in Chinese), and the page's
    script says it as it comes."""
    from importlib.resources import files

    plan = _three_riders_one_alone(tmp_path)
    aboard, counties = {}, {}
    for lang in ("en", "zh"):
        output = replace(plan.settings.output, lang=lang)
        data = embedded(
            _page(route_map(replace(plan, settings=replace(plan.settings, output=output))))
        )
        stops = [(len(s["riders"]), s["counted"]) for b in data["buses"] for s in b["stops"]]
        drops = [(d["count"], d["counted"]) for b in data["buses"] for d in b["dropoffs"]]
        aboard[lang] = set(stops + drops)
        counties[lang] = {(c["count"], c["people"]) for c in data["self_return"]}
    assert (1, "1 rider") in aboard["en"] and (2, "2 riders") in aboard["en"], aboard
    assert counties["en"] == {(1, "1 person")}, counties
    for said in (aboard["zh"], counties["zh"]):
        assert all(text == f"{n} 人" for n, text in said), said
    assert (1, "1 人") in aboard["zh"]
    script = files("returnbus.data").joinpath("web", "returnbus-map.js").read_text("utf-8")
    assert "words.people" not in script
    assert script.count(".counted") == 2  # a stop's riders, a drop-off's
    assert script.count(".people") == 1  # a county's


def test_the_english_map_calls_people_on_a_bus_riders_throughout(tmp_path: Path) -> None:
    """The English map named a bus "B1 M19 · 3 riders" in its layer and
    tooltip, but its stop's and drop-off's popups said "3 people", and the
    legend "On buses: 3 people": one word, riders, for people on a bus, on
    every one of them; people for those not on one (a county's circle, the
    self-returners).  The Chinese says 人 throughout."""
    plan = _three_riders_one_alone(tmp_path)
    (route,) = plan.routes
    units: tuple[tuple[Lang, str, str], ...] = (
        ("en", "3 riders", "1 person"),
        ("zh", "3 人", "1 人"),
    )
    for lang, riders, people in units:
        data = embedded(_page(route_map(_in_language(plan, lang))))
        (bus,) = data["buses"]
        assert bus["label"].endswith(f" · {riders}"), bus["label"]
        assert sum(int(s["counted"].split()[0]) for s in bus["stops"]) == route.riders
        (drop,) = bus["dropoffs"]
        assert drop["counted"] == riders, drop
        summary = dict(data["summary"])
        assert summary[label("summary_on_bus", lang)] == riders, summary
        assert summary[label("summary_self", lang)] == people, summary
        # Nothing said of the bus, nor of all those on buses, counts people.
        words = json.dumps([bus, summary[label("summary_on_bus", lang)]], ensure_ascii=False)
        assert not re.search(r"\b(people|person)\b", words), words


def test_each_buses_layer_says_its_riders_with_their_unit(tmp_path: Path) -> None:
    """The layer control and a route's tooltip named a bus "B1a2b3c M19 · 9":
    a bare number after the type, read as a seat count or a stop.  The riders
    now come counted, "3 人", "3 riders" (and "1 rider")."""
    rows = [worker("W1", at=TONGZI), worker("W2", at=XISHUI), worker("W3", at=XISHUI)]
    plan = make_plan(load_scenario(write_scenario(tmp_path / "in", rows)))
    (route,) = plan.routes
    assert route.riders == 3
    units: tuple[tuple[Lang, str], ...] = (("zh", "3 人"), ("en", "3 riders"))
    for lang, unit in units:
        output = replace(plan.settings.output, lang=lang)
        data = embedded(
            _page(route_map(replace(plan, settings=replace(plan.settings, output=output))))
        )
        assert [b["label"] for b in data["buses"]] == [f"{route.bus_id} {route.bus_type} · {unit}"]
    assert counted("riders", 1, "en") == "1 rider"


def _in_language(plan: Plan, lang: Lang) -> Plan:
    """``plan`` with its outputs in ``lang``."""
    output = replace(plan.settings.output, lang=lang)
    return replace(plan, settings=replace(plan.settings, output=output))


def test_the_legend_says_the_number_of_buses_once(planned: PlannedBatch) -> None:
    """The legend's heading (and the page's title) said "江津… · 车辆数 50"
    above the figure "车辆数：50": the number of buses twice.  The heading is
    the batch's name; the buses are counted once, among the plan's figures."""
    plan = from_document(planned.plan)
    for lang in ("zh", "en"):
        page = _page(route_map(_in_language(plan, lang)))
        data = embedded(page)
        buses = label("summary_buses", lang)
        title = plan.batch.name if lang == "zh" else data["title"]
        assert data["title"] == title and buses not in title, lang
        assert f"<title>{html.escape(title)}</title>" in page, lang
        assert [value for key, value in data["summary"] if key == buses] == [
            f"{len(plan.routes):,}"
        ]


def test_the_legends_figures_are_grouped_by_thousands_in_either_language(
    tmp_path: Path,
) -> None:
    """The legend said "车辆数：1234" and "其中 1234 人住址不详" where the
    console and the papers say "1,234": its counts are now grouped by
    thousands as theirs are (`text.desk_values`), in Chinese and English;
    so are a dormitory's beds taken, beside its beds in all."""
    rows = [
        worker("W1", at=TONGZI),
        worker("S1", travel_mode="自行", home_address="火星基地一号"),
    ]
    plan = make_plan(load_scenario(write_scenario(tmp_path / "in", rows)))
    many = replace(plan, routes=plan.routes * 1200, self_return=plan.self_return * 1200)
    riders = sum(r.riders for r in many.routes)
    for lang in ("zh", "en"):
        figures = _summary(many, lang, self_mapped=0, unassigned_mapped=0)
        summary = {str(key): value for key, value in figures}
        assert summary[label("summary_buses", lang)] == "1,200", lang
        assert summary[label("summary_on_bus", lang)] == counted("riders", riders, lang)
        assert f"{riders:,}" in str(summary[label("summary_on_bus", lang)]), lang
        alone = str(summary[label("summary_self", lang)])
        assert (
            alone
            == {
                "zh": "1,200 人（其中 1,200 人住址不详，未在图上）",
                "en": "1,200 people (1,200 with no known home, not on the map)",
            }[lang]
        )
    assert label("beds_of", "zh", taken=1200, beds=1500) == "1,200 张（共 1,500 张）"
    assert label("beds_of", "en", taken=1200, beds=1500) == "1,200 of 1,500"


def test_the_english_maps_title_is_english(planned: PlannedBatch, tmp_path: Path) -> None:
    """The English map was titled with the scenario's Chinese name
    (江津合成批次…), on its page and its legend.  It now says "Return buses:
    batch 1, 2020-03-17"; a batch named in English keeps its name."""
    plan = _in_language(from_document(planned.plan), "en")
    assert re.search("[\u4e00-\u9fff]", plan.batch.name)  # the sample's name is Chinese
    date = plan.batch.departure.strftime("%Y-%m-%d")
    page = _page(route_map(plan))
    title = f"Return buses: batch {plan.batch.id}, {date}"
    assert embedded(page)["title"] == title and f"<title>{title}</title>" in page
    chinese_id = replace(plan, batch=replace(plan.batch, id="一批"))
    assert embedded(_page(route_map(chinese_id)))["title"] == f"Return buses, {date}"
    named = replace(plan, batch=replace(plan.batch, name="Jiangjin, March"))
    assert embedded(_page(route_map(named)))["title"] == "Jiangjin, March"
    zh = embedded(_page(route_map(_in_language(plan, "zh"))))
    assert zh["title"] == plan.batch.name


def test_the_page_says_its_language_in_a_real_browser(
    planned: PlannedBatch, tmp_path: Path
) -> None:
    """The page's ``<html>`` said no language: a screen reader read the
    Chinese map with an English voice, and a browser picked the fonts of
    its Han characters blind.  It says zh-CN, or en with ``--lang en``."""
    plan = from_document(planned.plan)
    tags: tuple[tuple[Lang, str], ...] = (("zh", "zh-CN"), ("en", "en"))
    for lang, tag in tags:
        page = tmp_path / f"{lang}.html"
        route_map(_in_language(plan, lang)).save(str(page))
        assert evaluate(page, "() => document.documentElement.lang") == tag, lang


def _site_spots(data: Any) -> int:
    """The markers of the depot and employers: one at each spot, listing the sites there."""
    return len({(s["lat"], s["lon"]) for s in data["sites"]})


def _legend_words(data: Any) -> dict[str, str]:
    """The legend's word for each symbol, by its last CSS class (``rb-depot``)."""
    return {s["cls"].split()[-1]: data["words"][s["word"]] for s in data["symbols"]}


def test_the_depot_is_named_alike_on_the_legend_and_its_popup(planned: PlannedBatch) -> None:
    """The English legend said "Bus depot" and the depot's popup "Depot": two
    names for one place.  Each site's popup now says the legend's word."""
    plan = from_document(planned.plan)
    for lang in ("zh", "en"):
        data = embedded(_page(route_map(_in_language(plan, lang))))
        legend = _legend_words(data)
        kinds = {site["kind"] for site in data["sites"]}
        assert kinds == {"depot", "employer"}, kinds
        for site in data["sites"]:
            assert site["what"] == legend[f"rb-{site['kind']}"], (lang, site)
    assert (label("symbol_depot", "en"), label("symbol_depot", "zh")) == ("Bus depot", "车场")


def test_the_dormitories_layer_holds_the_dormitories_only_in_a_real_browser(
    planned: PlannedBatch,
) -> None:
    """The layer named 隔离宿舍 ("Dormitories") held the depot and the
    employers too: unticking it hid them, a word used for two things.  The
    dormitories and the depot with the employers are two layers, each named
    for what it holds, in the legend's words."""
    page = planned.out / "map.html"
    data = embedded(page.read_text(encoding="utf-8"))
    seen = visit(page)
    assert seen.errors == []
    hidden = {name: (dorms, sites) for name, dorms, sites in seen.places}
    assert hidden[label("layer_dormitories", "zh")] == (len(data["dorms"]), 0)
    assert hidden[label("layer_sites", "zh")] == (0, _site_spots(data))
    assert sum(dorms + sites for dorms, sites in hidden.values()) == len(data["dorms"]) + (
        _site_spots(data)
    )
    names = {
        lang: (label("layer_dormitories", lang), label("layer_sites", lang))
        for lang in ("zh", "en")
    }
    assert names == {
        "zh": ("隔离宿舍", "车场与用工单位"),
        "en": ("Quarantine dormitories", "Bus depot and employers"),
    }


def test_a_dormitorys_popup_says_what_it_is_in_a_real_browser(
    planned: PlannedBatch, tmp_path: Path
) -> None:
    """The depot's and each employer's popup said what the place is; a
    dormitory's gave its name and beds only ("白沙工业园职工公寓" does not say
    it is for quarantine).  It now says so in the legend's word."""
    plan = from_document(planned.plan)
    for lang in ("zh", "en"):
        page = tmp_path / f"{lang}.html"
        route_map(_in_language(plan, lang)).save(str(page))
        seen = visit(page)
        assert seen.errors == []
        for kind, key in (("rb-dorm", "symbol_dorm"), ("rb-site rb-depot", "symbol_depot")):
            assert seen.popups[kind][1] == label(key, lang), (lang, seen.popups)


def test_a_dormitorys_beds_are_counted_with_their_unit_in_a_real_browser(
    planned: PlannedBatch, tmp_path: Path
) -> None:
    """A dormitory's popup said "本批入住床位：27 / 48": the second figure had
    no unit, nor said that it is all the dormitory's beds.  It now says
    "27 张（共 48 张）", "27 of 48"."""
    plan = from_document(planned.plan)
    said: dict[Lang, str] = {
        "zh": "本批入住床位：{} 张（共 {} 张）",
        "en": "Beds taken this batch: {} of {}",
    }
    for lang, words in said.items():
        page = tmp_path / f"{lang}.html"
        route_map(_in_language(plan, lang)).save(str(page))
        dorm = embedded(page.read_text(encoding="utf-8"))["dorms"][0]
        seen = visit(page)
        assert seen.errors == []
        assert seen.popups["rb-dorm"][-1] == words.format(dorm["taken"], dorm["beds"]), lang


def test_the_legend_counts_people_with_their_unit(planned: PlannedBatch) -> None:
    """The legend said "自行返岗：96" and "Unassigned: 55", numbers with no
    unit, where a county's circle says "自行返岗：12 人".  Its counts of
    people now say their unit: "乘车：449 人", "On buses: 449 riders" (as
    the buses' layers count theirs)."""
    figures = planned.summary
    plan = from_document(planned.plan)
    for lang in ("zh", "en"):
        summary = dict(embedded(_page(route_map(_in_language(plan, lang))))["summary"])
        people = {
            key: counted("people", figures[f"workers_{key}"], lang)
            for key in ("self_return", "unassigned")
        }
        riders = counted("riders", figures["workers_on_bus"], lang)
        assert summary[label("summary_on_bus", lang)] == riders, lang
        assert summary[label("summary_self", lang)] == people["self_return"], lang
        assert str(summary[label("summary_unassigned", lang)]).startswith(
            people["unassigned"] + ("（" if lang == "zh" else " (")
        ), lang
    assert label("summary_on_bus", "zh") == "乘车"  # not 乘车人数：449 人


def test_the_legend_names_the_county_circles_as_their_layers_do(
    planned: PlannedBatch, tmp_path: Path
) -> None:
    """The legend said "自行返岗（按县）" and the layer control
    "自行返岗（按县统计）" ("Self-return, by county" and "Self-return (by
    county)"): one kind of circle named two ways.  The legend now says the
    layer's name; and names no circles where none is drawn (a plan read
    back from plan.json knows no county)."""
    written = embedded((planned.out / "map.html").read_text(encoding="utf-8"))
    legend = _legend_words(written)
    assert legend["rb-self"] == label("layer_self_return", "zh")
    assert legend["rb-left"] == label("layer_unassigned", "zh")
    alone = embedded(_page(route_map(_in_language(_three_riders_one_alone(tmp_path), "en"))))
    assert alone["self_return"] and not alone["unassigned"]
    legend = _legend_words(alone)
    assert legend["rb-self"] == label("layer_self_return", "en") and "rb-left" not in legend
    read_back = _legend_words(embedded(_page(route_map(from_document(planned.plan)))))
    assert "rb-self" not in read_back and "rb-left" not in read_back


def test_the_legend_does_not_put_every_drop_off_at_a_gate(planned: PlannedBatch) -> None:
    """The legend called every drop-off circle 下车点（园区门口）, "Drop-off at
    the gate", but riders bound for quarantine get off at their dormitory:
    its circle is a drop-off too.  The legend names both places."""
    plan = from_document(planned.plan)
    for lang in ("zh", "en"):
        data = embedded(_page(route_map(_in_language(plan, lang))))
        dorms = {d["name"] for d in data["dorms"]}
        assert any(d["name"] in dorms for d in data["drops"])  # a drop-off at a dormitory
        said = _legend_words(data)["rb-drop"]
        assert label("symbol_dorm", lang).lower() in said.lower(), (lang, said)


def test_a_map_drawn_again_from_plan_json_lists_riders_by_worker_id(
    planned: PlannedBatch,
) -> None:
    """plan.json keeps worker ids, not names or phones: a map drawn from it
    listed each rider as " （无电话）", telling the desk that nobody on the
    roster gave a phone.  It lists them by worker ID, and its legend says why;
    the map the plan run wrote lists names and says neither."""
    document = planned.plan
    routes = {r["bus_id"]: r for r in document["routes"]}
    for lang in ("zh", "en"):
        data = embedded(_page(route_map(_in_language(from_document(document), lang))))
        for bus in data["buses"]:
            pickups = [s for s in routes[bus["id"]]["stops"] if s["kind"] == "pickup"]
            assert [s["riders"] for s in bus["stops"]] == [s["worker_ids"] for s in pickups]
        assert data["note"] == label("map_not_kept", lang), lang
    assert "按工号列出" in label("map_not_kept", "zh")
    assert "worker ID" in label("map_not_kept", "en")
    written = embedded((planned.out / "map.html").read_text(encoding="utf-8"))
    assert written["note"] == ""


#: For the legend and the layer control: move the map so that a stop lies
#: just inside the control's edge toward the map's middle, open the stop's
#: popup, wait for the map to pan, and say whether the popup and the control
#: overlap (and whether the popup is still all inside the map).
_POPUP_BY_EACH_CONTROL = """async () => {
  const map = Object.values(window).find((v) => v instanceof L.Map);
  let stop = null;
  map.eachLayer((layer) => {
    const icon = layer.options.icon && layer.options.icon.options.html;
    if (!stop && icon instanceof HTMLElement && icon.classList.contains("rb-stop")) stop = layer;
  });
  const frame = map.getContainer().getBoundingClientRect();
  const said = [];
  for (const selector of [".rb-legend", ".leaflet-control-layers"]) {
    const control = document.querySelector(selector);
    const c = control.getBoundingClientRect();
    const x = c.left < frame.width / 2 ? c.right - 30 : c.left + 30;
    const y = c.top < frame.height / 2 ? c.bottom - 20 : c.top + 40;
    const at = map.latLngToContainerPoint(stop.getLatLng());
    map.panBy([at.x - (x - frame.left), at.y - (y - frame.top)], { animate: false });
    stop.openPopup();
    await new Promise((done) => setTimeout(done, 800));
    const p = stop.getPopup().getElement().getBoundingClientRect();
    const b = control.getBoundingClientRect();
    const under = p.left < b.right && b.left < p.right && p.top < b.bottom && b.top < p.bottom;
    const inside = p.left >= frame.left && p.right <= frame.right && p.top >= frame.top &&
      p.bottom <= frame.bottom;
    said.push([selector, under, inside]);
    map.closePopup();
  }
  return said;
}"""


def test_a_popup_opens_clear_of_the_legend_and_the_layer_control_in_a_real_browser(
    planned: PlannedBatch, tmp_path: Path
) -> None:
    """A stop's popup opened near the legend (bottom left) or the layer
    control (top right) was drawn under it: Leaflet keeps a popup inside the
    map, not clear of its controls, and the desk read the riders' names half
    hidden.  The map now pans until the popup is clear of both, still inside
    the map."""
    plan = from_document(planned.plan)
    for lang in ("zh", "en"):
        page = tmp_path / f"{lang}.html"
        route_map(_in_language(plan, lang)).save(str(page))
        said = evaluate(page, _POPUP_BY_EACH_CONTROL)
        assert said == [
            [".rb-legend", False, True],
            [".leaflet-control-layers", False, True],
        ], (lang, said)


def test_a_stop_of_several_numbers_is_as_tall_as_one_of_one_in_a_real_browser(
    tmp_path: Path,
) -> None:
    """A marker numbered "1·2" (stops at one spot) was a disc as wide as its
    number, so as tall: "3·4·5" drew 40 px across, looking like a bigger
    stop and covering its neighbours.  It is now as tall as a lone stop's
    (22 px), only wider, and its number fits."""
    page = _two_stops_at_one_spot(tmp_path)
    markers = evaluate(
        page,
        """() => Array.from(document.querySelectorAll(".leaflet-marker-pane .rb-stop"), (e) =>
             [e.textContent, e.offsetWidth, e.offsetHeight, e.scrollWidth <= e.clientWidth])""",
    )
    assert markers == [["1·2", markers[0][1], 22, True]], markers
    assert markers[0][1] >= 22


#: The markers drawn and the layers ticked, after each press of the layer
#: control's buttons "show all" / "hide all" and a tick of one bus (its
#: label's JSON is put in for BUS): [stops, routes, dormitories and sites].
_SHOW_AND_HIDE_ALL = """() => {
  const drawn = () => [".leaflet-marker-pane .rb-stop", "path.rb-route",
    ".leaflet-marker-pane .rb-dorm, .leaflet-marker-pane .rb-site"].map(
      (s) => document.querySelectorAll(s).length);
  const rows = () => Array.from(document.querySelectorAll(
    ".leaflet-control-layers-overlays label"));
  const ticked = () => rows().filter((r) => r.querySelector("input").checked).map(
    (r) => r.textContent.trim());
  const said = {
    buttons: Array.from(document.querySelectorAll(".rb-all button"), (b) => b.textContent),
    shown: drawn(),
  };
  document.querySelectorAll(".rb-all button")[1].click();
  said.hidden = drawn();
  said.ticked = ticked();
  rows().find((r) => r.textContent.trim() === BUS).querySelector("input").click();
  said.one = drawn();
  said.ticked_one = ticked();
  document.querySelectorAll(".rb-all button")[0].click();
  said.again = drawn();
  return said;
}"""


def test_the_layer_control_shows_or_hides_every_bus_at_once_in_a_real_browser(
    planned: PlannedBatch,
) -> None:
    """The layer control lists one layer per bus (56 on the demo): to look
    at one bus the desk unticked 55 boxes.  Two buttons over the list, "全部
    显示" and "全部隐藏", tick or untick every bus at once, and leave the other
    layers (outlines, dormitories, sites, counties) as they are."""
    page = planned.out / "map.html"
    data = embedded(page.read_text(encoding="utf-8"))
    bus = data["buses"][len(data["buses"]) // 2]
    said = evaluate(page, _SHOW_AND_HIDE_ALL.replace("BUS", json.dumps(bus["label"])))
    places = len(data["dorms"]) + _site_spots(data)
    spots = {(b["label"], s["lat"], s["lon"]) for b in data["buses"] for s in b["stops"]}
    others = [
        label(key, "zh")
        for key in (
            "layer_outlines",
            "layer_self_return",
            "layer_unassigned",
            "layer_dormitories",
            "layer_sites",
            "layer_names",
        )
    ]
    assert said["buttons"] == [label("show_all_buses", "zh"), label("hide_all_buses", "zh")]
    assert said["buttons"] == ["全部显示", "全部隐藏"]
    assert said["shown"] == [len(spots), len(data["buses"]), places]
    assert said["hidden"] == [0, 0, places]
    assert said["ticked"] == others
    one = len({(s["lat"], s["lon"]) for s in bus["stops"]})
    assert said["one"] == [one, 1, places]
    assert said["ticked_one"] == [others[0], bus["label"], *others[1:]]
    assert said["again"] == said["shown"]
    assert (label("show_all_buses", "en"), label("hide_all_buses", "en")) == (
        "Show all",
        "Hide all",
    )


#: The rows the layer control lists, and the routes drawn, after each text
#: typed in its find box (TYPED, a JSON list); and the box's placeholder.
_FIND_BUS = """() => {
  const find = document.querySelector(".rb-find");
  const listed = () => Array.from(document.querySelectorAll(
    ".leaflet-control-layers-overlays label")).filter((r) => r.offsetParent !== null).map(
      (r) => r.textContent.trim());
  const none = () => document.querySelector(".rb-none").offsetParent !== null;
  const said = { placeholder: find.placeholder, rows: [] };
  TYPED.forEach((typed) => {
    find.value = typed;
    find.dispatchEvent(new Event("input"));
    said.rows.push([listed(), none(), document.querySelectorAll("path.rb-route").length]);
  });
  return said;
}"""


def test_the_layer_control_finds_a_bus_by_its_number_or_a_pickup_in_a_real_browser(
    planned: PlannedBatch, tmp_path: Path
) -> None:
    """At 180 buses and more the layer control was a long scroll of one row
    a bus, and a bus could be found only by reading it.  A box over the list
    (车号或上车点) lists only the buses whose number, or a pickup's name, holds
    what is typed (any case); the other layers stay listed, what is drawn is
    left as it is, and a text that matches no bus says so."""
    plan = from_document(planned.plan)
    for lang in ("zh", "en"):
        page = tmp_path / f"{lang}.html"
        route_map(_in_language(plan, lang)).save(str(page))
        data = embedded(page.read_text(encoding="utf-8"))
        buses = data["buses"]
        bus = buses[len(buses) // 2]
        pickup = bus["stops"][-1]["name"]
        typed = [bus["id"].lower(), pickup, "不是车号 no bus", ""]
        said = evaluate(page, _FIND_BUS.replace("TYPED", json.dumps(typed, ensure_ascii=False)))
        assert said["placeholder"] == label("find_bus", lang)
        every = [b["label"] for b in buses]
        by_number, by_pickup, nothing, cleared = said["rows"]
        others = [row for row in cleared[0] if row not in every]
        assert others and cleared[:2] == [[others[0], *every, *others[1:]], False]
        for (rows, none, _), text in ((by_number, bus["id"]), (by_pickup, pickup)):
            assert [row for row in rows if row in every] == _holding(buses, text), lang
            assert [row for row in rows if row not in every] == others and not none
            assert bus["label"] in rows
        assert len(_holding(buses, pickup)) < len(buses)
        assert nothing[:2] == [others, True]
        assert {drawn for _, _, drawn in said["rows"]} == {len(buses)}, lang


#: The buses' labels ticked after each step (TYPED in the find box, or a
#: press of button 0 "show all" or 1 "hide all"; STEPS, a JSON list), with
#: the routes drawn; and the buttons' titles.
_FIND_THEN_SHOW_OR_HIDE = """() => {
  const find = document.querySelector(".rb-find");
  const buttons = document.querySelectorAll(".rb-all button");
  const ticked = () => Array.from(document.querySelectorAll(
    ".leaflet-control-layers-overlays label")).filter((r) => r.querySelector("input").checked)
    .map((r) => r.textContent.trim());
  const said = { titles: Array.from(buttons, (b) => b.title), steps: [] };
  STEPS.forEach((step) => {
    if (typeof step === "number") buttons[step].click();
    else { find.value = step; find.dispatchEvent(new Event("input")); }
    said.steps.push([ticked(), document.querySelectorAll("path.rb-route").length]);
  });
  return said;
}"""


def test_show_all_and_hide_all_act_on_the_buses_the_search_lists_in_a_real_browser(
    planned: PlannedBatch, tmp_path: Path
) -> None:
    """Having typed a pickup in the find box, the desk pressed "全部隐藏" to
    see the other buses' routes and hid every bus, listed or not; "全部显示"
    drew all of them again.  The buttons now act on the buses the list
    shows (every bus when the box is empty), leave the others as they are,
    and say so in their titles, in either language."""
    plan = from_document(planned.plan)
    for lang in ("zh", "en"):
        page = tmp_path / f"{lang}.html"
        route_map(_in_language(plan, lang)).save(str(page))
        buses = embedded(page.read_text(encoding="utf-8"))["buses"]
        every = [b["label"] for b in buses]
        pickup = buses[len(buses) // 2]["stops"][-1]["name"]
        found = _holding(buses, pickup)
        rest = [b for b in every if b not in found]
        assert found and rest
        steps = [pickup, 1, 0, "", 1, pickup, 0, "", 0]
        said = evaluate(
            page, _FIND_THEN_SHOW_OR_HIDE.replace("STEPS", json.dumps(steps, ensure_ascii=False))
        )
        assert said["titles"] == [
            label("show_all_buses_title", lang),
            label("hide_all_buses_title", lang),
        ]
        ticked = [[row for row in rows if row in every] for rows, _ in said["steps"]]
        drawn = [routes for _, routes in said["steps"]]
        # Found buses hidden, shown again; cleared, every bus hidden; found ones shown alone.
        assert ticked == [every, rest, every, every, [], [], found, found, every], lang
        assert drawn == [len(b) for b in ticked], lang


def _holding(buses: list[dict[str, Any]], text: str) -> list[str]:
    """The labels of ``buses`` whose label or a pickup's name holds ``text``, in any case."""
    return [
        b["label"]
        for b in buses
        if any(text.lower() in t.lower() for t in (b["label"], *(s["name"] for s in b["stops"])))
    ]


#: The points the map opens on (every stop, dormitory and site) that lie
#: under a control (the legend, the layer control, the zoom buttons, the
#: scale, the attribution) or within 10 px of it: [control, lat, lon].
_UNDER_CONTROLS = """() => {
  const map = Object.values(window).find((v) => v instanceof L.Map);
  const data = JSON.parse(document.getElementById("rb-data").textContent);
  const frame = map.getContainer().getBoundingClientRect();
  const points = data.buses.flatMap((b) => b.stops).concat(data.dorms, data.sites);
  const under = [];
  document.querySelectorAll(".leaflet-control").forEach((control) => {
    const c = control.getBoundingClientRect();
    points.forEach((p) => {
      const at = map.latLngToContainerPoint([p.lat, p.lon]);
      const x = at.x + frame.left, y = at.y + frame.top;
      if (x > c.left - 10 && x < c.right + 10 && y > c.top - 10 && y < c.bottom + 10) {
        under.push([control.className, p.lat, p.lon]);
      }
    });
  });
  return under;
}"""


def _wide_plan(tmp_path: Path) -> Plan:
    """A plan of one bus whose two pickups are far west and south, and far
    east and north, of the gate: wider than tall."""
    path = write_scenario(tmp_path / "in", [worker("W1", at=TONGZI), worker("W2", at=XISHUI)])
    plan = make_plan(load_scenario(path))
    (route,) = plan.routes
    first, second = route.stops
    wide = (
        replace(first, location=LatLon(28.3, 105.0)),
        replace(second, location=LatLon(29.6, 108.5)),
    )
    return replace(plan, routes=(replace(route, stops=wide),))


@pytest.mark.parametrize("size", [(1200, 800), (900, 650)])
def test_the_map_opens_with_every_point_clear_of_its_controls_in_a_real_browser(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    """The map opened fitted to the plan with 20 px all round: the legend
    (bottom left) and the layer control (top right) covered the stops at the
    map's edge, here a pickup in the south-west of a plan wider than tall.
    It now opens padded for its controls, every stop, dormitory and site
    clear of them, in either language."""
    plan = _wide_plan(tmp_path)
    for lang in ("zh", "en"):
        page = tmp_path / f"{lang}.html"
        route_map(_in_language(plan, lang)).save(str(page))
        assert evaluate(page, _UNDER_CONTROLS, size) == [], (lang, size)


#: The view: its zoom, its centre, and how many of the plan's points (every
#: stop, dormitory and site) lie outside the map.
_VIEW = """() => {
  const map = Object.values(window).find((v) => v instanceof L.Map);
  const data = JSON.parse(document.getElementById("rb-data").textContent);
  const size = map.getSize(), centre = map.getCenter();
  const points = data.buses.flatMap((b) => b.stops).concat(data.dorms, data.sites);
  const outside = points.filter((p) => {
    const at = map.latLngToContainerPoint([p.lat, p.lon]);
    return at.x < 0 || at.y < 0 || at.x > size.x || at.y > size.y;
  });
  return [map.getZoom(), [centre.lat, centre.lng], outside.length];
}"""
#: A click of the zoom button "+", waited out (Leaflet zooms in an animation).
_ZOOM_IN = """async () => {
  const map = Object.values(window).find((v) => v instanceof L.Map);
  const before = map.getZoom();
  document.querySelector(".leaflet-control-zoom-in").click();
  while (map.getZoom() === before || map._animatingZoom) {
    await new Promise((done) => setTimeout(done, 20));
  }
}"""


def test_the_opening_view_is_fitted_again_as_the_window_is_resized_in_a_real_browser(
    tmp_path: Path,
) -> None:
    """The map was fitted to the plan once, when opened: a desk that docked
    the browser to half the screen saw half the plan, its east beyond the
    map's edge.  Until the desk pans or zooms, a resize fits the view
    again, every point in the map and clear of its controls; once the desk
    has zoomed, the view is theirs and a resize keeps it."""
    page = tmp_path / "map.html"
    route_map(_wide_plan(tmp_path)).save(str(page))
    whole, half = (1200, 800), (600, 800)
    steps = [
        (whole, _VIEW),
        (half, _VIEW),
        (half, _UNDER_CONTROLS),
        (whole, _VIEW),
        (whole, _ZOOM_IN),
        (whole, _VIEW),
        (half, _VIEW),
    ]
    opened, docked, under, again, _, zoomed, kept = evaluate_resized(page, steps)
    assert opened[2] == docked[2] == again[2] == 0, (opened, docked, again)
    assert docked[0] < opened[0] and under == []
    pixel = 360 / 256 / 2 ** zoomed[0]  # a pixel's degrees of longitude, fewer of latitude
    assert again[0] == opened[0] and again[1] == pytest.approx(opened[1], abs=pixel)
    assert zoomed[0] == opened[0] + 1
    assert kept[:2] == [zoomed[0], pytest.approx(zoomed[1], abs=pixel)], (zoomed, kept)


#: At the opening zoom, and two and four steps in: the arrows drawn, and
#: those of them over a stop's marker or a drop-off's ring (by their boxes on
#: the screen, a pixel's touch allowed).
_ARROWS_ON_STOPS = """async () => {
  const map = Object.values(window).find((v) => v instanceof L.Map);
  const seen = (selector) => Array.from(document.querySelectorAll(selector)).filter(
    (e) => getComputedStyle(e).visibility !== "hidden").map((e) => e.getBoundingClientRect());
  const said = [];
  for (const step of [0, 2, 2]) {
    map.setZoom(map.getZoom() + step, { animate: false });
    await new Promise((done) => setTimeout(done, 50));
    const arrows = seen(".leaflet-marker-pane .rb-arrow");
    const marks = seen(".leaflet-marker-pane .rb-stop, .leaflet-marker-pane .rb-drop");
    const on = arrows.filter((a) => marks.some((m) => a.left < m.right - 1 &&
      m.left < a.right - 1 && a.top < m.bottom - 1 && m.top < a.bottom - 1));
    said.push([arrows.length, on.length]);
  }
  return said;
}"""


def test_no_direction_arrow_sits_on_a_stop_in_a_real_browser(planned: PlannedBatch) -> None:
    """Each leg's arrow was drawn at its middle at any zoom: on a short leg it
    sat on the stops' numbers at its ends, and at another stop's spot on
    it.  An arrow is now put on its leg clear of every stop and drop-off
    shown, or not drawn at this zoom; zoomed in, the legs have room again."""
    said = evaluate(planned.out / "map.html", _ARROWS_ON_STOPS)
    assert [on for _, on in said] == [0, 0, 0], said
    assert all(drawn > 0 for drawn, _ in said) and said[0][0] < said[-1][0], said


def test_a_dormitory_is_drawn_above_the_depot_and_employers_in_a_real_browser(
    tmp_path: Path,
) -> None:
    """At the opening zoom a dormitory beside an employer was drawn under
    it (Leaflet puts the lower marker on top): clicking the dormitory opened
    the employer's popup.  Dormitories are now drawn above the sites: at a
    dormitory's centre is the dormitory, here one just north of an employer."""
    path = write_scenario(tmp_path / "in", [worker("W1", at=TONGZI), worker("W2", at=XISHUI)])
    (path.parent / "dormitories.csv").write_text(
        f"dorm_id,name,lat,lon,rooms,sex\nD1,一号楼,{HUB[0] + 0.001},{HUB[1]},50,any\n",
        encoding="utf-8",
    )
    page = tmp_path / "map.html"
    route_map(make_plan(load_scenario(path))).save(str(page))
    found = evaluate(
        page,
        """() => Array.from(document.querySelectorAll(".leaflet-marker-pane .rb-dorm"), (e) => {
             const b = e.getBoundingClientRect();
             const top = document.elementFromPoint(b.x + b.width / 2, b.y + b.height / 2);
             return top === e || e.contains(top);
           })""",
        size=(1366, 768),
    )
    assert found == [True]


#: Each dormitory and site marker: whether it is the topmost element at its
#: centre (seen and clicked there), and the lines of the popup a click on it opens.
_PLACES_CLICKED = """async () => {
  const map = Object.values(window).find((v) => v instanceof L.Map);
  const said = [];
  for (const e of document.querySelectorAll(".leaflet-marker-pane .rb-icon")) {
    const b = e.getBoundingClientRect(), x = b.x + b.width / 2, y = b.y + b.height / 2;
    const top = document.elementFromPoint(x, y);
    if (!e.querySelector(".rb-dorm, .rb-site")) continue;
    top.dispatchEvent(new MouseEvent("click", { bubbles: true, clientX: x, clientY: y }));
    await new Promise((done) => setTimeout(done, 100));
    const popup = document.querySelector(".rb-popup");
    said.push([e.firstChild.className, top === e || e.contains(top),
      popup ? Array.from(popup.children, (line) => line.textContent) : null]);
    map.closePopup();
    await new Promise((done) => setTimeout(done, 400));
  }
  return said.sort();
}"""


def test_a_dormitory_at_an_employers_spot_leaves_both_seen_and_clicked_in_a_real_browser(
    tmp_path: Path,
) -> None:
    """A dormitory at an employer's very spot (the same coordinates: the
    sample's 双福工业园街道隔离点 and three employers) was drawn over the
    employer's marker, which could be neither seen nor clicked; employers at
    one spot hid each other.  The site is drawn beside the dormitory, and
    sites at one spot are one marker whose popup lists them all."""
    path = write_scenario(tmp_path / "in", [worker("W1", at=TONGZI), worker("W2", at=XISHUI)])
    employers = path.parent / "employers.csv"
    employers.write_text(
        employers.read_text(encoding="utf-8") + f"E2,第二电子有限公司,{HUB[0]},{HUB[1]}\n",
        encoding="utf-8",
    )
    plan = make_plan(load_scenario(path))
    data = embedded(_page(route_map(plan)))
    at = {(d["lat"], d["lon"]) for d in data["dorms"]}
    assert {(s["lat"], s["lon"]) for s in data["sites"] if s["kind"] == "employer"} == at
    page = tmp_path / "map.html"
    route_map(plan).save(str(page))
    said = evaluate(page, _PLACES_CLICKED, size=(1366, 768))
    employer = label("symbol_employer_many", "zh")
    assert said == [
        ["rb-dorm", True, ["一号楼", label("symbol_dorm", "zh"), said[0][2][-1]]],
        ["rb-site rb-depot", True, [plan.batch.depot.name, label("symbol_depot", "zh")]],
        ["rb-site rb-employer", True, [employer, "测试机械有限公司", "第二电子有限公司"]],
    ], said
    english = embedded(_page(route_map(_in_language(plan, "en"))))["sites"]
    assert {s["many"] for s in english if s["kind"] == "employer"} == {"Employers"}


def test_the_legend_wraps_its_long_lines_in_a_real_browser(
    planned: PlannedBatch, tmp_path: Path
) -> None:
    """One long line set the legend's width: 474 px of a 1366 px window on
    the English demo, over 600 px for a plan read back from plan.json (its
    notes).  The legend is now at most 320 px wide, its long lines wrapped."""
    plan = from_document(planned.plan)
    for lang in ("zh", "en"):
        page = tmp_path / f"{lang}.html"
        route_map(_in_language(plan, lang)).save(str(page))
        width = evaluate(
            page,
            """() => document.querySelector(".rb-legend").getBoundingClientRect().width""",
            size=(1366, 768),
        )
        assert 100 < width <= 320, (lang, width)


def test_the_attribution_says_leaflet_without_a_flag_in_a_real_browser(
    planned: PlannedBatch,
) -> None:
    """Leaflet's attribution showed its default prefix, a flag image before
    "Leaflet": now a plain "Leaflet", no image nor flag."""
    said = evaluate(
        planned.out / "map.html",
        """() => { const a = document.querySelector(".leaflet-control-attribution");
             return [a.textContent, a.querySelectorAll("svg, img").length]; }""",
    )
    assert said == ["Leaflet", 0]


#: The legend's height, and its rows: the figures, the footnote and the symbols.
_LEGEND = """() => { const legend = document.querySelector(".rb-legend");
  return [legend.getBoundingClientRect().height, legend.children.length - 1,
    legend.querySelectorAll(".rb-note").length, legend.querySelectorAll(".rb-symbol").length]; }"""


def test_the_legend_of_a_plan_read_back_is_as_compact_as_the_plans_in_a_real_browser(
    planned: PlannedBatch, tmp_path: Path
) -> None:
    """The legend of a map drawn from plan.json was 540 px of a 768 px window
    in English (396 px on the plan's own map): two rows of notes, three lines
    each, on what plan.json does not keep, and the symbols of county circles
    it does not draw.  It has one footnote now, and no symbol of nothing
    drawn: within a line of the plan's own legend (the unassigned counted by
    stage may take one more)."""
    written = evaluate(planned.out / "map.html", _LEGEND, size=(1366, 768))
    plan = from_document(planned.plan)
    for lang in ("zh", "en"):
        page = tmp_path / f"{lang}.html"
        route_map(_in_language(plan, lang)).save(str(page))
        height, rows, notes, symbols = evaluate(page, _LEGEND, size=(1366, 768))
        assert (rows, notes, symbols) == (written[1] - 1, 1, written[3] - 2), (lang, written)
        if lang == "zh":
            assert height <= written[0] + 24, (height, written)
        assert height < 768 * 0.55, (lang, height)


def test_a_map_read_back_from_plan_json_lists_only_layers_that_draw_something_in_a_real_browser(
    planned: PlannedBatch, tmp_path: Path
) -> None:
    """plan.json keeps no homes, so a map drawn from it counts no one by
    county: its layer control still listed the two county-circle layers
    (self-return, unassigned), which were empty, and the county towns' names
    (of the riders' homes).  Every layer it lists now draws something; the
    plan's own map still lists all three."""
    county_layers = [label(f"layer_{k}", "zh") for k in ("self_return", "unassigned", "names")]
    written = [name for name, _, _ in visit(planned.out / "map.html").layers]
    assert set(county_layers) <= set(written)
    page = tmp_path / "map.html"
    route_map(from_document(planned.plan)).save(str(page))
    seen = visit(page)
    assert seen.errors == []
    listed = [name for name, _, _ in seen.layers]
    assert not set(county_layers) & set(listed), listed
    assert [name for name in written if name not in county_layers] == listed


#: Each drop-off symbol (a ring of the bus's colour): whether it is the
#: topmost element at its centre, and the lines of the popup a click there opens.
_DROPS_CLICKED = """async () => {
  const map = Object.values(window).find((v) => v instanceof L.Map);
  const said = [];
  const drops = document.querySelectorAll(
    ".leaflet-overlay-pane path.leaflet-interactive:not(.rb-route), .leaflet-marker-pane .rb-drop");
  for (const e of drops) {
    const b = e.getBoundingClientRect(), x = b.x + b.width / 2, y = b.y + b.height / 2;
    const top = document.elementFromPoint(x, y);
    top.dispatchEvent(new MouseEvent("click", { bubbles: true, clientX: x, clientY: y }));
    await new Promise((done) => setTimeout(done, 100));
    const popup = document.querySelector(".rb-popup");
    said.push([top === e || e.contains(top) || top.contains(e),
      popup ? Array.from(popup.children, (line) => line.textContent) : null]);
    map.closePopup();
    await new Promise((done) => setTimeout(done, 400));
  }
  return said;
}"""


def test_a_drop_off_at_a_dormitory_and_a_gate_can_be_clicked_in_a_real_browser(
    tmp_path: Path,
) -> None:
    """A bus dropping its riders at a gate where a dormitory stands drew its
    drop-off ring under both markers (Leaflet draws circles below markers):
    the ring was hidden and a click on it opened the dormitory's popup.  The
    ring is now drawn beside them, and a click on it says the bus's drop-off;
    the dormitory and the employer are still seen and clicked."""
    path = write_scenario(tmp_path / "in", [worker("W1", at=TONGZI), worker("W2", at=XISHUI)])
    plan = make_plan(load_scenario(path))
    data = embedded(_page(route_map(plan)))
    places = {(p["lat"], p["lon"]) for p in (*data["dorms"], *data["sites"])}
    assert data["drops"] and all((d["lat"], d["lon"]) in places for d in data["drops"])
    page = tmp_path / "map.html"
    route_map(plan).save(str(page))
    (route,) = plan.routes
    (drop,) = route.dropoffs
    said = evaluate(page, _DROPS_CLICKED, size=(1366, 768))
    riders = counted("riders", len(drop.worker_ids), "zh")
    time = drop.arrive.strftime("%m-%d %H:%M")
    assert said == [[True, [data["drops"][0]["name"], f"{time} · {route.bus_id} · {riders}"]]]
    places_said = evaluate(page, _PLACES_CLICKED, size=(1366, 768))
    assert [(kind, seen) for kind, seen, _ in places_said] == [
        ("rb-dorm", True),
        ("rb-site rb-depot", True),
        ("rb-site rb-employer", True),
    ]


def test_a_drop_off_shared_by_several_buses_says_so_in_a_real_browser(tmp_path: Path) -> None:
    """Buses dropping off at one gate draw their rings one on another: a
    click opened the top bus's drop-off alone, as if no other bus came.
    Its popup now says how many buses drop off there, with how many riders,
    from the first arrival to the last."""
    rows = [worker(f"W{k}", at=TONGZI if k % 2 else XISHUI) for k in range(60)]
    plan = make_plan(load_scenario(write_scenario(tmp_path / "in", rows)))
    drops = [d for route in plan.routes for d in route.dropoffs]
    assert len(drops) >= 3 and len({(d.point_id, d.location) for d in drops}) == 1
    times = sorted(d.arrive.strftime("%m-%d %H:%M") for d in drops)
    here = label(
        "dropoffs_here",
        "zh",
        buses=counted("buses", len(drops), "zh"),
        riders=counted("riders", sum(len(d.worker_ids) for d in drops), "zh"),
        first=times[0],
        last=times[-1],
    )
    assert f"此处共 {len(drops)} 辆车下车" in here
    (site,) = embedded(_page(route_map(plan)))["drops"]
    assert site["here"] == here
    page = tmp_path / "map.html"
    route_map(plan).save(str(page))
    said = evaluate(page, _DROPS_CLICKED, size=(1366, 768))
    assert len(said) == len(drops)
    assert all(lines is not None and lines[2:] == [here] for _, lines in said), said


@pytest.mark.parametrize("sharing", [4, 6])
def test_a_gate_shared_by_many_employers_is_named_for_its_first_in_a_real_browser(
    tmp_path: Path, sharing: int
) -> None:
    """A gate shared by a park's employers was titled with all of them, one
    after another, its popup's title and tooltip running over several lines.
    Shared by five or more, it is named for its first three and how many
    there are ("A / B / C 等 6 家", "A / B / C and 3 more"), its popup listing
    them all; four or fewer are named in full."""
    path = write_scenario(tmp_path / "in", [worker("W1", at=TONGZI)])
    names = [f"{k}号园区企业" for k in range(1, sharing + 1)]
    (path.parent / "employers.csv").write_text(
        "employer_id,name,lat,lon\n"
        + "".join(f"E{k},{name},{HUB[0]},{HUB[1]}\n" for k, name in enumerate(names, 1)),
        encoding="utf-8",
    )
    plan = make_plan(load_scenario(path))
    whole = " / ".join(names)
    for lang in ("zh", "en"):
        page = tmp_path / f"{lang}.html"
        route_map(_in_language(plan, lang)).save(str(page))
        (site,) = embedded(page.read_text(encoding="utf-8"))["drops"]
        ((_, lines),) = evaluate(page, _DROPS_CLICKED)
        if sharing <= 4:
            assert site["name"] == lines[0] == whole and "employers" not in site
            continue
        first = " / ".join(names[:3])
        named = {"zh": f"{first} 等 {sharing} 家", "en": f"{first} and {sharing - 3} more"}
        assert site["name"] == lines[0] == named[lang] and len(site["name"]) < len(whole)
        assert lines[1] == whole, lang


def test_a_drop_off_of_one_bus_alone_says_nothing_of_others(tmp_path: Path) -> None:
    """The count of buses is said only where others drop off too."""
    rows = [worker("W1", at=TONGZI)]
    plan = make_plan(load_scenario(write_scenario(tmp_path, rows)))
    (site,) = embedded(_page(route_map(plan)))["drops"]
    assert "here" not in site


def test_markers_are_not_layers_of_their_own_for_the_compositor_in_a_real_browser(
    planned: PlannedBatch,
) -> None:
    """The "全部隐藏" (hide all) took 1-3 s at 1,000 buses, nearly all of it
    the browser redrawing: Leaflet places each marker by translate3d, which made
    each of the thousands of stop and arrow markers a layer of its own for
    the compositor.  Markers are placed by a flat translate now (after a
    zoom too), and the buttons still show and hide every bus."""
    page = planned.out / "map.html"
    said = evaluate(
        page,
        """() => { const map = Object.values(window).find((v) => v instanceof L.Map);
             const how = () => Array.from(document.querySelectorAll(".leaflet-marker-icon"),
               (e) => e.style.transform.split("(")[0]);
             const opened = how();
             map.setZoom(map.getZoom() + 1, { animate: false });
             const buttons = document.querySelectorAll(".rb-all button");
             buttons[1].click(); buttons[0].click();
             return [opened, how()]; }""",
    )
    for placed in said:
        assert placed and set(placed) == {"translate"}, Counter(placed)


#: The popup of the stop with the most riders, opened: the map's height, the
#: popup's top and bottom, how tall its lines are in all, and, scrolled to
#: its end, the bottoms of its last rider and of its 高德 link.
_TALLEST_STOP = """async () => {
  const map = Object.values(window).find((v) => v instanceof L.Map);
  let tallest = null, most = -1;
  map.eachLayer((layer) => {
    const icon = layer.options.icon && layer.options.icon.options.html;
    if (!(icon instanceof HTMLElement) || icon.className !== "rb-stop") return;
    layer.openPopup();
    const lines = layer.getPopup().getElement().querySelectorAll(".rb-popup div").length;
    map.closePopup();
    if (lines > most) { most = lines; tallest = layer; }
  });
  tallest.openPopup();
  await new Promise((done) => setTimeout(done, 800));
  const frame = map.getContainer().getBoundingClientRect();
  const popup = tallest.getPopup().getElement();
  const content = popup.querySelector(".leaflet-popup-content");
  content.scrollTop = content.scrollHeight;
  const box = popup.getBoundingClientRect();
  const riders = popup.querySelectorAll(".rb-popup div");
  return {
    frame: frame.height, top: box.top - frame.top, bottom: box.bottom - frame.top,
    lines: content.scrollHeight,
    last: riders[riders.length - 1].getBoundingClientRect().bottom - frame.top,
    link: popup.querySelector(".rb-popup a").getBoundingClientRect().bottom - frame.top,
  };
}"""


def test_a_stop_of_many_riders_opens_a_popup_that_fits_the_window_in_a_real_browser(
    tmp_path: Path,
) -> None:
    """A stop's popup lists every rider: at 20 and more on a low window it
    ran past the window's bottom, the last riders and the 高德 link out of
    reach (the wheel over a popup does not scroll it).  The popup now fits
    inside the map and its lines scroll to the last rider and the link."""
    rows = [worker(f"W{k:02d}", at=TONGZI, phone=f"138{k:08d}") for k in range(40)]
    plan = make_plan(load_scenario(write_scenario(tmp_path / "in", rows)))
    page = tmp_path / "map.html"
    route_map(plan).save(str(page))
    said = evaluate(page, _TALLEST_STOP, size=(1200, 480))
    assert said["lines"] > said["frame"], said  # the list is taller than the window
    assert said["top"] >= 0 and said["bottom"] <= said["frame"], said
    assert said["top"] < said["last"] <= said["link"] <= said["bottom"], said


#: Each popup of the map opened in turn: its lines (text) wider than the
#: popup's white box, which ran out of it.
_LINES_OUT_OF_POPUPS = """() => {
  const map = Object.values(window).find((v) => v instanceof L.Map);
  const out = [];
  map.eachLayer((layer) => {
    if (!layer.getPopup || !layer.getPopup()) return;
    layer.openPopup();
    const popup = layer.getPopup().getElement();
    const right = popup.querySelector(".leaflet-popup-content").getBoundingClientRect().right;
    popup.querySelectorAll(".rb-popup > *").forEach((line) => {
      const span = document.createRange();
      span.selectNodeContents(line);
      if (span.getBoundingClientRect().right > right + 1) out.push(line.textContent);
    });
    map.closePopup();
  });
  return out;
}"""


def test_no_line_runs_out_of_its_popup_in_a_real_browser(tmp_path: Path) -> None:
    """The line of a drop-off shared by several buses (how many buses, with
    how many riders, between which times) is longer than Leaflet's 300 px
    popup: kept on one line, it ran out of the popup's box, its last
    figures over the map.  A long line now wraps inside the popup."""
    rows = [worker(f"W{k}", at=TONGZI if k % 2 else XISHUI) for k in range(60)]
    plan = make_plan(load_scenario(write_scenario(tmp_path / "in", rows)))
    for lang in ("zh", "en"):
        page = tmp_path / f"{lang}.html"
        route_map(_in_language(plan, lang)).save(str(page))
        assert evaluate(page, _LINES_OUT_OF_POPUPS, size=(1366, 768)) == [], lang


#: Each stop marker: its number, whether it is the topmost element at its
#: centre, and the first line (the bus) of the popup a click there opens.
_STOPS_CLICKED = """async () => {
  const map = Object.values(window).find((v) => v instanceof L.Map);
  const said = [];
  for (const e of document.querySelectorAll(".leaflet-marker-pane .rb-stop")) {
    const box = e.getBoundingClientRect();
    const x = box.left + box.width / 2, y = box.top + box.height / 2;
    const top = document.elementFromPoint(x, y);
    top.dispatchEvent(new MouseEvent("click", { bubbles: true, clientX: x, clientY: y }));
    await new Promise((done) => setTimeout(done, 100));
    const popup = document.querySelector(".rb-popup");
    said.push([e.textContent, top === e || e.contains(top),
      popup ? popup.children[1].textContent.split(" · ")[1] : null]);
    map.closePopup();
    await new Promise((done) => setTimeout(done, 400));
  }
  return said;
}"""


def test_stops_of_several_buses_at_one_spot_can_each_be_clicked_in_a_real_browser(
    tmp_path: Path,
) -> None:
    """Buses picking up at one spot (a township's point) drew their stops
    one on another: only the top one could be seen and clicked, the other
    buses' riders there not read (at 3,000 workers, 212 of 374 spots).  They
    are now drawn side by side, each opening its own bus's popup."""
    rows = [worker(f"W{k:02d}", at=TONGZI, phone=f"138{k:08d}") for k in range(40)]
    plan = make_plan(load_scenario(write_scenario(tmp_path / "in", rows)))
    spots = Counter(stop.location for route in plan.routes for stop in route.stops)
    assert len(plan.routes) >= 2 and len(spots) == 1  # two buses or more at one spot
    page = tmp_path / "map.html"
    route_map(plan).save(str(page))
    said = evaluate(page, _STOPS_CLICKED, size=(1366, 768))
    assert sorted(bus for _, _, bus in said) == sorted(r.bus_id for r in plan.routes), said
    assert all(seen for _, seen, _ in said), said
