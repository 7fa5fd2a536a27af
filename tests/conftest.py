"""Shared fixtures: the gazetteer, and one synthetic batch planned once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from returnbus.geo.gazetteer import Gazetteer
from returnbus.geo.geocode import OfflineGeocoder
from returnbus.io.gazetteer import load_gazetteer

from .helpers import PlannedBatch, run, write_synthetic

SESSION_WORKERS = 250
SESSION_SEED = 7


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    """The shipped gazetteer, read once."""
    return load_gazetteer()


@pytest.fixture(scope="session")
def geocoder(gazetteer: Gazetteer) -> OfflineGeocoder:
    """One offline geocoder for the session (the index takes a moment to build)."""
    return OfflineGeocoder(gazetteer)


@pytest.fixture(scope="session")
def planned(tmp_path_factory: pytest.TempPathFactory) -> PlannedBatch:
    """A 250-worker synthetic batch, planned through the CLI.  The search ends
    on its iteration budget (2 s), never on a time limit, so the plan every
    test reads is the same on a loaded machine as on an idle one."""
    root: Path = tmp_path_factory.mktemp("batch")
    scenario = write_synthetic(root / "in", workers=SESSION_WORKERS, seed=SESSION_SEED)
    assert run(["plan", str(scenario), "--out", str(root / "out")]) == 0
    return PlannedBatch(scenario=scenario, out=root / "out")
