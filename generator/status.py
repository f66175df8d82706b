"""Where each task stands as of the build's date: the single place for status rules.

A status states only what the data records, plus what follows from dates
alone. 已销号 needs a recorded close-out date; 逾期 means only that the
deadline has passed with no close-out recorded.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum

from .model import Dataset, Task


class TaskState(str, Enum):
    """Task states in the plan's own words, in the order a task moves through them."""

    RECTIFYING = "整改中"
    OVERDUE = "逾期"
    IN_PUBLICITY = "公示中"
    OBJECTION = "异议核实中"
    AWAITING_CLOSE_OUT = "公示期满无异议"
    CLOSED_OUT = "已销号"

    @property
    def css(self) -> str:
        return self.name.lower().replace("_", "-")


@dataclass(frozen=True)
class TaskStatus:
    state: TaskState
    note: str


@dataclass(frozen=True)
class Snapshot:
    """Every computed status of one build, keyed by (plan id, task number)."""

    as_of: dt.date
    tasks: dict[tuple[str, int], TaskStatus]

    def of(self, task: Task) -> TaskStatus:
        return self.tasks[(task.plan_id, task.no)]

    def count(self, tasks: list[Task] | tuple[Task, ...]) -> dict[TaskState, int]:
        counts = {state: 0 for state in TaskState}
        for task in tasks:
            counts[self.of(task).state] += 1
        return counts


def task_status(task: Task, as_of: dt.date) -> TaskStatus:
    deadline = task.deadline
    if deadline.date and not deadline.milestone and as_of > deadline.date:
        return TaskStatus(TaskState.OVERDUE, "整改时限已过，尚无验收销号记录")
    return TaskStatus(TaskState.RECTIFYING, "")


def snapshot(dataset: Dataset, as_of: dt.date) -> Snapshot:
    statuses = {(t.plan_id, t.no): task_status(t, as_of) for plan in dataset.plans for t in plan.tasks}
    return Snapshot(as_of=as_of, tasks=statuses)
