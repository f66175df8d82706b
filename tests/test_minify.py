"""minify: smaller pages that read the same, on every core."""

from __future__ import annotations

from pathlib import Path

import lxml.html

from generator.minify import minify_html, minify_site

PAGE = """<!doctype html>
<html lang="zh-CN">
  <head>
    <title>第12项整改任务</title>
    <!-- a comment -->
  </head>
  <body>
    <p>整改目标：<strong>完成</strong> <em>治理</em>
       工作。</p>
    <pre>  一行
    两行  </pre>
    <textarea>  原样  </textarea>
  </body>
</html>
"""


def text_of(html: str, xpath: str) -> str:
    return lxml.html.fromstring(html).xpath(xpath)[0].text_content()


def test_minified_page_reads_the_same() -> None:
    small = minify_html(PAGE)
    assert len(small) < len(PAGE)
    assert "<!--" not in small
    assert text_of(small, "//pre") == text_of(PAGE, "//pre")
    assert text_of(small, "//textarea") == "  原样  "
    # The space between two inline elements stays; the line break in running text becomes one space.
    assert text_of(small, "//p") == "整改目标：完成 治理 工作。"


def test_minified_page_keeps_every_element_and_its_closing_tag() -> None:
    """Valid HTML read the same way: no end tag or <html>/<head> start tag left for the browser to imply."""
    small = minify_html(PAGE)
    assert small.startswith("<!doctype html><html lang=zh-CN><head><title>")

    def elements(html: str) -> list[str]:
        return [el.tag for el in lxml.html.fromstring(html).iter() if isinstance(el.tag, str)]

    assert elements(small) == elements(PAGE)
    for tag in ("html", "head", "title", "body", "p", "strong", "em", "pre", "textarea"):
        assert small.count(f"</{tag}>") == PAGE.count(f"</{tag}>") == 1, tag


def test_whitespace_alone_between_two_blocks_children_goes() -> None:
    """What templates must not rely on: a space that is the whole text between two children of a <div>
    or <ul> is dropped, so words there need a visible separator (inside a <p> or <li> it stays)."""
    assert minify_html("<div><a>甲</a> <a>乙</a></div>") == "<div><a>甲</a><a>乙</a></div>"
    assert minify_html("<ul><li>甲</li>\n<li>乙</li></ul>") == "<ul><li>甲</li><li>乙</li></ul>"
    assert minify_html("<p><a>甲</a> <a>乙</a></p>") == "<p><a>甲</a> <a>乙</a></p>"
    assert minify_html("<li><a>甲</a> <a>乙</a></li>") == "<li><a>甲</a> <a>乙</a></li>"


def test_every_page_is_minified_in_place_on_several_cores(tmp_path: Path) -> None:
    pages = [tmp_path / "404.html"] + [tmp_path / f"p{i}" / "index.html" for i in range(12)]
    for page in pages:
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(PAGE, encoding="utf-8")
    (tmp_path / "feed.xml").write_text("<rss>  </rss>", encoding="utf-8")
    saved = minify_site(tmp_path, workers=2)
    assert saved == len(pages) * (len(PAGE.encode()) - len(minify_html(PAGE).encode()))
    assert {p.read_text(encoding="utf-8") for p in pages} == {minify_html(PAGE)}
    assert (tmp_path / "feed.xml").read_text(encoding="utf-8") == "<rss>  </rss>"
