"""Employers and dormitories files."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from returnbus.errors import InputError
from returnbus.io.sites import jiangjin_parks, read_dormitories, read_employers


def test_employers_from_gbk_csv_and_dormitories_from_xlsx(tmp_path: Path) -> None:
    """Sites files take the roster's encodings and XLSX; blank rows are skipped."""
    employers = tmp_path / "e.csv"
    employers.write_bytes("employer_id,name,lat,lon\nE1,江津机械,29.28,106.23\n,,,\n".encode("gbk"))
    (site,) = read_employers(employers)
    assert (site.id, site.name, site.location.lat) == ("E1", "江津机械", 29.28)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (
        ["dorm_id", "name", "lat", "lon", "rooms", "sex"],
        ["D1", "一号楼", 29.3, 106.2, 40, "F"],
        ["D2", "二号楼", 29.3, 106.2, 10, ""],
    ):
        sheet.append(row)
    book.save(tmp_path / "d.xlsx")
    first, second = read_dormitories(tmp_path / "d.xlsx")
    assert (first.rooms, first.sex, second.sex) == (40, "F", None)


@pytest.mark.parametrize(
    ("row", "column"),
    [
        ("D1,x,29.3,106.3,-2,any", "rooms"),
        ("D1,x,north,106.3,2,any", "lat"),
        ("D1,x,29,106,2,X", "sex"),
    ],
)
def test_bad_cells_name_row_and_column(tmp_path: Path, row: str, column: str) -> None:
    """Each bad cell stops with its row and column."""
    path = tmp_path / "d.csv"
    path.write_text(f"dorm_id,name,lat,lon,rooms,sex\n{row}\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_dormitories(path)
    assert (caught.value.row, caught.value.column) == (2, column)


def test_missing_columns_are_named(tmp_path: Path) -> None:
    """A file without a required column says which."""
    path = tmp_path / "e.csv"
    path.write_text("employer_id,name\nE1,x\n", encoding="utf-8")
    with pytest.raises(InputError, match="lat, lon"):
        read_employers(path)


def test_shipped_parks_are_in_jiangjin() -> None:
    """The shipped industrial parks lie around Jiangjin."""
    parks = jiangjin_parks()
    assert parks and all(
        28.8 < p.location.lat < 29.6 and 105.8 < p.location.lon < 106.6 for p in parks
    )
