"""Re-planning: drop-outs, additions and edits change as little as the rules allow."""

from __future__ import annotations

import csv
import json
import random
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from returnbus.checker import check_plan
from returnbus.io.plans import load_plan

from .helpers import PlannedBatch, run


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


def test_edits_move_close_and_refuse_what_does_not_exist(
    planned: PlannedBatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A moved worker rides the named bus; a closed stop is gone; an unknown bus stops with 2."""
    first, second = sorted(planned.plan["routes"], key=lambda r: r["bus_id"])[:2]
    mover = first["stops"][0]["worker_ids"][0]
    closed = second["stops"][0]["point_id"]
    edits = tmp_path / "edits.csv"
    edits.write_text(
        f"操作,工号,车号,上车点\n移动,{mover},{second['bus_id']},\n关闭,,,{closed}\n",
        encoding="utf-8",
    )
    out = tmp_path / "replan"
    common = ["--ledger", str(tmp_path / "l.sqlite")]
    assert run(["replan", str(planned.out), "--out", str(out), "--edits", str(edits), *common]) == 0
    plan = json.loads((out / "plan.json").read_text())
    assert where(plan)[mover][0] == second["bus_id"]
    assert closed not in {s["point_id"] for r in plan["routes"] for s in r["stops"]}
    edits.write_text("action,bus_id\nlock,B000000\n", encoding="utf-8")
    capsys.readouterr()
    assert run(["replan", str(planned.out), "--out", str(out), "--edits", str(edits), *common]) == 2
    assert "row 2" in capsys.readouterr().err


def test_late_additions_join_a_stop_with_free_seats(planned: PlannedBatch, tmp_path: Path) -> None:
    """Two late workers living at an existing stop, working where its bus
    stops, board there; everyone is accounted for."""

    def gates(route: dict[str, Any]) -> list[str]:
        return [
            s["point_id"].removeprefix("employer:")
            for s in route["stops"]
            if s["kind"] == "dropoff" and s["point_id"].startswith("employer:")
        ]

    route = max(
        (r for r in planned.plan["routes"] if gates(r)),
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
                "用工单位": gates(route)[0],
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
