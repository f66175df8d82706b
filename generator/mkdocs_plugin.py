"""A convenience: plain `mkdocs build` and `mkdocs serve` run the generator first.

Everything real lives in `build.generate_content`; this plugin only calls it,
so the same content can be built by any builder that reads mkdocs.yml. Under
`gongshi build` it also leaves out the pages the build takes from the live
site or has another MkDocs process build (`reused`, see reuse.py and
build.run_mkdocs_sharded), keeping them in MkDocs' sitemap.

It also spares MkDocs re-reading HTML the generator already rendered. A
generated page is a few Markdown headings between raw HTML blocks, and
Python-Markdown runs HTMLParser over every page to find where each block ends
(its `html_block` preprocessor), then MkDocs runs it once more to collect ids
for anchor validation: most of the MkDocs stage at region scale. Yet a raw
block comes out of Python-Markdown verbatim: the text from its start tag to
the end tag that closes it, plus a newline when a blank line follows. So, for
the pages the generator wrote (its manifest, `content.generated`), each block
is swapped for a one-word paragraph before Markdown runs (`on_page_markdown`)
and put back in that paragraph's place after (`on_page_content`), its ids added
to the page's anchors. Headings and any other Markdown still go through
Markdown, so titles, table of contents and attr_list ids are MkDocs' own, and
hand-written pages are not touched at all.

What this relies on, and checks before it acts (otherwise the page goes
through Markdown whole, as in a plain build): a block starts with a
block-level tag at the start of a line after a blank line, ends at the end of
a line where the element closes, and is followed by a blank line; its
elements of the same name nest properly; it holds no comment, declaration or
processing instruction, and <script>/<style>/<textarea>/<title> contents
carry no end tag; and the lines between blocks hold no HTML at all. The
generator's templates write exactly this shape. `content/` itself is never
changed: a plain `mkdocs build` without this plugin renders the same pages,
which tests/test_mkdocs_plugin.py proves page by page.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path
from typing import NoReturn

from markdown.htmlparser import htmlparser  # type: ignore[attr-defined]  # its patched copy, as MkDocs uses
from markdown.util import BLOCK_LEVEL_ELEMENTS
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files, InclusionLevel

from . import atomicfile, content, publication_record, sitedir, urls
from . import messages as M
from .asof import AsOfError, resolve_as_of
from .buildlock import project_lock
from .errors import DataError
from .generate import SKIP_PLUGIN_ENV, Generated, generate_content
from .pages import SUBUNIT_WORD_PARTIAL
from .schema import SUBUNIT_WORD
from .search import SearchIndexError, index_site

log = logging.getLogger("mkdocs.plugins.gongshi")


# ---------------------------------------------------------------- raw HTML blocks past Markdown

# The paragraph standing in for block N is TOKEN + N: letters and digits, which no Markdown syntax touches.
_TOKEN = "GONGSHIRAWHTML"
_PLACEHOLDER = re.compile(_TOKEN + r"(\d+)")
_PLACEHOLDER_PARAGRAPH = re.compile(rf"<p>{_TOKEN}(\d+)</p>")
# `hr` is the one block-level tag Python-Markdown treats as empty: it never opens a block with content.
_BLOCK_LEVEL = frozenset(BLOCK_LEVEL_ELEMENTS) - {"hr"}
_BLOCK_START = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)(?=[\s>])")
# Elements whose content HTMLParser reads as text (script, style; title and textarea in newer Pythons).
_RAW_TEXT = re.compile(r"<(script|style|textarea|title)(?=[\s/>])[^>]*>", re.IGNORECASE)
# What HTMLParser would read as a comment, declaration, processing instruction or Python-Markdown's `</>`.
_NOT_A_TAG = re.compile(r"<[!?]|</>")
_ANCHOR_ATTR = re.compile(r"\s(?:id|name)\s*=", re.IGNORECASE)


def split_raw_blocks(text: str) -> tuple[str, list[str]] | None:
    """The page with each raw HTML block replaced by a placeholder paragraph, and the blocks as Markdown emits them.

    None when any part of the page is not in the shape the module docstring
    describes: then nothing is replaced, and Markdown reads the page whole.
    """
    if _TOKEN in text or any(c in text for c in "\t\r\x02\x03"):
        return None  # Markdown rewrites tabs, CRs and its own STX/ETX markers before it stashes a block
    masked = _mask_raw_text(text)
    if masked is None:
        return None
    lines, seen = text.split("\n"), masked.split("\n")
    kept: list[str] = []
    blocks: list[str] = []
    i = 0
    while i < len(lines):
        if "<" not in seen[i]:
            kept.append(lines[i])
            i += 1
            continue
        start = _BLOCK_START.match(seen[i])
        if start is None or start[1].lower() not in _BLOCK_LEVEL or (i and lines[i - 1] != ""):
            return None
        end = _block_end(seen, i, start[1])
        if end is None or (end + 1 < len(lines) and lines[end + 1] != ""):
            return None
        block = lines[i : end + 1]
        if any(line.strip(" ") == "" for line in block if line) or _NOT_A_TAG.search("\n".join(seen[i : end + 1])):
            return None  # Markdown would empty a line of spaces; HTMLParser reads <! and <? its own way
        kept.append(f"{_TOKEN}{len(blocks)}")
        blocks.append("\n".join(block) + "\n")
        i = end + 1
    return "\n".join(kept), blocks


def _mask_raw_text(text: str) -> str | None:
    """`text` with the content of each script, style, textarea and title element blanked out.

    HTMLParser reads that content as text up to the element's end tag, so a
    tag-like `<` in it is no tag. None when such content holds anything at
    which parsers differ: an end tag or comment, or in title or textarea any `<`.
    """
    parts: list[str] = []
    pos = 0
    while (opened := _RAW_TEXT.search(text, pos)) is not None:
        name = opened[1].lower()
        close = text.find("</", opened.end())
        if close < 0 or not re.match(rf"</{name}\s*>", text[close:], re.IGNORECASE):
            return None
        body = text[opened.end() : close]
        if "<!--" in body or (name in ("title", "textarea") and "<" in body):
            return None
        parts += [text[pos : opened.end()], re.sub(r"[^\n]", " ", body)]
        pos = close
    parts.append(text[pos:])
    return "".join(parts)


def _block_end(lines: list[str], first: int, tag: str) -> int | None:
    """The line on whose end the element opened at the start of `lines[first]` closes; None if it closes mid-line.

    Python-Markdown's block ends when its stack of open tags empties, which is
    at the end tag matching the first start tag when same-named elements nest.
    """
    pattern = re.compile(rf"<(/?){tag}(?=[\s/>])[^>]*>", re.IGNORECASE)
    depth = 0
    for j in range(first, len(lines)):
        for found in pattern.finditer(lines[j]):
            if found[0].endswith("/>"):
                return None  # a self-closed element: HTMLParser opens nothing, counting would be off
            depth += -1 if found[1] else 1
            if depth == 0:
                return j if found.end() == len(lines[j]) else None
    return None


def restore_raw_blocks(html: str, blocks: list[str]) -> str | None:
    """Markdown's output with each placeholder paragraph replaced by its block; None unless each was there once."""
    used = [0] * len(blocks)

    def block(found: re.Match[str]) -> str:
        index = int(found[1])
        if index >= len(blocks):
            return found[0]
        used[index] += 1
        return blocks[index]

    restored = _PLACEHOLDER_PARAGRAPH.sub(block, html)
    if any(count != 1 for count in used) or _PLACEHOLDER.search(restored):
        return None
    return restored.strip()  # as Markdown strips its output once the blocks are back


class _AnchorIds(htmlparser.HTMLParser):
    """The ids MkDocs collects from raw HTML for anchor validation: every id, and the name of an <a>."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.ids.update(v for k, v in attrs if v is not None and (k == "id" or (k == "name" and tag == "a")))


def anchor_ids(blocks: list[str]) -> set[str]:
    """Ids and <a> names in the blocks' start tags: only the few tags that carry an id= or name= are parsed."""
    parser = _AnchorIds()
    for block in blocks:
        masked = _mask_raw_text(block) or block
        last_tag = -1
        for attr in _ANCHOR_ATTR.finditer(masked):
            start = masked.rfind("<", 0, attr.start())
            end = masked.find(">", attr.end())
            if start <= last_tag or end < 0 or ">" in masked[start : attr.start()]:
                continue  # text, not a tag, or a tag already read
            parser.feed(masked[start : end + 1])
            last_tag = start
    parser.close()
    return parser.ids


# ---------------------------------------------------------------- the 旗区 list's nav label


def relabel_banners_nav(nav, root: Path) -> None:
    """mkdocs.yml's `- 旗区: banners/index.md` says the plans' own word when it is another (县（市、区）).

    The word is the one the generator wrote for the theme (pages.SUBUNIT_WORD_PARTIAL, already escaped
    as nav titles are HTML), so `gongshi build`, whose MkDocs processes load no data, and a plain
    `mkdocs build` read the same. Only the label as shipped is changed: a label a webmaster wrote stays.
    """
    partial = root / "overrides" / SUBUNIT_WORD_PARTIAL
    try:
        word = partial.read_text(encoding="utf-8")
    except (FileNotFoundError, NotADirectoryError):
        return  # not generated (a plain build of content/ alone): mkdocs.yml's label as written
    if not word or word == SUBUNIT_WORD:
        return
    for page in nav.pages:
        if page.file.src_uri == urls.source_path(urls.BANNERS) and page.title == SUBUNIT_WORD:
            page.title = word


class GongshiPlugin(BasePlugin):
    as_of = None
    # Pages `gongshi build` takes from the live site (reuse.py): MkDocs skips them,
    # and they stay in its sitemap. Set by build.run_mkdocs.
    reused: frozenset[str] = frozenset()
    _command: str | None = None
    _generated_data: Generated | None = None
    _files: Files | None = None
    _nav = None
    _env = None

    def __init__(self) -> None:
        super().__init__()
        self._generated: frozenset[str] = frozenset()  # pages the generator wrote, by source path
        self._pending: dict[str, tuple[str, list[str]]] = {}  # page → (its Markdown, its raw blocks)

    def on_nav(self, nav, config, files):
        relabel_banners_nav(nav, Path(config["config_file_path"]).resolve().parent)
        self._nav = nav
        return nav

    def on_env(self, env, config, files):
        self._env = env
        return env

    def on_post_template(self, output_content, template_name, config):
        """The sitemap as if no page were skipped: the same file as a build of every page writes."""
        if template_name != "sitemap.xml" or not self.reused or self._files is None or self._env is None:
            return output_content
        from mkdocs.commands.build import get_context
        from mkdocs.structure.pages import Page
        from mkdocs.utils import get_relative_url

        pages = [
            f for f in self._files
            if f.is_documentation_page() and (f.inclusion.is_included() or f.src_uri in self.reused)
        ]
        for f in pages:
            if f.page is None:
                Page(None, f, config)  # only its address is read
        context = get_context(self._nav, pages, config, base_url=get_relative_url(".", template_name))
        context = config.plugins.on_template_context(context, template_name=template_name, config=config)
        return self._env.get_template(template_name).render(context)

    def on_startup(self, command, dirty):
        self._command = command

    def on_config(self, config):
        if os.environ.get(SKIP_PLUGIN_ENV):
            return config
        from .generate import load_mkdocs_config

        root = Path(config["config_file_path"]).resolve().parent
        try:
            # A plain `mkdocs build` is a preview: it has neither the record check nor the atomic swap of
            # `gongshi build`, so it may not write the live site, nor inside it (MkDocs empties site_dir first).
            live = sitedir.live_sites(root, Path(load_mkdocs_config(root)["site_dir"]))
            target = sitedir.check_site_dir(root, Path(config["site_dir"]), "mkdocs.yml site_dir", live_sites=live)
            if publication_record.marker_mode(target) == publication_record.LIVE or any(
                target == site.resolve() for site in live
            ):
                raise PluginError(M.PLUGIN_NOT_LIVE.format(path=config["site_dir"]))
            self.as_of = resolve_as_of(os.environ.get("GONGSHI_AS_OF"))
            with project_lock(root):
                self._generated_data = generate_content(root, self.as_of, config["site_url"] or "")
        except (AsOfError, sitedir.SiteDirError, PluginError) as exc:
            self._refuse(str(exc))
        except DataError as exc:
            for problem in exc.problems:
                log.error(str(problem))
            self._refuse(M.PLUGIN_DATA_PROBLEMS.format(count=len(exc.problems)))
        return config

    def _refuse(self, message: str) -> NoReturn:
        """Stop a plain `mkdocs build` before anything is built: the Chinese line, then exit 1.

        A PluginError is framed by MkDocs' English "Aborted with a BuildError!";
        SystemExit passes MkDocs' handler. Under `serve` a PluginError it is,
        so the preview server reports it and keeps running for the next edit.
        (Material's end-of-life notice is printed when MkDocs loads the theme,
        before any plugin runs: NO_MKDOCS_2_WARNING=1 silences it.)
        """
        if self._command != "build":
            raise PluginError(message)
        log.error(message)
        raise SystemExit(1)

    def on_files(self, files: Files, config):
        self._generated = content.generated(Path(config["docs_dir"]))
        self._pending = {}
        for file in files:
            if file.src_uri in self.reused:
                file.inclusion = InclusionLevel.EXCLUDED
        self._files = files
        return files

    def on_page_markdown(self, markdown, page, config, files):
        if page.file.src_uri not in self._generated:
            return markdown
        split = split_raw_blocks(markdown)
        if split is None:
            log.debug("%s: read whole by Markdown", page.file.src_uri)
            return markdown
        self._pending[page.file.src_uri] = (markdown, split[1])
        return split[0]

    def on_page_content(self, html, page, config, files):
        pending = self._pending.pop(page.file.src_uri, None)
        if pending is not None:
            page.markdown, blocks = pending
            restored = restore_raw_blocks(html, blocks)
            if restored is None:  # some extension moved a placeholder: render the page as a plain build does
                log.debug("%s: placeholders not found, rendered again", page.file.src_uri)
                page.render(config, files)
                html = page.content
            else:
                html = restored
                page.present_anchor_ids = (page.present_anchor_ids or set()) | anchor_ids(blocks)
        # Material writes `page.title | striptags` into <title>, and striptags
        # also decodes entities: a heading that shows "</title><script>" as
        # text would become real tags there. A title in the page's metadata is
        # written as it is, so give it page.title, the heading's HTML with its
        # entities kept, as the header and footer already show it.
        if "title" not in page.meta and page.title and not page.is_homepage:
            page.meta["title"] = page.title
        return html

    def on_post_build(self, config):
        if os.environ.get(SKIP_PLUGIN_ENV):
            return  # gongshi build indexes the staged site itself
        site = Path(config["site_dir"])
        try:
            index_site(site)
        except SearchIndexError as exc:
            raise PluginError(str(exc)) from None
        if self.as_of is not None and self._generated_data is not None:
            record = publication_record.of_dataset(self._generated_data.dataset, self.as_of, publication_record.PREVIEW)
            atomicfile.write_text(site / sitedir.MARKER, record.text())
        sitedir.make_readable(site)

    def on_serve(self, server, config, builder):
        root = Path(config["config_file_path"]).resolve().parent
        server.watch(str(root / "data"))
        return server

