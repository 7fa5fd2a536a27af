"""The one table writer."""

from __future__ import annotations

import csv
from dataclasses import replace
from pathlib import Path
from unicodedata import east_asian_width
from xml.etree import ElementTree
from zipfile import ZipFile

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from returnbus.render.tables import (
    INTEGER,
    MONEY,
    PAGE,
    TENTHS,
    Blank,
    Number,
    PageMarks,
    Sheet,
    write_table,
    write_xlsx,
)

SHEET = Sheet(
    name="B1",
    title=(("登记表 title",),),
    headers=("a", "b"),
    rows=(("江津", None), ("2", "x")),
    footer=(("签字",),),
    widths=(10, 20),
)
#: The namespace of a worksheet's XML.
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def test_csv_has_a_bom_title_header_rows_and_footer(tmp_path: Path) -> None:
    """CSV: UTF-8 with a byte-order mark, then every part of the sheet in order."""
    path = tmp_path / "t.csv"
    write_table(path, SHEET)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    assert rows == [["登记表 title"], ["a", "b"], ["江津", ""], ["2", "x"], ["签字"]]


def test_a_number_of_its_own_format_is_written_to_its_decimals(tmp_path: Path) -> None:
    """A `Number` (a diff's figures): in a CSV to its format's decimals, no
    thousands separated, as cost_by_employer.csv writes money ("48381.00",
    it was "48381.0", and "1234.5" for 1,234.50 yuan); in a workbook the
    number itself, in its format."""
    figures = ((48381.0, MONEY), (1234.5, MONEY), (98983.04, TENTHS), (1120, INTEGER))
    sheet = Sheet(
        name="F", headers=("v",), rows=[(Number(value, shape),) for value, shape in figures]
    )
    write_table(tmp_path / "f.csv", sheet)
    with (tmp_path / "f.csv").open(encoding="utf-8-sig", newline="") as handle:
        assert list(csv.reader(handle))[1:] == [["48381.00"], ["1234.50"], ["98983.0"], ["1120"]]
    write_table(tmp_path / "f.xlsx", sheet)
    cells = [line[0] for line in load_workbook(tmp_path / "f.xlsx")["F"].iter_rows(min_row=2)]
    assert [(c.value, c.number_format) for c in cells] == list(figures)


def test_xlsx_has_one_sheet_per_table_and_a_note_when_empty(tmp_path: Path) -> None:
    """XLSX: a worksheet per sheet, named after it; an empty workbook says so."""
    write_xlsx(tmp_path / "t.xlsx", [SHEET, Sheet(name="B2", headers=("a",), rows=())])
    book = load_workbook(tmp_path / "t.xlsx")
    assert book.sheetnames == ["B1", "B2"]
    values = [[c for c in row if c is not None] for row in book["B1"].iter_rows(values_only=True)]
    assert values == [["登记表 title"], ["a", "b"], ["江津"], ["2", "x"], ["签字"]]
    assert book["B1"].column_dimensions["B"].width == 20
    write_xlsx(tmp_path / "empty.xlsx", [])
    empty = load_workbook(tmp_path / "empty.xlsx")
    assert empty.sheetnames == ["无内容"]  # the desk's language first: no "(nothing to list)" alone
    assert str(empty["无内容"]["A1"].value).startswith("无内容（")


def test_xlsx_styles_the_title_header_and_boxes_and_names_each_sheet_once(
    tmp_path: Path,
) -> None:
    """The title big and bold, the header bold, header and rows boxed, the
    title and footer not; sheets whose names Excel would clash get a number."""
    clash = [Sheet(name=name, headers=("a",), rows=()) for name in ("B:1", "b_1", "B_1")]
    write_xlsx(tmp_path / "t.xlsx", [SHEET, *clash])
    book = load_workbook(tmp_path / "t.xlsx")
    assert book.sheetnames == ["B1", "B_1", "b_11", "B_12"]
    sheet = book["B1"]
    title, header, row, footer = sheet["A1"], sheet["A2"], sheet["B4"], sheet["A5"]
    assert title.font.bold and title.font.size == 13 and not title.border.left.style
    assert header.font.bold and header.border.left.style == "thin"
    assert not row.font.bold and row.border.bottom.style == "thin" and row.alignment.wrap_text
    assert not footer.font.bold and not footer.border.left.style


def test_control_characters_a_workbook_cannot_hold_are_left_out(tmp_path: Path) -> None:
    """A bell or a NUL pasted into a cell (a roster's, passed through by
    ``geocode``) is dropped from the XLSX, not a crash; the text around it stays."""
    sheet = Sheet(name="g", headers=("姓名",), rows=(("张\x07三\x00",), ("李四\x1b",)))
    write_xlsx(tmp_path / "t.xlsx", [sheet])
    rows = list(load_workbook(tmp_path / "t.xlsx")["g"].iter_rows(values_only=True))
    assert rows == [("姓名",), ("张三",), ("李四",)]


def test_what_xml_cannot_hold_is_left_out_of_cells_and_sheet_names(tmp_path: Path) -> None:
    """A lone surrogate or U+FFFF (from a damaged file) is no XML character:
    lxml, openpyxl's fast writer, refuses it; it is dropped, the text around it stays."""
    import openpyxl.xml

    assert openpyxl.xml.LXML  # the writer the district's workbooks are timed with
    sheet = Sheet(name="车\uffff1", headers=("姓名",), rows=(("张\ud800三\ufffe",), ("李😀",)))
    write_xlsx(tmp_path / "t.xlsx", [sheet])
    book = load_workbook(tmp_path / "t.xlsx")
    assert book.sheetnames == ["车1"]
    assert list(book["车1"].iter_rows(values_only=True)) == [("姓名",), ("张三",), ("李😀",)]


def test_each_sheet_says_its_size_for_readers(tmp_path: Path) -> None:
    """A sheet's size is written at its top, as Excel writes it: without it a
    read-only reader (``verify``) reads each of a district's thousands of sheets twice."""
    wide = Sheet(name="w", headers=("a", "b", "c"), rows=(("1",), ("1", "2", "3", "4")))
    write_xlsx(tmp_path / "t.xlsx", [SHEET, wide])
    book = load_workbook(tmp_path / "t.xlsx", read_only=True)
    assert book["B1"].calculate_dimension() == "A1:B5"
    assert book["w"].calculate_dimension() == "A1:D3"


def test_sheets_are_written_without_a_temporary_file_each(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A sheet's XML is streamed to memory, not to a temporary file of its
    own (a district's papers are thousands of sheets), and the workbook
    still holds every row, width and print setting."""
    from openpyxl.worksheet import _writer

    made: list[str] = []
    create = _writer.create_temporary_file

    def counted(suffix: str = "") -> str:
        made.append(create(suffix))
        return made[-1]

    monkeypatch.setattr(_writer, "create_temporary_file", counted)
    sheets = [replace(SHEET, name=f"B{k}", landscape=k == 2) for k in range(3)]
    write_xlsx(tmp_path / "t.xlsx", sheets)
    assert made == []
    book = load_workbook(tmp_path / "t.xlsx")
    assert book.sheetnames == ["B0", "B1", "B2"]
    for sheet in book.worksheets:
        values = [[c for c in row if c is not None] for row in sheet.iter_rows(values_only=True)]
        assert values == [["登记表 title"], ["a", "b"], ["江津"], ["2", "x"], ["签字"]]
        assert sheet.column_dimensions["B"].width == 20
        assert sheet.print_title_rows == "$2:$2"
    assert book["B2"].page_setup.orientation == "landscape"


def test_a_heading_cell_too_long_to_widen_its_column_for_wraps_in_it(tmp_path: Path) -> None:
    """A heading cell followed by another widens its column to fit, but only
    so far: a long one (a manifest's drop-offs, "A → B → …") wraps in its
    cell on a row tall enough, the table's column left narrow; a short one
    widens its column ("Drivers needed" in an 8-wide one)."""
    stops = " → ".join(f"重庆市江津区德感工业园第{k}号精密机械制造有限公司" for k in range(3))
    sheet = Sheet(
        name="m",
        title=(("Drivers needed", "2", "Driving", "3 h"), ("下车点", stops, "人数", "3 / 5")),
        headers=("a", "b", "c", "d"),
        rows=(("1", "2", "3", "4"),),
        widths=(8, 30, 6, 10),
    )
    write_xlsx(tmp_path / "t.xlsx", [sheet])
    book = load_workbook(tmp_path / "t.xlsx")["m"]
    assert book.column_dimensions["A"].width >= len("Drivers needed") + 1
    assert book.column_dimensions["C"].width >= 5  # "人数"
    width = book.column_dimensions["B"].width
    assert width == 30  # its own: not widened for the drop-offs
    assert book["B2"].alignment.wrap_text and not book["A2"].alignment.wrap_text
    assert not book.merged_cells.ranges  # "人数" and its value stay in their cells
    need = sum(2 if east_asian_width(c) in "WF" else 1 for c in stops)
    lines = -(-need // (width - 1))
    assert lines >= 3
    assert (book.row_dimensions[2].height or 0) >= 15 * lines


def _printed(path: Path) -> tuple[str, list[float]]:
    """A one-sheet workbook's orientation and column widths."""
    (sheet,) = load_workbook(path).worksheets
    widths = [
        sheet.column_dimensions[get_column_letter(c)].width for c in range(1, sheet.max_column + 1)
    ]
    return str(sheet.page_setup.orientation), widths


#: The printable width of an A4 page inside the 0.4-inch margins, portrait
#: and landscape, in pixels at 96 an inch; a column of width w takes 7 w
#: pixels (Calibri 11's widest digit; see tests/render/test_pages.py).
PORTRAIT_PX = (210 / 25.4 - 0.8) * 96
LANDSCAPE_PX = (297 / 25.4 - 0.8) * 96


def test_a_sheet_a_little_too_wide_for_its_page_narrows_its_widest_columns(
    tmp_path: Path,
) -> None:
    """Columns adding up to a little more than the page's width (Excel then
    printed the sheet at 80-95 %) fit it at 100 %: the widest, whose text
    wraps, narrowed to one width; the others, and a `Blank`'s room to write
    in by hand, keep theirs; the page keeps its orientation."""
    rows = (("1", "江津区德感工业园" * 4, "重庆市江津区" * 3, "4"),)
    wide = Sheet(name="w", headers=("a", "b", "c", "d"), rows=rows, widths=(10, 60, 30, 10))
    signed = replace(wide, widths=(10, 20, 40, 40), footer=(("签字", Blank(30)),))
    write_xlsx(tmp_path / "wide.xlsx", [wide])
    write_xlsx(tmp_path / "signed.xlsx", [signed])
    orientation, widths = _printed(tmp_path / "wide.xlsx")
    assert orientation == "portrait"
    assert widths[0] == widths[3] == 10 and widths[2] == 30 and widths[1] < 60
    assert 7 * sum(widths) <= PORTRAIT_PX
    orientation, widths = _printed(tmp_path / "signed.xlsx")
    assert orientation == "portrait"
    assert widths[:2] == [10, 61] and widths[2] == widths[3] < 40  # the blank's room stays
    assert 7 * sum(widths) <= PORTRAIT_PX


def test_a_sheet_too_wide_for_a_portrait_page_turns_landscape(tmp_path: Path) -> None:
    """A portrait sheet whose columns fit a portrait page only narrower than
    a name or a date prints landscape, narrowed to fit it if need be; one too
    wide for a landscape page too keeps its widths (fit to width shrinks it)."""
    ten = Sheet(name="t", headers=tuple("abcdefghij"), rows=(), widths=(20,) * 10)
    write_xlsx(tmp_path / "ten.xlsx", [ten])
    orientation, widths = _printed(tmp_path / "ten.xlsx")
    assert orientation == "landscape" and len(set(widths)) == 1 and widths[0] >= 12
    assert 7 * sum(widths) <= LANDSCAPE_PX
    many = replace(ten, headers=tuple("abcdefghijklmnop"), widths=(20,) * 16)
    write_xlsx(tmp_path / "many.xlsx", [many])
    assert _printed(tmp_path / "many.xlsx") == ("portrait", [20] * 16)


def test_each_printed_page_names_its_sheet_and_says_its_number_of_how_many(
    tmp_path: Path,
) -> None:
    """A sheet with `PageMarks` prints its heading atop every page (a literal
    "&" kept, not read as one of Excel's codes) and its page's number below, its
    pages numbered from 1 even when the workbook is printed whole; a sheet
    without them prints neither."""
    marks = PageMarks(heading="司机行车单  车辆 B&1", page_of=f"第 {PAGE} 页")
    long = PageMarks(heading="车" * 300, page_of=f"p{PAGE}")
    sheets = [
        replace(SHEET, marks=marks),
        replace(SHEET, name="B2"),
        replace(SHEET, name="B3", marks=long),
    ]
    write_xlsx(tmp_path / "t.xlsx", sheets)
    marked, plain, cut = (_header_footer(tmp_path / "t.xlsx", k) for k in (1, 2, 3))
    assert marked == {"oddHeader": "&C司机行车单  车辆 B&&1", "oddFooter": "&C第 &P 页"}
    assert plain == {}
    assert 0 < len(cut["oddHeader"]) <= 255  # Excel refuses a longer one
    book = load_workbook(tmp_path / "t.xlsx")
    setup = book["B1"].page_setup
    assert setup.firstPageNumber == 1 and setup.useFirstPageNumber
    assert book["B1"].print_title_rows == "$2:$2"  # the table's header still repeated


def _header_footer(path: Path, number: int) -> dict[str, str]:
    """The header and footer codes of sheet ``number`` of workbook ``path``,
    as written (openpyxl's reader takes the "1" of "B&&1" for a font size)."""
    with ZipFile(path) as book:
        root = ElementTree.fromstring(book.read(f"xl/worksheets/sheet{number}.xml"))
    found = root.find(f"{{{_MAIN}}}headerFooter")
    return {} if found is None else {e.tag.split("}")[1]: e.text for e in found if e.text}
