"""The console script's entry point: it loads the command line, and a Ctrl-C
while it loads (a second or so: pandas, OR-Tools) ends as one later does,
"interrupted" in the desk's language and exit 130, not a traceback.  A
C extension interrupted while it initialises says ImportError, caused by
the KeyboardInterrupt."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence

#: The exit code of a command stopped by Ctrl-C (128 + SIGINT), as a shell gives.
INTERRUPTED = 130


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
    try:
        run = _load()
    except BaseException as error:
        if not interrupted_by(error):
            raise
        _say_interrupted(sys.argv[1:])
        sys.exit(INTERRUPTED)
    run()
