"""Every sheet of the demo's workbooks prints at 100 %: its columns fit its page.

The printed width of a sheet's columns, and of its page, in pixels at
Excel's 96 an inch (at 100 % Excel prints a column of n pixels n/96 inch
wide, as its Page Layout view shows the default 64-pixel column 0.67"):

- a column's width, as stored (``<col width>``, openpyxl's
  ``column_dimensions[...].width``), is in characters of the workbook's
  default font's widest digit, padding included; Excel turns it into pixels
  by ECMA-376 Part 1, 18.3.1.13: ``trunc(((256 w + trunc(128 / d)) / 256) d)``
  with d = 7 pixels, the widest digit of Calibri 11, the default font openpyxl
  writes; a column given no width is Excel's default, 64 pixels (8.43
  characters and their padding);
- the page's printable width is the paper's width (A4: 210 mm portrait,
  297 landscape) less the left and right margins (inches), times 96.

In characters of the sheet's widths (pixels / 7) that is about 102.4 for a
portrait A4 with the 0.4-inch margins returnbus sets, 149.4 for a landscape.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from returnbus.io.scenario import load_scenario
from returnbus.pipeline import make_plan
from returnbus.render.outputs import write_outputs
from returnbus.text import Lang

from ..helpers import run

#: The sample `returnbus demo` plans.
SAMPLE = Path(__file__).resolve().parents[2] / "sample_data" / "jiangjin" / "scenario.toml"
#: Paper sizes by the number the page setup names them with (ECMA-376
#: paperSize), width and height in mm: A4, the desks' paper.
PAPER_MM = {9: (210.0, 297.0)}
#: Pixels of the default font's widest digit (Calibri 11), an inch, and a
#: column given no width.
DIGIT_PX = 7
INCH_PX = 96
DEFAULT_COLUMN_PX = 64
WORKBOOKS = {
    "lists.xlsx",
    "manifests.xlsx",
    "driver_sheets.xlsx",
    "registration_forms.xlsx",
    "seat_maps.xlsx",
}


def column_px(width: float | None) -> int:
    """A column's printed width in pixels, from its stored width (None: none given)."""
    if width is None:
        return DEFAULT_COLUMN_PX
    return int((256 * width + 128 // DIGIT_PX) / 256 * DIGIT_PX)


def printable_px(sheet: Worksheet) -> float:
    """The width of ``sheet``'s page inside its left and right margins, in
    pixels, from its page setup: paper, orientation, margins."""
    setup = sheet.page_setup
    assert setup.paperSize is not None, sheet.title
    portrait, landscape = PAPER_MM[setup.paperSize]
    paper = landscape if setup.orientation == "landscape" else portrait
    margins = sheet.page_margins
    return (paper / 25.4 - margins.left - margins.right) * INCH_PX


def widths(sheet: Worksheet) -> dict[int, float]:
    """The widths given ``sheet``'s columns (1-based), however they are grouped."""
    given = {}
    for dimension in sheet.column_dimensions.values():
        if dimension.customWidth and dimension.width:
            assert dimension.min is not None and dimension.max is not None, sheet.title
            for column in range(dimension.min, dimension.max + 1):
                given[column] = dimension.width
    return given


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> dict[Lang, Path]:
    """The demo's outputs: the sample it plans, planned once and written in
    Chinese and in English, as ``demo`` and ``demo --lang en`` write them."""
    root = tmp_path_factory.mktemp("demo")
    plan = make_plan(load_scenario(SAMPLE))
    langs: tuple[Lang, ...] = ("zh", "en")
    for lang in langs:
        output = replace(plan.settings.output, lang=lang)
        write_outputs(replace(plan, settings=replace(plan.settings, output=output)), root / lang)
    return {lang: root / lang for lang in langs}


def assert_fits(path: Path, lang: Lang) -> None:
    """Each sheet of the workbook at ``path`` fits its page's printable width
    at 100 %, and shrinks only what is too wide."""
    for sheet in load_workbook(path).worksheets:
        given = widths(sheet)
        used = sum(column_px(given.get(c)) for c in range(1, sheet.max_column + 1))
        page = printable_px(sheet)
        where = (lang, path.name, sheet.title, sheet.page_setup.orientation)
        assert sheet.page_setup.fitToWidth == 1, where  # shrinks only what is too wide
        assert used <= page, (*where, used / DIGIT_PX, page / DIGIT_PX)


def test_every_sheet_of_the_demos_workbooks_fits_its_page_at_full_size(
    demo: dict[Lang, Path],
) -> None:
    """lists.xlsx, manifests.xlsx and the driver's sheets, registration forms
    and seat maps, in either language: each sheet's columns add up to no
    more than its page's printable width (A4, portrait or landscape as the
    sheet sets, inside its margins), so that fit-to-width prints it at
    100 %.  Sheets a little too wide printed at 80-95 %: the unassigned
    list, the manifests, the driver's sheets, the registration forms."""
    for lang, out in demo.items():
        books = sorted(out.rglob("*.xlsx"))
        assert {path.name for path in books} == WORKBOOKS, lang
        for path in books:
            assert_fits(path, lang)


def _replanned(before: dict[str, Any]) -> dict[str, Any]:
    """``before`` as a re-plan might leave it: a rider moved to another bus,
    the last bus dropped (its riders unassigned), a bed moved to another
    dormitory, one taken and one given."""
    after: dict[str, Any] = json.loads(json.dumps(before))
    first, second = after["routes"][:2]
    second["stops"][0]["worker_ids"].append(first["stops"][0]["worker_ids"].pop(0))
    removed = after["routes"].pop()
    after["unassigned"] += [
        {"worker_id": w, "row": None, "stage": "route", "reason": "x"}
        for stop in removed["stops"]
        if stop["kind"] == "pickup"
        for w in stop["worker_ids"]
    ]
    beds = after["dormitory_allocation"]
    moved = beds[0]
    moved["dorm_id"] = next(
        d["dorm_id"] for d in before["dormitories"] if d["dorm_id"] != moved["dorm_id"]
    )
    held = {b["worker_id"] for b in beds}
    gainer = next(w["worker_id"] for w in before["workers"] if w["worker_id"] not in held)
    beds.append(dict(beds.pop(1)) | {"worker_id": gainer})
    return after


def test_every_sheet_of_the_diffs_workbooks_fits_its_page_at_full_size(
    demo: dict[Lang, Path], tmp_path: Path
) -> None:
    """`diff OLD NEW --out FILE.xlsx` of the demo and a re-plan of it, in
    either language: each sheet of its four workbooks fits its page at
    100 %.  The desk's sheets of the workers and of the beds changed were
    about 270 and 216 characters wide, printed shrunk to half size or less
    on a landscape A4 page (149 characters)."""
    before = json.loads((demo["zh"] / "plan.json").read_text(encoding="utf-8"))
    after = _replanned(before)
    for name, document in (("old", before), ("new", after)):
        (tmp_path / name).mkdir()
        (tmp_path / name / "plan.json").write_text(json.dumps(document), encoding="utf-8")
    for lang in ("zh", "en"):
        out = tmp_path / lang / "changes.xlsx"
        command = ["diff", str(tmp_path / "old"), str(tmp_path / "new"), "--out", str(out)]
        assert run([*command, "--lang", lang]) == 0
        books = sorted(out.parent.glob("*.xlsx"))
        assert len(books) == 4, books
        for path in books:
            assert_fits(path, lang)
        for name in ("changes.xlsx", "changes_beds.xlsx"):  # the desk's sheets have rows
            assert load_workbook(out.parent / name).worksheets[1].max_row > 3, (lang, name)
