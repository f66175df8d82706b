"""The fields of every record officers write, declared once.

Each record type (a notice, a progress report and its entries, site.yaml, a
calendar year, plan.yaml and tasks.yaml) is a `Record`: an ordered tuple of
`Field` specs giving each field's name, kind, Chinese label, whether it is
required, the words it allows and its bounds. The YAML readers
(`yamlsrc.Fields`), the file `gongshi notice new` writes (`notices.draft_text`)
and the README test are derived from these specs, so a new field is added
here, in the page template and in the README, nowhere else (a notice's field
without a model attribute is held in `Notice.extra`: `model.passed_through`). Checks that
compare several fields or records (dates in order, overlapping windows, a unit
being one of the task's) stay in the reader of that record, one home each.

Validating one value without YAML (for an importer of Excel cells)::

    from generator.schema import NOTICE, check_value

    spec = NOTICE.field("acceptance").record.field("date")   # or NOTICE.path("acceptance.date")
    checked = check_value(spec, cell.value)
    if checked.problem:
        report(f"{file}:{sheet}!{cell.coordinate}: {spec.name}: {checked.problem}")
    else:
        use(checked.value)           # normalised: a datetime.date, an int, stripped text,
                                     # a stored word ("pending" for 待核实), a tuple of texts

`check_value(spec, raw)` never raises and knows nothing of files or lines. It
takes what YAML or openpyxl gives: str, int, float (whole numbers only for
`int`), bool, `datetime.date`/`datetime.datetime` (for dates), lists (for
`texts`/`dates`) and None (an empty cell or an empty YAML value). `problem` is
one Chinese sentence without the `file:line: field:` prefix; the caller adds
its own place. A required field that is absent or empty gives `EMPTY`;
`record`/`records` fields only check that the value is a mapping/list (their
fields are checked one by one with their own specs).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from types import MappingProxyType
from typing import Any

from . import messages as M

TEXT, INT, BOOL, DATE, TEXTS, DATES, RECORD, RECORDS = "text", "int", "bool", "date", "texts", "dates", "record", "records"
KINDS = (TEXT, INT, BOOL, DATE, TEXTS, DATES, RECORD, RECORDS)
MAX_CHARS = 200_000


@dataclass(frozen=True)
class Field:
    """One field of a record.

    `choices` maps each accepted word to the value stored in the model (for
    an objection's outcome, 待核实 and pending both store "pending"); `words`
    are the words offered to officers in messages, drafts and templates.
    `help` is the Chinese guidance written above the field in a draft file.

    What the outputs need of the field, declared here and read by them:

    - `rich`: the officer's rich text (Markdown, rendered by the template's
      `md` filter and allowed to add paragraphs, lists and safe links);
      otherwise plain text, escaped wherever it is shown.
    - `withheld`: text a notice keeps secret until it starts: no file of the
      site may contain it before then (`withheld.py`).
    - `open_data`: shown in the open data (`api/*.json`) as in the pages.
    - `ledger`: the column width (in characters) of the field's column in the
      整改台账 workbook, headed by its label (0: not in the ledger; see
      `ledger.py` for which row's value it shows).
    - `attribute`: the model's attribute holding the value, where it is not
      named as the field (a task's `responsible_units` is `Task.responsible`).
    """

    name: str
    kind: str
    label: str
    required: bool = True
    choices: Mapping[str, str] | None = None
    words: tuple[str, ...] = ()
    minimum: int | None = None
    max_chars: int = MAX_CHARS
    record: Record | None = None
    help: str = ""
    rich: bool = False
    withheld: bool = False
    open_data: bool = True
    ledger: int = 0
    attribute: str = ""

    def __post_init__(self) -> None:
        assert self.kind in KINDS, self.kind
        assert (self.record is not None) == (self.kind in (RECORD, RECORDS)), self.name
        assert not (self.rich or self.withheld) or self.kind == TEXT, self.name


@dataclass(frozen=True)
class Record:
    """A record type: its fields in the order officers write them."""

    name: str
    label: str
    fields: tuple[Field, ...]
    _by_name: dict[str, Field] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._by_name.update({f.name: f for f in self.fields})
        assert len(self._by_name) == len(self.fields), self.name

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    def field(self, name: str) -> Field:
        return self._by_name[name]

    def get(self, name: str) -> Field | None:
        return self._by_name.get(name)

    def paths(self, where: Callable[[Field], bool] = lambda spec: True) -> tuple[str, ...]:
        """The dotted paths (`acceptance.opinion`) of this record's fields, nested ones included, that `where` keeps."""
        found: list[str] = []
        for spec in self.fields:
            if where(spec):
                found.append(spec.name)
            if spec.record is not None:
                found += [f"{spec.name}.{sub}" for sub in spec.record.paths(where)]
        return tuple(found)

    def path(self, dotted: str) -> Field:
        """`acceptance.date` → the `date` field of the `acceptance` record."""
        head, _, rest = dotted.partition(".")
        spec = self.field(head)
        if not rest:
            return spec
        assert spec.record is not None, dotted
        return spec.record.path(rest)


@dataclass(frozen=True)
class Checked:
    """A value checked against its spec: the normalised value, or the problem with it."""

    value: Any
    problem: str | None = None


def model_values(obj: Any, record: Record, dotted: str) -> list[Any]:
    """The values of the declared field `dotted` in a model object of `record`, in order.

    Each step reads the model's attribute named as the field (or its
    `attribute`, or its `extra` entry: `held_value`); a list of records (objections) gives one value per item, a
    field left out (None) none.
    """
    head, _, rest = dotted.partition(".")
    spec = record.field(head)
    value = held_value(obj, spec)
    items = list(value) if spec.kind == RECORDS else [value]
    if not rest:
        return [v for v in items if v is not None]
    assert spec.record is not None, dotted
    return [found for item in items if item is not None for found in model_values(item, spec.record, rest)]


def held_value(obj: Any, spec: Field) -> Any:
    """The value of the declared field `spec` in a model object: its attribute, or else its entry in `obj.extra`.

    A field declared in the schema alone is held in the model's `extra`
    mapping by name (`model.passed_through`); None when it was not written.
    """
    name = spec.attribute or spec.name
    return getattr(obj, name) if hasattr(obj, name) else obj.extra.get(spec.name)


# --- one value -----------------------------------------------------------------------------


def check_value(spec: Field, raw: Any) -> Checked:
    """`raw` checked against `spec` alone: see the module docstring."""
    if raw is None or (isinstance(raw, str) and not raw.strip() and spec.kind != RECORD):
        return Checked(None, M.EMPTY if spec.required else None)
    kind = spec.kind
    if kind == TEXT:
        return _text(spec, raw)
    if kind == INT:
        return _int(spec, raw)
    if kind == BOOL:
        if isinstance(raw, bool):
            return Checked(raw)
        return Checked(None, M.EXPECTED_BOOL.format(got=shown(raw)))
    if kind == DATE:
        parsed = as_date(raw)
        return Checked(parsed) if parsed is not None else Checked(None, date_problem(raw))
    if kind in (TEXTS, DATES):
        return _list_of(spec, raw)
    if kind == RECORD:
        if isinstance(raw, dict):
            return Checked(raw)
        return Checked(None, M.EXPECTED_MAPPING.format(got=kind_of(raw)))
    if isinstance(raw, (list, tuple)):
        return Checked(raw)
    return Checked(None, M.EXPECTED_LIST.format(got=kind_of(raw)))


def _text(spec: Field, raw: Any) -> Checked:
    if isinstance(raw, int) and not isinstance(raw, bool):
        raw = str(raw)
    if not isinstance(raw, str):
        return Checked(None, M.EXPECTED_TEXT.format(got=shown(raw)))
    value = raw.strip()
    if len(value) > spec.max_chars:
        return Checked(None, M.TOO_LONG.format(chars=len(value), limit=spec.max_chars))
    if spec.choices is not None:
        if value in spec.choices:
            return Checked(spec.choices[value])
        return Checked(None, not_one_of(value, spec.words or tuple(spec.choices)))
    return Checked(value)


def not_one_of(value: str, words: tuple[str, ...]) -> str:
    """Which words are allowed, and the close one when there is one."""
    message = M.NOT_ONE_OF.format(words="、".join(words), got=value)
    close = closest(value, words)
    return f"{message}；{M.DID_YOU_MEAN.format(name=close)}" if close else message


def _int(spec: Field, raw: Any) -> Checked:
    if isinstance(raw, float) and raw.is_integer():  # a number cell in Excel
        raw = int(raw)
    if isinstance(raw, bool) or not isinstance(raw, int):
        return Checked(None, M.EXPECTED_WHOLE_NUMBER.format(got=shown(raw)))
    if spec.minimum is not None and raw < spec.minimum:
        return Checked(None, M.AT_LEAST.format(minimum=spec.minimum, got=raw))
    return Checked(raw)


def _list_of(spec: Field, raw: Any) -> Checked:
    """Each item a text (or date); the first wrong item's problem names its position."""
    if not isinstance(raw, (list, tuple)):
        return Checked(None, M.EXPECTED_LIST.format(got=kind_of(raw)))
    item_spec = Field(spec.name, DATE if spec.kind == DATES else TEXT, spec.label, max_chars=spec.max_chars)
    values = []
    for item in raw:
        checked = check_value(item_spec, item)
        if checked.problem:
            return Checked(None, checked.problem)
        values.append(checked.value)
    return Checked(tuple(values))


# --- dates ---------------------------------------------------------------------------------

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# The ways a date is typed in China: 2026年12月1日, 2026/12/1, 2026.12.1, 2026-12-1.
_OTHER_DATE = re.compile(r"(\d{4})\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?|[/.\-](\d{1,2})[/.\-](\d{1,2}))")


def as_date(raw: Any) -> dt.date | None:
    """A date from `YYYY-MM-DD` text or a date cell; None for anything else."""
    if isinstance(raw, dt.datetime):
        return raw.date() if raw.time() == dt.time() else None
    if isinstance(raw, dt.date):
        return raw
    if not isinstance(raw, str) or not ISO_DATE.fullmatch(raw.strip()):
        return None
    try:
        return dt.date.fromisoformat(raw.strip())
    except ValueError:
        return None


def date_problem(raw: Any) -> str:
    """Why `raw` is not a date: the form (showing the accepted one), or a day the calendar lacks."""
    text = raw.strip() if isinstance(raw, str) else None
    match = _OTHER_DATE.fullmatch(text) if text else None
    if text is None or match is None:
        return M.EXPECTED_DATE.format(got=shown(raw))
    year = int(match[1])
    month = int(match[2] or match[4])
    day = int(match[3] or match[5])
    if not 1 <= month <= 12:
        return M.DATE_NO_MONTH.format(got=text, month=month)
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        return M.DATE_NO_DAY.format(got=text, year=year, month=month, days=days)
    return M.DATE_WRITE_AS.format(iso=dt.date(year, month, day).isoformat(), got=text)


# --- how values are named in messages ------------------------------------------------------


def kind_of(value: Any) -> str:
    if isinstance(value, dict):
        return M.KIND_MAPPING
    if isinstance(value, (list, tuple)):
        return M.KIND_LIST
    if value is None:
        return M.KIND_NOTHING
    return shown(value)


def shown(value: Any) -> str:
    if isinstance(value, dict):
        return M.KIND_MAPPING
    if isinstance(value, (list, tuple)):
        return M.KIND_LIST
    if isinstance(value, bool):
        return " true" if value else " false"
    if isinstance(value, str):
        return " '" + (value if len(value) <= 40 else value[:40] + "…") + "'"
    if isinstance(value, (dt.date, int, float)):
        return f" {value}"
    return f" '{value}'"


def closest(name: str, known: Any) -> str | None:
    """The one known name close to `name` (a misspelt field, 旗区 or unit), if any."""
    import difflib

    found = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return found[0] if found else None


def did_you_mean(name: str, known: Any) -> str:
    """'；是否应为 '…'？' when one known name is close, else ''."""
    close = closest(name, known)
    return "；" + M.DID_YOU_MEAN.format(name=close) if close else ""


# --- the records ---------------------------------------------------------------------------


class Outcome(str, Enum):
    """An objection's outcome: the stored code (open data's word) and the word an officer types."""

    PENDING = "pending"
    UPHELD = "upheld"
    DISMISSED = "dismissed"

    def __str__(self) -> str:
        return self.value

    @property
    def label(self) -> str:
        return OUTCOME_LABELS[self]


OUTCOME_LABELS = MappingProxyType({Outcome.PENDING: "待核实", Outcome.UPHELD: "异议成立", Outcome.DISMISSED: "异议不成立"})
OUTCOME_WORDS = tuple(OUTCOME_LABELS.values())
# The Chinese words, and the English words of earlier files, each read as its outcome.
OUTCOMES = MappingProxyType({**{label: o for o, label in OUTCOME_LABELS.items()}, **{o.value: o for o in Outcome}})
STATUSES = ("已完成", "达到序时进度", "进展滞后")
# What a published report says of an open task, a measure or a city status it left out (三、保障措施（三）:
# 每年对外公开…各项整改措施具体进展情况). A word of the report pages only: no task state follows from it.
NOT_REPORTED = "本年度未报告"
REPORT_WORDS = (*STATUSES, NOT_REPORTED)  # the columns of a report's counts

# A name that becomes part of a URL or a file name: a plan's folder, a 旗区's or unit's slug, a notice's file.
SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")
MIN_WORKDAYS = 10
APPLY_WITHIN_WORKDAYS = 10  # 整改完成后10个工作日内提出验收申请 (附件 一)
TASK_TITLE_MAX_CHARS = 20  # a task's short title (第7项 <title>): a line on a phone, a feed item's title

HOTLINE = Record(
    "hotline", "热线电话",
    (
        Field("name", TEXT, "热线名称", help="如：12345政务服务便民热线"),
        Field("number", TEXT, "号码", help="拨打的号码，只写数字和连字符，如：12345、0477-12369"),
        Field("hours", TEXT, "受理时间", required=False, help="如：24小时"),
    ),
)

CONTACT = Record(
    "contact", "受理异议的联系方式",
    (
        Field("phone", TEXT, "联系电话", required=False),
        Field("email", TEXT, "电子邮箱", required=False),
        Field("address", TEXT, "通信地址", required=False),
        Field("hours", TEXT, "受理时间", required=False, help="联系电话和来访的受理时间，如：工作日8:30—12:00、14:30—18:00"),
        Field("hotlines", RECORDS, "热线电话", required=False, record=HOTLINE,
              help="公示期满后仍可反映问题的热线，如12345政务服务便民热线、12369环保举报热线"),
    ),
)

ACCEPTANCE = Record(
    "acceptance", "验收意见",
    (
        Field("unit", TEXT, "验收单位", help="出具验收销号意见的单位：须是该整改任务的验收单位之一，名称与方案一致"),
        Field(
            "co_units", TEXTS, "配合验收单位", required=False,
            help="可选：配合验收的其他单位，每项须是该整改任务的验收单位之一", open_data=False,
        ),
        Field("date", DATE, "验收销号意见日期", help="验收销号意见的日期（YYYY-MM-DD），不晚于公示开始日期"),
        Field("opinion", TEXT, "验收意见", help="复核意见", rich=True, withheld=True),
    ),
)

CHANNEL = Record(
    "channel", "其他发布渠道",
    (Field("name", TEXT, "渠道名称"), Field("date", DATE, "发布日期")),
)

# 四、整改完成情况 measure by measure (对照整改措施逐条梳理): `no` is the measure's number in the plan.
MEASURE_COMPLETION = Record(
    "measure", "措施完成情况",
    (Field("no", INT, "措施序号", minimum=1), Field("text", TEXT, "完成情况", withheld=True)),
)

WITHDRAWAL = Record(
    "withdrawn", "撤回",
    (
        Field("date", DATE, "撤回日期", help="撤回的日期（YYYY-MM-DD），不早于公示开始日期"),
        Field("reason", TEXT, "撤回原因", help="撤回原因，在公示页面上显示"),
    ),
)

ELSEWHERE = Record(
    "published_elsewhere", "此前已在其他渠道发布",
    (
        Field("channel", TEXT, "发布渠道", help="最先发布本公示的渠道（报纸、政务新媒体等）"),
        Field("date", DATE, "发布日期", help="在该渠道发布的日期（YYYY-MM-DD），不晚于公示开始日期"),
    ),
)

OBJECTION = Record(
    "objection", "异议",
    (
        Field("received", DATE, "收到日期"),
        Field("summary", TEXT, "异议内容摘要"),
        Field("outcome", TEXT, "核实结果", choices=OUTCOMES, words=OUTCOME_WORDS),
        Field("resolved", DATE, "核实日期", required=False),
        Field("verified_by", TEXT, "核实单位", required=False,
              help="组织核实的单位（一般为市生态环境保护委员会办公室），核实后填写"),
        Field("reason", TEXT, "核实理由", required=False, help="异议成立或不成立的理由，核实后填写"),
    ),
)

NOTICE = Record(
    "notice", "验收销号公示",
    (
        Field("plan", TEXT, "方案编号", help="方案编号", attribute="plan_id"),
        Field("task", INT, "整改任务序号", minimum=1, help="整改任务序号", attribute="task_no"),
        Field("scope", TEXTS, "涉及旗区", required=False,
              help="本次公示涉及的旗区（分旗区验收时填写；删去本字段即为整项任务）"),
        Field("start", DATE, "公示开始日期", help="公示开始日期（工作日）", open_data=False),
        Field("workdays", INT, "公示工作日数", required=False, help="公示期的工作日数，不少于10个",
              open_data=False),  # open data gives the window itself
        Field("completed", DATE, "完成整改日期", required=False, help="完成整改日期（YYYY-MM-DD），可选",
              open_data=False),
        Field("applied", DATE, "申请验收日期", required=False,
              help="申请验收日期（YYYY-MM-DD），可选；应在完成整改后10个工作日内", open_data=False),
        Field("completion", TEXT, "整改完成情况",
              help="四、整改完成情况（待填写）：对照整改措施逐条说明，需要制定的政策文件逐个列出，不得缺项少项。",
              rich=True, withheld=True),
        Field("completion_by_measure", RECORDS, "逐条措施完成情况", required=False, record=MEASURE_COMPLETION,
              help="对照方案的整改措施逐条写完成情况：no 为措施序号（一是即 1），text 为该措施的完成情况",
              attribute="measure_completions", open_data=False),
        Field("acceptance", RECORD, "验收意见", record=ACCEPTANCE, help="五、验收意见（待填写）"),
        Field("approved", DATE, "市生态环境保护委员会同意日期", required=False,
              help="验收销号意见经市生态环境保护委员会同意的日期（YYYY-MM-DD）：公示前必须填写（附件 一）；不早于验收日期、不晚于公示开始日期",
              open_data=False),
        Field("contact", RECORD, "受理异议的联系方式", required=False, record=CONTACT,
              help="受理异议的联系方式；删去本字段则使用 data/site.yaml 中的联系方式", open_data=False),
        Field("channels", RECORDS, "其他发布渠道", required=False, record=CHANNEL,
              help="同时发布本公示的其他渠道（报纸、电视台、政务新媒体等）和发布日期"),
        Field("objections", RECORDS, "异议", required=False, record=OBJECTION,
              help="公示期间收到的异议，按收到日期先后填写"),
        Field("closed_out", DATE, "销号日期", required=False,
              help="销号日期：公示期满无异议、按程序销号后填写（YYYY-MM-DD）", ledger=10),
        Field("published_elsewhere", RECORD, "此前已在其他渠道发布", required=False, record=ELSEWHERE,
              help="本公示在网站发布之前已在其他渠道发布时填写：渠道和日期；只有这样，开始日期才可以早于网站发布之日"),
        Field("withdrawn", RECORD, "撤回", required=False, record=WITHDRAWAL,
              help="撤回已发布的公示时填写撤回日期和原因（不要删除文件）；页面此后只显示标题、公示期和撤回说明"),
    ),
)

MEASURE_PROGRESS = Record(
    "measure", "整改措施进展",
    (Field("no", INT, "措施序号", minimum=1), Field("progress", TEXT, "进展情况")),
)

BANNER_PROGRESS = Record(
    "banner", "分旗区进展",
    (
        Field("banner", TEXT, "旗区"),
        Field("status", TEXT, "进展状态", choices=MappingProxyType({s: s for s in STATUSES}), words=STATUSES),
        # One of the two (progress.py): the 旗区's text, or its progress measure by measure, or both.
        Field("progress", TEXT, "进展情况", required=False,
              help="本旗区的总体进展情况；填写了本旗区各项整改措施进展 'measures' 时可不填"),
        Field("measures", RECORDS, "本旗区整改措施进展", required=False, record=MEASURE_PROGRESS,
              help="可选：本旗区各项整改措施的进展，no 为措施序号（一是即 1），progress 为进展情况；"
                   "不填总体进展情况 'progress' 时必填"),
    ),
)

EXTENSION = Record(
    "extension", "申请延期整改",
    (
        Field("requested", DATE, "申请日期"),
        Field("reason", TEXT, "延期原因"),
        Field("new_deadline", DATE, "延期至"),
        Field("approved_by", TEXT, "批准机关", required=False),
    ),
)

REBOUND = Record(
    "rebound", "问题反弹",
    (Field("found", DATE, "发现日期"), Field("finding", TEXT, "发现的问题"), Field("notice", TEXT, "督办通知")),
)

TASK_PROGRESS = Record(
    "task", "整改任务进展",
    (
        Field("task", INT, "整改任务序号", minimum=1, attribute="task_no"),
        # The city status and measures may wait while only 旗区 entries have come back (progress.py: an
        # entry needs a status or 旗区 entries; a status needs its measures).
        Field("status", TEXT, "进展状态", required=False, choices=MappingProxyType({s: s for s in STATUSES}),
              words=STATUSES),
        Field("measures", RECORDS, "整改措施进展", required=False, record=MEASURE_PROGRESS),
        Field("banners", RECORDS, "分旗区进展", required=False, record=BANNER_PROGRESS),
        Field("extension", RECORD, "申请延期整改", required=False, record=EXTENSION),
        Field("rebound", RECORD, "问题反弹", required=False, record=REBOUND),
    ),
)

PROGRESS_REPORT = Record(
    "progress", "年度整改进展",
    (
        Field("published", DATE, "发布日期"),
        Field("plan", TEXT, "方案编号", required=False, attribute="plan_id"),
        Field("publisher", TEXT, "发布单位", required=False,
              help="可选：发布本年度整改进展的单位；不填则为网站主办单位"),
        Field("channels", RECORDS, "其他发布渠道", required=False, record=CHANNEL,
              help="可选：同时发布本年度整改进展的其他渠道（报纸、电视台、政务新媒体等）和发布日期"),
        Field("tasks", RECORDS, "整改任务进展", record=TASK_PROGRESS),
    ),
)

SITE = Record(
    "site", "网站信息",
    (
        Field("title", TEXT, "网站名称"),
        Field("publisher", TEXT, "主办单位"),
        Field("site_code", TEXT, "政府网站标识码", required=False),
        Field("icp", TEXT, "ICP备案号", required=False),
        Field("police_record", TEXT, "公安机关备案号", required=False),
        Field("police_record_code", TEXT, "公安机关备案编号", required=False),
        Field("contact", RECORD, "受理异议的联系方式", record=CONTACT),
        Field("examples", BOOL, "示例数据", required=False),
        Field("examples_note", TEXT, "示例数据说明", required=False),
    ),
)

CALENDAR_YEAR = Record(
    "calendar", "节假日安排",
    (
        Field("source", TEXT, "通知名称", required=False),  # exactly one of source and sources (workcalendar)
        Field("sources", TEXTS, "通知名称（依次适用的几份通知）", required=False),
        Field("holidays", DATES, "放假日期"),
        Field("workdays", DATES, "调休上班日期"),
        Field("corrects", TEXT, "所依据的更正通知", required=False),
    ),
)

INSPECTION = Record(
    "inspection", "督察情况",
    (
        Field("body", TEXT, "督察组"),
        Field("round", TEXT, "督察轮次"),
        Field("start", DATE, "督察开始日期"),
        Field("end", DATE, "督察结束日期"),
        Field("report_date", DATE, "督察报告反馈日期"),
        Field("report_title", TEXT, "督察报告名称"),
    ),
)

SECTION = Record("section", "章节", (Field("title", TEXT, "标题"), Field("paragraphs", TEXTS, "段落")))

PROBLEM = Record(
    "problem", "问题",
    (Field("no", INT, "问题序号", minimum=1), Field("title", TEXT, "问题"), Field("note", TEXT, "说明", required=False)),
)

CHAPTER = Record(
    "chapter", "章",
    (Field("no", INT, "章序号", minimum=1), Field("title", TEXT, "标题"),
     Field("problems", RECORDS, "问题", record=PROBLEM)),
)

NAMED = Record("named", "名录", (Field("name", TEXT, "名称"), Field("slug", TEXT, "网址名")))

APPENDIX = Record("appendix", "附件", (Field("title", TEXT, "附件标题"), Field("intro", TEXT, "开头一段")))

SUBUNIT_WORD = "旗区"  # plan.yaml's subunit_word when left out (Inner Mongolia's plans)
# A page about several plans that call their sub-units differently names them all so: 旗县（市、区） (how
# Inner Mongolia's own documents name 旗、县、市辖区 together) when one plan has 旗, else 县（市、区）.
SUBUNIT_WORD_SEVERAL = "旗县（市、区）"
SUBUNIT_WORD_SEVERAL_NO_BANNERS = "县（市、区）"


def shared_subunit_word(words: Iterable[str]) -> str:
    """The word every plan uses for its sub-units, else a word naming them all (no plan: 旗区)."""
    found = set(words)
    if len(found) > 1:
        return SUBUNIT_WORD_SEVERAL if any("旗" in word for word in found) else SUBUNIT_WORD_SEVERAL_NO_BANNERS
    return found.pop() if found else SUBUNIT_WORD


def in_plans_word(text: str, word: str) -> str:
    """A label or guidance declared here (which says 旗区) as a plan of `word` reads it: 分县（市、区）验收."""
    return text.replace(SUBUNIT_WORD, word)


PLAN = Record(
    "plan", "整改方案",
    (
        Field("title", TEXT, "方案名称"),
        Field("area", TEXT, "地区"),
        # What the plan calls its sub-units, as its text writes them (各县（市、区）政府): 旗区 when left out.
        Field("subunit_word", TEXT, "旗区的称谓", required=False,
              help="旗区的称谓：方案对下辖旗、县、区的统称，如 旗区、县（市、区）、区县；不填即为 旗区"),
        Field("inspection", RECORD, "督察情况", record=INSPECTION),
        Field("preamble", TEXT, "前言"),
        Field("requirements", RECORD, "总体要求", record=SECTION),
        Field("tasks_intro", TEXT, "整改任务导语"),
        Field("chapters", RECORDS, "章节", record=CHAPTER),
        Field("safeguards", RECORDS, "保障措施", record=SECTION),
        Field("procedure", RECORDS, "验收销号程序", record=SECTION),
        Field("appendix", RECORD, "附件", required=False, record=APPENDIX),
        Field("banners", RECORDS, "旗区名录", record=NAMED),
        Field("units", RECORDS, "单位名录", record=NAMED),
    ),
)

TASK = Record(
    "task", "整改任务",
    (
        Field("no", INT, "整改任务序号", minimum=1),
        Field("problem_no", INT, "问题序号", minimum=1),
        # What and where in a few words, for titles (第7项 <title>): plans.py checks it is the task's own words.
        Field("title", TEXT, "标题", required=False,
              help="标题：从本项任务的问题、整改目标或所属问题的标题中原样摘取的一段文字，说明整改什么、在哪里"),
        Field("problem", TEXT, "问题", ledger=28),
        Field("goal", TEXT, "整改目标", ledger=22),
        Field("measures", TEXTS, "整改措施", ledger=34),
        Field("responsible_units", TEXT, "责任单位", ledger=14, attribute="responsible"),
        # Optional: some plans name no 验收单位. Such a task is published, but no notice of it is accepted until
        # the officer fills it in (notices.acceptance_missing), so 排名第一位的验收单位牵头 always has a unit.
        Field("acceptance_units", TEXT, "验收单位", required=False, ledger=12, attribute="acceptance",
              help="验收单位：照方案原文填写；方案未列的可暂不填，但发布本项任务的验收销号公示前必须填写"),
        Field("deadline", TEXT, "整改时限", ledger=10),
        # Roles other plans name besides 责任单位 and 验收单位, as written: "督办单位：市委督查室" (plan import).
        Field("other_units", TEXTS, "其他单位", required=False,
              help="其他单位：方案中责任单位、验收单位以外的单位，每条写“督办单位：……”，照原文"),
    ),
)

TASKS = Record("tasks", "整改任务表", (Field("tasks", RECORDS, "整改任务", record=TASK),))

# data/plans/<id>/names.yaml (optional, not part of the plan's text): the full official name a 旗区 or unit
# signs with in the close-out forms (杭锦旗 → 杭锦旗人民政府, 市住建局 → 鄂尔多斯市住房和城乡建设局).
OFFICIAL_NAME = Record(
    "official_name", "正式名称",
    (Field("name", TEXT, "方案中的名称"), Field("full", TEXT, "落款用的正式名称")),
)
NAMES = Record("names", "旗区和单位的正式名称", (Field("names", RECORDS, "正式名称", record=OFFICIAL_NAME),))

# The records officers write, by the file that holds them (for the README test).
EVENT_KIND_WORDS = ("问题反弹", "延期整改", "回头看")
EVENT_KINDS = MappingProxyType(
    {
        "问题反弹": "rebound",
        "延期整改": "extension",
        "回头看": "review",
        # The English words the first files used stay accepted.
        "rebound": "rebound",
        "extension": "extension",
    }
)

# A rebound 情节严重的，报市生态环境保护委员会办公室 (附件 二（一）): when, and by which document.
ESCALATION = Record(
    "escalation", "报市生态环境保护委员会办公室",
    (Field("date", DATE, "报送日期"), Field("document", TEXT, "报送文件")),
)

# 回头看 (三、保障措施（一）): what a periodic review after close-out concluded. A rebound it found is
# named by its record's id in data/events/ (the file name without .yaml).
REVIEW_CONSOLIDATED = "巩固"

# data/events/<id>.yaml: one extension (延期整改) or rebound (问题反弹), entered on the day it happens.
# Which of the kind-specific fields are required depends on `kind`; task_events.py enforces that.
EVENT = Record(
    "event", "延期整改、问题反弹或回头看",
    (
        Field("plan", TEXT, "方案编号", required=False),
        Field("task", INT, "整改任务序号", minimum=1),
        Field("kind", TEXT, "类别", choices=EVENT_KINDS, words=EVENT_KIND_WORDS),
        Field("scope", TEXTS, "涉及的旗区（问题反弹：任务涉及旗区时必填）", required=False),
        Field("date", DATE, "日期（问题反弹的发现日期、延期整改的批复日期、回头看的日期）"),
        Field("recorded", DATE, "在网站公开的日期（不填即为 date）", required=False),
        Field("document", TEXT, "督办通知或批复文件"),
        Field("finding", TEXT, "发现的问题（问题反弹）", required=False),
        Field("limit", DATE, "整改期限（问题反弹）", required=False),
        Field("requested", DATE, "申请日期（延期整改）", required=False),
        Field("reason", TEXT, "原因（延期整改）", required=False),
        Field("new_deadline", DATE, "批准延期至（延期整改）", required=False),
        Field("approved_by", TEXT, "批准机关（延期整改）", required=False),
        Field("published_in", INT, "原载于哪一年度整改进展（从已发布的报告移来的问题反弹填写年份）", required=False, minimum=2000),
        Field("escalation", RECORD, "报市生态环境保护委员会办公室（问题反弹，情节严重的）", required=False, record=ESCALATION),
        Field("result", TEXT, "回头看结果（巩固，或所发现问题反弹的记录编号）", required=False),
    ),
)

# The fields only one kind of event carries (task_events.py refuses them on the other kind).
EVENT_KIND_FIELDS = MappingProxyType(
    {
        "rebound": ("finding", "limit", "escalation", "published_in"),
        "extension": ("requested", "reason", "new_deadline", "approved_by"),
        "review": ("result",),
    }
)
EVENT_KIND_LABELS = MappingProxyType({"rebound": "问题反弹", "extension": "延期整改", "review": "回头看"})
# How far after a task's deadline (or a rebound's day found, when later) an approved new deadline or a
# rebound's time limit may fall: further is a mistyped year (2098 for 2028), not a decision.
EVENT_HORIZON_YEARS = 5
# The event dates that cannot precede the plan (its inspection report's feedback date), and those the horizon bounds.
EVENT_DATES_AFTER_PLAN = ("date", "requested")
EVENT_DATES_WITHIN_HORIZON = ("new_deadline", "limit")

OFFICER_RECORDS: dict[str, Record] = {
    "data/site.yaml": SITE,
    "data/notices/*.yaml": NOTICE,
    "data/progress/*.yaml": PROGRESS_REPORT,
    "data/calendar/*.yaml": CALENDAR_YEAR,
    "data/events/*.yaml": EVENT,
}


def all_fields(record: Record) -> list[Field]:
    """Every field of `record` and of the records nested in it."""
    found: list[Field] = []
    for spec in record.fields:
        found.append(spec)
        if spec.record is not None:
            found += all_fields(spec.record)
    return found


# --- the workbooks' fixed words ------------------------------------------------------------------

# The 整改台账 (ledger.py): its file and sheet name, and the headers of its own columns
# (the columns of declared fields are headed by their labels).
LEDGER_WORDS = MappingProxyType(
    {
        "file": "整改台账.xlsx",
        "sheet": "整改台账",
        "no": "序号",
        "banner": "旗区",  # each plan's sheet heads it with the plan's subunit_word
        "state": "当前状态",
        "note": "状态说明",
        "progress": "最新进展",
        "notice_start": "公示开始日期",
        "notice_end": "公示结束日期",
        "withdrawn": "公示撤回日期",
        "milestones": "时间节点",
    }
)

# The 年度整改进展 template (progress_sheet.py): its sheet name and the headers of its key and text
# columns (the columns an officer fills are headed by their fields' labels).
PROGRESS_SHEET_WORDS = MappingProxyType(
    {
        "sheet": "年度整改进展",
        "no": "序号",
        "banner": "旗区",  # headed with the plan's subunit_word (progress_sheet.headers)
        "measure": "措施序号",
        "text": "整改任务及整改措施（方案原文）",
        "units": "责任单位",
    }
)


class OpenDataKey:
    """The keys of api/notices.json and api/progress.json that opendata.py writes and the live site's
    publication record (publication_record.py) reads back: one spelling for both, and for the record's own file."""

    AS_OF = "as_of"
    NOTICES = "notices"
    REPORTS = "reports"
    ID = "id"
    PLAN = "plan"
    YEAR = "year"
    TASK = "task"
    TASKS = "tasks"
    WINDOW = "window"
    START = "start"
    END = "end"
    WITHDRAWN = "withdrawn"
    REASON = "reason"
    DATE = "date"
    PUBLISHED = "published"
    REBOUND = "rebound"
    FOUND = "found"
