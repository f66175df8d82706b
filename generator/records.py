"""data/events/: extensions and rebounds recorded on their own, any day, per 旗区 or for the whole task.

A yearly report can carry one extension and one rebound per task, for the
whole task, once a year. The plan's procedure happens on its own dates: an
extension is approved (批复) and a rebound is found and answered with a
督办通知 that sets a time limit (限期整改). One file records one of them:

    task: 33
    kind: rebound            # rebound (问题反弹) or extension (延期整改)
    scope: [达拉特旗]          # optional: the 旗区 concerned; none means the whole task
    date: 2026-11-20         # the day it became known: found (rebound) or approved (extension)
    document: 市生态环境局督办通知〔2026〕5号
    finding: …               # rebound: what was found
    limit: 2027-03-31        # rebound: the time limit the 督办通知 sets (required)
    reason: …                # extension: why the deadline was missed
    new_deadline: 2027-06-30 # extension: the approved new deadline
    approved_by: 市委、市人民政府  # extension: who approved it

The record is public from `date`. The same extension or rebound recorded in
a report and here is refused: one source of truth per record.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from . import messages as M
from . import yamlsrc
from .errors import Problem, Problems
from .model import (
    ChangeRecord,
    Dataset,
    Extension,
    Notice,
    Plan,
    ProgressReport,
    Rebound,
)
from .schema import EVENT
from .workcalendar import WorkCalendar

REPORT_GRACE_DAYS = 60  # a year's report is missed when the year ended this long ago


def records_dir(data_dir: Path) -> Path:
    return data_dir / "events"


def load_records(
    data_dir: Path, root: Path, plans: Sequence[Plan], notices: Sequence[Notice],
    reports: Sequence[ProgressReport], problems: Problems,
) -> list[ChangeRecord]:
    """Every valid record under data/events/, by (date, id); problems recorded, never raised."""
    out: list[ChangeRecord] = []
    for path, name in yamlsrc.record_files(records_dir(data_dir), root, M.KIND_EVENTS, problems):
        record = _read(path, name, plans, notices, problems)
        if record is not None and not _duplicates_a_report(record, reports, problems):
            out.append(record)
    return sorted(out, key=lambda r: (r.date, r.id))


def _read(path: Path, name: str, plans: Sequence[Plan], notices: Sequence[Notice], problems: Problems) -> ChangeRecord | None:
    value = yamlsrc.load(path, name, problems)
    if value is None:
        return None
    f = yamlsrc.Fields(value, name, problems, record=EVENT)
    plan_id = f.value("plan", required=len(plans) > 1)
    plan = next((p for p in plans if p.id == plan_id), None) if plan_id else (plans[0] if len(plans) == 1 else None)
    if plan_id and plan is None:
        f.error(f.line_of("plan"), "plan", f"没有编号为“{plan_id}”的整改方案（现有：{'、'.join(p.id for p in plans)}）")
    task_no = f.value("task")
    task = plan.task(task_no) if plan is not None and task_no is not None else None
    if plan is not None and task_no is not None and task is None:
        f.error(f.line_of("task"), "task", f"整改方案中没有第{task_no}项整改任务")
    kind = f.value("kind")  # stored as 'rebound' or 'extension', typed as 问题反弹 or 延期整改
    scope: tuple[str, ...] = tuple(f.value("scope") or ())
    if task is not None:
        for b in scope:
            if b not in task.banners:
                f.error(f.line_of("scope"), "scope", f"“{b}”不是第{task.no}项整改任务涉及的旗区（{'、'.join(task.banners) or '无'}）")
    day = f.value("date")
    document = f.value("document")
    extension: Extension | None = None
    rebound: Rebound | None = None
    if kind == "rebound":
        finding = f.value("finding", required=True)
        limit = f.value("limit", required=True)
        if day is not None and limit is not None and limit <= day:
            f.error(f.line_of("limit"), "limit", f"整改期限{limit.isoformat()}应晚于发现反弹的日期{day.isoformat()}")
        if day is not None and task is not None and not _closed_out_before(task.no, plan, scope, notices, day):
            f.error(f.line_of("date"), "date", f"第{task.no}项整改任务（{'、'.join(scope) or '整项'}）在{day.isoformat()}前没有销号记录；只有已销号的整改任务才会反弹")
        if finding and document and day and limit:
            rebound = Rebound(found=day, finding=finding, notice=document, line=f.line, limit=limit)
    elif kind == "extension":
        requested = f.value("requested", required=True)
        reason = f.value("reason", required=True)
        new_deadline = f.value("new_deadline", required=True)
        approved_by = f.value("approved_by", required=True)
        if task is not None and task.deadline.date is None:
            f.error(f.line, "", f"第{task.no}项整改任务（{task.deadline.text}）没有可延期的时限")
        elif task is not None and new_deadline is not None and task.deadline.date is not None and new_deadline <= task.deadline.date:
            f.error(f.line_of("new_deadline"), "new_deadline", f"{new_deadline.isoformat()}应晚于原整改时限（{task.deadline.text}）")
        if requested is not None and day is not None and requested > day:
            f.error(f.line_of("requested"), "requested", f"申请日期{requested.isoformat()}晚于批复日期{day.isoformat()}")
        if requested and reason and new_deadline and approved_by:
            extension = Extension(requested=requested, reason=reason, new_deadline=new_deadline, approved_by=approved_by, line=f.line)
    if not f.done() or task is None or plan is None or day is None or document is None or (rebound is None and extension is None):
        return None
    return ChangeRecord(
        id=path.stem, plan_id=plan.id, task_no=task.no, scope=scope, date=day, document=document,
        extension=extension, rebound=rebound, source=name, line=f.line,
    )


def _closed_out_before(task_no: int, plan: Plan | None, scope: tuple[str, ...], notices: Sequence[Notice], day: dt.date) -> bool:
    """Some close-out of the task covering the record's 旗区 (or any part, for a whole-task record) by `day`."""
    for n in notices:
        if plan is None or n.plan_id != plan.id or n.task_no != task_no or n.closed_out is None or n.closed_out > day:
            continue
        if not n.scope or not scope or set(scope) & set(n.scope):
            return True
    return False


def _duplicates_a_report(record: ChangeRecord, reports: Sequence[ProgressReport], problems: Problems) -> bool:
    """The same rebound (same day found) or extension (same new deadline) already in a yearly report: an error."""
    for r in reports:
        if r.plan_id != record.plan_id or (entry := r.task(record.task_no)) is None:
            continue
        if record.rebound is not None and entry.rebound is not None and entry.rebound.found == record.rebound.found:
            problems.add(record.source, record.line, "", f"同一次问题反弹已记录在{r.source}第{entry.rebound.line}行；只保留一处记录（建议保留本文件，并删除年度进展中的 'rebound'）")
            return True
        if record.extension is not None and entry.extension is not None and (
            entry.extension.new_deadline == record.extension.new_deadline or entry.extension.requested == record.extension.requested
        ):
            problems.add(record.source, record.line, "", f"同一次延期已记录在{r.source}第{entry.extension.line}行；只保留一处记录")
            return True
    return False


# ---------------------------------------------------------------------------
# Warnings for `gongshi check`: the record is valid, but the procedure looks incomplete.
# ---------------------------------------------------------------------------


def warnings(dataset: Dataset, calendar: WorkCalendar, today: dt.date) -> list[Problem]:
    """Rebounds without a time limit, reports that leave out open tasks or measures, years without a report.

    "Open" is the state model's: a task not closed out as a whole (status.py decides).
    """
    from .status import Group, snapshot

    def still_open(plan: Plan, day: dt.date) -> list[int]:
        snap = snapshot(dataset, day, calendar)
        done = (Group.CLOSED_OUT, Group.SUSTAINED)
        return [t.no for t in plan.tasks if snap.of(t).state.group not in done]

    out = Problems()
    for r in dataset.progress:
        plan = dataset.plan(r.plan_id)
        if plan is None:
            continue
        for entry in r.tasks:
            if entry.rebound is not None and entry.rebound.limit is None:
                out.add(r.source, entry.rebound.line, f"第{entry.task_no}项.rebound",
                        "问题反弹没有记录督办通知的整改期限；请改在 data/events/ 中单独记录（含 'limit'），并删除此处的 'rebound'",
                        warning=True)
            task = plan.task(entry.task_no)
            if task is None:
                continue
            missing = [str(i) for i in range(1, len(task.measures) + 1) if entry.measure(i) is None]
            if missing:
                out.add(r.source, entry.line, f"第{entry.task_no}项.measures",
                        f"没有报告第{'、'.join(missing)}条整改措施的进展（方案要求公开各项整改措施具体进展）", warning=True)
        reported = {e.task_no for e in r.tasks}
        left_out = [no for no in still_open(plan, r.published) if no not in reported]
        if left_out:
            out.add(r.source, r.line, "tasks",
                    f"{r.year}年度报告没有包括尚未销号的第{'、'.join(map(str, left_out))}项整改任务", warning=True)
    for plan in dataset.plans:
        have = {r.year for r in dataset.progress if r.plan_id == plan.id}
        # From the first year reported on (else the year after the inspection report, when the plan took effect).
        first = min(have, default=plan.inspection.report_date.year + 1)
        for year in range(first, today.year):
            year_end = dt.date(year, 12, 31)
            if year in have or (today - year_end).days <= REPORT_GRACE_DAYS:
                continue
            left = still_open(plan, year_end)
            if left:
                name = f"data/progress/{year}.yaml" if len(dataset.plans) == 1 else f"data/progress/{year}-{plan.id}.yaml"
                out.add(name, 0, "", f"{year}年已结束60天以上，仍有{len(left)}项整改任务未销号，但没有{year}年度整改进展报告；"
                        "请补充该年度报告", warning=True)
    return out.sorted()
