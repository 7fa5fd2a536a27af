"""The console script's entry point: it loads the command line, and a Ctrl-C
while it loads (a second or so: pandas, OR-Tools) ends as one later does,
"interrupted" in the desk's language and exit 130, not a traceback.  A
C extension interrupted while it initialises says ImportError, caused by
the KeyboardInterrupt."""

from __future__ import annotations

import _thread
import sys
import threading
from collections.abc import Callable, Sequence
from typing import Any

#: The exit code of a command stopped by Ctrl-C (128 + SIGINT), as a shell gives.
INTERRUPTED = 130
#: How long after a finalizer's Ctrl-C it is raised again: the finalizer is done by then.
_PASS_ON_SECONDS = 0.05


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
    workbook's temporary file is collected) stop the run, as anywhere else.

    Python cannot raise from a finalizer: it printed "Exception ignored ...
    KeyboardInterrupt" with a traceback, and the run went on to the end as
    if no Ctrl-C had come.  The interrupt is now passed on to the main
    thread, where it is raised once the finalizer is done."""
    previous = sys.unraisablehook

    def hook(unraisable: Any) -> None:
        if isinstance(unraisable.exc_value, KeyboardInterrupt):
            # A moment later, from another thread: raised in this hook, it would be
            # ignored as the first was.
            later = threading.Timer(_PASS_ON_SECONDS, _thread.interrupt_main)
            later.daemon = True
            later.start()
        else:
            previous(unraisable)

    sys.unraisablehook = hook


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
