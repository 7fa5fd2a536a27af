"""The campaign ledger: an SQLite file recording every planned batch.

Each batch's buses, riders and beds are kept with their dates, so that the
next batch sees the rooms earlier ones still hold.  Recording a batch
replaces that batch's entries in one transaction: a run that is interrupted
leaves the ledger as it was.  SQLite is embedded (no server) and its file
can be copied, backed up or opened with any SQLite tool.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path

from ..campaign import HeldBus, bus_free_at
from ..domain import BedAssignment
from ..errors import InputError
from ..plan import Plan

SCHEMA_VERSION = "2"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS batches (
    batch_id TEXT PRIMARY KEY, scenario TEXT NOT NULL, departure TEXT NOT NULL,
    planned_at TEXT NOT NULL, workers INTEGER NOT NULL, on_bus INTEGER NOT NULL,
    self_return INTEGER NOT NULL, unassigned INTEGER NOT NULL, buses INTEGER NOT NULL,
    beds INTEGER NOT NULL);
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
"""
_TABLES = ("batches", "buses", "riders", "beds")
_SELECT_BEDS = (
    "SELECT worker_id, dorm_id, room, bed, start_date, end_date, batch_id, bus_id, released_on"
    " FROM beds"
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
        return tuple(_bed(row) for row in rows)

    def buses_held(self, *, except_batch: str = "") -> tuple[HeldBus, ...]:
        """Every bus recorded for other batches, from its departure until it is
        back at the depot and its crew rested."""
        rows = self._db.execute(
            "SELECT bus_type, depart, free_at, batch_id FROM buses WHERE batch_id != ?"
            " ORDER BY depart, bus_id",
            (except_batch,),
        )
        return tuple(
            HeldBus(
                bus_type=row["bus_type"],
                start=datetime.fromisoformat(row["depart"]),
                end=datetime.fromisoformat(row["free_at"]),
                batch=row["batch_id"],
            )
            for row in rows
        )

    def vehicles(self) -> list[VehicleDay]:
        """Buses of each type in use on each day, by every batch."""
        used: dict[tuple[date, str], int] = defaultdict(int)
        for bus in self.buses_held():
            day = bus.start.date()
            while day <= bus.end.date():
                used[day, bus.bus_type] += 1
                day += timedelta(days=1)
        return [VehicleDay(day=d, bus_type=t, buses=n) for (d, t), n in sorted(used.items())]

    def record(self, plan: Plan, *, planned_at: datetime) -> None:
        """Store ``plan`` as its batch's entries, replacing any earlier ones, in one transaction."""
        batch = plan.batch.id
        with self._transaction():
            for table in _TABLES:
                self._db.execute(f"DELETE FROM {table} WHERE batch_id = ?", (batch,))
            self._db.execute(
                "INSERT INTO batches VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
                "INSERT INTO beds VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)",
                [
                    (
                        batch,
                        b.worker_id,
                        b.dorm_id,
                        b.room,
                        b.bed,
                        b.start.isoformat(),
                        b.end.isoformat(),
                        b.bus_id,
                    )
                    for b in plan.beds
                ],
            )
            self._db.executemany(
                "INSERT OR REPLACE INTO dormitories VALUES (?, ?)",
                [(d.id, d.name) for d in plan.batch.dormitories],
            )

    def release(self, worker_id: str, on: date) -> BedAssignment:
        """Free a worker's latest bed from the morning of ``on``."""
        row = self._db.execute(
            f"{_SELECT_BEDS} WHERE worker_id = ? ORDER BY start_date DESC LIMIT 1", (worker_id,)
        ).fetchone()
        if row is None:
            raise InputError(
                f"worker {worker_id} holds no bed in the ledger",
                path=self.path,
                hint="check the worker id with `returnbus ledger show`",
            )
        bed = _bed(row)
        if not bed.start < on <= bed.end:
            raise InputError(
                f"worker {worker_id}'s bed runs from {bed.start} to {bed.end}; "
                f"{on} is not within it",
                path=self.path,
                hint="give a date after the first night and up to the last morning",
            )
        with self._transaction():
            self._db.execute(
                "UPDATE beds SET released_on = ? WHERE batch_id = ? AND worker_id = ?",
                (on.isoformat(), bed.batch, worker_id),
            )
        return replace(bed, end=on)

    def batches(self) -> list[BatchRecord]:
        """Every planned batch, by departure."""
        rows = self._db.execute("SELECT * FROM batches ORDER BY departure, batch_id")
        return [BatchRecord(**dict(row)) for row in rows]

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
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")


@contextmanager
def open_ledger(path: Path, *, create: bool = True) -> Iterator[Ledger]:
    """The ledger in ``path``, created when missing (unless ``create`` is off)."""
    path = Path(path)
    if path.is_dir():
        raise InputError("is a folder, not a ledger file", path=path, hint="give a file name")
    if not create and not path.is_file():
        raise InputError("no ledger here", path=path, hint="plan a batch first, or check the path")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(path, timeout=30, isolation_level=None)
    except (OSError, sqlite3.Error) as error:
        raise InputError(f"cannot open the ledger: {error}", path=path) from None
    with closing(connection):
        connection.row_factory = sqlite3.Row
        try:
            _ensure_schema(connection)
        except sqlite3.DatabaseError as error:
            raise InputError(
                f"not a returnbus ledger ({error})",
                path=path,
                hint="give the ledger file a plan run wrote, or a new file name",
            ) from None
        yield Ledger(connection, path)


def _ensure_schema(connection: sqlite3.Connection) -> None:
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
            connection.execute("UPDATE meta SET value = ? WHERE key = 'schema'", (SCHEMA_VERSION,))
        elif version is None:
            connection.execute("INSERT INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
        elif version[0] != SCHEMA_VERSION:
            raise sqlite3.DatabaseError(
                f"schema {version[0]}, this returnbus reads {SCHEMA_VERSION}"
            )
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


def _bed(row: sqlite3.Row) -> BedAssignment:
    end = date.fromisoformat(row["end_date"])
    if row["released_on"]:
        end = min(end, date.fromisoformat(row["released_on"]))
    return BedAssignment(
        worker_id=row["worker_id"],
        dorm_id=row["dorm_id"],
        room=row["room"],
        bed=int(row["bed"]),
        start=date.fromisoformat(row["start_date"]),
        end=end,
        batch=row["batch_id"],
        bus_id=row["bus_id"],
    )
