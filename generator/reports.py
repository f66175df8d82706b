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

from .model import Banner, Chapter, Plan, ProgressReport, Task, TaskProgress
from .progress import STATUSES
from .status import Snapshot

CSS = dict(zip(STATUSES, ("done", "on-track", "behind")))
_FILL = dict(zip(STATUSES, ("#26702f", "#1a5fb4", "#a51d2d")))


@dataclass(frozen=True)
class Entry:
    """One task in the report, with the plan's task beside it."""

    task: Task
    progress: TaskProgress

    def status_for(self, banner: str) -> str:
        """The banner's own status when the report gives one, else the task's."""
        own = self.progress.banner(banner)
        return own.status if own else self.progress.status


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
    return {s: statuses.count(s) for s in STATUSES}


def summarise(report: ProgressReport, plan: Plan, snap: Snapshot) -> Summary:
    entries = tuple(
        Entry(task, entry)
        for entry in sorted(report.tasks, key=lambda e: e.task_no)
        if (task := plan.task(entry.task_no)) is not None
    )
    by_chapter = tuple(
        (c, _count([e.progress.status for e in entries if e.task.chapter_no == c.no])) for c in plan.chapters
    )
    by_banner = tuple(
        (b, _count([e.status_for(b.name) for e in entries if b.name in e.task.banners])) for b in plan.banners
    )
    previous = snap.previous(report)
    changes: list[YearChange] = []
    if previous is not None:
        for e in entries:
            before = previous.task(e.task.no)
            if before is None or before.status != e.progress.status:
                changes.append(YearChange(e.task, before.status if before else None, e.progress.status))
    return Summary(
        report=report,
        plan=plan,
        previous=previous,
        entries=entries,
        counts=_count([e.progress.status for e in entries]),
        by_chapter=by_chapter,
        by_banner=by_banner,
        changes=tuple(changes),
    )


def banner_counts(entries: tuple[Entry, ...], banner: str) -> dict[str, int]:
    return _count([e.status_for(banner) for e in entries])


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
