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

from . import messages as M
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
            problems.append(M.RECORD_NOTICE_GONE.format(id=notice_id, start=start.isoformat()))
        elif notice.start != start:
            problems.append(f"{notice.source}:{notice.line}: start: " + M.RECORD_NOTICE_REDATED.format(
                start=start.isoformat(), new=notice.start.isoformat()
            ))
    for notice in sorted(dataset.notices, key=lambda n: n.id):
        if notice.id not in record.notices and notice.start <= record.as_of and notice.published_elsewhere is None:
            problems.append(f"{notice.source}:{notice.line}: start: " + M.RECORD_NOTICE_BACKDATED.format(
                live=live, start=notice.start.isoformat()
            ))
    reports = {(r.plan_id, r.year): r for r in dataset.progress}
    for (plan_id, year), published in sorted(record.reports.items()):
        report = reports.get((plan_id, year))
        if report is None:
            problems.append(M.RECORD_REPORT_GONE.format(plan=plan_id, year=year, published=published.isoformat()))
        elif report.published != published:
            problems.append(f"{report.source}:{report.line}: published: " + M.RECORD_REPORT_REDATED.format(
                published=published.isoformat(), new=report.published.isoformat()
            ))
    for (plan_id, year), report in sorted(reports.items()):
        if (plan_id, year) not in record.reports and report.published <= record.as_of:
            problems.append(f"{report.source}:{report.line}: published: " + M.RECORD_REPORT_BACKDATED.format(
                live=live, published=report.published.isoformat()
            ))
    return problems
