"""Finding a plan, task or 旗区: one function each, one refusal sentence each (model.NotFound)."""

from __future__ import annotations

import pytest

from generator.model import NotFound, plan_by_id


def test_plan_task_and_banner_are_found_or_refused_with_one_sentence(shipped) -> None:
    dataset, _ = shipped
    plan = dataset.plans[0]
    assert plan_by_id(dataset.plans, plan.id) is plan
    assert dataset.plan_by_id(plan.id) is plan
    assert plan.task_by_number(7).no == 7
    assert plan.banner_by_name("乌审旗").name == "乌审旗"
    with pytest.raises(NotFound) as exc:
        plan_by_id(dataset.plans, "ordos")
    assert str(exc.value) == f"没有编号为 'ordos' 的整改方案（已有方案：{plan.id}）"
    with pytest.raises(NotFound) as exc:
        plan.task_by_number(41)
    assert str(exc.value) == f"方案 '{plan.id}' 没有第41项整改任务（整改任务为第1–40项）"
    with pytest.raises(NotFound) as exc:
        plan.banner_by_name("乌审")
    assert str(exc.value).startswith(f"方案 '{plan.id}' 没有旗区“乌审”；是否应为 '乌审旗'？（旗区：东胜区、")
