"""Understanding the plan's published wording: 整改时限, 责任单位/验收单位, 整改措施.

The data keeps each of these exactly as published, so the site can quote the
plan word for word; what the words mean (a date, the 旗区 involved, who leads)
is read from them here. A shape not seen in published plans is refused with a
message rather than guessed at.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from collections.abc import Sequence

from . import messages as M
from .model import Deadline, MeasureDate, UnitRefs
from .schema import SUBUNIT_WORD, did_you_mean

DIGITS = "一二三四五六七八九"

# The one reader of a date phrase, in 整改时限 and inside a measure (时间节点): each names the last day it allows.
#   2025年12月底 / 2025年8月底前: the month's last day; 2025年底前: 31 December; 2025年6月30日前: that day;
#   2025年上半年: 30 June. Other wordings (2026年7月前, 2025年底, 2025年) are left as the plan's text, never guessed at.
_DATE = (
    r"(?P<year>\d{4})年(?:(?P<month>\d{1,2})月(?:(?P<day>\d{1,2})日前|底前?)|(?P<year_end>底前)|(?P<half>上半年))"
)
_MEASURE_DATE = re.compile(_DATE)
MEASURE_DATE_FORMS = ("2025年8月底前", "2025年底前", "2025年6月30日前", "2025年12月底", "2025年上半年")

# 整改时限: a date, or 立行立改, then optionally 取得阶段性成效 (the date is a milestone) and 长期坚持/持续推进
# (the work goes on after close-out), with full- or half-width commas and an optional final 。.
_SEP = r"[，,]"
_SUSTAINED = r"(?:长期坚持|持续推进)"
_DEADLINE = re.compile(
    rf"(?:{_DATE}(?P<milestone>{_SEP}?取得阶段性成效)?|(?P<at_once>立行立改))?"
    rf"(?P<ongoing>(?(year){_SEP}|(?(at_once){_SEP}|)){_SUSTAINED})?[。.]?"
)
DEADLINE_FORMS = (
    "2025年12月底", "2025年底前", "2024年6月底前", "2023年9月30日前", "2025年上半年", "立行立改", "长期坚持", "持续推进",
    "立行立改，长期坚持", "2017年9月底前，长期坚持。", "2025年12月底取得阶段性成效，长期坚持",
)
_DEADLINE_SHAPES = M.DEADLINE_SHAPES


def _last_day(match: re.Match[str]) -> dt.date | None:
    """The last day a date phrase allows; None when it names no real day (13月底, 2月30日前)."""
    year = int(match["year"])
    try:
        if match["year_end"]:
            return dt.date(year, 12, 31)
        if match["half"]:
            return dt.date(year, 6, 30)
        month = int(match["month"])
        if match["day"] is not None:
            return dt.date(year, month, int(match["day"]))
        return dt.date(year, month, calendar.monthrange(year, month)[1])
    except ValueError:
        return None


def parse_deadline(text: str) -> Deadline:
    """整改时限 in the state model's terms: a date (or none), whether it is for 取得阶段性成效, whether the work goes on.

    A date with 长期坚持 and no 阶段性成效 is a date deadline, sustained after close-out; 立行立改 alone is
    immediate (no date, never overdue by date); 长期坚持 and 持续推进 alone likewise, sustained.
    """
    text = text.strip()
    match = _DEADLINE.fullmatch(text)
    if match is None or not (match["year"] or match["at_once"] or match["ongoing"]):
        raise ValueError(M.DEADLINE_UNREADABLE.format(text=text, shapes=_DEADLINE_SHAPES))
    ongoing = bool(match["ongoing"])
    if not match["year"]:
        return Deadline(text, None, milestone=False, ongoing=ongoing, immediate=bool(match["at_once"]))
    day = _last_day(match)
    if day is None:
        if match["month"] and not 1 <= int(match["month"]) <= 12:
            raise ValueError(M.DEADLINE_MONTH.format(text=text, month=int(match["month"])))
        raise ValueError(M.DEADLINE_NO_SUCH_DAY.format(text=text))
    return Deadline(text, day, bool(match["milestone"]), ongoing)


def measure_dates(text: str) -> tuple[MeasureDate, ...]:
    """The dates written in a measure's text, in the order written (the same wording once).

    Read as `parse_deadline` reads its date; a wording that names no real day (13月底前, 2月30日前)
    is not a date and is left as text.
    """
    found: list[MeasureDate] = []
    for match in _MEASURE_DATE.finditer(text):
        day = _last_day(match)
        if day is not None and all(m.text != match.group() for m in found):
            found.append(MeasureDate(match.group(), day))
    return tuple(found)


# The word a plan calls its sub-units by (plan.yaml `subunit_word`): 旗区 in Inner Mongolia, 县（市、区） or 区县
# elsewhere. The importer recognises these; a plan may declare another.
SUBUNIT_WORDS = ("旗区", "县（市、区）", "县（市）", "县（区）", "区县", "县区")


def collectives(word: str = SUBUNIT_WORD) -> tuple[str, ...]:
    """The phrases that name no single body, in a plan whose sub-units are called `word`."""
    return ("市直各有关部门", f"相关{word}党委和政府", f"相关{word}党委、政府", f"相关{word}政府")


@functools.cache
def banner_pattern(word: str = SUBUNIT_WORD) -> re.Pattern[str]:
    """'X旗、Y区党委和政府' (group `names`), or every sub-unit: '各旗区党委、政府', '各县（市、区）政府' (group `every`),
    either with an optional '（除X、Y）' (group `excluded`)."""
    every = re.escape(f"各{word}")
    return re.compile(
        rf"(?:(?P<every>{every})(?:党委(?:、|和))?政府|(?P<names>[^，（）]+?)党委(?:、|和)政府)"
        r"(?:（除(?P<excluded>[^（）]+)）)?"
    )


_JOINT_LEAD = "共同牵头"
_LEAD = "牵头"
_NOT_IN_NAMES = re.compile(r"[,;，；:：()（）\s]")


def parse_units(text: str, banner_names: Sequence[str], word: str = SUBUNIT_WORD) -> UnitRefs:
    """Read 责任单位/验收单位: parts separated by '，', names inside a part by '、'.

    `word` is what the plan calls its sub-units (各旗区党委、政府, 各县（市、区）政府).

    The lead (牵头, or 共同牵头 for every unit of its part) comes first, as the
    appendix makes the first-ranked acceptance unit lead the acceptance.
    """
    text = text.strip()
    lead: list[str] = []
    units: list[str] = []
    banners: set[str] = set()
    every = False
    found_collectives: list[str] = []
    first: tuple[str, ...] = ()
    for index, part in enumerate(text.split("，")):
        part = part.strip()
        if not part:
            raise ValueError(M.UNITS_EMPTY_PART.format(text=text))
        if not index:
            first = (part,)
        if part in collectives(word):
            found_collectives.append(part)
            continue
        match = banner_pattern(word).fullmatch(part)
        if match:
            banners.update(_banners_of(part, match, banner_names, word))
            every = every or bool(match["every"])
            continue
        names, leads = _lead_of(part)
        if not index:
            first = tuple(names)
        if leads and index:
            raise ValueError(M.UNITS_LEAD_FIRST.format(part=part))
        for name in names:
            if not name or _NOT_IN_NAMES.search(name) or _LEAD in name:
                raise ValueError(M.UNITS_UNREADABLE.format(part=part, text=text))
            if name in units:
                raise ValueError(M.UNITS_TWICE.format(text=text, name=name))
            units.append(name)
            if leads:
                lead.append(name)
    return UnitRefs(
        text=text,
        lead=tuple(lead),
        units=tuple(units),
        banners=tuple(b for b in banner_names if b in banners),
        collectives=tuple(found_collectives),
        first=first,
        every=every,
    )


def _lead_of(part: str) -> tuple[list[str], bool]:
    if part.endswith(_JOINT_LEAD):
        return part[: -len(_JOINT_LEAD)].split("、"), True
    if part.endswith(_LEAD):
        names = part[: -len(_LEAD)].split("、")
        if len(names) > 1:
            raise ValueError(M.UNITS_JOINT_LEAD.format(part=part))
        return names, True
    return part.split("、"), False


def _banners_of(part: str, match: re.Match[str], banner_names: Sequence[str], word: str) -> set[str]:
    """'X旗、Y区党委和政府' names banners; '各旗区…（除X、Y）' (in the plan's word) is every banner but X and Y."""
    excluded = match["excluded"].split("、") if match["excluded"] else []
    if match["every"]:
        named = list(banner_names)
    elif excluded:
        raise ValueError(M.UNITS_EXCEPT.format(part=part, word=word))
    else:
        named = match["names"].split("、")
    for name in named + excluded:
        if name not in banner_names:
            hint = did_you_mean(name, banner_names)
            raise ValueError(M.UNITS_NOT_BANNER.format(
                part=part, name=name, hint=hint, known="、".join(banner_names), word=word
            ))
    return set(named) - set(excluded)


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 11 → 十一, 21 → 二十一: how the plan numbers its chapters and measures."""
    if not 1 <= n <= 99:
        raise ValueError(M.NUMERAL_OUT_OF_RANGE.format(n=n))
    tens, ones = divmod(n, 10)
    if tens == 0:
        return DIGITS[ones - 1]
    return ("" if tens == 1 else DIGITS[tens - 1]) + "十" + (DIGITS[ones - 1] if ones else "")


def measure_ordinal(n: int) -> str:
    """The plan's word before its n-th measure (1-based): 一是, 二是 … 十是, 十一是."""
    return f"{chinese_numeral(n)}是"


def split_measures(text: str) -> list[str]:
    """整改措施 run 一是…二是…; each becomes one measure without its ordinal word.

    Text without at least 一是 and 二是 is one measure, kept whole.
    """
    text = text.strip()
    first = measure_ordinal(1)
    if not text.startswith(first) or measure_ordinal(2) not in text:
        return [text]
    measures: list[str] = []
    start = len(first)
    for n in range(2, 100):
        ordinal = measure_ordinal(n)
        found = text.find(ordinal, start)
        if found < 0:
            break
        measures.append(text[start:found])
        start = found + len(ordinal)
    measures.append(text[start:])
    return measures


def numbered_measures(measures: Sequence[str]) -> list[tuple[str, str]]:
    """Each measure with the word the plan puts before it (一是, 二是…); a lone measure has none.

    Pages, and anything else that quotes the measures, number them through this.
    """
    if len(measures) == 1:
        return [("", measures[0])]
    return [(measure_ordinal(i), m) for i, m in enumerate(measures, start=1)]


def join_measures(measures: Sequence[str]) -> str:
    """The published 整改措施 text again, ordinals restored (inverse of `split_measures`)."""
    return "".join(ordinal + m for ordinal, m in numbered_measures(measures))


# A line that is only a date (a document's date under its 落款, 截至…): it says nothing of a notice,
# and the site shows dates everywhere (another notice's acceptance date, a window, the build date).
ONLY_A_DATE = re.compile(r"(?:截至|截止|于)?\d{4}年\d{1,2}月\d{1,2}日(?:前|止)?[。.]?")


# --- a plan as published (gongshi plan import) -------------------------------------------------------------

# 关于印发《…方案》的通知: the notice a plan is sent out in; its words are not the plan's.
PLAN_NOTICE_TITLE = re.compile(r".*关于印发《(?P<title>.+)》的通知")
# The preamble's account of the inspection (2024年7月22日至8月15日，自治区第三生态环境保护督察组对X开展了…督察，
# 并于2024年12月3日反馈了《…》): its dates, body, the area inspected and the report's title.
PREAMBLE_INSPECTION = re.compile(
    r"(?P<sy>\d{4})年(?P<sm>\d{1,2})月(?P<sd>\d{1,2})日至(?:(?P<ey>\d{4})年)?(?P<em>\d{1,2})月(?P<ed>\d{1,2})日，"
    r"(?P<body>[^，]+?督察组)对(?P<area>[^，]+?)开展了[^，]*督察，并于(?P<ry>\d{4})年(?P<rm>\d{1,2})月(?P<rd>\d{1,2})日"
    r"反馈了《(?P<report>[^》]+)》"
)
# Characters only traditional Chinese writes (責任單位, 整改時限, 問題…): such a paste is to be converted first.
TRADITIONAL_ONLY = frozenset("責單時標務問題環護區縣實體進將與為這們個產於裡關導織辦對級層據")
# 附件, 附件1, 附件2：, 附件：临县……名单: after the tasks, where the appendix starts; before them, the heading
# of a notice's attachment (the plan itself follows).
APPENDIX_LINE = re.compile(r"附件\s*\d*(?:[：:].*)?")
# A line of a government site's page around a pasted plan (来源：…, 责任编辑：…, 打印本页, 关闭窗口, 首页 > 政务公开).
SITE_CLUTTER = re.compile(
    r"^(?:(?:信息)?来源|责任编辑|编辑|作者|发布时间|发布日期|发布机构|浏览次数|点击数|字号)\s*[：:]"
    r"|^首页\s*[>＞»]|打印本页|关闭窗口|【打印】|【关闭】"
)
# A name in a unit list that reads as a sub-unit, not a 市直 department: 任丘市, 黄骅市政府, 洪洞县人民政府, 高新区
# (a 市直 unit starts with 市/县/区 and ends in 局、委、办…: 市生态环境局).
SUBUNIT_NAME = re.compile(r"[^市县区旗，、][^，、]*?[市县区旗](?:人民)?(?:政府)?")
# The ending of an area's name dropped before its pinyin becomes a slug prefix: 沧州市 → cangzhou.
AREA_SUFFIX = re.compile(r"(?:市|盟|州|地区|县)$")
# A 镇, 乡 or 苏木 a page names after its 旗区 (乌审旗嘎鲁图镇, 达拉特旗白泥井镇): the search page splits it off a query
# as it does a 旗区's or unit's name (乌审旗嘎鲁图镇热泵 → 嘎鲁图镇, 热泵). Not a clause that goes on after 旗 (两旗无城镇).
PLACE_AFTER_BANNER = re.compile(r"(?<=[旗区])(?![无各的和及与等在有为均])[\u4e00-\u9fff]{2,4}?(?:镇|乡|苏木)")
