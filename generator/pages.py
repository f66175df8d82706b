"""What pages the site has, and what each one shows.

Returns every generated file as text keyed by its path under `content/`
(plus the theme partials under `overrides/`), ready for `content.write`.
Nothing is written here.
"""

from __future__ import annotations

import datetime as dt
import json
import urllib.parse
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields
from typing import Any, ClassVar

from markupsafe import Markup

from . import feeds, ledger, opendata, reports, urls
from . import messages as M
from .contact import mailto, shown_contact
from .model import (
    Banner,
    BannerProgress,
    Chapter,
    Contact,
    Dataset,
    Deadline,
    Plan,
    ProblemGroup,
    ProgressReport,
    SiteInfo,
    Task,
    TaskProgress,
    Unit,
)
from .notice_status import NoticeState, NoticeStatus
from .parallel import forked_workers, map_forked
from .plan_text import chinese_numeral
from .qr import QrCodes
from .render import render
from .schema import REPORT_WORDS, shared_subunit_word
from .status import (
    WARN_DAYS,
    Approaching,
    Group,
    Snapshot,
    TaskState,
    TaskStatus,
    approaching,
    approaching_tasks,
    group_counts,
    warned_units,
)
from .task_events import MissingReport, missing_reports
from .titles import notice_formal_title


@dataclass
class Output:
    """Generated files: `content` under content/, `theme` under overrides/, `files` (binary, e.g. xlsx) under content/."""

    content: dict[str, str] = field(default_factory=dict)
    theme: dict[str, str] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)


@dataclass(frozen=True)
class Index:
    """Lookups the templates need, computed once."""

    tasks: tuple[Task, ...]
    banners: tuple[Banner, ...]
    units: tuple[Unit, ...]
    by_banner: dict[str, tuple[Task, ...]]
    by_unit: dict[str, tuple[Task, ...]]
    banner_slug: dict[str, str]
    unit_slug: dict[str, str]


def build_index(dataset: Dataset) -> Index:
    tasks = tuple(t for plan in dataset.plans for t in plan.tasks)
    banners = tuple({b.slug: b for plan in dataset.plans for b in plan.banners}.values())
    units = tuple({u.slug: u for plan in dataset.plans for u in plan.units}.values())
    by_banner = {b.name: tuple(t for t in tasks if b.name in t.banners) for b in banners}
    by_unit = {
        u.name: tuple(t for t in tasks if u.name in t.responsible.units or u.name in t.acceptance.units)
        for u in units
    }
    return Index(
        tasks=tasks,
        banners=banners,
        units=units,
        by_banner=by_banner,
        by_unit=by_unit,
        banner_slug={b.name: b.slug for b in banners},
        unit_slug={u.name: u.slug for u in units},
    )


# The sub-units' word as the site's pages about every plan use it, escaped: read by 404.html and search.html,
# and by the MkDocs plugin to relabel the nav entry of the 旗区 list (mkdocs_plugin.relabel_banners_nav).
SUBUNIT_WORD_PARTIAL = "partials/generated/subunit-word.html"


@dataclass(frozen=True)
class StateLabels:
    """The state and group labels that pages write into their sentences, read from the state enums.

    Badges write a state's own label (`_macros.j2` status); these are for the words around them.
    """

    overdue: str = Group.OVERDUE.label
    extended: str = Group.EXTENDED.label
    closed_out: str = Group.CLOSED_OUT.label
    awaiting_close_out: str = NoticeState.AWAITING_CLOSE_OUT.label
    awaiting_close_out_css: str = NoticeState.AWAITING_CLOSE_OUT.css
    open_css: str = NoticeState.OPEN.css


@dataclass(frozen=True)
class SectionNames:
    """The headings of a notices page's sections: three are notice states' labels."""

    open: str = M.NOTICE_SECTION_OPEN
    awaiting: str = NoticeState.AWAITING_CLOSE_OUT.label
    closed_out: str = NoticeState.CLOSED_OUT.label
    objections: str = M.NOTICE_SECTION_OBJECTIONS
    withdrawn: str = NoticeState.WITHDRAWN.label


@dataclass(frozen=True)
class NoticeSections:
    """Published notices by section of a notices page, newest first; every one is in exactly one.

    正在公示: the window is open (an objection received in it included);
    异议处理: an objection still checked after the window, or upheld; 已撤回: withdrawn on purpose.
    """

    open: list[NoticeStatus] = field(default_factory=list)
    awaiting: list[NoticeStatus] = field(default_factory=list)
    closed_out: list[NoticeStatus] = field(default_factory=list)
    objections: list[NoticeStatus] = field(default_factory=list)
    withdrawn: list[NoticeStatus] = field(default_factory=list)

    names: ClassVar[SectionNames] = SectionNames()

    def items(self) -> list[tuple[str, list[NoticeStatus]]]:
        """(heading, notices) of each section, in the order shown."""
        return [(getattr(self.names, f.name), getattr(self, f.name)) for f in fields(self)]


# The headings of a notices page's sections, in the order shown.
NOTICE_SECTIONS = tuple(getattr(NoticeSections.names, f.name) for f in fields(SectionNames))


def notice_sections(notices: tuple[NoticeStatus, ...] | list[NoticeStatus]) -> NoticeSections:
    """Published notices by section of the notices page, newest first (`NoticeSections`)."""
    sections = NoticeSections()
    for n in reversed(notices):
        if n.state is NoticeState.WITHDRAWN:
            sections.withdrawn.append(n)
        elif n.running:
            sections.open.append(n)
        elif n.state is NoticeState.AWAITING_CLOSE_OUT:
            sections.awaiting.append(n)
        elif n.state is NoticeState.CLOSED_OUT:
            sections.closed_out.append(n)
        else:
            sections.objections.append(n)
    return sections


@dataclass(frozen=True)
class PlanPart:
    """One page of the plan's full text; the pages in reading order make the whole plan."""

    url: str
    label: str  # how the contents and the previous/next links name it
    short: str  # how the row of links to every part names it
    template: str
    chapter: Chapter | None = None


def plan_parts(plan: Plan) -> list[PlanPart]:
    """The plan paged by its own parts: one page for all of it was over the 15 KB gzipped target.

    Contents with 总体要求, each part (（一）…) of 二、整改任务 with its tasks in full,
    三、保障措施, and the 附件.
    """
    parts = [PlanPart(urls.plan(plan.id), "方案首页", "方案首页", "plan.md.j2")]
    for chapter in plan.chapters:
        number = f"（{chinese_numeral(chapter.no)}）"
        url = urls.plan_chapter(plan.id, chapter.no)
        parts.append(PlanPart(url, number + chapter.title, "整改任务" + number, "plan_chapter.md.j2", chapter))
    parts.append(PlanPart(urls.plan_safeguards(plan.id), "三、保障措施", "保障措施", "plan_safeguards.md.j2"))
    appendix = f"附件：{plan.appendix.title}" if plan.appendix else "附件"
    parts.append(PlanPart(urls.plan_appendix(plan.id), appendix, "附件", "plan_appendix.md.j2"))
    return parts


# --- What each page family's template reads -------------------------------------------------------------------
# One frozen dataclass per family declares every name its templates read: the family's own fields and the
# shared SiteContext in `common` (render.render gives the template both as plain names). A misspelt or
# missing value is then a type error here, and tests/test_pages.py checks each template against its class.


@dataclass(frozen=True)
class SiteContext:
    """What any page may read: the data, its state as of the build's date, and the lookups over it."""

    data: Dataset
    site: SiteInfo
    snap: Snapshot
    as_of: dt.date
    ix: Index
    several_plans: bool  # each plan has its own task and notice lists (see generate)
    # What pages about every plan call the sub-units: the plans' own word, or one naming all (shared_subunit_word).
    # A page of one plan (its text, task list, tasks, reports) reads plan.subunit_word instead.
    subunit_word: str
    labels: StateLabels = StateLabels()  # state and group labels in sentences, from the state enums


@dataclass(frozen=True)
class PageContext:
    """One page's context: `common` and the family's own fields; TEMPLATES are the templates that read it."""

    common: SiteContext
    TEMPLATES: ClassVar[tuple[str, ...]] = ()

    @property
    def template(self) -> str:
        return self.TEMPLATES[0]

    def names(self) -> dict[str, Any]:
        """What the template reads: the family's own fields and those of `common`, as plain names."""
        names = {**vars(self.common), **vars(self)}
        del names["common"]
        return names


@dataclass(frozen=True)
class ThemePartial(PageContext):
    """The footer and the examples' announcement, in every page's theme; the sub-units' word for 404 and search."""

    TEMPLATES = ("footer.html.j2", "announce.html.j2", "subunit_word.html.j2")


@dataclass(frozen=True)
class PlanCounts:
    """One plan's row of counts on a site with several plans, where no one list holds every task: each count
    links to that plan's own task list filtered to exactly the tasks it counts (plan_counts_table)."""

    plan: Plan
    total: int  # the tasks counted: the plan's, or on a 旗区's page those of the 旗区
    groups: dict[Group, int]  # by count group; with `banner`, by the state of the 旗区's own part
    banner: str = ""  # a 旗区's page: the list is filtered to the 旗区 too, and then shows its own parts

    def query(self, group: Group | None = None) -> str:
        """The list's filter keeping the tasks counted in `group` (None: every task counted), as '?…' or ''."""
        params = [("banner", self.banner)] if self.banner else []
        if group is not None:
            params.append(("state", "group:" + group.value))
        return "?" + urllib.parse.urlencode(params) if params else ""


@dataclass(frozen=True)
class HomePage(PageContext):
    counts: dict[TaskState, int]  # every task by state
    overdue: int
    extended: int
    near: list[Approaching]  # 临近时限 (预判): a flag beside the state, not a state; the nearest HOME_NEAR_MAX
    near_count: int  # tasks 临近时限, all of them
    near_more: int  # items past HOME_NEAR_MAX, listed on their 旗区's and unit's pages
    warn_days: int
    groups: tuple[Group, ...]
    plan_counts: tuple[PlanCounts, ...]  # several plans: each plan's tasks by count group
    partly: list[tuple[Task, tuple[str, ...]]]  # open tasks with some 旗区's part closed out, and those 旗区
    # each plan, its latest published report, and each year whose report is due and not published (每年对外公开1次)
    plan_reports: tuple[tuple[Plan, ProgressReport | None, tuple[MissingReport, ...]], ...]
    open_notices: tuple[NoticeStatus, ...]  # running, newest first

    TEMPLATES = ("home.md.j2",)


@dataclass(frozen=True)
class PlansPage(PageContext):
    TEMPLATES = ("plans.md.j2",)


@dataclass(frozen=True)
class PlanPartPage(PageContext):
    """A page of a plan's full text (plan_parts)."""

    plan: Plan
    part: PlanPart
    parts: list[PlanPart]
    prev: PlanPart | None
    next: PlanPart | None

    TEMPLATES = ("plan.md.j2", "plan_chapter.md.j2", "plan_safeguards.md.j2", "plan_appendix.md.j2")

    @property
    def template(self) -> str:
        return self.part.template


@dataclass(frozen=True)
class TaskPage(PageContext):
    plan: Plan
    task: Task
    chapter: Chapter  # the part of 二、整改任务 the task is in
    problem: ProblemGroup  # the numbered problem it answers
    status: TaskStatus
    milestones: tuple[reports.Milestone, ...]
    years: tuple[tuple[ProgressReport, TaskProgress | None], ...]  # each published report's entry, oldest first
    notice_titles: dict[str, str]  # by notice id

    TEMPLATES = ("task.md.j2",)


@dataclass(frozen=True)
class TasksPage(PageContext):
    states: tuple[TaskState, ...]
    groups: tuple[Group, ...]
    plan_counts: tuple[PlanCounts, ...]  # several plans: each plan's tasks by count group
    deadlines: tuple[str, ...]  # the 整改时限 filter's options (deadline_options)
    ledger_name: str

    TEMPLATES = ("tasks.md.j2",)


@dataclass(frozen=True)
class PlanTasksPage(PageContext):
    """One plan's task list, on a site with several plans."""

    plan: Plan
    states: tuple[TaskState, ...]
    groups: tuple[Group, ...]
    deadlines: tuple[str, ...]  # the 整改时限 filter's options (deadline_options)

    TEMPLATES = ("plan_tasks.md.j2",)


@dataclass(frozen=True)
class PlanNoticesPage(PageContext):
    """One plan's notices, on a site with several plans."""

    plan: Plan
    notices: list[NoticeStatus]
    sections: NoticeSections

    TEMPLATES = ("plan_notices.md.j2",)


@dataclass(frozen=True)
class BannersPage(PageContext):
    groups: tuple[Group, ...]

    TEMPLATES = ("banners.md.j2",)


@dataclass(frozen=True)
class BannerPage(PageContext):
    banner: Banner
    banner_word: str  # what the plans naming this 旗区 call their sub-units (shared_subunit_word)
    tasks: tuple[Task, ...]
    counts: dict[TaskState, int]  # by the state of the 旗区's own part
    overdue: int
    extended: int
    closed_out: int  # 已销号, sustained included
    # several plans: the 旗区's own parts by count group, one row per plan it has tasks in (no one list holds them)
    plan_counts: tuple[PlanCounts, ...]
    groups: tuple[Group, ...]
    near: list[Approaching]
    near_count: int
    warn_days: int
    reports: tuple[ProgressReport, ...]  # of the plans the 旗区 is in, newest first
    open_notices: tuple[NoticeStatus, ...]  # running and concerning the 旗区, newest first

    TEMPLATES = ("banner.md.j2",)


@dataclass(frozen=True)
class UnitsPage(PageContext):
    rows: tuple[tuple[Unit, int, int, int], ...]  # each unit, and how many tasks it is responsible for, leads, accepts

    TEMPLATES = ("units.md.j2",)


@dataclass(frozen=True)
class UnitPage(PageContext):
    unit: Unit
    responsible: list[Task]
    leading: int  # of `responsible`, those it leads (牵头)
    accepting: list[Task]
    years: reports.UnitYears
    near: list[Approaching]  # of the tasks it is responsible for
    near_count: int
    warn_days: int

    TEMPLATES = ("unit.md.j2",)


@dataclass(frozen=True)
class NoticesPage(PageContext):
    section_names: tuple[str, ...]
    sections: NoticeSections  # every published notice
    notices_of_plan: dict[str, list[NoticeStatus]]
    sections_of_plan: dict[str, NoticeSections]

    TEMPLATES = ("notices.md.j2",)


@dataclass(frozen=True)
class NoticePage(PageContext):
    n: NoticeStatus
    plan: Plan
    task: Task
    partial: bool  # covers some 旗区 only: its scope, or those still open when it began
    contact: Contact
    mail: ObjectionMail | None
    address: str  # printed with its QR code; none in a preview without site_url
    qr_code: Markup | None

    TEMPLATES = ("notice.md.j2",)


@dataclass(frozen=True)
class ProgressPage(PageContext):
    pwords: tuple[str, ...]
    summaries: tuple[reports.Summary, ...]
    missing_reports: list[MissingReport]

    TEMPLATES = ("progress.md.j2",)


@dataclass(frozen=True)
class ProgressYearPage(PageContext):
    s: reports.Summary
    pwords: tuple[str, ...]
    extended: tuple[reports.Entry, ...]  # entries reporting an extension
    rebounded: tuple[reports.Entry, ...]  # entries reporting a rebound

    TEMPLATES = ("progress_year.md.j2",)


@dataclass(frozen=True)
class ProgressBannerPage(PageContext):
    s: reports.Summary
    banner: Banner
    entries: tuple[reports.Entry, ...]
    counts: dict[str, int]
    reported: tuple[tuple[reports.Entry, BannerProgress], ...]  # entries where the 旗区 reported its measures

    TEMPLATES = ("progress_banner.md.j2",)


@dataclass(frozen=True)
class AboutPage(PageContext):
    site_url: str
    feed_max: int
    ledger_name: str

    TEMPLATES = ("about.md.j2",)


PAGE_FAMILIES: tuple[type[PageContext], ...] = (
    ThemePartial, HomePage, PlansPage, PlanPartPage, TaskPage, TasksPage, PlanTasksPage, PlanNoticesPage,
    BannersPage, BannerPage, UnitsPage, UnitPage, NoticesPage, NoticePage, ProgressPage, ProgressYearPage,
    ProgressBannerPage, AboutPage,
)


def generate(
    dataset: Dataset, snap: Snapshot, site_url: str, qr_codes: QrCodes | None = None, workers: int | None = None
) -> Output:
    """Every generated file of the site. `qr_codes` may hold codes drawn by earlier builds (see qr.py).

    Pages are rendered in `workers` forked processes (by default one per core
    from RENDER_APART_FROM pages): each renders its share and the pages are
    put back in the order they were asked for, so the output is the same.
    """
    index = build_index(dataset)
    qr = qr_codes or QrCodes()
    qr.prepare(address for n in snap.notices if (address := notice_address(site_url, n.id)))
    # With several plans, tasks/ and notices/ list the plans and each plan gets its own
    # lists under plans/<id>/: one list of a whole region was 100+ KB gzipped per page,
    # and its rows (第12项) could not say which plan they meant.
    several = len(dataset.plans) > 1
    summaries = reports.summaries(dataset, snap)  # each published report's counts, with the open tasks it left out
    common = SiteContext(
        data=dataset, site=dataset.site, snap=snap, as_of=snap.as_of, ix=index, several_plans=several,
        subunit_word=shared_subunit_word(plan.subunit_word for plan in dataset.plans),
    )
    # 每年对外公开1次: each year whose report is due and not published (task_events.missing_reports)
    missing = missing_reports(dataset, snap.as_of, snap.reports, snap.calendar)
    states, groups = tuple(TaskState), tuple(Group)
    out = Output()
    jobs: list[_Job] = []

    def page(url: str, context: PageContext) -> None:
        jobs.append((url, context))

    page(urls.HOME, home_page(common, missing))
    page(urls.PLANS, PlansPage(common))
    years_of = reports.task_years(summaries)
    notice_titles = {n.id: n.title for n in snap.notices}
    for plan in dataset.plans:
        parts = plan_parts(plan)
        for i, part in enumerate(parts):
            page(part.url, PlanPartPage(
                common, plan=plan, part=part, parts=parts,
                prev=parts[i - 1] if i else None, next=parts[i + 1] if i + 1 < len(parts) else None,
            ))
        chapters = {c.no: c for c in plan.chapters}
        for task in plan.tasks:
            chapter = chapters[task.chapter_no]
            problem = next(p for p in chapter.problems if p.no == task.problem_no)
            page(urls.task(task), TaskPage(
                common, plan=plan, task=task, chapter=chapter, problem=problem, status=snap.of(task), milestones=reports.milestones(snap, task),
                years=years_of.get((task.plan_id, task.no), ()), notice_titles=notice_titles,
            ))
    page(urls.TASKS, TasksPage(
        common, states=states, groups=groups, plan_counts=plan_counts(common), deadlines=deadline_options(index.tasks),
        ledger_name=ledger.FILE_NAME,
    ))
    notices_of_plan: dict[str, list[NoticeStatus]] = {plan.id: [] for plan in dataset.plans}
    for n in snap.notices:
        notices_of_plan[n.notice.plan_id].append(n)
    if several:
        for plan in dataset.plans:
            page(urls.plan_tasks(plan.id), PlanTasksPage(
                common, plan=plan, states=states, groups=groups, deadlines=deadline_options(plan.tasks)
            ))
            notices = notices_of_plan[plan.id]
            page(urls.plan_notices(plan.id), PlanNoticesPage(
                common, plan=plan, notices=notices, sections=notice_sections(notices)
            ))
    page(urls.BANNERS, BannersPage(common, groups=groups))
    for banner in index.banners:
        page(urls.banner(banner.slug), banner_page(common, banner))
    page(urls.UNITS, units_page(common))
    for unit in index.units:
        page(urls.unit(unit.slug), unit_page(common, unit, summaries))
    page(urls.NOTICES, NoticesPage(
        common, section_names=NOTICE_SECTIONS, sections=notice_sections(snap.notices),
        notices_of_plan=notices_of_plan,
        sections_of_plan={plan_id: notice_sections(items) for plan_id, items in notices_of_plan.items()},
    ))
    for n in snap.notices:  # published notices only: a queued one has no page
        page(urls.notice(n.id), notice_page(common, n, site_url, qr))
    page(urls.PROGRESS, ProgressPage(common, pwords=REPORT_WORDS, summaries=summaries, missing_reports=missing))
    progress_pages(common, summaries, page)
    page(urls.ABOUT, AboutPage(common, site_url=site_url, feed_max=feeds.MAX_ITEMS, ledger_name=ledger.FILE_NAME))

    def downloads() -> Output:
        """Open data, feeds and the ledger: one piece of work beside the pages."""
        files = Output()
        files.content[urls.TASKS_JSON] = json_text(opendata.tasks(dataset, snap))
        files.content[urls.STATES_JSON] = json_text(opendata.states())
        files.content[urls.NOTICES_JSON] = json_text(opendata.notices(snap))
        files.content[urls.PROGRESS_JSON] = json_text(opendata.progress(dataset, snap, missing, summaries))
        files.content.update(feeds.files(dataset, snap, index.banners, site_url))
        files.files[urls.LEDGER_XLSX] = ledger.ledger_bytes(dataset, snap)  # 整改台账 for download
        return files

    if workers is None:
        workers = forked_workers(len(jobs), RENDER_APART_FROM)
    # Piece 0 makes the downloads while the other workers render; the pages are cut in more
    # pieces than workers so that whoever finishes first takes the next.
    shares = 1 if workers < 2 else workers * RENDER_PIECES_PER_WORKER
    done = map_forked(_generate_piece, (jobs, downloads), workers, pieces=1 + shares)
    texts = [""] * len(jobs)
    for i, share in enumerate(done[1:]):
        assert isinstance(share, list)
        texts[i::shares] = share
    for (url, _), text in zip(jobs, texts, strict=True):
        out.content[urls.source_path(url)] = text
    made = done[0]
    assert isinstance(made, Output)
    out.content.update(made.content)
    out.files.update(made.files)
    theme = ThemePartial(common)
    out.theme["partials/generated/footer.html"] = render("footer.html.j2", "", theme.names())
    out.theme["partials/generated/announce.html"] = render("announce.html.j2", "", theme.names())
    out.theme[SUBUNIT_WORD_PARTIAL] = render("subunit_word.html.j2", "", theme.names())
    return out


RENDER_APART_FROM = 1000  # pages; below this, forking costs more than rendering on one core
RENDER_PIECES_PER_WORKER = 4

_Job = tuple[str, PageContext]


def _generate_piece(shared: tuple[list[_Job], Callable[[], Output]], piece: int, pieces: int) -> Output | list[str]:
    """Piece 0: the downloads. Piece i > 0: every (pieces - 1)-th page from the (i - 1)-th on.

    Pages alternate, so each piece is a mix of kinds and takes about as long as the others.
    """
    jobs, downloads = shared
    if piece == 0:
        return downloads()
    return [render(context.template, url, context.names()) for url, context in jobs[piece - 1 :: pieces - 1]]


def deadline_options(tasks: Iterable[Task]) -> tuple[str, ...]:
    """The task list's 整改时限 options: each wording once, by date (立行立改 and the others with no date first),
    not as text, which puts 2025年12月 before 2025年9月."""
    first: dict[str, Deadline] = {}
    for t in tasks:
        first.setdefault(t.deadline.text, t.deadline)
    return tuple(text for _, text in sorted((d.date.isoformat() if d.date else "", d.text) for d in first.values()))


def plan_counts(common: SiteContext, banner: str = "") -> tuple[PlanCounts, ...]:
    """Each plan's tasks by count group: with several plans, the counts that link to each plan's own task list.

    With `banner`, each plan the 旗区 has tasks in: those tasks by the state of the 旗区's own part, as the plan's
    list filtered to the 旗区 shows them.
    """
    if not banner:
        return tuple(
            PlanCounts(plan, len(plan.tasks), common.snap.groups(plan.tasks)) for plan in common.data.plans
        )
    rows = []
    for plan in common.data.plans:
        tasks = [t for t in common.ix.by_banner[banner] if t.plan_id == plan.id]
        if tasks:
            rows.append(PlanCounts(plan, len(tasks), common.snap.groups(tasks, banner), banner))
    return tuple(rows)


# 临近时限 items the home page lists, nearest first: a region has over a hundred, which took the page past
# 15 KB gzipped; each 旗区's and unit's page lists its own in full.
HOME_NEAR_MAX = 30


def home_page(common: SiteContext, missing: list[MissingReport]) -> HomePage:
    snap, tasks = common.snap, common.ix.tasks
    counts = snap.count(tasks)
    totals = group_counts(counts)
    near = approaching(snap, tasks)
    plan_reports = tuple(
        (
            plan,
            next((r for r in reversed(snap.reports) if r.plan_id == plan.id), None),
            tuple(m for m in missing if m.plan_id == plan.id),
        )
        for plan in common.data.plans
    )
    return HomePage(
        common, counts=counts, overdue=totals[Group.OVERDUE], extended=totals[Group.EXTENDED],
        near=near[:HOME_NEAR_MAX], near_count=approaching_tasks(near), near_more=max(0, len(near) - HOME_NEAR_MAX),
        warn_days=WARN_DAYS, groups=tuple(Group), plan_counts=plan_counts(common), partly=snap.closed_parts(tasks),
        plan_reports=plan_reports, open_notices=tuple(n for n in reversed(snap.notices) if n.running),
    )


def banner_page(common: SiteContext, banner: Banner) -> BannerPage:
    snap, tasks = common.snap, common.ix.by_banner[banner.name]
    counts = snap.count(tasks, banner.name)
    totals = group_counts(counts)
    near = approaching(snap, tasks, banner.name)
    plans = {plan.id for plan in common.data.plans if banner in plan.banners}
    word = shared_subunit_word(p.subunit_word for p in common.data.plans if banner.slug in {b.slug for b in p.banners})
    return BannerPage(
        common, banner=banner, banner_word=word, tasks=tasks, counts=counts, overdue=totals[Group.OVERDUE],
        extended=totals[Group.EXTENDED], closed_out=totals[Group.CLOSED_OUT] + totals[Group.SUSTAINED],
        plan_counts=plan_counts(common, banner.name) if common.several_plans else (), groups=tuple(Group),
        near=near, near_count=approaching_tasks(near), warn_days=WARN_DAYS,
        reports=tuple(r for r in reversed(snap.reports) if r.plan_id in plans),
        open_notices=snap.open_notices_of_banner(banner.name),
    )


def units_page(common: SiteContext) -> UnitsPage:
    rows = []
    for u in common.ix.units:
        tasks = common.ix.by_unit[u.name]
        rows.append((
            u,
            sum(u.name in t.responsible.units for t in tasks),
            sum(u.name in t.responsible.lead for t in tasks),
            sum(u.name in t.acceptance.units for t in tasks),
        ))
    return UnitsPage(common, rows=tuple(rows))


def unit_page(common: SiteContext, unit: Unit, summaries: tuple[reports.Summary, ...]) -> UnitPage:
    tasks = common.ix.by_unit[unit.name]
    responsible = [t for t in tasks if unit.name in t.responsible.units]
    near = approaching(common.snap, [t for t in tasks if unit.name in warned_units(t)])
    return UnitPage(
        common, unit=unit, responsible=responsible, leading=sum(unit.name in t.responsible.lead for t in responsible),
        accepting=[t for t in tasks if unit.name in t.acceptance.units], years=reports.unit_years(summaries, responsible),
        near=near, near_count=approaching_tasks(near), warn_days=WARN_DAYS,
    )


def notice_page(common: SiteContext, n: NoticeStatus, site_url: str, qr: QrCodes) -> NoticePage:
    contact = shown_contact(n.notice.contact, common.site.contact)
    address = notice_address(site_url, n.id)
    return NoticePage(
        common, n=n, plan=common.data.plan_by_id(n.notice.plan_id), task=n.task,
        partial=bool(n.banners and (n.notice.scope or list(n.banners) != list(n.task.banners))),
        contact=contact, mail=objection_mail(n, contact), address=address, qr_code=qr(address) if address else None,
    )


def notice_address(site_url: str, notice_id: str) -> str:
    """The full address a printed notice carries (none without a site_url: a preview)."""
    return site_url + urls.notice(notice_id) if site_url else ""


def progress_pages(
    common: SiteContext, summaries: tuple[reports.Summary, ...], page: Callable[[str, PageContext], None]
) -> None:
    """A page per published report and per 旗区 of it; an unpublished report has none."""
    for s in summaries:
        report, plan = s.report, s.plan
        page(urls.progress_year(report), ProgressYearPage(
            common, s=s, pwords=REPORT_WORDS,
            extended=tuple(e for e in s.entries if e.progress and e.progress.extension),
            rebounded=tuple(e for e in s.entries if e.progress and e.progress.rebound),
        ))
        for banner in plan.banners:
            entries = s.of_banner(banner.name)
            page(urls.progress_banner(report, banner.slug), ProgressBannerPage(
                common, s=s, banner=banner, entries=entries, counts=reports.banner_counts(entries, banner.name),
                reported=tuple(
                    (e, b) for e in entries if e.progress and (b := e.progress.banner(banner.name)) and b.measures
                ),
            ))


def json_text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def plan_tasks(plan: Plan) -> dict[int, tuple[Task, ...]]:
    """Tasks grouped by problem number, in the plan's order."""
    return {
        p.no: tuple(t for n in p.task_numbers if (t := plan.task(n)) is not None)
        for c in plan.chapters for p in c.problems
    }


@dataclass(frozen=True)
class ObjectionMail:
    """An objection by e-mail: the mailto: link and the subject it fills in (also shown, for copying)."""

    href: str
    subject: str


def objection_mail(n: NoticeStatus, contact: Contact) -> ObjectionMail | None:
    """mailto: for an objection to this notice: the subject names it, the body says what to include."""
    if not contact.email:
        return None
    subject = M.OBJECTION_MAIL_SUBJECT.format(notice=notice_formal_title(n.notice))
    return ObjectionMail(mailto(contact.email, subject, M.OBJECTION_MAIL_BODY), subject)
