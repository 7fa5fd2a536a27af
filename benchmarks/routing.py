"""The routing engine against best-known solutions, with PyVRP's defaults side by side.

    python benchmarks/routing.py [--time-limit 10] [--seeds 1,2,3] [--family cvrp-x]
    python benchmarks/routing.py --domain [--sizes demo,2000,10000] [--old v0.1-zones]

For every instance of each family (``cvrp-x``: the 40-instance sample listed
in the README; ``cvrp``; ``vrptw``, Solomon; ``hfvrp``, fleet mix) and every
seed, runs the engine (``solve-vrplib``'s search, on every core) and then
PyVRP's own defaults on one core (``pyvrp.solve`` with its default
parameters and ``MaxRuntime``, as a user would run them) on the same data.
Prints per instance the median gap to the best-known solution of each and
their spread over the seeds, then per family the mean and worst gap of
each, their difference, and the worst instance difference.  One search at a
time; reads the instances from ``../shared/benchmarks`` (or ``--data``).

``--domain`` instead plans whole batches as the desk would, with today's
planner and with an earlier release side by side (``--old``, a tag or
commit: by default ``v0.1-zones``, the zone-by-zone planner, checked out
into a scratch work tree): the demo, a 2,000-worker synthetic roster in 3
batches (each batch) and a 10,000-worker one.  For each it prints the
riders carried, the riders left at the routing stage who are not too far
and why, the buses, the cost per rider carried, the mean ride beyond the
direct trip, and the seconds of ``plan_batch`` (see
``benchmarks/domain_measure.py``).  One plan at a time.
"""

from __future__ import annotations

import argparse
import atexit
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyvrp
from pyvrp.stop import MaxRuntime

from returnbus.executors import process_pool
from returnbus.io.best_known import BKS_LIST, read_bks_list
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
    """The folder's bks.csv, read as ``solve-vrplib`` reads it."""
    return read_bks_list(folder / BKS_LIST)


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
            with process_pool(args.workers) as pool:
                result = solve_instance(
                    instance,
                    time_limit=args.time_limit,
                    clock=time.perf_counter,
                    seed=seed,
                    seeds=args.workers,
                    executor=pool,
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


def domain(args: argparse.Namespace) -> None:
    from returnbus.io.gazetteer import load_gazetteer
    from returnbus.io.sites import jiangjin_parks
    from returnbus.render.files import write_files
    from returnbus.synthetic import synthetic_scenario

    gazetteer = load_gazetteer()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        cases: list[tuple[str, Path, str | None]] = []
        for size in args.sizes:
            if size == "demo":
                cases.append(("demo", ROOT / "sample_data" / "jiangjin" / "scenario.toml", None))
                continue
            workers, batches = int(size), 3 if int(size) <= 2_000 else 1
            files = synthetic_scenario(
                workers=workers,
                seed=11,
                gazetteer=gazetteer,
                parks=jiangjin_parks(),
                batches=batches,
            )
            write_files(root / size, files)
            for number in range(1, batches + 1):
                name = f"{workers:,}" + (f" batch {number}" if batches > 1 else "")
                batch = str(number) if batches > 1 else None
                cases.append((name, root / size / "scenario.toml", batch))
        old = _old_release(args.old, root / "old")
        print(
            "riders carried | left at routing, not too far (why) | buses | yuan per rider carried "
            f"| mean detour min | plan_batch s ({args.workers} workers)"
        )
        for name, path, batch in cases:
            for release, src in (("today", ROOT / "src"), (args.old, old)):
                with _own_travel(path, today=src == ROOT / "src") as scenario:
                    row = _measured(scenario, batch, src, args.workers)
                why = ", ".join(f"{k} {n}" for k, n in row["left"].items() if k not in TOO_FAR)
                print(
                    f"{name:<18}{release:<12}{row['carried']:>6} of {row['not_too_far']:<6}"
                    f"{row['left_not_far']:>5} ({why or '-'}){row['buses']:>6}"
                    f"{row['cost_per_rider'] or 0:>10,.0f}{row['mean_detour_minutes']:>8}"
                    f"{row['seconds']:>8} {row['search_stop']}",
                    flush=True,
                )


#: Reasons that mean a bus carrying the rider alone would break a cap.
TOO_FAR = ("too_far", "too_far_detour", "too_far_from_depot", "outside_hours", "stop_too_big")
#: Settings newer than the zone-by-zone planner, which refuses them as unknown;
#: without them it plans as it always did.
PREDATED = ("run_under_minimum",)
#: The zone-by-zone planner, for when the tag is not in this clone.
OLD_COMMIT = "dc364e1"


def _old_release(ref: str, where: Path) -> Path:
    """The ``src`` folder of an earlier release, checked out into ``where``."""
    for candidate in (ref, OLD_COMMIT):
        done = subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(where), candidate],
            capture_output=True,
            check=False,
        )
        if done.returncode == 0:
            atexit.register(
                subprocess.run,
                ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(where)],
                capture_output=True,
                check=False,
            )
            return where / "src"
    raise SystemExit(f"cannot check out {ref} or {OLD_COMMIT}: {done.stderr.decode()}")


@contextmanager
def _own_travel(path: Path, *, today: bool) -> Iterator[Path]:
    """The scenario for a release: as it is for today's; for an earlier one, a
    copy beside it (its files are named relative to it) without its [travel]
    tables, so that the release reads it and plans with its own travel model,
    and without the settings it predates (`PREDATED`)."""
    if today:
        yield path
        return
    kept, skipping = [], False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("["):
            skipping = line.startswith(("[travel]", "[[travel."))
        if not skipping and line.split("=")[0].strip() not in PREDATED:
            kept.append(line)
    copy = path.with_name(f".{path.stem}-own-travel.toml")
    copy.write_text("\n".join(kept) + "\n", encoding="utf-8")
    try:
        yield copy
    finally:
        copy.unlink()


def _measured(path: Path, batch: str | None, src: Path, workers: int) -> dict[str, Any]:
    """``domain_measure.py`` run against the release in ``src``."""
    command = [sys.executable, str(ROOT / "benchmarks" / "domain_measure.py"), str(path)]
    command += ["--workers", str(workers)] + (["--batch", batch] if batch else [])
    env = os.environ | {"PYTHONPATH": str(src)}
    done = subprocess.run(command, capture_output=True, check=True, env=env, text=True)
    row: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return row


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
    parser.add_argument("--domain", action="store_true", help="plan whole batches, today vs --old")
    parser.add_argument(
        "--sizes", type=_words, default=["demo", "2000", "10000"], help="for --domain"
    )
    parser.add_argument("--old", default="v0.1-zones", help="the release --domain compares with")
    args = parser.parse_args()
    if args.domain:
        domain(args)
        return
    for family in args.family or FAMILIES:
        run_family(args, family)


def _ints(text: str) -> list[int]:
    return [int(part) for part in text.split(",") if part.strip()]


def _words(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


if __name__ == "__main__":
    main()
