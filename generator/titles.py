"""How the site names a notice, a yearly report and a task's event: the one home of every title.

Pages, feeds, the calendar, the build's withheld texts and the CLI all call
these, so a notice is called the same everywhere it appears.
"""

from __future__ import annotations

from collections.abc import Sequence

from . import messages as M
from .model import Notice, ProgressReport


def scope_words(scope: Sequence[str]) -> str:
    """（达拉特旗、准格尔旗）: the 旗区 a notice, a rebound or an extension covers, after its title; "" for the whole task."""
    return f"（{'、'.join(scope)}）" if scope else ""


def with_plan(title: str, plan_title: str) -> str:
    """《…整改方案》第12项整改任务…: how a site with several plans names a task's event away from its plan.

    The plan's title, not its area: one city has several plans (one per
    inspection round), and a yearly report's title already names the plan so.
    """
    return f"《{plan_title}》{title}"


def notice_title(notice: Notice) -> str:
    """第12项整改任务验收销号公示, with the 旗区 when the notice covers only some."""
    return notice_title_of(notice.task_no, notice.scope)


def notice_title_of(task_no: int, scope: Sequence[str]) -> str:
    """The title of a notice on task `task_no` covering `scope`, before the notice exists (a draft)."""
    return M.NOTICE_TITLE.format(task=task_no, scope=scope_words(scope))


def report_title(report: ProgressReport, plan_title: str) -> str:
    """2025年度整改进展; on a site with several plans the plan is named, as one year has several reports."""
    if report.several_plans:
        return M.REPORT_TITLE_OF_PLAN.format(plan=plan_title, year=report.year)
    return M.REPORT_TITLE.format(year=report.year)
