"""Sub-searches on other processes and on a Dask cluster give the plan searched here."""

from __future__ import annotations

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
