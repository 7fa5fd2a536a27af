"""Sectors by bearing: every pickup is some sector's own, and the overlap only widens."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from returnbus.domain import LatLon
from returnbus.routing.sectors import by_bearing, wedges
from returnbus.routing.trips import grown

from .helpers import HUB, TONGZI, XINYANG, XISHUI, coach, planner, point, rules

places = st.lists(
    st.tuples(st.floats(24.0, 34.0), st.floats(101.0, 111.0)), min_size=1, max_size=60
)


@settings(max_examples=60, deadline=None)
@given(places, st.integers(1, 12), st.floats(0.0, 30.0), st.none() | st.floats(0.0, 2.0))
def test_each_pickup_is_own_in_one_wedge_and_overlap_only_adds(
    at: list[tuple[float, float]], size: int, overlap: float, share: float | None
) -> None:
    locations = [LatLon(lat, lon) for lat, lon in at]
    items = list(range(len(at)))
    wide = wedges(locations, items, HUB.location, size=size, overlap=overlap, share=share)
    owned = [wedge[n] for wedge, own in wide for n in own]
    assert sorted(owned) == items
    plain = by_bearing(locations, items, HUB.location, size=size)
    assert [[wedge[n] for n in sorted(own)] for wedge, own in wide] == plain


def test_trips_are_grown_only_from_the_seeds_given() -> None:
    """Each grown trip starts from a seed: the neighbouring sector grows its own."""
    model = planner([coach(10)], rules()).model(
        [point("a", TONGZI, 2), point("b", XISHUI, 2), point("c", XINYANG, 2)]
    )
    every = grown(model, [0, 1, 2])
    from_one = grown(model, [0, 1, 2], seeds=[1])
    assert from_one and all(trip in every for trip in from_one)
    assert len(from_one) < len(every)
