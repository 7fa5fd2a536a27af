"""Read a roster (CSV or XLSX, Chinese or English headers) and validate it.

Every problem is collected, not just the first.  A row with an error becomes
an `Unassigned` (stage ``roster``) with the reason; a warning (a bad ID check
digit, an unknown sex) is reported but the row goes on.  Only a file that
cannot be read, or one without a required column, stops the run.
"""

from __future__ import annotations

import dataclasses
import logging
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal, NoReturn

from ..domain import LatLon, RosterFile, RosterIssue, Severity, Unassigned, Worker
from ..errors import InputError
from ..geo.coords import CoordSystem, to_wgs84
from ..geo.hanzi import TO_SIMPLIFIED
from ..text import Text, by_count, headed_column, joined, listed
from .footers import footer_rows, footer_word
from .tables import (
    HEADER_ROWS,
    INVISIBLE,
    Cells,
    SheetNotes,
    column_letter,
    fields_wanted,
    headers_accepted,
    normalise_header,
    read_noted_cells,
    refuse_full_width_header,
    refuse_other_separator,
    repeats_header,
    sheet_heads,
    warn_header_repeated,
    warn_hidden_columns,
)

_log = logging.getLogger(__name__)

_Problem = Callable[..., None]  # problem(field, text, action, severity="error")

#: Headers of one column holding both coordinates, as a map's picker copies
#: them ("29.29,106.25", or longitude first): read in place of lat and lon,
#: in the roster as in the employers' and dormitories' files.  No 纬度,经度:
#: in a CSV header, that is two names a full-width comma ran into one cell
#: (`refuse_full_width_header` says so).
COORDINATES_HEADERS = (
    "coordinates",
    "coords",
    "lat,lon",
    "lat/lon",
    "latlon",
    "经纬度",
    "坐标",
    "位置坐标",
    "经纬度坐标",
)

#: Roster fields and the headers HR offices use for them (compared after
#: normalising: NFKC, lower case, no spaces, no bracketed notes).
HEADER_ALIASES: Mapping[str, tuple[str, ...]] = {
    "worker_id": (
        "worker_id",
        "workerid",
        "employee_id",
        "id",
        "工号",
        "员工编号",
        "员工号",
        "职工编号",
        "编号",
        "人员编号",
    ),
    "name": ("name", "姓名", "员工姓名", "名字"),
    "gender": ("gender", "sex", "性别"),
    "phone": (
        "phone",
        "mobile",
        "tel",
        "手机",
        "手机号",
        "手机号码",
        "联系电话",
        "电话",
        "联系方式",
    ),
    "id_number": ("id_number", "id_card", "idcard", "身份证号", "身份证号码", "身份证"),
    "employer": (
        "employer",
        "company",
        "firm",
        "单位",
        "企业",
        "用工单位",
        "公司",
        "企业名称",
        "单位名称",
    ),
    "home_address": (
        "home_address",
        "address",
        "家庭住址",
        "现住址",
        "户籍地址",
        "住址",
        "家庭地址",
        "地址",
        "居住地址",
    ),
    "health_code": ("health_code", "健康码", "健康码颜色"),
    "origin_risk": (
        "origin_risk",
        "risk",
        "risk_level",
        "风险等级",
        "所在地风险等级",
        "来源地风险等级",
    ),
    "travel_mode": ("travel_mode", "mode", "返岗方式", "出行方式", "返程方式"),
    "group": ("group", "group_id", "同行组", "同行组号", "结伴组"),
    "batch": ("batch", "返岗批次", "批次"),
    "lat": ("lat", "latitude", "纬度"),
    "lon": ("lon", "lng", "longitude", "经度"),
    "coordinates": COORDINATES_HEADERS,
    "coord_system": ("coord_system", "crs", "坐标系"),
}

#: More headers a column is found by: Taiwan's and Hong Kong's words, read in
#: simplified characters (員工代號, 行動電話, 手提電話, 聯絡電話, 身分證字號,
#: 座標系), and rarer mainland ones.  Not listed where a message names the
#: headers a missing column may have: those are `HEADER_ALIASES`.
OTHER_HEADERS: Mapping[str, tuple[str, ...]] = {
    "worker_id": ("员工代号", "员工代码", "职员编号"),
    "name": ("中文姓名",),  # beside 英文姓名 in Hong Kong
    "phone": ("行动电话", "手提电话", "流动电话", "联络电话", "电话号码", "联络方式"),
    "id_number": (
        "公民身份号码",  # as the card itself says
        "身分证字号",
        "身份证字号",
        "身分证号",
        "身分证号码",
        "身分证",
        "证件号码",
        "证件号",
    ),
    "employer": ("公司名称", "所属企业", "所属公司"),
    "coord_system": ("座标系",),
}


def headers_of(field: str) -> tuple[str, ...]:
    """Every header a roster field's column is found by."""
    return (*HEADER_ALIASES.get(field, ()), *OTHER_HEADERS.get(field, ()))


#: Columns a roster must have to be planned.  ``home_address`` may be
#: replaced by ``lat`` and ``lon``.
PLAN_FIELDS = ("worker_id", "name", "phone", "home_address", "health_code")
#: Columns the ``geocode`` command needs.
GEOCODE_FIELDS = ("worker_id", "home_address")

_VALUES: Mapping[str, Mapping[str, str]] = {
    "health_code": {
        "green": "green",
        "g": "green",
        "绿": "green",
        "绿码": "green",
        "绿色": "green",
        "yellow": "yellow",
        "y": "yellow",
        "黄": "yellow",
        "黄码": "yellow",
        "黄色": "yellow",
        "red": "red",
        "r": "red",
        "红": "red",
        "红码": "red",
        "红色": "red",
    },
    "origin_risk": {
        "low": "low",
        "低": "low",
        "低风险": "low",
        "低风险地区": "low",
        "medium": "medium",
        "mid": "medium",
        "中": "medium",
        "中风险": "medium",
        "中风险地区": "medium",
        "high": "high",
        "高": "high",
        "高风险": "high",
        "高风险地区": "high",
    },
    "travel_mode": {
        "bus": "bus",
        "包车": "bus",
        "包车接送": "bus",
        "包车返岗": "bus",
        "统一接送": "bus",
        "专车": "bus",
        "班车": "bus",
        "统一接回": "bus",
        "集中返岗": "bus",
        "点对点": "bus",
        "self": "self",
        "自行": "self",
        "自行返岗": "self",
        "自驾": "self",
        "自行返回": "self",
        "自返": "self",
    },
    "gender": {
        "m": "M",
        "male": "M",
        "男": "M",
        "男性": "M",
        "f": "F",
        "female": "F",
        "女": "F",
        "女性": "F",
    },
    "coord_system": {
        "wgs84": "wgs84",
        "wgs-84": "wgs84",
        "gps": "wgs84",
        "gcj02": "gcj02",
        "gcj-02": "gcj02",
        "高德": "gcj02",
        "火星": "gcj02",
        "bd09": "bd09",
        "bd-09": "bd09",
        "百度": "bd09",
    },
}

#: A value outside the vocabulary: (problem, what to do, severity).
_CHOICE_PROBLEMS: Mapping[str, tuple[str, str, Severity]] = {
    "gender": ("gender_bad", "gender_action", "warning"),
    "health_code": ("health_bad", "health_action", "error"),
    "origin_risk": ("risk_bad", "risk_action", "error"),
    "travel_mode": ("mode_bad", "mode_action", "error"),
}
#: Words around a value that only name what the cell holds (健康码：绿码, 渝康码绿码,
#: 绿码✓, 低风险区), read past before the value is looked up among `_VALUES`.  A
#: label naming the column is read past only before a colon (健康码颜色：绿, 码色：绿,
#: 所在地风险等级：低): 颜色 or 风险 bare beside a value may say something else.
_NAMING: Mapping[str, re.Pattern[str]] = {
    "health_code": re.compile(
        r"^(?:健康码|渝康码|健康宝|健康通|health_?code|码|[:：]|(?:颜色|色|colou?r)(?=[:：]))+"
        r"|(?:健康码|码|code|[✓✔√])+$"
    ),
    "origin_risk": re.compile(
        r"^(?:风险等级|[:：]|(?:所在地|来源地)?风险(?:等级|级别)?(?=[:：])"
        r"|(?:origin_?)?risk(?:_?level)?(?=[:：]))+"
        r"|(?:风险区|地区|区)$"
    ),
}
#: A trailing remark in brackets: 绿码（已核验）, 低风险(常态化).
_REMARK = re.compile(r"(.*?)\s*[（(]([^（）()]*)[）)]\s*")
_MOBILE = re.compile(r"1[3-9]\d{9}")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
#: Rough bounding box of China, for a first sanity check of roster coordinates.
_CHINA_LAT = (3.8, 53.6)  # down to the Nansha islands
_CHINA_LON = (73.5, 135.1)


def in_china(lat: float, lon: float) -> bool:
    """Whether (lat, lon) lies in the rough bounding box of China: a first
    sanity check of coordinates typed by hand (``in_china(lon, lat)`` tells a
    swapped pair)."""
    return _CHINA_LAT[0] <= lat <= _CHINA_LAT[1] and _CHINA_LON[0] <= lon <= _CHINA_LON[1]


@dataclass(frozen=True, slots=True, kw_only=True)
class RosterSource:
    """Where the roster is and how to read it.

    ``columns`` maps roster fields to the headers the file uses, where they
    are not among the recognised ones.  ``require_phone``: a row without a
    phone is rejected (by default it is planned, and listed to call).
    ``skip_hidden_rows``: rows hidden in a workbook are left out (listed as
    unassigned, with the reason); by default they are planned, with a warning.
    """

    path: Path
    sheet: str = ""
    encoding: str = ""
    coord_system: CoordSystem = "wgs84"
    columns: tuple[tuple[str, str], ...] = ()
    require_phone: bool = False
    skip_hidden_rows: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class RosterReport:
    """What reading a roster gave: good workers, rejected rows and all issues.
    ``rejected_workers`` are the rejected rows as far as they could be read,
    for the desk's lists (whom to call).

    ``batch_of_row`` gives every data row's batch as written ("" when none),
    rejected rows included.
    """

    file: RosterFile
    workers: tuple[Worker, ...]
    rejected: tuple[Unassigned, ...]
    issues: tuple[RosterIssue, ...]
    rejected_workers: tuple[Worker, ...] = ()
    rows_total: int
    batch_of_row: Mapping[int, str]

    @property
    def batch_refused(self) -> frozenset[int]:
        """The rows refused for their batch cell (Excel made a time of it, or
        a number that lost digits): it holds no longer what the desk typed, so
        it names no batch, though ``batch_of_row`` gives it as read."""
        return frozenset(
            i.row for i in self.issues if i.column == "batch" and i.severity == "error"
        )


_ALIAS_INDEX = {
    normalise_header(alias): field for field in HEADER_ALIASES for alias in headers_of(field)
}
#: Every header a roster's column is found by, as compared (`normalise_header`).
KNOWN_HEADERS: frozenset[str] = frozenset(_ALIAS_INDEX)


@dataclass(frozen=True, slots=True, kw_only=True)
class RawTable:
    """A roster file's cells as read, with its header located.

    ``rows`` holds the data rows after the header, each with its row number
    as the user sees it (Excel row, or CSV line).  ``columns`` maps each
    recognised field to its column index.
    """

    path: Path
    encoding: str
    header_row: int
    headers: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]
    columns: Mapping[str, int]
    notes: SheetNotes = dataclasses.field(default_factory=SheetNotes)

    def values(self, cells: Sequence[str]) -> dict[str, str]:
        """A row's cells by field name, cleaned (NFKC, trimmed)."""
        return {f: clean_cell(cells[i]) if i < len(cells) else "" for f, i in self.columns.items()}


def read_table(
    path: Path,
    *,
    sheet: str = "",
    encoding: str = "",
    columns: Mapping[str, str] | None = None,
    required: Sequence[str] = PLAN_FIELDS,
) -> RawTable:
    """Read a CSV or XLSX roster and find its header; `InputError` if it cannot be
    read or lacks a required column."""
    table, used, notes = read_noted_cells(path, sheet=sheet, encoding=encoding)
    header_row, found = _find_header(table, dict(columns or {}), path, notes)
    _check_required(found, required, path)
    warn_hidden_columns(path, notes, found, table[header_row - 1][1])
    if not sheet:
        _warn_other_lists(path, notes, dict(columns or {}), {"worker_id", *required})
    return RawTable(
        path=path,
        encoding=used,
        header_row=table[header_row - 1][0],
        headers=tuple(table[header_row - 1][1]),
        rows=tuple(
            (number, tuple(cells))
            for number, cells in table[header_row:]
            if any(clean_cell(c) for c in cells)
        ),
        columns=found,
        notes=notes,
    )


def read_roster(
    source: RosterSource,
    *,
    required: Sequence[str] = PLAN_FIELDS,
    employers: Iterable[str] = (),
) -> RosterReport:
    """Read and validate a roster file.

    Parameters
    ----------
    source
        The file and how to read it (sheet, encoding, column mapping).
    required
        Fields that must have a column; missing ones raise `InputError`.
    employers
        Known employer ids and names; when given, any other employer is an
        error on that row.
    """
    table = read_table(
        source.path,
        sheet=source.sheet,
        encoding=source.encoding,
        columns=dict(source.columns),
        required=required,
    )
    known_employers = frozenset(employers)
    again = header_rows(table)
    rows = [(row, cells) for row, cells in table.rows if row not in again]
    rows = without_footers(rows, source.path)
    if not rows:
        raise InputError(
            Text("roster_no_rows", header=table.header_row),
            path=source.path,
            row=table.header_row,
            hint=Text("roster_no_rows_action"),
        )
    widths = Counter(len(cells) for _, cells in rows).most_common(1)
    usual_width = widths[0][0] if widths else len(table.headers)
    flags = screening_columns(table)
    order = coordinates_order(table, rows)
    unread: dict[int, list[str]] = {}
    parsed = []
    for row, read in rows:
        cells, shape = _reshaped(row, read, table, usual_width)
        values = _batch_as_typed(table.values(cells))
        if shape is not None and shape.severity == "error":
            # Its cells are not where the header says: the id cell may hold the
            # whole line, phone and ID number too, which lists would show.
            values = {**values, "worker_id": _SEPARATORS.split(values.get("worker_id", ""))[0]}
        worker, row_issues = _parse_row(row, values, table.columns, source, known_employers, order)
        found_here = [
            *([shape] if shape else []),
            *_control_issues(row, cells, table),
            *_sheet_issues(row, values, table, source),
            *row_issues,
            *_flag_issues(row, cells, flags, worker, unread),
        ]
        parsed.append((row, values, worker, found_here))
    repeated = _repeated_ids([(row, values, worker) for row, values, worker, _ in parsed])
    workers: list[Worker] = []
    rejected: list[Unassigned] = []
    rejected_workers: list[Worker] = []
    issues: list[RosterIssue] = [
        RosterIssue(
            row=row,
            column="",
            value="",
            problem=Text("row_repeats_header", header=table.header_row),
            action=Text("row_repeats_header_action"),
            severity="warning",
        )
        for row in again
    ]
    issues.extend(_unread_issues(flags, unread))
    # A reason names a column as the roster heads it (健康码), not by its field.
    headed = {field: table.headers[index] for field, index in table.columns.items()}
    for row, _, worker, row_issues in parsed:
        found = [replace(i, worker_id=worker.id) for i in (*row_issues, *repeated.get(row, ()))]
        issues.extend(found)
        errors = [i for i in found if i.severity == "error"]
        if errors:
            reason = joined(
                [
                    Text(
                        "row_problem",
                        column=headed_column(headed.get(i.column, i.column), i.column),
                        problem=i.problem,
                        action=i.action,
                    )
                    for i in errors
                ]
            )
            rejected.append(
                Unassigned(
                    worker_id=worker.id or f"row-{row}", stage="roster", reason=reason, row=row
                )
            )
            rejected_workers.append(replace(worker, id=worker.id or f"row-{row}"))
        else:
            workers.append(worker)
    if not workers and len(rejected) >= _ONE_CAUSE_ROWS:
        _refuse_one_cause(issues, len(rejected), source.path, headed)
    return RosterReport(
        file=RosterFile(
            path=str(source.path),
            encoding=table.encoding,
            header_row=table.header_row,
            columns=tuple((f, table.headers[i]) for f, i in table.columns.items()),
            separator=table.notes.separator,
        ),
        workers=tuple(workers),
        rejected=tuple(rejected),
        rejected_workers=tuple(rejected_workers),
        issues=tuple(issues),
        rows_total=len(rows),
        batch_of_row={row: values.get("batch", "") for row, values, _, _ in parsed},
    )


def coordinates_order(
    table: RawTable, rows: Iterable[tuple[int, Sequence[str]]] | None = None
) -> PairOrder | None:
    """The order the roster's coordinates column (经纬度) writes its pairs in,
    told by its ``rows`` (the table's, when not given) as in the employers'
    and dormitories' files (`pair_order`); None without such a column."""
    index = table.columns.get("coordinates")
    if index is None:
        return None
    every = table.rows if rows is None else rows
    return pair_order(clean_cell(cells[index]) for _, cells in every if index < len(cells))


def header_rows(table: RawTable) -> list[int]:
    """The rows that repeat the header (two lists pasted one under the other),
    as it is or in other words (`names_its_columns`): no workers, left out of
    every use of the roster."""
    return [
        row
        for row, cells in table.rows
        if repeats_header(cells, table.headers) or names_its_columns(cells, table.headers)
    ]


def names_its_columns(cells: Sequence[str], headers: Sequence[str]) -> bool:
    """Whether a row is the header in other words: each filled cell a known
    header of the field its column's header names (worker_id under 工号, the
    English row of a two-row header; 员工编号 there, a list pasted below)."""
    filled = [(index, cell) for index, cell in enumerate(cells) if cell.strip()]
    for index, cell in filled:  # a worker's row fails at its first cell: its id
        field = _ALIAS_INDEX.get(normalise_header(cell))
        if field is None or index >= len(headers):
            return False
        if _ALIAS_INDEX.get(normalise_header(headers[index])) != field:
            return False
    return bool(filled)


def without_repeated_headers(table: RawTable, path: Path) -> list[tuple[int, tuple[str, ...]]]:
    """The rows but those that repeat the header (`header_rows`), warned of
    by row; ``read_roster`` leaves out the same rows with its warning, and
    ``geocode`` these."""
    again = header_rows(table)
    warn_header_repeated(path, again, table.header_row)
    return [(row, cells) for row, cells in table.rows if row not in again]


def without_footers(
    rows: Sequence[tuple[int, tuple[str, ...]]], path: Path
) -> list[tuple[int, tuple[str, ...]]]:
    """The rows but the list's closing total, signature and note lines (合计,
    制表人), which are no workers, warned of by row and word.  ``verify
    --roster`` leaves out the same rows (`returnbus.io.footers`), and
    ``geocode`` these."""
    footers = footer_rows(rows)
    if not footers:
        return list(rows)
    by_number = dict(rows)
    named = [f"{row} ({footer_word(by_number[row])})" for row in footers]
    _log.warning(
        Text(by_count("log_roster_footers", len(named)), file=path.name, rows=listed(named))
    )
    return list(rows[: len(rows) - len(footers)])


#: Headers that name a field only loosely: a column with a strong header for
#: the same field wins over them (工号 over 编号, 手机号 over 电话).
_WEAK_ALIASES: Mapping[str, frozenset[str]] = {
    "worker_id": frozenset({"id", "编号", "人员编号"}),
    "phone": frozenset({"tel", "电话", "联系方式", "电话号码", "联络方式"}),
    # Any document's number (a passport's): a column of ID card numbers wins.
    "id_number": frozenset({"证件号码", "证件号"}),
    "home_address": frozenset({"address", "地址", "户籍地址"}),
    # The firm a dispatched worker belongs to, where 用工单位 is the factory.
    "employer": frozenset({"单位", "公司", "所属企业", "所属公司"}),
}


#: Rows that all fail alike before the file, not the rows, is taken to be wrong.
_ONE_CAUSE_ROWS = 5


def _refuse_one_cause(
    issues: Sequence[RosterIssue], rows: int, path: Path, headed: Mapping[str, str]
) -> None:
    """When every row fails for the same reason, the file is wrong, not its rows:
    stop and say so, instead of listing the same reason for everyone.  The
    column is named as ``headed`` gives it (field -> the file's header)."""
    by_row: dict[int, set[tuple[str, str]]] = {}
    for issue in issues:
        if issue.severity == "error":
            key = issue.problem.key if isinstance(issue.problem, Text) else str(issue.problem)
            by_row.setdefault(issue.row, set()).add((issue.column, key))
    if len(by_row) < rows:
        return
    common = set.intersection(*by_row.values())
    if not common:
        return
    column, _ = sorted(common)[0]
    first = next(i for i in issues if i.severity == "error" and i.column == column)
    raise InputError(
        Text("rows_fail_alike", rows=rows, problem=first.problem),
        path=path,
        # As the file heads it (工号), not the field (worker_id); none for a whole-row cause.
        column=headed.get(column),
        hint=joined([first.action, Text("rows_fail_alike_action")]),
    )


#: What separates cells in a line, once NFKC has made full-width ones plain.
_SEPARATORS = re.compile(r"[,;\t]")


def _reshaped(
    row: int, cells: tuple[str, ...], table: RawTable, usual: int
) -> tuple[tuple[str, ...], RosterIssue | None]:
    """A CSV row's cells, and what is wrong with their number: more or fewer
    than its header (an unquoted comma or line break).  A row typed with
    full-width commas (，) in a Chinese input method, which then splits into
    as many cells as the header, is read split, with a warning; a row of
    tab-separated text short of its header, with its missing cells empty."""
    width = len(table.headers)
    if table.encoding == "xlsx":
        return cells, None
    # Empty cells past the header are a trailing comma, unless other rows lack it.
    extra = any(clean_cell(c) for c in cells[width:]) or len(cells) > max(width, usual)
    short = len(cells) < width and max(table.columns.values()) >= len(cells)
    if not (extra or short):
        return cells, None
    split = tuple(part for cell in cells for part in cell.split("，"))
    if len(split) in (width, usual) and len(split) > len(cells):
        return split, RosterIssue(
            row=row,
            column=column_letter(0),
            value="",
            problem=Text("fields_full_width", count=len(split)),
            action=Text("fields_full_width_action"),
            severity="warning",
        )
    tabbed = table.notes.separator == "\t"
    if short and not extra and tabbed:
        # Excel copies a cell's line break quoted: a tab-separated row short of
        # its header lost the trailing tabs of its empty cells (an editor or a
        # chat trims them), and reads as its comma-separated copy, those cells
        # empty (a missing required value is said at its own column).
        return (*cells, *[""] * (width - len(cells))), None
    return cells, RosterIssue(
        row=row,
        column=column_letter(min(len(cells), width)),
        value="",
        problem=Text(
            "fields_more" if extra else by_count("fields_fewer", len(cells)),
            count=len(cells),
            width=width,
        ),
        # Tab-separated text is Excel's copy: no comma split the row.
        action=Text("fields_tab_action" if tabbed else "fields_action"),
    )


def _control_issues(row: int, cells: Sequence[str], table: RawTable) -> list[RosterIssue]:
    """Cells that held control characters (removed)."""
    return [
        RosterIssue(
            row=row,
            column=field,
            value=clean_cell(cells[index]),
            problem=Text("control_chars"),
            action=Text("control_action"),
            severity="warning",
        )
        for field, index in table.columns.items()
        if index < len(cells) and _has_control(cells[index])
    ]


_EXCEL_DATE = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}")
#: Fields whose values are codes that Excel may turn into dates or numbers.
_CODE_FIELDS = ("worker_id", "phone", "id_number")


def _sheet_issues(
    row: int, values: Mapping[str, str], table: RawTable, source: RosterSource
) -> list[RosterIssue]:
    """What a workbook did to a row: hidden, filled from merged cells, codes
    turned into dates or numbers that lost digits."""
    notes = table.notes
    issues: list[RosterIssue] = []
    issue = _collector(row, values, issues)

    if row in notes.hidden_rows:
        if source.skip_hidden_rows:
            issue("row", Text("hidden_skipped"), Text("hidden_skipped_action"), "error")
        else:
            issue("row", Text("hidden_row"), Text("hidden_action"), "warning")
    if row in notes.filled:
        ranges = listed(notes.filled[row])
        issue("row", Text("merged_filled", ranges=ranges), Text("merged_action"), "warning")
    for field in _CODE_FIELDS:
        if _EXCEL_DATE.fullmatch(values.get(field, "")):
            issue(field, Text("id_date"), Text("as_text_action"), "error")
        elif field in table.columns and (row, table.columns[field]) in notes.long_numbers:
            issue(field, Text("long_number"), Text("as_text_action"), "warning")
    _stored_issues(row, table, issue)
    return issues


def _stored_issues(row: int, table: RawTable, issue: _Problem) -> None:
    """What Excel stored in a row's batch and group cells (and, for times, in
    its code cells) that is no longer what the desk typed."""
    notes = table.notes

    def marked(field: str, cells: frozenset[tuple[int, int]]) -> bool:
        return field in table.columns and (row, table.columns[field]) in cells

    # A group of 16 digits or more lost its last ones: two groups may read as one.
    if marked("group", notes.long_numbers):
        issue("group", Text("long_number"), Text("as_text_action"), "warning")
    # No batch is named so: read, the row would join a batch no one plans.
    if marked("batch", notes.long_numbers):
        issue("batch", Text("long_number"), Text("batch_as_text_action"), "error")
    # A cell Excel took for a time (8:30) or a duration holds no longer what
    # was typed: an id or a batch no one wrote; a group merely may not match.
    for field, action, severity in _TIMED_FIELDS:
        if marked(field, notes.times):
            issue(field, Text("cell_time"), Text(action), severity)


#: The fields a cell Excel took for a time is flagged in: what to do, and how bad it is.
_TIMED_FIELDS: tuple[tuple[str, str, Severity], ...] = (
    *((field, "as_text_action", "error") for field in _CODE_FIELDS),
    ("batch", "batch_as_text_action", "error"),
    ("group", "as_text_action", "warning"),
)


#: A day with the midnight Excel adds when it takes a cell for a date: an
#: XLSX date cell as read (a datetime), or a CSV saved from the workbook.
_EXCEL_DAY = re.compile(r"(\d{4}[-/]\d{1,2}[-/]\d{1,2})[ T]0?0:00(?::00(?:\.0+)?)?")


def _batch_as_typed(values: dict[str, str]) -> dict[str, str]:
    """A row's values with its batch cell read back as the desk typed it: a
    batch such as 3月17日 that Excel turned into a date keeps the day, not
    Excel's time (`returnbus.ids.batch_key` then matches the day to the
    scenario's batch, however either writes it)."""
    day = _EXCEL_DAY.fullmatch(values.get("batch", ""))
    if day is not None:
        values["batch"] = day[1]
    return values


def _find_header(
    table: Cells, mapping: dict[str, str], path: Path, notes: SheetNotes
) -> tuple[int, dict[str, int]]:
    """The header row (1-based position in ``table``) and field -> column index.

    Offices often put a title row above the header, so the first ten rows are
    searched for the one that names the most known fields.  A header the
    scenario maps in ``[roster.columns]`` always wins over the usual names; a
    field two columns claim equally is an error naming both.  A workbook's
    sheet without a header is named, with the workbook's other ``notes.sheets``.
    """
    wanted = {normalise_header(header): field for field, header in mapping.items()}
    for field in mapping:
        if field not in HEADER_ALIASES:
            raise InputError(
                Text("roster_field_unknown", field=field),
                path=path,
                hint=Text("roster_field_unknown_action", fields=listed(list(HEADER_ALIASES))),
            )
    best: tuple[int, dict[str, list[tuple[int, int]]]] = (0, {})
    for position, (_, cells) in enumerate(table[:HEADER_ROWS], start=1):
        claims = _claims(cells, wanted)
        if len(claims) > len(best[1]):
            best = (position, claims)
    position, claims = best
    if notes.separator:
        refuse_full_width_header(table, position, lambda cells: bool(_claims(cells, wanted)), path)
    others = [name for name in notes.sheets if name != notes.sheet]
    if not claims and others:
        # A cover sheet before the roster's: say which sheet was read, and the others.
        raise InputError(
            Text("no_headers_in_sheet", sheet=notes.sheet),
            path=path,
            hint=Text(
                "no_headers_in_sheet_action",
                sheets=Text(by_count("named_sheets", len(others)), sheets=listed(others)),
            ),
        )
    if not claims:
        _refuse_headless(table, wanted, path)
    row, headers = table[position - 1]
    columns: dict[str, int] = {}
    for field, candidates in claims.items():
        strongest = min(rank for rank, _ in candidates)
        chosen = [index for rank, index in candidates if rank == strongest]
        if len(chosen) > 1:
            named = [f"{column_letter(i)} ({headers[i]})" for i in chosen]
            raise InputError(
                Text(
                    "columns_both",
                    columns=Text("and", items=listed(named[:-1]), last=named[-1]),
                    # Said as the desk heads it (手机号码（或 phone）), not only the field.
                    field=fields_wanted([field], HEADER_ALIASES),
                ),
                path=path,
                row=row,
                hint=Text("columns_both_action", field=field),
            )
        columns[field] = chosen[0]
    return position, columns


def _warn_other_lists(
    path: Path, notes: SheetNotes, mapping: Mapping[str, str], fields: set[str]
) -> None:
    """Warn when a workbook's other sheets (one per day, say) have a header
    naming ``fields`` (the id and the required ones): only the sheet read is
    planned, so their workers would be left out without a word."""
    others = [name for name in notes.sheets if name != notes.sheet]
    if not others:
        return
    wanted = {normalise_header(header): field for field, header in mapping.items()}
    lists = [
        name
        for name, cells in sheet_heads(path, others).items()
        if any(fields <= set(_claims(row, wanted)) for _, row in cells)
    ]
    if lists:
        _log.warning(
            Text(
                by_count("log_table_sheets_unread", len(lists)),
                file=path.name,
                sheet=notes.sheet,
                sheets=listed(lists),
            )
        )


def _refuse_headless(table: Cells, wanted: Mapping[str, str], path: Path) -> NoReturn:
    """Refuse a table with no header row known, saying why when it can be
    told: the file is empty, or its columns are split by semicolons or tabs."""
    if not any(cell.strip() for _, cells in table for cell in cells):
        raise InputError(Text("file_empty"), path=path, hint=Text("no_headers_action"))
    refuse_other_separator(table, lambda cells: bool(_claims(cells, wanted)), path)
    raise InputError(Text("no_headers"), path=path, hint=Text("no_headers_action"))


def _claims(cells: Sequence[str], wanted: Mapping[str, str]) -> dict[str, list[tuple[int, int]]]:
    """The fields a row's headers name: field -> [(rank, column index)], where
    rank 0 is a header mapped in the scenario, 1 a usual name, 2 a loose one."""
    mapped = set(wanted.values())
    claims: dict[str, list[tuple[int, int]]] = {}
    for index, cell in enumerate(cells):
        header = normalise_header(cell)
        if not header:
            continue
        if header in wanted:
            claims.setdefault(wanted[header], []).append((0, index))
            continue
        field = _ALIAS_INDEX.get(header)
        if field is None or field in mapped:  # a mapped field takes no usual name
            continue
        rank = 2 if header in _WEAK_ALIASES.get(field, ()) else 1
        claims.setdefault(field, []).append((rank, index))
    return claims


def _check_required(columns: Mapping[str, int], required: Sequence[str], path: Path) -> None:
    missing = [f for f in required if f not in columns]
    if "home_address" in missing and (
        ("lat" in columns and "lon" in columns) or "coordinates" in columns
    ):
        missing.remove("home_address")
    if missing:
        raise InputError(
            Text(
                by_count("columns_missing", len(missing)),
                names=fields_wanted(missing, HEADER_ALIASES),
            ),
            path=path,
            # Named by the headers it is found by: the file has no column headed by the key.
            column=headers_accepted(missing[0], HEADER_ALIASES),
            hint=Text("columns_missing_action"),
        )


#: Control characters: line breaks and tabs become spaces, the rest go.
_BREAKS = re.compile(r"[\t\n\r\v\f\x85\u2028\u2029]+")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")


def clean_cell(value: object) -> str:
    """A cell as the roster is read: line breaks and tabs as spaces, control
    and zero-width characters out, full-width figures and spaces half-width,
    trimmed."""
    text = str(value)
    # Breaks, controls and invisibles are all unprintable: most cells skip the three passes.
    if not text.isprintable():
        text = INVISIBLE.sub("", _CONTROL.sub("", _BREAKS.sub(" ", text)))
    return unicodedata.normalize("NFKC", text).strip()


def _has_control(text: str) -> bool:
    """Whether a cell holds characters `clean_cell` takes out (other than at its ends)."""
    if text.isprintable():
        return False
    return bool(_CONTROL.search(text) or INVISIBLE.search(text) or _BREAKS.search(text.strip()))


def _repeated_ids(
    rows: Sequence[tuple[int, Mapping[str, str], Worker]],
) -> dict[int, list[RosterIssue]]:
    """Issues for rows whose worker id another row uses too.

    A row repeated word for word is kept once (the first); rows that share
    an id but differ are all held back, since nothing tells which is right.
    Either way the outcome does not depend on the order of the rows.
    """
    by_id: dict[str, list[tuple[int, Mapping[str, str]]]] = {}
    for row, values, worker in rows:
        if worker.id:
            by_id.setdefault(worker.id, []).append((row, values))
    issues: dict[int, list[RosterIssue]] = {}
    for worker_id, uses in by_id.items():
        if len(uses) < 2:
            continue
        first_row, first_values = uses[0]
        same = all(values == first_values for _, values in uses[1:])
        for row, _ in uses[1:] if same else uses:
            problem, action = (
                (Text("duplicate_same", row=first_row), Text("duplicate_same_action"))
                if same
                else (
                    Text("duplicate_different", rows=listed([str(r) for r, _ in uses])),
                    Text("duplicate_different_action"),
                )
            )
            issue = RosterIssue(
                row=row, column="worker_id", value=worker_id, problem=problem, action=action
            )
            issues.setdefault(row, []).append(issue)
    _case_variants(by_id, issues)
    return issues


def _case_variants(
    by_id: Mapping[str, list[tuple[int, Mapping[str, str]]]], issues: dict[int, list[RosterIssue]]
) -> None:
    """Add an issue to every row whose id differs from another row's only in
    letter case (A001, a001): one worker typed twice would ride two buses and
    hold two beds, and two workers could not be told apart by a drop list
    or an edit, so all those rows are held back, naming each other."""
    spellings: dict[str, dict[str, list[int]]] = {}
    for worker_id, uses in by_id.items():
        spellings.setdefault(worker_id.casefold(), {})[worker_id] = [row for row, _ in uses]
    for variants in spellings.values():
        if len(variants) < 2:
            continue
        rows = listed([str(r) for r in sorted(r for used in variants.values() for r in used)])
        for worker_id, used in variants.items():
            others = listed(sorted(v for v in variants if v != worker_id))
            for row in used:
                issues.setdefault(row, []).append(
                    RosterIssue(
                        row=row,
                        column="worker_id",
                        value=worker_id,
                        problem=Text("duplicate_case", others=others, rows=rows),
                        action=Text("duplicate_case_action"),
                    )
                )


# -- the desk's own screening columns ----------------------------------------

#: Headers (normalised as headers are, a trailing ? dropped) that are clearly
#: a close-contact, temperature or risk-area field the roster has none for.
#: Only such a header: one that merely holds 途经, 旅居, 温度 or 发热 (a list of
#: towns passed, a remark) is some other column.
_FLAG_HEADERS: Mapping[str, re.Pattern[str]] = {
    "close_contact": re.compile(
        r"(是否为?|是否有|有无)?(密接|密切接触)(者|史|人员)?"
        r"|(is|was)?(a)?closecontact(history)?"
    ),
    "temperature": re.compile(r"(今日|当日|出发前|测量)?体温(°c|度)?|(body)?temperature(°c)?"),
    # A yes/no or a history: a column headed 中高风险地区 alone may list the areas.
    "risk_area": re.compile(
        r"(近?14天内?)?(是否|有无|是否有)(来自|到过|去过|途经|旅居|在)?(中高|中|高)?风险(地区|区域)"
        r"(旅居史|接触史|史)?"
        r"|(近?14天内?)?(来自|到过|去过|途经)?(中高|中|高)?风险(地区|区域)(旅居史|接触史|史)"
        r"|(from|visited|beenin|stayin)?(a)?(medium/high|mediumorhigh|medium|high)?risk"
        r"area(stay|visit|history)?"
    ),
}
_FLAG_YES = frozenset({"是", "是的", "y", "yes", "true", "√", "✓", "✔", "1", "有"})
_FLAG_NO = frozenset({"否", "n", "no", "false", "×", "x", "✗", "0", "无", "没有", "不是", "未"})
#: What a temperature cell may say instead of a reading, for no fever.
_FLAG_NORMAL = frozenset({"正常", "normal", "无发热", "未发热", "不发热"})
_TEMPERATURE = re.compile(r"(\d{2}(?:[.,]\d{1,2})?)(?:°c|c|度|摄氏度)?")
#: A fever from 37.3 °C (the 2020 screening line); below 35 or above 43 is no reading.
_FEVER, _TEMPERATURE_RANGE = 37.3, (35.0, 43.0)
#: A cell that flags the worker: (problem, what to do), by the column's kind.
_FLAGGED = {
    "close_contact": ("flag_close_contact", "flag_close_contact_action"),
    "temperature": ("flag_fever", "flag_fever_action"),
    "risk_area": ("flag_risk_area", "flag_risk_area_action"),
}


def screening_columns(table: RawTable) -> tuple[tuple[int, str, str], ...]:
    """The roster's columns headed clearly as a screening fact it has no
    field for: (index, header, kind) for each, kind one of `_FLAG_HEADERS`."""
    read = set(table.columns.values())
    found = []
    for index, header in enumerate(table.headers):
        name = normalise_header(header).rstrip("?")
        if index in read or not name:
            continue
        kind = next((k for k, like in _FLAG_HEADERS.items() if like.fullmatch(name)), "")
        if kind:
            found.append((index, header, kind))
    return tuple(found)


def _flagged(kind: str, value: str, worker: Worker) -> bool | None:
    """Whether a screening cell flags the worker: True when it clearly says
    so (yes, 37.3 °C or more), False when it clearly does not or is empty,
    None when it cannot be read."""
    word = _word(value)
    if not word or word in _FLAG_NO:
        return False
    if kind == "temperature":
        if word in _FLAG_NORMAL:
            return False
        found = _TEMPERATURE.fullmatch(word)
        degrees = float(found[1].replace(",", ".")) if found else math.nan
        if not _TEMPERATURE_RANGE[0] <= degrees <= _TEMPERATURE_RANGE[1]:
            return None
        return degrees >= _FEVER
    if word not in _FLAG_YES:
        return None
    # From a risk area with 风险等级 中 or 高: the rule quarantines them already.
    return not (kind == "risk_area" and worker.origin_risk in ("medium", "high"))


def _flag_issues(
    row: int,
    cells: Sequence[str],
    columns: Sequence[tuple[int, str, str]],
    worker: Worker,
    unread: dict[int, list[str]],
) -> list[RosterIssue]:
    """Warnings for a row's screening cells (`screening_columns`) that flag the
    worker.  The planner screens by the health code and origin risk only
    (temperatures are taken at the bus), so such a cell holds nobody back: it
    is warned of for the desk to check before departure.  A cell that cannot
    be read is added to ``unread`` (column index -> values), for
    `_unread_issues` to warn of once for its column."""
    issues: list[RosterIssue] = []
    for index, header, kind in columns:
        value = clean_cell(cells[index]) if index < len(cells) else ""
        flagged = _flagged(kind, value, worker)
        if flagged is None:
            unread.setdefault(index, []).append(value)
        elif flagged:
            problem, action = _FLAGGED[kind]
            issues.append(
                RosterIssue(
                    row=row,
                    column=header,
                    value=value,
                    problem=Text(problem),
                    action=Text(action),
                    severity="warning",
                )
            )
    return issues


def _unread_issues(
    columns: Sequence[tuple[int, str, str]], unread: Mapping[int, Sequence[str]]
) -> list[RosterIssue]:
    """One warning for each screening column with cells that cannot be read,
    not one a row: the column is no screening rule, so they hold nobody back."""
    issues = []
    for index, header, _ in columns:
        values = unread.get(index, ())
        if values:
            rows = Text(by_count("row_count", len(values)), count=len(values))
            issues.append(
                RosterIssue(
                    row=0,  # the column as a whole
                    column=header,
                    value=values[0],
                    problem=Text("flag_unread", rows=rows),
                    action=Text("flag_unread_action"),
                    severity="warning",
                )
            )
    return issues


# -- row validation ----------------------------------------------------------


def _collector(row: int, values: Mapping[str, str], issues: list[RosterIssue]) -> _Problem:
    """``problem(field, text, action, severity="error")``, adding a row's issue to ``issues``."""

    def problem(field: str, text: str, action: str, severity: Severity = "error") -> None:
        issues.append(
            RosterIssue(
                row=row,
                column=field,
                value=values.get(field, ""),
                problem=text,
                action=action,
                severity=severity,
            )
        )

    return problem


def _parse_row(
    row: int,
    values: Mapping[str, str],
    columns: Mapping[str, int],
    source: RosterSource,
    employers: frozenset[str],
    order: PairOrder | None = None,
) -> tuple[Worker, list[RosterIssue]]:
    """A row's worker and its issues; ``order``: the order the roster's
    coordinates column writes its pairs in (`pair_order`)."""
    issues: list[RosterIssue] = []
    problem = _collector(row, values, issues)

    worker_id = values.get("worker_id", "")
    name = values.get("name", "")
    _check_names(values, columns, problem)
    phone = _checked_phone(values, columns, problem, require=source.require_phone)
    id_number = values.get("id_number", "").upper()
    if id_number and not _id_number_valid(id_number):
        # 1.10105E+17: Excel's number, its last digits gone (said as a phone's is).
        hint = Text("id_scientific_action" if "E+" in id_number else "id_action")
        problem("id_number", Text("id_check"), hint, "warning")
    chosen = _checked_choices(values, columns, problem)
    employer = values.get("employer", "")
    if employers and employer and employer not in employers:
        problem("employer", Text("unknown_employer"), Text("unknown_employer_action"))
    location = _checked_home(values, columns, source.coord_system, problem, order)

    worker = Worker(
        id=worker_id,
        row=row,
        name=name,
        phone=phone or "",
        id_number=id_number,
        sex=chosen["gender"],  # type: ignore[arg-type]
        employer=employer,
        address=values.get("home_address", ""),
        health_code=chosen["health_code"] or "green",  # type: ignore[arg-type]
        origin_risk=chosen["origin_risk"] or "low",  # type: ignore[arg-type]
        travel_mode=chosen["travel_mode"] or "bus",  # type: ignore[arg-type]
        group=values.get("group", ""),
        batch=values.get("batch", ""),
        roster_location=location,
    )
    return worker, issues


def _check_names(values: Mapping[str, str], columns: Mapping[str, int], problem: _Problem) -> None:
    if not values.get("worker_id"):
        problem("worker_id", Text("missing"), Text("give_id"))
    if "name" in columns and not values.get("name"):
        problem("name", Text("missing"), Text("give_name"))


def _checked_phone(
    values: Mapping[str, str], columns: Mapping[str, int], problem: _Problem, *, require: bool
) -> str | None:
    """The phone as 11 digits, or None; a missing or bad one is reported."""
    raw = values.get("phone", "")
    phone = _phone(raw)
    if "phone" not in columns:
        return phone
    if not raw:
        problem(
            "phone",
            Text("missing"),
            Text("phone_missing_action"),
            "error" if require else "warning",
        )
    elif phone is None:
        hint = Text("phone_scientific" if "e+" in raw.lower() else "phone_write")
        problem("phone", Text("phone_bad"), hint)
    return phone


def _checked_choices(
    values: Mapping[str, str], columns: Mapping[str, int], problem: _Problem
) -> dict[str, str | None]:
    """Each field of `_CHOICE_PROBLEMS` as read (None when empty or no value);
    a value that cannot be read, a remark left out or a missing health code is
    reported.  Each cell is read once: the worker is built from what this gives."""
    chosen: dict[str, str | None] = {}
    for field, (text, action, severity) in _CHOICE_PROBLEMS.items():
        raw = values.get(field, "")
        value, remark = _read_choice(field, raw) if raw else (None, "")
        chosen[field] = value
        if raw and value is None:
            problem(field, Text(text), Text(action), severity)
        elif remark:
            # Read as the value before it; said, so that nothing is dropped unseen.
            problem(field, Text("remark_left_out", remark=remark), Text("remark_action"), "warning")
    if "health_code" in columns and not values.get("health_code"):
        problem("health_code", Text("missing"), Text("health_action"))
    return chosen


def _checked_home(
    values: Mapping[str, str],
    columns: Mapping[str, int],
    default_system: CoordSystem,
    problem: _Problem,
    order: PairOrder | None,
) -> LatLon | None:
    """The roster's coordinates, if any; a row with no way to place the home is reported."""
    location = parse_location(values, default_system, problem, order)
    if (
        not values.get("home_address")
        and location is None
        and ("home_address" in columns or "lat" in columns or "coordinates" in columns)
    ):
        problem("home_address", Text("no_home"), Text("no_home_action"))
    return location


def _read_choice(field: str, raw: str) -> tuple[str | None, str]:
    """A cell's value among `_VALUES`, and the remark in brackets left out ("" if none).

    Where the field has naming words (`_NAMING`), those around the value are
    read past, and a trailing remark in brackets left out; what is left must be one word of the
    vocabulary, so a cell naming two values (绿码转黄码) or a negated one
    (非绿码) is read as nothing, as is a remark naming a value (绿码（曾为黄码）).
    """
    vocabulary = _VALUES[field]
    value = vocabulary.get(_word(raw))
    naming = _NAMING.get(field)
    if value is not None or naming is None:
        return value, ""
    remark = ""
    if found := _REMARK.fullmatch(raw.strip()):
        raw, remark = found.groups()
        said = _word(remark)
        # A value named in the remark is a second value: no guess between the two.
        if any(word in said for word in vocabulary if len(word) > 1 or not word.isascii()):
            return None, ""
    word = re.sub(r"\s", "", _word(raw))
    return vocabulary.get(naming.sub("", word)) if word else None, remark.strip()


def _word(raw: str) -> str:
    """A cell as looked up among `_VALUES`: lower case, no spaces, traditional
    characters as simplified (綠碼, 高風險, 包車, 男 typed in traditional script)."""
    return raw.lower().replace(" ", "").translate(TO_SIMPLIFIED)


def _phone(raw: str) -> str | None:
    """A cell's mainland mobile number as 11 digits, or None."""
    # A program that held the column as numbers writes 13812345678.0: no digit lost.
    digits = re.sub(r"(?<=\d)\.0+$", "", re.sub(r"[\s\-()（）]", "", raw))
    digits = re.sub(r"^(\+?86)(?=1\d{10}$)", "", digits)
    return digits if _MOBILE.fullmatch(digits) else None


def _id_number_valid(number: str) -> bool:
    """Whether ``number`` is a mainland ID number (GB 11643), or Taiwan's or
    Hong Kong's, each by its check digit."""
    if not re.fullmatch(r"\d{17}[\dX]", number):
        return _taiwan_id_valid(number) or _hong_kong_id_valid(number)
    total = sum(int(d) * w for d, w in zip(number[:17], _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11] == number[17]


#: Taiwan's letters for the place an ID was issued, in the order of their codes (A is 10).
_TAIWAN_LETTERS = "ABCDEFGHJKLMNPQRSTUVXYWZIO"


def _taiwan_id_valid(number: str) -> bool:
    """A Taiwan ID (身分證字號, A123456789; 8 or 9 second: a resident's certificate)."""
    if not re.fullmatch(r"[A-Z][1289]\d{8}", number):
        return False
    code = _TAIWAN_LETTERS.index(number[0]) + 10
    digits = [code // 10, code % 10, *(int(d) for d in number[1:])]
    return (
        sum(d * w for d, w in zip(digits, (1, 9, 8, 7, 6, 5, 4, 3, 2, 1, 1), strict=True)) % 10 == 0
    )


def _hong_kong_id_valid(number: str) -> bool:
    """A Hong Kong identity card number (A123456(3), its check digit in brackets or not)."""
    found = re.fullmatch(r"([A-Z]{1,2})(\d{6}) ?\(?([\dA])\)?", number)
    if found is None:
        return False
    letters, digits, check = found.groups()
    # One letter stands after a space, worth 36; a letter is worth 10 (A) to 35 (Z).
    values = [36] * (2 - len(letters)) + [ord(c) - 55 for c in letters] + [int(d) for d in digits]
    total = sum(v * w for v, w in zip(values, range(9, 1, -1), strict=True))
    return (total + (10 if check == "A" else int(check))) % 11 == 0


#: The coordinate systems by their names in `_VALUES` (typed as they are).
_COORD_SYSTEMS: Mapping[str, CoordSystem] = {"wgs84": "wgs84", "gcj02": "gcj02", "bd09": "bd09"}


def coord_system_named(cell: str) -> CoordSystem | None:
    """The coordinate system a 坐标系 cell names (WGS84/GPS, GCJ02/高德,
    BD09/百度, as the README lists them), or None when it names none."""
    return _COORD_SYSTEMS.get(_VALUES["coord_system"].get(_word(cell), ""))


#: Two decimal numbers in one cell, as a map's "copy coordinates" gives
#: them: 29.28,106.25 or 106.25, 29.28 (a comma, full-width or not, a
#: semicolon, a slash, 、 or spaces between).
_PAIR = re.compile(r"\s*([-+]?\d+(?:\.\d+)?)\s*(?:[,;/、]|\s)\s*([-+]?\d+(?:\.\d+)?)\s*")


@dataclass(frozen=True, slots=True)
class PastedPair:
    """Both coordinates pasted into one of the two columns: the ``field``
    (lat or lon) whose cell holds them, as written, and the latitude and
    longitude in it, as written.  ``alone``: the other column's cell is
    empty or agrees, so the point is what the row says; else the row says
    two things."""

    field: str
    cell: str
    lat: str
    lon: str
    alone: bool

    @property
    def point(self) -> LatLon:
        return LatLon(float(self.lat), float(self.lon))


def coordinate_pair(cell: str) -> tuple[str, str] | None:
    """The latitude and longitude, as written, of a cell holding both,
    latitude first or longitude first (AMap copies lon,lat; Baidu lat,lon),
    or None.  In China latitudes and longitudes do not overlap, so a place
    there tells which is which; a pair that gives none (a decimal comma,
    29,28) is not read as one."""
    figures = pair_figures(cell)
    if figures is None:
        return None
    first, second = figures
    if in_china(float(first), float(second)):
        return first, second
    return (second, first) if in_china(float(second), float(first)) else None


def pair_figures(cell: str) -> tuple[str, str] | None:
    """The two numbers of a cell holding a pair of coordinates (`_PAIR`), in
    the order written and as written, or None when it holds no such pair."""
    found = _PAIR.fullmatch(unicodedata.normalize("NFKC", cell))
    return None if found is None else (found[1], found[2])


#: The order a coordinates column writes a pair in: latitude first, or
#: longitude first (as AMap's and Baidu's pickers copy it).
PairOrder = Literal["lat_lon", "lon_lat"]


def _order_told(first: float, second: float) -> PairOrder | None:
    """The order of a pair of which one figure cannot be a latitude (it is
    over 90, either side of 0); None when either could be one, or neither."""
    if abs(first) <= 90 < abs(second):
        return "lat_lon"
    if abs(second) <= 90 < abs(first):
        return "lon_lat"
    return None


def pair_order(cells: Iterable[str]) -> PairOrder | None:
    """The order in which every pair of a coordinates column's ``cells``
    that tells one (`_order_told`) writes it: a row whose figures both could
    be a latitude (a place west of 90°E) is read in it.  None when no row
    tells, or rows tell both orders."""
    told = set()
    for cell in cells:
        figures = pair_figures(cell)
        order = _order_told(*map(float, figures)) if figures is not None else None
        if order is not None:
            told.add(order)
    return told.pop() if len(told) == 1 else None


class PairUnread(ValueError):
    """A coordinates cell no point is read from: what is wrong with it
    (``message``) and what to do (``hint``), said by the reader with the
    file, row and column (an `InputError`, or a roster row's issue)."""

    def __init__(self, message: Text, hint: Text) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def one_cell_point(
    cell: str, lat_cell: str, lon_cell: str, order: PairOrder | None
) -> tuple[float, float]:
    """The latitude and longitude of a coordinates ``cell`` (both in one,
    latitude or longitude first), as written: told by the figure that cannot
    be a latitude, else by the column's other rows (``order``, `pair_order`).
    `PairUnread` when it holds no pair, when neither tells the order, or when
    the row's lat and lon cells (``lat_cell``, ``lon_cell``) give another
    point.  Both figures over 90 is no point either way: the caller refuses
    it as written."""
    figures = pair_figures(cell)
    if figures is None:
        raise PairUnread(
            Text("cell_not", value=cell, what=Text("what_lat_lon")),
            Text("cell_write", what=Text("what_lat_lon")),
        )
    first, second = map(float, figures)
    told = _order_told(first, second)
    if told is None and max(abs(first), abs(second)) <= 90:
        told = order
        if told is None:
            raise PairUnread(
                Text("coords_order_unknown", cell=cell), Text("coords_order_unknown_action")
            )
    lat, lon = (second, first) if told == "lon_lat" else (first, second)
    given = [(text, figure) for text, figure in ((lat_cell, lat), (lon_cell, lon))]
    if any(text and not _is_number(text, figure) for text, figure in given):
        raise PairUnread(
            Text("coords_given_twice", cell=cell, lat=lat_cell, lon=lon_cell),
            Text("coords_given_twice_action"),
        )
    return lat, lon


def _is_number(text: str, number: float) -> bool:
    """Whether the cell ``text`` is ``number``."""
    try:
        return float(text) == number
    except ValueError:
        return False


def pasted_pair(lat_cell: str, lon_cell: str) -> PastedPair | None:
    """The pair pasted into the latitude or the longitude cell (`coordinate_pair`), or None."""
    for field, cell, other in (("lat", lat_cell, lon_cell), ("lon", lon_cell, lat_cell)):
        pair = coordinate_pair(cell)
        if pair is None:
            continue
        lat, lon = pair
        # The other cell agrees: empty, the same pair, or its own coordinate of it.
        own = lon if field == "lat" else lat
        alone = not other.strip() or coordinate_pair(other) == pair or _same_number(other, own)
        return PastedPair(field=field, cell=cell.strip(), lat=lat, lon=lon, alone=alone)
    return None


def _same_number(cell: str, number: str) -> bool:
    try:
        return float(unicodedata.normalize("NFKC", cell)) == float(number)
    except ValueError:
        return False


def _given_point(
    values: Mapping[str, str], problem: _Problem, order: PairOrder | None
) -> tuple[float, float, str] | None:
    """A row's latitude and longitude as written, and the column read (its
    coordinates cell, else lat); None when it gives none, or none that can
    be read (reported through ``problem``)."""
    lat_raw, lon_raw = values.get("lat", ""), values.get("lon", "")
    cell = values.get("coordinates", "")
    if cell:
        try:
            lat, lon = one_cell_point(cell, lat_raw, lon_raw, order)
        except PairUnread as unread:
            problem("coordinates", unread.message, unread.hint)
            return None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            problem(
                "coordinates", Text("not_lat_lon", lat=lat, lon=lon), Text("not_lat_lon_action")
            )
            return None
        return lat, lon, "coordinates"
    if not lat_raw and not lon_raw:
        return None
    pair = pasted_pair(lat_raw, lon_raw)
    if pair is not None:
        # Both in one cell: read when the row says nothing else, else refused;
        # either way the desk is told to split them into the two columns.
        said = Text("coords_pair_read" if pair.alone else "coords_pair_and_more", cell=pair.cell)
        action = Text("coords_pair_action", lat=pair.lat, lon=pair.lon)
        problem(pair.field, said, action, "warning" if pair.alone else "error")
        return (*pair.point, "lat") if pair.alone else None
    try:
        lat, lon = float(lat_raw), float(lon_raw)
    except ValueError:
        lat = lon = math.nan
    # float() reads "nan" and "inf" too: no place, so no number to the desk.
    if not (math.isfinite(lat) and math.isfinite(lon)):
        problem("lat", Text("coords_not_numbers", lat=lat_raw, lon=lon_raw), Text("coords_action"))
        return None
    return lat, lon, "lat"


def parse_location(
    values: Mapping[str, str],
    default_system: CoordSystem,
    problem: _Problem,
    order: PairOrder | None = None,
) -> LatLon | None:
    """A row's home in WGS-84, converted from its ``coord_system``: from its
    ``coordinates`` cell of both (`one_cell_point`; ``order``: the order its
    column writes pairs in, `pair_order`), else its ``lat`` and ``lon``.

    None when the row gives no coordinates or bad ones; bad ones are reported
    through ``problem(field, text, action)``, at the column they were read from.
    """
    read = _given_point(values, problem, order)
    if read is None:
        return None
    lat, lon, column = read
    system_raw = values.get("coord_system", "")
    system = coord_system_named(system_raw) if system_raw else default_system
    if system is None:
        problem("coord_system", Text("coord_system_bad"), Text("coord_system_action"))
        return None
    if not in_china(lat, lon):
        # A cell of both was read in its column's order: only lat and lon can be swapped.
        swapped = column == "lat" and in_china(lon, lat)
        problem(
            column,
            Text("outside_china", lat=lat, lon=lon),
            Text("coords_swapped" if swapped else "coords_check"),
        )
        return None
    return to_wgs84(LatLon(lat, lon), system)
