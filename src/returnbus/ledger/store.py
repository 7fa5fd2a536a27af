"""The campaign ledger: an SQLite file recording every planned batch.

Each batch's buses, riders and beds are kept with their dates, so that the
next batch sees the rooms earlier ones still hold.  Recording a batch
replaces that batch's entries in one transaction: a run that is interrupted
leaves the ledger as it was.  SQLite is embedded (no server) and its file
can be copied, backed up or opened with any SQLite tool.
"""

from __future__ import annotations

import itertools
import logging
import re
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import ExitStack, closing, contextmanager
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path

from filelock import FileLock, Timeout

from ..campaign import FleetDay, HeldBus, bus_free_at, fleet_by_day
from ..domain import BedAssignment, last_morning
from ..errors import InputError, special_file
from ..ids import ids_meant
from ..plan import Plan
from ..quarantine.params import QuarantineParams
from ..quarantine.rooms import clashes_said, room_clashes
from ..text import Text, system_said, typed
from ..version import __version__

_log = logging.getLogger(__name__)

SCHEMA_VERSION = "3"
#: Every schema a returnbus has written: the older ones are brought up to date.
_KNOWN_SCHEMAS = ("1", "2", SCHEMA_VERSION)
#: What a ledger says it is in its ``meta`` table, so that no other SQLite file is written to.
_APP = "returnbus ledger"
#: The ``meta`` key of the returnbus version that last wrote the ledger: a key
#: of its own, not a schema change, so that an older returnbus still reads it.
_WRITTEN_BY = "written_by"
#: What a version reads as (0.1.0, 1.2.0rc1, 2.0.0+local): anything else the
#: file holds is not shown to the desk.
_A_VERSION = re.compile(r"[0-9][0-9A-Za-z.+-]{0,39}")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS batches (
    batch_id TEXT PRIMARY KEY, scenario TEXT NOT NULL, departure TEXT NOT NULL,
    planned_at TEXT NOT NULL, workers INTEGER NOT NULL, on_bus INTEGER NOT NULL,
    self_return INTEGER NOT NULL, unassigned INTEGER NOT NULL, buses INTEGER NOT NULL,
    beds INTEGER NOT NULL, plan_id TEXT NOT NULL DEFAULT '', out_dir TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS buses (
    batch_id TEXT NOT NULL, bus_id TEXT NOT NULL, bus_type TEXT NOT NULL, depart TEXT NOT NULL,
    arrive TEXT NOT NULL, riders INTEGER NOT NULL, free_at TEXT NOT NULL,
    PRIMARY KEY (batch_id, bus_id));
CREATE TABLE IF NOT EXISTS riders (
    batch_id TEXT NOT NULL, worker_id TEXT NOT NULL, bus_id TEXT NOT NULL,
    point_id TEXT NOT NULL, pickup_time TEXT NOT NULL, PRIMARY KEY (batch_id, worker_id));
CREATE TABLE IF NOT EXISTS beds (
    batch_id TEXT NOT NULL, worker_id TEXT NOT NULL, dorm_id TEXT NOT NULL, room TEXT NOT NULL,
    bed INTEGER NOT NULL, start_date TEXT NOT NULL, end_date TEXT NOT NULL, bus_id TEXT NOT NULL,
    released_on TEXT, PRIMARY KEY (batch_id, worker_id));
CREATE TABLE IF NOT EXISTS dormitories (dorm_id TEXT PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS scenario_files (
    batch_id TEXT PRIMARY KEY, plan_id TEXT NOT NULL, path TEXT NOT NULL);
"""
#: The scenario file each batch's plan was made from: a table of its own, not a
#: column of ``batches`` (a schema change), so that an older returnbus still
#: writes the ledger; a row of another plan than the batch's (one an older
#: returnbus recorded since) is not the batch's (`_SELECT_BATCHES`).
_SCENARIO_FILES = "scenario_files"
_TABLES = ("batches", "buses", "riders", "beds", _SCENARIO_FILES)
_SELECT_BATCHES = (
    "SELECT b.*, coalesce(s.path, '') AS scenario_file FROM batches AS b"
    " LEFT JOIN scenario_files AS s ON s.batch_id = b.batch_id AND s.plan_id = b.plan_id"
    " AND b.plan_id != ''"
)
#: SQLite's answers when it may not write the file or make its journal beside it.
_UNWRITABLE = (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN)
#: SQLite's answers, read-only, when a killed run left a write to undo first (`undo_unfinished`).
_UNFINISHED = (sqlite3.SQLITE_READONLY_ROLLBACK, sqlite3.SQLITE_READONLY_RECOVERY)
#: How long a run waits for another program's write on the ledger to end: any
#: returnbus run holds the ledger's own lock (`ledger_held`) the while.
BUSY_SECONDS = 60.0
#: How long a run that writes the ledger (`plan`, `replan`, `ledger release`)
#: waits for another that holds it (`ledger_held`): planning a large batch
#: takes minutes, and the desk is told that it waits.
RUN_WAIT_SECONDS = 3600.0
#: SQLite's answers when another connection holds the file (a viewer with a write open).
_BUSY = (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
_SELECT_BEDS = (
    "SELECT rowid, worker_id, dorm_id, room, bed, start_date, end_date, batch_id, bus_id,"
    " released_on FROM beds"
)


@dataclass(frozen=True, slots=True, kw_only=True)
class BatchRecord:
    """One planned batch as the ledger holds it."""

    batch_id: str
    scenario: str
    departure: str
    planned_at: str
    workers: int
    on_bus: int
    self_return: int
    unassigned: int
    buses: int
    beds: int
    plan_id: str = ""
    out_dir: str = ""
    #: The scenario file the plan was made from ("" when the ledger does not
    #: say: recorded by an older returnbus): two copies of one scenario
    #: folder, planned alike, differ by it.
    scenario_file: str = ""

    @property
    def planned_here(self) -> str:
        """When it was planned, to the minute, in this computer's time zone
        (the desk's): the ledger keeps UTC."""
        return _minute(datetime.fromisoformat(self.planned_at).astimezone())

    @property
    def replan_command(self) -> Text:
        """The command that re-plans the batch from the folder recorded for it
        (an older ledger records none: the command alone)."""
        if not self.out_dir:
            return Text("replan_command_bare")
        return Text("replan_folder_command", folder=typed(self.out_dir))

    @property
    def leaves(self) -> str:
        """When it leaves, to the minute, in the scenario's time zone."""
        return _minute(datetime.fromisoformat(self.departure))


def _minute(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")


@dataclass(frozen=True, slots=True, kw_only=True)
class Campaign:
    """Which campaign a ledger belongs to: a key made from the scenario's name
    and depot (see `run.campaign_of`), and the name to show."""

    key: str
    name: str
    depot: str = ""  #: where its buses start, to tell two campaigns of one name apart


@dataclass(frozen=True, slots=True, kw_only=True)
class VehicleDay:
    """Buses of one type in use on one day, by all batches."""

    day: date
    bus_type: str
    buses: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Occupancy:
    """Beds and rooms in use in one dormitory on one night."""

    dorm_id: str
    name: str
    night: date
    beds: int
    rooms: int


@dataclass(frozen=True, slots=True, kw_only=True)
class OccupancyRun:
    """Consecutive nights of one dormitory with the same beds and rooms in use."""

    dorm_id: str
    name: str
    first: date
    last: date
    beds: int
    rooms: int


def occupancy_runs(occupancy: list[Occupancy]) -> list[OccupancyRun]:
    """Nightly occupancy merged into runs of nights that look the same."""
    runs: list[OccupancyRun] = []
    for o in occupancy:
        last = runs[-1] if runs else None
        if (
            last is not None
            and (last.dorm_id, last.beds, last.rooms) == (o.dorm_id, o.beds, o.rooms)
            and o.night - last.last == timedelta(days=1)
        ):
            runs[-1] = OccupancyRun(
                dorm_id=o.dorm_id,
                name=o.name,
                first=last.first,
                last=o.night,
                beds=o.beds,
                rooms=o.rooms,
            )
        else:
            runs.append(
                OccupancyRun(
                    dorm_id=o.dorm_id,
                    name=o.name,
                    first=o.night,
                    last=o.night,
                    beds=o.beds,
                    rooms=o.rooms,
                )
            )
    return runs


class Ledger:
    """An open ledger file; use `open_ledger`."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._db = connection
        self.path = path

    def beds_held(self, *, except_batch: str = "") -> tuple[BedAssignment, ...]:
        """Every bed recorded for other batches, ending early where it was released."""
        rows = self._db.execute(
            f"{_SELECT_BEDS} WHERE batch_id != ? ORDER BY batch_id, worker_id", (except_batch,)
        )
        return tuple(_bed(row, self.path) for row in rows)

    def buses_held(self, *, except_batch: str = "") -> tuple[HeldBus, ...]:
        """Every bus recorded for a batch other than ``except_batch`` (every
        batch's when it is ""), from its departure until it is back at the
        depot and its crew rested."""
        rows = self._db.execute(
            "SELECT rowid, bus_type, depart, free_at, batch_id, bus_id FROM buses"
            " WHERE batch_id != ?"
            " ORDER BY depart, bus_id",
            (except_batch,),
        )
        return tuple(
            HeldBus(
                bus_type=row["bus_type"],
                start=_moment(row, "depart", "buses", self.path),
                end=_moment(row, "free_at", "buses", self.path),
                batch=row["batch_id"],
                bus_id=row["bus_id"],
            )
            for row in rows
        )

    def vehicles(self) -> list[VehicleDay]:
        """Buses of each type in use on each day, by every batch, by day then
        type (counted as the planner counts them: `fleet_by_day`)."""
        return vehicle_days(fleet_by_day(self.buses_held()))

    def record(
        self, plan: Plan, *, planned_at: datetime, plan_id: str = "", out_dir: str = ""
    ) -> None:
        """Store ``plan`` as its batch's entries, replacing any earlier ones, in one
        transaction; ``plan_id`` and ``out_dir`` say which written plan it is.

        Every bed is checked again inside the transaction: one that another
        batch holds on an overlapping night, or that the plan gives twice, is
        refused (`InputError`) and nothing is recorded."""
        batch = plan.batch.id
        days = plan.settings.quarantine.days
        # The quarantine's end of each bed, from its rider's arrival (a bus in
        # the small hours gives a night more: `last_morning`).
        ends = {
            w: last_morning(d.arrive, days)
            for r in plan.routes
            for d in r.dropoffs
            for w in d.worker_ids
        }
        with self._transaction():
            # A bed released early (`release`) stays released through a re-plan
            # that keeps the worker housed over that morning.
            released = self._releases(batch)
            # Checked as recorded: a re-plan keeps a released bed (from its
            # plan.json, to the quarantine's end), and another batch may have
            # been given it since the release.
            recorded = [_released_early(b, released.get(b.worker_id)) for b in plan.beds]
            self._refuse_rooms_too_soon(recorded, batch, plan.settings.quarantine)
            self._refuse_double_beds(recorded, batch)
            for table in _TABLES:
                self._db.execute(f"DELETE FROM {table} WHERE batch_id = ?", (batch,))
            self._db.execute(
                "INSERT INTO batches VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    batch,
                    plan.batch.name,
                    plan.batch.departure.isoformat(),
                    planned_at.isoformat(timespec="seconds"),
                    plan.rows_total,
                    sum(r.riders for r in plan.routes),
                    len(plan.self_return),
                    len(plan.unassigned),
                    len(plan.routes),
                    len(plan.beds),
                    plan_id,
                    out_dir,
                ),
            )
            self._db.executemany(
                "INSERT INTO buses VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        batch,
                        r.bus_id,
                        r.bus_type,
                        r.depart.isoformat(),
                        r.end_arrive.isoformat(),
                        r.riders,
                        bus_free_at(
                            r, plan.batch.depot.location, plan.settings.rules, plan.settings.travel
                        ).isoformat(),
                    )
                    for r in plan.routes
                ],
            )
            self._db.executemany(
                "INSERT INTO riders VALUES (?, ?, ?, ?, ?)",
                [
                    (batch, w, r.bus_id, s.point_id, s.arrive.isoformat())
                    for r in plan.routes
                    for s in r.stops
                    for w in s.worker_ids
                ],
            )
            self._db.executemany(
                "INSERT INTO beds VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        batch,
                        b.worker_id,
                        b.dorm_id,
                        b.room,
                        b.bed,
                        b.start.isoformat(),
                        # The quarantine's end, as for a bed not released: a plan
                        # written with the release (`with_releases`) ends it early.
                        (
                            b.end
                            if b.released_on is None
                            else ends.get(b.worker_id, b.start + timedelta(days=days))
                        ).isoformat(),
                        b.bus_id,
                        _still_released(released.get(b.worker_id), b),
                    )
                    for b in plan.beds
                ],
            )
            self._db.executemany(
                "INSERT OR REPLACE INTO dormitories VALUES (?, ?)",
                [(d.id, d.name) for d in plan.batch.dormitories],
            )
            if plan_id and plan.batch.source:
                self._db.execute(
                    f"INSERT INTO {_SCENARIO_FILES} VALUES (?, ?, ?)",
                    (batch, plan_id, plan.batch.source),
                )

    def with_releases(
        self, beds: Sequence[BedAssignment], batch_id: str
    ) -> tuple[BedAssignment, ...]:
        """``beds`` of batch ``batch_id`` as the ledger holds them once recorded:
        each ending on the early release (`release`) of its worker's bed that
        still stands (the bed spans that morning), so that a plan written
        over a release shows what the ledger holds."""
        released = self._releases(batch_id)
        return tuple(_released_early(b, released.get(b.worker_id)) for b in beds)

    def beds_of(self, batch_id: str) -> tuple[BedAssignment, ...]:
        """The beds recorded for batch ``batch_id``, ending early where released."""
        rows = self._db.execute(
            f"{_SELECT_BEDS} WHERE batch_id = ? ORDER BY worker_id", (batch_id,)
        )
        return tuple(_bed(row, self.path) for row in rows)

    def _releases(self, batch_id: str) -> dict[str, str]:
        """Each worker of the batch whose bed was released early, with that morning."""
        return dict(
            self._db.execute(
                "SELECT worker_id, released_on FROM beds"
                " WHERE batch_id = ? AND released_on IS NOT NULL",
                (batch_id,),
            ).fetchall()
        )

    def current(self, batch_id: str) -> BatchRecord | None:
        """The batch as last recorded, or None when the ledger has no plan of it."""
        row = self._db.execute(f"{_SELECT_BATCHES} WHERE b.batch_id = ?", (batch_id,)).fetchone()
        return None if row is None else BatchRecord(**dict(row))

    def _refuse_rooms_too_soon(
        self, beds: Sequence[BedAssignment], batch: str, params: QuarantineParams
    ) -> None:
        """Refuse ``beds`` of ``batch`` in a room another batch holds on their
        nights or within the cleaning days around them (`room_clashes`, the
        planner's rule), unless the ledger already held the worker there on
        those nights: then the clash is older than this plan (`returnbus
        verify` names it), and a re-plan is not barred for it.  A new one is
        the plan's own doing, as the planner never gives one."""
        before = {b.worker_id: b for b in self.beds_of(batch)}
        new = [b for b in beds if not _held_already(b, before.get(b.worker_id))]
        clashes = room_clashes(new, self.beds_held(except_batch=batch), params)
        if clashes:
            raise InputError(
                Text("room_clash_refused", clash=clashes_said(clashes, params)[0]),
                path=self.path,
                hint=Text("room_clash_refused_action"),
            )

    def _refuse_double_beds(self, beds: Sequence[BedAssignment], batch: str) -> None:
        taken: dict[tuple[str, str, int], list[BedAssignment]] = defaultdict(list)
        for bed in (*self.beds_held(except_batch=batch), *beds):
            taken[bed.dorm_id, bed.room, bed.bed].append(bed)
        for (dorm, room, number), holders in taken.items():
            holders.sort(key=lambda b: b.start)
            for first, then in itertools.pairwise(holders):
                if then.start < first.end and batch in (first.batch, then.batch):
                    raise InputError(
                        Text(
                            "bed_held_twice",
                            bed=number,
                            room=room,
                            dorm=dorm,
                            first=first.worker_id,
                            first_batch=first.batch,
                            then=then.worker_id,
                            then_batch=then.batch,
                            night=then.start,
                        ),
                        path=self.path,
                        # Within one batch only the plan itself can have done it.
                        hint=Text("bed_given_twice_action")
                        if first.batch == then.batch
                        else Text("bed_held_twice_action"),
                    )

    def release(self, worker_id: str, on: date) -> BedAssignment:
        """Free a worker's latest bed from the morning of ``on``."""
        row = self._db.execute(
            f"{_SELECT_BEDS} WHERE worker_id = ? ORDER BY start_date DESC LIMIT 1", (worker_id,)
        ).fetchone()
        if row is None:
            # W00023 typed w00023 (or with full-width digits): named, never
            # released in its place, since the desk may mean another worker.
            holders = (r[0] for r in self._db.execute("SELECT DISTINCT worker_id FROM beds"))
            meant = ids_meant([worker_id], holders)
            raise InputError(
                Text("no_bed_held", worker=worker_id),
                path=self.path,
                hint=Text("no_bed_held_meant_action", typed=worker_id, meant=meant[0][1])
                if meant
                else Text("no_bed_held_action"),
            )
        bed = _bed(row, self.path)
        planned = _day(row, "end_date", "beds", self.path)
        released = bed.released_on
        if released is not None and released < planned and released <= on:
            # Released early already: said as outside the stay ("from 03-18
            # to 03-25"), the desk was not told the bed had been planned
            # longer and freed, nor that a release is never moved later (the
            # bed may be another batch's since).
            raise InputError(
                Text(
                    "release_again" if on == released else "release_later",
                    worker=worker_id,
                    released=released,
                    planned=planned,
                    on=on,
                ),
                path=self.path,
                hint=Text(
                    "release_again_action" if on == released else "release_later_action",
                    batch=bed.batch,
                    start=bed.start,
                    released=released,
                    command=self._replan_command(bed.batch),
                ),
            )
        if on == bed.end:
            # The stay ends that morning already: a release then frees nothing
            # (it was recorded, and said to free the bed, re-plan and all).
            raise InputError(
                Text("release_at_end", worker=worker_id, end=bed.end),
                path=self.path,
                hint=Text("release_at_end_action", start=bed.start, end=bed.end),
            )
        if not bed.start < on < bed.end:
            raise InputError(
                Text("release_outside", worker=worker_id, start=bed.start, end=bed.end, on=on),
                path=self.path,
                hint=Text("release_outside_action"),
            )
        with self._transaction():
            self._db.execute(
                "UPDATE beds SET released_on = ? WHERE batch_id = ? AND worker_id = ?",
                (on.isoformat(), bed.batch, worker_id),
            )
        return replace(bed, end=on, released_on=on)

    def _replan_command(self, batch_id: str) -> Text:
        """The command that re-plans batch ``batch_id`` from its recorded folder."""
        current = self.current(batch_id)
        return Text("replan_command_bare") if current is None else current.replan_command

    def dormitory_name(self, dorm_id: str) -> str:
        """The name the plans recorded for dormitory ``dorm_id``; its id when none."""
        row = self._db.execute(
            "SELECT name FROM dormitories WHERE dorm_id = ?", (dorm_id,)
        ).fetchone()
        return row[0] if row is not None and row[0] else dorm_id

    def roommates_after(self, bed: BedAssignment) -> tuple[BedAssignment, ...]:
        """The beds of ``bed``'s batch in its room, others' than its worker's,
        that end after it (early releases counted).  While one does, no other
        batch is given the room (one batch at a time, `rooms.keeps_room`),
        so neither is this bed: a bed released early frees nothing until
        its room is empty (then cleaned)."""
        return tuple(
            b
            for b in self.beds_of(bed.batch)
            if (b.dorm_id, b.room) == (bed.dorm_id, bed.room)
            and b.worker_id != bed.worker_id
            and b.end > bed.end
        )

    def batches(self) -> list[BatchRecord]:
        """Every planned batch, by departure."""
        rows = self._db.execute(f"{_SELECT_BATCHES} ORDER BY b.departure, b.batch_id")
        return [BatchRecord(**dict(row)) for row in rows]

    def campaign(self) -> Campaign | None:
        """The campaign the ledger belongs to (`open_ledger` stamps it with the
        first plan's); None for an older ledger that records none."""
        meta = dict(
            self._db.execute(
                "SELECT key, value FROM meta WHERE key IN"
                " ('campaign', 'campaign_name', 'campaign_depot')"
            ).fetchall()
        )
        if "campaign" not in meta:
            return None
        return Campaign(
            key=meta["campaign"],
            name=meta.get("campaign_name", ""),
            depot=meta.get("campaign_depot", ""),
        )

    def occupancy(self) -> list[Occupancy]:
        """Beds and rooms in use per dormitory and night."""
        names = dict(self._db.execute("SELECT dorm_id, name FROM dormitories").fetchall())
        beds: dict[tuple[str, date], int] = defaultdict(int)
        rooms: dict[tuple[str, date], set[str]] = defaultdict(set)
        for bed in self.beds_held():
            night = bed.start
            while night < bed.end:
                beds[bed.dorm_id, night] += 1
                rooms[bed.dorm_id, night].add(bed.room)
                night += timedelta(days=1)
        return [
            Occupancy(
                dorm_id=dorm,
                name=names.get(dorm, dorm),
                night=night,
                beds=count,
                rooms=len(rooms[dorm, night]),
            )
            for (dorm, night), count in sorted(beds.items())
        ]

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
            _stamp(self._db)
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")


class LedgerBusy(InputError):
    """Another run held the ledger for longer than one would wait."""


class LedgerUnlockable(InputError):
    """The ledger's lock file cannot be made (a read-only folder)."""


def refuse_no_ledger_file(path: Path) -> None:
    """Refuse a ``path`` that is there and can hold no ledger: a folder, or a
    device (/dev/null) or a pipe, which SQLite calls in use or unopenable,
    and beside which no lock file is to be made."""
    special = special_file(path)
    if special is not None:
        raise InputError(
            Text("ledger_special", what=special), path=path, hint=Text("ledger_special_action")
        )
    if Path(path).is_dir():
        hint: Text = _ledger_in(Path(path))
        raise InputError(Text("ledger_folder"), path=path, hint=hint)


def _ledger_in(folder: Path) -> Text:
    """What to give instead of ``folder`` as the ledger: the ledger in it (a
    scenario folder's ledger.sqlite), or the one its plan was recorded in
    (a plan folder), when there is one; else a file's name."""
    from ..render.staging import about

    for ledger in (folder / "ledger.sqlite", Path(about(folder).get("ledger", "") or folder)):
        if _holds_a_ledger(ledger):
            return Text("ledger_folder_holds_action", ledger=typed(ledger))
    return Text("ledger_folder_action")


def _holds_a_ledger(path: Path) -> bool:
    """Whether there is a file at ``path`` that may be a ledger (an empty one is none yet)."""
    return path.is_file() and path.stat().st_size > 0


def refuse_missing_ledger(path: Path) -> None:
    """Refuse a ledger that is not there (or empty), for a command that only
    reads or changes one: before its lock is taken, which would make the lock
    file, and its folder, where there is no ledger.  A path that can hold no
    ledger is said to be so first (`refuse_no_ledger_file`)."""
    refuse_no_ledger_file(path)
    if not _holds_a_ledger(Path(path)):
        raise InputError(Text("no_ledger"), path=path, hint=Text("no_ledger_action"))


@contextmanager
def ledger_held(path: Path, *, wait_seconds: float | None = None) -> Iterator[None]:
    """Hold the ledger for one whole run (its beds read, the plan made and
    written, the batch recorded), so that two runs never plan against the
    same free beds.  Another run waits its turn, ``wait_seconds`` at most
    (None: `RUN_WAIT_SECONDS`); the lock file (``<ledger>.lock``) is released
    by the operating system however a run ends."""
    refuse_no_ledger_file(path)
    if wait_seconds is None:  # read now, not when defined: a test may shorten it
        wait_seconds = RUN_WAIT_SECONDS
    lock = FileLock(Path(path).with_name(f"{Path(path).name}.lock"))
    try:
        try:
            lock.acquire(timeout=0)
        except Timeout:
            _log.warning(Text("log_ledger_waiting", path=str(path)))
            lock.acquire(timeout=wait_seconds)
    except Timeout:
        raise LedgerBusy(
            Text("ledger_busy", seconds=wait_seconds),
            path=path,
            hint=Text("ledger_busy_action"),
        ) from None
    except OSError as error:
        raise LedgerUnlockable(
            Text("ledger_unlockable", why=system_said(error)),
            path=path,
            hint=Text("ledger_unlockable_action"),
        ) from None
    try:
        yield
    finally:
        lock.release()


@contextmanager
def open_ledger(
    path: Path, *, create: bool = True, campaign: Campaign | None = None, read_only: bool = False
) -> Iterator[Ledger]:
    """The ledger in ``path``, created when missing (unless ``create`` is off).

    A file that is not a returnbus ledger, is damaged, or belongs to another
    ``campaign`` is refused (`InputError`) before anything is written to it.
    A ledger that records no campaign (an older one) is stamped with
    ``campaign``, and an older schema brought up to date, unless
    ``read_only``: a command that only reads never writes to the file (it
    may be read-only), it compares the campaign and reads an older schema
    from a copy brought up to date in memory.
    """
    path = Path(path)
    refuse_no_ledger_file(path)
    exists = _holds_a_ledger(path)
    if (read_only or not create) and not exists:
        refuse_missing_ledger(path)
    if exists:
        _refuse_other_files(path)
    connection = _connect(path, read_only=read_only)
    with ExitStack() as opened:
        opened.callback(connection.close)
        try:
            if exists:
                _refuse_foreign(connection, path, campaign)
            if not read_only:
                _ensure_schema(connection, campaign)
                _refuse_unwritable(connection)
            elif _schema_version(connection) != SCHEMA_VERSION or not _has_table(
                connection, _SCENARIO_FILES
            ):
                # An older schema is brought up to date in a copy: the file stays as it was.
                connection = opened.enter_context(closing(_copy_in_memory(connection)))
                _ensure_schema(connection, None)
            yield Ledger(connection, path)
        except sqlite3.IntegrityError:
            raise
        except sqlite3.OperationalError as error:
            raise _refused(path, error, read_only=read_only) from None
        except sqlite3.DatabaseError as error:
            raise _damaged(path, error) from None


def _connect(path: Path, *, read_only: bool) -> sqlite3.Connection:
    """A connection to the ledger, its rows as `sqlite3.Row`: read-only in
    SQLite's own mode (no journal is made beside the file), or read-write,
    its folder made."""
    try:
        if read_only:
            connection = sqlite3.connect(
                f"{path.absolute().as_uri()}?mode=ro",
                timeout=BUSY_SECONDS,
                isolation_level=None,
                uri=True,
            )
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(path, timeout=BUSY_SECONDS, isolation_level=None)
    except (OSError, sqlite3.Error) as error:
        raise InputError(
            Text("ledger_unopenable", error=str(error)),
            path=path,
            hint=Text("ledger_unopenable_action"),
        ) from None
    connection.row_factory = sqlite3.Row
    return connection


def _refuse_unwritable(connection: sqlite3.Connection) -> None:
    """Write to the ledger and take it back, so that SQLite says now, not
    when the plan is recorded after minutes of planning, that it may not
    write there: a file in a folder this account may only read opens and
    reads, and a change that alters nothing (the schema there already)
    writes nothing; the first real change makes the journal beside the
    file.  The rollback leaves the file's bytes as they were."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        connection.execute("CREATE TABLE returnbus_write_probe (x)")
    finally:
        if connection.in_transaction:  # SQLite may have ended it on the refusal
            connection.execute("ROLLBACK")


def _copy_in_memory(connection: sqlite3.Connection) -> sqlite3.Connection:
    """The whole database of ``connection`` copied into memory (a ledger is small)."""
    copy = sqlite3.connect(":memory:", isolation_level=None)
    copy.row_factory = sqlite3.Row
    connection.backup(copy)
    return copy


def _refused(path: Path, error: sqlite3.OperationalError, *, read_only: bool) -> InputError:
    """What SQLite's refusal to read or write the ledger means to the desk."""
    if read_only and error.sqlite_errorcode in _UNFINISHED:
        return InputError(
            Text("ledger_unfinished"), path=path, hint=Text("ledger_unfinished_action")
        )
    if not read_only and error.sqlite_errorcode & 0xFF in _UNWRITABLE:
        # SQLite's English ("attempt to write a readonly database") is for the debug log.
        _log.debug("ledger %s: %s", path, error)
        return InputError(
            Text("ledger_read_only"),
            path=path,
            hint=Text("ledger_read_only_action"),
        )
    if error.sqlite_errorcode & 0xFF in (sqlite3.SQLITE_IOERR, sqlite3.SQLITE_FULL):
        # Not another run's doing ("wait for it"): the disk's, or a journal beside the file.
        _log.debug("ledger %s: %s", path, error)
        if error.sqlite_errorcode & 0xFF == sqlite3.SQLITE_FULL:
            return InputError(
                Text("ledger_disk_full"), path=path, hint=Text("ledger_disk_full_action")
            )
        return InputError(
            Text("ledger_io_error"),
            path=path,
            hint=Text("ledger_io_error_action", journal=f"{path.name}-journal"),
        )
    if error.sqlite_errorcode & 0xFF in _BUSY:
        # Not another returnbus run: that one holds the ledger's lock, which this run waited for.
        _log.debug("ledger %s: %s", path, error)
        return InputError(
            Text("ledger_locked", seconds=BUSY_SECONDS),
            path=path,
            hint=Text("ledger_locked_action"),
        )
    return InputError(
        Text("ledger_in_use", error=str(error)),
        path=path,
        hint=Text("ledger_in_use_action"),
    )


def undo_unfinished(path: Path) -> None:
    """Undo the write a killed run left half done in the ledger (SQLite's
    journal beside it), as SQLite does whenever it opens the file to write:
    a read-only opening cannot, and refuses the file.  Call with the ledger
    held (`ledger_held`); nothing is written when no such journal is there."""
    journal = Path(f"{path}-journal")
    if not journal.is_file() or journal.stat().st_size == 0:
        return
    try:
        with closing(sqlite3.connect(path, timeout=BUSY_SECONDS)) as connection:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as error:  # the read-only opening then says what to do
        _log.debug("ledger %s: unfinished write not undone: %s", path, error)


def _damaged(path: Path, why: Text | Exception) -> InputError:
    """``why``: what is wrong with the file, in our words; SQLite's own
    ("database disk image is malformed") go to the debug log, and the desk
    reads that SQLite cannot read it, in its language."""
    if not isinstance(why, Text):
        _log.debug("ledger %s refused by SQLite: %s", path, why)
        why = Text("ledger_sqlite_refused")
    return InputError(
        Text("ledger_foreign", why=why),
        path=path,
        hint=Text("ledger_foreign_action"),
    )


def _refuse_other_files(path: Path) -> None:
    """Refuse a file that is not SQLite at all, before SQLite may write to it."""
    try:
        with path.open("rb") as handle:
            header = handle.read(16)
    except OSError as error:
        raise InputError(
            Text("ledger_unreadable", why=system_said(error)),
            path=path,
            hint=Text("ledger_unreadable_action"),
        ) from None
    if header != b"SQLite format 3\x00":
        raise _damaged(path, Text("ledger_not_sqlite"))


def _refuse_foreign(connection: sqlite3.Connection, path: Path, campaign: Campaign | None) -> None:
    """Refuse, without writing, an SQLite file that is damaged, holds other
    tables, or is the ledger of another campaign."""
    check = connection.execute("PRAGMA quick_check").fetchone()
    if check is None or check[0] != "ok":
        raise _damaged(
            path,
            Text("ledger_integrity", answer=check[0]) if check else Text("ledger_no_answer"),
        )
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    if not tables:
        return  # an empty database: a ledger can be made in it
    meta = (
        dict(connection.execute("SELECT key, value FROM meta").fetchall())
        if "meta" in tables
        else {}
    )
    if "schema" not in meta or not {"batches", "beds"} <= tables:
        raise _damaged(path, Text("ledger_other_tables"))
    if meta.get("app", _APP) != _APP:
        raise _damaged(path, Text("ledger_other_app", app=meta["app"]))
    if _newer(str(meta["schema"])):
        # Before anything of this code's schema touches it: its tables may differ.
        writer = str(meta.get(_WRITTEN_BY, ""))
        raise InputError(
            Text(
                "ledger_newer",
                writer=Text("ledger_writer_named", written_by=writer)
                if _A_VERSION.fullmatch(writer)
                else Text("ledger_writer_unnamed"),
                schema=str(meta["schema"]),
                mine=SCHEMA_VERSION,
                version=__version__,
            ),
            path=path,
            hint=Text("ledger_newer_action"),
        )
    if str(meta["schema"]) not in _KNOWN_SCHEMAS:
        # No returnbus wrote it ("0", "x"): SQLite reads it well, so the desk is
        # not told it cannot, nor that it is damaged.
        raise InputError(
            Text(
                "ledger_schema_unknown",
                schema=str(meta["schema"]),
                mine=SCHEMA_VERSION,
                version=__version__,
            ),
            path=path,
            hint=Text("ledger_schema_unknown_action"),
        )
    if campaign is not None and meta.get("campaign", campaign.key) != campaign.key:
        if meta.get("campaign_name") == campaign.name:  # the same name: the depot moved
            raise InputError(
                Text(
                    "ledger_other_depot",
                    scenario=campaign.name,
                    depot=meta.get("campaign_depot", "?"),
                    mine=campaign.depot,
                ),
                path=path,
                hint=Text("ledger_other_depot_action"),
            )
        raise InputError(
            Text(
                "ledger_other_scenario",
                scenario=meta.get("campaign_name", "?"),
                mine=campaign.name,
            ),
            path=path,
            hint=Text("ledger_other_scenario_action"),
        )


def _newer(schema: str) -> bool:
    """Whether a ledger's ``schema`` is one a newer returnbus writes."""
    return schema.isdigit() and int(schema) > int(SCHEMA_VERSION)


def _has_table(connection: sqlite3.Connection, name: str) -> bool:
    query = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"
    return connection.execute(query, (name,)).fetchone() is not None


def _schema_version(connection: sqlite3.Connection) -> str | None:
    """The schema the ledger says it has; None for an empty database."""
    if not _has_table(connection, "meta"):
        return None
    row = connection.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    return None if row is None else str(row[0])


def _stamp(connection: sqlite3.Connection) -> None:
    """Record this returnbus as the last to write the ledger (in its open transaction)."""
    connection.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (_WRITTEN_BY, __version__))


def _ensure_schema(connection: sqlite3.Connection, campaign: Campaign | None) -> None:
    connection.execute("BEGIN IMMEDIATE")
    try:
        for statement in _SCHEMA.split(";"):
            if statement.strip():
                connection.execute(statement)
        version = connection.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        if version is not None and version[0] == "1":
            # Schema 1 kept no return of the bus: it is free again when it arrives.
            connection.execute("ALTER TABLE buses ADD COLUMN free_at TEXT NOT NULL DEFAULT ''")
            connection.execute("UPDATE buses SET free_at = arrive")
            version = ("2",)
        if version is not None and version[0] == "2":
            # Schema 2 did not say which written plan each batch is.
            for column in ("plan_id", "out_dir"):
                connection.execute(
                    f"ALTER TABLE batches ADD COLUMN {column} TEXT NOT NULL DEFAULT ''"
                )
            connection.execute("UPDATE meta SET value = ? WHERE key = 'schema'", (SCHEMA_VERSION,))
            _stamp(connection)
        elif version is None:
            connection.execute("INSERT INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
            _stamp(connection)
        elif version[0] != SCHEMA_VERSION:
            raise sqlite3.DatabaseError(
                f"schema {version[0]}, this returnbus reads {SCHEMA_VERSION}"
            )
        connection.execute("INSERT OR IGNORE INTO meta VALUES ('app', ?)", (_APP,))
        if campaign is not None:
            connection.execute("INSERT OR IGNORE INTO meta VALUES ('campaign', ?)", (campaign.key,))
            connection.execute(
                "INSERT OR IGNORE INTO meta VALUES ('campaign_name', ?)", (campaign.name,)
            )
            connection.execute(
                "INSERT OR IGNORE INTO meta VALUES ('campaign_depot', ?)", (campaign.depot,)
            )
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


def _still_released(on: str | None, bed: BedAssignment) -> str | None:
    """An earlier release of this worker's bed, when the new bed spans that morning."""
    if on is None:
        return None
    try:
        morning = date.fromisoformat(on)
    except ValueError:
        return None
    return on if bed.start < morning <= bed.end else None


def vehicle_days(days: Iterable[FleetDay]) -> list[VehicleDay]:
    """The buses out of `fleet_by_day`'s ``days``, by day then type."""
    return [
        VehicleDay(day=d.day, bus_type=d.bus_type, buses=len(d.buses))
        for d in sorted(days, key=lambda d: (d.day, d.bus_type))
    ]


def _held_already(bed: BedAssignment, was: BedAssignment | None) -> bool:
    """Whether ``was`` (the ledger's bed of the same worker) held ``bed``'s
    room on every night of ``bed``."""
    return (
        was is not None
        and (was.dorm_id, was.room) == (bed.dorm_id, bed.room)
        and was.start <= bed.start
        and bed.end <= was.end
    )


def _released_early(bed: BedAssignment, on: str | None) -> BedAssignment:
    """``bed`` as the ledger holds it once recorded: ending on an earlier
    release that still stands (see `_still_released`)."""
    kept = _still_released(on, bed)
    if kept is None:
        return bed
    morning = date.fromisoformat(kept)
    return replace(bed, end=morning, released_on=morning)


def _moment(row: sqlite3.Row, column: str, table: str, path: Path) -> datetime:
    try:
        return datetime.fromisoformat(row[column])
    except (TypeError, ValueError):
        raise _bad_cell(row, column, table, path) from None


def _day(row: sqlite3.Row, column: str, table: str, path: Path) -> date:
    try:
        return date.fromisoformat(row[column])
    except (TypeError, ValueError):
        raise _bad_cell(row, column, table, path) from None


def _bad_cell(row: sqlite3.Row, column: str, table: str, path: Path) -> InputError:
    return InputError(
        Text("ledger_bad_date", table=table, row=row["rowid"], value=row[column]),
        path=path,
        column=column,
        hint=Text("ledger_bad_date_action"),
    )


def _bed(row: sqlite3.Row, path: Path) -> BedAssignment:
    end = _day(row, "end_date", "beds", path)
    released = _day(row, "released_on", "beds", path) if row["released_on"] else None
    if released is not None and released > end:
        released = None  # after the quarantine's end: it frees nothing
    return BedAssignment(
        worker_id=row["worker_id"],
        dorm_id=row["dorm_id"],
        room=row["room"],
        bed=int(row["bed"]),
        start=_day(row, "start_date", "beds", path),
        end=end if released is None else released,
        batch=row["batch_id"],
        bus_id=row["bus_id"],
        released_on=released,
    )
