"""Run one function over many files on every core, for minify and the publish checks.

Those workers (`map_files`) come from a fork server, not from forking the
build process: after MkDocs the build holds over a gigabyte at region scale,
and forked workers would each start with (and gradually copy) all of it.
Before MkDocs, work over the data the build already holds (reading data
files, rendering pages, writing content/) forks the build itself
(`map_forked`, `map_items_forked`), so that data is inherited, not pickled.

A build killed by cron or by hand must not leave workers running. A worker's
parent is the fork server, which lives on while any worker does, and a
worker waiting on the task queue never sees it close (it holds both ends);
so each worker watches the build process itself and exits when it ends
(`_exit_with`). A helper program the build starts directly asks the kernel
to kill it with its parent (`die_with_parent`).
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import select
import signal
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


_PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """Have the kernel kill this process when its parent dies (Linux; elsewhere nothing happens)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass


def _exit_with(pid: int) -> None:
    """Pool initializer: end this worker as soon as the build process `pid` has ended."""

    def watch() -> None:
        try:
            handle = os.pidfd_open(pid)
            select.select([handle], [], [])
        except (AttributeError, OSError):  # no pidfd (old kernel), or `pid` already gone
            while True:
                try:
                    os.kill(pid, 0)
                except ProcessLookupError:
                    break
                except PermissionError:
                    pass
                time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-build", daemon=True).start()


def map_files(
    function: Callable[[Item], Result], items: Sequence[Item], workers: int | None = None, serial_below: int = 8
) -> list[Result]:
    """`function` over `items`, results in order; in this process when there is little to do."""
    workers = workers or len(os.sched_getaffinity(0)) or 1  # the cores this process may use (taskset, cgroups)
    if workers == 1 or len(items) < serial_below:
        return list(map(function, items))
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_exit_with, initargs=(os.getpid(),)
    ) as pool:
        return list(pool.map(function, items, chunksize=max(1, len(items) // (workers * 4))))


_SHARED: object = None  # what forked workers read (`map_forked`): inherited, never pickled


def _forked_call(job: tuple[Callable[[object, int, int], Result], int, int]) -> Result:
    function, share, shares = job
    return function(_SHARED, share, shares)


def map_forked(
    function: Callable[[Item, int, int], Result], shared: Item, workers: int, pieces: int | None = None
) -> list[Result]:
    """`function(shared, i, pieces)` for each piece i, in `workers` forked copies of this process.

    For work over objects too large or too many to send to a worker (the
    whole data set and its state while pages are rendered): a fork inherits
    them. By default there is one piece per worker; with more, a worker that
    is done takes the next piece, in order. The workers end with the build
    process, as `map_files`' do. With one worker every piece runs here.
    """
    global _SHARED
    pieces = pieces or workers
    if workers < 2:
        return [function(shared, i, pieces) for i in range(pieces)]
    _SHARED = shared
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(
            max_workers=workers, mp_context=context, initializer=_exit_with, initargs=(os.getpid(),)
        ) as pool:
            return list(pool.map(_forked_call, [(function, i, pieces) for i in range(pieces)]))
    finally:
        _SHARED = None


def forked_workers(items: int, apart_from: int) -> int:
    """How many forked copies share `items` pieces of work: one per core (at most two) from `apart_from` on."""
    return min(2, len(os.sched_getaffinity(0))) if items >= apart_from else 1


def _each_of_share(
    shared: tuple[Callable[[Item], Result], Sequence[Item]], share: int, shares: int
) -> list[Result]:
    function, items = shared
    return [function(item) for item in items[share::shares]]


def map_items_forked(function: Callable[[Item], Result], items: Sequence[Item], apart_from: int) -> list[Result]:
    """`function` over `items`, results in order: in forked copies of this process from `apart_from` items.

    `function` and `items` are inherited by the copies, so `function` may be a
    closure over the data already loaded; only the results are pickled back.
    """
    workers = forked_workers(len(items), apart_from)
    shares = map_forked(_each_of_share, (function, items), workers)
    results: list[Result] = [None] * len(items)  # type: ignore[list-item]
    for i, share in enumerate(shares):
        results[i :: len(shares)] = share
    return results
