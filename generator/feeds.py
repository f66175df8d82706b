"""RSS 2.0 and Atom feeds of the snapshot's events, and the notices' windows as iCalendar.

Subscribers' readers and calendars keep what they have seen by its id, so:

- an item's GUID (and Atom id) is the event's `guid` (a urn, never the page
  URL): moving the site to another domain or path resends nothing, and a
  status change is a new item, not an edit of an old one;
- every date is the event's day at 00:00 +08:00 (Beijing time, the day the
  event happened), and `lastBuildDate`/`updated` is the newest item's date,
  not the build time, so the same data and as-of date give the same bytes;
- links are absolute under `site_url` (path included), because a feed is
  read away from the site.

Events are treated alike whatever their kind (notice opened, its result, a
report published, …); each item's category names the kind in the plan's
words (CATEGORIES, the one place an event kind gets a reader-facing name).
A feed holds the newest MAX_ITEMS events; the site itself keeps every one.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import urljoin

import icalendar
from feedgen.feed import FeedGenerator

from . import feed_events, status, titles, urls
from . import messages as M
from .asof import CHINA, chinese_date
from .contact import contact_lines, shown_contact
from .model import Banner, Dataset, Event
from .notice_status import NoticeStatus, upheld_days

MAX_ITEMS = 50  # a reader polls daily; older items stay on the site's pages and in api/notices.json
LANGUAGE = "zh-CN"
GENERATOR = "gongshi"  # fixed: feedgen's default names its own version, which would change the bytes


# What a reader sees as an item's category, by Event.kind. A kind missing here is named OTHER_CATEGORY;
# tests/test_feeds.py checks that every kind the data can produce has its own name.
CATEGORIES = {
    "notice-open": "公示开始",
    "notice-objection": "收到异议",
    "notice-decided": "异议核实",
    "notice-expired": "公示期满",
    "notice-closed-out": "销号",
    "notice-withdrawn": "撤回公示",
    "report": "年度进展",
    "progress": "年度进展",
    "extension": "申请延期",
    "rebound": "问题反弹",
    "review": "回头看",
}
OTHER_CATEGORY = "整改动态"


def category(kind: str) -> str:
    """The Chinese category of an event kind, for feed readers that group or filter by it."""
    return CATEGORIES.get(kind, OTHER_CATEGORY)


@dataclass(frozen=True)
class Feed:
    """One feed: what it is called and where it and its HTML page live (site-relative URLs)."""

    id: str  # Atom feed id: a urn, like the items', so a move changes nothing
    title: str
    description: str
    author: str  # Atom requires an author: the site's publisher (主办单位)
    home: str  # the HTML page the feed belongs to: RSS <link>, Atom rel=alternate
    rss: str
    atom: str
    banner: str | None = None  # None: every event; else only events that concern this 旗区


def moment(day: dt.date) -> dt.datetime:
    """The start of `day` in Beijing time: when a dated event happened, as readers need a time."""
    return dt.datetime(day.year, day.month, day.day, tzinfo=CHINA)


def absolute(site_url: str, url: str) -> str:
    """`url` (site-relative, see urls.py) under `site_url`, keeping its path (/zt/ducha/).

    Without a trailing slash urljoin would drop the last path segment of
    site_url. With no site_url (a local preview) links are root-relative.
    """
    base = site_url if site_url.endswith("/") else (site_url + "/" if site_url else "/")
    return urljoin(base, url)


def channels(dataset: Dataset, banners: Iterable[Banner]) -> list[Feed]:
    """The site's feed and one per 旗区."""
    site = dataset.site.title
    key = dataset.plans[0].id if dataset.plans else "site"
    out = [Feed(
        id=feed_events.guid_feed(key),
        title=site,
        description=M.FEED_DESCRIPTION.format(site=site),
        author=dataset.site.publisher,
        home=urls.HOME,
        rss=urls.FEED_RSS,
        atom=urls.FEED_ATOM,
    )]
    for b in banners:
        out.append(Feed(
            id=feed_events.guid_feed(key, b.slug),
            title=f"{site}：{b.name}",
            description=M.FEED_BANNER_DESCRIPTION.format(banner=b.name),
            author=dataset.site.publisher,
            home=urls.banner(b.slug),
            rss=urls.banner_feed(b.slug),
            atom=urls.banner_atom(b.slug),
            banner=b.name,
        ))
    return out


def items(events: Iterable[Event], banner: str | None = None) -> list[Event]:
    """The feed's events, newest first (same-day order as given), at most MAX_ITEMS.

    An event concerns a 旗区 when its `banners` name it; a whole-city event
    lists every 旗区 and so appears in each.
    """
    chosen = [e for e in events if banner is None or banner in e.banners]
    return sorted(chosen, key=lambda e: e.date, reverse=True)[:MAX_ITEMS]  # stable sort


def _generator(channel: Feed, events: Sequence[Event], site_url: str, as_of: dt.date, *, atom: bool) -> FeedGenerator:
    fg = FeedGenerator()
    fg.id(channel.id)
    fg.title(channel.title)
    fg.description(channel.description)
    fg.language(LANGUAGE)
    fg.generator(GENERATOR)
    fg.author(name=channel.author)
    if atom:
        fg.link(href=absolute(site_url, channel.atom), rel="self", type="application/atom+xml")
    else:
        fg.link(href=absolute(site_url, channel.rss), rel="self", type="application/rss+xml")
    # feedgen makes the LAST link added the RSS <link>: the HTML page, so it goes last.
    fg.link(href=absolute(site_url, channel.home), rel="alternate", type="text/html")
    # An empty feed is dated by the as-of date: deterministic, and honest about when it was last true.
    fg.updated(moment(events[0].date) if events else moment(as_of))  # also lastBuildDate
    for event in events:
        entry = fg.add_entry(order="append")  # the default prepends, which would reverse the order
        entry.id(event.guid)  # also the RSS guid, isPermaLink="false"
        entry.title(event.title)
        entry.link(href=absolute(site_url, event.url), rel="alternate", type="text/html")
        # RSS descriptions are HTML to readers: escape the text once more so an officer's
        # "<script>" is shown as written, never run; the Atom summary says it is HTML too.
        entry.summary(html.escape(event.summary, quote=False), type="html")
        entry.published(moment(event.date))
        entry.updated(moment(event.date))
        entry.category(term=category(event.kind))
    return fg


def rss(channel: Feed, events: Iterable[Event], site_url: str, as_of: dt.date) -> str:
    """RSS 2.0 text of the channel's newest events."""
    chosen = items(events, channel.banner)
    return _generator(channel, chosen, site_url, as_of, atom=False).rss_str(pretty=True).decode("utf-8")


def atom(channel: Feed, events: Iterable[Event], site_url: str, as_of: dt.date) -> str:
    """Atom text of the channel's newest events."""
    chosen = items(events, channel.banner)
    return _generator(channel, chosen, site_url, as_of, atom=True).atom_str(pretty=True).decode("utf-8")


@dataclass(frozen=True)
class CalendarEntry:
    """What a notice's calendar event says beyond its first day, derived from the notice's recorded dates.

    A calendar keeps an event by its UID and replaces it only when SEQUENCE
    rises (RFC 5545 3.8.7.4), so every change the data records raises it by
    one: SEQUENCE counts recorded changes, never builds, and the same data
    gives the same number.
    """

    end: dt.date  # exclusive, as DTEND of an all-day event
    sequence: int
    changed: dt.date  # DTSTAMP and LAST-MODIFIED: the first day, or the day of the latest change
    ended_early: dt.date | None  # the day an upheld objection ended the notice inside its window
    withdrawn: dt.date | None


def calendar_entry(n: NoticeStatus) -> CalendarEntry:
    """The notice's event as of its status's date: its window, cut short on the day an objection was upheld.

    From the day an objection is upheld the notice is no longer open (notice_status.notice_state), so the
    event's last day is the day before; an objection upheld after the window ended changes nothing.
    """
    window = n.window
    end = window.end + dt.timedelta(days=1)
    sequence, changed = 0, n.notice.start
    upheld = sorted(upheld_days(n.objections))
    ended_early = upheld[0] if upheld and upheld[0] <= window.end else None
    if ended_early is not None:
        end = max(ended_early, window.start + dt.timedelta(days=1))  # never an empty event
        sequence, changed = sequence + 1, ended_early
    # Withdrawn by the as-of date (NoticeStatus.withdrawal): STATUS:CANCELLED with a raised SEQUENCE.
    withdrawn = n.withdrawal.date if n.withdrawal is not None else None
    if withdrawn is not None:
        sequence, changed = sequence + 1, max(changed, withdrawn)
    return CalendarEntry(end, sequence, changed, ended_early, withdrawn)


def notices_calendar(dataset: Dataset, snap: status.Snapshot, site_url: str) -> str:
    """notices.ics: each published notice's window as an all-day event, end exclusive (RFC 5545).

    Queued notices are not in `snap.notices`, so they are not here either.
    An event keeps its UID for ever. It changes only when the data records a
    change (an upheld objection ends the notice early, a withdrawal cancels
    it): then DTEND moves or STATUS becomes CANCELLED, SEQUENCE rises and
    DTSTAMP is the day of that change (00:00 Beijing time, in UTC); otherwise
    DTSTAMP is the notice's first day. So the file stays byte-identical
    between builds, and a calendar that subscribed replaces the event.
    The text does not carry the notice's passing state, so a calendar never shows a stale one.
    With several plans the summary names the plan, as a calendar shows it alone.
    """
    cal = icalendar.Calendar()
    cal.add("prodid", "-//gongshi//notices//ZH")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    # icalendar does not know X- properties are TEXT; vText makes it escape ; , \\ and newlines.
    cal.add("x-wr-calname", icalendar.vText(M.CALENDAR_NAME.format(site=dataset.site.title)))
    cal.add("x-wr-caldesc", icalendar.vText(M.CALENDAR_DESCRIPTION))
    several = len(dataset.plans) > 1
    for n in snap.notices:
        window = n.window
        entry = calendar_entry(n)
        link = absolute(site_url, urls.notice(n.id))
        period = feed_events.period(window)
        if entry.withdrawn is not None:
            said = M.CALENDAR_WITHDRAWN.format(period=period, day=chinese_date(entry.withdrawn))
        elif entry.ended_early is not None:
            said = M.CALENDAR_ENDED_EARLY.format(period=period, day=chinese_date(entry.ended_early))
        else:
            said = M.NOTICE_OPEN_SUMMARY.format(period=period)
        event = icalendar.Event()
        event.add("uid", feed_events.guid_notice(n.notice.plan_id, n.id))
        event.add("dtstamp", moment(entry.changed).astimezone(dt.timezone.utc))
        event.add("dtstart", window.start)
        event.add("dtend", entry.end)
        if entry.sequence:
            event.add("sequence", entry.sequence)
            event.add("last-modified", moment(entry.changed).astimezone(dt.timezone.utc))
        if entry.withdrawn is not None:
            event.add("status", "CANCELLED")
        plan = dataset.plan(n.notice.plan_id)
        title = titles.with_plan(n.title, plan.title) if several and plan else n.title
        event.add("summary", title)
        # How to object and where the notice is: a calendar shows the event away from the site.
        how = [] if entry.withdrawn is not None else contact_lines(shown_contact(n.notice.contact, dataset.site.contact))
        event.add("description", "\n".join([said, *how, M.CALENDAR_PAGE.format(link=link)]))
        event.add("url", link)
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
        cal.add_component(_last_day(n, entry, title, how, link))
    return cal.to_ical().decode("utf-8")  # CRLF line ends, lines folded at 75 octets


def _last_day(n: NoticeStatus, entry: CalendarEntry, title: str, how: list[str], link: str) -> icalendar.Event:
    """The window's last day, the last day to object, as its own one-day event with its own fixed UID.

    It changes as the window's event does: when an upheld objection ends the
    notice early or the notice is withdrawn, it is CANCELLED with the same
    raised SEQUENCE and DTSTAMP (the notice has no last day to object then).
    """
    last = n.window.end
    event = icalendar.Event()
    event.add("uid", feed_events.guid_last_day(n.notice.plan_id, n.id))
    event.add("dtstamp", moment(entry.changed).astimezone(dt.timezone.utc))
    event.add("dtstart", last)
    event.add("dtend", last + dt.timedelta(days=1))
    if entry.sequence:
        event.add("sequence", entry.sequence)
        event.add("last-modified", moment(entry.changed).astimezone(dt.timezone.utc))
    cancelled = entry.withdrawn is not None or entry.ended_early is not None
    if cancelled:
        event.add("status", "CANCELLED")
    event.add("summary", M.CALENDAR_LAST_DAY_SUMMARY.format(title=title))
    said = M.CALENDAR_LAST_DAY.format(day=chinese_date(last)) if not cancelled else M.CALENDAR_LAST_DAY_CANCELLED
    event.add("description", "\n".join([said, *([] if cancelled else how), M.CALENDAR_PAGE.format(link=link)]))
    event.add("url", link)
    event.add("transp", "TRANSPARENT")
    return event


def files(dataset: Dataset, snap: status.Snapshot, banners: Iterable[Banner], site_url: str) -> dict[str, str]:
    """Every feed and the calendar, as text keyed by its path under content/."""
    out: dict[str, str] = {}
    for channel in channels(dataset, banners):
        out[channel.rss] = rss(channel, snap.events, site_url, snap.as_of)
        out[channel.atom] = atom(channel, snap.events, site_url, snap.as_of)
    out[urls.NOTICES_ICS] = notices_calendar(dataset, snap, site_url)
    return out
