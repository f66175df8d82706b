"""Open data: the same facts as the pages, as JSON for anyone to reuse."""

from __future__ import annotations

from typing import Any

from .model import Dataset, Plan, Task


def task_record(plan: Plan, task: Task) -> dict[str, Any]:
    chapter = next(c for c in plan.chapters if any(p.no == task.problem_no for p in c.problems))
    problem = next(p for p in chapter.problems if p.no == task.problem_no)
    deadline = task.deadline
    return {
        "plan": plan.id,
        "no": task.no,
        "chapter": chapter.no,
        "chapter_title": chapter.title,
        "problem_no": problem.no,
        "problem_title": problem.title,
        "problem": task.problem,
        "goal": task.goal,
        "measures": list(task.measures),
        "responsible_units": task.responsible.text,
        "lead_units": list(task.responsible.lead),
        "acceptance_units": task.acceptance.text,
        "lead_acceptance_unit": task.lead_acceptance_unit,
        "deadline": {
            "text": deadline.text,
            "date": deadline.date.isoformat() if deadline.date else None,
            "milestone": deadline.milestone,
            "ongoing": deadline.ongoing,
        },
        "banners": list(task.banners),
    }


def tasks(dataset: Dataset) -> list[dict[str, Any]]:
    """`gongshi export tasks`, and the same list as api/tasks.json: the plan as published."""
    return [task_record(plan, task) for plan in dataset.plans for task in plan.tasks]
