"""Where a plan's buses exceed ``buses_lower_bound``, by the riders' hours out.

    python benchmarks/bus_gap.py OUT_FOLDER [--step-hours 0.5] [--joins 5] [--tight]

Reads a written plan (``OUT_FOLDER/plan.json``).  Each rider counts for one
over the riders of the bus they ride (the buses used, spread on their
riders) and for their share of the bound: one over the most riders a bus with
them could hold (`returnbus.bounds.rider_shares`).  Riders are banded by
their drive straight from pickup to drop-off.  Prints, per band, the riders,
the buses used and bound, the gap, and the riders per bus used.  The bound's
shares here ignore the fleet's mix of types, so they add up to a little less
than ``buses_lower_bound``.

With ``--joins K``, also asks whether the plan leaves buses to save: each
bus with seats to spare is paired with the K such buses whose first pickups
lie nearest, and the pair is timed as one bus (the smallest type its riders
fit, the two buses' pickups one after the other, either first and either way
round).  Prints how many pairs one bus could carry.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from returnbus.plan import Plan


def read_plan(folder: Path) -> Plan:
    """The plan written to ``folder`` (or the plan.json given)."""
    from returnbus.planfile import from_document

    path = folder / "plan.json" if folder.is_dir() else folder
    return from_document(json.loads(path.read_text(encoding="utf-8")))


def bands(plan: Plan, step_hours: float) -> list[dict[str, float]]:
    """The figures per band of ``step_hours`` of direct drive."""
    from returnbus.bounds import rider_shares

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


def joins(plan: Plan, nearest: int) -> tuple[int, int, int]:
    """Buses with seats to spare, pairs of them timed as one bus, and the
    pairs one bus could carry (see the module's docstring)."""
    import numpy as np

    from returnbus.domain import PickupPoint
    from returnbus.route_and_house import bus_planner

    # The written pickup points say no drop-offs: each rider's is on their route.
    batch = replace(plan.batch, quarantine=frozenset(plan.quarantine_required))
    planner = bus_planner(batch, plan.settings, None)
    roomy = [r for r in plan.routes if r.riders < r.capacity_effective]
    stops = []
    for route in roomy:
        alight = {w: d.point_id for d in route.dropoffs for w in d.worker_ids}
        stops.append(
            [
                PickupPoint(
                    id=s.point_id,
                    location=s.location,
                    worker_ids=s.worker_ids,
                    dropoffs=tuple(alight[w] for w in s.worker_ids),
                )
                for s in route.stops
            ]
        )
    first = np.array([[r.stops[0].location.lat, r.stops[0].location.lon] for r in roomy])
    seen: set[tuple[int, int]] = set()
    tried = joined = 0
    for a in range(len(roomy)):
        apart = np.hypot(*(first - first[a]).T)
        apart[a] = np.inf
        for b in np.argsort(apart)[: min(nearest, len(roomy) - 1)].tolist():
            if (min(a, b), max(a, b)) in seen:
                continue
            seen.add((min(a, b), max(a, b)))
            model = planner.model([*stops[a], *stops[b]])
            riders = model.riders(range(len(model.points)))
            fits = sorted(
                (bus for bus in model.fleet if model.capacities[bus.id] >= riders),
                key=lambda bus: model.capacities[bus.id],
            )
            if not fits:
                continue
            tried += 1
            ours = list(range(len(stops[a])))
            theirs = list(range(len(stops[a]), len(model.points)))
            joined += any(
                model.feasible(fits[0], model.boarding_order(fits[0], seq))
                for seq in (ours + theirs, theirs + ours)
            )
    return len(roomy), tried, joined


def tight(plan: Plan, step_hours: float) -> list[dict[str, float]]:
    """Per band of ``step_hours`` (a bus's farthest rider's direct drive),
    how full and how tight the buses are (see the module's docstring)."""
    rules = plan.settings.rules
    buses: defaultdict[float, list[tuple[int, int, int, bool, bool]]] = defaultdict(list)
    for route in plan.routes:
        direct = dict(route.direct)
        if not direct:
            continue
        rides = route.rides()
        at_cap = any(
            rides[w] >= 0.9 * rules.ride_cap_seconds(d) for w, d in direct.items() if w in rides
        )
        driven = (route.end_arrive - route.depart).total_seconds()
        long_day = driven >= 0.9 * rules.max_route_seconds
        band = int(max(direct.values()) / 3600 / step_hours) * step_hours
        buses[band].append((route.riders, len(route.stops), len(route.dropoffs), at_cap, long_day))
    return [
        {
            "hours_from": band,
            "buses": len(rows),
            "riders_per_bus": sum(r[0] for r in rows) / len(rows),
            "pickups_per_bus": sum(r[1] for r in rows) / len(rows),
            "dropoffs_per_bus": sum(r[2] for r in rows) / len(rows),
            "at_ride_cap": sum(r[3] for r in rows) / len(rows),
            "at_route_cap": sum(r[4] for r in rows) / len(rows),
        }
        for band, rows in sorted(buses.items())
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="A plan's output folder, or its plan.json.")
    parser.add_argument("--step-hours", type=float, default=0.5)
    parser.add_argument("--joins", type=int, metavar="K", help="time pairs of roomy buses")
    parser.add_argument("--tight", action="store_true", help="how near their caps buses run")
    args = parser.parse_args()
    plan = read_plan(args.folder)
    rows = bands(plan, args.step_hours)
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
    if args.joins:
        roomy, tried, joined = joins(plan, args.joins)
        print(
            f"{roomy} buses with seats to spare; {tried} pairs timed as one bus; {joined} fit one"
        )
    if args.tight:
        print(
            f"\n{'hours':>6} {'buses':>6} {'riders':>7} {'pickups':>8} {'drops':>6} "
            f"{'ride cap':>9} {'route cap':>10}   (a bus; share of buses within 10 %)"
        )
        for row in tight(plan, args.step_hours):
            print(
                f"{row['hours_from']:6.1f} {row['buses']:6d} {row['riders_per_bus']:7.1f} "
                f"{row['pickups_per_bus']:8.1f} {row['dropoffs_per_bus']:6.1f} "
                f"{row['at_ride_cap']:9.2f} {row['at_route_cap']:10.2f}"
            )


if __name__ == "__main__":
    main()
