"""The published site folder: which folders a build may own, and how a new site replaces the old one.

A nightly cron runs the build unattended, so the folder it replaces must be
one it made: never the project, never `data/`, `content/`, `overrides/` or
`.git`, never a folder of someone else's files. Every site carries a small
marker (`.gongshi-site.json`) naming the date it was built for; an older
site without one is still recognised by the files every gongshi site has.

The new site is staged beside the old one and exchanged with it in one
`renameat2(RENAME_EXCHANGE)`, so at every instant the path holds a whole
site; a build killed at any point leaves only a staging folder, which the
next build removes. Folders are made 0755 and files 0644 whatever the
umask: a web server's unprivileged worker must read them.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import tempfile
from pathlib import Path

from . import atomicfile
from . import messages as M

MARKER = ".gongshi-site.json"
OWNED_BY_PROJECT = ("data", "content", "overrides", ".git")
# What every site gongshi ever built holds, for sites from before the marker.
_EARLIER_BUILD = ("index.html", "sitemap.xml", "api/tasks.json")
_STAGING = ".new-"
_RETIRED = ".old-"
DIR_MODE = 0o755
FILE_MODE = 0o644


class SiteDirError(Exception):
    """The site folder cannot be used; the message says why and what to do, in one line."""


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_site_dir(root: Path, site_dir: Path, option: str = "--site-dir") -> Path:
    """The resolved site folder, or SiteDirError when a build there could destroy data."""
    root = root.resolve()
    target = site_dir.resolve()
    shown = str(site_dir)
    if target == root or _inside(root, target):
        raise SiteDirError(M.SITE_DIR_PROJECT.format(option=option, path=shown))
    for name in OWNED_BY_PROJECT:
        owned = (root / name).resolve()
        if _inside(target, owned) or _inside(owned, target):
            raise SiteDirError(M.SITE_DIR_OWNED.format(option=option, path=shown, name=name))
    for parent in target.parents:
        if parent.exists() and not parent.is_dir():
            raise SiteDirError(M.SITE_DIR_PARENT_FILE.format(option=option, path=shown, parent=parent))
        if parent.exists():
            break
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        raise SiteDirError(M.SITE_DIR_NOT_DIR.format(option=option, path=shown))
    if target.is_dir():
        if os.path.ismount(target):
            raise SiteDirError(M.SITE_DIR_MOUNT.format(option=option, path=shown))
        if any(target.iterdir()) and not is_gongshi_site(target):
            raise SiteDirError(M.SITE_DIR_FOREIGN.format(option=option, path=shown))
    return target


def is_gongshi_site(folder: Path) -> bool:
    return (folder / MARKER).is_file() or all((folder / rel).is_file() for rel in _EARLIER_BUILD)


def marker_text(as_of: dt.date) -> str:
    return json.dumps({"generator": "gongshi", "as_of": as_of.isoformat()}, ensure_ascii=False) + "\n"


def built_as_of(folder: Path) -> dt.date | None:
    """The date the site in `folder` was built for, from its marker (None when unknown)."""
    try:
        value = json.loads((folder / MARKER).read_text(encoding="utf-8")).get("as_of")
        return dt.date.fromisoformat(value)
    except (OSError, ValueError, TypeError, AttributeError):
        return None


def check_not_older(site_dir: Path, as_of: dt.date, option: str = "--site-dir") -> None:
    """A build for a date before the live site's is a preview: it must not replace the published site."""
    live = built_as_of(site_dir)
    if live is not None and as_of < live:
        raise SiteDirError(
            M.SITE_DIR_OLDER.format(option=option, path=site_dir, live=live.isoformat(), day=as_of.isoformat())
        )


def new_staging(site_dir: Path) -> Path:
    """An empty folder beside `site_dir` on the same file system, for the next site."""
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f"{site_dir.name}{_STAGING}", dir=site_dir.parent))


def shown_path(path: str, site_dir: Path) -> str:
    """A path inside a staging folder as the officer knows it: the site folder (or, for the staging folder itself, its parent).

    The staging folder is gone by the time the message is read; naming it sends
    the webmaster looking for a folder that does not exist.
    """
    site = Path(os.path.abspath(site_dir))
    prefix = f"{site.parent}{os.sep}{site.name}{_STAGING}"
    if not path.startswith(prefix):
        return path
    rest = path[len(prefix):].partition(os.sep)[2]
    return str(site / rest) if rest else str(site.parent)


def remove_leftovers(site_dir: Path) -> None:
    """Staging and retired folders that a killed build left beside `site_dir` (only the build lock's holder calls this)."""
    if not site_dir.parent.is_dir():
        return
    for marker in (_STAGING, _RETIRED):
        for leftover in site_dir.parent.glob(f"{site_dir.name}{marker}*"):
            if leftover.is_dir() and not leftover.is_symlink():
                shutil.rmtree(leftover, ignore_errors=True)


def make_readable(folder: Path) -> None:
    """Folders 0755, files 0644: mkdtemp makes 0700 and a cron's umask may be 077."""
    os.chmod(folder, DIR_MODE)
    for parent, dirs, files in os.walk(folder):
        for name in dirs:
            os.chmod(os.path.join(parent, name), DIR_MODE, follow_symlinks=False)
        for name in files:
            path = os.path.join(parent, name)
            if not os.path.islink(path):
                os.chmod(path, FILE_MODE)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux renameat2); False where the system cannot."""
    return atomicfile.renameat2(a, b, atomicfile.RENAME_EXCHANGE)


def swap_in(staging: Path, site_dir: Path) -> None:
    """Put the site in `staging` at `site_dir`, with no instant at which `site_dir` is missing or mixed."""
    if not site_dir.exists():
        staging.rename(site_dir)
        return
    if _exchange(staging, site_dir):
        shutil.rmtree(staging, ignore_errors=True)  # now the old site
        return
    # No renameat2 (not Linux, or a file system without it): two renames, a gap of microseconds.
    retired = Path(tempfile.mkdtemp(prefix=f"{site_dir.name}{_RETIRED}", dir=site_dir.parent))
    retired.rmdir()
    site_dir.rename(retired)
    staging.rename(site_dir)
    shutil.rmtree(retired, ignore_errors=True)
