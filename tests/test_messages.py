"""Every word gongshi prints is Chinese: English must not creep back into help, progress or errors.

What may stay in Latin letters: YAML field names and values the officer typed
(quoted), file paths and names, option names, command names, URLs, the
date form YYYY-MM-DD and a few product names (YAML, UTF-8, Word…).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from conftest import AS_OF, COUNTY_PLAN, REPO, county_notice, county_tree

from generator import messages
from generator.asof import epoch_of
from generator.cli import main

PRODUCTS = {"YAML", "UTF", "GBK", "Word", "Excel", "WPS", "Windows", "Unicode", "JSON", "Pagefind", "MkDocs", "chinese", "calendar",
            "YYYY", "MM", "DD", "true", "false", "pip", "install", "pagefind", "bin", "extended", "exit",
            "SOURCE_DATE_EPOCH", "make", "site", "AS_OF", "mkdocs"}  # commands an officer types: make site, mkdocs build
PREFIX = re.compile(r"^\S+:\d+: (?:警告：)?(?:[\w.\[\]]+: )?")
QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|\{[^{}]*\}")
# Paths, option names, URLs, and ids written as slugs (plan ids, notice file names: 2026-12-07-task7).
PATHISH = re.compile(r"\S*[/.\\]\S*|(?<!\w)--?[a-z-]+|https?://\S+|\b[a-z0-9]+(?:-[a-z0-9]+)+\b")


def _commands(command: click.Command, path: tuple[str, ...]) -> list[tuple[str, ...]]:
    found = [path]
    if isinstance(command, click.Group):
        for name, sub in sorted(command.commands.items()):
            found += _commands(sub, path + (name,))
    return found


COMMANDS = _commands(main, ())
COMMAND_WORDS = {"gongshi"} | {word for path in COMMANDS for word in path}


def english(line: str) -> list[str]:
    """Runs of 3+ Latin letters left once quoted values, paths, options and product names are taken out."""
    text = PATHISH.sub(" ", QUOTED.sub(" ", PREFIX.sub("", line)))
    return [w for w in re.findall(r"[A-Za-z_]{3,}", text) if w not in PRODUCTS and w not in COMMAND_WORDS]


def _catalogue() -> list[str]:
    found: list[str] = []
    for name, value in vars(messages).items():
        if name.startswith("_"):
            continue
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, dict):
            found += [v for v in value.values() if isinstance(v, str)]
        elif isinstance(value, tuple):
            found += [v for v in value if isinstance(v, str)]
    return found


def test_the_catalogue_is_chinese() -> None:
    assert len(_catalogue()) > 150
    assert {text: english(text) for text in _catalogue() if english(text)} == {}


def test_the_filter_sees_english() -> None:
    assert english("data/x.yaml:3: start: expected a date (YYYY-MM-DD), got '2026/12/1'") == [
        "expected", "date", "got"
    ]
    assert english("data/x.yaml:3: start: 日期请写作 2026-12-01，不要写作 '2026/12/1'") == []


@pytest.mark.parametrize("path", COMMANDS, ids=[" ".join(p) or "gongshi" for p in COMMANDS])
def test_help_is_chinese(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(main, prog_name="gongshi", args=[*path, "--help"])
    assert result.exit_code == 0
    assert "用法：" in result.output and "显示本帮助并退出。" in result.output
    assert [line for line in result.output.splitlines() if english(line)] == []


def test_help_names_sub_units_as_every_plan_may_call_them() -> None:
    """--help is the same whatever the site's plans call their sub-units (subunit_word): 旗县（市、区）, never 旗区 alone."""
    from generator.schema import SUBUNIT_WORD, SUBUNIT_WORD_SEVERAL

    said = {path: CliRunner().invoke(main, prog_name="gongshi", args=[*path, "--help"]).output for path in COMMANDS}
    assert [path for path, text in said.items() if SUBUNIT_WORD in text] == []
    for path in (("notice", "new"), ("forms",), ("progress", "template")):
        assert f"--scope {SUBUNIT_WORD_SEVERAL}" in said[path], path


@pytest.fixture(scope="module")
def mistaken_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped data with a notice that has several mistakes, and nothing else changed."""
    root = tmp_path_factory.mktemp("project")
    shutil.copytree(REPO / "data", root / "data")
    (root / "data" / "notices" / "2026-12-14-task9.yaml").write_text(
        """\
plan: ordos-nmg-r2
task: 9
start: 2026/12/14
completion: 已完成。
acceptence:
  unit: 市交通运输局
  date: 2026年12月10日
objections:
  - received: 2026-12-15
    summary: 甲。
    outcome: 成立
""",
        encoding="utf-8",
    )
    return root


FAILING = [
    ["check"],
    ["build", "--as-of", "2026.11.30"],
    ["notice", "new"],
    ["notice", "new", "--task", "x", "--start", "2026-12-07"],
    ["notice", "new", "--task", "99", "--start", "2026-12-07"],
    ["notice", "new", "--task", "7", "--start", "2026-12-05"],
    ["notice", "new", "--task", "7", "--start", "2026-12-07", "--scope", "杭锦"],
    ["notice", "new", "--task", "7", "--start", "2026-12-07", "--plan", "其他"],
    ["notice", "list", "--as-of", "明天"],
    ["workdays", "2026/12/1"],
    ["workdays", "2026-12-01", "--days", "0"],
    ["export", "tasks", "--bogus"],
    ["nonsense"],
]


@pytest.mark.parametrize("args", FAILING, ids=[" ".join(a) for a in FAILING])
def test_errors_are_chinese(mistaken_project: Path, args: list[str]) -> None:
    result = CliRunner().invoke(main, prog_name="gongshi", args=["--root", str(mistaken_project), *args])
    assert result.exit_code != 0 and "Traceback" not in result.output
    lines = result.output.splitlines()
    assert lines
    assert [line for line in lines if english(line)] == []


def test_progress_lines_are_chinese(tmp_path: Path) -> None:
    shutil.copytree(REPO / "data", tmp_path / "data")
    runner = CliRunner()
    for args in (
        ["check"],
        ["workdays", "2026-12-01"],
        ["notice", "list", "--as-of", "2026-11-30"],
        ["notice", "new", "--task", "5", "--start", "2026-12-07"],
    ):
        result = runner.invoke(main, prog_name="gongshi", args=["--root", str(tmp_path), *args])
        assert result.exit_code == 0, result.output
        assert [line for line in result.output.splitlines() if english(line)] == [], args


def test_every_corpus_message_is_chinese() -> None:
    """The bad-input corpus holds what `gongshi check` prints for ~80 broken trees."""
    lines = [
        line
        for expected in sorted((REPO / "tests" / "corpus").glob("*/expected.txt"))
        for line in expected.read_text(encoding="utf-8").splitlines()
    ]
    assert len(lines) > 80
    assert [line for line in lines if english(line)] == []


@pytest.mark.e2e
def test_what_mkdocs_reports_is_framed_in_chinese(tmp_path: Path) -> None:
    from conftest import copy_project

    root = copy_project(tmp_path / "project")
    (root / "content" / "about2").mkdir(parents=True)
    (root / "content" / "about2" / "index.md").write_text("# 手写页面\n\n[链接](../nothere.md)\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, prog_name="gongshi",
        args=["--root", str(root), "build", "--preview", "--as-of", "2026-11-30", "--site-dir", str(tmp_path / "site")],
    )
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "MkDocs 报告：页面 'about2/index.md' 中的链接 '../nothere.md' 指向不存在的页面",
        "生成网站失败：MkDocs 发现 1 个问题（见上），原网站保持不变",
    ]
    assert not (tmp_path / "site").exists()


def test_refusals_about_sub_units_use_the_plans_word(tmp_path: Path) -> None:
    """A plan of 县（市、区）: a rebound without scope, a notice naming a closed-out one, a too-long title."""
    root = county_tree(tmp_path)
    data = root / "data"
    (data / "notices" / "2026-11-16-task2-yaodu.yaml").write_text(
        county_notice(2, "2026-11-16", "2026-12-01", "尧都区"), encoding="utf-8")
    (data / "events").mkdir()
    (data / "events" / "2026-11-25-task2-rebound.yaml").write_text(
        f"plan: {COUNTY_PLAN}\ntask: 2\nkind: 问题反弹\ndate: 2026-11-25\ndocument: 市生态环境局督办通知〔2026〕9号\n"
        "finding: 现场检查发现黑臭水体反弹。\nlimit: 2027-03-31\n", encoding="utf-8")
    env = {"SOURCE_DATE_EPOCH": str(epoch_of(AS_OF)), "GONGSHI_AS_OF": None}
    result = CliRunner().invoke(main, ["--root", str(root), "check"], env=env)
    assert result.exit_code == 1
    said = result.stderr
    assert "写明发现反弹的县（市、区）（整项反弹请列出已销号的全部县（市、区）），只有这些县（市、区）重新整改" in said
    assert "已销号的县（市、区）不再公示" in said
    tasks = data / "plans" / COUNTY_PLAN / "tasks.yaml"  # a plan's own errors are reported alone, so a second run
    tasks.write_text(tasks.read_text(encoding="utf-8").replace(
        "  problem_no: 2\n", "  problem_no: 2\n  title: 汾河支流部分河段黑臭水体反弹汾河支流部分河段黑臭水体反弹\n"), encoding="utf-8")
    result = CliRunner().invoke(main, ["--root", str(root), "check"], env=env)
    assert result.exit_code == 1
    assert "（涉及的县（市、区）由网站显示在标题后的括号中）" in result.stderr
    assert "旗区" not in said + result.stderr
