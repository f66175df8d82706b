"""The plugin's short cut past Python-Markdown gives the pages a plain MkDocs build gives.

The gongshi plugin hands MkDocs the raw HTML blocks of the generated pages
instead of letting Python-Markdown parse them again (`mkdocs_plugin.py`).
That is allowed only while a plain `mkdocs build` of the same `content/`,
with Material and without the gongshi plugin, renders the same pages: the
same set of pages, and in each page's article the same visible text, the
same links and the same element ids. Checked on the shipped data and on a
site with two plans: the published site of `gongshi build` (minified) page
by page, and byte for byte the HTML each page's content became in the
MkDocs stage of that build and in a plain `mkdocs build` with the plugin.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import lxml.html
import markdown
import pytest
from conftest import AS_OF, REPO, copy_project, data_tree
from mkdocs.structure.pages import _RawHTMLPreprocessor
from mkdocs.utils.meta import get_data

from generator import content
from generator.asof import epoch_of
from generator.build import SKIP_PLUGIN_ENV, build_site
from generator.mkdocs_plugin import anchor_ids, relabel_banners_nav, restore_raw_blocks, split_raw_blocks
from generator.pages import SUBUNIT_WORD_PARTIAL

PLACEHOLDER = "GONGSHIRAWHTML"  # the word the plugin puts in place of a raw HTML block


@dataclass(frozen=True)
class Rendered:
    content: dict[str, str]  # page source → the HTML its content became, as the theme receives it
    short_cut: frozenset[str]  # the pages Markdown saw with placeholders instead of raw HTML blocks


def _mkdocs_build(root: Path, config_file: str, site_dir: Path, mangle: bool = False, **env: str) -> Rendered:
    """What `mkdocs build --strict -f config_file` does, in this process, and what became of each page.

    A plugin added after the configured ones records what Markdown is given
    (after the gongshi plugin's `on_page_markdown`, when that is configured)
    and the content it became (after its `on_page_content`). With `mangle`, it
    first puts each placeholder in emphasis, as a stray extension might.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.plugins import BasePlugin

    rendered: dict[str, str] = {}
    short_cut: set[str] = set()

    class Record(BasePlugin):
        def on_page_markdown(self, markdown, page, config, files):
            if PLACEHOLDER in markdown:
                short_cut.add(page.file.src_uri)
            return re.sub(rf"^{PLACEHOLDER}\d+$", r"*\g<0>*", markdown, flags=re.M) if mangle else markdown

        def on_page_content(self, html, page, config, files):
            rendered[page.file.src_uri] = html
            return html

    saved, cwd = dict(os.environ), os.getcwd()
    for name in (SKIP_PLUGIN_ENV, "GONGSHI_AS_OF"):
        os.environ.pop(name, None)
    os.environ.update(env, SOURCE_DATE_EPOCH=str(epoch_of(AS_OF)))
    os.chdir(root)
    try:
        config = load_config(str(root / config_file), site_dir=str(site_dir), strict=True)
        config.plugins["record"] = Record()
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    finally:
        os.chdir(cwd)
        os.environ.clear()
        os.environ.update(saved)
    return Rendered(rendered, frozenset(short_cut))


def _without_gongshi_plugin(root: Path) -> str:
    """A copy of the project's mkdocs.yml whose plugins lack gongshi (Material alone): what a plain build reads."""
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    assert "plugins:\n  - gongshi\n" in config
    (root / "mkdocs-plain.yml").write_text(config.replace("plugins:\n  - gongshi\n", "plugins: []\n"), encoding="utf-8")
    return "mkdocs-plain.yml"


def _pages(site: Path) -> dict[str, Path]:
    return {
        p.relative_to(site).as_posix(): p
        for p in sorted(site.rglob("*.html"))
        if not p.relative_to(site).as_posix().startswith("pagefind/")
    }


def _article_facts(page: Path) -> tuple[list[str], list[str], list[str]]:
    """The article's visible text (each text run, whitespace collapsed), its link targets and its ids.

    Whitespace is collapsed because `gongshi build` minifies its pages; a
    script's or style's content is not visible text.
    """
    doc = lxml.html.fromstring(page.read_bytes())
    (article,) = doc.xpath("//article")
    for hidden in article.xpath(".//script | .//style"):
        hidden.drop_tree()  # keeps the text after it
    texts = [" ".join(run.split()) for run in article.xpath(".//text()")]
    return [t for t in texts if t], sorted(article.xpath(".//@href")), sorted(article.xpath(".//@id"))


def _two_plans(root: Path) -> None:
    """The shipped plan with its notices and reports, and a renamed copy with one open notice of its own."""
    notices = {p.name: p.read_text(encoding="utf-8") for p in sorted((REPO / "data" / "notices").glob("*.yaml"))}
    notices["2026-11-23-copy-task24.yaml"] = notices["2026-11-23-task24.yaml"].replace("plan: ordos-nmg-r2", "plan: ordos-copy")
    reports = {f"{p.stem}-ordos-nmg-r2.yaml": p.read_text(encoding="utf-8") for p in (REPO / "data" / "progress").glob("*.yaml")}
    data_tree(root, notices, reports, extra_plan=True)
    plan_yaml = root / "data" / "plans" / "ordos-copy" / "plan.yaml"
    text = plan_yaml.read_text(encoding="utf-8")
    plan_yaml.write_text(text.replace("title: 鄂尔多斯市贯彻落实", "title: 包头市贯彻落实", 1), encoding="utf-8")


def _shipped(root: Path) -> None:
    pass  # copy_project brings the shipped data


@dataclass(frozen=True)
class Builds:
    root: Path
    site: Path  # `gongshi build`: the MkDocs stage short-cut, then indexed and minified
    stage: Rendered  # the MkDocs stage as `gongshi build` runs it (build.run_mkdocs): content ready
    with_plugin: Rendered  # plain `mkdocs build` with the project's mkdocs.yml: the plugin generates content first
    plain_site: Path  # plain MkDocs build of the same content/, Material alone
    plain: Rendered


@pytest.fixture(scope="module", params=[_shipped, _two_plans], ids=["shipped", "two-plans"])
def builds(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Builds:
    make_data: Callable[[Path], None] = request.param
    base = tmp_path_factory.mktemp("shortcut")
    root = copy_project(base / "project", data=make_data is _shipped)
    make_data(root)
    build_site(root, AS_OF, root / "site", live=True)
    stage = _mkdocs_build(root, "mkdocs.yml", base / "stage", **{SKIP_PLUGIN_ENV: "1"})
    with_plugin = _mkdocs_build(root, "mkdocs.yml", base / "with-plugin", GONGSHI_AS_OF=AS_OF.isoformat())
    plain = _mkdocs_build(root, _without_gongshi_plugin(root), base / "plain")
    return Builds(root, root / "site", stage, with_plugin, base / "plain", plain)


@pytest.mark.e2e
def test_every_generated_page_takes_the_short_cut(builds: Builds) -> None:
    """Otherwise the comparisons below would prove nothing about it: each generated page's raw HTML is handed over,
    under `gongshi build` and under a plain `mkdocs build` with the plugin alike; hand-written pages never."""
    generated = {rel for rel in content.generated(builds.root / "content") if rel.endswith(".md")}
    assert len(generated) > 100
    assert {"guide.md", "search.md"}.isdisjoint(generated)
    assert builds.stage.short_cut == generated
    assert builds.with_plugin.short_cut == generated
    assert builds.plain.short_cut == frozenset()


@pytest.mark.e2e
def test_short_cut_and_plain_mkdocs_build_give_the_same_pages(builds: Builds) -> None:
    # Byte for byte: the HTML every page's content became, in the MkDocs stage of `gongshi build` and in
    # `mkdocs build` with the plugin, against the plain build.
    expected = builds.plain.content
    assert len(expected) > 100
    for short_cut in (builds.stage.content, builds.with_plugin.content):
        assert sorted(short_cut) == sorted(expected)
        assert [src for src in expected if short_cut[src] != expected[src]] == []

    # The published site: the same pages, and in every article the same text, links and ids.
    built, plain = _pages(builds.site), _pages(builds.plain_site)
    assert len(plain) > 100
    assert set(built) == set(plain)
    links = ids = 0
    for rel in sorted(plain):
        text, hrefs, found_ids = _article_facts(built[rel])
        assert (text, hrefs, found_ids) == _article_facts(plain[rel]), rel
        links, ids = links + len(hrefs), ids + len(found_ids)
    assert links > 1000 and ids > 500


@pytest.mark.e2e
def test_a_page_whose_placeholders_markdown_changed_is_rendered_whole(builds: Builds, tmp_path: Path) -> None:
    """The plugin never guesses: a placeholder it cannot find as Markdown left it makes it render the page again."""
    mangled = _mkdocs_build(builds.root, "mkdocs.yml", tmp_path / "site", mangle=True, **{SKIP_PLUGIN_ENV: "1"})
    assert mangled.short_cut == builds.stage.short_cut
    assert mangled.content == builds.plain.content


@pytest.mark.e2e
def test_short_cut_keeps_the_anchor_ids_mkdocs_validates_links_against(builds: Builds) -> None:
    """MkDocs collects ids from raw HTML for its anchor check; the plugin adds the same ids for the blocks it hands over."""
    config = (builds.root / "mkdocs.yml").read_text(encoding="utf-8")
    assert "- attr_list\n" in config and "- toc:" in config
    for rel in sorted(content.generated(builds.root / "content")):
        if not rel.endswith(".md"):
            continue
        text = get_data((builds.root / "content" / rel).read_text(encoding="utf-8"))[0]
        split = split_raw_blocks(text)
        assert split is not None
        whole, short = _markdown(), _markdown()
        assert restore_raw_blocks(short[0].convert(split[0]), split[1]) == whole[0].convert(text), rel
        assert anchor_ids(split[1]) | short[1].present_anchor_ids == whole[1].present_anchor_ids, rel


def _markdown() -> tuple[markdown.Markdown, _RawHTMLPreprocessor]:
    """Python-Markdown as MkDocs runs it for this project (mkdocs.yml's extensions), with MkDocs' raw-HTML id collector."""
    md = markdown.Markdown(extensions=["attr_list", "toc"], extension_configs={"toc": {"permalink": False}})
    ids = _RawHTMLPreprocessor()
    ids._register(md)
    return md, ids


# Pages in shapes the short cut cannot be sure of are left to Markdown whole; the others come out the same.
SHAPES = {
    "headings and blocks": ("# T\n\n<div class=\"a\">\n<p>x</p>\n</div>\n\n## H { #h }\n\n<table>\n<tr><td>1</td></tr>\n</table>\n", True),
    "nested same-named elements": ("# T\n\n<div>\n<div id=\"in\">\n<div>x</div>\n</div>\n</div>\n\n## H\n", True),
    "blank line inside a block": ("# T\n\n<div>\n<p>a</p>\n\n<p>b</p>\n</div>\n\ntext\n", True),
    "script with < in it": ("# T\n\n<div>\n<p id=\"c\">x</p>\n<script>\nif (a < b && c > d) { x = '<div>'; }\n</script>\n</div>\n", True),
    "block at the very end without newline": ("# T\n\n<div>x</div>", True),
    "unquoted and named anchors": ("# T\n\n<div id=top>\n<a name=\"n\" href=\"#top\">x</a>\n</div>\n", True),
    "text after the end tag": ("# T\n\n<div>x</div> tail\n\nmore\n", False),
    "closes mid-line": ("# T\n\n<div>x</div><p>y</p>\n\nmore\n", False),
    "no blank line before": ("# T\n<div>x</div>\n\nmore\n", False),
    "no blank line after": ("# T\n\n<div>x</div>\nmore\n", False),
    "comment": ("# T\n\n<div>\n<!-- </div> -->\n</div>\n", False),
    "self-closed element": ("# T\n\n<div>\n<div/>\n</div>\n", False),
    "never closed": ("# T\n\n<div>\n<p>x</p>\n", False),
    "html in a markdown line": ("# T <span>x</span>\n\n<div>x</div>\n", False),
    "inline element at line start": ("# T\n\n<span>x</span>\n", False),
    "script holding an end tag": ("# T\n\n<div>\n<script>var s = '</div>';</script>\n</div>\n", False),
    "tab": ("# T\n\n<div>\n\t<p>x</p>\n</div>\n", False),
    "line of spaces inside": ("# T\n\n<div>\n   \n<p>x</p>\n</div>\n", False),
    "the placeholder's own word": ("# T\n\nGONGSHIRAWHTML0\n\n<div>x</div>\n", False),
}


@pytest.mark.parametrize("name", SHAPES)
def test_a_page_is_short_cut_only_in_the_shape_whose_output_is_certain(name: str) -> None:
    text, taken = SHAPES[name]
    split = split_raw_blocks(text)
    assert (split is not None) == taken
    if split is not None:
        whole, short = _markdown(), _markdown()
        expected = whole[0].convert(text)
        assert restore_raw_blocks(short[0].convert(split[0]), split[1]) == expected
        assert anchor_ids(split[1]) | short[1].present_anchor_ids == whole[1].present_anchor_ids
        assert PLACEHOLDER not in expected


def test_a_placeholder_markdown_moved_is_refused_rather_than_guessed() -> None:
    """If some extension changed a placeholder paragraph, the plugin renders the page whole instead."""
    assert restore_raw_blocks("<p>GONGSHIRAWHTML0</p>\n<p>GONGSHIRAWHTML1</p>", ["<div>a</div>\n", "<div>b</div>\n"]) == (
        "<div>a</div>\n\n<div>b</div>"
    )
    assert restore_raw_blocks("<p><em>GONGSHIRAWHTML0</em></p>", ["<div>a</div>\n"]) is None
    assert restore_raw_blocks("<p>GONGSHIRAWHTML0</p><p>GONGSHIRAWHTML0</p>", ["<div>a</div>\n"]) is None
    assert restore_raw_blocks("", ["<div>a</div>\n"]) is None


# ---------------------------------------------------------------- the 旗区 list's nav label


def _nav(root: Path, label: str):
    """MkDocs' navigation of root's mkdocs.yml with the 旗区 list's entry labelled `label`, relabelled by the plugin."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files
    from mkdocs.structure.nav import get_navigation

    config_text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  - 旗区: banners/index.md\n" in config_text
    (root / "mkdocs-nav.yml").write_text(config_text.replace("  - 旗区: banners/index.md", f"  - {label}: banners/index.md"),
                                         encoding="utf-8")
    config = load_config(str(root / "mkdocs-nav.yml"))
    nav = get_navigation(get_files(config), config)
    relabel_banners_nav(nav, root)
    return {page.file.src_uri: page.title for page in nav.pages}


def test_the_banners_nav_label_says_the_plans_word_unless_a_webmaster_wrote_another(tmp_path: Path) -> None:
    from conftest import county_tree

    from generator.build import generate_content

    root = county_tree(copy_project(tmp_path / "project", data=False))
    generate_content(root, AS_OF, "")
    titles = _nav(root, "旗区")
    assert titles["banners/index.md"] == "县（市、区）"
    assert titles["units/index.md"] == "单位"  # no other entry is touched
    assert _nav(root, "县区")["banners/index.md"] == "县区"  # the webmaster's own label stays
    (root / "overrides" / SUBUNIT_WORD_PARTIAL).unlink()
    assert _nav(root, "旗区")["banners/index.md"] == "旗区"  # the theme not generated: the label as written
    data = copy_project(tmp_path / "shipped")  # the shipped plan: 旗区 stays 旗区
    generate_content(data, AS_OF, "")
    assert _nav(data, "旗区")["banners/index.md"] == "旗区"


@pytest.mark.e2e
def test_a_site_of_counties_names_them_in_the_nav_404_and_search_pages(tmp_path: Path) -> None:
    """subunit_word 县（市、区）: the nav tab, the 旗区 list's <title>, 404.html and the search page's fallback say so."""
    from conftest import county_tree

    root = county_tree(copy_project(tmp_path / "project", data=False))
    build_site(root, AS_OF, root / "site", live=True)
    site = root / "site"
    home = lxml.html.fromstring((site / "index.html").read_bytes())
    tabs = [" ".join(a.text_content().split()) for a in home.xpath("//*[contains(@class, 'md-tabs__link')]")]
    assert "县（市、区）" in tabs and "旗区" not in tabs
    banners = lxml.html.fromstring((site / "banners" / "index.html").read_bytes())
    assert banners.findtext(".//title").startswith("县（市、区） - ")
    missing = " ".join(lxml.html.fromstring((site / "404.html").read_bytes()).text_content().split())
    assert "按县（市、区）、单位、整改时限和状态查找" in missing
    search = (site / "search" / "index.html").read_text(encoding="utf-8")
    assert ">县（市、区）</a>和<a" in search
    # Nothing the generator or the theme shows says 旗区 (the hand-written guide.md and search.md are the city's to word)
    shown = ["404.html"] + [
        rel[: -len("index.md")] + "index.html" for rel in content.generated(root / "content") if rel.endswith("index.md")
    ]
    assert len(shown) > 20 and [rel for rel in shown if "旗区" in _visible_text(site / rel)] == []


def _visible_text(page: Path) -> str:
    doc = lxml.html.fromstring(page.read_bytes())
    for hidden in doc.xpath("//script | //style"):
        hidden.drop_tree()
    return doc.text_content()
