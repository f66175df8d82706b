"""opendata: the api/*.json records, read from the model; api/notices.json shows a notice's fields as the schema
declares them (`open_data`)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from conftest import AS_OF, data_tree, drop_acceptance_units

from generator import opendata, schema
from generator.load import load_dataset
from generator.model import PublishedElsewhere, Withdrawal
from generator.notice_status import NoticeState
from generator.opendata import notice_record


def _paths(value: object, prefix: str = "") -> set[str]:
    """The dotted keys of a JSON record, a list's items' keys under the list's own."""
    if isinstance(value, list):
        return {path for item in value for path in _paths(item, prefix)}
    if not isinstance(value, dict):
        return set()
    found = set()
    for key, item in value.items():
        found.add(prefix + key)
        found |= _paths(item, prefix + key + ".")
    return found


def test_a_notice_record_shows_its_open_data_fields_and_only_those(data) -> None:
    """Each declared field (nested ones too) is a key of the record when `open_data`, and never otherwise.

    The record's own keys (id, url, window, state…) are computed, not declared: they are left out of the count.
    """
    _, snap = data
    shown = next(n for n in snap.notices if n.notice.objections and n.notice.channels and n.notice.withdrawn is None)
    elsewhere = PublishedElsewhere("鄂尔多斯日报", shown.notice.start)
    whole = notice_record(
        dataclasses.replace(shown, notice=dataclasses.replace(shown.notice, published_elsewhere=elsewhere)), AS_OF
    )
    withdrawn = dataclasses.replace(shown.notice, withdrawn=Withdrawal(AS_OF - dt.timedelta(days=1), "撤回。"))
    # Withdrawn by the as-of date is the notice's state (NoticeStatus.withdrawal reads it).
    withdrawn_status = dataclasses.replace(shown, notice=withdrawn, state=NoticeState.WITHDRAWN)
    keys = _paths(whole) | _paths(notice_record(withdrawn_status, AS_OF))
    every = schema.NOTICE.paths()
    # A field is open when it and each record it sits in are (a contact's phone is not: contact is the page's).
    open_paths = {
        path for path in every
        if all(schema.NOTICE.path(".".join(path.split(".")[:n])).open_data for n in range(1, path.count(".") + 2))
    }
    assert open_paths - keys == set()
    assert (set(every) - open_paths) & keys == set()


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
