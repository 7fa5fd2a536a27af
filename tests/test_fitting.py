"""Console tables fitted to the console: ids, dates, times and headings whole."""

from __future__ import annotations

import io

import pytest
from rich.cells import cell_len
from rich.table import Table

from returnbus.fitting import Column, fitted
from returnbus.linebreak import FillingConsole, unbreakable

from .helpers import broken_headings, wider_lines

WIDTH = 80


def _shown(tables: list[Table], width: int = WIDTH) -> str:
    console = FillingConsole(file=io.StringIO(), width=width, markup=False)
    for table in tables:
        console.print(table)
    return console.file.getvalue()  # type: ignore[attr-defined,no-any-return]


#: A list of workers changed, as `diff` shows it: ids and times before and after.
_COLUMNS = [
    Column("工号", whole=True),
    Column("变动"),
    Column("原车辆", whole=True),
    Column("新车辆", whole=True, with_previous=True),
    Column("原上车地点"),
    Column("新上车地点", with_previous=True),
    Column("原上车时间", whole=True),
    Column("新上车时间", whole=True, with_previous=True),
]
_ROWS = [
    ["W00020", "车辆、上车时间", "Bf7933d", "B7de1bf", "河堰镇 兴竹村", "双山镇", t, u]
    for t, u in (("2020-03-18 08:18", "2020-03-18 12:03"), ("2020-03-17 23:45", ""))
]


def test_a_table_too_wide_is_shown_as_tables_each_led_by_its_key() -> None:
    """Eight columns of ids, places and times do not fit 80 cells unbroken:
    Rich folded the times ("2020" over "-03-") and the headings.  They are
    now two tables, each led by the worker id, every time and heading whole,
    and each pair of before and after in one table."""
    plain = Table()
    for column in _COLUMNS:
        plain.add_column(column.heading)
    for row in _ROWS:
        plain.add_row(*row)
    folded = _shown([plain])
    assert "2020-03-18 08:18" not in folded  # as Rich alone shows it

    tables = fitted("2 名员工有变动", _COLUMNS, _ROWS, WIDTH)
    said = _shown(tables)
    assert len(tables) == 2 and not wider_lines(said, WIDTH), said
    assert all(t.columns[0].header == "工号" for t in tables)
    assert [len(t.rows) for t in tables] == [2, 2]
    whole = [cell for row in _ROWS for cell, c in zip(row, _COLUMNS, strict=True) if c.whole]
    assert all(cell in said for cell in whole), said
    assert not broken_headings(said, [c.heading for c in _COLUMNS]), said
    paired = {"原车辆": "新车辆", "原上车地点": "新上车地点", "原上车时间": "新上车时间"}
    for table in tables:
        headings = [str(c.header) for c in table.columns]
        assert all((a in headings) == (b in headings) for a, b in paired.items())
    assert tables[0].title == "2 名员工有变动" and tables[1].title is None


def test_a_table_that_fits_is_one_table_as_rich_draws_it() -> None:
    """On a console wide enough, the table is the one Rich draws itself."""
    plain = Table(title="2 名员工有变动", title_justify="left")
    for column in _COLUMNS:
        plain.add_column(column.heading, justify=column.justify)
    for row in _ROWS:
        plain.add_row(*row)
    tables = fitted("2 名员工有变动", _COLUMNS, _ROWS, 200)
    assert len(tables) == 1
    assert _shown(tables, 200) == _shown([plain], 200)


@pytest.mark.parametrize("width", range(44, 121, 4))
def test_words_fold_between_them_and_headings_break_at_spaces(width: int) -> None:
    """A column of English words folds between words, never within one; an
    English heading breaks at its spaces; an id stays whole; at any width
    where the widest column fits."""
    columns = [
        Column("Worker ID", whole=True),
        Column("Outcome before"),
        Column("Outcome after", with_previous=True),
        Column("What to do"),
    ]
    tell = "board the bus at 河堰镇兴竹村 at 2020-03-18 08:18, or call the desk"
    rows = [["W00020", "self-return", "unassigned", tell]]
    said = _shown(fitted("1 worker changed", columns, rows, width), width)
    assert not wider_lines(said, width), said
    assert not broken_headings(said, [c.heading for c in columns]), said
    assert {"W00020", "self-return", "unassigned", "2020-03-18", "08:18,"} <= {
        word for line in said.splitlines() for cell in line.split("│") for word in cell.split()
    }, said


def test_the_widest_run_no_line_breaks_within() -> None:
    """`unbreakable`: an English word, an id or a date whole; Chinese one
    character, with a mark that may not begin a line."""
    assert unbreakable("2020-03-18 08:18") == 10
    assert unbreakable("W00020") == 6
    assert unbreakable("河堰镇兴竹村") == 2
    assert unbreakable("安排、退出") == 4
    assert unbreakable("the bus\nBf7933d") == 7
    assert unbreakable("") == 0


@pytest.mark.parametrize("width", range(30, 81, 5))
def test_a_list_of_words_breaks_only_between_them(width: int) -> None:
    """What changed, Chinese words joined by 、, was broken between any two
    characters when the places beside it took the room ("安" / "排、退" /
    "出"): a listed column breaks only after its marks, each word whole on
    its line, at any width where the widest word fits."""
    columns = [
        Column("工号", whole=True),
        Column("变动", listed=True),
        Column("原上车地点"),
        Column("新上车地点", with_previous=True),
    ]
    changed = ["车辆", "上车点", "时间", "同车随行须隔离"]
    rows = [
        ["W00020", "、".join(changed), "河堰镇兴竹村", "双山镇"],
        ["W00158", "安排、退出", "", ""],
    ]
    said = _shown(fitted("2 名员工有变动", columns, rows, width), width)
    assert not wider_lines(said, width), said
    shown = {
        word
        for line in said.splitlines()
        if line.startswith("│")
        for cell in line.split("│")
        for word in cell.replace("、", " ").split()
    }
    assert {*changed, "安排", "退出"} <= shown, said


@pytest.mark.parametrize("width", [80, 100, 120])
def test_room_goes_where_a_row_is_tallest(width: int) -> None:
    """`check` on an 80-column console gave all its room to the longest
    column (what to do) and left the problem four cells wide, eleven lines
    of two characters: the room now goes to the column whose cell takes the
    most lines, so no row is taller than the two texts need side by side."""
    columns = [
        Column("行号", whole=True),
        Column("列", whole=True),
        Column("内容"),
        Column("类型", whole=True),
        Column("问题"),
        Column("处理办法"),
    ]
    problem = "本行有 17 个单元格，表头只有 15 列"
    action = "单元格内未加引号的逗号或换行会拆分或合并行；请在 Excel 或文本编辑器中修正该行"
    tables = fitted("roster.csv", columns, [["3", "P", "", "错误", problem, action]], width)
    said = _shown(tables, width)
    assert len(tables) == 1 and not wider_lines(said, width), said
    body = [line for line in said.splitlines() if line.startswith("│")]
    # The two texts need (their width over the room the six columns leave) lines, one more
    # for where words break: never the eleven of a problem column four cells wide.
    room = width - 31
    needed = -(-(cell_len(problem) + cell_len(action)) // room) + 1
    assert len(body) <= needed, said
