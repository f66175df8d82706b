"""sitemap.xml's `lastmod`: the day each page last changed, from the data, not the build date.

MkDocs dates every page of sitemap.xml by the build (SOURCE_DATE_EPOCH, the
as-of date), so a crawler told "everything changed today" every night learns
nothing. Here a page is dated by the newest event or report that concerns it
(a notice opened, objected to, decided or closed out; a year's progress, an
extension or a rebound; a report published); a page with none by its plan's
date (the day the inspection report was handed over, which the plan answers).
Pages that list everything (home, 整改任务, 验收销号公示, …) take the newest of
all. The same data and as-of date give the same dates, and a page whose
events did not change keeps its date.

`rewrite` replaces the dates in the sitemap MkDocs wrote (and its .gz twin);
the build calls it right after MkDocs.
"""

from __future__ import annotations

import datetime as dt
import gzip
import re
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urljoin

from . import urls
from .model import Dataset, Task
from .status import Snapshot

SITEMAP = "sitemap.xml"
_URL = re.compile(r"(<url>\s*<loc>)([^<]*)(</loc>\s*)(?:<lastmod>[^<]*</lastmod>)?", re.DOTALL)


def _newest(days: Iterable[dt.date], default: dt.date) -> dt.date:
    return max(days, default=default)


def page_dates(dataset: Dataset, snap: Snapshot) -> tuple[dict[str, dt.date], dt.date]:
    """(site-relative URL → the day the page last changed, the date of pages not listed)."""
    plan_date = {p.id: p.inspection.report_date for p in dataset.plans}
    oldest = min(plan_date.values(), default=snap.as_of)
    dates: dict[str, dt.date] = {}

    def task_date(t: Task) -> dt.date:
        return _newest((e.date for e in snap.timeline(t) if e.date <= snap.as_of), plan_date[t.plan_id])

    tasks = {(t.plan_id, t.no): task_date(t) for p in dataset.plans for t in p.tasks}
    for p in dataset.plans:
        for t in p.tasks:
            dates[urls.task(t)] = tasks[(t.plan_id, t.no)]
        newest = _newest((tasks[(p.id, t.no)] for t in p.tasks), plan_date[p.id])
        newest = _newest((r.published for r in snap.reports if r.plan_id == p.id), newest)
        for url in (urls.plan(p.id), urls.plan_tasks(p.id), urls.plan_notices(p.id)):
            dates[url] = newest
    # Each event once: looking every notice's events up among all events was quadratic
    # (half a minute for a region's 6,000 notices).
    event_dates: dict[str, list[dt.date]] = {}
    for e in snap.events:
        event_dates.setdefault(e.url, []).append(e.date)
    for n in snap.notices:
        dates[urls.notice(n.id)] = _newest(event_dates.get(urls.notice(n.id), ()), n.notice.start)
    for r in snap.reports:
        dates[urls.progress_year(r)] = r.published
        for p in dataset.plans:
            for b in p.banners:
                dates[urls.progress_banner(r, b.slug)] = r.published
    for p in dataset.plans:
        for b in p.banners:
            concerning = [tasks[(t.plan_id, t.no)] for q in dataset.plans for t in q.tasks if b.name in t.banners]
            concerning += [e.date for e in snap.events if b.name in e.banners]
            dates[urls.banner(b.slug)] = _newest(concerning, plan_date[p.id])
        for u in p.units:
            concerning = [
                tasks[(t.plan_id, t.no)] for q in dataset.plans for t in q.tasks
                if u.name in t.responsible.units or u.name in t.acceptance.units
            ]
            dates[urls.unit(u.slug)] = _newest(concerning, plan_date[p.id])
    everything = _newest([*dates.values(), *(e.date for e in snap.events)], _newest(plan_date.values(), oldest))
    for url in (urls.HOME, urls.PLANS, urls.TASKS, urls.NOTICES, urls.PROGRESS, urls.BANNERS, urls.UNITS, urls.ABOUT):
        dates[url] = everything
    return dates, _newest(plan_date.values(), oldest)


def rewrite(site_dir: Path, dates: dict[str, dt.date], default: dt.date, site_url: str) -> None:
    """Give every <url> of site_dir/sitemap.xml the `lastmod` of its page (default for pages not in `dates`)."""
    path = site_dir / SITEMAP
    if not path.is_file():
        return
    base = site_url if site_url.endswith("/") else site_url + "/"
    by_loc = {urljoin(base, url): day for url, day in dates.items()}

    def dated(m: re.Match[str]) -> str:
        day = by_loc.get(m.group(2).replace("&amp;", "&"), default)
        return f"{m.group(1)}{m.group(2)}{m.group(3)}<lastmod>{day.isoformat()}</lastmod>"

    text = _URL.sub(dated, path.read_text(encoding="utf-8"))
    path.write_text(text, encoding="utf-8")
    gz = site_dir / (SITEMAP + ".gz")
    if gz.exists():
        with gzip.GzipFile(gz, "wb", mtime=0) as out:  # mtime 0: the same bytes every build
            out.write(text.encode("utf-8"))
