"""Repairs after the search: buses under their minimum riders, and merges.

A bus under its minimum becomes a smaller free bus whose minimum it meets,
or merges into other buses where every cap still holds, or its riders are
dropped with the reason.  A merge may also move one pickup on to make room
for another (`ejected`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from ..domain import BusType
from ..text import Text
from .model import BusModel, DroppedPoint, Trip
from .trips import cheapest_place

#: Whether a trip (by number) may take this new sequence of points.
Allowed = Callable[[int, list[int]], bool]


def enforce_min_riders(
    model: BusModel,
    trips: list[Trip],
    allowed: Allowed | None = None,
    *,
    keeps_running: Callable[[list[int]], bool] | None = None,
) -> tuple[list[Trip], list[DroppedPoint]]:
    """Trips that all meet their bus's minimum, and the points that could not
    (a merge only where ``allowed(trip number, new sequence)``, if given).
    A trip that ``keeps_running`` stays under its minimum when neither a
    smaller bus nor a merge can take it."""
    kept = list(trips)
    dropped: list[DroppedPoint] = []
    standing: list[Trip] = []
    while True:
        small = [t for t in kept if model.riders(t[1]) < model.minimum(t[0])]
        if not small:
            return [*kept, *standing], dropped
        bus, seq = min(small, key=lambda t: model.riders(t[1]))
        kept.remove((bus, seq))
        smaller = _smaller_bus(model, seq, [*kept, *standing])
        if smaller is not None:
            kept.append((smaller, seq))
            continue
        merged = merged_into(model, seq, kept, allowed)
        if merged is not None:
            kept = merged
            continue
        if keeps_running is not None and keeps_running(seq):
            standing.append((bus, seq))
            continue
        reason = Text("too_few", riders=model.riders(seq), minimum=model.minimum(bus))
        dropped += [DroppedPoint(point=model.points[i], reason=reason) for i in seq]


def _smaller_bus(model: BusModel, seq: Sequence[int], trips: list[Trip]) -> BusType | None:
    """The cheapest free bus type that can drive ``seq`` and whose minimum it meets."""
    used = Counter(bus.id for bus, _ in trips)
    riders = model.riders(seq)
    fits = [
        bus
        for bus in model.fleet
        if used[bus.id] < bus.count and model.minimum(bus) <= riders and model.feasible(bus, seq)
    ]
    return min(fits, key=lambda bus: model.cost(bus, seq), default=None)


def merged_into(
    model: BusModel,
    seq: Sequence[int],
    trips: Sequence[Trip],
    allowed: Allowed | None = None,
    *,
    eject: bool = False,
) -> list[Trip] | None:
    """Insert every point of ``seq`` into ``trips`` (cheapest feasible place
    each), or None when one of them fits nowhere.  With ``eject``, a point
    that fits nowhere may take the place of a point of one trip that moves
    to another (`ejected`)."""
    result = [(bus, list(other)) for bus, other in trips]
    for i in seq:
        best = cheapest_insertion(model, result, i, allowed)
        if best is not None:
            r, pos = best
            result[r][1].insert(pos, i)
            continue
        moved = ejected(model, result, i) if eject else None
        if moved is None:
            return None
        result = moved
    return result


def ejected(model: BusModel, trips: Sequence[Trip], i: int) -> list[Trip] | None:
    """``trips`` with point ``i`` in one of them in place of one of its
    points, which goes to its cheapest place in another: of every such
    exchange that keeps every rule, the cheapest; None if there is none.
    Filling a bus often needs this one step more than insertion alone:
    the gap is in one bus, the seats in another."""
    best: tuple[float, int, list[int], int, list[int]] | None = None
    for r, (bus, other) in enumerate(trips):
        before = model.cost(bus, other)
        for q in other:
            rest = [j for j in other if j != q]
            if model.riders(rest) + model.demand[i] > model.capacities[bus.id]:
                continue
            taken = cheapest_place(model, rest, i)
            if taken is None:
                continue
            added = model.cost(bus, taken) - before
            for u, (target, seq) in enumerate(trips):
                if u == r or model.riders(seq) + model.demand[q] > model.capacities[target.id]:
                    continue
                landed = cheapest_place(model, seq, q)
                if landed is None:
                    continue
                extra = added + model.cost(target, landed) - model.cost(target, seq)
                if best is None or extra < best[0]:
                    best = (extra, r, taken, u, landed)
    if best is None:
        return None
    _, r, taken, u, landed = best
    result = [(bus, list(seq)) for bus, seq in trips]
    result[r] = (result[r][0], taken)
    result[u] = (result[u][0], landed)
    return result


def cheapest_insertion(
    model: BusModel,
    trips: list[Trip],
    i: int,
    allowed: Allowed | None = None,
) -> tuple[int, int] | None:
    """(trip, position) where point ``i`` adds least cost within every cap
    (and, if given, where ``allowed(trip number, new sequence)`` holds)."""
    best: tuple[float, int, int] | None = None
    for r, (bus, other) in enumerate(trips):
        before = model.cost(bus, other)
        for pos in range(len(other) + 1):
            candidate = [*other[:pos], i, *other[pos:]]
            if not model.feasible(bus, candidate):
                continue
            extra = model.cost(bus, candidate) - before
            # ``allowed`` may time the trip again: asked only of a better place.
            if (best is None or extra < best[0]) and (allowed is None or allowed(r, candidate)):
                best = (extra, r, pos)
    return None if best is None else best[1:]
