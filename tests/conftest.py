"""Shared fixtures: a copy of the project in a temporary folder, and one real build of it."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
AS_OF = dt.date(2026, 11, 28)


def copy_project(target: Path, data: bool = True) -> Path:
    """The parts of the project a build reads, without generated files."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    ignore = shutil.ignore_patterns(".gongshi", ".gitignore", "generated")
    shutil.copytree(REPO / "overrides", target / "overrides", ignore=ignore)
    generated = set()
    manifest = REPO / "content" / ".gongshi" / "manifest.json"
    if manifest.exists():
        generated = set(json.loads(manifest.read_text(encoding="utf-8"))["files"])
    for item in sorted((REPO / "content").rglob("*")):
        rel = item.relative_to(REPO / "content").as_posix()
        if item.is_file() and rel not in generated and not rel.startswith(".gongshi/") and rel != ".gitignore":
            (target / "content" / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(item, target / "content" / rel)
    (target / "content").mkdir(exist_ok=True)
    if data:
        shutil.copytree(REPO / "data", target / "data")
    return target


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped data built once with MkDocs as of AS_OF; returns the site folder."""
    from generator.build import build_site

    root = copy_project(tmp_path_factory.mktemp("built") / "project")
    build_site(root, AS_OF, root / "site")
    return root / "site"
