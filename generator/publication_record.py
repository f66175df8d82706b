"""The public record: what the live site has published, so that no build can backdate, rewrite or drop it.

A close-out notice's 10 working days count from the day it is public. A
notice file written today with last month's `start` would be published as
公示期满无异议 on dates it was never public; a deleted file would silently
take a published notice off the public record; an extension recorded after
the fact as "approved last month" would turn a task 已延期 retroactively.

The record lives in the live site's marker, `.gongshi-site.json`: the date
the site was built for, whether it is the live site or a preview, and what
it published as of that date (each notice's start and withdrawal, each
yearly report's publish date, each recorded extension and rebound). It moves
with the site and needs no state of its own. It is read fail-closed: a live
site whose marker or open data is missing, unreadable or inconsistent stops
the build, which says how to recover (restore the site from a backup, or
rebuild the record from the data with `--rebuild-record`, which is logged).
A site written by the previous release (a marker with only the date, the
record in `api/notices.json` and `api/progress.json`) is read as it is; the
sections it lacks (events) are filled from the data on the first build,
once the data still holds every event its feeds published.

The record only decides whether a build is refused: the site's pages do not
depend on it, so the same data and date still give the same pages.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from . import messages as M
from . import urls
from .feed_events import RECORD_GUID
from .model import ChangeRecord, Dataset, Notice
from .schema import EVENT_KIND_WORDS, EVENT_KINDS, REVIEW_CONSOLIDATED
from .schema import OpenDataKey as K
from .workcalendar import CalendarGap, WorkCalendar

MARKER = ".gongshi-site.json"
FORMAT = 2  # 1: the previous release's marker, {"generator", "as_of"}, the record in api/*.json
WITHDRAWN_REASON = "withdrawn_reason"  # the marker's own key beside OpenDataKey.START and .WITHDRAWN (the reason as published)
NOTICES_JSON = Path(urls.NOTICES_JSON)
PROGRESS_JSON = Path(urls.PROGRESS_JSON)
LIVE = "live"
PREVIEW = "preview"


class RecordError(Exception):
    """The live site's record cannot be read; the message names the file and what is wrong with it."""


class NewerRecordError(RecordError):
    """The record was written by a newer gongshi: update gongshi, never rebuild the record over it."""


@dataclass(frozen=True)
class PublishedEvent:
    """An extension or rebound from data/events/ as the live site published it."""

    plan: str
    task: int
    kind: str
    scope: tuple[str, ...]
    date: dt.date
    recorded: dt.date
    # Its public text, field by field (event_content); None in a marker that predates it: not checked then.
    # Not part of equality: a changed text is refused field by field (content_changes), not as another record.
    content: tuple[tuple[str, str], ...] | None = field(default=None, compare=False)

    def json(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "plan": self.plan, "task": self.task, "kind": self.kind, "scope": list(self.scope),
            "date": self.date.isoformat(), "recorded": self.recorded.isoformat(),
        }
        if self.content is not None:
            body["content"] = dict(self.content)
        return body


@dataclass(frozen=True)
class PublicationRecord:
    """What one site published as of its date. `events` is None for a site of the previous release."""

    as_of: dt.date
    mode: str = LIVE
    notices: dict[str, dt.date] = field(default_factory=dict)  # id → start
    withdrawals: dict[str, dt.date] = field(default_factory=dict)  # notice id → withdrawal date
    # notice id → the withdrawal's reason as published; a marker that predates it has none (not checked then)
    withdrawal_reasons: dict[str, str] = field(default_factory=dict)
    reports: dict[tuple[str, int], dt.date] = field(default_factory=dict)  # (plan, year) → published
    events: dict[str, PublishedEvent] | None = field(default_factory=dict)
    rebuilt: tuple[dict[str, str], ...] = ()  # each --rebuild-record: {"on": date, "reason": …}
    # (plan, task, found) of each rebound the site's published yearly reports carried (its api/progress.json):
    # such a rebound moved to data/events/ with the same task and found date is the same record, not a new one.
    report_rebounds: frozenset[tuple[str, int, dt.date]] = frozenset()
    # (plan, record id) of each data/events/ record a site of the previous release published in its feeds:
    # its marker has no events section, so these are what the data must still hold.
    feed_events: frozenset[tuple[str, str]] = frozenset()
    # notice id → the last day of its window, as the site's api/notices.json published it (read, never written:
    # the open data holds the windows). A calendar correction must not move a published window silently.
    window_ends: dict[str, dt.date] = field(default_factory=dict)

    def text(self) -> str:
        """The marker file's text: sorted, so the same record is the same bytes."""
        body: dict[str, Any] = {
            "generator": "gongshi",
            "format": FORMAT,
            "mode": self.mode,
            "as_of": self.as_of.isoformat(),
            "notices": {k: self._notice_json(k, v) for k, v in sorted(self.notices.items())},
            "reports": {f"{plan}/{year}": day.isoformat() for (plan, year), day in sorted(self.reports.items())},
            "events": {k: e.json() for k, e in sorted((self.events or {}).items())},
        }
        if self.rebuilt:
            body["rebuilt"] = list(self.rebuilt)
        return json.dumps(body, ensure_ascii=False, indent=1) + "\n"

    def _notice_json(self, notice_id: str, start: dt.date) -> dict[str, Any]:
        body: dict[str, Any] = {K.START: start.isoformat(), K.WITHDRAWN: _iso(self.withdrawals.get(notice_id))}
        if notice_id in self.withdrawal_reasons:
            body[WITHDRAWN_REASON] = self.withdrawal_reasons[notice_id]
        return body


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _event_of(r: ChangeRecord) -> PublishedEvent:
    kind = "rebound" if r.rebound is not None else "review" if r.review is not None else "extension"
    return PublishedEvent(r.plan_id, r.task_no, kind, r.scope, r.date, r.recorded, tuple(sorted(event_content(r).items())))


def event_content(r: ChangeRecord) -> dict[str, str]:
    """The public text of an event, by its field in data/events/ (schema.EVENT): what the site shows of it."""
    out: dict[str, str] = {"document": r.document}
    if r.rebound is not None:
        out["finding"] = r.rebound.finding
        if r.rebound.limit is not None:
            out["limit"] = r.rebound.limit.isoformat()
        if r.rebound.escalation is not None:
            out["escalation"] = f"{r.rebound.escalation.date.isoformat()} {r.rebound.escalation.document}"
        if r.published_in is not None:
            out["published_in"] = str(r.published_in)
    if r.extension is not None:
        out["requested"] = r.extension.requested.isoformat()
        out["reason"] = r.extension.reason
        out["new_deadline"] = r.extension.new_deadline.isoformat()
        if r.extension.approved_by is not None:
            out["approved_by"] = r.extension.approved_by
    if r.review is not None:
        out["result"] = r.review.rebound if r.review.rebound is not None else REVIEW_CONSOLIDATED
    return out


def of_dataset(dataset: Dataset, as_of: dt.date, mode: str, rebuilt: Iterable[dict[str, str]] = ()) -> PublicationRecord:
    """The record of a site built from `dataset` as of `as_of`: only what is public that day."""
    published = [n for n in dataset.notices if n.start <= as_of]
    return PublicationRecord(
        as_of=as_of,
        mode=mode,
        notices={n.id: n.start for n in published},
        withdrawals={n.id: n.withdrawn.date for n in published if n.withdrawn is not None and n.withdrawn.date <= as_of},
        withdrawal_reasons={
            n.id: n.withdrawn.reason for n in published if n.withdrawn is not None and n.withdrawn.date <= as_of
        },
        reports={(r.plan_id, r.year): r.published for r in dataset.progress if r.published <= as_of},
        events={r.id: _event_of(r) for r in dataset.records if r.recorded <= as_of},
        rebuilt=tuple(rebuilt),
        report_rebounds=frozenset(
            (r.plan_id, e.task_no, e.rebound.found) for r in dataset.progress if r.published <= as_of
            for e in r.tasks if e.rebound is not None
        ),
    )


# --- reading a site's record ------------------------------------------------------------------------------


def _json(path: Path, shown: str) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RecordError(M.RECORD_FILE_MISSING.format(path=shown)) from None
    except (OSError, ValueError):
        raise RecordError(M.RECORD_FILE_DAMAGED.format(path=shown)) from None


def _date(value: Any) -> dt.date:
    if not isinstance(value, str):
        raise ValueError(value)
    return dt.date.fromisoformat(value)


def marker_mode(site_dir: Path) -> str | None:
    """LIVE or PREVIEW for a site with a readable marker; None otherwise (no marker, or not ours)."""
    try:
        body = json.loads((site_dir / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(body, dict) or body.get("generator") != "gongshi":
        return None
    return PREVIEW if body.get("mode") == PREVIEW else LIVE


def read(site_dir: Path, shown: Path) -> PublicationRecord | None:
    """The record of the site in `site_dir` (named `shown` in messages); None when the folder holds no site.

    Raises RecordError when a site is there but what it recorded is missing,
    unreadable or disagrees with its open data: fail closed, never "no record".
    """
    if not site_dir.is_dir() or not any(site_dir.iterdir()):
        return None
    marker = _json(site_dir / MARKER, f"{shown}/{MARKER}")
    try:
        if not isinstance(marker, dict) or marker.get("generator") != "gongshi":
            raise ValueError(marker)
        as_of = _date(marker["as_of"])
        version = marker.get("format", 1)
        if version == 1:
            return _read_previous_release(site_dir, shown, as_of)
        if version != FORMAT:
            raise NewerRecordError(M.RECORD_NEWER_FORMAT.format(path=f"{shown}/{MARKER}", format=version))
        record = PublicationRecord(
            as_of=as_of,
            mode=PREVIEW if marker["mode"] == PREVIEW else LIVE,
            notices={k: _date(v[K.START]) for k, v in marker["notices"].items()},
            withdrawals={k: _date(v[K.WITHDRAWN]) for k, v in marker["notices"].items() if v[K.WITHDRAWN] is not None},
            withdrawal_reasons={
                k: str(v[WITHDRAWN_REASON]) for k, v in marker["notices"].items() if WITHDRAWN_REASON in v
            },
            reports={(_split_report(k)): _date(v) for k, v in marker["reports"].items()},
            events={
                k: PublishedEvent(str(v["plan"]), int(v["task"]), str(v["kind"]), tuple(map(str, v["scope"])),
                                  _date(v["date"]), _date(v["recorded"]), _content(v.get("content")))
                for k, v in marker["events"].items()
            },
            rebuilt=tuple({"on": str(r["on"]), "reason": str(r["reason"])} for r in marker.get("rebuilt", [])),
        )
    except (KeyError, TypeError, ValueError, AttributeError):
        raise RecordError(M.RECORD_FILE_DAMAGED.format(path=f"{shown}/{MARKER}")) from None
    if record.mode == LIVE:
        _agrees_with_open_data(site_dir, shown, record)
        notices_data, progress_data = _open_data(site_dir, shown)
        record = replace(
            record, report_rebounds=_report_rebounds(progress_data), window_ends=_window_ends(notices_data)
        )
    return record


def _window_ends(notices_data: dict[str, Any]) -> dict[str, dt.date]:
    """Each published notice's window end in a site's api/notices.json (an entry without one is left out)."""
    out: dict[str, dt.date] = {}
    for n in notices_data.get(K.NOTICES, []) if isinstance(notices_data.get(K.NOTICES), list) else []:
        try:
            out[str(n[K.ID])] = _date(n[K.WINDOW][K.END])
        except (KeyError, TypeError, ValueError):
            continue
    return out


def _report_rebounds(progress_data: dict[str, Any]) -> frozenset[tuple[str, int, dt.date]]:
    """(plan, task, found) of each rebound in the reports a site's api/progress.json published."""
    try:
        return frozenset(
            (str(r[K.PLAN]), int(t[K.TASK]), _date(t[K.REBOUND][K.FOUND]))
            for r in progress_data[K.REPORTS] for t in r.get(K.TASKS, []) if t.get(K.REBOUND)
        )
    except (KeyError, TypeError, ValueError, AttributeError):
        return frozenset()  # the reports themselves were checked; a moved rebound is then refused as new


def _content(value: Any) -> tuple[tuple[str, str], ...] | None:
    if value is None:
        return None
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise ValueError(value)
    return tuple(sorted(value.items()))


def _split_report(key: str) -> tuple[str, int]:
    plan, _, year = key.rpartition("/")
    if not plan:
        raise ValueError(key)
    return plan, int(year)


def _open_data(site_dir: Path, shown: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    notices = _json(site_dir / NOTICES_JSON, f"{shown}/{NOTICES_JSON.as_posix()}")
    progress = _json(site_dir / PROGRESS_JSON, f"{shown}/{PROGRESS_JSON.as_posix()}")
    for body, rel in ((notices, NOTICES_JSON), (progress, PROGRESS_JSON)):
        if not isinstance(body, dict):
            raise RecordError(M.RECORD_FILE_DAMAGED.format(path=f"{shown}/{rel.as_posix()}"))
    return notices, progress


def _read_previous_release(site_dir: Path, shown: Path, as_of: dt.date) -> PublicationRecord:
    """A site of the previous release: its record is its open data, which must be of the marker's date."""
    notices_data, progress_data = _open_data(site_dir, shown)
    where = f"{shown}/{NOTICES_JSON.as_posix()}"
    try:
        if _date(notices_data[K.AS_OF]) != as_of:
            raise RecordError(M.RECORD_FILE_DISAGREES.format(path=where, marker=f"{shown}/{MARKER}"))
        notices = {str(n[K.ID]): _date(n[K.WINDOW][K.START]) for n in notices_data[K.NOTICES]}
        withdrawals = {
            str(n[K.ID]): _date(n[K.WITHDRAWN][K.DATE]) for n in notices_data[K.NOTICES] if n.get(K.WITHDRAWN)
        }
        reasons = {
            str(n[K.ID]): str(n[K.WITHDRAWN][K.REASON]) for n in notices_data[K.NOTICES]
            if n.get(K.WITHDRAWN) and isinstance(n[K.WITHDRAWN].get(K.REASON), str)
        }
        where = f"{shown}/{PROGRESS_JSON.as_posix()}"
        if _date(progress_data[K.AS_OF]) != as_of:
            raise RecordError(M.RECORD_FILE_DISAGREES.format(path=where, marker=f"{shown}/{MARKER}"))
        reports = {(str(r[K.PLAN]), int(r[K.YEAR])): _date(r[K.PUBLISHED]) for r in progress_data[K.REPORTS]}
    except (KeyError, TypeError, ValueError, AttributeError):
        raise RecordError(M.RECORD_FILE_DAMAGED.format(path=where)) from None
    return PublicationRecord(
        as_of, LIVE, notices, withdrawals, reasons, reports, events=None, report_rebounds=_report_rebounds(progress_data),
        feed_events=_feed_events(site_dir), window_ends=_window_ends(notices_data),
    )


def _feed_events(site_dir: Path) -> frozenset[tuple[str, str]]:
    """(plan, record id) of each data/events/ record in the site's feeds (every RSS and Atom file, the 旗区' too).

    A feed holds only its newest items (feeds.MAX_ITEMS): an event older
    than those is not seen here, and is filled from the data like the rest.
    """
    found: set[tuple[str, str]] = set()
    for path in sorted(site_dir.rglob("*.xml")):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, ValueError):
            continue
        found.update(RECORD_GUID.findall(text))
    return frozenset(found)


def _agrees_with_open_data(site_dir: Path, shown: Path, record: PublicationRecord) -> None:
    """The open data the live site serves says what its marker records: neither was cut or edited alone."""
    notices_data, progress_data = _open_data(site_dir, shown)
    try:
        same_notices = (
            _date(notices_data[K.AS_OF]) == record.as_of
            and sorted(str(n[K.ID]) for n in notices_data[K.NOTICES]) == sorted(record.notices)
        )
        same_reports = (
            _date(progress_data[K.AS_OF]) == record.as_of
            and sorted((str(r[K.PLAN]), int(r[K.YEAR])) for r in progress_data[K.REPORTS]) == sorted(record.reports)
        )
    except (KeyError, TypeError, ValueError, AttributeError):
        same_notices = same_reports = False
    marker = f"{shown}/{MARKER}"
    if not same_notices:
        raise RecordError(M.RECORD_FILE_DISAGREES.format(path=f"{shown}/{NOTICES_JSON.as_posix()}", marker=marker))
    if not same_reports:
        raise RecordError(M.RECORD_FILE_DISAGREES.format(path=f"{shown}/{PROGRESS_JSON.as_posix()}", marker=marker))


def read_live(site_dir: Path, shown: Path) -> PublicationRecord | None:
    """The record of the live site in `site_dir`, as `read`; a site there marked preview is a RecordError too.

    A preview copied over the live site, or a marker edited to say preview:
    its record cannot be trusted, so it is read as no record at all.
    """
    record = read(site_dir, shown)
    if record is not None and record.mode != LIVE:
        raise RecordError(M.RECORD_MARKED_PREVIEW.format(path=f"{shown}/{MARKER}", day=record.as_of.isoformat()))
    return record


def recovery(exc: RecordError) -> str:
    """What an unreadable record stops a command with: the problem and how to recover (a newer record: update)."""
    return str(exc) if isinstance(exc, NewerRecordError) else M.RECORD_RECOVER.format(problem=exc)


# --- what a build may not change ------------------------------------------------------------------------


def earliest_start(live: dt.date | None, day: dt.date, calendar: WorkCalendar | None = None) -> dt.date:
    """The first day a notice not yet on the live site may start: a working day on or after `day` (today),
    and after `live`, the day the live site was last built for (None: no live site); that build did not carry it.
    """
    first = day if live is None else max(day, live + dt.timedelta(days=1))
    if calendar is None:
        return first
    try:
        return calendar.next_workday(first)
    except CalendarGap:
        return first  # the data's check names the missing year


def backdated_start(
    record: PublicationRecord, notice: Notice, day: dt.date | None = None, calendar: WorkCalendar | None = None
) -> str | None:
    """The problem line when `notice` starts on or before the live site's date without being on it; else None.

    The one rule for a build, `gongshi check` and `gongshi notice ready`:
    such a notice would be shown as public on days it was not; `day` is
    today (the build's date), from which the advised start is counted.
    """
    if notice.id in record.notices or notice.start > record.as_of or notice.published_elsewhere is not None:
        return None
    earliest = earliest_start(record.as_of, day or record.as_of, calendar)
    return f"{notice.source}:{notice.start_line or notice.line}: start: " + M.RECORD_NOTICE_BACKDATED.format(
        live=record.as_of.isoformat(), start=notice.start.isoformat(), earliest=earliest.isoformat()
    )


def refusals(record: PublicationRecord, dataset: Dataset, calendar: WorkCalendar, day: dt.date) -> list[str]:
    """Every line a live build as of `day` would refuse the data with (`problems`, then `content_changes`)."""
    return problems(record, dataset, calendar, day) + [c.line for c in content_changes(record, dataset, calendar)]


def problems(
    record: PublicationRecord, dataset: Dataset, calendar: WorkCalendar | None = None, day: dt.date | None = None
) -> list[str]:
    """One line per way the data would rewrite, backdate or shrink what the live site has published.

    `day`: the build's date (today for `gongshi check`) and `calendar`, for the start a backdated notice may take.
    """
    out: list[str] = []
    held = {n.id: n for n in dataset.notices}
    live = record.as_of.isoformat()
    for notice_id, start in sorted(record.notices.items()):
        notice = held.get(notice_id)
        if notice is None:
            out.append(M.RECORD_NOTICE_GONE.format(id=notice_id, start=start.isoformat()))
            continue
        if notice.start != start:
            out.append(f"{notice.source}:{notice.start_line or notice.line}: start: " + M.RECORD_NOTICE_REDATED.format(
                start=start.isoformat(), new=notice.start.isoformat()
            ))
        withdrawn = record.withdrawals.get(notice_id)
        now = notice.withdrawn.date if notice.withdrawn is not None else None
        if withdrawn is not None and now != withdrawn:
            out.append(f"{notice.source}:{notice.withdrawn_line or notice.line}: withdrawn: " + M.RECORD_WITHDRAWAL_CHANGED.format(
                date=withdrawn.isoformat(), new=now.isoformat() if now else M.RECORD_WITHDRAWAL_REMOVED
            ))
        elif withdrawn is None and now is not None and now < record.as_of:
            out.append(f"{notice.source}:{notice.withdrawn_line or notice.line}: withdrawn.date: " + M.RECORD_WITHDRAWAL_BACKDATED.format(
                live=live, date=now.isoformat()
            ))
    for notice in sorted(dataset.notices, key=lambda n: n.id):
        if line := backdated_start(record, notice, day, calendar):
            out.append(line)
    reports = {(r.plan_id, r.year): r for r in dataset.progress}
    for (plan_id, year), published in sorted(record.reports.items()):
        report = reports.get((plan_id, year))
        if report is None:
            out.append(M.RECORD_REPORT_GONE.format(plan=plan_id, year=year, published=published.isoformat()))
        elif report.published != published:
            out.append(f"{report.source}:{report.line}: published: " + M.RECORD_REPORT_REDATED.format(
                published=published.isoformat(), new=report.published.isoformat()
            ))
    for (plan_id, year), report in sorted(reports.items()):
        if (plan_id, year) not in record.reports and report.published <= record.as_of:
            out.append(f"{report.source}:{report.line}: published: " + M.RECORD_REPORT_BACKDATED.format(
                live=live, published=report.published.isoformat()
            ))
    if record.events is not None:
        out += _event_problems(record.events, record.as_of, dataset, record.report_rebounds)
    else:  # a site of the previous release: the events its feeds published must still be in the data
        held_events = {(r.plan_id, r.id) for r in dataset.records}
        for plan_id, event_id in sorted(record.feed_events - held_events):
            out.append(M.RECORD_FEED_EVENT_GONE.format(id=event_id, plan=plan_id))
    return out


def _event_problems(
    published: dict[str, PublishedEvent], as_of: dt.date, dataset: Dataset,
    report_rebounds: frozenset[tuple[str, int, dt.date]] = frozenset(),
) -> list[str]:
    out: list[str] = []
    held = {r.id: r for r in dataset.records}
    live = as_of.isoformat()
    for event_id, was in sorted(published.items()):
        record = held.get(event_id)
        if record is None:
            out.append(M.RECORD_EVENT_GONE.format(id=event_id, recorded=was.recorded.isoformat()))
        elif (now := _event_of(record)) != was:
            name = _first_difference(was, now)
            out.append(f"{record.source}:{record.line_of(name)}: {name}: " + M.RECORD_EVENT_CHANGED.format(
                recorded=was.recorded.isoformat(), was=_event_words(was), now=_event_words(now)
            ))
    for record in sorted(dataset.records, key=lambda r: r.id):
        moved = record.rebound is not None and (record.plan_id, record.task_no, record.date) in report_rebounds
        if record.id not in published and record.recorded < as_of and not moved:
            out.append(f"{record.source}:{record.line_of('recorded')}: recorded: " + M.RECORD_EVENT_BACKDATED.format(
                live=live, recorded=record.recorded.isoformat()
            ))
    return out


# The fields of data/events/ that make an event the record it is: PublishedEvent's compared attributes, same names.
_IDENTITY = ("plan", "task", "kind", "scope", "date", "recorded")


def _first_difference(was: PublishedEvent, now: PublishedEvent) -> str:
    """The first field of data/events/ in which `now` is another record than the published `was`."""
    return next((name for name in _IDENTITY if getattr(was, name) != getattr(now, name)), _IDENTITY[-1])


@dataclass(frozen=True)
class ContentChange:
    """A published text the data now says otherwise: refused (`line`), unless a person rebuilds the record (`log`)."""

    line: str  # file:line: field: what was published, what the data says, how to correct a real mistake
    log: str  # for the record's rebuild log: file, field, was → now (no server paths)


def content_changes(
    record: PublicationRecord, dataset: Dataset, calendar: WorkCalendar | None = None
) -> list[ContentChange]:
    """Each public field of a published event, and each published withdrawal's reason, the data has changed.

    Separate from `problems`: a published text with a real mistake may be
    corrected by a person who types --rebuild-record (logged in the record);
    a record deleted or re-dated never may.
    """
    out: list[ContentChange] = []

    def changed(source: str, line: int, name: str, since: dt.date, was: str | None, now: str | None) -> None:
        shown_was, shown_now = was if was is not None else M.RECORD_FIELD_ABSENT, now if now is not None else M.RECORD_FIELD_ABSENT
        out.append(ContentChange(
            f"{source}:{line}: {name}: " + M.RECORD_CONTENT_CHANGED.format(
                since=since.isoformat(), field=name, was=shown_was, now=shown_now
            ),
            M.RECORD_CONTENT_LOG.format(source=source, field=name, was=shown_was, now=shown_now),
        ))

    notices = {n.id: n for n in dataset.notices}
    for notice_id, reason in sorted(record.withdrawal_reasons.items()):
        notice = notices.get(notice_id)
        if notice is not None and notice.withdrawn is not None and notice.withdrawn.reason != reason:
            changed(notice.source, notice.withdrawn_line or notice.line, "withdrawn.reason", notice.withdrawn.date, reason,
                    notice.withdrawn.reason)
    if calendar is not None:
        out += _moved_windows(record, dataset, calendar)
    events = {r.id: r for r in dataset.records}
    for event_id, was in sorted((record.events or {}).items()):
        now = events.get(event_id)
        if now is None or was.content is None or _event_of(now) != was:
            continue  # gone or another record: `problems` says so; no text recorded: nothing to compare
        before, after = dict(was.content), event_content(now)
        for name in sorted(set(before) | set(after)):
            if before.get(name) != after.get(name):
                changed(now.source, now.line_of(name), name, was.recorded, before.get(name), after.get(name))
    return out


def _moved_windows(record: PublicationRecord, dataset: Dataset, calendar: WorkCalendar) -> list[ContentChange]:
    """Each published notice whose window the working-day calendar now ends on another day (a correction of it).

    A notice withdrawn before either end never reached it: where its window would have ended no longer matters.
    """
    out: list[ContentChange] = []
    for notice in sorted(dataset.notices, key=lambda n: n.id):
        was = record.window_ends.get(notice.id)
        if was is None or record.notices.get(notice.id) != notice.start:
            continue  # not published, or re-dated: `problems` says so
        try:
            now = calendar.window(notice.start, notice.workdays).end
        except CalendarGap:
            continue  # the data's check names the missing year
        if notice.withdrawn is not None and notice.withdrawn.date < min(was, now):
            continue
        if now != was:
            start = notice.start.isoformat()
            out.append(ContentChange(
                f"{notice.source}:{notice.start_line or notice.line}: start: " + M.RECORD_WINDOW_MOVED.format(
                    id=notice.id, start=start, was=was.isoformat(), now=now.isoformat()
                ),
                M.RECORD_WINDOW_LOG.format(source=notice.source, start=start, was=was.isoformat(), now=now.isoformat()),
            ))
    return out


def _event_words(e: PublishedEvent) -> str:
    kind = next(word for word in EVENT_KIND_WORDS if EVENT_KINDS[word] == e.kind)
    scope = "、".join(e.scope) or M.RECORD_WHOLE_TASK
    return M.RECORD_EVENT_WORDS.format(
        plan=e.plan, task=e.task, kind=kind, scope=scope, date=e.date.isoformat(), recorded=e.recorded.isoformat()
    )
