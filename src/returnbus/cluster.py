"""Homes -> pickup points.

Workers are gathered into pickup points so that every home is within the
pickup radius of its point, no point needs more seats than the largest bus
has, and a keep-together group (family, colleagues from one village) is
never split.  Leader clustering on a grid: each unit (a group or a single
worker) joins the nearest point within the radius that still has room, or
becomes a new point at its own home.  The point is therefore a real home
location, and the radius holds by construction.

Units are taken in an order that depends only on who they are and where
they live, and each point's id comes from its place and its riders, so the
same workers in another roster order give the same points.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence, Set
from dataclasses import dataclass, replace

from .domain import LatLon, PickupPoint, Unassigned, Worker, place_of
from .ids import digest, short_ids
from .text import Text, joined
from .travel import great_circle_km

_METRES_PER_DEGREE = 111_195.0
#: Hex digits of a pickup point's digest, after its county code.
_ID_DIGITS = 6


@dataclass(frozen=True, slots=True, kw_only=True)
class ClusterParams:
    """``radius_m``: the farthest a home may be from its pickup point."""

    radius_m: int = 3000


@dataclass(frozen=True, slots=True, kw_only=True)
class Clustering:
    """Pickup points, and the workers who could not be given one:
    ``unassigned`` with the reason, ``barred`` (ids) for meeting at a barred
    place with no point within reach (the caller says why)."""

    points: tuple[PickupPoint, ...]
    unassigned: tuple[Unassigned, ...]
    barred: tuple[str, ...] = ()


@dataclass(slots=True)
class _Unit:
    worker_ids: list[str]
    location: LatLon
    division_code: str


@dataclass(slots=True)
class _Point:
    location: LatLon
    division_code: str
    worker_ids: list[str]


def cluster_homes(
    workers: Sequence[Worker],
    params: ClusterParams,
    *,
    max_size: int,
    barred: Collection[tuple[float, float]] = frozenset(),
) -> Clustering:
    """Group geocoded workers into pickup points.

    Parameters
    ----------
    workers
        Workers with ``home`` set.
    params
        The pickup radius (walk or feeder).
    max_size
        Seats of the largest bus under the seating policy.
    barred
        Places (`place_of`) where no point may stand: a unit meeting at one
        founds no point there, and joins the nearest within the radius that
        has room once every other unit is placed, or is left ``barred``.
    """
    units, unassigned = _units(workers, max_size)
    # Big groups first, then by place, so the result does not depend on roster order.
    units.sort(key=lambda u: (-len(u.worker_ids), u.location.lat, u.location.lon, u.worker_ids[0]))
    units.sort(key=lambda u: place_of(u.location) in barred)  # stable: the barred last
    radius_m = params.radius_m
    cell_deg = max(radius_m, 1) / _METRES_PER_DEGREE
    grid: dict[tuple[int, int], list[_Point]] = defaultdict(list)
    points: list[_Point] = []
    shut_out: list[str] = []
    for unit in units:
        point = _nearest_with_room(grid, unit, cell_deg, radius_m, max_size)
        if point is None and place_of(unit.location) in barred:
            shut_out += unit.worker_ids
            continue
        if point is None:
            point = _Point(unit.location, unit.division_code, [])
            grid[_cell(unit.location, cell_deg)].append(point)
            points.append(point)
        point.worker_ids.extend(unit.worker_ids)
    return Clustering(points=_named(points), unassigned=tuple(unassigned), barred=tuple(shut_out))


def _named(points: Sequence[_Point]) -> tuple[PickupPoint, ...]:
    """Pickup points with ids from their county, place and riders, in id order."""
    digests = {
        k: (
            f"P{(p.division_code or '000000')[:6]}-",
            digest([f"{p.location.lat:.6f}", f"{p.location.lon:.6f}", *sorted(p.worker_ids)]),
        )
        for k, p in enumerate(points)
    }
    ids = short_ids(digests, length=_ID_DIGITS)
    named = (
        PickupPoint(
            id=ids[k],
            location=p.location,
            worker_ids=tuple(sorted(p.worker_ids)),
            division_code=p.division_code,
        )
        for k, p in enumerate(points)
    )
    return tuple(sorted(named, key=lambda p: p.id))


def _units(workers: Sequence[Worker], max_size: int) -> tuple[list[_Unit], list[Unassigned]]:
    groups: dict[str, list[Worker]] = defaultdict(list)
    units: list[_Unit] = []
    for worker in sorted(workers, key=lambda w: w.id):
        if worker.home is None:
            raise ValueError(f"worker {worker.id} has no home location")
        if worker.group:
            groups[worker.group].append(worker)
        else:
            units.append(_Unit([worker.id], worker.home, worker.division_code))
    unassigned = []
    for group, members in sorted(groups.items()):
        if len(members) > max_size:
            too_big = Text("group_too_big", group=group, size=len(members), most=max_size)
            reason = joined([too_big, Text("group_too_big_action")])
            unassigned += [
                Unassigned(worker_id=w.id, stage="cluster", reason=reason, row=w.row)
                for w in members
            ]
        else:
            meeting = _medoid(members)
            units.append(
                _Unit([w.id for w in members], meeting.home or LatLon(0, 0), meeting.division_code)
            )
    return units, unassigned


def _medoid(members: Sequence[Worker]) -> Worker:
    """The member whose home is closest in total to all the others: where a group meets."""
    if len(members) == 1:
        return members[0]
    lat = [w.home.lat for w in members if w.home]
    lon = [w.home.lon for w in members if w.home]
    totals = [
        float(great_circle_km(w.home.lat, w.home.lon, lat, lon).sum()) for w in members if w.home
    ]
    return members[totals.index(min(totals))]


def _cell(location: LatLon, cell_deg: float) -> tuple[int, int]:
    return (math.floor(location.lat / cell_deg), math.floor(location.lon / cell_deg))


def _nearest_with_room(
    grid: dict[tuple[int, int], list[_Point]],
    unit: _Unit,
    cell_deg: float,
    radius_m: int,
    max_size: int,
) -> _Point | None:
    row, col = _cell(unit.location, cell_deg)
    # A degree of longitude is shorter than one of latitude: look further east and west.
    span = math.ceil(1 / max(math.cos(math.radians(abs(unit.location.lat) + cell_deg)), 0.01))
    best: tuple[float, _Point] | None = None
    for d_row in (-1, 0, 1):
        for d_col in range(-span, span + 1):
            for point in grid.get((row + d_row, col + d_col), ()):
                if len(point.worker_ids) + len(unit.worker_ids) > max_size:
                    continue
                metres = 1000 * float(
                    great_circle_km(
                        unit.location.lat, unit.location.lon, point.location.lat, point.location.lon
                    )
                )
                if metres <= radius_m and (best is None or metres < best[0]):
                    best = (metres, point)
    return best[1] if best else None


def without_workers(points: Sequence[PickupPoint], worker_ids: Set[str]) -> list[PickupPoint]:
    """``points`` less the given workers; points left empty are dropped."""
    kept = []
    for point in points:
        keep = [k for k, w in enumerate(point.worker_ids) if w not in worker_ids]
        if keep:
            kept.append(
                replace(
                    point,
                    worker_ids=tuple(point.worker_ids[k] for k in keep),
                    dropoffs=tuple(point.dropoffs[k] for k in keep) if point.dropoffs else (),
                )
            )
    return kept


def split_points(
    points: Sequence[PickupPoint], part_of: Mapping[str, str], group_of: Mapping[str, str]
) -> tuple[PickupPoint, ...]:
    """Points whose workers belong to different parts (zones of drop-off sites,
    say) split into one point per part, each named from its content; a point
    of one part keeps its id.  A keep-together group stays whole, in the part
    of its first member."""
    split: list[PickupPoint] = []
    fresh: list[_Point] = []
    site = {w: p.dropoff_of(w) for p in points for w in p.worker_ids}
    for point in points:
        parts: dict[str, list[str]] = defaultdict(list)
        lead: dict[str, str] = {}
        for w in point.worker_ids:
            group = group_of.get(w, "")
            part = lead.setdefault(group, part_of.get(w, "")) if group else part_of.get(w, "")
            parts[part].append(w)
        if len(parts) == 1:
            split.append(point)
            continue
        fresh += [
            _Point(point.location, point.division_code, ws) for _, ws in sorted(parts.items())
        ]
    named = (
        replace(p, dropoffs=tuple(site[w] for w in p.worker_ids) if site[p.worker_ids[0]] else ())
        for p in _named(fresh)
    )
    return tuple(sorted((*split, *named), key=lambda p: p.id))
