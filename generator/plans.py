"""Reading one plan (`data/plans/<id>/plan.yaml` and `tasks.yaml`) into a `Plan`.

Both files are quoted on the site as the official text, so everything that
could make the site misquote or misattribute a task is refused here, each
problem naming its file, line and field: numbering gaps, tasks under a
problem that does not exist, deadlines or unit lists the site cannot read,
and unit names that match no entry of the plan's unit list.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from . import messages as M
from . import schema, yamlsrc
from .errors import Problems, display_path
from .model import (
    NO_UNITS,
    Appendix,
    Banner,
    Chapter,
    Deadline,
    Inspection,
    Plan,
    ProblemGroup,
    Section,
    Task,
    Unit,
    UnitRefs,
)
from .plan_text import measure_dates, parse_deadline, parse_units

SLUG = schema.SLUG
Named = TypeVar("Named", Banner, Unit)
Parsed = TypeVar("Parsed", Deadline, UnitRefs)


@dataclass
class _TaskRow:
    """A task as read from tasks.yaml, before it is placed under its chapter."""

    fields: yamlsrc.Fields
    line: int
    no: int
    problem_no: int
    problem: str | None
    goal: str | None
    measures: tuple[str, ...] | None
    responsible: UnitRefs | None
    acceptance: UnitRefs | None
    deadline: Deadline | None
    title: str | None = None
    other_units: tuple[str, ...] = ()


def load_plan(plan_dir: Path, root: Path, problems: Problems) -> Plan | None:
    """The plan in `plan_dir`, or None when any error was recorded for it."""
    errors_before = len(problems.errors)
    plan_id = plan_dir.name
    if not SLUG.fullmatch(plan_id):
        problems.add(display_path(plan_dir, root), 0, "", M.PLAN_FOLDER_NAME)
    plan_name = display_path(plan_dir / "plan.yaml", root)
    tasks_name = display_path(plan_dir / "tasks.yaml", root)

    plan_data = yamlsrc.load(plan_dir / "plan.yaml", plan_name, problems)
    if plan_data is None:
        yamlsrc.load(plan_dir / "tasks.yaml", tasks_name, problems)
        return None
    plan_fields = yamlsrc.Fields(plan_data, plan_name, problems, schema.PLAN)
    title = plan_fields.value("title")
    area = plan_fields.value("area")
    subunit_word = plan_fields.value("subunit_word") or schema.SUBUNIT_WORD
    inspection = _inspection(plan_fields.value("inspection"))
    preamble = plan_fields.value("preamble")
    requirements = _section(plan_fields.value("requirements"))
    tasks_intro = plan_fields.value("tasks_intro")
    chapters, problem_lines, chapters_ok = _chapters(plan_fields)
    safeguards = _sections(plan_fields, "safeguards")
    _, appendix = plan_fields.optional_record("appendix", _appendix)
    procedure = _sections(plan_fields, "procedure")
    banners, banners_ok, _ = _named(plan_fields, "banners", Banner)
    units, units_ok, unit_places = _named(plan_fields, "units", Unit)
    plan_fields.done()
    # With a name list plan.yaml does not give, every name in names.yaml is taken as listed (reported once there).
    readable = banners_ok and units_ok
    known = [b.name for b in banners] + [u.name for u in units] if readable else _AnyName()
    official = _official_names(plan_dir, root, known, problems, subunit_word)

    # A list plan.yaml does not give (missing, misspelt, not a list) is reported
    # once there; tasks are then not also checked against it, line by line.
    banner_names = [b.name for b in banners] if banners_ok else _AnyName()
    rows = _tasks(plan_dir / "tasks.yaml", tasks_name, banner_names, subunit_word, problems)
    task_numbers = _check_tasks(rows, problem_lines, plan_name, problems, chapters_ok)
    headings = {p.no: p.title for c in chapters for p in c.problems} if chapters_ok else None
    _check_titles(rows, headings, subunit_word)
    if units_ok:
        _check_units(rows, units, unit_places, problems, plan_name, warn_unused=len(problems.errors) == errors_before)

    if len(problems.errors) > errors_before:
        return None
    assert title and area and inspection and preamble and requirements and tasks_intro
    chapter_of = {p.no: c.no for c in chapters for p in c.problems}
    tasks = tuple(_task(plan_id, r, chapter_of[r.problem_no], tasks_name) for r in rows)
    chapters = [
        dataclasses.replace(
            c,
            problems=tuple(dataclasses.replace(p, task_numbers=tuple(task_numbers[p.no])) for p in c.problems),
        )
        for c in chapters
    ]
    return Plan(
        id=plan_id,
        title=title,
        area=area,
        inspection=inspection,
        preamble=preamble,
        requirements=requirements,
        tasks_intro=tasks_intro,
        chapters=tuple(chapters),
        safeguards=tuple(safeguards),
        procedure=tuple(procedure),
        banners=tuple(banners),
        units=tuple(units),
        tasks=tasks,
        appendix=appendix,
        official_names=official,
        subunit_word=subunit_word,
    )


def _official_names(
    plan_dir: Path, root: Path, known: Sequence[str], problems: Problems, word: str
) -> tuple[tuple[str, str], ...]:
    """names.yaml beside the plan, if any: each entry names a 旗区 or unit of the plan, once."""
    path = plan_dir / "names.yaml"
    if not path.exists() and not path.is_symlink():
        return ()
    name = display_path(path, root)
    data = yamlsrc.load(path, name, problems)
    if data is None:
        return ()
    fields = yamlsrc.Fields(data, name, problems, schema.NAMES)
    found: list[tuple[str, str]] = []
    lines: dict[str, int] = {}
    for entry in fields.records("names"):
        line = entry.line
        short, full = entry.value("name"), entry.value("full")
        if short and short not in known:
            entry.error(entry.line_of("name"), "name", M.OFFICIAL_NAME_UNKNOWN.format(name=short, word=word))
        elif short in lines:
            entry.error(entry.line_of("name"), "name", M.NAME_TAKEN.format(name=short, line=lines[short]))
        entry.done()
        if short and full and short in known and short not in lines:
            lines[short] = line
            found.append((short, full))
    fields.done()
    return tuple(found)


class _AnyName(tuple):
    """Stands for a name list that could not be read: every name is taken as listed."""

    def __contains__(self, name: object) -> bool:
        return True


def _task(plan_id: str, row: _TaskRow, chapter_no: int, source: str) -> Task:
    assert row.problem and row.goal and row.measures and row.responsible and row.acceptance and row.deadline
    return Task(
        plan_id=plan_id,
        no=row.no,
        chapter_no=chapter_no,
        problem_no=row.problem_no,
        problem=row.problem,
        goal=row.goal,
        measures=tuple(row.measures),
        responsible=row.responsible,
        acceptance=row.acceptance,
        deadline=row.deadline,
        source=source,
        line=row.line,
        measure_dates=tuple(measure_dates(m) for m in row.measures),
        title=row.title,
        other_units=row.other_units,
    )


def _inspection(fields: yamlsrc.Fields | None) -> Inspection | None:
    if fields is None:
        return None
    body, round_ = fields.value("body"), fields.value("round")
    start, end, report_date = fields.value("start"), fields.value("end"), fields.value("report_date")
    report_title = fields.value("report_title")
    if not fields.done() or not (body and round_ and start and end and report_date and report_title):
        return None
    if end < start:
        fields.error(fields.line_of("end"), "end", M.INSPECTION_END_BEFORE_START.format(end=end, start=start))
        return None
    return Inspection(body, round_, start, end, report_date, report_title)


def _section(fields: yamlsrc.Fields | None) -> Section | None:
    if fields is None:
        return None
    title = fields.value("title")
    paragraphs = fields.value("paragraphs")
    if paragraphs == ():
        fields.error(fields.line_of("paragraphs"), "paragraphs", M.GIVE_PARAGRAPH)
    if not fields.done() or not title or not paragraphs:
        return None
    return Section(title, tuple(paragraphs))


def _appendix(fields: yamlsrc.Fields) -> Appendix | None:
    """附件's title and opening paragraph; optional, as a plan may publish its procedure without them."""
    title, intro = fields.value("title"), fields.value("intro")
    if not fields.done() or not title or not intro:
        return None
    return Appendix(title, intro)


def _sections(fields: yamlsrc.Fields, name: str) -> list[Section]:
    found: list[Section] = []
    for item in fields.records(name):
        section = _section(item)
        if section:
            found.append(section)
    return found


def _chapters(fields: yamlsrc.Fields) -> tuple[list[Chapter], dict[int, tuple[int, str]], bool]:
    """Chapters numbered 1, 2, 3…, problems 1, 2, 3… across them, each problem's (line, field) by number,
    and whether the list itself could be read (`Records.ok`)."""
    chapters: list[Chapter] = []
    problem_lines: dict[int, tuple[int, str]] = {}
    written = fields.records("chapters")
    for chapter in written:
        no = chapter.value("no")
        title = chapter.value("title")
        if no is not None and no != len(chapters) + 1:
            chapter.error(chapter.line_of("no"), "no", M.EXPECTED_CHAPTER.format(expected=len(chapters) + 1, got=no))
        groups: list[ProblemGroup] = []
        for problem in chapter.records("problems"):
            problem_no = problem.value("no")
            problem_title = problem.value("title")
            note = problem.value("note") or ""
            if problem_no is not None and problem_no != len(problem_lines) + 1:
                expected = len(problem_lines) + 1
                problem.error(problem.line_of("no"), "no", M.EXPECTED_PROBLEM.format(expected=expected, got=problem_no))
            elif problem_no is not None:
                problem_lines[problem_no] = (problem.line, problem.where)
                if problem_title:
                    groups.append(ProblemGroup(problem_no, problem_title, note, ()))
            problem.done()
        if chapter.done() and no is not None and title:
            chapters.append(Chapter(no, title, tuple(groups)))
    return chapters, problem_lines, written.ok


def _named(
    fields: yamlsrc.Fields, name: str, kind: Callable[[str, str], Named]
) -> tuple[list[Named], bool, dict[str, tuple[int, int]]]:
    """Banners or units: unique names and unique slugs, as both become pages; whether the list itself
    could be read (`Records.ok`); and each name's (line, index in the list).

    An entry with a bad slug is still returned so tasks naming it are not
    also reported; any error makes the whole plan refused anyway.
    """
    found: list[Named] = []
    names: dict[str, int] = {}
    places: dict[str, tuple[int, int]] = {}
    slugs: dict[str, int] = {}
    written = fields.records(name)
    for index, entry in enumerate(written):
        line = entry.line
        entry_name, slug = entry.value("name"), entry.value("slug")
        if slug and not SLUG.fullmatch(slug):
            entry.error(entry.line_of("slug"), "slug", M.SLUG_FORM.format(slug=slug))
        elif slug in slugs:
            entry.error(entry.line_of("slug"), "slug", M.SLUG_TAKEN.format(slug=slug, line=slugs[slug]))
        if entry_name in names:
            entry.error(entry.line_of("name"), "name", M.NAME_TAKEN.format(name=entry_name, line=names[entry_name]))
        entry.done()
        if entry_name and entry_name not in names:
            names[entry_name] = line
            places[entry_name] = (line, index)
            found.append(kind(entry_name, slug or ""))
        if slug:
            slugs.setdefault(slug, line)
    return found, written.ok, places


def _tasks(path: Path, name: str, banner_names: Sequence[str], word: str, problems: Problems) -> list[_TaskRow]:
    data = yamlsrc.load(path, name, problems)
    if data is None:
        return []
    fields = yamlsrc.Fields(data, name, problems, schema.TASKS)
    rows: list[_TaskRow] = []
    written = fields.records("tasks")
    for task in written:
        line = task.line
        no = task.value("no")
        problem_no = task.value("problem_no")
        title = task.value("title")
        problem = task.value("problem")
        goal = task.value("goal")
        measures = task.value("measures")
        if measures == ():
            task.error(task.line_of("measures"), "measures", M.GIVE_MEASURE)
        responsible = _parsed(task, "responsible_units", lambda text: parse_units(text, banner_names, word))
        errors_before = len(problems.errors)
        acceptance = _parsed(task, "acceptance_units", lambda text: parse_units(text, banner_names, word))
        if acceptance is None and len(problems.errors) == errors_before:
            acceptance = NO_UNITS  # the plan names none: the task stands, its notices wait (notices.acceptance_missing)
        elif acceptance is not None and not acceptance.units:
            task.error(task.line_of("acceptance_units"), "acceptance_units", M.NO_ACCEPTANCE_UNIT)
        deadline = _parsed(task, "deadline", parse_deadline)
        other_units = tuple(task.value("other_units") or ())
        task.done()
        if no is not None and problem_no is not None:
            rows.append(_TaskRow(
                task, line, no, problem_no, problem, goal, measures, responsible, acceptance, deadline, title,
                other_units,
            ))
    if written.empty:
        fields.error(fields.line_of("tasks"), "tasks", M.GIVE_TASK)
    fields.done()
    return rows


def _parsed(fields: yamlsrc.Fields, name: str, parse: Callable[[str], Parsed]) -> Parsed | None:
    text = fields.value(name)
    if text is None:
        return None
    try:
        return parse(text)
    except ValueError as exc:
        fields.error(fields.line_of(name), name, str(exc))
        return None


def _check_titles(rows: list[_TaskRow], headings: dict[int, str] | None, word: str) -> None:
    """A task's title is a run of its own words (problem, goal or its problem's heading), and no two tasks share one.

    So a title never says more than the plan does, and a list or a feed never
    shows two tasks under the same name. With the headings unreadable (a
    problem already reported in plan.yaml) a title is not held against them.
    """
    first: dict[str, int] = {}
    for row in rows:
        if not row.title:
            continue
        fields, title = row.fields, row.title
        own = [text for text in (row.problem, row.goal, (headings or {}).get(row.problem_no)) if text]
        if len(title) > schema.TASK_TITLE_MAX_CHARS:
            message = M.TASK_TITLE_TOO_LONG.format(chars=len(title), limit=schema.TASK_TITLE_MAX_CHARS, word=word)
            fields.error(fields.line_of("title"), "title", message)
        elif headings is not None and not any(title in text for text in own):
            fields.error(fields.line_of("title"), "title", M.TASK_TITLE_NOT_OWN.format(title=title, no=row.no))
        elif title in first:
            fields.error(fields.line_of("title"), "title", M.TASK_TITLE_TWICE.format(title=title, no=first[title]))
        else:
            first[title] = row.no


def _check_units(
    rows: list[_TaskRow], units: list[Unit], places: dict[str, tuple[int, int]], problems: Problems, plan_name: str,
    warn_unused: bool,
) -> None:
    """Every unit a task names is listed in plan.yaml; every listed unit is named by a task."""
    listed = {u.name for u in units}
    used: set[str] = set()
    for row in rows:
        for name, refs in (("responsible_units", row.responsible), ("acceptance_units", row.acceptance)):
            if refs is None:
                continue
            used.update(refs.units)
            for unit in refs.units:
                if unit not in listed:
                    hint = schema.did_you_mean(unit, listed)
                    message = M.UNKNOWN_UNIT_IN_PLAN.format(unit=unit, file=plan_name, hint=hint)
                    row.fields.error(row.fields.line_of(name), name, message)
    if not warn_unused:
        return
    for listed_unit in units:
        if listed_unit.name not in used:
            line, index = places[listed_unit.name]
            message = M.UNIT_UNUSED.format(unit=listed_unit.name)
            problems.add(plan_name, line, f"units[{index + 1}]", message, warning=True)


def _check_tasks(
    rows: list[_TaskRow],
    problem_lines: dict[int, tuple[int, str]],
    plan_name: str,
    problems: Problems,
    chapters_known: bool = True,
) -> dict[int, list[int]]:
    """Tasks numbered 1, 2, 3… in the plan's order, each under a listed problem, every problem with a task."""
    task_numbers: dict[int, list[int]] = {no: [] for no in problem_lines}
    first_line: dict[int, int] = {}
    expected = 1
    last_problem = 0
    for row in rows:
        fields = row.fields
        if row.no in first_line:
            fields.error(fields.line_of("no"), "no", M.TASK_TWICE.format(no=row.no, line=first_line[row.no]))
        else:
            if row.no != expected:
                fields.error(fields.line_of("no"), "no", M.EXPECTED_TASK.format(expected=expected, got=row.no))
            first_line[row.no] = row.line
            expected = row.no + 1
        if not chapters_known:
            continue
        if row.problem_no not in problem_lines:
            message = M.PROBLEM_NOT_IN_CHAPTERS.format(no=row.problem_no, file=plan_name)
            fields.error(fields.line_of("problem_no"), "problem_no", message)
            continue
        if row.problem_no < last_problem:
            message = M.PROBLEM_OUT_OF_ORDER.format(no=row.problem_no, last=last_problem)
            fields.error(fields.line_of("problem_no"), "problem_no", message)
        last_problem = max(last_problem, row.problem_no)
        task_numbers[row.problem_no].append(row.no)
    if rows and chapters_known:
        for no, numbers in task_numbers.items():
            if not numbers:
                line, where = problem_lines[no]
                problems.add(plan_name, line, where, M.PROBLEM_WITHOUT_TASK.format(no=no))
    return task_numbers
