"""How the site names a notice, a yearly report and a task's event: the one home of every title.

Pages, feeds, the calendar, the build's withheld texts and the CLI all call
these, so a notice is called the same everywhere it appears.
"""

from __future__ import annotations

from .model import Notice, ProgressReport


def with_plan(title: str, plan_title: str) -> str:
    """《…整改方案》第12项整改任务…: how a site with several plans names a task's event away from its plan.

    The plan's title, not its area: one city has several plans (one per
    inspection round), and a yearly report's title already names the plan so.
    """
    return f"《{plan_title}》{title}"


def notice_title(notice: Notice) -> str:
    """第12项整改任务验收销号公示, with the 旗区 when the notice covers only some."""
    scope = f"（{'、'.join(notice.scope)}）" if notice.scope else ""
    return f"第{notice.task_no}项整改任务验收销号公示{scope}"


def report_title(report: ProgressReport, plan_title: str) -> str:
    """2025年度整改进展; on a site with several plans the plan is named, as one year has several reports."""
    if report.several_plans:
        return f"《{plan_title}》{report.year}年度整改进展"
    return f"{report.year}年度整改进展"
