"""The site's search index: Pagefind over the built HTML, in chunks a phone fetches per query.

Material's own search ships one lunr index that every visitor downloads
before the first result: 9 MB gzipped for a region of 10,000 pages.
Pagefind splits its index by word, so a query fetches only the chunks for
its words (0.1–0.4 MB at region scale), and its extended build segments
Chinese with jieba at index time.

Pinned to Pagefind 1.4.0: from 1.5 the browser segments a Chinese query
with `Intl.Segmenter` while the index was cut by jieba, and the two
disagree (Pagefind issue #1237): 康巴什区 found 0 of 28 pages, 草畜平衡 1 of
34. With 1.4.0 every 旗区 and unit name finds every page that shows it;
`tests/test_search.py` checks that in a browser.

Only page content inside `data-pagefind-body` is indexed (see
overrides/main.html), so navigation and footer text match nothing and a
page whose front matter says `search: exclude: true` is left out.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from . import messages as M
from .parallel import die_with_parent

BUNDLE_DIR = "pagefind"


class SearchIndexError(Exception):
    """Pagefind could not index the site; the message carries its own words."""


def pagefind_executable() -> Path:
    try:
        from pagefind_bin_extended import get_executable
    except ImportError:
        raise SearchIndexError(M.CLI_SEARCH_MISSING) from None
    return get_executable()


def index_site(site_dir: Path) -> None:
    """Write the search bundle into `site_dir/pagefind/` (raises SearchIndexError)."""
    executable = pagefind_executable()
    command = [str(executable), "--site", str(site_dir), "--output-subdir", BUNDLE_DIR, "--silent"]
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, encoding="utf-8", errors="replace", preexec_fn=die_with_parent
        )
    except OSError as exc:
        raise SearchIndexError(M.CLI_SEARCH_CANNOT_RUN.format(path=executable, reason=exc.strerror)) from None
    if done.returncode != 0:
        lines = dict.fromkeys(line.strip() for line in (done.stderr + done.stdout).splitlines() if line.strip())
        said = " ".join(lines) or f"exit {done.returncode}"
        raise SearchIndexError(M.CLI_SEARCH_FAILED.format(said=said))
