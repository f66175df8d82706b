"""年度整改进展 in Excel: a workbook for units to fill in, and reading filled ones back into data/progress/.

The rows match what a report holds: per task its status (进展状态), one row
per measure for its progress, and for tasks of several 旗区 one row per 旗区
for that 旗区's own status and progress. The plan's text sits in locked
columns; status cells offer the three status words as a list. Reading back,
every cell is checked and named as `file:sheet!cell: field: problem`;
several workbooks merge (one per 旗区, say), and the same cell filled two
different ways is refused. The report is written with ruamel.yaml so its
comments and anything the workbooks do not cover stay as they were, then
read again by the report reader itself, so a workbook can never bring in
what a hand-written file could not.
"""

from __future__ import annotations

import datetime as dt
import io
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Protection
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.properties import PageSetupProperties

from . import messages as M
from . import yamlsrc
from .errors import Problem, Problems
from .ledger import xlsx_bytes
from .model import Notice, Plan, ProgressReport, Task
from .progress import STATUSES, load_progress
from .schema import PROGRESS_REPORT, check_value
from .schema import PROGRESS_SHEET_WORDS as W
from .sheet_layout import BODY_ALIGNMENT, BORDER, LOCKED_FILL, Column, Layout, as_text

SHEET = W["sheet"]
# A filled template is tens of kilobytes; a workbook with pasted photos stays well below this.
MAX_WORKBOOK_BYTES = 20_000_000
# An .xlsx is a zip: 20 MB on disk could unpack to gigabytes (a "zip bomb"). A filled-in
# template of a whole region's tasks unpacks to a few MB.
MAX_UNPACKED_BYTES = 200_000_000

# The schema's fields that a filled-in cell stands for: the importer judges a cell by the same rule as YAML.
STATUS_FIELD = PROGRESS_REPORT.path("tasks.status")
PROGRESS_FIELD = PROGRESS_REPORT.path("tasks.measures.progress")
CELL_FIELDS = {STATUS_FIELD.label: STATUS_FIELD, PROGRESS_FIELD.label: PROGRESS_FIELD}

# The key columns (序号, 旗区, 措施序号) and the plan's text are locked; officers fill the last two.
LAYOUT = Layout(
    (
        Column(W["no"], 6),
        Column(W["banner"], 10),
        Column(W["measure"], 8),
        Column(W["text"], 60),
        Column(W["units"], 22),
        Column(STATUS_FIELD.label, 14, editable=True, choices=STATUSES),
        Column(PROGRESS_FIELD.label, 50, editable=True),
    ),
    head_fill=LOCKED_FILL,
    frozen_columns=3,
)
COLUMNS: tuple[tuple[str, int], ...] = tuple((c.header, c.width) for c in LAYOUT.columns)
STATUS_COL, PROGRESS_COL = LAYOUT.number(STATUS_FIELD.label), LAYOUT.number(PROGRESS_FIELD.label)
FIELD_OF = {STATUS_COL: STATUS_FIELD.label, PROGRESS_COL: PROGRESS_FIELD.label}


def check_cell(field_name: str, value: object) -> tuple[str | None, str | None]:
    """(value, problem) for one filled cell, by the schema's rule for its field (`schema.check_value`)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    if isinstance(value, str) and any(ord(c) < 32 and c not in "\n\t" for c in value):
        return None, M.SHEET_CONTROL_CHARACTER
    checked = check_value(CELL_FIELDS[field_name], value.strip() if isinstance(value, str) else value)
    if checked.problem:
        return None, checked.problem
    return str(checked.value), None


# --- the template -------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    task: int
    banner: str  # "" for the task as a whole and for its measures
    measure: int  # 0 for the task's status row and for a 旗区 row
    text: str
    units: str
    status: str
    progress: str


def template_rows(plan: Plan, report: ProgressReport | None, scope: tuple[str, ...], unit: str | None) -> list[Row]:
    """The rows of the template, pre-filled with what `report` records."""
    rows: list[Row] = []
    for task in plan.tasks:
        if scope and not set(scope) & set(task.banners):
            continue
        if unit and unit not in task.responsible.units:
            continue
        entry = report.task(task.no) if report else None
        rows.append(Row(task.no, "", 0, M.SHEET_TASK_ROW.format(no=task.no, problem=task.problem), task.responsible.text,
                        entry.status if entry else "", ""))
        for i, measure in enumerate(task.measures, 1):
            done = entry.measure(i) if entry else None
            rows.append(Row(task.no, "", i, measure, "", "", done.progress if done else ""))
        if len(task.banners) > 1:
            for banner in task.banners:
                if scope and banner not in scope:
                    continue
                own = entry.banner(banner) if entry else None
                rows.append(Row(task.no, banner, 0, M.SHEET_BANNER_ROW.format(banner=banner), "",
                                own.status if own else "", own.progress if own else ""))
    return rows


def template_bytes(plan: Plan, year: int, rows: list[Row], day: dt.date) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = SHEET
    LAYOUT.write_header(ws)
    choices = LAYOUT.choice_lists(ws)[STATUS_COL]
    for r in rows:
        ws.append([r.task, r.banner or None, r.measure or None, r.text, r.units or None,
                   r.status or None, r.progress or None])
        line = ws.max_row
        # An editable column is open in the rows that hold its field: a status in a task's or 旗区's
        # first row, a progress in a measure's or 旗区's row.
        open_in_row = {STATUS_COL: r.measure == 0, PROGRESS_COL: bool(r.measure or r.banner)}
        for col, column in enumerate(LAYOUT.columns, 1):
            cell = ws.cell(line, col)
            cell.alignment = BODY_ALIGNMENT
            cell.border = BORDER
            as_text([cell])
            if column.editable and open_in_row[col]:
                cell.protection = Protection(locked=False)
            else:
                cell.fill = LOCKED_FILL
        if r.measure == 0:
            choices.add(ws.cell(line, STATUS_COL))
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.protection.sheet = True  # no password: the lock keeps the plan's text from slips, not from people
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    stamp = dt.datetime.combine(day, dt.time(0))
    wb.properties.title = M.SHEET_PROGRESS_TITLE.format(year=year, plan=plan.title)
    wb.properties.created = wb.properties.modified = stamp
    return xlsx_bytes(wb, day)


# --- the import ---------------------------------------------------------------------------


@dataclass
class Filled:
    """What the workbooks say, cell by cell, with where each value came from."""

    status: dict[tuple[int, str], tuple[str, str]] = field(default_factory=dict)  # (task, 旗区) → (word, cell)
    progress: dict[tuple[int, str, int], tuple[str, str]] = field(default_factory=dict)  # (task, 旗区, 措施) → (text, cell)


def read_workbooks(paths: list[Path], shown: list[str], plan: Plan, problems: list[str]) -> Filled:
    """Every filled cell of every workbook; problems as `file:sheet!cell: field: problem` lines."""
    filled = Filled()
    for path, name in zip(paths, shown):
        # A FIFO or a link to /dev/zero would hang the import: refused by type and size before reading.
        refused = Problems()
        raw = yamlsrc.read_limited(path, name, refused, MAX_WORKBOOK_BYTES, M.SPECIAL_REPLACE_WORKBOOK)
        if raw is None:
            problems += [f"{name}: {p.message}" for p in refused.items]
            continue
        try:
            unpacked = _unpacked_size(raw)
            if unpacked > MAX_UNPACKED_BYTES:
                problems.append(f"{name}: {M.WORKBOOK_UNPACKS_TOO_BIG.format(size=unpacked, limit=MAX_UNPACKED_BYTES)}")
                continue
            wb = load_workbook(io.BytesIO(raw), data_only=True)
        except (OSError, InvalidFileException, KeyError, ValueError, zipfile.BadZipFile):
            problems.append(f"{name}: {M.WORKBOOK_UNREADABLE}")
            continue
        if SHEET not in wb.sheetnames:
            problems.append(f"{name}: {M.SHEET_MISSING.format(sheet=SHEET)}")
            continue
        ws = wb[SHEET]
        header = [ws.cell(1, i).value for i in range(1, len(COLUMNS) + 1)]
        if header != [h for h, _ in COLUMNS]:
            problems.append(f"{name}:{SHEET}!A1: {M.SHEET_HEADER_CHANGED}")
            continue
        for line in range(2, ws.max_row + 1):
            _read_row(ws, line, name, plan, filled, problems)
    return filled


def _unpacked_size(raw: bytes) -> int:
    """What the workbook's parts add up to once unpacked, as its zip directory declares them.

    Python's zipfile never unpacks a part beyond its declared size, so the
    declared total bounds what reading the workbook can take.
    """
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        return sum(info.file_size for info in archive.infolist())


def _read_row(ws: Any, line: int, name: str, plan: Plan, filled: Filled, problems: list[str]) -> None:
    def where(col: int) -> str:
        return f"{name}:{SHEET}!{ws.cell(line, col).coordinate}"

    def fail(col: int, field_name: str, message: str) -> None:
        problems.append(f"{where(col)}: {field_name}: {message}")

    values = [ws.cell(line, c).value for c in range(1, len(COLUMNS) + 1)]
    if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
        return
    no, banner, measure = values[0], values[1] or "", values[2] or 0
    task: Task | None = plan.task(no) if isinstance(no, int) else None
    if task is None:
        fail(1, W["no"], M.SHEET_NO_TASK.format(no=no))
        return
    if banner and banner not in task.banners:
        fail(2, W["banner"], M.SHEET_NOT_A_BANNER.format(banner=banner, no=task.no))
        return
    if not isinstance(measure, int) or not 0 <= measure <= len(task.measures):
        fail(3, W["measure"], M.SHEET_NO_MEASURE.format(no=task.no, measure=measure))
        return
    for col in (STATUS_COL, PROGRESS_COL):
        value, problem = check_cell(FIELD_OF[col], values[col - 1])
        if problem:
            fail(col, FIELD_OF[col], problem)
            continue
        if value is None:
            continue
        if col == STATUS_COL:
            if measure:
                fail(col, STATUS_FIELD.label, M.SHEET_STATUS_IN_MEASURE_ROW)
                continue
            _put(filled.status, (task.no, banner), value, where(col), col, fail)
        else:
            if not measure and not banner:
                fail(col, PROGRESS_FIELD.label, M.SHEET_PROGRESS_IN_TASK_ROW)
                continue
            _put(filled.progress, (task.no, banner, measure), value, where(col), col, fail)


def _put(into: dict, key: tuple, value: str, cell: str, col: int, fail: Any) -> None:
    earlier = into.get(key)
    if earlier is not None and earlier[0] != value:
        fail(col, FIELD_OF[col], M.SHEET_FILLED_TWO_WAYS.format(cell=earlier[1]))
        return
    into.setdefault(key, (value, cell))


def merge(document: Any, filled: Filled, plan: Plan, published: dt.date, problems: list[str]) -> Any:
    """Apply what the workbooks say to the report (a ruamel round-trip mapping), keeping all else."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    document["published"] = published
    tasks = document.setdefault("tasks", CommentedSeq())
    by_no = {entry.get("task"): entry for entry in tasks if isinstance(entry, dict)}
    touched = sorted({k[0] for k in filled.status} | {k[0] for k in filled.progress})
    for no in touched:
        entry = by_no.get(no)
        status = filled.status.get((no, ""))
        if entry is None:
            if status is None:
                cell = next(c for k, (_, c) in sorted(filled.progress.items()) if k[0] == no)
                problems.append(f"{cell}: {STATUS_FIELD.label}: {M.SHEET_NO_STATUS.format(no=no)}")
                continue
            entry = CommentedMap([("task", no), ("status", status[0]), ("measures", CommentedSeq())])
            tasks.append(entry)
            by_no[no] = entry
        elif status is not None:
            entry["status"] = status[0]
        for (task_no, banner, measure), (text, _) in sorted(filled.progress.items()):
            if task_no != no or banner:
                continue
            measures = entry.setdefault("measures", CommentedSeq())
            found = next((m for m in measures if m.get("no") == measure), None)
            if found is None:
                measures.append(CommentedMap([("no", measure), ("progress", text)]))
            else:
                found["progress"] = text
        task = plan.task(no)
        for banner in task.banners if task else ():
            b_status = filled.status.get((no, banner))
            b_text = filled.progress.get((no, banner, 0))
            if b_status is None and b_text is None:
                continue
            banners = entry.setdefault("banners", CommentedSeq())
            found = next((b for b in banners if b.get("banner") == banner), None)
            if found is None:
                found = CommentedMap([("banner", banner)])
                banners.append(found)
            if b_status is not None:
                found["status"] = b_status[0]
            if b_text is not None:
                found["progress"] = b_text[0]
    return document


def yaml_text(document: Any) -> str:
    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096  # one line per text, as officers write them
    out = io.StringIO()
    yaml.dump(document, out)
    return out.getvalue()


def load_document(path: Path) -> Any:
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap

    if not path.exists():
        return CommentedMap()
    return YAML().load(path.read_text(encoding="utf-8"))


def recheck(text: str, file_name: str, shown: str, root: Path, plans: list[Plan], notices: list[Notice]) -> list[Problem]:
    """The report as written, read by the report reader itself; problems named by the real file."""
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        (data / "progress").mkdir(parents=True)
        (data / "progress" / file_name).write_text(text, encoding="utf-8")
        problems = Problems()
        load_progress(data, Path(tmp), plans, notices, problems)
    return [Problem(shown, p.line, p.field, p.message, p.warning) for p in problems.sorted()]
