"""Benchmark instance files: CVRPLIB ``.vrp`` (HFVRP too) and Solomon ``.txt``.

This module only reads a file into named arrays, as the file gives them;
`returnbus.routing.instances` applies each family's cost convention.
`vrplib` is imported here and nowhere else; the text is checked first, so
that a fault is said with its line.  A Solomon file's rows are read here
once checked: vrplib reads every column as whole numbers, and a decimal
coordinate or time as -1.
"""

from __future__ import annotations

import codecs
import difflib
import io
import math
import re
import string
from dataclasses import dataclass, replace
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from pathlib import Path
from typing import Any, NoReturn

import numpy as np
import numpy.typing as npt
from vrplib.parse import parse_vrplib

from ..errors import InputError
from ..routing.instances import (
    HFVRP_DISTANCE_SCALE,
    SOLOMON_SCALE,
    BenchmarkFile,
    Family,
    Rounding,
    VehicleGroup,
    earliest_times,
    instance_problem,
)
from ..routing.problem import MAX_VALUE
from ..text import Text, by_count, listed
from .tables import (
    file_unreadable,
    refuse_unreadable_path,
    refuse_unusable_name,
    utf16_unmarked,
)

#: The VRPLIB problem types read here (a file may leave TYPE out).
TYPES = ("CVRP", "HFVRP")
#: VRPLIB sections whose rows start with the location's number (1, 2, ...).
_NUMBERED = ("NODE_COORD", "DEMAND")
#: The VRPLIB sections read here, and what a row of each holds: how many
#: values (the location's or vehicle's number first; None: any number),
#: whole numbers only, 0 or more.  Any other section (time windows, service
#: times, pickups) states a constraint the engine would leave out.
_SECTIONS: dict[str, tuple[int | None, bool, bool]] = {
    "NODE_COORD": (3, False, False),
    "DEMAND": (2, True, False),  # a negative demand is said with its location
    "DEPOT": (1, True, False),  # -1 ends the list
    "EDGE_WEIGHT": (None, True, True),  # TSPLIB's explicit weights are whole
    "CAPACITY": (2, True, True),
    "VEHICLES_FIXED_COST": (2, True, True),
    "VEHICLES_UNIT_DISTANCE_COST": (2, True, True),
    "DISPLAY_DATA": (3, False, False),  # where to draw a location: not read
}
#: The sections of a fleet mix that give each vehicle a row (its number, a value).
_FLEET = ("CAPACITY", "VEHICLES_FIXED_COST", "VEHICLES_UNIT_DISTANCE_COST")
#: Specifications of a limit the engine would leave out: a route's length.
_UNREAD_SPECS = ("DISTANCE",)
#: The specifications vrplib is given (the rest are not read; the name is taken here).
#: (An explicit matrix's layout is not: `_weights` lays every one out in full.)
_PASSED = ("TYPE", "DIMENSION", "CAPACITY", "VEHICLES", "EDGE_WEIGHT_TYPE")
#: Keys a VRPLIB file starts with (TSPLIB's specifications).
_KEYS = ("NAME", "TYPE", "COMMENT", "DIMENSION", "CAPACITY", "VEHICLES", "EDGE_WEIGHT_TYPE")
#: TSPLIB's other specifications, read past: a CVRP needs none of them.
_OTHER_KEYS = ("EDGE_DATA_FORMAT", "NODE_COORD_TYPE", "DISPLAY_DATA_TYPE", "SERVICE_TIME")
#: Specifications whose value is text, which may hold a ``#``.
_TEXT_SPECS = ("NAME", "COMMENT")
#: Specifications whose value is a keyword, read in any case (euc_2d as
#: EUC_2D), as keys and section names are.
_KEYWORD_SPECS = ("TYPE", "EDGE_WEIGHT_TYPE", "EDGE_WEIGHT_FORMAT")
#: Specifications that are whole numbers when given.
_WHOLE_SPECS = ("DIMENSION", "CAPACITY", "VEHICLES")
#: The largest number read (coordinates, weights, demands, costs): beyond it
#: distances, loads and costs overflow the solver's 64-bit integers.
LARGEST = 10**9
#: The EDGE_WEIGHT_TYPEs from coordinates read here, and how each makes a
#: Euclidean distance whole: TSPLIB's to the nearest whole number, down,
#: up, or not at all (EXACT_2D, as LKH-3 gives the instances whose best
#: costs are stated so: Christofides et al.'s CMT, for one).
_ROUNDINGS: dict[str, Rounding] = {
    "EUC_2D": "nearest",
    "FLOOR_2D": "floor",
    "CEIL_2D": "ceil",
    "EXACT_2D": "exact",
}
#: The EDGE_WEIGHT_TYPEs read here: those and a matrix of weights.
_WEIGHT_TYPES = (*_ROUNDINGS, "EXPLICIT")
#: The layouts of an EXPLICIT EDGE_WEIGHT_SECTION read here (TSPLIB's,
#: by rows): each is laid out as a full matrix before vrplib reads it,
#: which knows only the first two.  A diagonal given is kept as stated.
_FORMATS = ("FULL_MATRIX", "LOWER_ROW", "UPPER_ROW", "LOWER_DIAG_ROW", "UPPER_DIAG_ROW")
#: A Solomon file's columns: number, x, y, demand, ready, due, service.
_SOLOMON_COLUMNS = (
    "CUST NO.",
    "XCOORD.",
    "YCOORD.",
    "DEMAND",
    "READY TIME",
    "DUE DATE",
    "SERVICE TIME",
)
#: The columns that may hold decimals: a location is anywhere (distances
#: are truncated to tenths all the same); loads are whole.
_SOLOMON_DECIMAL = ("XCOORD.", "YCOORD.")
#: The columns of times, counted in tenths as the distances are: one decimal at most.
_SOLOMON_TIMES = ("READY TIME", "DUE DATE", "SERVICE TIME")
#: DOS's end-of-file mark, Ctrl-Z.
_DOS_END = "\x1a"
#: What ends a line, as editors count lines.
_LINE_END = re.compile(r"\r\n|\r|\n")
#: A route of a CVRPLIB or Solomon solution file (``Route #1: 5 3 7``), and its cost line.
_ROUTE = re.compile(r"route\s*#\s*\d+\s*:", re.IGNORECASE)
_COST = re.compile(r"cost\b", re.IGNORECASE)
#: A number as the published files write one: ASCII digits, a point for
#: decimals, an exponent at most.  Python's float() also takes 1_000 and
#: other scripts' digits (full-width １０, Arabic ٣), which no file means.
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?", re.ASCII)
#: The heads of a Solomon file's columns, in one line.
SOLOMON_HEADS = "CUST NO. XCOORD. YCOORD. DEMAND READY TIME DUE DATE SERVICE TIME"


def read_instance(path: Path) -> BenchmarkFile:
    """Read a CVRPLIB ``.vrp`` (CVRP or PyVRP's HFVRP dialect) or Solomon ``.txt`` file
    (the first lines tell which, whatever the suffix); `InputError` if it
    cannot be read, naming the line at fault where there is one."""
    text = _text(path)
    _not_a_solution(path, text)
    lines = _lines(text)
    if not lines:
        raise InputError(Text("instance_empty"), path=path, hint=Text("instance_unreadable_action"))
    family = _family(path, lines)
    if family == "solomon":
        _no_dos_end(path, lines)
        name, vehicles, rows = _scan_solomon(path, lines)
        instance = _solomon(name, vehicles, rows)
        _check_sizes(path, instance, {})
        _check_servable(path, instance, _Rows(places=tuple(n for n, _ in rows), fleet=vehicles[0]))
        return instance
    specs, sections = _scan_sections(path, lines)
    sections = _scan_vrplib(path, specs, sections)
    _check_fleet(path, specs, sections)
    name = specs.get("NAME", (0, ""))[1] or path.stem
    instance = replace(_parsed(path, family, _vrplib_text(specs, sections)), name=name)
    _check_sizes(path, instance, {section: line for section, (line, _) in sections.items()})
    _check_costs(path, instance, sections)
    line, dimension = specs.get("DIMENSION", (0, str(len(instance.demand))))
    if int(float(dimension)) != len(instance.demand):
        raise InputError(
            Text(
                "instance_dimension", dimension=int(float(dimension)), places=len(instance.demand)
            ),
            path=path,
            line=line,
            hint=Text("instance_sizes_differ_action"),
        )
    fleet = (
        sections["CAPACITY"][0]
        if "CAPACITY" in sections
        else specs.get("VEHICLES", specs["CAPACITY"])[0]
    )
    _check_servable(
        path, instance, _Rows(places=tuple(n for n, _ in sections["DEMAND"][1]), fleet=fleet)
    )
    return instance


def _text(path: Path) -> str:
    """The text of the instance file ``path``; refused, as a table's path is,
    when no file can be read there (a name the system refuses, a device or a
    pipe, nothing there), or when it is no text."""
    # First: is_dir() raises on a name too long, which said no more than "internal error".
    refuse_unusable_name(path)
    if path.is_dir():  # told which files to give, where a table's path says "the file"
        raise InputError(
            Text("instance_folder"), path=path, hint=Text("instance_unreadable_action")
        )
    refuse_unreadable_path(path, missing=Text("instance_not_found"))
    try:
        data = path.read_bytes()
    except OSError as error:  # no permission: the desk's to settle, not a fault
        raise file_unreadable(path, error) from None
    try:  # as read_text reads it: its line ends made "\n"
        text = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8-sig").read()
    except UnicodeDecodeError:
        text = "\x00"
    # Not UTF-8, or NULs in it: text in another encoding, or binary.
    if "\x00" in text and (encoding := _other_encoding(data)):
        raise InputError(
            Text("instance_not_utf8", encoding=encoding),
            path=path,
            hint=Text("instance_not_utf8_action"),
        )
    if "\x00" in text:  # not UTF-8, or binary that happens to be
        raise InputError(
            Text("instance_not_text"), path=path, hint=Text("instance_unreadable_action")
        )
    return text


def _other_encoding(data: bytes) -> str | None:
    """The encoding other than UTF-8 that ``data`` is text in, as an editor
    names it: UTF-16 (Notepad's "Unicode"; without its byte-order mark as
    the tables tell it, `utf16_unmarked`) or GBK (a Chinese Windows'
    "ANSI"); None for no text (binary)."""
    candidates = []
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates.append(("UTF-16", "utf-16"))
    elif utf16_unmarked(data):
        candidates += [("UTF-16", "utf-16-le"), ("UTF-16", "utf-16-be")]
    candidates.append(("GBK", "gb18030"))
    for name, codec in candidates:
        try:
            text = data.decode(codec).removeprefix("\ufeff")
        except UnicodeDecodeError:
            continue
        if text.strip() and all(ch.isprintable() or ch in "\t\r\n" for ch in text):
            return name
    return None


def _not_a_solution(path: Path, text: str) -> None:
    """Refuse a solution file given for its instance (they are published
    side by side): its first line a route (``Route #1: ...``), or routes and
    a ``Cost`` line.  Read as an instance, its ``#`` starts a note, and the
    desk was told that 'Route' is neither a specification nor a row."""
    lines = [(n, line.strip()) for n, line in enumerate(_LINE_END.split(text), start=1)]
    lines = [(n, line) for n, line in lines if line]
    routes = [n for n, line in lines if _ROUTE.match(line)]
    if routes and (routes[0] == lines[0][0] or any(_COST.match(line) for _, line in lines)):
        raise InputError(
            Text("instance_is_solution"),
            path=path,
            line=routes[0],
            hint=Text("instance_is_solution_action"),
        )


def _lines(text: str) -> Lines:
    """The lines that say something, numbered as an editor numbers them and
    stripped: not blank, and not a comment (``#`` first, as vrplib has it);
    a note after the values (``#`` and on) left out, see `_without_note`.

    DOS's end-of-file mark (Ctrl-Z), which old editors and copy tools add
    at the end, once or padding the last block, is not part of the file;
    one with more of the file after it is left for `_no_dos_end` to say.
    Lines end at CR LF, LF or CR alone: `str.splitlines` also ends one at a
    form feed (a page break in an old file) and other separators, and every
    line number said after it would be off."""
    text = text.rstrip(string.whitespace + _DOS_END)
    lines = enumerate(_LINE_END.split(text), start=1)
    stripped = [(n, _without_note(line.strip())) for n, line in lines]
    return [(n, line) for n, line in stripped if line]


def _without_note(line: str) -> str:
    """``line`` without a note: a ``#`` and what follows it.

    VRPLIB has no comment syntax; vrplib skips a line that starts with
    ``#``, and a desk may note a row after its values (``12 30 # the
    school gate``).  Outside a NAME or COMMENT, which are text, a ``#``
    can be nothing else: values are numbers and keywords, and none holds
    one, so leaving the note out misreads nothing."""
    if "#" not in line:
        return line
    key, colon, _ = line.partition(":")
    if colon and _specifies(line) and key.strip().upper() in _TEXT_SPECS:
        return line
    return line.partition("#")[0].rstrip()


def _no_dos_end(path: Path, lines: Lines) -> None:
    """Refuse a DOS end-of-file mark (Ctrl-Z) with more of the file after it:
    DOS would end the file there and leave the rest out, vrplib reads the
    mark as a value; either may be wrong (two files joined, a copy cut and
    continued), and only the desk can tell."""
    for number, line in lines:
        if _DOS_END in line:
            raise InputError(
                Text("instance_dos_end", line=_shown(line)),
                path=path,
                line=number,
                hint=Text("instance_dos_end_action"),
            )


def _family(path: Path, lines: Lines) -> Family:
    """The format of a file: what its first lines show (a Solomon file's
    VEHICLE heading, a VRPLIB specification), else its suffix (.txt:
    Solomon), so a file saved under the other suffix is read all the same."""
    if any(line.upper() == "VEHICLE" for _, line in lines[:2]):
        return "solomon"
    key, _, _ = lines[0][1].partition(":")
    if _specifies(lines[0][1]) and key.strip().upper() in _KEYS:
        return "cvrplib"
    return "solomon" if path.suffix.lower() == ".txt" else "cvrplib"


def _parsed(path: Path, family: Family, text: str) -> BenchmarkFile:
    """The instance vrplib reads from ``text``, as this family gives it."""
    try:
        data = parse_vrplib(text)
        if np.ndim(data.get("capacity")) == 1:  # one capacity per vehicle: a fleet mix
            return _hfvrp(path, data)
        return _cvrplib(path, data)
    except InputError:
        raise
    except Exception:  # vrplib's bare errors, in English: the scan should leave none
        raise InputError(
            Text("instance_unreadable", family=family),
            path=path,
            hint=Text("instance_unreadable_action"),
        ) from None


Lines = list[tuple[int, str]]


@dataclass(frozen=True, slots=True)
class _Rows:
    """Where a file states each location (its demand's line) and the fleet."""

    places: tuple[int, ...]
    fleet: int


#: A file's specifications: each key's line and value.
Specs = dict[str, tuple[int, str]]
#: A file's sections: each one's first line and its rows (with their lines).
Sections = dict[str, tuple[int, Lines]]


def _scan_sections(path: Path, lines: Lines) -> tuple[Specs, Sections]:
    """Check a ``.vrp`` file's sections before vrplib reads them (vrplib takes
    a word in a section for text): only sections read here, every value a
    number of the kind the section holds, and the numbered sections counting
    1, 2, ...  The specifications and the sections.

    The file ends at a line that is ``EOF`` (TSPLIB's end), and a section
    starts at a line whose first word ends in ``_SECTION``: an "EOF" or a
    section's name inside a NAME or COMMENT is text (vrplib would end the
    file there, or start a section).  Any other line is a specification
    above the sections or a row of one: vrplib's "does not conform" is said
    with the line."""
    specs: Specs = {}
    sections: Sections = {}
    section = ""
    for number, line in lines:
        if line.upper() == "EOF":
            break
        _no_dos_end(path, [(number, line)])
        if _opens_section(line):
            section = _open_section(path, number, line, specs, sections)
        elif _specifies(line) and not section:
            _specification(path, number, line, specs)
        elif _specifies(line):
            raise InputError(
                Text("instance_spec_in_section", line=_shown(line), section=section),
                path=path,
                line=number,
                hint=Text("instance_spec_in_section_action"),
            )
        elif not section or _word(line):  # (a word alone: a section's name misspelt)
            raise InputError(
                Text("instance_line_unread", line=_shown(line)),
                path=path,
                line=number,
                hint=Text("instance_line_unread_action"),
            )
        else:
            rows = sections[section][1]
            rows.append((number, line))
            _section_row(path, number, line.split(), section, len(rows))
    return specs, sections


def _open_section(path: Path, number: int, line: str, specs: Specs, sections: Sections) -> str:
    """Add the section ``line`` starts to ``sections`` (no rows yet); its name."""
    section = _section(path, number, line)
    values = line.replace(":", " ").split()[1:]
    if values:  # vrplib, and the scan, read a section's rows from the next line
        raise InputError(
            Text(
                "instance_section_line_values",
                section=f"{section}_SECTION",
                values=_shown(" ".join(values)),
            ),
            path=path,
            line=number,
            hint=Text("instance_section_line_values_action", section=f"{section}_SECTION"),
        )
    if section in specs:
        raise InputError(
            Text("instance_spec_and_section", name=section, first=specs[section][0]),
            path=path,
            line=number,
            hint=Text("instance_spec_and_section_action"),
        )
    if section in sections:
        raise InputError(
            Text("instance_spec_twice", key=f"{section}_SECTION", first=sections[section][0]),
            path=path,
            line=number,
            hint=Text("instance_section_twice_action"),
        )
    sections[section] = (number, [])
    return section


def _section_row(path: Path, number: int, values: list[str], section: str, count: int) -> None:
    """Check the ``count``-th row of ``section``: numbers of the kind it holds, in order."""
    width, whole, least = _SECTIONS[section]
    _numbers(path, number, values, section, count=width, whole=whole)
    if least:
        _not_negative(path, number, values, section)
    if section in (*_NUMBERED, *_FLEET) and float(values[0]) != count:
        # A fleet mix's vehicle is its row's place: vrplib drops the number, so
        # a row out of order would give one vehicle another's capacity or cost.
        raise InputError(
            Text("instance_numbering", section=section, found=values[0], count=count),
            path=path,
            line=number,
            hint=Text("instance_vehicle_numbering_action")
            if section in _FLEET
            else Text("instance_numbering_action"),
        )
    if section == "CAPACITY" and float(values[1]) == 0:  # (negative: refused above)
        # A vehicle that carries nothing is a slip; the engine would keep it unused.
        raise InputError(
            Text("instance_vehicle_no_capacity", vehicle=values[0]),
            path=path,
            line=number,
            hint=Text("instance_vehicle_no_capacity_action"),
        )


def _specifies(line: str) -> bool:
    """Whether ``line`` is a specification: a word (the key), a colon, a value."""
    key, colon, _ = line.partition(":")
    key = key.strip()
    return bool(colon) and key[:1].isalpha() and key.replace("_", "").replace(" ", "").isalnum()


def _word(line: str) -> bool:
    """Whether ``line`` is one word, such as a section's name without _SECTION."""
    return len(line.split()) == 1 and line[:1].isalpha()


def _opens_section(line: str) -> bool:
    """Whether ``line`` starts a section: its first word (before any colon) ends in _SECTION."""
    words = line.replace(":", " ").split()
    return bool(words) and words[0].upper().endswith("_SECTION")


def _vrplib_text(specs: Specs, sections: Sections) -> str:
    """The file as vrplib is to read it: the specifications it uses and the
    sections read here, each as scanned, so that nothing else (a NAME or
    COMMENT holding "EOF" or "_SECTION") can end the file early or start a
    section."""
    passed = [key for key in _PASSED if key in specs]
    head = [f"{key} : {specs[key][1]}" for key in passed]
    if specs["EDGE_WEIGHT_TYPE"][1] == "EXPLICIT":  # `_weights` laid it out in full
        head.append("EDGE_WEIGHT_FORMAT : FULL_MATRIX")
    body = [
        row
        for name, (_, rows) in sections.items()
        if name != "DISPLAY_DATA"  # where to draw a location: not read
        for row in (f"{name}_SECTION", *(row for _, row in rows))
    ]
    return "\n".join([*head, *body, "EOF"]) + "\n"


def _section(path: Path, number: int, line: str) -> str:
    """The name of the section a line opens, if it is one read here."""
    section = line.replace(":", " ").split()[0].upper().removesuffix("_SECTION")
    if section not in _SECTIONS:
        raise InputError(
            Text(
                "instance_section_unread",
                section=f"{section[:30]}_SECTION",
                sections=listed([f"{name}_SECTION" for name in _SECTIONS]),
            ),
            path=path,
            line=number,
            hint=Text("instance_unread_action"),
        )
    return section


def _specification(path: Path, number: int, line: str, specs: Specs) -> None:
    """Add a ``KEY : value`` line to ``specs``: once each (a COMMENT may run
    on over several lines, as TSPLIB's do), and none the engine leaves out;
    a keyword value (`_KEYWORD_SPECS`) in upper case."""
    key, _, value = line.partition(":")
    key = key.strip().upper()
    if key in specs and key != "COMMENT":
        raise InputError(
            Text("instance_spec_twice", key=key[:30], first=specs[key][0]),
            path=path,
            line=number,
            hint=Text("instance_spec_twice_action"),
        )
    if key in _UNREAD_SPECS:
        raise InputError(
            Text("instance_spec_unread", key=key),
            path=path,
            line=number,
            hint=Text("instance_unread_action"),
        )
    _not_misspelt(path, number, key)
    value = value.strip()
    specs[key] = (number, value.upper() if key in _KEYWORD_SPECS else value)


def _not_misspelt(path: Path, number: int, key: str) -> None:
    """Refuse a key that is none of TSPLIB's but close to one read here:
    VEHICLE : 5 was left out without a word, and the fleet unlimited."""
    read = (*_KEYS, "EDGE_WEIGHT_FORMAT", *_UNREAD_SPECS)
    if key in read or key in _OTHER_KEYS:
        return
    meant = difflib.get_close_matches(key, read, n=1, cutoff=0.8)
    if meant:
        raise InputError(
            Text("instance_spec_misspelt", key=key[:30], meant=meant[0]),
            path=path,
            line=number,
            hint=Text("instance_spec_misspelt_action", meant=meant[0]),
        )


def _scan_vrplib(path: Path, specs: Specs, sections: Sections) -> Sections:
    """Check the specifications and sections vrplib takes for granted: a
    problem type and edge weights read here, numbers where numbers go, the
    sections an instance needs, one depot.  The sections, a FULL_MATRIX of weights one
    row per location (TSPLIB lets its values run on over the lines)."""
    line, kind = specs.get("TYPE", (0, TYPES[0]))
    if kind.upper() not in TYPES:
        raise InputError(
            Text("instance_type", kind=kind[:30], types=" / ".join(TYPES)),
            path=path,
            line=line or None,
            hint=Text("instance_unreadable_action"),
        )
    weights, form = _edge_weights(path, specs)
    _whole_specs(path, specs)
    for section in ("EDGE_WEIGHT" if weights == "EXPLICIT" else "NODE_COORD", "DEMAND", "DEPOT"):
        if section not in sections:
            raise InputError(
                Text("instance_missing", name=f"{section}_SECTION"),
                path=path,
                hint=Text("instance_missing_action", name=f"{section}_SECTION"),
            )
    if "CAPACITY" not in specs and "CAPACITY" not in sections:
        raise InputError(
            Text("instance_missing", name="CAPACITY"),
            path=path,
            hint=Text("instance_missing_action", name="CAPACITY"),
        )
    _depot(path, sections["DEPOT"])
    places = len(sections["DEMAND"][1])
    if places < 2:
        raise InputError(
            Text("instance_too_small", places=_locations(places)),
            path=path,
            line=sections["DEMAND"][0],
            hint=Text("instance_unreadable_action"),
        )
    return _weights(path, form, places, sections) if weights == "EXPLICIT" else sections


def _edge_weights(path: Path, specs: Specs) -> tuple[str, str]:
    """The EDGE_WEIGHT_TYPE and, for EXPLICIT, the EDGE_WEIGHT_FORMAT: types
    and layouts read here, else refused at their line."""
    if "EDGE_WEIGHT_TYPE" not in specs:
        raise InputError(
            Text("instance_missing", name="EDGE_WEIGHT_TYPE"),
            path=path,
            hint=Text("instance_edge_weight_action"),
        )
    line, weights = specs["EDGE_WEIGHT_TYPE"]
    if weights == "EXPLICIT" and "EDGE_WEIGHT_FORMAT" not in specs:
        # EXPLICIT is read: what the file lacks is the layout of its values.
        raise InputError(
            Text("instance_missing", name="EDGE_WEIGHT_FORMAT"),
            path=path,
            line=line,
            hint=Text("instance_edge_weight_action"),
        )
    line, form = specs.get("EDGE_WEIGHT_FORMAT", (line, ""))
    if weights not in _WEIGHT_TYPES or (weights == "EXPLICIT" and form not in _FORMATS):
        raise InputError(
            Text("instance_edge_weight", kind=f"{weights} {form}".strip()[:40]),
            path=path,
            line=line,
            hint=Text("instance_edge_weight_action"),
        )
    return weights, form


def _whole_specs(path: Path, specs: Specs) -> None:
    """DIMENSION, CAPACITY and VEHICLES, where given, are whole numbers, 1 or
    more: said at their line (further on, a CAPACITY of -10 was a demand
    "over the largest capacity, -10" at the demand's line)."""
    for key in _WHOLE_SPECS:
        if key in specs:
            line, value = specs[key]
            _numbers(path, line, [value], key, whole=True)
            if float(value) < 1:
                raise InputError(
                    Text("instance_count_below_one", key=key, value=_shown(value)),
                    path=path,
                    line=line,
                    hint=Text("instance_count_below_one_action", key=key),
                )


def _check_fleet(path: Path, specs: Specs, sections: Sections) -> None:
    """A fleet mix (a CAPACITY_SECTION, a row a vehicle) is not said to be a
    CVRP, lists as many vehicles as VEHICLES says, at least one, and each of
    its vehicle sections a row for each: else refused at the line at fault
    (TYPE, VEHICLES, the section short of rows, or the first row past the
    vehicles)."""
    if "CAPACITY" not in sections:
        _no_fleet_mix(path, specs, sections)
        return
    line, capacities = sections["CAPACITY"]
    # TSPLIB's CVRP is one CAPACITY for all; CAPACITY_SECTION is PyVRP's fleet
    # mix (its files say TYPE : HFVRP), solved and costed as one.  vrplib and
    # PyVRP read no TYPE: which the file means, only the desk can say.  A file
    # with no TYPE says nothing against it, and is read as PyVRP reads it.
    if specs.get("TYPE", (0, ""))[1] == "CVRP":
        raise InputError(
            Text("instance_cvrp_with_fleet", line=line),
            path=path,
            line=specs["TYPE"][0],
            hint=Text("instance_cvrp_with_fleet_action"),
        )
    if "VEHICLES" in specs and int(float(specs["VEHICLES"][1])) != len(capacities):
        raise InputError(
            Text(
                "instance_vehicles_stated",
                stated=int(float(specs["VEHICLES"][1])),
                capacities=len(capacities),
            ),
            path=path,
            line=specs["VEHICLES"][0],
            hint=Text("instance_vehicles_stated_action"),
        )
    if not capacities:
        raise InputError(
            Text("instance_fleet_empty"),
            path=path,
            line=line,
            hint=Text("instance_fleet_empty_action"),
        )
    counts = {name: len(sections.get(name, (0, capacities))[1]) for name in _FLEET}
    for name in _FLEET:
        start, rows = sections.get(name, (0, capacities))
        if len(rows) != len(capacities):
            raise InputError(
                Text(
                    "instance_vehicles_differ",
                    capacities=len(capacities),
                    fixed=counts["VEHICLES_FIXED_COST"],
                    unit=counts["VEHICLES_UNIT_DISTANCE_COST"],
                ),
                path=path,
                # Past the vehicles, the first row too many; short of them, the section.
                line=rows[len(capacities)][0] if len(rows) > len(capacities) else start,
                hint=Text("instance_vehicles_differ_action", section=f"{name}_SECTION"),
            )


def _no_fleet_mix(path: Path, specs: Specs, sections: Sections) -> None:
    """Refuse a fleet mix's parts around a single ``CAPACITY : N``: vehicle
    cost sections, or TYPE HFVRP.  vrplib reads such a file as a plain CVRP
    and the costs would be left out without a word; whether every vehicle
    carries N, or the costs are stray, only the desk can say."""
    line = specs["CAPACITY"][0]
    for name in _FLEET[1:]:
        if name in sections:
            raise InputError(
                Text("instance_costs_without_fleet", section=f"{name}_SECTION", line=line),
                path=path,
                line=sections[name][0],
                hint=Text("instance_costs_without_fleet_action", section=f"{name}_SECTION"),
            )
    if specs.get("TYPE", (0, ""))[1] == "HFVRP":
        raise InputError(
            Text("instance_hfvrp_without_fleet", line=specs["TYPE"][0]),
            path=path,
            line=line,
            hint=Text("instance_hfvrp_without_fleet_action"),
        )


def _depot(path: Path, section: tuple[int, Lines]) -> None:
    """The DEPOT_SECTION lists one depot, location 1 (as vrplib reads it:
    every number but -1, TSPLIB's end of the list); else refused at its line."""
    line, rows = section
    depots = [value for _, row in rows for value in row.split() if float(value) != -1]
    if not depots:
        raise InputError(
            Text("instance_depot_empty"),
            path=path,
            line=line,
            hint=Text("instance_depot_empty_action"),
        )
    if [float(depot) for depot in depots] != [1]:
        shown = listed([*(_shown(depot) for depot in depots[:5]), *(["…"] if depots[5:] else [])])
        raise InputError(
            Text("instance_depots", depots=shown),
            path=path,
            line=line,
            hint=Text("instance_depots_action"),
        )


def _weights(path: Path, form: str, places: int, sections: Sections) -> Sections:
    """Check that an explicit matrix holds the values of ``places`` locations
    in its layout; the sections, the matrix in full, one row per location,
    as vrplib reads it (a triangle mirrored across the diagonal, which is
    0 where the layout leaves it out)."""
    line, rows = sections["EDGE_WEIGHT"]
    values = [value for _, row in rows for value in row.split()]
    cells = [] if form == "FULL_MATRIX" else _cells(form, places)
    needed = places * places if form == "FULL_MATRIX" else len(cells)
    if len(values) != needed:
        raise InputError(
            Text(
                "instance_weights_count",
                found=len(values),
                form=form,
                places=places,
                needed=needed,
            ),
            path=path,
            line=line,
            hint=Text("instance_weights_count_action"),
        )
    if form == "FULL_MATRIX":  # (it may differ either way: kept as given)
        matrix = [values[at : at + places] for at in range(0, needed, places)]
    else:
        matrix = [["0"] * places for _ in range(places)]
        for (row, column), value in zip(cells, values, strict=True):
            matrix[row][column] = matrix[column][row] = value
    return {**sections, "EDGE_WEIGHT": (line, [(line, " ".join(row)) for row in matrix])}


def _cells(form: str, places: int) -> list[tuple[int, int]]:
    """The (row, column) of each value of a triangular matrix, in the order
    ``form`` (one of `_FORMATS` but FULL_MATRIX) gives them."""
    diagonal = 1 if "DIAG" in form else 0
    cells: list[tuple[int, int]] = []
    for row in range(places):
        if form.startswith("LOWER"):
            columns = range(row + diagonal)
        else:
            columns = range(row + 1 - diagonal, places)
        cells.extend((row, column) for column in columns)
    return cells


def _scan_solomon(path: Path, lines: Lines) -> tuple[str, tuple[int, str], Lines]:
    """Check a Solomon (or Gehring & Homberger) file's layout, fleet line and
    customer rows: seven numbers each, numbered 0, 1, ..., whole but the
    coordinates (any decimals) and the times (tenths at the finest).  The
    name, the fleet line and the rows, each with its line."""
    name, fleet, rows = _solomon_parts(path, lines)
    number, line = fleet
    _numbers(path, number, line.split(), "VEHICLE", count=2, whole=True)
    if float(line.split()[0]) < 1:
        raise InputError(
            Text("instance_no_vehicles", vehicles=line.split()[0]),
            path=path,
            line=number,
            hint=Text("instance_no_vehicles_action"),
        )
    for index, (number, row) in enumerate(rows):
        values = row.split()
        _numbers(path, number, values, "CUSTOMER", count=len(_SOLOMON_COLUMNS))
        for column, value in zip(_SOLOMON_COLUMNS, values, strict=True):
            if column in _SOLOMON_TIMES:
                if float(value) < 0:  # the engine would stop on it, not the reader
                    raise InputError(
                        Text("instance_negative_value", section=column, value=value[:20]),
                        path=path,
                        line=number,
                        column=column,
                        hint=Text("instance_negative_time_action"),
                    )
                _in_tenths(path, number, value, column)
            elif column not in _SOLOMON_DECIMAL and not float(value).is_integer():
                _not_whole(path, number, value, column)
        if float(values[0]) != index:
            raise InputError(
                Text("instance_numbering", section="CUSTOMER", found=values[0], count=index),
                path=path,
                line=number,
                hint=Text("instance_numbering_action"),
            )
        ready, due = values[4:6]
        if Decimal(ready) > Decimal(due):
            raise InputError(
                Text("instance_window_inverted", ready=ready[:20], due=due[:20]),
                path=path,
                line=number,
                hint=Text("instance_window_inverted_action"),
            )
    if len(rows) < 2:
        raise InputError(
            Text("instance_too_small", places=_locations(len(rows))),
            path=path,
            hint=Text("instance_unreadable_action"),
        )
    return name, fleet, rows


def _solomon_parts(path: Path, lines: Lines) -> tuple[str, tuple[int, str], Lines]:
    """A Solomon file's name (the file's, when its first line is VEHICLE),
    fleet line and location rows, its headings checked on the way.

    A heading is known by its words, whatever the spacing or case (published
    copies space the column heads differently: SERVICE TIME, SERVICE   TIME);
    blank and comment lines were left out before."""
    name, rest = path.stem, list(lines)
    if rest and rest[0][1].upper() != "VEHICLE":
        name = rest.pop(0)[1]
    fleet = (0, "")
    for heading in ("VEHICLE", "NUMBER CAPACITY", "", "CUSTOMER", SOLOMON_HEADS):
        shown = heading.replace("XCOORD. YCOORD. DEMAND READY TIME DUE DATE", "…")
        if not rest and not heading:  # the fleet line has no words to quote: say what it holds
            raise InputError(
                Text("instance_solomon_ended_fleet"),
                path=path,
                hint=Text("instance_solomon_layout_action"),
            )
        if not rest:
            raise InputError(
                Text("instance_solomon_ended", expected=shown),
                path=path,
                hint=Text("instance_solomon_layout_action"),
            )
        number, line = rest.pop(0)
        if not heading:  # the fleet: how many vehicles, of what capacity
            fleet = (number, line)
        elif not _heads(line, heading):
            raise InputError(
                Text("instance_solomon_line", found=_shown(line), expected=shown),
                path=path,
                line=number,
                hint=Text("instance_solomon_layout_action"),
            )
    return name, fleet, rest


def _heads(line: str, heading: str) -> bool:
    """Whether ``line`` is the heading: its words, in any case and spacing, dots aside."""
    return line.upper().replace(".", " ").split() == heading.replace(".", " ").split()


def _shown(value: str) -> str:
    """A value from the file as a message quotes it: at most 30 characters,
    spaces squeezed, anything unprintable (a control character of a damaged
    file) as '?'."""
    return "".join(c if c.isprintable() else "?" for c in " ".join(value.split())[:30])


def _numbers(
    path: Path,
    number: int,
    values: list[str],
    section: str,
    *,
    count: int | None = None,
    whole: bool = False,
) -> None:
    """Each value a finite number (whole, where ``whole`` asks for it) of at
    most `LARGEST` either way; ``count`` of them, when given (a word is said
    first: a misspelt section name is not a number, rather than a short row)."""
    for value in values:
        if not (_NUMBER.fullmatch(value) and math.isfinite(float(value))):
            raise InputError(
                Text("instance_not_number", section=section, value=_shown(value)),
                path=path,
                line=number,
                hint=Text("instance_not_number_action"),
            )
    if count is not None and len(values) != count:
        raise InputError(
            Text("instance_row_length", section=section, found=len(values), count=count),
            path=path,
            line=number,
            hint=Text("instance_row_length_action", section=section, count=count),
        )
    for value in values:
        if whole and not float(value).is_integer():
            _not_whole(path, number, value, section)
        if abs(float(value)) > LARGEST:
            raise InputError(
                Text("instance_too_large", section=section, value=value[:20], largest=LARGEST),
                path=path,
                line=number,
                hint=Text("instance_too_large_action", largest=LARGEST),
            )


def _not_whole(path: Path, number: int, value: str, section: str) -> NoReturn:
    """Refuse ``value``, not a whole number where one is needed; a demand
    is a load, which the solver counts in whole units."""
    raise InputError(
        Text("instance_not_whole", section=section, value=value[:20]),
        path=path,
        line=number,
        hint=(
            Text("instance_demand_not_whole_action")
            if section == "DEMAND"
            else Text("instance_not_whole_action")
        ),
    )


def _in_tenths(path: Path, number: int, value: str, column: str) -> None:
    """Refuse a time finer than a tenth, with the tenth to write instead.

    The engine counts times in tenths, as it counts Solomon distances.
    Rounding a finer time inward (a ready time or service time up, a due
    date down) would keep every plan found on time, but could make the
    file look infeasible, or a plan dearer, than it is: only the desk can
    say whether that is acceptable.  Checked on the decimal as written
    (912.3 x 10 is 9123.000000000001 in floating point)."""
    exact = Decimal(value)
    if (exact * SOLOMON_SCALE) % 1 == 0:
        return
    inward = ROUND_FLOOR if column == "DUE DATE" else ROUND_CEILING
    tenth = exact.quantize(Decimal(1) / SOLOMON_SCALE, rounding=inward)
    raise InputError(
        Text("instance_time_too_fine", value=value[:20]),
        path=path,
        line=number,
        column=column,
        hint=Text("instance_time_too_fine_action", column=column, tenth=str(tenth)),
    )


def _not_negative(path: Path, number: int, values: list[str], section: str) -> None:
    """No value below 0 (the row's number and a closing -1 aside)."""
    for value in values[1:] if section != "EDGE_WEIGHT" else values:
        if float(value) < 0:
            raise InputError(
                Text("instance_negative_value", section=section, value=value[:20]),
                path=path,
                line=number,
                hint=Text("instance_negative_value_action"),
            )


def _check_sizes(path: Path, instance: BenchmarkFile, lines: dict[str, int]) -> None:
    """Every section gives one row per location (the demands' count), and
    the weights are finite: a short section would otherwise reach the solver.
    ``lines``: where each section starts, to name it."""
    places = len(instance.demand)
    sections = {  # the weights last: from coordinates, they are as many as those
        "NODE_COORD": (instance.coords, (places, 2)),
        "SERVICE_TIME": (instance.service, (places,)),
        "TIME_WINDOW": (instance.windows, (places, 2)),
        "EDGE_WEIGHT": (instance.weights, (places, places)),
    }
    for section, (values, shape) in sections.items():
        if values is not None and np.shape(values) != shape:
            raise InputError(
                Text(
                    "instance_sizes_differ",
                    section=section,
                    found=" x ".join(map(str, np.shape(values))),
                    places=places,
                ),
                path=path,
                line=lines.get(section),
                hint=Text("instance_sizes_differ_action"),
            )
    if places < 2:
        raise InputError(
            Text("instance_too_small", places=_locations(places)),
            path=path,
            hint=Text("instance_unreadable_action"),
        )
    if not np.isfinite(instance.weights).all():
        raise InputError(
            Text("instance_incomplete", family=instance.family, section="EDGE_WEIGHT"),
            path=path,
            hint=Text("instance_unreadable_action"),
        )


def _check_costs(path: Path, instance: BenchmarkFile, sections: Sections) -> None:
    """A fleet mix's dearest cost per distance over the longest distance is
    one the solver can add up; else refused at that vehicle's row (none
    when the file gives no costs per distance: the default's)."""
    if not instance.fleet:
        return
    units = [0] * (instance.vehicles or 0)
    for group in instance.fleet:
        for number in group.numbers:
            units[number - 1] = group.unit_distance_cost
    dearest = max(range(len(units)), key=units.__getitem__)
    longest = float(instance.weights.max())
    if units[dearest] * HFVRP_DISTANCE_SCALE * longest > MAX_VALUE:  # the longest leg's cost
        rows = sections.get("VEHICLES_UNIT_DISTANCE_COST", (0, []))[1]
        raise InputError(
            Text("instance_costs_too_large", unit=units[dearest], distance=round(longest)),
            path=path,
            line=rows[dearest][0] if rows else None,
            hint=Text("instance_costs_too_large_action"),
        )


def _check_servable(path: Path, instance: BenchmarkFile, rows: _Rows) -> None:
    """Refuse an instance no plan can serve, as the file alone tells (the
    search would only say "feasible: no"), naming the location's line: a
    negative demand or one over every capacity, demands over the whole
    fleet's capacity, a time window no vehicle can reach in or come back from."""
    demand = instance.demand
    number = 0 if instance.family == "solomon" else 1  # location 0's number in the file
    if (demand < 0).any():
        first = int(np.argmax(demand < 0))
        raise InputError(
            Text("instance_negative_demand", place=first + number, demand=int(demand[first])),
            path=path,
            line=rows.places[first],
            hint=Text("instance_negative_demand_action"),
        )
    if demand.max() > instance.capacity or instance.capacity < 1:
        first = int(np.argmax(demand))
        raise InputError(
            Text(
                "instance_demand_over",
                place=first + number,
                demand=int(demand[first]),
                capacity=instance.capacity,
            ),
            path=path,
            line=rows.places[first],
            hint=Text("instance_demand_over_action"),
        )
    carried = (
        sum(group.count * group.capacity for group in instance.fleet)
        if instance.fleet
        else (instance.vehicles or 0) * instance.capacity
    )
    if instance.vehicles is not None and int(demand.sum()) > carried:  # a fleet of so many
        raise InputError(
            Text(
                "instance_fleet_short",
                fleet=carried,
                vehicles=instance.vehicles,
                demand=int(demand.sum()),
            ),
            path=path,
            line=rows.fleet,
            hint=Text("instance_fleet_short_action"),
        )
    if instance.windows is not None:
        _check_windows(path, instance, rows)


def _check_windows(path: Path, instance: BenchmarkFile, rows: _Rows) -> None:
    """Every customer reached in its window, and left in time to be back
    before the depot closes, by a vehicle that leaves it when it opens, on
    the quickest path, as the engine counts time (Solomon: in tenths)."""
    problem, scale = instance_problem(instance)
    assert problem.tw_late is not None
    arrival, back = earliest_times(problem)
    closes = int(problem.tw_late[0])
    for place in problem.clients:
        if arrival[place] > problem.tw_late[place]:
            raise InputError(
                Text(
                    "instance_window_unreachable",
                    place=place,
                    opens=_time(int(arrival[0]), scale),
                    arrival=_time(int(arrival[place]), scale),
                    due=_time(int(problem.tw_late[place]), scale),
                ),
                path=path,
                line=rows.places[place],
                hint=Text("instance_window_unreachable_action"),
            )
        if back[place] > closes:
            raise InputError(
                Text(
                    "instance_window_no_return",
                    place=place,
                    back=_time(int(back[place]), scale),
                    closes=_time(closes, scale),
                ),
                path=path,
                line=rows.places[place],
                hint=Text("instance_window_no_return_action"),
            )


def _time(time: int, scale: int) -> str:
    """A time as the engine counts it (Solomon: in tenths), as the file writes
    times: exactly (``:g`` keeps 6 digits, and says 100020.5 as 100020)."""
    return str(Decimal(time) / scale)


def _locations(count: int) -> Text:
    """``count`` locations with their noun: 1 location, 2 locations."""
    return Text(by_count("location_count", count), count=count)


def _cvrplib(path: Path, data: dict[str, Any]) -> BenchmarkFile:
    kind = str(data.get("edge_weight_type", "EUC_2D")).upper()  # checked by `_scan_vrplib`
    coords = np.asarray(data["node_coord"], dtype=np.float64) if "node_coord" in data else None
    # From coordinates, the distances from their differences (see `euclidean`):
    # vrplib's lose digits, which decide how a distance near a half rounds.
    weights = data["edge_weight"] if kind == "EXPLICIT" or coords is None else euclidean(coords)
    return BenchmarkFile(
        name=str(data.get("name", path.stem)),
        family="cvrplib",
        weights=np.asarray(weights, dtype=np.float64),
        demand=np.asarray(data["demand"], dtype=np.int64),
        capacity=int(data["capacity"]),
        # A fleet is unlimited unless the file states one (VEHICLES).
        vehicles=int(data["vehicles"]) if "vehicles" in data else None,
        coords=coords,
        explicit=kind == "EXPLICIT",
        rounding=_ROUNDINGS.get(kind, "nearest"),  # (EXPLICIT: the weights as given)
    )


def _hfvrp(path: Path, data: dict[str, Any]) -> BenchmarkFile:
    """PyVRP's HFVRP dialect: capacity, fixed cost and cost per distance of each
    vehicle (costs x 100; a missing fixed cost is 0, a missing unit cost 100)."""
    plain = _cvrplib(path, {**data, "capacity": 0})
    capacity = np.asarray(data["capacity"], dtype=np.int64)
    fixed = np.asarray(data.get("vehicles_fixed_cost", np.zeros_like(capacity)), dtype=np.int64)
    unit = np.asarray(
        data.get("vehicles_unit_distance_cost", np.full_like(capacity, 100)), dtype=np.int64
    )
    # (As many of each as VEHICLES says, and at least one: `_check_fleet`.)
    numbers: dict[tuple[int, int, int], list[int]] = {}
    vehicles = zip(capacity.tolist(), fixed.tolist(), unit.tolist(), strict=True)
    for number, vehicle in enumerate(vehicles, start=1):
        numbers.setdefault(vehicle, []).append(number)
    fleet = tuple(
        VehicleGroup(count=len(n), capacity=c, fixed_cost=f, unit_distance_cost=u, numbers=tuple(n))
        for (c, f, u), n in numbers.items()
    )
    return replace(
        plain, family="hfvrp", capacity=int(capacity.max()), vehicles=len(capacity), fleet=fleet
    )


def _solomon(name: str, fleet: tuple[int, str], rows: Lines) -> BenchmarkFile:
    """A Solomon file's instance, from its fleet line and rows as checked by
    `_scan_solomon` (whole numbers where they must be, times in tenths at
    the finest, at most `LARGEST`)."""
    vehicles, capacity = (int(float(value)) for value in fleet[1].split())
    values = np.array([[float(value) for value in row.split()] for _, row in rows])
    coords = values[:, 1:3]
    return BenchmarkFile(
        name=name,
        family="solomon",
        weights=euclidean(coords),
        demand=values[:, 3].astype(np.int64),
        capacity=capacity,
        vehicles=vehicles,
        coords=coords,
        service=values[:, 6],
        windows=values[:, 4:6],
    )


def euclidean(coords: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """The Euclidean distance between every two of ``coords`` (n x 2), from
    their differences: vrplib's |a|^2 + |b|^2 - 2ab loses the digits of
    two close points far from the origin (0.10005 for 0.1 at 100,000);
    the same as vrplib's on whole coordinates."""
    differences = coords[:, None, :] - coords[None, :, :]
    distances: npt.NDArray[np.float64] = np.sqrt((differences * differences).sum(axis=2))
    return distances
