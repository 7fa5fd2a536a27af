"""Screening: who rides, who returns by themselves, who must be quarantined."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
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
    """The screen's verdict for every worker it was given."""

    riders: tuple[Worker, ...]
    self_return: tuple[Worker, ...]
    unassigned: tuple[Unassigned, ...]
    quarantine: frozenset[str]
    close_contacts: frozenset[str] = frozenset()


def must_quarantine(worker: Worker, policy: ScreeningPolicy, home_province_code: str) -> bool:
    """Whether ``worker`` needs a quarantine bed on arrival under ``policy``.

    A self-returner whose home province is unknown counts as coming from
    outside: when in doubt, quarantine.
    """
    if (
        worker.origin_risk in policy.quarantine_risk_levels
        or worker.health_code in policy.quarantine_health_codes
    ):
        return True
    if worker.travel_mode == "self" and policy.quarantine_self_return_from_outside:
        return not (worker.division_code and worker.division_code.startswith(home_province_code))
    return False


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
    quarantine = frozenset(
        w.id
        for w in chain(riders, self_return)
        if w.id in contacts or must_quarantine(w, policy, home_province_code)
    )
    return Screening(
        riders=tuple(riders),
        self_return=tuple(self_return),
        unassigned=tuple(unassigned),
        quarantine=quarantine,
        close_contacts=frozenset(contacts),
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
