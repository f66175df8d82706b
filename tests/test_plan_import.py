"""plan_import and `gongshi plan import`: a published plan in, plan.yaml and tasks.yaml out, nothing guessed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from click.testing import CliRunner

from generator import plan_import, schema
from generator.cli import main
from generator.errors import Problems
from generator.plan_text import parse_deadline
from generator.plans import load_plan

REPO = Path(__file__).resolve().parents[1]
INPUTS = REPO / "tests" / "data" / "plans_import"
SHIPPED = REPO / "data" / "plans" / "ordos-nmg-r2"
# The published text, kept beside the repository (as tests/test_plans.py finds it).
SEED = next(
    (found for parent in REPO.parents if (found := parent / "shared" / "seed" / "plan.txt").exists()),
    REPO.parent / "shared" / "seed" / "plan.txt",
)
FILL = "请在 plan.yaml 中按本市方案原文填写"
NO_ACCEPTANCE = (
    "没有“验收单位”：任务照常公布，但在 tasks.yaml 中为它填写 'acceptance_units' 之前，不能发布它的验收销号公示"
)


def read_yaml(text: str) -> Any:
    """As gongshi reads its YAML: every key a string (`no:` is not False), dates as dates."""
    return yaml.safe_load(text.replace("no:", "'no':"))


def imported(path: Path) -> plan_import.Imported:
    return plan_import.import_plan(plan_import.read_lines(path))


def notes_of(result: plan_import.Imported) -> list[str]:
    """The review without the lists every import has (a short title per task, a slug per name)."""
    return [str(n) for n in result.notes if "没有标题（'title'" not in n.message and "网址名" not in n.message]


# --- the shipped plan round-trips ------------------------------------------------------------------------


# What the published text does not hold, so the import leaves it for the officer (and lists it) and the shipped
# plan has it typed in:
ROUND_TRIP_DIFFERENCES = {
    "title": "the seed starts with the preamble: the plan's title line is not in it",
    "inspection.round": "the preamble says 第二轮生态环境保护督察; the official round name is not written out",
    "banners": "slugs are public URLs, supplied by hand and never regenerated; the official order of the 旗区 "
               "is not in the text (the import lists them as the tasks first name them)",
    "units.slug": "public URLs, as for banners",
    "appendix, procedure": "the 附件 (procedure and blank templates) is reported, not imported",
    "tasks[].title": "short titles are chosen by an officer from the task's own words",
    "names.yaml": "official names for the close-out forms come from public sources, not from the plan",
}


@pytest.fixture(scope="module")
def seed_import() -> plan_import.Imported:
    if not SEED.exists():
        pytest.skip(f"{SEED} not found")
    return imported(SEED)


def test_the_shipped_plan_round_trips_field_for_field(seed_import: plan_import.Imported) -> None:
    files = plan_import.files(seed_import, SEED.name)
    plan, tasks = read_yaml(files["plan.yaml"]), read_yaml(files["tasks.yaml"])["tasks"]
    shipped = read_yaml((SHIPPED / "plan.yaml").read_text(encoding="utf-8"))
    shipped_tasks = read_yaml((SHIPPED / "tasks.yaml").read_text(encoding="utf-8"))["tasks"]

    assert len(tasks) == 40
    assert [{k: v for k, v in t.items() if k != "title"} for t in shipped_tasks] == tasks
    for key in ("area", "preamble", "requirements", "tasks_intro", "chapters", "safeguards"):
        assert plan[key] == shipped[key], key
    assert {k: v for k, v in shipped["inspection"].items() if k != "round"} == plan["inspection"]
    assert sorted(b["name"] for b in plan["banners"]) == sorted(b["name"] for b in shipped["banners"])
    assert [u["name"] for u in plan["units"]] == [u["name"] for u in shipped["units"]]
    # Everything else differs only as listed above.
    assert set(shipped) - set(plan) == {"title", "appendix", "procedure"}
    assert set(plan) <= set(shipped)


def test_the_seeds_review_lists_only_what_the_text_does_not_hold(seed_import: plan_import.Imported) -> None:
    assert notes_of(seed_import) == [
        "plan.txt:272: 从这一行起是附件（验收销号程序、模板等），未导入；要在网站上公布，请在 plan.yaml 的 'appendix'、'procedure' 中填写",
        f"plan.yaml: 原文中没有督察轮次（inspection.round）；{FILL}",
        f"plan.yaml: 原文中没有方案名称（title）；{FILL}",
    ]
    # One line each for the short titles and the slugs (9 旗区 and 22 units), not one per task or name.
    assert [str(n) for n in seed_import.notes if "没有标题（'title'" in n.message or "网址名" in n.message] == [
        "plan.yaml: 已按拼音为31个旗区和单位生成网址名（'slug'，用于网址）；请在 plan.yaml 中核对（多音字可能读错，"
        "只能用小写字母、数字和连字符），网站发布后不要更改",
        "tasks.yaml: 40项整改任务没有标题（'title'，可选）：第1–40项；可从各项的问题或整改目标中摘取不超过20个字填写",
    ]
    slugs = {u["name"]: u["slug"] for u in seed_import.plan["banners"] + seed_import.plan["units"]}
    assert slugs["杭锦旗"] == "hangjinqi" and slugs["市交通局"] == "shijiaotongju"
    assert len(set(slugs.values())) == len(slugs) and all(schema.SLUG.fullmatch(s) for s in slugs.values())


def test_number_ranges_as_the_plan_lists_them() -> None:
    assert plan_import.number_ranges([1, 2, 3, 5, 7, 8]) == "1–3、5、7–8"
    assert plan_import.number_ranges([4]) == "4"


# --- other plans' shapes ------------------------------------------------------------------------------------


def test_labelled_fields_in_any_order_with_half_width_colons_and_a_covering_notice() -> None:
    result = imported(INPUTS / "labelled.txt")
    plan = result.plan
    assert plan["title"] == "包头市贯彻落实第二轮自治区生态环境保护督察报告整改方案"
    # The preamble's own target date (到2025年底) stays text; the notice wrapping the plan is not its preamble.
    assert plan["preamble"].startswith("2024年7月20日至8月13日") and "到2025年底" in plan["preamble"]
    assert plan["inspection"]["start"] == dt.date(2024, 7, 20) and plan["area"] == "包头市"
    assert [c["title"] for c in plan["chapters"]] == ["大气污染防治仍有短板", "固体废物处置能力不足"]
    assert [p["title"] for c in plan["chapters"] for p in c["problems"]] == [
        "钢铁企业超低排放改造滞后", "道路扬尘治理不到位", "建筑垃圾消纳场建设滞后",
    ]
    first, second, third = result.tasks
    assert first["deadline"] == "2025年底前"  # written before the goal, with a half-width colon
    assert first["goal"] == "全面完成钢铁企业超低排放改造。"
    assert first["measures"] == ["制定改造计划。", "2025年6月30日前完成烧结机改造。"]
    assert first["other_units"] == ["督办单位：市委督查室"]
    # two fields on one line; 完成时限 is 整改时限; measures numbered （一） after an unnumbered line
    assert second["responsible_units"] == "市交通局，东河区、土默特右旗党委和政府"
    assert second["deadline"] == "立行立改，长期坚持。"
    assert second["measures"] == ["加强道路扬尘治理。", "加大洒水清扫频次。", "2025年上半年完成破损路面修复。"]
    assert "acceptance_units" not in second
    # 牵头单位/配合单位 kept as written, and read as 责任单位 (reported)
    assert third["other_units"] == ["牵头单位：市住建局", "配合单位：市城管局，各旗区党委、政府"]
    assert third["responsible_units"] == "市住建局牵头，市城管局，各旗区党委、政府"
    assert [parse_deadline(t["deadline"]).date for t in result.tasks] == [
        dt.date(2025, 12, 31), None, dt.date(2025, 12, 31),
    ]
    assert [b["name"] for b in plan["banners"]] == ["九原区", "东河区", "土默特右旗"]
    assert notes_of(result) == [
        *(f"labelled.txt:{n}: 印发通知的内容（含文号），不属于方案正文，未导入" for n in range(1, 6)),
        f"plan.yaml: 原文中没有督察轮次（inspection.round）；{FILL}",
        "labelled.txt:23: 第2项整改措施的第一段没有编号，已作为第1条措施保留；请核对",
        f"labelled.txt:21: 第2项{NO_ACCEPTANCE}",
        "labelled.txt:32: 第3项没有“责任单位”，已按牵头单位、配合单位写为“市住建局牵头，市城管局，各旗区党委、政府”；请核对",
        f"labelled.txt:29: 第3项{NO_ACCEPTANCE}",
        # what the plan's schema requires and this text does not hold (no 整改任务 preamble, no appendix)
        f"plan.yaml: 原文中没有整改任务导语（tasks_intro）；{FILL}",
        f"plan.yaml: 原文中没有验收销号程序（procedure）；{FILL}",
    ]


def test_an_excerpt_starting_mid_task_is_reported_not_invented() -> None:
    result = imported(INPUTS / "excerpt.txt")
    first, second = result.tasks
    assert "problem" not in first and "goal" not in first and "measures" not in first
    assert first["deadline"] == "2025年12月底"
    assert second["problem"] == "部分污水处理厂出水超标。"
    notes = notes_of(result)
    assert "excerpt.txt:1: 这一行无法归入方案的任何部分，未导入；如属于某项任务，请手工补入 tasks.yaml" in notes
    assert ("excerpt.txt:2: “责任单位”之前没有任务序号（可能是从任务中间开始的摘录）；已按原文写入，问题一栏空缺，"
            "请核对原文补全") in notes
    assert "excerpt.txt:5: 原文序号为 12，按任务顺序记为第2项；请核对" in notes


def test_an_unknown_deadline_and_an_unreadable_unit_list_are_reported_at_their_line(tmp_path: Path) -> None:
    source = tmp_path / "plan.txt"
    source.write_text(
        "二、整改任务\n1.问题甲\n（1）问题甲的描述。\n整改目标：目标。\n整改措施：一是措施一。二是措施二。\n"
        "责任单位：市水务局；市住建局\n验收单位：市水务局\n整改时限：尽快完成\n",
        encoding="utf-8",
    )
    result = imported(source)
    assert result.tasks[0]["deadline"] == "尽快完成"  # the raw text kept, for `check` to name
    notes = notes_of(result)
    assert any(n.startswith("plan.txt:8: 第1项整改时限：无法识别整改时限 '尽快完成'") for n in notes)
    assert any(n.startswith("plan.txt:6: 第1项责任单位：无法识别") for n in notes)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("traditional.txt", "traditional.txt：内容是繁体字；请先转换为简体（Word“审阅—简繁转换”）后再导入，以免与方案原文不一致"),
        ("one-line.txt", "one-line.txt：全部内容在同一行，无法分出各项任务；请按方案原文分段粘贴（每个字段、每项任务另起一行）后再导入"),
    ],
)
def test_a_paste_it_cannot_read_gets_a_clear_message(name: str, message: str) -> None:
    with pytest.raises(plan_import.ImportFailed) as raised:
        plan_import.read_lines(INPUTS / name)
    assert str(raised.value) == message


TABLE = [
    ["序号", "反馈问题", "整改目标", "整改措施", "责任单位", "督办单位", "整改时限"],
    ["1", "部分企业未完成超低排放改造。", "全面完成改造。", "一是制定计划。二是加快实施。", "市生态环境局牵头，市工信局",
     "市委督查室", "2025年底前"],
    ["2", "道路扬尘治理不到位。", "扬尘得到控制。", "加强清扫。", "市交通局", "市政府督查室", "2025年9月中旬"],
]


def write_docx_table(path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("二、整改任务")
    table = document.add_table(rows=len(TABLE), cols=len(TABLE[0]))
    for r, row in enumerate(TABLE):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    document.save(str(path))


def test_a_word_table_becomes_tasks_and_names_its_cells(tmp_path: Path) -> None:
    source = tmp_path / "方案.docx"
    write_docx_table(source)
    result = imported(source)
    first, second = result.tasks
    assert first["problem"] == "部分企业未完成超低排放改造。"
    assert first["measures"] == ["制定计划。", "加快实施。"]
    assert first["other_units"] == ["督办单位：市委督查室"]
    assert second["deadline"] == "2025年9月中旬"
    notes = notes_of(result)
    assert f"方案.docx 表1第2行“序号”列: 第1项{NO_ACCEPTANCE}" in notes
    assert any(n.startswith("方案.docx 表1第3行“整改时限”列: 第2项整改时限：无法识别整改时限 '2025年9月中旬'") for n in notes)


def test_a_table_flattened_to_text_one_cell_per_line(tmp_path: Path) -> None:
    source = tmp_path / "table.txt"
    source.write_text("\n".join(cell for row in TABLE for cell in row) + "\n", encoding="utf-8")
    result = imported(source)
    assert [t["problem"] for t in result.tasks] == ["部分企业未完成超低排放改造。", "道路扬尘治理不到位。"]
    assert result.tasks[0]["responsible_units"] == "市生态环境局牵头，市工信局"
    assert f"table.txt:8: 第1项{NO_ACCEPTANCE}" in notes_of(result)


def test_a_word_file_in_prose_reads_as_the_text_does(tmp_path: Path) -> None:
    source = tmp_path / "labelled.docx"
    document = docx.Document()
    for line in (INPUTS / "labelled.txt").read_text(encoding="utf-8").splitlines():
        document.add_paragraph(line)
    document.save(str(source))
    from_word, from_text = imported(source), imported(INPUTS / "labelled.txt")
    assert (from_word.plan, from_word.tasks) == (from_text.plan, from_text.tasks)
    assert notes_of(from_word)[0] == "labelled.docx 第1段: 印发通知的内容（含文号），不属于方案正文，未导入"


# --- the command --------------------------------------------------------------------------------------------


def run(project: Path, *args: str) -> Any:
    return CliRunner().invoke(main, ["--root", str(project), "plan", "import", *args])


def test_import_writes_the_plan_folder_and_check_names_what_is_left(project: Path) -> None:
    result = run(project, str(INPUTS / "labelled.txt"), "--id", "baotou-nmg-r2")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "共识别整改任务 3 项。以下内容需要核对或填写（运行 gongshi check 会再次列出尚未填写的内容）："
    assert lines[-1] == "已写入 data/plans/baotou-nmg-r2/"
    folder = project / "data" / "plans" / "baotou-nmg-r2"
    assert sorted(p.name for p in folder.iterdir()) == ["plan.yaml", "tasks.yaml"]
    assert [p.name for p in (project / "data" / "plans").iterdir() if p.name.startswith(".")] == []
    problems = Problems()
    assert load_plan(folder, project, problems) is None
    reported = [str(p) for p in problems.errors]
    # what the review listed is what check refuses: the round; a missing 验收单位 is no error of the plan
    # (its notices are refused until it is filled in: test_notices); the suggested slugs are valid ones
    assert not any("acceptance_units" in p for p in reported)
    assert not any("slug" in p for p in reported)
    assert any("inspection" in p and "round" in p for p in reported)


def test_an_existing_plan_folder_is_refused(project: Path) -> None:
    result = run(project, str(INPUTS / "labelled.txt"), "--id", "ordos-nmg-r2")
    assert result.exit_code == 1
    assert result.output.strip() == (
        "data/plans/ordos-nmg-r2/ 已经存在；要替换它请加 --replace（仅在该方案尚无公示和年度报告时允许）"
    )


def test_replace_is_refused_once_the_plan_has_notices_or_reports(project: Path) -> None:
    before = (project / "data" / "plans" / "ordos-nmg-r2" / "tasks.yaml").read_bytes()
    result = run(project, str(INPUTS / "labelled.txt"), "--id", "ordos-nmg-r2", "--replace")
    assert result.exit_code == 1
    assert result.output.startswith("data/plans/ordos-nmg-r2/ 已有公示或年度报告（data/notices/")
    assert (project / "data" / "plans" / "ordos-nmg-r2" / "tasks.yaml").read_bytes() == before


def test_replace_keeps_the_old_folder_beside(project: Path) -> None:
    assert run(project, str(INPUTS / "excerpt.txt"), "--id", "baotou-nmg-r2").exit_code == 0
    result = run(project, str(INPUTS / "labelled.txt"), "--id", "baotou-nmg-r2", "--replace")
    assert result.exit_code == 0, result.output
    plans = project / "data" / "plans"
    (kept,) = [p for p in plans.iterdir() if p.name.startswith(".baotou-nmg-r2.replaced-")]
    assert "部分污水处理厂出水超标" in (kept / "tasks.yaml").read_text(encoding="utf-8")
    assert "个别钢铁企业" in (plans / "baotou-nmg-r2" / "tasks.yaml").read_text(encoding="utf-8")
    assert result.output.splitlines()[-1] == (
        f"原方案文件夹已改名保留为 data/plans/{kept.name}/（其中的文件不会再被读取；核对无误后可删除）"
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("plan.pdf", b"%PDF", "plan.pdf：只能导入 .txt、.md 或 .docx 文件；请在 Word 中另存为 .docx 后再导入"),
        ("plan.docx", b"not a zip", "plan.docx：无法作为 Word 文档打开；请在 Word 中另存为 .docx 后再导入"),
        ("plan.txt", "整改目标：甲".encode("gbk"), "plan.txt：不是 UTF-8 编码的文本；请在记事本中“另存为”并选择 UTF-8 编码后再导入"),
    ],
)
def test_a_file_it_cannot_read_writes_nothing(project: Path, name: str, content: bytes, message: str) -> None:
    source = project / name
    source.write_bytes(content)
    before = sorted(p.name for p in (project / "data" / "plans").iterdir())
    result = run(project, str(source), "--id", "new-plan")
    assert (result.exit_code, result.output.strip()) == (1, message)
    assert sorted(p.name for p in (project / "data" / "plans").iterdir()) == before


def test_a_plan_id_that_is_no_slug_is_refused(project: Path) -> None:
    result = run(project, str(INPUTS / "labelled.txt"), "--id", "包头")
    assert (result.exit_code, result.output.strip()) == (1, "方案编号 '包头' 只能由小写字母、数字和连字符组成，如 baotou-nmg-r2")


def test_a_plan_of_counties_writes_its_word_for_them() -> None:
    """县（市、区） is read from the unit lists (各县（市、区）政府) and written as the plan's subunit_word."""
    result = imported(INPUTS / "county.txt")
    assert result.plan["subunit_word"] == "县（市、区）"
    assert [b["name"] for b in result.plan["banners"]] == ["尧都区", "洪洞县"]
    assert "plan.yaml: 方案把下辖旗、县、区统称为“县（市、区）”，已写入 'subunit_word'；请核对" in notes_of(result)
    assert "subunit_word" not in imported(INPUTS / "labelled.txt").plan  # 各旗区: the default, not written


SECOND = "linfen-sx-r3"


def _as_the_readme_says(project: Path) -> None:
    """What the review and `gongshi check` list, filled in as an officer would; then the reports named per plan."""
    plan_yaml = project / "data" / "plans" / SECOND / "plan.yaml"
    text = plan_yaml.read_text(encoding="utf-8")
    # The suggested slugs are checked: 尧都 is read yáo dū, not dōu (a polyphone the review warns of).
    assert "- name: 尧都区\n  slug: yaodouqu\n" in text and "- name: 洪洞县\n  slug: hongdongxian\n" in text
    text = text.replace("slug: yaodouqu\n", "slug: yaodu\n")
    text = text.replace("  report_title: 临汾市生态环境保护督察报告\n",
                        "  report_title: 临汾市生态环境保护督察报告\n  round: 第三轮省级生态环境保护督察\n")
    text += (
        "tasks_intro: 对照督察反馈问题，逐项明确整改任务。\n"
        "procedure:\n- title: 工作流程\n  paragraphs:\n  - 整改任务完成后，由验收单位组织验收销号。\n"
    )
    plan_yaml.write_text(text, encoding="utf-8")
    progress = project / "data" / "progress"
    for year in (2025, 2026):  # several plans: <年份>-<方案编号>.yaml
        (progress / f"{year}.yaml").rename(progress / f"{year}-ordos-nmg-r2.yaml")
    (progress / f"2025-{SECOND}.yaml").write_text(
        "published: 2026-01-20\ntasks:\n"
        "  - task: 1\n    status: 达到序时进度\n    measures:\n"
        "      - no: 1\n        progress: 已完成散煤排查。\n      - no: 2\n        progress: 清洁取暖改造按计划推进。\n"
        "  - task: 2\n    status: 已完成\n    measures:\n      - no: 1\n        progress: 已完成截污纳管。\n",
        encoding="utf-8",
    )


@pytest.mark.e2e
def test_a_two_plan_site_from_an_imported_plan(tmp_path: Path) -> None:
    import lxml.html
    from conftest import copy_project

    project = copy_project(tmp_path / "project")  # the whole project: mkdocs.yml, overrides, content
    review = run(project, str(INPUTS / "county.txt"), "--id", SECOND)
    assert review.exit_code == 0
    # 市能源局 and 市住建局 are the shipped plan's names too, but 临汾's bodies, not 鄂尔多斯's: pages of their own
    assert ("plan.yaml: 2个名称（市能源局、市住建局）与其他城市方案中的同名，但不是同一单位，已另起以本地区拼音开头的网址名"
            "（linfen-shinengyuanju、linfen-shizhujianju）；请在 plan.yaml 中核对") in review.output.splitlines()
    _as_the_readme_says(project)
    checked = CliRunner().invoke(main, ["--root", str(project), "check"])
    assert checked.exit_code == 0, checked.stderr
    assert "检查通过：2个整改方案，42项整改任务" in checked.stdout
    site = tmp_path / "site"
    built = CliRunner().invoke(
        main, ["--root", str(project), "build", "--preview", "--as-of", "2026-11-28", "--site-dir", str(site)]
    )
    assert built.exit_code == 0, built.output

    for plan_id, count in (("ordos-nmg-r2", 40), (SECOND, 2)):
        pages = sorted(int(p.name) for p in (site / "plans" / plan_id / "tasks").iterdir() if p.name.isdigit())
        assert pages == list(range(1, count + 1)), plan_id
    home = lxml.html.parse(str(site / "index.html")).getroot()
    listed = {a.get("href"): a.text_content().strip() for a in home.iter("a")}
    # with several plans the home page counts each plan's tasks in a row headed by its title, and links their list
    links = {(a.get("href"), a.text_content().strip()) for a in home.iter("a")}
    assert ("plans/ordos-nmg-r2/tasks/", "鄂尔多斯市贯彻落实第二轮自治区生态环境保护督察报告整改方案") in links
    assert ("plans/ordos-nmg-r2/tasks/", "40") in links and (f"plans/{SECOND}/tasks/", "2") in links
    assert (f"plans/{SECOND}/tasks/", "临汾市贯彻落实第三轮省级生态环境保护督察报告整改方案") in links
    assert listed["plans/"] == "整改方案"

    def facts(no: int) -> dict[str, str]:
        page = lxml.html.parse(str(site / "plans" / SECOND / "tasks" / str(no) / "index.html")).getroot()
        return {dt.text_content(): dt.getnext().text_content() for dt in page.iter("dt")}

    first, second = facts(1), facts(2)
    assert first["涉及县（市、区）"] == "尧都区、洪洞县"  # 各县（市、区）政府, in the plan's own word
    assert first["验收单位"].startswith("市能源局")
    assert "验收单位" not in second and second["涉及县（市、区）"] == "尧都区、洪洞县"
    report = lxml.html.parse(str(site / "progress" / SECOND / "2025" / "index.html")).getroot()
    assert "临汾市贯彻落实第三轮省级生态环境保护督察报告整改方案" in report.findtext(".//h1")
    task_page = (site / "plans" / SECOND / "tasks" / "2" / "index.html").read_text(encoding="utf-8")
    assert "已完成截污纳管。" in task_page  # the report named 2025-<id>.yaml reached its plan's task


# --- what an audit of the import found (issue 25) ------------------------------------------------------------


def import_text(tmp_path: Path, text: str, name: str = "plan.txt") -> plan_import.Imported:
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    return imported(source)


NOTICE = (
    "关于印发《临县生态环境保护督察反馈意见整改方案》的通知\n临办字〔2025〕27号\n"
    "《临县生态环境保护督察反馈意见整改方案》已经县委、县政府同意，现印发给你们，请认真抓好落实。\n"
)


def test_an_attachment_heading_before_the_tasks_is_where_the_plan_starts(tmp_path: Path) -> None:
    """附件1 heads the task table a notice sends: the plan starts after it (it once raised an IndexError)."""
    result = import_text(tmp_path, "附件1\n（1）问题。\n整改目标：目标。\n", "a1.txt")
    assert [(t["no"], t["problem"], t["goal"]) for t in result.tasks] == [(1, "问题。", "目标。")]
    assert "a1.txt:1: 印发通知的附件标题，方案从下一行开始；这一行未导入" in notes_of(result)
    source = tmp_path / "a1.docx"
    document = docx.Document()
    for line in ("附件1", "（1）问题。", "整改目标：目标。"):
        document.add_paragraph(line)
    document.save(str(source))
    assert imported(source).tasks == result.tasks
    # after a notice, a bare 附件 line, then the plan: nothing after it is dropped
    result = import_text(tmp_path, NOTICE + "附件\n" + "（1）问题。\n整改目标：目标。\n整改时限：立行立改\n")
    assert [(t["problem"], t["deadline"]) for t in result.tasks] == [("问题。", "立行立改")]
    assert result.plan["title"] == "临县生态环境保护督察反馈意见整改方案"
    assert "plan.txt:4: 印发通知的附件标题，方案从下一行开始；这一行未导入" in notes_of(result)


def test_an_empty_file_of_only_an_attachment_heading_is_refused_with_its_name(tmp_path: Path) -> None:
    source = tmp_path / "a2.docx"
    document = docx.Document()
    document.add_paragraph("附件1")
    document.add_paragraph("说明文字。")
    document.save(str(source))
    with pytest.raises(plan_import.ImportFailed) as raised:
        imported(source)
    assert str(raised.value).startswith("a2.docx：没有找到“整改目标：”")


def test_a_wrapped_plan_with_tasks_numbered_like_sections_keeps_its_title_and_preamble(tmp_path: Path) -> None:
    """Tasks numbered 一、: the notice, the title and the preamble are the lines before the first task."""
    result = import_text(tmp_path, NOTICE + (
        "临县生态环境保护督察反馈意见整改方案\n为扎实推进督察反馈问题整改，制定本方案。\n"
        "一、秸秆露天焚烧问题时有发生\n整改目标:秸秆焚烧得到遏制。\n整改时限:2025年12月底前\n"
        "二、城区餐饮油烟扰民\n整改目标:投诉明显下降。\n完成时限:立行立改，长期坚持\n"
    ))
    assert result.plan["title"] == "临县生态环境保护督察反馈意见整改方案"
    assert result.plan["preamble"] == "为扎实推进督察反馈问题整改，制定本方案。"
    assert [t["problem"] for t in result.tasks] == ["秸秆露天焚烧问题时有发生", "城区餐饮油烟扰民"]
    notes = notes_of(result)
    assert [n for n in notes if "印发通知" in n] == [f"plan.txt:{n}: 印发通知的内容（含文号），不属于方案正文，未导入"
                                                    for n in (1, 2, 3)]
    assert not any("无法归入" in n or "title" in n or "preamble" in n for n in notes), notes


def test_the_end_of_the_page_is_not_glued_onto_the_last_task(tmp_path: Path) -> None:
    """附件 with its title on the line ends the plan; a site's 来源/责任编辑/打印本页 lines are reported, not kept."""
    task = "（1）问题。\n整改目标：目标。\n整改时限：2017年9月底前，长期坚持。\n"
    result = import_text(tmp_path, task + "附件：临县领导小组成员名单\n张三 组长\n来源：临县人民政府网   责任编辑：张三\n")
    assert result.tasks[0]["deadline"] == "2017年9月底前，长期坚持。"
    assert "plan.txt:4: 从这一行起是附件（验收销号程序、模板等），未导入；要在网站上公布，请在 plan.yaml 的 'appendix'、" \
           "'procedure' 中填写" in notes_of(result)
    result = import_text(tmp_path, "首页 > 政务公开\n" + task + "来源：临县人民政府网   责任编辑：张三\n打印本页 关闭窗口\n")
    assert result.tasks[0]["deadline"] == "2017年9月底前，长期坚持。"
    site = "网页上的栏目文字（来源、责任编辑、打印本页等），不属于方案，未导入；如确属方案内容，请手工补入"
    assert [n for n in notes_of(result) if site in n] == [f"plan.txt:{n}: {site}" for n in (1, 5, 6)]


def test_a_word_table_names_sub_units_splits_paragraph_measures_and_skips_empty_cells(tmp_path: Path) -> None:
    source = tmp_path / "沧州.docx"
    document = docx.Document()
    rows = [
        ["序号", "整改问题", "整改目标", "整改措施", "责任单位", "督办单位", "完成时限"],
        ["1", "黑臭水体返黑返臭。", "动态清零。", "1.开展排查整治。\n2.2024年6月底前完成控源截污工程。",
         "市生态环境局，任丘市、黄骅市政府，各区县党委和政府", "", "2024年6月底前"],
    ]
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    document.save(str(source))
    result = imported(source)
    (task,) = result.tasks
    assert task["measures"] == ["开展排查整治。", "2024年6月底前完成控源截污工程。"]
    assert "other_units" not in task  # an empty 督办单位 cell names no unit
    notes = notes_of(result)
    for name in ("任丘市", "黄骅市政府"):
        assert (f"沧州.docx 表1第2行“责任单位”列: 第1项责任单位中的“{name}”像是下辖的区县而不是市直部门，已暂按单位写入 "
                "'units'（会有自己的单位页面）；如属区县，请在 plan.yaml 中把它移到 'banners'，并在 tasks.yaml 中写成"
                "“X、Y党委和政府”的形式") in notes
    assert not any("市生态环境局”像是" in n for n in notes)


def test_measures_numbered_one_level_below_the_task_without_a_label_are_its_measures(tmp_path: Path) -> None:
    result = import_text(tmp_path, (
        "一、秸秆露天焚烧问题时有发生\n整改目标:焚烧得到遏制。\n（一）建立网格化监管体系。\n（二）2025年10月31日前建成收储点。\n"
        "责任单位:县农业农村局\n整改时限:2025年12月底前\n"
        "二、城区餐饮油烟扰民\n整改目标:投诉明显下降。\n整改措施:依法查处。\n责任单位:县市场监管局\n整改时限:立行立改\n"
    ))
    first, second = result.tasks
    assert (first["problem"], first["measures"]) == (
        "秸秆露天焚烧问题时有发生", ["建立网格化监管体系。", "2025年10月31日前建成收储点。"]
    )
    assert first["responsible_units"] == "县农业农村局" and second["measures"] == ["依法查处。"]
    assert [c.get("title") for c in result.plan["chapters"]] == [None]  # no problem headings made of the measures
    notes = notes_of(result)
    assert "plan.txt:3: 第1项没有“整改措施：”字样，已把任务下一级编号的各条作为整改措施；请核对" in notes
    assert not any("没有任务序号" in n for n in notes)


def test_a_unit_keeps_another_plans_slug_only_in_the_same_city() -> None:
    lines = plan_import.read_lines(INPUTS / "labelled.txt")  # 包头市's plan, naming 市生态环境局 and 九原区
    ordos = {"鄂尔多斯市": {"市生态环境局": "shengtai-huanjing-ju", "九原区": "jiuyuan"}}
    result = plan_import.import_plan(lines, ordos)
    slugs = {e["name"]: e["slug"] for e in [*result.plan["banners"], *result.plan["units"]]}
    assert slugs["市生态环境局"] == "baotou-shishengtaihuanjingju" and slugs["九原区"] == "baotou-jiuyuanqu"
    assert ("plan.yaml: 2个名称（九原区、市生态环境局）与其他城市方案中的同名，但不是同一单位，已另起以本地区拼音开头的网址名"
            "（baotou-jiuyuanqu、baotou-shishengtaihuanjingju）；请在 plan.yaml 中核对") in [str(n) for n in result.notes]
    # another plan of 包头市 (a later round): one unit, one page
    result = plan_import.import_plan(lines, {**ordos, "包头市": {"市生态环境局": "sthjj"}})
    assert {e["name"]: e["slug"] for e in result.plan["units"]}["市生态环境局"] == "sthjj"
    assert "plan.yaml: 1个旗区和单位与已有方案中的同名，沿用其网址名（'slug'）" in [str(n) for n in result.notes]


def test_a_one_line_paste_between_a_title_and_a_source_line_gets_the_one_line_message(tmp_path: Path) -> None:
    source = tmp_path / "oneline.txt"
    source.write_text(
        "呼和浩特市整改方案\n（1）问题甲。整改目标：目标甲。责任单位：市水务局整改时限：2025年底前 （2）问题乙。整改目标：目标乙。"
        "责任单位：市交通局整改时限：2025年9月30日前\n来源：呼和浩特市人民政府\n",
        encoding="utf-8",
    )
    with pytest.raises(plan_import.ImportFailed) as raised:
        plan_import.read_lines(source)
    assert str(raised.value).startswith("oneline.txt：全部内容在同一行，无法分出各项任务")


def test_the_review_names_what_to_fill_by_its_label() -> None:
    result = imported(INPUTS / "excerpt.txt")
    assert f"plan.yaml: 原文中没有前言（preamble）；{FILL}" in notes_of(result)
