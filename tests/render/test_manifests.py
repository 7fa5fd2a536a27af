"""Bus manifests."""

from __future__ import annotations

import csv
import json
import re
from html import unescape
from itertools import pairwise
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from returnbus.io.scenario import load_scenario
from returnbus.pipeline import make_plan
from returnbus.render.audit import _manifest_header
from returnbus.render.labels import label
from returnbus.render.manifests import (
    _WIDTHS,
    COLUMNS,
    _sheet,
    build_manifests,
    write_manifests,
)
from returnbus.render.papers import build_papers, write_papers
from returnbus.render.tables import Blank
from returnbus.text import Lang

from ..helpers import (
    TONGZI,
    PlannedBatch,
    run,
    worker,
    write_long_named_drop_offs,
    write_one_place_two_points,
    write_scenario,
)


def test_a_manifest_per_bus_with_its_riders_and_masked_phones(planned: PlannedBatch) -> None:
    """One CSV and one sheet per bus, each listing exactly that bus's riders, phones masked."""
    manifests = planned.out / "manifests"
    routes = {r["bus_id"]: r for r in planned.plan["routes"]}
    assert {p.stem.removeprefix("bus_") for p in manifests.glob("bus_*.csv")} == set(routes)
    for bus_id, route in routes.items():
        with (manifests / f"bus_{bus_id}.csv").open(encoding="utf-8-sig") as handle:
            rows = list(csv.DictReader(handle))
        riders = [w for s in route["stops"] if s["kind"] == "pickup" for w in s["worker_ids"]]
        assert [r["worker_id"] for r in rows] == riders
        assert all("****" in r["phone"] or not r["phone"] for r in rows)
        assert [r["seat"] for r in rows] == [route["seats_assigned"][w] for w in riders]
    book = load_workbook(manifests / "manifests.xlsx", read_only=True)
    assert sorted(book.sheetnames) == sorted(routes)


def test_the_manifest_workbook_speaks_the_plans_language(tmp_path: Path) -> None:
    """manifests.xlsx is headed, titled and signed in the plan's language
    alone (it was Chinese and English side by side in both), and `verify`
    reads its headings back in either."""
    scenario = write_scenario(tmp_path / "in", [worker(f"W{k}", at=TONGZI) for k in range(3)])
    words = {}
    for lang in ("zh", "en"):
        out = tmp_path / lang
        assert run(["plan", str(scenario), "--out", str(out), "--lang", lang]) == 0
        book = load_workbook(out / "manifests" / "manifests.xlsx", read_only=True)
        words[lang] = " ".join(
            str(c) for s in book.worksheets for line in s.iter_rows(values_only=True) for c in line
        )
        assert run(["verify", str(out)]) == 0
    for english in ("Seat", "Passenger", "Driver", "Drop-off", "No boarding"):
        assert english not in words["zh"] and english in words["en"], english
    for chinese in ("座位", "乘车人员名单", "司机签字", "下车点", "途中不上下客"):
        assert chinese in words["zh"] and chinese not in words["en"], chinese


def test_riders_of_points_at_one_place_and_time_board_at_one_numbered_stop(
    tmp_path: Path,
) -> None:
    """Two pickup points at one place and time are one stop of the driver's
    sheet, "1·2": each rider's stop on the manifest is numbered so too, with
    the rider's own pickup point, in the CSV and the workbook."""
    out = tmp_path / "out"
    assert run(["plan", str(write_one_place_two_points(tmp_path / "in")), "--out", str(out)]) == 0
    plan = json.loads((out / "plan.json").read_text(encoding="utf-8"))
    (route,) = plan["routes"]
    pickups = [s for s in route["stops"] if s["kind"] == "pickup"]
    point = {w: s["point_id"] for s in pickups for w in s["worker_ids"]}
    assert len(set(point.values())) == 2
    (path,) = (out / "manifests").glob("bus_*.csv")
    with path.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert {r["worker_id"]: r["pickup_stop"] for r in rows} == {
        w: f"1·2 娄山关街道 ({p})" for w, p in point.items()
    }
    book = load_workbook(out / "manifests" / "manifests.xlsx", read_only=True)
    cells = [str(c) for line in book.worksheets[0].iter_rows(values_only=True) for c in line]
    assert sum(c.startswith("1·2 ") for c in cells) == 3


def test_the_manifest_rules_a_blank_for_each_signature_and_the_time(tmp_path: Path) -> None:
    """manifests.xlsx, in either language: the driver's, the escort's and the
    receiving unit's signatures and the time, written in by hand, are each a
    cell ruled underneath after its label, in a column wide enough for about
    eight handwritten characters (two columns each), as the papers' blanks
    are.  They were plain empty cells, nothing to sign on; the escort (随车人员,
    as the driver's sheet names them) had no blank at all."""
    plan = make_plan(load_scenario(write_scenario(tmp_path / "in", [worker("A1", at=TONGZI)])))
    langs: tuple[Lang, ...] = ("zh", "en")
    for lang in langs:
        out = tmp_path / lang
        write_manifests(build_manifests(plan, lang), out, lang)
        (sheet,) = load_workbook(out / "manifests.xlsx").worksheets
        keys = ("driver_signature", "escort_signature", "received_by", "time")
        words = {label(k, lang) for k in keys}
        below = [
            [sheet.cell(r, c) for c in range(1, sheet.max_column + 1)]
            for r in range(1, sheet.max_row + 1)
            if any(sheet.cell(r, c).value in words for c in range(1, sheet.max_column + 1))
        ]
        said = [cell.value for line in below for cell in line if cell.value in words]
        assert sorted(said) == sorted(words), (lang, said)
        for line in below:
            named = [k for k, cell in enumerate(line) if cell.value in words]
            ruled = [k for k, cell in enumerate(line) if cell.border.bottom.style == "thin"]
            assert ruled == [k + 1 for k in named], (lang, named, ruled)
            for k in ruled:
                width = sheet.column_dimensions[get_column_letter(k + 1)].width
                assert width >= 2 * 8, (lang, k, width)


def test_the_manifest_prints_landscape_its_drop_offs_across_the_table(tmp_path: Path) -> None:
    """manifests.xlsx, in either language: nine columns print on a landscape
    page at their own widths, none narrowed to fit it; the bus's drop-offs
    end their heading line, merged across the table to wrap there.  Followed
    by the riders, they widened the worker id's column to 24, and the sheet
    was too wide for its page."""
    scenario = write_long_named_drop_offs(tmp_path / "in")
    plan = make_plan(load_scenario(scenario))
    langs: tuple[Lang, ...] = ("zh", "en")
    for lang in langs:
        out = tmp_path / lang
        (manifest,) = build_manifests(plan, lang)
        assert len(manifest.route.dropoffs) == 2
        write_manifests([manifest], out, lang)
        (sheet,) = load_workbook(out / "manifests.xlsx").worksheets
        assert sheet.page_setup.orientation == "landscape", lang
        widths = [sheet.column_dimensions[get_column_letter(c)].width for c in range(1, 10)]
        assert all(w >= given for w, given in zip(widths, _WIDTHS, strict=True)), (lang, widths)
        assert widths[1] <= 17, (lang, widths)  # a time's, a signature's: not the drop-offs'
        (row,) = [r for r in range(1, 6) if sheet.cell(r, 1).value == label("dropoffs", lang)]
        cells = [sheet.cell(row, c).value for c in range(1, 10)]
        assert cells[1] == manifest.dropoffs and not any(cells[2:]), (lang, cells)
        (merged,) = [m for m in sheet.merged_cells.ranges if m.min_row == row]
        assert (merged.min_col, merged.max_col) == (2, 9) and sheet.cell(row, 2).alignment.wrap_text


def test_the_manifest_is_named_apart_from_the_registration_form(tmp_path: Path) -> None:
    """The manifest (乘车人员名单, handed to the employer) and the registration
    form (乘客信息登记表, the escort's) were both called 乘客信息登记表: a desk
    could not tell them apart by their title or the header atop each page.
    Each now says its own name, and neither the other's; English as it was."""
    plan = make_plan(load_scenario(write_scenario(tmp_path / "in", [worker("A1", at=TONGZI)])))
    bus = plan.routes[0].bus_id
    named: dict[Lang, tuple[str, str]] = {
        "zh": ("乘车人员名单", "乘客信息登记表"),
        "en": ("Passenger manifest", "Passenger registration form"),
    }
    for lang, (manifest, registration) in named.items():
        out = tmp_path / lang
        write_papers(build_papers(plan, lang), out / "papers")
        write_manifests(build_manifests(plan, lang), out / "manifests", lang)
        books = {
            manifest: load_workbook(out / "manifests" / "manifests.xlsx").worksheets[0],
            registration: load_workbook(out / "papers" / "registration_forms.xlsx").worksheets[0],
        }
        for (name, sheet), other in zip(books.items(), (registration, manifest), strict=True):
            where = (lang, name)
            assert sheet.oddHeader is not None, where
            header = sheet.oddHeader.center.text
            assert header == label("page_heading", lang, paper=name, bus=bus), where
            title = str(sheet["A1"].value)
            assert title.startswith(name), (where, title)
            cells = " ".join(str(c) for row in sheet.iter_rows(values_only=True) for c in row)
            assert other not in cells and other not in header, where
    assert label("manifest_title", "zh", bus="B1", type="大巴", seats=45).startswith(
        "乘车人员名单：车辆 B1"
    )


def test_the_manifest_says_the_drop_offs_as_the_driver_s_sheet_numbers_them(
    tmp_path: Path,
) -> None:
    """A bus of several drop-offs: the manifest's drop-offs line (workbook)
    says them as the driver's sheet's Destination does, each numbered as its
    row there ("（3）A；（4）B"), and each rider's drop-off (workbook and CSV)
    is that numbered stop, the one the driver's sheet drops them at.  The
    heading joined bare names with " → " and the riders' cells were bare: a
    checkpoint could not match them to the driver's numbered rows."""
    scenario = write_long_named_drop_offs(tmp_path / "in")
    plan = make_plan(load_scenario(scenario))
    langs: tuple[Lang, ...] = ("zh", "en")
    numbered: dict[Lang, str] = {"zh": "（{}）{}", "en": "({}) {}"}
    for lang in langs:
        (manifest,) = build_manifests(plan, lang)
        driver = build_papers(plan, lang)[0].driver_sheet
        heading = label("destination", lang)
        (destination,) = [line[3] for line in driver.title if len(line) > 3 and line[2] == heading]
        drops = [r for r in driver.rows if r[1] == label("dropoff_kind", lang)]
        assert len(drops) == 2, drops
        assert "→" not in manifest.dropoffs and manifest.dropoffs == destination, lang
        names = {w.id: w.name for w in plan.batch.workers}
        stop_of: dict[str, str] = {}
        for drop in drops:
            stop = numbered[lang].format(drop[0], drop[3])
            assert stop in destination, (lang, stop, destination)
            stop_of |= dict.fromkeys(str(drop[5]).split("; "), stop)
        out = tmp_path / lang
        write_manifests([manifest], out, lang)
        (path,) = out.glob("bus_*.csv")
        with path.open(encoding="utf-8-sig") as handle:
            riders = list(csv.DictReader(handle))
        assert riders and all(r["dropoff"] == stop_of[r["name"]] for r in riders), riders
        (sheet,) = load_workbook(out / "manifests.xlsx").worksheets
        (row,) = [r for r in range(1, 6) if sheet.cell(r, 1).value == label("dropoffs", lang)]
        assert sheet.cell(row, 2).value == destination, lang
        assert {names[r["worker_id"]] for r in riders} == set(stop_of)


def test_every_signature_line_says_it_is_a_signature_in_either_language(tmp_path: Path) -> None:
    """The lines the driver, the escort and the receiving unit (接收单位) sign
    on, on the driver's sheet, the registration form and the manifest, say
    they are signatures in either language, as 接收单位签字 does: English said
    "Received by", neither who signs nor that it is a signature."""
    plan = make_plan(load_scenario(write_scenario(tmp_path / "in", [worker("A1", at=TONGZI)])))
    signature: dict[Lang, str] = {"zh": "签字", "en": "signature"}
    langs: tuple[Lang, ...] = ("zh", "en")
    for lang in langs:
        papers = build_papers(plan, lang)[0]
        (manifest,) = build_manifests(plan, lang)
        sheets = (papers.driver_sheet, papers.registration, _sheet(manifest, lang))
        signed = [
            text
            for sheet in sheets
            for line in sheet.footer
            for text, then in pairwise(line)
            if isinstance(text, str) and text and isinstance(then, Blank)
        ]
        others = [t for t in signed if t != label("time", lang)]
        assert len(others) == 3 * len(sheets), (lang, signed)
        assert all(t.endswith(signature[lang]) for t in others), (lang, others)
        assert label("received_by", lang) in others, lang


def test_the_manifest_heads_its_pickup_stop_apart_from_the_drop_off(tmp_path: Path) -> None:
    """manifests.xlsx in English heads the rider's boarding stop "Pickup
    stop", as 上车点 says, beside "Pickup time" and "Drop-off": "Stop" beside
    "Drop-off" did not say which stop.  A workbook written before, headed
    "Stop", is still read by `verify`."""
    scenario = write_scenario(tmp_path / "in", [worker("A1", at=TONGZI)])
    out = tmp_path / "out"
    assert run(["plan", str(scenario), "--out", str(out), "--lang", "en"]) == 0
    (sheet,) = load_workbook(out / "manifests" / "manifests.xlsx").worksheets
    (row,) = [r for r in range(1, 10) if sheet.cell(r, 2).value == label("worker_id", "en")]
    column = COLUMNS.index("pickup_stop") + 1
    heading = sheet.cell(row, column)
    assert heading.value == label("pickup_stop", "en") != label("stop", "en")
    assert label("pickup_stop", "zh") == label("stop", "zh")  # 上车点, as it was
    written = [str(cell.value or "") for cell in sheet[row]]
    former = [*written]
    former[column - 1] = label("stop", "en")
    assert _manifest_header(written) and _manifest_header(former)
    assert not _manifest_header([*former[: column - 1], "Drop-off", *former[column:]])


def test_the_manifest_gives_a_quarantined_rider_s_room_and_bed(tmp_path: Path) -> None:
    """A rider bound for quarantine: the manifest's dormitory column says the
    dormitory, the room and the bed, numbered as the arrivals list numbers
    them; it said the room only, and the desk at the dormitory looked the bed
    up on another list.  Printed, in either language, a long dormitory's
    name with its room and bed wraps in its column, whole and clear of the
    column beside it, the table within the page; the workbook's columns
    still fit a landscape page at 100 %."""
    from returnbus.render.lists import build_lists
    from returnbus.render.pdf import write_pdf
    from returnbus.render.tables import _A4_INCHES, _INCH_PX, _SIDE_MARGIN, _pixels

    from .test_papers import _pdf_text

    rows = [worker(f"Y{k}", at=TONGZI, health_code="黄") for k in range(4)]
    scenario = write_scenario(tmp_path / "in", rows)
    dorms = tmp_path / "in" / "dormitories.csv"
    dorms.write_text(
        dorms.read_text(encoding="utf-8").replace("一号楼", "双福工业园街道隔离点女工宿舍"),
        encoding="utf-8",
    )
    plan = make_plan(load_scenario(scenario))
    assert len(plan.beds) == 4
    langs: tuple[Lang, ...] = ("zh", "en")
    for lang in langs:
        arrivals = {str(r["worker_id"]): r for r in build_lists(plan, lang).arrivals}
        manifests = build_manifests(plan, lang)
        cells = {row["worker_id"]: row["dormitory"] for m in manifests for row in m.rows}
        assert cells == {
            w: label("bed_in_room", lang, dorm=a["dormitory"], room=a["room"], bed=a["bed"])
            for w, a in arrivals.items()
        }, lang
        for worker_id, cell in cells.items():
            bed = arrivals[worker_id]
            assert str(bed["room"]) in cell and str(bed["bed"]) in cell, (lang, cell)
        for manifest in manifests:
            pdf = tmp_path / f"{lang}{manifest.route.bus_id}.pdf"
            write_pdf(pdf, [_sheet(manifest, lang)])
            layout = _pdf_text(pdf, "-bbox")
            page = float(re.search(r'<page width="([\d.]+)"', layout)[1])  # type: ignore[index]
            words = [
                (float(x0), float(y0), float(x1), unescape(text))
                for x0, y0, x1, text in re.findall(
                    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"[^>]*>([^<]*)</word>',
                    layout,
                )
            ]
            # The table's heading row: the words on the line of its first, "Seat".
            (top,) = {y0 for _, y0, _, text in words if text == label("seat", lang)}
            heading = label("dormitory", lang).split()[0]
            start = min(x0 for x0, y0, _, text in words if y0 == top and text == heading) - 1
            assert all(x1 <= page - 10 * 72 / 25.4 + 0.5 for _, _, x1, _ in words), lang
            assert not [w for w in words if w[0] < start < w[2]], (lang, start)
            column = "".join(
                text for x0, _, _, text in sorted(words, key=lambda w: w[1]) if x0 >= start
            )
            said = [c for r in manifest.rows if (c := "".join(str(r["dormitory"]).split()))]
            assert said and all(c in column for c in said), (lang, column, said)
        out = tmp_path / lang
        write_manifests(manifests, out, lang)
        (sheet,) = load_workbook(out / "manifests.xlsx").worksheets
        widths = [sheet.column_dimensions[get_column_letter(c)].width for c in range(1, 10)]
        room = (_A4_INCHES[True] - 2 * _SIDE_MARGIN) * _INCH_PX
        assert sum(map(_pixels, widths)) <= room, (lang, widths)
