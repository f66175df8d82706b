"""Where the files handed to officers go: one folder, never over another file, never into the site or data/.

`gongshi forms`, `ledger export`, `progress template` and `export tasks`
write files an officer hands out, edits and signs. By default they go into
one folder, `输出/` in the project (ignored by git); `--out` may name another
place, but never an existing file (unless `--force`), a link, a folder that
is a live site or lies inside one, nor anything under `data/` (a ledger
there would be read as data; one in the live site would publish a queued
notice's dates). The extension must be the format's. Each file is written
whole through `atomicfile` or not at all.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from . import atomicfile
from . import messages as M

OUTPUT_DIR = M.OFFICER_OUTPUT_DIR  # 输出/


class OutputError(Exception):
    """One Chinese line: why the file cannot be written there."""


def default_path(root: Path, name: str) -> Path:
    return root / OUTPUT_DIR / name


def _forbidden(root: Path, live_sites: Iterable[Path]) -> list[Path]:
    return [Path(os.path.realpath(p)) for p in (root / "data", root / "site", *live_sites)]


def check_target(root: Path, target: Path, shown: str, suffix: str, *, force: bool,
                 live_sites: Iterable[Path] = ()) -> None:
    """Raise OutputError when `target` may not be written (see the module's rules)."""
    if target.suffix.lower() != suffix or target.name.lower() == suffix:
        raise OutputError(M.OUT_WRONG_SUFFIX.format(path=shown, suffix=suffix))
    check_place(root, target, shown, force=force, live_sites=live_sites)


def check_place(root: Path, target: Path, shown: str, *, force: bool, live_sites: Iterable[Path] = ()) -> None:
    """The placing rules alone (a folder of forms has no one extension)."""
    if target.is_symlink() or any(p.is_symlink() for p in _between(root, target)):
        raise OutputError(M.OUT_IS_LINK.format(path=shown))
    real = Path(os.path.realpath(target))
    for folder in _forbidden(root, live_sites):
        if real == folder or folder in real.parents:
            raise OutputError(M.OUT_IN_DATA_OR_SITE.format(path=shown, folder=folder))
    if target.is_dir():
        raise OutputError(M.OUT_IS_FOLDER.format(path=shown))
    if target.exists() and not force:
        raise OutputError(M.OUT_EXISTS.format(path=shown))


def _between(root: Path, target: Path) -> list[Path]:
    """The folders from the project down to `target` (links among them would carry the file elsewhere)."""
    try:
        rel = target.absolute().relative_to(root.absolute())
    except ValueError:
        return []
    found, here = [], root.absolute()
    for part in rel.parts[:-1]:
        here = here / part
        found.append(here)
    return found


def write(target: Path, data: bytes, shown: str, *, force: bool) -> None:
    """`data` into `target`, whole; an existing file only with `force`. OutputError when one appeared meanwhile."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        atomicfile.write_bytes(target, data, replace=force)
    except FileExistsError:
        raise OutputError(M.OUT_EXISTS.format(path=shown)) from None
