"""年度整改进展: loading and refusing progress files, the status rules they feed, their pages and open data."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import lxml.html
import pytest
from conftest import AS_OF, copy_project, data_tree

from generator import messages as M
from generator import model, opendata, pages, schema, status
from generator.errors import DataError
from generator.load import load_dataset
from generator.model import BannerProgress, Extension, MeasureProgress, TaskProgress
from generator.status import TaskState, TaskStatus

REPO = Path(__file__).resolve().parents[1]
PLAN = "ordos-nmg-r2"

# Task 24: 伊金霍洛旗 only, 2025年12月底, two measures.
REPORT = """\
published: 2026-01-20
tasks:
  - task: 24
    status: 进展滞后
    measures:
      - no: 1
        progress: 已申请专项资金。
      - no: 2
        progress: 工程已开工。
"""

# Closes out task 24: window 2026-11-23 … 2026-12-04, closed out 2026-12-10.
NOTICE_24 = """\
task: 24
start: 2026-11-23
completion: 已完成。
acceptance:
  unit: 市生态环境局
  date: 2026-11-18
  opinion: 同意验收销号。
closed_out: 2026-12-10
"""

# Task 31: 立行立改，长期坚持, 达拉特旗 only. Window 2026-11-23 … 2026-12-04.
NOTICE_31 = NOTICE_24.replace("task: 24", "task: 31")

MEASURES = REPORT.split("    status: 进展滞后\n")[1]  # task 24's measures, as written in REPORT


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def with_reports(
    tmp_path: Path, reports: dict[str, str], notices: dict[str, str] | None = None, *, extra_plan: bool = False
) -> Path:
    """The shipped site and plan with only the given progress files and notices (and a copy of the plan)."""
    return data_tree(tmp_path, notices or {}, reports, extra_plan=extra_plan)


def problems(
    tmp_path: Path, reports: dict[str, str], notices: dict[str, str] | None = None, *, extra_plan: bool = False
) -> list[str]:
    try:
        load_dataset(with_reports(tmp_path, reports, notices, extra_plan=extra_plan))
    except DataError as exc:
        return [str(p) for p in exc.problems]
    return []


def with_task(extra: str) -> str:
    """REPORT with more lines under task 24."""
    return REPORT + extra


# --- loading -------------------------------------------------------------------------------------


def badge_text(cell) -> str:
    """A status cell's text less its badge label (本年度报告, 当前), which stands in for the hidden heading on phones."""
    labels = "".join(span.text_content() for span in cell.xpath(".//span[@class='gs-badge-label']"))
    return text(cell).removeprefix(labels)


def test_a_full_report_loads_with_every_field(tmp_path: Path) -> None:
    text = REPORT.replace("published: 2026-01-20\n", "published: 2026-01-20\nplan: ordos-nmg-r2\n") + """\
    banners:
      - banner: 伊金霍洛旗
        status: 进展滞后
        progress: 工程完成60%。
    extension:
      requested: 2026-01-10
      reason: 用地手续办理时间较长。
      new_deadline: 2026-06-30
      approved_by: 市委、市人民政府
  - task: 6
    status: 已完成
    measures:
      - no: 2
        progress: 已完成。
"""
    dataset, _ = load_dataset(with_reports(tmp_path, {"2025.yaml": text}))
    (report,) = dataset.progress
    assert (report.year, report.plan_id, report.published, report.source) == (
        2025, PLAN, d("2026-01-20"), "data/progress/2025.yaml"
    )
    assert report.task(24) == TaskProgress(
        task_no=24,
        status="进展滞后",
        measures=(MeasureProgress(1, "已申请专项资金。", 7), MeasureProgress(2, "工程已开工。", 9)),
        banners=(BannerProgress("伊金霍洛旗", "进展滞后", "工程完成60%。", 12),),
        extension=Extension(d("2026-01-10"), "用地手续办理时间较长。", d("2026-06-30"), "市委、市人民政府", 16),
        rebound=None,
        line=4,
    )
    assert report.task(6).measures == (MeasureProgress(2, "已完成。", 23),)


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("report.yaml", REPORT, ["data/progress/report.yaml:1: 文件名应为报告所属年度，如 2025.yaml"]),
        ("2025.yml", REPORT,
         ["data/progress/2025.yml:1: 年度整改进展文件以 .yaml 结尾；请改名，或移出 data/progress/"]),
        ("2024.yaml", REPORT,
         ["data/progress/2024.yaml:1: published: 2024 年度的整改进展应在 2024 年或 2025 年发布，而不是 2026-01-20"]),
        ("2025.yaml", REPORT.replace("2026-01-20", "2026-02-30"),
         ["data/progress/2025.yaml:1: published: '2026-02-30' 不是有效日期：2026年2月只有 28 天"]),
        ("2025.yaml", REPORT.replace("status: 进展滞后", "statu: 进展滞后"),
         ["data/progress/2025.yaml:4: tasks[1].statu: 未知字段；是否应为 'status'？"]),
        ("2025.yaml", REPORT.replace("task: 24", "task: 二十四"),
         ["data/progress/2025.yaml:3: tasks[1].task: 应为整数，实际是 '二十四'"]),
        ("2025.yaml", REPORT.replace("tasks:", "plan: ordos-nmg\ntasks:"),
         [f"data/progress/2025.yaml:2: plan: 没有编号为 'ordos-nmg' 的整改方案（已有方案：{PLAN}）；是否应为 '{PLAN}'？"]),
        ("2025.yaml", REPORT.replace("task: 24", "task: 41"),
         ["data/progress/2025.yaml:3: tasks[1].task: 方案 'ordos-nmg-r2' 没有第41项整改任务（整改任务为第1–40项）"]),
        ("2025.yaml", REPORT.replace("status: 进展滞后", "status: 基本完成"),
         ["data/progress/2025.yaml:4: tasks[1].status: 应为以下之一：已完成、达到序时进度、进展滞后；实际是 '基本完成'"]),
        ("2025.yaml", REPORT.replace("status: 进展滞后", "status: 已销号"),
         ["data/progress/2025.yaml:4: tasks[1].status: 应为以下之一：已完成、达到序时进度、进展滞后；实际是 '已销号'；验收销号的状态来自 data/notices/ 和整改时限，不由年度整改进展填写"]),
        ("2025.yaml", REPORT.replace("- no: 2", "- no: 3"),
         ["data/progress/2025.yaml:8: tasks[1].measures[2].no: 第24项整改任务没有第3条整改措施（整改措施为第1–2条）"]),
        ("2025.yaml", REPORT.replace("- no: 2", "- no: 1"),
         ["data/progress/2025.yaml:8: tasks[1].measures[2].no: 第1条整改措施已在第6行填写"]),
        ("2025.yaml", REPORT.replace(MEASURES, "    measures: []\n"),
         ["data/progress/2025.yaml:5: tasks[1].measures: 是空列表；请填写每条整改措施的进展"]),
        ("2025.yaml", REPORT + REPORT.split("tasks:\n")[1],
         ["data/progress/2025.yaml:10: tasks[2].task: 第24项整改任务已在第3行填写"]),
        ("2025.yaml", with_task("    banners:\n      - banner: 乌审旗\n        status: 已完成\n        progress: 完成。\n"),
         ["data/progress/2025.yaml:11: tasks[1].banners[1].banner: “乌审旗”不是第24项整改任务涉及的旗区（涉及：伊金霍洛旗）"]),
        ("2025.yaml", with_task("    banners:\n      - banner: 乌审县\n        status: 已完成\n        progress: 完成。\n"),
         ["data/progress/2025.yaml:11: tasks[1].banners[1].banner: 方案 'ordos-nmg-r2' 没有旗区“乌审县”；是否应为 '乌审旗'？（旗区：东胜区、康巴什区、达拉特旗、准格尔旗、鄂托克前旗、鄂托克旗、杭锦旗、乌审旗、伊金霍洛旗）"]),
        ("2025.yaml", with_task("    extension:\n      requested: 2026-01-10\n      reason: 手续未办结。\n"),
         ["data/progress/2025.yaml:11: tasks[1].extension.new_deadline: 缺少必填字段"]),
        ("2025.yaml", with_task("    extension:\n      requested: 2026-01-10\n      reason: 手续未办结。\n"
                                "      new_deadline: 2025-11-30\n"),
         ["data/progress/2025.yaml:13: tasks[1].extension.new_deadline: 延期至 2025-11-30 应晚于原整改时限（2025年12月底，即 2025-12-31）；请核对批复中的新时限"]),
        ("2025.yaml", with_task("    extension:\n      requested: 2026-02-10\n      reason: 手续未办结。\n"
                                "      new_deadline: 2026-06-30\n"),
         ["data/progress/2025.yaml:11: tasks[1].extension.requested: 2026-02-10 晚于本报告的发布日期（2026-01-20）"]),
        ("2025.yaml", with_task("    rebound:\n      found: 2026-01-05\n      finding: 工程停运。\n      notice: 督办通知\n"),
         ["data/progress/2025.yaml:11: tasks[1].rebound.found: 第24项整改任务（整项）在2026-01-05或之前没有销号记录；只有已销号的整改任务才会反弹，请核对发现日期和涉及的范围，或先在 data/notices/ 中记录销号"]),
        # Lists and records written in the wrong shape.
        ("2025.yaml", "published: 2026-01-20\ntasks: []\n",
         ["data/progress/2025.yaml:2: tasks: 是空列表；请填写每项尚未销号的整改任务"]),
        ("2025.yaml", REPORT.replace("tasks:", "channels: 人民日报\ntasks:"),
         ["data/progress/2025.yaml:2: channels: 应为列表（每项以“- ”开头），实际是 '人民日报'"]),
        ("2025.yaml", with_task("    banners: 伊金霍洛旗\n"),
         ["data/progress/2025.yaml:10: tasks[1].banners: 应为列表（每项以“- ”开头），实际是 '伊金霍洛旗'"]),
        ("2025.yaml", REPORT.replace(MEASURES, "    measures: 已开工\n"),
         ["data/progress/2025.yaml:5: tasks[1].measures: 应为列表（每项以“- ”开头），实际是 '已开工'"]),
        ("2025.yaml", REPORT.replace("    status: 进展滞后\n" + MEASURES, "    banners:\n      - 伊金霍洛旗\n"),
         ["data/progress/2025.yaml:5: tasks[1].banners[1]: 应为若干“字段名: 内容”，实际是 '伊金霍洛旗'"]),
        ("2025.yaml", REPORT.replace("    status: 进展滞后\n" + MEASURES, "    banners: []\n"),
         [f"data/progress/2025.yaml:3: tasks[1].status: {M.REPORT_ENTRY_NO_STATUS.format(word='旗区')}"]),
        ("2025.yaml", REPORT.replace("    status: 进展滞后\n", "    status:\n"),
         [f"data/progress/2025.yaml:4: tasks[1].status: {M.REPORT_ENTRY_NO_STATUS.format(word='旗区')}"]),
        ("2025.yaml", REPORT.replace("    status: 进展滞后\n" + MEASURES, "    banners:\n      - banner: 伊金霍洛旗\n"
                                     "        status: 进展滞后\n        progress: 开工。\n        measures: []\n"),
         ["data/progress/2025.yaml:8: tasks[1].banners[1].measures: 是空列表；请填写每条整改措施的进展"]),
        ("2025.yaml", with_task("    extension: 2026-06-30\n"),
         ["data/progress/2025.yaml:10: tasks[1].extension: 应为若干“字段名: 内容”，实际是 '2026-06-30'"]),
        ("2025.yaml", with_task("    rebound: 无\n"),
         ["data/progress/2025.yaml:10: tasks[1].rebound: 应为若干“字段名: 内容”，实际是 '无'"]),
    ],
)
def test_broken_reports_are_refused_with_file_line_and_field(
    tmp_path: Path, name: str, text: str, expected: list[str]
) -> None:
    assert problems(tmp_path, {name: text}) == expected


def test_extension_of_a_task_with_no_deadline_date(tmp_path: Path) -> None:
    text = REPORT.replace("task: 24", "task: 31") + (
        "    extension:\n      requested: 2026-01-10\n      reason: 手续未办结。\n      new_deadline: 2026-06-30\n"
    )
    assert problems(tmp_path, {"2025.yaml": text}) == [
        "data/progress/2025.yaml:11: tasks[1].extension: 第31项整改任务的整改时限为“立行立改，长期坚持”，没有可延期的时限；请核对 'task'"
    ]


def test_rebound_must_come_after_the_close_out(tmp_path: Path) -> None:
    """Closed out 2026-12-10: a rebound found that day is accepted, one found the day before is not."""
    report = REPORT.replace("2026-01-20", "2026-12-20") + (
        "    rebound:\n      found: {found}\n      finding: 工程停运。\n      notice: 督办通知\n"
    )
    notices = {"2026-11-23-task24.yaml": NOTICE_24}
    assert problems(tmp_path / "a", {"2026.yaml": report.format(found="2026-12-10")}, notices) == []
    assert problems(tmp_path / "b", {"2026.yaml": report.format(found="2026-12-09")}, notices) == [
        "data/progress/2026.yaml:11: tasks[1].rebound.found: 第24项整改任务（整项）在2026-12-09或之前没有销号记录；只有已销号的整改任务才会反弹，请核对发现日期和涉及的范围，或先在 data/notices/ 中记录销号"
    ]


def test_every_problem_of_a_file_is_listed_at_once(tmp_path: Path) -> None:
    text = REPORT.replace("status: 进展滞后", "status: 完成").replace("- no: 2", "- no: 9") + "extra: 1\n"
    assert problems(tmp_path, {"2025.yaml": text}) == [
        "data/progress/2025.yaml:4: tasks[1].status: 应为以下之一：已完成、达到序时进度、进展滞后；实际是 '完成'；是否应为 '已完成'？",
        "data/progress/2025.yaml:8: tasks[1].measures[2].no: 第24项整改任务没有第9条整改措施（整改措施为第1–2条）",
        "data/progress/2025.yaml:10: extra: 未知字段；可用的字段：'published'、'plan'、'publisher'、'channels'、'tasks'",
    ]


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"2025.yaml": REPORT},
         ["data/progress/2025.yaml:1: 本网站有多个整改方案：文件名请写作 <年度>-<方案编号>.yaml，如 2025-ordos-copy.yaml"]),
        ({"2025-ordos.yaml": REPORT},
         [f"data/progress/2025-ordos.yaml:1: 文件名中的方案编号有误：没有编号为 'ordos' 的整改方案（已有方案：ordos-copy、{PLAN}）；是否应为 'ordos-copy'？"]),
        ({"2025-baotou.yaml": REPORT},
         [f"data/progress/2025-baotou.yaml:1: 文件名中的方案编号有误：没有编号为 'baotou' 的整改方案（已有方案：ordos-copy、{PLAN}）"]),
        ({"二〇二五.yaml": REPORT},
         ["data/progress/二〇二五.yaml:1: 文件名应为<年度>-<方案编号>.yaml，如 2025-ordos-copy.yaml"]),
        ({"2025-ordos-copy.yaml": REPORT.replace("tasks:", f"plan: {PLAN}\ntasks:")},
         [f"data/progress/2025-ordos-copy.yaml:2: plan: '{PLAN}' 与文件名中的方案（'ordos-copy'）不一致"]),
    ],
)
def test_with_several_plans_the_file_name_names_the_plan(tmp_path: Path, files: dict[str, str], expected: list[str]) -> None:
    assert problems(tmp_path, files, extra_plan=True) == expected


def test_one_report_per_plan_and_year(tmp_path: Path) -> None:
    assert problems(tmp_path, {"2025.yaml": REPORT, f"2025-{PLAN}.yaml": REPORT}) == [
        f"data/progress/2025.yaml:1: 方案 '{PLAN}' 的 2025 年度整改进展已在 data/progress/2025-{PLAN}.yaml 中"
    ]


def test_several_plans_report_the_same_year_on_pages_of_their_own(tmp_path: Path) -> None:
    root = with_reports(
        tmp_path, {f"2025-{PLAN}.yaml": REPORT, "2025-ordos-copy.yaml": REPORT.replace("进展滞后", "已完成")},
        extra_plan=True,
    )
    dataset, calendar = load_dataset(root)
    snap = status.snapshot(dataset, d("2026-02-01"), calendar)
    assert [(r.plan_id, r.year, r.several_plans) for r in snap.reports] == [("ordos-copy", 2025, True), (PLAN, 2025, True)]
    out = pages.generate(dataset, snap, "https://example.gov.cn/")
    for plan_id in ("ordos-copy", PLAN):
        assert f"progress/{plan_id}/2025/index.md" in out.content
        assert f"progress/{plan_id}/2025/yijinhuoluo/index.md" in out.content
    assert not any(path.startswith("progress/2025/") for path in out.content)
    reports = [e for e in snap.events if e.kind == "report"]
    plan_title = dataset.plan(PLAN).title
    assert sorted((e.url, e.title) for e in reports) == [
        ("progress/ordos-copy/2025/", f"《{plan_title}》2025年度整改进展"),  # the copy keeps the title
        (f"progress/{PLAN}/2025/", f"《{plan_title}》2025年度整改进展"),
    ]
    timeline = [e.url for e in snap.timeline(dataset.plan("ordos-copy").task(24)) if e.kind == "progress"]
    assert timeline == ["progress/ordos-copy/2025/#task-24"]
    copy = snap.of(dataset.plan("ordos-copy").task(24))
    assert copy.state is TaskState.COMPLETED_OVERDUE
    assert copy.note == "2025年度整改进展：已完成；整改时限已过，尚无验收销号记录"


def test_the_shipped_reports_load_and_cover_every_task() -> None:
    dataset, _ = load_dataset(REPO)
    assert [(r.year, r.published) for r in dataset.progress] == [(2025, d("2026-01-20")), (2026, d("2026-11-26"))]
    for report in dataset.progress:
        assert sorted(t.task_no for t in report.tasks) == list(range(1, 41))
        plan = dataset.plan(report.plan_id)
        for entry in report.tasks:
            assert [m.no for m in entry.measures] == list(range(1, len(plan.task(entry.task_no).measures) + 1))
    statuses = {t.status for r in dataset.progress for t in r.tasks}
    assert statuses == {"已完成", "达到序时进度", "进展滞后"}
    assert [t.task_no for r in dataset.progress for t in r.tasks if t.extension] == [25]
    assert [t.task_no for r in dataset.progress for t in r.tasks if t.rebound] == []  # rebounds are in data/events/
    assert [(r.task_no, r.scope) for r in dataset.records if r.rebound] == [(33, ("达拉特旗",))]


# --- status rules --------------------------------------------------------------------------------


def snap(root: Path, day: str) -> status.Snapshot:
    dataset, calendar = load_dataset(root)
    return status.snapshot(dataset, d(day), calendar)


def task_of(s: status.Snapshot, no: int) -> TaskStatus:
    return s.tasks[(PLAN, no)]


def test_overdue_whatever_the_report_says_until_closed_out(tmp_path: Path) -> None:
    """附件 一: done means accepted, published and closed out; 二（二）: 未按时验收销号 is a failing."""
    root = with_reports(tmp_path / "a", {"2025.yaml": REPORT})
    assert task_of(snap(root, "2025-12-31"), 24) == TaskStatus(TaskState.RECTIFYING, "")
    assert task_of(snap(root, "2026-01-19"), 24) == TaskStatus(TaskState.OVERDUE, "整改时限已过，尚无验收销号记录")
    assert task_of(snap(root, "2026-01-20"), 24) == TaskStatus(
        TaskState.OVERDUE, "整改时限已过，尚无验收销号记录；2025年度整改进展：进展滞后"
    )
    root = with_reports(tmp_path / "b", {"2025.yaml": REPORT.replace("进展滞后", "已完成")})
    completed = task_of(snap(root, "2026-01-20"), 24)
    assert completed == TaskStatus(
        TaskState.COMPLETED_OVERDUE, "2025年度整改进展：已完成；整改时限已过，尚无验收销号记录"
    )
    assert completed.state.overdue and "逾期" in completed.state.label


EXTENSION = "    extension:\n      requested: 2026-01-10\n      reason: 手续未办结。\n      new_deadline: 2026-06-30\n"


def test_an_approved_extension_shows_the_new_date_until_it_passes(tmp_path: Path) -> None:
    root = with_reports(tmp_path, {"2025.yaml": with_task(EXTENSION + "      approved_by: 市委、市人民政府\n")})
    assert task_of(snap(root, "2026-01-19"), 24).state is TaskState.OVERDUE  # not yet published
    extended = TaskStatus(TaskState.EXTENDED, "原整改时限已过，经市委、市人民政府同意延期至2026年6月30日")
    assert task_of(snap(root, "2026-01-20"), 24) == extended
    assert task_of(snap(root, "2026-06-30"), 24) == extended
    assert task_of(snap(root, "2026-07-01"), 24) == TaskStatus(
        TaskState.OVERDUE,
        "经市委、市人民政府同意延期至2026年6月30日，延期后的整改时限已过，尚无验收销号记录；2025年度整改进展：进展滞后",
    )
    s = snap(root, "2026-01-20")
    assert s.count([s_task for s_task in load_dataset(root)[0].plans[0].tasks])[TaskState.EXTENDED] == 1


def test_an_extension_requested_but_not_approved_is_still_overdue(tmp_path: Path) -> None:
    root = with_reports(tmp_path, {"2025.yaml": with_task(EXTENSION)})
    assert task_of(snap(root, "2026-01-20"), 24) == TaskStatus(
        TaskState.OVERDUE,
        "整改时限已过，尚无验收销号记录；2026年1月10日申请延期至2026年6月30日，尚无批准记录；2025年度整改进展：进展滞后",
    )


def test_a_milestone_past_its_date_without_close_out_is_overdue_whatever_the_report_says(tmp_path: Path) -> None:
    """Task 3: 2025年12月底取得阶段性成效，长期坚持. A 阶段性成效 date is a close-out deadline like any date
    (三、保障措施（二）未按时验收销号): past it with no close-out the task is overdue, whatever a report says;
    the note names the latest report after the date. The report of 2026-01-20 says 进展滞后."""
    report = REPORT.replace("task: 24", "task: 3").replace("      - no: 2\n        progress: 工程已开工。\n", "")
    root = with_reports(tmp_path, {"2025.yaml": report})
    assert task_of(snap(root, "2025-12-31"), 3).state is TaskState.RECTIFYING
    silent = task_of(snap(root, "2026-01-19"), 3)  # no report since the date: overdue by silence too
    assert (silent.state, silent.note) == (
        TaskState.MILESTONE_OVERDUE, "取得阶段性成效的时限2025年12月31日已过，尚无验收销号记录；此后尚无年度整改进展"
    )
    behind = task_of(snap(root, "2026-03-01"), 3)
    assert (behind.state, behind.note) == (
        TaskState.MILESTONE_OVERDUE, "取得阶段性成效的时限2025年12月31日已过，尚无验收销号记录；2025年度整改进展：进展滞后"
    )
    assert behind.state.overdue and "逾期" in behind.state.label
    # On track after the date is still not a close-out: overdue all the same.
    root = with_reports(tmp_path / "b", {"2025.yaml": report.replace("进展滞后", "达到序时进度")})
    assert task_of(snap(root, "2026-03-01"), 3).state is TaskState.MILESTONE_OVERDUE
    # Reported done after the date, but not closed out: 已完成整改，逾期未验收销号.
    root = with_reports(tmp_path / "c", {"2025.yaml": report.replace("status: 进展滞后", "status: 已完成")})
    assert task_of(snap(root, "2026-03-01"), 3).state is TaskState.COMPLETED_OVERDUE


def test_a_long_term_task_closed_out_is_shown_as_ongoing(tmp_path: Path) -> None:
    """Task 31 (立行立改，长期坚持) closed out 2026-12-10: 长期坚持, never plain 已销号."""
    root = with_reports(tmp_path, {}, {"2026-11-23-task31.yaml": NOTICE_31})
    assert task_of(snap(root, "2026-12-09"), 31).state is TaskState.AWAITING_CLOSE_OUT
    assert task_of(snap(root, "2026-12-10"), 31) == TaskStatus(
        TaskState.SUSTAINED, "2026年12月10日销号；整改时限为“立行立改，长期坚持”，销号后长期坚持"
    )
    root = with_reports(tmp_path / "b", {}, {"2026-11-23-task24.yaml": NOTICE_24})
    assert task_of(snap(root, "2026-12-10"), 24) == TaskStatus(TaskState.CLOSED_OUT, "2026年12月10日销号")


REBOUND = """\
published: 2026-12-20
tasks:
  - task: 24
    status: 进展滞后
    measures:
      - no: 2
        progress: 工程停运。
    rebound:
      found: 2026-12-15
      finding: 再生水工程停运。
      notice: 督办通知〔2026〕1号
"""


def test_a_rebound_reopens_the_task_from_the_report_date(tmp_path: Path) -> None:
    root = with_reports(tmp_path, {"2026.yaml": REBOUND}, {"2026-11-23-task24.yaml": NOTICE_24})
    before = snap(root, "2026-12-19")
    assert task_of(before, 24).state is TaskState.CLOSED_OUT
    assert [e.kind for e in before.events if e.task_no == 24 and e.kind == "rebound"] == []
    after = snap(root, "2026-12-20")
    assert task_of(after, 24) == TaskStatus(
        TaskState.REBOUND, "2026年12月15日发现整改问题反弹（督办通知〔2026〕1号），重新整改"  # nothing about what the data lacks
    )
    rebound = next(e for e in after.events if e.kind == "rebound")
    assert (rebound.guid, rebound.date, rebound.url, rebound.task_no) == (
        f"urn:gongshi:{PLAN}:progress:2026:task24:rebound", d("2026-12-15"), "progress/2026/#task-24", 24
    )


def test_a_rebound_of_a_long_term_task_reopens_it_too(tmp_path: Path) -> None:
    root = with_reports(tmp_path, {"2026.yaml": REBOUND.replace("task: 24", "task: 31")}, {"2026-11-23-task31.yaml": NOTICE_31})
    assert task_of(snap(root, "2026-12-19"), 31).state is TaskState.SUSTAINED
    assert task_of(snap(root, "2026-12-20"), 31).state is TaskState.REBOUND


def test_a_report_is_nowhere_before_its_publish_date(tmp_path: Path) -> None:
    root = with_reports(tmp_path, {"2025.yaml": REPORT})
    dataset, calendar = load_dataset(root)
    early = status.snapshot(dataset, d("2026-01-19"), calendar)
    assert early.reports == () and [e for e in early.events if e.kind == "report"] == []
    out = pages.generate(dataset, early, "https://example.gov.cn/")
    assert not any(path.startswith("progress/2025/") for path in out.content)
    assert not any("2025年度整改进展" in text or "progress/2025/" in text for text in out.content.values())
    assert json.loads(out.content["api/progress.json"]) == {"as_of": "2026-01-19", "reports": [], "not_published": []}

    on_the_day = status.snapshot(dataset, d("2026-01-20"), calendar)
    (event,) = [e for e in on_the_day.events if e.kind == "report"]
    assert (event.guid, event.date, event.url, event.title, event.task_no) == (
        f"urn:gongshi:{PLAN}:progress:2025", d("2026-01-20"), "progress/2025/", "2025年度整改进展", None
    )
    assert on_the_day.events[0] == event  # newest first
    out = pages.generate(dataset, on_the_day, "https://example.gov.cn/")
    assert "progress/2025/index.md" in out.content
    assert "progress/2025/yijinhuoluo/index.md" in out.content


def test_open_data_has_every_year_task_and_measure(tmp_path: Path) -> None:
    root = with_reports(tmp_path, {"2025.yaml": with_task(EXTENSION + "      approved_by: 市委、市人民政府\n")})
    dataset, calendar = load_dataset(root)
    data = opendata.progress(dataset, status.snapshot(dataset, d("2026-02-01"), calendar))
    assert data == {
        "as_of": "2026-02-01",
        "reports": [{
            "year": 2025,
            "plan": PLAN,
            "published": "2026-01-20",
            "url": "progress/2025/",
            "publisher": dataset.site.publisher,  # none recorded: the site's
            "channels": [],
            "tasks": [{
                "task": 24,
                "url": "plans/ordos-nmg-r2/tasks/24/",
                "status": "进展滞后",
                "measures": [
                    {"no": 1, "measure": "积极申请区域再生水循环利用工程专项资金。", "progress": "已申请专项资金。"},
                    {"no": 2, "measure": "完成伊金霍洛旗东红海子湿地小流域再生水循环利用工程及验收工作。",
                     "progress": "工程已开工。"},
                ],
                "banners": [],
                "extension": {"requested": "2026-01-10", "reason": "手续未办结。", "new_deadline": "2026-06-30",
                              "approved_by": "市委、市人民政府"},
                "rebound": None,
            }],
            # Every other task was open when the report was published and is not in it: 本年度未报告.
            "not_reported": [n for n in range(1, 41) if n != 24],
        }],
        "not_published": [],
    }


def test_same_data_and_date_give_identical_pages() -> None:
    dataset, calendar = load_dataset(REPO)
    one = pages.generate(dataset, status.snapshot(dataset, d("2026-11-28"), calendar), "https://x/")
    two = pages.generate(dataset, status.snapshot(dataset, d("2026-11-28"), calendar), "https://x/")
    assert one.content == two.content


# --- the built site ------------------------------------------------------------------------------


def html(built: Path, url: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring((built / url / "index.html").read_text(encoding="utf-8"))


def text(element: lxml.html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def counts_of(table: lxml.html.HtmlElement) -> dict[str, int]:
    heads = [text(th) for th in table.xpath("./thead/tr/th")]
    cells = [int(text(td)) for td in table.xpath("./tbody/tr/td")]
    return dict(zip(heads, cells, strict=True))


def test_year_page_summary_chart_and_table_agree(built: Path) -> None:
    dataset, _ = load_dataset(REPO)
    report = next(r for r in dataset.progress if r.year == 2026)
    expected = {w: sum(t.status == w for t in report.tasks) for w in ("已完成", "达到序时进度", "进展滞后")}
    expected["本年度未报告"] = 0  # its own column, though the shipped report leaves nothing out
    article = html(built, "progress/2026").xpath("//article")[0]
    box = article.xpath(".//div[@class='gs-chartbox']")[0]
    table = box.xpath(".//table")[0]
    assert counts_of(table) == {**expected, "合计": 40}
    svg = box.xpath(".//svg")[0]
    assert svg.get("role") == "img"
    assert text(svg.xpath("./title")[0]) == "2026年度各进展状态整改任务数"
    labels = [text(t) for t in svg.xpath("./text")]
    assert dict(zip(labels[0::2], map(int, labels[1::2]), strict=True)) == expected
    widths = [int(r.get("width")) for r in svg.xpath("./rect")]  # bars drawn from the same counts
    assert widths == [round(300 * n / max(expected.values())) for n in expected.values() if n]
    assert not article.xpath(".//script")

    sections = {text(h2): h2.getnext() for h2 in article.xpath(".//h2")}
    assert list(sections) == ["总体情况", "按章节统计", "按旗区统计", "与上年相比", "延期整改与问题反弹", "各项整改任务进展"]
    chapters = sections["按章节统计"].xpath(".//tbody/tr")
    assert sum(int(text(tr.xpath("./td")[-1])) for tr in chapters) == 40
    banners = {text(tr.xpath("./th")[0]): tr.xpath("./th/a")[0].get("href") for tr in sections["按旗区统计"].xpath(".//tbody/tr")}
    assert banners["乌审旗"] == "wushen/" and len(banners) == 9
    changes = [(text(tr.xpath("./th")[0]), text(tr.xpath("./td")[0]), text(tr.xpath("./td")[1]))
               for tr in sections["与上年相比"].xpath(".//tbody/tr")]
    assert ("第33项", "已完成", "进展滞后") in changes and ("第7项", "进展滞后", "已完成") in changes
    assert len(changes) == sum(
        1 for t in report.tasks if dataset.progress[0].task(t.task_no).status != t.status
    )
    assert [tr.xpath("./th/a")[0].get("href") for tr in chapters] == ["#chapter-1", "#chapter-2", "#chapter-3"]

    # One row per task, a table per chapter; what each measure says is on the task's page.
    plan = dataset.plans[0]
    tables = sections["各项整改任务进展"].xpath("./table")
    assert [t.get("id") for t in tables] == ["chapter-1", "chapter-2", "chapter-3"]
    assert [text(t.xpath("./caption")[0]) for t in tables] == [f"（{'一二三'[c.no - 1]}）{c.title}" for c in plan.chapters]
    rows = [(int(t.get("id").removeprefix("chapter-")), tr) for t in tables for tr in t.xpath("./tbody/tr")]
    assert [tr.get("id") for _, tr in rows] == [f"task-{n}" for n in range(1, 41)]
    for chapter_no, tr in rows:
        entry = report.task(int(tr.get("id").removeprefix("task-")))
        assert plan.task(entry.task_no).chapter_no == chapter_no
        assert tr.xpath("./th/a")[0].get("href") == f"../../plans/{PLAN}/tasks/{entry.task_no}/#progress-2026"
        assert badge_text(tr.xpath("./td")[2]) == entry.status
    assert not article.xpath(".//ol[@class='gs-measures']")
    block = html(built, f"plans/{PLAN}/tasks/33").xpath("//div[@id='progress-2026']")[0]
    assert block.xpath("./h3/a")[0].get("href") == "../../../../progress/2026/#task-33"
    assert [li.get("value") for li in block.xpath(".//ol/li")] == ["1", "2", "3"]
    # The rebound is a record of its own (data/events/): on the task page, not inside the report's block.
    assert "整改问题反弹" not in text(block)
    page = text(html(built, f"plans/{PLAN}/tasks/33").xpath("//article")[0])
    assert "整改问题反弹" in page and "市生态环境局督办通知（示例）" in page and "2027年3月31日" in page


def test_first_year_has_nothing_to_compare(built: Path) -> None:
    article = html(built, "progress/2025").xpath("//article")[0]
    sections = {text(h2): h2.getnext() for h2 in article.xpath(".//h2")}
    assert text(sections["与上年相比"]) == "本年度为首次公开年度整改进展，没有上年数据可供比较。"
    extension = sections["延期整改与问题反弹"].xpath(".//li")
    assert [text(li) for li in extension] == [
        "第25项整改任务（原整改时限：2025年12月底）申请延期整改至2027年6月30日，经市委、市人民政府同意。"
    ]


def test_banner_year_page_lists_only_its_tasks_with_its_own_status(built: Path) -> None:
    dataset, _ = load_dataset(REPO)
    plan = dataset.plans[0]
    article = html(built, "progress/2026/etuoke").xpath("//article")[0]
    ids = [tr.get("id") for tr in article.xpath(".//table[contains(@class, 'gs-progress-tasks')]/tbody/tr")]
    assert ids == [f"task-{t.no}" for t in plan.tasks if "鄂托克旗" in t.banners]
    task37 = article.xpath(".//tr[@id='task-37']")[0]
    assert badge_text(task37.xpath("./td")[2]) == "已完成 鄂托克旗单独报告"  # the banner's own word, not the task's 进展滞后
    assert task37.xpath("./th/a")[0].get("href") == f"../../../plans/{PLAN}/tasks/37/#progress-2026"
    block = html(built, f"plans/{PLAN}/tasks/37").xpath("//div[@id='progress-2026']")[0]
    own = next(tr for tr in block.xpath(".//table/tbody/tr") if text(tr.xpath("./th")[0]) == "鄂托克旗")
    recorded = next(r for r in dataset.progress if r.year == 2026).task(37).banner("鄂托克旗")
    assert [text(td) for td in own.xpath("./td")] == [recorded.status, recorded.progress]  # shown where the row leads
    table = article.xpath(".//div[@class='gs-chartbox']//table")[0]
    assert counts_of(table)["合计"] == len(ids)
    for banner in plan.banners:
        assert (built / "progress" / "2026" / banner.slug / "index.html").is_file()


def test_progress_index_home_and_task_timeline(built: Path) -> None:
    article = html(built, "progress").xpath("//article")[0]
    rows = [[text(c) for c in tr.xpath("./th|./td")] for tr in article.xpath(".//tbody/tr")]
    assert [r[:3] for r in rows] == [["2026年度", "2026年11月26日", "40项"], ["2025年度", "2026年1月20日", "40项"]]

    home = html(built, "").xpath("//article")[0]
    overdue = text(home.xpath(".//p[@class='gs-overdue']")[0])
    # Past 2025年9月底/12月底 or 2026年6月底/7月底 without close-out: tasks 6, 7, 10, 11, 14, 17, 18, 20,
    # 22, 24, 26, 28, 30, 35, 37, 38. Not 25 (extended to 2027), not 33 (rebound with no time limit).
    assert "（逾期）23项；经批准延期整改的（已延期）1项。" in overdue
    counts = counts_of(home.xpath(".//table[contains(@class, 'gs-counts')]")[0])
    assert (counts["逾期"], counts["已延期"], counts["合计"]) == (23, 1, 40)

    task = html(built, "plans/ordos-nmg-r2/tasks/33").xpath("//article")[0]
    assert text(task.xpath(".//span[contains(@class, 'gs-status')]")[0]) == "问题反弹，重新整改"
    items = task.xpath(".//ol[@class='gs-timeline']/li")
    kinds = [li.get("class") for li in items]
    assert kinds[0] is None  # the plan itself comes first
    assert kinds[1:] == [
        "gs-timeline--progress", "gs-timeline--notice-open", "gs-timeline--notice-objection",
        "gs-timeline--notice-decided", "gs-timeline--notice-expired", "gs-timeline--notice-closed-out",
        "gs-timeline--rebound", "gs-timeline--progress",
    ]
    assert items[1].xpath("./a")[0].get("href") == "../../../../progress/2025/#task-33"

    task25 = html(built, "plans/ordos-nmg-r2/tasks/25").xpath("//article")[0]
    assert text(task25.xpath(".//span[contains(@class, 'gs-status')]")[0]) == "已延期"


def test_progress_json_in_the_built_site(built: Path) -> None:
    data = json.loads((built / "api" / "progress.json").read_text(encoding="utf-8"))
    assert [(r["year"], r["published"], len(r["tasks"])) for r in data["reports"]] == [
        (2025, "2026-01-20", 40), (2026, "2026-11-26", 40)
    ]
    measures = sum(len(t["measures"]) for t in data["reports"][0]["tasks"])
    assert measures == 125


def test_chart_text_is_escaped_and_stays_on_one_line() -> None:
    from generator.reports import chart

    svg = chart({"已完成": 2, "进展滞后": 0}, "甲\n<script>乙</script>", "c")
    assert "\n" not in svg and "<script>" not in svg
    assert '<title id="c-title">甲 &lt;script&gt;乙&lt;/script&gt;</title>' in svg
    root = lxml.html.fromstring(str(svg))
    assert root.get("role") == "img" and len(root.xpath("./rect")) == 1  # no bar for a zero count


# --- page weight -----------------------------------------------------------------------------

PAGE_LIMIT = 15 * 1024  # gzipped bytes of a built, minified page (issue #7)
STATUS_WORDS = ("已完成", "达到序时进度", "进展滞后")


def _q(value: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is YAML's)."""
    return json.dumps(value, ensure_ascii=False)


def large_report_project(root: Path, tasks: int = 60, measures: int = 5) -> Path:
    """The shipped project with a plan of `tasks` tasks of `measures` measures, and two reports on all of
    them with long texts: every measure, two 旗区 of each task that names several, an extension on
    every tenth, and every status changed between the years (the longest 与上年相比)."""
    dataset, _ = load_dataset(REPO)
    shipped = dataset.plans[0].tasks
    corpus = "".join(t.problem + t.goal + "".join(t.measures) for t in shipped)

    def words(n: int, length: int) -> str:  # distinct text of plan vocabulary, as long as real reports get
        start = (n * 7919) % (len(corpus) - length)
        return corpus[start:start + length]

    sources = sorted((shipped[i % len(shipped)] for i in range(tasks)), key=lambda t: t.problem_no)
    rows, years = [], {2025: [], 2026: []}
    for no, src in enumerate(sources, start=1):
        extended = no % 10 == 0
        rows += [
            f"  - no: {no}", f"    problem_no: {src.problem_no}", f"    problem: {_q(words(no, 300))}",
            f"    goal: {_q(src.goal)}", "    measures:",
            *[f"      - {_q(words(no * 10 + j, 150))}" for j in range(measures)],
            f"    responsible_units: {_q(src.responsible.text)}", f"    acceptance_units: {_q(src.acceptance.text)}",
            f"    deadline: {'2025年12月底' if extended or no % 4 else '立行立改，长期坚持'}",
        ]
        for year, lines in years.items():
            lines += [
                f"  - task: {no}", f"    status: {STATUS_WORDS[(no + year) % 3]}", "    measures:",
                *[f"      - no: {j + 1}\n        progress: {_q(words(year + no * 10 + j, 200))}" for j in range(measures)],
            ]
            if len(src.banners) > 1:
                lines.append("    banners:")
                lines += [f"      - banner: {b}\n        status: 进展滞后\n        progress: {_q(words(year * 3 + no + k, 120))}"
                          for k, b in enumerate(src.banners[:2])]
            if extended:
                lines += ["    extension:", "      requested: 2026-01-10", f"      reason: {_q(words(no + 7, 200))}",
                          "      new_deadline: 2027-06-30", f"      approved_by: {_q('市委、市人民政府' + words(no, 20))}"]
    published = {2025: "2026-01-20", 2026: "2026-11-26"}
    reports = {f"{year}.yaml": f"published: {published[year]}\ntasks:\n" + "\n".join(lines) + "\n"
               for year, lines in years.items()}
    copy_project(root, data=False)
    data_tree(root, {}, reports)
    (root / "data" / "plans" / PLAN / "tasks.yaml").write_text("tasks:\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return root


@pytest.mark.e2e
def test_a_year_page_stays_light_however_large_the_report(tmp_path: Path) -> None:
    import gzip

    from generator.build import build_site

    root = large_report_project(tmp_path / "project")
    build_site(root, AS_OF, root / "site", live=True)
    dataset, calendar = load_dataset(root)
    snap = status.snapshot(dataset, AS_OF, calendar)
    report = snap.reports[-1]
    assert (report.year, len(report.tasks), sum(len(t.measures) for t in report.tasks)) == (2026, 60, 300)
    page = root / "site" / "progress" / "2026" / "index.html"
    assert len(gzip.compress(page.read_bytes())) <= PAGE_LIMIT

    # Nothing the report records is dropped: the year page's row links to the task's page, which shows it all.
    site = root / "site"
    year_page = lxml.html.fromstring(page.read_bytes())
    plan = dataset.plans[0]
    for entry in report.tasks:
        (row,) = year_page.xpath(f"//tr[@id='task-{entry.task_no}']")
        href = row.xpath("./th/a")[0].get("href")
        assert href == f"../../plans/{PLAN}/tasks/{entry.task_no}/#progress-2026"
        task_page = lxml.html.fromstring((site / "plans" / PLAN / "tasks" / str(entry.task_no) / "index.html").read_bytes())
        (block,) = task_page.xpath("//div[@id='progress-2026']")
        shown = text(block)
        assert [li.get("value") for li in block.xpath(".//ol/li")] == [str(m.no) for m in entry.measures]
        recorded = [m.progress for m in entry.measures] + [b.progress for b in entry.banners]
        if entry.extension:
            recorded += [entry.extension.reason, entry.extension.approved_by]
        for value in recorded:
            assert " ".join(value.split()) in shown, (entry.task_no, value)
        assert len(gzip.compress((site / "plans" / PLAN / "tasks" / str(entry.task_no) / "index.html").read_bytes())) <= PAGE_LIMIT
    assert plan.task(10).deadline.text == "2025年12月底" and report.task(10).extension is not None


# --- 每年对外公开1次: a year with no report is visible as a duty (三、保障措施（三）) ------------------------------


def _site(root: Path, as_of: dt.date) -> dict[str, str]:
    from generator import pages, status

    dataset, calendar = load_dataset(root)
    return pages.generate(dataset, status.snapshot(dataset, as_of, calendar), "https://example.gov.cn/").content


def test_a_year_without_a_published_report_is_said_on_the_site(tmp_path: Path) -> None:
    import json

    from conftest import copy_project

    root = copy_project(tmp_path / "p")
    within = _site(root, dt.date(2028, 3, 1))  # 2027 ended 61 days before: its report is due
    assert "2027年度整改进展尚未公开" in within["progress/index.md"]
    assert "2027年度整改进展尚未公开" in within["index.md"]
    api = json.loads(within["api/progress.json"])
    assert api["not_published"] == [{"plan": "ordos-nmg-r2", "year": 2027, "open_tasks": api["not_published"][0]["open_tasks"]}]
    assert api["not_published"][0]["open_tasks"] > 0
    assert [r["year"] for r in api["reports"]] == [2025, 2026]  # readers of `reports` see what they saw
    grace = _site(root, dt.date(2028, 2, 29))  # 60 days: not yet due
    assert "尚未公开" not in grace["progress/index.md"] and json.loads(grace["api/progress.json"])["not_published"] == []
    # A 2027 report queued for later is not public: the site still says so, and nothing of it shows.
    (root / "data" / "progress" / "2027.yaml").write_text(
        "published: 2028-03-10\ntasks:\n  - task: 1\n    status: 达到序时进度\n    measures:\n"
        "      - no: 1\n        progress: 持续推进。\n", encoding="utf-8",
    )
    queued = _site(root, dt.date(2028, 3, 1))
    assert "2027年度整改进展尚未公开" in queued["progress/index.md"]
    assert not any(name.startswith("progress/2027") for name in queued)


def test_a_queued_report_is_withheld_by_its_address_and_guid_not_by_the_words_of_its_year(tmp_path: Path) -> None:
    from conftest import copy_project

    from generator.generate import generate_content
    from generator.withheld import withheld_texts

    root = copy_project(tmp_path / "p")
    (root / "data" / "progress" / "2027.yaml").write_text(
        "published: 2028-03-10\ntasks:\n  - task: 1\n    status: 达到序时进度\n    measures:\n"
        "      - no: 1\n        progress: 持续推进。\n", encoding="utf-8",
    )
    generated = generate_content(root, dt.date(2028, 3, 1), "https://example.gov.cn/")
    (texts,) = [v for k, v in withheld_texts(generated).items() if "2027.yaml" in k]
    assert texts == ["progress/2027/", "urn:gongshi:ordos-nmg-r2:progress:2027"]


# --- what a report leaves out, per-旗区 measures, publisher (issue 21 deliverable 6, issue 23 deliverable 1) ----

# Task 25 (乌审旗, 伊金霍洛旗; 2025年12月底; three measures): only 乌审旗's sheet came back, with its own
# progress of measure 2. Task 24 reports measure 1 only. Every other task is left out.
PARTIAL = """\
published: 2026-01-20
publisher: 市生态环境局
channels:
  - name: 鄂尔多斯日报
    date: 2026-01-21
tasks:
  - task: 24
    status: 进展滞后
    measures:
      - no: 1
        progress: 已申请专项资金。
  - task: 25
    banners:
      - banner: 乌审旗
        status: 达到序时进度
        progress: 乌审旗管网已开工。
        measures:
          - no: 2
            progress: 乌审旗管网完成一半。
"""
TEXT_25 = "        progress: 乌审旗管网已开工。\n"  # 乌审旗's own text in PARTIAL
MEASURES_25 = "        measures:\n          - no: 2\n            progress: 乌审旗管网完成一半。\n"  # and its measures
assert TEXT_25 + MEASURES_25 in PARTIAL


def generated(tmp_path: Path, reports: dict[str, str], day: str = "2026-02-01"):
    """(dataset, snapshot, generated files) of the shipped plan with only `reports`."""
    dataset, calendar = load_dataset(with_reports(tmp_path, reports))
    snap = status.snapshot(dataset, d(day), calendar)
    return dataset, snap, pages.generate(dataset, snap, "https://example.gov.cn/", workers=1)


def page(out, url: str) -> lxml.html.HtmlElement:
    """A generated page's HTML (the Markdown around it is text)."""
    return lxml.html.fromstring("<div>" + out.content[f"{url}index.md"] + "</div>")


def test_an_entry_may_hold_only_its_banners_and_banners_their_own_measures(tmp_path: Path) -> None:
    dataset, _ = load_dataset(with_reports(tmp_path, {"2025.yaml": PARTIAL}))
    (report,) = dataset.progress
    entry = report.task(25)
    assert (entry.status, entry.measures) == (None, ())
    assert entry.banner("乌审旗").measures == (MeasureProgress(2, "乌审旗管网完成一半。", 18),)
    assert (report.publisher, [(c.name, c.date) for c in report.channels]) == (
        "市生态环境局", [("鄂尔多斯日报", d("2026-01-21"))]
    )
    assert model.year_status(entry) == (schema.NOT_REPORTED, False)
    assert model.year_status(entry, "乌审旗") == ("达到序时进度", True)
    assert model.year_status(entry, "伊金霍洛旗") == (schema.NOT_REPORTED, False)
    assert model.year_status(None) == (schema.NOT_REPORTED, False)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Neither a city status nor 旗区 entries: still an error, saying both ways out.
        ("published: 2026-01-20\ntasks:\n  - task: 25\n    measures:\n      - no: 1\n        progress: 开工。\n",
         ["data/progress/2025.yaml:3: tasks[1].status: " + M.REPORT_ENTRY_NO_STATUS.format(word="旗区")]),
        ("published: 2026-01-20\ntasks:\n  - task: 25\n    banners: []\n",
         ["data/progress/2025.yaml:3: tasks[1].status: " + M.REPORT_ENTRY_NO_STATUS.format(word="旗区")]),
        # A city status still needs its measures.
        ("published: 2026-01-20\ntasks:\n  - task: 25\n    status: 已完成\n    banners:\n      - banner: 乌审旗\n"
         "        status: 已完成\n        progress: 完成。\n",
         ["data/progress/2025.yaml:3: tasks[1].measures: 缺少必填字段"]),
        # A 旗区's measure is a measure of the task, named once.
        (PARTIAL.replace("- no: 2\n            progress: 乌审旗", "- no: 4\n            progress: 乌审旗"),
         ["data/progress/2025.yaml:18: tasks[2].banners[1].measures[1].no: 第25项整改任务没有第4条整改措施（整改措施为第1–3条）"]),
        (PARTIAL.replace("    date: 2026-01-21\n", ""), ["data/progress/2025.yaml:4: channels[1].date: 缺少必填字段"]),
        # A 旗区's entry needs its text or its measures: neither is one line at the entry, saying both ways.
        (PARTIAL.replace(TEXT_25 + MEASURES_25, ""),
         ["data/progress/2025.yaml:14: tasks[2].banners[1].progress: " + M.BANNER_PROGRESS_NO_TEXT.format(word="旗区")]),
        # Written but empty, with no measures beside it: the field is named as empty.
        (PARTIAL.replace(TEXT_25 + MEASURES_25, "        progress:\n"),
         ["data/progress/2025.yaml:16: tasks[2].banners[1].progress: " + M.EMPTY]),
        # A misspelt `progress` is named once, as such (not also as missing).
        (PARTIAL.replace(TEXT_25 + MEASURES_25, TEXT_25.replace("progress:", "progres:")),
         ["data/progress/2025.yaml:16: tasks[2].banners[1].progres: " + M.UNKNOWN_FIELD.format(
             hint=M.DID_YOU_MEAN.format(name="progress"))]),
    ],
)
def test_an_entry_without_any_status_or_with_wrong_new_fields_is_refused(
    tmp_path: Path, text: str, expected: list[str]
) -> None:
    assert problems(tmp_path, {"2025.yaml": text}) == expected


def test_a_report_counts_what_it_left_out_as_not_reported_and_states_stay(tmp_path: Path) -> None:
    dataset, snap, out = generated(tmp_path, {"2025.yaml": PARTIAL})
    year = page(out, "progress/2025/")
    table = year.xpath(".//div[@class='gs-chartbox']//table")[0]
    # All 40 tasks were open on 2026-01-20: 24 is 进展滞后, 25 has no city status, 38 are left out.
    assert counts_of(table) == {"已完成": 0, "达到序时进度": 0, "进展滞后": 1, "本年度未报告": 39, "合计": 40}
    chapters = year.xpath(".//table[contains(@class, 'gs-by-chapter')]")[0]
    assert [text(th) for th in chapters.xpath("./thead/tr/th")][-2:] == ["本年度未报告", "合计"]
    assert badge_text(year.xpath(".//tr[@id='task-1']/td")[2]) == "本年度未报告"
    assert "共40项整改任务，其中39项尚未验收销号、本年度未报告进展状态" in text(year)
    assert text(year.xpath(".//p[@class='gs-report-publisher']")[0]) == (
        "发布单位：市生态环境局。同时通过鄂尔多斯日报（2026年1月21日）发布。"
    )
    index = page(out, "progress/")
    row = index.xpath(".//tbody/tr")[0]
    assert [text(c) for c in row.xpath("./td")][1:] == ["40项", "0", "0", "1", "39"]

    # Task states are the report's business only where it speaks: the left-out parts stand as with no report.
    alone, _ = load_dataset(with_reports(tmp_path / "none", {}))
    without = status.snapshot(alone, d("2026-02-01"), snap.calendar)
    for no in (1, 25):
        task = dataset.plans[0].task(no)
        for part in task.banners:
            if part != "乌审旗":
                assert snap.part_of(task, part) == without.part_of(task, part)

    # The task page: the left-out task, the left-out measures, the city status not yet set.
    t1 = page(out, f"plans/{PLAN}/tasks/1/").xpath(".//div[@id='progress-2025']")[0]
    assert text(t1.xpath("./h3")[0]) == "2025年度整改进展 本年度未报告"
    t24 = page(out, f"plans/{PLAN}/tasks/24/").xpath(".//div[@id='progress-2025']")[0]
    assert [text(li) for li in t24.xpath("./ol/li")][1].endswith("本年度未报告")
    assert text(t24.xpath("./ol/li")[0]).endswith("进展：已申请专项资金。")
    t25 = page(out, f"plans/{PLAN}/tasks/25/").xpath(".//div[@id='progress-2025']")[0]
    assert text(t25.xpath("./h3")[0]).endswith("本年度未报告")
    assert all(text(li).endswith("本年度未报告") for li in t25.xpath("./ol/li")) and len(t25.xpath("./ol/li")) == 3
    own = t25.xpath(".//table/tbody/tr")[0]
    assert text(own.xpath("./th")[0]) == "乌审旗"
    (li,) = own.xpath(".//ol/li")
    assert li.get("value") == "2" and text(li).endswith("进展：乌审旗管网完成一半。")


def test_a_banner_may_report_measure_by_measure_without_a_text_of_its_own(tmp_path: Path) -> None:
    """BANNER_PROGRESS: its text or its measures. With measures alone, the pages show the measures and no empty
    sentence; open data gives the text as null; the ledger's 旗区 row gives the measures as its progress."""
    from generator.ledger import standing

    dataset, snap, out = generated(tmp_path, {"2025.yaml": PARTIAL.replace(TEXT_25, "")})
    own = dataset.progress[0].task(25).banner("乌审旗")
    assert (own.status, own.progress, [m.no for m in own.measures]) == ("达到序时进度", None, [2])
    t25 = page(out, f"plans/{PLAN}/tasks/25/").xpath(".//div[@id='progress-2025']")[0]
    (row,) = t25.xpath(".//table/tbody/tr")
    cell = row.xpath("./td")[1]
    assert not (cell.text or "").strip() and [child.tag for child in cell] == ["ol"]  # the measures, nothing before
    assert text(cell).endswith("进展：乌审旗管网完成一半。") and "None" not in text(t25)
    (block,) = page(out, "progress/2025/wushen/").xpath(".//div[@id='measures-25']")
    assert [text(li).split("进展：")[-1] for li in block.xpath("./ol/li")] == ["乌审旗管网完成一半。"]
    (report,) = json.loads(out.content["api/progress.json"])["reports"]
    (b,) = next(t for t in report["tasks"] if t["task"] == 25)["banners"]
    assert (b["progress"], b["measures"]) == (None, [{"no": 2, "progress": "乌审旗管网完成一半。"}])
    _, parts = standing(snap, dataset.plans[0].task(25))
    assert parts["乌审旗"].progress == "2025年度：达到序时进度。2. 乌审旗管网完成一半。"


def test_banner_year_pages_say_whose_status_and_show_their_own_measures(tmp_path: Path) -> None:
    _, _, out = generated(tmp_path, {"2025.yaml": PARTIAL})
    wushen = page(out, "progress/2025/wushen/")
    assert badge_text(wushen.xpath(".//tr[@id='task-25']/td")[2]) == "达到序时进度 乌审旗单独报告"
    (block,) = wushen.xpath(".//div[@id='measures-25']")
    assert [(li.get("value"), text(li).split("进展：")[-1]) for li in block.xpath("./ol/li")] == [("2", "乌审旗管网完成一半。")]
    yjhl = page(out, "progress/2025/yijinhuoluo/")
    assert badge_text(yjhl.xpath(".//tr[@id='task-24']/td")[2]) == "进展滞后 整项任务的进展状态"
    assert badge_text(yjhl.xpath(".//tr[@id='task-25']/td")[2]) == "本年度未报告"  # no city status, no own entry
    assert not yjhl.xpath(".//div[starts-with(@id, 'measures-')]")


def test_unit_pages_list_their_tasks_yearly_progress(tmp_path: Path) -> None:
    _, _, out = generated(tmp_path, {"2025.yaml": PARTIAL})
    unit = page(out, "units/shengtai-huanjing-ju/")
    (table,) = unit.xpath(".//table[contains(@class, 'gs-unit-progress')]")
    assert [text(th) for th in table.xpath("./thead/tr/th")] == ["任务", "2025年度"]
    rows = {text(tr.xpath("./th")[0]): tr.xpath("./td")[0] for tr in table.xpath("./tbody/tr")}
    assert text(rows["第24项"]) == "进展滞后"
    assert rows["第24项"].xpath("./a")[0].get("href") == "../../progress/2025/#task-24"
    assert text(rows["第25项"]) == "本年度未报告"
    assert "第1项" not in rows  # 市生态环境局 is not responsible for task 1


def test_open_data_gives_publisher_channels_banner_measures_and_left_out_tasks(tmp_path: Path) -> None:
    dataset, snap, out = generated(tmp_path, {"2025.yaml": PARTIAL})
    (report,) = json.loads(out.content["api/progress.json"])["reports"]
    assert (report["publisher"], report["channels"]) == ("市生态环境局", [{"name": "鄂尔多斯日报", "date": "2026-01-21"}])
    t25 = next(t for t in report["tasks"] if t["task"] == 25)
    assert (t25["status"], t25["measures"]) == (None, [])
    assert t25["banners"][0]["measures"] == [{"no": 2, "progress": "乌审旗管网完成一半。"}]
    assert report["not_reported"] == [n for n in range(1, 41) if n not in (24, 25)]


def test_check_warns_of_a_city_status_still_to_come(tmp_path: Path) -> None:
    from generator.task_events import warnings

    dataset, calendar = load_dataset(with_reports(tmp_path, {"2025.yaml": PARTIAL}))
    found = [str(p) for p in warnings(dataset, calendar, d("2026-02-01")) if "第25项" in p.field]
    assert found == [f"data/progress/2025.yaml:12: 警告：第25项.status: {M.REPORT_CITY_STATUS_PENDING.format(word='旗区')}"]
