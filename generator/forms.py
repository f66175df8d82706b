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

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from . import atomicfile
from . import messages as M
from .asof import chinese_date
from .model import Notice, Plan, Task
from .plan_text import measure_ordinal
from .titles import scope_words

# Faces named as Windows and WPS name them; a machine without one substitutes its own.
TITLE_FONT = "方正小标宋简体"
HEADING_FONT = "黑体"
BODY_FONT = "仿宋_GB2312"
LATIN_FONT = "Times New Roman"
TITLE_SIZE = Pt(22)  # 二号
BODY_SIZE = Pt(16)  # 三号
LINE_PITCH = Pt(28)
TABLE_SIZE = Pt(14)  # 四号: the two tables hold the whole task text

BLANK_DATE = "年    月    日"
BLANK_CONTACT = "（联系人:              ）"


@dataclass(frozen=True)
class Party:
    """A 责任单位 writing its own 自验报告 and 申请表: a 旗区 or a department."""

    name: str
    banner: bool

    @property
    def we(self) -> str:
        """我旗 / 我区 / 我单位: how the template's 我旗、区（单位） reads for this party."""
        if self.banner:
            return "我旗" if self.name.endswith("旗") else "我区"
        return "我单位"


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
        scope = f"（涉及{'、'.join(self.scope)}）" if self.scope else ""
        return f"第{self.task.no}项整改任务{scope}"

    @property
    def banners_words(self) -> str:
        """The template's ××旗、区: the 旗区 concerned, or nothing for a task of departments only."""
        return "、".join(self.banners)


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
    para.paragraph_format.line_spacing = Pt(36)
    para.paragraph_format.space_after = Pt(28)


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


def _table(doc: DocxDocument, rows: list[tuple[str, list[str]]]) -> None:
    """The two-column form table of 意见表 and 申请表: label on the left, content on the right."""
    table = doc.add_table(rows=0, cols=2)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = (Cm(3.4), Cm(12.2))  # the text width of A4 less the 公文 margins
    for column, width in zip(table.columns, widths):
        column.width = width  # the grid: what LibreOffice and WPS lay out by
    for label, paragraphs in rows:
        left, right = table.add_row().cells
        left.width, right.width = widths
        left.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        for i, line in enumerate(label.split("\n")):
            para = left.paragraphs[0] if i == 0 else left.add_paragraph()
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _fonts(para.add_run(line), HEADING_FONT if i == 0 else BODY_FONT, TABLE_SIZE)
        first = True
        for text in paragraphs or [""]:
            para = right.paragraphs[0] if first else right.add_paragraph()
            first = False
            _fonts(para.add_run(text), BODY_FONT, TABLE_SIZE)
        for _ in range(2 if paragraphs else 6):  # room to write by hand
            right.add_paragraph()


# --- the four forms ---------------------------------------------------------------------


def _task_sections(doc: DocxDocument, fs: FormSet, note: str) -> None:
    """一、整改任务 to 四、整改完成情况, shared by the 验收销号报告 and the 自验报告."""
    _heading(doc, "一、整改任务")
    _paragraph(doc, fs.task.problem)
    _heading(doc, "二、整改目标")
    _paragraph(doc, fs.task.goal)
    _heading(doc, "三、整改措施")
    for i, measure in enumerate(fs.task.measures, 1):
        _paragraph(doc, f"{measure_ordinal(i)}{measure}" if len(fs.task.measures) > 1 else measure)
    heading = "四、整改完成情况"
    _heading(doc, heading)
    if fs.notice is not None:
        for text in _texts(fs.notice.completion):
            _paragraph(doc, text)
        return
    # The template's instruction, kept for the writer, and a blank under each measure.
    _paragraph(doc, f"（{note}）")
    for i in range(1, len(fs.task.measures) + 1):
        _paragraph(doc, f"{measure_ordinal(i)}完成情况：" if len(fs.task.measures) > 1 else "完成情况：")
        _paragraph(doc, "")


def report(fs: FormSet) -> DocxDocument:
    """整改任务的验收销号报告: the lead acceptance unit reports to the city government."""
    title = f"关于{fs.round}\n整改任务的验收销号报告"
    doc = new_document(title.replace("\n", ""))
    _title(doc, title)
    _paragraph(doc, f"{fs.plan.area}人民政府:", indent=False)
    units = "、".join(fs.task.acceptance.units)
    _paragraph(
        doc,
        f"我单位对{fs.plan.area}贯彻落实{fs.round}{fs.task_words}，组织各相关验收单位（{units}）进行了复核验收，"
        "现将此项整改任务验收情况报告如下：",
    )
    _task_sections(
        doc, fs,
        "对照整改措施逐条梳理，对反馈问题涉及的全市所有任务完成情况均要逐一作出说明，需要制定的政策文件逐个列出，不得缺项少项。",
    )
    _paragraph(doc, "")
    _paragraph(doc, "现将验收销号申请表和销号资料随文报上，申请验收销号。")
    _paragraph(doc, "")
    dated = chinese_date(fs.notice.acceptance.date) if fs.notice else BLANK_DATE
    _signature(doc, [fs.task.lead_acceptance_unit, dated])
    _paragraph(doc, BLANK_CONTACT)
    _paragraph(doc, "")
    _paragraph(doc, f"抄送：{fs.plan.area}生态环境保护委员会办公室", indent=False)
    return doc


def opinion(fs: FormSet, unit: str) -> DocxDocument:
    """整改任务验收销号意见表 of one acceptance unit."""
    title = f"{fs.round}\n整改任务验收销号意见表"
    doc = new_document(title.replace("\n", ""))
    _title(doc, title)
    _paragraph(doc, f"验收单位（各市直部门）：{unit}", indent=False)
    whose = fs.banners_words
    recorded = fs.notice is not None and fs.notice.acceptance.unit == unit
    if recorded and fs.notice is not None:
        said = _texts(fs.notice.acceptance.opinion) + [f"验收日期：{chinese_date(fs.notice.acceptance.date)}"]
    else:
        said = [
            (
                f"例：我单位对{whose}{fs.round}第{fs.task.no}项整改任务自验情况进行复核，"
                f"复核认为{whose}第{fs.task.no}项整改任务已完成整改。"
                "（如果验收单位仅涉及其中几项整改措施或工作的复核，需逐项明确复核意见）"
            )
        ]
    _table(doc, [
        ("整改任务", [f"{fs.round}{fs.task_words}：", fs.task.problem]),
        ("复核意见", said),
        ("验收单位\n主要负责同志\n（签字）", []),
    ])
    return doc


def self_check(fs: FormSet, party: Party) -> DocxDocument:
    """验收销号的自验报告 of one responsible 旗区 or department."""
    title = f"关于{fs.round}整改任务\n验收销号的自验报告"
    doc = new_document(title.replace("\n", ""))
    _title(doc, title)
    _paragraph(doc, f"{fs.plan.area}生态环境保护委员会办公室:", indent=False)
    _paragraph(
        doc,
        f"{party.we}对{fs.plan.area}贯彻落实{fs.round}{fs.task_words}进行了自行验收，"
        f"现将整改任务中涉及{party.we}负责的整改工作自验情况报告如下：",
    )
    sub = FormSet(fs.plan, fs.task, fs.scope, None)  # the notice is the acceptance's word, not the unit's
    _task_sections(
        doc, sub,
        "对照整改措施逐条梳理，对涉及的所有企业和点位整改完成情况均要逐一作出说明，需要制定的政策文件逐个列出，不得缺项少项。",
    )
    _paragraph(doc, "")
    _paragraph(doc, "现将验收销号申请表和销号资料随文报上，申请验收销号。")
    _paragraph(doc, "")
    _signature(doc, [party.name, BLANK_DATE])
    _paragraph(doc, BLANK_CONTACT)
    _paragraph(doc, "")
    _paragraph(doc, f"抄送：{'、'.join(fs.task.acceptance.units)}", indent=False)
    return doc


def application(fs: FormSet, party: Party) -> DocxDocument:
    """整改任务验收销号申请表 of one responsible 旗区 or department."""
    title = f"{fs.round}\n整改任务验收销号申请表"
    doc = new_document(title.replace("\n", ""))
    _title(doc, title)
    _paragraph(doc, f"责任单位：{party.name}", indent=False)
    _table(doc, [
        ("整改任务", [f"{fs.round}：", f"{fs.task_words}：{fs.task.problem}"]),
        ("自验意见", [
            (
                f"例：经{party.we}自行验收，{fs.round}第{fs.task.no}项整改任务已完成整改。"
                "（责任单位是各旗区和各部门的，各部门仅对本领域直接负责的整改措施或工作进行自验）"
            )
        ]),
        ("整改责任单位\n主要负责同志\n（签字）", []),
    ])
    _paragraph(doc, "注：各旗区由政府主要负责同志签字。", indent=False)
    return doc


def documents(fs: FormSet) -> list[tuple[str, DocxDocument]]:
    """Every form of the set with its file name, in the appendix's order."""
    docs: list[tuple[str, DocxDocument]] = [("1-验收销号报告.docx", report(fs))]
    docs += [(f"2-验收销号意见表-{unit}.docx", opinion(fs, unit)) for unit in fs.task.acceptance.units]
    docs += [(f"3-自验报告-{p.name}.docx", self_check(fs, p)) for p in fs.parties]
    docs += [(f"4-验收销号申请表-{p.name}.docx", application(fs, p)) for p in fs.parties]
    return docs


def default_folder(fs: FormSet, several_plans: bool) -> str:
    """验收销号材料/第37项整改任务（鄂托克旗、杭锦旗）: where the forms go unless --out says otherwise.

    On a site with several plans the plan's id comes first: 第12项 alone is ambiguous.
    """
    scope = scope_words(fs.scope)
    plan = f"{fs.plan.id}/" if several_plans else ""
    return f"{M.OFFICER_OUTPUT_DIR}/验收销号材料/{plan}第{fs.task.no}项整改任务{scope}"


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
