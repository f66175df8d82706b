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
