"""Console tables fitted to the console, with nothing read whole broken.

Rich fits a table wider than the console by narrowing its columns, then
breaks their cells wherever a column ends: on an 80-column console a pickup
time read "2020" / "-03-" / "18" / "08:1" / "8", a masked ID number
"510**********9" / "906", a heading "Worke" / "rs" or "自行" / "返岗".

Here each column is at least as wide as the widest thing in it that no line
may break within: each word of its heading (a Chinese heading whole), and
each line of a cell in a column read whole (`Column.whole`: ids, dates,
times, counts), or each word of one in a column of words, Chinese breaking
between its characters (`linebreak.unbreakable`), or each word of a list
(`Column.listed`: what changed, "车辆、上车点"), which breaks only after
its marks, never within a word ("安" / "排、退" / "出").  The room left goes to
the columns that want it most, as Rich gives it.  When the columns cannot
all be so wide on the console, the table is shown as several, each with as
many columns as fit and led by the key columns (the worker id), so that
every row still reads whole: no column is left out, no cell cut short.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.table import Table
from rich.text import Text

from .linebreak import unbreakable

if TYPE_CHECKING:
    from rich.console import JustifyMethod

#: A cell: plain text, or text styled (a count over the fleet, in red).
Cell = str | Text

#: The cells a column takes beside its text: a space either side and the
#: rule on its right; the table's left edge is one more.
_RULED = 3

#: Where a line of a list (`Column.listed`) may break: after a mark that
#: parts its words (、，) or a space, before the next word.
_LIST_BREAK = re.compile(r"(?<=[、，\s])(?=\S)")


@dataclass(frozen=True, slots=True)
class Column:
    """A column of a console table.  ``whole``: its cells are ids, dates,
    times or counts, each line of which is read whole; else words, which
    fold between them.  ``with_previous``: shown in the same table as the
    column before it (a value before and after a change), never apart.
    ``listed``: its cells are lists of words ("车辆、上车点", "bus, stop"),
    each word whole on a line: Rich would break Chinese between any two
    characters."""

    heading: str
    whole: bool = False
    listed: bool = False
    justify: JustifyMethod = "left"
    with_previous: bool = False


def fitted(
    title: str,
    columns: Sequence[Column],
    rows: Sequence[Sequence[Cell]],
    width: int,
    *,
    keys: int = 1,
) -> list[Table]:
    """The table of ``columns`` and ``rows`` as tables no wider than
    ``width`` cells, nothing read whole broken: one when its columns fit
    beside each other, else several, each led by the first ``keys`` columns
    (the first titled ``title``).  Were a column too wide for the console
    even beside the keys alone, Rich folds its table as it would."""
    cells = [[row[k] for row in rows] for k in range(len(columns))]
    least = [_least(column, cells[k]) for k, column in enumerate(columns)]
    most = [max(least[k], _most(column, cells[k])) for k, column in enumerate(columns)]
    tables: list[Table] = []
    for shown in _groups(columns, least, width, keys):
        table = Table(title=None if tables else title, title_justify="left")
        widths = _widths([least[k] for k in shown], [most[k] for k in shown], width)
        for k, room in zip(shown, widths, strict=True):
            table.add_column(
                columns[k].heading, justify=columns[k].justify, width=room, overflow="fold"
            )
        for row in rows:
            table.add_row(
                *(
                    _broken(row[k], room) if columns[k].listed else row[k]
                    for k, room in zip(shown, widths, strict=True)
                )
            )
        tables.append(table)
    return tables


def _plain(cell: Cell) -> str:
    return cell.plain if isinstance(cell, Text) else cell


def _least(column: Column, cells: Sequence[Cell]) -> int:
    """The narrowest ``column`` may be: its heading's widest word (headings
    break at spaces only), and its cells' widest line, or widest word."""
    heading = max((cell_len(word) for word in column.heading.split()), default=1)
    if column.whole:
        shown = (cell_len(line) for cell in cells for line in _plain(cell).split("\n"))
    elif column.listed:
        shown = (cell_len(word) for cell in cells for word in _words(_plain(cell)))
    else:
        shown = (unbreakable(_plain(cell)) for cell in cells)
    return max(heading, 1, *shown)


def _words(text: str) -> list[str]:
    """The words of a list, each with the mark that follows it (、), no space."""
    return [word.rstrip() for line in text.split("\n") for word in _LIST_BREAK.split(line)]


def _broken(cell: Cell, width: int) -> Cell:
    """``cell``, a list, broken into lines of at most ``width`` cells only
    between its words, each line as full as it can be.  Rich then finds each
    line fits and breaks none (a word wider than ``width`` it folds)."""
    text = cell if isinstance(cell, Text) else Text(cell)
    lines: list[Text] = []
    for line in text.split(allow_blank=True):
        starts = [0, *(found.start() for found in _LIST_BREAK.finditer(line.plain))]
        breaks, begun = [], 0
        for start, end in zip(starts, [*starts[1:], len(line.plain)], strict=True):
            if start > begun and cell_len(line.plain[begun:end].rstrip()) > width:
                breaks.append(start)
                begun = start
        for piece in line.divide(breaks):
            piece.rstrip()
            lines.append(piece)
    broken = Text("\n").join(lines)
    return broken if isinstance(cell, Text) else broken.plain


def _most(column: Column, cells: Sequence[Cell]) -> int:
    """The width ``column`` takes with no line broken."""
    texts = [column.heading, *(_plain(cell) for cell in cells)]
    return max(cell_len(line) for text in texts for line in text.split("\n"))


def _needs(least: Sequence[int]) -> int:
    """The cells a table of columns at least ``least`` wide takes."""
    return sum(least) + _RULED * len(least) + 1


def _groups(
    columns: Sequence[Column], least: Sequence[int], width: int, keys: int
) -> list[list[int]]:
    """The columns (by index) of each table: the keys, then as many of the
    rest as fit ``width`` beside them, a column `with_previous` kept with
    the one before it."""
    units: list[list[int]] = []
    for k in range(keys, len(columns)):
        if columns[k].with_previous and units:
            units[-1].append(k)
        else:
            units.append([k])
    led = list(range(keys))
    groups = [led]
    for unit in units:
        joined = groups[-1] + unit
        if len(groups[-1]) > keys and _needs([least[k] for k in joined]) > width:
            groups.append(led + unit)
        else:
            groups[-1] = joined
    return groups


def _widths(least: Sequence[int], most: Sequence[int], width: int) -> list[int]:
    """Each column's width: its least, and then, one cell at a time, what
    room is left on the line to the column whose widest text takes the most
    lines, of those the furthest from its most: a row is as tall as its
    tallest cell, and room given to the longest text alone (what to do)
    left a shorter one (the problem) folded into lines of two characters."""
    widths = list(least)
    room = width - _needs(least)
    while room > 0:
        k = max(
            range(len(widths)),
            key=lambda i: (-(-most[i] // widths[i]), most[i] - widths[i]),
        )
        if widths[k] >= most[k]:
            break
        widths[k] += 1
        room -= 1
    return widths
