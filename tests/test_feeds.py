"""feeds.py: RSS 2.0, Atom and notices.ics, read back with feedparser, lxml and icalendar."""

from __future__ import annotations

import datetime as dt
import html
import re
import shutil
from pathlib import Path

import feedparser
import icalendar
from conftest import data_tree
from lxml import etree

from generator import feeds, pages, status
from generator.load import load_dataset
from generator.model import Event

REPO = Path(__file__).resolve().parents[1]
SITE = "https://www.ordos.gov.cn/zt/ducha/"
AS_OF = dt.date(2026, 11, 28)
ATOM_NS = "{http://www.w3.org/2005/Atom}"
QUEUED_ID = "2026-12-07-task7"
QUEUED_TEXT = "鄂托克前旗餐厨垃圾处理设施项目已于2025年11月建成"
HOSTILE = '异议：<script>alert("x")</script> ]]> & “引号”‘单引号’——省略号…　全角空格'


def shipped_files(shipped, as_of: dt.date = AS_OF, site_url: str = SITE) -> dict[str, str]:
    dataset, calendar = shipped
    snap = status.snapshot(dataset, as_of, calendar)
    return feeds.files(dataset, snap, pages.build_index(dataset).banners, site_url)


def event(n: int, day: dt.date, *, banners: tuple[str, ...] = ("达拉特旗",), summary: str = "摘要", title: str = "") -> Event:
    return Event(
        guid=f"urn:test:{n}", kind="notice-open", date=day, title=title or f"第{n}项整改任务验收销号公示",
        summary=summary, url=f"notices/n{n}/", plan_id="p", task_no=n, banners=banners,
    )


CHANNEL = feeds.Feed(
    id="urn:test:feed", title="测试网站", description="测试订阅", author="测试单位",
    home="", rss="feed.xml", atom="atom.xml",
)


def rss_items(text: str) -> list[etree._Element]:
    return etree.fromstring(text.encode("utf-8")).findall("channel/item")


# --- Small, hand-made events -----------------------------------------------------------------


def test_absolute_keeps_the_site_path() -> None:
    assert feeds.absolute(SITE, "notices/a/") == "https://www.ordos.gov.cn/zt/ducha/notices/a/"
    assert feeds.absolute("https://www.ordos.gov.cn/zt/ducha", "feed.xml") == "https://www.ordos.gov.cn/zt/ducha/feed.xml"
    assert feeds.absolute(SITE, "") == SITE
    assert feeds.absolute(SITE, "progress/2026/#task-3") == SITE + "progress/2026/#task-3"
    assert feeds.absolute("", "feed.xml") == "/feed.xml"


def test_rss_has_the_required_elements_and_items_newest_first() -> None:
    events = [event(1, dt.date(2026, 11, 2)), event(2, dt.date(2026, 11, 20)), event(3, dt.date(2026, 11, 9))]
    text = feeds.rss(CHANNEL, events, SITE, AS_OF)
    root = etree.fromstring(text.encode("utf-8"))
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    assert channel.findtext("title") == "测试网站"
    assert channel.findtext("link") == SITE  # the home page, not the feed
    assert channel.findtext("description") == "测试订阅"
    assert channel.findtext("language") == "zh-CN"
    assert channel.findtext("generator") == "gongshi"
    assert channel.find(f"{ATOM_NS}link").attrib == {"href": SITE + "feed.xml", "rel": "self", "type": "application/rss+xml"}
    assert channel.findtext("lastBuildDate") == "Fri, 20 Nov 2026 00:00:00 +0800"  # the newest item, not now
    items = channel.findall("item")
    assert [i.findtext("guid") for i in items] == ["urn:test:2", "urn:test:3", "urn:test:1"]
    assert [i.find("guid").get("isPermaLink") for i in items] == ["false"] * 3
    assert [i.findtext("pubDate") for i in items] == [
        "Fri, 20 Nov 2026 00:00:00 +0800", "Mon, 09 Nov 2026 00:00:00 +0800", "Mon, 02 Nov 2026 00:00:00 +0800",
    ]
    assert items[0].findtext("link") == SITE + "notices/n2/"
    assert items[0].findtext("title") == "第2项整改任务验收销号公示"
    assert "python-feedgen" not in text


def test_atom_links_dates_and_ids() -> None:
    events = [event(1, dt.date(2026, 11, 2)), event(2, dt.date(2026, 11, 20))]
    root = etree.fromstring(feeds.atom(CHANNEL, events, SITE, AS_OF).encode("utf-8"))
    assert root.findtext(f"{ATOM_NS}id") == "urn:test:feed"
    assert root.findtext(f"{ATOM_NS}updated") == "2026-11-20T00:00:00+08:00"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "zh-CN"
    links = {link.get("rel"): link.get("href") for link in root.findall(f"{ATOM_NS}link")}
    assert links == {"self": SITE + "atom.xml", "alternate": SITE}
    assert root.findtext(f"{ATOM_NS}author/{ATOM_NS}name") == "测试单位"
    entries = root.findall(f"{ATOM_NS}entry")
    assert [e.findtext(f"{ATOM_NS}id") for e in entries] == ["urn:test:2", "urn:test:1"]
    assert [e.findtext(f"{ATOM_NS}published") for e in entries] == ["2026-11-20T00:00:00+08:00", "2026-11-02T00:00:00+08:00"]
    assert [e.findtext(f"{ATOM_NS}updated") for e in entries] == ["2026-11-20T00:00:00+08:00", "2026-11-02T00:00:00+08:00"]
    assert entries[0].find(f"{ATOM_NS}link").get("href") == SITE + "notices/n2/"


def test_same_day_events_keep_their_given_order_and_output_is_byte_identical() -> None:
    day = dt.date(2026, 11, 20)
    events = [event(5, day), event(4, day), event(6, dt.date(2026, 11, 1))]
    first = feeds.rss(CHANNEL, events, SITE, AS_OF)
    assert [i.findtext("guid") for i in rss_items(first)] == ["urn:test:5", "urn:test:4", "urn:test:6"]
    assert feeds.rss(CHANNEL, events, SITE, AS_OF) == first
    assert feeds.atom(CHANNEL, events, SITE, AS_OF) == feeds.atom(CHANNEL, events, SITE, AS_OF)


def test_an_empty_feed_is_valid_and_dated_by_the_as_of_date() -> None:
    text = feeds.rss(CHANNEL, [], SITE, AS_OF)
    parsed = feedparser.parse(text.encode("utf-8"))
    assert parsed.bozo == 0 and parsed.entries == []
    assert etree.fromstring(text.encode("utf-8")).findtext("channel/lastBuildDate") == "Sat, 28 Nov 2026 00:00:00 +0800"
    atom = etree.fromstring(feeds.atom(CHANNEL, [], SITE, AS_OF).encode("utf-8"))
    assert atom.findtext(f"{ATOM_NS}updated") == "2026-11-28T00:00:00+08:00"


def test_a_feed_holds_the_newest_items_only() -> None:
    start = dt.date(2026, 1, 1)
    events = [event(n, start + dt.timedelta(days=n)) for n in range(feeds.MAX_ITEMS + 10)]
    guids = [i.findtext("guid") for i in rss_items(feeds.rss(CHANNEL, events, SITE, AS_OF))]
    assert len(guids) == feeds.MAX_ITEMS == 50
    assert guids[0] == "urn:test:59" and guids[-1] == "urn:test:10"


def test_hostile_text_is_escaped_and_round_trips() -> None:
    title = "第1项<script>]]>&amp;"
    events = [event(1, dt.date(2026, 11, 24), summary=HOSTILE, title=title)]
    for text in (feeds.rss(CHANNEL, events, SITE, AS_OF), feeds.atom(CHANNEL, events, SITE, AS_OF)):
        assert "<script>" not in text and "]]>" not in text
        tree = etree.fromstring(text.encode("utf-8"))
        assert tree.xpath("//*[local-name()='script']") == []
        parsed = feedparser.parse(text.encode("utf-8"))
        assert parsed.bozo == 0
        entry = parsed.entries[0]
        assert entry.title == title
        # The summary is HTML whose text is the officer's words: a reader shows them, never runs them.
        assert entry.summary_detail.type == "text/html"
        assert html.unescape(entry.summary) == HOSTILE
        assert "<" not in entry.summary


def test_banner_channel_selects_its_events_and_whole_city_events() -> None:
    events = [
        event(1, dt.date(2026, 11, 1), banners=("达拉特旗",)),
        event(2, dt.date(2026, 11, 2), banners=("杭锦旗",)),
        event(3, dt.date(2026, 11, 3), banners=("达拉特旗", "杭锦旗", "乌审旗")),
        event(4, dt.date(2026, 11, 4), banners=()),
    ]
    assert [e.guid for e in feeds.items(events, "杭锦旗")] == ["urn:test:3", "urn:test:2"]
    assert [e.guid for e in feeds.items(events, "达拉特旗")] == ["urn:test:3", "urn:test:1"]
    assert [e.guid for e in feeds.items(events)] == ["urn:test:4", "urn:test:3", "urn:test:2", "urn:test:1"]


# --- The shipped data ------------------------------------------------------------------------


def test_every_shipped_feed_parses_with_title_link_guid_and_dates(shipped) -> None:
    files = shipped_files(shipped)
    names = sorted(n for n in files if n.endswith(".xml"))
    assert len(names) == 2 + 2 * 9  # the site's and each of the nine 旗区's
    for name in names:
        parsed = feedparser.parse(files[name].encode("utf-8"))
        assert parsed.bozo == 0, name
        for entry in parsed.entries:
            assert entry.title and entry.link.startswith(SITE), name
            assert entry.id.startswith("urn:gongshi:ordos-nmg-r2:"), name
            assert entry.published_parsed is not None, name
        tree = etree.fromstring(files[name].encode("utf-8"))
        if name.endswith("feed.xml"):
            dates = tree.xpath("channel/item/pubDate/text()")
            assert all(d.endswith(" 00:00:00 +0800") for d in dates), name
            assert len(dates) == len(parsed.entries)
            guids = tree.xpath("channel/item/guid")
            assert all(g.get("isPermaLink") == "false" and not g.text.startswith("http") for g in guids), name
        else:
            dates = tree.xpath("//a:entry/a:published/text()", namespaces={"a": ATOM_NS[1:-1]})
            assert all(d.endswith("T00:00:00+08:00") for d in dates), name


def test_site_feed_as_of_the_shipped_date(shipped) -> None:
    files = shipped_files(shipped)
    channel = etree.fromstring(files["feed.xml"].encode("utf-8")).find("channel")
    assert channel.findtext("link") == SITE
    assert channel.findtext("title") == "鄂尔多斯市生态环境保护督察整改公示"
    items = channel.findall("item")
    assert len(items) == 19
    assert channel.findtext("lastBuildDate") == items[0].findtext("pubDate") == "Thu, 26 Nov 2026 00:00:00 +0800"
    assert [i.findtext("guid") for i in items[:3]] == [
        "urn:gongshi:ordos-nmg-r2:progress:2026",
        "urn:gongshi:ordos-nmg-r2:notice:2026-11-16-task37-etuoke-hangjin:objection-1",
        "urn:gongshi:ordos-nmg-r2:notice:2026-11-23-task24:open",
    ]
    assert items[2].findtext("title") == "第24项 小流域再生水循环利用工程（伊金霍洛旗）验收销号公示"
    assert items[2].findtext("link") == SITE + "notices/2026-11-23-task24/"
    assert items[2].findtext("description") == (
        "公示期：2026年11月23日至2026年12月4日（共10个工作日）。公示期内可通过公示页面所列方式提出异议。"
    )


def test_guids_survive_a_later_build_and_a_status_change_is_a_new_item(shipped) -> None:
    def by_guid(text: str) -> dict[str, tuple[str, str, str]]:
        return {i.findtext("guid"): (i.findtext("title"), i.findtext("link"), i.findtext("pubDate")) for i in rss_items(text)}

    earlier = by_guid(shipped_files(shipped, dt.date(2026, 11, 20))["feed.xml"])
    later = by_guid(shipped_files(shipped, AS_OF)["feed.xml"])
    assert {g: later[g] for g in earlier} == earlier  # every earlier item unchanged
    objection = "urn:gongshi:ordos-nmg-r2:notice:2026-11-16-task37-etuoke-hangjin:objection-1"
    assert "urn:gongshi:ordos-nmg-r2:notice:2026-11-16-task37-etuoke-hangjin:open" in earlier
    assert objection not in earlier
    assert later[objection][0] == "第37项 农村生活垃圾填埋场运行管理不规范（鄂托克旗、杭锦旗）验收销号公示收到异议"
    assert sorted(set(later) - set(earlier)) == [
        objection,
        "urn:gongshi:ordos-nmg-r2:notice:2026-11-23-task24:open",
        "urn:gongshi:ordos-nmg-r2:progress:2026",
        "urn:gongshi:ordos-nmg-r2:progress:2026:task33:rebound",
    ]


def test_a_task_event_says_what_and_where_and_keeps_its_guid(shipped) -> None:
    """A rebound's item names the task by its short title and its 旗区, as notice items do; its GUID, in the public
    record since the item was first sent, is the one it always had."""
    dataset, _ = shipped
    task = dataset.plans[0].task(33)
    assert task is not None and task.title
    files = shipped_files(shipped)
    for name in ("feed.xml", "banners/dalate/feed.xml"):
        items = {i.findtext("guid"): i.findtext("title") for i in rss_items(files[name])}
        assert items["urn:gongshi:ordos-nmg-r2:progress:2026:task33:rebound"] == (
            f"第33项 {task.title}（达拉特旗）整改问题反弹，重新整改"
        ), name
    atom = etree.fromstring(files["atom.xml"].encode("utf-8"))
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = {e.findtext("a:id", namespaces=ns): e.findtext("a:title", namespaces=ns) for e in atom.findall("a:entry", ns)}
    assert titles["urn:gongshi:ordos-nmg-r2:progress:2026:task33:rebound"].startswith(f"第33项 {task.title}")


def test_moving_the_site_changes_links_but_never_guids(shipped) -> None:
    here = shipped_files(shipped)
    moved = shipped_files(shipped, site_url="https://example.org/other/")
    guids = [i.findtext("guid") for i in rss_items(here["feed.xml"])]
    assert [i.findtext("guid") for i in rss_items(moved["feed.xml"])] == guids
    assert [i.findtext("link") for i in rss_items(moved["feed.xml"])][2] == "https://example.org/other/notices/2026-11-23-task24/"


def test_banner_feeds_hold_only_their_events(shipped) -> None:
    files = shipped_files(shipped)
    hangjin = [i.findtext("guid") for i in rss_items(files["banners/hangjin/feed.xml"])]
    assert hangjin == [
        "urn:gongshi:ordos-nmg-r2:progress:2026",
        "urn:gongshi:ordos-nmg-r2:notice:2026-11-16-task37-etuoke-hangjin:objection-1",
        "urn:gongshi:ordos-nmg-r2:notice:2026-11-16-task37-etuoke-hangjin:open",
        "urn:gongshi:ordos-nmg-r2:progress:2025",
    ]
    kangbashi = [i.findtext("guid") for i in rss_items(files["banners/kangbashi/feed.xml"])]
    assert kangbashi == ["urn:gongshi:ordos-nmg-r2:progress:2026", "urn:gongshi:ordos-nmg-r2:progress:2025"]
    channel = etree.fromstring(files["banners/hangjin/feed.xml"].encode("utf-8")).find("channel")
    assert channel.findtext("link") == SITE + "banners/hangjin/"
    assert channel.findtext("title") == "鄂尔多斯市生态环境保护督察整改公示：杭锦旗"
    assert channel.find(f"{ATOM_NS}link").get("href") == SITE + "banners/hangjin/feed.xml"
    atom = etree.fromstring(files["banners/hangjin/atom.xml"].encode("utf-8"))
    assert atom.findtext(f"{ATOM_NS}id") == "urn:gongshi:ordos-nmg-r2:feed:banner:hangjin"
    assert [e.findtext(f"{ATOM_NS}id") for e in atom.findall(f"{ATOM_NS}entry")] == hangjin


# --- notices.ics -----------------------------------------------------------------------------


def test_calendar_has_one_all_day_event_per_published_notice(shipped) -> None:
    text = shipped_files(shipped)["notices.ics"]
    cal = icalendar.Calendar.from_ical(text)
    assert str(cal["VERSION"]) == "2.0" and str(cal["CALSCALE"]) == "GREGORIAN"
    assert str(cal["PRODID"]) == "-//gongshi//notices//ZH"
    assert str(cal["X-WR-CALNAME"]) == "鄂尔多斯市生态环境保护督察整改公示：验收销号公示期"
    every = cal.walk("VEVENT")
    events = [e for e in every if not str(e["UID"]).endswith(":last-day")]  # each window; its last day follows it
    assert [str(e["UID"]) for e in events] == [
        "urn:gongshi:ordos-nmg-r2:notice:2026-09-14-task37-dalate-zhungeer",
        "urn:gongshi:ordos-nmg-r2:notice:2026-10-12-task33",
        "urn:gongshi:ordos-nmg-r2:notice:2026-10-19-task30",
        "urn:gongshi:ordos-nmg-r2:notice:2026-11-02-task28",
        "urn:gongshi:ordos-nmg-r2:notice:2026-11-16-task37-etuoke-hangjin",
        "urn:gongshi:ordos-nmg-r2:notice:2026-11-23-task24",
    ]
    assert [str(e["UID"]) for e in every] == [u for e in events for u in (str(e["UID"]), str(e["UID"]) + ":last-day")]
    last = events[-1]
    assert last.decoded("DTSTART") == dt.date(2026, 11, 23)
    assert last.decoded("DTEND") == dt.date(2026, 12, 5)  # the window ends 12月4日; DTEND is exclusive
    assert last.decoded("DTSTAMP") == dt.datetime(2026, 11, 22, 16, 0, tzinfo=dt.timezone.utc)
    assert str(last["SUMMARY"]) == "第24项 小流域再生水循环利用工程（伊金霍洛旗）验收销号公示"
    assert str(last["URL"]) == SITE + "notices/2026-11-23-task24/"
    assert str(last["DESCRIPTION"]).split("\n") == [
        "公示期：2026年11月23日至2026年12月4日（共10个工作日）。公示期内可通过公示页面所列方式提出异议。",
        # The notice's own contact, and the city's hotlines it does not list (contact.shown_contact)
        "联系电话：0477-0000001（示例）",
        "电子邮箱：yijinhuoluo@example.com",
        "通信地址：伊金霍洛旗生态环境保护委员会办公室（示例地址）",
        *SHIPPED_CONTACT_LINES[-2:],
        "公示全文：" + SITE + "notices/2026-11-23-task24/",
    ]
    assert str(events[0]["DESCRIPTION"]).split("\n")[1:] == [
        *SHIPPED_CONTACT_LINES, "公示全文：" + SITE + "notices/2026-09-14-task37-dalate-zhungeer/"
    ]
    last_day = every[-1]  # the last day to object: one all-day event of its own
    assert (last_day.decoded("DTSTART"), last_day.decoded("DTEND")) == (dt.date(2026, 12, 4), dt.date(2026, 12, 5))
    assert str(last_day["SUMMARY"]) == "提出异议的最后一天：" + str(last["SUMMARY"])
    assert str(last_day["DESCRIPTION"]).startswith("2026年12月4日是公示期的最后一天")
    assert "联系电话：0477-0000001（示例）" in str(last_day["DESCRIPTION"]) and "STATUS" not in last_day
    assert str(events[0]["SUMMARY"]) == "第37项 农村生活垃圾填埋场运行管理不规范（达拉特旗、准格尔旗）验收销号公示"
    assert "VALUE=DATE" in text.split("DTSTART", 1)[1].split("\r\n", 1)[0]


# The shipped site's contact (data/site.yaml) as a calendar event's description lists it.
SHIPPED_CONTACT_LINES = [
    "联系电话：0477-0000000（示例）",
    "受理时间：工作日8:30—12:00、14:30—18:00（示例）",
    "电子邮箱：yiyi@example.com",
    "通信地址：鄂尔多斯市生态环境保护委员会办公室（示例地址）",
    "政务服务便民热线：12345（24小时）",
    "生态环境举报热线：12369",
]


def test_calendar_lines_are_crlf_and_folded_at_75_octets(shipped) -> None:
    text = shipped_files(shipped)["notices.ics"]
    raw = text.encode("utf-8")
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    lines = raw.split(b"\r\n")[:-1]
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines)  # Chinese text long enough to fold
    for line in lines:
        line.decode("utf-8")  # never split inside a character
    assert lines[0] == b"BEGIN:VCALENDAR" and lines[-1] == b"END:VCALENDAR"


def test_calendar_escapes_text_values(tmp_path: Path) -> None:
    root = small_project(tmp_path, {})
    site = root / "data" / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace(
        "title: 鄂尔多斯市生态环境保护督察整改公示", "title: '公示; 订阅, 测试\\ 网站'"), encoding="utf-8")
    dataset, calendar = load_dataset(root)
    snap = status.snapshot(dataset, AS_OF, calendar)
    text = feeds.notices_calendar(dataset, snap, SITE)
    assert "X-WR-CALNAME:公示\\; 订阅\\, 测试\\\\ 网站：验收销号公示期\r\n" in text
    raw = str(icalendar.Calendar.from_ical(text)["X-WR-CALNAME"])  # icalendar leaves X- values escaped
    unescaped = re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], raw)  # RFC 5545 3.3.11
    assert unescaped == "公示; 订阅, 测试\\ 网站：验收销号公示期"
    assert icalendar.Calendar.from_ical(text).walk("VEVENT") == []


# --- Officers' text and queued notices -------------------------------------------------------


def small_project(tmp_path: Path, notices: dict[str, str]) -> Path:
    return data_tree(tmp_path, notices)


HOSTILE_NOTICE = f"""\
task: 24
start: 2026-11-23
completion: 工程已建成。
acceptance:
  unit: 市生态环境局
  date: 2026-11-18
  opinion: 同意验收销号。
objections:
  - received: 2026-11-24
    summary: '{HOSTILE}'
    outcome: pending
"""


def test_an_objection_summary_with_markup_reaches_feeds_escaped(tmp_path: Path) -> None:
    root = small_project(tmp_path, {"n.yaml": HOSTILE_NOTICE})
    dataset, calendar = load_dataset(root)
    snap = status.snapshot(dataset, AS_OF, calendar)
    files = feeds.files(dataset, snap, pages.build_index(dataset).banners, SITE)
    for name in ("feed.xml", "atom.xml", "banners/yijinhuoluo/feed.xml", "banners/yijinhuoluo/atom.xml"):
        assert "<script>" not in files[name] and "]]>" not in files[name], name
        parsed = feedparser.parse(files[name].encode("utf-8"))
        assert parsed.bozo == 0, name
        objection = next(e for e in parsed.entries if e.id == "urn:gongshi:ordos-nmg-r2:notice:n:objection-1")
        assert objection.title == "第24项 小流域再生水循环利用工程（伊金霍洛旗）验收销号公示收到异议"
        assert html.unescape(objection.summary) == HOSTILE, name
    assert "n:objection" not in files["banners/hangjin/feed.xml"]


def test_a_queued_notice_is_in_no_feed_or_calendar(shipped) -> None:
    files = shipped_files(shipped)
    assert [name for name, text in files.items() if QUEUED_ID in text or "第7项" in text] == []
    opened = shipped_files(shipped, dt.date(2026, 12, 7))
    assert f"urn:gongshi:ordos-nmg-r2:notice:{QUEUED_ID}:open" in opened["feed.xml"]
    assert f"UID:urn:gongshi:ordos-nmg-r2:notice:{QUEUED_ID}\r\n" in opened["notices.ics"]


# --- The built site --------------------------------------------------------------------------


def test_built_site_serves_the_feeds_and_calendar_verbatim(built: Path, shipped) -> None:
    files = shipped_files(shipped)
    for name, text in files.items():
        assert (built / name).read_bytes() == text.encode("utf-8"), name
    for path in [*built.rglob("*.xml"), built / "notices.ics"]:
        content = path.read_text(encoding="utf-8")
        assert QUEUED_ID not in content and QUEUED_TEXT not in content, path


def test_about_and_banner_pages_link_to_the_feeds(built: Path) -> None:
    from lxml import html as lhtml

    about = lhtml.fromstring((built / "about" / "index.html").read_text(encoding="utf-8"))
    hrefs = about.xpath("//article//a/@href")
    for href in ("../feed.xml", "../atom.xml", "../notices.ics", "../banners/hangjin/feed.xml", "../banners/hangjin/atom.xml"):
        assert href in hrefs
    text = about.text_content()
    assert SITE + "notices.ics" in text and "保留最新50条" in text
    banner = lhtml.fromstring((built / "banners" / "hangjin" / "index.html").read_text(encoding="utf-8"))
    assert {"feed.xml", "atom.xml"} <= set(banner.xpath("//article//a/@href"))
    assert (built / "banners" / "hangjin" / "feed.xml").is_file()


def test_every_page_lets_a_feed_reader_discover_both_feeds(built: Path) -> None:
    import lxml.html

    for rel in ("index.html", "plans/ordos-nmg-r2/tasks/8/index.html", "banners/dongsheng/index.html"):
        page = built / rel
        doc = lxml.html.fromstring(page.read_bytes())
        found = {
            (link.get("type"), (page.parent / link.get("href")).resolve())
            for link in doc.xpath("//head/link[@href]")
            if "alternate" in (link.get("rel") or "").lower().split()
        }
        expected = {
            ("application/rss+xml", (built / "feed.xml").resolve()),
            ("application/atom+xml", (built / "atom.xml").resolve()),
        }
        if rel.startswith("banners/"):  # a 旗区's page also offers that 旗区's own feeds
            expected |= {
                ("application/rss+xml", (page.parent / "feed.xml").resolve()),
                ("application/atom+xml", (page.parent / "atom.xml").resolve()),
            }
        assert found == expected, rel
        assert all(target.is_file() for _, target in found)


# --- A site with several plans ---------------------------------------------------------------

COPY = "ordos-copy"
COPY_TITLE = "包头市贯彻落实第二轮自治区生态环境保护督察报告整改方案"  # distinct, so a title naming the wrong plan is seen


def two_plans(tmp_path: Path) -> Path:
    """The shipped plan with its notices and reports, and a renamed copy with one open notice of its own."""
    notices = {p.name: p.read_text(encoding="utf-8") for p in sorted((REPO / "data" / "notices").glob("*.yaml"))}
    notices["2026-11-23-copy-task24.yaml"] = notices["2026-11-23-task24.yaml"].replace("plan: ordos-nmg-r2", f"plan: {COPY}")
    reports = {f"{p.stem}-ordos-nmg-r2.yaml": p.read_text(encoding="utf-8") for p in (REPO / "data" / "progress").glob("*.yaml")}
    root = data_tree(tmp_path, notices, reports, extra_plan=True)
    shutil.copytree(REPO / "data" / "events", root / "data" / "events")  # task 33's rebound
    plan_yaml = root / "data" / "plans" / COPY / "plan.yaml"
    text = plan_yaml.read_text(encoding="utf-8")
    plan_yaml.write_text(text.replace("title: 鄂尔多斯市贯彻落实", "title: 包头市贯彻落实", 1), encoding="utf-8")
    return root


def test_with_several_plans_a_task_s_event_titles_name_its_plan(tmp_path: Path, shipped) -> None:
    dataset, calendar = load_dataset(two_plans(tmp_path))
    assert dataset.plan(COPY).title == COPY_TITLE
    snap = status.snapshot(dataset, AS_OF, calendar)
    one = status.snapshot(shipped[0], AS_OF, shipped[1])
    alone = {e.guid: e.title for e in one.events}
    assert all(e.local_title == "" for e in one.events)  # one plan: titles as they always were

    shipped_plan = dataset.plan("ordos-nmg-r2")
    mine = [e for e in snap.events if e.plan_id == shipped_plan.id]
    assert [e.guid for e in mine] == [e.guid for e in one.events]  # GUIDs never change
    for e in mine:
        if e.task_no is None:  # a yearly report: its title names the plan already
            assert e.title == f"《{shipped_plan.title}》{alone[e.guid]}" and e.local_title == ""
        else:
            assert (e.title, e.local_title) == (f"《{shipped_plan.title}》{alone[e.guid]}", alone[e.guid])
    copied = next(e for e in snap.events if e.plan_id == COPY)
    assert copied.title == f"《{COPY_TITLE}》第24项 小流域再生水循环利用工程（伊金霍洛旗）验收销号公示"
    assert copied.guid == f"urn:gongshi:{COPY}:notice:2026-11-23-copy-task24:open"
    twin = next(e for e in mine if e.guid == "urn:gongshi:ordos-nmg-r2:notice:2026-11-23-task24:open")
    assert twin.title == f"《{shipped_plan.title}》第24项 小流域再生水循环利用工程（伊金霍洛旗）验收销号公示"  # the same task number, told apart

    files = feeds.files(dataset, snap, pages.build_index(dataset).banners, SITE)
    for name in ("feed.xml", "atom.xml", "banners/yijinhuoluo/feed.xml"):
        parsed = feedparser.parse(files[name].encode("utf-8"))
        titles = {e.guid: e.title for e in snap.events}
        assert parsed.entries and all(entry.title == titles[entry.id] for entry in parsed.entries), name
        assert any(entry.title == copied.title for entry in parsed.entries), name
    calendar_events = icalendar.Calendar.from_ical(files["notices.ics"]).walk("VEVENT")
    expected = {
        f"urn:gongshi:{n.notice.plan_id}:notice:{n.id}": f"《{dataset.plan(n.notice.plan_id).title}》{n.title}"
        for n in snap.notices
    }
    expected |= {uid + ":last-day": "提出异议的最后一天：" + title for uid, title in expected.items()}
    assert {str(e["UID"]): str(e["SUMMARY"]) for e in calendar_events} == expected
    assert expected[f"urn:gongshi:{COPY}:notice:2026-11-23-copy-task24"] == f"《{COPY_TITLE}》第24项 小流域再生水循环利用工程（伊金霍洛旗）验收销号公示"

    out = pages.generate(dataset, snap, SITE)
    home = etree.HTML(out.content["index.md"])
    shown = ["".join(a.itertext()) for a in home.findall(".//ol[@class='gs-events']/li/a")]
    assert shown == [e.title for e in snap.events[:10]] and copied.title in shown
    task = etree.HTML(out.content[f"plans/{COPY}/tasks/24/index.md"])  # the page names its plan once, above
    timeline = ["".join(a.itertext()) for a in task.findall(".//ol[@class='gs-timeline']/li/a")]
    assert timeline == ["第24项 小流域再生水循环利用工程（伊金霍洛旗）验收销号公示"]


# --- Categories in the plan's words; a notice ended early --------------------------------------


def test_every_item_category_is_chinese_and_names_its_kind(shipped) -> None:
    dataset, calendar = shipped
    snap = status.snapshot(dataset, dt.date(2026, 12, 31), calendar)
    kinds = {e.kind for e in snap.events}
    kinds |= {e.kind for plan in dataset.plans for t in plan.tasks for e in snap.timeline(t)}
    # The shipped examples hold a notice opened, objected to, upheld and dismissed, expired and closed out,
    # a yearly report, an extension and a rebound: every kind of event there is.
    assert {"notice-open", "notice-objection", "notice-decided", "notice-expired", "notice-closed-out", "report",
            "extension", "rebound"} <= kinds
    assert all(feeds.category(k) != feeds.OTHER_CATEGORY for k in kinds), kinds - set(feeds.CATEGORIES)
    assert feeds.category("notice-open") == "公示开始" and feeds.category("notice-expired") == "公示期满"
    assert feeds.category("notice-closed-out") == "销号" and feeds.category("report") == "年度进展"
    assert feeds.category("rebound") == "问题反弹" and feeds.category("extension") == "申请延期"
    files = feeds.files(dataset, snap, pages.build_index(dataset).banners, SITE)
    for name in ("feed.xml", "atom.xml"):
        parsed = feedparser.parse(files[name].encode("utf-8"))
        terms = [tag.term for entry in parsed.entries for tag in entry.tags]
        assert len(terms) == len(parsed.entries), name  # one category an item
        assert set(terms) <= set(feeds.CATEGORIES.values()), name
        assert not [t for t in terms if re.search(r"[A-Za-z]", t)], name
        by_id = {entry.id: entry.tags[0].term for entry in parsed.entries}
        assert by_id["urn:gongshi:ordos-nmg-r2:notice:2026-11-23-task24:open"] == "公示开始", name


ENDED_EARLY = """\
task: 24
start: 2026-11-23
completion: 工程已建成。
acceptance:
  unit: 市生态环境局
  date: 2026-11-18
  opinion: 同意验收销号。
objections:
  - received: 2026-11-24
    summary: 群众反映设施未运行。
    outcome: upheld
    resolved: 2026-11-26
"""


def calendar_event(root: Path, as_of: dt.date, uid: str):
    dataset, calendar = load_dataset(root)
    snap = status.snapshot(dataset, as_of, calendar)
    text = feeds.notices_calendar(dataset, snap, SITE)
    (event,) = [e for e in icalendar.Calendar.from_ical(text).walk("VEVENT") if str(e["UID"]) == uid]
    return event, text


def test_a_notice_ended_early_keeps_its_uid_moves_dtend_and_raises_sequence(tmp_path: Path) -> None:
    root = small_project(tmp_path, {"2026-11-23-task24.yaml": ENDED_EARLY})
    uid = "urn:gongshi:ordos-nmg-r2:notice:2026-11-23-task24"
    before, _ = calendar_event(root, dt.date(2026, 11, 25), uid)  # objection received, not yet decided
    assert before.decoded("DTSTART") == dt.date(2026, 11, 23)
    assert before.decoded("DTEND") == dt.date(2026, 12, 5)  # the whole window: 11月23日 to 12月4日
    assert "SEQUENCE" not in before and "STATUS" not in before  # SEQUENCE 0
    assert before.decoded("DTSTAMP") == dt.datetime(2026, 11, 22, 16, 0, tzinfo=dt.timezone.utc)

    after, text = calendar_event(root, dt.date(2026, 11, 28), uid)  # upheld on 11月26日
    assert str(after["UID"]) == uid
    assert after.decoded("DTSTART") == dt.date(2026, 11, 23)
    assert after.decoded("DTEND") == dt.date(2026, 11, 26)  # open until 11月25日, end exclusive
    assert int(after["SEQUENCE"]) == 1
    assert after.decoded("DTSTAMP") == dt.datetime(2026, 11, 25, 16, 0, tzinfo=dt.timezone.utc)  # 11月26日 00:00 +08
    assert after.decoded("LAST-MODIFIED") == after.decoded("DTSTAMP")
    assert "STATUS" not in after  # ended, not withdrawn: only a withdrawn notice is CANCELLED
    assert "2026年11月26日异议经核实成立，公示提前结束" in str(after["DESCRIPTION"])
    # The last day to object (12月4日), its own event with its own UID, is cancelled as the window's event changes.
    day_before, _ = calendar_event(root, dt.date(2026, 11, 25), uid + ":last-day")
    assert (day_before.decoded("DTSTART"), day_before.decoded("DTEND")) == (dt.date(2026, 12, 4), dt.date(2026, 12, 5))
    assert "STATUS" not in day_before and "SEQUENCE" not in day_before
    day_after, _ = calendar_event(root, dt.date(2026, 11, 28), uid + ":last-day")
    assert str(day_after["STATUS"]) == "CANCELLED" and int(day_after["SEQUENCE"]) == 1
    assert day_after.decoded("DTSTAMP") == after.decoded("DTSTAMP") == day_after.decoded("LAST-MODIFIED")
    assert day_after.decoded("DTSTART") == dt.date(2026, 12, 4)  # the day it would have been, cancelled
    assert str(day_after["DESCRIPTION"]).startswith("本公示已提前结束或撤回")

    # Deterministic: a later build (or the same one again) gives the same event, SEQUENCE not counting builds.
    later, _ = calendar_event(root, dt.date(2027, 3, 1), uid)
    assert later.to_ical() == after.to_ical()
    assert calendar_event(root, dt.date(2026, 11, 28), uid)[1] == text


def test_an_objection_upheld_after_the_window_changes_no_event(shipped) -> None:
    """The shipped task 30 notice: its window ended 10月30日, the objection was upheld on 11月6日."""
    dataset, calendar = shipped
    snap = status.snapshot(dataset, AS_OF, calendar)
    n = next(n for n in snap.notices if n.id == "2026-10-19-task30")
    assert n.state is status.NoticeState.UPHELD
    entry = feeds.calendar_entry(n)
    assert (entry.end, entry.sequence, entry.ended_early, entry.withdrawn) == (n.window.end + dt.timedelta(days=1), 0, None, None)


WITHDRAWN = """\
task: 24
start: 2026-11-23
completion: 撤回前的整改完成情况。
acceptance:
  unit: 市生态环境局
  date: 2026-11-18
  opinion: 撤回前的验收意见。
withdrawn:
  date: 2026-11-26
  reason: 验收材料不全，重新组织验收。
"""


def test_a_withdrawn_notice_is_cancelled_in_the_calendar_announced_and_no_longer_counts(tmp_path: Path) -> None:
    from generator import opendata

    root = small_project(tmp_path, {"2026-11-23-task24.yaml": WITHDRAWN})
    uid = "urn:gongshi:ordos-nmg-r2:notice:2026-11-23-task24"
    before, _ = calendar_event(root, dt.date(2026, 11, 25), uid)
    assert "STATUS" not in before and "SEQUENCE" not in before
    after, _ = calendar_event(root, dt.date(2026, 11, 28), uid)
    assert str(after["STATUS"]) == "CANCELLED"
    assert int(after["SEQUENCE"]) == 1
    assert after.decoded("DTSTAMP") == dt.datetime(2026, 11, 25, 16, 0, tzinfo=dt.timezone.utc)
    assert "本公示已于2026年11月26日撤回" in str(after["DESCRIPTION"])
    assert "联系电话" not in str(after["DESCRIPTION"])  # a withdrawn notice takes no objections
    day_before, _ = calendar_event(root, dt.date(2026, 11, 25), uid + ":last-day")
    assert "STATUS" not in day_before and "SEQUENCE" not in day_before
    day_after, _ = calendar_event(root, dt.date(2026, 11, 28), uid + ":last-day")
    assert (str(day_after["STATUS"]), int(day_after["SEQUENCE"])) == ("CANCELLED", 1)
    assert day_after.decoded("DTSTAMP") == after.decoded("DTSTAMP")

    dataset, calendar = load_dataset(root)
    snap = status.snapshot(dataset, dt.date(2026, 11, 28), calendar)
    (n,) = snap.notices
    assert (n.state, n.note) == (status.NoticeState.WITHDRAWN, "2026年11月26日撤回")
    task = snap.tasks[("ordos-nmg-r2", 24)]
    assert task.state not in (status.TaskState.IN_PUBLICITY, status.TaskState.CLOSED_OUT)  # neither publicity nor close-out
    withdrawn = [e for e in snap.events if e.kind == "notice-withdrawn"]
    assert [(e.guid, e.date, e.title) for e in withdrawn] == [
        (uid + ":withdrawn", dt.date(2026, 11, 26), "第24项 小流域再生水循环利用工程（伊金霍洛旗）验收销号公示已撤回"),
    ]
    assert withdrawn[0].summary.endswith("本公示已于2026年11月26日撤回：验收材料不全，重新组织验收。")
    later = status.snapshot(dataset, dt.date(2026, 12, 10), calendar)  # its window would have ended on 12-04
    assert [e.kind for e in later.events if e.guid.startswith(uid)] == ["notice-withdrawn", "notice-open"]
    record = opendata.notice_record(n, snap.as_of)
    assert record["withdrawn"] == {"date": "2026-11-26", "reason": "验收材料不全，重新组织验收。"}
    assert "completion" not in record and "acceptance" not in record
    assert record["window"]["start"] == "2026-11-23"  # the public record still knows it
