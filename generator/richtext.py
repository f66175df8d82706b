"""Officers' text made safe for a government page.

Text fields are Markdown paragraphs and lists only: raw HTML is shown as
text, headings, images and horizontal rules are not interpreted, and links
keep only the http, https, mailto and tel schemes. The result is HTML that
the page templates embed as it is.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup, escape

SAFE_SCHEMES = ("http:", "https:", "mailto:", "tel:")


class _LinkGuard(Treeprocessor):
    """Unwraps links whose target is not a safe scheme, keeping their text."""

    def run(self, root: etree.Element) -> None:
        for parent in root.iter():
            for index, child in enumerate(list(parent)):
                if child.tag != "a":
                    continue
                href = (child.get("href") or "").strip()
                if href.lower().startswith(SAFE_SCHEMES):
                    child.attrib = {"href": href}
                    continue
                span = etree.Element("span")
                span.text, span.tail = child.text, child.tail
                span.extend(list(child))
                parent.remove(child)
                parent.insert(index, span)


class _PlainText(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.deregister("html_block")
        for name in ("html", "image_link", "image_reference", "short_image_ref", "entity", "autolink", "automail"):
            if name in md.inlinePatterns:
                md.inlinePatterns.deregister(name)
        for name in ("hashheader", "setextheader", "hr", "code"):
            if name in md.parser.blockprocessors:
                md.parser.blockprocessors.deregister(name)
        md.treeprocessors.register(_LinkGuard(md), "gongshi_link_guard", 1)


_MD = markdown.Markdown(extensions=[_PlainText()], output_format="html")


def render(text: str) -> Markup:
    """Markdown paragraphs and lists → safe HTML, on one line.

    The HTML is embedded in a Markdown page, where a line of the officer's
    text starting with ``` or ~~~ would open a code fence across the page's
    HTML; inside <p> and <li> a line break is only a space, so none is kept.
    """
    _MD.reset()
    source = str(escape(text)).replace("&#39;", "'").replace("&#34;", '"')
    return Markup(_MD.convert(source).replace("\n", " "))


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>&~])")


def inline(text: str) -> Markup:
    """Plain text for a Markdown line (a heading): on one line, every Markdown character escaped."""
    text = re.sub(r"[\r\n]+", " ", text)
    return Markup(_MD_SPECIAL.sub(lambda m: f"&#{ord(m.group(1))};", text))
