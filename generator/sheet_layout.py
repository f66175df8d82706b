"""The workbooks' sheets, declared once: columns, widths, header style, locked cells, choice lists, print setup.

Both workbooks gongshi writes, the 整改台账 (`ledger.py`) and the 年度整改进展
template (`progress_sheet.py`), are one `Layout` each: its columns (header,
width, whether an officer may type in it, the words it offers as a list), the
header's fill and how many columns stay in view. The cell styles are here
and nowhere else; each module fills its rows and reads its own values.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from . import messages as M

THIN = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD_FONT = Font(bold=True)
HEAD_ALIGNMENT = Alignment(wrap_text=True, vertical="center", horizontal="center")
BODY_ALIGNMENT = Alignment(wrap_text=True, vertical="top")
LEDGER_HEAD_FILL = PatternFill("solid", fgColor="F2DCDB")
LOCKED_FILL = PatternFill("solid", fgColor="EDEDED")  # what an officer may not change, header included


@dataclass(frozen=True)
class Column:
    """One column: its header, its width in characters, and what an officer may type in it."""

    header: str
    width: int
    editable: bool = False  # unlocked on a protected sheet (in the rows where the sheet allows it)
    choices: tuple[str, ...] = ()  # offered as a drop-down list, and nothing else accepted


@dataclass(frozen=True)
class Layout:
    """A sheet's columns in order, the header's fill and how many leading columns stay in view."""

    columns: tuple[Column, ...]
    head_fill: PatternFill
    frozen_columns: int

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]

    @property
    def widths(self) -> list[int]:
        return [c.width for c in self.columns]

    def number(self, header: str) -> int:
        """The column's number (from 1) by its header."""
        return self.headers.index(header) + 1

    def write_header(self, ws: Worksheet) -> None:
        """The header row, styled, and every column's width; the header and the leading columns frozen."""
        ws.append(self.headers)
        for i, column in enumerate(self.columns, 1):
            ws.column_dimensions[get_column_letter(i)].width = column.width
            head = ws.cell(1, i)
            head.font = HEAD_FONT
            head.fill = self.head_fill
            head.alignment = HEAD_ALIGNMENT
            head.border = BORDER
        ws.freeze_panes = f"{get_column_letter(self.frozen_columns + 1)}2"
        ws.print_title_rows = "1:1"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4

    def choice_lists(self, ws: Worksheet) -> dict[int, DataValidation]:
        """A drop-down list for each column that offers words (cells are added to it row by row)."""
        lists: dict[int, DataValidation] = {}
        for i, column in enumerate(self.columns, 1):
            if column.choices:
                lists[i] = DataValidation(
                    type="list", formula1='"' + ",".join(column.choices) + '"', allow_blank=True,
                    showErrorMessage=True, errorTitle=column.header,
                    error=M.SHEET_ONLY_CHOOSE.format(words="、".join(column.choices)),
                )
                ws.add_data_validation(lists[i])
        return lists


def as_text(cells: Sequence) -> None:
    """Officers' text starting with '=' stays text, never a formula."""
    for cell in cells:
        if cell.data_type == "f":
            cell.data_type = "s"
