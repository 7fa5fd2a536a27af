"""Campaign state under concurrent runs and kills, measured on a real scenario.

    python benchmarks/campaign_faults.py [--workers 200] [--races 20] [--kills 10]

Writes a synthetic two-batch scenario, then:

- races: plans both batches at the same time on one ledger, ``--races``
  times, and counts beds held by two workers on overlapping nights and runs
  that were neither recorded nor refused with exit 2;
- kills: plans one batch, then plans it again over the same folder and
  ledger (another seed: another plan to record) and kills that run with
  SIGKILL at a random moment, ``--kills`` times, then asks ``verify OUT`` and ``ledger show --json``
  which plan is current, and counts where they disagree.

Prints one line per trial and the totals; exits 1 when any trial failed.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from returnbus.render.staging import plan_id

CLI = str(Path(sys.executable).with_name("returnbus"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=200)
    parser.add_argument("--races", type=int, default=20)
    parser.add_argument("--kills", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        scenario = root / "in" / "scenario.toml"
        synth = [CLI, "synth", "--out", str(scenario.parent), "--batches", "2"]
        synth += ["--workers", str(args.workers), "--seed", str(args.seed)]
        subprocess.run(synth, check=True, capture_output=True)
        for trial in range(args.races):
            failed += race(scenario, root / f"race{trial}", trial)
        for trial in range(args.kills):
            failed += kill(scenario, root / f"kill{trial}", rng.uniform(0.5, 1.0), trial)
    print(f"failed trials: {failed}")
    return 1 if failed else 0


def race(scenario: Path, folder: Path, trial: int) -> int:
    """Both batches at once on one ledger: 1 when a bed is doubled or a run lost."""
    ledger = folder / "ledger.sqlite"
    plan = [CLI, "plan", str(scenario), "--ledger", str(ledger), "--iterations", "300"]
    runs = [
        subprocess.Popen(
            [*plan, "--batch", batch, "--out", str(folder / batch)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for batch in ("1", "2")
    ]
    codes = [r.wait() for r in runs]
    doubled = doubled_beds(ledger)
    ok = sorted(codes) in ([0, 0], [0, 2]) and doubled == 0
    print(f"race {trial}: exit codes {codes}, beds held twice {doubled}: {'ok' if ok else 'FAIL'}")
    return 0 if ok else 1


def kill(scenario: Path, folder: Path, share: float, trial: int) -> int:
    """A second `plan` of the batch (another seed) killed at ``share`` of a
    full run's time: 1 when verify and the ledger then disagree on which plan
    is current.  A `plan`, not a `replan`: both record through the same
    write-aside, record, swap-in path, and another seed gives a plan that
    differs without a drop list to write."""
    out, ledger = folder / "out", folder / "ledger.sqlite"
    common = ["--batch", "1", "--out", str(out), "--ledger", str(ledger), "--iterations", "300"]
    started = time.perf_counter()
    subprocess.run([CLI, "plan", str(scenario), *common], check=True, capture_output=True)
    full = time.perf_counter() - started
    run = subprocess.Popen(
        [CLI, "plan", str(scenario), *common, "--seed", str(trial + 7)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(full * share)
    run.send_signal(signal.SIGKILL)
    run.wait()
    verified = subprocess.run([CLI, "verify", str(out)], capture_output=True).returncode
    shown = subprocess.run(
        [CLI, "ledger", "show", str(ledger), "--json"], capture_output=True, check=True
    )
    (batch,) = json.loads(shown.stdout)["batches"]
    ok = verified == 0 and batch["plan_id"] == plan_id(out)
    print(
        f"kill {trial}: at {share:.0%} of {full:.1f} s, verify exit {verified}, "
        f"ledger and folder {'agree' if ok else 'DISAGREE'}"
    )
    return 0 if ok else 1


def doubled_beds(ledger: Path) -> int:
    """Beds held by two workers on overlapping nights."""
    with sqlite3.connect(ledger) as db:
        rows = db.execute("SELECT dorm_id, room, bed, start_date, end_date FROM beds").fetchall()
    db.close()
    nights: dict[tuple[str, str, int], list[tuple[str, str]]] = {}
    for dorm, room, bed, start, end in rows:
        nights.setdefault((dorm, room, bed), []).append((start, end))
    return sum(
        1
        for held in nights.values()
        for (_, end), (start, _) in itertools.pairwise(sorted(held))
        if start < end
    )


if __name__ == "__main__":
    sys.exit(main())
