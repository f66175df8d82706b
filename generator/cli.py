"""The `gongshi` command.

Every command prints problems one per line as `file:line: field: message`
and exits 1; a traceback is a bug. Every word printed, click's own usage,
help and error wording included, comes from `messages.py` in Chinese.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

import click

from . import messages as M
from . import opendata
from .asof import AsOfError, resolve_as_of
from .errors import DataError, Problems
from .load import load_dataset, load_dataset_with_warnings
from .model import Plan, Task
from .schema import date_problem, did_you_mean
from .workcalendar import WEEKDAYS, CalendarGap, WorkCalendar, window_json
from .yamlsrc import parse_date

ROOT_HELP = M.HELP_ROOT


def _zh(message: str) -> str:
    """click's English wording in Chinese (click looks its words up through gettext)."""
    return M.CLICK.get(message, message)


def _zh_plural(singular: str, plural: str, count: int) -> str:
    return _zh(singular if count == 1 else plural)


def _speak_chinese() -> None:
    """Have click say usage, option lists and its own errors in Chinese.

    click calls `gettext.gettext` through a module-level `_` (and `ngettext`)
    in each of its modules; rebinding those looks every word up in
    `messages.CLICK` instead, without .mo files or the caller's locale.
    """
    import click.core
    import click.decorators
    import click.exceptions
    import click.formatting
    import click.parser
    import click.termui
    import click.types

    for module in (click.core, click.decorators, click.exceptions, click.formatting, click.parser,
                   click.termui, click.types):
        if hasattr(module, "_"):
            module._ = _zh  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = _zh_plural  # type: ignore[attr-defined]
    # Option columns line up only when a Chinese character counts as the two columns it takes.
    click.formatting.term_len = _columns  # type: ignore[assignment]


def _columns(text: str) -> int:
    import unicodedata

    from click._compat import strip_ansi

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in strip_ansi(text))


_speak_chinese()


class _Command(click.Command):
    """A command whose usage line says [选项] rather than [OPTIONS]."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[选项]")
        super().__init__(*args, **kwargs)


class _Group(click.Group):
    """A group of commands, worded in Chinese like its commands."""

    command_class = _Command
    group_class = type  # sub-groups are of this class too

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[选项]")
        kwargs.setdefault("subcommand_metavar", "命令 [参数]...")
        super().__init__(*args, **kwargs)


class _MkDocsLog(logging.Handler):
    """Collects what MkDocs logs at WARNING and above, to print it in a Chinese frame."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = " ".join(record.getMessage().split())
        link = _MKDOCS_LINK.search(message)
        if link:
            message = M.MKDOCS_LINK.format(page=link["page"], link=link["link"])
        self.lines.append(M.MKDOCS_SAID.format(message=message))


_MKDOCS_LINK = re.compile(r"Doc file '(?P<page>[^']+)' contains a link '(?P<link>[^']+)', but the target")


def _build_failure(exc: Exception, said: _MkDocsLog) -> list[str]:
    """A build's failure in Chinese: MkDocs' own lines first, then what stopped the build."""
    lines = list(said.lines)
    for line in str(exc).splitlines():
        aborted = re.search(r"Aborted with (\d+) warnings", line)
        stopped = re.match(r"mkdocs stopped \(exit (\S+)\)", line)
        if aborted:
            lines.append(M.MKDOCS_ABORTED.format(count=aborted[1]))
        elif stopped:
            lines.append(M.MKDOCS_STOPPED.format(code=stopped[1]))
        elif line.startswith("mkdocs: "):
            lines.append(M.MKDOCS_FAILED.format(detail=line[len("mkdocs: "):]))
        else:
            lines.append(line)
    return lines


def _fail(lines: list[str] | str) -> NoReturn:
    for line in [lines] if isinstance(lines, str) else lines:
        click.echo(line, err=True)
    sys.exit(1)


def _guarded(action: Callable[[], Any]) -> Any:
    """Turn every known failure into one line per problem and exit status 1."""
    from .build import BuildError

    try:
        return action()
    except DataError as exc:
        _fail([str(p) for p in exc.problems])
    except (AsOfError, CalendarGap, BuildError) as exc:
        _fail(str(exc).splitlines())


def _date_argument(value: str, name: str) -> dt.date:
    parsed = parse_date(value)
    if parsed is None:
        _fail(f"{name}：{date_problem(value)}")
    return parsed


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]}, help=M.HELP_MAIN)
@click.option(
    "--root", type=click.Path(file_okay=False, path_type=Path), default=".", metavar="文件夹", help=ROOT_HELP
)
@click.pass_context
def main(ctx: click.Context, root: Path) -> None:
    ctx.obj = root.resolve()


@main.command(help=M.HELP_CHECK)
@click.pass_obj
def check(root: Path) -> None:
    from .workcalendar import stale_warning

    def run() -> None:
        dataset, calendar, warnings = load_dataset_with_warnings(root)
        for problem in warnings:
            click.echo(str(problem), err=True)
        warning = stale_warning(calendar, resolve_as_of(None))
        if warning:
            click.echo(f"{M.WARNING}{warning}", err=True)
        tasks = sum(len(p.tasks) for p in dataset.plans)
        click.echo(
            M.CLI_OK.format(
                plans=len(dataset.plans), tasks=tasks, notices=len(dataset.notices), reports=len(dataset.progress)
            )
        )

    _guarded(run)


@main.command(help=M.HELP_BUILD)
@click.option("--as-of", "as_of", metavar="YYYY-MM-DD", help=M.HELP_AS_OF)
@click.option(
    "--site-dir", type=click.Path(file_okay=False, path_type=Path), default=None, metavar="文件夹", help=M.HELP_SITE_DIR
)
@click.pass_obj
def build(root: Path, as_of: str | None, site_dir: Path | None) -> None:
    from .build import BuildError, build_site

    def run() -> None:
        day = resolve_as_of(as_of)
        target = site_dir or root / "site"
        said = _MkDocsLog()
        mkdocs_log = logging.getLogger("mkdocs")
        mkdocs_log.addHandler(said)
        try:
            generated = build_site(root, day, target)
        except BuildError as exc:
            _fail(_build_failure(exc, said))
        finally:
            mkdocs_log.removeHandler(said)
        for rel in generated.written.hand_written:
            click.echo(M.CLI_KEPT.format(path=rel))
        click.echo(M.CLI_BUILT.format(target=target, day=day.isoformat()))

    _guarded(run)


@main.command(help=M.HELP_SERVE)
@click.option("--as-of", "as_of", metavar="YYYY-MM-DD", help=M.HELP_AS_OF)
@click.option("--dev-addr", default="127.0.0.1:8000", show_default=True, metavar="地址:端口", help=M.HELP_DEV_ADDR)
@click.pass_obj
def serve(root: Path, as_of: str | None, dev_addr: str) -> None:
    import os

    from mkdocs.commands.serve import serve as mkdocs_serve

    def run() -> None:
        day = resolve_as_of(as_of)
        os.environ["GONGSHI_AS_OF"] = day.isoformat()
        os.chdir(root)
        mkdocs_serve(config_file=str(root / "mkdocs.yml"), open_in_browser=False, dev_addr=dev_addr)

    _guarded(run)


@main.command(help=M.HELP_WORKDAYS)
@click.argument("start", metavar="开始日期")
@click.option(
    "--days", default=10, show_default=True, type=click.IntRange(min=1), metavar="工作日数", help=M.HELP_DAYS
)
@click.option("--json", "as_json", is_flag=True, help=M.HELP_JSON)
@click.pass_obj
def workdays(root: Path, start: str, days: int, as_json: bool) -> None:

    def run() -> None:
        day = _date_argument(start, "开始日期")
        problems = Problems()
        calendar = WorkCalendar.load(root / "data" / "calendar", root, problems)
        if problems.errors:
            raise DataError(problems.sorted())
        window = calendar.window(day, days)
        if as_json:
            click.echo(json.dumps(window_json(window), ensure_ascii=False))
            return
        click.echo(M.CLI_WINDOW.format(start=window.start.isoformat(), days=window.days, end=window.end.isoformat()))
        click.echo(M.CLI_WORKDAYS + " ".join(d.isoformat() for d in window.workdays))

    _guarded(run)


@main.group(help=M.HELP_EXPORT)
def export() -> None:
    pass


@export.command("tasks", help=M.HELP_EXPORT_TASKS)
@click.pass_obj
def export_tasks(root: Path) -> None:

    def run() -> None:
        dataset, _ = load_dataset(root)
        click.echo(json.dumps(opendata.tasks(dataset), ensure_ascii=False, indent=1))

    _guarded(run)


# --- 验收销号公示 (close-out notices) ------------------------------------------------


@main.group(help=M.HELP_NOTICE)
def notice() -> None:
    pass


@notice.command("new", help=M.HELP_NOTICE_NEW)
@click.option("--task", "task_no", type=int, required=True, metavar="N", help=M.HELP_TASK)
@click.option("--start", required=True, metavar="YYYY-MM-DD", help=M.HELP_START)
@click.option("--scope", multiple=True, metavar="旗区", help=M.HELP_SCOPE)
@click.option("--plan", "plan_id", default=None, metavar="方案编号", help=M.HELP_PLAN)
@click.pass_obj
def notice_new(root: Path, task_no: int, start: str, scope: tuple[str, ...], plan_id: str | None) -> None:
    from .errors import display_path
    from .load import load_plans
    from .notices import draft_name, draft_text

    def run() -> None:
        day = _date_argument(start, "--start")
        data_dir = root / "data"
        problems = Problems()
        calendar = WorkCalendar.load(data_dir / "calendar", root, problems)
        plans = load_plans(data_dir, root, problems)
        if problems.errors:
            raise DataError(problems.sorted())
        plan = _chosen_plan(plans, plan_id)
        task = plan.task(task_no)
        if task is None:
            numbers = [t.no for t in plan.tasks]
            _fail(M.CLI_NO_TASK.format(plan=plan.id, task=task_no, span=f"{min(numbers)}–{max(numbers)}"))
        banners = _chosen_scope(plan, task, scope)
        try:
            workday = calendar.is_workday(day)
            if not workday:
                following = calendar.next_workday(day).isoformat()
                _fail(M.CLI_NOT_WORKDAY.format(day=day.isoformat(), weekday=WEEKDAYS[day.weekday()], next=following))
            window = calendar.window(day, 10)
        except CalendarGap as gap:
            _fail(M.CLI_GAP.format(gap=gap))
        slug_of = {b.name: b.slug for b in plan.banners}
        slugs = [slug_of[name] for name in banners]
        path = data_dir / "notices" / f"{draft_name(plan.id if len(plans) > 1 else None, task.no, day, slugs)}.yaml"
        shown = display_path(path, root)
        if path.exists():
            _fail(M.CLI_EXISTS.format(path=shown))
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8", newline="\n") as out:
            out.write(draft_text(plan, task, banners, window))
        click.echo(M.CLI_WROTE.format(path=shown))
        click.echo(M.CLI_PERIOD.format(start=window.start.isoformat(), end=window.end.isoformat(), days=window.days))
        click.echo(M.CLI_WORKDAYS + " ".join(d.isoformat() for d in window.workdays))
        click.echo(M.CLI_NEXT)

    _guarded(run)


def _chosen_plan(plans: list[Plan], plan_id: str | None) -> Plan:
    if plan_id is not None:
        plan = next((p for p in plans if p.id == plan_id), None)
        if plan is None:
            known = "、".join(p.id for p in plans)
            _fail(M.CLI_UNKNOWN_PLAN.format(plan=plan_id, known=known) + did_you_mean(plan_id, [p.id for p in plans]))
        return plan
    if len(plans) > 1:
        _fail(M.CLI_SEVERAL_PLANS.format(count=len(plans), known="、".join(p.id for p in plans)))
    return plans[0]


def _chosen_scope(plan: Plan, task: Task, scope: tuple[str, ...]) -> tuple[str, ...]:
    """The named 旗区 in the task's order; refuses any that is not one of the task's."""
    listed = "、".join(task.banners) or M.NONE
    for name in scope:
        if plan.banner(name) is None:
            known = [b.name for b in plan.banners]
            hint = did_you_mean(name, task.banners or known)
            _fail(M.CLI_UNKNOWN_BANNER.format(plan=plan.id, name=name, hint=hint, known="、".join(known)))
        if name not in task.banners:
            _fail(M.CLI_NOT_TASK_BANNER.format(name=name, task=task.no, listed=listed))
    return tuple(b for b in task.banners if b in scope)


@notice.command("list", help=M.HELP_NOTICE_LIST)
@click.option("--as-of", "as_of", metavar="YYYY-MM-DD", help=M.HELP_AS_OF)
@click.pass_obj
def notice_list(root: Path, as_of: str | None) -> None:
    from .status import NoticeState, notice_statuses

    def run() -> None:
        day = resolve_as_of(as_of)
        dataset, calendar = load_dataset(root)
        statuses = notice_statuses(dataset, calendar, day)

        def section(title: str, state: NoticeState, detail: Callable[[Any], str]) -> None:
            click.echo(title)
            chosen = [n for n in statuses if n.state is state]
            for n in chosen:
                click.echo(f"  {n.id}  {n.title}  {detail(n)}")
            if not chosen:
                click.echo(M.CLI_NONE)

        click.echo(M.CLI_AS_OF.format(day=day.isoformat()))
        section(
            M.CLI_QUEUED, NoticeState.QUEUED,
            lambda n: M.CLI_QUEUED_DETAIL.format(start=n.window.start.isoformat(), end=n.window.end.isoformat()),
        )
        section(
            M.CLI_OPEN, NoticeState.OPEN,
            lambda n: M.CLI_OPEN_DETAIL.format(end=n.window.end.isoformat(), left=n.workdays_left),
        )
        section(
            M.CLI_AWAITING, NoticeState.AWAITING_CLOSE_OUT,
            lambda n: M.CLI_AWAITING_DETAIL.format(end=n.window.end.isoformat()),
        )
        section(
            M.CLI_OBJECTIONS, NoticeState.OBJECTION,
            lambda n: M.CLI_OBJECTION_DETAIL.format(days="、".join(
                o.received.isoformat() for o in n.notice.objections
                if o.received <= day and (o.resolved is None or o.resolved > day)
            )),
        )

    _guarded(run)
