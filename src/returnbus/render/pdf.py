"""Sheets printed into one PDF, with a Chinese font embedded (a subset of
Noto Sans CJK SC shipped with returnbus, under the SIL Open Font Licence),
so that the papers print the same on any machine."""

from __future__ import annotations

import re
from collections.abc import Sequence
from importlib.resources import as_file, files
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

from .labels import LABELS
from .tables import NOTHING, Blank, Row, Sheet

_FONT = "NotoSansSC"
_FONT_FILE = "NotoSansSC-Regular.otf"
_MARGIN_MM = 10
_HEADING = FontFace(emphasis=None, fill_color=(230, 230, 230))
#: A table row holds at most this many lines of 5 mm of a cell: fpdf cannot
#: print a row taller than a page.  A longer cell (the riders of a busy stop,
#: with their phones, on the driver's sheet) goes on in the rows below it,
#: the other cells left empty there, up to `_MAX_ROWS` rows; beyond those it
#: is cut, ending in "…" (no true name or address is this long).  Lines are
#: counted at 3 mm a character (a Chinese character at 8 pt is 2.8 mm wide;
#: Latin letters are narrower).
_MAX_CELL_LINES = 12
_ROW_LINE_MM = 5
_MAX_ROWS = 10
_CHAR_MM = 3.0
_PADDING_MM = 2.0
#: The width of a handwritten character, to rule a `Blank` wide enough: a
#: plate's or a phone's characters written by hand take about 4.5 mm.
_HAND_MM = 4.5
#: From one title or footer line to the next, and from the line above to a
#: line with a rule to write on (a `Blank`, the temperatures' "____"): what
#: is written by hand sits on the rule and rises above it, and 6 mm was
#: tight for it.  An empty line (between the title and the table, the table
#: and the signatures) is a gap of `_GAP_MM`: those took 6 and 8 mm, room a
#: bus's sheet of a dozen stops needs to stay on one page.
_LINE_MM = 5.5
_WRITE_MM = 8.0
_GAP_MM = 2.0
_RULE = "___"
#: A space before a phone number (seven digits or more), or in and before
#: the words standing for a missing one ("(no phone)"): printed as a
#: no-break space, so that a rider's name and phone stay on one line of a
#: cell that wraps (fpdf breaks a line at a space; the driver read a phone
#: at the start of a line as the next rider's).
_BEFORE_PHONE = re.compile(r"(?<=\S) (?=\+?\d{7,})")
_NO_BREAK = "\u00a0"
_NO_PHONE = tuple(" " + words for words in LABELS["no_phone"])
#: The size of a sheet's heading line repeated atop each page it goes on to.
_RUNNING_PT = 9


class _Pdf(FPDF):
    """An FPDF whose pages after a sheet's first repeat that sheet's heading
    line (paper and bus): a driver's sheet whose signatures went on to a
    second page left that page saying nothing of which bus it was for."""

    running = ""

    def header(self) -> None:
        """The running heading, on a page a sheet goes on to (fpdf restores
        the table's font after it)."""
        if self.running:
            self.set_font(_FONT, size=_RUNNING_PT)
            self.multi_cell(0, _LINE_MM, self.running, new_x="LMARGIN", new_y="NEXT", align="L")
            self.ln(_GAP_MM)


def write_pdf(path: Path, sheets: Sequence[Sheet]) -> None:
    """Each sheet on its own A4 page(s): title lines, the table (its header
    repeated on every page), then the footer lines.  Columns holding links
    are left out: on paper they are of no use."""
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf = _Pdf(unit="mm", format="A4")
    pdf.set_auto_page_break(auto=True, margin=_MARGIN_MM)
    pdf.set_margins(_MARGIN_MM, _MARGIN_MM, _MARGIN_MM)
    with as_file(files("returnbus.data").joinpath("fonts", _FONT_FILE)) as font:
        pdf.add_font(_FONT, fname=str(font))
    for sheet in sheets:
        _page(pdf, sheet)
    if not sheets:
        pdf.add_page()
        pdf.set_font(_FONT, size=11)
        pdf.cell(text=NOTHING)
    pdf.output(str(path))


def _page(pdf: _Pdf, sheet: Sheet) -> None:
    pdf.running = ""
    pdf.add_page(orientation="landscape" if sheet.landscape else "portrait")
    pdf.set_font(_FONT, size=13)
    pdf.running = _line(pdf, sheet.title[0], "   ") if sheet.title else ""
    for k, line in enumerate(sheet.title):
        pdf.set_font(_FONT, size=13 if k == 0 else 10)
        _print_line(pdf, _line(pdf, line, "   "), 7 if k == 0 else _LINE_MM)
    # A column no heading names (the seat map's note on its observation rows)
    # is printed too, under an empty heading, as the workbook and CSV show it.
    columns = max((1, len(sheet.headers), *(len(row) for row in sheet.rows)))
    headers = [*sheet.headers, *[""] * (columns - len(sheet.headers))]
    keep = [i for i in range(columns) if not _is_link_column(sheet, i)] or [0]
    widths = [sheet.widths[i] if i < len(sheet.widths) else 10 for i in keep]
    pdf.set_font(_FONT, size=8)
    widths_mm = [pdf.epw * w / (sum(widths) or 1) for w in widths]
    heading = [_cell(headers[i]) for i in keep]
    rows = [
        _printed_rows(
            [_kept_together(_cell(row[i])) if i < len(row) else "" for i in keep], widths_mm
        )
        for row in sheet.rows
    ]
    # The last row is printed apart, with the footer: where the footer (the
    # signatures) does not fit below it, both go on to the next page; the
    # signatures alone went there, a page saying nothing but the bus.
    last = rows[-1:] if sheet.footer and len(rows) > 1 else []
    least = sheet.row_mm
    _table(pdf, widths, [heading], rows[: len(rows) - len(last)], least)
    if last:
        # Measured, not rendered on trial: fpdf's offset_rendering copies the
        # whole document for each sheet, slower as the PDF grows.
        height = _rows_height(pdf, last, widths_mm, least) + _footer_height(pdf, sheet)
        below = pdf.will_page_break(height)
        if below:
            pdf.add_page(orientation="landscape" if sheet.landscape else "portrait")
        _table(pdf, widths, [heading] if below else [], last, least)
    _footer(pdf, sheet)


def _rows_height(
    pdf: FPDF, rows: list[list[list[str]]], widths_mm: Sequence[float], least: float = 0.0
) -> float:
    """The height ``rows`` (each a sheet row's printed rows) take in a table
    of columns ``widths_mm`` wide: each printed row as tall as its cell of
    most lines, of 5 mm at 8 pt, and a sheet row's first at least ``least``
    mm (`_table`)."""
    pdf.set_font(_FONT, size=8)
    return sum(
        max(
            least if k == 0 else 0.0,
            _ROW_LINE_MM
            * max(
                _lines(pdf, w, _ROW_LINE_MM, text)
                for text, w in zip(printed, widths_mm, strict=True)
            ),
        )
        for row in rows
        for k, printed in enumerate(row)
    )


def _footer_height(pdf: FPDF, sheet: Sheet) -> float:
    """The height a sheet's footer lines take, as `_print_line` prints them."""
    pdf.set_font(_FONT, size=10)
    height = 0.0
    for line in sheet.footer:
        text = _line(pdf, line, "      ")
        if not text:
            height += _GAP_MM
            continue
        if _RULE in text:
            height += _WRITE_MM - _LINE_MM
        height += _LINE_MM * _lines(pdf, 0, _LINE_MM, text)
    return height


def _lines(pdf: FPDF, width: float, height: float, text: str) -> int:
    """The lines ``text`` takes printed in a cell ``width`` wide (0: to the margin)."""
    lines = pdf.multi_cell(width, height, text, dry_run=True, output="LINES")
    assert isinstance(lines, list)
    return max(1, len(lines))


def _table(
    pdf: FPDF,
    widths: Sequence[float],
    heading: list[list[str]],
    rows: list[list[list[str]]],
    least: float = 0.0,
) -> None:
    """A table of ``rows`` (each a sheet row's printed rows) under ``heading``
    (none, or its one row, repeated atop each page the table goes on to);
    the first printed row of each sheet row at least ``least`` mm tall
    (`Sheet.row_mm`: room to write in by hand), those going on below it
    (a long cell's rest) as tall as their text."""
    pdf.set_font(_FONT, size=8)
    with pdf.table(
        col_widths=tuple(widths),
        borders_layout="ALL",
        line_height=_ROW_LINE_MM,
        repeat_headings=1,
        first_row_as_headings=bool(heading),
        headings_style=_HEADING,
        text_align="LEFT",
    ) as table:
        for printed in heading:
            table.row(printed)
        for row in rows:
            for k, printed in enumerate(row):
                table.row(printed, min_height=least if k == 0 and least else None)


def _footer(pdf: FPDF, sheet: Sheet) -> None:
    """The lines below a sheet's table: its signatures."""
    pdf.set_font(_FONT, size=10)
    for line in sheet.footer:
        _print_line(pdf, _line(pdf, line, "      "), _LINE_MM)


def _print_line(pdf: FPDF, text: str, height: float) -> None:
    """A title or footer line, in lines ``height`` apart if it wraps; one with
    a rule to write on `_WRITE_MM` below the line above; an empty one a gap."""
    if not text:
        pdf.ln(_GAP_MM)
        return
    if _RULE in text:
        pdf.ln(_WRITE_MM - height)
    # Left-aligned: justified, a long line (a bus's several drop-offs)
    # stretched its spaces, pulling " / " away from the names it joins.
    pdf.multi_cell(0, height, text, new_x="LMARGIN", new_y="NEXT", align="L")


def _line(pdf: FPDF, line: Row, gap: str) -> str:
    """A title or footer line as printed: its cells ``gap`` apart, empty cells
    left out, and each `Blank` ruled (underscores, in the line's font) after
    its label with one space."""
    text = ""
    for value in line:
        if isinstance(value, Blank):
            rule = max(1, round(value.chars * _HAND_MM / pdf.get_string_width("_")))
            text += " " + "_" * rule
        elif _cell(value):
            text += (gap if text else "") + _cell(value)
    return text


def _is_link_column(sheet: Sheet, column: int) -> bool:
    values = [str(row[column]) for row in sheet.rows if column < len(row) and row[column]]
    return bool(values) and all(v.startswith(("http://", "https://")) for v in values)


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def _kept_together(text: str) -> str:
    """``text`` with the spaces a line must not break at (a name's before
    its phone) made no-break spaces."""
    for words in _NO_PHONE:
        text = text.replace(words, words.replace(" ", _NO_BREAK))
    return _BEFORE_PHONE.sub(_NO_BREAK, text)


def _printed_rows(cells: Sequence[str], widths_mm: Sequence[float]) -> list[list[str]]:
    """The table rows that print one sheet row: its cells, each in pieces
    that fit a row (`_chunks`), the pieces of a long cell in the rows below
    the first with the other cells empty."""
    pieces = [_chunks(c, w) for c, w in zip(cells, widths_mm, strict=True)]
    height = max(len(p) for p in pieces)
    return [[p[k] if k < len(p) else "" for p in pieces] for k in range(height)]


def _chunks(text: str, width_mm: float) -> list[str]:
    """``text`` in pieces of at most `_MAX_CELL_LINES` lines of a column
    ``width_mm`` wide, a long line broken after a "; " or a space where it
    has one; cut after `_MAX_ROWS` pieces, ending in "…"."""
    per_line = max(1, int((width_mm - _PADDING_MM) / _CHAR_MM))
    chunks: list[str] = []
    kept: list[str] = []
    room = _MAX_CELL_LINES

    def flush() -> None:
        nonlocal kept, room
        chunks.append("\n".join(kept))
        kept, room = [], _MAX_CELL_LINES

    for line in text.splitlines() or [""]:
        while True:
            need = max(1, -(-len(line) // per_line))
            if need <= room:
                kept.append(line)
                room -= need
                break
            if kept and (need <= _MAX_CELL_LINES or room == 0):
                flush()
                continue
            most = room * per_line
            # After a list's "; " (a rider and their phone stay together), else a space.
            cut = line.rfind("; ", 0, most) + 1 or line.rfind(" ", 0, most)
            cut = cut if cut > 0 else most
            kept.append(line[:cut].rstrip())
            line = line[cut:].lstrip()
            flush()
    if kept:
        flush()
    if len(chunks) > _MAX_ROWS:
        chunks = chunks[:_MAX_ROWS]
        chunks[-1] = chunks[-1][:-1] + "…"
    return chunks
