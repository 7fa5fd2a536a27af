"""Tell Big5 text (Taiwan's and Hong Kong's Excel, traditional characters)
from GBK text (the mainland's) by what each reading of the bytes gives.

Every Big5 byte pair is also a GB18030 pair, so Big5 text always decodes as
GB18030, into nonsense: private-use characters, kana, rare ideographs
(工號 reads as ``\\ue61b腹``).  Each reading is scored by the characters
text in its encoding seldom holds: for GBK, ideographs outside GB2312's
6,763; for Big5, ideographs outside its 5,401 frequent ones (level 1); for
both, anything that is neither ASCII, punctuation nor a full-width form.
Big5 is chosen only when its reading holds strictly fewer of them.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from functools import cache
from pathlib import Path

from ..errors import InputError
from ..text import Text

#: Big5 as Windows writes it; Hong Kong's (HKSCS) when that reads what cp950 cannot.
_BIG5 = "cp950"
_BIG5_HK = "big5hkscs"
#: Punctuation and spaces: common in either reading.
_PUNCTUATION = frozenset({"Po", "Ps", "Pe", "Pd", "Pi", "Pf", "Pc", "Zs"})


def _pairs(leads: range, trails: range | list[int], encoding: str) -> set[str]:
    found = set()
    for lead in leads:
        for trail in trails:
            try:
                found.add(bytes((lead, trail)).decode(encoding))
            except UnicodeDecodeError:
                continue
    return found


@cache
def _seldom(big5: bool) -> re.Pattern[str]:
    """A character text read as Big5 (or as GBK) seldom holds: not ASCII,
    punctuation, a full-width form, nor a frequent ideograph: Big5's level 1
    (A440-C67E), or GB2312's."""
    if big5:
        trails = [*range(0x40, 0x7F), *range(0xA1, 0xFF)]
        frequent = _pairs(range(0xA4, 0xC6), trails, _BIG5)
        frequent |= _pairs(range(0xC6, 0xC7), range(0x40, 0x7F), _BIG5)
    else:
        frequent = _pairs(range(0xB0, 0xF8), range(0xA1, 0xFF), "gb2312")
    punctuation = {
        chr(code)
        for code in range(0x80, 0x10000)
        if unicodedata.category(chr(code)) in _PUNCTUATION
    }
    common = "".join(sorted(frequent | punctuation))
    return re.compile(rf"[^\x00-\x7f\uff01-\uff5e{re.escape(common)}]")


def rare(text: str, *, big5: bool) -> int:
    """How many characters of ``text``, read as Big5 or as GBK, text in that
    encoding seldom holds (a character it could not read among them)."""
    return sum(1 for _ in _seldom(big5).finditer(text))


def reads_better_as_big5(data: bytes) -> bool:
    """Whether ``data`` (a line, say) reads as Big5 with fewer seldom-seen
    characters than as GBK."""
    big5 = rare(data.decode(_BIG5, "replace"), big5=True)
    return big5 < rare(data.decode("gb18030", "replace"), big5=False)


def big5_reading(data: bytes, gb_text: str, path: Path) -> tuple[str, str] | None:
    """``data``'s text and encoding when it is Big5 rather than the GB18030
    ``gb_text`` it reads as too; None when it is GBK.  A Big5 file with a
    line in another encoding (rows pasted in from a mainland list) is
    refused, naming the line: read as Big5, its names would be nonsense."""
    gb_rare = rare(gb_text, big5=False)
    if not gb_rare:
        return None  # GB2312 text throughout: GBK, whatever Big5 makes of it
    text = data.decode(_BIG5, "replace")  # a byte Big5 cannot read counts as seldom seen
    if rare(text, big5=True) >= gb_rare:
        return None
    encoding = _BIG5
    if "\ufffd" in text:
        with contextlib.suppress(UnicodeDecodeError):  # a line in no Big5: named below
            text, encoding = data.decode(_BIG5_HK), _BIG5_HK
    _refuse_other_lines(data, encoding, path)
    return text, encoding


def _refuse_other_lines(data: bytes, encoding: str, path: Path) -> None:
    """Refuse the first line of a Big5 file that ``encoding`` cannot read,
    or that reads as Big5 with seldom-seen characters and is UTF-8 or reads
    better as GBK."""
    for number, line in enumerate(data.split(b"\n"), start=1):
        if line.isascii():
            continue
        try:
            # Most Big5 lines hold nothing seldom seen: Big5, whatever else they read as.
            seldom = rare(line.decode(encoding), big5=True)
        except UnicodeDecodeError:
            seldom = -1
        if not seldom:
            continue
        then = "UTF-8" if reads_as(line, "utf-8") else "GBK"
        if (
            seldom > 0
            and then == "GBK"
            and rare(line.decode("gb18030", "replace"), big5=False) >= seldom
        ):
            continue  # a rare Big5 character, not a GBK line
        raise InputError(
            Text("encoding_mixed_unmarked", first="Big5", then=then),
            path=path,
            row=number,
            hint=Text("encoding_mixed_action"),
        )


def reads_as(line: bytes, encoding: str) -> bool:
    """Whether ``line`` decodes in ``encoding`` without a fault."""
    try:
        line.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True
