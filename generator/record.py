"""The public record: what the live site has already published, so a build can neither backdate nor drop it.

A close-out notice's 10 working days count from the day it is public. A
notice file written today with last month's `start` would otherwise be
published as 公示期满无异议 on dates it was never public, and a deleted
file would silently take a published notice off the public record.

The record is read from the live site's own open data (`api/notices.json`,
`api/progress.json`) beside its marker date, so it needs no state of its
own and moves with the site. It only decides whether a build is refused;
it never changes the bytes of a site that builds (the same data and date
still give the same site). With no live site (a fresh clone, a preview
folder) there is no record and the build publishes what the data holds.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import sitedir
from .model import Dataset

NOTICES_JSON = Path("api") / "notices.json"
PROGRESS_JSON = Path("api") / "progress.json"


@dataclass(frozen=True)
class PublicationRecord:
    """The live site's date, and the notices (id → start) and reports ((plan, year) → published) it carries."""

    as_of: dt.date
    notices: dict[str, dt.date]
    reports: dict[tuple[str, int], dt.date]


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def read_record(site_dir: Path) -> PublicationRecord | None:
    """The live site's record; None when there is no gongshi site there or it carries no open data."""
    if not site_dir.is_dir() or not sitedir.is_gongshi_site(site_dir):
        return None
    notices_data = _read_json(site_dir / NOTICES_JSON)
    if not isinstance(notices_data, dict):
        return None
    try:
        as_of = sitedir.built_as_of(site_dir) or dt.date.fromisoformat(notices_data["as_of"])
        notices = {n["id"]: dt.date.fromisoformat(n["window"]["start"]) for n in notices_data.get("notices", [])}
        progress_data = _read_json(site_dir / PROGRESS_JSON) or {}
        reports = {
            (r["plan"], int(r["year"])): dt.date.fromisoformat(r["published"]) for r in progress_data.get("reports", [])
        }
    except (KeyError, TypeError, ValueError, AttributeError):
        return None
    return PublicationRecord(as_of, notices, reports)


def record_problems(record: PublicationRecord, dataset: Dataset) -> list[str]:
    """One line per way the data would rewrite or shrink what the live site has published."""
    problems: list[str] = []
    held = {n.id: n for n in dataset.notices}
    live = record.as_of.isoformat()
    for notice_id, start in sorted(record.notices.items()):
        notice = held.get(notice_id)
        if notice is None:
            problems.append(
                f"data/notices/{notice_id}.yaml：这份验收销号公示已于{start.isoformat()}起在网站上公开，数据中却找不到该文件；"
                "已公开的公示不能悄悄删除或改名，请恢复该文件（原样放回 data/notices/）"
            )
        elif notice.start != start:
            problems.append(
                f"{notice.source}:{notice.line}: start: 网站已公开这份公示自{start.isoformat()}起公示，"
                f"不能改为{notice.start.isoformat()}；请改回{start.isoformat()}"
            )
    for notice in sorted(dataset.notices, key=lambda n: n.id):
        if notice.id not in record.notices and notice.start <= record.as_of:
            problems.append(
                f"{notice.source}:{notice.line}: start: 网站按{live}生成时没有这份公示，开始日期却是{notice.start.isoformat()}，"
                "发布后会显示为早已开始公示；公示期从在网站上公开之日起计算，请把 start 改为今天或以后的工作日"
            )
    reports = {(r.plan_id, r.year): r for r in dataset.progress}
    for (plan_id, year), published in sorted(record.reports.items()):
        report = reports.get((plan_id, year))
        if report is None:
            problems.append(
                f"data/progress/：{plan_id} 的{year}年度整改进展已于{published.isoformat()}在网站上公开，数据中却找不到该文件；"
                "已公开的年度进展不能悄悄删除或改名，请恢复该文件"
            )
        elif report.published != published:
            problems.append(
                f"{report.source}:{report.line}: published: 网站已于{published.isoformat()}公开这份年度进展，"
                f"不能改为{report.published.isoformat()}；请改回{published.isoformat()}"
            )
    for (plan_id, year), report in sorted(reports.items()):
        if (plan_id, year) not in record.reports and report.published <= record.as_of:
            problems.append(
                f"{report.source}:{report.line}: published: 网站按{live}生成时没有这份年度进展，发布日期却是"
                f"{report.published.isoformat()}；请把 published 改为今天或以后的日期"
            )
    return problems
