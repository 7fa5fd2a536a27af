"""Routing engine against best-known solutions of CVRPLIB X and Solomon instances.

    python benchmarks/routing.py --time-limit 30 [--reference] [--only X-n101]

Prints, per instance, cost, gap to the best-known solution and vehicles, then
the mean gap per family.  With ``--reference`` plain OR-Tools (PATH_CHEAPEST_ARC
then guided local search) runs with the same time limit, side by side.  Runs
one solve at a time.  Reads the instances from ``../shared/benchmarks`` (or
``--data``).
"""

from __future__ import annotations

import argparse
import csv
import statistics
import time
from pathlib import Path

from reference import solve_with_ortools
from returnbus.io.instances import read_instance
from returnbus.routing import solve_instance
from returnbus.routing.instances import instance_problem
from returnbus.routing.problem import route_distance

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "benchmarks"


def best_known(folder: Path) -> dict[str, float]:
    with (folder / "bks.csv").open(encoding="utf-8") as handle:
        return {row["instance"]: float(row["bks"]) for row in csv.DictReader(handle)}


def gap(cost: float | None, bks: float) -> float | None:
    return None if cost is None else 100.0 * (cost - bks) / bks


def describe(gaps: list[float | None]) -> str:
    """Mean and worst gap over the solved instances, and how many had no solution."""
    solved = [g for g in gaps if g is not None]
    text = (
        "no solution"
        if not solved
        else f"mean gap {statistics.mean(solved):.2f} %, max {max(solved):.2f} %"
    )
    missing = len(gaps) - len(solved)
    return text + (f" ({missing} without a solution)" if missing else "")


def fmt(value: float | None, width: int, decimals: int) -> str:
    return f"{'-':>{width}}" if value is None else f"{value:>{width}.{decimals}f}"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--time-limit", type=float, default=30.0, help="seconds per instance (default 30)"
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--reference", action="store_true", help="also run plain OR-Tools")
    parser.add_argument("--only", default="", help="run instances whose name contains this text")
    parser.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help="folder with cvrp/ and vrptw/"
    )
    args = parser.parse_args()

    header = f"{'instance':<14}{'bks':>10}{'cost':>11}{'gap %':>8}{'veh':>5}{'s':>6}"
    if args.reference:
        header += f"{'OR-Tools':>11}{'gap %':>8}{'veh':>5}"
    for family, pattern in (("cvrp", "*.vrp"), ("vrptw", "*.txt")):
        folder = args.data / family
        bks = best_known(folder)
        files = sorted(
            folder.glob(pattern),
            key=lambda p: (
                int(p.stem.split("-n")[1].split("-")[0]) if "-n" in p.stem else 0,
                p.stem,
            ),
        )
        files = [f for f in files if args.only in f.stem and f.stem in bks]
        if not files:
            continue
        print(f"\n{family} ({args.time_limit:g} s per instance, seed {args.seed})")
        print(header)
        gaps: list[float | None] = []
        ref_gaps: list[float | None] = []
        for path in files:
            instance = read_instance(path)
            result = solve_instance(
                instance, time_limit=args.time_limit, clock=time.perf_counter, seed=args.seed
            )
            g = gap(result.cost, bks[path.stem])
            gaps.append(g)
            line = (
                f"{path.stem:<14}{bks[path.stem]:>10g}{fmt(result.cost, 11, 1)}{fmt(g, 8, 2)}"
                f"{result.vehicles:>5}{result.seconds:>6.1f}"
            )
            if args.reference:
                problem, scale = instance_problem(instance)
                ref = solve_with_ortools(problem, time_limit=args.time_limit)
                ref_cost = (
                    None
                    if ref.unvisited
                    else sum(route_distance(problem, r) for r in ref.routes) / scale
                )
                rg = gap(ref_cost, bks[path.stem])
                ref_gaps.append(rg)
                line += f"{fmt(ref_cost, 11, 1)}{fmt(rg, 8, 2)}{ref.vehicles:>5}"
            print(line, flush=True)
        summary = describe(gaps)
        if args.reference:
            summary += f"; OR-Tools {describe(ref_gaps)}"
        print(summary)


if __name__ == "__main__":
    main()
