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
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from . import yamlsrc
from .errors import Problems
from .model import Acceptance, Channel, Contact, Notice, Objection, Plan, Task
from .workcalendar import CalendarGap, Window, WorkCalendar

NOTICE_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
MIN_WORKDAYS = 10
OUTCOMES = ("pending", "upheld", "dismissed")


def notices_dir(data_dir: Path) -> Path:
    return data_dir / "notices"


def load_notices(
    data_dir: Path,
    root: Path,
    dataset_plans: Sequence[Plan],
    calendar: WorkCalendar,
    problems: Problems,
) -> list[Notice]:
    """Every valid notice under data/notices/, sorted by (start, id); problems recorded, never raised."""
    loaded: list[_Loaded] = []
    for path, name in yamlsrc.record_files(notices_dir(data_dir), root, "notice", problems):
        if not NOTICE_ID.fullmatch(path.stem):
            problems.add(
                name, 0, "",
                "file name must be lowercase letters, digits and '-', starting with a letter or digit "
                "(e.g. 2026-11-23-task12.yaml); it is the notice's address on the site",
            )
            continue
        result = _read_notice(path, name, dataset_plans, calendar, problems)
        if result is not None:
            loaded.append(result)
    loaded.sort(key=lambda item: (item.notice.start, item.notice.id))
    _check_overlaps(loaded, problems)
    return [item.notice for item in loaded]


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


def _read_notice(
    path: Path, name: str, plans: Sequence[Plan], calendar: WorkCalendar, problems: Problems
) -> _Loaded | None:
    value = yamlsrc.load(path, name, problems)
    if value is None:
        return None
    fields = yamlsrc.Fields(value, name, problems)
    ctx = _Context()

    plan_id = fields.str("plan", required=len(plans) > 1)
    ctx.plan = _find_plan(fields, plan_id, plans)
    task_no = fields.int("task", minimum=1)
    if ctx.plan is not None and task_no is not None:
        ctx.task = ctx.plan.task(task_no)
        if ctx.task is None:
            numbers = [t.no for t in ctx.plan.tasks]
            span = f"{min(numbers)}–{max(numbers)}" if numbers else "none"
            fields.error(fields.line_of("task"), "task", f"plan {ctx.plan.id} has no task {task_no} (its tasks: {span})")
    scope = _read_scope(fields, ctx)
    start = fields.date("start")
    workdays = _read_workdays(fields)
    completion = fields.str("completion")
    acceptance = _read_acceptance(fields, ctx, start)
    contact_ok, contact = _read_optional_contact(fields)
    channels = _read_channels(fields)
    window = _window(fields, calendar, start, workdays)
    objections = _read_objections(fields, start)
    closed_out = fields.date("closed_out", required=False)
    _check_close_out(fields, closed_out, window, objections)

    if not fields.done() or ctx.plan is None or ctx.task is None or scope is None:
        return None
    if start is None or workdays is None or completion is None or acceptance is None or window is None:
        return None
    if objections is None or channels is None or not contact_ok:
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
    )
    return _Loaded(notice, window, fields.line_of("start"))


def _find_plan(fields: yamlsrc.Fields, plan_id: str | None, plans: Sequence[Plan]) -> Plan | None:
    if plan_id is None:
        return plans[0] if len(plans) == 1 else None
    plan = next((p for p in plans if p.id == plan_id), None)
    if plan is None:
        known = ", ".join(p.id for p in plans) or "none"
        fields.error(fields.line_of("plan"), "plan", f"unknown plan '{plan_id}' (plans: {known})")
    return plan


def _read_scope(fields: yamlsrc.Fields, ctx: _Context) -> tuple[str, ...] | None:
    """The 旗区 the notice covers, in the task's order; () for the whole task."""
    names = fields.str_list("scope", required=False)
    if names is None:
        return None if fields.has("scope") else ()
    if not names:
        fields.error(fields.line_of("scope"), "scope", "is an empty list; omit scope for the whole task")
        return None
    if ctx.task is None:
        return tuple(names)
    values = fields.mapping["scope"]
    task_banners = ctx.task.banners
    ok = True
    seen: set[str] = set()
    for index, banner in enumerate(names):
        line = values.line_of(index)
        where = f"scope[{index + 1}]"
        if banner in seen:
            fields.error(line, where, f"'{banner}' is listed twice")
            ok = False
        elif ctx.plan is not None and ctx.plan.banner(banner) is None:
            known = "、".join(b.name for b in ctx.plan.banners)
            fields.error(line, where, f"unknown 旗区 '{banner}' (plan {ctx.plan.id}'s 旗区: {known})")
            ok = False
        elif banner not in task_banners:
            if task_banners:
                listed = "、".join(task_banners)
                fields.error(line, where, f"'{banner}' is not a 旗区 of task {ctx.task.no} (its 旗区: {listed})")
            else:
                fields.error(line, where, f"task {ctx.task.no} names no 旗区; omit scope for the whole task")
            ok = False
        seen.add(banner)
    if not ok:
        return None
    return tuple(b for b in task_banners if b in seen)


def _read_workdays(fields: yamlsrc.Fields) -> int | None:
    if not fields.has("workdays"):
        fields.raw("workdays", required=False)
        return MIN_WORKDAYS
    workdays = fields.int("workdays")
    if workdays is not None and workdays < MIN_WORKDAYS:
        fields.error(
            fields.line_of("workdays"), "workdays",
            f"the publicity period must be at least {MIN_WORKDAYS} working days (公示期应当不少于10个工作日), got {workdays}",
        )
        return None
    return workdays


def _read_acceptance(fields: yamlsrc.Fields, ctx: _Context, start: dt.date | None) -> Acceptance | None:
    sub = fields.sub("acceptance")
    if sub is None:
        return None
    unit = sub.str("unit")
    date = sub.date("date")
    opinion = sub.str("opinion")
    if unit is not None and ctx.plan is not None and ctx.plan.unit(unit) is None:
        sub.error(sub.line_of("unit"), "unit", f"'{unit}' is not a unit of plan {ctx.plan.id}; write its name as in the plan")
        unit = None
    if date is not None and start is not None and date > start:
        sub.error(
            sub.line_of("date"), "date",
            f"the acceptance opinion ({date.isoformat()}) is dated after the notice starts ({start.isoformat()})",
        )
        date = None
    if not sub.done() or unit is None or date is None or opinion is None:
        return None
    return Acceptance(unit=unit, date=date, opinion=opinion)


def _read_optional_contact(fields: yamlsrc.Fields) -> tuple[bool, Contact | None]:
    """(valid, the notice's own contact); no contact means the site's is shown."""
    from .contact import read_contact

    if not fields.has("contact"):
        fields.raw("contact", required=False)
        return True, None
    contact = read_contact(fields.sub("contact"))
    return contact is not None, contact


def _read_channels(fields: yamlsrc.Fields) -> tuple[Channel, ...] | None:
    channels: list[Channel] = []
    ok = True
    for item, line, where in fields.items("channels", required=False):
        sub = yamlsrc.Fields(item, fields.source_name, fields.problems, where, line)
        name = sub.str("name")
        date = sub.date("date")
        if not sub.done() or name is None or date is None:
            ok = False
            continue
        channels.append(Channel(name=name, date=date))
    if fields.has("channels") and not isinstance(fields.mapping["channels"], yamlsrc.LList):
        ok = False
    return tuple(channels) if ok else None


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


def _read_objections(fields: yamlsrc.Fields, start: dt.date | None) -> tuple[Objection, ...] | None:
    objections: list[Objection] = []
    ok = True
    previous: tuple[str, dt.date] | None = None
    for item, line, where in fields.items("objections", required=False):
        sub = yamlsrc.Fields(item, fields.source_name, fields.problems, where, line)
        received = sub.date("received")
        summary = sub.str("summary")
        outcome = sub.str("outcome")
        if outcome is not None and outcome not in OUTCOMES:
            sub.error(sub.line_of("outcome"), "outcome", f"expected one of {', '.join(OUTCOMES)}, got '{outcome}'")
            outcome = None
        resolved = None
        if outcome == "pending":
            if sub.has("resolved"):
                sub.raw("resolved", required=False)
                sub.error(sub.line_of("resolved"), "resolved", "a pending objection has no resolved date; set outcome to upheld or dismissed")
                outcome = None
            else:
                sub.raw("resolved", required=False)
        elif outcome in ("upheld", "dismissed"):
            if not sub.has("resolved"):
                sub.raw("resolved", required=False)
                sub.error(sub.line_of("outcome"), "resolved", f"required once the outcome is {outcome}: the date it was decided")
                outcome = None
            else:
                resolved = sub.date("resolved")
        else:
            sub.raw("resolved", required=False)
        if received is not None and start is not None and received < start:
            sub.error(
                sub.line_of("received"), "received",
                f"{received.isoformat()} is before the publicity period starts ({start.isoformat()})",
            )
            received = None
        if received is not None and previous is not None and received < previous[1]:
            sub.error(
                sub.line_of("received"), "received",
                f"objections must be listed in the order received; {received.isoformat()} is before "
                f"{previous[1].isoformat()} ({previous[0]})",
            )
        if received is not None:
            previous = (where, received)
        if received is not None and resolved is not None and resolved < received:
            sub.error(
                sub.line_of("resolved"), "resolved",
                f"{resolved.isoformat()} is before the objection was received ({received.isoformat()})",
            )
            resolved = None
        if not sub.done() or received is None or summary is None or outcome is None:
            ok = False
            continue
        if outcome != "pending" and resolved is None:
            ok = False
            continue
        objections.append(Objection(received=received, summary=summary, outcome=outcome, resolved=resolved, line=line))
    if fields.has("objections") and not isinstance(fields.mapping["objections"], yamlsrc.LList):
        ok = False
    return tuple(objections) if ok else None


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
            line, "closed_out",
            f"{closed_out.isoformat()} is not after the publicity period, which ends {window.end.isoformat()}",
        )
    for index, objection in enumerate(objections or (), start=1):
        if objection.outcome == "upheld":
            fields.error(
                line, "closed_out",
                f"objection {index} (line {objection.line}) was upheld; the task goes back to rectification "
                "and cannot be closed out on this notice",
            )
        elif objection.outcome == "pending":
            fields.error(
                line, "closed_out",
                f"objection {index} (line {objection.line}) is still pending; record its outcome first",
            )
        elif objection.resolved is not None and objection.resolved > closed_out:
            fields.error(
                line, "closed_out",
                f"{closed_out.isoformat()} is before objection {index} (line {objection.line}) was decided "
                f"({objection.resolved.isoformat()})",
            )
        if objection.received > closed_out:
            fields.error(
                objection.line, f"objections[{index}].received",
                f"objection {index} was received ({objection.received.isoformat()}) after the close-out "
                f"({closed_out.isoformat()}); record it as a new matter, not on this notice",
            )


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
            problems.add(
                notice.source, item.start_line, "start",
                f"publicity period {window.start.isoformat()} to {window.end.isoformat()} overlaps notice "
                f"{earlier.id} ({earlier_window.start.isoformat()} to {earlier_window.end.isoformat()}) "
                f"for task {notice.task_no} ({_shared_scope(notice.scope, earlier.scope)})",
            )
        same_task.append(item)


def _shared_scope(a: tuple[str, ...], b: tuple[str, ...]) -> str:
    if not a and not b:
        return "both cover the whole task"
    if not a or not b:
        return "one covers the whole task"
    return "both cover " + "、".join(x for x in a if x in b)


def draft_name(plan_id: str | None, task_no: int, start: dt.date, banner_slugs: Sequence[str]) -> str:
    """`2026-12-07-task7-dalateqi`: sorts by start date; the plan is named only on multi-plan sites."""
    parts = [start.isoformat()] + ([plan_id] if plan_id else []) + [f"task{task_no}"] + list(banner_slugs)
    return "-".join(parts)


def draft_text(plan: Plan, task: Task, scope: Sequence[str], window: Window) -> str:
    """A new notice file with every field present and Chinese guidance for the officer.

    Fields the officer must write are left empty, so `gongshi check` refuses
    the file until they are filled in: a half-written notice is never published.
    """
    from .asof import chinese_date

    title = f"第{task.no}项整改任务验收销号公示" + (f"（{'、'.join(scope)}）" if scope else "")
    lines = [
        f"# {title}",
        "# 由 gongshi notice new 生成。填写下面所有空着的字段（待填写）后，运行 gongshi check 检查。",
        f"# 公示期：{chinese_date(window.start)}至{chinese_date(window.end)}（共{window.days}个工作日），"
        "按国务院办公厅节假日安排计算。",
        "# 开始日期之前，本公示不会出现在网站上。",
        f"plan: {plan.id}",
        f"task: {task.no}",
    ]
    if scope:
        lines += ["# 本次公示涉及的旗区（分旗区验收时填写；删去本字段即为整项任务）", "scope:"]
        lines += [f"  - {name}" for name in scope]
    lines += [
        "# 公示开始日期（工作日）",
        f"start: {window.start.isoformat()}",
        "# 公示期的工作日数，不少于10个",
        f"workdays: {window.days}",
        "# 四、整改完成情况（待填写）：对照整改措施逐条说明，需要制定的政策文件逐个列出，不得缺项少项。",
        "# 在 completion: | 的下一行起，每行前空两格书写；空一行另起一段，以“- ”开头可列项。",
        "completion: |",
        "# 五、验收意见（待填写）",
        "acceptance:",
        "  # 牵头验收单位：排名第一位的验收单位，名称与方案一致",
        f"  unit: {task.lead_acceptance_unit}",
        "  # 验收销号意见的日期（YYYY-MM-DD），不晚于公示开始日期",
        '  date: ""',
        f"  # 复核意见，例如：经复核，第{task.no}项整改任务已完成整改。",
        '  opinion: ""',
        "# 受理异议的联系方式；删去本字段则使用 data/site.yaml 中的联系方式",
        "# contact:",
        "#   phone: 0477-0000000",
        "#   email: example@example.gov.cn",
        "#   address: 受理异议的通信地址",
        "# 同时发布本公示的其他渠道（报纸、电视台、政务新媒体等）和发布日期，例如：",
        "#   - name: 鄂尔多斯日报",
        f"#     date: {window.start.isoformat()}",
        "channels: []",
        "# 公示期间收到的异议，按收到日期先后填写，例如：",
        f"#   - received: {window.workdays[min(2, len(window.workdays) - 1)].isoformat()}",
        "#     summary: 异议内容摘要",
        "#     outcome: pending     # pending 正在核实；upheld 异议成立；dismissed 异议不成立",
        "#     resolved:            # 核实结论的日期，outcome 为 upheld 或 dismissed 时填写",
        "objections: []",
        "# 销号日期：公示期满无异议、按程序销号后填写（YYYY-MM-DD）",
        "closed_out:",
    ]
    return "\n".join(lines) + "\n"
