"""The greedy allocation used when the exact model finds none within its budget."""

from __future__ import annotations

from collections import defaultdict

import pytest
from hypothesis import given, settings

from returnbus.quarantine import allocate, allocate_beds
from returnbus.quarantine.greedy import greedy_counts
from returnbus.quarantine.model import Counts, Demand, Supply, lower_bound, objective, solve_counts

from .helpers import FAR, PARAMS, SEXES, bed_problems, broken_rules, dorm, request


@settings(max_examples=150, deadline=None)
@given(bed_problems())
def test_the_greedy_allocation_keeps_every_rule_and_its_bound_holds(
    problem: tuple[list[Demand], list[Supply]],
) -> None:
    """The greedy counts keep the model's rules, are scored as the model
    scores them, and are optimal only where they meet the bound, which no
    allocation beats: the exact model's best is never below it."""
    demands, supplies = problem
    counts = greedy_counts(demands, supplies)
    assert broken_rules(counts, demands, supplies) == []
    assert counts.objective == objective(counts.placed, demands)
    assert counts.bound == lower_bound(demands) <= counts.objective
    assert (counts.status == "optimal") == (counts.objective == counts.bound)
    exact = solve_counts(demands, supplies, seconds=5)
    assert exact.status == "optimal" and lower_bound(demands) <= exact.objective


def test_the_greedy_allocation_keeps_a_cohort_whole_where_a_dormitory_holds_it() -> None:
    """The near dormitory has room for only part of the cohort: it goes whole to the far one."""
    demands = [
        Demand(cohort="B1", sex="M", size=3, options=((0, 5), (1, 30))),
        Demand(cohort="B1", sex="F", size=2, options=((0, 5), (1, 30))),
    ]
    supplies = [Supply(rooms=((4, 1),), sexes=SEXES), Supply(rooms=((4, 2),), sexes=SEXES)]
    counts = greedy_counts(demands, supplies)
    assert counts.placed == {(0, 1): 3, (1, 1): 2}
    assert counts.rooms == {(1, 4, "M"): 1, (1, 4, "F"): 1}


def test_a_bed_model_that_finds_nothing_in_its_budget_still_gives_the_beds_there_are(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A model too large for its budget ended with no solution, and every worker
    bound for quarantine was left without a bed there was: now the greedy
    allocation gives them, with the bound it is measured against."""
    monkeypatch.setattr(
        allocate,
        "solve_counts",
        lambda *_, **__: Counts(placed={}, rooms={}, status="unsolved"),
    )
    people = [request(f"m{i}", "M") for i in range(5)] + [request(f"f{i}", "F") for i in range(3)]
    found = allocate_beds(people, [dorm("NEAR", 4, beds=4), dorm("FAR", 4, at=FAR)], PARAMS)
    assert not found.unplaced and len(found.beds) == 8
    assert found.status in ("optimal", "feasible") and 0 < found.bound <= found.objective
    sexes = {r.worker_id: r.sex for r in people}
    rooms: defaultdict[tuple[str, str], set[str | None]] = defaultdict(set)
    for bed in found.beds:
        rooms[bed.dorm_id, bed.room].add(sexes[bed.worker_id])
    assert all(len(held) == 1 for held in rooms.values())  # one sex a room


def test_a_bed_model_too_large_for_the_exact_one_is_filled_greedily(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Beyond `_LARGEST_MODEL` choices the exact model is not built (26,000
    people free to use 300 dormitories found nothing in 637 s): the greedy
    fill houses everyone there is room for, with its bound."""

    def unused(*_: object, **__: object) -> Counts:
        raise AssertionError("the exact model was built")

    monkeypatch.setattr(allocate, "_LARGEST_MODEL", 1)
    monkeypatch.setattr(allocate, "solve_counts", unused)
    people = [request(f"w{i}") for i in range(4)]
    found = allocate_beds(people, [dorm("NEAR", 3), dorm("FAR_BIG", 5, at=FAR)], PARAMS)
    assert not found.unplaced and {b.dorm_id for b in found.beds} == {"FAR_BIG"}
    assert found.cohorts_split == 0 and found.bound <= found.objective


def test_the_bound_counts_two_dormitories_for_a_cohort_no_one_dormitory_takes() -> None:
    """Men and women of one bus, with only a men's and a women's building:
    the two dormitories are the best there is, and the fill says so."""
    demands = [
        Demand(cohort="B1", sex="M", size=2, options=((0, 3),)),
        Demand(cohort="B1", sex="F", size=2, options=((1, 5),)),
    ]
    supplies = [Supply(rooms=((2, 2),), sexes=("M",)), Supply(rooms=((2, 2),), sexes=("F",))]
    counts = greedy_counts(demands, supplies)
    assert counts.placed == {(0, 0): 2, (1, 1): 2}
    assert counts.status == "optimal" and counts.bound == counts.objective
