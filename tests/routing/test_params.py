"""The routing stage's parameters."""

from __future__ import annotations

from returnbus.routing.params import BusRules, SolverSettings


def test_minutes_convert_to_seconds() -> None:
    """Caps are set in minutes and used in seconds."""
    rules = BusRules(max_ride_minutes=90, max_route_minutes=120, stop_minutes=7)
    assert (rules.max_ride_seconds, rules.max_route_seconds, rules.stop_seconds) == (
        5400,
        7200,
        420,
    )
    assert SolverSettings().iterations is None
