"""What happened on which day, for feeds, the home page and task timelines.

Every event's GUID is made here and only here (`guid_*`). Subscribers'
readers keep what they have seen by GUID, so a GUID never changes once
published: changing one scheme below would resend every old item.

    urn:gongshi:<plan>:notice:<notice id>:<kind>[-<n>]     a notice opened, got objection n, …
    urn:gongshi:<plan>:notice:<notice id>                  the notice's calendar event (notices.ics)
    urn:gongshi:<plan>:progress:<year>                     a yearly report published
    urn:gongshi:<plan>:progress:<year>:task<no>[:<kind>]   a task's entry in it, its extension or rebound
    urn:gongshi:<plan>:event:<record id>                   an extension, rebound or 回头看 recorded in data/events/
    urn:gongshi:<first plan>:feed[:banner:<slug>]          the site's feed, and a 旗区's (Atom feed id)
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import replace

from . import messages as M
from . import urls
from .asof import chinese_date
from .model import Dataset, Event, ExtensionOrRebound, ProgressReport, Rebound, Task, TaskProgress, year_status
from .notice_status import NoticeStatus, counted_objections
from .schema import Outcome
from .titles import notice_subject, report_title, scope_words, task_name, with_plan
from .workcalendar import Window


def guid_notice(plan_id: str, notice_id: str, kind: str = "", index: int = 0) -> str:
    base = f"urn:gongshi:{plan_id}:notice:{notice_id}"
    if not kind:
        return base
    return f"{base}:{kind}{f'-{index}' if index else ''}"


def guid_last_day(plan_id: str, notice_id: str) -> str:
    """The calendar's second event of a notice, its last day to object: fixed, beside the window's (guid_notice)."""
    return guid_notice(plan_id, notice_id, "last-day")


def guid_report(plan_id: str, year: int, task_no: int | None = None, kind: str = "progress") -> str:
    base = f"urn:gongshi:{plan_id}:progress:{year}"
    if task_no is None:
        return base
    return f"{base}:task{task_no}{'' if kind == 'progress' else ':' + kind}"


def guid_record(plan_id: str, record_id: str) -> str:
    return f"urn:gongshi:{plan_id}:event:{record_id}"


# guid_record's GUIDs as a published feed holds them: (plan, record id), read back by the publication record.
RECORD_GUID = re.compile(r"urn:gongshi:([^:<>\"'\s]+):event:([^:<>\"'\s]+)")


def guid_feed(key: str, banner_slug: str = "") -> str:
    """A feed's own id: the site's (keyed by its first plan), or one 旗区's."""
    base = f"urn:gongshi:{key}:feed"
    return f"{base}:banner:{banner_slug}" if banner_slug else base


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
            summary=M.REPORT_SUMMARY.format(plan=title, year=r.year, count=len(r.tasks)),
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


def _rebound_title(task: Task, scope: str = "") -> str:
    """第33项 “煤改电”项目推进缓慢（达拉特旗）整改问题反弹，重新整改: what and where, as a notice's events say it."""
    return M.REBOUND_TITLE.format(task=task_name(task), scope=scope)


def _rebound_summary(reb: Rebound, found: str = "", limit: str = "") -> str:
    return M.REBOUND_SUMMARY.format(found=found, finding=reb.finding, notice=reb.notice, limit=limit)


def period(window: Window) -> str:
    """公示期：…至…（共10个工作日）, as feeds, the calendar and the notice's events say it."""
    return M.NOTICE_PERIOD.format(start=chinese_date(window.start), end=chinese_date(window.end), days=window.days)


def progress_timeline(entries: Iterable[tuple[ProgressReport, TaskProgress]], task: Task) -> list[Event]:
    """Each year's entry on the task, and its extension and rebound, as timeline items linked to the report."""
    out: list[Event] = []
    for r, entry in entries:
        if entry.extension is not None:
            ext = entry.extension
            approved = M.EXTENSION_APPROVED_BY.format(by=ext.approved_by) if ext.approved_by else M.EXTENSION_NOT_APPROVED
            out.append(_report_item(
                r, task, "extension", ext.requested, M.EXTENSION_REQUESTED_TITLE.format(task=task_name(task)),
                M.EXTENSION_REQUESTED_SUMMARY.format(day=chinese_date(ext.new_deadline), approved=approved, reason=ext.reason),
            ))
        if entry.rebound is not None:
            reb = entry.rebound
            out.append(_report_item(r, task, "rebound", reb.found, _rebound_title(task), _rebound_summary(reb)))
        out.append(_report_item(
            r, task, "progress", r.published, M.PROGRESS_ENTRY_TITLE.format(year=r.year, status=year_status(entry)[0]),
            M.PROGRESS_ENTRY_SUMMARY.format(year=r.year),
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
        scope = scope_words(c.scope)
        if c.report is not None:
            if c.rebound is not None:
                reb = c.rebound
                out.append(_report_item(
                    c.report, task, "rebound", reb.found, _rebound_title(task), _rebound_summary(reb)
                ))
            continue
        banners = c.scope or task.banners
        # Dated the day it became public (a feed's item is new then); the text says when it happened, if earlier.
        if c.rebound is not None:
            reb = c.rebound
            limit = M.REBOUND_LIMIT.format(day=chinese_date(reb.limit)) if reb.limit else ""
            if reb.escalation is not None:
                limit += M.REBOUND_ESCALATED.format(
                    day=chinese_date(reb.escalation.date), document=reb.escalation.document
                )
            found = M.REBOUND_FOUND_ON.format(day=chinese_date(c.dated)) if c.dated else ""
            # A rebound moved from a published report keeps the GUID and date its readers already have.
            moved = c.report_year is not None
            guid = (guid_report(c.plan_id, c.report_year, task.no, "rebound") if c.report_year is not None
                    else guid_record(c.plan_id, c.record_id))
            out.append(Event(
                guid=guid, kind="rebound", date=reb.found if moved else c.known,
                title=_rebound_title(task, scope), summary=_rebound_summary(reb, found, limit),
                url=urls.task(task), plan_id=c.plan_id, task_no=task.no, banners=banners,
            ))
        elif c.extension is not None:
            ext = c.extension
            out.append(Event(
                guid=guid_record(c.plan_id, c.record_id), kind="extension", date=c.known,
                title=M.EXTENSION_TITLE.format(task=task_name(task), scope=scope),
                summary=M.EXTENSION_SUMMARY.format(
                    dated=chinese_date(c.dated) if c.dated else "", by=ext.approved_by,
                    day=chinese_date(ext.new_deadline), document=c.document, reason=ext.reason,
                ),
                url=urls.task(task), plan_id=c.plan_id, task_no=task.no, banners=banners,
            ))
    return tuple(out)


def review_events(dataset: Dataset, as_of: dt.date) -> tuple[Event, ...]:
    """A feed item per 回头看 (三、保障措施（一）) public by `as_of`: 巩固, or the rebound it found."""
    out: list[Event] = []
    for r in dataset.records:
        if r.review is None or r.recorded > as_of:
            continue
        plan = dataset.plan(r.plan_id)
        task = plan.task(r.task_no) if plan else None
        if task is None:
            continue
        found = next((x for x in dataset.records if x.id == r.review.rebound), None) if r.review.rebound else None
        if found is not None and found.rebound is not None:
            result = M.REVIEW_FOUND_REBOUND.format(day=chinese_date(found.date), finding=found.rebound.finding)
        else:
            result = M.REVIEW_CONSOLIDATED
        dated = M.REVIEW_ON.format(day=chinese_date(r.date)) if r.date != r.recorded else ""
        out.append(Event(
            guid=guid_record(r.plan_id, r.id), kind="review", date=r.recorded,
            title=M.REVIEW_TITLE.format(task=task_name(task), scope=scope_words(r.scope)),
            summary=M.REVIEW_SUMMARY.format(dated=dated, document=r.document, result=result),
            url=urls.task(task), plan_id=r.plan_id, task_no=task.no, banners=r.scope or task.banners,
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
    # 第7项 餐厨垃圾处理设施建设（鄂托克前旗）: every event of the notice says what and where, as its title does.
    task_title, scope = notice_subject(notice, status.task, status.covers), ""
    said_period = period(window)
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

    add("open", 0, notice.start, status.title, M.NOTICE_OPEN_SUMMARY.format(period=said_period))
    end_day = window.end + dt.timedelta(days=1)
    # As known when the window ended: any objection not yet dismissed by then keeps the notice from expiring.
    by_end = counted_objections(notice, window.end)
    # A notice withdrawn before its window ended never expired: its feed says 已撤回, not 公示期满.
    withdrawn_in_window = notice.withdrawn is not None and notice.withdrawn.date <= window.end
    if not withdrawn_in_window and all(o.outcome is Outcome.DISMISSED for o in by_end):
        dismissed = bool(by_end)
        outcome = M.NOTICE_EXPIRED_DISMISSED if dismissed else M.NOTICE_EXPIRED_PLAIN
        add("expired", 0, end_day, M.NOTICE_EXPIRED_TITLE.format(task=task_title, outcome=outcome, scope=scope),
            M.NOTICE_EXPIRED_SUMMARY.format(end=chinese_date(window.end)))
    for index, objection in enumerate(notice.objections, start=1):
        add("objection", index, objection.received, M.NOTICE_OBJECTION_TITLE.format(task=task_title, scope=scope), objection.summary)
        if objection.resolved is not None and objection.outcome is Outcome.UPHELD:
            add("decided", index, objection.resolved, M.NOTICE_UPHELD_TITLE.format(task=task_title, scope=scope),
                M.NOTICE_UPHELD_SUMMARY)
        elif objection.resolved is not None and objection.outcome is Outcome.DISMISSED:
            add("decided", index, objection.resolved, M.NOTICE_DISMISSED_TITLE.format(task=task_title, scope=scope),
                M.NOTICE_DISMISSED_SUMMARY)
    if notice.closed_out is not None:
        add("closed-out", 0, notice.closed_out, M.NOTICE_CLOSED_OUT_TITLE.format(task=task_title, scope=scope),
            M.NOTICE_CLOSED_OUT_SUMMARY.format(day=chinese_date(notice.closed_out)))
    if notice.withdrawn is not None:
        add("withdrawn", 0, notice.withdrawn.date, M.NOTICE_WITHDRAWN_TITLE.format(task=task_title, scope=scope),
            M.NOTICE_WITHDRAWN_SUMMARY.format(
                period=said_period, day=chinese_date(notice.withdrawn.date), reason=notice.withdrawn.reason
            ))
    return out
