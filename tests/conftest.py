"""Shared fixtures: one synthetic batch planned once per test session."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from returnbus.cli import main
from returnbus.geocode import OfflineGeocoder

SESSION_WORKERS = 250
SESSION_SEED = 7


@dataclass(frozen=True)
class PlannedBatch:
    """A synthetic scenario and the outputs ``returnbus plan`` wrote for it."""

    scenario: Path
    out: Path

    @property
    def plan(self) -> dict[str, Any]:
        return json.loads((self.out / "plan.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]

    @property
    def summary(self) -> dict[str, Any]:
        return json.loads((self.out / "summary.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]

    def roster_rows(self) -> list[dict[str, str]]:
        with (self.scenario.parent / "roster.csv").open(encoding="utf-8-sig") as handle:
            return list(csv.DictReader(handle))


@pytest.fixture(scope="session")
def geocoder() -> OfflineGeocoder:
    """One offline geocoder for the session (the index takes a moment to build)."""
    return OfflineGeocoder()


@pytest.fixture(scope="session")
def planned(tmp_path_factory: pytest.TempPathFactory) -> PlannedBatch:
    """A 250-worker synthetic batch, planned through the CLI with a short time limit."""
    root = tmp_path_factory.mktemp("batch")
    with pytest.raises(SystemExit) as done:
        main(
            [
                "synth",
                "--workers",
                str(SESSION_WORKERS),
                "--seed",
                str(SESSION_SEED),
                "--out",
                str(root / "in"),
            ]
        )
    assert done.value.code == 0
    with pytest.raises(SystemExit) as done:
        main(
            [
                "plan",
                str(root / "in" / "scenario.toml"),
                "--out",
                str(root / "out"),
                "--time-limit",
                "3",
            ]
        )
    assert done.value.code == 0
    return PlannedBatch(scenario=root / "in" / "scenario.toml", out=root / "out")
