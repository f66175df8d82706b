"""A site with several plans: tasks/ and notices/ list the plans, and each plan has its own lists.

One list of a whole region's tasks or notices was 100+ KB gzipped and its rows
(第12项) did not say which plan they meant (issue #7). The site here is built
with MkDocs from three plans (the shipped plan and two renamed copies, one
without notices) and parsed; expected values come from load_dataset and
status.snapshot, never from the generator's templates.
"""

from __future__ import annotations

import json
import re
import shutil
from urllib.parse import urljoin

import pytest
import test_site as site_checks
from conftest import AS_OF, REPO, copy_project, data_tree
from test_site import article, css, page, section_after, table_with_caption, text

from generator import status

pytestmark = pytest.mark.e2e  # One whole-site build of several plans, read by every test.

SHIPPED = "ordos-nmg-r2"
TITLES = {  # distinct titles, so that a row naming the wrong plan is seen
    "ordos-copy": "包头市贯彻落实第二轮自治区生态环境保护督察报告整改方案",
    "ordos-third": "乌海市贯彻落实第二轮自治区生态环境保护督察报告整改方案",
}
COPIED = ("2026-10-12-task33", "2026-11-23-task24", "2026-12-07-task7")  # also given to ordos-copy
QUEUED = {"2026-12-07-task7", "2026-12-07-copy-task7"}  # start after AS_OF


@pytest.fixture(scope="module")
def several(tmp_path_factory: pytest.TempPathFactory):
    """(site folder, dataset, snapshot) of a three-plan site built as of AS_OF."""
    from generator.build import build_site
    from generator.load import load_dataset

    root = copy_project(tmp_path_factory.mktemp("several") / "project", data=False)
    notices = {p.name: p.read_text(encoding="utf-8") for p in sorted((REPO / "data" / "notices").glob("*.yaml"))}
    for stem in COPIED:
        text_ = notices[f"{stem}.yaml"].replace(f"plan: {SHIPPED}", "plan: ordos-copy")
        notices[f"{stem.replace('-task', '-copy-task')}.yaml"] = text_
    data_tree(root, notices, extra_plan=True)
    plans = root / "data" / "plans"
    shutil.copytree(plans / SHIPPED, plans / "ordos-third")
    for plan_id, title in TITLES.items():
        yaml_path = plans / plan_id / "plan.yaml"
        shipped_title = "鄂尔多斯市贯彻落实第二轮自治区生态环境保护督察报告整改方案"
        yaml_path.write_text(
            yaml_path.read_text(encoding="utf-8").replace(f"title: {shipped_title}\n", f"title: {title}\n", 1),
            encoding="utf-8",
        )
    build_site(root, AS_OF, root / "site", live=True)
    dataset, calendar = load_dataset(root)
    assert [p.id for p in dataset.plans] == ["ordos-copy", SHIPPED, "ordos-third"]
    assert [p.title for p in dataset.plans if p.id in TITLES] == [TITLES["ordos-copy"], TITLES["ordos-third"]]
    return root / "site", dataset, status.snapshot(dataset, AS_OF, calendar)


def target(from_url: str, href: str) -> str:
    """The site-relative URL a relative link on the page at `from_url` leads to."""
    base = "http://site/"
    resolved = urljoin(base + from_url, href)
    assert resolved.startswith(base), href
    return resolved[len(base):]


def row_links(table, from_url: str) -> list[str]:
    """Where the link in each body row's header cell leads, in row order."""
    out = []
    for th in css(table, "tbody tr th[scope=row]"):
        (a,) = css(th, "a")
        out.append(target(from_url, a.get("href")))
    return out


def expected_sections(notices) -> dict[str, list[str]]:
    """The notices page's sections, newest first, from the notices' own states (已撤回 shown only when not empty)."""
    newest_first = sorted(notices, key=lambda n: (n.notice.start, n.id), reverse=True)
    ns = status.NoticeState
    return {
        "正在公示": [n.id for n in newest_first if n.running and n.state is not ns.WITHDRAWN],
        "公示期满待销号": [n.id for n in newest_first if not n.running and n.state is ns.AWAITING_CLOSE_OUT],
        "已销号": [n.id for n in newest_first if not n.running and n.state is ns.CLOSED_OUT],
        "异议处理": [n.id for n in newest_first if not n.running and n.state in (ns.OBJECTION, ns.UPHELD)],
        "已撤回": [n.id for n in newest_first if n.state is ns.WITHDRAWN],
    }


def test_tasks_landing_links_each_plan_s_list_with_its_counts(several) -> None:
    site, dataset, snap = several
    doc = page(site, "tasks/")
    assert [text(h) for h in doc.iter("h1")] == ["整改任务一览"]
    table = table_with_caption(doc, "各整改方案的整改任务数（项）")
    assert row_links(table, "tasks/") == [f"plans/{p.id}/tasks/" for p in dataset.plans]
    heads = [text(th) for th in css(table, "thead th")]
    assert heads == ["整改方案", "整改任务"] + [g.label for g in status.Group]
    for row, plan in zip(css(table, "tbody tr"), dataset.plans):
        assert text(row.find("th")) == plan.title
        counts = snap.groups(plan.tasks)
        assert [int(text(td)) for td in row.findall("td")] == [len(plan.tasks)] + [counts[g] for g in status.Group]
    # The landing page is short: no task rows, no filter.
    assert not css(article(doc), "table.gs-filterable") and not css(article(doc), "form.gs-filter")
    hrefs = [target("tasks/", a.get("href")) for a in css(article(doc), "a")]
    assert not [h for h in hrefs if re.fullmatch(r"plans/[^/]+/tasks/\d+/", h)]


def test_each_plan_s_task_list_lists_exactly_its_tasks(several) -> None:
    site, dataset, snap = several
    for plan in dataset.plans:
        url = f"plans/{plan.id}/tasks/"
        doc = page(site, url)
        assert [text(h) for h in doc.iter("h1")] == [f"《{plan.title}》整改任务"]
        (table,) = css(article(doc), "table.gs-filterable")
        assert text(table.find("caption")) == f"《{plan.title}》整改任务（{len(plan.tasks)}项）"
        assert row_links(table, url) == [f"plans/{plan.id}/tasks/{t.no}/" for t in plan.tasks]
        rows = css(table, "tbody > tr")
        assert [text(css(r, "th a")[0]) for r in rows] == [f"第{t.no}项" for t in plan.tasks]
        assert [json.loads(r.get("data-status"))[0] for r in rows] == [snap.of(t).state.code for t in plan.tasks]
        assert [text(r.findall("td")[-1]) for r in rows] == [snap.of(t).state.label for t in plan.tasks]
        (form,) = css(article(doc), "form.gs-filter")
        options = {s.get("data-filter"): [o.get("value") for o in s.findall("option")][1:] for s in css(form, "select")}
        assert set(options["banners"]) == {b for t in plan.tasks for b in t.banners}
        assert set(options["units"]) == {u for t in plan.tasks for u in t.responsible.units + t.acceptance.units}
        assert set(options["deadline"]) == {t.deadline.text for t in plan.tasks}
        # It names its plan and leads back to the plan and to the other plans.
        links = {target(url, a.get("href")) for a in css(article(doc), "a")}
        assert {f"plans/{plan.id}/", "tasks/"} <= links
        # The plan's own page leads to its lists.
        plan_links = {target(f"plans/{plan.id}/", a.get("href")) for a in css(article(page(site, f"plans/{plan.id}/")), "a")}
        assert {url, f"plans/{plan.id}/notices/"} <= plan_links


def test_notices_landing_links_each_plan_s_list_with_its_counts(several) -> None:
    site, dataset, snap = several
    doc = page(site, "notices/")
    assert [text(h) for h in doc.iter("h1")] == ["验收销号公示"]
    table = table_with_caption(doc, "各整改方案的验收销号公示（项）")
    assert row_links(table, "notices/") == [f"plans/{p.id}/notices/" for p in dataset.plans]
    heads = [text(th) for th in css(table, "thead th")]
    assert heads == ["整改方案", "正在公示", "公示期满待销号", "已销号", "异议处理", "已撤回", "合计"]
    for row, plan in zip(css(table, "tbody tr"), dataset.plans):
        assert text(row.find("th")) == plan.title
        mine = [n for n in snap.notices if n.notice.plan_id == plan.id]
        sections = expected_sections(mine)
        assert [int(text(td)) for td in row.findall("td")] == [len(v) for v in sections.values()] + [len(mine)]
    # No notice is listed on the landing page itself.
    assert not [a for a in css(article(doc), "a") if target("notices/", a.get("href")).startswith("notices/")]


def test_each_plan_s_notice_list_lists_exactly_its_published_notices(several) -> None:
    site, dataset, snap = several
    by_plan = {p.id: [n for n in snap.notices if n.notice.plan_id == p.id] for p in dataset.plans}
    assert len(by_plan[SHIPPED]) == 6 and len(by_plan["ordos-copy"]) == 2 and by_plan["ordos-third"] == []
    for plan in dataset.plans:
        url = f"plans/{plan.id}/notices/"
        doc = page(site, url)
        assert [text(h) for h in doc.iter("h1")] == [f"《{plan.title}》验收销号公示"]
        listed = [target(url, a.get("href")) for a in css(article(doc), "table a")]
        assert sorted(listed) == sorted(f"notices/{n.id}/" for n in by_plan[plan.id])
        assert not {f"notices/{q}/" for q in QUEUED} & set(listed)
        if not by_plan[plan.id]:
            assert "本方案目前暂无验收销号公示" in text(article(doc))
            assert not css(article(doc), "h2")
            continue
        for heading, ids in expected_sections(by_plan[plan.id]).items():
            if heading == "已撤回" and not ids:
                continue
            section = section_after(doc, heading)
            shown = [target(url, th.find("a").get("href")) for th in css(section, "tbody tr th[scope=row]")]
            assert shown == [f"notices/{i}/" for i in ids], (plan.id, heading)
        # Every listed notice page names this plan.
        for n in by_plan[plan.id]:
            head = css(article(page(site, f"notices/{n.id}/")), ".gs-noticehead")[0]
            assert plan.title in text(head)


def test_banner_and_unit_pages_give_each_plan_its_own_table(several) -> None:
    site, dataset, _ = several
    tasks = [t for p in dataset.plans for t in p.tasks]
    banners = {b.name: b for p in dataset.plans for b in p.banners}
    units = {u.name: u for p in dataset.plans for u in p.units}
    cases = [(f"banners/{b.slug}/", "整改任务", f"{name}涉及的整改任务", [t for t in tasks if name in t.banners])
             for name, b in banners.items()]
    cases += [(f"units/{u.slug}/", "作为验收单位", f"{name}作为验收单位的整改任务", [t for t in tasks if name in t.acceptance.units])
              for name, u in units.items()]
    for url, heading, caption, expected in cases:
        section = section_after(page(site, url), heading)
        tables = css(section, "table")
        plans = [p for p in dataset.plans if any(t.plan_id == p.id for t in expected)]
        if not expected:  # one empty table, as on a one-plan site
            assert [text(t.find("caption")) for t in tables] == [caption] and not css(section, "tbody tr"), url
            continue
        assert [text(t.find("caption")) for t in tables] == [f"{caption}：《{p.title}》" for p in plans], url
        for table, plan in zip(tables, plans):
            assert row_links(table, url) == [f"plans/{plan.id}/tasks/{t.no}/" for t in expected if t.plan_id == plan.id]


def test_home_page_names_the_plan_of_each_open_notice(several) -> None:
    site, dataset, snap = several
    items = css(article(page(site, "")), "ul.gs-noticelist li")
    running = [n for n in snap.notices if n.running]
    assert len(items) == len(running) >= 2
    for n in running:
        (li,) = [li for li in items if css(li, "a")[0].get("href") == f"notices/{n.id}/"]
        assert dataset.plan(n.notice.plan_id).title in text(li)


def test_the_several_plan_site_passes_the_whole_site_checks(several) -> None:
    site, _, _ = several
    site_checks.test_every_internal_link_resolves_under_the_deploy_path(site)
    site_checks.test_every_page_is_chinese_with_one_h1(site)
    site_checks.test_landmarks_are_labelled_and_tables_have_header_cells(site)
