"""Domain objects shared by every stage.

All are frozen dataclasses: a stage never changes its input, it returns a new
artefact.  Coordinates are WGS-84 in ``(lat, lon)`` order; distances are
integer metres and durations integer seconds; wall-clock times are
timezone-aware ``datetime`` values.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Literal, NamedTuple

from .text import Text

HealthCode = Literal["green", "yellow", "red"]
RiskLevel = Literal["low", "medium", "high"]
TravelMode = Literal["bus", "self"]
Sex = Literal["M", "F"]
Precision = Literal["exact", "township", "county", "prefecture", "province", "none"]
Stage = Literal["roster", "geocode", "screen", "cluster", "route", "dormitory", "dropped"]

#: Precision levels from finest to coarsest.
PRECISION_ORDER: tuple[Precision, ...] = (
    "exact",
    "township",
    "county",
    "prefecture",
    "province",
    "none",
)


class LatLon(NamedTuple):
    """A WGS-84 point, latitude first (Leaflet and geopy order, not GeoJSON)."""

    lat: float
    lon: float


def place_of(at: LatLon) -> tuple[float, float]:
    """Where ``at`` stands to the micro-degree, as a pickup point's id takes
    its place: two stops at one place compare equal."""
    return (round(at.lat, 6), round(at.lon, 6))


@dataclass(frozen=True, slots=True, kw_only=True)
class Worker:
    """One roster row that passed validation.

    ``row`` is the row number as the user sees it in Excel (the header is
    row 1), so every message about this worker can point back to the file.
    ``home`` is filled by the geocode stage, and ``placement_note`` with
    why the address places no finer (a catalogue sentence; "" when placed
    as written, or from the roster's coordinates).
    """

    id: str
    row: int
    name: str
    phone: str = ""
    id_number: str = ""
    sex: Sex | None = None
    employer: str = ""
    address: str = ""
    health_code: HealthCode = "green"
    origin_risk: RiskLevel = "low"
    travel_mode: TravelMode = "bus"
    group: str = ""
    batch: str = ""
    roster_location: LatLon | None = None
    home: LatLon | None = None
    precision: Precision = "none"
    division_code: str = ""
    division_name: str = ""
    placement_note: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Place:
    """The divisions a home lies in, by name, for papers, lists and the map:
    ``county`` in full (贵州省遵义市桐梓县), ``township`` alone (娄山关街道),
    and the county seat (``county_code``, ``county_seat``), where the map
    counts who lives in the county without showing a home; the township's
    point stands in on the map for a stop that is a rider's home."""

    county: str
    township: str = ""
    county_code: str = ""
    county_seat: LatLon | None = None
    township_point: LatLon | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Site:
    """A place buses or workers go to: an employer's site or the bus depot."""

    id: str
    name: str
    location: LatLon


@dataclass(frozen=True, slots=True, kw_only=True)
class BusType:
    """A coach model in the fleet, with its charter terms.

    ``min_riders`` (None: the scenario's rule) is the fewest riders worth
    this bus; a smaller bus usually has a smaller minimum.
    ``second_driver_cost`` is added to a trip that needs two drivers.
    """

    id: str
    name: str
    seats: int
    count: int
    fixed_cost: float
    cost_per_km: float
    seats_per_row: int = 4
    min_riders: int | None = None
    second_driver_cost: float = 800.0
    aisle_after: int = 0

    @property
    def left_of_aisle(self) -> int:
        """Seats of a row left of the aisle: ``aisle_after`` (from the fleet's
        ``layout``, such as ``"2+1"``), else half the row, rounded up (2 + 2
        on a coach, 2 + 1 on a minibus)."""
        return self.aisle_after or (self.seats_per_row + 1) // 2


@dataclass(frozen=True, slots=True, kw_only=True)
class Room:
    """A dormitory room by its real number, and how many may sleep in it."""

    number: str
    capacity: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Dormitory:
    """A dormitory whose rooms can hold workers in quarantine.

    ``sex`` set: the whole building is for that sex; None: each room takes
    one sex at a time.  ``isolation``: centralised isolation, one person per
    room.  ``available_from`` / ``available_to``: the first and last night
    it may be used (None: no limit).  ``employer``: an employer's own
    dormitory, for its workers only ("" for anyone).
    """

    id: str
    name: str
    location: LatLon
    rooms: tuple[Room, ...]
    sex: Sex | None = None
    isolation: bool = True
    available_from: date | None = None
    available_to: date | None = None
    employer: str = ""

    @property
    def beds(self) -> int:
        """People the dormitory can hold at once."""
        return sum(room.capacity for room in self.rooms)


@dataclass(frozen=True, slots=True, kw_only=True)
class PickupPoint:
    """Where a bus stops to collect the workers living around it.

    ``id`` comes from the point's content (see `returnbus.ids`);
    ``division_code`` is the division of the home the point stands at, and
    ``name`` what the desk and the driver call it (township and village).
    """

    id: str
    location: LatLon
    worker_ids: tuple[str, ...]
    division_code: str = ""
    dropoffs: tuple[str, ...] = ()
    name: str = ""

    @property
    def demand(self) -> int:
        """Seats this point needs."""
        return len(self.worker_ids)

    def dropoff_of(self, worker_id: str) -> str:
        """The drop-off site of a worker boarding here ("" when not set yet)."""
        if not self.dropoffs:
            return ""
        return self.dropoffs[self.worker_ids.index(worker_id)]


StopKind = Literal["pickup", "dropoff"]

#: The drop-off site of riders bound for quarantine until a bed is reserved
#: for them (a stand-in at the dormitories' centre).
QUARANTINE_SITE = "quarantine"


@dataclass(frozen=True, slots=True, kw_only=True)
class Stop:
    """A stop on a route with its arrival time: a pickup where ``worker_ids``
    board (``point_id``: the pickup point), or a drop-off where they alight
    (``point_id``: the site, an employer or a dormitory)."""

    seq: int
    point_id: str
    location: LatLon
    arrive: datetime
    worker_ids: tuple[str, ...]
    kind: StopKind = "pickup"


@dataclass(frozen=True, slots=True, kw_only=True)
class Break:
    """A stop on the road from ``start`` for ``seconds``: a driver's rest, a
    stop through the small hours, or the drivers' layover before the first
    pickup."""

    start: datetime
    seconds: int

    @property
    def minutes(self) -> int:
        """Its length in whole minutes (rounded)."""
        return round(self.seconds / 60)

    @property
    def end(self) -> datetime:
        """When the bus moves on."""
        return self.start + timedelta(seconds=self.seconds)


@dataclass(frozen=True, slots=True, kw_only=True)
class Seat:
    """A rider's seat: ``label`` like ``"3A"`` (row 3, left window)."""

    worker_id: str
    label: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Route:
    """One bus: depot, pickups in order (``stops``), then its drop-offs in order.

    ``end_location`` and ``end_arrive`` are the last drop-off's.  ``breaks``
    are the rests the driving rules add; ``drivers`` is 2 when the route's
    driving is over the single-driver limit.  ``locked``: kept as announced
    by a re-plan (its stops and times stand, even if drop-outs leave a stop
    empty or the bus under its minimum).  ``under_minimum``: a re-planned
    bus that drop-outs left under its minimum and that no smaller bus or
    other bus could take over; it still runs for the riders it was promised to.
    """

    bus_id: str
    bus_type: str
    seats: int
    capacity_effective: int
    depot_id: str
    depart: datetime
    stops: tuple[Stop, ...]
    end_location: LatLon
    end_arrive: datetime
    distance_m: int
    cost: float
    seat_map: tuple[Seat, ...] = ()
    locked: bool = False
    under_minimum: bool = False
    dropoffs: tuple[Stop, ...] = ()
    breaks: tuple[Break, ...] = ()
    drivers: int = 1
    driving_seconds: int = 0
    direct: tuple[tuple[str, int], ...] = ()
    layover: Break | None = None
    relays: tuple[datetime, ...] = ()

    @property
    def riders(self) -> int:
        """Workers on board."""
        return sum(len(stop.worker_ids) for stop in self.stops)

    @property
    def worker_ids(self) -> tuple[str, ...]:
        """Every rider, in pickup order."""
        return tuple(w for stop in self.stops for w in stop.worker_ids)

    def rides(self) -> dict[str, int]:
        """Each rider's ride in seconds: boarding to their own drop-off (the end
        of the route when it has no drop-offs)."""
        alight = {w: d.arrive for d in self.dropoffs for w in d.worker_ids}
        return {
            w: int((alight.get(w, self.end_arrive) - stop.arrive).total_seconds())
            for stop in self.stops
            for w in stop.worker_ids
        }

    def detours(self) -> dict[str, int]:
        """Each rider's ride beyond their direct trip, in seconds, for the
        riders whose direct trip is known."""
        rides = self.rides()
        return {w: rides[w] - d for w, d in self.direct if w in rides}

    @property
    def ride_seconds(self) -> int:
        """The longest ride on the bus."""
        return max(self.rides().values(), default=0)

    @property
    def ride_mean_seconds(self) -> float:
        """The mean ride on the bus."""
        rides = self.rides()
        return sum(rides.values()) / len(rides) if rides else 0.0

    @property
    def duration_seconds(self) -> int:
        """Driver time: depot departure to arrival."""
        return int((self.end_arrive - self.depart).total_seconds())

    def longest_duty_seconds(self, overnight_seconds: int) -> int:
        """The drivers' longest duty: depot to last drop-off, or, with a
        night's rest (a layover of ``overnight_seconds`` or more) before the
        first pickup, the longer of the runs before and after it."""
        layover = self.layover
        if layover is None or layover.seconds < overnight_seconds:
            return self.duration_seconds
        before = (layover.start - self.depart).total_seconds()
        after = (self.end_arrive - self.stops[0].arrive).total_seconds()
        return int(max(before, after))


@dataclass(frozen=True, slots=True, kw_only=True)
class BedAssignment:
    """A quarantine bed held by one worker from the night of ``start`` until
    the morning of ``end``; ``batch`` and ``bus_id`` ("" for a self-returner)
    say how the worker came.  ``released_on``: the morning the desk freed the
    bed early (`returnbus ledger release`), which ``end`` then is; None
    while the bed is held to the quarantine's end."""

    worker_id: str
    dorm_id: str
    room: str
    bed: int
    start: date
    end: date
    batch: str = ""
    bus_id: str = ""
    released_on: date | None = None


#: When a night ends, for dating beds.  A rider who gets off before it (at
#: 00:40, say) is in the room through that night's small hours, while the
#: batch before may hold it until the morning: the bed is theirs from the
#: night before.  06:00 is the end of the rules' night hours by default
#: (``night_until``), and no default receiving hour (08:00 to 20:00) comes
#: before it, so a plan by day is dated as before.  A fixed hour, not that
#: setting: a bed written into a plan or the ledger keeps its dates when
#: the desk changes the rules later.
NIGHT_ENDS = time(6, 0)


def first_night(arrival: datetime, night_ends: time = NIGHT_ENDS) -> date:
    """The first night of the quarantine bed of a rider who gets off at
    ``arrival`` (on its own clock): its day's, or before `NIGHT_ENDS` the
    night before's.  Every bed is dated so, and checked so (``night_ends``
    is midnight for a plan written before: `Plan.night_ends`)."""
    day = arrival.date()
    return day - timedelta(days=1) if arrival.time() < night_ends else day


def last_morning(arrival: datetime, days: int) -> date:
    """The morning the bed of a rider who gets off at ``arrival`` ends, after
    a quarantine of ``days`` nights: counted from the arrival's day, so a
    rider who comes in the small hours still has ``days`` full nights (the
    bed holds one night more, from `first_night`)."""
    return arrival.date() + timedelta(days=days)


def bed_dates(arrival: datetime, days: int, night_ends: time = NIGHT_ENDS) -> tuple[date, date]:
    """The first night and the last morning of the bed of a rider who gets
    off at ``arrival`` (`first_night`, `last_morning`)."""
    return first_night(arrival, night_ends), last_morning(arrival, days)


def self_return_dates(first: date, days: int) -> tuple[date, date]:
    """The first night and the last morning of the bed of a self-returner,
    whom no bus dates (`bed_dates`): ``days`` nights from ``first``, their
    batch's departure day."""
    return first, first + timedelta(days=days)


Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True, kw_only=True)
class RosterFile:
    """How a roster file was read: its encoding (``xlsx`` for a workbook),
    the row its header is on, which header each field was read from, and
    the separator of CSV text ("" for a workbook)."""

    path: str
    encoding: str
    header_row: int
    columns: tuple[tuple[str, str], ...] = ()
    separator: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class RosterIssue:
    """One problem found in a roster row, in words a desk clerk can act on.

    ``value`` is the cell as read, so it may be personal data: mask it
    before it is shown (`returnbus.render.privacy`).
    """

    row: int
    column: str
    value: str
    problem: str
    action: str
    severity: Severity = "error"
    worker_id: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Unassigned:
    """A worker who gets neither a seat nor self-return, and why.

    ``reason`` says what to do about it; it never carries personal data.
    """

    worker_id: str
    stage: Stage
    reason: str
    row: int | None = None

    @property
    def held(self) -> str:
        """Why they stay out until an edit restores them: ``dropped`` (a
        drop-out), ``stop_closed`` (a rider of a stop the desk closed); ""
        for anyone a later re-plan tries again."""
        if self.stage == "dropped":
            return "dropped"
        return "stop_closed" if getattr(self.reason, "key", "") in STOP_CLOSED_KEYS else ""


#: Message keys of the reasons of a closed stop's riders left out.
STOP_CLOSED_KEYS = ("stop_closed", "stop_closed_bedless")


EditAction = Literal["move", "lock", "close", "unlock", "restore"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Edit:
    """One of the desk's changes: move a worker to a bus, lock a bus, close a
    pickup point; or undo an earlier one: unlock a bus, restore a worker who
    dropped out (or whose stop was closed).

    ``row`` is the edit's row in its file, and ``headers`` its header of each
    id's column (field, header: ``("bus_id", "车号")``), for messages.
    """

    action: EditAction
    worker_id: str = ""
    bus_id: str = ""
    point_id: str = ""
    row: int = 0
    headers: tuple[tuple[str, str], ...] = ()

    def column(self, field: str) -> str:
        """The column of ``field`` as the edits file heads it (the field when unknown)."""
        return dict(self.headers).get(field, field)


@dataclass(frozen=True, slots=True, kw_only=True)
class ClosedStop:
    """A pickup point the desk closed (a ``close`` edit), and where it stood.

    Kept in every later re-plan's plan: no rider boards at that place again
    (`place_of`), neither at a new stop nor at a stop another bus makes there.
    """

    point_id: str
    location: LatLon


#: Departures and dormitory dates before this year are typing errors.
FIRST_YEAR = 2000
#: ... and so are those more than this many years after the current one
#: (a plan is made days or weeks ahead; dates near 9999 overflow).
YEARS_AHEAD = 5


def last_year(today: date | None = None) -> int:
    """The last year a departure or a dormitory date may fall in."""
    return (today or date.today()).year + YEARS_AHEAD


#: A date as a desk writes it, year first: 2020-03-17, 2020-3-17, 2020/3/17,
#: 2020.3.17, 2020年3月17日 or 20200317.  Never day or month first, whose
#: order (3/4/2020) cannot be told.
_DAY = re.compile(r"(\d{4})(?:[-/.年](\d{1,2})[-/.月](\d{1,2})日?|(\d{2})(\d{2}))")


def read_day(value: str, *, time_after: bool = False) -> date:
    """The date ``value`` writes year first (see `_DAY`), and with
    ``time_after`` a time of day after it (Excel's ``2020-03-17 00:00:00``);
    ValueError for anything else, or a day no calendar has."""
    match = _DAY.match(value.strip())
    rest = value.strip()[match.end() :] if match else ""
    if match is None or (rest and not (time_after and rest[0] in " T")):
        raise ValueError(value)
    year, month, day, *compact = match.groups()
    numbers = int(year), int(month or compact[0]), int(day or compact[1])
    try:
        return date(*numbers)
    except ValueError:  # written right, but no calendar has it: said as such
        if numbers[0] < 1:  # year 0000: a form no desk writes, not a day to explain
            raise
        raise NoSuchDay(*numbers) from None


class NoSuchDay(ValueError):
    """A date written in a form `read_day` takes that no calendar has
    (2020-02-30, 2020-13-01): the desk is told the day does not exist, not
    that its form is wrong."""

    def __init__(self, year: int, month: int, day: int) -> None:
        super().__init__(f"{year}-{month:02d}-{day:02d}")
        self.year, self.month, self.day = year, month, day

    @property
    def message(self) -> Text:
        """Why the day does not exist: no such month, or the month's days."""
        written = str(self)
        if not 1 <= self.month <= 12:
            return Text("day_no_month", day=written, month=self.month)
        days = calendar.monthrange(self.year, self.month)[1]
        return Text("day_not_in_month", day=written, year=self.year, month=self.month, days=days)
