"""A convenience: plain `mkdocs build` and `mkdocs serve` run the generator first.

Everything real lives in `build.generate_content`; this plugin only calls it,
so the same content can be built by any builder that reads mkdocs.yml.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from . import messages as M
from .asof import AsOfError, resolve_as_of
from .build import SKIP_PLUGIN_ENV, generate_content
from .errors import DataError
from .search import SearchIndexError, index_site

log = logging.getLogger("mkdocs.plugins.gongshi")


class GongshiPlugin(BasePlugin):
    def on_config(self, config):
        if os.environ.get(SKIP_PLUGIN_ENV):
            return config
        root = Path(config["config_file_path"]).resolve().parent
        try:
            as_of = resolve_as_of(os.environ.get("GONGSHI_AS_OF"))
            generate_content(root, as_of, config["site_url"] or "")
        except AsOfError as exc:
            raise PluginError(str(exc)) from None
        except DataError as exc:
            for problem in exc.problems:
                log.error(str(problem))
            raise PluginError(M.PLUGIN_DATA_PROBLEMS.format(count=len(exc.problems))) from None
        return config

    def on_page_content(self, html, page, config, files):
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
        try:
            index_site(Path(config["site_dir"]))
        except SearchIndexError as exc:
            raise PluginError(str(exc)) from None

    def on_serve(self, server, config, builder):
        root = Path(config["config_file_path"]).resolve().parent
        server.watch(str(root / "data"))
        return server

