"""The route map: one layer per bus, numbered stops, depot, destination,
employers and dormitories.

The map is meant to be shared: it shows names and masked phones at each
stop, never ID numbers or home locations (stops are pickup points).  Every
roster-derived string is HTML-escaped, and backticks removed, because folium
puts popup HTML and tooltip text into the page unescaped.
"""

from __future__ import annotations

import html
from collections.abc import Mapping

import folium

from ..domain import LatLon, Route, Worker
from ..plan import Plan
from .privacy import mask_phone

PALETTE = (
    "#1f77b4",
    "#d62728",
    "#2ca02c",
    "#9467bd",
    "#ff7f0e",
    "#17becf",
    "#8c564b",
    "#e377c2",
    "#bcbd22",
    "#7f7f7f",
    "#393b79",
    "#637939",
)


_BADGE = (
    "color:#fff;border-radius:50%;width:22px;height:22px;text-align:center;"
    "font:bold 12px/22px sans-serif;border:1px solid #fff"
)


def _text(value: object) -> str:
    return html.escape(str(value)).replace("`", "'")


def route_map(plan: Plan) -> folium.Map:
    """An interactive map of the plan; save it with ``.save("map.html")``."""
    batch = plan.batch
    workers = {w.id: w for w in batch.workers}
    fmap = folium.Map(
        location=list(batch.destination.location),
        zoom_start=7,
        tiles="OpenStreetMap",
        control_scale=True,
    )
    places = folium.FeatureGroup(name="Depot, destination, employers, dormitories", overlay=True)
    _marker(places, batch.depot.location, f"Depot: {batch.depot.name}", "darkblue", "bus")
    _marker(
        places,
        batch.destination.location,
        f"Destination: {batch.destination.name}",
        "red",
        "flag",
    )
    for site in batch.employers:
        _marker(places, site.location, f"Employer: {site.name}", "gray", "industry")
    for dorm in batch.dormitories:
        _marker(
            places, dorm.location, f"Dormitory: {dorm.name} ({dorm.rooms} rooms)", "green", "home"
        )
    places.add_to(fmap)
    for index, route in enumerate(plan.routes):
        _route_layer(route, PALETTE[index % len(PALETTE)], workers, batch.depot.location).add_to(
            fmap
        )
    folium.LayerControl(collapsed=False).add_to(fmap)  # last, as folium's docs ask
    points = [batch.depot.location, batch.destination.location] + [
        s.location for r in plan.routes for s in r.stops
    ]
    fmap.fit_bounds(
        [
            [min(p.lat for p in points), min(p.lon for p in points)],
            [max(p.lat for p in points), max(p.lon for p in points)],
        ]
    )
    return fmap


def _marker(layer: folium.FeatureGroup, at: LatLon, label: str, colour: str, icon: str) -> None:
    folium.Marker(
        location=list(at),
        tooltip=_text(label),
        popup=folium.Popup(_text(label), max_width=300),
        icon=folium.Icon(color=colour, icon=icon, prefix="fa"),
    ).add_to(layer)


def _route_layer(
    route: Route, colour: str, workers: Mapping[str, Worker], depot: LatLon
) -> folium.FeatureGroup:
    ride_h = route.ride_seconds / 3600
    layer = folium.FeatureGroup(
        name=(
            f"Bus {route.bus_id}: {route.riders} riders, "
            f"{route.distance_m / 1000:.0f} km, ride {ride_h:.1f} h"
        ),
        overlay=True,
    )
    path = [depot, *(s.location for s in route.stops), route.end_location]
    folium.PolyLine(
        [list(p) for p in path[:2]],
        color=colour,
        weight=2,
        opacity=0.6,
        dash_array="6 8",
        tooltip=_text(f"Bus {route.bus_id}: empty run from the depot"),
    ).add_to(layer)
    folium.PolyLine(
        [list(p) for p in path[1:]],
        color=colour,
        weight=4,
        opacity=0.85,
        tooltip=_text(f"Bus {route.bus_id} ({route.bus_type})"),
    ).add_to(layer)
    for stop in route.stops:
        riders = "".join(
            f"<tr><td>{_text(workers[w].name)}</td><td>{_text(mask_phone(workers[w].phone))}</td></tr>"
            for w in stop.worker_ids
        )
        popup = (
            f"<b>Bus {_text(route.bus_id)}, stop {stop.seq}</b><br>"
            f"{_text(stop.arrive.strftime('%Y-%m-%d %H:%M'))}, {len(stop.worker_ids)} boarding"
            f"<table>{riders}</table>"
        )
        folium.Marker(
            location=list(stop.location),
            tooltip=_text(
                f"Bus {route.bus_id} stop {stop.seq}: {len(stop.worker_ids)} at {stop.arrive:%H:%M}"
            ),
            popup=folium.Popup(popup, max_width=320),
            icon=folium.DivIcon(
                html=(f'<div style="background:{colour};{_BADGE}">{stop.seq}</div>'),
                icon_size=(22, 22),
                icon_anchor=(11, 11),
            ),
        ).add_to(layer)
    return layer
