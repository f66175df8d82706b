"""The built site, parsed: every page, link, count and file checked against the data.

Expected values come from the shipped data (load_dataset, status.snapshot),
never from the generator's own templates or page code.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import lxml.html
import pytest
import yaml
from conftest import AS_OF, REPO, copy_project, tasks_of

from generator import status

pytestmark = pytest.mark.e2e  # Every test reads a whole built site.

SITE_URL = "https://www.ordos.gov.cn/zt/ducha/"
SERVED = "http://localhost/zt/ducha/"  # where the site is served in these checks
QUEUED = "2026-12-07-task7"  # a notice that starts after AS_OF
AS_OF_TEXT = f"数据截至{AS_OF.year}年{AS_OF.month}月{AS_OF.day}日"


# ---------------------------------------------------------------- helpers


@cache
def _parse(path: Path):
    return lxml.html.fromstring(path.read_bytes())


_SIMPLE = re.compile(r"^([a-z0-9]*)((?:\.[\w-]+)*)((?:\[[^\]]+\])*)(:last-child)?$")


@cache
def _xpath(selector: str) -> str:
    """The few CSS selectors these tests use, as XPath (cssselect is not a dependency)."""
    path, child = ".", False
    for token in selector.split():
        if token == ">":
            child = True
            continue
        m = _SIMPLE.match(token)
        assert m, token
        tag, classes, attrs, last = m.groups()
        conds = [f"contains(concat(' ',normalize-space(@class),' '),' {c} ')" for c in classes.split(".") if c]
        for attr in re.findall(r"\[([^\]]+)\]", attrs):
            name, op, value = re.match(r"([\w-]+)(\*?=)['\"]?([^'\"]*)['\"]?$", attr).groups()
            conds.append(f"contains(@{name},'{value}')" if op == "*=" else f"@{name}='{value}'")
        if last:
            conds.append("not(following-sibling::*)")
        path += ("/" if child else "//") + (tag or "*") + "".join(f"[{c}]" for c in conds)
        child = False
    return path


def css(el, selector: str) -> list:
    return el.xpath(_xpath(selector))


def page(site: Path, url: str):
    """The parsed page at a site-relative directory URL such as 'tasks/'."""
    path = site / url / "index.html" if url else site / "index.html"
    assert path.is_file(), f"no page at {url!r}"
    return _parse(path)


def text(el) -> str:
    return re.sub(r"\s+", " ", el.text_content()).strip()


def article(doc):
    found = css(doc, "article.md-content__inner")
    assert len(found) == 1
    return found[0]


def section_after(doc, heading: str):
    """The <div class="gs-section"> right after the h2 with this text."""
    for h2 in article(doc).iter("h2"):
        if text(h2) == heading:
            nxt = h2.getnext()
            assert nxt is not None and "gs-section" in nxt.get("class", ""), heading
            return nxt
    raise AssertionError(f"no section {heading!r}")


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def page_url(site: Path, path: Path) -> str:
    rel = path.relative_to(site).as_posix()
    if rel.endswith("index.html"):
        rel = rel[: -len("index.html")]
    return SERVED + rel


def linked_tasks(table) -> list[int]:
    """Task numbers linked from the row headers of a task table, in order."""
    numbers = []
    for th in css(table, "tbody tr th[scope=row]"):
        (a,) = css(th, "a")
        m = re.search(r"/tasks/(\d+)/$", a.get("href"))
        assert m, a.get("href")
        assert text(a) == f"第{m.group(1)}项"
        numbers.append(int(m.group(1)))
    return numbers


def table_with_caption(doc, caption: str):
    found = [t for t in css(article(doc), "table") if t.find("caption") is not None and text(t.find("caption")) == caption]
    assert len(found) == 1, caption
    return found[0]


# ---------------------------------------------------------------- home page


def test_home_page_as_of_and_headline_counts(built: Path, data) -> None:
    dataset, snap = data
    doc = page(built, "")
    lede = css(article(doc), ".gs-lede")[0]
    assert AS_OF_TEXT in text(lede)
    counts = snap.groups(tasks_of(dataset))
    table = table_with_caption(doc, "各状态整改任务数（项）")
    heads = [text(th) for th in css(table, "thead th")]
    cells = [int(text(td)) for td in css(table, "tbody td")]
    assert heads == [g.label for g in status.Group] + ["合计"]
    assert cells == [counts[g] for g in status.Group] + [len(tasks_of(dataset))]
    overdue = text(css(article(doc), ".gs-overdue")[0])
    assert f"（逾期）{counts[status.Group.OVERDUE]}项" in overdue
    assert f"（已延期）{counts[status.Group.EXTENDED]}项" in overdue
    # Notices open on AS_OF, with their end dates.
    running = [n for n in snap.notices if n.running]
    assert running, "the shipped examples have a notice open on AS_OF"
    items = css(article(doc), "ul.gs-noticelist li")
    assert len(items) == len(running)
    for n in running:
        (li,) = [li for li in items if css(li, "a")[0].get("href") == f"notices/{n.id}/"]
        end = n.window.end
        assert f"至{end.year}年{end.month}月{end.day}日" in text(li)
        assert f"还剩{n.workdays_left}个工作日" in text(li)


# ---------------------------------------------------------------- task pages


def test_one_page_per_task_at_its_stable_url(built: Path, data) -> None:
    dataset, snap = data
    tasks = tasks_of(dataset)
    assert len(tasks) == 40
    for plan in dataset.plans:
        folder = built / "plans" / plan.id / "tasks"
        assert sorted(int(p.name) for p in folder.iterdir() if p.is_dir()) == [t.no for t in plan.tasks]

    for t in tasks:
        doc = page(built, f"plans/{t.plan_id}/tasks/{t.no}/")
        assert [text(h) for h in doc.iter("h1")] == [f"第{t.no}项 {t.title}"]
        assert text(section_after(doc, "存在问题")) == t.problem
        assert text(section_after(doc, "整改目标")) == t.goal
        measures = css(section_after(doc, "整改措施"), "ul.gs-measures > li")
        # The plan's ordinals, 一是、二是…, before each of several measures; a lone measure has none.
        ordinals = [f"{n}是" for n in "一二三四五六七八九十"[: len(t.measures)]] if len(t.measures) > 1 else [""]
        assert [text(li) for li in measures] == [o + m for o, m in zip(ordinals, t.measures)], t.no
        state = css(article(doc), ".gs-taskhead .gs-status")
        assert [text(s) for s in state] == [snap.of(t).state.label], t.no

        facts = css(section_after(doc, "责任与时限"), "dl.gs-facts")[0]
        dts = [text(x) for x in facts.findall("dt")]
        dds = facts.findall("dd")
        assert dts == ["责任单位", "验收单位", "整改时限", "涉及旗区"]
        responsible, acceptance, deadline, banners = dds
        assert text(responsible.find("p")) == t.responsible.text
        items = css(responsible, "ul.gs-units > li")
        units = [li for li in items if css(li, "a[href*='units/']")]
        assert [text(css(li, "a")[0]) for li in units] == list(t.responsible.units), t.no
        marked = [text(css(li, "a")[0]) for li in units if "（牵头）" in text(li)]
        assert marked == list(t.responsible.lead), t.no
        listed_banners = [text(css(li, "a")[0]) for li in items if css(li, "a[href*='banners/']")]
        assert listed_banners == list(t.responsible.banners), t.no
        assert text(acceptance.find("p")) == t.acceptance.text
        assert f"牵头验收单位：{t.acceptance.units[0]}" in text(acceptance)
        shown = text(deadline)
        assert shown.startswith(t.deadline.text), t.no
        d = t.deadline
        if d.date:
            words = "前取得阶段性成效" if d.milestone else "前完成"
            assert f"{d.date.year}年{d.date.month}月{d.date.day}日{words}" in shown
        if d.ongoing:
            assert "长期坚持" in shown
        if t.banners:
            assert [text(a) for a in css(banners, "a")] == list(t.banners)
        else:
            assert text(banners) == "方案未列明具体旗区"


def test_a_milestone_and_an_ongoing_deadline_read_as_such(built: Path, data) -> None:
    dataset, _ = data
    tasks = tasks_of(dataset)
    milestone = next(t for t in tasks if t.deadline.milestone)
    immediate = next(t for t in tasks if t.deadline.ongoing and not t.deadline.date)
    def dd(t):
        return text(css(section_after(page(built, f"plans/{t.plan_id}/tasks/{t.no}/"), "责任与时限"), "dd")[-2])
    assert "前取得阶段性成效" in dd(milestone) and "前完成" not in dd(milestone)
    assert "无完成时限" in dd(immediate)


# ---------------------------------------------------------------- banner and unit pages


def test_banner_pages_list_exactly_their_tasks(built: Path, data) -> None:
    dataset, snap = data
    tasks = tasks_of(dataset)
    banners = {b.name: b for plan in dataset.plans for b in plan.banners}
    assert len(banners) == 9
    assert sorted(p.name for p in (built / "banners").iterdir() if p.is_dir()) == sorted(b.slug for b in banners.values())
    for name, b in banners.items():
        doc = page(built, f"banners/{b.slug}/")
        assert [text(h) for h in doc.iter("h1")] == [f"{name}整改情况"]
        expected = [t.no for t in tasks if name in t.responsible.banners]
        assert expected, name
        table = table_with_caption(doc, f"{name}涉及的整改任务")
        assert linked_tasks(table) == expected
        statuses = [text(td) for td in css(table, "tbody tr td:last-child")]
        # Each 旗区 sees its own part of a task (附件 二（一）: acceptance may be per 旗区).
        assert statuses == [snap.part_of(t, name).state.label for t in tasks if name in t.responsible.banners]
        counts = snap.groups([t for t in tasks if name in t.responsible.banners], name)
        cells = [int(text(td)) for td in css(table_with_caption(doc, f"{name}各状态整改任务数（项）"), "tbody td")]
        assert cells == [counts[g] for g in status.Group] + [len(expected)]


def test_unit_pages_list_exactly_their_tasks(built: Path, data) -> None:
    dataset, _ = data
    tasks = tasks_of(dataset)
    units = {u.name: u for plan in dataset.plans for u in plan.units}
    assert sorted(p.name for p in (built / "units").iterdir() if p.is_dir()) == sorted(u.slug for u in units.values())
    for name, u in units.items():
        doc = page(built, f"units/{u.slug}/")
        assert [text(h) for h in doc.iter("h1")] == [name]
        responsible = [t.no for t in tasks if name in t.responsible.units]
        accepting = [t.no for t in tasks if name in t.acceptance.units]
        assert responsible or accepting, name
        assert linked_tasks(table_with_caption(doc, f"{name}作为责任单位的整改任务")) == responsible
        assert linked_tasks(table_with_caption(doc, f"{name}作为验收单位的整改任务")) == accepting
        leads = sum(1 for t in tasks if name in t.responsible.lead)
        intro = text(css(article(doc), ".gs-section p")[0])
        assert f"承担{len(responsible)}项整改任务（其中牵头{leads}项）" in intro
        assert f"负责{len(accepting)}项整改任务的验收" in intro


# ---------------------------------------------------------------- tasks table


def test_tasks_table_rows_and_filter_data(built: Path, data) -> None:
    dataset, snap = data
    tasks = tasks_of(dataset)
    doc = page(built, "tasks/")
    (table,) = css(article(doc), "table.gs-filterable")
    rows = css(table, "tbody > tr")
    assert len(rows) == len(tasks) == 40
    assert linked_tasks(table) == [t.no for t in tasks]
    for row, t in zip(rows, tasks):
        assert json.loads(row.get("data-banners")) == list(t.banners)
        assert json.loads(row.get("data-units")) == list(t.responsible.units + t.acceptance.units)
        assert row.get("data-deadline") == t.deadline.text
        st = snap.of(t)
        assert json.loads(row.get("data-status")) == [st.state.code, f"group:{st.state.group.value}"]
        # The 旗区 filter reads each 旗区's own part: listed when it differs from the task's state.
        parts = json.loads(row.get("data-parts") or "{}")
        for b in t.banners:
            assert (parts[b][0] if b in parts else st.state.code) == st.part(b).state.code
        cells = [text(td) for td in row.findall("td")]
        # 责任单位: the 牵头 units, or else whom the text names first (its first part, before '，'),
        # then 等 when the text names more.
        first_part, *more = t.responsible.text.split("，")
        shown = ("、".join(t.responsible.lead) or first_part) + ("等" if more else "")
        assert cells[1:] == [shown, t.deadline.text, st.state.label]
    # Every filter offers exactly the values rows can have.
    (form,) = css(article(doc), "form.gs-filter")
    assert form.get("hidden") is not None  # shown by the script only
    options = {s.get("data-filter"): [o.get("value") for o in s.findall("option")] for s in css(form, "select")}
    assert options["banners"][0] == options["units"][0] == options["deadline"][0] == options["status"][0] == ""
    assert set(options["banners"][1:]) == {b for t in tasks for b in t.banners}
    assert set(options["units"][1:]) == {u for t in tasks for u in t.responsible.units + t.acceptance.units}
    assert set(options["deadline"][1:]) == {t.deadline.text for t in tasks}
    # State values are codes (?state=overdue, ?state=group:overdue), as the counts link: every group, then every state.
    assert options["status"][1:] == [f"group:{g.value}" for g in status.Group] + [s.code for s in status.TaskState]


def test_one_plan_site_lists_its_notices_on_notices_and_has_no_per_plan_lists(built: Path, data) -> None:
    """With one plan, tasks/ and notices/ are the lists; the per-plan lists of a several-plan site are not made."""
    dataset, snap = data
    (plan,) = dataset.plans
    assert not (built / "plans" / plan.id / "tasks" / "index.html").exists()
    assert not (built / "plans" / plan.id / "notices").exists()
    doc = page(built, "notices/")
    newest_first = sorted(snap.notices, key=lambda n: (n.notice.start, n.id), reverse=True)
    ns = status.NoticeState
    expected = {
        "正在公示": [n for n in newest_first if n.running],
        "公示期满待销号": [n for n in newest_first if not n.running and n.state is ns.AWAITING_CLOSE_OUT],
        "已销号": [n for n in newest_first if not n.running and n.state is ns.CLOSED_OUT],
        "异议处理": [n for n in newest_first if not n.running and n.state in (ns.OBJECTION, ns.UPHELD)],
    }
    assert sum(len(v) for v in expected.values()) == len(snap.notices) == 6
    for heading, notices in expected.items():
        rows = css(section_after(doc, heading), "tbody tr")
        assert [css(r, "th a")[0].get("href") for r in rows] == [f"{n.id}/" for n in notices], heading
        assert [text(css(r, "th a")[0]) for r in rows] == [n.title for n in notices], heading
    assert QUEUED not in {a.get("href").rstrip("/").rsplit("/", 1)[-1] for a in css(article(doc), "a")}


# ---------------------------------------------------------------- every page


LOADS = {"script": "src", "img": "src", "iframe": "src", "source": "src", "audio": "src", "video": "src", "embed": "src", "object": "data"}


def _refs(doc):
    """(tag, attribute value) of everything a page links to or loads."""
    for el in doc.iter("a", "link", "script", "img", "iframe", "source", "audio", "video", "embed", "object"):
        attr = "href" if el.tag in ("a", "link") else LOADS[el.tag]
        value = el.get(attr)
        if value is not None:
            yield el, value


def _target_file(site: Path, url: str) -> Path | None:
    path = unquote(urlsplit(url).path)
    assert path.startswith("/zt/ducha/"), url
    rel = path[len("/zt/ducha/"):]
    candidate = site / rel
    if rel == "" or rel.endswith("/"):
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def test_every_internal_link_resolves_under_the_deploy_path(built: Path) -> None:
    broken, absolute, fragments = [], [], []
    pages = html_pages(built)
    assert len(pages) > 100
    for path in pages:
        base = page_url(built, path)
        doc = _parse(path)
        for el, value in _refs(doc):
            scheme = urlsplit(value).scheme
            if scheme in ("mailto", "tel", "javascript", "data"):
                continue
            if value.startswith("/") and not value.startswith("//"):
                # Only the 404 page (served at any depth) may use root-absolute links, under the deploy path.
                if path.name != "404.html" or not value.startswith("/zt/ducha/"):
                    absolute.append(f"{path.relative_to(built)}: {value}")
            if scheme or value.startswith("//"):
                if not value.startswith(SITE_URL):
                    continue  # a link to another site (loads are checked separately)
                resolved = SERVED + value[len(SITE_URL):]
            else:
                resolved = urljoin(base if path.name != "404.html" else SERVED, value)
            if not resolved.startswith(SERVED):
                broken.append(f"{path.relative_to(built)}: {value} leaves /zt/ducha/")
                continue
            target = _target_file(built, resolved)
            if target is None:
                broken.append(f"{path.relative_to(built)}: {value}")
                continue
            fragment = urlsplit(resolved).fragment
            if fragment and el.tag == "a" and target.suffix == ".html":
                if not _parse(target).xpath("//*[@id=$f or @name=$f]", f=unquote(fragment)):
                    fragments.append(f"{path.relative_to(built)}: {value}")
    assert broken == []
    assert absolute == []
    assert fragments == []


CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)")
IMPORT = re.compile(r"@import\s+['\"]([^'\"]+)")


def _outside(value: str) -> bool:
    value = value.strip()
    return bool(urlsplit(value).scheme in ("http", "https", "ftp") or value.startswith("//"))


def test_no_page_loads_anything_from_another_host(built: Path) -> None:
    found = []
    for path in html_pages(built):
        doc = _parse(path)
        rel = path.relative_to(built).as_posix()
        for el, value in _refs(doc):
            if el.tag == "a":
                continue
            if el.tag == "link" and not set((el.get("rel") or "").lower().split()) & {
                "stylesheet", "icon", "preload", "prefetch", "modulepreload", "manifest", "apple-touch-icon", "dns-prefetch", "preconnect"
            }:
                continue
            if _outside(value):
                found.append(f"{rel}: <{el.tag}> {value}")
        for img in doc.iter("img", "source"):
            for part in (img.get("srcset") or "").split(","):
                if part.strip() and _outside(part.split()[0]):
                    found.append(f"{rel}: srcset {part}")
        css = [s.text_content() for s in doc.iter("style")] + [el.get("style") for el in doc.xpath("//*[@style]")]
        for block in css:
            for value in CSS_URL.findall(block) + IMPORT.findall(block):
                if _outside(value):
                    found.append(f"{rel}: css {value}")
    for path in sorted(built.rglob("*.css")):
        for value in CSS_URL.findall(path.read_text(encoding="utf-8")) + IMPORT.findall(path.read_text(encoding="utf-8")):
            if _outside(value):
                found.append(f"{path.relative_to(built)}: {value}")
    assert found == []


def test_every_page_is_chinese_with_one_h1(built: Path) -> None:
    wrong = []
    for path in html_pages(built):
        doc = _parse(path)
        rel = path.relative_to(built).as_posix()
        if doc.get("lang") != "zh-CN":
            wrong.append(f"{rel}: lang={doc.get('lang')!r}")
        if len(doc.xpath("//h1")) != 1:
            wrong.append(f"{rel}: {len(doc.xpath('//h1'))} h1")
    assert wrong == []


def test_every_page_has_the_government_footer_and_the_examples_notice(built: Path, data) -> None:
    dataset, _ = data
    site = dataset.site
    raw = yaml.safe_load((REPO / "data" / "site.yaml").read_text(encoding="utf-8"))
    assert raw["examples"] is True  # the shipped data are examples
    for path in html_pages(built):
        doc = _parse(path)
        rel = path.relative_to(built).as_posix()
        (footer,) = css(doc, ".gs-govfooter")
        shown = text(footer)
        assert footer.xpath("ancestor::footer") or footer.xpath("ancestor::*[contains(@class,'gs-govfooter-wrap')]"), rel
        assert f"主办单位：{raw['publisher']}" in shown, rel
        if raw["contact"]["phone"]:
            assert f"联系电话：{raw['contact']['phone']}" in shown
        if raw["contact"]["address"]:
            assert f"地址：{raw['contact']['address']}" in shown
        for key, label in (("site_code", "网站标识码"), ("icp", "ICP"), ("police_record", "公安")):
            if not raw[key]:
                assert label not in shown, (rel, key)
        assert AS_OF_TEXT in shown, rel
        notes = css(doc, ".gs-examples")
        assert len(notes) == 1, rel
        assert text(notes[0]) == f"示例数据：{site.examples_note}", rel
        # In Material's announcement bar, above the header: seen on every page.
        assert notes[0].xpath("ancestor::*[@data-md-component='announce']"), rel


# ---------------------------------------------------------------- sitemap, open data (search: test_search.py)


def test_sitemap_lists_every_page_and_no_queued_notice(built: Path) -> None:
    tree = ET.parse(built / "sitemap.xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [e.text for e in tree.findall("s:url/s:loc", ns)]
    assert locs and all(loc.startswith(SITE_URL) for loc in locs)
    assert not [loc for loc in locs if QUEUED in loc]
    assert {loc[len(SITE_URL):] for loc in locs} == {
        page_url(built, p)[len(SERVED):] for p in html_pages(built) if p.name != "404.html"
    }
    for loc in locs:
        assert _target_file(built, SERVED + loc[len(SITE_URL):]) is not None, loc
    # Each page is dated by its own newest event or report (test_sitemap.py), never after the data's date.
    assert all(e.text <= AS_OF.isoformat() for e in tree.findall("s:url/s:lastmod", ns))
    assert not any(QUEUED in p.as_posix() for p in built.rglob("*"))


TASK_FIELDS = {
    "plan", "no", "chapter", "chapter_title", "problem_no", "problem_title", "problem", "goal", "measures",
    "responsible_units", "responsible_unit_list", "lead_units", "acceptance_units", "lead_acceptance_unit",
    "deadline", "banners", "state", "state_label", "state_group", "state_note", "parts",
}


def test_api_tasks_json(built: Path, data) -> None:
    dataset, snap = data
    records = json.loads((built / "api" / "tasks.json").read_text(encoding="utf-8"))
    tasks = tasks_of(dataset)
    assert len(records) == len(tasks) == 40
    for record, t in zip(records, tasks):
        assert set(record) == TASK_FIELDS
        assert (record["plan"], record["no"]) == (t.plan_id, t.no)
        assert (record["problem"], record["goal"], record["measures"]) == (t.problem, t.goal, list(t.measures))
        assert record["responsible_units"] == t.responsible.text
        assert record["acceptance_units"] == t.acceptance.text
        assert record["lead_units"] == list(t.responsible.lead)
        assert record["lead_acceptance_unit"] == t.acceptance.units[0]
        assert record["banners"] == list(t.banners)
        st = snap.of(t)
        assert (record["state"], record["state_label"]) == (st.state.code, st.state.label)
        assert [(p["banner"], p["state"], p["notice"]) for p in record["parts"]] == [
            (p.banner or None, p.state.code, p.notice_id) for p in st.parts
        ]
        assert record["responsible_unit_list"][: len(t.responsible.units)] == list(t.responsible.units)
        assert record["deadline"] == {
            "text": t.deadline.text,
            "date": t.deadline.date.isoformat() if t.deadline.date else None,
            "milestone": t.deadline.milestone,
            "ongoing": t.deadline.ongoing,
        }
        assert record["problem_no"] == t.problem_no and record["chapter"] == t.chapter_no


# ---------------------------------------------------------------- a site with a full footer and real data


@pytest.fixture(scope="module")
def filled_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped data with every footer field filled in and `examples: false`."""
    from generator.build import build_site

    root = copy_project(tmp_path_factory.mktemp("filled") / "project")
    site_yaml = root / "data" / "site.yaml"
    raw = site_yaml.read_text(encoding="utf-8")
    for old, new in (
        ('site_code: ""', 'site_code: "1506000001"'),
        ('icp: ""', 'icp: "蒙ICP备00000000号"'),
        ('police_record: ""', 'police_record: "蒙公网安备15060000000001号"'),
        ('police_record_code: ""', 'police_record_code: "15060000000001"'),
        ("examples: true", "examples: false"),
        ('email: yiyi@example.com', 'email: "ducha@example.gov.cn"'),
    ):
        assert raw.count(old) == 1, old
        raw = raw.replace(old, new)
    site_yaml.write_text(raw, encoding="utf-8")
    build_site(root, AS_OF, root / "site", live=True)
    return root / "site"


def test_footer_fields_with_their_usual_links_and_no_examples_notice(filled_site: Path) -> None:
    for path in html_pages(filled_site):
        doc = _parse(path)
        rel = path.relative_to(filled_site).as_posix()
        assert not css(doc, ".gs-examples"), rel
        assert "示例数据：" not in text(doc), rel
        (footer,) = css(doc, ".gs-govfooter")
        shown = text(footer)
        assert "网站标识码：1506000001" in shown, rel
        assert "电子邮箱：ducha@example.gov.cn" in shown, rel
        links = {text(a): a.get("href") for a in css(footer, "a")}
        assert links == {
            "蒙ICP备00000000号": "https://beian.miit.gov.cn/",
            "蒙公网安备15060000000001号": "https://beian.mps.gov.cn/#/query/webSearch?code=15060000000001",
            "0477-0000000": "tel:04770000000",  # data/site.yaml's phone, tap to call
        }, rel


def test_landmarks_are_labelled_and_tables_have_header_cells(built: Path) -> None:
    wrong = []
    for path in html_pages(built):
        doc = _parse(path)
        rel = path.relative_to(built).as_posix()
        if len(doc.xpath("//main")) != 1:
            wrong.append(f"{rel}: {len(doc.xpath('//main'))} <main>")
        for nav in doc.xpath("//nav"):
            if not (nav.get("aria-label") or nav.get("aria-labelledby")):
                wrong.append(f"{rel}: unlabelled <nav class={nav.get('class')!r}>")
        for table in doc.xpath("//article//table"):
            if not table.xpath("./thead/tr/th"):
                wrong.append(f"{rel}: table without column headers")
            generated = "gs-table" in (table.get("class") or "")
            if generated and table.find("caption") is None:
                wrong.append(f"{rel}: table without caption")
    assert wrong == []
