"""Read a written folder's papers back and hold them against its plan, worker by worker.

The index (`staging.index_problems`) tells a file changed since it was
written; this tells a paper that says something else than ``plan.json``,
even where the index was rewritten to match: a manifest listing a worker
who is on another bus, a seat, stop or time that differs, a bed that is not
the plan's, a reason for quarantine that is not the plan's.  Each problem
names the file, the worker and the bus.

Read back: the manifests (``manifests/bus_<id>.csv`` and
``manifests.xlsx``), each bus's registration form, seat map and driver's
sheet (``papers/buses/*.csv`` and their workbooks; the PDF is not read),
``dormitory_allocation.csv``, and the desk's lists (``unassigned.csv``,
``self_return.csv``, ``arrivals.csv``, ``to_call.csv``, ``lists.xlsx``).
A clerk annotates the desk's lists, so they are held against the plan in
full only while their SHA-256 is the one the index lists; an edited list
(notes, rows sorted or deleted, re-saved in Excel) is the desk's, unless it
puts a worker elsewhere than the plan does, as another plan's list does.
A file that cannot be read is a problem line of its own.  A district's
workbooks are read on a process pool the caller passes in (`read_ahead`)
while the rest is checked.
"""

from __future__ import annotations

import csv
import itertools
import re
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import get_args

from ..domain import HealthCode, RiskLevel
from ..dropoffs import QUARANTINE
from ..plan import Plan, quarantine_causes
from ..planfile import bed_row
from ..text import LANGS, Text, by_count, each_said, joined, listed, system_said
from .labels import LABELS, headings_ever, label, labels
from .lists import (
    ARRIVAL_KEYS,
    ARRIVAL_LIST_KEYS,
    SELF_RETURN_KEYS,
    SELF_RETURN_LIST_KEYS,
    UNASSIGNED_KEYS,
    quarantine_grounds,
    quarantine_reasons,
)
from .manifests import COLUMNS, HEADING_KEYS
from .papers import DRIVER_KEYS, REGISTRATION_KEYS
from .reports import BED_COLUMNS, TO_CALL_COLUMNS
from .staging import desk_edits, unchanged_desk_lists
from .stops import JOIN, boardings, stop_number, stop_numbers
from .tables import POOLED_FROM_BUSES

#: What a paper says of a rider: seat, pickup point id, pickup time (to the minute).
Seating = tuple[str, str, str]
#: A table as read: rows of text cells ("" for an empty one).
Rows = list[list[str]]
#: One paper's check: (the paper's name, its bus, its rows, the plan) -> problems.
PaperCheck = Callable[[str, str, Rows, "_Said"], list[Text]]
#: A file to read back: the check that reads it, giving its problems.
Check = Callable[[], list[Text]]
#: Reads a workbook back: each sheet's rows (`_read_book`, or `read_ahead`'s reader).
BookReader = Callable[[Path], dict[str, Rows]]
#: The desk's lists as one workbook (read back in full only while unedited).
_DESK_BOOK = "lists.xlsx"

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: What reading a damaged file may raise (an XML parse error is a SyntaxError).
_UNREADABLE = (
    OSError,
    ValueError,
    KeyError,
    IndexError,
    TypeError,
    SyntaxError,
    csv.Error,
    zipfile.BadZipFile,
    zlib.error,  # damaged compressed data inside a sound zip
)


def _words(key: str) -> frozenset[str]:
    """``key``'s label in every language."""
    return frozenset(label(key, lang) for lang in LANGS)


_SIGNATURES = _words("driver_signature")
_PICKUP = _words("pickup")
_EMPTY_SEAT = _words("empty_seat") | {"×"}
_OBSERVATION = _words("observation")
_AISLE = _words("aisle")
_BY_SELF = _words("by_self")
#: How to_call.csv may say a worker travels: its words in either language, or
#: the codes of a list written before it said them in words.
_TRAVEL = {"bus": _words("by_bus") | {"bus"}, "self": _BY_SELF | {"self"}}
_DRIVER_HEADINGS = [labels(DRIVER_KEYS, lang) for lang in LANGS]
_REGISTRATION_HEADINGS = [labels(REGISTRATION_KEYS, lang)[:2] for lang in LANGS]
_MANIFEST_HEADINGS = [
    COLUMNS,
    *(tuple(way) for lang in LANGS for way in headings_ever(HEADING_KEYS, lang)),
]


def _words_of(reason: Text) -> tuple[str, ...]:
    """``reason`` in each language."""
    return tuple(reason.said(lang) for lang in LANGS)


def _label_in_each(key: str, **labelled: str) -> Text:
    """``key``'s label, each placeholder of ``labelled`` filled with the label
    of the key it names, said in the desk's language."""
    en, zh = (
        label(key, lang, **{k: label(v, lang) for k, v in labelled.items()})
        for lang in ("en", "zh")
    )
    return each_said(en, zh)


def _own_reasons() -> tuple[Text, ...]:
    """Every way arrivals.csv may say a worker is bound for quarantine on
    their own account without the plan knowing why (a plan.json written
    before it kept causes): with their health code or their origin's risk,
    or else screening or their keep-together group."""
    return (
        _label_in_each("why_screening"),
        *(_label_in_each("why_health_code", code=c) for c in get_args(HealthCode)),
        *(_label_in_each("why_origin_risk", risk=f"risk_{r}") for r in get_args(RiskLevel)),
    )


#: The words arrivals.csv may give a worker bound for quarantine on their own
#: account whose cause the plan does not know, in either language.
_OWN_REASONS = frozenset(words for reason in _own_reasons() for words in _words_of(reason))


def _known_reasons(plan: Plan) -> dict[str, Text]:
    """Each worker given a bed whose reason for quarantine the plan knows,
    with the words arrivals.csv gives it (`lists.quarantine_reasons`): all
    but those bound there on their own account whose cause plan.json did
    not keep (`plan.quarantine_causes`), who may say any of `_OWN_REASONS`."""
    known = quarantine_causes(plan)
    said = {lang: quarantine_reasons(plan, lang) for lang in LANGS}
    return {
        worker: each_said(said["en"][worker], said["zh"][worker])
        for worker, ground in quarantine_grounds(plan).items()
        if ground != "own" or worker in known
    }


def _reason_words(known: Iterable[Text]) -> dict[str, Text]:
    """Each way arrivals.csv may word a reason for quarantine (those ``known``,
    a shared bus, a close contact, those of `_own_reasons`), in either
    language -> the reason, to be said in the desk's language: what a list
    wrote is read to the desk in the words it reads the plan's in."""
    reasons = (
        _label_in_each("why_sharing"),
        _label_in_each("why_close_contact"),
        *_own_reasons(),
        *known,
    )
    return {words: reason for reason in reasons for words in _words_of(reason)}


def paper_problems(plan: Plan, folder: Path, books: BookReader | None = None) -> list[Text]:
    """Where the papers in ``folder`` disagree with ``plan``, worker by worker,
    as catalogue sentences.  The workbooks are read by ``books`` when given
    (`read_ahead`'s reader), here as they are checked otherwise."""
    said = _Said.of(plan)
    said = replace(said, names=_manifest_names(folder, said))
    problems: list[Text] = []
    for name, check in _checks(folder, said, books or _read_book):
        try:
            problems += check()
        except _UNREADABLE as error:
            problems.append(Text("paper_unreadable", name=name, error=_why(error)))
    return problems


def _why(error: Exception) -> str:
    """Why a file could not be read, for the desk: what the system said, or
    that its contents are damaged (not the parser's own words)."""
    return system_said(error) if isinstance(error, OSError) else Text("contents_damaged")


@dataclass(frozen=True, slots=True, kw_only=True)
class _Said:
    """What ``plan.json`` says of each worker, as the papers write it."""

    seating: Mapping[str, Mapping[str, Seating]]  # bus -> worker -> (seat, point, time)
    seats: Mapping[str, Mapping[str, str]]  # bus -> seat -> worker
    # bus -> a pickup stop's number, as the driver's sheet numbers it ("2·3": points at one
    # place and time are one stop) -> its riders
    stops: Mapping[str, Mapping[str, list[str]]]
    numbered: Mapping[str, Mapping[str, str]]  # bus -> a pickup's seq -> its stop's number
    bus_of: Mapping[str, str]
    names: Mapping[str, str]  # worker -> name, as the manifests write them (plan.json has none)
    self_return: frozenset[str]
    unassigned: Mapping[tuple[str, str], str]  # (worker, roster row) -> stage
    beds: Mapping[str, Mapping[str, str]]  # worker -> dormitory_allocation row
    # dormitory id -> its names as the bed list may give them (`reports.dorm_names`)
    dorm_names: Mapping[str, frozenset[str]]
    to_call: frozenset[str]
    # worker with a bed whose reason for quarantine the plan knows -> that reason
    # (`_known_reasons`); those without may be said any of `_OWN_REASONS`
    reasons: Mapping[str, Text]
    reason_words: Mapping[str, Text]  # a reason's words in either language -> it
    outputs_format: int  # which sheets lists.xlsx was written with (`Plan.outputs_format`)

    @classmethod
    def of(cls, plan: Plan) -> _Said:
        seating: dict[str, dict[str, Seating]] = {}
        stops: dict[str, dict[str, list[str]]] = {}
        numbered: dict[str, dict[str, str]] = {}
        for route in plan.routes:
            seats = {s.worker_id: s.label for s in route.seat_map}
            seating[route.bus_id] = {
                w: (seats.get(w, ""), stop.point_id, stop.arrive.strftime("%Y-%m-%d %H:%M"))
                for stop in route.stops
                for w in stop.worker_ids
            }
            stops[route.bus_id] = {
                stop_number(run): [w for stop in run for w in stop.worker_ids]
                for run in boardings(route.stops)
            }
            numbered[route.bus_id] = {
                str(seq): number for seq, number in stop_numbers(route.stops).items()
            }
        reasons = _known_reasons(plan)
        return cls(
            seating=seating,
            seats={r.bus_id: {s.label: s.worker_id for s in r.seat_map} for r in plan.routes},
            stops=stops,
            numbered=numbered,
            bus_of={w: bus for bus, riders in seating.items() for w in riders},
            names={},
            self_return=frozenset(plan.self_return),
            unassigned={(u.worker_id, str(u.row or "")): u.stage for u in plan.unassigned},
            beds={b.worker_id: bed_row(b) for b in plan.beds},
            dorm_names={d.id: frozenset((d.name,)) for d in plan.batch.dormitories}
            | {QUARANTINE: _words("quarantine_stand_in")},
            to_call=frozenset(plan.to_call),
            reasons=reasons,
            reason_words=_reason_words(reasons.values()),
            outputs_format=plan.outputs_format,
        )

    def where(self, worker: str) -> Text:
        """Where the plan has a worker: on which bus, or on none and why."""
        if worker in self.bus_of:
            return Text("where_on_bus", bus=self.bus_of[worker])
        if worker in self.self_return:
            return Text("where_self_return")
        if any(w == worker for w, _ in self.unassigned):
            return Text("where_unassigned")
        return Text("where_unknown")

    def who(self, name: str) -> Text:
        """The workers the plan has by ``name``, and where."""
        ids = sorted(w for w, n in self.names.items() if n == name)
        if not ids:
            return Text("no_rider_named")
        return joined([Text("worker_is", worker=w, where=self.where(w)) for w in ids])


def _manifest_names(folder: Path, said: _Said) -> dict[str, str]:
    """Each rider's name as the manifest of the bus plan.json puts them on
    writes it beside their worker id: the papers that name riders (forms,
    seat maps, driver's sheets) are held against these.  A manifest that
    cannot be read names nobody (its own check says why)."""
    names: dict[str, str] = {}
    for bus, riders in said.seating.items():
        try:
            rows = _read_csv(folder / "manifests" / f"bus_{bus}.csv")
        except _UNREADABLE:
            continue
        for cells in (_padded(r, len(COLUMNS)) for r in rows[1:]):
            worker = cells[COLUMNS.index("worker_id")]
            if worker in riders:
                names.setdefault(worker, cells[COLUMNS.index("name")])
    return names


def _checks(folder: Path, said: _Said, books: BookReader) -> Iterator[tuple[str, Check]]:
    """Each file to read back: its name and the check that reads it."""
    for paper in _PAPERS:
        yield from paper.checks(folder, said, books)
    yield "dormitory_allocation.csv", lambda: _bed_list(folder, said)
    unchanged, edited = unchanged_desk_lists(folder), frozenset(desk_edits(folder))
    for table in _DESK_TABLES:
        name = f"{table.name}.csv"
        if name in unchanged:
            yield name, partial(_desk_csv, folder / name, table, said)
        elif name in edited and (folder / name).is_file():
            yield name, partial(_edited_list, name, partial(_desk_csv, folder / name, table, said))
    if _DESK_BOOK in unchanged:
        yield _DESK_BOOK, partial(_desk_book, folder / _DESK_BOOK, said, books)
    elif _DESK_BOOK in edited and (folder / _DESK_BOOK).is_file():
        book = partial(_desk_book, folder / _DESK_BOOK, said, books)
        yield _DESK_BOOK, partial(_edited_list, _DESK_BOOK, book)


def _just(*problems: Text) -> Check:
    return lambda: list(problems)


# -- the papers of each bus ----------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class _Paper:
    """A paper each bus has: a workbook with a sheet per bus and, unless
    ``optional`` (the police export, read when written), one CSV per bus in
    ``under`` (``<prefix><bus><suffix>``)."""

    book: str
    check: PaperCheck
    under: str = ""
    prefix: str = ""
    suffix: str = ""
    optional: bool = False

    def checks(self, folder: Path, said: _Said, books: BookReader) -> Iterator[tuple[str, Check]]:
        if not self.optional:
            yield from self._csvs(folder, said)
        if self.optional and not (folder / self.book).is_file():
            return
        yield self.book, partial(_book_problems, folder, self.book, self.check, said, books)

    def _csvs(self, folder: Path, said: _Said) -> Iterator[tuple[str, Check]]:
        try:
            found = list((folder / self.under).glob(f"{self.prefix}*{self.suffix}"))
        except OSError as error:
            yield self.under, _just(Text("folder_unreadable", name=self.under, error=_why(error)))
            return
        present = {p.name: p for p in found}
        named = {f"{self.prefix}{bus}{self.suffix}": bus for bus in said.seating}
        for name in sorted(present.keys() - named.keys()):
            where = f"{self.under}/{name}"
            yield where, _just(Text("paper_of_no_bus", name=where))
        for name, bus in sorted(named.items()):
            where, path = f"{self.under}/{name}", present.get(name)
            if path is None:
                yield where, _just(Text("file_missing", name=where))
            else:
                yield where, partial(self.read, where, bus, path, said)

    def read(self, name: str, bus: str, path: Path, said: _Said) -> list[Text]:
        return self.check(name, bus, _read_csv(path), said)


def _book_problems(
    folder: Path, book: str, check: PaperCheck, said: _Said, books: BookReader
) -> list[Text]:
    """A workbook of a paper, a sheet per bus, each held against the plan."""
    path = folder / book
    if not path.is_file():
        return [Text("file_missing", name=book)] if said.seating else []
    sheets = books(path)
    if not said.seating and _nothing_listed(sheets):
        return []
    titles = {_sheet_title(bus): bus for bus in said.seating}
    problems = [
        Text("book_no_sheet", book=book, bus=titles[t]) for t in sorted(titles.keys() - sheets)
    ]
    for title, rows in sorted(sheets.items()):
        where = Text("book_sheet", book=book, title=title)
        if title not in titles:
            problems.append(Text("sheet_of_no_bus", name=where))
        else:
            problems += check(where, titles[title], rows, said)
    return problems


def _manifest(name: str, bus: str, rows: Rows, said: _Said) -> list[Text]:
    """A manifest: who rides, in which seat, from which stop at what time."""
    head = next((k for k, r in enumerate(rows) if _manifest_header(r)), None)
    if head is None:
        return [Text("manifest_header_bad", name=name)]
    body = [_padded(r, len(COLUMNS)) for r in rows[head + 1 :] if len(r) > 1 and r[1].strip()]
    listed = []
    for cells in body:
        stop = cells[COLUMNS.index("pickup_stop")]
        point = stop[stop.rfind("(") + 1 : stop.rfind(")")] if "(" in stop else stop
        seating = (cells[COLUMNS.index("seat")], point, cells[COLUMNS.index("pickup_time")])
        listed.append((cells[COLUMNS.index("worker_id")], seating))
    return _compare(name, bus, listed, said)


def _manifest_header(row: Sequence[str]) -> bool:
    """The CSV's column keys, the workbook's headings in either language, or
    those of a workbook written before it spoke the plan's ("工号 ID")."""
    heads = tuple(row[: len(COLUMNS)])
    return heads in _MANIFEST_HEADINGS or (len(row) > 1 and row[1].startswith("工号"))


def _compare(name: str, bus: str, listed: Iterable[tuple[str, Seating]], said: _Said) -> list[Text]:
    """One bus's manifest against the plan: who is on it, in which seat, at which stop and time."""
    own = said.seating.get(bus, {})
    problems: list[Text] = []
    seen = Counter[str]()
    for worker, told in listed:
        seen[worker] += 1
        if seen[worker] == 2:
            problems.append(Text("manifest_listed_twice", name=name, worker=worker, bus=bus))
        if worker not in own:
            problems.append(
                Text("paper_listed_elsewhere", name=name, worker=worker, where=said.where(worker))
            )
            continue
        for what, says, planned in zip(
            ("what_seat", "what_stop", "what_pickup_time"), told, own[worker], strict=True
        ):
            if says and says != planned:
                problems.append(
                    Text(
                        "manifest_differs",
                        name=name,
                        worker=worker,
                        what=Text(what),
                        bus=bus,
                        says=says,
                        planned=planned,
                    )
                )
    for worker in sorted(own.keys() - seen.keys()):
        problems.append(Text("paper_not_listed", name=name, worker=worker, bus=bus))
    return problems


def _registration(name: str, bus: str, rows: Rows, said: _Said) -> list[Text]:
    """A registration form: a rider's name in each seat (it names riders, not worker ids)."""
    head = next((k for k, r in enumerate(rows) if r[:2] in _REGISTRATION_HEADINGS), None)
    if head is None:
        return [Text("registration_no_seat", name=name)]
    # The seats run from the header to the first blank row or the signatures.
    body = itertools.takewhile(
        lambda r: bool(r and r[0].strip() and r[0] not in _SIGNATURES), rows[head + 1 :]
    )
    return _seats_named(name, bus, [(r[0].strip(), _padded(r, 2)[1]) for r in body], said)


def _seat_map(name: str, bus: str, rows: Rows, said: _Said) -> list[Text]:
    """A seat map: ``<seat> <name>`` in each taken seat, free seats marked."""
    head = next((k for k, r in enumerate(rows) if _AISLE & set(r)), None)
    if head is None:
        return [Text("seat_map_bad", name=name)]
    listed = []
    for cell in (c for r in rows[head + 1 :] for c in r):
        seat, _, who = cell.partition(" ")
        if who and cell not in _OBSERVATION and who not in _EMPTY_SEAT:
            listed.append((seat, who))
    return _seats_named(name, bus, listed, said)


def _seats_named(name: str, bus: str, listed: Sequence[tuple[str, str]], said: _Said) -> list[Text]:
    """Who a paper seats where, against the plan's seat map of ``bus``."""
    planned = said.seats.get(bus, {})
    problems = [
        Text("seat_listed_times", name=name, seat=seat, bus=bus, count=count)
        for seat, count in sorted(Counter(seat for seat, _ in listed).items())
        if count > 1
    ]
    for seat, who in sorted(dict(listed).items()):
        worker = planned.get(seat)
        if worker is None:
            problems.append(
                Text(
                    "seat_names_nobody",
                    name=name,
                    seat=seat,
                    who=who,
                    bus=bus,
                    whom=said.who(who),
                )
            )
        elif said.names.get(worker, who) != who:
            problems.append(
                Text(
                    "seat_names_other",
                    name=name,
                    seat=seat,
                    who=who,
                    worker=worker,
                    bus=bus,
                    named=said.names[worker],
                )
            )
    for seat in sorted(planned.keys() - dict(listed).keys()):
        problems.append(
            Text("seat_not_listed", name=name, worker=planned[seat], bus=bus, seat=seat)
        )
    return problems


def _driver_sheet(name: str, bus: str, rows: Rows, said: _Said) -> list[Text]:
    """A driver's sheet: who boards at each pickup stop (``<name> <phone>``, by ``; ``)."""
    head = next((k for k, r in enumerate(rows) if r[: len(DRIVER_KEYS)] in _DRIVER_HEADINGS), None)
    if head is None:
        return [Text("driver_header_bad", name=name)]
    boarding: dict[str, list[str]] = {}
    numbered = said.numbered.get(bus, {})
    for row in (_padded(r, len(DRIVER_KEYS)) for r in rows[head + 1 :]):
        if row[1] in _PICKUP:
            stop = _stop_of(row[0].strip(), numbered)
            boarding.setdefault(stop, []).extend(s for s in row[5].split("; ") if s)
    planned = said.stops.get(bus, {})
    return [
        problem
        # In the order the sheet runs: "2·3" after "2", before "10".
        for stop in sorted(
            boarding.keys() | planned.keys(), key=lambda s: (len(s.split(JOIN)[0]), s)
        )
        for problem in _boarding(
            Text("driver_stop", name=name, stop=stop, bus=bus),
            planned.get(stop, []),
            boarding.get(stop),
            said,
        )
    ]


def _stop_of(number: str, numbered: Mapping[str, str]) -> str:
    """The plan's stop a driver's sheet row numbers (``numbered``: a pickup's
    seq -> its stop's number): its own number, or the stop its points are
    part of on a sheet written before points at one place and time were one
    row (rows "2" and "3" for the stop "2·3")."""
    stops = {numbered.get(seq, "") for seq in number.split(JOIN)}
    return stops.pop() if len(stops) == 1 and "" not in stops else number


def _boarding(
    where: Text, workers: Sequence[str], boards: Sequence[str] | None, said: _Said
) -> list[Text]:
    """Who a driver's sheet boards at one stop, by name, against the plan's riders there."""
    left = list(boards or ())
    if not all(w in said.names for w in workers):  # names unknown: count them
        if len(left) == len(workers):
            return []
        return [
            Text(
                by_count("boarding_count", len(left)),
                where=where,
                count=len(left),
                planned=len(workers),
                workers=listed(workers),
            )
        ]
    problems = []
    # The longest names first: "John" must not take the line of "John Smith".
    for worker in sorted(workers, key=lambda w: (-len(said.names[w]), w)):
        named = said.names[worker]
        line = next((s for s in left if s == named or s.startswith(f"{named} ")), None)
        if line is None:
            problems.append(Text("boarding_not_listed", where=where, worker=worker))
        else:
            left.remove(line)
    for who in sorted(line.rsplit(" ", 1)[0] for line in left):
        problems.append(Text("boarding_other", where=where, who=who, whom=said.who(who)))
    return sorted(problems)


_PAPERS = (
    _Paper(
        under="manifests",
        prefix="bus_",
        suffix=".csv",
        book="manifests/manifests.xlsx",
        check=_manifest,
    ),
    _Paper(
        under="papers/buses",
        suffix="_registration.csv",
        book="papers/registration_forms.xlsx",
        check=_registration,
    ),
    _Paper(
        under="papers/buses",
        suffix="_seats.csv",
        book="papers/seat_maps.xlsx",
        check=_seat_map,
    ),
    _Paper(
        under="papers/buses",
        suffix="_driver.csv",
        book="papers/driver_sheets.xlsx",
        check=_driver_sheet,
    ),
    _Paper(
        book="papers/police/registration_forms_full_id.xlsx",
        check=_registration,
        optional=True,
    ),
)


# -- the bed list ----------------------------------------------------------------


#: The bed list's headers as returnbus has written it: now, before each
#: dormitory's name was given (dorm_name), and before that, before beds
#: released early were shown (released_on).
_UNNAMED_BEDS = tuple(c for c in BED_COLUMNS if c != "dorm_name")
_BED_HEADERS = (BED_COLUMNS, _UNNAMED_BEDS, _UNNAMED_BEDS[:-1])


def _bed_list(folder: Path, said: _Said) -> list[Text]:
    name = "dormitory_allocation.csv"
    path = folder / name
    if not path.is_file():
        return [Text("file_missing", name=name)]
    rows = _read_csv(path)
    header = next((h for h in _BED_HEADERS if rows and tuple(rows[0][: len(h)]) == h), None)
    if header is None:
        return [Text("bed_list_header_bad", name=name)]
    # A list written before beds released early were shown has no released_on:
    # its beds were all held to the quarantine's end.
    records = [{"released_on": ""} | r for r in _records(rows[1:], header)]
    problems = [
        Text("bed_listed_times", name=name, worker=w, count=n, where=said.where(w))
        for w, n in sorted(Counter(r["worker_id"] for r in records).items())
        if n > 1
    ]
    beds = {r["worker_id"]: r for r in records}
    for worker in sorted(beds.keys() | said.beds.keys()):
        told, planned = beds.get(worker), said.beds.get(worker)
        if told is not None and planned is not None and "dorm_name" in told:
            # Named as the plan names its dormitory (the stand-in in either language).
            names = said.dorm_names.get(planned["dorm_id"], frozenset((planned["dorm_id"],)))
            named = told["dorm_name"] if told["dorm_name"] in names else min(names)
            planned = {**planned, "dorm_name": named}
        if told != planned:
            problems.append(
                Text(
                    "bed_differs",
                    name=name,
                    worker=worker,
                    told=_bed(told),
                    planned=_bed(planned),
                    where=said.where(worker),
                )
            )
    return problems


def _bed(row: Mapping[str, str] | None) -> Text:
    if row is None:
        return Text("bed_none")
    return Text(
        "bed_told",
        dorm=f"{row['dorm_id']} {row['dorm_name']}" if "dorm_name" in row else row["dorm_id"],
        room=row["room"],
        bed=row["bed"],
        start=row["start_date"],
        end=row["end_date"],
        batch=row["batch"],
        bus=row["bus_id"] or Text("bed_none"),
    )


# -- the desk's lists --------------------------------------------------------------

Records = list[dict[str, str]]
#: Where a desk list's record keeps its row number (no column's key).
_ROW = "#row"
DeskCheck = Callable[[str, Records, _Said], list[Text]]


def _unassigned(name: str, records: Records, said: _Said) -> list[Text]:
    problems = []
    rows = {(r["worker_id"], r["row"]): r["stage"] for r in records}
    for (worker, row), stage in sorted(rows.items()):
        planned = said.unassigned.get((worker, row))
        if planned is None:
            problems.append(
                Text(
                    "unassigned_listed_elsewhere",
                    name=name,
                    worker=worker,
                    row=row,
                    where=said.where(worker),
                )
            )
        elif stage not in {planned, *LABELS.get(f"stage_{planned}", ())}:
            problems.append(
                Text(
                    "unassigned_stage_differs",
                    name=name,
                    worker=worker,
                    row=row,
                    stage=stage,
                    planned=planned,
                )
            )
    for worker, row in sorted(said.unassigned.keys() - rows.keys()):
        problems.append(Text("unassigned_not_listed", name=name, worker=worker, row=row))
    return problems


def _self_return(name: str, records: Records, said: _Said) -> list[Text]:
    workers = Counter(r["worker_id"] for r in records)
    problems = [
        Text("paper_listed_elsewhere", name=name, worker=worker, where=said.where(worker))
        for worker in sorted(workers.keys() - said.self_return)
    ]
    problems += [
        Text("self_return_not_listed", name=name, worker=worker)
        for worker in sorted(said.self_return - workers.keys())
    ]
    return problems


def _arrivals(name: str, records: Records, said: _Said) -> list[Text]:
    problems = []
    rows = {r["worker_id"]: r for r in records}
    for worker, told in sorted(rows.items()):
        bed = said.beds.get(worker)
        if bed is None:
            problems.append(
                Text("arrival_no_bed", name=name, worker=worker, where=said.where(worker))
            )
            continue
        bus = "" if told["bus"] in _BY_SELF else told["bus"]
        if bus != bed["bus_id"]:
            problems.append(
                Text("arrival_by_bus", name=name, worker=worker, bus=bus, where=said.where(worker))
                if bus
                else Text("arrival_alone", name=name, worker=worker, where=said.where(worker))
            )
        says = (told["date"], told["room"], told["bed"])
        planned = (bed["start_date"], bed["room"], bed["bed"])
        if says != planned:
            problems.append(
                Text(
                    "arrival_differs",
                    name=name,
                    worker=worker,
                    bus=bed["bus_id"] or Text("bed_none"),
                    date=says[0],
                    room=says[1],
                    bed=says[2],
                    planned_date=planned[0],
                    planned_room=planned[1],
                    planned_bed=planned[2],
                )
            )
        # A list written before the reason was added has no such column.
        reason, held = told.get("quarantine_reason"), said.reasons.get(worker)
        if reason is None or reason in (_words_of(held) if held else _OWN_REASONS):
            continue
        # Both in the desk's language: a reason returnbus words is read out in
        # it, whichever language the list was written in.
        written, row = said.reason_words.get(reason, reason), told[_ROW]
        problems.append(
            Text(
                "arrival_reason_not_plans",
                name=name,
                row=row,
                worker=worker,
                says=written,
                planned=held,
            )
            if held
            else Text("arrival_reason_differs", name=name, row=row, worker=worker, says=written)
        )
    for worker in sorted(said.beds.keys() - rows.keys()):
        problems.append(
            Text("arrival_not_listed", name=name, worker=worker, where=said.where(worker))
        )
    return problems


def _to_call(name: str, records: Records, said: _Said) -> list[Text]:
    problems = []
    rows = {r["worker_id"]: r for r in records}
    for worker in sorted(rows.keys() - said.to_call):
        problems.append(Text("to_call_extra", name=name, worker=worker, where=said.where(worker)))
    for worker in sorted(said.to_call - rows.keys()):
        problems.append(Text("to_call_missing", name=name, worker=worker, where=said.where(worker)))
    for worker in sorted(rows.keys() & said.to_call):
        told, bus = rows[worker], said.bus_of.get(worker, "")
        if told["travel"] not in _TRAVEL["bus" if bus else "self"]:
            problems.append(
                Text(
                    "to_call_travel_differs",
                    name=name,
                    worker=worker,
                    says=told["travel"],
                    where=said.where(worker),
                )
            )
        _, point, time = said.seating.get(bus, {}).get(worker, ("", "", ""))
        says, planned = (
            (told["bus_id"], told["pickup_point"], told["pickup_time"]),
            (bus, point, time),
        )
        if says != planned:
            # Another bus is said apart: no re-saving in Excel makes it (`_edited_list`).
            problems.append(
                Text(
                    "to_call_bus_differs" if says[0] != planned[0] else "to_call_differs",
                    name=name,
                    worker=worker,
                    says=" ".join(says).strip() or Text("no_bus"),
                    planned=" ".join(planned).strip() or Text("no_bus"),
                    where=said.where(worker),
                )
            )
    return problems


@dataclass(frozen=True, slots=True, kw_only=True)
class _DeskTable:
    """One of the desk's lists: its name, the columns it always had, the
    columns added since (``later``: read where its header goes on to name
    them, so a list written before still passes), and its check.
    ``sheet_since``: the outputs format (`plan.OUTPUTS_FORMAT`) that added
    its sheet to lists.xlsx, so that the workbook of a plan written before
    (``outputs_format`` below it) with no sheet of that name still passes,
    and one of a plan written since without it does not (only an unedited
    workbook is read back: a sheet the desk deleted is not read)."""

    name: str
    keys: Sequence[str]
    later: Sequence[str] = ()
    sheet_since: int = 0
    check: DeskCheck

    def columns(self, header: Sequence[str]) -> list[str]:
        """The columns ``header`` names: ``keys``, and those of ``later``
        it goes on to name (by key, or heading in either language)."""
        columns = list(self.keys)
        for cell, key in zip(header[len(self.keys) :], self.later, strict=False):
            if cell != key and cell not in _words(key):
                break
            columns.append(key)
        return columns


_DESK_TABLES = (
    _DeskTable(name="unassigned", keys=UNASSIGNED_KEYS, check=_unassigned),
    _DeskTable(
        name="self_return",
        keys=SELF_RETURN_KEYS,
        later=SELF_RETURN_LIST_KEYS[len(SELF_RETURN_KEYS) :],
        check=_self_return,
    ),
    _DeskTable(
        name="arrivals",
        keys=ARRIVAL_KEYS,
        later=ARRIVAL_LIST_KEYS[len(ARRIVAL_KEYS) :],
        check=_arrivals,
    ),
    _DeskTable(name="to_call", keys=TO_CALL_COLUMNS, sheet_since=1, check=_to_call),
)


def _desk_csv(path: Path, table: _DeskTable, said: _Said) -> list[Text]:
    rows = _read_csv(path)
    if not rows or tuple(rows[0][: len(table.keys)]) != tuple(table.keys):
        return [Text("list_header_bad", name=path.name)]
    return table.check(path.name, _records(rows[1:], table.columns(rows[0]), first=2), said)


def _desk_book(path: Path, said: _Said, books: BookReader) -> list[Text]:
    """``lists.xlsx``: a sheet per list, headed in the desk's language (but
    the lists whose sheet came later, in a workbook written before them)."""
    sheets = books(path)
    problems = []
    for table in _DESK_TABLES:
        name, keys = table.name, table.keys
        if f"sheet_{name}" not in LABELS:
            continue  # a list written as CSV only
        titles = _words(f"sheet_{name}")
        # As written now, or by a returnbus whose headings said it otherwise.
        headings = [way for lang in LANGS for way in headings_ever(keys, lang)]
        found = next(
            (
                (title, rows, k)
                for title, rows in sheets.items()
                if title in titles
                for k, row in enumerate(rows)
                if row[: len(keys)] in headings
            ),
            None,
        )
        if found is None:
            if table.sheet_since and not titles & sheets.keys():
                if said.outputs_format < table.sheet_since:
                    continue  # a workbook written before this list had its sheet
                problems.append(
                    Text("book_no_later_list", name=path.name, list=Text(f"list_{name}"))
                )
                continue
            problems.append(Text("book_no_list", name=path.name, list=Text(f"list_{name}")))
            continue
        title, rows, head = found
        where = Text("book_sheet", book=path.name, title=title)
        records = _records(rows[head + 1 :], table.columns(rows[head]), first=head + 2)
        problems += table.check(where, records, said)
    return problems


#: What a desk list says that no note, sorting or re-saving in Excel makes it say:
#: a worker the plan knows listed where the plan does not have them, or on
#: another bus.  A list that says so is another plan's, or was changed by hand.
_CONTRADICTIONS = frozenset(
    {
        "unassigned_listed_elsewhere",
        "paper_listed_elsewhere",
        "arrival_no_bed",
        "arrival_by_bus",
        "arrival_alone",
        "to_call_extra",
        "to_call_bus_differs",
    }
)


#: The problem of an edited list that is not this plan's (`_edited_list`).
_NOT_THE_PLANS = "edited_list_not_plans"


def _edited_list(name: str, check: Check) -> list[Text]:
    """A desk list edited since the plan wrote it (annotated, sorted, re-saved):
    its notes, deleted rows and dates Excel wrote its own way are the desk's,
    but a worker it puts elsewhere than the plan does means it is not this
    plan's list: one problem, with the first such worker, and what to do.  A
    list too changed to read is the desk's."""
    try:
        problems = check()
    except _UNREADABLE:
        return []
    against = [
        p
        for p in problems
        if p.key in _CONTRADICTIONS and p.args.get("where", "") != Text("where_unknown")
    ]
    if not against:
        return []
    key = by_count(_NOT_THE_PLANS, len(against))
    return [Text(key, name=name, count=len(against), first=against[0])]


def not_the_plans_list(problem: Text) -> str | None:
    """The desk list ``problem`` says is not this plan's (`_edited_list`), if it says so:
    verify says so of it, not that the desk edited it."""
    return (
        problem.args["name"] if problem.key in (_NOT_THE_PLANS, f"{_NOT_THE_PLANS}_one") else None
    )


def _records(rows: Rows, keys: Sequence[str], *, first: int | None = None) -> Records:
    """The rows that are not blank, by column key; given ``first``, the row
    number of ``rows[0]`` (as a spreadsheet numbers them), each also keeps
    its own under `_ROW`, for a problem to name."""
    return [
        dict(zip(keys, _padded(r, len(keys)), strict=True))
        | ({_ROW: str(n)} if first is not None else {})
        for n, r in enumerate(rows, start=first or 0)
        if any(c.strip() for c in r)
    ]


# -- reading -------------------------------------------------------------------------


def _read_csv(path: Path) -> Rows:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [[_cell(c) for c in row] for row in csv.reader(handle)]


def _read_book(path: Path) -> dict[str, Rows]:
    """Each sheet's rows, every cell as text (`_book_cell`)."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except InvalidFileException as error:
        raise ValueError(str(error)) from None
    try:
        return {
            sheet.title: [
                [_book_cell(v) for v in values] for values in sheet.iter_rows(values_only=True)
            ]
            for sheet in book.worksheets
        }
    finally:
        book.close()


def _book_cell(value: object) -> str:
    """A workbook's cell as the CSV beside it writes it: a number cell (a
    row, a bed, a count: stored as a number since a desk sums them) as its
    digits, 3 not "3.0"; a text cell (a workbook written before, with every
    cell text) as it is."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_ahead(
    plan: Plan,
    folder: Path,
    *,
    readers: Executor | None,
    pooled_from_buses: int = POOLED_FROM_BUSES,
) -> BookReader:
    """A reader of the workbooks `paper_problems` reads back from ``folder``:
    for a plan of ``pooled_from_buses`` buses or more, each is handed now to
    ``readers`` (a pool of this machine's processes), to be read while the
    caller checks the rest, and the reader gives its rows once read.
    Otherwise (or for a workbook not handed over) it reads here when asked."""
    if readers is None or len(plan.routes) < pooled_from_buses:
        return _read_book
    books = [folder / paper.book for paper in _PAPERS]
    if _DESK_BOOK in unchanged_desk_lists(folder):  # an edited one is read here, if at all
        books.append(folder / _DESK_BOOK)
    # In the order they are checked: the first needed comes back first.
    reading = {path: readers.submit(_read_book_apart, path) for path in books if path.is_file()}

    def read(path: Path) -> dict[str, Rows]:
        future = reading.pop(path, None)  # let go of the rows once checked: a district's are large
        return _read_book(path) if future is None else future.result()

    return read


def _read_book_apart(path: Path) -> dict[str, Rows]:
    """`_read_book` in a worker process.  Its error comes back as one that
    says the same to `_why` and survives the way back: the parser's own
    (lxml's) may not pickle."""
    try:
        return _read_book(path)
    except OSError as error:
        raise OSError(error.errno, error.strerror) from None
    except _UNREADABLE as error:
        raise ValueError(type(error).__name__) from None


def _nothing_listed(sheets: Mapping[str, Rows]) -> bool:
    """The workbook written for a plan without buses: one note, no sheet per bus."""
    return all(len(rows) <= 1 for rows in sheets.values())


def _sheet_title(bus: str) -> str:
    """The sheet a bus's paper is written to, by Excel's rules (as `tables.write_xlsx`)."""
    return re.sub(r"[\[\]:*?/\\]", "_", bus)[:31] or "sheet"


def _padded(row: Sequence[str], width: int) -> list[str]:
    """The first ``width`` cells of ``row``, blanks added where it is shorter."""
    return [*row[:width], *[""] * (width - len(row))]


def _cell(text: str) -> str:
    """A cell as written before the apostrophe that keeps it from running as a formula."""
    if text.startswith("'") and text[1:].startswith(_FORMULA_START):
        return text[1:]
    return text
