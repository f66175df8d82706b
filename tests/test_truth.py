"""What the site says is true: the state model's rules from the plan, and every page agreeing with it.

Expectations come from the plan's procedure (附件 一、工作流程; 二（一）per-旗区 acceptance; 二（二）
未按时验收销号), not from the templates: counts are read back from built pages and compared with
each other and with api/tasks.json.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import lxml.html
import pytest
from click.testing import CliRunner
from conftest import REPO, data_tree
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import notice_status, opendata, pages, status, task_events
from generator.cli import main
from generator.errors import DataError
from generator.load import load_dataset
from generator.schema import Outcome
from generator.status import Group, TaskState

PLAN = "ordos-nmg-r2"
DAY = dt.date(2026, 11, 30)


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


# ------------------------------------------------------------------ the published list of states


def test_each_state_has_one_code_one_label_one_group() -> None:
    table = status.state_table()
    assert len({s["code"] for s in table}) == len({s["label"] for s in table}) == len(TaskState)
    assert [s["code"] for s in table] == [s.code for s in status.PRECEDENCE]
    for state in TaskState:
        assert state.group in Group
        assert state.overdue == (state.group is Group.OVERDUE)
        if state.overdue:
            assert "逾期" in state.label, state
    counts = {s: i + 1 for i, s in enumerate(TaskState)}
    assert status.group_counts(counts)[Group.OVERDUE] == sum(counts[s] for s in status.OVERDUE_STATES)


# ------------------------------------------------------------------ the shipped data, as of 2026-11-30


@pytest.fixture(scope="module")
def shipped_snapshot():
    dataset, calendar = load_dataset(REPO)
    return dataset, status.snapshot(dataset, DAY, calendar)


def test_shipped_overdue_tasks(shipped_snapshot) -> None:
    dataset, snap = shipped_snapshot
    tasks = dataset.plans[0].tasks
    past = [t.no for t in tasks if t.deadline.date and not t.deadline.milestone and t.deadline.date < DAY
            and snap.of(t).state.group not in (Group.CLOSED_OUT, Group.SUSTAINED)]
    assert len(past) == 18  # past the completion deadline in the plan, not closed out as a whole
    overdue = [t.no for t in tasks if snap.of(t).state.overdue]
    # Task 25 has an approved extension to 2027-06-30; task 33 was closed out, then rebounded with no time limit.
    assert sorted(set(past) - set(overdue)) == [25, 33]
    milestones = {3, 4, 5, 8, 19, 21, 39}  # past 取得阶段性成效 with no close-out (test_shipped_milestones)
    assert set(overdue) == (set(past) - {25, 33}) | milestones
    assert snap.of(dataset.plans[0].task(25)).state is TaskState.EXTENDED
    assert snap.of(dataset.plans[0].task(33)).state is TaskState.REBOUND
    # A report's 已完成 never hides 逾期: e.g. task 7 (2025年12月底), reported 已完成 in 2026.
    seven = snap.of(dataset.plans[0].task(7))
    assert seven.state is TaskState.COMPLETED_OVERDUE and seven.state.label == "已完成整改，逾期未验收销号"
    # …and the 7 tasks past their 取得阶段性成效 date with no close-out (test_shipped_milestones).
    assert status.group_counts(snap.count(tasks))[Group.OVERDUE] == 16 + 7


def test_shipped_milestones(shipped_snapshot) -> None:
    """A 取得阶段性成效 date is a close-out deadline (三、保障措施（二）未按时验收销号): past it with no
    close-out the task is overdue whatever a report says; a report of 已完成 after the date says why."""
    dataset, snap = shipped_snapshot
    passed = [t.no for t in dataset.plans[0].tasks if t.deadline.milestone and t.deadline.date < DAY]
    assert passed == [3, 4, 5, 8, 19, 21, 39]
    for no in passed:
        st_ = snap.of(dataset.plans[0].task(no))
        assert st_.state.overdue and "取得阶段性成效的时限" in st_.note, no
        entry = dataset.progress[-1].task(no)
        expected = TaskState.COMPLETED_OVERDUE if entry.status == "已完成" else TaskState.MILESTONE_OVERDUE
        assert st_.state is expected and "2026年度整改进展" in st_.note, no
    # Task 36's milestone (2026年12月底) has not passed yet.
    assert snap.of(dataset.plans[0].task(36)).state is TaskState.RECTIFYING


def test_shipped_task_37_parts(shipped_snapshot) -> None:
    dataset, snap = shipped_snapshot
    parts = {p.banner: (p.state, p.notice_id) for p in snap.of(dataset.plans[0].task(37)).parts}
    closed = "2026-09-14-task37-dalate-zhungeer"
    objection = "2026-11-16-task37-etuoke-hangjin"
    assert parts == {
        "东胜区": (TaskState.OVERDUE, None),
        "达拉特旗": (TaskState.CLOSED_OUT, closed),
        "准格尔旗": (TaskState.CLOSED_OUT, closed),
        "鄂托克前旗": (TaskState.OVERDUE, None),
        "鄂托克旗": (TaskState.OVERDUE_OBJECTION, objection),
        "杭锦旗": (TaskState.OVERDUE_OBJECTION, objection),
        "乌审旗": (TaskState.OVERDUE, None),
        "伊金霍洛旗": (TaskState.OVERDUE, None),
    }
    assert snap.of(dataset.plans[0].task(37)).state.overdue


# ------------------------------------------------------------------ rebounds and extensions recorded on their own

NOTICE_30 = """\
task: 30
scope: [达拉特旗]
start: 2026-11-02
completion: 已完成。
acceptance:
  unit: {unit}
  date: 2026-10-28
  opinion: 同意验收销号。
closed_out: 2026-11-20
"""

REBOUND_30 = """\
task: 30
kind: rebound
scope: [达拉特旗]
date: 2026-12-01
document: 督办通知〔2026〕9号
finding: 再次发现问题。
limit: 2027-01-31
"""


def tree(tmp: Path, notices: dict[str, str], events: dict[str, str], reports: dict[str, str] | None = None) -> Path:
    root = data_tree(tmp, notices, reports or {})
    (root / "data" / "events").mkdir()
    for name, text in events.items():
        (root / "data" / "events" / name).write_text(text, encoding="utf-8")
    return root


@functools.cache
def unit_of(task_no: int) -> str:
    dataset, _ = load_dataset(REPO)
    return dataset.plans[0].task(task_no).lead_acceptance_unit


def test_a_rebound_with_a_past_time_limit_is_overdue_on_its_own_part(tmp_path: Path) -> None:
    root = tree(tmp_path, {"n.yaml": NOTICE_30.format(unit=unit_of(30))}, {"r.yaml": REBOUND_30})
    dataset, calendar = load_dataset(root)
    task = dataset.plans[0].task(30)

    def part(day: str) -> TaskState:
        return status.snapshot(dataset, d(day), calendar).part_of(task, "达拉特旗").state

    assert part("2026-11-30") is TaskState.CLOSED_OUT
    assert part("2026-12-01") is TaskState.REBOUND
    assert part("2027-01-31") is TaskState.REBOUND
    assert part("2027-02-01") is TaskState.REBOUND_OVERDUE
    later = status.snapshot(dataset, d("2027-02-01"), calendar)
    assert later.part_of(task, "伊金霍洛旗").state is TaskState.OVERDUE  # never closed out
    (event,) = [e for e in later.events if e.kind == "rebound"]
    assert (event.guid, event.banners) == (f"urn:gongshi:{PLAN}:event:r", ("达拉特旗",))
    (n,) = later.notices
    assert n.rebound is not None and n.rebound.limit == d("2027-01-31")  # the closed-out notice's page says so


def test_a_rebound_needs_a_limit_and_a_close_out_and_one_source(tmp_path: Path) -> None:
    with pytest.raises(DataError) as err:
        load_dataset(tree(tmp_path / "a", {"n.yaml": NOTICE_30.format(unit=unit_of(30))},
                          {"r.yaml": REBOUND_30.replace("limit: 2027-01-31\n", "")}))
    assert any(p.field == "limit" for p in err.value.problems)
    with pytest.raises(DataError) as err:
        load_dataset(tree(tmp_path / "b", {}, {"r.yaml": REBOUND_30}))
    assert any(p.field == "date" and "销号" in p.message for p in err.value.problems)
    report = """\
published: 2026-12-20
tasks:
  - task: 30
    status: 进展滞后
    measures:
      - no: 1
        progress: 正在整改。
    rebound:
      found: 2026-12-01
      finding: 再次发现问题。
      notice: 督办通知〔2026〕9号
"""
    with pytest.raises(DataError) as err:
        load_dataset(tree(tmp_path / "c", {"n.yaml": NOTICE_30.format(unit=unit_of(30)).replace("scope: [达拉特旗]\n", "")},
                          {"r.yaml": REBOUND_30}, {"2026.yaml": report}))
    assert any("只保留一处" in p.message for p in err.value.problems)


def test_an_extension_record_for_one_banner(tmp_path: Path) -> None:
    ext = """\
task: 30
kind: extension
scope: [伊金霍洛旗]
date: 2026-07-10
document: 市委、市人民政府批复（示例）
requested: 2026-06-20
reason: 工程量大。
new_deadline: 2026-12-31
approved_by: 市委、市人民政府
"""
    dataset, calendar = load_dataset(tree(tmp_path, {}, {"e.yaml": ext}))
    task = dataset.plans[0].task(30)
    snap = status.snapshot(dataset, d("2026-08-01"), calendar)
    assert snap.part_of(task, "伊金霍洛旗").state is TaskState.EXTENDED
    assert snap.part_of(task, "达拉特旗").state is TaskState.OVERDUE
    assert snap.of(task).state is TaskState.OVERDUE  # any part overdue: the task is counted overdue
    assert status.snapshot(dataset, d("2027-01-01"), calendar).part_of(task, "伊金霍洛旗").state is TaskState.OVERDUE


def test_check_warns_about_incomplete_disclosure(tmp_path: Path) -> None:
    report = """\
published: 2026-01-20
tasks:
  - task: 24
    status: 进展滞后
    measures:
      - no: 1
        progress: 已申请专项资金。
"""
    dataset, calendar = load_dataset(data_tree(tmp_path, {}, {"2025.yaml": report}))
    found = task_events.warnings(dataset, calendar, d("2027-03-15"))
    text = "\n".join(str(p) for p in found)
    assert all(p.warning for p in found)
    assert "没有报告第2条整改措施" in text  # task 24 has two measures
    assert "没有包括尚未销号的第1、2、3" in text  # the other 39 tasks are open
    assert "2026年已结束60天以上" in text  # no 2026 report by 2027-03-15
    assert "2026年已结束" not in "\n".join(str(p) for p in task_events.warnings(dataset, calendar, d("2027-02-20")))


def test_a_year_is_listed_as_not_yet_disclosed_until_its_report_is_public(tmp_path: Path) -> None:
    """每年对外公开1次 (三、保障措施（三））: a year ended more than 60 days ago with tasks open and no public
    report is listed (the site's open data under `not_published`); a report written but not yet public is
    no report on the site, while `check` counts every report in data/."""
    report = "published: 2026-03-20\ntasks:\n  - task: 24\n    status: 进展滞后\n    measures:\n      - no: 1\n        progress: 推进。\n"
    dataset, calendar = load_dataset(data_tree(tmp_path, {}, {"2025.yaml": report}))

    def not_published(day: str) -> list[int]:
        snap = status.snapshot(dataset, d(day), calendar)
        out = pages.generate(dataset, snap, "https://example.gov.cn/")
        listed = json.loads(out.content["api/progress.json"])["not_published"]
        assert [m.year for m in task_events.missing_reports(dataset, d(day), snap.reports, calendar)] == [m["year"] for m in listed]
        assert all(m["open_tasks"] == 40 for m in listed)
        return [m["year"] for m in listed]

    assert not_published("2026-03-01") == []  # 60 days after 2025 ended
    assert not_published("2026-03-02") == [2025]  # the report is written, not public
    assert not_published("2026-03-20") == []
    assert "2025年已结束" not in "\n".join(str(p) for p in task_events.warnings(dataset, calendar, d("2026-03-02")))
    assert not_published("2027-03-02") == [2026]


# ------------------------------------------------------------------ every page agrees: the shipped site, built


def html_of(site: Path, url: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring((site / url / "index.html").read_text(encoding="utf-8"))


def group_cells(doc: lxml.html.HtmlElement, caption: str) -> dict[str, int]:
    (table,) = [t for t in doc.xpath("//table") if t.xpath("./caption") and t.xpath("./caption")[0].text_content() == caption]
    return {td.get("data-group"): int(td.text_content()) for td in table.xpath(".//td[@data-group]")}


def api_groups(records_: list[dict], banner: str | None = None) -> dict[str, int]:
    codes = Counter()
    for r in records_:
        if banner is None:
            codes[r["state"]] += 1
        elif banner in r["banners"]:
            codes[next(p["state"] for p in r["parts"] if p["banner"] == banner)] += 1
    out = {g.value: 0 for g in Group}
    for code, n in codes.items():
        out[TaskState(code).group.value] += n
    out["total"] = sum(codes.values())
    return out


def test_home_tasks_banners_and_api_agree_on_the_built_site(built: Path) -> None:
    assert_pages_agree(built)


@pytest.mark.e2e
def test_pages_agree_on_a_built_site_with_parts_rebounds_and_extensions(tmp_path: Path) -> None:
    """A real MkDocs build of data where 旗区 parts differ: per-旗区 close-out, a rebound, an extension."""
    from conftest import copy_project

    from generator.build import build_site

    root = copy_project(tmp_path / "project")
    # After the shipped whole-task notice's objection was decided (2026-11-06): none starts while it is verified (附件 一).
    dalate = NOTICE_30.format(unit=unit_of(30)).replace("start: 2026-11-02", "start: 2026-11-09").replace(
        "closed_out: 2026-11-20", "closed_out: 2026-11-23")
    (root / "data" / "notices" / "2026-11-09-task30-dalate.yaml").write_text(dalate, encoding="utf-8")
    (root / "data" / "events").mkdir(exist_ok=True)
    (root / "data" / "events" / "2026-11-25-task30-rebound.yaml").write_text(
        REBOUND_30.replace("2026-12-01", "2026-11-25").replace("2027-01-31", "2026-11-27"), encoding="utf-8"
    )
    (root / "data" / "events" / "2026-07-10-task37-extension.yaml").write_text(
        "task: 37\nkind: extension\nscope: [乌审旗]\ndate: 2026-07-10\ndocument: 批复（示例）\nrequested: 2026-06-20\n"
        "reason: 工程量大。\nnew_deadline: 2026-12-31\napproved_by: 市委、市人民政府\n", encoding="utf-8"
    )
    build_site(root, d("2026-11-30"), root / "site", live=True)
    site = root / "site"
    assert_pages_agree(site)
    api = {r["no"]: r for r in json.loads((site / "api" / "tasks.json").read_text(encoding="utf-8"))}
    parts37 = {p["banner"]: p["state"] for p in api[37]["parts"]}
    assert parts37["乌审旗"] == "extended" and parts37["东胜区"] == "overdue"
    parts30 = {p["banner"]: p["state"] for p in api[30]["parts"]}
    assert parts30 == {"达拉特旗": "rebound_overdue", "伊金霍洛旗": "overdue"}


def assert_pages_agree(built: Path) -> None:
    """Home, /tasks/ (and its 旗区 filter data), the 旗区 list, each 旗区 page and api/tasks.json give the same counts."""
    api = json.loads((built / "api" / "tasks.json").read_text(encoding="utf-8"))
    home = group_cells(html_of(built, "."), "各状态整改任务数（项）")
    assert home == api_groups(api)
    tasks_page = html_of(built, "tasks")
    assert group_cells(tasks_page, "各状态整改任务数（项）") == home
    rows = tasks_page.xpath("//table[contains(@class, 'gs-filterable')]/tbody/tr")
    assert [json.loads(r.get("data-status"))[0] for r in rows] == [r["state"] for r in api]
    index = html_of(built, "banners")
    for row in index.xpath("//table/tbody/tr"):
        name = row.xpath("./th")[0].text_content()
        slug = row.xpath("./th/a")[0].get("href").strip("/").split("/")[-1]
        expected = api_groups(api, name)
        from_index = {td.get("data-group"): int(td.text_content()) for td in row.xpath("./td")}
        assert from_index == expected, name
        assert group_cells(html_of(built, f"banners/{slug}"), f"{name}各状态整改任务数（项）") == expected, name
        # The /tasks/ filter's per-旗区 data says the same as the 旗区's page.
        filtered = Counter()
        for r, record in zip(rows, api):
            parts = json.loads(r.get("data-parts") or "{}")
            if name in record["banners"]:
                filtered[parts[name][1] if name in parts else json.loads(r.get("data-status"))[-1]] += 1
        assert {g.value: filtered[f"group:{g.value}"] for g in Group} == {g.value: expected[g.value] for g in Group}, name


def test_a_banner_sees_its_own_part_on_the_built_site(built: Path) -> None:
    """Task 37: 达拉特旗 and 准格尔旗 closed out 2026-10-13; 鄂托克旗 and 杭锦旗 have an objection pending."""
    def row_37(slug: str) -> str:
        doc = html_of(built, f"banners/{slug}")
        (row,) = [tr for tr in doc.xpath("//tbody/tr") if tr.xpath("./th/a") and tr.xpath("./th/a")[0].text_content() == "第37项"]
        return row.xpath("./td")[-1].text_content()

    assert row_37("dalate") == row_37("zhungeer") == "已销号"
    assert row_37("etuoke") == row_37("hangjin") == "逾期，异议核实中"
    assert row_37("dongsheng") == "逾期未完成整改"
    assert group_cells(html_of(built, "banners/dalate"), "达拉特旗各状态整改任务数（项）")["closed_out"] == 1
    task = html_of(built, f"plans/{PLAN}/tasks/37")
    table = task.xpath("//table[contains(@class, 'gs-parts')]")[0]
    got = {tr.get("data-banner"): tr.xpath(".//*[@class='gs-parts-notice']")[0].text_content() for tr in table.xpath("./tbody/tr")}
    assert got["达拉特旗"] == "依据：第37项 农村生活垃圾填埋场运行管理不规范（达拉特旗、准格尔旗）验收销号公示"
    assert got["东胜区"] == "尚无验收销号公示"


def test_a_closed_out_notice_mentions_the_later_rebound(built: Path) -> None:
    doc = html_of(built, "notices/2026-10-12-task33")
    assert "发现整改问题反弹" in doc.text_content()


def test_banner_pages_offer_their_own_feeds_and_open_notices(built: Path) -> None:
    doc = html_of(built, "banners/yijinhuoluo")
    base = "https://example.gov.cn/banners/yijinhuoluo/"
    hrefs = {urljoin(base, link.get("href")) for link in doc.xpath("//head/link[contains(@rel, 'alternate')]")}
    assert {base + "feed.xml", base + "atom.xml"} <= hrefs
    # Task 24 (伊金霍洛旗) is open on 2026-11-28, window to 2026-12-04.
    items = doc.xpath("//ul[@class='gs-noticelist']/li")
    assert len(items) == 1 and "2026年12月4日前提出" in items[0].text_content() and "还剩5个工作日" in items[0].text_content()


def test_export_tasks_as_of_is_api_tasks_json(built: Path) -> None:
    root = built.parent
    result = CliRunner().invoke(main, ["--root", str(root), "export", "tasks", "--as-of", "2026-11-28"])
    assert result.exit_code == 0, result.output
    assert result.output == (built / "api" / "tasks.json").read_text(encoding="utf-8")


# ------------------------------------------------------------------ generated data sets


BANNERS = {30: ("达拉特旗", "伊金霍洛旗"), 37: ("东胜区", "达拉特旗", "准格尔旗", "鄂托克前旗", "鄂托克旗", "杭锦旗", "乌审旗", "伊金霍洛旗"),
           24: ("伊金霍洛旗",), 35: (),
           # 取得阶段性成效 tasks: 8 (2025年12月底, one 旗区, a 时间节点 in its third measure) and 36 (2026年12月底,
           # seven 旗区, 时间节点 2025年12月底 and 2026年12月底); 31 has no date (立行立改，长期坚持) but its
           # first measure says 2025年1月底前.
           8: ("乌审旗",), 36: ("东胜区", "康巴什区", "达拉特旗", "准格尔旗", "鄂托克前旗", "乌审旗", "伊金霍洛旗"),
           31: ("达拉特旗",)}
MONTH_STARTS = [d("2026-03-02"), d("2026-04-07"), d("2026-05-11"), d("2026-06-08"), d("2026-07-06"), d("2026-08-03"),
                d("2026-09-07"), d("2026-11-02"), d("2026-12-07")]
REPORTED = (3, 8, 24, 30, 31, 35, 36, 37)  # 3 and 8: milestones of 2025年12月底; 36 of 2026年12月底
# Each year's report, when there is one, is published on one of these days: before or after the year's
# 取得阶段性成效 dates (2025-12-31, 2026-12-31), or late (the 2025 one on 2026-03-20: 2025 was due from 2026-03-02).
REPORT_DAYS = {2025: [d("2025-12-20"), d("2026-01-20"), d("2026-03-20")], 2026: [d("2026-11-26"), d("2027-01-20")],
               2027: [d("2028-01-20")]}
WORDS = ["已完成", "达到序时进度", "进展滞后"]


@dataclass(frozen=True)
class Case:
    notices: dict[str, str]
    events: dict[str, str]
    reports: dict[str, str]
    as_of: dt.date
    # A notice naming a 旗区 closed out before its start with no rebound since (附件 二（一）): refused, naming the
    # 旗区 and the notices that may have closed it out. (file name, text, 旗区, closing notices)
    reopening: tuple[str, str, str, tuple[str, ...]] | None = None


@st.composite
def datasets(draw) -> Case:
    notices, events = {}, {}
    closes: dict[int, list[tuple[tuple[str, ...], dt.date, str]]] = {}  # each task's close-outs: (parts, day, notice)
    founds: dict[int, list[tuple[tuple[str, ...], dt.date]]] = {}  # each task's rebounds: (scope, day found)
    held: dict[int, set[str]] = {}  # each task's parts with an objection never decided
    reopening = None
    # Most notices on one task; often staged as a partial close-out followed by whole-task notices.
    staged = draw(st.booleans())
    starts = draw(st.lists(st.sampled_from(MONTH_STARTS), unique=True, min_size=3 if staged else 0, max_size=6))
    focus = draw(st.sampled_from([30, 36, 37] if staged else sorted(BANNERS)))
    for i, start in enumerate(sorted(starts)):
        task = focus if i == 0 or draw(st.integers(0, 3)) else draw(st.sampled_from(sorted(BANNERS)))
        banners = BANNERS[task]
        first = staged and i == 0  # some of the task's 旗区, closed out
        if first:
            scope = draw(st.lists(st.sampled_from(banners), unique=True, min_size=1, max_size=len(banners) - 1))
        elif banners and draw(st.integers(0, 2 if staged else 1)) == 1:
            scope = draw(st.lists(st.sampled_from(banners), unique=True, max_size=len(banners)))
        else:
            scope = []
        # A closed part is never reopened by a later notice (附件 二（一））: partial close-outs followed by
        # whole-task notices, which then cover only the parts still open.
        shut = _closed_on(banners or ("",), [(c[0], c[1]) for c in closes.get(task, [])], founds.get(task, []), start)
        if scope:
            named = [b for b in scope if b in shut]
            if named and reopening is None:
                closers = tuple(n for parts, c, n in closes[task] if named[0] in parts and c <= start)
                reopening = (f"z{i}.yaml", f"task: {task}\nscope: [{named[0]}]\nstart: {start}\ncompletion: 已完成。\n"
                             f"acceptance:\n  unit: {{unit{task}}}\n  date: {start - dt.timedelta(days=3)}\n  opinion: 同意。\n",
                             named[0], closers)
            scope = [b for b in scope if b not in shut]
            if not scope:
                continue
        elif all(p in shut for p in banners or ("",)):
            continue
        covered = tuple(scope) or tuple(p for p in banners or ("",) if p not in shut)
        # No notice starts for a part whose earlier objection still awaits verification (附件 一).
        if set(covered) & held.get(task, set()):
            continue
        objection = "none" if first else draw(st.sampled_from(["none", "none", "pending", "upheld", "dismissed", "late"]))
        closed = first or (objection in ("none", "dismissed") and draw(st.booleans()))
        text = f"task: {task}\n" + (f"scope: [{', '.join(scope)}]\n" if scope else "")
        text += f"start: {start}\ncompletion: 已完成。\nacceptance:\n  unit: {{unit{task}}}\n  date: {start - dt.timedelta(days=3)}\n  opinion: 同意。\n"
        if objection == "late":  # received after the window: still counts, pending until decided
            text += f"objections:\n  - received: {start + dt.timedelta(days=25)}\n    summary: 期满后异议。\n    outcome: pending\n"
        elif objection != "none":
            text += f"objections:\n  - received: {start + dt.timedelta(days=2)}\n    summary: 有异议。\n    outcome: {objection}\n"
            if objection != "pending":
                text += f"    resolved: {start + dt.timedelta(days=6)}\n"
        if objection in ("pending", "late"):
            held.setdefault(task, set()).update(covered)
        if closed:
            closed_out = start + dt.timedelta(days=30)
            text += f"closed_out: {closed_out}\n"
            closes.setdefault(task, []).append((covered, closed_out, f"n{i}"))
            if draw(st.booleans()):
                found = closed_out + dt.timedelta(days=draw(st.integers(1, 20)))
                limit = found + dt.timedelta(days=draw(st.integers(5, 120)))
                # A rebound names its 旗区 (the notice's, or some of the task's for a whole-task close-out).
                where = scope or (draw(st.lists(st.sampled_from(banners), unique=True, min_size=1)) if banners else [])
                founds.setdefault(task, []).append((tuple(where), found))
                events[f"r{i}.yaml"] = (f"task: {task}\nkind: rebound\n" + (f"scope: [{', '.join(where)}]\n" if where else "")
                                        + f"date: {found}\ndocument: 督办通知{i}\nfinding: 反弹。\nlimit: {limit}\n")
        notices[f"n{i}.yaml"] = text
    if draw(st.booleans()):  # an approved extension, of a dated task or of a 取得阶段性成效 date
        task = draw(st.sampled_from([30, 37, 8, 36]))
        scope = draw(st.lists(st.sampled_from(BANNERS[task]), unique=True, max_size=2))
        day = draw(st.sampled_from([d("2025-11-20"), d("2026-01-15")]))
        new = TASK_DATES[task] + dt.timedelta(days=draw(st.sampled_from([92, 365])))
        events["e.yaml"] = (f"task: {task}\nkind: extension\n" + (f"scope: [{', '.join(scope)}]\n" if scope else "")
                            + f"date: {day}\ndocument: 批复\nrequested: {day - dt.timedelta(days=10)}\nreason: 原因。\n"
                            + f"new_deadline: {new}\napproved_by: 市委、市人民政府\n")
    reports = {}
    for year, days in REPORT_DAYS.items():
        if not draw(st.booleans()):
            continue
        text = f"published: {draw(st.sampled_from(days))}\ntasks:\n"
        for task in sorted(draw(st.lists(st.sampled_from(REPORTED), unique=True, min_size=1))):
            text += f"  - task: {task}\n    status: {draw(st.sampled_from(WORDS))}\n    measures:\n      - no: 1\n        progress: 推进。\n"
            own = draw(st.lists(st.sampled_from(BANNERS.get(task, ())), unique=True, max_size=2)) if len(BANNERS.get(task, ())) > 1 else []
            if own:
                text += "    banners:\n" + "".join(
                    f"      - banner: {b}\n        status: {draw(st.sampled_from(WORDS))}\n        progress: 分旗区。\n" for b in own)
        reports[f"{year}.yaml"] = text
    # As of any day, some near task 31's 2025年1月底前 (a no-date task's measure date) and around the milestones.
    as_of = draw(st.one_of(st.dates(min_value=d("2024-12-05"), max_value=d("2025-02-15")),
                           st.dates(min_value=d("2025-10-01"), max_value=d("2027-03-31")),
                           # a year's report is due from the 61st day after it ends (2026-03-02, 2027-03-02)
                           st.sampled_from([d("2026-03-01"), d("2026-03-02"), d("2026-03-19"), d("2027-03-01"),
                                            d("2027-03-02"), d("2028-03-01"), d("2028-03-02")]),
                           st.dates(min_value=d("2024-12-05"), max_value=d("2028-06-30"))))
    return Case(notices, events, reports, as_of, reopening)


TASK_DATES = {30: d("2026-06-30"), 37: d("2025-12-31"), 8: d("2025-12-31"), 36: d("2026-12-31")}


def _cells(text: str, caption: str) -> dict[str, int]:
    doc = lxml.html.fromstring(f"<div>{text}</div>")
    return group_cells(doc, caption)


def _load(tmp: str, case: Case, extra: dict[str, str] | None = None):
    units = {f"unit{no}": unit_of(no) for no in BANNERS}
    notices = {k: v.format(**units) for k, v in {**case.notices, **(extra or {})}.items()}
    return load_dataset(tree(Path(tmp), notices, case.events, case.reports))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(datasets())
def test_pages_and_open_data_agree_on_generated_data(case: Case) -> None:
    as_of = case.as_of
    with tempfile.TemporaryDirectory() as tmp:
        dataset, calendar = _load(tmp, case)
        snap = status.snapshot(dataset, as_of, calendar)
        out = pages.generate(dataset, snap, "https://example.gov.cn/")
    api = json.loads(out.content["api/tasks.json"])
    home = _cells(out.content["index.md"], "各状态整改任务数（项）")
    assert home == api_groups(api)
    rows = lxml.html.fromstring(out.content["tasks/index.md"].split("\n", 2)[2]).xpath("//table[contains(@class, 'gs-filterable')]/tbody/tr")
    assert [json.loads(r.get("data-status"))[0] for r in rows] == [r["state"] for r in api]
    for banner in dataset.plans[0].banners:
        expected = api_groups(api, banner.name)
        assert _cells(out.content[f"banners/{banner.slug}/index.md"], f"{banner.name}各状态整改任务数（项）") == expected
    # The plan's rules, checked against the published states.
    for record in api:
        task = dataset.plans[0].task(record["no"])
        states = [TaskState(p["state"]) for p in record["parts"]]
        closed = [s.group in (Group.CLOSED_OUT, Group.SUSTAINED) for s in states]
        assert (TaskState(record["state"]).group in (Group.CLOSED_OUT, Group.SUSTAINED)) == all(closed)
        assert TaskState(record["state"]).overdue == any(s.overdue for s in states)
        deadline = task.deadline
        extended = any(c.extension for c in snap.changes if c.task_no == task.no)
        rebounded = any(c.rebound for c in snap.changes if c.task_no == task.no)
        # Past its date (a 取得阶段性成效 date too: task 3) with no close-out: overdue whatever the report says.
        if deadline.date and as_of > deadline.date and not extended and not rebounded:
            for s, done in zip(states, closed):
                assert done or s.overdue, (task.no, s)
        for part, s, done in zip(task.banners or ("",), states, closed):
            assert done == _closed_by_oracle(dataset, task.no, part, as_of), (task.no, part, s)
            limits = [r.rebound.limit for r in dataset.records if r.rebound and r.task_no == task.no
                      and r.date <= as_of and (not r.scope or part in r.scope)]
            if limits and not done and as_of > limits[-1]:
                assert s.overdue, (task.no, part, s)
    due = _due_years(dataset, as_of)
    assert [m["year"] for m in json.loads(out.content["api/progress.json"])["not_published"]] == due
    for year in range(2025, 2028):
        said = f"{year}年度整改进展尚未公开"
        assert (said in out.content["progress/index.md"]) == (year in due) == (said in out.content["index.md"])
    # 时间节点: every date written in a measure is on its task page, marked passed exactly when it is.
    for task in dataset.plans[0].tasks:
        dated = task.dated_measures()
        page = out.content[f"plans/{task.plan_id}/tasks/{task.no}/index.md"]
        if not dated:
            assert "## 时间节点" not in page
            continue
        block = page.split("## 时间节点", 1)[1].split("\n## ", 1)[0]
        rows = lxml.html.fromstring(f"<div>{block}</div>").xpath("//table[contains(@class, 'gs-milestones')]/tbody/tr")
        assert [r.xpath("./th")[0].text_content().removesuffix("已到期") for r in rows] == [m.text for _, m in dated]
        assert [r.get("class") == "gs-milestone--passed" for r in rows] == [m.date < as_of for _, m in dated]
        entries = snap.progress_of(task)
        for row, (no, _) in zip(rows, dated):
            latest = [m.progress for _, e in entries for m in e.measures if m.no == no]
            assert row.xpath("string(./td[2])").endswith(latest[-1] if latest else "尚无已发布的进展")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(datasets())
def test_states_follow_the_plans_rules_on_generated_data(case: Case) -> None:
    """Every part of every task, worked out from README 状态如何判定 apart from status.py: milestones and
    extensions of them, dates in measures, close-outs a later notice cannot undo, years not yet disclosed."""
    as_of = case.as_of
    with tempfile.TemporaryDirectory() as tmp:
        dataset, calendar = _load(tmp, case)
    snap = status.snapshot(dataset, as_of, calendar)
    plan = dataset.plans[0]
    warned: set[tuple[int, dt.date, str]] = set()
    for task in plan.tasks:
        expected = {}
        for part in task.banners or ("",):
            want = _expected_part(dataset, calendar, task, part, as_of)
            got = snap.part_of(task, part)
            if want is None:  # a rebounded part: test_pages_and_open_data_agree_on_generated_data checks its limit
                continue
            expected[part] = want
            assert got.state is want, (task.no, part, got.state, want, got.note)
            if want in (TaskState.MILESTONE_OVERDUE, TaskState.COMPLETED_OVERDUE):  # state_note names the report
                latest = _latest_word(dataset, task, part, as_of)
                if latest is not None and (latest[0].published > _due(dataset, task, part, as_of) or not task.deadline.milestone):
                    assert f"{latest[0].year}年度整改进展：{latest[1]}" in got.note, (task.no, part, got.note)
                elif task.deadline.milestone:
                    assert "此后尚无年度整改进展" in got.note, (task.no, part, got.note)
            # 临近时限 (预判): its close-out date or a 时间节点 of its task within 60 days, no notice under way;
            # a task with no date never, whatever its measures say.
            if task.deadline.date is not None and want in (TaskState.RECTIFYING, TaskState.EXTENDED):
                days = {m.date for _, m in task.dated_measures()} | {_due(dataset, task, part, as_of)}
                warned |= {(task.no, day, part) for day in days if 0 <= (day - as_of).days <= status.WARN_DAYS}
        if len(expected) == len(task.banners or ("",)):
            assert snap.of(task).state is min(expected.values(), key=PRECEDENCE_RANK.__getitem__), task.no
    listed = {(a.task.no, a.due, b) for a in status.approaching(snap, plan.tasks) for b in (a.banners or ("",))}
    for no, _, part in listed:
        assert not snap.part_of(plan.task(no), part).state.overdue  # a warning, never counted as overdue
        assert plan.task(no).deadline.date is not None, no
    rebounded = {(r.task_no, b) for r in dataset.records if r.rebound and r.date <= as_of
                 for b in (r.scope or BANNERS.get(r.task_no) or ("",))}
    assert {x for x in listed if (x[0], x[2]) not in rebounded} == warned
    # A whole-task notice after partial close-outs covers the parts still open, and its title names them.
    for n in notice_status.notice_statuses(dataset, calendar, as_of):  # queued ones too: their titles are ready
        covers = _covers_oracle(dataset, n.notice)
        assert n.covers == covers, (n.id, n.covers, covers)
        if not n.notice.scope and n.task.banners and set(covers) != set(n.task.banners):
            assert n.title.endswith(f"（{'、'.join(covers)}）验收销号公示"), n.title
    # 每年对外公开1次: the years due and not public, through the model and the open data's own key.
    due = _due_years(dataset, as_of)
    missing = task_events.missing_reports(dataset, as_of, snap.reports, calendar)
    assert [m.year for m in missing] == due
    assert [m["year"] for m in opendata.progress(dataset, snap, missing)["not_published"]] == due
    assert all(m.open_tasks > 0 for m in missing)  # every generated data set leaves most tasks open
    # A notice naming a part closed out before it, with no rebound since, is refused: the part and the close-out named.
    if case.reopening is not None:
        name, text, banner, closers = case.reopening
        with tempfile.TemporaryDirectory() as tmp, pytest.raises(DataError) as raised:
            _load(tmp, case, {name: text})
        said = [str(p) for p in raised.value.problems if p.path == f"data/notices/{name}" and p.field == "scope"]
        assert any(banner in s and any(f"经公示 {c} 验收销号" in s for c in closers) for s in said), said


PRECEDENCE_RANK = {s: i for i, s in enumerate(status.PRECEDENCE)}


def _due_years(dataset, as_of: dt.date) -> list[int]:
    """每年对外公开1次, worked out separately: from the first published report's year (else the year after the
    inspection report), each year ended more than 60 days ago with no published report (tasks are still open)."""
    published = {r.year for r in dataset.progress if r.published <= as_of}
    first = min(published, default=dataset.plans[0].inspection.report_date.year + 1)
    return [y for y in range(first, as_of.year) if y not in published and (as_of - dt.date(y, 12, 31)).days > 60]


def _due(dataset, task, part: str, as_of: dt.date) -> dt.date:
    """The part's close-out date: its deadline or 取得阶段性成效 date, or the latest approved extension public by then."""
    moved = [r.extension.new_deadline for r in dataset.records if r.extension and r.extension.approved_by
             and r.task_no == task.no and (not r.scope or part in r.scope) and r.recorded <= as_of]
    return moved[-1] if moved else task.deadline.date


def _latest_word(dataset, task, part: str, as_of: dt.date):
    """The latest published report with a word on the part (the 旗区's own, else the whole task's), and the word."""
    latest = None
    for report in sorted(dataset.progress, key=lambda r: r.published):
        entry = report.task(task.no)
        if report.published > as_of or entry is None:
            continue
        own = next((b.status for b in entry.banners if part and b.banner == part), None)
        if (own or entry.status) is not None:
            latest = (report, own or entry.status)
    return latest


def _expected_part(dataset, calendar, task, part: str, as_of: dt.date) -> TaskState | None:
    """README 状态如何判定, step by step, for a part never rebounded (None for one that was)."""
    if any(r.rebound and r.task_no == task.no and (not r.scope or part in r.scope) and r.date <= as_of for r in dataset.records):
        return None
    covering = _covering(dataset, task.no, part, as_of)
    step = _notice_step(covering[-1], calendar, as_of) if covering else None
    if step == "closed":
        return TaskState.SUSTAINED if task.deadline.ongoing else TaskState.CLOSED_OUT
    # Step 2: the dates. A 取得阶段性成效 date is a close-out date like any other; extensions move either.
    by_date = TaskState.RECTIFYING
    if task.deadline.date is not None:
        due = _due(dataset, task, part, as_of)
        latest = _latest_word(dataset, task, part, as_of)
        if as_of > due:
            if task.deadline.milestone:
                since = latest is not None and latest[0].published > due
                by_date = TaskState.COMPLETED_OVERDUE if since and latest[1] == "已完成" else TaskState.MILESTONE_OVERDUE
            else:
                by_date = TaskState.COMPLETED_OVERDUE if latest and latest[1] == "已完成" else TaskState.OVERDUE
        elif due != task.deadline.date and as_of > task.deadline.date:
            by_date = TaskState.EXTENDED
    # Step 3: the latest notice covering it, unless an upheld objection ended it.
    if step is None or step == "upheld":
        return by_date
    plain, late = {
        "open": (TaskState.IN_PUBLICITY, TaskState.OVERDUE_IN_PUBLICITY),
        "objection": (TaskState.OBJECTION, TaskState.OVERDUE_OBJECTION),
        "awaiting": (TaskState.AWAITING_CLOSE_OUT, TaskState.OVERDUE_AWAITING_CLOSE_OUT),
    }[step]
    return late if by_date.overdue else plain


def _notice_step(n, calendar, as_of: dt.date) -> str:
    """Where a published notice stands (附件 一): an upheld objection ends it, a pending one holds it, then close-out."""
    counted = [o for o in n.objections if o.received <= as_of]
    decided = [o for o in counted if o.resolved is not None and o.resolved <= as_of and o.outcome is not Outcome.PENDING]
    if any(o.outcome is Outcome.UPHELD for o in decided):
        return "upheld"
    if len(decided) < len(counted):
        return "objection"
    if n.closed_out is not None and n.closed_out <= as_of:
        return "closed"
    return "open" if as_of <= calendar.window(n.start, n.workdays).end else "awaiting"


def _closed_on(parts, closes, founds, day: dt.date) -> set[str]:
    """The parts closed out on `day`: a close-out by then, with no rebound of the part found since and before it."""
    return {
        p for p in parts
        if any(p in covered and c <= day and not any((not s or p in s) and c <= f < day for s, f in founds)
               for covered, c in closes)
    }


def _covers_oracle(dataset, notice) -> tuple[str, ...]:
    """The parts a notice covers: its scope, or (none given) the task's parts not closed out on its start."""
    every = dataset.plans[0].task(notice.task_no).banners or ("",)
    founds = [(r.scope, r.date) for r in dataset.records if r.rebound and r.task_no == notice.task_no]
    closes: list[tuple[tuple[str, ...], dt.date]] = []
    for n in sorted((n for n in dataset.notices if n.task_no == notice.task_no), key=lambda n: (n.start, n.id)):
        covers = tuple(n.scope) or tuple(p for p in every if p not in _closed_on(every, closes, founds, n.start))
        if n.id == notice.id:
            return covers
        if n.closed_out is not None:
            closes.append((covers, n.closed_out))
    raise AssertionError(notice.id)


def _covering(dataset, task_no: int, part: str, as_of: dt.date) -> list:
    """The published notices covering the part since its latest rebound, oldest first."""
    found = [r.date for r in dataset.records if r.rebound and r.task_no == task_no and r.date <= as_of
             and (not r.scope or part in r.scope)]
    return [n for n in sorted((n for n in dataset.notices if n.task_no == task_no), key=lambda n: (n.start, n.id))
            if part in _covers_oracle(dataset, n) and n.start <= as_of and (not found or n.start > max(found))]


def _closed_by_oracle(dataset, task_no: int, part: str, as_of: dt.date) -> bool:
    """The plan's rule, worked out separately: the latest published notice covering the part, after its
    latest rebound, has a close-out dated by `as_of` (generated notices close out only without a standing objection)."""
    covering = _covering(dataset, task_no, part, as_of)
    return bool(covering) and covering[-1].closed_out is not None and covering[-1].closed_out <= as_of


# ------------------------------------------------------------------ feed GUIDs never change

# Every event GUID of the shipped data as of 2027-06-30, as published before events.py existed:
# a changed GUID would resend an old item to every subscriber.
PUBLISHED_GUIDS = [
    "notice:2026-09-14-task37-dalate-zhungeer:closed-out",
    "notice:2026-09-14-task37-dalate-zhungeer:expired",
    "notice:2026-09-14-task37-dalate-zhungeer:open",
    "notice:2026-10-12-task33:closed-out",
    "notice:2026-10-12-task33:decided-1",
    "notice:2026-10-12-task33:expired",
    "notice:2026-10-12-task33:objection-1",
    "notice:2026-10-12-task33:open",
    "notice:2026-10-19-task30:decided-1",
    "notice:2026-10-19-task30:objection-1",
    "notice:2026-10-19-task30:open",
    "notice:2026-11-02-task28:expired",
    "notice:2026-11-02-task28:open",
    "notice:2026-11-16-task37-etuoke-hangjin:objection-1",
    "notice:2026-11-16-task37-etuoke-hangjin:open",
    "notice:2026-11-23-task24:expired",
    "notice:2026-11-23-task24:open",
    "notice:2026-12-07-task7:expired",
    "notice:2026-12-07-task7:open",
    "progress:2025",
    "progress:2026",
    "progress:2026:task33:rebound",
]


def test_event_guids_stay_as_published(shipped_snapshot) -> None:
    dataset, _ = shipped_snapshot
    calendar = load_dataset(REPO)[1]
    snap = status.snapshot(dataset, d("2027-06-30"), calendar)
    assert sorted(e.guid for e in snap.events) == [f"urn:gongshi:{PLAN}:{g}" for g in PUBLISHED_GUIDS]


def test_check_on_the_shipped_data_warns_of_nothing_in_reports_and_events() -> None:
    """Task 33's rebound is a record of its own (with its 旗区 and time limit): no warning about data/."""
    result = CliRunner().invoke(main, ["--root", str(REPO), "check"], env={"SOURCE_DATE_EPOCH": "1796745600"})
    assert result.exit_code == 0, result.output
    assert "data/progress/" not in result.output and "data/events/" not in result.output
    assert "data/notices/" not in result.output  # every notice has its procedure dates and measures


def test_readme_lists_every_state_in_order() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    rows = [line.split("|")[1:4] for line in readme.splitlines() if line.startswith("| `") and line.count("|") == 4]
    table = [(code.strip().strip("`"), label.strip(), group.strip()) for code, label, group in rows
             if code.strip().strip("`") in {s.code for s in TaskState}]
    assert table == [(s.code, s.label, s.group.label) for s in TaskState]


def test_a_rebound_may_name_only_closed_out_banners(tmp_path: Path) -> None:
    # Only a part closed out can rebound (附件 二（一）): a rebound naming a 旗区 never closed out is refused, naming it.
    rebound = REBOUND_30.replace("scope: [达拉特旗]\n", "scope: [达拉特旗, 伊金霍洛旗]\n")
    root = tree(tmp_path, {"n.yaml": NOTICE_30.format(unit=unit_of(30))}, {"r.yaml": rebound})
    with pytest.raises(DataError) as raised:
        load_dataset(root)
    (problem,) = raised.value.problems
    assert str(problem).startswith("data/events/r.yaml:4: date: ") and "没有销号记录" in str(problem)


def test_officers_write_the_kind_of_a_dated_record_in_chinese(tmp_path: Path) -> None:
    """data/events/: 问题反弹 and 延期整改 are what officers type; the English words of earlier files still load."""
    notice = NOTICE_30.format(unit=unit_of(30))
    chinese = tree(tmp_path / "zh", {"n.yaml": notice}, {"r.yaml": REBOUND_30.replace("kind: rebound", "kind: 问题反弹")})
    english = tree(tmp_path / "en", {"n.yaml": notice}, {"r.yaml": REBOUND_30})
    (zh, _), (en, _) = load_dataset(chinese), load_dataset(english)
    assert zh.records == en.records
    assert zh.records[0].rebound is not None
    wrong = tree(tmp_path / "bad", {"n.yaml": notice}, {"r.yaml": REBOUND_30.replace("kind: rebound", "kind: 反弹")})
    with pytest.raises(DataError) as raised:
        load_dataset(wrong)
    (problem,) = raised.value.problems
    assert str(problem).startswith("data/events/r.yaml:2: kind: ")
    assert "问题反弹" in str(problem) and "延期整改" in str(problem)
