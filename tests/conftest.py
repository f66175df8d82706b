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


def data_tree(
    root: Path,
    notices: dict[str, str] | None = None,
    reports: dict[str, str] | None = None,
    *,
    extra_plan: bool = False,
) -> Path:
    """root/data: the shipped site and plans (and a copy of the plan), with only the given notice and report files."""
    data = root / "data"
    data.mkdir(parents=True)
    shutil.copy(REPO / "data" / "site.yaml", data / "site.yaml")
    shutil.copytree(REPO / "data" / "plans", data / "plans")
    if extra_plan:
        shutil.copytree(REPO / "data" / "plans" / "ordos-nmg-r2", data / "plans" / "ordos-copy")
    for folder, files in (("notices", notices), ("progress", reports)):
        if files is not None:
            (data / folder).mkdir()
            for name, text in files.items():
                (data / folder / name).write_text(text, encoding="utf-8")
    return root


def drop_acceptance_units(root: Path, task_no: int, plan_id: str = "ordos-nmg-r2") -> str:
    """Take task `task_no`'s acceptance_units out of root's copy of the plan, as a plan naming no 验收单位 has it.

    Returns the line taken out, so a test can put it back.
    """
    tasks = root / "data" / "plans" / plan_id / "tasks.yaml"
    lines = tasks.read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index(f"  - no: {task_no}\n")
    at = next(i for i in range(start + 1, len(lines)) if lines[i].startswith("    acceptance_units:"))
    assert not any(line.startswith("  - no:") for line in lines[start + 1:at]), task_no
    taken = lines.pop(at)
    tasks.write_text("".join(lines), encoding="utf-8")
    return taken


@pytest.fixture(scope="module")
def shipped():
    """The shipped data as loaded: (dataset, calendar)."""
    from generator.load import load_dataset

    return load_dataset(REPO)


@pytest.fixture(scope="module")
def data():
    """The shipped data and its snapshot as of AS_OF: what the built site must show."""
    from generator import status
    from generator.load import load_dataset

    dataset, calendar = load_dataset(REPO)
    return dataset, status.snapshot(dataset, AS_OF, calendar)


def tasks_of(dataset):
    return [t for plan in dataset.plans for t in plan.tasks]


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped data built once with MkDocs as of AS_OF; returns the site folder."""
    from generator.build import build_site

    root = copy_project(tmp_path_factory.mktemp("built") / "project")
    build_site(root, AS_OF, root / "site", live=True)
    return root / "site"


@pytest.fixture(scope="session")
def browser():
    """One headless Debian Chromium for every browser test: Playwright's sync API allows one at a time."""
    playwright_api = pytest.importorskip("playwright.sync_api")
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.skip("chromium is not installed (apt-get install chromium)")
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=chromium, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
        )
        yield b
        b.close()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Whatever starts Chromium (`browser`) is a browser test, whatever reads the whole-site build (`built`) an
    end-to-end test, whether or not it says so: none of them can slip into `make test-fast`."""
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        if "browser" in fixtures:
            item.add_marker(pytest.mark.browser)
        elif "built" in fixtures:
            item.add_marker(pytest.mark.e2e)
