"""The plan document: a plan and back."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from returnbus.io.plans import load_plan
from returnbus.plan import Plan
from returnbus.planfile import from_document, summary, to_document
from returnbus.text import say

from .helpers import PlannedBatch


def test_a_plan_reads_back_as_the_same_plan(planned: PlannedBatch) -> None:
    """Document -> plan -> document gives the same document, through JSON text."""
    document = planned.plan
    plan = from_document(document)
    assert json.loads(json.dumps(to_document(plan))) == document
    assert plan.routes and plan.routes[0].seat_map
    assert summary(plan) == document["summary"]


def test_the_read_plan_keeps_settings_and_batch(planned: PlannedBatch) -> None:
    """Settings, sites and workers come back as domain objects, without personal data."""
    plan = load_plan(planned.out)
    assert plan.settings.rules.max_ride_minutes == planned.plan["settings"]["max_ride_minutes"]
    assert plan.batch.departure.isoformat() == planned.plan["settings"]["departure"]
    assert [b.id for b in plan.batch.fleet] == [b["id"] for b in planned.plan["fleet"]]
    assert len(plan.workers) == len(planned.plan["workers"])
    assert all(w.name == "" and w.phone == "" for w in plan.workers)
    on_bus = {w for r in plan.routes for w in r.worker_ids}
    assert {w.id for w in plan.batch.riders} >= on_bus


def test_changed_settings_show_in_the_document(planned: PlannedBatch) -> None:
    """The document states the settings the plan was made with."""
    plan = from_document(planned.plan)
    rules = replace(plan.settings.rules, max_ride_minutes=480)
    document = to_document(replace(plan, settings=replace(plan.settings, rules=rules)))
    assert document["settings"]["max_ride_minutes"] == 480


def test_closed_stops_read_back_and_an_older_plan_has_none(planned: PlannedBatch) -> None:
    """The stops a re-plan closed are written with where they stood, so that
    a later re-plan keeps away from them, and read back; a plan written
    before they were recorded reads as closing none."""
    from returnbus.domain import ClosedStop, LatLon

    plan = from_document(planned.plan)
    assert plan.closed_stops == ()
    closed = (ClosedStop(point_id="P520322-abc123", location=LatLon(28.1186, 106.824)),)
    document = json.loads(json.dumps(to_document(replace(plan, closed_stops=closed))))
    assert document["closed_stops"] == [
        {"point_id": "P520322-abc123", "lat": 28.1186, "lon": 106.824}
    ]
    assert from_document(document).closed_stops == closed
    del document["closed_stops"]
    assert from_document(document).closed_stops == ()


def _text(key: str, **args: Any) -> dict[str, Any]:
    """A sentence as plan.json nests it in a reason's values."""
    return {"text": {"key": key, "args": args}}


def _reasons_read(planned: PlannedBatch, *reason_texts: dict[str, Any]) -> list[str]:
    """The reasons of a plan.json whose unassigned were written with
    ``reason_texts``, as a later returnbus reads them back."""
    return [u.reason for u in _plan_of(planned, *reason_texts).unassigned]


def _plan_of(planned: PlannedBatch, *reason_texts: dict[str, Any]) -> Plan:
    """The plan of a plan.json whose unassigned were written with ``reason_texts``."""
    document = planned.plan
    document["unassigned"] = [
        {
            "worker_id": f"X{i}",
            "row": i + 2,
            "stage": "geocode",
            "reason": "as an earlier returnbus said it",
            "reason_text": said,
        }
        for i, said in enumerate(reason_texts)
    ]
    return from_document(document)


def _late_without_a_bed(nights: int) -> dict[str, Any]:
    """A late rider's reason as plan.json held it before the stay was a
    counted phrase (237e199): ``nights`` a bare number."""
    return {
        "key": "no_bed_late_last",
        "args": {
            "day": "2020-03-20",
            "dorm": "一号楼",
            "who": _text("men"),
            "nights": nights,
            "why": _text("late_dorm_closed", date="2020-03-20"),
        },
    }


@pytest.mark.parametrize(("nights", "english"), [(2, "the 2 nights from"), (1, "the 1 night from")])
def test_an_older_plans_late_rider_is_told_the_nights_of_the_stay(
    planned: PlannedBatch, nights: int, english: str
) -> None:
    """A plan written when a late rider's stay was stored as a bare number
    ("nights": 2) says it with its noun, as a new plan does: "for the 2
    nights from then", 连住 2 晚, not "for the 2 from then"."""
    (reason,) = _reasons_read(planned, _late_without_a_bed(nights))
    assert english in say(reason, "en"), say(reason, "en")
    assert f"连住 {nights} 晚的隔离房间" in say(reason, "zh"), say(reason, "zh")


#: Reasons as plan.json held them before their what-to-do moved to its own
#: ``*_action`` entry (a3b1dc4), and that action in each language.
_ACTION_WITHIN: tuple[tuple[dict[str, Any], str, str], ...] = (
    (
        {
            "key": "too_coarse_why",
            "args": {
                "found": _text("placed_at", level=_text("level_province")),
                "why": _text("_joined", parts=[_text("geo_only_province")]),
                "needed": _text("level_county"),
            },
        },
        "add the county and township (县, 乡镇) to the address, or lat/lon",
        "请在地址中写明县和乡镇，或填写经纬度",
    ),
    (
        {
            "key": "too_coarse",
            "args": {"found": _text("not_placed"), "needed": _text("level_county")},
        },
        "add the county and township (县, 乡镇) to the address, or lat/lon",
        "请在地址中写明县和乡镇，或填写经纬度",
    ),
    (
        {"key": "outside_area", "args": {}},
        "arrange self-return or add its area to rules.planning_area",
        "请安排自行返岗，或将该地区加入 rules.planning_area",
    ),
    (
        {"key": "group_too_big", "args": {"group": "G7", "size": 60, "most": 45}},
        "split the group in the roster",
        "请在名单中拆分该组",
    ),
)


@pytest.mark.parametrize(
    ("reason_text", "english", "chinese"),
    _ACTION_WITHIN,
    ids=[r["key"] for r, *_ in _ACTION_WITHIN],
)
def test_an_older_plans_reason_keeps_what_to_do(
    planned: PlannedBatch, reason_text: dict[str, Any], english: str, chinese: str
) -> None:
    """A reason written before its what-to-do moved apart is read with that
    action after it, in either language, and written again as a new plan
    writes it (the problem, then the action); a new plan's reason, which has
    it already, is not given it twice."""
    (old,) = _reasons_read(planned, reason_text)
    assert say(old, "en").endswith(f"; {english}"), say(old, "en")
    assert say(old, "zh").endswith(f"；{chinese}"), say(old, "zh")
    rewritten = to_document(_plan_of(planned, reason_text))["unassigned"][0]["reason_text"]
    assert rewritten["key"] == "_joined", rewritten
    (new,) = _reasons_read(planned, rewritten)
    assert say(new, "en") == say(old, "en") and say(new, "zh") == say(old, "zh")


def test_an_older_plans_rider_out_of_hours_reads_and_is_said_in_either_language(
    planned: PlannedBatch, tmp_path: Path
) -> None:
    """A plan written before pickup hours (2aadbc1) kept a stop outside the
    receiving hours with those hours only; the message now also names the
    pickup hours, which that plan has not: it is said as it was, in either
    language, not refused as a plan.json missing 'pickup_from'."""
    document = planned.plan
    document["unassigned"] = [
        {
            "worker_id": "X0",
            "row": 2,
            "stage": "route",
            "reason": "cannot arrive within the receiving hours 08:00-20:00; widen ...",
            "reason_text": {"key": "outside_hours", "args": {"opens": "08:00", "closes": "20:00"}},
        }
    ]
    (tmp_path / "plan.json").write_text(json.dumps(document), encoding="utf-8")
    (reason,) = (u.reason for u in load_plan(tmp_path).unassigned)
    assert say(reason, "en").startswith("cannot arrive within the receiving hours 08:00-20:00;")
    assert say(reason, "zh").startswith("无法在接收时段 08:00-20:00 内到达；"), say(reason, "zh")


def test_a_reason_whose_values_cannot_be_said_now_is_read_as_it_was_written(
    planned: PlannedBatch, tmp_path: Path
) -> None:
    """Values of a shape no message now takes (an hour that is no number,
    one gone missing) leave the reason as plan.json wrote it, in English;
    the plan is read, not refused."""
    document = planned.plan
    document["unassigned"] = [
        {
            "worker_id": f"X{i}",
            "row": i + 2,
            "stage": "route",
            "reason": f"as written {i}",
            "reason_text": said,
        }
        for i, said in enumerate(
            [
                {"key": "too_far", "args": {"hours": "seventeen", "cap": 10}},
                {"key": "no_bed", "args": {}},
            ]
        )
    ]
    (tmp_path / "plan.json").write_text(json.dumps(document), encoding="utf-8")
    assert [u.reason for u in load_plan(tmp_path).unassigned] == ["as written 0", "as written 1"]


def test_an_older_plans_reason_of_a_message_since_gone_or_renamed_is_said_whole(
    planned: PlannedBatch,
) -> None:
    """A late addition whose id the roster had (late_clash, gone with 70eb627:
    additions now stop at the clash) is said in Chinese too; a roster row's
    action under its former name (long_number_batch_action, now
    batch_as_text_action) is said, not left as empty brackets; a part the
    catalogue no longer knows at all leaves the whole reason as written, not
    a sentence with a hole."""
    batch_as_number = {
        "key": "_joined",
        "args": {
            "parts": [
                _text(
                    "row_problem",
                    column="返岗批次",
                    problem=_text("long_number"),
                    action=_text("long_number_batch_action"),
                )
            ]
        },
    }
    clash, batch, gone = _reasons_read(
        planned,
        {"key": "late_clash", "args": {}},
        batch_as_number,
        {
            "key": "too_coarse_why",
            "args": {
                "found": _text("not_placed"),
                "why": _text("x_gone"),
                "needed": _text("level_county"),
            },
        },
    )
    assert say(clash, "zh") == "名单中已有此工号：补报人员需要使用自己的工号"
    assert say(clash, "en").startswith("already in the roster: a late addition needs an id")
    assert say(batch, "zh").endswith(
        "（请按方案文件中的批次名称填写（如 2、第二批、3月17日），并把单元格设为文本格式）"
    )
    # The column as the roster headed it: in English said as a column, no bare Chinese word.
    assert say(batch, "zh").startswith("返岗批次：")
    assert say(batch, "en").startswith('column "返岗批次": '), say(batch, "en")
    assert say(batch, "en").endswith(
        "(write the batch as the scenario names it (2, 第二批, 3月17日), in a cell formatted"
        " as text)"
    )
    assert gone == "as an earlier returnbus said it"
