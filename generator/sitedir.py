"""The published site folder: which folders a build may own, and how a new site replaces the old one.

A nightly timer runs the build unattended, so the folder it replaces must be
one it made: never the project, never `data/`, `content/`, `overrides/` or
`.git` (nor a folder reaching them through a link or a bind mount), never a
folder of someone else's files, and never a folder inside a live site, where
the web server would publish it. Every site carries a marker
(`.gongshi-site.json`, the publication record) naming the date it was built
for and whether it is the live site or a preview.

The new site is staged beside the old one and exchanged with it in one
`renameat2(RENAME_EXCHANGE)`, so at every instant the path holds a whole
site. Each folder a build makes beside the site is first written into the
project's journal of staging folders (`content/.gongshi/staging.json`), then
created; a build killed at any point leaves only folders that the journal
names, which the next build removes. Nothing else beside the site is ever
touched: a webmaster's `site.old-20261201` backup stays. Folders are made
0755 and files 0644 whatever the umask: a web server's unprivileged worker
must read them.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import secrets
import shutil
from pathlib import Path

from . import atomicfile, publication_record
from . import messages as M

MARKER = publication_record.MARKER
JOURNAL = Path("content") / ".gongshi" / "staging.json"
LIVE_SITES = Path("content") / ".gongshi" / "live-sites.json"
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


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _reaches(target: Path, folder: Path) -> bool:
    """`target` is `folder` or lies inside it, by name or through a link or bind mount (same device and inode)."""
    if _inside(target, folder.resolve()):
        return True
    wanted = _identity(folder)
    return wanted is not None and any(_identity(p) == wanted for p in (target, *target.parents) if p.exists())


def check_site_dir(
    root: Path, site_dir: Path, option: str = "--site-dir", *, live: bool = True, live_sites: tuple[Path, ...] = ()
) -> Path:
    """The resolved site folder, or SiteDirError when a build there could destroy data or publish a preview.

    `live_sites`: the project's live site folders (mkdocs.yml's site_dir and
    those live builds went to). A preview may be none of them, and no build
    may go inside one: its web server would publish it.
    """
    root = root.resolve()
    target = site_dir.resolve()
    shown = str(site_dir)
    if _inside(root, target) or (target.exists() and _reaches(root, target)):
        raise SiteDirError(M.SITE_DIR_PROJECT.format(option=option, path=shown))
    for name in OWNED_BY_PROJECT:
        owned = root / name
        if _reaches(target, owned) or (target.exists() and owned.exists() and _reaches(owned, target)):
            raise SiteDirError(M.SITE_DIR_OWNED.format(option=option, path=shown, name=name))
    for parent in target.parents:
        if parent.exists() and not parent.is_dir():
            raise SiteDirError(M.SITE_DIR_PARENT_FILE.format(option=option, path=shown, parent=parent))
        if parent.exists():
            break
    for parent in target.parents:
        if publication_record.marker_mode(parent) == publication_record.LIVE or any(
            _reaches(parent, site) for site in live_sites if site.exists()
        ):
            raise SiteDirError(M.SITE_DIR_INSIDE_LIVE.format(option=option, path=shown, live=parent))
    if not live and (
        publication_record.marker_mode(target) == publication_record.LIVE
        or any(site.resolve() == target or (site.exists() and _reaches(target, site)) for site in live_sites)
    ):
        raise SiteDirError(M.SITE_DIR_PREVIEW_IS_LIVE.format(option=option, path=shown))
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


def live_sites(root: Path, configured: Path | None) -> tuple[Path, ...]:
    """The project's live site folders: mkdocs.yml's site_dir and every folder a live build has gone to."""
    found = [configured] if configured is not None else []
    try:
        listed = json.loads((root / LIVE_SITES).read_text(encoding="utf-8"))
        found += [Path(p) for p in listed if isinstance(p, str)]
    except (OSError, ValueError, TypeError):
        pass
    return tuple(dict.fromkeys(p.absolute() for p in found))


def remember_live(root: Path, site_dir: Path) -> None:
    """Note a folder a live build went to, so that no preview is ever built into or inside it."""
    known = [str(p) for p in live_sites(root, None)]
    if str(site_dir) not in known:
        _write_json(root / LIVE_SITES, sorted([*known, str(site_dir)]))


def _write_json(path: Path, value: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    atomicfile.write_text(path, json.dumps(value, ensure_ascii=False, indent=1) + "\n")


def check_not_older(site_dir: Path, as_of: dt.date, live: dt.date) -> None:
    """A build for a date before the live site's would take back what it published: refused, with how to recover."""
    if as_of < live:
        raise SiteDirError(M.SITE_DIR_OLDER.format(path=site_dir, live=live.isoformat(), day=as_of.isoformat()))


class Journal:
    """The folders this project's builds make beside a site, written down before each is created.

    A build killed at any instant leaves only folders named here; the next
    build (holding the project's lock) removes exactly those. A folder beside
    the site that the journal does not name is never touched.
    """

    def __init__(self, root: Path) -> None:
        self.path = root / JOURNAL

    def _read(self) -> list[str]:
        try:
            listed = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return []
        return [p for p in listed if isinstance(p, str)] if isinstance(listed, list) else []

    def new_folder(self, site_dir: Path, kind: str = _STAGING) -> Path:
        """An empty folder beside `site_dir` on the same file system, journaled before it exists."""
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        while True:
            folder = site_dir.parent / f"{site_dir.name}{kind}{secrets.token_hex(6)}"
            if not os.path.lexists(folder):
                break
        _write_json(self.path, [*self._read(), str(folder)])
        folder.mkdir()
        return folder

    def leftovers(self) -> list[Path]:
        """The journaled folders still there: what killed builds left."""
        listed = (Path(p) for p in self._read())
        return [f for f in listed if f.is_dir() and not f.is_symlink() and (_STAGING in f.name or _RETIRED in f.name)]

    def remove_leftovers(self) -> None:
        """Every folder the journal names (what killed builds left), then an empty journal."""
        for folder in self.leftovers():
            shutil.rmtree(folder, ignore_errors=True)
        if self.path.exists():
            _write_json(self.path, [])


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


def swap_in(staging: Path, site_dir: Path, journal: Journal) -> None:
    """Put the site in `staging` at `site_dir`, with no instant at which `site_dir` is missing or mixed."""
    if not site_dir.exists():
        staging.rename(site_dir)
        return
    if _exchange(staging, site_dir):
        shutil.rmtree(staging, ignore_errors=True)  # now the old site
        return
    # No renameat2 (not Linux, or a file system without it): two renames, a gap of microseconds.
    retired = journal.new_folder(site_dir, _RETIRED)
    retired.rmdir()
    site_dir.rename(retired)
    staging.rename(site_dir)
    shutil.rmtree(retired, ignore_errors=True)
