"""What a citizen downloads before the first search result: Material's lunr search vs Pagefind.

Material's search fetches one JSON holding the text of every page and builds
a lunr index in the browser; Pagefind (if given) fetches a small runtime, a
WebAssembly module and only the index chunks and result fragments a query
needs. This opens a built site in Debian's Chromium (Playwright, no
downloaded browser), types a query, and counts every byte the local server
sent until the first result appears, plus how long that took.

    .venv/bin/python benchmarks/search_weight.py /path/to/site --query 垃圾填埋场 \
        --pagefind "/tmp/pf-venv/bin/python -m pagefind"

The server does not compress; gzip sizes are computed per file (what nginx
with `gzip on` sends; Pagefind's files are already compressed). Nothing here
changes the site being measured: Pagefind runs on a hard-linked copy.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"


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


def material(base: str, served: Served, query: str, timeout_s: float) -> dict[str, Any]:
    """Open the home page, type the query into Material's search box, wait for the first result."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_context().new_page()
        served.reset()
        start = time.perf_counter()
        page.goto(base, wait_until="load")
        loaded = time.perf_counter() - start
        page.focus("input.md-search__input")
        page.keyboard.type(query)
        result: dict[str, Any] = {"query": query, "page_load_s": loaded}
        try:
            page.wait_for_selector("li.md-search-result__item", timeout=timeout_s * 1000)
            result["first_result_s"] = time.perf_counter() - start
            result["results_meta"] = page.inner_text(".md-search-result__meta")
        except Exception as exc:  # a timeout is itself the finding
            result["first_result_s"] = None
            result["error"] = f"{type(exc).__name__}: no result within {timeout_s:.0f} s"
        sizes = served.sizes()
        browser.close()
    result["all"] = _totals(sizes)
    result["search_only"] = _totals(sizes, ("search/", "assets/javascripts/workers/", "assets/javascripts/lunr/"))
    return result


def pagefind(base: str, served: Served, query: str, shown: int, timeout_s: float) -> dict[str, Any]:
    """Load Pagefind's JS API on the home page, search, load the first `shown` results (its UI shows 5)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_context().new_page()
        page.goto(base, wait_until="load")
        served.reset()
        start = time.perf_counter()
        found = page.evaluate(
            """async ([q, shown]) => {
                const pf = await import('./pagefind/pagefind.js');
                const search = await pf.search(q);
                const data = await Promise.all(search.results.slice(0, shown).map(r => r.data()));
                return {count: search.results.length, first: data.length ? data[0].url : null,
                        title: data.length ? data[0].meta.title : null};
            }""",
            [query, shown],
        )
        elapsed = time.perf_counter() - start
        sizes = served.sizes()
        browser.close()
    return {"query": query, "results": found, "first_results_s": elapsed, "shown": shown,
            "fetched": _totals(sizes, ("pagefind/",))}


def run_pagefind(command: list[str], site: Path) -> dict[str, Any]:
    started = time.perf_counter()
    proc = subprocess.run(command + ["--site", str(site)], capture_output=True, text=True)
    seconds = time.perf_counter() - started
    bundle = site / "pagefind"
    files = [f for f in bundle.rglob("*") if f.is_file()] if bundle.is_dir() else []
    out = {"seconds": seconds, "returncode": proc.returncode, "files": len(files),
           "bytes": sum(f.stat().st_size for f in files),
           "log_tail": (proc.stdout + proc.stderr).strip().splitlines()[-8:]}
    ui = [bundle / "pagefind-ui.js", bundle / "pagefind-ui.css"]
    out["ui_gzip"] = sum(len(gzip.compress(f.read_bytes(), 6)) for f in ui if f.exists())
    return out


def linked_copy(site: Path, target: Path) -> Path:
    """A copy that costs no disk: Pagefind only adds files."""
    shutil.copytree(site, target, copy_function=os.link)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="a built site/ folder")
    parser.add_argument("--query", action="append", help="search terms (repeatable; default 垃圾填埋场 and 水利局)")
    parser.add_argument("--pagefind", help="command that runs Pagefind, e.g. '/tmp/pf-venv/bin/python -m pagefind'")
    parser.add_argument("--shown", type=int, default=5, help="Pagefind results to load (its default UI shows 5)")
    parser.add_argument("--timeout", type=float, default=240, help="seconds to wait for Material's first result")
    parser.add_argument("--skip-material", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    queries = args.query or ["垃圾填埋场", "水利局"]

    work = Path(tempfile.mkdtemp(prefix="gongshi-search-"))
    report: dict[str, Any] = {"site": str(args.site)}
    try:
        site = linked_copy(args.site.resolve(), work / "site")
        if args.pagefind:
            report["pagefind_index"] = run_pagefind(shlex.split(args.pagefind), site)
        server, served, base = serve(site)
        try:
            if not args.skip_material:
                report["material"] = [material(base, served, q, args.timeout) for q in queries]
            if args.pagefind and report["pagefind_index"]["returncode"] == 0:
                report["pagefind"] = [pagefind(base, served, q, args.shown, args.timeout) for q in queries]
        finally:
            server.shutdown()
    finally:
        shutil.rmtree(work, ignore_errors=True)

    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
        return 0
    kb = lambda n: f"{n / 1024:,.1f} KB"  # noqa: E731
    for m in report.get("material", []):
        t = "timed out" if m["first_result_s"] is None else f"{m['first_result_s']:.1f} s"
        print(f"Material  {m['query']}: first result {t}; search files {kb(m['search_only']['gzip'])} gzip "
              f"({kb(m['search_only']['raw'])} raw); whole visit {kb(m['all']['gzip'])} gzip")
    if "pagefind_index" in report:
        pi = report["pagefind_index"]
        print(f"Pagefind  index: {pi['seconds']:.1f} s, {pi['files']} files, {pi['bytes'] / 1024 / 1024:.1f} MB, exit {pi['returncode']}; "
              f"default UI adds {kb(pi['ui_gzip'])} gzip")
    for f in report.get("pagefind", []):
        print(f"Pagefind  {f['query']}: {f['results']['count']} results, first {f['shown']} loaded in {f['first_results_s']:.2f} s; "
              f"fetched {kb(f['fetched']['gzip'])} gzip ({f['fetched']['files']} files)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
