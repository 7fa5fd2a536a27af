"""Sub-searches on other processes and on a Dask cluster give the plan searched here."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from returnbus.checker import check_plan
from returnbus.executors import dask_executor, process_pool
from returnbus.io.scenario import load_scenario
from returnbus.pipeline import plan_batch, prepare
from returnbus.plan import Plan
from returnbus.routing import sectors

from .helpers import write_synthetic


def _routes(plan: Plan) -> list[tuple[str, tuple[str, ...], str]]:
    return [(r.bus_id, r.worker_ids, r.depart.isoformat()) for r in plan.routes]


def test_a_local_dask_cluster_and_a_process_pool_give_the_plan_searched_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 150-worker batch in sectors of 20 pickups: the sectors searched in
    this process, in a pool of two processes, and on a local Dask cluster of
    two workers give the same routes, and the plan keeps every rule."""
    monkeypatch.setattr(sectors, "SECTOR_POINTS", 20)
    scenario = load_scenario(write_synthetic(tmp_path, workers=150, seed=5))
    batch = prepare(scenario)
    here = plan_batch(batch, scenario.settings)
    with process_pool(2) as pool:
        pooled = plan_batch(batch, scenario.settings, executor=pool)
    with dask_executor(None, 2) as executor:
        clustered = plan_batch(batch, scenario.settings, executor=executor)
    assert here.routes and _routes(here) == _routes(pooled) == _routes(clustered)
    assert check_plan(clustered) == []


def test_workbooks_written_in_a_pool_are_the_workbooks_written_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The papers' and lists' workbooks handed to a process pool hold what
    those written in this process hold, sheet by sheet, cell by cell."""
    from openpyxl import load_workbook

    from returnbus.render import outputs
    from returnbus.render.outputs import write_outputs

    monkeypatch.setattr(outputs, "POOLED_FROM_BUSES", 1)

    scenario = load_scenario(write_synthetic(tmp_path, workers=120, seed=3))
    plan = plan_batch(prepare(scenario), scenario.settings)
    write_outputs(plan, tmp_path / "here")
    with process_pool(2) as pool:
        write_outputs(plan, tmp_path / "pool", writers=pool)
    books = sorted(p.relative_to(tmp_path / "here") for p in (tmp_path / "here").rglob("*.xlsx"))
    assert len(books) >= 5 and books == sorted(
        p.relative_to(tmp_path / "pool") for p in (tmp_path / "pool").rglob("*.xlsx")
    )
    for book in books:
        here, pooled = (load_workbook(tmp_path / side / book) for side in ("here", "pool"))
        assert here.sheetnames == pooled.sheetnames
        for name in here.sheetnames:
            rows = list(here[name].iter_rows(values_only=True))
            assert rows and rows == list(pooled[name].iter_rows(values_only=True))


ORPHANING = """
import os, signal, sys, time
from returnbus.executors import process_pool

with process_pool(2) as pool:
    futures = [pool.submit(time.sleep, 0.5) for _ in range(4)]
    [f.result() for f in futures]
    print(" ".join(str(p) for p in pool._processes), flush=True)
    os.kill(os.getpid(), signal.SIGKILL)
"""


def test_the_pool_s_processes_end_when_the_planner_is_killed() -> None:
    """A planner killed mid-run leaves no pool process behind (they would
    hold its console open and its memory)."""
    killed = subprocess.run(
        [sys.executable, "-c", ORPHANING], capture_output=True, text=True, timeout=60
    )
    assert killed.returncode == -signal.SIGKILL
    workers = [int(pid) for pid in killed.stdout.split()]
    assert len(workers) == 2
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in workers)


def _alive(pid: int) -> bool:
    """Whether process ``pid`` runs (a zombie no longer does)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"
