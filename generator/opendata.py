"""Open data: the same facts as the pages, as JSON for anyone to reuse."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from . import reports, urls
from .model import NOTICE_EXTRA, Dataset, Notice, Plan, Task, UnitRefs
from .notice_status import NoticeStatus
from .reports import Summary
from .schema import OpenDataKey as K
from .status import Snapshot, TaskStatus, state_table
from .task_events import MissingReport


def responsible_units(refs: UnitRefs) -> list[str]:
    """Every responsible body in the text's order, lead units first: named units, then 旗区党委、政府, then phrases."""
    return [*refs.units, *(f"{b}党委、政府" for b in refs.banners), *refs.collectives]


def state_record(st: TaskStatus) -> dict[str, Any]:
    """A task's state and each 旗区's part: code, Chinese label, count group, and the notice that decided it."""
    return {
        "state": st.state.code,
        "state_label": st.state.label,
        "state_group": st.state.group.value,
        "state_note": st.note,
        "parts": [
            {
                "banner": p.banner or None,
                "state": p.state.code,
                "state_label": p.state.label,
                "notice": p.notice_id,
            }
            for p in st.parts
        ],
    }


def task_record(plan: Plan, task: Task, st: TaskStatus | None = None) -> dict[str, Any]:
    chapter = next(c for c in plan.chapters if any(p.no == task.problem_no for p in c.problems))
    problem = next(p for p in chapter.problems if p.no == task.problem_no)
    deadline = task.deadline
    return {
        "plan": plan.id,
        "no": task.no,
        "chapter": chapter.no,
        "chapter_title": chapter.title,
        "problem_no": problem.no,
        "problem_title": problem.title,
        "problem": task.problem,
        "goal": task.goal,
        "measures": list(task.measures),
        "responsible_units": task.responsible.text,
        "responsible_unit_list": responsible_units(task.responsible),
        "lead_units": list(task.responsible.lead),
        "acceptance_units": task.acceptance.text or None,  # null: the plan names none
        "lead_acceptance_unit": task.lead_acceptance_unit if task.has_acceptance_units else None,
        "deadline": {
            "text": deadline.text,
            "date": deadline.date.isoformat() if deadline.date else None,
            "milestone": deadline.milestone,
            "ongoing": deadline.ongoing,
        },
        "banners": list(task.banners),
        **(state_record(st) if st is not None else {}),
    }


def tasks(dataset: Dataset, snap: Snapshot) -> list[dict[str, Any]]:
    """api/tasks.json, and `gongshi export tasks --as-of`: the plan as published and each task's state that day."""
    return [task_record(plan, task, snap.of(task)) for plan in dataset.plans for task in plan.tasks]


def states() -> dict[str, Any]:
    """api/states.json: every state code in order of precedence, with its label and count group."""
    return {"states": state_table()}


def notice_record(n: NoticeStatus, as_of: dt.date) -> dict[str, Any]:
    """One published notice with its computed window and state; nothing dated after `as_of`."""
    notice = n.notice
    # n.objections: notice_status.counted_objections, the one rule for what counts on the day

    def known(day: dt.date | None) -> str | None:
        return day.isoformat() if day is not None and day <= as_of else None

    head = {
        K.ID: notice.id,
        K.PLAN: notice.plan_id,
        K.TASK: notice.task_no,
        "title": n.title,
        "scope": list(notice.scope),
        "banners": list(n.banners),
        "url": urls.notice(notice.id),
        K.WINDOW: _window_record(n),
        "state": n.state.value,
        "state_note": n.note,
    }
    withdrawn = n.withdrawal
    if withdrawn is not None:  # the withdrawn text is no longer published, here as on the page
        return {**head, K.WITHDRAWN: {K.DATE: withdrawn.date.isoformat(), "reason": withdrawn.reason}}
    return {
        **head,
        "workdays_left": n.workdays_left,
        "completion": notice.completion,
        "acceptance": {
            "unit": notice.acceptance.unit,
            "date": notice.acceptance.date.isoformat(),
            "opinion": notice.acceptance.opinion,
        },
        "channels": [{"name": c.name, "date": c.date.isoformat()} for c in notice.channels],
        "objections": [
            {
                "received": o.received.isoformat(),
                "summary": o.summary,
                "outcome": o.outcome,
                "resolved": known(o.resolved),
                "verified_by": o.verified_by or None,
                "reason": o.reason or None,
            }
            for o in n.objections
        ],
        "closed_out": known(notice.closed_out),
        **({"published_elsewhere": {
            "channel": notice.published_elsewhere.channel, "date": notice.published_elsewhere.date.isoformat(),
        }} if notice.published_elsewhere is not None else {}),
        **_extra_record(notice, as_of),
    }


# A notice's fields declared in the schema alone (`Notice.extra`) that open data shows, after the others.
OPEN_EXTRA = tuple(spec for spec in NOTICE_EXTRA if spec.open_data)


def _extra_record(notice: Notice, as_of: dt.date) -> dict[str, Any]:
    """Each open-data field of `OPEN_EXTRA` by name: null when not written; a date after `as_of` is not yet known."""

    def shown(value: Any) -> Any:
        if isinstance(value, dt.date):
            return value.isoformat() if value <= as_of else None
        if isinstance(value, tuple):
            return [shown(item) for item in value]
        return value

    return {spec.name: shown(notice.extra.get(spec.name)) for spec in OPEN_EXTRA}


def _window_record(n: NoticeStatus) -> dict[str, Any]:
    window = n.window
    return {
        K.START: window.start.isoformat(),
        "end": window.end.isoformat(),
        "days": window.days,
        "workdays": [d.isoformat() for d in window.workdays],
    }


def notices(snap: Snapshot) -> dict[str, Any]:
    """api/notices.json: published notices only (start on or before the build's date)."""
    return {K.AS_OF: snap.as_of.isoformat(), K.NOTICES: [notice_record(n, snap.as_of) for n in snap.notices]}


def progress(
    dataset: Dataset, snap: Snapshot, missing: Sequence[MissingReport] = (),
    summaries: Sequence[Summary] | None = None,
) -> dict[str, Any]:
    """api/progress.json: every published yearly report, every task in it, every measure.

    A report is included only from its publish date, like its pages. `not_published`
    lists each year whose report is due and not public (a key of its own: readers
    of `reports` are unaffected). A task's `status` is null when the report holds
    only its 旗区 entries (本年度未报告); `not_reported` lists the open tasks a
    report left out (from `summaries`, made here unless the caller has them).
    """
    if summaries is None:
        summaries = reports.summaries(dataset, snap)
    left_out = {
        (s.report.plan_id, s.report.year): [e.task.no for e in s.entries if e.progress is None] for s in summaries
    }
    result = []
    for report in snap.reports:
        plan = dataset.plan(report.plan_id)
        tasks_out = []
        for entry in sorted(report.tasks, key=lambda e: e.task_no):
            task = plan.task(entry.task_no) if plan else None
            ext, reb = entry.extension, entry.rebound
            tasks_out.append({
                K.TASK: entry.task_no,
                "url": urls.task(task) if task else None,
                "status": entry.status,
                "measures": [
                    {
                        "no": m.no,
                        "measure": task.measures[m.no - 1] if task else None,
                        "progress": m.progress,
                    }
                    for m in entry.measures
                ],
                "banners": [
                    {
                        "banner": b.banner, "status": b.status, "progress": b.progress,
                        "measures": [{"no": m.no, "progress": m.progress} for m in b.measures],
                    }
                    for b in entry.banners
                ],
                "extension": None if ext is None else {
                    "requested": ext.requested.isoformat(),
                    "reason": ext.reason,
                    "new_deadline": ext.new_deadline.isoformat(),
                    "approved_by": ext.approved_by,
                },
                K.REBOUND: None if reb is None else {
                    K.FOUND: reb.found.isoformat(),
                    "finding": reb.finding,
                    "notice": reb.notice,
                },
            })
        result.append({
            K.YEAR: report.year,
            K.PLAN: report.plan_id,
            K.PUBLISHED: report.published.isoformat(),
            "url": urls.progress_year(report),
            "publisher": report.publisher or dataset.site.publisher,
            "channels": [{"name": c.name, "date": c.date.isoformat()} for c in report.channels],
            K.TASKS: tasks_out,
            "not_reported": left_out.get((report.plan_id, report.year), []),
        })
    return {
        K.AS_OF: snap.as_of.isoformat(), K.REPORTS: result,
        "not_published": [{"plan": m.plan_id, "year": m.year, "open_tasks": m.open_tasks} for m in missing],
    }
