"""Where officers' files may go (officer_files.py): never into the site's sources, the data, a live site or .git.

`forms`, `ledger export`, `progress template` and `export tasks` hand files
to officers; one left in content/ or overrides/ would be published by the
next build, one in .git mixed into the repository.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import copy_project

from generator.cli import main

COMMANDS = {
    "ledger": (["ledger", "export", "--out"], "整改台账.xlsx"),
    "template": (["progress", "template", "--year", "2027", "--out"], "表.xlsx"),
    "tasks": (["export", "tasks", "--out"], "整改任务.json"),
    "forms": (["forms", "--task", "37", "--scope", "杭锦旗", "--out"], "材料"),
}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("officer") / "p")
    (root / ".git").mkdir()
    return root


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("folder", ["content", "content/downloads", "overrides", ".git"])
def test_the_site_sources_and_git_are_refused(project: Path, command: str, folder: str) -> None:
    args, name = COMMANDS[command]
    out = f"{folder}/{name}"
    result = CliRunner().invoke(main, ["--root", str(project), *args, str(project / out)])
    assert result.exit_code == 1, result.output
    top = (project / folder.split("/")[0]).resolve()
    assert result.stderr.strip() == (
        f"{out}: 在 {top} 之中（网站页面或模板的源文件夹，或版本库），生成网站时会被发布或混入版本库，不能写在那里；"
        "请保存到 输出/ 或其他文件夹"
    )
    assert not (project / out).exists()


def test_the_folders_mkdocs_yml_names_are_refused(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "p")
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("docs_dir: content", "docs_dir: pages").replace("custom_dir: overrides", "custom_dir: theme")
    (root / "mkdocs.yml").write_text(config + "\nextra_css: !!python/name:os.getcwd\n", encoding="utf-8")
    for folder in ("pages", "theme"):
        result = CliRunner().invoke(main, ["--root", str(root), "ledger", "export", "--out", str(root / folder / "l.xlsx")])
        assert result.exit_code == 1 and f"在 {(root / folder).resolve()} 之中" in result.stderr, result.output
    fine = CliRunner().invoke(main, ["--root", str(root), "ledger", "export", "--out", str(root / "elsewhere" / "l.xlsx")])
    assert fine.exit_code == 0, fine.output


def test_a_wrong_name_is_answered_with_the_command_s_own_name(project: Path) -> None:
    tasks = CliRunner().invoke(main, ["--root", str(project), "export", "tasks", "--out", str(project / "t.xlsx")])
    assert (tasks.exit_code, tasks.stderr.strip()) == (1, "t.xlsx: 文件名应以 .json 结尾，如 整改任务.json；请改用 --out 另指文件名")
    bare = CliRunner().invoke(main, ["--root", str(project), "ledger", "export", "--out", str(project / ".xlsx")])
    assert (bare.exit_code, bare.stderr.strip()) == (1, ".xlsx: 只有扩展名，没有文件名；请用 --out 指定文件名，如 整改台账.xlsx")


def test_a_link_is_named_as_typed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`dl` links to data/: the officer typed dl/y.xlsx, and that is what the line names."""
    root = copy_project(tmp_path / "p")
    (root / "dl").symlink_to(root / "data")
    monkeypatch.chdir(root)
    for args, out in ((["ledger", "export", "--out"], "dl/y.xlsx"), (["forms", "--task", "37", "--out"], "dl/材料")):
        result = CliRunner().invoke(main, [*args, out])
        assert result.exit_code == 1 and result.stderr.startswith(f"{out}: 是一个链接"), result.output
    assert not (root / "data" / "y.xlsx").exists() and not (root / "data" / "材料").exists()
