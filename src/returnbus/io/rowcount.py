"""Count a roster's rows without the roster reader, for ``verify --roster``.

A second opinion on how many workers a file holds: a CSV's physical lines
(so a quote that swallowed rows cannot hide them) or a workbook's rows, and
no header matching, so a fault in the roster reader cannot hide itself.
The header is the first of the first ten rows with the most filled cells;
every later row with a filled cell is a worker.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError


def data_rows(path: Path) -> list[int]:
    """The Excel row numbers of a roster's data rows."""
    if not path.is_file():
        raise InputError("roster file not found", path=path, hint="check the path")
    rows = _xlsx_rows(path) if path.suffix.lower() in (".xlsx", ".xlsm") else _csv_rows(path)
    if not rows:
        return []
    head = rows[:10]
    header = max(range(len(head)), key=lambda k: (len(head[k][1]), -k))
    return [number for number, filled in rows[header + 1 :] if filled]


def _csv_rows(path: Path) -> list[tuple[int, list[str]]]:
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        text = data.decode("utf-8", errors="replace")
    # Physical lines: a quote that swallowed rows cannot hide them here.
    return [
        (number, [c for c in line.split(",") if c.strip(' \t"')])
        for number, line in enumerate(text.splitlines(), start=1)
    ]


def _xlsx_rows(path: Path) -> list[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = book.worksheets[0]
        return [
            (number, [str(v) for v in values if v is not None and str(v).strip()])
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)
        ]
    finally:
        book.close()
