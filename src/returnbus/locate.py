"""The geocode stage: give every worker a home point.

A coordinate from the roster wins (it is already WGS-84: the roster reader
converts GCJ-02 and BD-09); the address is still geocoded for the division
it names, which screening and the planning-area check need.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path

from .coords import CoordSystem
from .domain import LatLon, Precision, Unassigned, Worker
from .errors import InputError
from .gazetteer import Gazetteer
from .geocode import Geocoder, geocode_many
from .roster import GEOCODE_FIELDS, parse_location, read_table


def locate_workers(workers: Sequence[Worker], geocoder: Geocoder) -> list[Worker]:
    """Workers with ``home``, ``precision`` and division filled in."""
    results = geocode_many(geocoder, [w.address for w in workers])
    located = []
    for worker, result in zip(workers, results, strict=True):
        home: LatLon | None = result.location
        precision: Precision = result.precision
        if worker.roster_location is not None:
            home, precision = worker.roster_location, "exact"
        located.append(
            replace(
                worker,
                home=home,
                precision=precision,
                division_code=result.division_code,
                division_name=result.division_name,
            )
        )
    return located


def division_prefix(name: str, gazetteer: Gazetteer, *, key: str) -> str:
    """The code prefix of a province, prefecture or county named ``name``.

    ``重庆`` and ``重庆市`` both give ``"50"``; ``遵义市`` gives ``"5203"``.
    """
    wanted = name.strip()
    above_townships = [d for d in gazetteer if d.level != "township"]
    match = next((d for d in above_townships if d.name == wanted), None) or next(
        (
            d
            for d in above_townships
            if d.level == "province" and len(wanted) >= 2 and d.name.startswith(wanted)
        ),
        None,
    )
    if match is not None:
        code = match.code
        while code.endswith("00") and len(code) > 2:
            code = code[:-2]
        return code
    raise InputError(
        f"{name!r} is not a province, prefecture or county in the gazetteer",
        key=key,
        hint="write the full name as in the 2026 divisions, e.g. 贵州省, 遵义市 or 桐梓县",
    )


def outside_area(
    workers: Sequence[Worker], prefixes: Sequence[str]
) -> tuple[list[Worker], list[Unassigned]]:
    """Split off riders whose home division lies outside the planning area.

    An empty area means anywhere.  A home known only by coordinates (no
    division) is kept: the area is checked on the address.
    """
    if not prefixes:
        return list(workers), []
    inside, outside = [], []
    for worker in workers:
        if not worker.division_code or worker.division_code.startswith(tuple(prefixes)):
            inside.append(worker)
            continue
        reason = (
            "home is outside the planning area; "
            "arrange self-return or add its area to rules.planning_area"
        )
        outside.append(
            Unassigned(worker_id=worker.id, stage="geocode", reason=reason, row=worker.row)
        )
    return inside, outside


def geocode_file(
    source: Path,
    target: Path,
    geocoder: Geocoder,
    *,
    sheet: str = "",
    encoding: str = "",
    coord_system: CoordSystem = "wgs84",
) -> Counter[str]:
    """Geocode every row of a roster file into ``target`` (.csv or .xlsx).

    Every row is kept with all its columns, plus ``lat``, ``lon`` (WGS-84),
    ``precision``, ``division_code``, ``division_name`` and ``geocode_note``.
    Coordinates in the roster win over the address.  Returns the count of
    rows per precision.
    """
    table = read_table(source, sheet=sheet, encoding=encoding, required=GEOCODE_FIELDS)
    rows = [table.values(cells) for _, cells in table.rows]
    results = geocode_many(geocoder, [values.get("home_address", "") for values in rows])
    added = ("lat", "lon", "precision", "division_code", "division_name", "geocode_note")
    headers = [h for h in table.headers if h not in added] + list(added)
    keep = [i for i, h in enumerate(table.headers) if h not in added]
    out_rows: list[list[str]] = []
    counts: Counter[str] = Counter()
    for (_, cells), values, result in zip(table.rows, rows, results, strict=True):
        problems: list[str] = []
        given = parse_location(values, coord_system, partial(_note_problem, problems))
        point, precision, note = result.location, result.precision, result.note
        if given is not None:
            point, precision, note = given, "exact", "roster coordinates used"
        if problems:
            note = "; ".join([*problems, note] if note else problems)
        counts[precision] += 1
        out_rows.append(
            [cells[i] if i < len(cells) else "" for i in keep]
            + [
                "" if point is None else f"{point.lat:.6f}",
                "" if point is None else f"{point.lon:.6f}",
                precision,
                result.division_code,
                result.division_name,
                note,
            ]
        )
    _write_table(target, headers, out_rows)
    return counts


def _note_problem(notes: list[str], _field: str, text: str, _action: str, *_: object) -> None:
    notes.append(text)


def _write_table(target: Path, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.suffix.lower() == ".xlsx":
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        assert sheet is not None  # a new workbook always has one sheet
        sheet.append(list(headers))
        for row in rows:
            sheet.append(list(row))
        book.save(target)
        return
    with target.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(headers)
        writer.writerows(rows)
