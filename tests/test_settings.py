"""Settings composed of each stage's parameters."""

from __future__ import annotations

import dataclasses

import pytest

from returnbus.routing import BusRules
from returnbus.settings import IntakeSettings, Settings


def test_each_stage_owns_its_part_and_settings_are_frozen() -> None:
    """Settings hold one object per stage; changing one means building a new one."""
    settings = Settings()
    assert {f.name for f in dataclasses.fields(Settings)} == {
        "cluster",
        "seating",
        "rules",
        "travel",
        "solver",
        "quarantine",
        "replan",
        "output",
    }
    assert {f.name for f in dataclasses.fields(IntakeSettings)} == {"screening", "placement"}
    stricter = dataclasses.replace(settings, rules=BusRules(max_ride_minutes=300))
    assert stricter.rules.max_ride_seconds == 300 * 60 and settings.rules.max_ride_minutes == 600
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.rules = BusRules()  # type: ignore[misc]


def test_the_combined_pdf_is_written_up_to_300_buses_unless_said() -> None:
    """`[output] combined_pdf`: by default on for a batch, off for a district."""
    from returnbus.settings import OutputSettings

    assert OutputSettings().wants_combined_pdf(300)
    assert not OutputSettings().wants_combined_pdf(301)
    assert OutputSettings(combined_pdf=True).wants_combined_pdf(4000)
    assert not OutputSettings(combined_pdf=False).wants_combined_pdf(3)
