"""Reading a published plan (.txt, .md or .docx) into plan.yaml and tasks.yaml for `gongshi plan import`.

Nothing is guessed: the plan's words are kept as written, and whatever cannot
be placed (a task without a number, a line outside any field, a deadline or
unit list the site cannot read, a missing 验收单位) is listed in the review
with its source line or table cell. Such a task is still written with its
raw text, so `gongshi check` names what is left to fill. Short titles, slugs,
the plan's title and area are never made up: the review lists them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pypinyin import lazy_pinyin

from . import messages as M
from .plan_text import (
    APPENDIX_LINE,
    AREA_SUFFIX,
    DIGITS,
    PLAN_NOTICE_TITLE,
    PREAMBLE_INSPECTION,
    SITE_CLUTTER,
    SUBUNIT_NAME,
    SUBUNIT_WORD,
    SUBUNIT_WORDS,
    TRADITIONAL_ONLY,
    banner_pattern,
    parse_deadline,
    parse_units,
    split_measures,
)
from .schema import PLAN

SUFFIXES = (".txt", ".md", ".docx")


class ImportFailed(Exception):
    """The file cannot be read as a plan at all: nothing is written."""


@dataclass(frozen=True)
class Line:
    text: str
    where: str  # plan.txt:12, or plan.docx 第3段, or plan.docx 表1第2行“整改时限”列


@dataclass
class Note:
    """A line of the review: where in the source, and what to do."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


# The labels of a task's fields, as plans write them, and the tasks.yaml field each fills.
LABELS: dict[str, str] = {
    "问题": "problem", "反馈问题": "problem", "整改问题": "problem", "存在问题": "problem",
    "整改目标": "goal", "整改措施": "measures",
    "责任单位": "responsible_units", "验收单位": "acceptance_units",
    "整改时限": "deadline", "完成时限": "deadline",
}
# Roles other plans name besides 责任单位 and 验收单位: kept in `other_units` as "督办单位：…".
OTHER_ROLES = ("督导单位", "追责单位", "督办单位", "牵头单位", "配合单位")
_ALL_LABELS = sorted([*LABELS, *OTHER_ROLES], key=len, reverse=True)
_LABEL_AT_START = re.compile(rf"^(?P<label>{'|'.join(_ALL_LABELS)})\s*[：:]\s*")
_LABEL_INSIDE = re.compile(rf"(?<=[^\s、，,（(])(?=(?:{'|'.join(x for x in _ALL_LABELS if len(x) > 2)})\s*[：:])")

_CN = DIGITS + "十"
# Numbering styles, outermost first as Chinese documents use them.
STYLES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("一、", re.compile(rf"^(?P<n>[{_CN}]+)、\s*")),
    ("（一）", re.compile(rf"^[（(](?P<n>[{_CN}]+)[）)]\s*")),
    ("第X项", re.compile(rf"^第(?P<n>[{_CN}\d]+)项[、.．：:\s]*")),
    ("1.", re.compile(r"^(?P<n>\d+)[.．](?!\d)\s*")),
    ("1、", re.compile(r"^(?P<n>\d+)、\s*")),
    ("（1）", re.compile(r"^[（(](?P<n>\d+)[）)]\s*")),
    ("一是", re.compile(rf"^(?P<n>[{_CN}]+)是")),
)
_TOP = "一、"
# The numbering one level deeper than a task's: after a task line (and no 整改措施： label) it numbers measures.
DEEPER = {"一、": "（一）", "（一）": "1.", "第X项": "1.", "1.": "（1）", "1、": "（1）"}
# How a plan's title line ends: 整改方案, 整改措施清单.
TITLE_ENDINGS = ("方案", "清单")
_NOTE = re.compile(r"^(?P<title>.+?)(?P<note>（[^（）]*）)$")
_DOC_NO = re.compile(r"〔\d{4}〕\d+号")
_TABLE_HEADS = {"序号": "no", **LABELS, **{r: r for r in OTHER_ROLES}}


def numeral(text: str) -> int | None:
    """一 → 1, 十二 → 12, 二十 → 20, 7 → 7; None for anything else."""
    if text.isdigit():
        return int(text)
    if not text or any(c not in _CN for c in text) or len(text) > 3:
        return None
    if "十" not in text:
        return _CN.index(text) + 1 if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    value = (_CN.index(tens) + 1 if tens else 1) * 10 + (_CN.index(ones) + 1 if ones else 0)
    return value


def numbered(text: str) -> tuple[str, int, str] | None:
    """(style, number, rest) of a numbered line, or None."""
    for style, pattern in STYLES:
        match = pattern.match(text)
        if match and (n := numeral(match["n"])) is not None:
            return style, n, text[match.end():]
    return None


# --- reading the file into lines ------------------------------------------------------------------------


def read_lines(path: Path) -> list[Line]:
    """The file's non-empty lines (a .docx: its paragraphs, and a task table's cells as labelled lines)."""
    name = path.name
    if path.suffix.lower() not in SUFFIXES:
        raise ImportFailed(M.PLAN_IMPORT_SUFFIX.format(file=name))
    if path.suffix.lower() == ".docx":
        lines = _docx_lines(path)
    else:
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ImportFailed(M.PLAN_IMPORT_NOT_UTF8.format(file=name)) from exc
        lines = [Line(_clean(t), f"{name}:{i}") for i, t in enumerate(text.splitlines(), start=1)]
        lines = _flattened_table(lines, name)
    lines = [line for line in lines if line.text]
    if not lines:
        raise ImportFailed(M.PLAN_IMPORT_EMPTY.format(file=name))
    joined = "".join(line.text for line in lines)
    if sum(c in TRADITIONAL_ONLY for c in joined) >= 3:
        raise ImportFailed(M.PLAN_IMPORT_TRADITIONAL.format(file=name))
    # a paste that lost its line breaks: a line holding several tasks (one field label twice), whatever surrounds it
    longest = max(lines, key=lambda line: len(line.text)).text
    labels = [found["label"] for part in _LABEL_INSIDE.split(longest) if (found := _LABEL_AT_START.match(part))]
    if len(labels) > len(set(labels)) or (len(lines) <= 2 and len(_LABEL_INSIDE.findall(joined)) >= 3):
        raise ImportFailed(M.PLAN_IMPORT_ONE_LINE.format(file=name))
    return lines


def _clean(text: str) -> str:
    text = text.replace("\u3000", " ").replace("\xa0", " ").strip()
    return re.sub(r"^#+\s*", "", text)  # a Markdown heading's marks


def _docx_lines(path: Path) -> list[Line]:
    import docx  # python-docx: only this command needs it
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise ImportFailed(M.PLAN_IMPORT_NOT_DOCX.format(file=path.name)) from exc
    lines: list[Line] = []
    body = document.element.body
    paragraph_no = table_no = 0
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph_no += 1
            text = "".join(node.text or "" for node in child.iter() if node.tag.endswith("}t"))
            lines.append(Line(_clean(text), f"{path.name} 第{paragraph_no}段"))
        elif tag == "tbl":
            table_no += 1
            table = docx.table.Table(child, document)
            rows = [[_clean(cell.text) for cell in row.cells] for row in table.rows]
            lines += _table_lines(rows, f"{path.name} 表{table_no}")
    return lines


def _table_lines(rows: list[list[str]], where: str) -> list[Line]:
    """A task table (序号 | 反馈问题 | 整改目标 | …) as the labelled lines a prose plan would have."""
    header = rows[0] if rows else []
    heads = [_TABLE_HEADS.get(re.sub(r"\s", "", cell)) for cell in header]
    if sum(h is not None for h in heads) < 3:  # not a task table: its text, cell by cell
        return [Line(cell, f"{where}第{r}行第{c}列") for r, row in enumerate(rows, 1) for c, cell in enumerate(row, 1)]
    labels = {v: k for k, v in reversed(list(_TABLE_HEADS.items()))}
    lines: list[Line] = []
    for r, row in enumerate(rows[1:], start=2):
        for c, (head, cell) in enumerate(zip(heads, row), start=1):
            cell_where = f"{where}第{r}行“{header[c - 1]}”列"
            if head == "no":
                lines.append(Line(f"（{cell}）" if cell.isdigit() else cell, cell_where))
            elif head is not None and cell:  # an empty cell is a field the row does not give (reported if required)
                label = head if head in OTHER_ROLES else labels[head]
                # a cell's paragraphs (1.…, 2.… in 整改措施) are lines, as in a prose plan
                first, *more = cell.split("\n") if head == "measures" else [cell]
                lines.append(Line(f"{label}：{first}", cell_where))
                lines += [Line(text, cell_where) for text in more if text.strip()]
            elif cell:
                lines.append(Line(cell, cell_where))
    return lines


def _flattened_table(lines: list[Line], name: str) -> list[Line]:
    """A table pasted as text, one cell per line: a run of column headings, then the cells row by row."""
    for start in range(len(lines)):
        count = 0
        while start + count < len(lines) and re.sub(r"\s", "", lines[start + count].text) in _TABLE_HEADS:
            count += 1
        if count >= 3:
            header = [lines[start + i].text for i in range(count)]
            cells = [line for line in lines[start + count:] if line.text]
            rows = [cells[i:i + count] for i in range(0, len(cells), count)]
            converted = _table_lines([header] + [[c.text for c in row] for row in rows], name)
            # each cell keeps its own line number
            flat = [c for row in rows for c in row]
            by_text = iter(flat)
            out = []
            for line in converted:
                source = next(by_text, None)
                out.append(Line(line.text, source.where if source else line.where))
            return lines[:start] + out
    return lines


# --- the plan's structure ---------------------------------------------------------------------------------


@dataclass
class TaskDraft:
    where: str
    number: int | None
    problem: list[str] = field(default_factory=list)
    fields: dict[str, list[Line]] = field(default_factory=dict)
    other: list[str] = field(default_factory=list)
    head_index: int = -1
    problem_no: int | None = None
    field_where: dict[str, str] = field(default_factory=dict)
    unlabelled_measures: str | None = None  # where measures numbered one level deeper start, without 整改措施：


@dataclass
class Imported:
    plan: dict[str, Any]
    tasks: list[dict[str, Any]]
    notes: list[Note]
    task_count: int


def import_plan(lines: Sequence[Line], known_slugs: KnownSlugs | None = None) -> Imported:
    """The plan in `lines`; `known_slugs` (area → name → slug in the project's other plans) are kept for the same
    area (city), never regenerated."""
    notes: list[Note] = []
    source = _file_of(lines[0]) if lines else ""
    # A web page's clutter (来源：…, 责任编辑：…, 打印本页) is no part of the plan: reported, never glued onto a field.
    notes += [Note(line.where, M.PLAN_IMPORT_SITE_LINE) for line in lines if SITE_CLUTTER.search(line.text)]
    lines = [line for line in lines if not SITE_CLUTTER.search(line.text)]
    # 附件 after the tasks starts the appendix (procedure, templates, a list of names); before them it is the
    # heading of a notice's attachment, and the plan starts after it (see _head).
    first_field = next((i for i, line in enumerate(lines) if _has_label(line.text)), len(lines))
    appendix = next((i for i, line in enumerate(lines) if i > first_field and APPENDIX_LINE.fullmatch(line.text)), None)
    if appendix is not None:
        notes.append(Note(lines[appendix].where, M.PLAN_IMPORT_APPENDIX))
        lines = lines[:appendix]
    task_style = _task_style(lines)
    if task_style is None:
        raise ImportFailed(M.PLAN_IMPORT_NO_TASKS.format(file=source))
    tops = [i for i, line in enumerate(lines) if task_style != _TOP and _style(line) == _TOP]
    first_top = tops[0] if tops else _head_end(lines, task_style, first_field)
    head_lines = lines[:first_top] if first_top is not None else []
    if not tops:
        lines = lines[len(head_lines):]
    plan: dict[str, Any] = {}
    _head(head_lines, plan, notes)

    # Sections: 一、总体要求, 二、整改任务, 三、保障措施 …; without them the whole text holds the tasks.
    sections: list[tuple[Line, list[Line]]] = []
    for n, index in enumerate(tops):
        end = tops[n + 1] if n + 1 < len(tops) else len(lines)
        sections.append((lines[index], list(lines[index + 1:end])))
    task_lines: list[Line] = list(lines) if not tops else []
    tasks_body = max((body for _, body in sections), key=_labelled, default=None)
    for heading, body in sections:
        title = numbered(heading.text)[2] if numbered(heading.text) else heading.text  # type: ignore[index]
        if body is tasks_body:
            task_lines = body
            intro = []
            for line in body:
                if _style(line) is not None or _LABEL_AT_START.match(line.text):
                    break
                intro.append(line.text)
            if intro:
                plan["tasks_intro"] = "".join(intro)
                task_lines = body[len(intro):]
        elif "保障" in title:
            plan["safeguards"] = _safeguards(body, notes)
        elif "requirements" not in plan:
            paragraphs = [line.text for line in body]
            plan["requirements"] = {"title": title, "paragraphs": paragraphs}
        else:
            notes += [Note(line.where, M.PLAN_IMPORT_NOT_PLACED) for line in [heading, *body]]

    chapters, drafts = _tasks(task_lines, task_style, notes)
    plan["chapters"] = chapters
    tasks = [_task(d, i, notes) for i, d in enumerate(drafts, start=1)]
    word = subunit_word(tasks)
    if word is not None and word != SUBUNIT_WORD:  # 旗区 is what a plan without the field means
        plan["subunit_word"] = word
        notes.append(Note("plan.yaml", M.PLAN_IMPORT_SUBUNIT_WORD.format(word=word)))
    banners, units = _names(tasks, drafts, notes, word or SUBUNIT_WORD)
    same_city, other_cities = _slugs_for(plan.get("area"), known_slugs or {})
    slugs = suggested_slugs([*banners, *units], same_city, other_cities, plan.get("area"))
    plan["banners"] = [{"name": b, "slug": slugs[b]} for b in banners]
    plan["units"] = [{"name": u, "slug": slugs[u]} for u in units]
    kept = sum(1 for name in slugs if name in same_city)
    apart = [name for name in slugs if name not in same_city and name in other_cities]
    if kept:
        notes.append(Note("plan.yaml", M.PLAN_IMPORT_SLUGS_KEPT.format(count=kept, word=word or SUBUNIT_WORD)))
    if apart:
        notes.append(Note("plan.yaml", M.PLAN_IMPORT_SLUGS_APART.format(
            count=len(apart), names="、".join(apart), area=plan.get("area") or "", slugs="、".join(slugs[n] for n in apart)
        ) if plan.get("area") else M.PLAN_IMPORT_SLUGS_APART_NO_AREA.format(count=len(apart), names="、".join(apart))))
    if len(slugs) > kept + len(apart):
        notes.append(Note("plan.yaml", M.PLAN_IMPORT_SLUGS.format(
            count=len(slugs) - kept - len(apart), word=word or SUBUNIT_WORD
        )))
    if tasks:
        numbers = number_ranges([task["no"] for task in tasks if isinstance(task.get("no"), int)])
        notes.append(Note("tasks.yaml", M.PLAN_IMPORT_NO_TITLES.format(count=len(tasks), numbers=numbers)))
    # Every field the plan's schema requires and the text did not give, once (some are named above, with a reason).
    named = {n.message for n in notes}
    for spec in PLAN.fields:
        fill = _fill(spec.name)
        if spec.required and spec.name not in plan and fill not in named and not (
            spec.name == "procedure" and appendix is not None  # the appendix line says where it is
        ):
            notes.append(Note("plan.yaml", fill))
    return Imported(plan, tasks, notes, len(tasks))


# Slugs of the other plans' 旗区 and units: area (the city, plan.yaml `area`) → name → slug.
KnownSlugs = Mapping[str, Mapping[str, str]]


def _slugs_for(area: str | None, known: KnownSlugs) -> tuple[dict[str, str], dict[str, str]]:
    """(name → slug in plans of the same city, name → slug in other cities' plans)."""
    same = dict(known.get(area, {})) if area else {}
    other: dict[str, str] = {}
    for city, names in known.items():
        if city != area or not area:
            for name, slug in names.items():
                other.setdefault(name, slug)
    return same, other


def _fill(path: str) -> str:
    """原文中没有督察轮次（inspection.round）…: the field by its label in schema.py, and its key in plan.yaml."""
    record, spec = PLAN, None
    for name in path.split("."):
        spec = record.field(name)
        record = spec.record or record
    assert spec is not None
    return M.PLAN_IMPORT_FILL.format(label=spec.label, field=path)


def suggested_slugs(
    names: Sequence[str], same_city: Mapping[str, str], other_cities: Mapping[str, str] | None = None,
    area: str | None = None,
) -> dict[str, str]:
    """Each name's 网址名: the one it has in another plan of the same city, else its pinyin (杭锦旗 → hangjinqi).

    A slug becomes part of public URLs, so it is written once and never
    regenerated: a name another plan of the same city (`area`) already has
    keeps its slug (one unit, one page across that city's plans), and a plan
    already published keeps its own (`--replace` is refused once it has
    notices or reports). The same name in another city's plan is another body
    (沧州's 市生态环境局 is not 鄂尔多斯's): its slug starts with the area's pinyin
    (cangzhou-shishengtaihuanjingju). Every slug is distinct from all the
    others'. Polyphones may be read wrong (长治 → zhangzhi): the review says so.
    """
    other_cities = other_cities or {}
    slugs: dict[str, str] = {name: same_city[name] for name in names if name in same_city}
    taken: set[str] = {*same_city.values(), *other_cities.values()}
    prefix = _pinyin(AREA_SUFFIX.sub("", area)) if area else ""
    for index, name in enumerate(names, start=1):
        if name in slugs:
            continue
        base = _pinyin(name) or f"unit-{index}"
        if name in other_cities and prefix:
            base = f"{prefix}-{base}"
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        slugs[name] = slug
    return slugs


def _pinyin(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", "".join(lazy_pinyin(text, errors="ignore")).lower())


def known_slugs(plans_dir: Path) -> dict[str, dict[str, str]]:
    """Area → name → slug of every 旗区 and unit in the plans already in `plans_dir` (one unreadable is skipped)."""
    found: dict[str, dict[str, str]] = {}
    for plan_yaml in sorted(plans_dir.glob("*/plan.yaml")):
        if plan_yaml.parent.name.startswith("."):
            continue
        try:
            plan = yaml.safe_load(plan_yaml.read_text(encoding="utf-8"))
        except (OSError, ValueError, yaml.YAMLError):
            continue
        if not isinstance(plan, dict):
            continue
        names = found.setdefault(str(plan.get("area") or ""), {})
        for entry in [*(plan.get("banners") or []), *(plan.get("units") or [])]:
            if isinstance(entry, dict) and isinstance(entry.get("name"), str) and isinstance(entry.get("slug"), str):
                names.setdefault(entry["name"], entry["slug"])
    return found


def number_ranges(numbers: Sequence[int]) -> str:
    """1, 2, 3, 5 → 1–3、5: task numbers as the plan's own lists write them."""
    parts: list[str] = []
    ordered = sorted(set(numbers))
    start = 0
    for i in range(1, len(ordered) + 1):
        if i == len(ordered) or ordered[i] != ordered[i - 1] + 1:
            first, last = ordered[start], ordered[i - 1]
            parts.append(str(first) if first == last else f"{first}–{last}")
            start = i
    return "、".join(parts)


def _file_of(line: Line) -> str:
    """The file a line's place names: plan.txt of plan.txt:12, plan.docx of plan.docx 第3段 or plan.docx 表1…"""
    return re.sub(r"(?::\d+| 第\d+段| 表\d+.*)$", "", line.where)


def _has_label(text: str) -> bool:
    return bool(_LABEL_AT_START.match(text) or _LABEL_INSIDE.search(text))


def _head_end(lines: Sequence[Line], task_style: str, first_field: int) -> int | None:
    """Without 一、 sections, where the plan's head (a notice, the title, the preamble) ends: at the first task
    line, or at the headings (chapters, problems) right above it. None when a field comes before the first task
    (an excerpt starting mid-task: nothing before it is a head)."""
    first_task = next((i for i, line in enumerate(lines) if _style(line) == task_style), None)
    if first_task is None or first_task > first_field:
        return None
    end = first_task
    while end > 0 and _style(lines[end - 1]) not in (None, "一是"):
        end -= 1
    return end


def _labelled(body: Sequence[Line]) -> int:
    return sum(bool(_LABEL_AT_START.match(line.text)) for line in body)


def _style(line: Line) -> str | None:
    found = numbered(line.text)
    return found[0] if found else None


def _task_style(lines: Sequence[Line]) -> str | None:
    """The numbering of the line just before a task's first labelled field: that is how this plan numbers tasks."""
    for index, line in enumerate(lines):
        if _LABEL_AT_START.match(line.text) and LABELS.get(_LABEL_AT_START.match(line.text)["label"]) != "problem":  # type: ignore[index]
            for back in range(index - 1, -1, -1):
                if _LABEL_AT_START.match(lines[back].text):
                    continue
                style = _style(lines[back])
                if style is not None and style != "一是":
                    return style
                if style == "一是":  # a measure of a task this text does not hold (an excerpt)
                    break
            return "（1）"
    return None


def _head(lines: Sequence[Line], plan: dict[str, Any], notes: list[Note]) -> None:
    """Before 一、: a 印发通知 (its 文号 and words, not the plan's), the plan's title, the preamble."""
    lines = list(lines)
    wrapper = next((i for i, line in enumerate(lines) if PLAN_NOTICE_TITLE.fullmatch(line.text)), None)
    start = 0
    if wrapper is not None:
        wrapped_title = PLAN_NOTICE_TITLE.fullmatch(lines[wrapper].text)["title"]  # type: ignore[index]
        plan["title"] = wrapped_title
        own = next((i for i in range(wrapper + 1, len(lines)) if lines[i].text == wrapped_title), None)
        if own is None:  # no title line of its own: the notice ends with the line handing the plan over (印发给你们…)
            start = 1 + max(i for i in range(wrapper, len(lines)) if "印发" in lines[i].text or _DOC_NO.search(lines[i].text))
        else:
            start = own + 1
        notes += [Note(line.where, M.PLAN_IMPORT_NOTICE_LINE) for line in lines[: start if own is None else own]]
    # A notice's 附件 heading (附件, 附件1): the plan starts after it; what is before it is the notice's.
    attachment = next((i for i in range(len(lines)) if APPENDIX_LINE.fullmatch(lines[i].text)), None)
    if attachment is not None and attachment >= start:
        notes += [Note(line.where, M.PLAN_IMPORT_NOTICE_LINE) for line in lines[start:attachment]]
        notes.append(Note(lines[attachment].where, M.PLAN_IMPORT_ATTACHMENT_HEADING))
        start = attachment + 1
    if wrapper is None and start < len(lines) and lines[start].text.endswith(TITLE_ENDINGS) and len(
        lines[start].text
    ) < 60:
        plan["title"] = lines[start].text
        start += 1
    preamble = [line.text for line in lines[start:]]
    if not preamble:
        notes.append(Note("plan.yaml", _fill("preamble")))
        return
    plan["preamble"] = "\n".join(preamble)
    if len(preamble) > 1:
        notes.append(Note(lines[start].where, M.PLAN_IMPORT_PREAMBLE_LINES.format(count=len(preamble))))
    found = PREAMBLE_INSPECTION.search(plan["preamble"])
    if found is None:
        notes.append(Note("plan.yaml", _fill("inspection")))
        return
    sy = int(found["sy"])
    plan["area"] = found["area"]
    plan["inspection"] = {
        "body": found["body"],
        "start": dt.date(sy, int(found["sm"]), int(found["sd"])),
        "end": dt.date(int(found["ey"] or sy), int(found["em"]), int(found["ed"])),
        "report_date": dt.date(int(found["ry"]), int(found["rm"]), int(found["rd"])),
        "report_title": found["report"],
    }
    notes.append(Note("plan.yaml", _fill("inspection.round")))


def _safeguards(body: Sequence[Line], notes: list[Note]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for line in body:
        head = numbered(line.text)
        if head is not None and head[0] == "（一）":
            title, dot, first = head[2].partition("。")
            found.append({"title": title, "paragraphs": [first] if first else []})
        elif found:
            found[-1]["paragraphs"].append(line.text)
        else:
            notes.append(Note(line.where, M.PLAN_IMPORT_NOT_PLACED))
    return found


def _tasks(lines: Sequence[Line], task_style: str, notes: list[Note]) -> tuple[list[dict[str, Any]], list[TaskDraft]]:
    """Chapters and problems (the numbered lines above the tasks, outer style first) and each task's lines."""
    heads: list[tuple[str, str, Line]] = []  # (style, text, line) of every heading above tasks, in order
    drafts: list[TaskDraft] = []
    current: TaskDraft | None = None
    label: str | None = None
    measure_style: str | None = None
    measure_no = 0
    for line in lines:
        text = line.text
        parts = [p for p in _LABEL_INSIDE.split(text) if p] or [text]
        for part in parts:
            head = numbered(part)
            labelled = _LABEL_AT_START.match(part)
            if labelled:
                label = labelled["label"]
                value = part[labelled.end():]
                if current is None:
                    notes.append(Note(line.where, M.PLAN_IMPORT_NO_NUMBER.format(label=label)))
                    current = TaskDraft(line.where, None, head_index=len(heads) - 1)
                    drafts.append(current)
                current.fields.setdefault(label, []).append(Line(value, line.where))
                first = numbered(value) if label == "整改措施" else None
                measure_style, measure_no = (first[0], first[1]) if first else (None, 0)
                continue
            if label == "整改措施" and current is not None and head is None:
                head = _next_measure(part, measure_style, measure_no)
            if head is not None and label == "整改措施" and current is not None:
                style, n, _ = head
                if measure_style is None and n == 1 and style != task_style:
                    measure_style = style
                if style == measure_style and n == measure_no + 1:
                    measure_no = n
                    current.fields["整改措施"].append(Line(part, line.where))
                    continue
            if (head is not None and current is not None and head[0] == DEEPER.get(task_style) and head[1] == 1
                    and "整改措施" not in current.fields):
                # one level deeper than the tasks, with no 整改措施： label: the task's measures (reported)
                current.fields["整改措施"] = [Line(part, line.where)]
                current.unlabelled_measures = line.where
                label, measure_style, measure_no = "整改措施", head[0], 1
                continue
            if head is not None and head[0] == task_style:
                current = TaskDraft(line.where, head[1], [head[2]] if head[2] else [], head_index=len(heads) - 1)
                drafts.append(current)
                label = None
                continue
            if head is not None and head[0] != "一是":
                heads.append((head[0], head[2], line))
                current, label = None, None
                continue
            if current is not None and label is not None:
                current.fields[label].append(Line(part, line.where))
            elif current is not None:
                current.problem.append(part)
            else:
                notes.append(Note(line.where, M.PLAN_IMPORT_NOT_PLACED))
    return _grouping(heads, drafts, notes), drafts


def _grouping(heads: list[tuple[str, str, Line]], drafts: list[TaskDraft], notes: list[Note]) -> list[dict[str, Any]]:
    """Two heading styles are chapters and problems; one style is problems in one untitled chapter; none, a
    problem per task. Each task belongs to the problem above it."""
    styles = list(dict.fromkeys(style for style, _, _ in heads))
    chapters: list[dict[str, Any]] = []
    problem_of_head: dict[int, int] = {}
    problems = 0
    for index, (style, text, line) in enumerate(heads):
        level = styles.index(style)
        if len(styles) > 1 and level == 0:
            chapters.append({"no": len(chapters) + 1, "title": text, "problems": []})
            continue
        if level > 1:
            notes.append(Note(line.where, M.PLAN_IMPORT_DEEP_HEADING))
        if not chapters:
            chapters.append({"no": 1, "problems": []})
        problems += 1
        chapters[-1]["problems"].append({"no": problems, **_problem_title(text)})
        problem_of_head[index] = problems
    if len(styles) == 1:
        notes.append(Note("plan.yaml", M.PLAN_IMPORT_NO_CHAPTER_TITLE))
    if not heads:
        chapters = [{"no": 1, "problems": [{"no": i} for i in range(1, len(drafts) + 1)]}]
        notes.append(Note("plan.yaml", M.PLAN_IMPORT_NO_CHAPTERS))
        for i, draft in enumerate(drafts, start=1):
            draft.problem_no = i
        return chapters
    for draft in drafts:
        index = draft.head_index
        while index >= 0 and index not in problem_of_head:
            index -= 1
        draft.problem_no = problem_of_head.get(index)
        if draft.problem_no is None:
            notes.append(Note(draft.where, M.PLAN_IMPORT_NO_PROBLEM))
    return chapters


def _problem_title(text: str) -> dict[str, str]:
    match = _NOTE.match(text)
    if match and match["title"].endswith("。"):
        return {"title": match["title"], "note": match["note"]}
    return {"title": text}


def _task(draft: TaskDraft, no: int, notes: list[Note]) -> dict[str, Any]:
    task: dict[str, Any] = {"no": no}
    if draft.problem_no is not None:
        task["problem_no"] = draft.problem_no
    if draft.number is not None and draft.number != no:
        notes.append(Note(draft.where, M.PLAN_IMPORT_RENUMBERED.format(number=draft.number, no=no)))
    problem = "".join(draft.problem) or "".join(x.text for x in draft.fields.get("问题", []) + draft.fields.get(
        "反馈问题", []) + draft.fields.get("整改问题", []) + draft.fields.get("存在问题", []))
    if problem:
        task["problem"] = problem
    else:
        notes.append(Note(draft.where, M.PLAN_IMPORT_MISSING.format(no=no, label="问题")))
    by_field: dict[str, list[Line]] = {}
    roles: dict[str, str] = {}
    for label, lines in draft.fields.items():
        if label in OTHER_ROLES:
            roles[label] = "".join(v.text for v in lines)
            if not roles[label]:  # 督办单位： with nothing after it names no unit
                continue
            task.setdefault("other_units", []).append(f"{label}：{roles[label]}")
        elif LABELS[label] != "problem":
            by_field.setdefault(LABELS[label], []).extend(lines)
    if "responsible_units" not in by_field and roles.get("牵头单位"):
        # 牵头单位 and 配合单位 are the plan's 责任单位 split in two: written the way 责任单位 reads them, and reported
        text = "，".join(x for x in (roles["牵头单位"] + "牵头", roles.get("配合单位")) if x)
        where = draft.fields["牵头单位"][0].where
        by_field["responsible_units"] = [Line(text, where)]
        notes.append(Note(where, M.PLAN_IMPORT_LEAD_AS_RESPONSIBLE.format(no=no, text=text)))
    for name, label in (("goal", "整改目标"), ("measures", "整改措施"), ("responsible_units", "责任单位"),
                        ("acceptance_units", "验收单位"), ("deadline", "整改时限")):
        values = by_field.get(name)
        if not values or not "".join(v.text for v in values):
            missing = M.PLAN_IMPORT_NO_ACCEPTANCE if name == "acceptance_units" else M.PLAN_IMPORT_MISSING
            notes.append(Note(draft.where, missing.format(no=no, label=label)))
            continue
        draft.field_where[name] = values[0].where
        if name == "measures" and draft.unlabelled_measures is not None:
            notes.append(Note(draft.unlabelled_measures, M.PLAN_IMPORT_MEASURES_UNLABELLED.format(no=no)))
        if name == "measures":
            task[name] = _measures(values, no, notes)
        else:
            task[name] = "".join(v.text for v in values)
    if "deadline" in task:
        try:
            parse_deadline(task["deadline"])
        except ValueError as exc:
            notes.append(Note(by_field["deadline"][0].where, M.PLAN_IMPORT_FIELD.format(no=no, label="整改时限", problem=exc)))
    return task


def _measures(values: list[Line], no: int, notes: list[Note]) -> list[str]:
    """一是…二是… in a paragraph, or one numbered line each; an unnumbered first line is kept, and reported."""
    texts = [v.text for v in values if v.text]
    if len(texts) == 1:
        return split_measures(texts[0])
    measures: list[str] = []
    for index, text in enumerate(texts):
        head = numbered(text) or (_next_measure(text, "1.", index) if index else None)
        if head is not None:
            measures.append(head[2])
        else:
            if index == 0:
                notes.append(Note(values[0].where, M.PLAN_IMPORT_MEASURE_UNNUMBERED.format(no=no)))
            measures.append(text)
    return measures


def _next_measure(text: str, style: str | None, previous: int) -> tuple[str, int, str] | None:
    """A measure numbered 1. followed by a date (2.2024年6月底前…), which `numbered` leaves alone as a decimal."""
    match = re.match(rf"{previous + 1}[.．]", text) if style == "1." else None
    return ("1.", previous + 1, text[match.end():]) if match else None


def subunit_word(tasks: list[dict[str, Any]]) -> str | None:
    """What the plan calls its sub-units, from its unit lists (各县（市、区）政府, 相关区县党委和政府), if it names them so."""
    texts = "，".join(str(task.get(name, "")) for task in tasks for name in ("responsible_units", "acceptance_units"))
    counts = {word: texts.count(f"各{word}") + texts.count(f"相关{word}") for word in SUBUNIT_WORDS}
    found = max(counts, key=lambda word: counts[word])
    return found if counts[found] else None


def _names(
    tasks: list[dict[str, Any]], drafts: list[TaskDraft], notes: list[Note], word: str
) -> tuple[list[str], list[str]]:
    """The 旗区 and units the tasks name, in order of first appearance; an unreadable unit list is reported."""
    banners: list[str] = []
    for task in tasks:
        for name in ("responsible_units", "acceptance_units"):
            for part in str(task.get(name, "")).split("，"):
                match = banner_pattern(word).fullmatch(part.strip())
                if match is None:
                    continue
                named = [] if match["every"] or match["names"].startswith("相关") else match["names"].split("、")
                excluded = match["excluded"].split("、") if match["excluded"] else []
                banners += [b for b in named + excluded if b not in banners]
    units: list[str] = []
    for task, draft in zip(tasks, drafts):
        for name, label in (("responsible_units", "责任单位"), ("acceptance_units", "验收单位")):
            if name not in task:
                continue
            try:
                refs = parse_units(task[name], banners, word)
            except ValueError as exc:
                where = draft.field_where.get(name, draft.where)
                notes.append(Note(where, M.PLAN_IMPORT_FIELD.format(no=task["no"], label=label, problem=exc)))
                continue
            for unit in refs.units:
                if unit in units:
                    continue
                units.append(unit)
                if SUBUNIT_NAME.fullmatch(unit):
                    where = draft.field_where.get(name, draft.where)
                    notes.append(Note(where, M.PLAN_IMPORT_SUBUNIT_AS_UNIT.format(no=task["no"], label=label, name=unit, word=word)))
    return banners, units


# --- writing ------------------------------------------------------------------------------------------------


def dump(data: Any) -> str:
    """YAML as the shipped plan is written; `no:` unquoted (gongshi reads YAML 1.2, where no is no boolean)."""
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000, default_flow_style=False)
    return re.sub(r"^(\s*(?:- )?)'no':", r"\1no:", text, flags=re.MULTILINE)


def files(imported: Imported, source: str) -> dict[str, str]:
    """plan.yaml and tasks.yaml's text, each opening with where it came from."""
    head = f"# {M.PLAN_IMPORT_HEADER.format(file=source)}\n"
    return {
        "plan.yaml": head + dump(imported.plan),
        "tasks.yaml": head + dump({"tasks": imported.tasks}),
    }


def plan_records(data_dir: Path, plan_id: str, plan_count: int) -> list[Path]:
    """Notices and reports of the plan: while any exists, its folder is published and not replaced."""
    found: list[Path] = []
    only = plan_count <= 1
    for path in sorted((data_dir / "notices").glob("*.yaml")) if (data_dir / "notices").is_dir() else []:
        try:
            value = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (yaml.YAMLError, UnicodeDecodeError, OSError):
            found.append(path)  # unreadable: it may be this plan's, so do not replace
            continue
        named = value.get("plan") if isinstance(value, dict) else None
        if named == plan_id or (named is None and only):
            found.append(path)
    progress = data_dir / "progress"
    for path in sorted(progress.glob("*.yaml")) if progress.is_dir() else []:
        stem = path.stem
        if stem.endswith(f"-{plan_id}") or (only and re.fullmatch(r"\d{4}", stem)):
            found.append(path)
    return found


def review(imported: Imported, notes: Iterable[Note]) -> list[str]:
    lines = [M.PLAN_IMPORT_COUNT.format(count=imported.task_count)]
    lines += [str(n) for n in notes]
    return lines
