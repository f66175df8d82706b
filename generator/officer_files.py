"""Where the files handed to officers go: one folder, never over another file, never into the site or data/.

`gongshi forms`, `ledger export`, `progress template` and `export tasks`
write files an officer hands out, edits and signs. By default they go into
one folder, `输出/` in the project (ignored by git); `--out` may name another
place, but never an existing file (unless `--force`), a link, a folder that
is a live site or lies inside one, nor anything under `data/` (a ledger
there would be read as data; one in the live site would publish a queued
notice's dates), the site's sources (mkdocs.yml's `docs_dir` and
`theme.custom_dir`, `content/` and `overrides/`: the next build would publish
the file) or `.git`. The extension must be the format's. Each file is written
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


def _forbidden(root: Path, live_sites: Iterable[Path]) -> list[tuple[Path, str]]:
    """Each folder no officer's file may go into, with the message that refuses it."""
    held = [(p, M.OUT_IN_DATA_OR_SITE) for p in (root / "data", root / "site", *live_sites)]
    sources = [(p, M.OUT_IN_PROJECT_FOLDER) for p in (*_site_sources(root), root / ".git")]
    return [(Path(os.path.realpath(p)), message) for p, message in held + sources]


def _site_sources(root: Path) -> list[Path]:
    """The folders MkDocs publishes from: mkdocs.yml's `docs_dir` and `theme.custom_dir` (default content/, overrides/).

    Read as plain YAML (tags such as !!python/name are passed over): deciding where a file may go
    must not need a configuration MkDocs would accept.
    """
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    config: object = None
    try:
        config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)  # noqa: S506
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        pass
    config = config if isinstance(config, dict) else {}
    theme = config.get("theme")
    docs = config.get("docs_dir")
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    found = [root / "content", root / "overrides"]
    found += [root / name for name in (docs, custom) if isinstance(name, str) and name.strip()]
    return found


def check_target(root: Path, target: Path, shown: str, suffix: str, *, force: bool,
                 live_sites: Iterable[Path] = (), example: str = "") -> None:
    """Raise OutputError when `target` may not be written (see the module's rules).

    `example` is the command's own file name (整改任务.json), offered when the name is wrong.
    """
    example = example or M.OFFICER_FILE_EXAMPLE.format(suffix=suffix)
    if target.name.lower() == suffix:
        raise OutputError(M.OUT_NO_NAME.format(path=shown, example=example))
    if target.suffix.lower() != suffix:
        raise OutputError(M.OUT_WRONG_SUFFIX.format(path=shown, suffix=suffix, example=example))
    check_place(root, target, shown, force=force, live_sites=live_sites)


def check_place(root: Path, target: Path, shown: str, *, force: bool, live_sites: Iterable[Path] = ()) -> None:
    """The placing rules alone (a folder of forms has no one extension)."""
    if target.is_symlink() or any(p.is_symlink() for p in _between(root, target)):
        raise OutputError(M.OUT_IS_LINK.format(path=shown))
    real = Path(os.path.realpath(target))
    for folder, message in _forbidden(root, live_sites):
        if real == folder or folder in real.parents:
            raise OutputError(message.format(path=shown, folder=folder))
    if target.is_dir():
        raise OutputError(M.OUT_IS_FOLDER.format(path=shown))
    if target.exists() and not force:
        raise OutputError(M.OUT_EXISTS.format(path=shown))


def typed_path(out: Path, root: Path) -> str:
    """`--out` as the officer typed it, relative to the project when inside it; a link in it not followed.

    (errors.display_path resolves the folder: `dl/y.xlsx`, dl a link to data/, would read data/y.xlsx.)
    """
    try:
        return out.absolute().relative_to(root.absolute()).as_posix()
    except ValueError:
        return out.as_posix()


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
