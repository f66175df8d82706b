"""The 整改台账 workbook: `gongshi ledger export` and the site's download, opened with openpyxl.

Expectations from the plan (each task's text as published) and the state
rules (a queued notice is not public; a close-out dated after the as-of date
is not yet recorded); the same data and date give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import zipfile
from pathlib import Path

import lxml.html
import openpyxl
import pytest
from click.testing import CliRunner
from conftest import AS_OF, REPO, copy_project, data_tree, drop_acceptance_units

from generator import status
from generator.cli import main
from generator.ledger import COLUMNS, ledger_bytes
from generator.load import load_dataset
from generator.site_checks import check_site

HEADERS = [h for h, _ in COLUMNS]


def sheet(path_or_bytes):
    wb = openpyxl.load_workbook(path_or_bytes)
    assert wb.sheetnames == ["整改台账"]
    return wb, wb["整改台账"]


def records(ws) -> list[dict]:
    header = [c.value for c in ws[1]]
    return [dict(zip(header, row)) for row in ws.iter_rows(min_row=2, values_only=True)]


def row_of(rows: list[dict], no: int) -> dict:
    return next(r for r in rows if r["序号"] == no)


@pytest.fixture(scope="module")
def shipped():
    dataset, calendar = load_dataset(REPO)
    return dataset, calendar


def test_export_rows_follow_the_plan(tmp_path: Path, shipped) -> None:
    root = copy_project(tmp_path / "p")
    result = CliRunner().invoke(main, ["--root", str(root), "ledger", "export", "--as-of", AS_OF.isoformat()])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("已导出整改台账 输出/整改台账.xlsx（截至2026年11月28日，共")
    wb, ws = sheet(root / "输出" / "整改台账.xlsx")
    assert [c.value for c in ws[1]] == HEADERS
    dataset, calendar = shipped
    snap = status.snapshot(dataset, AS_OF, calendar)
    rows = records(ws)
    whole = [r for r in rows if not r["旗区"]]
    plan = dataset.plans[0]
    assert [r["序号"] for r in whole] == [t.no for t in plan.tasks]
    for task, row in zip(plan.tasks, whole):
        assert row["问题"] == task.problem
        assert row["整改目标"] == task.goal
        assert row["责任单位"] == task.responsible.text and row["验收单位"] == task.acceptance.text
        assert row["整改时限"] == task.deadline.text
        assert row["当前状态"] == snap.of(task).state.label
        if len(task.measures) > 1:
            assert row["整改措施"].startswith("一是" + task.measures[0])
            assert "\n二是" + task.measures[1] in row["整改措施"]
    # 时间节点: the dates inside the measures, each with the measure's latest published progress
    assert row_of(whole, 7)["时间节点"] == (
        "一是 2025年底前：2026年度进展：" + snap.progress_of(plan.task(7))[-1][1].measure(1).progress
    )
    assert row_of(whole, 30)["时间节点"].splitlines()[0].startswith("一是 2025年1月底前：")
    assert row_of(whole, 1)["时间节点"] is None  # no dates written in its measures
    # task 37: 旗区 closed out apart (a notice for 达拉特旗、准格尔旗) have their own rows
    parts = {r["旗区"]: r for r in rows if r["序号"] == 37 and r["旗区"]}
    assert set(parts) == set(plan.task(37).banners)
    assert parts["达拉特旗"]["当前状态"] == "已销号" and parts["达拉特旗"]["销号日期"] == dt.datetime(2026, 10, 13)
    assert "异议核实中" in parts["杭锦旗"]["当前状态"]  # its objection is pending (the task is also past its deadline)
    assert parts["杭锦旗"]["当前状态"] == snap.of(plan.task(37)).part("杭锦旗").state.label
    hangjin = snap.notices_of(plan.task(37))[-1]  # its window, from the one calendar (10 working days)
    assert (parts["杭锦旗"]["公示开始日期"], parts["杭锦旗"]["公示结束日期"]) == (
        dt.datetime.combine(hangjin.window.start, dt.time()), dt.datetime.combine(hangjin.window.end, dt.time())
    )
    assert parts["杭锦旗"]["公示开始日期"] == dt.datetime(2026, 11, 16)
    assert parts["东胜区"]["公示开始日期"] is None and parts["东胜区"]["公示撤回日期"] is None
    # layout: frozen header, widths, wrapping, A4 landscape, header repeated on each page
    assert ws.freeze_panes == "C2"
    assert ws.print_title_rows == "$1:$1"
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9  # A4
    assert ws.column_dimensions["C"].width == 28 and ws.page_setup.scale and int(ws.page_setup.scale) < 100
    assert ws["C2"].alignment.wrap_text
    assert wb.properties.created == dt.datetime(2026, 11, 28)


def test_same_data_and_date_same_bytes(shipped) -> None:
    dataset, calendar = shipped
    first = ledger_bytes(dataset, status.snapshot(dataset, AS_OF, calendar))
    again = ledger_bytes(dataset, status.snapshot(dataset, AS_OF, calendar))
    assert first == again
    with zipfile.ZipFile(__import__("io").BytesIO(first)) as z:
        assert {i.date_time for i in z.infolist()} == {(2026, 11, 28, 0, 0, 0)}
        assert b"2026-11-28T00:00:00Z" in z.read("docProps/core.xml")


def test_queued_and_future_are_left_out(tmp_path: Path) -> None:
    queued = (REPO / "data" / "notices" / "2026-12-07-task7.yaml").read_text(encoding="utf-8")
    root = data_tree(tmp_path, notices={"2026-12-07-task7.yaml": queued})
    dataset, calendar = load_dataset(root)
    data = ledger_bytes(dataset, status.snapshot(dataset, AS_OF, calendar))
    (tmp_path / "l.xlsx").write_bytes(data)
    _, ws = sheet(tmp_path / "l.xlsx")
    row = next(r for r in records(ws) if r["序号"] == 7)
    assert row["公示开始日期"] is None and row["当前状态"] != "公示中"
    text = "".join(str(v) for r in records(ws) for v in r.values() if v)
    notice = dataset.notices[0]
    assert notice.acceptance.opinion[:20] not in text


def test_a_task_without_acceptance_units_has_an_empty_cell(tmp_path: Path) -> None:
    root = data_tree(tmp_path)
    drop_acceptance_units(root, 28)
    dataset, calendar = load_dataset(root)
    wb, ws = sheet(__import__("io").BytesIO(ledger_bytes(dataset, status.snapshot(dataset, AS_OF, calendar))))
    rows = records(ws)
    assert row_of(rows, 28)["验收单位"] is None  # an empty cell, not a sentence
    assert row_of(rows, 29)["验收单位"] == dataset.plans[0].task(29).acceptance.text


def test_formula_like_text_stays_text(tmp_path: Path) -> None:
    root = data_tree(tmp_path, reports={"2025.yaml": (
        "published: 2026-01-20\ntasks:\n  - task: 1\n    status: 进展滞后\n    measures:\n"
        "      - no: 1\n        progress: \"=HYPERLINK(\\\"http://x\\\",\\\"y\\\")\"\n"
    )})
    dataset, calendar = load_dataset(root)
    data = ledger_bytes(dataset, status.snapshot(dataset, AS_OF, calendar))
    with zipfile.ZipFile(__import__("io").BytesIO(data)) as z:
        sheet_xml = z.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml


def test_site_publishes_it_and_the_check_reads_inside(built: Path, tmp_path: Path, shipped) -> None:
    download = built / "downloads" / "ledger.xlsx"
    dataset, calendar = shipped
    assert download.read_bytes() == ledger_bytes(dataset, status.snapshot(dataset, AS_OF, calendar))
    about = lxml.html.fromstring((built / "about" / "index.html").read_bytes())
    assert [a.get("download") for a in about.xpath("//a[@href='../downloads/ledger.xlsx']")] == ["整改台账.xlsx"]
    assert "../downloads/ledger.xlsx" in (built / "tasks" / "index.html").read_text(encoding="utf-8")
    # a workbook holding a queued notice's text is caught by the publish check
    site = tmp_path / "site"
    shutil.copytree(built, site)
    secret = "这是一段尚未开始公示的验收意见文字，不得提前出现"
    wb = openpyxl.Workbook()
    wb.active["A1"] = secret
    wb.save(site / "downloads" / "ledger.xlsx")
    problems = check_site(site, "https://www.ordos.gov.cn/zt/ducha/", {"queued notice data/notices/x.yaml": [secret]})
    assert problems == ["site/downloads/ledger.xlsx：在开始日期之前出现了queued notice data/notices/x.yaml"]


# --- Officers' files never overwrite and never land in the wrong place (#23) ----------------------


@pytest.mark.parametrize(("out", "message"), [
    ("台账.csv", "台账.csv: 文件名应以 .xlsx 结尾，如 整改台账.xlsx；请改用 --out 另指文件名"),
    (".xlsx", ".xlsx: 只有扩展名，没有文件名；请用 --out 指定文件名，如 整改台账.xlsx"),
    ("data/整改台账.xlsx", "data/整改台账.xlsx: 在 {root}/data 之中（数据或正式网站的文件夹），不能写在那里；请保存到 输出/ 或其他文件夹"),
    ("site/downloads/整改台账.xlsx",
     "site/downloads/整改台账.xlsx: 在 {root}/site 之中（数据或正式网站的文件夹），不能写在那里；请保存到 输出/ 或其他文件夹"),
    ("link.xlsx", "link.xlsx: 是一个链接，不会写入链接指向的文件；请用 --out 指定一个普通文件"),
    ("old.xlsx", "old.xlsx: 文件已存在，不会覆盖；请用 --out 指定另一个文件名，或加 --force 覆盖"),
])
def test_ledger_export_refuses_the_wrong_place(tmp_path: Path, out: str, message: str) -> None:
    root = copy_project(tmp_path / "p")
    (root / "old.xlsx").write_bytes(b"an officer's edited ledger")
    (root / "link.xlsx").symlink_to(root / "data" / "site.yaml")
    site = (root / "data" / "site.yaml").read_bytes()
    force = ["--force"] if out == "link.xlsx" else []  # a link is refused even with --force
    result = CliRunner().invoke(main, ["--root", str(root), "ledger", "export", "--out", str(root / out), *force])
    assert result.exit_code == 1
    assert result.stderr.strip() == message.format(root=root.resolve())
    assert (root / "old.xlsx").read_bytes() == b"an officer's edited ledger"
    assert (root / "data" / "site.yaml").read_bytes() == site
    forced = CliRunner().invoke(main, ["--root", str(root), "ledger", "export", "--out", str(root / "old.xlsx"), "--force"])
    assert forced.exit_code == 0 and (root / "old.xlsx").read_bytes().startswith(b"PK")


def test_officers_folder_is_ignored_by_git() -> None:
    assert "/输出/" in (REPO / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_the_ledger_prints_every_cell_on_a4_landscape(tmp_path: Path) -> None:
    """LibreOffice's PDF of the ledger holds every cell's text whole: rows tall enough, nothing cut."""
    import subprocess

    root = copy_project(tmp_path / "p")
    out = tmp_path / "台账.xlsx"
    assert CliRunner().invoke(main, ["--root", str(root), "ledger", "export", "--out", str(out),
                                     "--as-of", AS_OF.isoformat()]).exit_code == 0
    done = subprocess.run(
        ["libreoffice", "--headless", f"-env:UserInstallation=file://{tmp_path / 'lo'}", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(out)], capture_output=True, timeout=300, check=False,
    )
    assert done.returncode == 0, done.stderr
    pdf = tmp_path / "台账.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, check=True, text=True).stdout
    assert "841.89 x 595.3" in info  # A4 landscape
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, check=True, text=True).stdout
    printed = "".join(text.split())
    ws = openpyxl.load_workbook(out)["整改台账"]
    missing = []
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if cell.value in (None, ""):
                continue
            shown = f"{cell.value.year}年{cell.value.month}月{cell.value.day}日" if cell.is_date else str(cell.value)
            if "".join(shown.split()) not in printed:
                missing.append(cell.coordinate)
    assert not missing


def test_dates_are_dates_and_a_withdrawn_notice_says_so(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "p")
    notice = root / "data" / "notices" / "2026-11-23-task24.yaml"
    notice.write_text(
        notice.read_text(encoding="utf-8") + "withdrawn:\n  date: 2026-11-25\n  reason: 验收材料需要补充\n",
        encoding="utf-8",
    )
    out = tmp_path / "台账.xlsx"
    assert CliRunner().invoke(main, ["--root", str(root), "ledger", "export", "--out", str(out),
                                     "--as-of", AS_OF.isoformat()]).exit_code == 0
    ws = openpyxl.load_workbook(out)["整改台账"]
    column = [c.value for c in ws[1]].index("销号日期") + 1
    dates = [ws.cell(r, column) for r in range(2, ws.max_row + 1) if ws.cell(r, column).value]
    assert dates and all(c.is_date and c.number_format == 'yyyy"年"m"月"d"日"' for c in dates)
    headers = [c.value for c in ws[1]]
    row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == 24 and not r[1].value)
    by_header = dict(zip(headers, row, strict=True))
    assert by_header["公示撤回日期"].value == dt.datetime(2026, 11, 25) and by_header["公示撤回日期"].is_date
    assert by_header["公示开始日期"].value == dt.datetime(2026, 11, 23) and by_header["公示结束日期"].is_date
    assert by_header["当前状态"].value != "公示中"  # a withdrawn notice is neither publicity nor close-out


def test_a_plan_of_counties_heads_its_column_with_its_word(tmp_path: Path) -> None:
    """subunit_word 县（市、区）: the ledger's sub-unit column says so; each part closed out apart has its row."""
    from conftest import county_tree

    dataset, calendar = load_dataset(county_tree(tmp_path))
    _, ws = sheet(io.BytesIO(ledger_bytes(dataset, status.snapshot(dataset, AS_OF, calendar))))
    header = [c.value for c in ws[1]]
    assert header[1] == "县（市、区）" and "旗区" not in header
    assert header[:1] + header[2:] == HEADERS[:1] + HEADERS[2:]


@pytest.mark.parametrize("command", [["ledger", "export", "--out", "输出/l.xlsx"], ["progress", "template", "--year", "2027"]])
def test_a_file_size_limit_is_one_line_naming_the_target(tmp_path: Path, command: list[str]) -> None:
    """Under `ulimit -f` openpyxl's temporary sheet file failed with lxml's SerialisationError, a traceback."""
    import subprocess
    import sys

    root = copy_project(tmp_path / "p")
    args = " ".join(["exec", sys.executable, "-m", "generator", "--root", str(root), *command])
    done = subprocess.run(["bash", "-c", f"ulimit -f 8; {args}"], capture_output=True, text=True, cwd=root, check=False)
    target = root / "输出" / "l.xlsx" if command[0] == "ledger" else root / "输出" / "2027年度整改进展填报表.xlsx"
    shown = "输出/l.xlsx" if command[0] == "ledger" else str(target)
    assert (done.returncode, done.stdout, done.stderr.splitlines()) == (1, "", [
        f"{shown}：文件大小超过了系统的限制（文件大小上限或磁盘配额），请清理磁盘空间或请管理员放宽限制后重新生成"
    ])
    assert not target.exists() and [p.name for p in target.parent.iterdir()] == []
