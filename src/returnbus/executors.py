"""Executors the command line hands to the planner: where sub-searches run.

The core never creates one: `plan_batch` and the engine take an executor
as a parameter, so the same tasks run in this process, in a local process
pool, or on a cluster, and give the same plan.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import os
import select
import threading
from collections.abc import Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager

from .errors import InputError
from .text import Text

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
        pool = ProcessPoolExecutor(
            workers,
            mp_context=mp.get_context(method),
            initializer=_end_with_planner,
            initargs=(os.getpid(),),
        )
    except (OSError, RuntimeError) as error:
        _log.warning(Text("log_one_process", error=str(error)))
        yield None
        return
    with pool:
        yield pool


def _end_with_planner(planner: int) -> None:
    """End this worker as soon as the planner (process ``planner``) ends: a
    planner killed mid-run must not leave workers behind, holding its
    console and memory (they are the fork server's children, and it stays
    while they do).  Watched with a pidfd (Linux); elsewhere the workers
    end with the pool only."""
    try:
        watched = os.pidfd_open(planner)
    except ProcessLookupError:
        os._exit(1)
    except (AttributeError, OSError):
        return
    threading.Thread(target=_exit_when_ended, args=(watched,), daemon=True).start()


def _exit_when_ended(watched: int) -> None:
    select.select([watched], [], [])  # readable once the process has ended
    os._exit(1)


@contextmanager
def dask_executor(scheduler: str | None, workers: int) -> Iterator[Executor]:
    """The executor of a Dask distributed client for the duration of the block:
    of the scheduler at ``scheduler`` (``tcp://host:8786``), or of a local
    cluster of ``workers`` processes when None.  Needs the ``dask`` extra
    (``pip install returnbus[dask]``)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise InputError(Text("dask_missing"), hint=Text("dask_missing_action")) from None
    if scheduler:
        try:
            client = Client(scheduler, timeout="20s")
        except (OSError, TimeoutError) as error:
            raise InputError(
                Text("dask_unreachable", scheduler=scheduler, error=str(error)),
                hint=Text("dask_unreachable_action"),
            ) from None
        with client:
            yield client.get_executor()
        return
    with (
        LocalCluster(
            n_workers=max(1, workers),
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client.get_executor()
