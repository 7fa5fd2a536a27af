"""The routing stage's parameters: the rules a bus keeps, and the search budget."""

from __future__ import annotations

from dataclasses import dataclass


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

    ``iterations`` (if set) makes runs repeatable whatever the machine's
    speed; the time limit applies too whenever the caller gives a clock.
    """

    time_limit_seconds: float = 20.0
    seed: int = 0
    iterations: int | None = None
