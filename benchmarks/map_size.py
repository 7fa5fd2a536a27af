"""The size of map.html at campaign scale.

    python benchmarks/map_size.py [--workers 100000] [--seed 3]

Writes a synthetic roster of that many workers, prepares it (read,
geocode, screen) and clusters the riders into pickup points, then, instead
of searching routes (not what is measured here), fills buses in the order
of the points' places, drop-off site by site, as many riders as the
largest bus takes while its round still has a timetable, each driven to
its riders' drop-offs as the planner would.  Prints the page's size in
MB, with the counts it was drawn from, and the seconds each step took.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

from returnbus import dropoffs
from returnbus.cluster import cluster_homes, split_points
from returnbus.domain import PickupPoint, Route
from returnbus.io.gazetteer import load_gazetteer
from returnbus.io.scenario import load_scenario
from returnbus.io.sites import jiangjin_parks
from returnbus.naming import name_points
from returnbus.pipeline import prepare
from returnbus.plan import Batch, Plan
from returnbus.render.files import write_files
from returnbus.render.maps import route_map
from returnbus.route_and_house import bus_planner, largest_bus
from returnbus.routing.model import BusModel
from returnbus.synthetic import synthetic_scenario


def bus_loads(
    points: list[PickupPoint], most: int, zone_of: Callable[[PickupPoint], str]
) -> list[list[PickupPoint]]:
    """Points of one drop-off site in order of place, cut into loads of at most ``most`` riders."""
    loads: list[list[PickupPoint]] = [[]]
    riders = 0
    for point in sorted(points, key=lambda p: (zone_of(p), p.location.lat, p.location.lon)):
        if loads[-1] and (riders + point.demand > most or zone_of(point) != zone_of(loads[-1][0])):
            loads.append([])
            riders = 0
        loads[-1].append(point)
        riders += point.demand
    return [load for load in loads if load]


def filled_routes(batch: Batch, points: list[PickupPoint], plan: Plan) -> list[Route]:
    """Routes for the loads, each settled by the routing model as the planner does."""
    planner = bus_planner(batch, plan.settings, None)
    bus = max(batch.fleet, key=lambda b: b.seats)
    where = dropoffs.Dropoffs(batch)
    site_of = {w.id: where.of(w, quarantine=False) for w in batch.riders}
    by_site = split_points(
        [replace(p, dropoffs=tuple(site_of[w] for w in p.worker_ids)) for p in points],
        site_of,
        {},
    )
    loads = bus_loads(
        list(by_site), largest_bus(batch, plan.settings), lambda p: min(p.dropoffs, default="")
    )

    def model_of(load: list[PickupPoint]) -> BusModel:
        return BusModel(
            load,
            depot=batch.depot,
            destination=batch.destination,
            fleet=[bus],
            rules=plan.settings.rules,
            seating=plan.settings.seating,
            travel=planner.travel,
            sites=planner.sites,
        )

    def has_timetable(points: list[PickupPoint]) -> bool:
        # With no day's hours to time its round, the model gives no pickup times.
        return len(model_of(points).timeline(range(len(points))).pickups) == len(points)

    def buses_of(load: list[PickupPoint]) -> Iterator[list[PickupPoint]]:
        """The load on buses in turn, each taking the next points while its
        round still has a timetable; a point that has none alone is left
        out, as the planner would."""
        taken: list[PickupPoint] = []
        for point in load:
            if has_timetable([*taken, point]):
                taken.append(point)
                continue
            if taken:
                yield taken
            taken = [point] if has_timetable([point]) else []
        if taken:
            yield taken

    trips = [trip for load in loads for trip in buses_of(load)]
    return [
        model_of(trip).route(f"B{k:06d}", (bus, list(range(len(trip)))))
        for k, trip in enumerate(trips)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()
    gazetteer = load_gazetteer()
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        files = synthetic_scenario(
            workers=args.workers, seed=args.seed, gazetteer=gazetteer, parks=jiangjin_parks()
        )
        write_files(Path(folder), files)
        scenario = load_scenario(Path(folder) / "scenario.toml")
        batch = prepare(scenario, gazetteer=gazetteer)
        prepared = time.perf_counter()
        settings = scenario.settings
        clustering = cluster_homes(
            batch.riders, settings.cluster, max_size=largest_bus(batch, settings)
        )
        points = name_points(list(clustering.points), batch.workers, batch.places)
        empty = Plan(
            batch=batch,
            settings=settings,
            routes=(),
            self_return=tuple(w.id for w in batch.self_return),
            unassigned=batch.turned_away,
            beds=(),
            quarantine_required=(),
            pickup_points=tuple(points),
        )
        plan = replace(empty, routes=tuple(filled_routes(batch, points, empty)))
        filled = time.perf_counter()
        page = route_map(plan).get_root().render().encode("utf-8")
        drawn = time.perf_counter()
    riders = sum(r.riders for r in plan.routes)
    print(
        f"{args.workers} workers, {riders} on {len(plan.routes)} buses, {len(points)} stops: "
        f"map.html {len(page) / 1e6:.2f} MB"
    )
    print(
        f"prepare {prepared - started:.1f} s, buses {filled - prepared:.1f} s, "
        f"map {drawn - filled:.1f} s"
    )


if __name__ == "__main__":
    main()
