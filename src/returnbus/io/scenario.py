"""The scenario file: input files and every setting of a planning run.

`load_scenario` reads ``scenario.toml`` into one frozen `Scenario`.  Every
key is documented in the README; unknown keys are an error, so a typo never
silently falls back to a default.  The settings are built from each stage's
own parameter types (`returnbus.settings` composes them).
"""

from __future__ import annotations

import codecs
import difflib
import json
import logging
import math
import os
import re
import sys
import tomllib
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar, get_args

from ..cluster import ClusterParams
from ..domain import (
    FIRST_YEAR,
    YEARS_AHEAD,
    BusType,
    Dormitory,
    HealthCode,
    LatLon,
    NoSuchDay,
    RiskLevel,
    Site,
    last_year,
    read_day,
)
from ..errors import InputError, special_file
from ..geo.coords import CoordSystem, to_wgs84
from ..ids import batch_key
from ..locate import MinPrecision, PlacementRules
from ..quarantine import QuarantineParams
from ..routing.params import BusRules, ReplanRules, SolverSettings
from ..screen import ScreeningPolicy
from ..seating import POLICY_ALIASES, SeatingPolicy, SeatingPolicyName, effective_capacity
from ..settings import IntakeSettings, OutputSettings, Settings
from ..text import LANGS, Lang, Text, by_count, joined, listed, system_said
from ..travel import GreatCircleTravel, SpeedBand, TravelSettings
from .lookalike import has_lookalike, in_latin, lookalikes_said
from .roster import HEADER_ALIASES, RosterSource, coord_system_named, in_china
from .sites import SiteCheck, read_dormitories, read_employers
from .tables import (
    TABLE_SUFFIXES,
    not_found_hint,
    refuse_unusable_name,
    unusable_name,
    utf16_unmarked,
    warn_newer_beside,
    warn_sheet_ignored,
)

_log = logging.getLogger(__name__)

T = TypeVar("T")
N = TypeVar("N", int, float)

#: The largest routing seed: the solver takes a 32-bit signed one (as --seed does).
MAX_SEED = 2**31 - 1
#: Upper bounds that catch a unit mistake or a typo before it reaches the solver.
MAX_SEATS = 100  # the largest coach
MAX_SEATS_PER_ROW = 6  # seats are lettered A to F across a row
MAX_BUSES = 10_000  # of one type
MAX_COST = 1e7  # yuan, per bus or per km
MAX_MINUTES = 48 * 60
MAX_DAYS = 60
MAX_SECONDS = 24 * 3600
#: Below these a figure reads as another unit's (3 for 3 km where metres are
#: read, 10 for 10 hours), warned of: a desk may yet mean it.
MIN_RADIUS_M = 50
MIN_CAP_MINUTES = 30
#: Far beyond what a desk means in minutes (600 for 600 seconds): refused.
MAX_PAUSE_MINUTES = 180
#: Odd but possible: costs a desk may weigh in its own figures, warned of.
LEAST_HIRE_YUAN = 100
MOST_YUAN_PER_KM = 100

#: Where the district's buses start and arrive when a scenario does not say:
#: the Jiangjin coach company and the Degan industrial park hub.
DEFAULT_DEPOT = Site(
    id="depot", name="Jiangjin coach company", location=LatLon(29.292433, 106.255882)
)
DEFAULT_DESTINATION = Site(
    id="destination", name="Degan industrial park hub", location=LatLon(29.276017, 106.231957)
)


@dataclass(frozen=True, slots=True, kw_only=True)
class BatchSpec:
    """One batch of a campaign, as its ``[[batch]]`` table gives it: the id
    its roster rows carry (返岗批次), when it leaves, and optionally its own
    destination and fleet."""

    id: str
    departure: datetime
    destination: Site | None = None
    fleet: tuple[BusType, ...] | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Scenario:
    """Everything one planning run needs, as ``scenario.toml`` gives it.

    ``departure`` is the ``[scenario]`` departure, or the earliest batch's
    when only ``[[batch]]`` tables give one.
    """

    path: Path
    name: str
    roster: RosterSource
    departure: datetime
    depot: Site
    destination: Site
    fleet: tuple[BusType, ...]
    employers: tuple[Site, ...] = ()
    dormitories: tuple[Dormitory, ...] = ()
    batches: tuple[BatchSpec, ...] = ()
    intake: IntakeSettings = field(default_factory=IntakeSettings)
    settings: Settings = field(default_factory=Settings)

    @classmethod
    def for_roster(cls, roster: RosterSource, *, departure: datetime) -> Scenario:
        """A scenario that only names a roster: default rules, no fleet, no sites.

        Enough to check a roster (``returnbus check`` without ``--scenario``).
        """
        return cls(
            path=roster.path,
            name=roster.path.stem,
            roster=roster,
            departure=departure,
            depot=DEFAULT_DEPOT,
            destination=DEFAULT_DESTINATION,
            fleet=(),
        )


def load_scenario(path: Path, *, own_roster: bool = True, beds: bool = True) -> Scenario:
    """Read and check a scenario file; raise `InputError` on any problem.

    ``own_roster=False``: the caller reads another roster with it (as
    ``returnbus check ROSTER --scenario S`` does), so the roster the
    scenario names need not exist, and a ``[roster] sheet`` that does not
    fit it is not warned about: the caller warns about the roster it reads.
    ``beds=False``: the caller gives out no beds (``returnbus check``), so a
    dormitories file that is not there is warned about, not refused; one
    that is there is still read and checked.
    """
    refuse_unusable_name(Path(path))  # a name too long, a link to itself: no file to look at
    return _load_scenario(Path(path), own_roster=own_roster, beds=beds)


#: A section's header line, and ``lang = "en"`` on a line of its own.
_SECTION = re.compile(r"^\s*\[+\s*([^\]]*?)\s*\]+", re.MULTILINE)
_LANG = re.compile(r"""^\s*lang\s*=\s*["']([a-z]+)["']""", re.MULTILINE)


def asked_lang(path: Path) -> Lang | None:
    """The language the scenario's ``[output] lang`` asks for, read even from
    a file `load_scenario` refuses (so that its errors are said in it): from
    the TOML, or line by line where the TOML itself is broken.  None when
    the file cannot tell."""
    if special_file(path) is not None:  # a pipe would wait for ever
        return None
    try:
        text = _scenario_text(Path(path).read_bytes(), Path(path))
    except (OSError, InputError):
        return None
    try:
        output = tomllib.loads(text).get("output")
        lang = output.get("lang") if isinstance(output, dict) else None
    except (ValueError, RecursionError):  # a TOMLDecodeError, a number too long, too deep
        headers = list(_SECTION.finditer(text))
        # Each section ends where the next begins, the last with the text; a
        # broken file may have no header at all (a roster given as the scenario).
        ends = [*(header.start() for header in headers[1:]), len(text)] if headers else []
        lang = None
        for header, end in zip(headers, ends, strict=True):
            if header.group(1) == "output":
                section = text[header.end() : end]
                found = _LANG.search(section)
                lang = found.group(1) if found else None
    return next((known for known in LANGS if known == lang), None)


# -- loading -----------------------------------------------------------------


@dataclass(slots=True)
class _Reading:
    """What the tables of one scenario file asked for, by the header they
    are written under ([rules], [[fleet]]), and the keys no table took: these
    are told once every table is read, when where each belongs is known."""

    asked: dict[str, set[str]] = field(default_factory=dict)
    unknown: list[tuple[_Table, str]] = field(default_factory=list)
    #: Headers of arrays the file has no table of ([[batch]] in a scenario of
    #: one batch), whose keys are known all the same: what such a table is for.
    absent: dict[str, Text] = field(default_factory=dict)


class _Table:
    """One TOML table being read: typed access, and unknown keys reported."""

    def __init__(
        self,
        data: dict[str, Any],
        name: str,
        path: Path,
        lines: Sequence[str] = (),
        *,
        header: str = "",
        reading: _Reading | None = None,
    ) -> None:
        self._data = dict(data)
        self._name = name
        self._path = path
        self._asked: set[str] = set()  # the keys this table may hold
        self._lines = lines  # the file's, to find a key with a lookalike letter on
        self._header = header  # as written above it: [rules], [[fleet]], "" at the top
        self._reading = reading if reading is not None else _Reading()

    def _sub(self, key: str, double: bool) -> str:
        """The header of the table at ``key`` of this one: [a.b], or [[a.b]] for an array."""
        dotted = ".".join(p for p in (self._header.strip("[]"), key) if p)
        return f"[[{dotted}]]" if double else f"[{dotted}]"

    def written(self, key: str) -> str:
        """``key`` as the desk finds it in the file: under its header
        (``[scenario] employers``; a top-level key alone)."""
        return f"{self._header} {key}" if self._header else key

    def _key(self, key: str) -> str:
        return f"{self._name}.{key}" if self._name else key

    def error(self, key: str, message: Text, hint: Text) -> InputError:
        """The error of ``key`` of this table: what is wrong, and what to do."""
        return InputError(message, path=self._path, key=self._key(key), hint=hint)

    def has(self, key: str) -> bool:
        return key in self._data

    @property
    def name(self) -> str:
        return self._name

    def keys_left(self) -> list[str]:
        return list(self._data)

    def get(self, key: str, kind: type[T], default: T | None = None) -> T:
        self._asked.add(key)
        self._reading.asked.setdefault(self._header, set()).add(key)
        if key not in self._data:
            if default is None:
                typed = _typed_for(key, self._data)
                if typed:  # a typo of it, not an absent key
                    raise self.misnamed(typed, key)
                raise self.error(
                    key, Text("missing"), Text("setting_add", key=key, table=self._name)
                )
            written = self._cased(key)
            if written:  # [Depot]: read as absent, its lat would be "missing" from [depot]
                raise self.misnamed(written, key)
            return default
        value = self._data.pop(key)
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if kind is dict and isinstance(value, list) and value and isinstance(value[0], dict):
            # [[rules]] written as [[fleet]] is: a list of one table, said as such.
            raise self.error(
                key,
                Text("setting_double_brackets", table=self._key(key)),
                Text("setting_double_brackets_action", table=self._key(key)),
            )
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise self.error(
                key,
                Text(
                    "setting_type", kind=_kind(kind), got=_kind(type(value)), value=_as_typed(value)
                ),
                Text("setting_type_action", kind=_kind(kind)),
            )
        return value

    def _cased(self, key: str) -> str:
        """The key of this table written for ``key`` but in other case or
        with lookalike letters ([Depot], Pickup_Radius_M), or ""."""
        return next(
            (
                k
                for k in self._data
                if k != key and (k.casefold() == key.casefold() or in_latin(k) == key)
            ),
            "",
        )

    def text(self, key: str) -> str:
        """The text at ``key``; a whole number written without quotes (a
        batch's id = 2, as the roster's 返岗批次 says 2) is its figures."""
        value = self._data.get(key)
        if isinstance(value, int) and not isinstance(value, bool):
            self._data[key] = str(value)
        return self.get(key, str)

    def number(
        self,
        key: str,
        default: float | None = None,
        *,
        minimum: float = 0,
        maximum: float = 1e9,
    ) -> float:
        value = self.get(key, float, default)
        if not math.isfinite(value):
            raise self.error(
                key, Text("setting_not_finite", value=value), Text("setting_above_action")
            )
        return self._bounded(key, value, minimum, maximum)

    def integer(
        self,
        key: str,
        default: int | None = None,
        *,
        minimum: int = 0,
        maximum: int = 10**9,
        hint: Text | None = None,
    ) -> int:
        """The whole number at ``key``, from ``minimum`` to ``maximum``;
        ``hint`` says what to write instead (a unit check by default)."""
        return self._bounded(key, self.get(key, int, default), minimum, maximum, hint)

    def _bounded(
        self, key: str, value: N, minimum: float, maximum: float, hint: Text | None = None
    ) -> N:
        if not minimum <= value <= maximum:
            unit = _unit_of(key)
            side = "below" if value < minimum else "above"
            bound = minimum if side == "below" else maximum
            raise self.error(
                key,
                _out_of_range(side, bound, value, unit),
                hint or _unit_hint(side, value, unit),
            )
        return value

    def plausible(
        self, key: str, value: float, *, least: float = -math.inf, most: float = math.inf
    ) -> None:
        """Refuse ``value``, read at ``key``, when it lies below ``least`` or
        above ``most``: far outside what the setting means in its unit, so
        written in another (3 for 3 km where metres are read), and said with
        what to write in this one."""
        self._bounded(key, value, least, most)

    def small(self, key: str, value: float, *, least: float) -> None:
        """Warn when ``value``, read at ``key``, lies below ``least``: small
        enough to be another unit's figure (3 for 3 km where metres are
        read, 10 for 10 hours), yet a desk may mean it; it is used."""
        unit = _unit_of(key)
        if value < least and unit is not None:
            said = Text("setting_small_unit", value=_shown(value), unit=unit)
            self.warn(key, joined([said, _unit_hint("below", value, unit)]))

    def warn(self, key: str, said: Text) -> None:
        """Warn of ``key``'s value, which is odd but may be meant: it is used."""
        _log.warning(
            Text("log_setting_odd", scenario=str(self._path), key=self._key(key), said=said)
        )

    def choice(self, key: str, allowed: tuple[str, ...], default: str) -> str:
        value = self.get(key, str, default)
        if value not in allowed:
            raise self.error(
                key,
                Text("setting_choice", value=value, allowed=listed(allowed)),
                Text("setting_choice_action", allowed=listed(allowed)),
            )
        return value

    def _one_or_list(self, key: str) -> None:
        """One text where a list of them goes (codes = "yellow") is that
        list of one: it can mean nothing else."""
        if isinstance(self._data.get(key), str):
            self._data[key] = [self._data[key]]

    def choices(
        self, key: str, allowed: tuple[str, ...], default: tuple[str, ...]
    ) -> tuple[str, ...]:
        self._one_or_list(key)
        values = self.get(key, list, list(default))
        for value in values:
            if value not in allowed:
                raise self.error(
                    key,
                    Text("setting_choice", value=value, allowed=listed(allowed)),
                    Text("setting_choice_action", allowed=listed(allowed)),
                )
        return tuple(values)

    def strings(self, key: str, default: tuple[str, ...] = ()) -> tuple[str, ...]:
        self._one_or_list(key)
        values = self.get(key, list, list(default))
        if not all(isinstance(v, str) for v in values):
            raise self.error(key, Text("setting_strings"), Text("setting_strings_action"))
        return tuple(values)

    def table(self, key: str) -> _Table:
        return _Table(
            self.get(key, dict, {}),
            self._key(key),
            self._path,
            self._lines,
            header=self._sub(key, False),
            reading=self._reading,
        )

    def takes_tables(self, key: str, keys: Iterable[str], about: Text | None) -> None:
        """Know ``keys`` as those of the tables of the array at ``key``
        (``[[batch]]``), whether or not a table there asked for them: a key
        of theirs written under another header is said to be theirs, not
        unknown.  ``about``: what such a table is for, said with it when the
        file has none (the desk may not know the header), else None."""
        header = self._sub(key, True)
        self._reading.asked.setdefault(header, set()).update(keys)
        if about is not None:
            self._reading.absent[header] = about

    def tables(self, key: str) -> Iterator[_Table]:
        """The tables of an array (``[[fleet]]``), each named for the desk by
        its id (``fleet[M19]``), or by its place counted from 1 (``fleet[#2]``)."""
        for number, item in enumerate(self.get(key, list, []), start=1):
            if not isinstance(item, dict):
                raise self.error(key, Text("setting_tables"), Text("setting_tables_action"))
            name = item.get("id")
            if isinstance(name, int) and not isinstance(name, bool):  # id = 2: `text` reads it
                name = str(name)
            which = name if isinstance(name, str) and name.strip() else f"#{number}"
            yield _Table(
                item,
                f"{self._key(key)}[{which}]",
                self._path,
                self._lines,
                header=self._sub(key, True),
                reading=self._reading,
            )

    def file(self, key: str, base: Path, kind: Text, *, there: bool = True) -> Path:
        """The file ``key`` names, relative to ``base``; ``kind`` says what
        file is wanted when the name is empty or a folder.  ``there=False``:
        the caller does not read it, so it need not exist."""
        name = self.get(key, str)
        if not name.strip():  # else base / "" is the scenario's folder: "is a folder"
            raise self.error(
                key,
                Text("setting_file_empty"),
                Text("setting_file_empty_action", kind=kind, key=key, example=f"{key}.csv"),
            )
        try:
            path = (base / name).resolve()
        except (OSError, RuntimeError, ValueError):  # a link loop, a NUL: `existing` says which
            path = base / name
        return self.existing(key, path, kind) if there else path

    def optional_file(self, key: str, base: Path, kind: Text, *, there: bool = True) -> Path | None:
        """As `file`, or None when ``key`` is absent, empty or blank (spaces
        only: no file is named, as with ``""``, not a file called "  ")."""
        name = self.get(key, str, "")
        if not name.strip():
            return None
        return self.existing(key, base / name, kind) if there else base / name

    def existing(self, key: str, path: Path, kind: Text) -> Path:
        """``path``, which ``key`` names, refused when it is a folder or not there,
        or when no file can have its name (too long, a link to itself, a NUL)."""
        unusable = unusable_name(path)
        if unusable is not None:
            raise self.error(
                key,
                Text("setting_file_name_unusable", path=_visible(str(path)), why=unusable),
                Text("setting_file_name_unusable_action", kind=kind),
            )
        special = special_file(path)
        if special is not None:  # /dev/null, a pipe: there, but no file to read
            raise self.error(
                key,
                Text("setting_file_special", path=str(path), what=special),
                Text("setting_file_special_action", kind=kind),
            )
        if path.is_dir():  # is_file() alone would call a folder "not found"
            raise self.error(
                key,
                Text("setting_file_folder", path=str(path)),
                Text("setting_file_folder_action", kind=kind),
            )
        if not path.is_file() and os.sep == "/" and "\\" in str(path):
            # A Windows path in single quotes (as the TOML backslash error
            # advises) names the same file when the folder is copied here.
            slashed = Path(str(path).replace("\\", "/"))
            if slashed.is_file():
                return slashed
        if not path.is_file():
            # "data\roster.csv" in double quotes is valid TOML: its \r is a
            # carriage return, and the name looked for is one no desk wrote.
            written = str(path).translate(_TOML_ESCAPED)
            if written != str(path):
                raise self.error(
                    key,
                    Text("setting_file_escaped", path=written),
                    Text("toml_backslash_action"),
                )
            hint: Text = not_found_hint(path, Text("setting_file_action"))
            raise self.error(key, Text("setting_file_not_found", path=str(path)), hint)
        return path

    def point(self) -> LatLon:
        """The table's ``lat`` and ``lon``: a place in China.  A pair left at
        0, 0, swapped, or of the wrong sign is refused here: planned, it
        would leave every rider unassigned as too far, with exit 0."""
        lat = self.number("lat", minimum=-180, maximum=180)
        lon = self.number("lon", minimum=-180, maximum=180)
        if not in_china(lat, lon):
            swapped = in_china(lon, lat)
            raise self.error(
                "lat",
                Text("outside_china", lat=lat, lon=lon),
                Text("site_swapped_action" if swapped else "not_lat_lon_action"),
            )
        return LatLon(lat, lon)

    def done(self) -> None:
        if self._data:
            key = next(iter(self._data))
            meant = _typed_for(key, self._asked - set(self._data), of=True)
            if meant:
                raise self.misnamed(key, meant)
            if has_lookalike(key):
                raise self._lookalike(
                    key,
                    Text("setting_lookalike_unknown", letters=lookalikes_said(key)),
                    Text("setting_unknown_action"),
                )
            # Refused by `refuse_unknown`, once every table has said what it takes.
            self._reading.unknown.append((self, key))

    def refuse_unknown(self) -> None:
        """Refuse the first key no table took (`done`): as a setting of the
        tables that take it when it is written under another header (a
        [rules] key under [scenario]), else as a setting unknown."""
        for table, key in self._reading.unknown[:1]:
            headers = sorted(
                header
                for header, keys in self._reading.asked.items()
                if key in keys and header and header != table._header
            )
            if headers:
                move = Text("setting_elsewhere_action", key=key, tables=listed(headers))
                # A header the file has no table under: the desk may not know it.
                about = [self._reading.absent[h] for h in headers if h in self._reading.absent]
                raise table.error(
                    key,
                    Text("setting_elsewhere", tables=listed(headers)),
                    joined([move, *about]) if about else move,
                )
            raise table.error(key, Text("setting_unknown"), Text("setting_unknown_action"))

    def misnamed(self, key: str, meant: str) -> InputError:
        """The error of ``key``, written where ``meant`` was: a typo, or a
        lookalike letter (a Cyrillic е) that shows as the Latin one, named
        with the line it is on (the desk cannot find it by eye)."""
        if has_lookalike(key):
            return self._lookalike(
                key,
                Text("setting_lookalike", letters=lookalikes_said(key), key=meant),
                Text("setting_lookalike_action", key=meant),
            )
        return self.error(
            key, Text("setting_misspelled", key=meant), Text("setting_rename", key=meant)
        )

    def _lookalike(self, key: str, message: Text, hint: Text) -> InputError:
        """The error of ``key``, which holds a lookalike letter, at the first
        line that holds it (such a name is seldom written twice)."""
        line = next((n for n, text in enumerate(self._lines, start=1) if key in text), None)
        return InputError(message, path=self._path, line=line, key=self._key(key), hint=hint)


#: The unit of a setting, by how its key ends (checked in this order): said
#: with its figure, so that 3 read as metres is seen to be 3 metres.
_UNITS = (
    ("cost_per_km", "unit_yuan_per_km"),
    ("cost_per_hour", "unit_yuan_per_hour"),
    ("cost", "unit_yuan"),
    ("_minutes", "unit_minutes"),
    ("_seconds", "unit_seconds"),
    ("_km", "unit_km"),
    ("_m", "unit_metres"),
    ("kmh", "unit_kmh"),
    ("days", "unit_days"),
    ("seats", "unit_seats"),
)
#: For a unit, what to write when a figure is far below or above what a
#: desk means in it: the hint, and the factor to the unit a desk slipped into
#: (3 metres: 3 km, 3,000 metres; 600 minutes: 600 seconds, 10 minutes).
_UNIT_SLIPS: dict[str, dict[str, tuple[str, int]]] = {
    "unit_metres": {"below": ("unit_slip_km_action", 1000)},
    "unit_minutes": {
        "below": ("unit_slip_hours_action", 60),
        "above": ("unit_slip_seconds_action", 60),
    },
}


def _unit_of(key: str) -> Text | None:
    """The unit a setting is read in, by its key, or None when it has none."""
    return next((Text(unit) for ending, unit in _UNITS if key.endswith(ending)), None)


def _unit_hint(side: str, value: float, unit: Text | None) -> Text:
    """What to write for ``value``, ``side`` (below or above) a setting's
    range: the figure in its unit when ``value`` reads as another unit's
    (3 metres for 3 km), else to check it against the unit."""
    if unit is None:
        return Text("setting_above_action")
    slip = _UNIT_SLIPS.get(unit.key, {}).get(side)
    if slip is None or value <= 0:
        return Text("setting_unit_action", unit=unit)
    action, factor = slip
    meant = value * factor if side == "below" else value / factor
    # As TOML takes it: 3000, not 3,000 (a comma there is no number).
    return Text(action, unit=unit, value=_shown(value), meant=str(round(meant)))


def _out_of_range(side: str, bound: float, value: float, unit: Text | None) -> Text:
    """That ``value`` lies ``side`` (below or above) ``bound``, with the unit when known."""
    if unit is None:
        return Text(f"setting_{side}", **{_BOUND[side]: _shown(bound)}, value=_shown(value))
    return Text(
        f"setting_{side}_unit", **{_BOUND[side]: _shown(bound)}, value=_shown(value), unit=unit
    )


_BOUND = {"below": "minimum", "above": "maximum"}


def _like(key: str, keys: Iterable[str]) -> str:
    """The one of ``keys`` that ``key`` is likely a typo of ("" for none)."""
    close = difflib.get_close_matches(key, list(keys), n=1, cutoff=0.75)
    return close[0] if close else ""


def _typed_for(key: str, keys: Iterable[str], *, of: bool = False) -> str:
    """The one of ``keys`` written for ``key``: ``key`` with lookalike
    letters (however many), else a likely typo of it ("" for none).
    ``of``: the other way round, the one of ``keys`` that ``key`` was
    written for."""
    keys = list(keys)
    if of:
        return in_latin(key) if in_latin(key) in keys else _like(in_latin(key), keys)
    return next((k for k in keys if has_lookalike(k) and in_latin(k) == key), "") or _like(
        key, keys
    )


#: The TOML types, as the desk calls them.
_KINDS = ("bool", "int", "float", "str", "list", "dict", "datetime", "date", "time")


#: The most characters a whole number is shown with (21 digits and their marks).
_LONGEST_SHOWN = 27


def _shown(value: object) -> str:
    """A TOML value as the desk wrote it: figures plain, text in quotes."""
    if isinstance(value, int) and not isinstance(value, bool):
        shown = f"{value:,}"  # in full: ``.15g`` says 2**63 as 9.22337203685478e+18
        if len(shown) <= _LONGEST_SHOWN:
            return shown
        # Thousands of digits would fill the screen: their start, and how many.
        digits = len(str(abs(value)))
        return Text("number_long", start=shown[:15], digits=f"{digits:,}")
    if isinstance(value, float):
        return f"{value:,.15g}"
    if isinstance(value, str):
        return f'"{value[:40]}"'
    return json.dumps(value, default=str, ensure_ascii=False)[:40]


def _as_typed(value: object) -> str:
    """`_shown`, but a whole float as TOML writes it (3.0): refused where a
    whole number is wanted, it must not be said as the 3 it would take."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return f"{value:,.1f}"
    return _shown(value)


def _kind(kind: type) -> str:
    """The name of a TOML value's type: said in the desk's language when known."""
    return Text(f"type_{kind.__name__}") if kind.__name__ in _KINDS else kind.__name__


def _scenario_file_text(path: Path) -> str:
    """The text of the scenario file at ``path``, refused (`InputError`)
    when it is no scenario file: a table, a folder, a device or a pipe, not
    there, not to be read, or empty."""
    # A table given where the scenario belongs: read as TOML, it would be
    # refused for its first line or its bytes, with a hint that misleads.
    if path.suffix.lower() in TABLE_SUFFIXES and path.is_file():
        raise InputError(
            Text("scenario_given_table"),
            path=path,
            hint=Text("scenario_given_table_action", name=path.name),
        )
    special = special_file(path)
    if special is not None:  # /dev/null read as an empty scenario; a pipe waits for ever
        raise InputError(
            Text("scenario_special", what=special), path=path, hint=Text("scenario_special_action")
        )
    try:
        text = _scenario_text(path.read_bytes(), path)
    except (FileNotFoundError, NotADirectoryError):  # the latter: a path through a file
        hint: Text = not_found_hint(path, Text("scenario_not_found_action"))
        raise InputError(Text("scenario_not_found"), path=path, hint=hint) from None
    except IsADirectoryError:
        raise InputError(
            Text("scenario_folder"),
            path=path,
            hint=Text("scenario_folder_action", path=str(path / "scenario.toml")),
        ) from None
    except PermissionError:
        raise InputError(
            Text("scenario_no_permission"), path=path, hint=Text("scenario_no_permission_action")
        ) from None
    except OSError as error:  # a failing disk or share: the desk's to settle, not a fault
        raise InputError(
            Text("scenario_unreadable", why=system_said(error)),
            path=path,
            hint=Text("file_unreadable_action"),
        ) from None
    if not text.lstrip("\ufeff").strip():
        raise InputError(Text("scenario_empty"), path=path, hint=Text("scenario_empty_action"))
    return text


def _load_scenario(path: Path, *, own_roster: bool, beds: bool) -> Scenario:
    text = _scenario_file_text(path)
    raw = _parsed(text, path)
    base = path.parent
    top = _Table(raw, "", path, text.split("\n"))

    head = top.table("scenario")
    name = head.get("name", str, path.parent.name)
    roster_path = head.file("roster", base, Text("file_kind_roster"), there=own_roster)
    employers_path = head.optional_file("employers", base, Text("file_kind_employers"))
    dorms_path = _dormitories_path(head, base, path, beds=beds)
    departure = _departure(head) if head.has("departure") or not top.has("batch") else None
    head.done()

    roster = _roster_source(top.table("roster"), roster_path)
    if own_roster:
        warn_sheet_ignored(roster.path, roster.sheet)
    for key, named in (
        ("roster", roster_path if own_roster else None),
        ("employers", employers_path),
        ("dormitories", dorms_path),
    ):
        if named is not None:
            warn_newer_beside(named, key=head.written(key), scenario=path.name)
    depot = _site(top.table("depot"), "depot")
    destination = _site(top.table("destination"), "destination")
    fleet = _fleet(top.tables("fleet"), path, "fleet")
    batches = _batches(top, path, departure)
    rules = top.table("rules")
    intake = IntakeSettings(
        screening=_screening(top.table("screening")), placement=_placement(rules)
    )
    settings = _settings(top, rules)
    top.done()
    top.refuse_unknown()

    check = _near_destinations(
        _reached_from(path, depot, [destination, *(b.destination for b in batches)], settings),
        settings,
    )
    employers = read_employers(employers_path, check=check) if employers_path else ()
    every_bus = (*fleet, *(b for spec in batches for b in spec.fleet or ()))
    _check_rider_seats(path, every_bus, settings)
    _check_minimums(path, every_bus, settings)
    if intake.screening.close_contacts == "quarantine" and (
        settings.rules.quarantine_cohorts == "mixed"
    ):
        raise InputError(
            Text("close_contacts_mixed"),
            path=path,
            key="screening.close_contacts",
            hint=Text("close_contacts_mixed_action"),
        )
    return Scenario(
        path=path,
        name=name,
        roster=roster,
        departure=departure or min(b.departure for b in batches),
        depot=depot,
        destination=destination,
        fleet=fleet,
        employers=employers,
        dormitories=(
            read_dormitories(dorms_path, employers=employers, place=_place, check=check)
            if dorms_path
            else ()
        ),
        batches=batches,
        intake=intake,
        settings=settings,
    )


def _dormitories_path(head: _Table, base: Path, path: Path, *, beds: bool) -> Path | None:
    """The dormitories file ``head`` names; with ``beds=False``, a file that
    is not there is warned about and None: a roster check needs no beds."""
    kind = Text("file_kind_dormitories")
    dorms = head.optional_file("dormitories", base, kind, there=beds)
    if dorms is None or beds:
        return dorms
    if dorms.exists():  # read and checked all the same; a folder is still refused
        return head.existing("dormitories", dorms, kind)
    _log.warning(Text("log_dormitories_not_found", scenario=str(path), path=str(dorms)))
    return None


_BARE_CR = re.compile(r"\r(?!\n)")


def _scenario_text(data: bytes, path: Path) -> str:
    """The text of a scenario file as Windows Notepad may save it: UTF-8 with
    or without a byte-order mark, UTF-16 with one ("Unicode"), or GBK/GB18030
    ("ANSI" on a Chinese Windows), which is how the rosters are read too.
    UTF-16 without the mark is refused as the tables refuse it: read as
    UTF-8 its every other byte is a zero, called a control character."""
    if utf16_unmarked(data):
        raise InputError(
            Text("encoding_utf16_unmarked"), path=path, hint=Text("scenario_encoding_action")
        )
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates: tuple[str, ...] = ("utf-16",)
    else:
        candidates = ("utf-8-sig", "gb18030")  # GB18030 is a superset of GBK and GB2312
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        # A bare CR ends a line as an old Mac editor saves it (and every editor
        # shows it): TOML takes only LF and CRLF, and would call it a control
        # character on "row 1". The roster reader takes it too.
        return _BARE_CR.sub("\n", text)
    raise InputError(Text("scenario_encoding"), path=path, hint=Text("scenario_encoding_action"))


#: Where tomllib says an error is: "... (at line 3, column 7)" or "(at end of document)".
_TOML_AT = re.compile(
    r"(?P<what>.*) \(at (?:line (?P<line>\d+), column (?P<column>\d+)|end of document)\)", re.S
)
#: Punctuation a Chinese input method types where TOML wants the half-width sign.
_FULL_WIDTH = {
    "＝": "=",
    "“": '"',
    "”": '"',
    "＂": '"',
    "‘": "'",
    "’": "'",
    "［": "[",
    "］": "]",
    "｛": "{",
    "｝": "}",
    "，": ",",
    "．": ".",
    "＃": "#",
    "　": " ",
}


def _half_width(sign: str) -> str:
    """The half-width letter or digit a full-width one (４, ｓ) stands for, or
    "": an input method in full-width mode types them, which TOML refuses."""
    plain = unicodedata.normalize("NFKC", sign) if "\uff01" <= sign <= "\uff5e" else ""
    return plain if plain.isascii() and plain.isalnum() else ""


def _toml_place(error: tomllib.TOMLDecodeError, text: str) -> tuple[str, int, int, str]:
    """tomllib's complaint without its place, the line and column (0: not
    known) of the sign it stopped at (past any spaces there), and that line."""
    found = _TOML_AT.fullmatch(str(error))
    what = found["what"] if found else str(error)
    lines = text.split("\n")  # tomllib counts lines by "\n" only
    if not (found and found["line"]):  # at the end of the file: the last line written
        line = len(text.rstrip().split("\n"))
        return what, line, 0, lines[line - 1] if line <= len(lines) else ""
    line, column = int(found["line"]), int(found["column"])
    source = lines[line - 1] if 0 < line <= len(lines) else ""
    while column <= len(source) and source[column - 1] in " \t":
        column += 1
    return what, line, column, source


def _parsed(text: str, path: Path) -> dict[str, Any]:
    """The scenario's TOML, or the `InputError` that says what is wrong at which line."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        # A bare key typed with a Cyrillic е is no TOML ("must be followed by
        # ="): read with it quoted, it is refused at its key, its letter named.
        quoted = _lookalike_keys_quoted(text, error)
        if quoted is not None:
            return quoted
        raise _toml_error(error, text, path) from None
    except ValueError:  # tomllib's int() refused a number of thousands of digits
        raise _too_long_number(text, path) from None
    except RecursionError:  # tomllib reads nested values by recursion
        raise _too_deep(text, path) from None


#: The most lines whose keys are quoted to read past their lookalike letters.
_MOST_QUOTED = 20
#: A header's brackets and name, and a key's parts (quoted ones kept whole).
_HEADER = re.compile(r"(\[\[?)([^\]]*)(\]\]?.*)", re.S)
_KEY_PARTS = re.compile(r"\"[^\"]*\"|'[^']*'|[^.]+")


def _lookalike_keys_quoted(text: str, error: tomllib.TOMLDecodeError) -> dict[str, Any] | None:
    """The TOML of ``text`` read with the bare keys that hold lookalike
    letters (`returnbus.io.lookalike`) quoted, on each line it stopped at;
    None when the line it stops at has none, or the text reads no better."""
    lines = text.split("\n")
    for _ in range(_MOST_QUOTED):
        line = _toml_place(error, "\n".join(lines))[1]
        if not 0 < line <= len(lines):
            return None
        quoted = _quote_lookalike_key(lines[line - 1])
        if quoted == lines[line - 1]:
            return None
        lines[line - 1] = quoted
        try:
            return tomllib.loads("\n".join(lines))
        except tomllib.TOMLDecodeError as again:
            error = again
        except (ValueError, RecursionError):  # said by the text as written
            return None
    return None


def _quote_lookalike_key(source: str) -> str:
    """``source`` (a line) with each bare part of its key, or of its table
    header, that holds a lookalike letter written in quotes."""
    body = source.lstrip()
    indent = source[: len(source) - len(body)]
    header = _HEADER.fullmatch(body)
    if header:
        opening, key, rest = header.groups()
    else:
        key, equals, value = body.partition("=")
        if not equals:
            return source
        opening, rest = "", equals + value
    parts = []
    for part in _KEY_PARTS.findall(key):
        name = part.strip()
        if name[:1] not in ("'", '"') and has_lookalike(name) and _bare(in_latin(name)):
            part = part.replace(name, json.dumps(name, ensure_ascii=False))
        parts.append(part)
    return indent + opening + ".".join(parts) + rest


def _bare(name: str) -> bool:
    """Whether ``name`` may be a bare TOML key (letters, digits, ``_``, ``-``)."""
    return bool(name) and all(c.isascii() and (c.isalnum() or c in "_-") for c in name)


#: Deeper than any setting nests (a fleet's table in a batch's is three).
_DEEPEST = 50


def _too_deep(text: str, path: Path) -> InputError:
    """Values nested deeper than Python reads, at the line where the nesting
    passes `_DEEPEST` when it can be told (brackets in text and comments are
    counted too: a guess, which the line shown lets the desk check)."""
    depth = 0
    for line, source in enumerate(text.split("\n"), start=1):
        for char in source:
            depth += (char in "[{") - (char in "]}")
            if depth > _DEEPEST:
                return InputError(
                    Text("toml_too_deep"), path=path, line=line, hint=Text("toml_too_deep_action")
                )
    return InputError(Text("toml_too_deep"), path=path, hint=Text("toml_too_deep_action"))


#: A run of digits, as TOML writes a whole number (``_`` between digits).
_DIGITS = re.compile(r"\d[\d_]*")


def _too_long_number(text: str, path: Path) -> InputError:
    """A whole number longer than Python reads (4,300 digits), at its line
    when it can be found."""
    limit = sys.get_int_max_str_digits()
    for line, source in enumerate(text.split("\n"), start=1):
        for run in _DIGITS.findall(source):
            if len(digits := run.replace("_", "")) > limit:
                return InputError(
                    Text("toml_number_too_long", digits=f"{len(digits):,}"),
                    path=path,
                    line=line,
                    hint=Text("toml_number_too_long_action"),
                )
    return InputError(
        Text("toml_number_too_long", digits=f"{limit:,}+"),
        path=path,
        hint=Text("toml_number_too_long_action"),
    )


def _is_control(char: str) -> bool:
    """Whether ``char`` is a control character TOML refuses (a tab it takes)."""
    return unicodedata.category(char) == "Cc" and char != "\t"


def _visible(source: str) -> str:
    """A line as the desk can find what is in it: a tab as a space, and
    characters that print as nothing (a NUL, a zero-width space) as their
    code, like \\x00 or \\u200b."""
    return "".join(c if c.isprintable() else " " if c == "\t" else ascii(c)[1:-1] for c in source)


def _sign_error(what: str, line: int, column: int, source: str, path: Path) -> InputError | None:
    """The TOML error of a character on the line that the desk cannot tell is
    wrong: an invisible control character, a full-width sign, or a Windows
    path's backslash in double quotes (an escape to TOML); None if none."""
    sign = source[column - 1 : column] if column else ""
    shown = _visible(source.strip())[:60]
    # TOML refuses control characters (but tab, and the CR of a Windows line
    # end): one on the line is what is wrong, and the desk cannot see it.
    body = source.removesuffix("\r")
    control = next((i for i, c in enumerate(body) if _is_control(c)), None)
    if control is not None:
        return InputError(
            Text("toml_control", column=control + 1, sign=_visible(source[control]), line=shown),
            path=path,
            line=line,
            hint=Text("toml_control_action"),
        )
    half = _FULL_WIDTH.get(sign) or _half_width(sign)
    if half:
        return InputError(
            Text("toml_full_width", column=column, sign=sign),
            path=path,
            line=line,
            hint=Text("toml_full_width_action", ascii=half),
        )
    if "\\" in source and what.startswith(_ESCAPE_ERRORS):
        return InputError(
            Text("toml_backslash", line=shown),
            path=path,
            line=line,
            hint=Text("toml_backslash_action"),
        )
    return None


#: Characters a backslash in double quotes makes of a Windows path's \r, \t,
#: \n, \b or \f: none is in a file name anyone means to type. Each is
#: shown as the desk wrote it.
_TOML_ESCAPED = {ord(c): f"\\{e}" for c, e in zip("\r\t\n\b\f", "rtnbf", strict=True)}

#: tomllib's complaints about a backslash escape in a double-quoted string.
_ESCAPE_ERRORS = ("Invalid hex value", "Unescaped '\\'", "Escaped character")


def _toml_error(error: tomllib.TOMLDecodeError, text: str, path: Path) -> InputError:
    """A TOML syntax error said in the desk's words, at its line: what is
    wrong and what to do.  tomllib's own English is kept only when no
    plainer sentence fits."""
    what, line, column, source = _toml_place(error, text)
    shown = _visible(source.strip())[:60]
    wrong_sign = _sign_error(what, line, column, source, path)
    if wrong_sign is not None:
        return wrong_sign
    if what.startswith(
        ("Cannot overwrite a value", "Cannot declare", "Duplicate inline table key")
    ):
        inline = re.fullmatch(r"Duplicate inline table key '(.*)'", what)
        key = inline[1] if inline else source.partition("=")[0].strip()
        return InputError(
            Text("toml_twice", key=key), path=path, line=line, hint=Text("toml_twice_action")
        )
    if what.startswith("Expected '=' after a key"):
        return InputError(
            Text("toml_no_equals", line=shown),
            path=path,
            line=line,
            hint=Text("toml_no_equals_action"),
        )
    if what == "Illegal character '\\n'" or what == "Unterminated string":
        return InputError(
            Text("toml_unclosed_string"),
            path=path,
            line=line,
            hint=Text("toml_unclosed_string_action"),
        )
    if what.startswith(("Expected ']' at the end of a table", "Expected ']]' at the end")):
        return InputError(
            Text("toml_unclosed_header"),
            path=path,
            line=line,
            hint=Text("toml_unclosed_header_action"),
        )
    if what == "Unclosed array":
        return InputError(
            Text("toml_unclosed_list"), path=path, line=line, hint=Text("toml_unclosed_list_action")
        )
    if what in ("Invalid value", "Invalid date or datetime"):
        return _bad_value(line, column, source, path)
    after = _after_value(source, column) if what.startswith("Expected newline") else None
    if after is not None:  # seats = 45座, fixed_cost = 3,200, name = 45座客车
        value, extra = after
        return InputError(
            Text("toml_after_value", value=value, extra=extra, line=shown),
            path=path,
            line=line,
            hint=Text("toml_after_value_action"),
        )
    if what.startswith(("Invalid statement", "Invalid initial character", "Expected newline")):
        return InputError(
            Text("toml_bad_line", line=shown),
            path=path,
            line=line,
            hint=Text("toml_bad_line_action"),
        )
    return InputError(
        Text("toml_syntax", line=shown, detail=what),
        path=path,
        line=line,
        hint=Text("toml_syntax_action"),
    )


def _bad_value(line: int, column: int, source: str, path: Path) -> InputError:
    """The error of a value TOML cannot read at ``column`` of ``line``: a
    date-time written bare whose day no calendar has (2020-02-30T05:00:00),
    said as such, or a value that is no number, true/false or text."""
    missing = _no_such_day(source[column - 1 :]) if column else None
    if missing is not None:
        return InputError(missing.message, path=path, line=line, hint=Text("day_missing_action"))
    return InputError(
        Text("toml_bad_value", column=column),
        path=path,
        line=line,
        hint=Text("toml_bad_value_action"),
    )


def _after_value(source: str, column: int) -> tuple[str, str] | None:
    """The value of a ``name = value`` line and what follows it there, when
    TOML stopped at ``column``, past the value (a unit, a thousands comma, a
    second word: TOML takes 45 and stops at 座); None for other lines."""
    name, equals, _ = source.partition("=")
    start = len(name) + len(equals)
    if not (equals and name.strip()) or not start < column:
        return None
    value, extra = source[start : column - 1].strip(), source[column - 1 :].strip()
    return (_visible(value)[:40], _visible(extra)[:40]) if value and extra else None


def _reached_from(
    path: Path, depot: Site, destinations: Sequence[Site | None], settings: Settings
) -> list[Site]:
    """The ``destinations`` given, each checked to be within reach of the depot.

    A bus drives empty from the depot to its first pickup within a duty
    (``max_route_minutes``) and on to the destination within a ride
    (``max_ride_minutes``); a depot farther than both from a destination (a
    mistyped figure) could send no bus, so every rider would be left out
    with exit 0.  The drive through a pickup is no shorter than the straight
    one under the travel settings' triangle inequality (see bounds.py); the
    bound is a whole duty and a ride, so only a mistyped depot meets it."""
    travel = GreatCircleTravel(settings.travel)
    rules = settings.rules
    most = rules.max_route_seconds + rules.max_ride_seconds
    given = [d for d in destinations if d is not None]
    for destination in given:
        leg = travel.between([depot.location], [destination.location])
        seconds, metres = int(leg.seconds[0]), int(leg.metres[0])
        if seconds > most:
            raise InputError(
                Text(
                    "depot_far",
                    destination=destination.name,
                    hours=seconds / 3600,
                    km=metres / 1000,
                    most=most / 3600,
                ),
                path=path,
                key="depot.lat",
                hint=Text("depot_far_action"),
            )
    return given


def _near_destinations(destinations: Sequence[Site], settings: Settings) -> SiteCheck:
    """A drop-off site (an employer's gate, a dormitory) lies within the
    longest ride of every destination.  The routing times each bus to the
    destination and on to its sites, so no rider could reach a site farther
    off: it is a place mistyped."""
    travel = GreatCircleTravel(settings.travel)
    most = settings.rules.max_ride_seconds

    def check(location: LatLon) -> dict[str, object] | None:
        for destination in destinations:
            leg = travel.between([destination.location], [location])
            seconds, metres = int(leg.seconds[0]), int(leg.metres[0])
            if seconds > most:
                return {
                    "hours": seconds / 3600,
                    "km": metres / 1000,
                    "destination": destination.name,
                    "most": most / 3600,
                }
        return None

    return check


def _check_rider_seats(path: Path, fleet: Sequence[BusType], settings: Settings) -> None:
    """Every bus type keeps a seat for a rider.  ``reserved_seats`` come off
    the seats the policy allows (`effective_capacity`), so they must stay
    below the fewest any bus type has; the solver would otherwise plan with
    a bus nobody may board and leave every rider unassigned."""
    unreserved = replace(settings.seating, reserved_seats=0)
    seats = {bus.id: effective_capacity(bus, unreserved) for bus in fleet}
    for bus in fleet:
        if seats[bus.id] == 0:
            raise InputError(
                Text(
                    "bus_seats_nobody",
                    bus=bus.id,
                    seats=bus.seats,
                    policy=unreserved.named,
                ),
                path=path,
                key="fleet.seats",
                hint=Text("bus_seats_nobody_action"),
            )
    reserved = settings.seating.reserved_seats
    smallest = min(fleet, key=lambda bus: seats[bus.id], default=None)
    if smallest is not None and reserved >= seats[smallest.id]:
        raise InputError(
            Text(
                "reserved_seats_over",
                reserved=reserved,
                most=seats[smallest.id] - 1,
                bus=smallest.id,
                seats=seats[smallest.id],
                policy=unreserved.named,
            ),
            path=path,
            key="seating.reserved_seats",
            hint=Text("reserved_seats_action", most=seats[smallest.id] - 1),
        )


def _check_minimums(path: Path, fleet: Sequence[BusType], settings: Settings) -> None:
    """A bus type whose minimum riders exceed its seats under the policy could never run."""
    for bus in fleet:
        capacity = effective_capacity(bus, settings.seating)
        if bus.min_riders is not None and bus.min_riders > capacity:
            raise InputError(
                Text(
                    "min_riders_over_seats",
                    bus=bus.id,
                    minimum=bus.min_riders,
                    seats=capacity,
                    policy=settings.seating.named,
                ),
                path=path,
                key="fleet.min_riders",
                hint=Text("min_riders_over_seats_action", seats=capacity),
            )


def _place(address: str) -> LatLon | None:
    """A dormitory's address placed with the offline gazetteer."""
    from ..geo.geocode import OfflineGeocoder
    from .gazetteer import load_gazetteer

    return OfflineGeocoder(load_gazetteer()).geocode(address).location


#: The keys a ``[[batch]]`` table takes (as `_batches` reads them).
BATCH_KEYS = ("id", "departure", "destination", "fleet")


def _batches(top: _Table, path: Path, departure: datetime | None) -> tuple[BatchSpec, ...]:
    batches = []
    for table in top.tables("batch"):
        batch_id = table.text("id")
        when = _departure(table) if table.has("departure") or departure is None else departure
        spec = BatchSpec(
            id=batch_id,
            departure=when,
            destination=_site(table.table("destination"), "destination")
            if table.has("destination")
            else None,
            fleet=_fleet(table.tables("fleet"), path, f"{table.name}.fleet")
            if table.has("fleet")
            else None,
        )
        table.done()
        batches.append(spec)
    # A batch's key written under another header ([scenario] destination) is
    # no unknown one, though no [[batch]] asked for it (or there is none).
    top.takes_tables("batch", BATCH_KEYS, None if batches else Text("batch_table_about"))
    keys = [batch_key(b.id) for b in batches]
    if len(set(keys)) != len(keys):
        raise InputError(
            Text("batch_ids_repeat"), path=path, key="batch", hint=Text("batch_ids_repeat_action")
        )
    return tuple(batches)


def _departure(head: _Table) -> datetime:
    raw = head.get("departure", object, None)
    value = _date_time(raw)
    if value is None:
        # As written: a TOML time or list is no Python datetime.time(5, 0) to the desk.
        shown = raw if isinstance(raw, str) else json.dumps(raw, default=str).strip('"')
        missing = _no_such_day(shown)
        if missing is not None:  # 2020-02-30T05:00: its form is right, its day is not
            raise head.error("departure", missing.message, Text("day_missing_action"))
        raise head.error("departure", Text("departure_bad", value=shown), Text("departure_action"))
    if value.tzinfo is None:
        raise head.error("departure", Text("departure_no_offset"), Text("departure_action"))
    if not FIRST_YEAR <= value.year <= last_year():
        raise head.error(
            "departure",
            Text("year_outside", year=value.year, first=FIRST_YEAR, last=last_year()),
            Text("departure_year_action", first=FIRST_YEAR, ahead=YEARS_AHEAD),
        )
    return value


def _no_such_day(written: str) -> NoSuchDay | None:
    """The day ``written`` (a date, maybe a time of day after it) gives
    that no calendar has, or None: a date that exists, or no date at all."""
    try:
        read_day(unicodedata.normalize("NFKC", written), time_after=True)
    except NoSuchDay as missing:
        return missing
    except ValueError:
        pass
    return None


def _date_time(raw: object) -> datetime | None:
    """``raw`` as a date and time: a TOML date-time, or text in ISO form
    (full-width or with spaces around it); None for anything else.  Python
    would read 20200317 (a TOML number, or text) or a date alone as that
    day's midnight, and the desk be told to add a UTC offset to what is no
    date and time."""
    if isinstance(raw, datetime):
        return raw
    if not isinstance(raw, str):
        return None
    # As a time of day is read (`_hhmm`): figures and signs an input method
    # typed full-width (２０２０-０３-１７T05：00) are the half-width ones.
    raw = unicodedata.normalize("NFKC", raw).strip()
    try:
        date.fromisoformat(raw)
    except ValueError:
        pass
    else:
        return None  # a date, with no time of day
    try:
        return datetime.fromisoformat(raw)
    except ValueError:
        return None


def _roster_source(table: _Table, path: Path) -> RosterSource:
    columns = table.table("columns")
    sheet = table.get("sheet", str, "")
    for key in columns.keys_left():
        # A field misspelled, or typed with a lookalike letter, named at its key here.
        meant = "" if key in HEADER_ALIASES else _typed_for(key, HEADER_ALIASES, of=True)
        if meant:
            raise columns.misnamed(key, meant)
    mapping = tuple((key, columns.get(key, str)) for key in columns.keys_left())
    source = RosterSource(
        path=path,
        sheet=sheet,
        encoding=_encoding(table),
        coord_system=_coord_system(table),
        columns=mapping,
        require_phone=table.get("require_phone", bool, False),
        skip_hidden_rows=table.get("skip_hidden_rows", bool, False),
    )
    table.done()
    return source


def _encoding(roster: _Table) -> str:
    """The roster's ``encoding``, "" to detect it; a name Python knows no
    encoding by (Notepad's "ANSI") is refused here, at its key, not later
    as the roster's, with a hint to drop a --encoding nobody gave."""
    name = roster.get("encoding", str, "").strip()
    try:
        codecs.lookup(name) if name else None
    except LookupError:
        raise roster.error(
            "encoding",
            Text("encoding_no_such", encoding=name),
            Text("roster_encoding_action"),
        ) from None
    return name


def _coord_system(table: _Table) -> CoordSystem:
    """The ``coord_system`` of the roster or of a point, in any of the words
    a 坐标系 column takes (GCJ-02, 高德, 百度, GPS): the one the desk reads in
    the README's table of roster values, and may copy here."""
    said = table.get("coord_system", str, "wgs84")
    system = coord_system_named(said)
    if system is None:
        allowed = listed(get_args(CoordSystem))
        raise table.error(
            "coord_system",
            Text("setting_choice", value=said, allowed=allowed),
            Text("setting_choice_action", allowed=allowed),
        )
    return system


def _site(table: _Table, default_id: str) -> Site:
    """A ``[depot]`` or ``[destination]``: its point in WGS-84, converted
    from the ``coord_system`` it was picked in (AMap's GCJ-02 or Baidu's
    BD-09 lie 0.5 to 1 km off), as the sites files' 坐标系 column is."""
    site = Site(
        id=table.get("id", str, default_id),
        name=table.get("name", str, default_id),
        location=to_wgs84(table.point(), _coord_system(table)),
    )
    table.done()
    return site


def _layout(bus: _Table) -> tuple[int, int]:
    """A fleet table's ``layout`` ("2+2": seats left and right of the aisle),
    or (0, 0) when it has none."""
    text = bus.get("layout", str, "")
    if not text:
        return 0, 0
    found = re.fullmatch(r"\s*(\d)\s*\+\s*(\d)\s*", text)
    if found is None or int(found[1]) == 0 or int(found[1]) + int(found[2]) > MAX_SEATS_PER_ROW:
        raise bus.error("layout", Text("layout_bad", value=text), Text("layout_action"))
    return int(found[1]), int(found[2])


def _fleet(tables: Iterator[_Table], path: Path, key: str) -> tuple[BusType, ...]:
    fleet = []
    for bus in tables:
        left, right = _layout(bus)
        bus_id = bus.get("id", str)
        if not bus_id.strip():  # no type for the papers, the lists, the ledger's buses by type
            raise bus.error("id", Text("bus_type_id_blank"), Text("bus_type_id_blank_action"))
        bus_type = BusType(
            id=bus_id,
            name=bus.get("name", str, ""),
            seats=bus.integer("seats", minimum=1, maximum=MAX_SEATS),
            count=bus.integer("count", minimum=0, maximum=MAX_BUSES),
            fixed_cost=bus.number("fixed_cost", 0.0, maximum=MAX_COST),
            cost_per_km=bus.number("cost_per_km", 0.0, maximum=MAX_COST),
            seats_per_row=bus.integer(
                "seats_per_row", left + right or 4, minimum=1, maximum=MAX_SEATS_PER_ROW
            ),
            min_riders=bus.integer("min_riders", 0, minimum=0, maximum=MAX_SEATS) or None,
            second_driver_cost=bus.number("second_driver_cost", 800.0, maximum=MAX_COST),
            aisle_after=left,
        )
        _warn_odd_costs(bus, bus_type)
        if left and bus_type.seats_per_row != left + right:
            raise bus.error(
                "layout",
                Text(
                    "layout_disagrees",
                    left=left,
                    right=right,
                    seats=left + right,
                    per_row=bus_type.seats_per_row,
                ),
                Text("layout_disagrees_action"),
            )
        bus.done()
        fleet.append(bus_type)
    if not fleet:
        raise InputError(
            Text("no_buses"), path=path, key=key, hint=Text("no_buses_action", key=key)
        )
    if not any(b.count for b in fleet):
        raise InputError(
            Text("no_bus_counted"),
            path=path,
            key=f"{key}.count",
            hint=Text("no_bus_counted_action"),
        )
    ids = [b.id for b in fleet]
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        raise InputError(
            Text(by_count("bus_ids_repeat", len(repeated)), ids=listed(repeated), key=key),
            path=path,
            key=key,
            hint=Text("bus_ids_repeat_action", key=key),
        )
    return tuple(fleet)


def _warn_odd_costs(table: _Table, bus: BusType) -> None:
    """Warn of a bus type's cost that is odd in yuan but may be meant (a
    desk may weigh costs in its own figures): a hire of a few yuan (3 for
    3,000), a km of hundreds (the hire's cost written per km)."""
    if 0 < bus.fixed_cost < LEAST_HIRE_YUAN:
        table.warn("fixed_cost", Text("cost_fixed_small", value=_shown(bus.fixed_cost)))
    if bus.cost_per_km > MOST_YUAN_PER_KM:
        table.warn("cost_per_km", Text("cost_per_km_large", value=_shown(bus.cost_per_km)))


def _screening(table: _Table) -> ScreeningPolicy:
    default = ScreeningPolicy()
    policy = ScreeningPolicy(
        quarantine_risk_levels=table.choices(  # type: ignore[arg-type]
            "quarantine_risk_levels", get_args(RiskLevel), default.quarantine_risk_levels
        ),
        quarantine_health_codes=table.choices(  # type: ignore[arg-type]
            "quarantine_health_codes",
            tuple(c for c in get_args(HealthCode) if c != "red"),
            default.quarantine_health_codes,
        ),
        quarantine_self_return_from_outside=table.get(
            "quarantine_self_return_from_outside",
            bool,
            default.quarantine_self_return_from_outside,
        ),
        home_province=table.get("home_province", str, default.home_province),
        close_contacts=table.choice(  # type: ignore[arg-type]
            "close_contacts", ("hold", "quarantine"), default.close_contacts
        ),
    )
    table.done()
    return policy


def _placement(rules: _Table) -> PlacementRules:
    default = PlacementRules()
    return PlacementRules(
        min_precision=rules.choice(  # type: ignore[arg-type]
            "min_precision", get_args(MinPrecision), default.min_precision
        ),
        planning_area=rules.strings("planning_area"),
    )


def _settings(top: _Table, rules: _Table) -> Settings:
    """The planning settings; ``rules`` is shared with the intake settings."""
    tables = {
        name: top.table(name)
        for name in ("seating", "quarantine", "travel", "solver", "replan", "output")
    }
    settings = Settings(
        cluster=_cluster(rules),
        seating=_seating(tables["seating"]),
        rules=_bus_rules(rules),
        travel=_travel(tables["travel"]),
        solver=_solver(tables["solver"]),
        quarantine=_quarantine(tables["quarantine"]),
        replan=_replan(tables["replan"]),
        output=_output(tables["output"]),
    )
    for table in (rules, *tables.values()):
        table.done()
    return settings


def _cluster(rules: _Table) -> ClusterParams:
    radius = rules.integer("pickup_radius_m", ClusterParams().radius_m, maximum=50_000)
    if radius:  # 0 is meant: each home its own pickup point
        rules.small("pickup_radius_m", radius, least=MIN_RADIUS_M)
    return ClusterParams(radius_m=radius)


def _output(table: _Table) -> OutputSettings:
    default = OutputSettings()
    output = OutputSettings(
        lang=table.choice("lang", LANGS, default.lang),  # type: ignore[arg-type]
        basemap=table.choice(  # type: ignore[arg-type]
            "basemap", ("none", "amap", "osm", "tianditu"), default.basemap
        ),
        tianditu_key=table.get("tianditu_key", str, default.tianditu_key),
        police_export=table.get("police_export", bool, default.police_export),
        notify_minutes=table.integer("notify_minutes", default.notify_minutes, maximum=MAX_MINUTES),
        combined_pdf=table.get("combined_pdf", bool) if table.has("combined_pdf") else None,
    )
    if output.basemap == "tianditu" and not output.tianditu_key:
        raise table.error("tianditu_key", Text("tianditu_key"), Text("tianditu_key_action"))
    return output


def _replan(table: _Table) -> ReplanRules:
    default = ReplanRules()
    shift = table.integer("max_shift_minutes", default.max_shift_minutes, maximum=MAX_MINUTES)
    raw = table.get("announced", object, "none")
    if raw in ("all", "none"):
        return ReplanRules(announced=raw, max_shift_minutes=shift)
    if isinstance(raw, list) and all(isinstance(b, str) for b in raw):
        return ReplanRules(announced=tuple(raw), max_shift_minutes=shift)
    raise table.error("announced", Text("announced_bad", value=raw), Text("announced_action"))


def _quarantine(table: _Table) -> QuarantineParams:
    default = QuarantineParams()
    return QuarantineParams(
        days=table.integer("days", default.days, minimum=1, maximum=MAX_DAYS),
        cleaning_days=table.integer("cleaning_days", default.cleaning_days, maximum=MAX_DAYS),
        solver_seconds=table.number(
            "solver_seconds", default.solver_seconds, minimum=0.1, maximum=MAX_SECONDS
        ),
    )


def _seating(table: _Table) -> SeatingPolicy:
    default = SeatingPolicy()
    names = (*get_args(SeatingPolicyName), *POLICY_ALIASES)
    policy = table.choice("policy", names, default.policy)
    return SeatingPolicy(
        policy=POLICY_ALIASES.get(policy, policy),  # type: ignore[arg-type]
        keep_last_two_rows_empty=table.get(
            "keep_last_two_rows_empty", bool, default.keep_last_two_rows_empty
        ),
        reserved_seats=table.integer("reserved_seats", default.reserved_seats, maximum=MAX_SEATS),
    )


def _bus_rules(rules: _Table) -> BusRules:
    default = BusRules()
    bus_rules = BusRules(
        max_ride_minutes=rules.integer(
            "max_ride_minutes", default.max_ride_minutes, minimum=1, maximum=MAX_MINUTES
        ),
        max_route_minutes=rules.integer(
            "max_route_minutes", default.max_route_minutes, minimum=1, maximum=MAX_MINUTES
        ),
        min_riders=rules.integer("min_riders", default.min_riders, minimum=1, maximum=MAX_SEATS),
        stop_minutes=rules.integer("stop_minutes", default.stop_minutes, maximum=MAX_MINUTES),
        max_dropoffs=rules.integer("max_dropoffs", default.max_dropoffs, minimum=1, maximum=50),
        quarantine_cohorts=rules.choice(  # type: ignore[arg-type]
            "quarantine_cohorts", ("separate", "whole_bus", "mixed"), default.quarantine_cohorts
        ),
        earliest_departure=_hhmm(rules, "earliest_departure", default.earliest_departure),
        arrive_from=_hhmm(rules, "arrive_from", default.arrive_from),
        arrive_until=_hhmm(rules, "arrive_until", default.arrive_until),
        max_continuous_driving_minutes=rules.integer(
            "max_continuous_driving_minutes",
            default.max_continuous_driving_minutes,
            minimum=30,
            maximum=MAX_MINUTES,
        ),
        break_minutes=rules.integer("break_minutes", default.break_minutes, maximum=MAX_MINUTES),
        max_driving_minutes_one_driver=rules.integer(
            "max_driving_minutes_one_driver",
            default.max_driving_minutes_one_driver,
            minimum=60,
            maximum=MAX_MINUTES,
        ),
        pickup_from=_hhmm(rules, "pickup_from", default.pickup_from),
        pickup_until=_hhmm(rules, "pickup_until", default.pickup_until),
        night_from=_hhmm(rules, "night_from", default.night_from),
        night_until=_hhmm(rules, "night_until", default.night_until),
        max_night_driving_minutes=rules.integer(
            "max_night_driving_minutes",
            default.max_night_driving_minutes,
            minimum=30,
            maximum=MAX_MINUTES,
        ),
        no_driving_from=_hhmm(rules, "no_driving_from", default.no_driving_from),
        no_driving_until=_hhmm(rules, "no_driving_until", default.no_driving_until),
        two_drivers_km=rules.integer(
            "two_drivers_km", default.two_drivers_km, minimum=1, maximum=20_000
        ),
        two_drivers_km_expressway=rules.integer(
            "two_drivers_km_expressway",
            default.two_drivers_km_expressway,
            minimum=1,
            maximum=20_000,
        ),
        expressway_leg_km=rules.integer(
            "expressway_leg_km", default.expressway_leg_km, minimum=1, maximum=20_000
        ),
        overnight_rest_minutes=rules.integer(
            "overnight_rest_minutes", default.overnight_rest_minutes, maximum=MAX_MINUTES
        ),
        max_detour_factor=rules.number(
            "max_detour_factor", default.max_detour_factor, minimum=1.0, maximum=100.0
        ),
        max_detour_minutes=rules.integer(
            "max_detour_minutes", default.max_detour_minutes, maximum=MAX_MINUTES
        ),
        detour_cost_per_hour=rules.number(
            "detour_cost_per_hour", default.detour_cost_per_hour, maximum=1e6
        ),
        long_haul_km=rules.integer("long_haul_km", default.long_haul_km, minimum=1, maximum=20_000),
        min_riders_long_haul=rules.integer(
            "min_riders_long_haul", default.min_riders_long_haul, minimum=1, maximum=MAX_SEATS
        ),
        run_under_minimum=rules.get("run_under_minimum", bool, default.run_under_minimum),
    )
    # Warned of before the rules are weighed together: a route of 16 (hours
    # meant) refused as shorter than the ride is then said with its unit too.
    for key in ("max_ride_minutes", "max_route_minutes"):
        rules.small(key, getattr(bus_rules, key), least=MIN_CAP_MINUTES)
    for key in ("stop_minutes", "break_minutes"):
        rules.plausible(key, getattr(bus_rules, key), most=MAX_PAUSE_MINUTES)
    if bus_rules.arrive_from >= bus_rules.arrive_until:
        raise rules.error(
            "arrive_from",
            Text("not_before", later="arrive_until"),
            Text("times_action", first="08:00", last="20:00"),
        )
    if bus_rules.pickup_from >= bus_rules.pickup_until:
        raise rules.error(
            "pickup_from",
            Text("not_before", later="pickup_until"),
            Text("times_action", first="06:00", last="21:00"),
        )
    if bus_rules.max_ride_minutes > bus_rules.max_route_minutes:
        raise rules.error(
            "max_ride_minutes", Text("ride_over_route"), Text("ride_over_route_action")
        )
    if bus_rules.max_detour_factor <= 1 and bus_rules.max_detour_minutes < bus_rules.stop_minutes:
        stop, extra = bus_rules.stop_minutes, bus_rules.max_detour_minutes
        raise rules.error(
            "max_detour_minutes",
            Text("detour_below_stop", stop=stop, extra=extra),
            Text("detour_below_stop_action", stop=stop),
        )
    return bus_rules


def _hhmm(table: _Table, key: str, default: str) -> str:
    """A local time of day written "HH:MM"."""
    value = table.get(key, str, default).strip()
    # NFKC: full-width ０８：００ is 08:00; ASCII digits only then (⑧ is a digit to str.isdigit).
    found = re.fullmatch(r"(\d{1,2}):(\d{2})", unicodedata.normalize("NFKC", value), re.ASCII)
    if not found or int(found[1]) > 23 or int(found[2]) > 59:
        raise table.error(key, Text("time_bad", value=value), Text("time_action"))
    return f"{int(found[1]):02d}:{found[2]}"


def _travel(table: _Table) -> TravelSettings:
    default = TravelSettings()
    travel = TravelSettings(
        detour_factor=table.number(
            "detour_factor", default.detour_factor, minimum=1.0, maximum=5.0
        ),
        short_detour_factor=table.number(
            "short_detour_factor", default.short_detour_factor, minimum=1.0, maximum=5.0
        ),
        detour_taper_km=table.number(
            "detour_taper_km", default.detour_taper_km, minimum=0.0, maximum=5_000.0
        ),
        speed_bands=_speed_bands(table) if table.has("speed_bands") else default.speed_bands,
    )
    if travel.short_detour_factor < travel.detour_factor:
        raise table.error(
            "short_detour_factor",
            Text("short_detour_below", factor=travel.detour_factor),
            Text("short_detour_action"),
        )
    return travel


def _solver(table: _Table) -> SolverSettings:
    default = SolverSettings()
    return SolverSettings(
        time_limit_seconds=table.number(
            "time_limit_seconds", default.time_limit_seconds, minimum=0.1, maximum=MAX_SECONDS
        ),
        seed=table.integer(
            "seed",
            default.seed,
            maximum=MAX_SEED,
            hint=Text("seed_range_action", maximum=_shown(MAX_SEED)),
        ),
        iterations=table.integer("iterations", 0, minimum=0, maximum=10**8) or None,
        rounds=table.integer("rounds", default.rounds, minimum=0, maximum=100),
        workers=table.integer("workers", 0, minimum=0, maximum=256) or default.workers,
    )


def _speed_bands(travel: _Table) -> tuple[SpeedBand, ...]:
    bands = []
    for band in travel.tables("speed_bands"):
        up_to = band.number("up_to_km", -1.0, minimum=-1.0, maximum=20_000)
        kmh = band.number("kmh", minimum=1.0, maximum=200)
        bands.append(SpeedBand(up_to_km=None if up_to < 0 else up_to, kmh=kmh))
        band.done()
    inner = [b.up_to_km for b in bands[:-1]]
    if (
        not bands
        or bands[-1].up_to_km is not None
        or any(limit is None for limit in inner)
        or inner != sorted(limit for limit in inner if limit is not None)
    ):
        raise travel.error("speed_bands", Text("speed_bands_bad"), Text("speed_bands_action"))
    return tuple(bands)
