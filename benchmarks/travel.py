"""The offline travel model against published road distances and times.

    python benchmarks/travel.py [--table tests/data/road_times.csv]

For each pair of places in the table (published road km and drive hours in
south-west China, each with its source), compares the distance and the
time of today's default model and of the first model (great-circle km
x 1.3, 25/45/70 km/h bands), and prints the median and worst absolute
error by distance band (road km), then over all pairs.
"""

from __future__ import annotations

import argparse
import csv
import statistics
from pathlib import Path

from returnbus.domain import LatLon
from returnbus.travel import GreatCircleTravel, SpeedBand, TravelSettings

ROOT = Path(__file__).resolve().parents[1]
FIRST = TravelSettings(
    detour_factor=1.3,
    short_detour_factor=1.3,
    speed_bands=(
        SpeedBand(up_to_km=5, kmh=25),
        SpeedBand(up_to_km=50, kmh=45),
        SpeedBand(up_to_km=None, kmh=70),
    ),
)
BANDS = ((60.0, "< 60 km"), (250.0, "60-250 km"), (600.0, "250-600 km"), (float("inf"), "> 600 km"))


def band(road_km: float) -> str:
    return next(name for limit, name in BANDS if road_km < limit)


def errors(
    settings: TravelSettings, rows: list[dict[str, str]]
) -> dict[str, dict[str, list[float]]]:
    """Relative errors of time and distance, by band of published road km."""
    model = GreatCircleTravel(settings)
    found: dict[str, dict[str, list[float]]] = {}
    for row in rows:
        start = LatLon(float(row["from_lat"]), float(row["from_lon"]))
        end = LatLon(float(row["to_lat"]), float(row["to_lon"]))
        metres, seconds = model.leg(start, end)
        published_km = float(row["road_km"]) if row["road_km"] else None
        key = band(published_km or metres / 1000)
        by = found.setdefault(key, {"time": [], "km": []})
        if row["drive_hours"]:
            hours = float(row["drive_hours"])
            by["time"].append((seconds / 3600 - hours) / hours)
        if published_km:
            by["km"].append((metres / 1000 - published_km) / published_km)
    return found


def describe(values: list[float]) -> str:
    if not values:
        return f"{'-':>22}"
    absolute = [abs(v) for v in values]
    signed = statistics.median(values)
    return (
        f"{100 * statistics.median(absolute):6.1f} % ({100 * max(absolute):5.0f} %, {signed:+.0%})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--table", type=Path, default=ROOT / "tests" / "data" / "road_times.csv")
    args = parser.parse_args()
    with args.table.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    models = {"first model": errors(FIRST, rows), "today's default": errors(TravelSettings(), rows)}
    print(f"{len(rows)} pairs; median absolute error (worst, median signed): + means slower/longer")
    print(
        f"{'band':<12}{'pairs':>6}  "
        + "".join(f"{name + ' time':>26}{'km':>24}" for name in models)
    )
    for _, name in (*BANDS, (0.0, "all")):
        parts = []
        pairs = 0
        for found in models.values():
            chosen = found.values() if name == "all" else [found.get(name, {"time": [], "km": []})]
            time = [v for b in chosen for v in b["time"]]
            km = [v for b in chosen for v in b["km"]]
            pairs = len(time)
            parts.append(f"{describe(time):>26}{describe(km):>24}")
        print(f"{name:<12}{pairs:>6}  " + "".join(parts))


if __name__ == "__main__":
    main()
