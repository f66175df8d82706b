"""Read the whole `data/` tree into a validated `Dataset`, or every problem found.

Like MkDocs' build, this gathers and checks everything before anything is
written: a build either has all of the data or stops with the full list.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from . import messages as M
from . import yamlsrc
from .contact import read_contact
from .errors import DataError, Problem, Problems, display_path
from .model import Dataset, Plan, SiteInfo
from .notice_status import closed_parts_named, pending_objections_overrun
from .notices import Published, load_notices, measure_completion_warnings, procedure_problems
from .plans import load_plan
from .progress import load_progress, rebound_problems
from .schema import SITE, SLUG, did_you_mean
from .task_events import load_records
from .workcalendar import WorkCalendar


def load_site(data_dir: Path, root: Path, problems: Problems) -> SiteInfo | None:
    path = data_dir / "site.yaml"
    name = display_path(path, root)
    if not path.exists():
        problems.add(name, 0, "", M.SITE_FILE_MISSING)
        return None
    data = yamlsrc.load(path, name, problems)
    if data is None:  # already reported
        return None
    fields = yamlsrc.Fields(data, name, problems, SITE)
    if not isinstance(fields.mapping, yamlsrc.LMap) or not fields.mapping:
        return None
    title = fields.value("title")
    publisher = fields.value("publisher")
    site_code = fields.value("site_code")
    icp = fields.value("icp")
    police_record = fields.value("police_record")
    police_record_code = fields.value("police_record_code")
    contact_fields = fields.value("contact")
    contact = read_contact(contact_fields) if contact_fields is not None else None
    examples = bool(fields.value("examples"))
    examples_note = fields.value("examples_note", required=examples) or ""
    if not fields.done() or title is None or publisher is None or contact is None:
        return None
    return SiteInfo(
        title=title,
        publisher=publisher,
        site_code=site_code,
        icp=icp,
        police_record=police_record,
        police_record_code=police_record_code,
        contact=contact,
        examples=examples,
        examples_note=examples_note,
    )


def load_plans(data_dir: Path, root: Path, problems: Problems) -> list[Plan]:
    plans_dir = data_dir / "plans"
    entries = sorted(p for p in plans_dir.iterdir() if not p.name.startswith(".")) if plans_dir.is_dir() else []
    plan_dirs = [p for p in entries if p.is_dir()]
    for stray in (p for p in entries if not p.is_dir()):  # a plan saved as one file would vanish silently
        problems.add(display_path(stray, root), 0, "", M.PLAN_NOT_A_FOLDER)
    if os.path.lexists(plans_dir) and not plans_dir.is_dir():
        problems.add(display_path(plans_dir, root), 0, "", M.PLANS_NOT_FOLDER)
    elif not plan_dirs:
        problems.add(display_path(plans_dir, root), 0, "", M.NO_PLAN)
    plans: list[Plan] = []
    for plan_dir in plan_dirs:
        if not SLUG.fullmatch(plan_dir.name):
            problems.add(display_path(plan_dir, root), 0, "", M.PLAN_FOLDER_NAME)
            continue
        plan = load_plan(plan_dir, root, problems)
        if plan is not None:
            plans.append(plan)
    check_shared_names(plans, root, problems)
    return plans


# Every folder gongshi reads in data/; any other is a mistake (a renamed data/notices would
# otherwise silently take every notice off the site).
DATA_FOLDERS = ("calendar", "drafts", "events", "notices", "plans", "progress")


def check_data_folders(data_dir: Path, root: Path, problems: Problems) -> None:
    """An error for each folder in data/ that gongshi does not read, naming the folders it does."""
    for path in sorted(data_dir.iterdir()):
        if path.name.startswith(".") or path.name in DATA_FOLDERS or not path.is_dir():
            continue
        message = M.UNKNOWN_DATA_FOLDER.format(
            known="、".join(f"data/{name}" for name in DATA_FOLDERS), hint=did_you_mean(path.name, DATA_FOLDERS)
        )
        problems.add(display_path(path, root), 0, "", message)


def check_shared_names(plans: list[Plan], root: Path, problems: Problems) -> None:
    """Banners and units share one page per slug across plans, so slug and name must agree; a name keeps one slug
    among the plans of one city (`area`): another city's 市生态环境局 is another body, with a slug of its own."""
    for kind in ("banners", "units"):
        by_slug: dict[str, tuple[str, str]] = {}
        by_name: dict[tuple[str, str], tuple[str, str]] = {}
        for plan in plans:
            source = f"data/plans/{plan.id}/plan.yaml"
            for entry in getattr(plan, kind):
                other = by_slug.setdefault(entry.slug, (entry.name, plan.id))
                if other[0] != entry.name:
                    message = M.SHARED_SLUG.format(slug=entry.slug, name=entry.name, other=other[0], other_plan=other[1])
                    problems.add(source, 0, kind, message)
                other = by_name.setdefault((plan.area, entry.name), (entry.slug, plan.id))
                if other[0] != entry.slug:
                    message = M.SHARED_NAME.format(name=entry.name, slug=entry.slug, other=other[0], other_plan=other[1])
                    problems.add(source, 0, kind, message)


def load_dataset(root: Path, also_notice: tuple[Path, str] | None = None) -> tuple[Dataset, WorkCalendar]:
    """Load and cross-check everything under `root/data`; raise DataError with every problem.

    `also_notice` (path, shown name) is read as if it were in data/notices/:
    `gongshi notice ready` checks a draft with the notices without moving it.
    """
    dataset, calendar, _ = load_dataset_with_warnings(root, also_notice)
    return dataset, calendar


def load_dataset_with_warnings(
    root: Path, also_notice: tuple[Path, str] | None = None
) -> tuple[Dataset, WorkCalendar, list[Problem]]:
    """`load_dataset`, and the warnings found in valid data (what `gongshi check` prints)."""
    data_dir = root / "data"
    problems = Problems()
    if not data_dir.is_dir():
        raise DataError([_missing(root)])
    check_data_folders(data_dir, root, problems)
    site = load_site(data_dir, root, problems)
    calendar = WorkCalendar.load(data_dir / "calendar", root, problems)
    plans = load_plans(data_dir, root, problems)
    also = [also_notice] if also_notice is not None else []
    notices = load_notices(data_dir, root, plans, calendar, problems, also) if plans else []
    progress = load_progress(data_dir, root, plans, notices, problems) if plans else []
    records = load_records(data_dir, root, plans, notices, progress, calendar, problems) if plans else []
    for notice, message in closed_parts_named(notices, plans, progress, records):
        problems.add(notice.source, notice.scope_line or notice.line, "scope", message)
    if problems.errors or site is None:
        raise DataError(problems.sorted())
    dataset = Dataset(
        site=site, plans=tuple(plans), notices=tuple(notices), progress=tuple(progress), records=tuple(records)
    )
    warnings = [p for p in problems.sorted() if p.warning]
    return dataset, calendar, sorted(warnings + measure_completion_warnings(dataset.notices, dataset.plans))


def dated_problems(dataset: Dataset, day: dt.date, listed: frozenset[str] | None = None) -> list[Problem]:
    """What the procedure requires of records not yet public on `day` (the build's date; today for `check`).

    `listed`: the notice ids the live site's publication record lists (None
    with no live site, or for a preview): which notices are already published
    is decided once, by `notices.Published`. Errors: a notice not yet published
    with no committee consent, or whose acceptance is not led by the task's
    lead unit (a warning once published); a rebound in a report not yet
    published; a notice starting by `day` while an earlier notice's objection
    for its parts awaits verification (a warning while it is queued, since the
    result may yet be recorded, and once published). Warning: a rebound in a
    report already published.
    """
    published = Published(day, listed)
    return sorted(
        procedure_problems(dataset.notices, dataset.plans, published)
        + rebound_problems(dataset.progress, day)
        + _pending_objection_problems(dataset, day, published)
    )


def _pending_objection_problems(dataset: Dataset, day: dt.date, published: Published) -> list[Problem]:
    """附件 一: an objection is verified before the part is put to the public again."""
    out = []
    for notice, message in pending_objections_overrun(dataset.notices, dataset.plans, dataset.progress, dataset.records):
        queued = notice.start > day
        if queued:
            message += M.NOTICE_OBJECTION_PENDING_QUEUED.format(start=notice.start.isoformat())
        warning = queued or notice in published
        out.append(Problem(notice.source, notice.start_line or notice.line, "start", message, warning=warning))
    return out


def _missing(root: Path) -> Problem:
    data = root / "data"
    message = M.DATA_IS_A_FILE if data.exists() or data.is_symlink() else M.NO_DATA_FOLDER
    return Problem(display_path(data, root), 0, "", message)
