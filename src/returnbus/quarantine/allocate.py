"""Quarantine beds for a batch, shared over time with the batches before it.

`allocate_beds` runs twice.  Before routing it reserves a bed for whoever
could be housed, so that nobody gets a seat without a bed and every rider
bound for quarantine knows their dormitory (the planner keeps riders of one
origin area together, so their bus has few drop-offs).  After routing, when
the cohorts are known (a bus's riders; the self-returners of one employer),
it starts from the reservation, so everyone reserved keeps a bed.  Each
time it hands the counting to the exact model (`model.py`) and then gives
real rooms and beds (`rooms.py`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..domain import BedAssignment, Dormitory, Room, Unassigned
from ..text import Text
from ..travel import great_circle_km
from .areas import refine
from .greedy import greedy_counts
from .model import Counts, Demand, Status, Supply, solve_counts
from .params import BedRequest, QuarantineParams
from .rooms import SEXES, free_rooms, number_rooms, sex_key, stay_of

_WHO = {"M": "men", "F": "women", "U": "unknown_sex"}
#: The most choices (a group of people, a dormitory they may use) given to
#: the exact model; a larger one is filled greedily (`greedy.py`) and made
#: better area by area (`areas.py`).  The batches of `benchmarks/dorms.py`,
#: 2,000 people and 200 dormitories open to all (some 140,000 choices), are
#: proved optimal in 2 to 4 of deterministic time; 26,000 in 300 (1.2
#: million) found nothing in 637 s.
_LARGEST_MODEL = 300_000


@dataclass(frozen=True, slots=True, kw_only=True)
class Allocation:
    """Beds given, requests left without one (with why), and how good the allocation is.

    ``status`` is the exact model's: ``optimal`` (proved best), ``feasible``
    (the best found in the time given; ``bound`` is how good the best could
    be) or ``unsolved``.
    """

    beds: tuple[BedAssignment, ...]
    unplaced: tuple[Unassigned, ...]
    status: Status
    objective: int
    bound: int
    cohorts_split: int = 0


@dataclass(frozen=True, slots=True)
class _Problem:
    """Requests grouped into demands, and the dormitories with free rooms."""

    requests: tuple[tuple[BedRequest, ...], ...]  # per demand, in worker-id order
    demands: tuple[Demand, ...]
    dorms: tuple[tuple[Dormitory, tuple[Room, ...]], ...]
    supplies: tuple[Supply, ...]
    distance: _Distances


def allocate_beds(
    requests: Sequence[BedRequest],
    dormitories: Sequence[Dormitory],
    params: QuarantineParams,
    *,
    occupied: Sequence[BedAssignment] = (),
    batch: str = "",
    reserved: Allocation | None = None,
    late_days: int = 0,
) -> Allocation:
    """Beds for every request, cohorts kept together where the rooms allow.

    Before routing (a reservation), arrivals may come up to ``late_days``
    after their request's start (a long bus ride): rooms are taken that much
    longer, so that the reservation holds whenever the buses arrive.  After
    routing, with ``reserved`` (a reservation of a superset of the
    requests), the search starts from it, and it stands if the search finds
    nothing that houses as many.
    """
    problem = _problem(requests, dormitories, params, occupied, late_days=late_days)
    hint = None if reserved is None else _hint(problem, reserved)
    found = _solve(problem, params, batch, hint=hint)
    if reserved is None or len(found.unplaced) == 0:
        return found
    kept = _restamp(reserved, requests)
    if len(kept.beds) > len(found.beds):
        return kept
    return found


def _solve(
    problem: _Problem, params: QuarantineParams, batch: str, *, hint: Counts | None
) -> Allocation:
    if not problem.demands:
        return Allocation(beds=(), unplaced=(), status="optimal", objective=0, bound=0)
    if sum(len(demand.options) for demand in problem.demands) > _LARGEST_MODEL:
        return _beds(problem, _filled(problem, params), params, batch)
    counts = solve_counts(
        problem.demands,
        problem.supplies,
        seconds=params.solver_seconds,
        hint=hint,
    )
    if counts.status == "unsolved":  # the budget ran out before any solution
        counts = _filled(problem, params)
    return _beds(problem, counts, params, batch)


def _filled(problem: _Problem, params: QuarantineParams) -> Counts:
    """The greedy fill made better area by area within the model's budget."""
    start = greedy_counts(problem.demands, problem.supplies)
    return refine(problem.demands, problem.supplies, start, seconds=params.solver_seconds)


def _problem(
    requests: Sequence[BedRequest],
    dormitories: Sequence[Dormitory],
    params: QuarantineParams,
    occupied: Sequence[BedAssignment],
    *,
    late_days: int = 0,
) -> _Problem:
    stay = stay_of(requests, params, late_days=late_days)
    dorms = tuple(
        (dorm, rooms)
        for dorm in sorted(dormitories, key=lambda d: d.id)
        if stay is not None and (rooms := free_rooms(dorm, stay, occupied, params))
    )
    owners = {dorm.employer for dorm, _ in dorms if dorm.employer}
    groups: dict[tuple[str, str, str, str, bool, tuple[str, ...], bool], list[BedRequest]]
    groups = defaultdict(list)
    for request in sorted(requests, key=lambda r: r.worker_id):
        owner = request.employer if request.employer in owners else ""
        anywhere = request.within_reach is None
        reach = request.within_reach or ()
        key = (request.cohort, sex_key(request), owner, request.dorm, anywhere, reach)
        groups[(*key, request.gives_way)].append(request)
    keys = sorted(groups)
    km = _Distances(requests, [dorm for dorm, _ in dorms])
    demands = tuple(_demand(groups[k], dorms, km) for k in keys)
    supplies = tuple(_supply(dorm, rooms) for dorm, rooms in dorms)
    return _Problem(
        requests=tuple(tuple(groups[k]) for k in keys),
        demands=demands,
        dorms=dorms,
        supplies=supplies,
        distance=km,
    )


class _Distances:
    """Distances from employers to dormitories in whole km (0 where unknown).

    Whole km are fine enough to choose a dormitory by, and coarse enough
    that the exact model proves its best allocation several times faster.
    """

    def __init__(self, requests: Sequence[BedRequest], dorms: Sequence[Dormitory]) -> None:
        places = sorted({r.employer_location for r in requests if r.employer_location})
        self._row = {place: k for k, place in enumerate(places)}
        if places and dorms:
            here = np.array(places, dtype=np.float64)
            there = np.array([d.location for d in dorms], dtype=np.float64)
            km = great_circle_km(here[:, :1], here[:, 1:], there[:, 0], there[:, 1])
            self._matrix = np.rint(km).astype(np.int64)
        else:
            self._matrix = np.zeros((len(places), len(dorms)), dtype=np.int64)

    def __call__(self, request: BedRequest, d: int) -> int:
        where = request.employer_location
        return 0 if where is None else int(self._matrix[self._row[where], d])

    def mean(self, members: Sequence[BedRequest], d: int) -> int:
        return round(sum(self(r, d) for r in members) / len(members))


def _demand(
    members: list[BedRequest],
    dorms: Sequence[tuple[Dormitory, tuple[Room, ...]]],
    distance: _Distances,
) -> Demand:
    """Members of one cohort, sex, employer-dormitory right, dormitories
    within reach and right of way, with the dormitories they may use and their mean distance
    to each (so exact for a cohort kept together)."""
    first = members[0]
    sex = sex_key(first)
    options = tuple(
        (d, distance.mean(members, d))
        for d, (dorm, _) in enumerate(dorms)
        if (not dorm.employer or dorm.employer == first.employer)
        and (dorm.sex is None or dorm.sex == sex)
        and (not first.dorm or dorm.id == first.dorm)
        and (first.within_reach is None or dorm.id in first.within_reach)
    )
    return Demand(
        cohort=first.cohort,
        sex=sex,
        size=len(members),
        options=options,
        gives_way=first.gives_way,
    )


def _supply(dorm: Dormitory, rooms: Sequence[Room]) -> Supply:
    sizes: dict[int, int] = defaultdict(int)
    for room in rooms:
        sizes[room.capacity] += 1
    return Supply(
        rooms=tuple(sorted(sizes.items())),
        sexes=SEXES if dorm.sex is None else (dorm.sex,),
    )


def _beds(problem: _Problem, counts: Counts, params: QuarantineParams, batch: str) -> Allocation:
    """Workers into dormitories by the counts (in worker-id order), then into rooms."""
    sleepers: dict[int, list[BedRequest]] = defaultdict(list)
    unplaced: list[Unassigned] = []
    for i, members in enumerate(problem.requests):
        seats = {d: n for d, _ in problem.demands[i].options if (n := counts.placed.get((i, d), 0))}
        placed = _spread(members, seats, problem.distance)
        for d, people in placed.items():
            sleepers[d] += people
        housed = {r.worker_id for people in placed.values() for r in people}
        unplaced += [_no_bed(r) for r in members if r.worker_id not in housed]
    beds: list[BedAssignment] = []
    for d, (dorm, rooms) in enumerate(problem.dorms):
        given = {(c, s): n for (dd, c, s), n in counts.rooms.items() if dd == d}
        beds += number_rooms(
            dorm, rooms, given or _rooms_needed(rooms, sleepers[d]), sleepers[d], params, batch
        )
    return Allocation(
        beds=tuple(sorted(beds, key=lambda b: b.worker_id)),
        unplaced=tuple(sorted(unplaced, key=lambda u: u.worker_id)),
        status=counts.status,
        objective=counts.objective,
        bound=counts.bound,
        cohorts_split=_splits(problem, counts),
    )


def _rooms_needed(
    rooms: Sequence[Room], sleepers: Sequence[BedRequest]
) -> dict[tuple[int, str], int]:
    """Rooms per (capacity, sex) where the model did not share them out: a
    single-sex building, or single rooms that anyone may take."""
    people: dict[str, int] = defaultdict(int)
    for request in sleepers:
        people[sex_key(request)] += 1
    free: dict[int, int] = defaultdict(int)
    for room in rooms:
        free[room.capacity] += 1
    given: dict[tuple[int, str], int] = {}
    for sex in SEXES:
        for capacity in sorted(free, reverse=True):
            per_room = 1 if sex == "U" else capacity
            take = min(free[capacity], -(-people[sex] // per_room))
            if take:
                given[capacity, sex] = take
                free[capacity] -= take
                people[sex] -= take * per_room
    return given


def _spread(
    members: Sequence[BedRequest], seats: dict[int, int], distance: _Distances
) -> dict[int, list[BedRequest]]:
    """Members into dormitories by count, each as near their own employer as the
    counts allow: the nearest (member, dormitory) pairs are matched first.
    Who is left over, in worker-id order, gets no bed."""
    placed: dict[int, list[BedRequest]] = defaultdict(list)
    if len(seats) == 1:
        ((d, n),) = seats.items()
        placed[d] = list(members[:n])
        return placed
    waiting = members[: sum(seats.values())]
    left = dict(seats)
    done: set[int] = set()
    pairs = sorted((distance(r, d), k, d) for k, r in enumerate(waiting) for d in seats)
    for _, k, d in pairs:
        if k not in done and left[d]:
            placed[d].append(waiting[k])
            left[d] -= 1
            done.add(k)
    return placed


def _splits(problem: _Problem, counts: Counts) -> int:
    """Dormitories beyond the first that cohorts were spread over."""
    dorms_of: dict[str, set[int]] = defaultdict(set)
    for (i, d), n in counts.placed.items():
        if n:
            dorms_of[problem.demands[i].cohort].add(d)
    return sum(len(d) - 1 for cohort, d in dorms_of.items() if cohort)


def who(request: BedRequest) -> Text:
    """Whom a room must be free for: men, women, or a worker of unknown sex."""
    return Text(_WHO[sex_key(request)])


def _no_bed(request: BedRequest) -> Unassigned:
    reason = Text("no_bed", who=who(request))
    return Unassigned(
        worker_id=request.worker_id, stage="dormitory", reason=reason, row=request.row
    )


def _hint(problem: _Problem, reserved: Allocation) -> Counts:
    """The reservation as counts of ``problem``: where each request's worker was reserved."""
    dorm_index = {dorm.id: d for d, (dorm, _) in enumerate(problem.dorms)}
    where = {bed.worker_id: dorm_index.get(bed.dorm_id) for bed in reserved.beds}
    placed: dict[tuple[int, int], int] = defaultdict(int)
    for i, members in enumerate(problem.requests):
        for request in members:
            d = where.get(request.worker_id)
            if d is not None:
                placed[i, d] += 1
    capacity = {
        (dorm.id, room.number): room.capacity for dorm, rooms in problem.dorms for room in rooms
    }
    rooms: dict[tuple[int, int, str], int] = defaultdict(int)
    sexes = {r.worker_id: sex_key(r) for members in problem.requests for r in members}
    seen: set[tuple[str, str]] = set()
    for bed in reserved.beds:
        key = (bed.dorm_id, bed.room)
        if key in seen or key not in capacity or bed.worker_id not in sexes:
            continue
        seen.add(key)
        rooms[dorm_index[bed.dorm_id], capacity[key], sexes[bed.worker_id]] += 1
    return Counts(placed=dict(placed), rooms=dict(rooms), status="feasible")


def _restamp(reserved: Allocation, requests: Sequence[BedRequest]) -> Allocation:
    """The reservation's beds for these requests, with their own dates and buses."""
    by_worker = {r.worker_id: r for r in requests}
    beds = tuple(
        BedAssignment(
            worker_id=bed.worker_id,
            dorm_id=bed.dorm_id,
            room=bed.room,
            bed=bed.bed,
            start=(request := by_worker[bed.worker_id]).start,
            end=request.end,
            batch=bed.batch,
            bus_id=request.bus_id,
        )
        for bed in reserved.beds
        if bed.worker_id in by_worker
    )
    housed = {bed.worker_id for bed in beds}
    return Allocation(
        beds=beds,
        unplaced=tuple(_no_bed(r) for r in requests if r.worker_id not in housed),
        status="feasible",
        objective=reserved.objective,
        bound=reserved.bound,
    )
