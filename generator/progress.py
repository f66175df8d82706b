"""年度整改进展: reading `data/progress/<year>.yaml` and checking it against the plan and notices.

The plan requires every body to disclose, once a year until all tasks are
done, how each task and each of its measures stands (三、保障措施（三）). One
file is one year's report. Status words are the three a report may use;
close-out states come only from notices, so a report can never claim
已销号. Everything that could contradict the plan or the notices is refused
here, so `status.py` can apply its rules without second-guessing the data.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from . import messages as M
from . import yamlsrc
from .errors import Problem, Problems
from .model import (
    BannerProgress,
    Channel,
    Extension,
    MeasureProgress,
    NotFound,
    Notice,
    Plan,
    ProgressReport,
    Rebound,
    Task,
    TaskProgress,
    plan_by_id,
)
from .notices import banner_problem, find_plan, find_task, measure_number
from .parallel import map_items_forked
from .schema import PROGRESS_REPORT, SLUG, STATUSES, SUBUNIT_WORD
from .status import Group, TaskState
from .task_events import closed_out_by, extension_problem

__all__ = ["STATUSES", "load_progress", "progress_dir"]

REPORT_FILE = re.compile(rf"(?P<year>\d{{4}})(?:-(?P<plan>{SLUG.pattern}))?")  # 2025 or 2025-<plan id>
# States that come from notices and dates, not from a report: a report that types one is told so.
_NOTICE_WORDS = (
    *(s.label for s in (TaskState.CLOSED_OUT, TaskState.IN_PUBLICITY, TaskState.OBJECTION, TaskState.AWAITING_CLOSE_OUT)),
    TaskState.RECTIFYING.label, Group.OVERDUE.label, TaskState.EXTENDED.label,
)


def progress_dir(data_dir: Path) -> Path:
    return data_dir / "progress"


def load_progress(
    data_dir: Path,
    root: Path,
    plans: Sequence[Plan],
    notices: Sequence[Notice],
    problems: Problems,
) -> list[ProgressReport]:
    """Every valid report under data/progress/, oldest year first; problems recorded, never raised.

    A site with one plan names a report by its year (2025.yaml); a site with
    several names the plan too (2025-<plan id>.yaml), one report per plan and year.
    """
    files: list[tuple[Path, str, int, str | None]] = []
    several = len(plans) > 1
    example = f"2025-{plans[0].id}.yaml" if plans else "2025.yaml"
    for path, name in yamlsrc.record_files(progress_dir(data_dir), root, M.KIND_PROGRESS, problems):
        match = REPORT_FILE.fullmatch(path.stem)
        if match is None:
            rule = M.REPORT_RULE_SEVERAL.format(example=example) if several else M.REPORT_RULE_ONE_PLAN
            problems.add(name, 0, "", M.REPORT_FILE_NAME.format(rule=rule))
            continue
        named = match["plan"]
        if named is None and several:
            problems.add(name, 0, "", M.REPORT_NEEDS_PLAN.format(example=example))
            continue
        if named is not None:
            try:
                plan_by_id(plans, named)
            except NotFound as exc:
                problems.add(name, 0, "", M.REPORT_UNKNOWN_PLAN.format(problem=exc))
                continue
        files.append((path, name, int(match["year"]), named))

    def read(file: tuple[Path, str, int, str | None]) -> tuple[ProgressReport | None, Problems]:
        found = Problems()
        return _read_report(*file, plans, notices, found), found

    reports: list[ProgressReport] = []
    for report, found in map_items_forked(read, files, READ_APART_FROM):
        problems.extend(found)
        if report is not None:
            reports.append(replace(report, several_plans=several))
    return _unique(sorted(reports, key=lambda r: (r.year, r.plan_id, r.source)), problems)


READ_APART_FROM = 100  # reports (each of a whole plan's tasks); below this, reading on one core is quicker


def _unique(reports: list[ProgressReport], problems: Problems) -> list[ProgressReport]:
    """One report per plan and year: a second is refused, naming the first."""
    first: dict[tuple[str, int], ProgressReport] = {}
    kept = []
    for r in reports:
        earlier = first.setdefault((r.plan_id, r.year), r)
        if earlier is r:
            kept.append(r)
        else:
            problems.add(r.source, r.line, "", M.REPORT_TWICE.format(plan=r.plan_id, year=r.year, first=earlier.source))
    return kept


def _read_report(
    path: Path,
    name: str,
    year: int,
    named_plan: str | None,
    plans: Sequence[Plan],
    notices: Sequence[Notice],
    problems: Problems,
) -> ProgressReport | None:
    value = yamlsrc.load(path, name, problems)
    if value is None:
        return None
    fields = yamlsrc.Fields(value, name, problems, record=PROGRESS_REPORT)
    published = fields.value("published")
    if published is not None and published.year not in (year, year + 1):
        message = M.REPORT_PUBLISHED_YEAR.format(year=year, next=year + 1, published=published.isoformat())
        fields.error(fields.line_of("published"), "published", message)
        published = None
    plan = _find_plan(fields, plans, named_plan)
    publisher = fields.value("publisher")
    channels = _read_channels(fields)
    closed = _close_outs(notices, plan.id) if plan is not None else {}
    tasks: list[TaskProgress] = []
    seen: dict[int, int] = {}
    ok = True
    entries = fields.records("tasks")
    for sub in entries:
        entry = _read_task(sub, plan, published, closed, seen)
        if entry is None:
            ok = False
        else:
            tasks.append(entry)
    if entries.empty:
        fields.error(fields.line_of("tasks"), "tasks", M.REPORT_TASKS_EMPTY)
    if not fields.done() or not ok or plan is None or published is None or channels is None:
        return None
    return ProgressReport(
        year=year, plan_id=plan.id, published=published, tasks=tuple(tasks), source=name, line=fields.line,
        publisher=publisher or "", channels=channels,
    )


def _read_channels(fields: yamlsrc.Fields) -> tuple[Channel, ...] | None:
    """其他发布渠道 (报纸、电视台、政务新媒体等), as a notice records them; None when one is wrong."""
    found: list[Channel] = []
    entries = fields.records("channels")
    ok = entries.ok
    for c in entries:
        name, day = c.value("name"), c.value("date")
        if not c.done() or name is None or day is None:
            ok = False
            continue
        found.append(Channel(name=name, date=day))
    return tuple(found) if ok else None


def _find_plan(fields: yamlsrc.Fields, plans: Sequence[Plan], named_plan: str | None) -> Plan | None:
    """The plan the file name gives, else the `plan` field, else the site's only plan."""
    plan_id = fields.value("plan")
    if plan_id is not None and named_plan is not None and plan_id != named_plan:
        fields.error(fields.line_of("plan"), "plan", M.REPORT_PLAN_DIFFERS.format(plan=plan_id, named=named_plan))
        return None
    return find_plan(fields, plan_id or named_plan, plans)


def _status(sub: yamlsrc.Fields, required: bool = True) -> str | None:
    """The status word; a close-out word gets a note saying where such states come from.

    The note needs the word as typed, which the reader does not give for a refused value.
    """
    raw = sub.mapping.get("status")
    before = len(sub.problems.items)
    status: str | None = sub.value("status", required=required)
    if status is None and isinstance(raw, str) and raw.strip() in _NOTICE_WORDS and len(sub.problems.items) > before:
        last = sub.problems.items[-1]
        sub.problems.items[-1] = replace(last, message=last.message + M.STATUS_FROM_NOTICES)
    return status


def _read_task(
    sub: yamlsrc.Fields,
    plan: Plan | None,
    published: dt.date | None,
    closed: dict[int, list[Notice]],
    seen: dict[int, int],
) -> TaskProgress | None:
    line = sub.line
    task_no = sub.value("task")
    if task_no is not None and task_no in seen:
        sub.error(sub.line_of("task"), "task", M.TASK_ALREADY_REPORTED.format(task=task_no, line=seen[task_no]))
        task_no = None
    elif task_no is not None:
        seen[task_no] = sub.line_of("task")
    task = find_task(sub, plan, task_no)
    # Only 旗区 sheets came back: the entry may hold its 旗区 entries alone; the city status then
    # reads 本年度未报告 until set. An entry with neither is an error; a city status needs its measures.
    banner_entries = sub.records("banners")
    status = _status(sub, required=False)
    if status is None and not banner_entries and not sub.has("status") and not sub.broken:
        sub.error(sub.line_of("status"), "status", M.REPORT_ENTRY_NO_STATUS.format(word=plan.subunit_word if plan else SUBUNIT_WORD))
        sub.missing.setdefault("status", sub.problems.items[-1])  # a misspelt `status` is named as such, once
    measures = _read_measures(sub, task, required=status is not None)
    banners = _read_banners(banner_entries, plan, task)
    extension_ok, extension = sub.optional_record("extension", lambda ext: _read_extension(ext, task, published))
    rebound_ok, rebound = sub.optional_record("rebound", lambda reb: _read_rebound(reb, task, published, closed))
    if not sub.done() or task is None or measures is None or banners is None:
        return None
    if status is None and not banners:
        return None
    if not extension_ok or not rebound_ok:
        return None
    return TaskProgress(
        task_no=task.no, status=status, measures=measures, banners=banners, extension=extension, rebound=rebound,
        line=line,
    )


def _read_measures(
    sub: yamlsrc.Fields, task: Task | None, required: bool = True,
) -> tuple[MeasureProgress, ...] | None:
    """Each measure's progress, by number; None when one is wrong (or the list is required and absent)."""
    result: list[MeasureProgress] = []
    entries = sub.records("measures", required=required)
    ok = entries.ok
    seen: dict[int, int] = {}
    for m in entries:
        line = m.line
        no = measure_number(m, task, seen)
        progress = m.value("progress")
        if not m.done() or no is None or progress is None:
            ok = False
            continue
        result.append(MeasureProgress(no=no, progress=progress, line=line))
    if entries.empty:
        sub.error(sub.line_of("measures"), "measures", M.MEASURES_EMPTY)
        ok = False
    return tuple(sorted(result, key=lambda m: m.no)) if ok else None


def _read_banners(
    entries: yamlsrc.Records, plan: Plan | None, task: Task | None,
) -> tuple[BannerProgress, ...] | None:
    """Each 旗区's progress, in the task's order; None when one is wrong."""
    result: list[BannerProgress] = []
    ok = entries.ok
    seen: set[str] = set()
    for b in entries:
        line = b.line
        name = b.value("banner")
        status = _status(b)
        # The 旗区's text, or its measures one by one, or both: one of the two (BANNER_PROGRESS).
        text_required = not b.has("measures")
        if text_required and "progress" not in b.mapping and not b.broken:
            b.error(b.line, "progress", M.BANNER_PROGRESS_NO_TEXT.format(word=plan.subunit_word if plan else SUBUNIT_WORD))
            b.missing.setdefault("progress", b.problems.items[-1])  # a misspelt `progress` is named as such, once
            progress = None
        else:
            progress = b.value("progress", required=text_required)
        measures = _read_measures(b, task, required=False)
        if name is not None and name in seen:
            b.error(b.line_of("banner"), "banner", M.LISTED_TWICE.format(name=name))
            name = None
        elif name is not None and plan is not None and task is not None:
            problem = banner_problem(plan, task, name, "banners")
            if problem:
                b.error(b.line_of("banner"), "banner", problem)
                name = None
        if name is not None:
            seen.add(name)
        if not b.done() or name is None or status is None or measures is None or (progress is None and not measures):
            ok = False
            continue
        result.append(BannerProgress(banner=name, status=status, progress=progress, line=line, measures=measures))
    if not ok:
        return None
    order = task.banners if task is not None else ()
    return tuple(sorted(result, key=lambda b: order.index(b.banner) if b.banner in order else 0))


def _read_extension(ext: yamlsrc.Fields, task: Task | None, published: dt.date | None) -> Extension | None:
    """The extension; None when it is wrong."""
    requested = ext.value("requested")
    reason = ext.value("reason")
    new_deadline = ext.value("new_deadline")
    approved_by = ext.value("approved_by")
    if requested is not None and published is not None and requested > published:
        message = M.REQUESTED_AFTER_PUBLISHED.format(requested=requested.isoformat(), published=published.isoformat())
        ext.error(ext.line_of("requested"), "requested", message)
        requested = None
    problem = extension_problem(task, new_deadline) if task is not None else None
    if problem is not None:  # the rule data/events/ records follow
        field_name, message = problem
        if field_name == "new_deadline":
            ext.error(ext.line_of("new_deadline"), "new_deadline", message)
        else:  # the entry's task has no deadline: said at the extension, which is what to remove
            ext.error(ext.line, "", message)
        new_deadline = None
    if not ext.done() or requested is None or reason is None or new_deadline is None:
        return None
    return Extension(requested=requested, reason=reason, new_deadline=new_deadline, approved_by=approved_by, line=ext.line)


def _read_rebound(
    reb: yamlsrc.Fields,
    task: Task | None,
    published: dt.date | None,
    closed: dict[int, list[Notice]],
) -> Rebound | None:
    """The rebound; None when it is wrong: a task can rebound only after it was closed out."""
    found = reb.value("found")
    finding = reb.value("finding")
    notice = reb.value("notice")
    if found is not None and published is not None and found > published:
        message = M.FOUND_AFTER_PUBLISHED.format(found=found.isoformat(), published=published.isoformat())
        reb.error(reb.line_of("found"), "found", message)
        found = None
    if found is not None and task is not None:
        if not closed_out_by(task, (), closed.get(task.no, []), found):  # the rule data/events/ records follow
            message = M.REBOUND_NOT_CLOSED_OUT.format(task=task.no, scope=M.EVENT_WHOLE_TASK, day=found.isoformat())
            reb.error(reb.line_of("found"), "found", message)
            found = None
    if not reb.done() or found is None or finding is None or notice is None:
        return None
    return Rebound(found=found, finding=finding, notice=notice, line=reb.line)


def _close_outs(notices: Sequence[Notice], plan_id: str) -> dict[int, list[Notice]]:
    found: dict[int, list[Notice]] = {}
    for n in notices:
        if n.plan_id == plan_id and n.closed_out is not None:
            found.setdefault(n.task_no, []).append(n)
    return found


def rebound_problems(reports: Sequence[ProgressReport], day: dt.date) -> list[Problem]:
    """Rebounds written in yearly reports: an error before the report is public, a warning after.

    A rebound is a record of its own in data/events/ (with its 旗区 and the
    督办通知's time limit). A report already published is not edited: its
    rebound stays valid, with a warning; one not yet published is moved.
    """
    out = Problems()
    for r in reports:
        for entry in r.tasks:
            if entry.rebound is None:
                continue
            where = f"第{entry.task_no}项.rebound"
            if r.published > day:
                message = M.REPORT_REBOUND_UNPUBLISHED.format(
                    task=entry.task_no, file=f"{entry.rebound.found.isoformat()}-task{entry.task_no}.yaml"
                )
                out.add(r.source, entry.rebound.line, where, message)
            else:
                out.add(r.source, entry.rebound.line, where, M.REPORT_REBOUND_PUBLISHED, warning=True)
    return out.sorted()

