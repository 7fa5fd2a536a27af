"""Read a table file, CSV or XLSX, into rows of text cells.

CSV text may be UTF-8 (with or without a byte-order mark), GBK or GB18030,
Big5 (traditional characters, told from GBK by `returnbus.io.big5`), or
anything `charset_normalizer` recognises.  Each row keeps its number as
the user sees it (the Excel row, or the CSV line).
"""

from __future__ import annotations

import codecs
import csv
import errno
import io
import itertools
import logging
import math
import re
import unicodedata
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, TypeVar
from xml.etree import ElementTree

from charset_normalizer import from_bytes

from ..errors import InputError, special_file
from ..geo.hanzi import TO_SIMPLIFIED
from ..text import Text, by_count, each_said, joined, listed, system_said
from .big5 import big5_reading, reads_as, reads_better_as_big5

if TYPE_CHECKING:
    from openpyxl import Workbook

_log = logging.getLogger(__name__)
#: Line breaks, tabs and other control characters, taken out of cells.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
#: Characters that show as nothing (zero-width spaces and joiners, a byte-order
#: mark of a file pasted in): taken out, without a space in their place.
INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff]")

#: Rows of a table file: (row number as the user sees it, cells as text).
Cells = list[tuple[int, list[str]]]
T = TypeVar("T")


def normalise_header(text: str) -> str:
    """Header text as compared with known names: NFKC, lower case, no spaces,
    no bracketed notes, traditional characters as simplified (風險等級 is 风险等级)."""
    text = INVISIBLE.sub("", unicodedata.normalize("NFKC", str(text))).lower()
    text = text.translate(TO_SIMPLIFIED)
    text = re.sub(r"\(.*?\)|\[.*?\]|【.*?】", "", text)
    return re.sub(r"[\s*:：_\-]", "", text)


def repeats_header(cells: Sequence[str], headers: Sequence[str]) -> bool:
    """A row that is the header again (two lists pasted one under the other)."""
    wanted = _header_keys(tuple(headers))
    first = next((c for c in cells if str(c).strip()), None)
    # One cell compared first: a district's roster has 100,000 rows.
    if first is None or not wanted or normalise_header(first) != wanted[0]:
        return False
    return [normalise_header(c) for c in cells if str(c).strip()] == list(wanted)


@cache
def _header_keys(headers: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(normalise_header(h) for h in headers if str(h).strip())


@dataclass(frozen=True, slots=True)
class SheetNotes:
    """What a workbook holds besides its values: hidden rows, merged cells
    (``filled``: row -> the ranges whose value was filled down into it), and
    cells that hold numbers too long for Excel to keep every digit; of CSV
    text, its separator."""

    hidden_rows: frozenset[int] = frozenset()
    filled: Mapping[int, tuple[str, ...]] = field(default_factory=dict)
    long_numbers: frozenset[tuple[int, int]] = frozenset()  # (row, column index)
    sheet: str = ""  # the sheet read
    #: Every sheet of the workbook that holds cells (not a chart sheet), in order.
    sheets: tuple[str, ...] = ()
    #: A CSV text's separator (a tab: Excel's "Unicode text"); "" for a workbook.
    separator: str = ""
    #: Columns the sheet hides: (first, last) column indexes (0: A), both included.
    hidden_columns: tuple[tuple[int, int], ...] = ()
    #: Cells Excel holds as a time of day or a duration (row, column index):
    #: what the desk typed (8:30, a batch or an id) is lost.
    times: frozenset[tuple[int, int]] = frozenset()

    def column_hidden(self, index: int) -> bool:
        """Whether the sheet hides the column at ``index`` (0: A)."""
        return any(first <= index <= last for first, last in self.hidden_columns)


def read_cells(
    path: Path, *, sheet: str = "", encoding: str = "", refuse_long: bool = True
) -> tuple[Cells, str]:
    """Every row of a CSV or XLSX file, and the encoding used ("xlsx" for
    workbooks).  A cell over `MAX_CELL_CHARACTERS` is refused unless
    ``refuse_long`` is off (the caller then calls `refuse_long_cells`)."""
    cells, used, _ = read_noted_cells(path, sheet=sheet, encoding=encoding, refuse_long=refuse_long)
    return cells, used


def unusable_name(path: Path) -> Text | str | None:
    """Why the system cannot look ``path`` up, or None when it can (whether
    or not there is a file there): pathlib's checks raise on a name too long
    and say nothing of a link to itself or a NUL (they answer "no file")."""
    if "\x00" in str(path):
        return Text("file_name_has_nul")
    try:
        path.stat()
    except FileNotFoundError:
        return None
    except OSError as error:
        return None if error.errno == errno.ENOTDIR else system_said(error)
    return None


def refuse_unusable_name(path: Path) -> None:
    """Refuse ``path`` when the system cannot look it up (`unusable_name`):
    there is no file to read, nor one to say is missing."""
    unusable = unusable_name(path)
    if unusable is not None:
        raise InputError(
            Text("file_name_unusable", why=unusable),
            path=path,
            hint=Text("file_name_unusable_action"),
        )


#: The most files `not_found_hint` names.
_MOST_NEAR = 3


def names_near(path: Path) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The files beside ``path``, which is not there, that may be the one
    meant: those named as it but for case, width, spacing or an extension
    added (the .txt Notepad adds, which Windows hides), and those of its
    stem with another extension (employers.xlsx where employers.csv was
    saved again in Excel), which no renaming makes the kind it names."""
    wanted, stem = _plain_name(path.name), _plain_name(path.stem)
    try:
        files = [entry for entry in sorted(path.parent.iterdir()) if entry.is_file()]
    except OSError:  # no such folder, or not one to list
        return (), ()
    renamed = [
        entry.name
        for entry in files
        if _plain_name(entry.name) == wanted or _plain_name(entry.name).startswith(f"{wanted}.")
    ]
    other_kind = [
        entry.name
        for entry in files
        if _plain_name(entry.stem) == stem and entry.name not in renamed
    ]
    return tuple(renamed[:_MOST_NEAR]), tuple(other_kind[:_MOST_NEAR])


def _plain_name(name: str) -> str:
    """A file name as a person tells two apart: not by case, width or spaces."""
    return unicodedata.normalize("NFKC", name).casefold().replace(" ", "")


def not_found_hint(path: Path, hint: Text) -> Text:
    """What to do about ``path`` not being there: ``hint``, or, when files
    beside it may be the one meant (`names_near`), to rename one or name it."""
    renamed, other_kind = names_near(path)
    if renamed:
        return Text("file_near_rename_action", names=listed(renamed), wanted=path.name)
    if other_kind:
        return Text("file_near_other_kind_action", names=listed(other_kind), wanted=path.name)
    return hint


def refuse_unreadable_path(path: Path, *, missing: Text | None = None) -> None:
    """Refuse ``path`` when no table can be read from it: a name no file can
    have, a device or a pipe, a folder, or nothing there (said as ``missing``
    when given, else "file not found")."""
    refuse_unusable_name(path)
    special = special_file(path)
    if special is not None:
        raise InputError(
            Text("not_regular_file", what=special), path=path, hint=Text("not_regular_file_action")
        )
    if not path.is_file():
        if path.is_dir():
            raise InputError(
                Text("folder_not_file"), path=path, hint=Text("folder_not_file_action")
            )
        hint: Text = not_found_hint(path, Text("check_path"))
        raise InputError(missing or Text("file_not_found"), path=path, hint=hint)


def file_unreadable(path: Path, error: OSError) -> InputError:
    """The system's refusal to read ``path`` (no permission, held by another
    program, a disk fault), said for the desk with what to do."""
    return InputError(
        Text("file_unreadable", error=system_said(error)),
        path=path,
        hint=Text("file_unreadable_action"),
    )


def read_noted_cells(
    path: Path, *, sheet: str = "", encoding: str = "", refuse_long: bool = True
) -> tuple[Cells, str, SheetNotes]:
    """`read_cells`, with what a workbook holds besides its values."""
    refuse_unreadable_path(path)
    try:
        cells, used, notes = _read_any(path, sheet, encoding)
    except OSError as error:
        # Not for this user to read, or held by another program (Excel on a share).
        raise file_unreadable(path, error) from None
    if refuse_long:
        refuse_long_cells(cells, path)
    return cells, used, notes


#: Longer than any name, address or note a roster cell holds: text pasted
#: into the wrong cell, or a file that is not a table.
MAX_CELL_CHARACTERS = 500
#: A column that lists things (a big dormitory's room numbers) may be longer.
MAX_LIST_CHARACTERS = 200_000


def refuse_long_cells(cells: Cells, path: Path, long_columns: Collection[int] = ()) -> None:
    """Refuse a cell over `MAX_CELL_CHARACTERS` (`MAX_LIST_CHARACTERS` in
    ``long_columns``), naming its row and column."""
    for number, row in cells:
        for index, cell in enumerate(row):
            most = MAX_LIST_CHARACTERS if index in long_columns else MAX_CELL_CHARACTERS
            if len(cell) > most:
                raise InputError(
                    Text("cell_too_long", length=len(cell), most=most),
                    path=path,
                    row=number,
                    column=column_letter(index),
                    hint=Text("cell_too_long_action", most=most),
                )


def is_workbook(path: Path) -> bool:
    """Whether ``path`` is read as an XLSX workbook (by its name), not as CSV text."""
    return path.suffix.lower() in (".xlsx", ".xlsm")


def warn_sheet_ignored(path: Path, sheet: str, *, option: bool = False) -> None:
    """Warn when ``sheet`` is named for ``path`` but ``path`` is CSV text,
    which has no sheets: a desk that named one may think the wrong list is
    read.  ``option``: the sheet came from ``--sheet``, not ``[roster] sheet``."""
    if not sheet or is_workbook(path):
        return
    if option:
        _log.warning(Text("log_sheet_option_not_workbook", file=path.name, sheet=sheet))
    else:
        _log.warning(Text("log_sheet_not_workbook", file=path.name, sheet=sheet))


#: The kinds a table is saved as: a list saved again in Excel keeps its stem.
TABLE_SUFFIXES = (".csv", ".xlsx", ".xlsm", ".xls")
#: Changed this much later than the table named, a table of its stem beside
#: it is a newer copy, not one written with it (a folder copied, a synth).
_NEWER_BY_SECONDS = 60


def warn_newer_beside(path: Path, *, key: str = "", scenario: str = "") -> None:
    """Warn when a table of ``path``'s stem in another kind lies beside it
    and was changed later (employers.xlsx updated in Excel where the
    scenario names employers.csv): the one named is read, as named, but the
    desk may be planning from the copy it stopped editing.  ``key``: the
    setting of the ``scenario`` file that names ``path`` (``[scenario]
    employers``), which the desk changes to name the other; "" when the
    command line names it."""
    try:
        if not path.is_file():  # not there, or no file can have its name: said where read
            return
        named = path.stat().st_mtime
        stem = _plain_name(path.stem)
        beside = [
            (entry.stat().st_mtime, entry)
            for entry in sorted(path.parent.iterdir())
            if entry.suffix.lower() in TABLE_SUFFIXES
            and _plain_name(entry.stem) == stem
            and entry.name != path.name
            and entry.is_file()
        ]
    except OSError:  # a share that will not list: nothing to compare
        return
    for changed, entry in beside:
        if changed - named > _NEWER_BY_SECONDS:
            times = {"file_time": _minute(named), "other_time": _minute(changed)}
            if key:
                said = Text(
                    "log_newer_beside_key",
                    file=path.name,
                    other=entry.name,
                    key=key,
                    scenario=scenario,
                    **times,
                )
            else:
                said = Text("log_newer_beside", file=path.name, other=entry.name, **times)
            _log.warning(said)


def _minute(timestamp: float) -> str:
    """A file's time of change as the desk's file manager shows it."""
    return datetime.fromtimestamp(timestamp).strftime("%Y-%m-%d %H:%M")


#: How a zip (an .xlsx workbook) and a compound file (an old .xls, a WPS
#: .et, or any workbook saved with a password) begin, whatever their name.
_ZIP_START = b"PK\x03\x04"
_COMPOUND_START = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _refuse_by_contents(path: Path, start: bytes) -> None:
    """Refuse a file its name tells wrong, by how it begins: a workbook
    named .csv is no text in any encoding, and an empty file, a copy cut
    short or a locked workbook named .xlsx is no CSV renamed."""
    if start.startswith(_COMPOUND_START):
        raise InputError(
            Text("workbook_locked_or_old"), path=path, hint=Text("workbook_locked_action")
        )
    workbook = is_workbook(path)
    if not workbook and start.startswith(_ZIP_START):
        if _is_xlsx(path):
            raise InputError(
                Text("text_is_workbook", suffix=path.suffix or path.name),
                path=path,
                hint=Text("text_is_workbook_action"),
            )
        raise InputError(
            Text("text_is_zip", suffix=path.suffix or path.name),
            path=path,
            hint=Text("text_is_zip_action"),
        )
    if workbook and not start:
        raise InputError(Text("file_no_bytes"), path=path, hint=Text("file_copy_again_action"))
    if workbook and start.startswith(_ZIP_START) and not zipfile.is_zipfile(path):
        raise InputError(Text("workbook_cut_short"), path=path, hint=Text("file_copy_again_action"))


def _is_xlsx(path: Path) -> bool:
    """Whether the zip at ``path`` is an Excel workbook (not an OpenDocument
    sheet, a Word document or an archive)."""
    try:
        with zipfile.ZipFile(path) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError):
        return False


def _read_any(path: Path, sheet: str, encoding: str) -> tuple[Cells, str, SheetNotes]:
    suffix = path.suffix.lower()
    with path.open("rb") as handle:
        _refuse_by_contents(path, handle.read(len(_COMPOUND_START)))
    if is_workbook(path):
        if not zipfile.is_zipfile(path):
            raise InputError(
                Text("xlsx_not_workbook"), path=path, hint=Text("xlsx_not_workbook_action")
            )
        cells, notes = _read_xlsx(path, sheet)
        return cells, "xlsx", notes
    if suffix == ".xls":
        raise InputError(Text("xls_old"), path=path, hint=Text("xls_old_action"))
    text, used = decode_text(path.read_bytes(), encoding, path)
    separator = separator_of(text)
    table: Cells = []
    try:
        # Rows are numbered as Excel numbers them: one per record, even when a
        # cell holds a line break.
        for number, (row, lines) in enumerate(_records(text, separator), start=1):
            _check_record(row, number, lines, path, separator)
            table.append((number, row))
    except csv.Error as error:
        raise InputError(
            Text("csv_unreadable", error=str(error)),
            path=path,
            row=len(table) + 1,
            hint=Text("save_again_action"),
        ) from None
    return table, used, SheetNotes(separator=separator)


#: A cell may hold a few line breaks (an address on two lines); more lines
#: than this, or lines that hold the separator, are rows a stray quote swallowed.
_MAX_CELL_LINES = 4


def separator_of(text: str) -> str:
    """The separator of a table's text, a tab (Excel's and WPS's "Unicode
    text", or a copy) or a comma: the one more of the first `HEADER_ROWS`
    lines hold as many times each (a table's rows hold one a column), so
    that neither a title typed above the header (退出名单, 3月16日) nor a
    cell's commas (张,李,王 under a tab-separated header) decides the
    file's; on a tie, the last line holding more of one than of the other
    (the header under a title).  Told wrong, the header reads as one cell
    and the file is refused, never misread."""
    counts: dict[str, Counter[int]] = {"\t": Counter(), ",": Counter()}
    last = ","
    for line in itertools.islice(io.StringIO(text, newline=""), HEADER_ROWS):
        tabs, commas = line.count("\t"), line.count(",")
        for separator, count in (("\t", tabs), (",", commas)):
            if count:
                counts[separator][count] += 1
        if tabs != commas:
            last = "\t" if tabs > commas else ","
    tabs, commas = (max(counts[s].values(), default=0) for s in ("\t", ","))
    if tabs == commas:
        return last
    return "\t" if tabs > commas else ","


#: A quoted cell of tab-separated text: its quote, what it holds (a quote
#: inside doubled), and its closing quote (none: the text ran out).
_QUOTED = re.compile(r'"((?:[^"]|"")*)("|$)')
#: What a program quotes a cell of tab-separated text for: Excel's and WPS's
#: copy quotes a cell holding a line break (or a tab), their "Unicode text"
#: also one holding a comma or a quote mark (doubled inside).
_QUOTED_FOR = re.compile(r'[\t\r\n,]|""')
#: Where a cell of tab-separated text ends.
_CELL_END = re.compile(r"\t|\r\n|\r|\n")


def tab_records(text: str) -> Iterator[tuple[list[str], int]]:
    """Each record of tab-separated text, and the lines it spans.  Such text
    is a spreadsheet's copy or its "Unicode text": a cell is quoted only when
    it holds what the quote is for (`_QUOTED_FOR`: a line break, a tab, a
    comma, a quote mark), so a quote around anything else ("张三", typed so)
    is the cell's own text, kept as typed, not CSV quoting taken out; a
    quote inside a cell (王"小"明) is its own too.  Text whose first filled
    line quotes every cell was written by a program quoting all: there every
    quoted cell is unquoted, as CSV reads it."""
    first = next(
        (line.rstrip("\r\n") for line in io.StringIO(text, newline="") if line.strip()), ""
    )
    every = bool(first) and all(
        len(cell) > 1 and cell.startswith('"') and cell.endswith('"') for cell in first.split("\t")
    )
    position, size = 0, len(text)
    while position < size:
        cells: list[str] = []
        lines = 1
        while True:
            cell = ""
            if text.startswith('"', position):
                quoted = _QUOTED.match(text, position)
                assert quoted is not None  # the pattern matches any text after a quote
                if every or _QUOTED_FOR.search(quoted.group(1)):
                    cell = quoted.group(1).replace('""', '"')
                    lines += len(_LINE_SPLIT.findall(quoted.group(1)))
                    position = quoted.end()
            end = _CELL_END.search(text, position)
            stop = end.start() if end else size
            cells.append(cell + text[position:stop])
            position = end.end() if end else size
            if end is None or end.group() != "\t":
                break
        # A blank line is a record of no cells, as the csv module reads it.
        yield ([] if cells == [""] else cells), lines


#: Where a line ends, as the csv module (and Excel) ends one.
_LINE_SPLIT = re.compile(r"\r\n|\r|\n")


def _records(text: str, separator: str) -> Iterator[tuple[list[str], int]]:
    """Each record of a table's text and the lines it spans: a CSV's as the
    csv module reads it, tab-separated text's as a spreadsheet writes it
    (`tab_records`)."""
    if separator == "\t":
        yield from tab_records(text)
        return
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    ended = 0  # the line the previous record ended on
    for row in rows:
        yield row, rows.line_num - ended
        ended = rows.line_num


def _check_record(row: list[str], number: int, lines: int, path: Path, separator: str) -> None:
    """Refuse a record that a quote mark left open made out of several rows."""
    if lines <= 1:
        return
    for index, cell in enumerate(row):
        if "\n" not in cell and "\r" not in cell:
            continue
        tail = cell.splitlines()[1:]
        if len(tail) >= _MAX_CELL_LINES or any(separator in line for line in tail):
            further = lines - 1
            raise InputError(
                Text("stray_quote", lines=Text(by_count("line_count", further), count=further)),
                path=path,
                row=number,
                column=column_letter(index),
                hint=Text("stray_quote_action"),
            )


def column_letter(index: int) -> str:
    """The Excel letter of the column at ``index`` (0: A)."""
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def decode_text(data: bytes, encoding: str, path: Path) -> tuple[str, str]:
    """A CSV file's text and the encoding it was read in: ``encoding`` when
    given, else UTF-8 (with or without a byte-order mark), GB18030, or what
    the bytes look like.  Bytes that are no text (a picture, an archive)
    are refused (`InputError`) naming ``path``."""
    if encoding:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError as error:
            # Counted as a person counts: the text before the byte, in lines.
            line = data[: error.start].count(b"\n") + 1
            raise InputError(
                Text("encoding_wrong", encoding=encoding),
                path=path,
                row=line,
                hint=Text("encoding_wrong_action"),
            ) from None
        except LookupError:
            raise InputError(
                Text("encoding_no_such", encoding=encoding),
                path=path,
                hint=Text("encoding_wrong_action"),
            ) from None
    _refuse_utf16_unmarked(data, path)
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as error:
            # Marked UTF-8, yet a line is not: rows pasted in from a GBK file.
            raise InputError(
                Text("encoding_mixed"),
                path=path,
                row=data[: error.start + 3].count(b"\n") + 1,
                hint=Text("encoding_mixed_action"),
            ) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")  # a superset of GBK and GB2312
    except UnicodeDecodeError:
        pass
    else:
        # Big5 (traditional characters) reads as GB18030 too, as nonsense.
        return big5_reading(data, text, path) or (text, "gb18030")
    _refuse_mixed_lines(data, path)
    best = from_bytes(data).best()
    if best is None:
        raise InputError(Text("encoding_unknown"), path=path, hint=Text("encoding_unknown_action"))
    return str(best), best.encoding


#: The start of a file searched for UTF-16's zero bytes.
_UTF16_SAMPLE = 1 << 16


def _refuse_utf16_unmarked(data: bytes, path: Path) -> None:
    """Refuse UTF-16 text without a byte-order mark (`utf16_unmarked`),
    saying how to save it."""
    if utf16_unmarked(data):
        raise InputError(
            Text("encoding_utf16_unmarked"), path=path, hint=Text("encoding_utf16_unmarked_action")
        )


def utf16_unmarked(data: bytes) -> bool:
    """Whether ``data`` is UTF-16 text without the byte-order mark Excel and
    Notepad write: every ASCII character (a comma, a digit, a line break) is
    a zero byte and its own, so zero bytes are common and all on one side of
    the byte pairs.  Such text decodes as UTF-8 (the zero bytes kept) or as
    GBK, into nonsense, and the detector reads it right only sometimes; a
    stray zero byte in UTF-8 text (a damaged copy) is not enough."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    sample = data[:_UTF16_SAMPLE]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    zeros = even + odd
    # Of a Chinese table, only its separators and line breaks may be ASCII:
    # one character in ten is some 5% of its bytes.
    if zeros < 4 or zeros * 50 < len(sample) or min(even, odd) * 10 > zeros:
        return False
    decoder = codecs.getincrementaldecoder("utf-16-be" if even > odd else "utf-16-le")()
    try:
        # A character cut at the sample's end is no fault: only at the file's end.
        decoder.decode(sample, final=len(sample) == len(data))
    except UnicodeDecodeError:
        return False
    return True


#: The encodings a line is tried in, as the whole file is (UTF-8 first: GBK
#: text is seldom valid UTF-8, while UTF-8 text often reads as GB18030).
_LINE_ENCODINGS = {"utf-8": "UTF-8", "gb18030": "GBK"}


def _refuse_mixed_lines(data: bytes, path: Path) -> None:
    """Refuse a file neither all UTF-8 nor all GBK (rows pasted in from a
    file in the other), naming the first line that the encoding of the
    first line with Chinese text cannot read and the other can.  A line in
    neither, or UTF-16 text (it holds zero bytes), is left to the detector."""
    if b"\x00" in data:
        return
    first = named = ""
    for number, line in enumerate(data.split(b"\n"), start=1):
        if line.isascii():
            continue
        reads = [c for c in _LINE_ENCODINGS if reads_as(line, c)]
        if not reads:
            return  # a line in neither: some other encoding, for the detector
        if not first:
            first = reads[0]
            # A traditional-script list's lines read as GB18030 too: say Big5 for them.
            named = "Big5" if first == "gb18030" and reads_better_as_big5(line) else ""
        elif first not in reads:
            raise InputError(
                Text(
                    "encoding_mixed_unmarked",
                    first=named or _LINE_ENCODINGS[first],
                    then=_LINE_ENCODINGS[reads[0]],
                ),
                path=path,
                row=number,
                hint=Text("encoding_mixed_action"),
            )


def _read_xlsx(path: Path, sheet: str) -> tuple[Cells, SheetNotes]:
    # Opened here, so that it is closed even when openpyxl fails half-way.
    with path.open("rb") as handle:
        return _read_workbook(path, handle, sheet)


def load_values(handle: BinaryIO) -> Workbook:
    """A workbook opened to read its cells' values (read-only, formulas as
    their saved values), its chart sheets taken by name only: a chart sheet
    holds no rows, and openpyxl fails on some (one without a chart, a chart
    of a kind it does not know), which called the whole workbook damaged."""
    from openpyxl.chartsheet import Chartsheet
    from openpyxl.reader.excel import ExcelReader

    class _Reader(ExcelReader):
        def read_chartsheet(self, sheet: Any, rel: Any) -> None:
            # As openpyxl's own reader adds it, without its chart.
            book: Any = self.wb
            book._add_sheet(Chartsheet(parent=book, title=sheet.name))

    reader = _Reader(handle, read_only=True, data_only=True)
    reader.read()
    return reader.wb


def _read_workbook(path: Path, handle: BinaryIO, sheet: str) -> tuple[Cells, SheetNotes]:
    try:
        workbook = load_values(handle)
    except workbook_faults() as error:
        raise _unopened(path, error) from None
    long_numbers: set[tuple[int, int]] = set()
    times: set[tuple[int, int]] = set()
    table: Cells = []
    # A chart sheet holds no cells: it is no sheet to read (nor to name).
    every = [each.title for each in workbook.worksheets]
    # A hidden sheet (an old list the desk hid) is not the one Excel shows:
    # read only when named, and named in a warning otherwise.
    unseen = [each.title for each in workbook.worksheets if each.sheet_state != "visible"]
    names = [name for name in every if name not in unseen] or every
    charts = [each.title for each in workbook.chartsheets]
    try:
        _refuse_sheet_unread(path, sheet, every, charts)
        chosen = workbook[sheet] if sheet else _first_filled(workbook, names)
        empty = names[: names.index(chosen.title)] if not sheet else []
        if empty:  # Excel's blank Sheet1 left before the list: nothing there to read
            _log.warning(
                Text(
                    by_count("log_empty_sheets_passed", len(empty)),
                    file=path.name,
                    sheets=listed(empty),
                    sheet=chosen.title,
                )
            )
        if not sheet and unseen and names is not every:
            _log.warning(
                Text(
                    by_count("log_sheets_hidden", len(unseen)),
                    file=path.name,
                    sheets=listed(unseen),
                    sheet=names[0],
                )
            )
        before = workbook.sheetnames[: workbook.sheetnames.index(chosen.title)]
        passed = [name for name in before if name in charts]
        if not sheet and passed:  # Excel opens on the chart: the desk may think it read nothing
            _log.warning(
                Text(
                    by_count("log_chart_sheets_passed", len(passed)),
                    file=path.name,
                    charts=listed(passed),
                    sheet=chosen.title,
                )
            )
        # The sheet's declared size is often stale (written by other tools):
        # trusting it would cut rows or columns off without a word.
        chosen.reset_dimensions()
        member = str(getattr(chosen, "_worksheet_path", ""))
        for number, values in enumerate(chosen.iter_rows(values_only=True), start=1):
            table.append((number, _row_text(path, number, values, long_numbers, times)))
        hidden, merged, hidden_columns = _structure(path, member)
    except InputError:
        raise
    except workbook_faults():
        # A sheet's XML is read as the rows are: a damaged one fails here.
        raise InputError(
            Text("sheet_damaged"),
            path=path,
            row=len(table) + 1,
            hint=Text("save_again_action"),
        ) from None
    finally:
        workbook.close()
    return table, SheetNotes(
        hidden_rows=frozenset(hidden),
        hidden_columns=hidden_columns,
        filled=_fill_merged(table, merged),
        long_numbers=frozenset(long_numbers),
        times=frozenset(times),
        sheet=chosen.title,
        sheets=tuple(names),
    )


def _first_filled(workbook: Workbook, names: Sequence[str]) -> Any:
    """The first of the sheets ``names`` that holds a value, or the first
    when none does (its emptiness is then said as the table's)."""
    for name in names:
        candidate = workbook[name]
        candidate.reset_dimensions()  # a stale declared size may hide its rows
        rows = candidate.iter_rows(values_only=True)
        if any(str(value).strip() for row in rows for value in row if value is not None):
            return candidate
    return workbook[names[0]]


def _row_text(
    path: Path,
    number: int,
    values: Sequence[object],
    long_numbers: set[tuple[int, int]],
    times: set[tuple[int, int]],
) -> list[str]:
    """A sheet row's cells as text, adding to ``long_numbers`` the cells of
    numbers too long for Excel to keep every digit, and to ``times`` those
    Excel holds as a time of day or a duration; a cell of infinity or NaN is
    refused (`_not_finite`)."""
    for index, value in enumerate(values):
        if isinstance(value, float) and not math.isfinite(value):
            raise _not_finite(path, number, index, value)
        if isinstance(value, int | float) and abs(value) >= 1e15:
            long_numbers.add((number, index))
        if isinstance(value, time | timedelta):
            times.add((number, index))
    return [_xlsx_text(v) for v in values]


def _refuse_sheet_unread(
    path: Path, sheet: str, sheets: Sequence[str], charts: Sequence[str]
) -> None:
    """Refuse a workbook without the ``sheet`` named among its ``sheets`` of
    rows (one of its ``charts`` is said to be a chart), or without any."""
    if sheet and sheet not in sheets:
        known = Text("no_sheet_action", sheets=listed(sheets)) if sheets else ""
        if sheet in charts:
            raise InputError(
                Text("sheet_is_chart", sheet=sheet),
                path=path,
                hint=known or Text("no_sheet_of_rows_action"),
            )
        raise InputError(Text("no_sheet", sheet=sheet), path=path, hint=known)
    if not sheets and charts:
        raise InputError(
            Text("no_sheet_of_rows", charts=listed(charts)),
            path=path,
            hint=Text("no_sheet_of_rows_action"),
        )
    if not sheets:
        raise InputError(Text("no_readable_sheet"), path=path, hint=Text("save_again_action"))


def _not_finite(path: Path, row: int, index: int, value: float) -> InputError:
    """A cell holding infinity or NaN: no spreadsheet program saves one (a
    number past 1.8e308 written by another program reads so), and read as
    "inf" it would be a worker id, a batch or a group like any other."""
    return InputError(
        Text("cell_nan" if math.isnan(value) else "cell_infinite"),
        path=path,
        row=row,
        column=column_letter(index),
        hint=Text("cell_not_finite_action"),
    )


def sheet_heads(path: Path, sheets: Sequence[str]) -> dict[str, Cells]:
    """The first `HEADER_ROWS` rows of each of a workbook's ``sheets``, where
    a header is looked for, without reading the rest; a sheet that cannot be
    read is left out (its workbook was read already: this only tells whether
    another sheet holds a list too)."""
    heads: dict[str, Cells] = {}
    try:
        with path.open("rb") as handle:
            workbook = load_values(handle)
            try:
                for name in sheets:
                    chosen = workbook[name]
                    chosen.reset_dimensions()
                    rows = chosen.iter_rows(max_row=HEADER_ROWS, values_only=True)
                    heads[name] = [
                        (number, [_xlsx_text(v) for v in values])
                        for number, values in enumerate(rows, start=1)
                    ]
            finally:
                workbook.close()
    except workbook_faults():
        pass
    return heads


def workbook_faults() -> tuple[type[Exception], ...]:
    """What openpyxl may raise on a damaged workbook, opening it or reading
    its rows: not a zip, damaged compressed data, damaged XML (a
    SyntaxError), a part missing (a LookupError), or a value it cannot take."""
    from openpyxl.utils.exceptions import InvalidFileException

    return (
        InvalidFileException,
        zipfile.BadZipFile,
        zlib.error,
        OSError,
        SyntaxError,
        LookupError,
        ValueError,
        TypeError,
        AttributeError,
    )


def _unopened(path: Path, error: Exception) -> InputError:
    """Why openpyxl could not open a workbook, said for the desk."""
    from openpyxl.utils.exceptions import InvalidFileException

    if isinstance(error, InvalidFileException | zipfile.BadZipFile):
        # Not a zip of a workbook: an old .xls, or another file renamed .xlsx.
        return InputError(Text("xlsx_not_zip"), path=path, hint=Text("save_again_action"))
    if isinstance(error, OSError):
        return InputError(
            Text("xlsx_unreadable", error=system_said(error)),
            path=path,
            hint=Text("save_again_action"),
        )
    # Damaged XML inside a sound zip (a sheet, the workbook, its styles or
    # relationships), or a part missing, fails while the workbook is opened.
    return InputError(Text("workbook_damaged"), path=path, hint=Text("save_again_action"))


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def _structure(path: Path, member: str) -> tuple[set[int], list[str], tuple[tuple[int, int], ...]]:
    """Hidden rows, merged ranges and hidden columns ((first, last) indexes,
    0: A) of a sheet, read from its XML; a formula whose value was never
    saved (the file was written by a program, not Excel) stops the run,
    since its value cannot be known."""
    hidden: set[int] = set()
    merged: list[str] = []
    columns: list[tuple[int, int]] = []
    if not member:
        return hidden, merged, ()
    with zipfile.ZipFile(path) as archive, archive.open(member.lstrip("/")) as xml:
        for _, element in ElementTree.iterparse(xml):
            tag = element.tag
            if tag == f"{_MAIN}col" and _column_hidden(element):
                columns.append((int(element.get("min", "1")) - 1, int(element.get("max", "1")) - 1))
            elif tag == f"{_MAIN}row":
                if element.get("hidden") in ("1", "true"):
                    hidden.add(int(element.get("r", "0")))
                element.clear()
            elif tag == f"{_MAIN}c" and element.find(f"{_MAIN}f") is not None:
                value = element.find(f"{_MAIN}v")
                if value is None or not (value.text or ""):
                    ref = element.get("r", "")
                    letters = ref.rstrip("0123456789")
                    raise InputError(
                        Text("formula_unsaved", cell=ref),
                        path=path,
                        row=int(ref[len(letters) :] or 0) or None,
                        column=letters or None,
                        hint=Text("formula_unsaved_action"),
                    )
            elif tag == f"{_MAIN}mergeCell":
                merged.append(element.get("ref", ""))
    return hidden, [m for m in merged if ":" in m], tuple(columns)


def _column_hidden(element: ElementTree.Element) -> bool:
    """Whether a sheet's ``<col>`` hides its columns: marked hidden, or made
    no wider than nothing (as some programs hide one)."""
    if element.get("hidden") in ("1", "true"):
        return True
    try:
        return element.get("customWidth") in ("1", "true") and float(element.get("width", "1")) <= 0
    except ValueError:
        return False


def _fill_merged(table: Cells, merged: list[str]) -> dict[int, tuple[str, ...]]:
    """Copy each merged range's value into all its cells; row -> ranges filled."""
    from openpyxl.utils.cell import range_boundaries

    by_number = dict(table)
    filled: dict[int, list[str]] = {}
    for ref in merged:
        bounds = range_boundaries(ref)
        if None in bounds:  # a whole row or column merged: nothing to fill
            continue
        first_col, first_row, last_col, last_row = (int(b or 0) for b in bounds)
        top = by_number.get(first_row)
        if top is None or first_col - 1 >= len(top):
            continue
        value = top[first_col - 1]
        for number in range(first_row, last_row + 1):
            cells = by_number.get(number)
            if cells is None:
                continue
            cells.extend([""] * (last_col - len(cells)))
            for column in range(first_col - 1, last_col):
                cells[column] = value
            if number != first_row or last_col > first_col:
                filled.setdefault(number, []).append(ref)
    return {number: tuple(refs) for number, refs in filled.items()}


def _xlsx_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"  # as Excel shows the cell
    if isinstance(value, timedelta):  # as Excel shows a duration ([h]:mm:ss), not "1 day, 2:00"
        seconds = round(value.total_seconds())
        hours, rest = divmod(abs(seconds), 3600)
        return f"{'-' if seconds < 0 else ''}{hours}:{rest // 60:02d}:{rest % 60:02d}"
    if isinstance(value, float) and value.is_integer():
        if abs(value) >= _EXCEL_SCIENTIFIC:  # as Excel shows it: 1E+308, not 309 digits
            return f"{value:G}"
        return str(int(value))  # phone numbers stored as numbers
    return str(value)


#: From here on Excel shows a whole number in scientific notation (1E+21).
_EXCEL_SCIENTIFIC = 1e21


def fields_wanted(fields: Sequence[str], aliases: Mapping[str, tuple[str, ...]]) -> Text:
    """``fields`` as the desk may head them: ``工号（或 worker_id）`` in Chinese,
    ``worker_id (工号)`` in English; a field without a Chinese header by its name."""
    named = []
    for field_name in fields:
        # Chinese words are listed with a bare slash (工号/员工编号), as Chinese is written.
        chinese = "/".join([a for a in aliases.get(field_name, ()) if not a.isascii()][:3])
        wanted = Text("column_wanted", field=field_name, chinese=chinese)
        named.append(wanted if chinese else field_name)
    return listed(named)


def headers_accepted(field_name: str, aliases: Mapping[str, tuple[str, ...]]) -> Text:
    """The headers a field's column is found by, to name the column a file
    lacks: its Chinese ones in Chinese (工号/员工编号/...), its others in
    English (worker_id / employee_id / ...); never the field's key alone
    where the desk heads it otherwise."""
    names = aliases.get(field_name) or (field_name,)
    english = [a for a in names if a.isascii()] or [field_name]
    chinese = [a for a in names if not a.isascii()]
    # Chinese words take a bare slash (工号/员工编号); English ones, spaced, stand out.
    said = " / ".join(english)
    return each_said(said, "/".join(chinese) if chinese else said)


#: Rows searched for a header: a desk's sheet may have a title row or two above it.
HEADER_ROWS = 10


@dataclass(frozen=True, slots=True)
class _Sheet:
    """A sheet (or CSV file) as read, with the row its header is on (its
    position in ``cells``, 0 when no row names a known field)."""

    cells: Cells
    notes: SheetNotes
    header_at: int
    fields: frozenset[str]


def _header_at(cells: Cells, known: Mapping[str, str]) -> tuple[int, frozenset[str]]:
    """The position (1-based) among the first `HEADER_ROWS` rows of the row
    that names the most known fields, and those fields; (0, {}) when none does."""
    best: tuple[int, frozenset[str]] = (0, frozenset())
    for position, (_, row) in enumerate(cells[:HEADER_ROWS], start=1):
        named = frozenset(f for f in (known.get(normalise_header(c)) for c in row) if f)
        if len(named) > len(best[1]):
            best = (position, named)
    return best


def refuse_other_separator(
    cells: Cells, names_any: Callable[[Sequence[str]], bool], path: Path
) -> None:
    """Refuse a table whose header names known columns only when split by
    semicolons or tabs (a European Excel's CSV, Excel's "Unicode text") or
    by full-width commas (typed with a Chinese input method), saying so;
    ``names_any`` tells whether cells name a known column."""
    for row, cells_of_row in cells[:HEADER_ROWS]:
        # A header without a comma is one cell; split by another separator it
        # names known columns only if that separator is what the file uses.
        if len(cells_of_row) != 1:
            continue
        if "，" in cells_of_row[0] and names_any(cells_of_row[0].split("，")):
            # Typed, not saved so: the commas are to retype, not the file to save again.
            raise InputError(
                Text("csv_full_width_commas"),
                path=path,
                row=row,
                hint=Text("csv_full_width_commas_action"),
            )
        for separator, name in _OTHER_SEPARATORS.items():
            if separator in cells_of_row[0] and names_any(cells_of_row[0].split(separator)):
                raise InputError(
                    Text("csv_separator", separator=name),
                    path=path,
                    row=row,
                    hint=Text("csv_separator_action"),
                )


def refuse_full_width_header(
    cells: Cells, header_at: int, names_any: Callable[[Sequence[str]], bool], path: Path
) -> None:
    """Refuse a CSV header typed with commas but for a full-width one (，)
    between two names (工号,姓名，电话): they run into one cell, and the desk
    would be told only that a column is missing.  Said as a header typed
    with full-width commas only is, naming the cell.  ``header_at`` is the
    header's position in ``cells`` (1-based), 0 when no row names a known
    column: then each of the first `HEADER_ROWS` rows is searched;
    ``names_any`` tells whether cells name a known column."""
    rows = cells[header_at - 1 : header_at] if header_at else cells[:HEADER_ROWS]
    for row, cells_of_row in rows:
        # A header of one cell is told by `refuse_other_separator`.
        if len(cells_of_row) < 2:
            continue
        for index, cell in enumerate(cells_of_row):
            if "，" in cell and not names_any([cell]) and names_any(cell.split("，")):
                raise InputError(
                    Text("csv_full_width_commas"),
                    path=path,
                    row=row,
                    column=column_letter(index),
                    hint=Text("csv_full_width_commas_action"),
                )


def warn_hidden_columns(
    path: Path, notes: SheetNotes, columns: Mapping[str, int], headers: Sequence[str]
) -> None:
    """Warn of the ``columns`` read (field -> index) that the sheet hides: the
    desk does not see what is planned on (an old phone column hidden beside
    the new one, an old capacity beside the new).  Hidden columns not read are
    not named."""
    hidden = sorted(index for index in columns.values() if notes.column_hidden(index))
    if hidden:
        named = [f"{column_letter(i)} ({headers[i]})" for i in hidden]
        _log.warning(
            Text(
                by_count("log_columns_hidden", len(named)),
                file=path.name,
                sheet=notes.sheet,
                columns=listed(named),
            )
        )


def warn_header_repeated(path: Path, rows: Sequence[int], header_row: int) -> None:
    """Warn of the ``rows`` that repeat the header (row ``header_row``): two
    lists pasted one under the other, left out as no data."""
    if rows:
        _log.warning(
            Text(
                by_count("log_table_header_repeated", len(rows)),
                file=path.name,
                rows=listed([str(row) for row in rows]),
                header=header_row,
            )
        )


def _names_any(cells: Sequence[str], known: Mapping[str, str]) -> bool:
    """Whether any of ``cells`` is a known header."""
    return any(normalise_header(c) in known for c in cells)


#: Separators Excel or WPS may save a "CSV" with (a European locale, a copy
#: from a web page, "Unicode text"): said by name when the header only reads split by one.
_OTHER_SEPARATORS = {";": Text("separator_semicolon"), "\t": Text("separator_tab")}


class NamedTable:
    """A table whose header (the row among the first ten that names the most
    fields: a title row may stand above it) is matched to fields through
    ``aliases`` (compared as roster headers are: case, spaces and notes
    ignored); its cells are NFKC-normalised, as the roster's are.  Of a
    workbook, the first sheet whose header names the ``required`` fields is
    read, with a warning when it is not the first or another sheet has such
    a header too (rows there would be left out without a word)."""

    def __init__(
        self,
        path: Path,
        aliases: Mapping[str, tuple[str, ...]],
        required: tuple[str, ...],
        *,
        lists: tuple[str, ...] = (),
        alone: str = "",
        stand_ins: Mapping[str, str] | None = None,
        headers: Collection[str] = (),
    ) -> None:
        """``lists``: fields whose cells list things and may be long;
        ``alone``: the field a list of one column holds (`_one_column`),
        headed or not: a column of ids pasted from Excel; ``stand_ins``:
        required fields -> the field whose column may be there instead
        (lat and lon -> a 经纬度 column holding both); ``headers``: other
        columns' headers (`normalise_header`d: a roster's 姓名, name), which a
        top row over that column may be but no title is (`_titles`)."""
        self.path = path
        stand_ins = stand_ins or {}
        known = {normalise_header(a): f for f, names in aliases.items() for a in names}
        sheet = _chosen_sheet(path, known, required, stand_ins)
        cells = sheet.cells
        if not any(c.strip() for _, row in cells for c in row):
            raise InputError(
                Text("file_empty"),
                path=path,
                hint=Text("header_needs", fields=fields_wanted(required, aliases)),
            )
        if sheet.notes.separator:
            refuse_full_width_header(cells, sheet.header_at, lambda c: _names_any(c, known), path)
        if not sheet.header_at:
            refuse_other_separator(cells, lambda c: _names_any(c, known), path)
        header_at = sheet.header_at
        if alone:
            cells, header_at = _column_alone(
                path,
                cells,
                header_at,
                (aliases[alone][0], fields_wanted([alone], aliases)),
                loose=sheet.notes.separator == "\t",
                headers=headers,
            )
        header_row, header = cells[max(header_at, 1) - 1]
        self.columns: dict[str, int] = {}
        for index, text in enumerate(header):
            field = known.get(normalise_header(text))
            if field is not None and field in self.columns:
                raise InputError(
                    Text("two_columns", field=field, first=header[self.columns[field]], then=text),
                    path=path,
                    row=header_row,
                    column=column_letter(index),
                    hint=Text("two_columns_action"),
                )
            if field is not None:
                self.columns[field] = index
        missing = _unmet(required, self.columns.keys(), stand_ins)
        if missing:
            needs: Text = _header_needs(required, missing, aliases, stand_ins)
            raise InputError(
                Text(
                    by_count("table_columns_missing", len(missing)),
                    names=fields_wanted(missing, aliases),
                ),
                path=path,
                row=header_row,
                hint=needs,
            )
        refuse_long_cells(cells, path, [self.columns[f] for f in lists if f in self.columns])
        warn_hidden_columns(path, sheet.notes, self.columns, header)
        self.header_row = header_row
        self.header = {field: header[i] for field, i in self.columns.items()}
        if not header_row:  # unheaded: its column is named by its letter
            self.header = {field: column_letter(i) for field, i in self.columns.items()}
        #: The header's cells, and whether the file is CSV text (cells past
        #: the header there are a row split by a comma, not a note beside it).
        self.width = len(header)
        self.is_text = bool(sheet.notes.separator)
        self.separator = sheet.notes.separator
        filled = [
            (row, values)
            for row, values in cells[max(header_at, 1) :]
            if any(v.strip() for v in values)
        ]
        # Two lists pasted one under the other: the second's header is no row
        # of data (an id 工号, an action "action"), left out as the roster's is.
        again = [row for row, values in filled if self._repeats_header(values, header, known)]
        warn_header_repeated(path, again, header_row)
        self.rows = [(row, values) for row, values in filled if row not in again]
        #: Data rows a workbook hides (filtered out, or hidden by hand).
        self.hidden_rows = tuple(row for row, _ in self.rows if row in sheet.notes.hidden_rows)

    def warn_hidden(self) -> None:
        """Warn that rows the workbook hides are read all the same (a list
        whose hidden rows mean something else refuses them instead)."""
        if self.hidden_rows:
            rows = listed([str(r) for r in self.hidden_rows])
            key = by_count("log_table_rows_hidden_read", len(self.hidden_rows))
            _log.warning(Text(key, file=self.path.name, rows=rows))

    def refuse_wide_rows(self) -> None:
        """Refuse a CSV row with a value past the header's last column, as the
        roster refuses it: a comma typed in a cell (B,1 for B1, 106,23 for
        106.23) split it, and the cells read would be the wrong ones.  Empty
        cells past the header are a trailing comma (Excel's W1,,,), and read."""
        if not self.is_text:
            return
        for row, cells in self.rows:
            filled = [
                (index, value)
                for index, value in enumerate(map(_plain, cells[self.width :]), start=self.width)
                if value
            ]
            if filled:
                index, value = filled[0]
                raise InputError(
                    Text(
                        "edit_cells_more",
                        count=filled[-1][0] + 1,
                        width=self.width,
                        value=value,
                    ),
                    path=self.path,
                    row=row,
                    column=column_letter(index),
                    # Tab-separated text is Excel's copy: no comma split it.
                    hint=Text("fields_tab_action" if self.separator == "\t" else "fields_action"),
                )

    def _repeats_header(
        self, cells: Sequence[str], header: Sequence[str], known: Mapping[str, str]
    ) -> bool:
        """Whether a row is the header again: as it is (`repeats_header`), or
        each filled cell a header of its own column's field (the second list
        headed 员工编号 where the first has 工号)."""
        if repeats_header(cells, header):
            return True
        fields = {index: field for field, index in self.columns.items()}
        filled = [(i, c) for i, c in enumerate(cells) if c.strip()]
        return bool(filled) and all(
            i in fields and known.get(normalise_header(c)) == fields[i] for i, c in filled
        )

    def _cell(self, row: int, cells: list[str], field_name: str, index: int) -> str:
        """A cell's text, NFKC-normalised and trimmed; control characters are
        taken out, with a warning."""
        # NFKC as the roster's cells are: a full-width Ｅ０１ here must match
        # the E01 the roster reads, and １２ be a number.
        value = unicodedata.normalize("NFKC", cells[index]).strip() if index < len(cells) else ""
        if _CONTROL.search(value) or INVISIBLE.search(value):
            value = _plain(value)
            _log.warning(
                Text(
                    "log_control_removed",
                    file=self.path.name,
                    row=row,
                    column=self.header[field_name],
                )
            )
        return value

    def cells_of(self, field_name: str) -> list[str]:
        """Every data row's cell of ``field_name``'s column as `each` reads it
        ("" where the table has no such column), without its warnings: to
        judge a row by the others (which order a column writes a pair in)."""
        index = self.columns.get(field_name)
        if index is None:
            return [""] * len(self.rows)
        return [_plain(cells[index]) if index < len(cells) else "" for _, cells in self.rows]

    def each(self, make: Callable[[int, dict[str, str]], T]) -> Iterator[T]:
        """``make(row, values)`` for every data row; errors name the file's own column."""
        for row, cells in self.rows:
            values = {f: self._cell(row, cells, f, i) for f, i in self.columns.items()}
            try:
                yield make(row, values)
            except InputError as error:
                if error.column in self.header:
                    raise error.in_column(self.header[error.column]) from None
                raise


def _column_alone(
    path: Path,
    cells: Cells,
    header_at: int,
    heading: tuple[str, Text],
    *,
    loose: bool,
    headers: Collection[str],
) -> tuple[Cells, int]:
    """``cells`` and the header's position in them (1-based; 0: none found),
    read as a column pasted from Excel when they are one (`_one_column`):
    each row's one cell stands in the column, wherever a stray tab (unseen in
    a text editor) put it.  With no header, one is added (row 0: no row of
    the file), headed ``heading``'s first (the field's header; its second,
    the headers it may have, is said in the warning), above the column's
    first id, when each of its cells holds a digit, as ids do: the title
    rows above it (`_titles`: 退出人员名单 3月16日 over W00204) are passed
    over, with a warning naming them.  A header the list's field does not
    know (姓名, name: one of ``headers``) is no title, and holds no id: the
    missing header is said."""
    if header_at:
        column = _one_column(cells[header_at - 1 :], loose=loose)
        if column is None:
            return cells, header_at
        start = header_at - 1  # title rows above the header stay as they are
        placed = [(row, _placed(values, column)) for row, values in cells[start:]]
        return [*cells[:start], *placed], header_at
    titles = _titles(cells, headers)
    body = cells[titles:]
    column = _one_column(body, loose=loose)
    ids = all(
        any(c.isdigit() for c in value)
        for _, values in body
        for value in map(_plain, values)
        if value
    )
    if column is None or not ids:
        return cells, header_at
    _refuse_titles_only(path, cells, titles, column, heading[1])
    placed = [(row, _placed(values, column)) for row, values in body]
    passed = [(row, _said_title(values)) for row, values in cells[:titles] if _said_title(values)]
    if passed:
        first = next(row for row, values in body if any(map(_plain, values)))
        _log.warning(
            Text(
                by_count("log_table_title_passed", len(passed)),
                file=path.name,
                rows=listed([str(row) for row, _ in passed]),
                titles=listed([each_said(repr(text), f"“{text}”") for _, text in passed]),
                column=column_letter(column),
                first=first,
                names=heading[1],
            )
        )
    else:
        _log.warning(Text("log_table_read_unheaded", file=path.name, column=column_letter(column)))
    return [*cells[:titles], (0, _placed([heading[0]], column)), *placed], titles + 1


def _refuse_titles_only(
    path: Path, cells: Cells, titles: int, column: int, names: Text | str
) -> None:
    """Refuse a list without a header whose only filled row under its
    ``titles`` is a title too (`_lone_title`: 退出人员 3月16日, a date's
    digits read as an id), as holding only a title: read, the title was an
    id, refused later as naming nobody of the batch.  ``names``: the headers
    the list's column may have, said in what to do."""
    filled = [(row, values) for row, values in cells[titles:] if any(map(_plain, values))]
    if len(filled) != 1 or not _lone_title(filled[0][1], under_title=titles > 0):
        return
    said = [(row, _said_title(values)) for row, values in [*cells[:titles], *filled]]
    said = [(row, text) for row, text in said if text]
    raise InputError(
        Text(
            by_count("table_title_only", len(said)),
            rows=listed([str(row) for row, _ in said]),
            titles=listed([each_said(repr(text), f"“{text}”") for _, text in said]),
            names=names,
        ),
        path=path,
        row=said[0][0],
        column=column_letter(column),
        hint=Text("table_title_only_action", names=names),
    )


#: What a title's digits are (a date, a batch: 3月16日, 2026.3.16, 第2批),
#: never an id's: taken out before a lone row is judged.
_DATED = re.compile(
    r"\d+\s*[年月日号批期]"
    r"|(?<![\d./-])\d{1,4}[./-]\d{1,2}(?:[./-]\d{1,2})?(?![\d./-])"
)


def _lone_title(values: Sequence[str], *, under_title: bool) -> bool:
    """Whether the only filled row of a list without a header is a title,
    not an id: its digits are all a date's or a batch's (`_DATED`), and it
    holds Chinese (a letter of no Latin alphabet), unless it is
    ``under_title`` (a date on a row of its own under 退出人员名单).  An id
    keeps a digit besides (W00206 张三, a name typed after it: read, and
    named with the id it may stand for)."""
    text = " ".join(map(_plain, values))
    if not under_title and not any(c.isalpha() and not c.isascii() for c in text):
        return False
    return not any(char.isdigit() for char in _DATED.sub(" ", text))


#: The most characters of a title a warning quotes.
_TITLE_SAID = 40


def _said_title(values: Sequence[str]) -> str:
    """A title row's text, as a warning quotes it: its filled cells once each
    (a title merged across columns is filled into each), cut short when long."""
    text = " ".join(dict.fromkeys(value for value in map(_plain, values) if value))
    return text if len(text) <= _TITLE_SAID else f"{text[:_TITLE_SAID]}…"


def _titles(cells: Cells, headers: Collection[str]) -> int:
    """How many rows at the top of a list without a header are its title
    (a name and a date: 退出人员名单 3月16日), not ids: each filled one among
    the first `HEADER_ROWS` but one that holds no digit, or a space, a
    letter of no Latin alphabet (Chinese) or a mark that no row below it
    holds, as the ids below share their shape (W00204, W00311); a row that
    opens with an id of that shape (W00206 张三: a name typed after it), a
    header of another column (``headers``: 姓名) and the last filled row are
    never one.  0 when the first filled row is not."""
    leading = [
        position
        for position, (_, values) in enumerate(cells[: HEADER_ROWS - 1])
        if any(map(_plain, values))
    ]
    rest = leading[-1] + 1 if leading else 0
    below = set().union(*(_kinds(values) for _, values in cells[rest:]))
    if not below:  # nothing below the top rows: the last of them is no title
        leading = leading[:-1]
        below = _kinds(cells[rest - 1][1]) if rest else set()
    rows = [cells[position][1] for position in leading]
    # What the rows below each candidate hold, from the bottom up: after[i]
    # for the rows from leading[i] on, a title told from what follows it.
    after = [below]
    for values in reversed(rows):
        after.append(after[-1] | _kinds(values))
    after.reverse()
    for count in range(len(rows), 0, -1):
        if all(_is_title(values, after[count], headers) for values in rows[:count]):
            return leading[count - 1] + 1
    return 0


def _kinds(values: Sequence[str]) -> set[str]:
    """The kinds of character a row's cells hold, as ids are told from a
    title: "digit", "latin" (a letter of the Latin alphabet), "letter" (any
    other: Chinese), "space", and each other character (a mark) itself."""
    kinds = set()
    for value in values:
        for char in _plain(value):
            if char.isdigit():
                kinds.add("digit")
            elif char.isascii() and char.isalpha():
                kinds.add("latin")
            elif char.isalpha():
                kinds.add("letter")
            else:
                kinds.add("space" if char.isspace() else char)
    return kinds


def _is_title(values: Sequence[str], below: set[str], headers: Collection[str]) -> bool:
    """Whether a row of ``values`` is a title above rows holding the kinds of
    character ``below`` (`_kinds`): it holds no digit (no id is without one),
    or a kind besides digits and Latin letters that none of them holds,
    unless its first word holds only what they do (an id, a name after it)
    or it is one of ``headers`` (a column's, not a list's name)."""
    if any(normalise_header(value) in headers for value in values if _plain(value)):
        return False
    held = _kinds(values)
    words = " ".join(map(_plain, values)).split()
    opening = _kinds(words[:1])
    if "digit" in opening and opening <= below:
        return False
    return "digit" not in held or bool(held - below - {"digit", "latin"})


def _one_column(cells: Cells, *, loose: bool) -> int | None:
    """The column of a list of one column, header (if any) first in
    ``cells``: where the first filled cell stands, when no row fills two
    cells and, unless ``loose``, every filled cell stands in that column;
    else None.  ``loose``: tab-separated text (Excel's copy), where a stray
    tab, unseen in a text editor, shifts a cell a column or two."""
    columns = set()
    for _, values in cells:
        filled = [i for i, value in enumerate(values) if _plain(value)]
        if len(filled) > 1:
            return None
        columns.update(filled)
    if not columns or (len(columns) > 1 and not loose):
        return None
    return next(i for _, values in cells for i, value in enumerate(values) if _plain(value))


def _placed(values: list[str], column: int) -> list[str]:
    """A row of one filled cell (or none) with that cell at ``column``."""
    filled = [value for value in values if _plain(value)]
    return [""] * column + filled[:1]


def _plain(cell: str) -> str:
    """A cell as `NamedTable` reads one: NFKC, without control or invisible
    characters, trimmed (empty when nothing else is in it)."""
    value = unicodedata.normalize("NFKC", cell)
    return " ".join(_CONTROL.sub(" ", INVISIBLE.sub("", value)).split())


def _header_needs(
    required: Sequence[str],
    missing: Sequence[str],
    aliases: Mapping[str, tuple[str, ...]],
    stand_ins: Mapping[str, str],
) -> Text:
    """What the header must name: the ``required`` fields, and, of those
    ``missing``, the one column that may stand in for them (经纬度 for lat
    and lon), so that the desk with a column of both knows how to head it."""
    needs = Text("header_needs", fields=fields_wanted(required, aliases))
    instead = sorted({stand_ins[f] for f in missing if f in stand_ins})
    if not instead:
        return needs
    replaced = [f for f in required if stand_ins.get(f) in instead]
    stand_in = Text(
        "header_stand_in",
        fields=fields_wanted(replaced, aliases),
        instead=fields_wanted(instead, aliases),
    )
    return joined([needs, stand_in])


def _unmet(
    required: Sequence[str], fields: Collection[str], stand_ins: Mapping[str, str]
) -> list[str]:
    """The ``required`` fields that neither ``fields`` nor a field standing
    in for them (``stand_ins``) names."""
    return [f for f in required if f not in fields and stand_ins.get(f) not in fields]


def _chosen_sheet(
    path: Path, known: Mapping[str, str], required: tuple[str, ...], stand_ins: Mapping[str, str]
) -> _Sheet:
    """The file's table: of a workbook, the first sheet whose header names
    every ``required`` field, or the one ``stand_ins`` stands in for it
    (else its first sheet), warning when that is not the first sheet or
    when a later one has such a header too."""
    cells, _, notes = read_noted_cells(path, refuse_long=False)
    first = _Sheet(cells, notes, *_header_at(cells, known))
    if len(notes.sheets) < 2:  # one sheet, or CSV text
        return first
    sheets = []
    for name in notes.sheets:  # in the workbook's order; an empty one before was passed over
        if name == notes.sheet:
            sheets.append(first)
            continue
        other, _, other_notes = read_noted_cells(path, sheet=name, refuse_long=False)
        sheets.append(_Sheet(other, other_notes, *_header_at(other, known)))
    full = [s for s in sheets if not _unmet(required, s.fields, stand_ins)]
    if not full:
        return first
    chosen = full[0]
    if chosen is not first:
        _log.warning(
            Text(
                "log_table_sheet_chosen",
                file=path.name,
                sheet=chosen.notes.sheet,
                first=notes.sheet,
            )
        )
    if len(full) > 1:
        others = listed([s.notes.sheet for s in full[1:]])
        _log.warning(
            Text(
                by_count("log_table_sheets_unread", len(full) - 1),
                file=path.name,
                sheet=chosen.notes.sheet,
                sheets=others,
            )
        )
    return chosen
