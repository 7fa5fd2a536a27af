"""Count a roster's rows without the roster reader, for ``verify --roster``.

A second opinion on how many workers a file holds: a CSV's physical lines
(so a quote that swallowed rows cannot hide them) or a workbook's rows, and
no header matching, so a fault in the roster reader cannot hide itself.
The header is the first of the first ten rows with the most filled cells;
every later row with a filled cell is a worker, but the list's closing
total, signature and note lines (合计, 制表人), told by the cells alone as
the roster reader tells them (`returnbus.io.footers`).

In a roster of several batches, `batch_rows` keeps the rows a plan of one
batch takes: its batch cell (the column the header names 返岗批次, 批次 or
batch, or as ``[roster.columns]`` maps it) read off the same lines and
matched by `returnbus.ids.batch_key`, as the planner matches them.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from pathlib import Path

from ..errors import InputError
from ..ids import batch_key
from ..text import Text
from .footers import footer_rows
from .roster import HEADER_ALIASES, clean_cell, names_its_columns
from .tables import (
    HEADER_ROWS,
    decode_text,
    file_unreadable,
    is_workbook,
    load_values,
    normalise_header,
    refuse_unreadable_path,
    repeats_header,
    separator_of,
    workbook_faults,
)

#: The headers of a batch column (those the roster reader knows).
BATCH_HEADERS = HEADER_ALIASES["batch"]


def data_rows(path: Path) -> list[int]:
    """The Excel row numbers of a roster's data rows."""
    return _located(path)[1]


def batch_rows(
    path: Path,
    batch: str,
    *,
    batches: Iterable[str] = (),
    headers: Iterable[str] = BATCH_HEADERS,
) -> list[int]:
    """The data rows (as `data_rows` counts them) a plan of ``batch`` takes:
    every row of a roster whose rows name no batch; else the rows whose
    batch cell is ``batch`` however written, and the rows no batch takes,
    which every batch's plan lists: a blank batch cell, or a batch not among
    ``batches`` (the scenario's ``[[batch]]`` ids, when it has any).
    ``headers`` name the batch column."""
    header, rows = _located(path)
    cells = _column(path, header, {normalise_header(h) for h in headers})
    keys = {row: batch_key(cells.get(row, "")) for row in rows}
    if not any(keys.values()):
        return rows
    mine = batch_key(batch)
    tables = {batch_key(b) for b in batches}
    return [row for row, key in keys.items() if key in ("", mine) or (tables and key not in tables)]


def _located(path: Path) -> tuple[int, list[int]]:
    """The header's row number (0 without rows) and the data rows' numbers."""
    refuse_unreadable_path(path, missing=Text("roster_not_found"))
    try:
        rows, lines = _read(path)
    except OSError as error:  # no permission: the desk's to settle, not a fault
        raise file_unreadable(path, error) from None
    if not rows:
        return 0, []
    head = rows[:HEADER_ROWS]
    header = max(range(len(head)), key=lambda k: (len(head[k][1]), -k))
    titles = rows[header][1]
    cells = dict(lines)
    headed = cells.get(rows[header][0], [])
    data = [
        number
        for number, filled in rows[header + 1 :]
        # The header pasted again, or in other words, as the roster reader tells it.
        if filled
        and not repeats_header(filled, titles)
        and not names_its_columns(cells.get(number, []), headed)
    ]
    # The list's closing total and signature lines, as the roster reader tells them.
    footers = footer_rows([(number, cells.get(number, [])) for number in data])
    return rows[header][0], data[: len(data) - len(footers)]


def _column(path: Path, header: int, names: set[str]) -> dict[int, str]:
    """Row number -> the cell of the column whose header (in row ``header``)
    is one of ``names``, normalised; {} when none is."""
    lines = _read(path)[1]
    titles = next((cells for number, cells in lines if number == header), [])
    column = next((k for k, title in enumerate(titles) if normalise_header(title) in names), None)
    if column is None:
        return {}
    return {
        number: clean_cell(cells[column]) if column < len(cells) else ""
        for number, cells in lines
        if number > header
    }


def _read(path: Path) -> tuple[list[tuple[int, list[str]]], list[tuple[int, list[str]]]]:
    """Each row's filled cells (a CSV's physical lines parted by its separator)
    and each row's cells (a CSV line read as a record of its own)."""
    if is_workbook(path):
        lines = _xlsx_cells(path)
        return [(number, [v for v in values if _filled(v)]) for number, values in lines], lines
    text = _text(path)
    separator = separator_of(text)  # as the roster reader parts them: a comma or a tab
    return _csv_rows(text, separator), _csv_cells(text, separator)


def _csv_rows(text: str, separator: str) -> list[tuple[int, list[str]]]:
    # Physical lines: a quote that swallowed rows cannot hide them here.
    return [
        (number, [c for c in line.split(separator) if _filled(c)])
        for number, line in enumerate(_lines(text), start=1)
    ]


def _csv_cells(text: str, separator: str) -> list[tuple[int, list[str]]]:
    """Each physical line's cells, each line read as a CSV record of its own."""
    return [(number, _record(line, separator)) for number, line in enumerate(_lines(text), start=1)]


def _filled(cell: str) -> bool:
    """Whether a cell holds something, as the roster reader tells it: spaces
    of any width (a full-width one typed to clear a cell, a no-break space),
    control and zero-width characters, and a CSV line's quotes are nothing."""
    return bool(clean_cell(cell).strip('"').strip())


#: Where a CSV line ends, as the csv module (and Excel) ends one.
_LINE_END = re.compile(r"\r\n|\r|\n")


def _lines(text: str) -> list[str]:
    """``text``'s physical lines: `str.splitlines` also ends one at a Unicode
    line separator, Word's manual line break (\\x0b) or a page break, which a
    cell may hold, and counts a row more there than the roster reader."""
    lines = _LINE_END.split(text)
    return lines[:-1] if lines and not lines[-1] else lines


def _record(line: str, separator: str) -> list[str]:
    try:
        return next(csv.reader([line], delimiter=separator), [])
    except csv.Error:  # a NUL byte, say: the cells as the separators part them
        return line.split(separator)


def _text(path: Path) -> str:
    # Decoded as the roster reader decodes it: a UTF-16 roster it planned is
    # counted right, and a file that is no text is refused, not counted.
    return decode_text(path.read_bytes(), "", path)[0]


def _xlsx_cells(path: Path) -> list[tuple[int, list[str]]]:
    """Each row of the first sheet, every cell as text ("" when empty)."""
    # Opened here, so that it is closed even when openpyxl fails half-way; a
    # file that cannot be opened is not said to be damaged.
    with path.open("rb") as handle:
        try:
            book = load_values(handle)
            try:
                sheet = book.worksheets[0]
                sheet.reset_dimensions()  # a stale declared size would hide rows
                return [
                    (number, ["" if v is None else str(v) for v in values])
                    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)
                ]
            finally:
                book.close()
        except workbook_faults():
            raise InputError(
                Text("workbook_damaged"),
                path=path,
                hint=Text("save_again_action"),
            ) from None
