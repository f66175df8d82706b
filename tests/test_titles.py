"""titles.py: a notice's title says what (the task's own short title) and where (its 旗区, or 全市)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import REPO, data_tree

from generator import status, titles
from generator.load import load_dataset

NOTICE = """\
task: {task}
start: 2026-11-23
{scope}completion: 已完成。
acceptance:
  unit: {unit}
  date: 2026-11-18
  opinion: 同意验收销号。
"""


def _snapshot(root: Path):
    dataset, calendar = load_dataset(root)
    snap = status.snapshot(dataset, dt.date(2026, 11, 28), calendar)
    return dataset, {n.notice.task_no: n for n in snap.notices}


def test_a_title_names_the_task_in_its_own_words_and_where_the_notice_is(tmp_path: Path) -> None:
    root = data_tree(tmp_path, {
        "2026-11-23-task7.yaml": NOTICE.format(task=7, scope="", unit="市住建局"),
        "2026-11-23-task40.yaml": NOTICE.format(task=40, scope="", unit="市住建局"),
        "2026-11-23-task37-etuoke.yaml": NOTICE.format(task=37, scope="scope:\n  - 鄂托克旗\n", unit="市住建局"),
    })
    _, by_task = _snapshot(root)
    # The whole of a task one 旗区 carries names it; a task of 各旗区 is the whole city's; a scope names its 旗区.
    assert by_task[7].title == "第7项 餐厨垃圾处理设施建设（鄂托克前旗）验收销号公示"
    assert by_task[40].title == "第40项 违规倾倒建筑垃圾（全市）验收销号公示"
    assert by_task[37].title == "第37项 农村生活垃圾填埋场运行管理不规范（鄂托克旗）验收销号公示"
    # The formal name, for a letter about the notice, and a draft's header, are the plan's words alone.
    assert titles.notice_formal_title(by_task[37].notice) == "第37项整改任务验收销号公示（鄂托克旗）"
    assert titles.notice_formal_title(by_task[7].notice) == "第7项整改任务验收销号公示"


def test_a_plan_without_titles_falls_back_to_the_task_number(tmp_path: Path) -> None:
    root = data_tree(tmp_path, {"2026-11-23-task7.yaml": NOTICE.format(task=7, scope="", unit="市住建局")})
    tasks = root / "data" / "plans" / "ordos-nmg-r2" / "tasks.yaml"
    text = tasks.read_text(encoding="utf-8")
    tasks.write_text("\n".join(line for line in text.split("\n") if not line.startswith("    title:")), encoding="utf-8")
    dataset, by_task = _snapshot(root)
    task = dataset.plans[0].task(7)
    assert task is not None and task.title is None
    assert titles.task_name(task) == "第7项整改任务"
    assert by_task[7].title == "第7项整改任务（鄂托克前旗）验收销号公示"


def test_every_shipped_task_has_a_short_title_of_its_own_words() -> None:
    dataset, _ = load_dataset(REPO)
    plan = dataset.plans[0]
    headings = {p.no: p.title for c in plan.chapters for p in c.problems}
    shipped = [t.title for t in plan.tasks]
    assert len(shipped) == 40 and all(shipped) and len(set(shipped)) == 40
    for t in plan.tasks:
        assert t.title and len(t.title) <= 20
        assert any(t.title in text for text in (t.problem, t.goal, headings[t.problem_no])), t.no


def test_a_whole_task_notice_after_partial_close_outs_names_the_banners_it_covers(tmp_path: Path) -> None:
    """Issue 24 deliverable 2: 「第N项 <title>（<the open 旗区 the notice covers, or 全市>）验收销号公示」.

    Task 37's 达拉特旗 and 准格尔旗 were closed out on 2026-10-13; a notice with no scope
    starting 2026-12-14 covers the six 旗区 still open, and every title of it says so.
    """
    from generator import pages
    from generator.feed_events import guid_notice

    whole = NOTICE.format(task=37, scope="", unit="市住建局").replace("2026-11-23", "2026-12-14").replace(
        "2026-11-18", "2026-12-09") + "approved: 2026-12-10\n"
    root = data_tree(tmp_path, {
        "2026-09-14-task37-dalate-zhungeer.yaml": (REPO / "data/notices/2026-09-14-task37-dalate-zhungeer.yaml").read_text(
            encoding="utf-8"),
        "2026-12-14-task37.yaml": whole,
    })
    dataset, calendar = load_dataset(root)
    snap = status.snapshot(dataset, dt.date(2026, 12, 15), calendar)
    (later,) = [n for n in snap.notices if n.id == "2026-12-14-task37"]
    expected_names = "东胜区、鄂托克前旗、鄂托克旗、杭锦旗、乌审旗、伊金霍洛旗"  # 8 旗区 (not 康巴什区) but the two closed
    title = f"第37项 农村生活垃圾填埋场运行管理不规范（{expected_names}）验收销号公示"
    assert later.title == title
    out = pages.generate(dataset, snap, "https://example.gov.cn/").content
    assert title in out["notices/2026-12-14-task37/index.md"]
    assert "（全市）" not in out["notices/2026-12-14-task37/index.md"]
    assert f"<title>{title}</title>" in out["feed.xml"]
    assert f"<guid isPermaLink=\"false\">{guid_notice('ordos-nmg-r2', '2026-12-14-task37', 'open')}</guid>" in out["feed.xml"]
    assert "（全市）验收销号公示" not in out["feed.xml"] + out["notices.ics"] + out["index.md"]
    assert f"（{expected_names}）验收销号公示" in out["index.md"]  # the 正在公示 list
    unfolded = out["notices.ics"].replace("\r\n ", "")
    assert "第37项 农村生活垃圾填埋场运行管理不规范（" + expected_names + "）" in unfolded
