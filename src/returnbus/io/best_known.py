"""Best known costs of benchmark instances: the ``.sol`` file published
beside an instance (ending in ``Cost 27591``), or a folder's ``bks.csv``
(``instance,customers,bks,source_note``), as /work/shared/benchmarks has."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from ..errors import InputError
from ..routing.instances import HFVRP_COST_SCALE, HFVRP_DISTANCE_SCALE
from ..text import Text
from .tables import file_unreadable, refuse_unreadable_path

#: A solution file's cost line: ``Cost 27591`` (CVRPLIB) or ``Cost: 35170.24`` (HFVRP).
_COST = re.compile(r"\s*cost\b\s*:?\s*(.*?)\s*$", re.IGNORECASE)
#: A cost as the published files write it: ASCII digits, a point for decimals.
_NUMBER = re.compile(r"(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?", re.ASCII)
#: A fleet-mix cost written whole from this on is in the file's unit x
#: 100,000: the family's instances cost a thousand to a few hundred
#: thousand, so a whole cost this large is no cost in the file's own unit.
_SCALED_FROM = 10_000_000
#: The name of a folder's list of best known costs.
BKS_LIST = "bks.csv"


def best_known_beside(instance: Path) -> Path | None:
    """The best-known file published beside ``instance``: its ``.sol``, else
    the folder's ``bks.csv``; None when neither is there."""
    for path in (instance.with_suffix(".sol"), instance.with_name(BKS_LIST)):
        if path.is_file():
            return path
    return None


def read_best_known(path: Path, instance: str, *, family: str) -> float | None:
    """The best known cost of ``instance`` (its name, the file's stem) in
    ``path``: a ``.csv`` list's row (None when it lists no such instance),
    else a solution file's ``Cost`` line.  A fleet-mix (``hfvrp``) cost
    written as a whole number of `_SCALED_FROM` or more is in the file's
    unit x 100,000 (five HFVRP .sol files, such as X172-HVRP's ``Cost:
    9740006701``), and is divided back to the unit ``solve-vrplib`` prints.
    Raises `InputError` naming the file and line when it cannot be read."""
    text = _text(path)
    if path.suffix.lower() == ".csv":
        return read_bks_list(path, text).get(instance)
    lines = text.splitlines()
    for number in range(len(lines), 0, -1):  # the files end with it
        found = _COST.fullmatch(lines[number - 1])
        if found is None:
            continue
        value = _cost(path, number, lines[number - 1], found.group(1))
        whole = "." not in found.group(1) and "e" not in found.group(1).lower()
        if family == "hfvrp" and whole and value >= _SCALED_FROM:
            return value / (HFVRP_DISTANCE_SCALE * HFVRP_COST_SCALE)
        return value
    raise InputError(
        Text("best_no_cost"), path=path, line=max(len(lines), 1), hint=Text("best_known_action")
    )


def read_bks_list(path: Path, text: str | None = None) -> dict[str, float]:
    """A ``bks.csv`` list: each instance's best known cost, by name."""
    rows = csv.reader(io.StringIO(_text(path) if text is None else text))
    header = [cell.strip().lower() for cell in next(rows, [])]
    for column in ("instance", "bks"):
        if column not in header:
            raise InputError(
                Text("bks_no_column", column=column),
                path=path,
                line=1,
                hint=Text("best_known_action"),
            )
    name, bks = header.index("instance"), header.index("bks")
    costs = {}
    for row in rows:
        number = rows.line_num  # the line it ends on, should a quoted note span lines
        if not any(cell.strip() for cell in row):
            continue
        value = row[bks].strip() if len(row) > bks else ""
        costs[row[name].strip() if len(row) > name else ""] = _cost(path, number, value, value)
    return costs


def _cost(path: Path, number: int, line: str, value: str) -> float:
    if _NUMBER.fullmatch(value) is None or float(value) <= 0:
        raise InputError(
            Text("best_cost_not_number", line=" ".join(line.split())[:30]),
            path=path,
            line=number,
            hint=Text("best_known_action"),
        )
    return float(value)


def _text(path: Path) -> str:
    refuse_unreadable_path(path)
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(Text("best_not_text"), path=path, hint=Text("best_known_action")) from None
    except OSError as error:  # no permission: the desk's to settle, not a fault
        raise file_unreadable(path, error) from None
