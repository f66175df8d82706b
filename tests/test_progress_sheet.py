"""`gongshi progress template` and `gongshi progress import`: the yearly report through Excel and back.

Rules from the plan and the report reader: status words are the three a
report may use; a published report is never silently changed; several
workbooks merge and the same cell filled two ways is refused; the file's
comments and what no workbook covers stay as they were.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner, Result

from generator.cli import main
from generator.load import load_dataset
from generator.progress import STATUSES

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """The shipped data with the 2026 report not yet published (its date moved to 2027-01-20)."""
    shutil.copytree(REPO / "data", tmp_path / "data")
    report = tmp_path / "data" / "progress" / "2026.yaml"
    report.write_text(
        report.read_text(encoding="utf-8").replace("published: 2026-11-26", "published: 2027-01-20"), encoding="utf-8"
    )
    return tmp_path


def run(root: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--root", str(root), "progress", *args])


def rows(path: Path) -> list[tuple]:
    return list(openpyxl.load_workbook(path)["年度整改进展"].iter_rows(values_only=True))


def fill(path: Path, edits: dict[tuple, tuple[str | None, str | None]]) -> None:
    """edits: (task, 旗区 or None, 措施序号 or None) → (进展状态, 进展情况); None leaves a cell as it is."""
    wb = openpyxl.load_workbook(path)
    ws = wb["年度整改进展"]
    for row in ws.iter_rows(min_row=2):
        key = (row[0].value, row[1].value, row[2].value)
        if key in edits:
            status, progress = edits[key]
            if status is not None:
                row[5].value = status
            if progress is not None:
                row[6].value = progress
    wb.save(path)


def test_template_rows_locks_and_choices(root: Path) -> None:
    result = run(root, "template", "--year", "2026", "--out", str(root / "t.xlsx"))
    assert result.exit_code == 0, result.output
    dataset, _ = load_dataset(root)
    plan = dataset.plans[0]
    report = next(r for r in dataset.progress if r.year == 2026)
    table = rows(root / "t.xlsx")
    assert table[0] == ("序号", "旗区", "措施序号", "整改任务及整改措施（方案原文）", "责任单位", "进展状态", "进展情况")
    expected = sum(1 + len(t.measures) + (len(t.banners) if len(t.banners) > 1 else 0) for t in plan.tasks)
    assert len(table) - 1 == expected
    task16 = plan.task(16)
    first = next(r for r in table if r[0] == 16 and r[2] is None and r[1] is None)
    assert first[5] == report.task(16).status and task16.problem in first[3]
    measure = next(r for r in table if r[0] == 16 and r[2] == 1)
    assert measure[3] == task16.measures[0] and measure[6] == report.task(16).measure(1).progress
    wb = openpyxl.load_workbook(root / "t.xlsx")
    ws = wb["年度整改进展"]
    assert ws.protection.sheet
    assert ws["D2"].protection.locked and not ws["F2"].protection.locked and ws["F3"].protection.locked
    assert not ws["G3"].protection.locked
    (validation,) = ws.data_validations.dataValidation
    assert validation.formula1 == '"' + ",".join(STATUSES) + '"'
    assert "F2" in str(validation.sqref) and "F3" not in str(validation.sqref).split()


def test_template_for_one_banner_and_unit(root: Path) -> None:
    assert run(root, "template", "--year", "2026", "--scope", "杭锦旗", "--out", str(root / "h.xlsx")).exit_code == 0
    dataset, _ = load_dataset(root)
    plan = dataset.plans[0]
    table = rows(root / "h.xlsx")[1:]
    assert {r[0] for r in table} == {t.no for t in plan.tasks if "杭锦旗" in t.banners}
    assert {r[1] for r in table if r[1]} == {"杭锦旗"}
    assert run(root, "template", "--year", "2026", "--unit", "市水利局", "--out", str(root / "u.xlsx")).exit_code == 0
    assert {r[0] for r in rows(root / "u.xlsx")[1:]} == {t.no for t in plan.tasks if "市水利局" in t.responsible.units}
    refused = run(root, "template", "--year", "2026", "--out", str(root / "h.xlsx"))
    assert refused.exit_code == 1 and "文件已存在，不会覆盖" in refused.stderr


def test_import_merges_keeps_comments_and_the_rest(root: Path) -> None:
    for name, banner in (("a.xlsx", "杭锦旗"), ("b.xlsx", "达拉特旗")):
        assert run(root, "template", "--year", "2026", "--scope", banner, "--out", str(root / name)).exit_code == 0
    fill(root / "a.xlsx", {(16, "杭锦旗", None): ("已完成", "杭锦旗项目已建成。")})
    fill(root / "b.xlsx", {(16, "达拉特旗", None): (None, "达拉特旗已完成整改并报验收。")})
    before = (root / "data" / "progress" / "2026.yaml").read_text(encoding="utf-8")
    result = run(root, "import", str(root / "a.xlsx"), str(root / "b.xlsx"), "--year", "2026", "--published", "2027-01-20")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("已更新 data/progress/2026.yaml：从2个表格读入")
    after = (root / "data" / "progress" / "2026.yaml").read_text(encoding="utf-8")
    assert after.splitlines()[:3] == before.splitlines()[:3]  # the file's comments
    dataset, _ = load_dataset(root)
    entry = next(r for r in dataset.progress if r.year == 2026).task(16)
    assert entry.banner("杭锦旗").status == "已完成" and entry.banner("杭锦旗").progress == "杭锦旗项目已建成。"
    assert entry.banner("达拉特旗").progress == "达拉特旗已完成整改并报验收。"
    assert "该项整改问题反弹记录在 data/events/2026-11-20-task33.yaml" in after  # not in any workbook: kept


def test_import_new_report(root: Path) -> None:
    assert run(root, "template", "--year", "2027", "--unit", "市水利局", "--out", str(root / "w.xlsx")).exit_code == 0
    fill(root / "w.xlsx", {(3, None, None): ("达到序时进度", None), (3, None, 1): (None, "开展规划水资源论证。")})
    result = run(root, "import", str(root / "w.xlsx"), "--year", "2027", "--published", "2028-01-15")
    assert result.exit_code == 0, result.output
    dataset, _ = load_dataset(root)
    report = next(r for r in dataset.progress if r.year == 2027)
    assert [t.task_no for t in report.tasks] == [3]
    assert report.task(3).measure(1).progress == "开展规划水资源论证。"


def test_import_errors_name_file_sheet_and_cell(root: Path) -> None:
    for name in ("a.xlsx", "b.xlsx"):
        assert run(root, "template", "--year", "2026", "--unit", "市水利局", "--out", str(root / name)).exit_code == 0
    fill(root / "a.xlsx", {(3, None, None): ("已销号", None), (3, None, 2): (None, "甲")})
    fill(root / "b.xlsx", {(3, None, 2): (None, "乙")})
    result = run(root, "import", str(root / "a.xlsx"), str(root / "b.xlsx"), "--year", "2026", "--published", "2027-01-20")
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        "a.xlsx:年度整改进展!F2: 进展状态: 应为以下之一：已完成、达到序时进度、进展滞后；实际是 '已销号'",
        "b.xlsx:年度整改进展!G4: 进展情况: 与 a.xlsx:年度整改进展!G4 填写的不同；同一格只能有一种填法，请统一后重新导入",
    ]
    assert "Traceback" not in result.output


def test_published_report_is_not_changed(root: Path) -> None:
    assert run(root, "template", "--year", "2025", "--out", str(root / "p.xlsx")).exit_code == 0
    before = (root / "data" / "progress" / "2025.yaml").read_bytes()
    result = run(root, "import", str(root / "p.xlsx"), "--year", "2025", "--published", "2026-01-20")
    assert result.exit_code == 1
    assert result.stderr.startswith("data/progress/2025.yaml: 该报告已于")
    assert (root / "data" / "progress" / "2025.yaml").read_bytes() == before


def test_a_workbook_that_unpacks_too_far_is_refused_before_it_is_read(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A zip bomb: small on disk, parts that unpack beyond the limit; nothing is unpacked or written.

    The limit is lowered here so the test does not build hundreds of megabytes.
    """
    import zipfile

    from generator import progress_sheet

    template = root / "t.xlsx"
    assert run(root, "template", "--year", "2026", "--out", str(template)).exit_code == 0
    limit = unpacked(template) + 1_000
    monkeypatch.setattr(progress_sheet, "MAX_UNPACKED_BYTES", limit)
    bomb = root / "bomb.xlsx"
    with zipfile.ZipFile(template) as source, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            out.writestr(info, source.read(info))
        out.writestr("xl/media/padding.bin", b"\0" * 100_000)
    assert bomb.stat().st_size < template.stat().st_size + 1_000 < unpacked(bomb)
    before = (root / "data" / "progress" / "2026.yaml").read_bytes()
    result = run(root, "import", str(bomb), "--year", "2026", "--published", "2027-01-20")
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"bomb.xlsx: 工作簿解压后有 {unpacked(bomb):,} 字节，超过上限 {limit:,} 字节，"
        "不是 gongshi progress template 生成的填报表；请用 gongshi progress template 重新生成表格后填写"
    ]
    assert (root / "data" / "progress" / "2026.yaml").read_bytes() == before
    assert "Traceback" not in result.output
    # The template itself, under the limit, still imports.
    assert run(root, "import", str(template), "--year", "2026", "--published", "2027-01-20").exit_code == 0


def unpacked(path: Path) -> int:
    import zipfile

    with zipfile.ZipFile(path) as archive:
        return sum(info.file_size for info in archive.infolist())
