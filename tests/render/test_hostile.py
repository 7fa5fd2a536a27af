"""A roster written to attack the desk's spreadsheets and the shared map
plans like any other: every cell stays text, and the map runs nothing."""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

from openpyxl import load_workbook

from returnbus.io.scenario import load_scenario
from returnbus.pipeline import make_plan
from returnbus.render.outputs import write_outputs

from ..helpers import TONGZI, worker, write_scenario
from .browser import visit

HOSTILE = (
    '=HYPERLINK("http://example.invalid","x")',
    "+cmd|' /C calc'!A0",
    "`${alert(2)}`",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(3)>",
    "-2+3",
    "@SUM(A1)",
    "C:\\users\\x",
    "${x}",
)


def _hostile_plan(tmp_path: Path) -> Path:
    rows = [
        worker(
            f"H{k}",
            at=TONGZI,
            name=text,
            home_address=f"贵州省遵义市桐梓县娄山关街道{text}",
        )
        for k, text in enumerate(HOSTILE)
    ]
    path = write_scenario(tmp_path / "in", rows)
    with (tmp_path / "in" / "employers.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(
            [("employer_id", "name", "lat", "lon"), ("E1", HOSTILE[0], 29.276, 106.232)]
        )
    plan = make_plan(load_scenario(path))
    assert sorted(w for r in plan.routes for w in r.worker_ids) == [
        f"H{k}" for k in range(len(HOSTILE))
    ]
    out = tmp_path / "out"
    write_outputs(plan, out)
    return out


def test_hostile_cells_stay_text_in_every_spreadsheet(tmp_path: Path) -> None:
    """No XLSX holds a formula; a CSV cell that starts like one gets an apostrophe."""
    out = _hostile_plan(tmp_path)
    books = sorted(out.rglob("*.xlsx"))
    assert len(books) >= 5
    for book in books:
        with zipfile.ZipFile(book) as archive:
            sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
            assert not any(b"<f>" in archive.read(n) or b"<f " in archive.read(n) for n in sheets)
        for sheet in load_workbook(book).worksheets:
            assert all(c.data_type != "f" for line in sheet.iter_rows() for c in line)
    registration = load_workbook(out / "papers" / "registration_forms.xlsx").worksheets[0]
    names = {str(c.value) for line in registration.iter_rows() for c in line}
    assert set(HOSTILE) <= names  # the names themselves are kept, as text
    for table in sorted(out.rglob("*.csv")):
        with table.open(encoding="utf-8-sig") as handle:
            cells = [cell for line in csv.reader(handle) for cell in line]
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells), table


def test_the_map_runs_no_injected_script(tmp_path: Path) -> None:
    """The names reach the map as text: no dialog opens, nothing errors, routes draw."""
    out = _hostile_plan(tmp_path)
    html = (out / "map.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html and "</script><script>alert" not in html
    seen = visit(out / "map.html")
    assert seen.dialogs == [] and seen.errors == []
    assert seen.routes == 1 and seen.legend  # one path per bus, and the legend shown
