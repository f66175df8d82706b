"""sitemap: each page's `lastmod` is the day its data last changed, read back from the built sitemap.xml."""

from __future__ import annotations

import datetime as dt
import gzip
from itertools import pairwise
from pathlib import Path

from conftest import AS_OF, REPO
from lxml import etree

from generator import sitemap, status
from generator.load import load_dataset

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
SITE = "https://www.ordos.gov.cn/zt/ducha/"
PLAN_DATE = dt.date(2024, 12, 3)  # data/plans/ordos-nmg-r2/plan.yaml: the inspection report, answered by the plan


def lastmods(site: Path) -> dict[str, dt.date]:
    root = etree.parse(str(site / "sitemap.xml")).getroot()
    out = {}
    for url in root.findall("s:url", NS):
        loc = url.findtext("s:loc", namespaces=NS)
        assert loc.startswith(SITE)
        out[loc[len(SITE):]] = dt.date.fromisoformat(url.findtext("s:lastmod", namespaces=NS))
    return out


def test_every_page_is_dated_by_its_own_newest_event_not_the_build(built: Path, data) -> None:
    _, snap = data
    dates = lastmods(built)
    assert len(dates) > 100 and "plans/ordos-nmg-r2/tasks/30/" in dates
    assert AS_OF not in dates.values()  # nothing happened on the build's day
    # data/notices/2026-10-19-task30.yaml: opened 10月19日, objection received 10月22日, upheld 11月6日.
    assert dates["notices/2026-10-19-task30/"] == dt.date(2026, 11, 6)
    # data/notices/2026-11-23-task24.yaml: opened 11月23日, nothing since.
    assert dates["notices/2026-11-23-task24/"] == dt.date(2026, 11, 23)
    reports = {r.year: r.published for r in snap.reports}
    assert dates["progress/2025/"] == reports[2025] and dates["progress/2025/hangjin/"] == reports[2025]
    assert dates["plans/ordos-nmg-r2/tasks/30/"] == reports[2026]  # the 2026 report covers every task
    newest = max(e.date for e in snap.events)
    assert dates[""] == dates["tasks/"] == dates["notices/"] == newest
    assert dates["guide/"] == PLAN_DATE  # a hand-written page: the plan's date
    gz = gzip.decompress((built / "sitemap.xml.gz").read_bytes())
    assert gz == (built / "sitemap.xml").read_bytes()


def test_before_any_report_or_notice_a_task_page_has_the_plan_s_date() -> None:
    dataset, calendar = load_dataset(REPO)
    early = status.snapshot(dataset, dt.date(2025, 6, 30), calendar)
    assert not early.reports and not early.notices
    dates, default = sitemap.page_dates(dataset, early)
    assert default == PLAN_DATE
    task_pages = [u for u in dates if "/tasks/" in u and u.rstrip("/").split("/")[-1].isdigit()]
    assert len(task_pages) == 40 and {dates[u] for u in task_pages} == {PLAN_DATE}
    assert dates[""] == PLAN_DATE


def test_an_unchanged_page_keeps_its_date_from_one_night_to_the_next() -> None:
    dataset, calendar = load_dataset(REPO)
    nights = [AS_OF + dt.timedelta(days=i) for i in range(4)]
    snaps = [status.snapshot(dataset, day, calendar) for day in nights]
    dated = [sitemap.page_dates(dataset, s)[0] for s in snaps]
    for (before, after), snap in zip(pairwise(dated), snaps[1:], strict=True):
        happened = {e.url.split("#")[0] for e in snap.events if e.date == snap.as_of}
        changed = {u for u in after if before.get(u) != after[u]}
        if not happened:
            assert changed == set(), snap.as_of
        assert all(after[u] == snap.as_of for u in changed)  # a change is dated by the day it happened
