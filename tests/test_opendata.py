"""opendata: the api/*.json records, read from the model."""

from __future__ import annotations

from pathlib import Path

from conftest import data_tree, drop_acceptance_units

from generator import opendata
from generator.load import load_dataset


def test_a_task_without_acceptance_units_gives_null_not_an_empty_name(tmp_path: Path) -> None:
    root = data_tree(tmp_path)
    drop_acceptance_units(root, 28)
    dataset, _ = load_dataset(root)
    plan = dataset.plans[0]
    record = opendata.task_record(plan, plan.task(28))
    assert (record["acceptance_units"], record["lead_acceptance_unit"]) == (None, None)
    record = opendata.task_record(plan, plan.task(29))
    assert (record["acceptance_units"], record["lead_acceptance_unit"]) == (
        "市自然资源局牵头，市能源局、市应急管理局、市文旅局", "市自然资源局",
    )
