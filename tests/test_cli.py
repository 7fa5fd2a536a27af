"""The command line: exit codes, messages, and the bundled sample."""

from __future__ import annotations

import filecmp
import json
from pathlib import Path

import pytest

from returnbus.cli import SAMPLE_SCENARIO, SAMPLE_SEED, SAMPLE_WORKERS, main

from .conftest import PlannedBatch
from .helpers import worker, write_scenario

REPO = Path(__file__).resolve().parents[1]


def run(args: list[str]) -> int:
    with pytest.raises(SystemExit) as done:
        main(args)
    code = done.value.code
    return code if isinstance(code, int) else 1


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
    from .helpers import TONGZI

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
