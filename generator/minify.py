"""Minify every built HTML page with htmlmin, spread over the machine's cores.

Whitespace runs collapse to one space (what a browser shows anyway); nothing
between inline elements is removed, and <pre>/<textarea> are kept as they are.
"""

from __future__ import annotations

import os
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
    # A new file in the page's place, not the old one rewritten: the search
    # indexer reads the pages as MkDocs wrote them through hard links
    # (`search.link_pages`) while this runs.
    fresh = file.with_name(file.name + ".min")
    fresh.write_text(smaller, encoding="utf-8", newline="")
    os.replace(fresh, file)
    return smaller.replace("\r\n", "\n").replace("\r", "\n"), len(original.encode()) - len(smaller.encode())


def _minify_file(path: str) -> int:
    return minify_page(Path(path))[1]


def minify_site(site_dir: Path, workers: int | None = None) -> int:
    """Minify all pages in place; returns the bytes saved."""
    pages = sorted(str(p) for p in site_dir.rglob("*.html"))
    return sum(map_files(_minify_file, pages, workers))
