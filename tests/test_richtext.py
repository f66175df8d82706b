"""richtext: officers' Markdown becomes paragraphs, lists and safe links only."""

from __future__ import annotations

from html.parser import HTMLParser

from generator.richtext import inline, render


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Tags()
    parser.feed(html)
    return parser.tags


def test_paragraphs_and_lists() -> None:
    assert tags(render("第一段\n\n- 甲\n- 乙")) == [("p", {}), ("ul", {}), ("li", {}), ("li", {})]


def test_raw_html_is_shown_as_text() -> None:
    html = render('完成<script>alert(1)</script><img src=x onerror="y">')
    assert tags(html) == [("p", {})]
    assert "&lt;script&gt;" in html


def test_only_safe_link_schemes_survive() -> None:
    html = render("[a](https://x.cn/?a=1&b=2) [b](javascript:alert(1)) [c](tel:0477) [d](data:text/html,x)")
    links = [attrs["href"] for tag, attrs in tags(html) if tag == "a"]
    assert links == ["https://x.cn/?a=1&b=2", "tel:0477"]


def test_headings_and_images_are_not_interpreted() -> None:
    assert tags(render("# 标题\n\n![图](http://x/y.png)\n\n---")) == [("p", {}), ("p", {}), ("p", {})]


def test_inline_escapes_markdown_and_html() -> None:
    assert str(inline("a*b_[c](d)<e>")) == "a&#42;b&#95;&#91;c&#93;&#40;d&#41;&#60;e&#62;"
