"""Executors the command line hands to the planner: where sub-searches run.

The core never creates one: `plan_batch` and the engine take an executor
as a parameter, so the same tasks run in this process, in a local process
pool, or on a cluster, and give the same plan.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
from collections.abc import Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager

_log = logging.getLogger(__name__)


@contextmanager
def process_pool(workers: int) -> Iterator[Executor | None]:
    """A pool of ``workers`` processes for the duration of the block, or None
    (run in this process) for one worker or where processes cannot start."""
    if workers <= 1:
        yield None
        return
    method = "forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn"
    try:
        pool = ProcessPoolExecutor(workers, mp_context=mp.get_context(method))
    except (OSError, RuntimeError) as error:
        _log.warning("working in one process: worker processes failed to start (%s)", error)
        yield None
        return
    with pool:
        yield pool
