"""`gongshi calendar import`: the State Council's holiday notice, as pasted, into data/calendar/<year>.yaml.

The reader is run on the notices of 2020–2026 as stored copies of public pages
hold them (tests/data/holiday_notices/, each file's first line names its page)
and compared day by day with chinese-calendar; the writing path on a notice
constructed for 2027, a year chinese-calendar lacks.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import chinese_calendar
import pytest
from chinese_calendar import constants as library
from click.testing import CliRunner, Result

from generator.cli import main
from generator.errors import Problems
from generator.workcalendar import WorkCalendar

NOTICES = Path(__file__).parent / "data" / "holiday_notices"

# Days chinese-calendar counts as a holiday of the year that the year's notice does not name, each with its reason.
NOT_IN_THE_NOTICE = {
    dt.date(2022, 12, 31): "元旦 of 2023: given by the 2023 notice (2022年12月31日至2023年1月2日)",
    dt.date(2023, 12, 30): "a weekend before 元旦 2024, which the 2024 notice gives as 1月1日放假，与周末连休",
    dt.date(2023, 12, 31): "the same weekend",
}

NOTICE_2027 = """\
首页 > 政务公开 > 通知公告
国务院办公厅关于2027年部分节假日安排的通知
来源：中国政府网　　发布时间：2026-11-05　　字号：大 中 小
国办发明电〔2026〕9号
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
　　经国务院批准，现将2027年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
　　一、元旦：12月31日（周四）至1月2日（周六）放假调休，共3天。1月9日（周六）上班。
　　二、春节：2月5日（农历除夕、周五）至12日（农历正月初七、周五）放假调休，共8天。1月31日（周日）、2月20日（周六）上班。
　　三、清明节：4月3日（周六）至5日（周一）放假，共3天。
　　四、劳动节：5月1日（周六）至5日（周三）放假调休，共5天。4月25日（周日）、5月8日（周六）上班。
　　五、端午节：6月9日（周三）放假1天，不调休。
　　六、中秋节：9月15日（周三）放假1天，不调休。
　　七、国庆节：10月1日（周五）至7日（周四）放假调休，共7天。9月26日（周日）、10月9日（周六）上班。
　　节假日期间，各地区、各部门要妥善安排好值班和安全、保卫等工作。
国务院办公厅
2026年11月5日
责任编辑：某某
"""

ADJUSTMENT_2027 = """\
国务院办公厅关于调整2027年部分节假日安排的通知
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
经国务院批准，现将调整2027年部分节假日安排的具体事项通知如下。
一、9月17日（周五）放假，共1天。9月18日（周六）上班。
二、各单位要妥善安排好值班工作。
国务院办公厅
2027年8月1日
"""


def run(root: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--root", str(root), "calendar", "import", *args])


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def days_of(year: int, found: dict[dt.date, object]) -> set[dt.date]:
    return {day for day in found if day.year == year}


@pytest.mark.parametrize("year", range(2020, 2027))
def test_each_stored_notice_gives_chinese_calendars_days(tmp_path: Path, year: int) -> None:
    files = [NOTICES / f"{year}.txt"]
    if year == 2020:  # chinese-calendar includes the extension of the Spring Festival (国办发明电〔2020〕1号)
        files.append(NOTICES / "2020-extension.txt")
    result = run(tmp_path, *map(str, files), "--dry-run", "--json")
    assert result.exit_code == 0, result.output
    read = json.loads(result.output)
    assert read["year"] == year
    holidays = {dt.date.fromisoformat(day) for day in read["holidays"]}
    workdays = {dt.date.fromisoformat(day) for day in read["workdays"]}
    assert read["holidays"] == sorted(read["holidays"]) and read["workdays"] == sorted(read["workdays"])
    assert holidays == days_of(year, library.holidays) - set(NOT_IN_THE_NOTICE)
    assert workdays == days_of(year, library.workdays)
    day = dt.date(year, 1, 1)
    while day.year == year:  # and so every day's verdict, weekends included
        by_notice = day in workdays or (day.weekday() < 5 and day not in holidays)
        assert by_notice == chinese_calendar.is_workday(day) or day in NOT_IN_THE_NOTICE, day
        day += dt.timedelta(days=1)
    assert not (tmp_path / "data").exists()  # --dry-run writes nothing


def test_json_is_exactly_year_holidays_workdays(tmp_path: Path) -> None:
    result = run(tmp_path, str(NOTICES / "2021.txt"), "--dry-run", "--json")
    assert result.output.startswith('{"year": 2021, "holidays": ["2021-01-01", "2021-01-02", "2021-01-03", "2021-02-11"')
    assert '"workdays": ["2021-02-07", "2021-02-20", "2021-04-25"' in result.output
    assert result.output.count("\n") == 1


def test_the_table_shows_each_item_and_what_is_left_out(tmp_path: Path) -> None:
    result = run(tmp_path, str(NOTICES / "2023.txt"), "--dry-run")
    assert result.exit_code == 0, result.output
    assert "国务院办公厅关于2023年部分节假日安排的通知（国办发明电〔2022〕16号）" in result.output
    assert "六  中秋节、国庆节  2023-09-29 至 2023-10-06  8     2023-10-07、2023-10-08" in result.output
    assert "2022-12-31 不在2023年" in result.output
    assert "没有写文件" in result.output
    advice = run(tmp_path, str(NOTICES / "2024.txt"), "--dry-run")
    assert "是倡议，不改变工作日，没有计入" in advice.output  # 安排职工在除夕(2月9日)休息
    assert "2024-02-09" not in advice.output.split("倡议")[0].split("二  春节")[1].split("\n")[0]


def test_a_new_year_is_written_and_read_back_by_the_calendar(tmp_path: Path) -> None:
    notice = write(tmp_path, "通知.txt", NOTICE_2027)
    result = run(tmp_path, str(notice))
    assert result.exit_code == 0, result.output
    assert "已写入 data/calendar/2027.yaml" in result.output
    assert "2026-12-31 不在2027年" in result.output
    problems = Problems()
    calendar = WorkCalendar.load(tmp_path / "data" / "calendar", tmp_path, problems)
    assert problems.items == []
    assert calendar.source_of(2027) == "国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕9号）"
    worked = [dt.date(2027, 1, 9), dt.date(2027, 1, 31), dt.date(2027, 2, 20), dt.date(2027, 10, 9), dt.date(2027, 1, 4)]
    off = [dt.date(2027, 1, 1), dt.date(2027, 2, 8), dt.date(2027, 6, 9), dt.date(2027, 10, 7), dt.date(2027, 1, 10)]
    assert [calendar.is_workday(day) for day in worked] == [True] * len(worked)
    assert [calendar.is_workday(day) for day in off] == [False] * len(off)
    assert calendar.window(dt.date(2027, 2, 4), 3).workdays == (dt.date(2027, 2, 4), dt.date(2027, 2, 15),
                                                               dt.date(2027, 2, 16))
    again = run(tmp_path, str(notice))
    assert again.exit_code == 0 and "没有变化" in again.output


def test_an_adjustment_is_merged_and_the_file_lists_both_sources(tmp_path: Path) -> None:
    assert run(tmp_path, str(write(tmp_path, "通知.txt", NOTICE_2027))).exit_code == 0
    result = run(tmp_path, str(write(tmp_path, "调整.txt", ADJUSTMENT_2027)))
    assert result.exit_code == 0, result.output
    text = (tmp_path / "data" / "calendar" / "2027.yaml").read_text(encoding="utf-8")
    assert "sources:" in text and "source:" not in text
    problems = Problems()
    calendar = WorkCalendar.load(tmp_path / "data" / "calendar", tmp_path, problems)
    assert problems.items == []
    assert calendar.files[2027].sources == (
        "国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕9号）",
        "国务院办公厅关于调整2027年部分节假日安排的通知",
    )
    assert not calendar.is_workday(dt.date(2027, 9, 17)) and calendar.is_workday(dt.date(2027, 9, 18))
    assert not calendar.is_workday(dt.date(2027, 2, 8))  # the yearly notice's days are kept
    assert "没有变化" in run(tmp_path, str(tmp_path / "调整.txt")).output  # never applied twice


UNNUMBERED_ADJUSTMENT_2027 = """\
国务院办公厅关于调整2027年中秋节放假安排的通知
国办发明电〔2027〕3号
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
经国务院批准，现将2027年中秋节放假安排调整如下：
9月15日（周三）至17日（周五）放假调休，共3天。9月18日（周六）上班。
节假日期间，各地区、各部门要妥善安排好值班和安全、保卫等工作。
国务院办公厅
2027年8月20日
"""


def test_an_adjustment_written_without_numbered_items_is_read_as_one(tmp_path: Path) -> None:
    assert run(tmp_path, str(write(tmp_path, "通知.txt", NOTICE_2027))).exit_code == 0
    result = run(tmp_path, str(write(tmp_path, "调整.txt", UNNUMBERED_ADJUSTMENT_2027)))
    assert result.exit_code == 0, result.output
    assert "一  —     2027-09-15 至 2027-09-17  3     2027-09-18" in result.output
    calendar = WorkCalendar.load(tmp_path / "data" / "calendar", tmp_path, Problems())
    assert [calendar.is_workday(dt.date(2027, 9, d)) for d in (14, 15, 16, 17, 18)] == [True, False, False, False, True]
    cut = UNNUMBERED_ADJUSTMENT_2027.split("节假日期间")[0]  # a paste that stops short is refused, not read short
    refused = run(tmp_path, str(write(tmp_path, "截断.txt", cut)), "--dry-run")
    assert refused.exit_code == 1 and "结尾" in refused.output


def test_an_adjustment_without_the_years_schedule_is_refused(tmp_path: Path) -> None:
    result = run(tmp_path, str(write(tmp_path, "调整.txt", ADJUSTMENT_2027)))
    assert result.exit_code == 1
    assert "还没有2027年的安排" in result.output
    assert not (tmp_path / "data").exists()


def test_a_year_chinese_calendar_covers_is_refused_when_writing(tmp_path: Path) -> None:
    result = run(tmp_path, str(NOTICES / "2026.txt"))
    assert result.exit_code == 1
    assert "chinese-calendar 已经收录" in result.output and "七  国庆节" in result.output
    assert not (tmp_path / "data" / "calendar" / "2026.yaml").exists()


def refused(tmp_path: Path, text: str) -> str:
    result = run(tmp_path, str(write(tmp_path, "通知.txt", text)), "--dry-run")
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and not (tmp_path / "data").exists()
    return result.output


def test_a_cut_text_is_refused(tmp_path: Path) -> None:
    cut = NOTICE_2027[: NOTICE_2027.index("　　七、")]
    output = refused(tmp_path, cut)
    assert "通知.txt:12: 六、中秋节: 最后一项之后没有通知的结尾" in output
    with_end = cut + "国务院办公厅\n2026年11月5日\n"  # the last item lost, the signature kept
    assert "各项中没有国庆节的安排" in refused(tmp_path, with_end)
    mid_item = NOTICE_2027.replace("9月26日（周日）、10月9日（周六）上班。", "9月26日（周日）、10月")
    assert "七、国庆节: 读不懂“9月26日、10月”" in refused(tmp_path, mid_item)
    missing_middle = NOTICE_2027.replace("　　三、清明节：4月3日（周六）至5日（周一）放假，共3天。\n", "")
    assert "编号为“四”，应为“三”" in refused(tmp_path, missing_middle)


def test_an_item_it_cannot_read_is_refused(tmp_path: Path) -> None:
    unread = NOTICE_2027.replace("4月3日（周六）至5日（周一）放假，共3天。", "4月3日（周六）起放假3天。")
    assert "通知.txt:9: 三、清明节: 读不懂“4月3日起放假3天”" in refused(tmp_path, unread)
    wrong_day = NOTICE_2027.replace("1月31日（周日）", "1月31日（周六）")
    assert "2027-01-31 是星期日，通知写的是“周六”" in refused(tmp_path, wrong_day)
    wrong_count = NOTICE_2027.replace("放假调休，共8天", "放假调休，共9天")
    assert "2027-02-05至2027-02-12是8天，通知写的是9天" in refused(tmp_path, wrong_count)
    weekday_worked = NOTICE_2027.replace("5月8日（周六）上班", "5月7日（周五）上班")
    assert "2027-05-07 是星期五；调休上班的应是星期六或星期日" in refused(tmp_path, weekday_worked)
    assert "找不到通知的年份" in refused(tmp_path, "今天天气很好。\n")


def test_half_width_and_one_line_pastes_read_the_same(tmp_path: Path) -> None:
    full = run(tmp_path, str(write(tmp_path, "a.txt", NOTICE_2027)), "--dry-run", "--json").output
    half = NOTICE_2027.translate(str.maketrans("：，（）", ":,()")).replace("\n", " ")
    assert run(tmp_path, str(write(tmp_path, "b.txt", half)), "--dry-run", "--json").output == full
    gbk = tmp_path / "c.txt"
    gbk.write_bytes(NOTICE_2027.encode("gbk"))  # as Windows Notepad saves it
    assert run(tmp_path, str(gbk), "--dry-run", "--json").output == full
