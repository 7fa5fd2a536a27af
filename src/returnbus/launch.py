"""The console script's entry point: it loads the command line, and a Ctrl-C
while it loads (a second or so: pandas, OR-Tools) ends as one later does,
"interrupted" in the desk's language and exit 130, not a traceback.  A
C extension interrupted while it initialises says ImportError, caused by
the KeyboardInterrupt."""

from __future__ import annotations

import _thread
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from types import FrameType
from typing import Any

#: The exit code of a command stopped by Ctrl-C (128 + SIGINT), as a shell gives.
INTERRUPTED = 130
#: How long after a finalizer's Ctrl-C it is raised again: the finalizer is done by then.
_PASS_ON_SECONDS = 0.05
#: Set once a Ctrl-C has come: the run is stopping.
_STOPPING = threading.Event()


def interrupted_by(error: BaseException) -> bool:
    """Whether ``error`` is, or was caused by, a Ctrl-C (a KeyboardInterrupt)."""
    seen: set[int] = set()
    cause: BaseException | None = error
    while cause is not None and id(cause) not in seen:
        if isinstance(cause, KeyboardInterrupt):
            return True
        seen.add(id(cause))
        cause = cause.__cause__ or cause.__context__
    return False


def keep_ctrl_c() -> None:
    """Make a Ctrl-C that lands in a finalizer (``__del__``, run as a
    workbook's temporary file is collected) stop the run, as anywhere else,
    and say nothing of what the finalizers it leaves behind complain of.

    Python cannot raise from a finalizer: it printed "Exception ignored ...
    KeyboardInterrupt" with a traceback, and the run went on to the end as
    if no Ctrl-C had come.  The interrupt is now passed on to the main
    thread, where it is raised once the finalizer is done.

    A Ctrl-C while a workbook is written leaves its sheets' writers half
    way: collected as the run stops, each printed "Exception ignored in:
    <generator ...>" and an lxml traceback, a hundred of them under the
    desk's "已中断".  Once a Ctrl-C has come, such errors are not shown."""
    previous = sys.unraisablehook
    if signal.getsignal(signal.SIGINT) in (signal.default_int_handler, _on_ctrl_c):
        # Python's own handler (not one ignored, as in a job the shell started
        # in the background): raising as it does, noting that the run stops.
        signal.signal(signal.SIGINT, _on_ctrl_c)

    def hook(unraisable: Any) -> None:
        if isinstance(unraisable.exc_value, KeyboardInterrupt):
            # A moment later, from another thread: raised in this hook, it would be
            # ignored as the first was.
            later = threading.Timer(_PASS_ON_SECONDS, _thread.interrupt_main)
            later.daemon = True
            later.start()
        elif not _STOPPING.is_set():
            previous(unraisable)

    sys.unraisablehook = hook


def _on_ctrl_c(signum: int, frame: FrameType | None) -> None:
    """Python's Ctrl-C (a KeyboardInterrupt), noted first (`_STOPPING`)."""
    _STOPPING.set()
    signal.default_int_handler(signum, frame)


def _load() -> Callable[[], None]:
    from .cli import main

    return main


def _say_interrupted(args: Sequence[str]) -> None:
    english = "--lang=en" in args or any(
        args[k] == "--lang" and args[k + 1] == "en" for k in range(len(args) - 1)
    )
    try:
        from .render.labels import label

        print(label("interrupted", "en" if english else "zh"), file=sys.stderr)
    except BaseException:  # a second Ctrl-C, or the words unreadable: the exit code says it
        pass


def main() -> None:
    """Run the ``returnbus`` command line (`returnbus.cli.main`)."""
    keep_ctrl_c()
    try:
        run = _load()
    except BaseException as error:
        if not interrupted_by(error):
            raise
        _say_interrupted(sys.argv[1:])
        sys.exit(INTERRUPTED)
    run()
