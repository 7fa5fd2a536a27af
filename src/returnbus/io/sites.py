"""Read the places a scenario names: employers' sites and dormitories.

Both are tables (CSV in any encoding the roster accepts, or XLSX) with a
header row, in English or Chinese; every bad cell is an `InputError` naming
the file, row and column.
"""

from __future__ import annotations

import csv
import logging
import math
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from datetime import date, timedelta
from importlib.resources import files
from pathlib import Path
from typing import TypeVar

from ..domain import (
    FIRST_YEAR,
    Dormitory,
    LatLon,
    NoSuchDay,
    Room,
    Sex,
    Site,
    last_year,
    read_day,
)
from ..errors import InputError
from ..geo.coords import to_wgs84
from ..geo.hanzi import TO_SIMPLIFIED
from ..text import Text, by_count, listed
from .footers import footer_rows, footer_word
from .roster import (
    COORDINATES_HEADERS,
    PairOrder,
    PairUnread,
    coord_system_named,
    headers_of,
    one_cell_point,
    pair_order,
    pasted_pair,
)
from .tables import NamedTable

T = TypeVar("T")
_log = logging.getLogger(__name__)

#: Turns an address into a point (or None when it cannot be placed).
Placer = Callable[[str], LatLon | None]
#: A drop-off site's place out of reach: the figures the error gives (hours,
#: km, destination, most), or None when within reach.
SiteCheck = Callable[[LatLon], Mapping[str, object] | None]

#: Rooms in one dormitory: more is a typing error (a big site is several dormitories).
MAX_ROOMS = 10_000
#: Ordinary rooms: at most this many people, and at least this much floor each
#: (State Council guide, 21 Feb 2020).
MAX_PER_ROOM = 6
MIN_AREA_PER_PERSON_M2 = 2.5
#: Beds in one room: more is a typing error (a room of up to this many beds
#: is read, and holds at most `MAX_PER_ROOM`).
MAX_BEDS_PER_ROOM = 20
#: Floor of one room, in m2: more is a typing error (a room, not a building).
MAX_ROOM_AREA_M2 = 1_000

#: The point's columns a coordinates column stands in for.
_POINT_STAND_INS = {"lat": "coordinates", "lon": "coordinates"}
EMPLOYER_COLUMNS: Mapping[str, tuple[str, ...]] = {
    "employer_id": ("employer_id", "企业编号", "单位编号", "编号"),
    "name": ("name", "企业名称", "单位名称", "名称"),
    "lat": ("lat", "latitude", "纬度"),
    "lon": ("lon", "lng", "longitude", "经度"),
    "coordinates": COORDINATES_HEADERS,
    "coord_system": headers_of("coord_system"),
}
DORMITORY_COLUMNS: Mapping[str, tuple[str, ...]] = {
    "dorm_id": ("dorm_id", "宿舍编号", "编号"),
    "name": ("name", "宿舍名称", "名称"),
    "lat": ("lat", "latitude", "纬度"),
    "lon": ("lon", "lng", "longitude", "经度"),
    "coordinates": COORDINATES_HEADERS,
    "address": ("address", "地址"),
    "rooms": ("rooms", "房间数", "房间数量"),
    "room_numbers": ("room_numbers", "room_list", "房间号", "房号"),
    "beds_per_room": ("beds_per_room", "每间床位", "每间床位数", "床位"),
    "room_area_m2": ("room_area_m2", "room_area", "房间面积", "面积"),
    "gender": ("gender", "sex", "性别"),
    "isolation": ("isolation", "单人隔离", "隔离"),
    "available_from": ("available_from", "启用日期", "可用开始日期"),
    "available_to": ("available_to", "停用日期", "可用结束日期"),
    "employer": ("employer", "所属企业", "所属单位"),
    "coord_system": headers_of("coord_system"),
}
#: A tick or a cross, as a Chinese sheet marks yes and no (the roster reads them so).
_YES = {"yes", "y", "true", "1", "是", "单人", "单间", "√", "✓", "✔"}
_NO = {"no", "n", "false", "0", "否", "多人", "×", "x", "✗", "✘"}
#: A building's sex, in the roster's words for a worker's (男性, female) and more.
_SEXES: Mapping[str, Sex | None] = {
    "": None,
    "any": None,
    "不限": None,
    "混合": None,
    "m": "M",
    "male": "M",
    "男": "M",
    "男性": "M",
    "f": "F",
    "female": "F",
    "女": "F",
    "女性": "F",
}
#: Words a desk writes after a figure (12间, 4人间, 12平方米), the figure
#: meaning the same with or without them.  Cells are NFKC-normalised first,
#: so ㎡ and m² are m2 here.
_ROOM_WORDS = ("间", "间房", "个", "个房间", "套", "rooms")
_BED_WORDS = ("张床", "张", "床位", "床", "人间", "人", "个", "beds")
_AREA_WORDS = ("平方米", "平米", "平方", "平", "m2", "sqm")


def read_employers(path: Path, *, check: SiteCheck | None = None) -> tuple[Site, ...]:
    """Employers: ``employer_id``, ``name``, ``lat``, ``lon`` (or one
    ``coordinates`` column of both: `_one_cell_point`; each place judged by
    ``check``); each has an id of its own and a name."""
    table = NamedTable(
        path,
        EMPLOYER_COLUMNS,
        ("employer_id", "name", "lat", "lon"),
        stand_ins=_POINT_STAND_INS,
    )
    table.warn_hidden()
    _leave_out_footers(table)
    table.refuse_wide_rows()
    if not table.rows:  # a file named and holding none: rows deleted, or the wrong one saved
        raise InputError(
            Text("employers_no_rows", header=table.header_row),
            path=path,
            row=table.header_row,
            hint=Text("employers_no_rows_action"),
        )
    called: dict[str, tuple[int, str]] = {}  # each id and name: its row and employer
    order = _column_order(table)

    def employer(row: int, values: dict[str, str]) -> Site:
        # Employers are found by id and by name (roster, dormitories, drop-offs):
        # a blank one would make "" a key, claiming every cell left empty, and
        # a repeated id would send one employer's workers to the other's site.
        if not values["employer_id"]:
            raise InputError(
                Text("employer_id_blank"),
                path=path,
                row=row,
                column="employer_id",
                hint=Text("employer_id_blank_action"),
            )
        if not values["name"]:
            raise InputError(
                Text("employer_name_blank"),
                path=path,
                row=row,
                column="name",
                hint=Text("employer_name_blank_action"),
            )
        earlier = called.get(values["employer_id"])
        if earlier is not None and earlier[1] == values["employer_id"]:
            raise InputError(
                Text("employer_repeated", employer=values["employer_id"], row=earlier[0]),
                path=path,
                row=row,
                column="employer_id",
                hint=Text("employer_repeated_action"),
            )
        # One name for two employers (one company, two plants) would send a
        # roster row naming it to whichever came last.
        for column in ("employer_id", "name"):
            other = called.get(values[column])
            if other is not None and other[1] != values["employer_id"]:
                raise InputError(
                    Text("employer_called_alike", called=values[column], row=other[0]),
                    path=path,
                    row=row,
                    column=column,
                    hint=Text("employer_called_alike_action", called=values[column]),
                )
        called[values["employer_id"]] = called[values["name"]] = (row, values["employer_id"])
        return Site(
            id=values["employer_id"],
            name=values["name"],
            location=_checked(
                path, row, _point_column(values), _latlon(path, row, values, order), check
            ),
        )

    return tuple(table.each(employer))


def _leave_out_footers(table: NamedTable) -> None:
    """Take the list's closing total, signature and note lines (合计, 制表人)
    out of ``table``'s rows, warned of by row and word, as the roster's are:
    read as sites, they stopped at a row no one took for one."""
    footers = footer_rows(table.rows)
    if not footers:
        return
    by_number = dict(table.rows)
    named = [f"{row} ({footer_word(by_number[row])})" for row in footers]
    _log.warning(
        Text(
            by_count("log_table_footers", len(named)),
            file=table.path.name,
            rows=listed(named),
        )
    )
    table.rows = table.rows[: len(table.rows) - len(footers)]


def _checked(
    path: Path, row: int, column: str, location: LatLon, check: SiteCheck | None
) -> LatLon:
    far = check(location) if check is not None else None
    if far is not None:
        # What to check is what the point was read from: a cell of both
        # coordinates (which is which), an address, or the lat and lon.
        hint = {"coordinates": "site_far_coordinates_action", "address": "site_far_address_action"}
        raise InputError(
            Text("site_far", **far),
            path=path,
            row=row,
            column=column,
            hint=Text(hint.get(column, "site_far_action")),
        )
    return location


def read_dormitories(
    path: Path,
    *,
    employers: Sequence[Site] = (),
    place: Placer | None = None,
    check: SiteCheck | None = None,
) -> tuple[Dormitory, ...]:
    """Dormitories, one per row: where, which rooms, for whom and when.

    Columns: ``dorm_id``, ``name``; ``lat`` and ``lon`` (or one
    ``coordinates`` column of both), or an ``address`` placed with ``place``;
    ``rooms`` (how many, numbered 001, 002, ...) or
    ``room_numbers`` (``101-120, 201-220``; with ``rooms`` too, the two
    must agree, or it stops: neither is dropped unsaid); ``beds_per_room`` and
    ``room_area_m2`` (an ordinary room holds at most 6, with 2.5 m2 each);
    ``gender`` (男/女/M/F, empty or any: each room one sex); ``isolation``
    (one person per room; when empty, yes unless beds_per_room is over 1);
    ``available_from`` and ``available_to`` (dates); ``employer`` (an
    employer's own dormitory, by id or name).  Each place is judged by ``check``.
    """
    employer_ids = {e.id: e.id for e in employers} | {e.name: e.id for e in employers}
    table = NamedTable(path, DORMITORY_COLUMNS, ("dorm_id", "name"), lists=("room_numbers",))
    table.warn_hidden()
    _leave_out_footers(table)
    table.refuse_wide_rows()
    # Read as no dormitory, a header alone planned every quarantined worker
    # roomless with nothing said of the file (rows deleted, the wrong one saved).
    if not table.rows:
        raise InputError(
            Text("dormitories_no_rows", header=table.header_row),
            path=path,
            row=table.header_row,
            hint=Text("dormitories_no_rows_action"),
        )
    seen: dict[str, int] = {}
    order = _column_order(table)

    def dormitory(row: int, values: dict[str, str]) -> Dormitory:
        if not values["dorm_id"]:  # beds of a dormitory without an id cannot be told apart
            raise InputError(
                Text("dorm_id_blank"),
                path=path,
                row=row,
                column="dorm_id",
                hint=Text("dorm_id_blank_action"),
            )
        if values["dorm_id"] in seen:
            raise InputError(
                Text("dorm_repeated", dorm=values["dorm_id"], row=seen[values["dorm_id"]]),
                path=path,
                row=row,
                column="dorm_id",
                hint=Text("dorm_repeated_action"),
            )
        seen[values["dorm_id"]] = row
        found = _dormitory(path, row, values, employer_ids, place, table.header, order)
        _checked(path, row, _point_column(values), found.location, check)
        return found

    return tuple(table.each(dormitory))


def jiangjin_parks() -> tuple[Site, ...]:
    """The Jiangjin industrial parks of the shipped sites file (WGS-84)."""
    path = files("returnbus") / "data" / "jiangjin_sites.csv"
    with path.open(encoding="utf-8") as handle:
        return tuple(
            Site(
                id=row["name"],
                name=row["name_zh"],
                location=LatLon(float(row["lat"]), float(row["lon"])),
            )
            for row in csv.DictReader(handle)
            if row["kind"] == "work_site" and "工业园" in row["name_zh"]
        )


def _dormitory(
    path: Path,
    row: int,
    values: dict[str, str],
    employer_ids: Mapping[str, str],
    place: Placer | None,
    header: Mapping[str, str],
    order: PairOrder | None,
) -> Dormitory:
    isolation = _cell(path, row, values, "isolation", _isolation, Text("what_yes_no"))
    beds = _cell(path, row, values, "beds_per_room", _beds, Text("what_beds"))
    if isolation is None:
        isolation = beds in (None, 1)
    shared = _room_capacity(path, row, values, beds)  # checked even when each room holds one
    capacity = 1 if isolation else shared
    employer = values.get("employer", "")
    if employer and employer not in employer_ids:
        raise InputError(
            Text("dorm_employer_unknown", employer=employer),
            path=path,
            row=row,
            column="employer",
            hint=Text("dorm_employer_unknown_action"),
        )
    available_from = _dated(path, row, values, "available_from", "2020-03-17")
    available_to = _dated(path, row, values, "available_to", "2020-04-30")
    if available_from and available_to and available_to < available_from:
        raise InputError(
            Text("dorm_dates_reversed", until=available_to, since=available_from),
            path=path,
            row=row,
            column="available_to",
            hint=Text("dorm_dates_reversed_action"),
        )
    return Dormitory(
        id=values["dorm_id"],
        name=values["name"],
        location=_location(path, row, values, place, order),
        rooms=tuple(
            Room(number=n, capacity=capacity) for n in _room_numbers(path, row, values, header)
        ),
        sex=_building_sex(path, row, values),
        isolation=isolation,
        available_from=available_from,
        available_to=available_to,
        employer=employer_ids.get(employer, ""),
    )


def _dated(path: Path, row: int, values: dict[str, str], column: str, example: str) -> date | None:
    """A date cell, None when empty; one outside the years a plan can use stops."""
    serial = _excel_serial(values.get(column, ""))
    if serial is not None:  # a date column Excel held as numbers: 43891 is 2020-03-01
        raise InputError(
            Text("dorm_date_serial", value=values[column], day=serial),
            path=path,
            row=row,
            column=column,
            hint=Text("dorm_date_serial_action", day=serial),
        )
    day = _cell(path, row, values, column, _date, Text("what_date", example=example))
    if day is not None and not FIRST_YEAR <= day.year <= last_year():
        raise InputError(
            Text("dorm_year_outside", day=day, first=FIRST_YEAR, last=last_year()),
            path=path,
            row=row,
            column=column,
            hint=Text("dorm_year_outside_action"),
        )
    return day


def _excel_serial(value: str) -> date | None:
    """The day a cell of a whole number is as Excel's date serial (days from
    1899-12-30), when it falls in the years a plan can use; else None."""
    if not re.fullmatch(r"\d{5}(?:\.0+)?", value.strip()):
        return None
    day = date(1899, 12, 30) + timedelta(days=int(float(value)))
    return day if FIRST_YEAR <= day.year <= last_year() else None


def _room_capacity(path: Path, row: int, values: dict[str, str], beds: int | None) -> int:
    """The people one room holds: its ``beds`` (the row's ``beds_per_room``),
    at most `MAX_PER_ROOM`, and at most its floor allows."""
    if beds is not None and beds > MAX_BEDS_PER_ROOM:
        raise InputError(
            Text("room_too_many_beds", beds=beds, most=MAX_BEDS_PER_ROOM),
            path=path,
            row=row,
            column="beds_per_room",
            hint=Text("room_too_many_beds_action", most=MAX_BEDS_PER_ROOM, people=MAX_PER_ROOM),
        )
    capacity = min(beds or 1, MAX_PER_ROOM)
    area = _cell(path, row, values, "room_area_m2", _area, Text("what_area"))
    if area is not None and area > MAX_ROOM_AREA_M2:
        raise InputError(
            Text("room_too_big", area=area, most=MAX_ROOM_AREA_M2),
            path=path,
            row=row,
            column="room_area_m2",
            hint=Text("room_too_big_action"),
        )
    if area is not None:
        capacity = min(capacity, math.floor(area / MIN_AREA_PER_PERSON_M2 + 1e-9))
    if capacity < 1:
        raise InputError(
            Text("room_too_small", area=area, each=MIN_AREA_PER_PERSON_M2),
            path=path,
            row=row,
            column="room_area_m2",
            hint=Text("room_too_small_action"),
        )
    return capacity


def _room_numbers(
    path: Path, row: int, values: dict[str, str], header: Mapping[str, str]
) -> list[str]:
    """The room numbers of a dormitory: its ``room_numbers`` list, else
    ``rooms`` numbered 001, 002, ...; ``header`` names the file's columns."""
    numbers = _cell(path, row, values, "room_numbers", _parse_room_list, Text("what_room_list"))
    if numbers == []:
        # Separators alone ("，"): a dormitory of no rooms, which no count can agree with.
        raise InputError(
            Text("room_list_empty", value=values["room_numbers"]),
            path=path,
            row=row,
            column="room_numbers",
            hint=Text("room_list_empty_action"),
        )
    # 0 rooms is refused here, at the cell, by the words saying 1 or more.
    count = _cell(path, row, values, "rooms", _rooms, Text("what_rooms"))
    if numbers is None:
        if count is None:
            raise InputError(
                Text("no_rooms"),
                path=path,
                row=row,
                column="rooms",
                hint=Text("no_rooms_action"),
            )
        if count > MAX_ROOMS:
            raise _too_many_rooms(path, row, "rooms", count)
        numbers = [f"{n:03d}" for n in range(1, count + 1)]
    if len(numbers) > MAX_ROOMS:
        raise _too_many_rooms(path, row, "room_numbers", len(numbers))
    twice = sorted(number for number, times in Counter(numbers).items() if times > 1)
    if twice:
        raise InputError(
            Text(by_count("room_twice", len(twice)), rooms=listed(twice[:5])),
            path=path,
            row=row,
            column="room_numbers",
            hint=Text("room_twice_action"),
        )
    if count is not None and count != len(numbers):
        # Both given, they disagree: one is a typing error, and which is not ours to guess.
        rooms = Text(by_count("room_count", count), count=count)
        columns = {"count_column": header["rooms"], "list_column": header["room_numbers"]}
        raise InputError(
            Text(
                "rooms_disagree",
                rooms=rooms,
                listed=Text(by_count("room_count", len(numbers)), count=len(numbers)),
                **columns,
            ),
            path=path,
            row=row,
            column="rooms",
            hint=Text("rooms_disagree_action", rooms=rooms, **columns),
        )
    return numbers


def _too_many_rooms(path: Path, row: int, column: str, count: int) -> InputError:
    return InputError(
        Text("dorm_too_many_rooms", count=count, most=MAX_ROOMS),
        path=path,
        row=row,
        column=column,
        hint=Text("dorm_too_many_rooms_action"),
    )


def _location(
    path: Path, row: int, values: dict[str, str], place: Placer | None, order: PairOrder | None
) -> LatLon:
    if _point_column(values) != "address" or not values.get("address"):
        return _latlon(path, row, values, order)
    found = place(values["address"]) if place is not None else None
    if found is None:
        raise InputError(
            Text("dorm_not_placed"),
            path=path,
            row=row,
            column="address",
            hint=Text("dorm_not_placed_action"),
        )
    return found


def _cell(
    path: Path, row: int, values: dict[str, str], column: str, parse: Callable[[str], T], what: Text
) -> T | None:
    """The cell parsed, None when empty; a bad value stops with its row and column."""
    text = values.get(column, "")
    if not text:
        return None
    try:
        return parse(text)
    except NoSuchDay as missing:  # 2020-02-30: the form is right, the day is not
        raise InputError(
            missing.message, path=path, row=row, column=column, hint=Text("day_missing_action")
        ) from None
    except ValueError:
        raise InputError(
            Text("cell_not", value=text, what=what),
            path=path,
            row=row,
            column=column,
            hint=Text("cell_write", what=what),
        ) from None


def _column_order(table: NamedTable) -> PairOrder | None:
    """The order ``table``'s coordinates column writes its pairs in (`pair_order`)."""
    return pair_order(table.cells_of("coordinates"))


def _point_column(values: dict[str, str]) -> str:
    """The column a row's point is read from: a coordinates cell, its lat
    and lon, else its address (named when the point is refused)."""
    if values.get("coordinates"):
        return "coordinates"
    if values.get("lat") or values.get("lon"):
        return "lat"
    return "address"


def _one_cell_point(
    path: Path, row: int, values: dict[str, str], order: PairOrder | None
) -> tuple[float, float]:
    """The latitude and longitude of a row's coordinates cell (`one_cell_point`:
    ``order`` is the column's), refused naming the row and the column."""
    try:
        return one_cell_point(
            values["coordinates"], values.get("lat", ""), values.get("lon", ""), order
        )
    except PairUnread as unread:
        raise InputError(
            unread.message, path=path, row=row, column="coordinates", hint=unread.hint
        ) from None


def _latlon(path: Path, row: int, values: dict[str, str], order: PairOrder | None = None) -> LatLon:
    """A row's point in WGS-84: from its coordinates cell (``order``: the
    order its column writes pairs in) or its lat and lon, converted from the
    coordinate system its 坐标系 cell names."""
    if values.get("coordinates"):
        point = _one_cell_point(path, row, values, order)
        return _converted(path, row, values, "coordinates", point)
    pair = pasted_pair(values.get("lat", ""), values.get("lon", ""))
    if pair is not None and not pair.alone:
        raise InputError(
            Text("coords_pair_and_more", cell=pair.cell),
            path=path,
            row=row,
            column=pair.field,
            hint=Text("coords_pair_action", lat=pair.lat, lon=pair.lon),
        )
    lat: float | None
    lon: float | None
    if pair is not None:  # read as the row's one point, and the desk told to split it
        _log.warning(
            Text(
                "log_site_coords_pair",
                file=path.name,
                row=row,
                said=Text("coords_pair_read", cell=pair.cell),
                action=Text("coords_pair_action", lat=pair.lat, lon=pair.lon),
            )
        )
        lat, lon = pair.point
    else:
        lat = _cell(path, row, values, "lat", float, Text("what_lat"))
        lon = _cell(path, row, values, "lon", float, Text("what_lon"))
    if lat is None or lon is None:
        column = "lat" if lat is None else "lon"
        if column not in values and "coordinates" in values:  # the table's one point column
            column = "coordinates"
        raise InputError(
            Text("missing"), path=path, row=row, column=column, hint=Text("give_lat_lon")
        )
    return _converted(path, row, values, "lat", (lat, lon))


def _converted(
    path: Path, row: int, values: dict[str, str], column: str, point: tuple[float, float]
) -> LatLon:
    """``point`` (latitude, longitude), read from ``column``, in WGS-84:
    refused when it is no point, converted from the row's 坐标系."""
    lat, lon = point
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise InputError(
            Text("not_lat_lon", lat=lat, lon=lon),
            path=path,
            row=row,
            column=column,
            hint=Text("not_lat_lon_action"),
        )
    # Picked on AMap or Baidu, a site is 0.5 to 1 km off as WGS-84: its
    # 坐标系 cell, as in the roster, says which to convert from.
    said = values.get("coord_system", "")
    if not said:
        return LatLon(lat, lon)
    system = coord_system_named(said)
    if system is None:
        raise InputError(
            Text("coord_system_bad"),
            path=path,
            row=row,
            column="coord_system",
            hint=Text("coord_system_action"),
        )
    return to_wgs84(LatLon(lat, lon), system)


def _building_sex(path: Path, row: int, values: dict[str, str]) -> Sex | None:
    text = values.get("gender", "")
    key = text.strip().lower().translate(TO_SIMPLIFIED)
    if key not in _SEXES:
        raise InputError(
            Text("dorm_sex_bad", value=text),
            path=path,
            row=row,
            column="gender",
            hint=Text("dorm_sex_bad_action"),
        )
    return _SEXES[key]


def _isolation(value: str) -> bool:
    key = value.strip().lower().translate(TO_SIMPLIFIED)  # 單間 is 单间
    if key in _YES:
        return True
    if key in _NO:
        return False
    raise ValueError(value)


def _date(value: str) -> date:
    return read_day(value, time_after=True)  # a cell Excel took for a date and time


#: What joins the ends of a room range: a hyphen, a tilde or wave dash
#: (101～112, 101〜112), a dash, doubled as the Chinese —— is, or a minus,
#: full-width or not; spaces around it do not separate rooms.
_RANGE_DASH = re.compile(r"\s*(?:[-~〜～－﹣‐‑‒–—―−⁓]+|至|到)\s*")


def _parse_room_list(value: str) -> list[str]:
    numbers: list[str] = []
    for token in re.split(r"[,，;；、\s]+", _RANGE_DASH.sub("-", value.strip())):
        if not token:  # a trailing or doubled comma: no room
            continue
        first, dash, last = token.partition("-")
        if not dash:
            numbers.append(token)
            continue
        if not (first.isdigit() and last.isdigit()) or int(last) < int(first):
            raise ValueError(token)
        if int(last) - int(first) + len(numbers) >= MAX_ROOMS:
            raise ValueError(token)
        numbers += [str(n).zfill(len(first)) for n in range(int(first), int(last) + 1)]
    return numbers


def _rooms(value: str) -> int:
    return _positive_int(value, _ROOM_WORDS)


def _beds(value: str) -> int:
    return _positive_int(value, _BED_WORDS)


def _positive_int(value: str, words: tuple[str, ...]) -> int:
    """A whole number of 1 or more, as a desk may write it: after it one of
    ``words`` (12间), or ".0" (12.0: a number format with a decimal, or a
    program that held the column as decimals); a fraction is no count."""
    figure = _without_word(value, words)
    whole = re.fullmatch(r"(\d+)\.0*", figure)
    number = int(whole[1] if whole else figure)
    if number < 1:
        raise ValueError(value)
    return number


def _without_word(value: str, words: tuple[str, ...]) -> str:
    """``value`` without the one of ``words`` that follows its figure (any case)."""
    ending = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    found = re.fullmatch(rf"(.*\d)\s*(?:{ending})", value.strip(), re.IGNORECASE)
    return found[1] if found else value


def _area(value: str) -> float:
    area = float(_without_word(value, _AREA_WORDS))
    if not math.isfinite(area) or area <= 0:
        raise ValueError(value)
    return area
