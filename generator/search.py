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

Pagefind 1.4 does not segment a Chinese query in the browser: `市水利局`, one
term, matches the longest indexed word it starts with (市), so nearly every
page. Each bundle therefore also carries `gongshi-search.json` (`aids_of`):
the words its pages were cut into, for the search page to cut a query the
same way, the pages a task number or a unit or 旗区 name names (Pagefind
metadata `gs_task` / `gs_name` in the page templates), for it to put them
first, the 镇 names pages write after a 旗区, for it to split them off a
query as it does those names, and the sentences it shows (messages.py). A small module (`gongshi/pagefind.js` in the first bundle) stands in
for pagefind.js for PagefindUI and hands `search` to overrides/search.html,
which ranks by what is on each page alone, not by the bundle it is in.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from . import messages as M
from .parallel import die_with_parent
from .plan_text import PLACE_AFTER_BANNER

BUNDLE_DIR = "pagefind"  # the first bundle: the search page loads Pagefind from it and merges the others
# Pagefind indexes on one core. The pages are shared out to one Pagefind per bundle, run side by
# side, and the search page merges the bundles (PagefindUI's mergeIndex, overrides/search.html).
BUNDLE_DIRS = (BUNDLE_DIR, "pagefind-1")
AIDS_FILE = "gongshi-search.json"  # in every bundle: its pages' words and the pages names point to
# PagefindUI imports `<bundlePath>pagefind.js`: this module stands in for it, so that the search
# page's own `search` (overrides/search.html, window.gongshiSearch) decides what is found first.
STAND_IN = "gongshi/pagefind.js"
STAND_IN_SOURCE = """\
// Written by generator/search.py: Pagefind's API, with search and preload handed to the search page.
export * from "../pagefind.js";
import * as pagefind from "../pagefind.js";
const hook = () => globalThis.gongshiSearch;
export const search = (term, options) =>
  hook() ? hook().search(pagefind, term, options) : pagefind.search(term, options);
export const preload = (term, options) =>
  hook() ? hook().preload(pagefind, term, options) : pagefind.preload(term, options);
"""
_FRAGMENT_SIGNATURE = b"pagefind_dcd"
# A word worth knowing to cut a query: two or more Han characters, or a number (Pagefind keeps "25" whole).
_WORD = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]{2,}|[0-9]{2,}")


class SearchIndexError(Exception):
    """Pagefind could not index the site; the message carries its own words."""


def pagefind_executable() -> Path:
    try:
        from pagefind_bin_extended import get_executable
    except ImportError:
        raise SearchIndexError(M.CLI_SEARCH_MISSING) from None
    return get_executable()


def pages_of(site_dir: Path) -> list[str]:
    """The site's pages, as Pagefind would find them (outside the bundles)."""
    return sorted(
        rel for p in site_dir.rglob("*.html")
        if (rel := p.relative_to(site_dir).as_posix()).split("/")[0] not in BUNDLE_DIRS
    )


def shares(pages: list[str]) -> list[list[str]]:
    """The pages of each bundle: alternately, so both hold every kind of page and neither is empty."""
    ordered = sorted(pages)
    return [ordered[i :: len(BUNDLE_DIRS)] for i in range(len(BUNDLE_DIRS))]


_WORK_PREFIX = ".gongshi-search-"


def index_site(site_dir: Path) -> None:
    """Write the search bundles into `site_dir` (raises SearchIndexError).

    The work folder is inside the site (Pagefind reads hard links to its
    pages); one left by a killed `mkdocs build` is ours, and MkDocs, which
    keeps dot-folders when it empties site_dir, would publish it: removed first.
    """
    for stale in site_dir.glob(f"{_WORK_PREFIX}*"):
        if stale.is_dir() and not stale.is_symlink():
            shutil.rmtree(stale, ignore_errors=True)
    work = Path(tempfile.mkdtemp(prefix=_WORK_PREFIX, dir=site_dir))
    try:
        indexing = Sharded(site_dir, dict(enumerate(shares(pages_of(site_dir)))), work)
        indexing.wait()
        indexing.move_into(site_dir)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def link_pages(site_dir: Path, pages: list[str], into: Path) -> Path:
    """Hard links to `pages` of `site_dir` under `into`, in their places: one bundle's share for its Pagefind."""
    for page in pages:
        target = into / page
        target.parent.mkdir(parents=True, exist_ok=True)
        os.link(site_dir / page, target)
    return into


class Sharded:
    """One Pagefind per bundle whose share is given (`wanted`: bundle number → its pages), side by side."""

    def __init__(self, site_dir: Path, wanted: dict[int, list[str]], work: Path) -> None:
        self._work = work
        self._runs: dict[int, Indexing] = {}
        try:
            for i, pages in sorted(wanted.items()):
                share = link_pages(site_dir, pages, work / f"pages-{i}")
                self._runs[i] = Indexing(share, work / BUNDLE_DIRS[i])
        except BaseException:
            self.stop()
            raise
        self.seconds: float | None = None

    def wait(self) -> None:
        """Until every Pagefind has finished; the first failure's words if one failed."""
        try:
            for run in self._runs.values():
                run.wait()
        finally:
            self.stop()
        self.seconds = max((run.seconds or 0.0 for run in self._runs.values()), default=0.0)

    def stop(self) -> None:
        for run in self._runs.values():
            run.stop()

    def move_into(self, site_dir: Path) -> None:
        for i in self._runs:
            bundle = self._work / BUNDLE_DIRS[i]
            write_aids(bundle, first=i == 0)
            bundle.rename(site_dir / BUNDLE_DIRS[i])


def aids_of(bundle: Path) -> dict[str, object]:
    """What the search page needs besides Pagefind, from the bundle's own fragments.

    `tasks`: task number → [URL, Pagefind's id (its fragment's name)] of each page with metadata
    gs_task, in URL order; `names`: unit or 旗区 name → the same of pages with gs_name; `words`: every word the bundle's
    pages were cut into that a query may need to be cut the same way (see _WORD); `places`: the 镇, 乡 and 苏木 its
    pages name after a 旗区 (plan_text.PLACE_AFTER_BANNER).
    """
    tasks: dict[str, list[list[str]]] = {}
    names: dict[str, list[list[str]]] = {}
    words: set[str] = set()
    places: set[str] = set()
    for path in sorted((bundle / "fragment").glob("*.pf_fragment")):
        raw = gzip.decompress(path.read_bytes())
        fragment = json.loads(raw[len(_FRAGMENT_SIGNATURE):]) if raw.startswith(_FRAGMENT_SIGNATURE) else {}
        meta = fragment.get("meta", {})
        page = path.name[: -len(".pf_fragment")]
        for key, found in (("gs_task", tasks), ("gs_name", names)):
            if meta.get(key, "").strip():
                found.setdefault(meta[key].strip(), []).append([fragment.get("url", ""), page])
        words.update(w for w in re.split(r"[\u200b\s]+", fragment.get("content", "")) if _WORD.fullmatch(w))
        places.update(PLACE_AFTER_BANNER.findall(fragment.get("content", "").replace("\u200b", "")))
    return {
        "tasks": {no: sorted(pages) for no, pages in sorted(tasks.items())},
        "names": {name: sorted(pages) for name, pages in sorted(names.items())},
        "words": sorted(words),
        "places": sorted(p for p in places if not re.search("[旗区]", p)),
        # what the search page says in the site's words ({count}, {plans}, {counts} and {no} are filled in there)
        "says": {"no_such_task": M.SEARCH_NO_SUCH_TASK, "no_such_task_plans": M.SEARCH_NO_SUCH_TASK_PLANS},
    }


def write_aids(bundle: Path, first: bool) -> None:
    """The bundle's gongshi-search.json, and in the first bundle the stand-in for pagefind.js."""
    text = json.dumps(aids_of(bundle), ensure_ascii=False, separators=(",", ":"))
    (bundle / AIDS_FILE).write_text(text, encoding="utf-8")
    if first:
        (bundle / STAND_IN).parent.mkdir(exist_ok=True)
        (bundle / STAND_IN).write_text(STAND_IN_SOURCE, encoding="utf-8")


class Indexing:
    """A Pagefind run going on in the background: it takes one core while the build checks the site on all of them.

    Its output goes to a file, not a pipe, so a talkative Pagefind can never
    block on a full pipe while the build is busy elsewhere.
    """

    def __init__(self, pages_dir: Path, output_dir: Path) -> None:
        executable = pagefind_executable()
        self._executable = executable
        self._said = tempfile.TemporaryFile()
        command = [str(executable), "--site", str(pages_dir), "--output-path", str(output_dir), "--silent"]
        self._started = time.perf_counter()
        self.seconds: float | None = None
        try:
            self._process = subprocess.Popen(
                command, stdin=subprocess.DEVNULL, stdout=self._said, stderr=subprocess.STDOUT, preexec_fn=die_with_parent
            )
        except OSError as exc:
            self._said.close()
            raise SearchIndexError(M.CLI_SEARCH_CANNOT_RUN.format(path=executable, reason=exc.strerror)) from None

    def wait(self) -> None:
        """Until Pagefind has finished; raises SearchIndexError with its own words if it failed."""
        code = self._process.wait()
        self.seconds = time.perf_counter() - self._started
        self._said.seek(0)
        said = self._said.read().decode("utf-8", errors="replace")
        self._said.close()
        if code != 0:
            lines = dict.fromkeys(line.strip() for line in said.splitlines() if line.strip())
            raise SearchIndexError(M.CLI_SEARCH_FAILED.format(said=" ".join(lines) or f"exit {code}"))

    def stop(self) -> None:
        """End a run the build no longer needs (the build failed elsewhere)."""
        if self._process.poll() is None:
            self._process.kill()
            self._process.wait()
        if not self._said.closed:
            self._said.close()
