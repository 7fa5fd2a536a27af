"""Repairs after the search: buses under their minimum riders."""

from __future__ import annotations

from dataclasses import replace

from returnbus.domain import LatLon

from .helpers import TONGZI, XISHUI, coach, point, rules, run


def test_min_riders_merges_a_small_bus_into_another() -> None:
    """A bus under the minimum is merged into a bus with room, not kept."""
    bus_rules = rules(min_riders=5)
    # Capacity forces two buses for a+b+c; the solver may leave one thin.
    result = run(
        [point("a", TONGZI, 8), point("b", LatLon(28.15, 106.85), 1), point("c", XISHUI, 2)],
        [coach(10)],
        bus_rules,
    )
    assert all(r.riders >= 5 for r in result.routes)
    assert sum(r.riders for r in result.routes) + sum(d.point.demand for d in result.dropped) == 11


def test_min_riders_moves_a_thin_load_to_a_smaller_bus() -> None:
    """A load under the coach's minimum goes on a free minibus whose minimum it meets."""
    coach_ = replace(coach(45, bus_id="COACH", fixed=1000), min_riders=10)
    minibus = replace(coach(19, bus_id="MINI", fixed=5000), min_riders=3)
    result = run([point("a", TONGZI, 4)], [coach_, minibus], rules(min_riders=10))
    assert [r.bus_type for r in result.routes] == ["MINI"] and not result.dropped


def test_min_riders_drops_with_reason_when_no_merge_fits() -> None:
    """A lone pickup below the minimum, too far to merge, is reported with the rule."""
    bus_rules = rules(min_riders=5)
    result = run([point("a", TONGZI, 2)], [coach(10)], bus_rules)
    assert not result.routes
    assert "minimum of 5" in result.dropped[0].reason
