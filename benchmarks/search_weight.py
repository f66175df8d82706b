"""What a citizen downloads before the first search result, and whether search finds every page.

Opens a built site's search page (`search/?q=…`, Pagefind's UI over the index
`gongshi build` writes to site/pagefind/) in Debian's Chromium (Playwright, no
downloaded browser) and counts every byte the local server sent until the
first result shows, and how long that took. With --recall it also asks
Pagefind's API for every query and compares the pages found with the pages
whose indexed text (inside data-pagefind-body) contains the query.

    .venv/bin/python benchmarks/search_weight.py /path/to/site --query 伊金霍洛旗 --query 市水利局
    .venv/bin/python benchmarks/search_weight.py /path/to/site --banners --recall

The server does not compress; gzip sizes are computed per file (what nginx
with `gzip on` sends); Pagefind's own index files are already compressed, so
their gzip size is their size.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import re
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from generator.search import BUNDLE_DIRS  # noqa: E402  (the bundles the site's search page merges)


class Served:
    """Paths served since the last reset, with raw and gzipped sizes."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.lock = threading.Lock()
        self.paths: list[str] = []
        self._gz: dict[str, int] = {}

    def reset(self) -> None:
        with self.lock:
            self.paths = []

    def record(self, path: str) -> None:
        with self.lock:
            self.paths.append(path)

    def sizes(self) -> dict[str, tuple[int, int]]:
        result = {}
        for rel in list(self.paths):
            file = self.root / rel.lstrip("/").split("?")[0]
            if file.is_dir():
                file = file / "index.html"
            if not file.is_file():
                continue
            key = file.relative_to(self.root).as_posix()
            if key not in self._gz:
                self._gz[key] = len(gzip.compress(file.read_bytes(), 6))
            result[key] = (file.stat().st_size, self._gz[key])
        return result


def serve(root: Path) -> tuple[ThreadingHTTPServer, Served, str]:
    served = Served(root)

    class Handler(SimpleHTTPRequestHandler):
        extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm",
                          ".js": "text/javascript", ".json": "application/json"}

        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            served.record(self.path)
            super().do_GET()

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, served, f"http://127.0.0.1:{server.server_address[1]}/"


def _totals(sizes: dict[str, tuple[int, int]], only: tuple[str, ...] = ()) -> dict[str, Any]:
    chosen = {k: v for k, v in sizes.items() if not only or k.startswith(only)}
    return {
        "files": len(chosen),
        "raw": sum(v[0] for v in chosen.values()),
        "gzip": sum(v[1] for v in chosen.values()),
        "largest": sorted(((k, v[1]) for k, v in chosen.items()), key=lambda kv: -kv[1])[:5],
    }


def search_page(base: str, served: Served, query: str, timeout_s: float) -> dict[str, Any]:
    """A first visit to search/?q=: everything fetched until the first result link shows."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_context().new_page()
        served.reset()
        start = time.perf_counter()
        page.goto(base + "search/?q=" + query, wait_until="load")
        result: dict[str, Any] = {"query": query}
        try:
            page.wait_for_selector("a.pagefind-ui__result-link", timeout=timeout_s * 1000)
            result["first_result_s"] = time.perf_counter() - start
            result["message"] = page.inner_text(".pagefind-ui__message")
        except Exception as exc:  # a timeout is itself the finding
            result["first_result_s"] = None
            result["error"] = f"{type(exc).__name__}: no result within {timeout_s:.0f} s"
        sizes = served.sizes()
        browser.close()
    result["all"] = _totals(sizes)
    result["search_only"] = _totals(sizes, tuple(f"{b}/" for b in BUNDLE_DIRS))
    return result


def _indexed_text(site: Path) -> dict[str, str]:
    """Site-relative URL → what Pagefind indexes of the page (forms, scripts and data-pagefind-ignore left out)."""
    import lxml.html

    texts = {}
    for path in site.rglob("*.html"):
        if set(BUNDLE_DIRS) & set(path.relative_to(site).parts):
            continue
        doc = lxml.html.fromstring(path.read_bytes())
        for skipped in doc.xpath("//*[@data-pagefind-body]//*[self::form or self::script or self::style"
                                 " or self::noscript or @data-pagefind-ignore]"):
            skipped.drop_tree()
        bodies = doc.xpath("//*[@data-pagefind-body]")
        if bodies:
            rel = path.relative_to(site).as_posix()
            texts[rel[: -len("index.html")] if rel.endswith("index.html") else rel] = "".join(b.text_content() for b in bodies)
    return texts


def recall(base: str, site: Path, queries: list[str]) -> list[dict[str, Any]]:
    """For each query: pages containing it, pages Pagefind returns, how many of those come first, and misses."""
    from playwright.sync_api import sync_playwright

    texts = _indexed_text(site)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_context().new_page()
        page.goto(base + "search/", wait_until="load")
        found = page.evaluate(
            """async queries => {
                const pf = await import("../pagefind/pagefind.js");
                const out = {};
                for (const q of queries) {
                    const search = await pf.search(q);
                    const urls = [];
                    for (let i = 0; i < search.results.length; i += 50) {  // thousands at once exhaust the browser's sockets
                        const batch = search.results.slice(i, i + 50).map(r => r.data().then(d => d.url));
                        urls.push(...await Promise.all(batch));
                    }
                    out[q] = urls;
                }
                return out;
            }""",
            queries,
        )
        browser.close()
    rows = []
    for q in queries:
        truth = {u for u, t in texts.items() if q in t}
        ranked = list(dict.fromkeys(u.split("#")[0].lstrip("/") for u in found[q]))
        got = set(ranked)
        rows.append({"query": q, "pages_containing": len(truth), "results": len(got), "found": len(truth & got),
                     "first_ranked": len(truth & set(ranked[: len(truth)])), "missed": sorted(truth - got)[:5]})
    return rows


def banner_names(site: Path) -> list[str]:
    """Every 旗区 name the site lists (banners/ index page links)."""
    import lxml.html

    doc = lxml.html.fromstring((site / "banners" / "index.html").read_bytes())
    names = {a.text_content().strip() for a in doc.xpath("//article//a") if re.fullmatch(r"[a-z0-9-]+/", a.get("href") or "")}
    return sorted(n for n in names if n)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="a built site/ folder (with site/pagefind/)")
    parser.add_argument("--query", action="append", help="search terms (repeatable; default 伊金霍洛旗 and 水利局)")
    parser.add_argument("--banners", action="store_true", help="also query every 旗区 name on banners/")
    parser.add_argument("--recall", action="store_true", help="compare Pagefind's results with the pages containing each query")
    parser.add_argument("--timeout", type=float, default=120, help="seconds to wait for the first result")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    site = args.site.resolve()
    queries = args.query or ["伊金霍洛旗", "水利局"]
    if args.banners:
        queries += [n for n in banner_names(site) if n not in queries]

    report: dict[str, Any] = {"site": str(site)}
    bundle = [f for b in BUNDLE_DIRS for f in (site / b).rglob("*") if f.is_file()]
    report["bundle"] = {"files": len(bundle), "bytes": sum(f.stat().st_size for f in bundle)}
    server, served, base = serve(site)
    try:
        report["first_visit"] = [search_page(base, served, q, args.timeout) for q in queries[:3]]
        if args.recall:
            report["recall"] = recall(base, site, queries)
    finally:
        server.shutdown()

    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
        return 0
    kb = lambda n: f"{n / 1024:,.1f} KB"  # noqa: E731
    print(f"index: {report['bundle']['files']:,} files, {report['bundle']['bytes'] / 1024 / 1024:.1f} MB")
    for v in report["first_visit"]:
        t = "no result" if v["first_result_s"] is None else f"{v['first_result_s']:.2f} s"
        print(f"{v['query']}: first result {t}; search files {kb(v['search_only']['gzip'])} gzip "
              f"({v['search_only']['files']} files); whole visit {kb(v['all']['gzip'])} gzip")
    for r in report.get("recall", []):
        print(f"recall {r['query']}: {r['found']}/{r['pages_containing']} pages found, {r['results']} results, "
              f"{r['first_ranked']} of them ranked first"
              + (f"; missed {r['missed']}" if r["missed"] else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
