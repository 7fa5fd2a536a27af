"""Candidate trips: many feasible ways to fill a bus, for the master to choose from.

A trip is a sequence of pickup points (their indices in a `BusModel`) in
boarding order, and every trip proposed here keeps every rule when timed
exactly (`BusModel.broken_route`).  Each generator finds another kind of good
trip:

- `searched`: PyVRP's search over the reversed problem, one cohort at a time,
  with prizes that make carrying anyone worth more than any route;
  its routes are cut into trips that keep every rule (`pieces`);
- `merged`: Clarke and Wright's savings, joining two trips whenever the
  joined trip keeps every rule, biggest saving first;
- `grown`: from each point, the cheapest insertion of its neighbours, one at
  a time, each step a trip;
- `widest`: a beam search for the trip carrying most riders through a
  given point, for riders the buses chosen so far leave behind.

`SectorTask` bundles what one sector's generators need as plain data, so
sectors can be searched in other processes or on other machines.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

import numpy as np

from ..domain import BusType, LatLon, PickupPoint, Site
from ..seating import SeatingPolicy
from ..travel import TravelMatrix
from .engine import Clock, solve
from .model import DEPOT, DESTINATION, FIRST_POINT, BusModel
from .params import BusRules

#: Neighbours a point looks at when it joins or grows a trip.
NEIGHBOURS = 30
#: Of those, how many are timed exactly at each step of `grown`.
_TRIED = 6


@dataclass(frozen=True, slots=True, kw_only=True)
class SectorTask:
    """One sector's trip generation as plain, picklable data.

    ``points`` are the sector's pickups (``indices``: their numbers in the
    whole batch) and ``matrix`` the travel matrix of their `Layout`.
    ``own``: which of them (by position) are the sector's own rather than
    its overlap with its neighbours (None: all); trips are grown only from
    these, since each neighbouring sector grows from its own.
    """

    points: tuple[PickupPoint, ...]
    indices: tuple[int, ...]
    matrix: TravelMatrix
    depot: Site
    destination: Site
    fleet: tuple[BusType, ...]
    rules: BusRules
    seating: SeatingPolicy
    sites: tuple[tuple[str, LatLon], ...]
    bound: frozenset[str]
    seed: int
    iterations: int
    departure: datetime
    clock: Clock | None = None
    time_limit: float | None = None
    own: frozenset[int] | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class SectorTrips:
    """A sector's candidate trips (in batch indices), and how its search ended."""

    trips: tuple[tuple[int, ...], ...]
    iterations: int
    stopped_by: Literal["iterations", "time_limit"]


def generate(task: SectorTask) -> SectorTrips:
    """Every trip the generators find in a sector, in a fixed order (so the
    same task gives the same trips anywhere).  Its PyVRP searches keep to
    ``time_limit`` seconds on ``clock``, a safety stop only."""
    model = BusModel(
        task.points,
        depot=task.depot,
        destination=task.destination,
        fleet=task.fleet,
        rules=task.rules,
        seating=task.seating,
        sites=dict(task.sites),
        matrix=task.matrix,
        bound=task.bound,
        departure=task.departure,
    )
    alone = [i for i in range(len(task.points)) if not model.broken_route([i])]
    found: dict[tuple[int, ...], None] = {}
    iterations, stopped = 0, False
    for kind in sorted({model.kind[i] for i in alone}):
        cohort = [i for i in alone if model.kind[i] == kind]
        search = searched(
            model,
            cohort,
            seed=task.seed,
            iterations=task.iterations,
            clock=task.clock,
            time_limit=task.time_limit,
        )
        iterations += search.iterations
        stopped = stopped or search.iterations < task.iterations
        seeds = cohort if task.own is None else [i for i in cohort if i in task.own]
        for seq in (*search.trips, *merged(model, cohort), *grown(model, cohort, seeds)):
            found.setdefault(tuple(seq))
    return SectorTrips(
        trips=tuple(tuple(task.indices[i] for i in seq) for seq in found),
        iterations=iterations,
        stopped_by="time_limit" if stopped else "iterations",
    )


@dataclass(frozen=True, slots=True)
class _Searched:
    trips: list[list[int]]
    iterations: int


def searched(
    model: BusModel,
    cohort: Sequence[int],
    *,
    seed: int,
    iterations: int,
    clock: Clock | None = None,
    time_limit: float | None = None,
) -> _Searched:
    """PyVRP's routes over one cohort's points, cut into trips that keep every rule."""
    if not cohort:
        return _Searched(trips=[], iterations=iterations)
    solution = solve(
        model.problem(cohort),
        time_limit=time_limit if time_limit is not None else 0.0,
        seed=seed,
        iterations=iterations,
        clock=clock if time_limit is not None else None,
    )
    trips = []
    for route in solution.routes:
        # Solver locations 2.. are the points in order; reverse the visits to drive forwards.
        trips += pieces(model, [cohort[v - FIRST_POINT] for v in reversed(route.visits)])
    return _Searched(trips=trips, iterations=solution.iterations)


def pieces(model: BusModel, seq: list[int]) -> list[list[int]]:
    """Trips that keep every rule, cut from ``seq``: itself if it does; else the
    riders of the sites most of its riders go to, and the rest, each less
    its first pickups (the longest rides) until it keeps the rules."""
    if not model.broken_route(seq):
        return [seq]
    riders: dict[str, int] = {}
    for i in seq:
        point = model.points[i]
        for w in point.worker_ids:
            site = point.dropoff_of(w)
            riders[site] = riders.get(site, 0) + 1
    busiest = sorted(riders, key=lambda s: (-riders[s], s))[: model.rules.max_dropoffs]
    keep = frozenset(busiest)
    parts = [
        [i for i in seq if model.sites_of([i]) <= keep],
        [i for i in seq if not model.sites_of([i]) <= keep],
    ]
    trips = []
    for part in parts:
        while part and model.broken_route(part):
            part = part[1:]
        if part:
            trips.append(part)
    return trips


def merged(model: BusModel, cohort: Sequence[int]) -> list[list[int]]:
    """Clarke and Wright's savings: every point its own trip, then trips joined
    end to start, biggest saving first, wherever the joined trip keeps every
    rule and fits the largest bus.  Returns the trips made on the way too."""
    largest = max(model.capacities.values(), default=0)
    trips: dict[int, list[int]] = {i: [i] for i in cohort}
    owner = {i: i for i in cohort}
    made: list[list[int]] = []
    for _, i, j in _savings(model, cohort):
        a, b = owner[i], owner[j]
        if a == b or trips[a][-1] != i or trips[b][0] != j:
            continue
        seq = trips[a] + trips[b]
        if model.riders(seq) > largest or model.broken_route(seq):
            continue
        trips[a] = seq
        del trips[b]
        for k in seq:
            owner[k] = a
        made.append(seq)
    return made


def _savings(model: BusModel, cohort: Sequence[int]) -> list[tuple[int, int, int]]:
    """(saving, i, j) for joining a trip ending at ``i`` to one starting at
    ``j``, over each point's nearest neighbours, biggest first."""
    rows = np.array([model.at[i] for i in cohort], dtype=np.int64)
    metres = model.matrix.metres
    between = metres[np.ix_(rows, rows)]
    home = metres[rows, DESTINATION]
    out = metres[DEPOT, rows]
    pairs = []
    k = min(NEIGHBOURS, len(cohort) - 1)
    for a, i in enumerate(cohort):
        if k <= 0:
            break
        near = np.argsort(between[a], kind="stable")[: k + 1]
        for b in near:
            if b == a:
                continue
            saving = int(home[a] + out[b] - between[a, b])
            if saving > 0:
                pairs.append((saving, i, cohort[b]))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    return pairs


def grown(
    model: BusModel, cohort: Sequence[int], seeds: Sequence[int] | None = None
) -> list[list[int]]:
    """From each point of ``seeds`` (default: every point of ``cohort``), its
    neighbours in ``cohort`` inserted one by one where they add the fewest
    metres per rider, as long as the trip keeps every rule and fits the
    largest bus; each step is a trip."""
    trips: list[list[int]] = []
    for i in cohort if seeds is None else seeds:
        trips += _grow(model, i, neighbours(model, i, cohort))
    return trips


def neighbours(
    model: BusModel, i: int, cohort: Iterable[int], count: int = NEIGHBOURS
) -> list[int]:
    """The points of ``cohort`` a trip through ``i`` would detour least to
    collect, on the way from ``i`` to the district."""
    others = [j for j in cohort if j != i]
    if not others:
        return []
    metres = model.matrix.metres
    rows = np.array([model.at[j] for j in others], dtype=np.int64)
    here = model.at[i]
    detour = metres[here, rows] + metres[rows, DESTINATION] - metres[here, DESTINATION]
    order = np.lexsort((np.array(others), detour))[:count]
    return [others[k] for k in order]


def _grow(model: BusModel, seed: int, pool: Sequence[int]) -> list[list[int]]:
    largest = max(model.capacities.values(), default=0)
    trip = [seed]
    left = list(pool)
    made = []
    metres = model.matrix.metres
    while left:
        path = np.array([DEPOT, *(model.at[k] for k in trip), DESTINATION], dtype=np.int64)
        room = largest - model.riders(trip)
        fits = [j for j in left if model.demand[j] <= room]
        # Each point's cheapest insertion: metres added at its best place in the path.
        here = np.array([model.at[j] for j in fits], dtype=np.int64)
        starts, ends = path[:-1], path[1:]
        add = (
            metres[np.ix_(starts, here)]
            + metres[np.ix_(here, ends)].T
            - metres[starts, ends][:, None]
        ).min(axis=0)
        demand = np.array([model.demand[j] for j in fits], dtype=np.int64)
        scored = sorted(zip((add / demand).tolist(), fits, strict=True))
        step = None
        for _, j in scored[:_TRIED]:
            step = cheapest_place(model, trip, j)
            left.remove(j)
            if step is not None:
                break
        if step is None:
            break
        trip = step
        made.append(trip)
    return made


def cheapest_place(model: BusModel, trip: Sequence[int], j: int) -> list[int] | None:
    """``trip`` with ``j`` where it drives least and keeps every rule, or None.

    Riders board farthest first (a nearer pickup first would make the
    farther riders' ride longer), so ``j`` is tried only next to its place
    in that order."""
    if model.joins(trip, j):
        return None
    home = model.home_metres
    slot = sum(1 for i in trip if home[i] >= home[j])
    best: tuple[int, list[int]] | None = None
    for pos in range(max(0, slot - 1), min(len(trip), slot + 1) + 1):
        seq = [*trip[:pos], j, *trip[pos:]]
        if not model.broken_route(seq):
            metres = model.timeline(seq).metres
            if best is None or metres < best[0]:
                best = (metres, seq)
    return None if best is None else best[1]


def widest(
    model: BusModel,
    seed: int | Sequence[int],
    pool: Sequence[int],
    *,
    width: int = 10,
    worth: Callable[[list[int]], float] | None = None,
) -> list[list[int]]:
    """Trips through ``seed`` (a point, or a trip to grow) that carry most
    riders: a beam search that inserts one point of ``pool`` at a time,
    keeping the ``width`` trips with most riders (then fewest metres) at
    each size, or, given ``worth``, the ``width`` trips worth most."""
    largest = max(model.capacities.values(), default=0)
    frontier = [[seed] if isinstance(seed, int) else list(seed)]
    seen: set[frozenset[int]] = set()
    made: list[list[int]] = []
    while frontier:
        grown_now = []
        for trip in frontier:
            for j in pool:
                if j in trip or model.riders(trip) + model.demand[j] > largest:
                    continue
                seq = cheapest_place(model, trip, j)
                if seq is None:
                    continue
                key = frozenset(seq)
                if key not in seen:
                    seen.add(key)
                    grown_now.append(seq)
        if worth is None:
            grown_now.sort(key=lambda t: (-model.riders(t), model.timeline(t).metres, t))
        else:
            grown_now.sort(key=lambda t: (-worth(t), t))
        frontier = grown_now[:width]
        made += frontier
    return made
