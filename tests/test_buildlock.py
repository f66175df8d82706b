"""buildlock: a second build of the same project waits for the first; it never interleaves its pages."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import AS_OF, copy_project

from generator.asof import epoch_of
from generator.buildlock import project_lock

pytestmark = pytest.mark.e2e  # Builds run as real gongshi processes.

GONGSHI = Path(sys.executable).parent / "gongshi"
HOLDER = """
import sys, time
from pathlib import Path
from generator.buildlock import project_lock
with project_lock(Path(sys.argv[1])):
    print("held", flush=True)
    time.sleep(60)
"""


def test_a_second_build_says_it_waits_and_runs_only_once_the_first_is_done(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "GONGSHI_AS_OF")}
    env["SOURCE_DATE_EPOCH"] = str(epoch_of(AS_OF))
    with project_lock(root):  # the first build, as far as the second can tell
        second = subprocess.Popen(
            [str(GONGSHI), "build", "--as-of", AS_OF.isoformat()],
            cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
        )
        assert second.stderr is not None
        assert second.stderr.readline() == "该项目的另一次生成正在进行，等待其完成后再生成……\n"
        time.sleep(1)
        assert second.poll() is None, "the second build went on while the first held the project"
        assert not (root / "site").exists()
    _, err = second.communicate(timeout=600)
    assert second.returncode == 0, err
    assert (root / "site" / "index.html").is_file()


def test_the_lock_is_released_when_its_holder_ends_however_it_ends(tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(tmp_path)],
        stdout=subprocess.PIPE, text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline() == "held\n"
    holder.kill()
    holder.wait(timeout=10)
    waited: list[bool] = []
    with project_lock(tmp_path, on_wait=lambda: waited.append(True)):
        pass
    assert waited == []
