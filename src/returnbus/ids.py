"""Ids derived from content, so that they mean the same thing from run to run.

A pickup point's id comes from where it is and who boards there; a bus's id
from the route it drives.  Sort order never enters, so the same roster in
another row order gives the same ids, and a re-plan can tell which buses and
points are still the same.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping
from datetime import date
from functools import lru_cache
from typing import TypeVar

K = TypeVar("K", bound=Hashable)


def digest(parts: Iterable[object]) -> str:
    """A hex digest of ``parts`` in order (SHA-1: a name, not a secret)."""
    text = "\x1f".join(str(part) for part in parts)
    return hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()


def short_ids(digests: Mapping[K, tuple[str, str]], *, length: int) -> dict[K, str]:
    """Short ids from ``(prefix, full hex digest)`` pairs, unique among them.

    Each id is its prefix and the first ``length`` hex digits of its digest.
    Where two differ only further on, both get longer digests, so the result
    depends on the set of contents and never on their order.
    """
    by_short: dict[str, list[K]] = defaultdict(list)
    for key, (prefix, full) in digests.items():
        by_short[prefix + full[:length]].append(key)
    ids: dict[K, str] = {}
    for short, keys in by_short.items():
        distinct = {digests[k][1] for k in keys}
        if len(distinct) == 1:
            ids.update(dict.fromkeys(keys, short))
        else:
            ids.update(short_ids({k: digests[k] for k in keys}, length=length + 4))
    return ids


_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


def folded(text: str) -> str:
    """An id as compared when looking for the one a desk meant: NFKC (full
    width as half), no surrounding spaces, any letter case."""
    return unicodedata.normalize("NFKC", text).strip().casefold()


def ids_meant(
    typed: Iterable[str],
    known: Iterable[str],
    key: Callable[[str], str | None] = folded,
) -> tuple[tuple[str, str], ...]:
    """Each of ``typed`` (in order) whose ``key`` is that of exactly one of
    ``known``, with that one: the id a desk meant by an id that is not there
    (none is named when two fit; a key of None fits nothing).  Said, never
    matched: the desk corrects the file."""
    alike: dict[str, list[str]] = defaultdict(list)
    for each in known:
        if (kept := key(each)) is not None:
            alike[kept].append(each)
    return tuple(
        (each, alike[kept][0])
        for each in sorted(typed)
        if (kept := key(each)) is not None and len(alike.get(kept, ())) == 1
    )


#: The number an id ends in (W00204: 00204).
_TRAILING_NUMBER = re.compile(r"\d+$")


def numbers_meant(typed: Iterable[str], known: Iterable[str]) -> tuple[tuple[str, str], ...]:
    """Each of ``typed`` that is a number alone (``204``) with the one of
    ``known`` that ends in that number, leading zeros aside (``W00204``, or
    ``00204`` whose zeros Excel dropped): its prefix or zeros were left out,
    by Excel or by the desk.  None is named when two fit (``W00204`` and
    ``E204``), nor an id typed with leading zeros for a number without them
    (zeros are only ever dropped).  Said, never matched, as `ids_meant`."""
    digits = [t for t in typed if t.isdigit() and t.strip("0")]
    meant = ids_meant(digits, known, key=_number_ended_in)
    return tuple((t, m) for t, m in meant if not (t.startswith("0") and m.isdigit()))


def _number_ended_in(worker: str) -> str | None:
    """The number an id ends in, without its leading zeros: of an id all
    digits, only when it has such zeros (a number is no other number)."""
    if worker.isdigit():
        return worker.lstrip("0") if worker.startswith("0") else worker
    ending = _TRAILING_NUMBER.search(worker)
    return (ending.group().lstrip("0") or None) if ending else None


#: Where an id ends in a cell that holds more: a space, a bracket, a comma, a slash.
_AFTER_ID = re.compile(r"[\s(（\[【,，;；/、]")


def ids_with_text_meant(typed: Iterable[str], known: Iterable[str]) -> tuple[tuple[str, str], ...]:
    """Each of ``typed`` that holds one of ``known`` followed by other text
    (``W00206 张三``, ``W00207（已退出）``: a name or note typed into the id's
    cell), with that id, compared as `folded`; not a cell holding two ids
    or more (``W1、W2``: one per row is what the desk must be told, not to
    keep the first).  Said, never matched, as `ids_meant`."""
    known = list(known)
    several = set(cells_of_ids(typed, known))
    held = [t for t in typed if _AFTER_ID.search(folded(t)) and t not in several]
    return ids_meant(held, known, key=lambda each: _AFTER_ID.split(folded(each))[0] or None)


def cells_of_ids(typed: Iterable[str], known: Iterable[str]) -> tuple[str, ...]:
    """Those of ``typed`` holding two of ``known`` or more, between spaces,
    commas, slashes or the like (``W1、W2``, ``W1 W2``: a list typed into one
    cell), compared as `folded`, in order."""
    ids = {folded(k) for k in known}
    return tuple(sorted(t for t in typed if sum(w in ids for w in _AFTER_ID.split(folded(t))) > 1))


@lru_cache(maxsize=1024)  # a roster's batch cells repeat: a district's 110,000 rows name a few
def batch_key(text: str) -> str:
    """A batch as written, reduced to what identifies it.

    ``第一批``, ``第1批``, ``批次1``, ``Batch 1`` and ``1`` are all ``"1"``.
    A date, however written (``2020/3/17``, ``2020.3.17``, ``20200317``,
    ``3月17日``, ``3-17``, ``17-Mar``, ``3/17/2020``, or the
    ``2020-03-17 00:00:00`` Excel makes of a cell it took for a date), is its
    month and day, ``"03-17"``: Excel adds a year of its own to what the
    desk typed, so two dates match when they are the same day of the year.
    Other names are kept, lower-cased.
    """
    key = unicodedata.normalize("NFKC", text).strip().lower()
    day = _month_day(key)
    if day:
        return day
    key = re.sub(r"\s+|^第|批次$|批$|^批次|^batch", "", key)
    key = re.sub(r"^(\d+)\.0+$", r"\1", key)  # 1.0: a number cell, as Excel wrote it
    return (
        str(_chinese_number(key))
        if _CHINESE_NUMBER.fullmatch(key)
        else (str(int(key)) if key.isdigit() else key)
    )


#: Day-of-year forms a batch cell may hold, each with ``month`` and ``day``:
#: as the desk typed it, or as Excel wrote back a cell it took for a date
#: (with a year, a midnight time, or in an English locale's format).
_YEAR = r"(?:19|20)\d\d"
_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
#: A month's name, in full or its first three letters (``sept`` too).
_MONTH_NAME = r"(?P<name>" + "|".join(f"{m[:3]}(?:{m[3:]}|\\.)?" for m in _MONTHS) + r"|sept\.?)"
_DATES = tuple(
    re.compile(pattern)
    for pattern in (
        rf"(?:{_YEAR}(?P<sep>[-/.]))?(?P<month>\d{{1,2}})(?(sep)(?P=sep)|[-/])(?P<day>\d{{1,2}})",
        rf"(?:{_YEAR}年)?(?P<month>\d{{1,2}})月(?P<day>\d{{1,2}})[日号]?",
        rf"{_YEAR}(?P<month>\d\d)(?P<day>\d\d)",
        rf"(?P<month>\d{{1,2}})/(?P<day>\d{{1,2}})/(?:{_YEAR}|\d\d)",  # 3/17/2020 (en-US)
        rf"(?P<day>\d{{1,2}})[- ]{_MONTH_NAME}(?:[- ](?:{_YEAR}|\d\d))?",  # 17-Mar(-20)
        rf"{_MONTH_NAME} (?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,? {_YEAR})?",  # March 17, 2020
    )
)
#: The time of day Excel adds to a date: midnight.
_MIDNIGHT = re.compile(r"(?:[ t]0?0:00(?::00(?:\.0+)?)?)?$")


def _month_day(text: str) -> str:
    """``"MM-DD"`` when ``text`` is a date (a real one), else ``""``."""
    text = _MIDNIGHT.sub("", text, count=1)
    for pattern in _DATES:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        groups = match.groupdict()
        name = groups.get("name")
        month = [m[:3] for m in _MONTHS].index(name[:3]) + 1 if name else int(groups["month"])
        day = int(match["day"])
        if pattern is _DATES[3] and month > 12 >= day:
            month, day = day, month  # 17/3/2020: written day first
        try:
            date(2000, month, day)  # a leap year: 2-29 is a date
        except ValueError:
            return ""
        return f"{month:02d}-{day:02d}"
    return ""


#: A Chinese numeral up to 99 (三, 十二, 二十, 九十九, or digit by digit: 一〇);
#: other runs of numeral characters (十一一) are names, not numbers.
_CHINESE_NUMBER = re.compile(
    r"[零〇一二两三四五六七八九]+"  # digit by digit
    r"|[一二两三四五六七八九]?十[一二三四五六七八九]?"
)


def _chinese_number(text: str) -> int:
    """十二 -> 12, 二十 -> 20, 三 -> 3 (up to 99)."""
    tens, _, ones = text.rpartition("十")
    if "十" not in text:
        return int("".join(str(_DIGITS[c]) for c in text))
    return (_DIGITS.get(tens, 1) if tens else 1) * 10 + (_DIGITS[ones] if ones else 0)
