"""Where each rider gets off: at their employer's gate, or at their
quarantine dormitory.

Sites are named ``employer:<id>``, ``dorm:<id>`` and ``destination`` (for
a rider whose employer is not in the employers file).  Until a bed is
reserved for a rider bound for quarantine, the dormitories' centre stands
in for their drop-off, to judge whether any bus could bring them at all.
"""

from __future__ import annotations

from collections.abc import Iterable

from .domain import QUARANTINE_SITE, LatLon, Worker
from .plan import Batch

DESTINATION = "destination"
#: What a dormitory's site id starts with, its id following: ``dorm:<id>``.
_DORM_PREFIX = "dorm:"
#: Where riders bound for quarantine get off until a bed is reserved for
#: them: a stand-in at the dormitories' centre.
QUARANTINE = QUARANTINE_SITE


def dorm_site(dorm_id: str) -> str:
    """The drop-off site id of dormitory ``dorm_id`` (``dorm:<id>``)."""
    return _DORM_PREFIX + dorm_id


def dorm_of_site(site: str) -> str | None:
    """The id of the dormitory drop-off site ``site`` names, or None when
    ``site`` is not a dormitory's (an employer's gate, the destination, the
    quarantine stand-in)."""
    return site.removeprefix(_DORM_PREFIX) if site.startswith(_DORM_PREFIX) else None


def sites(batch: Batch) -> dict[str, LatLon]:
    """Every drop-off site of the batch, by site id: one per place for
    employers, so that employers sharing a park's gate share a stop (named
    after the first), and one per dormitory."""
    found: dict[str, LatLon] = {}
    for e in sorted(batch.employers, key=lambda e: e.id):
        if e.location not in found.values():
            found[f"employer:{e.id}"] = e.location
    if batch.destination.location not in found.values():
        found[DESTINATION] = batch.destination.location
    dorms = {dorm_site(d.id): d.location for d in batch.dormitories}
    if dorms:
        found[QUARANTINE] = LatLon(
            sum(at.lat for at in dorms.values()) / len(dorms),
            sum(at.lon for at in dorms.values()) / len(dorms),
        )
    return found | dorms


def site_names(batch: Batch) -> dict[str, str]:
    """Each drop-off site's name as the desk knows it (employers sharing a
    gate are named together); the dormitories' stand-in has no name of its
    own, which the papers give in their language (`render.stops.dropoff_names`)."""
    names: dict[str, list[str]] = {}
    at_site = {
        at: site
        for site, at in sites(batch).items()
        if site != QUARANTINE and dorm_of_site(site) is None
    }
    for e in sorted(batch.employers, key=lambda e: e.id):
        names.setdefault(at_site[e.location], []).append(e.name)
    named = {site: " / ".join(n) for site, n in names.items()}
    named.setdefault(DESTINATION, batch.destination.name)
    return named | {dorm_site(d.id): d.name for d in batch.dormitories}


class Dropoffs:
    """Where each rider of a batch gets off."""

    def __init__(self, batch: Batch) -> None:
        gate = {
            at: site
            for site, at in sites(batch).items()
            if site != QUARANTINE and dorm_of_site(site) is None
        }
        self._default = gate[batch.destination.location]
        self._gate = {e.id: gate[e.location] for e in batch.employers} | {
            e.name: gate[e.location] for e in batch.employers
        }

    def of(self, worker: Worker, *, quarantine: bool) -> str:
        """The stand-in for dormitories when bound for quarantine (until a bed
        is reserved), else their employer's gate (the destination when the
        employer is unknown)."""
        if quarantine:
            return QUARANTINE
        return self._gate.get(worker.employer, self._default)


def groups(workers: Iterable[Worker]) -> dict[str, str]:
    """Worker id -> keep-together group, for those in one."""
    return {w.id: w.group for w in workers if w.group}
