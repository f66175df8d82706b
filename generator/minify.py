"""Minify every built HTML page with htmlmin, spread over the machine's cores.

Whitespace runs collapse to one space (what a browser shows anyway); nothing
between inline elements is removed, and <pre>/<textarea> are kept as they are.
"""

from __future__ import annotations

from pathlib import Path

import htmlmin

from .parallel import map_files


def minify_html(html: str) -> str:
    return htmlmin.minify(
        html,
        remove_comments=True,
        remove_empty_space=False,
        reduce_boolean_attributes=False,
        remove_optional_attribute_quotes=False,
        keep_pre=True,
    )


def minify_page(file: Path) -> tuple[str, int]:
    """Minify one page in place: (the page as it now reads from disk, bytes saved).

    The publish checks take the returned text instead of reading the file again.
    """
    original = file.read_text(encoding="utf-8")
    smaller = minify_html(original)
    file.write_text(smaller, encoding="utf-8", newline="")
    return smaller.replace("\r\n", "\n").replace("\r", "\n"), len(original.encode()) - len(smaller.encode())


def _minify_file(path: str) -> int:
    return minify_page(Path(path))[1]


def minify_site(site_dir: Path, pages: list[str] | None = None, workers: int | None = None) -> int:
    """Minify the pages (paths relative to `site_dir`; all when None) in place; returns the bytes saved."""
    paths = sorted(str(site_dir / p) for p in pages) if pages is not None else sorted(str(p) for p in site_dir.rglob("*.html"))
    return sum(map_files(_minify_file, paths, workers, serial_below=64))
