"""Homes -> pickup points."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from returnbus.cluster import ClusterParams, cluster_homes
from returnbus.domain import LatLon, Worker
from returnbus.travel import great_circle_km


def at(worker_id: str, lat: float, lon: float, group: str = "") -> Worker:
    return Worker(
        id=worker_id,
        row=1,
        name="x",
        home=LatLon(lat, lon),
        group=group,
        precision="exact",
        division_code="520322001000",
    )


def _distance_m(a: LatLon, b: LatLon) -> float:
    return 1000 * float(great_circle_km(a.lat, a.lon, b.lat, b.lon))


@settings(max_examples=30, deadline=None)
@given(
    st.integers(0, 10_000),
    st.integers(1, 120),
    st.integers(1, 30),
    st.sampled_from([500, 2000, 5000]),
)
def test_points_keep_radius_size_and_everyone(
    seed: int, n: int, max_size: int, radius: int
) -> None:
    """Homes lie within the radius of their point, no point is over size, nobody lost or doubled."""
    rng = random.Random(seed)
    workers = [at(f"w{i}", 28 + rng.uniform(0, 0.2), 106 + rng.uniform(0, 0.2)) for i in range(n)]
    result = cluster_homes(workers, ClusterParams(radius_m=radius), max_size=max_size)
    homes = {w.id: w.home for w in workers}
    placed = [w for p in result.points for w in p.worker_ids]
    assert sorted(placed) == sorted(homes)
    for point in result.points:
        assert point.demand <= max_size
        for w in point.worker_ids:
            home = homes[w]
            assert home is not None and _distance_m(home, point.location) <= radius + 1e-6


def test_a_crowded_township_splits_into_bus_sized_points() -> None:
    """Fifty workers geocoded to one township seat give points of at most the bus size."""
    workers = [at(f"w{i}", 28.1186, 106.8240) for i in range(50)]
    result = cluster_homes(workers, ClusterParams(radius_m=3000), max_size=22)
    assert sorted(p.demand for p in result.points) == [6, 22, 22]


def test_keep_together_group_is_never_split() -> None:
    """A family that lives a few km apart rides from one point."""
    workers = [
        at("a", 28.10, 106.80, "G1"),
        at("b", 28.13, 106.83, "G1"),
        at("c", 28.12, 106.81, "G1"),
    ]
    workers += [at(f"s{i}", 28.12, 106.81) for i in range(20)]
    result = cluster_homes(workers, ClusterParams(radius_m=1000), max_size=5)
    point_of = {w: p.id for p in result.points for w in p.worker_ids}
    assert point_of["a"] == point_of["b"] == point_of["c"]
    assert not result.unassigned


def test_group_bigger_than_any_bus_is_reported() -> None:
    """A group larger than the largest bus is unassigned with a reason, not split."""
    workers = [at(f"g{i}", 28.1, 106.8, "BIG") for i in range(6)] + [at("solo", 28.1, 106.8)]
    result = cluster_homes(workers, ClusterParams(radius_m=1000), max_size=5)
    assert {u.worker_id for u in result.unassigned} == {f"g{i}" for i in range(6)}
    assert all("split the group" in u.reason and u.stage == "cluster" for u in result.unassigned)
    assert [p.worker_ids for p in result.points] == [("solo",)]


def test_point_ids_come_from_place_and_riders_not_order() -> None:
    """The same homes in any order give the same points, ids led by the county code."""
    rng = random.Random(4)
    workers = [at(f"w{i}", 28 + rng.uniform(0, 0.3), 106 + rng.uniform(0, 0.3)) for i in range(60)]
    first = cluster_homes(workers, ClusterParams(radius_m=3000), max_size=10)
    second = cluster_homes(workers[::-1], ClusterParams(radius_m=3000), max_size=10)
    assert first == second
    ids = [p.id for p in first.points]
    assert len(set(ids)) == len(ids) and all(i.startswith("P520322-") for i in ids)
    moved = cluster_homes(workers[1:], ClusterParams(radius_m=3000), max_size=10)
    assert {p.id for p in moved.points} & set(ids), "points untouched by the change keep their ids"


def test_no_point_stands_at_a_barred_place() -> None:
    """Where the desk closed a stop, no point stands again: one living there
    joins a point within the radius founded by another, after every other
    home is placed, or is left ``barred`` (a group by its meeting place);
    nobody else is touched."""
    closed = (28.1186, 106.824)
    workers = [
        at("here1", *closed),
        at("here2", *closed),
        at("near", closed[0] + 0.01, closed[1]),  # 1.1 km
        at("far", closed[0] + 0.2, closed[1]),
    ]
    params = ClusterParams(radius_m=3000)
    free = cluster_homes(workers, params, max_size=10)
    assert {(round(p.location.lat, 6), round(p.location.lon, 6)) for p in free.points} >= {closed}
    result = cluster_homes(workers, params, max_size=10, barred={closed})
    point_of = {w: p for p in result.points for w in p.worker_ids}
    assert all((p.location.lat, p.location.lon) != closed for p in result.points)
    assert point_of["here1"] is point_of["here2"] is point_of["near"]
    assert point_of["near"].location == LatLon(closed[0] + 0.01, closed[1])
    assert not result.barred and not result.unassigned
    alone = cluster_homes(
        [at("here", *closed), at("g1", *closed, "G"), at("g2", 28.15, 106.824, "G"), workers[3]],
        params,
        max_size=10,
        barred={closed},
    )
    assert sorted(alone.barred) == ["g1", "g2", "here"]
    assert [p.worker_ids for p in alone.points] == [("far",)]
