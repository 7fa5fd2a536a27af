"""Domain objects."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta, timezone

import pytest

from returnbus.domain import LatLon, PickupPoint, Route, Stop

T0 = datetime(2020, 3, 17, 5, 0, tzinfo=timezone(timedelta(hours=8)))


def test_route_counts_riders_and_times() -> None:
    """Riders in boarding order; ride from the first pickup, duration from the depot."""
    stops = (
        Stop(
            seq=1,
            point_id="P1",
            location=LatLon(28, 106),
            arrive=T0 + timedelta(hours=3),
            worker_ids=("a", "b"),
        ),
        Stop(
            seq=2,
            point_id="P2",
            location=LatLon(28, 107),
            arrive=T0 + timedelta(hours=4),
            worker_ids=("c",),
        ),
    )
    route = Route(
        bus_id="B1",
        bus_type="C45",
        seats=45,
        capacity_effective=18,
        depot_id="d",
        depart=T0,
        stops=stops,
        end_location=LatLon(29, 106),
        end_arrive=T0 + timedelta(hours=9),
        distance_m=500_000,
        cost=1.0,
    )
    assert route.worker_ids == ("a", "b", "c") and route.riders == 3
    assert route.ride_seconds == 6 * 3600 and route.duration_seconds == 9 * 3600


def test_domain_objects_are_frozen() -> None:
    """A stage can never change what it was given."""
    point = PickupPoint(id="P", location=LatLon(28, 106), worker_ids=("a",))
    assert point.demand == 1
    with pytest.raises(dataclasses.FrozenInstanceError):
        point.id = "Q"  # type: ignore[misc]
