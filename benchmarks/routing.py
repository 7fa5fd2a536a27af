"""The routing engine against best-known solutions, with PyVRP's defaults side by side.

    python benchmarks/routing.py [--time-limit 10] [--seeds 1,2,3] [--family cvrp-x]
    python benchmarks/routing.py --domain [--time-limits 10,30,60]

For every instance of each family (``cvrp-x``: the 40-instance sample listed
in the README; ``cvrp``; ``vrptw``, Solomon; ``hfvrp``, fleet mix) and every
seed, runs the engine (``solve-vrplib``'s search, on every core) and then
PyVRP's own defaults on one core (``pyvrp.solve`` with its default
parameters and ``MaxRuntime``, as a user would run them) on the same data.
Prints per instance the median gap to the best-known solution of each and
their spread over the seeds, then per family the mean and worst gap of
each, their difference, and the worst instance difference.  One search at a
time; reads the instances from ``../shared/benchmarks`` (or ``--data``).

``--domain`` instead plans the routing of the demo's batch and of a
2,000-worker synthetic batch at each time limit, with the engine and with
PyVRP's defaults on one core (same bus model), and prints the cost of the
buses and the riders they carry.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

import pyvrp
from pyvrp import SolveParams
from pyvrp.stop import MaxRuntime

from returnbus.io.instances import read_instance
from returnbus.routing import engine, solve_instance
from returnbus.routing.instances import instance_problem
from returnbus.routing.params import default_workers

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "benchmarks"
FAMILIES = ("cvrp-x", "cvrp", "vrptw", "hfvrp")

#: The cvrp-x sample: every other instance of the 80, by number of customers
#: (ties by name), so that it spreads over all sizes (the README lists it).
SAMPLE_STEP = 2


def best_known(folder: Path) -> dict[str, float]:
    with (folder / "bks.csv").open(encoding="utf-8") as handle:
        return {row["instance"]: float(row["bks"]) for row in csv.DictReader(handle)}


def customers(path: Path) -> int:
    """Customers in an instance, from its name (X-n101-k25, X115-HVRP) or 100 (Solomon)."""
    stem = path.stem
    if stem.startswith("X-n"):
        return int(stem.split("-")[1][1:]) - 1
    if stem.startswith("X") and "-" in stem:
        return int(stem[1:].split("-")[0]) - 1
    return 100


def instances(data: Path, family: str, only: str) -> list[Path]:
    folder = data / family
    bks = best_known(folder)
    pattern = "*.txt" if family == "vrptw" else "*.vrp"
    files = sorted(
        (p for p in folder.glob(pattern) if p.stem in bks), key=lambda p: (customers(p), p.stem)
    )
    if family == "cvrp-x":
        files = files[::SAMPLE_STEP]
    return [f for f in files if only in f.stem]


def gap(cost: float | None, bks: float) -> float | None:
    return None if cost is None else 100.0 * (cost - bks) / bks


def pyvrp_defaults(path: Path, family: str, *, time_limit: float, seed: int) -> float | None:
    """PyVRP's default solver on one core, on the data a user would give it
    (``pyvrp.read`` for VRPLIB files, the engine's data for Solomon, which
    PyVRP does not read); the cost, or None if it found no feasible solution."""
    if family == "vrptw":
        problem, scale = instance_problem(read_instance(path))
        data = engine.to_pyvrp(problem)
    elif family == "hfvrp":  # unrounded distances; PyVRP scales them (and loads) by 1,000
        data, scale = pyvrp.read(path, round_func="exact"), 100_000
    else:
        data, scale = pyvrp.read(path, round_func="round"), 1
    result = pyvrp.solve(
        data, stop=MaxRuntime(time_limit), seed=seed, collect_stats=False, display=False
    )
    best = result.best
    if not best.is_feasible() or best.num_clients() < data.num_clients:
        return None
    return (best.distance_cost() + best.fixed_vehicle_cost()) / scale


@dataclass
class Row:
    """One instance: gaps per seed of the engine and of PyVRP's defaults."""

    name: str
    engine: list[float | None]
    defaults: list[float | None]


def median(gaps: list[float | None]) -> float | None:
    """The median over seeds; a seed without a feasible solution counts as worst."""
    values = [float("inf") if g is None else g for g in gaps]
    middle = statistics.median(values)
    return None if middle == float("inf") else middle


def spread(gaps: list[float | None]) -> str:
    solved = [g for g in gaps if g is not None]
    if not solved:
        return "-"
    return f"{min(solved):.2f}..{max(solved):.2f}"


def fmt(value: float | None, width: int = 8) -> str:
    return f"{'-':>{width}}" if value is None else f"{value:>{width}.2f}"


def run_family(args: argparse.Namespace, family: str) -> list[Row]:
    files = instances(args.data, family, args.only)
    if not files:
        return []
    bks = best_known(args.data / family)
    print(
        f"\n{family}: {len(files)} instances, {args.time_limit:g} s each, seeds {args.seeds}, "
        f"engine on {args.workers} cores, PyVRP defaults on 1 (gaps in %)"
    )
    print(
        f"{'instance':<14}{'n':>5}{'engine':>8}{'spread':>14}{'pyvrp':>8}{'spread':>14}{'diff':>8}"
    )
    rows = []
    for path in files:
        instance = read_instance(path)
        row = Row(path.stem, [], [])
        for seed in args.seeds:
            result = solve_instance(
                instance,
                time_limit=args.time_limit,
                clock=time.perf_counter,
                seed=seed,
                workers=args.workers,
            )
            row.engine.append(gap(result.cost if result.feasible else None, bks[path.stem]))
            if not args.no_defaults:
                cost = pyvrp_defaults(path, family, time_limit=args.time_limit, seed=seed)
                row.defaults.append(gap(cost, bks[path.stem]))
        ours, theirs = median(row.engine), median(row.defaults) if row.defaults else None
        diff = None if ours is None or theirs is None else ours - theirs
        print(
            f"{path.stem:<14}{customers(path):>5}{fmt(ours)}{spread(row.engine):>14}"
            f"{fmt(theirs)}{spread(row.defaults):>14}{fmt(diff)}",
            flush=True,
        )
        rows.append(row)
    summarise(family, rows)
    return rows


def summarise(family: str, rows: list[Row]) -> None:
    """Mean and worst of the per-instance medians, and how the two compare."""

    def describe(gaps: list[float | None]) -> str:
        solved = [g for g in gaps if g is not None]
        missing = len(gaps) - len(solved)
        if not solved:
            return "no feasible solution"
        text = f"mean {statistics.mean(solved):.2f} %, worst {max(solved):.2f} %"
        return text + (f", {missing} without a feasible solution" if missing else "")

    ours = [median(r.engine) for r in rows]
    print(f"{family}: engine {describe(ours)}")
    if not any(r.defaults for r in rows):
        return
    theirs = [median(r.defaults) for r in rows]
    print(f"{family}: PyVRP defaults {describe(theirs)}")
    both = [(a, b, r.name) for a, b, r in zip(ours, theirs, rows, strict=True) if a is not None]
    paired = [(a, b, n) for a, b, n in both if b is not None]
    if paired:
        worst = max(paired, key=lambda t: t[0] - t[1])
        mean = statistics.mean(a - b for a, b, _ in paired)
        print(
            f"{family}: engine - defaults: mean {mean:+.2f} "
            f"points over {len(paired)} instances; worst {worst[0] - worst[1]:+.2f} ({worst[2]}); "
            f"engine better on {sum(a < b for a, b, _ in paired)}"
        )


# --- the domain: the planner's own routing ------------------------------------------


@contextmanager
def pyvrp_default_search() -> Iterator[None]:
    """The engine with PyVRP's default parameters (and no raised penalty cap)."""
    original = engine.search_params
    engine.search_params = lambda max_penalty=None: SolveParams()
    try:
        yield
    finally:
        engine.search_params = original


def domain(args: argparse.Namespace) -> None:
    from returnbus.io.gazetteer import load_gazetteer
    from returnbus.io.scenario import load_scenario
    from returnbus.io.sites import jiangjin_parks
    from returnbus.pipeline import plan_batch, prepare
    from returnbus.render.files import write_files
    from returnbus.synthetic import synthetic_scenario

    gazetteer = load_gazetteer()
    with tempfile.TemporaryDirectory() as folder:
        files = synthetic_scenario(
            workers=2000, seed=11, gazetteer=gazetteer, parks=jiangjin_parks()
        )
        write_files(Path(folder), files)
        scenarios = {
            "demo": ROOT / "sample_data" / "jiangjin" / "scenario.toml",
            "synthetic 2,000": Path(folder) / "scenario.toml",
        }
        print(
            f"domain routing, seeds {args.seeds}: cost of the buses (riders on them), "
            f"engine on {args.workers} cores vs PyVRP defaults on 1"
        )
        print(f"{'scenario':<16}{'s':>4}{'engine':>22}{'pyvrp':>22}{'diff %':>8}")
        for label, path in scenarios.items():
            scenario = load_scenario(path)
            batch = prepare(scenario, gazetteer=gazetteer)
            for limit in args.time_limits:
                runs: dict[str, list[tuple[float, int]]] = {"engine": [], "pyvrp": []}
                for seed in args.seeds:
                    solver = replace(
                        scenario.settings.solver,
                        time_limit_seconds=limit,
                        iterations=10**9,  # the time limit ends the search
                        seed=seed,
                    )
                    for name, workers, mode in (
                        ("engine", args.workers, _as_is),
                        ("pyvrp", 1, pyvrp_default_search),
                    ):
                        settings = replace(
                            scenario.settings, solver=replace(solver, workers=workers)
                        )
                        with mode():
                            plan = plan_batch(batch, settings, clock=time.perf_counter)
                        runs[name].append(
                            (sum(r.cost for r in plan.routes), sum(r.riders for r in plan.routes))
                        )
                ours, theirs = (_median_run(runs[k]) for k in ("engine", "pyvrp"))
                print(
                    f"{label:<16}{limit:>4g}{ours[0]:>14,.0f} ({ours[1]:>4}){theirs[0]:>14,.0f} "
                    f"({theirs[1]:>4}){100 * (ours[0] - theirs[0]) / theirs[0]:>8.2f}",
                    flush=True,
                )


@contextmanager
def _as_is() -> Iterator[None]:
    yield


def _median_run(runs: list[tuple[float, int]]) -> tuple[float, int]:
    """The run of median cost (fewest riders left behind first)."""
    ordered = sorted(runs, key=lambda r: (-r[1], r[0]))
    return ordered[len(ordered) // 2]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--time-limit", type=float, default=10.0, help="seconds per instance")
    parser.add_argument("--seeds", type=_ints, default=[1, 2, 3], help="comma-separated seeds")
    parser.add_argument(
        "--family", action="append", choices=FAMILIES, help="repeatable; default: all"
    )
    parser.add_argument("--only", default="", help="instances whose name contains this text")
    parser.add_argument(
        "--workers", type=int, default=default_workers(), help="the engine's searches at once"
    )
    parser.add_argument("--no-defaults", action="store_true", help="skip PyVRP's defaults")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the benchmarks folder")
    parser.add_argument("--domain", action="store_true", help="plan the demo and a synthetic batch")
    parser.add_argument("--time-limits", type=_ints, default=[10, 30, 60], help="for --domain")
    args = parser.parse_args()
    if args.domain:
        domain(args)
        return
    for family in args.family or FAMILIES:
        run_family(args, family)


def _ints(text: str) -> list[int]:
    return [int(part) for part in text.split(",") if part.strip()]


if __name__ == "__main__":
    main()
