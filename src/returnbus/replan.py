"""Re-planning a batch: drop-outs, late additions and the desk's own edits,
changing as little of the announced plan as the rules allow.

Buses locked by the desk, or marked announced (``[replan] announced``),
keep their riders, stops and times except for drop-outs.  The other buses
keep their ids and serve what is left of their stops in the same order
(drop-offs too, while that keeps every rule);
newcomers join an existing stop where a bus has a free seat within the
pickup radius and the stop's riders get off where they do (one bound for
quarantine once a bed is reserved for them), else they are gathered into
new stops that go into free seats of existing buses where every cap holds,
and the rest onto new buses.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, replace
from datetime import datetime

from . import dropoffs
from .campaign import HeldBus
from .checker import SECONDS_SLACK
from .cluster import Clustering, cluster_homes
from .domain import (
    BedAssignment,
    ClosedStop,
    Edit,
    LatLon,
    PickupPoint,
    Route,
    Stop,
    Unassigned,
    Worker,
    last_morning,
    place_of,
    self_return_dates,
)
from .errors import InputError
from .ids import ids_meant, numbers_meant
from .joining import join_kept_stops, units
from .plan import Batch, Plan
from .progress import UNWATCHED, Progress
from .route_and_house import (
    Carried,
    cohorts,
    largest_bus,
    route_and_house,
    route_without,
    settle_whole_bus,
)
from .routing import KeptBus
from .routing.engine import Clock
from .seating import add_seat, effective_capacity
from .settings import Settings
from .text import Text, by_count, first_ids, listed
from .travel import GreatCircleTravel, TravelModel, great_circle_km

_log = logging.getLogger(__name__)


def replan_batch(
    previous: Plan,
    batch: Batch,
    settings: Settings,
    *,
    dropped: frozenset[str] = frozenset(),
    edits: Sequence[Edit] = (),
    beds: Sequence[BedAssignment] = (),
    vehicles: Sequence[HeldBus] = (),
    travel: TravelModel | None = None,
    clock: Clock | None = None,
    executor: Executor | None = None,
    progress: Progress = UNWATCHED,
) -> Plan:
    """Plan ``batch`` again from the ``previous`` plan, changing as little as possible.

    ``dropped`` workers are unassigned with the reason (they still count);
    ``batch`` holds the roster as it is now, late additions included.
    What made the previous plan stands: its drop-outs stay out, riders of
    closed stops stay unassigned and locked buses stay as they are, until an
    edit restores or unlocks them; and nobody boards where a stop was closed
    (``Plan.closed_stops``, this re-plan's closures added).  A moved worker boards the receiving bus
    at its stop nearest their home, and no other rider's bus or time changes.
    ``beds`` and ``vehicles`` are those other batches hold.  Pure, as
    `plan_batch` is.  Edits that contradict each other or would break a rule
    are an `InputError` naming the edit's row.
    """
    previous = _beds_standing(previous, batch)
    out_before = {u.worker_id for u in previous.unassigned if u.held == "dropped"}
    closed_before = {u.worker_id for u in previous.unassigned if u.held == "stop_closed"}
    # A move of a rider whose stop was closed is the pickup agreed with them
    # (as their reason asks): it restores them as well.
    restored = {e.worker_id for e in edits if e.action == "restore"} | {
        e.worker_id for e in edits if e.action == "move" and e.worker_id in closed_before
    }
    unlocked = {e.bus_id for e in edits if e.action == "unlock"}
    locked_before = {r.bus_id for r in previous.routes if r.locked}
    locked = (locked_before | {e.bus_id for e in edits if e.action == "lock"}) - unlocked
    # An announced bus stays locked "until an unlock": the desk's unlock
    # releases it even while [replan] announced still names it ("all").
    announced_before = settings.replan.pinned(tuple(r.bus_id for r in previous.routes))
    announced = announced_before - unlocked
    _check_edits(
        previous,
        batch,
        edits,
        out=dropped | out_before - restored,
        dropped=dropped,
        restorable=out_before | closed_before,
        locked=locked,
        kept=announced | {e.bus_id for e in edits if e.action == "move"},
    )
    _say_unlocks_undone(previous, edits, locked_before | announced_before)
    people = {w.id: w for w in batch.workers}
    travelling = {w.id for w in (*batch.riders, *batch.self_return)}
    out = (dropped | out_before - restored) & travelling
    stay_closed = (closed_before - restored) & {w.id for w in batch.riders} - out
    riders = {w.id for w in batch.riders} - out - stay_closed
    moves = {e.worker_id: e.bus_id for e in edits if e.action == "move" and e.worker_id in riders}
    closed = {e.point_id for e in edits if e.action == "close"}
    # Where a stop was closed, in this re-plan or an earlier one: no rider
    # boards there again, at a new stop or at another bus's stop there.
    closures, closed_at = _closures(previous, closed)
    pinned_ids = announced | locked | set(moves.values())

    def again(
        batch: Batch, sharing: frozenset[str] = frozenset(), released: frozenset[str] = frozenset()
    ) -> Plan:
        """The re-plan, with who is bound for quarantine settled in ``batch``
        (``sharing``: those sent only for sharing a bus with one bound there;
        ``released``: those sent so before who now go to work, placed anew)."""
        batch = _without(batch, out | stay_closed)
        changed = _changed_cohort(previous, batch, settings) | released
        staying = riders - moves.keys() - changed
        pinned = [
            route_without(r, staying, locked=r.bus_id not in moves.values() or r.bus_id in locked)
            for r in previous.routes
            if r.bus_id in pinned_ids
        ]
        kept = [
            _kept(r, staying, closed, previous.pickup_points)
            for r in previous.routes
            if r.bus_id not in pinned_ids
        ]
        # A bus whose every rider dropped out has no one to keep its times for:
        # it does not run (its driver is not sent, its bus goes back to the fleet).
        pinned = [
            r
            for r in _move(
                moves, people, pinned, previous, batch, settings, edits, sharing, closures
            )
            if r.riders
        ]
        aboard = {w for r in pinned for w in r.worker_ids} | {
            w for bus in kept for p in bus.points for w in p.worker_ids
        }
        at_closed = {
            w
            for r in previous.routes
            for s in r.stops
            if s.point_id in closed
            for w in s.worker_ids
        } & riders
        kept, stranded = _join_stops(
            kept,
            [people[w] for w in sorted(at_closed - aboard)],
            batch,
            settings,
            previous.beds,
            closed_at,
        )
        # One bound for quarantine with no bed yet joins no kept stop (their
        # bed is reserved later, anywhere): placed as a newcomer is, not told
        # that no stop was near.
        awaiting, stranded = _awaiting_bed(stranded, batch, previous.beds)
        newcomers = [people[w] for w in sorted(riders - aboard - at_closed)]
        kept, newcomers = _join_stops(kept, newcomers, batch, settings, previous.beds, closed_at)
        progress.stage("cluster")
        clustering, reopening, barred = _cluster_away(
            [*newcomers, *awaiting],
            {w.id for w in awaiting},
            closed_at,
            settings,
            largest_bus(batch, settings),
        )
        start = Carried(
            pinned=tuple(pinned),
            kept=tuple(kept),
            new_points=clustering.points,
            fixed_beds=_kept_beds(previous, [*pinned, *kept], batch, settings.quarantine.days),
            known_points=previous.pickup_points,
            unassigned=(
                *clustering.unassigned,
                *_dropouts(frozenset(out), people),
                *_closed_out(stranded, Text("stop_closed", radius=settings.cluster.radius_m)),
                *_closed_out(reopening, Text("stop_closed_bedless")),
                *_closed_out(barred, Text("home_at_closed_stop", radius=settings.cluster.radius_m)),
                *_still_closed(previous, stay_closed, people),
            ),
            sharing=sharing,
            moves=tuple(e for e in edits if e.action == "move"),
            closed_at=closed_at,
        )
        return route_and_house(
            batch,
            settings,
            start,
            beds=beds,
            vehicles=vehicles,
            travel=travel,
            clock=clock,
            executor=executor,
            progress=progress,
        )

    if settings.rules.quarantine_cohorts != "whole_bus":
        return _retiring(
            again(cohorts(batch, settings, bound=previous.quarantine_required)), previous, closures
        )
    now = _riders_now(previous, riders, moves)
    return _retiring(
        _whole_bus(again, previous, batch, settings, now, pinned_ids, moves.keys()),
        previous,
        closures,
    )


def _closures(
    previous: Plan, closed: Collection[str]
) -> tuple[tuple[ClosedStop, ...], frozenset[tuple[float, float]]]:
    """The stops closed in the re-plans that led to ``previous`` and those
    ``closed`` now (point ids of its stops), where each stood, by id, and
    their places (`place_of`): the closures stand in every later re-plan (a
    stop closed is remembered by its place, not only by its riders held out)."""
    now = (
        ClosedStop(point_id=s.point_id, location=s.location)
        for r in previous.routes
        for s in r.stops
        if s.point_id in closed
    )
    by_id = {c.point_id: c for c in (*previous.closed_stops, *now)}
    closures = tuple(by_id[k] for k in sorted(by_id))
    return closures, frozenset(place_of(c.location) for c in closures)


def _retiring(plan: Plan, previous: Plan, closures: tuple[ClosedStop, ...]) -> Plan:
    """``plan`` with the buses of the earlier plans that no longer run
    (every rider dropped out or moved): `[replan] announced` may still name
    them; and with the stops closed in it and before (``closures``)."""
    running = {r.bus_id for r in plan.routes}
    retired = ({r.bus_id for r in previous.routes} | set(previous.retired_buses)) - running
    _say_closed_places_served(plan, closures)
    return replace(plan, retired_buses=tuple(sorted(retired)), closed_stops=closures)


def _say_closed_places_served(plan: Plan, closures: Sequence[ClosedStop]) -> None:
    """Warn of each closed stop whose place another stop of ``plan`` still
    serves (the desk closed one stop there, not the others: they keep their
    riders, though nobody new boards), naming those stops and their buses."""
    served: dict[tuple[float, float], set[str]] = {}
    for route in plan.routes:
        for stop in (s for s in route.stops if s.worker_ids):
            served.setdefault(place_of(stop.location), set()).add(
                f"{stop.point_id} ({route.bus_id})"
            )
    for closure in closures:
        others = served.get(place_of(closure.location))
        if others:
            _log.warning(
                Text(
                    by_count("log_closed_place_served", len(others)),
                    point=closure.point_id,
                    count=len(others),
                    stops=first_ids(sorted(others)),
                )
            )


def _whole_bus(
    again: Callable[[Batch, frozenset[str], frozenset[str]], Plan],
    previous: Plan,
    batch: Batch,
    settings: Settings,
    now: Mapping[str, set[str]],
    pinned: Collection[str],
    moved: Collection[str],
) -> Plan:
    """The re-plan of a ``whole_bus`` batch (`again` plans it once its cohorts
    are settled), riders now on each earlier bus being ``now``.

    Who the earlier plan sent to quarantine for sharing a bus stays sent only
    while a rider bound there rides that bus: not once the last of them drops
    out or moves off it.  Then they go to work, and leave the bus to be placed
    anew, as a rider whose cohort changed does (their stop's riders may now
    go to more drop-offs than a bus may visit).  Nor does their keep-together
    group follow them (a self-returner of it is bound by their own screening
    only).  ``pinned`` buses (locked, announced, receiving a move) keep their
    drop-offs, so the riders sent on them stay sent; a rider the desk
    ``moved`` goes where the receiving bus takes its riders: onto a bus
    carrying a rider bound for quarantine, to quarantine too, for sharing it.
    A rider going to work whom no bus could take may join a bus carrying a
    rider bound there, and go to quarantine for sharing it, when more then
    travel and nobody travelling loses their seat or bed.
    """
    own = cohorts(
        batch, settings, bound=set(previous.quarantine_required) & set(previous.self_return)
    )
    bound = own.quarantine
    sent = frozenset(previous.quarantine_required) - bound
    with_bound = frozenset(w for ids in now.values() if ids & bound for w in ids)
    sharing = with_bound & sent
    # Whom the desk moves onto a bus carrying a rider bound for quarantine is
    # sent there too (a bed found for them, else the move is refused), and
    # stays sent: the bus receiving them keeps its stops.
    joining = with_bound & frozenset(moved) - bound
    fixed = (
        frozenset(w for bus in pinned for w in now.get(bus, ()) if w not in moved) & sent
    ) | joining
    for bus in sorted(pinned):
        if now.get(bus, set()) & fixed and not now[bus] & bound:
            count = len(now[bus] & fixed)
            _log.warning(Text(by_count("log_kept_bus_sent", count), bus=bus, count=count))

    def sending(sharing: frozenset[str]) -> Plan:
        return again(replace(own, quarantine=bound | sharing), sharing, sent - sharing)

    def settled(sharing: frozenset[str]) -> Plan:
        # Unsettled after the passes: only the riders of buses kept as they
        # were stay sent, every other bus carrying one cohort.
        return settle_whole_bus(
            sending, bound, sharing | fixed, settle=lambda _: sending(fixed), fixed=fixed
        )

    plan = settled(sharing)
    # Riders going to work whom no bus could take may ride a bus to the
    # dormitories that has seats, sent to quarantine for sharing it: tried
    # once, and taken only if more travel and nobody travelling loses their
    # seat or bed.
    # (Only when such a bus has a free seat: a district's re-plan is minutes.)
    stranded = frozenset(u.worker_id for u in plan.unassigned if u.stage == "route") - bound
    room = any(
        r.riders < r.capacity_effective and not r.locked and not bound.isdisjoint(r.worker_ids)
        for r in plan.routes
    )
    if not stranded or not room:
        return plan
    joined = settled(sharing | stranded)
    return joined if plan.travelling < joined.travelling else plan


def _riders_now(previous: Plan, riders: set[str], moves: Mapping[str, str]) -> dict[str, set[str]]:
    """Each earlier bus's riders still riding (``riders``), the desk's ``moves`` made."""
    now = {r.bus_id: set(r.worker_ids) & riders - moves.keys() for r in previous.routes}
    for worker, bus in moves.items():
        now[bus].add(worker)
    return now


def with_additions(
    batch: Batch, added: Batch, *, source: str = "", column: str = "worker_id"
) -> Batch:
    """``batch`` with the rows of a late roster; an id already in the batch is an
    `InputError` naming the late roster's rows (``source``) and its id column
    (``column``: as the late roster heads it, 工号)."""
    known = {w.id for w in batch.workers} | {u.worker_id for u in batch.turned_away}
    # A row is both a worker and turned away when a later stage refused it
    # (an address not placed): one row, so counted once.
    rows_of: dict[str, set[int | None]] = {}
    for worker_id, row in (
        *((w.id, w.row) for w in added.workers),
        *((u.worker_id, u.row) for u in added.turned_away),
    ):
        if worker_id:
            rows_of.setdefault(worker_id, set()).add(row)
    # An id typed again in other letter case (w001 for W001) is the same
    # worker: planned again, they would take a second seat.
    spelled = {i.casefold(): i for i in known}
    clash = sorted(i for i, rows in rows_of.items() if i.casefold() in spelled or len(rows) > 1)
    if clash:
        rows = sorted(
            {w.row for w in added.workers if w.id in clash}
            | {u.row for u in added.turned_away if u.worker_id in clash and u.row is not None}
        )
        raise InputError(
            Text(
                by_count("additions_clash", len(clash)),
                count=len(clash),
                ids=first_ids(
                    [
                        i if spelled.get(i.casefold(), i) == i else f"{i} ({spelled[i.casefold()]})"
                        for i in clash
                    ]
                ),
            ),
            path=source or None,
            row=rows[0] if rows else None,
            column=column,
            hint=Text("additions_clash_action"),
        )
    return replace(
        batch,
        workers=tuple(sorted((*batch.workers, *added.workers), key=lambda w: w.id)),
        riders=(*batch.riders, *added.riders),
        self_return=(*batch.self_return, *added.self_return),
        quarantine=batch.quarantine | added.quarantine,
        quarantine_causes={**batch.quarantine_causes, **added.quarantine_causes},
        turned_away=(*batch.turned_away, *added.turned_away),
        issues=(*batch.issues, *added.issues),
        rows_total=batch.rows_total + added.rows_total,
    )


def _without(batch: Batch, dropped: frozenset[str]) -> Batch:
    """The batch less its drop-outs (they are accounted for as such)."""
    return replace(
        batch,
        riders=tuple(w for w in batch.riders if w.id not in dropped),
        self_return=tuple(w for w in batch.self_return if w.id not in dropped),
        quarantine=batch.quarantine - dropped,
    )


def _check_edits(
    previous: Plan,
    batch: Batch,
    edits: Sequence[Edit],
    *,
    out: set[str] | frozenset[str],
    dropped: frozenset[str],
    restorable: set[str],
    locked: set[str],
    kept: set[str] | frozenset[str],
) -> None:
    """Every edit names a bus, point or worker that exists, and no two edits
    contradict each other, nor an edit the drop list (``dropped``); ``out``
    are those who stay out, ``restorable`` those an earlier plan left out,
    ``locked`` the buses locked once these edits apply, ``kept`` the others
    kept stop for stop (announced, or receiving a move).  `InputError` names
    the edit's row."""
    unlocking = {e.bus_id: e.row for e in edits if e.action == "unlock"}
    known = _Known(
        buses={r.bus_id for r in previous.routes},
        retired=set(previous.retired_buses),
        bus_of_point={s.point_id: r.bus_id for r in previous.routes for s in r.stops},
        bus_of_rider={w: r.bus_id for r in previous.routes for w in r.worker_ids},
        riders={w.id for w in batch.riders},
        workers={w.id for w in batch.workers},
        self_returning={w.id for w in batch.self_return},
        turned_away={u.worker_id for u in batch.turned_away},
        out=set(out),
        locked=locked,
        kept=set(kept),
    )
    moved: dict[str, int] = {}
    moves = {e.worker_id: e.bus_id for e in edits if e.action == "move"}
    for edit in edits:
        problem: Text | None = _edit_problem(edit, known)
        if edit.action == "move" and edit.worker_id in moved:
            problem = Text("edit_moved_twice", worker=edit.worker_id, row=moved[edit.worker_id])
        elif edit.action == "lock" and edit.bus_id in unlocking:
            problem = Text("edit_lock_unlock", bus=edit.bus_id, row=unlocking[edit.bus_id])
        elif edit.action == "restore" and edit.worker_id in dropped:
            problem = Text("edit_restore_dropped", worker=edit.worker_id)
        elif edit.action == "restore" and edit.worker_id not in restorable:
            problem = Text("edit_restore_nothing", worker=edit.worker_id)
        if edit.action == "move":
            moved[edit.worker_id] = edit.row
        # The id at fault is the bus one, the stop a close's, else the worker.
        field = (
            "point_id"
            if edit.action == "close"
            else "bus_id"
            if problem is not None and problem.key.startswith(("edit_bus", "edit_lock"))
            else "worker_id"
        )
        column = edit.column(field)
        if problem is not None and problem.key == "edit_move_dropped":
            raise InputError(
                problem, row=edit.row, column=column, hint=Text("edit_move_dropped_action")
            )
        if problem is not None:
            hint: Text = _id_meant(edit, problem, known) or _EDIT_HINTS.get(
                problem.key, Text("edit_problem_action")
            )
            raise InputError(problem, row=edit.row, column=column, hint=hint)
        split: Text | None = (
            _splits_group(edit, moves, batch, known) if edit.action == "move" else None
        )
        if split is not None:
            raise InputError(
                split, row=edit.row, column=column, hint=Text("edit_move_splits_group_action")
            )


def _say_unlocks_undone(previous: Plan, edits: Sequence[Edit], held: Collection[str]) -> None:
    """Warn of each ``unlock`` of a bus not ``held`` (locked in ``previous``
    or announced), or no longer running: it changes nothing, and may be a
    mistyped id (the bus meant stays locked)."""
    for edit in edits:
        if edit.action == "unlock" and edit.bus_id in previous.retired_buses:
            _log.warning(Text("log_unlock_retired", bus=edit.bus_id, row=edit.row))
        elif edit.action == "unlock" and edit.bus_id not in held:
            _log.warning(Text("log_unlock_not_locked", bus=edit.bus_id, row=edit.row))


#: Edit problems with a hint of their own; the others are told to check the
#: ids and to change each once (``edit_problem_action``).
_EDIT_HINTS: Mapping[str, Text] = {
    "edit_move_not_rider": Text("edit_move_not_rider_action"),
    "edit_move_self_return": Text("edit_move_self_return_action"),
    "edit_move_turned_away": Text("edit_move_turned_away_action"),
    "edit_point_kept": Text("edit_point_kept_action"),
    "edit_point_locked": Text("edit_point_locked_action"),
    "edit_restore_nothing": Text("edit_restore_nothing_action"),
}


@dataclass(frozen=True, slots=True, kw_only=True)
class _Known:
    """What edits are checked against."""

    buses: set[str]
    retired: set[str]
    bus_of_point: dict[str, str]
    bus_of_rider: dict[str, str]
    riders: set[str]
    workers: set[str]
    self_returning: set[str]
    turned_away: set[str]
    out: set[str]
    locked: set[str]
    kept: set[str]


def _id_meant(edit: Edit, problem: Text, known: _Known) -> Text | None:
    """What to do about an id an edit names that is not in the earlier plan
    (or roster): write the one id there it differs from only in letter case,
    or, a worker's id typed as a number alone, the one worker id ending in
    that number (`numbers_meant`); None when there is no such one id.  (An
    edits file's ids are read half-width and trimmed, so no other difference
    reaches here.)  Said, never matched: the desk corrects the file."""
    worker_ids = {"edit_move_not_rider", "edit_restore_nothing"}
    typed, ids = {
        "edit_bus_unknown": (edit.bus_id, known.buses | known.retired),
        "edit_point_unknown": (edit.point_id, set(known.bus_of_point)),
        "edit_move_not_rider": (edit.worker_id, known.workers),
        "edit_restore_nothing": (edit.worker_id, known.workers),
    }.get(problem.key, ("", set()))
    if not typed or typed in ids:
        return None
    for key, meant in (
        ("edit_id_meant_action", ids_meant([typed], ids)),
        # Only a worker's id is typed as its number (a bus's or stop's is no count).
        (
            "edit_number_meant_action",
            numbers_meant([typed], ids if problem.key in worker_ids else ()),
        ),
    ):
        if meant:
            return Text(key, typed=meant[0][0], meant=meant[0][1])
    return None


def _edit_problem(edit: Edit, known: _Known) -> Text | None:
    """What is wrong with one edit on its own (None when nothing)."""
    if edit.action == "unlock" and edit.bus_id in known.retired:
        return None  # it changes nothing: warned of (`_say_unlocks_undone`)
    if edit.action in ("move", "lock") and edit.bus_id in known.retired:
        return Text("edit_bus_retired", bus=edit.bus_id)
    if edit.action in ("move", "lock", "unlock") and edit.bus_id not in known.buses:
        return Text("edit_bus_unknown", bus=edit.bus_id)
    if edit.action == "close" and edit.point_id not in known.bus_of_point:
        return Text("edit_point_unknown", point=edit.point_id)
    if edit.action == "close" and known.bus_of_point[edit.point_id] in known.locked:
        bus = known.bus_of_point[edit.point_id]
        return Text("edit_point_locked", point=edit.point_id, bus=bus)
    if edit.action == "close" and known.bus_of_point[edit.point_id] in known.kept:
        # Such a bus keeps its stops: the close would be left undone without a word.
        bus = known.bus_of_point[edit.point_id]
        return Text("edit_point_kept", point=edit.point_id, bus=bus)
    if edit.action == "move" and edit.worker_id in known.out:
        return Text("edit_move_dropped", worker=edit.worker_id)
    if edit.action == "move" and edit.worker_id not in known.riders:
        return _not_riding(edit.worker_id, known)
    return None


def _not_riding(worker_id: str, known: _Known) -> Text:
    """Why a worker to be moved rides no bus: each reason has its own way onto
    one (`_EDIT_HINTS`): returning by themselves, turned away, or unknown."""
    if worker_id in known.self_returning:
        return Text("edit_move_self_return", worker=worker_id)
    if worker_id in known.turned_away:
        return Text("edit_move_turned_away", worker=worker_id)
    return Text("edit_move_not_rider", worker=worker_id)


def _splits_group(edit: Edit, moves: Mapping[str, str], batch: Batch, known: _Known) -> Text | None:
    """A move that would take a rider away from the rest of their
    keep-together group (those still riding who would not be on that bus
    once every move is made): a group rides one bus."""
    group = next((w.group for w in batch.workers if w.id == edit.worker_id), "")
    if not group:
        return None
    left = sorted(
        w.id
        for w in batch.workers
        if w.group == group
        and w.id != edit.worker_id
        and w.id in known.riders
        and w.id not in known.out
        and moves.get(w.id, known.bus_of_rider.get(w.id)) != edit.bus_id
    )
    if not left:
        return None
    return Text("edit_move_splits_group", worker=edit.worker_id, group=group, others=listed(left))


def _changed_cohort(previous: Plan, batch: Batch, settings: Settings) -> set[str]:
    """Riders now bound for quarantine on a bus going to work, or the other
    way, when cohorts travel apart: they leave their bus and are placed anew."""
    if settings.rules.quarantine_cohorts == "mixed":
        return set()
    # Only riders still riding count: a drop-out is no longer bound for
    # quarantine, and counted, would make those left the bus's minority.
    riding = {w.id for w in batch.riders}
    moved: set[str] = set()
    for route in previous.routes:
        ids = [w for w in route.worker_ids if w in riding]
        bound = [w in batch.quarantine for w in ids]
        majority = sum(bound) * 2 > len(bound)
        moved |= {w for w, b in zip(ids, bound, strict=True) if b != majority}
    return moved


def _kept(
    route: Route, staying: set[str], closed: set[str], known: Sequence[PickupPoint]
) -> KeptBus:
    """A bus's remaining pickup points, in its order, each keeping its id."""
    division = {p.id: p.division_code for p in known}
    points = []
    for stop in route.stops:
        left = tuple(w for w in stop.worker_ids if w in staying)
        if left and stop.point_id not in closed:
            points.append(
                PickupPoint(
                    id=stop.point_id,
                    location=stop.location,
                    worker_ids=left,
                    division_code=division.get(stop.point_id, ""),
                )
            )
    return KeptBus(
        bus_id=route.bus_id,
        bus_type=route.bus_type,
        points=tuple(points),
        boards={stop.point_id: stop.arrive for stop in route.stops},
        dropoffs=tuple(d.point_id for d in route.dropoffs),
    )


def _move(
    moves: Mapping[str, str],
    people: Mapping[str, Worker],
    pinned: list[Route],
    previous: Plan,
    batch: Batch,
    settings: Settings,
    edits: Sequence[Edit],
    sharing: frozenset[str] = frozenset(),
    closures: Sequence[ClosedStop] = (),
) -> list[Route]:
    """Each moved worker boards their new bus (kept as it was) at its stop
    nearest their home and gets off at their own site, which the bus must
    serve; times do not change.  A stop beyond the pickup radius is allowed
    with a warning; a full bus, a bus of the other cohort, one that does
    not go where the worker goes, or a stop standing where one was closed
    (``closures``, this re-plan's and earlier ones) is an `InputError`
    naming the edit's row.
    A rider ``sharing`` a bus with one bound for quarantine (``whole_bus``)
    whose bed is in a dormitory the new bus does not drop at gets off at one
    it does, like a rider without a bed."""
    edit_of = {e.worker_id: e for e in edits if e.action == "move"}
    beds = {b.worker_id: b.dorm_id for b in previous.beds}
    dorms = {d.id: d.location for d in batch.dormitories}
    for worker_id, bus_id in sorted(moves.items()):
        worker = people[worker_id]
        k = next(k for k, r in enumerate(pinned) if r.bus_id == bus_id)
        bed = beds.get(worker_id)
        if worker_id not in batch.quarantine:
            at = [_workplace(worker, batch)]
        elif bed is not None and (worker_id not in sharing or _drops_at(pinned[k], bed)):
            at = [dorms[bed]] if bed in dorms else []
        else:
            # No bed yet (sent for sharing the bus, under whole_bus, or a late
            # addition), or sent for sharing another bus with a bed where this
            # one does not stop (the bed followed the bus they shared, so it
            # follows this one; the old bed is freed, see `_kept_beds`): any
            # dormitory the bus drops at that takes them; the bed is reserved
            # there before routing, or the move is refused.
            at = _dorms_taking(worker, pinned[k], batch)
        try:
            pinned[k] = _boarded(pinned[k], worker, at, batch, settings)
            _refuse_closed_place(pinned[k], worker_id, closures)
        except InputError as error:
            # The bus the edit names is what cannot take them: its column as the file heads it.
            edit = edit_of[worker_id]
            raise InputError(
                error.message, row=edit.row, column=edit.column("bus_id"), hint=error.hint
            ) from None
    return pinned


def _refuse_closed_place(route: Route, worker_id: str, closures: Sequence[ClosedStop]) -> None:
    """Refuse a move that boards ``worker_id`` at a stop of ``route`` standing
    where a stop was closed (`place_of`): the desk closed that place, and
    nobody boards there again (the bus's own riders there keep their seats,
    and the re-plan warns of them)."""
    board = next(s for s in route.stops if worker_id in s.worker_ids)
    closure = next((c for c in closures if place_of(c.location) == place_of(board.location)), None)
    if closure is None:
        return
    raise InputError(
        Text(
            "move_closed_place",
            worker=worker_id,
            bus=route.bus_id,
            stop=board.point_id,
            closed=closure.point_id,
        ),
        hint=Text("move_closed_place_action"),
    )


def _drops_at(route: Route, dorm_id: str) -> bool:
    """Whether ``route`` drops riders at dormitory ``dorm_id``."""
    return any(d.point_id == dropoffs.dorm_site(dorm_id) for d in route.dropoffs)


def _dorms_taking(worker: Worker, route: Route, batch: Batch) -> list[LatLon]:
    """Where the dormitories ``route`` drops at that may house ``worker`` (of
    their sex, or of either; of their employer, or of anyone's) stand, in
    the order the bus reaches them."""
    employer = next(
        (e.id for e in batch.employers if worker.employer in (e.id, e.name)), worker.employer
    )
    dorms = {
        dropoffs.dorm_site(d.id): d.location
        for d in batch.dormitories
        if d.sex in (None, worker.sex) and d.employer in ("", employer)
    }
    return [dorms[d.point_id] for d in route.dropoffs if d.point_id in dorms]


def _boarded(
    route: Route, worker: Worker, alight_at: Sequence[LatLon], batch: Batch, settings: Settings
) -> Route:
    """``route`` with ``worker`` on board, getting off at the first drop-off
    of ``alight_at`` (where they may get off) that keeps their ride within
    the caps, or `InputError` saying why not."""
    bus = next(b for b in batch.fleet if b.id == route.bus_type)
    if route.riders >= effective_capacity(bus, settings.seating):
        raise InputError(
            Text("move_bus_full", bus=route.bus_id, worker=worker.id),
            hint=Text("move_bus_full_action"),
        )
    bound = worker.id in batch.quarantine
    if settings.rules.quarantine_cohorts != "mixed" and any(
        (w in batch.quarantine) != bound for w in route.worker_ids
    ):
        raise InputError(
            Text(
                "move_other_cohort",
                worker=worker.id,
                cohort=Text("cohort_quarantine" if bound else "cohort_work"),
                bus=route.bus_id,
            ),
            hint=Text("move_other_cohort_action"),
        )
    alight = [j for j, d in enumerate(route.dropoffs) if d.location in alight_at]
    if not alight:
        raise InputError(
            Text(
                "move_not_there",
                bus=route.bus_id,
                worker=worker.id,
                where=Text("alight_bed" if bound else "alight_employer"),
            ),
            hint=Text("move_not_there_action"),
        )
    home = worker.home or batch.destination.location
    stops = _board(route.stops, worker.id, home)
    board = next(s for s in stops if worker.id in s.worker_ids)
    km = _km(board.location, home)
    if km * 1000 > settings.cluster.radius_m:
        _log.warning(
            Text("log_far_move", worker=worker.id, bus=route.bus_id, stop=board.point_id, km=km)
        )
    seat = add_seat(route.seat_map, worker.id, bus, settings.seating)
    # The bus keeps its times, so the moved worker's ride is what it is: it
    # must keep the ride cap and the detour rule as every other ride does.
    directs = (
        GreatCircleTravel(settings.travel)
        .legs([board.location] * len(alight), [route.dropoffs[j].location for j in alight])
        .seconds.tolist()
    )
    rides = []
    for j, direct in zip(alight, directs, strict=True):
        dropoffs = tuple(
            replace(d, worker_ids=(*d.worker_ids, worker.id)) if i == j else d
            for i, d in enumerate(route.dropoffs)
        )
        boarded = replace(route, stops=stops, dropoffs=dropoffs, seat_map=(*route.seat_map, seat))
        ride, cap = boarded.rides()[worker.id], settings.rules.ride_cap_seconds(int(direct))
        if ride <= cap + SECONDS_SLACK:  # as verify allows
            return replace(boarded, direct=(*route.direct, (worker.id, int(direct))))
        rides.append((ride, cap))
    ride, cap = rides[0]
    raise InputError(
        Text(
            "move_ride_too_long",
            worker=worker.id,
            bus=route.bus_id,
            minutes=ride / 60,
            cap=cap / 60,
        ),
        hint=Text("move_ride_too_long_action"),
    )


def _workplace(worker: Worker, batch: Batch) -> LatLon:
    """Where a worker going to work gets off: their employer, else the destination."""
    for employer in batch.employers:
        if worker.employer in (employer.id, employer.name):
            return employer.location
    return batch.destination.location


def _board(stops: tuple[Stop, ...], worker_id: str, home: LatLon) -> tuple[Stop, ...]:
    nearest = min(range(len(stops)), key=lambda k: _km(stops[k].location, home))
    return tuple(
        replace(s, worker_ids=(*s.worker_ids, worker_id)) if k == nearest else s
        for k, s in enumerate(stops)
    )


def _join_stops(
    kept: list[KeptBus],
    newcomers: list[Worker],
    batch: Batch,
    settings: Settings,
    beds: Sequence[BedAssignment],
    closed_at: Collection[tuple[float, float]],
) -> tuple[list[KeptBus], list[Worker]]:
    """Newcomers board at an existing stop within the pickup radius whose bus
    has seats for their whole keep-together group and whose riders get off
    where they do: each then rides as those riders do, within every cap (one
    riding on to another drop-off could break their cap, and the bus, no
    longer within the rules, would shed the whole stop, its riders with it).
    A rider bound for quarantine gets off at the dormitory of their bed of
    the earlier plan (``beds``), which they keep on a kept bus; one with no
    bed yet joins no stop here, as theirs is reserved later and may be
    elsewhere (once it is, `route_and_house` lets them join one where their
    bed is).  None joins a stop standing where one was closed (``closed_at``):
    the closure would be undone.  The others are returned, for new stops."""
    where = dropoffs.Dropoffs(batch)
    people = {w.id: w for w in (*batch.workers, *newcomers)}
    bed_at = {b.worker_id: dropoffs.dorm_site(b.dorm_id) for b in beds}

    def site(worker_id: str) -> str:
        """Where they get off; "" for one bound for quarantine with no bed yet."""
        if worker_id in batch.quarantine:
            return bed_at.get(worker_id, "")
        return where.of(people[worker_id], quarantine=False)

    return join_kept_stops(
        kept,
        newcomers,
        site,
        fleet=batch.fleet,
        seating=settings.seating,
        radius_m=settings.cluster.radius_m,
        barred=closed_at,
    )


def _km(a: LatLon, b: LatLon | None) -> float:
    return float("inf") if b is None else float(great_circle_km(a.lat, a.lon, b.lat, b.lon))


def _kept_beds(
    previous: Plan, buses: Iterable[Route | KeptBus], batch: Batch, days: int
) -> tuple[BedAssignment, ...]:
    """Beds that stay as they were: those of riders of buses carried over
    (their dormitory stands; the dates follow their bus) and of
    self-returners who still return alone, each to the end of its ``days``
    of quarantine (`_unreleased`).  Not the bed of a rider a bus
    kept as it is lets off at another dormitory (one sent for sharing a bus
    and moved onto another): theirs is reserved anew where they get off."""
    keep = {w.id for w in batch.self_return}
    off_at: dict[str, str] = {}
    for bus in buses:
        if isinstance(bus, Route):
            keep |= set(bus.worker_ids)
            off_at |= {w: d.point_id for d in bus.dropoffs for w in d.worker_ids}
        else:
            keep |= _riders_of(bus)
    keep &= batch.quarantine
    arrive = {w: d.arrive for r in previous.routes for d in r.dropoffs for w in d.worker_ids}
    return tuple(
        _unreleased(b, arrive.get(b.worker_id), days)
        for b in previous.beds
        if b.worker_id in keep and off_at.get(b.worker_id) in (None, dropoffs.dorm_site(b.dorm_id))
    )


def _unreleased(bed: BedAssignment, arrive: datetime | None, days: int) -> BedAssignment:
    """``bed`` held to its quarantine's end, as the re-plan dates it (an early
    release is the ledger's to apply again, `Ledger.with_releases`): its end
    read as the release was taken for a change of its nights, and the bed,
    checked again, lost to the batch given the room since."""
    if bed.released_on is None:
        return bed
    if arrive is not None:
        end = last_morning(arrive, days)
    else:  # on no bus: a self-returner
        _, end = self_return_dates(bed.start, days)
    return replace(bed, end=end, released_on=None)


def _beds_standing(previous: Plan, batch: Batch) -> Plan:
    """``previous`` less its beds in rooms the batch's dormitories no longer
    have, or no longer with that bed (rooms number their beds from 1): such a
    bed cannot be kept, and its worker is housed anew, as one with no bed
    yet (a rider of a kept bus, a self-returner).  Said when any is."""
    capacity = {(d.id, r.number): r.capacity for d in batch.dormitories for r in d.rooms}
    stands = [0 < b.bed <= capacity.get((b.dorm_id, b.room), 0) for b in previous.beds]
    if all(stands):
        return previous
    gone = [b for b, kept in zip(previous.beds, stands, strict=True) if not kept]
    _log.warning(
        Text(
            by_count("log_beds_room_gone", len(gone)),
            count=len(gone),
            rooms=listed(sorted({f"{b.dorm_id} {b.room}" for b in gone})),
        )
    )
    kept = (b for b, kept in zip(previous.beds, stands, strict=True) if kept)
    return replace(previous, beds=tuple(kept))


def _riders_of(bus: KeptBus) -> set[str]:
    return {w for p in bus.points for w in p.worker_ids}


def _closed_out(stranded: Sequence[Worker], reason: Text) -> list[Unassigned]:
    return [Unassigned(worker_id=w.id, stage="cluster", reason=reason, row=w.row) for w in stranded]


def _still_closed(
    previous: Plan, out: Collection[str], people: Mapping[str, Worker]
) -> list[Unassigned]:
    """Riders of a stop closed before (``out``), left out for the reason they
    were: tried at no stop this time, they are told nothing new of stops."""
    return [
        replace(u, row=people[u.worker_id].row)
        for u in previous.unassigned
        if u.worker_id in out and u.worker_id in people
    ]


def _awaiting_bed(
    workers: Sequence[Worker], batch: Batch, beds: Sequence[BedAssignment]
) -> tuple[list[Worker], list[Worker]]:
    """``workers`` in two: those whose keep-together group (or who alone) has
    a rider bound for quarantine with no bed of ``beds`` (such a unit joins
    no kept stop, see `_join_stops`), and the others."""
    held = {b.worker_id for b in beds}
    awaiting: list[Worker] = []
    others: list[Worker] = []
    for unit in units(workers):
        waits = any(v.id in batch.quarantine and v.id not in held for v in unit)
        (awaiting if waits else others).extend(unit)
    return awaiting, others


def _cluster_away(
    workers: Sequence[Worker],
    from_closed: Collection[str],
    closed_at: Collection[tuple[float, float]],
    settings: Settings,
    size: int,
) -> tuple[Clustering, list[Worker], list[Worker]]:
    """New stops for ``workers``, none where a closed stop stood
    (``closed_at``): the desk closed that place, and a stop there, of one
    rider, would even be the closed one again.  One living there joins a
    stop within the radius or has none: returned, riders of a closed stop
    (``from_closed``) first, then the others."""
    clustering = cluster_homes(workers, settings.cluster, max_size=size, barred=closed_at)
    out = set(clustering.barred)
    return (
        clustering,
        [w for w in workers if w.id in out and w.id in from_closed],
        [w for w in workers if w.id in out and w.id not in from_closed],
    )


def _dropouts(dropped: frozenset[str], people: Mapping[str, Worker]) -> list[Unassigned]:
    return [
        Unassigned(
            worker_id=w,
            stage="dropped",
            reason=Text("dropped_out"),
            row=people[w].row,
        )
        for w in sorted(dropped)
        if w in people
    ]
