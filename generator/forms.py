"""The appendix's four close-out forms (验收销号方案及台账（模板）) as Word documents, filled from the plan.

The plan's appendix ships four templates that every close-out needs:
整改任务的验收销号报告 (by the lead acceptance unit), 整改任务验收销号意见表
(one per acceptance unit), 验收销号的自验报告 and 整改任务验收销号申请表
(one per responsible 旗区 or department). Every × blank that the data can
fill is filled; what only people know (signatures, signing dates, contact
persons, the completion of each measure when no notice records it) stays
blank. Where a notice records the close-out, its completion, acceptance
opinion and date fill the forms that carry them.

Layout follows the usual 公文 conventions (GB/T 9704): A4, title in
方正小标宋简体, headings in 黑体, body in 仿宋_GB2312 三号 at a fixed line
pitch, page margins 37/35/28/26 mm.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from . import atomicfile
from . import messages as M
from .asof import chinese_date
from .model import Notice, Plan, Task
from .plan_text import measure_ordinal
from .titles import scope_words

# The appendix's fixed wording, kept with the page templates (the officers' words live outside code).
WORDS: dict[str, Any] = yaml.safe_load((Path(__file__).parent / "templates" / "forms.yaml").read_text(encoding="utf-8"))

# Faces named as Windows and WPS name them; a machine without one substitutes its own.
TITLE_FONT = WORDS["fonts"]["title"]
HEADING_FONT = WORDS["fonts"]["heading"]
BODY_FONT = WORDS["fonts"]["body"]
LATIN_FONT = "Times New Roman"
TITLE_SIZE = Pt(22)  # 二号
BODY_SIZE = Pt(16)  # 三号
LINE_PITCH = Pt(28)

TABLE_SIZE = Pt(12)  # 小四: the task's whole text, an opinion and a signature on one page
TABLE_PITCH = Pt(16)
BLANK_CHARS = 27  # full-width spaces in a line of 三号 across the text width
CONTACT_CHARS = 8


@dataclass(frozen=True)
class Party:
    """A 责任单位 writing its own 自验报告 and 申请表: a 旗区 or a department."""

    name: str
    banner: bool

    @property
    def we(self) -> str:
        """我旗 / 我县 / 我市 / 我区 / 我单位: how the template's 我旗、区（单位） reads for this party.

        A sub-unit by the last character of its name (鄂托克旗, 洪洞县, 侯马市, 尧都区); one named
        otherwise, and every department, 我单位.
        """
        if self.banner:
            return str(WORDS["we_subunit"].get(self.name[-1:], WORDS["we_unit"]))
        return str(WORDS["we_unit"])


@dataclass(frozen=True)
class FormSet:
    """What the four forms of one close-out are filled from."""

    plan: Plan
    task: Task
    scope: tuple[str, ...]  # the 旗区 accepted this time; empty: the whole task
    notice: Notice | None  # the latest notice recorded for this task and scope, if any

    @property
    def round(self) -> str:
        return self.plan.inspection.round

    @property
    def banners(self) -> tuple[str, ...]:
        return self.scope or self.task.banners

    @property
    def parties(self) -> tuple[Party, ...]:
        """Each responsible 旗区 (of the scope) and each responsible department, in the plan's order."""
        return tuple(Party(b, True) for b in self.banners) + tuple(
            Party(u, False) for u in self.task.responsible.units
        )

    @property
    def task_words(self) -> str:
        """第37项整改任务, with the 旗区 when only some are accepted."""
        scope = WORDS["scope"].format(banners="、".join(self.scope)) if self.scope else ""
        return str(WORDS["task"].format(no=self.task.no, scope=scope))

    @property
    def banners_words(self) -> str:
        """The template's ××旗、区: the 旗区 concerned, or nothing for a task of departments only."""
        return "、".join(self.banners)

    def official(self, names: Iterable[str]) -> str:
        """Names as signed: each 旗区 or unit by its full official name where names.yaml gives it."""
        return "、".join(self.plan.official(n) for n in names)

    @property
    def acceptance_units(self) -> str:
        """The task's acceptance units as signed, or a blank to write in where the plan names none."""
        return self.official(self.task.acceptance.units) or str(WORDS["blank_unit"])

    @property
    def office(self) -> str:
        return str(WORDS["office"].format(area=self.plan.area))


def latest_notice(notices: Iterable[Notice], task: Task, scope: tuple[str, ...]) -> Notice | None:
    """The latest notice of the task whose scope is exactly `scope` (empty: the whole task); a withdrawn one never."""
    chosen = [
        n for n in notices
        if n.plan_id == task.plan_id and n.task_no == task.no and set(n.scope) == set(scope) and n.withdrawn is None
    ]
    return max(chosen, key=lambda n: (n.start, n.id), default=None)


# --- 公文 layout -----------------------------------------------------------------------


def _fonts(run_or_style: object, east_asia: str, size: Pt | None = None, bold: bool = False) -> None:
    """Set the Latin and East-Asian faces: python-docx's font.name alone leaves w:eastAsia unset."""
    font = run_or_style.font  # type: ignore[attr-defined]
    font.name = LATIN_FONT
    if size is not None:
        font.size = size
    font.bold = bold
    rpr = run_or_style.element.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = rpr.get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:hint"), "eastAsia")


def new_document(title: str) -> DocxDocument:
    """An empty A4 document whose Normal style is the 公文 body."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    normal = doc.styles["Normal"]
    _fonts(normal, BODY_FONT, BODY_SIZE)
    fmt = normal.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = LINE_PITCH
    fmt.space_before = fmt.space_after = Pt(0)
    props = doc.core_properties
    props.title = title
    props.author = ""
    props.comments = ""
    fixed = dt.datetime(2000, 1, 1)  # no build time inside the file
    props.created = props.modified = fixed
    props.last_modified_by = ""
    props.revision = 1
    return doc


def _paragraph(
    doc: DocxDocument | _Cell, text: str = "", *, indent: bool = True, align: int | None = None,
    face: str = BODY_FONT, size: Pt | None = None,
) -> Paragraph:
    para = doc.add_paragraph()
    if indent:
        para.paragraph_format.first_line_indent = Pt(32)  # two characters of 三号
    if align is not None:
        para.alignment = align
    lines = text.split("\n")
    for i, line in enumerate(lines):
        run = para.add_run(line)
        _fonts(run, face, size)
        if i < len(lines) - 1:
            run.add_break()
    return para


def _title(doc: DocxDocument, text: str) -> None:
    para = _paragraph(doc, text, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER, face=TITLE_FONT, size=TITLE_SIZE)
    para.paragraph_format.line_spacing = Pt(32)
    para.paragraph_format.space_after = Pt(14)


def _heading(doc: DocxDocument, text: str) -> None:
    _paragraph(doc, text, face=HEADING_FONT)


def _signature(doc: DocxDocument, lines: Iterable[str]) -> None:
    """The 落款 block: right-aligned, four characters from the right edge."""
    for line in lines:
        para = _paragraph(doc, line, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
        para.paragraph_format.right_indent = Pt(64)


def _texts(text: str) -> list[str]:
    """An officer's multi-paragraph text (as in a notice) as plain paragraphs; list marks dropped."""
    out = []
    for block in text.strip().split("\n\n"):
        for line in block.splitlines():
            line = line.strip()
            if line[:2] in ("- ", "* "):
                line = line[2:].strip()
            if line:
                out.append(line)
    return out


def _table(doc: DocxDocument, rows: list[tuple[str, list[str]]]) -> Any:
    """The two-column form table of 意见表 and 申请表: label on the left, content on the right.

    小四 at a 16 pt pitch, so that the longest task of the plan, a written opinion and the
    signature fit one A4 page with room to spare; no row is split across pages.
    """
    table = doc.add_table(rows=0, cols=2)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = (Cm(3.0), Cm(12.6))  # the text width of A4 less the 公文 margins
    for column, width in zip(table.columns, widths):
        column.width = width  # the grid: what LibreOffice and WPS lay out by

    def cell_paragraph(cell: _Cell, first: bool) -> Paragraph:
        para = cell.paragraphs[0] if first else cell.add_paragraph()
        para.paragraph_format.line_spacing = TABLE_PITCH
        return para

    for label, paragraphs in rows:
        left, right = table.add_row().cells
        left.width, right.width = widths
        for i, line in enumerate(label.split("\n")):
            para = cell_paragraph(left, i == 0)
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _fonts(para.add_run(line), HEADING_FONT if i == 0 else BODY_FONT, TABLE_SIZE)
        for i, text in enumerate(paragraphs or [""]):
            _fonts(cell_paragraph(right, i == 0).add_run(text), BODY_FONT, TABLE_SIZE)
        room = 1 if paragraphs else 3 if len(label.split("\n")) == 1 else 2  # room to write or sign by hand
        for _ in range(room):
            cell_paragraph(right, False)
    _keep_rows_whole(table)
    return table


# --- blanks and guidance ----------------------------------------------------------------


def _underline(para: Paragraph, chars: int, size: Pt | None = None) -> Run:
    """A blank of `chars` full-width spaces, underlined: where the officer writes by hand."""
    run = para.add_run("\u3000" * chars)
    _fonts(run, BODY_FONT, size)
    run.font.underline = True
    return run


def _blank_line(doc: DocxDocument) -> Paragraph:
    para = _paragraph(doc, indent=False)
    _underline(para, BLANK_CHARS)
    return para


def _guide(doc: DocxDocument, run: Run, text: str) -> None:
    """The template's example sentence or instruction, as a Word comment on `run`: seen on screen, not in the form."""
    doc.add_comment(run, text=text, author=WORDS["guidance_author"], initials="")


def _contact(doc: DocxDocument) -> None:
    para = _paragraph(doc)
    _fonts(para.add_run(WORDS["contact"]), BODY_FONT)
    _underline(para, CONTACT_CHARS)
    _fonts(para.add_run(WORDS["contact_end"]), BODY_FONT)


def _keep_rows_whole(table: Any) -> None:
    """No row split across a page break: a signature row is signed whole."""
    for row in table.rows:
        props = row._tr.get_or_add_trPr()
        props.append(OxmlElement("w:cantSplit"))


# --- the four forms ---------------------------------------------------------------------


def _task_sections(doc: DocxDocument, fs: FormSet, guidance: str) -> None:
    """一、整改任务 to 四、整改完成情况, shared by the 验收销号报告 and the 自验报告."""
    task, goal, measures, done = WORDS["headings"]
    _heading(doc, task)
    _paragraph(doc, fs.task.problem)
    _heading(doc, goal)
    _paragraph(doc, fs.task.goal)
    _heading(doc, measures)
    several = len(fs.task.measures) > 1
    for i, measure in enumerate(fs.task.measures, 1):
        _paragraph(doc, f"{measure_ordinal(i)}{measure}" if several else measure)
    heading = _paragraph(doc, done, face=HEADING_FONT)
    if fs.notice is not None:
        for text in _texts(fs.notice.completion):
            _paragraph(doc, text)
        return
    _guide(doc, heading.runs[0], guidance)
    for i in range(1, len(fs.task.measures) + 1):
        _paragraph(doc, WORDS["measure_done"].format(ordinal=measure_ordinal(i)) if several else WORDS["single_measure_done"])
        _blank_line(doc)
        _blank_line(doc)


def _ending(doc: DocxDocument, signer: str, dated: str, copy_to: str) -> None:
    _paragraph(doc, "")
    _paragraph(doc, WORDS["closing"])
    _paragraph(doc, "")
    _signature(doc, [signer, dated])
    _contact(doc)
    _paragraph(doc, "")
    _paragraph(doc, WORDS["copy"].format(to=copy_to), indent=False)


def report(fs: FormSet) -> DocxDocument:
    """整改任务的验收销号报告: the lead acceptance unit reports to the city government."""
    w = WORDS["report"]
    title = w["title"].format(round=fs.round)
    doc = new_document(title.replace("\n", ""))
    _title(doc, title)
    _paragraph(doc, w["to"].format(area=fs.plan.area), indent=False)
    _paragraph(doc, w["opening"].format(
        area=fs.plan.area, round=fs.round, task=fs.task_words, units=fs.acceptance_units,
    ))
    _task_sections(doc, fs, w["guidance"])
    dated = chinese_date(fs.notice.acceptance.date) if fs.notice else WORDS["blank_date"]
    lead = fs.plan.official(fs.task.lead_acceptance_unit) if fs.task.has_acceptance_units else WORDS["blank_unit"]
    _ending(doc, lead, dated, fs.plan.official(fs.office))
    return doc


def opinion(fs: FormSet, unit: str) -> DocxDocument:
    """整改任务验收销号意见表 of one acceptance unit."""
    w = WORDS["opinion"]
    title = w["title"].format(round=fs.round)
    doc = new_document(title.replace("\n", ""))
    _title(doc, title)
    _paragraph(doc, w["unit"].format(unit=fs.plan.official(unit) if unit else WORDS["blank_unit"]), indent=False)
    recorded = fs.notice is not None and fs.notice.acceptance.unit == unit
    said: list[str] = []
    if recorded and fs.notice is not None:
        said = _texts(fs.notice.acceptance.opinion) + [w["date"].format(date=chinese_date(fs.notice.acceptance.date))]
    table = _table(doc, [
        (w["task_label"], [w["task"].format(round=fs.round, task=fs.task_words), fs.task.problem]),
        (w["label"], said),
        (w["sign"], []),
    ])
    if not recorded:
        whose = fs.banners_words
        _guide(doc, table.rows[1].cells[0].paragraphs[0].runs[0],
               w["guidance"].format(whose=whose, round=fs.round, no=fs.task.no))
    return doc


def self_check(fs: FormSet, party: Party) -> DocxDocument:
    """验收销号的自验报告 of one responsible 旗区 or department."""
    w = WORDS["self_check"]
    title = w["title"].format(round=fs.round)
    doc = new_document(title.replace("\n", ""))
    _title(doc, title)
    _paragraph(doc, w["to"].format(area=fs.plan.area), indent=False)
    _paragraph(doc, w["opening"].format(we=party.we, area=fs.plan.area, round=fs.round, task=fs.task_words))
    sub = FormSet(fs.plan, fs.task, fs.scope, None)  # the notice is the acceptance's word, not the unit's
    _task_sections(doc, sub, w["guidance"])
    _ending(doc, fs.plan.official(party.name), WORDS["blank_date"], fs.acceptance_units)
    return doc


def application(fs: FormSet, party: Party) -> DocxDocument:
    """整改任务验收销号申请表 of one responsible 旗区 or department."""
    w = WORDS["application"]
    title = w["title"].format(round=fs.round)
    doc = new_document(title.replace("\n", ""))
    _title(doc, title)
    _paragraph(doc, w["unit"].format(unit=fs.plan.official(party.name)), indent=False)
    table = _table(doc, [
        (w["task_label"], [w["task"].format(round=fs.round),
                           w["task_text"].format(task=fs.task_words, problem=fs.task.problem)]),
        (w["label"], []),
        (w["sign"], []),
    ])
    word = fs.plan.subunit_word  # 各旗区, 各县（市、区）: the plan's own word for its sub-units
    _guide(doc, table.rows[1].cells[0].paragraphs[0].runs[0],
           w["guidance"].format(we=party.we, round=fs.round, no=fs.task.no, word=word))
    _paragraph(doc, w["note"].format(word=word), indent=False)
    return doc


def documents(fs: FormSet) -> list[tuple[str, DocxDocument]]:
    """Every form of the set with its file name, in the appendix's order."""
    names = WORDS["files"]
    docs: list[tuple[str, DocxDocument]] = [(names["report"], report(fs))]
    docs += [(names["opinion"].format(unit=unit), opinion(fs, unit)) for unit in fs.task.acceptance.units]
    if not fs.task.has_acceptance_units:  # the plan names none: one form, its unit left for the officer to write
        docs.append((names["opinion_blank"], opinion(fs, "")))
    docs += [(names["self_check"].format(unit=p.name), self_check(fs, p)) for p in fs.parties]
    docs += [(names["application"].format(unit=p.name), application(fs, p)) for p in fs.parties]
    return docs


def default_folder(fs: FormSet, several_plans: bool) -> str:
    """验收销号材料/第37项整改任务（鄂托克旗、杭锦旗）: where the forms go unless --out says otherwise.

    On a site with several plans the plan's id comes first: 第12项 alone is ambiguous.
    """
    folder = WORDS["folder"].format(plan=f"{fs.plan.id}/" if several_plans else "", no=fs.task.no, scope=scope_words(fs.scope))
    return f"{M.OFFICER_OUTPUT_DIR}/{folder}"


def write(fs: FormSet, folder: Path, force: bool = False) -> list[Path]:
    """Write every form into `folder`; refuses to overwrite (an officer may have edited them) unless `force`."""
    docs = documents(fs)
    targets = [folder / name for name, _ in docs]
    existing = [t for t in targets if t.exists() or t.is_symlink()]
    if existing and (not force or any(t.is_symlink() or t.is_dir() for t in existing)):
        raise FileExistsError(existing)
    made = not folder.exists()
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    try:
        for target, (_, doc) in zip(targets, docs):
            data = io.BytesIO()  # in memory first: python-docx leaves a half-written zip open when the disk fills
            doc.save(data)
            atomicfile.write_bytes(target, data.getvalue(), replace=force)
            written.append(target)
    except BaseException as exc:
        for done in written:  # a set is written whole or not at all: no stray forms to mistake for a full set
            done.unlink(missing_ok=True)
        if made and not any(folder.iterdir()):
            folder.rmdir()
        if isinstance(exc, FileExistsError):  # one appeared while writing: kept, as the check above would
            raise FileExistsError([Path(exc.filename)]) from exc
        raise
    return targets
