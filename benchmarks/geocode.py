"""Accuracy and speed of the offline geocoder.

Run from the project root::

    .venv/bin/python benchmarks/geocode.py [--rows 20000] [--addresses tests/data/addresses.csv]

Prints the gazetteer load time, then accuracy on the address set (county
level; township level over addresses that name a township; how many
addresses naming no county were placed at county level or finer, which must
be 0) and its speed, then the time to geocode a roster of ``--rows`` rows
built by repeating the set with small variations (other villages and house
numbers, spaces, labels; most rows distinct).
"""

from __future__ import annotations

import argparse
import csv
import random
import time
from collections import Counter
from pathlib import Path

from returnbus.geo.geocode import GeocodeResult, OfflineGeocoder
from returnbus.io.gazetteer import load_gazetteer

ROOT = Path(__file__).resolve().parents[1]
FINE = ("exact", "township", "county")


def _county(code: str) -> str:
    return code[:6] + "000000" if code else ""


def score(rows: list[dict[str, str]], results: list[GeocodeResult]) -> dict[str, float]:
    """County accuracy, township accuracy and invented-precision count."""
    county_rows = [(r, g) for r, g in zip(rows, results, strict=True) if r["expected_county_code"]]
    town_rows = [(r, g) for r, g in zip(rows, results, strict=True) if r["expected_township_code"]]
    county_ok = sum(_county(g.division_code) == r["expected_county_code"] for r, g in county_rows)
    town_ok = sum(g.division_code == r["expected_township_code"] for r, g in town_rows)
    invented = sum(
        r["names_county"] == "false" and g.precision in FINE
        for r, g in zip(rows, results, strict=True)
    )
    return {
        "county_accuracy": county_ok / len(county_rows),
        "township_accuracy": town_ok / len(town_rows),
        "invented_precision": invented,
        "county_rows": len(county_rows),
        "township_rows": len(town_rows),
    }


def _vary(rng: random.Random, address: str) -> str:
    """A differently typed copy: another house, spaces, a label, or as is.

    Most copies come out distinct, so the timing measures parsing rather than
    the cache of repeated addresses.
    """
    choice = rng.random()
    if choice < 0.2:
        return address
    house = f"{rng.choice('石河新大小高龙马杨李')}{rng.choice('坪坝沟湾坡岭')}村"
    house += f"{rng.randint(1, 12)}组{rng.randint(1, 99)}号"
    if choice < 0.7:
        return address + house
    if choice < 0.85:
        spaced = " ".join(address[i : i + 3] for i in range(0, len(address), 3))
        return spaced + " " + house
    return "地址：" + address + house


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--addresses", type=Path, default=ROOT / "tests" / "data" / "addresses.csv")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args()

    t0 = time.perf_counter()
    gazetteer = load_gazetteer()
    t1 = time.perf_counter()
    geocoder = OfflineGeocoder(gazetteer)
    t2 = time.perf_counter()
    print(f"gazetteer load: {t1 - t0:.2f} s ({len(gazetteer)} divisions)")
    print(f"name index build: {t2 - t1:.2f} s")

    with args.addresses.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    t3 = time.perf_counter()
    results = [geocoder.geocode(r["address"]) for r in rows]
    t4 = time.perf_counter()
    s = score(rows, results)
    print(f"address set: {len(rows)} addresses from {args.addresses.name}")
    print(f"  county-level accuracy:   {s['county_accuracy']:.2%} of {s['county_rows']}")
    print(f"  township-level accuracy: {s['township_accuracy']:.2%} of {s['township_rows']}")
    print(f"  placed at county or finer but naming no county: {s['invented_precision']}")
    print(f"  speed: {len(rows) / (t4 - t3):,.0f} addresses/s")
    print(f"  precision: {dict(Counter(g.precision for g in results))}")
    if args.show_misses:
        for r, g in zip(rows, results, strict=True):
            want = r["expected_township_code"] or r["expected_county_code"]
            got = g.division_code if r["expected_township_code"] else _county(g.division_code)
            if want and got != want:
                print(f"  MISS {r['variant']}: {r['address']} -> {g.division_name} | {g.note}")

    rng = random.Random(args.seed)
    roster = [_vary(rng, rng.choice(rows)["address"]) for _ in range(args.rows)]
    t5 = time.perf_counter()
    geocoder.geocode_many(roster)
    t6 = time.perf_counter()
    print(
        f"roster of {args.rows:,} rows ({len(set(roster)):,} distinct): "
        f"{t6 - t5:.2f} s, {args.rows / (t6 - t5):,.0f} rows/s"
    )


if __name__ == "__main__":
    main()
