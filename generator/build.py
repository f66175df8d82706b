"""The build, end to end: load → compute → render → write content → MkDocs → search index → minify → check → swap.

Content generation (`generate_content`) needs no MkDocs; the MkDocs plugin
calls it too. The site is built beside its target and swapped in only when
everything passed, so a failed build never leaves a half-written site.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from . import content, pages, search, sitemap, status, urls
from .asof import epoch_of
from .errors import DataError, Problem
from .load import load_dataset
from .model import Dataset
from .workcalendar import CalendarGap, WorkCalendar

SKIP_PLUGIN_ENV = "GONGSHI_CONTENT_READY"


class BuildError(Exception):
    """The build cannot go on; the message says why, one line per problem."""


@dataclass(frozen=True)
class Generated:
    dataset: Dataset
    calendar: WorkCalendar
    snapshot: status.Snapshot
    written: content.Written


def generate_content(
    root: Path, as_of: dt.date, site_url: str, loaded: tuple[Dataset, WorkCalendar] | None = None
) -> Generated:
    """Validate the data (unless `loaded` already is) and write the pages into content/ (raises DataError)."""
    dataset, calendar = loaded or load_dataset(root)
    try:
        snap = status.snapshot(dataset, as_of, calendar)
        output = pages.generate(dataset, snap, site_url)
    except CalendarGap as gap:
        raise DataError([Problem("data/calendar", 0, "", str(gap))]) from None
    written = content.write(output, root / "content", root / "overrides")
    return Generated(dataset, calendar, snap, written)


@contextmanager
def _environment(values: dict[str, str]) -> Iterator[None]:
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def load_mkdocs_config(root: Path, site_dir: Path | None = None):
    from mkdocs.config import load_config

    kwargs = {"site_dir": str(site_dir)} if site_dir else {}
    return load_config(str(root / "mkdocs.yml"), **kwargs)


def run_mkdocs(root: Path, site_dir: Path, as_of: dt.date) -> None:
    """Build content/ into `site_dir` with MkDocs, as `mkdocs build --strict` would."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.exceptions import MkDocsException

    with _environment({SKIP_PLUGIN_ENV: "1", "SOURCE_DATE_EPOCH": str(epoch_of(as_of))}):
        cwd = os.getcwd()
        os.chdir(root)
        try:
            config = load_mkdocs_config(root, site_dir)
            config["strict"] = True
            config.plugins.on_startup(command="build", dirty=False)
            try:
                mkdocs_build(config)
            finally:
                config.plugins.on_shutdown()
        except MkDocsException as exc:
            raise BuildError(f"mkdocs: {exc}") from None
        except SystemExit as exc:
            raise BuildError(f"mkdocs stopped (exit {exc.code}); see its messages above") from None
        finally:
            os.chdir(cwd)


def swap_in(new_dir: Path, target: Path) -> None:
    """Replace `target` by `new_dir` with two renames, so readers never see a mix."""
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f"{target.name}.old-", dir=target.parent))
        old.rmdir()
        target.rename(old)
    new_dir.rename(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def withheld_notices(generated: Generated) -> dict[str, list[str]]:
    """Texts of notices not yet started, which no file of the site may contain."""
    published = {n.id for n in generated.snapshot.notices}
    withheld = {
        f"queued notice data/notices/{n.id}.yaml": [f"notices/{n.id}/", n.completion, n.acceptance.opinion]
        for n in generated.dataset.notices
        if n.id not in published
    }
    # A yearly report is public from its publish date on, like a notice.
    public = set(generated.snapshot.reports)
    for r in generated.dataset.progress:
        if r not in public:
            plan = generated.dataset.plan(r.plan_id)
            withheld[f"unpublished report {r.source}"] = [
                urls.progress_year(r), f"urn:gongshi:{r.plan_id}:progress:{r.year}",
                status.report_title(r, plan.title if plan else r.plan_id),
            ]
    return withheld


def build_site(root: Path, as_of: dt.date, site_dir: Path) -> Generated:
    """The whole build. Raises DataError or BuildError; `site_dir` is untouched unless all passed."""
    from .checks import minify_and_check_site

    loaded = load_dataset(root)  # data problems are reported before MkDocs and its plugins load
    site_url = load_mkdocs_config(root)["site_url"] or ""
    generated = generate_content(root, as_of, site_url, loaded)
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f"{site_dir.name}.new-", dir=site_dir.parent))
    try:
        run_mkdocs(root, staging, as_of)
        sitemap.rewrite(staging, *sitemap.page_dates(generated.dataset, generated.snapshot), site_url)
        try:
            search.index_site(staging)
        except search.SearchIndexError as exc:
            raise BuildError(str(exc)) from None
        _, problems = minify_and_check_site(staging, site_url, withheld_notices(generated))
        if problems:
            raise BuildError("\n".join(problems))
        swap_in(staging, site_dir)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return generated
