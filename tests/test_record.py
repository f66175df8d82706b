"""record: the live site is the public record; data that would backdate or drop what it published is refused."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import AS_OF, copy_project

from generator.load import load_dataset
from generator.record import read_record, record_problems

GONGSHI = Path(sys.executable).parent / "gongshi"


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project whose site/ was published as of AS_OF with the shipped data."""
    from generator.build import build_site

    root = copy_project(tmp_path_factory.mktemp("live") / "project")
    build_site(root, AS_OF, root / "site")
    return root


def _problems_after(live: Path, tmp_path: Path, change) -> list[str]:
    root = tmp_path / "project"
    shutil.copytree(live / "data", root / "data")
    change(root / "data")
    dataset, _ = load_dataset(root)
    record = read_record(live / "site")
    assert record is not None
    return record_problems(record, dataset)


def test_the_record_is_what_the_live_site_carries(live: Path) -> None:
    record = read_record(live / "site")
    assert record is not None and record.as_of == AS_OF
    dataset, _ = load_dataset(live)
    assert set(record.notices) == {n.id for n in dataset.notices if n.start <= AS_OF}
    assert "2026-12-07-task7" not in record.notices  # queued then
    assert record_problems(record, dataset) == []


def test_a_deleted_published_notice_is_refused(live: Path, tmp_path: Path) -> None:
    problems = _problems_after(live, tmp_path, lambda data: (data / "notices" / "2026-10-19-task30.yaml").unlink())
    assert problems == [(
        "data/notices/2026-10-19-task30.yaml：这份验收销号公示已于2026-10-19起在网站上公开，数据中却找不到该文件；"
        "已公开的公示不能删除或改名，请恢复该文件（原样放回 data/notices/）；要撤下这份公示，"
        "请在文件中填写 'withdrawn'（撤回日期 'date' 和原因 'reason'），网址保留，页面改为撤回说明"
    )]


def test_a_withdrawn_notice_stays_in_the_record(live: Path, tmp_path: Path) -> None:
    def withdraw(data: Path) -> None:
        path = data / "notices" / "2026-10-19-task30.yaml"
        path.write_text(
            path.read_text(encoding="utf-8") + "withdrawn:\n  date: 2026-11-27\n  reason: 验收材料有误。\n",
            encoding="utf-8",
        )

    assert _problems_after(live, tmp_path, withdraw) == []


def test_a_renamed_notices_folder_is_refused_for_every_notice_it_held(live: Path, tmp_path: Path) -> None:
    from generator.errors import DataError

    def rename(data: Path) -> None:
        (data / "notices").rename(data / "notice")
        (data / "progress").rename(data / "reports")  # they refer to the notices: gone as well

    # check names each folder it does not know, before the record is even consulted ...
    with pytest.raises(DataError) as refused:
        _problems_after(live, tmp_path, rename)
    assert [str(p) for p in refused.value.problems] == [
        "data/notice:1: gongshi 不读取这个文件夹，其中的文件不会发布（data/ 中只能有这些文件夹："
        "data/calendar、data/drafts、data/events、data/notices、data/plans、data/progress）；请改回原名，或移出 data/；是否应为 'notices'？",
        "data/reports:1: gongshi 不读取这个文件夹，其中的文件不会发布（data/ 中只能有这些文件夹："
        "data/calendar、data/drafts、data/events、data/notices、data/plans、data/progress）；请改回原名，或移出 data/",
    ]

    # ... and the record still refuses every published notice and report whose file is gone.
    def remove(data: Path) -> None:
        shutil.rmtree(data / "notices")
        shutil.rmtree(data / "progress")

    problems = _problems_after(live, tmp_path / "b", remove)
    record = read_record(live / "site")
    assert record is not None
    assert len(record.notices) >= 6 and len(record.reports) >= 1
    assert len(problems) == len(record.notices) + len(record.reports)
    assert all("数据中却找不到该文件" in p for p in problems)


def test_a_backdated_notice_is_refused_and_one_starting_after_the_live_date_is_not(live: Path, tmp_path: Path) -> None:
    def backdate(data: Path) -> None:
        text = (data / "notices" / "2026-12-07-task7.yaml").read_text(encoding="utf-8")
        (data / "notices" / "2026-12-07-task7.yaml").unlink()
        (data / "notices" / "2026-11-02-task7.yaml").write_text(text.replace("start: 2026-12-07", "start: 2026-11-02").replace("date: 2026-12-07", "date: 2026-11-02").replace("date: 2026-11-30", "date: 2026-10-30"), encoding="utf-8")

    problems = _problems_after(live, tmp_path, backdate)
    assert len(problems) == 1
    assert problems[0].startswith("data/notices/2026-11-02-task7.yaml:")
    assert "start: 网站按2026-11-28生成时没有这份公示，开始日期却是2026-11-02" in problems[0]
    assert "请填写 'published_elsewhere'（渠道 'channel' 和发布日期 'date'）" in problems[0]

    def elsewhere(data: Path) -> None:
        backdate(data)
        path = data / "notices" / "2026-11-02-task7.yaml"
        path.write_text(
            path.read_text(encoding="utf-8") + "published_elsewhere:\n  channel: 鄂尔多斯日报\n  date: 2026-11-02\n",
            encoding="utf-8",
        )

    # Published first in a newspaper on its start: the window really began then, so the record lets it pass.
    assert _problems_after(live, tmp_path / "c", elsewhere) == []
    # The shipped queued notice (starts 2026-12-07, after the live date) is no problem.
    assert _problems_after(live, tmp_path / "b", lambda data: None) == []


def test_changing_a_published_start_is_refused(live: Path, tmp_path: Path) -> None:
    import dataclasses
    import datetime as dt

    from generator.errors import DataError

    # In a file named by its start, the new start disagrees with the name and check refuses it first;
    # the record refuses a redated notice whatever its file is called.
    def move(data: Path) -> None:
        path = data / "notices" / "2026-11-02-task28.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace("start: 2026-11-02", "start: 2026-11-03"), encoding="utf-8")

    with pytest.raises(DataError, match="文件名 2026-11-02-task28 写的开始日期是 2026-11-02，文件中的 'start' 是 2026-11-03"):
        _problems_after(live, tmp_path, move)
    record = read_record(live / "site")
    assert record is not None
    redated = dataclasses.replace(record, notices={**record.notices, "2026-11-02-task28": dt.date(2026, 11, 3)})
    dataset, _ = load_dataset(live)
    problems = record_problems(redated, dataset)
    assert any("start: 网站已公开这份公示自2026-11-03起公示，不能改为2026-11-02；请改回2026-11-03" in p for p in problems)


def _digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        h.update(path.relative_to(folder).as_posix().encode())
        if path.is_file():
            h.update(path.read_bytes())
    return h.hexdigest()


def test_the_build_refuses_in_one_line_and_leaves_the_site_and_data_as_they_were(live: Path, tmp_path: Path) -> None:
    root = tmp_path / "project"
    shutil.copytree(live, root, ignore=shutil.ignore_patterns("site"))
    shutil.copytree(live / "site", root / "site")
    (root / "data" / "notices" / "2026-11-23-task24.yaml").unlink()
    site_before, data_before = _digest(root / "site"), _digest(root / "data")
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "GONGSHI_AS_OF")}
    day = (AS_OF + dt.timedelta(days=1)).isoformat()
    result = subprocess.run(
        [str(GONGSHI), "build", "--as-of", day], check=False, cwd=root, env=env,
        capture_output=True, text=True, encoding="utf-8", timeout=600,
    )
    assert result.returncode == 1
    assert result.stderr.splitlines() == [(
        "data/notices/2026-11-23-task24.yaml：这份验收销号公示已于2026-11-23起在网站上公开，数据中却找不到该文件；"
        "已公开的公示不能删除或改名，请恢复该文件（原样放回 data/notices/）；要撤下这份公示，"
        "请在文件中填写 'withdrawn'（撤回日期 'date' 和原因 'reason'），网址保留，页面改为撤回说明"
    )]
    assert _digest(root / "site") == site_before and _digest(root / "data") == data_before
