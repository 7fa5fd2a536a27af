"""The papers of each bus: XLSX set up to print, CSV, and a PDF whose Chinese renders."""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import timedelta
from functools import partial
from html import unescape
from itertools import pairwise
from pathlib import Path
from unicodedata import east_asian_width
from urllib.parse import quote

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from returnbus.domain import Break
from returnbus.dropoffs import QUARANTINE
from returnbus.io.plans import load_plan
from returnbus.io.scenario import load_scenario
from returnbus.pipeline import make_plan
from returnbus.planfile import to_document
from returnbus.render.dataframes import frames
from returnbus.render.labels import label
from returnbus.render.manifests import build_manifests, write_manifests
from returnbus.render.maps import route_map
from returnbus.render.papers import REGISTRATION_KEYS, BusPapers, build_papers, write_papers
from returnbus.render.tables import Blank, Sheet
from returnbus.text import Lang

from ..helpers import (
    HUB,
    TONGZI,
    XISHUI,
    PlannedBatch,
    run,
    worker,
    write_long_named_drop_offs,
    write_one_place_two_points,
    write_scenario,
    write_shared_gates,
)


def pickups(route: dict[str, object]) -> list[str]:
    return [
        w
        for s in route["stops"]  # type: ignore[attr-defined]
        if s["kind"] == "pickup"
        for w in s["worker_ids"]
    ]


def test_one_registration_form_per_bus_with_its_riders(planned: PlannedBatch) -> None:
    """registration_forms.xlsx: a sheet per bus listing exactly its riders, ID numbers
    masked to their last four characters, phones masked; printable on A4."""
    names = {r["工号"]: r["姓名"] for r in planned.roster_rows()}
    ids = {r["工号"]: r["身份证号"] for r in planned.roster_rows()}
    book = load_workbook(planned.out / "papers" / "registration_forms.xlsx")
    routes = planned.plan["routes"]
    assert book.sheetnames == [r["bus_id"] for r in routes]
    for route in routes:
        sheet = book[route["bus_id"]]
        lines = [list(line) for line in sheet.iter_rows(values_only=True)]
        header = next(k for k, line in enumerate(lines) if line[0] == "座位")
        body = [line for line in lines[header + 1 :] if line[1]]
        riders = pickups(route)
        assert [line[1] for line in body[: len(riders)]] == [names[w] for w in riders]
        for line, rider in zip(body, riders, strict=False):
            assert line[3] == "*" * (len(ids[rider]) - 4) + ids[rider][-4:]
            assert not line[4] or "****" in str(line[4])
        assert str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4
        assert sheet.print_title_rows == f"${header + 1}:${header + 1}"


def test_the_driver_sheet_lists_stops_in_order_with_full_phones(planned: PlannedBatch) -> None:
    """Each stop with its time, riders and full phones, a navigation link, and the
    fields the coach company fills in."""
    phones = {r["工号"]: r["手机号"] for r in planned.roster_rows()}
    route = planned.plan["routes"][0]
    book = load_workbook(planned.out / "papers" / "driver_sheets.xlsx")
    lines = [list(line) for line in book[route["bus_id"]].iter_rows(values_only=True)]
    flat = [str(v) for line in lines for v in line if v]
    assert {"车牌号", "司机", "随车人员", "目的地", "手机", "司机签字"} <= set(flat)
    assert ("第二司机" in flat) == (route["drivers"] == 2)
    assert any(cell.startswith("发车前体温检测") for cell in flat)
    text = "\n".join(flat)
    assert all(phones[w] in text for w in pickups(route) if phones[w])
    assert "https://uri.amap.com/navigation?to=" in text


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.fail(
            f"{name} is missing: install Debian's poppler-utils (apt-get install poppler-utils)"
        )
    return found


def _one_rider_papers(tmp_path: Path, drivers: int = 1) -> dict[Lang, BusPapers]:
    """The papers of a one-rider plan's bus, in Chinese and in English: a bus
    of one driver, or with ``drivers`` 2 one that needs two (its five hours'
    drive over a single driver's limit, set to two hours)."""
    rules = "" if drivers == 1 else "max_driving_minutes_one_driver = 120"
    scenario = write_scenario(tmp_path / f"in{drivers}", [worker("A1", at=TONGZI)], rules=rules)
    plan = make_plan(load_scenario(scenario))
    assert plan.routes[0].drivers == drivers
    langs: tuple[Lang, ...] = ("zh", "en")
    return {lang: build_papers(plan, lang)[0] for lang in langs}


def _pdf_text(pdf: Path, *options: str) -> str:
    """The text of ``pdf`` as pdftotext reads it (``options``: -layout, -raw, -bbox-layout)."""
    return subprocess.run(
        [_tool("pdftotext"), *options, str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_the_pdf_renders_chinese(planned: PlannedBatch, tmp_path: Path) -> None:
    """papers.pdf: three papers per bus; its first page renders (not blank) and a
    rider's name comes back out of it as text."""
    pdf = planned.out / "papers" / "papers.pdf"
    info = subprocess.run([_tool("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True)
    pages = int(
        next(line.split()[-1] for line in info.stdout.splitlines() if line.startswith("Pages"))
    )
    assert pages >= 3 * len(planned.plan["routes"])
    subprocess.run(
        [
            _tool("pdftoppm"),
            "-png",
            "-r",
            "30",
            "-f",
            "1",
            "-l",
            "1",
            str(pdf),
            str(tmp_path / "p"),
        ],
        check=True,
    )
    (png,) = tmp_path.glob("p*.png")
    from PIL import Image  # installed with fpdf2

    with Image.open(png) as image:
        grey = image.convert("L")
        inked = sum(grey.histogram()[:128])
    assert 0.001 < inked / (grey.width * grey.height) < 0.5  # ink on paper
    text = _pdf_text(pdf)
    names = {r["工号"]: r["姓名"] for r in planned.roster_rows()}
    first = pickups(planned.plan["routes"][0])[0]
    assert names[first] in text
    # The driver's sheet and the registration form of every bus, coach or
    # minibus, carry the lines filled in by hand.
    sheets = text.split("\f")
    buses = len(planned.plan["routes"])
    for field in ("车牌号", "目的地", "发车前体温检测", "司机签字", "随车人员签字", "接收单位签字"):
        assert sum(field in page for page in sheets) >= 2 * buses, field
    types = {r["bus_type"] for r in planned.plan["routes"]}
    assert "M19" in types and types & {"C33", "C45", "C53"}  # 2+1 rows and 2+2 rows


def test_the_police_export_holds_full_ids_and_phones_and_warns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Only with --police-export: a registration form with full ID numbers and
    phones for the hand-over, and a warning on the console saying what it holds."""
    rows = [
        worker("W1", at=TONGZI, phone="13912345678", id_number="520322199001011234"),
        worker("W2", at=XISHUI, phone="13887654321", id_number="52033019850505432X"),
    ]
    scenario = write_scenario(tmp_path / "in", rows)
    assert run(["plan", str(scenario), "--out", str(tmp_path / "plain")]) == 0
    assert not (tmp_path / "plain" / "papers" / "police").exists()
    assert "公安" not in "".join(capsys.readouterr())
    assert run(["plan", str(scenario), "--out", str(tmp_path / "out"), "--police-export"]) == 0
    assert "仅交公安" in "".join(capsys.readouterr()).replace("\n", "")
    book = load_workbook(tmp_path / "out" / "papers" / "police" / "registration_forms_full_id.xlsx")
    cells = {
        str(c)
        for sheet in book.worksheets
        for line in sheet.iter_rows(values_only=True)
        for c in line
    }
    assert {"13912345678", "13887654321", "520322199001011234", "52033019850505432X"} <= cells
    masked = load_workbook(tmp_path / "out" / "papers" / "registration_forms.xlsx")
    shown = {
        str(c) for s in masked.worksheets for line in s.iter_rows(values_only=True) for c in line
    }
    assert not {"13912345678", "520322199001011234"} & shown


def test_seat_maps_follow_the_bus_layout_and_fill_windows_first(tmp_path: Path) -> None:
    """A 45-seater is drawn 2 + 2 (its back row of 5 across the aisle), a
    minibus 2 + 1; under rated_half 12 riders all sit at windows."""
    rows = [worker(f"W{k:02d}", at=TONGZI) for k in range(12)]
    fleet = (
        'id = "C45"\nseats = 45\ncount = 1\nfixed_cost = 3000\ncost_per_km = 6\n\n'
        '[[fleet]]\nid = "M19"\nseats = 19\nlayout = "2+1"\ncount = 0\nfixed_cost = 900\n'
        "cost_per_km = 3"
    )
    plan = make_plan(load_scenario(write_scenario(tmp_path / "in", rows, fleet=fleet)))
    assert [r.riders for r in plan.routes] == [12]
    sheet = build_papers(plan, "zh")[0].seat_map
    assert sheet.title[1][1] == "核载的一半"  # the policy in the desk's words, not its setting key
    assert build_papers(plan, "en")[0].seat_map.title[1][1] == "half the rated seats"
    assert len(sheet.headers) == 5 and sheet.headers[2] == "过道"
    assert all(line[2] == "" for line in sheet.rows[:-1])  # the aisle, 2 + 2
    back = sheet.rows[-1]
    assert [str(c).split(" ")[0] for c in back[:5]] == ["11A", "11B", "11C", "11D", "11E"]
    names = {f"测试W{k:02d}" for k in range(12)}
    seated = [
        k for line in sheet.rows for k, c in enumerate(line) if str(c).partition(" ")[2] in names
    ]
    assert len(seated) == 12 and set(seated) <= {0, 4}  # A and D: the windows
    minibus = next(b for b in plan.batch.fleet if b.id == "M19")
    assert (minibus.seats_per_row, minibus.left_of_aisle) == (3, 2)


def test_a_seat_map_says_what_its_marks_mean(tmp_path: Path) -> None:
    """A free seat read "1A empty" (空) beside "observation rows: keep
    empty", and neither mark was explained: the map's heading now says what
    空 and × mean, × only where a seat is kept empty."""
    rows = [worker(f"W{k}", at=TONGZI) for k in range(3)]
    legends = {}
    for name, seating in (
        ("half", ""),
        ("full", '\n[seating]\npolicy = "full"\nkeep_last_two_rows_empty = false\n'),
    ):
        scenario = write_scenario(tmp_path / name, rows, extra=seating)
        plan = make_plan(load_scenario(scenario))
        for lang in ("zh", "en"):
            sheet = build_papers(plan, lang)[0].seat_map
            marks = [str(c) for line in sheet.rows for c in line]
            assert any(m.endswith(" " + label("empty_seat", lang)) for m in marks)
            legends[name, lang] = sheet.title[2]
            assert (any(m.endswith(" ×") for m in marks)) == (name == "half")
    assert legends["half", "zh"] == ("空", "未安排乘客", "×", "按座位政策空置")
    assert legends["full", "zh"] == ("空", "未安排乘客")
    assert legends["half", "en"] == ("empty", "no rider", "×", "kept by policy")
    assert legends["full", "en"] == ("empty", "no rider")


def test_a_seat_map_says_the_front_of_the_bus_apart_from_its_policy(tmp_path: Path) -> None:
    """papers.pdf and seat_maps.xlsx, in either language: the front of the
    bus (车头（司机）) is a line of its own just above the seats, over the
    aisle.  It ended the policy's line, which the PDF printed "核载的一半
    车头（司机）", as if the front were part of the policy."""
    from returnbus.render.pdf import write_pdf

    for lang, papers in _one_rider_papers(tmp_path).items():
        sheet = papers.seat_map
        front = label("front", lang)
        policy = next(line for line in sheet.title if label("seats_policy", lang) in line)
        assert front not in policy, (lang, policy)
        above = sheet.title[-1]
        assert [c for c in above if c] == [front], (lang, above)
        assert above.index(front) == sheet.headers.index(label("aisle", lang)), (lang, above)
        pdf = tmp_path / f"{lang}.pdf"
        write_pdf(pdf, [sheet])
        lines = [line.strip() for line in _pdf_text(pdf, "-layout").splitlines() if line.strip()]
        said = [line for line in lines if front in line]
        assert said == [front], (lang, said)
        # Just above the table's heading (the aisle) and its first row of seats.
        assert label("aisle", lang) in lines[lines.index(front) + 1], (lang, lines)


def test_the_driver_sheet_pdf_lists_every_rider_of_a_full_stop(tmp_path: Path) -> None:
    """A 53-seat coach filled at one stop (26 riders under rated_half): the
    driver's sheet in papers.pdf gives every rider's name and full phone, the
    list going on in the rows below rather than cut."""
    rows = [
        worker(f"W{k:02d}", at=TONGZI, phone=f"139000000{k:02d}", name=f"欧阳晓{k:02d}")
        for k in range(26)
    ]
    fleet = 'id = "C53"\nseats = 53\ncount = 1\nfixed_cost = 3600\ncost_per_km = 7'
    scenario = write_scenario(tmp_path / "in", rows, fleet=fleet)
    assert run(["plan", str(scenario), "--out", str(tmp_path / "out")]) == 0
    text = _pdf_text(tmp_path / "out" / "papers" / "papers.pdf", "-raw")
    driver = "".join(page for page in text.split("\f") if "司机行车单" in page)
    flat = "".join(driver.split())
    missing = [r["phone"] for r in rows if f"{r['name']}{r['phone']}" not in flat]
    assert not missing
    assert "…" not in driver


def test_the_papers_name_the_observation_rows_only_when_they_are_kept(tmp_path: Path) -> None:
    """With keep_last_two_rows_empty = false riders may sit in the last two
    rows: the registration form, the manifest and the seat map do not say
    those rows are kept for observation; by default all do, the seat map in
    papers.pdf too (its note, in a column with no heading, was left out)."""
    rows = [worker(f"W{k}", at=TONGZI) for k in range(3)]
    said = {}
    for kept in (True, False):
        seating = f"\n[seating]\nkeep_last_two_rows_empty = {str(kept).lower()}\n"
        scenario = write_scenario(tmp_path / f"in{kept}", rows, extra=seating)
        out = tmp_path / f"out{kept}"
        assert run(["plan", str(scenario), "--out", str(out)]) == 0
        (form,) = (out / "papers" / "buses").glob("*_registration.csv")
        book = load_workbook(out / "manifests" / "manifests.xlsx")
        cells = " ".join(
            str(c) for s in book.worksheets for line in s.iter_rows(values_only=True) for c in line
        )
        text = _pdf_text(out / "papers" / "papers.pdf")
        seat_maps = "".join(page for page in text.split("\f") if "座位图" in page)
        said[kept] = (
            "留观区" in form.read_text(encoding="utf-8-sig"),
            "留观区" in cells,
            label("observation", "zh") in "".join(seat_maps.split()),
        )
    assert said == {True: (True, True, True), False: (False, False, False)}


def test_a_bus_of_several_stops_says_riders_board_and_alight_only_at_them(
    tmp_path: Path,
) -> None:
    """The registration form, the manifest and the driver's sheet (who must
    obey it: it had no such line), in either language, the observation rows
    kept or not: a bus of several drop-offs (its riders boarding at one
    stop) or of several pickup stops says no one boards or alights on the
    way but at its planned stops; it said "途中不上下客" (none on the way),
    though riders board and alight at each of them.  A bus of one stop each
    way keeps the short line."""
    fleet = 'id = "C45"\nseats = 45\ncount = 1\nfixed_cost = 3000\ncost_per_km = 6'
    riders = [worker("A1", at=TONGZI), worker("A2", at=XISHUI)]
    buses = {
        "drop-offs": write_one_place_two_points(tmp_path / "drop-offs"),
        "pickups": write_scenario(tmp_path / "pickups", riders, fleet=fleet),
        "one": write_scenario(tmp_path / "one", [worker("A1", at=TONGZI)]),
    }
    shapes = {"drop-offs": (1, 2), "pickups": (2, 1), "one": (1, 1)}
    written = {stops: scenario.read_text(encoding="utf-8") for stops, scenario in buses.items()}
    langs: tuple[Lang, ...] = ("zh", "en")
    for kept in (True, False):
        seating = f"\n[seating]\nkeep_last_two_rows_empty = {str(kept).lower()}\n"
        for stops, scenario in buses.items():
            scenario.write_text(written[stops] + seating, encoding="utf-8")
            plan = make_plan(load_scenario(scenario))
            (route,) = plan.routes
            # the places it picks up at, its drop-offs
            shape = (len({s.location for s in route.stops}), len(route.dropoffs))
            assert shape == shapes[stops], (stops, shape)
            several = shape != (1, 1)
            short = "no_stops_observation" if kept else "no_stops_on_way"
            planned = "planned_stops_only_observation" if kept else "planned_stops_only"
            for lang in langs:
                (papers,) = build_papers(plan, lang)
                (manifest,) = build_manifests(plan, lang)
                out = tmp_path / f"{stops}{kept}{lang}"
                write_manifests([manifest], out, lang)
                (sheet,) = load_workbook(out / "manifests.xlsx").worksheets
                cells = {str(c) for line in sheet.iter_rows(values_only=True) for c in line}
                form, driver = (
                    {str(c) for line in paper.title for c in line}
                    for paper in (papers.registration, papers.driver_sheet)
                )
                where = (stops, kept, lang)
                for lines in (form, driver, cells):
                    assert (label(planned, lang) in lines) == several, where
                    assert (label(short, lang) in lines) == (not several), where


def test_a_cell_too_long_for_a_page_is_cut_and_the_rest_prints(tmp_path: Path) -> None:
    """A 499-character name in a narrow column (or a cell of many lines) would
    make a row taller than the page, which fpdf refuses: it is cut, ending in
    "…", and every other row prints."""
    from returnbus.render.pdf import write_pdf
    from returnbus.render.tables import Sheet

    sheet = Sheet(
        name="t",
        headers=("工号", "姓名", "地址"),
        rows=[("A1", "张" * 499, "重庆" * 249), ("A2", "李四", "行\n" * 200), ("A3", "王五", "")],
        widths=(8, 6, 30),
    )
    pdf = tmp_path / "p.pdf"
    write_pdf(pdf, [sheet, replace(sheet, landscape=True)])
    text = _pdf_text(pdf)
    assert "李四" in text and "王五" in text and "…" in text


def test_a_long_title_line_wraps_with_its_spaces_as_written(tmp_path: Path) -> None:
    """A heading line longer than the page (a bus's several drop-offs) wraps
    left-aligned: justified, its spaces were stretched, pulling each " / "
    and "；" away from the names it joins."""
    from returnbus.render.pdf import write_pdf

    sites = "；".join(
        f"（{n}）重庆源源精密制造有限公司 / 重庆源长物流有限公司" for n in range(5, 12)
    )
    sheet = Sheet(name="t", headers=("序号",), rows=[("1",)], title=(("标题",), ("目的地", sites)))
    pdf = tmp_path / "p.pdf"
    write_pdf(pdf, [sheet])
    text = _pdf_text(pdf, "-layout")
    lines = [line for line in text.splitlines() if "有限公司" in line]
    assert len(lines) >= 2  # it wraps
    assert all("公司 / 重庆" in line and "  /" not in line for line in lines), lines


def test_the_driver_sheet_says_who_has_no_phone_and_heads_drop_offs_too(tmp_path: Path) -> None:
    """A rider with no phone on the roster is listed "（无电话）" rather than a
    name and nothing; the riders' column heads pickups and drop-offs alike."""
    rows = [worker("A1", at=TONGZI), worker("A2", at=TONGZI, phone="", name="罗敏")]
    plan = make_plan(load_scenario(write_scenario(tmp_path / "in", rows)))
    sheet = build_papers(plan, "zh")[0].driver_sheet
    assert sheet.headers[5] == "上车/下车人员"
    boarding = "; ".join(str(row[5]) for row in sheet.rows if row[1] == "上车")
    assert "罗敏 （无电话）" in boarding and "测试A1 13800000000" in boarding
    english = build_papers(plan, "en")[0].driver_sheet
    assert any("罗敏 (no phone)" in str(row[5]) for row in english.rows)


def test_the_destinations_are_listed_in_the_papers_language(planned: PlannedBatch) -> None:
    """A bus of several drop-offs lists them with "；" in Chinese and "; " in
    English (the English papers had the Chinese list mark)."""
    plan = load_plan(planned.out)
    marks: tuple[tuple[Lang, str, str], ...] = (("zh", "；", "; "), ("en", "; ", "；"))
    for lang, mark, other in marks:
        heads = [
            str(line[3])
            for papers in build_papers(plan, lang)
            for line in papers.driver_sheet.title
            if len(line) > 3 and line[2] == label("destination", lang)
        ]
        assert len(heads) == len(plan.routes)
        several = [h for h, r in zip(heads, plan.routes, strict=True) if len(r.dropoffs) > 1]
        assert several and all(mark in h and other not in h for h in several), several


def _destination(sheet: Sheet, lang: Lang) -> str:
    """The "Destination" value of a paper's heading."""
    (where,) = [
        str(line[3])
        for line in sheet.title
        if len(line) > 3 and line[2] == label("destination", lang)
    ]
    return where


def test_the_destination_numbers_each_drop_off_as_the_stop_table_does(tmp_path: Path) -> None:
    """A bus of several drop-offs heads its papers with each in stop order,
    numbered as the driver's sheet numbers its row, "；" ("; ") between stops
    and " / " between employers sharing a gate: "（3）A；（4）B / C".  Without
    the numbers "A、B / C" did not say whether B and C were one stop or two.
    A bus of one drop-off names it alone; papers.pdf prints the whole line."""
    more = [worker("B2", at=TONGZI, employer="E3", name="杨帆")]
    scenario = write_one_place_two_points(tmp_path / "in", more)
    (tmp_path / "in" / "employers.csv").write_text(
        "employer_id,name,lat,lon\n"
        f"E1,测试机械有限公司,{HUB[0]},{HUB[1]}\n"
        "E2,测试电子有限公司,29.32,106.28\nE3,测试物流有限公司,29.32,106.28\n",
        encoding="utf-8",
    )
    plan = make_plan(load_scenario(scenario))
    (route,) = plan.routes
    assert len(route.dropoffs) == 2
    langs: tuple[Lang, ...] = ("zh", "en")
    marks: dict[Lang, str] = {"zh": "；", "en": "; "}
    numbered: dict[Lang, str] = {"zh": "（{}）{}", "en": "({}) {}"}
    for lang in langs:
        papers = build_papers(plan, lang)[0]
        drops = [r for r in papers.driver_sheet.rows if r[1] == label("dropoff_kind", lang)]
        stops = [numbered[lang].format(r[0], r[3]) for r in drops]
        assert any(" / " in str(r[3]) for r in drops)  # a gate two employers share
        for sheet in (papers.driver_sheet, papers.registration):
            assert _destination(sheet, lang).split(marks[lang]) == stops
    heading = _destination(build_papers(plan, "zh")[0].driver_sheet, "zh")
    assert heading.startswith("（3）") and "；（4）" in heading
    assert "测试电子有限公司 / 测试物流有限公司" in heading
    out = tmp_path / "out"
    assert run(["plan", str(scenario), "--out", str(out)]) == 0
    text = _pdf_text(out / "papers" / "papers.pdf")
    pages = [page for page in text.split("\f") if "目的地" in page]
    assert len(pages) == 2  # the driver's sheet and the registration form
    assert all(heading.replace(" ", "") in "".join(page.split()) for page in pages)
    # One drop-off: its name alone, unnumbered.
    alone = make_plan(load_scenario(write_scenario(tmp_path / "one", [worker("A1", at=TONGZI)])))
    for lang in langs:
        sheet = build_papers(alone, lang)[0].driver_sheet
        (drop,) = [r for r in sheet.rows if r[1] == label("dropoff_kind", lang)]
        assert _destination(sheet, lang) == drop[3]


def test_a_gate_is_named_on_a_bus_s_papers_for_the_riders_it_drops_there(tmp_path: Path) -> None:
    """A gate several employers share is named on a bus's papers (the
    driver's rows, the heading's Destination, the manifest) after the
    employers of the riders it drops there, the destination's name first for
    a rider whose roster row names no employer; a gate shared by ten
    employers named all ten in each cell and pushed the papers on to two
    pages.  The desk's tables keep every employer of the gate."""
    scenario = write_shared_gates(tmp_path / "in")
    plan = make_plan(load_scenario(scenario))
    (route,) = plan.routes
    hub, gate = "hub / 测试机械有限公司", "测试电子有限公司 / 测试服装有限公司"
    alights = {w: d.point_id for d in route.dropoffs for w in d.worker_ids}
    assert alights["X1"] == alights["A1"] != alights["B1"] == alights["B2"]
    named = {alights["A1"]: hub, alights["B1"]: gate}
    in_order = tuple(named[d.point_id] for d in route.dropoffs)
    langs: tuple[Lang, ...] = ("zh", "en")
    for lang in langs:
        papers = build_papers(plan, lang)[0]
        drops = [r for r in papers.driver_sheet.rows if r[1] == label("dropoff_kind", lang)]
        assert tuple(r[3] for r in drops) == in_order, lang
        assert all(f",{quote(str(r[3]))}&" in str(r[6]) for r in drops), lang  # navigation
        for sheet in (papers.driver_sheet, papers.registration):
            assert all(n in _destination(sheet, lang) for n in (hub, gate)), lang
            assert "测试物流" not in _destination(sheet, lang), lang
            assert "测试食品" not in _destination(sheet, lang), lang
        (manifest,) = build_manifests(plan, lang)
        assert manifest.dropoffs == _destination(papers.driver_sheet, lang), lang
        by_worker = {r["worker_id"]: r["dropoff"] for r in manifest.rows}
        # Each numbered as the driver's sheet numbers its row (`dropoff_stop`).
        number = {r[3]: r[0] for r in drops}
        stop = {n: label("destination_stop", lang, stop=number[n], site=n) for n in (hub, gate)}
        assert by_worker == {"A1": stop[hub], "X1": stop[hub], "B1": stop[gate], "B2": stop[gate]}
    # The desk's tables and the map: each gate with every employer sharing it.
    riders = frames(plan).riders.set_index("worker_id")["dropoff"]
    assert riders["A1"] == riders["X1"] == "测试机械有限公司 / 测试食品有限公司"
    assert riders["B1"] == "测试电子有限公司 / 测试物流有限公司 / 测试服装有限公司"
    # Written, the papers say it as built, and `verify` reads them back.
    out = tmp_path / "out"
    assert run(["plan", str(scenario), "--out", str(out)]) == 0
    (manifest_csv,) = (out / "manifests").glob("bus_*.csv")
    with manifest_csv.open(encoding="utf-8-sig") as handle:
        written = {r["worker_id"]: r["dropoff"] for r in csv.DictReader(handle)}
    zh = {r["worker_id"]: r["dropoff"] for r in build_manifests(plan, "zh")[0].rows}
    assert written == zh and written["A1"].endswith(hub) and written["B1"].endswith(gate)
    assert run(["verify", str(out)]) == 0


def test_points_at_one_place_and_time_are_one_row_of_the_driver_sheet(tmp_path: Path) -> None:
    """A town's riders bound for two employers board at two pickup points at
    one place, which the bus calls at together: plan.json keeps two stops,
    but the driver's sheet, in either language, has one row numbered "1·2"
    (as the map numbers its marker) with the three riders; papers.pdf too.
    The drop-offs keep their numbers."""
    scenario = write_one_place_two_points(tmp_path / "in")
    plan = make_plan(load_scenario(scenario))
    (route,) = plan.routes
    first, second = route.stops
    assert first.point_id != second.point_id
    assert (first.location, first.arrive) == (second.location, second.arrive)
    for lang in ("zh", "en"):
        sheet = build_papers(plan, lang)[0].driver_sheet
        (row,) = [r for r in sheet.rows if r[1] == label("pickup", lang)]
        assert row[0] == "1·2" and row[4] == 3, row
        assert all(name in str(row[5]) for name in ("测试A1", "测试A2", "罗敏"))
        drops = [r[0] for r in sheet.rows if r[1] == label("dropoff_kind", lang)]
        assert drops == [3, 4]
    out = tmp_path / "out"
    assert run(["plan", str(scenario), "--out", str(out)]) == 0
    (written,) = json.loads((out / "plan.json").read_text(encoding="utf-8"))["routes"]
    kinds = [(s["seq"], s["kind"]) for s in written["stops"]]
    assert kinds == [(1, "pickup"), (2, "pickup"), (3, "dropoff"), (4, "dropoff")]
    text = _pdf_text(out / "papers" / "papers.pdf", "-layout")
    driver = "".join(page for page in text.split("\f") if "司机行车单" in page)
    assert len([line for line in driver.splitlines() if " 上车 " in line]) == 1
    assert "1·2" in driver
    assert run(["verify", str(out)]) == 0


def test_points_at_one_place_but_another_time_stay_apart(tmp_path: Path) -> None:
    """Two pickups at one place but not at one time (a bus that comes back)
    are two rows of the driver's sheet, each with its own riders."""
    plan = make_plan(load_scenario(write_one_place_two_points(tmp_path / "in")))
    (route,) = plan.routes
    first, second = route.stops
    later = replace(second, arrive=second.arrive + timedelta(minutes=5))
    apart = replace(plan, routes=(replace(route, stops=(first, later)),))
    sheet = build_papers(apart, "zh")[0].driver_sheet
    rows = [r for r in sheet.rows if r[1] == "上车"]
    assert [(r[0], r[4]) for r in rows] == [(1, len(first.worker_ids)), (2, 1)]
    assert "罗敏" in str(rows[1][5]) and "罗敏" not in str(rows[0][5])


def _ruled(lang: Lang, key: str, least: int) -> str:
    """A pattern: label ``key`` followed by a ruled blank of ``least`` underscores or more."""
    return re.escape(label(key, lang)) + f" +_{{{least},}}"


def test_the_fields_filled_in_by_hand_have_a_blank_to_write_in(tmp_path: Path) -> None:
    """papers.pdf, in either language: the driver's sheet and the registration
    form give the plate, each driver and the escort with their phones, and
    each signature a ruled blank after its label, wide enough to write in by
    hand (a plate of about ten characters, an 11-digit phone), each line of
    fields on one line of the page.  A heading line dropped its empty cells,
    so it read "车牌号   目的地 …" with nowhere to write the plate.  The second
    driver's name, phone and temperature only on a bus that needs two
    drivers: a bus of one driver was given blanks for a driver it has not."""
    from returnbus.render.pdf import write_pdf

    for drivers in (1, 2):
        for lang, papers in _one_rider_papers(tmp_path, drivers).items():
            pdf = tmp_path / f"{lang}{drivers}.pdf"
            write_pdf(pdf, [papers.driver_sheet, papers.registration])
            text = _pdf_text(pdf, "-layout")
            pages = text.split("\f")[:2]
            assert len(pages) == 2
            blank = partial(_ruled, lang)
            name, phone = blank("driver", 12), blank("phone", 20)
            second = f" +{blank('second_driver', 12)} +{phone}" if drivers == 2 else ""
            lines = (
                blank("plate", 20) + " +" + re.escape(label("destination", lang)),
                f"{name} +{phone}{second} *$",
                f"{blank('escort', 12)} +{phone}",
                " +".join(
                    blank(key, 12)
                    for key in ("driver_signature", "escort_signature", "received_by")
                ),
            )
            for page in pages:
                for line in lines:
                    assert re.search(f"^ *{line}", page, re.MULTILINE), (lang, line, page)
                (temperatures,) = [line for line in page.splitlines() if "°C" in line]
                said = label("second_driver", lang).lower() in temperatures.lower()
                assert said == (drivers == 2), (lang, temperatures)


def test_a_signature_is_labelled_apart_from_the_field_naming_its_signer(
    tmp_path: Path,
) -> None:
    """The driver's sheet, the registration form and the manifest, in either
    language: the driver's and the escort's signatures are labelled as
    signatures (司机签字, "Driver's signature"), not with the words the fields
    of their names use: in English both said "Driver" and "Escort", as though
    the signature line asked for the names again."""
    plan = make_plan(load_scenario(write_scenario(tmp_path / "in", [worker("A1", at=TONGZI)])))
    langs: tuple[Lang, ...] = ("zh", "en")
    for lang in langs:
        papers = build_papers(plan, lang)[0]
        out = tmp_path / lang
        write_manifests(build_manifests(plan, lang), out, lang)
        (sheet,) = load_workbook(out / "manifests.xlsx").worksheets
        signs = {label(key, lang) for key in ("driver_signature", "escort_signature")}
        manifest = [
            str(c)
            for line in sheet.iter_rows(values_only=True)
            if signs & set(line)
            for c in line
            if c
        ]
        footers = [
            [str(c) for line in paper.footer for c in line if str(c)]
            for paper in (papers.driver_sheet, papers.registration)
        ]
        fields = {label(key, lang) for key in ("driver", "second_driver", "escort", "name")}
        for said in (*footers, manifest):
            where = (lang, said)
            assert signs <= set(said) and not fields & set(said), where
        assert len(signs) == 2, lang


def _printed_width(text: str) -> int:
    """Columns of a workbook ``text`` takes on one line: a Chinese character two."""
    return sum(2 if east_asian_width(c) in "WF" else 1 for c in text)


def test_a_long_heading_line_of_a_workbook_prints_whole(tmp_path: Path) -> None:
    """driver_sheets.xlsx and registration_forms.xlsx, in either language: a
    heading cell too long for the columns left of the table (the Destination
    of a bus with several drop-offs of long names) is merged across to the
    table's last column and wraps, on a row tall enough for its lines;
    spilling past the last column, it was cut where the page ends.  The
    sheets still print one page wide."""
    scenario = write_long_named_drop_offs(tmp_path / "in")
    plan = make_plan(load_scenario(scenario))
    assert len(plan.routes[0].dropoffs) == 2
    langs: tuple[Lang, ...] = ("zh", "en")
    for lang in langs:
        out = tmp_path / lang
        write_papers(build_papers(plan, lang), out)
        for book in ("driver_sheets", "registration_forms"):
            (sheet,) = load_workbook(out / f"{book}.xlsx").worksheets
            fitted = sheet.sheet_properties.pageSetUpPr
            assert sheet.page_setup.fitToWidth == 1 and fitted is not None and fitted.fitToPage
            header = next(
                r
                for r in range(1, sheet.max_row + 1)
                if sheet.cell(r, 1).value
                == label("stop_no" if book == "driver_sheets" else "seat", lang)
            )
            last = max(c for c in range(1, sheet.max_column + 1) if sheet.cell(header, c).value)
            widths = [
                sheet.column_dimensions[get_column_letter(c)].width for c in range(1, last + 1)
            ]
            merged = {m.min_row: m for m in sheet.merged_cells.ranges}
            destination = next(
                r for r in range(1, header) if sheet.cell(r, 3).value == label("destination", lang)
            )
            assert destination in merged, (lang, book)
            for row in range(1, header):
                texts = [c for c in range(1, last + 1) if sheet.cell(row, c).value]
                if not texts:
                    continue
                column, cell = texts[-1], sheet.cell(row, texts[-1])
                room = sum(widths[column - 1 :])
                need = _printed_width(str(cell.value))
                if need <= room:
                    continue
                where = (lang, book, row, cell.value)
                assert row in merged, where
                assert (merged[row].min_col, merged[row].max_col) == (column, last), where
                assert cell.alignment.wrap_text, where
                lines = -(-need // int(room))
                assert (sheet.row_dimensions[row].height or 0) >= 15 * lines, where


def _written_books(
    tmp_path: Path, books: Sequence[str], drivers: int = 1
) -> Iterator[tuple[Lang, str, Sheet, Worksheet]]:
    """The one-rider papers (`_one_rider_papers`, of a bus of ``drivers``)
    written in each language: for each of ``books`` (driver_sheets,
    registration_forms, seat_maps), the paper and its written worksheet."""
    for lang, papers in _one_rider_papers(tmp_path, drivers).items():
        out = tmp_path / f"{lang}{drivers}"
        write_papers([papers], out)
        paper_of = {
            "driver_sheets": papers.driver_sheet,
            "registration_forms": papers.registration,
            "seat_maps": papers.seat_map,
        }
        for book in books:
            (sheet,) = load_workbook(out / f"{book}.xlsx").worksheets
            yield lang, book, paper_of[book], sheet


def _heading_lines(paper: Sheet) -> list[tuple[int, Sequence[object]]]:
    """A paper's title and footer lines, each with its row in the paper's workbook."""
    footer = len(paper.title) + len(paper.rows) + 2
    return [*enumerate(paper.title, start=1), *enumerate(paper.footer, start=footer)]


def test_the_workbooks_rule_a_blank_wide_enough_for_each_field_filled_in_by_hand(
    tmp_path: Path,
) -> None:
    """driver_sheets.xlsx and registration_forms.xlsx, in either language:
    each field written in by hand (plate, drivers, escort, their phones, the
    signatures) is a cell ruled underneath, in a column wide enough for what
    is written there by hand, two columns a character: a plate of ten, an
    11-digit phone.  They were plain empty cells, the plate's 8 wide.  The
    second driver's name and phone only on a bus that needs two drivers."""
    books = ("driver_sheets", "registration_forms")
    written = [(1, *w) for w in _written_books(tmp_path, books)]
    written += [(2, *w) for w in _written_books(tmp_path, books, drivers=2)]
    for drivers, lang, book, paper, sheet in written:
        lines = _heading_lines(paper)
        blanks = [
            (row, column, value.chars)
            for row, line in lines
            for column, value in enumerate(line, start=1)
            if isinstance(value, Blank)
        ]
        # a plate, a name and a phone for each driver and the escort, 3 signatures
        assert len(blanks) == 1 + 2 * (drivers + 1) + 3, (lang, book, drivers)
        for row, column, chars in blanks:
            cell = sheet.cell(row, column)
            where = (lang, book, cell.coordinate)
            assert cell.border.bottom.style == "thin", where
            width = sheet.column_dimensions[get_column_letter(column)].width
            assert width >= 2 * chars, (*where, width)
        ruled = {
            (c.row, c.column)
            for line in sheet.iter_rows(max_row=len(paper.title))
            for c in line
            if c.border.bottom.style
        }
        assert ruled == {(r, c) for r, c, _ in blanks if r <= len(paper.title)}, (lang, book)


def test_every_heading_cell_of_a_workbook_shows_whole(tmp_path: Path) -> None:
    """driver_sheets.xlsx, registration_forms.xlsx and seat_maps.xlsx, in
    either language: a heading or footer cell followed by another or by a
    blank on its line fits its column, one wider than a character's padding;
    a text too long to widen a table's column for wraps in its cell, on a row
    tall enough.  The next cell cut them: "第二司机" in a 6-wide column, a
    departure time in an 8-wide one, "Drivers needed" in an 8-wide one;
    "接收单位签字" ran over the rule of its blank.  A bus of two drivers too:
    only it has the second driver's fields."""
    books = ("driver_sheets", "registration_forms", "seat_maps")
    written = [*_written_books(tmp_path, books), *_written_books(tmp_path, books, drivers=2)]
    for lang, book, paper, sheet in written:
        lines = _heading_lines(paper)
        checked = 0
        for row, line in lines:
            filled = [k for k, v in enumerate(line, start=1) if str(v) or isinstance(v, Blank)]
            for column in (k for k in filled[:-1] if str(line[k - 1])):
                cell = sheet.cell(row, column)
                need = _printed_width(str(cell.value)) * (13 / 11 if row == 1 else 1)
                width = sheet.column_dimensions[get_column_letter(column)].width
                where = (lang, book, cell.coordinate, cell.value, width)
                assert cell.value == str(line[column - 1]), where
                checked += 1
                if need + 1 <= width:
                    continue
                assert cell.alignment.wrap_text, where
                rows = -(-need // (width - 1))
                assert (sheet.row_dimensions[row].height or 0) >= 15 * rows, where
        assert checked >= 2, (lang, book)


#: Nine riders' names, as the demo's busiest stops have.
NAMES = ("郝志", "吕永桂", "何娜", "周敏", "尹超", "魏俊", "许杰", "段国", "钱刚娜")


def _lines_down(pdf: Path) -> list[list[tuple[float, str]]]:
    """Each page's printed lines, top to bottom: the bottom of each in mm and its text."""
    layout = _pdf_text(pdf, "-bbox-layout")
    pages = []
    for page in layout.split("<page ")[1:]:
        lines: list[tuple[float, str]] = []
        found = re.findall(r'<line xMin="([0-9.]+)"[^>]*yMax="([0-9.]+)">(.*?)</line>', page, re.S)
        for _, bottom, words in sorted(found, key=lambda f: (float(f[1]), float(f[0]))):
            said = " ".join(unescape(w) for w in re.findall(r">([^<]+)</word>", words))
            mm, text = float(bottom) * 25.4 / 72, said
            if lines and abs(lines[-1][0] - mm) < 0.5:  # pdftotext's pieces of one line
                before, said = lines.pop()
                mm, text = before, f"{said} {text}"
            lines.append((mm, text))
        pages.append(lines)
    return pages


def test_the_lines_written_in_by_hand_leave_room_and_a_dozen_stops_fit_a_page(
    tmp_path: Path,
) -> None:
    """papers.pdf, in either language: a heading line with a blank to write
    in (plate, drivers, escort, the temperatures) and the signatures' are 8
    mm or more below the line above, room to write by hand; they were 6 mm.
    A driver's sheet of a dozen stops still prints on one landscape page with
    its signatures: three long drop-offs in its heading, five stops of nine
    riders with their phones (three lines each) as the demo's busiest buses
    have; the signatures of those went on a page of their own."""
    from returnbus.render.pdf import write_pdf

    sites = "；".join(
        f"（{n}）重庆福沙精密制造有限公司 / 重庆源鼎物流有限公司 / 重庆帆润物流有限公司"
        for n in range(8, 11)
    )
    for lang, papers in _one_rider_papers(tmp_path).items():
        pdf = tmp_path / f"{lang}.pdf"
        write_pdf(pdf, [papers.driver_sheet, papers.registration])
        keys = ("plate", "driver", "escort", "driver_signature", "temperature_check")
        ruled = [label(key, lang).split()[0] for key in keys]
        for page in _lines_down(pdf):
            room = [
                (text.split()[0], bottom - page[k - 1][0])
                for k, (bottom, text) in enumerate(page)
                if k and "___" in text
            ]
            assert sorted(line for line, _ in room) == sorted(ruled), (lang, room)
            assert all(mm >= 7.9 for _, mm in room), (lang, room)
        sheet = papers.driver_sheet
        title = [
            (*line[:3], sites) if line and line[0] == label("plate", lang) else line
            for line in sheet.title
        ]
        busy = "; ".join(f"{name} 139{k:08d}" for k, name in enumerate(NAMES))
        stop = list(sheet.rows[0])
        rest: list[object] = ["", "rest", "2020-03-18 04:29", "20", "", "", "", ""]
        rows = [[*stop[:5], busy, *stop[6:]] for _ in range(5)] + [stop, rest] * 3 + [stop]
        write_pdf(pdf, [replace(sheet, title=title, rows=rows)])
        pages = _lines_down(pdf)
        assert len(pages) == 1, (lang, pages[1:])
        assert pages[0][-1][1].startswith(label("driver_signature", lang)), (lang, pages[0][-1])
        riders = [text for _, text in pages[0] if "1390" in text]
        assert len(riders) == 15, (lang, riders)  # three lines a busy stop: as tall as the demo's


def test_the_dormitories_stand_in_is_named_in_the_output_language(tmp_path: Path) -> None:
    """A bus whose riders bound for quarantine get off at the dormitories'
    stand-in (no bed reserved yet) names it in the output's language on the
    papers, the manifest, the lists and the map: "隔离宿舍", or "Quarantine
    dormitory" in English.  It was "隔离宿舍 quarantine dormitory" whatever
    the language.  plan.json holds the stand-in's site id, not its name."""
    rows = [worker("Q1", at=TONGZI, health_code="黄")]
    plan = make_plan(load_scenario(write_scenario(tmp_path / "in", rows)))
    (route,) = plan.routes
    (stop,) = route.dropoffs
    plan = replace(plan, routes=(replace(route, dropoffs=(replace(stop, point_id=QUARANTINE),)),))
    words: dict[Lang, tuple[str, str]] = {
        "zh": ("隔离宿舍", "quarantine dormitory"),
        "en": ("Quarantine dormitory", "隔离宿舍"),
    }
    for lang, (name, other) in words.items():
        output = replace(plan.settings.output, lang=lang)
        said = replace(plan, settings=replace(plan.settings, output=output))
        papers = build_papers(said, lang)[0]
        (drop,) = [r for r in papers.driver_sheet.rows if r[1] == label("dropoff_kind", lang)]
        (manifest,) = build_manifests(said, lang)
        riders = frames(said, lang).riders
        route_map(said).save(str(tmp_path / f"{lang}.html"))
        page = (tmp_path / f"{lang}.html").read_text(encoding="utf-8")
        shown = (
            drop[3],
            _destination(papers.driver_sheet, lang),
            _destination(papers.registration, lang),
            manifest.dropoffs,
            *(row["dropoff"] for row in manifest.rows),
            *riders["dropoff"],
        )
        assert set(shown) == {name}, (lang, shown)
        assert json.dumps(name)[1:-1] in page and other not in page.lower(), lang
    (written,) = to_document(plan)["routes"]
    assert [s["point_id"] for s in written["stops"] if s["kind"] == "dropoff"] == [QUARANTINE]
    assert "隔离宿舍" not in json.dumps(to_document(plan), ensure_ascii=False)


def test_a_sheet_going_on_to_another_page_names_its_bus_there(tmp_path: Path) -> None:
    """A driver's sheet too long for one page (the English demo's busiest
    buses put their signatures alone on a second page): every page it goes
    on to repeats its heading line (paper and bus) above the rest, so a page
    loose from the pile still says which bus it belongs to; the next sheet's
    first page does not carry it."""
    from returnbus.render.pdf import write_pdf

    for lang, papers in _one_rider_papers(tmp_path).items():
        sheet = papers.driver_sheet
        heading = str(sheet.title[0][0])
        rows = [list(sheet.rows[0])] * 60
        pdf = tmp_path / f"{lang}.pdf"
        write_pdf(pdf, [replace(sheet, rows=rows), papers.seat_map])
        pages = _lines_down(pdf)
        assert len(pages) >= 3, (lang, len(pages))
        for page in pages[:-1]:
            top = " ".join(unescape(page[0][1]).split())
            assert top == " ".join(heading.split()), (lang, page[0])
        assert label("seat_map", lang) in pages[-1][0][1], (lang, pages[-1][0])
        assert not any(label("driver_sheet", lang) in text for _, text in pages[-1]), lang


def test_a_rider_and_their_phone_stay_on_one_line_of_the_pdf(tmp_path: Path) -> None:
    """papers.pdf's driver's sheet: a busy stop's riders wrap over several
    lines of their cell, but never between a rider's name and their phone
    (the demo printed "邱强" at a line's end and "16177773652; 梁玉芳 …" on
    the next, the phone looking like the next rider's)."""
    from returnbus.render.pdf import write_pdf

    papers = _one_rider_papers(tmp_path)["zh"]
    sheet = papers.driver_sheet
    names = [f"{a}{b}" for a in ("罗", "孙", "蔡", "邱", "欧阳") for b in ("玉金", "华", "刚强")]
    for pad in range(1, 7):
        busy = "; ".join(f"{'张' * pad}{n} 1{k:010d}" for k, n in enumerate(names))
        stop = list(sheet.rows[0])
        pdf = tmp_path / f"p{pad}.pdf"
        write_pdf(pdf, [replace(sheet, rows=[[*stop[:5], busy, *stop[6:]]])])
        text = _pdf_text(pdf, "-layout")
        lines = [t for t in text.splitlines() if re.search(r"张|1\d{10}", t)]
        # Each line from the riders' cell on (the other cells' text dropped); pdftotext
        # gives the no-break space between a name and a phone as it is.
        cell = [re.sub(r"^.*?(?=张|1\d{10})", "", line).replace("\xa0", " ") for line in lines]
        riders = re.findall(rf"{'张' * pad}[\u4e00-\u9fff]+(?: 1\d{{10}})?", " ".join(cell))
        assert len(riders) == len(names), (pad, cell)
        bare = [r for r in riders if " " not in r]
        bare += [line for line in cell if re.match(r"1\d{10}", line)]
        assert not bare, (pad, cell)


def test_a_rider_without_a_phone_stays_on_one_line_with_the_words_saying_so(
    tmp_path: Path,
) -> None:
    """papers.pdf's driver's sheet, in either language: a rider with no phone
    on the roster is printed with the words saying so on the same line, and
    those words whole (the English demo printed "孔燕 (no" and "phone)" on
    two lines)."""
    from returnbus.render.pdf import write_pdf

    names = [f"{a}{b}" for a in ("罗", "孙", "蔡", "邱", "欧阳") for b in ("玉金", "华", "刚强")]
    for lang, papers in _one_rider_papers(tmp_path).items():
        sheet, none = papers.driver_sheet, label("no_phone", lang)
        for pad in range(1, 7):
            busy = "; ".join(f"{'张' * pad}{n} {none}" for n in names)
            stop = list(sheet.rows[0])
            pdf = tmp_path / f"{lang}{pad}.pdf"
            write_pdf(pdf, [replace(sheet, rows=[[*stop[:5], busy, *stop[6:]]])])
            text = _pdf_text(pdf, "-layout").replace("\xa0", " ")
            # The riders' cell, its lines from its left edge on (a line may start with
            # what was torn from a name).
            lines = [t for t in text.splitlines() if re.search("张|电话|phone", t)]
            cell = [re.sub(rf"^.*?(?=张|{re.escape(none[:2])}|phone)", "", t) for t in lines]
            riders = re.findall(r"张+[\u4e00-\u9fff]+[^;]*", "\n".join(cell))
            assert len(riders) == len(names), (lang, pad, cell)
            torn = [r for r in riders if r.rstrip().split(" ", 1)[1:] != [none]]
            assert not torn, (lang, pad, cell)


def test_the_signatures_go_on_to_a_page_with_the_last_row_not_alone(tmp_path: Path) -> None:
    """papers.pdf: a sheet whose rows just fill its page prints its last row
    on the next page with its signatures below it.  The signatures alone
    went on to it, a page with nothing but the bus's heading and the lines
    to sign on (four registration forms of a 3,000-worker batch).  The last
    row prints whole, its name too."""
    from returnbus.render.pdf import write_pdf

    footer = ((), ("Driver's signature", Blank(12), "Escort's signature", Blank(12)))
    checked = 0
    for count in range(20, 60):
        sheet = Sheet(
            name="form",
            title=(("Registration form", "bus B1"), ("Depart 06:00",)),
            headers=("Seat", "Name"),
            # The last rider's name of characters printed nowhere before it.
            rows=[(f"S{k}", f"rider{k:03d}") for k in range(count - 1)]
            + [(f"S{count - 1}", f"rider{count - 1:03d} 肖敏")],
            footer=footer,
            widths=(10, 30),
            landscape=True,
        )
        pdf = tmp_path / f"{count}.pdf"
        write_pdf(pdf, [sheet])
        pages = _pdf_text(pdf, "-layout").split("\f")[:-1]
        for number, page in enumerate(pages):
            assert re.search(r"rider\d{3}", page), (count, number, page)
        assert f"rider{count - 1:03d} 肖敏" in pages[-1] and "signature" in pages[-1], count
        checked += len(pages) > 1
    assert checked, "no sheet went on to a second page"


def test_a_temperature_blank_has_room_for_a_handwritten_reading(tmp_path: Path) -> None:
    """papers.pdf, the driver's sheet and the registration form, in either
    language, one driver or two: each "____ °C" before departure is ruled
    long enough for a reading written by hand ("36.5", four characters of
    about 4.5 mm).  Four underscores were 8 mm: too short to write on."""
    from returnbus.render.pdf import write_pdf

    for drivers in (1, 2):
        for lang, papers in _one_rider_papers(tmp_path, drivers).items():
            pdf = tmp_path / f"{lang}{drivers}.pdf"
            write_pdf(pdf, [papers.driver_sheet, papers.registration])
            words = re.findall(
                r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"[^>]*>([^<]*)</word>',
                _pdf_text(pdf, "-bbox"),
            )
            lines = {y for _, y, _, word in words if "°C" in word}
            rules = [
                (float(x1) - float(x0)) * 25.4 / 72
                for x0, y, x1, word in words
                if y in lines and set(word) == {"_"}
            ]
            assert len(rules) == 2 * (drivers + 1), (lang, drivers, rules)
            assert min(rules) >= 4 * 4.5, (lang, drivers, rules)


def test_every_printed_page_of_a_bus_paper_names_the_bus_and_its_page(tmp_path: Path) -> None:
    """Each workbook of papers (driver's sheets, registration forms, seat
    maps, manifests, the police's forms), in either language: every printed
    page says atop it which paper of which bus it is, and below it its
    page's number in the desk's words; a sheet on two pages repeated its
    table's header on the second and nothing of the bus."""
    scenario = write_scenario(tmp_path / "in", [worker("A1", at=TONGZI)])
    plan = make_plan(load_scenario(scenario))
    bus = plan.routes[0].bus_id
    langs: tuple[Lang, ...] = ("zh", "en")
    for lang in langs:
        out = tmp_path / lang
        write_papers(build_papers(plan, lang, police=True), out)
        write_manifests(build_manifests(plan, lang), out, lang)
        kinds = {
            "driver_sheets": "driver_sheet",
            "registration_forms": "registration",
            "seat_maps": "seat_map",
            "manifests": "manifest",
            "police/registration_forms_full_id": "registration",
        }
        for book, paper in kinds.items():
            (sheet,) = load_workbook(out / f"{book}.xlsx").worksheets
            where = (lang, book)
            heading = label("page_heading", lang, paper=label(paper, lang), bus=bus)
            page_of = label("page_of", lang, page="&P")
            top, foot = sheet.oddHeader, sheet.oddFooter
            assert top is not None and foot is not None, where
            assert (top.center.text, foot.center.text) == (heading, page_of), where
    assert label("page_of", "zh", page="&P") == "第 &P 页"


def test_the_driver_sheet_says_a_break_in_minutes_and_a_long_one_in_hours_and_minutes(
    tmp_path: Path,
) -> None:
    """A rest, a layover and the hours of driving, in either language: under
    an hour in minutes ("16 分钟"), from an hour in hours and minutes
    ("1 小时 30 分钟", "2 小时"); a 16 minutes' layover said "0.3 小时",
    leaving the driver to work out the minutes."""
    plan = make_plan(load_scenario(write_scenario(tmp_path / "in", [worker("A1", at=TONGZI)])))
    route = plan.routes[0]
    start = route.depart
    said = replace(
        route,
        breaks=(Break(start=start, seconds=90 * 60 + 10), Break(start=start, seconds=2 * 3600)),
        layover=Break(start=start, seconds=16 * 60 - 20),
        driving_seconds=59 * 60 + 40,
    )
    wanted: dict[Lang, tuple[str, str, str, str]] = {
        "zh": ("1 小时 30 分钟", "2 小时", "16 分钟", "1 小时"),
        "en": ("1 h 30 min", "2 h", "16 min", "1 h"),
    }
    for lang, (rest, night, layover, driving) in wanted.items():
        sheet = build_papers(replace(plan, routes=(said,)), lang)[0].driver_sheet
        lengths = {str(row[1]): str(row[3]) for row in sheet.rows if row[1] != label("rest", lang)}
        rests = [str(row[3]) for row in sheet.rows if row[1] == label("rest", lang)]
        assert rests == [rest, night], lang
        assert lengths[label("layover", lang)] == layover, lang
        line = [str(c) for c in sheet.title[2]]
        assert line[line.index(label("driving", lang)) + 1] == driving, lang


def test_each_row_of_the_registration_form_has_room_to_write_in_by_hand(
    tmp_path: Path,
) -> None:
    """papers.pdf and registration_forms.xlsx, in either language: each
    rider's row of the registration form is 8 mm tall or more, room to write
    a temperature and sign by hand at a checkpoint; they were 5 mm, a
    printed line's.  A minibus's nine riders (a 19-seater at half load, as
    the demo's) still print on one page with the signatures; forty go on to
    further pages cleanly, each headed with the bus and the table's header,
    every row whole.  In the workbook a row whose origin wraps is as tall as
    its lines still."""
    from returnbus.render.pdf import write_pdf

    for lang, papers in _one_rider_papers(tmp_path).items():
        form = papers.registration
        (rider,) = form.rows
        seat = label("seat", lang)
        for count in (9, 40):
            rows = [[f"S{k:02d}", *rider[1:]] for k in range(count)]
            pdf = tmp_path / f"{lang}{count}.pdf"
            write_pdf(pdf, [replace(form, rows=rows)])
            pages = _lines_down(pdf)
            where = (lang, count)
            assert (len(pages) == 1) == (count == 9), (*where, len(pages))
            seen = []
            for number, page in enumerate(pages):
                texts = [text for _, text in page]
                if number:  # the bus named atop the page, then the table's header
                    assert texts[0].split() == str(form.title[0][0]).split(), (*where, number)
                    assert texts[1].startswith(seat), (*where, number, texts[:2])
                bottoms = [mm for mm, text in page if re.match(r"S\d\d ", text)]
                seen += [text.split()[0] for text in texts if re.match(r"S\d\d ", text)]
                assert all(b - a >= 7.9 for a, b in pairwise(bottoms)), (*where, number)
            assert seen == [f"S{k:02d}" for k in range(count)], where
            assert pages[-1][-1][1].startswith(label("driver_signature", lang)), where
        out = tmp_path / f"{lang}-book"
        far = "贵州省黔西南布依族苗族自治州兴仁市回龙镇" * 2  # three lines of its column
        origin = REGISTRATION_KEYS.index("origin")
        rows = [list(rider), [*rider[:origin], far, *rider[origin + 1 :]]]
        write_papers([replace(papers, registration=replace(form, rows=rows))], out)
        (sheet,) = load_workbook(out / "registration_forms.xlsx").worksheets
        first = len(form.title) + 2
        heights = [sheet.row_dimensions[first + k].height or 0 for k in range(2)]
        assert heights[0] >= 8 * 72 / 25.4 and heights[1] >= 3 * 15, (lang, heights)


def test_a_full_33_seater_s_registration_form_prints_on_one_page(tmp_path: Path) -> None:
    """papers.pdf, in Chinese: the registration form of a 33-seater's
    sixteen riders (half its seats, as the demo's carry), its rows 8 mm to
    write in, prints on one page with its signatures: the rule of the road
    ends the times' line, as on the driver's sheet.  On a line of its own it
    put the last rider and the signatures on a second page.  The rule is
    still said, in either language."""
    from returnbus.render.pdf import write_pdf

    for lang, papers in _one_rider_papers(tmp_path).items():
        form = papers.registration
        (rider,) = form.rows
        rows = [[f"S{k:02d}", *rider[1:]] for k in range(16)]
        pdf = tmp_path / f"{lang}.pdf"
        write_pdf(pdf, [replace(form, rows=rows)])
        text = "".join(_pdf_text(pdf).split())
        assert "".join(label("no_stops_observation", lang).split()) in text, lang
        if lang == "zh":
            (page,) = _lines_down(pdf)
            assert page[-1][1].startswith(label("driver_signature", lang)), page[-1]


def test_a_full_33_seater_s_form_of_several_stops_prints_on_one_page_in_english_too(
    tmp_path: Path,
) -> None:
    """papers.pdf: the registration form of a bus calling at several stops,
    sixteen riders (a 33-seater's half), prints on one page in English as
    in Chinese.  Its rule of the road ("except at planned stops", with the
    observation rows) ends the times' line; in English it was longer than
    the line and wrapped, putting the last rider and the signatures on a
    second page."""
    from returnbus.render.pdf import write_pdf

    plan = make_plan(load_scenario(write_one_place_two_points(tmp_path / "in")))
    assert len(plan.routes[0].dropoffs) == 2
    langs: tuple[Lang, ...] = ("zh", "en")
    for lang in langs:
        form = build_papers(plan, lang)[0].registration
        rule = label("planned_stops_only_observation", lang)
        assert form.title[1][-1] == rule, lang
        rider = form.rows[0]
        pdf = tmp_path / f"{lang}.pdf"
        write_pdf(pdf, [replace(form, rows=[[f"S{k:02d}", *rider[1:]] for k in range(16)])])
        (page,) = _lines_down(pdf)
        assert page[-1][1].startswith(label("driver_signature", lang)), (lang, page[-1])
        # The rule said whole on the times' line, not wrapped to one of its own.
        times = next(text for _, text in page if text.startswith(label("depart", lang)))
        assert "".join(rule.split()) in "".join(times.split()), (lang, times)


def test_a_33_seater_s_form_prints_on_one_page_in_excel_where_the_pdf_has_one(
    tmp_path: Path,
) -> None:
    """registration_forms.xlsx, in either language: its rows of 8 mm are
    given their height, so Excel no longer fits them to their text, and a
    33-seater's sixteen riders, their origins wrapping, went on to a second
    page where papers.pdf has one.  Now the sheet is fit to one page wide
    and tall, printed no smaller than 60 % in its narrowed margins; each row
    has its 8 mm and the lines its origin takes in its column, two for one
    of 21 characters ("贵州省黔西南布依族苗族自治州兴仁市城南街道"); one of
    sixteen ("重庆市彭水苗族土家族自治县新田镇") takes one, where it wrapped in
    a column 30 wide.  A 45-seater's 22 riders, on two pages in the PDF too,
    are not shrunk to one: they go on to a second page at full size."""
    from returnbus.render.pdf import write_pdf

    homes = (
        "贵州省黔西南布依族苗族自治州贞丰县北盘江镇",
        "贵州省黔西南布依族苗族自治州兴仁市城南街道",
    )
    origin = REGISTRATION_KEYS.index("origin")
    for seats, count in ((33, 16), (45, 22)):
        fleet = f'id = "C{seats}"\nseats = {seats}\ncount = 1\nfixed_cost = 3000\ncost_per_km = 6'
        rows = [worker(f"P{k:02d}", home_address=homes[k % 2]) for k in range(count)]
        plan = make_plan(load_scenario(write_scenario(tmp_path / f"in{seats}", rows, fleet=fleet)))
        assert [route.riders for route in plan.routes] == [count]
        langs: tuple[Lang, ...] = ("zh", "en")
        for lang in langs:
            where: tuple[object, ...] = (seats, lang)
            papers = build_papers(plan, lang)
            pdf = tmp_path / f"{seats}{lang}.pdf"
            write_pdf(pdf, [papers[0].registration])
            one_page = len(_lines_down(pdf)) == 1
            assert one_page == (count == 16), where
            out = tmp_path / f"{seats}{lang}"
            write_papers(papers, out)
            (sheet,) = load_workbook(out / "registration_forms.xlsx").worksheets
            fitted = sheet.sheet_properties.pageSetUpPr
            assert fitted is not None and fitted.fitToPage, where
            assert sheet.page_setup.fitToWidth == 1, where
            assert sheet.page_setup.fitToHeight == (1 if one_page else 0), where
            header = next(
                r
                for r in range(1, sheet.max_row + 1)
                if sheet.cell(r, 1).value == label("seat", lang)
            )
            width = sheet.column_dimensions[get_column_letter(origin + 1)].width
            assert width - 1 >= _printed_width("重庆市彭水苗族土家族自治县新田镇"), (*where, width)
            wrapped = set()
            for row in range(header + 1, header + 1 + count):
                said = str(sheet.cell(row, origin + 1).value)
                lines = -(-_printed_width(said) // int(width - 1))
                wrapped.add(lines)
                height = sheet.row_dimensions[row].height or 0
                assert height >= max(8 * 72 / 25.4, 15 * lines), (*where, row, height)
            assert wrapped == {2}, (*where, wrapped, width)
            if one_page:
                # Each row as tall as given, else a line (two for the
                # header's wrapped headings): printed at 60 % or more.
                tall = sum(
                    sheet.row_dimensions[r].height or 15 * (2 if r == header else 1)
                    for r in range(1, sheet.max_row + 1)
                )
                margins = sheet.page_margins
                page = (210 / 25.4 - margins.top - margins.bottom) * 72
                assert tall * 0.6 <= page, (*where, tall, page)
