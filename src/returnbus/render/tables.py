"""The one table writer: CSV (UTF-8 with a byte-order mark, so Excel shows
Chinese correctly) and XLSX set up to print, from the same `Sheet`.

Every cell is written as text that no spreadsheet runs: in CSV a cell that
starts like a formula (``=``, ``+``, ``-``, ``@``, a tab or a carriage
return) gets a leading apostrophe; in XLSX every cell is stored as a
string, never a formula.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

Row = Sequence[object]

#: What a spreadsheet may read as the start of a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAPPED = Alignment(vertical="center", wrap_text=True)
_SHEET_NAME_BANNED = re.compile(r"[\[\]:*?/\\]")


@dataclass(frozen=True, slots=True, kw_only=True)
class Sheet:
    """A table: lines above the header (a title block), the header, the data
    rows and lines below them (a signature block).  ``name`` names the XLSX
    sheet; ``widths`` are XLSX column widths in characters; ``landscape``
    turns the printed page."""

    name: str
    headers: Sequence[str]
    rows: Sequence[Row]
    title: Sequence[Row] = ()
    footer: Sequence[Row] = ()
    widths: Sequence[int] = ()
    landscape: bool = False


def neutralised(value: object) -> str:
    """A cell's text, with a leading apostrophe if a spreadsheet could run it."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def write_table(path: Path, sheet: Sheet) -> None:
    """Write one sheet as ``.xlsx`` or, for any other suffix, CSV."""
    if path.suffix.lower() == ".xlsx":
        write_xlsx(path, [sheet])
    else:
        write_csv(path, sheet)


def write_csv(path: Path, sheet: Sheet) -> None:
    """Write a sheet as CSV: title lines, header, rows, footer lines."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        for row in (*sheet.title, sheet.headers, *sheet.rows, *sheet.footer):
            writer.writerow([neutralised(value) for value in row])


def write_xlsx(path: Path, sheets: Sequence[Sheet]) -> None:
    """Write a workbook with one worksheet per sheet (a note when there is none),
    each set up to print on A4: borders, the header repeated, fit to the page width.

    Written in openpyxl's write-only mode: rows stream to the file, so a
    district's lists do not sit in memory as cell objects."""
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook = Workbook(write_only=True)
    for sheet in sheets:
        _worksheet(workbook, sheet)
    if not sheets:
        workbook.create_sheet("empty").append(["(nothing to list)"])
    workbook.save(path)


def _worksheet(workbook: Workbook, sheet: Sheet) -> None:
    name = _SHEET_NAME_BANNED.sub("_", sheet.name)[:31] or "sheet"  # Excel's rules
    worksheet = workbook.create_sheet(name)
    for column, width in enumerate(sheet.widths, start=1):
        worksheet.column_dimensions[get_column_letter(column)].width = width
    header = len(sheet.title) + 1
    _print_setup(worksheet, header, landscape=sheet.landscape)
    for number, row in enumerate(sheet.title, start=1):
        worksheet.append(_cells(worksheet, row, Font(bold=True, size=13) if number == 1 else None))
    worksheet.append(_cells(worksheet, sheet.headers, Font(bold=True), boxed=len(sheet.headers)))
    for row in sheet.rows:
        worksheet.append(_cells(worksheet, row, boxed=len(sheet.headers)))
    for row in sheet.footer:
        worksheet.append(_cells(worksheet, row))


def _cells(worksheet: Any, row: Row, font: Font | None = None, *, boxed: int = 0) -> list[Cell]:
    """``row`` as text cells (never formulas); the first ``boxed`` with borders."""
    cells = []
    for column, value in enumerate(row):
        cell = WriteOnlyCell(worksheet, value="" if value is None else str(value))
        cell.data_type = "s"
        if font is not None:
            cell.font = font
        if column < boxed:
            cell.border = _BOX
            cell.alignment = _WRAPPED
        cells.append(cell)
    return cells


def _print_setup(worksheet: Any, header: int, *, landscape: bool) -> None:
    """A4, the header row repeated on every page, fit to one page wide."""
    worksheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    worksheet.page_setup.orientation = "landscape" if landscape else "portrait"
    worksheet.page_setup.fitToWidth = 1
    worksheet.page_setup.fitToHeight = 0
    worksheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    worksheet.print_title_rows = f"{header}:{header}"
    worksheet.print_options.horizontalCentered = True
    worksheet.page_margins.left = worksheet.page_margins.right = 0.4
