"""Reading drop lists and edits."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from returnbus.errors import InputError
from returnbus.ids import ids_meant
from returnbus.io.changes import (
    excel_mangled,
    read_edits,
    read_worker_ids,
    read_worker_rows,
)
from returnbus.text import say


def book(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    """A workbook of ``sheets`` (title -> rows), in order, saved at ``path``."""
    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    workbook.save(path)
    return path


def test_drop_list_by_chinese_or_english_header(tmp_path: Path) -> None:
    """A 工号 or worker_id column gives the ids; blank rows are skipped."""
    path = tmp_path / "drop.csv"
    path.write_text("姓名,工号\n张伟,W1\n,\n李娜,W2\n", encoding="gbk")
    assert read_worker_ids(path) == ("W1", "W2")
    path.write_text("name\nW1\n", encoding="utf-8")
    with pytest.raises(InputError, match="worker_id") as caught:
        read_worker_ids(path)
    # In Chinese the missing column is named as a desk heads it, 工号, not by its key alone.
    assert "工号" in say(caught.value.message, "zh") and "工号" in say(caught.value.hint, "zh")


def test_edits_in_english_or_chinese_and_their_errors(tmp_path: Path) -> None:
    """move, lock and close read with what each needs; a bad action names its row."""
    path = tmp_path / "edits.csv"
    path.write_text("操作,工号,车号,上车点\n移动,W1,B1,\nlock,,B2,\n关闭,,,P1\n", encoding="utf-8")
    move, lock, close = read_edits(path)
    assert (move.action, move.worker_id, move.bus_id, move.row) == ("move", "W1", "B1", 2)
    assert (lock.action, lock.bus_id) == ("lock", "B2")
    assert (close.action, close.point_id) == ("close", "P1")
    path.write_text("action,bus_id\nfly,B1\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_edits(path)
    assert (caught.value.row, caught.value.column) == (2, "action")
    path.write_text("action,worker_id,bus_id\nmove,W1,\n", encoding="utf-8")
    with pytest.raises(InputError, match="needs a bus_id"):
        read_edits(path)


def test_a_desk_s_words_for_a_change_of_bus_are_a_move_and_an_unknown_action_lists_them(
    tmp_path: Path,
) -> None:
    """A desk writes 调车 or 换车 (in either script, a space typed inside),
    or transfer, for a worker put on another bus: refused as no action,
    they are read as 移动.  An unknown action is still refused at its row and
    column, its hint listing every word the column takes, in both languages."""
    path = tmp_path / "edits.csv"
    path.write_text(
        "操作,工号,车号\n调车,W1,B1\n換 車,W2,B1\nTransfer,W3,B2\n移动,W4,B2\n", encoding="utf-8"
    )
    edits = read_edits(path)
    assert [(e.action, e.worker_id, e.row) for e in edits] == [
        ("move", "W1", 2),
        ("move", "W2", 3),
        ("move", "W3", 4),
        ("move", "W4", 5),
    ]
    path.write_text("操作,工号,车号\n飞走,W1,B1\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_edits(path)
    assert (caught.value.row, caught.value.column) == (2, "操作")
    assert "飞走" in say(caught.value.message, "zh")
    for lang in ("zh", "en"):
        hint = say(caught.value.hint, lang)
        for word in ("移动", "调车", "换车", "transfer", "锁定", "关闭", "解锁", "恢复", "restore"):
            assert word in hint, (lang, hint)


def test_a_title_row_above_the_header_is_skipped_as_the_roster_skips_it(tmp_path: Path) -> None:
    """Desks head a list with a title: the header is found below it, as a roster's is."""
    csv = tmp_path / "drop.csv"
    csv.write_text("退出人员名单,,\n工号,姓名,原因\nW1,张伟,生病\nW2,李娜,\n", encoding="gbk")
    assert read_worker_rows(csv) == ((3, "W1"), (4, "W2"))
    xlsx = book(tmp_path / "drop.xlsx", {"退出": [["某园区退出名单"], [], ["工号"], ["W3"]]})
    assert read_worker_rows(xlsx) == ((4, "W3"),)
    edits = tmp_path / "edits.csv"
    edits.write_text("调度台改动,\n操作,车号\n锁定,B1\n", encoding="utf-8")
    (lock,) = read_edits(edits)
    assert (lock.action, lock.bus_id, lock.row) == ("lock", "B1", 3)


@pytest.mark.parametrize("header", ["员工号", "编号", "employee_id"])
def test_a_drop_list_takes_every_header_the_roster_takes_for_the_id(
    tmp_path: Path, header: str
) -> None:
    """A drop list headed as the roster may be (员工号, 编号) is read, not refused."""
    path = tmp_path / "drop.csv"
    path.write_text(f"{header},姓名\nW1,张伟\n", encoding="utf-8")
    assert read_worker_ids(path) == ("W1",)


def test_edits_take_the_roster_s_id_headers_and_a_missing_column_names_the_header(
    tmp_path: Path,
) -> None:
    """员工编号 is the worker's id, 车辆编号 the bus's; an action whose column is
    missing altogether says so at the header, not as an empty cell of the row."""
    path = tmp_path / "edits.csv"
    path.write_text("操作,员工编号,车辆编号\n移动,W1,B1\n", encoding="utf-8")
    (move,) = read_edits(path)
    assert (move.worker_id, move.bus_id) == ("W1", "B1")
    path.write_text("操作,车牌\n锁定,渝A12345\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_edits(path)
    assert caught.value.row == 1
    assert "车号" in say(caught.value.message, "zh") and "表头" in say(caught.value.message, "zh")


def test_lists_headed_and_written_in_traditional_characters_read_as_simplified_ones(
    tmp_path: Path,
) -> None:
    """員工編號 heads a drop list's ids; an edits file's 車輛編號 and 上車點編號 are
    its bus and stop, and 移動, 鎖定, 關閉 its actions, as on a traditional-script
    keyboard."""
    drop = tmp_path / "drop.csv"
    drop.write_text("姓名,員工編號\n李明,W1\n", encoding="utf-8")
    assert read_worker_ids(drop) == ("W1",)
    # Taiwan's word for the id, as the roster's reader knows it; in Big5, as a Taiwan Excel saves.
    drop.write_bytes("姓名,員工代號\n李明,W2\n".encode("cp950"))
    assert read_worker_ids(drop) == ("W2",)
    edits = tmp_path / "edits.csv"
    edits.write_text(
        "操作,工號,車輛編號,上車點編號\n移動,W1,B1,\n鎖定,,B2,\n關閉,,,P1\n", encoding="utf-8"
    )
    move, lock, close = read_edits(edits)
    assert (move.action, move.worker_id, move.bus_id) == ("move", "W1", "B1")
    assert (lock.action, lock.bus_id) == ("lock", "B2")
    assert (close.action, close.point_id) == ("close", "P1")


def test_the_list_on_a_later_sheet_is_read_and_other_lists_are_warned_of(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A cover sheet (or Excel's empty Sheet1) before the list: the sheet with
    the header is read, with a warning; a second sheet with the header too
    (a list per day) is not read, and the warning names it."""
    caplog.set_level(logging.WARNING)
    path = book(
        tmp_path / "drop.xlsx",
        {"Sheet1": [], "3月15日": [["工号"], ["W1"]], "3月16日": [["工号"], ["W2"]]},
    )
    assert read_worker_ids(path) == ("W1",)
    assert "'3月15日'" in caplog.text and "the sheet Sheet1 before it is empty" in caplog.text
    assert "the sheet 3月16日 has such a header too and was NOT read" in caplog.text


def test_a_hidden_sheet_with_the_header_is_not_read_in_place_of_the_shown_one(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Yesterday's list hidden before today's: today's, the one Excel shows,
    is read, and the hidden one is named in a warning."""
    caplog.set_level(logging.WARNING)
    path = book(
        tmp_path / "drop.xlsx", {"3月15日": [["工号"], ["W9"]], "3月16日": [["工号"], ["W1"]]}
    )
    workbook = load_workbook(path)
    workbook["3月15日"].sheet_state = "hidden"
    workbook.active = 1
    workbook.save(path)
    assert read_worker_ids(path) == ("W1",)
    assert "3月15日" in caplog.text and "hidden" in caplog.text, caplog.text


def test_a_chart_sheet_beside_the_list_is_passed_over(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A workbook with a chart on a sheet of its own (a chart sheet, which
    holds no cells) after the list was refused as "damaged" when its sheets
    were searched for the header; a chart sheet first had the list's sheet
    read twice and warned of as "NOT read".  Chart sheets are passed over,
    one before the list with a warning (Excel opens the workbook on it)."""
    from openpyxl.chart import BarChart

    caplog.set_level(logging.WARNING)
    for first in (False, True):
        workbook = Workbook()
        sheet = workbook.active
        assert sheet is not None
        sheet.title = "退出"
        for row in (["工号"], ["W1"], ["W2"]):
            sheet.append(row)
        charts = workbook.create_chartsheet("图表", 0 if first else None)
        charts.add_chart(BarChart())
        path = tmp_path / f"drop{int(first)}.xlsx"
        workbook.save(path)
        assert read_worker_ids(path) == ("W1", "W2")
        passed = [r for r in caplog.records if "图表" in r.getMessage()]
        assert ["passed over" in r.getMessage() for r in passed] == [True] * first
        assert "NOT read" not in caplog.text, caplog.text
        caplog.clear()


def test_rows_a_filter_hides_are_refused_naming_them(tmp_path: Path) -> None:
    """A list filtered in Excel still holds the rows it hides: read, they would
    drop workers the desk did not mean."""
    path = book(
        tmp_path / "drop.xlsx", {"名单": [["工号", "状态"], ["W1", "退出"], ["W2", "在岗"]]}
    )
    from openpyxl import load_workbook

    workbook = load_workbook(path)
    workbook.worksheets[0].row_dimensions[3].hidden = True
    workbook.save(path)
    with pytest.raises(InputError) as caught:
        read_worker_ids(path)
    assert caught.value.row == 3
    assert "筛选" in say(caught.value.message, "zh")


def test_a_drop_row_without_an_id_is_warned_of_and_a_list_without_any_refused(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A row with a name and no id drops nobody: said, since its worker keeps
    the seat.  A list naming nobody at all (a header alone, or names with no
    ids) is refused at its id column: re-planned, the batch would be recorded
    unchanged.  An empty edits file stays a warning."""
    caplog.set_level(logging.WARNING)
    path = tmp_path / "drop.csv"
    path.write_text("工号,姓名\nW1,张伟\n,李娜\n", encoding="utf-8")
    assert read_worker_ids(path) == ("W1",)
    assert "drop.csv, row 3: no worker id in the column 工号" in caplog.text
    for text, row, column in (
        ("退出名单\n姓名,员工编号\n", 2, "员工编号"),
        ("工号,姓名\n,李娜\n", 1, "工号"),
    ):
        path.write_text(text, encoding="utf-8")
        with pytest.raises(InputError) as caught:
            read_worker_ids(path)
        assert (caught.value.path, caught.value.row, caught.value.column) == (path, row, column)
        assert f"{column} 列下没有工号" in say(caught.value.message, "zh")
        assert "--drop" in say(caught.value.hint, "zh") and "--drop" in say(caught.value.hint, "en")
    path.write_text("操作,车号\n", encoding="utf-8")
    assert read_edits(path) == ()
    assert "holds no edit" in caplog.text


def test_a_header_repeated_below_two_pasted_lists_is_left_out_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Desks paste two lists one under the other: the second's header (as it
    is, or headed by another of the id's names) was read as a worker id 工号,
    or an action "action". It is left out with a warning naming its row, as
    the roster's is; an id that only looks like a header word is kept."""
    caplog.set_level(logging.WARNING)
    path = tmp_path / "drop.csv"
    path.write_text("工号,姓名\nW1,张伟\n工号,姓名\nW2,李娜\n员工编号,\nW3,\n", encoding="utf-8")
    assert read_worker_ids(path) == ("W1", "W2", "W3")
    assert "drop.csv, rows 3, 5: the header again (row 1), left out" in caplog.text
    edits = tmp_path / "edits.csv"
    edits.write_text("操作,工号,车号\nlock,,B1\n\n操作,工号,车号\nmove,W1,B2\n", encoding="utf-8")
    assert [e.row for e in read_edits(edits)] == [2, 5]
    assert "edits.csv, row 4: the header again (row 1)" in caplog.text
    caplog.clear()
    path.write_text("工号,姓名\n工号,张伟\n", encoding="utf-8")
    assert read_worker_ids(path) == ("工号",)
    assert "the header again" not in caplog.text


def test_semicolon_separated_lists_say_so(tmp_path: Path) -> None:
    """A European CSV: the separator is named, as for a roster, rather than a
    column said to be missing."""
    path = tmp_path / "drop.csv"
    path.write_text("工号;姓名\nW1;张伟\n", encoding="utf-8")
    with pytest.raises(InputError, match="separated by"):
        read_worker_ids(path)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8"])
def test_excel_s_unicode_text_lists_are_read_by_their_tabs(tmp_path: Path, encoding: str) -> None:
    """Excel's "Unicode text" (.txt, UTF-16 with a byte-order mark, tabs) was
    refused for its separator: a drop list or edits file saved so now reads
    as its CSV does, a title row above the header skipped."""
    path = tmp_path / "drop.txt"
    path.write_text("退出人员\t\n姓名\t工号\n张伟\tW1\n李娜,王芳\tW2\n", encoding=encoding)
    assert read_worker_rows(path) == ((3, "W1"), (4, "W2"))
    edits = tmp_path / "edits.txt"
    edits.write_text("操作\t工号\t车号\n移动\tW1\tB1\nlock\t\tB2\n", encoding=encoding)
    move, lock = read_edits(edits)
    assert (move.action, move.worker_id, move.bus_id, move.row) == ("move", "W1", "B1", 2)
    assert (lock.action, lock.bus_id, lock.row) == ("lock", "B2", 3)


def test_ids_excel_made_numbers_are_told_apart_only_when_one_roster_id_fits() -> None:
    """101 is 00101 when the roster has that one id with zeros; with two that
    fit (0101 and 00101) neither is named; 1.2E+17 is scientific notation."""
    lost, scientific = excel_mangled({"101", "7", "1.2E+17", "X1"}, {"00101", "007", "0007"})
    assert lost == (("101", "00101"),)
    assert scientific == ("1.2E+17",)


def test_an_id_written_as_the_number_it_ends_in_is_told_when_one_roster_id_fits() -> None:
    """204 (or 0204) is W00204 when that one roster id ends in 204, leading
    zeros aside; not W1204, whose number is another; with W305 and E0305
    both, 305 is neither; an id of digits is not meant by one typed with
    zeros it does not have (0042 for 42)."""
    roster = {"W00204", "W1204", "W305", "E0305", "42", "X", "W000"}
    lost, _ = excel_mangled({"204", "0204", "305", "0042", "0", "1204x"}, roster)
    assert lost == (("0204", "W00204"), ("204", "W00204"))


def test_ids_differing_only_in_case_are_named_only_when_one_roster_id_fits() -> None:
    """w1 is W1 when the roster has that one; with Ab and AB both, neither is named."""
    assert ids_meant({"w1", "ab", "X9"}, {"W1", "Ab", "AB"}) == (("w1", "W1"),)


def test_an_edit_written_twice_is_applied_once_and_warned_of(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A line copied twice (the same lock, close or move) was read twice: a
    lock or close in silence, a move refused as moving the worker twice.
    It changes nothing the first did not, so it is applied once with a
    warning naming both rows; an id in another case is another edit."""
    caplog.set_level(logging.WARNING)
    path = tmp_path / "edits.csv"
    path.write_text(
        "操作,工号,车号,上车点\n锁定,,B1,\n关闭,,,P1\n锁定,,B1,\n移动,W1,B2,\n"
        "lock,,B1,\n移动,W1,B2,\n锁定,,b1,\n",
        encoding="utf-8",
    )
    edits = read_edits(path)
    assert [(e.action, e.row) for e in edits] == [
        ("lock", 2),
        ("close", 3),
        ("move", 5),
        ("lock", 8),
    ]
    assert "edits.csv, rows 4, 6: the same edit as row 2, applied once" in caplog.text
    assert "edits.csv, row 7: the same edit as row 5, applied once" in caplog.text


def test_an_id_an_edit_does_not_use_is_warned_of(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A lock with a stop filled in, or a close with a bus: the desk may have
    meant a second edit, which was dropped in silence. The edit is read as
    its action says, with a warning naming the row, the column and the id."""
    caplog.set_level(logging.WARNING)
    path = tmp_path / "edits.csv"
    path.write_text(
        "操作,工号,车号,上车点\n锁定,,B1,P9\n关闭,W3,,P1\n移动,W1,B2,\n", encoding="utf-8"
    )
    lock, close, move = read_edits(path)
    assert (lock.point_id, close.worker_id, move.point_id) == ("", "", "")
    assert "edits.csv, row 2: lock takes no 上车点: 'P9' was not read" in caplog.text
    assert "edits.csv, row 3: close takes no 工号: 'W3' was not read" in caplog.text
    assert "row 4" not in caplog.text


def test_a_header_typed_with_full_width_commas_says_so(tmp_path: Path) -> None:
    """操作，车号，上车点 typed with a Chinese input method is one cell: the
    desk was told only that 操作 is missing. The full-width commas are named
    at the header's row, with what to type instead."""
    edits = tmp_path / "edits.csv"
    edits.write_text("操作，车号，上车点\n锁定，B1，\n", encoding="utf-8")
    drop = tmp_path / "drop.csv"
    drop.write_text("改动说明\n工号，姓名\nW1，张伟\n", encoding="utf-8")
    for path, read, row in ((edits, read_edits, 1), (drop, read_worker_ids, 2)):
        with pytest.raises(InputError) as caught:
            read(path)
        assert (caught.value.path, caught.value.row) == (path, row)
        assert "全角逗号（，）" in say(caught.value.message, "zh")
        assert "full-width commas (，)" in say(caught.value.message, "en")
        assert "半角逗号（,）" in say(caught.value.hint, "zh")
        assert "(,)" in say(caught.value.hint, "en")


def test_an_edits_row_with_more_cells_than_its_header_is_refused(tmp_path: Path) -> None:
    """An unquoted comma in a cell (B,1 for B1) splits it: the rest went past
    the header and was dropped without a word, leaving bus B. The row is
    refused, as the roster refuses it, naming the cell past the header and its
    value; an empty cell past it (a trailing comma) is no value and is read."""
    path = tmp_path / "edits.csv"
    path.write_text("操作,车号\n锁定,B2,\n锁定,B,1\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_edits(path)
    assert (caught.value.path, caught.value.row, caught.value.column) == (path, 3, "C")
    assert "'1'" in say(caught.value.message, "en")
    assert "“1”" in say(caught.value.message, "zh")
    assert "3 cells" in say(caught.value.message, "en")
    path.write_text("操作,车号\n锁定,B2,\n", encoding="utf-8")
    (lock,) = read_edits(path)
    assert lock.bus_id == "B2"


def test_a_worker_listed_twice_in_a_drop_list_is_warned_of(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A worker id on two rows (pasted twice, or one row meant for another
    worker) passed without a word: it is warned of naming both rows."""
    caplog.set_level(logging.WARNING)
    path = tmp_path / "drop.csv"
    path.write_text("工号\nW1\nW2\nW1\nW3\n", encoding="utf-8")
    assert set(read_worker_ids(path)) == {"W1", "W2", "W3"}
    assert "drop.csv, rows 2, 4: worker W1 is listed on each" in caplog.text
    assert "W2" not in caplog.text and "W3" not in caplog.text


def test_a_drop_list_row_with_a_value_past_its_header_is_refused(tmp_path: Path) -> None:
    """A worker id typed with an unquoted comma (W1,2 for W12) split the row:
    the rest, past the header, was dropped without a word, and worker W1 left
    the bus in W12's place. The row is refused as an edits file's is, naming
    the cell past the header and its value; empty cells past it (Excel's
    W1,,,) are no value and are read."""
    path = tmp_path / "drop.csv"
    path.write_text("工号\nW3,,,\nW1,2\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_worker_ids(path)
    assert (caught.value.path, caught.value.row, caught.value.column) == (path, 3, "B")
    assert "'2'" in say(caught.value.message, "en")
    assert "“2”" in say(caught.value.message, "zh")
    assert caught.value.hint
    path.write_text("工号,姓名\nW3,张伟,,\nW1,,\n", encoding="utf-8")
    assert read_worker_ids(path) == ("W3", "W1")


@pytest.mark.parametrize(
    ("name", "text", "read", "row", "column"),
    [
        ("edits.csv", "操作,工号，车号,上车点\n锁定,,B1,\n", read_edits, 1, "B"),
        ("drop.csv", "退出名单\n工号，姓名,原因\nW1,张伟,生病\n", read_worker_ids, 2, "A"),
        ("drop.csv", "原因,姓名，工号\n生病,张伟,W1\n", read_worker_ids, 1, "B"),
    ],
)
def test_a_header_cell_holding_a_full_width_comma_says_so_at_its_cell(
    tmp_path: Path,
    name: str,
    text: str,
    read: Callable[[Path], object],
    row: int,
    column: str,
) -> None:
    """A header typed with ASCII commas but for one full-width comma (工号，车号)
    runs two names into one cell: the desk was told only that a column is
    missing. The full-width comma is named at its cell, as a header typed
    with full-width commas only is named."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read(path)
    assert (caught.value.path, caught.value.row, caught.value.column) == (path, row, column)
    assert "全角逗号（，）" in say(caught.value.message, "zh")
    assert "full-width commas (，)" in say(caught.value.message, "en")
    assert "半角逗号（,）" in say(caught.value.hint, "zh")


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_edit_ids_are_read_half_width_and_trimmed_but_keep_their_letter_case(
    tmp_path: Path, suffix: str
) -> None:
    """As the README says: an id typed full width (Ｂ９３ｂ) or with spaces
    around it (a full-width one too) is read as the plain id, as the
    roster's are; its letter case is kept, for the re-plan to refuse."""
    rows = [
        ["action", "bus_id", "worker_id", "point_id"],
        ["lock", " Ｂ９３ｂ１９ｂ\u3000", "", ""],
        ["move", "b93b19b", "\u3000ｗ００１ ", ""],
        ["close", "", "", " P12ab"],
    ]
    path = tmp_path / f"edits.{suffix}"
    if suffix == "csv":
        path.write_text("".join(",".join(row) + "\n" for row in rows), encoding="utf-8")
    else:
        cells: list[list[object]] = [list(row) for row in rows]
        book(path, {"edits": cells})
    edits = read_edits(path)
    assert [(e.bus_id, e.worker_id, e.point_id) for e in edits] == [
        ("B93b19b", "", ""),
        ("b93b19b", "w001", ""),
        ("", "", "P12ab"),
    ]


def test_an_action_typed_with_spaces_inside_or_around_reads_as_the_action(
    tmp_path: Path,
) -> None:
    """锁 定 or 解锁　(a full-width space) is the action it spells: no action
    holds a space, so the desk's stray one is no other word; an action that
    is none is still refused at its row and column, 操作 as the file heads it."""
    path = tmp_path / "edits.csv"
    path.write_text("操作,工号,车号\n锁 定,,B1\n 解锁\u3000,,B2\nMO VE,W1,B3\n", encoding="utf-8")
    assert [(e.action, e.row) for e in read_edits(path)] == [
        ("lock", 2),
        ("unlock", 3),
        ("move", 4),
    ]
    path.write_text("操作,车号\n锁 车,B1\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_edits(path)
    # Its column named as the file heads it, as that of an id a move lacks.
    assert (caught.value.row, caught.value.column) == (2, "操作")
    path.write_text("操作,工号,车号\n移动,W1,\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_edits(path)
    assert (caught.value.row, caught.value.column) == (2, "车号")


@pytest.mark.parametrize(
    ("text", "rows", "unheaded"),
    [
        # Header typed with a leading tab; ids pasted under it without one.
        ("\t工号\nW1\nW2\n", ((2, "W1"), (3, "W2")), False),
        # Excel's copy, CRLF, a stray tab after an id and a blank line between.
        ("工号\r\n\tW1\r\n\r\nW2\t\r\n\t\r\n", ((2, "W1"), (4, "W2")), False),
        # No header: a column of ids, in column B or A, from line 1.
        ("\tW1\n\tW2\n", ((1, "W1"), (2, "W2")), True),
        ("\t\nW1\t\n\nW2\n", ((2, "W1"), (4, "W2")), True),
        ("W1\r\nW2\r\n", ((1, "W1"), (2, "W2")), True),
    ],
)
def test_a_column_of_ids_pasted_from_excel_reads_with_or_without_its_header(
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    text: str,
    rows: tuple[tuple[int, str], ...],
    unheaded: bool,
) -> None:
    """A drop list pasted from Excel into a text editor is tab-separated:
    a stray tab (unseen there) put the ids a column off their header, which
    was read as ids missing (nobody dropped) or refused with a hint about
    commas; a list without a header was refused as missing its 工号 column.
    A list of one column is read as one, each row's cell its id, with or
    without a header (said when without), blank lines skipped."""
    caplog.set_level(logging.WARNING)
    path = tmp_path / "drop.txt"
    path.write_text(text, encoding="utf-8")
    assert read_worker_rows(path) == rows
    assert ("drop.txt has no header" in caplog.text) == unheaded, caplog.text
    assert "no worker id" not in caplog.text


def test_a_list_not_of_one_column_of_ids_is_still_refused_and_a_tab_s_hint_names_tabs(
    tmp_path: Path,
) -> None:
    """Two values on a row of a one-column list are refused as before, the
    hint naming tabs for tab-separated text (no comma split it), commas for
    a CSV; a header the list does not know (姓名) over one column is no id:
    the missing 工号 column is said, as it was."""
    path = tmp_path / "drop.txt"
    path.write_text("工号\nW1\tW2\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_worker_ids(path)
    assert (caught.value.row, caught.value.column) == (2, "B")
    assert "制表符" in say(caught.value.hint, "zh") and "tab" in say(caught.value.hint, "en")
    assert "逗号" not in say(caught.value.hint, "zh")
    path.write_text("工号\n,W1\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_worker_ids(path)
    assert "逗号" in say(caught.value.hint, "zh")
    for text in ("姓名\n张伟\n李娜\n", "\t姓名\n\t张伟\n", "退出名单\n"):
        path.write_text(text, encoding="utf-8")
        with pytest.raises(InputError) as caught:
            read_worker_ids(path)
        assert "工号" in say(caught.value.message, "zh"), text


@pytest.mark.parametrize(
    ("name", "rows", "read", "titles"),
    [
        # A title with a date (digits: it was read as an id), over a column of ids.
        (
            "drop.csv",
            ["退出人员名单 3月16日", "W00204", "W00311"],
            ((2, "W00204"), (3, "W00311")),
            "1",
        ),
        # A title without a digit (the list was refused as missing its 工号 column).
        ("drop.csv", ["退出名单", "", "W00204"], ((3, "W00204"),), "1"),
        # Two title rows, the second a date; ids of digits alone, in a tab-separated copy.
        (
            "drop.txt",
            ["退出人员名单", "2026.3.16\t", "00204", "\t00311"],
            ((3, "00204"), (4, "00311")),
            "1, 2",
        ),
        ("drop.xlsx", ["退出人员名单 3月16日", "W00204"], ((2, "W00204"),), "1"),
    ],
)
def test_a_title_row_above_an_unheaded_column_of_ids_is_passed_over_with_a_warning(
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    name: str,
    rows: list[str],
    read: tuple[tuple[int, str], ...],
    titles: str,
) -> None:
    """A drop list typed as a title (退出人员名单 3月16日) above a column of
    ids, with no 工号 header, was refused as missing its 工号 column, or read
    with its title as an id.  A top row holding no digit, or Chinese, a space
    or a mark no id below it holds, is passed over, with a warning naming
    its row and text; the ids below are read."""
    caplog.set_level(logging.WARNING)
    path = tmp_path / name
    if name.endswith(".xlsx"):
        book(path, {"退出": [[row] for row in rows]})
    else:
        path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert read_worker_rows(path) == read
    said = [r.msg for r in caplog.records if "passed over" in r.getMessage()]
    assert len(said) == 1, caplog.text
    row = "rows" if "," in titles else "row"
    assert f"{name} has no header: {row} {titles} (" in said[0], said[0]
    assert f"第 {titles.replace(', ', '、')} 行（“{rows[0]}”" in say(said[0], "zh")
    assert "no worker id" not in caplog.text


def test_a_list_that_names_nobody_is_still_refused_and_an_id_with_a_name_is_no_title(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Passing over a title keeps no list naming nobody: a title alone, or
    over names, is refused as missing its 工号 column, and so is a roster's
    header of another column (姓名) over ids, no title.  A first row opening
    with an id shaped as those below (a name typed after it) is no title:
    it is read, to be named with the id it may stand for, as before."""
    caplog.set_level(logging.WARNING)
    path = tmp_path / "drop.csv"
    for text in ("退出人员名单\n", "退出人员名单\n\n", "退出人员名单\n张伟\n李娜\n", "姓名\nW1\n"):
        path.write_text(text, encoding="utf-8")
        with pytest.raises(InputError) as caught:
            read_worker_rows(path)
        assert "工号" in say(caught.value.message, "zh"), text
    path.write_text("W00206 张三\nW00207\n", encoding="utf-8")
    assert read_worker_rows(path) == ((1, "W00206 张三"), (2, "W00207"))
    assert "passed over" not in caplog.text


def test_a_workbook_whose_first_sheet_is_empty_is_read_from_the_first_sheet_with_cells(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Excel's empty Sheet1 before a list without a header: the file was
    refused as empty. The first sheet holding cells is read, with a warning
    naming both; an edits sheet there lacking its 操作 column is told so at
    its header, not as an empty file."""
    caplog.set_level(logging.WARNING)
    drop = book(tmp_path / "drop.xlsx", {"Sheet1": [], "退出": [["W1"], [], ["W2"]]})
    assert read_worker_rows(drop) == ((1, "W1"), (3, "W2"))
    assert "the sheet Sheet1 before it is empty and was passed over" in caplog.text, caplog.text
    assert "the sheet '退出' was read" in caplog.text
    edits = book(tmp_path / "edits.xlsx", {"Sheet1": [], "改动": [["车号"], ["B1"]]})
    with pytest.raises(InputError) as caught:
        read_edits(edits)
    assert caught.value.row == 1 and "操作" in say(caught.value.message, "zh")


def test_an_edits_row_holding_only_a_note_is_left_out_and_one_without_its_action_refused(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A 备注 (note) column is not read; a row filled only there (a note on
    a line of its own) was refused as '“”不是移动…', an action typed empty.
    It is no edit: left out, with a warning naming its row.  A row naming
    ids with no action is refused saying the action is missing."""
    caplog.set_level(logging.WARNING)
    path = tmp_path / "edits.csv"
    path.write_text("操作,车号,备注\n,,司机已通知\n锁定,B1,早班\n", encoding="utf-8")
    (lock,) = read_edits(path)
    assert (lock.action, lock.bus_id, lock.row) == ("lock", "B1", 3)
    assert "edits.csv, row 2: no action and no id, only other columns" in caplog.text
    path.write_text("操作,车号,备注\n,B1,早班\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_edits(path)
    assert (caught.value.row, caught.value.column) == (2, "操作")
    assert "没有填写操作" in say(caught.value.message, "zh")
    assert "no action" in say(caught.value.message, "en")


@pytest.mark.parametrize("title", ["退出名单, 3月16日", "退出人员 张三,李四", "退出,名单,3月16日"])
def test_a_tab_separated_drop_list_under_a_title_with_commas_is_read_by_its_tabs(
    tmp_path: Path, title: str
) -> None:
    """A drop list copied from Excel (tabs) under a title typed with a comma
    was refused as separated by tabs, not commas: the title's separator
    decided the whole file's.  The header and rows under it decide."""
    path = tmp_path / "drop.txt"
    path.write_text(f"{title}\n工号\t姓名\nW1\t张伟\nW2\t李娜\n", encoding="utf-8")
    assert read_worker_rows(path) == ((3, "W1"), (4, "W2"))


@pytest.mark.parametrize(
    ("name", "rows", "titles"),
    [
        ("drop.csv", ["退出人员 3月16日"], "1"),
        ("drop.csv", ["退出人员 3月16日", "", ""], "1"),
        ("drop.txt", ["退出人员名单", "2026.3.16", ""], "1, 2"),
        ("drop.xlsx", ["第2批退出人员"], "1"),
    ],
)
def test_a_drop_list_holding_only_a_title_with_a_date_says_so(
    tmp_path: Path, name: str, rows: list[str], titles: str
) -> None:
    """A drop list holding only its title (退出人员 3月16日), maybe with
    blank lines under it, was read as one worker id (the date's digits),
    then refused as naming nobody of the batch.  It is refused as holding
    only a title, naming the file, its rows and what to do."""
    path = tmp_path / name
    if name.endswith(".xlsx"):
        book(path, {"退出": [[row] for row in rows]})
    else:
        path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_worker_rows(path)
    error = caught.value
    assert (error.path, error.row, error.column) == (path, 1, "A")
    said = error.said("en")
    assert "holds only a title" in said and f"{titles} (" in said and "worker_id" in said, said
    assert name in said and "type the ids under the title" in said, said
    assert "只有标题" in error.said("zh") and "工号" in error.said("zh")


def test_a_lone_id_with_a_name_or_a_dated_title_over_an_id_is_still_read(tmp_path: Path) -> None:
    """Only a row whose every digit is a date's or a batch's is a title:
    a lone id with a name after it, or a prefix of Chinese, is read (and
    named with the id it may stand for), and a title over an id passed over."""
    path = tmp_path / "drop.csv"
    for text, read in (
        ("W00206 张三\n", ((1, "W00206 张三"),)),
        ("长安0012\n", ((1, "长安0012"),)),
        ("退出人员 3月16日\nW00204\n", ((2, "W00204"),)),
    ):
        path.write_text(text, encoding="utf-8")
        assert read_worker_rows(path) == read, text


def test_a_tab_separated_list_whose_cells_hold_commas_is_still_read_by_its_tabs(
    tmp_path: Path,
) -> None:
    """Lines decide the separator by how many times each holds it, as a
    table's rows hold one a column: notes with commas under a tab-separated
    header (张,李,王) do not make the file a CSV."""
    path = tmp_path / "drop.txt"
    path.write_text("工号\t备注\nW1\t张,李,王\nW2\t赵,钱\nW3\t孙,李,周,吴\n", encoding="utf-8")
    assert read_worker_rows(path) == ((2, "W1"), (3, "W2"), (4, "W3"))
