"""Reading the State Council's holiday notice (国务院办公厅关于YYYY年部分节假日安排的通知) as pasted from a web page.

The notice is read whole or not at all: every numbered item (一、元旦：… up to
六 or 七) must be read completely, or the notice is refused with one line per
problem naming the item. What is read:

- the year: from the title, or from the sentence "现将YYYY年……放假调休日期的
  具体安排通知如下" (a page may retitle the notice); both must agree;
- the kind: the yearly notice (部分节假日安排), or an addition (a title saying
  调整 or 延长, like 关于延长2020年春节假期的通知) applied on top of the year's
  schedule; an addition written without numbered items (现将…调整如下：
  then its sentences) is read as one item, from 如下 to the closing
  paragraph or the signature;
- in each item, sentences of these shapes only (full- or half-width
  punctuation; a 周X/星期X note is checked against the date, a 农历 note passed
  over):
  ``M月D日[至[M月]D日]放假[调休][N天]`` with an optional ``共N天`` checked
  against the range (an explicit ``YYYY年`` may precede either date; a range
  whose end month is before its start month starts the year before);
  ``M月D日、M月D日上班``; ``延长…假期至M月D日`` and ``M月D日起正常上班`` (an
  addition); words without dates (不调休、与周末连休); a sentence beginning
  鼓励 (advice, not a change of working days, shown but not counted).
  Any other wording with a date refuses the notice.

A yearly notice must cover the seven statutory holidays, and the list in its
opening sentence must be the items' holidays; the text after the last item
must reach the notice's end (节假日期间…, or the signature 国务院办公厅), so a
cut paste is refused rather than read short.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from . import messages as M
from .errors import Problem

FESTIVALS = ("元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节")
NUMERALS = "一二三四五六七八九十"
EXTENSION_LIMIT = 14  # days an extension may reach beyond the holiday it extends
YEARLY, ADDITION = "yearly", "addition"

_NUMERAL = r"[一二三四五六七八九十]+"
_DATE = r"(?:(?P<{p}y>\d{{4}})年)?(?:(?P<{p}m>\d{{1,2}})月)?(?P<{p}d>\d{{1,2}})日"
_A, _B = _DATE.format(p="a"), _DATE.format(p="b")
_HOLIDAY = re.compile(rf"{_A}(?:至{_B})?放假(?:调休)?(?:(?P<n>\d+)天)?")
_TOTAL = re.compile(r"共(?P<n>\d+)天")
_PLAIN_DATE = r"(?:\d{4}年)?(?:\d{1,2}月)?\d{1,2}日"
_WORKDAYS = re.compile(rf"{_PLAIN_DATE}(?:、{_PLAIN_DATE})*上班")
_ONE_DATE = re.compile(_DATE.format(p=""))
_EXTEND = re.compile(rf"延长(?:\d{{4}}年)?\S*?假期至{_A}")
_BACK = re.compile(rf"{_A}" + re.escape(M.NOTICE_BACK_TO_WORK_WORDS))
_NO_DATES_OK = re.compile(r"[^\d]*")
_PARENS = re.compile(r"\(([^()]*)\)")
_WEEKDAY_NOTE = re.compile(r"(?:周|星期)([一二三四五六日天])")
_WEEKDAY_INDEX = {ch: i for i, ch in enumerate("一二三四五六日")} | {"天": 6}
_DOCUMENT_NO = re.compile(r"国办发明电\s*〔\s*(\d{4})\s*〕\s*(\d+)\s*号")
_ADDITION_INTRO = re.compile(r"现将[^。\n]*?如下:")
_ITEM_HEAD = re.compile(rf"(?:^|(?<=[\s。]))(?P<num>{_NUMERAL})、")


@dataclass
class Item:
    """One numbered item of the notice and what it gives."""

    numeral: str
    name: str
    line: int
    holidays: list[dt.date] = field(default_factory=list)
    workdays: list[dt.date] = field(default_factory=list)
    extended_to: dt.date | None = None
    advice: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.numeral}、{self.name}" if self.name else f"{self.numeral}、"


@dataclass
class HolidayNotice:
    """A notice read completely: its year, title (as the calendar file's source) and items."""

    year: int
    title: str
    kind: str
    items: list[Item]
    file: str = ""

    def days(self, which: str) -> list[dt.date]:
        """Every date of the items' `which` ('holidays' or 'workdays'), sorted, whatever its year."""
        return sorted({day for item in self.items for day in getattr(item, which)})


class NoticeError(Exception):
    """The notice cannot be read completely: one problem per line, naming the item."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def read_text(path: Path) -> str | None:
    """The file's text in UTF-8 (a BOM allowed) or GBK, as Windows Notepad saves it; None if neither."""
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def parse(text: str, name: str) -> HolidayNotice:
    """The notice in `text` (shown as `name` in messages), or NoticeError saying what cannot be read."""
    reader = _Reader(text, name)
    notice = reader.notice()
    if reader.problems:
        raise NoticeError(reader.problems)
    assert notice is not None
    return notice


def apply(notice: HolidayNotice, holidays: set[dt.date], workdays: set[dt.date]) -> tuple[set[dt.date], set[dt.date]]:
    """The year's days off and worked weekend days once `notice` is applied on top of those given.

    A yearly notice replaces nothing (it is applied on an empty year); an
    addition's holidays turn worked days into days off, its 上班 days the
    other way, and an extension (延长…至 D) makes every day from the end of
    the holiday it extends through D a day off. Dates of another year are left out.
    """
    off, on = set(holidays), set(workdays)
    for item in notice.items:
        added = set(item.holidays)
        if item.extended_to is not None:
            end = item.extended_to
            last = max(day for day in off if day <= end)  # _extension checked there is one
            added |= {last + dt.timedelta(days=n) for n in range(1, (end - last).days + 1)}
        off |= added
        on -= added
        on |= set(item.workdays)
        off -= set(item.workdays)
    in_year = {day for day in off if day.year == notice.year}, {day for day in on if day.year == notice.year}
    return in_year


def extension_problem(notice: HolidayNotice, holidays: set[dt.date]) -> str | None:
    """Why an extension cannot be applied on `holidays`: no holiday shortly before the day it reaches."""
    for item in notice.items:
        end = item.extended_to
        if end is None:
            continue
        if not any(end - dt.timedelta(days=EXTENSION_LIMIT) <= day <= end for day in holidays):
            return f"{notice.file}:{item.line}: {item.label}: " + M.NOTICE_EXTENSION_GAP.format(
                day=end.isoformat(), limit=EXTENSION_LIMIT
            )
    return None


class _Reader:
    def __init__(self, text: str, name: str) -> None:
        # NFKC: full-width colons, commas, brackets and digits become their half-width forms.
        self.text = unicodedata.normalize("NFKC", text)
        self.name = name
        self.problems: list[Problem] = []

    def fail(self, line: int, where: str, message: str) -> None:
        self.problems.append(Problem(self.name, line, where, message))

    def line_of(self, offset: int) -> int:
        return self.text.count("\n", 0, offset) + 1

    def notice(self) -> HolidayNotice | None:
        header = self._header()
        if header is None:
            return None
        year, title, kind, intro = header
        heads = self._item_heads()
        if not heads and kind == ADDITION:
            return self._unnumbered(year, title)
        if not heads:
            self.fail(1, "", M.NOTICE_NO_ITEMS)
            return None
        items: list[Item] = []
        for index, (start, numeral) in enumerate(heads):
            end = heads[index + 1][0] if index + 1 < len(heads) else self._last_item_end(start)
            item = self._item(numeral, self.text[start:end], self.line_of(start), year, kind)
            if item is not None:
                items.append(item)
        if len(items) == len(heads):
            self._complete(items, heads, year, kind, intro)
        return HolidayNotice(year, title, kind, items, self.name)

    def _unnumbered(self, year: int, title: str) -> HolidayNotice | None:
        """An addition whose one change is written without a numbered item: the text from the sentence
        ending 如下 to the closing paragraph (or the signature) is read as its one item."""
        intro = _ADDITION_INTRO.search(self.text)
        if intro is None:
            self.fail(1, "", M.NOTICE_NO_ITEMS)
            return None
        ends = [i for i in (self.text.find(M.NOTICE_CLOSING, intro.end()), _find_signature(self.text, intro.end())) if i >= 0]
        if not ends:
            self.fail(self.line_of(intro.end()), "", M.NOTICE_NO_END)
            return None
        body = self.text[intro.end():min(ends)]
        item = self._item("一", "一、" + body.strip(), self.line_of(intro.end() + len(body) - len(body.lstrip())), year, ADDITION)
        return HolidayNotice(year, title, ADDITION, [item] if item is not None else [], self.name)

    def _header(self) -> tuple[int, str, str, list[str] | None] | None:
        flat = re.sub(r"\s+", "", self.text)
        title = re.search(r"关于(?P<what>调整|延长)?(?P<year>\d{4})年(?P<topic>[^。,:;]{0,20}?)的通知", flat)
        intro = re.search(rf"现将(?:延长)?(?P<year>\d{{4}})年(?P<list>[^。]*?){M.NOTICE_INTRO_END}", flat)
        if title is None and intro is None:
            self.fail(1, "", M.NOTICE_NO_TITLE)
            return None
        year = int((title or intro)["year"])  # type: ignore[index]
        if title is not None and intro is not None and int(intro["year"]) != year:
            self.fail(1, "", M.NOTICE_YEARS_DIFFER.format(title=year, intro=intro["year"]))
            return None
        yearly = title is None or (not title["what"] and title["topic"] == M.NOTICE_YEARLY_TOPIC)
        if title is not None:
            name = M.NOTICE_ISSUER + title.group(0)
        else:
            name = M.OFFICIAL_NOTICE_TITLE.format(year=year)
        number = _DOCUMENT_NO.search(self.text)
        if number is not None:
            name += M.NOTICE_DOCUMENT_NUMBER.format(year=number[1], number=number[2])
        listed = None
        if intro is not None and intro["list"] and yearly:
            listed = [w for w in re.split(r"[、和]", intro["list"]) if w]
        return year, name, YEARLY if yearly else ADDITION, listed

    def _item_heads(self) -> list[tuple[int, str]]:
        """(offset, numeral) of each item, from the first 一、 on; a page's repeated text after the notice is not read."""
        found: list[tuple[int, str]] = []
        for match in _ITEM_HEAD.finditer(self.text):
            numeral = match["num"]
            if not found:
                if numeral != "一":
                    continue
            elif numeral == "一":
                break  # the page repeats the notice (a summary below the full text): read the first copy
            found.append((match.start(), numeral))
        return found

    def _last_item_end(self, start: int) -> int:
        """The last item ends with its line, or, in a paste without line breaks, where the closing paragraph begins."""
        newline = self.text.find("\n", start)
        end = len(self.text) if newline < 0 else newline
        closing = self.text.find(M.NOTICE_CLOSING, start, end)
        return end if closing < 0 else closing

    def _complete(self, items: list[Item], heads: list[tuple[int, str]], year: int, kind: str,
                  intro: list[str] | None) -> None:
        """Every item numbered in order; a yearly notice covers the seven holidays its opening lists; the end is there."""
        for index, item in enumerate(items):
            expected = _numeral(index + 1)
            if item.numeral != expected:
                self.fail(item.line, item.label, M.NOTICE_ITEM_ORDER.format(found=item.numeral, expected=expected))
                return
        last = items[-1]
        tail = self.text[self._last_item_end(heads[-1][0]):]
        if M.NOTICE_CLOSING not in tail and M.NOTICE_ISSUER not in tail:
            self.fail(last.line, last.label, M.NOTICE_NO_END)
            return
        if kind != YEARLY:
            return
        named = [n for item in items for n in item.name.split("、")]
        missing = [f for f in FESTIVALS if f not in named]
        if missing:
            self.fail(last.line, last.label, M.NOTICE_MISSING_FESTIVALS.format(names="、".join(missing)))
        elif intro is not None and sorted(intro) != sorted(named):
            self.fail(1, "", M.NOTICE_INTRO_MISMATCH.format(intro="、".join(intro), items="、".join(named)))

    def _item(self, numeral: str, text: str, line: int, year: int, kind: str) -> Item | None:
        body = text[len(numeral) + 1:].strip()
        head, colon, rest = body.partition(":")
        name = ""
        if colon and re.fullmatch(r"[\u4e00-\u9fff、]{2,12}", head):
            name, body = head, rest
        item = Item(numeral, name, line)
        where = item.label
        before = len(self.problems)
        if kind == YEARLY:
            if not name:
                self.fail(line, where, M.NOTICE_ITEM_NO_NAME)
                return None
            for festival in name.split("、"):
                if festival not in FESTIVALS:
                    self.fail(line, where, M.NOTICE_ITEM_FESTIVAL.format(name=festival, known="、".join(FESTIVALS)))
                    return None
        for sentence in re.split(r"。", body):
            sentence = re.sub(r"\s+", "", sentence)
            if sentence:
                self._sentence(item, sentence, year)
        if len(self.problems) > before:
            return None
        both = sorted(set(item.holidays) & set(item.workdays))
        for day in both:
            self.fail(line, where, M.NOTICE_HOLIDAY_AND_WORKDAY.format(day=day.isoformat()))
        if kind == YEARLY and not item.holidays and not both:
            self.fail(line, where, M.NOTICE_ITEM_NO_HOLIDAY)
        return None if len(self.problems) > before else item

    def _sentence(self, item: Item, sentence: str, year: int) -> None:
        if sentence.startswith("鼓励"):
            item.advice.append(sentence)
            return
        plain, ok = self._notes(item, sentence, year)
        if not ok:
            return
        previous: tuple[dt.date, dt.date] | None = None
        for clause in plain.split(","):
            if not clause:
                continue
            if (match := _HOLIDAY.fullmatch(clause)) is not None:
                previous = self._holiday(item, clause, match, year)
                if previous and match["n"]:
                    self._count(item, previous, int(match["n"]))
            elif (match := _TOTAL.fullmatch(clause)) is not None and previous is not None:
                self._count(item, previous, int(match["n"]))
            elif _WORKDAYS.fullmatch(clause):
                for day in self._dates(item, clause, year):
                    if day.weekday() < 5:
                        weekday = M.WEEKDAYS[day.weekday()]
                        self.fail(item.line, item.label, M.NOTICE_WORKDAY_WEEKDAY.format(day=day, weekday=weekday))
                    item.workdays.append(day)
            elif (match := _EXTEND.fullmatch(clause)) is not None:
                item.extended_to = self._date(item, match, "a", year, None)
            elif (match := _BACK.fullmatch(clause)) is not None:
                back = self._date(item, match, "a", year, None)
                end = item.extended_to
                if back is not None and end is not None and back != end + dt.timedelta(days=1):
                    self.fail(item.line, item.label, M.NOTICE_BACK_TO_WORK.format(day=back, end=end))
            elif not _NO_DATES_OK.fullmatch(clause):
                self.fail(item.line, item.label, M.NOTICE_ITEM_UNREAD.format(clause=clause, year=year))

    def _notes(self, item: Item, sentence: str, year: int) -> tuple[str, bool]:
        """The sentence without its (…) notes; each 周X in a note is checked against the date before it."""
        notes: list[tuple[int, str]] = []  # (index of the date the note follows, the note's part)
        for match in _PARENS.finditer(sentence):
            before = len(_ONE_DATE.findall(_PARENS.sub("", sentence[: match.start()])))
            for part in re.split(r"[、,]", match[1]):
                if not part or part.startswith("农历"):
                    continue
                if _WEEKDAY_NOTE.fullmatch(part) is None or not before:
                    self.fail(item.line, item.label, M.NOTICE_ITEM_UNREAD.format(clause=sentence, year=year))
                    return "", False
                notes.append((before - 1, part))
        plain = _PARENS.sub("", sentence)
        days = self._dates(item, plain, year)
        ok = True
        for index, part in notes:
            written = _WEEKDAY_NOTE.fullmatch(part)
            assert written is not None
            if index < len(days) and days[index].weekday() != _WEEKDAY_INDEX[written[1]]:
                day = days[index]
                self.fail(item.line, item.label, M.NOTICE_WEEKDAY.format(
                    day=day.isoformat(), weekday=M.WEEKDAYS[day.weekday()], written=part))
                ok = False
        return plain, ok

    def _dates(self, item: Item, text: str, year: int) -> list[dt.date]:
        """Each date written in `text`, a missing month or year taken from the date before it.

        Without any year written, dates that run from December into January
        (元旦: 12月31日至1月2日) begin in the year before the notice's.
        """
        found: list[dt.date] = []
        for match in _ONE_DATE.finditer(text):
            day = self._date(item, match, "", year, found[-1] if found else None)
            if day is None:
                return []
            found.append(day)
        if not re.search(r"\d{4}年", text) and found and found[-1].year > year:
            found = [day.replace(year=day.year - 1) for day in found]
        return found

    def _date(self, item: Item, match: re.Match[str], p: str, year: int, before: dt.date | None) -> dt.date | None:
        y, m, d = match[f"{p}y"], match[f"{p}m"], match[f"{p}d"]
        month = int(m) if m else (before.month if before else 0)
        if y:
            the_year = int(y)
        elif before is not None:
            the_year = before.year + 1 if month < before.month else before.year
        else:
            the_year = year
        try:
            return dt.date(the_year, month, int(d))
        except ValueError:
            self.fail(item.line, item.label, M.NOTICE_BAD_DATE.format(text=match.group(0)))
            return None

    def _holiday(self, item: Item, clause: str, match: re.Match[str], year: int) -> tuple[dt.date, dt.date] | None:
        first = self._date(item, match, "a", year, None)
        if first is None:
            return None
        last = first
        if match["bd"] is not None:
            found = self._date(item, match, "b", year, first)
            if found is None:
                return None
            last = found
            if last.year > first.year and not match["ay"] and not match["by"]:
                # 12月30日至1月1日 in the notice for `year`: the range begins the year before.
                first, last = first.replace(year=first.year - 1), last.replace(year=last.year - 1)
        if last < first:
            self.fail(item.line, item.label, M.NOTICE_BACKWARDS.format(first=first, last=last))
            return None
        span = (last - first).days + 1
        item.holidays.extend(first + dt.timedelta(days=n) for n in range(span))
        return first, last

    def _count(self, item: Item, span: tuple[dt.date, dt.date], count: int) -> None:
        first, last = span
        days = (last - first).days + 1
        if days != count:
            self.fail(item.line, item.label, M.NOTICE_COUNT.format(first=first, last=last, days=days, count=count))


def _find_signature(text: str, start: int) -> int:
    """Where a line holding only the issuer (the signature) begins after `start`, or -1."""
    match = re.compile(rf"^\s*{re.escape(M.NOTICE_ISSUER)}\s*$", re.MULTILINE).search(text, start)
    return -1 if match is None else match.start()


def _numeral(number: int) -> str:
    """一 … 十九: the numbers items are given."""
    return NUMERALS[number - 1] if number <= 10 else "十" + NUMERALS[number - 11]


# --- what `gongshi calendar import` shows and writes ----------------------------------------------------------


def table_lines(notice: HolidayNotice) -> list[str]:
    """What was read, item by item, as a table an officer checks against the notice."""
    kind = M.CAL_KIND_YEARLY if notice.kind == YEARLY else M.CAL_KIND_ADDITION
    rows = [list(M.CAL_TABLE_HEAD)]
    notes: list[str] = []
    for item in notice.items:
        off = _runs(sorted(set(item.holidays)))
        shown = [f"{a} 至 {b}" if a != b else str(a) for a, b in off]
        if item.extended_to is not None:
            shown.append(M.CAL_TABLE_EXTENDED.format(day=item.extended_to.isoformat()))
        count = str(len(set(item.holidays))) if item.holidays else ""
        worked = "、".join(str(day) for day in sorted(item.workdays)) or M.CAL_TABLE_NONE
        if not shown and not item.workdays:
            shown, worked = [M.CAL_TABLE_NO_DATES], ""
        rows.append([item.numeral, item.name or M.CAL_TABLE_NONE, "、".join(shown), count, worked])
        notes += [M.CAL_TABLE_ADVICE.format(numeral=item.numeral, text=text) for text in item.advice]
    other = [day for day in notice.days("holidays") + notice.days("workdays") if day.year != notice.year]
    if other:
        days = "、".join(str(day) for day in sorted(other))
        notes.append(M.CAL_TABLE_DROPPED.format(days=days, year=notice.year, other=other[0].year))
    lines = [M.CAL_TABLE_TITLE.format(title=notice.title, kind=kind.format(year=notice.year))]
    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        lines.append("  ".join(cell + " " * (widths[i] - _width(cell)) for i, cell in enumerate(row)).rstrip())
    return lines + notes


def year_text(sources: list[str], holidays: set[dt.date], workdays: set[dt.date], corrects: str = "") -> str:
    """A `data/calendar/<year>.yaml` as `read_year_file` reads it: one source, or several in the order applied."""
    import json

    def quoted(text: str) -> str:
        return json.dumps(text, ensure_ascii=False)

    lines = [M.CAL_FILE_HEADER.rstrip("\n")]
    if len(sources) == 1:
        lines.append(f"source: {quoted(sources[0])}")
    else:
        lines += ["sources:"] + [f"  - {quoted(source)}" for source in sources]
    for name, days in (("holidays", holidays), ("workdays", workdays)):
        lines.append(f"{name}:" + ("" if days else " []"))
        lines += [f"  - {day.isoformat()}" for day in sorted(days)]
    if corrects:
        lines.append(f"corrects: {quoted(corrects)}")
    return "\n".join(lines) + "\n"


def _runs(days: list[dt.date]) -> list[tuple[dt.date, dt.date]]:
    runs: list[tuple[dt.date, dt.date]] = []
    for day in days:
        if runs and day == runs[-1][1] + dt.timedelta(days=1):
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))
    return runs


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
