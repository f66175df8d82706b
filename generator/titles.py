"""How the site names a notice, a yearly report and a task's event: the one home of every title.

Pages, feeds, the calendar, the build's withheld texts and the CLI all call
these, so a notice is called the same everywhere it appears.
"""

from __future__ import annotations

from collections.abc import Sequence

from . import messages as M
from .model import Notice, ProgressReport, Task


def scope_words(scope: Sequence[str]) -> str:
    """（达拉特旗、准格尔旗）: the 旗区 a notice, a rebound or an extension covers, after its title; "" for the whole task."""
    return f"（{'、'.join(scope)}）" if scope else ""


def with_plan(title: str, plan_title: str) -> str:
    """《…整改方案》第12项整改任务…: how a site with several plans names a task's event away from its plan.

    The plan's title, not its area: one city has several plans (one per
    inspection round), and a yearly report's title already names the plan so.
    """
    return f"《{plan_title}》{title}"


def task_name(task: Task) -> str:
    """第7项 餐厨垃圾处理设施建设: the task's number and its short title; 第7项整改任务 when the plan gives none."""
    if task.title:
        return M.TASK_NAME.format(task=task.no, title=task.title)
    return M.TASK_WORDS.format(task=task.no)


def place_words(scope: Sequence[str], task: Task, covers: Sequence[str] = ()) -> str:
    """（鄂托克前旗）: where a notice is, after its task's name: its 旗区, or （全市）.

    A notice covering some 旗区 names them; one covering the whole task names
    the task's 旗区 when the plan names them one by one, and 全市 when the task
    is every 旗区's (各旗区, or 各县（市、区） in a plan that calls them so) or names none.
    `covers`: the parts a notice without scope covers (notice_status.coverages);
    when some 旗区 were closed out before it, it names the open ones it covers.
    """
    open_parts = tuple(p for p in covers if p)
    if not scope and open_parts and set(open_parts) != set(task.banners):
        return f"（{'、'.join(open_parts)}）"
    names = tuple(scope) or (() if task.responsible.every else task.banners)
    return scope_words(names or (M.WHOLE_CITY,))


def notice_subject(notice: Notice, task: Task, covers: Sequence[str] = ()) -> str:
    """第7项 餐厨垃圾处理设施建设（鄂托克前旗）: what and where, the head of every title about the notice."""
    return task_name(task) + place_words(notice.scope, task, covers)


def notice_title(notice: Notice, task: Task, covers: Sequence[str] = ()) -> str:
    """第7项 餐厨垃圾处理设施建设（鄂托克前旗）验收销号公示: pages, lists, browser titles, feeds and the calendar.

    `covers`: the parts it covers (`NoticeStatus.covers`), so a whole-task notice after
    partial close-outs names the 旗区 it covers (issue 24: …（<the open 旗区, or 全市>）验收销号公示).
    """
    return M.NOTICE_HEADLINE.format(subject=notice_subject(notice, task, covers))


def notice_formal_title(notice: Notice) -> str:
    """第25项整改任务验收销号公示: the notice's name in a letter about it (an objection's subject line)."""
    return notice_title_of(notice.task_no, notice.scope)


def notice_title_of(task_no: int, scope: Sequence[str]) -> str:
    """第12项整改任务验收销号公示（…）: a notice's formal name, also before the notice exists (a draft)."""
    return M.NOTICE_TITLE.format(task=task_no, scope=scope_words(scope))


def report_title(report: ProgressReport, plan_title: str) -> str:
    """2025年度整改进展; on a site with several plans the plan is named, as one year has several reports."""
    if report.several_plans:
        return M.REPORT_TITLE_OF_PLAN.format(plan=plan_title, year=report.year)
    return M.REPORT_TITLE.format(year=report.year)
