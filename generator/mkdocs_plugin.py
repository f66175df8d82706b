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
from mkdocs.structure.files import Files, InclusionLevel

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
    # Pages `gongshi build` takes from the live site (reuse.py): MkDocs skips them,
    # and they stay in its sitemap. Set by build.run_mkdocs.
    reused: frozenset[str] = frozenset()
    _files: Files | None = None
    _nav = None
    _env = None

    def on_files(self, files: Files, config):
        for file in files:
            if file.src_uri in self.reused:
                file.inclusion = InclusionLevel.EXCLUDED
        self._files = files
        return files

    def on_nav(self, nav, config, files):
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

