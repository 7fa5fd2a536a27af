"""Read the places a scenario names: employers' sites and quarantine dormitories.

Both are tables (CSV in any encoding the roster accepts, or XLSX) with a
header row; every bad cell is an `InputError` naming the file, row and column.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from importlib.resources import files
from pathlib import Path
from typing import TypeVar

from ..domain import Dormitory, LatLon, Sex, Site
from ..errors import InputError
from .tables import read_cells

T = TypeVar("T")


def read_employers(path: Path) -> tuple[Site, ...]:
    """Employers: ``employer_id``, ``name``, ``lat``, ``lon``."""
    return tuple(
        Site(id=values["employer_id"], name=values["name"], location=_latlon(path, row, values))
        for row, values in _rows(path, ("employer_id", "name", "lat", "lon"))
    )


def read_dormitories(path: Path) -> tuple[Dormitory, ...]:
    """Dormitories: ``dorm_id``, ``name``, ``lat``, ``lon``, ``rooms`` and ``sex`` (M, F or any)."""
    return tuple(
        Dormitory(
            id=values["dorm_id"],
            name=values["name"],
            location=_latlon(path, row, values),
            rooms=_cell(path, row, values, "rooms", _non_negative_int, "a whole number of rooms"),
            sex=_cell(path, row, values, "sex", _sex, "M, F or any"),
        )
        for row, values in _rows(path, ("dorm_id", "name", "lat", "lon", "rooms"))
    )


def jiangjin_parks() -> tuple[Site, ...]:
    """The Jiangjin industrial parks of the shipped sites file (WGS-84)."""
    path = files("returnbus") / "data" / "jiangjin_sites.csv"
    with path.open(encoding="utf-8") as handle:
        return tuple(
            Site(
                id=row["name"],
                name=row["name_zh"],
                location=LatLon(float(row["lat"]), float(row["lon"])),
            )
            for row in csv.DictReader(handle)
            if row["kind"] == "work_site" and "工业园" in row["name_zh"]
        )


def _rows(path: Path, required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    cells, _ = read_cells(path)
    if not cells:
        raise InputError(
            "the file is empty", path=path, hint=f"the header row needs: {', '.join(required)}"
        )
    header_row, header = cells[0]
    names = [h.strip() for h in header]
    missing = [c for c in required if c not in names]
    if missing:
        raise InputError(
            f"missing column(s) {', '.join(missing)}",
            path=path,
            row=header_row,
            hint=f"the header row needs: {', '.join(required)}",
        )
    for row, values in cells[1:]:
        if any(v.strip() for v in values):
            yield (
                row,
                {
                    n: (values[i].strip() if i < len(values) else "")
                    for i, n in enumerate(names)
                    if n
                },
            )


def _cell(
    path: Path, row: int, values: dict[str, str], column: str, parse: Callable[[str], T], what: str
) -> T:
    try:
        return parse(values.get(column, ""))
    except ValueError:
        raise InputError(
            f"{values.get(column, '')!r} is not {what}", path=path, row=row, column=column
        ) from None


def _latlon(path: Path, row: int, values: dict[str, str]) -> LatLon:
    lat = _cell(path, row, values, "lat", float, "a latitude")
    lon = _cell(path, row, values, "lon", float, "a longitude")
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise InputError(
            f"({lat}, {lon}) is not a latitude/longitude pair", path=path, row=row, column="lat"
        )
    return LatLon(lat, lon)


def _sex(value: str) -> Sex | None:
    if value in ("", "any"):
        return None
    if value in ("M", "F"):
        return value  # type: ignore[return-value]
    raise ValueError(value)


def _non_negative_int(value: str) -> int:
    number = int(value)
    if number < 0:
        raise ValueError(value)
    return number
