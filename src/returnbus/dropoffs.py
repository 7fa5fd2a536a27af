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
#: What an employer's gate's site id starts with, the first employer's id
#: following: ``employer:<id>``.
_GATE_PREFIX = "employer:"
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
            found[_GATE_PREFIX + e.id] = e.location
    if batch.destination.location not in found.values():
        found[DESTINATION] = batch.destination.location
    dorms = {dorm_site(d.id): d.location for d in batch.dormitories}
    if dorms:
        found[QUARANTINE] = LatLon(
            sum(at.lat for at in dorms.values()) / len(dorms),
            sum(at.lon for at in dorms.values()) / len(dorms),
        )
    return found | dorms


def _gates(batch: Batch) -> dict[LatLon, str]:
    """The site id of each place riders get off at to work: an employer's
    gate, or the destination."""
    return {
        at: site
        for site, at in sites(batch).items()
        if site != QUARANTINE and dorm_of_site(site) is None
    }


def gate_employers(batch: Batch) -> dict[str, list[str]]:
    """The names of the employers at each gate (several share a park's), by their ids' order."""
    names: dict[str, list[str]] = {}
    at_site = _gates(batch)
    for e in sorted(batch.employers, key=lambda e: e.id):
        names.setdefault(at_site[e.location], []).append(e.name)
    return names


def site_names(batch: Batch) -> dict[str, str]:
    """Each drop-off site's name as the desk knows it (employers sharing a
    gate are named together); the dormitories' stand-in has no name of its
    own, which the papers give in their language (`render.stops.dropoff_names`).
    A bus's papers name a gate for its own riders (`GateNames`)."""
    named = {site: " / ".join(n) for site, n in gate_employers(batch).items()}
    named.setdefault(DESTINATION, batch.destination.name)
    return named | {dorm_site(d.id): d.name for d in batch.dormitories}


class GateNames:
    """An employer's gate named for the riders one bus drops there.  The
    desk's name of a gate (`site_names`) gives every employer sharing it, up
    to ten in a park: on a bus's papers it told the driver nothing of whom
    his riders work for, and pushed a bus of a few stops on to two pages."""

    def __init__(self, batch: Batch) -> None:
        self._dropoffs = Dropoffs(batch)
        # A roster names a rider's employer by its id or by its name (`Dropoffs`).
        self._employers = {e.id: e for e in batch.employers} | {e.name: e for e in batch.employers}
        self._order = {e.id: k for k, e in enumerate(sorted(batch.employers, key=lambda e: e.id))}
        self._destination = batch.destination.name

    def of(self, site: str, riders: Iterable[Worker]) -> str | None:
        """``site``'s name for ``riders`` getting off there: the employers
        they work for, in the order `site_names` gives them, " / " between,
        after the destination's name for those of no employer the employers
        file lists (a row naming none: they get off at the gate the
        destination shares).
        None when ``site`` is no employer's gate (a dormitory, the
        destination: named as they are) or a rider is not known here: the
        site keeps its whole name."""
        if not site.startswith(_GATE_PREFIX):
            return None
        employers: dict[str, str] = {}
        other = False
        for worker in riders:
            if self._dropoffs.of(worker, quarantine=False) != site:
                return None
            employer = self._employers.get(worker.employer)
            if employer is None:
                other = True
            else:
                employers[employer.id] = employer.name
        if not employers and not other:
            return None
        named = [employers[e] for e in sorted(employers, key=self._order.__getitem__)]
        return " / ".join([self._destination, *named] if other else named)


class Dropoffs:
    """Where each rider of a batch gets off."""

    def __init__(self, batch: Batch) -> None:
        gate = _gates(batch)
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
