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
from dataclasses import replace
from pathlib import Path
from typing import Sequence

from . import yamlsrc
from .errors import Problems
from .model import (
    BannerProgress,
    Extension,
    MeasureProgress,
    Notice,
    Plan,
    ProgressReport,
    Rebound,
    Task,
    TaskProgress,
)

REPORT_FILE = re.compile(r"(?P<year>\d{4})(?:-(?P<plan>[a-z0-9][a-z0-9-]*))?")  # 2025 or 2025-<plan id>
STATUSES = ("已完成", "达到序时进度", "进展滞后")
_NOTICE_WORDS = ("已销号", "公示中", "异议核实中", "公示期满无异议", "整改中", "逾期", "已延期")


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
    reports: list[ProgressReport] = []
    several = len(plans) > 1
    example = f"2025-{plans[0].id}.yaml" if plans else "2025.yaml"
    for path, name in yamlsrc.record_files(progress_dir(data_dir), root, "progress", problems):
        match = REPORT_FILE.fullmatch(path.stem)
        if match is None:
            rule = f"<year>-<plan id>.yaml, e.g. {example}" if several else "the report's year, e.g. 2025.yaml"
            problems.add(name, 0, "", f"file name must be {rule}")
            continue
        named = match["plan"]
        if named is None and several:
            problems.add(name, 0, "", f"this site holds several plans: name the file <year>-<plan id>.yaml, e.g. {example}")
            continue
        if named is not None and not any(p.id == named for p in plans):
            known = ", ".join(p.id for p in plans) or "none"
            problems.add(name, 0, "", f"file name names unknown plan '{named}' (plans: {known})")
            continue
        report = _read_report(path, name, int(match["year"]), named, plans, notices, problems)
        if report is not None:
            reports.append(replace(report, several_plans=several))
    return _unique(sorted(reports, key=lambda r: (r.year, r.plan_id, r.source)), problems)


def _unique(reports: list[ProgressReport], problems: Problems) -> list[ProgressReport]:
    """One report per plan and year: a second is refused, naming the first."""
    first: dict[tuple[str, int], ProgressReport] = {}
    kept = []
    for r in reports:
        earlier = first.setdefault((r.plan_id, r.year), r)
        if earlier is r:
            kept.append(r)
        else:
            problems.add(r.source, r.line, "", f"plan {r.plan_id} already has its {r.year} report in {earlier.source}")
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
    fields = yamlsrc.Fields(value, name, problems)
    published = fields.date("published")
    if published is not None and published.year not in (year, year + 1):
        fields.error(
            fields.line_of("published"), "published",
            f"the report on {year} is published in {year} or {year + 1}, not on {published.isoformat()}",
        )
        published = None
    plan = _find_plan(fields, plans, named_plan)
    closed = _close_outs(notices, plan.id) if plan is not None else {}
    tasks: list[TaskProgress] = []
    seen: dict[int, int] = {}
    ok = True
    for item, line, where in fields.items("tasks"):
        entry = _read_task(item, line, where, fields, plan, published, closed, seen)
        if entry is None:
            ok = False
        else:
            tasks.append(entry)
    if fields.has("tasks") and isinstance(fields.mapping["tasks"], yamlsrc.LList) and not fields.mapping["tasks"]:
        fields.error(fields.line_of("tasks"), "tasks", "is an empty list; report on every task not yet closed out")
    if not fields.done() or not ok or plan is None or published is None:
        return None
    return ProgressReport(
        year=year, plan_id=plan.id, published=published, tasks=tuple(tasks), source=name, line=fields.line
    )


def _find_plan(fields: yamlsrc.Fields, plans: Sequence[Plan], named_plan: str | None) -> Plan | None:
    """The plan the file name gives, else the `plan` field, else the site's only plan."""
    plan_id = fields.str("plan", required=False)
    if plan_id is not None and named_plan is not None and plan_id != named_plan:
        fields.error(fields.line_of("plan"), "plan", f"'{plan_id}' differs from the plan in the file name ('{named_plan}')")
        return None
    plan_id = plan_id or named_plan
    if plan_id is None:
        return plans[0] if len(plans) == 1 else None
    plan = next((p for p in plans if p.id == plan_id), None)
    if plan is None:
        known = ", ".join(p.id for p in plans) or "none"
        fields.error(fields.line_of("plan"), "plan", f"unknown plan '{plan_id}' (plans: {known})")
    return plan


def _status(sub: yamlsrc.Fields) -> str | None:
    status = sub.str("status")
    if status is None or status in STATUSES:
        return status
    hint = ""
    if status in _NOTICE_WORDS:
        hint = "; 验收销号 states come from data/notices/ and the deadline, not from the report"
    sub.error(sub.line_of("status"), "status", f"expected one of {', '.join(STATUSES)}, got '{status}'{hint}")
    return None


def _read_task(
    item: object,
    line: int,
    where: str,
    fields: yamlsrc.Fields,
    plan: Plan | None,
    published: dt.date | None,
    closed: dict[int, list[Notice]],
    seen: dict[int, int],
) -> TaskProgress | None:
    sub = yamlsrc.Fields(item, fields.source_name, fields.problems, where, line)
    task_no = sub.int("task", minimum=1)
    task: Task | None = None
    if task_no is not None and task_no in seen:
        sub.error(sub.line_of("task"), "task", f"task {task_no} is already reported on line {seen[task_no]}")
        task_no = None
    elif task_no is not None:
        seen[task_no] = sub.line_of("task")
    if plan is not None and task_no is not None:
        task = plan.task(task_no)
        if task is None:
            numbers = [t.no for t in plan.tasks]
            span = f"{min(numbers)}–{max(numbers)}" if numbers else "none"
            sub.error(sub.line_of("task"), "task", f"plan {plan.id} has no task {task_no} (its tasks: {span})")
    status = _status(sub)
    measures = _read_measures(sub, task)
    banners = _read_banners(sub, plan, task)
    extension = _read_extension(sub, task, published)
    rebound = _read_rebound(sub, task, published, closed)
    if not sub.done() or task is None or status is None or measures is None or banners is None:
        return None
    if extension is False or rebound is False:
        return None
    return TaskProgress(
        task_no=task.no,
        status=status,
        measures=measures,
        banners=banners,
        extension=extension or None,
        rebound=rebound or None,
        line=line,
    )


def _read_measures(sub: yamlsrc.Fields, task: Task | None) -> tuple[MeasureProgress, ...] | None:
    result: list[MeasureProgress] = []
    ok = True
    seen: dict[int, int] = {}
    for item, line, where in sub.items("measures"):
        m = yamlsrc.Fields(item, sub.source_name, sub.problems, where, line)
        no = m.int("no", minimum=1)
        progress = m.str("progress")
        if no is not None and task is not None and no > len(task.measures):
            span = "1" if len(task.measures) == 1 else f"1–{len(task.measures)}"
            m.error(m.line_of("no"), "no", f"task {task.no} has no measure {no} (its measures: {span})")
            no = None
        elif no is not None and no in seen:
            m.error(m.line_of("no"), "no", f"measure {no} is already reported on line {seen[no]}")
            no = None
        elif no is not None:
            seen[no] = m.line_of("no")
        if not m.done() or no is None or progress is None:
            ok = False
            continue
        result.append(MeasureProgress(no=no, progress=progress, line=line))
    values = sub.mapping.get("measures")
    if isinstance(values, yamlsrc.LList) and not values:
        sub.error(sub.line_of("measures"), "measures", "is an empty list; give the progress of each measure")
        ok = False
    if values is None or not isinstance(values, yamlsrc.LList):
        ok = False
    return tuple(sorted(result, key=lambda m: m.no)) if ok else None


def _read_banners(sub: yamlsrc.Fields, plan: Plan | None, task: Task | None) -> tuple[BannerProgress, ...] | None:
    result: list[BannerProgress] = []
    ok = True
    seen: set[str] = set()
    for item, line, where in sub.items("banners", required=False):
        b = yamlsrc.Fields(item, sub.source_name, sub.problems, where, line)
        name = b.str("banner")
        status = _status(b)
        progress = b.str("progress")
        if name is not None and name in seen:
            b.error(b.line_of("banner"), "banner", f"'{name}' is listed twice")
            name = None
        elif name is not None and plan is not None and plan.banner(name) is None:
            known = "、".join(x.name for x in plan.banners)
            b.error(b.line_of("banner"), "banner", f"unknown 旗区 '{name}' (plan {plan.id}'s 旗区: {known})")
            name = None
        elif name is not None and task is not None and name not in task.banners:
            if task.banners:
                listed = "、".join(task.banners)
                b.error(b.line_of("banner"), "banner", f"'{name}' is not a 旗区 of task {task.no} (its 旗区: {listed})")
            else:
                b.error(b.line_of("banner"), "banner", f"task {task.no} names no 旗区; omit banners")
            name = None
        if name is not None:
            seen.add(name)
        if not b.done() or name is None or status is None or progress is None:
            ok = False
            continue
        result.append(BannerProgress(banner=name, status=status, progress=progress, line=line))
    if sub.has("banners") and not isinstance(sub.mapping["banners"], yamlsrc.LList):
        ok = False
    if not ok:
        return None
    order = task.banners if task is not None else ()
    return tuple(sorted(result, key=lambda b: order.index(b.banner) if b.banner in order else 0))


def _read_extension(sub: yamlsrc.Fields, task: Task | None, published: dt.date | None) -> Extension | None | bool:
    """The extension, None when there is none, or False when it is wrong."""
    if not sub.has("extension"):
        sub.raw("extension", required=False)
        return None
    ext = sub.sub("extension")
    assert ext is not None
    requested = ext.date("requested")
    reason = ext.str("reason")
    new_deadline = ext.date("new_deadline")
    approved_by = ext.str("approved_by", required=False)
    if requested is not None and published is not None and requested > published:
        ext.error(
            ext.line_of("requested"), "requested",
            f"{requested.isoformat()} is after the report was published ({published.isoformat()})",
        )
        requested = None
    if task is not None and task.deadline.date is None:
        ext.error(ext.line, "", f"task {task.no} ({task.deadline.text}) has no deadline to extend")
        new_deadline = None
    elif task is not None and new_deadline is not None and task.deadline.date is not None:
        if new_deadline <= task.deadline.date:
            ext.error(
                ext.line_of("new_deadline"), "new_deadline",
                f"{new_deadline.isoformat()} is not after the task's deadline "
                f"({task.deadline.text}, {task.deadline.date.isoformat()})",
            )
            new_deadline = None
    if not ext.done() or requested is None or reason is None or new_deadline is None:
        return False
    return Extension(requested=requested, reason=reason, new_deadline=new_deadline, approved_by=approved_by, line=ext.line)


def _read_rebound(
    sub: yamlsrc.Fields,
    task: Task | None,
    published: dt.date | None,
    closed: dict[int, list[Notice]],
) -> Rebound | None | bool:
    """The rebound, None, or False when wrong: a task can rebound only after it was closed out."""
    if not sub.has("rebound"):
        sub.raw("rebound", required=False)
        return None
    reb = sub.sub("rebound")
    assert reb is not None
    found = reb.date("found")
    finding = reb.str("finding")
    notice = reb.str("notice")
    if found is not None and published is not None and found > published:
        reb.error(
            reb.line_of("found"), "found",
            f"{found.isoformat()} is after the report was published ({published.isoformat()})",
        )
        found = None
    if found is not None and task is not None:
        closed_on = closed_out_on(task, closed.get(task.no, []), found)
        if closed_on is None:
            reb.error(
                reb.line_of("found"), "found",
                f"task {task.no} has no close-out recorded in data/notices/ on or before {found.isoformat()}; "
                "only a closed-out task can rebound",
            )
            found = None
    if not reb.done() or found is None or finding is None or notice is None:
        return False
    return Rebound(found=found, finding=finding, notice=notice, line=reb.line)


def _close_outs(notices: Sequence[Notice], plan_id: str) -> dict[int, list[Notice]]:
    found: dict[int, list[Notice]] = {}
    for n in notices:
        if n.plan_id == plan_id and n.closed_out is not None:
            found.setdefault(n.task_no, []).append(n)
    return found


def closed_out_on(task: Task, notices: Sequence[Notice], day: dt.date) -> dt.date | None:
    """The date by which every 旗区 of the task (or the whole task) was closed out, if on or before `day`."""
    parts = task.banners or ("",)
    done: dict[str, dt.date] = {}
    for n in notices:
        if n.closed_out is None or n.closed_out > day:
            continue
        for part in n.scope or parts:
            if part not in done or n.closed_out < done[part]:
                done[part] = n.closed_out
    if all(part in done for part in parts):
        return max(done[part] for part in parts)
    return None
