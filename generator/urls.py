"""Every page's URL, in one place, so links never disagree with where pages are written.

URLs are directory-style and relative links are computed between them, so
the built site works from any path of a web server (e.g. /zt/ducha/).
"""

from __future__ import annotations

from urllib.parse import urljoin

from .model import ProgressReport, Task

HOME = ""
PLANS = "plans/"
TASKS = "tasks/"
BANNERS = "banners/"
UNITS = "units/"
NOTICES = "notices/"
PROGRESS = "progress/"
ABOUT = "about/"
TASKS_JSON = "api/tasks.json"
STATES_JSON = "api/states.json"
NOTICES_JSON = "api/notices.json"  # notices (验收销号公示)
PROGRESS_JSON = "api/progress.json"  # yearly progress reports (年度整改进展)
FEED_RSS = "feed.xml"  # RSS 2.0 of every event (see feeds.py)
FEED_ATOM = "atom.xml"
NOTICES_ICS = "notices.ics"  # each published notice's window as an all-day event
LEDGER_XLSX = "downloads/ledger.xlsx"  # the 整改台账 workbook (saved as 整改台账.xlsx: see ledger.FILE_NAME)


def webcal(site_url: str) -> str | None:
    """webcal://…/notices.ics: the calendar as a subscription a phone keeps up to date; None without site_url.

    A phone imports an https:// .ics once; webcal:// (the same address) makes its calendar subscribe.
    """
    if not site_url:
        return None
    full = urljoin(site_url if site_url.endswith("/") else site_url + "/", NOTICES_ICS)
    return "webcal://" + full.split("://", 1)[-1]


def plan(plan_id: str) -> str:
    return f"plans/{plan_id}/"


def plan_chapter(plan_id: str, chapter_no: int) -> str:
    """One part of 二、整改任务 in full: the plan is paged so no page outgrows the weight target."""
    return f"plans/{plan_id}/{chapter_no}/"


def plan_safeguards(plan_id: str) -> str:
    """三、保障措施 of the plan."""
    return f"plans/{plan_id}/safeguards/"


def plan_appendix(plan_id: str) -> str:
    """The plan's 附件 (验收销号方案)."""
    return f"plans/{plan_id}/appendix/"


def plan_problem(plan_id: str, chapter_no: int, problem_no: int) -> str:
    """A numbered problem (1.–19.) on its chapter page."""
    return f"{plan_chapter(plan_id, chapter_no)}#problem-{problem_no}"


def task(t: Task) -> str:
    return f"plans/{t.plan_id}/tasks/{t.no}/"


def plan_tasks(plan_id: str) -> str:
    """One plan's task list, above its task pages; only on a site with several plans (else tasks/ is it)."""
    return f"plans/{plan_id}/tasks/"


def plan_notices(plan_id: str) -> str:
    """One plan's notices; only on a site with several plans (else notices/ is it)."""
    return f"plans/{plan_id}/notices/"


def banner(slug: str) -> str:
    return f"banners/{slug}/"


def banner_feed(slug: str) -> str:
    """RSS 2.0 of the events that concern one 旗区, beside its page."""
    return f"banners/{slug}/feed.xml"


def banner_atom(slug: str) -> str:
    return f"banners/{slug}/atom.xml"


def unit(slug: str) -> str:
    return f"units/{slug}/"


def notice(notice_id: str) -> str:
    return f"notices/{notice_id}/"


def progress_year(report: ProgressReport) -> str:
    """progress/<year>/; on a site with several plans, progress/<plan id>/<year>/."""
    if report.several_plans:
        return f"progress/{report.plan_id}/{report.year}/"
    return f"progress/{report.year}/"


def progress_banner(report: ProgressReport, slug: str) -> str:
    return f"{progress_year(report)}{slug}/"


def progress_task(report: ProgressReport, task_no: int) -> str:
    """The task's row on a report page (a fragment of progress_year)."""
    return f"{progress_year(report)}#task-{task_no}"


def task_progress(t: Task, year: int) -> str:
    """One year's progress of the task, measure by measure, on the task's page (a fragment of task)."""
    return f"{task(t)}#progress-{year}"


def source_path(url: str) -> str:
    """The Markdown file MkDocs turns into `url`."""
    return f"{url}index.md"


def relative(from_url: str, to_url: str) -> str:
    """A link from the page at `from_url` to `to_url` that survives any deploy path."""
    to_url, hash_, fragment = to_url.partition("#")
    target_is_dir = to_url == "" or to_url.endswith("/")
    rel = _relpath(to_url, from_url)
    if rel == ".":
        return "./" + hash_ + fragment
    return (rel + "/" if target_is_dir else rel) + hash_ + fragment


def _relpath(to_url: str, from_url: str) -> str:
    """`posixpath.relpath(to_url, from_url)` for site URLs (no "..", no leading "/").

    relpath makes both paths absolute against the working directory first,
    a system call per link; a region's pages hold over 200,000 links.
    """
    start = [part for part in from_url.split("/") if part and part != "."]
    target = [part for part in to_url.split("/") if part and part != "."]
    common = 0
    for a, b in zip(start, target):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(start) - common) + target[common:]) or "."
