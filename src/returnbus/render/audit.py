"""Read a written folder's papers back and hold them against its plan, worker by worker.

The index (`staging.index_problems`) tells a file changed since it was
written; this tells a paper that says something else than ``plan.json``,
even where the index was rewritten to match: a manifest listing a worker
who is on another bus, a seat, stop or time that differs, a bed that is not
the plan's.  Each problem names the file, the worker and the bus.
"""

from __future__ import annotations

import csv
import itertools
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..plan import Plan
from ..text import LANGS
from .labels import label
from .manifests import COLUMNS

#: What a paper says of a rider: seat, pickup point id, pickup time (to the minute).
Seating = tuple[str, str, str]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: The registration form's seat column, in either language.
_SEAT_HEADINGS = frozenset(label("seat", lang) for lang in LANGS)


def paper_problems(plan: Plan, folder: Path) -> list[str]:
    """Where the manifests, the registration forms and the bed list in
    ``folder`` disagree with ``plan``."""
    expected = _seating(plan)
    problems: list[str] = []
    for check in (_manifest_files, _manifest_book, _registration_forms, _bed_list):
        try:
            problems += check(plan, folder, expected)
        except (OSError, ValueError, KeyError, IndexError, zipfile.BadZipFile) as error:
            problems.append(f"{check.__name__.strip('_')}: cannot be read ({error})")
    return problems


def _seating(plan: Plan) -> dict[str, dict[str, Seating]]:
    """Bus id -> worker id -> (seat, pickup point, pickup time) as the plan has them."""
    buses: dict[str, dict[str, Seating]] = {}
    for route in plan.routes:
        seats = {s.worker_id: s.label for s in route.seat_map}
        buses[route.bus_id] = {
            w: (seats.get(w, ""), stop.point_id, stop.arrive.strftime("%Y-%m-%d %H:%M"))
            for stop in route.stops
            for w in stop.worker_ids
        }
    return buses


def _compare(
    name: str,
    bus: str,
    listed: Iterable[tuple[str, Seating]],
    expected: dict[str, dict[str, Seating]],
) -> list[str]:
    """One bus's paper against the plan: who is on it, in which seat, at which stop and time."""
    riding = {w: b for b, riders in expected.items() for w in riders}
    own = expected.get(bus, {})
    problems, seen = [], set()
    for worker, said in listed:
        seen.add(worker)
        if worker not in own:
            where = f"on bus {riding[worker]}" if worker in riding else "on no bus"
            problems.append(f"{name}: worker {worker} is listed, but plan.json has them {where}")
            continue
        for what, told, planned in zip(
            ("seat", "stop", "pickup time"), said, own[worker], strict=True
        ):
            if told and told != planned:
                problems.append(
                    f"{name}: worker {worker}'s {what} is {told}, plan.json says {planned}"
                )
    for worker in sorted(own.keys() - seen):
        problems.append(f"{name}: worker {worker} rides bus {bus} in plan.json but is not listed")
    return problems


def _manifest_files(plan: Plan, folder: Path, expected: dict[str, dict[str, Seating]]) -> list[str]:
    problems = []
    present = {p.name: p for p in (folder / "manifests").glob("bus_*.csv")}
    for name in sorted(present.keys() - {f"bus_{b}.csv" for b in expected}):
        problems.append(f"manifests/{name}: a manifest of a bus plan.json does not have")
    for bus in sorted(expected):
        path = present.get(f"bus_{bus}.csv")
        label = f"manifests/bus_{bus}.csv"
        if path is None:
            problems.append(f"{label} is missing")
            continue
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle))
        if not rows or tuple(rows[0][: len(COLUMNS)]) != COLUMNS:
            problems.append(f"{label}: its header is not the manifest's")
            continue
        problems += _compare(label, bus, _manifest_rows(rows[1:], rows[0]), expected)
    return problems


def _manifest_book(plan: Plan, folder: Path, expected: dict[str, dict[str, Seating]]) -> list[str]:
    from openpyxl import load_workbook

    path = folder / "manifests" / "manifests.xlsx"
    if not path.is_file():
        return ["manifests/manifests.xlsx is missing"] if expected else []
    book = load_workbook(path, read_only=True, data_only=True)
    try:
        sheets = {
            sheet.title: [_texts(r) for r in sheet.iter_rows(values_only=True)]
            for sheet in book.worksheets
        }
    finally:
        book.close()
    problems = []
    for bus in sorted(expected.keys() - sheets.keys()):
        problems.append(f"manifests/manifests.xlsx: no sheet for bus {bus}")
    for bus, rows in sorted(sheets.items()):
        label = f"manifests/manifests.xlsx, sheet {bus}"
        head = next((k for k, r in enumerate(rows) if len(r) > 1 and r[1].startswith("工号")), None)
        if bus not in expected or head is None:
            problems.append(f"{label}: not a manifest of a bus of plan.json")
            continue
        body = [r for r in rows[head + 1 :] if len(r) > 1 and r[1]]
        problems += _compare(label, bus, _manifest_rows(body, list(COLUMNS)), expected)
    return problems


def _registration_forms(
    plan: Plan, folder: Path, expected: dict[str, dict[str, Seating]]
) -> list[str]:
    """Each bus's registration form lists exactly the plan's seats (it names
    riders, not worker ids)."""
    problems = []
    for bus, riders in sorted(expected.items()):
        path = folder / "papers" / "buses" / f"{bus}_registration.csv"
        label = f"papers/buses/{bus}_registration.csv"
        if not path.is_file():
            problems.append(f"{label} is missing")
            continue
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle))
        head = next((k for k, r in enumerate(rows) if r and r[0] in _SEAT_HEADINGS), None)
        if head is None:
            problems.append(f"{label}: it has no seat column")
            continue
        # The seats run from the header to the first blank row (the signatures follow).
        body = itertools.takewhile(lambda r: bool(r and r[0].strip()), rows[head + 1 :])
        seats = sorted(_cell(r[0]) for r in body)
        planned = sorted(seat for seat, _, _ in riders.values())
        if seats != planned:
            problems.append(
                f"{label}: lists seats {', '.join(seats) or 'none'}, "
                f"plan.json seats {', '.join(planned) or 'none'}"
            )
    return problems


def _bed_list(plan: Plan, folder: Path, expected: dict[str, dict[str, Seating]]) -> list[str]:
    path = folder / "dormitory_allocation.csv"
    if not path.is_file():
        return ["dormitory_allocation.csv is missing"]
    with path.open(encoding="utf-8-sig", newline="") as handle:
        listed = {
            _cell(row["worker_id"]): (
                _cell(row["dorm_id"]),
                _cell(row["room"]),
                _cell(row["bed"]),
                row["start_date"],
                row["end_date"],
            )
            for row in csv.DictReader(handle)
        }
    planned = {
        b.worker_id: (b.dorm_id, b.room, str(b.bed), b.start.isoformat(), b.end.isoformat())
        for b in plan.beds
    }
    return [
        f"dormitory_allocation.csv: worker {worker}'s bed is "
        f"{' '.join(listed[worker]) if worker in listed else 'not listed'}, plan.json says "
        f"{' '.join(planned[worker]) if worker in planned else 'none'}"
        for worker in sorted(listed.keys() | planned.keys())
        if listed.get(worker) != planned.get(worker)
    ]


def _manifest_rows(rows: Iterable[list[str]], header: list[str]) -> Iterator[tuple[str, Seating]]:
    at = {name: k for k, name in enumerate(header)}
    for row in rows:
        if not any(cell.strip() for cell in row):
            continue
        cells = [_cell(c) for c in row]
        stop = cells[at["pickup_stop"]]
        point = stop[stop.rfind("(") + 1 : stop.rfind(")")] if "(" in stop else stop
        yield cells[at["worker_id"]], (cells[at["seat"]], point, cells[at["pickup_time"]])


def _texts(values: tuple[object, ...]) -> list[str]:
    return ["" if v is None else str(v) for v in values]


def _cell(text: str) -> str:
    """A cell as written before the apostrophe that keeps it from running as a formula."""
    if text.startswith("'") and text[1:].startswith(_FORMULA_START):
        return text[1:]
    return text
