"""checks: what a built site must pass before it replaces the published one."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator import site_checks
from generator.minify import minify_html, minify_site
from generator.site_checks import _may_load_elsewhere, _Withheld, check_site, external_loads, normalised_text

SITE_URL = "https://www.ordos.gov.cn/zt/ducha/"


def test_external_loads_finds_other_hosts_only() -> None:
    html = (
        '<link rel="stylesheet" href="../assets/a.css"><link rel="alternate" href="https://x.org/feed.xml">'
        '<script src="https://cdn.example.com/x.js"></script><img src="//fonts.example.com/f.png">'
        '<img src="https://www.ordos.gov.cn/zt/ducha/logo.png"><a href="https://elsewhere.cn/">x</a>'
    )
    found = external_loads(html, SITE_URL + "tasks/", SITE_URL)
    assert found == ["https://cdn.example.com/x.js", "//fonts.example.com/f.png"]


def make_site(tmp_path: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    return tmp_path


def test_queued_notice_text_is_found_in_pages_and_segmented_search_index(tmp_path: Path) -> None:
    text = "一是鄂托克前旗餐厨垃圾处理设施项目已建成。\n\n二是建立餐厨垃圾收运体系。"
    index = {"docs": [{"text": "一是\u200b鄂托克前旗\u200b餐厨垃圾\u200b处理设施\u200b项目\u200b已\u200b建成。"}]}
    site = make_site(
        tmp_path,
        {
            "index.html": "<p>无关</p>",
            "a/index.html": "<p>二是建立\n餐厨垃圾收运体系。</p>",
            "search/search_index.json": json.dumps(index, ensure_ascii=True),
        },
    )
    problems = check_site(site, SITE_URL, {"queued notice data/notices/x.yaml": [text]})
    assert problems == [
        "site/a/index.html：在开始日期之前出现了queued notice data/notices/x.yaml",
        "site/search/search_index.json：在开始日期之前出现了queued notice data/notices/x.yaml",
    ]


def _pagefind_fragment(data: object) -> bytes:
    """A fragment as Pagefind writes one: gzip of its signature and the JSON."""
    import gzip

    return gzip.compress(b"pagefind_dcd" + json.dumps(data, ensure_ascii=False).encode("utf-8"))


def test_queued_notice_text_is_found_in_the_search_fragments(tmp_path: Path) -> None:
    text = "一是鄂托克前旗餐厨垃圾处理设施项目已建成。"
    segmented = "\u200b".join(["一是", "鄂托克前旗", "餐厨垃圾", "处理设施", "项目", "已", "建成。"])
    site = make_site(tmp_path, {"index.html": "<p>无关</p>"})
    fragments = site / "pagefind" / "fragment"
    fragments.mkdir(parents=True)
    (fragments / "zh-cn_a.pf_fragment").write_bytes(_pagefind_fragment({"url": "/a/", "content": "无关", "meta": {}}))
    (fragments / "zh-cn_b.pf_fragment").write_bytes(_pagefind_fragment({"url": "/b/", "content": segmented, "meta": {}}))
    (fragments / "zh-cn_c.pf_fragment").write_bytes(b"not gzip")
    problems = check_site(site, SITE_URL, {"queued notice data/notices/x.yaml": [text]})
    assert problems == [
        "site/pagefind/fragment/zh-cn_c.pf_fragment：格式不正确：not gzip: Not a gzipped file (b'no')",
        "site/pagefind/fragment/zh-cn_b.pf_fragment：在开始日期之前出现了queued notice data/notices/x.yaml",
    ]


def test_malformed_feed_and_json_are_refused(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"feed.xml": "<rss><channel></rss>", "api/x.json": "{", "ok.xml": "<a/>"})
    problems = check_site(site, SITE_URL)
    assert [p.split("：")[0] for p in problems] == ["site/api/x.json", "site/feed.xml"]


def test_queued_notice_text_is_found_in_feeds_and_calendar_despite_their_escaping(tmp_path: Path) -> None:
    """A feed description is HTML escaped again inside XML; an .ics line is folded and backslash-escaped."""
    text = "异议<核实>中, 鄂托克前旗餐厨垃圾&处理; 设施"
    site = make_site(
        tmp_path,
        {
            "feed.xml": "<rss><d>异议&amp;lt;核实&amp;gt;中, 鄂托克前旗餐厨垃圾&amp;amp;处理; 设施</d></rss>",
            "notices.ics": "DESCRIPTION:异议<核实>中\\, 鄂托克前旗餐厨垃圾&处理\\\r\n ; 设施\r\n",
            "atom.xml": "<feed><d>异议&amp;lt;核实&amp;gt;中</d></feed>",
        },
    )
    problems = check_site(site, SITE_URL, {"queued notice x": [text]})
    assert problems == [
        "site/feed.xml：在开始日期之前出现了queued notice x",
        "site/notices.ics：在开始日期之前出现了queued notice x",
    ]


def test_checking_on_several_cores_finds_the_same_problems_in_the_same_order(tmp_path: Path) -> None:
    files = {f"p{i:03}/index.html": "<p>无关</p>" for i in range(100)}
    files |= {
        "p050/index.html": '<script src="https://cdn.example.com/x.js"></script><p>鄂托克前旗餐厨垃圾处理设施</p>',
        "p007/index.html": '<img src="//img.example.com/a.png">',
        "api/x.json": "{",
    }
    site = make_site(tmp_path, files)
    withheld = {"queued notice x": ["鄂托克前旗餐厨垃圾处理设施"]}
    serial = check_site(site, SITE_URL, withheld, workers=1)
    assert serial == [
        "site/p007/index.html：从其他网站加载 //img.example.com/a.png",
        "site/p050/index.html：从其他网站加载 https://cdn.example.com/x.js",
        "site/api/x.json：格式不正确：Expecting property name enclosed in double quotes: line 1 column 2 (char 1)",
        "site/p050/index.html：在开始日期之前出现了queued notice x",
    ]
    assert check_site(site, SITE_URL, withheld, workers=2) == serial


PAGE_WITHOUT_OUTSIDE_LOADS = (
    '<!doctype html><html><head><link rel="canonical" href="https://www.ordos.gov.cn/zt/ducha/tasks/">'
    '<link rel="stylesheet" href="../assets/main.css"><script src="../assets/bundle.js"></script></head>'
    '<body><svg xmlns="http://www.w3.org/2000/svg" viewbox="0 0 24 24"><path d="M1 2"/></svg>'
    '<a href="https://www.ordos.gov.cn/zt/ducha/">首页</a><img src="https://www.ordos.gov.cn/zt/ducha/logo.png"></body></html>'
)


def test_pages_without_a_possible_outside_load_are_not_parsed(monkeypatch) -> None:
    def no_parsing() -> None:
        raise AssertionError("parsed a page that cannot load from another host")

    monkeypatch.setattr(site_checks, "_Loads", no_parsing)
    assert external_loads(PAGE_WITHOUT_OUTSIDE_LOADS, SITE_URL + "tasks/", SITE_URL) == []


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        # Slashes the parser unescapes, or that urlsplit joins once tabs, line breaks or vanishing characters go
        ('<img src="&#47;&#47;cdn.example.com/a.png">', ["//cdn.example.com/a.png"]),
        ('<img src="&sol;&#x2F;cdn.example.com/a.png">', ["//cdn.example.com/a.png"]),
        ('<img src="/&#1;/cdn.example.com/a.png">', ["//cdn.example.com/a.png"]),
        ('<img src="https:/&#1;/cdn.example.com/a.png">', ["https://cdn.example.com/a.png"]),
        ('<img srcset="a.png 1x,HTTPS:&#47;/cdn.example.com/b.png 2x">', ["HTTPS://cdn.example.com/b.png"]),
        ('<p style="//cdn.example.com/a.png url(x)">', ["//cdn.example.com/a.png url(x)"]),
        # A namespace beside a real load, and hosts that only start like the site's own
        ('<img xmlns="http://www.w3.org/2000/svg" src="//cdn.example.com/a.png">', ["//cdn.example.com/a.png"]),
        ('<img src="https://www.ordos.gov.cn.example.com/a.png">', ["https://www.ordos.gov.cn.example.com/a.png"]),
        ('<img src="https://www.ordos.gov.cn:8443/a.png">', ["https://www.ordos.gov.cn:8443/a.png"]),
        ('<img src="https://www.ordos.gov.cn//cdn.example.com/a.png">', []),
        ("<img src='xmlns=\"http://cdn.example.com/a.png'>", []),
        (PAGE_WITHOUT_OUTSIDE_LOADS, []),
    ],
)
def test_the_shortcut_finds_what_the_parser_finds(html: str, expected: list[str]) -> None:
    assert site_checks._parsed_loads(html, SITE_URL + "tasks/", SITE_URL) == expected
    assert external_loads(html, SITE_URL + "tasks/", SITE_URL) == expected


def test_the_shortcut_agrees_with_the_parser_on_random_pages() -> None:
    rng = random.Random(11)
    slash = ["/", "/", "&#47;", "&#047", "&sol;", "&#x2f;"]
    between = ["", "", "\t", "\n", "&#1;", "&Tab;", "&NewLine;", " "]
    scheme = ["", "", "https:", "HTTP:", "x-y:", " https:", 'xmlns="http:', "data:"]
    host = ["cdn.example.com", "www.ordos.gov.cn", "www.ordos.gov.cn.example.com", "www.w3.org", ""]
    tags = ["img", "IMG", "script", "link", "iframe", "source", "object", "a", "svg", "p"]
    attributes = ["src", "SRC", "href", "srcset", "data", "style", "xmlns", "xmlns:xlink", "rel"]
    extra = ["", ' rel="canonical"', ' rel="stylesheet"', ' xmlns="http://www.w3.org/2000/svg"']
    for _ in range(3000):
        tags_html = []
        for _ in range(rng.randint(1, 3)):
            url = rng.choice(scheme) + rng.choice(slash) + rng.choice(between) + rng.choice(slash) + rng.choice(host)
            value = rng.choice(["", "a.png 1x, ", "url(", "x,"]) + url + rng.choice(["/a.png", "?x", "#y", ""])
            quote = rng.choice(['"', "'", ""])
            tags_html.append(f"<{rng.choice(tags)}{rng.choice(extra)} {rng.choice(attributes)}={quote}{value}{quote}>")
        page = "".join(tags_html)
        assert external_loads(page, SITE_URL + "p/", SITE_URL) == site_checks._parsed_loads(page, SITE_URL + "p/", SITE_URL), page


def test_every_label_is_reported_when_withheld_texts_overlap_nest_or_are_shared(tmp_path: Path) -> None:
    """One regex finds all texts: a text inside, or overlapping, another one found first still counts."""
    page = "<p>一是鄂托克前旗餐厨垃圾处理设施项目已建成。</p>"
    withheld = {
        "queued notice a": ["鄂托克前旗餐厨垃圾处理"],
        "queued notice b": ["餐厨垃圾处理设施项目已建成"],  # starts inside a's match
        "queued notice c": ["托克前旗餐厨垃圾处"],  # lies wholly inside a's match
        "queued notice d": ["不在任何页面上的一段文字", "鄂托克前旗餐厨垃圾处理"],  # shares a's text
        "queued notice e": ["不在任何页面上的一段文字"],
    }
    site = make_site(tmp_path, {"index.html": page})
    assert check_site(site, SITE_URL, withheld) == [
        f"site/index.html：在开始日期之前出现了queued notice {label}" for label in "abcd"
    ]


def test_one_pass_over_withheld_texts_finds_what_a_search_per_text_finds() -> None:
    rng = random.Random(7)
    for _ in range(300):
        needles = {
            f"label {i}": ["".join(rng.choice("ab") for _ in range(rng.randint(8, 11))) for _ in range(rng.randint(1, 3))]
            for i in range(rng.randint(1, 6))
        }
        text = "".join(rng.choice("ab") for _ in range(rng.randint(0, 40)))
        found: set[str] = set()
        _Withheld(needles).add_labels_in(text, found)
        assert found == {label for label, texts in needles.items() if any(t in text for t in texts)}, (needles, text)


def test_checks_read_the_minified_pages_and_every_other_file(tmp_path: Path) -> None:
    files = {f"p{i:03}/index.html": f"<p>第{i}项\n   整改</p>" for i in range(80)}
    files |= {
        "p050/index.html": '<script src="https://cdn.example.com/x.js"></script>\n<p>鄂托克前旗餐厨垃圾处理设施</p>',
        "p007/index.html": '<img  src="//img.example.com/a.png">\n\n<!-- note -->',
        "api/x.json": "{",
        "feed.xml": "<rss>  <d>鄂托克前旗餐厨垃圾处理设施</d>  </rss>",
    }
    withheld = {"queued notice x": ["鄂托克前旗餐厨垃圾处理设施"]}
    site = make_site(tmp_path / "site", files)
    saved = minify_site(site, workers=2)
    problems = check_site(site, SITE_URL, withheld, workers=2)
    assert saved > 0 and problems == [
        "site/p007/index.html：从其他网站加载 //img.example.com/a.png",
        "site/p050/index.html：从其他网站加载 https://cdn.example.com/x.js",
        "site/api/x.json：格式不正确：Expecting property name enclosed in double quotes: line 1 column 2 (char 1)",
        "site/feed.xml：在开始日期之前出现了queued notice x",
        "site/p050/index.html：在开始日期之前出现了queued notice x",
    ]


@pytest.mark.parametrize("src", ["\\\\evil.example\\x.png", "/\\evil.example/x.png", "\\/evil.example/x.png", "&#92;&#92;evil.example/x.png"])
def test_backslashes_count_as_slashes_as_browsers_read_them(src: str) -> None:
    page = f'<p>整改</p><img src="{src}">'
    assert external_loads(page, SITE_URL + "tasks/", SITE_URL) == [src.replace("&#92;", "\\")]


# A title or textarea is text to a browser (RCDATA): minify-html writes its "<" as it is where that
# cannot end the element, and the checks must read it as the browser does.
EVIL = "https://evil.example/x.js"


@pytest.mark.parametrize(
    "head",
    [
        f"<title>第1项 &lt;script src=&quot;{EVIL}&quot;&gt;&lt;/script&gt;</title>",
        "<title>&lt;img src=//evil.example/a.png&gt;&lt;!--</title>",
        f"<title>&lt;/ title&gt;&lt;script src={EVIL}&gt;</title>",
        f'<title>x</title><textarea>&lt;/textarea x&gt;&lt;iframe src="{EVIL}"&gt;</textarea>',
    ],
)
def test_title_and_textarea_hold_text_not_loads_once_minified(head: str) -> None:
    page = minify_html(f"<!doctype html><html><head>{head}</head><body><p>整改</p></body></html>")
    assert "<title>" in page and "evil.example" in page and "&lt;script" not in page.split("</title>")[0]
    assert external_loads(page, SITE_URL + "tasks/", SITE_URL) == []


@pytest.mark.parametrize(
    "page",
    [
        # A load after the title, and one after a title whose text would open a comment if read as markup
        f'<title>第1项</title><script src="{EVIL}"></script>',
        f'<title><!--</title><script src="{EVIL}"></script>-->',
        f'<TITLE>a</Title><textarea><!--</TEXTAREA><script src="{EVIL}"></script>-->',
        # End tags a browser reads one way and older HTMLParsers another
        f'<title>a</title x><script src="{EVIL}"></script>',
        f'<title>a</title/><script src="{EVIL}"></script>',
        f'<title>a</ title><!--</title><script src="{EVIL}"></script>-->',
        f'<script>var a = 1;</ script><!--</script><script src="{EVIL}"></script>-->',
    ],
)
def test_a_load_after_a_title_is_found_however_it_is_written(page: str) -> None:
    assert external_loads(page, SITE_URL + "tasks/", SITE_URL) == [EVIL]
    assert external_loads(minify_html(page), SITE_URL + "tasks/", SITE_URL) == [EVIL]


@pytest.mark.parametrize("tag", ["iframe", "noembed", "noframes", "xmp"])
def test_other_raw_text_elements_hold_text_up_to_their_end_tag(tag: str) -> None:
    """Raw text to a browser as well (minify-html would read the comment as one and drop it all)."""
    page = f'<{tag}><!--</{tag}><script src="{EVIL}"></script>-->'
    assert external_loads(page, SITE_URL + "tasks/", SITE_URL) == [EVIL]


@pytest.mark.parametrize("tag", ["title", "textarea", "script"])
def test_a_self_closed_text_element_still_holds_text_up_to_its_end_tag(tag: str) -> None:
    """A browser ignores the "/" of `<title/>`: what follows is the title's text up to </title>."""
    page = f'<{tag}/><!--</{tag}><script src="{EVIL}"></script>-->'
    assert external_loads(page, SITE_URL + "tasks/", SITE_URL) == [EVIL]


def test_withheld_text_is_found_in_a_minified_title_whose_entities_are_decoded(tmp_path: Path) -> None:
    text = "异议<核实>中&鄂托克前旗餐厨垃圾处理设施"
    escaped = "异议&lt;核实&gt;中&amp;鄂托克前旗餐厨垃圾处理设施"
    site = make_site(tmp_path, {"index.html": f"<!doctype html><html><head><title>{escaped}</title></head></html>"})
    minify_site(site)
    problems = check_site(site, SITE_URL, {"queued notice x": [text]})
    assert "<title>异议<核实>中&鄂托克前旗" in (site / "index.html").read_text(encoding="utf-8")
    assert problems == ["site/index.html：在开始日期之前出现了queued notice x"]


def test_a_minified_svg_namespace_is_no_load_and_needs_no_parse() -> None:
    """minify-html drops the quotes of xmlns="http://…": the quick test must still see it is no load."""
    page = minify_html('<p><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><path d="M0 0"/></svg></p>')
    assert "xmlns=http://" in page
    assert not _may_load_elsewhere(page, "www.ordos.gov.cn")
    loading = minify_html(f'<p><svg xmlns="http://www.w3.org/2000/svg"></svg><img src="{EVIL}"></p>')
    assert _may_load_elsewhere(loading, "www.ordos.gov.cn")
    assert external_loads(loading, SITE_URL + "tasks/", SITE_URL) == [EVIL]


@given(st.text(alphabet=st.sampled_from(list("整改 \t\n\r\x0b\x0c\u3000\u00a0\u2028\u200b\u1680ab\u2009"))))
def test_normalised_text_drops_what_a_regex_for_whitespace_drops(text: str) -> None:
    assert normalised_text(text) == re.sub(r"[\s\u200b]+", "", text)
