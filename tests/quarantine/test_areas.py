"""The greedy fill made better area by area, where the exact model finds nothing."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings

from returnbus.quarantine import allocate, allocate_beds
from returnbus.quarantine.areas import refine
from returnbus.quarantine.greedy import greedy_counts
from returnbus.quarantine.model import Counts, Demand, Supply, lower_bound, objective

from .helpers import FAR, PARAMS, SEXES, bed_problems, broken_rules, dorm, request


def _blocked() -> tuple[list[Demand], list[Supply]]:
    """The larger cohort takes the near dormitory whole, the only one the
    smaller may use: the greedy fill leaves the smaller without beds."""
    demands = [
        Demand(cohort="B1", sex="M", size=4, options=((0, 1), (1, 20))),
        Demand(cohort="B2", sex="M", size=3, options=((0, 1),)),
    ]
    supplies = [Supply(rooms=((1, 4),), sexes=SEXES), Supply(rooms=((1, 4),), sexes=SEXES)]
    return demands, supplies


def test_an_area_placed_again_houses_whom_the_greedy_fill_left() -> None:
    demands, supplies = _blocked()
    start = greedy_counts(demands, supplies)
    assert start.placed == {(0, 0): 4}  # the case this test is about
    better = refine(demands, supplies, start, seconds=2)
    assert better.placed == {(0, 1): 4, (1, 0): 3}
    assert better.objective < start.objective


def test_a_bed_model_that_finds_nothing_houses_everyone_there_is_room_for(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The whole model found nothing in its budget: the greedy fill left the
    riders bound for the near dormitory without a bed; the area's own
    solve moves the others to the far one."""
    monkeypatch.setattr(
        allocate,
        "solve_counts",
        lambda *_, **__: Counts(placed={}, rooms={}, status="unsolved"),
    )
    bus = [request(f"a{i}", cohort="B1") for i in range(4)]
    near_only = [replace(request(f"b{i}", cohort="B2"), within_reach=("NEAR",)) for i in range(3)]
    found = allocate_beds(bus + near_only, [dorm("NEAR", 4), dorm("FAR", 4, at=FAR)], PARAMS)
    assert not found.unplaced
    assert {b.worker_id for b in found.beds if b.dorm_id == "NEAR"} == {"b0", "b1", "b2"}


@settings(max_examples=100, deadline=None)
@given(bed_problems())
def test_placing_areas_again_keeps_every_rule_and_never_does_worse(
    problem: tuple[list[Demand], list[Supply]],
) -> None:
    demands, supplies = problem
    start = greedy_counts(demands, supplies)
    better = refine(demands, supplies, start, seconds=1)
    assert broken_rules(better, demands, supplies) == []
    assert better.objective == objective(better.placed, demands) <= start.objective
    assert better.bound == lower_bound(demands) <= better.objective
    assert (better.status == "optimal") == (better.objective == better.bound)
