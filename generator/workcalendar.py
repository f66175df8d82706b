"""The official working-day calendar that publicity periods are counted on.

A close-out notice must stay public for at least 10 working days (工作日), and
a working day is whatever the State Council's yearly holiday notice says:
statutory days off move, and some Saturdays and Sundays are worked (调休).
The `chinese_calendar` package carries those notices for the years it knows;
`data/calendar/<year>.yaml` gives a year it does not know yet, or corrects one
(saying, in `corrects`, by which notice; a file that departs from the library
without saying so is refused, so the official schedule is never replaced by
accident).
A year known to neither is never guessed: every computation that needs it
raises `CalendarGap`, naming the file to add.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import chinese_calendar
from chinese_calendar import constants as _library_data

from . import messages as M
from . import yamlsrc
from .errors import Problems, display_path
from .schema import CALENDAR_YEAR, MIN_WORKDAYS

FILE_NAME = re.compile(r"(\d{4})\.yaml")
MIN_YEAR = 2000
MAX_YEAR = 2099
LIBRARY = f"chinese-calendar {getattr(chinese_calendar, '__version__', '')}".strip()
WEEKDAYS = M.WEEKDAYS


CORRECTS_WORD = "通知"  # what the title of the notice `corrects:` names always contains, with the year


def holiday_notice_title(year: int) -> str:
    """The title every yearly holiday notice carries, so an officer can search for it."""
    return M.OFFICIAL_NOTICE_TITLE.format(year=year)


class CalendarGap(Exception):
    """A computation needs a year whose official holiday schedule is not known."""

    def __init__(self, year: int, file: str, message: str) -> None:
        self.year = year
        self.file = file
        super().__init__(message)


@dataclass(frozen=True)
class Window:
    """A publicity period: `days` working days counted from `start`, ending on `end`."""

    start: dt.date
    days: int
    end: dt.date
    workdays: tuple[dt.date, ...]


@dataclass(frozen=True)
class CalendarYear:
    """One year as given by a `data/calendar/<year>.yaml` file."""

    year: int
    source: str
    holidays: frozenset[dt.date]
    workdays: frozenset[dt.date]
    file: str = ""
    corrects: str = ""  # the notice by which the file departs from the library's year, if it does
    sources: tuple[str, ...] = ()  # every notice applied, in order (`source` joins them for display)


@dataclass(frozen=True)
class _Days:
    """A year's working days, sorted for bisection and as a set for membership."""

    ordered: tuple[dt.date, ...]
    members: frozenset[dt.date]
    source: str


def _dates_of(year: int) -> Iterable[dt.date]:
    day = dt.date(year, 1, 1)
    while day.year == year:
        yield day
        day += dt.timedelta(days=1)


def _days(working: Iterable[dt.date], source: str) -> _Days:
    ordered = tuple(working)
    return _Days(ordered, frozenset(ordered), source)


@functools.lru_cache(maxsize=1)
def library_years() -> tuple[int, int]:
    """First and last year chinese-calendar knows, by the same rule it refuses others."""
    years = [day.year for day in _library_data.holidays]
    return min(years), max(years)


@functools.cache
def _library_year(year: int) -> _Days | None:
    """Shared by every WorkCalendar: the library's data never changes during a run."""
    first, last = library_years()
    if not first <= year <= last:
        return None
    try:
        return _days((day for day in _dates_of(year) if chinese_calendar.is_workday(day)), LIBRARY)
    except NotImplementedError:
        return None


def _file_year(entry: CalendarYear) -> _Days:
    working = (
        day
        for day in _dates_of(entry.year)
        if day in entry.workdays or (day.weekday() < 5 and day not in entry.holidays)
    )
    return _days(working, entry.source)


class WorkCalendar:
    """Working days from chinese-calendar, with whole years replaced by data files."""

    def __init__(self, years: Iterable[CalendarYear] = (), calendar_dir: str = "data/calendar") -> None:
        self.files: dict[int, CalendarYear] = {entry.year: entry for entry in years}
        self.calendar_dir = calendar_dir
        self._cache: dict[int, _Days] = {}

    @classmethod
    def load(cls, calendar_dir: Path, root: Path, problems: Problems) -> WorkCalendar:
        """Read every `<year>.yaml` in `calendar_dir`; a missing folder means none."""
        dir_name = display_path(calendar_dir, root)
        years: list[CalendarYear] = []
        if os.path.lexists(calendar_dir) and not calendar_dir.is_dir():
            problems.add(dir_name, 0, "", M.CALENDAR_NOT_FOLDER)
        elif calendar_dir.is_dir():
            for path in sorted(calendar_dir.iterdir()):
                if path.name.startswith("."):
                    continue
                name = display_path(path, root)
                year = _year_of_name(path, name, problems)
                if year is not None:
                    entry = read_year_file(path, name, year, problems)
                    if entry is not None:
                        years.append(entry)
        return cls(years, dir_name)

    def out_of_range(self, day: dt.date) -> str | None:
        """Why no date of `day`'s year can be right (a mistyped year, like 2100), or None: the rule a notice's start obeys."""
        if MIN_YEAR <= day.year <= MAX_YEAR:
            return None
        return str(self.gap(day.year))

    def file_for(self, year: int) -> str:
        return f"{self.calendar_dir}/{year}.yaml"

    def gap(self, year: int) -> CalendarGap:
        """The error for an unknown year, saying exactly which file would fill it."""
        first, last = library_years()
        known = M.CALENDAR_KNOWN_LIBRARY.format(first=first, last=last)
        if self.files:
            years = "、".join(str(y) for y in sorted(self.files))
            known += M.CALENDAR_KNOWN_FILES.format(folder=self.calendar_dir, years=years)
        file = self.file_for(year)
        if not MIN_YEAR <= year <= MAX_YEAR:
            # No file can be added for such a year: the date is almost surely mistyped.
            message = M.CALENDAR_GAP_OUT_OF_RANGE.format(year=year, first=MIN_YEAR, last=MAX_YEAR, known=known)
            return CalendarGap(year, file, message)
        add = M.CALENDAR_ADD.format(title=holiday_notice_title(year), file=file)
        message = M.CALENDAR_GAP.format(year=year, known=known, add=add)
        return CalendarGap(year, file, message)

    def _year(self, year: int) -> _Days:
        days = self._cache.get(year)
        if days is None:
            if year in self.files:
                days = _file_year(self.files[year])
            else:
                days = _library_year(year)
                if days is None:
                    raise self.gap(year)
            self._cache[year] = days
        return days

    def known_years(self) -> tuple[int, ...]:
        first, last = library_years()
        return tuple(sorted(set(range(first, last + 1)) | set(self.files)))

    def known_until(self, today: dt.date | None = None) -> dt.date:
        """Last day of the unbroken run of known years from `today`'s year.

        Without `today` the run starts at chinese-calendar's newest year, so the
        answer does not depend on the clock. When the starting year itself is
        unknown, the answer is the day before it begins.
        """
        year = today.year if today is not None else library_years()[1]
        known = set(self.known_years())
        while year in known:
            year += 1
        return dt.date(year - 1, 12, 31)

    def source_of(self, year: int) -> str | None:
        """Where a year's schedule comes from: the notice named in its file, or the library."""
        try:
            return self._year(year).source
        except CalendarGap:
            return None

    def is_workday(self, day: dt.date) -> bool:
        return day in self._year(day.year).members

    def next_workday(self, day: dt.date) -> dt.date:
        """The first working day on or after `day`."""
        while True:
            ordered = self._year(day.year).ordered
            index = bisect.bisect_left(ordered, day)
            if index < len(ordered):
                return ordered[index]
            day = dt.date(day.year + 1, 1, 1)

    def window(self, start: dt.date, days: int = MIN_WORKDAYS) -> Window:
        """`start` is day 1 when it is a working day; else counting begins on the next one."""
        if days < 1:
            raise ValueError(M.WINDOW_AT_LEAST_ONE.format(days=days))
        found: list[dt.date] = []
        day = start
        while len(found) < days:
            ordered = self._year(day.year).ordered
            index = bisect.bisect_left(ordered, day)
            found.extend(ordered[index : index + days - len(found)])
            day = dt.date(day.year + 1, 1, 1)
        return Window(start=start, days=days, end=found[-1], workdays=tuple(found))

    def workdays_between(self, first: dt.date, last: dt.date) -> list[dt.date]:
        """Working days from `first` to `last`, both included."""
        found: list[dt.date] = []
        for year in range(first.year, last.year + 1):
            ordered = self._year(year).ordered
            found.extend(ordered[bisect.bisect_left(ordered, first) : bisect.bisect_right(ordered, last)])
        return found

    def remaining_workdays(self, window: Window, today: dt.date) -> int:
        """Working days of the window still to come, `today` included; 0 once it has ended."""
        return len(window.workdays) - bisect.bisect_left(window.workdays, today)


def window_json(window: Window) -> dict[str, object]:
    return {
        "start": window.start.isoformat(),
        "days": window.days,
        "end": window.end.isoformat(),
        "workdays": [day.isoformat() for day in window.workdays],
    }


def stale_warning(calendar: WorkCalendar, today: dt.date, days: int = 60) -> str | None:
    """Warn while there is still time: before any window needs the missing year."""
    until = calendar.known_until(today)
    if until >= today + dt.timedelta(days=days):
        return None
    missing = until.year + 1
    file = calendar.file_for(missing)
    add = M.CALENDAR_ADD.format(title=holiday_notice_title(missing), file=file)
    if until < today:
        return M.CALENDAR_STALE_BEGUN.format(year=missing, add=add)
    left = (until - today).days
    return M.CALENDAR_STALE_SOON.format(
        until=until.isoformat(), left=left, today=today.isoformat(), year=missing, add=add
    )


def _year_of_name(path: Path, name: str, problems: Problems) -> int | None:
    match = FILE_NAME.fullmatch(path.name)
    if path.is_dir() or match is None:
        found = re.search(r"(?<!\d)(\d{4})(?!\d)", path.name)
        example = f"{found.group(1)}.yaml" if found else f"{library_years()[1] + 1}.yaml"
        what = M.CALENDAR_IS_FOLDER if path.is_dir() else M.CALENDAR_FILE_NAME
        problems.add(name, 0, "", M.CALENDAR_NAME_RULE.format(what=what, example=example))
        return None
    year = int(match.group(1))
    if not MIN_YEAR <= year <= MAX_YEAR:
        problems.add(name, 0, "", M.CALENDAR_YEAR_RANGE_FIX.format(year=year, first=MIN_YEAR, last=MAX_YEAR))
        return None
    return year


def read_year_file(path: Path, name: str, year: int, problems: Problems) -> CalendarYear | None:
    """Validate one year's file; on any problem record it and return None."""
    value = yamlsrc.load(path, name, problems)
    if value is None:
        return None
    fields = yamlsrc.Fields(value, name, problems, CALENDAR_YEAR)
    if not fields.ok:
        return None
    sources = _read_sources(fields, year)
    holidays = _read_dates(fields, "holidays", year, empty=M.CALENDAR_NO_HOLIDAYS)
    workdays = _read_dates(fields, "workdays", year)
    for day, (line, where) in (workdays or {}).items():
        if day.weekday() < 5:
            message = M.CALENDAR_WORKDAY_WEEKDAY.format(day=day.isoformat(), weekday=WEEKDAYS[day.weekday()])
            fields.error(line, where, message)
        if holidays is not None and day in holidays:
            fields.error(line, where, M.CALENDAR_BOTH.format(day=day.isoformat(), line=holidays[day][0]))
    corrects = fields.value("corrects") or ""
    if corrects and (str(year) not in corrects or CORRECTS_WORD not in corrects):
        # It names the notice the file follows, so anyone can look it up: a title, not a remark.
        message = M.CALENDAR_CORRECTS_TITLE.format(value=corrects, year=year, word=CORRECTS_WORD)
        fields.error(fields.line_of("corrects"), "corrects", message)
    if not fields.done() or sources is None or holidays is None or workdays is None:
        return None
    entry = CalendarYear(year, "；".join(sources), frozenset(holidays), frozenset(workdays), name, corrects, sources)
    _compare_with_library(fields, entry, {**holidays, **workdays})
    return None if not fields.ok else entry


def _read_sources(fields: yamlsrc.Fields, year: int) -> tuple[str, ...] | None:
    """`source` (one notice) or `sources` (the yearly notice, then each one that changed the year); each names the year."""
    key = "sources" if fields.has("sources") else "source"
    if key == "sources" and fields.has("source"):
        fields.error(fields.line_of("sources"), "sources", M.CALENDAR_SOURCE_AND_SOURCES)
        return None
    found = fields.value(key, required=True)
    if found is None:
        return None
    sources = tuple(found) if key == "sources" else (found,)
    if not sources:
        fields.error(fields.line_of(key), key, M.EMPTY)
        return None
    for source in sources:
        if str(year) not in source:
            message = M.CALENDAR_SOURCE_YEAR.format(year=year, title=holiday_notice_title(year))
            fields.error(fields.line_of(key), key, message)
    return sources


def _compare_with_library(fields: yamlsrc.Fields, entry: CalendarYear, lines: dict[dt.date, tuple[int, str]]) -> None:
    """A file for a year chinese-calendar has must not replace the official schedule by accident.

    The same schedule: a warning (the file can go). Another one: an error, unless
    `corrects` names the notice it follows; then each changed day is a warning.
    """
    official = _library_year(entry.year)
    if official is None:
        return
    mine = _file_year(entry).members
    changed = sorted(day for day in _dates_of(entry.year) if (day in mine) != (day in official.members))
    if not changed:
        fields.warn(fields.line, "", M.CALENDAR_SAME_AS_OFFICIAL.format(year=entry.year))
        return

    def shown(day: dt.date) -> str:
        return M.CALENDAR_CORRECTED_DAY.format(
            day=day.isoformat(), weekday=WEEKDAYS[day.weekday()],
            official=M.CALENDAR_WORKING if day in official.members else M.CALENDAR_OFF,
            file=M.CALENDAR_WORKING if day in mine else M.CALENDAR_OFF,
        )

    if not entry.corrects:
        message = M.CALENDAR_DIFFERS_FROM_OFFICIAL.format(
            year=entry.year, count=len(changed), example=shown(changed[0])
        )
        fields.error(fields.line, "corrects", message)
        return
    for day in changed:
        fields.warn(lines[day][0] if day in lines else fields.line_of("corrects"), "corrects", shown(day))


def _read_dates(
    fields: yamlsrc.Fields, name: str, year: int, empty: str | None = None,
) -> dict[dt.date, tuple[int, str]] | None:
    """Each valid date of a list field with its line and path; None when the list itself is missing.

    Wrong items are reported and left out, so the checks across both lists
    still run on the rest and the officer sees every problem in one pass.
    A list written empty is reported with `empty`, when given.
    """
    days = fields.value(name)
    if days is None:
        return None
    if empty is not None and not days.written:
        fields.error(fields.line_of(name), name, empty)
    found: dict[dt.date, tuple[int, str]] = {}
    for day, (line, where) in zip(days, days.places):
        if day.year != year:
            fields.error(line, where, M.CALENDAR_OTHER_YEAR.format(day=day.isoformat(), year=year))
        elif day in found:
            fields.error(line, where, M.CALENDAR_TWICE.format(day=day.isoformat(), line=found[day][0]))
        else:
            found[day] = (line, where)
    return found
