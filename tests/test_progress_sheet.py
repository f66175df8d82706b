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
from generator.yamlsrc import bad_character

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
    # Per task its status row and one row per measure; for a task of several 旗区 the same again per 旗区.
    expected = sum((1 + len(t.measures)) * (1 + (len(t.banners) if len(t.banners) > 1 else 0)) for t in plan.tasks)
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


# --- A sheet knows what it is (#23) ---------------------------------------------------------


def line_of(path: Path, key: tuple) -> int:
    """The sheet row of (task, 旗区 or None, 措施序号 or None)."""
    for i, row in enumerate(rows(path), 1):
        if (row[0], row[1], row[2]) == key:
            return i
    raise KeyError(key)


def edit(path: Path, cells: dict[str, object], sheet: str = "年度整改进展") -> None:
    wb = openpyxl.load_workbook(path)
    for coordinate, value in cells.items():
        wb[sheet][coordinate] = value
    wb.save(path)


def report_text(root: Path, name: str = "2026.yaml") -> str:
    return (root / "data" / "progress" / name).read_text(encoding="utf-8")


def report_line(root: Path, task: int, banner: str, measure: int | None, holds: str) -> int:
    """The line of the 2026 report's entry (a task's 旗区 entry, or its measure), checked to read `holds`."""
    dataset, _ = load_dataset(root)
    own = next(r for r in dataset.progress if r.year == 2026).task(task).banner(banner)  # type: ignore[union-attr]
    entry = own.measure(measure) if measure else own  # type: ignore[union-attr]
    assert entry is not None
    assert holds in report_text(root).splitlines()[entry.line - 1]
    return entry.line


def test_a_banner_sheet_opens_only_its_own_rows(root: Path) -> None:
    path = root / "h.xlsx"
    assert run(root, "template", "--year", "2026", "--scope", "杭锦旗", "--out", str(path)).exit_code == 0
    ws = openpyxl.load_workbook(path)["年度整改进展"]
    own, city, measure = line_of(path, (16, "杭锦旗", None)), line_of(path, (16, None, None)), line_of(path, (16, None, 1))
    assert not ws[f"F{own}"].protection.locked and not ws[f"G{own}"].protection.locked
    assert ws[f"F{city}"].protection.locked and ws[f"G{measure}"].protection.locked
    only = line_of(path, (15, None, None))  # task 15 is 杭锦旗's alone: its city rows are the 旗区's
    assert not ws[f"F{only}"].protection.locked
    edit(path, {f"G{measure}": "市级的文字"})
    result = run(root, "import", str(path), "--year", "2026", "--published", "2027-01-20")
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"h.xlsx:年度整改进展!G{measure}: 进展情况: 此格不属于本表（杭锦旗的表格）填写的范围，改动不会导入；"
        "请只填写本表可以编辑的行，或请相关单位填写"
    )


def test_a_unit_sheet_writes_only_the_tasks_it_leads(root: Path) -> None:
    path = root / "u.xlsx"
    assert run(root, "template", "--year", "2026", "--unit", "市发改委", "--out", str(path)).exit_code == 0
    ws = openpyxl.load_workbook(path)["年度整改进展"]
    assert ws[f"F{line_of(path, (3, None, None))}"].protection.locked  # 市水利局 leads task 3
    banner_rows = [i for i, r in enumerate(rows(path), 1) if r[1]]
    assert banner_rows and all(ws[f"F{i}"].protection.locked for i in banner_rows)


def test_sheets_import_in_any_order_with_the_same_result(root: Path, tmp_path: Path) -> None:
    for name, banner in (("a.xlsx", "杭锦旗"), ("b.xlsx", "达拉特旗")):
        assert run(root, "template", "--year", "2026", "--scope", banner, "--out", str(root / name)).exit_code == 0
    fill(root / "a.xlsx", {(16, "杭锦旗", None): ("已完成", "杭锦旗项目已建成。")})
    fill(root / "b.xlsx", {(16, "达拉特旗", None): ("进展滞后", "达拉特旗正在推进。")})
    other = tmp_path / "other"
    shutil.copytree(root, other)
    together = run(root, "import", str(root / "a.xlsx"), str(root / "b.xlsx"), "--year", "2026", "--published", "2027-01-20")
    assert together.exit_code == 0, together.output
    for name in ("b.xlsx", "a.xlsx"):
        one = run(other, "import", str(other / name), "--year", "2026", "--published", "2027-01-20")
        assert one.exit_code == 0, one.output
    assert report_text(root) == report_text(other)
    again = run(other, "import", str(other / "a.xlsx"), "--year", "2026", "--published", "2027-01-20")
    assert again.exit_code == 0 and report_text(root) == report_text(other)


def test_a_change_against_data_changed_since_names_both(root: Path) -> None:
    path = root / "a.xlsx"
    assert run(root, "template", "--year", "2026", "--scope", "杭锦旗", "--out", str(path)).exit_code == 0
    fill(path, {(16, "杭锦旗", None): (None, "表格中的文字。")})
    first = run(root, "template", "--year", "2026", "--scope", "杭锦旗", "--out", str(root / "b.xlsx"))
    assert first.exit_code == 0
    fill(root / "b.xlsx", {(16, "杭锦旗", None): (None, "另一张表的文字。")})
    assert run(root, "import", str(root / "b.xlsx"), "--year", "2026", "--published", "2027-01-20").exit_code == 0
    result = run(root, "import", str(path), "--year", "2026", "--published", "2027-01-20")
    assert result.exit_code == 1
    line = line_of(path, (16, "杭锦旗", None))
    at = report_line(root, 16, "杭锦旗", None, "banner: 杭锦旗")  # the 旗区's entry, whose progress changed
    assert result.stderr.strip().startswith(
        f"a.xlsx:年度整改进展!G{line}: 进展情况: 生成表格之后，data/progress/2026.yaml:{at} 中的这一项已改为“另一张表的文字。”"
    )


def test_a_sheet_for_another_plan_or_year_or_without_its_record_is_refused(root: Path) -> None:
    path = root / "t.xlsx"
    assert run(root, "template", "--year", "2026", "--unit", "市水利局", "--out", str(path)).exit_code == 0
    fill(path, {(3, None, 1): (None, "新的进展。")})
    year = run(root, "import", str(path), "--year", "2027", "--published", "2028-01-20")
    assert year.exit_code == 1 and year.stderr.strip() == (
        "t.xlsx: 这是 2026 年度的表格，不能作为 2027 年度导入；请用 --year 2026，或重新生成 2027 年度的表格"
    )
    wb = openpyxl.load_workbook(path)
    wb["gongshi"]["B2"] = "baotou-r1"
    wb.save(root / "p.xlsx")
    plan = run(root, "import", str(root / "p.xlsx"), "--year", "2026", "--published", "2027-01-20")
    assert plan.exit_code == 1 and "这是方案 baotou-r1 的表格，不是方案 ordos-nmg-r2 的" in plan.stderr
    del wb["gongshi"]
    wb.save(root / "old.xlsx")
    old = run(root, "import", str(root / "old.xlsx"), "--year", "2026", "--published", "2027-01-20")
    assert old.exit_code == 1 and old.stderr.strip() == (
        "old.xlsx: 没有生成时的记录（可能由较早版本的 gongshi 生成或已被改动）；请用 gongshi progress template 重新生成表格再填写"
    )
    assert openpyxl.load_workbook(path)["gongshi"].sheet_state == "veryHidden"


def test_only_a_banner_status_in_a_new_year_is_one_line_not_a_crash(root: Path) -> None:
    path = root / "h.xlsx"
    assert run(root, "template", "--year", "2027", "--scope", "杭锦旗", "--out", str(path)).exit_code == 0
    fill(path, {(16, "杭锦旗", None): ("已完成", None)})
    result = run(root, "import", str(path), "--year", "2027", "--published", "2028-01-20")
    assert result.exit_code == 1 and "Traceback" not in result.output
    line = line_of(path, (16, "杭锦旗", None))
    assert result.stderr.strip() == (
        f"h.xlsx:年度整改进展!G{line}: 进展情况: 已选择杭锦旗的进展状态，请在同一行填写杭锦旗的进展情况，"
        "或在下面杭锦旗的各条整改措施行填写进展情况"
    )


def test_a_banner_sheet_alone_makes_entries_of_that_banner_only(root: Path) -> None:
    """Only the 旗区 sheets came back (issue 23): the task holds its 旗区 entry; the city status waits (本年度未报告)."""
    path = root / "h.xlsx"
    assert run(root, "template", "--year", "2027", "--scope", "杭锦旗", "--out", str(path)).exit_code == 0
    fill(path, {(16, "杭锦旗", None): ("已完成", "杭锦旗已完成。")})
    result = run(root, "import", str(path), "--year", "2027", "--published", "2028-01-20")
    assert result.exit_code == 0, result.output
    dataset, _ = load_dataset(root)
    entry = next(r for r in dataset.progress if r.year == 2027).task(16)
    assert (entry.status, entry.measures) == (None, ())
    assert [(b.banner, b.status, b.progress) for b in entry.banners] == [("杭锦旗", "已完成", "杭锦旗已完成。")]


# --- Officers' files: one default name per sheet, the right messages (#23, second pass) ----------------


def test_each_banner_and_unit_sheet_has_its_own_default_name(root: Path) -> None:
    """Nine 旗区 and twenty units: each sheet its own file in 输出/, none refused or replaced by another."""
    made = {}
    for args in ((), ("--scope", "杭锦旗"), ("--scope", "杭锦旗", "--scope", "达拉特旗"), ("--unit", "市水利局")):
        result = run(root, "template", "--year", "2027", *args)
        assert result.exit_code == 0, result.output
        made[args] = result.stdout.split("：")[0].removeprefix("已生成 ")
    assert list(made.values()) == [
        "输出/2027年度整改进展填报表.xlsx",
        "输出/2027年度整改进展填报表（杭锦旗）.xlsx",
        "输出/2027年度整改进展填报表（杭锦旗、达拉特旗）.xlsx",
        "输出/2027年度整改进展填报表（市水利局）.xlsx",
    ]
    assert all((root / name).is_file() for name in made.values())
    assert openpyxl.load_workbook(root / made[("--scope", "杭锦旗")])["gongshi"]["B4"].value == "杭锦旗"


def test_a_file_size_limit_during_the_import_names_the_report(root: Path) -> None:
    """The report is reread from a temporary copy before it is written: a failure there named no file."""
    import subprocess
    import sys

    path = made(root)
    fill(path, {(3, None, 1): (None, "新的进展。")})
    report = root / "data" / "progress" / "2026.yaml"
    before = report.read_bytes()
    args = [sys.executable, "-m", "generator", "--root", str(root), "progress", "import", str(path),
            "--year", "2026", "--published", "2027-01-20"]
    done = subprocess.run(["bash", "-c", 'ulimit -f 8; exec "$@"', "-", *args], capture_output=True, text=True,
                          check=False)
    assert (done.returncode, done.stdout, done.stderr.splitlines()) == (1, "", [
        f"{report}：文件大小超过了系统的限制（文件大小上限或磁盘配额），请清理磁盘空间或请管理员放宽限制后重新生成"
    ])
    assert report.read_bytes() == before


@pytest.mark.parametrize("key", ["formula", "inserted"])
def test_a_refused_key_cell_is_the_only_line(root: Path, key: str) -> None:
    """The task's status chosen, its measure's text in a row refused by its 序号: G of the task row is not blamed too."""
    path = root / "t.xlsx"
    assert run(root, "template", "--year", "2027", "--unit", "市水利局", "--out", str(path)).exit_code == 0
    status, line = line_of(path, (3, None, None)), line_of(path, (3, None, 1))
    wb = openpyxl.load_workbook(path)
    ws = wb["年度整改进展"]
    ws[f"F{status}"] = "已完成"
    if key == "formula":
        ws[f"A{line}"] = "=1+2"
        ws[f"G{line}"] = "新的进展。"
        expected = f"t.xlsx:年度整改进展!A{line}: 序号: 是公式，不是方案中的序号；请恢复为表格生成时的数字"
    else:
        ws.insert_rows(line)
        ws[f"G{line}"] = "说明"
        expected = f"t.xlsx:年度整改进展!A{line}: 序号: 此行没有序号（可能是插入的行）；说明文字请写在“进展情况”中，或删除此行"
    wb.save(path)
    result = run(root, "import", str(path), "--year", "2027", "--published", "2028-01-20")
    assert (result.exit_code, result.stderr.splitlines()) == (1, [expected])


def test_true_in_a_text_column_is_asked_for_as_text(root: Path) -> None:
    path = made(root)
    line = line_of(path, (3, None, 1))
    edit(path, {f"G{line}": True})
    result = imported(root, path)
    assert (result.exit_code, result.stderr.splitlines()) == (1, [
        f"t.xlsx:年度整改进展!G{line}: 进展情况: 应为文字，Excel 把这格当成了逻辑值 TRUE；请改为文字（确要写 TRUE 时，先输入一个英文单引号 '）"
    ])

# --- Published means published; the report file is the one that exists ------------------------


def test_published_is_not_judged_by_a_clock_set_back(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")  # 2025-01-01: before the 2025 report's date
    assert run(root, "template", "--year", "2025", "--out", str(root / "p.xlsx")).exit_code == 0
    result = run(root, "import", str(root / "p.xlsx"), "--year", "2025", "--published", "2026-01-20")
    assert result.exit_code == 1 and "该报告已于2026年1月20日公开" in result.stderr


@pytest.mark.parametrize("year", ["1999", "0", "2099"])
def test_years_outside_the_disclosure_are_refused(root: Path, year: str) -> None:
    result = run(root, "template", "--year", year, "--out", str(root / "t.xlsx"))
    assert result.exit_code == 1 and not (root / "t.xlsx").exists()
    assert result.stderr.startswith("--year: 方案 ordos-nmg-r2 的年度整改进展只能是 2025–") and year in result.stderr


def test_a_published_year_says_so_at_once(root: Path) -> None:
    result = run(root, "template", "--year", "2025", "--out", str(root / "p.xlsx"))
    assert result.exit_code == 0
    assert result.stderr.startswith("注意：2025年度整改进展已于2026年1月20日公开，此表只能查看，不能再导入")
    assert "gongshi progress import" not in result.output  # no next step that would be refused
    unpublished = run(root, "template", "--year", "2026", "--out", str(root / "u.xlsx"))
    assert unpublished.stdout.splitlines()[-1] == "请在“进展状态”“进展情况”两列填写，填好后运行 gongshi progress import"


def test_the_report_file_is_the_one_that_exists(root: Path) -> None:
    folder = root / "data" / "progress"
    (folder / "2026.yaml").rename(folder / "2026-ordos-nmg-r2.yaml")
    path = root / "w.xlsx"
    assert run(root, "template", "--year", "2026", "--unit", "市水利局", "--out", str(path)).exit_code == 0
    fill(path, {(3, None, 1): (None, "新的进展。")})
    result = run(root, "import", str(path), "--year", "2026", "--published", "2027-01-20")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("已更新 data/progress/2026-ordos-nmg-r2.yaml")
    assert not (folder / "2026.yaml").exists()
    assert "新的进展。" in report_text(root, "2026-ordos-nmg-r2.yaml")


# --- Workbooks read safely, cells read as an officer means them ----------------------------------


def made(root: Path, name: str = "t.xlsx") -> Path:
    path = root / name
    assert run(root, "template", "--year", "2026", "--unit", "市水利局", "--out", str(path)).exit_code == 0
    return path


def imported(root: Path, *paths: Path) -> Result:
    return run(root, "import", *map(str, paths), "--year", "2026", "--published", "2027-01-20")


def test_a_stray_cell_at_the_last_row_is_quick_and_named(root: Path) -> None:
    import time

    path = made(root)
    edit(path, {"H1048576": "x", "A1048576": "备注"})
    started = time.monotonic()
    result = imported(root, path)
    assert time.monotonic() - started < 10
    assert result.exit_code == 1
    assert result.stderr.strip() == "t.xlsx:年度整改进展!A1048576: 序号: 应为数字，实际是“备注”；请恢复为表格生成时的内容（不要插入或删除行）"


def test_cells_read_as_an_officer_means_them(root: Path) -> None:
    path = made(root)
    status, m1, m2, m3 = (line_of(path, (3, None, m)) for m in (None, 1, 2, 3))
    edit(path, {f"A{m1}": "3", f"G{m1}": "第一行_x000D_\n第二行", f"G{m2}": "#N/A",
                f"G{m3}": __import__("datetime").datetime(2027, 11, 30)})
    result = imported(root, path)
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"t.xlsx:年度整改进展!G{m2}: 进展情况: 是 Excel 的错误值 #N/A（公式或粘贴出错）；请改为文字",
        f"t.xlsx:年度整改进展!G{m3}: 进展情况: Excel 把这格当成了日期 2027-11-30；请把单元格设为文本，或写作 2027年11月30日",
    ]
    edit(path, {f"G{m2}": "第二条。", f"G{m3}": "2027年11月30日完成。"})
    result = imported(root, path)
    assert result.exit_code == 0, result.output
    dataset, _ = load_dataset(root)
    entry = next(r for r in dataset.progress if r.year == 2026).task(3)
    assert entry.measure(1).progress == "第一行\n第二行" and entry.measure(3).progress == "2027年11月30日完成。"


@pytest.mark.parametrize("key", ["merged", "formula", "true", "inserted"])
def test_key_cells_that_are_not_numbers_are_named(root: Path, key: str) -> None:
    path = made(root)
    line = line_of(path, (3, None, 1))
    wb = openpyxl.load_workbook(path)
    ws = wb["年度整改进展"]
    ws[f"G{line}"] = "新的进展。"
    expected = {
        "merged": f"t.xlsx:年度整改进展!A{line}: 序号: 是合并单元格的一部分；请取消合并，按表格原样每行填写",
        "formula": f"t.xlsx:年度整改进展!A{line}: 序号: 是公式，不是方案中的序号；请恢复为表格生成时的数字",
        "true": f"t.xlsx:年度整改进展!A{line}: 序号: 应为数字，实际是“TRUE”；请恢复为表格生成时的内容（不要插入或删除行）",
        "inserted": f"t.xlsx:年度整改进展!A{line}: 序号: 此行没有序号（可能是插入的行）；说明文字请写在“进展情况”中，或删除此行",
    }[key]
    if key == "merged":
        ws.merge_cells(f"A{line - 1}:A{line}")
    elif key == "formula":
        ws[f"A{line}"] = "=1+2"
    elif key == "true":
        ws[f"A{line}"] = True
    else:
        ws.insert_rows(line)
        ws[f"G{line}"] = "说明"
    wb.save(path)
    result = imported(root, path)
    assert result.exit_code == 1
    assert expected in result.stderr.strip().splitlines(), result.stderr


def test_a_task_number_the_plan_does_not_have_is_refused_in_the_plan_s_words(root: Path) -> None:
    path = made(root)
    line = line_of(path, (3, None, 1))
    edit(path, {f"A{line}": 41, f"G{line}": "新的进展。"})
    result = imported(root, path)
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"t.xlsx:年度整改进展!A{line}: 序号: 方案 'ordos-nmg-r2' 没有第41项整改任务（整改任务为第1–40项）；"
        "序号、旗区、措施序号列不要修改"
    ]


def zipped(source: Path, target: Path, change: dict[str, bytes]) -> Path:
    import zipfile

    with zipfile.ZipFile(source) as inp, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in inp.infolist():
            out.writestr(info.filename, change.get(info.filename, inp.read(info)))
        for name in set(change) - set(inp.namelist()):
            out.writestr(name, change[name])
    return target


@pytest.mark.parametrize(("part", "body", "message"), [
    ("xl/workbook.xml", b"<workbook", "其中 xl/workbook.xml 已损坏，无法读取；请用 Excel 或 WPS 打开后另存为 .xlsx 再导入"),
    ("xl/styles.xml", b"<styleSheet><", "其中 xl/styles.xml 已损坏，无法读取；请用 Excel 或 WPS 打开后另存为 .xlsx 再导入"),
    ("docProps/core.xml", b"\xff\xfe", "其中 docProps/core.xml 已损坏，无法读取；请用 Excel 或 WPS 打开后另存为 .xlsx 再导入"),
    ("xl/worksheets/sheet1.xml", b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><worksheet/>',
     "其中 xl/worksheets/sheet1.xml 含有实体声明，不是 Excel 或 WPS 保存的普通表格；请用 Excel 或 WPS 另存为 .xlsx 后重试"),
])
def test_malformed_parts_are_one_line_naming_the_file(root: Path, part: str, body: bytes, message: str) -> None:
    path = made(root)
    bad = zipped(path, root / "bad.xlsx", {part: body})
    result = imported(root, bad)
    assert result.exit_code == 1 and result.stderr.strip() == f"bad.xlsx: {message}"


def test_a_part_too_big_and_a_chartsheet_are_refused(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator import progress_sheet

    path = made(root)
    monkeypatch.setattr(progress_sheet, "MAX_PART_BYTES", 500_000)
    big = zipped(path, root / "big.xlsx", {"xl/media/image1.png": b"\0" * 600_000})
    result = imported(root, big)
    assert result.exit_code == 1 and "其中 xl/media/image1.png 解压后达 600000 字节，超过 500000 字节的上限" in result.stderr
    monkeypatch.undo()
    wb = openpyxl.load_workbook(path)
    wb["年度整改进展"].title = "原表"
    from openpyxl.chart import BarChart, Reference

    chart_sheet = wb.create_chartsheet("年度整改进展")
    bars = BarChart()
    bars.add_data(Reference(wb["原表"], min_col=1, min_row=2, max_row=4))
    chart_sheet.add_chart(bars)
    wb.save(root / "chart.xlsx")
    chart = imported(root, root / "chart.xlsx")
    assert chart.exit_code == 1 and chart.stderr.strip() == (
        "chart.xlsx: “年度整改进展”不是普通工作表（可能是图表）；请使用 gongshi progress template 生成的表格"
    )


def test_a_workbook_left_as_made_changes_nothing(root: Path) -> None:
    path = made(root)
    before = report_text(root)
    result = imported(root, path)
    assert result.exit_code == 0 and result.stdout.startswith("各表格与生成时相比没有改动")
    assert report_text(root) == before
    fresh = run(root, "template", "--year", "2027", "--unit", "市水利局", "--out", str(root / "n.xlsx"))
    assert fresh.exit_code == 0
    empty = run(root, "import", str(root / "n.xlsx"), "--year", "2027", "--published", "2028-01-20")
    assert empty.exit_code == 1 and empty.stderr.strip() == "n.xlsx: 表格中没有填写任何内容；请在“进展状态”“进展情况”两列填写后再导入"


def test_excel_extensions_raise_no_english_warning(root: Path) -> None:
    """Excel saves its list choices as an x14 extension: openpyxl's note about it never reaches the officer."""
    import warnings
    import zipfile

    path = made(root)
    fill(path, {(3, None, 1): (None, "新的进展。")})
    with zipfile.ZipFile(path) as z:
        sheet = z.read("xl/worksheets/sheet1.xml")
    extension = (
        b'<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" '
        b'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
        b'<x14:dataValidations count="1" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">'
        b'<x14:dataValidation type="list" allowBlank="1"><x14:formula1><xm:f>$H$1:$H$3</xm:f></x14:formula1>'
        b"<xm:sqref>F2:F10</xm:sqref></x14:dataValidation></x14:dataValidations></ext></extLst></worksheet>"
    )
    saved = zipped(path, root / "excel.xlsx", {"xl/worksheets/sheet1.xml": sheet.replace(b"</worksheet>", extension)})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        openpyxl.load_workbook(saved)  # what an unguarded reader would print
    assert any("extension" in str(w.message) for w in caught)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = imported(root, saved)
    assert result.exit_code == 0, result.output
    assert [str(w.message) for w in caught] == []
    assert "extension" not in result.output and "openpyxl" not in result.output


# --- A 旗区's rows down to each measure (#23, #21's banners[].measures) -------------------------------


def with_banner_measure(root: Path) -> None:
    """The 2026 report with 杭锦旗's own progress of task 16's first measure."""
    path = root / "data" / "progress" / "2026.yaml"
    text = path.read_text(encoding="utf-8")
    own = "        progress: 项目已开工建设，进度仍滞后于计划。\n"
    assert own in text
    path.write_text(text.replace(own, own + "        measures:\n          - no: 1\n            progress: 杭锦旗已完成规划调整。\n"),
                    encoding="utf-8")


def test_a_banner_sheet_has_a_row_per_measure_and_opens_only_its_own(root: Path) -> None:
    with_banner_measure(root)
    path = root / "h.xlsx"
    assert run(root, "template", "--year", "2026", "--scope", "杭锦旗", "--out", str(path)).exit_code == 0
    plan = load_dataset(root)[0].plans[0]
    table = rows(path)
    task16 = [r for r in table if r[0] == 16]
    # The city rows (locked), then 杭锦旗's status row and one row per measure with the plan's words.
    assert [(r[1], r[2]) for r in task16] == [(None, None), (None, 1), (None, 2), ("杭锦旗", None), ("杭锦旗", 1), ("杭锦旗", 2)]
    assert [r[3] for r in task16[4:]] == list(plan.task(16).measures)
    assert task16[4][6] == "杭锦旗已完成规划调整。" and task16[5][6] is None  # filled from the report
    ws = openpyxl.load_workbook(path)["年度整改进展"]
    for m in (1, 2):
        line = line_of(path, (16, "杭锦旗", m))
        assert not ws[f"G{line}"].protection.locked and ws[f"F{line}"].protection.locked
        assert f"F{line}" not in str(ws.data_validations.dataValidation[0].sqref).split()
        assert ws[f"G{line_of(path, (16, None, m))}"].protection.locked
    assert {r[1] for r in table[1:] if r[1]} == {"杭锦旗"}  # no other 旗区's rows
    # Every row this sheet may write belongs to 杭锦旗 (or to a task of 杭锦旗 alone).
    for i, r in enumerate(table[1:], 2):
        if not ws[f"F{i}"].protection.locked or not ws[f"G{i}"].protection.locked:
            assert r[1] == "杭锦旗" or plan.task(r[0]).banners == ("杭锦旗",), r


def test_a_unit_sheet_keeps_its_rows_without_banner_measures(root: Path) -> None:
    path = root / "u.xlsx"
    assert run(root, "template", "--year", "2026", "--unit", "市水利局", "--out", str(path)).exit_code == 0
    plan = load_dataset(root)[0].plans[0]
    table = rows(path)[1:]
    assert not [r for r in table if r[1] and r[2]]
    expected = sum(1 + len(t.measures) + (len(t.banners) if len(t.banners) > 1 else 0)
                   for t in plan.tasks if "市水利局" in t.responsible.units)
    assert len(table) == expected


def test_banner_measure_progress_is_imported_beside_the_banner_entry(root: Path) -> None:
    with_banner_measure(root)
    path = root / "h.xlsx"
    assert run(root, "template", "--year", "2026", "--scope", "杭锦旗", "--out", str(path)).exit_code == 0
    fill(path, {(16, "杭锦旗", 2): (None, "杭锦旗第二条已落实。")})
    before = report_text(root)
    result = run(root, "import", str(path), "--year", "2026", "--published", "2027-01-20")
    assert result.exit_code == 0, result.output
    assert "读入1个单元格" in result.stdout  # only the changed cell
    entry = next(r for r in load_dataset(root)[0].progress if r.year == 2026).task(16)
    own = entry.banner("杭锦旗")
    assert [(m.no, m.progress) for m in own.measures] == [(1, "杭锦旗已完成规划调整。"), (2, "杭锦旗第二条已落实。")]
    assert own.status == "进展滞后" and entry.banner("达拉特旗").measures == ()
    added = [line for line in report_text(root).splitlines() if line not in before.splitlines()]
    assert added == ["          - no: 2", "            progress: 杭锦旗第二条已落实。"]


def test_a_banner_sheet_alone_in_a_new_year_writes_its_measures(root: Path) -> None:
    path = root / "h.xlsx"
    assert run(root, "template", "--year", "2027", "--scope", "杭锦旗", "--out", str(path)).exit_code == 0
    fill(path, {(16, "杭锦旗", None): ("达到序时进度", "杭锦旗正在推进。"), (16, "杭锦旗", 2): (None, "第二条已开工。")})
    result = run(root, "import", str(path), "--year", "2027", "--published", "2028-01-20")
    assert result.exit_code == 0, result.output
    entry = next(r for r in load_dataset(root)[0].progress if r.year == 2027).task(16)
    assert (entry.status, entry.measures) == (None, ())
    (own,) = entry.banners
    assert (own.banner, own.status, own.progress) == ("杭锦旗", "达到序时进度", "杭锦旗正在推进。")
    assert [(m.no, m.progress) for m in own.measures] == [(2, "第二条已开工。")]


def test_a_banner_status_with_its_measures_needs_no_text_of_its_own(root: Path) -> None:
    """BANNER_PROGRESS: a 旗区's text or its measures. A status row left without text imports when the 旗区's
    measure rows have text; the entry holds no text, and the report reads back."""
    path = root / "h.xlsx"
    assert run(root, "template", "--year", "2027", "--scope", "杭锦旗", "--out", str(path)).exit_code == 0
    fill(path, {(16, "杭锦旗", None): ("达到序时进度", None), (16, "杭锦旗", 1): (None, "第一条已完成。")})
    result = run(root, "import", str(path), "--year", "2027", "--published", "2028-01-20")
    assert result.exit_code == 0, result.output
    entry = next(r for r in load_dataset(root)[0].progress if r.year == 2027).task(16)
    (own,) = entry.banners
    assert (own.banner, own.status, own.progress) == ("杭锦旗", "达到序时进度", None)
    assert [(m.no, m.progress) for m in own.measures] == [(1, "第一条已完成。")]
    assert "        progress:" not in report_text(root, "2027.yaml").split("banner: 杭锦旗")[1].split("measures:")[0]


def test_a_banner_status_whose_only_measure_text_is_refused_is_named_once(root: Path) -> None:
    path = root / "h.xlsx"
    assert run(root, "template", "--year", "2027", "--scope", "杭锦旗", "--out", str(path)).exit_code == 0
    fill(path, {(16, "杭锦旗", None): ("达到序时进度", None), (16, "杭锦旗", 1): (None, "#N/A")})
    result = run(root, "import", str(path), "--year", "2027", "--published", "2028-01-20")
    assert result.exit_code == 1 and "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"h.xlsx:年度整改进展!G{line_of(path, (16, '杭锦旗', 1))}: 进展情况: ")
    assert not (root / "data" / "progress" / "2027.yaml").exists()


def test_a_banner_measure_without_the_banners_status_is_one_line_at_its_cell(root: Path) -> None:
    path = root / "h.xlsx"
    assert run(root, "template", "--year", "2027", "--scope", "杭锦旗", "--out", str(path)).exit_code == 0
    fill(path, {(16, "杭锦旗", 1): (None, "第一条已完成。"), (16, "杭锦旗", 2): (None, "第二条已开工。")})
    result = run(root, "import", str(path), "--year", "2027", "--published", "2028-01-20")
    assert result.exit_code == 1 and "Traceback" not in result.output
    line = line_of(path, (16, "杭锦旗", 1))
    assert result.stderr.strip() == (
        f"h.xlsx:年度整改进展!G{line}: 进展情况: 第16项整改任务中杭锦旗尚无进展状态：请在“杭锦旗的进展”一行选择杭锦旗的进展状态"
    )
    assert not (root / "data" / "progress" / "2027.yaml").exists()
    # A status that is refused is named once, at its own cell: what needed it says nothing more.
    fill(path, {(16, "杭锦旗", None): ("已销号", "杭锦旗正在推进。")})
    result = run(root, "import", str(path), "--year", "2027", "--published", "2028-01-20")
    assert result.exit_code == 1
    line = line_of(path, (16, "杭锦旗", None))
    assert result.stderr.strip() == f"h.xlsx:年度整改进展!F{line}: 进展状态: 应为以下之一：已完成、达到序时进度、进展滞后；实际是 '已销号'"


def test_a_city_measure_without_the_tasks_status_is_one_line_at_its_cell(root: Path) -> None:
    path = root / "u.xlsx"
    assert run(root, "template", "--year", "2027", "--unit", "市水利局", "--out", str(path)).exit_code == 0
    fill(path, {(3, None, 2): (None, "第二条已开工。")})
    result = run(root, "import", str(path), "--year", "2027", "--published", "2028-01-20")
    assert result.exit_code == 1
    line = line_of(path, (3, None, 2))
    assert result.stderr.strip() == f"u.xlsx:年度整改进展!G{line}: 进展情况: 第3项整改任务尚无进展状态：请在该任务的第一行选择进展状态"
    fill(path, {(3, None, 2): (None, ""), (3, None, None): ("进展滞后", None)})
    result = run(root, "import", str(path), "--year", "2027", "--published", "2028-01-20")
    assert result.exit_code == 1
    line = line_of(path, (3, None, None))
    assert result.stderr.strip() == (
        f"u.xlsx:年度整改进展!G{line}: 进展情况: 已选择第3项整改任务的进展状态，请在下面各条整改措施行填写进展情况"
    )


def test_a_status_typed_in_a_banner_measure_row_points_to_the_banner_row(root: Path) -> None:
    path = root / "h.xlsx"
    assert run(root, "template", "--year", "2026", "--scope", "杭锦旗", "--out", str(path)).exit_code == 0
    fill(path, {(16, "杭锦旗", 1): ("已完成", None)})
    result = run(root, "import", str(path), "--year", "2026", "--published", "2027-01-20")
    assert result.exit_code == 1
    line = line_of(path, (16, "杭锦旗", 1))
    assert result.stderr.strip() == (
        f"h.xlsx:年度整改进展!F{line}: 进展状态: 整改措施行不填进展状态；杭锦旗的进展状态请填在“杭锦旗的进展”一行"
    )


def test_a_banner_measure_filled_two_ways_names_both_cells(root: Path) -> None:
    for name, scope in (("全市.xlsx", ()), ("杭锦旗.xlsx", ("--scope", "杭锦旗"))):
        assert run(root, "template", "--year", "2026", *scope, "--out", str(root / name)).exit_code == 0
    fill(root / "全市.xlsx", {(16, "杭锦旗", 1): (None, "甲")})
    fill(root / "杭锦旗.xlsx", {(16, "杭锦旗", 1): (None, "乙")})
    result = run(root, "import", str(root / "全市.xlsx"), str(root / "杭锦旗.xlsx"), "--year", "2026", "--published", "2027-01-20")
    assert result.exit_code == 1
    city, own = line_of(root / "全市.xlsx", (16, "杭锦旗", 1)), line_of(root / "杭锦旗.xlsx", (16, "杭锦旗", 1))
    assert result.stderr.strip() == (
        f"杭锦旗.xlsx:年度整改进展!G{own}: 进展情况: 与 全市.xlsx:年度整改进展!G{city} 填写的不同；同一格只能有一种填法，请统一后重新导入"
    )


def test_a_banner_measure_changed_since_the_sheet_was_made_names_both(root: Path) -> None:
    for name in ("a.xlsx", "b.xlsx"):
        assert run(root, "template", "--year", "2026", "--scope", "杭锦旗", "--out", str(root / name)).exit_code == 0
    fill(root / "a.xlsx", {(16, "杭锦旗", 1): (None, "甲")})
    fill(root / "b.xlsx", {(16, "杭锦旗", 1): (None, "乙")})
    assert run(root, "import", str(root / "b.xlsx"), "--year", "2026", "--published", "2027-01-20").exit_code == 0
    result = run(root, "import", str(root / "a.xlsx"), "--year", "2026", "--published", "2027-01-20")
    assert result.exit_code == 1
    line = line_of(root / "a.xlsx", (16, "杭锦旗", 1))
    at = report_line(root, 16, "杭锦旗", 1, "no: 1")
    assert result.stderr.strip() == (
        f"a.xlsx:年度整改进展!G{line}: 进展情况: 生成表格之后，data/progress/2026.yaml:{at} 中的这一项已改为“乙”，"
        "而本表是按“无”生成的；请核对后用重新生成的表格填写"
    )


def test_banner_and_city_sheets_in_a_new_year_import_in_any_order(root: Path, tmp_path: Path) -> None:
    """Two 旗区 sheets, a unit sheet and the city sheet: together, or one by one, give the same file."""
    sheets = {"杭锦旗.xlsx": ("--scope", "杭锦旗"), "达拉特旗.xlsx": ("--scope", "达拉特旗"),
              "水利局.xlsx": ("--unit", "市水利局"), "全市.xlsx": ()}
    for name, scope in sheets.items():
        assert run(root, "template", "--year", "2027", *scope, "--out", str(root / name)).exit_code == 0
    fill(root / "杭锦旗.xlsx", {(16, "杭锦旗", None): ("已完成", "杭锦旗已完成。"), (16, "杭锦旗", 2): (None, "杭锦旗第二条。"),
                               (16, "杭锦旗", 1): (None, "杭锦旗第一条。")})
    fill(root / "达拉特旗.xlsx", {(16, "达拉特旗", None): ("进展滞后", "达拉特旗滞后。"), (16, "达拉特旗", 1): (None, "达拉特旗第一条。")})
    fill(root / "水利局.xlsx", {(3, None, None): ("达到序时进度", None), (3, None, 3): (None, "第三条。"), (3, None, 1): (None, "第一条。")})
    fill(root / "全市.xlsx", {(16, None, None): ("进展滞后", None), (16, None, 2): (None, "全市第二条。"),
                            (1, None, None): ("达到序时进度", None), (1, None, 1): (None, "第一项第一条。")})
    other = tmp_path / "other"
    shutil.copytree(root, other)
    names = list(sheets)
    together = run(root, "import", *(str(root / n) for n in names), "--year", "2027", "--published", "2028-01-20")
    assert together.exit_code == 0, together.output
    for name in names:  # each sheet's entries, fields and 旗区 go in among the earlier ones, in the plan's order
        one = run(other, "import", str(other / name), "--year", "2027", "--published", "2028-01-20")
        assert one.exit_code == 0, (name, one.output)
    assert report_text(root, "2027.yaml") == report_text(other, "2027.yaml")
    report = next(r for r in load_dataset(root)[0].progress if r.year == 2027)
    assert [t.task_no for t in report.tasks] == [1, 3, 16]
    assert [m.no for m in report.task(3).measures] == [1, 3]
    assert [b.banner for b in report.task(16).banners] == ["达拉特旗", "杭锦旗"]  # the plan's order
    assert [m.no for m in report.task(16).banner("杭锦旗").measures] == [1, 2]


def test_a_plan_of_counties_heads_its_column_with_its_word_and_reads_back(tmp_path: Path) -> None:
    """subunit_word 县（市、区）: the sheet's sub-unit column says so, and the sheet as made imports."""
    from conftest import county_tree

    root = county_tree(tmp_path)
    path = root / "c.xlsx"
    assert run(root, "template", "--year", "2026", "--out", str(path)).exit_code == 0
    assert rows(path)[0][1] == "县（市、区）"
    fill(path, {(1, "尧都区", None): ("已完成", "尧都区已完成清洁取暖改造。")})
    result = run(root, "import", str(path), "--year", "2026", "--published", "2027-01-20")
    assert result.exit_code == 0, result.output
    assert "banner: 尧都区" in report_text(root)


def test_a_plan_of_counties_refuses_a_sub_unit_in_its_own_word(tmp_path: Path) -> None:
    from conftest import county_tree

    root = county_tree(tmp_path)
    path = root / "c.xlsx"
    assert run(root, "template", "--year", "2026", "--out", str(path)).exit_code == 0
    line = line_of(path, (2, None, None))
    edit(path, {f"B{line}": "侯马市"})
    result = run(root, "import", str(path), "--year", "2026", "--published", "2027-01-20")
    assert result.exit_code == 1
    # Plan.banner_of_task: a name the plan does not have is named as such, in the plan's word.
    assert result.stderr.strip().splitlines() == [
        f"c.xlsx:年度整改进展!B{line}: 县（市、区）: 方案 'linfen-sx-r3' 没有县（市、区）“侯马市”（县（市、区）：尧都区、洪洞县）"
    ]


def test_a_banner_not_of_the_task_is_refused_in_the_sentence_records_and_commands_use(root: Path) -> None:
    """Plan.banner_of_task: one sentence listing the task's 旗区, as in `gongshi check` and --scope."""
    path = root / "h.xlsx"
    assert run(root, "template", "--year", "2027", "--scope", "杭锦旗", "--out", str(path)).exit_code == 0
    line = line_of(path, (16, "杭锦旗", None))
    edit(path, {f"B{line}": "康巴什区"})
    result = run(root, "import", str(path), "--year", "2027", "--published", "2028-01-20")
    assert result.exit_code == 1
    (plan,) = load_dataset(root)[0].plans
    listed = "、".join(plan.task_by_number(16).banners)
    assert "康巴什区" not in listed
    assert result.stderr.strip().splitlines()[0] == (
        f"h.xlsx:年度整改进展!B{line}: 旗区: “康巴什区”不是第16项整改任务涉及的旗区（涉及：{listed}）"
    )


@pytest.mark.parametrize("char", ["\u200b", "\u0085"])
def test_a_bad_character_is_refused_at_its_cell_by_the_rule_yaml_files_follow(root: Path, char: str) -> None:
    """yamlsrc.bad_character is the one rule: a zero-width space or U+0085 is named at the cell, not in the YAML."""
    path = root / "h.xlsx"
    assert run(root, "template", "--year", "2027", "--scope", "杭锦旗", "--out", str(path)).exit_code == 0
    fill(path, {(16, "杭锦旗", None): ("达到序时进度", f"推进中{char}工程")})
    result = run(root, "import", str(path), "--year", "2027", "--published", "2028-01-20")
    assert result.exit_code == 1 and "Traceback" not in result.output
    line = line_of(path, (16, "杭锦旗", None))
    what = bad_character(char)
    assert what
    assert result.stderr.strip() == (
        f"h.xlsx:年度整改进展!G{line}: 进展情况: 含有 U+{ord(char):04X}（{what}）；请删除它或重新输入这段文字"
    )
    assert not (root / "data" / "progress" / "2027.yaml").exists()
