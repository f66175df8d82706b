"""验收销号公示: reading `data/notices/*.yaml` and checking each against its plan and calendar.

A notice is what an officer records about one publication of an acceptance
opinion: which task (or which 旗区 of it), when the window starts, what the
acceptance found, what objections came in and whether the task was closed
out. Everything that can contradict itself or the plan is refused here, so
`status.py` can compute states without second-guessing the data.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from . import messages as M
from . import yamlsrc
from .contact import read_contact
from .errors import Problem, Problems
from .model import (
    NOTICE_EXTRA,
    Acceptance,
    Channel,
    MeasureCompletion,
    NotFound,
    Notice,
    Objection,
    Plan,
    PublishedElsewhere,
    Task,
    Withdrawal,
    plan_by_id,
)
from .parallel import map_items_forked
from .schema import APPLY_WITHIN_WORKDAYS, MIN_WORKDAYS, NOTICE, SLUG, Outcome, as_date, did_you_mean, in_plans_word
from .titles import notice_title_of
from .workcalendar import WEEKDAYS, CalendarGap, Window, WorkCalendar

NOTICE_ID = SLUG
NAMED_START = re.compile(r"(\d{4}-\d{2}-\d{2})(?:-|$)")  # what `draft_name` writes first
NAMED_TASK = re.compile(r"(?:^|-)task(\d+)(?:-|$)")


def notices_dir(data_dir: Path) -> Path:
    return data_dir / "notices"


def drafts_dir(data_dir: Path) -> Path:
    """Where `notice new` writes: builds never read it, so an unfinished notice cannot stop publication."""
    return data_dir / "drafts"


@dataclass(frozen=True)
class Draft:
    """A notice file in data/drafts/: its problems (as warnings), and the notice once it has none."""

    path: Path
    source: str
    notice: Notice | None
    problems: tuple[Problem, ...]

    @property
    def complete(self) -> bool:
        """已填写完整: read as a notice with no error, the procedure's rules for an unpublished notice included.

        What `notice list` calls complete (and counts as under way for 临近时限),
        what `check` counts as ready, and what `notice ready` accepts.
        """
        return self.notice is not None and not [p for p in self.problems if not p.warning]


def read_draft(path: Path, name: str, plans: Sequence[Plan], calendar: WorkCalendar) -> Draft:
    """One draft read exactly as a notice would be, its problems kept apart from the data's."""
    found = Problems()
    result = _read_notice(path, name, plans, calendar, found, draft=True) if NOTICE_ID.fullmatch(path.stem) else None
    if not NOTICE_ID.fullmatch(path.stem):
        found.add(name, 0, "", M.NOTICE_FILE_NAME)
    if result is not None:  # a draft is never published: the procedure's rules apply in full
        found.items.extend(procedure_problems([result.notice], plans, Published(result.notice.start, frozenset())))
    return Draft(path, name, result.notice if result else None, tuple(found.sorted()))


def load_drafts(data_dir: Path, root: Path, plans: Sequence[Plan], calendar: WorkCalendar) -> list[Draft]:
    """Every file in data/drafts/, sorted by name; what `check` and `notice list` report, never what a build reads."""
    found = Problems()
    drafts = [read_draft(path, name, plans, calendar)
              for path, name in yamlsrc.record_files(drafts_dir(data_dir), root, M.KIND_DRAFT, found)]
    for problem in found.sorted():  # a sub-folder or a file with another ending, reported as the file's own
        drafts.append(Draft(root / problem.path, problem.path, None, (problem,)))
    return sorted(drafts, key=lambda d: d.source)


def draft_warnings(drafts: Sequence[Draft]) -> list[Problem]:
    """Each draft's problems as warnings: a draft is not yet published, so it never fails a check."""
    return [replace(p, warning=True) for d in drafts for p in d.problems]


def load_notices(
    data_dir: Path,
    root: Path,
    dataset_plans: Sequence[Plan],
    calendar: WorkCalendar,
    problems: Problems,
    also: Sequence[tuple[Path, str]] = (),
) -> list[Notice]:
    """Every valid notice under data/notices/, sorted by (start, id); problems recorded, never raised.

    `also` are (path, shown name) of files read as if they were in data/notices/
    too: a draft is checked with the notices before it is moved there.
    """
    files: list[tuple[Path, str]] = []
    for path, name in [*yamlsrc.record_files(notices_dir(data_dir), root, M.KIND_NOTICE, problems), *also]:
        if NOTICE_ID.fullmatch(path.stem):
            files.append((path, name))
        else:
            problems.add(name, 0, "", M.NOTICE_FILE_NAME)

    def read(file: tuple[Path, str]) -> tuple[_Loaded | None, Problems]:
        found = Problems()
        return _read_notice(*file, dataset_plans, calendar, found), found

    loaded: list[_Loaded] = []
    for result, found in map_items_forked(read, files, READ_APART_FROM):
        problems.extend(found)
        if result is not None:
            loaded.append(result)
    loaded.sort(key=lambda item: (item.notice.start, item.notice.id))
    _check_overlaps(loaded, problems)
    return [item.notice for item in loaded]


READ_APART_FROM = 1000  # files; below this, forking costs more than reading on one core


@dataclass(frozen=True)
class _Loaded:
    notice: Notice
    window: Window
    start_line: int


@dataclass
class _Context:
    """The plan and task a file names, once known, for the checks that depend on them."""

    plan: Plan | None = None
    task: Task | None = None
    acceptance_date: dt.date | None = None  # the opinion's date, even when another acceptance field is wrong
    unit_line: int = 0  # the line of acceptance.unit


def _read_notice(
    path: Path, name: str, plans: Sequence[Plan], calendar: WorkCalendar, problems: Problems, *, draft: bool = False
) -> _Loaded | None:
    """One notice file; a `draft` (never published) must also record the committee's consent, named with the other
    fields still to fill in rather than after them."""
    value = yamlsrc.load(path, name, problems)
    if value is None:
        return None
    fields = yamlsrc.Fields(value, name, problems, NOTICE)
    ctx = _Context()

    plan_id = fields.value("plan", required=len(plans) > 1)
    ctx.plan = find_plan(fields, plan_id, plans)
    ctx.task = find_task(fields, ctx.plan, fields.value("task"))
    if ctx.task is not None and (missing := acceptance_missing(ctx.task)):
        fields.error(fields.line_of("task"), "task", missing)
    scope = _read_scope(fields, ctx)
    start = fields.value("start")
    workdays = _read_workdays(fields)
    completed = fields.value("completed")
    applied = fields.value("applied")
    completion = fields.value("completion")
    acceptance = _read_acceptance(fields, ctx, start)
    approved = fields.value("approved")
    if draft and approved is None and fields.mapping.get("approved") in (None, ""):  # absent or left empty
        message = M.NOTICE_APPROVED_REQUIRED.format(start=start.isoformat() if start else M.NOTICE_START_UNKNOWN)
        fields.error(fields.line_of("approved"), "approved", message)
    contact_ok, contact = fields.optional_record("contact", read_contact)
    channels = _read_channels(fields)
    by_measure = _read_measure_completions(fields, ctx.task)
    window = _window(fields, calendar, start, workdays)
    if window is not None and start is not None:
        _check_start_workday(fields, calendar, start)
    check_file_name(fields, path.stem, start, ctx.task.no if ctx.task else None)
    objections = _read_objections(fields, start, window)
    closed_out = fields.value("closed_out")
    withdrawn_ok, withdrawn = fields.optional_record("withdrawn", lambda sub: _read_withdrawn(sub, start))
    elsewhere_ok, elsewhere = fields.optional_record("published_elsewhere", lambda sub: _read_elsewhere(sub, start))
    applied_after = _check_procedure_dates(fields, calendar, completed, applied, ctx.acceptance_date, approved, start)
    _check_close_out(fields, closed_out, window, objections)
    extra = {spec.name: fields.value(spec.name) for spec in NOTICE_EXTRA}  # declared in schema.py alone

    if not fields.done() or ctx.plan is None or ctx.task is None or scope is None:
        return None
    if start is None or workdays is None or completion is None or acceptance is None or window is None:
        return None
    if objections is None or channels is None or not contact_ok or not withdrawn_ok or not elsewhere_ok:
        return None
    if by_measure is None:
        return None
    notice = Notice(
        id=path.stem,
        plan_id=ctx.plan.id,
        task_no=ctx.task.no,
        scope=scope,
        start=start,
        workdays=workdays,
        completion=completion,
        acceptance=acceptance,
        contact=contact,
        channels=channels,
        objections=objections,
        closed_out=closed_out,
        source=name,
        line=fields.line,
        completed=completed,
        applied=applied,
        approved=approved,
        withdrawn=withdrawn,
        published_elsewhere=elsewhere,
        measure_completions=by_measure,
        applied_after=applied_after,
        scope_line=fields.line_of("scope") if scope else fields.line,
        unit_line=ctx.unit_line or fields.line,
        start_line=fields.line_of("start"),
        withdrawn_line=fields.line_of("withdrawn"),
        extra=extra,
    )
    return _Loaded(notice, window, fields.line_of("start"))


def measure_number(fields: yamlsrc.Fields, task: Task | None, seen: dict[int, int]) -> int | None:
    """The record's measure `no`, if the task has that measure and no earlier entry of the list named it.

    `seen` maps each measure already named to its line; both errors are
    reported on `no`. A yearly report's measures and a notice's completion by
    measure follow this one rule.
    """
    no = fields.value("no")
    if no is not None and task is not None and no > len(task.measures):
        span = "1" if len(task.measures) == 1 else f"1–{len(task.measures)}"
        fields.error(fields.line_of("no"), "no", M.NO_MEASURE.format(task=task.no, no=no, span=span))
        return None
    if no is not None and no in seen:
        fields.error(fields.line_of("no"), "no", M.MEASURE_ALREADY_REPORTED.format(no=no, line=seen[no]))
        return None
    if no is not None:
        seen[no] = fields.line_of("no")
    return no


def find_plan(fields: yamlsrc.Fields, plan_id: str | None, plans: Sequence[Plan]) -> Plan | None:
    """The plan a record names (the only one when it names none); an unknown one is reported."""
    if plan_id is None:
        return plans[0] if len(plans) == 1 else None
    try:
        return plan_by_id(plans, plan_id)
    except NotFound as exc:
        fields.error(fields.line_of("plan"), "plan", str(exc))
        return None


def find_task(fields: yamlsrc.Fields, plan: Plan | None, task_no: int | None) -> Task | None:
    """The task a record's `task` names in its plan; one the plan does not have is reported."""
    if plan is None or task_no is None:
        return None
    try:
        return plan.task_by_number(task_no)
    except NotFound as exc:
        fields.error(fields.line_of("task"), "task", str(exc))
        return None


def banner_problem(plan: Plan, task: Task, banner: str, field_name: str) -> str | None:
    """Why `banner` cannot be named for `task` (unknown 旗区, or not one of the task's), or None."""
    if plan.banner(banner) is not None and not task.banners:  # a record's field to delete, not a name to correct
        return M.TASK_NAMES_NO_BANNER.format(task=task.no, field=field_name, word=plan.subunit_word)
    try:
        plan.banner_of_task(task, banner)
    except NotFound as exc:
        return str(exc)
    return None


def _read_scope(fields: yamlsrc.Fields, ctx: _Context) -> tuple[str, ...] | None:
    """The 旗区 the notice covers, in the task's order; () for the whole task."""
    return read_scope(fields, ctx.plan, ctx.task)


def read_scope(fields: yamlsrc.Fields, plan: Plan | None, task: Task | None) -> tuple[str, ...] | None:
    """A record's `scope`: each 旗区 once and one of the task's, in the task's order; () for the whole task."""
    names = fields.value("scope")
    if names is None:
        return None if fields.has("scope") else ()
    if not names:
        fields.error(fields.line_of("scope"), "scope", M.SCOPE_EMPTY)
        return None
    if task is None or plan is None:
        return tuple(names)
    ok = True
    seen: set[str] = set()
    for banner, (line, where) in zip(names, names.places):
        problem = M.LISTED_TWICE.format(name=banner) if banner in seen else None
        problem = problem or banner_problem(plan, task, banner, "scope")
        if problem:
            fields.error(line, where, problem)
            ok = False
        seen.add(banner)
    if not ok:
        return None
    return tuple(b for b in task.banners if b in seen)


def _read_workdays(fields: yamlsrc.Fields) -> int | None:
    if not fields.has("workdays"):
        return MIN_WORKDAYS
    workdays = fields.value("workdays", required=True)
    if workdays is not None and workdays < MIN_WORKDAYS:
        fields.error(
            fields.line_of("workdays"), "workdays", M.WORKDAYS_TOO_FEW.format(minimum=MIN_WORKDAYS, got=workdays)
        )
        return None
    return workdays


def acceptance_missing(task: Task) -> str | None:
    """Why no notice of `task` is accepted yet: the plan names no 验收单位, so none can lead (附件 二（一）).

    `check`, `notice new` and `notice ready` all ask this; the task itself is
    published as the plan has it.
    """
    if task.has_acceptance_units:
        return None
    return M.NOTICE_NO_ACCEPTANCE_UNIT.format(task=task.no, file=task.source, line=task.line)


def _acceptance_unit_problem(unit: str, task: Task) -> str | None:
    """A unit that is not one of the task's acceptance units, named with the allowed ones."""
    allowed = task.acceptance.units
    if unit in allowed or not allowed:  # no units at all is said once, on `task`
        return None
    hint = did_you_mean(unit, allowed)
    return M.ACCEPTANCE_UNIT_NOT_OF_TASK.format(unit=unit, task=task.no, hint=hint, allowed="、".join(allowed))


def _read_acceptance(fields: yamlsrc.Fields, ctx: _Context, start: dt.date | None) -> Acceptance | None:
    sub = fields.value("acceptance")
    if sub is None:
        return None
    unit = sub.value("unit")
    if unit is not None and ctx.task is not None:
        problem = _acceptance_unit_problem(unit, ctx.task)
        if problem:
            sub.error(sub.line_of("unit"), "unit", problem)
        # 由排名第一位的验收单位牵头 (附件 二（一）): whether another unit is an error or a
        # warning depends on whether the notice is already published (`procedure_problems`).
        ctx.unit_line = sub.line_of("unit")
    co_units = _read_co_units(sub, ctx, unit)
    date = sub.value("date")
    opinion = sub.value("opinion")
    if unit is not None and ctx.task is not None and unit not in ctx.task.acceptance.units:
        unit = None  # also for a task without acceptance units: the notice is refused on `task`
    if date is not None and start is not None and date > start:
        sub.error(
            sub.line_of("date"), "date", M.ACCEPTANCE_AFTER_START.format(date=date.isoformat(), start=start.isoformat())
        )
        date = None
    ctx.acceptance_date = date
    if not sub.done() or unit is None or date is None or opinion is None or co_units is None:
        return None
    return Acceptance(unit=unit, date=date, opinion=opinion, co_units=tuple(co_units))


def _read_co_units(sub: yamlsrc.Fields, ctx: _Context, unit: str | None) -> list[str] | None:
    """The co-acceptance units: each one of the task's acceptance units, none twice, not `unit`; None when wrong."""
    names = sub.value("co_units")
    if names is None:
        return None if sub.has("co_units") else []
    ok = True
    seen: set[str] = set()
    for name, (line, where) in zip(names, names.places):
        problem = M.LISTED_TWICE.format(name=name) if name in seen else None
        if problem is None and name == unit:
            problem = M.CO_UNIT_IS_LEAD.format(unit=name)
        if problem is None and ctx.task is not None:
            problem = _acceptance_unit_problem(name, ctx.task)
        if problem:
            sub.error(line, where, problem)
            ok = False
        seen.add(name)
    return list(names) if ok and names.complete else None


def _read_withdrawn(sub: yamlsrc.Fields, start: dt.date | None) -> Withdrawal | None:
    """The withdrawal, None when wrong (reported): a notice is withdrawn on or after the day it became public."""
    date = sub.value("date")
    reason = sub.value("reason")
    if date is not None and start is not None and date < start:
        sub.error(sub.line_of("date"), "date", M.WITHDRAWN_BEFORE_START.format(date=date.isoformat(), start=start.isoformat()))
        return None
    if not sub.done() or date is None or reason is None:
        return None
    return Withdrawal(date=date, reason=reason)


def _read_elsewhere(sub: yamlsrc.Fields, start: dt.date | None) -> PublishedElsewhere | None:
    """Where the notice was first public, None when wrong (reported): on or before its start, when its window began."""
    channel = sub.value("channel")
    date = sub.value("date")
    if date is not None and start is not None and date > start:
        sub.error(sub.line_of("date"), "date", M.ELSEWHERE_AFTER_START.format(date=date.isoformat(), start=start.isoformat()))
        return None
    if not sub.done() or channel is None or date is None:
        return None
    return PublishedElsewhere(channel=channel, date=date)


def _read_channels(fields: yamlsrc.Fields) -> tuple[Channel, ...] | None:
    channels: list[Channel] = []
    entries = fields.records("channels")
    ok = entries.ok
    for sub in entries:
        name = sub.value("name")
        date = sub.value("date")
        if not sub.done() or name is None or date is None:
            ok = False
            continue
        channels.append(Channel(name=name, date=date))
    return tuple(channels) if ok else None


def _read_measure_completions(fields: yamlsrc.Fields, task: Task | None) -> tuple[MeasureCompletion, ...] | None:
    """`completion_by_measure`: each a measure of the task, once; None when something is wrong (reported)."""
    out: list[MeasureCompletion] = []
    entries = fields.records("completion_by_measure")
    ok = entries.ok
    seen: dict[int, int] = {}
    for sub in entries:
        no = measure_number(sub, task, seen)
        text = sub.value("text")
        if not sub.done() or no is None or text is None:
            ok = False
            continue
        out.append(MeasureCompletion(no=no, text=text, line=sub.line))
    return tuple(sorted(out, key=lambda m: m.no)) if ok else None


def measure_completion_warnings(notices: Sequence[Notice], plans: Sequence[Plan]) -> list[Problem]:
    """A warning for each measure of a notice's task with no completion line (不得缺项少项, 附件 报告模板)."""
    out: list[Problem] = []
    for n in notices:
        plan = next((p for p in plans if p.id == n.plan_id), None)
        task = plan.task(n.task_no) if plan is not None else None
        if task is None:
            continue
        missing = [str(i) for i in range(1, len(task.measures) + 1) if n.completion_of(i) is None]
        if missing:
            message = M.NOTICE_MEASURE_COMPLETION_MISSING.format(measures="、".join(missing))
            out.append(Problem(n.source, n.line, "completion_by_measure", message, warning=True))
    return out


def _window(
    fields: yamlsrc.Fields, calendar: WorkCalendar, start: dt.date | None, workdays: int | None
) -> Window | None:
    if start is None or workdays is None:
        return None
    try:
        return calendar.window(start, workdays)
    except CalendarGap as gap:
        fields.error(fields.line_of("start"), "start", str(gap))
        return None


def _check_start_workday(fields: yamlsrc.Fields, calendar: WorkCalendar, start: dt.date) -> None:
    """A notice is public from a working day: `notice new` refuses others, and so must a hand-edited file."""
    try:
        if calendar.is_workday(start):
            return
        following = calendar.next_workday(start)
    except CalendarGap as gap:
        fields.error(fields.line_of("start"), "start", str(gap))
        return
    message = M.START_NOT_WORKDAY.format(
        start=start.isoformat(), weekday=WEEKDAYS[start.weekday()], next=following.isoformat()
    )
    fields.error(fields.line_of("start"), "start", message)


def check_file_name(
    fields: yamlsrc.Fields, stem: str, start: dt.date | None, task_no: int | None,
    date_field: str = "start", differs: str = M.NAME_START_DIFFERS,
) -> None:
    """A file named `2026-12-07-task7` must hold task 7 from 2026-12-07: the name is what officers sort and find by.

    A notice's date is its `start`; a dated record's (data/events/) is its `date`, with its own `differs` message.
    """
    named = NAMED_START.match(stem)
    if named and start is not None:
        day = as_date(named.group(1))
        if day is not None and day != start:
            message = differs.format(file=stem, named=day.isoformat(), start=start.isoformat())
            fields.error(fields.line_of(date_field), date_field, message)
    named_task = NAMED_TASK.search(stem)
    if named_task and task_no is not None and int(named_task.group(1)) != task_no:
        message = M.NAME_TASK_DIFFERS.format(file=stem, named=int(named_task.group(1)), task=task_no)
        fields.error(fields.line_of("task"), "task", message)


def _read_objections(
    fields: yamlsrc.Fields, start: dt.date | None, window: Window | None
) -> tuple[Objection, ...] | None:
    objections: list[Objection] = []
    entries = fields.records("objections")
    ok = entries.ok
    previous: tuple[str, dt.date] | None = None
    for sub in entries:
        where, line = sub.where, sub.line
        received = sub.value("received")
        summary = sub.value("summary")
        outcome = sub.value("outcome")
        verified_by = sub.value("verified_by", required=False)
        reason = sub.value("reason", required=False)
        resolved = None
        if outcome is Outcome.PENDING:
            if sub.has("resolved"):
                sub.error(sub.line_of("resolved"), "resolved", M.OUTCOME_PENDING_RESOLVED)
                outcome = None
        elif outcome in (Outcome.UPHELD, Outcome.DISMISSED):
            if not sub.has("resolved"):
                word = outcome.label
                sub.error(sub.line_of("outcome"), "resolved", M.RESOLVED_REQUIRED.format(outcome=word))
                outcome = None
            else:
                resolved = sub.value("resolved", required=True)
        if received is not None and start is not None and received < start:
            message = M.RECEIVED_BEFORE_START.format(received=received.isoformat(), start=start.isoformat())
            sub.error(sub.line_of("received"), "received", message)
            received = None
        if received is not None and previous is not None and received < previous[1]:
            message = M.OBJECTIONS_ORDER.format(
                received=received.isoformat(), previous=previous[1].isoformat(), where=previous[0]
            )
            sub.error(sub.line_of("received"), "received", message)
        if received is not None:
            previous = (where, received)
        if received is not None and resolved is not None and resolved < received:
            message = M.RESOLVED_BEFORE_RECEIVED.format(resolved=resolved.isoformat(), received=received.isoformat())
            sub.error(sub.line_of("resolved"), "resolved", message)
            resolved = None
        if not sub.done() or received is None or summary is None or outcome is None:
            ok = False
            continue
        if outcome is not Outcome.PENDING and resolved is None:
            ok = False
            continue
        late = window is not None and received > window.end
        objections.append(Objection(
            received=received, summary=summary, outcome=outcome, resolved=resolved, line=line, late=late,
            verified_by=verified_by or "", reason=reason or "",
        ))
    return tuple(objections) if ok else None


def _check_procedure_dates(
    fields: yamlsrc.Fields,
    calendar: WorkCalendar,
    completed: dt.date | None,
    applied: dt.date | None,
    accepted: dt.date | None,
    approved: dt.date | None,
    start: dt.date | None,
) -> int | None:
    """完成整改 ≤ 申请验收 (within 10 working days, else a warning); 验收意见 ≤ 委员会同意 ≤ 公示.

    Returns the working days from completion to application, when both are recorded (the page shows a late one).
    """
    days: int | None = None
    if completed is not None and applied is not None:
        if completed > applied:
            message = M.COMPLETED_AFTER_APPLIED.format(completed=completed.isoformat(), applied=applied.isoformat())
            fields.error(fields.line_of("completed"), "completed", message)
        else:
            try:
                days = len(calendar.workdays_between(completed + dt.timedelta(days=1), applied))
            except CalendarGap:
                days = None  # the window check names the missing calendar year
            if days is not None and days > APPLY_WITHIN_WORKDAYS:
                message = M.APPLIED_LATE.format(applied=applied.isoformat(), completed=completed.isoformat(), days=days)
                fields.warn(fields.line_of("applied"), "applied", message)
    if approved is None:
        return days
    if accepted is not None and approved < accepted:
        message = M.APPROVED_BEFORE_ACCEPTANCE.format(approved=approved.isoformat(), date=accepted.isoformat())
        fields.error(fields.line_of("approved"), "approved", message)
    if start is not None and approved > start:
        message = M.APPROVED_AFTER_START.format(approved=approved.isoformat(), start=start.isoformat())
        fields.error(fields.line_of("approved"), "approved", message)
    return days


@dataclass(frozen=True)
class Published:
    """Which notices are already published as of `day`: the one decision the procedure's dated rules share.

    A notice is already published when the live site's publication record
    lists it (`listed`, the ids in `.gongshi-site.json`). With no live site, or
    for a preview (`listed` None), when its start is before `day`: a notice
    starting on `day` is published by that day's build, not before it.
    """

    day: dt.date
    listed: frozenset[str] | None = None

    def __contains__(self, notice: Notice) -> bool:
        if self.listed is not None:
            return notice.id in self.listed
        return notice.start < self.day


def procedure_problems(notices: Sequence[Notice], plans: Sequence[Plan], published: Published) -> list[Problem]:
    """What the procedure requires of a notice before it is published; a published one stays as it is.

    验收销号意见经市生态环境保护委员会同意后…对外公示 (附件 一): a notice not yet
    published with no committee consent (`approved`) is an error. 由排名第一位的
    验收单位牵头 (附件 二（一）): `acceptance.unit` other than the task's lead is an
    error for a notice not yet published, a warning for one already published.
    """
    out: list[Problem] = []
    for n in notices:
        public = n in published
        if not public and n.approved is None:
            message = M.NOTICE_APPROVED_REQUIRED.format(start=n.start.isoformat())
            out.append(Problem(n.source, n.line, "approved", message))
        try:
            task = plan_by_id(plans, n.plan_id).task_by_number(n.task_no)
        except NotFound:  # reported where the notice was read
            continue
        if task.has_acceptance_units and n.acceptance.unit != task.lead_acceptance_unit:
            message = M.ACCEPTANCE_UNIT_NOT_LEAD.format(unit=n.acceptance.unit, task=task.no, lead=task.lead_acceptance_unit)
            out.append(Problem(n.source, n.unit_line, "acceptance.unit", message, warning=public))
    return out


def _check_close_out(
    fields: yamlsrc.Fields,
    closed_out: dt.date | None,
    window: Window | None,
    objections: tuple[Objection, ...] | None,
) -> None:
    """已销号 only after the window, and only when every objection was decided and none upheld."""
    if closed_out is None:
        return
    line = fields.line_of("closed_out")
    if window is not None and closed_out <= window.end:
        fields.error(
            line, "closed_out", M.CLOSED_OUT_IN_WINDOW.format(closed_out=closed_out.isoformat(), end=window.end.isoformat())
        )
    for index, objection in enumerate(objections or (), start=1):
        if objection.outcome is Outcome.UPHELD:
            fields.error(line, "closed_out", M.CLOSED_OUT_UPHELD.format(index=index, line=objection.line))
        elif objection.outcome is Outcome.PENDING:
            fields.error(line, "closed_out", M.CLOSED_OUT_PENDING.format(index=index, line=objection.line))
        elif objection.resolved is not None and objection.resolved > closed_out:
            message = M.CLOSED_OUT_BEFORE_RESOLVED.format(
                closed_out=closed_out.isoformat(), index=index, line=objection.line,
                resolved=objection.resolved.isoformat(),
            )
            fields.error(line, "closed_out", message)
        if objection.received > closed_out:
            message = M.RECEIVED_AFTER_CLOSE_OUT.format(
                index=index, received=objection.received.isoformat(), closed_out=closed_out.isoformat()
            )
            fields.error(objection.line, f"objections[{index}].received", message)


def _check_overlaps(loaded: list[_Loaded], problems: Problems) -> None:
    """Two notices for the same task whose windows overlap must cover different 旗区.

    Compared within each task only: all pairs across a region's ~6,000 notices took 12 s.
    """
    earlier_of_task: dict[tuple[str, int], list[_Loaded]] = {}
    for item in loaded:
        notice, window = item.notice, item.window
        same_task = earlier_of_task.setdefault((notice.plan_id, notice.task_no), [])
        for other in same_task:
            earlier, earlier_window = other.notice, other.window
            if earlier_window.end < window.start or window.end < earlier_window.start:
                continue
            if notice.scope and earlier.scope and not set(notice.scope) & set(earlier.scope):
                continue
            message = M.WINDOWS_OVERLAP.format(
                start=window.start.isoformat(), end=window.end.isoformat(), other=earlier.id,
                other_start=earlier_window.start.isoformat(), other_end=earlier_window.end.isoformat(),
                task=notice.task_no, shared=_shared_scope(notice.scope, earlier.scope),
            )
            problems.add(notice.source, item.start_line, "start", message)
        same_task.append(item)


def _shared_scope(a: tuple[str, ...], b: tuple[str, ...]) -> str:
    if not a and not b:
        return M.BOTH_WHOLE_TASK
    if not a or not b:
        return M.ONE_WHOLE_TASK
    return M.BOTH_COVER.format(names="、".join(x for x in a if x in b))


def draft_name(plan_id: str | None, task_no: int, start: dt.date, banner_slugs: Sequence[str]) -> str:
    """`2026-12-07-task7-dalateqi`: sorts by start date; the plan is named only on multi-plan sites."""
    parts = [start.isoformat()] + ([plan_id] if plan_id else []) + [f"task{task_no}"] + list(banner_slugs)
    return "-".join(parts)


def draft_text(plan: Plan, task: Task, scope: Sequence[str], window: Window) -> str:
    """A new notice file with every field of `schema.NOTICE`, each under its Chinese guidance.

    Fields the officer must write are left empty, so the file cannot be made
    ready (moved to data/notices/) until they are filled in; as a draft in
    data/drafts/ it is only warned about, and never published.
    Optional fields are written commented out, with an example; `approved`,
    optional once a notice is published but required before, is left empty.
    """
    from .asof import chinese_date

    title = notice_title_of(task.no, scope)
    example_day = window.workdays[min(2, len(window.workdays) - 1)].isoformat()
    outcomes = "、".join(NOTICE.path("objections.outcome").words)
    others = [u for u in task.acceptance.units if u != task.lead_acceptance_unit]
    values: dict[str, list[str]] = {
        "plan": [f"plan: {plan.id}"],
        "task": [f"task: {task.no}"],
        "scope": (["scope:"] + [f"  - {name}" for name in scope]) if scope else [],
        "start": [f"start: {window.start.isoformat()}"],
        "workdays": [f"workdays: {window.days}"],
        "completed": ["# completed: YYYY-MM-DD"],
        "applied": ["# applied: YYYY-MM-DD"],
        "completion": [
            "# " + M.DRAFT_COMPLETION_HINT.format(field="completion: |"),
            "completion: |",
        ],
        "completion_by_measure": ["# completion_by_measure:"] + [
            line for no in range(1, len(task.measures) + 1) for line in (f"#   - no: {no}", "#     text: ")
        ],
        "acceptance": ["acceptance:"],
        "approved": ['approved: ""'],  # required before publication (附件 一): left empty to fill in
        "contact": [
            "# contact:",
            "#   phone: 0477-0000000",
            "#   email: example@example.gov.cn",
            f"#   address: {M.DRAFT_EXAMPLE_ADDRESS}",
        ],
        "channels": [M.DRAFT_EXAMPLE, f"#   - name: {M.DRAFT_EXAMPLE_CHANNEL}", f"#     date: {window.start.isoformat()}", "channels: []"],
        "objections": [
            M.DRAFT_EXAMPLE,
            f"#   - received: {example_day}",
            f"#     summary: {M.DRAFT_EXAMPLE_SUMMARY}",
            f"#     outcome: {Outcome.PENDING.label}     # {M.DRAFT_ONLY_ONE_OF.format(words=outcomes)}",
            "#     resolved:            # "
            + M.DRAFT_RESOLVED_HINT.format(field="outcome", upheld=Outcome.UPHELD.label, dismissed=Outcome.DISMISSED.label),
            "objections: []",
        ],
        "closed_out": ["closed_out:"],
        "published_elsewhere": [
            "# published_elsewhere:",
            f"#   channel: {M.DRAFT_EXAMPLE_CHANNEL}",
            f"#   date: {window.start.isoformat()}",
        ],
        "withdrawn": ["# withdrawn:", "#   date: YYYY-MM-DD", f"#   reason: {M.DRAFT_EXAMPLE_REASON}"],
    }
    acceptance_values: dict[str, list[str]] = {
        "unit": [
            M.DRAFT_ACCEPTANCE_UNITS.format(units="、".join(task.acceptance.units), lead=task.lead_acceptance_unit),
            f"  unit: {task.lead_acceptance_unit}",
        ],
        "co_units": [f"  # co_units: [{', '.join(others)}]"] if others else [],
        "date": ['  date: ""'],
        "opinion": [M.DRAFT_EXAMPLE_OPINION.format(task=task.no), '  opinion: ""'],
    }
    lines = [
        f"# {title}",
        M.DRAFT_HEADER,
        M.DRAFT_PERIOD.format(period=M.NOTICE_PERIOD.format(
            start=chinese_date(window.start), end=chinese_date(window.end), days=window.days
        )),
        M.DRAFT_NOT_BEFORE_START,
    ]
    for spec in NOTICE.fields:
        if not values[spec.name]:
            continue
        lines.append(f"# {in_plans_word(spec.help, plan.subunit_word)}")
        lines += values[spec.name]
        if spec.name == "acceptance":
            assert spec.record is not None
            for sub in spec.record.fields:
                if acceptance_values[sub.name]:
                    lines.append(f"  # {in_plans_word(sub.help, plan.subunit_word)}")
                    lines += acceptance_values[sub.name]
    return "\n".join(lines) + "\n"
