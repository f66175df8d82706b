"""Where each task stands as of the build's date: the single place for status rules.

A status states only what the data records, plus what follows from dates
alone. 已销号 needs a recorded close-out date; 逾期 means only that the
deadline has passed with no close-out recorded.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Iterable

from . import urls
from .asof import chinese_date
from .model import Dataset, Event, Extension, Notice, ProgressReport, Rebound, Task, TaskProgress
from .workcalendar import Window, WorkCalendar


class TaskState(str, Enum):
    """Task states in the plan's own words, in the order a task moves through them."""

    RECTIFYING = "整改中"
    OVERDUE = "逾期"
    EXTENDED = "已延期"
    IN_PUBLICITY = "公示中"
    OBJECTION = "异议核实中"
    AWAITING_CLOSE_OUT = "公示期满无异议"
    CLOSED_OUT = "已销号"
    SUSTAINED = "长期坚持"  # closed out, but the deadline says 长期坚持: never shown as finished

    @property
    def css(self) -> str:
        return self.name.lower().replace("_", "-")


@dataclass(frozen=True)
class TaskStatus:
    state: TaskState
    note: str


@dataclass(frozen=True)
class Snapshot:
    """Every computed status of one build, keyed by (plan id, task number).

    `notices` holds only published notices (start ≤ as_of), in (start, id)
    order; a queued notice is absent from the snapshot and so from the site.
    `events` are newest first.
    """

    as_of: dt.date
    tasks: dict[tuple[str, int], TaskStatus]
    notices: tuple["NoticeStatus", ...] = field(default=())
    events: tuple[Event, ...] = field(default=())
    reports: tuple[ProgressReport, ...] = field(default=())  # published only, oldest first

    def of(self, task: Task) -> TaskStatus:
        return self.tasks[(task.plan_id, task.no)]

    def notices_of(self, task: Task) -> tuple["NoticeStatus", ...]:
        return self._notices_by_task.get((task.plan_id, task.no), ())

    def events_of(self, task: Task) -> tuple[Event, ...]:
        """The task's events, oldest first (a timeline)."""
        return tuple(reversed(self._events_by_task.get((task.plan_id, task.no), ())))

    # Indexed once per build: scanning every notice/event for each task page is quadratic
    # (several seconds for a region's 2,000 tasks). cached_property writes the instance
    # __dict__ directly, so it works on this frozen dataclass.
    @functools.cached_property
    def _notices_by_task(self) -> dict[tuple[str, int], tuple["NoticeStatus", ...]]:
        found: dict[tuple[str, int], list[NoticeStatus]] = {}
        for n in self.notices:
            found.setdefault((n.notice.plan_id, n.notice.task_no), []).append(n)
        return {key: tuple(items) for key, items in found.items()}

    @functools.cached_property
    def _events_by_task(self) -> dict[tuple[str, int | None], list[Event]]:
        found: dict[tuple[str, int | None], list[Event]] = {}
        for e in self.events:
            found.setdefault((e.plan_id, e.task_no), []).append(e)
        return found

    def report(self, year: int) -> ProgressReport | None:
        return next((r for r in self.reports if r.year == year), None)

    def previous(self, report: ProgressReport) -> ProgressReport | None:
        """The latest published report of the same plan before `report` (for 与上年相比)."""
        earlier = [r for r in self.reports if r.plan_id == report.plan_id and r.year < report.year]
        return earlier[-1] if earlier else None

    def progress_of(self, task: Task) -> tuple[tuple[ProgressReport, TaskProgress], ...]:
        """Each published report's entry on the task, oldest first."""
        return tuple(
            (r, entry) for r in self.reports
            if r.plan_id == task.plan_id and (entry := r.task(task.no)) is not None
        )

    def timeline(self, task: Task) -> tuple[Event, ...]:
        """The task's events and each year's progress, extension and rebound, oldest first."""
        items = list(self.events_of(task)) + [
            e for e in progress_timeline(self.progress_of(task), task) if e.kind != "rebound"
        ]
        return tuple(sorted(items, key=lambda e: e.date))

    def notices_in(self, *states: "NoticeState") -> tuple["NoticeStatus", ...]:
        return tuple(n for n in self.notices if n.state in states)

    def count(self, tasks: list[Task] | tuple[Task, ...]) -> dict[TaskState, int]:
        counts = {state: 0 for state in TaskState}
        for task in tasks:
            counts[self.of(task).state] += 1
        return counts


@dataclass(frozen=True)
class Reported:
    """What the published yearly reports record about one task: the latest word, extension and rebound."""

    year: int | None = None
    status: str | None = None
    extension: Extension | None = None
    rebound: Rebound | None = None


def reported(entries: Iterable[tuple[ProgressReport, TaskProgress]]) -> Reported:
    """The latest status, and the latest extension and rebound recorded in any report (oldest first in)."""
    result = Reported()
    for report, entry in entries:
        result = Reported(
            year=report.year,
            status=entry.status,
            extension=entry.extension or result.extension,
            rebound=entry.rebound or result.rebound,
        )
    return result


def task_status(task: Task, as_of: dt.date, rep: Reported | None = None) -> TaskStatus:
    """The state from the deadline and the reports alone (notices are applied after).

    Past a completion deadline a task is 逾期 unless its latest report says
    已完成 or an approved extension runs past as_of (已延期). A milestone date
    (取得阶段性成效) is never a completion deadline.
    """
    rep = rep or Reported()
    deadline = task.deadline
    latest = f"{rep.year}年度整改进展：{rep.status}" if rep.status else ""
    if deadline.date and not deadline.milestone and as_of > deadline.date:
        if rep.status == "已完成":
            return TaskStatus(TaskState.RECTIFYING, f"整改时限已过；{latest}，尚无验收销号记录")
        ext = rep.extension
        if ext is not None and ext.approved_by:
            if as_of <= ext.new_deadline:
                return TaskStatus(
                    TaskState.EXTENDED,
                    f"原整改时限已过，经{ext.approved_by}同意延期至{chinese_date(ext.new_deadline)}",
                )
            return TaskStatus(TaskState.OVERDUE, f"延期后的整改时限{chinese_date(ext.new_deadline)}已过，尚无验收销号记录")
        note = "整改时限已过，尚无验收销号记录"
        if ext is not None:
            note += f"；{chinese_date(ext.requested)}申请延期至{chinese_date(ext.new_deadline)}，尚无批准记录"
        return TaskStatus(TaskState.OVERDUE, note + (f"；{latest}" if latest else ""))
    if deadline.date and deadline.milestone and as_of > deadline.date:
        note = f"取得阶段性成效的时限{chinese_date(deadline.date)}已到，此后长期坚持"
        return TaskStatus(TaskState.RECTIFYING, note + (f"；{latest}" if latest else ""))
    return TaskStatus(TaskState.RECTIFYING, latest)


def rebound_status(rebound: Rebound) -> TaskStatus:
    return TaskStatus(
        TaskState.RECTIFYING,
        f"{chinese_date(rebound.found)}发现整改问题反弹（{rebound.notice}），已销号的整改任务重新整改",
    )


def sustained(task: Task, st: TaskStatus) -> TaskStatus:
    """A 长期坚持 task closed out is still to be kept up: shown as such, not as finished."""
    if st.state is TaskState.CLOSED_OUT and task.deadline.ongoing:
        note = "；".join(x for x in (st.note, f"整改时限为“{task.deadline.text}”，销号后长期坚持") if x)
        return TaskStatus(TaskState.SUSTAINED, note)
    return st


def snapshot(dataset: Dataset, as_of: dt.date, calendar: WorkCalendar | None = None) -> Snapshot:
    """All statuses as of `as_of`. `calendar` is needed once there are notices (their windows)."""
    published: tuple[NoticeStatus, ...] = ()
    if dataset.notices:
        if calendar is None:
            raise ValueError("snapshot: notices need the working-day calendar")
        published = tuple(
            n for n in notice_statuses(dataset, calendar, as_of) if n.state is not NoticeState.QUEUED
        )
    of_task: dict[tuple[str, int], list[NoticeStatus]] = {}  # grouped once, not per task
    for n in published:
        of_task.setdefault((n.notice.plan_id, n.notice.task_no), []).append(n)
    reports = tuple(r for r in dataset.progress if r.published <= as_of)  # a report is public from its date
    entries: dict[tuple[str, int], list[tuple[ProgressReport, TaskProgress]]] = {}
    for r in reports:
        for entry in r.tasks:
            entries.setdefault((r.plan_id, entry.task_no), []).append((r, entry))
    statuses: dict[tuple[str, int], TaskStatus] = {}
    task_events: list[Event] = []
    for plan in dataset.plans:
        for t in plan.tasks:
            mine_entries = entries.get((t.plan_id, t.no), [])
            rep = reported(mine_entries)
            base = task_status(t, as_of, rep)
            mine = of_task.get((t.plan_id, t.no), [])
            if rep.rebound is not None:
                # Close-outs before the rebound no longer count; a later notice may close it again.
                mine = [n for n in mine if n.notice.start > rep.rebound.found]
                base = rebound_status(rep.rebound)
            st = task_status_with_notices(t, base, mine) if mine else base
            statuses[(t.plan_id, t.no)] = sustained(t, st)
            task_events += [e for e in progress_timeline(mine_entries, t) if e.kind == "rebound"]
    events = notice_events(published, as_of) + report_events(dataset, reports) + tuple(task_events)
    events = tuple(sorted(events, key=lambda e: e.date, reverse=True))  # stable: same-day order kept
    if len(dataset.plans) > 1:
        titles = {plan.id: plan.title for plan in dataset.plans}
        events = tuple(_plan_named(e, titles[e.plan_id]) for e in events)
    return Snapshot(as_of=as_of, tasks=statuses, notices=published, events=events, reports=reports)


def with_plan(title: str, plan_title: str) -> str:
    """《…整改方案》第12项整改任务…: how a site with several plans names a task's event away from its plan.

    The plan's title, not its area: one city has several plans (one per
    inspection round), and a yearly report's title already names the plan so.
    """
    return f"《{plan_title}》{title}"


def _plan_named(event: Event, plan_title: str) -> Event:
    """The event with its plan named, when it is about one task (第12项…); a report's title names it already."""
    if event.task_no is None:
        return event
    return replace(event, title=with_plan(event.title, plan_title), local_title=event.title)


# ---------------------------------------------------------------------------
# 年度整改进展: the publication of each report, and each task's yearly entries.
# ---------------------------------------------------------------------------


def report_title(report: ProgressReport, plan_title: str) -> str:
    """2025年度整改进展; on a site with several plans the plan is named, as one year has several reports."""
    if report.several_plans:
        return f"《{plan_title}》{report.year}年度整改进展"
    return f"{report.year}年度整改进展"


def report_events(dataset: Dataset, reports: Iterable[ProgressReport]) -> tuple[Event, ...]:
    """One feed item per published report (reports must already be filtered by as_of)."""
    out: list[Event] = []
    for r in reports:
        plan = dataset.plan(r.plan_id)
        title = plan.title if plan else r.plan_id
        out.append(Event(
            guid=f"urn:gongshi:{r.plan_id}:progress:{r.year}",
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


def progress_timeline(entries: Iterable[tuple[ProgressReport, TaskProgress]], task: Task) -> list[Event]:
    """Each year's entry on the task, and its extension and rebound, as timeline items linked to the report."""
    out: list[Event] = []
    for r, entry in entries:
        url = urls.progress_task(r, task.no)
        base = f"urn:gongshi:{r.plan_id}:progress:{r.year}:task{task.no}"

        def item(kind: str, date: dt.date, title: str, summary: str) -> Event:
            return Event(
                guid=f"{base}{':' + kind if kind != 'progress' else ''}", kind=kind, date=date, title=title,
                summary=summary, url=url, plan_id=r.plan_id, task_no=task.no, banners=task.banners,
            )

        if entry.extension is not None:
            ext = entry.extension
            approved = f"，经{ext.approved_by}同意" if ext.approved_by else "，尚无批准记录"
            out.append(item(
                "extension", ext.requested, f"第{task.no}项整改任务申请延期整改",
                f"申请延期至{chinese_date(ext.new_deadline)}{approved}。原因：{ext.reason}",
            ))
        if entry.rebound is not None:
            reb = entry.rebound
            out.append(item(
                "rebound", reb.found, f"第{task.no}项整改任务整改问题反弹，重新整改",
                f"{reb.finding}（{reb.notice}）",
            ))
        out.append(item("progress", r.published, f"{r.year}年度整改进展：{entry.status}", f"见{r.year}年度整改进展报告。"))
    return out


# ---------------------------------------------------------------------------
# 验收销号公示: each notice's state, the task state it implies, and its events.
# ---------------------------------------------------------------------------


class NoticeState(str, Enum):
    """A notice's state in the plan's words. QUEUED is never published."""

    QUEUED = "待公示"
    OPEN = "公示中"
    OBJECTION = "异议核实中"
    AWAITING_CLOSE_OUT = "公示期满无异议"
    CLOSED_OUT = "已销号"
    UPHELD = "异议成立"

    @property
    def css(self) -> str:
        return self.name.lower().replace("_", "-")


_TASK_STATE_OF = {
    NoticeState.OPEN: TaskState.IN_PUBLICITY,
    NoticeState.OBJECTION: TaskState.OBJECTION,
    NoticeState.AWAITING_CLOSE_OUT: TaskState.AWAITING_CLOSE_OUT,
    NoticeState.CLOSED_OUT: TaskState.CLOSED_OUT,
}


@dataclass(frozen=True)
class NoticeStatus:
    """One notice as of the build's date: its computed window and state.

    `workdays_left` counts the window's working days from as_of on, as_of
    included (0 once it has ended); `running` is true while the window is
    open and the notice has not ended early on an upheld objection;
    `banners` is the scope, or every 旗区 of the task.
    """

    notice: Notice
    task: Task
    window: Window
    state: NoticeState
    note: str
    workdays_left: int
    running: bool
    banners: tuple[str, ...]

    @property
    def id(self) -> str:
        return self.notice.id

    @property
    def title(self) -> str:
        return notice_title(self.notice)


def notice_title(notice: Notice) -> str:
    """第12项整改任务验收销号公示, with the 旗区 when the notice covers only some."""
    scope = f"（{'、'.join(notice.scope)}）" if notice.scope else ""
    return f"第{notice.task_no}项整改任务验收销号公示{scope}"


def notice_state(notice: Notice, window: Window, as_of: dt.date) -> tuple[NoticeState, str]:
    """The state of one notice on `as_of`, from its dates alone, and a short note saying why.

    Dates after `as_of` count as not yet happened: an objection decided
    tomorrow is pending today; a close-out dated tomorrow is not yet recorded.
    """
    if as_of < notice.start:
        return NoticeState.QUEUED, f"{chinese_date(notice.start)}开始公示"
    received = [o for o in notice.objections if o.received <= as_of]
    decided = [o for o in received if o.outcome != "pending" and o.resolved is not None and o.resolved <= as_of]
    upheld = [o for o in decided if o.outcome == "upheld"]
    if upheld:
        return NoticeState.UPHELD, f"异议经核实成立（{chinese_date(upheld[0].resolved)}），整改任务重新整改"
    if len(decided) < len(received):
        first = next(o for o in received if o not in decided)
        return NoticeState.OBJECTION, f"{chinese_date(first.received)}收到异议，正在核实"
    if notice.closed_out is not None and notice.closed_out <= as_of:
        return NoticeState.CLOSED_OUT, f"{chinese_date(notice.closed_out)}销号"
    if as_of <= window.end:
        return NoticeState.OPEN, f"公示期至{chinese_date(window.end)}"
    if decided:
        return NoticeState.AWAITING_CLOSE_OUT, f"公示期已于{chinese_date(window.end)}届满，异议经核实不成立，尚无销号记录"
    return NoticeState.AWAITING_CLOSE_OUT, f"公示期已于{chinese_date(window.end)}届满，尚无销号记录"


def notice_statuses(dataset: Dataset, calendar: WorkCalendar, as_of: dt.date) -> list[NoticeStatus]:
    """Every notice, queued ones included (for `gongshi notice list`), in (start, id) order."""
    result: list[NoticeStatus] = []
    for notice in sorted(dataset.notices, key=lambda n: (n.start, n.id)):
        plan = dataset.plan(notice.plan_id)
        task = plan.task(notice.task_no) if plan else None
        if task is None:
            raise ValueError(f"notice {notice.id}: task {notice.task_no} of plan {notice.plan_id} not loaded")
        window = calendar.window(notice.start, notice.workdays)
        state, note = notice_state(notice, window, as_of)
        left = calendar.remaining_workdays(window, as_of) if state is not NoticeState.QUEUED else window.days
        running = state in (NoticeState.OPEN, NoticeState.OBJECTION) and notice.start <= as_of <= window.end
        result.append(NoticeStatus(notice, task, window, state, note, left, running, notice.scope or task.banners))
    return result


def task_status_with_notices(task: Task, base: TaskStatus, notices: Iterable[NoticeStatus]) -> TaskStatus:
    """The task's status once its published notices are counted.

    Each 旗区 (or the task as a whole when it names none) takes the state of
    the latest notice covering it. The task is 已销号 only when every part
    is; otherwise it shows the most advanced state of the parts that are not
    closed out, and the note says which 旗区 stand where.
    """
    parts: tuple[str, ...] = task.banners or ("",)
    latest: dict[str, NoticeStatus] = {}
    for status in sorted(notices, key=lambda n: (n.notice.start, n.notice.id)):
        for part in status.notice.scope or parts:
            latest[part] = status
    if not latest:
        return base
    states = {part: _part_state(latest.get(part), base) for part in parts}
    deciding = {n.notice.id: n for n in latest.values()}
    if len(deciding) == 1 and len(latest) == len(parts):
        only = next(iter(deciding.values()))
        if only.state is NoticeState.UPHELD:
            prefix = "整改时限已过；" if base.state is TaskState.OVERDUE else ""
            return TaskStatus(base.state, f"{prefix}验收销号公示{only.note}")
        return TaskStatus(_TASK_STATE_OF[only.state], only.note)
    if all(s is TaskState.CLOSED_OUT for s in states.values()):
        last = max((n.notice.closed_out for n in latest.values() if n.notice.closed_out), default=None)
        return TaskStatus(TaskState.CLOSED_OUT, f"各旗区分别验收销号，最后一次销号于{chinese_date(last)}" if last else "")
    open_states = [s for s in states.values() if s is not TaskState.CLOSED_OUT]
    state = max(open_states, key=list(TaskState).index)
    return TaskStatus(state, _parts_note(parts, latest, base))


def _part_state(status: NoticeStatus | None, base: TaskStatus) -> TaskState:
    if status is None or status.state is NoticeState.UPHELD:
        return base.state
    return _TASK_STATE_OF[status.state]


def _parts_note(parts: tuple[str, ...], latest: dict[str, NoticeStatus], base: TaskStatus) -> str:
    """已销号（达拉特旗、准格尔旗）；公示中（杭锦旗）；其余旗区尚无验收销号记录."""
    groups: dict[NoticeState, list[str]] = {}
    for part in parts:
        if part in latest:
            groups.setdefault(latest[part].state, []).append(part)
    order = [NoticeState.CLOSED_OUT, NoticeState.AWAITING_CLOSE_OUT, NoticeState.OBJECTION, NoticeState.OPEN, NoticeState.UPHELD]
    pieces = [f"{state.value}（{'、'.join(groups[state])}）" for state in order if state in groups]
    if len(latest) < len(parts):
        pieces.append("其余旗区尚无验收销号记录")
    behind = len(latest) < len(parts) or NoticeState.UPHELD in groups
    prefix = "整改时限已过；" if behind and base.state is TaskState.OVERDUE else ""
    return prefix + "；".join(pieces)


_EVENT_RANK = {"open": 0, "objection": 1, "decided": 2, "expired": 3, "closed-out": 4}


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
            guid=f"urn:gongshi:{notice.plan_id}:notice:{notice.id}:{kind}{f'-{index}' if index else ''}",
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
    return out
