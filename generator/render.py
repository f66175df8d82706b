"""The Jinja2 environment for generated pages.

Autoescaping is on, so nothing from the data reaches a page unescaped; text
that is Markdown passes through `richtext.render`, headings through
`richtext.inline`. StrictUndefined makes a misspelt field an error, not a
blank.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from typing import Any

import jinja2
from markupsafe import Markup, escape

from . import messages as M
from . import reuse, richtext, urls
from .asof import CHINA, chinese_date
from .contact import PHONE_NUMBER, dial
from .model import year_status
from .plan_text import chinese_numeral, numbered_measures
from .reports import CSS as REPORT_CSS
from .reports import chart
from .schema import NOT_REPORTED
from .status import breakdown, part_filter_data
from .titles import report_title, scope_words, task_name

_LINE_BREAKS = re.compile(r"[\r\n]+")


def _one_line(value: Any) -> Any:
    """Plain text stays on the line the template put it on.

    Pages are Markdown, and Markdown acts on what starts a line before it sees
    the HTML around it: a value with a line break could open a code fence, a
    heading or a list, or end an HTML block, and so add elements or break an
    attribute. In HTML a line break inside text is just a space, so one is
    written instead. Markup (rendered rich text, macros) is left as it is.
    """
    if isinstance(value, str) and not isinstance(value, Markup) and ("\n" in value or "\r" in value):
        return _LINE_BREAKS.sub(" ", value)
    return value


_WHOLE_WORDS = re.compile(r"(第\d+项)|(\d{4}年\d{1,2}月\d{1,2}日)")


def nobreak(value: Any) -> Markup:
    """Text, escaped, with each task number (第12项) and date in a span that styles.html keeps on one line.

    A reader on a phone must not see 第1 / 项 or 2026年11 / 月28日; computed sentences (a notice's
    note, its title) carry both, so the template marks them with this filter rather than by hand.
    """
    text = _LINE_BREAKS.sub(" ", str(value))  # Markup skips _one_line: keep it on its line here
    return Markup(_WHOLE_WORDS.sub(
        lambda m: f'<span class="{"gs-no" if m.group(1) else "gs-date"}">{m.group(0)}</span>', str(escape(text))
    ))


def names(values: Any) -> Markup:
    """旗区 or unit names joined with 、, each in a span that styles.html keeps on one line.

    A phone must not show 鄂托克 / 前旗 (a 旗区 name or a unit name fits a phone line).
    """
    return Markup("、").join(Markup('<span class="gs-name">{}</span>').format(name) for name in values)


def scope_names(values: Any) -> Markup:
    """The one scope format (titles.scope_words: （达拉特旗、准格尔旗）, "" for the whole task), each name kept whole."""
    return Markup(scope_words([Markup('<span class="gs-name">{}</span>').format(name) for name in values]))


def tel_links(value: Any) -> Markup:
    """A contact's phone text, escaped, with each number in it a tap-to-call link (tel:, digits only).

    The words around a number stay as written: 0477-0000000（示例） links the number, not the note.
    """
    text = _LINE_BREAKS.sub(" ", str(value))  # Markup skips _one_line: keep it on its line here
    out, last = [], 0
    for m in PHONE_NUMBER.finditer(text):
        digits = dial(m.group(0))
        out += [str(escape(text[last:m.start()])), f'<a href="tel:{digits}">{escape(m.group(0))}</a>']
        last = m.end()
    out.append(str(escape(text[last:])))
    return Markup("".join(out))


_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("generator", "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
    finalize=_one_line,
)
_ENV.filters["md"] = richtext.render
_ENV.filters["mdi"] = richtext.inline
_ENV.filters["cdate"] = lambda d: chinese_date(d) if isinstance(d, dt.date) else ""
_ENV.filters["cnum"] = chinese_numeral  # （一）、二、: the plan's numbering of its parts
_ENV.filters["numbered"] = numbered_measures  # (一是, measure), (二是, …): the plan's ordinals
_ENV.filters["nobreak"] = nobreak
_ENV.filters["names"] = names
_ENV.filters["scope"] = scope_names  # （达拉特旗、准格尔旗）: titles.scope_words, each name kept whole
_ENV.filters["stamp"] = reuse.stamp  # the date a page is as of: see reuse.py
_ENV.filters["tel"] = tel_links
_ENV.filters["dial"] = dial  # a hotline's number as tel: dials it
_ENV.filters["iso"] = lambda d: d.isoformat() if isinstance(d, dt.date) else ""
# Beijing time for a page's script (asof.CHINA), whole hours east of UTC.
_ENV.globals["beijing_hours"] = int(CHINA.utcoffset(None).total_seconds()) // 3600
_ENV.filters["json_attr"] = lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True)
_ENV.filters["script_json"] = lambda v: Markup(
    json.dumps(v, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
)
_ENV.tests["contains"] = lambda seq, value: value in seq
_ENV.globals["urls"] = urls
_ENV.globals["chart"] = chart  # inline SVG, drawn at build time
_ENV.globals["report_css"] = REPORT_CSS  # a report word's CSS class (reports.CSS)
_ENV.globals["report_title"] = report_title
_ENV.globals["task_name"] = task_name  # 第7项 餐厨垃圾处理设施建设, or 第7项整改任务
# Imported macros see globals only: what they need from the state model and open data.
_ENV.globals["breakdown"] = breakdown
_ENV.globals["part_filter_data"] = part_filter_data
_ENV.globals["NOT_REPORTED"] = NOT_REPORTED  # 本年度未报告: what a report left out
_ENV.globals["AWAITING_CAPTION"] = M.NOTICES_AWAITING_CAPTION  # /notices/: 公示期满待销号, objections dismissed or none
_ENV.globals["year_status"] = year_status  # a report's word on a task or 旗区, and whether it is the 旗区's own


def render(template: str, page_url: str, names: Mapping[str, Any]) -> str:
    """Render one page from the names its template reads (pages.PageContext.names).

    `link(url)` in the template gives a link relative to this page.
    """
    return _ENV.get_template(template).render(names, page_url=page_url, link=lambda to: urls.relative(page_url, to))
