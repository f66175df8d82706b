"""Everything true of one 验收销号公示 as of a date: the one home of a notice's state rules.

A notice's window, its state and why, the days left, whether it is running,
the 旗区 it concerns and the objections that count by then are one
`NoticeStatus`, computed here; pages, feeds, feed events, open data and the
CLI read it. An objection counts from the day it was received and its
outcome from the day it was decided (`counted_objections`), wherever a
notice's objections are read as of a date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import Enum

from . import messages as M
from .asof import chinese_date
from .model import ChangeRecord, Dataset, Notice, Plan, ProgressReport, Rebound, Task, Withdrawal, plan_by_id
from .schema import Outcome
from .titles import notice_title
from .workcalendar import Window, WorkCalendar


class NoticeState(str, Enum):
    """A notice's state in the plan's words. QUEUED is never published."""

    QUEUED = "待公示"
    OPEN = "公示中"
    OBJECTION = "异议核实中"
    AWAITING_CLOSE_OUT = "公示期满待销号"
    CLOSED_OUT = "已销号"
    UPHELD = "异议成立"
    WITHDRAWN = "已撤回"  # counts as neither publicity nor close-out for its task

    @property
    def label(self) -> str:
        return self.value

    @property
    def css(self) -> str:
        return self.name.lower().replace("_", "-")


@dataclass(frozen=True)
class CountedObjection:
    """An objection as known on the build's date: its outcome is pending until its resolved date."""

    received: dt.date
    summary: str
    outcome: Outcome
    resolved: dt.date | None  # None while pending
    late: bool  # received after the window ended
    line: int
    verified_by: str = ""  # shown with the outcome, once decided
    reason: str = ""

    @property
    def upheld(self) -> bool:
        return self.outcome is Outcome.UPHELD

    @property
    def dismissed(self) -> bool:
        return self.outcome is Outcome.DISMISSED

    @property
    def pending(self) -> bool:
        return self.outcome is Outcome.PENDING


def counted_objections(notice: Notice, as_of: dt.date) -> tuple[CountedObjection, ...]:
    """The objections that count as of `as_of`: received by then, decided only once their decision date has come.

    The one place this is worked out: states, pages, open data and the CLI all use it.
    """
    out = []
    for o in notice.objections:
        if o.received > as_of:
            continue
        decided = o.outcome is not Outcome.PENDING and o.resolved is not None and o.resolved <= as_of
        out.append(CountedObjection(
            received=o.received,
            summary=o.summary,
            outcome=o.outcome if decided else Outcome.PENDING,
            resolved=o.resolved if decided else None,
            late=o.late,  # received after the window ended (the notice reader decides)
            line=o.line,
            verified_by=o.verified_by if decided else "",
            reason=o.reason if decided else "",
        ))
    return tuple(out)


def upheld_days(objections: Iterable[CountedObjection]) -> list[dt.date]:
    """The decision days of the upheld ones among counted objections, in the objections' order."""
    return [o.resolved for o in objections if o.outcome is Outcome.UPHELD and o.resolved is not None]


@dataclass(frozen=True)
class NoticeStatus:
    """One notice as of the build's date: its computed window and state.

    `workdays_left` counts the window's working days from as_of on, as_of
    included (0 once it has ended); `running` is true while the window is
    open and the notice has not ended early on an upheld objection;
    `banners` is the scope, or every 旗区 of the task; `objections` those
    that count as of the date (`counted_objections`); `rebound` a later
    rebound of the part it closed out, if any.
    """

    notice: Notice
    task: Task
    window: Window
    state: NoticeState
    note: str
    workdays_left: int
    running: bool
    banners: tuple[str, ...]
    objections: tuple[CountedObjection, ...] = ()
    rebound: Rebound | None = None
    covers: tuple[str, ...] = field(default=(), compare=False)  # the parts it covers ("" for a task with no 旗区)

    @property
    def id(self) -> str:
        return self.notice.id

    @property
    def title(self) -> str:
        return notice_title(self.notice, self.task, self.covers)

    # The notice page says what the state means; these name the states it tells apart.
    @property
    def open(self) -> bool:
        return self.state is NoticeState.OPEN

    @property
    def upheld(self) -> bool:
        return self.state is NoticeState.UPHELD

    @property
    def awaiting_close_out(self) -> bool:
        return self.state is NoticeState.AWAITING_CLOSE_OUT

    @property
    def closed_out(self) -> bool:
        return self.state is NoticeState.CLOSED_OUT

    @property
    def withdrawn(self) -> bool:
        return self.state is NoticeState.WITHDRAWN

    @property
    def withdrawal(self) -> Withdrawal | None:
        """The notice's withdrawal once its day has come (its state is 已撤回), else None.

        The one reading of "withdrawn by the as-of date": from that day its page, open data, the ledger and
        the calendar drop its text and keep its dates and the withdrawal.
        """
        return self.notice.withdrawn if self.state is NoticeState.WITHDRAWN else None

    @property
    def closed_before(self) -> tuple[str, ...]:
        """The task's 旗区 this notice leaves out because they were closed out before it began (none with a scope)."""
        if self.notice.scope:
            return ()
        return tuple(b for b in self.task.banners if b not in self.banners)


def notice_state(notice: Notice, window: Window, as_of: dt.date) -> tuple[NoticeState, str]:
    """The state of one notice on `as_of`, from its dates alone, and a short note saying why.

    Dates after `as_of` count as not yet happened: an objection decided
    tomorrow is pending today; a close-out dated tomorrow is not yet recorded.
    """
    if as_of < notice.start:
        return NoticeState.QUEUED, M.NOTICE_NOTE_QUEUED.format(day=chinese_date(notice.start))
    if notice.withdrawn is not None and notice.withdrawn.date <= as_of:
        return NoticeState.WITHDRAWN, M.NOTICE_NOTE_WITHDRAWN.format(day=chinese_date(notice.withdrawn.date))
    received = counted_objections(notice, as_of)
    upheld = upheld_days(received)
    if upheld:
        return NoticeState.UPHELD, M.NOTICE_NOTE_UPHELD.format(day=chinese_date(upheld[0]))
    pending = [o for o in received if o.outcome is Outcome.PENDING]
    if pending:
        return NoticeState.OBJECTION, M.NOTICE_NOTE_OBJECTION.format(day=chinese_date(pending[0].received))
    if notice.closed_out is not None and notice.closed_out <= as_of:
        return NoticeState.CLOSED_OUT, M.NOTICE_NOTE_CLOSED_OUT.format(day=chinese_date(notice.closed_out))
    if as_of <= window.end:
        return NoticeState.OPEN, M.NOTICE_NOTE_OPEN.format(day=chinese_date(window.end))
    if received:
        return NoticeState.AWAITING_CLOSE_OUT, M.NOTICE_NOTE_EXPIRED_DISMISSED.format(day=chinese_date(window.end))
    return NoticeState.AWAITING_CLOSE_OUT, M.NOTICE_NOTE_EXPIRED.format(day=chinese_date(window.end))


# ---------------------------------------------------------------------------
# Which parts a notice covers: a close-out is never undone by a later notice (附件 二（一）).
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Coverage:
    """The parts a notice covers, and the parts closed out on its start day (part -> closing notice).

    A part ("" for a task that names no 旗区) is closed out on a day when a notice covering
    it has `closed_out` on or before that day and no rebound of it was found after the
    close-out and before that day. A notice with `scope` covers those 旗区; one without
    covers only the parts still open. `reopens` lists the parts its scope names although
    they are closed out: an error (`closed_parts_named`).
    """

    parts: tuple[str, ...]
    closed: dict[str, Notice]
    reopens: tuple[str, ...] = ()


def rebounds_of(
    progress: Iterable[ProgressReport], records: Iterable[ChangeRecord]
) -> dict[tuple[str, int], list[tuple[tuple[str, ...], dt.date]]]:
    """Each recorded rebound's (scope, day found), by (plan, task): from data/events/ and yearly reports."""
    out: dict[tuple[str, int], list[tuple[tuple[str, ...], dt.date]]] = {}
    for r in records:
        if r.rebound is not None:
            out.setdefault((r.plan_id, r.task_no), []).append((r.scope, r.rebound.found))
    for report in progress:
        for entry in report.tasks:
            if entry.rebound is not None:
                out.setdefault((report.plan_id, entry.task_no), []).append(((), entry.rebound.found))
    return out


def coverages(
    notices: Iterable[Notice],
    plans: Sequence[Plan],
    rebounds: dict[tuple[str, int], list[tuple[tuple[str, ...], dt.date]]],
) -> dict[str, Coverage]:
    """Each notice's `Coverage`, by notice id; withdrawn notices close nothing out."""
    tasks = {(t.plan_id, t.no): t for plan in plans for t in plan.tasks}
    closers: dict[tuple[str, int], dict[str, list[Notice]]] = {}
    out: dict[str, Coverage] = {}
    for n in sorted(notices, key=lambda x: (x.start, x.id)):
        key = (n.plan_id, n.task_no)
        task = tasks.get(key)
        if task is None:
            continue
        found = rebounds.get(key, [])
        closed: dict[str, Notice] = {}
        for part, by in closers.get(key, {}).items():
            for earlier in reversed(by):  # the latest close-out by this day that no rebound undid
                day = earlier.closed_out
                if day is None or day > n.start:
                    continue
                if not any((not scope or part in scope) and day <= f < n.start for scope, f in found):
                    closed[part] = earlier
                break
        every = task.banners or ("",)
        parts = n.scope if n.scope else tuple(p for p in every if p not in closed)
        reopens = tuple(p for p in n.scope if p in closed)
        out[n.id] = Coverage(parts, closed, reopens)
        if n.closed_out is not None and n.withdrawn is None:
            for part in parts:
                closers.setdefault(key, {}).setdefault(part, []).append(n)
    return out


def open_parts_on(
    task: Task,
    parts: Sequence[str],
    notices: Iterable[Notice],
    rebounds: dict[tuple[str, int], list[tuple[tuple[str, ...], dt.date]]],
    day: dt.date,
) -> tuple[str, ...]:
    """Which of `parts` ("" for a task with no 旗区) are not closed out on `day`.

    A part is closed out on a day when a notice covering it (its scope, or the whole task)
    has `closed_out` on or before that day, is not withdrawn, and no rebound of it was found
    after that close-out and before the day (the rule `coverages` applies at a notice's start).
    """
    found = rebounds.get((task.plan_id, task.no), [])
    latest: dict[str, dt.date] = {}
    for n in notices:
        if n.plan_id != task.plan_id or n.task_no != task.no or n.withdrawn is not None:
            continue
        if n.closed_out is None or n.closed_out > day:
            continue
        for part in parts:
            if (not n.scope or part in n.scope) and latest.get(part, dt.date.min) < n.closed_out:
                latest[part] = n.closed_out
    return tuple(
        part for part in parts
        if part not in latest
        or any((not scope or part in scope) and latest[part] <= f < day for scope, f in found)
    )


def closed_parts_named(
    notices: Sequence[Notice],
    plans: Sequence[Plan],
    progress: Sequence[ProgressReport],
    records: Sequence[ChangeRecord],
) -> list[tuple[Notice, str]]:
    """Each notice that would undo a close-out, and why: its scope names a closed-out part with no
    rebound since, or, without scope, every part is already closed out."""
    out = []
    found = coverages(notices, plans, rebounds_of(progress, records))
    for n in notices:
        cov = found.get(n.id)
        if cov is None:
            continue
        for part in cov.reopens:
            by = cov.closed[part]
            out.append((n, M.SCOPE_CLOSED_OUT.format(
                banner=part, notice=by.id, day=(by.closed_out or by.start).isoformat(),
                word=plan_by_id(plans, n.plan_id).subunit_word,  # coverages() covers only notices of a known plan
            )))
        if not n.scope and not cov.parts:
            by = next(iter(cov.closed.values()))
            out.append((n, M.TASK_CLOSED_OUT.format(
                task=n.task_no, notice=by.id, day=(by.closed_out or by.start).isoformat(),
            )))
    return out


def pending_objections_overrun(
    notices: Sequence[Notice],
    plans: Sequence[Plan],
    progress: Sequence[ProgressReport],
    records: Sequence[ChangeRecord],
) -> list[tuple[Notice, str]]:
    """Each notice starting for a part while an earlier notice's objection for that part awaits verification.

    An objection triggers verification (附件 一): until its result is recorded the part
    stays 异议核实中, and a new notice would show it 公示中 and hide the objection.
    """
    out = []
    found = coverages(notices, plans, rebounds_of(progress, records))
    ordered = sorted(notices, key=lambda x: (x.start, x.id))
    for i, n in enumerate(ordered):
        parts = set(found[n.id].parts) if n.id in found else set()
        for earlier in ordered[:i]:
            if earlier.plan_id != n.plan_id or earlier.task_no != n.task_no or earlier.start >= n.start:
                continue
            if earlier.withdrawn is not None and earlier.withdrawn.date <= n.start:
                continue
            shared = [p for p in (found[earlier.id].parts if earlier.id in found else ()) if p in parts]
            pending = [
                o for o in earlier.objections
                if o.received <= n.start and (o.outcome is Outcome.PENDING or (o.resolved is not None and o.resolved > n.start))
            ]
            if shared and pending:
                out.append((n, M.NOTICE_OBJECTION_PENDING_BEFORE.format(
                    task=n.task_no, parts="、".join(p for p in shared if p) or M.EVENT_WHOLE_TASK,
                    notice=earlier.id, received=pending[0].received.isoformat(), start=n.start.isoformat(),
                )))
    return out


def notice_statuses(dataset: Dataset, calendar: WorkCalendar, as_of: dt.date) -> list[NoticeStatus]:
    """Every notice, queued ones included (for `gongshi notice list`), in (start, id) order."""
    result: list[NoticeStatus] = []
    covered = coverages(dataset.notices, dataset.plans, rebounds_of(dataset.progress, dataset.records))
    for notice in sorted(dataset.notices, key=lambda n: (n.start, n.id)):
        plan = dataset.plan(notice.plan_id)
        task = plan.task(notice.task_no) if plan else None
        if task is None:
            raise ValueError(f"notice {notice.id}: task {notice.task_no} of plan {notice.plan_id} not loaded")
        window = calendar.window(notice.start, notice.workdays)
        state, note = notice_state(notice, window, as_of)
        left = calendar.remaining_workdays(window, as_of) if state is not NoticeState.QUEUED else window.days
        running = state in (NoticeState.OPEN, NoticeState.OBJECTION) and notice.start <= as_of <= window.end
        cov = covered.get(notice.id)
        parts = cov.parts if cov is not None else (notice.scope or task.banners or ("",))
        result.append(NoticeStatus(
            notice, task, window, state, note, left, running, tuple(p for p in parts if p),
            counted_objections(notice, as_of), covers=parts,
        ))
    return result
