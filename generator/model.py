"""The validated data, as plain immutable records.

Loading (`load.py`) builds these; nothing later changes them. Statuses and
calendar windows are computed from them in `status.py` and `workcalendar.py`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from . import messages as M
from .schema import (
    APPLY_WITHIN_WORKDAYS,
    NOT_REPORTED,
    NOTICE,
    RECORD,
    RECORDS,
    SUBUNIT_WORD,
    Field,
    Outcome,
    Record,
    did_you_mean,
)


@dataclass(frozen=True)
class Deadline:
    """整改时限, as published and as understood.

    `date` is the last day of the named month; `milestone` is true when that
    date is for 取得阶段性成效 rather than completion; `ongoing` is true for
    长期坚持; `immediate` is true for 立行立改. 立行立改，长期坚持 has no date.
    """

    text: str
    date: dt.date | None
    milestone: bool
    ongoing: bool
    immediate: bool = False


@dataclass(frozen=True)
class MeasureDate:
    """A 时间节点 written inside a measure (2025年8月底前): the words and the last day they allow."""

    text: str
    date: dt.date


@dataclass(frozen=True)
class UnitRefs:
    """责任单位 or 验收单位: the published text and what it names.

    `lead` are the units marked 牵头/共同牵头 (in order), `units` every named
    body in order of appearance (lead first), `banners` the 旗区 involved
    (党委、政府 of a banner, 各旗区 expanded with its exclusions), and
    `collectives` the phrases that name no single body (市直各有关部门,
    相关旗区党委和政府), kept so nothing in the text is dropped.
    """

    text: str
    lead: tuple[str, ...]
    units: tuple[str, ...]
    banners: tuple[str, ...]
    collectives: tuple[str, ...]
    first: tuple[str, ...] = ()  # what the text's first part names: its units, or the part as written
    every: bool = False  # the text names every sub-unit (各旗区党委、政府, 各县（市、区）政府, with or without （除…）)

    @property
    def shown(self) -> tuple[str, ...]:
        """Who a one-line list names: the lead (牵头) units, or else whom the text puts first.

        A text without 牵头 still ranks its bodies; its first part (one or more
        units, or a phrase such as 各旗区党委、政府) is who answers first.
        """
        return self.lead or self.first

    @property
    def names_more(self) -> bool:
        """Whether the text names anyone besides `shown` (a one-line list then ends in 等)."""
        return "，" in self.text


NO_UNITS = UnitRefs(text="", lead=(), units=(), banners=(), collectives=())  # a field the plan leaves out


@dataclass(frozen=True)
class Banner:
    name: str
    slug: str


@dataclass(frozen=True)
class Unit:
    name: str
    slug: str


@dataclass(frozen=True)
class Task:
    plan_id: str
    no: int
    chapter_no: int
    problem_no: int
    problem: str
    goal: str
    measures: tuple[str, ...]
    responsible: UnitRefs
    acceptance: UnitRefs  # NO_UNITS when the plan names no 验收单位 (no notice of the task is accepted then)
    deadline: Deadline
    source: str
    line: int
    measure_dates: tuple[tuple[MeasureDate, ...], ...] = ()  # per measure, the dates its text names
    title: str | None = None  # a few of its own words saying what and where (titles.task_name)
    other_units: tuple[str, ...] = ()  # 督办单位：…, 配合单位：… as the plan writes them (other plans' roles)

    @property
    def banners(self) -> tuple[str, ...]:
        return self.responsible.banners

    def dated_measures(self) -> tuple[tuple[int, MeasureDate], ...]:
        """Every 时间节点 of the task's measures as (measure number from 1, date), by date (early warning reads this)."""
        found = [(no, d) for no, dates in enumerate(self.measure_dates, start=1) for d in dates]
        return tuple(sorted(found, key=lambda item: (item[1].date, item[0])))

    @property
    def has_acceptance_units(self) -> bool:
        """Whether the plan names the task's 验收单位: a notice of the task needs a unit to lead its acceptance."""
        return bool(self.acceptance.units)

    @property
    def lead_acceptance_unit(self) -> str:
        """排名第一位的验收单位牵头 (the appendix's rule); only for a task that has acceptance units."""
        return self.acceptance.units[0]


@dataclass(frozen=True)
class ProblemGroup:
    """One numbered problem (1.–19.) of the report and the tasks under it."""

    no: int
    title: str
    note: str
    task_numbers: tuple[int, ...]


@dataclass(frozen=True)
class Chapter:
    no: int
    title: str
    problems: tuple[ProblemGroup, ...]


@dataclass(frozen=True)
class Section:
    """A titled passage of the plan quoted as published (总体要求, 保障措施…)."""

    title: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class Appendix:
    """附件 (the acceptance and close-out procedure): its title and opening paragraph.

    Its numbered sections (工作流程, 工作要求) are `Plan.procedure`.
    """

    title: str
    intro: str


@dataclass(frozen=True)
class Inspection:
    body: str
    round: str
    start: dt.date
    end: dt.date
    report_date: dt.date
    report_title: str


@dataclass(frozen=True)
class Plan:
    id: str
    title: str
    area: str
    inspection: Inspection
    preamble: str
    requirements: Section
    tasks_intro: str
    chapters: tuple[Chapter, ...]
    safeguards: tuple[Section, ...]
    procedure: tuple[Section, ...]
    banners: tuple[Banner, ...]
    units: tuple[Unit, ...]
    tasks: tuple[Task, ...]
    appendix: Appendix | None = None
    # names.yaml: (name in the plan, full official name) for the close-out forms' 落款 and 主送/抄送
    official_names: tuple[tuple[str, str], ...] = ()
    subunit_word: str = SUBUNIT_WORD  # plan.yaml `subunit_word`: what the plan calls its sub-units (县（市、区）, 区县)

    def official(self, name: str) -> str:
        """The full official name of a 旗区 or unit where names.yaml gives it, else the plan's own name."""
        return dict(self.official_names).get(name, name)

    def task(self, no: int) -> Task | None:
        return next((t for t in self.tasks if t.no == no), None)

    def banner(self, name: str) -> Banner | None:
        return next((b for b in self.banners if b.name == name), None)

    def task_by_number(self, no: int) -> Task:
        """The task numbered `no`; `NotFound` saying which numbers there are when there is none."""
        task = self.task(no)
        if task is None:
            numbers = [t.no for t in self.tasks]
            span = f"{min(numbers)}–{max(numbers)}" if numbers else M.NONE
            raise NotFound(M.NO_TASK.format(plan=self.id, task=no, span=span))
        return task

    def banner_by_name(self, name: str) -> Banner:
        """The 旗区 named `name`; `NotFound` naming the close one and every 旗区 when there is none."""
        banner = self.banner(name)
        if banner is None:
            known = [b.name for b in self.banners]
            hint = did_you_mean(name, known)
            raise NotFound(M.UNKNOWN_BANNER.format(
                plan=self.id, name=name, hint=hint, known="、".join(known), word=self.subunit_word
            ))
        return banner

    def banner_of_task(self, task: Task, name: str) -> Banner:
        """The 旗区 named `name` when it is one of `task`'s; else `NotFound`: the plan has no such 旗区
        (`banner_by_name`), or one sentence naming the task's 旗区 in the plan's word.

        The one check of "is this 旗区 one of the task's?" for records (scope, a report's banners),
        command options (--scope) and the yearly sheet's rows.
        """
        banner = self.banner_by_name(name)
        if name not in task.banners:
            raise NotFound(M.NOT_A_BANNER_OF_TASK.format(
                name=name, task=task.no, listed="、".join(task.banners) or M.NONE, word=self.subunit_word
            ))
        return banner

    def unit(self, name: str) -> Unit | None:
        return next((u for u in self.units if u.name == name), None)


@dataclass(frozen=True)
class Hotline:
    """A hotline that takes reports at any time, also after a notice's window (12345, 12369)."""

    name: str
    number: str  # digits and hyphens: dialled as written (tel:)
    hours: str | None = None


@dataclass(frozen=True)
class Contact:
    phone: str | None
    email: str | None
    address: str | None
    hours: str | None = None  # when the phone and the office take objections
    hotlines: tuple[Hotline, ...] = ()


@dataclass(frozen=True)
class SiteInfo:
    """data/site.yaml: who publishes, the government footer, the objection contact."""

    title: str
    publisher: str
    site_code: str | None
    icp: str | None
    police_record: str | None
    police_record_code: str | None
    contact: Contact
    examples: bool
    examples_note: str


@dataclass(frozen=True)
class Acceptance:
    """验收意见: who accepted the task (one of its acceptance units), when, and what they found."""

    unit: str
    date: dt.date
    opinion: str
    co_units: tuple[str, ...] = ()  # 配合验收单位, each one of the task's acceptance units


@dataclass(frozen=True)
class Channel:
    """Another publication of the same notice (a newspaper, a WeChat account…)."""

    name: str
    date: dt.date


@dataclass(frozen=True)
class Objection:
    received: dt.date
    summary: str
    outcome: Outcome
    resolved: dt.date | None
    line: int
    late: bool = False  # received after the window ended: shown as 公示期满后收到
    verified_by: str = ""  # who verified it (组织核实的单位), when recorded
    reason: str = ""  # why it was found to hold or not, when recorded


@dataclass(frozen=True)
class Withdrawal:
    """A published notice taken back on purpose: it keeps its URL, which then says when and why."""

    date: dt.date
    reason: str


@dataclass(frozen=True)
class PublishedElsewhere:
    """The channel and day a notice was first made public, before this site carried it."""

    channel: str
    date: dt.date


@dataclass(frozen=True)
class Notice:
    """One 验收销号公示, as an officer recorded it in data/notices/<id>.yaml."""

    id: str
    plan_id: str
    task_no: int
    scope: tuple[str, ...]  # banner names; empty means the whole task
    start: dt.date
    workdays: int
    completion: str
    acceptance: Acceptance
    contact: Contact | None
    channels: tuple[Channel, ...]
    objections: tuple[Objection, ...]
    closed_out: dt.date | None
    source: str
    line: int
    completed: dt.date | None = None  # 完成整改日期
    applied: dt.date | None = None  # 申请验收日期
    approved: dt.date | None = None  # 市生态环境保护委员会同意日期
    withdrawn: Withdrawal | None = None
    published_elsewhere: PublishedElsewhere | None = None
    measure_completions: tuple[MeasureCompletion, ...] = ()  # 一是…完成情况, by measure number
    applied_after: int | None = None  # working days from 完成整改 to 申请验收, when both are recorded
    scope_line: int = 0  # the line of `scope` (of the file when it has none), for problems found across notices
    start_line: int = 0  # the line of `start`, for problems found across notices
    unit_line: int = 0  # the line of `acceptance.unit`, for the lead-unit rule decided once publication is known
    withdrawn_line: int = 0  # the line of `withdrawn`, for the public record's checks (of the file when it has none)
    # Each declared field this class has no attribute for (`NOTICE_EXTRA`), by its name: None when not written.
    extra: Mapping[str, Any] = field(default_factory=dict, hash=False)

    @property
    def applied_late(self) -> bool:
        """申请验收 later than 10 working days after completion (附件 一): the page says so."""
        return self.applied_after is not None and self.applied_after > APPLY_WITHIN_WORKDAYS

    def completion_of(self, no: int) -> MeasureCompletion | None:
        return next((m for m in self.measure_completions if m.no == no), None)


def passed_through(cls: type, record: Record) -> tuple[Field, ...]:
    """The fields of `record` that the model class `cls` holds in `extra`, by name, for want of an attribute.

    A field added to the schema alone is read and checked like the others
    (`Fields.value`), and reaches the outputs that read the schema (open
    data, the ledger, the withheld texts) and the templates (`notice.extra.<name>`)
    without a line here. Only values pass through (a text, number, date, or a
    list of them): a nested record needs a class of its own.
    """
    held = {f.name for f in dataclasses.fields(cls)}
    found = tuple(spec for spec in record.fields if (spec.attribute or spec.name) not in held)
    assert not [spec.name for spec in found if spec.kind in (RECORD, RECORDS)], f"{cls.__name__}: a record needs a class"
    return found


NOTICE_EXTRA = passed_through(Notice, NOTICE)  # a notice's declared fields held in `Notice.extra`


@dataclass(frozen=True)
class MeasureCompletion:
    """整改完成情况 of one measure of the task (对照整改措施逐条梳理)."""

    no: int
    text: str
    line: int


@dataclass(frozen=True)
class Event:
    """Something that happened on a date, for feeds, the home page and task timelines.

    `guid` never changes once published and is not the page URL, so moving
    the site does not resend old items; a status change is a new event.
    `url` is site-relative (see urls.py). On a site with several plans the
    `title` of a task's event names its plan (第12项 alone is ambiguous in a
    feed or on the home page) and `local_title` keeps the title without it,
    for the task's own page, which already names the plan.
    """

    guid: str
    kind: str
    date: dt.date
    title: str
    summary: str
    url: str
    plan_id: str
    task_no: int | None
    banners: tuple[str, ...]
    local_title: str = ""  # "": the same as `title`

    @property
    def title_in_plan(self) -> str:
        """The title where the page already names the plan (a task's timeline)."""
        return self.local_title or self.title


@dataclass(frozen=True)
class MeasureProgress:
    """The progress of one 整改措施 (numbered from 1, as in the plan) in a year's report."""

    no: int
    progress: str
    line: int


@dataclass(frozen=True)
class BannerProgress:
    """A 旗区's own progress on the task: its status, its text and, when reported, each measure's progress.

    The text may be left out when the measures are reported (one of the two is required).
    """

    banner: str
    status: str
    progress: str | None
    line: int
    measures: tuple[MeasureProgress, ...] = ()  # the 旗区's own progress of each 整改措施, by number

    def measure(self, no: int) -> MeasureProgress | None:
        return next((m for m in self.measures if m.no == no), None)


@dataclass(frozen=True)
class Extension:
    """申请延期: recorded as requested; shown as granted only when `approved_by` is recorded."""

    requested: dt.date
    reason: str
    new_deadline: dt.date
    approved_by: str | None
    line: int


@dataclass(frozen=True)
class Escalation:
    """情节严重的，报市生态环境保护委员会办公室 (附件 二（一）): the day and the document."""

    date: dt.date
    document: str


@dataclass(frozen=True)
class Rebound:
    """整改问题反弹 found after close-out, and the 督办通知 that was issued.

    `limit` is the time limit the 督办通知 sets (限期整改); a rebound recorded
    in a yearly report has none, a record of its own in data/events/ must.
    `escalation`, when recorded, is its report to the committee's office.
    """

    found: dt.date
    finding: str
    notice: str
    line: int
    limit: dt.date | None = None
    escalation: Escalation | None = None


@dataclass(frozen=True)
class Review:
    """回头看 (三、保障措施（一）): a periodic review of a closed-out task.

    `rebound` is the id of the rebound record (data/events/) it found; None
    means the result was 巩固 (the rectification holds).
    """

    rebound: str | None


@dataclass(frozen=True)
class TaskProgress:
    """One task in one year's report: 已完成, 达到序时进度 or 进展滞后, measure by measure.

    `status` is None when the entry holds only 旗区 entries (only the 旗区 sheets
    came back): the city status is then 本年度未报告 (year_status).
    """

    task_no: int
    status: str | None
    measures: tuple[MeasureProgress, ...]
    banners: tuple[BannerProgress, ...]
    extension: Extension | None
    rebound: Rebound | None
    line: int

    def banner(self, name: str) -> BannerProgress | None:
        return next((b for b in self.banners if b.banner == name), None)

    def measure(self, no: int) -> MeasureProgress | None:
        return next((m for m in self.measures if m.no == no), None)


@dataclass(frozen=True)
class ProgressReport:
    """data/progress/<year>.yaml: the yearly disclosure (强化信息公开), public from `published` on."""

    year: int
    plan_id: str
    published: dt.date
    tasks: tuple[TaskProgress, ...]
    source: str
    line: int
    several_plans: bool = False  # the site holds several plans: file name and URL name the plan
    publisher: str = ""  # 发布单位, when recorded
    channels: tuple[Channel, ...] = ()  # 报纸、电视台、政务新媒体等 that also published it

    def task(self, no: int) -> TaskProgress | None:
        return next((t for t in self.tasks if t.task_no == no), None)


@dataclass(frozen=True)
class ChangeRecord:
    """data/events/<id>.yaml: an extension or a rebound recorded on its own day, per 旗区 or for the whole task.

    `scope` empty means the whole task; `date` is when it became known (the
    rebound was found, the extension approved); `document` the 批复 or 督办通知.
    Exactly one of `extension` and `rebound` is set. `recorded` is the day the
    record became public on the site (never before `date`; `date` when the file
    does not say): the site shows and counts it from then on.
    """

    id: str
    plan_id: str
    task_no: int
    scope: tuple[str, ...]
    date: dt.date
    document: str
    extension: Extension | None
    rebound: Rebound | None
    source: str
    line: int
    recorded: dt.date
    review: Review | None = None  # a 回头看 record: neither extension nor rebound
    published_in: int | None = None  # a rebound moved here from this year's published report (keeps its GUID)
    # The line of each field written in the file, by its name: what a problem found across records points at.
    field_lines: Mapping[str, int] = field(default_factory=dict, compare=False, hash=False)

    def line_of(self, name: str) -> int:
        """The line of field `name` in the file; the file's first line when it is not written."""
        return self.field_lines.get(name, self.line)


@dataclass(frozen=True)
class Dataset:
    """Everything loaded from `data/`, validated and cross-checked."""

    site: SiteInfo
    plans: tuple[Plan, ...]
    notices: tuple[Notice, ...] = field(default=())
    progress: tuple[ProgressReport, ...] = field(default=())  # by (year, plan id)
    records: tuple[ChangeRecord, ...] = field(default=())  # data/events/, by (date, id)

    def plan(self, plan_id: str) -> Plan | None:
        return next((p for p in self.plans if p.id == plan_id), None)

    def plan_by_id(self, plan_id: str) -> Plan:
        return plan_by_id(self.plans, plan_id)


class NotFound(LookupError):
    """A plan, task or 旗区 that a record or a command names and the data does not have.

    Its text is the one sentence saying so (from messages.py), the same in
    `gongshi check` and in every command; the caller adds the file and field
    or the option.
    """


def plan_by_id(plans: Sequence[Plan], plan_id: str) -> Plan:
    """The plan with id `plan_id`; `NotFound` naming the close one and every plan when there is none."""
    plan = next((p for p in plans if p.id == plan_id), None)
    if plan is None:
        ids = [p.id for p in plans]
        raise NotFound(M.UNKNOWN_PLAN.format(plan=plan_id, known="、".join(ids) or M.NONE) + did_you_mean(plan_id, ids))
    return plan


@dataclass(frozen=True)
class ExtensionOrRebound:
    """An extension or a rebound that applies to some parts of a task from `known` on.

    `scope` empty means the whole task. `source` names where it was recorded.
    `known` is the day it became public (a report's date, a record's
    `recorded`); `dated` the day it happened (a record's `date`: found,
    approved), when that is earlier.
    """

    plan_id: str
    task_no: int
    scope: tuple[str, ...]
    known: dt.date
    extension: Extension | None = None
    rebound: Rebound | None = None
    source: str = ""
    report: ProgressReport | None = None  # the report that recorded it, if any
    record_id: str = ""  # the data/events/ record's id, if recorded on its own
    document: str = ""  # 批复 or 督办通知, for a record of its own
    dated: dt.date | None = None  # a record's `date`, when it is before `known`
    report_year: int | None = None  # a record moved from this year's published report

    def covers(self, part: str) -> bool:
        return not self.scope or part in self.scope


def year_status(entry: TaskProgress | None, part: str = "") -> tuple[str, bool]:
    """A report's word on a part of a task, and whether it is the 旗区's own.

    The 旗区's own status when the report gives one (own: True), else the
    city status (the whole task's), else NOT_REPORTED: the report left the
    task out, or holds only other 旗区's entries and no city status yet.
    """
    own = entry.banner(part) if entry is not None and part else None
    if own is not None:
        return own.status, True
    if entry is None or entry.status is None:
        return NOT_REPORTED, False
    return entry.status, False
