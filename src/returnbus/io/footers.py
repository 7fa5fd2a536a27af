"""The lines a desk's list ends with that are no workers: a total (合计 | 3人),
a signature (制表人：王芳  审核人：李四  日期：2020-02-10), a note (备注：...).

Told from the cells alone, with no header: the roster reader and
``verify --roster``'s row count (`returnbus.io.rowcount`) both leave out
the rows `footer_rows` names, so both count the same workers.  Only the
last rows of a list are looked at, and only a row every filled cell of
which is such a line's (the word, a count, a date, a signature's name): a
row with a worker's id, phone, ID number or home beside the word is never
one, whatever the worker's name.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from ..geo.hanzi import TO_SIMPLIFIED
from .tables import INVISIBLE

#: Words a total line opens with (read with traditional characters as simplified).
_TOTALS = (
    "合计人数",
    "人数合计",
    "总人数",
    "合计",
    "总计",
    "小计",
    "共计",
    "grand total",
    "subtotal",
    "total",
)
#: Words a signature, date or note line opens with.
_LABELS = (
    "制表日期",
    "制表单位",
    "制表人",
    "制表",
    "填表日期",
    "填表人",
    "填报日期",
    "填报单位",
    "填报人",
    "审核人",
    "审核",
    "审批人",
    "批准人",
    "负责人",
    "負責人",
    "经办人",
    "统计人",
    "联系人",
    "签字",
    "签名",
    "簽字",
    "簽名",
    "日期",
    "备注",
    "说明",
    "說明",
    "注",
    "prepared by",
    "checked by",
    "approved by",
    "signature",
    "remarks",
    "notes",
    "note",
    "date",
)
_WORDS = "|".join(re.escape(w) for w in (*_TOTALS, *_LABELS))
#: A cell that opens with such a word, the word ending at a mark, a digit or the cell's end.
_OPENS = re.compile(rf"({_WORDS})(?=$|[\s:,.;、。()\d共])")
#: A label alone, its value in the next cell (制表人： | 王芳).
_BARE_LABEL = re.compile(rf"(?:{'|'.join(re.escape(w) for w in _LABELS)})\s*[:]?")
#: A count, as a total line gives it (3, 3人, 共 1,203 人; 3.0 as a workbook number).
_COUNT = re.compile(r"[共计]?\s*(?:\d{1,7}|\d{1,3}(?:,\d{3})+)(?:\.0+)?\s*(?:人次|人|名|个|位|辆)?")
_DATE = re.compile(
    r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:[ t]\d{1,2}:\d{2}(?::\d{2})?)?"
)
#: A worker's number standing alone: a phone, an ID number (mainland, Taiwan, Hong Kong).
_PERSONAL = re.compile(r"[\d\s()+\-]{7,}[\dx]?|[a-z]{1,2}\d{6,9}\s*\(?[\da]?\)?")


def footer_rows(rows: Sequence[tuple[int, Sequence[str]]]) -> list[int]:
    """The numbers of the last of ``rows`` (a list's data rows, blank ones
    left out) that are its total, signature or note lines, in order."""
    footers: list[int] = []
    for number, cells in reversed(rows):
        if footer_word(cells) is None:
            break
        footers.append(number)
    return footers[::-1]


def footer_word(cells: Sequence[str]) -> str | None:
    """The word (合计, 制表人) a row of a total, signature or note line opens
    with, in simplified characters; None when the row is no such line."""
    filled = [text for text in (_plain(c) for c in cells) if text]
    if not filled:
        return None
    first = _OPENS.match(filled[0])
    if first is None:
        return None
    after_label = _BARE_LABEL.fullmatch(filled[0]) is not None
    for text in filled[1:]:
        if not (
            _OPENS.match(text)
            or _COUNT.fullmatch(text)
            or _DATE.fullmatch(text)
            or (after_label and not _PERSONAL.fullmatch(text))
        ):
            return None
        after_label = _BARE_LABEL.fullmatch(text) is not None
    return first[1]


def _plain(cell: object) -> str:
    """A cell as compared: NFKC (full-width marks plain), lower case, traditional
    characters as simplified, no invisible characters, trimmed."""
    text = unicodedata.normalize("NFKC", str(cell)).lower().translate(TO_SIMPLIFIED)
    return INVISIBLE.sub("", text).strip()
