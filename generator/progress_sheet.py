"""年度整改进展 in Excel: a workbook for units to fill in, and reading filled ones back into data/progress/.

The rows match what a report holds: per task its status (进展状态), one row
per measure for its progress, and for tasks of several 旗区, per 旗区, a row
for that 旗区's own status and progress and one row per measure for the
旗区's own progress of it (`banners[].measures`). The plan's text sits in locked
columns; status cells offer the three status words as a list. Reading back,
every cell is checked and named as `file:sheet!cell: column: problem`.

A sheet knows what it is: a very hidden, protected sheet records its plan,
year, scope (旗区) or unit, and every row's values as made. A sheet for
another plan or year, or one without that record, is refused. Only a cell
that differs from the value the sheet was made with is written, and only
where the sheet may write (a 旗区 its own rows; a unit the city rows of the
tasks it leads); so sheets import in any order, together or one by one, with
the same result. Two sheets changing one cell differently, or a change made
against a value the report no longer holds, is a conflict naming both.
Workbooks are read safely: every part's unpacked size is bounded, XML
entity declarations and malformed parts refused, and only the cells that
exist are read. The report is written with ruamel.yaml so its
comments and anything the workbooks do not cover stay as they were, then
read again by the report reader itself, so a workbook can never bring in
what a hand-written file could not.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import tempfile
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Protection
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from . import messages as M
from . import yamlsrc
from .errors import Problem, Problems
from .ledger import xlsx_bytes
from .model import NotFound, Notice, Plan, ProgressReport, Task
from .progress import STATUSES, load_progress
from .schema import BANNER_PROGRESS, PROGRESS_REPORT, TASK_PROGRESS, Record, check_value
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
BANNER_COL = LAYOUT.number(W["banner"])


def headers(plan: Plan) -> list[str]:
    """The header row as a plan's sheet writes it: the 旗区 column headed by the plan's word (县（市、区）)."""
    found = list(LAYOUT.headers)
    found[BANNER_COL - 1] = plan.subunit_word
    return found
FIELD_OF = {STATUS_COL: STATUS_FIELD.label, PROGRESS_COL: PROGRESS_FIELD.label}


def check_cell(field_name: str, value: object) -> tuple[str | None, str | None]:
    """(value, problem) for one filled cell, by the schema's rule for its field (`schema.check_value`)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    if isinstance(value, str) and (bad := yamlsrc.first_bad_character(value)):  # the rule the YAML reader applies
        return None, M.BAD_CHARACTER.format(code=ord(bad[0]), what=bad[1])
    checked = check_value(CELL_FIELDS[field_name], value.strip() if isinstance(value, str) else value)
    if checked.problem:
        return None, checked.problem
    return str(checked.value), None


# --- the template -------------------------------------------------------------------------
#
# A row is keyed by (task, 旗区 or "", 措施序号 or 0): (n, "", 0) the task's status, (n, "", i) its
# measure i, (n, 旗区, 0) the 旗区's status and text, (n, 旗区, i) the 旗区's progress of measure i.


@dataclass(frozen=True)
class Row:
    task: int
    banner: str  # "" for the task as a whole and for its measures; the 旗区 for its rows
    measure: int  # 措施序号; 0 for a status row (the task's, or a 旗区's with its text)
    text: str
    units: str
    status: str
    progress: str
    status_open: bool = False  # whether this sheet may change the row's 进展状态
    progress_open: bool = False  # and its 进展情况


@dataclass(frozen=True)
class Scope:
    """Whom a sheet is for: a 旗区 sheet (`banners`), a unit's sheet (`unit`), or the city's (neither)."""

    banners: tuple[str, ...] = ()
    unit: str | None = None

    def whom(self) -> str:
        if self.banners:
            return M.SHEET_WHOM_BANNER.format(banner="、".join(self.banners))
        return M.SHEET_WHOM_UNIT.format(unit=self.unit)

    def opens(self, task: Task, banner: str) -> bool:
        """Whether this sheet may write the row of `task` for `banner` ("" for the city rows).

        A 旗区 sheet writes its own rows (and the city rows of a task of that 旗区 alone); a unit
        sheet the city rows of the tasks it leads (牵头, or listed first), never a 旗区's rows.
        """
        if self.banners:
            if banner:
                return banner in self.banners
            return len(task.banners) == 1 and task.banners[0] in self.banners
        if self.unit is not None:
            return not banner and self.unit in task.responsible.shown
        return True


def template_rows(plan: Plan, report: ProgressReport | None, scope: tuple[str, ...], unit: str | None) -> list[Row]:
    """The rows of the template, pre-filled with what `report` records, each open only where the sheet may write."""
    whose = Scope(tuple(scope), unit)
    rows: list[Row] = []
    for task in plan.tasks:
        if scope and not set(scope) & set(task.banners):
            continue
        if unit and unit not in task.responsible.units:
            continue
        entry = report.task(task.no) if report else None
        city = whose.opens(task, "")
        rows.append(Row(task.no, "", 0, M.SHEET_TASK_ROW.format(no=task.no, problem=task.problem), task.responsible.text,
                        (entry.status or "") if entry else "", "", status_open=city))
        for i, measure in enumerate(task.measures, 1):
            done = entry.measure(i) if entry else None
            rows.append(Row(task.no, "", i, measure, "", "", done.progress if done else "", progress_open=city))
        if len(task.banners) > 1:
            for banner in task.banners:
                if scope and banner not in scope:
                    continue
                own = entry.banner(banner) if entry else None
                mine = whose.opens(task, banner)
                rows.append(Row(task.no, banner, 0, M.SHEET_BANNER_ROW.format(banner=banner), "",
                                own.status if own else "", (own.progress or "") if own else "",
                                status_open=mine, progress_open=mine))
                # A unit sheet shows a 旗区's status row for reference, locked; its measure rows only the 旗区's sheet
                # and the city's hold.
                for i, measure in enumerate(task.measures if unit is None else (), 1):
                    done = own.measure(i) if own else None
                    rows.append(Row(task.no, banner, i, measure, "", "", done.progress if done else "",
                                    progress_open=mine))
    return rows


# The sheet's record of itself: what it was made for and every row's values as made.
RECORD_SHEET = "gongshi"
RECORD_FORMAT = 2
RECORD_KEYS = ("format", "plan", "year", "scope", "unit", "made")
RECORD_FIRST_ROW = len(RECORD_KEYS) + 2


def template_bytes(plan: Plan, year: int, rows: list[Row], day: dt.date,
                   scope: tuple[str, ...] = (), unit: str | None = None) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = SHEET
    LAYOUT.write_header(ws)
    ws.cell(1, BANNER_COL).value = plan.subunit_word
    choices = LAYOUT.choice_lists(ws)[STATUS_COL]
    for r in rows:
        ws.append([r.task, r.banner or None, r.measure or None, r.text, r.units or None,
                   r.status or None, r.progress or None])
        line = ws.max_row
        # An editable column is open in the rows that hold its field and that this sheet may write.
        open_in_row = {STATUS_COL: r.status_open, PROGRESS_COL: r.progress_open}
        for col, column in enumerate(LAYOUT.columns, 1):
            cell = ws.cell(line, col)
            cell.alignment = BODY_ALIGNMENT
            cell.border = BORDER
            as_text([cell])
            if column.editable and open_in_row[col]:
                cell.protection = Protection(locked=False)
            else:
                cell.fill = LOCKED_FILL
        if r.status_open:
            choices.add(ws.cell(line, STATUS_COL))
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.protection.sheet = True  # no password: the lock keeps the plan's text from slips, not from people
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    _write_record(wb, plan, year, rows, day, scope, unit)
    stamp = dt.datetime.combine(day, dt.time(0))
    wb.properties.title = M.SHEET_PROGRESS_TITLE.format(year=year, plan=plan.title)
    wb.properties.created = wb.properties.modified = stamp
    return xlsx_bytes(wb, day)


def _write_record(wb: Workbook, plan: Plan, year: int, rows: list[Row], day: dt.date,
                  scope: tuple[str, ...], unit: str | None) -> None:
    """A very hidden, protected sheet: the plan, year, scope or unit, and each row's values as made."""
    rec = wb.create_sheet(RECORD_SHEET)
    values = (RECORD_FORMAT, plan.id, year, "、".join(scope) or None, unit, day.isoformat())
    for key, value in zip(RECORD_KEYS, values):
        rec.append([key, value])
    rec.append([])
    for r in rows:
        rec.append([r.task, r.banner or None, r.measure, r.status or None, r.progress or None,
                    int(r.status_open), int(r.progress_open)])
    for line in rec.iter_rows():
        as_text(line)
    rec.sheet_state = "veryHidden"
    rec.protection.sheet = True


# --- the import ---------------------------------------------------------------------------

RowKey = tuple[int, str, int]  # (task, 旗区 or "", 措施序号 or 0)
CellKey = tuple[int, str, int, int]  # RowKey and the column (STATUS_COL or PROGRESS_COL)


@dataclass(frozen=True)
class Change:
    """One cell an officer changed: its new value, the value the sheet was made with, and where."""

    value: str
    was: str
    cell: str


@dataclass
class Filled:
    """Every changed cell of every workbook, by what it stands for."""

    changes: dict[CellKey, Change] = field(default_factory=dict)
    refused: set[CellKey] = field(default_factory=set)  # filled in, but refused with a problem of its own
    unread_rows: int = 0  # rows refused by a key cell (序号, 旗区, 措施序号): what they held is unknown

    @property
    def status(self) -> dict[tuple[int, str], tuple[str, str]]:
        return {(k[0], k[1]): (c.value, c.cell) for k, c in self.changes.items() if k[3] == STATUS_COL}

    @property
    def progress(self) -> dict[RowKey, tuple[str, str]]:
        return {k[:3]: (c.value, c.cell) for k, c in self.changes.items() if k[3] == PROGRESS_COL}


@dataclass(frozen=True)
class Made:
    """What a workbook's record says it was made for, and with."""

    plan: str
    year: int
    scope: Scope
    rows: dict[RowKey, tuple[str, str, bool, bool]]  # → (status, progress, status open, progress open)


# Limits for reading a workbook: each part unpacked, every cell read.
MAX_PART_BYTES = 30_000_000
XML_PARTS = (".xml", ".rels", ".vml")


def read_workbooks(paths: list[Path], shown: list[str], plan: Plan, problems: list[str], year: int | None = None) -> Filled:
    """Every changed cell of every workbook; problems as `file:sheet!cell: field: problem` lines."""
    filled = Filled()
    for path, name in zip(paths, shown):
        wb = _open_safely(path, name, problems)
        if wb is None:
            continue
        made = _record(wb, name, plan, year, problems)
        if made is None:
            continue
        ws = wb[SHEET] if SHEET in wb.sheetnames else None
        if ws is None:
            problems.append(f"{name}: {M.SHEET_MISSING.format(sheet=SHEET)}")
            continue
        if not isinstance(ws, Worksheet):
            problems.append(f"{name}: {M.SHEET_NOT_A_WORKSHEET.format(sheet=SHEET)}")
            continue
        header = [ws.cell(1, i).value for i in range(1, len(COLUMNS) + 1)]
        if header != headers(plan):
            problems.append(f"{name}:{SHEET}!A1: {M.SHEET_HEADER_CHANGED}")
            continue
        _read_sheet(ws, name, plan, made, filled, problems)
    return filled


def _open_safely(path: Path, name: str, problems: list[str]) -> Any:
    """The workbook, read only after every part is checked: sizes, no XML entities, well-formed; else None."""
    refused = Problems()
    # A FIFO or a link to /dev/zero would hang the import: refused by type and size before reading.
    raw = yamlsrc.read_limited(path, name, refused, MAX_WORKBOOK_BYTES, M.SPECIAL_REPLACE_WORKBOOK)
    if raw is None:
        problems.extend(f"{name}: {p.message}" for p in refused.items)
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            infos = archive.infolist()
            unpacked = sum(info.file_size for info in infos)
            if unpacked > MAX_UNPACKED_BYTES:
                problems.append(f"{name}: {M.WORKBOOK_UNPACKS_TOO_BIG.format(size=unpacked, limit=MAX_UNPACKED_BYTES)}")
                return None
            for info in infos:
                if info.file_size > MAX_PART_BYTES:
                    problems.append(f"{name}: " + M.SHEET_PART_TOO_BIG.format(
                        part=info.filename, size=info.file_size, limit=MAX_PART_BYTES))
                    return None
            for info in infos:
                if not info.filename.lower().endswith(XML_PARTS):
                    continue
                body = archive.read(info)  # zipfile never unpacks beyond the declared size checked above
                if b"<!DOCTYPE" in body or b"<!ENTITY" in body:
                    problems.append(f"{name}: {M.SHEET_ENTITY.format(part=info.filename)}")
                    return None
                try:
                    ElementTree.fromstring(body)
                except ElementTree.ParseError:
                    problems.append(f"{name}: {M.SHEET_PART_BROKEN.format(part=info.filename)}")
                    return None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, ValueError, OSError):
        problems.append(f"{name}: {M.WORKBOOK_UNREADABLE}")
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl's English notes on Excel extensions (x14 validation, ...)
            return load_workbook(io.BytesIO(raw), data_only=False)
    except (OSError, InvalidFileException, KeyError, ValueError, TypeError, AttributeError, IndexError,
            zipfile.BadZipFile, ElementTree.ParseError):
        problems.append(f"{name}: {M.WORKBOOK_UNREADABLE}")
        return None


def _record(wb: Any, name: str, plan: Plan, year: int | None, problems: list[str]) -> Made | None:
    """The sheet's record of itself, checked against the plan and year of the import."""
    missing = f"{name}: {M.SHEET_RECORD_MISSING}"
    if RECORD_SHEET not in wb.sheetnames or not isinstance(wb[RECORD_SHEET], Worksheet):
        problems.append(missing)
        return None
    rec = wb[RECORD_SHEET]
    cells = _existing(rec)
    head = {cells.get((i, 1)): cells.get((i, 2)) for i in range(1, len(RECORD_KEYS) + 1)}
    try:
        if head.get("format") != RECORD_FORMAT:
            raise ValueError
        made_plan, made_year = str(head["plan"]), int(head["year"])  # type: ignore[arg-type]
        scope = Scope(tuple(str(head["scope"]).split("、")) if head.get("scope") else (),
                      str(head["unit"]) if head.get("unit") else None)
        rows: dict[RowKey, tuple[str, str, bool, bool]] = {}
        last = max((r for r, _ in cells), default=0)
        for line in range(RECORD_FIRST_ROW, last + 1):
            task, banner, measure, status, progress, s_open, p_open = (cells.get((line, c)) for c in range(1, 8))
            rows[(int(task), str(banner or ""), int(measure))] = (  # type: ignore[arg-type]
                str(status or ""), str(progress or ""), bool(s_open), bool(p_open))
    except (KeyError, TypeError, ValueError):
        problems.append(missing)
        return None
    if made_plan != plan.id:
        problems.append(f"{name}: {M.SHEET_OTHER_PLAN.format(sheet_plan=made_plan, plan=plan.id)}")
        return None
    if year is not None and made_year != year:
        problems.append(f"{name}: {M.SHEET_OTHER_YEAR.format(sheet_year=made_year, year=year)}")
        return None
    return Made(made_plan, made_year, scope, rows)


def _existing(ws: Any) -> dict[tuple[int, int], Any]:
    """The cells the sheet really holds, by (row, column): never every cell up to a stray one at row 1,048,576."""
    cells: dict[tuple[int, int], Any] = getattr(ws, "_cells", {})
    return {k: c.value for k, c in cells.items() if c.value is not None}


_EXCEL_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def officer_text(value: str) -> str:
    """Text as the officer typed it: Excel's `_x000D_` escapes decoded, line ends as \\n."""
    text = _EXCEL_ESCAPE.sub(lambda m: chr(int(m[1], 16)), value)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _read_sheet(ws: Any, name: str, plan: Plan, made: Made, filled: Filled, problems: list[str]) -> None:
    raw: dict[tuple[int, int], Any] = getattr(ws, "_cells", {})
    lines = sorted({r for (r, c), cell in raw.items() if r > 1 and c <= len(COLUMNS) and not _blank(cell.value)})
    merged = {coord for rng in ws.merged_cells.ranges for coord in _coordinates(rng)}
    for line in lines:
        _read_row(ws, line, name, plan, made, merged, filled, problems)


def _coordinates(rng: Any) -> list[str]:
    return [f"{get_column_letter(c)}{r}" for r in range(rng.min_row, rng.max_row + 1)
            for c in range(rng.min_col, min(rng.max_col, len(COLUMNS)) + 1)]


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _key_number(cell: Any, merged: set[str]) -> tuple[int | None, str | None]:
    """A key cell (序号, 措施序号) as the number the officer sees; (None, problem) when it is not one."""
    value = cell.value
    if cell.coordinate in merged:
        return None, M.SHEET_KEY_MERGED
    if cell.data_type == "f":
        return None, M.SHEET_KEY_FORMULA
    if value is None:
        return 0, None
    if isinstance(value, bool):
        return None, M.SHEET_KEY_NOT_NUMBER.format(value="TRUE" if value else "FALSE")
    if isinstance(value, int):
        return value, None
    if isinstance(value, float) and value.is_integer():
        return int(value), None
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip()), None  # a number stored as text
    if _blank(value):
        return 0, None
    return None, M.SHEET_KEY_NOT_NUMBER.format(value=value)


def _cell_text(cell: Any) -> tuple[str | None, str | None]:
    """An editable cell's value as text the officer meant; (None, problem) for what cannot be text."""
    value = cell.value
    if cell.data_type == "e" or (isinstance(value, str) and value in ERROR_VALUES):
        return None, M.SHEET_ERROR_VALUE.format(value=value)
    if cell.data_type == "f":
        return None, M.SHEET_VALUE_FORMULA
    if isinstance(value, (dt.datetime, dt.date)):
        return None, M.SHEET_DATE_IN_TEXT.format(day=value.strftime("%Y-%m-%d"), year=value.year,
                                                  month=value.month, date=value.day)
    if isinstance(value, bool):
        return None, M.SHEET_BOOL_IN_TEXT.format(value="TRUE" if value else "FALSE")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (int, float)):
        value = str(value)
    if value is None:
        return "", None
    return officer_text(str(value)), None


ERROR_VALUES = frozenset({"#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!"})


def _read_row(ws: Any, line: int, name: str, plan: Plan, made: Made, merged: set[str],
              filled: Filled, problems: list[str]) -> None:
    def where(col: int) -> str:
        return f"{name}:{SHEET}!{get_column_letter(col)}{line}"

    def fail(col: int, message: str) -> None:
        problems.append(f"{where(col)}: {headers(plan)[col - 1]}: {message}")

    def unread(col: int, message: str) -> None:
        fail(col, message)
        filled.unread_rows += 1  # what the row held is unknown: nothing is said to be missing for want of it

    no, problem = _key_number(ws.cell(line, 1), merged)
    if problem or not no:
        unread(1, problem or M.SHEET_KEY_EMPTY)
        return
    try:
        task = plan.task_by_number(no)
    except NotFound as exc:
        unread(1, M.SHEET_NO_TASK.format(problem=exc, word=plan.subunit_word))
        return
    banner_cell = ws.cell(line, 2)
    if banner_cell.coordinate in merged:
        unread(2, M.SHEET_KEY_MERGED)
        return
    banner = officer_text(str(banner_cell.value)).strip() if not _blank(banner_cell.value) else ""
    if banner:
        try:
            plan.banner_of_task(task, banner)
        except NotFound as exc:
            fail(2, str(exc))
            return
    measure, problem = _key_number(ws.cell(line, 3), merged)
    if problem:
        unread(3, problem)
        return
    assert measure is not None
    if not 0 <= measure <= len(task.measures):
        unread(3, M.SHEET_NO_MEASURE.format(no=task.no, measure=measure))
        return
    key: RowKey = (task.no, banner, measure)
    as_made = made.rows.get(key)
    if as_made is None:
        unread(1, M.SHEET_ROW_NOT_MADE)
        return
    def refuse(col: int, message: str) -> None:
        fail(col, message)
        filled.refused.add((*key, col))  # named here: what needed this cell says nothing more

    for col, was, open_here in ((STATUS_COL, as_made[0], as_made[2]), (PROGRESS_COL, as_made[1], as_made[3])):
        text, problem = _cell_text(ws.cell(line, col))
        if problem:
            refuse(col, problem)
            continue
        assert text is not None
        if text.strip() == was.strip():
            continue  # as made: nothing to write
        if not open_here:
            if col == STATUS_COL and measure and banner:
                refuse(col, M.SHEET_STATUS_IN_BANNER_MEASURE_ROW.format(banner=banner))
            elif col == STATUS_COL and measure:
                refuse(col, M.SHEET_STATUS_IN_MEASURE_ROW)
            elif col == PROGRESS_COL and not measure and not banner:
                refuse(col, M.SHEET_PROGRESS_IN_TASK_ROW)
            else:
                refuse(col, M.SHEET_NOT_YOURS.format(whom=made.scope.whom()))
            continue
        if not text.strip():
            refuse(col, M.SHEET_CLEARED)
            continue
        value, problem = check_cell(FIELD_OF[col], text)
        if problem:
            refuse(col, problem)
            continue
        assert value is not None
        cell_key: CellKey = (*key, col)
        earlier = filled.changes.get(cell_key)
        if earlier is not None and earlier.value != value:
            refuse(col, M.SHEET_FILLED_TWO_WAYS.format(cell=earlier.cell))
            continue
        filled.changes.setdefault(cell_key, Change(value, was, where(col)))


def current_value(report: ProgressReport | None, key: CellKey) -> str:
    """What the report on disk says for the cell (the value a change must have been made against)."""
    no, banner, measure, col = key
    entry = report.task(no) if report else None
    if entry is None:
        return ""
    if banner:
        own = entry.banner(banner)
        if own is None:
            return ""
        if measure:
            done = own.measure(measure)
            return done.progress if done and done.progress else ""
        return (own.status if col == STATUS_COL else own.progress) or ""
    if col == STATUS_COL:
        return entry.status or ""
    done = entry.measure(measure)
    return done.progress if done and done.progress else ""


def current_line(report: ProgressReport, key: CellKey) -> int:
    """The line of the report that holds the cell's value now: its measure, its 旗区 entry, or its task entry."""
    no, banner, measure, _ = key
    entry = report.task(no)
    if entry is None:
        return report.line
    owner: Any = entry.banner(banner) if banner else entry
    if owner is None:
        return entry.line
    done = owner.measure(measure) if measure else None
    return done.line if done is not None else owner.line


def changed_since(filled: Filled, report: ProgressReport | None, problems: list[str]) -> None:
    """A change made against a value the report no longer holds (and not already what the report says)."""
    for key, change in sorted(filled.changes.items()):
        now = current_value(report, key)
        if now.strip() != change.was.strip() and now.strip() != change.value.strip():
            source = f"{report.source}:{current_line(report, key)}" if report else ""
            problems.append(f"{change.cell}: {FIELD_OF[key[3]]}: " + M.SHEET_CHANGED_SINCE.format(
                report=source, now=now or M.NONE, then=change.was or M.NONE))


def merge(document: Any, filled: Filled, plan: Plan, published: dt.date, problems: list[str]) -> Any:
    """Apply what the workbooks changed to the report (a ruamel round-trip mapping), keeping all else.

    Progress needs a status beside it, in the report or chosen in a sheet: a task's measure text
    the task's status, a 旗区's text or measure text that 旗区's status; else one line names the cell.
    Entries, fields, measures and 旗区 entries go where the plan and the schema order them, so
    sheets imported one by one write the same file as imported together.
    """
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    def missing(line: str) -> None:
        """A status or text that another needs; unsaid when a row refused by its key cell may have held it."""
        if not filled.unread_rows:
            problems.append(line)

    document["published"] = published
    tasks = _put(document, "tasks", CommentedSeq(), PROGRESS_REPORT)
    status, progress = filled.status, filled.progress
    for no in sorted({k[0] for k in filled.changes}):
        task = plan.task(no)
        assert task is not None  # every row read was checked against the plan
        entry = next((e for e in tasks if isinstance(e, dict) and e.get("task") == no), None)
        city = status.get((no, ""))
        city_texts = {m: v for (t, b, m), v in progress.items() if t == no and not b}
        parts: list[tuple[str, Any, tuple[str, str] | None, tuple[str, str] | None, dict[int, tuple[str, str]]]] = []
        ok = True
        if city_texts and city is None and (entry is None or entry.get("status") is None) \
                and (no, "", 0, STATUS_COL) not in filled.refused:
            missing(_at(next(iter(city_texts.values()))[1], M.SHEET_NO_STATUS.format(no=no)))
            ok = False
        if city is not None and not city_texts and not (entry or {}).get("measures") \
                and not any(k[0] == no and not k[1] and k[2] for k in filled.refused):
            missing(_at(_in_column(city[1], PROGRESS_COL), M.SHEET_STATUS_NO_MEASURES.format(no=no)))
            ok = False
        for banner in task.banners:
            b_status, b_text = status.get((no, banner)), progress.get((no, banner, 0))
            b_measures = {m: v for (t, b, m), v in progress.items() if t == no and b == banner and m}
            if b_status is None and b_text is None and not b_measures:
                continue
            found = next((b for b in (entry or {}).get("banners") or () if b.get("banner") == banner), None)
            if found is None and b_status is None and (no, banner, 0, STATUS_COL) in filled.refused:
                ok = False
            elif found is None and b_status is None:
                cell = (b_text or next(iter(b_measures.values())))[1]
                row = M.SHEET_BANNER_ROW.format(banner=banner)
                missing(_at(cell, M.SHEET_BANNER_NO_STATUS.format(no=no, banner=banner, row=row)))
                ok = False
            elif found is None and b_text is None and (no, banner, 0, PROGRESS_COL) in filled.refused:
                ok = False
            elif found is None and b_text is None and not b_measures:
                # The 旗区's text, or its measures one by one (BANNER_PROGRESS): one is needed beside its status.
                assert b_status is not None
                if not any(k[:2] == (no, banner) and k[3] == PROGRESS_COL for k in filled.refused):
                    missing(_at(_in_column(b_status[1], PROGRESS_COL),
                                        M.SHEET_BANNER_NO_PROGRESS.format(banner=banner)))
                ok = False
            parts.append((banner, found, b_status, b_text, b_measures))
        if not ok:
            continue
        if entry is None:
            entry = CommentedMap([("task", no)])
            _insert(tasks, entry, lambda e: e.get("task"))
        if city is not None:
            _put(entry, "status", city[0], TASK_PROGRESS)
        _write_measures(entry, city_texts, TASK_PROGRESS)
        for banner, found, b_status, b_text, b_measures in parts:
            if found is None:
                found = CommentedMap([("banner", banner)])
                banners = _put(entry, "banners", CommentedSeq(), TASK_PROGRESS)
                _insert(banners, found, lambda b: task.banners.index(b.get("banner"))
                        if b.get("banner") in task.banners else len(task.banners))
            if b_status is not None:
                _put(found, "status", b_status[0], BANNER_PROGRESS)
            if b_text is not None:
                _put(found, "progress", b_text[0], BANNER_PROGRESS)
            _write_measures(found, b_measures, BANNER_PROGRESS)
    return document


def _write_measures(owner: Any, texts: dict[int, tuple[str, str]], record: Record) -> None:
    """Each measure's progress into the owner's (a task's or a 旗区's) `measures`, by number in order."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if not texts:
        return
    measures = _put(owner, "measures", CommentedSeq(), record)
    for no, (text, _) in sorted(texts.items()):
        found = next((m for m in measures if isinstance(m, dict) and m.get("no") == no), None)
        if found is None:
            _insert(measures, CommentedMap([("no", no), ("progress", text)]), lambda m: m.get("no"))
        else:
            found["progress"] = text


def _put(mapping: Any, key: str, value: Any, record: Record) -> Any:
    """mapping[key] = value (kept if the key is there and value is a new list), a new key placed in the schema's order."""
    if key in mapping:
        if not isinstance(value, list):
            mapping[key] = value
        return mapping[key]
    order = record.names
    rank = order.index(key)
    after = [k for k in mapping if k in order and order.index(k) > rank]
    mapping.insert(list(mapping).index(after[0]) if after else len(mapping), key, value)
    return mapping[key]


def _insert(seq: Any, item: Any, rank: Any) -> None:
    """Put `item` before the first item of `seq` that ranks after it (numbers or plan order)."""
    mine = rank(item)
    at = next((i for i, other in enumerate(seq) if isinstance(other, dict) and _ranks_after(rank(other), mine)), len(seq))
    seq.insert(at, item)


def _ranks_after(other: Any, mine: Any) -> bool:
    return isinstance(other, int) and isinstance(mine, int) and other > mine


def _in_column(cell: str, col: int) -> str:
    """The same row's cell in column `col` (`file:sheet!F12` → `file:sheet!G12`)."""
    return re.sub(r"[A-Z]+(\d+)$", lambda m: f"{get_column_letter(col)}{m[1]}", cell)


def _at(cell: str, message: str) -> str:
    """A problem at a cell, named with its column's title."""
    letters = re.search(r"!([A-Z]+)\d+$", cell)
    col = column_index_from_string(letters[1]) if letters else 0
    title = LAYOUT.headers[col - 1] if 0 < col <= len(LAYOUT.headers) else ""
    return f"{cell}: {title}: {message}"


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
