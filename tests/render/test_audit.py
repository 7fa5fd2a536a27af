"""`verify` reads a folder's papers back and holds them against plan.json worker
by worker, even where outputs.json was rewritten to match; `verify --roster`
counts the rows of the plan's batch in a roster of several batches."""

from __future__ import annotations

import csv
import json
import shutil
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from returnbus.executors import process_pool
from returnbus.io.plans import load_plan
from returnbus.io.rowcount import batch_rows
from returnbus.render import audit
from returnbus.render.audit import paper_problems, read_ahead
from returnbus.render.staging import INDEX, index_problems, write_index

from ..helpers import TONGZI, run, worker, write_one_place_two_points, write_scenario

BATCH = "第一批"


@dataclass(frozen=True)
class TwoBatches:
    """A synthetic scenario of two batches and the plan of its first."""

    roster: Path
    out: Path


@pytest.fixture(scope="module")
def two_batches(tmp_path_factory: pytest.TempPathFactory) -> TwoBatches:
    root = tmp_path_factory.mktemp("two_batches")
    synth = ["synth", "--out", str(root / "in"), "--workers", "80", "--seed", "2"]
    assert run([*synth, "--batches", "2"]) == 0
    scenario = root / "in" / "scenario.toml"
    plan = ["plan", str(scenario), "--out", str(root / "out"), "--batch", BATCH]
    assert run([*plan, "--time-limit", "3"]) == 0
    return TwoBatches(roster=root / "in" / "roster.csv", out=root / "out")


def copied(planned: TwoBatches, tmp_path: Path) -> Path:
    folder = tmp_path / "copy"
    shutil.copytree(planned.out, folder)
    return folder


def reindexed(folder: Path) -> Path:
    """outputs.json rewritten to match the folder as it now is, as a forger would."""
    write_index(folder, json.loads((folder / INDEX).read_text(encoding="utf-8")))
    assert index_problems(folder) == []
    return folder


def said(capsys: pytest.CaptureFixture[str]) -> str:
    return " ".join(capsys.readouterr().out.split())  # the console wraps long lines


def bare(text: str) -> str:
    """``text`` without spaces: the console breaks a line inside Chinese too."""
    return "".join(text.split())


def read_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def write_rows(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)


def routes(folder: Path) -> list[dict[str, object]]:
    plan = json.loads((folder / "plan.json").read_text(encoding="utf-8"))
    return sorted(plan["routes"], key=lambda r: str(r["bus_id"]))


def test_an_untouched_folder_passes(
    two_batches: TwoBatches, capsys: pytest.CaptureFixture[str]
) -> None:
    """The planner's own folder: every paper agrees with plan.json."""
    assert paper_problems(load_plan(two_batches.out), two_batches.out) == []
    assert run(["verify", str(two_batches.out)]) == 0
    assert "所有规则均满足" in said(capsys)
    assert run(["verify", str(two_batches.out), "--lang", "en"]) == 0
    assert "every rule holds" in said(capsys)


def test_a_worker_swapped_to_another_bus_on_the_manifests_is_named(
    two_batches: TwoBatches, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two riders of two buses swapped between their manifests, outputs.json
    rewritten to match: each is named with the file and both buses."""
    folder = copied(two_batches, tmp_path)
    first, second = (str(r["bus_id"]) for r in routes(folder)[:2])
    a_path = folder / "manifests" / f"bus_{first}.csv"
    b_path = folder / "manifests" / f"bus_{second}.csv"
    a_rows, b_rows = read_rows(a_path), read_rows(b_path)
    a_rows[1], b_rows[1] = b_rows[1], a_rows[1]
    a_worker, b_worker = b_rows[1][1], a_rows[1][1]
    write_rows(a_path, a_rows)
    write_rows(b_path, b_rows)
    reindexed(folder)
    capsys.readouterr()
    assert run(["verify", str(folder), "--lang", "en"]) == 1
    out = said(capsys)
    a_name, b_name = f"manifests/bus_{first}.csv", f"manifests/bus_{second}.csv"
    assert f"{b_name}: worker {a_worker} is listed, but plan.json has them on bus {first}" in out
    assert f"{a_name}: worker {b_worker} is listed, but plan.json has them on bus {second}" in out
    assert f"{a_name}: worker {a_worker} rides bus {first} in plan.json but is not listed" in out
    assert f"{b_name}: worker {b_worker} rides bus {second} in plan.json but is not listed" in out


def test_a_registration_form_seat_map_or_drivers_sheet_naming_another_rider_is_named(
    two_batches: TwoBatches, tmp_path: Path
) -> None:
    """The papers name riders, not worker ids: a name put in another rider's
    seat is held against the manifest's name of the worker plan.json seats there."""
    folder = copied(two_batches, tmp_path)
    route = routes(folder)[0]
    bus = str(route["bus_id"])
    seats: dict[str, str] = route["seats_assigned"]  # type: ignore[assignment]
    manifest = read_rows(folder / "manifests" / f"bus_{bus}.csv")
    worker, seat, name = manifest[1][1], manifest[1][0], manifest[1][2]
    assert seats[worker] == seat
    form = folder / "papers" / "buses" / f"{bus}_registration.csv"
    form.write_text(form.read_text(encoding="utf-8-sig").replace(name, "冒名"), "utf-8-sig")
    book = load_workbook(folder / "papers" / "seat_maps.xlsx")
    for row in book[bus].iter_rows():
        for cell in row:
            if cell.value == f"{seat} {name}":
                cell.value = f"{seat} 冒名"
    book.save(folder / "papers" / "seat_maps.xlsx")
    sheet = folder / "papers" / "buses" / f"{bus}_driver.csv"
    sheet.write_text(sheet.read_text(encoding="utf-8-sig").replace(name, "冒名"), "utf-8-sig")
    problems = paper_problems(load_plan(reindexed(folder)), folder)
    wrong = f"seat {seat} names 冒名, but plan.json seats worker {worker} there on bus {bus}"
    assert any(p.startswith(f"papers/buses/{bus}_registration.csv: {wrong}") for p in problems)
    assert any(p.startswith(f"papers/seat_maps.xlsx, sheet {bus}: {wrong}") for p in problems)
    assert any(
        p.startswith(f"papers/buses/{bus}_driver.csv: stop")
        and f"worker {worker} boards here in plan.json but is not listed" in p
        for p in problems
    )


def test_the_desks_lists_are_held_against_the_plan_only_as_written(
    two_batches: TwoBatches, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """arrivals.csv and unassigned.csv forged with outputs.json rewritten: named.
    The same lists annotated by a clerk (their hash changed): the row gone is
    the desk's, but a rider still put on another bus is not; the lists as
    written, annotated: verify passes."""
    folder = copied(two_batches, tmp_path)
    bus = str(routes(folder)[0]["bus_id"])
    arrivals = read_rows(folder / "arrivals.csv")
    moved = next(r for r in arrivals[1:] if r[7] != bus)
    moved[7] = bus
    write_rows(folder / "arrivals.csv", arrivals)
    unassigned = read_rows(folder / "unassigned.csv")
    dropped = unassigned.pop()
    write_rows(folder / "unassigned.csv", unassigned)
    book = load_workbook(folder / "lists.xlsx")
    book.worksheets[0].delete_rows(book.worksheets[0].max_row)
    book.save(folder / "lists.xlsx")
    reindexed(folder)
    capsys.readouterr()
    assert run(["verify", str(folder), "--lang", "en"]) == 1
    out = said(capsys)
    assert f"arrivals.csv: worker {moved[3]} arrives by bus {bus}, but plan.json has them" in out
    assert (
        f"unassigned.csv: worker {dropped[0]} (row {dropped[1]}) is unassigned in plan.json "
        "(on no bus) but is not listed"
    ) in out
    assert f"lists.xlsx, sheet 未安排: worker {dropped[0]} (row {dropped[1]})" in out
    # The clerk's own notes on the lists: the desk's, not tampering.
    for name in ("arrivals.csv", "unassigned.csv"):
        path = folder / name
        path.write_text(path.read_text(encoding="utf-8-sig") + "备注,已电话通知\n", "utf-8-sig")
    book = load_workbook(folder / "lists.xlsx")
    book.worksheets[0]["K3"] = "已电话通知"
    book.save(folder / "lists.xlsx")
    assert run(["verify", str(folder), "--lang", "en"]) == 1
    out = said(capsys)
    assert "x arrivals.csv was edited since the plan was written, and puts 1 worker where" in out
    assert f"worker {moved[3]} arrives by bus {bus}" in out and "x unassigned.csv" not in out
    shutil.copy(two_batches.out / "arrivals.csv", folder / "arrivals.csv")
    path = folder / "arrivals.csv"
    path.write_text(path.read_text(encoding="utf-8-sig") + "备注,已电话通知\n", "utf-8-sig")
    assert run(["verify", str(folder)]) == 0


def test_a_sheet_of_the_lists_taken_out_is_named_in_the_desk_s_words(
    two_batches: TwoBatches, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """lists.xlsx without its 自行返岗 sheet (outputs.json rewritten): verify in
    English named the list by its internal key, 'the self_return list'.  It
    now names it as the English sheet is titled, and in Chinese as the
    Chinese one is."""
    folder = copied(two_batches, tmp_path)
    book = load_workbook(folder / "lists.xlsx")
    del book["自行返岗"]
    book.save(folder / "lists.xlsx")
    reindexed(folder)
    capsys.readouterr()
    assert run(["verify", str(folder), "--lang", "en"]) == 1
    told = said(capsys)
    assert "lists.xlsx: no sheet of the Self-return list" in told, told
    assert "self_return" not in told, told
    assert run(["verify", str(folder)]) == 1
    assert "lists.xlsx：没有自行返岗名单的工作表" in said(capsys)


def test_the_to_call_sheet_of_the_lists_is_held_against_the_plan(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """lists.xlsx's 待联系 sheet, forged with outputs.json rewritten: a rider
    with a phone added, a rider to call moved to another bus, and one left
    out are each named, as in to_call.csv.  The sheet taken out passed as a
    workbook written before the sheet was added; it is now named missing
    where plan.json says its folder was written with one (``outputs_format``),
    and a folder of a plan written before (no ``outputs_format``) still passes."""
    rows = [worker(f"A{i}", at=(TONGZI[0] + 0.001 * i, TONGZI[1])) for i in range(4)]
    for row in rows[:2]:
        row["phone"] = ""
    scenario = write_scenario(tmp_path / "in", rows)
    out = tmp_path / "out"
    assert run(["plan", str(scenario), "--out", str(out)]) == 0
    assert paper_problems(load_plan(out), out) == []
    book = load_workbook(out / "lists.xlsx")
    sheet = book["待联系"]
    assert [sheet.cell(row=k, column=1).value for k in range(3, sheet.max_row + 1)] == [
        "A0",
        "A1",
    ]
    sheet.cell(row=3, column=5).value = "B-forged"
    sheet.append(["A3", "测试A3", "", "包车", "", "", "", ""])
    sheet.delete_rows(4)
    book.save(out / "lists.xlsx")
    reindexed(out)
    capsys.readouterr()
    assert run(["verify", str(out), "--lang", "en"]) == 1
    told = said(capsys)
    assert "lists.xlsx, sheet 待联系: worker A0 boards B-forged" in told
    assert "lists.xlsx, sheet 待联系: worker A1 is to be called in plan.json" in told
    assert "lists.xlsx, sheet 待联系: worker A3 is listed, but plan.json does not list" in told
    del book["待联系"]
    book.save(out / "lists.xlsx")
    reindexed(out)
    capsys.readouterr()
    assert run(["verify", str(out), "--lang", "en"]) == 1
    told = said(capsys)
    assert (
        "lists.xlsx: no sheet of the To call list, though the returnbus that wrote its plan"
        " writes one"
    ) in told, told
    assert run(["verify", str(out)]) == 1
    zh = "".join(capsys.readouterr().out.split())  # the console wraps long lines
    assert "lists.xlsx：没有待联系名单的工作表，而写出其排车方案的returnbus会写此表" in zh, zh
    plan = json.loads((out / "plan.json").read_text(encoding="utf-8"))
    assert plan.pop("outputs_format") >= 1
    (out / "plan.json").write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
    assert paper_problems(load_plan(reindexed(out)), out) == []


def test_a_bed_on_another_bus_in_the_bed_list_is_named(
    two_batches: TwoBatches, tmp_path: Path
) -> None:
    folder = copied(two_batches, tmp_path)
    rows = read_rows(folder / "dormitory_allocation.csv")
    column = rows[0].index("bus_id")
    row = next(r for r in rows[1:] if r[column])
    worker, bus = row[0], row[column]
    row[column] = "B-forged"
    write_rows(folder / "dormitory_allocation.csv", rows)
    problems = paper_problems(load_plan(reindexed(folder)), folder)
    assert any(
        p.startswith(f"dormitory_allocation.csv: worker {worker}'s bed is")
        and "bus B-forged" in p
        and f"bus {bus}" in p
        for p in problems
    )


def test_a_bed_list_written_before_released_on_is_still_read(
    two_batches: TwoBatches, tmp_path: Path
) -> None:
    """A folder written before beds released early were listed has no
    released_on column: its beds, all held to the quarantine's end, are read
    as such, not called a wrong header."""
    folder = copied(two_batches, tmp_path)
    rows = read_rows(folder / "dormitory_allocation.csv")
    assert rows[0][-1] == "released_on" and rows[0][2] == "dorm_name" and len(rows) > 1
    # As it was then: before the dormitory's name too.
    write_rows(folder / "dormitory_allocation.csv", [row[:2] + row[3:-1] for row in rows])
    problems = paper_problems(load_plan(reindexed(folder)), folder)
    assert not [p for p in problems if "dormitory_allocation.csv" in p], problems


def test_a_bed_list_written_before_dorm_name_is_still_read(
    two_batches: TwoBatches, tmp_path: Path
) -> None:
    """A folder written before the bed list named each dormitory has no
    dorm_name column after dorm_id: it is read as it was, not called a
    wrong header; a bed that differs from plan.json is still named."""
    folder = copied(two_batches, tmp_path)
    rows = read_rows(folder / "dormitory_allocation.csv")
    assert rows[0][1:3] == ["dorm_id", "dorm_name"] and len(rows) > 1
    old = [row[:2] + row[3:] for row in rows]
    write_rows(folder / "dormitory_allocation.csv", old)
    problems = paper_problems(load_plan(reindexed(folder)), folder)
    assert not [p for p in problems if "dormitory_allocation.csv" in p], problems
    worker, room = old[1][0], old[1][2]
    old[1][2] = "R-forged"
    write_rows(folder / "dormitory_allocation.csv", old)
    problems = paper_problems(load_plan(reindexed(folder)), folder)
    assert [
        p
        for p in problems
        if p.startswith(f"dormitory_allocation.csv: worker {worker}'s bed is")
        and "room R-forged" in p
        and f"room {room} " in p
    ], problems


def test_a_dormitory_misnamed_in_the_bed_list_is_named(
    two_batches: TwoBatches, tmp_path: Path
) -> None:
    """The bed list's dorm_name is held against plan.json's dormitories: a
    bed whose dormitory is named as another is a problem naming both names."""
    folder = copied(two_batches, tmp_path)
    plan = json.loads((folder / "plan.json").read_text(encoding="utf-8"))
    names = {d["dorm_id"]: d["name"] for d in plan["dormitories"]}
    rows = read_rows(folder / "dormitory_allocation.csv")
    assert [names[row[1]] for row in rows[1:]] == [row[2] for row in rows[1:]]
    row = rows[1]
    worker, dorm, name = row[0], row[1], row[2]
    other = next(n for n in names.values() if n != name)
    row[2] = other
    write_rows(folder / "dormitory_allocation.csv", rows)
    problems = paper_problems(load_plan(reindexed(folder)), folder)
    assert [
        p
        for p in problems
        if p.startswith(f"dormitory_allocation.csv: worker {worker}'s bed is {dorm} {other} ")
        and f"plan.json says {dorm} {name} " in p
    ], problems


def test_damaged_papers_are_problem_lines_not_tracebacks(
    two_batches: TwoBatches, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = copied(two_batches, tmp_path)
    bus = str(routes(folder)[0]["bus_id"])
    (folder / "manifests" / f"bus_{bus}.csv").write_bytes(b"\xff\xfe\x00garbage\x00\n")
    (folder / "papers" / "buses" / f"{bus}_registration.csv").write_bytes(b"a,\x00b\n")
    (folder / "papers" / "buses" / f"{bus}_seats.csv").write_text("", encoding="utf-8")
    (folder / "papers" / "driver_sheets.xlsx").write_bytes(b"PK\x03\x04 truncated")
    (folder / "lists.xlsx").write_bytes(b"not a workbook")
    (folder / "dormitory_allocation.csv").write_text("worker_id\nW1\n", encoding="utf-8")
    (folder / "arrivals.csv").write_text('"unclosed\n', encoding="utf-8")
    reindexed(folder)
    problems = paper_problems(load_plan(folder), folder)
    assert any(p.startswith(f"manifests/bus_{bus}.csv cannot be read") for p in problems)
    assert any(p.startswith("papers/driver_sheets.xlsx cannot be read") for p in problems)
    assert (
        "lists.xlsx cannot be read, so it is not held against plan.json (its contents are damaged)"
        in problems
    )
    assert f"papers/buses/{bus}_seats.csv: it is not a seat map" in problems
    assert "dormitory_allocation.csv: its header is not the bed list's" in problems
    assert "arrivals.csv: its header is not the list's" in problems
    capsys.readouterr()
    assert run(["verify", str(folder), "--lang", "en"]) == 1
    out = said(capsys)
    assert "cannot be read" in out and "internal error" not in out
    assert run(["verify", str(folder)]) == 1
    out = said(capsys)  # the parser's own English is not the desk's
    assert "lists.xlsx 无法读取，未能与 plan.json 核对（内容已损坏）" in out


def test_workbooks_read_on_a_pool_are_held_against_the_plan_as_those_read_here(
    two_batches: TwoBatches, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A district's workbooks are read on a process pool while the rest is
    checked: a seat map naming another rider and a driver's sheet whose
    workbook part is damaged (lxml's error, which does not pickle) give there
    the problems, in the order, that reading them here gives."""
    folder = copied(two_batches, tmp_path)
    bus = str(routes(folder)[0]["bus_id"])
    seats = load_workbook(folder / "papers" / "seat_maps.xlsx")
    named = next(c for row in seats[bus].iter_rows() for c in row if str(c.value)[:1].isdigit())
    named.value = f"{str(named.value).split()[0]} 冒名"
    seats.save(folder / "papers" / "seat_maps.xlsx")
    drivers = folder / "papers" / "driver_sheets.xlsx"
    with zipfile.ZipFile(drivers) as book:
        parts = {item.filename: book.read(item) for item in book.infolist()}
    with zipfile.ZipFile(drivers, "w") as book:
        for name, data in parts.items():
            book.writestr(name, data[:-20] if name == "xl/workbook.xml" else data)
    plan = load_plan(reindexed(folder))
    here = paper_problems(plan, folder)
    assert any(p.startswith(f"papers/seat_maps.xlsx, sheet {bus}: seat") for p in here)
    assert any(p.startswith("papers/driver_sheets.xlsx cannot be read") for p in here)

    def read_here(path: Path) -> None:
        pytest.fail(f"{path.name} was read in this process, not on the pool")

    monkeypatch.setattr(audit, "_read_book", read_here)
    with process_pool(2) as pool:
        books = read_ahead(plan, folder, readers=pool, pooled_from_buses=1)
        assert paper_problems(plan, folder, books) == here


def test_to_call_and_the_police_forms_are_read_back(tmp_path: Path) -> None:
    """A rider without a phone is on to_call.csv with their bus; the police
    export's forms are held against the seats too."""
    rows = [worker(f"A{i}", at=(TONGZI[0] + 0.001 * i, TONGZI[1])) for i in range(3)]
    rows[0]["phone"] = ""
    scenario = write_scenario(tmp_path / "in", rows, extra="\n[output]\npolice_export = true\n")
    out = tmp_path / "out"
    assert run(["plan", str(scenario), "--out", str(out)]) == 0
    assert (out / "papers" / "police" / "registration_forms_full_id.xlsx").is_file()
    assert paper_problems(load_plan(out), out) == []
    calls = read_rows(out / "to_call.csv")
    assert [r[0] for r in calls[1:]] == ["A0"]
    bus = calls[1][4]
    calls[1][4] = "B-forged"
    write_rows(out / "to_call.csv", calls)
    police = load_workbook(out / "papers" / "police" / "registration_forms_full_id.xlsx")
    signatures = next(c.row for c in police[bus]["A"] if c.value == "司机签字")
    police[bus].delete_rows(max(c.row for c in police[bus]["A"][: signatures - 1] if c.value))
    police.save(out / "papers" / "police" / "registration_forms_full_id.xlsx")
    problems = paper_problems(load_plan(reindexed(out)), out)
    assert any(
        p.startswith("to_call.csv: worker A0 boards B-forged") and f"on bus {bus}" in p
        for p in problems
    )
    assert any(
        p.startswith(f"papers/police/registration_forms_full_id.xlsx, sheet {bus}: worker")
        and "but is not listed" in p
        for p in problems
    )


def test_verify_roster_counts_the_rows_of_the_plans_batch(
    two_batches: TwoBatches, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A roster of two batches: the plan of one passes; without a row of its
    batch it fails; without a row of the other batch only it still passes."""
    assert run(["verify", str(two_batches.out), "--roster", str(two_batches.roster)]) == 0
    lines = two_batches.roster.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    batch = lines[0].split(",").index("返岗批次")
    mine = max(k for k, line in enumerate(lines) if line.split(",")[batch] == BATCH)
    other = max(k for k, line in enumerate(lines[1:], 1) if line.split(",")[batch] != BATCH)
    shorter = tmp_path / "shorter.csv"
    shorter.write_text("".join(lines[:mine] + lines[mine + 1 :]), encoding="utf-8")
    capsys.readouterr()
    assert run(["verify", str(two_batches.out), "--roster", str(shorter), "--lang", "en"]) == 1
    assert f"for batch {BATCH}, but the plan accounts" in said(capsys)
    others = tmp_path / "others.csv"
    others.write_text("".join(lines[:other] + lines[other + 1 :]), encoding="utf-8")
    assert other > mine  # so the rows of the plan's batch keep their numbers
    assert run(["verify", str(two_batches.out), "--roster", str(others)]) == 0


def test_verify_roster_reads_the_roster_as_the_planner_does(
    two_batches: TwoBatches, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The roster saved as UTF-16 (which plan reads) still passes, and a file
    that is no text is refused with exit 2 naming it, not counted as rows
    the plan lost (exit 1: the plan blamed for the wrong file)."""
    text = two_batches.roster.read_text(encoding="utf-8-sig")
    wide = tmp_path / "roster_utf16.csv"
    wide.write_text(text, encoding="utf-16")
    assert run(["verify", str(two_batches.out), "--roster", str(wide)]) == 0
    picture = tmp_path / "roster.csv"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    capsys.readouterr()
    assert run(["verify", str(two_batches.out), "--roster", str(picture), "--lang", "en"]) == 2
    refused = " ".join(capsys.readouterr().err.split())
    assert str(picture) in refused and "cannot tell the text encoding" in refused, refused


def test_batch_rows_match_the_batch_however_written(tmp_path: Path) -> None:
    """第一批, 1 and a day Excel made a date are matched as the planner matches
    them; a blank batch or one with no [[batch]] table is every batch's."""
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "工号,姓名,返岗批次\nA1,甲,第一批\nA2,乙,1\nA3,丙,第二批\nA4,丁,\nA5,戊,第九批\n",
        encoding="utf-8",
    )
    tables = ["第一批", "第二批"]
    assert batch_rows(roster, "第一批", batches=tables) == [2, 3, 5, 6]
    assert batch_rows(roster, "第二批", batches=tables) == [4, 5, 6]
    assert batch_rows(roster, "第二批") == [4, 5]
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["工号", "姓名", "批次"])
    sheet.append(["A1", "甲", datetime(2020, 3, 17)])
    sheet.append(["A2", "乙", "3月18日"])
    sheet.append(["A3", "丙", "3月17日"])
    book.save(tmp_path / "roster.xlsx")
    assert batch_rows(tmp_path / "roster.xlsx", "3月17日") == [2, 4]
    no_batches = tmp_path / "plain.csv"
    no_batches.write_text("工号,姓名\nA1,甲\nA2,乙\n", encoding="utf-8")
    assert batch_rows(no_batches, "第一批") == [2, 3]


def test_riders_with_awkward_names_read_back_as_written(tmp_path: Path) -> None:
    """Names that look like formulas, hold spaces, or start another's name
    ("John", "John Smith" without a phone) read back from every paper as the
    manifests write them: the untouched folder passes."""
    names = ["=1+2", "+cmd|' /C calc'!A0", "@SUM(A1)", "John", "John Smith", "-2 3"]
    rows = [worker(f"N{k}", at=TONGZI, name=name) for k, name in enumerate(names)]
    rows[4]["phone"] = ""
    scenario = write_scenario(tmp_path / "in", rows)
    out = tmp_path / "out"
    assert run(["plan", str(scenario), "--out", str(out)]) == 0
    assert paper_problems(load_plan(out), out) == []
    assert run(["verify", str(out)]) == 0


def test_a_drivers_sheet_row_for_points_at_one_place_and_time_is_read_back(
    tmp_path: Path,
) -> None:
    """Two pickup points at one place and time are one row of the driver's
    sheet, "1·2": verify reads it back as one stop with the riders of both,
    and names a rider left off it by that number, in either language.  A
    sheet written before, a row for each point, still passes."""
    out = tmp_path / "out"
    assert run(["plan", str(write_one_place_two_points(tmp_path / "in")), "--out", str(out)]) == 0
    assert paper_problems(load_plan(out), out) == []
    (route,) = routes(out)
    bus, stops = str(route["bus_id"]), route["stops"]
    path = out / "papers" / "buses" / f"{bus}_driver.csv"
    rows = read_rows(path)
    (k,) = [i for i, r in enumerate(rows) if r[:1] == ["1·2"]]
    merged, riders = rows[k], rows[k][5].split("; ")
    first = len(stops[0]["worker_ids"])  # type: ignore[index]
    apart = [
        ["1", *merged[1:4], str(first), "; ".join(riders[:first]), *merged[6:]],
        ["2", *merged[1:4], str(len(riders) - first), "; ".join(riders[first:]), *merged[6:]],
    ]
    write_rows(path, [*rows[:k], *apart, *rows[k + 1 :]])
    assert paper_problems(load_plan(reindexed(out)), out) == []
    kept = "; ".join(r for r in riders if not r.startswith("罗敏"))
    write_rows(path, [*rows[:k], [*merged[:5], kept, *merged[6:]], *rows[k + 1 :]])
    (problem,) = paper_problems(load_plan(reindexed(out)), out)
    where = f"papers/buses/{bus}_driver.csv"
    assert problem == (
        f"{where}: stop 1·2 of bus {bus}: worker B1 boards here in plan.json but is not listed"
    )
    assert problem.said("zh") == (
        f"{where}：车辆 {bus} 序号 1·2 的上车点：plan.json 中员工 B1 在此上车，但未列出"
    )


def test_the_arrivals_reason_for_quarantine_is_held_against_the_plan(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Under whole_bus Y (yellow) is bound for quarantine and G0, G1 are sent
    for sharing Y's bus.  arrivals.csv and lists.xlsx saying G0 is bound
    there on their own (a health code) and Y is sent for sharing, outputs.json
    rewritten to match: each row named with the reason it gives and the
    plan's, in either language.  A list written before the reason column was
    added still passes."""
    rows = [worker("Y", at=TONGZI, health_code="黄")]
    rows += [worker(f"G{k}", at=TONGZI) for k in range(2)]
    scenario = write_scenario(tmp_path / "in", rows, rules='quarantine_cohorts = "whole_bus"')
    out = tmp_path / "out"
    assert run(["plan", str(scenario), "--out", str(out), "--workers", "1"]) == 0
    plan = json.loads((out / "plan.json").read_text(encoding="utf-8"))
    assert plan["quarantine_for_sharing"] == ["G0", "G1"]
    assert paper_problems(load_plan(out), out) == []
    arrivals = read_rows(out / "arrivals.csv")
    reason = arrivals[0].index("quarantine_reason")
    written = {r[3]: r[reason] for r in arrivals[1:]}
    sharing = "同车随行（与须隔离人员同车）"
    assert written == {"Y": "健康码：黄码", "G0": sharing, "G1": sharing}
    for row in arrivals[1:]:
        row[reason] = {"Y": written["G0"], "G0": written["Y"]}.get(row[3], row[reason])
    write_rows(out / "arrivals.csv", arrivals)
    at = {r[3]: k for k, r in enumerate(arrivals, start=1)}
    book = load_workbook(out / "lists.xlsx")
    (g1,) = [cells for cells in book["宿舍到达"].iter_rows() if cells[3].value == "G1"]
    g1[reason].value = "密切接触者"
    book.save(out / "lists.xlsx")
    reindexed(out)
    capsys.readouterr()
    assert run(["verify", str(out), "--lang", "en"]) == 1
    english = bare(said(capsys))
    sent = (
        f'arrivals.csv row {at["G0"]}: worker G0 is quarantined, it says, for "health code:'
        ' yellow", but plan.json holds "shares a bus with a rider bound for quarantine"'
    )
    bound = (
        f'arrivals.csv row {at["Y"]}: worker Y is quarantined, it says, for "shares a bus with'
        ' a rider bound for quarantine", but plan.json holds "health code: yellow"'
    )
    close = (
        f"lists.xlsx, sheet 宿舍到达 row {g1[0].row}: worker G1 is quarantined, it says, for"
        ' "close contact", but plan.json holds "shares a bus with a rider bound for quarantine"'
    )
    assert all(bare(problem) in english for problem in (sent, bound, close))
    assert bare(f"arrivals.csv row {at['G1']}: worker G1") not in english
    assert run(["verify", str(out)]) == 1
    chinese = bare(said(capsys))
    sent = (
        f"arrivals.csv 第 {at['G0']} 行：员工 G0 的隔离原因写为“健康码：黄码”，"
        "但 plan.json 中为“同车随行（与须隔离人员同车）”"
    )
    assert bare(sent) in chinese
    # As written before the column was added: nothing to hold against the plan.
    write_rows(out / "arrivals.csv", [r[:reason] for r in arrivals])
    book = load_workbook(out / "lists.xlsx")
    book["宿舍到达"].delete_cols(reason + 1)
    book.save(out / "lists.xlsx")
    reindexed(out)
    assert paper_problems(load_plan(out), out) == []


def _three_quarantined(tmp_path: Path) -> Path:
    """The plan folder of three bound for quarantine: Y for a yellow code, P
    for Y (their keep-together group), S for returning alone from outside
    the home province."""
    rows = [
        worker("Y", at=TONGZI, health_code="黄", group="g1"),
        worker("P", at=TONGZI, group="g1"),
        worker("S", at=TONGZI, travel_mode="自行返岗"),
    ]
    out = tmp_path / "out"
    assert run(["plan", str(write_scenario(tmp_path / "in", rows)), "--out", str(out)]) == 0
    return out


def _tell(out: Path, told: dict[str, str]) -> tuple[dict[str, int], int]:
    """arrivals.csv rewritten to give the reasons ``told``, by worker id: each
    worker's row of it, and its reason column."""
    arrivals = read_rows(out / "arrivals.csv")
    reason = arrivals[0].index("quarantine_reason")
    for row in arrivals[1:]:
        row[reason] = told.get(row[3], row[reason])
    write_rows(out / "arrivals.csv", arrivals)
    return {r[3]: k for k, r in enumerate(arrivals, start=1)}, reason


def test_a_precise_reason_for_quarantine_is_held_against_the_plan(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """P is quarantined for Y's yellow code (their keep-together group), S for
    returning alone from outside the home province: the lists saying so
    pass; arrivals.csv naming another member for P, or S's reason for Y, is
    named (plan.json keeps each one's reason)."""
    out = _three_quarantined(tmp_path)
    assert paper_problems(load_plan(out), out) == []
    arrivals = read_rows(out / "arrivals.csv")
    written = {r[3]: r[arrivals[0].index("quarantine_reason")] for r in arrivals[1:]}
    assert written["P"] == "同行组成员 Y 须隔离（健康码：黄码）"
    at, _ = _tell(out, {"P": "同行组成员 S 须隔离（健康码：黄码）", "Y": written["S"]})
    reindexed(out)
    problems = [p.said("zh") for p in paper_problems(load_plan(out), out)]
    assert len(problems) == 2, problems
    told_p = "“同行组成员 S 须隔离（健康码：黄码）”"
    assert f"arrivals.csv 第 {at['P']} 行：员工 P 的隔离原因写为{told_p}" in problems[0]
    assert (
        f"arrivals.csv 第 {at['Y']} 行：员工 Y 的隔离原因写为“自行返岗，来自重庆市以外”"
        in (problems[1])
    )


def test_a_wrong_reason_for_quarantine_names_the_row_the_words_and_the_plan_s_words(
    tmp_path: Path,
) -> None:
    """P is quarantined for Y's yellow code (their keep-together group), Y for
    it, S for returning alone from outside the home province.  arrivals.csv
    giving P a yellow code and Y S's reason, lists.xlsx a word of the desk's
    own for S: each is named by its row of the list, with the reason written
    and the one plan.json holds, both in the language verify speaks (words
    returnbus writes are said in it; others as written)."""
    out = _three_quarantined(tmp_path)
    at, reason = _tell(out, {"P": "健康码：黄码", "Y": "自行返岗，来自重庆市以外"})
    book = load_workbook(out / "lists.xlsx")
    (s_row,) = [cells for cells in book["宿舍到达"].iter_rows() if cells[3].value == "S"]
    s_row[reason].value = "待定"
    book.save(out / "lists.xlsx")
    reindexed(out)
    problems = paper_problems(load_plan(out), out)
    group = "同行组成员 Y 须隔离（健康码：黄码）"
    assert {p.said("zh") for p in problems} == {
        f"arrivals.csv 第 {at['P']} 行：员工 P 的隔离原因写为“健康码：黄码”，"
        f"但 plan.json 中为“{group}”",
        f"arrivals.csv 第 {at['Y']} 行：员工 Y 的隔离原因写为“自行返岗，来自重庆市以外”，"
        "但 plan.json 中为“健康码：黄码”",
        f"lists.xlsx 工作表 宿舍到达 第 {s_row[0].row} 行：员工 S 的隔离原因写为“待定”，"
        "但 plan.json 中为“自行返岗，来自重庆市以外”",
    }
    group = "keep-together group member Y is bound for quarantine (health code: yellow)"
    assert {p.said("en") for p in problems} == {
        f'arrivals.csv row {at["P"]}: worker P is quarantined, it says, for "health code:'
        f' yellow", but plan.json holds "{group}"',
        f'arrivals.csv row {at["Y"]}: worker Y is quarantined, it says, for "returns by'
        ' themselves from outside 重庆市", but plan.json holds "health code: yellow"',
        f"lists.xlsx, sheet 宿舍到达 row {s_row[0].row}: worker S is quarantined, it says,"
        ' for "待定", but plan.json holds "returns by themselves from outside 重庆市"',
    }
    # A plan.json written before it kept causes: P's health code may stand, the
    # others are named by row with what plan.json knows (lists written with it said
    # only those general words).
    document = json.loads((out / "plan.json").read_text(encoding="utf-8"))
    del document["quarantine_causes"]
    (out / "plan.json").write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    reindexed(out)
    own = "但 plan.json 中此人本人须隔离（健康码、来源地风险、筛查或同行组），并非同车随行"
    problems = paper_problems(load_plan(out), out)
    assert not any(" P " in p.said("zh") and "arrivals.csv" in p.said("zh") for p in problems)
    assert {p.said("zh") for p in problems} >= {
        f"arrivals.csv 第 {at['Y']} 行：员工 Y 的隔离原因写为“自行返岗，来自重庆市以外”，{own}",
        f"lists.xlsx 工作表 宿舍到达 第 {s_row[0].row} 行：员工 S 的隔离原因写为“待定”，{own}",
    }


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_to_call_says_how_each_travels_in_words_and_verify_reads_them(
    tmp_path: Path, lang: str
) -> None:
    """to_call.csv says how each worker travels in the desk's words (包车 or
    自行返岗; bus or self-return with --lang en), never the codes bus/self,
    under its keyed header; verify reads those words back, still reads a list
    written with the codes, and names a word that is not the plan's."""
    rows = [worker(f"A{i}", at=(TONGZI[0] + 0.001 * i, TONGZI[1]), phone="") for i in range(2)]
    rows[1]["travel_mode"] = "自行返岗"
    scenario = write_scenario(tmp_path / "in", rows)
    out = tmp_path / "out"
    assert run(["plan", str(scenario), "--out", str(out), "--lang", lang]) == 0
    calls = read_rows(out / "to_call.csv")
    assert calls[0][:4] == ["worker_id", "name", "employer", "travel"]
    travel = {r[0]: r[3] for r in calls[1:]}
    words = {"zh": ("包车", "自行返岗"), "en": ("bus", "self-return")}[lang]
    assert travel == {"A0": words[0], "A1": words[1]}
    assert paper_problems(load_plan(out), out) == []
    # A list written before the words: the codes still read back as the plan's.
    for call in calls[1:]:
        call[3] = {"A0": "bus", "A1": "self"}[call[0]]
    write_rows(out / "to_call.csv", calls)
    assert paper_problems(load_plan(reindexed(out)), out) == []
    # A rider listed as returning alone: named, with where the plan has them.
    calls[1 if calls[1][0] == "A0" else 2][3] = "自行返岗"
    write_rows(out / "to_call.csv", calls)
    problems = paper_problems(load_plan(reindexed(out)), out)
    assert any(
        p.startswith("to_call.csv: worker A0's travel says 自行返岗, but plan.json has them on bus")
        for p in problems
    ), problems


def test_verify_reads_the_lists_numbers_back_and_old_text_cells_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A plan's workbooks written as a district's are (on a process pool,
    from `POOLED_FROM_BUSES` buses) store beds, roster rows and counts as
    numbers: verify, reading them on a pool too, passes the folder and does
    not take the cost sheet's total line for an employer.  A folder written
    before, every cell text, still passes; a bed number forged as a number
    is still named."""
    from returnbus.io.scenario import load_scenario
    from returnbus.pipeline import make_plan
    from returnbus.render import outputs
    from returnbus.render.outputs import write_outputs

    from ..helpers import XINYANG

    monkeypatch.setattr(outputs, "POOLED_FROM_BUSES", 1)
    rows = [
        worker("007", at=TONGZI, health_code="黄"),
        worker("Y1", at=(TONGZI[0] + 0.001, TONGZI[1]), health_code="黄"),
        worker("A2", at=TONGZI, employer=""),
        worker("FAR", at=XINYANG),
    ]
    scenario = write_scenario(tmp_path / "in", rows)
    out = tmp_path / "out"
    with process_pool(2) as pool:
        write_outputs(make_plan(load_scenario(scenario)), out, writers=pool)
        plan = load_plan(out)
        book = load_workbook(out / "lists.xlsx")
        bed = next(c for c in book["宿舍到达"]["J"][2:] if c.value is not None)
        assert type(bed.value).__name__ == type(book["未安排"]["B3"].value).__name__ == "int"
        *_, total = book["企业费用分摊"].iter_rows(values_only=True)
        assert str(total[0]).startswith("合计") and type(total[1]).__name__ == "int"
        driver = load_workbook(out / "papers" / "driver_sheets.xlsx").worksheets[0]
        riders = [r[4] for r in driver.iter_rows(values_only=True) if r[1] == "上车"]
        assert riders and all(type(n).__name__ == "int" for n in riders)
        assert (
            paper_problems(plan, out, read_ahead(plan, out, readers=pool, pooled_from_buses=1))
            == []
        )
    # As written before: every cell of every sheet text.
    for sheet in book.worksheets:
        for line in sheet.iter_rows():
            for cell in line:
                if isinstance(cell.value, int | float):
                    cell.value = str(cell.value)
    book.save(out / "lists.xlsx")
    reindexed(out)
    assert paper_problems(plan, out) == []
    bed = next(c for c in book["宿舍到达"]["J"][2:] if c.value is not None)
    bed.value = int(bed.value) + 1
    book.save(out / "lists.xlsx")
    reindexed(out)
    assert any("lists.xlsx" in str(p) and "宿舍到达" in str(p) for p in paper_problems(plan, out))


def test_a_manifest_workbook_titled_as_before_its_own_name_is_still_read(
    two_batches: TwoBatches, tmp_path: Path
) -> None:
    """A folder written before the manifest was named 乘车人员名单 titles each
    sheet, and heads each page, 乘客信息登记表: `verify` finds a manifest by
    its table's headings, not its title, so it reads that workbook as
    before, and still names a rider it lists on the wrong bus."""
    folder = copied(two_batches, tmp_path)
    path = folder / "manifests" / "manifests.xlsx"
    book = load_workbook(path)
    for sheet in book.worksheets:
        title = str(sheet["A1"].value)
        assert title.startswith("乘车人员名单：车辆 "), title
        sheet["A1"] = title.replace("乘车人员名单", "乘客信息登记表")
        assert sheet.oddHeader is not None, sheet.title
        sheet.oddHeader.center.text = f"乘客信息登记表  车辆 {sheet.title}"
    book.save(path)
    problems = paper_problems(load_plan(reindexed(folder)), folder)
    assert not [p for p in problems if "manifests.xlsx" in p], problems
    first, second = book.worksheets[:2]
    rows = enumerate(first.iter_rows(values_only=True), 1)
    header = next(k for k, row in rows if row[0] == "座位")
    worker = str(second.cell(header + 1, 2).value)
    first.cell(header + 1, 2).value = worker
    book.save(path)
    problems = paper_problems(load_plan(reindexed(folder)), folder)
    assert [
        p
        for p in problems
        if p.startswith("manifests/manifests.xlsx") and f"worker {worker} is listed" in p
    ], problems
