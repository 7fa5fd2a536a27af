"""The command line: exit codes, messages, and the bundled sample."""

from __future__ import annotations

import csv
import filecmp
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from returnbus.cli import SAMPLE_SCENARIO, SAMPLE_SEED, SAMPLE_WORKERS

from .helpers import TONGZI, PlannedBatch, run, worker, write_scenario

REPO = Path(__file__).resolve().parents[1]


def test_bad_settings_exit_2_naming_file_and_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bad value in scenario.toml exits 2 with the file, the key and no traceback."""
    path = write_scenario(tmp_path, [worker("A1")], rules="max_route_minutes = 0")
    assert run(["plan", str(path), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "scenario.toml" in err and "rules.max_route_minutes" in err
    assert "Traceback" not in err


def test_missing_roster_column_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A roster without a phone column exits 2 and names the column."""
    rows = [{k: v for k, v in worker("A1").items() if k != "phone"}]
    path = write_scenario(tmp_path, rows)
    assert run(["plan", str(path), "--out", str(tmp_path / "out")]) == 2
    assert "phone" in capsys.readouterr().err


def test_verify_accepts_a_good_plan_and_rejects_a_tampered_one(
    planned: PlannedBatch, tmp_path: Path
) -> None:
    """`returnbus verify` exits 0 on the planner's own output and 1 when a worker is doubled."""
    assert run(["verify", str(planned.out)]) == 0
    plan = planned.plan
    plan["self_return"].append(plan["routes"][0]["stops"][0]["worker_ids"][0])
    (tmp_path / "plan.json").write_text(json.dumps(plan), encoding="utf-8")
    assert run(["verify", str(tmp_path / "plan.json")]) == 1


def test_tiny_scenario_plans_end_to_end(tmp_path: Path) -> None:
    """Three neighbours in Tongzi ride one bus; the outputs name them all."""
    rows = [worker(f"A{i}", at=(TONGZI[0] + 0.001 * i, TONGZI[1])) for i in range(3)]
    path = write_scenario(tmp_path / "in", rows)
    assert run(["plan", str(path), "--out", str(tmp_path / "out")]) == 0
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert (summary["workers_on_bus"], summary["buses_used"], summary["workers_unassigned"]) == (
        3,
        1,
        0,
    )


def test_committed_sample_is_what_synth_makes(tmp_path: Path) -> None:
    """sample_data/jiangjin is exactly `returnbus synth` at the sample's size and seed."""
    assert (
        run(
            [
                "synth",
                "--workers",
                str(SAMPLE_WORKERS),
                "--seed",
                str(SAMPLE_SEED),
                "--out",
                str(tmp_path),
            ]
        )
        == 0
    )
    committed = REPO / SAMPLE_SCENARIO.parent
    names = sorted(p.name for p in committed.iterdir())
    assert names == sorted(p.name for p in tmp_path.iterdir())
    _, mismatch, errors = filecmp.cmpfiles(committed, tmp_path, names, shallow=False)
    assert not mismatch and not errors


def test_solve_vrplib_json_and_bad_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """solve-vrplib prints one JSON object with the fields; a bad file exits 2."""
    instance = tmp_path / "tiny.vrp"
    instance.write_text(
        "NAME : tiny\nTYPE : CVRP\nDIMENSION : 4\nEDGE_WEIGHT_TYPE : EUC_2D\nCAPACITY : 10\n"
        "NODE_COORD_SECTION\n1 0 0\n2 0 10\n3 10 0\n4 10 10\nDEMAND_SECTION\n1 0\n2 4\n3 4\n4 4\n"
        "DEPOT_SECTION\n1\n-1\nEOF\n",
        encoding="utf-8",
    )
    capsys.readouterr()
    assert run(["solve-vrplib", str(instance), "--time-limit", "0.5", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert {"instance", "cost", "vehicles", "feasible", "seconds", "routes"} <= set(result)
    assert result["feasible"] and sorted(c for r in result["routes"] for c in r) == [1, 2, 3]
    assert result["vehicles"] == 2
    (tmp_path / "junk.vrp").write_text("hello\n", encoding="utf-8")
    assert run(["solve-vrplib", str(tmp_path / "junk.vrp")]) == 2


def test_check_reports_rows_and_masks_personal_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`check` lists each problem with row and column, masks phones, and writes the CSV."""
    rows = [worker("A1"), worker("A2", phone="1381234567"), worker("A3", home_address="火星基地")]
    path = write_scenario(tmp_path, rows)
    report = tmp_path / "report.csv"
    assert (
        run(["check", str(tmp_path / "roster.csv"), "--scenario", str(path), "--out", str(report)])
        == 0
    )
    printed = capsys.readouterr().out
    assert "3 rows" in printed and "2 errors" in printed
    with report.open(encoding="utf-8-sig") as handle:
        issues = list(csv.DictReader(handle))
    assert [(i["row"], i["column"]) for i in issues] == [("3", "phone"), ("4", "home_address")]
    assert issues[0]["value"] == "138***4567"
    assert "1381234567" not in printed


def test_geocode_command_keeps_every_row_and_column(tmp_path: Path) -> None:
    """`geocode` on worker_id,home_address and extra columns writes every row, fields added."""
    source = tmp_path / "two.csv"
    source.write_text(
        "worker_id,home_address,note,纬度,经度\n"
        "1,贵州省遵义市桐梓县娄山关镇某村3组,keep me,,\n"
        "2,not an address,,,\n"
        "3,重庆市江津区,,29.3,106.2\n",
        encoding="utf-8",
    )
    for suffix in (".csv", ".xlsx"):
        target = tmp_path / f"out{suffix}"
        assert run(["geocode", str(source), "--out", str(target)]) == 0
        if suffix == ".csv":
            with target.open(encoding="utf-8-sig") as handle:
                rows = list(csv.DictReader(handle))
        else:
            book = load_workbook(target, read_only=True)
            sheet = book.worksheets[0]
            values = [
                ["" if v is None else str(v) for v in row]
                for row in sheet.iter_rows(values_only=True)
            ]
            rows = [dict(zip(values[0], row, strict=True)) for row in values[1:]]
        assert [r["worker_id"] for r in rows] == ["1", "2", "3"]
        assert rows[0]["note"] == "keep me"
        assert (rows[0]["precision"], rows[0]["division_code"]) == ("township", "520322001000")
        assert "娄山关街道" in rows[0]["division_name"]
        assert rows[1]["precision"] == "none" and rows[1]["lat"] == ""
        assert (rows[2]["precision"], rows[2]["lat"], rows[2]["lon"]) == (
            "exact",
            "29.300000",
            "106.200000",
        )
