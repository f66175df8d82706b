"""The one date every status depends on.

`--as-of` wins; else SOURCE_DATE_EPOCH (reproducible builds); else today in
Asia/Shanghai, whatever the machine's time zone.
"""

from __future__ import annotations

import datetime as dt
import os

from . import messages as M
from .schema import date_problem
from .workcalendar import MAX_YEAR, MIN_YEAR
from .yamlsrc import parse_date

CHINA = dt.timezone(dt.timedelta(hours=8), "Asia/Shanghai")


class AsOfError(ValueError):
    pass


def resolve_as_of(option: str | None = None) -> dt.date:
    """The build's date; an AsOfError (one line, what to do) for a date no calendar of the site can hold.

    A clock reset to 1970 or a mistyped year would otherwise fail deep in the
    build (a ZIP cannot hold dates before 1980) or publish nonsense countdowns.
    """
    day, source = _as_of(option)
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise AsOfError(
            M.AS_OF_OUT_OF_RANGE.format(source=source, day=day.isoformat(), first=MIN_YEAR, last=MAX_YEAR)
        )
    return day


def beijing_today() -> dt.date:
    """Today by the wall clock in Beijing: the latest day a live site may be built for."""
    return dt.datetime.now(CHINA).date()


def live_as_of(option: str | None = None) -> dt.date:
    """The date of a live build: today in Beijing, or an earlier SOURCE_DATE_EPOCH day (a reproducible rebuild).

    A live site built for another day publishes queued notices early, or takes
    back what it published; `--as-of` is accepted only when it names that day.
    """
    today = beijing_today()
    day, source = _as_of(None) if os.environ.get("SOURCE_DATE_EPOCH", "").strip() else (today, M.AS_OF_CLOCK)
    if day > today:
        raise AsOfError(M.LIVE_AFTER_TODAY.format(source=source, day=day.isoformat(), today=today.isoformat()))
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise AsOfError(M.AS_OF_OUT_OF_RANGE.format(source=source, day=day.isoformat(), first=MIN_YEAR, last=MAX_YEAR))
    if option and resolve_as_of(option) != day:
        asked = resolve_as_of(option).isoformat()
        raise AsOfError(M.LIVE_AS_OF_NOT_TODAY.format(day=asked, today=day.isoformat()))
    return day


def _as_of(option: str | None) -> tuple[dt.date, str]:
    if option:
        parsed = parse_date(option)
        if parsed is None:
            raise AsOfError(f"--as-of：{date_problem(option)}")
        return parsed, "--as-of"
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        if not epoch.isdigit():
            raise AsOfError(M.CLI_EPOCH.format(got=epoch))
        try:
            return dt.datetime.fromtimestamp(int(epoch), CHINA).date(), "SOURCE_DATE_EPOCH"
        except (OverflowError, OSError, ValueError):
            raise AsOfError(M.CLI_EPOCH_RANGE.format(got=epoch)) from None
    return beijing_today(), M.AS_OF_CLOCK


def epoch_of(day: dt.date) -> int:
    """Noon of `day` in China: SOURCE_DATE_EPOCH for MkDocs, whose sitemap dates are in UTC."""
    return int(dt.datetime.combine(day, dt.time(12), CHINA).timestamp())


def chinese_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"
