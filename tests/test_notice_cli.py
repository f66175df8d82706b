"""`gongshi notice new` and `gongshi notice list`: exact lines, exit codes, and never overwriting."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import data_tree, drop_acceptance_units

from generator.asof import epoch_of
from generator.cli import main

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """The shipped site.yaml and plans only."""
    return data_tree(tmp_path)


# Today, for `notice ready` and `check`: the day the shipped examples are dated, whatever the clock says.
TODAY = {"SOURCE_DATE_EPOCH": str(epoch_of(dt.date(2026, 11, 28))), "GONGSHI_AS_OF": None}


def run(root: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--root", str(root), "notice", *args], env=TODAY)


def test_new_writes_a_draft_and_prints_the_window(root: Path) -> None:
    result = run(root, "new", "--task", "37", "--start", "2026-12-07", "--scope", "杭锦旗", "--scope", "达拉特旗")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "已写出 data/drafts/2026-12-07-task37-dalate-hangjin.yaml",
        "公示期：2026-12-07 至 2026-12-18（共10个工作日）",
        "工作日：2026-12-07 2026-12-08 2026-12-09 2026-12-10 2026-12-11 2026-12-14 2026-12-15 2026-12-16 2026-12-17 2026-12-18",
        "下一步：填写标有“待填写”的字段，运行 gongshi check；"
        "填完后运行 gongshi notice ready data/drafts/2026-12-07-task37-dalate-hangjin.yaml 发布",
    ]
    assert not (root / "data" / "notices").exists()
    text = (root / "data" / "drafts" / "2026-12-07-task37-dalate-hangjin.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[:12] == [
        "# 第37项整改任务验收销号公示（达拉特旗、杭锦旗）",
        "# 由 gongshi notice new 生成的草稿，在 data/drafts/ 中不会发布。填写下面所有空着的字段（待填写），"
        "运行 gongshi check 检查，再运行 gongshi notice ready 发布（或把本文件移到 data/notices/）。",
        "# 公示期：2026年12月7日至2026年12月18日（共10个工作日），按国务院办公厅节假日安排计算。",
        "# 开始日期之前，本公示不会出现在网站上。",
        "# 方案编号",
        "plan: ordos-nmg-r2",
        "# 整改任务序号",
        "task: 37",
        "# 本次公示涉及的旗区（分旗区验收时填写；删去本字段即为整项任务）",
        "scope:",
        "  - 达拉特旗",
        "  - 杭锦旗",
    ]
    assert "  unit: 市住建局" in text.splitlines()


def test_new_whole_task_file_name(root: Path) -> None:
    result = run(root, "new", "--task", "7", "--start", "2026-12-07")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "已写出 data/drafts/2026-12-07-task7.yaml"


@pytest.mark.parametrize("folder", ["drafts", "notices"])
def test_new_never_overwrites(root: Path, folder: str) -> None:
    target = root / "data" / folder / "2026-12-07-task7.yaml"
    target.parent.mkdir()
    target.write_text("# 已填写的公示\n", encoding="utf-8")
    result = run(root, "new", "--task", "7", "--start", "2026-12-07")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"data/{folder}/2026-12-07-task7.yaml：文件已存在；请直接修改它，或换一个 --start 或 --scope",
    ]
    assert target.read_text(encoding="utf-8") == "# 已填写的公示\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--task", "7", "--start", "2026-12-05"),
         "--start：2026-12-05（星期六）不是工作日；下一个工作日是 2026-12-07"),
        (("--task", "7", "--start", "2026-10-01"),
         "--start：2026-10-01（星期四）不是工作日；下一个工作日是 2026-10-08"),
        (("--task", "41", "--start", "2026-12-07"),
         "--task：方案 'ordos-nmg-r2' 没有第41项整改任务（整改任务为第1–40项）"),
        (("--task", "7", "--start", "2026-12-07", "--scope", "杭锦旗"),
         "--scope：“杭锦旗”不是第7项整改任务涉及的旗区（涉及：鄂托克前旗）"),
        (("--task", "7", "--start", "2026-12-07", "--scope", "鄂托克前"),
         "--scope：方案 'ordos-nmg-r2' 没有旗区“鄂托克前”；是否应为 '鄂托克前旗'？（旗区：东胜区、康巴什区、达拉特旗、"
         "准格尔旗、鄂托克前旗、鄂托克旗、杭锦旗、乌审旗、伊金霍洛旗）"),
        (("--task", "7", "--start", "2026-12-07", "--plan", "other"),
         "--plan：没有编号为 'other' 的整改方案（已有方案：ordos-nmg-r2）"),
        (("--task", "7", "--start", "2026-12-21"),
         "--start：没有 2027 年的官方工作日安排：chinese-calendar 收录了 2004–2026 年；请根据国务院办公厅的节假日安排"
         "（国务院办公厅关于2027年部分节假日安排的通知）添加 data/calendar/2027.yaml"),
        (("--task", "7", "--start", "2026-12-7"),
         "--start：日期请写作 2026-12-07（年-月-日，月和日各两位），不要写作 '2026-12-7'"),
        (("--task", "7", "--start", "2026年12月7日"),
         "--start：日期请写作 2026-12-07（年-月-日，月和日各两位），不要写作 '2026年12月7日'"),
    ],
)
def test_new_refuses(root: Path, args: tuple[str, ...], message: str) -> None:
    result = run(root, "new", *args)
    assert (result.exit_code, result.stderr.splitlines()) == (1, [message])
    assert not (root / "data" / "notices").exists()
    assert not (root / "data" / "drafts").exists()


NO_ACCEPTANCE_7 = (
    "第7项整改任务没有验收单位（方案未列），验收销号须由排名第一位的验收单位牵头；"
    "请先在 data/plans/ordos-nmg-r2/tasks.yaml 第96行起的这项任务中填写 'acceptance_units'，再为它建立公示"
)


def test_a_task_without_acceptance_units_gets_no_notice_until_they_are_filled_in(root: Path) -> None:
    tasks = root / "data" / "plans" / "ordos-nmg-r2" / "tasks.yaml"
    shipped = tasks.read_text(encoding="utf-8")
    drop_acceptance_units(root, 7)
    assert check(root).exit_code == 0  # the plan itself is accepted
    refused = run(root, "new", "--task", "7", "--start", "2026-12-07")
    assert (refused.exit_code, refused.stderr.splitlines()) == (1, [f"--task：{NO_ACCEPTANCE_7}"])
    assert not (root / "data" / "drafts").exists()

    tasks.write_text(shipped, encoding="utf-8")
    assert run(root, "new", "--task", "7", "--start", "2026-12-07").exit_code == 0
    draft = root / "data" / "drafts" / "2026-12-07-task7.yaml"
    fill(draft)
    drop_acceptance_units(root, 7)  # taken out again before the draft is made ready
    ready = run(root, "ready", "2026-12-07-task7")
    assert ready.exit_code == 1
    assert ready.stderr.splitlines() == [
        f"data/drafts/2026-12-07-task7.yaml:8: task: {NO_ACCEPTANCE_7}",
        "data/drafts/2026-12-07-task7.yaml：草稿未移动；请按上面各行修改后再运行 gongshi notice ready",
    ]
    assert draft.exists() and not (root / "data" / "notices").exists()


APPROACHING = "临近时限（60天内到期）、尚无验收销号公示的整改任务，按责任单位（可据此下达整改提醒函）："


def queue(stdout: str) -> list[str]:
    """`notice list` up to its 临近时限 section."""
    lines = stdout.splitlines()
    return lines[: lines.index(APPROACHING)]


def approaching(stdout: str) -> list[str]:
    lines = stdout.splitlines()
    return lines[lines.index(APPROACHING) + 1 :]


def test_list_prints_the_queue_in_sections(root: Path) -> None:
    shutil.copytree(REPO / "data" / "notices", root / "data" / "notices")
    result = run(root, "list", "--as-of", "2026-11-28")
    assert result.exit_code == 0, result.stderr
    # 预判 (附件 二（二）): parts due within 60 days with no notice under way, by 责任单位, for 提醒函.
    # Each task under every responsible unit, as the site's unit pages list it (status.warned_units).
    t12 = "    第12项（东胜区、准格尔旗、鄂托克旗）  2026-12-31 到期，还有33天"
    t13 = "    第13项（东胜区、康巴什区、达拉特旗、准格尔旗、鄂托克前旗、鄂托克旗、杭锦旗、乌审旗、伊金霍洛旗）  2026-12-31 到期，还有33天"
    t15 = "    第15项（杭锦旗）  2026-12-31 到期，还有33天"
    t16 = "    第16项（达拉特旗、鄂托克旗、杭锦旗、乌审旗）  2026-12-31 到期，还有33天"
    # Task 32's close-out date is 2027-12-31, but its measure 二是 is due 2026年12月底前 (issue 21, deliverable 8).
    t32 = "    第32项（准格尔旗、杭锦旗、乌审旗）  2026-12-31 到期，还有33天（整改措施二是的时间节点：2026年12月底前）"
    t36 = ("    第36项（东胜区、康巴什区、达拉特旗、准格尔旗、鄂托克前旗、乌审旗、伊金霍洛旗）  2026-12-31 到期，还有33天"
           "（整改措施四是的时间节点：2026年底前）")
    assert approaching(result.stdout) == [
        "  市能源局", t12,
        "  市自然资源局", t12, t13, t15, t16, t36,
        "  市林草局", t13, t15, t16, t36,
        "  市公安局", t13,
        "  市生态环境局", t15, t16, t32, t36,
        "  市文旅局", t15, t16,
        "  市应急管理局", t32,
        "  市住建局", t36,
    ]
    assert queue(result.stdout) == [
        "数据截至 2026-11-28",
        "待发布（开始日期之前不出现在网站上）：",
        "  2026-12-07-task7  第7项 餐厨垃圾处理设施建设（鄂托克前旗）验收销号公示  2026-12-07 开始，2026-12-18 届满",
        "公示中：",
        "  2026-11-23-task24  第24项 小流域再生水循环利用工程（伊金霍洛旗）验收销号公示  2026-12-04 届满，还剩5个工作日",
        "公示期满，待记录销号：",
        "  2026-11-02-task28  第28项 超低排放改造缓慢（东胜区、鄂托克前旗、鄂托克旗、伊金霍洛旗）验收销号公示  2026-11-13 已届满",
        "异议核实中：",
        "  2026-11-16-task37-etuoke-hangjin  第37项 农村生活垃圾填埋场运行管理不规范（鄂托克旗、杭锦旗）验收销号公示  收到异议：2026-11-24",
        "草稿（在 data/drafts/ 中，不发布）：",
        "  无",
    ]


def test_list_with_nothing_to_do(root: Path) -> None:
    result = run(root, "list", "--as-of", "2026-11-28")
    assert queue(result.stdout) == [
        "数据截至 2026-11-28",
        "待发布（开始日期之前不出现在网站上）：",
        "  无",
        "公示中：",
        "  无",
        "公示期满，待记录销号：",
        "  无",
        "异议核实中：",
        "  无",
        "草稿（在 data/drafts/ 中，不发布）：",
        "  无",
    ]


def test_list_reports_broken_notices_one_per_line(root: Path) -> None:
    (root / "data" / "notices").mkdir()
    (root / "data" / "notices" / "a.yaml").write_text("task: 99\n", encoding="utf-8")
    result = run(root, "list", "--as-of", "2026-11-28")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "data/notices/a.yaml:1: acceptance: 缺少必填字段",
        "data/notices/a.yaml:1: completion: 缺少必填字段",
        "data/notices/a.yaml:1: start: 缺少必填字段",
        "data/notices/a.yaml:1: task: 方案 'ordos-nmg-r2' 没有第99项整改任务（整改任务为第1–40项）",
    ]


def check(root: Path) -> Result:
    return CliRunner().invoke(main, ["--root", str(root), "check"], env=TODAY)


def fill(path: Path) -> None:
    text = path.read_text(encoding="utf-8").replace("completion: |\n", "completion: |\n  已完成。\n")
    text = text.replace('  date: ""', "  date: 2026-12-01").replace('  opinion: ""', "  opinion: 同意。")
    text = text.replace('approved: ""', "approved: 2026-12-02")  # the committee's consent: it is queued
    path.write_text(text, encoding="utf-8")


def test_a_draft_is_warned_about_never_published_and_made_ready(root: Path) -> None:
    from generator.load import load_dataset

    assert run(root, "new", "--task", "7", "--start", "2026-12-07").exit_code == 0
    draft = root / "data" / "drafts" / "2026-12-07-task7.yaml"
    checked = check(root)
    assert checked.exit_code == 0, checked.stderr
    assert [line for line in checked.stderr.splitlines() if "drafts" in line] == [
        "data/drafts/2026-12-07-task7.yaml:19: 警告：completion: 不能为空",
        "data/drafts/2026-12-07-task7.yaml:34: 警告：acceptance.date: 不能为空",
        "data/drafts/2026-12-07-task7.yaml:37: 警告：acceptance.opinion: 不能为空",
        "data/drafts/2026-12-07-task7.yaml:39: 警告：approved: 这份公示（开始日期 2026-12-07）尚未对外公示；验收销号意见须经"
        "市生态环境保护委员会同意后才能公示（附件 一），请填写 'approved'（委员会同意的日期）",
    ]
    assert checked.stdout.splitlines()[1] == (
        "草稿：1份（在 data/drafts/ 中，不发布），其中0份已填写完整，可用 gongshi notice ready 发布"
    )
    dataset, _ = load_dataset(root)  # what a build reads: the unfilled draft neither fails it nor appears
    assert dataset.notices == ()
    listed = run(root, "list", "--as-of", "2026-11-28")
    assert queue(listed.stdout)[-2:] == [
        "草稿（在 data/drafts/ 中，不发布）：",
        "  data/drafts/2026-12-07-task7.yaml  还有4处待改；运行 gongshi check 查看",
    ]
    before = draft.read_text(encoding="utf-8")
    refused = run(root, "ready", "data/drafts/2026-12-07-task7.yaml")
    assert refused.exit_code == 1
    assert refused.stderr.splitlines() == [
        "data/drafts/2026-12-07-task7.yaml:19: completion: 不能为空",
        "data/drafts/2026-12-07-task7.yaml:34: acceptance.date: 不能为空",
        "data/drafts/2026-12-07-task7.yaml:37: acceptance.opinion: 不能为空",
        "data/drafts/2026-12-07-task7.yaml:39: approved: 这份公示（开始日期 2026-12-07）尚未对外公示；验收销号意见须经"
        "市生态环境保护委员会同意后才能公示（附件 一），请填写 'approved'（委员会同意的日期）",
        "data/drafts/2026-12-07-task7.yaml：草稿未移动；请按上面各行修改后再运行 gongshi notice ready",
    ]
    assert draft.read_text(encoding="utf-8") == before
    fill(draft)
    listed = run(root, "list", "--as-of", "2026-11-28")
    assert queue(listed.stdout)[-1] == (
        "  data/drafts/2026-12-07-task7.yaml  已填写完整，2026-12-07 开始；"
        "运行 gongshi notice ready data/drafts/2026-12-07-task7.yaml 发布"
    )
    ready = run(root, "ready", "2026-12-07-task7")
    assert (ready.exit_code, ready.stdout.splitlines()) == (0, [
        "已移到 data/notices/2026-12-07-task7.yaml：2026-12-07 起在网站上公示（开始日期之前不出现在网站上）"
    ])
    assert not draft.exists()
    dataset, _ = load_dataset(root)
    assert [n.id for n in dataset.notices] == ["2026-12-07-task7"]


def test_ready_refuses_what_is_not_a_draft_and_a_notice_that_overlaps(root: Path) -> None:
    assert run(root, "new", "--task", "7", "--start", "2026-12-07").exit_code == 0
    assert run(root, "new", "--task", "7", "--start", "2026-12-08").exit_code == 0
    for name in ("2026-12-07-task7.yaml", "2026-12-08-task7.yaml"):
        fill(root / "data" / "drafts" / name)
    assert run(root, "ready", "2026-12-07-task7.yaml").exit_code == 0
    refused = run(root, "ready", "2026-12-08-task7")
    assert refused.exit_code == 1
    assert refused.stderr.splitlines()[-1] == (
        "data/drafts/2026-12-08-task7.yaml：草稿未移动；请按上面各行修改后再运行 gongshi notice ready"
    )
    assert refused.stderr.splitlines()[0].startswith("data/drafts/2026-12-08-task7.yaml:")  # the file to edit
    assert (root / "data" / "drafts" / "2026-12-08-task7.yaml").exists()
    assert not (root / "data" / "notices" / "2026-12-08-task7.yaml").exists()
    missing = run(root, "ready", "data/notices/2026-12-07-task7.yaml")
    assert (missing.exit_code, missing.stderr.splitlines()) == (1, [
        "data/notices/2026-12-07-task7.yaml：不是 data/drafts/ 中的草稿文件；请给出 gongshi notice new 写出的文件"
    ])


def test_ready_refuses_a_draft_whose_start_has_passed(root: Path) -> None:
    assert run(root, "new", "--task", "7", "--start", "2026-11-23").exit_code == 0
    fill(root / "data" / "drafts" / "2026-11-23-task7.yaml")
    (root / "data" / "drafts" / "2026-11-23-task7.yaml").write_text(
        (root / "data" / "drafts" / "2026-11-23-task7.yaml").read_text(encoding="utf-8").replace(
            "  date: 2026-12-01", "  date: 2026-11-20").replace("approved: 2026-12-02", "approved: 2026-11-20"),
        encoding="utf-8")
    refused = run(root, "ready", "2026-11-23-task7")
    assert (refused.exit_code, refused.stderr.splitlines()) == (1, [
        "data/drafts/2026-11-23-task7.yaml：开始日期 2026-11-23 已过（今天是 2026-11-28），草稿未移动；"
        "公示期从在网站上公开之日起计算，请把 'start' 和文件名中的日期改为 2026-11-30 或以后的工作日；"
        "此前已在其他渠道发布的，请填写 'published_elsewhere'"
    ])
    assert (root / "data" / "drafts" / "2026-11-23-task7.yaml").exists()


def _live_site(root: Path, as_of: dt.date) -> None:
    """site/ as a live build as of `as_of` leaves it when no notice or report is public yet: its record and open data."""
    import json

    from generator.publication_record import PublicationRecord
    from generator.schema import OpenDataKey as K

    site = root / "site"
    (site / "api").mkdir(parents=True)
    (site / ".gongshi-site.json").write_text(PublicationRecord(as_of).text(), encoding="utf-8")
    for name, key in (("notices.json", K.NOTICES), ("progress.json", K.REPORTS)):
        (site / "api" / name).write_text(json.dumps({K.AS_OF: as_of.isoformat(), key: []}), encoding="utf-8")


def test_ready_and_check_refuse_a_start_the_live_site_was_already_built_for(root: Path) -> None:
    # 12-07, 10:00: that day's 00:05 live build is done; a notice starting today would be public from tomorrow.
    monday = {"SOURCE_DATE_EPOCH": str(epoch_of(dt.date(2026, 12, 7))), "GONGSHI_AS_OF": None}
    _live_site(root, dt.date(2026, 12, 7))
    invoke = CliRunner().invoke
    assert invoke(main, ["--root", str(root), "notice", "new", "--task", "7", "--start", "2026-12-07"], env=monday).exit_code == 0
    draft = root / "data" / "drafts" / "2026-12-07-task7.yaml"
    fill(draft)
    refusal = (
        ":10: start: 网站按2026-12-07生成时没有这份公示，开始日期却是2026-12-07，发布后会显示为早已开始公示；"
        "公示期从在网站上公开之日起计算，请把 'start' 和文件名中的日期改为 2026-12-08 或以后的工作日；"
        "如果本公示此前已在其他渠道（报纸等）发布，请填写 'published_elsewhere'（渠道 'channel' 和发布日期 'date'）"
    )
    refused = invoke(main, ["--root", str(root), "notice", "ready", "2026-12-07-task7"], env=monday)
    assert (refused.exit_code, refused.stderr.splitlines()) == (1, [
        "data/drafts/2026-12-07-task7.yaml" + refusal,
        "data/drafts/2026-12-07-task7.yaml：草稿未移动；请按上面各行修改后再运行 gongshi notice ready",
    ])
    assert draft.exists()
    # Put in place by hand: check says what the next live build will say, not 检查通过.
    (root / "data" / "notices").mkdir()
    draft.rename(root / "data" / "notices" / draft.name)
    checked = invoke(main, ["--root", str(root), "check"], env=monday)
    assert (checked.exit_code, checked.stdout, checked.stderr.splitlines()) == (
        1, "", ["data/notices/2026-12-07-task7.yaml" + refusal]
    )
    # The day after the live build's date passes both.
    (root / "data" / "notices" / draft.name).rename(draft)
    text = draft.read_text(encoding="utf-8").replace("start: 2026-12-07", "start: 2026-12-08")
    (root / "data" / "drafts" / "2026-12-08-task7.yaml").write_text(text, encoding="utf-8")
    draft.unlink()
    ready = invoke(main, ["--root", str(root), "notice", "ready", "2026-12-08-task7"], env=monday)
    assert ready.exit_code == 0, ready.stderr
    assert invoke(main, ["--root", str(root), "check"], env=monday).exit_code == 0


# ---------------------------------------------------------------- ready: checked in place, then one rename


def _files(folder: Path) -> dict[str, tuple[int, int, int, bytes]]:
    """Each file by name: inode, change time, modification time, bytes (a rename changes the change time)."""
    if not folder.is_dir():
        return {}
    return {p.name: (p.stat().st_ino, p.stat().st_ctime_ns, p.stat().st_mtime_ns, p.read_bytes())
            for p in sorted(folder.iterdir())}


def _folders(root: Path) -> dict[str, object]:
    """data/drafts and data/notices: each folder's own times (changed by any rename in or out) and its files."""
    found: dict[str, object] = {}
    for name in ("drafts", "notices"):
        folder = root / "data" / name
        found[name] = (folder.stat().st_mtime_ns, folder.stat().st_ctime_ns, _files(folder))
    return found


def _overlapping_draft(root: Path) -> Path:
    """A published notice for task 7 from 2026-12-07, and a filled draft from 2026-12-08 whose window overlaps it."""
    assert run(root, "new", "--task", "7", "--start", "2026-12-07").exit_code == 0
    fill(root / "data" / "drafts" / "2026-12-07-task7.yaml")
    assert run(root, "ready", "2026-12-07-task7").exit_code == 0
    assert run(root, "new", "--task", "7", "--start", "2026-12-08").exit_code == 0
    draft = root / "data" / "drafts" / "2026-12-08-task7.yaml"
    fill(draft)
    return draft


def test_a_refused_draft_is_never_moved(root: Path) -> None:
    draft = _overlapping_draft(root)
    before = _folders(root)
    time.sleep(0.05)  # past the file system's clock tick: a rename out and back would show in the times
    refused = run(root, "ready", draft.name)
    assert refused.exit_code == 1
    assert _folders(root) == before
    assert refused.stderr.splitlines()[0].startswith("data/drafts/2026-12-08-task7.yaml:10: start: 公示期 2026-12-08 至")


GONGSHI = Path(sys.executable).parent / "gongshi"


def _start_ready(root: Path, name: str) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k != "GONGSHI_AS_OF"}
    env["SOURCE_DATE_EPOCH"] = TODAY["SOURCE_DATE_EPOCH"]  # type: ignore[assignment]
    return subprocess.Popen([str(GONGSHI), "--root", str(root), "notice", "ready", name],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


@pytest.mark.e2e
@pytest.mark.parametrize("overlapping", [True, False], ids=["refused", "moved"])
def test_ready_killed_at_any_instant_leaves_the_draft_or_the_notice(root: Path, overlapping: bool) -> None:
    """Killed anywhere in its run, `notice ready` leaves the file whole in exactly one of the two folders.

    A refused draft never reaches data/notices/, not even for a moment (the
    nightly build would publish an overlapping notice); a good one is either
    still a draft, which can be readied again, or a notice that passes the check.
    """
    draft = _overlapping_draft(root)
    if not overlapping:  # the same window for another task
        draft.unlink()
        assert run(root, "new", "--task", "8", "--start", "2026-12-08").exit_code == 0
        draft = root / "data" / "drafts" / "2026-12-08-task8.yaml"
        fill(draft)
    notice = root / "data" / "notices" / draft.name
    text = draft.read_bytes()

    def restore() -> None:
        notice.unlink(missing_ok=True)
        if not draft.exists():
            draft.write_bytes(text)

    for task in range(10, 20):  # other notices, read with the draft as a nightly build reads them
        assert run(root, "new", "--task", str(task), "--start", "2026-12-07").exit_code == 0
        fill(root / "data" / "drafts" / f"2026-12-07-task{task}.yaml")
        assert run(root, "ready", f"2026-12-07-task{task}").exit_code == 0, task
    published = _files(root / "data" / "notices")
    # Kill at instants spread over the part of the run after Python and gongshi are loaded.
    timed = time.monotonic()
    assert _start_ready(root, "no-such-draft").wait(timeout=60) == 1
    loaded = time.monotonic() - timed
    timed = time.monotonic()
    assert _start_ready(root, draft.name).wait(timeout=60) == (1 if overlapping else 0)
    duration = time.monotonic() - timed
    restore()
    steps = 16
    for step in range(steps):
        instant = 0.9 * loaded + (1.1 * duration - 0.9 * loaded) * (step + 0.5) / steps
        process = _start_ready(root, draft.name)
        time.sleep(instant)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        where = [path for path in (draft, notice) if path.exists()]
        assert len(where) == 1, f"after a kill at {instant:.3f}s: {where}"
        assert where[0].read_bytes() == text, f"a cut file after a kill at {instant:.3f}s"
        assert [p.name for p in root.glob("data/*/.*")] == [], f"a leftover after a kill at {instant:.3f}s"
        if overlapping:
            assert where == [draft], f"an overlapping notice published by a kill at {instant:.3f}s"
            assert _files(root / "data" / "notices") == published
        elif where == [notice]:
            checked = check(root)
            assert checked.exit_code == 0, checked.stderr
        else:
            again = run(root, "ready", draft.name)
            assert again.exit_code == 0, again.stderr
            assert not draft.exists() and notice.read_bytes() == text
        restore()


@pytest.mark.e2e
def test_two_overlapping_drafts_readied_at_once_publish_exactly_one(root: Path) -> None:
    """Each `notice ready` checks and moves under the project lock: the second sees the first one's notice."""
    drafts = []
    for start in ("2026-12-08", "2026-12-09"):  # the same task, windows that overlap
        assert run(root, "new", "--task", "7", "--start", start).exit_code == 0
        drafts.append(root / "data" / "drafts" / f"{start}-task7.yaml")
        fill(drafts[-1])
    texts = [d.read_bytes() for d in drafts]
    notices = root / "data" / "notices"
    for _ in range(5):  # unlocked, both moved about one round in three
        started = [_start_ready(root, d.name) for d in drafts]
        codes = sorted(p.wait(timeout=120) for p in started)
        moved = sorted(p.name for p in notices.iterdir()) if notices.is_dir() else []
        assert codes == [0, 1] and len(moved) == 1, (codes, moved)
        for draft, text in zip(drafts, texts, strict=True):  # back to two drafts for the next round
            (notices / draft.name).unlink(missing_ok=True)
            draft.write_bytes(text)


def test_ready_refuses_a_queued_draft_without_the_committee_s_consent(root: Path) -> None:
    assert run(root, "new", "--task", "7", "--start", "2026-12-07").exit_code == 0
    draft = root / "data" / "drafts" / "2026-12-07-task7.yaml"
    fill(draft)
    draft.write_text(draft.read_text(encoding="utf-8").replace("approved: 2026-12-02", 'approved: ""'), encoding="utf-8")
    refused = run(root, "ready", "2026-12-07-task7")
    assert refused.exit_code == 1 and draft.exists()
    assert refused.stderr.splitlines()[0].startswith("data/drafts/2026-12-07-task7.yaml:")
    assert "请填写 'approved'（委员会同意的日期）" in refused.stderr


def test_a_draft_without_the_committee_s_consent_is_not_complete_and_leaves_its_task_approaching(root: Path) -> None:
    """验收销号意见经市生态环境保护委员会同意后…对外公示 (附件 一): with no `approved` a draft cannot be published,
    so `notice list` and `check` do not call it complete, and its task stays 临近时限."""
    assert run(root, "new", "--task", "12", "--start", "2026-12-07").exit_code == 0
    draft = root / "data" / "drafts" / "2026-12-07-task12.yaml"
    assert 'approved: ""' in draft.read_text(encoding="utf-8").splitlines()  # to fill in, not commented out
    fill(draft)
    draft.write_text(draft.read_text(encoding="utf-8").replace("approved: 2026-12-02", 'approved: ""'), encoding="utf-8")
    listed = run(root, "list", "--as-of", "2026-11-28")
    assert queue(listed.stdout)[-1] == "  data/drafts/2026-12-07-task12.yaml  还有1处待改；运行 gongshi check 查看"
    assert "    第12项（东胜区、准格尔旗、鄂托克旗）  2026-12-31 到期，还有33天" in approaching(listed.stdout)
    checked = check(root)
    assert checked.exit_code == 0, checked.stderr
    assert [line for line in checked.stderr.splitlines() if "drafts" in line] == [
        "data/drafts/2026-12-07-task12.yaml:42: 警告：approved: 这份公示（开始日期 2026-12-07）尚未对外公示；"
        "验收销号意见须经市生态环境保护委员会同意后才能公示（附件 一），请填写 'approved'（委员会同意的日期）"
    ]
    assert "其中0份已填写完整" in checked.stdout
    fill(draft)  # the consent recorded: complete, and under way
    draft.write_text(draft.read_text(encoding="utf-8").replace('approved: ""', "approved: 2026-12-02"), encoding="utf-8")
    listed = run(root, "list", "--as-of", "2026-11-28")
    assert queue(listed.stdout)[-1].startswith("  data/drafts/2026-12-07-task12.yaml  已填写完整")
    assert not [line for line in approaching(listed.stdout) if "第12项" in line]


def test_a_queued_notice_behind_an_objection_still_being_verified_is_made_ready_with_a_warning(root: Path) -> None:
    """附件 一: 杭锦旗's objection to task 37 (received 2026-11-24) is still 待核实 on 2026-11-28. A notice for 杭锦旗
    starting 2026-12-07 may be queued, the result may yet be recorded: a warning saying what the build will do then."""
    earlier = "2026-11-16-task37-etuoke-hangjin.yaml"
    (root / "data" / "notices").mkdir(exist_ok=True)
    (root / "data" / "notices" / earlier).write_bytes((REPO / "data" / "notices" / earlier).read_bytes())
    assert run(root, "new", "--task", "37", "--scope", "杭锦旗", "--start", "2026-12-07").exit_code == 0
    draft = root / "data" / "drafts" / "2026-12-07-task37-hangjin.yaml"
    fill(draft)
    listed = run(root, "list", "--as-of", "2026-11-28")
    assert "data/drafts/2026-12-07-task37-hangjin.yaml  已填写完整" in listed.stdout
    ready = run(root, "ready", "2026-12-07-task37-hangjin")
    assert ready.exit_code == 0, ready.stderr
    assert (root / "data" / "notices" / draft.name).exists()
    (warning,) = [line for line in ready.stderr.splitlines() if "仍在核实" in line]
    assert warning.startswith(f"data/drafts/{draft.name}:") and "警告：start:" in warning
    assert warning.endswith("这份公示 2026-12-07 才开始：到那天仍未记录核实结果的，生成网站会被拒绝，请先把它移回 data/drafts/")
