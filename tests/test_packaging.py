"""pyproject.toml and constraints.txt: `make site` installs quietly, and installs what the tests passed with.

The same data and date build a byte-identical site only with the same versions of
MkDocs, Material, minify-html, Pagefind…; constraints.txt pins them all, and
`make refresh-constraints` rewrites it only after `make test` passes.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pytest
from conftest import REPO
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

tomllib = pytest.importorskip("tomllib", reason="reading pyproject.toml needs Python 3.11's tomllib")
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
# `make refresh-constraints` checks its fresh venv against the file it is about to write.
CONSTRAINTS = REPO / os.environ.get("GONGSHI_CONSTRAINTS", "constraints.txt")

BUILD = """
import json, sys, warnings
from setuptools import build_meta
with warnings.catch_warnings(record=True) as said:
    warnings.simplefilter("always")
    build_meta.build_wheel(sys.argv[1])
    build_meta.build_editable(sys.argv[1])
print(json.dumps([f"{w.category.__name__}: {w.message}".splitlines()[0] for w in said]))
"""


def test_building_the_package_warns_of_nothing(tmp_path: Path) -> None:
    """What pip prints under `make site` are the build backend's warnings (a deprecated license table, a
    templates folder outside the packages): none. The venv's setuptools is the pinned one."""
    project = tmp_path / "project"
    project.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, project / name)
    shutil.copytree(REPO / "generator", project / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    out = tmp_path / "out"
    out.mkdir()
    result = subprocess.run(
        [sys.executable, "-c", BUILD, str(out)], cwd=project, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.splitlines()[-1]) == []
    (wheel,) = out.glob("gongshi-*-py3-none-any.whl")
    listing = subprocess.run(
        [sys.executable, "-m", "zipfile", "-l", str(wheel)], capture_output=True, text=True, check=True
    ).stdout
    templates = {p.name for p in (REPO / "generator" / "templates").iterdir() if p.is_file()}
    assert templates and all(f"generator/templates/{name}" in listing for name in templates)


def _pins() -> dict[str, str]:
    pins: dict[str, str] = {}
    for line in CONSTRAINTS.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, sep, pinned = line.partition("==")
        assert sep and pinned.strip() and Requirement(line).specifier, f"{CONSTRAINTS.name}: not an exact pin: {line}"
        assert canonicalize_name(name) not in pins, f"{CONSTRAINTS.name}: {name} twice"
        pins[canonicalize_name(name)] = pinned.strip()
    return pins


def _declared() -> list[Requirement]:
    project = PYPROJECT["project"]
    named = [*project["dependencies"], *(r for extra in project["optional-dependencies"].values() for r in extra)]
    return [Requirement(r) for r in named]


def test_constraints_pin_every_dependency_pyproject_names() -> None:
    pins = _pins()
    declared = _declared()
    assert len(declared) > 20
    missing = [str(r) for r in declared if canonicalize_name(r.name) not in pins]
    assert missing == []
    # A pin outside pyproject's range would make pip refuse to install at all.
    outside = [f"{r} but {pins[canonicalize_name(r.name)]}" for r in declared
               if not r.specifier.contains(pins[canonicalize_name(r.name)], prereleases=True)]
    assert outside == []
    assert canonicalize_name(PYPROJECT["project"]["name"]) not in pins


def test_the_venv_has_exactly_the_pinned_versions() -> None:
    wrong = {}
    for name, pinned in _pins().items():
        try:
            installed = version(name)
        except PackageNotFoundError:
            installed = "(not installed)"
        if installed != pinned:
            wrong[name] = f"{installed}, pinned {pinned}"
    assert wrong == {}, "run `make test` again: the venv is reinstalled from constraints.txt when it changes"
