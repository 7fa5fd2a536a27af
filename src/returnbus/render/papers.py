"""The papers that go with each bus: the driver's sheet, the passenger
registration form (乘客信息登记表) and the seat map.

Each paper is a `Sheet`, written as XLSX (a sheet per bus, set up to print),
as CSV (one file per bus) and into one PDF (`render.pdf`).  The driver's
sheet carries full phones (the driver calls the riders); the registration
form masks phones and shows only the last four characters of an ID
number, unless a police export is asked for (full ID numbers and phones).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..domain import BusType, PickupPoint, Place, Route, Worker
from ..naming import amap_link, gcj02
from ..plan import Plan
from ..seating import allowed_seats, seat_rows
from ..text import Lang, say
from .labels import label, labels
from .privacy import mask_id_tail, mask_phone
from .stops import DropoffNames, boardings, dropoffs_said, on_the_way, stop_number
from .tables import (
    COUNT,
    PAGE,
    Blank,
    BookWriter,
    PageMarks,
    Sheet,
    write_csv,
    write_xlsx,
)

DRIVER_KEYS = ("stop_no", "kind", "time", "place", "riders", "boarding", "navigate", "gcj02")
REGISTRATION_KEYS = (
    "seat",
    "name",
    "gender",
    "id_number",
    "phone",
    "origin",
    "health_code",
    "temperature",
    "signature",
)

#: Room to write each field in by hand (`Blank`): a plate of up to ten
#: characters ("渝A·12345D"), a name, an 11-digit phone, a signature.
_PLATE = Blank(10)
_NAME = Blank(6)
_PHONE = Blank(11)
_SIGNATURE = Blank(8)
#: The height of a registration form's row, in mm: its temperature and
#: signature are written in by hand at a checkpoint, on a clipboard, and the
#: 5 mm of a printed line left no room to (8 mm, as the rule of a `Blank`
#: has from the line above it).
_WRITTEN_ROW_MM = 8.0
#: The registration form's columns, in characters.  Its origin 35, a
#: county and township of 17 Chinese characters on one line of the
#: workbook: at 30 "重庆市彭水苗族土家族自治县新田镇" wrapped on row after
#: row, each row taller, and a 33-seater's form no longer fit its page.  The
#: ID number and phone give it the room (19 and 12: 18 and 11 characters
#: in full on the police's form): the PDF prints the columns in these
#: proportions, and the others, "Temperature" in its heading, keep theirs.
_REGISTRATION_WIDTHS = (6, 10, 6, 19, 12, 35, 8, 8, 10)


@dataclass(frozen=True, slots=True, kw_only=True)
class BusPapers:
    """One bus's three papers."""

    bus_id: str
    driver_sheet: Sheet
    registration: Sheet
    seat_map: Sheet
    police_registration: Sheet | None = None


def build_papers(plan: Plan, lang: Lang, *, police: bool = False) -> list[BusPapers]:
    """The papers of every bus of ``plan``, in ``lang``; with ``police`` the
    registration forms also come with full ID numbers and phones."""
    fleet = {bus.id: bus for bus in plan.batch.fleet}
    people = {w.id: w for w in plan.workers}
    points = {p.id: p for p in plan.pickup_points}
    names = DropoffNames(plan.batch, lang)
    places = plan.batch.places
    papers = []
    for route in plan.routes:
        bus = fleet[route.bus_type]
        # A gate by the employers of this bus's riders only (the driver's
        # rows, the heading's Destination).
        sites = names.of_bus(route)
        context = _Context(plan=plan, route=route, bus=bus, lang=lang)
        papers.append(
            BusPapers(
                bus_id=route.bus_id,
                driver_sheet=_driver_sheet(context, people, points, sites),
                registration=_registration(context, people, places, sites, full_id=False),
                seat_map=_seat_map(context, people),
                police_registration=(
                    _registration(context, people, places, sites, full_id=True) if police else None
                ),
            )
        )
    return papers


def write_papers(
    papers: Sequence[BusPapers],
    out_dir: Path,
    *,
    written: Callable[[], None] = lambda: None,
    books: BookWriter = write_xlsx,
) -> list[Path]:
    """``driver_sheets.xlsx``, ``registration_forms.xlsx``, ``seat_maps.xlsx``
    (a sheet per bus, with ``books``) and a CSV of each paper per bus, in
    ``out_dir``; the police export in ``out_dir/police/`` when built.
    Returns the files written; ``written`` is called after each workbook is
    handed to ``books`` and after each bus's papers."""
    files = []
    kinds = (
        ("driver_sheets", "driver", [p.driver_sheet for p in papers]),
        ("registration_forms", "registration", [p.registration for p in papers]),
        ("seat_maps", "seats", [p.seat_map for p in papers]),
    )
    for book, _, sheets in kinds:
        books(out_dir / f"{book}.xlsx", sheets)
        files.append(out_dir / f"{book}.xlsx")
        written()
    for number, paper in enumerate(papers):
        for _, suffix, sheets in kinds:
            path = out_dir / "buses" / f"{paper.bus_id}_{suffix}.csv"
            write_csv(path, sheets[number])
            files.append(path)
        written()
    police = [p.police_registration for p in papers if p.police_registration is not None]
    if police:
        path = out_dir / "police" / "registration_forms_full_id.xlsx"
        books(path, police)
        files.append(path)
    return files


def page_marks(paper: str, bus_id: str, lang: Lang) -> PageMarks:
    """What each printed page of bus ``bus_id``'s ``paper`` (a label's key)
    says in a workbook: the paper and the bus atop it, its number below."""
    return PageMarks(
        heading=label("page_heading", lang, paper=label(paper, lang), bus=bus_id),
        page_of=label("page_of", lang, page=PAGE),
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class _Context:
    plan: Plan
    route: Route
    bus: BusType
    lang: Lang

    def heading(self, paper: str) -> tuple[object, ...]:
        route, lang = self.route, self.lang
        return (
            f"{label(paper, lang)}  {label('bus', lang)} {route.bus_id}  "
            + label(
                "bus_type_heading",
                lang,
                type=route.bus_type,
                name=self.bus.name or self.bus.id,
                seats=route.seats,
                capacity=route.capacity_effective,
            ),
        )

    def fill_in(self, sites: Mapping[str, str]) -> tuple[tuple[object, ...], ...]:
        """The lines the coach company and the escort fill in by hand: plate,
        drivers and escort with their phones, where the bus goes, the
        temperature check before departure.  The second driver's blanks and
        temperature only on a bus that needs two drivers: on another they
        asked for a driver the bus does not carry."""
        lang, phone = self.lang, label("phone", self.lang)
        two = self.route.drivers >= 2
        second = (label("second_driver", lang), _NAME, phone, _PHONE) if two else ()
        return (
            (label("plate", lang), _PLATE, label("destination", lang), self.destination(sites)),
            (label("driver", lang), _NAME, phone, _PHONE, *second),
            (label("escort", lang), _NAME, phone, _PHONE),
            (label("temperature_check_two_drivers" if two else "temperature_check", lang),),
        )

    def destination(self, sites: Mapping[str, str]) -> str:
        """Where the bus goes, as all its papers say it (`dropoffs_said`)."""
        return dropoffs_said(self.route, sites, self.lang)

    def rule_of_the_road(self) -> tuple[object, ...]:
        """The line saying where riders may board and alight (`on_the_way`),
        the observation rows named where the seating policy keeps them."""
        observation = _observation(self.plan)
        return (label(on_the_way(self.route, observation=observation), self.lang),)

    def signatures(self) -> tuple[tuple[object, ...], ...]:
        """Where the driver, the escort and the receiving unit sign."""
        lang = self.lang
        return (
            (),
            (
                label("driver_signature", lang),
                _SIGNATURE,
                label("escort_signature", lang),
                _SIGNATURE,
                label("received_by", lang),
                _SIGNATURE,
            ),
        )

    def times(self) -> tuple[object, ...]:
        route, lang = self.route, self.lang
        return (
            label("depart", lang),
            _when(route.depart),
            label("arrive", lang),
            _when(route.end_arrive),
            label("riders", lang),
            f"{route.riders} / {route.capacity_effective}",
        )


def _driver_sheet(
    context: _Context,
    people: Mapping[str, Worker],
    points: Mapping[str, PickupPoint],
    sites: Mapping[str, str],
) -> Sheet:
    route, lang = context.route, context.lang
    rows: list[tuple[datetime, list[object]]] = []
    # Pickup points at one place and time (a town's riders bound for several
    # drop-offs) are one stop for the driver: one row, numbered as the map
    # numbers its marker ("2·3"), with the riders of all of them.
    for run in boardings(route.stops):
        first = run[0]
        names = dict.fromkeys(_point_name(points.get(s.point_id), s.point_id) for s in run)
        name = " / ".join(names)
        shown = gcj02(first.location)
        workers = [w for stop in run for w in stop.worker_ids]
        riders = "; ".join(
            f"{people[w].name} {people[w].phone or label('no_phone', lang)}" if w in people else w
            for w in workers
        )
        rows.append(
            (
                first.arrive,
                [
                    first.seq if len(run) == 1 else stop_number(run),
                    label("pickup", lang),
                    _when(first.arrive),
                    name,
                    len(workers),
                    riders,
                    amap_link(first.location, name),
                    f"{shown.lon},{shown.lat}",
                ],
            )
        )
    for stop in route.dropoffs:
        name = sites.get(stop.point_id, stop.point_id)
        shown = gcj02(stop.location)
        rows.append(
            (
                stop.arrive,
                [
                    stop.seq,
                    label("dropoff_kind", lang),
                    _when(stop.arrive),
                    name,
                    len(stop.worker_ids),
                    "; ".join(people[w].name if w in people else w for w in stop.worker_ids),
                    amap_link(stop.location, name),
                    f"{shown.lon},{shown.lat}",
                ],
            )
        )
    for rest in route.breaks:
        length = duration(rest.seconds, lang)
        rows.append(
            (rest.start, ["", label("rest", lang), _when(rest.start), length, "", "", "", ""])
        )
    layover = route.layover
    if layover is not None and layover.seconds >= 60:
        length = duration(layover.seconds, lang)
        until = label("layover_until", lang, time=_when(layover.end))
        rows.append(
            (
                layover.start,
                ["", label("layover", lang), _when(layover.start), length, "", until, "", ""],
            )
        )
    for moment in route.relays:
        rows.append(
            (
                moment,
                [
                    "",
                    label("relay", lang),
                    _when(moment),
                    label("relay_note", lang),
                    "",
                    "",
                    "",
                    "",
                ],
            )
        )
    rows.sort(key=lambda item: item[0])
    driving = duration(route.driving_seconds, lang)
    return Sheet(
        name=route.bus_id,
        title=(
            context.heading("driver_sheet"),
            context.times(),
            (
                label("drivers_needed", lang),
                route.drivers,
                label("driving", lang),
                driving,
                # The driver is the one who stops, or does not, on the way:
                # the rule the registration form and the manifest state is
                # theirs too.  On this short line, not one of its own: a
                # sheet of a dozen busy stops had no room left on its page.
                *context.rule_of_the_road(),
            ),
            *context.fill_in(sites),
            (label("night_rules", lang, **_night_words(context)),),
            (),
        ),
        headers=labels(DRIVER_KEYS, lang),
        rows=[cells for _, cells in rows],
        footer=context.signatures(),
        widths=(8, 8, 17, 22, 6, 40, 30, 22),
        marks=page_marks("driver_sheet", route.bus_id, lang),
        landscape=True,
        # Each stop's riders, a count the desk may sum; the stop's number
        # ("2·3") and the coordinates are text.
        numbers={DRIVER_KEYS.index("riders"): COUNT},
    )


def _point_name(point: PickupPoint | None, point_id: str) -> str:
    """What the driver calls a pickup point: its name, else its id."""
    return point.name if point is not None and point.name else point_id


def _night_words(context: _Context) -> dict[str, str]:
    rules = context.plan.settings.rules
    return {
        "pickup_from": rules.pickup_from,
        "pickup_until": rules.pickup_until,
        "night_from": rules.night_from,
        "night_until": rules.night_until,
        "night": str(rules.max_night_driving_minutes),
        "still_from": rules.no_driving_from,
        "still_until": rules.no_driving_until,
    }


def _registration(
    context: _Context,
    people: Mapping[str, Worker],
    places: Mapping[str, Place],
    sites: Mapping[str, str],
    *,
    full_id: bool,
) -> Sheet:
    route, lang = context.route, context.lang
    seats = {s.worker_id: s.label for s in route.seat_map}
    rows = []
    for worker_id in route.worker_ids:
        worker = people[worker_id]
        place = places.get(worker.division_code)
        origin = f"{place.county}{place.township}" if place else worker.address
        rows.append(
            [
                seats.get(worker_id, ""),
                worker.name,
                label(worker.sex, lang) if worker.sex else "",
                worker.id_number if full_id else mask_id_tail(worker.id_number),
                worker.phone if full_id else mask_phone(worker.phone),
                origin,
                label(worker.health_code, lang),
                "",
                "",
            ]
        )
    return Sheet(
        name=route.bus_id,
        title=(
            context.heading("registration"),
            # The rule of the road ends the times' line, as on the driver's
            # sheet: on a line of its own, with rows of 8 mm to write in, a
            # full 33-seater's sixteen riders went on to a second page.
            (*context.times(), *context.rule_of_the_road()),
            *context.fill_in(sites),
            (),
        ),
        headers=labels(REGISTRATION_KEYS, lang),
        rows=rows,
        footer=context.signatures(),
        widths=_REGISTRATION_WIDTHS,
        landscape=True,
        marks=page_marks("registration", route.bus_id, lang),
        row_mm=_WRITTEN_ROW_MM,
        one_page=True,
    )


def _observation(plan: Plan) -> bool:
    """Whether the form names the observation rows: only when they are kept."""
    return plan.settings.seating.keep_last_two_rows_empty


def _seat_map(context: _Context, people: Mapping[str, Worker]) -> Sheet:
    """Rows of seats front to back: a rider's name, ``空`` for a free seat
    that may be sold, ``×`` for one the policy keeps empty."""
    route, bus, lang = context.route, context.bus, context.lang
    policy = context.plan.settings.seating
    allowed = set(allowed_seats(bus, policy))
    taken = {s.label: s.worker_id for s in route.seat_map}
    rows = seat_rows(bus)
    observation = (
        {s for row in rows[-2:] for s in row} if policy.keep_last_two_rows_empty else set()
    )
    # The aisle as the bus has it (2 + 2, 2 + 1); a back row wider than the
    # others seats one in the aisle too.
    left = min(bus.left_of_aisle, bus.seats_per_row)
    widest = max(bus.seats_per_row, *(len(row) - 1 for row in rows))
    cells: list[list[object]] = []
    for row in rows:
        line: list[object] = []
        for seat in row:
            if seat in taken:
                worker = people.get(taken[seat])
                line.append(f"{seat} {worker.name if worker else taken[seat]}")
            elif seat in allowed:
                line.append(f"{seat} {label('empty_seat', lang)}")
            else:
                line.append(f"{seat} ×")
        if len(row) <= bus.seats_per_row:
            line = [*line[:left], "", *line[left:]]
        if set(row) & observation:
            line.append(label("observation", lang))
        cells.append(line)
    headers = [""] * left + [label("aisle", lang)] + [""] * (widest - left)
    kept = any(seat not in allowed and seat not in taken for row in rows for seat in row)
    return Sheet(
        name=route.bus_id,
        title=(
            context.heading("seat_map"),
            (label("seats_policy", lang), say(policy.words, lang)),
            # What the marks mean: "1A empty" beside "keep empty" read as the same.
            (
                label("empty_seat", lang),
                label("seat_free_means", lang),
                *(("×", label("seat_kept_means", lang)) if kept else ()),
            ),
            # The front of the bus on a line of its own, over the aisle, just
            # above the first row: at the end of the policy's line the PDF
            # printed "核载的一半 车头（司机）", as if part of the policy.
            ("",) * left + (label("front", lang),),
        ),
        headers=headers,
        rows=cells,
        widths=(14,) * left + (6,) + (14,) * (widest - left) + (24,),
        marks=page_marks("seat_map", route.bus_id, lang),
    )


def duration(seconds: float, lang: Lang) -> str:
    """A length of time as the papers say it, to the minute: "16 分钟" under
    an hour, "1 小时 30 分钟" or "2 小时" from one.  A short break in tenths
    of an hour ("0.3 小时") left the driver to work out the minutes."""
    hours, minutes = divmod(round(seconds / 60), 60)
    said = [f"{hours} {label('hours', lang)}"] if hours else []
    if minutes or not hours:
        said.append(f"{minutes} {label('minutes', lang)}")
    return " ".join(said)


def _when(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")
