"""Repairs after the search: buses under their minimum riders.

A bus under its minimum becomes a smaller free bus whose minimum it meets,
or merges into other buses where every cap still holds, or its riders are
dropped with the reason.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from ..domain import BusType
from .model import BusModel, DroppedPoint, Trip


def enforce_min_riders(model: BusModel, trips: list[Trip]) -> tuple[list[Trip], list[DroppedPoint]]:
    """Trips that all meet their bus's minimum, and the points that could not."""
    kept = list(trips)
    dropped: list[DroppedPoint] = []
    while True:
        small = [t for t in kept if model.riders(t[1]) < model.minimum(t[0])]
        if not small:
            return kept, dropped
        bus, seq = min(small, key=lambda t: model.riders(t[1]))
        kept.remove((bus, seq))
        smaller = _smaller_bus(model, seq, kept)
        if smaller is not None:
            kept.append((smaller, seq))
            continue
        merged = _merge(model, seq, kept)
        if merged is not None:
            kept = merged
            continue
        reason = (
            f"too few riders for a bus: only {model.riders(seq)} could be grouped, "
            f"below the minimum of {model.minimum(bus)}; "
            "arrange self-return, lower rules.min_riders, or add them to a later batch"
        )
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


def _merge(model: BusModel, seq: Sequence[int], trips: list[Trip]) -> list[Trip] | None:
    """Insert every point of ``seq`` into ``trips`` (cheapest feasible place
    each), or None when one of them fits nowhere."""
    result = [(bus, list(other)) for bus, other in trips]
    for i in seq:
        best = cheapest_insertion(model, result, i)
        if best is None:
            return None
        r, pos = best
        result[r][1].insert(pos, i)
    return result


def cheapest_insertion(
    model: BusModel,
    trips: list[Trip],
    i: int,
    allowed: Callable[[int, list[int]], bool] | None = None,
) -> tuple[int, int] | None:
    """(trip, position) where point ``i`` adds least cost within every cap
    (and, if given, where ``allowed(trip number, new sequence)`` holds)."""
    best: tuple[float, int, int] | None = None
    for r, (bus, other) in enumerate(trips):
        before = model.cost(bus, other)
        for pos in range(len(other) + 1):
            candidate = [*other[:pos], i, *other[pos:]]
            if model.feasible(bus, candidate) and (allowed is None or allowed(r, candidate)):
                extra = model.cost(bus, candidate) - before
                if best is None or extra < best[0]:
                    best = (extra, r, pos)
    return None if best is None else best[1:]
