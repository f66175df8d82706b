"""Writing generated files into `content/` and `overrides/` without touching hand-written ones.

The generator owns exactly the files it wrote last time, listed in
`content/.gongshi/manifest.json`. Those are removed and rewritten on every
run; any other file at a generated path is hand-written and wins. A
`.gitignore` beside them keeps generated files out of git, and lists them a
second time: with the manifest lost or broken, the build would otherwise
take last build's pages for hand-written ones and publish them stale. Both
are written whole or not at all (atomicfile: a temporary file renamed into place).
"""

from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from . import atomicfile
from . import messages as M
from .errors import Problem, display_path
from .pages import Output
from .parallel import map_items_forked
from .yamlsrc import os_reason, special_file

MANIFEST = ".gongshi/manifest.json"
THEME_PREFIX = "partials/generated/"


@dataclass(frozen=True)
class Written:
    written: tuple[str, ...]
    hand_written: tuple[str, ...]


def write(output: Output, content_dir: Path, overrides_dir: Path) -> Written:
    """Bring content/ in line with `output`, rewriting only files whose text changed.

    Unchanged files keep their modification time, so `mkdocs serve` is not
    woken by its own regeneration.
    """
    manifest_path = content_dir / MANIFEST
    previous = _previously_written(manifest_path) | _previously_ignored(content_dir / ".gitignore")

    written: list[str] = []
    kept: list[str] = []
    files: dict[str, str | bytes] = {**output.content, **output.files}
    for rel in sorted(files):
        if rel not in previous and (content_dir / rel).exists():
            kept.append(rel)
        else:
            written.append(rel)
    # Every page carries the build date, so a nightly build rewrites them all: on every core at region scale.
    # Not flushed one by one (10,000 pages on a spinning disk would take minutes); the manifest below is.
    map_items_forked(lambda rel: _write_if_changed(content_dir / rel, files[rel], durable=False), written,
                     WRITE_APART_FROM)
    for rel in sorted(previous - set(written)):
        (content_dir / rel).unlink(missing_ok=True)
    _remove_empty_dirs(content_dir)

    theme_dir = overrides_dir / THEME_PREFIX
    for old in sorted(theme_dir.glob("*.html")) if theme_dir.is_dir() else []:
        if THEME_PREFIX + old.name not in output.theme:
            old.unlink()
    for rel, text in sorted(output.theme.items()):
        _write_if_changed(overrides_dir / rel, inert_for_jinja(text))
    _write_if_changed(theme_dir / ".gitignore", "*\n")

    _write_if_changed(manifest_path, json.dumps({"files": written}, ensure_ascii=False, indent=1) + "\n")
    ignore = [_IGNORE_HEADER, "/.gitignore", "/.gongshi/"]
    ignore += ["/" + rel for rel in written]
    _write_if_changed(content_dir / ".gitignore", "\n".join(ignore) + "\n")
    return Written(tuple(written), tuple(kept))


_IGNORE_HEADER = "# Written by gongshi on every build; do not edit."
WRITE_APART_FROM = 2000  # files; below this, forking costs more than writing them here


def special_files(root: Path) -> list[Problem]:
    """Whatever MkDocs would read or copy from content/ or overrides/ that is not an ordinary file or folder.

    A FIFO would keep the nightly build waiting for ever, and a link to
    /dev/zero would be read or copied without end; a broken link stops MkDocs
    with a traceback. Folders are walked as MkDocs walks them, following
    links (a link that leads back to a folder it is in is named, not
    followed); names starting with "." are left out, as MkDocs leaves them.
    Only links and what is neither file nor folder are looked up one by one:
    a region's content/ has 10,000 pages.
    """
    problems: list[Problem] = []

    def problem(path: str, message: str) -> None:
        problems.append(Problem(display_path(Path(path), root), 0, "", message))

    def walk(folder: str, ancestors: frozenset[tuple[int, int]]) -> None:
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError:
            return  # MkDocs' own walk skips a folder it cannot list, too
        for entry in entries:
            if entry.name.startswith(".") or entry.is_file(follow_symlinks=False):
                continue
            try:
                info = os.stat(entry.path)  # through a link, to what it points at
            except FileNotFoundError:
                problem(entry.path, M.FILE_BROKEN_LINK)
                continue
            except OSError as exc:
                problem(entry.path, M.FILE_UNREADABLE.format(reason=os_reason(exc)))
                continue
            if stat.S_ISDIR(info.st_mode):
                key = (info.st_dev, info.st_ino)
                if key in ancestors:
                    problem(entry.path, M.LINK_LOOP)
                else:
                    walk(entry.path, ancestors | {key})
            elif (what := special_file(info.st_mode)) is not None:
                problem(entry.path, M.SPECIAL_FILE.format(what=what, replace=M.SPECIAL_REPLACE_PAGE))

    for top in ("content", "overrides"):
        try:
            info = os.stat(root / top)
        except OSError:
            continue
        walk(str(root / top), frozenset({(info.st_dev, info.st_ino)}))
    return problems


def generated(content_dir: Path) -> frozenset[str]:
    """The files under `content_dir` that the last run of the generator wrote (none without a manifest)."""
    return frozenset(_previously_written(content_dir / MANIFEST))


def _previously_written(manifest_path: Path) -> set[str]:
    """The files the last build wrote; none when the manifest is missing or unreadable."""
    try:
        files = json.loads(manifest_path.read_text(encoding="utf-8")).get("files", [])
    except (OSError, ValueError, AttributeError):
        return set()
    return {f for f in files if isinstance(f, str) and _inside_content(f)} if isinstance(files, list) else set()


def _previously_ignored(gitignore: Path) -> set[str]:
    """The generated files listed in content/.gitignore, if gongshi wrote it."""
    try:
        lines = gitignore.read_text(encoding="utf-8").splitlines()
    except (OSError, ValueError):
        return set()
    if not lines or lines[0] != _IGNORE_HEADER:
        return set()
    listed = {line[1:] for line in lines[1:] if line.startswith("/") and not line.endswith("/")}
    return {rel for rel in listed if _inside_content(rel)} - {".gitignore"}


def _inside_content(rel: str) -> bool:
    """A path the generator may have written: relative, and never climbing out of content/."""
    return bool(rel) and not rel.startswith("/") and ".." not in rel.split("/")


def inert_for_jinja(html: str) -> str:
    """Theme partials are included by MkDocs as Jinja templates, so a '{{ … }}' or
    '{% … %}' in an officer's text would be run there. As HTML entities the braces
    look the same to a reader and mean nothing to Jinja."""
    return html.replace("{", "&#123;").replace("}", "&#125;")


def _write_if_changed(target: Path, text: str | bytes, durable: bool = True) -> None:
    """Text as UTF-8 with its own line ends (notices.ics keeps its CRLF); bytes (a workbook) as they are.

    `durable=False` leaves the flush to disk to the system: a page lost to a power
    cut differs from what the next build generates, so that build writes it again.
    """
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    if target.exists() and target.read_bytes() == data:
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    atomicfile.write_bytes(target, data, durable=durable)


def _remove_empty_dirs(root: Path) -> None:
    """Folders left empty by pages no longer generated, deepest first (links to folders are not followed)."""
    for folder, _, _ in os.walk(root, topdown=False):
        directory = Path(folder)
        if directory != root and directory.name != ".gongshi" and not any(directory.iterdir()):
            directory.rmdir()
