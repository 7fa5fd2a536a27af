"""Repairs after the search: buses under their minimum riders."""

from __future__ import annotations

from dataclasses import replace

from returnbus.domain import LatLon

from .helpers import TONGZI, XISHUI, coach, point, rules, run


def test_min_riders_merges_a_small_bus_into_another() -> None:
    """A bus under the minimum is merged into a bus with room, not kept; one
    that cannot be merged runs only when the rules allow, marked."""
    points = [point("a", TONGZI, 8), point("b", LatLon(28.15, 106.85), 1), point("c", XISHUI, 2)]
    # Capacity forces two buses for a+b+c; the solver may leave one thin.
    hard = run(points, [coach(10)], rules(min_riders=5, run_under_minimum=False))
    assert all(r.riders >= 5 for r in hard.routes)
    assert sum(r.riders for r in hard.routes) + sum(d.point.demand for d in hard.dropped) == 11
    soft = run(points, [coach(10)], rules(min_riders=5))
    assert sum(r.riders for r in soft.routes) == 11 and not soft.dropped
    assert all(r.under_minimum == (r.riders < 5) for r in soft.routes)
    assert sum(r.under_minimum for r in soft.routes) <= 1


def test_min_riders_moves_a_thin_load_to_a_smaller_bus() -> None:
    """A load under the coach's minimum goes on a free minibus whose minimum it meets."""
    coach_ = replace(coach(45, bus_id="COACH", fixed=1000), min_riders=10)
    minibus = replace(coach(19, bus_id="MINI", fixed=5000), min_riders=3)
    result = run([point("a", TONGZI, 4)], [coach_, minibus], rules(min_riders=10))
    assert [r.bus_type for r in result.routes] == ["MINI"] and not result.dropped


def test_min_riders_drops_with_reason_when_no_merge_fits() -> None:
    """A lone pickup below the minimum, too far to merge, is reported with the
    rule, or, when buses may run under their minimum, gets one, marked."""
    hard = run([point("a", TONGZI, 2)], [coach(10)], rules(min_riders=5, run_under_minimum=False))
    assert not hard.routes
    assert "minimum of 5" in hard.dropped[0].reason
    soft = run([point("a", TONGZI, 2)], [coach(10)], rules(min_riders=5))
    assert [(r.riders, r.under_minimum) for r in soft.routes] == [(2, True)]
