"""The build, end to end: load → compute → render → write content → MkDocs → search index → minify → check → swap.

Content generation (`generate_content`) needs no MkDocs; the MkDocs plugin
calls it too. The site is built beside its target and swapped in only when
everything passed, so a failed build never leaves a half-written site; where
a site may go, and how it is swapped in, is `sitedir.py`'s rule.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import atomicfile, publication_record, reuse, search, sitedir, sitemap, withheld
from . import messages as M
from .asof import beijing_today, epoch_of
from .buildlock import project_lock
from .generate import (  # noqa: F401  (re-exported: the build is where callers look for them)
    SKIP_PLUGIN_ENV,
    BuildError,
    Generated,
    generate_content,
    load_mkdocs_config,
    project_config,
)
from .load import load_dataset
from .model import Dataset
from .parallel import map_files
from .workcalendar import WorkCalendar


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


def run_mkdocs(root: Path, site_dir: Path, as_of: dt.date, skip: frozenset[str] = frozenset()) -> frozenset[str]:
    """Build content/ into `site_dir` with MkDocs, as `mkdocs build --strict` would.

    `skip`: source pages MkDocs leaves out because the build takes them from
    the live site (reuse.py). Returns those it did leave out: none when
    mkdocs.yml has no gongshi plugin to do it.
    """
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.exceptions import MkDocsException

    from .mkdocs_plugin import GongshiPlugin

    skipped: frozenset[str] = frozenset()
    with _environment({SKIP_PLUGIN_ENV: "1", "SOURCE_DATE_EPOCH": str(epoch_of(as_of))}):
        cwd = os.getcwd()
        os.chdir(root)
        try:
            config = load_mkdocs_config(root, site_dir)
            config["strict"] = True
            plugin = config.plugins.get("gongshi")
            if isinstance(plugin, GongshiPlugin):
                plugin.reused = skipped = skip
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
    return skipped


SHARD_FROM_PAGES = 1000  # below this, a second MkDocs process costs more than it saves


def _mkdocs_shard(job: tuple[str, str, str, list[str]]) -> list[str]:
    root, site_dir, as_of, skip = job
    return sorted(run_mkdocs(Path(root), Path(site_dir), dt.date.fromisoformat(as_of), frozenset(skip)))


def run_mkdocs_sharded(
    root: Path, staging: Path, scratch: Path, as_of: dt.date, skip: frozenset[str], pages: dict[str, str], shards: int
) -> frozenset[str]:
    """`run_mkdocs` over `shards` processes, each building its share of `pages` (source → page file).

    MkDocs renders one page at a time on one core. Each process builds the
    navigation's pages (they shape every page) and its own share, leaving
    the other shares out as it leaves out pages taken from the live site;
    the first writes into `staging`, the others into `scratch`, from where
    their pages are moved in. A page does not depend on which process made
    it: tests/test_build.py compares a sharded build with a single one.
    """
    if shards < 2 or not pages:
        return run_mkdocs(root, staging, as_of, skip)
    sources = sorted(pages)
    shares = [sources[i::shards] for i in range(shards)]
    outputs = [staging] + [scratch / f"mkdocs-{i}" for i in range(1, shards)]
    jobs = [
        (str(root), str(out), as_of.isoformat(), sorted(skip | (set(sources) - set(share))))
        for share, out in zip(shares, outputs, strict=True)
    ]
    skipped = [set(done) for done in map_files(_mkdocs_shard, jobs, workers=shards, serial_below=2)]
    if any(len(done) != len(job[3]) for done, job in zip(skipped, jobs, strict=True)):
        # No gongshi plugin in mkdocs.yml to leave pages out: every process built every page.
        return run_mkdocs(root, staging, as_of, skip)
    for share, out in zip(shares[1:], outputs[1:], strict=True):
        for src in share:
            target = staging / pages[src]
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(out / pages[src], target)
    return skip


def nav_sources(config: Any) -> set[str]:
    """The source pages mkdocs.yml's navigation lists: rebuilt every time, never taken from the live site."""
    found: set[str] = set()

    def walk(item: Any) -> None:
        if isinstance(item, str):
            found.add(item)
        elif isinstance(item, dict):
            for value in item.values():
                walk(value)
        elif isinstance(item, list):
            for value in item:
                walk(value)

    walk(config["nav"])
    return found


def reuse_keys(root: Path, generated: Generated, config: Any, fingerprint: str) -> dict[str, tuple[str, str]]:
    """Source page → (its key, its page file) for every generated page outside the navigation."""
    nav = nav_sources(config)
    keys: dict[str, tuple[str, str]] = {}
    for src in generated.written.written:
        if not src.endswith(".md") or src in nav:
            continue
        page = src[: -len("index.md")] + "index.html" if src.endswith("index.md") else src[:-3] + "/index.html"
        markdown = (root / "content" / src).read_text(encoding="utf-8")
        keys[src] = (reuse.page_key(fingerprint, src, markdown), page)
    return keys


def _previous_record(
    site_dir: Path, shown: Path, as_of: dt.date, dataset: Dataset, tell: Callable[[str], None], rebuild: bool,
    calendar: WorkCalendar | None = None,
) -> tuple[tuple[dict[str, str], ...] | None, frozenset[str] | None]:
    """Check the data and date against the live site's record; the record's rebuild log to carry forward,
    and the notices it lists as published (None when there is no record to go by).

    Raises BuildError (what is wrong and how to recover) when the record
    cannot be read, the date goes back, or the data would rewrite it. With
    `rebuild`, an unreadable record or a site dated later than today
    is set aside and the rebuild is logged; the data's own problems never are.
    """
    try:
        previous = publication_record.read_live(site_dir, shown)
    except publication_record.NewerRecordError as exc:
        raise BuildError(publication_record.recovery(exc)) from None
    except publication_record.RecordError as exc:
        if not rebuild:
            raise BuildError(publication_record.recovery(exc)) from None
        tell(M.RECORD_REBUILDING.format(reason=exc))
        # The marker is served with the site: the reason names files inside it, not the server's folders.
        return ({"on": as_of.isoformat(), "reason": str(exc).replace(f"{shown}/", "")},), None
    if previous is None:
        return (), None
    if as_of < previous.as_of:
        if not rebuild:
            raise BuildError(M.SITE_DIR_OLDER.format(path=shown, live=previous.as_of, day=as_of))
        reason = M.RECORD_REBUILT_OLDER.format(live=previous.as_of, day=as_of)
        tell(M.RECORD_REBUILDING.format(reason=reason))
        return (*previous.rebuilt, {"on": as_of.isoformat(), "reason": reason}), None
    if problems := publication_record.problems(previous, dataset, calendar, as_of):
        raise BuildError("\n".join(problems))
    rebuilt = previous.rebuilt
    if changes := publication_record.content_changes(previous, dataset, calendar):
        if not rebuild:
            raise BuildError("\n".join(c.line for c in changes))
        reason = "；".join(c.log for c in changes)
        tell(M.RECORD_CORRECTING.format(changes=reason))
        rebuilt = (*rebuilt, {"on": as_of.isoformat(), "reason": reason})
    if previous.events is None:
        tell(M.RECORD_FILLED.format(count=sum(1 for r in dataset.records if r.recorded <= as_of)))
    return rebuilt, frozenset(previous.notices)


class Timings(dict[str, float]):
    """Seconds per stage of one build, for the benchmark: the build records them, whoever asked reads them.

    Also what the build took from the live site (reuse.py): how many pages, and how many search bundles.
    """

    reused_pages = 0
    reused_search = 0  # search bundles

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self[name] = self.get(name, 0.0) + time.perf_counter() - started


@dataclass
class _Run:
    """One build's state as it passes from stage to stage."""

    root: Path
    as_of: dt.date
    live: bool
    config: Any
    site_url: str
    clock: Timings
    journal: sitedir.Journal
    site_dir: Path = Path()
    staging: Path = Path()
    search_work: Path = Path()
    fingerprint: str = ""
    keys: dict[str, tuple[str, str]] = field(default_factory=dict)  # source → (page key, page file)
    built: reuse.Built | None = None  # what the live site was built from
    reusable: dict[str, str] = field(default_factory=dict)  # source → page file the live site has as it would be
    reused: dict[str, str] = field(default_factory=dict)  # source → page file taken from the live site
    pages: list[str] = field(default_factory=list)  # every page file of the new site
    digests: dict[str, str] = field(default_factory=dict)
    shares: list[list[str]] = field(default_factory=list)  # pages per search bundle
    search_keys: list[str] = field(default_factory=list)
    bundles_taken: list[bool] = field(default_factory=list)
    indexing: search.Sharded | None = None
    listed: frozenset[str] | None = None  # the notices the live site's record lists as published


def build_site(
    root: Path,
    as_of: dt.date,
    site_dir: Path,
    *,
    live: bool,
    rebuild_record: bool = False,
    say: Callable[[str], None] | None = None,
    on_wait: Callable[[], None] | None = None,
    timings: Timings | None = None,
    mkdocs_shards: int | None = None,
) -> Generated:
    """The whole build. Raises DataError, BuildError or SiteDirError; `site_dir` is untouched unless all passed.

    `live`: whether `site_dir` is the published site. A live site is the
    public record (`publication_record.py`): it is built for a day no later
    than today, never for a day before the one it was built for, and data
    that would backdate, rewrite or drop what it has published is refused; a
    live site whose record cannot be read stops the build, unless a person
    typed `rebuild_record`. A preview may be built for any day, but never
    into or inside a live site. The folder checks, the date check, the record
    check and the swap all happen under the project's build lock.

    `say` receives the notes a person should read (a record rebuilt or filled
    in); `on_wait` is called once when another build of the project holds the
    lock (this one then waits for it rather than interleaving its pages).

    Pages in which only the date changed, and the search bundle when no
    page's text changed, are taken from the live site (reuse.py); the rest is
    built. Pagefind indexes the minified pages on one core while the checks
    run on all of them; its bundle is checked when it arrives. `timings`, if
    given, receives the seconds of each stage. MkDocs runs on every core
    (`mkdocs_shards`, by default two from SHARD_FROM_PAGES pages to build).
    """
    clock = timings if timings is not None else Timings()
    tell = say if say is not None else (lambda line: print(line, file=sys.stderr))
    with clock.stage("load"):
        loaded = load_dataset(root)  # data problems are reported before MkDocs and its plugins load
        config = project_config(root)
    run = _Run(root, as_of, live, config, config["site_url"] or "", clock, sitedir.Journal(root))
    if live and as_of > beijing_today():
        raise BuildError(M.LIVE_AFTER_TODAY.format(source=site_dir, day=as_of, today=beijing_today()))
    with project_lock(root, on_wait):
        with clock.stage("record"):
            rebuilt = _check_site_dir_and_record(run, site_dir, loaded, tell, rebuild_record)
        with clock.stage("generate"):
            generated = generate_content(root, as_of, run.site_url, loaded, listed=run.listed)
        with clock.stage("reuse"):
            _find_reusable(run, generated)
        run.staging = run.journal.new_folder(run.site_dir)
        run.search_work = run.journal.new_folder(run.site_dir)
        try:
            with clock.stage("mkdocs"):
                _build_pages(run, mkdocs_shards)
            with clock.stage("sitemap"):
                sitemap.rewrite(run.staging, *sitemap.page_dates(generated.dataset, generated.snapshot), run.site_url)
            with clock.stage("reuse"):
                reuse.take_pages(run.site_dir, run.staging, sorted(run.reused.values()), as_of)
            run.pages = sorted(p.relative_to(run.staging).as_posix() for p in run.staging.rglob("*.html"))
            with clock.stage("minify"):
                _minify(run)
            with clock.stage("reuse"):
                _digest(run)
            _check_and_index(run, withheld.withheld_texts(generated))
            with clock.stage("swap"):
                _swap_in(run, generated, rebuilt or ())
            clock.reused_pages, clock.reused_search = len(run.reused), sum(run.bundles_taken)
        finally:
            _clean_up(run)
    return generated


def _check_site_dir_and_record(
    run: _Run, site_dir: Path, loaded: tuple[Dataset, WorkCalendar], tell: Callable[[str], None], rebuild_record: bool
) -> tuple[dict[str, str], ...] | None:
    """Where the site may go, and (for the live site) the record it must keep; leftovers of a stopped build removed."""
    live_sites = sitedir.live_sites(run.root, Path(run.config["site_dir"]))
    run.site_dir = sitedir.check_site_dir(run.root, site_dir, live=run.live, live_sites=live_sites)
    dataset, calendar = loaded
    rebuilt = None
    if run.live:
        rebuilt, run.listed = _previous_record(run.site_dir, site_dir, run.as_of, dataset, tell, rebuild_record, calendar)
    run.journal.remove_leftovers()
    return rebuilt


def _find_reusable(run: _Run, generated: Generated) -> None:
    """Each page's key, and which pages the site in `site_dir` already has as they would be built."""
    run.fingerprint = reuse.fingerprint(run.root)
    run.keys = reuse_keys(run.root, generated, run.config, run.fingerprint)
    run.built = reuse.Built.read(run.site_dir) if sitedir.is_gongshi_site(run.site_dir) else None
    run.reusable = reuse.reusable(run.site_dir, run.built, run.fingerprint, run.keys)


def _build_pages(run: _Run, mkdocs_shards: int | None) -> None:
    """MkDocs builds every page not taken from the live site into the staging folder."""
    to_build = {src: page for src, (_, page) in run.keys.items() if src not in run.reusable}
    if mkdocs_shards is None:
        mkdocs_shards = min(2, len(os.sched_getaffinity(0))) if len(to_build) >= SHARD_FROM_PAGES else 1
    skipped = run_mkdocs_sharded(
        run.root, run.staging, run.search_work, run.as_of, frozenset(run.reusable), to_build, mkdocs_shards
    )
    run.reused = {src: page for src, page in run.reusable.items() if src in skipped}


def _minify(run: _Run) -> None:
    from .minify import minify_site

    taken = set(run.reused.values())
    minify_site(run.staging, [p for p in run.pages if p not in taken])


def _digest(run: _Run) -> None:
    """Each page's digest, the pages of each search bundle and each bundle's key."""
    # A taken page's digest is the live one's: re-dating leaves what is digested as it was.
    built = run.built
    known = {page: built.pages[src][2] for src, page in run.reused.items()} if built is not None else {}
    run.digests = known | reuse.file_digests(run.staging, [p for p in run.pages if p not in known])
    run.shares = search.shares(run.pages)
    run.search_keys = [
        reuse.page_key(run.fingerprint, f"search {i}", reuse.search_digest({p: run.digests[p] for p in share}))
        for i, share in enumerate(run.shares)
    ]


def _check_and_index(run: _Run, withheld_texts: dict[str, list[str]]) -> None:
    """The site checks, while Pagefind indexes the pages (or its bundles are taken from the live site); raises BuildError."""
    from .site_checks import check_site

    clock, staging, built = run.clock, run.staging, run.built
    try:
        with clock.stage("checks"):
            run.bundles_taken = [
                built is not None and len(built.search) == len(run.search_keys) and built.search[i] == run.search_keys[i]
                and reuse.take_bundle(run.site_dir / bundle, built.bundle[i], staging / bundle)
                for i, bundle in enumerate(search.BUNDLE_DIRS)
            ]
            wanted = {i: share for i, share in enumerate(run.shares) if not run.bundles_taken[i]}
            if wanted:
                run.indexing = search.Sharded(staging, wanted, run.search_work / "search")
            problems = check_site(staging, run.site_url, withheld_texts)
        if run.indexing is not None:
            with clock.stage("search wait"):
                run.indexing.wait()
            clock["search"] = run.indexing.seconds or 0.0
            with clock.stage("search check"):
                run.indexing.move_into(staging)
                for i in wanted:
                    problems += check_site(staging, run.site_url, withheld_texts, under=search.BUNDLE_DIRS[i])
    except search.SearchIndexError as exc:
        raise BuildError(str(exc)) from None
    if problems:
        raise BuildError("\n".join(problems))


def _swap_in(run: _Run, generated: Generated, rebuilt: tuple[dict[str, str], ...]) -> None:
    """The reuse manifest and the publication record written, then the staging folder swapped in for the site."""
    staging = run.staging
    manifest = reuse.Built(
        run.fingerprint, {src: (key, page, run.digests[page]) for src, (key, page) in run.keys.items()},
        run.search_keys, [reuse.bundle_digest(staging / bundle) for bundle in search.BUNDLE_DIRS],
    )
    atomicfile.write_text(staging / reuse.MANIFEST, manifest.text())
    mode = publication_record.LIVE if run.live else publication_record.PREVIEW
    record = publication_record.of_dataset(generated.dataset, run.as_of, mode, rebuilt)
    atomicfile.write_text(staging / sitedir.MARKER, record.text())
    sitedir.make_readable(staging)
    sitedir.swap_in(staging, run.site_dir, run.journal)
    if run.live:
        sitedir.remember_live(run.root, run.site_dir)


def _clean_up(run: _Run) -> None:
    """Pagefind stopped and this build's folders removed, whether it passed or not."""
    if run.indexing is not None:
        run.indexing.stop()
    for leftover in (run.staging, run.search_work):
        if leftover != Path() and leftover.exists():
            shutil.rmtree(leftover, ignore_errors=True)
    run.journal.remove_leftovers()  # only this build's folders are journaled now: gone, or removed here
