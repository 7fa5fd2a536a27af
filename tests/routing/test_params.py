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


def test_a_sectors_search_budget_grows_with_its_pickups_within_its_bounds() -> None:
    """20 iterations a pickup, never under 1,000 nor over 1,500; a set number wins."""
    budgets = [SolverSettings().budget(n) for n in (1, 50, 60, 70, 75, 400)]
    assert budgets == [1_000, 1_000, 1_200, 1_400, 1_500, 1_500]
    assert SolverSettings(iterations=7).budget(400) == 7
