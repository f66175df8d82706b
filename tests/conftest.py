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


COUNTY_PLAN = "linfen-sx-r3"
COUNTY_PLAN_YAML = """\
title: 临汾市贯彻落实第三轮省级生态环境保护督察报告整改方案
preamble: 为抓好督察反馈问题整改，制定本方案。
area: 临汾市
inspection:
  round: 第三轮省级生态环境保护督察
  body: 省第二生态环境保护督察组
  start: 2025-04-10
  end: 2025-05-10
  report_date: 2025-07-15
  report_title: 临汾市生态环境保护督察报告
tasks_intro: 对照督察反馈问题，逐项明确整改任务。
procedure:
- title: 工作流程
  paragraphs:
  - 整改任务完成后，由验收单位组织验收销号。
requirements:
  title: 总体要求
  paragraphs:
  - 坚持问题导向，逐项整改到位。
safeguards:
- title: 加强组织领导
  paragraphs:
  - 各级党委、政府要履行整改主体责任。
chapters:
- no: 1
  title: 大气污染防治
  problems:
  - no: 1
    title: 散煤治理不彻底
- no: 2
  title: 水污染防治
  problems:
  - no: 2
    title: 黑臭水体反弹
subunit_word: 县（市、区）
banners:
- name: 尧都区
  slug: yaodu
- name: 洪洞县
  slug: hongdong
units:
- name: 市能源局
  slug: nengyuan-ju
- name: 市住建局
  slug: zhujian-ju
"""
COUNTY_TASKS_YAML = """\
tasks:
- no: 1
  problem_no: 1
  problem: 部分县（市、区）散煤复烧问题突出。
  goal: 城乡散煤基本清零。
  measures:
  - 开展散煤排查。
  - 2025年12月底前完成清洁取暖改造。
  responsible_units: 市能源局牵头，各县（市、区）政府
  acceptance_units: 市能源局
  deadline: 2025年12月底
- no: 2
  problem_no: 2
  problem: 汾河支流部分河段黑臭水体反弹。
  goal: 消除黑臭水体。
  measures:
  - 加强截污纳管。
  responsible_units: 市住建局，尧都区、洪洞县党委和政府
  acceptance_units: 市住建局
  deadline: 2026年6月底
"""
COUNTY_REPORT_YAML = """\
published: 2026-01-20
tasks:
- task: 1
  status: 达到序时进度
  measures:
  - no: 1
    progress: 已完成散煤排查。
  - no: 2
    progress: 清洁取暖改造按计划推进。
  banners:
  - banner: 尧都区
    status: 已完成
    progress: 尧都区已完成清洁取暖改造。
- task: 2
  status: 达到序时进度
  measures:
  - no: 1
    progress: 截污纳管工程按计划推进。
"""


def county_notice(task: int, start: str, closed_out: str, scope: str | None = None) -> str:
    """A closed-out notice of the county plan (the whole task, or the one sub-unit `scope`)."""
    return (
        f"plan: {COUNTY_PLAN}\ntask: {task}\n" + (f"scope: [{scope}]\n" if scope else "")
        + f"start: {start}\ncompleted: 2026-08-20\napplied: 2026-08-27\n"
        "completion: 各项整改措施均已完成。\n"
        "completion_by_measure:\n  - no: 1\n    text: 已完成。\n"
        + ("  - no: 2\n    text: 已完成。\n" if task == 1 else "")
        + f"approved: 2026-09-10\nacceptance:\n  unit: {'市能源局' if task == 1 else '市住建局'}\n  date: 2026-09-08\n"
        "  opinion: 经资料审核和现场核查，整改任务已完成，同意验收销号。\n"
        f"channels:\n  - name: 临汾日报\n    date: {start}\nobjections: []\nclosed_out: {closed_out}\n"
    )


def county_tree(root: Path) -> Path:
    """root/data: the shipped site and only a plan of 县（市、区） (subunit_word), with a report and notices.

    Task 1 is every sub-unit's (各县（市、区）政府) and closed out as a whole; task 2 names both and is
    closed out sub-unit by sub-unit.
    """
    data = root / "data"
    plan = data / "plans" / COUNTY_PLAN
    plan.mkdir(parents=True)
    shutil.copy(REPO / "data" / "site.yaml", data / "site.yaml")
    (plan / "plan.yaml").write_text(COUNTY_PLAN_YAML, encoding="utf-8")
    (plan / "tasks.yaml").write_text(COUNTY_TASKS_YAML, encoding="utf-8")
    (data / "progress").mkdir()
    (data / "progress" / "2025.yaml").write_text(COUNTY_REPORT_YAML, encoding="utf-8")
    notices = data / "notices"
    notices.mkdir()
    for name, text in (
        ("2026-09-14-task1.yaml", county_notice(1, "2026-09-14", "2026-10-13")),
        ("2026-09-14-task2-yaodu.yaml", county_notice(2, "2026-09-14", "2026-10-13", "尧都区")),
        ("2026-10-12-task2-hongdong.yaml", county_notice(2, "2026-10-12", "2026-11-03", "洪洞县")),
    ):
        (notices / name).write_text(text, encoding="utf-8")
    return root
