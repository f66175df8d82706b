"""The working-day calendar against real State Council holiday notices.

Expected windows are written out by hand from each year's notice
(国务院办公厅关于20xx年部分节假日安排的通知), never computed by the code under test.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import chinese_calendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.errors import Problems
from generator.workcalendar import CalendarGap, Window, WorkCalendar, stale_warning, window_json


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def ds(*texts: str) -> tuple[dt.date, ...]:
    return tuple(d(t) for t in texts)


GAP_2027 = (
    "没有 2027 年的官方工作日安排：chinese-calendar 收录了 2004–2026 年；请根据国务院办公厅的节假日安排（国务院办公厅关于2027年部分节假日安排的通知）添加 data/calendar/2027.yaml"
)

# Not the real 2027 schedule (unknown when written): only New Year's Day, enough to test the mechanism.
TEST_2027 = """\
source: 测试用，非官方：2027年元旦（1月1日至3日）
holidays:
  - 2027-01-01
  - 2027-01-02
  - 2027-01-03
workdays: []
"""


@pytest.fixture
def calendar() -> WorkCalendar:
    return WorkCalendar()


def load(root: Path, files: dict[str, str] | None = None) -> tuple[WorkCalendar, list[str]]:
    """Write `files` into root/data/calendar and load it as the CLI and build do."""
    calendar_dir = root / "data" / "calendar"
    if files is not None:
        calendar_dir.mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            (calendar_dir / name).write_text(text, encoding="utf-8")
    problems = Problems()
    loaded = WorkCalendar.load(calendar_dir, root, problems)
    return loaded, [str(p) for p in problems.sorted()]


# 2024 Spring Festival: 2/10–2/17 off; Sunday 2/4 and Sunday 2/18 worked.


def test_2024_chuxi_feb_9_was_a_working_day_only_encouraged_off(calendar: WorkCalendar) -> None:
    # The notice only encouraged employers to let staff rest on 除夕; officially it was worked.
    assert chinese_calendar.is_workday(d("2024-02-09"))
    assert calendar.is_workday(d("2024-02-09"))


def test_2024_spring_festival_days_off_and_worked_sundays(calendar: WorkCalendar) -> None:
    off = [d(f"2024-02-{day:02d}") for day in range(10, 18)]
    assert [calendar.is_workday(day) for day in off] == [False] * 8
    assert calendar.is_workday(d("2024-02-04")) and calendar.is_workday(d("2024-02-18"))
    assert not calendar.is_workday(d("2024-02-03")) and not calendar.is_workday(d("2024-02-24"))


def test_2024_window_across_spring_festival_counts_chuxi_and_the_worked_sunday(calendar: WorkCalendar) -> None:
    window = calendar.window(d("2024-02-05"))
    assert window == Window(
        start=d("2024-02-05"),
        days=10,
        end=d("2024-02-22"),
        workdays=ds(
            "2024-02-05", "2024-02-06", "2024-02-07", "2024-02-08", "2024-02-09",
            "2024-02-18", "2024-02-19", "2024-02-20", "2024-02-21", "2024-02-22",
        ),
    )


def test_start_on_a_worked_sunday_counts_as_day_one(calendar: WorkCalendar) -> None:
    window = calendar.window(d("2024-02-04"))
    assert window.end == d("2024-02-21")
    assert window.workdays == ds(
        "2024-02-04", "2024-02-05", "2024-02-06", "2024-02-07", "2024-02-08",
        "2024-02-09", "2024-02-18", "2024-02-19", "2024-02-20", "2024-02-21",
    )


# 2025 National Day with Mid-Autumn: 10/1–10/8 off; Sunday 9/28 and Saturday 10/11 worked.


def test_2025_national_day_window_uses_both_worked_weekend_days(calendar: WorkCalendar) -> None:
    window = calendar.window(d("2025-09-26"))
    assert window.end == d("2025-10-15")
    assert window.workdays == ds(
        "2025-09-26", "2025-09-28", "2025-09-29", "2025-09-30", "2025-10-09",
        "2025-10-10", "2025-10-11", "2025-10-13", "2025-10-14", "2025-10-15",
    )


def test_start_on_a_holiday_counts_from_the_next_working_day(calendar: WorkCalendar) -> None:
    window = calendar.window(d("2025-10-01"))
    assert window.start == d("2025-10-01")
    assert window.workdays == ds(
        "2025-10-09", "2025-10-10", "2025-10-11", "2025-10-13", "2025-10-14",
        "2025-10-15", "2025-10-16", "2025-10-17", "2025-10-20", "2025-10-21",
    )
    assert window.end == d("2025-10-21")


def test_start_on_an_ordinary_saturday_counts_from_monday(calendar: WorkCalendar) -> None:
    window = calendar.window(d("2025-03-08"))
    assert window.workdays == ds(
        "2025-03-10", "2025-03-11", "2025-03-12", "2025-03-13", "2025-03-14",
        "2025-03-17", "2025-03-18", "2025-03-19", "2025-03-20", "2025-03-21",
    )
    assert window.end == d("2025-03-21")


def test_next_workday(calendar: WorkCalendar) -> None:
    assert calendar.next_workday(d("2025-10-01")) == d("2025-10-09")
    assert calendar.next_workday(d("2025-10-11")) == d("2025-10-11")
    assert calendar.next_workday(d("2025-10-12")) == d("2025-10-13")
    assert calendar.next_workday(d("2023-12-30")) == d("2024-01-02")


# 2026 Spring Festival, nine days: 2/15–2/23 off; Saturday 2/14 and Saturday 2/28 worked.


def test_2026_nine_day_spring_festival(calendar: WorkCalendar) -> None:
    off = [d(f"2026-02-{day:02d}") for day in range(15, 24)]
    assert [calendar.is_workday(day) for day in off] == [False] * 9
    assert calendar.is_workday(d("2026-02-14")) and calendar.is_workday(d("2026-02-28"))


def test_2026_window_across_the_nine_day_spring_festival(calendar: WorkCalendar) -> None:
    window = calendar.window(d("2026-02-12"))
    assert window.workdays == ds(
        "2026-02-12", "2026-02-13", "2026-02-14", "2026-02-24", "2026-02-25",
        "2026-02-26", "2026-02-27", "2026-02-28", "2026-03-02", "2026-03-03",
    )
    assert window.end == d("2026-03-03")


def test_workdays_between_is_inclusive(calendar: WorkCalendar) -> None:
    assert calendar.workdays_between(d("2026-02-13"), d("2026-02-28")) == list(
        ds("2026-02-13", "2026-02-14", "2026-02-24", "2026-02-25", "2026-02-26", "2026-02-27", "2026-02-28")
    )
    assert calendar.workdays_between(d("2026-02-15"), d("2026-02-23")) == []
    assert calendar.workdays_between(d("2026-03-03"), d("2026-03-02")) == []


# New Year crossings.


def test_window_from_2025_12_25_crosses_new_year_with_worked_sunday_jan_4(calendar: WorkCalendar) -> None:
    # 2026: 1/1–1/3 off, Sunday 1/4 worked.
    window = calendar.window(d("2025-12-25"))
    assert window.workdays == ds(
        "2025-12-25", "2025-12-26", "2025-12-29", "2025-12-30", "2025-12-31",
        "2026-01-04", "2026-01-05", "2026-01-06", "2026-01-07", "2026-01-08",
    )
    assert window.end == d("2026-01-08")


def test_window_from_2023_12_25_skips_new_years_day_2024(calendar: WorkCalendar) -> None:
    # 2023-12-30 to 2024-01-01 off, no worked weekend day.
    window = calendar.window(d("2023-12-25"))
    assert window.workdays == ds(
        "2023-12-25", "2023-12-26", "2023-12-27", "2023-12-28", "2023-12-29",
        "2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05", "2024-01-08",
    )
    assert window.end == d("2024-01-08")


def test_other_lengths(calendar: WorkCalendar) -> None:
    assert calendar.window(d("2025-09-26"), 1).workdays == ds("2025-09-26")
    assert calendar.window(d("2025-09-27"), 1).end == d("2025-09-28")
    assert calendar.window(d("2025-09-26"), 15).end == d("2025-10-22")
    with pytest.raises(ValueError):
        calendar.window(d("2025-09-26"), 0)


def test_remaining_workdays(calendar: WorkCalendar) -> None:
    window = calendar.window(d("2025-09-26"))
    assert calendar.remaining_workdays(window, d("2025-09-01")) == 10
    assert calendar.remaining_workdays(window, d("2025-09-26")) == 10
    assert calendar.remaining_workdays(window, d("2025-09-27")) == 9
    assert calendar.remaining_workdays(window, d("2025-10-01")) == 6
    assert calendar.remaining_workdays(window, d("2025-10-15")) == 1
    assert calendar.remaining_workdays(window, d("2025-10-16")) == 0


def test_window_json(calendar: WorkCalendar) -> None:
    assert window_json(calendar.window(d("2025-10-01"), 3)) == {
        "start": "2025-10-01",
        "days": 3,
        "end": "2025-10-11",
        "workdays": ["2025-10-09", "2025-10-10", "2025-10-11"],
    }


@settings(max_examples=300, deadline=None)
@given(start=st.dates(d("2004-01-01"), d("2026-11-30")), days=st.integers(1, 20))
def test_windows_agree_with_counting_library_days_one_by_one(start: dt.date, days: int) -> None:
    expected: list[dt.date] = []
    day = start
    while len(expected) < days:
        if chinese_calendar.is_workday(day):
            expected.append(day)
        day += dt.timedelta(days=1)
    assert WorkCalendar().window(start, days).workdays == tuple(expected)


# Years nobody knows yet.


def test_window_reaching_2027_without_a_file_names_the_year_and_file(tmp_path: Path) -> None:
    calendar, problems = load(tmp_path)
    assert problems == []
    assert calendar.window(d("2026-12-18")).end == d("2026-12-31")
    with pytest.raises(CalendarGap) as raised:
        calendar.window(d("2026-12-21"))
    assert raised.value.year == 2027
    assert raised.value.file == "data/calendar/2027.yaml"
    assert str(raised.value) == GAP_2027
    with pytest.raises(CalendarGap, match="2027"):
        calendar.is_workday(d("2027-06-01"))
    with pytest.raises(CalendarGap, match="2003"):
        calendar.next_workday(d("2003-12-31"))
    assert calendar.source_of(2027) is None


def test_a_year_no_file_can_cover_is_named_as_a_mistyped_date(tmp_path: Path) -> None:
    """Asking for data/calendar/2100.yaml would send the officer to add a file that is refused."""
    calendar, _ = load(tmp_path)
    for day, year in (("2100-01-04", 2100), ("1999-06-01", 1999)):
        with pytest.raises(CalendarGap) as raised:
            calendar.is_workday(d(day))
        assert str(raised.value) == (
            f"日期在 {year} 年，超出了可收录节假日安排的年份（2000–2099）：chinese-calendar 收录了 2004–2026 年；"
            "这个年份很可能写错了，请检查并改正日期"
        )
    # The last year a file can be added for still asks for that file.
    with pytest.raises(CalendarGap, match="添加 data/calendar/2099.yaml"):
        calendar.is_workday(d("2099-06-01"))


def test_window_reaching_2027_with_a_file(tmp_path: Path) -> None:
    calendar, problems = load(tmp_path, {"2027.yaml": TEST_2027})
    assert problems == []
    window = calendar.window(d("2026-12-21"))
    assert window.workdays == ds(
        "2026-12-21", "2026-12-22", "2026-12-23", "2026-12-24", "2026-12-25",
        "2026-12-28", "2026-12-29", "2026-12-30", "2026-12-31", "2027-01-04",
    )
    assert window.end == d("2027-01-04")
    assert calendar.known_years()[0] == 2004 and calendar.known_years()[-1] == 2027
    assert calendar.known_until() == d("2027-12-31")
    assert calendar.source_of(2027) == "测试用，非官方：2027年元旦（1月1日至3日）"
    with pytest.raises(CalendarGap) as raised:
        calendar.window(d("2027-12-27"))
    assert str(raised.value) == (
        "没有 2028 年的官方工作日安排：chinese-calendar 收录了 2004–2026 年，data/calendar/ 另有 2027 年；请根据国务院办公厅的节假日安排（国务院办公厅关于2028年部分节假日安排的通知）添加 data/calendar/2028.yaml"
    )


def test_a_file_replaces_the_library_for_its_whole_year(tmp_path: Path) -> None:
    calendar, problems = load(
        tmp_path,
        {"2025.yaml": "source: 测试用：2025年\ncorrects: 测试用：2025年更正通知\nholidays:\n  - 2025-01-01\nworkdays:\n  - 2025-01-04\n"},
    )
    assert problems and all("警告：corrects: 2025-" in p for p in problems)  # each changed day, listed
    assert calendar.is_workday(d("2025-01-04"))
    assert not calendar.is_workday(d("2025-01-26"))  # worked by the real notice, not by this file
    assert calendar.is_workday(d("2025-01-28"))  # off by the real notice, not by this file
    assert calendar.is_workday(d("2024-02-18"))  # other years still come from the library


def test_known_until_follows_consecutive_years(tmp_path: Path) -> None:
    calendar, _ = load(tmp_path, {"2028.yaml": TEST_2027.replace("2027", "2028")})
    assert calendar.known_until() == d("2026-12-31")
    assert calendar.known_until(d("2028-03-01")) == d("2028-12-31")
    assert calendar.known_until(d("2030-03-01")) == d("2029-12-31")


def test_stale_warning_two_months_ahead(tmp_path: Path) -> None:
    calendar, _ = load(tmp_path)
    assert stale_warning(calendar, d("2026-10-01")) is None
    assert stale_warning(calendar, d("2026-11-28")) == (
        "官方工作日安排只到 2026-12-31，距 2026-11-28 还有 33 天，尚无 2027 年的安排：通知发布后请根据国务院办公厅的节假日安排（国务院办公厅关于2027年部分节假日安排的通知）添加 data/calendar/2027.yaml"
    )
    assert stale_warning(calendar, d("2027-02-01")) == (
        "没有 2027 年的官方工作日安排，而该年已经开始：请根据国务院办公厅的节假日安排（国务院办公厅关于2027年部分节假日安排的通知）添加 data/calendar/2027.yaml"
    )
    with_file, _ = load(tmp_path, {"2027.yaml": TEST_2027})
    assert stale_warning(with_file, d("2026-11-28")) is None


# Broken calendar files: one line per problem, naming file, line and field.


def test_every_problem_of_a_broken_file(tmp_path: Path) -> None:
    text = """\
source: 国务院办公厅关于2026年部分节假日安排的通知
holidays:
  - 2027-01-01
  - 2026-12-31
  - 2027-01-01
  - 2027-02-30
  - 2027-02-20
workdays:
  - 2027-02-22
  - 2027-02-20
  - 20270206
notes: 待定
"""
    calendar, problems = load(tmp_path, {"2027.yaml": text})
    assert problems == [
        "data/calendar/2027.yaml:1: source: 没有写明 2027 年；请写本年度通知的名称，如 国务院办公厅关于2027年部分节假日安排的通知",
        "data/calendar/2027.yaml:4: holidays[2]: 2026-12-31 不在 2027 年；本文件只写 2027 年",
        "data/calendar/2027.yaml:5: holidays[3]: 2027-01-01 重复列出（第3行已列）",
        "data/calendar/2027.yaml:6: holidays[4]: '2027-02-30' 不是有效日期：2027年2月只有 28 天",
        "data/calendar/2027.yaml:9: workdays[1]: 2027-02-22 是星期一；'workdays' 只列调休上班的星期六和星期日",
        "data/calendar/2027.yaml:10: workdays[2]: 2027-02-20 也列在 'holidays' 中（第7行）；一天要么放假，要么上班",
        "data/calendar/2027.yaml:11: workdays[3]: 应为日期，写作 年-月-日（如 2026-12-01），实际是 20270206",
        "data/calendar/2027.yaml:12: notes: 未知字段；可用的字段：'source'、'sources'、'holidays'、'workdays'、'corrects'",
    ]
    with pytest.raises(CalendarGap):
        calendar.is_workday(d("2027-01-04"))


def test_a_day_both_off_and_worked(tmp_path: Path) -> None:
    text = "source: 2027年\nholidays:\n  - 2027-01-01\n  - 2027-02-20\nworkdays:\n  - 2027-02-20\n"
    _, problems = load(tmp_path, {"2027.yaml": text})
    assert problems == [
        "data/calendar/2027.yaml:6: workdays[1]: 2027-02-20 也列在 'holidays' 中（第4行）；一天要么放假，要么上班",
    ]


def test_missing_and_empty_fields(tmp_path: Path) -> None:
    _, problems = load(
        tmp_path,
        {
            "2027.yaml": "source: 国务院办公厅关于2027年部分节假日安排的通知\n",
            "2028.yaml": "source:\nholidays: []\nworkdays:\n",
            "2029.yaml": "- 2029-01-01\n",
            "2030.yaml": "source: 2030年\nholiday:\n  - 2030-01-01\nworkdays: []\n",
        },
    )
    assert problems == [
        "data/calendar/2027.yaml:1: holidays: 缺少必填字段",
        "data/calendar/2027.yaml:1: workdays: 缺少必填字段",
        "data/calendar/2028.yaml:1: source: 不能为空",
        "data/calendar/2028.yaml:2: holidays: 没有列出任何日期；请列出通知中的每个放假日",
        "data/calendar/2028.yaml:3: workdays: 不能为空",
        "data/calendar/2029.yaml:1: 应为若干“字段名: 内容”，实际是列表",
        "data/calendar/2030.yaml:2: holiday: 未知字段；是否应为 'holidays'？",
    ]


def test_file_names(tmp_path: Path) -> None:
    (tmp_path / "data" / "calendar" / "2028").mkdir(parents=True)
    calendar, problems = load(
        tmp_path,
        {
            "2027.yml": TEST_2027,
            "calendar.yaml": TEST_2027,
            "1999.yaml": TEST_2027,
            "README.md": "节假日安排\n",
            ".gitkeep": "",
        },
    )
    assert problems == [
        (
            "data/calendar/1999.yaml:1: 1999 不在本日历可收录的年份内（2000–2099）；"
            "请检查文件名中的年份是否写错，改为该范围内的年份，或删除这个文件"
        ),
        "data/calendar/2027.yml:1: 文件名应为 <4位年份>.yaml；节假日安排文件以年份命名，如 2027.yaml",
        "data/calendar/2028:1: 这是一个文件夹；节假日安排文件以年份命名，如 2028.yaml",
        "data/calendar/README.md:1: 文件名应为 <4位年份>.yaml；节假日安排文件以年份命名，如 2027.yaml",
        "data/calendar/calendar.yaml:1: 文件名应为 <4位年份>.yaml；节假日安排文件以年份命名，如 2027.yaml",
    ]
    assert calendar.known_years()[-1] == 2026


def test_a_file_where_the_folder_should_be(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "calendar").write_text("2027\n", encoding="utf-8")
    _, problems = load(tmp_path)
    assert problems == ["data/calendar:1: 应为存放 <年份>.yaml 文件的文件夹"]


# --- A file for a year chinese-calendar already has ---------------------------------------------


def official_text(year: int, *, corrects: str = "", off: tuple[str, ...] = (), on: tuple[str, ...] = ()) -> str:
    """The library's own schedule for `year` written as a file, with days `off` and `on` changed."""
    day, holidays, workdays = dt.date(year, 1, 1), [], []
    while day.year == year:
        working = chinese_calendar.is_workday(day)
        if day.isoformat() in off:
            working = False
        if day.isoformat() in on:
            working = True
        if day.weekday() < 5 and not working:
            holidays.append(day)
        if day.weekday() >= 5 and working:
            workdays.append(day)
        day += dt.timedelta(days=1)
    lines = [f"source: 国务院办公厅关于{year}年部分节假日安排的通知"]
    if corrects:
        lines.append(f"corrects: {corrects}")
    lines += ["holidays:"] + [f"  - {h}" for h in holidays] + ["workdays:"] + [f"  - {w}" for w in workdays]
    return "\n".join(lines) + "\n"


def test_a_file_that_agrees_with_the_library_can_be_deleted(tmp_path: Path) -> None:
    calendar, problems = load(tmp_path, {"2026.yaml": official_text(2026)})
    assert problems == ["data/calendar/2026.yaml:1: 警告：与 chinese-calendar 收录的 2026 年官方安排逐日一致；这个文件可以删除"]
    assert calendar.window(d("2026-09-14")).end == d("2026-09-24")  # what the library says, as before


def test_a_file_that_differs_from_the_library_without_corrects_is_refused(tmp_path: Path) -> None:
    only_new_year = "source: 国务院办公厅关于2026年部分节假日安排的通知\nholidays:\n  - 2026-01-01\nworkdays: []\n"
    _, problems = load(tmp_path, {"2026.yaml": only_new_year})
    (problem,) = problems
    assert problem.startswith("data/calendar/2026.yaml:1: corrects: chinese-calendar 已收录 2026 年的官方安排，本文件与之有 ")
    assert "如 2026-01-02（星期五）：官方安排放假 → 本文件上班" in problem
    assert "请删除这个文件" in problem and "请添加 'corrects:'" in problem


def test_corrects_lists_each_changed_day_as_a_warning(tmp_path: Path) -> None:
    # 2026-09-18 made a day off, Sunday 2026-09-27 a working day: a correction by a (made-up) later notice.
    text = official_text(2026, corrects="国务院办公厅关于调整2026年部分节假日安排的通知（测试用）",
                         off=("2026-09-18",), on=("2026-09-27",))
    calendar, problems = load(tmp_path, {"2026.yaml": text})
    lines = {line.split("\n")[0]: n for n, line in enumerate(text.splitlines(), start=1)}
    assert problems == [
        f"data/calendar/2026.yaml:{lines['  - 2026-09-18']}: 警告：corrects: 2026-09-18（星期五）：官方安排上班 → 本文件放假",
        f"data/calendar/2026.yaml:{lines['  - 2026-09-27']}: 警告：corrects: 2026-09-27（星期日）：官方安排放假 → 本文件上班",
    ]
    assert calendar.is_workday(d("2026-09-27")) and not calendar.is_workday(d("2026-09-18"))  # the file wins
    assert calendar.source_of(2026) == "国务院办公厅关于2026年部分节假日安排的通知"


def test_a_year_the_library_lacks_needs_no_corrects(tmp_path: Path) -> None:
    _, problems = load(tmp_path, {"2027.yaml": TEST_2027})
    assert problems == []


def test_sources_list_the_notices_applied_and_exclude_source(tmp_path: Path) -> None:
    days = "holidays:\n  - 2027-01-01\nworkdays: []\n"
    several = "sources:\n  - 国务院办公厅关于2027年部分节假日安排的通知\n  - 国务院办公厅关于调整2027年部分节假日安排的通知\n"
    calendar, problems = load(tmp_path, {"2027.yaml": several + days})
    assert problems == []
    assert calendar.source_of(2027) == "国务院办公厅关于2027年部分节假日安排的通知；国务院办公厅关于调整2027年部分节假日安排的通知"
    both = "source: 国务院办公厅关于2027年部分节假日安排的通知\n" + several.replace("2027年部分", "2026年部分", 1)
    _, problems = load(tmp_path, {"2027.yaml": both + days})
    assert problems == ["data/calendar/2027.yaml:2: sources: 'source' 和 'sources' 只写一个：一份通知写 'source'，几份通知依次写在 'sources' 中"]
    _, problems = load(tmp_path, {"2027.yaml": several.replace("2027年部分", "2026年部分", 1) + days})
    assert problems == ["data/calendar/2027.yaml:1: sources: 没有写明 2027 年；请写本年度通知的名称，如 国务院办公厅关于2027年部分节假日安排的通知"]
