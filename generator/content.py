"""Writing generated files into `content/` and `overrides/` without touching hand-written ones.

The generator owns exactly the files it wrote last time, listed in
`content/.gongshi/manifest.json`. Those are removed and rewritten on every
run; any other file at a generated path is hand-written and wins. A
`.gitignore` beside them keeps generated files out of git.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .pages import Output

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
    previous: set[str] = set()
    if manifest_path.exists():
        previous = set(json.loads(manifest_path.read_text(encoding="utf-8")).get("files", []))

    written: list[str] = []
    kept: list[str] = []
    files: dict[str, str | bytes] = {**output.content, **output.files}
    for rel, text in sorted(files.items()):
        target = content_dir / rel
        if target.exists() and rel not in previous:
            kept.append(rel)
            continue
        _write_if_changed(target, text)
        written.append(rel)
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
    ignore = ["# Written by gongshi on every build; do not edit.", "/.gitignore", "/.gongshi/"]
    ignore += ["/" + rel for rel in written]
    _write_if_changed(content_dir / ".gitignore", "\n".join(ignore) + "\n")
    return Written(tuple(written), tuple(kept))


def inert_for_jinja(html: str) -> str:
    """Theme partials are included by MkDocs as Jinja templates, so a '{{ … }}' or
    '{% … %}' in an officer's text would be run there. As HTML entities the braces
    look the same to a reader and mean nothing to Jinja."""
    return html.replace("{", "&#123;").replace("}", "&#125;")


def _write_if_changed(target: Path, text: str | bytes) -> None:
    """Text as UTF-8 with its own line ends (notices.ics keeps its CRLF); bytes (a workbook) as they are."""
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    if target.exists() and target.read_bytes() == data:
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        target.write_bytes(text)
    else:
        target.write_text(text, encoding="utf-8", newline="\n")


def _remove_empty_dirs(root: Path) -> None:
    for directory in sorted((p for p in root.rglob("*") if p.is_dir()), key=lambda p: len(p.parts), reverse=True):
        if directory.name != ".gongshi" and not any(directory.iterdir()):
            directory.rmdir()
