"""One build of a project at a time.

Two builds at once (the nightly cron and an officer's manual run) would both
rewrite `content/` and interleave pages of different dates. The lock is an
advisory `flock` on a file under `content/.gongshi/`; the kernel releases it
when the process ends, however it ends, so a killed build never leaves a
stale lock behind.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

LOCK_FILE = Path("content") / ".gongshi" / "build.lock"


@contextmanager
def project_lock(root: Path, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold the project's build lock; when another build holds it, call `on_wait` once and wait."""
    path = root / LOCK_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait is not None:
                on_wait()
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)
