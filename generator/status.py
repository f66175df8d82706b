"""Where each task, and each 旗区's part of it, stands as of the build's date: the one home of state rules.

The plan counts a task as done only after acceptance, notice and close-out
(附件 一、工作流程), and allows acceptance per 旗区 (附件 二（一）). So:

- a *part* is one 旗区 of a task (or the whole task when it names none);
- a part is finished only when a close-out covers it: a notice for the
  whole task covers every part, a notice with `scope` covers those 旗区;
- past its completion deadline (or an approved extended one) without
  close-out a part is overdue whatever a report says; a rebound sends a
  closed-out part back to rectification, overdue once its time limit passes;
- a task's state follows from its parts (`task_state`).

Every task and every part has exactly one `TaskState` at a time; each state
belongs to exactly one `Group`, and the overdue count is the sum of the
overdue states. README "状态如何判定" states the same rules in Chinese.

A notice's own state as of the date (its window, objections, note) is
notice_status.py's; feed events are feed_events.py's: this module reads both.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import Enum

from .asof import chinese_date
from .feed_events import notice_events, plan_named, progress_timeline, rebound_events, report_events, review_events
from .model import (
    Dataset,
    Event,
    Extension,
    ExtensionOrRebound,
    ProgressReport,
    Rebound,
    Task,
    TaskProgress,
    year_status,
)
from .notice_status import NoticeState, NoticeStatus, notice_statuses
from .schema import NOT_REPORTED, STATUSES, SUBUNIT_WORD
from .titles import scope_words
from .workcalendar import WorkCalendar

COMPLETED, ON_SCHEDULE, BEHIND = STATUSES  # the words a yearly report gives a task


class Group(str, Enum):
    """The counts every page shows: each state belongs to exactly one group."""

    RECTIFYING = "rectifying"
    EXTENDED = "extended"
    IN_PROCEDURE = "in_procedure"
    OVERDUE = "overdue"
    CLOSED_OUT = "closed_out"
    SUSTAINED = "sustained"

    @property
    def label(self) -> str:
        return _GROUP_LABELS[self]

    @property
    def css(self) -> str:
        return self.value.replace("_", "-")


_GROUP_LABELS = {
    Group.RECTIFYING: "整改中",
    Group.EXTENDED: "已延期",
    Group.IN_PROCEDURE: "验收销号中",
    Group.OVERDUE: "逾期",
    Group.CLOSED_OUT: "已销号",
    Group.SUSTAINED: "长期坚持",
}


class TaskState(str, Enum):
    """A task's or a part's state: a stable English code (the value) and its Chinese label.

    Listed in order of precedence: a task with several parts takes the state
    of its part that comes first here (the part furthest from close-out), and
    is 已销号 (or 已销号，长期坚持) only when every part is.
    """

    OVERDUE = "overdue"
    REBOUND_OVERDUE = "rebound_overdue"
    MILESTONE_OVERDUE = "milestone_overdue"
    COMPLETED_OVERDUE = "completed_overdue"
    OVERDUE_OBJECTION = "overdue_objection"
    OVERDUE_IN_PUBLICITY = "overdue_in_publicity"
    OVERDUE_AWAITING_CLOSE_OUT = "overdue_awaiting_close_out"
    REBOUND = "rebound"
    EXTENDED = "extended"
    RECTIFYING = "rectifying"
    OBJECTION = "objection"
    IN_PUBLICITY = "in_publicity"
    AWAITING_CLOSE_OUT = "awaiting_close_out"
    SUSTAINED = "sustained"
    CLOSED_OUT = "closed_out"

    @property
    def code(self) -> str:
        return self.value

    @property
    def label(self) -> str:
        return _LABELS[self][0]

    @property
    def group(self) -> Group:
        return _LABELS[self][1]

    @property
    def overdue(self) -> bool:
        return self.group is Group.OVERDUE

    @property
    def css(self) -> str:
        """The class the styles know: overdue states look overdue, a rebound like rectification."""
        if self.overdue:
            return "overdue"
        if self is TaskState.REBOUND:
            return "rectifying"
        return self.value.replace("_", "-")


_LABELS: dict[TaskState, tuple[str, Group]] = {
    TaskState.OVERDUE: ("逾期未完成整改", Group.OVERDUE),
    TaskState.REBOUND_OVERDUE: ("问题反弹，逾期未完成整改", Group.OVERDUE),
    TaskState.MILESTONE_OVERDUE: ("逾期未取得阶段性成效", Group.OVERDUE),
    TaskState.COMPLETED_OVERDUE: ("已完成整改，逾期未验收销号", Group.OVERDUE),
    TaskState.OVERDUE_OBJECTION: ("逾期，异议核实中", Group.OVERDUE),
    TaskState.OVERDUE_IN_PUBLICITY: ("逾期，公示中", Group.OVERDUE),
    TaskState.OVERDUE_AWAITING_CLOSE_OUT: ("逾期，公示期满待销号", Group.OVERDUE),
    TaskState.REBOUND: ("问题反弹，重新整改", Group.RECTIFYING),
    TaskState.EXTENDED: ("已延期", Group.EXTENDED),
    TaskState.RECTIFYING: ("整改中", Group.RECTIFYING),
    TaskState.OBJECTION: ("异议核实中", Group.IN_PROCEDURE),
    TaskState.IN_PUBLICITY: ("公示中", Group.IN_PROCEDURE),
    TaskState.AWAITING_CLOSE_OUT: ("公示期满待销号", Group.IN_PROCEDURE),
    TaskState.SUSTAINED: ("已销号，长期坚持", Group.SUSTAINED),
    TaskState.CLOSED_OUT: ("已销号", Group.CLOSED_OUT),
}

PRECEDENCE: tuple[TaskState, ...] = tuple(TaskState)
OVERDUE_STATES: tuple[TaskState, ...] = tuple(s for s in TaskState if s.overdue)
_RANK = {state: i for i, state in enumerate(PRECEDENCE)}


def state_table() -> list[dict[str, str]]:
    """The published list of states, in order of precedence (README and api/states.json say the same)."""
    return [{"code": s.code, "label": s.label, "group": s.group.value, "group_label": s.group.label} for s in TaskState]


@dataclass(frozen=True)
class PartStatus:
    """One 旗区's part of a task ("" for a task that names no 旗区), and the notice that decided it."""

    banner: str
    state: TaskState
    note: str
    notice_id: str | None = None


@dataclass(frozen=True)
class TaskStatus:
    state: TaskState
    note: str
    parts: tuple[PartStatus, ...] = field(default=(), compare=False)

    def part(self, banner: str) -> PartStatus:
        """The 旗区's own part; a task that names no 旗区 has one part for the whole."""
        for p in self.parts:
            if p.banner == banner:
                return p
        return self.parts[0] if len(self.parts) == 1 and self.parts[0].banner == "" else PartStatus(banner, self.state, self.note)


# ---------------------------------------------------------------------------
# Extensions and rebounds: from yearly reports (whole task) and dated records (data/events/).
# ---------------------------------------------------------------------------


def report_changes(reports: Iterable[ProgressReport]) -> list[ExtensionOrRebound]:
    """Each extension and rebound recorded in a published report: the whole task, known from the report's date."""
    out = []
    for r in reports:
        for entry in r.tasks:
            if entry.extension is not None:
                out.append(ExtensionOrRebound(
                    r.plan_id, entry.task_no, (), r.published, extension=entry.extension, source=r.source, report=r,
                ))
            if entry.rebound is not None:
                out.append(ExtensionOrRebound(r.plan_id, entry.task_no, (), r.published, rebound=entry.rebound, source=r.source, report=r))
    return out


# ---------------------------------------------------------------------------
# The state of each part, and of each task from its parts.
# ---------------------------------------------------------------------------


_IN_PROCEDURE = {
    NoticeState.OPEN: (TaskState.IN_PUBLICITY, TaskState.OVERDUE_IN_PUBLICITY),
    NoticeState.OBJECTION: (TaskState.OBJECTION, TaskState.OVERDUE_OBJECTION),
    NoticeState.AWAITING_CLOSE_OUT: (TaskState.AWAITING_CLOSE_OUT, TaskState.OVERDUE_AWAITING_CLOSE_OUT),
}


@dataclass(frozen=True)
class _Reported:
    year: int
    published: dt.date
    status: str


def _reported(entries: Sequence[tuple[ProgressReport, TaskProgress]], part: str) -> _Reported | None:
    """The latest published report's word on the part: the 旗区's own status when the report gives one.

    A report with no word on the part (no city status yet, no entry of the
    旗区) leaves the state as it was: the report before it speaks.
    """
    for report, entry in reversed(entries):
        word, _ = year_status(entry, part)
        if word != NOT_REPORTED:
            return _Reported(report.year, report.published, word)
    return None


def part_status(
    task: Task,
    part: str,
    as_of: dt.date,
    notices: Sequence[NoticeStatus],
    entries: Sequence[tuple[ProgressReport, TaskProgress]],
    changes: Sequence[ExtensionOrRebound],
) -> PartStatus:
    """The part's one state, by the first rule that holds (README "状态如何判定").

    `notices` are the published notices of the task, oldest first; `entries`
    the published reports' entries on it, oldest first; `changes` its
    extensions and rebounds known by `as_of`, oldest first.
    """
    mine = [
        n for n in notices
        if n.state is not NoticeState.WITHDRAWN and part in n.covers
    ]
    # A rebound concerns a part that was closed out before it was found (a whole-task rebound leaves
    # a 旗区 that never was closed out in its own state).
    rebound = next((
        c.rebound for c in reversed(changes)
        if c.rebound and c.covers(part) and c.rebound.found <= as_of
        and any(n.notice.closed_out is not None and n.notice.closed_out <= c.rebound.found for n in mine)
    ), None)
    extension = next((c.extension for c in reversed(changes) if c.extension and c.covers(part)), None)
    if rebound is not None:  # close-outs before the rebound no longer count; a later notice may close it again
        mine = [n for n in mine if n.notice.start > rebound.found]
    deciding = mine[-1] if mine else None
    if deciding is not None and deciding.state is NoticeState.CLOSED_OUT:
        if task.deadline.ongoing:
            return PartStatus(part, TaskState.SUSTAINED, f"{deciding.note}；整改时限为“{task.deadline.text}”，销号后长期坚持", deciding.id)
        return PartStatus(part, TaskState.CLOSED_OUT, deciding.note, deciding.id)
    state, note = _rectification(task, part, as_of, _reported(entries, part), extension, rebound)
    if deciding is None:
        return PartStatus(part, state, note)
    if deciding.state is NoticeState.UPHELD:
        return PartStatus(part, state, "；".join(x for x in (note, f"验收销号公示{deciding.note}") if x), deciding.id)
    plain, late = _IN_PROCEDURE[deciding.state]
    if state.overdue:
        return PartStatus(part, late, f"{note}；{deciding.note}", deciding.id)
    return PartStatus(part, plain, deciding.note, deciding.id)


def _rectification(
    task: Task, part: str, as_of: dt.date, rep: _Reported | None, ext: Extension | None, rebound: Rebound | None,
) -> tuple[TaskState, str]:
    """The state of a part that is not closed out and has no notice in progress: from dates and reports."""
    latest = f"{rep.year}年度整改进展：{rep.status}" if rep else ""
    done = rep is not None and rep.status == COMPLETED

    def with_latest(note: str) -> str:
        return "；".join(x for x in (note, latest) if x)

    if rebound is not None:
        found = f"{chinese_date(rebound.found)}发现整改问题反弹（{rebound.notice}），重新整改"
        if rebound.limit is None:  # a published report's rebound: the page shows what is recorded, no more
            return TaskState.REBOUND, found
        if as_of > rebound.limit:
            return TaskState.REBOUND_OVERDUE, with_latest(f"{found}，整改期限{chinese_date(rebound.limit)}已过，尚无验收销号记录")
        return TaskState.REBOUND, f"{found}，限{chinese_date(rebound.limit)}前完成"
    deadline = task.deadline
    if deadline.date is None:  # 立行立改，长期坚持: no date to be late against
        return TaskState.RECTIFYING, latest
    # A 取得阶段性成效 date is a close-out deadline like any other (三、保障措施（二）: 未按时验收销号);
    # an approved extension moves either.
    approved = ext if ext is not None and ext.approved_by else None
    due = approved.new_deadline if approved else deadline.date
    if as_of > due:
        passed = "取得阶段性成效的时限" if deadline.milestone else "整改时限"
        if approved:
            note = f"经{approved.approved_by}同意延期至{chinese_date(due)}，延期后的{passed}已过，尚无验收销号记录"
        else:
            note = f"{passed}{chinese_date(due)}已过，尚无验收销号记录" if deadline.milestone else f"{passed}已过，尚无验收销号记录"
            if ext is not None:
                note += f"；{chinese_date(ext.requested)}申请延期至{chinese_date(ext.new_deadline)}，尚无批准记录"
        if deadline.milestone:
            since = rep is not None and rep.published > due
            if since and done:
                return TaskState.COMPLETED_OVERDUE, f"{latest}；{note}"
            return TaskState.MILESTONE_OVERDUE, f"{note}；{latest if since else '此后尚无年度整改进展'}"
        if done:
            return TaskState.COMPLETED_OVERDUE, f"{latest}；{note}"
        return TaskState.OVERDUE, with_latest(note)
    if approved and as_of > deadline.date:
        return TaskState.EXTENDED, f"原{'取得阶段性成效的' if deadline.milestone else '整改'}时限已过，经{approved.approved_by}同意延期至{chinese_date(due)}"
    return TaskState.RECTIFYING, f"{latest}，尚待验收销号" if done else latest


def task_state(task: Task, parts: Sequence[PartStatus], word: str = SUBUNIT_WORD) -> TaskStatus:
    """The task's state from its parts: 已销号 when every part is, else the part first in precedence.

    `word` is what the task's plan calls its sub-units (各旗区分别验收销号, 各县（市、区）分别验收销号).
    """
    if len(parts) == 1:
        only = parts[0]
        return TaskStatus(only.state, only.note, tuple(parts))
    worst = min(parts, key=lambda p: _RANK[p.state])
    if worst.state.group in (Group.CLOSED_OUT, Group.SUSTAINED):
        deciding = {p.notice_id for p in parts}
        if len(deciding) == 1:
            return TaskStatus(worst.state, worst.note, tuple(parts))
        note = f"各{word}分别验收销号"
        if task.deadline.ongoing:
            note += f"；整改时限为“{task.deadline.text}”，销号后长期坚持"
        return TaskStatus(worst.state, note, tuple(parts))
    if len({(p.state, p.note) for p in parts}) == 1:  # every part alike: say it once
        return TaskStatus(worst.state, worst.note, tuple(parts))
    return TaskStatus(worst.state, parts_note(parts), tuple(parts))


def parts_note(parts: Sequence[PartStatus]) -> str:
    """已销号（达拉特旗、准格尔旗）；逾期，异议核实中（鄂托克旗、杭锦旗）…, in order of precedence."""
    groups: dict[TaskState, list[str]] = {}
    for p in parts:
        groups.setdefault(p.state, []).append(p.banner)
    return "；".join(s.label + scope_words(groups[s]) for s in PRECEDENCE if s in groups)


# ---------------------------------------------------------------------------
# The snapshot: every state of one build.
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Snapshot:
    """Every computed status of one build, keyed by (plan id, task number).

    `notices` holds only published notices (start ≤ as_of), in (start, id)
    order; a queued notice is absent from the snapshot and so from the site.
    `events` are newest first.
    """

    as_of: dt.date
    tasks: dict[tuple[str, int], TaskStatus]
    notices: tuple[NoticeStatus, ...] = field(default=())
    events: tuple[Event, ...] = field(default=())
    reports: tuple[ProgressReport, ...] = field(default=())  # published only, oldest first
    changes: tuple[ExtensionOrRebound, ...] = field(default=())  # extensions and rebounds known by as_of
    calendar: WorkCalendar | None = field(default=None, compare=False, repr=False)  # for snapshots of other dates

    def of(self, task: Task) -> TaskStatus:
        return self.tasks[(task.plan_id, task.no)]

    def part_of(self, task: Task, banner: str) -> PartStatus:
        """The 旗区's own part of the task."""
        return self.of(task).part(banner)

    def notices_of(self, task: Task) -> tuple[NoticeStatus, ...]:
        return self._notices_by_task.get((task.plan_id, task.no), ())

    def events_of(self, task: Task) -> tuple[Event, ...]:
        """The task's events, oldest first (a timeline)."""
        return tuple(reversed(self._events_by_task.get((task.plan_id, task.no), ())))

    # Indexed once per build: scanning every notice/event for each task page is quadratic
    # (several seconds for a region's 2,000 tasks). cached_property writes the instance
    # __dict__ directly, so it works on this frozen dataclass.
    @functools.cached_property
    def _notices_by_task(self) -> dict[tuple[str, int], tuple[NoticeStatus, ...]]:
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
        """The task's events and each year's progress and extension, oldest first (rebounds are events already)."""
        items = list(self.events_of(task)) + [
            e for e in progress_timeline(self.progress_of(task), task) if e.kind != "rebound"
        ]
        return tuple(sorted(items, key=lambda e: e.date))

    def notices_in(self, *states: NoticeState) -> tuple[NoticeStatus, ...]:
        return tuple(n for n in self.notices if n.state in states)

    def open_notices_of_banner(self, banner: str) -> tuple[NoticeStatus, ...]:
        """Notices whose window is running and that concern the 旗区, newest first."""
        return tuple(n for n in reversed(self.notices) if n.running and banner in n.banners)

    def decided_by(self, n: NoticeStatus) -> PartStatus:
        """The state of the parts `n` decides, first in precedence (what the counts say of them):
        逾期，公示中 where that is the state; the task's own when the notice decides none."""
        st = self.of(n.task)
        mine = [p for p in st.parts if p.notice_id == n.id]
        return min(mine, key=lambda p: _RANK[p.state]) if mine else PartStatus("", st.state, st.note)

    def count(self, tasks: Iterable[Task], banner: str | None = None) -> dict[TaskState, int]:
        """Tasks by state, in order of precedence; with `banner`, by the state of that 旗区's own part."""
        counts = {state: 0 for state in TaskState}
        for task in tasks:
            st = self.of(task) if banner is None else self.part_of(task, banner)
            counts[st.state] += 1
        return counts

    def groups(self, tasks: Iterable[Task], banner: str | None = None) -> dict[Group, int]:
        """Tasks by count group; the overdue group is the sum of the overdue states."""
        return group_counts(self.count(tasks, banner))

    def closed_parts(self, tasks: Iterable[Task]) -> list[tuple[Task, tuple[str, ...]]]:
        """Tasks not closed out as a whole with some 旗区's part closed out, and those 旗区."""
        out = []
        for task in tasks:
            st = self.of(task)
            if st.state.group in (Group.CLOSED_OUT, Group.SUSTAINED):
                continue
            closed = tuple(p.banner for p in st.parts if p.state.group in (Group.CLOSED_OUT, Group.SUSTAINED))
            if closed:
                out.append((task, closed))
        return out


WARN_DAYS = 60  # 预判 (附件 二（二）): a date this many calendar days ahead or fewer is 临近时限


@dataclass(frozen=True)
class Due:
    """A date still to come for a part: its close-out date, or the 时间节点 of one of its task's measures."""

    date: dt.date
    measure: int = 0  # the measure (from 1) whose 时间节点 this is; 0 for the close-out date
    text: str = ""  # the measure's own words for the date (2026年底前)


def upcoming_dates(task: Task, part: str, changes: Sequence[ExtensionOrRebound]) -> list[Due]:
    """The part's dates to watch: its deadline or 阶段性成效 date (as extended when approved), and every
    时间节点 written in its task's measures (Task.dated_measures; a measure date is the whole task's, so
    it marks every open part, and an extension of the close-out date does not move it).

    A task whose 整改时限 has no date (立行立改，长期坚持) has none (issue 21 deliverable 1: never
    临近时限), even when its measures carry dates: those still show as 时间节点 on its page and in the ledger.
    """
    if task.deadline.date is None:
        return []
    out = [Due(d.date, no, d.text) for no, d in task.dated_measures()]
    if task.deadline.date is not None:
        ext = next(
            (c.extension for c in reversed(changes) if c.extension and c.extension.approved_by and c.covers(part)), None
        )
        out.append(Due(ext.new_deadline if ext is not None else task.deadline.date))
    return out


@dataclass(frozen=True)
class Approaching:
    """临近时限: parts of a task whose date falls within WARN_DAYS with no notice under way (a flag, not a state).

    `close_out` when the day is the part's close-out date; `measures` the (measure number, words) whose
    时间节点 falls on the day, for a day that is a measure's (both may hold: 二是…2026年底前 and 2026年12月31日).
    """

    task: Task
    banners: tuple[str, ...]  # () for a task that names no 旗区
    due: dt.date
    days: int
    close_out: bool = True
    measures: tuple[tuple[int, str], ...] = ()


def approaching(
    snap: Snapshot, tasks: Iterable[Task], banner: str | None = None, under_way: Iterable[tuple[str, int, str]] = (),
) -> list[Approaching]:
    """Parts whose date is within WARN_DAYS of the snapshot's date and that have no notice under way, soonest first.

    One item per task and day. A notice is under way for a part when it decides it (公示中, 异议核实中,
    公示期满待销号, 已销号): on the site only published notices count; `under_way` adds (plan, task, part)
    covered by queued notices and complete drafts (`gongshi notice list`). Overdue parts are counted as
    overdue, not here.
    """
    extra = set(under_way)
    out = []
    for task in tasks:
        st = snap.of(task)
        changes = [c for c in snap.changes if c.plan_id == task.plan_id and c.task_no == task.no]
        by_day: dict[dt.date, list[str]] = {}
        kinds: dict[dt.date, set[tuple[int, str]]] = {}
        for p in st.parts:
            if banner is not None and p.banner != banner:
                continue
            if p.state not in (TaskState.RECTIFYING, TaskState.EXTENDED) or (task.plan_id, task.no, p.banner) in extra:
                continue
            for due in upcoming_dates(task, p.banner, changes):
                if snap.as_of <= due.date <= snap.as_of + dt.timedelta(days=WARN_DAYS):
                    if p.banner not in by_day.setdefault(due.date, []):
                        by_day[due.date].append(p.banner)
                    kinds.setdefault(due.date, set()).add((due.measure, due.text))
        for day, parts in sorted(by_day.items()):
            measures = tuple(sorted(k for k in kinds[day] if k[0]))
            out.append(Approaching(
                task, tuple(b for b in parts if b), day, (day - snap.as_of).days,
                close_out=(0, "") in kinds[day], measures=measures,
            ))
    return sorted(out, key=lambda a: (a.due, a.task.plan_id, a.task.no))


def warned_units(task: Task) -> tuple[str, ...]:
    """The units a task's 临近时限 is listed under: every responsible unit (its unit pages, `notice list`)."""
    return task.responsible.units


def approaching_tasks(items: Iterable[Approaching]) -> int:
    """How many tasks `approaching` lists (a task may be listed on two days: a measure's and its close-out)."""
    return len({(a.task.plan_id, a.task.no) for a in items})


def breakdown(counts: dict[TaskState, int]) -> list[tuple[Group, int, list[tuple[TaskState, int]]]]:
    """Each group's count and its states with a count, in order: what a counts table shows."""
    return [
        (g, n, [(s, k) for s, k in counts.items() if s.group is g and k])
        for g, n in group_counts(counts).items()
    ]


def part_filter_data(st: TaskStatus) -> dict[str, list[str]]:
    """For the task list's 旗区 filter: each 旗区 whose own part differs from the task's state.

    Its state code, group code (group:<code>, as the filter's values), style and label; a 旗区
    not listed has the task's state (kept short: a region's list has thousands of rows).
    """
    return {
        p.banner: [p.state.code, "group:" + p.state.group.value, p.state.css, p.state.label]
        for p in st.parts if p.banner and p.state is not st.state
    }


def group_counts(counts: dict[TaskState, int]) -> dict[Group, int]:
    groups = {g: 0 for g in Group}
    for state, n in counts.items():
        groups[state.group] += n
    return groups


def record_changes(dataset: Dataset) -> list[ExtensionOrRebound]:
    """Each extension and rebound recorded on its own (data/events/), known from the day it became public."""
    return [
        ExtensionOrRebound(
            r.plan_id, r.task_no, r.scope, r.recorded, extension=r.extension, rebound=r.rebound,
            source=r.source, record_id=r.id, document=r.document, dated=r.date if r.date != r.recorded else None,
            report_year=r.published_in,
        )
        for r in dataset.records if r.review is None  # a 回头看 changes no state: it is an event only
    ]


def snapshot(dataset: Dataset, as_of: dt.date, calendar: WorkCalendar | None = None) -> Snapshot:
    """All statuses as of `as_of`. `calendar` is needed once there are notices (their windows).

    Extensions and rebounds, from reports and from data/events/, count from the day they are public
    (a record's `recorded`), and are ordered by the day they happened.
    """
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
    known = sorted(
        [c for c in (*report_changes(reports), *record_changes(dataset)) if c.known <= as_of],
        key=lambda c: (c.rebound.found if c.rebound else (c.dated or c.known), c.known),
    )
    changes_of: dict[tuple[str, int], list[ExtensionOrRebound]] = {}
    for c in known:
        changes_of.setdefault((c.plan_id, c.task_no), []).append(c)
    statuses: dict[tuple[str, int], TaskStatus] = {}
    for plan in dataset.plans:
        for t in plan.tasks:
            key = (t.plan_id, t.no)
            parts = [
                part_status(t, part, as_of, of_task.get(key, []), entries.get(key, []), changes_of.get(key, []))
                for part in (t.banners or ("",))
            ]
            statuses[key] = task_state(t, parts, plan.subunit_word)
    published = _with_rebounds(published, changes_of)
    events = notice_events(published, as_of) + report_events(dataset, reports) + rebound_events(dataset, known)
    events += review_events(dataset, as_of)
    events = tuple(sorted(events, key=lambda e: e.date, reverse=True))  # stable: same-day order kept
    if len(dataset.plans) > 1:
        titles = {plan.id: plan.title for plan in dataset.plans}
        events = tuple(plan_named(e, titles[e.plan_id]) for e in events)
    return Snapshot(
        as_of=as_of, tasks=statuses, notices=published, events=events, reports=reports, changes=tuple(known),
        calendar=calendar,
    )


def open_tasks(dataset: Dataset, plan_id: str, day: dt.date, calendar: WorkCalendar | None) -> tuple[Task, ...]:
    """The plan's tasks not closed out as a whole on `day`: those a yearly report published then must cover."""
    plan = dataset.plan(plan_id)
    if plan is None:
        return ()
    # The plan's own records only: a region's reports each ask this of one plan, not of every plan.
    mine = replace(
        dataset, plans=(plan,), notices=tuple(n for n in dataset.notices if n.plan_id == plan_id),
        progress=tuple(r for r in dataset.progress if r.plan_id == plan_id),
        records=tuple(r for r in dataset.records if r.plan_id == plan_id),
    )
    snap = snapshot(mine, day, calendar)
    return tuple(t for t in plan.tasks if snap.of(t).state.group not in (Group.CLOSED_OUT, Group.SUSTAINED))


def _with_rebounds(
    notices: tuple[NoticeStatus, ...], changes_of: dict[tuple[str, int], list[ExtensionOrRebound]]
) -> tuple[NoticeStatus, ...]:
    """Each closed-out notice with the first later rebound of a part it closed out (its page says so)."""
    from dataclasses import replace

    out = []
    for n in notices:
        later = [
            c.rebound for c in changes_of.get((n.notice.plan_id, n.notice.task_no), [])
            if c.rebound is not None and n.state is NoticeState.CLOSED_OUT
            and c.rebound.found >= (n.notice.closed_out or n.notice.start)
            and (not c.scope or not n.notice.scope or set(c.scope) & set(n.notice.scope))
        ]
        out.append(replace(n, rebound=later[0]) if later else n)
    return tuple(out)
