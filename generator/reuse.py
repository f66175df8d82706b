"""What a rebuild may take from the live site as it is: pages in which nothing changed but the date, and the search bundle.

A nightly rebuild of a region rebuilt 10,000 pages that were, but for the
date they are "as of" (数据截至…), exactly last night's. That date is the
only way the build date enters a page's text, and always as one element
(`stamp`), which the search index ignores. So a generated page is taken
from the live site, with its stamps re-dated, when

- its Markdown in content/ is last build's with the stamps blanked, and
- everything else that shapes a page is as it was (`fingerprint`: the
  generator's code, mkdocs.yml, overrides/, the versions of MkDocs,
  Material, Markdown, Jinja2 and the minifier), and
- the live file is still what that build wrote (its digest, stamps blanked).

Pages listed in the navigation are always built: MkDocs renders the
navigation into every page and marks the current one.

The search bundle is taken when every page's text, stamps blanked, is what
the live bundle was built from (`search_digest`), because Pagefind's output
depends only on the pages it reads and stamps carry data-pagefind-ignore.

What each page was built from is recorded in the site (`MANIFEST`); a site
without it, or from another fingerprint, is rebuilt whole. The test of all
this is that a rebuild and a fresh build of the same day give the same bytes
(tests/test_reuse.py).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from importlib import metadata
from pathlib import Path

from markupsafe import Markup

from .asof import chinese_date
from .parallel import map_files

MANIFEST = ".gongshi-pages.json"
_STAMP_OPEN = '<span class="gs-date gs-asof" data-pagefind-ignore>'
# As written by the generator, and as the minifier leaves it (it may drop an attribute's empty value).
_STAMP = re.compile(r'(<span class="gs-date gs-asof" data-pagefind-ignore(?:="")?>)[^<]*(</span>)')
_SHAPERS = ("mkdocs", "mkdocs-material", "Markdown", "Jinja2", "minify_html", "pagefind_bin_extended")


def stamp(day: dt.date) -> Markup:
    """The date a page is "as of": the one place a build's date enters a page (a template filter)."""
    return Markup(f"{_STAMP_OPEN}{chinese_date(day)}</span>")


def blanked(text: str) -> str:
    """The text with every stamp emptied: what stays the same from one day to the next."""
    return _STAMP.sub(r"\1\2", text)


def restamped(text: str, day: dt.date) -> str:
    """A page of another day, re-dated to `day`."""
    date = chinese_date(day)
    return _STAMP.sub(lambda m: f"{m[1]}{date}{m[2]}", text)


def _digest(*parts: str | bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8") if isinstance(part, str) else part)
        h.update(b"\0")
    return h.hexdigest()


def _files(folder: Path) -> Iterable[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []


def fingerprint(root: Path) -> str:
    """Everything besides a page's own Markdown that shapes the page MkDocs and the minifier make of it."""
    parts: list[str | bytes] = []
    for name in _SHAPERS:
        try:
            parts.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{name} -")
    code = Path(__file__).parent
    for path in _files(code):
        if path.suffix in (".py", ".j2", ".html"):
            parts += [path.relative_to(code).as_posix(), path.read_bytes()]
    parts += ["mkdocs.yml", (root / "mkdocs.yml").read_bytes()]
    for path in _files(root / "overrides"):
        parts += [path.relative_to(root).as_posix(), blanked(path.read_text(encoding="utf-8", errors="replace"))]
    return _digest(*parts)


def page_key(fingerprint: str, source: str, markdown: str) -> str:
    return _digest(fingerprint, source, blanked(markdown))


def _file_digest(path: str) -> str:
    return _digest(blanked(Path(path).read_text(encoding="utf-8")))


def file_digests(site_dir: Path, pages: list[str]) -> dict[str, str]:
    """The digest of each page (stamps blanked); on every core past a few thousand pages, where it pays for starting them."""
    return dict(zip(pages, map_files(_file_digest, [str(site_dir / p) for p in pages], serial_below=4000), strict=True))


@dataclass(frozen=True)
class Built:
    """What the live site says it was built from (its MANIFEST)."""

    fingerprint: str
    pages: dict[str, tuple[str, str, str]]  # source Markdown → (its key, the page's file, the page's digest)
    search: list[str]  # what each search bundle was built from (`search_digest`)
    bundle: list[str]  # each bundle itself (`bundle_digest`), so a bundle changed on the server is not taken

    @staticmethod
    def read(site_dir: Path) -> Built | None:
        try:
            raw = json.loads((site_dir / MANIFEST).read_text(encoding="utf-8"))
            pages = {src: (str(v[0]), str(v[1]), str(v[2])) for src, v in raw["pages"].items()}
            if not isinstance(raw["search"], list) or not isinstance(raw["bundle"], list):
                return None  # written by an earlier version, with one bundle
            return Built(str(raw["fingerprint"]), pages, [str(v) for v in raw["search"]], [str(v) for v in raw["bundle"]])
        except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError):
            return None

    def text(self) -> str:
        pages = {src: list(entry) for src, entry in sorted(self.pages.items())}
        top = {"fingerprint": self.fingerprint, "search": self.search, "bundle": self.bundle, "pages": pages}
        return json.dumps(top, indent=0) + "\n"


def reusable(live_dir: Path, live: Built | None, fingerprint: str, keys: dict[str, tuple[str, str]]) -> dict[str, str]:
    """Source Markdown → the live page file that can be taken for it (`keys`: source → (key, page file))."""
    if live is None or live.fingerprint != fingerprint:
        return {}
    candidates = {
        src: page for src, (key, page) in keys.items()
        if (entry := live.pages.get(src)) is not None and entry[0] == key and entry[1] == page
        and (live_dir / page).is_file()
    }
    digests = file_digests(live_dir, sorted(candidates.values()))
    return {src: page for src, page in candidates.items() if digests[page] == live.pages[src][2]}


def take_pages(live_dir: Path, staging: Path, pages: list[str], day: dt.date) -> None:
    """The live pages, re-dated, into the new site; on every core past a few thousand pages."""
    map_files(partial(_take_page, str(live_dir), str(staging), day), pages, serial_below=4000)


def _take_page(live_dir: str, staging: str, day: dt.date, page: str) -> None:
    target = Path(staging) / page
    target.parent.mkdir(parents=True, exist_ok=True)
    text = (Path(live_dir) / page).read_text(encoding="utf-8")
    target.write_text(restamped(text, day), encoding="utf-8", newline="")


def search_digest(digests: dict[str, str]) -> str:
    """What the search bundle is built from: every page's text, stamps blanked."""
    return _digest(*(f"{page} {digest}" for page, digest in sorted(digests.items())))


def bundle_digest(bundle: Path) -> str:
    """Every file of a search bundle, by name and content."""
    return _digest(*(part for path in _files(bundle) for part in (path.relative_to(bundle).as_posix(), path.read_bytes())))


def take_bundle(live_bundle: Path, recorded: str, target: Path) -> bool:
    """Hard-link the live search bundle into the new site (copy where links fail); False when it is not as recorded."""
    if not live_bundle.is_dir() or bundle_digest(live_bundle) != recorded:
        return False
    for path in _files(live_bundle):
        destination = target / path.relative_to(live_bundle)
        destination.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(path, destination)
        except OSError:
            shutil.copy2(path, destination)
    return True
