"""Comparing two plans."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Mapping
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from returnbus.diff import compare
from returnbus.planfile import from_document
from returnbus.render.labels import label
from returnbus.render.reports import said_cell
from returnbus.text import Lang

from .helpers import (
    TONGZI,
    XINYANG,
    PlannedBatch,
    broken_headings,
    run,
    wider_lines,
    write_scenario,
    write_shared_gates,
    write_synthetic,
)
from .helpers import worker as roster_row


def test_diff_lists_exactly_who_changed_bus_stop_or_time(
    planned: PlannedBatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Move one rider, shift one stop's time by 15 minutes and another's by 5
    (under the 10 minutes worth a call), drop one bus: the diff names exactly
    the moved, the stop shifted by 15 and the riders of the bus dropped."""
    before = planned.plan
    after = json.loads(json.dumps(before))
    first, second, third, fourth = after["routes"][:4]
    mover = first["stops"][0]["worker_ids"].pop(0)
    second["stops"][0]["worker_ids"].append(mover)
    shifted = third["stops"][0]
    when = datetime.fromisoformat(shifted["arrive_time"]) + timedelta(minutes=15)
    shifted["arrive_time"] = when.isoformat()
    nudged = fourth["stops"][0]
    nudged["arrive_time"] = (
        datetime.fromisoformat(nudged["arrive_time"]) - timedelta(minutes=5)
    ).isoformat()
    removed = after["routes"].pop()
    after["unassigned"] += [
        {"worker_id": w, "row": None, "stage": "route", "reason": "x"}
        for s in removed["stops"]
        for w in s["worker_ids"]
    ]
    a, b = from_document(before), from_document(after)
    expected = (
        {mover}
        | set(shifted["worker_ids"])
        | {w for s in removed["stops"] for w in s["worker_ids"]}
    )
    changes = compare(a, b)
    assert {c.worker_id for c in changes.workers} == expected
    assert changes.buses_removed == (removed["bus_id"],) and not changes.buses_added
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "plan.json").write_text(json.dumps(before), encoding="utf-8")
    (tmp_path / "b" / "plan.json").write_text(json.dumps(after), encoding="utf-8")
    report = tmp_path / "diff.csv"
    assert run(["diff", str(tmp_path / "a"), str(tmp_path / "b"), "--out", str(report)]) == 0
    said = capsys.readouterr().out
    assert "指标对比" in said and f"{len(expected)} 名员工有变动" in said and "已写出" in said
    assert "Figures" not in said and "workers changed" not in said
    with report.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert {r["worker_id"] for r in rows} == expected
    assert (tmp_path / "diff_figures.csv").is_file() and (tmp_path / "diff_buses.csv").is_file()


def test_a_self_returner_who_drops_out_is_not_told_of_buses(planned: PlannedBatch) -> None:
    """A self-returner on the drop list had no seat: the desk tells them
    their return with this batch is cancelled, not their ride; a rider on
    the drop list is still told their ride is."""
    from returnbus.render.reports import diff_rows

    before = planned.plan
    after = json.loads(json.dumps(before))
    walker = after["self_return"].pop(0)
    rider = after["routes"][0]["stops"][0]["worker_ids"].pop(0)
    for worker in (walker, rider):
        row = next(w["row"] for w in after["workers"] if w["worker_id"] == worker)
        reason = {"key": "dropped_out", "args": {}}
        after["unassigned"].append(
            {
                "worker_id": worker,
                "row": row,
                "stage": "dropped",
                "reason": "dropped out",
                "reason_text": reason,
            }
        )
    changes = compare(from_document(before), from_document(after))
    for lang, self_told, rider_told in (
        ("zh", "已按您的要求取消您在本批次的返岗登记", "已按您的要求取消本批次的乘车安排"),
        (
            "en",
            "taken off this batch's returns, as you asked",
            "taken off this batch's buses, as you asked",
        ),
    ):
        tell = {r["worker_id"]: r["tell"] for r in diff_rows(changes, lang)}  # type: ignore[arg-type]
        assert (tell[walker], tell[rider]) == (self_told, rider_told)


def test_a_plan_compared_with_itself_has_no_changes(planned: PlannedBatch) -> None:
    """The same plan twice: nobody changed, figures equal."""
    plan = from_document(planned.plan)
    same = compare(plan, replace(plan))
    assert not same.workers and all(a == b for _, a, b in same.figures)


def test_the_change_list_names_whom_to_call_and_never_the_wrong_person(tmp_path: Path) -> None:
    """A roster with a duplicated 工号 is planned, re-planned after drop-outs,
    and compared: every row of the change list has a name, a phone and what to
    tell; a new pickup has its place and time; no change is under 10 minutes;
    the duplicated id carries the name of the row the plan took."""
    scenario = write_synthetic(tmp_path / "in", workers=120, seed=13)
    roster = scenario.parent / "roster.csv"
    with roster.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    names = {r["工号"]: r["姓名"] for r in rows}
    # Twenty 工号 used twice, each time by another person.
    rows += [dict(r) | {"姓名": f"冒名顶替{k}"} for k, r in enumerate(rows[:20])]
    with roster.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    first, again = tmp_path / "first", tmp_path / "again"
    assert run(["plan", str(scenario), "--out", str(first), "--iterations", "300"]) == 0
    plan = json.loads((first / "plan.json").read_text(encoding="utf-8"))
    riders = sorted(
        w
        for r in plan["routes"]
        for s in r["stops"]
        if s["kind"] == "pickup"
        for w in s["worker_ids"]
    )
    drop = tmp_path / "drop.csv"
    drop.write_text("工号\n" + "\n".join(riders[::9]) + "\n", encoding="utf-8")
    assert run(["replan", str(first), "--out", str(again), "--drop", str(drop)]) == 0
    changes = tmp_path / "changes.csv"
    assert run(["diff", str(first), str(again), "--out", str(changes)]) == 0
    with changes.open(encoding="utf-8-sig", newline="") as handle:
        listed = list(csv.DictReader(handle))
    assert listed
    for row in listed:
        assert row["name"] == names[row["worker_id"]] and row["phone"] and row["tell"]
        if row["outcome_after"] == "bus":
            assert row["place_after"] and row["pickup_after"]
        if row["changed"] == "time":
            moved = datetime.fromisoformat(row["pickup_after"]) - datetime.fromisoformat(
                row["pickup_before"]
            )
            assert abs(moved.total_seconds()) >= 10 * 60
    # A drop-out withdrew: told so, and promised no call-back.
    said = {row["worker_id"]: row["tell"] for row in listed}
    assert {said[w] for w in riders[::9]} == {"已按您的要求取消本批次的乘车安排"}
    assert "冒名顶替" not in changes.read_text(encoding="utf-8-sig")
    # The rows sharing a 工号 are each listed under their own name.
    own = {(r["工号"], str(k)): r["姓名"] for k, r in enumerate(rows, start=2)}
    twins = {r["工号"] for r in rows[:20]}
    with (again / "unassigned.csv").open(encoding="utf-8-sig", newline="") as handle:
        listed_twins = [r for r in csv.DictReader(handle) if r["worker_id"] in twins]
    assert len(listed_twins) >= 40
    assert all(r["name"] == own[r["worker_id"], r["row"]] for r in listed_twins)


def _write_plans(
    tmp_path: Path, before: dict[str, Any], after: dict[str, Any]
) -> tuple[Path, Path]:
    """``before`` and ``after`` as two output folders' plan.json."""
    folders = tmp_path / "a", tmp_path / "b"
    for folder, document in zip(folders, (before, after), strict=True):
        folder.mkdir(parents=True)
        (folder / "plan.json").write_text(json.dumps(document), encoding="utf-8")
    return folders


def _read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or ()), list(reader)


def _read_xlsx(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    book = load_workbook(path, read_only=True)
    cells = [
        ["" if c is None else str(c) for c in row]
        for row in book.worksheets[0].iter_rows(values_only=True)
    ]
    book.close()
    return cells[0], [dict(zip(cells[0], row, strict=True)) for row in cells[1:]]


BED_COLUMNS = [
    "worker_id",
    "name",
    "phone",
    "employer",
    "dorm_before",
    "dorm_name_before",
    "room_before",
    "bed_before",
    "dorm_after",
    "dorm_name_after",
    "room_after",
    "bed_after",
    "tell",
    "first_night_before",
    "last_night_before",
    "first_night_after",
    "last_night_after",
]


def _beds_changed(before: dict[str, Any]) -> tuple[dict[str, Any], dict[str, dict[str, str]]]:
    """``before`` with one worker moved to another dormitory's room 999 bed 4,
    one worker's bed taken and one worker given bed 5 there, no bus touched;
    and those three bed rows: "moved" (its place before), "lost", "gained"."""
    after = json.loads(json.dumps(before))
    beds = after["dormitory_allocation"]
    moved, lost = beds[0], beds.pop(1)
    was = dict(moved)
    moved.update(
        dorm_id=next(
            d["dorm_id"] for d in before["dormitories"] if d["dorm_id"] != moved["dorm_id"]
        ),
        room="999",
        bed="4",
    )
    held = {b["worker_id"] for b in before["dormitory_allocation"]}
    gainer = next(w["worker_id"] for w in before["workers"] if w["worker_id"] not in held)
    gained = dict(moved) | {"worker_id": gainer, "bed": "5"}
    beds.append(gained)
    return after, {"moved": was, "lost": lost, "gained": gained, "moved_to": moved}


def _check_bed_rows(
    rows: list[dict[str, str]], changed: dict[str, dict[str, str]], dorms: dict[str, str]
) -> None:
    """The bed file's rows say each changed worker's bed before and after:
    empty on the side where they have none."""
    by_id = {r["worker_id"]: r for r in rows}
    moved, lost, gained = (
        by_id[changed["moved"]["worker_id"]],
        by_id[changed["lost"]["worker_id"]],
        by_id[changed["gained"]["worker_id"]],
    )
    assert len(rows) == len(by_id) == 3
    for row, was, now in (
        (moved, changed["moved"], changed["moved_to"]),
        (lost, changed["lost"], None),
        (gained, None, changed["gained"]),
    ):
        for when, bed in (("before", was), ("after", now)):
            keys = ("dorm", "dorm_name", "room", "bed", "first_night", "last_night")
            cells = tuple(row[f"{key}_{when}"] for key in keys)
            expected = (
                ("",) * len(keys)
                if bed is None
                else (
                    bed["dorm_id"],
                    dorms[bed["dorm_id"]],
                    bed["room"],
                    bed["bed"],
                    bed["start_date"],
                    _night_before(bed["end_date"]),
                )
            )
            assert cells == expected


def _night_before(morning: str) -> str:
    """The last night slept in a bed left on ``morning`` (ISO dates)."""
    return (date.fromisoformat(morning) - timedelta(days=1)).isoformat()


def _check_tell(
    rows: list[dict[str, str]], changed: dict[str, dict[str, str]], there: str, lang: str
) -> None:
    """What to tell the worker moved to dormitory ``there`` (its bed and
    nights) and the worker whose bed was taken, in ``lang``."""
    tell = {r["worker_id"]: r["tell"] for r in rows}
    first, last = changed["moved_to"]["start_date"], _night_before(changed["moved_to"]["end_date"])
    if lang == "en":
        assert tell[changed["moved"]["worker_id"]] == (
            f"quarantine in {there}, room 999, bed 4, nights {first} to {last}"
        )
        assert tell[changed["lost"]["worker_id"]] == "your quarantine bed is cancelled"
    else:
        assert tell[changed["moved"]["worker_id"]] == (
            f"请到 {there} 999 房间 4 号床隔离，{first} 至 {last} 晚"
        )
        assert tell[changed["lost"]["worker_id"]] == "原安排的隔离床位已取消"


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_diff_lists_whose_quarantine_bed_changed_even_when_the_bus_did_not(
    planned: PlannedBatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    lang: str,
    suffix: str,
) -> None:
    """Move one worker to another dormitory, take one worker's bed, give one
    a bed, touch no bus: the diff lists exactly those three with their beds
    before and after, on the console and in FILE_beds, in the desk's language,
    and the list of bus changes stays empty."""
    before = planned.plan
    after, changed = _beds_changed(before)
    # A name short enough not to be folded in a console's column.
    for document in (before, after):
        for dorm in document["dormitories"]:
            if dorm["dorm_id"] == changed["moved_to"]["dorm_id"]:
                dorm["name"] = "东楼"
    dorms = {d["dorm_id"]: d["name"] for d in before["dormitories"]}
    ids = sorted(bed["worker_id"] for key, bed in changed.items() if key != "moved_to")
    changes = compare(from_document(before), from_document(after))
    assert not changes.workers and changes.quarantine
    assert [c.worker_id for c in changes.beds] == ids

    # The console speaks as --lang says; `tell` in the (later) plan's language.
    after["settings"]["output"]["lang"] = lang
    a, b = _write_plans(tmp_path, before, after)
    report = tmp_path / f"diff{suffix}"
    args = ["diff", str(a), str(b), "--out", str(report)]
    assert run([*args, "--lang", "en"] if lang == "en" else args) == 0
    said = capsys.readouterr().out
    counted = "3 workers' quarantine beds changed" if lang == "en" else "3 名员工的隔离床位有变动"
    assert counted in said and all(w in said for w in ids)
    assert dorms[changed["moved_to"]["dorm_id"]] in said
    assert ("none" if lang == "en" else "无") in said
    # Nobody's bus changed: said so, as "none" is said of buses, not "0 workers changed".
    assert ("No worker changed" if lang == "en" else "没有员工有变动") in said
    assert "0 workers changed" not in said and "0 名员工有变动" not in said
    read = _read_xlsx if suffix == ".xlsx" else _read_csv
    headers, rows = read(tmp_path / f"diff_beds{suffix}")
    assert headers == BED_COLUMNS
    _check_bed_rows(rows, changed, dorms)
    roster = {r["工号"]: r["姓名"] for r in planned.roster_rows()}
    assert all(r["name"] == roster[r["worker_id"]] and r["phone"] for r in rows)
    _check_tell(rows, changed, dorms[changed["moved_to"]["dorm_id"]], lang)
    # The files the desk already reads keep their names and columns.
    workers_headers, workers_rows = read(report)
    assert workers_headers[:2] == ["worker_id", "name"] and not workers_rows
    assert read(tmp_path / f"diff_buses{suffix}")[0] == ["change", "bus_id"]
    assert read(tmp_path / f"diff_figures{suffix}")[0] == ["figure", "before", "after"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_bed_whose_stay_ends_sooner_is_a_bed_change(
    planned: PlannedBatch, tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    """A bed released early (`ledger release`) ends sooner in the re-plan, in
    the same dormitory, room and bed, and no bus moves: the diff compared
    where each worker sleeps, not the nights, and said that no bed changed.
    A stay that starts or ends on another day is a bed change now, with the
    first and last nights before and after on the console, in FILE_beds and
    on the desk's sheet, and the nights in what to tell the worker."""
    before = planned.plan
    after = json.loads(json.dumps(before))
    bed = after["dormitory_allocation"][0]
    was_last = _night_before(bed["end_date"])
    morning = date.fromisoformat(bed["start_date"]) + timedelta(days=3)
    bed["end_date"] = morning.isoformat()
    now_last = (morning - timedelta(days=1)).isoformat()
    worker = bed["worker_id"]
    assert [c.worker_id for c in compare(from_document(before), from_document(after)).beds] == [
        worker
    ]
    after["settings"]["output"]["lang"] = lang
    a, b = _write_plans(tmp_path, before, after)
    args = ["diff", str(a), str(b), "--out", str(tmp_path / "diff.csv")]
    assert run([*args, "--lang", "en"] if lang == "en" else args) == 0
    said = capsys.readouterr().out
    counted = "1 worker's quarantine bed changed" if lang == "en" else "1 名员工的隔离床位有变动"
    assert counted in said and worker in said, said
    assert was_last in said and now_last in said, said
    _, rows = _read_csv(tmp_path / "diff_beds.csv")
    assert [r["worker_id"] for r in rows] == [worker]
    row = rows[0]
    assert (row["room_before"], row["bed_before"]) == (row["room_after"], row["bed_after"])
    assert (row["first_night_before"], row["last_night_before"]) == (bed["start_date"], was_last)
    assert (row["first_night_after"], row["last_night_after"]) == (bed["start_date"], now_last)
    assert now_last in row["tell"] and was_last not in row["tell"]
    assert run([*args[:-1], str(tmp_path / "diff.xlsx")]) == 0
    desk = load_workbook(tmp_path / "diff_beds.xlsx").worksheets[1]
    heads = [c.value for c in next(desk.iter_rows(min_row=2, max_row=2))]
    lines = [[c.value for c in line] for line in desk.iter_rows(min_row=3)]
    assert len(lines) == 1
    cells = dict(zip(heads, lines[0], strict=True))
    nights = (
        ("Nights before (first, last)", "Nights after (first, last)")
        if lang == "en"
        else ("原入住（首晚、末晚）", "新入住（首晚、末晚）")
    )
    assert cells[nights[0]] == f"{bed['start_date']}\n{was_last}"
    assert cells[nights[1]] == f"{bed['start_date']}\n{now_last}"


def test_a_plan_without_quarantine_diffs_as_before(
    planned: PlannedBatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two plans where nobody holds a bed: not a word of beds on the console
    and FILE_beds with its header alone; the same plans with their beds left
    as they were say that no bed changed, and write FILE_beds alike."""
    with_beds = planned.plan
    without = with_beds | {"dormitory_allocation": [], "quarantine_required": []}
    for case, document in (("none", without), ("same", with_beds)):
        after = json.loads(json.dumps(document))
        mover = after["routes"][0]["stops"][0]["worker_ids"].pop(0)
        after["routes"][1]["stops"][0]["worker_ids"].append(mover)
        a, b = _write_plans(tmp_path / case, document, after)
        report = tmp_path / case / "diff.csv"
        assert run(["diff", str(a), str(b), "--out", str(report)]) == 0
        said = capsys.readouterr().out
        assert "1 名员工有变动" in said
        beds_file = tmp_path / case / "diff_beds.csv"
        if case == "none":
            assert "床位" not in said.replace("已分配隔离床位", "")
            assert _read_csv(beds_file) == (BED_COLUMNS, [])
        else:
            # Said as no bed changed, in both languages, not as "0 workers' beds".
            assert "没有员工的隔离床位有变动" in said and "0 名员工" not in said
            assert _read_csv(beds_file) == (BED_COLUMNS, [])
            assert run(["diff", str(a), str(b), "--lang", "en"]) == 0
            said = capsys.readouterr().out
            assert "No worker's quarantine bed changed" in said and "0 worker" not in said


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_rider_sent_to_quarantine_for_sharing_a_bus_or_no_longer_is_a_change(
    planned: PlannedBatch, tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    """Two riders newly sent to quarantine for sharing a bus and one no longer,
    nobody's bus, stop or time touched: each is a worker changed, told so in
    the plan's language, and the figures count those sent, 1 before, 2 after.
    Before, the change list was empty and the figures did not say."""
    before = json.loads(json.dumps(planned.plan))
    kept, sent, also = before["routes"][0]["stops"][0]["worker_ids"][:3]
    before["quarantine_for_sharing"] = [kept]
    after = json.loads(json.dumps(before)) | {"quarantine_for_sharing": [sent, also]}
    after["settings"]["output"]["lang"] = lang
    changes = compare(from_document(before), from_document(after))
    assert {c.worker_id: c.changes for c in changes.workers} == {
        kept: ("sharing_ended",),
        sent: ("sharing_sent",),
        also: ("sharing_sent",),
    }
    assert ("quarantine_for_sharing", 1, 2) in changes.figures
    a, b = _write_plans(tmp_path, before, after)
    report = tmp_path / "diff.csv"
    args = ["diff", str(a), str(b), "--out", str(report)]
    assert run([*args, "--lang", "en"] if lang == "en" else args) == 0
    said = "".join(capsys.readouterr().out.split())  # the console folds long cells
    assert ("3workerschanged" if lang == "en" else "3名员工有变动") in said
    assert ("Quarantinedforsharingabus│1│2" if lang == "en" else "同车随行隔离│1│2") in said
    headers, rows = _read_csv(report)
    # ``tell`` stays the 20th column; the seats, added later, come after it.
    assert headers[19:] == ["tell", "seat_before", "seat_after"]
    tell = {r["worker_id"]: r["tell"] for r in rows}
    changed = {r["worker_id"]: r["changed"] for r in rows}
    assert changed == {kept: "sharing_ended", sent: "sharing_sent", also: "sharing_sent"}
    if lang == "en":
        assert tell[sent].startswith("board bus ")
        assert tell[sent].endswith(
            "; you share the bus with a rider bound for quarantine, so you go to quarantine too"
        )
        assert tell[kept].endswith("; you no longer go to quarantine for sharing a bus")
    else:
        assert tell[sent].startswith("请于 ")
        assert tell[sent].endswith("；您与须隔离人员同车，到达后须一同隔离（同车随行）")
        assert tell[kept].endswith("；您不再因同车随行而隔离")
    assert tell[also] == tell[sent].replace(sent, also)
    figures = _read_csv(tmp_path / "diff_figures.csv")[1]
    assert {"figure": "quarantine_for_sharing", "before": "1", "after": "2"} in figures


def test_a_worker_held_out_or_restored_without_a_seat_is_a_change(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A worker no bus can reach drops out, then is restored and still has
    no seat: unassigned in all three plans, so neither change was listed,
    and the desk could not see whom its restore brought back.  Each is now
    a change of its own, said in the plan's language; so is a rider of a
    closed stop restored without a seat."""
    rows = [roster_row("A1", at=TONGZI), roster_row("F1", at=XINYANG)]
    path = write_scenario(tmp_path / "scn", rows)
    common = ["--ledger", str(tmp_path / "l.sqlite"), "--workers", "1"]
    first, dropped, restored = tmp_path / "first", tmp_path / "dropped", tmp_path / "restored"
    assert run(["plan", str(path), "--out", str(first), *common]) == 0
    drop = tmp_path / "drop.csv"
    drop.write_text("worker_id\nF1\n", encoding="utf-8")
    assert run(["replan", str(first), "--out", str(dropped), "--drop", str(drop), *common]) == 0
    edits = tmp_path / "edits.csv"
    edits.write_text("action,worker_id\nrestore,F1\n", encoding="utf-8")
    assert (
        run(["replan", str(dropped), "--out", str(restored), "--edits", str(edits), *common]) == 0
    )
    for folder in (first, dropped, restored):
        plan = json.loads((folder / "plan.json").read_text(encoding="utf-8"))
        assert "F1" in {u["worker_id"] for u in plan["unassigned"]}
    capsys.readouterr()
    for a, b, kind, tell in (
        (first, dropped, "dropped", "已按您的要求取消本批次的乘车安排"),
        (dropped, restored, "restored", "本次暂未安排乘车，调度台会再联系您"),
    ):
        report = tmp_path / f"{kind}.csv"
        assert run(["diff", str(a), str(b), "--out", str(report)]) == 0
        assert "1名员工有变动" in "".join(capsys.readouterr().out.split())
        assert [(r["worker_id"], r["changed"], r["tell"]) for r in _read_csv(report)[1]] == [
            ("F1", kind, tell)
        ]
    # The console says each kind in the desk's words (a word it lacks is exit 1).
    assert run(["diff", str(dropped), str(restored), "--lang", "en"]) == 0
    assert "1workerchanged" in "".join(capsys.readouterr().out.split())
    before = json.loads((restored / "plan.json").read_text(encoding="utf-8"))
    closed = json.loads(json.dumps(before))
    (entry,) = (u for u in closed["unassigned"] if u["worker_id"] == "F1")
    entry |= {"stage": "cluster", "reason_text": {"key": "stop_closed", "args": {"radius": 3000}}}
    changes = compare(from_document(closed), from_document(before))
    assert [(c.worker_id, c.changes) for c in changes.workers] == [("F1", ("restored",))]
    changes = compare(from_document(before), from_document(closed))
    assert [(c.worker_id, c.changes) for c in changes.workers] == [("F1", ("stop_closed",))]


def _sheet_rows(book: Any, title: str) -> list[list[str]]:
    return [
        ["" if c is None else str(c) for c in row]
        for row in book[title].iter_rows(values_only=True)
    ]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_diff_workbooks_open_at_a_sheet_the_desk_reads(
    planned: PlannedBatch, tmp_path: Path, lang: str
) -> None:
    """Move one rider and drop a bus: each workbook `diff --out FILE.xlsx`
    writes keeps its keyed sheet first, codes and all (a program's contract),
    and opens at the same table headed and worded in the desk's language
    (--lang en: English): outcomes, what changed, the bus removed and the
    figures in words, the same workers in the same order.  Its workers'
    bus, stop (place and point) and pickup time are one cell each side, a
    line each, and an outcome off a bus is said in words: narrow enough to
    print at 100 % (tests/render/test_pages.py), nothing the keyed sheet
    says of them left out."""
    before = planned.plan
    after = json.loads(json.dumps(before))
    mover = _move_rider(*after["routes"][:2])
    removed = after["routes"].pop()
    after["unassigned"] += [
        {"worker_id": w, "row": None, "stage": "route", "reason": "x"}
        for s in removed["stops"]
        for w in s["worker_ids"]
    ]
    a, b = _write_plans(tmp_path, before, after)
    report = tmp_path / "changes.xlsx"
    args = ["diff", str(a), str(b), "--out", str(report)]
    assert run([*args, "--lang", "en"] if lang == "en" else args) == 0
    zh = lang == "zh"
    desk = {
        "changes": ("人员变动" if zh else "Workers changed"),
        "changes_buses": ("车辆变动" if zh else "Buses changed"),
        "changes_figures": ("指标对比" if zh else "Figures compared"),
        "changes_beds": ("床位变动" if zh else "Beds changed"),
    }
    books = {name: load_workbook(tmp_path / f"{name}.xlsx") for name in desk}
    for name, book in books.items():
        assert len(book.sheetnames) == 2 and book.sheetnames[1] == desk[name]
        assert (
            book.active is not None and book.active.title == desk[name]
        )  # what Excel shows on opening it
        # Headed as the desk's other English lists are: each heading capitalised.
        assert zh or all(h[:1].isupper() for h in _sheet_rows(book, desk[name])[1]), name
    keyed = _sheet_rows(books["changes"], "workers")
    said = _sheet_rows(books["changes"], desk["changes"])
    assert keyed[0][:7] == [
        "worker_id",
        "name",
        "phone",
        "employer",
        "changed",
        "outcome_before",
        "outcome_after",
    ]
    heads = (
        [
            "工号",
            "姓名",
            "手机",
            "用工单位",
            "变动",
            "原安排：车辆、上车点、上车时间",
            "新安排：车辆、上车点、上车时间",
            "告知内容",
        ]
        if zh
        else [
            "Worker ID",
            "Name",
            "Phone",
            "Employer",
            "Changed",
            "Before: bus, stop, pickup time",
            "After: bus, stop, pickup time",
            "What to tell them",
        ]
    )
    assert said[1] == heads
    dropped = next(w for s in removed["stops"] for w in s["worker_ids"])
    _check_desk_workers(keyed, said, mover, dropped, zh)
    buses = _sheet_rows(books["changes_buses"], desk["changes_buses"])
    assert buses[1] == (["变动", "车辆"] if zh else ["Change", "Bus"])
    assert buses[2:] == [["取消" if zh else "removed", removed["bus_id"]]]
    assert _sheet_rows(books["changes_buses"], "buses")[1:] == [["removed", removed["bus_id"]]]
    figures = _sheet_rows(books["changes_figures"], desk["changes_figures"])
    assert figures[1] == (["指标", "之前", "之后"] if zh else ["Figure", "Before", "After"])
    assert figures[2][0] == ("员工总数" if zh else "Workers in total")
    assert _sheet_rows(books["changes_figures"], "figures")[1][0] == "workers_total"
    beds = _sheet_rows(books["changes_beds"], desk["changes_beds"])
    assert beds[1][4:] == (
        [
            "原隔离宿舍",
            "原房间",
            "原床位",
            "原入住（首晚、末晚）",
            "新隔离宿舍",
            "新房间",
            "新床位",
            "新入住（首晚、末晚）",
            "告知内容",
        ]
        if zh
        else [
            "Quarantine dormitory before",
            "Room before",
            "Bed before",
            "Nights before (first, last)",
            "Quarantine dormitory after",
            "Room after",
            "Bed after",
            "Nights after (first, last)",
            "What to tell them",
        ]
    )


def _check_desk_workers(
    keyed: list[list[str]], said: list[list[str]], mover: str, dropped: str, zh: bool
) -> None:
    """The desk's sheet of workers changed (``said``) says of each what the
    keyed sheet says: name, phone, employer; each side's bus, stop (place and
    point) and pickup time a line of one cell, an outcome off a bus in words."""
    assert [r[0] for r in said[2:]] == [r[0] for r in keyed[1:]] and len(keyed) > 2
    rows = {r[0]: dict(zip(keyed[0], r, strict=True)) for r in keyed[1:]}
    columns = ["worker_id", "name", "phone", "employer", "changed", "before", "after", "tell"]
    words = {r[0]: dict(zip(columns, r, strict=True)) for r in said[2:]}
    for worker, row in rows.items():
        assert [words[worker][c] for c in ("name", "phone", "employer")] == [
            row[c] for c in ("name", "phone", "employer")
        ]
    assert (rows[dropped]["outcome_before"], rows[dropped]["outcome_after"]) == (
        "bus",
        "unassigned",
    )
    assert words[dropped]["after"] == ("未安排" if zh else "unassigned")
    for worker in (dropped, mover):
        row = rows[worker]
        point = f"（{row['stop_before']}）" if zh else f" ({row['stop_before']})"
        assert words[worker]["before"].split("\n") == [
            row["bus_before"],
            row["place_before"] + point,
            row["pickup_before"],
            *_dropoff_line(row, "before", zh),
        ]
    after = words[mover]["after"].split("\n")
    assert after[0] == rows[mover]["bus_after"] != rows[mover]["bus_before"]
    assert after[1].startswith(rows[mover]["place_after"]) and rows[mover]["stop_after"] in after[1]
    assert after[2] == rows[mover]["pickup_after"]
    assert after[3:] == _dropoff_line(rows[mover], "after", zh)
    assert rows[mover]["changed"].split(", ")[0] == "bus"
    assert words[mover]["changed"].startswith("车辆" if zh else "bus")


def _dropoff_line(row: dict[str, str], when: str, zh: bool) -> list[str]:
    """The line of the desk's trip cell ``when`` (before or after) that says
    where and when the rider gets off: only when either changed."""
    if not {"dropoff", "arrival"} & set(row["changed"].split(", ")):
        return []
    site, time = row[f"dropoff_{when}"], row[f"arrive_{when}"]
    return [f"下车：{site} {time}" if zh else f"drop-off: {site}, {time}"]


def test_a_rider_who_drops_out_is_said_to_have_dropped_out(
    planned: PlannedBatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A rider on a bus who drops out (`replan --drop`) was listed as
    "变动: 安排, 新安排: 未安排", as if the planner had left them out and they
    were to be called; only `tell`, not on the console, said they withdrew.
    What changed now says it: ``outcome, dropped`` ("安排、退出")."""
    before = planned.plan
    after = json.loads(json.dumps(before))
    stop = after["routes"][0]["stops"][0]
    leaver = stop["worker_ids"].pop(0)
    after["unassigned"].append(
        {"worker_id": leaver, "row": None, "stage": "dropped", "reason": "dropped out"}
    )
    changes = compare(from_document(before), from_document(after))
    assert [(c.worker_id, c.changes) for c in changes.workers] == [(leaver, ("outcome", "dropped"))]
    a, b = _write_plans(tmp_path, before, after)
    report = tmp_path / "changes.csv"
    assert run(["diff", str(a), str(b), "--out", str(report)]) == 0
    assert "退出" in capsys.readouterr().out  # folded in its narrow column: said_cell below
    assert said_cell("changed", "outcome, dropped", "zh") == "安排、退出"
    with report.open(encoding="utf-8-sig") as handle:
        (row,) = csv.DictReader(handle)
    assert (row["changed"], row["outcome_after"]) == ("outcome, dropped", "unassigned")


def test_the_consoles_changes_keep_each_worker_id_and_bus_whole(
    planned: PlannedBatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """On an 80-column console the workers changed were ten columns, and a
    worker id folded onto two lines ("W0006" over "4"), read as another
    worker, a bus id as well ("B7de1" over "bf"): ids are kept whole, the
    words around them fold."""
    from returnbus.cli import out

    before = planned.plan
    after = json.loads(json.dumps(before))
    first, second = after["routes"][:2]
    mover = first["stops"][0]["worker_ids"].pop(0)
    second["stops"][0]["worker_ids"].append(mover)
    a, b = _write_plans(tmp_path, before, after)
    assert out.width <= 80
    assert run(["diff", str(a), str(b)]) == 0
    said = capsys.readouterr().out
    assert mover in said and first["bus_id"] in said and second["bus_id"] in said, said


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_consoles_changes_keep_times_and_headings_whole_at_80_columns(
    planned: PlannedBatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    lang: Lang,
) -> None:
    """On an 80-column console Rich folded the workers changed into their ten
    columns: a pickup time read "2020" / "-03-" / "18" / "08:1" / "8", the
    headings "Outco" / "me", "原上" / "车地" / "点".  Every time, id and
    heading is now whole, the columns that do not fit beside the others
    shown in a table of their own, led by the worker id again."""
    from returnbus import cli
    from returnbus.render.labels import label
    from returnbus.render.reports import BED_DIFF_COLUMNS

    monkeypatch.setattr(cli.out, "width", 80)  # a desk's terminal
    before = planned.plan
    after, _ = _beds_changed(before)
    mover, leaver = _move_one_and_drop_one(after)
    a, b = _write_plans(tmp_path, before, after)
    assert run(["diff", str(a), str(b), *(["--lang", "en"] if lang == "en" else [])]) == 0
    said = capsys.readouterr().out
    assert not wider_lines(said, 80) and "…" not in said, said
    changes = compare(from_document(before), from_document(after))
    assert {c.worker_id for c in changes.workers} == {mover, leaver}
    for change in changes.workers:
        ends = (change.before, change.after)
        times = [end.pickup.strftime("%Y-%m-%d %H:%M") for end in ends if end.pickup]
        for whole in (change.worker_id, *times, *(end.bus_id for end in ends if end.bus_id)):
            assert whole in said, (whole, said)
    headings = [label("worker_id", lang)] + [
        label(f"diff_col_{c}", lang)
        for c in (*DIFF_CONSOLE, *BED_DIFF_COLUMNS[4:])
        if c not in ("dorm_before", "dorm_after", "tell")
    ]
    assert not broken_headings(said, headings), (broken_headings(said, headings), said)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_what_changed_keeps_its_words_whole_at_80_columns(
    planned: PlannedBatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    lang: Lang,
) -> None:
    """With short bus ids ("B1") the places fit beside what changed on an
    80-column console, which kept only the cells of one Chinese character
    and its mark: "安排、退出" read "安" / "排、退" / "出".  Each word of
    what changed is now whole on its line, English as before."""
    from returnbus import cli

    monkeypatch.setattr(cli.out, "width", 80)  # a desk's terminal
    before, after = _short_bus_ids(planned.plan), _short_bus_ids(planned.plan)
    mover, leaver = _move_one_and_drop_one(after)
    a, b = _write_plans(tmp_path, before, after)
    assert run(["diff", str(a), str(b), *(["--lang", "en"] if lang == "en" else [])]) == 0
    said = capsys.readouterr().out
    assert not wider_lines(said, 80) and "…" not in said, said
    changes = {
        c.worker_id: c.changes for c in compare(from_document(before), from_document(after)).workers
    }
    # The mover gets off the other bus, where and when it lets riders off.
    assert changes[mover][:2] == ("bus", "stop") and leaver in changes
    assert set(changes[mover][2:]) <= {"dropoff", "arrival"} and len(changes) == 2
    assert changes[leaver] == ("outcome", "dropped")
    words = {
        word
        for key in {key for said in changes.values() for key in said}
        for word in label(f"diff_change_{key}", lang).split()
    }
    assert words <= _body_words(said), (words - _body_words(said), said)


def test_the_outcomes_keep_their_words_whole_at_80_columns(
    planned: PlannedBatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """On an 80-column Chinese console, with short bus ids ("B1") beside
    them, the outcomes before and after folded inside their phrases
    ("自行" / "返岗", "不在排车" / "方案中"), in narrow columns that fit
    their headings.  Each outcome is now read whole on its line."""
    from returnbus import cli

    monkeypatch.setattr(cli.out, "width", 80)  # a desk's terminal
    before, after = _short_bus_ids(planned.plan), _short_bus_ids(planned.plan)
    mover, leaver = _move_one_and_drop_one(after)
    # Sent to quarantine for sharing a bus too: a long list of what changed
    # takes the room the outcomes beside it would have had.
    after.setdefault("quarantine_for_sharing", []).append(mover)
    gone = after["self_return"].pop(0)  # a self-returner no longer in the plan
    a, b = _write_plans(tmp_path, before, after)
    assert run(["diff", str(a), str(b)]) == 0
    said = capsys.readouterr().out
    assert not wider_lines(said, 80) and "…" not in said, said
    outcomes = {
        (c.before.status, c.after.status)
        for c in compare(from_document(before), from_document(after)).workers
        if c.worker_id in (leaver, gone)
    }
    assert outcomes == {("bus", "unassigned"), ("self_return", "absent")}
    phrases = {label(f"diff_outcome_{status}", "zh") for pair in outcomes for status in pair}
    assert phrases <= _body_words(said), (phrases - _body_words(said), said)


def _move_one_and_drop_one(after: dict[str, Any]) -> tuple[str, str]:
    """Move the first rider of the first bus to the second, and drop the
    first rider of the third; return the two worker ids."""
    first, second, third = after["routes"][:3]
    mover = _move_rider(first, second)
    leaver = third["stops"][0]["worker_ids"].pop(0)
    after["unassigned"].append(
        {"worker_id": leaver, "row": None, "stage": "dropped", "reason": "dropped out"}
    )
    return mover, leaver


def _move_rider(first: dict[str, Any], second: dict[str, Any]) -> str:
    """Move the first rider of bus ``first`` to the first pickup of bus
    ``second``, and off it where it lets riders off at the same site (else at
    its last drop-off), as a re-plan would; return the worker id."""
    mover: str = first["stops"][0]["worker_ids"].pop(0)
    second["stops"][0]["worker_ids"].append(mover)
    off = next(s for s in first["stops"] if s["kind"] == "dropoff" and mover in s["worker_ids"])
    off["worker_ids"].remove(mover)
    offs = [s for s in second["stops"] if s["kind"] == "dropoff"]
    to = next((s for s in offs if s["point_id"] == off["point_id"]), offs[-1])
    to["worker_ids"].append(mover)
    return mover


def _short_bus_ids(plan: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``plan`` with its buses named B1, B2...: short ids leave the
    other columns of the console more room."""
    document = json.dumps(plan)
    for number, route in enumerate(plan["routes"], 1):
        document = document.replace(f'"{route["bus_id"]}"', f'"B{number}"')
    result: dict[str, Any] = json.loads(document)
    return result


def _body_words(said: str) -> set[str]:
    """The words in the cells of the console tables' bodies in ``said``, as
    each cell's lines show them: parted at spaces, "," and "、"."""
    words: set[str] = set()
    for line in said.splitlines():
        if line.startswith("│"):
            for cell in line.split("│"):
                words.update(cell.replace(",", " ").replace("、", " ").split())
    return words


#: The columns of the workers changed that the console shows, after the worker id.
DIFF_CONSOLE = (
    "changed",
    "outcome_before",
    "outcome_after",
    "bus_before",
    "bus_after",
    "place_before",
    "place_after",
    "pickup_before",
    "pickup_after",
)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_diff_workbooks_store_beds_and_figures_as_numbers(
    planned: PlannedBatch, tmp_path: Path, lang: str
) -> None:
    """`diff --out FILE.xlsx` stored every cell as text: a desk could not
    sum a figure or sort the beds, and Excel flagged each cell.  On both
    sheets of FILE_beds a bed is now a whole number (a room, "999", stays
    text); in FILE_figures each figure is a number in its own format: counts
    whole, km and minutes with a tenth, the cost as money.  The CSV writes
    each figure to its format's decimals, no thousands separated, as
    cost_by_employer.csv writes money: a whole cost was "48381.0"."""
    from returnbus.diff import FIGURES

    before = planned.plan
    after, changed = _beds_changed(before)
    a, b = _write_plans(tmp_path, before, after)
    args = ["diff", str(a), str(b), "--out", str(tmp_path / "diff.xlsx")]
    assert run([*args, "--lang", "en"] if lang == "en" else args) == 0
    assert run(["diff", str(a), str(b), "--out", str(tmp_path / "diff.csv")]) == 0
    beds = load_workbook(tmp_path / "diff_beds.xlsx")
    moved = changed["moved"]["worker_id"]
    # The rooms and beds before and after: the keyed sheet's columns, and the desk's
    # (where a dormitory's name and id are one cell).
    at = (((6, 7), (10, 11)), ((5, 6), (9, 10)))
    for sheet, first, places in zip(beds.worksheets, (2, 3), at, strict=True):
        lines = {line[0].value: line for line in sheet.iter_rows(min_row=first)}
        assert len(lines) == 3
        for line in lines.values():
            for room, bed in ((line[r], line[b]) for r, b in places):
                assert type(bed.value).__name__ == ("int" if room.value else "NoneType")
                assert room.value is None or type(room.value).__name__ == "str"
        room, bed = (lines[moved][k] for k in places[1])
        assert bed.value == 4 and bed.number_format == "0" and room.value == "999"
    to = changed["moved_to"]["dorm_id"]
    name = next(d["name"] for d in before["dormitories"] if d["dorm_id"] == to)
    desk = {line[0].value: line for line in beds.worksheets[1].iter_rows(min_row=3)}
    assert desk[moved][8].value == (f"{name}（{to}）" if lang == "zh" else f"{name} ({to})")
    formats = {
        "total_distance_km": ("float", "#,##0.0"),
        "total_cost": ("float", "#,##0.00"),
        "max_ride_minutes": ("float", "#,##0.0"),
    }
    figures = load_workbook(tmp_path / "diff_figures.xlsx")
    for sheet, first in zip(figures.worksheets, (2, 3), strict=True):
        said = list(sheet.iter_rows(min_row=first))
        assert len(said) == len(FIGURES)
        for key, figure in zip(FIGURES, said, strict=True):
            kind, shown = formats.get(key, ("int", "#,##0"))
            for cell in figure[1:]:
                assert (type(cell.value).__name__, cell.number_format) == (kind, shown), key
    with (tmp_path / "diff_figures.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    compared = compare(from_document(before), from_document(after)).figures
    decimals = {"#,##0": 0, "#,##0.0": 1, "#,##0.00": 2}
    written = (
        [k, *(f"{v:.{decimals[formats.get(k, ('int', '#,##0'))[1]]}f}" for v in (x, y))]
        for k, x, y in compared
    )
    assert rows == [["figure", "before", "after"], *written]
    assert all(re.fullmatch(r"-?\d+(\.\d+)?", cell) for row in rows[1:] for cell in row[1:])
    assert _read_csv(tmp_path / "diff_beds.csv")[1][0]["bed_after"] in {"", "4", "5"}


def _dropoffs(route: dict[str, Any]) -> list[dict[str, Any]]:
    """The drop-off stops of a bus of a plan.json, in their order."""
    return [s for s in route["stops"] if s["kind"] == "dropoff"]


def _own_gate(plan: dict[str, Any], worker_id: str) -> str:
    """The name of the employer of rider ``worker_id`` of a plan.json: their
    gate's name for them, as their bus's papers give it."""
    batch = from_document(plan).batch
    names = {e.id: e.name for e in batch.employers} | {e.name: e.name for e in batch.employers}
    (rider,) = (w for w in batch.workers if w.id == worker_id)
    return names[rider.employer]


def _named_for(plan: dict[str, Any], sites: Mapping[str, str], rider: str, site: str) -> str:
    """Drop-off ``site`` named for ``rider``, who gets off there: a gate by
    their employer (`_own_gate`), a dormitory or the destination by its name."""
    return _own_gate(plan, rider) if site.startswith("employer:") else sites[site]


def _later(stop: dict[str, Any], minutes: int) -> None:
    """Move a stop of a plan.json ``minutes`` later (earlier when negative)."""
    when = datetime.fromisoformat(stop["arrive_time"]) + timedelta(minutes=minutes)
    stop["arrive_time"] = when.isoformat()


def test_a_rider_dropped_off_later_or_in_another_order_is_a_change(
    planned: PlannedBatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A re-plan that keeps every bus, stop and pickup but gets riders off
    later (13:48 -> 14:46) or in another site order on the same bus was "no
    worker changed": the desk called neither employer nor rider.  Each such
    rider is now listed (``arrival``), with the drop-off and its times before
    and after, and told when the bus now gets them there; a drop-off moved by
    less than the notice (10 minutes) is still no change."""
    from returnbus.render.reports import diff_rows

    before = planned.plan
    after = json.loads(json.dumps(before))
    many = [r for r in after["routes"] if len(_dropoffs(r)) >= 2]
    one, other = _dropoffs(many[0])[:2]  # another order: the second site first
    assert other["point_id"] != one["point_id"]
    for key in ("seq", "arrive_time"):
        one[key], other[key] = other[key], one[key]
    later, nudged = _dropoffs(many[1])[0], _dropoffs(many[2])[0]
    _later(later, 58)
    _later(nudged, 5)
    expected = {w for stop in (one, other, later) for w in stop["worker_ids"]}
    changes = compare(from_document(before), from_document(after))
    assert {c.worker_id: c.changes for c in changes.workers} == dict.fromkeys(
        expected, ("arrival",)
    )
    assert not set(nudged["worker_ids"]) & {c.worker_id for c in changes.workers}
    rider = later["worker_ids"][0]
    change = next(c for c in changes.workers if c.worker_id == rider)
    assert change.after.arrive == datetime.fromisoformat(later["arrive_time"])
    assert change.after.arrive - change.before.arrive == timedelta(minutes=58)  # type: ignore[operator]
    site = _named_for(before, changes.sites, rider, later["point_id"])
    assert site and site != later["point_id"]
    arrive = datetime.fromisoformat(later["arrive_time"]).strftime("%Y-%m-%d %H:%M")
    rows = {r["worker_id"]: r for r in diff_rows(changes, "en")}
    assert rows[rider]["tell"].endswith(f"; the bus now arrives at {site} at {arrive}")
    a, b = _write_plans(tmp_path, before, after)
    report = tmp_path / "changes.csv"
    assert run(["diff", str(a), str(b), "--out", str(report)]) == 0
    said = capsys.readouterr().out
    assert f"{len(expected)} 名员工有变动" in said and "到达时间" in said and arrive in said
    headers, listed = _read_csv(report)
    tell = headers.index("tell")  # the seats come after it (a file read by column number)
    assert headers[tell - 4 : tell] == [
        "dropoff_before",
        "dropoff_after",
        "arrive_before",
        "arrive_after",
    ]
    row = next(r for r in listed if r["worker_id"] == rider)
    assert (row["changed"], row["dropoff_before"], row["dropoff_after"]) == ("arrival", site, site)
    assert row["arrive_after"] == arrive
    assert datetime.fromisoformat(arrive) - datetime.fromisoformat(
        row["arrive_before"]
    ) == timedelta(minutes=58)
    assert row["tell"].endswith(f"；车辆预计 {arrive} 到达 {site}")
    assert run(["diff", str(a), str(b), "--lang", "en"]) == 0
    assert "arrival" in capsys.readouterr().out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_rider_let_off_at_another_site_of_the_same_bus_is_a_change(
    planned: PlannedBatch, tmp_path: Path, lang: Lang
) -> None:
    """A rider the same bus now lets off at another of its sites (and so at
    another time) is listed as such (``dropoff, arrival``), and the desk's
    sheet says where and when they get off before and after, a line of each
    side's trip; the riders left where they were are no change.  Their own
    gate, which several employers share, is named after their employer alone,
    as their bus's papers name it: its whole name listed up to ten employers."""
    before = planned.plan
    after = json.loads(json.dumps(before))
    route = next(
        r
        for r in after["routes"]
        if len(offs := _dropoffs(r)) >= 2
        and datetime.fromisoformat(offs[1]["arrive_time"])
        - datetime.fromisoformat(offs[0]["arrive_time"])
        >= timedelta(minutes=10)
        and all(o["point_id"].startswith("employer:") for o in offs[:2])
    )
    was, now = _dropoffs(route)[:2]
    rider = was["worker_ids"].pop(0)
    now["worker_ids"].append(rider)
    changes = compare(from_document(before), from_document(after))
    assert [(c.worker_id, c.changes) for c in changes.workers] == [(rider, ("dropoff", "arrival"))]
    (change,) = changes.workers
    assert (change.before.dropoff, change.after.dropoff) == (was["point_id"], now["point_id"])
    a, b = _write_plans(tmp_path, before, after)
    args = ["diff", str(a), str(b), "--out", str(tmp_path / "changes.xlsx")]
    assert run([*args, "--lang", "en"] if lang == "en" else args) == 0
    book = load_workbook(tmp_path / "changes.xlsx")
    keyed = _sheet_rows(book, "workers")
    row = dict(zip(keyed[0], keyed[1], strict=True))
    # Their own gate by their employer alone; another's (a hand-moved rider)
    # whole, as the papers name a gate a bus drops others' workers at.
    sites = [_own_gate(before, rider), changes.sites[now["point_id"]]]
    assert sites[0] in changes.sites[was["point_id"]].split(" / ") and " / " not in sites[0]
    assert [row["dropoff_before"], row["dropoff_after"]] == sites
    said = _sheet_rows(book, book.sheetnames[1])[2]
    times = [
        datetime.fromisoformat(s["arrive_time"]).strftime("%Y-%m-%d %H:%M") for s in (was, now)
    ]
    assert said[4] == ("下车点、到达时间" if lang == "zh" else "drop-off, arrival")
    for cell, site, time in zip(said[5:7], sites, times, strict=True):
        line = f"下车：{site} {time}" if lang == "zh" else f"drop-off: {site}, {time}"
        assert cell.split("\n")[3:] == [line]
    told = f"车辆预计 {times[1]} 到达 {sites[1]}" if lang == "zh" else sites[1]
    assert told in said[7]


def test_a_rider_is_told_of_a_shared_gate_by_their_own_employer(tmp_path: Path) -> None:
    """A rider whose drop-off moved is told of it, and the desk's lists name
    it, as their bus's papers do: a gate several employers share by the
    rider's own employer, the destination by its name.  The gate's whole name
    ("A公司 / B公司 / ... / J公司", up to ten in a park) did not tell the rider
    which was theirs.  The CSV's columns and codes stay as they were."""
    scenario = write_shared_gates(tmp_path / "in")
    assert run(["plan", str(scenario), "--out", str(tmp_path / "out")]) == 0
    before = json.loads((tmp_path / "out" / "plan.json").read_text(encoding="utf-8"))
    after = json.loads(json.dumps(before))
    for stop in _dropoffs(after["routes"][0]):
        _later(stop, 30)
    changes = compare(from_document(before), from_document(after))
    assert {c.worker_id: c.changes for c in changes.workers} == dict.fromkeys(
        ("A1", "X1", "B1", "B2"), ("arrival",)
    )
    # The gate's whole name, as the map gives it, is not what the riders are told.
    gate = "测试电子有限公司 / 测试物流有限公司 / 测试服装有限公司"
    assert gate in changes.sites.values()
    own = {"A1": "测试机械有限公司", "X1": "hub"}  # X1's row names no employer
    own |= {"B1": "测试服装有限公司", "B2": "测试电子有限公司"}
    a, b = _write_plans(tmp_path, before, after)
    report = tmp_path / "changes.csv"
    assert run(["diff", str(a), str(b), "--out", str(report)]) == 0
    headers, listed = _read_csv(report)
    assert "dropoff_before" in headers and "dropoff_after" in headers
    for row in listed:
        site = own[row["worker_id"]]
        assert (row["changed"], row["dropoff_before"], row["dropoff_after"]) == (
            "arrival",
            site,
            site,
        )
        assert row["tell"].endswith(f"；车辆预计 {row['arrive_after']} 到达 {site}")
    from returnbus.render.reports import diff_rows

    for row in diff_rows(changes, "en"):
        assert row["tell"].endswith(f" at {own[row['worker_id']]} at {row['arrive_after']}")
    book_path = tmp_path / "changes.xlsx"
    assert run(["diff", str(a), str(b), "--out", str(book_path)]) == 0
    book = load_workbook(book_path)
    for said in _sheet_rows(book, book.sheetnames[1])[2:]:
        site = own[said[0]]
        for cell in said[5:7]:
            assert cell.split("\n")[-1].startswith(f"下车：{site} "), said
            assert "测试物流" not in cell and "测试食品" not in cell


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_bus_kept_under_another_type_is_a_bus_change(
    planned: PlannedBatch, lang: Lang, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A re-plan may keep a bus's id and put its riders on a smaller type
    (a 33-seat coach down to a 19-seat minibus): the buses by type change
    while no bus is added or removed, and the desk must send another vehicle.
    The diff says so beside the added and removed, in both its files and the
    console, with both types."""
    before = planned.plan
    after = json.loads(json.dumps(before))
    route = after["routes"][0]
    other = next(f for f in after["fleet"] if f["id"] != route["bus_type"])
    was, now = route["bus_type"], other["id"]
    route["bus_type"] = now
    changes = compare(from_document(before), from_document(after))
    assert changes.buses_retyped == ((route["bus_id"], was, now),)
    assert not changes.buses_added and not changes.buses_removed
    for side, plan in (("a", before), ("b", after)):
        (tmp_path / side).mkdir()
        (tmp_path / side / "plan.json").write_text(json.dumps(plan), encoding="utf-8")
    out = tmp_path / "diff.xlsx"
    folders = [str(tmp_path / "a"), str(tmp_path / "b")]
    assert run(["diff", *folders, "--lang", lang, "--out", str(out)]) == 0
    said = " ".join(capsys.readouterr().out.split())
    assert f"{route['bus_id']} {was} → {now}" in said
    books = {"changes_buses": load_workbook(tmp_path / "diff_buses.xlsx")}
    keyed = _sheet_rows(books["changes_buses"], "buses")
    assert keyed[1:] == [["retyped", route["bus_id"]]]
    desk = _sheet_rows(books["changes_buses"], "车辆变动" if lang == "zh" else "Buses changed")
    assert desk[2:] == [["换车型" if lang == "zh" else "now another type", route["bus_id"]]]


def test_english_outcomes_are_words_not_the_files_codes() -> None:
    """The desk's English says where a worker ends, as the Chinese does
    (乘车, 不在排车方案中), not the keyed files' codes "bus" and "absent": a
    worker left out of the new roster read "Outcome after: absent"."""
    said = {
        status: said_cell("outcome_after", status, "en")
        for status in ("bus", "self_return", "unassigned", "absent")
    }
    assert said == {
        "bus": "on a bus",
        "self_return": "self-return",
        "unassigned": "unassigned",
        "absent": "not in the plan",
    }


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_empty_diff_sheet_is_titled_as_the_console_says_it(
    planned: PlannedBatch, lang: Lang, tmp_path: Path
) -> None:
    """Two plans alike: the desk's sheets of workers, buses and beds are
    titled "No worker changed" (as the console says), not "0 workers
    changed" or "0 workers' quarantine beds changed"."""
    a, b = _write_plans(tmp_path, planned.plan, planned.plan)
    out = tmp_path / "same.xlsx"
    assert run(["diff", str(a), str(b), "--lang", lang, "--out", str(out)]) == 0
    titles = {
        name: load_workbook(tmp_path / f"same{suffix}.xlsx").worksheets[-1]["A1"].value
        for name, suffix in (("workers", ""), ("buses", "_buses"), ("beds", "_beds"))
    }
    assert titles == {
        "workers": label("diff_workers_changed_none", lang),
        "buses": label("title_diff_buses_none", lang),
        "beds": label("diff_beds_changed_none", lang),
    }
    assert not any(str(t).startswith("0") for t in titles.values())


def _reseated(before: dict[str, Any]) -> tuple[dict[str, Any], str, list[str], str]:
    """``before`` with a bus of 3 riders or more kept under another type, all
    but its first rider (``kept``) reseated (``moved``), and a rider of another
    bus put on a third, given their seat there (``changer``)."""
    after = json.loads(json.dumps(before))
    route = next(r for r in after["routes"] if len(r["seats_assigned"]) >= 3)
    route["bus_type"] = next(f["id"] for f in after["fleet"] if f["id"] != route["bus_type"])
    seats = route["seats_assigned"]
    kept, *moved = sorted(seats)
    labels = [seats[w] for w in moved]
    seats.update(zip(moved, labels[1:] + labels[:1], strict=True))
    other = next(r for r in after["routes"] if r["bus_id"] != route["bus_id"] and r["stops"])
    changer = other["stops"][0]["worker_ids"][0]
    others = (route["bus_id"], other["bus_id"])
    target = next(r for r in after["routes"] if r["bus_id"] not in others)
    other["stops"][0]["worker_ids"].remove(changer)
    target["stops"][0]["worker_ids"].append(changer)
    target["seats_assigned"][changer] = other["seats_assigned"].pop(changer)
    return after, kept, moved, changer


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_rider_reseated_on_a_bus_kept_under_another_type_is_a_change(
    planned: PlannedBatch, lang: Lang, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A re-plan that keeps a bus's id, stops and times but retypes it (an
    M19 minibus to a C33 coach) or reseats its riders moves their seats,
    which their tickets and the seat map print: they were "no worker
    changed".  Each is now listed (``seat``), old seat and new, on the
    console, in the CSV and the workbook, and told the new seat; a rider
    who keeps their seat is no change, and one moved to another bus is told
    of the bus, not of a seat on it."""
    from returnbus.render.reports import diff_rows

    before = planned.plan
    after, kept, moved, changer = _reseated(before)
    changes = compare(from_document(before), from_document(after))
    changed = {c.worker_id: c.changes for c in changes.workers}
    assert {w: changed[w] for w in moved} == dict.fromkeys(moved, ("seat",))
    assert kept not in changed and "seat" not in changed[changer]
    rider = moved[0]
    (old,) = (r["seats_assigned"][rider] for r in before["routes"] if rider in r["seats_assigned"])
    (new,) = (r["seats_assigned"][rider] for r in after["routes"] if rider in r["seats_assigned"])
    assert old != new
    told = {r["worker_id"]: r for r in diff_rows(changes, lang)}[rider]["tell"]
    assert told.endswith(
        f"座位由 {old} 改为 {new}" if lang == "zh" else f"your seat is now {new} (was {old})"
    )
    a, b = _write_plans(tmp_path, before, after)
    report = tmp_path / "changes.csv"
    assert run(["diff", str(a), str(b), "--lang", lang, "--out", str(report)]) == 0
    said = capsys.readouterr().out
    assert ("原座位" if lang == "zh" else "Seat before") in said
    # On the rider's line, the old seat then the new, a column apart.
    seated = re.compile(rf"\s{old}\s+\S\s+{new}\s")
    assert any(rider in line and seated.search(line) for line in said.splitlines()), said
    headers, listed = _read_csv(report)
    assert headers[-2:] == ["seat_before", "seat_after"]
    row = next(r for r in listed if r["worker_id"] == rider)
    assert (row["changed"], row["seat_before"], row["seat_after"]) == ("seat", old, new)
    assert kept not in {r["worker_id"] for r in listed}
    book_path = tmp_path / "changes.xlsx"
    assert run(["diff", str(a), str(b), "--lang", lang, "--out", str(book_path)]) == 0
    book = load_workbook(book_path)
    desk = {r[0]: r for r in _sheet_rows(book, book.sheetnames[1])[2:]}
    assert desk[rider][4] == ("座位" if lang == "zh" else "seat")
    line = "座位：{}" if lang == "zh" else "seat: {}"
    assert [cell.split("\n")[-1] for cell in desk[rider][5:7]] == [
        line.format(old),
        line.format(new),
    ]
