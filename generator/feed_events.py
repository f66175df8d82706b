"""What happened on which day, for feeds, the home page and task timelines.

Every event's GUID is made here and only here (`guid_*`). Subscribers'
readers keep what they have seen by GUID, so a GUID never changes once
published: changing one scheme below would resend every old item.

    urn:gongshi:<plan>:notice:<notice id>:<kind>[-<n>]     a notice opened, got objection n, …
    urn:gongshi:<plan>:notice:<notice id>                  the notice's calendar event (notices.ics)
    urn:gongshi:<plan>:progress:<year>                     a yearly report published
    urn:gongshi:<plan>:progress:<year>:task<no>[:<kind>]   a task's entry in it, its extension or rebound
    urn:gongshi:<plan>:event:<record id>                   an extension or rebound recorded in data/events/
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from . import urls
from .asof import chinese_date
from .model import Dataset, Event, ProgressReport, Task, TaskProgress
from .titles import notice_title, report_title, with_plan

if TYPE_CHECKING:  # status imports this module
    from .status import ExtensionOrRebound, NoticeStatus


def guid_notice(plan_id: str, notice_id: str, kind: str = "", index: int = 0) -> str:
    base = f"urn:gongshi:{plan_id}:notice:{notice_id}"
    if not kind:
        return base
    return f"{base}:{kind}{f'-{index}' if index else ''}"


def guid_report(plan_id: str, year: int, task_no: int | None = None, kind: str = "progress") -> str:
    base = f"urn:gongshi:{plan_id}:progress:{year}"
    if task_no is None:
        return base
    return f"{base}:task{task_no}{'' if kind == 'progress' else ':' + kind}"


def guid_record(plan_id: str, record_id: str) -> str:
    return f"urn:gongshi:{plan_id}:event:{record_id}"


def plan_named(event: Event, plan_title: str) -> Event:
    """The event with its plan named, when it is about one task (第12项…); a report's title names it already."""
    if event.task_no is None:
        return event
    return replace(event, title=with_plan(event.title, plan_title), local_title=event.title)


# ---------------------------------------------------------------------------
# 年度整改进展: the publication of each report, and each task's yearly entries.
# ---------------------------------------------------------------------------


def report_events(dataset: Dataset, reports: Iterable[ProgressReport]) -> tuple[Event, ...]:
    """One feed item per published report (reports must already be filtered by as_of)."""
    out: list[Event] = []
    for r in reports:
        plan = dataset.plan(r.plan_id)
        title = plan.title if plan else r.plan_id
        out.append(Event(
            guid=guid_report(r.plan_id, r.year),
            kind="report",
            date=r.published,
            title=report_title(r, title),
            summary=f"《{title}》{r.year}年度整改情况及各项整改措施具体进展（{len(r.tasks)}项整改任务）。",
            url=urls.progress_year(r),
            plan_id=r.plan_id,
            task_no=None,
            banners=tuple(b.name for b in plan.banners) if plan else (),
        ))
    return tuple(out)


def _report_item(r: ProgressReport, task: Task, kind: str, date: dt.date, title: str, summary: str) -> Event:
    return Event(
        guid=guid_report(r.plan_id, r.year, task.no, kind), kind=kind, date=date, title=title,
        summary=summary, url=urls.progress_task(r, task.no), plan_id=r.plan_id, task_no=task.no, banners=task.banners,
    )


def _rebound_title(task_no: int) -> str:
    return f"第{task_no}项整改任务整改问题反弹，重新整改"


def progress_timeline(entries: Iterable[tuple[ProgressReport, TaskProgress]], task: Task) -> list[Event]:
    """Each year's entry on the task, and its extension and rebound, as timeline items linked to the report."""
    out: list[Event] = []
    for r, entry in entries:
        if entry.extension is not None:
            ext = entry.extension
            approved = f"，经{ext.approved_by}同意" if ext.approved_by else "，尚无批准记录"
            out.append(_report_item(
                r, task, "extension", ext.requested, f"第{task.no}项整改任务申请延期整改",
                f"申请延期至{chinese_date(ext.new_deadline)}{approved}。原因：{ext.reason}",
            ))
        if entry.rebound is not None:
            reb = entry.rebound
            out.append(_report_item(r, task, "rebound", reb.found, _rebound_title(task.no), f"{reb.finding}（{reb.notice}）"))
        out.append(_report_item(
            r, task, "progress", r.published, f"{r.year}年度整改进展：{entry.status}", f"见{r.year}年度整改进展报告。"
        ))
    return out


def rebound_events(dataset: Dataset, changes: Iterable[ExtensionOrRebound]) -> tuple[Event, ...]:
    """A feed item per rebound, and per extension recorded on its own (a report's extension is on its task page)."""
    out: list[Event] = []
    for c in changes:
        plan = dataset.plan(c.plan_id)
        task = plan.task(c.task_no) if plan else None
        if task is None:
            continue
        scope = f"（{'、'.join(c.scope)}）" if c.scope else ""
        if c.report is not None:
            if c.rebound is not None:
                reb = c.rebound
                out.append(_report_item(
                    c.report, task, "rebound", reb.found, _rebound_title(task.no), f"{reb.finding}（{reb.notice}）"
                ))
            continue
        banners = c.scope or task.banners
        # Dated the day it became public (a feed's item is new then); the text says when it happened, if earlier.
        if c.rebound is not None:
            reb = c.rebound
            limit = f"限{chinese_date(reb.limit)}前完成整改。" if reb.limit else ""
            found = f"{chinese_date(c.dated)}发现：" if c.dated else ""
            out.append(Event(
                guid=guid_record(c.plan_id, c.record_id), kind="rebound", date=c.known,
                title=_rebound_title(task.no) + scope, summary=f"{found}{reb.finding}（{reb.notice}）{limit}",
                url=urls.task(task), plan_id=c.plan_id, task_no=task.no, banners=banners,
            ))
        elif c.extension is not None:
            ext = c.extension
            out.append(Event(
                guid=guid_record(c.plan_id, c.record_id), kind="extension", date=c.known,
                title=f"第{task.no}项整改任务延期整改{scope}",
                summary=f"{chinese_date(c.dated) if c.dated else ''}经{ext.approved_by}同意延期至{chinese_date(ext.new_deadline)}（{c.document}）。原因：{ext.reason}",
                url=urls.task(task), plan_id=c.plan_id, task_no=task.no, banners=banners,
            ))
    return tuple(out)


# ---------------------------------------------------------------------------
# 验收销号公示: what happened to each published notice.
# ---------------------------------------------------------------------------


_EVENT_RANK = {"open": 0, "objection": 1, "decided": 2, "expired": 3, "closed-out": 4, "withdrawn": 5}


def notice_events(published: Iterable[NoticeStatus], as_of: dt.date) -> tuple[Event, ...]:
    """What happened to each published notice up to `as_of`, newest first."""
    ranked: list[tuple[tuple, Event]] = []
    for status in published:
        for rank, event in _events_of(status, as_of):
            ranked.append(((event.date, status.notice.start, status.notice.id, rank), event))
    ranked.sort(key=lambda pair: pair[0], reverse=True)
    return tuple(event for _, event in ranked)


def _events_of(status: NoticeStatus, as_of: dt.date) -> list[tuple[tuple[int, int], Event]]:
    notice, window = status.notice, status.window
    task_title = f"第{notice.task_no}项整改任务"
    scope = f"（{'、'.join(notice.scope)}）" if notice.scope else ""
    period = f"公示期：{chinese_date(window.start)}至{chinese_date(window.end)}（共{window.days}个工作日）"
    out: list[tuple[tuple[int, int], Event]] = []

    def add(kind: str, index: int, date: dt.date, title: str, summary: str) -> None:
        if date > as_of:
            return
        out.append(((_EVENT_RANK[kind], index), Event(
            guid=guid_notice(notice.plan_id, notice.id, kind, index),
            kind=f"notice-{kind}",
            date=date,
            title=title,
            summary=summary,
            url=urls.notice(notice.id),
            plan_id=notice.plan_id,
            task_no=notice.task_no,
            banners=status.banners,
        )))

    add("open", 0, notice.start, notice_title(notice), f"{period}。公示期内可通过公示页面所列方式提出异议。")
    end_day = window.end + dt.timedelta(days=1)
    unsettled = [
        o for o in notice.objections
        if o.received <= window.end and (o.outcome != "dismissed" or o.resolved is None or o.resolved > window.end)
    ]
    if not unsettled:
        dismissed = any(o.received <= window.end for o in notice.objections)
        outcome = "期满，异议经核实不成立" if dismissed else "期满无异议"
        add("expired", 0, end_day, f"{task_title}验收销号公示{outcome}{scope}",
            f"公示期已于{chinese_date(window.end)}届满，可按程序销号。")
    for index, objection in enumerate(notice.objections, start=1):
        add("objection", index, objection.received, f"{task_title}验收销号公示收到异议{scope}", objection.summary)
        if objection.resolved is not None and objection.outcome == "upheld":
            add("decided", index, objection.resolved, f"{task_title}验收销号公示异议经核实成立{scope}",
                "异议经核实成立，整改任务重新整改。")
        elif objection.resolved is not None and objection.outcome == "dismissed":
            add("decided", index, objection.resolved, f"{task_title}验收销号公示异议经核实不成立{scope}",
                "异议经核实不成立，公示按程序继续。")
    if notice.closed_out is not None:
        add("closed-out", 0, notice.closed_out, f"{task_title}已销号{scope}", f"{chinese_date(notice.closed_out)}销号。")
    if notice.withdrawn is not None:
        add("withdrawn", 0, notice.withdrawn.date, f"{task_title}验收销号公示已撤回{scope}",
            f"{period}。本公示已于{chinese_date(notice.withdrawn.date)}撤回：{notice.withdrawn.reason}")
    return out
