"""pages: forked rendering gives the same pages as one process; each template reads what its page context declares."""

from __future__ import annotations

import dataclasses
import re

import jinja2
import jinja2.meta
import lxml.html
import pytest
from conftest import AS_OF, REPO

from generator import pages, status
from generator import render as render_module
from generator.load import load_dataset


def test_pages_rendered_in_two_processes_are_the_pages_rendered_in_one() -> None:
    dataset, calendar = load_dataset(REPO)
    snap = status.snapshot(dataset, AS_OF, calendar)
    one = pages.generate(dataset, snap, "https://example.gov.cn/", workers=1)
    two = pages.generate(dataset, snap, "https://example.gov.cn/", workers=2)
    assert len([p for p in one.content if p.endswith(".md")]) > 100
    assert list(one.content) == list(two.content)  # same files, same order
    assert [p for p in one.content if one.content[p] != two.content[p]] == []
    assert one.files == two.files and one.theme == two.theme


def test_the_home_page_warns_of_a_measure_date_as_of_its_own_date() -> None:
    """临近时限 (issue 21, deliverable 8): task 32 is due 2027-12-31, its measure 二是 2026年12月底前."""
    dataset, calendar = load_dataset(REPO)
    snap = status.snapshot(dataset, AS_OF, calendar)
    home = pages.generate(dataset, snap, "https://example.gov.cn/", workers=1).content["index.md"]
    items = [re.sub(r"<[^>]+>", "", line) for line in home.splitlines() if line.startswith("<li><a href=")]
    items = [line for line in items if line.endswith("尚无验收销号公示")]
    assert "整改任务6项（不计入逾期）" in home and len(items) == 6
    (t32,) = [line for line in items if "第32项" in line]
    assert "：整改措施二是的时间节点（2026年12月底前，即2026年12月31日）" in t32 and "前完成" not in t32
    (t36,) = [line for line in items if "第36项" in line]
    assert "前取得阶段性成效，也是整改措施四是的时间节点（2026年底前）" in t36


def _names_read(template: str) -> set[str]:
    """The names a template reads that it does not set itself (jinja2.meta misses a {% set %} in a block)."""
    env = render_module._ENV
    tree = env.parse(env.loader.get_source(env, template)[0])  # type: ignore[union-attr]
    assigned = {n.name for n in tree.find_all(jinja2.nodes.Name) if n.ctx == "store"}
    return jinja2.meta.find_undeclared_variables(tree) - assigned - set(env.globals) - {"link", "page_url"}


def test_each_template_reads_exactly_what_its_page_context_declares() -> None:
    """A page family's dataclass is its template's whole input: nothing read that it does not declare, nothing unread."""
    shared = {f.name for f in dataclasses.fields(pages.SiteContext)}
    covered = set()
    for family in pages.PAGE_FAMILIES:
        own = {f.name for f in dataclasses.fields(family)} - {"common"}
        read: set[str] = set()
        for template in family.TEMPLATES:
            names = _names_read(template)
            assert names <= own | shared, (family.__name__, template, names - own - shared)
            read |= names
        assert own <= read, (family.__name__, own - read)
        covered |= set(family.TEMPLATES)
    pages_templates = {p.name for p in (REPO / "generator" / "templates").glob("*.j2") if not p.name.startswith("_")}
    assert covered == pages_templates


def test_a_name_a_template_does_not_declare_is_refused_when_rendered() -> None:
    dataset, calendar = load_dataset(REPO)
    snap = status.snapshot(dataset, AS_OF, calendar)
    common = pages.SiteContext(dataset, dataset.site, snap, AS_OF, pages.build_index(dataset), False, "旗区")
    names = pages.ThemePartial(common).names()
    assert set(names) == {f.name for f in dataclasses.fields(pages.SiteContext)}
    del names["as_of"]
    with pytest.raises(jinja2.UndefinedError):
        render_module.render("footer.html.j2", "", names)


def test_a_task_without_acceptance_units_shows_less_never_a_missing_data_sentence(tmp_path) -> None:
    """A plan may name no 验收单位: its task page and the plan's chapter page leave the line out."""
    from conftest import data_tree, drop_acceptance_units

    root = data_tree(tmp_path)
    drop_acceptance_units(root, 28)
    dataset, calendar = load_dataset(root)
    snap = status.snapshot(dataset, AS_OF, calendar)
    content = pages.generate(dataset, snap, "https://example.gov.cn/", workers=1).content
    t28, t29 = content["plans/ordos-nmg-r2/tasks/28/index.md"], content["plans/ordos-nmg-r2/tasks/29/index.md"]
    assert "<dt><div>验收单位</div></dt>" in t29 and "牵头验收单位" in t29
    assert "<dt><div>验收单位</div></dt>" not in t28 and "牵头验收单位" not in t28
    assert "<dt><div>责任单位</div></dt>" in t28 and "<dt><div>整改时限</div></dt>" in t28
    chapter = next(v for k, v in content.items() if re.fullmatch(r"plans/ordos-nmg-r2/\d+/index\.md", k) and 'id="task-28"' in v)
    block = chapter.split('id="task-28"')[1].split('id="task-29"')[0]
    assert "责任单位：" in block and "验收单位：" not in block
    assert "验收单位：" in chapter.split('id="task-29"')[1]
    for page in (t28, block):
        assert "未列" not in page and "没有验收" not in page


def test_on_a_site_with_several_plans_each_home_count_opens_its_plans_list_of_exactly_the_tasks_it_counts(
    tmp_path,
) -> None:
    """Issue 21 deliverable 10 with two plans: no one list holds every task, so home counts per plan, each linking
    to that plan's list with ?state=group:…; the list's rows that filter keeps (data-status) are exactly that many."""
    import json
    import urllib.parse

    import lxml.html
    from conftest import data_tree

    notices = {p.name: p.read_text(encoding="utf-8") for p in (REPO / "data" / "notices").glob("*.yaml")}
    root = data_tree(tmp_path, notices, extra_plan=True)  # the notices close out parts of one plan only
    dataset, calendar = load_dataset(root)
    snap = status.snapshot(dataset, AS_OF, calendar)
    content = pages.generate(dataset, snap, "https://example.gov.cn/", workers=1).content
    home = lxml.html.fromstring(f"<div>{content['index.md']}</div>")
    tables = home.xpath("//table[contains(@class, 'gs-plans')]")
    assert len(tables) == 1, "home counts each plan's tasks in one table"
    table = tables[0]
    cells = table.xpath(".//td")
    assert len(cells) == len(dataset.plans) * (1 + len(status.Group))
    followed: dict[str, dict[str, int]] = {}
    for td in cells:
        links = td.xpath("a")
        if td.text_content() == "0":
            assert not links  # nothing to open
            continue
        (a,) = links  # every other count links
        href = urllib.parse.urlsplit(a.get("href"))
        plan_list = lxml.html.fromstring(f"<div>{content[href.path + 'index.md']}</div>")
        rows = plan_list.xpath("//table[contains(@class, 'gs-filterable')]/tbody/tr")
        code = urllib.parse.parse_qs(href.query).get("state", [None])[0]
        kept = [r for r in rows if code is None or code in json.loads(r.get("data-status"))]
        assert int(a.text_content()) == len(kept) > 0, (href.geturl(), td.get("data-group"))
        followed.setdefault(href.path, {})[code or "total"] = len(kept)
    plan_ids = {path.split("/")[1] for path in followed}
    assert plan_ids == {plan.id for plan in dataset.plans}
    # The two plans differ (one has the shipped notices), and each row adds up to its plan's tasks.
    assert followed["plans/ordos-nmg-r2/tasks/"] != followed["plans/ordos-copy/tasks/"]
    for counts in followed.values():
        assert sum(n for code, n in counts.items() if code != "total") == counts["total"]


def test_on_a_site_with_several_plans_each_count_on_a_banner_page_opens_its_plans_list_of_exactly_the_tasks_it_counts(
    tmp_path,
) -> None:
    """Issue 21 deliverable 10 on a 旗区's page with two plans: one row per plan, each count linking to that plan's
    list with ?banner=…&state=group:…; the rows that filter keeps (the 旗区's data-banners, and its own part's state
    from data-parts, else the task's data-status, as the list's script does) are exactly that many."""
    import json
    import urllib.parse

    import lxml.html
    from conftest import data_tree

    notices = {p.name: p.read_text(encoding="utf-8") for p in (REPO / "data" / "notices").glob("*.yaml")}
    root = data_tree(tmp_path, notices, extra_plan=True)  # the notices close out parts of one plan only
    dataset, calendar = load_dataset(root)
    snap = status.snapshot(dataset, AS_OF, calendar)
    content = pages.generate(dataset, snap, "https://example.gov.cn/", workers=1).content
    index = pages.build_index(dataset)
    lists: dict[str, list] = {}
    for banner in index.banners:
        page = lxml.html.fromstring(f"<div>{_body(content[f'banners/{banner.slug}/index.md'])}</div>")
        (table,) = page.xpath("//table[contains(@class, 'gs-plans')]")
        assert not page.xpath("//table[contains(@class, 'gs-counts')]"), "no count left without a link"
        assert len(table.xpath("./tbody/tr")) == len({t.plan_id for t in index.by_banner[banner.name]})
        followed: dict[str, dict[str, int]] = {}
        for td in table.xpath(".//td"):
            links = td.xpath("a")
            if td.text_content() == "0":
                assert not links  # nothing to open
                continue
            (a,) = links  # every other count links
            href = urllib.parse.urlsplit(a.get("href").replace("../", ""))
            query = urllib.parse.parse_qs(href.query)
            assert query["banner"] == [banner.name], a.get("href")
            code = query.get("state", [None])[0]
            if href.path not in lists:
                plan_list = lxml.html.fromstring(f"<div>{_body(content[href.path + 'index.md'])}</div>")
                lists[href.path] = plan_list.xpath("//table[contains(@class, 'gs-filterable')]/tbody/tr")
            kept = []
            for r in lists[href.path]:
                if banner.name not in json.loads(r.get("data-banners")):
                    continue
                own = json.loads(r.get("data-parts") or "{}").get(banner.name)
                if code is None or code in (own[:2] if own else json.loads(r.get("data-status"))):
                    kept.append(r)
            assert int(a.text_content()) == len(kept) > 0, (banner.name, a.get("href"))
            followed.setdefault(href.path, {})[code or "total"] = len(kept)
        for counts in followed.values():
            assert sum(n for code, n in counts.items() if code != "total") == counts["total"]
        if banner.name == "达拉特旗":  # task 37 is closed out for 达拉特旗 in the plan with the notices only
            assert followed["plans/ordos-nmg-r2/tasks/"] != followed["plans/ordos-copy/tasks/"]
            assert followed["plans/ordos-nmg-r2/tasks/"]["group:closed_out"] >= 1


def _body(text: str) -> str:
    """A generated page without its front matter (YAML read by MkDocs, never shown)."""
    return text.split("\n---\n", 1)[1] if text.startswith("---\n") else text


def _html(text: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(f"<div>{_body(text)}</div>")


def test_a_plan_of_counties_names_them_in_its_own_word_on_every_page(tmp_path) -> None:
    """subunit_word 县（市、区）: its task, 旗区-equivalent, list and report pages say so, and none says 旗区."""
    from conftest import COUNTY_PLAN, county_tree

    dataset, calendar = load_dataset(county_tree(tmp_path))
    snap = status.snapshot(dataset, AS_OF, calendar)
    out = pages.generate(dataset, snap, "https://example.gov.cn/", workers=1)
    shown = {path: _body(text) for path, text in {**out.content, **out.theme}.items()}
    assert [path for path, text in shown.items() if "旗区" in text] == []
    word = "县（市、区）"
    assert out.theme[pages.SUBUNIT_WORD_PARTIAL] == word  # what 404.html, search.html and the nav label say
    task1, task2 = (_html(out.content[f"plans/{COUNTY_PLAN}/tasks/{no}/index.md"]) for no in (1, 2))
    facts = {dt.text_content(): dt.getnext().text_content() for dt in task1.iter("dt")}
    assert facts[f"涉及{word}"] == "尧都区、洪洞县"
    assert [th.text_content() for th in task1.iter("th") if th.get("scope") == "col"][:1] == [word]
    assert f"2025年度分{word}进展" in [c.text_content() for c in task1.iter("caption")]
    assert f"各{word}分别验收销号" in task2.text_content()  # closed out sub-unit by sub-unit
    # The task list's filter, the 旗区 list and a 旗区's page
    tasks = _html(out.content["tasks/index.md"])
    assert [label.text_content().split()[0] for label in tasks.iter("label")][0] == word
    banners = out.content["banners/index.md"]
    assert f"# 各{word}整改情况" in banners and f'<th scope="col">{word}</th>' in banners
    assert f"“各{word}”包含尧都区" in _html(out.content["banners/yaodu/index.md"]).text_content()
    assert f"按{word}查看" in _html(out.content["index.md"]).text_content()
    year = out.content["progress/2025/index.md"]
    assert f"## 按{word}统计 {{ #by-banner }}" in year and f"各{word}进展：" in year
    # 各县（市、区）政府 is every sub-unit: a whole-task notice of task 1 is the city's, as 各旗区 is
    notice = _html(out.content["notices/2026-09-14-task1/index.md"]).text_content()
    assert "第1项整改任务（全市）验收销号公示" in notice


def test_pages_about_plans_of_different_words_name_them_all(tmp_path) -> None:
    """旗区 and 县（市、区） on one site: pages about every plan say 旗县（市、区）; each plan's own pages its word."""
    from conftest import COUNTY_PLAN, COUNTY_PLAN_YAML, COUNTY_TASKS_YAML, data_tree

    root = data_tree(tmp_path, notices={}, reports={})
    plan = root / "data" / "plans" / COUNTY_PLAN
    plan.mkdir()
    (plan / "plan.yaml").write_text(COUNTY_PLAN_YAML, encoding="utf-8")
    (plan / "tasks.yaml").write_text(COUNTY_TASKS_YAML, encoding="utf-8")
    dataset, calendar = load_dataset(root)
    out = pages.generate(dataset, status.snapshot(dataset, AS_OF, calendar), "", workers=1)
    content = out.content
    assert "# 各旗县（市、区）整改情况" in content["banners/index.md"]
    assert out.theme[pages.SUBUNIT_WORD_PARTIAL] == "旗县（市、区）"
    assert "按旗县（市、区）查看" in content["index.md"]
    assert "“各旗区”包含达拉特旗" in content["banners/dalate/index.md"]
    assert "“各县（市、区）”包含尧都区" in content["banners/yaodu/index.md"]
    assert "<dt><div>涉及旗区</div></dt>" in content["plans/ordos-nmg-r2/tasks/1/index.md"]
    county_list = _html(content[f"plans/{COUNTY_PLAN}/tasks/index.md"])
    assert [label.text_content().split()[0] for label in county_list.iter("label")][0] == "县（市、区）"


def test_the_home_page_lists_the_nearest_deadlines_and_says_where_the_rest_are(monkeypatch) -> None:
    """A region has over a hundred 临近时限 items: the home page lists the nearest, counts the rest, and points to
    the 旗区 and unit pages, which list their own in full."""
    import lxml.html

    dataset, calendar = load_dataset(REPO)
    snap = status.snapshot(dataset, AS_OF, calendar)
    near = status.approaching(snap, [t for p in dataset.plans for t in p.tasks])
    assert len(near) > 2
    monkeypatch.setattr(pages, "HOME_NEAR_MAX", 2)
    home = lxml.html.fromstring(f"<div>{pages.generate(dataset, snap, 'https://example.gov.cn/', workers=1).content['index.md']}</div>")
    listed = home.xpath("//ul[@class='gs-approaching']/li")
    assert [li.xpath("a")[0].text_content() for li in listed] == [f"第{a.task.no}项" for a in near[:2]]
    rest = home.xpath("//ul[@class='gs-approaching']/following-sibling::p[1]")[0]
    assert f"另有{len(near) - 2}条" in rest.text_content()
    assert [a.get("href") for a in rest.xpath("a")] == ["banners/", "units/"]
    # the count above the list is every task 临近时限, not only those listed
    intro = home.xpath("//p[@id='approaching']")[0].text_content()
    assert f"整改任务{status.approaching_tasks(near)}项" in intro


def test_an_open_notice_s_script_relabels_its_badge_with_the_awaiting_state_s_label_and_class() -> None:
    """A page not rebuilt since its window ended shows the state 公示期满待销号 as the badge says it elsewhere."""
    from generator.notice_status import NoticeState
    from generator.urls import notice as notice_url

    dataset, calendar = load_dataset(REPO)
    snap = status.snapshot(dataset, AS_OF, calendar)
    n = next(n for n in snap.notices if n.state is NoticeState.OPEN)
    content = pages.generate(dataset, snap, "https://example.gov.cn/", workers=1).content
    page = content[notice_url(n.id).strip("/") + "/index.md"]
    label, css = NoticeState.AWAITING_CLOSE_OUT.label, NoticeState.AWAITING_CLOSE_OUT.css
    assert f'querySelector(".gs-status--{NoticeState.OPEN.css}")' in page
    assert f'badge.textContent = "{label}"; badge.className = "gs-status gs-status--{css}";' in page


def test_the_awaiting_close_out_section_does_not_say_no_objection_of_a_dismissed_one(tmp_path) -> None:
    """公示期满待销号 lists notices whose objection was dismissed after verification too (附件 一): not 无异议."""
    from conftest import data_tree

    dismissed = (REPO / "data/notices/2026-11-02-task28.yaml").read_text(encoding="utf-8")
    assert "objections: []" in dismissed
    dismissed = dismissed.replace("objections: []", (
        "objections:\n  - received: 2026-11-05\n    summary: 反映改造未完成。\n    outcome: dismissed\n"
        "    resolved: 2026-11-12\n"
    ))
    root = data_tree(tmp_path, {"2026-11-02-task28.yaml": dismissed})
    dataset, calendar = load_dataset(root)
    snap = status.snapshot(dataset, AS_OF, calendar)
    listing = pages.generate(dataset, snap, "https://example.gov.cn/", workers=1).content["notices/index.md"]
    awaiting = listing[listing.index("## 公示期满待销号"):listing.index("## 已销号")]
    assert "2026-11-02-task28" in awaiting
    assert "公示期满、尚无销号记录的事项" in awaiting
    assert "无异议" not in awaiting
