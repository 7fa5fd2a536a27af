"""Console lines: Chinese fills each line before it breaks; English breaks at spaces."""

from __future__ import annotations

import io
import logging
import re
from itertools import pairwise
from pathlib import Path

import pytest
import typer
from rich.cells import cell_len
from rich.console import Console

from returnbus import cli
from returnbus.errors import InputError
from returnbus.linebreak import FillingConsole, divide_line
from returnbus.render.labels import counted, label
from returnbus.text import Lang, Text

WIDTH = 80
#: A line may end this many cells short: a character that must keep its
#: mark (字， 4 cells) or a wide character when one cell is left.
SHORT = 4


@pytest.fixture
def eighty(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line's consoles 80 columns wide, as when piped to a file."""
    for each in (cli.out, cli.console):
        monkeypatch.setattr(each, "size", (WIDTH, 25))


def _messages(lang: Lang) -> list[str]:
    """Long messages the command line prints: the demo's line on workers to call
    and the roster's warnings at the end of a plan."""
    return [
        label("to_call_title", lang, count=6),
        label(
            "roster_warned",
            lang,
            warnings=counted("warnings", 6, lang),
            scenario=Path("sample_data/jiangjin/scenario.toml"),
        ),
    ]


def _error() -> InputError:
    return InputError(
        Text(
            "rooms_disagree",
            rooms="12 间",
            listed="10 间",
            count_column="房间数",
            list_column="房号",
        ),
        path=Path("宿舍.csv"),
        row=2,
        column="房间数",
        hint=Text(
            "rooms_disagree_action", rooms="12 间", count_column="房间数", list_column="房号"
        ),
    )


def _assert_filled(said: str, printed: str) -> None:
    """``printed`` holds ``said``'s words unchanged, each paragraph on lines
    that are full but for its last."""
    lines = printed.rstrip("\n").split("\n")
    for paragraph in said.split("\n"):
        words = "".join(paragraph.split())
        taken: list[str] = []
        while "".join("".join(taken).split()) != words:
            assert lines, f"{paragraph!r} not printed whole:\n{printed}"
            taken.append(lines.pop(0))
        for line in taken:
            assert cell_len(line.rstrip()) <= WIDTH, printed
        for line, after in pairwise(taken):
            # Short only when the next line begins with an English word (a path,
            # a command) too long for what was left: English breaks at spaces.
            left = WIDTH - cell_len(line.rstrip())
            word = re.match(r"[!-~]*", after.lstrip())
            assert word is not None
            assert left <= SHORT or len(word.group()) >= left, f"short {line!r}:\n{printed}"
    assert not lines, printed


@pytest.mark.usefixtures("eighty")
def test_chinese_printed_fills_each_line_before_it_breaks(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Rich broke only at spaces: ``待联系 6`` stood alone and the Chinese after
    it went to the next line whole.  Printed, warned, refused and logged."""
    first, warned = _messages("zh")
    cli.out.print(first)
    _assert_filled(first, capsys.readouterr().out)
    cli.out.print(first)
    assert capsys.readouterr().out.startswith("待联系 6 人：名单上没有手机号，")
    cli.console.print(cli._styled("警告：", "bold yellow", " " + warned))
    _assert_filled("警告： " + warned, capsys.readouterr().err)
    with pytest.raises(typer.Exit), cli._errors(cli._Voice()):
        raise _error()
    _assert_filled("错误： " + _error().said("zh"), capsys.readouterr().err)
    cli._logging(False, cli._Voice())
    worry = "系统资源暂时不足，无法为新的工作进程分配内存，请关闭其他占用内存的程序后再规划一次"
    logging.getLogger("returnbus.test").warning(Text("log_one_process", error=worry))
    _assert_filled(f"警告： 改为单进程运行：无法启动工作进程（{worry}）", capsys.readouterr().err)


@pytest.mark.usefixtures("eighty")
def test_english_printed_breaks_at_spaces_as_rich_breaks_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """English, paths and commands break where Rich breaks them: at spaces,
    and a path wider than the line folded."""
    long_path = "/srv/desk/" + "/".join(["batches_of_march"] * 6) + "/roster.csv"
    for said in [*_messages("en"), _error().said("en"), f"the roster {long_path} is read"]:
        cli.out.print(said)
        plain = Console(file=io.StringIO(), width=WIDTH, markup=False)
        plain.print(said)
        assert capsys.readouterr().out == plain.file.getvalue()  # type: ignore[attr-defined]


@pytest.mark.parametrize("width", range(14, 61))  # the longest word fits
def test_no_line_begins_with_a_closing_mark_nor_ends_with_an_opening_one(width: int) -> None:
    """Chinese may break between any two characters, but a line begins with
    no ，。；：）」 and ends with no （「; English still breaks at spaces only."""
    said = (
        "错误： 文件 宿舍.csv，第 2 行：“房间数”为 12 间（房号列出 10 间）；请保留正确的一项。"
        "「待联系」表见 lists.xlsx，或运行 returnbus check roster.csv --scenario scenario.toml"
    )
    console = FillingConsole(file=io.StringIO(), width=width, markup=False)
    console.print(said)
    lines = [line.rstrip() for line in console.file.getvalue().rstrip("\n").split("\n")]  # type: ignore[attr-defined]
    assert "".join("".join(lines).split()) == "".join(said.split())
    at = 0  # where in ``said`` the next line begins
    for line, after in pairwise(lines):
        assert cell_len(line) <= width
        assert after[0] not in "，。；：）」" and line[-1] not in "（「", (line, after)
        at = said.index(line, at) + len(line)
        # English words stay whole: each break is at a space or next to Chinese.
        assert said[at].isspace() or not (line[-1].isascii() and after[0].isascii()), (
            line,
            after,
        )


def test_a_chinese_value_in_ascii_quotes_keeps_its_quotes() -> None:
    """An English message quoting a Chinese value: the quotes stay with it
    (an ASCII quote opens and closes alike), the value itself may break."""
    said = 'worker G1 is quarantined, it says, for "密切接触者", but'
    opening, closing = said.index('"') + 1, said.rindex('"')
    for width in range(10, len(said)):
        breaks = divide_line(said, width)
        assert opening not in breaks and closing not in breaks, (width, breaks)
