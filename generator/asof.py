"""The one date every status depends on.

`--as-of` wins; else SOURCE_DATE_EPOCH (reproducible builds); else today in
Asia/Shanghai, whatever the machine's time zone.
"""

from __future__ import annotations

import datetime as dt
import os

from .yamlsrc import parse_date

CHINA = dt.timezone(dt.timedelta(hours=8), "Asia/Shanghai")


class AsOfError(ValueError):
    pass


def resolve_as_of(option: str | None = None) -> dt.date:
    if option:
        parsed = parse_date(option)
        if parsed is None:
            raise AsOfError(f"--as-of: expected a date (YYYY-MM-DD), got {option!r}")
        return parsed
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        if not epoch.isdigit():
            raise AsOfError(f"SOURCE_DATE_EPOCH: expected seconds since 1970, got {epoch!r}")
        try:
            return dt.datetime.fromtimestamp(int(epoch), CHINA).date()
        except (OverflowError, OSError, ValueError):
            raise AsOfError(
                f"SOURCE_DATE_EPOCH：{epoch} 秒超出可表示的日期范围；请改为1970年以来的秒数，或删除该环境变量"
            ) from None
    return dt.datetime.now(CHINA).date()


def epoch_of(day: dt.date) -> int:
    """Noon of `day` in China: SOURCE_DATE_EPOCH for MkDocs, whose sitemap dates are in UTC."""
    return int(dt.datetime.combine(day, dt.time(12), CHINA).timestamp())


def chinese_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"
