"""Screening rules."""

from __future__ import annotations

from returnbus.domain import Worker
from returnbus.screen import Cause, ScreeningPolicy, screen


def person(worker_id: str, **fields: object) -> Worker:
    return Worker(id=worker_id, row=2, name="x", **fields)  # type: ignore[arg-type]


def test_red_code_gets_no_transport() -> None:
    """A red health code is turned away at the screen stage, with what to do."""
    result = screen(
        [person("r", health_code="red"), person("g")], ScreeningPolicy(), home_province_code="50"
    )
    assert [u.worker_id for u in result.unassigned] == ["r"]
    assert result.unassigned[0].stage == "screen" and "medical" in result.unassigned[0].reason
    assert [w.id for w in result.riders] == ["g"]


def test_default_quarantine_policy() -> None:
    """Medium/high risk, yellow code and self-return from outside quarantine; others do not."""
    workers = [
        person("low", division_code="520322002000"),
        person("mid", origin_risk="medium"),
        person("high", origin_risk="high"),
        person("yellow", health_code="yellow"),
        person("self_out", travel_mode="self", division_code="520322002000"),
        person("self_in", travel_mode="self", division_code="500101001000"),
        person("self_unknown", travel_mode="self"),
    ]
    result = screen(workers, ScreeningPolicy(), home_province_code="50")
    assert result.quarantine == {"mid", "high", "yellow", "self_out", "self_unknown"}
    assert {w.id for w in result.self_return} == {"self_out", "self_in", "self_unknown"}


def test_a_self_returner_whose_home_is_not_placed_is_bound_as_unknown_not_as_outside() -> None:
    """A self-returner whose home division the geocoder could not find is
    quarantined as if from outside the province (when in doubt), but the
    cause says the home is unknown: nobody established that it lies outside."""
    workers = [
        person("self_out", travel_mode="self", division_code="520322002000"),
        person("self_unknown", travel_mode="self"),
    ]
    result = screen(workers, ScreeningPolicy(), home_province_code="50")
    assert result.quarantine == {"self_out", "self_unknown"}
    assert result.causes == {
        "self_out": Cause(kind="self_return_outside"),
        "self_unknown": Cause(kind="self_return_outside", detail="home_unknown"),
    }


def test_policy_is_a_setting() -> None:
    """With an empty policy nobody is quarantined."""
    policy = ScreeningPolicy(
        quarantine_risk_levels=(),
        quarantine_health_codes=(),
        quarantine_self_return_from_outside=False,
    )
    result = screen(
        [person("a", origin_risk="high"), person("b", travel_mode="self")],
        policy,
        home_province_code="50",
    )
    assert result.quarantine == frozenset()
