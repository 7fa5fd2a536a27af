"""Quarantine beds: centralised isolation, one person per room.

Allocation runs in two steps that keep it both simple and correct:

1. *Pools.*  Men go to men's dormitories first, women to women's, and only
   the overflow (and workers of unknown sex) share the dormitories open to
   anyone.  This fills the beds as fully as the sex rules allow, and any
   subset of a feasible set of requests stays feasible, so the same check can
   run before routing (to turn away who cannot be housed) and after it.
2. *Cohorts.*  Within a pool, a bus's riders (or the self-returners of one
   employer) go to the dormitory nearest their employer that can take the
   whole cohort, else fill the nearest ones in turn.

Requests are taken in cohort and worker-id order, so the rooms do not
depend on the roster's row order.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from .domain import BedAssignment, Dormitory, LatLon, Sex, Unassigned
from .travel import great_circle_km


@dataclass(frozen=True, slots=True, kw_only=True)
class QuarantineParams:
    """``days``: how long a quarantine lasts, from arrival."""

    days: int = 14


_POOLS: dict[Sex | None, tuple[Sex | None, ...]] = {
    "M": ("M", None),
    "F": ("F", None),
    None: (None,),
}


@dataclass(frozen=True, slots=True, kw_only=True)
class BedRequest:
    """A worker who needs a quarantine bed from ``start``."""

    worker_id: str
    sex: Sex | None
    cohort: str
    employer_location: LatLon | None
    start: date
    row: int | None = None


def pool_requests(
    requests: Sequence[BedRequest], dormitories: Sequence[Dormitory]
) -> tuple[dict[Sex | None, list[BedRequest]], list[Unassigned]]:
    """Split requests into dormitory pools by sex; the rest get no bed."""
    free = Counter[Sex | None]()
    for dorm in dormitories:
        free[dorm.sex] += dorm.rooms
    pools: dict[Sex | None, list[BedRequest]] = defaultdict(list)
    unassigned = []
    for request in requests:
        open_pools = [p for p in _POOLS[request.sex] if free[p] > 0]
        if not open_pools:
            who = {"M": "men", "F": "women", None: "workers of unknown sex"}[request.sex]
            reason = (
                f"no quarantine room left for {who}; add dormitory rooms, record the worker's sex "
                "if it is missing, or move the worker to a later batch"
            )
            unassigned.append(
                Unassigned(
                    worker_id=request.worker_id, stage="dormitory", reason=reason, row=request.row
                )
            )
            continue
        free[open_pools[0]] -= 1
        pools[open_pools[0]].append(request)
    return pools, unassigned


def allocate_beds(
    requests: Sequence[BedRequest],
    dormitories: Sequence[Dormitory],
    params: QuarantineParams,
) -> tuple[tuple[BedAssignment, ...], tuple[Unassigned, ...]]:
    """Give each request a single room for ``params.days`` days from its start."""
    ordered = sorted(requests, key=lambda r: (r.cohort, r.worker_id))
    pools, unassigned = pool_requests(ordered, dormitories)
    next_room = {d.id: 0 for d in dormitories}
    beds: list[BedAssignment] = []
    for pool, pooled in pools.items():
        dorms = [d for d in dormitories if d.sex == pool]
        cohorts: dict[str, list[BedRequest]] = defaultdict(list)
        for request in pooled:
            cohorts[request.cohort].append(request)
        for members in cohorts.values():
            for dorm in _by_preference(members, dorms, next_room):
                while members and next_room[dorm.id] < dorm.rooms:
                    request = members.pop(0)
                    next_room[dorm.id] += 1
                    beds.append(
                        BedAssignment(
                            worker_id=request.worker_id,
                            dorm_id=dorm.id,
                            room=f"{next_room[dorm.id]:03d}",
                            bed=1,
                            start=request.start,
                            end=request.start + timedelta(days=params.days),
                        )
                    )
    return tuple(beds), tuple(unassigned)


def _by_preference(
    members: list[BedRequest], dorms: list[Dormitory], used: dict[str, int]
) -> list[Dormitory]:
    """Dormitories for a cohort: near its employer, one that takes all first."""
    places = Counter(m.employer_location for m in members if m.employer_location is not None)
    if places:
        anchor = places.most_common(1)[0][0]
        dorms = sorted(
            dorms,
            key=lambda d: float(
                great_circle_km(anchor.lat, anchor.lon, d.location.lat, d.location.lon)
            ),
        )
    whole = [d for d in dorms if d.rooms - used[d.id] >= len(members)]
    return whole[:1] + [d for d in dorms if d not in whole[:1]]
