"""plan_text: what the plan's 整改时限 and 责任单位/验收单位 wording means."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.plan_text import (
    chinese_numeral,
    join_measures,
    measure_dates,
    measure_ordinal,
    numbered_measures,
    parse_deadline,
    parse_units,
    split_measures,
)

SHAPES = "'2025年12月底'、'2025年底前'、'2025年9月30日前'、'2025年上半年'、'2025年12月底取得阶段性成效，长期坚持' 或 '立行立改，长期坚持'"
BANNERS = ("东胜区", "康巴什区", "达拉特旗", "准格尔旗", "鄂托克前旗", "鄂托克旗", "杭锦旗", "乌审旗", "伊金霍洛旗")


@pytest.mark.parametrize(
    ("text", "date", "milestone", "ongoing"),
    [
        ("2025年12月底", dt.date(2025, 12, 31), False, False),
        ("2025年9月底", dt.date(2025, 9, 30), False, False),
        ("2026年7月底", dt.date(2026, 7, 31), False, False),
        ("2028年2月底", dt.date(2028, 2, 29), False, False),
        ("2026年6月底取得阶段性成效，长期坚持", dt.date(2026, 6, 30), True, True),
        ("立行立改，长期坚持", None, False, True),
        # the forms other published plans use (README "整改时限")
        ("2025年底前", dt.date(2025, 12, 31), False, False),
        ("2024年6月底前", dt.date(2024, 6, 30), False, False),
        ("2023年9月30日前", dt.date(2023, 9, 30), False, False),
        ("2025年上半年", dt.date(2025, 6, 30), False, False),
        ("2025年12月底。", dt.date(2025, 12, 31), False, False),
        ("立行立改", None, False, False),
        ("立行立改。", None, False, False),
        ("长期坚持", None, False, True),
        ("持续推进", None, False, True),
        ("立行立改,长期坚持", None, False, True),
        ("2017年9月底前，长期坚持。", dt.date(2017, 9, 30), False, True),
        ("2025年12月底取得阶段性成效", dt.date(2025, 12, 31), True, False),
        ("2025年12月底取得阶段性成效,长期坚持。", dt.date(2025, 12, 31), True, True),
    ],
)
def test_deadline(text: str, date: dt.date | None, milestone: bool, ongoing: bool) -> None:
    deadline = parse_deadline(text)
    assert (deadline.text, deadline.date, deadline.milestone, deadline.ongoing) == (text, date, milestone, ongoing)
    assert deadline.immediate == text.startswith("立行立改")  # the task page says 立即整改 for these


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "2025年底",
            "无法识别整改时限 '2025年底'；请按方案原文书写，如 " + SHAPES,
        ),
        (
            "立行立改长期坚持",
            "无法识别整改时限 '立行立改长期坚持'；请按方案原文书写，如 " + SHAPES,
        ),
        ("尽快", "无法识别整改时限 '尽快'；请按方案原文书写，如 " + SHAPES),
        ("2025年12月底，尽快", "无法识别整改时限 '2025年12月底，尽快'；请按方案原文书写，如 " + SHAPES),
        ("", "无法识别整改时限 ''；请按方案原文书写，如 " + SHAPES),
        ("2025年13月底", "'2025年13月底' 中没有 13 月"),
        ("2025年2月30日前", "'2025年2月30日前' 中的日期不存在；请核对方案原文"),
    ],
)
def test_unknown_deadline_shape(text: str, message: str) -> None:
    with pytest.raises(ValueError) as raised:
        parse_deadline(text)
    assert str(raised.value) == message


def test_joint_lead_and_collectives() -> None:
    refs = parse_units("市委办公室、市政府办公室共同牵头，市委组织部、市委宣传部，各旗区党委、政府，市直各有关部门", BANNERS)
    assert refs.lead == ("市委办公室", "市政府办公室")
    assert refs.units == ("市委办公室", "市政府办公室", "市委组织部", "市委宣传部")
    assert refs.banners == BANNERS
    assert refs.collectives == ("市直各有关部门",)


def test_single_lead_named_banners_in_plan_order_and_a_company() -> None:
    refs = parse_units("市水利局牵头，市能源局，乌审旗、达拉特旗党委和政府，鄂尔多斯市水务投资控股集团有限公司", BANNERS)
    assert refs.lead == ("市水利局",)
    assert refs.units == ("市水利局", "市能源局", "鄂尔多斯市水务投资控股集团有限公司")
    assert refs.banners == ("达拉特旗", "乌审旗")


@pytest.mark.parametrize(
    ("text", "banners"),
    [
        ("市自然资源局，各旗区党委、政府（除康巴什区）", tuple(b for b in BANNERS if b != "康巴什区")),
        ("市住建局牵头，各旗区党委、政府（除杭锦旗、鄂托克旗）", tuple(b for b in BANNERS if b not in ("杭锦旗", "鄂托克旗"))),
        ("市能源局，各旗区党委和政府", BANNERS),
        ("市住建局，鄂托克前旗党委、政府", ("鄂托克前旗",)),
    ],
)
def test_banner_forms(text: str, banners: tuple[str, ...]) -> None:
    assert parse_units(text, BANNERS).banners == banners


def test_no_lead_and_no_invented_banners_for_related_banners() -> None:
    refs = parse_units("市生态环境局，相关旗区党委和政府", BANNERS)
    assert (refs.lead, refs.units, refs.banners) == ((), ("市生态环境局",), ())
    assert refs.collectives == ("相关旗区党委和政府",)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("市水利局牵头,市工信局", "无法识别 '市水利局牵头,市工信局' 中的 '市水利局牵头,市工信局'；各部分之间用 '，' 分隔，单位名称之间用 '、' 分隔"),
        ("市水利局，，市工信局", "'市水利局，，市工信局' 中两个 '，' 之间是空的"),
        ("市水利局、市工信局牵头", "'市水利局、市工信局牵头'：几个单位一起牵头时应写作 共同牵头"),
        ("市工信局，市水利局牵头", "'市水利局牵头'：牵头单位应写在最前面"),
        ("市水利局，市水利局", "'市水利局，市水利局' 两次写到 '市水利局'"),
        (
            "市水利局，康巴区党委、政府",
            "'康巴区党委、政府'：'康巴区' 不是方案中的旗区；是否应为 '康巴什区'？（旗区：东胜区、康巴什区、达拉特旗、准格尔旗、鄂托克前旗、鄂托克旗、杭锦旗、乌审旗、伊金霍洛旗）",
        ),
        ("市水利局，乌审旗党委、政府（除康巴什区）", "'乌审旗党委、政府（除康巴什区）'：只有 各旗区 可以写 （除…）"),
    ],
)
def test_unknown_unit_shape(text: str, message: str) -> None:
    with pytest.raises(ValueError) as raised:
        parse_units(text, BANNERS)
    assert str(raised.value) == message


def test_measures_split_on_ordinals_and_join_back() -> None:
    text = "一是清理现场。二是建成储煤棚，统一是指全部。三是加强监管。"
    assert split_measures(text) == ["清理现场。", "建成储煤棚，统一是指全部。", "加强监管。"]
    assert join_measures(split_measures(text)) == text


def test_measures_without_ordinals_are_one_measure() -> None:
    assert split_measures("综合采取充分调研等措施。") == ["综合采取充分调研等措施。"]
    assert split_measures("一是仅此一条。") == ["一是仅此一条。"]
    assert join_measures(["综合采取充分调研等措施。"]) == "综合采取充分调研等措施。"


@pytest.mark.parametrize(
    ("n", "numeral"),
    [(1, "一"), (2, "二"), (9, "九"), (10, "十"), (11, "十一"), (15, "十五"), (20, "二十"), (21, "二十一"), (99, "九十九")],
)
def test_chinese_numerals_beyond_ten(n: int, numeral: str) -> None:
    assert chinese_numeral(n) == numeral
    assert measure_ordinal(n) == f"{numeral}是"


@pytest.mark.parametrize("n", [0, -1, 100])
def test_numerals_outside_the_plans_range_are_refused(n: int) -> None:
    with pytest.raises(ValueError):
        chinese_numeral(n)


def test_numbered_measures_use_the_plans_ordinals() -> None:
    assert numbered_measures(["清理现场。", "加强监管。"]) == [("一是", "清理现场。"), ("二是", "加强监管。")]
    # A lone measure is published without 一是 (e.g. task 38), so none is added.
    assert numbered_measures(["综合采取充分调研等措施。"]) == [("", "综合采取充分调研等措施。")]


def test_twelve_measures_split_and_join_with_ordinals_beyond_ten() -> None:
    words = "一二三四五六七八九十"
    ordinals = [f"{w}是" for w in words] + ["十一是", "十二是"]
    text = "".join(f"{o}第{i}条措施。" for i, o in enumerate(ordinals, start=1))
    measures = split_measures(text)
    assert measures == [f"第{i}条措施。" for i in range(1, 13)]
    assert [o for o, _ in numbered_measures(measures)] == ordinals
    assert join_measures(measures) == text


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        # 牵头 named: the lead units, whatever comes first.
        ("市水利局牵头，市能源局，乌审旗党委、政府", ("市水利局",)),
        ("市委办公室、市政府办公室共同牵头，市委组织部", ("市委办公室", "市政府办公室")),
        # No 牵头: the text's first part, one unit or several (task 17).
        ("市住建局，各旗区党委、政府", ("市住建局",)),
        ("市自然资源局、市生态环境局，各旗区党委、政府（除康巴什区）", ("市自然资源局", "市生态环境局")),
        ("市生态环境局，相关旗区党委和政府", ("市生态环境局",)),
        # A first part that names 旗区 or no single body is shown as written.
        ("达拉特旗党委、政府，市生态环境局", ("达拉特旗党委、政府",)),
        ("市直各有关部门", ("市直各有关部门",)),
    ],
)
def test_responsible_units_shown_in_one_line(text: str, shown: tuple[str, ...]) -> None:
    refs = parse_units(text, BANNERS)
    assert refs.shown == shown
    assert refs.names_more == (text != "市直各有关部门")  # every other example names more than it shows


# --- 时间节点 inside measures ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025年1月底前完成露天堆煤清理工作，2025年8月底前完善相关手续，2026年6月底前全封闭储煤棚建成投运。",
         [("2025年1月底前", "2025-01-31"), ("2025年8月底前", "2025-08-31"), ("2026年6月底前", "2026-06-30")]),
        ("加大投入，2025年底前完成餐厨垃圾处理能力建设。", [("2025年底前", "2025-12-31")]),
        ("2025年6月30日前完成相关企业整治。", [("2025年6月30日前", "2025-06-30")]),
        ("到2026年2月底，全面完成。", [("2026年2月底", "2026-02-28")]),
        ("2024年2月底前", [("2024年2月底前", "2024-02-29")]),  # a leap year's February
        ("2025年底前建成A，2025年底前建成B。", [("2025年底前", "2025-12-31")]),  # the same words once
        ("2025年上半年完成排查。", [("2025年上半年", "2025-06-30")]),  # read as 整改时限 reads it
    ],
)
def test_measure_dates_in_the_forms_the_plan_writes(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(m.text, m.date.isoformat()) for m in measure_dates(text)] == expected


@pytest.mark.parametrize(
    "text",
    ["2026年7月前完成", "到2025年底，累计完成", "2025年全市计划新增", "2025年13月底前", "2025年2月30日前", "2024年和2025年累计"],
)
def test_other_wordings_stay_text_and_are_never_guessed(text: str) -> None:
    assert measure_dates(text) == ()


def test_the_shipped_plan_tasks_keep_their_measure_dates() -> None:
    from conftest import REPO

    from generator.load import load_dataset

    plan = load_dataset(REPO)[0].plans[0]
    dated = {t.no: [(no, m.text) for no, m in t.dated_measures()] for t in plan.tasks if t.dated_measures()}
    assert dated[30] == [(1, "2025年1月底前"), (1, "2025年8月底前"), (1, "2026年6月底前")]
    assert dated[26] == [(1, "2025年6月30日前")]  # its 2026年7月前 stays text
    assert dated[36] == [(2, "2025年底前"), (4, "2026年底前")]
    assert sorted(dated) == [5, 7, 8, 19, 21, 25, 26, 30, 31, 32, 33, 36]


def test_units_read_the_plan_s_own_word_for_its_sub_units() -> None:
    """Other provinces call the sub-units 县（市、区） or 区县 (plan.yaml subunit_word); 各… names all of them."""
    counties = ("尧都区", "洪洞县", "侯马市")
    refs = parse_units("市能源局牵头，各县（市、区）政府", counties, "县（市、区）")
    assert (refs.units, refs.banners) == (("市能源局",), counties)
    refs = parse_units("市住建局，各县（市、区）党委、政府（除侯马市）", counties, "县（市、区）")
    assert refs.banners == ("尧都区", "洪洞县")
    refs = parse_units("市水务局，各区县党委和政府，相关区县政府", counties, "区县")
    assert (refs.banners, refs.collectives) == (counties, ("相关区县政府",))
    # The word is the plan's: in a plan of 旗区, 各县（市、区）政府 names nothing it knows and is refused.
    with pytest.raises(ValueError):
        parse_units("市能源局，各县（市、区）政府", counties)
    assert parse_units("市能源局，各旗区政府", BANNERS).banners == BANNERS


def test_units_say_whether_they_name_every_sub_unit_and_refuse_in_the_plan_s_word() -> None:
    """`every`: 各县（市、区）政府 is the whole city's, as 各旗区 is (titles say 全市); a refusal uses the plan's word."""
    counties = ("尧都区", "洪洞县", "侯马市")
    assert parse_units("市能源局牵头，各县（市、区）政府", counties, "县（市、区）").every
    assert parse_units("市住建局，各县（市、区）党委、政府（除侯马市）", counties, "县（市、区）").every
    assert not parse_units("市住建局，尧都区、洪洞县党委和政府", counties, "县（市、区）").every
    assert parse_units("市能源局，各旗区政府", BANNERS).every
    with pytest.raises(ValueError) as refused:
        parse_units("市住建局，临汾区党委和政府", counties, "县（市、区）")
    assert "不是方案中的县（市、区）" in str(refused.value) and "旗区" not in str(refused.value)
    with pytest.raises(ValueError) as refused:
        parse_units("市住建局，尧都区党委和政府（除洪洞县）", counties, "县（市、区）")
    assert "只有 各县（市、区） 可以写" in str(refused.value)
