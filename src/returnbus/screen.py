"""Screening: who rides, who returns by themselves, who must be quarantined."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain
from typing import Literal

from .domain import HealthCode, RiskLevel, Unassigned, Worker
from .text import Text


@dataclass(frozen=True, slots=True, kw_only=True)
class ScreeningPolicy:
    """Who must be quarantined on arrival.

    ``home_province`` is the district's province by name; the quarantine
    rule for self-returners compares it with each home's division.  The rest
    of a red-code worker's keep-together group are close contacts:
    ``close_contacts = "hold"`` keeps them off the buses for the health
    office, ``"quarantine"`` carries them to isolation with riders bound
    for quarantine only.
    """

    quarantine_risk_levels: tuple[RiskLevel, ...] = ("medium", "high")
    quarantine_health_codes: tuple[HealthCode, ...] = ("yellow",)
    quarantine_self_return_from_outside: bool = True
    home_province: str = "重庆市"
    close_contacts: Literal["hold", "quarantine"] = "hold"


@dataclass(frozen=True, slots=True, kw_only=True)
class Screening:
    """The screen's verdict for every worker it was given: ``causes`` says
    what binds each of ``quarantine`` on their own account (close contacts
    have none)."""

    riders: tuple[Worker, ...]
    self_return: tuple[Worker, ...]
    unassigned: tuple[Unassigned, ...]
    quarantine: frozenset[str]
    close_contacts: frozenset[str] = frozenset()
    causes: Mapping[str, Cause] = field(default_factory=dict)


#: A self-returner's `Cause.detail` when the geocoder placed their home in no
#: province: they are bound as if from outside, which is not known to be so.
HOME_UNKNOWN = "home_unknown"

#: What binds a worker to quarantine on their own account: their health code,
#: their origin's risk, or returning by themselves from outside the home province.
CauseKind = Literal["health_code", "origin_risk", "self_return_outside"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Cause:
    """Why a worker is bound for quarantine, as precisely as the screen knows.

    ``detail`` is the health code or risk level for those kinds; for a
    self-returner, `HOME_UNKNOWN` when their home's province is not known
    (the rule counts them as from outside; nobody established it), else "".
    ``member``: when not "", the worker is bound only because this member of
    their keep-together group is, for ``kind`` (`group_causes`).
    """

    kind: CauseKind
    detail: str = ""
    member: str = ""


def quarantine_cause(
    worker: Worker, policy: ScreeningPolicy, home_province_code: str
) -> Cause | None:
    """What binds ``worker`` to a quarantine bed on arrival under ``policy``,
    or None: the health code first, then the origin's risk, then a return
    alone from outside the home province.

    A self-returner whose home province is unknown counts as coming from
    outside: when in doubt, quarantine.
    """
    if worker.health_code in policy.quarantine_health_codes:
        return Cause(kind="health_code", detail=worker.health_code)
    if worker.origin_risk in policy.quarantine_risk_levels:
        return Cause(kind="origin_risk", detail=worker.origin_risk)
    at_home = bool(worker.division_code) and worker.division_code.startswith(home_province_code)
    if worker.travel_mode == "self" and policy.quarantine_self_return_from_outside and not at_home:
        # Said apart: the desk is told the home was not placed, not that it lies outside.
        return Cause(
            kind="self_return_outside", detail="" if worker.division_code else HOME_UNKNOWN
        )
    return None


def must_quarantine(worker: Worker, policy: ScreeningPolicy, home_province_code: str) -> bool:
    """Whether ``worker`` needs a quarantine bed on arrival under ``policy``
    (`quarantine_cause`)."""
    return quarantine_cause(worker, policy, home_province_code) is not None


def group_causes(
    workers: Sequence[Worker], bound: Collection[str], causes: Mapping[str, Cause]
) -> dict[str, Cause]:
    """``causes`` with, for each of ``bound`` with none of their own, the
    cause of a member of their keep-together group (the first by id), that
    member named: whole groups go to quarantine together.  Those with none
    (bound by an earlier plan, or read back from a plan.json that kept no
    causes) stay without."""
    members: dict[str, list[str]] = {}
    for w in workers:
        if w.group:
            members.setdefault(w.group, []).append(w.id)
    found = dict(causes)
    for w in workers:
        if w.id in causes or w.id not in bound or not w.group:
            continue
        member = min(
            (m for m in members[w.group] if m in causes and not causes[m].member), default=None
        )
        if member is not None:
            found[w.id] = Cause(
                kind=causes[member].kind, detail=causes[member].detail, member=member
            )
    return found


def screen(
    workers: Sequence[Worker],
    policy: ScreeningPolicy,
    *,
    home_province_code: str,
    red_groups: Collection[str] = frozenset(),
) -> Screening:
    """Sort workers into riders, self-returners and the turned away.

    A red health code means no transport: the worker is reported for medical
    follow-up, and the rest of their keep-together group are close contacts,
    whatever batch the red-code member is in: ``red_groups`` are the groups
    with a red code anywhere in the roster (`red_code_groups`), besides those
    among ``workers``.  ``home_province_code`` is the 2-digit code of the
    district's province (``"50"`` for Chongqing).
    """
    contacts = _close_contacts(workers, red_code_groups(workers) | set(red_groups))
    riders: list[Worker] = []
    self_return: list[Worker] = []
    unassigned: list[Unassigned] = []
    for worker in workers:
        reason = _held(worker, contacts, policy)
        if reason:
            unassigned.append(
                Unassigned(worker_id=worker.id, stage="screen", reason=reason, row=worker.row)
            )
        elif worker.travel_mode == "self":
            self_return.append(worker)
        else:
            riders.append(worker)
    causes = {
        w.id: cause
        for w in chain(riders, self_return)
        if (cause := quarantine_cause(w, policy, home_province_code)) is not None
    }
    quarantine = frozenset(causes) | {w.id for w in chain(riders, self_return) if w.id in contacts}
    return Screening(
        riders=tuple(riders),
        self_return=tuple(self_return),
        unassigned=tuple(unassigned),
        quarantine=quarantine,
        close_contacts=frozenset(contacts),
        causes=causes,
    )


def red_code_groups(workers: Iterable[Worker]) -> frozenset[str]:
    """The keep-together groups with a member whose health code is red."""
    return frozenset(w.group for w in workers if w.group and w.health_code == "red")


def _close_contacts(workers: Sequence[Worker], red_groups: Collection[str]) -> dict[str, str]:
    """Worker id -> group, for members of a keep-together group with a red code."""
    return {w.id: w.group for w in workers if w.group in red_groups and w.health_code != "red"}


def _held(worker: Worker, contacts: dict[str, str], policy: ScreeningPolicy) -> str:
    """Why the worker may not travel at all, or ""."""
    if worker.health_code == "red":
        return Text("red_code")
    if worker.id in contacts and policy.close_contacts == "hold":
        return Text("close_contact", group=contacts[worker.id])
    return ""
