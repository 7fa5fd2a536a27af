"""Sectors: a batch's pickups cut by bearing from the district, overlapping
at their borders, each a task of plain data that generates candidate trips.

Origins lie far away in every direction and the drop-offs close together,
so buses whose pickups lie in different directions never usefully mix:
cutting by bearing keeps every trip worth having inside some sector, and
the overlap keeps the trips that run along a border.  Sectors are the unit
of parallel work; the master then chooses among all their trips at once.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from ..domain import LatLon
from ..travel import TravelMatrix
from .model import BusModel, Layout

#: Pickups per sector: a sector's trips are generated in one task.
SECTOR_POINTS = 400
#: Each sector also takes the pickups beyond its borders, on each side, up to
#: this share of its own width in degrees and at most `OVERLAP_DEGREES`.  Inside
#: a district's regions sectors are a few degrees wide: a fixed 10 degrees
#: made each about four times its own width, and its search that much slower
#: (on 8 regions of a district, half its width: routing 30 % faster, cost
#: +0.5 %, buses +0.3 %).
OVERLAP_SHARE = 0.5
OVERLAP_DEGREES = 10.0


def sectors(
    model: BusModel, points: Sequence[int], centre: LatLon
) -> list[tuple[list[int], frozenset[int]]]:
    """``points`` cut into sectors of about `SECTOR_POINTS` by bearing from
    ``centre``, each widened on both sides by `OVERLAP_SHARE` of its width
    (at most `OVERLAP_DEGREES`): each sector's points, and which of them are
    its own (not its overlap)."""
    return wedges(
        [model.points[i].location for i in points],
        points,
        centre,
        size=SECTOR_POINTS,
        overlap=OVERLAP_DEGREES,
        share=OVERLAP_SHARE,
    )


def by_bearing(
    places: Sequence[LatLon], items: Sequence[int], centre: LatLon, *, size: int
) -> list[list[int]]:
    """``items`` (at ``places``) in wedges of about ``size`` by bearing from
    ``centre``: every item in exactly one wedge, and items at one place
    share it."""
    return [wedge for wedge, _ in wedges(places, items, centre, size=size)]


def wedges(
    places: Sequence[LatLon],
    items: Sequence[int],
    centre: LatLon,
    *,
    size: int,
    overlap: float = 0.0,
    share: float | None = None,
) -> list[tuple[list[int], frozenset[int]]]:
    """As `by_bearing`, each wedge widened on both sides by ``overlap``
    degrees, or by ``share`` of its own width where that is less: its items
    in order of bearing, and which of them (by position) are its own."""
    if not items:
        return []
    count = math.ceil(len(items) / size)
    angle = {i: _bearing(centre, at) for i, at in zip(items, places, strict=True)}
    order = sorted(items, key=lambda i: (angle[i], i))
    if count == 1:
        return [(order, frozenset(range(len(order))))]
    cuts = [order[len(order) * k // count] for k in range(count)]
    starts = [angle[i] for i in cuts]
    found = []
    for k, start in enumerate(starts):
        end = starts[(k + 1) % count] + (360.0 if k + 1 == count else 0.0)
        own = [i for i in order if _within(angle[i], start, end)]
        if not own:
            continue
        # Its width: the bearings its own items span (the last wedge's end wraps round).
        width = angle[own[-1]] - angle[own[0]]
        pad = overlap if share is None else min(overlap, share * width)
        wedge = [i for i in order if _within(angle[i], start - pad, end + pad)]
        mine = set(own)
        found.append((wedge, frozenset(n for n, i in enumerate(wedge) if i in mine)))
    return found


def _within(angle: float, low: float, high: float) -> bool:
    """Whether a bearing lies in [low, high), degrees that may run past 0 or 360."""
    return any(low <= angle + turn < high for turn in (-360.0, 0.0, 360.0))


def _bearing(centre: LatLon, at: LatLon) -> float:
    """Initial bearing from ``centre`` to ``at``, degrees clockwise from north."""
    lat1, lat2 = math.radians(centre.lat), math.radians(at.lat)
    dlon = math.radians(at.lon - centre.lon)
    x = math.sin(dlon) * math.cos(lat2)
    y = math.cos(lat1) * math.sin(lat2) - math.sin(lat1) * math.cos(lat2) * math.cos(dlon)
    return math.degrees(math.atan2(x, y)) % 360.0


def sub_matrix(model: BusModel, layout: Layout) -> TravelMatrix:
    """The part of ``model``'s matrix a sector's `Layout` needs, so that the
    plan's one matrix serves every sector."""
    row_of: dict[object, int] = {}
    for i, row in enumerate(model.at):
        row_of.setdefault(model.points[i].location, row)
    rows = [0, 1]
    rows += [row_of[at] for at in layout.locations[2 : 2 + _points_in(layout)]]
    rows += [model.site_index[site] for site in layout.site_index]
    index = np.array(rows, dtype=np.int64)
    return TravelMatrix(
        metres=model.matrix.metres[np.ix_(index, index)],
        seconds=model.matrix.seconds[np.ix_(index, index)],
    )


def _points_in(layout: Layout) -> int:
    """Distinct pickup locations in a layout (after the destination and depot)."""
    return len(layout.locations) - 2 - len(layout.site_index)
