"""Letters that look like Latin ones and are not: a Cyrillic е for an e, a
Greek ο for an o, a full-width ｄ for a d.  A setting's name typed with one
(pasted from a chat, or an input method left in full-width mode) looks right
on screen and is refused all the same; the desk is told which letter it is,
and which known name it reads as with the Latin letter."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping

from ..text import Text, listed

#: Cyrillic and Greek letters drawn like a Latin letter in most fonts.
_LOOKALIKE: Mapping[str, str] = {
    # Cyrillic
    "а": "a", "в": "b", "с": "c", "ԁ": "d", "е": "e", "һ": "h", "і": "i", "ј": "j",
    "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "ԛ": "q", "ѕ": "s", "т": "t",
    "у": "y", "ԝ": "w", "х": "x", "ɡ": "g",
    "А": "A", "В": "B", "С": "C", "Е": "E", "Н": "H", "І": "I", "Ј": "J", "К": "K",
    "М": "M", "О": "O", "Р": "P", "Ѕ": "S", "Т": "T", "Х": "X", "У": "Y",
    # Greek
    "α": "a", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t",
    "υ": "u", "χ": "x",
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M",
    "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
}  # fmt: skip

#: The scripts a lookalike letter is named by, as the desk reads them.
_SCRIPTS = {
    "CYRILLIC": "script_cyrillic",
    "GREEK": "script_greek",
    "FULLWIDTH": "script_full_width",
}


def latin_of(char: str) -> str:
    """The Latin letter, digit, ``_`` or ``-`` that ``char`` looks like, or
    "" when it looks like none (or is one)."""
    if char in _LOOKALIKE:
        return _LOOKALIKE[char]
    if "\uff01" <= char <= "\uff5e":  # a full-width form: its half-width self
        plain = unicodedata.normalize("NFKC", char)
        if plain.isascii() and (plain.isalnum() or plain in "_-"):
            return plain
    return ""


def has_lookalike(name: str) -> bool:
    """Whether ``name`` holds a letter that only looks like a Latin one."""
    return any(latin_of(c) for c in name)


def in_latin(name: str) -> str:
    """``name`` with each lookalike letter as the Latin one it looks like."""
    return "".join(latin_of(c) or c for c in name)


def lookalikes_said(name: str) -> Text:
    """The lookalike letters of ``name``, each with its code, its script and
    the Latin letter it looks like: ``е (U+0435, Cyrillic) for e``."""
    said = []
    for char in dict.fromkeys(c for c in name if latin_of(c)):
        script = unicodedata.name(char, "").split(" ", 1)[0]
        said.append(
            Text(
                "lookalike_letter",
                letter=char,
                code=f"U+{ord(char):04X}",
                script=Text(_SCRIPTS.get(script, "script_other")),
                latin=latin_of(char),
            )
        )
    return listed(said)
