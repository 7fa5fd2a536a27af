"""The one table writer: CSV (UTF-8 with a byte-order mark, so Excel shows
Chinese correctly) and XLSX, from the same `Sheet`."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

Row = Sequence[object]


@dataclass(frozen=True, slots=True, kw_only=True)
class Sheet:
    """A table: lines above the header (a title block), the header, the data
    rows and lines below them (a signature block).  ``name`` names the XLSX
    sheet; ``widths`` are XLSX column widths in characters."""

    name: str
    headers: Sequence[str]
    rows: Sequence[Row]
    title: Sequence[Row] = ()
    footer: Sequence[Row] = ()
    widths: Sequence[int] = ()


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
        writer.writerows(_text(row) for row in sheet.title)
        writer.writerow(sheet.headers)
        writer.writerows(_text(row) for row in sheet.rows)
        writer.writerows(_text(row) for row in sheet.footer)


def write_xlsx(path: Path, sheets: Sequence[Sheet]) -> None:
    """Write a workbook with one worksheet per sheet (a note when there is none)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    for sheet in sheets:
        _worksheet(workbook, sheet)
    if not sheets:
        workbook.create_sheet("empty").append(["(nothing to list)"])
    workbook.save(path)


def _worksheet(workbook: Workbook, sheet: Sheet) -> None:
    worksheet = workbook.create_sheet(sheet.name[:31])  # Excel's limit on sheet names
    for k, row in enumerate(sheet.title):
        worksheet.append(_text(row))
        if k == 0:
            worksheet.cell(row=1, column=1).font = Font(bold=True, size=13)
    worksheet.append(list(sheet.headers))
    for cell in worksheet[worksheet.max_row]:
        cell.font = Font(bold=True)
    for row in sheet.rows:
        worksheet.append(_text(row))
    for row in sheet.footer:
        worksheet.append(_text(row))
    for column, width in enumerate(sheet.widths, start=1):
        worksheet.column_dimensions[
            worksheet.cell(row=1, column=column).column_letter
        ].width = width


def _text(row: Row) -> list[str]:
    return ["" if value is None else str(value) for value in row]
