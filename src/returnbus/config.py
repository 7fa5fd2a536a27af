"""The scenario file: input files and every setting of a planning run.

``Scenario.from_toml(path)`` reads ``scenario.toml`` into one frozen object.
Every key is documented in the README; unknown keys are an error, so a typo
never silently falls back to a default.
"""

from __future__ import annotations

import csv
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Literal, TypeVar, get_args

from .coords import CoordSystem
from .domain import BusType, Dormitory, HealthCode, LatLon, RiskLevel, Sex, Site
from .errors import InputError

SeatingPolicyName = Literal["half", "one_per_row", "full"]

T = TypeVar("T")


@dataclass(frozen=True, slots=True, kw_only=True)
class SeatingPolicy:
    """How many seats of a coach may be used.

    ``half``: at most 50 % of the rated seats, one per seat pair (window
    seats).  ``one_per_row``: one rider per row, alternating sides.
    ``full``: every seat.  With ``keep_last_two_rows_empty`` the last two rows
    stay free as the observation area; ``reserved_seats`` front seats are kept
    for an escort or health worker.
    """

    policy: SeatingPolicyName = "half"
    keep_last_two_rows_empty: bool = True
    reserved_seats: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class SpeedBand:
    """Average speed for the part of a leg up to ``up_to_km`` (None: the rest)."""

    up_to_km: float | None
    kmh: float


@dataclass(frozen=True, slots=True, kw_only=True)
class TravelSettings:
    """Offline travel model: great-circle distance times a detour factor,
    driven at the speed of each distance band in turn."""

    detour_factor: float = 1.3
    speed_bands: tuple[SpeedBand, ...] = (
        SpeedBand(up_to_km=5, kmh=25),
        SpeedBand(up_to_km=50, kmh=45),
        SpeedBand(up_to_km=None, kmh=70),
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class ScreeningPolicy:
    """Who must be quarantined on arrival."""

    quarantine_risk_levels: tuple[RiskLevel, ...] = ("medium", "high")
    quarantine_health_codes: tuple[HealthCode, ...] = ("yellow",)
    quarantine_self_return_from_outside: bool = True
    home_province: str = "重庆市"


@dataclass(frozen=True, slots=True, kw_only=True)
class SolverSettings:
    """Routing search budget.  ``iterations`` (if set) makes runs repeatable
    whatever the machine's speed; the time limit always applies too."""

    time_limit_seconds: float = 20.0
    seed: int = 0
    iterations: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    """Every rule of a planning run (the defaults follow the 2020 practice)."""

    departure: datetime
    max_ride_minutes: int = 600
    max_route_minutes: int = 1200
    min_riders: int = 8
    stop_minutes: int = 10
    pickup_radius_m: int = 3000
    min_precision: Literal["exact", "township", "county"] = "county"
    planning_area: tuple[str, ...] = ()
    quarantine_days: int = 14
    seating: SeatingPolicy = field(default_factory=SeatingPolicy)
    screening: ScreeningPolicy = field(default_factory=ScreeningPolicy)
    travel: TravelSettings = field(default_factory=TravelSettings)
    solver: SolverSettings = field(default_factory=SolverSettings)

    @property
    def max_ride_seconds(self) -> int:
        """Ride-time cap, first pickup to arrival."""
        return self.max_ride_minutes * 60

    @property
    def max_route_seconds(self) -> int:
        """Route-duration cap, depot departure to arrival."""
        return self.max_route_minutes * 60

    @property
    def stop_seconds(self) -> int:
        """Dwell time at each pickup (boarding, temperature check)."""
        return self.stop_minutes * 60


@dataclass(frozen=True, slots=True, kw_only=True)
class RosterSource:
    """Where the roster is and how to read it."""

    path: Path
    sheet: str = ""
    encoding: str = ""
    coord_system: CoordSystem = "wgs84"
    columns: tuple[tuple[str, str], ...] = ()  # (field, header in the file)


@dataclass(frozen=True, slots=True, kw_only=True)
class Scenario:
    """Everything one planning run needs, loaded from ``scenario.toml``."""

    path: Path
    name: str
    roster: RosterSource
    depot: Site
    destination: Site
    fleet: tuple[BusType, ...]
    employers: tuple[Site, ...]
    dormitories: tuple[Dormitory, ...]
    settings: Settings

    @classmethod
    def from_toml(cls, path: Path) -> Scenario:
        """Read and check a scenario file; raise `InputError` on any problem."""
        return _load_scenario(Path(path))


# -- loading -----------------------------------------------------------------


class _Table:
    """One TOML table being read: typed access, and unknown keys reported."""

    def __init__(self, data: dict[str, Any], name: str, path: Path) -> None:
        self._data = dict(data)
        self._name = name
        self._path = path

    def _key(self, key: str) -> str:
        return f"{self._name}.{key}" if self._name else key

    def error(self, key: str, message: str, hint: str = "") -> InputError:
        return InputError(message, path=self._path, key=self._key(key), hint=hint)

    def has(self, key: str) -> bool:
        return key in self._data

    def get(self, key: str, kind: type[T], default: T | None = None) -> T:
        if key not in self._data:
            if default is None:
                raise self.error(key, "missing", f"add `{key} = ...` to [{self._name}]")
            return default
        value = self._data.pop(key)
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise self.error(
                key,
                f"expected {kind.__name__}, got {type(value).__name__} {value!r}",
            )
        return value

    def number(self, key: str, default: float | None = None, *, minimum: float = 0) -> float:
        value = self.get(key, float, default)
        if value < minimum:
            raise self.error(key, f"must be at least {minimum}, got {value}")
        return value

    def integer(self, key: str, default: int | None = None, *, minimum: int = 0) -> int:
        value = self.get(key, int, default)
        if value < minimum:
            raise self.error(key, f"must be at least {minimum}, got {value}")
        return value

    def choice(self, key: str, allowed: tuple[str, ...], default: str) -> str:
        value = self.get(key, str, default)
        if value not in allowed:
            raise self.error(key, f"{value!r} is not one of {', '.join(allowed)}")
        return value

    def choices(
        self, key: str, allowed: tuple[str, ...], default: tuple[str, ...]
    ) -> tuple[str, ...]:
        values = self.get(key, list, list(default))
        for value in values:
            if value not in allowed:
                raise self.error(key, f"{value!r} is not one of {', '.join(allowed)}")
        return tuple(values)

    def strings(self, key: str, default: tuple[str, ...] = ()) -> tuple[str, ...]:
        values = self.get(key, list, list(default))
        if not all(isinstance(v, str) for v in values):
            raise self.error(
                key, "expected a list of strings", 'write it like ["贵州省", "四川省"]'
            )
        return tuple(values)

    def table(self, key: str) -> _Table:
        return _Table(self.get(key, dict, {}), self._key(key), self._path)

    def tables(self, key: str) -> Iterator[_Table]:
        for i, item in enumerate(self.get(key, list, [])):
            if not isinstance(item, dict):
                raise self.error(key, "expected a list of tables ([[...]])")
            yield _Table(item, f"{self._key(key)}[{i}]", self._path)

    def file(self, key: str, base: Path, default: str | None = None) -> Path:
        name = self.get(key, str, default)
        path = (base / name).resolve()
        if not path.is_file():
            raise self.error(
                key,
                f"file not found: {path}",
                "check the file name and that it sits next to the scenario",
            )
        return path

    def point(self) -> LatLon:
        lat = self.number("lat", minimum=-90)
        lon = self.number("lon", minimum=-180)
        if lat > 90 or lon > 180:
            raise self.error("lat", f"({lat}, {lon}) is not a latitude/longitude pair")
        return LatLon(lat, lon)

    def done(self) -> None:
        if self._data:
            key = next(iter(self._data))
            raise self.error(
                key, "unknown setting", "check the spelling against the README's scenario keys"
            )


def _load_scenario(path: Path) -> Scenario:
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError("scenario file not found", path=path) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise InputError(f"not a valid TOML file: {error}", path=path) from None
    base = path.parent
    top = _Table(raw, "", path)

    head = top.table("scenario")
    name = head.get("name", str, path.parent.name)
    roster_path = head.file("roster", base)
    employers_path = head.get("employers", str, "")
    dorms_path = head.get("dormitories", str, "")
    departure = _departure(head)
    head.done()

    roster = _roster_source(top.table("roster"), roster_path)
    depot = _site(top.table("depot"), "depot")
    destination = _site(top.table("destination"), "destination")
    fleet = _fleet(top, path)
    settings = _settings(top, departure)
    top.done()

    employers = _read_employers(base / employers_path) if employers_path else ()
    dormitories = _read_dormitories(base / dorms_path) if dorms_path else ()
    return Scenario(
        path=path,
        name=name,
        roster=roster,
        depot=depot,
        destination=destination,
        fleet=fleet,
        employers=employers,
        dormitories=dormitories,
        settings=settings,
    )


def _departure(head: _Table) -> datetime:
    raw = head.get("departure", object, None)
    if isinstance(raw, datetime):
        value = raw
    else:
        try:
            value = datetime.fromisoformat(str(raw))
        except ValueError:
            raise head.error(
                "departure",
                f"{raw!r} is not an ISO date-time",
                'write it like "2020-03-17T06:00:00+08:00"',
            ) from None
    if value.tzinfo is None:
        raise head.error(
            "departure", "needs a UTC offset", 'write it like "2020-03-17T06:00:00+08:00"'
        )
    return value


def _roster_source(table: _Table, path: Path) -> RosterSource:
    columns = table.table("columns")
    mapping = tuple((key, columns.get(key, str)) for key in list(columns._data))
    source = RosterSource(
        path=path,
        sheet=table.get("sheet", str, ""),
        encoding=table.get("encoding", str, ""),
        coord_system=table.choice("coord_system", get_args(CoordSystem), "wgs84"),  # type: ignore[arg-type]
        columns=mapping,
    )
    table.done()
    return source


def _site(table: _Table, default_id: str) -> Site:
    site = Site(
        id=table.get("id", str, default_id),
        name=table.get("name", str, default_id),
        location=table.point(),
    )
    table.done()
    return site


def _fleet(top: _Table, path: Path) -> tuple[BusType, ...]:
    fleet = []
    for bus in top.tables("fleet"):
        bus_type = BusType(
            id=bus.get("id", str),
            name=bus.get("name", str, ""),
            seats=bus.integer("seats", minimum=1),
            count=bus.integer("count", minimum=0),
            fixed_cost=bus.number("fixed_cost", 0.0),
            cost_per_km=bus.number("cost_per_km", 0.0),
            seats_per_row=bus.integer("seats_per_row", 4, minimum=1),
            min_riders=bus.integer("min_riders", 0, minimum=0) or None,
        )
        bus.done()
        fleet.append(bus_type)
    if not fleet:
        raise InputError(
            "no buses", path=path, key="fleet", hint="add at least one [[fleet]] table"
        )
    ids = [b.id for b in fleet]
    if len(set(ids)) != len(ids):
        raise InputError(
            "bus type ids repeat", path=path, key="fleet", hint="give each [[fleet]] its own id"
        )
    return tuple(fleet)


def _settings(top: _Table, departure: datetime) -> Settings:
    rules = top.table("rules")
    seating_t = top.table("seating")
    screening_t = top.table("screening")
    quarantine_t = top.table("quarantine")
    travel_t = top.table("travel")
    solver_t = top.table("solver")
    default = Settings(departure=departure)

    seating = SeatingPolicy(
        policy=seating_t.choice("policy", get_args(SeatingPolicyName), default.seating.policy),  # type: ignore[arg-type]
        keep_last_two_rows_empty=seating_t.get(
            "keep_last_two_rows_empty", bool, default.seating.keep_last_two_rows_empty
        ),
        reserved_seats=seating_t.integer("reserved_seats", default.seating.reserved_seats),
    )
    screening = ScreeningPolicy(
        quarantine_risk_levels=screening_t.choices(  # type: ignore[arg-type]
            "quarantine_risk_levels", get_args(RiskLevel), default.screening.quarantine_risk_levels
        ),
        quarantine_health_codes=screening_t.choices(  # type: ignore[arg-type]
            "quarantine_health_codes",
            ("green", "yellow"),
            default.screening.quarantine_health_codes,
        ),
        quarantine_self_return_from_outside=screening_t.get(
            "quarantine_self_return_from_outside",
            bool,
            default.screening.quarantine_self_return_from_outside,
        ),
        home_province=screening_t.get("home_province", str, default.screening.home_province),
    )
    travel = TravelSettings(
        detour_factor=travel_t.number("detour_factor", default.travel.detour_factor, minimum=1.0),
        speed_bands=_speed_bands(travel_t)
        if travel_t.has("speed_bands")
        else default.travel.speed_bands,
    )
    iterations = solver_t.integer("iterations", 0, minimum=0)
    solver = SolverSettings(
        time_limit_seconds=solver_t.number(
            "time_limit_seconds", default.solver.time_limit_seconds, minimum=0.1
        ),
        seed=solver_t.integer("seed", default.solver.seed),
        iterations=iterations or None,
    )
    settings = Settings(
        departure=departure,
        max_ride_minutes=rules.integer("max_ride_minutes", default.max_ride_minutes, minimum=1),
        max_route_minutes=rules.integer("max_route_minutes", default.max_route_minutes, minimum=1),
        min_riders=rules.integer("min_riders", default.min_riders, minimum=1),
        stop_minutes=rules.integer("stop_minutes", default.stop_minutes),
        pickup_radius_m=rules.integer("pickup_radius_m", default.pickup_radius_m),
        min_precision=rules.choice(
            "min_precision", ("exact", "township", "county"), default.min_precision
        ),  # type: ignore[arg-type]
        planning_area=rules.strings("planning_area"),
        quarantine_days=quarantine_t.integer("days", default.quarantine_days, minimum=1),
        seating=seating,
        screening=screening,
        travel=travel,
        solver=solver,
    )
    for table in (rules, seating_t, screening_t, quarantine_t, travel_t, solver_t):
        table.done()
    if settings.max_ride_minutes > settings.max_route_minutes:
        raise rules.error(
            "max_ride_minutes",
            "is longer than max_route_minutes",
            "a ride is part of the route: lower it or raise max_route_minutes",
        )
    return settings


def _speed_bands(travel: _Table) -> tuple[SpeedBand, ...]:
    bands = []
    for band in travel.tables("speed_bands"):
        up_to = band.number("up_to_km", -1.0, minimum=-1.0)
        bands.append(
            SpeedBand(up_to_km=None if up_to < 0 else up_to, kmh=band.number("kmh", minimum=1.0))
        )
        band.done()
    inner = [b.up_to_km for b in bands[:-1]]
    if (
        not bands
        or bands[-1].up_to_km is not None
        or any(limit is None for limit in inner)
        or inner != sorted(limit for limit in inner if limit is not None)
    ):
        raise travel.error(
            "speed_bands",
            "bands must go up in up_to_km and the last one must have no up_to_km",
            "end the list with a band that only sets kmh",
        )
    return tuple(bands)


# -- employers and dormitories files -----------------------------------------


def _read_rows(path: Path, required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in required if c not in (reader.fieldnames or ())]
            if missing:
                raise InputError(
                    f"missing column(s) {', '.join(missing)}",
                    path=path,
                    hint=f"the header row needs: {', '.join(required)}",
                )
            for row_number, row in enumerate(reader, start=2):
                yield row_number, {k: (v or "").strip() for k, v in row.items() if k}
    except FileNotFoundError:
        raise InputError("file not found", path=path) from None
    except UnicodeDecodeError:
        raise InputError("not UTF-8 text", path=path, hint="save it as CSV UTF-8") from None


def _cell(
    path: Path, row: int, values: dict[str, str], column: str, parse: Callable[[str], T], what: str
) -> T:
    try:
        return parse(values.get(column, ""))
    except ValueError:
        raise InputError(
            f"{values.get(column, '')!r} is not {what}", path=path, row=row, column=column
        ) from None


def _latlon(path: Path, row: int, values: dict[str, str]) -> LatLon:
    lat = _cell(path, row, values, "lat", float, "a latitude")
    lon = _cell(path, row, values, "lon", float, "a longitude")
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise InputError(
            f"({lat}, {lon}) is not a latitude/longitude pair", path=path, row=row, column="lat"
        )
    return LatLon(lat, lon)


def _read_employers(path: Path) -> tuple[Site, ...]:
    sites = []
    for row, values in _read_rows(path, ("employer_id", "name", "lat", "lon")):
        sites.append(
            Site(id=values["employer_id"], name=values["name"], location=_latlon(path, row, values))
        )
    return tuple(sites)


def _sex(value: str) -> Sex | None:
    if value in ("", "any"):
        return None
    if value in ("M", "F"):
        return value  # type: ignore[return-value]
    raise ValueError(value)


def _read_dormitories(path: Path) -> tuple[Dormitory, ...]:
    dorms = []
    for row, values in _read_rows(path, ("dorm_id", "name", "lat", "lon", "rooms")):
        dorms.append(
            Dormitory(
                id=values["dorm_id"],
                name=values["name"],
                location=_latlon(path, row, values),
                rooms=_cell(
                    path, row, values, "rooms", _non_negative_int, "a whole number of rooms"
                ),
                sex=_cell(path, row, values, "sex", _sex, "M, F or any"),
            )
        )
    return tuple(dorms)


def _non_negative_int(value: str) -> int:
    number = int(value)
    if number < 0:
        raise ValueError(value)
    return number
