"""Read a table file, CSV or XLSX, into rows of text cells.

CSV text may be UTF-8 (with or without a byte-order mark), GBK or GB18030,
or anything `charset_normalizer` recognises.  Each row keeps its number as
the user sees it (the Excel row, or the CSV line).
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TypeVar

from charset_normalizer import from_bytes

from ..errors import InputError

#: Rows of a table file: (row number as the user sees it, cells as text).
Cells = list[tuple[int, list[str]]]
T = TypeVar("T")


def normalise_header(text: str) -> str:
    """Header text as compared with known names: NFKC, lower case, no spaces,
    no bracketed notes."""
    text = unicodedata.normalize("NFKC", str(text)).lower()
    text = re.sub(r"\(.*?\)|\[.*?\]|【.*?】", "", text)
    return re.sub(r"[\s*:：_\-]", "", text)


def read_cells(path: Path, *, sheet: str = "", encoding: str = "") -> tuple[Cells, str]:
    """Every row of a CSV or XLSX file, and the encoding used ("xlsx" for workbooks)."""
    if not path.is_file():
        raise InputError("file not found", path=path, hint="check the path")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path, sheet), "xlsx"
    if suffix == ".xls":
        raise InputError(
            "old .xls workbooks are not supported",
            path=path,
            hint="open it in Excel or WPS and save as .xlsx or CSV",
        )
    text, used = _decode(path.read_bytes(), encoding, path)
    rows = csv.reader(io.StringIO(text, newline=""))
    table: Cells = []
    try:
        for row in rows:
            table.append((rows.line_num, row))
    except csv.Error as error:
        raise InputError(
            f"not a readable CSV file: {error}", path=path, row=rows.line_num
        ) from None
    return table, used


def _decode(data: bytes, encoding: str, path: Path) -> tuple[str, str]:
    if encoding:
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError) as error:
            raise InputError(
                f"cannot be read as {encoding}: {error}",
                path=path,
                hint="drop --encoding to detect it",
            ) from None
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    for candidate in ("utf-8", "gb18030"):  # GB18030 is a superset of GBK and GB2312
        try:
            return data.decode(candidate), candidate
        except UnicodeDecodeError:
            continue
    best = from_bytes(data).best()
    if best is None:
        raise InputError(
            "cannot tell the text encoding",
            path=path,
            hint="save it as CSV UTF-8, or give --encoding",
        )
    return str(best), best.encoding


def _read_xlsx(path: Path, sheet: str) -> Cells:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, OSError, KeyError, ValueError) as error:
        raise InputError(f"not a readable .xlsx workbook: {error}", path=path) from None
    try:
        if sheet and sheet not in workbook.sheetnames:
            raise InputError(
                f"no sheet named {sheet!r}",
                path=path,
                hint=f"sheets are: {', '.join(workbook.sheetnames)}",
            )
        chosen = workbook[sheet] if sheet else workbook.worksheets[0]
        return [
            (number, [_xlsx_text(v) for v in values])
            for number, values in enumerate(chosen.iter_rows(values_only=True), start=1)
        ]
    finally:
        workbook.close()


def _xlsx_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # phone numbers stored as numbers
    return str(value)


class NamedTable:
    """A table whose first row is its header, matched to fields through ``aliases``
    (compared as roster headers are: case, spaces and notes ignored)."""

    def __init__(
        self, path: Path, aliases: Mapping[str, tuple[str, ...]], required: tuple[str, ...]
    ) -> None:
        cells, _ = read_cells(path)
        if not cells:
            raise InputError(
                "the file is empty", path=path, hint=f"the header row needs: {', '.join(required)}"
            )
        header_row, header = cells[0]
        known = {normalise_header(a): f for f, names in aliases.items() for a in names}
        self.columns: dict[str, int] = {}
        for index, text in enumerate(header):
            field = known.get(normalise_header(text))
            if field is not None and field not in self.columns:
                self.columns[field] = index
        missing = [c for c in required if c not in self.columns]
        if missing:
            raise InputError(
                f"missing column(s) {', '.join(missing)}",
                path=path,
                row=header_row,
                hint=f"the header row needs: {', '.join(required)}",
            )
        self.header = {field: header[i] for field, i in self.columns.items()}
        self.rows = [(row, values) for row, values in cells[1:] if any(v.strip() for v in values)]

    def each(self, make: Callable[[int, dict[str, str]], T]) -> Iterator[T]:
        """``make(row, values)`` for every data row; errors name the file's own column."""
        for row, cells in self.rows:
            values = {
                f: cells[i].strip() if i < len(cells) else "" for f, i in self.columns.items()
            }
            try:
                yield make(row, values)
            except InputError as error:
                if error.column in self.header:
                    raise error.in_column(self.header[error.column]) from None
                raise
