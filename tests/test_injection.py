"""Nothing an officer types can add markup, scripts or links to the site.

Every text field officers write (site.yaml, the plan, its tasks, a notice) is
filled with hostile text, the site is generated, and each page is compared
with the same site generated with harmless text in the same fields: no element
or attribute may appear that the harmless site does not have. The only
exception is the notice's Markdown fields (completion, opinion), which may
add paragraphs, lists, emphasis and links with safe schemes. Open data must
round-trip the text exactly; feeds and JSON must stay well-formed.

Pages are compared as the Markdown sources `generate_content` writes, rendered
with MkDocs' own Markdown configuration (fast); one full `build_site` checks
the finished HTML, feeds, sitemap and search index as well.
"""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml
from conftest import AS_OF, REPO, copy_project
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import schema
from generator.build import build_site, generate_content, load_mkdocs_config
from generator.errors import DataError
from generator.model import NOTICE_EXTRA
from generator.yamlsrc import _INVISIBLE, bad_character

PLAN = "data/plans/ordos-nmg-r2/plan.yaml"
TASKS = "data/plans/ordos-nmg-r2/tasks.yaml"
SITE = "data/site.yaml"
PROGRESS, PROGRESS_2026 = "data/progress/2025.yaml", "data/progress/2026.yaml"
NOTICE_ID = "2026-11-16-task9"
NOTICE = f"data/notices/{NOTICE_ID}.yaml"
NOTICE_PAGE = f"notices/{NOTICE_ID}/index.md"
UNIT, BANNER = "市交通局", "乌审旗"

# What a Markdown field may add to a page: paragraphs, lists, emphasis, inline
# code, line breaks, links with a safe scheme (href only) and the <span> an
# unsafe link is reduced to.
RICH_ELEMENTS = {"p", "ul", "ol", "li", "em", "strong", "code", "br", "span", "a"}
RICH_ATTRIBUTES = {("a", "href")}
SAFE_SCHEMES = ("http:", "https:", "mailto:", "tel:")

PAYLOADS = {
    "script": "<script>alert(1)</script>",
    "img-onerror": '<img src=x onerror="alert(1)">',
    "javascript-link": '[点击](javascript:alert(1)) <a href="javascript:alert(1)">x</a> [y](JaVaScRiPt:alert(2))',
    "cdata-end": "]]><x>&lt;/x>]]&gt;",
    "jinja": "{{ 7*7 }} {% if true %}x{% endif %} {# c #} {{ config }}",
    "markdown-headings": "# 标题\n\n## 二级标题\n\n标题三\n===\n\n---",
    "markdown-images": "![图](https://evil.example/x.png) ![x][r]\n\n[r]: https://evil.example/y.png",
    "raw-html-block": (
        '<div onclick="x()">\n<iframe src="https://evil.example"></iframe>\n</div>\n\n<style>body{display:none}</style>'
    ),
    "entities": "&amp; &lt;b&gt; &#60;script&#62; &copy; &#x3C;img&#x3E;",
    "very-long-line": "很" * 8_000 + "a" * 2_000,
    "rtl-and-emoji": "\u202eabc\u202c \u200f عربي \U0001F600👍🏽 中文\u200e",
    "title-breakout": "</title><script>alert(1)</script></textarea></p></div>",
    "attribute-breakout": "\" onmouseover=\"alert(1)\" x='y' `z`",
    "code-blocks": "```\n<script>x</script>\n```\n\n    indented <b>code</b>\n\n`inline <b>`",
    "autolinks": "<https://evil.example> <mailto:x@example.com> www.example.com",
    "table": "| a | b |\n|---|---|\n| <b>1</b> | 2 |",
    "setext-after-lines": "甲\n乙\n===\n丙\n---",
}
# Unit and banner names may hold no spaces, parentheses, commas or '、'.
NAME_PAYLOADS = {
    "script": "<script>alert`1`</script>",
    "img-onerror": "<img/src=x/onerror=alert`1`>",
    "entities": "&amp&lt&#60&#x3C&copy",
    "jinja": "{{7*7}}{%raw%}",
    "cdata-end": "]]>",
    "attribute-breakout": "\"onmouseover=\"alert`1`\"'",
    "markdown": "#*_[x]!`|~",
    "rtl-and-emoji": "\u202e局\U0001F600",
}
HARMLESS = "甲乙丙丁"


# --- writing text into the data ----------------------------------------------------------------


def quoted(text: str) -> str:
    """A YAML double-quoted scalar holding exactly `text` (JSON strings are YAML)."""
    return json.dumps(text, ensure_ascii=False)


def set_line(root: Path, rel: str, prefix: str, hint: str, text: str) -> None:
    """Replace the value of the one line starting with `prefix + hint` by `text`."""
    path = root / rel
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    found = [i for i, line in enumerate(lines) if line.startswith(prefix + hint)]
    assert len(found) == 1, f"{rel}: {prefix + hint!r} matches {len(found)} lines"
    lines[found[0]] = prefix + quoted(text) + "\n"
    path.write_text("".join(lines), encoding="utf-8")


def replace_in_lines(root: Path, rel: str, keys: tuple[str, ...], old: str, new: str) -> None:
    """In every `key: value` line for `keys` whose value contains `old`, replace it (value re-quoted)."""
    path = root / rel
    out = []
    for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
        stripped = line.lstrip()
        key = stripped.split(":", 1)[0]
        if key in keys and old in stripped:
            indent = line[: len(line) - len(stripped)]
            value = stripped.split(": ", 1)[1].rstrip("\n")
            line = f"{indent}{key}: {quoted(value.replace(old, new))}\n"
        out.append(line)
    path.write_text("".join(out), encoding="utf-8")


def rename_entry(root: Path, old: str, new: str) -> None:
    """A banner or unit of plan.yaml (`- {name: …, slug: …}`) renamed everywhere it is named."""
    path = root / PLAN
    text = path.read_text(encoding="utf-8")
    assert text.count(f"{{name: {old}, ") == 1
    path.write_text(text.replace(f"{{name: {old}, ", f"{{name: {quoted(new)}, "), encoding="utf-8")
    replace_in_lines(root, TASKS, ("responsible_units", "acceptance_units"), old, new)
    for report in sorted((root / "data" / "progress").glob("*.yaml")):  # `- banner: 乌审旗` entries
        lines = report.read_text(encoding="utf-8").splitlines(keepends=True)
        report.write_text("".join(
            line.replace(f"banner: {old}\n", f"banner: {quoted(new)}\n") for line in lines
        ), encoding="utf-8")


NOTICE_TEMPLATE = """\
plan: ordos-nmg-r2
task: 9
start: 2026-11-16
completion: {completion}
completion_by_measure:
  - no: 1
    text: {measure_completion}
acceptance:
  unit: {unit}
  date: 2026-11-12
  opinion: {opinion}
contact:
  phone: {phone}
  hours: {hours}
  email: {email}
  address: {address}
  hotlines:
    - name: {hotline}
      number: "12369"
      hours: {hotline_hours}
channels:
  - name: {channel}
    date: 2026-11-16
objections:
  - received: 2026-11-18
    summary: {summary}
    outcome: dismissed
    resolved: 2026-11-25
    verified_by: {verified_by}
    reason: {objection_reason}
"""


WITHDRAWN = "data/notices/2026-11-02-task28.yaml"  # withdrawn here, and first published elsewhere
REBOUND = "data/events/2026-11-25-task33-rebound.yaml"
EXTENSION = "data/events/2026-07-10-task30-extension.yaml"
EXTRA_FILES = {
    WITHDRAWN: (
        "withdrawn:\n  date: 2026-11-10\n  reason: {withdrawn_reason}\n"
        "published_elsewhere:\n  channel: {elsewhere_channel}\n  date: 2026-10-30\n"
    ),
    REBOUND: (
        "task: 33\nkind: 问题反弹\nscope: [鄂托克旗]\ndate: 2026-11-25\ndocument: {rebound_document}\n"
        "finding: {rebound_finding}\nlimit: 2027-03-31\n"
        "escalation:\n  date: 2026-11-26\n  document: {escalation_document}\n"
    ),
    EXTENSION: (
        "task: 30\nkind: 延期整改\nscope: [伊金霍洛旗]\ndate: 2026-07-10\ndocument: {extension_document}\n"
        "requested: 2026-06-20\nreason: {extension_reason}\nnew_deadline: 2026-12-31\napproved_by: {extension_approved_by}\n"
    ),
}


@dataclass
class Notice:
    """The texts of data/notices/2026-11-16-task9.yaml (task 9, published and ended as of AS_OF),
    and of the files written only when one of their texts is filled (`extra`: a withdrawn notice, events)."""

    completion: str = "一是完成路面修复。"
    measure_completion: str = "完成路面修复。"
    opinion: str = "同意验收销号。"
    summary: str = "路面仍有积尘。"
    verified_by: str = "市交通运输局"
    objection_reason: str = "经现场核查，路面积尘已清扫。"
    channel: str = "鄂尔多斯日报"
    phone: str = "0477-1234567"
    email: str = "gs@example.gov.cn"
    address: str = "鄂尔多斯市康巴什区"
    hours: str = "工作日"
    hotline: str = "环保举报热线"
    hotline_hours: str = "24小时"
    unit: str = UNIT
    extra: dict[str, str] = field(default_factory=dict)
    declared: dict[str, str] = field(default_factory=dict)  # fields held in model.Notice.extra, by name

    def write(self, root: Path) -> None:
        values = {name: quoted(value) for name, value in self.__dict__.items() if name not in ("extra", "declared")}
        own = "".join(
            f"{name}: {quoted(text)}\n" if schema.NOTICE.field(name).kind == schema.TEXT else f"{name}: [{quoted(text)}]\n"
            for name, text in self.declared.items()
        )
        (root / NOTICE).write_text(NOTICE_TEMPLATE.format(**values) + own, encoding="utf-8")
        for rel, template in EXTRA_FILES.items():
            keys = [k for k in self.extra if "{" + k + "}" in template]
            if not keys:
                continue
            texts = {k: quoted(self.extra.get(k, HARMLESS)) for k in EXTRA_KEYS if "{" + k + "}" in template}
            path = root / rel
            path.parent.mkdir(exist_ok=True)
            before = path.read_text(encoding="utf-8") if rel == WITHDRAWN else ""
            path.write_text(before + template.format(**texts), encoding="utf-8")


EXTRA_KEYS = (
    "withdrawn_reason", "elsewhere_channel", "rebound_document", "rebound_finding", "escalation_document",
    "extension_document", "extension_reason", "extension_approved_by",
)


@dataclass(frozen=True)
class Field:
    name: str  # the record ("site", "plan", "task", "notice", "progress", "event") and the schema's path in it
    put: Callable[[Path, Notice, str], None]
    api: Callable[[dict, dict], object] | None = None  # where open data shows it: (tasks record, notice record)

    @property
    def spec(self) -> schema.Field:
        record, _, path = self.name.partition(".")
        return DECLARED_RECORDS[record].path(path)


# The records officers (or the plan's text) write, by the prefix of a field's name here.
DECLARED_RECORDS = {
    "site": schema.SITE, "plan": schema.PLAN, "task": schema.TASK, "notice": schema.NOTICE,
    "progress": schema.TASK_PROGRESS, "event": schema.EVENT,
    # The report's own fields (its tasks are "progress" above).
    "report": schema.Record("report", schema.PROGRESS_REPORT.label,
                            tuple(f for f in schema.PROGRESS_REPORT.fields if f.name != "tasks")),
}


def declared_text_fields() -> list[str]:
    """Every text field the schema declares, by the name used here: what the lists below must cover."""
    return [
        f"{prefix}.{path}"
        for prefix, record in DECLARED_RECORDS.items()
        for path in record.paths(lambda spec: spec.kind in (schema.TEXT, schema.TEXTS) and spec.choices is None)
    ]


def _line(rel: str, prefix: str, hint: str = "") -> Callable[[Path, Notice, str], None]:
    return lambda root, notice, text: set_line(root, rel, prefix, hint, text)


def _notice(attribute: str) -> Callable[[Path, Notice, str], None]:
    return lambda root, notice, text: setattr(notice, attribute, text)


# The shipped 2026 report (published) records no rebound (task 33's is in data/events/): one is written into it,
# found a day after the shipped record's, for its texts to be filled (a published report's rebound stays valid).
REPORT_REBOUND = "    rebound:\n      found: 2026-11-21\n      finding: 反弹。\n      notice: 督办通知。\n"
REPORT_REBOUND_AT = "    # 该项整改问题反弹记录在 data/events/2026-11-20-task33.yaml（含旗区和整改期限）\n"


def _report_rebound(prefix: str) -> Callable[[Path, Notice, str], None]:
    def put(root: Path, notice: Notice, text: str) -> None:
        path = root / PROGRESS_2026
        body = path.read_text(encoding="utf-8")
        if REPORT_REBOUND_AT in body:
            path.write_text(body.replace(REPORT_REBOUND_AT, REPORT_REBOUND), encoding="utf-8")
        set_line(root, PROGRESS_2026, prefix, "", text)
    return put
# The shipped 2026 report records no publisher, channel or 旗区 measure: each is written into it for its text.
REPORT_HEAD = "published: 2026-11-26\n"
REPORT_OWN = "publisher: 发布单位。\nchannels:\n  - name: 渠道。\n    date: 2026-11-27\n"
BANNER_AT = "      - banner: 杭锦旗\n        status: 进展滞后\n"  # before its progress line, which is filled too
BANNER_MEASURE = "        measures:\n          - no: 1\n            progress: 旗区措施进展。\n"


def _report_own(prefix: str) -> Callable[[Path, Notice, str], None]:
    def put(root: Path, notice: Notice, text: str) -> None:
        path = root / PROGRESS_2026
        body = path.read_text(encoding="utf-8")
        if "\npublisher: " not in body:
            path.write_text(body.replace(REPORT_HEAD, REPORT_HEAD + REPORT_OWN), encoding="utf-8")
        set_line(root, PROGRESS_2026, prefix, "", text)
    return put


def _banner_measure(root: Path, notice: Notice, text: str) -> None:
    path = root / PROGRESS_2026
    body = path.read_text(encoding="utf-8")
    if BANNER_MEASURE not in body:
        path.write_text(body.replace(BANNER_AT, BANNER_AT + BANNER_MEASURE), encoding="utf-8")
    set_line(root, PROGRESS_2026, "            progress: ", "旗区措施进展", text)


def _dialable(put: Callable[[Path, Notice, str], None]) -> Callable[[Path, Notice, str], None]:
    """A phone text must hold a number to dial (contact.py): the text follows one."""
    return lambda root, notice, text: put(root, notice, "0477-1234567 " + text)


def _address(put: Callable[[Path, Notice, str], None]) -> Callable[[Path, Notice, str], None]:
    """An e-mail address must be one (contact.py refuses spaces, quotes, <, > and a second @): what is left of the
    text is its local part, so braces, entities and Markdown still reach the page and its mailto: link."""
    return lambda root, notice, text: put(root, notice, (re.sub(r"[\s<>\"'@]", "", text) or "x") + "@example.gov.cn")


def _task_title(root: Path, notice: Notice, text: str) -> None:
    """Task 9's title: at most 20 characters of its own problem's words, so the problem holds them too."""
    title = text[: schema.TASK_TITLE_MAX_CHARS]
    set_line(root, TASKS, "    title: ", "运煤道路扬尘污染治理效果不明显", title)
    path = root / TASKS
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("    problem: ") and i > lines.index("  - no: 9\n"))
    problem = yaml.safe_load(lines[at].split(": ", 1)[1])
    if title not in problem:
        lines[at] = "    problem: " + quoted(problem + title) + "\n"
        path.write_text("".join(lines), encoding="utf-8")


def _task_other_units(root: Path, notice: Notice, text: str) -> None:
    """Task 9 gains an 其他单位 line (a role the shipped plan lacks, kept by the plan importer)."""
    path = root / TASKS
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = lines.index("  - no: 9\n")
    lines.insert(at + 1, "    other_units:\n      - " + quoted("督办单位：" + text) + "\n")
    path.write_text("".join(lines), encoding="utf-8")


def _extra(key: str) -> Callable[[Path, Notice, str], None]:
    return lambda root, notice, text: notice.extra.__setitem__(key, text)


# Every text field, plain or rich as the schema declares it (`rich`); names (units, 旗区) apart.
TEXT_FIELDS = [
    Field("site.title", _line(SITE, "title: ")),
    Field("site.publisher", _line(SITE, "publisher: ")),
    Field("site.site_code", _line(SITE, "site_code: ")),
    Field("site.icp", _line(SITE, "icp: ")),
    Field("site.police_record", _line(SITE, "police_record: ")),
    Field("site.police_record_code", _line(SITE, "police_record_code: ")),
    Field("site.contact.phone", _dialable(_line(SITE, "  phone: "))),
    Field("site.contact.hours", _line(SITE, "  hours: ")),
    Field("site.contact.email", _address(_line(SITE, "  email: "))),
    Field("site.contact.address", _line(SITE, "  address: ")),
    Field("site.contact.hotlines.name", _line(SITE, "    - name: ", "政务服务便民热线")),
    Field("site.contact.hotlines.hours", _line(SITE, "      hours: ", "24小时")),
    Field("site.examples_note", _line(SITE, "examples_note: ")),
    Field("plan.title", _line(PLAN, "title: ")),
    Field("plan.area", _line(PLAN, "area: ")),
    Field("plan.inspection.body", _line(PLAN, "  body: ")),
    Field("plan.inspection.round", _line(PLAN, "  round: ")),
    Field("plan.inspection.report_title", _line(PLAN, "  report_title: ")),
    Field("plan.preamble", _line(PLAN, "preamble: ")),
    Field("plan.requirements.title", _line(PLAN, "  title: ", "总体要求")),
    Field("plan.requirements.paragraphs", _line(PLAN, "    - ", "坚持以习近平")),
    Field("plan.tasks_intro", _line(PLAN, "tasks_intro: ")),
    Field("plan.chapters.title", _line(PLAN, "    title: ", "贯彻习近平生态文明思想仍有差距"),
          lambda task, notice: task["chapter_title"]),
    Field("plan.chapters.problems.title", _line(PLAN, "        title: ", "部分督察整改任务整改不到位"),
          lambda task, notice: task["problem_title"]),
    Field("plan.chapters.problems.note", _line(PLAN, "        note: ")),
    Field("plan.safeguards.title", _line(PLAN, "  - title: ", "加强组织领导")),
    Field("plan.safeguards.paragraphs", _line(PLAN, "      - ", "各级党委、政府要进一步")),
    Field("plan.appendix.title", _line(PLAN, "  title: ", "鄂尔多斯市贯彻落实第二轮自治区生态环境保护督察报告整改任务")),
    Field("plan.appendix.intro", _line(PLAN, "  intro: ")),
    Field("plan.procedure.title", _line(PLAN, "  - title: ", "工作流程")),
    Field("plan.procedure.paragraphs", _line(PLAN, "      - ", "整改实施主体严格按照")),
    Field("task.problem", _line(TASKS, "    problem: ", "第一轮自治区生态环境保护督察指出，包府路"),
          lambda task, notice: task["problem"]),
    Field("task.goal", _line(TASKS, "    goal: ", "深入开展公路综合环境治理行动"), lambda task, notice: task["goal"]),
    Field("task.measures", _line(TASKS, "      - ", "增加包府路、碾红线"), lambda task, notice: task["measures"][1]),
    Field("task.title", _task_title),
    Field("task.other_units", _task_other_units),
    Field("progress.measures.progress", _line(PROGRESS, "        progress: ", "已将习近平生态文明思想纳入")),
    Field("progress.banners.progress", _line(PROGRESS_2026, "        progress: ", "项目已开工建设")),
    Field("progress.banners.measures.progress", _banner_measure),
    Field("report.publisher", _report_own("publisher: ")),
    Field("report.channels.name", _report_own("  - name: ")),
    Field("progress.extension.reason", _line(PROGRESS, "      reason: ")),
    Field("progress.extension.approved_by", _line(PROGRESS, "      approved_by: ")),
    Field("progress.rebound.finding", _report_rebound("      finding: ")),
    Field("progress.rebound.notice", _report_rebound("      notice: ")),
    Field("notice.objections.summary", _notice("summary"), lambda task, notice: notice["objections"][0]["summary"]),
    Field("notice.objections.verified_by", _notice("verified_by"),
          lambda task, notice: notice["objections"][0]["verified_by"]),
    Field("notice.objections.reason", _notice("objection_reason"),
          lambda task, notice: notice["objections"][0]["reason"]),
    Field("notice.channels.name", _notice("channel"), lambda task, notice: notice["channels"][0]["name"]),
    Field("notice.contact.phone", _dialable(_notice("phone"))),
    Field("notice.contact.hours", _notice("hours")),
    Field("notice.contact.email", _address(_notice("email"))),
    Field("notice.contact.address", _notice("address")),
    Field("notice.contact.hotlines.name", _notice("hotline")),
    Field("notice.contact.hotlines.hours", _notice("hotline_hours")),
    Field("notice.withdrawn.reason", _extra("withdrawn_reason")),
    Field("notice.published_elsewhere.channel", _extra("elsewhere_channel")),
    Field("event.document", _extra("rebound_document")),
    Field("event.finding", _extra("rebound_finding")),
    Field("event.escalation.document", _extra("escalation_document")),
    Field("event.reason", _extra("extension_reason")),
    Field("event.approved_by", _extra("extension_approved_by")),
    Field("notice.completion", _notice("completion"), lambda task, notice: notice["completion"]),
    Field("notice.completion_by_measure.text", _notice("measure_completion")),
    Field("notice.acceptance.opinion", _notice("opinion"), lambda task, notice: notice["acceptance"]["opinion"]),
]


def _declared(spec: schema.Field) -> Field:
    """A notice's text field declared in the schema alone (`model.NOTICE_EXTRA`): written at the end of the
    notice's file and, where open data shows it, read back from it."""

    def api(task: dict, notice: dict) -> object:
        value = notice[spec.name]
        return value if spec.kind == schema.TEXT else value[0]

    return Field(
        f"notice.{spec.name}",
        lambda root, notice, text: notice.declared.__setitem__(spec.name, text),
        api if spec.open_data else None,
    )


TEXT_FIELDS += [
    _declared(spec) for spec in NOTICE_EXTRA if spec.kind in (schema.TEXT, schema.TEXTS) and spec.choices is None
]
PLAIN_FIELDS = [f for f in TEXT_FIELDS if not f.spec.rich]
RICH_FIELDS = [f for f in TEXT_FIELDS if f.spec.rich]


def _rename_unit(root: Path, notice: Notice, name: str) -> None:
    rename_entry(root, UNIT, name)
    notice.unit = name


NAME_FIELDS = [
    Field("plan.units.name", _rename_unit, lambda task, notice: task["lead_acceptance_unit"]),
    Field("plan.banners.name", lambda root, notice, name: rename_entry(root, BANNER, name)),
]
GROUPS = {"plain": PLAIN_FIELDS, "rich": RICH_FIELDS, "names": NAME_FIELDS}


def fill(root: Path, fields: list[Field], text: str | list[str]) -> None:
    """Fresh shipped data, then `text` (or one text each) in every one of `fields`."""
    shutil.rmtree(root / "data")
    shutil.copytree(REPO / "data", root / "data")
    notice = Notice()
    for f, value in zip(fields, [text] * len(fields) if isinstance(text, str) else text, strict=True):
        f.put(root, notice, value)
    notice.write(root)
    if any(f in NAME_FIELDS for f in fields):
        # names.yaml gives the renamed units' official names for the Word forms only: no page shows it.
        (root / "data" / "plans" / "ordos-nmg-r2" / "names.yaml").unlink(missing_ok=True)


# --- what a page is made of ----------------------------------------------------------------------


@dataclass
class Shape:
    """The elements and attributes of one HTML page, and the text of its scripts.

    Elements inside a `<div class="gs-richtext">` (a Markdown field's output)
    are counted apart, so a plain field on the same page is held to plain text.
    """

    elements: Counter = field(default_factory=Counter)
    attributes: Counter = field(default_factory=Counter)
    rich_elements: Counter = field(default_factory=Counter)
    rich_attributes: Counter = field(default_factory=Counter)
    scripts: Counter = field(default_factory=Counter)
    unsafe_urls: list[str] = field(default_factory=list)


class _Collector(HTMLParser):
    """Reads a page as a browser tokenizes it: what is inside <title> and <textarea> is text (RCDATA),
    even after `<title/>`, as minify-html leaves it ("<" unescaped where it cannot end the element)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.shape = Shape()
        self._script: list[str] | None = None
        self._rich_depth = 0  # open <div>s since entering a gs-richtext <div>

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("title", "textarea"):
            self.set_cdata_mode(tag)
        classes = (dict(attrs).get("class") or "").split()
        if self._rich_depth:
            self._rich_depth += tag == "div"
            elements, attributes = self.shape.rich_elements, self.shape.rich_attributes
        else:
            self._rich_depth = int(tag == "div" and "gs-richtext" in classes)
            elements, attributes = self.shape.elements, self.shape.attributes
        elements[tag] += 1
        for name, value in attrs:
            attributes[(tag, name)] += 1
            compact = "".join((value or "").split()).lower()
            if name in ("href", "src", "action", "formaction", "srcset", "data", "xlink:href") and ":" in compact:
                scheme = compact.split(":", 1)[0] + ":"
                if scheme.isascii() and scheme[:-1].replace("+", "").replace("-", "").isalnum():
                    if scheme not in SAFE_SCHEMES:
                        self.shape.unsafe_urls.append(f"<{tag} {name}={value!r}>")
        if tag in ("script", "style"):
            self._script = []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "div" and self._rich_depth:
            self._rich_depth -= 1
        if tag in ("script", "style") and self._script is not None:
            self.shape.scripts["".join(self._script)] += 1
            self._script = None


def shape_of(html: str) -> Shape:
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return collector.shape


def added(shape: Shape, base: Shape) -> list[str]:
    """Everything `shape` has beyond `base` that its fields may not add."""
    problems = []
    for tag, n in (shape.elements - base.elements).items():
        problems.append(f"{n} new <{tag}>")
    for (tag, name), n in (shape.attributes - base.attributes).items():
        problems.append(f"{n} new {name}= on <{tag}>")
    for tag, n in (shape.rich_elements - base.rich_elements).items():
        if tag not in RICH_ELEMENTS:
            problems.append(f"{n} new <{tag}> in rich text")
    for (tag, name), n in (shape.rich_attributes - base.rich_attributes).items():
        if (tag, name) not in RICH_ATTRIBUTES:
            problems.append(f"{n} new {name}= on <{tag}> in rich text")
    for script in shape.scripts - base.scripts:
        problems.append(f"a changed <script>/<style>: {script[:120]!r}")
    problems += [f"unsafe URL {u}" for u in shape.unsafe_urls if u not in base.unsafe_urls]
    return problems


@pytest.fixture(scope="session")
def markdown_config() -> tuple[list, dict]:
    """The Markdown extensions MkDocs uses for this site: its built-ins plus mkdocs.yml's."""
    config = load_mkdocs_config(REPO)
    return list(config["markdown_extensions"]), dict(config["mdx_configs"])


@dataclass
class Rendered:
    pages: dict[str, Shape]
    sources: dict[str, str]
    api: dict[str, object]


class Renderer:
    """generate_content, then every Markdown page to HTML as MkDocs would; unchanged pages are reused."""

    def __init__(self, root: Path, config: tuple[list, dict]) -> None:
        self.root = root
        self.md = markdown.Markdown(extensions=config[0], extension_configs=config[1])
        self.cache: dict[str, Shape] = {}

    def render(self) -> Rendered:
        generate_content(self.root, AS_OF, "https://www.example.gov.cn/zt/ducha/")
        pages: dict[str, Shape] = {}
        sources: dict[str, str] = {}
        content = self.root / "content"
        for path in sorted(content.rglob("*.md")):
            rel = path.relative_to(content).as_posix()
            source = path.read_text(encoding="utf-8")
            if source not in self.cache:
                self.md.reset()
                self.cache[source] = shape_of(self.md.convert(source))
            pages[rel], sources[rel] = self.cache[source], source
        for path in sorted((self.root / "overrides" / "partials" / "generated").glob("*.html")):
            rel = "overrides/" + path.name
            sources[rel] = path.read_text(encoding="utf-8")
            pages[rel] = shape_of(sources[rel])
        api = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in sorted((content / "api").glob("*.json"))}
        return Rendered(pages, sources, api)


def records(api: dict[str, object]) -> tuple[dict, dict]:
    task = next(t for t in api["tasks.json"] if t["no"] == 9)
    notice = next(n for n in api["notices.json"]["notices"] if n["id"] == NOTICE_ID)
    return task, notice


def compare(result: dict[str, Shape], base: dict[str, Shape]) -> list[str]:
    assert set(result) == set(base)
    return [f"{rel}: {problem}" for rel, shape in result.items() for problem in added(shape, base[rel])]


# --- (a) targeted hostile texts in every field -------------------------------------------------


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory, markdown_config: tuple[list, dict]) -> Renderer:
    return Renderer(copy_project(tmp_path_factory.mktemp("injection") / "project"), markdown_config)


@pytest.fixture(scope="module")
def baselines(workspace: Renderer) -> dict[str, Rendered]:
    result = {}
    for group, fields in GROUPS.items():
        fill(workspace.root, fields, "市交通甲局" if group == "names" else HARMLESS)
        result[group] = workspace.render()
    return result


CASES = [(group, name) for group in ("plain", "rich") for name in PAYLOADS] + [("names", n) for n in NAME_PAYLOADS]


@pytest.mark.parametrize(("group", "payload"), CASES)
def test_hostile_text_adds_nothing(
    group: str, payload: str, workspace: Renderer, baselines: dict[str, Rendered]
) -> None:
    text = (NAME_PAYLOADS if group == "names" else PAYLOADS)[payload]
    fields = GROUPS[group]
    fill(workspace.root, fields, text)
    result = workspace.render()
    assert compare(result.pages, baselines[group].pages) == []
    # Theme partials are Jinja templates to MkDocs: no delimiter may reach them.
    for rel, source in result.sources.items():
        if rel.startswith("overrides/"):
            assert not any(d in source for d in ("{{", "{%", "{#")), rel
    # Open data carries the text exactly, as typed.
    task, notice = records(result.api)
    for f in fields:
        if f.api is not None:
            assert f.api(task, notice) == text, f.name
    json.dumps(result.api)  # and stays serialisable


# Declared text fields no hostile text goes into, and why.
NAME_RULE = "must name one of the plan's (filled through plan.units.name and plan.banners.name)"
NOT_FILLED = {
    "plan.banners.slug": "a slug is [a-z0-9-] or refused",
    "plan.units.slug": "a slug is [a-z0-9-] or refused",
    "task.responsible_units": "parsed into the plan's units and 旗区; " + NAME_RULE,
    "task.acceptance_units": "parsed into the plan's units; " + NAME_RULE,
    "task.deadline": "parsed by plan_text.py as a 整改时限, not free text",
    "plan.subunit_word": "the plan's word for its 旗区 (县（市、区）), read inside its unit lists (各县（市、区）政府): "
                         "a word no list uses leaves 各旗区 unreadable and the plan refused; shown autoescaped",
    "site.contact.hotlines.number": "digits and '-' or refused (contact.py), dialled as written",
    "notice.contact.hotlines.number": "digits and '-' or refused (contact.py), dialled as written",
    "notice.plan": "must be a plan's id",
    "event.plan": "must be a plan's id",
    "report.plan": "must be a plan's id",
    "notice.scope": NAME_RULE,
    "event.scope": NAME_RULE,
    "event.result": "巩固, or the id (file name) of a rebound record: anything else is refused",
    "progress.banners.banner": NAME_RULE,
    "notice.acceptance.unit": NAME_RULE,
    "notice.acceptance.co_units": NAME_RULE,
}


def test_every_declared_text_field_is_filled() -> None:
    """The lists above are checked against the schema: a text field declared there and filled here with
    nothing would escape every comparison of this file."""
    filled = {f.name for f in TEXT_FIELDS + NAME_FIELDS}
    assert [name for name in declared_text_fields() if name not in filled and name not in NOT_FILLED] == []
    assert [name for name in filled if name not in declared_text_fields()] == []


def test_every_field_is_shown(workspace: Renderer) -> None:
    """A field shown on no page would make the comparisons above vacuous."""
    fields = PLAIN_FIELDS + RICH_FIELDS
    fill(workspace.root, fields, [f"标记{index:02d}号" for index in range(len(fields))])
    everything = "\n".join(workspace.render().sources.values())
    assert [f.name for i, f in enumerate(fields) if f"标记{i:02d}号" not in everything] == []


# --- the finished site: one full build with every hostile text at once ----------------------------

# The very long line is left out here: on every page, it makes the search index slow to build.
COMBINED = "\n\n".join(text for name, text in PAYLOADS.items() if name != "very-long-line")
COMBINED_NAME = "".join(NAME_PAYLOADS.values())
ALL_FIELDS = PLAIN_FIELDS + RICH_FIELDS + NAME_FIELDS


def _html_shapes(site: Path) -> dict[str, Shape]:
    pages = sorted(site.rglob("*.html"))
    return {p.relative_to(site).as_posix(): shape_of(p.read_text(encoding="utf-8")) for p in pages}


@pytest.fixture(scope="module")
def full_builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    sites = {}
    for label, text, name in (("harmless", HARMLESS, "市交通甲局"), ("hostile", COMBINED, COMBINED_NAME)):
        root = copy_project(tmp_path_factory.mktemp(label) / "project")
        fill(root, ALL_FIELDS, [text] * (len(PLAIN_FIELDS) + len(RICH_FIELDS)) + [name, name + "旗"])
        build_site(root, AS_OF, root / "site", live=True)
        sites[label] = root / "site"
    return sites


@pytest.mark.e2e
def test_full_build_adds_no_element_or_attribute(full_builds: dict[str, Path]) -> None:
    hostile, harmless = _html_shapes(full_builds["hostile"]), _html_shapes(full_builds["harmless"])
    assert f"notices/{NOTICE_ID}/index.html" in hostile
    assert compare(hostile, harmless) == []


@pytest.mark.e2e
def test_full_build_feeds_sitemap_and_search_stay_well_formed(full_builds: dict[str, Path]) -> None:
    import feedparser
    from lxml import etree

    site = full_builds["hostile"]
    for path in sorted(site.rglob("*.xml")):
        etree.parse(str(path))  # raises on malformed XML
        if path.name in ("feed.xml", "atom.xml"):
            parsed = feedparser.parse(path.read_bytes())
            assert parsed.bozo == 0, f"{path}: {parsed.get('bozo_exception')}"
    for path in sorted(site.rglob("*.json")):
        json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.e2e
def test_full_build_open_data_round_trips(full_builds: dict[str, Path]) -> None:
    api = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in (full_builds["hostile"] / "api").glob("*.json")}
    task, notice = records(api)
    for f in ALL_FIELDS:
        if f.api is not None:
            assert f.api(task, notice) == (COMBINED_NAME if f in NAME_FIELDS else COMBINED), f.name


# --- (b) any text at all ------------------------------------------------------------------------------

# What an officer can type: any character the loader accepts, and markup in quantity.
ACCEPTED = st.characters(
    blacklist_categories=("Cc", "Cs", "Co", "Cn"), blacklist_characters="".join(_INVISIBLE)
) | st.sampled_from("\n\t")
FRAGMENTS = st.sampled_from(
    [
        "<script>", "</script>", "<img src=x onerror=alert(1)>", "</div>", "</p>", "<div>", "<!--", "-->",
        "<![CDATA[", "]]>", "{{", "}}", "{%", "%}", "&amp;", "&#60;", "&lt;", "&", "<", ">", '"', "'", "`",
        "```", "~~~", "\n", "\n\n", "\n    ", "# ", "## ", "\n===", "\n---", "- ", "* ", "1. ", "> ", "|",
        "[a](javascript:alert(1))", "[b](https://example.com)", "![i](x.png)", "<https://e.example>",
        "[r]: https://e.example", "**", "__", "\\", "    ", "\u202e", "\U0001F600", "整改", "\t",
    ]
)
TEXTS = (
    st.lists(st.one_of(FRAGMENTS, st.text(ACCEPTED, max_size=12)), max_size=12)
    .map("".join)
    .filter(lambda text: text.strip() != "")
)
PROPERTY_FIELDS = [
    next(f for f in RICH_FIELDS if f.name == "notice.completion"),
    next(f for f in RICH_FIELDS if f.name == "notice.acceptance.opinion"),
    next(f for f in PLAIN_FIELDS if f.name == "notice.objections.summary"),
    next(f for f in PLAIN_FIELDS if f.name == "notice.channels.name"),
    next(f for f in PLAIN_FIELDS if f.name == "task.goal"),
]


@pytest.fixture(scope="module")
def property_baseline(workspace: Renderer) -> Rendered:
    fill(workspace.root, PROPERTY_FIELDS, HARMLESS)
    return workspace.render()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(TEXTS, min_size=len(PROPERTY_FIELDS), max_size=len(PROPERTY_FIELDS)))
def test_any_text_adds_nothing(texts: list[str], workspace: Renderer, property_baseline: Rendered) -> None:
    fill(workspace.root, PROPERTY_FIELDS, texts)
    result = workspace.render()
    assert compare(result.pages, property_baseline.pages) == []
    task, notice = records(result.api)
    assert [f.api(task, notice) for f in PROPERTY_FIELDS] == [text.strip() for text in texts]


# --- and the characters the loader refuses are refused, with file, line and field ----------------

REFUSED = st.one_of(
    st.sampled_from(sorted(_INVISIBLE)),
    st.characters(whitelist_categories=("Cc",)).filter(lambda ch: ch not in "\t\n\r"),
    st.characters(whitelist_categories=("Co", "Cn")),
)
PLAIN_LINE = st.text(
    st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn"), blacklist_characters="".join(_INVISIBLE)), max_size=20
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(char=REFUSED, before=PLAIN_LINE, after=PLAIN_LINE, lines_before=st.integers(0, 3), escaped=st.booleans())
def test_refused_characters_are_named_with_line_and_field(
    char: str, before: str, after: str, lines_before: int, escaped: bool, workspace: Renderer
) -> None:
    fill(workspace.root, [], "")
    path = workspace.root / NOTICE
    what = bad_character(char)
    assert what is not None
    text = path.read_text(encoding="utf-8")
    if escaped:
        # In double quotes, as an escape: the loader sees the character only after parsing.
        escape = f"\\u{ord(char):04X}" if ord(char) < 0x10000 else f"\\U{ord(char):08X}"
        value = quoted("甲" + before + "\u0000" + after).replace("\\u0000", escape)
        text = text.replace('    summary: "路面仍有积尘。"', f"    summary: {value}")
        field_name, line = "objections[1].summary", text.splitlines().index(f"    summary: {value}") + 1
    else:
        # Typed (or pasted) into a block of text, some lines down.
        block = ["第一行。"] * lines_before + ["甲" + before + char + after]
        block_text = "completion: |\n" + "".join(f"  {b}\n" for b in block)
        text = text.replace('completion: "一是完成路面修复。"', block_text)
        field_name, line = "completion", text.splitlines().index("completion: |") + 2 + lines_before
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    with pytest.raises(DataError) as caught:
        generate_content(workspace.root, AS_OF, "")
    assert [str(p) for p in caught.value.problems] == [
        f"{NOTICE}:{line}: {field_name}: 含有 U+{ord(char):04X}（{what}）；请删除它或重新输入这段文字"
    ]


def test_title_text_is_text_but_a_break_out_of_the_title_is_seen() -> None:
    """minify-html writes an escaped title's "<" as it is: that is text to a browser, and to `shape_of`."""
    from html import escape

    from generator.minify import minify_html

    base = shape_of(minify_html("<title>甲</title><p>x</p>"))
    as_text = minify_html(f"<title>{escape(PAYLOADS['title-breakout'])}</title><p>x</p>")
    assert "<script>" in as_text
    assert added(shape_of(as_text), base) == []
    broken = shape_of(f"<title>{PAYLOADS['title-breakout']}</title><p>x</p>")
    assert added(broken, base) == ["1 new <script>", "a changed <script>/<style>: 'alert(1)'"]
