"""What a yearly progress report page shows: counts, changes since last year, and the chart.

Computed once per report from the published data; templates only lay it
out. The chart is drawn here as inline SVG at build time: no script, nothing
loaded from elsewhere, and its numbers are the same ones the table beside it
shows, so a screen reader or a printout loses nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from markupsafe import Markup, escape

from .model import Banner, Chapter, Dataset, MeasureProgress, Plan, ProgressReport, Task, TaskProgress, year_status
from .schema import REPORT_WORDS
from .status import Snapshot, open_tasks

CSS = dict(zip(REPORT_WORDS, ("done", "on-track", "behind", "not-reported")))
_FILL = dict(zip(REPORT_WORDS, ("#26702f", "#1a5fb4", "#a51d2d", "#5e5c64")))


@dataclass(frozen=True)
class Entry:
    """One task in the report, with the plan's task beside it; `progress` None: an open task left out."""

    task: Task
    progress: TaskProgress | None

    def status_for(self, banner: str = "") -> str:
        """The banner's own status when the report gives one, else the task's, else 本年度未报告."""
        return year_status(self.progress, banner)[0]

    def own(self, banner: str) -> bool:
        """The report gives the 旗区 a status of its own (else the city status applies)."""
        return year_status(self.progress, banner)[1]

    def measures(self, banner: str = "") -> tuple[tuple[int, MeasureProgress | None], ...]:
        """Each measure of the task with its progress in the report (the 旗区's own with `banner`); None: not reported."""
        source = self.progress.banner(banner) if self.progress is not None and banner else self.progress
        return tuple(
            (no, source.measure(no) if source is not None else None) for no in range(1, len(self.task.measures) + 1)
        )


@dataclass(frozen=True)
class UnitYears:
    """A unit's tasks and, for each, each published report's word on it (unit pages: 年度整改进展)."""

    years: tuple[int, ...]
    rows: tuple[tuple[Task, tuple[tuple[ProgressReport, str] | None, ...]], ...]


@dataclass(frozen=True)
class YearChange:
    task: Task
    before: str | None  # None: not in the previous report
    after: str


@dataclass(frozen=True)
class Summary:
    report: ProgressReport
    plan: Plan
    previous: ProgressReport | None
    entries: tuple[Entry, ...]
    counts: dict[str, int]
    by_chapter: tuple[tuple[Chapter, dict[str, int]], ...]
    by_banner: tuple[tuple[Banner, dict[str, int]], ...]
    changes: tuple[YearChange, ...]

    def of_banner(self, name: str) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if name in e.task.banners)

    def of_chapter(self, no: int) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if e.task.chapter_no == no)


@dataclass(frozen=True)
class Milestone:
    """A 时间节点 of one measure (plan_text.measure_dates), and the latest published progress of that measure."""

    no: int  # the measure's number, from 1
    text: str  # the plan's words: 2025年8月底前
    date: dt.date
    passed: bool  # the date is before the snapshot's date
    year: int | None  # the report that last reported the measure, if any
    progress: str


def milestones(snap: Snapshot, task: Task) -> tuple[Milestone, ...]:
    """Each 时间节点 of the task's measures, by date, with the measure's latest reported progress beside it."""
    latest: dict[int, tuple[int, str]] = {}
    for report, entry in snap.progress_of(task):  # oldest first: a later report overrides
        for m in entry.measures:
            latest[m.no] = (report.year, m.progress)
    return tuple(
        Milestone(no, d.text, d.date, d.date < snap.as_of, *latest.get(no, (None, "")))
        for no, d in task.dated_measures()
    )


def _count(statuses: list[str]) -> dict[str, int]:
    return {s: statuses.count(s) for s in REPORT_WORDS}


def due_tasks(dataset: Dataset, snap: Snapshot) -> dict[tuple[str, int], frozenset[int]]:
    """For each published report (plan id, year): the tasks it had to cover, those open when it was published."""
    return {
        (r.plan_id, r.year): frozenset(t.no for t in open_tasks(dataset, r.plan_id, r.published, snap.calendar))
        for r in snap.reports
    }


def summaries(dataset: Dataset, snap: Snapshot) -> tuple[Summary, ...]:
    """The summary of each published report, oldest first."""
    due = due_tasks(dataset, snap)
    out: list[Summary] = []
    for report in snap.reports:
        plan = dataset.plan(report.plan_id)
        assert plan is not None
        before = next((s for s in reversed(out) if s.report.plan_id == report.plan_id), None)
        out.append(summarise(report, plan, snap, due[(report.plan_id, report.year)], before))
    return tuple(out)


def summarise(
    report: ProgressReport, plan: Plan, snap: Snapshot, due: frozenset[int] = frozenset(),
    previous_summary: Summary | None = None,
) -> Summary:
    """The report's counts and changes; each task in `due` it left out counts as 本年度未报告.

    Changes compare with `previous_summary` (the plan's report before) when
    given, so a task the earlier report left out reads 本年度未报告 there too.
    """
    numbers = sorted({e.task_no for e in report.tasks} | due)
    entries = tuple(
        Entry(task, report.task(no)) for no in numbers if (task := plan.task(no)) is not None
    )
    by_chapter = tuple(
        (c, _count([e.status_for() for e in entries if e.task.chapter_no == c.no])) for c in plan.chapters
    )
    by_banner = tuple(
        (b, _count([e.status_for(b.name) for e in entries if b.name in e.task.banners])) for b in plan.banners
    )
    previous = snap.previous(report)
    changes: list[YearChange] = []
    if previous is not None:
        earlier = {b.task.no: b for b in previous_summary.entries} if previous_summary is not None else {}
        for e in entries:
            before = previous.task(e.task.no)
            word = year_status(before)[0] if before is not None else None
            if e.task.no in earlier:
                word = earlier[e.task.no].status_for()
            if word != e.status_for():
                changes.append(YearChange(e.task, word, e.status_for()))
    return Summary(
        report=report,
        plan=plan,
        previous=previous,
        entries=entries,
        counts=_count([e.status_for() for e in entries]),
        by_chapter=by_chapter,
        by_banner=by_banner,
        changes=tuple(changes),
    )


def banner_counts(entries: tuple[Entry, ...], banner: str) -> dict[str, int]:
    return _count([e.status_for(banner) for e in entries])


def task_years(summaries: tuple[Summary, ...]) -> dict[tuple[str, int], tuple[tuple[ProgressReport, TaskProgress | None], ...]]:
    """Each task's entry in each published report, oldest first; None where the report left the open task out."""
    found: dict[tuple[str, int], list[tuple[ProgressReport, TaskProgress | None]]] = {}
    for s in summaries:
        for e in s.entries:
            found.setdefault((e.task.plan_id, e.task.no), []).append((s.report, e.progress))
    return {key: tuple(items) for key, items in found.items()}


def unit_years(summaries: tuple[Summary, ...], tasks: list[Task]) -> UnitYears:
    """Each published year (of the tasks' plans) and each task's word in that year's report.

    A cell is None where the task's plan has no report that year, or the
    report had no word to give (the task was closed out before it).
    """
    plans = {t.plan_id for t in tasks}
    mine = [s for s in summaries if s.report.plan_id in plans]
    years = tuple(sorted({s.report.year for s in mine}))
    entry_of = {(s.report.plan_id, s.report.year, e.task.no): (s.report, e) for s in mine for e in s.entries}
    rows = []
    for task in tasks:
        cells: list[tuple[ProgressReport, str] | None] = []
        for year in years:
            found = entry_of.get((task.plan_id, year, task.no))
            cells.append((found[0], found[1].status_for()) if found else None)
        rows.append((task, tuple(cells)))
    return UnitYears(years, tuple(rows))


def chart(counts: dict[str, int], title: str, chart_id: str) -> Markup:
    """A horizontal bar chart of status counts, on one line so Markdown leaves it alone."""
    def text(value: str) -> Markup:
        # One line, always: a line break would end the HTML block Markdown leaves alone.
        return escape(re.sub(r"[\r\n]+", " ", value))

    label_w, bar_w, row_h, pad = 112, 300, 30, 8
    width = label_w + bar_w + 48
    height = pad * 2 + row_h * len(counts)
    top = max(counts.values(), default=0) or 1
    parts = [
        f'<svg class="gs-chart" role="img" aria-labelledby="{chart_id}-title" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-size="14">',
        f'<title id="{chart_id}-title">{text(title)}</title>',
    ]
    for i, (status, n) in enumerate(counts.items()):
        y = pad + i * row_h
        w = round(bar_w * n / top)
        fill = _FILL.get(status, "#555")
        parts.append(f'<text x="{label_w - 8}" y="{y + 20}" text-anchor="end" fill="currentColor">{text(status)}</text>')
        if w:
            parts.append(f'<rect x="{label_w}" y="{y + 5}" width="{w}" height="{row_h - 10}" fill="{fill}"></rect>')
        parts.append(f'<text x="{label_w + w + 6}" y="{y + 20}" fill="currentColor">{n}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
