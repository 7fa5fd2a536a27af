"""The papers of each bus: XLSX set up to print, CSV, and a PDF whose Chinese renders."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ..helpers import PlannedBatch


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
        for line, worker in zip(body, riders, strict=False):
            assert line[3] == "*" * (len(ids[worker]) - 4) + ids[worker][-4:]
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
    assert {"车牌号", "司机", "第二司机", "随车人员"} <= set(flat)
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
    text = subprocess.run(
        [_tool("pdftotext"), str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    names = {r["工号"]: r["姓名"] for r in planned.roster_rows()}
    first = pickups(planned.plan["routes"][0])[0]
    assert names[first] in text
