"""The routing stage's parameters: the rules a bus keeps, and the search budget."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True, slots=True, kw_only=True)
class BusRules:
    """Caps and minimums every bus keeps (the defaults follow the 2020 practice).

    ``max_ride_minutes``: first pickup to arrival.  ``max_route_minutes``:
    depot departure to arrival (driver hours).  ``min_riders``: fewer riders
    are merged into another bus or unassigned (a bus type may set its own).
    ``stop_minutes``: dwell at each pickup (boarding, temperature check).
    """

    max_ride_minutes: int = 600
    max_route_minutes: int = 1200
    min_riders: int = 8
    stop_minutes: int = 10

    @property
    def max_ride_seconds(self) -> int:
        """Ride-time cap, first pickup to arrival."""
        return self.max_ride_minutes * 60

    @property
    def max_route_seconds(self) -> int:
        """Route-duration cap, depot departure to arrival."""
        return self.max_route_minutes * 60

    @property
    def stop_seconds(self) -> int:
        """Dwell time at each pickup."""
        return self.stop_minutes * 60


@dataclass(frozen=True, slots=True, kw_only=True)
class SolverSettings:
    """Routing search budget.

    The search stops after ``iterations`` (None: `search_budget` of the
    problem's size), so the same inputs give the same plan on any machine;
    ``time_limit_seconds`` is only a safety stop (and when it ends the
    search, the plan says so, since another run may then differ).
    """

    time_limit_seconds: float = 120.0
    seed: int = 0
    iterations: int | None = None

    def budget(self, clients: int) -> int:
        """The iterations this search runs for ``clients`` pickup points."""
        return self.iterations if self.iterations is not None else search_budget(clients)


def search_budget(clients: int) -> int:
    """Iterations that reach, on the demo and on 2,000-worker batches, a cost
    within 1 % of a 20 s search (measured: 20,000 iterations were within
    0.5 % at 80 and at 255 pickup points; 10,000 were 1.2-1.3 % over)."""
    return min(20_000 + 20 * clients, 50_000)


@dataclass(frozen=True, slots=True, kw_only=True)
class ReplanRules:
    """Which buses a re-plan must keep as they are, besides those the desk locks.

    ``announced``: ``"all"`` (every bus of the earlier plan), ``"none"``, or
    the ids of the buses whose riders were told their pickup.
    ``max_shift_minutes``: a newcomer's stop goes onto a kept bus only if no
    rider already on it has their pickup moved by more than this.
    """

    announced: Literal["all", "none"] | tuple[str, ...] = "none"
    max_shift_minutes: int = 30

    def pinned(self, bus_ids: tuple[str, ...]) -> frozenset[str]:
        """The buses, of those given, that keep their route."""
        if self.announced == "all":
            return frozenset(bus_ids)
        if self.announced == "none":
            return frozenset()
        return frozenset(bus_ids) & frozenset(self.announced)
