"""returnbus: plan buses, pickup points and quarantine beds to bring workers back.

The public API, for notebooks and drivers::

    import returnbus as rb

    scenario = rb.load_scenario("scenario.toml")
    batch = rb.prepare(scenario, batch="第一批")      # read, place, screen: once
    plan = rb.plan_batch(batch, scenario.settings)    # pure: no disk, no clock
    plan = rb.run_batch(scenario, out_dir)            # ledger -> plan -> outputs -> ledger
    again = rb.replan_batch(rb.load_plan(out_dir), batch, scenario.settings, dropped=...)

Names load on first use, so that the command line starts quickly.
"""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING, Any

from .version import __version__

logging.getLogger("returnbus").addHandler(logging.NullHandler())

if TYPE_CHECKING:
    from .io.plans import load_plan as load_plan
    from .io.scenario import load_scenario as load_scenario
    from .pipeline import plan_batch as plan_batch
    from .pipeline import prepare as prepare
    from .plan import Batch as Batch
    from .plan import Plan as Plan
    from .replan import replan_batch as replan_batch
    from .run import run_batch as run_batch

#: Public name -> the module that defines it.
_PUBLIC = {
    "load_scenario": ".io.scenario",
    "prepare": ".pipeline",
    "plan_batch": ".pipeline",
    "replan_batch": ".replan",
    "run_batch": ".run",
    "load_plan": ".io.plans",
    "Plan": ".plan",
    "Batch": ".plan",
}

__all__ = ["__version__", *_PUBLIC]


def __getattr__(name: str) -> Any:
    if name not in _PUBLIC:
        raise AttributeError(f"module 'returnbus' has no attribute {name!r}")
    value = getattr(importlib.import_module(_PUBLIC[name], __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
