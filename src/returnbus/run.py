"""A batch of a campaign, end to end on disk: the ledger's beds, the plan,
the outputs, the ledger again, as one transaction.

The command line, the notebook and a driver running batches in parallel
all call these, so that a batch is always planned against the beds other
batches hold, written whole, and recorded only when written.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from .campaign import HeldBus
from .domain import BedAssignment
from .errors import InputError
from .io.scenario import Scenario
from .ledger import open_ledger
from .pipeline import plan_batch, prepare
from .plan import Plan
from .render.outputs import write_outputs
from .render.staging import output_lock
from .routing.engine import Clock
from .settings import Settings


def default_ledger(scenario: Scenario) -> Path:
    """The campaign's ledger when none is named: ``ledger.sqlite`` beside the scenario."""
    return scenario.path.parent / "ledger.sqlite"


@dataclass(frozen=True, slots=True, kw_only=True)
class Holdings:
    """What other batches of the campaign hold, from the ledger: beds and buses."""

    beds: tuple[BedAssignment, ...] = ()
    buses: tuple[HeldBus, ...] = ()


def run_batch(
    scenario: Scenario,
    out_dir: Path,
    *,
    batch: str | None = None,
    ledger: Path | None = None,
    settings: Settings | None = None,
    executor: Executor | None = None,
    clock: Clock | None = time.perf_counter,
) -> Plan:
    """Prepare and plan one batch of ``scenario`` against the beds the
    ``ledger`` holds for other batches, write its outputs into ``out_dir``
    and record it in the ledger.

    ``settings`` replace the scenario's (what-ifs, command-line overrides);
    ``executor`` runs the routing search's sectors; ``clock`` gives the
    search its safety time limit (None: budgets only).
    """
    started = clock() if clock is not None else 0.0
    prepared = prepare(scenario, batch=batch)
    read = [("prepare", round(clock() - started, 2))] if clock is not None else []
    chosen = settings or scenario.settings

    def make(held: Holdings) -> Plan:
        plan = plan_batch(
            prepared, chosen, beds=held.beds, vehicles=held.buses, clock=clock, executor=executor
        )
        return replace(plan, stage_seconds=(*read, *plan.stage_seconds))

    return record_batch(
        make,
        batch_id=prepared.id,
        out_dir=out_dir,
        ledger=ledger or default_ledger(scenario),
    )


def record_batch(
    make: Callable[[Holdings], Plan],
    *,
    batch_id: str,
    out_dir: Path,
    ledger: Path,
) -> Plan:
    """The plan ``make`` gives from the beds and buses the ledger holds for
    batches other than ``batch_id``, written into ``out_dir`` and recorded in
    the ledger.

    The output folder is locked for the whole run and swapped in only when
    complete; the ledger is written in one transaction after it.
    """
    if ledger.absolute().is_relative_to(out_dir.absolute()):
        raise InputError(
            "the ledger cannot live in the output folder, which each run replaces",
            path=ledger,
            hint="keep the ledger beside the scenario (the default) or give --ledger elsewhere",
        )
    with output_lock(out_dir), open_ledger(ledger) as book:
        plan = make(
            Holdings(
                beds=book.beds_held(except_batch=batch_id),
                buses=book.buses_held(except_batch=batch_id),
            )
        )
        write_outputs(plan, out_dir)
        book.record(plan, planned_at=datetime.now(UTC))
    return plan
