"""The routing stage's parameters: the rules a bus keeps, and the search budget."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Literal


@dataclass(frozen=True, slots=True, kw_only=True)
class BusRules:
    """Caps and minimums every bus keeps (the defaults follow the 2020 practice).

    ``max_ride_minutes``: boarding to the rider's own drop-off.
    ``max_route_minutes``: depot departure to the last drop-off (driver
    hours).  ``min_riders``: fewer riders are merged into another bus; a
    bus type may set its own, and one that does not needs the smaller of
    this and half its seats under the seating policy.  Riders whom no bus
    can gather with enough others still get a bus of their own, marked
    under its minimum, when ``run_under_minimum`` (else they are unassigned).
    ``stop_minutes``: dwell at each stop (boarding, temperature check).
    ``max_dropoffs``: drop-off sites one bus may visit.
    ``quarantine_cohorts``: ``separate`` (a bus carries riders bound for
    quarantine or riders going to work, never both), ``whole_bus`` (everyone
    sharing a bus with a rider bound for quarantine goes to quarantine) or
    ``mixed``.  Clock: no bus leaves before ``earliest_departure`` (local
    time) and every drop-off is between ``arrive_from`` and ``arrive_until``.
    Drivers rest ``break_minutes`` after ``max_continuous_driving_minutes``
    at the wheel; a route with more than ``max_driving_minutes_one_driver``
    of driving takes two drivers.

    Hours of the day and night (after the Ministry of Transport's rules for
    long-distance coaches, repeated in its notice of February 2020): riders
    are picked up only between ``pickup_from`` and ``pickup_until`` (a far
    origin's bus drives out the day before and rests there, ``layover``);
    between ``night_from`` and ``night_until`` a driver drives at most
    ``max_night_driving_minutes`` on end; nobody drives between
    ``no_driving_from`` and ``no_driving_until`` unless the bus has two
    drivers, who relay at a scheduled stop (passengers stay on board); a
    route whose loaded or empty run is over ``two_drivers_km`` one way (or
    ``two_drivers_km_expressway`` when mostly on legs of
    ``expressway_leg_km`` or more) takes two drivers.  A wait of
    ``overnight_rest_minutes`` or more before the first pickup is the
    drivers' night's rest: it splits the route into two duties, each within
    ``max_route_minutes`` (0: any wait does; a bus that picks up as it
    arrives drives one duty whatever the setting).

    Rides a rider would accept: a rider's ride is at most
    ``max_detour_factor`` times their direct trip (the drive from their
    pickup straight to their drop-off) plus ``max_detour_minutes``, and each
    hour of riding beyond the direct trip costs ``detour_cost_per_hour``
    (yuan per rider) in the plan's objective.  A bus driving
    ``long_haul_km`` or more carries at least ``min_riders_long_haul``,
    unless that is the only way to carry its riders (the summary lists such buses).
    """

    max_ride_minutes: int = 600
    max_route_minutes: int = 1200
    min_riders: int = 8
    run_under_minimum: bool = True
    stop_minutes: int = 10
    max_dropoffs: int = 3
    quarantine_cohorts: Literal["separate", "whole_bus", "mixed"] = "separate"
    earliest_departure: str = "05:00"
    arrive_from: str = "08:00"
    arrive_until: str = "20:00"
    max_continuous_driving_minutes: int = 240
    break_minutes: int = 20
    max_driving_minutes_one_driver: int = 480
    pickup_from: str = "06:00"
    pickup_until: str = "21:00"
    night_from: str = "22:00"
    night_until: str = "06:00"
    max_night_driving_minutes: int = 120
    no_driving_from: str = "02:00"
    no_driving_until: str = "05:00"
    two_drivers_km: int = 400
    two_drivers_km_expressway: int = 600
    expressway_leg_km: int = 50
    overnight_rest_minutes: int = 480
    max_detour_factor: float = 2.0
    max_detour_minutes: int = 60
    detour_cost_per_hour: float = 20.0
    long_haul_km: int = 1000
    min_riders_long_haul: int = 8

    @property
    def max_ride_seconds(self) -> int:
        """Ride-time cap, boarding to the rider's own drop-off."""
        return self.max_ride_minutes * 60

    @property
    def max_route_seconds(self) -> int:
        """Route-duration cap, depot departure to the last drop-off."""
        return self.max_route_minutes * 60

    @property
    def stop_seconds(self) -> int:
        """Dwell time at each stop."""
        return self.stop_minutes * 60

    @property
    def break_seconds(self) -> int:
        """A rest's length."""
        return self.break_minutes * 60

    @property
    def max_continuous_seconds(self) -> int:
        """Driving allowed before a rest."""
        return self.max_continuous_driving_minutes * 60

    def ride_cap_seconds(self, direct_seconds: int) -> int:
        """The longest ride allowed to a rider whose direct trip takes ``direct_seconds``."""
        detour = self.max_detour_factor * direct_seconds + self.max_detour_minutes * 60
        return min(self.max_ride_seconds, int(detour))

    def minimum(self, bus_min_riders: int | None, capacity: int) -> int:
        """Fewest riders worth running a bus of this type and ``capacity``."""
        if bus_min_riders is not None:
            return bus_min_riders
        return max(1, min(self.min_riders, capacity // 2))


@dataclass(frozen=True, slots=True, kw_only=True)
class SolverSettings:
    """Routing search budget.

    Every part of the search stops on a budget of work, never on the clock:
    each sector's PyVRP search after ``iterations`` (None: `search_budget`
    of its size, or `DISTRICT_ITERATIONS` region by region), the choice of
    buses after ``rounds`` rounds of improvement, so the same inputs and
    ``seed`` give the same plan on any machine.  ``time_limit_seconds`` is
    only a safety stop (when it ends the search, the plan says so, since
    another run may then differ).
    ``workers`` is how many processes share the work (0: one per core); it
    changes how fast a plan comes, never the plan.
    """

    time_limit_seconds: float = 600.0
    seed: int = 0
    iterations: int | None = None
    rounds: int = 4
    workers: int = field(default_factory=lambda: default_workers())

    def budget(self, clients: int) -> int:
        """The iterations one sector's search runs for ``clients`` pickups."""
        if self.iterations is not None:
            return self.iterations
        return search_budget(clients)


def default_workers() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def search_budget(clients: int) -> int:
    """PyVRP iterations for one sector's search over ``clients`` pickups.  The
    search only proposes trips, which the choice of buses then combines, so
    a short search serves: 20 iterations a pickup, at least 1,000 and at
    most 1,500 (see ``benchmarks/routing.py --domain``, and
    `DISTRICT_ITERATIONS` for a batch planned region by region)."""
    return min(1_500, max(1_000, 20 * clients))


#: PyVRP iterations of each sector's search in a batch planned region by
#: region: its first local search only.  There the trips of savings, of
#: insertion and of the beam search carry the plan; on four 110,000-worker
#: batches (seeds 1-3, and the first of 5 batches) the 384 to 909
#: iterations of `search_budget` gave as many riders, buses and cost within
#: 0.15 % either way, and took a fifth to a third of the route stage.
DISTRICT_ITERATIONS = 1


@dataclass(frozen=True, slots=True, kw_only=True)
class ReplanRules:
    """Which buses a re-plan must keep as they are, besides those the desk locks.

    ``announced``: ``"all"`` (every bus of the earlier plan), ``"none"``, or
    the ids of the buses whose riders were told their pickup.
    ``max_shift_minutes``: a newcomer's stop goes onto a kept bus only if no
    rider already on it has their pickup moved by more than this (nor, if
    given a bed, arrives on another day than it was given from).
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
