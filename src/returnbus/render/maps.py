"""The route map: a folium map, saved as one ``map.html`` that works with no network.

folium lays out the page: the map, a layer per bus and per kind of place,
the layer control, the base map.  Leaflet (BSD-2), its stylesheet and our
drawing script are inlined from copies shipped in ``returnbus/data/web``
instead of folium's CDN links; the plan is embedded as JSON, and each
layer is drawn from it with ``textContent`` only, so no roster string can
run as script (folium's own popups and tooltips put text in HTML).  Our
layers and the inlined parts go into the page as written, not through
folium's templates: a bus's layer is three lines of script, and no roster
string is read as template code.
The base map is a setting: ``none`` draws province outlines and
approximate county areas shipped with returnbus; ``amap``, ``osm`` and
``tianditu`` load tiles when the page is opened online (with ``amap``,
every point is shifted to GCJ-02, as 高德 tiles are drawn).

The map is meant to be shared: it shows names and masked phones at each
stop, never ID numbers or homes (stops are pickup points, and who returns
alone or is not planned is counted per county, at the county seat).
"""

from __future__ import annotations

import colorsys
import html
import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime
from functools import cache
from importlib.resources import files
from typing import Any, Literal, get_args

import folium
import numpy as np
from branca.element import Element, Figure
from jinja2 import Template

from ..domain import LatLon, PickupPoint, Place, Route, Stage, Stop, Worker
from ..dropoffs import gate_employers
from ..geo.hanzi import IDEOGRAPHS
from ..naming import gcj02
from ..plan import Batch, Plan
from ..settings import OutputSettings
from ..text import Lang, listed, say
from .labels import LABELS, counted, label, stage_label
from .privacy import mask_phone
from .stops import dropoff_names
from .tables import COUNT, MONEY, shown

_TILES: Mapping[str, tuple[str, str, str]] = {
    "amap": (
        "https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8"
        "&x={x}&y={y}&z={z}",
        "© 高德地图 AutoNavi",
        "1234",
    ),
    "osm": (
        "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        "© OpenStreetMap contributors",
        "abc",
    ),
    "tianditu": (
        "https://t{s}.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0"
        "&LAYER=vec&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}"
        "&TILECOL={x}&tk=",
        "© 天地图 Tianditu",
        "01234567",
    ),
}
_CSS = """
html, body, #map { height: 100%; margin: 0; }
body { font: 13px/1.4 "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif; }
.rb-icon { background: none; border: none; }
.rb-icon > div { box-sizing: border-box; width: 100%; height: 100%; }
/* Half its 22 px height: a lone stop's disc, a pill for "2·3". */
.rb-stop { border-radius: 11px; color: #fff; font: bold 11px/20px sans-serif;
  text-align: center; border: 1px solid #fff; box-shadow: 0 0 2px #333; }
.rb-icon > .rb-arrow { width: 0; height: 0; margin: 0 0 0 2px; border-top: 5px solid transparent;
  border-bottom: 5px solid transparent; border-left: 10px solid #333; }
.rb-icon > .rb-drop { border: 3px solid; border-radius: 50%; background: #fff; }
.rb-dorm { background: #6a4c93; border: 2px solid #fff; border-radius: 3px;
  box-shadow: 0 0 2px #333; }
.rb-site { border: 2px solid #fff; box-shadow: 0 0 2px #333; }
.rb-depot { background: #1d3557; } .rb-employer { background: #457b9d; border-radius: 50%; }
.rb-name { background: none; border: none; white-space: nowrap; color: #5a5348;
  font-size: 12px; text-shadow: 0 0 2px #fff, 0 0 2px #fff; }
.rb-swatch { display: inline-block; width: 12px; height: 4px; margin: 0 4px 3px 0; }
/* At most 320 px with its padding: one long line (a note) made it 474 px wide. */
.rb-legend { background: rgba(255,255,255,.92); padding: 6px 10px; border-radius: 4px;
  box-shadow: 0 1px 4px rgba(0,0,0,.3); max-width: 300px; }
.rb-key { display: inline-block; width: 14px; height: 14px; margin: 0 6px -2px 0;
  box-sizing: border-box; text-align: center; font: bold 9px/12px sans-serif; color: #fff; }
.rb-key.rb-stop { background: #555; } .rb-key.rb-drop { border: 3px solid #555;
  border-radius: 50%; background: #fff; }
.rb-key.rb-arrow { width: 0; height: 0; border-top: 6px solid transparent;
  border-bottom: 6px solid transparent; border-left: 12px solid #555; }
.rb-key.rb-self { background: #2a9d8f; border-radius: 50%; opacity: .7; }
.rb-key.rb-left { background: #e76f51; border-radius: 50%; opacity: .7; }
.rb-note { margin-top: 2px; color: #5a5348; font-size: 12px; line-height: 1.3; }
/* A popup is at most Leaflet's 300 px wide: a longer line (the buses at a
   shared drop-off) wraps in it; kept on one line, it ran out of the popup. */
.rb-popup div { overflow-wrap: anywhere; }
.leaflet-control-layers-list { max-height: 60vh; overflow-y: auto; }
.rb-all { margin: 0 0 4px; white-space: nowrap; }
/* Kept in view while the list scrolls under it. */
.rb-find { position: sticky; top: 0; z-index: 1; width: 100%; box-sizing: border-box;
  margin: 0 0 4px; padding: 2px 4px; font: inherit; background: #fff; }
.rb-none { color: #5a5348; }
.rb-all button { border: none; background: none; padding: 0; color: #0078a8;
  font: inherit; cursor: pointer; } .rb-all button:hover { text-decoration: underline; }
"""


def route_map(plan: Plan) -> folium.Map:
    """The plan's map, in the language and on the base map of its output
    settings: a ``folium.Map`` with a layer per bus, who is left out and who
    returns alone by county, the dormitories, the depot and employers, and a legend.

    ``save("map.html")`` writes one page that works with no network; in a
    notebook the map shows inline, and more layers can be added to it."""
    output = plan.settings.output
    shown = gcj02 if output.basemap == "amap" else (lambda at: at)
    data = _data(plan, output, shown)
    lang = output.lang
    # No zoom control of Leaflet's own, titled in English: the page's script
    # makes one titled in the plan's language.
    area = folium.Map(
        location=data["centre"], zoom_start=7, tiles=None, max_zoom=18, zoom_control=False
    )
    _offline(area, data, lang)
    tiles = _TILES.get(output.basemap)
    if tiles is not None:
        url = tiles[0] + (output.tianditu_key if output.basemap == "tianditu" else "")
        folium.TileLayer(
            tiles=url, attr=html.escape(tiles[1]), subdomains=tiles[2], name=output.basemap
        ).add_to(area)
    else:
        _page(area).header.add_child(Element("<style>.folium-map{background:#f4f1ea}</style>"))
        points = _points_of(data["buses"], data["drops"])
        _outlines(points, label("layer_outlines", lang)).add_to(area)
    for k, bus in enumerate(data["buses"]):
        swatch = f'<span class="rb-swatch" style="background:{bus["color"]}"></span>'
        _DrawnLayer(swatch + _control_text(bus["label"]), "bus", k).add_to(area)
    # Only layers that draw something are listed: a plan read back from
    # plan.json knows no homes, and its control listed two empty county layers.
    # Two layers, each named for what it holds: one called 隔离宿舍 hid the depot too.
    kinds = [
        ("layer_self_return", "selfReturn", "self_return"),
        ("layer_unassigned", "unassigned", "unassigned"),
        ("layer_dormitories", "dorms", "dorms"),
        ("layer_sites", "sites", "sites"),
    ]
    if output.basemap == "none":
        kinds.append(("layer_names", "names", "names"))
    for key, what, drawn in kinds:
        if data[drawn]:
            _DrawnLayer(label(key, lang), what).add_to(area)
    folium.LayerControl(collapsed=False).add_to(area)
    _Drawn("legend").add_to(area)
    _Drawn("ready", _bounds(data)).add_to(area)
    _number(area)
    return area


def _control_text(text: str) -> str:
    """``text`` (from a file: a bus type) as HTML for the layer control:
    escaped, and its braces as entities, since folium compiles the control's
    script as a template again (a ``{{`` or ``{#`` would run or stop the map)."""
    return html.escape(text).replace("{", "&#123;").replace("}", "&#125;")


class _Verbatim(Element):
    """Text put in the page as it is.

    branca takes what each element writes for the page as a Jinja template,
    compiled before it is rendered again: at thousands of buses that was
    half the map's time, and a ``{{`` or ``{%`` in a roster name ran as
    template code (or stopped the map)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def render(self, **kwargs: object) -> str:
        return self.text


def _call(target: str, what: str, args: Iterable[object]) -> str:
    """The line of script by which ``returnbus-map.js`` draws ``what`` into ``target``."""
    given = "".join(f", {_json_for_script(a)}" for a in args)
    return f"returnbus.{what}({target}{given});\n"


def _parent_name(element: Element) -> str:
    assert element._parent is not None, "an element is drawn once added to the map"
    return element._parent.get_name()


class _Drawn(Element):
    """A part of the plan that ``returnbus-map.js`` draws from the page's
    data onto the map itself (the legend, the opening view)."""

    def __init__(self, what: str, *args: object) -> None:
        super().__init__()
        self._name = "Drawn"
        self.what = what
        self.args = args

    def render(self, **kwargs: object) -> str:
        line = _call(_parent_name(self), self.what, self.args)
        _page(self).script.add_child(_Verbatim(line), name=self.get_name())
        return ""


class _DrawnLayer(folium.FeatureGroup):
    """A layer of the map (a bus, or a kind of place), listed in its control
    by ``name`` (HTML: escape what came from a file) and drawn by
    ``returnbus.what``.

    It writes its three lines of script itself: folium's feature group
    compiled three templates a layer, most of the map's time at district
    scale.  What a notebook adds to the layer is drawn after it."""

    def __init__(self, name: str, what: str, *args: object) -> None:
        super().__init__(name=name)
        self.what = what
        self.args = args

    def render(self, **kwargs: object) -> str:
        layer = self.get_name()
        script = (
            f"var {layer} = L.featureGroup();\n"
            + _call(layer, self.what, self.args)
            + f"{layer}.addTo({_parent_name(self)});\n"
        )
        _page(self).script.add_child(_Verbatim(script), name=layer)
        for child in self._children.values():
            child.render(**kwargs)
        return ""


def _offline(area: folium.Map, data: Mapping[str, Any], lang: Lang) -> None:
    """Leaflet, its stylesheet, our script and the plan's data inlined into
    the page, in place of folium's links to CDNs the desk may not reach; the
    page says its language (`_PAGE`)."""
    area.default_js = []
    area.default_css = []
    page = _page(area)
    page._template = _PAGE[lang]
    page.title = html.escape(data["title"])
    parts = (
        f"<style>{_asset('leaflet.css')}{_CSS}</style>",
        f"<script>{_asset('leaflet.js')}</script>",
        f'<script type="application/json" id="rb-data">{_json_for_script(data)}</script>',
        f"<script>{_asset('returnbus-map.js')}</script>",
    )
    for k, part in enumerate(parts):
        page.header.add_child(_Verbatim(part), name=f"returnbus_{k}")


#: Each language's tag for the page (BCP 47): the desk's Chinese is simplified, of the mainland.
_HTML_LANG: Mapping[Lang, str] = {"zh": "zh-CN", "en": "en"}
#: The page as branca's `Figure` writes it, its ``<html>`` saying the plan's
#: language: without it a screen reader read the Chinese map with an English
#: voice, and a browser drew its Han characters in a Japanese font's shapes.
_PAGE: Mapping[Lang, Template] = {
    lang: Template(
        "<!DOCTYPE html>\n"
        f'<html lang="{tag}">\n'
        "<head>\n"
        "{% if this.title %}<title>{{this.title}}</title>{% endif %}"
        "    {{this.header.render(**kwargs)}}\n"
        "</head>\n"
        "<body>\n"
        "    {{this.html.render(**kwargs)}}\n"
        "</body>\n"
        "<script>\n"
        "    {{this.script.render(**kwargs)}}\n"
        "</script>\n"
        "</html>\n"
    )
    for lang, tag in _HTML_LANG.items()
}


def _page(element: Element) -> Figure:
    """The page the map (and ``element``, one of its parts) is drawn on."""
    page = element.get_root()
    assert isinstance(page, Figure)
    return page


def _bounds(data: Mapping[str, Any]) -> list[list[float]]:
    """The corners of every stop, dormitory and site (none: no corners)."""
    points = [
        (p["lat"], p["lon"])
        for p in (
            *(s for bus in data["buses"] for s in bus["stops"]),
            *data["dorms"],
            *data["sites"],
        )
    ]
    if not points:
        return []
    return [
        [min(p[0] for p in points), min(p[1] for p in points)],
        [max(p[0] for p in points), max(p[1] for p in points)],
    ]


def _number(area: folium.Map) -> None:
    """Name the page's elements in order, so the same plan gives the same page
    (folium names them at random)."""
    count = 0
    stack: list[Any] = [area.get_root()]
    while stack:
        element = stack.pop()
        element._id = f"{count:08x}"
        count += 1
        stack.extend(reversed(list(element._children.values())))


def _data(plan: Plan, output: OutputSettings, shown: Callable[[LatLon], LatLon]) -> dict[str, Any]:
    lang = output.lang
    batch = plan.batch
    workers = {w.id: w for w in batch.workers}
    points = {p.id: p for p in plan.pickup_points}
    drops = _DropSites(batch, lang, shown)
    homes = _Homes((*batch.workers, *batch.rejected))
    colours = colours_apart(plan.routes)
    buses = [
        _bus(route, colour, workers, points, drops, homes, batch.places, lang)
        for route, colour in zip(plan.routes, colours, strict=True)
    ]
    drops.tally(lang)
    self_return = _by_county(plan.self_return, workers, batch.places, shown, lang)
    unassigned = _by_county(
        [u.worker_id for u in plan.unassigned], workers, batch.places, shown, lang
    )
    data: dict[str, Any] = {
        # The batch's name alone: the legend counts the buses among its figures.
        "title": _title(plan, lang),
        "words": {
            key: label(key, lang)
            for key in LABELS
            if key.startswith(_WORD_KEYS) or key in _SYMBOL_WORDS
        },
        "centre": list(shown(batch.destination.location)),
        "drops": drops.listed,
        "buses": buses,
        "self_return": self_return,
        "unassigned": unassigned,
        "dorms": _dorms(plan, shown, lang),
        "sites": [
            _site(batch.depot.name, shown(batch.depot.location), "depot", lang),
            *(_site(e.name, shown(e.location), "employer", lang) for e in batch.employers),
        ],
        "names": _county_towns(batch.places.values(), shown),
        "summary": _summary(
            plan,
            lang,
            self_mapped=sum(c["count"] for c in self_return),
            unassigned_mapped=sum(c["count"] for c in unassigned),
        ),
        "note": _note(plan, lang),
    }
    # A symbol of nothing on the map is not explained: a plan read back draws
    # no county circles, and the legend said what they meant.
    drawn = {"rb-self": data["self_return"], "rb-left": data["unassigned"]}
    data["symbols"] = [
        {"word": word, "cls": cls, "mark": mark}
        for word, cls, mark in _SYMBOLS
        if drawn.get(cls, True)
    ]
    return data


#: Chinese characters (the CJK ideograph blocks): a name holding any is not English.
_HAN = re.compile(f"[{IDEOGRAPHS}]")


def _title(plan: Plan, lang: Lang) -> str:
    """The map's title: the batch's name, but in English never a Chinese one
    (the scenario's [scenario] name is the desk's, in Chinese): there it is
    "Return buses: batch 1, 2020-03-17", the batch's id left out when it is
    Chinese too."""
    batch = plan.batch
    if lang == "zh" or not _HAN.search(batch.name):
        return batch.name
    date = batch.departure.strftime("%Y-%m-%d")
    if batch.id and not _HAN.search(batch.id):
        return label("map_title", lang, batch=batch.id, date=date)
    return label("map_title_dated", lang, date=date)


_WORD_KEYS = (
    "summary_",
    "navigate",
    "occupancy",
    "colon",
    "zoom_",
    "show_all_buses",
    "hide_all_buses",
    "find_bus",
)
#: The legend: what each symbol on the map means (label key, CSS class, text on it).
_SYMBOLS = (
    ("symbol_stop", "rb-stop", "1"),
    ("symbol_direction", "rb-arrow", ""),
    ("symbol_dropoff", "rb-drop", ""),
    ("symbol_dorm", "rb-dorm", ""),
    ("symbol_depot", "rb-site rb-depot", ""),
    ("symbol_employer", "rb-site rb-employer", ""),
    # The counties' circles are named as their layers are, not in words of their own.
    ("layer_self_return", "rb-self", ""),
    ("layer_unassigned", "rb-left", ""),
)
_SYMBOL_WORDS = frozenset(word for word, _, _ in _SYMBOLS)


def _site(name: str, at: LatLon, kind: Literal["depot", "employer"], lang: Lang) -> dict[str, Any]:
    """The depot or an employer, its popup saying what it is in the legend's
    word (the English legend said "Bus depot", the depot's popup "Depot"),
    and what several such are (the popup of employers at one spot)."""
    return {
        **_at(at),
        "name": name,
        "kind": kind,
        "what": label(f"symbol_{kind}", lang),
        "many": label(f"symbol_{kind}_many", lang),
    }


def bus_colours(count: int) -> list[str]:
    """``count`` colours far apart: hues stepped by the golden angle, in
    three lightness bands, so that neighbouring buses never look alike."""
    colours = []
    for k in range(count):
        hue = (k * 0.618033988749895) % 1.0
        lightness = (0.38, 0.50, 0.30)[k % 3]
        red, green, blue = colorsys.hls_to_rgb(hue, lightness, 0.85)
        colours.append(f"#{round(red * 255):02x}{round(green * 255):02x}{round(blue * 255):02x}")
    return colours


#: Buses with pickups this near one another are drawn side by side on the
#: map, and their colours are kept apart; of a bus's neighbours, the last
#: `_NEIGHBOURS` coloured are looked at, and of the palette's colours not yet
#: taken, the next `_CHOICE` (its golden-angle hues go round the circle every
#: few colours): the work stays linear in the buses, thousands of them too.
_NEAR_DEG = 0.15  # of latitude, about 17 km; of longitude, less
_NEIGHBOURS = 32
_CHOICE = 48


def colours_apart(routes: Sequence[Route]) -> list[str]:
    """A colour for each of ``routes``, no two alike, chosen so that buses
    picking up near one another look unlike.

    In the palette's order (`bus_colours`), two buses at neighbouring towns
    drew #380fb3 and #0f10b3, the same blue to the eye: each bus in turn now
    takes, of the palette's next colours not yet taken, the one farthest (in
    CIELAB, as the eye sees difference) from those its neighbours took before
    it; a bus with none takes the palette's next."""
    palette = bus_colours(len(routes) + _CHOICE)
    seen = np.array([_cielab(colour) for colour in palette]).reshape(-1, 3)
    free = list(range(len(palette)))  # not yet taken, in the palette's order
    chosen: list[int] = []
    for near in _neighbours(routes):
        choice = np.array(free[:_CHOICE])
        apart = np.zeros(len(choice))
        if near:
            gaps = seen[choice][:, None, :] - seen[[chosen[j] for j in near]][None, :, :]
            apart = np.sqrt((gaps**2).sum(axis=2)).min(axis=1)
        pick = int(choice[int(np.argmax(apart))])  # of equals, the first
        free.remove(pick)
        chosen.append(pick)
    return [palette[c] for c in chosen]


def _neighbours(routes: Sequence[Route]) -> list[list[int]]:
    """For each route, the last `_NEIGHBOURS` routes before it with a pickup
    in its grid squares of `_NEAR_DEG` or the squares around them (drop-offs
    are left out: most buses end at one gate)."""
    squares: dict[tuple[int, int], list[int]] = defaultdict(list)
    near: list[list[int]] = []
    for k, route in enumerate(routes):
        own = {
            (math.floor(s.location[0] / _NEAR_DEG), math.floor(s.location[1] / _NEAR_DEG))
            for s in route.stops
        }
        around = {
            j
            for lat, lon in own
            for dlat in (-1, 0, 1)
            for dlon in (-1, 0, 1)
            for j in squares.get((lat + dlat, lon + dlon), ())[-_NEIGHBOURS:]
        }
        near.append(sorted(around)[-_NEIGHBOURS:])
        for square in own:
            squares[square].append(k)
    return near


def _cielab(colour: str) -> tuple[float, float, float]:
    """``#rrggbb`` in CIELAB (D65), where distance is difference to the eye."""

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    red, green, blue = (linear(int(colour[i : i + 2], 16) / 255) for i in (1, 3, 5))
    x = (0.4124 * red + 0.3576 * green + 0.1805 * blue) / 0.95047
    y = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    z = (0.0193 * red + 0.1192 * green + 0.9505 * blue) / 1.08883
    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


#: The employers a shared gate's name on the map gives before "等 N 家".
_GATE_NAMES_SHOWN = 3


class _DropSites:
    """The drop-off sites the buses go to, each listed once.

    Many buses end at the same gates, and a site's name (the employers it
    serves) can be long: buses refer to a site by its index in the list.
    """

    def __init__(self, batch: Batch, lang: Lang, shown: Callable[[LatLon], LatLon]) -> None:
        self.names = dropoff_names(batch, lang)
        self.employers = gate_employers(batch)
        self.lang = lang
        self.shown = shown
        self.listed: list[dict[str, Any]] = []
        self.index: dict[tuple[str, LatLon], int] = {}
        #: Each site's arrivals: when, and how many riders get off.
        self.arrivals: list[list[tuple[datetime, int]]] = []

    def of(self, drop: Stop) -> int:
        """The index of the site ``drop`` is made at, its arrival counted there."""
        key = (drop.point_id, drop.location)
        if key not in self.index:
            self.index[key] = len(self.listed)
            self.listed.append({**_at(self.shown(drop.location)), **self._named(drop.point_id)})
            self.arrivals.append([])
        site = self.index[key]
        self.arrivals[site].append((drop.arrive, len(drop.worker_ids)))
        return site

    def _named(self, site: str) -> dict[str, str]:
        """``site``'s name; of a gate shared by more than `_GATE_NAMES_SHOWN`
        employers, its first ones and how many there are ("A / B / C 等 10
        家"), all of them said in its popup (``employers``): the title of a
        park's gate named all ten, and ran over several lines."""
        whole = self.names.get(site, site)
        employers = self.employers.get(site, [])
        # Capped only to leave out two or more: "and 1 more" is no shorter than its name.
        if len(employers) <= _GATE_NAMES_SHOWN + 1:
            return {"name": whole}
        shown = " / ".join(employers[:_GATE_NAMES_SHOWN])
        more = len(employers) - _GATE_NAMES_SHOWN
        name = label("gate_and_more", self.lang, names=shown, more=more, all=len(employers))
        return {"name": name, "employers": whole}

    def tally(self, lang: Lang) -> None:
        """Say at each site where several buses drop off how many, with how
        many riders and between which times: their rings are drawn one on
        another, and a click on the top one told of that bus alone."""
        for site, here in zip(self.listed, self.arrivals, strict=True):
            if len(here) > 1:
                site["here"] = label(
                    "dropoffs_here",
                    lang,
                    buses=counted("buses", len(here), lang),
                    riders=counted("riders", sum(n for _, n in here), lang),
                    first=min(here)[0].strftime("%m-%d %H:%M"),
                    last=max(here)[0].strftime("%m-%d %H:%M"),
                )


def _bus(
    route: Route,
    colour: str,
    workers: Mapping[str, Worker],
    points: Mapping[str, PickupPoint],
    drops: _DropSites,
    homes: _Homes,
    places: Mapping[str, Place],
    lang: Lang,
) -> dict[str, Any]:
    shown = drops.shown
    no_phone = label("no_phone", lang)
    stops = []
    for stop in route.stops:
        point = points.get(stop.point_id)
        name = point.name if point is not None and point.name else stop.point_id
        drawn = _away_from_homes(stop, point, homes, places)
        stops.append(
            {
                **_at(shown(drawn)),
                "seq": stop.seq,
                "name": name,
                "time": stop.arrive.strftime("%m-%d %H:%M"),
                # 高德 coordinates: the page builds the navigation link from them.
                "g": [round(v, 5) for v in reversed(gcj02(drawn))],
                "riders": [_rider(w, workers.get(w), no_phone) for w in stop.worker_ids],
                # Worded here: English says 1 rider, 2 riders, as the bus's layer does.
                "counted": counted("riders", len(stop.worker_ids), lang),
            }
        )
    dropoffs = [
        {
            "site": drops.of(d),
            "time": d.arrive.strftime("%m-%d %H:%M"),
            "count": len(d.worker_ids),
            "counted": counted("riders", len(d.worker_ids), lang),
        }
        for d in route.dropoffs
    ]
    return {
        "id": route.bus_id,
        # The riders counted, not a bare number: "M19 · 9" read as seats or a stop.
        "label": f"{route.bus_id} {route.bus_type} · {counted('riders', route.riders, lang)}",
        "color": colour,
        "stops": stops,
        "dropoffs": dropoffs,
    }


def _rider(worker_id: str, worker: Worker | None, no_phone: str) -> str:
    """A rider as a stop's popup lists them: name and masked phone, or
    ``no_phone``; by worker ID when the name is not known.  A plan read back
    from plan.json keeps ids only (the roster needs a name): "（无电话）"
    beside no name told the desk that nobody gave a phone."""
    if worker is None or not worker.name:
        return worker_id
    return f"{worker.name} {mask_phone(worker.phone) or no_phone}"


#: A stop this close to a rider's home is that home (a door-to-door pickup).
_AT_HOME_M = 100.0
#: Without a township point, such a stop is drawn on a grid this coarse (about 1 km).
_GRID_DEG = 0.01


def _away_from_homes(
    stop: Stop, point: PickupPoint | None, homes: _Homes, places: Mapping[str, Place]
) -> LatLon:
    """Where the shared map draws a stop: where it is, unless it is someone's
    home; then at its township's point, or on a 1 km grid.  The driver's
    papers keep the exact point."""
    at = stop.location
    if not homes.near(at):
        return at
    place = places.get(point.division_code) if point is not None else None
    township = place.township_point if place is not None else None
    if township is not None and not homes.near(township):
        return township
    return LatLon(
        (math.floor(at.lat / _GRID_DEG) + 0.5) * _GRID_DEG,
        (math.floor(at.lon / _GRID_DEG) + 0.5) * _GRID_DEG,
    )


class _Homes:
    """Every worker's home placed exactly (the roster's lat/lon, or an address
    placed to the door), bucketed by about 100 m, to ask whether a point is
    one.  A home placed only to its township or county stands at that
    division's point, where its neighbours meet: that point is nobody's door,
    and a stop there is drawn (and linked) where the bus stops."""

    def __init__(self, workers: Iterable[Worker]) -> None:
        self._cells: dict[tuple[int, int], list[LatLon]] = {}
        for worker in workers:
            home = worker.roster_location or (worker.home if worker.precision == "exact" else None)
            if home is not None:
                self._cells.setdefault(self._cell(home), []).append(home)

    @staticmethod
    def _cell(at: LatLon) -> tuple[int, int]:
        return (math.floor(at.lat * 1000), math.floor(at.lon * 1000))

    def near(self, at: LatLon) -> bool:
        lat, lon = self._cell(at)
        return any(
            _metres(home, at) < _AT_HOME_M
            for dlat in (-1, 0, 1)
            for dlon in (-1, 0, 1)
            for home in self._cells.get((lat + dlat, lon + dlon), ())
        )


def _metres(a: LatLon, b: LatLon) -> float:
    """Distance on the ground, near enough at these scales (equirectangular)."""
    x = math.radians(b.lon - a.lon) * math.cos(math.radians((a.lat + b.lat) / 2))
    return 6_371_000.0 * math.hypot(x, math.radians(b.lat - a.lat))


def _by_county(
    worker_ids: Iterable[str],
    workers: Mapping[str, Worker],
    places: Mapping[str, Place],
    shown: Callable[[LatLon], LatLon],
    lang: Lang,
) -> list[dict[str, Any]]:
    """How many of ``worker_ids`` live in each county, at its seat (never a
    home): the number (it sizes the circle) and its words in ``lang``."""
    living: Counter[str] = Counter()
    seat: dict[str, tuple[str, LatLon]] = {}
    for worker_id in worker_ids:
        worker = workers.get(worker_id)
        place = places.get(worker.division_code) if worker else None
        if place is None or place.county_seat is None:
            continue
        living[place.county_code] += 1
        seat[place.county_code] = (place.county, place.county_seat)
    return [
        {
            **_at(shown(seat[code][1])),
            "name": seat[code][0],
            "count": n,
            "people": counted("people", n, lang),
        }
        for code, n in sorted(living.items())
    ]


def _dorms(plan: Plan, shown: Callable[[LatLon], LatLon], lang: Lang) -> list[dict[str, Any]]:
    """The dormitories, each with the legend's word for what it is (as the
    depot's and employers' popups say theirs) and the beds this batch takes of all its beds."""
    taken = Counter(b.dorm_id for b in plan.beds)
    beds = {d.id: sum(r.capacity for r in d.rooms) for d in plan.batch.dormitories}
    return [
        {
            **_at(shown(d.location)),
            "name": d.name,
            "what": label("symbol_dorm", lang),
            "taken": taken[d.id],
            "beds": beds[d.id],
            # Worded here with its unit: "27 / 48" said neither beds nor that 48 is all of them.
            "occupied": label("beds_of", lang, taken=taken[d.id], beds=beds[d.id]),
        }
        for d in plan.batch.dormitories
    ]


def _summary(
    plan: Plan, lang: Lang, *, self_mapped: int, unassigned_mapped: int
) -> list[list[object]]:
    """The legend's figures; of the self-returners and the unassigned,
    ``self_mapped`` and ``unassigned_mapped`` are counted on the map (a home
    not placed, or placed in its province only, has no county).

    A plan read back from plan.json knows no homes (the file keeps none, for
    privacy), so no county is counted: rather than call every unassigned
    worker homeless, the legend counts them by stage (and its footnote,
    `_note`, says that homes are not on this map)."""
    # People are counted with their unit, "96 人", as a county's circle says them;
    # those on a bus are riders, as the buses' layers and popups count them.
    left = counted("people", len(plan.unassigned), lang)
    if not _homes_known(plan) and plan.unassigned:
        left = f"{left}{label('unassigned_by_stage', lang, stages=_by_stage(plan, lang))}"
    elif unassigned_mapped < len(plan.unassigned):
        left = f"{left}{label('unmapped', lang, count=len(plan.unassigned) - unassigned_mapped)}"
    # Said as the unassigned's are: the counties' circles summed 503 under
    # "自行返岗：505 人", the two whose homes were not placed unexplained.
    alone = counted("people", len(plan.self_return), lang)
    if _homes_known(plan) and self_mapped < len(plan.self_return):
        alone = f"{alone}{label('unmapped', lang, count=len(plan.self_return) - self_mapped)}"
    return [
        [
            label("summary_on_bus", lang),
            counted("riders", sum(r.riders for r in plan.routes), lang),
        ],
        [label("summary_self", lang), alone],
        [label("summary_unassigned", lang), left],
        # Grouped by thousands, "1,234", as the console and the papers say it.
        [label("summary_buses", lang), shown(len(plan.routes), COUNT)],
        # As lists.xlsx and the console show the cost: to the fen.
        [label("summary_cost", lang), shown(sum(r.cost for r in plan.routes), MONEY)],
    ]


def _homes_known(plan: Plan) -> bool:
    """Whether the plan knows its workers' homes: a plan read back from
    plan.json keeps none, nor their divisions (`Batch.places` is empty)."""
    return bool(plan.batch.places)


def _note(plan: Plan, lang: Lang) -> str:
    """What the map does not know, said rather than shown as missing: a plan
    read back from plan.json keeps no homes (no one is counted by county) and
    no names or phones (riders are listed by worker ID).  One sentence, the
    legend's footnote: said as two rows of figures, it made the legend of a
    plan read back 540 px of a 768 px window, against 396 px for the plan's."""
    homeless = not _homes_known(plan)
    names = bool(plan.routes) and not all(w.name for w in plan.batch.workers)
    if homeless and names:
        return label("map_not_kept", lang)
    if homeless:
        return label("map_homes_not_kept", lang)
    return label("map_riders_by_id", lang) if names else ""


def _by_stage(plan: Plan, lang: Lang) -> str:
    """How many of the plan's unassigned each stage left out, in the stages'
    order, each counted with its unit as the total is: ``roster 3 people,
    routing 37 people`` (排车 37 人)."""
    tally = Counter(u.stage for u in plan.unassigned)
    order: tuple[str, ...] = get_args(Stage)
    # A hand-edited plan.json may name a stage of its own: last, as written.
    stages = sorted(tally, key=lambda s: order.index(s) if s in order else len(order))
    said = [
        label(
            "stage_count",
            lang,
            stage=stage_label(s, lang),
            people=counted("people", tally[s], lang),
        )
        for s in stages
    ]
    return say(listed(said), lang)


def _points_of(
    buses: Iterable[Mapping[str, Any]], drops: Iterable[Mapping[str, Any]]
) -> list[tuple[float, float]]:
    stops = (stop for bus in buses for stop in bus["stops"])
    return [(s["lat"], s["lon"]) for s in (*stops, *drops)]


def _outlines(points: list[tuple[float, float]], name: str) -> folium.FeatureGroup:
    """Province outlines, and the approximate county areas around the plan's
    points (every county of China would make the page heavy)."""
    group = folium.FeatureGroup(name=name)
    counties = _geojson("counties.geojson")
    if points:
        south, north = min(p[0] for p in points) - 1, max(p[0] for p in points) + 1
        west, east = min(p[1] for p in points) - 1, max(p[1] for p in points) + 1

        def near(feature: Mapping[str, Any]) -> bool:
            lon, lat = _first_coordinate(feature["geometry"]["coordinates"])
            return south <= lat <= north and west <= lon <= east

        nearby = [f for f in counties["features"] if near(f)]
        if nearby:
            folium.GeoJson(
                {**counties, "features": nearby},
                name="counties",
                style_function=lambda _: {"color": "#b9b2a5", "weight": 0.6, "fill": False},
                interactive=False,
                control=False,
            ).add_to(group)
    folium.GeoJson(
        _geojson("provinces.geojson"),
        name="provinces",
        style_function=lambda _: {
            "color": "#7d7464",
            "weight": 1.4,
            "fillColor": "#fbfaf6",
            "fillOpacity": 0.6,
        },
        interactive=False,
        control=False,
    ).add_to(group)
    return group


def _county_towns(
    places: Iterable[Place], shown: Callable[[LatLon], LatLon]
) -> list[dict[str, Any]]:
    """The county towns of the riders' homes, by the county's short name."""
    names = {
        f["properties"]["code"]: f["properties"]["name"]
        for f in _geojson("counties.geojson")["features"]
    }
    # Division codes have 12 digits; the outlines name counties by the first 6.
    seats = {p.county_code[:6]: p.county_seat for p in places if p.county_seat is not None}
    return [
        {**_at(shown(seat)), "name": names[code]}
        for code, seat in sorted(seats.items())
        if code in names
    ]


def _first_coordinate(coordinates: Any) -> tuple[float, float]:
    while isinstance(coordinates[0], list):
        coordinates = coordinates[0]
    return float(coordinates[0]), float(coordinates[1])


def _at(location: LatLon) -> dict[str, float]:
    """A point to about a metre: enough to draw, and small at 100,000 workers."""
    return {"lat": round(location.lat, 5), "lon": round(location.lon, 5)}


@cache
def _asset(name: str) -> str:
    return files("returnbus.data").joinpath("web", name).read_text(encoding="utf-8")


@cache
def _geojson(name: str) -> dict[str, Any]:
    try:
        return json.loads(_asset(name))  # type: ignore[no-any-return]
    except FileNotFoundError:
        return {"type": "FeatureCollection", "features": []}


def _json_for_script(data: object) -> str:
    """JSON that cannot end its ``<script>`` element nor start a comment or markup."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(raw, escaped)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
