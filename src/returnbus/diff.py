"""What changed between two plans: who to call, which buses, who is sent to
quarantine for sharing a bus, whose quarantine bed, and the figures.

Two plans of one batch (before and after a re-plan), or two what-if variants
of it (another fleet, another seating policy), compared worker by worker.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any

from .dropoffs import GateNames, site_names
from .plan import Plan
from .planfile import summary

#: Summary figures shown side by side.
FIGURES = (
    "workers_total",
    "workers_on_bus",
    "workers_self_return",
    "workers_unassigned",
    "buses_used",
    "total_distance_km",
    "total_cost",
    "max_ride_minutes",
    "quarantine_allocated",
    "quarantine_for_sharing",
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Outcome:
    """Where a worker ends in one plan: a bus, its stop and pickup time, the
    site they get off at (``dropoff``, a `dropoffs` site id; "" in a plan
    that does not say), its name for them (``dropoff_name``) and when the bus
    arrives there (``arrive``), their seat on it (``seat``, as their ticket
    and the seat map print it; "" in a plan that seats nobody), or otherwise;
    and whether they are sent to quarantine only for sharing a bus with a
    rider bound there (``sharing``: the ``whole_bus`` policy)."""

    status: str  # "bus", "self_return", "unassigned" or "absent"
    bus_id: str = ""
    point_id: str = ""
    pickup: datetime | None = None
    dropoff: str = ""
    #: An employer's gate named for this rider, after their own employer
    #: (`GateNames.of`), as their bus's papers name it: the gate's whole name,
    #: up to ten employers sharing it, told them nothing.  "" where the site
    #: keeps its name (`PlanDiff.sites`): a dormitory, the quarantine
    #: stand-in, a rider the plan's roster does not list.
    dropoff_name: str = ""
    arrive: datetime | None = None
    seat: str = ""
    #: Unassigned and held out until an edit restores them (`Unassigned.held`):
    #: "dropped" (`replan --drop`), "stop_closed" (`replan --edits`), or "".
    held: str = ""
    sharing: bool = False

    @property
    def dropped(self) -> bool:
        """Unassigned as a drop-out (`replan --drop`)."""
        return self.held == "dropped"


@dataclass(frozen=True, slots=True, kw_only=True)
class WorkerChange:
    """A worker whose bus, stop, pickup time, drop-off site, arrival there,
    seat on the same bus or outcome differs, or who is sent to quarantine for
    sharing a bus in one plan and not the other, and how (``changes``:
    ``outcome``, ``bus``, ``stop``, ``time``, ``dropoff``, ``arrival``,
    ``seat``; ``dropped`` or
    ``stop_closed`` beside ``outcome`` when now held out so; unassigned in
    both, ``dropped``, ``stop_closed`` or ``restored`` when held out for
    another cause, or no longer; and ``sharing_sent`` or ``sharing_ended``)."""

    worker_id: str
    changes: tuple[str, ...]
    before: Outcome
    after: Outcome


@dataclass(frozen=True, slots=True, kw_only=True)
class Bed:
    """Where a worker sleeps in quarantine (dormitory, room and bed) and when:
    from the night of ``start`` until the morning of ``end``."""

    dorm_id: str
    room: str
    bed: int
    start: date
    end: date

    @property
    def last_night(self) -> date:
        """The last night slept in the bed: the one before the morning it ends."""
        return self.end - timedelta(days=1)


@dataclass(frozen=True, slots=True, kw_only=True)
class BedChange:
    """A worker who gained, lost or moved quarantine bed, or whose stay in it
    starts or ends on another day (None: no bed)."""

    worker_id: str
    before: Bed | None
    after: Bed | None


@dataclass(frozen=True, slots=True, kw_only=True)
class PlanDiff:
    """Every worker who changed, the buses added and removed, those kept under
    another type (``buses_retyped``: id, type before, type after), the figures of
    both, the pickup points' place names (by point id) and the drop-off
    sites' (by site id, a gate with every employer sharing it: a rider's is
    named for them, `Outcome.dropoff_name`; the quarantine stand-in has none,
    `dropoff_names`).

    ``beds`` lists every worker whose quarantine bed differs, whether or not
    their bus did; ``quarantine`` says whether either plan gives a bed at all
    (when neither does, there is nothing to say of beds), and ``dormitories``
    gives the dormitories' names (by dorm id).
    """

    workers: tuple[WorkerChange, ...]
    buses_added: tuple[str, ...]
    buses_removed: tuple[str, ...]
    figures: tuple[tuple[str, Any, Any], ...]
    places: Mapping[str, str] = field(default_factory=dict)
    sites: Mapping[str, str] = field(default_factory=dict)
    beds: tuple[BedChange, ...] = ()
    quarantine: bool = False
    dormitories: Mapping[str, str] = field(default_factory=dict)
    buses_retyped: tuple[tuple[str, str, str], ...] = ()


def compare(before: Plan, after: Plan) -> PlanDiff:
    """What changed from ``before`` to ``after``, worker by worker; a pickup
    or an arrival moved by less than ``after``'s ``notify_minutes`` is no change."""
    was, now = _outcomes(before), _outcomes(after)
    notice = timedelta(minutes=after.settings.output.notify_minutes)
    changes = []
    for worker_id in sorted(was.keys() | now.keys()):
        a = was.get(worker_id, Outcome(status="absent"))
        b = now.get(worker_id, Outcome(status="absent"))
        what = _what_changed(a, b, notice)
        if what:
            changes.append(WorkerChange(worker_id=worker_id, changes=what, before=a, after=b))
    buses_a = {r.bus_id: r.bus_type for r in before.routes}
    buses_b = {r.bus_id: r.bus_type for r in after.routes}
    figures_a, figures_b = summary(before, bounds=False), summary(after, bounds=False)
    return PlanDiff(
        workers=tuple(changes),
        buses_added=tuple(sorted(buses_b.keys() - buses_a.keys())),
        buses_removed=tuple(sorted(buses_a.keys() - buses_b.keys())),
        # A re-plan may keep a bus's id and its riders on a smaller type: no
        # bus added or removed, yet the desk sends another vehicle.
        buses_retyped=tuple(
            (bus, buses_a[bus], buses_b[bus])
            for bus in sorted(buses_a.keys() & buses_b.keys())
            if buses_a[bus] != buses_b[bus]
        ),
        figures=tuple((key, figures_a[key], figures_b[key]) for key in FIGURES),
        places={p.id: p.name for plan in (before, after) for p in plan.pickup_points if p.name},
        sites={
            site: name for plan in (before, after) for site, name in site_names(plan.batch).items()
        },
        beds=_bed_changes(before, after),
        quarantine=bool(before.beds or after.beds),
        dormitories={d.id: d.name for plan in (before, after) for d in plan.batch.dormitories},
    )


def _bed_changes(before: Plan, after: Plan) -> tuple[BedChange, ...]:
    """Every worker whose bed (dormitory, room, bed) or stay in it (first
    night, last morning) is not the same in both plans.  Over all workers
    holding a bed in either plan, not only those whose bus changed: a
    re-plan may move a bed and leave the bus as it was."""
    was, now = _beds(before), _beds(after)
    return tuple(
        BedChange(worker_id=w, before=was.get(w), after=now.get(w))
        for w in sorted(was.keys() | now.keys())
        if was.get(w) != now.get(w)
    )


def _beds(plan: Plan) -> dict[str, Bed]:
    # The nights are compared too: a bed released early (`ledger release`)
    # ends sooner in the re-plan and moves nobody's bus, yet the quarantine
    # desk is to tell the worker, and the dormitory, the day they leave.
    return {
        b.worker_id: Bed(dorm_id=b.dorm_id, room=b.room, bed=b.bed, start=b.start, end=b.end)
        for b in plan.beds
    }


def _outcomes(plan: Plan) -> dict[str, Outcome]:
    gates = GateNames(plan.batch)
    workers = {w.id: w for w in plan.batch.workers}
    outcomes = {w: Outcome(status="self_return") for w in plan.self_return}
    outcomes |= {u.worker_id: Outcome(status="unassigned", held=u.held) for u in plan.unassigned}
    for route in plan.routes:
        alight = {w: stop for stop in route.dropoffs for w in stop.worker_ids}
        seats = {s.worker_id: s.label for s in route.seat_map}
        for stop in route.stops:
            for worker in stop.worker_ids:
                off = alight.get(worker)
                rider = workers.get(worker)
                own = gates.of(off.point_id, [rider]) if off and rider else None
                outcomes[worker] = Outcome(
                    status="bus",
                    bus_id=route.bus_id,
                    point_id=stop.point_id,
                    pickup=stop.arrive,
                    dropoff=off.point_id if off else "",
                    dropoff_name=own or "",
                    # A plan that lists no drop-offs ends each bus at one place, as its lists say.
                    arrive=off.arrive if off else route.end_arrive,
                    seat=seats.get(worker, ""),
                )
    for worker in plan.quarantine_for_sharing:
        if worker in outcomes:
            outcomes[worker] = replace(outcomes[worker], sharing=True)
    return outcomes


def _what_changed(a: Outcome, b: Outcome, notice: timedelta) -> tuple[str, ...]:
    # Being sent to quarantine for sharing a bus (or no longer) is a change
    # of its own: a re-plan may send a bus's riders there and move none.
    sharing = () if a.sharing == b.sharing else ("sharing_sent" if b.sharing else "sharing_ended",)
    if a.status != b.status:
        # Now held out (a drop-out, a closed stop) is said beside the outcome:
        # "unassigned" alone read as left out by the planner, someone to call.
        held = (b.held,) if b.status == "unassigned" and b.held else ()
        return ("outcome", *held, *sharing)
    if a.status == "unassigned" and a.held != b.held:
        # Still without a seat, but no longer (or now) held out by a drop or
        # a closed stop: a worker the desk restored is planned again, and is
        # told so.
        return (b.held or "restored", *sharing)
    if a.status != "bus":
        return sharing
    moved = a.pickup is not None and b.pickup is not None and abs(b.pickup - a.pickup) >= notice
    # Where and when a rider gets off is the employer's (or dormitory's) to
    # know: a re-plan may reorder a bus's drop-offs, hours later, and keep
    # every pickup.  A plan that names no drop-off site moves nobody's.
    landed = a.arrive is not None and b.arrive is not None and abs(b.arrive - a.arrive) >= notice
    # The seat is printed on the rider's ticket and the bus's seat map: a bus
    # kept under another type (M19 -> C33), or reseated when a re-plan adds
    # riders, moves riders who keep bus, stop and times.  On another bus the
    # seat is the new bus's, said with it; a plan that seats nobody moves no one.
    reseated = a.bus_id == b.bus_id and bool(a.seat and b.seat) and a.seat != b.seat
    return (
        *(
            name
            for name, differs in (
                ("bus", a.bus_id != b.bus_id),
                ("stop", a.point_id != b.point_id),
                ("time", moved),
                ("dropoff", bool(a.dropoff and b.dropoff) and a.dropoff != b.dropoff),
                ("arrival", landed),
                ("seat", reseated),
            )
            if differs
        ),
        *sharing,
    )
