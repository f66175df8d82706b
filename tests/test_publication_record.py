"""publication_record: the live site is the public record; data that would backdate, rewrite or drop it is refused."""

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

from generator.asof import epoch_of
from generator.load import load_dataset
from generator.publication_record import problems as record_problems
from generator.publication_record import read as read_site_record

GONGSHI = Path(sys.executable).parent / "gongshi"


def read_record(project: Path):
    return read_site_record(project / "site", project / "site")


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project whose site/ was published as of AS_OF with the shipped data."""
    from generator.build import build_site

    root = copy_project(tmp_path_factory.mktemp("live") / "project")
    build_site(root, AS_OF, root / "site", live=True)
    return root


def _problems_after(live: Path, tmp_path: Path, change) -> list[str]:
    root = tmp_path / "project"
    shutil.copytree(live / "data", root / "data")
    change(root / "data")
    dataset, _ = load_dataset(root)
    record = read_record(live)
    assert record is not None
    return record_problems(record, dataset)


@pytest.mark.e2e
def test_the_record_is_what_the_live_site_carries(live: Path) -> None:
    record = read_record(live)
    assert record is not None and record.as_of == AS_OF
    dataset, _ = load_dataset(live)
    assert set(record.notices) == {n.id for n in dataset.notices if n.start <= AS_OF}
    assert "2026-12-07-task7" not in record.notices  # queued then
    assert record_problems(record, dataset) == []


@pytest.mark.e2e
def test_a_deleted_published_notice_is_refused(live: Path, tmp_path: Path) -> None:
    problems = _problems_after(live, tmp_path, lambda data: (data / "notices" / "2026-10-19-task30.yaml").unlink())
    assert problems == [(
        "data/notices/2026-10-19-task30.yaml：这份验收销号公示已于2026-10-19起在网站上公开，数据中却找不到该文件；"
        "已公开的公示不能删除或改名，请恢复该文件（原样放回 data/notices/）；要撤下这份公示，"
        "请在文件中填写 'withdrawn'（撤回日期 'date' 和原因 'reason'），网址保留，页面改为撤回说明"
    )]


@pytest.mark.e2e
def test_a_withdrawn_notice_stays_in_the_record(live: Path, tmp_path: Path) -> None:
    def withdraw(data: Path) -> None:
        path = data / "notices" / "2026-10-19-task30.yaml"
        path.write_text(
            path.read_text(encoding="utf-8") + "withdrawn:\n  date: 2026-11-28\n  reason: 验收材料有误。\n",
            encoding="utf-8",
        )

    assert _problems_after(live, tmp_path, withdraw) == []


@pytest.mark.e2e
def test_a_renamed_notices_folder_is_refused_for_every_notice_it_held(live: Path, tmp_path: Path) -> None:
    from generator.errors import DataError

    def rename(data: Path) -> None:
        (data / "notices").rename(data / "notice")
        (data / "progress").rename(data / "reports")  # they refer to the notices: gone as well
        shutil.rmtree(data / "events")  # so does the rebound of a closed-out task

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
        shutil.rmtree(data / "events")

    problems = _problems_after(live, tmp_path / "b", remove)
    record = read_record(live)
    assert record is not None and record.events is not None
    assert len(record.notices) >= 6 and len(record.reports) >= 1 and len(record.events) == 1
    assert len(problems) == len(record.notices) + len(record.reports) + len(record.events)
    assert all("数据中却找不到" in p for p in problems)


@pytest.mark.e2e
def test_a_backdated_notice_is_refused_and_one_starting_after_the_live_date_is_not(live: Path, tmp_path: Path) -> None:
    def backdate(data: Path) -> None:
        text = (data / "notices" / "2026-12-07-task7.yaml").read_text(encoding="utf-8")
        (data / "notices" / "2026-12-07-task7.yaml").unlink()
        (data / "notices" / "2026-11-02-task7.yaml").write_text(text.replace("start: 2026-12-07", "start: 2026-11-02").replace("date: 2026-12-07", "date: 2026-11-02").replace("date: 2026-11-30", "date: 2026-10-30").replace("approved: 2026-12-03", "approved: 2026-10-30"), encoding="utf-8")

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


@pytest.mark.e2e
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
    record = read_record(live)
    assert record is not None
    redated = dataclasses.replace(record, notices={**record.notices, "2026-11-02-task28": dt.date(2026, 11, 3)})
    dataset, _ = load_dataset(live)
    problems = record_problems(redated, dataset)
    assert "data/notices/2026-11-02-task28.yaml:4: start: 网站已公开这份公示自2026-11-03起公示，不能改为2026-11-02；请改回2026-11-03" in problems


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "GONGSHI_AS_OF")}


def _digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        h.update(path.relative_to(folder).as_posix().encode())
        if path.is_file():
            h.update(path.read_bytes())
    return h.hexdigest()


@pytest.mark.e2e
def test_the_build_refuses_in_one_line_and_leaves_the_site_and_data_as_they_were(live: Path, tmp_path: Path) -> None:
    root = tmp_path / "project"
    shutil.copytree(live, root, ignore=shutil.ignore_patterns("site"))
    shutil.copytree(live / "site", root / "site")
    (root / "data" / "notices" / "2026-11-23-task24.yaml").unlink()
    site_before, data_before = _digest(root / "site"), _digest(root / "data")
    day = (AS_OF + dt.timedelta(days=1)).isoformat()
    env = {**_env(), "SOURCE_DATE_EPOCH": str(epoch_of(AS_OF + dt.timedelta(days=1)))}
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


# ---------------------------------------------------------------- fail closed, and every section of the record

DAY_AFTER = AS_OF + dt.timedelta(days=1)
REBOUND_37 = (
    "task: 37\nkind: 问题反弹\nscope: [达拉特旗]\ndate: 2026-11-20\n"
    "document: 市生态环境局督办通知〔2026〕5号\nfinding: 部分企业恢复露天堆放。\nlimit: 2027-03-31\n"
)


@pytest.fixture(scope="module")
def live_with_event(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project whose live site, as of AS_OF, published a rebound recorded in data/events/."""
    from generator.build import build_site

    root = copy_project(tmp_path_factory.mktemp("live-event") / "project")
    (root / "data" / "events").mkdir(exist_ok=True)
    (root / "data" / "events" / "2026-11-20-task37-rebound.yaml").write_text(REBOUND_37, encoding="utf-8")
    build_site(root, AS_OF, root / "site", live=True)
    return root


def _copy(live: Path, tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(live, root, symlinks=True)
    return root


def _build(root: Path, *args: str, day: dt.date = DAY_AFTER) -> subprocess.CompletedProcess[str]:
    env = {**_env(), "SOURCE_DATE_EPOCH": str(epoch_of(day))}
    return subprocess.run(
        [str(GONGSHI), "build", *args], check=False, cwd=root, env=env,
        capture_output=True, text=True, encoding="utf-8", timeout=600,
    )


def _refused(root: Path, *args: str, day: dt.date = DAY_AFTER) -> list[str]:
    """The build's lines, after checking it exited 1 and left data/ and the live site as they were."""
    site_before, data_before = _digest(root / "site"), _digest(root / "data")
    result = _build(root, *args, day=day)
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stdout == ""
    assert _digest(root / "site") == site_before and _digest(root / "data") == data_before
    return result.stderr.splitlines()


RECOVER = "请从备份恢复整个网站目录后重新生成；没有备份时，确认 data/ 中已公开的记录都在之后，运行 gongshi build --rebuild-record"


@pytest.mark.e2e
@pytest.mark.parametrize(
    ("damage", "named", "problem"),
    [
        (lambda site: (site / "api" / "notices.json").unlink(), "api/notices.json", "正式网站的公开记录文件不存在"),
        (lambda site: (site / "api" / "notices.json").write_text("{", encoding="utf-8"), "api/notices.json", "已损坏或被改动"),
        (lambda site: (site / "api" / "progress.json").unlink(), "api/progress.json", "正式网站的公开记录文件不存在"),
        (lambda site: (site / ".gongshi-site.json").unlink(), ".gongshi-site.json", "正式网站的公开记录文件不存在"),
        (lambda site: (site / ".gongshi-site.json").write_text("垃圾", encoding="utf-8"), ".gongshi-site.json", "已损坏"),
        (lambda site: _drop_first_notice(site), "api/notices.json", "记录的公开内容不一致"),
    ],
    ids=["open-data-removed", "open-data-truncated", "progress-removed", "marker-removed", "marker-garbage", "entry-dropped"],
)
def test_a_live_site_whose_record_is_missing_or_damaged_stops_the_build_with_how_to_recover(
    live: Path, tmp_path: Path, damage, named: str, problem: str
) -> None:
    root = _copy(live, tmp_path)
    damage(root / "site")
    # With the record gone, a deleted published notice would otherwise slip through.
    (root / "data" / "notices" / "2026-10-19-task30.yaml").unlink()
    (line,) = _refused(root)
    assert line.startswith(f"{root / 'site'}/{named}：") and problem in line and RECOVER in line, line


@pytest.mark.e2e
def test_a_preview_marker_in_the_live_folder_stops_the_build_with_how_to_recover(live: Path, tmp_path: Path) -> None:
    root = _copy(live, tmp_path)
    marker = root / "site" / ".gongshi-site.json"
    marker.write_text(marker.read_text(encoding="utf-8").replace('"mode": "live"', '"mode": "preview"'), encoding="utf-8")
    (root / "data" / "notices" / "2026-10-19-task30.yaml").unlink()
    (line,) = _refused(root)
    assert line.startswith(f"{root / 'site'}/.gongshi-site.json：正式网站目录中的网站标记为按 2026-11-28 生成的预览")
    assert RECOVER in line, line


@pytest.mark.e2e
def test_a_later_preview_copied_over_the_live_site_stops_the_build(live: Path, tmp_path: Path) -> None:
    root = _copy(live, tmp_path)
    later = AS_OF + dt.timedelta(days=16)
    result = subprocess.run(
        [str(GONGSHI), "build", "--preview", "--as-of", later.isoformat()], check=False, cwd=root, env=_env(),
        capture_output=True, text=True, encoding="utf-8", timeout=600,
    )
    assert result.returncode == 0, result.stderr
    shutil.rmtree(root / "site")
    shutil.copytree(root / "preview" / later.isoformat(), root / "site")
    (line,) = _refused(root)
    assert f"正式网站目录中的网站标记为按 {later.isoformat()} 生成的预览" in line and RECOVER in line, line
    # A person who has no backup rebuilds the record for today; it is logged and the site is live again.
    result = _build(root, "--rebuild-record")
    assert result.returncode == 0, result.stderr
    assert "正式网站目录中的网站标记为按" in result.stderr
    assert read_record(root) is not None and read_record(root).mode == "live"


def _drop_first_notice(site: Path) -> None:
    import json

    path = site / "api" / "notices.json"
    body = json.loads(path.read_text(encoding="utf-8"))
    body["notices"] = body["notices"][1:]
    path.write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")


@pytest.mark.e2e
def test_rebuild_record_is_typed_by_a_person_logged_and_kept_in_the_record(live: Path, tmp_path: Path) -> None:
    import json

    root = _copy(live, tmp_path)
    (root / "site" / "api" / "notices.json").unlink()
    result = _build(root, "--rebuild-record")
    assert result.returncode == 0, result.stderr
    (note,) = result.stderr.splitlines()
    assert note.startswith("注意：按 --rebuild-record 的要求，不核对原有的公开记录") and "api/notices.json" in note
    marker = json.loads((root / "site" / ".gongshi-site.json").read_text(encoding="utf-8"))
    assert marker["as_of"] == DAY_AFTER.isoformat()
    assert [r["on"] for r in marker["rebuilt"]] == [DAY_AFTER.isoformat()]
    assert marker["rebuilt"][0]["reason"].startswith("api/notices.json：正式网站的公开记录文件不存在")
    assert str(root) not in marker["rebuilt"][0]["reason"]  # the marker is public: no server paths
    # The log stays in the record of every later build, and the record is checked again.
    later = DAY_AFTER + dt.timedelta(days=1)
    assert _build(root, day=later).returncode == 0
    marker = json.loads((root / "site" / ".gongshi-site.json").read_text(encoding="utf-8"))
    assert [r["on"] for r in marker["rebuilt"]] == [DAY_AFTER.isoformat()]
    (root / "data" / "notices" / "2026-10-19-task30.yaml").unlink()
    assert "2026-10-19-task30.yaml：这份验收销号公示已于2026-10-19起在网站上公开" in _refused(root, day=later)[0]


@pytest.mark.e2e
def test_rebuild_record_never_lets_the_data_rewrite_a_readable_record(live: Path, tmp_path: Path) -> None:
    root = _copy(live, tmp_path)
    (root / "data" / "notices" / "2026-10-19-task30.yaml").unlink()
    (line,) = _refused(root, "--rebuild-record")
    assert line.startswith("data/notices/2026-10-19-task30.yaml：这份验收销号公示已于2026-10-19起在网站上公开")


@pytest.mark.e2e
def test_a_site_of_the_previous_release_is_read_and_its_missing_sections_filled_and_logged(
    live_with_event: Path, tmp_path: Path
) -> None:
    import json

    root = _copy(live_with_event, tmp_path)
    (root / "site" / ".gongshi-site.json").write_text(
        json.dumps({"generator": "gongshi", "as_of": AS_OF.isoformat()}) + "\n", encoding="utf-8"
    )
    # Its notices are still the record: a deleted one is refused ...
    path = root / "data" / "notices" / "2026-10-19-task30.yaml"
    kept = path.read_bytes()
    path.unlink()
    assert "2026-10-19-task30.yaml：这份验收销号公示已于2026-10-19起在网站上公开" in _refused(root)[0]
    path.write_bytes(kept)
    # ... and the events it never recorded are filled in from the data, once, with a note.
    result = _build(root)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        # the test's record and the shipped data's rebound of task 33
        "注意：现有网站由上一版本的 gongshi 生成，公开记录中还没有延期整改和问题反弹；本次按数据补记2条，以后生成时逐条核对"
    ]
    marker = json.loads((root / "site" / ".gongshi-site.json").read_text(encoding="utf-8"))
    assert list(marker["events"]) == ["2026-11-20-task33", "2026-11-20-task37-rebound"]


@pytest.mark.e2e
def test_a_published_event_cannot_vanish_or_change(live_with_event: Path, tmp_path: Path) -> None:
    root = _copy(live_with_event, tmp_path)
    event = root / "data" / "events" / "2026-11-20-task37-rebound.yaml"
    event.unlink()
    assert _refused(root) == [
        "data/events/2026-11-20-task37-rebound.yaml：这条记录已于2026-11-20起在网站上公开，数据中却找不到该文件；"
        "已公开的延期整改和问题反弹不能删除或改名，请恢复该文件（原样放回 data/events/）"
    ]
    event.write_text(REBOUND_37.replace("scope: [达拉特旗]", "scope: [准格尔旗]"), encoding="utf-8")
    (line,) = _refused(root)
    # Named at the field that makes it another record (its line), not at the file's first line.
    assert line.startswith("data/events/2026-11-20-task37-rebound.yaml:3: scope: 这条记录已于2026-11-20起在网站上公开（")
    assert "达拉特旗" in line and "准格尔旗" in line


@pytest.mark.e2e
def test_a_backdated_event_is_refused_and_recorded_from_the_live_date_passes(live: Path, tmp_path: Path) -> None:
    root = _copy(live, tmp_path)
    events = root / "data" / "events"
    events.mkdir(exist_ok=True)
    (events / "2026-11-20-task37-rebound.yaml").write_text(REBOUND_37, encoding="utf-8")
    (line,) = _refused(root)
    assert line.startswith("data/events/2026-11-20-task37-rebound.yaml:1: recorded: 网站按2026-11-28生成时没有这条记录")
    assert "请填写 'recorded: 2026-11-28'" in line
    (events / "2026-11-20-task37-rebound.yaml").write_text(REBOUND_37 + "recorded: 2026-11-29\n", encoding="utf-8")
    assert _build(root).returncode == 0


@pytest.mark.e2e
def test_a_backdated_or_changed_withdrawal_is_refused(live: Path, tmp_path: Path) -> None:
    root = _copy(live, tmp_path)
    path = root / "data" / "notices" / "2026-10-19-task30.yaml"
    original = path.read_text(encoding="utf-8")
    path.write_text(original + "withdrawn:\n  date: 2026-11-20\n  reason: 验收材料有误。\n", encoding="utf-8")
    (line,) = _refused(root)
    assert "withdrawn.date: 网站按2026-11-28生成时这份公示尚未撤回，撤回日期却是2026-11-20" in line
    path.write_text(original + "withdrawn:\n  date: 2026-11-29\n  reason: 验收材料有误。\n", encoding="utf-8")
    assert _build(root).returncode == 0
    path.write_text(original + "withdrawn:\n  date: 2026-11-30\n  reason: 验收材料有误。\n", encoding="utf-8")
    (line,) = _refused(root, day=DAY_AFTER + dt.timedelta(days=1))
    assert "withdrawn: 网站已公开这份公示于2026-11-29撤回，撤回记录不能改为2026-11-30" in line


@pytest.mark.e2e
def test_the_date_check_waits_for_the_lock_so_the_live_site_never_goes_back(live: Path, tmp_path: Path) -> None:
    import json

    root = _copy(live, tmp_path)
    later, earlier = AS_OF + dt.timedelta(days=2), DAY_AFTER

    def start(day: dt.date) -> subprocess.Popen[str]:
        env = {**_env(), "SOURCE_DATE_EPOCH": str(epoch_of(day))}
        return subprocess.Popen([str(GONGSHI), "build"], cwd=root, env=env, text=True, encoding="utf-8",
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    first = start(later)
    second = start(earlier)
    first_out, second_out = first.communicate(timeout=600), second.communicate(timeout=600)
    marker = json.loads((root / "site" / ".gongshi-site.json").read_text(encoding="utf-8"))
    assert first.returncode == 0, first_out
    assert marker["as_of"] == later.isoformat()
    if second.returncode != 0:  # it took the lock second: refused, under the lock
        assert "不能用更早的日期 2026-11-29 替换" in second_out[1]


# --- a rebound moved from a published report to data/events/ (the shipped task 33) -----------------------

REPORT_REBOUND_33 = """\
    rebound:
      found: 2026-11-20
      finding: 现场检查发现达拉特旗白泥井镇部分已改造农户清洁取暖设备闲置，恢复燃煤取暖，整改效果未能巩固。
      notice: 市生态环境局督办通知（示例）
"""


@pytest.fixture(scope="module")
def live_before_move(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The live site as the previous data published it: task 33's rebound inside the 2026 report."""
    from generator.build import build_site

    root = copy_project(tmp_path_factory.mktemp("live-before-move") / "project")
    shutil.rmtree(root / "data" / "events")
    report = root / "data" / "progress" / "2026.yaml"
    text = report.read_text(encoding="utf-8")
    marker = "  - task: 34\n"
    report.write_text(text.replace(marker, REPORT_REBOUND_33 + marker, 1), encoding="utf-8")
    build_site(root, AS_OF, root / "site", live=True)
    return root


def test_a_rebound_moved_from_a_published_report_is_the_same_record(live_before_move: Path, tmp_path: Path) -> None:
    record = read_record(live_before_move)
    assert record is not None and record.report_rebounds == {("ordos-nmg-r2", 33, dt.date(2026, 11, 20))}
    dataset, _ = load_dataset(copy_project(tmp_path / "shipped"))  # the shipped data: moved to data/events/
    assert record_problems(record, dataset) == []


def test_a_moved_rebound_with_another_found_date_is_a_backdated_record(live_before_move: Path, tmp_path: Path) -> None:
    root = copy_project(tmp_path / "redated")
    events = root / "data" / "events"
    text = (events / "2026-11-20-task33.yaml").read_text(encoding="utf-8")
    (events / "2026-11-20-task33.yaml").unlink()
    (events / "2026-11-19-task33.yaml").write_text(text.replace("date: 2026-11-20", "date: 2026-11-19"), encoding="utf-8")
    dataset, _ = load_dataset(root)
    record = read_record(live_before_move)
    assert record is not None
    (line,) = record_problems(record, dataset)
    assert line.startswith("data/events/2026-11-19-task33.yaml:")
    assert "recorded:" in line


# --- what a published record says, not only that it exists --------------------------------------------------

EXTENSION_37 = (
    "task: 37\nkind: 延期整改\nscope: [乌审旗]\ndate: 2026-11-02\n"
    "document: 市委、市人民政府关于第37项整改任务延期整改的批复（示例）\nrequested: 2026-10-20\n"
    "reason: 工程量大，未能按期完成。\nnew_deadline: 2027-06-30\napproved_by: 市委、市人民政府\n"
)
REBOUND_33_ESCALATED = (
    "task: 33\nkind: 问题反弹\nscope: [鄂托克旗]\ndate: 2026-11-25\ndocument: 市生态环境局督办通知〔2026〕9号（示例）\n"
    "finding: 现场检查发现部分农户恢复燃煤取暖。\nlimit: 2027-03-31\n"
    "escalation:\n  date: 2026-11-26\n  document: 市生态环境局关于问题反弹情况的报告（示例）\n"
)
WITHDRAWAL = "withdrawn:\n  date: 2026-11-20\n  reason: 验收材料有误。\n"


@pytest.fixture(scope="module")
def live_with_texts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A live site, as of AS_OF, that published an extension, an escalated rebound and a withdrawal."""
    from generator.build import build_site

    root = copy_project(tmp_path_factory.mktemp("live-texts") / "project")
    events = root / "data" / "events"
    (events / "2026-11-02-task37-extension.yaml").write_text(EXTENSION_37, encoding="utf-8")
    (events / "2026-11-25-task33-rebound.yaml").write_text(REBOUND_33_ESCALATED, encoding="utf-8")
    notice = root / "data" / "notices" / "2026-10-19-task30.yaml"
    notice.write_text(notice.read_text(encoding="utf-8") + WITHDRAWAL, encoding="utf-8")
    build_site(root, AS_OF, root / "site", live=True)
    return root


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


EXT, REB = "events/2026-11-02-task37-extension.yaml", "events/2026-11-25-task33-rebound.yaml"


@pytest.mark.e2e
@pytest.mark.parametrize(
    ("file", "old", "new", "field"),
    [
        (EXT, "new_deadline: 2027-06-30", "new_deadline: 2027-09-30", "new_deadline"),
        (EXT, "reason: 工程量大，未能按期完成。", "reason: 资金未到位。", "reason"),
        (EXT, "approved_by: 市委、市人民政府", "approved_by: 市人民政府", "approved_by"),
        (EXT, "document: 市委、市人民政府关于", "document: 市人民政府关于", "document"),
        (REB, "limit: 2027-03-31", "limit: 2027-06-30", "limit"),
        (REB, "finding: 现场检查发现", "finding: 抽查发现", "finding"),
        (REB, "escalation:\n  date: 2026-11-26\n  document: 市生态环境局关于问题反弹情况的报告（示例）\n", "", "escalation"),
        ("notices/2026-10-19-task30.yaml", "reason: 验收材料有误。", "reason: 另行公示。", "withdrawn.reason"),
    ],
    ids=["new_deadline", "reason", "approved_by", "document", "limit", "finding", "escalation", "withdrawn.reason"],
)
def test_a_published_text_cannot_be_rewritten_and_the_field_is_named(
    live_with_texts: Path, tmp_path: Path, file: str, old: str, new: str, field: str
) -> None:
    from generator.publication_record import content_changes

    root = tmp_path / "project"
    shutil.copytree(live_with_texts / "data", root / "data")
    dataset, _ = load_dataset(root)
    record = read_record(live_with_texts)
    assert record is not None
    assert record_problems(record, dataset) == [] and content_changes(record, dataset) == []
    _edit(root / "data" / file, old, new)
    dataset, _ = load_dataset(root)
    assert record_problems(record, dataset) == []
    (change,) = content_changes(record, dataset)
    # The field's own line (the file's first line for a field now gone).
    key = field.split(".")[0] + ":"
    lines = (root / "data" / file).read_text(encoding="utf-8").splitlines()
    line = next((i for i, text in enumerate(lines, 1) if text.startswith(key)), 1)
    assert change.line.startswith(f"data/{file}:{line}: {field}: 网站自"), change.line
    assert "已公开的内容不能悄悄改写" in change.line and "gongshi build --rebuild-record" in change.line


@pytest.mark.e2e
def test_a_rewritten_text_stops_the_build_and_a_person_may_correct_it_with_rebuild_record(
    live_with_texts: Path, tmp_path: Path
) -> None:
    import json

    root = _copy(live_with_texts, tmp_path)
    _edit(root / "data" / EXT, "new_deadline: 2027-06-30", "new_deadline: 2027-09-30")
    assert _refused(root) == [
        f"data/{EXT}:8: new_deadline: 网站自2026-11-02起公开的 'new_deadline' 是「2027-06-30」，数据中却改成了「2027-09-30」；"
        "已公开的内容不能悄悄改写，请改回原样；确有错误需要更正时，请另建一条记录说明（例如再次延期另建一条延期整改记录），"
        "或由负责人运行 gongshi build --rebuild-record 公开更正（会记入网站的公开记录）"
    ]
    result = _build(root, "--rebuild-record")
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"注意：按 --rebuild-record 的要求，更正已公开的内容（data/{EXT} 的 'new_deadline' 由「2027-06-30」更正为「2027-09-30」），"
        "并记入网站的公开记录"
    ]
    marker = json.loads((root / "site" / ".gongshi-site.json").read_text(encoding="utf-8"))
    assert marker["rebuilt"] == [
        {"on": DAY_AFTER.isoformat(), "reason": f"data/{EXT} 的 'new_deadline' 由「2027-06-30」更正为「2027-09-30」"}
    ]
    assert marker["events"]["2026-11-02-task37-extension"]["content"]["new_deadline"] == "2027-09-30"


@pytest.mark.e2e
def test_a_marker_without_texts_is_still_read_and_its_texts_recorded_on_the_next_build(
    live_with_texts: Path, tmp_path: Path
) -> None:
    import json

    root = _copy(live_with_texts, tmp_path)
    path = root / "site" / ".gongshi-site.json"
    marker = json.loads(path.read_text(encoding="utf-8"))
    for event in marker["events"].values():
        del event["content"]
    for notice in marker["notices"].values():
        notice.pop("withdrawn_reason", None)
    path.write_text(json.dumps(marker, ensure_ascii=False), encoding="utf-8")
    assert _build(root).returncode == 0
    marker = json.loads(path.read_text(encoding="utf-8"))
    assert marker["events"]["2026-11-02-task37-extension"]["content"]["reason"] == "工程量大，未能按期完成。"
    assert marker["notices"]["2026-10-19-task30"]["withdrawn_reason"] == "验收材料有误。"


@pytest.mark.e2e
def test_a_site_of_the_previous_release_keeps_the_events_its_feeds_published(live_with_texts: Path, tmp_path: Path) -> None:
    import json

    root = _copy(live_with_texts, tmp_path)
    (root / "site" / ".gongshi-site.json").write_text(
        json.dumps({"generator": "gongshi", "as_of": AS_OF.isoformat()}) + "\n", encoding="utf-8"
    )
    assert "urn:gongshi:ordos-nmg-r2:event:2026-11-02-task37-extension" in (root / "site" / "feed.xml").read_text("utf-8")
    (root / "data" / EXT).unlink()  # deleted while the previous release's site carried it
    assert _refused(root) == [
        "data/events/2026-11-02-task37-extension.yaml：现有网站（上一版本的 gongshi 生成）的订阅中已公开 ordos-nmg-r2 的这条记录，"
        "数据中却找不到该文件；已公开的延期整改和问题反弹不能删除或改名，请恢复该文件（原样放回 data/events/）后再生成"
    ]


def _correct_calendar(root: Path) -> None:
    """A correction of 2026's working days that ends 2026-09-14-task37-dalate-zhungeer's published window a day later."""
    (root / "data" / "calendar").mkdir(exist_ok=True)
    (root / "data" / "calendar" / "2026.yaml").write_text(
        "source: 国务院办公厅关于2026年部分节假日安排的通知\n"
        "corrects: 国务院办公厅关于调整2026年部分节假日安排的通知（测试用，非官方）\n"
        "holidays:\n  - 2026-01-01\nworkdays: []\n",
        encoding="utf-8",
    )


@pytest.mark.e2e
def test_a_calendar_correction_that_moves_a_published_window_is_refused_naming_the_notice(
    live: Path, tmp_path: Path
) -> None:
    root = _copy(live, tmp_path)
    _correct_calendar(root)
    lines = _refused(root)
    assert lines == [
        "data/notices/2026-09-14-task37-dalate-zhungeer.yaml:7: start: 网站已公开公示 2026-09-14-task37-dalate-zhungeer "
        "的公示期为2026-09-14至2026-09-24，按现在的工作日安排却到2026-09-25结束；已公开的公示期不能悄悄改动，"
        "请核对 data/calendar/ 中的文件（'corrects' 所依据的通知是否确实改变了这几天）；"
        "确需按更正通知改动时，由负责人运行 gongshi build --rebuild-record 公开更正（会记入网站的公开记录）"
    ]
    # A person who checked the correction makes it public; the change is logged in the record.
    result = _build(root, "--rebuild-record")
    assert result.returncode == 0, result.stderr
    assert "的公示期由「2026-09-14至2026-09-24」更正为「2026-09-14至2026-09-25」" in result.stderr


@pytest.mark.e2e
def test_a_notice_withdrawn_before_its_window_ended_is_not_refused_for_a_moved_end(live: Path, tmp_path: Path) -> None:
    import dataclasses

    from generator.publication_record import content_changes

    root = tmp_path / "project"
    shutil.copytree(live / "data", root / "data")
    _correct_calendar(root)
    notice_id = "2026-09-14-task37-dalate-zhungeer"  # published 2026-09-14 to 2026-09-24; now to 2026-09-25
    path = root / "data" / "notices" / f"{notice_id}.yaml"
    original = path.read_text(encoding="utf-8")
    record = read_record(live)
    assert record is not None

    def changes_withdrawn_on(day: dt.date) -> list[str]:
        path.write_text(original + f"withdrawn:\n  date: {day.isoformat()}\n  reason: 验收材料有误。\n", encoding="utf-8")
        withdrawn = dataclasses.replace(record, withdrawals={**record.withdrawals, notice_id: day})
        dataset, calendar = load_dataset(root)
        assert record_problems(withdrawn, dataset, calendar) == []
        return [c.line for c in content_changes(withdrawn, dataset, calendar)]

    # Withdrawn (and so published) before either end: the window never ended, where it would have no longer matters.
    assert changes_withdrawn_on(dt.date(2026, 9, 18)) == []
    # Withdrawn after its published window ended: that end was reached and stays as published.
    (line,) = changes_withdrawn_on(dt.date(2026, 9, 28))
    assert line.startswith(f"data/notices/{notice_id}.yaml:7: start: 网站已公开公示 {notice_id} 的公示期为2026-09-14至2026-09-24")


# --- gongshi check says what the next live build will say -------------------------------------------------------


def _check(root: Path, day: dt.date = DAY_AFTER):
    from click.testing import CliRunner

    from generator.cli import main

    env = {"SOURCE_DATE_EPOCH": str(epoch_of(day)), "GONGSHI_AS_OF": None}
    return CliRunner().invoke(main, ["--root", str(root), "check"], env=env)


def _set_preview(site: Path) -> None:
    marker = site / ".gongshi-site.json"
    marker.write_text(marker.read_text(encoding="utf-8").replace('"mode": "live"', '"mode": "preview"'), encoding="utf-8")


@pytest.mark.e2e
@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda root: _edit(root / "data" / "events" / "2026-11-20-task33.yaml", "finding: 现场检查发现", "finding: 抽查发现"),
         "data/events/2026-11-20-task33.yaml:10: finding: 网站自"),
        (_correct_calendar, "data/notices/2026-09-14-task37-dalate-zhungeer.yaml:7: start: 网站已公开公示"),
        (lambda root: _set_preview(root / "site"), "/site/.gongshi-site.json：正式网站目录中的网站标记为按 2026-11-28 生成的预览"),
        (lambda root: (root / "site" / ".gongshi-site.json").unlink(), "/site/.gongshi-site.json：正式网站的公开记录文件不存在"),
    ],
    ids=["event-field", "calendar-correction", "preview-marker", "marker-removed"],
)
def test_check_refuses_what_the_live_build_refuses_in_the_same_words(
    live: Path, tmp_path: Path, change, expected: str
) -> None:
    root = _copy(live, tmp_path)
    passed = _check(root)
    assert passed.exit_code == 0, passed.stderr
    change(root)
    site_before, data_before = _digest(root / "site"), _digest(root / "data")
    checked = _check(root)
    assert (checked.exit_code, checked.stdout) == (1, "")
    assert _digest(root / "site") == site_before and _digest(root / "data") == data_before  # read only
    refused = _refused(root)
    assert checked.stderr.splitlines() == refused
    assert len(refused) == 1 and expected in refused[0], refused
    if "site" in expected:
        assert RECOVER in refused[0]
