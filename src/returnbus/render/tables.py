"""The one table writer: CSV (UTF-8 with a byte-order mark, so Excel shows
Chinese correctly) and XLSX set up to print, from the same `Sheet`.

Every cell is written as text that no spreadsheet runs: in CSV a cell that
starts like a formula (``=``, ``+``, ``-``, ``@``, a tab or a carriage
return) gets a leading apostrophe; in XLSX a cell is stored as a string,
never a formula, but for the data cells of the columns a sheet says hold
numbers (`Sheet.numbers`: counts, row numbers, money), stored as numbers
the desk can sum.  Which columns those are is the sheet's to say, from what
they mean: an id that only looks numeric (a worker id, a phone, a room
number "001") stays text, its leading zeros and long digits whole.
"""

from __future__ import annotations

import csv
import math
import re
import shutil
import unicodedata
from collections.abc import Callable, Collection, Mapping, Sequence
from concurrent.futures import Executor, Future, wait
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from numbers import Integral, Real
from pathlib import Path
from tempfile import SpooledTemporaryFile
from typing import IO, Any
from zipfile import ZIP_DEFLATED, ZipFile

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

Row = Sequence[object]

#: What a spreadsheet may read as the start of a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_RULE = Border(bottom=_THIN)
_WRAPPED = Alignment(vertical="center", wrap_text=True)
_WRAPPED_LINE = Alignment(vertical="top", wrap_text=True)
_TITLE_FONT = Font(bold=True, size=13)
_HEADER_FONT = Font(bold=True)
_SHEET_NAME_BANNED = re.compile(r"[\[\]:*?/\\]")
#: What XML 1.0 cannot hold (control characters, lone surrogates, U+FFFE and
#: U+FFFF): openpyxl's lxml writer refuses them, and they are invisible anyway.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
#: A column's width where a sheet gives none (Excel's default, in characters).
_DEFAULT_WIDTH = 8.43
#: Columns of a workbook a character written by hand takes (a `Blank`'s):
#: about a printed Chinese character's two, handwriting being larger than print.
_HAND_COLUMNS = 2
#: The widest a title or footer text widens its column to (a departure time,
#: "Drivers needed"): a longer one (a bus's drop-offs on a manifest) wraps in
#: its cell rather than widen a column of the table for it.
_WIDEST_FITTED = 24
#: The height of a line of text in points, at the plain font's 11 points.
_LINE_PT = 15.0
#: Points in a millimetre, for a row's height given in mm (`Sheet.row_mm`).
_PT_PER_MM = 72 / 25.4
#: A `Sheet.one_page` sheet's top and bottom margins and, inside them, its
#: page heading's and number's, in inches: Excel's 1 and 0.5 left 159 mm of
#: a landscape page's 210 to a form the PDF prints in 190; these leave 184.
_ONE_PAGE_MARGIN = 0.5
_ONE_PAGE_MARKS = 0.2
#: The smallest a `Sheet.one_page` sheet is printed at to fit its page: at
#: 60 % its 11-point text prints at 6.6 points, the PDF's being 8.  One that
#: would need smaller goes on to further pages at full size.
_SMALLEST_FIT = 0.6
#: The page: A4's width and height in inches, and the left and right margins.
_A4_INCHES = (210 / 25.4, 297 / 25.4)
_SIDE_MARGIN = 0.4
#: What a column's width comes to on paper at 100 %: a width is in characters
#: of the default font's (Calibri 11) widest digit, 7 pixels, which Excel
#: prints at 96 an inch; a column given none is Excel's default, 64 pixels.
_DIGIT_PX = 7
_INCH_PX = 96
_DEFAULT_PX = 64
#: The narrowest `_on_page` makes a column so that a sheet fits its page: a
#: name, a date.  A sheet that would need narrower turns landscape, or if it
#: is, keeps its widths (and prints shrunk to the page's width).
_NARROWEST = 12
#: Bytes of a worksheet's XML kept in memory before it spills to a file.
_SPOOLED_BYTES = 16 * 1024 * 1024
#: Number formats of `Sheet.numbers` and `Number`: a whole number that
#: names (a row's, a bed's number: "1234", as Excel numbers its rows); a
#: count (workers, buses); money in yuan with two decimals; a measure
#: rounded to a tenth (km, minutes); and a number as it is.  Counts, money
#: and measures are grouped by thousands for the desk, as every message
#: says km and counts ("1,234 km"): the console said 98983.1 km and 1120
#: workers where a reason said 1,464 km.  A CSV cell is never grouped (`shown`).
INTEGER = "0"
COUNT = "#,##0"
MONEY = "#,##0.00"
TENTHS = "#,##0.0"
GENERAL = "General"
#: Each number format as Python writes it (`shown`): "General" as the value is.
_SPECS = {INTEGER: ".0f", COUNT: ",.0f", MONEY: ",.2f", TENTHS: ",.1f"}
#: What a numeric column's text cell may hold to be stored as a number (a
#: CSV's cell, "46748.20"): at most 15 digits, which a spreadsheet keeps exact.
_NUMBER_TEXT = re.compile(r"-?(?=[\d.]{1,16}$)\d+(\.\d+)?")


@dataclass(frozen=True, slots=True)
class Blank:
    """A space in a title or footer line left to be filled in by hand, room
    for about ``chars`` handwritten characters (a plate, a name, a phone, a
    signature): an empty cell in a CSV; in a workbook an empty cell ruled
    underneath, its column widened to the room if narrower; a ruled line in
    the PDF, which prints a line's cells one after the other and would
    otherwise leave none."""

    chars: int

    def __str__(self) -> str:
        return ""


@dataclass(frozen=True, slots=True)
class Number:
    """A data cell holding a number in a format of its own, for a table
    whose rows each hold another measure (a diff's figures: counts, km, the
    cost), so that no column has one format for `Sheet.numbers` to give: in
    a workbook a number in ``format``; in a CSV or PDF its ``value`` to the
    format's decimals, without thousands separators (`shown`)."""

    value: float
    format: str

    def __str__(self) -> str:
        return shown(self.value, self.format, grouped=False)


def shown(value: float, number_format: str, *, grouped: bool = True) -> str:
    """``value`` as a workbook shows it in ``number_format`` (`MONEY`:
    "48,381.00"), for a figure the desk reads outside a workbook (the plan's
    summary on the console, the map's legend); not ``grouped``, without the
    thousands separators, as a CSV's cell a program reads as a number
    ("48381.00").  Written as Python writes a float, a sum of yuan read
    "48381.0" on the console beside "48,381.00" in lists.xlsx."""
    spec = _SPECS.get(number_format)
    if spec is None:
        return str(value)
    return format(value, spec if grouped else spec.replace(",", ""))


@dataclass(frozen=True, slots=True)
class PageMarks:
    """What each page a workbook's sheet prints on says above and below its
    table: ``heading``, plain text naming the paper and its bus; ``page_of``,
    the page's number among the sheet's in the desk's words, with Excel's
    code `PAGE` where the number goes ("第 &P 页").
    A bus's sheet of two pages repeats its table's header on the second, and
    without these the page said nothing of which bus it was for."""

    heading: str
    page_of: str


#: Excel's header and footer code for the page's number.
PAGE = "&P"
#: Characters of a page's heading kept: Excel refuses a header of more than
#: 255 (its codes and a literal ``&`` doubled count too).
_HEADING_CHARS = 100


@dataclass(frozen=True, slots=True, kw_only=True)
class Sheet:
    """A table: lines above the header (a title block), the header, the data
    rows and lines below them (a signature block).  ``name`` names the XLSX
    sheet; ``widths`` are XLSX column widths in characters (narrowed in
    print where they add up to more than the page); ``landscape`` turns the
    printed page (a sheet too wide for a portrait one is turned too);
    ``freeze_header`` keeps the title and header in
    view while the rows scroll (a list the desk reads on screen); ``opens``
    makes it the sheet its workbook opens at (the first that says so);
    ``marks``, what each printed page of a workbook says atop and below it.
    ``row_mm``, the least height of a data row in mm, for a table filled in
    by hand (the registration form's temperature and signature, written at
    a checkpoint): its rows printed at least that tall, in the PDF and the
    workbook (0: as tall as their text).
    ``one_page``, a paper that prints on one page where its rows fit, as
    the PDF prints it (a bus's registration form, on the escort's
    clipboard): its workbook sheet is fit to one page tall as well as wide
    (`_fit_one_page`), its top and bottom margins narrowed to make room.
    Excel, which no longer fits a row given its height (`row_mm`) to its
    text, had put a 33-seater's form on two pages where the PDF has one.
    ``numbers`` maps a column (0-based) that holds numbers to its number
    format (`INTEGER`, `MONEY`): its data cells holding a number, or the
    text of one, are stored as numbers in a workbook (a blank or a word in
    it stays text); CSV writes every cell as given.  A `Number` data cell
    is stored so in any column, in its own format."""

    name: str
    headers: Sequence[str]
    rows: Sequence[Row]
    title: Sequence[Row] = ()
    footer: Sequence[Row] = ()
    widths: Sequence[int] = ()
    landscape: bool = False
    freeze_header: bool = False
    opens: bool = False
    numbers: Mapping[int, str] = field(default_factory=dict)
    marks: PageMarks | None = None
    row_mm: float = 0.0
    one_page: bool = False


#: What a workbook or PDF with no sheet (a plan with no bus) says, in both
#: of the desk's languages: the writers are given sheets, not a language.
NOTHING_SHEET = "无内容"
NOTHING = "无内容（本排车方案没有要列出的车辆）/ nothing to list (no bus in this plan)"


def neutralised(value: object) -> str:
    """A cell's text, with a leading apostrophe if a spreadsheet could run it."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def write_table(path: Path, sheet: Sheet, *, said: Sheet | None = None) -> None:
    """Write one sheet as ``.xlsx`` or, for any other suffix, CSV.

    ``said`` is the same table for the desk, headed and worded in its
    language: a workbook's second sheet, the one it opens at, while
    ``sheet`` (its column keys, a program's contract) stays its first; a
    CSV, which has one table, keeps ``sheet``'s keys as every CSV list does."""
    if path.suffix.lower() == ".xlsx":
        write_xlsx(path, [sheet] if said is None else [sheet, replace(said, opens=True)])
    else:
        write_csv(path, sheet)


#: Buses from which a plan's workbooks are worth a process pool, to write
#: (`render.outputs`) or to read back (`render.audit`): a district's papers
#: are thousands of sheets, a small plan's take less than starting it.
POOLED_FROM_BUSES = 200

#: Writes a workbook of these sheets at this path (`write_xlsx`, or `Workbooks.write`).
BookWriter = Callable[[Path, Sequence[Sheet]], None]


class Workbooks:
    """Workbooks written on an executor while the caller goes on (in the
    caller's process when there is none): a district's papers are thousands
    of sheets.  Leaving the ``with`` block waits for every one."""

    def __init__(self, executor: Executor | None = None) -> None:
        self._executor = executor
        self._pending: list[Future[None]] = []

    def __enter__(self) -> Workbooks:
        return self

    def __exit__(self, failed: type[BaseException] | None, *_: object) -> None:
        if failed is None:
            self.wait()
        else:  # the block's own error is the one to tell, once no one writes
            wait(self._pending)

    def write(self, path: Path, sheets: Sequence[Sheet]) -> None:
        """`write_xlsx`, now or on the executor."""
        if self._executor is None:
            write_xlsx(path, sheets)
        else:
            self._pending.append(self._executor.submit(write_xlsx, path, list(sheets)))

    def wait(self) -> None:
        """Every workbook written (an error in one is raised here)."""
        pending, self._pending = self._pending, []
        for future in pending:
            future.result()


def write_csv(path: Path, sheet: Sheet) -> None:
    """Write a sheet as CSV: title lines, header, rows, footer lines."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        for row in (*sheet.title, sheet.headers, *sheet.rows, *sheet.footer):
            writer.writerow([neutralised(value) for value in row])


def write_xlsx(path: Path, sheets: Sequence[Sheet]) -> None:
    """Write a workbook with one worksheet per sheet (a note when there is none),
    each set up to print on A4: borders, the header repeated, its columns
    narrowed to fit the page's width at 100 % (`_on_page`).

    Written in openpyxl's write-only mode: rows stream to the file, so a
    district's lists do not sit in memory as cell objects."""
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook = _Book(write_only=True)
    for sheet in sheets:
        _worksheet(workbook, sheet)
    # Excel and WPS open a workbook at its active tab: the first that asks.
    workbook.active = next((k for k, sheet in enumerate(sheets) if sheet.opens), 0)
    if not sheets:
        workbook.create_sheet(NOTHING_SHEET).append([NOTHING])
    workbook.save(path)


class _Book(Workbook):
    """A write-only workbook that names its sheets uniquely itself and gives
    each kind of cell its style once.  openpyxl compares each new sheet's
    name with every sheet's, and hashes a cell's font and border each time
    they are set: both cost minutes with a district's thousands of buses."""

    def __init__(self, *, write_only: bool) -> None:
        super().__init__(write_only=write_only)
        self._names: set[str] = set()
        self._naming = False
        self._styles: dict[tuple[str, bool, bool, bool, str], StyleArray] = {}

    @property
    def sheetnames(self) -> list[str]:
        """The sheets' names (none while a sheet is named: ours are unique)."""
        return [] if self._naming else [s.title for s in self.worksheets]

    def named_sheet(self, wanted: str) -> Any:
        """A new sheet named ``wanted`` under Excel's rules, numbered when taken."""
        base = name = _SHEET_NAME_BANNED.sub("_", _NOT_XML.sub("", wanted))[:31] or "sheet"
        number = 0
        while name.lower() in self._names:
            number += 1
            name = f"{base[: 31 - len(str(number))]}{number}"
        self._names.add(name.lower())
        self._naming = True
        try:
            return self.create_sheet(name)
        finally:
            self._naming = False

    def save(self, filename: Any) -> None:
        """Save as openpyxl does, into an archive that also takes sheets
        streamed to memory (`_spooled`)."""
        self.properties.modified = datetime.now(UTC).replace(tzinfo=None)
        ExcelWriter(self, _Archive(filename, "w", ZIP_DEFLATED, allowZip64=True)).save()

    def style(
        self,
        worksheet: Any,
        font: str,
        *,
        boxed: bool,
        wrapped: bool = False,
        ruled: bool = False,
        number: str = "",
    ) -> StyleArray:
        """The style of a cell in ``font`` (title, header or plain), with a box
        or not; ``wrapped``, a title or footer line's cell that wraps;
        ``ruled``, one with a rule underneath (a `Blank`); ``number``, a
        number cell's format."""
        key = (font, boxed, wrapped, ruled, number)
        if key not in self._styles:
            cell = WriteOnlyCell(worksheet)
            if number:
                cell.number_format = number
            if font != "plain":
                cell.font = _TITLE_FONT if font == "title" else _HEADER_FONT
            if boxed:
                cell.border = _BOX
                cell.alignment = _WRAPPED
            elif wrapped:
                cell.alignment = _WRAPPED_LINE
            elif ruled:
                cell.border = _RULE
            self._styles[key] = cell._style  # type: ignore[attr-defined]
        return self._styles[key]


def _worksheet(workbook: _Book, sheet: Sheet) -> None:
    worksheet = workbook.named_sheet(sheet.name)
    # The sheet's size, written at its top as Excel does: without it a
    # reader (`returnbus verify`, openpyxl's read-only mode) reads the whole
    # sheet once more to find it.  openpyxl writes it if the sheet can say it.
    lines = (*sheet.title, sheet.headers, *sheet.rows, *sheet.footer)
    widest = max(map(len, lines), default=0)
    size = f"A1:{get_column_letter(max(widest, 1))}{max(len(lines), 1)}"
    worksheet.calculate_dimension = lambda: size
    widths, landscape = _on_page(sheet, _fitted(sheet), widest)
    for column, width in enumerate(widths, start=1):
        if width is not None:
            worksheet.column_dimensions[get_column_letter(column)].width = width
    header = len(sheet.title) + 1
    _print_setup(worksheet, header, landscape=landscape, marks=sheet.marks)
    if sheet.freeze_header:
        worksheet.freeze_panes = f"A{header + 1}"
    if sheet.opens:  # its tab shown as the one open, as Excel marks it
        worksheet.sheet_view.tabSelected = True
    _spooled(worksheet)
    boxed = len(sheet.headers)
    table = [
        width if k < len(widths) and (width := widths[k]) is not None else _DEFAULT_WIDTH
        for k in range(max(boxed, 1))
    ]
    for number, row in enumerate(sheet.title, start=1):
        font = "title" if number == 1 else "plain"
        wraps = _wrapped(worksheet, number, row, widths, table, font)
        worksheet.append(_cells(workbook, worksheet, row, font, wraps=wraps))
    worksheet.append(_cells(workbook, worksheet, sheet.headers, "header", boxed=boxed))
    for number, row in enumerate(sheet.rows, start=header + 1):
        if sheet.row_mm:
            _written_in(worksheet, number, row, table, sheet.row_mm)
        worksheet.append(
            _cells(workbook, worksheet, row, "plain", boxed=boxed, numbers=sheet.numbers)
        )
    for number, row in enumerate(sheet.footer, start=len(sheet.title) + len(sheet.rows) + 2):
        wraps = _wrapped(worksheet, number, row, widths, table, "plain")
        worksheet.append(_cells(workbook, worksheet, row, "plain", wraps=wraps))
    if sheet.one_page:  # the page's setup is written after the rows, set now
        _fit_one_page(worksheet, sheet, table, landscape=landscape)


def _fit_one_page(worksheet: Any, sheet: Sheet, table: Sequence[float], *, landscape: bool) -> None:
    """A `Sheet.one_page` sheet's margins narrowed, and the sheet fit to one
    page tall where its rows fit the page as the PDF prints them: each data
    row `Sheet.row_mm` tall (a line where none is asked), every other line
    of one line, their text not wrapped, as the PDF's 8-point text seldom
    is (a 33-seater's sixteen riders: a 45-seater's twenty-two go on to a
    second page).  Excel then shrinks the sheet to the page, rows that wrap
    in the workbook's larger font with it; one whose rows, as tall as given
    (`_wrapped`, `_written_in`) or as Excel fits them to their text, would
    print smaller than `_SMALLEST_FIT` goes on to further pages instead."""
    margins = worksheet.page_margins
    margins.top = margins.bottom = _ONE_PAGE_MARGIN
    margins.header = margins.footer = _ONE_PAGE_MARKS
    header = len(sheet.title) + 1
    data = range(header + 1, header + 1 + len(sheet.rows))
    least = tall = 0.0
    for number, row in enumerate((*sheet.title, sheet.headers, *sheet.rows, *sheet.footer), 1):
        line = _LINE_PT * (_scale("title") if number == 1 and sheet.title else 1.0)
        least += max(sheet.row_mm * _PT_PER_MM, line) if number in data else line
        given = (
            worksheet.row_dimensions[number].height if number in worksheet.row_dimensions else None
        )
        if given:
            tall += given
        elif number == header or number in data:
            tall += _LINE_PT * _cell_lines(row, table)
        else:
            tall += line
    page = (_A4_INCHES[not landscape] - 2 * _ONE_PAGE_MARGIN) * 72
    fits = least <= page and tall * _SMALLEST_FIT <= page
    worksheet.page_setup.fitToHeight = 1 if fits else 0


def _fitted(sheet: Sheet) -> list[float | None]:
    """The sheet's column widths (None: the default), each widened to fit
    its title and footer lines' cells: a `Blank`, the room to write in by
    hand (a plate's was 8 wide); a text followed by another or by a blank on
    its line, up to `_WIDEST_FITTED`, since the next cell cut it ("第二司机"
    in a 6-wide column).  A line's last text may run on to the right
    (`_wrapped`)."""
    widths: list[float | None] = list(sheet.widths)
    lines = (*sheet.title, *sheet.footer)
    for number, row in enumerate(lines):
        scale = _scale("title" if number == 0 and sheet.title else "plain")
        last = max(_filled(row), default=-1)
        for column, value in enumerate(row):
            room: float
            if isinstance(value, Blank):
                room = _hand_room(value)
            elif column < last and _text(value):
                room = min(_WIDEST_FITTED, _width(_text(value)) * scale + 1)
            else:
                continue
            widths += [None] * (column + 1 - len(widths))
            widths[column] = max(widths[column] or _DEFAULT_WIDTH, room)
    return widths


def _on_page(
    sheet: Sheet, widths: Sequence[float | None], columns: int
) -> tuple[list[float | None], bool]:
    """The ``widths`` of ``sheet``'s first ``columns`` columns made to fit
    its page at 100 %, and whether the page is landscape.  Excel fits the
    page's width by shrinking the whole sheet, its print with it: a sheet a
    little too wide printed at 80-95 %.  So first, on a `Sheet.one_page`
    sheet, the columns a title or footer text widened (`_fitted`) give that
    back, down to the sheet's own width, that text wrapping in its cell
    (`_wrapped`): a table column narrowed makes each row it wraps in taller,
    and in English the signatures' labels ("Driver's signature") widened a
    registration form's first columns, its origins, narrowed instead,
    wrapping on every row.  Then the widest columns, their text wrapping, are narrowed to one width,
    down to `_NARROWEST`; neither ever below the room of a `Blank` in them
    (handwriting does not shrink).  A portrait sheet that would need
    narrower prints landscape; one too wide for a landscape page too keeps
    its widths and prints shrunk."""
    rooms: dict[int, float] = {}
    for row in (*sheet.title, *sheet.footer):
        for column, value in enumerate(row):
            if isinstance(value, Blank):
                rooms[column] = max(rooms.get(column, 0), _hand_room(value))
    own = [
        max(sheet.widths[k] if k < len(sheet.widths) else _DEFAULT_WIDTH, rooms.get(k, 0))
        for k in range(columns)
    ]
    for landscape in dict.fromkeys((sheet.landscape, True)):
        page = (_A4_INCHES[landscape] - 2 * _SIDE_MARGIN) * _INCH_PX
        used = [widths[k] if k < len(widths) else None for k in range(columns)]
        widened = [sheet.one_page and w is not None and w > own[k] for k, w in enumerate(used)]
        most = max((w for k, w in enumerate(used) if w is not None and widened[k]), default=0)
        for cap in range(math.ceil(most), 0, -1):
            given: list[float | None] = [
                min(w, max(cap, own[k])) if w is not None and widened[k] else w
                for k, w in enumerate(used)
            ]
            if sum(map(_pixels, given)) <= page:
                return [*given, *widths[columns:]], landscape
        used = [min(w, own[k]) if w is not None and widened[k] else w for k, w in enumerate(used)]
        widest = max((w for w in used if w is not None), default=0)
        for cap in (widest, *range(math.ceil(widest) - 1, _NARROWEST - 1, -1)):
            narrowed = [
                w if w is None or w <= cap else max(cap, rooms.get(k, 0))
                for k, w in enumerate(used)
            ]
            if sum(map(_pixels, narrowed)) <= page:
                return [*narrowed, *widths[columns:]], landscape
    return list(widths), sheet.landscape


def _pixels(width: float | None) -> int:
    """A column's width in pixels at 100 %, as Excel reckons it (ECMA-376
    Part 1, 18.3.1.13) from a width in characters (None: Excel's default)."""
    if width is None:
        return _DEFAULT_PX
    return int((256 * width + 128 // _DIGIT_PX) / 256 * _DIGIT_PX)


def _hand_room(blank: Blank) -> float:
    """The columns a `Blank` needs: its characters written by hand, and the cell's padding."""
    return blank.chars * _HAND_COLUMNS + 1


def _wrapped(
    worksheet: Any,
    number: int,
    row: Row,
    widths: Sequence[float | None],
    table: Sequence[float],
    font: str,
) -> set[int]:
    """The columns (0-based) of line ``number`` whose text wraps, its row made
    tall enough for their lines: a text followed by another or by a `Blank`,
    wider than its column of ``widths`` (`_fitted` widens one only so far);
    the last text, wider than the ``table``'s columns from its own to the
    last, merged across them (when it is not the last) to wrap there.
    Spilling into the empty cells on its right, such a text (the Destination
    of a bus with several drop-offs) went on past the table's last column
    and was cut in print."""
    filled = _filled(row)
    if not filled:
        return set()
    scale = _scale(font)
    lines = {
        column: _lines(row[column], (widths[column] or _DEFAULT_WIDTH) - 1, scale)
        for column in filled[:-1]
        if _text(row[column])
    }
    last = filled[-1]
    if last < len(table) and not isinstance(row[last], Blank):
        lines[last] = _lines(row[last], sum(table[last:]) - 1, scale)
        if lines[last] > 1 and last < len(table) - 1:
            worksheet.merged_cells.add(
                CellRange(min_col=last + 1, min_row=number, max_col=len(table), max_row=number)
            )
    wraps = {column for column, count in lines.items() if count > 1}
    if wraps:
        worksheet.row_dimensions[number].height = max(lines.values()) * _LINE_PT * scale
    return wraps


def _written_in(
    worksheet: Any, number: int, row: Row, table: Sequence[float], least_mm: float
) -> None:
    """Data row ``number`` made at least ``least_mm`` tall, room to write in
    by hand, and as tall as its cell of most lines in the ``table``'s
    columns: a row given its height is one Excel no longer fits to its
    text, and a long origin's second line was cut."""
    lines = _cell_lines(row, table)
    worksheet.row_dimensions[number].height = max(least_mm * _PT_PER_MM, lines * _LINE_PT)


def _cell_lines(row: Row, table: Sequence[float]) -> int:
    """The lines of ``row``'s cell of most in the ``table``'s columns, wrapped."""
    return max(
        (_lines(value, width - 1, 1.0) for value, width in zip(row, table, strict=False)),
        default=1,
    )


def _filled(row: Row) -> list[int]:
    """The columns (0-based) of ``row`` holding a text or a `Blank`."""
    return [k for k, value in enumerate(row) if _text(value) or isinstance(value, Blank)]


def _scale(font: str) -> float:
    """How much wider and taller than the plain font's a character of ``font`` is."""
    return (_TITLE_FONT.size or 11) / 11 if font == "title" else 1.0


def _lines(value: object, room: float, scale: float) -> int:
    """The lines ``value`` takes in a cell ``room`` columns wide, wrapped."""
    return sum(
        max(1, -(-round(_width(line) * scale) // max(1, int(room))))
        for line in _text(value).splitlines()
    )


def _width(text: str) -> int:
    """The columns ``text`` takes in a workbook: a Chinese (wide) character two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _text(value: object) -> str:
    return "" if value is None else _NOT_XML.sub("", str(value))


class _SpooledSheet(WorksheetWriter):
    """openpyxl's worksheet writer, streaming the sheet's XML to memory (to a
    file only past `_SPOOLED_BYTES`) rather than to a temporary file for each
    sheet: a district's papers are thousands of sheets, and on a virtual
    machine's disk creating and removing their files took as long as writing
    them."""

    def __init__(self, worksheet: Any) -> None:
        # Open until the workbook is saved: `cleanup` closes it.
        self._spool = SpooledTemporaryFile(max_size=_SPOOLED_BYTES)  # noqa: SIM115
        super().__init__(worksheet, out=self._spool)

    def cleanup(self) -> None:
        """Let the spooled XML go (openpyxl removes its temporary file here)."""
        self._spool.close()


def _spooled(worksheet: Any) -> None:
    """Give a write-only sheet, once set up, a `_SpooledSheet` as its writer:
    what openpyxl's first ``append`` does with a temporary file, heading the
    sheet with the widths, print setup and panes set before it."""
    worksheet._writer = _SpooledSheet(worksheet)
    worksheet._writer.write_top()


class _Archive(ZipFile):
    """A workbook's zip archive that also takes a sheet's XML from an open
    stream (`_SpooledSheet`), where openpyxl gives the name of a file."""

    def write(
        self,
        filename: Any,
        arcname: Any = None,
        compress_type: int | None = None,
        compresslevel: int | None = None,
    ) -> None:
        """Add a file by its name, or the contents of a stream."""
        if not hasattr(filename, "read"):
            super().write(filename, arcname, compress_type, compresslevel)
            return
        stream: IO[bytes] = filename
        stream.seek(0)
        with self.open(arcname, "w") as member:
            shutil.copyfileobj(stream, member)


def _cells(
    workbook: _Book,
    worksheet: Any,
    row: Row,
    font: str,
    *,
    boxed: int = 0,
    wraps: Collection[int] = (),
    numbers: Mapping[int, str] | None = None,
) -> list[Cell]:
    """``row`` as text cells (never formulas); the first ``boxed`` with
    borders; those in columns ``wraps`` (0-based) wrapping their text; a
    `Blank` ruled underneath; those of the columns in ``numbers`` holding a
    number as numbers, in its format, and a `Number` in its own."""
    inside, outside = (workbook.style(worksheet, font, boxed=b) for b in (True, False))
    wrapping = workbook.style(worksheet, font, boxed=False, wrapped=True) if wraps else None
    ruled = workbook.style(worksheet, font, boxed=False, ruled=True)
    formats = numbers or {}
    cells = []
    for column, value in enumerate(row):
        if isinstance(value, Number):
            number, shown = _number(value.value), value.format
        else:
            number, shown = (_number(value), formats[column]) if column in formats else (None, "")
        if number is not None:
            cell = WriteOnlyCell(worksheet, value=number)
            style: StyleArray | None = workbook.style(
                worksheet, font, boxed=column < boxed, number=shown
            )
        else:
            cell = WriteOnlyCell(worksheet, value=_text(value))
            cell.data_type = "s"
            if column in wraps:
                style = wrapping
            elif column < boxed:
                style = inside
            else:
                style = ruled if isinstance(value, Blank) else outside
        # The style's ids, shared: openpyxl would hash the font and border per cell.
        cell._style = style  # type: ignore[attr-defined]
        cells.append(cell)
    return cells


def _number(value: object) -> int | float | None:
    """``value`` as a number a workbook stores: a number (not a bool), or
    the text of one (a CSV's cell, "46748.20"); None for anything else (a
    blank, a word), which stays text."""
    if isinstance(value, bool):
        return None
    if isinstance(value, Integral):
        return int(value)
    if isinstance(value, Real):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, str) and _NUMBER_TEXT.fullmatch(value.strip()):
        text = value.strip()
        return float(text) if "." in text else int(text)
    return None


def _print_setup(worksheet: Any, header: int, *, landscape: bool, marks: PageMarks | None) -> None:
    """A4, the header row repeated on every page, fit to one page wide:
    at 100 % when its columns fit (`_on_page`), fit never enlarging; the
    sheet's `PageMarks` atop and below each page, its pages numbered from 1
    (Excel would number a workbook printed whole on from sheet to sheet)."""
    worksheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    worksheet.page_setup.orientation = "landscape" if landscape else "portrait"
    worksheet.page_setup.fitToWidth = 1
    worksheet.page_setup.fitToHeight = 0
    worksheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    worksheet.print_title_rows = f"{header}:{header}"
    worksheet.print_options.horizontalCentered = True
    worksheet.page_margins.left = worksheet.page_margins.right = _SIDE_MARGIN
    if marks is not None:
        # A literal "&" is doubled: alone it starts one of Excel's codes.
        heading = _text(marks.heading)[:_HEADING_CHARS].replace("&", "&&")
        worksheet.oddHeader.center.text = heading
        worksheet.oddFooter.center.text = _text(marks.page_of)
        worksheet.page_setup.firstPageNumber = 1
        worksheet.page_setup.useFirstPageNumber = True
