"""Read a written plan back: ``plan.json`` into domain objects."""

from __future__ import annotations

import dataclasses
import json
import logging
import types
import typing
from collections.abc import Callable, Hashable, Mapping
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from ..errors import InputError, special_file
from ..plan import Plan
from ..planfile import from_document
from ..text import Text, listed, system_said

_log = logging.getLogger(__name__)


def plan_path(path: Path) -> Path:
    """``plan.json`` itself, or the one inside an output folder."""
    return path / "plan.json" if path.is_dir() else path


def load_plan(path: Path) -> Plan:
    """The plan in ``path`` (an output folder, or its ``plan.json``).

    `InputError` when there is no plan there or it cannot be read as one:
    a field missing, or of the wrong kind (a hand-edited worker id left a
    number, say), which would otherwise fail deep inside a command.
    """
    file = plan_path(Path(path))
    special = special_file(file)
    if special is not None:  # /dev/null, a pipe: no folder to hold a plan, nor one
        raise InputError(Text("plan_special", what=special), path=file, hint=Text("no_plan_action"))
    if not file.is_file():
        raise _no_plan(Path(path))
    document = _read_document(file)
    misshapen = _misshapen(document)
    if misshapen is not None:
        raise _mistyped_error(file, *misshapen)
    try:
        plan = from_document(document)
    except KeyError as error:
        raise InputError(
            Text("plan_field_missing", field=str(error.args[0]) if error.args else "?"),
            path=file,
            hint=Text("plan_unreadable_action"),
        ) from None
    except (ValueError, TypeError, AttributeError, IndexError) as error:
        # Python's words ("invalid literal for int()") tell the desk nothing.
        _log.debug("plan.json not read: %s: %s", type(error).__name__, error)
        raise InputError(
            Text("plan_unreadable", error=Text("plan_value_edited")),
            path=file,
            hint=Text("plan_unreadable_action"),
        ) from None
    wrong = _mistyped(plan, Plan, "plan")
    if wrong is not None:
        raise _mistyped_error(file, *wrong)
    return plan


def _read_document(file: Path) -> Any:
    """The JSON in ``file``, a plan's by the look of it; `InputError` else."""
    # Another file given for the plan (summary.json beside it, the scenario) is
    # said to be no plan.json, not an edited plan: the desk picked the wrong file.
    other = file.name != "plan.json"
    try:
        # utf-8-sig: a plan.json an editor saved again with a byte-order mark is the same plan.
        document = json.loads(file.read_text(encoding="utf-8-sig"))
    except json.JSONDecodeError as error:
        if other:
            raise _not_plan_file(file) from None
        raise InputError(
            Text("plan_not_json", line=error.lineno, column=error.colno),
            path=file,
            hint=Text("plan_unreadable_action"),
        ) from None
    except OSError as error:
        raise InputError(
            Text("plan_unreadable", error=system_said(error)),
            path=file,
            hint=Text("plan_unreadable_action"),
        ) from None
    except UnicodeDecodeError:
        raise InputError(
            Text("plan_unreadable", error=Text("contents_damaged")),
            path=file,
            hint=Text("plan_unreadable_action"),
        ) from None
    if other and not (isinstance(document, dict) and {"routes", "workers"} <= document.keys()):
        raise _not_plan_file(file)
    return document


def _no_plan(path: Path) -> InputError:
    """No plan at ``path``: no folder there (a mistyped name), or one whose
    folders hold the plans (`verify out` for `verify out/2`), named."""
    if not path.exists() and path.name != "plan.json":
        return InputError(Text("no_plan_folder"), path=path, hint=Text("no_plan_folder_action"))
    below = sorted(p.parent for p in path.glob("*/plan.json")) if path.is_dir() else []
    if below:
        return InputError(
            Text("no_plan_but_below", folders=listed([str(p) for p in below])),
            path=path,
            hint=Text("no_plan_action"),
        )
    return InputError(Text("no_plan"), path=path, hint=Text("no_plan_action"))


def _not_plan_file(file: Path) -> InputError:
    """``file``, given for a plan, is another file (no plan.json)."""
    return InputError(
        Text("not_plan_file", name=file.name), path=file, hint=Text("not_plan_file_action")
    )


def _mistyped_error(file: Path, where: str, value: Any, expected: Text) -> InputError:
    """The plan in ``file`` holds ``value`` at ``where``, not ``expected``."""
    return InputError(
        Text(
            "plan_mistyped",
            where=where,
            value=json.dumps(value, default=str)[:40],
            expected=expected,
        ),
        path=file,
        hint=Text("plan_unreadable_action"),
    )


#: The parts of a plan.json read as objects ({...}) or lists ([...]).
_SHAPES: Mapping[str, type] = {
    **dict.fromkeys(("settings", "summary", "depot", "destination"), dict),
    **dict.fromkeys(
        (
            "workers",
            "fleet",
            "routes",
            "pickup_points",
            "self_return",
            "unassigned",
            "quarantine_required",
            "dormitory_allocation",
        ),
        list,
    ),
}


def _misshapen(document: Any) -> tuple[str, Any, Text] | None:
    """The plan itself, or the first of its parts, that a hand edit left of
    the other kind (a list for the object, null for a list); None when the
    document has the shape of a plan."""
    if not isinstance(document, dict):
        return "plan", document, Text("json_object")
    for key, kind in _SHAPES.items():
        if key in document and not isinstance(document[key], kind):
            return (
                f"plan.{key}",
                document[key],
                Text("json_object" if kind is dict else "json_list"),
            )
    return None


#: A value of the wrong kind: the steps to it from where the check began
#: (innermost first), the value, and what kind of value belongs there.
Mistyped = tuple[list[str], Any, Text]
Check = Callable[[Any], Mistyped | None]


def _mistyped(value: Any, kind: Any, where: str) -> tuple[str, Any, Text] | None:
    """The first value under ``value`` that is not of its declared ``kind``
    (a type hint of the domain classes), named from ``where``; None when
    every one is."""
    wrong = _check(kind)(value)
    if wrong is None:
        return None
    steps, found, expected = wrong
    return where + "".join(reversed(steps)), found, expected


@cache
def _check(kind: Any) -> Check:
    """A test of values of ``kind``, built once per kind: a district's plan
    holds a million values."""
    origin = typing.get_origin(kind)
    if dataclasses.is_dataclass(kind) or _is_named_tuple(kind):
        return _record(kind)
    if origin in (typing.Union, types.UnionType):
        return _union(kind)
    if origin in (tuple, frozenset):
        return _items(kind)
    if isinstance(origin, type) and issubclass(origin, Mapping):
        return _mapping(kind)
    fits = _fits(kind)
    word = _kind_word(kind)
    return lambda value: None if fits(value) else ([], value, word)


def _record(kind: Any) -> Check:
    """A domain object (or a `LatLon`), field by field."""
    word = _kind_word(kind)
    fields = [(name, _check(hint)) for name, hint in typing.get_type_hints(kind).items()]

    def check(value: Any) -> Mistyped | None:
        if not isinstance(value, kind):
            return [], value, word
        for name, field in fields:
            wrong = field(getattr(value, name))
            if wrong is not None:
                wrong[0].append(f".{name}")
                return wrong
        return None

    return check


def _union(kind: Any) -> Check:
    options = [_check(option) for option in typing.get_args(kind)]
    words = [_kind_word(option) for option in typing.get_args(kind)]
    word = Text("json_or", first=listed(words[:-1]), last=words[-1])
    return lambda value: None if any(o(value) is None for o in options) else ([], value, word)


def _items(kind: Any) -> Check:
    """A tuple (of one kind, or of a kind per place) or a frozenset."""
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    word = _kind_word(kind)
    same = origin is frozenset or args[-1:] == (...,)
    checks = [_check(arg) for arg in args]

    def check(value: Any) -> Mistyped | None:
        if not isinstance(value, origin) or (not same and len(value) != len(checks)):
            return [], value, word
        for index, item in enumerate(value):
            wrong = checks[0 if same else index](item)
            if wrong is not None:
                wrong[0].append(f"[{index}]")
                return wrong
        return None

    return check


def _mapping(kind: Any) -> Check:
    keys, items = (_check(arg) for arg in typing.get_args(kind))
    word = _kind_word(kind)

    def check(value: Any) -> Mistyped | None:
        if not isinstance(value, Mapping):
            return [], value, word
        for key, item in value.items():
            wrong = keys(key) or items(item)
            if wrong is not None:
                wrong[0].append(f"[{key!r}]")
                return wrong
        return None

    return check


def _fits(kind: Any) -> Callable[[Any], bool]:
    """The test of a plain value: JSON's numbers, text, true/false, null, or a choice."""
    if typing.get_origin(kind) is typing.Literal:
        choices = frozenset(typing.get_args(kind))
        return lambda value: isinstance(value, Hashable) and value in choices
    if kind is float:
        return lambda value: type(value) in (int, float)
    if kind in (int, bool, type(None)):  # a bool is an int to Python, not to JSON
        return lambda value: type(value) is kind
    if kind is date:
        return lambda value: type(value) is date
    return lambda value: isinstance(value, kind)


def _is_named_tuple(kind: Any) -> bool:
    return isinstance(kind, type) and issubclass(kind, tuple) and hasattr(kind, "_fields")


#: What a JSON value of each kind is called, for the desk.
_KIND_WORDS: Mapping[Any, str] = {
    str: "json_text",
    int: "json_whole_number",
    float: "json_number",
    bool: "json_true_false",
    date: "json_date",
    datetime: "json_date_time",
    type(None): "json_null",
    tuple: "json_list",
    frozenset: "json_list",
}


def _kind_word(kind: Any) -> Text:
    if typing.get_origin(kind) is typing.Literal:
        return Text("json_one_of", values=listed([str(v) for v in typing.get_args(kind)]))
    word = _KIND_WORDS.get(typing.get_origin(kind) or kind)
    return Text(word) if word else Text("json_object")
