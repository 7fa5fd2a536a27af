"""Where a plan's buses exceed ``buses_lower_bound``, by the riders' hours out.

    python benchmarks/bus_gap.py OUT_FOLDER [--step-hours 0.5]

Reads a written plan (``OUT_FOLDER/plan.json``).  Each rider counts for one
over the riders of the bus they ride (the buses used, spread on their
riders) and for their share of the bound: one over the most riders a bus with
them could hold (`returnbus.bounds.rider_shares`).  Riders are banded by
their drive straight from pickup to drop-off.  Prints, per band, the riders,
the buses used and bound, the gap, and the riders per bus used.  The bound's
shares here ignore the fleet's mix of types, so they add up to a little less
than ``buses_lower_bound``.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path


def bands(folder: Path, step_hours: float) -> list[dict[str, float]]:
    """The figures per band of ``step_hours`` of direct drive."""
    from returnbus.bounds import rider_shares
    from returnbus.planfile import from_document

    path = folder / "plan.json" if folder.is_dir() else folder
    plan = from_document(json.loads(path.read_text(encoding="utf-8")))
    settings = plan.settings
    found = rider_shares(
        plan.routes,
        fleet=plan.batch.fleet,
        quarantine=set(plan.quarantine_required),
        rules=settings.rules,
        seating=settings.seating,
        travel=settings.travel,
    )
    riders: defaultdict[float, int] = defaultdict(int)
    used: defaultdict[float, float] = defaultdict(float)
    bound: defaultdict[float, float] = defaultdict(float)
    for route in plan.routes:
        for stop in route.stops:
            for worker in stop.worker_ids:
                i = found.groups.of_worker[worker]
                hours = float(found.direct_seconds[i]) / 3600
                band = int(hours / step_hours) * step_hours
                riders[band] += 1
                used[band] += 1 / route.riders
                bound[band] += 1 / float(found.together[i])
    return [
        {
            "hours_from": band,
            "riders": riders[band],
            "buses_used": round(used[band], 1),
            "buses_bound": round(bound[band], 1),
            "gap": round(used[band] - bound[band], 1),
            "riders_per_bus": round(riders[band] / used[band], 1),
        }
        for band in sorted(riders)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="A plan's output folder, or its plan.json.")
    parser.add_argument("--step-hours", type=float, default=0.5)
    args = parser.parse_args()
    rows = bands(args.folder, args.step_hours)
    print(f"{'hours':>6} {'riders':>7} {'used':>8} {'bound':>8} {'gap':>7} {'per bus':>8}")
    for row in rows:
        print(
            f"{row['hours_from']:6.1f} {row['riders']:7d} {row['buses_used']:8.1f} "
            f"{row['buses_bound']:8.1f} {row['gap']:7.1f} {row['riders_per_bus']:8.1f}"
        )
    riders = sum(row["riders"] for row in rows)
    used = sum(row["buses_used"] for row in rows)
    bound = sum(row["buses_bound"] for row in rows)
    print(f"{'all':>6} {riders:7d} {used:8.1f} {bound:8.1f} {used - bound:7.1f}")


if __name__ == "__main__":
    main()
