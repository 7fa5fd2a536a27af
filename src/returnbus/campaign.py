"""Batches of a campaign: which roster rows a batch plans, and where and when it goes.

A roster may hold several batches (its 返岗批次 column); the scenario's
``[[batch]]`` tables give each its departure and, optionally, its own
destination and fleet.  Batches are matched by `returnbus.ids.batch_key`,
so 第一批, 第1批 and 1 are one batch.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Literal

from .domain import BusType, LatLon, RosterIssue, Route, Site, Worker
from .errors import InputError
from .ids import batch_key
from .io.roster import RosterReport
from .io.scenario import BatchSpec, Scenario
from .routing.params import BusRules
from .text import Text, by_count, listed
from .travel import GreatCircleTravel, TravelSettings


@dataclass(frozen=True, slots=True, kw_only=True)
class BatchChoice:
    """The batch to plan: its id, the roster rows it holds, and its travel."""

    id: str
    rows: frozenset[int]
    departure: datetime
    destination: Site
    fleet: tuple[BusType, ...]
    stray: Mapping[int, str] = field(default_factory=dict)


def stray_rows(report: RosterReport, scenario: Scenario) -> dict[int, str]:
    """Rows that no batch plans, with their batch as written: a row refused
    for its batch cell (`RosterReport.batch_refused`), a blank batch cell in
    a roster whose other rows name one, or (when scenario.toml has
    ``[[batch]]`` tables) a batch that has no table."""
    refused = report.batch_refused
    named = {batch_key(t) for r, t in report.batch_of_row.items() if r not in refused} - {""}
    tables = {batch_key(b.id) for b in scenario.batches}
    return {
        row: text
        for row, text in report.batch_of_row.items()
        if row in refused
        or (named and (not batch_key(text) or (tables and batch_key(text) not in tables)))
    }


def stray_reason(text: str, scenario: Scenario, written: Sequence[str]) -> Text:
    """Why a stray row is planned by no batch, and what to do."""
    ids = listed([b.id for b in scenario.batches] or sorted(set(written)))
    if not text.strip():
        return Text("batch_blank", ids=ids)
    return Text("batch_unknown", value=text, ids=ids)


def stray_issues(report: RosterReport, scenario: Scenario) -> list[RosterIssue]:
    """`check`'s report of the rows that no batch plans (a row refused for
    its batch cell has its own issue, which says what to write)."""
    stray = stray_rows(report, scenario)
    refused = report.batch_refused
    planned = [t for r, t in report.batch_of_row.items() if r not in stray]
    ids = {w.row: w.id for w in (*report.workers, *report.rejected_workers)}
    return [
        RosterIssue(
            row=row,
            column="batch",
            value=text,
            problem=stray_reason(text, scenario, planned),
            action=Text("batch_stray_action"),
            worker_id=ids.get(row, ""),
        )
        for row, text in sorted(stray.items())
        if row not in refused
    ]


def choose_batch(report: RosterReport, scenario: Scenario, wanted: str | None) -> BatchChoice:
    """The batch ``wanted`` (None: the roster's only batch), or `InputError` saying which exist."""
    written: dict[str, str] = {}
    count: Counter[str] = Counter()
    column = dict(report.file.columns).get("batch", "batch")  # as the roster heads it
    stray = stray_rows(report, scenario)
    refused = report.batch_refused
    for row, text in report.batch_of_row.items():
        if row in stray:
            continue
        key = batch_key(text)
        written.setdefault(key, text)
        count[key] += 1
    # Without [[batch]] tables, only rows refused for their batch cell are
    # stray here: the roster names no batch, and they are planned as refused.
    if stray and not count and scenario.batches:
        ids = listed([b.id for b in scenario.batches])
        raise InputError(
            Text("no_row_in_batches", ids=ids),
            path=scenario.roster.path,
            row=min(stray),
            column=column,
            hint=Text("no_row_in_batches_action"),
        )
    listing = listed(
        [
            Text(
                by_count("batch_rows", count[k]),
                batch=written[k] or Text("no_batch"),
                rows=count[k],
            )
            for k in sorted(count)
        ]
    )
    if wanted is None:
        if len(count) > 1:
            raise InputError(
                Text("several_batches", listing=listing),
                path=scenario.roster.path,
                column=column,
                hint=Text(
                    "several_batches_action", batch=next(written[k] for k in sorted(count) if k)
                ),
            )
        key = next(iter(count), "")
    else:
        key = batch_key(wanted)
        if (
            key not in count
            and len(count) == 1
            and wanted == _id(scenario, next(iter(count)), written)
        ):
            key = next(iter(count))  # the batch a roster without batches was planned as
        _refuse_stray(scenario, key, {r: t for r, t in stray.items() if r not in refused})
        if key not in count:
            raise InputError(
                Text("batch_no_rows", wanted=wanted, listing=listing or Text("none")),
                path=scenario.roster.path,
                column=column,
                hint=Text("batch_no_rows_action"),
            )
    spec = _spec(scenario, key, written.get(key, ""))
    rows = frozenset(
        row
        for row, text in report.batch_of_row.items()
        if row not in stray and batch_key(text) == key
    )
    return BatchChoice(
        id=_id(scenario, key, written),
        rows=rows,
        departure=spec.departure if spec else scenario.departure,
        destination=(spec.destination if spec else None) or scenario.destination,
        fleet=(spec.fleet if spec else None) or scenario.fleet,
        stray=stray,
    )


def _refuse_stray(scenario: Scenario, key: str, stray: Mapping[int, str]) -> None:
    """A wanted batch that only stray rows name has no [[batch]] table: say so."""
    for text in stray.values():
        if key and batch_key(text) == key:
            _spec(scenario, key, text)


def shared_days(report: RosterReport, scenario: Scenario) -> list[RosterIssue]:
    """A warning when batches of the roster leave on one day because the
    scenario gives them no [[batch]] dates: they share the fleet that day.
    None for a roster checked without a scenario (no fleet, and a departure
    day made up): there is no day or fleet to say they share."""
    written: dict[str, str] = {}
    refused = report.batch_refused
    for row, text in report.batch_of_row.items():
        # A blank cell is no batch: its row is refused on its own (batch_blank);
        # nor is a refused one (an Excel time), refused on its own too.
        if batch_key(text) and row not in refused:
            written.setdefault(batch_key(text), text)
    named = sorted(written.values())
    if scenario.batches or len(named) < 2 or not scenario.fleet:
        return []
    return [
        RosterIssue(
            row=0,
            column="batch",
            value=", ".join(named),
            problem=Text(
                "batches_share_day",
                batches=listed(named),
                day=scenario.departure.date().isoformat(),
            ),
            action=Text("batches_share_day_action"),
            severity="warning",
        )
    ]


def _id(scenario: Scenario, key: str, written: dict[str, str]) -> str:
    """The batch's id: its [[batch]] table's, else as the roster writes it, else the
    scenario's name."""
    spec = _spec(scenario, key, written.get(key, ""))
    return spec.id if spec else written.get(key) or scenario.name


def _spec(scenario: Scenario, key: str, written: str) -> BatchSpec | None:
    """The batch's [[batch]] table; with tables, a batch without one is an error."""
    if not scenario.batches:
        return None
    for spec in scenario.batches:
        if batch_key(spec.id) == key:
            return spec
    if not key and len(scenario.batches) == 1:
        return scenario.batches[0]
    ids = listed([b.id for b in scenario.batches])
    raise InputError(
        Text("batch_no_table", batch=written or Text("no_batch"), ids=ids),
        path=scenario.path,
        key="batch",
        hint=Text("batch_no_table_action"),
    )


def split_groups(
    workers: Sequence[Worker], *, contacts: Literal["hold", "quarantine"] = "hold"
) -> list[RosterIssue]:
    """Warnings for keep-together groups whose members sit in different
    batches or travel modes: they would not travel together.  Where a member
    has a red health code, the warning says the others are close contacts in
    every batch, and what ``contacts`` does with them."""
    members: dict[str, list[Worker]] = defaultdict(list)
    for worker in workers:
        if worker.group:
            members[worker.group].append(worker)
    issues = []
    for group, people in sorted(members.items()):
        batches = {batch_key(w.batch) for w in people}
        modes = {w.travel_mode for w in people}
        if len(batches) == 1 and len(modes) == 1:
            continue
        what = Text("batches" if len(batches) > 1 else "travel_modes")
        red = next((w for w in people if w.health_code == "red"), None)
        action = Text("group_split_action")
        if red is not None:
            action = Text("group_split_red", row=red.row, fate=Text(f"fate_{contacts}"))
        for worker in people:
            issues.append(
                RosterIssue(
                    row=worker.row,
                    column="group",
                    value=group,
                    problem=Text("group_split", group=group, what=what),
                    action=action,
                    severity="warning",
                    worker_id=worker.id,
                )
            )
    return issues


@dataclass(frozen=True, slots=True, kw_only=True)
class HeldBus:
    """A bus another batch holds from ``start`` (leaving the depot) until
    ``end`` (back at the depot, its crew rested)."""

    bus_type: str
    start: datetime
    end: datetime
    batch: str = ""
    bus_id: str = ""  #: as the batch's plan names it, to say which buses clash


def bus_free_at(route: Route, depot: LatLon, rules: BusRules, travel: TravelSettings) -> datetime:
    """When a bus is free for another trip: back from its last drop-off to the
    depot, and its crew rested a night."""
    _, back = GreatCircleTravel(travel).leg(route.end_location, depot)
    return route.end_arrive + timedelta(seconds=back + rules.overnight_rest_minutes * 60)


#: When a batch's buses of each type run: the first day and the last.
Window = tuple[datetime, datetime]


def buses_out(
    routes: Sequence[Route], depot: LatLon, rules: BusRules, travel: TravelSettings
) -> dict[str, Window]:
    """When a batch's buses of each type are out: from the first leaving the
    depot until the last is free again (`bus_free_at`, as the ledger holds
    other batches' buses)."""
    return _spans((r.bus_type, r.depart, bus_free_at(r, depot, rules, travel)) for r in routes)


def _spans(runs: Iterable[tuple[str, datetime, datetime]]) -> dict[str, Window]:
    """For each bus type, from the earliest start of its ``runs`` to the latest end."""
    out: dict[str, Window] = {}
    for bus_type, start, end in runs:
        first, last = out.get(bus_type, (start, end))
        out[bus_type] = (min(first, start), max(last, end))
    return out


def fleet_free(
    fleet: Sequence[BusType], held: Sequence[HeldBus], windows: Mapping[str, Window]
) -> tuple[BusType, ...]:
    """The fleet less, for each type, the most buses other batches hold on any
    one day of its window in ``windows`` (the days this batch's buses of that
    type run, first to last): a bus in use on a day is that day's, whoever
    uses it."""
    busiest: Counter[str] = Counter()
    for (bus_type, _), buses in _out_by_day(held, windows).items():
        busiest[bus_type] = max(busiest[bus_type], len(buses))
    return tuple(replace(bus, count=max(0, bus.count - busiest[bus.id])) for bus in fleet)


def _days_out(bus: HeldBus, window: Window) -> Iterator[date]:
    """The days of ``window`` on which ``bus`` is out, each whole: a bus out
    at any moment of a day is that day's (`fleet_free` and `fleet_overdrawn`
    count alike, so that the planner and `verify` agree)."""
    day = max(bus.start.date(), window[0].date())
    while day <= min(bus.end.date(), window[1].date()):
        yield day
        day += timedelta(days=1)


def _out_by_day(
    held: Sequence[HeldBus], windows: Mapping[str, Window]
) -> dict[tuple[str, date], list[HeldBus]]:
    """The buses ``held`` out on each day of their type's window (`_days_out`)."""
    out: dict[tuple[str, date], list[HeldBus]] = defaultdict(list)
    for bus in held:
        if bus.bus_type in windows:
            for day in _days_out(bus, windows[bus.bus_type]):
                out[bus.bus_type, day].append(bus)
    return out


def held_windows(held: Sequence[HeldBus], batch: str) -> dict[str, Window]:
    """When the buses ``held`` for ``batch`` of each type are out, as `buses_out`
    says it of a batch's routes."""
    return _spans((b.bus_type, b.start, b.end) for b in held if b.batch == batch)


@dataclass(frozen=True, slots=True, kw_only=True)
class Overdraw:
    """More buses of one type out than the fleet has, on the days ``first`` to
    ``last``: the same ``buses`` each day."""

    bus_type: str
    first: date
    last: date
    fleet: int
    buses: tuple[HeldBus, ...]


def fleet_overdrawn(
    fleet: Sequence[BusType], held: Sequence[HeldBus], windows: Mapping[str, Window]
) -> list[Overdraw]:
    """Where the buses ``held`` (every batch's) of a type outnumber its count in
    ``fleet``, on the days of its window in ``windows``, counted by the day as
    `fleet_free` counts them; consecutive days with the same buses out are one
    `Overdraw`.  A plan that `fleet_free` allowed has none in its windows."""
    counts = {bus.id: bus.count for bus in fleet}
    return _overdraw_runs(
        (bus_type, day, counts.get(bus_type, 0), buses)
        for (bus_type, day), buses in sorted(_out_by_day(held, windows).items())
    )


def _overdraw_runs(days: Iterable[tuple[str, date, int, Sequence[HeldBus]]]) -> list[Overdraw]:
    """The ``days`` (bus type, day, fleet, buses out; by type, then day) with
    more buses out than the fleet, consecutive days with the same buses and
    fleet as one `Overdraw`."""
    runs: list[Overdraw] = []
    for bus_type, day, fleet, buses in days:
        if len(buses) <= fleet:
            continue
        last = runs[-1] if runs else None
        if (
            last is not None
            and (last.bus_type, last.buses, last.fleet) == (bus_type, tuple(buses), fleet)
            and day - last.last == timedelta(days=1)
        ):
            runs[-1] = replace(last, last=day)
        else:
            runs.append(
                Overdraw(bus_type=bus_type, first=day, last=day, fleet=fleet, buses=tuple(buses))
            )
    return runs


def batch_fleet(scenario: Scenario, batch_id: str) -> tuple[BusType, ...]:
    """The fleet batch ``batch_id`` is planned with: its ``[[batch]]`` table's
    own, else the scenario's (as `choose_batch` gives it)."""
    key = batch_key(batch_id)
    spec = next((s for s in scenario.batches if batch_key(s.id) == key), None)
    return (spec.fleet if spec else None) or scenario.fleet


@dataclass(frozen=True, slots=True, kw_only=True)
class FleetDay:
    """The buses of one type out on one day, every batch's, against the fleet's
    count of that type (None: not known)."""

    bus_type: str
    day: date
    buses: tuple[HeldBus, ...]
    fleet: int | None = None

    @property
    def overdrawn(self) -> bool:
        """More buses out than the fleet has."""
        return self.fleet is not None and len(self.buses) > self.fleet


def fleet_by_day(
    held: Sequence[HeldBus], fleets: Mapping[str, Sequence[BusType]] | None = None
) -> list[FleetDay]:
    """The buses ``held`` out on each day of the campaign, by type then day,
    counted by the whole day as `fleet_free` and `fleet_overdrawn` count them;
    days with none out are left out.

    ``fleets`` gives each batch's fleet by batch id (None: not known).  A
    day's fleet of a type is the smallest of those of the batches whose
    buses of that type are out around it (`held_windows`): a day over it is
    a day `verify` of one of those batches reports."""
    windows = {batch: held_windows(held, batch) for batch in sorted({b.batch for b in held})}
    days = []
    for (bus_type, day), buses in sorted(_out_by_day(held, _spans_of(held)).items()):
        fleet = None
        if fleets is not None:
            fleet = min(
                _count(fleets.get(batch, ()), bus_type)
                for batch, spans in windows.items()
                if bus_type in spans
                and spans[bus_type][0].date() <= day <= spans[bus_type][1].date()
            )
        days.append(FleetDay(bus_type=bus_type, day=day, buses=tuple(buses), fleet=fleet))
    return days


def days_overdrawn(days: Iterable[FleetDay]) -> list[Overdraw]:
    """The ``days`` (`fleet_by_day`) with more buses out than the fleet, as
    `fleet_overdrawn` gives them."""
    return _overdraw_runs(
        (d.bus_type, d.day, d.fleet, d.buses) for d in days if d.fleet is not None
    )


def _spans_of(held: Sequence[HeldBus]) -> dict[str, Window]:
    """The whole campaign's window of each bus type."""
    return _spans((b.bus_type, b.start, b.end) for b in held)


def _count(fleet: Sequence[BusType], bus_type: str) -> int:
    return sum(bus.count for bus in fleet if bus.id == bus_type)
