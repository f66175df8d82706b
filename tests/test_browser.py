"""The built site in a real browser: Debian's Chromium driven by Playwright, served under /zt/ducha/.

The site is served by a small threaded HTTP server that maps /zt/ducha/ to the
built folder (and, like the README's nginx lines, answers a missing page there
with 404.html); everything else is a 404. The server records every request it
gets, and each page records every request it makes.
"""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import json
import os
import re
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import AS_OF, REPO, copy_project, data_tree, tasks_of

from generator import status
from generator.search import BUNDLE_DIRS

playwright_api = pytest.importorskip("playwright.sync_api")

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
PREFIX = "/zt/ducha/"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
WIDE = {"width": 1366, "height": 768}

if not os.access(CHROMIUM, os.X_OK):
    pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)", allow_module_level=True)


# ---------------------------------------------------------------- server, browser, pages


class _Handler(http.server.SimpleHTTPRequestHandler):
    site: Path
    log: list[tuple[str, int]]

    def send_head(self):
        path = unquote(urlsplit(self.path).path)
        if not path.startswith(PREFIX):
            self.send_error(404)
            return None
        return super().send_head()

    def translate_path(self, path: str) -> str:
        rel = unquote(urlsplit(path).path)[len(PREFIX):]
        return str(self.site.joinpath(*[p for p in rel.split("/") if p not in ("", ".", "..")]))

    def send_error(self, code, message=None, explain=None):
        not_found = self.site / "404.html"
        path = unquote(urlsplit(self.path).path)
        if code == 404 and path.startswith(PREFIX) and not_found.is_file():  # nginx: error_page 404 /zt/ducha/404.html
            body = not_found.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)

    def log_request(self, code="-", size="-"):
        self.log.append((self.path, int(code) if str(code).isdigit() else 0))

    def log_message(self, format, *args):  # quiet
        pass


@dataclass
class Server:
    origin: str
    log: list[tuple[str, int]]

    @property
    def base(self) -> str:
        return self.origin + PREFIX


def _serve(site: Path) -> Iterator[Server]:
    log: list[tuple[str, int]] = []
    handler = type("Handler", (_Handler,), {"site": site, "log": log})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield Server(f"http://127.0.0.1:{httpd.server_address[1]}", log)
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="session")
def server(built: Path):
    yield from _serve(built)


@dataclass
class Recorder:
    """What one page did: every request it made, console errors and uncaught exceptions."""

    origin: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def attach(self, page) -> None:
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("console", lambda m: self.errors.append(f"console: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        page.on("requestfailed", lambda r: self.failed.append(f"{r.url}: {r.failure}"))
        page.on("response", lambda r: self.failed.append(f"{r.url}: {r.status}") if r.status >= 400 else None)

    def foreign(self) -> list[str]:
        return [u for u in self.requests if not (u.startswith(self.origin + "/") or u.startswith("data:") or u.startswith("blob:"))]


@pytest.fixture(scope="session")
def context(browser):
    ctx = browser.new_context(viewport=DESKTOP, locale="zh-CN", service_workers="block")
    yield ctx
    ctx.close()


@pytest.fixture
def tab(context, server):
    page = context.new_page()
    rec = Recorder(server.origin)
    rec.attach(page)
    page.recorder = rec
    yield page
    page.close()


def task_url(t) -> str:
    return f"plans/{t.plan_id}/tasks/{t.no}/"


def running_notice(snap):
    running = [n for n in snap.notices if n.running]
    assert running, "the shipped examples have a notice open on AS_OF"
    return running[0]


def pages_to_check(dataset, snap) -> list[str]:
    tasks = tasks_of(dataset)
    plan = dataset.plans[0]
    year = snap.reports[-1].year if snap.reports else None
    return [
        "",
        task_url(tasks[7]),
        "tasks/",
        f"notices/{running_notice(snap).id}/",
        f"plans/{plan.id}/",
        f"plans/{plan.id}/2/",  # the plan's longest page: a part of 二、整改任务 in full
        f"plans/{plan.id}/appendix/",
        f"banners/{plan.banners[0].slug}/",
        f"units/{plan.units[0].slug}/",
        "notices/",
        "about/",
    ] + ([f"progress/{year}/", f"progress/{year}/{plan.banners[0].slug}/"] if year else [])


# ---------------------------------------------------------------- (a) phone, (b) requests


def test_phone_pages_have_no_horizontal_scroll_console_errors_or_outside_requests(browser, server, data) -> None:
    dataset, snap = data
    ctx = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True, locale="zh-CN")
    try:
        page = ctx.new_page()
        rec = Recorder(server.origin)
        rec.attach(page)
        wide = []
        for url in pages_to_check(dataset, snap):
            response = page.goto(server.base + url, wait_until="networkidle")
            assert response is not None and response.status in (200, 304), url
            assert page.evaluate("document.documentElement.lang") == "zh-CN"
            width, client = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
            assert client == PHONE["width"]
            if width > client:
                wide.append(f"{url or '/'}: {width} > {client}")
        assert wide == []
        assert rec.errors == []
        assert rec.failed == []
        assert rec.foreign() == []
        assert rec.requests, "requests were recorded"
    finally:
        ctx.close()


def test_no_request_leaves_the_site_and_the_404_page_works_under_the_path(tab, server, data) -> None:
    dataset, snap = data
    before = len(server.log)
    for url in pages_to_check(dataset, snap):
        tab.goto(server.base + url, wait_until="networkidle")
    # A missing page anywhere under the path shows the 404 page with its styles and scripts.
    response = tab.goto(server.base + "plans/no-such-plan/tasks/999/", wait_until="networkidle")
    assert response.status == 404
    assert tab.locator("h1").inner_text() == "页面未找到"
    assert tab.evaluate("getComputedStyle(document.querySelector('.md-header')).position") in ("sticky", "fixed")
    # Its links work from that depth: 整改任务 opens the task list under the path.
    with tab.expect_navigation():
        tab.locator("article a", has_text="整改任务").click()
    assert tab.url == server.base + "tasks/"
    assert tab.locator("h1").inner_text() == "整改任务一览"
    rec = tab.recorder
    assert rec.foreign() == []
    assert [e for e in rec.errors if "404" not in e] == []
    assert [f for f in rec.failed if "no-such-plan" not in f] == []
    served = server.log[before:]
    assert served, "the server saw the requests"
    assert [p for p, _ in served if not p.startswith(PREFIX)] == []
    assert [(p, c) for p, c in served if c not in (200, 304) and "no-such-plan" not in p] == []
    assert any(p.startswith(PREFIX + "assets/stylesheets/") for p, _ in served)


MATERIAL_ASSET = re.compile(r"assets/(stylesheets/(main|palette)\.[0-9a-f]+\.min\.css|javascripts/bundle\.[0-9a-f]+\.min\.js|images/favicon\.png)$")


def test_a_page_loads_nothing_but_itself_and_materials_own_assets(browser, server, data) -> None:
    """What a phone downloads per page: the page, Material's stylesheet and script (and the favicon).

    Material's script fetches sitemap.xml for every <link rel=alternate> (it takes them for language
    versions); at region scale that is ~100 KB gzipped per visit, so the feed links say rel="alternate feed".
    """
    dataset, snap = data
    for url in pages_to_check(dataset, snap):
        ctx = browser.new_context(viewport=PHONE, locale="zh-CN")  # an empty cache per page
        try:
            page = ctx.new_page()
            fetched: list[str] = []
            page.on("request", lambda r: fetched.append(r.url))
            page.goto(server.base + url, wait_until="networkidle")
            others = [u for u in fetched[1:] if not MATERIAL_ASSET.search(u.split("?")[0])]
            assert others == [], url or "/"
        finally:
            ctx.close()


# ---------------------------------------------------------------- (c) search


def _searchable_text(doc) -> str:
    """What Pagefind indexes of a page: its data-pagefind-body, without forms (the hidden task filters),
    scripts, or what the page marks data-pagefind-ignore (a notice's copy of its task's text)."""
    skipped_here = "self::form or self::script or self::style or self::noscript or @data-pagefind-ignore"
    for skipped in doc.xpath(f"//*[@data-pagefind-body]//*[{skipped_here}]"):
        skipped.drop_tree()
    return "".join(body.text_content() for body in doc.xpath("//*[@data-pagefind-body]"))


def _pages_containing(site: Path, word: str) -> set[str]:
    """Site-relative URLs of the indexed pages whose searchable text contains `word`."""
    import lxml.html

    found = set()
    for path in site.rglob("index.html"):
        if word in _searchable_text(lxml.html.fromstring(path.read_bytes())):
            rel = path.parent.relative_to(site).as_posix()
            found.add("" if rel == "." else rel + "/")
    return found


def _pagefind_api(page, base: str, queries: list[str]) -> dict[str, set[str]]:
    """Site-relative result URLs for each query, from Pagefind's own API with every bundle merged, as the search page does."""
    page.goto(base + "search/", wait_until="networkidle")
    found = page.evaluate(
        """async ([queries, bundles]) => {
            const pagefind = await import(new URL(`../${bundles[0]}/pagefind.js`, location.href).href);
            for (const bundle of bundles.slice(1)) {  // merged as the search page merges them
                await pagefind.mergeIndex(new URL(`../${bundle}/`, location.href).pathname);
            }
            const out = {};
            for (const q of queries) {
                const search = await pagefind.search(q);
                out[q] = await Promise.all(search.results.map(r => r.data().then(d => d.url)));
            }
            return out;
        }""",
        [queries, list(BUNDLE_DIRS)],
    )
    assert all(u.startswith(PREFIX) for urls in found.values() for u in urls), "links under the served path"
    return {q: {u.split("#")[0][len(PREFIX):] for u in urls} for q, urls in found.items()}


def _search_page(page, base: str, query: str) -> list[str]:
    """Open the search page with ?q=, show every result, and return the result links (absolute URLs)."""
    page.goto(base + "search/?q=" + query, wait_until="networkidle")
    page.wait_for_selector(".pagefind-ui__message")
    more = page.locator(".pagefind-ui__button")
    while more.count() and more.first.is_visible():
        more.first.click()
        page.wait_for_timeout(200)
    hrefs = page.eval_on_selector_all("a.pagefind-ui__result-link", "els => els.map(e => e.href)")
    return sorted({h.split("#")[0] for h in hrefs})


def test_search_page_finds_every_page_that_mentions_shusanshui(tab, server, built, data) -> None:
    dataset, _ = data
    word = "疏干水"
    mentioning = [t for t in tasks_of(dataset) if word in t.problem + t.goal + "".join(t.measures)]
    assert [t.no for t in mentioning] == [8, 19, 25]
    found = _search_page(tab, server.base, word)
    assert re.search(r"找到 \d+ 个", tab.locator(".pagefind-ui__message").inner_text())
    found_tasks = sorted(int(m.group(1)) for u in found if (m := re.search(r"/tasks/(\d+)/$", u)))
    assert found_tasks == [t.no for t in mentioning]
    assert set(found) >= {server.base + u for u in _pages_containing(built, word)}
    assert tab.recorder.foreign() == [] and tab.recorder.errors == [] and tab.recorder.failed == []
    fetched = [u for u in tab.recorder.requests if "/pagefind/" in u]
    assert any(u.endswith(".pf_index") for u in fetched) and any(u.endswith(".pf_fragment") for u in fetched)
    # A result opens its page on this site, under the path the site is served from.
    tab.goto(found[0], wait_until="networkidle")
    assert tab.recorder.failed == []


def test_typing_in_the_search_box_shows_results(tab, server) -> None:
    tab.goto(server.base, wait_until="networkidle")
    tab.click("a.md-header__button[href$='search/']")
    tab.wait_for_url("**/search/")
    box = tab.locator("input.pagefind-ui__search-input")
    box.fill("禁牧休牧")
    tab.wait_for_selector("a.pagefind-ui__result-link")
    assert "禁牧休牧" in tab.locator(".pagefind-ui__message").inner_text()
    assert tab.recorder.errors == []


def test_every_banner_and_unit_name_finds_every_page_that_shows_it(tab, server, built, data) -> None:
    dataset, _ = data
    names = [b.name for p in dataset.plans for b in p.banners] + [u.name for p in dataset.plans for u in p.units]
    found = _pagefind_api(tab, server.base, names)
    missed = {}
    for name in names:
        expected = _pages_containing(built, name)
        assert expected, name
        if expected - found[name]:
            missed[name] = sorted(expected - found[name])
    assert missed == {}
    banner = dataset.plans[0].banners[-1]
    assert f"banners/{banner.slug}/" in found[banner.name]


CHINESE_NUMBERS = {1: "一", 7: "七", 10: "十", 25: "二十五", 40: "四十"}


# A place and a topic typed together, with no space, as a resident of 乌审旗 types them on a phone.
PLACE_AND_TOPIC = (("乌审旗", "煤改电"), ("乌审旗", "垃圾"), ("乌审旗", "垃圾填埋场"), ("达拉特旗", "煤矿"), ("乌审旗的", "排污口"),
                   ("乌审旗", "热泵"), ("鄂托克前旗", "餐厨垃圾"))


def pinned_queries(dataset, snap=None) -> dict[str, set[str]]:
    """Queries as residents put them → the site-relative pages one of which must come first, from the data."""
    plan = dataset.plans[0]
    tasks = {t.no: f"plans/{plan.id}/tasks/{t.no}/" for t in plan.tasks}
    expected = {q: {tasks[25]} for q in ("第25项", "25项", "第二十五项", "任务25", "第25项整改任务")}
    for no in (1, 7, 10, 19, 33, 40):
        expected[f"第{no}项"] = {tasks[no]}
    for no in (7, 10, 40):
        expected[f"第{CHINESE_NUMBERS[no]}项"] = {tasks[no]}
    expected |= {b.name: {f"banners/{b.slug}/"} for b in plan.banners}
    expected |= {u.name: {f"units/{u.slug}/"} for u in plan.units}
    for phrase in ("白泥井镇", "疏干水", "餐厨垃圾"):  # a place and phrases from a task's problem
        expected[phrase] = {tasks[t.no] for t in plan.tasks if phrase in t.problem}
        assert expected[phrase], phrase
    # A place and a topic: the task whose problem names both (or, if none does, whose problem and measures do).
    for place, topic in PLACE_AND_TOPIC:
        name = place.removesuffix("的")
        for text in (lambda t: t.problem, lambda t: t.problem + "".join(t.measures)):
            expected[place + topic] = {tasks[t.no] for t in plan.tasks if name in text(t) and topic in text(t)}
            if expected[place + topic]:
                break
        assert expected[place + topic], place + topic
    expected["伊金霍洛旗第30项"] = {tasks[30]}  # a task's number with a place: the task
    # A topic and 公示: its notice once one is published, its task before.
    notices = {f"notices/{n.id}/" for n in (snap.notices if snap else ()) if "餐厨垃圾" in n.task.problem}
    expected["餐厨垃圾公示"] = notices or {tasks[t.no] for t in plan.tasks if "餐厨垃圾" in t.problem}
    return expected


def _first_result(page, base: str, query: str) -> str:
    page.goto(base + "search/?q=" + query, wait_until="networkidle")
    first = page.locator(".pagefind-ui__results > li:first-child a.pagefind-ui__result-link").first
    first.wait_for()
    return first.get_attribute("href")


@pytest.mark.parametrize("width", [390, 1366])
def test_search_puts_what_people_name_first(browser, server, data, width) -> None:
    dataset, snap = data
    expected = pinned_queries(dataset, snap)
    assert len(expected) >= 30 and "市水利局" in expected and "伊金霍洛旗" in expected
    page = browser.new_page(viewport={"width": width, "height": 900}, locale="zh-CN")
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    queries = expected if width == 390 else {q: expected[q] for q in ("第25项", "第二十五项", "市水利局", "白泥井镇")}
    firsts = {q: _first_result(page, server.base, q) for q in queries}
    prefix = urlsplit(server.base).path
    wrong = {q: u for q, u in firsts.items() if u.removeprefix(prefix) not in queries[q]}
    assert wrong == {}
    # Whole phrases are marked, never one character of them (第, 市, 项 alone).
    for query in ("第25项", "市水利局"):
        _first_result(page, server.base, query)
        page.wait_for_timeout(300)
        marks = page.eval_on_selector_all(".pagefind-ui__result mark", "ms => ms.map(m => m.textContent)")
        assert marks and set(marks) == {query}, marks
        excerpts = page.eval_on_selector_all(".pagefind-ui__result-excerpt", "ps => ps.map(p => p.textContent)")
        assert not [e for e in excerpts if ". " in e], excerpts  # Chinese separators, not ASCII ". "
        assert page.locator(".pagefind-ui__result-tag").count() == 0  # the query step's metadata is not shown
    # A place and a topic typed together: both are marked in the task that names them.
    _first_result(page, server.base, "乌审旗热泵")
    page.wait_for_timeout(300)
    marks = page.eval_on_selector_all(".pagefind-ui__results > li:first-child mark", "ms => ms.map(m => m.textContent)")
    assert set(marks) == {"乌审旗", "热泵"}, marks
    # Pagefind's 加载更多 button is a finger high.
    _first_result(page, server.base, "伊金霍洛旗")
    more = page.locator(".pagefind-ui__button")
    assert more.is_visible() and more.bounding_box()["height"] >= 44
    assert errors == []
    page.close()


def _pieces_of_names_marked(excerpt: str, names: list[str]) -> list[str]:
    """The marks of an excerpt (innerHTML) that are only a piece of a name written around them."""
    import html

    plain, spans = "", []
    for part in re.split(r"(<mark>[^<]*</mark>)", excerpt):
        text = html.unescape(part[len("<mark>"): -len("</mark>")] if part.startswith("<mark>") else part)
        if part.startswith("<mark>"):
            spans.append((len(plain), len(plain) + len(text.rstrip())))
        plain += text
    return [plain[a:b] for a, b in spans
            if any(len(n) > b - a and plain[s : s + len(n)] == n for n in names for s in range(max(0, b - len(n)), a + 1))]


def test_no_lone_character_or_piece_of_a_name_is_marked(tab, server, data) -> None:
    dataset, _ = data
    names = [b.name for p in dataset.plans for b in p.banners] + [u.name for p in dataset.plans for u in p.units]
    assert _pieces_of_names_marked("要求，<mark>伊金霍</mark>洛<mark>旗 </mark>东", names) == ["伊金霍", "旗"]
    for query in ("伊旗", "第99项", "第0项", "达拉特旗煤矿"):
        _search_page(tab, server.base, query)
        tab.wait_for_timeout(300)
        marks = tab.eval_on_selector_all(".pagefind-ui__result mark", "ms => ms.map(m => m.textContent)")
        assert not [m for m in marks if len(m.strip()) < 2], (query, marks)  # 「项 」 with Pagefind's space is one character
        excerpts = tab.eval_on_selector_all(".pagefind-ui__result-excerpt", "ps => ps.map(p => p.innerHTML)")
        assert not [p for e in excerpts for p in _pieces_of_names_marked(e, names)], query  # 伊金霍 of 伊金霍洛旗
        if query == "达拉特旗煤矿":
            assert marks and set(marks) <= {"达拉特旗", "煤矿"}, marks
    assert tab.recorder.errors == []


def test_search_excerpts_separate_cells_and_leave_out_the_as_of_wrapper(tab, server, data) -> None:
    dataset, _ = data
    plan = dataset.plans[0]
    site = dataset.site
    _first_result(tab, server.base, "第25项")
    tab.wait_for_timeout(300)
    first = tab.locator(".pagefind-ui__results > li:first-child").inner_text()
    assert "（截至）" not in first and "截至" not in first, first  # the as-of date and its wrapper are not indexed
    banner = next(t for t in plan.tasks if t.no == 25).banners[0]
    assert f"状态及依据；{banner}；" in first, first  # heading cells and the row's name end with 「；」
    _search_page(tab, server.base, "通信地址")
    about = tab.locator(".pagefind-ui__result", has=tab.locator("a[href$='/about/']"))
    assert f"通信地址；{site.contact.address[:10]}" in about.inner_text()
    assert site.contact.email + "通信地址" not in tab.locator(".pagefind-ui__results").inner_text()
    assert tab.recorder.errors == []


def _note(page, base: str, query: str) -> str:
    page.goto(base + "search/?q=" + query, wait_until="networkidle")
    page.wait_for_selector(".pagefind-ui__message")
    note = page.locator("#gs-search-note")
    return note.inner_text() if note.count() and note.is_visible() else ""


def test_a_number_that_is_no_task_says_how_many_tasks_the_plan_has(browser, server, several_plans_server, data) -> None:
    dataset, _ = data
    page = browser.new_page(viewport=PHONE, locale="zh-CN")
    count = len(dataset.plans[0].tasks)
    for no in (99, 0, count + 1):
        assert _note(page, server.base, f"第{no}项") == f"方案共有{count}项整改任务，没有第{no}项"
    assert _note(page, server.base, "第25项") == ""  # a task: no note
    # and it goes when the next query names a task
    page.locator("input.pagefind-ui__search-input").fill("第7项")
    page.wait_for_timeout(1000)
    assert not page.locator("#gs-search-note").is_visible()
    several, site = several_plans_server
    counts = [len(list((p / "tasks").glob("*/index.html"))) for p in sorted((site / "plans").iterdir()) if (p / "tasks").is_dir()]
    assert len(counts) == 2
    assert _note(page, several.base, "第99项") == f"本站2个方案分别有{'、'.join(map(str, counts))}项整改任务，都没有第99项"
    page.close()


@pytest.fixture(scope="module")
def resplit_server(built: Path, tmp_path_factory: pytest.TempPathFactory):
    """The same built site indexed again with its pages shared out otherwise: the first half in one bundle, the rest
    in the other (the build alternates them)."""
    from generator.search import Sharded, pages_of

    site = tmp_path_factory.mktemp("resplit") / "site"
    shutil.copytree(built, site, ignore=shutil.ignore_patterns(*BUNDLE_DIRS))
    pages = pages_of(site)
    work = tmp_path_factory.mktemp("resplit-work")
    indexing = Sharded(site, {0: pages[: len(pages) // 2], 1: pages[len(pages) // 2 :]}, work)
    indexing.wait()
    indexing.move_into(site)
    yield from _serve(site)


def _results(page, base: str, query: str, count: int = 10) -> list[str]:
    page.goto(base + "search/?q=" + query, wait_until="networkidle")
    page.locator(".pagefind-ui__results > li a.pagefind-ui__result-link").first.wait_for()
    return page.eval_on_selector_all(
        ".pagefind-ui__results > li", "ls => ls.map(l => l.querySelector('a.pagefind-ui__result-link').getAttribute('href'))"
    )[:count]


def test_search_order_does_not_depend_on_how_pages_are_split_between_bundles(tab, server, resplit_server) -> None:
    for query in ("乌审旗煤改电", "餐厨垃圾公示", "疏干水", "市水利局", "第25项", "垃圾"):
        assert _results(tab, server.base, query) == _results(tab, resplit_server.base, query), query


def test_pages_outside_the_index_are_not_found(tab, server, data) -> None:
    dataset, snap = data
    year = snap.reports[-1].year
    banner = dataset.plans[0].banners[0]
    found = _pagefind_api(tab, server.base, [banner.name])[banner.name]
    assert f"progress/{year}/" in found
    assert f"progress/{year}/{banner.slug}/" not in found  # the per-旗区 copy of the year page
    assert not any(u.startswith("search/") for u in found)


HOSTILE_MEASURE = '整改甲乙丙丁 <img src=x onerror="window.__pwned=1"> <b>粗体</b> &amp;lt; 完'


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory):
    """The shipped site with markup typed into a measure of task 1, as an officer might paste it."""
    from generator.build import build_site

    root = copy_project(tmp_path_factory.mktemp("hostile-search") / "project")
    tasks = root / "data" / "plans" / "ordos-nmg-r2" / "tasks.yaml"
    text = tasks.read_text(encoding="utf-8")
    first = "      - 深入学习贯彻习近平生态文明思想。"
    assert text.count(first) == 1
    tasks.write_text(text.replace(first, "      - " + HOSTILE_MEASURE + "。"), encoding="utf-8")
    build_site(root, AS_OF, root / "site", live=True)
    yield from _serve(root / "site")


def test_search_results_show_typed_markup_as_text(context, hostile_server) -> None:
    page = context.new_page()
    rec = Recorder(hostile_server.origin)
    rec.attach(page)
    try:
        found = _search_page(page, hostile_server.base, "粗体")
        task_page = hostile_server.base + "plans/ordos-nmg-r2/tasks/1/"
        assert task_page in found
        results = page.locator(".pagefind-ui__results")
        assert results.locator("img, b").count() == 0
        result = page.locator(".pagefind-ui__result", has=page.locator(f"a[href='{task_page[len(hostile_server.origin):]}']"))
        assert "<b>粗体</b>" in result.first.inner_text()  # the typed markup, shown as text
        assert page.evaluate("window.__pwned") is None
        assert rec.errors == [] and rec.foreign() == []
    finally:
        page.close()


# ---------------------------------------------------------------- (d) task table filters


def _visible_tasks(page) -> list[int]:
    hrefs = page.eval_on_selector_all(
        "table.gs-filterable tbody tr", "rows => rows.filter(r => r.offsetParent !== null).map(r => r.querySelector('a').getAttribute('href'))"
    )
    return [int(re.search(r"/tasks/(\d+)/$", h).group(1)) for h in hrefs]


def test_task_table_filters(tab, server, data) -> None:
    dataset, snap = data
    tasks = tasks_of(dataset)
    tab.goto(server.base + "tasks/", wait_until="networkidle")
    assert tab.locator("form.gs-filter").is_visible()
    assert _visible_tasks(tab) == [t.no for t in tasks]
    count = tab.locator(".gs-filter-count")
    for banner in dataset.plans[0].banners:
        tab.select_option("select[data-filter=banners]", banner.name)
        expected = [t.no for t in tasks if banner.name in t.banners]
        assert _visible_tasks(tab) == expected, banner.name
        assert count.inner_text() == f"显示 {len(expected)} 项"
    tab.select_option("select[data-filter=banners]", "")
    assert len(_visible_tasks(tab)) == len(tasks)
    # Filters combine: a unit and a status.
    unit = "市水利局"
    tab.select_option("select[data-filter=units]", unit)
    assert _visible_tasks(tab) == [t.no for t in tasks if unit in t.responsible.units + t.acceptance.units]
    tab.select_option("select[data-filter=status]", "group:rectifying")
    assert _visible_tasks(tab) == [
        t.no for t in tasks
        if unit in t.responsible.units + t.acceptance.units and snap.of(t).state.group is status.Group.RECTIFYING
    ]
    tab.select_option("select[data-filter=units]", "")
    # With a 旗区 chosen, the status filter and column use that 旗区's own part of each task.
    tab.select_option("select[data-filter=banners]", "达拉特旗")
    tab.select_option("select[data-filter=status]", "group:closed_out")
    closed = [t.no for t in tasks if "达拉特旗" in t.banners and snap.part_of(t, "达拉特旗").state is status.TaskState.CLOSED_OUT]
    assert _visible_tasks(tab) == closed == [37]
    assert tab.locator("table.gs-filterable tbody tr:not([hidden]) .gs-status").all_inner_texts() == ["已销号"]
    tab.select_option("select[data-filter=banners]", "")
    tab.select_option("select[data-filter=status]", "")
    deadline = tasks[0].deadline.text
    tab.select_option("select[data-filter=deadline]", deadline)
    assert _visible_tasks(tab) == [t.no for t in tasks if t.deadline.text == deadline]
    assert tab.recorder.errors == []


def test_task_filter_lives_in_the_address_and_the_caption_counts_what_is_shown(tab, server, data) -> None:
    dataset, snap = data
    tasks = tasks_of(dataset)
    # With a 旗区 chosen, the state filter reads that 旗区's own part (the state model's count group).
    banner, group = "杭锦旗", status.Group.OVERDUE
    expected = [t.no for t in tasks if banner in t.banners and snap.part_of(t, banner).state.group is group]
    assert 0 < len(expected) < len(tasks)
    # A shared or bookmarked address opens the same selection (an older address naming the word too).
    tab.goto(server.base + f"tasks/?banner={banner}&state={group.label}", wait_until="networkidle")
    assert tab.locator("select[name=banner]").input_value() == banner
    assert tab.locator("select[name=state]").input_value() == f"group:{group.value}"
    assert _visible_tasks(tab) == expected
    caption = tab.locator("table.gs-filterable caption")
    assert caption.inner_text() == f"整改任务（显示{len(expected)}项，共{len(tasks)}项）"
    # Choosing writes the choice into the address; a reload keeps it.
    tab.select_option("select[name=state]", "")
    assert tab.evaluate("new URLSearchParams(location.search).get('state')") is None
    assert tab.evaluate("new URLSearchParams(location.search).get('banner')") == banner
    by_banner = [t.no for t in tasks if banner in t.banners]
    assert _visible_tasks(tab) == by_banner
    tab.reload(wait_until="networkidle")
    assert _visible_tasks(tab) == by_banner
    assert caption.inner_text() == f"整改任务（显示{len(by_banner)}项，共{len(tasks)}项）"
    tab.select_option("select[name=banner]", "")
    assert tab.evaluate("location.search") == ""
    assert caption.inner_text() == f"整改任务（{len(tasks)}项）"
    # An unknown value in the address is ignored, not an empty list.
    tab.goto(server.base + "tasks/?banner=不存在的旗", wait_until="networkidle")
    assert len(_visible_tasks(tab)) == len(tasks)
    assert tab.recorder.errors == []


def test_deadline_options_are_in_date_order(tab, server, data) -> None:
    dataset, _ = data
    tab.goto(server.base + "tasks/", wait_until="networkidle")
    shown = tab.eval_on_selector_all("select[name=deadline] option", "os => os.map(o => o.value)")
    deadlines = {t.deadline.text: t.deadline for t in tasks_of(dataset)}
    by_date = sorted(deadlines.values(), key=lambda d: (d.date or dt.date.min, d.text))
    assert shown == [""] + [d.text for d in by_date]
    dated = [deadlines[text].date for text in shown[1:] if deadlines[text].date]
    assert dated == sorted(dated) and len(set(dated)) > 2
    assert shown.index("2025年9月底") < shown.index("2025年12月底")  # as text, 12月 sorted before 9月


def test_a_filtered_address_without_javascript_still_shows_every_row(browser, server, data) -> None:
    dataset, _ = data
    ctx = browser.new_context(viewport=PHONE, java_script_enabled=False)
    try:
        page = ctx.new_page()
        page.goto(server.base + "tasks/?banner=杭锦旗&state=整改中")
        assert _visible_tasks(page) == [t.no for t in tasks_of(dataset)]
    finally:
        ctx.close()


def test_task_table_without_javascript_shows_every_row(browser, server, data) -> None:
    dataset, _ = data
    ctx = browser.new_context(viewport=PHONE, java_script_enabled=False)
    try:
        page = ctx.new_page()
        page.goto(server.base + "tasks/")
        assert _visible_tasks(page) == [t.no for t in tasks_of(dataset)]
        assert not page.locator("form.gs-filter").is_visible()
    finally:
        ctx.close()


# ---------------------------------------------------------------- (e) countdown


def test_notice_countdown_recounts_the_working_days_left(browser, server, data) -> None:
    _, snap = data
    n = running_notice(snap)
    days = [d.isoformat() for d in n.window.workdays]
    assert len(days) == n.window.days
    end = n.window.end

    def cn(day: dt.date) -> str:
        return f"{day.year}年{day.month}月{day.day}日"

    # The browser's own time zone must not matter: the count follows China's date.
    ctx = browser.new_context(viewport=DESKTOP, timezone_id="America/Los_Angeles", locale="zh-CN")
    try:
        page = ctx.new_page()
        if not hasattr(page, "clock"):
            pytest.skip("this Playwright has no clock API (page.clock needs Playwright >= 1.45)")
        url = server.base + f"notices/{n.id}/"
        page.goto(url)
        script = next(s for s in page.eval_on_selector_all("script:not([src])", "els => els.map(e => e.textContent)") if "gs-countdown" in s)
        embedded = json.loads(re.search(r"var days = (\[[^\]]*\]);", script).group(1))
        assert embedded == days  # the page carries the window's official working days

        def shown_at(instant: dt.datetime, selector: str = "#gs-countdown") -> str:
            p = ctx.new_page()
            p.clock.set_fixed_time(instant)
            p.goto(url)
            text = p.locator(selector).inner_text()
            p.close()
            return text

        badge = ".gs-noticehead .gs-status"

        china = dt.timezone(dt.timedelta(hours=8))
        for instant in (
            dt.datetime(2026, 11, 30, 10, 0, tzinfo=china),  # a Monday inside the window
            dt.datetime(2026, 12, 1, 0, 30, tzinfo=china),  # just after midnight in China, still 30 Nov in UTC and LA
            dt.datetime(2026, 11, 29, 12, 0, tzinfo=china),  # a Sunday: the next working day still counts
            dt.datetime.combine(end, dt.time(23, 0), china),  # the last day
        ):
            today = instant.astimezone(china).date()
            left = sum(1 for d in n.window.workdays if d >= today)
            assert left > 0
            assert shown_at(instant) == f"今天是{cn(today)}，公示期还剩{left}个工作日（{cn(end)}届满）。", instant
        after = dt.datetime.combine(end + dt.timedelta(days=1), dt.time(0, 30), china)
        assert shown_at(after) == f"公示期已于{cn(end)}届满。"
        # A page not rebuilt since must not say 公示中 beside that sentence.
        assert shown_at(dt.datetime.combine(end, dt.time(23, 0), china), badge) == "公示中"
        assert shown_at(after, badge) == "公示期满待销号"  # NoticeState.AWAITING_CLOSE_OUT.label
        before = dt.datetime.combine(n.window.start - dt.timedelta(days=1), dt.time(12), china)
        assert shown_at(before) == f"截至{cn(AS_OF)}，公示期还剩{n.workdays_left}个工作日（{cn(end)}届满）。"
    finally:
        ctx.close()


# ---------------------------------------------------------------- (f) print


def test_printed_notice_has_no_navigation(tab, server, data) -> None:
    _, snap = data
    n = running_notice(snap)
    tab.goto(server.base + f"notices/{n.id}/", wait_until="networkidle")
    hidden_in_print = [".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", "#gs-countdown"]
    shown_on_screen = tab.evaluate(
        "sels => sels.map(s => document.querySelector(s)).map(e => e && getComputedStyle(e).display)", hidden_in_print
    )
    assert all(d not in (None, "none") for d in shown_on_screen[:5]), shown_on_screen
    tab.emulate_media(media="print")
    try:
        displays = tab.evaluate(
            "sels => sels.map(s => [s, document.querySelector(s) && getComputedStyle(document.querySelector(s)).display])",
            hidden_in_print,
        )
        assert [s for s, d in displays if d != "none"] == []
        assert tab.locator("article h1").is_visible()
        # the paper notice ends with its 落款 and address, not the site footer (数据截至… is the site's date, not the notice's)
        assert tab.locator(".gs-signoff").is_visible() and not tab.locator(".gs-govfooter").is_visible()
        assert tab.locator(".gs-examples").is_visible()  # a printout of example data says so
        assert tab.locator("article").inner_text().count("公示期：") >= 1
    finally:
        tab.emulate_media(media="screen")


# ---------------------------------------------------------------- accessibility (axe-core)


def _axe_source() -> Path:
    """axe-core's script, as shipped inside the axe-playwright-python wheel (a test dependency)."""
    import axe_playwright_python

    return Path(axe_playwright_python.__file__).parent / "axe.min.js"


def test_axe_wcag21_aa(tab, server, data) -> None:
    source = _axe_source()
    dataset, snap = data
    problems = []
    for url in pages_to_check(dataset, snap) + ["search/?q=伊金霍洛旗"]:  # the search page with Pagefind's results
        tab.goto(server.base + url, wait_until="networkidle")
        if url.startswith("search/"):
            tab.wait_for_selector("a.pagefind-ui__result-link")
        tab.add_script_tag(content=source.read_text(encoding="utf-8"))
        result = tab.evaluate(
            "() => axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
        )
        for v in result["violations"]:
            targets = [" ".join(map(str, node["target"])) for node in v["nodes"]][:3]
            problems.append(f"{url or '/'}: {v['id']} ({v['impact']}): {v['help']} {targets}")
    assert problems == [], "\n".join(problems)


# ---------------------------------------------------------------- (g) every page reads on a phone and a desktop

# What a reader sees, measured in the page: the page never scrolls sideways; no table heading, cell or
# caption holding two or more Chinese characters is narrower than two characters or shows one character
# a line; a task number (第N项) or a date (2026年11月28日) anywhere in the page's text or footer, or
# whatever is marked as one word, stays on one line. Cells hidden for screen readers only (the task cards' headings) are not seen, so not measured.
LAYOUT = r"""
() => {
  const CJK = /[\u3400-\u9fff\uf900-\ufaff]/g;
  const WORD = /第\d+项|\d{4}年\d{1,2}月\d{1,2}日/g;
  const out = [];
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth) out.push(`the page is ${root.scrollWidth}px wide`);
  const range = document.createRange();
  const lineOf = (node, i) => {
    range.setStart(node, i); range.setEnd(node, i + 1);
    const r = range.getClientRects()[0];
    return r && r.width > 0 ? Math.round(r.top + r.height / 2) : null;
  };
  const lines = (el) => {
    const tops = new Set(); let chars = 0;
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      for (let i = 0; i < n.data.length; i++) {
        if (/[\s\u200b]/.test(n.data[i])) continue;
        const top = lineOf(n, i);
        if (top !== null) { chars++; tops.add(top); }
      }
    }
    return [chars, tops.size];
  };
  const brokenWords = (el) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const found = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      for (const m of n.data.matchAll(WORD)) {
        range.setStart(n, m.index); range.setEnd(n, m.index + m[0].length);
        const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top + r.height / 2)));
        if (tops.size > 1) found.push(m[0]);
      }
    }
    return found;
  };
  const srOnly = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.position === "absolute" && s.clip !== "auto") return true;
    }
    return false;
  };
  for (const cell of document.querySelectorAll("article table :is(th, td, caption)")) {
    if (!cell.offsetParent || srOnly(cell)) continue;
    const text = cell.textContent.trim();
    const label = `${cell.tagName.toLowerCase()} “${text.slice(0, 16)}”`;
    if ((text.match(CJK) || []).length < 2) continue;
    const style = getComputedStyle(cell);
    const em = parseFloat(style.fontSize);
    const inner = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    if (inner < 2 * em - 0.5) { out.push(`${label}: ${inner.toFixed(0)}px wide, narrower than two characters`); continue; }
    const [chars, count] = lines(cell);
    if (chars >= 2 && count >= chars) out.push(`${label}: one character a line`);
  }
  for (const part of document.querySelectorAll("article, .gs-govfooter")) {
    for (const word of brokenWords(part)) out.push(`“${word}” is broken over two lines`);
  }
  for (const word of document.querySelectorAll("article :is(.gs-no, .gs-date)")) {
    if (word.offsetParent && lines(word)[1] > 1) out.push(`“${word.textContent}” is broken over two lines`);
  }
  return out;
}
"""

LONG_RUN = "https://www.ordos.gov.cn/" + "x" * 120 + "/" + "0123456789" * 10  # a URL pasted into a text field


def every_page(site: Path) -> list[str]:
    """Site-relative URL of every page of a built site (the search bundle is not a page)."""
    pages = [p.relative_to(site).as_posix() for p in site.rglob("*.html") if "pagefind" not in p.relative_to(site).parts]
    return sorted(p.removesuffix("index.html") for p in pages)


def layout_problems(browser, base: str, urls: list[str]) -> list[str]:
    """Every page at 390 px (a phone) and 1366 px (a laptop), in one browser; one line per problem."""
    problems = []
    for viewport in (PHONE, WIDE):
        ctx = browser.new_context(viewport=viewport, locale="zh-CN", service_workers="block")
        try:
            page = ctx.new_page()
            for url in urls:
                page.goto(base + url, wait_until="load")
                problems += [f"{viewport['width']}px {url or '/'}: {p}" for p in page.evaluate(LAYOUT)]
        finally:
            ctx.close()
    return problems


def test_every_shipped_page_reads_at_390_and_1366_px(browser, server, built) -> None:
    urls = every_page(built)
    assert len(urls) > 100 and "tasks/" in urls and "404.html" in urls
    problems = layout_problems(browser, server.base, urls)
    assert problems == [], "\n".join(problems)


@pytest.fixture(scope="module")
def several_plans_server(tmp_path_factory: pytest.TempPathFactory):
    """Two plans with the shipped notices and reports, and a long unbroken URL pasted into a task's problem
    (shown in every task table), a measure and a progress text (shown on the task and year pages)."""
    from generator.build import build_site

    root = copy_project(tmp_path_factory.mktemp("several-layout") / "project", data=False)
    notices = {p.name: p.read_text(encoding="utf-8") for p in sorted((REPO / "data" / "notices").glob("*.yaml"))}
    notices["2026-11-23-copy-task24.yaml"] = notices["2026-11-23-task24.yaml"].replace("plan: ordos-nmg-r2", "plan: ordos-copy")
    reports = {f"{p.stem}-ordos-nmg-r2.yaml": p.read_text(encoding="utf-8") for p in (REPO / "data" / "progress").glob("*.yaml")}
    progress = "        progress: 各级党委（党组）理论学习中心组持续开展专题学习，市委党校开设生态文明专题课程。"
    assert reports["2026-ordos-nmg-r2.yaml"].count(progress) == 1
    reports["2026-ordos-nmg-r2.yaml"] = reports["2026-ordos-nmg-r2.yaml"].replace(progress, progress + "详见" + LONG_RUN)
    data_tree(root, notices, reports, extra_plan=True)
    tasks = root / "data" / "plans" / "ordos-copy" / "tasks.yaml"
    text = tasks.read_text(encoding="utf-8")
    problem = "    problem: 一些地区和部门对习近平生态文明思想学习还不够系统，"
    measure = "      - 深入学习贯彻习近平生态文明思想。"
    assert text.count(problem) == 1 and text.count(measure) == 1
    text = text.replace(problem, f"    problem: {LONG_RUN[:40]}一些地区和部门对习近平生态文明思想学习还不够系统，")
    tasks.write_text(text.replace(measure, f"      - 深入学习贯彻习近平生态文明思想（{LONG_RUN}）。"), encoding="utf-8")
    build_site(root, AS_OF, root / "site", live=True)
    assert LONG_RUN in (root / "site" / "plans" / "ordos-copy" / "tasks" / "1" / "index.html").read_text(encoding="utf-8")
    for running in _serve(root / "site"):
        yield running, root / "site"


def test_every_page_of_a_two_plan_site_with_a_pasted_url_reads_at_390_and_1366_px(browser, several_plans_server) -> None:
    running, site = several_plans_server
    urls = every_page(site)
    assert "plans/ordos-copy/tasks/1/" in urls and "plans/ordos-nmg-r2/tasks/1/" in urls
    problems = layout_problems(browser, running.base, urls)
    assert problems == [], "\n".join(problems)


def test_counts_read_as_a_list_on_a_phone_and_task_lists_as_cards(browser, server) -> None:
    """The home page's counts by state: each state beside its count, one line each; /tasks/: 第N项 and
    its state on one line, the problem text as wide as the screen."""
    ctx = browser.new_context(viewport=PHONE, locale="zh-CN")
    try:
        page = ctx.new_page()
        page.goto(server.base, wait_until="load")
        rows = page.evaluate("""() => {
            const t = document.querySelector("table.gs-counts");
            const heads = [...t.tHead.rows[0].cells], cells = [...t.tBodies[0].rows[0].cells];
            return heads.map((h, i) => [h.textContent, h.getBoundingClientRect().top, cells[i].getBoundingClientRect().top,
                                        h.getBoundingClientRect().height]);
        }""")
        assert len(rows) >= len(status.Group)  # every count group of the state model (and the total)
        for word, head_top, cell_top, height in rows:
            assert abs(head_top - cell_top) < 2, word  # the count beside its state
            assert height < 40, word  # one line
        page.goto(server.base + "tasks/", wait_until="load")
        first = page.evaluate("""() => {
            const row = document.querySelector("table.gs-filterable tbody tr");
            const box = e => e.getBoundingClientRect();
            return {no: box(row.cells[0]).top, state: box(row.cells[row.cells.length - 1]).top,
                    problem: box(row.cells[1]).width, width: document.querySelector("article").clientWidth};
        }""")
        assert abs(first["no"] - first["state"]) < 2
        assert first["problem"] > 0.8 * first["width"]
    finally:
        ctx.close()


def test_every_count_opens_the_list_of_exactly_the_tasks_it_counts(tab, server, data) -> None:
    """Home, /tasks/ and 旗区 pages: each count links to the task list filtered by state code (?state=…)."""
    dataset, snap = data
    tasks = tasks_of(dataset)
    pages = {"": None, "tasks/": None, "banners/hangjin/": "杭锦旗", "banners/dalate/": "达拉特旗"}
    for url, banner in pages.items():
        tab.goto(server.base + url, wait_until="networkidle")
        links = tab.eval_on_selector_all(
            "table.gs-counts a, ul.gs-state-counts a", "as => as.map(a => [a.href, a.textContent])"
        )
        assert links, url
        for href, shown in links:
            tab.goto(href, wait_until="networkidle")
            code = tab.evaluate("new URLSearchParams(location.search).get('state')")
            mine = [t for t in tasks if banner is None or banner in t.banners]
            states = {t.no: (snap.of(t) if banner is None else snap.part_of(t, banner)).state for t in mine}
            if code is None:
                expected = [t.no for t in mine]
            elif code.startswith("group:"):
                expected = [no for no, s in states.items() if s.group.value == code[len("group:"):]]
            else:
                expected = [no for no, s in states.items() if s.code == code]
            assert _visible_tasks(tab) == expected and int(shown) == len(expected), (url, href)
    # #state=… in the address works as ?state=… does.
    tab.goto(server.base + "tasks/#state=milestone_overdue", wait_until="networkidle")
    assert _visible_tasks(tab) == [t.no for t in tasks if snap.of(t).state is status.TaskState.MILESTONE_OVERDUE]
    assert tab.recorder.errors == []


# ---------------------------------------------------------------- objecting, phones, calendar (#24)


def _visible(page, selector: str) -> bool:
    return page.locator(selector).first.is_visible()


@pytest.mark.parametrize("width", [390, 1366])
def test_a_notice_offers_every_channel_in_its_window_and_the_hotlines_after(browser, server, data, width) -> None:
    """The running notice, seen inside its window and after it on the same (not rebuilt) page, and printed."""
    _, snap = data
    n = running_notice(snap)
    china = dt.timezone(dt.timedelta(hours=8))
    ctx = browser.new_context(viewport={"width": width, "height": 900}, locale="zh-CN")
    try:
        def at(instant: dt.datetime):
            page = ctx.new_page()
            page.clock.set_fixed_time(instant)
            page.goto(server.base + f"notices/{n.id}/", wait_until="networkidle")
            return page

        inside = at(dt.datetime.combine(n.window.end, dt.time(10), china))
        assert _visible(inside, "#gs-objecting") and not _visible(inside, "#gs-ended")
        block = inside.locator("#gs-objecting")
        tels = block.locator("a[href^='tel:']").evaluate_all("as => as.map(a => a.getAttribute('href'))")
        assert tels == ["tel:04770000001", "tel:12345", "tel:12369"]  # the notice's phone, then the city's hotlines
        for link in block.locator("a[href^='tel:'], a[href^='mailto:']").all():
            box = link.bounding_box()
            assert box and box["width"] > 0 and box["height"] > 0
        href = block.locator("a[href^='mailto:']").get_attribute("href")
        parts = urlsplit(href)
        query = {k: unquote(v) for k, v in (p.split("=", 1) for p in parts.query.split("&"))}
        assert parts.path == "yijinhuoluo@example.com"
        assert query["subject"] == "关于第24项整改任务验收销号公示的意见"
        assert all(word in query["body"] for word in ("姓名", "联系方式", "具体问题与依据"))
        assert "请在公示期内" in block.inner_text()
        if width == 390:
            inside.screenshot(path=str(Path(os.environ.get("GONGSHI_SHOTS", "/tmp")) / "notice-in-window-390.png"), full_page=True)
        inside.close()

        after = at(dt.datetime.combine(n.window.end + dt.timedelta(days=1), dt.time(9), china))
        assert not _visible(after, "#gs-objecting") and _visible(after, "#gs-ended")
        ended = after.locator("#gs-ended").inner_text()
        assert "公示期已结束" in ended and "12345" in ended and "公示期满后收到" in ended
        assert after.locator("#gs-ended a[href='tel:12345']").is_visible()
        after.emulate_media(media="print")  # the paper notice always carries the window's block
        assert _visible(after, "#gs-objecting") and not _visible(after, "#gs-ended")
        after.close()
    finally:
        ctx.close()


@pytest.mark.parametrize("width", [390, 1366])
def test_a_notice_built_after_its_window_says_it_has_ended(browser, server, data, width) -> None:
    _, snap = data
    ended = next(n for n in snap.notices if not n.running and n.state is status.NoticeState.AWAITING_CLOSE_OUT)
    page = browser.new_page(viewport={"width": width, "height": 900}, locale="zh-CN")
    page.goto(server.base + f"notices/{ended.id}/", wait_until="networkidle")
    assert _visible(page, "#gs-ended") and not _visible(page, "#gs-objecting")
    assert "请在公示期内" not in page.locator("article").inner_text()
    assert page.locator("#gs-ended a[href='tel:12369']").is_visible()
    assert page.title().startswith(ended.title)  # 第28项 超低排放改造缓慢（…）验收销号公示
    if width == 390:
        page.screenshot(path=str(Path(os.environ.get("GONGSHI_SHOTS", "/tmp")) / "notice-after-window-390.png"), full_page=True)
    page.emulate_media(media="print")
    assert _visible(page, "#gs-objecting") and not _visible(page, "#gs-ended")
    page.close()


def test_names_in_lists_stay_whole_on_a_phone(browser, server, data) -> None:
    dataset, _ = data
    plan = dataset.plans[0]
    busiest = max(plan.units, key=lambda u: sum(u.name in t.responsible.shown for t in plan.tasks))
    pages = [task_url(t) for t in plan.tasks if len(t.banners) >= 5][:2] + ["", f"units/{busiest.slug}/"]
    page = browser.new_page(viewport=PHONE, locale="zh-CN")
    for url in pages:
        page.goto(server.base + url, wait_until="networkidle")
        broken = page.eval_on_selector_all(
            ".gs-name",
            """els => els.filter(e => e.getClientRects().length && e.offsetParent !== null)
                      .filter(e => { const r = document.createRange(); r.selectNodeContents(e);
                                     const lines = new Set(Array.from(r.getClientRects()).map(q => Math.round(q.top)));
                                     return lines.size > 1 && e.textContent.length * 16 < e.parentElement.clientWidth; })
                      .map(e => e.textContent)""",
        )
        assert page.locator(".gs-name").count() > 0, url
        assert broken == [], (url, broken)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], url
    page.close()


@pytest.mark.parametrize("width", [390, 1366])
def test_yearly_page_labels_its_badges_and_keeps_names_whole(browser, server, data, width) -> None:
    _, snap = data
    year = snap.reports[-1].year
    page = browser.new_page(viewport={"width": width, "height": 900}, locale="zh-CN")
    page.goto(server.base + f"progress/{year}/", wait_until="networkidle")
    rows = page.locator(".gs-progress-tasks tbody tr")
    assert rows.count() > 0
    labels = rows.first.locator(".gs-badge-label")
    if width == 390:  # the column headings are hidden: each badge says which it is
        assert [labels.nth(i).inner_text() for i in range(labels.count())] == ["本年度报告", "当前"]
        assert all(labels.nth(i).is_visible() for i in range(labels.count()))
    else:  # the column headings say it
        assert page.locator(".gs-progress-tasks thead th").nth(3).is_visible()
    # A 旗区 is one word on one line (康巴什区, 鄂托克前旗), in every table that lists them.
    lines = page.eval_on_selector_all(
        ".gs-names tbody th a", "as => as.map(a => [a.textContent, a.getClientRects().length])"
    )
    assert lines and [name for name, n in lines if n != 1] == []
    # A chapter's title takes a few lines at most, not four characters a line.
    chapters = page.eval_on_selector_all(
        ".gs-by-chapter tbody th", "ths => ths.map(th => [th.textContent, th.getBoundingClientRect().height / parseFloat(getComputedStyle(th).lineHeight)])"
    )
    assert chapters and all(h < 4.5 for _, h in chapters), chapters
    page.goto(server.base + "tasks/", wait_until="networkidle")
    heights = page.eval_on_selector_all(".gs-filter select", "ss => ss.map(s => s.getBoundingClientRect().height)")
    assert heights and min(heights) >= 44
    page.close()


@pytest.mark.parametrize("width", [390, 1366])
def test_about_page_offers_the_calendar_as_a_subscription(browser, server, width) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900}, locale="zh-CN")
    page.goto(server.base + "about/", wait_until="networkidle")
    webcal = page.locator("a[href^='webcal://']")
    assert webcal.count() == 1 and webcal.is_visible()
    assert webcal.get_attribute("href").endswith("/notices.ics")
    assert "手机" in page.locator(".gs-subscribe").inner_text()
    page.close()
