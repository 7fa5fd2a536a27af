"""Every output of a plan in one folder."""

from __future__ import annotations

import json
from pathlib import Path

from returnbus.io.scenario import load_scenario
from returnbus.pipeline import make_plan
from returnbus.render.outputs import write_outputs

from ..helpers import TONGZI, worker, write_scenario


def test_every_documented_output_is_written_for_the_same_plan(tmp_path: Path) -> None:
    """plan.json is the returned document; the lists, map and manifests name its buses."""
    rows = [worker(f"A{i}", at=TONGZI) for i in range(4)]
    plan = make_plan(load_scenario(write_scenario(tmp_path / "in", rows)))
    document = write_outputs(plan, tmp_path / "out")
    out = tmp_path / "out"
    assert json.loads((out / "plan.json").read_text(encoding="utf-8")) == json.loads(
        json.dumps(document)
    )
    assert json.loads((out / "summary.json").read_text(encoding="utf-8")) == document["summary"]
    (bus,) = [r.bus_id for r in plan.routes]
    assert (out / "manifests" / f"bus_{bus}.csv").is_file()
    assert (out / "manifests" / "manifests.xlsx").is_file()
    assert f'"id":"{bus}"' in (out / "map.html").read_text(encoding="utf-8")
    for name in ("unassigned.csv", "dormitory_allocation.csv"):
        assert (out / name).read_text(encoding="utf-8-sig").splitlines()[0].startswith("worker_id")
