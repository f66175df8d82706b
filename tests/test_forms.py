"""`gongshi forms`: the appendix's four templates as Word files, filled from the plan and its notices.

Expectations come from the plan's appendix (验收销号方案及台账（模板）) and the
plan's rules: 排名第一位的验收单位牵头, measures itemised 一是/二是, every ×
the data can fill filled, what only people know left blank.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner, Result
from conftest import data_tree, drop_acceptance_units
from docx.oxml.ns import qn

from generator.cli import main
from generator.load import load_dataset
from generator.plan_text import measure_ordinal as ordinal

REPO = Path(__file__).resolve().parents[1]
NOTICE_37 = "2026-11-16-task37-etuoke-hangjin.yaml"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """The shipped site.yaml and plans, and the notice of task 37."""
    return data_tree(tmp_path, {NOTICE_37: (REPO / "data" / "notices" / NOTICE_37).read_text(encoding="utf-8")})


@pytest.fixture(scope="module")
def plan():
    dataset, _ = load_dataset(REPO)
    return dataset.plans[0]


def run(root: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--root", str(root), "forms", *args])


def texts(path: Path) -> list[str]:
    """Every paragraph of the document, tables included, in reading order."""
    document = docx.Document(str(path))
    out = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                out += [p.text for p in cell.paragraphs]
    return out


def whole(path: Path) -> str:
    return "\n".join(texts(path))


def comments(path: Path) -> list[str]:
    """The Word comments: where the template's example sentences and instructions go."""
    return [c.text for c in docx.Document(str(path)).comments]


def test_whole_task_without_notice(root: Path, plan) -> None:
    task = plan.task(12)
    result = run(root, "--task", "12", "--out", str(root / "out"))
    assert result.exit_code == 0, result.output
    out = root / "out"
    parties = list(task.banners) + list(task.responsible.units)
    expected = (
        ["1-验收销号报告.docx"]
        + [f"2-验收销号意见表-{u}.docx" for u in task.acceptance.units]
        + [f"3-自验报告-{p}.docx" for p in parties]
        + [f"4-验收销号申请表-{p}.docx" for p in parties]
    )
    assert sorted(p.name for p in out.iterdir()) == sorted(expected)
    assert result.stdout.splitlines()[0] == f"已生成第12项整改任务的验收销号材料，共{len(expected)}个文件，保存在 out/："

    report = texts(out / "1-验收销号报告.docx")
    body = "\n".join(report)
    assert report[0] == "关于第二轮自治区生态环境保护督察\n整改任务的验收销号报告"
    assert report[1] == "鄂尔多斯市人民政府:"
    assert report[2] == (
        "我单位对鄂尔多斯市贯彻落实第二轮自治区生态环境保护督察第12项整改任务，"
        f"组织各相关验收单位（{'、'.join(map(plan.official, task.acceptance.units))}）进行了复核验收，现将此项整改任务验收情况报告如下："
    )
    for heading in ("一、整改任务", "二、整改目标", "三、整改措施", "四、整改完成情况"):
        assert heading in report
    assert task.problem in report and task.goal in report
    for i, measure in enumerate(task.measures, 1):
        assert ordinal(i) + measure in report
        assert f"{ordinal(i)}完成情况：" in report  # a blank under each measure: no notice records it
    assert "现将验收销号申请表和销号资料随文报上，申请验收销号。" in report
    assert plan.official(task.acceptance.units[0]) in report  # 落款: the lead acceptance unit (排名第一位)
    assert "年    月    日" in report  # the signing date only people know
    assert report[-1] == "抄送：鄂尔多斯市生态环境保护委员会办公室"
    assert "×" not in body and "202×" not in body

    for unit in task.acceptance.units:
        table = whole(out / f"2-验收销号意见表-{unit}.docx")
        assert f"验收单位（各市直部门）：{plan.official(unit)}" in table
        assert f"第二轮自治区生态环境保护督察第12项整改任务：\n{task.problem}" in table
        # the template's example is guidance, not part of the signed form
        assert "例：" not in table and "（如果验收单位" not in table
        [said] = comments(out / f"2-验收销号意见表-{unit}.docx")
        assert said.startswith("例：我单位对东胜区、准格尔旗、鄂托克旗第二轮自治区生态环境保护督察第12项整改任务自验情况进行复核")
        assert "验收单位\n主要负责同志\n（签字）" in table
        assert "×" not in table

    own = texts(out / "3-自验报告-准格尔旗.docx")
    assert own[1] == "鄂尔多斯市生态环境保护委员会办公室:"
    assert own[2].startswith("我旗对鄂尔多斯市贯彻落实第二轮自治区生态环境保护督察第12项整改任务进行了自行验收")
    assert own[-1] == f"抄送：{'、'.join(map(plan.official, task.acceptance.units))}"
    assert "准格尔旗" in own
    assert texts(out / "3-自验报告-东胜区.docx")[2].startswith("我区对")
    assert texts(out / "3-自验报告-市能源局.docx")[2].startswith("我单位对")

    form = whole(out / "4-验收销号申请表-鄂托克旗.docx")
    assert "责任单位：鄂托克旗" in form
    assert "例：" not in form
    assert comments(out / "4-验收销号申请表-鄂托克旗.docx")[0].startswith(
        "例：经我旗自行验收，第二轮自治区生态环境保护督察第12项整改任务已完成整改。"
    )
    assert "整改责任单位\n主要负责同志\n（签字）" in form
    assert "注：各旗区由政府主要负责同志签字。" in form
    assert "×" not in form


def test_a_task_without_acceptance_units_leaves_them_blank(root: Path, plan) -> None:
    """A plan may name no 验收单位: the forms leave the unit for the officer to write, and say so once."""
    drop_acceptance_units(root, 12)
    task = plan.task(12)
    result = run(root, "--task", "12", "--out", str(root / "out"))
    assert result.exit_code == 0, result.output
    out = root / "out"
    parties = list(task.banners) + list(task.responsible.units)
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["1-验收销号报告.docx", "2-验收销号意见表.docx"]
        + [f"3-自验报告-{p}.docx" for p in parties] + [f"4-验收销号申请表-{p}.docx" for p in parties]
    )
    assert result.stdout.splitlines()[-3] == (
        "第12项整改任务方案未列验收单位：材料中验收单位处留空，可手工填写；"
        "公示前须在 data/plans/ordos-nmg-r2/tasks.yaml 中填写 'acceptance_units'"
    )
    blank = "　" * 8
    report = texts(out / "1-验收销号报告.docx")
    assert f"组织各相关验收单位（{blank}）进行了复核验收" in report[2]
    assert report[report.index("年    月    日") - 1] == blank  # 落款: the lead acceptance unit, by hand
    assert f"验收单位（各市直部门）：{blank}" in whole(out / "2-验收销号意见表.docx")
    assert texts(out / "3-自验报告-准格尔旗.docx")[-1] == f"抄送：{blank}"


def test_notice_fills_completion_opinion_and_date(root: Path, plan) -> None:
    task = plan.task(37)
    result = run(root, "--task", "37", "--scope", "杭锦旗", "--scope", "鄂托克旗")
    assert result.exit_code == 0, result.output
    out = root / "输出" / "验收销号材料" / "第37项整改任务（鄂托克旗、杭锦旗）"
    assert f"公示 data/notices/{NOTICE_37}" in result.stdout
    # only the 旗区 of the scope write a self-check, plus the responsible departments
    assert sorted(p.name for p in out.glob("3-*")) == sorted(
        f"3-自验报告-{p}.docx" for p in ("鄂托克旗", "杭锦旗", *task.responsible.units)
    )
    report = texts(out / "1-验收销号报告.docx")
    assert "第37项整改任务（涉及鄂托克旗、杭锦旗）" in report[2]
    assert "一是鄂托克旗、杭锦旗农村生活垃圾填埋场实行分区分层填埋、及时覆盖。" in report
    assert not any(line.endswith("完成情况：") for line in report)
    assert "2026年11月10日" in report  # the acceptance date, from the notice
    lead = whole(out / "2-验收销号意见表-市住建局.docx")
    assert "经资料审核和现场核查，鄂托克旗、杭锦旗填埋场运行作业已规范" in lead
    assert "验收日期：2026年11月10日" in lead
    assert comments(out / "2-验收销号意见表-市住建局.docx") == []  # recorded: nothing left to explain
    other = out / "2-验收销号意见表-市生态环境局.docx"
    assert "例：" not in whole(other)
    assert comments(other)[0].startswith("例：我单位对鄂托克旗、杭锦旗")  # the notice recorded only the lead's opinion
    # a unit's self-check is its own word: the notice does not fill it
    assert "一是完成情况：" in texts(out / "3-自验报告-杭锦旗.docx")


def test_layout_is_a4_with_east_asian_faces(root: Path) -> None:
    assert run(root, "--task", "7", "--out", str(root / "out")).exit_code == 0
    for path in sorted((root / "out").iterdir()):
        document = docx.Document(str(path))
        section = document.sections[0]
        assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
        assert (round(section.top_margin.cm, 1), round(section.left_margin.cm, 1)) == (3.7, 2.8)
        title_run = document.paragraphs[0].runs[0]
        assert title_run.element.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体"
        body = document.styles["Normal"].element.rPr.rFonts
        assert body.get(qn("w:eastAsia")) == "仿宋_GB2312"
        assert document.core_properties.created.year == 2000  # no time of writing inside


def test_never_overwrites(root: Path) -> None:
    assert run(root, "--task", "7", "--out", str(root / "out")).exit_code == 0
    (root / "out" / "1-验收销号报告.docx").write_bytes(b"edited")
    again = run(root, "--task", "7", "--out", str(root / "out"))
    assert again.exit_code == 1
    assert "1-验收销号报告.docx: 文件已存在，不会覆盖" in again.stderr
    assert (root / "out" / "1-验收销号报告.docx").read_bytes() == b"edited"


def test_unknown_task_is_one_chinese_line(root: Path) -> None:
    result = run(root, "--task", "99")
    assert result.exit_code == 1
    assert result.stderr.strip() == "--task：方案 'ordos-nmg-r2' 没有第99项整改任务（整改任务为第1–40项）"


def test_officer_text_stays_text(root: Path) -> None:
    notice = root / "data" / "notices" / NOTICE_37
    text = notice.read_text(encoding="utf-8").replace(
        "一是鄂托克旗", "<w:t>&amp;</w:t>{{ x }}一是鄂托克旗"
    )
    notice.write_text(text, encoding="utf-8")
    assert run(root, "--task", "37", "--scope", "鄂托克旗", "--scope", "杭锦旗", "--out", str(root / "o")).exit_code == 0
    report = texts(root / "o" / "1-验收销号报告.docx")
    assert "<w:t>&amp;</w:t>{{ x }}一是鄂托克旗、杭锦旗农村生活垃圾填埋场实行分区分层填埋、及时覆盖。" in report


@pytest.mark.skipif(not shutil.which("libreoffice"), reason="libreoffice is not installed (optional: apt-get install libreoffice-writer-nogui)")
def test_a_form_converts_to_an_a4_pdf(root: Path) -> None:
    """Word-compatible enough for another office suite to lay it out on A4 (WPS and Word read the same file)."""
    import subprocess

    assert run(root, "--task", "7", "--out", str(root / "out")).exit_code == 0
    source = root / "out" / "1-验收销号报告.docx"
    done = subprocess.run(
        ["libreoffice", "--headless", f"-env:UserInstallation=file://{root / 'lo'}", "--convert-to", "pdf",
         "--outdir", str(root / "pdf"), str(source)],
        capture_output=True, timeout=180, check=False,
    )
    assert done.returncode == 0, done.stderr
    pdf = (root / "pdf" / "1-验收销号报告.pdf").read_bytes()
    assert b"/MediaBox [0 0 595" in pdf or b"/MediaBox[0 0 595" in pdf


def test_signed_with_full_official_names(root: Path, plan) -> None:
    """落款, 主送/抄送 and 责任单位 use names.yaml: a 旗区 signs as its 人民政府, a unit by its full name."""
    assert run(root, "--task", "37", "--scope", "鄂托克旗", "--scope", "杭锦旗", "--out", str(root / "o")).exit_code == 0
    out = root / "o"
    report = texts(out / "1-验收销号报告.docx")
    assert "鄂尔多斯市住房和城乡建设局" in report  # 落款 of the lead acceptance unit, not 市住建局
    assert "市住建局" not in report
    assert "责任单位：杭锦旗人民政府" in whole(out / "4-验收销号申请表-杭锦旗.docx")
    assert "责任单位：鄂托克旗" in whole(out / "4-验收销号申请表-鄂托克旗.docx")  # 待核实: the plan's own name
    own = texts(out / "3-自验报告-杭锦旗.docx")
    assert "杭锦旗人民政府" in own
    assert own[-1] == "抄送：鄂尔多斯市住房和城乡建设局、鄂尔多斯市生态环境局"
    assert "验收单位（各市直部门）：鄂尔多斯市生态环境局" in whole(out / "2-验收销号意见表-市生态环境局.docx")
    assert plan.official("鄂托克旗") == "鄂托克旗"


def test_blanks_are_underlined_lines_not_placeholders(root: Path) -> None:
    assert run(root, "--task", "7", "--out", str(root / "out")).exit_code == 0
    document = docx.Document(str(root / "out" / "3-自验报告-市住建局.docx"))
    blanks = [r for p in document.paragraphs for r in p.runs if r.underline and r.text and not r.text.strip("\u3000")]
    assert len(blanks) >= 3  # two lines under each measure's 完成情况, and the contact person
    contact = next(p for p in document.paragraphs if p.text.startswith("（联系人："))
    assert contact.text.endswith("）") and "×" not in contact.text


ONE_PAGE = ("2-验收销号意见表-", "4-验收销号申请表-")


@pytest.mark.skipif(not shutil.which("libreoffice"), reason="libreoffice is not installed (make test installs libreoffice-writer-nogui)")
@pytest.mark.skipif(not shutil.which("pdfinfo"), reason="pdfinfo is not installed (make test installs poppler-utils)")
def test_opinion_and_application_fit_one_page_with_three_lines_to_spare(root: Path, plan) -> None:
    """The longest task of the plan, and task 37 with its recorded opinion: one A4 page, signature row whole,
    even with three more lines of body text (three 三号 lines at the 公文 pitch) added after the form."""
    import subprocess

    longest = max(plan.tasks, key=lambda t: len(t.problem))
    assert run(root, "--task", str(longest.no), "--out", str(root / "long")).exit_code == 0
    assert run(root, "--task", "37", "--scope", "鄂托克旗", "--scope", "杭锦旗", "--out", str(root / "t37")).exit_code == 0
    sources = sorted(p for folder in ("long", "t37") for p in (root / folder).iterdir() if p.name.startswith(ONE_PAGE))
    padded = root / "padded"
    padded.mkdir()
    for source in sources:
        document = docx.Document(str(source))
        for _ in range(3):
            document.add_paragraph("　")  # Normal: 三号 at the fixed 28 pt pitch
        document.save(str(padded / f"{source.parent.name}-{source.name}"))
    done = subprocess.run(
        ["libreoffice", "--headless", f"-env:UserInstallation=file://{root / 'lo'}", "--convert-to", "pdf",
         "--outdir", str(root / "pdf"), *sorted(map(str, padded.iterdir()))],
        capture_output=True, timeout=300, check=False,
    )
    assert done.returncode == 0, done.stderr
    pages = {}
    for pdf in sorted((root / "pdf").iterdir()):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        pages[pdf.name] = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert len(pages) == len(sources) and len(sources) >= 4
    assert {name: n for name, n in pages.items() if n != 1} == {}


def test_a_plan_of_counties_names_them_in_its_own_word(tmp_path: Path) -> None:
    """subunit_word 县（市、区）: the note and the guidance say 各县（市、区）, a 县 writes 我县, a 市 我市; no 旗区 anywhere."""
    from conftest import COUNTY_PLAN, county_tree

    root = county_tree(tmp_path)
    # 洪洞县 signs as its 人民政府 where names.yaml says so, as a 旗区 does
    names = root / "data" / "plans" / COUNTY_PLAN / "names.yaml"
    names.write_text("names:\n  - name: 洪洞县\n    full: 洪洞县人民政府\n", encoding="utf-8")
    for path in (root / "data").rglob("*.yaml"):  # a 市 among the sub-units: 侯马市 for 尧都区
        path.write_text(path.read_text(encoding="utf-8").replace("尧都区", "侯马市"), encoding="utf-8")
    for notice in (root / "data" / "notices").glob("*task2*"):
        notice.unlink()  # none recorded for the whole of task 2: the guidance is given
    result = run(root, "--task", "2", "--out", str(root / "out"))
    assert result.exit_code == 0, result.output
    assert "尚无这项任务（及县（市、区））的验收销号公示：整改完成情况留空，请逐条填写" in result.stdout
    out = root / "out"
    form = whole(out / "4-验收销号申请表-洪洞县.docx")
    assert "责任单位：洪洞县人民政府" in form
    assert "注：各县（市、区）由政府主要负责同志签字。" in form
    [guidance] = comments(out / "4-验收销号申请表-洪洞县.docx")
    assert guidance.startswith("例：经我县自行验收，第三轮省级生态环境保护督察第2项整改任务已完成整改。")
    assert "（责任单位是各县（市、区）和各部门的，" in guidance
    assert texts(out / "3-自验报告-侯马市.docx")[2].startswith("我市对临汾市贯彻落实")
    assert texts(out / "3-自验报告-市住建局.docx")[2].startswith("我单位对")
    said = {path.name: whole(path) + "\n".join(comments(path)) for path in sorted(out.iterdir())}
    assert len(said) == 8 and [name for name, text in said.items() if "旗区" in text or "我区" in text] == []
