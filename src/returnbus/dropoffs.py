"""Where each rider gets off: at their employer's gate, or at their
quarantine dormitory; and which drop-off sites one bus may combine.

Sites are named ``employer:<id>``, ``dorm:<id>`` and ``destination`` (for
a rider whose employer is not in the employers file).  Zones group the
sites a bus may visit together: at most ``rules.max_dropoffs`` of them,
nearest together, and, when riders bound for quarantine travel apart from
riders going to work, dormitories and employers in zones of their own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .domain import QUARANTINE_SITE, LatLon, Worker
from .plan import Batch
from .travel import great_circle_km

DESTINATION = "destination"
#: Where riders bound for quarantine get off until the bed allocator, after
#: routing, names their dormitory: a stand-in at the dormitories' centre.
QUARANTINE = QUARANTINE_SITE


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
    dorms = {f"dorm:{d.id}": d.location for d in batch.dormitories}
    if dorms:
        found[QUARANTINE] = LatLon(
            sum(at.lat for at in dorms.values()) / len(dorms),
            sum(at.lon for at in dorms.values()) / len(dorms),
        )
    return found | dorms


def site_names(batch: Batch) -> dict[str, str]:
    """Each drop-off site's name as the desk knows it (employers sharing a
    gate are named together)."""
    names: dict[str, list[str]] = {}
    at_site = {
        at: site
        for site, at in sites(batch).items()
        if site != QUARANTINE and not site.startswith("dorm:")
    }
    for e in sorted(batch.employers, key=lambda e: e.id):
        names.setdefault(at_site[e.location], []).append(e.name)
    named = {site: " / ".join(n) for site, n in names.items()}
    named.setdefault(DESTINATION, batch.destination.name)
    named[QUARANTINE] = "隔离宿舍 quarantine dormitory"
    return named | {f"dorm:{d.id}": d.name for d in batch.dormitories}


class Dropoffs:
    """Where each rider of a batch gets off."""

    def __init__(self, batch: Batch) -> None:
        gate = {
            at: site
            for site, at in sites(batch).items()
            if site != QUARANTINE and not site.startswith("dorm:")
        }
        self._default = gate[batch.destination.location]
        self._gate = {e.id: gate[e.location] for e in batch.employers} | {
            e.name: gate[e.location] for e in batch.employers
        }

    def of(self, worker: Worker, *, quarantine: bool) -> str:
        """The stand-in for dormitories when bound for quarantine (the bed
        allocator names the dormitory after routing), else their employer's
        gate (the destination when the employer is unknown)."""
        if quarantine:
            return QUARANTINE
        return self._gate.get(worker.employer, self._default)


def zones(sites: Mapping[str, LatLon], max_dropoffs: int, *, apart: bool) -> dict[str, str]:
    """Site id -> zone id: at most ``max_dropoffs`` sites each, nearest together.

    Riders bound for quarantine get off at the dormitories' stand-in while
    routing (the allocator keeps a bus's riders in few dormitories after
    it), and the dormitories are in its zone.  With ``apart``, the stand-in
    is a zone of its own (``q``) and the
    employers' gates are zoned among themselves (``w1``, ``w2``...), so that
    no bus carries riders bound for quarantine with riders going to work.
    """
    gates = {s: at for s, at in sites.items() if not s.startswith("dorm:")}
    if not apart:
        zoned = _zoned(gates, max_dropoffs, "m")
    else:
        work = {s: at for s, at in gates.items() if s != QUARANTINE}
        zoned = _zoned(work, max_dropoffs, "w") | ({QUARANTINE: "q"} if QUARANTINE in gates else {})
    # A rider who keeps a bed from an earlier plan gets off at its dormitory:
    # in the stand-in's zone.
    dorms = {s: zoned[QUARANTINE] for s in sites if s.startswith("dorm:") and QUARANTINE in zoned}
    return zoned | dorms


def _zoned(sites: Mapping[str, LatLon], size: int, prefix: str) -> dict[str, str]:
    """Greedy: the first site left (by place) and its nearest neighbours form a zone."""
    left = sorted(sites, key=lambda s: (sites[s].lat, sites[s].lon, s))
    zone: dict[str, str] = {}
    number = 0
    while left:
        number += 1
        seed = left.pop(0)
        near = sorted(left, key=lambda s: (_km(sites[seed], sites[s]), s))[: max(0, size - 1)]
        for site in (seed, *near):
            zone[site] = f"{prefix}{number}"
        left = [s for s in left if s not in near]
    return zone


def _km(a: LatLon, b: LatLon) -> float:
    return float(great_circle_km(a.lat, a.lon, b.lat, b.lon))


def groups(workers: Iterable[Worker]) -> dict[str, str]:
    """Worker id -> keep-together group, for those in one."""
    return {w.id: w.group for w in workers if w.group}
