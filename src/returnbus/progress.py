"""How far a long run has come, told to whoever watches it.

The stages take a `Progress` as they take an executor: the command line
passes one that draws bars on the console, a notebook or a test passes
nothing and `UNWATCHED` hears it all in silence.
"""

from __future__ import annotations

from typing import Protocol

#: The stages a plan goes through, in order (the keys of ``stage_seconds``).
STAGES = ("prepare", "cluster", "reachable", "reserve_beds", "route", "allocate_beds", "write")


class Progress(Protocol):
    """Where a run reports the stage it is in and the steps of it done."""

    def stage(self, name: str, total: int | None = None) -> None:
        """Stage ``name`` begins; ``total``: its steps, when they are counted
        (naming the current stage again gives it its total)."""

    def advance(self, steps: int = 1) -> None:
        """``steps`` more steps of the current stage are done."""


class Unwatched:
    """Progress nobody watches."""

    def stage(self, name: str, total: int | None = None) -> None:
        """Nothing to tell."""

    def advance(self, steps: int = 1) -> None:
        """Nothing to tell."""


UNWATCHED: Progress = Unwatched()
