"""schema: one spec per field, one verdict per value, whatever reads it (YAML now, Excel cells later)."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import AS_OF, REPO, copy_project

from generator import schema
from generator.schema import NOTICE, OFFICER_RECORDS, check_value

START = NOTICE.field("start")
TASK = NOTICE.field("task")
OUTCOME = NOTICE.path("objections.outcome")
OPINION = NOTICE.path("acceptance.opinion")


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("2026-12-01", dt.date(2026, 12, 1)),
        (" 2026-12-01 ", dt.date(2026, 12, 1)),
        (dt.date(2026, 12, 1), dt.date(2026, 12, 1)),  # a date cell
        (dt.datetime(2026, 12, 1), dt.date(2026, 12, 1)),  # what openpyxl gives for one
    ],
)
def test_a_date_from_text_or_a_date_cell(raw: object, value: dt.date) -> None:
    assert check_value(START, raw) == schema.Checked(value)


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ("2026年12月1日", "日期请写作 2026-12-01（年-月-日，月和日各两位），不要写作 '2026年12月1日'"),
        ("2026/12/1", "日期请写作 2026-12-01（年-月-日，月和日各两位），不要写作 '2026/12/1'"),
        ("2026.12.1", "日期请写作 2026-12-01（年-月-日，月和日各两位），不要写作 '2026.12.1'"),
        ("2026-2-3", "日期请写作 2026-02-03（年-月-日，月和日各两位），不要写作 '2026-2-3'"),
        ("2026年2月30日", "'2026年2月30日' 不是有效日期：2026年2月只有 28 天"),
        ("2026-13-01", "'2026-13-01' 不是有效日期：没有 13 月"),
        ("下周一", "应为日期，写作 年-月-日（如 2026-12-01），实际是 '下周一'"),
        (20261201, "应为日期，写作 年-月-日（如 2026-12-01），实际是 20261201"),
        (dt.datetime(2026, 12, 1, 9, 30), "应为日期，写作 年-月-日（如 2026-12-01），实际是 2026-12-01 09:30:00"),
        (None, "不能为空"),
        ("  ", "不能为空"),
    ],
)
def test_a_wrong_date_says_what_to_write(raw: object, problem: str) -> None:
    assert check_value(START, raw) == schema.Checked(None, problem)


def test_optional_empty_is_no_value_and_no_problem() -> None:
    assert check_value(NOTICE.field("closed_out"), None) == schema.Checked(None)
    assert check_value(NOTICE.field("closed_out"), "") == schema.Checked(None)


def test_whole_numbers_from_yaml_or_a_number_cell() -> None:
    assert check_value(TASK, 12) == schema.Checked(12)
    assert check_value(TASK, 12.0) == schema.Checked(12)
    assert check_value(TASK, 12.5).problem == "应为整数，实际是 12.5"
    assert check_value(TASK, "十二").problem == "应为整数，实际是 '十二'"
    assert check_value(TASK, True).problem == "应为整数，实际是 true"
    assert check_value(TASK, 0).problem == "不能小于 1，实际是 0"


def test_allowed_words_are_normalised_and_a_close_one_suggested() -> None:
    assert [check_value(OUTCOME, w).value for w in ("待核实", "异议成立", "异议不成立")] == [
        "pending", "upheld", "dismissed"
    ]
    assert [check_value(OUTCOME, w).value for w in ("pending", "upheld", "dismissed")] == [
        "pending", "upheld", "dismissed"
    ]
    assert check_value(OUTCOME, "不成立").problem == (
        "应为以下之一：待核实、异议成立、异议不成立；实际是 '不成立'；是否应为 '异议不成立'？"
    )


def test_text_is_stripped_and_bounded() -> None:
    assert check_value(OPINION, "  同意验收销号。 ") == schema.Checked("同意验收销号。")
    assert check_value(OPINION, 2026) == schema.Checked("2026")
    short = schema.Field("x", schema.TEXT, "x", max_chars=3)
    assert check_value(short, "一二三四").problem == "文字有 4 个字，超过上限 3 个字"


def test_lists_and_records() -> None:
    co_units = NOTICE.path("acceptance.co_units")
    assert check_value(co_units, ["市能源局", " 市住建局"]) == schema.Checked(("市能源局", "市住建局"))
    assert check_value(co_units, "市能源局").problem == "应为列表（每项以“- ”开头），实际是 '市能源局'"
    assert check_value(NOTICE.field("acceptance"), ["x"]).problem == "应为若干“字段名: 内容”，实际是列表"


def test_a_nested_field_is_found_by_its_dotted_path() -> None:
    assert NOTICE.path("acceptance.co_units").label == "配合验收单位"
    assert NOTICE.field("approved").label == "市生态环境保护委员会同意日期"


def test_the_readme_lists_every_field_officers_write() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for file, record in OFFICER_RECORDS.items():
        missing = [spec.name for spec in schema.all_fields(record) if f"`{spec.name}`" not in readme]
        assert missing == [], file


def test_the_draft_of_notice_new_carries_every_notice_field() -> None:
    from generator.errors import Problems
    from generator.load import load_plans
    from generator.notices import draft_text
    from generator.workcalendar import WorkCalendar

    plan = load_plans(REPO / "data", REPO, Problems())[0]
    window = WorkCalendar().window(dt.date(2026, 12, 1), 10)
    text = draft_text(plan, plan.task(37), ["鄂托克旗"], window)
    keys = set(re.findall(r"^\s*#?\s*([a-z_]+):", text, flags=re.MULTILINE))
    acceptance = NOTICE.field("acceptance").record
    assert acceptance is not None
    assert set(NOTICE.names) | set(acceptance.names) <= keys
    for spec in NOTICE.fields:
        assert f"# {spec.help}" in text, spec.name


# Each model class and the record it holds; a test keeps their field names together.
from generator import model  # noqa: E402

MODEL_RECORDS = {
    model.Notice: schema.NOTICE, model.Acceptance: schema.ACCEPTANCE, model.Contact: schema.CONTACT,
    model.Channel: schema.CHANNEL, model.Objection: schema.OBJECTION, model.Withdrawal: schema.WITHDRAWAL,
    model.PublishedElsewhere: schema.ELSEWHERE, model.SiteInfo: schema.SITE, model.Inspection: schema.INSPECTION,
    model.Section: schema.SECTION, model.Appendix: schema.APPENDIX, model.Banner: schema.NAMED,
    model.Unit: schema.NAMED, model.Task: schema.TASK, model.MeasureProgress: schema.MEASURE_PROGRESS,
    model.BannerProgress: schema.BANNER_PROGRESS, model.Extension: schema.EXTENSION, model.Rebound: schema.REBOUND,
    model.TaskProgress: schema.TASK_PROGRESS, model.ProgressReport: schema.PROGRESS_REPORT,
    model.Plan: schema.PLAN, model.Chapter: schema.CHAPTER, model.ProblemGroup: schema.PROBLEM,
}


def test_each_model_class_holds_its_records_fields_by_name() -> None:
    """As an attribute, or (a class with `extra`: a notice) as an entry of `extra` read by name."""
    import dataclasses

    wrong = []
    for cls, record in MODEL_RECORDS.items():
        names = {f.name for f in dataclasses.fields(cls)}
        kept_apart = {spec.name for spec in model.passed_through(cls, record)} if "extra" in names else set()
        wrong += [f"{cls.__name__}.{spec.attribute or spec.name}" for spec in record.fields
                  if (spec.attribute or spec.name) not in names and spec.name not in kept_apart]
    assert wrong == []


def test_a_field_without_an_attribute_is_read_from_extra(shipped) -> None:
    """What the outputs read of a declared field (`model_values`): the attribute, else the `extra` entry."""
    import dataclasses

    remark = schema.Field("remark", schema.TEXT, "备注", required=False, withheld=True)
    record = dataclasses.replace(NOTICE, fields=(*NOTICE.fields, remark), _by_name={})
    assert [spec.name for spec in model.passed_through(model.Notice, record)] == ["remark"]
    assert model.passed_through(model.Notice, NOTICE) == ()  # the shipped fields all have attributes
    notice = shipped[0].notices[0]
    assert notice.extra == {}
    assert schema.model_values(dataclasses.replace(notice, extra={"remark": "已归档"}), record, "remark") == ["已归档"]
    assert schema.model_values(notice, record, "remark") == []  # not written: no value
    assert schema.model_values(notice, record, "acceptance.opinion") == [notice.acceptance.opinion]


# What a model class holds beyond its record's fields: where it was read, and what the reader computes.
COMPUTED = {"id", "line", "scope_line", "unit_line", "start_line", "withdrawn_line", "field_lines", "source", "late", "plan_id", "chapter_no", "several_plans", "year", "tasks",
            "task_numbers", "measure_dates", "applied_after", "extra"}  # read from the plan's measures; working days completion → application


def test_each_model_class_holds_nothing_undeclared_but_what_the_reader_computes() -> None:
    import dataclasses

    extra = []
    for cls, record in MODEL_RECORDS.items():
        declared = {spec.attribute or spec.name for spec in record.fields}
        extra += [f"{cls.__name__}.{f.name}" for f in dataclasses.fields(cls) if f.name not in declared | COMPUTED]
    # A rebound recorded in data/events/ has a limit (and may have an escalation); one in a yearly report
    # (schema.REBOUND) has neither. A plan's official names come from names.yaml beside it (schema.NAMES), not from plan.yaml.
    assert sorted(extra) == ["Plan.official_names", "Rebound.escalation", "Rebound.limit"]


# --- adding a field: one declaration in schema.py and the template line that shows it ----------------

# What a developer writes to add an optional notice text field, and nothing else (README, docs/architecture.md).
REMARK = (
    '        Field("remark", TEXT, "备注", required=False, help="备注，可选", withheld=True, open_data=True, '
    "ledger=12),\n"
)
REMARK_LINE = '{% if notice.extra.remark %}<p class="gs-remark">备注：{{ notice.extra.remark }}</p>{% endif %}\n\n'
PUBLISHED, QUEUED = "2026-11-23-task24", "2026-12-07-task7"  # as of AS_OF: started, and starting 2026-12-07
SAID, SECRET = "已将验收材料归档备查。", "待公示期开始后补充现场照片。"


def with_a_field(root: Path) -> Path:
    """A copy of the project whose schema declares `remark` on a notice and whose notice page shows it."""
    copy_project(root)
    shutil.copytree(REPO / "generator", root / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    (root / "tests").mkdir()
    for name in ("conftest.py", "test_injection.py"):
        shutil.copy(REPO / "tests" / name, root / "tests" / name)
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    schema_py = root / "generator" / "schema.py"
    text = schema_py.read_text(encoding="utf-8")
    end = text.index("\n    ),\n)\n", text.index("\nNOTICE = Record(")) + 1  # the end of NOTICE's fields
    schema_py.write_text(text[:end] + REMARK + text[end:], encoding="utf-8")
    template = root / "generator" / "templates" / "notice.md.j2"
    text = template.read_text(encoding="utf-8")
    assert text.count("## 五、验收意见") == 1
    template.write_text(text.replace("## 五、验收意见", REMARK_LINE + "## 五、验收意见"), encoding="utf-8")
    for notice, remark in ((PUBLISHED, SAID), (QUEUED, SECRET)):
        with (root / "data" / "notices" / f"{notice}.yaml").open("a", encoding="utf-8") as file:
            file.write(f"remark: {remark}\n")
    return root


def run_in(root: Path, *args: str) -> subprocess.CompletedProcess:
    """`python *args` with the copy's code first on the path (before the editable install of this worktree)."""
    env = {**os.environ, "PYTHONPATH": f"{root}{os.pathsep}{root / 'tests'}", "PYTHONDONTWRITEBYTECODE": "1"}
    result = subprocess.run(
        [sys.executable, *args], cwd=root, env=env, capture_output=True, text=True, encoding="utf-8", timeout=600,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


@pytest.fixture(scope="module")
def field_added(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return with_a_field(tmp_path_factory.mktemp("field") / "project")


def test_an_added_field_is_read_checked_and_filled_with_hostile_text(field_added: Path) -> None:
    """The reader checks it (file:line: field: problem), and the injection test lists and fills it by itself."""
    listed = run_in(
        field_added, "-c",
        "import generator, test_injection as t; print(generator.__file__); "
        "print([n for n in t.declared_text_fields() if n.startswith('notice.remark')]); "
        "print([f.name for f in t.PLAIN_FIELDS if f.name == 'notice.remark' and f.api is not None]); "
        "t.test_every_declared_text_field_is_filled()",
    )
    assert listed.stdout.splitlines() == [
        str(field_added / "generator" / "__init__.py"), "['notice.remark']", "['notice.remark']",
    ], listed.stderr
    assert listed.returncode == 0
    notice = field_added / "data" / "notices" / f"{QUEUED}.yaml"
    lines = notice.read_text(encoding="utf-8").splitlines()
    notice.write_text("\n".join([*lines[:-1], "remark: [一, 二]", ""]), encoding="utf-8")
    try:
        checked = run_in(field_added, "-m", "generator", "check")
    finally:
        notice.write_text("\n".join([*lines, ""]), encoding="utf-8")
    assert checked.returncode == 1
    assert f"data/notices/{QUEUED}.yaml:{len(lines)}: remark: " in checked.stdout + checked.stderr


@pytest.mark.e2e
def test_an_added_field_reaches_page_open_data_ledger_and_the_withheld_texts(field_added: Path) -> None:
    from openpyxl import load_workbook

    site = field_added / "preview"
    built = run_in(field_added, "-m", "generator", "build", "--preview", "--as-of", AS_OF.isoformat(),
                   "--site-dir", str(site))
    assert built.returncode == 0, built.stderr
    page = (site / "notices" / PUBLISHED / "index.html").read_text(encoding="utf-8")
    assert f"备注：{SAID}" in page
    api = {n["id"]: n for n in json.loads((site / "api" / "notices.json").read_text(encoding="utf-8"))["notices"]}
    assert api[PUBLISHED]["remark"] == SAID
    assert QUEUED not in api and all(n["remark"] is None for i, n in api.items() if i != PUBLISHED)
    sheet = load_workbook(site / "downloads" / "ledger.xlsx").active
    assert sheet is not None
    header = [cell.value for cell in sheet[1]]
    column = header.index("备注")
    assert header[-1] == "备注" and sheet.column_dimensions[sheet.cell(1, column + 1).column_letter].width == 12
    assert [row[column] for row in sheet.iter_rows(min_row=2, values_only=True) if row[column]] == [SAID]
    assert SECRET not in "".join(p.read_text(encoding="utf-8", errors="replace") for p in site.rglob("*.html"))

    # The queued notice's remark is withheld: a page showing it before the notice starts stops the build.
    (field_added / "content" / "notes.md").write_text(f"# 说明\n\n{SECRET}\n", encoding="utf-8")
    refused = run_in(field_added, "-m", "generator", "build", "--preview", "--as-of", AS_OF.isoformat(),
                     "--site-dir", str(field_added / "refused"))
    assert refused.returncode == 1
    assert f"待发布的公示 data/notices/{QUEUED}.yaml" in refused.stderr, refused.stderr
    assert not (field_added / "refused").exists()


def test_a_withdrawn_notice_drops_an_added_text_field_from_the_ledger_and_keeps_its_dates(field_added: Path) -> None:
    """Withdrawn by the as-of date (NoticeStatus.withdrawal): the ledger row keeps the window, close-out and
    withdrawal dates but not the notice's text, as its page and api/notices.json do."""
    from openpyxl import load_workbook

    notice = field_added / "data" / "notices" / f"{PUBLISHED}.yaml"
    text = notice.read_text(encoding="utf-8")
    notice.write_text(text + "withdrawn:\n  date: 2026-11-26\n  reason: 验收材料需要补充\n", encoding="utf-8")
    out = field_added / "withdrawn-ledger.xlsx"
    try:
        exported = run_in(field_added, "-m", "generator", "ledger", "export", "--out", str(out),
                          "--as-of", AS_OF.isoformat(), "--force")
        before = run_in(field_added, "-m", "generator", "ledger", "export", "--out", str(out.with_stem("before")),
                        "--as-of", "2026-11-25", "--force")
    finally:
        notice.write_text(text, encoding="utf-8")
    assert exported.returncode == 0 and before.returncode == 0, exported.stderr + before.stderr

    def row_24(path: Path) -> dict:
        sheet = load_workbook(path).active
        assert sheet is not None
        header = [cell.value for cell in sheet[1]]
        return next(dict(zip(header, row)) for row in sheet.iter_rows(min_row=2, values_only=True)
                    if row[0] == 24 and not row[1])

    assert row_24(out.with_stem("before"))["备注"] == SAID  # not yet withdrawn on 2026-11-25
    row = row_24(out)
    assert row["备注"] in (None, "")
    assert row["公示撤回日期"] == dt.datetime(2026, 11, 26) and row["公示开始日期"] == dt.datetime(2026, 11, 23)
