"""The index-level problem."""

from __future__ import annotations

import numpy as np
import pytest

from returnbus.routing.problem import Problem, RouteVisits, VehicleKind, route_distance


def square(n: int) -> np.ndarray:
    return np.arange(n * n, dtype=np.int64).reshape(n, n)


def kind(**changes: int) -> VehicleKind:
    return VehicleKind(
        count=changes.get("count", 1),
        capacity=5,
        start_depot=changes.get("start", 0),
        end_depot=changes.get("end", 0),
    )


def test_shapes_and_depots_are_checked() -> None:
    """A matrix of the wrong shape, a negative distance or a missing depot is refused."""
    demand = np.zeros(3, dtype=np.int64)
    with pytest.raises(ValueError, match="distances"):
        Problem(
            distances=square(2),
            durations=square(3),
            num_depots=1,
            demand=demand,
            vehicle_kinds=(kind(),),
        )
    with pytest.raises(ValueError, match="must be in"):
        Problem(
            distances=-square(3),
            durations=square(3),
            num_depots=1,
            demand=demand,
            vehicle_kinds=(kind(),),
        )
    with pytest.raises(ValueError, match="depot"):
        Problem(
            distances=square(3),
            durations=square(3),
            num_depots=1,
            demand=demand,
            vehicle_kinds=(kind(end=2),),
        )


def test_route_distance_runs_from_start_to_end_depot() -> None:
    """Distance counts the legs from the kind's start depot, through the visits, to its end."""
    problem = Problem(
        distances=square(4),
        durations=square(4),
        num_depots=2,
        demand=np.array([0, 0, 1, 1], dtype=np.int64),
        vehicle_kinds=(kind(start=0, end=1),),
    )
    assert list(problem.clients) == [2, 3]
    # 0 -> 3 (3) -> 2 (14) -> 1 (9)
    assert route_distance(problem, RouteVisits(vehicle_kind=0, visits=(3, 2))) == 26
