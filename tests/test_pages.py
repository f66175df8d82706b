"""pages: forked rendering gives the same pages as one process; each template reads what its page context declares."""

from __future__ import annotations

import dataclasses
import re

import jinja2
import jinja2.meta
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
    assert "<dt>验收单位</dt>" in t29 and "牵头验收单位" in t29
    assert "<dt>验收单位</dt>" not in t28 and "牵头验收单位" not in t28
    assert "<dt>责任单位</dt>" in t28 and "<dt>整改时限</dt>" in t28
    chapter = next(v for k, v in content.items() if re.fullmatch(r"plans/ordos-nmg-r2/\d+/index\.md", k) and 'id="task-28"' in v)
    block = chapter.split('id="task-28"')[1].split('id="task-29"')[0]
    assert "责任单位：" in block and "验收单位：" not in block
    assert "验收单位：" in chapter.split('id="task-29"')[1]
    for page in (t28, block):
        assert "未列" not in page and "没有验收" not in page
