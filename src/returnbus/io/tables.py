"""Read a table file, CSV or XLSX, into rows of text cells.

CSV text may be UTF-8 (with or without a byte-order mark), GBK or GB18030,
or anything `charset_normalizer` recognises.  Each row keeps its number as
the user sees it (the Excel row, or the CSV line).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from charset_normalizer import from_bytes

from ..errors import InputError

#: Rows of a table file: (row number as the user sees it, cells as text).
Cells = list[tuple[int, list[str]]]


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
