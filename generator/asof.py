"""The one date every status depends on.

`--as-of` wins; else SOURCE_DATE_EPOCH (reproducible builds); else today in
Asia/Shanghai, whatever the machine's time zone.
"""

from __future__ import annotations

import datetime as dt
import os

from . import messages as M
from .schema import date_problem
from .yamlsrc import parse_date

CHINA = dt.timezone(dt.timedelta(hours=8), "Asia/Shanghai")


class AsOfError(ValueError):
    pass


def resolve_as_of(option: str | None = None) -> dt.date:
    if option:
        parsed = parse_date(option)
        if parsed is None:
            raise AsOfError(f"--as-of：{date_problem(option)}")
        return parsed
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        if not epoch.isdigit():
            raise AsOfError(M.CLI_EPOCH.format(got=epoch))
        try:
            return dt.datetime.fromtimestamp(int(epoch), CHINA).date()
        except (OverflowError, OSError, ValueError):
            raise AsOfError(M.CLI_EPOCH_RANGE.format(got=epoch)) from None
    return dt.datetime.now(CHINA).date()


def epoch_of(day: dt.date) -> int:
    """Noon of `day` in China: SOURCE_DATE_EPOCH for MkDocs, whose sitemap dates are in UTC."""
    return int(dt.datetime.combine(day, dt.time(12), CHINA).timestamp())


def chinese_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"
