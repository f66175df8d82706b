"""Every word an officer or citizen reads has one declared home (README, 开发者说明).

Sentences live in messages.py; domain vocabulary in schema.py (field labels,
allowed words), status.py (state labels) and plan_text.py (the plan's parse
patterns); pages' wording in templates. A Chinese text of six characters or
more written anywhere else in the package fails here, so the next sentence
goes where officers' words are looked for.
"""

from __future__ import annotations

import ast
from pathlib import Path

import generator

PACKAGE = Path(generator.__file__).parent
MIN_CHARS = 6

# notice_status.py holds a notice's state labels (NoticeState), as status.py holds a task's;
# holiday_notice.py the holiday notice's parse patterns, as plan_text.py the plan's.
HOMES = {"messages.py", "schema.py", "status.py", "notice_status.py", "plan_text.py", "holiday_notice.py"}
# Temporary exceptions, each to be emptied and dropped (issue #26); forms.py's wording moved to templates/forms.yaml.
NOT_YET_MOVED: set[str] = set()


def _chinese(text: str) -> int:
    return sum(1 for ch in text if "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff")


def _docstrings(tree: ast.AST) -> set[int]:
    """The ids of the docstring nodes: a docstring explains the code and is never shown."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def chinese_literals(source: str) -> list[tuple[int, str]]:
    """(line, text) of each string literal with at least MIN_CHARS Chinese characters; an f-string's fixed parts count together."""
    tree = ast.parse(source)
    skip = _docstrings(tree)
    inside_fstrings = {
        id(part) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for part in node.values
    }
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            text = "".join(p.value for p in node.values if isinstance(p, ast.Constant) and isinstance(p.value, str))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            if id(node) in skip or id(node) in inside_fstrings:
                continue
            text = node.value
        else:
            continue
        if _chinese(text) >= MIN_CHARS:
            found.append((node.lineno, text))
    return sorted(found)


def test_officers_words_are_written_only_in_their_homes():
    outside = [
        f"generator/{path.name}:{line}: {text[:40]}"
        for path in sorted(PACKAGE.glob("*.py"))
        if path.name not in HOMES | NOT_YET_MOVED
        for line, text in chinese_literals(path.read_text(encoding="utf-8"))
    ]
    assert outside == []


def test_the_temporary_exceptions_still_need_to_be_exceptions():
    """An exception whose file is clean is dropped from the list, so the list only shrinks."""
    for name in sorted(NOT_YET_MOVED):
        assert chinese_literals((PACKAGE / name).read_text(encoding="utf-8")), f"{name} is clean: drop it from NOT_YET_MOVED"


def test_the_check_sees_literals_and_fstrings_but_not_docstrings_or_short_words():
    source = '''
"""模块说明：这里是文档字符串。"""
def f(x):
    """函数说明：这里是文档字符串。"""
    a = "没有名为这个的旗区"
    b = f"第{x}项整改任务验收销号"
    c = "、"
    d = "旗区"
    return a, b, c, d
'''
    assert [line for line, _ in chinese_literals(source)] == [5, 6]
