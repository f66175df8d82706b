"""data/events/: extensions and rebounds recorded on their own (records.py), on a copy of the shipped project.

Refusals with their exact lines are in tests/corpus/event-*; here: what the
site does with `recorded`, and the rules whose cases need more than one file.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from conftest import copy_project

from generator import pages, status
from generator.errors import DataError
from generator.load import load_dataset
from generator.status import TaskState

SITE = "https://example.gov.cn/"

# Task 33 was closed out as a whole on 2026-11-03 (data/notices/2026-10-12-task33.yaml).
REBOUND_33 = """\
task: 33
kind: 问题反弹
scope: [鄂托克旗]
date: 2026-11-25
document: 市生态环境局督办通知〔2026〕9号（示例）
finding: 现场检查发现部分农户恢复燃煤取暖。
limit: 2027-03-31
"""

# Task 37's 达拉特旗 and 准格尔旗 were closed out on 2026-10-13 (2026-09-14-task37-dalate-zhungeer.yaml).
EXTENSION_37 = """\
task: 37
kind: 延期整改
scope: [{scope}]
date: {date}
document: 市委、市人民政府关于第37项整改任务延期整改的批复（示例）
requested: 2026-10-20
reason: 工程量大，未能按期完成。
new_deadline: 2027-06-30
approved_by: 市委、市人民政府
"""


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def with_events(tmp: Path, events: dict[str, str]) -> Path:
    root = copy_project(tmp)
    shutil.rmtree(root / "data" / "events")  # only the given records (the shipped one is tested on its own)
    (root / "data" / "events").mkdir()
    for name, text in events.items():
        (root / "data" / "events" / name).write_text(text, encoding="utf-8")
    return root


def refused(root: Path) -> list[str]:
    with pytest.raises(DataError) as raised:
        load_dataset(root)
    return [str(p) for p in raised.value.problems]


# --- recorded ---------------------------------------------------------------------------------


def test_recorded_defaults_to_date_and_an_explicit_equal_one_changes_nothing(tmp_path: Path) -> None:
    (plain, _), (explicit, _) = (
        load_dataset(with_events(tmp_path / "a", {"2026-11-25-task33-rebound.yaml": REBOUND_33})),
        load_dataset(with_events(tmp_path / "b", {"2026-11-25-task33-rebound.yaml": REBOUND_33 + "recorded: 2026-11-25\n"})),
    )
    (record,) = plain.records
    assert record.recorded == record.date == d("2026-11-25")
    assert explicit.records == plain.records


def test_a_record_is_shown_and_counted_from_recorded_and_says_when_it_was_found(tmp_path: Path) -> None:
    rebound = (
        "task: 37\nkind: 问题反弹\nscope: [达拉特旗]\ndate: 2026-11-02\ndocument: 督办通知〔2026〕7号（示例）\n"
        "finding: 复查发现问题反弹。\nlimit: 2027-03-31\nrecorded: 2026-11-05\n"
    )
    dataset, calendar = load_dataset(with_events(tmp_path / "p", {"2026-11-02-task37-rebound.yaml": rebound}))
    shipped, _ = load_dataset(copy_project(tmp_path / "shipped"))
    task = dataset.plans[0].task(37)

    before = status.snapshot(dataset, d("2026-11-04"), calendar)
    assert before.part_of(task, "达拉特旗").state is TaskState.CLOSED_OUT  # found, but not yet public
    assert not [e for e in before.events if ":event:" in e.guid]
    # The day before it is public, the whole site is the shipped data's, file for file.
    assert pages.generate(dataset, before, SITE).content == pages.generate(
        shipped, status.snapshot(shipped, d("2026-11-04"), calendar), SITE
    ).content

    after = status.snapshot(dataset, d("2026-11-05"), calendar)
    assert after.part_of(task, "达拉特旗").state is TaskState.REBOUND
    assert after.part_of(task, "达拉特旗").note.startswith("2026年11月2日发现整改问题反弹")  # when it was found
    (event,) = [e for e in after.events if ":event:" in e.guid]
    assert (event.guid, event.date) == ("urn:gongshi:ordos-nmg-r2:event:2026-11-02-task37-rebound", d("2026-11-05"))
    assert event.summary.startswith("2026年11月2日发现：复查发现问题反弹。")


def test_an_extension_public_later_than_approved_says_when_it_was_approved(tmp_path: Path) -> None:
    text = EXTENSION_37.format(scope="乌审旗", date="2026-11-02") + "recorded: 2026-11-05\n"
    dataset, calendar = load_dataset(with_events(tmp_path, {"2026-11-02-task37-extension.yaml": text}))
    task = dataset.plans[0].task(37)
    assert status.snapshot(dataset, d("2026-11-04"), calendar).part_of(task, "乌审旗").state is TaskState.OVERDUE
    later = status.snapshot(dataset, d("2026-11-05"), calendar)
    assert later.part_of(task, "乌审旗").state is TaskState.EXTENDED
    (event,) = [e for e in later.events if e.kind == "extension"]
    assert event.date == d("2026-11-05")
    assert event.summary.startswith("2026年11月2日经市委、市人民政府同意延期至2027年6月30日")


def test_without_recorded_the_texts_are_as_before(tmp_path: Path) -> None:
    dataset, calendar = load_dataset(with_events(tmp_path, {"2026-11-25-task33-rebound.yaml": REBOUND_33}))
    (event,) = [e for e in status.snapshot(dataset, d("2026-11-28"), calendar).events if ":event:" in e.guid]
    assert event.date == d("2026-11-25")
    assert event.summary == "现场检查发现部分农户恢复燃煤取暖。（市生态环境局督办通知〔2026〕9号（示例））限2027年3月31日前完成整改。"


# --- the kinds' fields ---------------------------------------------------------------------------


def test_each_field_of_the_other_kind_is_named(tmp_path: Path) -> None:
    text = REBOUND_33 + "approved_by: 市委、市人民政府\nreason: 原因。\n"
    assert refused(with_events(tmp_path, {"2026-11-25-task33-rebound.yaml": text})) == [
        "data/events/2026-11-25-task33-rebound.yaml:8: approved_by: 'approved_by' 是延期整改记录的字段，问题反弹记录不填写；"
        "请删去这一行，或核对 'kind' 是否应为 延期整改",
        "data/events/2026-11-25-task33-rebound.yaml:9: reason: 'reason' 是延期整改记录的字段，问题反弹记录不填写；"
        "请删去这一行，或核对 'kind' 是否应为 延期整改",
    ]


def test_a_wrong_kind_is_one_problem_not_one_per_field(tmp_path: Path) -> None:
    text = REBOUND_33.replace("kind: 问题反弹", "kind: 反弹")
    (problem,) = refused(with_events(tmp_path, {"2026-11-25-task33-rebound.yaml": text}))
    assert problem.startswith("data/events/2026-11-25-task33-rebound.yaml:2: kind: ")


def test_a_file_name_without_the_dated_form_is_not_checked(tmp_path: Path) -> None:
    dataset, _ = load_dataset(with_events(tmp_path, {"rebound-ordos.yaml": REBOUND_33}))
    assert [r.id for r in dataset.records] == ["rebound-ordos"]


# --- extensions of closed-out parts ----------------------------------------------------------------


def test_an_extension_of_a_part_still_open_is_accepted(tmp_path: Path) -> None:
    text = EXTENSION_37.format(scope="乌审旗", date="2026-11-02")
    dataset, _ = load_dataset(with_events(tmp_path, {"2026-11-02-task37-extension.yaml": text}))
    assert [r.scope for r in dataset.records] == [("乌审旗",)]


def test_a_whole_task_extension_is_refused_only_when_every_part_is_closed_out(tmp_path: Path) -> None:
    whole_37 = EXTENSION_37.format(scope="", date="2026-11-02").replace("scope: []\n", "")
    dataset, _ = load_dataset(with_events(tmp_path / "a", {"2026-11-02-task37-extension.yaml": whole_37}))
    assert [r.scope for r in dataset.records] == [()]  # only 达拉特旗 and 准格尔旗 were closed out
    whole_33 = whole_37.replace("task: 37", "task: 33").replace("第37项", "第33项")
    assert refused(with_events(tmp_path / "b", {"2026-11-10-task33-extension.yaml": whole_33.replace("2026-11-02", "2026-11-10")})) == [
        "data/events/2026-11-10-task33-extension.yaml:3: date: 第33项整改任务在批复日期 2026-11-10 前已全部销号"
        "（2026-10-12-task33，2026-11-03 销号）；已销号的整改任务不再延期整改，请核对 'task' 和 'date'，或删除这个文件",
    ]


def test_a_rebound_reopens_a_closed_out_part_for_an_extension(tmp_path: Path) -> None:
    extension = EXTENSION_37.format(scope="达拉特旗", date="2026-11-10")
    rebound = (
        "task: 37\nkind: 问题反弹\nscope: [达拉特旗]\ndate: 2026-11-02\ndocument: 督办通知（示例）\n"
        "finding: 反弹。\nlimit: 2026-11-09\n"
    )
    alone = refused(with_events(tmp_path / "a", {"2026-11-10-task37-extension.yaml": extension}))
    assert alone == [
        "data/events/2026-11-10-task37-extension.yaml:4: date: 达拉特旗在批复日期 2026-11-10 前已经销号"
        "（2026-09-14-task37-dalate-zhungeer，2026-10-13 销号）；已销号的整改任务不再延期整改，请核对 'scope' 和 'date'，或删除这个文件",
    ]
    both = with_events(tmp_path / "b", {"2026-11-10-task37-extension.yaml": extension, "2026-11-02-task37-rebound.yaml": rebound})
    dataset, _ = load_dataset(both)
    assert sorted(r.id for r in dataset.records) == ["2026-11-02-task37-rebound", "2026-11-10-task37-extension"]


# --- rebounds: per 旗区, with a time limit, escalated when serious (附件 二（一）) ----------------------------


def test_a_rebound_past_its_limit_is_overdue_in_its_own_scope_only(tmp_path: Path) -> None:
    # Task 33 was closed out as a whole; the rebound names 鄂托克旗 and its 督办通知 sets 2027-03-31.
    dataset, calendar = load_dataset(with_events(tmp_path, {"2026-11-25-task33-rebound.yaml": REBOUND_33}))
    task = dataset.plans[0].task(33)
    within = status.snapshot(dataset, d("2027-03-31"), calendar)
    assert within.part_of(task, "鄂托克旗").state is TaskState.REBOUND
    after = status.snapshot(dataset, d("2027-04-01"), calendar)
    assert after.part_of(task, "鄂托克旗").state is TaskState.REBOUND_OVERDUE
    others = {p.banner: p.state for p in after.of(task).parts if p.banner != "鄂托克旗"}
    assert set(others.values()) == {TaskState.CLOSED_OUT}  # the other 旗区 stay closed out
    assert after.of(task).state is TaskState.REBOUND_OVERDUE  # and the task shows its worst part


def test_a_rebound_of_a_task_of_several_banners_names_its_banners(tmp_path: Path) -> None:
    text = REBOUND_33.replace("scope: [鄂托克旗]\n", "")
    assert refused(with_events(tmp_path, {"2026-11-25-task33-rebound.yaml": text})) == [
        "data/events/2026-11-25-task33-rebound.yaml:1: scope: 第33项整改任务涉及达拉特旗、鄂托克前旗、鄂托克旗、乌审旗；"
        "问题反弹请在 'scope' 中写明发现反弹的旗区（整项反弹请列出已销号的全部旗区），只有这些旗区重新整改",
    ]


def test_an_escalation_is_shown_with_the_rebound(tmp_path: Path) -> None:
    text = REBOUND_33 + "escalation:\n  date: 2026-11-27\n  document: 关于第33项整改任务问题反弹情况的报告（示例）\n"
    dataset, calendar = load_dataset(with_events(tmp_path, {"2026-11-25-task33-rebound.yaml": text}))
    (record,) = dataset.records
    assert record.rebound is not None and record.rebound.escalation is not None
    snap = status.snapshot(dataset, d("2026-11-28"), calendar)
    (event,) = [e for e in snap.events if ":event:" in e.guid]
    assert event.summary.endswith("情节严重，已于2026年11月27日报市生态环境保护委员会办公室（关于第33项整改任务问题反弹情况的报告（示例））。")
    task = dataset.plans[0].task(33)
    page = pages.generate(dataset, snap, SITE).content[f"plans/ordos-nmg-r2/tasks/{task.no}/index.md"]
    assert "报市生态环境保护委员会办公室" in page


def test_an_escalation_before_the_rebound_was_found_is_refused(tmp_path: Path) -> None:
    text = REBOUND_33 + "escalation:\n  date: 2026-11-24\n  document: 报告（示例）\n"
    assert refused(with_events(tmp_path, {"2026-11-25-task33-rebound.yaml": text})) == [
        "data/events/2026-11-25-task33-rebound.yaml:9: escalation.date: 报送日期 2026-11-24 早于发现反弹的日期 2026-11-25；"
        "请核对 'escalation' 的 'date'",
    ]


def test_a_rebound_in_a_report_is_an_error_before_it_is_published_and_a_warning_after(tmp_path: Path) -> None:
    from generator.load import dated_problems

    root = with_events(tmp_path, {})
    path = root / "data" / "progress" / "2026.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "  - task: 34\n",
        "    rebound:\n      found: 2026-11-20\n      finding: 反弹。\n      notice: 督办通知（示例）\n  - task: 34\n", 1,
    ), encoding="utf-8")
    dataset, _ = load_dataset(root)
    (before,) = dated_problems(dataset, d("2026-11-25"))
    assert not before.warning and before.field == "第33项.rebound"
    assert "请在 data/events/ 中新建 2026-11-20-task33.yaml" in before.message
    (after,) = dated_problems(dataset, d("2026-11-26"))
    assert after.warning and "已发布的报告不再修改" in after.message


# --- 回头看 (三、保障措施（一）) -------------------------------------------------------------------------------

REVIEW_33 = """\
task: 33
kind: 回头看
date: 2026-11-25
document: 市生态环境局“回头看”检查通报（示例）
result: {result}
"""


def test_a_review_is_an_event_of_the_task_and_changes_no_state(tmp_path: Path) -> None:
    dataset, calendar = load_dataset(with_events(tmp_path, {"2026-11-25-task33-review.yaml": REVIEW_33.format(result="巩固")}))
    snap = status.snapshot(dataset, d("2026-11-28"), calendar)
    task = dataset.plans[0].task(33)
    assert snap.of(task).state is TaskState.CLOSED_OUT
    (event,) = [e for e in snap.timeline(task) if e.kind == "review"]
    assert event.guid == "urn:gongshi:ordos-nmg-r2:event:2026-11-25-task33-review"
    assert event.summary == "市生态环境局“回头看”检查通报（示例）：整改成效得到巩固。"
    assert event in snap.events  # in the feeds too


def test_a_review_that_found_a_rebound_names_its_record(tmp_path: Path) -> None:
    files = {
        "2026-11-25-task33-review.yaml": REVIEW_33.format(result="2026-11-25-task33-rebound"),
        "2026-11-25-task33-rebound.yaml": REBOUND_33,
    }
    dataset, calendar = load_dataset(with_events(tmp_path / "a", files))
    (event,) = [e for e in status.snapshot(dataset, d("2026-11-28"), calendar).events if e.kind == "review"]
    assert "发现整改问题反弹（2026年11月25日：现场检查发现部分农户恢复燃煤取暖。）" in event.summary
    wrong = {"2026-11-25-task33-review.yaml": REVIEW_33.format(result="2026-11-24-task33-rebound")}
    assert refused(with_events(tmp_path / "b", wrong)) == [
        "data/events/2026-11-25-task33-review.yaml:1: result: 'result' 应为“巩固”，或“回头看”发现的问题反弹记录的文件名"
        "（不含 .yaml）；没有找到第33项整改任务在2026-11-25当天或之后发现的问题反弹记录“2026-11-24-task33-rebound”",
    ]


def test_a_review_of_a_task_not_closed_out_is_refused(tmp_path: Path) -> None:
    text = REVIEW_33.format(result="巩固").replace("task: 33", "task: 1")
    (line,) = refused(with_events(tmp_path, {"2026-11-25-task1-review.yaml": text}))
    assert line.startswith("data/events/2026-11-25-task1-review.yaml:3: date: 第1项整改任务（整项）在2026-11-25或之前没有销号记录")


def test_a_rebound_naming_a_part_never_closed_out_is_refused_as_in_a_yearly_report(tmp_path: Path) -> None:
    """task_events.closed_out_by, the one rule: each 旗区 a rebound names was closed out by the day it was found.

    Task 37's 达拉特旗 and 准格尔旗 were closed out on 2026-10-13, its 乌审旗 never: a rebound in 乌审旗 cannot be.
    """
    rebound = (
        "task: 37\nkind: 问题反弹\nscope: [达拉特旗, 乌审旗]\ndate: 2026-11-02\ndocument: 督办通知〔2026〕7号（示例）\n"
        "finding: 复查发现问题反弹。\nlimit: 2027-03-31\n"
    )
    assert refused(with_events(tmp_path / "p", {"2026-11-02-task37-rebound.yaml": rebound})) == [
        "data/events/2026-11-02-task37-rebound.yaml:4: date: 第37项整改任务（达拉特旗、乌审旗）在2026-11-02或之前没有销号记录；"
        "只有已销号的整改任务才会反弹，请核对发现日期和涉及的范围，或先在 data/notices/ 中记录销号"
    ]
    closed = rebound.replace("scope: [达拉特旗, 乌审旗]", "scope: [达拉特旗]")
    dataset, _ = load_dataset(with_events(tmp_path / "q", {"2026-11-02-task37-rebound.yaml": closed}))
    assert [r.scope for r in dataset.records] == [("达拉特旗",)]


REVIEW_37 = """\
task: 37
kind: 回头看
{scope}date: 2026-11-25
document: 市住建局“回头看”检查通报（示例）
result: 巩固
"""


def test_a_review_covers_its_scope_or_every_part_and_each_must_be_closed_out(tmp_path: Path) -> None:
    """三、保障措施（一）: 回头看 follows close-out. Task 37 is closed out only in 达拉特旗 and 准格尔旗:
    a review with no scope covers all eight 旗区, six of them open, and is refused naming them."""
    whole = {"2026-11-25-task37-review.yaml": REVIEW_37.format(scope="")}
    assert refused(with_events(tmp_path / "a", whole)) == [
        "data/events/2026-11-25-task37-review.yaml:3: date: 第37项整改任务的东胜区、鄂托克前旗、鄂托克旗、杭锦旗、乌审旗、"
        "伊金霍洛旗在2026-11-25或之前没有销号（或销号后发现问题反弹、尚未重新销号）；“回头看”只针对已销号的部分，"
        "请在 'scope' 中写明它涉及的已销号旗区（如 达拉特旗、准格尔旗）",
    ]
    mixed = {"2026-11-25-task37-review.yaml": REVIEW_37.format(scope="scope: [达拉特旗, 杭锦旗]\n")}
    (line,) = refused(with_events(tmp_path / "b", mixed))
    assert "第37项整改任务的杭锦旗在2026-11-25或之前没有销号" in line
    closed = {"2026-11-25-task37-review.yaml": REVIEW_37.format(scope="scope: [达拉特旗, 准格尔旗]\n")}
    dataset, _ = load_dataset(with_events(tmp_path / "c", closed))
    assert [r.scope for r in dataset.records if r.review is not None] == [("达拉特旗", "准格尔旗")]


def test_a_review_of_a_part_reopened_by_a_rebound_is_refused(tmp_path: Path) -> None:
    """Task 33 (closed out 2026-11-03) rebounds in 鄂托克旗 on 2026-11-25: a review of 鄂托克旗 after that is refused."""
    later = REVIEW_33.format(result="巩固").replace("date: 2026-11-25", "scope: [鄂托克旗]\ndate: 2026-11-26")
    files = {"2026-11-25-task33-rebound.yaml": REBOUND_33, "2026-11-26-task33-review.yaml": later}
    (line,) = refused(with_events(tmp_path / "a", files))
    assert line.startswith("data/events/2026-11-26-task33-review.yaml:4: date: 第33项整改任务（鄂托克旗）在2026-11-26或之前没有销号记录")
    elsewhere = later.replace("scope: [鄂托克旗]", "scope: [乌审旗]")
    files = {"2026-11-25-task33-rebound.yaml": REBOUND_33, "2026-11-26-task33-review.yaml": elsewhere}
    dataset, _ = load_dataset(with_events(tmp_path / "b", files))
    assert len([r for r in dataset.records if r.review is not None]) == 1
