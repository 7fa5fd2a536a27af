"""Machine-readable outputs: plan.json, summary.json and the CSV lists."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from ..diff import Bed, Outcome, PlanDiff, WorkerChange
from ..domain import RosterIssue
from ..dropoffs import QUARANTINE
from ..plan import Plan
from ..planfile import Document, bed_row, to_document
from ..text import Lang, by_count, joined, listed, say
from .labels import LABELS, counted, label
from .privacy import mask_id_number, mask_phone
from .staging import json_text
from .tables import (
    COUNT,
    GENERAL,
    INTEGER,
    MONEY,
    TENTHS,
    Number,
    Sheet,
    shown,
    write_csv,
    write_table,
)

#: The bed list's columns (dormitory_allocation.csv): each bed's dormitory by
#: its id and, as the desk knows it, by its name.
BED_COLUMNS = (
    "worker_id",
    "dorm_id",
    "dorm_name",
    "room",
    "bed",
    "start_date",
    "end_date",
    "batch",
    "bus_id",
    "released_on",
)
TO_CALL_COLUMNS = (
    "worker_id",
    "name",
    "employer",
    "travel",
    "bus_id",
    "pickup_place",
    "pickup_point",
    "pickup_time",
)
ISSUE_COLUMNS = ("row", "column", "worker_id", "value", "severity", "problem", "action")


def write_json(path: Path, data: Mapping[str, Any], *, indent: int | None = 2) -> None:
    """Write ``data`` as UTF-8 JSON (Chinese kept readable), indented unless
    ``indent`` is None (four times faster: json's C encoder only writes
    unindented; a district's plan.json is 37 MB so, 55 MB indented)."""
    path.write_text(json_text(data, indent=indent), encoding="utf-8")


def write_reports(plan: Plan, out_dir: Path) -> Document:
    """Write plan.json, summary.json, dormitory_allocation.csv (each bed's
    dormitory named beside its id) and to_call.csv (who travels without a
    phone on the roster)."""
    document = to_document(plan)
    write_json(out_dir / "plan.json", document, indent=None)
    write_json(out_dir / "summary.json", document["summary"])
    lang = plan.settings.output.lang
    beds = _sheet("beds", BED_COLUMNS, bed_rows(plan, lang))
    write_csv(out_dir / "dormitory_allocation.csv", beds)
    write_csv(out_dir / "to_call.csv", _sheet("to_call", TO_CALL_COLUMNS, to_call_rows(plan, lang)))
    return document


def bed_rows(plan: Plan, lang: Lang) -> list[dict[str, str]]:
    """The bed list's rows: plan.json's, each with its dormitory's name
    (`dorm_names`) after its id."""
    names = dorm_names(plan, lang)
    return [bed_row(b) | {"dorm_name": names.get(b.dorm_id, b.dorm_id)} for b in plan.beds]


def dorm_names(plan: Plan, lang: Lang) -> dict[str, str]:
    """Each dormitory's name by its id, as self_return.csv and arrivals.csv
    name it; the dormitories' stand-in (`QUARANTINE`) named in ``lang``, as
    the papers, lists and map name it."""
    names = {d.id: d.name for d in plan.batch.dormitories}
    return names | {QUARANTINE: label("quarantine_stand_in", lang)}


def to_call_rows(plan: Plan, lang: Lang = "zh") -> list[dict[str, str]]:
    """Who travels but has no phone on the roster, with where they board; how
    they travel in ``lang``'s words (包车, 自行返岗), as arrivals.csv says it."""
    boarding = {
        w: (route.bus_id, stop)
        for route in plan.routes
        for stop in route.stops
        for w in stop.worker_ids
    }
    rows = []
    calling = set(plan.to_call)
    place = {p.id: p.name for p in plan.pickup_points}
    employers = {e.id: e.name for e in plan.batch.employers}
    for worker in (w for w in plan.batch.workers if w.id in calling):
        bus_id, stop = boarding.get(worker.id, ("", None))
        rows.append(
            {
                "worker_id": worker.id,
                "name": worker.name,
                "employer": employers.get(worker.employer, worker.employer),
                "travel": label("by_bus" if stop else "by_self", lang),
                "bus_id": bus_id,
                "pickup_place": place.get(stop.point_id, "") if stop else "",
                "pickup_point": stop.point_id if stop else "",
                "pickup_time": _minute(stop.arrive if stop else None),
            }
        )
    return rows


def issue_rows(
    issues: Iterable[RosterIssue],
    lang: Lang = "zh",
    headers: Mapping[str, str] | None = None,
) -> list[dict[str, str]]:
    """Roster issues as table rows, in ``lang``; phones and ID numbers are
    masked; a column is named by the roster's own header (``headers``: field
    -> header) where it has one."""
    headers = headers or {}
    rows = []
    for issue in issues:
        value = say(issue.value, lang)  # as read, or a distance said in ``lang``
        if issue.column == "id_number":
            value = mask_id_number(value)
        elif issue.column == "phone":
            value = mask_phone(value)
        rows.append(
            {
                "row": str(issue.row) if issue.row else "",  # 0: the file as a whole
                "column": headers.get(issue.column, issue.column),
                "worker_id": issue.worker_id,
                "value": value,
                "severity": label(f"severity_{issue.severity}", lang),
                "problem": say(issue.problem, lang),
                "action": say(issue.action, lang),
            }
        )
    return rows


def write_issues(
    path: Path,
    issues: Iterable[RosterIssue],
    lang: Lang = "zh",
    headers: Mapping[str, str] | None = None,
) -> None:
    """Write roster issues (masked, in ``lang``, columns by the roster's
    ``headers``) to a CSV or XLSX file; a workbook also has them headed in
    ``lang``, the sheet it opens at."""
    issues = list(issues)
    rows = issue_rows(issues, lang, headers)
    # Its title tells the errors, whose rows are not planned, from the warnings.
    errors = sum(1 for issue in issues if issue.severity == "error")
    title = label(
        "title_issues",
        lang,
        errors=counted("errors_unplanned", errors, lang),
        warnings=counted("warnings_planned", len(issues) - errors, lang),
    )
    write_table(
        path,
        _sheet("issues", ISSUE_COLUMNS, rows),
        said=_said("issues", ISSUE_COLUMNS, rows, lang, len(rows), title=title),
    )


def _sheet(
    name: str,
    columns: tuple[str, ...],
    rows: Iterable[Mapping[str, Any]],
    widths: Sequence[int] = (),
) -> Sheet:
    return Sheet(
        name=name,
        headers=columns,
        rows=[[row[c] for c in columns] for row in rows],
        numbers=_numbers(columns),
        widths=widths,
    )


#: The columns of an issues or changes table that hold numbers, stored as
#: numbers in a workbook (a desk sorts and sums them), by key: a roster's
#: row, a bed.  A worker id, a value that only looks numeric or a room
#: ("001") stays text.  (A diff's figures are each a `Number` of their own.)
_NUMBERS = {"row": INTEGER, "bed_before": INTEGER, "bed_after": INTEGER}


def _numbers(columns: Sequence[str]) -> dict[int, str]:
    """`Sheet.numbers` of a table of ``columns``."""
    return {k: _NUMBERS[c] for k, c in enumerate(columns) if c in _NUMBERS}


#: The headings of a desk's sheet (`_said`) whose key is not a label of its own.
_HEADINGS = {
    "bus_id": "bus",
    "figure": "diff_figure",
    "before": "diff_before",
    "after": "diff_after",
    "change": "diff_col_change",
}
#: Column widths (characters) of a desk's sheet, by key; 12 where not given.
#: A diff's sheets of workers and beds add up to at most 147, inside a
#: landscape A4 page's 149 (`tables._on_page`): their longer texts wrap.
_WIDTHS = {
    "row": 6,
    "column": 14,
    "value": 20,
    "severity": 8,
    "problem": 40,
    "action": 40,
    "name": 10,
    "phone": 13,
    "employer": 16,
    "changed": 14,
    "trip_before": 26,
    "trip_after": 26,
    "dormitory_before": 14,
    "dormitory_after": 14,
    "room_before": 6,
    "room_after": 6,
    "bed_before": 5,
    "bed_after": 5,
    # The first night over the last, a date a line.
    "nights_before": 10,
    "nights_after": 10,
    "figure": 30,
    "tell": 26,
}


def _said(
    name: str,
    columns: tuple[str, ...],
    rows: Iterable[Mapping[str, Any]],
    lang: Lang,
    count: int,
    *,
    title: str = "",
) -> Sheet:
    """The table of ``columns`` for the desk: its sheet name and title (with
    ``count`` rows, unless ``title`` is given), headings and coded cells said
    in ``lang``."""

    def heading(key: str) -> str:
        if key in _HEADINGS:
            return label(_HEADINGS[key], lang)
        return label(key if key in LABELS else f"diff_col_{key}", lang)

    # None at all is said in words, as on the console: "0 workers changed" read as a count.
    none = f"title_{name}_none"
    key = none if count == 0 and none in LABELS else by_count(f"title_{name}", count, LABELS)
    return Sheet(
        name=label(f"sheet_{name}", lang),
        title=((title or label(key, lang, count=count),),),
        headers=[heading(c) for c in columns],
        rows=[[_desk_cell(c, row[c], lang) for c in columns] for row in rows],
        widths=[_WIDTHS.get(c, 12) for c in columns],
        landscape=len(columns) > 4,
        freeze_header=True,
        numbers=_numbers(columns),
    )


def _desk_cell(column: str, value: object, lang: Lang) -> object:
    """A cell of a desk's sheet: a figure (a `Number`) as it is, stored as a
    number; any other as `said_cell` says it."""
    return value if isinstance(value, Number) else said_cell(column, str(value), lang)


def said_cell(column: str, value: str, lang: Lang) -> str:
    """A cell of a changes or issues table as the desk reads it: what
    changed, an outcome, a bus added or removed and a figure in ``lang``'s
    words; the files' keyed sheets and CSVs keep the codes their README
    contract names (``outcome``, ``bus``, ``bus``, ``added``)."""
    if column == "changed":
        changes = [label(f"diff_change_{word}", lang) for word in value.split(", ") if word]
        return say(listed(changes), lang)
    if column in ("outcome_before", "outcome_after"):
        return label(f"diff_outcome_{value}", lang)
    if column == "change":
        return label(f"diff_bus_{value}", lang)
    if column == "figure" and value in LABELS:
        return label(value, lang)
    return value


DIFF_COLUMNS = (
    "worker_id",
    "name",
    "phone",
    "employer",
    "changed",
    "outcome_before",
    "outcome_after",
    "bus_before",
    "bus_after",
    "stop_before",
    "stop_after",
    "place_before",
    "place_after",
    "pickup_before",
    "pickup_after",
    "dropoff_before",
    "dropoff_after",
    "arrive_before",
    "arrive_after",
    "tell",
    # After ``tell``, where a file read by column number finds what it did:
    # each side's seat on the bus (its ticket's and the seat map's).
    "seat_before",
    "seat_after",
)


#: The columns of the desk's sheet of `DIFF_COLUMNS`, narrow enough to print
#: on a landscape A4 page at 100 %: each side's outcome, bus, stop (place
#: and point) and pickup time in one wrapped cell (`_trip`).
DESK_DIFF_COLUMNS = (
    "worker_id",
    "name",
    "phone",
    "employer",
    "changed",
    "trip_before",
    "trip_after",
    "tell",
)


#: The bed changes, for the quarantine desk: a worker's dormitory (id and
#: name), room and bed before and after; all empty where they have no bed.
BED_DIFF_COLUMNS = (
    "worker_id",
    "name",
    "phone",
    "employer",
    "dorm_before",
    "dorm_name_before",
    "room_before",
    "bed_before",
    "dorm_after",
    "dorm_name_after",
    "room_after",
    "bed_after",
    "tell",
    # After ``tell``, where a file read by column number finds what it did.
    "first_night_before",
    "last_night_before",
    "first_night_after",
    "last_night_after",
)


#: The columns of the desk's sheet of `BED_DIFF_COLUMNS`: a dormitory's name
#: and id in one cell (`_dormitory`), so that it prints on a landscape A4
#: page at 100 %.
DESK_BED_DIFF_COLUMNS = (
    "worker_id",
    "name",
    "phone",
    "employer",
    "dormitory_before",
    "room_before",
    "bed_before",
    "nights_before",
    "dormitory_after",
    "room_after",
    "bed_after",
    "nights_after",
    "tell",
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Contact:
    """Whom the desk calls about a change: from the roster row the plan took."""

    name: str = ""
    phone: str = ""
    employer: str = ""


def diff_rows(
    diff: PlanDiff, lang: Lang = "zh", contacts: Mapping[str, Contact] | None = None
) -> list[dict[str, str]]:
    """One row per worker who changed, for the desk to call: who (name and
    full phone: the list stays on the desk), what changed, and what to tell them."""
    contacts = contacts or {}
    sites = {QUARANTINE: label("quarantine_stand_in", lang), **diff.sites}
    rows = []
    for change in diff.workers:
        contact = contacts.get(change.worker_id, Contact())
        before, after = change.before, change.after
        rows.append(
            {
                "worker_id": change.worker_id,
                "name": contact.name,
                "phone": contact.phone,
                "employer": contact.employer,
                "changed": ", ".join(change.changes),
                "outcome_before": before.status,
                "outcome_after": after.status,
                "bus_before": before.bus_id,
                "bus_after": after.bus_id,
                "stop_before": before.point_id,
                "stop_after": after.point_id,
                "place_before": diff.places.get(before.point_id, before.point_id),
                "place_after": diff.places.get(after.point_id, after.point_id),
                "pickup_before": _minute(before.pickup),
                "pickup_after": _minute(after.pickup),
                "dropoff_before": _dropoff(before, sites),
                "dropoff_after": _dropoff(after, sites),
                "arrive_before": _minute(before.arrive),
                "arrive_after": _minute(after.arrive),
                "tell": _tell(change, diff.places, lang, sites),
                "seat_before": before.seat,
                "seat_after": after.seat,
            }
        )
    return rows


def _tell(
    change: WorkerChange, places: Mapping[str, str], lang: Lang, sites: Mapping[str, str]
) -> str:
    """What to tell a worker of their new outcome, in the desk's language,
    where and when they now get off when that moved (for them and their
    employer), and that they now go to quarantine for sharing a bus (or no
    longer do)."""
    told = _tell_outcome(change.after, places, lang)
    after = change.after
    if after.status == "bus" and {"dropoff", "arrival"} & set(change.changes):
        told = say(joined([told, _tell_arrival(_dropoff(after, sites), after.arrive, lang)]), lang)
    if after.status == "bus" and "seat" in change.changes:
        # Their ticket says the old seat: the new one is theirs to be told.
        seat = label("tell_seat", lang, before=change.before.seat, after=after.seat)
        told = say(joined([told, seat]), lang)
    if change.after.dropped and change.before.status == "self_return":
        told = label("tell_dropped_self", lang)
    if "sharing_sent" in change.changes:
        return say(joined([told, label("tell_sharing_sent", lang)]), lang)
    if "sharing_ended" in change.changes and change.after.status == "bus":
        # Off a bus, quarantine is no question: their outcome says it all.
        return say(joined([told, label("tell_sharing_ended", lang)]), lang)
    return told


def _dropoff(outcome: Outcome, sites: Mapping[str, str]) -> str:
    """Where a rider gets off, named for them: an employer's gate after their
    own employer, as their bus's papers say (`Outcome.dropoff_name`), any other
    site (a dormitory, the destination) by its name; "" in a plan that names none."""
    return outcome.dropoff_name or sites.get(outcome.dropoff, outcome.dropoff)


def _tell_arrival(site: str, arrive: datetime | None, lang: Lang) -> str:
    """When and where a rider now gets off: at their site, or only when,
    for a plan that names no drop-off site."""
    if site:
        return label("tell_arrival", lang, time=_minute(arrive), site=site)
    return label("tell_arrival_time", lang, time=_minute(arrive))


def _tell_outcome(after: Outcome, places: Mapping[str, str], lang: Lang) -> str:
    """What to tell a worker of their new outcome."""
    if after.status == "bus":
        return label(
            "tell_board",
            lang,
            time=_minute(after.pickup),
            place=places.get(after.point_id, after.point_id),
            bus=after.bus_id,
        )
    if after.dropped:  # they withdrew: no call-back to promise
        return label("tell_dropped", lang)
    return label(f"tell_{after.status}", lang)


def bed_diff_rows(
    diff: PlanDiff, lang: Lang = "zh", contacts: Mapping[str, Contact] | None = None
) -> list[dict[str, str]]:
    """One row per worker whose quarantine bed changed, for the quarantine desk
    to call: who, their dormitory, room and bed before and after, and what to
    tell them."""
    contacts = contacts or {}
    rows = []
    for change in diff.beds:
        contact = contacts.get(change.worker_id, Contact())
        rows.append(
            {
                "worker_id": change.worker_id,
                "name": contact.name,
                "phone": contact.phone,
                "employer": contact.employer,
                **_bed_cells(change.before, "before", diff.dormitories),
                **_bed_cells(change.after, "after", diff.dormitories),
                "tell": _tell_bed(change.after, diff.dormitories, lang),
            }
        )
    return rows


def _bed_cells(bed: Bed | None, when: str, dormitories: Mapping[str, str]) -> dict[str, str]:
    keys = ("dorm", "dorm_name", "room", "bed", "first_night", "last_night")
    if bed is None:
        return {f"{key}_{when}": "" for key in keys}
    return {
        f"dorm_{when}": bed.dorm_id,
        f"dorm_name_{when}": dormitories.get(bed.dorm_id, bed.dorm_id),
        f"room_{when}": bed.room,
        f"bed_{when}": str(bed.bed),
        f"first_night_{when}": bed.start.isoformat(),
        f"last_night_{when}": bed.last_night.isoformat(),
    }


def _tell_bed(after: Bed | None, dormitories: Mapping[str, str], lang: Lang) -> str:
    """Where a worker now sleeps, and which nights, in the desk's language."""
    if after is None:
        return label("tell_no_bed", lang)
    dorm = dormitories.get(after.dorm_id, after.dorm_id)
    return label(
        "tell_bed",
        lang,
        dorm=dorm,
        room=after.room,
        bed=after.bed,
        first=after.start.isoformat(),
        last=after.last_night.isoformat(),
    )


#: A diff's table's rows, in a language.
_Rows = Callable[[Lang], Sequence[Mapping[str, Any]]]


def write_diff(
    path: Path,
    diff: PlanDiff,
    lang: Lang = "zh",
    contacts: Mapping[str, Contact] | None = None,
    *,
    words: Lang | None = None,
) -> list[Path]:
    """The changed workers to ``path``; the buses, figures and bed changes
    beside it, each keyed by its columns, with ``tell`` in ``lang``.  A
    workbook also has its table as the desk reads it, in ``words`` (``lang``
    unless given): headings, codes and ``tell``, the sheet it opens at."""
    desk = words or lang
    buses = [
        {"change": change, "bus_id": bus}
        for change, ids in (
            ("added", diff.buses_added),
            ("removed", diff.buses_removed),
            ("retyped", tuple(bus for bus, _, _ in diff.buses_retyped)),
        )
        for bus in ids
    ]
    figures = [
        {"figure": key, "before": _figure(key, before), "after": _figure(key, after)}
        for key, before, after in diff.figures
    ]
    tables: list[tuple[str, str, tuple[str, ...], tuple[str, ...], _Rows]]
    tables = [
        (
            "",
            "workers",
            DIFF_COLUMNS,
            DESK_DIFF_COLUMNS,
            lambda said: diff_rows(diff, said, contacts),
        ),
        ("_buses", "buses", _BUS_COLUMNS, _BUS_COLUMNS, lambda _: buses),
        ("_figures", "figures", _FIGURE_COLUMNS, _FIGURE_COLUMNS, lambda _: figures),
        # Written even when no plan gives beds: an earlier comparison's must not stay beside.
        (
            "_beds",
            "beds",
            BED_DIFF_COLUMNS,
            DESK_BED_DIFF_COLUMNS,
            lambda said: bed_diff_rows(diff, said, contacts),
        ),
    ]
    written = []
    for tail, name, columns, desk_columns, rows in tables:
        target = path.with_name(f"{path.stem}{tail}{path.suffix}")
        said = [_desk_row(row, desk) for row in rows(desk)]
        write_table(
            target,
            _sheet(name, columns, rows(lang), _KEYED_WIDTHS.get(name, ())),
            said=_said(f"diff_{name}", desk_columns, said, desk, len(said)),
        )
        written.append(target)
    return written


def _desk_row(row: Mapping[str, Any], lang: Lang) -> Mapping[str, Any]:
    """A row of a diff's table with the merged cells of its desk's sheet:
    each side's trip (`_trip`) and dormitory (`_dormitory`), where it has them."""
    cells = dict(row)
    for when in ("before", "after"):
        if f"outcome_{when}" in row:
            cells[f"trip_{when}"] = _trip(row, when, lang)
        if f"dorm_{when}" in row:
            cells[f"dormitory_{when}"] = _dormitory(row, when, lang)
            cells[f"nights_{when}"] = _nights(row, when)
    return cells


def _trip(row: Mapping[str, Any], when: str, lang: Lang) -> str:
    """A worker's outcome ``when`` (before or after) for the desk: on a bus,
    its id, the stop's place and point, and the pickup time, a line each;
    otherwise the outcome in words (self-return, unassigned).  Where the
    drop-off or its time changed, its site and arrival are one more line;
    where the seat did, the seat is another."""
    status = row[f"outcome_{when}"]
    if status != "bus":
        return label(f"diff_outcome_{status}", lang)
    place, point = row[f"place_{when}"], row[f"stop_{when}"]
    # Pickup points of one township share its name: the point tells them apart.
    stop = label("diff_named_id", lang, name=place, id=point) if place != point else point
    lines = [row[f"bus_{when}"], stop, row[f"pickup_{when}"]]
    if {"dropoff", "arrival"} & set(row["changed"].split(", ")):
        site, arrive = row[f"dropoff_{when}"], row[f"arrive_{when}"]
        lines.append(label("diff_trip_dropoff", lang, site=site, time=arrive) if site else arrive)
    if "seat" in row["changed"].split(", "):
        lines.append(label("diff_trip_seat", lang, seat=row[f"seat_{when}"]))
    return "\n".join(line for line in lines if line)


def _dormitory(row: Mapping[str, Any], when: str, lang: Lang) -> str:
    """A worker's dormitory ``when`` (before or after) for the desk: its name
    and id (the id alone when it has no name of its own), or nothing."""
    dorm, name = row[f"dorm_{when}"], row[f"dorm_name_{when}"]
    return label("diff_named_id", lang, name=name, id=dorm) if name and name != dorm else dorm


def _nights(row: Mapping[str, Any], when: str) -> str:
    """A worker's nights in the bed ``when`` (before or after) for the desk:
    the first over the last, a date a line (its heading says which is
    which), or nothing without a bed."""
    return "\n".join(d for d in (row[f"first_night_{when}"], row[f"last_night_{when}"]) if d)


#: Column widths of a diff's keyed sheets, by table: its workers' 20 columns
#: at Excel's default width (64 px) were 1280 px, wider than a landscape A4
#: page (1045 px, `tables._on_page`); each 7 wide (49 px), it prints at 100 %.
#: Its seats ("12A") are 4 wide (28 px): its 22 columns are 1036 px.
#: Its beds' 17 (1088 px) alike, but for their nights: a date is 10 wide.
_KEYED_WIDTHS = {
    "workers": tuple(4 if c.startswith("seat_") else 7 for c in DIFF_COLUMNS),
    "beds": tuple(10 if "night" in c else 7 for c in BED_DIFF_COLUMNS),
}
_BUS_COLUMNS = ("change", "bus_id")
_FIGURE_COLUMNS = ("figure", "before", "after")
#: Each figure's number format (`diff.FIGURES`, and those of the plan's
#: summary the console shows), by what it counts or measures: workers and
#: buses whole, km, minutes and seconds to a tenth, the cost as money.
FIGURE_FORMATS = {
    "workers_total": COUNT,
    "workers_on_bus": COUNT,
    "workers_self_return": COUNT,
    "workers_unassigned": COUNT,
    "buses_used": COUNT,
    "buses_under_minimum": COUNT,
    "total_distance_km": TENTHS,
    "total_cost": MONEY,
    "max_ride_minutes": TENTHS,
    "mean_detour_minutes": TENTHS,
    "quarantine_required": COUNT,
    "quarantine_allocated": COUNT,
    "quarantine_for_sharing": COUNT,
    "solve_seconds": TENTHS,
}


def _figure(key: str, value: float) -> Number:
    """A figure of a plan, stored in a workbook as a number in its format
    (one not listed as it is); written to a CSV to its format's decimals."""
    return Number(value, FIGURE_FORMATS.get(key, GENERAL))


def figure_shown(key: str, value: object) -> str:
    """A figure of a plan's summary as the desk reads it on the console, as a
    workbook shows it: the cost "48,381.00", not "48381.0"; a word (the
    dormitories' status) or a figure of no format as it is."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    return shown(value, FIGURE_FORMATS.get(key, GENERAL))


def _minute(moment: datetime | None) -> str:
    return "" if moment is None else moment.strftime("%Y-%m-%d %H:%M")
