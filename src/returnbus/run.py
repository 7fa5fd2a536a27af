"""A batch of a campaign, end to end on disk: the ledger's beds, the plan,
the outputs, the ledger again, as one transaction.

The command line, the notebook and a driver running batches in parallel
all call these, so that a batch is always planned against the beds other
batches hold, written whole, and recorded only when written.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Executor
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from .campaign import HeldBus, Overdraw, fleet_overdrawn, held_windows
from .domain import BedAssignment
from .errors import InputError
from .ids import batch_key
from .io.scenario import Scenario
from .ledger import (
    BatchRecord,
    Campaign,
    Ledger,
    LedgerBusy,
    LedgerUnlockable,
    ledger_held,
    open_ledger,
    undo_unfinished,
)
from .pipeline import plan_batch, prepare
from .plan import Batch, Plan
from .progress import UNWATCHED, Progress
from .quarantine.rooms import clashes_said, room_clashes
from .render.outputs import write_outputs
from .render.staging import about, output_lock, plan_id, roll_forward, same_file
from .routing.engine import Clock
from .settings import Settings
from .text import Text, by_count, first_ids, joined, typed

_log = logging.getLogger(__name__)


def default_ledger(scenario: Scenario) -> Path:
    """The campaign's ledger when none is named: ``ledger.sqlite`` beside the scenario."""
    return scenario.path.parent / "ledger.sqlite"


@dataclass(frozen=True, slots=True, kw_only=True)
class Holdings:
    """What other batches of the campaign hold, from the ledger: beds and buses."""

    beds: tuple[BedAssignment, ...] = ()
    buses: tuple[HeldBus, ...] = ()


def run_batch(
    scenario: Scenario,
    out_dir: Path,
    *,
    batch: str | None = None,
    ledger: Path | None = None,
    settings: Settings | None = None,
    executor: Executor | None = None,
    writers: Executor | None = None,
    clock: Clock | None = time.perf_counter,
    progress: Progress = UNWATCHED,
    force: bool = False,
) -> Plan:
    """Prepare and plan one batch of ``scenario`` against the beds the
    ``ledger`` holds for other batches, write its outputs into ``out_dir``
    and record it in the ledger.

    ``settings`` replace the scenario's (what-ifs, command-line overrides);
    ``executor`` runs the routing search's sectors, ``writers`` (a pool of
    this machine's processes: the files land here) the big workbooks; ``clock`` gives the
    search its safety time limit (None: budgets only); ``progress`` hears of
    each stage as it begins; ``force`` replaces a folder another ledger or
    campaign holds a plan in (see `record_batch`), with a warning, and starts
    a new ``ledger`` where the scenario's own records other batches.
    """
    progress.stage("prepare")
    started = clock() if clock is not None else 0.0
    prepared = prepare(scenario, batch=batch)
    read = [("prepare", round(clock() - started, 2))] if clock is not None else []
    chosen = settings or scenario.settings
    if ledger is not None and not force:
        _refuse_new_ledger(ledger, default_ledger(scenario), prepared.id)

    def make(held: Holdings) -> Plan:
        plan = plan_batch(
            prepared,
            chosen,
            beds=held.beds,
            vehicles=held.buses,
            clock=clock,
            executor=executor,
            progress=progress,
        )
        return replace(plan, stage_seconds=(*read, *plan.stage_seconds))

    return record_batch(
        make,
        batch_id=prepared.id,
        campaign=campaign_of(prepared),
        out_dir=out_dir,
        ledger=ledger or default_ledger(scenario),
        progress=progress,
        writers=writers,
        force=force,
    )


def _refuse_new_ledger(named: Path, beside: Path, batch_id: str) -> None:
    """Refuse a ledger ``named`` (--ledger) that is not there yet (mistyped, or
    relative to another folder) while the scenario's own ledger ``beside`` it
    records other batches: a new ledger would know none of their beds and
    buses, and would give them again."""
    if named.exists() or not beside.is_file() or named.resolve() == beside.resolve():
        return
    try:
        with open_ledger(beside, read_only=True) as book:
            key = batch_key(batch_id)
            others = [b.batch_id for b in book.batches() if batch_key(b.batch_id) != key]
    except InputError:  # not a ledger this run can read: it tells nothing of other batches
        return
    if not others:
        return
    raise InputError(
        Text(
            by_count("plan_ledger_new", len(others)),
            named=str(named),
            beside=str(beside),
            batches=first_ids(others),
        ),
        path=named,
        hint=Text("plan_ledger_new_action", beside=typed(beside)),
    )


def campaign_of(batch: Batch | Scenario) -> Campaign:
    """The campaign a batch (or its scenario) belongs to, as its ledger knows
    it: the scenario's name and depot (the same for every batch of a
    campaign, whose destinations may differ)."""
    depot = batch.depot
    site = [depot.id, round(depot.location.lat, 5), round(depot.location.lon, 5)]
    return Campaign(
        key=_campaign_key(batch.name, site),
        name=batch.name,
        depot=f"{depot.name or depot.id} ({site[1]}, {site[2]})",
    )


def _campaign_key(name: str, site: list[object]) -> str:
    """A campaign's key from its scenario's name and its depot's id, lat and lon."""
    text = json.dumps([name, site], ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _folder_campaign(folder: Path) -> str:
    """The key of the campaign whose plan ``folder`` holds: its index's, else
    (a folder written before the index said it) from its plan.json's
    scenario and depot, as `campaign_of` makes it; "" when it cannot be told."""
    said = about(folder).get("campaign", "")
    if said:
        return said
    try:
        doc = json.loads((folder / "plan.json").read_text(encoding="utf-8"))
        depot = doc["depot"]
        site = [str(depot["id"]), round(float(depot["lat"]), 5), round(float(depot["lon"]), 5)]
        return _campaign_key(str(doc["scenario"]), site)
    except (OSError, ValueError, KeyError, TypeError):
        return ""


def record_batch(
    make: Callable[[Holdings], Plan],
    *,
    batch_id: str,
    campaign: Campaign,
    out_dir: Path,
    ledger: Path,
    check: Callable[[Path], None] | None = None,
    progress: Progress = UNWATCHED,
    writers: Executor | None = None,
    replanning: bool = False,
    force: bool = False,
) -> Plan:
    """The plan ``make`` gives from the beds and buses the ledger holds for
    batches other than ``batch_id``, written into ``out_dir`` and recorded in
    the ledger.  A plan made afresh (not ``replanning``) over a re-plan of
    the batch is warned of: the re-plan's changes go with it.

    The ledger is held for the whole run, so that no other run plans against
    the same beds.  The outputs are written aside, ``check`` is given the
    written folder (it raises to refuse it), the ledger records the plan with
    its id in one transaction, and only then is the folder swapped in.  A run
    killed between the two is finished by the next one that opens the ledger
    (`settle`), so the folder and the ledger never disagree for long.
    The workbooks are written on ``writers`` when given (see `write_outputs`).

    A folder holding a plan another ledger records as its batch's, or a plan
    of another campaign, is refused (`InputError`) unless ``force``: the run
    would replace papers that ledger goes on holding beds and buses for.
    """
    ledger = ledger.absolute()
    out_dir = out_dir.absolute()
    if ledger.is_relative_to(out_dir):
        raise InputError(Text("ledger_in_out"), path=ledger, hint=Text("ledger_in_out_action"))
    with (
        output_lock(out_dir),
        ledger_held(ledger),
        open_ledger(ledger, campaign=campaign) as book,
    ):
        settle(book)
        _refuse_other_ledgers_folder(out_dir, book, campaign, force=force)
        _refuse_other_batchs_folder(out_dir, batch_id, book, replanning=replanning)
        _warn_unrecorded(out_dir, book)
        if not replanning:
            _warn_over_replan(batch_id, book, out_dir)
        plan = make(
            Holdings(
                beds=book.beds_held(except_batch=batch_id),
                buses=book.buses_held(except_batch=batch_id),
            )
        )
        # Beds released early (`ledger release`) stay released when the batch
        # is planned again: its bed list shows them so, as the ledger holds them.
        plan = replace(plan, beds=book.with_releases(plan.beds, batch_id))

        def commit(folder: Path) -> None:
            if check is not None:
                check(folder)
            book.record(
                plan,
                planned_at=datetime.now(UTC),
                plan_id=plan_id(folder),
                out_dir=str(out_dir),
            )

        write_outputs(
            plan,
            out_dir,
            about={"ledger": str(ledger), "batch": batch_id, "campaign": campaign.key}
            | ({"made_by": "replan"} if replanning else {}),
            commit=commit,
            progress=progress,
            writers=writers,
        )
    return plan


def settle(book: Ledger) -> None:
    """Finish what killed runs left: each recorded batch's folder is swapped
    to the plan the ledger records, where that plan was written whole; a
    folder that still disagrees is logged.  Call with the ledger held."""
    for record in book.batches():
        if not record.plan_id or not record.out_dir:
            continue
        folder = Path(record.out_dir)
        holds = plan_id(folder)
        if holds == record.plan_id:
            continue
        try:
            rolled = roll_forward(folder, record.plan_id)
        except InputError:  # the folder will not move: it keeps its plan, said below
            rolled = False
        if rolled:
            _log.warning(Text("log_finished_writing", folder=str(folder)))
        elif holds:
            _log.warning(
                Text(
                    "log_folder_not_recorded_plan",
                    folder=str(folder),
                    batch=record.batch_id,
                    planned_at=record.planned_here,  # the desk's time, not the ledger's UTC
                )
            )


def _refuse_other_batchs_folder(
    out_dir: Path, batch_id: str, book: Ledger, *, replanning: bool
) -> None:
    """Refuse ``out_dir`` when the ledger records another batch's plan there
    (a command copied from the batch before, its --out left as it was): the
    run would replace that batch's papers and lists, while the ledger goes
    on holding its beds and buses, and two batches would claim one folder."""
    for record in book.batches():
        if record.batch_id == batch_id or not record.out_dir:
            continue
        if Path(record.out_dir).resolve() == out_dir.resolve():
            raise InputError(
                Text(
                    "out_of_other_batch",
                    ledger=str(book.path),
                    other=record.batch_id,
                    at=record.planned_here,
                    batch=batch_id,
                ),
                path=out_dir,
                hint=Text(
                    "out_of_other_batch_replan_action"
                    if replanning
                    else "out_of_other_batch_action",
                    batch=batch_id,
                    other=record.batch_id,
                ),
            )


def _refuse_other_ledgers_folder(
    out_dir: Path, book: Ledger, campaign: Campaign, *, force: bool
) -> None:
    """Refuse ``out_dir`` when it holds a plan recorded in another ledger that
    still records it as its batch's (a copied ledger, or --ledger OTHER), or
    a plan of another campaign: the run would replace those papers and lists
    while that ledger goes on holding their beds and buses.  ``force`` goes
    on, warned.  The folder this ledger wrote, a fresh one, or one whose
    ledger is gone or records the batch elsewhere now (of this campaign),
    is planned into as before."""
    written = about(out_dir)
    theirs = written.get("ledger", "")
    if not theirs or Path(theirs).resolve() == book.path.resolve():
        return
    batch = written.get("batch", "")
    try:
        recorded = _recorded_here(Path(theirs), batch, out_dir)
    except InputError as unreadable:
        # Damaged, locked or not a ledger now: whether it still records this
        # folder's plan cannot be told, and once restored it may.
        _refuse_unreadable_ledgers_folder(out_dir, book, theirs, batch, unreadable, force=force)
        return
    other = _folder_campaign(out_dir)
    if recorded is None and (not other or other == campaign.key):
        return
    what = (
        Text(
            "out_of_other_ledger",
            ledger=str(book.path),
            theirs=theirs,
            batch=batch,
            at=recorded.planned_here,
        )
        if recorded is not None
        else Text("out_of_other_campaign", ledger=str(book.path), theirs=theirs, batch=batch)
    )
    hint = (
        Text("out_of_other_ledger_action", theirs=typed(theirs))
        if recorded is not None
        else Text("out_of_other_campaign_action")
    )
    _refuse_unless_forced(out_dir, what, hint, force=force)


def _refuse_unreadable_ledgers_folder(
    out_dir: Path, book: Ledger, theirs: str, batch: str, unreadable: InputError, *, force: bool
) -> None:
    """Refuse ``out_dir``, whose plan was recorded in the ledger ``theirs``
    that cannot be read (``unreadable`` says why), unless ``force`` (then warn)."""
    what = Text(
        "out_of_unreadable_ledger",
        ledger=str(book.path),
        theirs=theirs,
        batch=batch or "?",
        said=unreadable.message,
    )
    hint = Text("out_of_unreadable_ledger_action", theirs=typed(theirs))
    _refuse_unless_forced(out_dir, what, hint, force=force)


def _refuse_unless_forced(out_dir: Path, what: Text, hint: Text, *, force: bool) -> None:
    """Refuse planning into ``out_dir`` for ``what`` (another ledger's), saying
    ``hint``; with ``force``, warn that it is replaced instead."""
    if force:
        _log.warning(Text("log_replacing_other_ledgers", said=what, folder=str(out_dir)))
        return
    raise InputError(joined([what, Text("nothing_planned")]), path=out_dir, hint=hint)


def _recorded_here(ledger: Path, batch: str, folder: Path) -> BatchRecord | None:
    """What ``ledger`` records of ``batch`` when it records its plan in ``folder``;
    None when it does not, or is not there to say (gone).  A ledger there
    that cannot be read is refused (`InputError`, from `open_ledger`)."""
    if not batch or not ledger.is_file():
        return None
    with open_ledger(ledger, read_only=True) as theirs:
        current = theirs.current(batch)
    if current is None or not current.out_dir:
        return None
    return current if Path(current.out_dir).resolve() == folder.resolve() else None


def _warn_over_replan(batch_id: str, book: Ledger, out_dir: Path) -> None:
    """Say so when the batch's plan in the ledger is a re-plan, which this
    fresh plan replaces with its drop-outs, late additions and edits, or a
    plan in another folder than ``out_dir``, which this one supersedes (a
    command copied from the batch before, its --batch left as it was)."""
    current = book.current(batch_id)
    folder = current.out_dir if current is not None else ""
    # An older ledger records no folder: none to look in (not this one, ".").
    if not folder or current is None:
        return
    theirs = about(Path(folder)).get("ledger", "")
    if theirs and Path(theirs).resolve() != book.path.resolve():
        # That folder was recorded in another ledger, of which this is a copy
        # (a scenario folder copied with its ledger): there it stays the batch's.
        _log.warning(
            Text(
                "log_plan_over_copied_ledger",
                ledger=str(book.path),
                batch=batch_id,
                folder=folder,
                planned_at=current.planned_here,
                theirs=theirs,
            )
        )
        return
    if about(Path(folder)).get("made_by") == "replan":
        _log.warning(Text("log_plan_over_replan", batch=batch_id, folder=folder))
    elif Path(folder).resolve() != out_dir.resolve():  # the same folder however spelt
        _log.warning(
            Text(
                "log_plan_over_other_folder",
                batch=batch_id,
                folder=folder,
                planned_at=current.planned_here,
            )
        )


def _warn_unrecorded(out_dir: Path, book: Ledger) -> None:
    """Say so when ``out_dir`` holds a plan that this ledger does not know,
    or no longer records as its batch's (a later one was written elsewhere)."""
    written = about(out_dir)
    batch = written.get("batch", "?")
    current = book.current(written.get("batch", ""))
    if written.get("ledger") != str(book.path) or (
        current is not None and current.plan_id == plan_id(out_dir)
    ):
        return
    if (
        current is not None
        and current.out_dir
        and Path(current.out_dir).resolve() != out_dir.resolve()
    ):
        # Recorded once, superseded since: not a plan the ledger never knew.
        _log.warning(
            Text(
                "log_replacing_superseded",
                folder=str(out_dir),
                batch=batch,
                current=current.out_dir,
                planned_at=current.planned_here,
            )
        )
        return
    _log.warning(Text("log_replacing_unrecorded", folder=str(out_dir), batch=batch))


def settle_quietly(ledger: Path) -> None:
    """`settle` the ledger, first undoing a write a killed run left half done
    in it, unless another run holds it now (it settles it itself) or it
    cannot be held (a read-only folder: no run writes there).  The ledger is
    only read: a command that reads leaves an older ledger as it is."""
    try:
        with ledger_held(ledger, wait_seconds=5):
            undo_unfinished(ledger)
            with open_ledger(ledger, read_only=True) as book:
                settle(book)
    except (LedgerBusy, LedgerUnlockable):
        pass


def _recorded_in(folder: Path) -> tuple[Path, str] | None:
    """The ledger ``folder``'s plan was recorded in and its batch, when that
    ledger is there."""
    written = about(folder)
    path = Path(written.get("ledger", ""))
    if not written.get("ledger") or not path.is_file():
        return None
    return path, written.get("batch", "")


@contextmanager
def _recording(folder: Path, *, or_its_folder: bool) -> Iterator[tuple[Path, str, Ledger] | None]:
    """The ledger ``folder``'s plan was recorded in (its path, the batch, the
    ledger open to read) when it records that very plan as the batch's, or,
    ``or_its_folder``, any plan written into this folder; else None."""
    recorded = _recorded_in(folder)
    if recorded is None:
        yield None
        return
    path, batch = recorded
    with open_ledger(path, read_only=True) as book:
        current = book.current(batch)
        mine = current is not None and (
            current.plan_id == plan_id(folder)
            or (or_its_folder and Path(current.out_dir) == folder.absolute())
        )
        yield (path, batch, book) if mine else None


def ledger_bed_problems(folder: Path, plan: Plan) -> list[Text]:
    """Where the ledger ``folder`` was recorded in holds the beds of its batch
    otherwise than ``plan`` (the folder's): a bed released early since the
    plan was written (`returnbus ledger release`), so that the desk's bed
    list no longer says what the ledger holds.  Nothing when the ledger
    records another plan of the batch (`ledger_problems` says so)."""
    with _recording(folder, or_its_folder=False) as recording:
        if recording is None:
            return []
        path, batch, book = recording
        held = {b.worker_id: b for b in book.beds_of(batch)}
    planned = {b.worker_id: b for b in plan.beds}
    differ = sorted(
        w for w in held.keys() | planned.keys() if _stay(held.get(w)) != _stay(planned.get(w))
    )
    if not differ:
        return []
    first = differ[0]
    return [
        Text(
            "ledger_beds_differ",
            path=str(path),
            folder=str(folder),  # as the desk gave it to verify: the one to re-plan
            batch=batch,
            beds=Text(by_count("bed_count", len(differ)), count=len(differ)),
            workers=first_ids(differ),
            worker=first,
            held=_told(held.get(first)),
            planned=_told(planned.get(first)),
        )
    ]


def ledger_bus_problems(folder: Path, plan: Plan) -> list[Text]:
    """Where the ledger ``folder`` was recorded in holds more buses of a type
    than ``plan``'s fleet has, on a day its batch's buses of that type are out
    (as recorded): every batch's buses, counted by the day as the planner
    counts them (`fleet_overdrawn`)."""
    recorded = _recorded_in(folder)
    if recorded is None:
        return []
    path, batch = recorded
    with open_ledger(path, read_only=True) as book:
        held = book.buses_held()
    windows = held_windows(held, batch)
    return [
        overdraw_said(o, "ledger_fleet_overdrawn", path=str(path))
        for o in fleet_overdrawn(plan.batch.fleet, held, windows)
    ]


def ledger_room_problems(folder: Path, plan: Plan) -> list[Text]:
    """Where the ledger ``folder`` was recorded in holds a room of ``plan``'s
    beds for another batch on a night of theirs, or within the cleaning days
    before or after (the planner's rule, `room_clashes`; early releases as
    the ledger holds them, on either side).  Nothing when the ledger records
    none of this folder's plans of the batch (`ledger_problems` says so)."""
    with _recording(folder, or_its_folder=True) as recording:
        if recording is None:
            return []
        path, batch, book = recording
        mine = book.with_releases(plan.beds, batch)
        others = book.beds_held(except_batch=batch)
    params = plan.settings.quarantine
    return [
        Text("ledger_room_clash", path=str(path), clash=clash)
        for clash in clashes_said(room_clashes(mine, others, params), params)
    ]


def overdraw_said(overdraw: Overdraw, key: str, **values: object) -> Text:
    """Message ``key`` of an `Overdraw`, given its days, its type, the buses
    out (``held``, and counted in words as ``buses``), the fleet's count and
    each batch's buses out then, besides ``values``."""
    ids: dict[str, list[str]] = {}
    for bus in overdraw.buses:
        ids.setdefault(bus.batch, []).append(bus.bus_id)
    first, last = overdraw.first.isoformat(), overdraw.last.isoformat()
    return Text(
        by_count(key, len(overdraw.buses)),
        **values,
        bus_type=overdraw.bus_type,
        days=Text("day_one", day=first)
        if first == last
        else Text("days_from", first=first, last=last),
        held=len(overdraw.buses),
        buses=Text(by_count("bus_count", len(overdraw.buses)), count=len(overdraw.buses)),
        fleet=overdraw.fleet,
        batches=joined(
            [
                Text(
                    "ledger_batch_buses", batch=b, count=len(buses), buses=first_ids(sorted(buses))
                )
                for b, buses in sorted(ids.items())
            ]
        ),
    )


def _stay(bed: BedAssignment | None) -> tuple[object, ...] | None:
    """Where and when a bed is held, as the ledger and the plan both say it."""
    if bed is None:
        return None
    return (bed.dorm_id, bed.room, bed.bed, bed.start, bed.end)


def _told(bed: BedAssignment | None) -> Text:
    if bed is None:
        return Text("bed_none")
    return Text(
        "bed_told",
        dorm=bed.dorm_id,
        room=bed.room,
        bed=bed.bed,
        start=str(bed.start),
        end=str(bed.end),
        batch=bed.batch,
        bus=bed.bus_id or Text("bed_none"),
    )


#: The hints of `open_ledger`'s refusals that tell the desk to give another
#: ledger file: of the ledger a folder's index names, none was given.
_GIVE_ANOTHER = frozenset({"ledger_foreign_action", "no_ledger_action"})


@contextmanager
def recorded_ledger_told(folder: Path, action: Text) -> Iterator[None]:
    """Say a refusal of the ledger ``folder``'s plan was recorded in (its
    index names it: the desk gave no ledger) as that one's, with ``action``
    (what to do) instead of giving another ledger file."""
    recorded = about(folder).get("ledger", "")
    try:
        yield
    except InputError as error:
        if not recorded or error.path is None or not same_file(error.path, Path(recorded)):
            raise
        hint = getattr(error.hint, "key", "")
        raise InputError(
            Text("recorded_ledger_refused", said=error.message, folder=str(folder)),
            path=error.path,
            hint=action if hint in _GIVE_ANOTHER or not hint else error.hint,
        ) from None


def ledger_problems(folder: Path, ledger: Path | None = None) -> tuple[list[Text], list[Text]]:
    """Where ``folder`` and the ledger it was recorded in (or ``ledger``, one
    named instead, when it is there) disagree, as
    problems and notes: no plan of its batch recorded, or another plan
    recorded for this very folder, is a problem; a later plan of the batch
    written elsewhere (this one superseded) is a note, as is a plan recorded
    without saying which (`ledger_plan_unnamed`: an older returnbus).  An interrupted run
    is finished first (`settle`) unless another run holds the ledger now."""
    recorded = _recorded_in(folder)
    batch = about(folder).get("batch")
    if ledger is not None and ledger.is_file() and batch:
        # The ledger a re-plan will write: the plan it records is the one that counts.
        recorded = (ledger.absolute(), batch)
    if recorded is None:
        named = about(folder).get("ledger", "")
        # Moved or deleted since: nothing of it is checked, which the desk is told.
        return [], [Text("ledger_gone", path=named)] if named else []
    path, batch = recorded
    settle_quietly(path)
    with open_ledger(path, read_only=True) as book:
        current = book.current(batch)
    if current is None:
        return [Text("ledger_no_plan", path=str(path), batch=batch)], []
    if current.plan_id == plan_id(folder):
        return [], []
    if not current.plan_id:
        # An older returnbus recorded no plan id nor folder: this may be that plan or not.
        unknown = Text("ledger_plan_unnamed", path=str(path), batch=batch, at=current.planned_here)
        return [], [unknown]
    said = Text(
        "ledger_other_plan",
        path=str(path),
        batch=batch,
        at=current.planned_here,
        folder=str(current.out_dir),
    )
    if Path(current.out_dir) == folder.absolute():
        return [Text("ledger_folder_changed", said=said)], []
    return [], [Text("ledger_superseded", said=said)]
