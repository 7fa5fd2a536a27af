"""What a batch is planned from (`Batch`) and what planning it gives (`Plan`).

Both are plain frozen data: a `Batch` can be pickled to another process,
planned many times with other settings, or split by region; a `Plan` keeps
its batch and settings, so a writer needs nothing else.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, time

from .domain import (
    NIGHT_ENDS,
    BedAssignment,
    BusType,
    ClosedStop,
    Dormitory,
    PickupPoint,
    Place,
    RosterFile,
    RosterIssue,
    Route,
    Site,
    Unassigned,
    Worker,
)
from .screen import Cause, group_causes
from .settings import IntakeSettings, Settings

#: What a plan's folder holds, as plan.json says (``outputs_format``), so that
#: `verify` tells a file taken out from one written before it was: 1 since
#: lists.xlsx has its 待联系 (to call) sheet; a plan written before says none (0).
#: One more whenever the outputs gain a file or sheet that verify reads back.
OUTPUTS_FORMAT = 1


@dataclass(frozen=True, slots=True, kw_only=True)
class LateRoster:
    """A late roster a re-plan added to the batch (`returnbus replan --add`):
    its file, and the batch its rows were taken for ("" when it names none)."""

    path: str
    batch: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Batch:
    """A roster read, validated, geocoded and screened, with where and when it travels.

    ``id`` is the batch as its roster rows and ``[[batch]]`` table name it;
    ``source`` the scenario file it was read from (so a re-plan can read
    the roster again).
    ``workers`` are the accepted roster rows, located, in worker-id order;
    ``riders`` and ``self_return`` are those the screen sent by bus or
    home alone; ``turned_away`` holds every row already out (rejected rows,
    red codes, homes that cannot be placed), and ``rejected`` the rejected
    rows as far as they could be read (for whom to call).  ``quarantine``
    holds the ids who must be quarantined on arrival, ``quarantine_causes``
    what binds those bound on their own account (`screen.Cause`), and
    ``close_contacts`` the rest of a red-code worker's keep-together group.  ``places`` names
    the divisions of the homes, by division code.  ``issues`` are every
    roster problem, warnings included, for the desk; ``roster`` says how the
    file was read; ``additions`` the late rosters re-plans added, read
    again by every later re-plan.  ``later_batches``: the campaign's batches
    (their ``[[batch]]`` ids) that leave after this one, to which a worker
    left without a bus or a bed may be moved; none for the last batch.
    """

    id: str
    name: str
    source: str = ""
    departure: datetime
    depot: Site
    destination: Site
    fleet: tuple[BusType, ...]
    employers: tuple[Site, ...]
    dormitories: tuple[Dormitory, ...]
    workers: tuple[Worker, ...]
    riders: tuple[Worker, ...]
    self_return: tuple[Worker, ...]
    quarantine: frozenset[str]
    turned_away: tuple[Unassigned, ...]
    close_contacts: frozenset[str] = frozenset()
    quarantine_causes: Mapping[str, Cause] = field(default_factory=dict)
    places: Mapping[str, Place] = field(default_factory=dict)
    rejected: tuple[Worker, ...] = ()
    issues: tuple[RosterIssue, ...] = ()
    rows_total: int
    intake: IntakeSettings
    roster: RosterFile | None = None
    additions: tuple[LateRoster, ...] = ()
    later_batches: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Plan:
    """The outcome of one batch, with the batch and settings it was planned from.

    Every roster row is in exactly one of ``routes``, ``self_return`` or
    ``unassigned``.  ``quarantine_required`` lists who travels (or was
    turned away for want of a room) and must be quarantined.  The ``dorm_``
    fields say how good the bed allocation is: its status (``optimal`` or
    ``feasible``), objective and bound.  ``to_call`` lists who travels but
    has no phone on the roster, for the desk to call.  ``stage_seconds``
    gives each stage's seconds, when planned with a clock.
    ``quarantine_for_sharing`` are those of ``quarantine_required`` sent
    there only for sharing a bus with a rider bound there on their own
    account (``quarantine_cohorts = "whole_bus"``); the others are bound by
    their screening (or their keep-together group's).  ``retired_buses``:
    buses of the earlier plans of a re-planned batch that no longer run
    (every rider dropped out or moved), which `[replan] announced` may still name.
    ``closed_stops``: the pickup points the desk closed in this plan's
    re-plans, this one's among them; no rider boards where one stood.
    ``night_ends``: the hour a night ended when its beds were dated
    (`domain.first_night`): `NIGHT_ENDS`, or midnight for a plan written
    before a bus in the small hours gave a bed from the night before.
    ``outputs_format``: what the folder it was written to holds
    (`OUTPUTS_FORMAT` for a plan made here; a plan read back says its own).
    """

    batch: Batch
    settings: Settings
    routes: tuple[Route, ...]
    self_return: tuple[str, ...]
    unassigned: tuple[Unassigned, ...]
    beds: tuple[BedAssignment, ...]
    quarantine_required: tuple[str, ...]
    quarantine_for_sharing: tuple[str, ...] = ()
    pickup_points: tuple[PickupPoint, ...] = ()
    solve_seconds: float = 0.0
    stage_seconds: tuple[tuple[str, float], ...] = ()
    search_iterations: int = 0
    search_stop: str = "none"
    dorm_status: str = "optimal"
    dorm_objective: int = 0
    dorm_bound: int = 0
    cohorts_split: int = 0
    to_call: tuple[str, ...] = ()
    retired_buses: tuple[str, ...] = ()
    closed_stops: tuple[ClosedStop, ...] = ()
    night_ends: time = NIGHT_ENDS
    outputs_format: int = OUTPUTS_FORMAT

    @property
    def workers(self) -> tuple[Worker, ...]:
        """Every accepted roster row."""
        return self.batch.workers

    @property
    def travelling(self) -> frozenset[str]:
        """Who travels: the riders of its buses and those returning on their own."""
        return frozenset(w for r in self.routes for w in r.worker_ids) | frozenset(self.self_return)

    @property
    def rows_total(self) -> int:
        """Data rows of the roster."""
        return self.batch.rows_total


def quarantine_causes(plan: Plan) -> dict[str, Cause]:
    """What binds each worker ``plan`` quarantines on their own account, or
    their keep-together group's member's (groups go whole, unless cohorts
    mix); none for those it does not know (bound by an earlier plan, or read
    back from a plan.json written before it kept them)."""
    batch = plan.batch
    if plan.settings.rules.quarantine_cohorts == "mixed":
        return dict(batch.quarantine_causes)
    return group_causes(batch.workers, batch.quarantine, batch.quarantine_causes)
