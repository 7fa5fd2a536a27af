"""The plan document: a plan and back."""

from __future__ import annotations

import json
from dataclasses import replace

from returnbus.io.plans import load_plan
from returnbus.planfile import from_document, summary, to_document

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
