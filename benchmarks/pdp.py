"""The demo batch's buses planned another way: OR-Tools' pickup-and-delivery routing.

    python benchmarks/pdp.py [--time-limit 60] [--first parallel|path] [--margin MIN]
                             [--minimum SECONDS] [--no-planner]

Builds the exact pickups the planner routes for the bundled demo batch
(``sample_data/jiangjin``: clustering, beds reserved, quarantine cohort
settled, as ``route_and_house`` does), then plans them twice, one after the
other on one core: with OR-Tools' routing solver (``pywrapcp``) as a
pickup-and-delivery problem, and with returnbus's own planner
(``RoutePlanner.plan``, in this process).  Prints riders carried (of the
riders a bus could carry alone), buses, cost and seconds side by side:
OR-Tools' raw solution (what the solver claims, at its own costs), the same
after each route is timed exactly by the planner's `BusModel` (a route that
breaks a rule sheds its first pickup until it keeps them all, then a bus
with fewer riders than its minimum is dropped), and the planner's plan;
then which rule OR-Tools' raw routes broke when timed exactly, and the
planner's routes checked the same way.

The OR-Tools model.  A pair per pickup point and drop-off site of its
riders: a pickup node (the riders bound there) and a delivery node at the
site, on one bus, pickup first, the delivery at most the tightest ride cap
of those riders after the pickup (``SetPickupToDeliveryLimitFunctionForPair``,
which the search's filters check).  A point whose riders go to several sites
has a pair per site, its pickups one stop, tied to one bus (a dimension
counts them; every bus ends with none or all).  No pickup after a delivery,
so a bus collects everyone and then drops off, as the planner's buses do.
Vehicles are the fleet, bus by bus, each with its charter's fixed cost and
cost per metre, from the depot to a dummy end reached free from the last
drop-off.  Capacity is a load dimension.  Time is a dimension without
waiting, from 0 at the depot to at most the route-duration cap: each leg's
driving stretched by the drivers' rests (20 min per 4 h, spread over the
driving, as the planner's own search does) plus the dwell at each stop left
(deliveries at one site in a row are one stop).  Cohorts: a dimension with
no transit and no slack carries one value, 0 or 1, along each route; a
pickup of riders bound for quarantine requires 1, one of riders going to
work 0: one cohort per bus, exactly, both cohorts sharing the whole fleet.
Drop-off sites: a dimension counts arrivals at a new site (a delivery not
right after one at the same site), at most ``max_dropoffs``; a site visited
twice counts twice (conservative).  Each pickup may be left out for a
penalty per rider of twice the dearest bus sent for the costliest pair
alone, so carrying a rider beats any bus's cost.

Not in it, so only in the exact re-timing: the rests where they actually
fall, the timetable's clock (receiving and pickup hours, night driving,
overnight layovers), the second driver a long drive needs (its cost), the
order of drop-offs (timed exactly, a bus drives them in the order that
drives least), and each bus type's minimum riders.  ``--minimum`` searches
on, from OR-Tools' buses that carry their minimum, with the minimum as a
rule (a dimension counts riders boarding; no bus ends between 1 and its
minimum): no construction heuristic gets past that rule, since a bus's
first pickup is under it, so it can only be a second phase; its seconds
then count both phases.  ``--margin`` keeps that many minutes off every
ride cap and the route cap, for the approximations above.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from ortools.constraint_solver import pywrapcp, routing_enums_pb2

from returnbus.domain import BusType, PickupPoint
from returnbus.dropoffs import dorm_site
from returnbus.io.scenario import load_scenario
from returnbus.pipeline import _cluster, prepare
from returnbus.route_and_house import (
    _dorms_within_reach,
    _dropoff_sites,
    _pickups,
    _reserve,
    bus_planner,
    cohorts,
)
from returnbus.routing.model import DEPOT, DESTINATION, BusModel
from returnbus.routing.planner import RoutePlanner

ROOT = Path(__file__).resolve().parents[1]
SCENARIO = ROOT / "sample_data" / "jiangjin" / "scenario.toml"
#: Money inside the solver: 1e-4 yuan, so every cost per km is whole per metre.
MONEY = 10_000
#: Solver nodes before the pickups: the depot (every bus starts there) and a
#: dummy end (every bus ends there, reached free from its last drop-off).
START, END, FIRST = 0, 1, 2
FIRST_SOLUTION = {
    "parallel": routing_enums_pb2.FirstSolutionStrategy.PARALLEL_CHEAPEST_INSERTION,
    "path": routing_enums_pb2.FirstSolutionStrategy.PATH_CHEAPEST_ARC,
}

IntArray = npt.NDArray[np.int64]
Trip = tuple[BusType, list[int]]


@dataclass(frozen=True)
class Instance:
    """The demo batch's pickups as the planner routes them, and its model."""

    planner: RoutePlanner
    clients: tuple[PickupPoint, ...]
    model: BusModel
    reachable: list[int]


def demo_instance() -> Instance:
    """The pickups ``route_and_house`` hands the bus planner for the demo batch."""
    scenario = load_scenario(SCENARIO)
    settings = scenario.settings
    batch = cohorts(prepare(scenario), settings)
    clustering = _cluster(batch, settings, batch.riders)
    buses = bus_planner(batch, settings, None)
    standing = _dropoff_sites(batch)
    points, _ = buses.reachable(_pickups(batch, clustering.points, frozenset(), standing))
    reach = _dorms_within_reach(batch, buses, points)
    reservation = _reserve(batch, settings, points, (), frozenset(), reach)
    homeless = frozenset(u.worker_id for u in reservation.unplaced)
    site_of = standing | {b.worker_id: dorm_site(b.dorm_id) for b in reservation.beds}
    clients = _pickups(batch, points, homeless, site_of)
    model = buses.model(clients)
    reachable, _ = model.split_unreachable()
    return Instance(planner=buses, clients=clients, model=model, reachable=reachable)


@dataclass(frozen=True)
class Pair:
    """The riders of pickup point ``client`` alighting at ``site``: a pickup
    node and a delivery node, the delivery at most ``cap`` seconds later."""

    client: int
    site: str
    riders: int
    cap: int
    pickup: int
    delivery: int


@dataclass
class Nodes:
    """The solver's nodes: start, end, then a pickup and a delivery per pair.

    ``row`` is each node's row in the model's travel matrix.  A point whose
    riders alight at several sites has a pair per site, its pickups at one
    place (one stop): its ``siblings``.
    """

    row: list[int] = field(default_factory=lambda: [DEPOT, DEPOT])
    pairs: list[Pair] = field(default_factory=list)
    by_pickup: dict[int, Pair] = field(default_factory=dict)
    by_delivery: dict[int, Pair] = field(default_factory=dict)
    siblings: dict[int, list[int]] = field(default_factory=dict)

    def site(self, node: int) -> str | None:
        found = self.by_delivery.get(node)
        return None if found is None else found.site

    def client(self, node: int) -> int | None:
        found = self.by_pickup.get(node)
        return None if found is None else found.client


def solver_nodes(model: BusModel, reachable: Sequence[int]) -> Nodes:
    """A pair per reachable client and site of its riders."""
    nodes = Nodes()
    for i in reachable:
        point = model.points[i]
        caps: dict[str, list[int]] = {}
        for w, cap in zip(point.worker_ids, model.ride_caps[i], strict=True):
            caps.setdefault(point.dropoff_of(w), []).append(cap)
        for site, site_caps in caps.items():
            pickup = len(nodes.row)
            pair = Pair(i, site, len(site_caps), min(site_caps), pickup, pickup + 1)
            nodes.row += [model.at[i], model.site_index.get(site, DESTINATION)]
            nodes.pairs.append(pair)
            nodes.by_pickup[pair.pickup] = nodes.by_delivery[pair.delivery] = pair
        if len(caps) > 1:
            nodes.siblings[i] = [pair.pickup for pair in nodes.pairs[-len(caps) :]]
    return nodes


def node_matrices(model: BusModel, nodes: Nodes) -> tuple[IntArray, IntArray, IntArray]:
    """Metres, seconds (rests and dwells in) and new-site arrivals between nodes."""
    r = model.rules
    rows = np.array(nodes.row)
    metres = model.matrix.metres[np.ix_(rows, rows)].astype(np.int64)
    rests = 1 + r.break_seconds / r.max_continuous_seconds
    seconds = np.ceil(model.matrix.seconds[np.ix_(rows, rows)] * rests).astype(np.int64)
    seconds[FIRST:, :] += r.stop_seconds  # the dwell at the stop left
    sites = np.zeros_like(metres)
    site = [nodes.site(n) for n in range(len(rows))]
    for b, there in enumerate(site):
        if there is None:
            continue
        for a, here in enumerate(site):
            if here == there:  # another delivery at the same site: one stop
                seconds[a, b] = metres[a, b] = 0
            else:
                sites[a, b] = 1
    for group in nodes.siblings.values():  # one point's pickups: one stop
        seconds[np.ix_(group, group)] = 0
    for matrix in (metres, seconds, sites):
        matrix[:, END] = 0
        matrix[END, :] = 0
    return metres, seconds, sites


def rider_penalty(model: BusModel, metres: IntArray, nodes: Nodes) -> int:
    """Twice the dearest bus sent for the costliest pair alone, in solver money."""
    worst = 0
    for pair in nodes.pairs:
        drive = int(metres[START, pair.pickup] + metres[pair.pickup, pair.delivery])
        for bus in model.fleet:
            worst = max(worst, _money(bus.fixed_cost) + _per_metre(bus) * drive)
    return 2 * worst


def _money(yuan: float) -> int:
    return round(yuan * MONEY)


def _per_metre(bus: BusType) -> int:
    return round(bus.cost_per_km * MONEY / 1000)


@dataclass
class Raw:
    """OR-Tools' solution: each bus's pickups (client indices) in order, and
    its cost (yuan) under the solver's model."""

    trips: list[Trip]
    costs: list[float]
    seconds: float
    status: int
    #: Each trip's drop-off sites in OR-Tools' order.
    orders: list[list[str]] = field(default_factory=list)
    #: Each bus's visits (solver indices, start and end left out), and riders.
    routes: list[list[int]] = field(default_factory=list)
    riders: list[int] = field(default_factory=list)
    split_pairs: int = 0


class PdpModel:
    """The pickup-and-delivery model of the reachable clients (see the module's notes)."""

    def __init__(
        self, model: BusModel, reachable: Sequence[int], *, margin: int = 0, minimum: bool = False
    ) -> None:
        self.model = model
        self.margin = margin
        self.nodes = solver_nodes(model, reachable)
        self.metres, self.seconds, self.sites = node_matrices(model, self.nodes)
        self.buses = [bus for bus in model.fleet for _ in range(bus.count)]
        size = len(self.nodes.row)
        self.manager = pywrapcp.RoutingIndexManager(
            size, len(self.buses), [START] * len(self.buses), [END] * len(self.buses)
        )
        self.routing = pywrapcp.RoutingModel(self.manager)
        self._limits: list[Callable[[int, int], int]] = []
        self._costs()
        self._dimensions()
        self._pairs(rider_penalty(model, self.metres, self.nodes))
        if minimum:
            self._minimum()

    def _matrix(self, values: IntArray) -> int:
        """A transit matrix between nodes (OR-Tools maps indices to nodes), registered."""
        return int(self.routing.RegisterTransitMatrix(values.tolist()))

    def _costs(self) -> None:
        per_type: dict[str, int] = {}
        for v, bus in enumerate(self.buses):
            if bus.id not in per_type:
                per_type[bus.id] = self._matrix(self.metres * _per_metre(bus))
            self.routing.SetArcCostEvaluatorOfVehicle(per_type[bus.id], v)
            self.routing.SetFixedCostOfVehicle(_money(bus.fixed_cost), v)

    def _dimensions(self) -> None:
        m, routing, nodes = self.model, self.routing, self.nodes
        demand = [0] * len(nodes.row)
        for pair in nodes.pairs:
            demand[pair.pickup], demand[pair.delivery] = pair.riders, -pair.riders
        load = routing.RegisterUnaryTransitVector(demand)
        capacities = [m.capacities[bus.id] for bus in self.buses]
        routing.AddDimensionWithVehicleCapacity(load, 0, capacities, True, "load")
        longest = m.rules.max_route_seconds - self.margin
        routing.AddDimension(self._matrix(self.seconds), 0, longest, True, "time")
        routing.AddDimension(self._matrix(self.sites), 0, m.rules.max_dropoffs, True, "sites")
        routing.AddConstantDimension(0, 1, False, "cohort")
        cohort = routing.GetDimensionOrDie("cohort")
        for pair in nodes.pairs:
            quarantine = int(m.kind[pair.client])
            cohort.CumulVar(self.manager.NodeToIndex(pair.pickup)).SetRange(quarantine, quarantine)
        for client, group in nodes.siblings.items():
            self._tie(client, group)

    def _tie(self, client: int, group: list[int]) -> None:
        """The pickups of one point on one bus, or none: a dimension counts
        them, and every bus ends with none or all."""
        count = [0] * len(self.nodes.row)
        for node in group:
            count[node] = 1
        name = f"tie {client}"
        self.routing.AddDimension(
            self.routing.RegisterUnaryTransitVector(count), 0, len(group), True, name
        )
        tie = self.routing.GetDimensionOrDie(name)
        for v in range(len(self.buses)):
            tie.CumulVar(self.routing.End(v)).RemoveInterval(1, len(group) - 1)

    def _minimum(self) -> None:
        """Every bus carries none or at least its minimum riders: a dimension
        counts the riders boarding, and its value at each bus's end may not
        be between.  Only for a search from routes that keep it (`solve`'s
        ``start``; see the module's notes)."""
        boarding = [0] * len(self.nodes.row)
        for pair in self.nodes.pairs:
            boarding[pair.pickup] = pair.riders
        capacities = [self.model.capacities[bus.id] for bus in self.buses]
        self.routing.AddDimensionWithVehicleCapacity(
            self.routing.RegisterUnaryTransitVector(boarding), 0, capacities, True, "riders"
        )
        riders = self.routing.GetDimensionOrDie("riders")
        for v, bus in enumerate(self.buses):
            if self.model.minimum(bus) > 1:
                riders.CumulVar(self.routing.End(v)).RemoveInterval(1, self.model.minimum(bus) - 1)

    def _pairs(self, penalty: int) -> None:
        """Each pair: optional for ``penalty`` per rider, on one bus, pickup
        first, the delivery within its riders' ride caps (the search's filters
        check all of it as they go)."""
        routing, manager = self.routing, self.manager
        time_ = routing.GetDimensionOrDie("time")
        pickups = [manager.NodeToIndex(pair.pickup) for pair in self.nodes.pairs]
        for k, pair in enumerate(self.nodes.pairs):
            p, d = manager.NodeToIndex(pair.pickup), manager.NodeToIndex(pair.delivery)
            routing.AddDisjunction([p], penalty * pair.riders)
            routing.AddDisjunction([d], 0)
            routing.AddPickupAndDelivery(p, d)
            limit = _constant(pair.cap - self.margin)
            self._limits.append(limit)  # kept alive for the solver's callbacks
            time_.SetPickupToDeliveryLimitFunctionForPair(limit, k)
            routing.NextVar(d).RemoveValues(pickups)  # drop off only after every pickup

    def solve(self, time_limit: float, first: str, start: list[list[int]] | None = None) -> Raw:
        """Guided local search for ``time_limit`` seconds, from the ``first``
        solution heuristic's or from the routes ``start`` (solver indices per bus)."""
        params = pywrapcp.DefaultRoutingSearchParameters()
        params.first_solution_strategy = FIRST_SOLUTION[first]
        params.local_search_metaheuristic = (
            routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
        )
        params.time_limit.FromMilliseconds(round(time_limit * 1000))
        if start is None:
            solution = self.routing.SolveWithParameters(params)
        else:
            self.routing.CloseModelWithParameters(params)
            initial = self.routing.ReadAssignmentFromRoutes(start, True)
            solution = self.routing.SolveFromAssignmentWithParameters(initial, params)
        raw = Raw(trips=[], costs=[], seconds=0.0, status=int(self.routing.status()))
        if solution is not None:
            self._read(solution, raw)
        return raw

    def _read(self, solution: Any, raw: Raw) -> None:
        for v, bus in enumerate(self.buses):
            visits = []
            index = solution.Value(self.routing.NextVar(self.routing.Start(v)))
            while not self.routing.IsEnd(index):
                visits.append(index)
                index = solution.Value(self.routing.NextVar(index))
            path = [START, *(self.manager.IndexToNode(k) for k in visits), END]
            raw.routes.append(visits)
            raw.riders.append(
                sum(self.nodes.by_pickup[n].riders for n in path if n in self.nodes.by_pickup)
            )
            clients = [self.nodes.client(n) for n in path]
            seq = list(dict.fromkeys(i for i in clients if i is not None))
            raw.split_pairs += self._split(path)
            if not seq:
                continue
            metres = sum(int(self.metres[a, b]) for a, b in pairwise(path))
            raw.trips.append((bus, seq))
            sites = [self.nodes.site(n) for n in path]
            raw.orders.append(list(dict.fromkeys(s for s in sites if s is not None)))
            raw.costs.append(bus.fixed_cost + bus.cost_per_km * metres / 1000)

    def _split(self, path: list[int]) -> int:
        """Pairs with one node on ``path`` and the other not, and points with
        some but not all of their pickups on it (none, when the model is sound)."""
        on = set(path)
        pairs = [self.nodes.by_pickup.get(n) or self.nodes.by_delivery.get(n) for n in path]
        split = sum(pair.pickup not in on or pair.delivery not in on for pair in pairs if pair)
        groups = self.nodes.siblings.values()
        return split + sum(0 < len(on.intersection(group)) < len(group) for group in groups)


def _constant(value: int) -> Callable[[int, int], int]:
    """A pickup-to-delivery limit: ``value`` whichever alternatives."""

    def limit(pickup: int, delivery: int) -> int:
        return value

    return limit


def retimed(model: BusModel, trips: Sequence[Trip]) -> list[Trip]:
    """The trips timed exactly: each sheds its first pickup while it breaks a
    rule, and runs only with at least its bus's minimum riders."""
    kept = []
    for bus, seq in trips:
        seq = list(seq)
        while seq and model.broken(bus, seq):
            seq.pop(0)
        if seq and model.riders(seq) >= model.minimum(bus):
            kept.append((bus, seq))
    return kept


@dataclass
class Row:
    design: str
    riders: int
    buses: int
    cost: float
    seconds: float


def planner_row(instance: Instance) -> tuple[Row, list[Trip]]:
    """returnbus's plan of the same clients, and its routes as trips of the model."""
    started = time.perf_counter()
    result = instance.planner.plan(instance.clients, clock=time.perf_counter)
    seconds = time.perf_counter() - started
    index = {point.id: i for i, point in enumerate(instance.clients)}
    types = {bus.id: bus for bus in instance.model.fleet}
    trips = [
        (types[route.bus_type], [index[stop.point_id] for stop in route.stops])
        for route in result.routes
    ]
    row = Row(
        "returnbus planner",
        sum(route.riders for route in result.routes),
        len(result.routes),
        sum(route.cost for route in result.routes),
        seconds,
    )
    return row, trips


#: RoutingModel.status() by number.
STATUS = (
    "not solved",
    "success",
    "partial success (time limit before a local optimum)",
    "fail",
    "fail (time limit)",
    "invalid",
    "infeasible",
    "optimal",
)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--time-limit", type=float, default=60.0, help="OR-Tools' search, s")
    parser.add_argument(
        "--first", choices=sorted(FIRST_SOLUTION), default="parallel", help="first solution"
    )
    parser.add_argument(
        "--margin",
        type=int,
        default=0,
        help="minutes OR-Tools keeps off every ride cap and the route cap (default 0)",
    )
    parser.add_argument(
        "--minimum",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="then search this long more with each bus's minimum riders as a rule (default 0: not)",
    )
    parser.add_argument(
        "--no-planner", action="store_true", help="leave returnbus's planner out (a shorter run)"
    )
    args = parser.parse_args()
    instance = demo_instance()
    model = instance.model
    riders = sum(model.demand[i] for i in instance.reachable)
    print(
        f"demo batch: {len(instance.clients)} pickups, {len(instance.reachable)} reachable "
        f"({riders} riders); fleet "
        + ", ".join(f"{b.count} x {b.id} ({model.capacities[b.id]} seats)" for b in model.fleet)
    )
    started = time.perf_counter()
    raw = PdpModel(model, instance.reachable, margin=args.margin * 60).solve(
        args.time_limit, args.first
    )
    rows = ortools_rows("OR-Tools PDP", model, raw, started)
    print(
        f"\nOR-Tools: {args.first} first solution, guided local search, {args.time_limit:g} s, "
        f"one thread, margin {args.margin} min; status: {STATUS[raw.status]}"
    )
    second = None
    if args.minimum > 0:
        second = PdpModel(model, instance.reachable, margin=args.margin * 60, minimum=True)
        second_raw = second.solve(args.minimum, args.first, start=_at_minimum(model, raw))
        rows += ortools_rows("OR-Tools + minimum", model, second_raw, started)
        print(
            f"then from its buses with their minimum riders, {args.minimum:g} s more with the "
            f"minimum as a rule; status: {STATUS[second_raw.status]}"
        )
    ours, trips = (None, []) if args.no_planner else planner_row(instance)
    report([*rows, *([ours] if ours else [])], riders)
    checks(instance, raw, trips)
    if second is not None:
        print(f"OR-Tools + minimum, raw routes timed exactly: {_verdicts(model, second_raw.trips)}")


def ortools_rows(design: str, model: BusModel, raw: Raw, started: float) -> list[Row]:
    """OR-Tools' routes as it claims them, at its own costs (no second
    driver), and as they run once timed exactly."""
    raw.seconds = time.perf_counter() - started
    kept = retimed(model, raw.trips)
    return [
        Row(f"{design}, raw", sum(raw.riders), len(raw.trips), sum(raw.costs), raw.seconds),
        Row(
            f"{design}, exact",
            sum(model.riders(seq) for _, seq in kept),
            len(kept),
            sum(model.cost(bus, seq) for bus, seq in kept),
            time.perf_counter() - started,
        ),
    ]


def _at_minimum(model: BusModel, raw: Raw) -> list[list[int]]:
    """OR-Tools' routes, those with fewer riders than their bus's minimum emptied."""
    buses = [bus for bus in model.fleet for _ in range(bus.count)]
    return [
        visits if riders >= model.minimum(bus) else []
        for bus, visits, riders in zip(buses, raw.routes, raw.riders, strict=True)
    ]


def report(rows: Sequence[Row], riders: int) -> None:
    print(f"{'design':<26}{'riders carried':>16}{'buses':>7}{'total cost':>14}{'seconds':>9}")
    for row in rows:
        carried = f"{row.riders} of {riders}"
        print(f"{row.design:<26}{carried:>16}{row.buses:>7}{row.cost:>14,.0f}{row.seconds:>9.1f}")


def checks(instance: Instance, raw: Raw, ours: Sequence[Trip]) -> None:
    """What the exact model says of OR-Tools' raw routes, and of the planner's."""
    model = instance.model
    print(f"\nOR-Tools raw routes timed exactly ({len(raw.trips)}): {_verdicts(model, raw.trips)}")
    rides = [pair for pair in zip(raw.trips, raw.orders, strict=True) if model.broken(*pair[0])]
    rides = [(trip, order) for trip, order in rides if model.broken(*trip) == "ride"]
    if rides:
        own = sum(not _in_order(instance, trip, order) for trip, order in rides)
        print(
            f"  of the {len(rides)} breaking a ride cap, {own} keep every rule when driven "
            "in OR-Tools' drop-off order (the exact model drives the order that drives least)"
        )
    print(f"  pickups and drop-offs apart from their pair (never, if sound): {raw.split_pairs}")
    kept = retimed(model, raw.trips)
    if ours:
        print(f"returnbus routes timed exactly ({len(ours)}): {_verdicts(model, ours)}")
    print(
        "buses driving the long-haul distance under the long-haul minimum (the planner allows "
        f"them only when there is no other way): OR-Tools exact {_thin(model, kept)}"
        + (f", returnbus {_thin(model, ours)}" if ours else "")
    )


def _verdicts(model: BusModel, trips: Sequence[Trip]) -> str:
    """How many trips break which rule, or keep them all but fall below their minimum."""
    counts: Counter[str] = Counter()
    for bus, seq in trips:
        short = model.riders(seq) < model.minimum(bus)
        counts[model.broken(bus, seq) or ("ok but under minimum riders" if short else "ok")] += 1
    return ", ".join(f"{key} {n}" for key, n in counts.most_common()) or "-"


def _thin(model: BusModel, trips: Sequence[Trip]) -> int:
    return sum(model.long_and_thin(seq) for _, seq in trips)


def _in_order(instance: Instance, trip: Trip, order: list[str]) -> str:
    """`BusModel.broken` of ``trip`` with its drop-offs in ``order``: on a
    model of its own whose drop-off order is replaced (a diagnosis only)."""
    model = instance.planner.model(instance.clients)
    known = [site for site in order if site in model.site_index]
    setattr(model, "dropoff_order", lambda seq: known)  # noqa: B010  (mypy: a method)
    return model.broken(*trip)


if __name__ == "__main__":
    main()
