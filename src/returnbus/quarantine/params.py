"""The bed allocator's parameters, and what it is asked for."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..domain import LatLon, Sex


@dataclass(frozen=True, slots=True, kw_only=True)
class QuarantineParams:
    """How long a quarantine lasts and how a room is turned round.

    ``days``: nights in quarantine, from arrival.  ``cleaning_days``: days a
    room stays empty after its occupants leave.  ``solver_seconds``: the bed
    allocator's work budget, in CP-SAT's deterministic time (about seconds
    on a common machine, but the same on any machine, so the same inputs
    give the same rooms).
    """

    days: int = 14
    cleaning_days: int = 1
    solver_seconds: float = 10.0


@dataclass(frozen=True, slots=True, kw_only=True)
class BedRequest:
    """A worker who needs a quarantine bed from the night of ``start`` until
    the morning of ``end`` (`domain.bed_dates`: a bus arriving in the small
    hours gives one night more than the quarantine's days).

    ``cohort`` groups who should stay together: a bus's riders, or the
    self-returners of one employer.  ``employer`` is the employer's id.
    ``dorm`` (if set) is the only dormitory the worker may sleep in: the one
    their bus drops them at.  ``within_reach`` (if set): the dormitories a
    bus could bring them to (the others are too far for their ride cap).
    ``gives_way``: housed only in beds nobody else asking needs (a rider
    sent to quarantine only for sharing a bus with one bound there, who
    could ride to work on another).
    """

    worker_id: str
    sex: Sex | None
    cohort: str
    employer: str
    employer_location: LatLon | None
    start: date
    end: date
    row: int | None = None
    bus_id: str = ""
    dorm: str = ""
    within_reach: tuple[str, ...] | None = None
    gives_way: bool = False
