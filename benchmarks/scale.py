"""Planning a whole district: seconds per stage, memory and quality by size.

    python benchmarks/scale.py [--workers 1000,10000,30000,110000] [--batches 1,5] [--seed 1]

For each size and number of batches, writes a synthetic scenario (``--seed``),
then plans its first batch as ``returnbus plan`` does (ledger, plan, every
output), in a fresh process, on every core.  Prints the wall seconds of
each stage (from ``summary.json``'s ``stage_seconds``, and the writing of
the outputs), the peak resident memory of the process and its workers, the
riders carried, the riders left at the routing stage for a reason other
than distance, the buses against ``buses_lower_bound``, the charter's
cost per rider carried (yuan), the bed
allocator's gap, the sizes of ``map.html`` and of the papers, and whether
``returnbus verify`` passes on the folder (after the timing).  One size at a
time.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TOO_FAR = ("too_far", "too_far_detour", "too_far_from_depot", "outside_hours", "stop_too_big")


def measure(workers: int, batches: int, seed: int, folder: Path) -> dict[str, Any]:
    """Plan the first batch of a synthetic scenario in this process; the figures."""
    from returnbus.executors import process_pool
    from returnbus.io.gazetteer import load_gazetteer
    from returnbus.io.scenario import load_scenario
    from returnbus.io.sites import jiangjin_parks
    from returnbus.render.files import write_files
    from returnbus.run import run_batch
    from returnbus.synthetic import synthetic_scenario

    files = synthetic_scenario(
        workers=workers,
        seed=seed,
        gazetteer=load_gazetteer(),
        parks=jiangjin_parks(),
        batches=batches,
    )
    write_files(folder / "in", files)
    scenario = load_scenario(folder / "in" / "scenario.toml")
    started = time.perf_counter()
    with process_pool(scenario.settings.solver.workers) as pool:
        plan = run_batch(
            scenario,
            folder / "out",
            batch="1" if batches > 1 else None,
            ledger=folder / "ledger.sqlite",
            executor=pool,
            writers=pool,
        )
        workers_peak = _workers_peak_kb(pool)
    wall = time.perf_counter() - started
    summary = json.loads((folder / "out" / "summary.json").read_text(encoding="utf-8"))
    stages = dict(summary.get("stage_seconds", {}))
    stages["write"] = round(wall - sum(stages.values()), 1)
    left = [u for u in plan.unassigned if u.stage == "route"]
    not_far = [u for u in left if _key(u.reason) not in TOO_FAR]
    papers = sum(p.stat().st_size for p in (folder / "out" / "papers").rglob("*") if p.is_file())
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    checked = subprocess.run(
        [Path(sys.executable).parent / "returnbus", "verify", str(folder / "out"), "--lang", "en"],
        capture_output=True,
        text=True,
        check=False,
    )
    return {
        "wall": round(wall, 1),
        "stages": stages,
        "rss_mb": round(peak / 1024),
        "workers_rss_mb": round(workers_peak / 1024),
        "carried": summary["workers_on_bus"],
        "left_not_far": len(not_far),
        "buses": summary["buses_used"],
        "buses_lower_bound": summary.get("buses_lower_bound"),
        "cost_per_rider": round(summary["total_cost"] / max(summary["workers_on_bus"], 1), 1),
        "dorm_status": summary["dorm_status"],
        "dorm_gap": summary.get("dorm_gap"),
        "search_stop": summary["search_stop"],
        "map_mb": round((folder / "out" / "map.html").stat().st_size / 1e6, 1),
        "papers_mb": round(papers / 1e6, 1),
        "verify": "passes" if checked.returncode == 0 else f"FAILS: {checked.stdout[-300:]}",
    }


def _workers_peak_kb(pool: object) -> int:
    """The largest peak RSS of the pool's processes (kB, from /proc: they are
    the fork server's children, which getrusage does not count)."""
    peaks = [0]
    for pid in getattr(pool, "_processes", None) or {}:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        peaks += [int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM")]
    return max(peaks)


def _key(reason: str) -> str:
    key = getattr(reason, "key", "")
    if key == "_joined":
        return _key(reason.args["parts"][0])  # type: ignore[attr-defined]
    return str(key)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", default="1000,10000,30000,110000")
    parser.add_argument("--batches", default="1,5")
    parser.add_argument("--seed", type=int, default=1, help="the synthetic roster's seed")
    parser.add_argument("--one", nargs=3, type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:  # the child process: one size, one number of batches, one seed
        with tempfile.TemporaryDirectory() as folder:
            size, batches, seed = args.one
            print(json.dumps(measure(size, batches, seed, Path(folder))))
        return
    print(
        "workers batches  wall s  stages (s)  RSS MB (largest worker)  carried  "
        "left-not-far  buses/LB"
    )
    for size in (int(w) for w in args.workers.split(",")):
        for batches in (int(b) for b in args.batches.split(",")):
            done = subprocess.run(
                [sys.executable, __file__, "--one", str(size), str(batches), str(args.seed)],
                capture_output=True,
                text=True,
                check=False,
                cwd=ROOT,
            )
            if done.returncode != 0:
                print(f"{size:>7} {batches:>7}  failed: {done.stderr.strip().splitlines()[-1:]}")
                continue
            row = json.loads(done.stdout.strip().splitlines()[-1])
            bound = row["buses_lower_bound"] or 0
            ratio = f"{row['buses'] / bound:.2f}" if bound else "-"
            print(
                f"{size:>7} {batches:>7} {row['wall']:>7}  {row['stages']}  "
                f"{row['rss_mb']} ({row['workers_rss_mb']})  {row['carried']:>7}  "
                f"{row['left_not_far']:>5}  {row['buses']}/{bound} = {ratio}  "
                f"{row['cost_per_rider']} yuan a rider  "
                f"beds {row['dorm_status']} gap {row['dorm_gap']}  stop {row['search_stop']}  "
                f"map {row['map_mb']} MB  papers {row['papers_mb']} MB  verify {row['verify']}",
                flush=True,
            )


if __name__ == "__main__":
    main()
