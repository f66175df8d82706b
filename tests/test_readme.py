"""The README is the officers' and webmasters' manual: every command, option and
field they can use must be in it (after datasette's documentation tests)."""

from __future__ import annotations

import re

import click
import pytest
import yaml
from conftest import REPO

from generator.cli import main

README = (REPO / "README.md").read_text(encoding="utf-8")
OFFICER_FILES = ["data/site.yaml", "data/notices/*.yaml", "data/progress/*.yaml", "data/calendar/*.yaml"]


def _commands(command: click.Command, path: tuple[str, ...]) -> list[tuple[tuple[str, ...], click.Command]]:
    found = [(path, command)]
    if isinstance(command, click.Group):
        for name, sub in sorted(command.commands.items()):
            found += _commands(sub, path + (name,))
    return found


LEAF_COMMANDS = [(path, cmd) for path, cmd in _commands(main, ("gongshi",)) if not isinstance(cmd, click.Group)]


def _command_lines(path: tuple[str, ...]) -> list[str]:
    """README lines that show the command, e.g. a row of the commands table."""
    pattern = re.compile(r"`" + re.escape(" ".join(path)) + r"(?=[ `])")
    return [line for line in README.splitlines() if pattern.search(line)]


def test_there_are_commands_to_document() -> None:
    assert {" ".join(p) for p, _ in LEAF_COMMANDS} >= {"gongshi build", "gongshi check", "gongshi notice new"}


@pytest.mark.parametrize("path,command", LEAF_COMMANDS, ids=[" ".join(p) for p, _ in LEAF_COMMANDS])
def test_every_command_and_option_is_in_the_readme(path: tuple[str, ...], command: click.Command) -> None:
    lines = _command_lines(path)
    assert lines, f"README does not show `{' '.join(path)}`"
    shown = "\n".join(lines)
    for param in command.params:
        if isinstance(param, click.Option):
            assert any(opt in shown for opt in param.opts), f"{' '.join(path)}: {param.opts[0]} is not in the README"


def test_the_global_root_option_is_in_the_readme() -> None:
    for param in main.params:
        assert any(f"{opt} " in README for opt in param.opts), param.opts


def _keys(value: object) -> set[str]:
    if isinstance(value, dict):
        return set(map(str, value)) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()


def _officer_fields() -> set[str]:
    keys: set[str] = set()
    for pattern in OFFICER_FILES:
        for path in sorted(REPO.glob(pattern)):
            # BaseLoader: every key a string, as yamlsrc reads them (safe_load turns `no:` into False).
            keys |= _keys(yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader))
    return keys


def test_every_field_officers_write_is_in_the_readme() -> None:
    fields = _officer_fields()
    assert {"task", "start", "completion", "objections"} <= fields
    missing = sorted(f for f in fields if f"`{f}`" not in README)
    assert missing == []


def test_the_state_table_in_the_readme_is_the_one_in_status() -> None:
    """The README's 状态代码 table lists every state in order of precedence, with its label and count group."""
    from generator.status import state_table

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `([a-z_]+)` \| ([^|]+) \| ([^|]+) \|$", readme, re.MULTILINE)
    assert [(code, label.strip(), group.strip()) for code, label, group in rows] == [
        (s["code"], s["label"], s["group_label"]) for s in state_table()
    ]


def test_every_module_is_on_the_developers_map() -> None:
    """docs/architecture.md gives every module of generator/ its one-line job, so the map never falls behind."""
    architecture = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    modules = sorted(p.name for p in (REPO / "generator").glob("*.py") if not p.name.startswith("__"))
    assert [m for m in modules if f"`{m}`" not in architecture] == []
