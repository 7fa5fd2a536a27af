"""A bus's pickups as the desk and the driver read them: those at one place
and one time are one stop.

A town's riders bound for different drop-offs (employer gates, dormitories)
board at pickup points of their own, which may stand at the same place.  The
bus stops there once (the timing model charges one dwell for them), so the
papers list it once, numbered by its points' order joined by "·" ("2·3·4"),
as the map numbers its marker (returnbus-map.js).  plan.json keeps each point
a stop of its own (`Stop.seq`): `verify` and re-plans read it; only what is
rendered merges.

Drop-offs are named as the desk knows their sites (`dropoff_names`); a
bus's papers name an employer's gate for the riders it drops there
(`DropoffNames.of_bus`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..domain import Route, Stop
from ..dropoffs import QUARANTINE, GateNames, site_names
from ..plan import Batch
from ..text import Lang, joined, say
from .labels import label

#: Joins the numbers of the pickup points of one stop, as the map does.
JOIN = "·"


def boardings(stops: Sequence[Stop]) -> list[tuple[Stop, ...]]:
    """``stops`` (a route's pickups, in order) as the stops the bus makes:
    each run of pickups at one place and one time is one.  Points at one
    place but another time stay apart: the bus comes back there."""
    runs: list[list[Stop]] = []
    for stop in stops:
        last = runs[-1][-1] if runs else None
        if last is not None and (last.location, last.arrive) == (stop.location, stop.arrive):
            runs[-1].append(stop)
        else:
            runs.append([stop])
    return [tuple(run) for run in runs]


def stop_number(stops: Sequence[Stop]) -> str:
    """The number of the stop the pickups ``stops`` make: ``3``, ``2·3·4``."""
    return JOIN.join(str(stop.seq) for stop in stops)


def stop_numbers(stops: Sequence[Stop]) -> dict[int, str]:
    """Each pickup's ``seq`` -> the number of the stop it is one of (`boardings`)."""
    return {stop.seq: stop_number(run) for run in boardings(stops) for stop in run}


def on_the_way(route: Route, *, observation: bool) -> str:
    """The label key of the rule of the road the registration form and the
    manifest state for ``route``, the observation rows named when the
    seating policy keeps them (``observation``).  A bus of one pickup stop
    and one drop-off takes no one on or off on the way; on one of several,
    riders board and alight at its other stops, so it is "but at the
    planned stops": plain "on the way" said they did not."""
    one_stop = len(boardings(route.stops)) <= 1 and len(route.dropoffs) <= 1
    if one_stop:
        return "no_stops_observation" if observation else "no_stops_on_way"
    return "planned_stops_only_observation" if observation else "planned_stops_only"


def dropoff_stop(route: Route, seq: int, site: str, lang: Lang) -> str:
    """The drop-off ``seq`` of ``route`` (its site named ``site``) as the
    bus's papers say it: on a bus of several drop-offs numbered as the
    driver's sheet numbers its row, "（5）A / B"; on a bus of one, its name."""
    if len(route.dropoffs) <= 1:
        return site
    return label("destination_stop", lang, stop=seq, site=site)


def dropoffs_said(route: Route, sites: Mapping[str, str], lang: Lang) -> str:
    """Where ``route``'s bus goes, as every paper of it says it (the driver's
    sheet's and registration form's Destination, the manifest's drop-offs):
    its drop-off's name, or with several each in stop order, numbered
    (`dropoff_stop`), "；" ("; ") between stops: "（5）A / B；（6）C".  A
    gate's name joins the employers of the bus's riders there with " / "
    (`DropoffNames.of_bus`), so a plain list ("A / B、C") did not say where
    one stop ended and the next began; the manifest's "A / B → C" neither
    numbered them as the driver's sheet does nor read as the same stops."""
    stops = [
        dropoff_stop(route, d.seq, sites.get(d.point_id, d.point_id), lang) for d in route.dropoffs
    ]
    return stops[0] if len(stops) == 1 else say(joined(stops), lang)


def dropoff_names(batch: Batch, lang: Lang) -> dict[str, str]:
    """Each drop-off site's name (`site_names`), the dormitories' stand-in
    (riders bound for quarantine before a bed is reserved) named in ``lang``
    as every word of the papers, map and lists is."""
    return site_names(batch) | {QUARANTINE: label("quarantine_stand_in", lang)}


class DropoffNames:
    """The drop-off sites' names in one language: whole (`whole`, each gate
    with every employer sharing it, as the map and the desk's lists give
    them), and as one bus's papers give them (`of_bus`)."""

    def __init__(self, batch: Batch, lang: Lang) -> None:
        self.whole = dropoff_names(batch, lang)
        self._gates = GateNames(batch)
        self._workers = {w.id: w for w in batch.workers}

    def of_bus(self, route: Route) -> dict[str, str]:
        """Each site's name on the papers of ``route``'s bus: a gate it drops
        riders at named after their employers only (`GateNames.of`), a
        gate shared by ten employers stacked all ten in its cells."""
        alighting: dict[str, list[str]] = {}
        for stop in route.dropoffs:
            alighting.setdefault(stop.point_id, []).extend(stop.worker_ids)
        named = dict(self.whole)
        for site, workers in alighting.items():
            riders = [self._workers[w] for w in workers if w in self._workers]
            # A rider not on the roster read (a damaged plan): whom they work for is not known.
            own = self._gates.of(site, riders) if len(riders) == len(workers) else None
            if own is not None:
                named[site] = own
        return named
