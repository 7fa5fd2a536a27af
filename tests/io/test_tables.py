"""Reading table files."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from returnbus.errors import InputError
from returnbus.io.tables import read_cells


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_csv_encodings_are_detected(tmp_path: Path, encoding: str) -> None:
    """The same Chinese cells come back whatever the encoding."""
    path = tmp_path / "t.csv"
    path.write_bytes("工号,姓名\nA1,张伟\n".encode(encoding))
    cells, used = read_cells(path)
    assert cells == [(1, ["工号", "姓名"]), (2, ["A1", "张伟"])]
    assert used in (encoding, "gb18030", "utf-8-sig")


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
