"""Checks the built site must pass before it replaces the published one."""

from __future__ import annotations

import gzip
import html
import json
import re
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from functools import partial
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse
from xml.etree import ElementTree

from . import messages as M
from .parallel import map_files

# Attributes through which a page makes the browser fetch something.
_LOADING = {
    ("script", "src"),
    ("link", "href"),
    ("img", "src"),
    ("img", "srcset"),
    ("iframe", "src"),
    ("source", "src"),
    ("video", "src"),
    ("audio", "src"),
    ("embed", "src"),
    ("object", "data"),
}
# <link rel> values that do not fetch anything by themselves.
_NON_FETCHING_RELS = {"alternate", "feed", "canonical", "prev", "next", "author", "license", "search", "sitemap"}


class _Loads(HTMLParser):
    """Every URL in a loading attribute, read as a browser tokenizes the page.

    A browser reads what is inside <title> and <textarea> as text (RCDATA),
    as it reads <script> and <style> (raw text), even after a start tag
    written `<title/>`: minify-html writes a title's "<" unescaped where that
    cannot end the element, so a title reading `<script src=//x>` is text, not
    a load. The parser is put in its text mode on every such start tag, as it
    does itself only for <script> and <style> (its list of them is typed
    final). With `rcdata=False` title and textarea are read as ordinary
    elements where the Python version allows (see `_parsed_loads`); recent
    Python releases read them as text themselves. <iframe>, <xmp>, <noembed>
    and <noframes> hold raw text to a browser too.
    """

    def __init__(self, rcdata: bool = True) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.text_elements = _RAW_TEXT + (_RCDATA if rcdata else ())

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.text_elements:
            self.set_cdata_mode(tag)
        values = dict(attrs)
        if tag == "link" and set((values.get("rel") or "").split()) <= _NON_FETCHING_RELS and values.get("rel"):
            return
        for name, value in attrs:
            if (tag, name) in _LOADING and value:
                self.urls.extend(part.split()[0] for part in value.split(",") if part.strip())
            if name == "style" and value and "url(" in value:
                self.urls.append(value)


def external_loads(html: str, page_url: str, site_url: str) -> list[str]:
    """URLs a page would fetch from a host other than the site's own."""
    own = urlparse(site_url).netloc if site_url else ""
    if own and urlparse(page_url).netloc == own and not _may_load_elsewhere(html, own):
        return []
    return _parsed_loads(html, page_url, site_url)


# A "//" that cannot start another host's address. In `xmlns="http://…"` the
# attribute is not a loading one; inside a loading value the quote before
# "http:" leaves no scheme, so no host. After "://own-host/" the host is the
# site's own (only for hosts of plain characters, which unescape as themselves).
_NAMESPACE = re.compile(r"""(xmlns(?::[a-z]+)?=["']?[a-z]+:)//""")  # quoted, or not: minify-html drops the quotes
_PLAIN_HOST = re.compile(r"[A-Za-z0-9.:-]+")
_TWO_SLASHES = re.compile(r"[/\\][\t\n\r]*[/\\]")  # browsers read "\\" as "/" in http(s) addresses


def _may_load_elsewhere(page: str, own: str) -> bool:
    """False only when parsing `page` provably finds no load from another host.

    Parsing costs ~5 ms a page, this a tenth of that. A load from another
    host needs "//" after the optional scheme of an attribute value, once the
    parser has unescaped it and urlsplit has dropped tabs and line breaks;
    unescaping the whole page yields each value's text in place. Pages hold
    "//" only in SVG namespaces and links to the site itself, so those are
    blanked first, on the raw text, where that cannot change how the rest
    unescapes. "<![" goes to the parser, which raises on some marked sections.
    """
    if "<![" in page:
        return True
    text = _NAMESPACE.sub(r"\1__", page)
    if _PLAIN_HOST.fullmatch(own):
        for end in "/?#":
            text = text.replace(f"://{own}{end}", f":__{own}{end}")
    return _TWO_SLASHES.search(html.unescape(text)) is not None


_RAW_TEXT = ("script", "style", "xmp", "iframe", "noembed", "noframes")
_RCDATA = ("title", "textarea")
# Older Pythons' HTMLParser ends these elements (<script>, <title>…) at `</\s*name\s*>`; a
# browser at "</name" and then a space, "/" or ">". "</ title>" is no end tag for a browser anywhere
# (in text it is text, elsewhere a comment up to its ">"), so it is read as the text "&lt;/ title>".
_TEXT_NAMES = "|".join(_RAW_TEXT + _RCDATA)
_SPACED_END = re.compile(rf"</(?=\s+(?:{_TEXT_NAMES})\s*>)", re.IGNORECASE)
# "</title x>" ends the element for a browser but not for such a parser. minify-html writes no such
# end tag (it writes `</title>`, and escapes the "<" of such text inside a title).
_ODD_END = re.compile(rf"</(?:{_TEXT_NAMES})(?=[\t\n\f\r /])(?!\s*>)", re.IGNORECASE)


def _parsed_loads(html: str, page_url: str, site_url: str) -> list[str]:
    """Loads from another host, in the order the parser meets them.

    Where an end tag is written so that the parser might end an element
    elsewhere than a browser does (`_ODD_END`), the page is parsed again with
    <title> and <textarea> as ordinary elements, and loads found either way
    count: a doubt blocks publishing.
    """
    html = _SPACED_END.sub("&lt;/", html)
    parser = _Loads()
    parser.feed(html)
    urls = parser.urls
    if _ODD_END.search(html):
        markup = _Loads(rcdata=False)
        markup.feed(html)
        urls = urls + [url for url in markup.urls if url not in urls]
    own = urlparse(site_url).netloc if site_url else ""
    found = []
    for url in urls:
        if url.startswith("data:"):
            continue
        host = urlparse(urljoin(page_url, url.replace("\\", "/"))).netloc
        if host and host != own:
            found.append(url)
    return found


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def normalised_text(text: str) -> str:
    """Text as a reader finds it: no search-segmentation marks, no whitespace."""
    return "".join(text.split()).replace("\u200b", "")  # str.split's whitespace is re's \s, at a fifth of the time


def _readable(path: Path, raw: str) -> str:
    if path.suffix == ".ics":  # unfold, then undo RFC 5545 TEXT escapes (a fold may split one)
        raw = re.sub(r"\r?\n[ \t]", "", raw)
        raw = re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], raw)
    text = html.unescape(raw)
    if path.suffix == ".xml":
        text = html.unescape(text)  # feed descriptions are HTML inside XML: escaped twice
    return normalised_text(text)


_END = ""  # key that ends a text in the prefix tree; characters are never empty


class _Withheld:
    """Every withheld text in one regex, so a file is scanned once rather than once per text.

    The regex matches the longest text starting at a place; every shorter
    text starting there is a prefix of it, so a match stands for the labels of
    all texts it contains. Searching again one character further on visits
    every place where a text starts.
    """

    def __init__(self, needles: dict[str, list[str]]) -> None:
        self.labels = list(needles)
        owners: dict[str, set[str]] = {}
        for label, texts in needles.items():
            for needle in texts:
                owners.setdefault(needle, set()).add(label)
        tree: dict[str, dict] = {}
        for needle in owners:
            node = tree
            for char in needle:
                node = node.setdefault(char, {})
            node[_END] = {}
        self.pattern = re.compile(_tree_pattern(tree))
        self.shown_by = {
            needle: frozenset(label for inner in owners if inner in needle for label in owners[inner])
            for needle in owners
        }
        self.shortest = min(map(len, owners), default=0)

    def __bool__(self) -> bool:
        return bool(self.labels)

    def add_labels_in(self, text: str, found: set[str]) -> None:
        position = 0
        while len(found) < len(self.labels) and (match := self.pattern.search(text, position)):
            found |= self.shown_by[match[0]]
            position = match.start() + 1


def _tree_pattern(node: dict[str, dict]) -> str:
    """The texts below `node` as a prefix tree, longer texts first.

    A flat alternation of a few hundred texts tries each one at every place
    and was slower than a `needle in text` per text; in a tree only one branch
    can match the next character, so the cost hardly grows with their number.
    """
    branches = []
    for char, child in node.items():
        if char == _END:
            continue
        run = char
        while len(child) == 1 and _END not in child:
            ((char, child),) = child.items()
            run += char
        branches.append(re.escape(run) + _tree_pattern(child))
    if _END in node:
        branches.append("")
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def _withheld(withheld: dict[str, list[str]] | None) -> _Withheld:
    needles = {
        label: [n for t in texts for n in (normalised_text(line) for line in t.splitlines()) if len(n) >= 8]
        for label, texts in (withheld or {}).items()
    }
    return _Withheld({label: found for label, found in needles.items() if found})


def _site_files(site_dir: Path) -> list[str]:
    return sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_file())


def _problems(results: list[tuple[list[str], list[str], list[str]]]) -> list[str]:
    """Grouped by kind (outside loads, malformed, withheld text shown), each kind in file order."""
    loads = [problem for found, _, _ in results for problem in found]
    malformed = [problem for _, found, _ in results for problem in found]
    shown = [problem for _, _, found in results for problem in found]
    return loads + malformed + shown


def check_site(
    site_dir: Path,
    site_url: str,
    withheld: dict[str, list[str]] | None = None,
    workers: int | None = None,
    under: str | None = None,
) -> list[str]:
    """One line per problem; an empty list means the site may be published.

    `withheld` maps a label (a queued notice) to texts that must appear in no
    file of the site: pages, search index, sitemap, feeds or open data. Each
    file is read once, and files are checked on every core (a region has
    thousands); problems come back grouped by kind, in file order. `under`
    checks only the files in that folder of the site (the search bundle,
    which arrives after the pages were checked).
    """
    job = partial(_publish_file, str(site_dir), site_url or "http://localhost/", _withheld(withheld))
    files = _site_files(site_dir)
    if under is not None:
        files = [rel for rel in files if rel.startswith(under.rstrip("/") + "/")]
    return _problems(map_files(job, files, workers, serial_below=64))


def _publish_file(site_dir: str, base: str, withheld: _Withheld, rel: str) -> tuple[list[str], list[str], list[str]]:
    """(outside loads, malformed, withheld text shown) for one file of the site."""
    path = Path(site_dir) / rel
    loads: list[str] = []
    malformed: list[str] = []
    shown: list[str] = []
    page: str | None = None
    if path.suffix == ".html":
        page = path.read_text(encoding="utf-8")
        for url in external_loads(page, urljoin(base, rel), base):
            loads.append(M.PUBLISH_LOADS.format(rel=rel, url=url))
    parsed: object = _NOT_JSON
    try:
        if path.suffix in (".xml", ".rss", ".atom"):
            ElementTree.parse(path)
        elif path.suffix == ".json":
            parsed = json.loads(path.read_text(encoding="utf-8"))
        elif path.suffix == _PAGEFIND_FRAGMENT:
            parsed = _pagefind_fragment(path)
        elif path.suffix in _OFFICE_SUFFIXES:
            page = office_text(path)
    except (ElementTree.ParseError, ValueError) as exc:
        malformed.append(M.PUBLISH_MALFORMED.format(rel=rel, detail=exc))
    if withheld and path.suffix in _TEXT_SUFFIXES | _OFFICE_SUFFIXES:
        # JSON string by string: open data and search fragments are read as their parse, never
        # joined and copied whole (Material's old index took most of a gigabyte that way).
        # Unescaping and normalising never lengthen a text, so shorter strings cannot hold one.
        if parsed is _NOT_JSON:
            raw = page if page is not None else path.read_text(encoding="utf-8", errors="replace")
            readable: Iterable[str] = [_readable(path, raw)]
        else:
            readable = (
                normalised_text(html.unescape(text)) for text in _strings(parsed) if len(text) >= withheld.shortest
            )
        found: set[str] = set()
        for text in readable:
            withheld.add_labels_in(text, found)
        shown += [M.PUBLISH_SHOWS.format(rel=rel, label=label) for label in withheld.labels if label in found]
    return loads, malformed, shown


_OFFICE_SUFFIXES = {".xlsx", ".docx"}  # zip files of XML parts: the 整改台账 download


def office_text(path: Path) -> str:
    """Every XML part of an Office file, each parsed, as one text (cells, shared strings, properties)."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = [name for name in archive.namelist() if name.endswith((".xml", ".rels"))]
            texts = []
            for name in parts:
                root = ElementTree.fromstring(archive.read(name))
                texts.append("\n".join(t for t in root.itertext() if t))
                texts += [v for el in root.iter() for v in el.attrib.values()]
    except (zipfile.BadZipFile, ElementTree.ParseError) as exc:
        raise ValueError(f"not an Office file: {exc}") from None
    return "\n".join(texts)


_PAGEFIND_FRAGMENT = ".pf_fragment"
_PAGEFIND_SIGNATURE = b"pagefind_dcd"
_TEXT_SUFFIXES = {".html", ".xml", ".json", ".ics", ".txt", ".js", _PAGEFIND_FRAGMENT}
_NOT_JSON = object()


def _pagefind_fragment(path: Path) -> object:
    """A Pagefind result fragment (gzip of a signature and JSON): the page text a search shows."""
    try:
        raw = gzip.decompress(path.read_bytes())
    except (OSError, EOFError, zlib.error) as exc:
        raise ValueError(f"not gzip: {exc}") from None
    if not raw.startswith(_PAGEFIND_SIGNATURE):
        raise ValueError("not a Pagefind fragment")
    return json.loads(raw[len(_PAGEFIND_SIGNATURE):])
