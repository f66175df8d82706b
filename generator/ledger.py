"""The 整改台账 as an Excel workbook: one row per task, and one per 旗区 where the 旗区 stand apart.

Officers keep and exchange the ledger in Excel. The workbook holds the
plan's text (问题, 整改目标, 整改措施, 责任单位, 验收单位, 整改时限) and where
each task stands as of a date: its state, the latest published progress,
the latest published notice's window and the close-out date. Only what the
site shows goes in (published notices and reports; nothing dated after the
as-of date). The same data and date give the same bytes: the document
properties carry the as-of date, and the zip entries are written with it.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import unicodedata
import zipfile
from collections.abc import Iterable
from copy import copy
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.styles.cell_style import StyleArray
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from . import messages as M
from . import schema
from .asof import chinese_date
from .model import Dataset, MeasureProgress, Plan, Task, year_status
from .plan_text import numbered_measures
from .reports import milestones
from .schema import LEDGER_WORDS as W
from .sheet_layout import BODY_ALIGNMENT, BORDER, LEDGER_HEAD_FILL, Column, Layout, as_text
from .status import NoticeStatus, Snapshot

FILE_NAME = W["file"]  # the name an officer saves it under

# The task's fields in the ledger and the latest notice's, as the schema declares them (`ledger` width).
TASK_FIELDS = tuple(spec for spec in schema.TASK.fields if spec.ledger)
NOTICE_FIELDS = tuple(spec for spec in schema.NOTICE.fields if spec.ledger)

LAYOUT = Layout(
    (
        Column(W["no"], 5),
        Column(W["banner"], 8),
        *(Column(spec.label, spec.ledger) for spec in TASK_FIELDS),
        Column(W["milestones"], 20),  # the dates inside the measures, with their latest progress
        Column(W["state"], 8),
        Column(W["note"], 18),
        Column(W["progress"], 24),
        Column(W["notice_start"], 10),  # the latest published notice's window, as dates
        Column(W["notice_end"], 10),
        Column(W["withdrawn"], 10),  # a withdrawn notice counts as neither publicity nor close-out
        *(Column(spec.label, spec.ledger) for spec in NOTICE_FIELDS),
    ),
    head_fill=LEDGER_HEAD_FILL,
    frozen_columns=2,  # 序号/旗区 stay in view
)
COLUMNS: tuple[tuple[str, int], ...] = tuple((c.header, c.width) for c in LAYOUT.columns)
LINE_HEIGHT = 15.0  # points per wrapped line at 11 pt, as LibreOffice and WPS space CJK text
A4_LANDSCAPE_MM = 297 - 2 * 10  # paper width less the margins set below
DATE_FORMAT = 'yyyy"年"m"月"d"日"'
FONT_SIZE = 11.0
MAX_ROW_HEIGHT = 409.0  # Excel's limit


def _text_units(text: str) -> float:
    """A text's width in column-width units: a CJK character or full-width mark about two, others one."""
    return sum(2.0 if unicodedata.east_asian_width(c) in "WF" else 1.1 for c in text)


def _lines(values: list[Cell], widths: list[int], size: float) -> int:
    """How many wrapped lines the row's tallest cell takes at font `size` (column widths are in 11 pt units)."""
    lines = 1
    for value, width in zip(values, widths):
        if isinstance(value, dt.date):
            continue
        room = max(1.0, (width - 1) * 0.9 * FONT_SIZE / size)
        lines = max(lines, sum(max(1, math.ceil(_text_units(part) / room)) for part in str(value).split("\n")))
    return lines


def row_fit(values: list[Cell], widths: list[int]) -> tuple[float, float]:
    """(height, font size) that show the row's wrapped text whole, on screen and on paper.

    Excel and WPS do not grow rows of generated files by themselves. A line
    holds the column's width less a unit of padding, a little short of it
    since a line never splits a CJK character; a line break starts a new
    line. A row cannot be taller than Excel's 409 points: a row whose text
    needs more is set in a smaller font until it fits.
    """
    for size in (FONT_SIZE, 10.0, 9.0, 8.0, 7.0):
        height = _lines(values, widths, size) * LINE_HEIGHT * size / FONT_SIZE + 6
        if height <= MAX_ROW_HEIGHT:
            return height, size
    return MAX_ROW_HEIGHT, 7.0


def row_height(values: list[Cell], widths: list[int]) -> float:
    return row_fit(values, widths)[0]


def print_scale(widths: list[int]) -> int:
    """The print zoom that puts every column on the width of A4 landscape (both Excel and LibreOffice honour it)."""
    # A width unit is 7 px at 96 dpi in Excel and nearer 9 in LibreOffice; the larger keeps both on the page.
    total_mm = sum(w * 9 + 5 for w in widths) * 25.4 / 96
    return max(10, min(100, int(100 * A4_LANDSCAPE_MM / total_mm)))


@dataclass(frozen=True)
class Standing:
    """Where a task (or one 旗区 of it) stands: the columns after the plan's text.

    `latest` is the latest published notice covering it, whose declared
    ledger fields (`NOTICE_FIELDS`) fill the last columns.
    """

    state: str
    note: str
    progress: str
    latest: NoticeStatus | None

    def cells(self, as_of: dt.date) -> dict[str, Cell]:
        cells: dict[str, Cell] = {W["state"]: self.state, W["note"]: self.note, W["progress"]: self.progress}
        if self.latest is not None:
            cells[W["notice_start"]] = self.latest.window.start
            cells[W["notice_end"]] = self.latest.window.end
            if self.latest.withdrawal is not None:
                cells[W["withdrawn"]] = self.latest.withdrawal.date
        # A withdrawn notice's text is no longer published (as on its page and in open data): its dates stay.
        withdrawn = self.latest is not None and self.latest.withdrawal is not None
        for spec in NOTICE_FIELDS:
            shown = self.latest is not None and (spec.kind == schema.DATE or not withdrawn)
            values = schema.model_values(self.latest.notice, schema.NOTICE, spec.name) if shown and self.latest else []
            cells[spec.label] = _cell(spec, values, as_of)
        return cells


Cell = str | int | dt.date


def _cell(spec: schema.Field, values: list, as_of: dt.date) -> Cell:
    """A declared field's value as the ledger shows it; a date after `as_of` is not yet known.

    A date stays a date: Excel and WPS sort, filter and print it by DATE_FORMAT.
    """
    if not values:
        return ""
    value = values[0]
    if spec.kind == schema.DATE:
        return value if value <= as_of else ""
    if spec.kind == schema.TEXTS:
        return "\n".join(ordinal + text for ordinal, text in numbered_measures(value))
    if spec.kind == schema.TEXT and not isinstance(value, str):
        return str(value.text)  # the published text of a parsed field (责任单位, 整改时限)
    return value


def _latest(notices: tuple[NoticeStatus, ...], banner: str | None) -> NoticeStatus | None:
    """The latest published notice covering `banner` (None: the task as a whole)."""
    covering = [n for n in notices if banner is None or banner in n.banners]
    return max(covering, key=lambda n: (n.notice.start, n.id), default=None)


def standing(snap: Snapshot, task: Task) -> tuple[Standing, dict[str, Standing]]:
    """The task's standing and, where its 旗区 stand apart, each 旗区's.

    The one place this module reads the state model (`snap.of` and each
    part's state, the published notices and reports); a 旗区 stands apart
    when its own part's state differs, a published notice covers only some
    旗区, or the latest report records it separately.
    """
    status = snap.of(task)
    notices = snap.notices_of(task)
    entries = snap.progress_of(task)
    latest_report, latest_entry = entries[-1] if entries else (None, None)

    def progress_words(text: str, status_word: str) -> str:
        if latest_report is None:
            return ""
        head = M.LEDGER_PROGRESS.format(year=latest_report.year, status=status_word)
        return M.LEDGER_PROGRESS_TEXT.format(head=head, text=text) if text else head

    measures = _measure_lines(latest_entry.measures) if latest_entry is not None else ""
    last = _latest(notices, None)
    whole = Standing(
        state=status.state.label,
        note=status.note,
        progress=progress_words(measures, year_status(latest_entry)[0]) if latest_entry else "",
        latest=last,
    )
    apart = (
        any(n.notice.scope for n in notices)
        or bool(latest_entry and latest_entry.banners)
        or any(status.part(b).state is not status.state for b in task.banners)
    )
    if not apart or not task.banners:
        return whole, {}
    parts: dict[str, Standing] = {}
    for banner in task.banners:
        n = _latest(notices, banner)
        own = latest_entry.banner(banner) if latest_entry else None
        part = status.part(banner)
        parts[banner] = Standing(
            state=part.state.label,
            note=part.note,
            progress=progress_words(own.progress or _measure_lines(own.measures), own.status) if own else "",
            latest=n,
        )
    return whole, parts


def _measure_lines(measures: Iterable[MeasureProgress]) -> str:
    """Each measure's reported progress, one line each by number (1. …)."""
    return "\n".join(f"{m.no}. {m.progress}" for m in sorted(measures, key=lambda m: m.no))


def rows(plan: Plan, snap: Snapshot) -> list[list[Cell]]:
    """One row per task (its plan text, as the schema declares the task's ledger fields), then one per 旗区 apart."""
    out: list[list[Cell]] = []
    for task in plan.tasks:
        whole, parts = standing(snap, task)
        plan_text = {
            spec.label: _cell(spec, schema.model_values(task, schema.TASK, spec.name), snap.as_of)
            for spec in TASK_FIELDS
        }
        plan_text[W["milestones"]] = _milestones(snap, task)
        out.append(_row({W["no"]: task.no, **plan_text, **whole.cells(snap.as_of)}))
        for banner, part in parts.items():
            out.append(_row({W["no"]: task.no, W["banner"]: banner, **part.cells(snap.as_of)}))
    return out


def _milestones(snap: Snapshot, task: Task) -> str:
    """一是 2025年8月底前：2026年度进展…, one line per 时间节点 of the measures (reports.milestones)."""
    numbered = numbered_measures(task.measures)
    return "\n".join(
        M.LEDGER_MILESTONE.format(
            ordinal=numbered[ms.no - 1][0] or M.LEDGER_MEASURE, text=ms.text,
            progress=M.LEDGER_MILESTONE_PROGRESS.format(year=ms.year, progress=ms.progress) if ms.year else "",
        )
        for ms in milestones(snap, task)
    )


def _row(cells: dict[str, Cell]) -> list[Cell]:
    """The row in the layout's column order; a column the row has nothing for is empty."""
    return [cells.get(header, "") for header in LAYOUT.headers]


def _sheet(ws: Worksheet, plan: Plan, snap: Snapshot) -> None:
    LAYOUT.write_header(ws)
    ws.cell(1, LAYOUT.number(W["banner"])).value = plan.subunit_word  # each plan's sheet in its own word
    widths = LAYOUT.widths
    dated: list[Any] = []
    small: dict[int, float] = {}
    for row in rows(plan, snap):
        ws.append(row)
        height, size = row_fit(row, widths)
        ws.row_dimensions[ws.max_row].height = height
        if size != FONT_SIZE:
            small[ws.max_row] = size
        dated += [cell for cell, value in zip(ws[ws.max_row], row) if isinstance(value, dt.date)]
    # Every body cell has the same style: set it once and give the rest a copy of its
    # style indices. Setting alignment and border cell by cell hashed both for each of
    # a region's 30,000 cells and took most of the build's 10 s of workbook. (`_style`
    # is what openpyxl's own copy of a cell's style sets; its stubs leave it out.)
    shared: StyleArray | None = None
    for line in ws.iter_rows(min_row=2):
        for cell in line:
            styled: Any = cell
            if shared is None:
                cell.alignment = BODY_ALIGNMENT
                cell.border = BORDER
                shared = styled._style
            else:
                styled._style = copy(shared)
        as_text(line)
    for cell in dated:
        cell.number_format = DATE_FORMAT
    for line_no, size in small.items():
        for cell in ws[line_no]:
            cell.font = Font(size=size)
    ws.page_setup.scale = print_scale(widths)
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 10 / 25.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    odd = ws.oddFooter
    assert odd is not None and odd.center is not None  # openpyxl makes every part of a new sheet's footer
    odd.center.text = M.SHEET_PAGE_FOOTER
    ws.auto_filter.ref = ws.dimensions


def workbook(dataset: Dataset, snap: Snapshot) -> Workbook:
    wb = Workbook()
    first = True
    for plan in dataset.plans:
        ws = wb.active if first else wb.create_sheet()
        assert ws is not None
        first = False
        ws.title = W["sheet"] if len(dataset.plans) == 1 else plan.id[:31]
        _sheet(ws, plan, snap)
    stamp = dt.datetime.combine(snap.as_of, dt.time(0))
    wb.properties.title = M.LEDGER_TITLE.format(day=chinese_date(snap.as_of))
    wb.properties.creator = dataset.site.publisher
    wb.properties.created = stamp
    wb.properties.modified = stamp
    return wb


class _InMemoryWriter(ExcelWriter):
    """openpyxl's writer with each sheet's XML made in memory, not in a temporary file.

    openpyxl writes a sheet to a file in the system's temporary folder first;
    on a full disk or under a file size limit that fails with lxml's
    SerialisationError (no OSError, no file named) and a second error when
    the half-written sheet is collected. The workbooks made here are small:
    the only file written is the one the caller writes, whole, by atomicfile.
    """

    def write_worksheet(self, ws: Any) -> None:  # openpyxl's private parts, as its own write_worksheet uses them
        from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
        from openpyxl.worksheet._writer import WorksheetWriter

        ws._drawing = SpreadsheetDrawing()
        ws._drawing.charts = ws._charts
        ws._drawing.images = ws._images
        out = io.BytesIO()
        writer = WorksheetWriter(ws, out=out)
        writer.write()
        ws._rels = writer._rels  # type: ignore[attr-defined]
        self._archive.writestr(ws.path[1:], out.getvalue())  # type: ignore[attr-defined]
        self.manifest.append(ws)


def xlsx_bytes(wb: Workbook, day: dt.date) -> bytes:
    """The workbook as bytes that depend only on its content and `day`.

    openpyxl's `save` stamps the time of saving into docProps/core.xml and
    each zip entry; here the properties keep what the caller set and every
    entry is dated `day`, in the order openpyxl wrote them.
    """
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        _InMemoryWriter(wb, archive).save()
    fixed = io.BytesIO()
    stamp = (day.year, day.month, day.day, 0, 0, 0)
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))
    return fixed.getvalue()


def ledger_bytes(dataset: Dataset, snap: Snapshot) -> bytes:
    """The 整改台账 as of the snapshot's date: `gongshi ledger export` and the site's download."""
    return xlsx_bytes(workbook(dataset, snap), snap.as_of)
