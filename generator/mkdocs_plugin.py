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
from . import sitedir
from .asof import AsOfError, resolve_as_of
from .build import SKIP_PLUGIN_ENV, generate_content
from .buildlock import project_lock
from .errors import DataError
from .search import SearchIndexError, index_site

log = logging.getLogger("mkdocs.plugins.gongshi")


class GongshiPlugin(BasePlugin):
    as_of = None

    def on_config(self, config):
        if os.environ.get(SKIP_PLUGIN_ENV):
            return config
        root = Path(config["config_file_path"]).resolve().parent
        try:
            # MkDocs empties site_dir before building: the same guard as `gongshi build --site-dir`.
            sitedir.check_site_dir(root, Path(config["site_dir"]), "mkdocs.yml site_dir")
            self.as_of = resolve_as_of(os.environ.get("GONGSHI_AS_OF"))
            with project_lock(root):
                generate_content(root, self.as_of, config["site_url"] or "")
        except (AsOfError, sitedir.SiteDirError) as exc:
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
        site = Path(config["site_dir"])
        try:
            index_site(site)
        except SearchIndexError as exc:
            raise PluginError(str(exc)) from None
        if self.as_of is not None:
            (site / sitedir.MARKER).write_text(sitedir.marker_text(self.as_of), encoding="utf-8")
        sitedir.make_readable(site)

    def on_serve(self, server, config, builder):
        root = Path(config["config_file_path"]).resolve().parent
        server.watch(str(root / "data"))
        return server

