"""search: the Pagefind bundle of the built site, read back from its own files.

Pagefind stores each indexed page as a gzipped "pagefind_dcd" + JSON fragment;
reading those gives exactly what a visitor's search can return. Whether a
browser finds every 旗区 and unit name is in test_browser.py.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import lxml.html
import pytest
from conftest import AS_OF, copy_project

from generator import sitedir
from generator.build import BuildError, build_site
from generator.publication_record import PublicationRecord
from generator.search import BUNDLE_DIR, BUNDLE_DIRS, SearchIndexError, index_site

QUEUED = "2026-12-07-task7"  # a shipped notice that starts after AS_OF


def fragments(site: Path) -> dict[str, dict]:
    """Indexed page URL (site-relative) → its fragment."""
    found = {}
    for path in sorted(f for bundle in BUNDLE_DIRS for f in (site / bundle / "fragment").glob("*.pf_fragment")):
        raw = gzip.decompress(path.read_bytes())
        assert raw.startswith(b"pagefind_dcd"), path
        fragment = json.loads(raw[len(b"pagefind_dcd"):])
        found[fragment["url"].lstrip("/")] = fragment
    return found


def marked_for_search(site: Path) -> set[str]:
    """Pages whose HTML carries data-pagefind-body: every page but those excluded from search."""
    marked = set()
    for path in site.rglob("*.html"):
        if set(BUNDLE_DIRS) & set(path.relative_to(site).parts):
            continue
        if lxml.html.fromstring(path.read_bytes()).xpath("//*[@data-pagefind-body]"):
            rel = path.relative_to(site).as_posix()
            marked.add(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return marked


def test_the_index_holds_exactly_the_pages_marked_for_search(built: Path, data) -> None:
    dataset, snap = data
    indexed = fragments(built)
    assert set(indexed) == marked_for_search(built)
    plan = dataset.plans[0]
    year = snap.reports[-1].year
    assert {"", "tasks/", f"plans/{plan.id}/tasks/1/", f"progress/{year}/", f"banners/{plan.banners[0].slug}/"} <= set(indexed)
    # Left out: the per-旗区 copies of a year page (the year page holds the same entries),
    # the search page itself and the 404 page.
    assert not [u for u in indexed if re.fullmatch(rf"progress/{year}/[^/]+/", u)]
    assert "search/" not in indexed and "404.html" not in indexed
    entries = [json.loads((built / b / "pagefind-entry.json").read_text(encoding="utf-8")) for b in BUNDLE_DIRS]
    assert {entry["version"] for entry in entries} == {"1.4.0"}
    counts = [lang["page_count"] for entry in entries for lang in entry["languages"].values()]
    assert sum(counts) == len(indexed) and min(counts) > 0  # every page in one bundle, no bundle empty


def test_page_titles_and_text_come_from_the_page_not_the_header(built: Path, data) -> None:
    dataset, _ = data
    task = dataset.plans[0].tasks[7]
    fragment = fragments(built)[f"plans/{task.plan_id}/tasks/{task.no}/"]
    assert fragment["meta"]["title"] == f"第{task.no}项 {task.title}"
    text = fragment["content"].replace("\u200b", "")
    assert text.startswith(f"第{task.no}项 {task.title}. ")  # the page's own heading, not the site header or tabs
    assert task.goal in text and "".join(task.measures[:1]) in text
    assert dataset.site.title not in text  # the header and footer name the site; the page body does not


def test_no_queued_notice_reaches_the_index(built: Path, data) -> None:
    dataset, _ = data
    queued = next(n for n in dataset.notices if n.id == QUEUED)
    assert queued.start > AS_OF
    indexed = fragments(built)
    assert not [u for u in indexed if QUEUED in u]
    everything = re.sub(r"[\s\u200b]+", "", "".join(f["content"] for f in indexed.values()))
    sentences = [s.strip() for s in re.split(r"[\n。；]", queued.completion + "\n" + queued.acceptance.opinion)]
    assert [s for s in sentences if len(s) >= 8]
    for sentence in sentences:
        if len(sentence) >= 8:
            assert re.sub(r"\s+", "", sentence) not in everything


def test_indexing_a_folder_without_pages_fails_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    with pytest.raises(SearchIndexError) as caught:
        index_site(tmp_path / "site")
    message = str(caught.value)
    assert message.startswith("生成搜索索引：Pagefind 出错：")
    assert "\n" not in message and "not able to build an index" in message
    assert message.count("not able to build an index") == 1


@pytest.mark.e2e
def test_a_failed_index_leaves_the_published_site_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pagefind missing (as on a machine where its wheel did not install): the build stops, site/ untouched."""
    import generator.search

    root = copy_project(tmp_path / "project")
    site = tmp_path / "out" / "site"  # a preview's folder: a live build refuses one marked preview before indexing
    site.mkdir(parents=True)
    (site / "index.html").write_text("old", encoding="utf-8")
    (site / sitedir.MARKER).write_text(PublicationRecord(AS_OF, mode="preview").text(), encoding="utf-8")  # one of ours
    monkeypatch.setattr(generator.search, "pagefind_executable", lambda: tmp_path / "no-such-pagefind")
    with pytest.raises(BuildError, match=r"^生成搜索索引："):
        build_site(root, AS_OF, site, live=False)
    assert sorted(p.name for p in site.iterdir()) == sorted([sitedir.MARKER, "index.html"])
    assert (site / "index.html").read_text(encoding="utf-8") == "old"
    assert not [p for p in site.parent.iterdir() if p.name.startswith("site.new-")]


def test_a_notice_is_found_by_its_own_text_not_by_the_task_text_it_repeats(built: Path, data) -> None:
    _, snap = data
    indexed = fragments(built)
    notice = snap.notices[0]
    task = notice.task
    page = built / "notices" / notice.id / "index.html"
    assert task.goal in lxml.html.fromstring(page.read_bytes()).text_content()  # the notice shows it
    text = indexed[f"notices/{notice.id}/"]["content"].replace("\u200b", "")
    assert task.goal not in text and task.problem not in text
    assert "整改完成情况" in text and notice.notice.acceptance.unit in text
    assert task.goal in indexed[f"plans/{task.plan_id}/tasks/{task.no}/"]["content"].replace("\u200b", "")


def test_a_tasks_words_are_found_on_its_page_not_again_on_the_plans_pages(built: Path, data) -> None:
    """The plan's pages print every task in full; search sends a phrase of a task to the task's page."""
    dataset, _ = data
    plan = dataset.plans[0]
    indexed = fragments(built)
    for chapter in plan.chapters:
        text = indexed[f"plans/{plan.id}/{chapter.no}/"]["content"].replace("\u200b", "")
        assert chapter.problems[0].title in text
        for problem in chapter.problems:
            for no in problem.task_numbers:
                task = plan.task(no)
                assert task.problem not in text and task.goal not in text
                assert task.problem in indexed[f"plans/{plan.id}/tasks/{no}/"]["content"].replace("\u200b", "")
# --- Readable anchors, ranking and excerpts (a phone reader's search) ---------------------------


def test_sections_have_english_ids_from_the_data_s_field_names(built: Path, data) -> None:
    dataset, snap = data
    task = dataset.plans[0].tasks[18]
    anchors = {a["text"]: a["id"] for a in fragments(built)[f"plans/{task.plan_id}/tasks/{task.no}/"]["anchors"] if a["element"] == "h2"}
    assert anchors == {"存在问题": "problem", "整改目标": "goal", "整改措施": "measures", "责任与时限": "responsible",
                       "整改进程": "timeline", "年度整改进展": "progress", "各旗区状态": "parts",
                       "时间节点": "milestones"}  # task 19's measure 二是 is due 2025年底前
    notice = snap.notices[0]
    ids = lxml.html.fromstring((built / "notices" / notice.id / "index.html").read_bytes()).xpath("//article//h2/@id")
    assert ids == ["task", "goal", "measures", "completion", "acceptance", "window", "units", "result"]
    for path in built.rglob("index.html"):
        if BUNDLE_DIR not in path.relative_to(built).parts:
            headings = lxml.html.fromstring(path.read_bytes()).xpath("//article//*[self::h2 or self::h3]/@id")
            assert not [h for h in headings if re.fullmatch(r"_\d*", h)], path  # no ids made from Chinese headings


@pytest.fixture(scope="module")
def search_page(built: Path, browser):
    """The shipped site served under /zt/ducha/ and one Chromium page on it (the session's browser)."""
    from test_browser import _serve

    for server in _serve(built):
        page = browser.new_page(viewport={"width": 390, "height": 844}, locale="zh-CN")
        errors: list[str] = []
        page.on("pageerror", lambda e, seen=errors: seen.append(str(e)))
        yield server, page, errors
        page.close()


def shown_results(page, base: str, query: str) -> list[dict]:
    """Each result the search page shows for `query`: its link, its sub-results' links and every excerpt's HTML."""
    page.goto(base + "search/?q=" + query, wait_until="networkidle")
    page.wait_for_selector(".pagefind-ui__result-link")
    page.wait_for_function("!document.querySelector('.pagefind-ui__loading')")
    return page.eval_on_selector_all(".pagefind-ui__result", """els => els.map(e => ({
        url: e.querySelector('.pagefind-ui__result-title a').getAttribute('href'),
        subs: [...e.querySelectorAll('.pagefind-ui__result-nested a')].map(a => a.getAttribute('href')),
        excerpts: [...e.querySelectorAll('.pagefind-ui__result-excerpt')].map(p => p.innerHTML),
    }))""")


SEPARATORS = "。．.，,；;：:！!？?、 \n"


@pytest.mark.parametrize("query", ["疏干水", "餐厨垃圾"])  # 疏干水: also in four units' lists of tasks
def test_a_phrase_from_a_problem_finds_its_task_first_marked_whole_from_a_word(search_page, built: Path, data, query) -> None:
    server, page, errors = search_page
    dataset, _ = data
    base = server.base
    results = shown_results(page, base, query)
    prefix = "/zt/ducha/"
    urls = [r["url"][len(prefix):] for r in results]
    with_problem = {f"plans/{t.plan_id}/tasks/{t.no}/" for p in dataset.plans for t in p.tasks if query in t.problem}
    assert with_problem
    others = [i for i, u in enumerate(urls) if u.startswith(("notices/", "units/", "banners/"))]
    assert with_problem <= set(urls)
    assert others or query != "疏干水"  # four units' lists quote task 19's problem; they come after it
    assert all(urls.index(u) < i for u in with_problem for i in others), urls
    contents = {u: f["content"].replace("\u200b", "") for u, f in fragments(built).items()}
    for r in results:
        # Readable anchors for sections (the page title's own anchor is the page itself).
        page_file = built / r["url"][len(prefix):] / "index.html"
        title_ids = lxml.html.fromstring(page_file.read_bytes()).xpath("//article//h1/@id")
        assert not [s for s in r["subs"] if "#_" in s and s.split("#")[1] not in title_ids], r["subs"]
        for excerpt in r["excerpts"]:
            marks = re.findall(r"<mark>(.*?)</mark>", excerpt)
            assert marks and set(marks) == {query}, excerpt  # the whole word, every time
            text = html_text(excerpt)
            if text.startswith("…"):  # cut: it starts at a clause or at the word itself
                head = text[1:text.index(query) + len(query)]
                content = contents[r["url"][len(prefix):].split("#")[0]]
                at = content.find(head)
                assert at > 0, (head, r["url"])
                assert head.startswith(query) or content[at - 1] in SEPARATORS, (content[at - 8:at + 8], excerpt)
                assert not any(c in SEPARATORS for c in head[:-len(query)].strip()), excerpt
    assert errors == []


def html_text(fragment: str) -> str:
    return lxml.html.fragment_fromstring(fragment, create_parent="p").text_content()


def test_typed_markup_in_a_query_is_shown_as_text(search_page) -> None:
    server, page, errors = search_page
    page.goto(server.base + "search/?q=" + "疏干水 <img src=x onerror=window.__x=1>", wait_until="networkidle")
    page.wait_for_selector(".pagefind-ui__message")
    assert page.evaluate("window.__x") is None
    assert page.locator(".pagefind-ui__results img").count() == 0
    assert errors == []


def test_the_search_page_knows_the_towns_a_task_names_after_its_banner(built: Path) -> None:
    """`places` in gongshi-search.json: the search page splits them off a query (白泥井镇热泵 → 白泥井镇 + 热泵)."""
    text = "".join(f["content"] for f in fragments(built).values()).replace("\u200b", "")
    places = set()
    for bundle in BUNDLE_DIRS:
        places |= set(json.loads((built / bundle / "gongshi-search.json").read_text(encoding="utf-8"))["places"])
    assert {"白泥井镇", "嘎鲁图镇"} <= places and "无城镇" not in places  # 该两旗无城镇生活垃圾填埋场
    assert all(place in text for place in places)
    assert not [p for p in places if re.search("[旗区]", p) or len(p) < 3], places
