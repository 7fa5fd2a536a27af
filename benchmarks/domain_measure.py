"""Plan one batch and print what it means to the desk, as one JSON line.

    python benchmarks/domain_measure.py SCENARIO [--batch ID] [--workers N]

Used by ``benchmarks/routing.py --domain`` to measure today's planner and an
earlier release side by side: it touches only what every release has
(`load_scenario`, `prepare`, `plan_batch`), so it runs against whichever
``returnbus`` is on ``PYTHONPATH``.  Prints riders carried, riders left at
the routing stage by reason (``too_far`` when a bus carrying them alone
would break a cap), buses, cost, the mean ride beyond the direct trip, the
search's end, and the seconds ``plan_batch`` took.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Any

from returnbus.io.scenario import load_scenario
from returnbus.pipeline import plan_batch, prepare
from returnbus.plan import Plan
from returnbus.travel import GreatCircleTravel

#: Reasons that mean a bus carrying the rider alone would break a cap.
TOO_FAR = ("too_far", "too_far_detour", "too_far_from_depot", "outside_hours", "stop_too_big")


def measure(scenario_path: Path, batch: str | None, workers: int) -> dict[str, Any]:
    scenario = load_scenario(scenario_path)
    prepared = prepare(scenario, batch=batch)
    with _pool(workers) as pool:
        started = time.perf_counter()
        extra = {} if pool is None else {"executor": pool}
        plan = plan_batch(prepared, scenario.settings, clock=time.perf_counter, **extra)
        seconds = time.perf_counter() - started
    left = Counter(_key(u.reason) for u in plan.unassigned if u.stage == "route")
    carried = sum(r.riders for r in plan.routes)
    cost = sum(r.cost for r in plan.routes)
    far = sum(n for key, n in left.items() if key in TOO_FAR)
    return {
        "carried": carried,
        "not_too_far": carried + sum(left.values()) - far,
        "left": dict(sorted(left.items())),
        "left_not_far": sum(left.values()) - far,
        "buses": len(plan.routes),
        "cost": round(cost),
        "cost_per_rider": round(cost / carried, 1) if carried else None,
        "mean_detour_minutes": round(_mean_detour(plan) / 60, 1),
        "search_stop": plan.search_stop,
        "seconds": round(seconds, 1),
    }


def _key(reason: str) -> str:
    """The catalogue key of a reason's headline (its first words where it has none)."""
    key = getattr(reason, "key", "")
    if key == "_joined":
        return _key(reason.args["parts"][0])  # type: ignore[attr-defined]
    return str(key or " ".join(str(reason).split()[:3]))


def _mean_detour(plan: Plan) -> float:
    """Mean ride beyond the direct trip, recomputed from the travel model."""
    travel = GreatCircleTravel(plan.settings.travel)
    detours = []
    for route in plan.routes:
        alight = {w: d.location for d in route.dropoffs for w in d.worker_ids}
        rides = route.rides()
        for stop in route.stops:
            for w in stop.worker_ids:
                _, direct = travel.leg(stop.location, alight.get(w, route.end_location))
                detours.append(rides[w] - direct)
    return sum(detours) / len(detours) if detours else 0.0


def _pool(workers: int) -> AbstractContextManager[Any]:
    """A process pool where the release takes an executor; none where it does not."""
    try:
        from returnbus.executors import process_pool
    except ImportError:
        return nullcontext(None)
    return process_pool(workers)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenario", type=Path)
    parser.add_argument("--batch", default=None)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    print(json.dumps(measure(args.scenario, args.batch, args.workers)))


if __name__ == "__main__":
    main()
