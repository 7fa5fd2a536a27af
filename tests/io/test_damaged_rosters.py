"""Damaged and ambiguous rosters: refused or flagged row by row, never read wrong in silence."""

from __future__ import annotations

import logging
import re
from datetime import datetime, time, timedelta
from pathlib import Path

import pytest
from openpyxl import Workbook

from returnbus.errors import InputError
from returnbus.io.roster import RosterSource, read_roster
from returnbus.io.sites import read_employers
from returnbus.text import Text, say

from .test_roster import CHINESE_HEADER, GOOD_ROWS, read, write_csv
from .test_tables import member_changed


def lines(rows: list[list[str]], header: list[str] = CHINESE_HEADER) -> list[str]:
    return [",".join(cells) for cells in [header, *rows]]


def write_lines(path: Path, text_lines: list[str]) -> Path:
    path.write_text("\n".join(text_lines) + "\n", encoding="utf-8")
    return path


def many_rows(count: int) -> list[list[str]]:
    return [[f"B{k:03d}", *GOOD_ROWS[0][1:]] for k in range(count)]


def test_a_stray_quote_that_would_swallow_rows_is_refused(tmp_path: Path) -> None:
    """A quote opening a name makes csv read the next rows as one cell: exit 2 at that row."""
    text = lines(many_rows(6))
    text[2] = text[2].replace(",张三,", ',"张三,', 1)  # row 3 of the sheet
    with pytest.raises(InputError) as caught:
        read(write_lines(tmp_path / "roster.csv", text))
    assert caught.value.row == 3 and caught.value.column == "B"
    assert "quote" in str(caught.value) and "what to do" in str(caught.value)


@pytest.mark.parametrize("further", [1, 2])
def test_a_stray_quote_is_said_to_close_lines_further_on_in_number(
    tmp_path: Path, further: int
) -> None:
    """A quote closed on the next line is "1 line further on" in English, not
    "1 lines"; two lines on are "2 lines"; the Chinese does not change."""
    text = lines(many_rows(6))
    text[2] = text[2].replace(",张三,", ',"张三,', 1)  # row 3 of the sheet
    text[2 + further] = text[2 + further].replace(",张三,", ',张三",', 1)
    with pytest.raises(InputError) as caught:
        read(write_lines(tmp_path / "roster.csv", text))
    said = "1 line further" if further == 1 else f"{further} lines further"
    assert caught.value.row == 3 and said in caught.value.said("en"), caught.value.said("en")
    assert f"到 {further} 行之后才结束" in caught.value.said("zh")


def test_a_quote_that_never_closes_is_refused(tmp_path: Path) -> None:
    text = lines(many_rows(4))
    text[-1] = text[-1].replace(",张三,", ',"张三,', 1)
    text.append("B900,李四,男,13812345678")
    with pytest.raises(InputError, match="quote"):
        read(write_lines(tmp_path / "roster.csv", text))


def test_a_quoted_line_break_in_an_address_is_fine_and_rows_count_as_excel_counts(
    tmp_path: Path,
) -> None:
    """A cell on two lines is one cell; the rows after it keep Excel's numbers."""
    rows = many_rows(3)
    rows[0][6] = '"贵州省遵义市桐梓县\n娄山关街道"'
    report = read(write_lines(tmp_path / "roster.csv", lines(rows)))
    assert [w.row for w in report.workers] == [2, 3, 4]
    assert report.workers[0].address == "贵州省遵义市桐梓县 娄山关街道"


def test_rows_with_too_many_or_too_few_cells_are_rejected_with_the_reason(
    tmp_path: Path,
) -> None:
    rows = many_rows(4)
    text = lines(rows)
    text[2] = text[2].replace("张三", "张,三", 1)  # an unquoted comma: one cell too many
    text[3] = ",".join(rows[2][:5])  # a line cut short
    report = read(write_lines(tmp_path / "roster.csv", text))
    assert [w.row for w in report.workers] == [2, 5]
    reasons = {u.row: u.reason for u in report.rejected}
    assert "12 cells where the header has 11" in reasons[3]
    assert "only 5 cells" in reasons[4]
    assert report.rows_total == 4


def test_tab_separated_rows_short_of_their_header_read_as_their_comma_separated_copy(
    tmp_path: Path,
) -> None:
    """A roster pasted from Excel into a text file whose lines lost the
    trailing tabs of their empty cells (an editor or a chat trims them) had
    every such row refused as having too few cells, with a hint about commas.
    Read as the comma-separated copy is, those cells empty: the same workers,
    and the same problems at the same rows and columns; a row with a value
    past the header is still refused, its hint naming tabs, not commas."""
    header = [*CHINESE_HEADER, "纬度", "经度"]
    rows = [[*r, "", ""] for r in many_rows(3)]
    rows[1][3] = "1380000"  # a phone too short: refused at its column either way
    commas = read(write_lines(tmp_path / "roster.csv", lines(rows, header)))
    trimmed = ["\t".join(r).rstrip("\t") for r in [header, *rows]]
    tabbed = read(write_lines(tmp_path / "roster.txt", trimmed))
    assert [w.id for w in tabbed.workers] == [w.id for w in commas.workers] == ["B000", "B002"]
    said = [(i.row, i.column, i.problem, i.severity) for i in tabbed.issues]
    assert said == [(i.row, i.column, i.problem, i.severity) for i in commas.issues]
    assert [(row, column) for row, column, _, _ in said] == [(3, "phone")], said
    trimmed[3] = "\t".join([*rows[2], "多出"])
    refused = read(write_lines(tmp_path / "roster.txt", trimmed)).rejected[-1]
    assert refused.row == 4 and "14 cells where the header has 13" in refused.reason
    assert "tab" in refused.reason and "comma" not in refused.reason, refused.reason


def test_a_row_typed_with_full_width_commas_is_read_split_and_a_broken_one_keeps_its_line_private(
    tmp_path: Path,
) -> None:
    """A row separated by ， (a Chinese input method) splits into its cells,
    with a warning; a mis-shaped row that does not is refused, and its
    worker id is the id, not the whole line with phone and ID number."""
    rows = many_rows(3)
    text = lines(rows)
    text[2] = "，".join(rows[1])
    text[3] = "，".join(rows[2][:6])
    report = read(write_lines(tmp_path / "roster.csv", text))
    assert [w.row for w in report.workers] == [2, 3]
    assert report.workers[1].id == rows[1][0] and report.workers[1].phone == rows[1][3]
    warned = [i for i in report.issues if i.row == 3]
    assert [i.severity for i in warned] == ["warning"] and "，" in warned[0].problem
    (refused,) = report.rejected
    assert refused.row == 4 and refused.worker_id == rows[2][0]
    assert "only 1 cell where" in refused.reason


@pytest.mark.parametrize("mark", ["", "\ufeff"])
def test_a_header_pasted_again_is_no_worker_and_a_header_alone_is_refused(
    tmp_path: Path, mark: str
) -> None:
    """Two lists pasted one under the other: the second header is left out with
    a warning, by the reader and by verify's row count alike, with or without
    the byte-order mark its file began with; a roster with only a header is an
    input error naming it."""
    from returnbus.io.rowcount import data_rows

    rows = many_rows(4)
    text = lines(rows)
    text.insert(3, mark + text[0])
    path = write_lines(tmp_path / "roster.csv", text)
    report = read(path)
    assert [w.row for w in report.workers] == [2, 3, 5, 6]
    assert report.rows_total == 4 and not report.rejected
    (warned,) = [i for i in report.issues if i.row == 4]
    assert warned.severity == "warning" and "repeats the header" in warned.problem
    assert data_rows(path) == [2, 3, 5, 6]
    with pytest.raises(InputError, match="no worker below it") as caught:
        read(write_lines(tmp_path / "header.csv", text[:1]))
    assert caught.value.row == 1 and caught.value.hint


def test_an_english_header_row_under_the_chinese_one_is_no_worker(tmp_path: Path) -> None:
    """A two-row header (工号 over worker_id, a bilingual template) or a list
    pasted below headed in other words (员工编号 for 工号): the row whose every
    cell heads its own column's field is left out as the header pasted again is,
    by the reader and by verify's row count alike; it was a worker 'worker_id',
    unassigned with five errors, in every count."""
    from returnbus.io.rowcount import data_rows

    english = ["worker_id", "name", "gender", "phone", "id_number", "employer"]
    english += ["home_address", "health_code", "", "", "", "", "batch"]
    other_words = ["员工编号", "", "", "手机", "身份证号码"]
    rows = many_rows(3)
    text = lines(rows)
    text.insert(1, ",".join(english[: len(CHINESE_HEADER)]))
    text.insert(4, ",".join(other_words))
    path = write_lines(tmp_path / "roster.csv", text)
    report = read(path)
    assert [w.row for w in report.workers] == [3, 4, 6]
    assert report.rows_total == 3 and not report.rejected
    warned = [i.row for i in report.issues if "repeats the header" in i.problem]
    assert warned == [2, 5]
    assert data_rows(path) == [3, 4, 6]


@pytest.mark.parametrize("mark", ["\u2028", "\x85", "\x0b", "\x0c", "\x1e"])
def test_a_line_separator_in_a_cell_counts_no_row_for_verify(tmp_path: Path, mark: str) -> None:
    """A cell holding a Unicode line separator (text pasted from a web page),
    Word's manual line break or a page break is one row, as the reader and
    Excel read it, for verify's row count too: it split lines there
    (`str.splitlines`), so `verify --roster` failed a sound plan, a row 'not
    accounted for'."""
    from returnbus.io.rowcount import data_rows

    rows = many_rows(3)
    rows[1][6] = f"贵州省遵义市{mark}桐梓县"
    path = write_lines(tmp_path / "roster.csv", lines(rows))
    assert [w.row for w in read(path).workers] == [2, 3, 4]
    assert data_rows(path) == [2, 3, 4]


@pytest.mark.parametrize("nothing", ["\u00a0", "\u3000", "\u200b", "\x0c", "\x00", '" "'])
def test_a_row_of_cells_holding_nothing_visible_is_blank_for_verify_too(
    tmp_path: Path, nothing: str
) -> None:
    """Rows whose cells hold only spaces of another width (a full-width space
    typed to clear a cell, a web page's no-break space), zero-width or control
    characters are blank rows to the reader, and to verify's row count: it
    counted them as workers the plan did not account for, and failed it."""
    from returnbus.io.rowcount import data_rows

    text = lines(many_rows(3))
    text.insert(2, ",".join([nothing] * len(CHINESE_HEADER)))
    text += [nothing, ",".join([nothing, "", nothing])]
    path = write_lines(tmp_path / "roster.csv", text)
    assert [w.row for w in read(path).workers] == [2, 4, 5]
    assert data_rows(path) == [2, 4, 5]


def test_control_characters_are_removed_with_a_warning_naming_the_row(tmp_path: Path) -> None:
    rows = many_rows(2)
    rows[1][1] = "李\x07四\x1b[31m"
    report = read(write_csv(tmp_path / "roster.csv", rows, encoding="utf-8"))
    assert report.workers[1].name == "李四[31m"
    warned = [i for i in report.issues if i.severity == "warning" and i.column == "name"]
    assert [i.row for i in warned] == [3]


def test_a_zero_width_character_is_taken_out_with_a_warning(tmp_path: Path) -> None:
    """Pasted from a web page or a chat: a zero-width space in an id would
    make W0002 another worker than W0002, and shows as nothing."""
    rows = many_rows(2)
    rows[1][0] = rows[1][0][:2] + "\u200b" + rows[1][0][2:]
    report = read(write_csv(tmp_path / "roster.csv", rows, encoding="utf-8"))
    assert report.workers[1].id == many_rows(2)[1][0]
    warned = [i for i in report.issues if i.severity == "warning" and i.row == 3]
    assert warned and warned[0].column == "worker_id"


def test_two_columns_for_one_field_stop_naming_both(tmp_path: Path) -> None:
    header = [*CHINESE_HEADER, "手机号码"]
    rows = [[*r, "13900000000"] for r in many_rows(2)]
    with pytest.raises(InputError) as caught:
        read(write_csv(tmp_path / "roster.csv", rows, encoding="utf-8", header=header))
    message = str(caught.value)
    assert "D (手机号码)" in message and "L (手机号码)" in message
    assert "[roster.columns]" in message
    # The desk is told the field by its Chinese header, not by the code's name.
    said = caught.value.said("zh")
    assert "都是 手机" in said and "都是 phone" not in said, said


def test_worker_id_outranks_a_serial_number_column(tmp_path: Path) -> None:
    """编号 (a running number) before 工号: the 工号 column gives the id."""
    header = ["编号", *CHINESE_HEADER]
    rows = [[str(k + 1), *r] for k, r in enumerate(many_rows(2))]
    report = read(write_csv(tmp_path / "roster.csv", rows, encoding="utf-8", header=header))
    assert [w.id for w in report.workers] == ["B000", "B001"]


def test_an_explicit_mapping_wins_over_the_usual_names(tmp_path: Path) -> None:
    """[roster.columns] worker_id = "人员编号": the 工号 column is then not the id."""
    header = ["人员编号", *CHINESE_HEADER]
    rows = [[f"P{k}", *r] for k, r in enumerate(many_rows(2))]
    path = write_csv(tmp_path / "roster.csv", rows, encoding="utf-8", header=header)
    report = read_roster(RosterSource(path=path, columns=(("worker_id", "人员编号"),)))
    assert [w.id for w in report.workers] == ["P0", "P1"]


def workbook(
    path: Path, rows: list[list[object]], header: list[str] = CHINESE_HEADER
) -> tuple[Path, Workbook]:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    return path, book


def test_merged_cells_are_filled_down_with_a_warning(tmp_path: Path) -> None:
    """用工单位 merged over three rows: each row gets the employer, and says so."""
    rows: list[list[object]] = [list(r) for r in many_rows(3)]
    rows[1][5] = rows[2][5] = None
    path, book = workbook(tmp_path / "roster.xlsx", rows)
    book.active.merge_cells("F2:F4")  # type: ignore[union-attr]
    book.save(path)
    report = read(path)
    assert [w.employer for w in report.workers] == ["E1", "E1", "E1"]
    warned = [i.row for i in report.issues if "F2:F4" in i.problem]
    assert warned == [3, 4]


def test_a_formula_without_a_saved_value_stops_naming_the_cell(tmp_path: Path) -> None:
    rows: list[list[object]] = [list(r) for r in many_rows(2)]
    rows[1][1] = '=CONCATENATE("李","四")'
    path, book = workbook(tmp_path / "roster.xlsx", rows)
    book.save(path)  # openpyxl saves formulas without their values, as many tools do
    with pytest.raises(InputError) as caught:
        read(path)
    assert (caught.value.row, caught.value.column) == (3, "B")
    assert "save it" in str(caught.value)


def test_ids_turned_into_dates_or_long_numbers_are_reported(tmp_path: Path) -> None:
    rows: list[list[object]] = [list(r) for r in many_rows(3)]
    rows[0][0] = datetime(2020, 3, 1)
    rows[1][4] = 110105194912310000  # an ID number typed into a number cell
    path, book = workbook(tmp_path / "roster.xlsx", rows)
    book.save(path)
    report = read(path)
    assert [u.row for u in report.rejected] == [2]
    assert "date" in report.rejected[0].reason
    flagged = [(i.row, i.column) for i in report.issues if "15 digits" in i.problem]
    assert flagged == [(3, "id_number")]


@pytest.mark.parametrize("skip", [False, True])
def test_hidden_rows_are_reported_and_left_out_only_on_request(tmp_path: Path, skip: bool) -> None:
    path, book = workbook(tmp_path / "roster.xlsx", [list(r) for r in many_rows(3)])
    book.active.row_dimensions[3].hidden = True  # type: ignore[union-attr]
    book.save(path)
    report = read_roster(RosterSource(path=path, skip_hidden_rows=skip))
    hidden = [i for i in report.issues if i.row == 3]
    assert len(hidden) == 1 and hidden[0].severity == ("error" if skip else "warning")
    assert [w.row for w in report.workers] == ([2, 4] if skip else [2, 3, 4])
    assert [u.row for u in report.rejected] == ([3] if skip else [])


def test_hidden_columns_read_are_warned_of_with_sheet_and_column(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A column the roster is read from but the sheet hides (an old phone
    column hidden beside the new one) was read without a word: the desk
    does not see what is planned on.  Read all the same, with a warning
    naming the sheet and each such column; a hidden column not read (a
    note) is not named."""
    caplog.set_level(logging.WARNING)
    header = [*CHINESE_HEADER, "备注"]
    rows: list[list[object]] = [[*r, "x"] for r in many_rows(2)]
    path, book = workbook(tmp_path / "roster.xlsx", rows, header)
    sheet = book.active
    assert sheet is not None
    sheet.title = "名单"
    sheet.column_dimensions["D"].hidden = True  # 手机号码
    sheet.column_dimensions["G"].hidden = True  # 家庭住址: made no wider than nothing, below
    sheet.column_dimensions["L"].hidden = True  # 备注: no field
    book.save(tmp_path / "saved.xlsx")

    def by_width(xml: bytes) -> bytes:
        """G hidden by its width alone, as some programs hide a column."""
        changed, count = re.subn(
            rb'<col hidden="1" width="[\d.]+"( customWidth="1" min="7")', rb'<col width="0"\1', xml
        )
        assert count == 1
        return changed

    member_changed(tmp_path / "saved.xlsx", path, "xl/worksheets/sheet1.xml", by_width)
    report = read(path)
    assert [w.phone for w in report.workers] == ["13812345678", "13812345678"]
    (message,) = [r.msg for r in caplog.records if isinstance(r.msg, Text)]
    assert message.key == "log_columns_hidden"
    english, chinese = say(message, "en"), say(message, "zh")
    assert "'名单'" in english and "D (手机号码), G (家庭住址)" in english
    assert "“名单”" in chinese and "D (手机号码)、G (家庭住址)" in chinese and "备注" not in chinese


def test_a_csv_named_xlsx_and_a_folder_are_input_errors(tmp_path: Path) -> None:
    fake = write_csv(tmp_path / "roster.xlsx", many_rows(1), encoding="utf-8")
    with pytest.raises(InputError, match="not a workbook"):
        read(fake)
    with pytest.raises(InputError, match="folder"):
        read(tmp_path)


def test_a_file_whose_every_row_fails_alike_is_refused_naming_the_cause(tmp_path: Path) -> None:
    """Every health code unreadable (a shifted column, a wrong encoding): refused, not 8 rejects."""
    rows = many_rows(8)
    for row in rows:
        row[7] = "??"
    with pytest.raises(InputError) as caught:
        read(write_csv(tmp_path / "roster.csv", rows, encoding="utf-8"))
    assert caught.value.column == "健康码" and "every one of the 8 rows" in str(caught.value)


def test_a_file_whose_every_row_repeats_one_id_names_the_id_column_as_headed(
    tmp_path: Path,
) -> None:
    """Every row with the same 工号 but other details: refused naming 列“工号”, not worker_id."""
    rows = many_rows(6)
    for number, row in enumerate(rows):
        row[0], row[1] = "B001", f"员工{number}"
    with pytest.raises(InputError) as caught:
        read(write_csv(tmp_path / "roster.csv", rows, encoding="utf-8"))
    said = caught.value.said("zh")
    assert "列“工号”" in said and "worker_id" not in said, said


def test_a_roster_split_by_semicolons_is_refused_saying_so(tmp_path: Path) -> None:
    """Saved with another separator (under a title row): the desk is told which, and
    to save it comma-separated, not only that no header was found."""
    text_lines = ["2020 年返岗名单", *(";".join(r) for r in [CHINESE_HEADER, *many_rows(2)])]
    with pytest.raises(InputError) as caught:
        read(write_lines(tmp_path / "roster.csv", text_lines))
    said = caught.value.said("zh")
    assert caught.value.row == 2 and "分号" in said and "逗号分隔" in said, said
    assert "separated by" in caught.value.said("en")


@pytest.mark.parametrize("title", ["名单,2020", "3月16日补录名单 张三,李四", "名单\t2020,3,16"])
def test_a_tab_separated_roster_under_a_title_with_commas_is_read_by_its_tabs(
    tmp_path: Path, title: str
) -> None:
    """Excel's "Unicode text" (or a copy) under a title typed with a comma was
    refused as separated by tabs, not commas: the title's separator decided
    the file's.  The header and rows under it decide: read by their tabs."""
    text_lines = [title, *("\t".join(r) for r in [CHINESE_HEADER, *many_rows(2)])]
    roster = read(write_lines(tmp_path / "roster.csv", text_lines))
    assert [w.id for w in roster.workers] == ["B000", "B001"]


def test_a_roster_header_typed_with_full_width_commas_is_refused_saying_so(
    tmp_path: Path,
) -> None:
    """A header typed with a Chinese input method (工号，姓名，...) is one cell:
    the desk was told no header was found. The full-width commas are named."""
    text_lines = ["，".join(r) for r in [CHINESE_HEADER, *many_rows(2)]]
    with pytest.raises(InputError) as caught:
        read(write_lines(tmp_path / "roster.csv", text_lines))
    said = caught.value.said("zh")
    assert caught.value.row == 1 and "全角逗号（，）" in said and "半角逗号（,）" in said, said
    assert "full-width commas" in caught.value.said("en")


@pytest.mark.parametrize("joined", [1, 8])
def test_a_roster_header_cell_holding_a_full_width_comma_says_so_at_its_cell(
    tmp_path: Path, joined: int
) -> None:
    """A header typed with ASCII commas but for one full-width comma
    (工号,姓名，性别,...) runs two names into one cell: the desk was told only
    that a column is missing, or nothing when it is not required. The
    full-width comma is named at its cell, with the commas to retype."""
    header = [
        *CHINESE_HEADER[:joined],
        "，".join(CHINESE_HEADER[joined : joined + 2]),
        *CHINESE_HEADER[joined + 2 :],
    ]
    text_lines = [",".join(header)] + [",".join(r) for r in many_rows(2)]
    with pytest.raises(InputError) as caught:
        read(write_lines(tmp_path / "roster.csv", text_lines))
    assert (caught.value.row, caught.value.column) == (1, chr(ord("A") + joined))
    said = caught.value.said("zh")
    assert "全角逗号（，）" in said and "半角逗号（,）" in said, said
    assert "full-width commas" in caught.value.said("en")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig", "utf-8"])
def test_excel_s_unicode_text_roster_reads_as_its_csv_does(tmp_path: Path, encoding: str) -> None:
    """Excel's and WPS's "Unicode text" (.txt: UTF-16 with a byte-order mark,
    tab-separated, cells with a tab or quote quoted) was refused for its tabs.
    It reads as the same roster saved as CSV: every worker, row and cell, a
    comma in an address kept, a title row above the header skipped; and
    verify's row count parts its lines by tabs too."""
    from returnbus.io.rowcount import batch_rows, data_rows

    rows = many_rows(3)
    rows[1][6] = "贵州省遵义市桐梓县,娄山关街道"
    rows[2][1] = "张\t三"
    header = [*CHINESE_HEADER, "返岗批次"]
    rows = [[*r, b] for r, b in zip(rows, ("第一批", "第二批", "第一批"), strict=True)]
    quoted = [[f'"{c}"' if "\t" in c else c for c in r] for r in rows]
    text = "\r\n".join(["2020 年返岗名单\t\t", *("\t".join(r) for r in [header, *quoted])])
    txt = tmp_path / "roster.txt"
    txt.write_bytes((text + "\r\n").encode(encoding))
    csv_rows = [[f'"{c}"' if "," in c else c for c in r] for r in rows]
    csv = write_lines(tmp_path / "roster.csv", lines(csv_rows, header))
    tabbed, commas = read(txt), read(csv)
    assert [w.row for w in tabbed.workers] == [3, 4, 5]
    assert [(w.id, w.name, w.address) for w in tabbed.workers] == [
        (w.id, w.name, w.address) for w in commas.workers
    ]
    assert tabbed.workers[1].address == "贵州省遵义市桐梓县,娄山关街道"
    assert data_rows(txt) == [3, 4, 5]
    assert batch_rows(txt, "第一批") == [3, 5]


def test_a_comma_roster_with_semicolons_in_its_cells_reads_as_usual(tmp_path: Path) -> None:
    rows = many_rows(2)
    rows[0][1], rows[1][6] = "张三;李四", "贵州省;遵义市;桐梓县"
    report = read(write_csv(tmp_path / "roster.csv", rows, encoding="utf-8"))
    assert [w.name for w in report.workers] == ["张三;李四", "张三"]
    assert report.workers[1].address == "贵州省;遵义市;桐梓县" and not report.issues


@pytest.mark.parametrize("text", ["", "\n\n", ",,,\n"])
def test_an_empty_roster_says_the_file_is_empty(tmp_path: Path, text: str) -> None:
    path = tmp_path / "roster.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read(path)
    assert "文件是空的" in caught.value.said("zh") and "empty" in str(caught.value)


def test_control_characters_in_an_employers_file_are_removed_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "employers.csv"
    text = 'employer_id,name,lat,lon\nE1,"重庆\x07某\n机械",29.27,106.23\n'
    path.write_text(text, encoding="utf-8")
    [employer] = read_employers(path)
    assert employer.name == "重庆 某 机械"
    assert "employers.csv row 2, column name: control characters removed" in caplog.text


#: A roster's header with a batch column: the numbers a desk's workbook holds.
_BATCH_HEADER = [*CHINESE_HEADER, "返岗批次"]


@pytest.mark.parametrize(("index", "letter"), [(3, "D"), (4, "E"), (10, "K"), (11, "L")])
@pytest.mark.parametrize("written", ["1E+309", "-1E+309"])
def test_an_infinite_number_in_a_workbook_cell_stops_at_its_row_and_column(
    tmp_path: Path, index: int, letter: str, written: str
) -> None:
    """A number too large for any spreadsheet (1E+309, written by a program:
    Excel cannot hold it) was read as "inf": a worker id, a group, a batch
    "inf", or a phone said to be no mobile number.  It stops at its cell."""
    rows: list[list[object]] = [[*r, "1"] for r in many_rows(3)]
    rows[1][index] = 424242
    path, book = workbook(tmp_path / "made.xlsx", rows, _BATCH_HEADER)
    book.save(path)
    target = member_changed(
        path,
        tmp_path / "roster.xlsx",
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(b"<v>424242</v>", f"<v>{written}</v>".encode()),
    )
    with pytest.raises(InputError) as caught:
        read(target)
    assert (caught.value.row, caught.value.column) == (3, letter), caught.value
    said = str(caught.value)
    assert "infinite" in said and "inf" not in said.replace("infinite", "") and "what to do" in said
    assert "无穷大" in caught.value.said()


def test_a_batch_or_group_stored_as_a_huge_number_is_flagged_at_its_cell(tmp_path: Path) -> None:
    """1E+308 in the batch column was read as a batch of 309 digits, and in
    the group column as a group of them, without a word: the batch is an
    error (the row would join a batch no one planned), the group a warning
    as a long number in a code column is."""
    rows: list[list[object]] = [[*r, "1"] for r in many_rows(3)]
    rows[0][11] = 1e308
    rows[1][10] = 1e308
    path, book = workbook(tmp_path / "roster.xlsx", rows, _BATCH_HEADER)
    book.save(path)
    report = read(path)
    flagged = {(i.row, i.column, i.severity) for i in report.issues if "15 digits" in i.problem}
    assert flagged == {(2, "batch", "error"), (3, "group", "warning")}, report.issues
    # Shown as Excel shows the cell, not as the 309 digits of the float.
    assert {i.value for i in report.issues if "15 digits" in i.problem} == {"1E+308"}


def test_a_batch_or_id_that_excel_took_for_a_time_or_duration_is_flagged_at_its_cell(
    tmp_path: Path,
) -> None:
    """A batch cell holding a duration (26:00:00: openpyxl's timedelta) or a
    time of day (08:30), or a worker id Excel took for a time, was read as
    "1 day, 2:00:00" or "08:30:00": a batch no one planned, an id no one
    typed, without a word.  Each is an error at its cell, shown as Excel
    shows it; a group so is a warning."""
    rows: list[list[object]] = [[*r, "1"] for r in many_rows(4)]
    rows[0][11] = timedelta(days=1, hours=2)
    rows[1][11] = time(8, 30)
    rows[2][0] = time(12, 5)
    rows[3][10] = timedelta(hours=-3)
    path, book = workbook(tmp_path / "roster.xlsx", rows, _BATCH_HEADER)
    book.save(path)
    report = read(path)
    flagged = {
        (i.row, i.column, i.severity, i.value) for i in report.issues if "a time" in i.problem
    }
    assert flagged == {
        (2, "batch", "error", "26:00:00"),
        (3, "batch", "error", "08:30:00"),
        (4, "worker_id", "error", "12:05:00"),
        (5, "group", "warning", "-3:00:00"),
    }, report.issues
    said = {say(i.problem, "zh") for i in report.issues if "a time" in i.problem}
    assert said == {"被 Excel 当成了时间或时长"}
    assert 4 in {u.row for u in report.rejected} and 2 in {u.row for u in report.rejected}


def _charted(path: Path, *, rows: bool, chart: bool = False) -> Path:
    """A workbook whose first sheet is a chart sheet (with a chart, or
    without, as openpyxl fails on), then the roster's sheet when ``rows``."""
    from openpyxl.chart import BarChart, Reference

    _, book = workbook(path, [list(r) for r in many_rows(3)])
    data = book.active
    assert data is not None
    data.title = "名单"
    charts = book.create_chartsheet("图表", 0)
    if chart:
        bars = BarChart()
        bars.add_data(Reference(data, min_col=1, min_row=1, max_row=4))
        charts.add_chart(bars)
    if not rows:
        book.remove(data)
    book.save(path)
    return path


@pytest.mark.parametrize("chart", [False, True])
def test_a_chart_sheet_first_is_passed_over_to_the_first_sheet_of_rows_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, chart: bool
) -> None:
    """A chart sheet holds no rows: the workbook was called damaged (openpyxl
    fails on a chart sheet without a chart), or the chart passed over
    without a word.  The first sheet of rows is read, the chart named."""
    path = _charted(tmp_path / "roster.xlsx", rows=True, chart=chart)
    with caplog.at_level(logging.WARNING):
        report = read(path)
    assert [w.id for w in report.workers] == ["B000", "B001", "B002"]
    (warned,) = [r.msg for r in caplog.records if "chart" in r.getMessage()]
    assert "the chart sheet 图表 holds no rows" in str(warned) and "'名单' was read" in str(warned)
    assert "图表" in say(warned, "zh") and "没有数据行" in say(warned, "zh")


def test_a_workbook_of_chart_sheets_only_says_it_has_no_sheet_of_rows(tmp_path: Path) -> None:
    path = _charted(tmp_path / "roster.xlsx", rows=False)
    with pytest.raises(InputError) as caught:
        read(path)
    said = str(caught.value)
    assert "no sheet of rows" in said and "图表" in said and "damaged" not in said, said
    assert "没有数据行" in caught.value.said()


def test_a_chart_sheet_named_as_the_sheet_to_read_is_said_to_be_a_chart(tmp_path: Path) -> None:
    """--sheet 图表 naming the chart sheet was "no sheet named '图表'"."""
    path = _charted(tmp_path / "roster.xlsx", rows=True, chart=True)
    with pytest.raises(InputError) as caught:
        read_roster(RosterSource(path=path, sheet="图表"))
    said = str(caught.value)
    assert "'图表' is a chart sheet" in said and "名单" in str(caught.value.hint), said


def test_verify_counts_the_rows_of_a_workbook_whose_first_sheet_is_a_chart(
    tmp_path: Path,
) -> None:
    """verify --roster counted such a workbook as damaged."""
    from returnbus.io.rowcount import data_rows

    assert data_rows(_charted(tmp_path / "roster.xlsx", rows=True)) == [2, 3, 4]
