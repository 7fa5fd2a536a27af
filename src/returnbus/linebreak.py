"""Console lines that Chinese fills before it breaks.

Rich wraps text at spaces only: to it a run of Chinese is one long "word",
so ``待联系 6 人：名单上没有手机号，……`` broke after the 6, leaving a short
ragged line, and the whole run moved to the next one.  Chinese needs no
spaces between words: a line may break between any two Chinese characters,
though not before a closing mark (，。；：）」 …) nor after an opening one
(（「 …).  English, paths and commands still break at spaces only, as Rich
breaks them.  The words are not changed: only where the lines end.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from logging import LogRecord
from typing import TYPE_CHECKING, Any, cast

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, ConsoleRenderable, RenderableType
from rich.logging import RichHandler
from rich.segment import Segment
from rich.text import Text

if TYPE_CHECKING:
    from rich.console import JustifyMethod, OverflowMethod
    from rich.containers import Lines

#: Marks a line may not begin with: closing brackets and quotes, the marks
#: that end a clause or sentence, and the ASCII ones the tables may read
#: full-width marks as.  ASCII quotes open and close alike: neither side.
_NO_BREAK_BEFORE = frozenset("，。、；：！？）】」』》〉〕］｝”’…—·～％" + ",.;:!?)]}%\"'")
#: Marks a line may not end with: opening brackets and quotes.
_NO_BREAK_AFTER = frozenset("（【「『《〈〔［｛“‘·" + "([{\"'")


def _wide(char: str) -> bool:
    """A Chinese character or full-width mark (two cells on a console)."""
    return unicodedata.east_asian_width(char) in ("W", "F")


def _may_break(before: str, after: str) -> bool:
    """Whether a line may end between ``before`` and ``after``."""
    if after.isspace():  # spaces stay at the end of the line they follow
        return False
    if before.isspace():  # English: after a space, as Rich breaks
        return True
    if after in _NO_BREAK_BEFORE or before in _NO_BREAK_AFTER:
        return False
    return _wide(before) or _wide(after)


def _chop(unit: str, width: int) -> list[str]:
    """``unit`` in pieces of at most ``width`` cells (at least a character each)."""
    pieces = [""]
    for char in unit:
        if pieces[-1] and cell_len(pieces[-1] + char) > width:
            pieces.append("")
        pieces[-1] += char
    return pieces


def _starts(text: str) -> list[int]:
    """Where in ``text`` (one line) a new line may start: at 0, and at each
    place `_may_break` allows."""
    return [0, *(i for i in range(1, len(text)) if _may_break(text[i - 1], text[i]))]


def unbreakable(text: str) -> int:
    """The cells of the widest run of ``text`` that no line break falls
    within: an English word, an id, a date, a time; a Chinese character
    with the marks that may not be parted from it.  A console column this
    wide shows ``text`` broken only where `divide_line` may break it."""
    widest = 0
    for line in text.split("\n"):
        starts = _starts(line)
        for start, end in zip(starts, [*starts[1:], len(line)], strict=True):
            widest = max(widest, cell_len(line[start:end].rstrip()))
    return widest


def divide_line(text: str, width: int, fold: bool = True) -> list[int]:
    """Where ``text`` (one line, no newline) breaks to fit ``width`` cells:
    the offsets each new line starts at, as Rich's own ``divide_line`` gives
    them, but with a break allowed between Chinese characters, so that each
    line is filled.  ``fold``: a run wider than a line (a long path) is
    folded across lines, as Rich folds it; else it is left whole to be cut."""
    starts = _starts(text)
    breaks: list[int] = []
    used = 0  # cells taken on the current line
    for start, end in zip(starts, [*starts[1:], len(text)], strict=True):
        unit = text[start:end]
        length = cell_len(unit.rstrip())
        if width - used >= length:
            used += cell_len(unit)
            continue
        if used and start:
            breaks.append(start)
        used = cell_len(unit)
        if length > width and fold:
            stripped = unit.rstrip()
            pieces = _chop(stripped, width)
            for piece in pieces[:-1]:
                start += len(piece)
                breaks.append(start)
            used = cell_len(pieces[-1] + unit[len(stripped) :])
    return breaks


class FilledText(Text):
    """Rich text whose lines Chinese fills before they break; styled as any `Text`."""

    @classmethod
    def of(cls, text: Text) -> FilledText:
        """``text`` with its styles, filled."""
        filled = cls(
            text.plain,
            style=text.style,
            justify=text.justify,
            overflow=text.overflow,
            no_wrap=text.no_wrap,
            end=text.end,
            tab_size=text.tab_size,
        )
        filled.spans = list(text.spans)
        return filled

    def wrap(
        self,
        console: Console,
        width: int,
        *,
        justify: JustifyMethod | None = None,
        overflow: OverflowMethod | None = None,
        tab_size: int = 8,
        no_wrap: bool | None = None,
    ) -> Lines:
        """The lines, broken where `divide_line` says; then justified and cut
        by Rich, which finds each already fits."""
        overflow = overflow or self.overflow
        if no_wrap or (no_wrap is None and self.no_wrap) or overflow == "ignore":
            return super().wrap(
                console,
                width,
                justify=justify,
                overflow=overflow,
                tab_size=tab_size,
                no_wrap=no_wrap,
            )
        fold = overflow in (None, "fold")  # Rich folds unless told otherwise
        pieces: list[Text] = []
        for line in self.split(allow_blank=True):
            if "\t" in line:
                line.expand_tabs(tab_size)
            pieces.extend(line.divide(divide_line(line.plain, width, fold=fold)))
        broken = Text("\n").join(pieces)
        return broken.wrap(
            console, width, justify=justify or self.justify, overflow=overflow, tab_size=tab_size
        )


class FillingConsole(Console):
    """A Rich console whose text is filled: printed, logged, in tables and titles."""

    @classmethod
    def filling(cls, console: Console) -> FillingConsole:
        """``console`` itself, set up as its maker set it up (a library's own,
        Typer's help console), now filling its text.  A `FillingConsole`
        keeps no state of its own, so it is the same console as another class."""
        console.__class__ = cls
        return cast(FillingConsole, console)

    def render(
        self, renderable: RenderableType, options: ConsoleOptions | None = None
    ) -> Iterable[Segment]:
        """The segments of ``renderable``, a plain `Text` filled: Rich renders
        a table's or a panel's cells through here, and Typer's help gives
        its help texts as `Text`, not as strings (`render_str`)."""
        filled = FilledText.of(renderable) if type(renderable) is Text else renderable
        return super().render(filled, options)

    def render_str(self, text: str, *args: Any, **kwargs: Any) -> Text:
        """The string as Rich renders it (a table's cell, a title), filled."""
        return FilledText.of(super().render_str(text, *args, **kwargs))

    def _collect_renderables(self, *args: Any, **kwargs: Any) -> list[ConsoleRenderable]:
        # What `print` and `log` render: Rich joins the strings and texts printed
        # together into one plain `Text` (its own class, whatever they were).
        return [
            FilledText.of(each) if type(each) is Text else each
            for each in super()._collect_renderables(*args, **kwargs)
        ]


class FillingHandler(RichHandler):
    """Rich's log handler, its messages filled."""

    def render_message(self, record: LogRecord, message: str) -> ConsoleRenderable:
        """The message as Rich renders it, filled."""
        rendered = super().render_message(record, message)
        return FilledText.of(rendered) if isinstance(rendered, Text) else rendered
