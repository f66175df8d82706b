"""Minify every built HTML page with htmlmin, spread over the machine's cores.

Whitespace runs collapse to one space (what a browser shows anyway); nothing
between inline elements is removed, and <pre>/<textarea> are kept as they are.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import htmlmin


def minify_html(html: str) -> str:
    return htmlmin.minify(
        html,
        remove_comments=True,
        remove_empty_space=False,
        reduce_boolean_attributes=False,
        remove_optional_attribute_quotes=False,
        keep_pre=True,
    )


def _minify_file(path: str) -> int:
    file = Path(path)
    original = file.read_text(encoding="utf-8")
    smaller = minify_html(original)
    file.write_text(smaller, encoding="utf-8", newline="")
    return len(original.encode()) - len(smaller.encode())


def minify_site(site_dir: Path, workers: int | None = None) -> int:
    """Minify all pages in place; returns the bytes saved."""
    pages = sorted(str(p) for p in site_dir.rglob("*.html"))
    if not pages:
        return 0
    workers = workers or os.cpu_count() or 1
    if workers == 1 or len(pages) < 8:
        return sum(map(_minify_file, pages))
    chunk = max(1, len(pages) // (workers * 4))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return sum(pool.map(_minify_file, pages, chunksize=chunk))
