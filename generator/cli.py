"""The `gongshi` command.

Every command prints problems one per line as `file:line: field: message`
and exits 1; a traceback is a bug. Every word printed, click's own usage,
help and error wording included, comes from `messages.py` in Chinese.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import io
import ipaddress
import json
import logging
import os
import re
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NoReturn

import click

from . import atomicfile, opendata, task_events
from . import messages as M
from .asof import AsOfError, chinese_date, resolve_as_of
from .errors import DataError, Problems
from .load import dated_problems, load_dataset, load_dataset_with_warnings
from .model import NotFound, Plan, Task, plan_by_id
from .schema import MIN_WORKDAYS, Outcome, date_problem
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
    click.exceptions.MissingParameter.format_message = _missing_parameter  # type: ignore[method-assign]


_click_missing = click.exceptions.MissingParameter.format_message


def _missing_parameter(self: click.exceptions.MissingParameter) -> str:
    """click's 缺少参数 '…' without the English full stop it puts after the name."""
    text = _click_missing(self)
    return text[:-1] + "。" if text.endswith("'.") else text.replace("'. ", "'。", 1)


def _columns(text: str) -> int:
    import unicodedata

    from click._compat import strip_ansi

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in strip_ansi(text))


_speak_chinese()


def run() -> NoReturn:
    """The `gongshi` console script: `main`, on any terminal, and quiet when its reader leaves early.

    A terminal or log whose encoding has no Chinese (PYTHONIOENCODING=latin-1, a bare C
    locale) gets UTF-8 rather than a traceback. When the reader of the output goes away
    (`gongshi notice list | head -1`), the command stops without a word and with status
    141, as a program stopped by SIGPIPE does. gongshi writes to no pipe of its own (Pagefind
    reports into a file), so a broken pipe is always its stdout or stderr.
    """
    _write_chinese_anywhere()
    try:
        try:
            code = main.main(prog_name="gongshi", standalone_mode=False)
        except click.exceptions.Abort:
            click.echo(_zh("Aborted!"), err=True)
            code = 1
        except click.ClickException as exc:
            exc.show()
            code = exc.exit_code
        except SystemExit as exc:
            code = exc.code
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:
        _reader_left()
    sys.exit(code if isinstance(code, int) else 0 if code is None else 1)


def _reader_left() -> NoReturn:
    """Stop without a word, with the status of a program stopped by SIGPIPE (128 + 13).

    The Python documentation's recipe (signal module, "Note on SIGPIPE"): point the streams
    at /dev/null, so that flushing them at exit cannot complain either.
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    for stream in (sys.stdout, sys.stderr):
        try:
            os.dup2(devnull, stream.fileno())
        except (OSError, ValueError):
            pass
    sys.exit(141)


@contextlib.contextmanager
def _until_reader_leaves() -> Iterator[None]:
    """click would turn a broken pipe into status 1, which a cron job reads as a failure."""
    try:
        yield
    except BrokenPipeError:
        _reader_left()


def _write_chinese_anywhere() -> None:
    """Make stdout and stderr write UTF-8 where their encoding cannot write Chinese, and never raise on a character."""
    for stream in (sys.stdout, sys.stderr):
        if not isinstance(stream, io.TextIOWrapper):
            continue
        try:
            "公示".encode(stream.encoding)
            encoding = stream.encoding
        except (UnicodeError, LookupError):
            encoding = "utf-8"
        # A file name the disk spells in undecodable bytes is written back as those bytes where Python
        # already does so; elsewhere an unwritable character becomes '?', never a traceback.
        errors = "surrogateescape" if stream.errors == "surrogateescape" else "replace"
        stream.reconfigure(encoding=encoding, errors=errors)


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

    # click prints help and runs the command within these two; its own handling of a broken pipe is status 1.
    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        with _until_reader_leaves():
            return super().make_context(*args, **kwargs)

    def invoke(self, ctx: click.Context) -> Any:
        with _until_reader_leaves():
            return super().invoke(ctx)


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
    from .sitedir import SiteDirError

    try:
        return action()
    except BrokenPipeError:
        raise  # the reader of the output left: `run` stops quietly
    except DataError as exc:
        _fail([str(p) for p in exc.problems])
    except (AsOfError, CalendarGap, BuildError, SiteDirError) as exc:
        _fail(str(exc).splitlines())
    except OSError as exc:
        _fail(os_error_line(exc))


def os_error_line(exc: OSError, site_dir: Path | None = None) -> str:
    """One Chinese line for a failure of the machine (disk, permissions), naming the path and what to do.

    With `site_dir`, a path in the build's staging folder is named as the site folder it becomes.
    """
    code = errno.errorcode.get(exc.errno or 0, "")
    # A copy that fills the disk names its source first (shutil sets filename to the
    # file read, filename2 to the one written): the full disk is where it was written.
    written = exc.filename2 if code in ("ENOSPC", "EDQUOT", "EROFS") else None
    where = written or exc.filename or M.OS_ERROR_WHERE
    if site_dir is not None and (written or exc.filename):
        from .sitedir import shown_path

        where = shown_path(str(where), site_dir)
    advice = M.OS_ERRORS.get(code) or M.OS_ERROR_OTHER.format(reason=exc.strerror or exc)
    return f"{where}：{advice}"


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
    from . import content, publication_record
    from .notices import draft_warnings, load_drafts
    from .workcalendar import stale_warning

    def run() -> None:
        dataset, calendar, warnings = load_dataset_with_warnings(root)
        if odd := content.special_files(root):  # what would hang the build's MkDocs
            raise DataError(odd)
        today = resolve_as_of(None)
        records = _live_records(root)
        dated = dated_problems(dataset, today, _listed(records))
        # What the next live build would refuse: the live site's record checked as the build checks it (read only).
        refused = dict.fromkeys(line for r in records for line in publication_record.refusals(r, dataset, calendar, today))
        if (errors := [p for p in dated if not p.warning]) or refused:
            _fail([*(str(p) for p in errors), *refused])
        warnings = sorted(warnings + dated)
        for problem in warnings:
            click.echo(str(problem), err=True)
        for problem in task_events.warnings(dataset, calendar, today):
            click.echo(str(problem), err=True)
        warning = stale_warning(calendar, today)
        if warning:
            click.echo(f"{M.WARNING}{warning}", err=True)
        drafts = load_drafts(root / "data", root, dataset.plans, calendar)
        for problem in draft_warnings(drafts):
            click.echo(str(problem), err=True)
        tasks = sum(len(p.tasks) for p in dataset.plans)
        click.echo(
            M.CLI_OK.format(
                plans=len(dataset.plans), tasks=tasks, notices=len(dataset.notices), reports=len(dataset.progress)
            )
        )
        if drafts:
            ready = sum(1 for d in drafts if d.complete)
            click.echo(M.CLI_DRAFTS_OK.format(count=len(drafts), ready=ready))

    _guarded(run)


@main.command(help=M.HELP_BUILD)
@click.option("--as-of", "as_of", metavar="YYYY-MM-DD", help=M.HELP_BUILD_AS_OF)
@click.option(
    "--site-dir", type=click.Path(file_okay=False, path_type=Path), default=None, metavar="文件夹", help=M.HELP_SITE_DIR
)
@click.option("--preview", is_flag=True, help=M.HELP_PREVIEW)
@click.option("--rebuild-record", "rebuild_record", is_flag=True, help=M.HELP_REBUILD_RECORD)
@click.pass_obj
def build(root: Path, as_of: str | None, site_dir: Path | None, preview: bool, rebuild_record: bool) -> None:
    from .asof import live_as_of
    from .build import BuildError, build_site

    def run() -> None:
        day = resolve_as_of(as_of) if preview else live_as_of(as_of)
        target = site_dir or (root / "preview" / day.isoformat() if preview else root / "site")

        def waiting() -> None:
            click.echo(M.CLI_BUILD_WAITING, err=True)

        def say(line: str) -> None:
            click.echo(line, err=True)

        said = _MkDocsLog()
        mkdocs_log = logging.getLogger("mkdocs")
        mkdocs_log.addHandler(said)
        try:
            generated = build_site(
                root, day, target, live=not preview, rebuild_record=rebuild_record, say=say, on_wait=waiting
            )
        except BuildError as exc:
            _fail(_build_failure(exc, said))
        except OSError as exc:
            _fail(os_error_line(exc, target))
        finally:
            mkdocs_log.removeHandler(said)
        for rel in generated.written.hand_written:
            click.echo(M.CLI_KEPT.format(path=rel))
        click.echo((M.PREVIEW_BUILT if preview else M.CLI_BUILT).format(target=target, day=day.isoformat()))

    _guarded(run)


@main.command(help=M.HELP_CLEAN)
@click.pass_obj
def clean(root: Path) -> None:
    from .buildlock import project_lock
    from .publication_record import PREVIEW, marker_mode
    from .sitedir import Journal

    def run() -> None:
        with project_lock(root, lambda: click.echo(M.CLI_BUILD_WAITING, err=True)):
            journal = Journal(root)
            count = len(journal.leftovers())
            journal.remove_leftovers()
            an_hour_ago = time.time() - 3600
            for folder in (root / "data", root / M.OFFICER_OUTPUT_DIR):
                for temp in atomicfile.leftovers(folder, older_than=an_hour_ago) if folder.is_dir() else []:
                    if temp.is_dir() and not temp.is_symlink():
                        shutil.rmtree(temp)
                    else:
                        temp.unlink()
                    count += 1
            previews = root / "preview"
            for folder in sorted(previews.iterdir()) if previews.is_dir() else []:
                if folder.is_dir() and not folder.is_symlink() and marker_mode(folder) == PREVIEW:
                    shutil.rmtree(folder)
                    count += 1
        click.echo(M.CLEANED.format(count=count))

    _guarded(run)


@main.command(help=M.HELP_SERVE)
@click.option("--as-of", "as_of", metavar="YYYY-MM-DD", help=M.HELP_AS_OF)
@click.option("--dev-addr", default="127.0.0.1:8000", show_default=True, metavar="地址:端口", help=M.HELP_DEV_ADDR)
@click.pass_obj
def serve(root: Path, as_of: str | None, dev_addr: str) -> None:
    import os

    from mkdocs.commands.serve import serve as mkdocs_serve

    from .build import project_config

    def run() -> None:
        day = resolve_as_of(as_of)
        if (split := bare_ipv6_with_port(dev_addr)) is not None:
            _fail(M.SERVE_ADDR_IPV6_BRACKETS.format(addr=dev_addr, host=split[0], port=split[1]))
        address = dev_address(dev_addr)
        if address is None:
            _fail(M.SERVE_ADDR_FORM.format(addr=dev_addr))
        host, port = address
        project_config(root)  # a missing or broken mkdocs.yml or content/ is one line, not MkDocs' English
        os.environ["GONGSHI_AS_OF"] = day.isoformat()
        os.chdir(root)
        try:
            mkdocs_serve(
                config_file=str(root / "mkdocs.yml"), open_in_browser=False, dev_addr=mkdocs_address(host, port)
            )
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                other = mkdocs_address(host, port + 1 if port < 65535 else DEFAULT_PORT)
                _fail(M.SERVE_PORT_BUSY.format(addr=dev_addr, port=port, other=other))
            if exc.errno in (errno.EADDRNOTAVAIL, errno.EACCES, errno.EAFNOSUPPORT):  # EAFNOSUPPORT: no IPv6 here
                _fail(M.SERVE_ADDR_UNUSABLE.format(addr=dev_addr))
            raise

    _guarded(run)


DEFAULT_PORT = 8000


def dev_address(text: str) -> tuple[str, int] | None:
    """`--dev-addr` as (host, port), or None where MkDocs would refuse it in English.

    Accepted: `地址:端口` with an IPv4 address or localhost, `[IPv6]:端口`, and an address
    alone (`127.0.0.1`, `::1`, `[::1]`) on port 8000. A bare IPv6 address never carries a
    port: its last group could not be told from one.
    """
    bracketed = re.fullmatch(r"\[([^\]]+)\](?::([0-9]+))?", text)
    if bracketed:
        host, port = bracketed[1], bracketed[2]
    elif text.count(":") > 1:
        host, port = text, None
    else:
        host, colon, given = text.partition(":")
        if colon and not re.fullmatch(r"[0-9]+", given):
            return None
        port = given if colon else None
    try:
        if bracketed or ":" in host:
            host = str(ipaddress.IPv6Address(host))
        elif host != "localhost":
            host = str(ipaddress.IPv4Address(host))
    except ValueError:
        return None
    number = DEFAULT_PORT if port is None else int(port)
    return (host, number) if 0 < number < 65536 else None


def bare_ipv6_with_port(text: str) -> tuple[str, str] | None:
    """(address, port) when `text` reads as an IPv6 address and a port without brackets (`::1:8124`).

    Such a text is itself an IPv6 address (::1:8124), on which no preview
    can listen; what was meant is [::1]:8124, so it is asked for in brackets.
    """
    found = re.fullmatch(r"([0-9A-Fa-f:]*:[0-9A-Fa-f:]*):([0-9]{1,5})", text)
    if found is None or text.startswith("["):
        return None
    try:
        ipaddress.IPv6Address(found[1])
    except ValueError:
        return None
    return found[1], found[2]


def mkdocs_address(host: str, port: int) -> str:
    """The address as MkDocs' dev_addr reads it: an IPv6 host in brackets."""
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


@main.command(help=M.HELP_WORKDAYS)
@click.argument("start", metavar="开始日期")
@click.option(
    "--days", default=MIN_WORKDAYS, show_default=True, type=click.IntRange(min=1), metavar="工作日数", help=M.HELP_DAYS
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


@main.group("plan", help=M.HELP_PLAN_GROUP)
def plan_group() -> None:
    pass


@plan_group.command("import", help=M.HELP_PLAN_IMPORT)
@click.argument("file", metavar="文件", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--id", "plan_id", required=True, metavar="方案编号", help=M.HELP_PLAN_IMPORT_ID)
@click.option("--replace", is_flag=True, help=M.HELP_PLAN_REPLACE)
@click.pass_obj
def plan_import_command(root: Path, file: Path, plan_id: str, replace: bool) -> None:
    """Read a published plan into data/plans/ID/ (all files or none) and print what is left to check."""
    from . import plan_import
    from .schema import SLUG

    def run() -> None:
        if not SLUG.fullmatch(plan_id):
            _fail(M.PLAN_IMPORT_ID.format(plan=plan_id))
        data_dir = root / "data"
        plans_dir = data_dir / "plans"
        target = plans_dir / plan_id
        exists = target.exists() or target.is_symlink()
        if exists and not replace:
            _fail(M.PLAN_IMPORT_EXISTS.format(plan=plan_id))
        if exists:
            count = len([p for p in plans_dir.iterdir() if p.is_dir() and not p.name.startswith(".")])
            records = plan_import.plan_records(data_dir, plan_id, count)
            if records:
                shown = "、".join(str(r.relative_to(root)) for r in records[:3]) + ("…" if len(records) > 3 else "")
                _fail(M.PLAN_IMPORT_HAS_RECORDS.format(plan=plan_id, records=shown))
        try:
            lines = plan_import.read_lines(file)
            imported = plan_import.import_plan(lines, plan_import.known_slugs(plans_dir))
        except plan_import.ImportFailed as exc:
            _fail(str(exc))
        texts = plan_import.files(imported, file.name)
        plans_dir.mkdir(parents=True, exist_ok=True)
        kept = _write_plan_folder(plans_dir, plan_id, texts, exists)
        for line in plan_import.review(imported, imported.notes):
            click.echo(line)
        click.echo(M.PLAN_IMPORT_WROTE.format(plan=plan_id))
        if kept is not None:
            click.echo(M.PLAN_IMPORT_KEPT_OLD.format(old=kept))

    _guarded(run)


def _write_plan_folder(plans_dir: Path, plan_id: str, texts: dict[str, str], replace: bool) -> str | None:
    """Every file into a hidden folder beside the plan's, then one rename: a failure leaves no plan folder behind.

    Replacing swaps the new folder in (RENAME_EXCHANGE) and keeps the old one, hidden, as .<id>.replaced-<time>.
    """
    import secrets
    import tempfile

    temp = Path(tempfile.mkdtemp(prefix=f".{plan_id}{atomicfile.TEMP_MARK}", dir=plans_dir))
    target = plans_dir / plan_id
    try:
        os.chmod(temp, 0o755)
        for name, text in texts.items():
            atomicfile.write_text(temp / name, text, replace=False)
        if not replace:
            atomicfile.move(temp, target)
            return None
        kept = f".{plan_id}.replaced-{dt.datetime.now():%Y%m%d%H%M%S}-{secrets.token_hex(2)}"
        if atomicfile.renameat2(temp, target, atomicfile.RENAME_EXCHANGE):
            atomicfile.move(temp, plans_dir / kept)  # temp now holds the old plan
        else:
            atomicfile.move(target, plans_dir / kept)
            atomicfile.move(temp, target)
        return kept
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise


@main.group(help=M.HELP_EXPORT)
def export() -> None:
    pass


@export.command("tasks", help=M.HELP_EXPORT_TASKS)
@click.option("--as-of", "as_of", metavar="YYYY-MM-DD", help=M.HELP_AS_OF)
@click.option("--out", "out_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              metavar=M.METAVAR_JSON, help=M.HELP_EXPORT_OUT)
@click.option("--force", is_flag=True, help=M.HELP_FORCE)
@click.pass_obj
def export_tasks(root: Path, as_of: str | None, out_file: Path | None, force: bool) -> None:
    """The tasks' open data: to standard output (for a pipe), or with --out into a file an officer keeps."""
    from .pages import json_text
    from .status import snapshot

    def run() -> None:
        day = resolve_as_of(as_of)
        target, shown = _officer_target(root, out_file, M.EXPORT_TASKS_FILE, ".json", force) if out_file else (None, "")
        dataset, calendar = load_dataset(root)
        data = opendata.tasks(dataset, snapshot(dataset, day, calendar))
        text = json_text(data)
        if target is None:
            click.echo(text, nl=False)
            return
        _write_officer_file(target, text.encode("utf-8"), shown, force)
        click.echo(M.CLI_EXPORT_WRITTEN.format(path=shown, count=sum(len(p.tasks) for p in dataset.plans)))

    _guarded(run)


# --- 验收销号公示 (close-out notices) ------------------------------------------------


@main.group(help=M.HELP_NOTICE)
def notice() -> None:
    pass


@notice.command("new", help=M.HELP_NOTICE_NEW)
@click.option("--task", "task_no", type=int, required=True, metavar="N", help=M.HELP_TASK)
@click.option("--start", required=True, metavar="YYYY-MM-DD", help=M.HELP_START)
@click.option("--scope", multiple=True, metavar=M.METAVAR_BANNER, help=M.HELP_SCOPE)
@click.option("--plan", "plan_id", default=None, metavar="方案编号", help=M.HELP_PLAN)
@click.pass_obj
def notice_new(root: Path, task_no: int, start: str, scope: tuple[str, ...], plan_id: str | None) -> None:
    from .errors import display_path
    from .load import load_plans
    from .notices import acceptance_missing, draft_name, draft_text, drafts_dir, notices_dir

    def run() -> None:
        day = _date_argument(start, "--start")
        data_dir = root / "data"
        problems = Problems()
        calendar = WorkCalendar.load(data_dir / "calendar", root, problems)
        plans = load_plans(data_dir, root, problems)
        if problems.errors:
            raise DataError(problems.sorted())
        plan = _chosen_plan(plans, plan_id)
        task = _chosen_task(plan, task_no)
        if missing := acceptance_missing(task):
            _fail(M.CLI_OPTION.format(option="--task", problem=missing))
        banners = _chosen_scope(plan, task, scope)
        try:
            workday = calendar.is_workday(day)
            if not workday:
                following = calendar.next_workday(day).isoformat()
                _fail(M.CLI_NOT_WORKDAY.format(day=day.isoformat(), weekday=WEEKDAYS[day.weekday()], next=following))
            window = calendar.window(day, MIN_WORKDAYS)
        except CalendarGap as gap:
            _fail(M.CLI_GAP.format(gap=gap))
        slug_of = {b.name: b.slug for b in plan.banners}
        slugs = [slug_of[name] for name in banners]
        file_name = f"{draft_name(plan.id if len(plans) > 1 else None, task.no, day, slugs)}.yaml"
        path = drafts_dir(data_dir) / file_name
        shown = display_path(path, root)
        for existing in (path, notices_dir(data_dir) / file_name):
            if existing.exists():
                _fail(M.CLI_EXISTS.format(path=display_path(existing, root)))
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            atomicfile.write_text(path, draft_text(plan, task, banners, window), replace=False)
        except FileExistsError:
            _fail(M.CLI_EXISTS.format(path=shown))
        click.echo(M.CLI_WROTE.format(path=shown))
        click.echo(M.CLI_PERIOD.format(start=window.start.isoformat(), end=window.end.isoformat(), days=window.days))
        click.echo(M.CLI_WORKDAYS + " ".join(d.isoformat() for d in window.workdays))
        click.echo(M.CLI_NEXT.format(path=shown))

    _guarded(run)


def _chosen_plan(plans: list[Plan], plan_id: str | None) -> Plan:
    if plan_id is not None:
        try:
            return plan_by_id(plans, plan_id)
        except NotFound as exc:
            _fail(M.CLI_OPTION.format(option="--plan", problem=exc))
    if len(plans) > 1:
        _fail(M.CLI_SEVERAL_PLANS.format(count=len(plans), known="、".join(p.id for p in plans)))
    return plans[0]


def _chosen_task(plan: Plan, task_no: int) -> Task:
    try:
        return plan.task_by_number(task_no)
    except NotFound as exc:
        _fail(M.CLI_OPTION.format(option="--task", problem=exc))


def _chosen_banner(plan: Plan, name: str) -> None:
    try:
        plan.banner_by_name(name)
    except NotFound as exc:
        _fail(M.CLI_OPTION.format(option="--scope", problem=exc))


def _chosen_scope(plan: Plan, task: Task, scope: tuple[str, ...]) -> tuple[str, ...]:
    """The named 旗区 in the task's order; refuses any that is not one of the task's."""
    for name in scope:
        try:
            plan.banner_of_task(task, name)
        except NotFound as exc:
            _fail(M.CLI_OPTION.format(option="--scope", problem=exc))
    return tuple(b for b in task.banners if b in scope)


@notice.command("list", help=M.HELP_NOTICE_LIST)
@click.option("--as-of", "as_of", metavar="YYYY-MM-DD", help=M.HELP_AS_OF)
@click.pass_obj
def notice_list(root: Path, as_of: str | None) -> None:
    from .notice_status import NoticeState, notice_statuses
    from .notices import load_drafts

    def run() -> None:
        day = resolve_as_of(as_of)
        dataset, calendar = load_dataset(root)
        statuses = notice_statuses(dataset, calendar, day)
        drafts = load_drafts(root / "data", root, dataset.plans, calendar)

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
                o.received.isoformat() for o in n.objections if o.outcome is Outcome.PENDING
            )),
        )
        click.echo(M.CLI_DRAFTS)
        for draft in drafts:
            if draft.complete and draft.notice is not None:
                detail = M.CLI_DRAFT_READY.format(start=draft.notice.start.isoformat(), path=draft.source)
            else:
                detail = M.CLI_DRAFT_TODO.format(count=sum(1 for p in draft.problems if not p.warning))
            click.echo(f"  {draft.source}  {detail}")
        if not drafts:
            click.echo(M.CLI_NONE)
        _approaching(dataset, calendar, day, statuses, drafts)

    _guarded(run)


def _approaching(dataset: Any, calendar: Any, day: Any, statuses: Any, drafts: Any) -> None:
    """临近时限 by 责任单位 (预判, 附件 二（二）), for 提醒函: queued notices and complete drafts count as under way."""
    from .notice_status import NoticeState
    from .plan_text import numbered_measures
    from .status import WARN_DAYS, approaching, snapshot, warned_units
    from .titles import scope_words

    under_way = [
        (n.notice.plan_id, n.notice.task_no, part) for n in statuses if n.state is NoticeState.QUEUED for part in n.covers
    ]
    for draft in drafts:
        if draft.complete and draft.notice is not None:
            plan = dataset.plan(draft.notice.plan_id)
            task = plan.task(draft.notice.task_no) if plan else None
            parts = draft.notice.scope or (task.banners if task else ()) or ("",)
            under_way += [(draft.notice.plan_id, draft.notice.task_no, part) for part in parts]
    snap = snapshot(dataset, day, calendar)
    near = approaching(snap, [t for plan in dataset.plans for t in plan.tasks], under_way=under_way)
    click.echo(M.CLI_APPROACHING.format(days=WARN_DAYS))
    by_unit: dict[str, list[str]] = {}
    for a in near:
        line = M.CLI_APPROACHING_DETAIL.format(
            task=a.task.no, parts=scope_words(a.banners), due=a.due.isoformat(), days=a.days,
        )
        if a.measures:
            numbered = numbered_measures(a.task.measures)
            line += M.CLI_APPROACHING_MEASURE.format(
                ordinals="、".join(numbered[no - 1][0] for no, _ in a.measures),
                words="、".join(dict.fromkeys(words for _, words in a.measures)),
            )
        for unit in warned_units(a.task) or (M.NONE,):  # as the site's unit pages list it
            by_unit.setdefault(unit, []).append(line)
    for unit, lines in by_unit.items():
        click.echo(f"  {unit}")
        for line in lines:
            click.echo(f"    {line}")
    if not near:
        click.echo(M.CLI_NONE)


@notice.command("ready", help=M.HELP_NOTICE_READY)
@click.argument("file", metavar="草稿文件")
@click.pass_obj
def notice_ready(root: Path, file: str) -> None:
    from . import publication_record
    from .errors import display_path
    from .notices import drafts_dir, notices_dir, read_draft

    def run() -> None:
        data_dir = root / "data"
        path = _draft_path(root, file)
        shown = display_path(path, root)
        if not path.is_file() or path.parent.resolve() != drafts_dir(data_dir).resolve():
            _fail(M.CLI_READY_NOT_DRAFT.format(path=file))
        dataset, calendar = load_dataset(root)
        draft = read_draft(path, shown, dataset.plans, calendar)
        errors = [str(p) for p in draft.problems if not p.warning]
        if errors or draft.notice is None:
            _fail([*errors, M.CLI_READY_REFUSED.format(path=shown)])
        today = resolve_as_of(None)
        records = _live_records(root)
        notice = draft.notice
        if notice.start < today and notice.published_elsewhere is None:
            earliest = publication_record.earliest_start(max((r.as_of for r in records), default=None), today, calendar)
            _fail(M.CLI_READY_PAST.format(
                path=shown, start=notice.start.isoformat(), today=today.isoformat(), earliest=earliest.isoformat()
            ))
        # The next live build refuses a notice starting on or before the day the live site was built for.
        if backdated := [line for r in records if (line := publication_record.backdated_start(r, notice, today, calendar))]:
            _fail([*backdated, M.CLI_READY_REFUSED.format(path=shown)])
        target = notices_dir(data_dir) / path.name
        if target.exists():
            _fail(M.CLI_READY_EXISTS.format(path=display_path(target, root)))
        try:  # read as if in data/notices/, with the other notices: overlapping windows are found only together
            together, _ = load_dataset(root, also_notice=(path, shown))
        except DataError as exc:
            _fail([*(str(p) for p in exc.problems), M.CLI_READY_REFUSED.format(path=shown)])
        # What tonight's build will say of it among the others (an objection still being verified…), as `check` does.
        dated = [p for p in dated_problems(together, today, _listed(records)) if p.path == shown]
        if errors := [str(p) for p in dated if not p.warning]:
            _fail([*errors, M.CLI_READY_REFUSED.format(path=shown)])
        target.parent.mkdir(parents=True, exist_ok=True)
        try:  # one rename: killed at any instant, the file is in data/drafts/ or in data/notices/, whole
            atomicfile.move(path, target)
        except FileExistsError:
            _fail(M.CLI_READY_EXISTS.format(path=display_path(target, root)))
        for problem in sorted([*draft.problems, *dated]):
            click.echo(str(problem), err=True)
        click.echo(M.CLI_READY_MOVED.format(path=display_path(target, root), start=draft.notice.start.isoformat()))

    def locked() -> None:  # check and move under the project's lock: two overlapping drafts readied at once
        from .buildlock import project_lock

        with project_lock(root, lambda: click.echo(M.CLI_READY_WAITING, err=True)):
            run()

    _guarded(locked)


def _draft_path(root: Path, file: str) -> Path:
    """The draft an officer names: a path (from here or the project), or just its file name in data/drafts/."""
    from .notices import drafts_dir

    given = Path(file)
    folder = drafts_dir(root / "data")
    for candidate in (given, root / given, folder / given.name, folder / f"{given.name}.yaml"):
        if candidate.is_file():
            return candidate
    return given


# --- 验收销号材料 (the appendix's four forms) ------------------------------------------


@main.command("forms", help=M.HELP_FORMS)
@click.option("--task", "task_no", type=int, required=True, metavar="N", help=M.HELP_TASK)
@click.option("--scope", multiple=True, metavar=M.METAVAR_BANNER, help=M.HELP_FORMS_SCOPE)
@click.option("--plan", "plan_id", default=None, metavar=M.METAVAR_PLAN, help=M.HELP_PLAN_ID)
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              metavar=M.METAVAR_FOLDER, help=M.HELP_FORMS_OUT)
@click.option("--force", is_flag=True, help=M.HELP_FORCE)
@click.pass_obj
def forms_command(root: Path, task_no: int, scope: tuple[str, ...], plan_id: str | None, out_dir: Path | None,
                  force: bool) -> None:
    """The appendix's four forms for a task, filled with what the plan and its notice already say."""
    from . import forms, officer_files
    from .errors import display_path

    def run() -> None:
        dataset, _ = load_dataset(root)
        plan = _chosen_plan(list(dataset.plans), plan_id)
        task = _chosen_task(plan, task_no)
        banners = _chosen_scope(plan, task, scope)
        notice = forms.latest_notice(dataset.notices, task, banners)
        fs = forms.FormSet(plan, task, banners, notice)
        folder = out_dir if out_dir is not None else root / forms.default_folder(fs, len(dataset.plans) > 1)
        shown_folder = officer_files.typed_path(out_dir, root) if out_dir is not None else display_path(folder, root)
        try:
            if folder.exists() and not folder.is_dir():
                raise officer_files.OutputError(M.OUT_NOT_FOLDER.format(path=shown_folder))
            officer_files.check_place(root, folder / "x", shown_folder, force=True, live_sites=_live_site_dirs(root))
        except officer_files.OutputError as exc:
            _fail(str(exc))
        try:
            written = forms.write(fs, folder, force)
        except FileExistsError as exc:
            _fail([M.OUT_EXISTS.format(path=display_path(p, root)) for p in exc.args[0]])
        click.echo(M.CLI_FORMS_WRITTEN.format(task=task.no, count=len(written), folder=shown_folder))
        for path in written:
            click.echo(f"  {path.name}")
        if not task.has_acceptance_units:
            click.echo(M.CLI_FORMS_NO_ACCEPTANCE_UNIT.format(task=task.no, file=task.source))
        if notice is not None:
            click.echo(M.CLI_FORMS_FROM_NOTICE.format(notice=notice.id))
        else:
            click.echo(M.CLI_FORMS_NO_NOTICE.format(word=plan.subunit_word))
        click.echo(M.CLI_FORMS_SIGN)

    _guarded(run)


# --- 整改台账 (the ledger in Excel) ------------------------------------------------------


@main.group(help=M.HELP_LEDGER)
def ledger() -> None:
    """The ledger in Excel."""


@ledger.command("export", help=M.HELP_LEDGER_EXPORT)
@click.option("--out", "out_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              metavar=M.METAVAR_XLSX, help=M.HELP_LEDGER_OUT)
@click.option("--as-of", "as_of", metavar="YYYY-MM-DD", help=M.HELP_LEDGER_AS_OF)
@click.option("--force", is_flag=True, help=M.HELP_FORCE)
@click.pass_obj
def ledger_export(root: Path, out_file: Path | None, as_of: str | None, force: bool) -> None:
    """The ledger as of a day, the same workbook the site offers for download."""
    from . import ledger as ledger_mod
    from . import status

    def run() -> None:
        day = resolve_as_of(as_of)
        target, shown = _officer_target(root, out_file, ledger_mod.FILE_NAME, ".xlsx", force)
        dataset, calendar = load_dataset(root)
        snap = status.snapshot(dataset, day, calendar)
        _write_officer_file(target, ledger_mod.ledger_bytes(dataset, snap), shown, force)
        rows = sum(len(ledger_mod.rows(plan, snap)) for plan in dataset.plans)
        click.echo(M.CLI_LEDGER_WRITTEN.format(path=shown, year=day.year, month=day.month, day=day.day, rows=rows))

    _guarded(run)


# --- 年度整改进展 in Excel (template out, filled workbooks in) ------------------------


@main.group("progress", help=M.HELP_PROGRESS)
def progress_group() -> None:
    """Yearly progress in Excel: a template out, filled workbooks in."""


def _report_path(root: Path, year: int, plan_id: str, several: bool) -> Path:
    """The report file that exists (plan-suffixed or not); a new one named as the site names reports."""
    folder = root / "data" / "progress"
    named, bare = folder / f"{year}-{plan_id}.yaml", folder / f"{year}.yaml"
    for candidate in (named, bare) if several else (bare, named):
        if candidate.exists() or candidate.is_symlink():
            return candidate
    return named if several else bare


def _live_records(root: Path) -> list[Any]:
    """The publication record of every live site of the project (none when no site was built).

    A live site whose record cannot be read (or is marked preview) stops the
    command as it stops the live build: with the problem and how to recover.
    """
    from . import publication_record, sitedir
    from .build import BuildError

    configured: Path | None = None
    try:
        from .generate import project_config

        configured = Path(project_config(root)["site_dir"])
    except BuildError:  # no mkdocs.yml: the project's default site folder and those a live build went to
        configured = root / "site"
    found = []
    for site in sitedir.live_sites(root, configured):
        try:
            record = publication_record.read_live(site, site)
        except publication_record.RecordError as exc:
            _fail(publication_record.recovery(exc))
        if record is not None:
            found.append(record)
    return found


def _listed(records: list[Any]) -> frozenset[str] | None:
    """The notices the project's live sites have published, by their record; None when it has no live site."""
    return frozenset(n for r in records for n in r.notices) if records else None


def _published_on(root: Path, dataset: Any, plan: Plan, year: int) -> tuple[dt.date, str] | None:
    """When the report was published, and by what: listed in a live site's record, or its date has come.

    "Come" is judged by the later of today (Beijing wall clock, never SOURCE_DATE_EPOCH) and the
    live site's as-of date, so a clock set back cannot reopen a published report.
    """
    from .asof import beijing_today

    records = _live_records(root)
    for record in records:
        if (plan.id, year) in record.reports:
            return record.reports[(plan.id, year)], M.RECORD_SOURCE_SITE
    latest = max([beijing_today(), *(r.as_of for r in records)])
    existing = next((r for r in dataset.progress if r.year == year and r.plan_id == plan.id), None)
    if existing is not None and existing.published <= latest:
        return existing.published, M.RECORD_SOURCE_DATE
    return None


def _check_year(root: Path, dataset: Any, plan: Plan, year: int) -> None:
    """Years run from the first year of the yearly disclosure to the as-of year plus one."""
    from .asof import beijing_today

    years = [r.year for r in dataset.progress if r.plan_id == plan.id]
    first = min([*years, plan.inspection.report_date.year + 1])
    last = max([beijing_today(), *(r.as_of for r in _live_records(root))]).year + 1
    if not first <= year <= last:
        _fail(M.REPORT_YEAR_RANGE.format(plan=plan.id, first=first, last=last, year=year))


def _officer_target(root: Path, out: Path | None, default_name: str, suffix: str, force: bool) -> tuple[Path, str]:
    """Where an officer's file goes (输出/ unless --out), checked by officer_files' rules; fails in one line."""
    from . import officer_files
    from .errors import display_path

    target = out if out is not None else officer_files.default_path(root, default_name)
    shown = officer_files.typed_path(out, root) if out is not None else display_path(target, root)
    try:
        officer_files.check_target(root, target, shown, suffix, force=force, live_sites=_live_site_dirs(root),
                                   example=default_name)
    except officer_files.OutputError as exc:
        _fail(str(exc))
    return target, shown


def _live_site_dirs(root: Path) -> tuple[Path, ...]:
    from . import sitedir

    return sitedir.live_sites(root, root / "site")


def _write_officer_file(target: Path, data: bytes, shown: str, force: bool) -> None:
    from . import officer_files

    try:
        officer_files.write(target, data, shown, force=force)
    except officer_files.OutputError as exc:
        _fail(str(exc))


@progress_group.command("template", help=M.HELP_PROGRESS_TEMPLATE)
@click.option("--year", type=int, required=True, metavar=M.METAVAR_YEAR, help=M.HELP_PROGRESS_YEAR)
@click.option("--scope", multiple=True, metavar=M.METAVAR_BANNER, help=M.HELP_PROGRESS_SCOPE)
@click.option("--unit", default=None, metavar=M.METAVAR_UNIT, help=M.HELP_PROGRESS_UNIT)
@click.option("--plan", "plan_id", default=None, metavar=M.METAVAR_PLAN, help=M.HELP_PLAN_ID)
@click.option("--out", "out_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              metavar=M.METAVAR_XLSX, help=M.HELP_PROGRESS_OUT)
@click.option("--force", is_flag=True, help=M.HELP_FORCE)
@click.pass_obj
def progress_template(root: Path, year: int, scope: tuple[str, ...], unit: str | None,
                      plan_id: str | None, out_file: Path | None, force: bool) -> None:
    """The yearly progress template: the plan's text locked, statuses from a list, recorded progress filled in."""
    from . import progress_sheet

    def run() -> None:
        dataset, _ = load_dataset(root)
        plan = _chosen_plan(list(dataset.plans), plan_id)
        for name in scope:
            _chosen_banner(plan, name)
        if unit is not None and not any(unit in t.responsible.units for t in plan.tasks):
            _fail(M.CLI_NOT_RESPONSIBLE.format(unit=unit))
        _check_year(root, dataset, plan, year)
        whom = "、".join([*scope, *([unit] if unit else [])])
        name = M.PROGRESS_TEMPLATE_FILE_FOR.format(year=year, whom=whom) if whom else M.PROGRESS_TEMPLATE_FILE.format(year=year)
        target, shown = _officer_target(root, out_file, name, ".xlsx", force)
        published = _published_on(root, dataset, plan, year)
        if published is not None:
            click.echo(M.CLI_TEMPLATE_PUBLISHED.format(year=year, day=chinese_date(published[0]), next=year + 1), err=True)
        report = next((r for r in dataset.progress if r.year == year and r.plan_id == plan.id), None)
        rows = progress_sheet.template_rows(plan, report, scope, unit)
        day = resolve_as_of(None)
        _write_officer_file(target, progress_sheet.template_bytes(plan, year, rows, day, scope, unit), shown, force)
        tasks = len({r.task for r in rows})
        click.echo(M.CLI_TEMPLATE_WRITTEN.format(path=shown, tasks=tasks, rows=len(rows)))
        if report is not None:
            click.echo(M.CLI_TEMPLATE_FILLED.format(source=report.source))
        if published is None:  # a published year's sheet is for reading: no import follows
            click.echo(M.CLI_TEMPLATE_NEXT)

    _guarded(run)


@progress_group.command("import", help=M.HELP_PROGRESS_IMPORT)
@click.argument(
    "files", nargs=-1, required=True, metavar=M.METAVAR_WORKBOOKS,
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
)
@click.option("--year", type=int, required=True, metavar=M.METAVAR_YEAR, help=M.HELP_PROGRESS_YEAR)
@click.option("--published", required=True, metavar="YYYY-MM-DD", help=M.HELP_PROGRESS_PUBLISHED)
@click.option("--plan", "plan_id", default=None, metavar=M.METAVAR_PLAN, help=M.HELP_PLAN_ID)
@click.pass_obj
def progress_import(root: Path, files: tuple[Path, ...], year: int, published: str, plan_id: str | None) -> None:
    """Filled progress workbooks (one or several) into the report not yet published in data/progress/."""
    from . import progress_sheet
    from .errors import display_path

    def run() -> None:
        day = _date_argument(published, "--published")
        dataset, _ = load_dataset(root)
        plan = _chosen_plan(list(dataset.plans), plan_id)
        _check_year(root, dataset, plan, year)
        target = _report_path(root, year, plan.id, len(dataset.plans) > 1)
        shown = display_path(target, root)
        existing = next((r for r in dataset.progress if r.year == year and r.plan_id == plan.id), None)
        published_on = _published_on(root, dataset, plan, year)
        if published_on is not None:
            _fail(M.REPORT_PUBLISHED_IN_RECORD.format(path=shown, year=year, day=chinese_date(published_on[0]),
                                                      source=published_on[1]))
        problems: list[str] = []
        names = [display_path(p, root) for p in files]
        filled = progress_sheet.read_workbooks(list(files), names, plan, problems, year)
        progress_sheet.changed_since(filled, existing, problems)
        if not problems and not filled.changes:
            if existing is None:
                _fail([f"{name}: {M.SHEET_EMPTY}" for name in names])
            click.echo(M.SHEET_NOTHING_CHANGED.format(path=shown))
            return
        document = progress_sheet.load_document(target)
        document = progress_sheet.merge(document, filled, plan, day, problems)
        if problems:
            _fail(problems)
        text = progress_sheet.yaml_text(document)
        try:
            found = progress_sheet.recheck(text, target.name, shown, root, list(dataset.plans), list(dataset.notices))
        except OSError as exc:  # the report is reread from a temporary copy: a full disk there is the report's
            raise OSError(exc.errno, exc.strerror, str(target)) from exc
        if [p for p in found if not p.warning]:
            _fail([str(p) for p in found])
        target.parent.mkdir(parents=True, exist_ok=True)
        atomicfile.write_text(target, text)  # whole or not at all: a full disk leaves the old file, named
        cells = len(filled.changes)
        verb = M.CLI_IMPORT_UPDATED if existing is not None else M.CLI_IMPORT_CREATED
        click.echo(M.CLI_IMPORT_DONE.format(verb=verb, path=shown, files=len(files), cells=cells))
        click.echo(M.CLI_IMPORT_NEXT)

    _guarded(run)


# --- 节假日安排: the State Council's yearly notice into data/calendar/<year>.yaml --------------


@main.group("calendar", help=M.HELP_CALENDAR)
def calendar_group() -> None:
    """The working-day calendar: a year's holiday notice into data/calendar/<year>.yaml."""


@calendar_group.command("import", help=M.HELP_CALENDAR_IMPORT)
@click.argument(
    "files", nargs=-1, required=True, metavar=M.METAVAR_NOTICE_FILES,
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
)
@click.option("--dry-run", "dry_run", is_flag=True, help=M.HELP_CALENDAR_DRY_RUN)
@click.option("--json", "as_json", is_flag=True, help=M.HELP_CALENDAR_JSON)
@click.pass_obj
def calendar_import(root: Path, files: tuple[Path, ...], dry_run: bool, as_json: bool) -> None:
    """One notice (or the yearly one and those that changed the year, in order), shown, then written or merged."""
    from . import holiday_notice as H
    from .errors import display_path
    from .workcalendar import library_years, read_year_file

    def run() -> None:
        notices: list[H.HolidayNotice] = []
        problems: list[Any] = []
        for path in files:
            name = display_path(path, root)
            text = H.read_text(path)
            if text is None:
                _fail(f"{name}: {M.NOTICE_FILE_ENCODING}")
            try:
                notices.append(H.parse(text, name))
            except H.NoticeError as exc:
                problems += exc.problems
        if problems:
            raise DataError(problems)
        first = notices[0]
        for notice in notices[1:]:
            if notice.year != first.year:
                _fail(f"{notice.file}: {M.NOTICE_OTHER_YEAR.format(year=notice.year, first=first.year)}")
            if notice.kind == H.YEARLY:
                _fail(f"{notice.file}: {M.NOTICE_SECOND_YEARLY.format(year=first.year)}")
        year = first.year
        target = root / "data" / "calendar" / f"{year}.yaml"
        shown = display_path(target, root)
        existing = None
        if target.exists():
            found = Problems()
            existing = read_year_file(target, shown, year, found)
            if found.errors:
                _fail([str(p) for p in found.sorted()] + [M.CAL_BAD_FILE.format(file=shown)])
        holidays: set[dt.date] = set()
        workdays: set[dt.date] = set()
        sources: list[str] = []
        corrects = existing.corrects if existing is not None else ""
        if first.kind == H.ADDITION:
            if existing is None:
                _fail(f"{first.file}: " + M.NOTICE_EXTENSION_NO_BASE.format(
                    year=year, title=M.OFFICIAL_NOTICE_TITLE.format(year=year)))
            holidays, workdays, sources = set(existing.holidays), set(existing.workdays), list(existing.sources)
        for notice in notices:
            if notice.title in sources:
                continue  # already applied to the file: never twice
            if (why := H.extension_problem(notice, holidays)) is not None:
                _fail(why)
            holidays, workdays = H.apply(notice, holidays, workdays)
            sources.append(notice.title)
        if as_json:
            days = {"year": year, "holidays": sorted(d.isoformat() for d in holidays),
                    "workdays": sorted(d.isoformat() for d in workdays)}
            click.echo(json.dumps(days, ensure_ascii=False))
        else:
            for notice in notices:
                for line in H.table_lines(notice):
                    click.echo(line)
            click.echo(M.CAL_TABLE_TOTAL.format(year=year, holidays=len(holidays), workdays=len(workdays)))
        if dry_run:
            if not as_json:
                click.echo(M.CAL_NOT_WRITTEN)
            return
        low, high = library_years()
        if low <= year <= high:
            _fail(M.CAL_COVERED.format(year=year, first=low, last=high, file=shown))
        if existing is not None:
            if (set(existing.holidays), set(existing.workdays), list(existing.sources)) == (holidays, workdays, sources):
                click.echo(M.CAL_UNCHANGED.format(file=shown), err=as_json)
                return
            if first.kind == H.YEARLY:
                _fail(M.CAL_EXISTS.format(file=shown, source=existing.source))
        target.parent.mkdir(parents=True, exist_ok=True)
        atomicfile.write_text(target, H.year_text(sources, holidays, workdays, corrects))
        done = M.CAL_WRITTEN.format(file=shown, year=year, holidays=len(holidays), workdays=len(workdays),
                                    sources="；".join(sources))
        click.echo(done, err=as_json)
        click.echo(M.CAL_NEXT, err=as_json)

    _guarded(run)
