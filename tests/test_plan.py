"""Batches and plans as plain data."""

from __future__ import annotations

import pickle

from returnbus.planfile import from_document

from .helpers import PlannedBatch


def test_plan_and_batch_pickle_and_answer_for_their_workers(planned: PlannedBatch) -> None:
    """A plan survives pickling whole; its workers and row count are its batch's."""
    plan = from_document(planned.plan)
    again = pickle.loads(pickle.dumps(plan))
    assert again == plan
    assert plan.workers is plan.batch.workers
    assert plan.rows_total == planned.summary["workers_total"]
