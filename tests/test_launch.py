"""The console script: a Ctrl-C while the command line loads."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from returnbus import launch

from .helpers import run


@pytest.fixture(autouse=True)
def _no_ctrl_c_yet(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each test's run as one of its own: no Ctrl-C come yet, and Python's
    Ctrl-C handler back as it was (`launch.keep_ctrl_c` takes it)."""
    monkeypatch.setattr(launch, "_STOPPING", threading.Event(), raising=False)
    handler = signal.getsignal(signal.SIGINT)
    yield
    signal.signal(signal.SIGINT, handler)


def test_the_console_script_loads_the_command_line_under_the_guard() -> None:
    (script,) = entry_points(group="console_scripts", name="returnbus")
    assert script.value == "returnbus.launch:main"


def _interrupted_extension() -> None:
    """What OR-Tools says when a Ctrl-C comes while it initialises."""
    try:
        raise KeyboardInterrupt
    except KeyboardInterrupt as stop:
        raise ImportError("initialization failed") from stop


@pytest.mark.parametrize(
    ("args", "said"), [(["plan", "s.toml"], "已中断"), (["plan", "--lang", "en"], "interrupted")]
)
def test_ctrl_c_while_loading_is_said_with_exit_130(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], args: list[str], said: str
) -> None:
    monkeypatch.setattr(launch, "_load", _interrupted_extension)
    monkeypatch.setattr(sys, "argv", ["returnbus", *args])
    with pytest.raises(SystemExit) as stop:
        launch.main()
    assert stop.value.code == 130
    assert capsys.readouterr().err.strip() == said


def test_another_import_error_is_not_taken_for_a_ctrl_c(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> None:
        raise ImportError("no module named pandas")

    monkeypatch.setattr(launch, "_load", broken)
    with pytest.raises(ImportError, match="pandas"):
        launch.main()


def test_the_words_load_without_pandas() -> None:
    """After a Ctrl-C the words are read without the heavy modules it interrupted."""
    code = (
        "import sys; from returnbus.render.labels import label; label('interrupted', 'zh');"
        " sys.exit('pandas' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


class _InterruptedFinalizer:
    def __del__(self) -> None:
        raise KeyboardInterrupt


def _run_on() -> None:
    _InterruptedFinalizer()  # collected at once: its __del__ is interrupted
    for _ in range(100_000_000):  # the run goes on: the interrupt comes back here
        pass


def test_ctrl_c_in_a_finalizer_stops_the_run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "unraisablehook", sys.__unraisablehook__)
    launch.keep_ctrl_c()
    with pytest.raises(KeyboardInterrupt):
        _run_on()
    assert "Exception ignored" not in capsys.readouterr().err


def test_other_unraisable_errors_are_still_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[type[BaseException]] = []
    monkeypatch.setattr(sys, "unraisablehook", lambda u: seen.append(type(u.exc_value)))
    launch.keep_ctrl_c()

    class Broken:
        def __del__(self) -> None:
            raise ValueError

    Broken()
    assert seen == [ValueError]


class _Element:
    """An lxml element being written: closed out of turn, it raises."""

    def __enter__(self) -> None:
        pass

    def __exit__(self, *exc: object) -> None:
        raise RuntimeError("not in an element")


def _sheet_rows() -> Iterator[int]:
    """A workbook sheet's writer, as openpyxl's write-only sheets are."""
    with _Element():
        yield 1


def test_what_a_ctrl_c_leaves_half_written_says_nothing_as_the_run_stops(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A Ctrl-C while the workbooks were written left their sheets' writers
    half way; collected as the run stopped, each printed "Exception ignored
    in: <generator ...>" and an lxml traceback: a hundred under "已中断".
    After a Ctrl-C nothing of them is said; before one, it still is."""
    seen: list[type[BaseException]] = []
    monkeypatch.setattr(sys, "unraisablehook", lambda u: seen.append(type(u.exc_value)))
    launch.keep_ctrl_c()
    writer = _sheet_rows()
    next(writer)
    del writer  # closed before any Ctrl-C: a fault, reported
    assert seen == [RuntimeError]
    writer = _sheet_rows()
    next(writer)
    with pytest.raises(KeyboardInterrupt):
        signal.raise_signal(signal.SIGINT)  # the desk's Ctrl-C
    del writer
    assert seen == [RuntimeError]


def test_ctrl_c_as_a_command_loads_an_extension_is_no_internal_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A C extension a command imports on first use, interrupted as it
    initialises, says ImportError: that was said as a fault in returnbus
    (exit 1); it is the Ctrl-C it was caused by."""
    import returnbus.run

    def interrupted(folder: Path) -> None:
        _interrupted_extension()

    monkeypatch.setattr(returnbus.run, "ledger_problems", interrupted)
    capsys.readouterr()
    assert run(["verify", str(tmp_path), "--lang", "en"]) == 130
    err = capsys.readouterr().err
    assert "interrupted" in err and "ImportError" not in err, err
