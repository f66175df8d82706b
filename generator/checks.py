"""Checks the built site must pass before it replaces the published one."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

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
_NON_FETCHING_RELS = {"alternate", "canonical", "prev", "next", "author", "license", "search", "sitemap"}


class _Loads(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
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
    parser = _Loads()
    parser.feed(html)
    own = urlparse(site_url).netloc if site_url else ""
    found = []
    for url in parser.urls:
        if url.startswith("data:"):
            continue
        host = urlparse(urljoin(page_url, url)).netloc
        if host and host != own:
            found.append(url)
    return found


def check_site(site_dir: Path, site_url: str) -> list[str]:
    """One line per problem; an empty list means the site may be published."""
    problems: list[str] = []
    base = site_url or "http://localhost/"
    for page in sorted(site_dir.rglob("*.html")):
        rel = page.relative_to(site_dir).as_posix()
        for url in external_loads(page.read_text(encoding="utf-8"), urljoin(base, rel), base):
            problems.append(f"site/{rel}: loads {url} from another host")
    return problems
