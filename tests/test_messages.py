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
from conftest import REPO

from generator import messages
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
