"""Benchmark instances solved with the engine."""

from __future__ import annotations

import time
from pathlib import Path

from returnbus.io.instances import read_instance
from returnbus.routing.instances import SOLOMON_SCALE, instance_problem, solve_instance

from ..io.test_instances import TINY_SOLOMON, TINY_VRP, write


def test_cvrplib_distances_round_to_the_nearest_integer(tmp_path: Path) -> None:
    """X instances: rounded Euclidean distances, cost in those units."""
    instance = read_instance(write(tmp_path, "tiny.vrp", TINY_VRP))
    problem, scale = instance_problem(instance)
    assert scale == 1 and problem.distances[0, 3] == 14
    result = solve_instance(instance, time_limit=1, clock=time.perf_counter, iterations=200)
    assert result.feasible and sorted(c for r in result.routes for c in r) == [1, 2, 3]
    assert result.cost is not None and result.cost == round(result.cost)


def test_solomon_truncates_to_tenths_and_keeps_windows(tmp_path: Path) -> None:
    """Solomon: distances floor(10 d), windows and service scaled alike, cost back in units."""
    instance = read_instance(write(tmp_path, "tiny.txt", TINY_SOLOMON))
    problem, scale = instance_problem(instance)
    assert scale == SOLOMON_SCALE and problem.distances[1, 2] == 50  # 5.0 exactly
    assert problem.tw_late is not None and problem.tw_late.tolist() == [1000, 500, 600]
    result = solve_instance(instance, time_limit=1, clock=time.perf_counter, iterations=200)
    assert result.feasible and result.cost is not None
    assert (
        result.cost
        == sum(
            problem.distances[a, b]
            for r in result.routes
            for a, b in zip((0, *r), (*r, 0), strict=True)
        )
        / SOLOMON_SCALE
    )
