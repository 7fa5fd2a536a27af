"""Reading table files."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook

from returnbus.errors import InputError
from returnbus.io.tables import read_cells

from ..helpers import run


def saved_book(path: Path, rows: list[list[object]]) -> Path:
    """A workbook of ``rows`` saved at ``path``."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def member_changed(
    source: Path, target: Path, member: str, change: Callable[[bytes], bytes] | None
) -> Path:
    """A copy of the zip ``source`` whose ``member`` is ``change``d (left out
    when ``change`` is None), every other member as it was."""
    import zipfile

    with zipfile.ZipFile(source) as good, zipfile.ZipFile(target, "w") as out:
        for item in good.infolist():
            if item.filename != member:
                out.writestr(item, good.read(item.filename))
            elif change is not None:
                out.writestr(item, change(good.read(item.filename)))
    return target


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_csv_encodings_are_detected(tmp_path: Path, encoding: str) -> None:
    """The same Chinese cells come back whatever the encoding."""
    path = tmp_path / "t.csv"
    path.write_bytes("工号,姓名\nA1,张伟\n".encode(encoding))
    cells, used = read_cells(path)
    assert cells == [(1, ["工号", "姓名"]), (2, ["A1", "张伟"])]
    assert used in (encoding, "gb18030", "utf-8-sig")


def test_tabs_part_cells_only_when_the_first_parted_line_is_parted_by_tabs(
    tmp_path: Path,
) -> None:
    """Excel's "Unicode text" is tab-separated, quoting a cell with a tab or
    a quote mark: read by its tabs, a comma within a cell kept.  A CSV whose
    header is parted by commas stays a CSV, a tab in a cell kept as typed
    (the readers take it out with a warning); a line break in a quoted cell
    that swallows lines holding tabs is a stray quote, as with commas."""
    path = tmp_path / "t.txt"
    path.write_bytes('工号\t地址\r\nA1\t"甲\t乙",丙\r\n'.encode("utf-16"))
    cells, used = read_cells(path)
    assert cells == [(1, ["工号", "地址"]), (2, ["A1", "甲\t乙,丙"])]
    assert used.replace("_", "-").startswith("utf-16")
    path = tmp_path / "t.csv"
    path.write_text("工号,地址\nA1,甲\t乙\n", encoding="utf-8")
    assert read_cells(path)[0] == [(1, ["工号", "地址"]), (2, ["A1", "甲\t乙"])]
    path.write_text('工号\t姓名\nA1\t"张\nA2\t李\nA3\t王\n', encoding="utf-8")
    with pytest.raises(InputError, match="quote") as caught:
        read_cells(path)
    assert caught.value.row == 2


def test_xlsx_numbers_read_as_text(tmp_path: Path) -> None:
    """A phone stored as a number reads back as its digits; a named sheet is found."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "名单"
    sheet.append(["phone", "lat"])
    sheet.append([13800001111, 29.5])
    book.save(tmp_path / "t.xlsx")
    cells, used = read_cells(tmp_path / "t.xlsx", sheet="名单")
    assert used == "xlsx" and cells[1] == (2, ["13800001111", "29.5"])
    with pytest.raises(InputError, match="no sheet named"):
        read_cells(tmp_path / "t.xlsx", sheet="other")


def test_a_wrong_declared_encoding_is_an_input_error(tmp_path: Path) -> None:
    """Asking for an encoding the file is not in stops with what to do."""
    path = tmp_path / "t.csv"
    path.write_bytes("工号\n张伟\n".encode("gbk"))
    with pytest.raises(InputError, match="drop --encoding"):
        read_cells(path, encoding="utf-8")


def test_a_utf8_file_with_gbk_rows_pasted_in_names_the_first_such_row(tmp_path: Path) -> None:
    """Two lists pasted together: marked UTF-8, then rows in GBK. An input
    error at the first GBK line saying what happened, not a fault (exit 1)."""
    path = tmp_path / "t.csv"
    path.write_bytes("\ufeff工号,姓名\nA1,张伟\n".encode() + "A2,李娜\n".encode("gbk"))
    with pytest.raises(InputError, match="marked as UTF-8") as caught:
        read_cells(path)
    assert caught.value.row == 3 and caught.value.hint


def test_a_wrong_or_unknown_encoding_says_the_line_or_the_name(tmp_path: Path) -> None:
    """Not Python's codec message: the line the encoding fails on, or that no
    such encoding exists."""
    path = tmp_path / "t.csv"
    path.write_bytes("工号\nA1\n张伟\n".encode("gbk"))
    with pytest.raises(InputError, match="from this line on") as caught:
        read_cells(path, encoding="ascii")
    assert caught.value.row == 1 and "codec" not in str(caught.value)
    path.write_bytes(b"id\nA1\n\xff\n")
    with pytest.raises(InputError) as caught:
        read_cells(path, encoding="utf-8")
    assert caught.value.row == 3
    with pytest.raises(InputError, match="no text encoding 'foo'"):
        read_cells(path, encoding="foo")


def test_a_cell_of_ten_thousand_characters_is_refused_with_row_and_column(
    tmp_path: Path,
) -> None:
    """Text pasted into the wrong cell stops with where it is, not a crash."""
    path = tmp_path / "r.csv"
    path.write_text("工号,姓名\nW1,张三\nW2," + "张" * 10_000 + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="10,000 characters") as caught:
        read_cells(path)
    assert (caught.value.row, caught.value.column) == (3, "B")
    assert "500" in caught.value.hint


def test_a_workbook_whose_sheet_xml_is_broken_is_an_input_error(tmp_path: Path) -> None:
    """A damaged sheet inside a sound zip is named, with what to do."""
    good = saved_book(tmp_path / "good.xlsx", [[f"W{k}", "张三", "13900001111"] for k in range(50)])
    broken = member_changed(
        good,
        tmp_path / "broken.xlsx",
        "xl/worksheets/sheet1.xml",
        lambda data: data[: len(data) // 2] + b"<<broken" + data[len(data) // 2 :],
    )
    with pytest.raises(InputError, match="damaged"):
        read_cells(broken)


@pytest.mark.parametrize(
    ("member", "damage"),
    [
        ("xl/worksheets/sheet1.xml", lambda data: b"\x00garbage"),
        ("xl/worksheets/sheet1.xml", lambda data: b""),
        ("xl/workbook.xml", lambda data: data[:40]),
        ("xl/styles.xml", lambda data: data[:40]),
        ("xl/_rels/workbook.xml.rels", lambda data: data[:40]),
        ("xl/worksheets/sheet1.xml", None),  # the sheet left out
        ("[Content_Types].xml", None),
    ],
)
def test_a_workbook_damaged_anywhere_is_an_input_error_naming_it(
    tmp_path: Path, member: str, damage: Callable[[bytes], bytes] | None
) -> None:
    """Damaged XML that fails while the workbook opens, or a missing sheet,
    is the user's to fix (open and save it again), not a crash."""
    good = saved_book(tmp_path / "good.xlsx", [["工号", "姓名"]])
    broken = member_changed(good, tmp_path / "broken.xlsx", member, damage)
    with pytest.raises(InputError) as caught:
        read_cells(broken)
    assert caught.value.path == broken and "Excel" in caught.value.hint
    assert "Error" not in str(caught.value) and "item named" not in str(caught.value)


@pytest.mark.parametrize("declared", ["A1", "A1:B3", "A1:A41"])
def test_a_stale_declared_sheet_size_loses_no_row_or_column(tmp_path: Path, declared: str) -> None:
    """Tools that write a wrong ``<dimension>`` (too few rows or columns) must not
    make the reader, or verify's row count, see a shorter roster."""
    import re

    from returnbus.io.rowcount import data_rows

    rows: list[list[object]] = [["工号", "姓名", "电话"]]
    rows += [[f"W{k}", "张三", f"1390000{k:04d}"] for k in range(40)]
    good = saved_book(tmp_path / "good.xlsx", rows)
    stale = member_changed(
        good,
        tmp_path / "stale.xlsx",
        "xl/worksheets/sheet1.xml",
        lambda data: re.sub(
            rb'<dimension ref="[^"]*"', f'<dimension ref="{declared}"'.encode(), data
        ),
    )
    cells, _ = read_cells(stale)
    assert len(cells) == 41
    assert cells[-1] == (41, ["W39", "张三", "13900000039"])
    assert data_rows(stale) == list(range(2, 42))


def test_a_workbook_whose_compressed_data_is_damaged_is_an_input_error(tmp_path: Path) -> None:
    """A bad copy (a USB stick, a cut download) leaves the zip's index sound but
    its compressed sheet broken (zlib.error): damaged, exit 2, not a fault."""
    import struct
    import zipfile

    path = saved_book(
        tmp_path / "r.xlsx",
        [[f"W{k}", "张三", f"1390000{k:04d}", "贵州省遵义市桐梓县娄山关街道"] for k in range(300)],
    )
    with zipfile.ZipFile(path) as archive:
        member = archive.getinfo("xl/worksheets/sheet1.xml")
    data = bytearray(path.read_bytes())
    name_length, extra_length = struct.unpack(
        "<HH", data[member.header_offset + 26 : member.header_offset + 30]
    )
    start = member.header_offset + 30 + name_length + extra_length
    for offset in range(start + 20, start + member.compress_size - 20, 7):
        data[offset] ^= 0x5A
    path.write_bytes(bytes(data))
    with pytest.raises(InputError, match="damaged") as caught:
        read_cells(path)
    assert caught.value.hint


@pytest.mark.parametrize("name", ["list.csv", "list.xlsx"])
def test_a_file_the_system_will_not_let_us_read_is_an_input_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    """No permission to read (or another program holding it): exit 2 naming
    the file and what to do, not an internal error."""
    path = tmp_path / name
    if name.endswith(".csv"):
        path.write_text("工号\nW1\n", encoding="utf-8")
    else:
        saved_book(path, [["工号"], ["W1"]])

    def refused(*_: object, **__: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", refused)
    monkeypatch.setattr(Path, "open", refused)
    with pytest.raises(InputError) as caught:
        read_cells(path)
    assert caught.value.path == path
    assert caught.value.hint is not None and "close it" in str(caught.value.hint)


@pytest.mark.parametrize(
    ("first", "then"),
    [("utf-8", "gbk"), ("gbk", "utf-8")],
)
def test_rows_pasted_in_from_another_encoding_are_named_without_a_byte_order_mark(
    tmp_path: Path, first: str, then: str
) -> None:
    """A roster in UTF-8 without a byte-order mark (not from Excel), or in
    GBK, with a row pasted in from a file in the other encoding, was refused
    as 'cannot tell the encoding', naming no row: among 200,000 the desk
    could not find it.  The first such row is named."""
    rows = "\n".join(f"W{n},张伟{n},男,重庆市江津区德感街道" for n in range(1, 2000))
    pasted = "W9999,李娜,女,重庆市江津区双福街道\n"
    path = tmp_path / "roster.csv"
    path.write_bytes(f"工号,姓名,性别,家庭住址\n{rows}\n".encode(first) + pasted.encode(then))
    with pytest.raises(InputError) as caught:
        read_cells(path)
    assert caught.value.row == 2001, caught.value
    assert "pasted in" in str(caught.value) and caught.value.hint is not None


@pytest.mark.parametrize("encoding", ["cp950", "big5", "big5hkscs"])
def test_big5_text_is_read_as_big5_not_as_gbk_nonsense(tmp_path: Path, encoding: str) -> None:
    """Every Big5 byte pair is a GB18030 one too: a Taiwan or Hong Kong
    desk's CSV read as GB18030, its headers nonsense (工號 as \\ue61b腹)."""
    path = tmp_path / "t.csv"
    path.write_bytes(
        "工號,姓名,家庭住址\nA1,陳大文,臺北市大安區\nA2,黃麗華,九龍城區\n".encode(encoding)
    )
    cells, used = read_cells(path)
    assert cells == [
        (1, ["工號", "姓名", "家庭住址"]),
        (2, ["A1", "陳大文", "臺北市大安區"]),
        (3, ["A2", "黃麗華", "九龍城區"]),
    ]
    assert used in ("cp950", "big5hkscs")


@pytest.mark.parametrize("then", ["gbk", "utf-8"])
def test_rows_pasted_into_a_big5_file_are_named(tmp_path: Path, then: str) -> None:
    """A Big5 list with a mainland row pasted in (GBK, or UTF-8): read as
    Big5, its name and address would be nonsense; the row is named, the
    file said to be Big5."""
    rows = "\n".join(f"W{n},陳大文{n},男,臺北市大安區復興南路" for n in range(1, 2000))
    pasted = "W9999,李娜,女,重庆市江津区双福街道\n"
    path = tmp_path / "roster.csv"
    path.write_bytes(f"工號,姓名,性別,家庭住址\n{rows}\n".encode("cp950") + pasted.encode(then))
    with pytest.raises(InputError) as caught:
        read_cells(path)
    assert caught.value.row == 2001, caught.value
    assert "in Big5 up to this line" in str(caught.value) and caught.value.hint is not None


def test_a_file_in_one_encoding_throughout_is_not_called_mixed(tmp_path: Path) -> None:
    """Whole files in UTF-8, GBK, or UTF-16 read as before: only a line that
    its file's own encoding cannot read is called pasted in."""
    text = "工号,姓名\nW1,张伟\nW2,李娜\n"
    for encoding in ("utf-8", "gbk", "utf-16"):
        path = tmp_path / f"{encoding}.csv"
        path.write_bytes(text.encode(encoding))
        cells, _ = read_cells(path)
        assert [row for _, row in cells][2] == ["W2", "李娜"], encoding


def _workbook_bytes(tmp_path: Path) -> bytes:
    return saved_book(tmp_path / "book.xlsx", [["工号", "姓名"], ["W1", "张伟"]]).read_bytes()


def _archive_bytes(tmp_path: Path) -> bytes:
    import zipfile

    with zipfile.ZipFile(tmp_path / "a.zip", "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    return (tmp_path / "a.zip").read_bytes()


#: The start of a compound file: an old .xls, a WPS .et, or any workbook with
#: a password (Excel encrypts it into one).
_COMPOUND = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 8


@pytest.mark.parametrize(
    ("name", "content", "said", "hint"),
    [
        ("roster.csv", "workbook", "an Excel workbook", "rename it"),
        ("roster.txt", "workbook", "an Excel workbook", "rename it"),
        ("roster.csv", "archive", "compressed file", "save the list as .xlsx"),
        ("roster.xlsx", "compound", "password", "remove the password"),
        ("roster.csv", "compound", "password", "remove the password"),
        ("roster.et", "compound", "password", "remove the password"),
        ("roster.xlsx", "empty", "empty (0 bytes)", "copy it again"),
        ("roster.xlsx", "cut", "cut short", "copy it again"),
    ],
)
def test_a_file_is_told_by_what_it_holds_not_only_by_its_name(
    tmp_path: Path, name: str, content: str, said: str, hint: str
) -> None:
    """A workbook renamed .csv was 'an encoding we cannot tell' (so the desk
    tried --encoding); a password-protected or old binary workbook, an empty
    file or a copy cut short named .xlsx was 'a CSV file renamed'.  Each is
    said for what it is, with what to do."""
    book = _workbook_bytes(tmp_path)
    data = {
        "workbook": book,
        "compound": _COMPOUND,
        "empty": b"",
        "cut": book[: len(book) // 2],
        "archive": _archive_bytes(tmp_path),
    }[content]
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError) as caught:
        read_cells(path)
    assert said in str(caught.value), caught.value
    assert hint in str(caught.value.hint), caught.value.hint
    assert "encoding" not in str(caught.value) and "renamed?" not in str(caught.value)


@pytest.mark.parametrize(
    ("name", "english", "chinese"),
    [
        ("名" * 100 + ".csv", "the name is too long", "名称过长"),  # 300 bytes: over 255
        ("loop.csv", "a link that leads back to itself", "指向自身的链接"),
    ],
)
def test_a_table_or_scenario_name_no_file_can_have_is_an_input_error(
    tmp_path: Path, name: str, english: str, chinese: str
) -> None:
    """A roster, list or scenario path the system refuses (too long, a link to
    itself) is said with why and what to do, at every command that reads one:
    `check ROSTER` and `check --scenario S` were a fault of returnbus (exit 1:
    'File name too long', 'Too many levels of symbolic links')."""
    from returnbus.io.scenario import load_scenario

    from ..helpers import run

    for loop in ("loop.csv", "loop.toml"):
        (tmp_path / loop).symlink_to(tmp_path / loop)
    table, scenario = tmp_path / name, (tmp_path / name).with_suffix(".toml")
    for read, path in ((read_cells, table), (load_scenario, table), (load_scenario, scenario)):
        with pytest.raises(InputError) as caught:
            read(path)
        assert caught.value.path == path
        assert english in str(caught.value) and "short name" in str(caught.value)
        assert chinese in caught.value.said("zh")
    assert run(["check", str(table)]) == 2
    assert run(["check", "--scenario", str(scenario)]) == 2


@pytest.mark.parametrize("order", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize(
    "text",
    ["工号,姓名,性别\nW1,张伟,男\nW2,李娜,女\n", "worker_id,name\nW1,Zhang Wei\n"],
    ids=["chinese", "english"],
)
def test_utf16_without_a_byte_order_mark_is_refused_saying_how_to_save_it(
    tmp_path: Path, order: str, text: str
) -> None:
    """UTF-16 without the mark Excel and Notepad write is not guessed at: read
    as UTF-8 or GBK it was nonsense (no header found, a "long cell"), and
    the detector reads it right only sometimes.  It is refused, saying so."""
    path = tmp_path / "roster.csv"
    path.write_bytes(text.encode(order))
    with pytest.raises(InputError) as caught:
        read_cells(path)
    assert "UTF-16 without a byte-order mark" in str(caught.value)
    assert "CSV UTF-8" in str(caught.value.hint) and ".xlsx" in str(caught.value.hint)
    assert "UTF-16" in caught.value.said("zh") and "另存为" in caught.value.said("zh")
    # Named, it is read: the desk that knows the encoding may say it.
    assert read_cells(path, encoding=order)[0][1] == (2, text.splitlines()[1].split(","))


def test_a_utf8_file_with_a_stray_zero_byte_is_no_utf16(tmp_path: Path) -> None:
    """A stray zero byte in a UTF-8 file (a damaged copy) is no UTF-16: read,
    the readers take it out with a warning."""
    path = tmp_path / "roster.csv"
    path.write_bytes("工号,姓名\nW1,张\x00伟\nW2,李娜\nW3,王芳\n".encode())
    assert read_cells(path)[0][1] == (2, ["W1", "张\x00伟"])


@pytest.mark.parametrize("special", ["device", "pipe"])
def test_a_device_or_an_empty_pipe_is_no_table_and_is_said_so(tmp_path: Path, special: str) -> None:
    """/dev/null or a named pipe given for a table was "file not found":
    it is there, and is said to be no regular file (the pipe never opened)."""
    if special == "device":
        path = Path(os.devnull)
    else:
        path = tmp_path / "roster.csv"
        os.mkfifo(path)
    with pytest.raises(InputError) as caught:
        read_cells(path)
    said = str(caught.value)
    assert "not a file" in said and "not found" not in said and caught.value.path == path
    assert ("device" if special == "device" else "named pipe") in said
    assert "设备" in caught.value.said() or "命名管道" in caught.value.said()


def test_a_table_not_found_beside_one_of_its_stem_says_to_give_that_one_s_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`check roster.xlsx` where the folder holds roster.csv: renaming the CSV
    would make no workbook of it, so the desk is told to give its name."""
    (tmp_path / "roster.csv").write_text("工号,姓名\nW1,张三\n", encoding="utf-8")
    assert run(["check", str(tmp_path / "roster.xlsx"), "--lang", "en"]) == 2
    said = " ".join(capsys.readouterr().err.split())
    assert "this folder holds roster.csv: if that is the one, give its name" in said, said
    assert "rename it" not in said


def test_tab_separated_text_keeps_quotes_a_spreadsheet_did_not_quote_for(
    tmp_path: Path,
) -> None:
    """Excel's and WPS's copy (and "Unicode text") quote a cell only for a
    line break, a tab, a comma or a quote mark: a name typed in quotes
    ("张三") lost them, read as CSV quoting, and a cell opening with a quote
    ran into the next.  Such quotes are the cell's own; a cell quoted for a
    line break or a doubled quote is still unquoted, and so is every cell
    of text that quotes them all."""
    path = tmp_path / "t.txt"
    path.write_text(
        '工号\t姓名\r\nA1\t"张三"\r\nA2\t王"小"明\r\nA3\t"李" 四\r\n'
        'A4\t"甲\r\n乙"\r\nA5\t"""丙"""\r\nA6\t"丁,戊"\r\n',
        encoding="utf-8",
    )
    cells, _ = read_cells(path)
    assert cells == [
        (1, ["工号", "姓名"]),
        (2, ["A1", '"张三"']),
        (3, ["A2", '王"小"明']),
        (4, ["A3", '"李" 四']),
        (5, ["A4", "甲\r\n乙"]),
        (6, ["A5", '"丙"']),
        (7, ["A6", "丁,戊"]),
    ]
    path.write_text('"工号"\t"姓名"\n"A1"\t"张三"\n', encoding="utf-8")
    assert read_cells(path)[0] == [(1, ["工号", "姓名"]), (2, ["A1", "张三"])]
    # A CSV is read as the csv module reads it: its quotes are quoting.
    path = tmp_path / "t.csv"
    path.write_text('工号,姓名\nA1,"张三"\n', encoding="utf-8")
    assert read_cells(path)[0] == [(1, ["工号", "姓名"]), (2, ["A1", "张三"])]
