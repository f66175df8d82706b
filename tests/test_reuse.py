"""A rebuild takes from the live site only what a fresh build would write the same: the bytes prove it."""

from __future__ import annotations

import datetime as dt
import filecmp
import shutil
from pathlib import Path

import pytest
from conftest import copy_project

from generator import reuse
from generator.build import Timings, build_site

pytestmark = pytest.mark.e2e  # Whole-site builds, then rebuilds.

SATURDAY = dt.date(2026, 11, 28)
SUNDAY = dt.date(2026, 11, 29)  # no window ends or starts: only the stamps change
TUESDAY = dt.date(2026, 12, 1)  # open notices count one working day less


def differences(one: Path, two: Path) -> list[str]:
    """Files that differ or exist on one side only, as paths under the two folders."""
    found: list[str] = []

    def walk(cmp: filecmp.dircmp[str], prefix: str) -> None:
        found.extend(prefix + name for name in cmp.left_only + cmp.right_only + cmp.funny_files)
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        found.extend(prefix + name for name in mismatch + errors)
        for name, sub in sorted(cmp.subdirs.items()):
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(one, two), "")
    return sorted(found)


def rebuild(root: Path, day: dt.date, site: Path) -> Timings:
    timings = Timings()
    build_site(root, day, site, live=True, timings=timings)
    return timings


def fresh(root: Path, day: dt.date, tmp_path: Path) -> Path:
    """The same project built from nothing into a folder of its own."""
    site = tmp_path / f"fresh-{day.isoformat()}"
    rebuild(root, day, site)
    return site


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The shipped project, its site built as of Saturday."""
    root = copy_project(tmp_path_factory.mktemp("reuse") / "project")
    rebuild(root, SATURDAY, root / "site")
    return root, root / "site"


def test_the_next_working_day_takes_unchanged_pages_and_writes_what_a_fresh_build_writes(
    live: tuple[Path, Path], tmp_path: Path
) -> None:
    root, site = live
    shutil.copytree(site, tmp_path / "site")
    timings = rebuild(root, TUESDAY, tmp_path / "site")
    assert timings.reused_pages > 80  # most pages are unchanged but for the date
    assert not timings.reused_search  # open notices' pages changed: their text is indexed again
    assert differences(tmp_path / "site", fresh(root, TUESDAY, tmp_path)) == []
    stamped = (tmp_path / "site" / "plans" / "ordos-nmg-r2" / "tasks" / "3" / "index.html").read_text(encoding="utf-8")
    assert "2026年12月1日" in stamped and "2026年11月28日" not in stamped


def test_a_day_on_which_only_the_date_changes_takes_the_search_bundle_too(
    live: tuple[Path, Path], tmp_path: Path
) -> None:
    root, site = live
    shutil.copytree(site, tmp_path / "site")
    timings = rebuild(root, SUNDAY, tmp_path / "site")
    assert timings.reused_search == 2  # both bundles
    # Pagefind ignores the stamps: a fresh index of Sunday's pages is byte for byte Saturday's.
    assert differences(tmp_path / "site", fresh(root, SUNDAY, tmp_path)) == []
    # A bundle changed on the server is built again, not taken; the other one is.
    fragment = next((tmp_path / "site" / "pagefind" / "fragment").iterdir())
    fragment.write_bytes(fragment.read_bytes() + b"\0")
    assert rebuild(root, SUNDAY, tmp_path / "site").reused_search == 1
    assert differences(tmp_path / "site", tmp_path / f"fresh-{SUNDAY.isoformat()}") == []


def test_changed_data_and_a_page_edited_on_the_server_are_built_again(live: tuple[Path, Path], tmp_path: Path) -> None:
    root, site = live
    project = tmp_path / "project"
    shutil.copytree(root, project, ignore=shutil.ignore_patterns("site"))
    shutil.copytree(site, project / "site")
    notice = project / "data" / "notices" / "2026-10-12-task33.yaml"
    notice.write_text(notice.read_text(encoding="utf-8").replace("text: 开展", "text: 全面开展", 1), encoding="utf-8")
    edited = project / "site" / "plans" / "ordos-nmg-r2" / "tasks" / "5" / "index.html"
    edited.write_text(edited.read_text(encoding="utf-8").replace("整改目标", "改过的目标", 1), encoding="utf-8")
    timings = rebuild(project, SATURDAY, project / "site")
    assert 0 < timings.reused_pages
    assert "改过的目标" not in edited.read_text(encoding="utf-8")
    assert "全面开展“确村确户”" in (project / "site" / "notices" / "2026-10-12-task33" / "index.html").read_text(encoding="utf-8")
    assert differences(project / "site", fresh(project, SATURDAY, tmp_path)) == []


def test_a_changed_theme_rebuilds_every_page(live: tuple[Path, Path], tmp_path: Path) -> None:
    root, site = live
    project = tmp_path / "project"
    shutil.copytree(root, project, ignore=shutil.ignore_patterns("site"))
    shutil.copytree(site, project / "site")
    main = project / "overrides" / "main.html"
    main.write_text(main.read_text(encoding="utf-8") + "\n{# changed #}\n", encoding="utf-8")
    assert rebuild(project, SATURDAY, project / "site").reused_pages == 0


def test_stamps_survive_as_the_pages_carry_them() -> None:
    page = f"<p>数据截至{reuse.stamp(SATURDAY)}</p>"
    assert reuse.restamped(page, TUESDAY) == f"<p>数据截至{reuse.stamp(TUESDAY)}</p>"
    minified = page.replace('data-pagefind-ignore>', 'data-pagefind-ignore="">')
    assert reuse.blanked(minified) == reuse.blanked(page.replace('data-pagefind-ignore>', 'data-pagefind-ignore="">'))
    assert "2026" not in reuse.blanked(page) and "2026" not in reuse.blanked(minified)
    # Text from the data cannot make a stamp: it reaches the page escaped.
    assert reuse.blanked("&lt;span class=\"gs-date gs-asof\" data-pagefind-ignore&gt;2026年11月28日") .endswith("2026年11月28日")
