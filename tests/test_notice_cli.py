"""`gongshi notice new` and `gongshi notice list`: exact lines, exit codes, and never overwriting."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.cli import main

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(REPO / "data" / "site.yaml", data / "site.yaml")
    shutil.copytree(REPO / "data" / "plans", data / "plans")
    return tmp_path


def run(root: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--root", str(root), "notice", *args])


def test_new_writes_a_draft_and_prints_the_window(root: Path) -> None:
    result = run(root, "new", "--task", "37", "--start", "2026-12-07", "--scope", "杭锦旗", "--scope", "达拉特旗")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "wrote data/notices/2026-12-07-task37-dalate-hangjin.yaml",
        "publicity period: 2026-12-07 to 2026-12-18 (10 working days)",
        "working days: 2026-12-07 2026-12-08 2026-12-09 2026-12-10 2026-12-11 "
        "2026-12-14 2026-12-15 2026-12-16 2026-12-17 2026-12-18",
        "next: fill in the fields marked 待填写, then run gongshi check",
    ]
    text = (root / "data" / "notices" / "2026-12-07-task37-dalate-hangjin.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[:11] == [
        "# 第37项整改任务验收销号公示（达拉特旗、杭锦旗）",
        "# 由 gongshi notice new 生成。填写下面所有空着的字段（待填写）后，运行 gongshi check 检查。",
        "# 公示期：2026年12月7日至2026年12月18日（共10个工作日），按国务院办公厅节假日安排计算。",
        "# 开始日期之前，本公示不会出现在网站上。",
        "plan: ordos-nmg-r2",
        "task: 37",
        "# 本次公示涉及的旗区（分旗区验收时填写；删去本字段即为整项任务）",
        "scope:",
        "  - 达拉特旗",
        "  - 杭锦旗",
        "# 公示开始日期（工作日）",
    ]
    assert "  unit: 市住建局" in text.splitlines()


def test_new_whole_task_file_name(root: Path) -> None:
    result = run(root, "new", "--task", "7", "--start", "2026-12-07")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "wrote data/notices/2026-12-07-task7.yaml"


def test_new_never_overwrites(root: Path) -> None:
    target = root / "data" / "notices" / "2026-12-07-task7.yaml"
    target.parent.mkdir()
    target.write_text("# 已填写的公示\n", encoding="utf-8")
    result = run(root, "new", "--task", "7", "--start", "2026-12-07")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "data/notices/2026-12-07-task7.yaml: already exists; edit it, or choose another --start or --scope",
    ]
    assert target.read_text(encoding="utf-8") == "# 已填写的公示\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--task", "7", "--start", "2026-12-05"),
         "--start: 2026-12-05 (Saturday) is not a working day; the next working day is 2026-12-07"),
        (("--task", "7", "--start", "2026-10-01"),
         "--start: 2026-10-01 (Thursday) is not a working day; the next working day is 2026-10-08"),
        (("--task", "41", "--start", "2026-12-07"),
         "--task: plan ordos-nmg-r2 has no task 41 (its tasks: 1–40)"),
        (("--task", "7", "--start", "2026-12-07", "--scope", "杭锦旗"),
         "--scope: '杭锦旗' is not a 旗区 of task 7 (its 旗区: 鄂托克前旗)"),
        (("--task", "7", "--start", "2026-12-07", "--scope", "鄂托克前"),
         "--scope: unknown 旗区 '鄂托克前' (plan ordos-nmg-r2's 旗区: 东胜区、康巴什区、达拉特旗、准格尔旗、"
         "鄂托克前旗、鄂托克旗、杭锦旗、乌审旗、伊金霍洛旗)"),
        (("--task", "7", "--start", "2026-12-07", "--plan", "other"),
         "--plan: unknown plan 'other' (plans: ordos-nmg-r2)"),
        (("--task", "7", "--start", "2026-12-21"),
         "--start: no official working-day calendar for 2027: chinese-calendar knows 2004–2026; add "
         "data/calendar/2027.yaml from the State Council's holiday notice (国务院办公厅关于2027年部分节假日安排的通知)"),
        (("--task", "7", "--start", "2026-12-7"),
         "--start: expected a date (YYYY-MM-DD), got '2026-12-7'"),
    ],
)
def test_new_refuses(root: Path, args: tuple[str, ...], message: str) -> None:
    result = run(root, "new", *args)
    assert (result.exit_code, result.stderr.splitlines()) == (1, [message])
    assert not (root / "data" / "notices").exists()


def test_list_prints_the_queue_in_sections(root: Path) -> None:
    shutil.copytree(REPO / "data" / "notices", root / "data" / "notices")
    result = run(root, "list", "--as-of", "2026-11-28")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "as of 2026-11-28",
        "queued (not on the site before its start):",
        "  2026-12-07-task7  第7项整改任务验收销号公示  starts 2026-12-07, ends 2026-12-18",
        "open:",
        "  2026-11-23-task24  第24项整改任务验收销号公示  ends 2026-12-04, 5 working day(s) left",
        "ended, awaiting a close-out record:",
        "  2026-11-02-task28  第28项整改任务验收销号公示  ended 2026-11-13",
        "objections pending:",
        "  2026-11-16-task37-etuoke-hangjin  第37项整改任务验收销号公示（鄂托克旗、杭锦旗）  received 2026-11-24",
    ]


def test_list_with_nothing_to_do(root: Path) -> None:
    result = run(root, "list", "--as-of", "2026-11-28")
    assert result.stdout.splitlines() == [
        "as of 2026-11-28",
        "queued (not on the site before its start):",
        "  none",
        "open:",
        "  none",
        "ended, awaiting a close-out record:",
        "  none",
        "objections pending:",
        "  none",
    ]


def test_list_reports_broken_notices_one_per_line(root: Path) -> None:
    (root / "data" / "notices").mkdir()
    (root / "data" / "notices" / "a.yaml").write_text("task: 99\n", encoding="utf-8")
    result = run(root, "list", "--as-of", "2026-11-28")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "data/notices/a.yaml:1: acceptance: required field is missing",
        "data/notices/a.yaml:1: completion: required field is missing",
        "data/notices/a.yaml:1: start: required field is missing",
        "data/notices/a.yaml:1: task: plan ordos-nmg-r2 has no task 99 (its tasks: 1–40)",
    ]
