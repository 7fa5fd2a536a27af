"""Repairs after the search: buses under their minimum, and seats taken by ejection."""

from __future__ import annotations

from dataclasses import replace

from returnbus.domain import LatLon
from returnbus.routing.repair import merged_into

from .helpers import TONGZI, XISHUI, coach, planner, point, rules, run


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


def test_a_pickup_that_fits_no_bus_takes_a_seat_whose_rider_moves_on() -> None:
    """Neither bus has room for c's 3 riders, but c fits one in place of q,
    whose 2 riders fit the other: with ejection every pickup rides once,
    within the seats; without it, the merge fails."""
    bus = coach(10)
    sizes = {"a": 8, "b": 7, "q": 2, "c": 3}
    near = [LatLon(TONGZI.lat + 0.01 * k, TONGZI.lon) for k in range(len(sizes))]
    model = planner([bus], rules()).model(
        [point(name, near[k], riders) for k, (name, riders) in enumerate(sizes.items())]
    )
    trips = [(bus, [0]), (bus, [1, 2])]
    assert merged_into(model, [3], trips) is None
    merged = merged_into(model, [3], trips, eject=True)
    assert merged is not None
    assert sorted(i for _, seq in merged for i in seq) == [0, 1, 2, 3]
    assert all(model.feasible(b, seq) for b, seq in merged)
    assert sorted(sorted(seq) for _, seq in merged) == [[0, 2], [1, 3]]
