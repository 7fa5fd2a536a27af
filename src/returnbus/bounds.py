"""Lower bounds beside a plan: the fewest buses, and the least cost, with
which any plan keeping the rules could carry the same riders.

A bus carries at most as many riders as its seats allow, and only riders who
can ride together: of one cohort (when cohorts ride apart), bound for at
most ``max_dropoffs`` drop-off sites, and each pair such that one of them can
board first and both still arrive within their ride caps.  For a rider r,
let m(r) be the most riders any bus with r on board could hold by those
tests.  A bus with n riders has n <= m(r) for each of them, so its riders'
shares 1/m(r) add up to at most 1: the sum of 1/m(r) over all riders is a
bound on the buses (a feasible solution of the dual of the covering
problem).  On a smaller bus type the share is one over its seats where
fewer, and a type carries no more riders than its buses' seats: the least
sum of shares over the ways of spreading riders on the types bounds the
buses too.  The same shares of each rider's cheapest possible bus (its
charter, and the km of depot -> pickup -> drop-off it must drive) bound the
cost.

Every test is a necessary condition under the travel model's triangle
inequality: a ride through other stops is no shorter than its legs straight
through them, plus a dwell at every stop left on the way and the driving
rests the hours demand.  Where the travel settings do not keep the triangle
inequality, only seats and cohorts are counted.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np
import numpy.typing as npt
from ortools.linear_solver import pywraplp

from .domain import BusType, LatLon, Route
from .routing.clock import DAY, seconds_of_day
from .routing.params import BusRules
from .seating import SeatingPolicy, effective_capacity
from .travel import EARTH_RADIUS_KM, GreatCircleTravel, TravelSettings

#: Riders whose would-be companions are tested pair by pair, at most: the
#: farthest first (their companions are few, so their bound gains most);
#: the others are bounded by seats alone.  Keeps the bound to seconds at
#: district scale.
_TESTED_GROUPS = 8_000
#: Candidate companions tested exactly per group, at most: a group with more
#: is bounded by seats alone.  On a 110,000-worker district the bound was
#: 3,092 buses with 1,000, 3,395 with 4,000, and 3,470 with 8,000 as with
#: every candidate tested (7 s rather than 18).
_CANDIDATES = 8_000
_ROWS_PER_BLOCK = 512
#: Legs from every pickup to every drop-off place are tabled up to this many.
_TABLE_CELLS = 20_000_000
#: Kilometres a single-precision angle may be off (near 0 the cosine loses
#: most): each of the two distances of the pre-test is allowed this much.
_ANGLE_KM = 2 * 3.0

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]
Mask = npt.NDArray[np.bool_]


@dataclass(frozen=True, slots=True)
class LowerBounds:
    """``buses``: fewer buses cannot carry the riders; ``cost``: no cheaper charter can."""

    buses: int
    cost: float


@dataclass(frozen=True, slots=True)
class RiderGroups:
    """Riders grouped by pickup place, drop-off place and cohort
    (``of_worker``: each rider's group)."""

    pickup: Floats  # (n, 2) lat, lon
    dropoff: Floats  # (n, 2)
    cohort: npt.NDArray[np.bool_]
    riders: Ints
    place: Ints  # each drop-off place's number
    of_worker: dict[str, int]


def lower_bounds(
    routes: Sequence[Route],
    *,
    fleet: Sequence[BusType],
    quarantine: frozenset[str] | set[str],
    depot: tuple[float, float],
    rules: BusRules,
    seating: SeatingPolicy,
    travel: TravelSettings,
) -> LowerBounds:
    """The bounds for the riders of ``routes`` (see the module's docstring)."""
    fleet = [b for b in fleet if b.count > 0]
    found = rider_shares(
        routes, fleet=fleet, quarantine=quarantine, rules=rules, seating=seating, travel=travel
    )
    groups, together = found.groups, found.together
    if not fleet or not len(groups.riders):
        return LowerBounds(buses=0, cost=0.0)
    capacities = [effective_capacity(b, seating) for b in fleet]
    model = GreatCircleTravel(travel)
    shares = groups.riders / together
    buses = max(
        sum(math.ceil(float(shares[groups.cohort == c].sum()) - 1e-6) for c in (False, True)),
        _fleet_shares(groups.riders, together, capacities, [b.count for b in fleet]),
    )
    there = model.between(np.asarray(depot, dtype=np.float64), groups.pickup).metres
    km = np.maximum(there + found.direct_metres - 2, 0) / 1000
    each = np.min(
        [
            (b.fixed_cost + b.cost_per_km * km) / np.minimum(cap, together)
            for b, cap in zip(fleet, capacities, strict=True)
        ],
        axis=0,
    )
    return LowerBounds(buses=buses, cost=round(float((groups.riders * each).sum()), 2))


@dataclass(frozen=True, slots=True)
class RiderShares:
    """Riders grouped by pickup, drop-off and cohort (``groups``), each
    group's drive straight to its drop-off (``direct_seconds``,
    ``direct_metres``), and the most riders a bus with one of them could
    hold (``together``): a rider's share of a bus is at least one over it."""

    groups: RiderGroups
    direct_seconds: Ints
    direct_metres: Ints
    together: Ints


def rider_shares(
    routes: Sequence[Route],
    *,
    fleet: Sequence[BusType],
    quarantine: frozenset[str] | set[str],
    rules: BusRules,
    seating: SeatingPolicy,
    travel: TravelSettings,
) -> RiderShares:
    """The riders of ``routes`` in groups, with the share of a bus each needs at least."""
    # Only "separate" keeps cohorts apart in every plan: under "whole_bus" a
    # rider going to work may share a bus bound for quarantine (and join it).
    groups = _grouped(routes, quarantine if rules.quarantine_cohorts == "separate" else set())
    capacities = [effective_capacity(b, seating) for b in fleet if b.count > 0]
    largest = max(capacities, default=0)
    model = GreatCircleTravel(travel)
    direct = model.between(groups.pickup, groups.dropoff)
    together = np.full(len(groups.riders), largest, dtype=np.int64)
    if largest and len(groups.riders) and keeps_triangle(travel):
        found = _companions(groups, direct.seconds, model, rules, largest)
        together = np.minimum(together, found)
    return RiderShares(
        groups=groups, direct_seconds=direct.seconds, direct_metres=direct.metres, together=together
    )


def _fleet_shares(
    riders: Ints, together: Ints, capacities: Sequence[int], counts: Sequence[int]
) -> int:
    """The shares again, each rider's on the bus type they ride: a bus of a
    smaller type holds fewer, and a type carries no more riders than its
    buses' seats.  The least sum over every way of spreading the riders on
    the types (a linear program over riders grouped by companions), rounded up."""
    solver = pywraplp.Solver.CreateSolver("GLOP")
    if solver is None:
        return 0
    kinds = np.unique(together)
    spread = {
        (m, t): solver.NumVar(0.0, solver.infinity(), f"x{m}_{t}")
        for m in kinds.tolist()
        for t in range(len(capacities))
    }
    for m in kinds.tolist():
        ridden = solver.Constraint(float(riders[together == m].sum()), solver.infinity())
        for t in range(len(capacities)):
            ridden.SetCoefficient(spread[m, t], 1.0)
    for t, (seats, count) in enumerate(zip(capacities, counts, strict=True)):
        seated = solver.Constraint(0.0, float(seats * count))
        for m in kinds.tolist():
            seated.SetCoefficient(spread[m, t], 1.0)
    objective = solver.Objective()
    for (m, t), x in spread.items():
        objective.SetCoefficient(x, 1.0 / min(capacities[t], m))
    objective.SetMinimization()
    if solver.Solve() != pywraplp.Solver.OPTIMAL:
        return 0
    # The simplex's tolerance, given away: the bound must not round up past the optimum.
    return math.ceil(float(objective.Value()) * (1 - 1e-6) - 1e-6)


def keeps_triangle(travel: TravelSettings) -> bool:
    """Whether the travel model keeps the triangle inequality: speeds that
    never fall with distance, and road km per great-circle km that falls,
    but never so fast that a longer leg would be shorter on the road."""
    speeds = [band.kmh for band in travel.speed_bands]
    falling = travel.short_detour_factor >= travel.detour_factor
    return (
        all(a <= b for a, b in pairwise(speeds))
        and falling
        and 2 * travel.detour_factor >= travel.short_detour_factor
    )


def _grouped(routes: Sequence[Route], apart: frozenset[str] | set[str]) -> RiderGroups:
    counts: Counter[tuple[LatLon, LatLon, bool]] = Counter()
    key_of: dict[str, tuple[LatLon, LatLon, bool]] = {}
    for route in routes:
        alight = {w: d.location for d in route.dropoffs for w in d.worker_ids}
        for stop in route.stops:
            for w in stop.worker_ids:
                end = alight.get(w, route.end_location)
                key_of[w] = key = (stop.location, end, w in apart)
                counts[key] += 1
    keys = list(counts)
    number = {key: n for n, key in enumerate(keys)}
    dropoff = np.array([k[1] for k in keys], dtype=np.float64).reshape(-1, 2)
    return RiderGroups(
        pickup=np.array([k[0] for k in keys], dtype=np.float64).reshape(-1, 2),
        dropoff=dropoff,
        place=np.unique(dropoff, axis=0, return_inverse=True)[1].reshape(-1),
        cohort=np.array([k[2] for k in keys], dtype=bool),
        riders=np.array([counts[k] for k in keys], dtype=np.int64),
        of_worker={w: number[key] for w, key in key_of.items()},
    )


def _companions(
    groups: RiderGroups, direct: Ints, model: GreatCircleTravel, rules: BusRules, seats: int
) -> Ints:
    """For each group, the most riders a bus with one of its riders could
    hold (at most ``seats``): its own group, and the companions of its
    cohort it could ride with, at most ``max_dropoffs`` drop-off places.
    ``direct``: each group's drive from pickup to drop-off, in seconds."""
    n = len(groups.riders)
    result = np.full(n, seats, dtype=np.int64)
    caps = np.array([rules.ride_cap_seconds(d) for d in direct.tolist()], dtype=np.int64)
    ride = _RideFloor(rules, slack=seats + rules.max_dropoffs + 4)
    legs = _Legs(groups, model)
    reach = _reach_km(model, caps) + _ANGLE_KM
    unit = _unit_vectors(groups.pickup)
    ends = _unit_vectors(groups.dropoff)
    tested = np.argsort(-direct, kind="stable")[: min(n, _TESTED_GROUPS)]
    for start in range(0, len(tested), _ROWS_PER_BLOCK):
        rows = tested[start : start + _ROWS_PER_BLOCK]
        # Whoever boards first drives to the other's pickup and on to their
        # own drop-off: great-circle km within the reach of their cap.
        between = _km(unit[rows] @ unit.T)
        near = between + _km(ends[rows] @ unit.T) <= reach[rows, None]
        near |= between + _km(unit[rows] @ ends.T) <= reach[None, :]
        near &= groups.cohort[rows, None] == groups.cohort[None, :]
        near[np.arange(len(rows)), rows] = False
        crowded = near.sum(axis=1) > _CANDIDATES
        near[crowded] = False
        row, other = np.nonzero(near)
        shared = _can_share(legs, ride, caps, direct, rows[row], other)
        aboard = _most_aboard(groups, rows, row[shared], other[shared], rules.max_dropoffs)
        result[rows[~crowded]] = np.minimum(seats, aboard[~crowded])
    return result


def _most_aboard(
    groups: RiderGroups, rows: Ints, row: Ints, companion: Ints, max_dropoffs: int
) -> Ints:
    """For each group of ``rows``, the riders it and its companions (pairs
    ``rows[row]``, ``companion``) one bus could hold: its own drop-off
    place's, and the fullest of the others it may also visit."""
    places = int(groups.place.max()) + 1
    cell = row * places + groups.place[companion]
    counted = np.bincount(cell, weights=groups.riders[companion], minlength=len(rows) * places)
    by_place = counted.astype(np.int64).reshape(len(rows), places)
    mine = np.arange(len(rows)), groups.place[rows]
    own = groups.riders[rows] + by_place[mine]
    by_place[mine] = 0
    others = min(max(max_dropoffs - 1, 0), by_place.shape[1])
    fullest = (
        -np.partition(-by_place, others - 1, axis=1)[:, :others] if others else by_place[:, :0]
    )
    aboard: Ints = own + fullest.sum(axis=1)
    return aboard


class _RideFloor:
    """The shortest ride a timetable could give a rider who is driven
    ``seconds`` and leaves ``stops`` stops (their own among them) before
    alighting: the dwells, and the rests the driving rules demand beyond
    the few that a night's relay or wait could replace."""

    def __init__(self, rules: BusRules, *, slack: int) -> None:
        self.stop = rules.stop_seconds
        self.rest = rules.break_seconds if rules.stop_seconds < rules.break_seconds else 0
        self.stretch = max(rules.max_continuous_seconds, rules.max_night_driving_minutes * 60, 1)
        self.cheap = night_resets(rules)
        self.slack = slack

    def __call__(self, seconds: Ints, stops: Ints) -> Ints:
        driven = np.maximum(seconds - self.slack, 0)
        rests = np.maximum(-(-driven // self.stretch) - 1 - self.cheap, 0)
        floor: Ints = driven + stops * self.stop + rests * self.rest
        return floor


def night_resets(rules: BusRules) -> int:
    """The most no-driving hours (02:00-05:00 by default) one ride can meet,
    boarding within the pickup hours and arriving within the receiving
    hours: a relay or a wait through them resets the driving without a full
    rest.  By the minute, each window widened by a minute."""
    minutes = np.arange(2 * DAY // 60 + rules.max_ride_minutes + 2)
    of_day = minutes % (DAY // 60)

    def hours(start: str, end: str, *, widen: int = 0, closed: bool = False) -> Mask:
        first = seconds_of_day(start) // 60 - widen
        last = seconds_of_day(end) // 60 + widen + int(closed)
        if last < first + 2 * widen + int(closed):  # the hours run past midnight
            last += DAY // 60
        mask: Mask = (of_day - first) % (DAY // 60) < last - first
        return mask

    boards = hours(rules.pickup_from, rules.pickup_until, closed=True)
    arrives = hours(rules.arrive_from, rules.arrive_until, closed=True)
    still = hours(rules.no_driving_from, rules.no_driving_until, widen=1)
    latest = np.maximum.accumulate(np.where(arrives, minutes, -1))
    opened = np.cumsum(still & ~np.r_[False, still[:-1]])
    most = 0
    for board in np.flatnonzero(boards[: 2 * DAY // 60]).tolist():
        arrive = int(latest[min(board + rules.max_ride_minutes, len(minutes) - 1)])
        if arrive >= board:
            most = max(most, int(still[board]) + int(opened[arrive] - opened[board]))
    return most


class _Legs:
    """Seconds of the legs the pair tests ask for: pickup to pickup, pickup
    to drop-off place, place to place; those ending at a drop-off place from
    a table when the places are few (a district has a handful)."""

    def __init__(self, groups: RiderGroups, model: GreatCircleTravel) -> None:
        self.groups, self.model = groups, model
        places = np.zeros((int(groups.place.max()) + 1, 2))
        places[groups.place] = groups.dropoff
        self.to_place: Ints | None = None
        if len(groups.pickup) * len(places) <= _TABLE_CELLS:
            self.to_place = model.between(groups.pickup[:, None], places[None]).seconds
        self.place_to_place = model.between(places[:, None], places[None]).seconds

    def pickups(self, k: Ints, j: Ints) -> Ints:
        """From the pickups of groups ``k`` to those of ``j``, pair by pair."""
        return self.model.between(self.groups.pickup[k], self.groups.pickup[j]).seconds

    def to_dropoff(self, k: Ints, j: Ints) -> Ints:
        """From the pickups of groups ``k`` to the drop-off places of ``j``."""
        if self.to_place is not None:
            return self.to_place[k, self.groups.place[j]]
        return self.model.between(self.groups.pickup[k], self.groups.dropoff[j]).seconds

    def dropoffs(self, k: Ints, j: Ints) -> Ints:
        """Between the drop-off places of groups ``k`` and ``j``."""
        return self.place_to_place[self.groups.place[k], self.groups.place[j]]


def _can_share(
    legs: _Legs,
    ride: _RideFloor,
    caps: Ints,
    direct: Ints,
    k: Ints,
    j: Ints,
) -> npt.NDArray[np.bool_]:
    """For each pair of groups ``k[i]``, ``j[i]``: could they ride one bus?
    Some order of boarding and of alighting keeps both rides within their caps."""
    pick = legs.pickups(k, j)  # either way: the model is symmetric
    drop = legs.dropoffs(k, j)
    j_to_dk = legs.to_dropoff(j, k)
    k_to_dj = legs.to_dropoff(k, j)
    cap_k, cap_j = caps[k], caps[j]
    moved = (pick > 0).astype(np.int64)
    apart = (drop > 0).astype(np.int64)
    # k boards first and alights first / last; then j first, alike.
    k_first = (
        (ride(pick + j_to_dk, 1 + moved) <= cap_k) & (ride(j_to_dk + drop, 1 + apart) <= cap_j)
    ) | (ride(pick + direct[j] + drop, 1 + moved + apart) <= cap_k)
    j_first = (
        (ride(pick + k_to_dj, 1 + moved) <= cap_j) & (ride(k_to_dj + drop, 1 + apart) <= cap_k)
    ) | (ride(pick + direct[k] + drop, 1 + moved + apart) <= cap_j)
    shared: npt.NDArray[np.bool_] = k_first | j_first
    return shared


def _reach_km(model: GreatCircleTravel, caps: Ints) -> Floats:
    """The most great-circle km a ride of each cap could cover: the travel
    time of a great-circle distance grows with it and is subadditive, so a
    ride through other places covers no more.  Rounded up, to be safe."""
    km = np.arange(0.0, 5000.0, 0.1)
    seconds = model.driven(km).seconds
    first_beyond = np.searchsorted(seconds, caps + 1, side="right")
    reach: Floats = np.where(
        first_beyond < len(km), km[np.minimum(first_beyond, len(km) - 1)], np.inf
    )
    return reach + 0.5


def _km(cosines: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """Great-circle km for the cosines of the angles between unit vectors
    (single precision: within `_ANGLE_KM`)."""
    np.clip(cosines, -1.0, 1.0, out=cosines)
    np.arccos(cosines, out=cosines)
    cosines *= np.float32(EARTH_RADIUS_KM)
    return cosines


def _unit_vectors(places: Floats) -> npt.NDArray[np.float32]:
    lat, lon = np.radians(places[:, 0]), np.radians(places[:, 1])
    vectors = np.c_[np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)]
    single: npt.NDArray[np.float32] = vectors.astype(np.float32)
    return single
