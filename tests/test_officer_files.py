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
        f"{out}: 在 {top} 之中（网站页面或模板的源文件夹、git 版本库），生成网站时会被发布或混入版本库，不能写在那里；"
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
