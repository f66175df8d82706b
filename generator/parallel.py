"""Run one function over many files on every core, for minify and the publish checks.

Workers come from a fork server, not from forking the build process: after
MkDocs the build holds over a gigabyte at region scale, and forked workers
would each start with (and gradually copy) all of it.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Sequence, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


def map_files(
    function: Callable[[Item], Result], items: Sequence[Item], workers: int | None = None, serial_below: int = 8
) -> list[Result]:
    """`function` over `items`, results in order; in this process when there is little to do."""
    workers = workers or os.cpu_count() or 1
    if workers == 1 or len(items) < serial_below:
        return list(map(function, items))
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        return list(pool.map(function, items, chunksize=max(1, len(items) // (workers * 4))))
