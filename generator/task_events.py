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
    recorded: 2026-11-25     # optional: the day it became public on the site (default: `date`)

The record is public, and counted, from `recorded`; its text still says when
it was found or approved (`date`). The same extension or rebound recorded in
a report and here is refused: one source of truth per record.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from . import messages as M
from . import yamlsrc
from .errors import Problem, Problems
from .model import (
    ChangeRecord,
    Dataset,
    Escalation,
    Extension,
    Notice,
    Plan,
    ProgressReport,
    Rebound,
    Review,
    Task,
)
from .notice_status import open_parts_on, rebounds_of
from .notices import check_file_name, find_plan, find_task, read_scope
from .schema import (
    EVENT,
    EVENT_DATES_AFTER_PLAN,
    EVENT_DATES_WITHIN_HORIZON,
    EVENT_HORIZON_YEARS,
    EVENT_KIND_FIELDS,
    EVENT_KIND_LABELS,
    REVIEW_CONSOLIDATED,
    SUBUNIT_WORD,
    check_value,
)
from .workcalendar import WorkCalendar

REPORT_GRACE_DAYS = 60  # a year's report is missed when the year ended this long ago


def records_dir(data_dir: Path) -> Path:
    return data_dir / "events"


def load_records(
    data_dir: Path, root: Path, plans: Sequence[Plan], notices: Sequence[Notice],
    reports: Sequence[ProgressReport], calendar: WorkCalendar, problems: Problems,
) -> list[ChangeRecord]:
    """Every valid record under data/events/, by (date, id); problems recorded, never raised."""
    read: list[tuple[ChangeRecord, int]] = []
    for path, name in yamlsrc.record_files(records_dir(data_dir), root, M.KIND_EVENTS, problems):
        found = _read(path, name, plans, notices, reports, calendar, problems)
        if found is not None and not _duplicates_a_report(found[0], reports, problems):
            read.append(found)
    read = _check_review_results(read, problems)
    read = _check_review_scope(read, plans, notices, reports, problems)
    rebounds = [r for r, _ in read if r.rebound is not None]
    out = [
        record for record, date_line in read
        if record.extension is None or not _extends_closed_out(record, date_line, plans, notices, rebounds, reports, problems)
    ]
    return sorted(out, key=lambda r: (r.date, r.id))


def _read(
    path: Path, name: str, plans: Sequence[Plan], notices: Sequence[Notice], reports: Sequence[ProgressReport],
    calendar: WorkCalendar, problems: Problems,
) -> tuple[ChangeRecord, int] | None:
    """The record and the line of its `date`; None when anything is wrong (reported)."""
    value = yamlsrc.load(path, name, problems)
    if value is None:
        return None
    f = yamlsrc.Fields(value, name, problems, EVENT)
    plan = find_plan(f, f.value("plan", required=len(plans) > 1), plans)
    task = find_task(f, plan, f.value("task"))
    kind = f.value("kind")  # stored as 'rebound' or 'extension', typed as 问题反弹 or 延期整改
    scope = read_scope(f, plan, task)
    day = _date(f, "date", calendar)
    recorded = _date(f, "recorded", calendar)
    if day is not None and recorded is not None and recorded < day:
        message = M.EVENT_RECORDED_BEFORE_DATE.format(recorded=recorded.isoformat(), day=day.isoformat())
        f.error(f.line_of("recorded"), "recorded", message)
    document = f.value("document")
    _check_date_bounds(f, plan, task, day, calendar)
    check_file_name(f, path.stem, day, task.no if task else None, "date", M.NAME_DATE_DIFFERS)
    _refuse_fields_of_the_other_kind(f, kind)
    extension: Extension | None = None
    rebound: Rebound | None = None
    review: Review | None = None
    published_in: int | None = None
    if kind == "rebound":
        finding = f.value("finding", required=True)
        limit = _date(f, "limit", calendar, required=True)
        if day is not None and limit is not None and limit <= day:
            f.error(f.line_of("limit"), "limit", M.EVENT_LIMIT_NOT_AFTER.format(limit=limit.isoformat(), day=day.isoformat()))
        if task is not None and task.banners and scope == ():
            # 旗区 by 旗区 (附件 二（一）): a rebound names where it was found, or it would reopen every 旗区.
            f.error(f.line, "scope", M.EVENT_REBOUND_SCOPE_REQUIRED.format(task=task.no, banners="、".join(task.banners), word=plan.subunit_word if plan else SUBUNIT_WORD))
            scope = None
        escalation_ok, escalation = f.optional_record("escalation", lambda sub: _escalation(sub, day, calendar))
        published_in = f.value("published_in")
        if published_in is not None and plan is not None:
            recorded = _published_in(f, plan, published_in, day, recorded, reports)
        if day is not None and task is not None and scope is not None and not closed_out_by(task, scope, notices, day):
            message = M.REBOUND_NOT_CLOSED_OUT.format(
                task=task.no, scope="、".join(scope) or M.EVENT_WHOLE_TASK, day=day.isoformat()
            )
            f.error(f.line_of("date"), "date", message)
        if finding and document and day and limit and escalation_ok:
            rebound = Rebound(found=day, finding=finding, notice=document, line=f.line, limit=limit, escalation=escalation)
    elif kind == "review":
        review = _review(f)
    elif kind == "extension":
        requested = _date(f, "requested", calendar, required=True)
        reason = f.value("reason", required=True)
        new_deadline = _date(f, "new_deadline", calendar, required=True)
        approved_by = f.value("approved_by", required=True)
        _check_extension_dates(f, task, day, requested, new_deadline)
        if requested and reason and new_deadline and approved_by:
            extension = Extension(requested=requested, reason=reason, new_deadline=new_deadline, approved_by=approved_by, line=f.line)
    if not f.done() or task is None or plan is None or scope is None or day is None or document is None:
        return None
    if rebound is None and extension is None and review is None:
        return None
    record = ChangeRecord(
        id=path.stem, plan_id=plan.id, task_no=task.no, scope=scope, date=day, document=document,
        extension=extension, rebound=rebound, source=name, line=f.line, recorded=recorded or day, review=review,
        published_in=published_in, field_lines=dict(f.mapping.key_lines),
    )
    return record, f.line_of("date")


def _published_in(
    f: yamlsrc.Fields, plan: Plan, year: int, day: dt.date | None, recorded: dt.date | None,
    reports: Sequence[ProgressReport],
) -> dt.date | None:
    """A rebound moved from a published report: public since that report (its `recorded`), found before it."""
    report = next((r for r in reports if r.plan_id == plan.id and r.year == year), None)
    if report is None:
        f.error(f.line_of("published_in"), "published_in", M.EVENT_PUBLISHED_IN_UNKNOWN.format(year=year))
        return recorded
    if day is not None and day > report.published:
        message = M.EVENT_PUBLISHED_IN_BEFORE_FOUND.format(year=year, published=report.published.isoformat(), day=day.isoformat())
        f.error(f.line_of("published_in"), "published_in", message)
    if recorded is not None and recorded != report.published:
        message = M.EVENT_PUBLISHED_IN_RECORDED.format(year=year, published=report.published.isoformat())
        f.error(f.line_of("recorded"), "recorded", message)
    return report.published


def _escalation(sub: yamlsrc.Fields, day: dt.date | None, calendar: WorkCalendar) -> Escalation | None:
    """情节严重的，报市生态环境保护委员会办公室: the report, or None when wrong (reported)."""
    sent: dt.date | None = sub.value("date")
    document = sub.value("document")
    problem = calendar.out_of_range(sent) if sent is not None else None
    if problem is not None:
        sub.error(sub.line_of("date"), "date", problem)
        sent = None
    elif sent is not None and day is not None and sent < day:
        sub.error(sub.line_of("date"), "date", M.EVENT_ESCALATION_BEFORE_FOUND.format(date=sent.isoformat(), day=day.isoformat()))
        sent = None
    if not sub.done() or sent is None or document is None:
        return None
    return Escalation(date=sent, document=document)


def _review(f: yamlsrc.Fields) -> Review | None:
    """回头看 of a closed-out task: its result, 巩固 or the id of the rebound record it found."""
    result: str | None = f.value("result", required=True)
    if result is None:
        return None
    return Review(rebound=None if result == REVIEW_CONSOLIDATED else result)


def _check_review_results(records: list[tuple[ChangeRecord, int]], problems: Problems) -> list[tuple[ChangeRecord, int]]:
    """A 回头看 that found a rebound names that rebound's record: same task, found on or after the review."""
    by_id = {r.id: r for r, _ in records}
    out = []
    for record, line in records:
        review = record.review
        if review is not None and review.rebound is not None:
            found = by_id.get(review.rebound)
            if found is None or found.rebound is None or found.task_no != record.task_no or found.plan_id != record.plan_id \
                    or found.date < record.date:
                problems.add(record.source, record.line, "result", M.EVENT_REVIEW_RESULT.format(
                    result=review.rebound, task=record.task_no, day=record.date.isoformat(), word=REVIEW_CONSOLIDATED,
                ))
                continue
        out.append((record, line))
    return out


def _check_review_scope(
    records: list[tuple[ChangeRecord, int]], plans: Sequence[Plan], notices: Sequence[Notice],
    reports: Sequence[ProgressReport], problems: Problems,
) -> list[tuple[ChangeRecord, int]]:
    """A 回头看 covers its `scope`, or with none every part of the task: each must be closed out by its date.

    回头看 follows close-out (三、保障措施（一）): a review of a part still open (never closed
    out, or reopened by a rebound) would publish 整改成效得到巩固 of work not accepted.
    """
    rebounds = rebounds_of(reports, [r for r, _ in records])
    out = []
    for record, date_line in records:
        if record.review is None:
            out.append((record, date_line))
            continue
        plan = next((p for p in plans if p.id == record.plan_id), None)
        task = plan.task(record.task_no) if plan is not None else None
        if task is None:
            continue
        parts = record.scope or task.banners or ("",)
        still_open = open_parts_on(task, parts, notices, rebounds, record.date)
        if not still_open:
            out.append((record, date_line))
            continue
        if len(still_open) == len(parts):
            message = M.EVENT_REVIEW_NOT_CLOSED_OUT.format(
                task=task.no, scope="、".join(record.scope) or M.EVENT_WHOLE_TASK, day=record.date.isoformat()
            )
        else:
            message = M.EVENT_REVIEW_PARTS_OPEN.format(
                task=task.no, open="、".join(still_open), day=record.date.isoformat(),
                closed="、".join(p for p in parts if p not in still_open),
            )
        problems.add(record.source, date_line, "date", message)
    return out


def _date(f: yamlsrc.Fields, name: str, calendar: WorkCalendar, required: bool | None = None) -> dt.date | None:
    """A date field, refused in a year no date of this site can be in (the rule a notice's start obeys)."""
    day: dt.date | None = f.value(name, required=required)
    problem = calendar.out_of_range(day) if day is not None else None
    if problem is not None:
        f.error(f.line_of(name), name, problem)
        return None
    return day


def _check_date_bounds(
    f: yamlsrc.Fields, plan: Plan | None, task: Task | None, day: dt.date | None, calendar: WorkCalendar
) -> None:
    """No date before the plan's inspection report; no deadline or time limit beyond the horizon (schema)."""
    if plan is None:
        return
    earliest = plan.inspection.report_date
    for name in EVENT_DATES_AFTER_PLAN:
        value = _given_date(f, name, calendar)
        if value is not None and value < earliest:
            message = M.EVENT_DATE_BEFORE_PLAN.format(day=value.isoformat(), plan=earliest.isoformat())
            f.error(f.line_of(name), name, message)
    base = max((d for d in (task.deadline.date if task else None, day) if d is not None), default=None)
    if base is None:
        return
    latest = _years_after(base, EVENT_HORIZON_YEARS)
    for name in EVENT_DATES_WITHIN_HORIZON:
        value = _given_date(f, name, calendar)
        if value is not None and value > latest:
            message = M.EVENT_DATE_BEYOND_HORIZON.format(
                day=value.isoformat(), years=EVENT_HORIZON_YEARS, base=base.isoformat(), latest=latest.isoformat()
            )
            f.error(f.line_of(name), name, message)


def _given_date(f: yamlsrc.Fields, name: str, calendar: WorkCalendar) -> dt.date | None:
    """The field's date when it is a possible one; a wrong value is reported where the field is read, not here."""
    raw = f.mapping.get(name)
    if raw is None:
        return None
    value = check_value(EVENT.field(name), raw).value
    return value if isinstance(value, dt.date) and calendar.out_of_range(value) is None else None


def _years_after(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _refuse_fields_of_the_other_kind(f: yamlsrc.Fields, kind: str | None) -> None:
    """A rebound carries no extension's fields and an extension no rebound's: each one found is named."""
    if kind is None or kind not in EVENT_KIND_FIELDS:
        return  # the kind is wrong (reported): its fields are not guessed at
    for other, names in EVENT_KIND_FIELDS.items():
        if other == kind:
            continue
        for field_name in names:
            if field_name in f.mapping:
                message = M.EVENT_OTHER_KIND_FIELD.format(
                    field=field_name, other=EVENT_KIND_LABELS[other], kind=EVENT_KIND_LABELS[kind]
                )
                f.error(f.line_of(field_name), field_name, message)


def extension_problem(task: Task, new_deadline: dt.date | None) -> tuple[str, str] | None:
    """("task", problem) when the task has no dated deadline to extend; ("new_deadline", problem) when the new
    deadline is not later than the task's own; None when the extension may be read.

    The one rule for an extension's deadline, recorded in data/events/ or in a yearly report (progress.py).
    """
    if task.deadline.date is None:
        return "task", M.EXTENSION_NO_DEADLINE.format(task=task.no, deadline=task.deadline.text)
    if new_deadline is not None and new_deadline <= task.deadline.date:
        return "new_deadline", M.EXTENSION_NOT_LATER.format(
            new=new_deadline.isoformat(), deadline=task.deadline.text, date=task.deadline.date.isoformat()
        )
    return None


def closed_out_by(task: Task, scope: Sequence[str], notices: Sequence[Notice], day: dt.date) -> bool:
    """Whether each part a rebound names (every part of the task when it names none) was closed out on or before
    `day`: the one rule for "only a closed-out task can rebound", for records in data/events/ and rebounds in
    yearly reports (progress.py) alike; `notice_status.open_parts_on` decides, as it does for a 回头看.
    """
    return not open_parts_on(task, tuple(scope) or task.banners or ("",), notices, {}, day)


def _check_extension_dates(
    f: yamlsrc.Fields, task: Task | None, day: dt.date | None, requested: dt.date | None, new_deadline: dt.date | None
) -> None:
    """Requested, then approved (`date`), to a new deadline after both the approval and the task's own deadline."""
    problem = extension_problem(task, new_deadline) if task is not None else None
    if problem is not None:
        field_name, message = problem
        f.error(f.line_of(field_name), field_name, message)
    if new_deadline is not None and day is not None and new_deadline <= day:
        message = M.EVENT_NEW_DEADLINE_BEFORE_DATE.format(new=new_deadline.isoformat(), day=day.isoformat())
        f.error(f.line_of("new_deadline"), "new_deadline", message)
    if requested is not None and day is not None and requested > day:
        message = M.EVENT_REQUESTED_AFTER_DATE.format(requested=requested.isoformat(), day=day.isoformat())
        f.error(f.line_of("requested"), "requested", message)


def _extends_closed_out(
    record: ChangeRecord, date_line: int, plans: Sequence[Plan], notices: Sequence[Notice],
    rebounds: Sequence[ChangeRecord], reports: Sequence[ProgressReport], problems: Problems,
) -> bool:
    """An extension of a part closed out by its approval (and not reopened by a rebound since): an error.

    The plan extends tasks 超期未完成整改 (附件二（二）); a closed-out part is done. A
    whole-task extension is refused only when every part is closed out.
    """
    plan = next((p for p in plans if p.id == record.plan_id), None)
    task = plan.task(record.task_no) if plan is not None else None
    if task is None:
        return False
    day = record.date
    found = [  # (day found, parts) of each rebound of the task by the approval
        (r.date, r.scope) for r in rebounds if r.plan_id == record.plan_id and r.task_no == task.no and r.date <= day
    ] + [
        (e.rebound.found, ()) for rep in reports if rep.plan_id == record.plan_id
        for e in rep.tasks if e.task_no == task.no and e.rebound is not None and e.rebound.found <= day
    ]

    def closing(part: str) -> Notice | None:
        """The notice whose close-out of `part` still stands on `day`."""
        last = max(
            (n for n in notices if n.plan_id == record.plan_id and n.task_no == task.no and n.closed_out is not None
             and n.closed_out <= day and (not n.scope or not part or part in n.scope)),
            key=lambda n: n.closed_out or day, default=None,
        )
        if last is None or last.closed_out is None:
            return None
        reopened = any(when >= last.closed_out and (not parts or not part or part in parts) for when, parts in found)
        return None if reopened else last

    parts = record.scope or task.banners or ("",)
    closed = {part: n for part in parts if (n := closing(part)) is not None}
    if not closed:
        return False
    if record.scope:
        first = next(iter(closed.values()))
        message = M.EVENT_EXTENSION_CLOSED_OUT.format(
            parts="、".join(closed), day=day.isoformat(), notice=first.id,
            closed_out=first.closed_out.isoformat() if first.closed_out else "",
        )
        problems.add(record.source, date_line, "date", message)
        return True
    if len(closed) < len(parts):
        return False
    last = max(closed.values(), key=lambda n: n.closed_out or day)
    message = M.EVENT_EXTENSION_ALL_CLOSED_OUT.format(
        task=task.no, day=day.isoformat(), notice=last.id, closed_out=last.closed_out.isoformat() if last.closed_out else "",
    )
    problems.add(record.source, date_line, "date", message)
    return True


def _duplicates_a_report(record: ChangeRecord, reports: Sequence[ProgressReport], problems: Problems) -> bool:
    """The same rebound (same day found) or extension (same new deadline) already in a yearly report: an error."""
    for r in reports:
        if r.plan_id != record.plan_id or (entry := r.task(record.task_no)) is None:
            continue
        if record.rebound is not None and entry.rebound is not None and entry.rebound.found == record.rebound.found:
            problems.add(record.source, record.line, "", M.EVENT_SAME_REBOUND_IN_REPORT.format(report=r.source, line=entry.rebound.line))
            return True
        if record.extension is not None and entry.extension is not None and (
            entry.extension.new_deadline == record.extension.new_deadline or entry.extension.requested == record.extension.requested
        ):
            problems.add(record.source, record.line, "", M.EVENT_SAME_EXTENSION_IN_REPORT.format(report=r.source, line=entry.extension.line))
            return True
    return False


# ---------------------------------------------------------------------------
# Warnings for `gongshi check`: the record is valid, but the procedure looks incomplete.
# ---------------------------------------------------------------------------


def warnings(dataset: Dataset, calendar: WorkCalendar, today: dt.date) -> list[Problem]:
    """Reports that leave out open tasks or measures, years without a report.

    "Open" is the state model's: a task not closed out as a whole (status.py decides).
    """
    from .status import open_tasks

    def still_open(plan: Plan, day: dt.date) -> list[int]:
        return [t.no for t in open_tasks(dataset, plan.id, day, calendar)]

    out = Problems()
    for r in dataset.progress:
        plan = dataset.plan(r.plan_id)
        if plan is None:
            continue
        for entry in r.tasks:
            task = plan.task(entry.task_no)
            if task is None:
                continue
            if entry.status is None:  # only 旗区 entries so far: the city status is still to come
                out.add(r.source, entry.line, f"第{entry.task_no}项.status", M.REPORT_CITY_STATUS_PENDING.format(word=plan.subunit_word), warning=True)
                continue
            missing = [str(i) for i in range(1, len(task.measures) + 1) if entry.measure(i) is None]
            if missing:
                out.add(r.source, entry.line, f"第{entry.task_no}项.measures",
                        M.REPORT_MEASURES_MISSING.format(measures="、".join(missing)), warning=True)
        reported = {e.task_no for e in r.tasks}
        left_out = [no for no in still_open(plan, r.published) if no not in reported]
        if left_out:
            out.add(r.source, r.line, "tasks",
                    M.REPORT_TASKS_LEFT_OUT.format(year=r.year, tasks="、".join(map(str, left_out))), warning=True)
    for missed in missing_reports(dataset, today, dataset.progress, calendar):
        year = missed.year
        name = f"data/progress/{year}.yaml" if len(dataset.plans) == 1 else f"data/progress/{year}-{missed.plan_id}.yaml"
        message = M.REPORT_MISSING.format(year=year, days=REPORT_GRACE_DAYS, count=missed.open_tasks)
        out.add(name, 0, "", message, warning=True)
    return out.sorted()


@dataclass(frozen=True)
class MissingReport:
    """A year whose report is due (ended more than REPORT_GRACE_DAYS ago, tasks still open) and not there."""

    plan_id: str
    year: int
    open_tasks: int  # tasks not closed out at the year's end


def missing_reports(
    dataset: Dataset, day: dt.date, reports: Sequence[ProgressReport], calendar: WorkCalendar | None = None,
) -> list[MissingReport]:
    """Each year from the first one the yearly disclosure covers with no report among `reports`, as of `day`.

    每年对外公开1次 (三、保障措施（三）): from the first year reported on (else the
    year after the inspection report, when the plan took effect) to the year
    before `day`. `check` passes every report in data/; the site only the
    published ones (a queued report is not public: the site says the year's
    report is not yet public, which is true). "Open" is the state model's.
    """
    from .status import open_tasks

    out: list[MissingReport] = []
    for plan in dataset.plans:
        have = {r.year for r in reports if r.plan_id == plan.id}
        first = min(have, default=plan.inspection.report_date.year + 1)
        for year in range(first, day.year):
            year_end = dt.date(year, 12, 31)
            if year in have or (day - year_end).days <= REPORT_GRACE_DAYS:
                continue
            left = open_tasks(dataset, plan.id, year_end, calendar)
            if left:
                out.append(MissingReport(plan.id, year, len(left)))
    return out
