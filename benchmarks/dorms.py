"""The bed allocator at campaign scale: many workers to quarantine, many dormitories, batches.

    python benchmarks/dorms.py [--workers 10000] [--dorms 200] [--batches 5] [--seconds 30]

Builds a synthetic campaign (seeded): dormitories of every kind (isolation
hotels, single-sex and mixed buildings of shared rooms, employers' own,
some open only for a while) around the Jiangjin parks, and per batch the
workers who must quarantine, in bus cohorts and self-returners by employer.
Batches leave four days apart and share the beds, as the ledger makes them.
For each batch it prints the reservation (before routing) and the final
allocation: status, objective, bound, beds, unplaced, cohorts split and
seconds.  One solve at a time.
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import date, timedelta

from returnbus.domain import BedAssignment, Dormitory, LatLon, Room, Sex
from returnbus.quarantine import BedRequest, QuarantineParams, allocate_beds

JIANGJIN = LatLon(29.2924, 106.2559)
START = date(2020, 3, 17)
BATCH_DAYS = 4


def around(rng: random.Random, km: float) -> LatLon:
    """A point within about ``km`` of Jiangjin."""
    return LatLon(
        JIANGJIN.lat + rng.uniform(-km, km) / 111, JIANGJIN.lon + rng.uniform(-km, km) / 97
    )


def dormitories(rng: random.Random, count: int, employers: list[str]) -> list[Dormitory]:
    """Dormitories of every kind, about 2,000 beds per batch's worth of workers."""
    dorms = []
    for i in range(count):
        kind = i % 5
        capacity = (1, 4, 6, 3, 4)[kind]
        rooms = rng.randint(20, 60) if capacity > 1 else rng.randint(40, 120)
        sex: Sex | None = ("M", "F")[i % 2] if kind in (1, 2) and i % 3 == 0 else None
        opens = START + timedelta(days=rng.randint(0, 10)) if i % 7 == 0 else None
        dorms.append(
            Dormitory(
                id=f"D{i:03d}",
                name=f"dorm {i}",
                location=around(rng, 25),
                rooms=tuple(
                    Room(number=f"{101 + 100 * (r // 30) + r % 30}", capacity=capacity)
                    for r in range(rooms)
                ),
                sex=sex,
                isolation=capacity == 1,
                available_from=opens,
                employer=rng.choice(employers) if kind == 4 and i % 2 == 0 else "",
            )
        )
    return dorms


def requests(
    rng: random.Random, batch: int, count: int, employers: dict[str, LatLon]
) -> list[BedRequest]:
    """A batch's workers to quarantine: bus cohorts of about 20, the rest self-returners."""
    start = START + timedelta(days=BATCH_DAYS * batch)
    names = sorted(employers)
    result = []
    for k in range(count):
        employer = rng.choice(names)
        on_bus = rng.random() < 0.8
        bus = f"B{batch}-{rng.randrange(count // 20)}" if on_bus else ""
        sex: Sex | None = None if rng.random() < 0.02 else ("M" if rng.random() < 0.62 else "F")
        result.append(
            BedRequest(
                worker_id=f"W{batch}-{k:05d}",
                sex=sex,
                cohort=bus or f"self:{employer}",
                employer=employer,
                employer_location=employers[employer],
                start=(first := start + timedelta(days=1 if on_bus and rng.random() < 0.3 else 0)),
                end=first + timedelta(days=QuarantineParams().days),
                bus_id=bus,
            )
        )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--workers", type=int, default=10_000, help="workers to quarantine")
    parser.add_argument("--dorms", type=int, default=200)
    parser.add_argument("--batches", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=30.0, help="solver budget per solve")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    employers = {f"E{i:03d}": around(rng, 30) for i in range(200)}
    dorms = dormitories(rng, args.dorms, sorted(employers))
    params = QuarantineParams(solver_seconds=args.seconds)
    beds = sum(d.beds for d in dorms)
    print(
        f"{args.workers} workers to quarantine in {args.batches} batches, {args.dorms} "
        f"dormitories with {beds} beds, solver budget {args.seconds:g} s per solve"
    )
    print(
        f"{'batch':>5} {'step':<8} {'status':<9} {'objective':>14} {'bound':>14} "
        f"{'beds':>5} {'none':>5} {'split':>5} {'s':>6}"
    )
    held: list[BedAssignment] = []
    per_batch = args.workers // args.batches
    for batch in range(args.batches):
        wanted = requests(rng, batch, per_batch, employers)
        started = time.perf_counter()
        reserved = allocate_beds(
            wanted, dorms, params, occupied=held, batch=str(batch), late_days=1
        )
        report(batch, "reserve", reserved, time.perf_counter() - started)
        housed = {b.worker_id for b in reserved.beds}
        started = time.perf_counter()
        final = allocate_beds(
            [r for r in wanted if r.worker_id in housed],
            dorms,
            params,
            occupied=held,
            batch=str(batch),
            reserved=reserved,
        )
        report(batch, "allocate", final, time.perf_counter() - started)
        held += final.beds


def report(batch: int, step: str, allocation: object, seconds: float) -> None:
    a = allocation
    print(
        f"{batch:>5} {step:<8} {a.status:<9} {a.objective:>14} {a.bound:>14} "  # type: ignore[attr-defined]
        f"{len(a.beds):>5} {len(a.unplaced):>5} {a.cohorts_split:>5} {seconds:>6.1f}",  # type: ignore[attr-defined]
        flush=True,
    )


if __name__ == "__main__":
    main()
