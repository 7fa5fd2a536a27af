"""Newcomers of a re-plan boarding at stops the kept buses already make.

A re-plan tries it twice: before new stops are gathered, for newcomers whose
drop-off is known (`replan._join_stops`), and once beds are reserved, for
riders bound for quarantine who had none (`route_and_house`).  Given a new
stop of their own instead, a bus could call twice at one place: two stops
on the driver's sheet, two markers on the map.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import replace

import numpy as np

from .domain import BusType, Worker, place_of
from .routing import KeptBus
from .seating import SeatingPolicy, effective_capacity
from .travel import great_circle_km


def join_kept_stops(
    kept: Sequence[KeptBus],
    newcomers: Sequence[Worker],
    site: Callable[[str], str],
    *,
    fleet: Sequence[BusType],
    seating: SeatingPolicy,
    radius_m: float,
    barred: Collection[tuple[float, float]],
) -> tuple[list[KeptBus], list[Worker]]:
    """Newcomers board at the nearest stop of a ``kept`` bus within
    ``radius_m`` of their home whose bus has seats for their whole
    keep-together group and whose riders get off where they do (``site``
    of a worker id; "" when not known yet: such a unit joins no stop).
    Each then rides as those riders do, within every cap, and the bus keeps
    its stops and times.  No one joins a stop standing at a ``barred``
    place (`place_of`): where the desk closed a stop, another bus's stop
    there would undo the closure.  Returns the buses, and the newcomers who
    joined no stop.  A point's ``dropoffs``, when set, take the joiners' sites."""
    types = {bus.id: bus for bus in fleet}
    buses = list(kept)
    free = {
        bus.bus_id: effective_capacity(types[bus.bus_type], seating)
        - sum(p.demand for p in bus.points)
        for bus in buses
    }
    stops_at = {
        (k, j): {site(w) for w in p.worker_ids}
        for k, bus in enumerate(buses)
        for j, p in enumerate(bus.points)
    }
    # Every kept stop at once: a district has tens of thousands, and as many
    # newcomers (riders no bus took before are tried again at each re-plan).
    # Joining a stop changes its riders, never where it is.
    spots = [
        (k, j, p.location)
        for k, bus in enumerate(buses)
        for j, p in enumerate(bus.points)
        if place_of(p.location) not in barred
    ]
    lat = np.array([at.lat for _, _, at in spots], dtype=np.float64)
    lon = np.array([at.lon for _, _, at in spots], dtype=np.float64)
    left: list[Worker] = []
    for unit in units(newcomers):
        home = unit[0].home
        sites = {site(w.id) for w in unit}
        if "" in sites:
            left += unit
            continue
        km = great_circle_km(home.lat, home.lon, lat, lon) if home is not None else lat[:0]
        options = []
        for i in np.flatnonzero(km * 1000 <= radius_m).tolist():
            k, j, _ = spots[i]
            if free[buses[k].bus_id] >= len(unit) and sites <= stops_at[k, j]:
                options.append((float(km[i]), k, j))
        if not options:
            left += unit
            continue
        _, k, j = min(options)
        bus = buses[k]
        point = bus.points[j]
        ids = tuple(w.id for w in unit)
        joined = replace(
            point,
            worker_ids=(*point.worker_ids, *ids),
            dropoffs=(*point.dropoffs, *map(site, ids)) if point.dropoffs else (),
        )
        buses[k] = replace(bus, points=(*bus.points[:j], joined, *bus.points[j + 1 :]))
        free[bus.bus_id] -= len(unit)
    return buses, left


def units(workers: Sequence[Worker]) -> list[list[Worker]]:
    """Keep-together groups and single workers, in worker-id order."""
    groups: dict[str, list[Worker]] = {}
    found: list[list[Worker]] = []
    for worker in sorted(workers, key=lambda w: w.id):
        if worker.group:
            if worker.group not in groups:
                groups[worker.group] = []
                found.append(groups[worker.group])
            groups[worker.group].append(worker)
        else:
            found.append([worker])
    return found
