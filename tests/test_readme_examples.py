"""The README's officer examples run as written on the shipped data (issue #23).

Each `console` block of the officers' sections is run command by command in a
copy of the project; the sheets an example hands out are filled here as an
office would (a 进展状态 and a 进展情况 of the sheet's own rows), and the
output must read as the README shows it, except for counts (the numbers
before 项, 行, 个), which change with the data. A line "……" in the README
stands for the lines it leaves out.
"""

from __future__ import annotations

import datetime as dt
import re
import shlex
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from conftest import REPO, copy_project

from generator.cli import main

README = (REPO / "README.md").read_text(encoding="utf-8")
SECTIONS = ("### 每年的整改进展", "### 验收销号材料与公示", "### 整改台账（Excel）")
COUNT = re.compile(r"(?<=[：共入从])\d+(?=[项行个])")
ELIDED = "……"


def section(title: str) -> str:
    start = README.index(title)
    end = README.find("\n### ", start + 1)
    return README[start:end]


def examples(text: str) -> list[tuple[str, list[str]]]:
    """(command, expected output lines) of every `$ gongshi …` line in the console blocks, in order."""
    found: list[tuple[str, list[str]]] = []
    for block in re.findall(r"```console\n(.*?)```", text, re.S):
        for line in block.splitlines():
            line = line.strip()
            if line.startswith("$ "):
                found.append((line[2:], []))
            elif found and line:
                found[-1][1].append(line)
    return found


def matches(expected: list[str], actual: list[str]) -> bool:
    pattern = "\n".join(".*" if e == ELIDED else re.escape(COUNT.sub("N", e)) for e in expected)
    return re.fullmatch(pattern, "\n".join(COUNT.sub("N", a.strip()) for a in actual), re.S) is not None


def sheet_banner(path: Path) -> str | None:
    """Whose sheet a file is: 输出/2027年度整改进展填报表（杭锦旗）.xlsx and 杭锦旗.xlsx are 杭锦旗's, the rest the city's."""
    named = re.search(r"（(.+)）$", path.stem)
    if named:
        return named[1]
    return None if path.stem == "全市" or path.stem.endswith("填报表") else path.stem


def fill(path: Path) -> None:
    """What comes back: a 旗区 sheet fills its own first row, the city sheet (全市) the first task's status."""
    banner = sheet_banner(path)
    book = openpyxl.load_workbook(path)
    sheet = book["年度整改进展"]
    header = {cell.value: cell.column for cell in sheet[1]}
    task = None
    for row in sheet.iter_rows(min_row=2):
        cell = {name: row[column - 1] for name, column in header.items()}
        if task is None and cell["旗区"].value == banner and not cell["进展状态"].protection.locked:
            task = cell["序号"].value
            cell["进展状态"].value = "达到序时进度"
        elif task is not None and cell["序号"].value != task:
            break
        if task is not None and cell["旗区"].value == banner and not cell["进展情况"].protection.locked:
            cell["进展情况"].value = "已按整改方案推进。"
    assert task is not None, f"{path.name}: no row of {banner or '全市'} to fill"
    book.save(path)


def future(day: str) -> str:
    """The README's publication date, or a month from today once that date has passed: import refuses a published report."""
    date = dt.date.fromisoformat(day)
    today = dt.date.today()
    return (date if date > today + dt.timedelta(days=1) else today + dt.timedelta(days=30)).isoformat()


@pytest.mark.parametrize("title", SECTIONS)
def test_officer_examples_run_as_written(title: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy_project(tmp_path / "project")
    monkeypatch.chdir(project)
    steps = examples(section(title))
    assert steps, f"{title}: no console example"
    for command, expected in steps:
        args = shlex.split(command)
        assert args[0] == "gongshi", command
        args = args[1:]
        if args[:2] == ["progress", "import"]:
            for name in args[2:]:
                if name.endswith(".xlsx"):
                    fill(project / name)
            at = args.index("--published") + 1
            args[at] = future(args[at])
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, f"$ {command}\n{result.output}"
        assert matches(expected, result.stdout.splitlines()), f"$ {command}\nREADME:\n" + "\n".join(expected) + "\nactual:\n" + result.stdout


def test_the_yearly_example_uses_a_year_not_yet_published() -> None:
    years = {int(y) for y in re.findall(r"--year (\d{4})", "\n".join(c for c, _ in examples(section(SECTIONS[0]))))}
    published = {int(p.stem[:4]) for p in (REPO / "data" / "progress").glob("*.yaml")}
    assert years and not years & published


def test_a_template_for_a_published_year_says_at_once_it_cannot_be_imported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy_project(tmp_path / "project")
    monkeypatch.chdir(project)
    result = CliRunner().invoke(main, ["progress", "template", "--year", "2026", "--scope", "杭锦旗", "--out", "杭锦旗.xlsx"])
    assert result.exit_code == 0, result.output
    assert "2026年度整改进展已于" in result.stderr and "不能再导入" in result.stderr
    assert "--year 2027" in result.stderr  # and which year to use instead
