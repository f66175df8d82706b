"""status: each notice's state on the dates before, at and after every boundary, and the task state it gives."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import data_tree

from generator import status
from generator.errors import DataError
from generator.load import load_dataset
from generator.model import Dataset
from generator.status import NoticeState, Snapshot, TaskState, TaskStatus
from generator.workcalendar import WorkCalendar

REPO = Path(__file__).resolve().parents[1]
PLAN = "ordos-nmg-r2"


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def notice(task: int, start: str, accepted: str, *, scope: tuple[str, ...] = (), extra: str = "") -> str:
    scope_text = "scope:\n" + "".join(f"  - {b}\n" for b in scope) if scope else ""
    unit = {24: "市生态环境局", 30: "市生态环境局", 37: "市住建局"}[task]
    return (
        f"task: {task}\n{scope_text}start: {start}\ncompletion: 已完成。\n"
        f"acceptance:\n  unit: {unit}\n  date: {accepted}\n  opinion: 同意验收销号。\n{extra}"
    )


def load(tmp_path: Path, notices: dict[str, str]) -> tuple[Dataset, WorkCalendar]:
    return load_dataset(data_tree(tmp_path, {f"{name}.yaml": text for name, text in notices.items()}))


def snap_on(loaded: tuple[Dataset, WorkCalendar], day: str) -> Snapshot:
    dataset, calendar = loaded
    return status.snapshot(dataset, d(day), calendar)


def task_of(snap: Snapshot, no: int) -> TaskStatus:
    return snap.tasks[(PLAN, no)]


def states(snap: Snapshot) -> dict[str, tuple[str, int]]:
    return {n.id: (n.state.value, n.workdays_left) for n in snap.notices}


@pytest.fixture
def plain(tmp_path: Path) -> tuple[Dataset, WorkCalendar]:
    """Task 24, window 2026-11-23 … 2026-12-04, closed out 2026-12-10."""
    return load(tmp_path, {"n": notice(24, "2026-11-23", "2026-11-18", extra="closed_out: 2026-12-10\n")})


LATE = "整改时限已过，尚无验收销号记录"


# Task 24's deadline (2025年12月底) has passed: until the close-out it is overdue (附件 二（二）:
# 未按时验收销号), while the notice's own stage shows in the state.
@pytest.mark.parametrize(
    ("day", "expected", "task"),
    [
        ("2026-11-22", {}, TaskStatus(TaskState.OVERDUE, LATE)),
        ("2026-11-23", {"n": ("公示中", 10)}, TaskStatus(TaskState.OVERDUE_IN_PUBLICITY, f"{LATE}；公示期至2026年12月4日")),
        ("2026-11-28", {"n": ("公示中", 5)}, TaskStatus(TaskState.OVERDUE_IN_PUBLICITY, f"{LATE}；公示期至2026年12月4日")),
        ("2026-12-04", {"n": ("公示中", 1)}, TaskStatus(TaskState.OVERDUE_IN_PUBLICITY, f"{LATE}；公示期至2026年12月4日")),
        ("2026-12-05", {"n": ("公示期满待销号", 0)},
         TaskStatus(TaskState.OVERDUE_AWAITING_CLOSE_OUT, f"{LATE}；公示期已于2026年12月4日届满，无异议，尚无销号记录")),
        ("2026-12-09", {"n": ("公示期满待销号", 0)},
         TaskStatus(TaskState.OVERDUE_AWAITING_CLOSE_OUT, f"{LATE}；公示期已于2026年12月4日届满，无异议，尚无销号记录")),
        ("2026-12-10", {"n": ("已销号", 0)}, TaskStatus(TaskState.CLOSED_OUT, "2026年12月10日销号")),
    ],
)
def test_lifecycle_without_objection(plain, day: str, expected: dict, task: TaskStatus) -> None:
    snap = snap_on(plain, day)
    assert states(snap) == expected
    assert task_of(snap, 24) == task


def test_queued_notice_is_nowhere_in_the_snapshot(plain) -> None:
    snap = snap_on(plain, "2026-11-22")
    assert snap.notices == () and snap.events == ()
    dataset, calendar = plain
    (queued,) = status.notice_statuses(dataset, calendar, d("2026-11-22"))
    assert (queued.state, queued.note, queued.workdays_left) == (NoticeState.QUEUED, "2026年11月23日开始公示", 10)


def test_window_across_the_2025_national_day_holiday(tmp_path: Path) -> None:
    """Working days 9-26, 9-28 (a worked Sunday), 9-29, 9-30, then 10-9 … 10-15 with 10-11 a worked Saturday."""
    loaded = load(tmp_path, {"n": notice(24, "2025-09-26", "2025-09-20")})
    (n,) = snap_on(loaded, "2025-09-26").notices
    assert n.window.end == d("2025-10-15")
    assert [w.isoformat() for w in n.window.workdays] == [
        "2025-09-26", "2025-09-28", "2025-09-29", "2025-09-30", "2025-10-09",
        "2025-10-10", "2025-10-11", "2025-10-13", "2025-10-14", "2025-10-15",
    ]
    assert states(snap_on(loaded, "2025-09-25")) == {}
    assert states(snap_on(loaded, "2025-09-27")) == {"n": ("公示中", 9)}
    assert states(snap_on(loaded, "2025-10-01")) == {"n": ("公示中", 6)}
    assert states(snap_on(loaded, "2025-10-08")) == {"n": ("公示中", 6)}
    assert states(snap_on(loaded, "2025-10-09")) == {"n": ("公示中", 6)}
    assert states(snap_on(loaded, "2025-10-15")) == {"n": ("公示中", 1)}
    assert states(snap_on(loaded, "2025-10-16")) == {"n": ("公示期满待销号", 0)}
    assert task_of(snap_on(loaded, "2025-10-16"), 24).state is TaskState.AWAITING_CLOSE_OUT  # before its deadline


UPHELD = """\
objections:
  - received: 2026-11-25
    summary: 群众反映工程未完工。
    outcome: upheld
    resolved: 2026-12-08
"""


def test_objection_pending_then_upheld_sends_the_task_back(tmp_path: Path) -> None:
    loaded = load(tmp_path, {"n": notice(24, "2026-11-23", "2026-11-18", extra=UPHELD)})
    assert states(snap_on(loaded, "2026-11-24")) == {"n": ("公示中", 9)}
    snap = snap_on(loaded, "2026-11-25")
    assert states(snap) == {"n": ("异议核实中", 8)}
    assert task_of(snap, 24) == TaskStatus(TaskState.OVERDUE_OBJECTION, f"{LATE}；2026年11月25日收到异议，正在核实")
    assert [n.running for n in snap.notices] == [True]
    snap = snap_on(loaded, "2026-12-07")
    assert states(snap) == {"n": ("异议核实中", 0)} and [n.running for n in snap.notices] == [False]
    snap = snap_on(loaded, "2026-12-08")
    assert states(snap) == {"n": ("异议成立", 0)}
    assert task_of(snap, 24) == TaskStatus(
        TaskState.OVERDUE, f"{LATE}；验收销号公示异议经核实成立（2026年12月8日），整改任务重新整改"
    )


def test_dismissed_objection_proceeds_as_if_none(tmp_path: Path) -> None:
    dismissed = UPHELD.replace("upheld", "dismissed").replace("2026-12-08", "2026-11-27")
    loaded = load(tmp_path, {"n": notice(24, "2026-11-23", "2026-11-18", extra=dismissed + "closed_out: 2026-12-07\n")})
    assert states(snap_on(loaded, "2026-11-26")) == {"n": ("异议核实中", 7)}
    assert states(snap_on(loaded, "2026-11-27")) == {"n": ("公示中", 6)}
    snap = snap_on(loaded, "2026-12-05")
    assert states(snap) == {"n": ("公示期满待销号", 0)}
    assert task_of(snap, 24).note == f"{LATE}；公示期已于2026年12月4日届满，异议经核实不成立，尚无销号记录"
    assert states(snap_on(loaded, "2026-12-07")) == {"n": ("已销号", 0)}


def test_objection_decided_after_the_window_ends(tmp_path: Path) -> None:
    late = UPHELD.replace("upheld", "dismissed").replace("2026-11-25", "2026-12-01").replace("2026-12-08", "2026-12-09")
    loaded = load(tmp_path, {"n": notice(24, "2026-11-23", "2026-11-18", extra=late)})
    assert states(snap_on(loaded, "2026-12-05")) == {"n": ("异议核实中", 0)}
    assert states(snap_on(loaded, "2026-12-09")) == {"n": ("公示期满待销号", 0)}


def test_a_later_notice_decides_after_an_upheld_one(tmp_path: Path) -> None:
    loaded = load(tmp_path, {
        "a": notice(24, "2026-11-23", "2026-11-18", extra=UPHELD),
        "b": notice(24, "2026-12-14", "2026-12-10"),
    })
    assert task_of(snap_on(loaded, "2026-12-11"), 24).state is TaskState.OVERDUE
    snap = snap_on(loaded, "2026-12-14")
    assert states(snap) == {"a": ("异议成立", 0), "b": ("公示中", 10)}
    assert task_of(snap, 24) == TaskStatus(TaskState.OVERDUE_IN_PUBLICITY, f"{LATE}；公示期至2026年12月25日")


def test_per_banner_notices_close_out_the_task_only_when_every_banner_is(tmp_path: Path) -> None:
    """Task 30 names 达拉特旗 and 伊金霍洛旗; its deadline (2026年6月底) has passed."""
    loaded = load(tmp_path, {
        "a": notice(30, "2026-11-02", "2026-10-28", scope=("达拉特旗",), extra="closed_out: 2026-11-20\n"),
        "b": notice(30, "2026-11-23", "2026-11-18", scope=("伊金霍洛旗",), extra="closed_out: 2026-12-10\n"),
    })
    def parts(day: str) -> dict[str, str]:
        return {p.banner: p.state.code for p in task_of(snap_on(loaded, day), 30).parts}

    assert task_of(snap_on(loaded, "2026-11-02"), 30) == TaskStatus(
        TaskState.OVERDUE, "逾期未完成整改（伊金霍洛旗）；逾期，公示中（达拉特旗）"
    )
    assert parts("2026-11-02") == {"达拉特旗": "overdue_in_publicity", "伊金霍洛旗": "overdue"}
    assert parts("2026-11-16") == {"达拉特旗": "overdue_awaiting_close_out", "伊金霍洛旗": "overdue"}
    assert task_of(snap_on(loaded, "2026-11-20"), 30) == TaskStatus(
        TaskState.OVERDUE, "逾期未完成整改（伊金霍洛旗）；已销号（达拉特旗）"
    )
    # The closed-out part stays closed out; the other part's own notice decides it.
    assert parts("2026-11-23") == {"达拉特旗": "closed_out", "伊金霍洛旗": "overdue_in_publicity"}
    assert task_of(snap_on(loaded, "2026-12-09"), 30).state is TaskState.OVERDUE_AWAITING_CLOSE_OUT
    assert task_of(snap_on(loaded, "2026-12-10"), 30) == TaskStatus(TaskState.CLOSED_OUT, "各旗区分别验收销号")
    assert {p.banner: p.notice_id for p in task_of(snap_on(loaded, "2026-12-10"), 30).parts} == {
        "达拉特旗": "a", "伊金霍洛旗": "b"
    }


def test_events_newest_first_only_up_to_the_date(tmp_path: Path) -> None:
    dismissed = UPHELD.replace("upheld", "dismissed").replace("2026-12-08", "2026-11-27")
    loaded = load(tmp_path, {
        "n": notice(24, "2026-11-23", "2026-11-18", extra=dismissed + "closed_out: 2026-12-10\n"),
        "m": notice(37, "2026-11-16", "2026-11-10", scope=("杭锦旗", "鄂托克旗")),
    })
    urn = f"urn:gongshi:{PLAN}:notice"
    got = [(e.date.isoformat(), e.guid, e.title) for e in snap_on(loaded, "2026-12-10").events]
    assert got == [
        ("2026-12-10", f"{urn}:n:closed-out", "第24项 小流域再生水循环利用工程（伊金霍洛旗）已销号"),
        ("2026-12-05", f"{urn}:n:expired", "第24项 小流域再生水循环利用工程（伊金霍洛旗）验收销号公示期满，异议经核实不成立"),
        ("2026-11-28", f"{urn}:m:expired", "第37项 农村生活垃圾填埋场运行管理不规范（鄂托克旗、杭锦旗）验收销号公示期满无异议"),
        ("2026-11-27", f"{urn}:n:decided-1", "第24项 小流域再生水循环利用工程（伊金霍洛旗）验收销号公示异议经核实不成立"),
        ("2026-11-25", f"{urn}:n:objection-1", "第24项 小流域再生水循环利用工程（伊金霍洛旗）验收销号公示收到异议"),
        ("2026-11-23", f"{urn}:n:open", "第24项 小流域再生水循环利用工程（伊金霍洛旗）验收销号公示"),
        ("2026-11-16", f"{urn}:m:open", "第37项 农村生活垃圾填埋场运行管理不规范（鄂托克旗、杭锦旗）验收销号公示"),
    ]
    events = snap_on(loaded, "2026-11-25").events
    assert [e.guid for e in events] == [f"{urn}:n:objection-1", f"{urn}:n:open", f"{urn}:m:open"]
    opened = events[1]
    assert (opened.kind, opened.url, opened.plan_id, opened.task_no, opened.banners) == (
        "notice-open", "notices/n/", PLAN, 24, ("伊金霍洛旗",)
    )
    assert opened.summary == "公示期：2026年11月23日至2026年12月4日（共10个工作日）。公示期内可通过公示页面所列方式提出异议。"
    assert events[2].banners == ("鄂托克旗", "杭锦旗")
    task_events = snap_on(loaded, "2026-11-25").events_of(loaded[0].plans[0].task(24))
    assert [e.guid for e in task_events] == [f"{urn}:n:open", f"{urn}:n:objection-1"]


def test_same_data_and_date_give_the_same_snapshot(plain) -> None:
    assert snap_on(plain, "2026-12-05") == snap_on(plain, "2026-12-05")


def test_shipped_examples_cover_every_state_on_2026_11_28() -> None:
    dataset, calendar = load_dataset(REPO)
    every = {n.id: n.state.value for n in status.notice_statuses(dataset, calendar, d("2026-11-28"))}
    assert every == {
        "2026-09-14-task37-dalate-zhungeer": "已销号",
        "2026-10-12-task33": "已销号",
        "2026-10-19-task30": "异议成立",
        "2026-11-02-task28": "公示期满待销号",
        "2026-11-16-task37-etuoke-hangjin": "异议核实中",
        "2026-11-23-task24": "公示中",
        "2026-12-07-task7": "待公示",
    }
    queued = status.notice_statuses(dataset, calendar, d("2026-11-28"))[-1]
    assert queued.window.end <= d("2026-12-31")
    snap = status.snapshot(dataset, d("2026-11-28"), calendar)
    assert task_of(snap, 37) == TaskStatus(
        TaskState.OVERDUE,
        "逾期未完成整改（东胜区、鄂托克前旗、乌审旗、伊金霍洛旗）；逾期，异议核实中（鄂托克旗、杭锦旗）；已销号（达拉特旗、准格尔旗）",
    )


# ------------------------------------------------------------------ the plan's rules (issue 21)


@pytest.mark.parametrize(
    ("report", "expected"),
    [
        (None, TaskState.MILESTONE_OVERDUE),  # no report since the date
        ("进展滞后", TaskState.MILESTONE_OVERDUE),
        ("达到序时进度", TaskState.MILESTONE_OVERDUE),
        ("已完成", TaskState.COMPLETED_OVERDUE),  # done but never accepted: 未按时验收销号
    ],
)
def test_a_milestone_past_its_date_with_no_close_out_is_overdue_whatever_the_report(
    tmp_path: Path, report: str | None, expected: TaskState
) -> None:
    """Task 3: 2025年12月底取得阶段性成效，长期坚持 (三、保障措施（二）: 未按时验收销号 is a failing)."""
    reports = {"2026.yaml": f"published: 2026-03-02\ntasks:\n  - task: 3\n    status: {report}\n    measures:\n      - no: 1\n        progress: 推进。\n"} if report else {}
    dataset, calendar = load_dataset(data_tree(tmp_path, {}, reports))
    st = status.snapshot(dataset, d("2026-06-01"), calendar).of(dataset.plans[0].task(3))
    assert st.state is expected and st.state.overdue
    assert ("2026年度整改进展" in st.note) == (report is not None)
    # Before the date it is on schedule; tasks with no date are never overdue by date.
    early = status.snapshot(dataset, d("2025-12-31"), calendar)
    assert not early.of(dataset.plans[0].task(3)).state.overdue
    undated = [t for t in dataset.plans[0].tasks if t.deadline.date is None]
    assert undated and not any(status.snapshot(dataset, d("2030-12-31"), calendar).of(t).state.overdue for t in undated)
    assert not [a for a in status.approaching(early, undated)]


def test_a_measure_date_within_60_days_marks_every_open_part_of_its_task(tmp_path: Path) -> None:
    """Task 32 is due 2027-12-31, but its measure 二是 is due 2026年12月底前 (附件 二（二）: 预判 each date)."""
    dataset, calendar = load_dataset(data_tree(tmp_path, {}))
    task = dataset.plans[0].task(32)
    assert task.deadline.date == d("2027-12-31") and (2, "2026年12月底前") in [(n, m.text) for n, m in task.dated_measures()]

    def near(day: str, under_way: tuple[tuple[str, int, str], ...] = ()) -> list[status.Approaching]:
        return status.approaching(status.snapshot(dataset, d(day), calendar), [task], under_way=under_way)

    (a,) = near("2026-11-01")  # 60 days before
    assert (a.due, a.days, a.close_out, a.measures) == (d("2026-12-31"), 60, False, ((2, "2026年12月底前"),))
    assert a.banners == task.banners and len(a.banners) > 1  # every open part, not one 旗区
    assert near("2026-10-31") == [] and near("2027-01-01") == []  # 61 days before; the date has passed
    # A notice under way for one part takes that part off; the others stay.
    (a,) = near("2026-11-01", ((PLAN, 32, task.banners[0]),))
    assert a.banners == task.banners[1:]
    # Task 36's close-out date and its measure 四是 fall on the same day: one item, saying both.
    (both,) = status.approaching(status.snapshot(dataset, d("2026-11-28"), calendar), [dataset.plans[0].task(36)])
    assert (both.close_out, both.measures) == (True, ((4, "2026年底前"),))
    assert status.approaching_tasks([a, a, both]) == 2


def test_a_task_with_no_date_is_never_approaching_even_with_measure_dates(tmp_path: Path) -> None:
    """Deliverable 1: tasks with no date (立行立改，长期坚持) are never 临近时限. Task 31's first measure says
    2025年1月底前; it stays a 时间节点 of the task, but the task is not warned about."""
    dataset, calendar = load_dataset(data_tree(tmp_path, {}))
    task = dataset.plans[0].task(31)
    assert task.deadline.date is None and task.deadline.text == "立行立改，长期坚持"
    assert [(n, m.date) for n, m in task.dated_measures()][:1] == [(1, d("2025-01-31"))]  # still shown as 时间节点
    snap = status.snapshot(dataset, d("2024-12-20"), calendar)
    assert status.approaching(snap, [task]) == []
    assert status.upcoming_dates(task, "", []) == []


def test_no_later_notice_reopens_a_closed_part_without_a_rebound(tmp_path: Path) -> None:
    """Task 37: 达拉特旗 closed out 2026-10-13; a whole-task notice later covers only the 旗区 still open."""
    closed = notice(37, "2026-09-14", "2026-09-08", scope=("达拉特旗",), extra="closed_out: 2026-10-13\n")
    whole = notice(37, "2026-11-02", "2026-10-28")
    loaded = load(tmp_path / "a", {"2026-09-14-task37-dalate": closed, "2026-11-02-task37": whole})
    snap = snap_on(loaded, "2026-11-10")
    parts = {p.banner: p.state for p in task_of(snap, 37).parts}
    assert parts["达拉特旗"] is TaskState.CLOSED_OUT and parts["东胜区"] is TaskState.OVERDUE_IN_PUBLICITY
    (later,) = [n for n in snap.notices if n.id == "2026-11-02-task37"]
    assert "达拉特旗" not in later.banners and "东胜区" in later.banners
    # Naming the closed part in a scope is refused, naming the close-out notice.
    named = notice(37, "2026-11-02", "2026-10-28", scope=("东胜区", "达拉特旗"))
    with pytest.raises(DataError) as refused:
        load(tmp_path / "b", {"2026-09-14-task37-dalate": closed, "2026-11-02-task37-dongsheng-dalate": named})
    assert [p.field for p in refused.value.problems] == ["scope"]
    assert "2026-09-14-task37-dalate" in refused.value.problems[0].message and "达拉特旗" in refused.value.problems[0].message


def test_the_home_page_badges_a_running_notice_with_the_counts_state(tmp_path: Path) -> None:
    loaded = load(tmp_path, {"n": notice(24, "2026-11-23", "2026-11-18")})
    snap = snap_on(loaded, "2026-11-25")
    (n,) = snap.notices
    assert n.state is NoticeState.OPEN and snap.decided_by(n).state is TaskState.OVERDUE_IN_PUBLICITY
