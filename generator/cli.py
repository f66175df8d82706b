"""The `gongshi` command.

Every command prints problems one per line as `file:line: field: message`
and exits 1; a traceback is a bug.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any, Callable

import click

from . import opendata
from .asof import AsOfError, resolve_as_of
from .errors import DataError, Problems
from .load import load_dataset
from .workcalendar import CalendarGap, WorkCalendar, window_json
from .yamlsrc import parse_date

ROOT_HELP = "Project folder holding data/, content/ and mkdocs.yml (default: the current folder)."


def _fail(lines: list[str] | str) -> None:
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
        _fail(f"{name}: expected a date (YYYY-MM-DD), got {value!r}")
    return parsed


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=".", help=ROOT_HELP)
@click.pass_context
def main(ctx: click.Context, root: Path) -> None:
    """gongshi（公示）: publish a rectification plan's progress and close-out notices as a static site."""
    ctx.obj = root.resolve()


@main.command()
@click.pass_obj
def check(root: Path) -> None:
    """Validate everything under data/; exit 0 when valid, 1 with one line per problem."""
    from .workcalendar import stale_warning

    def run() -> None:
        dataset, calendar = load_dataset(root)
        warning = stale_warning(calendar, resolve_as_of(None))
        if warning:
            click.echo(f"warning: {warning}", err=True)
        tasks = sum(len(p.tasks) for p in dataset.plans)
        click.echo(f"ok: {len(dataset.plans)} plan(s), {tasks} tasks")

    _guarded(run)


@main.command()
@click.option("--as-of", "as_of", metavar="YYYY-MM-DD", help="The date statuses are computed for (default: today in China).")
@click.option("--site-dir", type=click.Path(file_okay=False, path_type=Path), default=None, help="Where to put the site (default: site/).")
@click.pass_obj
def build(root: Path, as_of: str | None, site_dir: Path | None) -> None:
    """Build the site into site/ (replaced only when the whole build passed)."""
    from .build import build_site

    def run() -> None:
        day = resolve_as_of(as_of)
        target = site_dir or root / "site"
        generated = build_site(root, day, target)
        for rel in generated.written.hand_written:
            click.echo(f"kept hand-written content/{rel}")
        click.echo(f"built {target} as of {day.isoformat()}")

    _guarded(run)


@main.command()
@click.option("--as-of", "as_of", metavar="YYYY-MM-DD", help="The date statuses are computed for (default: today in China).")
@click.option("--dev-addr", default="127.0.0.1:8000", show_default=True, help="Address to serve on.")
@click.pass_obj
def serve(root: Path, as_of: str | None, dev_addr: str) -> None:
    """Preview the site, rebuilding when data/, content/ or overrides/ change."""
    import os

    from mkdocs.commands.serve import serve as mkdocs_serve

    def run() -> None:
        day = resolve_as_of(as_of)
        os.environ["GONGSHI_AS_OF"] = day.isoformat()
        os.chdir(root)
        mkdocs_serve(config_file=str(root / "mkdocs.yml"), open_in_browser=False, dev_addr=dev_addr)

    _guarded(run)


@main.command()
@click.argument("start")
@click.option("--days", default=10, show_default=True, type=click.IntRange(min=1), help="Working days in the window.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON: start, days, end, workdays.")
@click.pass_obj
def workdays(root: Path, start: str, days: int, as_json: bool) -> None:
    """Print the end of a publicity window of DAYS working days from START."""

    def run() -> None:
        day = _date_argument(start, "START")
        problems = Problems()
        calendar = WorkCalendar.load(root / "data" / "calendar", root, problems)
        if problems.errors:
            raise DataError(problems.sorted())
        window = calendar.window(day, days)
        if as_json:
            click.echo(json.dumps(window_json(window), ensure_ascii=False))
            return
        click.echo(f"{window.start.isoformat()} + {window.days} working days → ends {window.end.isoformat()}")
        click.echo("working days: " + " ".join(d.isoformat() for d in window.workdays))

    _guarded(run)


@main.group()
def export() -> None:
    """Print open data as JSON."""


@export.command("tasks")
@click.pass_obj
def export_tasks(root: Path) -> None:
    """Every task of every plan, as in api/tasks.json."""

    def run() -> None:
        dataset, _ = load_dataset(root)
        click.echo(json.dumps(opendata.tasks(dataset), ensure_ascii=False, indent=1))

    _guarded(run)
