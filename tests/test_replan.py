"""Re-planning: drop-outs, additions and edits change as little as the rules allow."""

from __future__ import annotations

import csv
import json
import logging
import random
import shutil
import sqlite3
from contextlib import closing
from dataclasses import replace
from datetime import datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from returnbus.checker import check_plan
from returnbus.dropoffs import dorm_site
from returnbus.io.plans import load_plan
from returnbus.text import Lang

from .helpers import (
    HUB,
    NO_FILE_SAID,
    TONGZI,
    XISHUI,
    PlannedBatch,
    no_file_at,
    run,
    write_roster,
    write_scenario,
)
from .helpers import worker as roster_row


def where(plan: dict[str, Any]) -> dict[str, tuple[str, str, datetime]]:
    return {
        w: (r["bus_id"], s["point_id"], datetime.fromisoformat(s["arrive_time"]))
        for r in plan["routes"]
        for s in r["stops"]
        if s["kind"] == "pickup"
        for w in s["worker_ids"]
    }


def write_ids(path: Path, ids: list[str]) -> Path:
    path.write_text("工号\n" + "\n".join(ids) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def dropped_five_percent(planned: PlannedBatch, tmp_path: Path) -> tuple[Path, list[str]]:
    """A re-plan of the session batch after 5 % of its riders dropped out."""
    riders = sorted(where(planned.plan))
    drop = random.Random(3).sample(riders, max(1, len(riders) // 20))
    out = tmp_path / "replan"
    args = ["replan", str(planned.out), "--out", str(out), "--ledger", str(tmp_path / "l.sqlite")]
    assert run([*args, "--drop", str(write_ids(tmp_path / "drop.csv", drop))]) == 0
    return out, drop


def test_dropping_riders_keeps_the_others_on_their_bus_stop_and_time(
    planned: PlannedBatch, dropped_five_percent: tuple[Path, list[str]]
) -> None:
    """At least 90 % of the remaining riders keep bus, stop and a pickup within 30 minutes."""
    out, drop = dropped_five_percent
    before, after = where(planned.plan), where(json.loads((out / "plan.json").read_text()))
    remaining = [w for w in before if w not in drop]
    kept = [
        w
        for w in remaining
        if w in after
        and after[w][:2] == before[w][:2]
        and abs((after[w][2] - before[w][2]).total_seconds()) <= 30 * 60
    ]
    assert len(kept) >= 0.9 * len(remaining)
    assert check_plan(load_plan(out)) == []
    plan = json.loads((out / "plan.json").read_text())
    reasons = {u["worker_id"]: (u["stage"], u["reason"]) for u in plan["unassigned"]}
    assert all(reasons[w][0] == "dropped" and "drop" in reasons[w][1] for w in drop)
    assert plan["summary"]["workers_total"] == planned.summary["workers_total"]


def manifest_rows(folder: Path, bus: str) -> list[list[str]]:
    with (folder / "manifests" / f"bus_{bus}.csv").open(encoding="utf-8-sig") as handle:
        return list(csv.reader(handle))


def test_a_locked_bus_keeps_its_manifest_rows(planned: PlannedBatch, tmp_path: Path) -> None:
    """Locking a bus keeps its manifest rows byte for byte, but for its drop-out."""
    routes = sorted(planned.plan["routes"], key=lambda r: -r["riders"])
    locked, other = routes[0], routes[1]
    pickups = [s for s in locked["stops"] if s["kind"] == "pickup"]
    gone = pickups[-1]["worker_ids"][0]
    drop = write_ids(tmp_path / "drop.csv", [gone, other["stops"][0]["worker_ids"][0]])
    edits = tmp_path / "edits.csv"
    edits.write_text(f"action,bus_id\nlock,{locked['bus_id']}\n", encoding="utf-8")
    out = tmp_path / "replan"
    args = ["replan", str(planned.out), "--out", str(out), "--drop", str(drop)]
    assert run([*args, "--edits", str(edits), "--ledger", str(tmp_path / "l.sqlite")]) == 0
    before = manifest_rows(planned.out, locked["bus_id"])
    assert manifest_rows(out, locked["bus_id"]) == [row for row in before if gone not in row]
    assert check_plan(load_plan(out)) == []


def a_possible_move(plan: dict[str, Any]) -> tuple[str, dict[str, Any], dict[str, Any]]:
    """A rider, their bus, and another bus of their cohort with a free seat
    that stops where they get off."""
    bound = set(plan["quarantine_required"])
    for giver in sorted(plan["routes"], key=lambda r: r["bus_id"]):
        for drop in (s for s in giver["stops"] if s["kind"] == "dropoff"):
            for taker in sorted(plan["routes"], key=lambda r: r["bus_id"]):
                stops_there = any(
                    s["kind"] == "dropoff" and s["point_id"] == drop["point_id"]
                    for s in taker["stops"]
                )
                riders = [
                    w for s in taker["stops"] if s["kind"] == "pickup" for w in s["worker_ids"]
                ]
                cohort = {w in bound for w in (*riders, drop["worker_ids"][0])}
                free = taker["riders"] < taker["capacity_effective"]
                if taker is not giver and stops_there and len(cohort) == 1 and free:
                    return drop["worker_ids"][0], giver, taker
    raise AssertionError("no possible move in the session plan")


def test_a_move_changes_no_one_else_and_a_close_removes_the_stop(
    planned: PlannedBatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A moved worker rides the named bus, whose other riders keep their stop
    and time; no other rider changes bus; a closed stop is gone; an unknown
    bus stops with 2 naming the row."""
    mover, giver, taker = a_possible_move(planned.plan)
    closed = next(
        s["point_id"]
        for r in planned.plan["routes"]
        if r["bus_id"] not in (giver["bus_id"], taker["bus_id"])
        for s in r["stops"]
        if s["kind"] == "pickup"
    )
    edits = tmp_path / "edits.csv"
    edits.write_text(
        f"操作,工号,车号,上车点\n移动,{mover},{taker['bus_id']},\n关闭,,,{closed}\n",
        encoding="utf-8",
    )
    out = tmp_path / "replan"
    common = ["--ledger", str(tmp_path / "l.sqlite")]
    assert run(["replan", str(planned.out), "--out", str(out), "--edits", str(edits), *common]) == 0
    plan = json.loads((out / "plan.json").read_text())
    before, after = where(planned.plan), where(plan)
    assert after[mover][0] == taker["bus_id"]
    at_closed = {
        w
        for r in planned.plan["routes"]
        for s in r["stops"]
        if s["point_id"] == closed
        for w in s["worker_ids"]
    }
    for worker, (bus, point, time) in before.items():
        if worker not in (mover, *at_closed) and worker in after:
            assert after[worker][0] == bus
        if bus == taker["bus_id"] and worker != mover:
            assert after[worker] == (bus, point, time)
    assert closed not in {s["point_id"] for r in plan["routes"] for s in r["stops"]}
    assert check_plan(load_plan(out)) == []
    edits.write_text("action,bus_id\nlock,B000000\n", encoding="utf-8")
    capsys.readouterr()
    # A ledger of its own: l.sqlite records the re-plan, which the earlier folder would undo;
    # a folder of its own: l.sqlite records the re-plan in `out`.
    other = ["--ledger", str(tmp_path / "other.sqlite"), "--out", str(tmp_path / "again")]
    assert run(["replan", str(planned.out), "--edits", str(edits), *other]) == 2
    assert "第 2 行" in " ".join(capsys.readouterr().err.split())


def test_contradicting_or_rule_breaking_edits_are_refused_with_their_row(
    planned: PlannedBatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two moves of one worker, closing a stop of a locked bus or of one a
    move targets, moving a worker to a bus that does not go where they get
    off, restoring a worker who never left: exit 2 naming the row and what
    to do about that edit, and the output folder is not written."""
    mover, giver, taker = a_possible_move(planned.plan)
    locked_stop = next(s["point_id"] for s in taker["stops"] if s["kind"] == "pickup")
    elsewhere = next(
        r
        for r in planned.plan["routes"]
        if not any(s["kind"] == "dropoff" and mover in s["worker_ids"] for s in r["stops"])
        and {s["point_id"] for s in r["stops"] if s["kind"] == "dropoff"}.isdisjoint(
            s["point_id"]
            for s in giver["stops"]
            if s["kind"] == "dropoff" and mover in s["worker_ids"]
        )
    )
    header = "action,worker_id,bus_id,point_id\n"
    cases = [  # the edits, the row that is refused, and what to do
        (f"move,{mover},{taker['bus_id']},\nmove,{mover},{giver['bus_id']},\n", 3, "只改一次"),
        (f"lock,,{taker['bus_id']},\nclose,,,{locked_stop}\n", 3, "请先解锁该车"),
        # Another bus: of the other cohort, or not going where they get off.
        (f"move,{mover},{elsewhere['bus_id']},\n", 2, "列“bus_id”：员工"),
        # The bus a move targets keeps its stops: closing one would be left undone.
        (f"move,{mover},{taker['bus_id']},\nclose,,,{locked_stop}\n", 3, "删去调入该车的那一行"),
        (f"restore,{mover},,\n", 2, "“恢复”只用于上次规划中因退出或上车点关闭而未安排的员工"),
    ]
    out = tmp_path / "replan"
    for case, row, action in cases:
        edits = tmp_path / "edits.csv"
        edits.write_text(header + case, encoding="utf-8")
        capsys.readouterr()
        args = ["replan", str(planned.out), "--out", str(out), "--edits", str(edits)]
        assert run([*args, "--ledger", str(tmp_path / "l.sqlite")]) == 2, case
        said = "".join(capsys.readouterr().err.split())
        assert f"第{row}行" in said and action in said, said
        assert not out.exists()


def _first_stop_gate(route: dict[str, Any]) -> str:
    """The employer whose gate the riders of the bus's first stop get off at."""
    first = route["stops"][0]["worker_ids"][0]
    site = next(
        s["point_id"] for s in route["stops"] if s["kind"] == "dropoff" and first in s["worker_ids"]
    )
    return site.removeprefix("employer:") if site.startswith("employer:") else ""


def test_late_additions_join_a_stop_with_free_seats_and_stay(
    planned: PlannedBatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two late workers living at an existing stop, working where its riders
    get off, board there; everyone is accounted for.  A later re-plan keeps
    them, and refuses to go on without their roster."""

    route = max(
        (r for r in planned.plan["routes"] if _first_stop_gate(r)),
        key=lambda r: r["capacity_effective"] - r["riders"],
    )
    assert route["capacity_effective"] - route["riders"] >= 2
    stop = route["stops"][0]
    rows = planned.roster_rows()
    header = list(rows[0])
    late = tmp_path / "late.csv"
    with late.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header)
        writer.writeheader()
        for k in range(2):
            row = dict(rows[0]) | {
                "工号": f"LATE{k}",
                "纬度": str(stop["lat"]),
                "经度": str(stop["lon"]),
                "坐标系": "WGS84",
                "同行组": "",
                "健康码": "绿",
                "风险等级": "低",
                "返岗方式": "包车",
                "手机号": "13900000000",
                "用工单位": _first_stop_gate(route),
            }
            writer.writerow(row)
    out = tmp_path / "replan"
    common = ["--ledger", str(tmp_path / "l.sqlite")]
    assert run(["replan", str(planned.out), "--out", str(out), "--add", str(late), *common]) == 0
    plan = load_plan(out)
    assert check_plan(plan) == []
    boarding = where(json.loads((out / "plan.json").read_text()))
    assert boarding["LATE0"][:2] == (route["bus_id"], stop["point_id"])
    assert plan.rows_total == planned.summary["workers_total"] + 2
    changes = tmp_path / "changes.csv"
    assert run(["diff", str(planned.out), str(out), "--out", str(changes)]) == 0
    with changes.open(encoding="utf-8-sig") as handle:
        named = {r["worker_id"]: r["name"] for r in csv.DictReader(handle)}
    assert named["LATE0"] == rows[0]["姓名"]  # from the late roster, not blank
    # verify counts the late roster's rows with the roster's
    roster = planned.scenario.parent / "roster.csv"
    assert run(["verify", str(out), "--roster", str(roster)]) == 0
    # Additions stand in every later re-plan: its late roster is read again.
    again = tmp_path / "again"
    assert run(["replan", str(out), "--out", str(again), *common]) == 0
    kept = where(json.loads((again / "plan.json").read_text()))
    assert kept["LATE0"][:2] == boarding["LATE0"][:2] and "LATE1" in kept
    assert load_plan(again).rows_total == plan.rows_total
    late.rename(tmp_path / "moved.csv")  # gone, its workers would be dropped unsaid
    capsys.readouterr()
    assert run(["replan", str(again), "--out", str(tmp_path / "third"), *common]) == 2
    said = "".join(capsys.readouterr().err.split())
    assert "late.csv" in said and "请把文件放回原处" in said


def test_replans_add_up_drop_then_edits_then_no_change(
    planned: PlannedBatch, tmp_path: Path
) -> None:
    """Drop-outs stay out, a locked bus keeps its manifest rows byte for byte,
    and a move changes no other rider's bus, through a chain of re-plans."""
    riders = sorted(where(planned.plan))
    drop = random.Random(5).sample(riders, 12)
    mover, giver, taker = a_possible_move(planned.plan)
    drop = [w for w in drop if w != mover]
    locked = next(
        r["bus_id"]
        for r in sorted(planned.plan["routes"], key=lambda r: -r["riders"])
        if r["bus_id"] not in (giver["bus_id"], taker["bus_id"])
    )
    ledger = ["--ledger", str(tmp_path / "l.sqlite")]
    steps = [tmp_path / "1-drop", tmp_path / "2-edits", tmp_path / "3-again"]
    drops = write_ids(tmp_path / "drop.csv", drop)
    assert (
        run(["replan", str(planned.out), "--out", str(steps[0]), "--drop", str(drops), *ledger])
        == 0
    )
    edits = tmp_path / "edits.csv"
    edits.write_text(
        f"action,worker_id,bus_id\nmove,{mover},{taker['bus_id']}\nlock,,{locked}\n",
        encoding="utf-8",
    )
    assert (
        run(["replan", str(steps[0]), "--out", str(steps[1]), "--edits", str(edits), *ledger]) == 0
    )
    assert run(["replan", str(steps[1]), "--out", str(steps[2]), *ledger]) == 0
    plans = [json.loads((step / "plan.json").read_text()) for step in steps]
    for plan in plans:
        reasons = {u["worker_id"]: u["stage"] for u in plan["unassigned"]}
        assert all(reasons.get(w) == "dropped" for w in drop)
        assert not set(drop) & set(where(plan))
    manifests = {(step / "manifests" / f"bus_{locked}.csv").read_bytes() for step in steps}
    assert len(manifests) == 1
    before, after = where(plans[0]), where(plans[1])
    assert after[mover][0] == taker["bus_id"]
    assert all(after[w][0] == bus for w, (bus, _, _) in before.items() if w != mover)
    for step in steps:
        assert check_plan(load_plan(step)) == []


def test_a_changed_or_foreign_folder_is_refused_unless_forced(
    planned: PlannedBatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A hand-edited plan.json is refused with 2 and named, in Chinese unless
    --lang en; --force goes on, warning in Chinese."""
    previous = tmp_path / "previous"
    shutil.copytree(planned.out, previous)
    plan = json.loads((previous / "plan.json").read_text(encoding="utf-8"))
    plan["routes"][0]["riders"] += 1
    (previous / "plan.json").write_text(json.dumps(plan), encoding="utf-8")
    args = ["replan", str(previous), "--out", str(tmp_path / "o")]
    args += ["--ledger", str(tmp_path / "l.sqlite")]
    capsys.readouterr()
    assert run(args) == 2
    said = "".join(capsys.readouterr().err.split())  # the console wraps long lines
    assert "plan.json不是outputs.json所对应的排车方案" in said, said
    assert run([*args, "--lang", "en"]) == 2
    said = " ".join(capsys.readouterr().err.split())
    assert "plan.json is not the plan outputs.json was written for" in said, said
    assert not (tmp_path / "o").exists()
    assert run([*args, "--force"]) == 0
    said = "".join(capsys.readouterr().err.split())
    assert "警告：" in said and "不是outputs.json所对应的排车方案（--force）" in said, said
    assert f"{previous}：plan.json" in said, said  # the Chinese colon and brackets
    assert run([*args, "--force", "--lang", "en"]) == 0
    said = " ".join(capsys.readouterr().err.split())
    assert f"{previous}: plan.json is not the plan outputs.json was written for (--force)" in said


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_late_rosters_warnings_are_pointed_to_by_a_check_of_that_roster(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    """A late roster's row without a phone is planned with a warning: the
    re-plan gives the check that lists it, of the late roster with the
    scenario (it gave the scenario's check, whose roster had none), each
    path whole and quoted, as they hold a space.  The scenario's roster,
    without warnings, is not sent to check."""
    folder = tmp_path / "desk files"
    path = write_scenario(folder / "in", [roster_row("A1", at=TONGZI)])
    common = ["--ledger", str(tmp_path / "l.sqlite"), "--workers", "1", "--lang", lang]
    assert run(["plan", str(path), "--out", str(tmp_path / "a"), *common]) == 0
    late = write_roster(folder / "late roster.csv", [roster_row("N", at=TONGZI, phone="")])
    capsys.readouterr()
    again = ["replan", str(tmp_path / "a"), "--out", str(tmp_path / "b"), "--add", str(late)]
    assert run([*again, *common]) == 0
    said = "".join(capsys.readouterr().err.split())  # the console wraps long lines
    command = f'returnbus check "{late.resolve()}" --scenario "{path.resolve()}"'
    assert "".join(command.split()) in said, said
    assert said.count("returnbuscheck") == 1, said
    assert ("读取补录名单" if lang == "zh" else "readingthelateroster") in said, said


def test_additions_whose_ids_are_taken_are_refused(
    planned: PlannedBatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A late roster re-using a worker id of the batch stops with 2 naming the
    id, at its column as the file heads it (工号), not by the field's English
    key (列“worker_id”), which the desk's file does not have."""
    rows = planned.roster_rows()
    late = tmp_path / "late.csv"
    with late.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerow(rows[5])
    args = ["replan", str(planned.out), "--out", str(tmp_path / "o"), "--add", str(late)]
    capsys.readouterr()
    assert run([*args, "--ledger", str(tmp_path / "l.sqlite")]) == 2
    said = "".join(capsys.readouterr().err.split())  # the console wraps long lines
    assert rows[5]["工号"] in said
    assert "列“工号”" in said and "worker_id" not in said, said


def test_an_addition_whose_id_differs_only_in_letter_case_is_refused(
    planned: PlannedBatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A worker of the batch typed again in the late roster with the id in
    lower case was planned a second time, on a seat of their own (exit 0)."""
    rows = planned.roster_rows()
    again = {**rows[5], "工号": rows[5]["工号"].lower()}
    assert again["工号"] != rows[5]["工号"]
    late = tmp_path / "late.csv"
    with late.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerow(again)
    args = ["replan", str(planned.out), "--out", str(tmp_path / "o"), "--add", str(late)]
    capsys.readouterr()
    assert run([*args, "--ledger", str(tmp_path / "l.sqlite")]) == 2
    said = capsys.readouterr().err
    assert f"{again['工号']} ({rows[5]['工号']})" in said, said
    assert not (tmp_path / "o").exists()


def test_additions_of_several_batches_are_refused_naming_the_files_column(
    planned: PlannedBatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A late roster of two batches without --batch stops with 2 at its
    column as the file heads it (返岗批次), not by the field's English name."""
    rows = planned.roster_rows()
    late = tmp_path / "late.csv"
    with late.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        for number, (row, batch) in enumerate(zip(rows[:2], ("第一批", "第二批"), strict=True)):
            writer.writerow({**row, "工号": f"LATE{number}", "返岗批次": batch})
    args = ["replan", str(planned.out), "--out", str(tmp_path / "o"), "--add", str(late)]
    capsys.readouterr()
    assert run([*args, "--ledger", str(tmp_path / "l.sqlite")]) == 2
    said = "".join(capsys.readouterr().err.split())  # the console wraps long lines
    assert "列“返岗批次”" in said and "“batch”" not in said, said


def test_additions_with_no_row_of_the_batch_are_refused_as_another_batch_s(
    planned: PlannedBatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A late roster all of whose rows are of other batches is another
    batch's: refused naming the batches it holds, not told to add --batch
    (which would take none of its rows)."""
    rows = planned.roster_rows()
    (mine,) = {row["返岗批次"] for row in rows}
    late = tmp_path / "late.csv"
    for batches, said in (
        (("第九批", "第八批"), f"补录名单中没有批次{mine}的行，只有批次第八批、第九批的行"),
        (("第九批", "9"), f"补录名单中没有批次{mine}的行，只有批次9、第九批的行"),
    ):
        with late.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            for number, (row, batch) in enumerate(zip(rows[:2], batches, strict=True)):
                writer.writerow({**row, "工号": f"LATE{number}", "返岗批次": batch})
        args = ["replan", str(planned.out), "--out", str(tmp_path / "o"), "--add", str(late)]
        capsys.readouterr()
        assert run([*args, "--ledger", str(tmp_path / "l.sqlite")]) == 2
        err = "".join(capsys.readouterr().err.split())
        assert f"列“返岗批次”：{said}" in err and "--batch" not in err, err
        assert not (tmp_path / "o").exists()
    assert run([*args, "--ledger", str(tmp_path / "l.sqlite"), "--lang", "en"]) == 2
    err = " ".join(capsys.readouterr().err.split())
    assert f"no row of batch {mine}, only rows of the batches 9, 第九批" in err, err


def test_a_restored_worker_is_planned_again_and_a_restore_that_contradicts_is_refused(
    dropped_five_percent: tuple[Path, list[str]], tmp_path: Path
) -> None:
    """`restore` undoes an earlier drop-out; restoring a worker also on the
    drop list, or one who never dropped out, stops with 2."""
    out, drop = dropped_five_percent
    back = drop[0]
    edits = tmp_path / "restore.csv"
    edits.write_text(f"action,worker_id\nrestore,{back}\n", encoding="utf-8")
    ledger = ["--ledger", str(tmp_path / "l.sqlite")]
    again = tmp_path / "again"
    assert run(["replan", str(out), "--out", str(again), "--edits", str(edits), *ledger]) == 0
    plan = json.loads((again / "plan.json").read_text())
    stages = {u["worker_id"]: u["stage"] for u in plan["unassigned"]}
    assert stages.get(back) != "dropped"
    assert all(stages.get(w) == "dropped" for w in drop[1:])
    dropping = write_ids(tmp_path / "d.csv", [back])
    args = ["replan", str(out), "--out", str(tmp_path / "x"), "--edits", str(edits), *ledger]
    assert run([*args, "--drop", str(dropping)]) == 2
    edits.write_text(f"action,worker_id\nrestore,{next(iter(where(plan)))}\n", encoding="utf-8")
    assert run(args) == 2


def test_verify_holds_each_manifest_against_the_plan_worker_by_worker(
    planned: PlannedBatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A manifest row moved to another bus's manifest, with the index rewritten
    to match, is caught and named; the untouched copy passes."""
    from returnbus.render.staging import write_index

    folder = tmp_path / "copy"
    shutil.copytree(planned.out, folder)
    assert run(["verify", str(folder)]) == 0
    first, second = sorted(planned.plan["routes"], key=lambda r: r["bus_id"])[:2]
    source = folder / "manifests" / f"bus_{first['bus_id']}.csv"
    target = folder / "manifests" / f"bus_{second['bus_id']}.csv"
    lines = source.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    moved = lines.pop()
    source.write_text("".join(lines), encoding="utf-8-sig")
    target.write_text(target.read_text(encoding="utf-8-sig") + moved, encoding="utf-8-sig")
    write_index(folder, json.loads((folder / "outputs.json").read_text(encoding="utf-8")))
    capsys.readouterr()
    assert run(["verify", str(folder), "--lang", "en"]) == 1
    said = " ".join(capsys.readouterr().out.split())  # the console wraps long lines
    worker = moved.split(",")[1]
    assert f"worker {worker} is listed, but plan.json has them on bus {first['bus_id']}" in said
    assert f"worker {worker} rides bus {first['bus_id']} in plan.json but is not listed" in said


def test_re_planning_from_a_superseded_folder_is_refused_unless_forced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Once a later plan of the batch is recorded (a drop-out), re-planning
    from the older folder would bring the dropped worker back: refused with 2,
    naming the later folder; --force goes on."""
    path = write_scenario(tmp_path / "scn", [roster_row(f"A{k}", at=TONGZI) for k in range(1, 4)])
    first, later, ledger = tmp_path / "first", tmp_path / "later", tmp_path / "l.sqlite"
    common = ["--ledger", str(ledger), "--workers", "1", "--lang", "en"]
    assert run(["plan", str(path), "--out", str(first), *common]) == 0
    drop = write_ids(tmp_path / "drop.csv", ["A2"])
    assert run(["replan", str(first), "--out", str(later), "--drop", str(drop), *common]) == 0
    capsys.readouterr()
    again = ["replan", str(first), "--out", str(tmp_path / "again"), *common]
    assert run(again) == 2
    said = " ".join(capsys.readouterr().err.split())
    assert "would undo what changed since" in said and str(later) in said.replace(" ", "")
    assert not (tmp_path / "again").exists()
    assert run(["replan", str(later), "--out", str(tmp_path / "again"), *common]) == 0
    assert "A2" not in where(json.loads((tmp_path / "again" / "plan.json").read_text()))
    assert run([*again, "--force"]) == 0


@pytest.mark.parametrize(
    ("name", "trimmed"), [("late.txt", False), ("late.csv", False), ("late.txt", True)]
)
def test_a_late_roster_pasted_from_excel_with_tabs_adds_as_its_comma_separated_copy_does(
    tmp_path: Path, name: str, trimmed: bool
) -> None:
    """A late roster pasted from Excel into a .txt or .csv is tab-separated,
    header and rows (CRLF lines, as Excel copies them): --add reads it with
    the roster's reader, which tells tabs from commas, and adds the same
    workers as the comma-separated copy, a bad cell (a short phone, a health
    code of no colour) turning its row away with the same reason, row and
    column.  Lines that lost the trailing tabs of their empty cells (an
    editor or a chat trims them) had every row refused as too short: they
    read as the rows with those cells empty."""
    path = write_scenario(tmp_path / "scn", [roster_row("A1", at=TONGZI)])
    first = tmp_path / "first"
    common = ["--ledger", str(tmp_path / "l.sqlite"), "--workers", "1"]
    assert run(["plan", str(path), "--out", str(first), *common]) == 0
    rows = [
        roster_row("N1", at=TONGZI),
        roster_row("N2", at=TONGZI, phone="1380000"),
        roster_row("N3", at=TONGZI, health_code="紫"),
    ]
    # The group column last, empty: the cell a trimmed line loses.
    rows = [{**{k: v for k, v in row.items() if k != "group"}, "group": ""} for row in rows]
    comma = write_roster(tmp_path / "comma.csv", rows)
    with comma.open(encoding="utf-8", newline="") as handle:
        tabbed_lines = ["\t".join(row) for row in csv.reader(handle)]
    if trimmed:
        tabbed_lines = [line.rstrip("\t") for line in tabbed_lines]
    pasted = "".join(line + "\r\n" for line in tabbed_lines)
    tabbed = tmp_path / name
    tabbed.write_text(pasted, encoding="utf-8", newline="")
    read = {}
    for late in (comma, tabbed):
        out = tmp_path / f"out-{late.name}"
        # The earlier plan each time: the second re-plan supersedes the first one's.
        again = ["replan", str(first), "--out", str(out), "--add", str(late), "--force"]
        assert run([*again, *common]) == 0
        plan = json.loads((out / "plan.json").read_text(encoding="utf-8"))
        riding = sorted(w for r in plan["routes"] for s in r["stops"] for w in s["worker_ids"])
        left = sorted(
            (u["worker_id"], u["row"], u["stage"], json.dumps(u["reason_text"], ensure_ascii=False))
            for u in plan["unassigned"]
        )
        read[late] = (riding, left)
    assert read[tabbed] == read[comma]
    riding, left = read[tabbed]
    assert "N1" in riding and "N2" not in riding and "N3" not in riding
    assert [(w, row, stage) for w, row, stage, _ in left] == [
        ("N2", 3, "roster"),
        ("N3", 4, "roster"),
    ]
    assert "手机号" in left[0][3] or "phone" in left[0][3], left
    assert "健康码" in left[1][3] or "health_code" in left[1][3], left


def test_an_addition_whose_address_cannot_be_placed_is_listed_not_called_a_repeat(
    tmp_path: Path,
) -> None:
    """A late worker the geocoder cannot place is left in unassigned.csv with
    that reason; before, the one row counted twice and was refused as a repeated id."""
    path = write_scenario(tmp_path / "scn", [roster_row("A1", at=TONGZI)])
    first, later = tmp_path / "first", tmp_path / "later"
    common = ["--ledger", str(tmp_path / "l.sqlite"), "--workers", "1"]
    assert run(["plan", str(path), "--out", str(first), *common]) == 0
    late = write_roster(tmp_path / "late.csv", [roster_row("B9", home_address="火星基地一号")])
    assert run(["replan", str(first), "--out", str(later), "--add", str(late), *common]) == 0
    plan = json.loads((later / "plan.json").read_text(encoding="utf-8"))
    (left,) = [u for u in plan["unassigned"] if u["worker_id"] == "B9"]
    assert left["stage"] == "geocode"


def test_an_addition_refused_for_its_batch_cell_is_listed_not_called_another_batch(
    tmp_path: Path,
) -> None:
    """A late workbook row whose batch cell Excel made a time of is refused on
    its row: the cell names no batch.  It counted as one, other than the
    plan's, and `replan --add` stopped: "the additions hold rows of other
    batches".  Now the other row is planned and this one is in unassigned.csv."""
    path = write_scenario(tmp_path / "scn", [roster_row("A1", at=TONGZI)])
    first, later = tmp_path / "first", tmp_path / "later"
    common = ["--ledger", str(tmp_path / "l.sqlite"), "--workers", "1"]
    assert run(["plan", str(path), "--out", str(first), *common]) == 0
    rows = [roster_row("B1", at=TONGZI), roster_row("B2", at=TONGZI)]
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append([*rows[0], "返岗批次"])
    for row, batch in zip(rows, ["", clock_time(8, 30)], strict=True):
        sheet.append([*row.values(), batch])
    book.save(late := tmp_path / "late.xlsx")
    assert run(["replan", str(first), "--out", str(later), "--add", str(late), *common]) == 0
    plan = json.loads((later / "plan.json").read_text(encoding="utf-8"))
    assert "B1" in where(plan)
    (left,) = [u for u in plan["unassigned"] if u["worker_id"] == "B2"]
    assert left["stage"] == "roster"


def test_a_bus_type_gone_from_the_fleet_since_the_plan_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The earlier plan's buses keep their type: a scenario whose fleet lost
    it stops with 2 naming the type, not an internal error (KeyError)."""
    path = write_scenario(tmp_path / "scn", [roster_row("A1", at=TONGZI)])
    first = tmp_path / "first"
    common = ["--ledger", str(tmp_path / "l.sqlite"), "--workers", "1", "--lang", "en"]
    assert run(["plan", str(path), "--out", str(first), *common]) == 0
    path.write_text(path.read_text(encoding="utf-8").replace('"C45"', '"C46"'), encoding="utf-8")
    capsys.readouterr()
    assert run(["replan", str(first), "--out", str(tmp_path / "again"), *common]) == 2
    said = " ".join(capsys.readouterr().err.split())
    assert "type C45, which the scenario's fleet no longer has" in said


def test_a_quarantine_rider_turned_self_returner_keeps_a_bed_without_a_bus(
    tmp_path: Path,
) -> None:
    """A rider bound for quarantine whom the desk marks 自行 (self) and
    re-plans keeps a bed with no bus, and arrives alone: before, the bed kept
    its old bus and writing arrivals.csv failed (internal error)."""
    rows = [roster_row(f"A{k}", at=TONGZI) for k in range(3)]
    rows[0]["origin_risk"] = "高"  # high-risk origin: quarantine
    path = write_scenario(tmp_path / "scn", rows)
    first, later = tmp_path / "first", tmp_path / "later"
    common = ["--ledger", str(tmp_path / "l.sqlite"), "--workers", "1"]
    assert run(["plan", str(path), "--out", str(first), *common]) == 0
    assert "A0" in where(json.loads((first / "plan.json").read_text(encoding="utf-8")))
    rows[0]["travel_mode"] = "自行"
    write_roster(path.parent / "roster.csv", rows)
    assert run(["replan", str(first), "--out", str(later), *common]) == 0
    plan = json.loads((later / "plan.json").read_text(encoding="utf-8"))
    (bed,) = [b for b in plan["dormitory_allocation"] if b["worker_id"] == "A0"]
    assert bed["bus_id"] == "" and "A0" not in where(plan)
    assert run(["verify", str(later)]) == 0


def test_a_kept_bus_whose_riders_now_need_more_beds_than_are_free_is_said(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Riders of a locked bus who turned yellow since the plan need beds the
    one small dormitory lacks: exit 2 naming the bus and what to do, not an
    internal error (AssertionError)."""
    rows = [roster_row(f"A{k}", at=TONGZI) for k in range(6)]
    path = write_scenario(tmp_path / "scn", rows, dorm_rooms=1)
    first = tmp_path / "first"
    common = ["--ledger", str(tmp_path / "l.sqlite"), "--workers", "1", "--lang", "en"]
    assert run(["plan", str(path), "--out", str(first), *common]) == 0
    (bus,) = json.loads((first / "plan.json").read_text(encoding="utf-8"))["routes"]
    for row in rows:
        row["health_code"] = "黄"
    write_roster(path.parent / "roster.csv", rows)
    edits = tmp_path / "edits.csv"
    edits.write_text(f"action,bus_id\nlock,{bus['bus_id']}\n", encoding="utf-8")
    capsys.readouterr()
    again = ["--out", str(tmp_path / "again"), "--edits", str(edits), *common]
    assert run(["replan", str(first), *again]) == 2
    said = " ".join(capsys.readouterr().err.split())
    assert bus["bus_id"] in said and "now need a quarantine bed" in said and "unlock" in said
    assert "edits.csv" not in said  # not an edit's fault: no row of it is named


def test_a_move_of_a_rider_whose_stop_was_closed_brings_them_back(tmp_path: Path) -> None:
    """A closed stop's rider is unassigned, told to agree a pickup and add it
    as an edit; that edit (a move onto a bus) carries them. Before, the move
    was ignored with exit 0 unless a restore came with it."""
    near = (TONGZI[0] + 0.1, TONGZI[1])
    rows = [roster_row("A1", at=TONGZI), *(roster_row(f"B{k}", at=near) for k in range(3))]
    path = write_scenario(tmp_path / "scn", rows)
    first, closed, moved = tmp_path / "first", tmp_path / "closed", tmp_path / "moved"
    common = ["--ledger", str(tmp_path / "l.sqlite"), "--workers", "1"]
    assert run(["plan", str(path), "--out", str(first), *common]) == 0
    plan = json.loads((first / "plan.json").read_text(encoding="utf-8"))
    (bus,) = plan["routes"]
    point = next(s["point_id"] for s in bus["stops"] if "A1" in s["worker_ids"])
    edits = tmp_path / "edits.csv"
    edits.write_text(f"action,point_id\nclose,{point}\n", encoding="utf-8")
    assert run(["replan", str(first), "--out", str(closed), "--edits", str(edits), *common]) == 0
    plan = json.loads((closed / "plan.json").read_text(encoding="utf-8"))
    assert "A1" not in where(plan)
    edits.write_text(f"action,worker_id,bus_id\nmove,A1,{bus['bus_id']}\n", encoding="utf-8")
    assert run(["replan", str(closed), "--out", str(moved), "--edits", str(edits), *common]) == 0
    plan = json.loads((moved / "plan.json").read_text(encoding="utf-8"))
    assert where(plan)["A1"][0] == bus["bus_id"]
    assert run(["verify", str(moved)]) == 0


def test_a_red_code_added_late_holds_the_riders_of_its_group(tmp_path: Path) -> None:
    """A late worker with a red code in an existing keep-together group makes
    its riders close contacts, held off the buses as a full plan would hold
    them; before, they kept their seats."""
    rows = [roster_row(f"A{k}", at=TONGZI, group="G1") for k in range(2)]
    rows.append(roster_row("A9", at=TONGZI))
    path = write_scenario(tmp_path / "scn", rows)
    first, later = tmp_path / "first", tmp_path / "later"
    common = ["--ledger", str(tmp_path / "l.sqlite"), "--workers", "1"]
    assert run(["plan", str(path), "--out", str(first), *common]) == 0
    assert {"A0", "A1"} <= set(where(json.loads((first / "plan.json").read_text())))
    late = write_roster(
        tmp_path / "late.csv", [roster_row("B9", at=TONGZI, group="G1", health_code="红")]
    )
    assert run(["replan", str(first), "--out", str(later), "--add", str(late), *common]) == 0
    plan = json.loads((later / "plan.json").read_text(encoding="utf-8"))
    riding = set(where(plan))
    assert "A9" in riding and not {"A0", "A1", "B9"} & riding
    held = {u["worker_id"]: u["stage"] for u in plan["unassigned"]}
    assert held["A0"] == held["A1"] == "screen"


def test_a_re_plan_is_recorded_in_the_ledger_of_the_earlier_plan(tmp_path: Path) -> None:
    """Without --ledger, a re-plan records the batch in the ledger the earlier
    plan was recorded in: before, it went to ledger.sqlite beside the scenario
    (made anew), where no other batch's beds were, while the campaign's
    ledger kept the old plan as the batch's."""
    assert run(["synth", "--workers", "200", "--out", str(tmp_path / "in")]) == 0
    scenario = tmp_path / "in" / "scenario.toml"
    ledger = tmp_path / "campaign.sqlite"
    first, again = tmp_path / "first", tmp_path / "again"
    args = ["plan", str(scenario), "--out", str(first), "--ledger", str(ledger)]
    assert run([*args, "--time-limit", "2"]) == 0
    rider = sorted(where(json.loads((first / "plan.json").read_text())))[0]
    drop = write_ids(tmp_path / "drop.csv", [rider])
    assert run(["replan", str(first), "--out", str(again), "--drop", str(drop)]) == 0
    assert not (scenario.parent / "ledger.sqlite").exists()
    with closing(sqlite3.connect(ledger)) as db:
        recorded = db.execute("SELECT plan_id, out_dir FROM batches").fetchall()
    index = json.loads((again / "outputs.json").read_text())
    assert recorded == [(index["plan_id"], str(again.absolute()))]
    assert index["ledger"] == str(ledger.absolute())


def test_a_re_plan_whose_ledger_is_gone_is_refused_unless_named_or_forced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The earlier plan's ledger moved or deleted: a re-plan would record the
    batch in a new ledger that knows no other batch's beds and buses (it
    did, in silence). Refused naming the ledger; --ledger or --force go on."""
    path = write_scenario(tmp_path / "in", [roster_row("A1", at=TONGZI)])
    ledger = tmp_path / "campaign.sqlite"
    assert run(["plan", str(path), "--out", str(tmp_path / "a"), "--ledger", str(ledger)]) == 0
    ledger.rename(tmp_path / "moved.sqlite")
    capsys.readouterr()
    assert run(["replan", str(tmp_path / "a"), "--out", str(tmp_path / "b"), "--lang", "en"]) == 2
    said = " ".join(capsys.readouterr().err.split())
    assert str(ledger) in said and "is not there" in said and "--ledger" in said, said
    assert not ledger.exists() and not (tmp_path / "b").exists()
    assert run(["replan", str(tmp_path / "a"), "--out", str(tmp_path / "b"), "--force"]) == 0
    named = ["--ledger", str(tmp_path / "moved.sqlite")]
    assert run(["replan", str(tmp_path / "a"), "--out", str(tmp_path / "c"), *named]) == 0


def test_a_fresh_plan_over_a_re_plan_warns_that_its_changes_go(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Planning a batch afresh after a re-plan drops the re-plan's drop-outs,
    additions and edits: said, with the folder to re-plan from instead."""
    rows = [roster_row("A1", at=TONGZI), roster_row("A2", at=TONGZI)]
    path = write_scenario(tmp_path / "in", rows)
    ledger = ["--ledger", str(tmp_path / "l.sqlite")]
    assert run(["plan", str(path), "--out", str(tmp_path / "a"), *ledger]) == 0
    assert run(["plan", str(path), "--out", str(tmp_path / "b"), *ledger]) == 0
    assert "重新规划" not in "".join(capsys.readouterr().err.split())
    assert run(["replan", str(tmp_path / "b"), "--out", str(tmp_path / "c"), *ledger]) == 0
    capsys.readouterr()
    assert run(["plan", str(path), "--out", str(tmp_path / "d"), *ledger]) == 0
    said = "".join(capsys.readouterr().err.split())
    assert "最近一次是重新规划的" in said and "returnbusreplan" in said


def _previous_and_batch(planned: PlannedBatch) -> tuple[Any, Any]:
    from returnbus.io.scenario import load_scenario
    from returnbus.pipeline import prepare

    return load_plan(planned.out), prepare(load_scenario(planned.scenario))


def test_a_move_that_would_split_a_keep_together_group_is_refused_with_its_row(
    planned: PlannedBatch,
) -> None:
    """Moving one rider of a keep-together group onto another bus would leave
    the rest behind (a group rides one bus): an InputError naming the edit's
    row. Before, the group was split without a word and verify passed it.
    Moving the whole group, or a member to the group's own bus, is no split."""
    from returnbus.domain import Edit
    from returnbus.errors import InputError
    from returnbus.replan import replan_batch

    previous, batch = _previous_and_batch(planned)
    bus_of = {w: r.bus_id for r in previous.routes for w in r.worker_ids}
    groups: dict[str, list[str]] = {}
    for w in batch.workers:
        if w.group and w.id in bus_of:
            groups.setdefault(w.group, []).append(w.id)
    first, *rest = next(members for members in groups.values() if len(members) > 1)
    other = next(r.bus_id for r in previous.routes if r.bus_id != bus_of[first])
    edits = [Edit(action="move", worker_id=first, bus_id=other, row=2)]
    with pytest.raises(InputError) as refused:
        replan_batch(previous, batch, previous.settings, edits=edits)
    assert (
        refused.value.row == 2
        and getattr(refused.value.message, "key", "") == "edit_move_splits_group"
    )
    assert all(w in str(refused.value) for w in rest)
    # The group's own bus: nobody is left behind, so no refusal for splitting.
    own = [Edit(action="move", worker_id=first, bus_id=bus_of[first], row=2)]
    replan_batch(previous, batch, previous.settings, edits=own)


def test_a_move_whose_ride_breaks_the_detour_rule_is_refused_with_its_row(
    planned: PlannedBatch,
) -> None:
    """The receiving bus keeps its times, so the moved worker's ride is fixed:
    over the ride cap or the detour rule, the move is an InputError naming
    the edit's row. Before, it was found only when the whole re-plan was
    checked, as a broken rule with no row of the edits file."""
    from dataclasses import replace

    from returnbus.domain import Edit
    from returnbus.errors import InputError
    from returnbus.replan import replan_batch

    previous, batch = _previous_and_batch(planned)
    mover, _, taker = a_possible_move(planned.plan)
    # A detour rule no ride can keep: any move breaks it.
    rules = replace(previous.settings.rules, max_detour_factor=0.5, max_detour_minutes=0)
    settings = replace(previous.settings, rules=rules)
    edits = [Edit(action="move", worker_id=mover, bus_id=taker["bus_id"], row=7)]
    with pytest.raises(InputError) as refused:
        replan_batch(previous, batch, settings, edits=edits)
    assert (
        refused.value.row == 7 and getattr(refused.value.message, "key", "") == "move_ride_too_long"
    )


def test_a_locked_bus_whose_riders_all_dropped_out_does_not_run(planned: PlannedBatch) -> None:
    """A locked (or announced) bus keeps its stops and times for its riders;
    once every one of them has dropped out it carries no one and is not in
    the plan. Before, it ran empty: its whole route driven, its cost paid
    and its bus taken from the fleet, to pick up nobody."""
    from returnbus.domain import Edit
    from returnbus.replan import replan_batch

    previous, batch = _previous_and_batch(planned)
    bus = min(previous.routes, key=lambda r: (r.riders, r.bus_id))
    kept = max(previous.routes, key=lambda r: (r.riders, r.bus_id))
    edits = [Edit(action="lock", bus_id=b.bus_id, row=k) for k, b in enumerate((bus, kept), 2)]
    plan = replan_batch(
        previous, batch, previous.settings, dropped=frozenset(bus.worker_ids), edits=edits
    )
    ids = {r.bus_id for r in plan.routes}
    assert bus.bus_id not in ids and kept.bus_id in ids
    assert check_plan(plan) == []


def test_moving_a_drop_out_says_how_to_bring_them_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A move of a worker who dropped out is refused at its row, with what
    to do: restore them (or take them off the drop list), not the ids hint."""
    rejected = roster_row("R1", at=TONGZI, health_code="蓝")
    rows = [roster_row("A1", at=TONGZI), roster_row("A2", at=TONGZI), rejected]
    path = write_scenario(tmp_path / "in", rows)
    ledger = ["--ledger", str(tmp_path / "l.sqlite")]
    assert run(["plan", str(path), "--out", str(tmp_path / "a"), *ledger]) == 0
    bus = json.loads((tmp_path / "a" / "plan.json").read_text())["routes"][0]["bus_id"]
    drop = tmp_path / "drop.csv"
    drop.write_text("工号\nA1\nR1\nZZ9\n", encoding="utf-8")
    out = ["--out", str(tmp_path / "b"), *ledger]
    capsys.readouterr()
    assert run(["replan", str(tmp_path / "a"), "--drop", str(drop), *out]) == 0
    err = capsys.readouterr().err
    said = "".join(err.split())
    # A row the roster check rejected is out already: not "not in the roster";
    # named after the full-width colon with no space, as the warnings name theirs.
    assert "本已不在排车方案中（见unassigned.csv），已忽略：R1" in said
    assert "已忽略：R1\n" in err, err
    # An id not in the roster may be mistyped: a warning naming the list's row.
    assert f"警告：{drop}第4行：不在名单中，已忽略：ZZ9" in said, said
    assert "处理办法：请对照名单核对这些工号" in said
    edits = tmp_path / "edits.csv"
    edits.write_text(f"操作,工号,车号\n移动,A1,{bus}\n", encoding="utf-8")
    capsys.readouterr()
    again = ["--out", str(tmp_path / "c"), *ledger]
    assert run(["replan", str(tmp_path / "b"), "--edits", str(edits), *again]) == 2
    said = "".join(capsys.readouterr().err.split())
    assert "第2行" in said and "已退出" in said and "请加一行“恢复”该员工" in said


def test_a_drop_out_of_another_batch_is_said_to_be_there_not_missing_from_the_roster(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One drop list for the campaign, given to the re-plan of batch 1: a
    worker of batch 2 is in the roster, and their own batch's plan still
    holds their seat until it is re-planned. The warning names their batch
    and says to re-plan it, rather than "not in the roster, check the ids"."""
    rows = [roster_row(f"A{k}", at=TONGZI, batch="1") for k in range(1, 3)]
    rows.append(roster_row("B1", at=TONGZI, batch="2"))
    path = write_scenario(tmp_path / "in", rows)
    ledger = ["--ledger", str(tmp_path / "l.sqlite")]
    assert run(["plan", str(path), "--batch", "1", "--out", str(tmp_path / "a"), *ledger]) == 0
    drop = tmp_path / "drop.csv"
    drop.write_text("工号\nA1\nB1\nZZ9\n", encoding="utf-8")
    capsys.readouterr()
    out = ["--out", str(tmp_path / "b"), *ledger]
    assert run(["replan", str(tmp_path / "a"), "--drop", str(drop), *out]) == 0
    said = "".join(capsys.readouterr().err.split())
    # Their batch in Chinese brackets in Chinese, English ones in English.
    assert f"警告：{drop}第3行：属于名单中的其他批次，本批次已忽略：B1（2）" in said, said
    assert "请用此名单重新规划该批次的最新文件夹" in said
    # A mistyped id is still "not in the roster", and only it.
    assert f"警告：{drop}第4行：不在名单中，已忽略：ZZ9" in said, said
    en = ["--out", str(tmp_path / "c"), *ledger, "--lang", "en"]
    assert run(["replan", str(tmp_path / "b"), "--drop", str(drop), *en]) == 0
    said = " ".join(capsys.readouterr().err.split())
    assert f"{drop}, row 3: of another batch of the roster, ignored in this one: B1 (2)" in said
    assert f"{drop}, row 4: not in the roster, ignored: ZZ9" in said, said


def test_a_drop_list_warning_in_chinese_has_no_space_after_its_full_width_colon(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The ids were joined to a drop-list warning with a space, "本批次已忽略：
    W00290", which a full-width colon does not take.  English keeps its space."""
    from returnbus import cli

    monkeypatch.setattr(cli.console, "size", (200, 25))  # one line, as said
    rows = [(2, "A1"), (3, "W00290")]
    cases: list[tuple[Lang, str, str]] = [
        ("zh", "W00290（2）", "第 3 行：属于名单中的其他批次，本批次已忽略：W00290（2）\n"),
        ("en", "W00290 (2)", "row 3: of another batch of the roster, ignored in this one: W00290"),
    ]
    for lang, named, said in cases:
        cli._warn_of_rows(rows, {"W00290"}, "other_batch_ignored", named, "", lang, path="d.csv")
        assert said in capsys.readouterr().err
    cli._warn_of_rows(rows, {"W00290"}, "not_in_roster_ignored", "W00290", "", "zh", path="d.csv")
    assert "d.csv 第 3 行：不在名单中，已忽略：W00290\n" in capsys.readouterr().err


def test_a_drop_out_of_another_planned_batch_is_given_the_command_to_replan_its_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """When the ledger records the drop-out's own batch, the warning names
    its folder in the command to re-plan it, one the desk can copy, not
    "returnbus ledger show names it"."""
    rows = [roster_row(f"A{k}", at=TONGZI, batch="1") for k in range(1, 3)]
    rows.append(roster_row("B1", at=TONGZI, batch="第2批"))
    path = write_scenario(tmp_path / "in", rows)
    ledger = ["--ledger", str(tmp_path / "l.sqlite")]
    for batch in ("1", "2"):
        out = ["--out", str(tmp_path / f"out{batch}"), *ledger]
        assert run(["plan", str(path), "--batch", batch, *out]) == 0
    drop = tmp_path / "drop.csv"
    drop.write_text("工号\nA1\nB1\n", encoding="utf-8")
    capsys.readouterr()
    for lang, previous, folder in (("zh", "out1", "b"), ("en", "b", "c")):
        again = ["--out", str(tmp_path / folder), *ledger, "--lang", lang]
        assert run(["replan", str(tmp_path / previous), "--drop", str(drop), *again]) == 0
        said = " ".join(capsys.readouterr().err.split())
        assert f"returnbus replan {tmp_path / 'out2'} --drop {drop} --out" in said, said
        assert "ledger show" not in said


def test_drop_ids_excel_made_numbers_are_named_with_the_id_meant(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A drop list typed in Excel loses an id's leading zeros (00101 becomes
    101) or writes a long one as 1.23E+17, or an id is written as the number
    it ends in (204 for W00204): none is in the roster, and the warning says
    what Excel did, and the roster id a lost-zeros or lost-prefix one stands
    for, rather than only "check the ids"."""
    rows = [roster_row(f"0010{k}", at=TONGZI) for k in range(1, 4)]
    rows += [roster_row(w, at=TONGZI) for w in ("W7", "W00204", "W0305", "E305")]
    path = write_scenario(tmp_path / "in", rows)
    ledger = ["--ledger", str(tmp_path / "l.sqlite"), "--lang", "en"]
    assert run(["plan", str(path), "--out", str(tmp_path / "a"), *ledger]) == 0
    drop = tmp_path / "drop.csv"
    drop.write_text(
        "工号\n101\n1.23E+17\n00102\nw7\n204\n305\nW7 张伟\nw7（已退出）\nW7、00103\n",
        encoding="utf-8",
    )
    capsys.readouterr()
    out = ["--out", str(tmp_path / "b"), *ledger]
    assert run(["replan", str(tmp_path / "a"), "--drop", str(drop), *out]) == 0
    said = " ".join(capsys.readouterr().err.split())
    tight = "".join(said.split())  # the console may fold a line inside 张伟
    assert "ignored:1.23E+17,101,204,305,W7张伟,W7、00103,w7,w7(已退出)" in tight, said
    assert "w7 → W7 differ from the roster's ids only in letter case" in said
    assert "Excel dropped the leading zeros of 101 → 00101" in said
    # The prefix left out: named when one roster id ends in the number (305 fits two).
    assert "of these, 204 → W00204 are only the number the roster's id ends in" in said, said
    assert "305 →" not in said
    # A name or note typed after the id in its cell.
    assert "W7张伟→W7,w7(已退出)→W7holdarosteridwithothertextinitscell" in tight, said
    assert "W7、00103 hold several roster ids in one cell: put each id on a row" in said, said
    assert "Excel wrote 1.23E+17 as numbers in scientific notation" in said
    plan = json.loads((tmp_path / "b" / "plan.json").read_text(encoding="utf-8"))
    # Named, never matched: 00101 and W7 still ride until the desk corrects the list.
    assert {u["worker_id"] for u in plan["unassigned"] if u["stage"] == "dropped"} == {"00102"}


def test_a_drop_list_naming_no_worker_of_the_batch_is_refused_and_nothing_recorded(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A drop list none of whose ids is in the batch's roster is almost surely
    the wrong file (or one typed in the wrong letter case): the re-plan is
    refused naming the file and how many of its ids matched, after the
    warnings that say what each id may have meant, and nothing is planned
    or recorded.  One id of the batch's roster is enough, even one its check
    turned away.  A list of no ids at all (its header alone) is refused too,
    before anything is recorded."""
    rows = [roster_row("A1", at=TONGZI), roster_row("A2", at=TONGZI)]
    rows.append(roster_row("R1", at=TONGZI, health_code="蓝"))
    path = write_scenario(tmp_path / "in", rows)
    ledger = tmp_path / "l.sqlite"
    assert run(["plan", str(path), "--out", str(tmp_path / "a"), "--ledger", str(ledger)]) == 0
    recorded = ledger.read_bytes()
    drop = write_ids(tmp_path / "drop.csv", ["a1", "ZZ9", "a1"])
    capsys.readouterr()
    for lang, said in (
        ("zh", f"错误：文件{drop}：退出名单的2个工号中没有批次test名单上的人"),
        ("en", f"error: {drop}: none of the 2 worker ids of this drop list is in the roster of"),
    ):
        args = ["replan", str(tmp_path / "a"), "--drop", str(drop), "--lang", lang]
        assert run([*args, "--out", str(tmp_path / "b"), "--ledger", str(ledger)]) == 2
        err = capsys.readouterr().err
        assert said in ("".join(err.split()) if lang == "zh" else " ".join(err.split())), err
    # The warnings still say which id was meant.
    assert "a1 → A1" in err
    assert not (tmp_path / "b").exists() and ledger.read_bytes() == recorded
    out = ["--out", str(tmp_path / "c"), "--ledger", str(ledger)]
    drop = write_ids(tmp_path / "drop.csv", ["R1", "ZZ9"])
    assert run(["replan", str(tmp_path / "a"), "--drop", str(drop), *out]) == 0
    recorded = ledger.read_bytes()
    capsys.readouterr()
    out = ["--out", str(tmp_path / "d"), "--ledger", str(ledger)]
    drop = write_ids(tmp_path / "drop.csv", [])
    assert run(["replan", str(tmp_path / "c"), "--drop", str(drop), *out]) == 2
    said = "".join(capsys.readouterr().err.split())
    assert f"文件{drop}，第1行，列“工号”：退出名单中没有任何人" in said, said
    assert not (tmp_path / "d").exists() and ledger.read_bytes() == recorded


def test_the_batch_s_roster_given_as_the_drop_list_is_refused_and_nothing_recorded(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--drop naming the roster itself (or the late roster of --add) read its
    工号 column as drop-outs: every worker dropped, and the batch recorded
    with nobody on a bus.  Refused, exit 2, nothing planned or recorded."""
    path = write_scenario(tmp_path / "in", [roster_row(f"A{k}", at=TONGZI) for k in range(3)])
    ledger = tmp_path / "l.sqlite"
    common = ["--ledger", str(ledger), "--lang", "en"]
    assert run(["plan", str(path), "--out", str(tmp_path / "a"), *common]) == 0
    recorded = ledger.read_bytes()
    late = write_roster(tmp_path / "late.csv", [roster_row("N1", at=TONGZI)])
    for drop in (tmp_path / "in" / "roster.csv", late):
        capsys.readouterr()
        args = ["replan", str(tmp_path / "a"), "--out", str(tmp_path / "b"), *common]
        assert run([*args, "--add", str(late), "--drop", str(drop)]) == 2
        said = " ".join(capsys.readouterr().err.split())
        assert f"error: {drop}: this is a roster of the batch" in said, said
        assert not (tmp_path / "b").exists() and ledger.read_bytes() == recorded


def _whole_bus_plan(tmp_path: Path, rows: list[dict[str, str]], *, rooms: int = 50) -> list[str]:
    """``rows`` planned under whole_bus into tmp_path/a; the common arguments."""
    fleet = 'id = "M19"\nseats = 19\ncount = 4\nfixed_cost = 1500\ncost_per_km = 4'
    path = write_scenario(
        tmp_path / "in",
        rows,
        fleet=fleet,
        dorm_rooms=rooms,
        rules='quarantine_cohorts = "whole_bus"',
    )
    common = ["--ledger", str(tmp_path / "l.sqlite"), "--workers", "1", "--lang", "en"]
    assert run(["plan", str(path), "--out", str(tmp_path / "a"), *common]) == 0
    return common


def _sent_and_housed(folder: Path) -> tuple[set[str], set[str], dict[str, set[str]]]:
    """Who a plan sends to quarantine, who has a bed (the plan's and the
    ledger's the same), and each bus's riders."""
    plan = json.loads((folder / "plan.json").read_text(encoding="utf-8"))
    beds = {b["worker_id"] for b in plan["dormitory_allocation"]}
    with closing(sqlite3.connect(folder.parent / "l.sqlite")) as db:
        assert {w for (w,) in db.execute("SELECT worker_id FROM beds")} == beds
    buses = {r["bus_id"]: set(r["seats_assigned"]) for r in plan["routes"]}
    assert run(["verify", str(folder)]) == 0
    return set(plan["quarantine_required"]), beds, buses


def test_whole_bus_riders_go_to_work_once_the_rider_bound_for_quarantine_drops_out(
    tmp_path: Path,
) -> None:
    """Under whole_bus five green riders share Y's bus and go to quarantine
    with Y.  Y drops out: nobody bound there rides with them, so the re-plan
    sends them to work, without beds.  Before, they stayed sent (their bus
    still to the dormitory) for a rider no longer on it."""
    rows = [roster_row("Y", at=TONGZI, health_code="黄")]
    rows += [roster_row(f"G{k}", at=TONGZI) for k in range(5)]
    common = _whole_bus_plan(tmp_path, rows)
    sent, beds, _ = _sent_and_housed(tmp_path / "a")
    assert sent == beds == {"Y", "G0", "G1", "G2", "G3", "G4"}
    drop = write_ids(tmp_path / "drop.csv", ["Y"])
    assert (
        run(
            [
                "replan",
                str(tmp_path / "a"),
                "--out",
                str(tmp_path / "b"),
                "--drop",
                str(drop),
                *common,
            ]
        )
        == 0
    )
    sent, beds, buses = _sent_and_housed(tmp_path / "b")
    assert not sent and not beds
    assert set().union(*buses.values()) == {"G0", "G1", "G2", "G3", "G4"}


def test_whole_bus_re_plan_sends_no_self_returner_of_a_group_sharing_a_bus(
    tmp_path: Path,
) -> None:
    """G rides Y's bus under whole_bus and is sent to quarantine for it; S, of
    G's keep-together group, returns alone from inside the province and is
    not.  A re-plan that changes nothing keeps it so: before, it took the
    whole group for bound there, and S, with no room left, was turned away."""
    rows = [
        roster_row("Y", at=TONGZI, health_code="黄"),
        roster_row("G", at=TONGZI, group="GR"),
        roster_row("S", home_address="重庆市綦江区古南街道", group="GR", travel_mode="自行"),
    ]
    common = _whole_bus_plan(tmp_path, rows, rooms=2)
    before = json.loads((tmp_path / "a" / "plan.json").read_text(encoding="utf-8"))
    assert before["self_return"] == ["S"] and set(before["quarantine_required"]) == {"Y", "G"}
    assert run(["replan", str(tmp_path / "a"), "--out", str(tmp_path / "b"), *common]) == 0
    after = json.loads((tmp_path / "b" / "plan.json").read_text(encoding="utf-8"))
    assert after["self_return"] == ["S"] and not after["unassigned"]
    assert set(after["quarantine_required"]) == {"Y", "G"}


def test_a_locked_whole_bus_keeps_its_riders_sent_until_it_is_unlocked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A locked bus keeps its stops: once its only rider bound for quarantine
    drops out, the riders sent for sharing it still get off at the
    dormitory, and the re-plan says so and how to undo it.  Unlocked, they go
    to work."""
    rows = [roster_row("Y", at=TONGZI, health_code="黄")]
    rows += [roster_row(f"G{k}", at=TONGZI) for k in range(3)]
    common = _whole_bus_plan(tmp_path, rows)
    (bus,) = _sent_and_housed(tmp_path / "a")[2]
    edits = tmp_path / "lock.csv"
    edits.write_text(f"action,bus_id\nlock,{bus}\n", encoding="utf-8")
    drop = write_ids(tmp_path / "drop.csv", ["Y"])
    changes = ["--drop", str(drop), "--edits", str(edits)]
    assert (
        run(["replan", str(tmp_path / "a"), "--out", str(tmp_path / "b"), *changes, *common]) == 0
    )
    said = " ".join(capsys.readouterr().err.split())
    assert f"Bus {bus} keeps its stops" in said and "Unlock it (edits: unlock)" in said
    sent, beds, _ = _sent_and_housed(tmp_path / "b")
    assert sent == beds == {"G0", "G1", "G2"}
    # Recorded as sent for sharing the bus: verify lets them be, the bus being locked.
    after = json.loads((tmp_path / "b" / "plan.json").read_text(encoding="utf-8"))
    assert after["quarantine_for_sharing"] == ["G0", "G1", "G2"]
    edits.write_text(f"action,bus_id\nunlock,{bus}\n", encoding="utf-8")
    unlock = ["--edits", str(edits), *common]
    assert run(["replan", str(tmp_path / "b"), "--out", str(tmp_path / "c"), *unlock]) == 0
    sent, beds, buses = _sent_and_housed(tmp_path / "c")
    assert not sent and not beds and set().union(*buses.values()) == {"G0", "G1", "G2"}


def _moved_onto_the_dormitories_bus(
    tmp_path: Path, rooms: int
) -> tuple[list[str], list[str], str, str]:
    """Y (yellow) and three green riders sharing Y's bus under whole_bus, and
    four going to work from Xishui on another; the edit moving W0 onto Y's
    bus.  The common arguments, the re-plan's, and the two bus ids."""
    rows = [roster_row("Y", at=TONGZI, health_code="黄")]
    rows += [roster_row(f"G{k}", at=TONGZI) for k in range(3)]
    rows += [roster_row(f"W{k}", at=XISHUI) for k in range(4)]
    common = _whole_bus_plan(tmp_path, rows, rooms=rooms)
    sent, _, buses = _sent_and_housed(tmp_path / "a")
    assert sent == {"Y", "G0", "G1", "G2"}
    (dorm_bus,) = [b for b, riders in buses.items() if "Y" in riders]
    (work_bus,) = [b for b, riders in buses.items() if "W0" in riders]
    edits = tmp_path / "move.csv"
    edits.write_text(f"action,worker_id,bus_id\nmove,W0,{dorm_bus}\n", encoding="utf-8")
    again = ["replan", str(tmp_path / "a"), "--out", str(tmp_path / "b"), "--edits", str(edits)]
    return common, again, dorm_bus, work_bus


def test_whole_bus_a_rider_moved_onto_a_bus_to_the_dormitories_goes_to_quarantine_with_it(
    tmp_path: Path,
) -> None:
    """Under whole_bus the desk moves W0, going to work, onto Y's bus: W0 now
    shares a bus with a rider bound for quarantine, so goes there too, with
    a bed in the dormitory the bus drops at, recorded as sent for sharing it;
    the rest stay as they were, and the plan verifies.  Before, the move was
    refused (the bus carries the other cohort)."""
    common, again, dorm_bus, work_bus = _moved_onto_the_dormitories_bus(tmp_path, rooms=50)
    assert run([*again, *common]) == 0
    sent, beds, buses = _sent_and_housed(tmp_path / "b")
    assert sent == beds == {"Y", "G0", "G1", "G2", "W0"}
    assert buses[dorm_bus] == {"Y", "G0", "G1", "G2", "W0"}
    assert buses[work_bus] == {"W1", "W2", "W3"}
    plan = json.loads((tmp_path / "b" / "plan.json").read_text(encoding="utf-8"))
    assert plan["quarantine_for_sharing"] == ["G0", "G1", "G2", "W0"]
    (route,) = [r for r in plan["routes"] if r["bus_id"] == dorm_bus]
    (off,) = [s for s in route["stops"] if "W0" in s["worker_ids"] and s["kind"] == "dropoff"]
    (bed,) = [b for b in plan["dormitory_allocation"] if b["worker_id"] == "W0"]
    assert off["point_id"] == dorm_site(bed["dorm_id"]) and bed["bus_id"] == dorm_bus


def test_whole_bus_a_move_onto_a_bus_to_the_dormitories_without_a_free_bed_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Four rooms, four taken by Y's bus: W0 moved onto it would go to
    quarantine with no bed, so the re-plan refuses, naming the edit's row,
    whom, which bus and what to do (exit 2), and writes nothing."""
    common, again, dorm_bus, _ = _moved_onto_the_dormitories_bus(tmp_path, rooms=4)
    capsys.readouterr()
    assert run([*again, *common]) == 2
    said = " ".join(capsys.readouterr().err.split())
    # The file, row and column, as every other refused edit is named.
    assert "move.csv, row 2, column 'bus_id'" in said, said
    assert f"1 rider moved onto bus {dorm_bus} (W0)" in said and "no bed free" in said, said
    assert "move them to a bus going to work" in said, said
    assert not (tmp_path / "b").exists()


def _late_beside_the_dormitories_bus(tmp_path: Path, rooms: int) -> str:
    """One minibus, carrying Y (yellow) and the three sharing Y's bus to
    quarantine under whole_bus; N added late beside them, going to work,
    re-planned into tmp_path/b.  The bus's id."""
    rows = [roster_row("Y", at=TONGZI, health_code="黄")]
    rows += [roster_row(f"G{k}", at=TONGZI) for k in range(3)]
    fleet = 'id = "M19"\nseats = 19\ncount = 1\nfixed_cost = 1500\ncost_per_km = 4'
    path = write_scenario(
        tmp_path / "in",
        rows,
        fleet=fleet,
        dorm_rooms=rooms,
        rules='quarantine_cohorts = "whole_bus"',
    )
    common = ["--ledger", str(tmp_path / "l.sqlite"), "--workers", "1", "--lang", "en"]
    assert run(["plan", str(path), "--out", str(tmp_path / "a"), *common]) == 0
    (bus,) = _sent_and_housed(tmp_path / "a")[2]
    late = write_roster(tmp_path / "late.csv", [roster_row("N", at=TONGZI)])
    again = ["replan", str(tmp_path / "a"), "--out", str(tmp_path / "b"), "--add", str(late)]
    assert run([*again, *common]) == 0
    return bus


def test_whole_bus_a_late_rider_no_other_bus_can_take_joins_a_bus_to_the_dormitories(
    tmp_path: Path,
) -> None:
    """N, added late beside Y's bus, has no other bus to take (the one
    minibus is Y's): N joins Y's bus and goes to quarantine for sharing it,
    with a bed, and the plan verifies.  Before, N was left without a seat:
    newcomers never joined a bus carrying a rider bound for quarantine.
    Nobody already riding changes bus."""
    bus = _late_beside_the_dormitories_bus(tmp_path, rooms=50)
    sent, beds, buses = _sent_and_housed(tmp_path / "b")
    assert buses == {bus: {"Y", "G0", "G1", "G2", "N"}}
    assert sent == beds == {"Y", "G0", "G1", "G2", "N"}
    plan = json.loads((tmp_path / "b" / "plan.json").read_text(encoding="utf-8"))
    assert plan["quarantine_for_sharing"] == ["G0", "G1", "G2", "N"] and not plan["unassigned"]


def test_whole_bus_a_late_rider_joins_no_bus_to_the_dormitories_without_a_bed(
    tmp_path: Path,
) -> None:
    """As above with four rooms, all taken by Y's bus: N would go to
    quarantine with no bed, so stays off it, unassigned (no bus), and
    nobody else changes."""
    bus = _late_beside_the_dormitories_bus(tmp_path, rooms=4)
    sent, beds, buses = _sent_and_housed(tmp_path / "b")
    assert buses == {bus: {"Y", "G0", "G1", "G2"}}
    assert sent == beds == {"Y", "G0", "G1", "G2"}
    plan = json.loads((tmp_path / "b" / "plan.json").read_text(encoding="utf-8"))
    assert [(u["worker_id"], u["stage"]) for u in plan["unassigned"]] == [("N", "route")]


def _sharing_moved_to_another_dormitory(tmp_path: Path, rooms: int) -> tuple[int, str, str]:
    """Under whole_bus, minibuses of three seats: Y1 (yellow), G and G2 from
    Tongzi on one, to one dormitory; Y2 (yellow) and H from Yongchuan on the
    other, to the other dormitory (``rooms`` each: one cohort apiece).  The
    desk moves G, sent for sharing Y1's bus, onto Y2's.  The re-plan's exit
    code and the two buses."""
    yongchuan, home = (29.356, 105.927), "重庆市永川区中山路街道"
    rows = [roster_row("Y1", at=TONGZI, health_code="黄")]
    rows += [roster_row(w, at=TONGZI) for w in ("G", "G2")]
    rows += [
        roster_row("Y2", at=yongchuan, home_address=home, health_code="黄"),
        roster_row("H", at=yongchuan, home_address=home),
    ]
    fleet = 'id = "M6"\nseats = 6\ncount = 4\nfixed_cost = 1500\ncost_per_km = 4'
    path = write_scenario(
        tmp_path / "in", rows, fleet=fleet, rules='quarantine_cohorts = "whole_bus"'
    )
    far = "29.292433,106.255882"  # the depot's place: a second dormitory apart
    (tmp_path / "in" / "dormitories.csv").write_text(
        "dorm_id,name,lat,lon,rooms,sex\n"
        f"D1,一号楼,29.276017,106.231957,3,any\nD2,二号楼,{far},{rooms},any\n",
        encoding="utf-8",
    )
    common = ["--ledger", str(tmp_path / "l.sqlite"), "--workers", "1", "--lang", "en"]
    assert run(["plan", str(path), "--out", str(tmp_path / "a"), *common]) == 0
    sent, _, buses = _sent_and_housed(tmp_path / "a")
    plan = json.loads((tmp_path / "a" / "plan.json").read_text(encoding="utf-8"))
    dorm = {b["worker_id"]: b["dorm_id"] for b in plan["dormitory_allocation"]}
    (first,) = [b for b, riders in buses.items() if riders == {"Y1", "G", "G2"}]
    (second,) = [b for b, riders in buses.items() if riders == {"Y2", "H"}]
    assert sent == {"Y1", "G", "G2", "Y2", "H"} and dorm["G"] != dorm["Y2"]
    edits = tmp_path / "move.csv"
    edits.write_text(f"action,worker_id,bus_id\nmove,G,{second}\n", encoding="utf-8")
    again = ["replan", str(tmp_path / "a"), "--out", str(tmp_path / "b"), "--edits", str(edits)]
    return run([*again, *common]), first, second


def test_whole_bus_a_rider_sent_for_sharing_moved_to_a_bus_to_another_dormitory_gets_a_bed_there(
    tmp_path: Path,
) -> None:
    """G, sent to quarantine for sharing Y1's bus, is moved onto Y2's, which
    does not stop at G's dormitory: G still shares a bus with a rider bound
    there, so gets a bed where Y2's bus drops, and the old bed is freed; the
    plan verifies.  Before, the move was refused (the bus does not go to
    G's bed), though G's bed only followed the bus G shared."""
    code, first, second = _sharing_moved_to_another_dormitory(tmp_path, rooms=3)
    assert code == 0
    sent, beds, buses = _sent_and_housed(tmp_path / "b")
    assert buses == {first: {"Y1", "G2"}, second: {"Y2", "H", "G"}}
    assert sent == beds == {"Y1", "G", "G2", "Y2", "H"}
    plan = json.loads((tmp_path / "b" / "plan.json").read_text(encoding="utf-8"))
    assert plan["quarantine_for_sharing"] == ["G", "G2", "H"]
    dorm = {b["worker_id"]: (b["dorm_id"], b["bus_id"]) for b in plan["dormitory_allocation"]}
    assert dorm["G"] == (dorm["Y2"][0], second)


def test_whole_bus_a_rider_sent_for_sharing_moved_where_no_bed_is_free_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """As above, Y2's dormitory full: G would ride to quarantine with no bed
    there, so the re-plan refuses, naming the edit's row and what to do."""
    capsys.readouterr()
    code, _, second = _sharing_moved_to_another_dormitory(tmp_path, rooms=2)
    assert code == 2
    said = " ".join(capsys.readouterr().err.split())
    assert "move.csv, row 2, column 'bus_id'" in said, said
    assert f"moved onto bus {second} (G)" in said, said
    assert "no bed free" in said and "move them to a bus going to work" in said, said
    assert not (tmp_path / "b").exists()


def test_a_newcomer_bound_for_quarantine_takes_no_seat_at_a_kept_stop_before_their_bed(
    tmp_path: Path,
) -> None:
    """A late rider bound for quarantine living at a kept bus's stop gets a
    bed where one is free, which need not be the dormitory that bus goes to.
    Joined to that stop before, they gave it a second drop-off, and with one
    drop-off a bus, its riders, told they ride, were left "too many
    drop-offs" with it.  They keep their bus; the newcomer rides another."""
    rows = [roster_row(f"A{k}", at=TONGZI, origin_risk="高") for k in range(3)]
    path = write_scenario(tmp_path / "scn", rows, dorm_rooms=3, rules="max_dropoffs = 1")
    with (path.parent / "dormitories.csv").open("a", encoding="utf-8") as handle:
        handle.write(f"D2,二号楼,{HUB[0] + 0.05},{HUB[1] + 0.05},10,any\n")
    first, later = tmp_path / "first", tmp_path / "later"
    common = ["--ledger", str(tmp_path / "l.sqlite"), "--workers", "1"]
    assert run(["plan", str(path), "--out", str(first), *common]) == 0
    before = json.loads((first / "plan.json").read_text(encoding="utf-8"))
    (bus,) = before["routes"]
    assert {b["dorm_id"] for b in before["dormitory_allocation"]} == {"D1"}
    late = tmp_path / "late.csv"
    write_roster(late, [roster_row("L0", at=TONGZI, origin_risk="高")])
    assert run(["replan", str(first), "--out", str(later), "--add", str(late), *common]) == 0
    after = json.loads((later / "plan.json").read_text(encoding="utf-8"))
    riding = where(after)
    assert {riding[f"A{k}"][0] for k in range(3)} == {bus["bus_id"]}
    assert "L0" in riding and riding["L0"][0] != bus["bus_id"]
    assert check_plan(load_plan(later)) == []


@pytest.mark.parametrize("announced", ["all", "listed"])
def test_an_unlock_releases_an_announced_bus(planned: PlannedBatch, announced: str) -> None:
    """An announced bus is written locked and stays so "until an unlock":
    with [replan] announced still naming it ("all", or its id), the unlock
    was left undone without a word (the bus kept its stops and times, and
    was written locked again).  Unlocked, it serves what is left of its
    stops like any other kept bus; the other announced buses stay pinned."""
    from returnbus.domain import Edit
    from returnbus.replan import replan_batch
    from returnbus.routing.params import ReplanRules

    previous, batch = _previous_and_batch(planned)
    freed, other = sorted(previous.routes, key=lambda r: (-r.riders, r.bus_id))[:2]
    rules = ReplanRules(announced="all" if announced == "all" else (freed.bus_id, other.bus_id))
    settings = replace(previous.settings, replan=rules)
    edits = [Edit(action="unlock", bus_id=freed.bus_id, row=2)]
    # Its first stop's riders drop out: a bus kept as it was would still call there.
    first = next(s for s in freed.stops if s.worker_ids)
    plan = replan_batch(previous, batch, settings, dropped=frozenset(first.worker_ids), edits=edits)
    after = {r.bus_id: r for r in plan.routes}
    assert not after[freed.bus_id].locked and after[other.bus_id].locked
    assert first.point_id not in {s.point_id for s in after[freed.bus_id].stops}
    assert check_plan(plan) == []


def test_riders_left_on_a_bus_most_of_whose_riders_dropped_out_keep_their_seats(
    planned: PlannedBatch,
) -> None:
    """Drop-outs are not the other cohort: once most of a bus's riders bound
    for quarantine dropped out, those left were taken for riders of the
    other cohort (a minority of the bus's riders still bound there), put
    off their bus and placed anew (a 2,000-worker re-plan left two riders
    of an announced bus unassigned, the bus gone, with the fleet used up).
    Locked, the bus keeps them; kept, they keep their seats too."""
    from returnbus.domain import Edit
    from returnbus.replan import replan_batch

    previous, batch = _previous_and_batch(planned)
    bound = set(previous.quarantine_required)
    buses = [
        r for r in previous.routes if r.riders >= 3 and set(r.worker_ids) <= bound and not r.locked
    ]
    assert buses, "the session batch has a bus to the dormitories"
    for locked in (True, False):
        bus = min(buses, key=lambda r: (-r.riders, r.bus_id))
        staying, *gone = sorted(bus.worker_ids)
        gone = gone[: len(bus.worker_ids) // 2 + 1]
        edits = [Edit(action="lock", bus_id=bus.bus_id, row=2)] if locked else []
        plan = replan_batch(
            previous, batch, previous.settings, dropped=frozenset(gone), edits=edits
        )
        after = {r.bus_id: r for r in plan.routes}
        assert bus.bus_id in after and staying in after[bus.bus_id].worker_ids, locked
        assert check_plan(plan) == []


def test_a_newcomer_joins_only_a_stop_whose_riders_get_off_where_they_do(
    planned: PlannedBatch,
) -> None:
    """A newcomer at a kept bus's stop, working where the bus goes but not
    where that stop's riders get off, does not join the stop: riding on to
    a later drop-off they could break their ride cap, and the bus, no longer
    within the rules, shed the whole stop (a 2,000-worker re-plan put three
    riders who had not changed onto a new bus, picked up 4 h 46 later).
    They are left for a new stop, which goes onto a bus only within every
    rule.  A newcomer getting off where the stop's riders do joins it."""
    from returnbus.domain import Route
    from returnbus.replan import _join_stops, _kept
    from returnbus.travel import great_circle_km

    previous, batch = _previous_and_batch(planned)
    bound = set(previous.quarantine_required)
    sites: dict[str, str] = {
        w: d.point_id for r in previous.routes for d in r.dropoffs for w in d.worker_ids
    }

    def site(worker: str) -> str:
        return sites[worker]

    def far_sites(route: Route) -> set[str]:
        """Where riders of the bus get off whom no stop near its first boards."""
        first = route.stops[0]
        near = {
            site(w)
            for s in route.stops
            if great_circle_km(*first.location, *s.location) * 1000 <= radius
            for w in s.worker_ids
        }
        return {site(w) for w in route.worker_ids} - near

    radius = previous.settings.cluster.radius_m
    route = next(
        r
        for r in sorted(previous.routes, key=lambda r: r.bus_id)
        if r.riders < r.capacity_effective and not bound & set(r.worker_ids) and far_sites(r)
    )
    first = route.stops[0]
    people = {w.id: w for w in batch.workers}
    here = people[first.worker_ids[0]]
    elsewhere = next(people[w] for w in route.worker_ids if site(w) in far_sites(route))
    newcomers = [
        replace(here, id="NEW-SAME", row=9001, group="", home=first.location),
        replace(elsewhere, id="NEW-ELSE", row=9002, group="", home=first.location),
    ]
    kept = [_kept(route, set(route.worker_ids), set(), previous.pickup_points)]
    joined, left = _join_stops(
        kept, newcomers, batch, previous.settings, previous.beds, frozenset()
    )
    assert [w.id for w in left] == ["NEW-ELSE"]
    assert "NEW-SAME" in joined[0].points[0].worker_ids


def test_a_rider_bound_for_quarantine_joins_a_kept_stop_only_with_a_bed_where_its_bus_goes(
    planned: PlannedBatch,
) -> None:
    """A rider bound for quarantine gets off at the dormitory of their bed.
    One whose stop was closed keeps the bed of the earlier plan, so joins a
    stop nearby whose riders get off at that dormitory (left out, they were
    told no stop with a free seat was near); one with a bed elsewhere, or
    none yet (theirs is reserved later, anywhere), does not: joined, they
    gave the stop a second drop-off, and its riders lost their seats."""
    from returnbus.replan import _join_stops, _kept

    previous, batch = _previous_and_batch(planned)
    bound = set(previous.quarantine_required)
    route = next(
        r
        for r in sorted(previous.routes, key=lambda r: r.bus_id)
        if r.riders < r.capacity_effective and set(r.worker_ids) <= bound
    )
    first = route.stops[0]
    people = {w.id: w for w in batch.workers}
    bed = next(b for b in previous.beds if b.worker_id == first.worker_ids[0])
    other = next(d.id for d in batch.dormitories if d.id != bed.dorm_id)
    ids = ("SAME-BED", "OTHER-BED", "NO-BED")
    newcomers = [
        replace(people[first.worker_ids[0]], id=w, row=9001 + k, group="", home=first.location)
        for k, w in enumerate(ids)
    ]
    batch = replace(batch, quarantine=batch.quarantine | set(ids))
    beds = [
        *previous.beds,
        replace(bed, worker_id="SAME-BED", room="x"),
        replace(bed, worker_id="OTHER-BED", dorm_id=other),
    ]
    kept = [_kept(route, set(route.worker_ids), set(), previous.pickup_points)]
    joined, left = _join_stops(kept, newcomers, batch, previous.settings, beds, frozenset())
    assert sorted(w.id for w in left) == ["NO-BED", "OTHER-BED"]
    assert "SAME-BED" in joined[0].points[0].worker_ids


def test_an_announced_bus_that_stopped_running_is_no_unknown_id_to_the_next_replan(
    planned: PlannedBatch,
) -> None:
    """An announced bus all of whose riders dropped out no longer runs; the
    next re-plan, with [replan] announced still naming it, stopped with exit
    2 ("not in the earlier plan") as for a mistyped id, and the desk had to
    edit the scenario.  The plan records the buses that stopped running
    (through plan.json); a mistyped id is still refused."""
    from returnbus.cli import _refuse_unkept
    from returnbus.errors import InputError
    from returnbus.io.scenario import load_scenario
    from returnbus.planfile import from_document, to_document
    from returnbus.replan import replan_batch
    from returnbus.routing.params import ReplanRules

    previous, batch = _previous_and_batch(planned)
    gone, other = sorted(previous.routes, key=lambda r: (r.riders, r.bus_id))[:2]
    rules = ReplanRules(announced=(gone.bus_id, other.bus_id))
    settings = replace(previous.settings, replan=rules)
    plan = replan_batch(previous, batch, settings, dropped=frozenset(gone.worker_ids))
    plan = from_document(json.loads(json.dumps(to_document(plan), default=str)))
    assert gone.bus_id not in {r.bus_id for r in plan.routes}
    assert gone.bus_id in plan.retired_buses
    scenario = load_scenario(planned.scenario)
    _refuse_unkept(plan, batch, replace(scenario, settings=settings))
    typo = replace(settings, replan=ReplanRules(announced=(other.bus_id, "B0000000")))
    with pytest.raises(InputError):
        _refuse_unkept(plan, batch, replace(scenario, settings=typo))


def test_an_edit_naming_a_bus_that_stopped_running_says_so(
    planned: PlannedBatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A bus all of whose riders dropped out no longer runs.  An unlock of it
    in the next re-plan's edits (the desk still had it in their edits file)
    stopped with exit 2, "not in the earlier plan", as for a mistyped id: it
    now changes nothing and is warned of as such; a lock or a move onto it
    is refused for what it is, a bus that no longer runs."""
    from returnbus.domain import Edit
    from returnbus.errors import InputError
    from returnbus.replan import replan_batch

    previous, batch = _previous_and_batch(planned)
    gone, other = sorted(previous.routes, key=lambda r: (r.riders, r.bus_id))[:2]
    settings = previous.settings
    plan = replan_batch(previous, batch, settings, dropped=frozenset(gone.worker_ids))
    assert gone.bus_id in plan.retired_buses
    unlock = Edit(action="unlock", bus_id=gone.bus_id, row=2)
    with caplog.at_level(logging.WARNING):
        again = replan_batch(plan, batch, settings, edits=[unlock])
    said = [r.getMessage() for r in caplog.records if gone.bus_id in r.getMessage()]
    assert any("no longer runs" in m or "已不再运行" in m for m in said), said
    assert {r.bus_id for r in again.routes} == {r.bus_id for r in plan.routes}
    rider = other.worker_ids[0]
    for edit in (
        Edit(action="lock", bus_id=gone.bus_id, row=3),
        Edit(action="move", worker_id=rider, bus_id=gone.bus_id, row=4),
    ):
        with pytest.raises(InputError) as refused:
            replan_batch(plan, batch, settings, edits=[edit])
        assert getattr(refused.value.message, "key", "") == "edit_bus_retired"
        assert refused.value.row == edit.row


def test_a_bed_released_early_shows_so_once_re_planned_and_verify_says_so_until_then(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`ledger release` frees a bed early in the ledger. The folder's bed list
    still ends the bed with the quarantine: verify says the two differ and to
    re-plan; the re-plan's plan.json and dormitory_allocation.csv end it on the
    release, as the ledger does.  Before, the re-plan kept the quarantine's
    end, verify passed, and the desk's list and the ledger disagreed."""
    rows = [roster_row(f"A{k}", at=TONGZI) for k in range(3)]
    rows[0]["origin_risk"] = "高"  # high-risk origin: quarantine
    path = write_scenario(tmp_path / "scn", rows)
    first, later = tmp_path / "first", tmp_path / "later"
    ledger = tmp_path / "l.sqlite"
    common = ["--ledger", str(ledger), "--workers", "1"]
    assert run(["plan", str(path), "--out", str(first), *common]) == 0
    plan = json.loads((first / "plan.json").read_text(encoding="utf-8"))
    (bed,) = [b for b in plan["dormitory_allocation"] if b["worker_id"] == "A0"]
    on = (datetime.fromisoformat(bed["start_date"]) + timedelta(days=3)).date().isoformat()
    assert run(["ledger", "release", str(ledger), "--worker", "A0", "--date", on]) == 0
    capsys.readouterr()
    assert run(["verify", str(first), "--lang", "en"]) == 1
    said = " ".join(capsys.readouterr().out.split())
    assert "holds 1 bed of batch" in said and f"A0: ledger {bed['dorm_id']}" in said, said
    assert f"to {on}" in said and "re-plan the batch" in said
    assert f"returnbus replan {first} --out NEW_FOLDER" in said, said  # the folder verified
    assert run(["replan", str(first), "--out", str(later), *common]) == 0
    plan = json.loads((later / "plan.json").read_text(encoding="utf-8"))
    (bed,) = [b for b in plan["dormitory_allocation"] if b["worker_id"] == "A0"]
    assert bed["end_date"] == bed["released_on"] == on
    with (later / "dormitory_allocation.csv").open(encoding="utf-8-sig") as handle:
        listed = {r["worker_id"]: r for r in csv.DictReader(handle)}
    assert listed["A0"]["end_date"] == listed["A0"]["released_on"] == on
    assert all(r["released_on"] == "" for w, r in listed.items() if w != "A0")
    assert run(["verify", str(later)]) == 0
    with closing(sqlite3.connect(ledger)) as db:
        (recorded,) = db.execute("SELECT end_date, released_on FROM beds WHERE worker_id = 'A0'")
    assert recorded[1] == on and recorded[0] > on  # the quarantine's end, and the release


def _dorm_rooms(path: Path, rooms: str) -> None:
    """The scenario's one dormitory with only ``rooms`` (a room list)."""
    (path.parent / "dormitories.csv").write_text(
        f'dorm_id,name,lat,lon,room_numbers,sex\nD1,一号楼,{HUB[0]},{HUB[1]},"{rooms}",any\n',
        encoding="utf-8",
    )


def test_riders_whose_room_is_gone_from_the_dormitories_are_housed_anew(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A room the earlier plan housed riders of a kept bus and a self-returner
    in is gone from dormitories.csv: the re-plan gives them beds in the rooms
    left, says so, and keeps the others' beds.  Before, it stopped with exit 2
    ("dormitory D1 has no room 1"), naming nobody and saying nothing to do."""
    rows = [roster_row(f"A{k}", at=TONGZI, origin_risk="高") for k in range(3)]
    rows.append(roster_row("S1", origin_risk="高", travel_mode="自行"))
    path = write_scenario(tmp_path / "scn", rows)
    _dorm_rooms(path, "1-10")
    first, later = tmp_path / "first", tmp_path / "later"
    common = ["--ledger", str(tmp_path / "l.sqlite"), "--workers", "1", "--lang", "en"]
    assert run(["plan", str(path), "--out", str(first), *common]) == 0
    before = json.loads((first / "plan.json").read_text(encoding="utf-8"))
    rooms = {b["worker_id"]: b["room"] for b in before["dormitory_allocation"]}
    assert set(rooms) == {"A0", "A1", "A2", "S1"}
    gone = rooms["A0"]
    left = [str(n) for n in range(1, 11) if str(n) != gone]
    _dorm_rooms(path, ", ".join(left))
    capsys.readouterr()
    assert run(["replan", str(first), "--out", str(later), *common]) == 0
    said = " ".join(capsys.readouterr().err.split())
    after = json.loads((later / "plan.json").read_text(encoding="utf-8"))
    moved = {b["worker_id"]: b["room"] for b in after["dormitory_allocation"]}
    assert set(moved) == set(rooms) and gone not in moved.values()
    assert all(moved[w] == room for w, room in rooms.items() if room != gone)
    assert where(after)["A0"][0] == where(before)["A0"][0]  # the same bus
    assert (
        f"1 bed of the earlier plan is in a room the dormitories file no longer has (D1 {gone})"
        in said
    )
    assert run(["verify", str(later)]) == 0


def test_a_locked_bus_whose_riders_room_is_gone_with_no_other_bed_names_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The dormitory a locked bus goes to lost its riders' room and has no
    other bed free: exit 2 naming the riders and the bus, and what to do."""
    rows = [roster_row(f"A{k}", at=TONGZI, origin_risk="高") for k in range(2)]
    path = write_scenario(tmp_path / "scn", rows)
    _dorm_rooms(path, "1-2")
    first = tmp_path / "first"
    common = ["--ledger", str(tmp_path / "l.sqlite"), "--workers", "1", "--lang", "en"]
    assert run(["plan", str(path), "--out", str(first), *common]) == 0
    plan = json.loads((first / "plan.json").read_text(encoding="utf-8"))
    (bus,) = plan["routes"]
    (gone,) = [b for b in plan["dormitory_allocation"] if b["worker_id"] == "A0"]
    _dorm_rooms(path, "2" if gone["room"] == "1" else "1")
    edits = tmp_path / "edits.csv"
    edits.write_text(f"action,bus_id\nlock,{bus['bus_id']}\n", encoding="utf-8")
    capsys.readouterr()
    again = ["--out", str(tmp_path / "again"), "--edits", str(edits), *common]
    assert run(["replan", str(first), *again]) == 2
    said = " ".join(capsys.readouterr().err.split())
    assert f"1 rider of the kept bus {bus['bus_id']} (A0) had a bed in a room" in said, said
    assert "a room the dormitories file no longer has" in said and "unlock" in said


def _yellow_at_a_closed_stop(tmp_path: Path, yellow: str) -> dict[str, Any]:
    """A1 (whose home is where the stop stands) and A2 (550 m off) share a
    stop; ``yellow``'s code turns yellow (bound for quarantine, no bed in the
    earlier plan) and the stop is closed.  The re-plan, as written."""
    near = (TONGZI[0] + 0.005, TONGZI[1])
    rows = [roster_row("A1", at=TONGZI), roster_row("A2", at=near)]
    path = write_scenario(tmp_path / "scn", rows)
    first, later = tmp_path / "first", tmp_path / "later"
    common = ["--ledger", str(tmp_path / "l.sqlite"), "--workers", "1"]
    assert run(["plan", str(path), "--out", str(first), *common]) == 0
    (bus,) = json.loads((first / "plan.json").read_text(encoding="utf-8"))["routes"]
    (stop,) = (s for s in bus["stops"] if s["kind"] == "pickup")
    assert sorted(stop["worker_ids"]) == ["A1", "A2"]
    assert (stop["lat"], stop["lon"]) == TONGZI
    write_roster(
        path.parent / "roster.csv",
        [
            roster_row(w, at=at, health_code="黄" if w == yellow else "绿")
            for w, at in zip(("A1", "A2"), (TONGZI, near), strict=True)
        ],
    )
    edits = tmp_path / "edits.csv"
    edits.write_text(f"action,point_id\nclose,{stop['point_id']}\n", encoding="utf-8")
    assert run(["replan", str(first), "--out", str(later), "--edits", str(edits), *common]) == 0
    plan: dict[str, Any] = json.loads((later / "plan.json").read_text(encoding="utf-8"))
    assert stop["point_id"] not in {s["point_id"] for r in plan["routes"] for s in r["stops"]}
    assert check_plan(load_plan(later)) == []
    return {**plan, "closed_point": stop["point_id"], "later": str(later)}


def test_a_rider_of_a_closed_stop_bound_for_quarantine_without_a_bed_is_planned_as_a_newcomer(
    tmp_path: Path,
) -> None:
    """A rider of a closed stop bound for quarantine with no bed yet joins no
    kept stop (their bed is reserved later): they were left out, told that
    no stop within the radius had a free seat, which was not why.  Now they
    get a new stop and a bus to a bed, as a late addition would; the rider
    going to work is left out with the reason that is true of them."""
    plan = _yellow_at_a_closed_stop(tmp_path, "A2")
    assert "A2" in where(plan)
    assert "A2" in {b["worker_id"] for b in plan["dormitory_allocation"]}
    reasons = {u["worker_id"]: u["reason_text"]["key"] for u in plan["unassigned"]}
    assert reasons == {"A1": "stop_closed"}


def test_a_rider_of_a_closed_stop_whose_new_stop_would_be_the_closed_one_is_told_so(
    tmp_path: Path,
) -> None:
    """The same rider living where the closed stop stood would get a new stop
    there (of them alone, even under the closed stop's id): they are left
    out, told why and what to do, and stay so in the next re-plan."""
    plan = _yellow_at_a_closed_stop(tmp_path, "A1")
    assert "A1" not in where(plan)
    reasons = {u["worker_id"]: u["reason_text"]["key"] for u in plan["unassigned"]}
    assert reasons["A1"] == "stop_closed_bedless"
    said = {u["worker_id"]: u["reason"] for u in plan["unassigned"]}["A1"]
    assert "no bed yet" in said and "where the closed one did" in said and "move" in said
    again = tmp_path / "again"
    common = ["--ledger", str(tmp_path / "l.sqlite"), "--workers", "1"]
    assert run(["replan", plan["later"], "--out", str(again), *common]) == 0
    after = json.loads((again / "plan.json").read_text(encoding="utf-8"))
    reasons = {u["worker_id"]: u["reason_text"]["key"] for u in after["unassigned"]}
    assert reasons["A1"] == "stop_closed_bedless"


def _stops_one_would_do(
    plan: dict[str, Any], homes: dict[str, tuple[float, float]], radius_m: float
) -> list[tuple[str, str, str]]:
    """(bus, rider, stop) for each rider of ``homes`` boarding a bus at one
    stop who could board it at another: that stop's riders get off where
    they do, and it stands within the pickup radius of their home.  The bus
    then calls twice at one place (two stops on the driver's sheet, two
    markers on the map)."""
    from returnbus.travel import great_circle_km

    found = []
    for route in plan["routes"]:
        off = {
            w: d["point_id"]
            for d in route["stops"]
            if d["kind"] == "dropoff"
            for w in d["worker_ids"]
        }
        pickups = [s for s in route["stops"] if s["kind"] == "pickup"]
        for a in pickups:
            sites = {off[w] for w in a["worker_ids"]}
            for b in pickups:
                for w in b["worker_ids"] if b is not a else ():
                    if w not in homes:
                        continue
                    km = float(great_circle_km(*homes[w], a["lat"], a["lon"]))
                    if off[w] in sites and km * 1000 <= radius_m:
                        found.append((route["bus_id"], w, a["point_id"]))
    return found


def test_late_riders_at_the_stops_of_a_synthetic_batch_board_there_when_they_may(
    planned: PlannedBatch, tmp_path: Path
) -> None:
    """Late riders living where a bus of the session batch with a free seat
    makes its first stop, one bound for quarantine (no bed yet) at each bus
    to the dormitories and one going to the stop's employer at each other:
    none boards their bus at a stop of their own where one it makes would
    do, and the re-plan passes verify."""
    plan = planned.plan
    employer = {w["worker_id"]: w["employer"] for w in plan["workers"]}
    bound = set(plan["quarantine_required"])
    rows, homes = [], {}
    for k, route in enumerate(sorted(plan["routes"], key=lambda r: r["bus_id"])):
        stop = route["stops"][0]
        if route["riders"] < route["capacity_effective"]:
            homes[f"LATE{k}"] = at = (stop["lat"], stop["lon"])
            first = stop["worker_ids"][0]
            risk = "高" if first in bound else "低"
            rows.append(roster_row(f"LATE{k}", at=at, employer=employer[first], origin_risk=risk))
    assert any(r["origin_risk"] == "高" for r in rows) and any(
        r["origin_risk"] == "低" for r in rows
    )
    late, later = write_roster(tmp_path / "late.csv", rows), tmp_path / "later"
    args = ["--out", str(later), "--add", str(late), "--ledger", str(tmp_path / "l.sqlite")]
    assert run(["replan", str(planned.out), *args, "--time-limit", "3"]) == 0
    after = json.loads((later / "plan.json").read_text(encoding="utf-8"))
    assert set(homes) <= set(where(after))
    radius = after["settings"]["pickup_radius_m"]
    assert _stops_one_would_do(after, homes, radius) == []
    assert run(["verify", str(later)]) == 0


@pytest.mark.parametrize("lock", [False, True])
def test_a_late_rider_bound_for_quarantine_at_a_kept_stop_joins_it_once_their_bed_is_there(
    tmp_path: Path, lock: bool
) -> None:
    """A late rider bound for quarantine living where a bus to the
    dormitories stops joins no stop before their bed is reserved; once it
    was, in the dormitory that bus goes to, they got a new stop at the very
    place of the old one, on that bus: two stop ids, two dwells on the
    driver's sheet, two markers on the map.  They now board at the stop
    there, at its time.  A locked bus keeps its stops, riders and times:
    the late rider gets a bus of their own."""
    here = (TONGZI[0] + 0.05, TONGZI[1])
    homes = {"A1": TONGZI, "A2": TONGZI, "Q1": here, "Q2": here, "L1": here}
    rows = [
        roster_row(w, at=at, origin_risk="高" if w.startswith("Q") else "低")
        for w, at in homes.items()
        if w != "L1"
    ]
    path = write_scenario(tmp_path / "scn", rows)
    first, later = tmp_path / "first", tmp_path / "later"
    common = ["--ledger", str(tmp_path / "l.sqlite"), "--workers", "1"]
    assert run(["plan", str(path), "--out", str(first), *common]) == 0
    earlier = json.loads((first / "plan.json").read_text(encoding="utf-8"))
    bus, stop, time = where(earlier)["Q1"]
    late = write_roster(tmp_path / "late.csv", [roster_row("L1", at=here, origin_risk="高")])
    args = ["--out", str(later), "--add", str(late), *common]
    if lock:
        edits = tmp_path / "edits.csv"
        edits.write_text(f"action,bus_id\nlock,{bus}\n", encoding="utf-8")
        args += ["--edits", str(edits)]
    assert run(["replan", str(first), *args]) == 0
    plan = json.loads((later / "plan.json").read_text(encoding="utf-8"))
    after = where(plan)
    assert after["Q1"] == after["Q2"] == (bus, stop, time)
    if lock:
        assert after["L1"][0] != bus

        def calls(plan: dict[str, Any]) -> list[tuple[str, str, list[str]]]:
            (route,) = (r for r in plan["routes"] if r["bus_id"] == bus)
            return [(s["point_id"], s["arrive_time"], s["worker_ids"]) for s in route["stops"]]

        assert calls(plan) == calls(earlier)
    else:
        assert after["L1"] == (bus, stop, time)
    assert _stops_one_would_do(plan, homes, 3000) == []
    assert run(["verify", str(later)]) == 0


def _stops_at(plan: dict[str, Any], place: tuple[float, float]) -> dict[str, list[str]]:
    """Riders of each pickup standing at ``place`` (to the micro-degree, as a
    point's id takes its place), by point id."""
    return {
        s["point_id"]: s["worker_ids"]
        for r in plan["routes"]
        for s in r["stops"]
        if s["kind"] == "pickup" and (round(s["lat"], 6), round(s["lon"], 6)) == place
    }


def test_riders_of_a_closed_stop_join_no_other_bus_stop_where_it_stood(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Three riders live at one place, buses seat two: one bus stops there
    for two of them, another for the third, with a seat free.  The desk
    closes the first stop (the road there is blocked): a rider of it joined
    the other bus's stop at the same place, the closure undone in effect.
    Now neither boards at the closed place; both are told the stop was
    closed, the closure is written down in plan.json, and verify passes.
    The other stop keeps its rider (the desk did not close it), and the
    desk is warned that it still picks up at the closed place."""
    fleet = 'id = "M4"\nseats = 4\ncount = 4\nfixed_cost = 500\ncost_per_km = 2'
    rows = [roster_row(f"A{k}", at=TONGZI) for k in range(3)]
    path = write_scenario(tmp_path / "scn", rows, fleet=fleet)
    first, later = tmp_path / "first", tmp_path / "later"
    common = ["--ledger", str(tmp_path / "l.sqlite"), "--workers", "1"]
    assert run(["plan", str(path), "--out", str(first), *common]) == 0
    before = json.loads((first / "plan.json").read_text(encoding="utf-8"))
    riding = where(before)
    (closing,) = {riding[w][1] for w in riding if len(_stops_at(before, TONGZI)[riding[w][1]]) == 2}
    (other,) = set(_stops_at(before, TONGZI)) - {closing}
    assert {riding[w][0] for w in riding if riding[w][1] == other} != {
        riding[w][0] for w in riding if riding[w][1] == closing
    }
    edits = tmp_path / "edits.csv"
    edits.write_text(f"action,point_id\nclose,{closing}\n", encoding="utf-8")
    capsys.readouterr()
    args = ["--out", str(later), "--edits", str(edits), "--lang", "en", *common]
    assert run(["replan", str(first), *args]) == 0
    said = " ".join(capsys.readouterr().err.split())
    (bus,) = {riding[w][0] for w in riding if riding[w][1] == other}
    assert f"Stop {closing} is closed, but 1 other stop stands at the same place" in said
    assert f"{other} ({bus}). Close it too" in said
    plan = json.loads((later / "plan.json").read_text(encoding="utf-8"))
    assert _stops_at(plan, TONGZI) == {other: _stops_at(before, TONGZI)[other]}
    closed_riders = {w for w in riding if riding[w][1] == closing}
    at_place = {w for ids in _stops_at(plan, TONGZI).values() for w in ids}
    assert not at_place & closed_riders
    reasons = {u["worker_id"]: u["reason_text"]["key"] for u in plan["unassigned"]}
    assert {w: reasons.get(w) for w in closed_riders} == dict.fromkeys(closed_riders, "stop_closed")
    assert plan["closed_stops"] == [{"point_id": closing, "lat": TONGZI[0], "lon": TONGZI[1]}]
    assert run(["verify", str(later)]) == 0


@pytest.mark.parametrize("closed_before", [False, True])
def test_a_move_onto_a_stop_standing_where_one_was_closed_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], closed_before: bool
) -> None:
    """Three riders live at one place, buses seat two: one bus stops there
    for two, another for the third.  The desk closes the first stop (in
    this re-plan's edits, or an earlier re-plan's) and moves a rider of it
    onto the other bus: they boarded at that bus's stop at the closed place,
    the closure undone for them.  Now the move is refused, exit 2, naming
    the edits file, the move's row and column, the stop and what to do; no
    plan is written."""
    fleet = 'id = "M4"\nseats = 4\ncount = 4\nfixed_cost = 500\ncost_per_km = 2'
    rows = [roster_row(f"A{k}", at=TONGZI) for k in range(3)]
    path = write_scenario(tmp_path / "scn", rows, fleet=fleet)
    first, closed, later = tmp_path / "first", tmp_path / "closed", tmp_path / "later"
    common = ["--ledger", str(tmp_path / "l.sqlite"), "--workers", "1", "--lang", "en"]
    assert run(["plan", str(path), "--out", str(first), *common]) == 0
    before = json.loads((first / "plan.json").read_text(encoding="utf-8"))
    riding = where(before)
    stops = _stops_at(before, TONGZI)
    (closing,) = {p for p, ids in stops.items() if len(ids) == 2}
    (other,) = set(stops) - {closing}
    mover = stops[closing][0]
    (bus,) = {riding[w][0] for w in stops[other]}
    edits = tmp_path / "edits.csv"
    header = "action,worker_id,bus_id,point_id\n"
    if closed_before:
        edits.write_text(f"{header}close,,,{closing}\n", encoding="utf-8")
        args = ["--out", str(closed), "--edits", str(edits), *common]
        assert run(["replan", str(first), *args]) == 0
        first = closed
    close = "" if closed_before else f"close,,,{closing}\n"
    edits.write_text(f"{header}{close}move,{mover},{bus},\n", encoding="utf-8")
    capsys.readouterr()
    args = ["--out", str(later), "--edits", str(edits), *common]
    assert run(["replan", str(first), *args]) == 2
    said = " ".join(capsys.readouterr().err.split())
    row = 2 if closed_before else 3
    assert f"{edits}, row {row}, column 'bus_id'" in said
    assert f"at its stop {other}, which stands where stop {closing} was closed" in said
    assert "what to do: a moved worker boards at the bus's stop nearest their home" in said
    assert not later.exists()


def test_a_move_onto_a_full_bus_is_refused_naming_the_bus_column_as_the_file_heads_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Three riders at one place, buses seating two: the desk moves the lone
    rider onto the full bus.  The refusal names the edits file, the row and
    the bus column as the file heads it (车号), where the bus to change is;
    it named no column."""
    fleet = 'id = "M4"\nseats = 4\ncount = 4\nfixed_cost = 500\ncost_per_km = 2'
    rows = [roster_row(f"A{k}", at=TONGZI) for k in range(3)]
    path = write_scenario(tmp_path / "scn", rows, fleet=fleet)
    common = ["--ledger", str(tmp_path / "l.sqlite"), "--workers", "1"]
    assert run(["plan", str(path), "--out", str(tmp_path / "a"), *common]) == 0
    riding = where(json.loads((tmp_path / "a" / "plan.json").read_text(encoding="utf-8")))
    riders_of: dict[str, list[str]] = {}
    for worker, (bus, _, _) in riding.items():
        riders_of.setdefault(bus, []).append(worker)
    (full,) = (b for b, ids in riders_of.items() if len(ids) == 2)
    ((alone,),) = (ids for ids in riders_of.values() if len(ids) == 1)
    edits = tmp_path / "edits.csv"
    edits.write_text(f"操作,工号,车号\n移动,{alone},{full}\n", encoding="utf-8")
    capsys.readouterr()
    args = ["--out", str(tmp_path / "b"), "--edits", str(edits), *common]
    assert run(["replan", str(tmp_path / "a"), *args]) == 2
    said = "".join(capsys.readouterr().err.split())
    assert f"错误：文件{edits}，第2行，列“车号”：车辆{full}没有空座给员工{alone}" in said, said
    assert not (tmp_path / "b").exists()


def test_a_rider_bound_for_quarantine_joins_no_stop_where_one_was_closed_once_bedded(
    tmp_path: Path,
) -> None:
    """A stop for two riders going to work is closed where a bus to the
    dormitories also stops; a late rider bound for quarantine living 1 km
    away, with no bed yet, joined that bus's stop at the closed place once
    their bed was reserved.  Now they board elsewhere, and only the rider
    who boarded there before still does."""
    near = (TONGZI[0] + 0.01, TONGZI[1])
    rows = [roster_row(f"A{k}", at=TONGZI) for k in range(2)]
    rows.append(roster_row("Q0", at=TONGZI, origin_risk="高"))
    path = write_scenario(tmp_path / "scn", rows)
    first, later = tmp_path / "first", tmp_path / "later"
    common = ["--ledger", str(tmp_path / "l.sqlite"), "--workers", "1"]
    assert run(["plan", str(path), "--out", str(first), *common]) == 0
    riding = where(json.loads((first / "plan.json").read_text(encoding="utf-8")))
    assert riding["A0"][1] == riding["A1"][1] != riding["Q0"][1]
    late = write_roster(tmp_path / "late.csv", [roster_row("L1", at=near, origin_risk="高")])
    edits = tmp_path / "edits.csv"
    edits.write_text(f"action,point_id\nclose,{riding['A0'][1]}\n", encoding="utf-8")
    args = ["--out", str(later), "--add", str(late), "--edits", str(edits), *common]
    assert run(["replan", str(first), *args]) == 0
    plan = json.loads((later / "plan.json").read_text(encoding="utf-8"))
    assert "L1" in where(plan) and "L1" in {b["worker_id"] for b in plan["dormitory_allocation"]}
    assert {w for ids in _stops_at(plan, TONGZI).values() for w in ids} == {"Q0"}
    assert run(["verify", str(later)]) == 0


def test_a_closed_stop_stays_closed_to_newcomers_in_later_re_plans(tmp_path: Path) -> None:
    """A stop closed in one re-plan was remembered only through its riders
    held out: a late rider of the next re-plan living there got a new stop
    at the closed place.  Now the closure is kept in plan.json from re-plan
    to re-plan: that rider is left out, told why and what to do, and in the
    re-plan after, tried again, rides from a new stop a later rider living
    1 km away founds; nobody boards at the closed place."""
    near = (TONGZI[0] + 0.01, TONGZI[1])
    path = write_scenario(tmp_path / "scn", [roster_row(f"A{k}", at=TONGZI) for k in range(2)])
    folders = [tmp_path / name for name in ("plan", "closed", "added", "again")]
    common = ["--ledger", str(tmp_path / "l.sqlite"), "--workers", "1", "--lang", "en"]
    assert run(["plan", str(path), "--out", str(folders[0]), *common]) == 0
    stop = where(json.loads((folders[0] / "plan.json").read_text(encoding="utf-8")))["A0"][1]
    edits = tmp_path / "edits.csv"
    edits.write_text(f"action,point_id\nclose,{stop}\n", encoding="utf-8")
    args = ["--out", str(folders[1]), "--edits", str(edits), *common]
    assert run(["replan", str(folders[0]), *args]) == 0
    late = write_roster(tmp_path / "late.csv", [roster_row("L1", at=TONGZI)])
    args = ["--out", str(folders[2]), "--add", str(late), *common]
    assert run(["replan", str(folders[1]), *args]) == 0
    plan = json.loads((folders[2] / "plan.json").read_text(encoding="utf-8"))
    assert _stops_at(plan, TONGZI) == {}
    reasons = {u["worker_id"]: u for u in plan["unassigned"]}
    assert reasons["L1"]["reason_text"]["key"] == "home_at_closed_stop"
    assert "closed" in reasons["L1"]["reason"] and "move" in reasons["L1"]["reason"]
    assert run(["verify", str(folders[2])]) == 0
    nearby = write_roster(tmp_path / "near.csv", [roster_row("L2", at=near)])
    args = ["--out", str(folders[3]), "--add", str(nearby), *common]
    assert run(["replan", str(folders[2]), *args]) == 0
    plan = json.loads((folders[3] / "plan.json").read_text(encoding="utf-8"))
    after = where(plan)
    assert after["L1"][1] == after["L2"][1] and _stops_at(plan, TONGZI) == {}
    assert [c["point_id"] for c in plan["closed_stops"]] == [stop]
    assert run(["verify", str(folders[3])]) == 0


def test_a_rider_of_a_closed_stop_bound_for_quarantine_joins_a_stop_near_home_once_bedded(
    tmp_path: Path,
) -> None:
    """A rider of a closed stop turned yellow, with no bed yet, was given a
    stop of their own at their home, on the bus to the dormitories whose
    stop stands within the pickup radius of it: the bus called at both.
    Once their bed is reserved where that bus goes, they board at its stop,
    at its time; the rider going to work stays out (no stop near)."""
    near, here = (TONGZI[0] + 0.025, TONGZI[1]), (TONGZI[0] + 0.05, TONGZI[1])
    homes = {"A1": TONGZI, "A2": near, "Q1": here, "Q2": here}
    rows = [
        roster_row(w, at=at, origin_risk="高" if w.startswith("Q") else "低")
        for w, at in homes.items()
    ]
    path = write_scenario(tmp_path / "scn", rows)
    first, later = tmp_path / "first", tmp_path / "later"
    common = ["--ledger", str(tmp_path / "l.sqlite"), "--workers", "1"]
    assert run(["plan", str(path), "--out", str(first), *common]) == 0
    before = json.loads((first / "plan.json").read_text(encoding="utf-8"))
    riding = where(before)
    assert riding["A1"][1] == riding["A2"][1] != riding["Q1"][1]
    rows[1] = roster_row("A2", at=near, health_code="黄")
    write_roster(path.parent / "roster.csv", rows)
    edits = tmp_path / "edits.csv"
    edits.write_text(f"action,point_id\nclose,{riding['A1'][1]}\n", encoding="utf-8")
    assert run(["replan", str(first), "--out", str(later), "--edits", str(edits), *common]) == 0
    plan = json.loads((later / "plan.json").read_text(encoding="utf-8"))
    after = where(plan)
    assert after["A2"] == after["Q1"] == riding["Q1"]
    assert {u["worker_id"]: u["reason_text"]["key"] for u in plan["unassigned"]} == {
        "A1": "stop_closed"
    }
    assert _stops_one_would_do(plan, homes, 3000) == []
    assert run(["verify", str(later)]) == 0


def test_an_unlock_of_a_bus_not_locked_is_warned_of_naming_the_bus_and_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unlock naming a bus neither locked nor announced changes nothing,
    and a mistyped id leaves the bus meant locked: it was accepted without a
    word.  Now it is warned of, with the bus and the edit's row; an unlock
    of a locked bus is not."""
    rows = [roster_row(f"A{k}", at=TONGZI) for k in range(3)]
    path = write_scenario(tmp_path / "scn", rows)
    common = ["--ledger", str(tmp_path / "l.sqlite"), "--workers", "1"]
    first, locked, unlocked = tmp_path / "first", tmp_path / "locked", tmp_path / "unlocked"
    assert run(["plan", str(path), "--out", str(first), *common]) == 0
    (bus,) = json.loads((first / "plan.json").read_text(encoding="utf-8"))["routes"]
    edits = tmp_path / "edits.csv"
    edits.write_text(f"action,bus_id\nunlock,{bus['bus_id']}\n", encoding="utf-8")
    capsys.readouterr()
    args = ["replan", str(first), "--out", str(locked), "--edits", str(edits), "--lang", "en"]
    assert run([*args, *common]) == 0
    said = " ".join(capsys.readouterr().err.split())
    assert f"row 2: bus {bus['bus_id']} was not locked" in said and "changed nothing" in said
    edits.write_text(f"action,bus_id\nlock,{bus['bus_id']}\n", encoding="utf-8")
    assert (
        run(["replan", str(locked), "--out", str(tmp_path / "x"), "--edits", str(edits), *common])
        == 0
    )
    edits.write_text(f"action,bus_id\nunlock,{bus['bus_id']}\n", encoding="utf-8")
    capsys.readouterr()
    args = ["replan", str(tmp_path / "x"), "--out", str(unlocked), "--edits", str(edits)]
    assert run([*args, "--lang", "en", *common]) == 0
    said = " ".join(capsys.readouterr().err.split())
    assert "Edits, row 2" not in said and "was not locked" not in said


def test_a_worker_both_added_and_dropped_in_one_re_plan_is_said_to_be_dropped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A worker in this re-plan's late roster and on its drop list was
    dropped without a word. It is now warned of, with the drop list's row,
    and treated as dropped; a worker a late roster added in an earlier
    re-plan and dropped now is a drop-out as any other, not warned of."""
    path = write_scenario(tmp_path / "in", [roster_row(f"A{k}", at=TONGZI) for k in range(3)])
    ledger = ["--ledger", str(tmp_path / "l.sqlite"), "--workers", "1", "--lang", "en"]
    assert run(["plan", str(path), "--out", str(tmp_path / "a"), *ledger]) == 0
    late = write_roster(tmp_path / "late.csv", [roster_row(f"L{k}", at=TONGZI) for k in range(3)])
    drop = tmp_path / "drop.csv"
    drop.write_text("工号\nA1\nL1\nL2\n", encoding="utf-8")
    capsys.readouterr()
    args = ["--out", str(tmp_path / "b"), "--add", str(late), "--drop", str(drop), *ledger]
    assert run(["replan", str(tmp_path / "a"), *args]) == 0
    said = " ".join(capsys.readouterr().err.split())
    assert f"{drop}, rows 3, 4: also added by the late roster {late}" in said, said
    assert "treated as dropped out (no seat): L1, L2" in said
    assert "worker(s)" not in said and "take off the drop list whoever of them" in said, said
    plan = json.loads((tmp_path / "b" / "plan.json").read_text(encoding="utf-8"))
    out = {u["worker_id"] for u in plan["unassigned"] if u["stage"] == "dropped"}
    assert out == {"A1", "L1", "L2"}
    drop.write_text("工号\nL0\n", encoding="utf-8")
    args = ["--out", str(tmp_path / "c"), "--add", str(late), "--drop", str(drop), *ledger]
    assert run(["replan", str(tmp_path / "b"), *args]) == 0
    assert "also added by the late roster" not in " ".join(capsys.readouterr().err.split())


def test_moving_a_worker_on_no_bus_says_why_and_how_to_seat_them(planned: PlannedBatch) -> None:
    """A move of a worker the earlier plan seats on no bus was told "not a bus
    rider" with the general hint (check the ids, change each once).  Now the
    message says why they ride no bus, and the hint how to seat them: --add
    for a worker the roster lacks, 包车 for a self-returner, the reason in
    unassigned.csv for one turned away."""
    from returnbus.domain import Edit
    from returnbus.errors import InputError
    from returnbus.replan import replan_batch

    previous, batch = _previous_and_batch(planned)
    bus = previous.routes[0].bus_id
    turned = sorted({u.worker_id for u in batch.turned_away} & {w.id for w in batch.workers})
    assert batch.self_return and turned  # the session batch has both
    cases = [  # English names the travel mode's English word, the Chinese beside it
        ("NOBODY9", "edit_move_not_rider", "--add", "--add"),
        (batch.self_return[0].id, "edit_move_self_return", "包车", "bus (包车)"),
        (turned[0], "edit_move_turned_away", "unassigned.csv", "unassigned.csv"),
    ]
    for worker_id, key, words, english in cases:
        edit = Edit(action="move", worker_id=worker_id, bus_id=bus, row=2)
        with pytest.raises(InputError) as refused:
            replan_batch(previous, batch, previous.settings, edits=[edit])
        message, hint = refused.value.message, refused.value.hint
        assert getattr(message, "key", "") == key and refused.value.row == 2
        assert getattr(hint, "key", "") == f"{key}_action"
        assert words in refused.value.said("zh") and english in refused.value.said("en")


def test_an_edit_id_differing_only_in_case_or_width_is_refused_naming_the_id_meant(
    planned: PlannedBatch,
) -> None:
    """An edit naming ``b93b19b`` for bus ``B93b19b`` (a point, a worker
    likewise) stopped with "not in the earlier plan" and the general hint.
    It is still refused, never matched, but the hint names the one id it
    differs from only in letter case, width or surrounding spaces.  The hint
    says letter case only: an edits file's ids are read half-width and
    trimmed (tests/io/test_changes.py), so no other difference reaches it."""
    from returnbus.domain import Edit
    from returnbus.errors import InputError
    from returnbus.replan import replan_batch

    previous, batch = _previous_and_batch(planned)
    route = previous.routes[0]
    point, rider = route.stops[0].point_id, route.worker_ids[0]
    wide = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in route.bus_id.lower())
    cases = [
        (Edit(action="move", worker_id=rider, bus_id=route.bus_id.swapcase(), row=2), route.bus_id),
        (Edit(action="lock", bus_id=f" {wide}\u3000", row=3), route.bus_id),
        (Edit(action="close", point_id=point.lower(), row=4), point),
        (Edit(action="move", worker_id=rider.lower(), bus_id=route.bus_id, row=5), rider),
        (Edit(action="restore", worker_id=f" {rider.lower()} ", row=6), rider),
    ]
    for edit, meant in cases:
        with pytest.raises(InputError) as refused:
            replan_batch(previous, batch, previous.settings, edits=[edit])
        assert refused.value.row == edit.row
        hint = refused.value.hint
        assert getattr(hint, "key", "") == "edit_id_meant_action", (edit, hint)
        assert getattr(hint, "args", {})["meant"] == meant
        english, chinese = refused.value.said("en"), refused.value.said("zh")
        assert "only in letter case, and ids are matched exactly" in english, english
        assert "仅大小写不同，而编号须完全一致" in chinese, chinese
    # An id like none of them keeps the general hint.
    with pytest.raises(InputError) as refused:
        replan_batch(previous, batch, previous.settings, edits=[Edit(action="lock", bus_id="X")])
    assert getattr(refused.value.hint, "key", "") == "edit_problem_action"


def test_an_edit_worker_id_typed_as_its_number_alone_is_refused_naming_the_id_meant(
    planned: PlannedBatch,
) -> None:
    """A move or restore naming ``204`` for worker ``W00204`` (Excel dropped
    the prefix, or the desk typed the number) got the general hint.  Still
    refused, never matched, the hint names the one worker id ending in that
    number, leading zeros aside; a bus's id typed as a number is no count."""
    from returnbus.domain import Edit
    from returnbus.errors import InputError
    from returnbus.replan import replan_batch

    previous, batch = _previous_and_batch(planned)
    route = previous.routes[0]
    rider = route.worker_ids[0]
    number = rider.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ").lstrip("0")
    assert number and number != rider, rider
    cases = [
        Edit(action="move", worker_id=number, bus_id=route.bus_id, row=2),
        Edit(action="restore", worker_id=f"0{number}", row=3),
    ]
    for edit in cases:
        with pytest.raises(InputError) as refused:
            replan_batch(previous, batch, previous.settings, edits=[edit])
        hint = refused.value.hint
        assert getattr(hint, "key", "") == "edit_number_meant_action", (edit, hint)
        assert getattr(hint, "args", {})["meant"] == rider
        assert f"'{edit.worker_id}' is only the number it ends in" in refused.value.said("en")
        assert f"是否指“{rider}”" in refused.value.said("zh")
    with pytest.raises(InputError) as refused:
        replan_batch(previous, batch, previous.settings, edits=[Edit(action="lock", bus_id="1")])
    assert getattr(refused.value.hint, "key", "") == "edit_problem_action"


@pytest.mark.parametrize("option", ["--add", "--scenario", "--drop", "--edits"])
@pytest.mark.parametrize("kind", ["device", "pipe", "folder"])
def test_a_replan_file_that_is_no_file_is_said_to_be_one(
    planned: PlannedBatch,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    option: str,
    kind: str,
) -> None:
    """--add /dev/null (a pipe, a folder) was "it is not here: re-plans read
    it again", --scenario "the scenario of the earlier plan is not there",
    --drop and --edits "file not found": each is said to be what it is."""
    path = no_file_at(tmp_path, kind, monkeypatch, "given.csv")
    out = tmp_path / "out"
    args = ["replan", str(planned.out), "--out", str(out), option, str(path), "--lang", "en"]
    assert run(args) == 2
    said = " ".join(capsys.readouterr().err.split())
    assert NO_FILE_SAID[kind][0] in said and "not here" not in said, said
    assert "not there" not in said and "not found" not in said and "what to do" in said
    assert not out.exists()


def test_an_edit_refused_for_its_id_names_the_column_as_the_file_heads_it(
    planned: PlannedBatch, tmp_path: Path
) -> None:
    """An unknown bus, stop or worker, or two edits that contradict, named
    the edits file and row but no column: the desk was left to find which of
    车号, 上车点 and 工号 to correct. It now names that column, as headed."""
    from returnbus.errors import InputError
    from returnbus.io.changes import read_edits
    from returnbus.replan import replan_batch

    previous, batch = _previous_and_batch(planned)
    bus = previous.routes[0].bus_id
    cases = [  # the edits, and the column refused
        ("锁定,,B0nosuch,\n", "车号"),
        ("关闭,,,P0nosuch\n", "上车点"),
        ("移动,W0nosuch,B0nosuch,\n", "车号"),
        (f"移动,W0nosuch,{bus},\n", "工号"),
        (f"解锁,,{bus},\n锁定,,{bus},\n", "车号"),
        ("恢复,W0nosuch,,\n", "工号"),
    ]
    for case, column in cases:
        path = tmp_path / "edits.csv"
        path.write_text("操作,工号,车号,上车点\n" + case, encoding="utf-8")
        with pytest.raises(InputError) as refused:
            replan_batch(previous, batch, previous.settings, edits=read_edits(path))
        assert refused.value.column == column, (case, refused.value)
