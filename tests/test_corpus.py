"""The bad-input corpus: every broken data tree gives exact messages, never a traceback.

Each folder under tests/corpus/ is one case:

- `case.yaml`: `about` (what is broken) and, optionally, how the shipped data
  is changed: `rename` (folder → new name), `remove` (paths), `edit` (exact
  text replacements in shipped files, each matching once), `generate` (a
  function below, for bytes that cannot be stored as text: GBK, a BOM, Word's
  control characters, a 5 MB field) and `exit: 0` for a case that must pass;
- `data/…`: files added to, or replacing those of, a copy of the shipped project;
- `expected.txt`: the exact lines `gongshi check` prints on stderr.

Both `gongshi check` and `gongshi build` run in the broken copy: in this
process through click's runner, as `gongshi` would run them from that folder,
except for the cases that need a real process (`REAL_PROCESS`). A failing case
must exit 1 with exactly the expected lines, each naming a file and a line, and
the build must leave the site it would replace as it was. The build is a
preview (`--preview`): the site it replaces is marked as one, and a live build
refuses a live folder marked preview (tests/test_publication_record.py), while
the data's problems are the same for both. The cases that run a real
process or build a whole site (`exit: 0`) are end-to-end tests (marker `e2e`).
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
import traceback
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import AS_OF, copy_project

from generator import messages as M
from generator import sitedir
from generator.asof import epoch_of
from generator.cli import main
from generator.publication_record import PublicationRecord

CORPUS = Path(__file__).resolve().parent / "corpus"
CASES = sorted(d.name for d in CORPUS.iterdir() if (d / "case.yaml").is_file())
GONGSHI = Path(sys.executable).parent / "gongshi"
NOTICE = "data/notices/2026-12-14-task9.yaml"
PROBLEM_LINE = re.compile(r"data(/[^:\s]+)?:[1-9][0-9]*: \S")
CHINESE = re.compile(r"[\u4e00-\u9fff]")
PREVIOUS_SITE = "<p>the site as published before this build</p>\n"

# A valid notice for task 9, the base of the generated cases.
NOTICE_TEXT = """\
# 第9项整改任务验收销号公示
plan: ordos-nmg-r2
task: 9
start: 2026-12-14
completion: |
  一是完成包府路、棋千线路面修复。

  二是建立道路洒水清扫制度。
acceptance:
  unit: 市交通局
  date: 2026-12-10
  opinion: 经资料审核和现场核查，第9项整改任务已完成整改，同意验收销号。
channels:
  - name: 鄂尔多斯日报
    date: 2026-12-14
objections: []
approved: 2026-12-11
"""


def _notice_with(old: str, new: str) -> str:
    assert NOTICE_TEXT.count(old) == 1, old
    return NOTICE_TEXT.replace(old, new)


def _write(root: Path, rel: str, raw: bytes) -> None:
    (root / rel).parent.mkdir(parents=True, exist_ok=True)
    (root / rel).write_bytes(raw)


def _special(root: Path, rel: str, make: Callable[[Path], None]) -> None:
    """Replace `rel` by a file that is not an ordinary one: what a copy or a mistake can leave in data/."""
    path = root / rel
    if path.is_symlink() or path.is_file():
        path.unlink()
    path.parent.mkdir(parents=True, exist_ok=True)
    make(path)


GENERATORS: dict[str, Callable[[Path], None]] = {
    # Read whole, /dev/zero never ends; a FIFO with no writer waits for ever.
    "dev_zero_link": lambda root: _special(root, NOTICE, lambda p: p.symlink_to("/dev/zero")),
    "fifo": lambda root: _special(root, NOTICE, lambda p: os.mkfifo(p)),
    "socket": lambda root: _special(root, NOTICE, lambda p: os.mknod(p, stat.S_IFSOCK | 0o644)),
    "dangling_link": lambda root: _special(root, NOTICE, lambda p: p.symlink_to("2026-12-14-task9.yaml.bak")),
    "notices_link_loop": lambda root: (root / "data" / "notices").symlink_to("notices"),
    "fifo_site": lambda root: _special(root, "data/site.yaml", lambda p: os.mkfifo(p)),
    "gbk": lambda root: _write(root, NOTICE, NOTICE_TEXT.encode("gbk")),
    "utf16": lambda root: _write(root, NOTICE, NOTICE_TEXT.encode("utf-16")),
    "bom": lambda root: _write(root, NOTICE, b"\xef\xbb\xbf" + NOTICE_TEXT.encode()),
    "word_line_break": lambda root: _write(
        root, NOTICE, _notice_with("现场核查，第9项", "现场核查，\x0b第9项").encode()
    ),
    "word_page_break": lambda root: _write(
        root, NOTICE, _notice_with("  二是建立", "  \x0c二是建立").encode()
    ),
    "zero_width_space": lambda root: _write(
        root, NOTICE, _notice_with("  unit: 市交通局", "  unit: 市交通\u200b局").encode()
    ),
    "long_text": lambda root: _write(
        root, NOTICE, _notice_with("  二是建立道路洒水清扫制度。", "  " + "很" * 250_000).encode()
    ),
    "huge_text": lambda root: _write(  # a 5 MB completion
        root, NOTICE, _notice_with("  二是建立道路洒水清扫制度。", "  " + "二是建立道路洒水清扫制度。" * 130_000).encode()
    ),
}


# Cases run as real `gongshi` processes, as a webmaster's shell runs them: files that are not ordinary files (a
# mistake reading one would hang this process, where a real one is stopped by the timeout), data files in other
# encodings than UTF-8, and two representative cases, one refused and one that passes with a warning.
SPECIAL_FILES = {"dev_zero_link", "fifo", "socket", "dangling_link", "notices_link_loop", "fifo_site"}
ENCODINGS = {"gbk", "utf16", "bom"}
REPRESENTATIVE = {"acceptance-after-start", "applied-late-is-a-warning"}


def _meta(case: str) -> dict:
    return yaml.safe_load((CORPUS / case / "case.yaml").read_text(encoding="utf-8"))


REAL_PROCESS = {
    case for case in CASES if _meta(case).get("generate") in SPECIAL_FILES | ENCODINGS or case in REPRESENTATIVE
}
# A case that passes builds the whole site with MkDocs.
WHOLE_BUILD = {case for case in CASES if _meta(case).get("exit", 1) == 0}


def apply_case(case: str, root: Path) -> dict:
    """Turn the shipped project at `root` into the case's broken tree; return its case.yaml."""
    case_dir = CORPUS / case
    meta = yaml.safe_load((case_dir / "case.yaml").read_text(encoding="utf-8"))
    for old, new in (meta.get("rename") or {}).items():
        (root / old).rename(root / new)
    for rel in meta.get("remove") or []:
        target = root / rel
        shutil.rmtree(target) if target.is_dir() else target.unlink()
    for edit in meta.get("edit") or []:
        path = root / edit["file"]
        text = path.read_text(encoding="utf-8")
        assert text.count(edit["old"]) == 1, f"{case}: edit of {edit['file']} must match exactly once: {edit['old']!r}"
        path.write_text(text.replace(edit["old"], edit["new"]), encoding="utf-8", newline="\n")
    for source in sorted((case_dir / "data").rglob("*")) if (case_dir / "data").is_dir() else []:
        if source.is_file():
            target = root / source.relative_to(case_dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    if meta.get("generate"):
        GENERATORS[meta["generate"]](root)
    return meta


@dataclass(frozen=True)
class Run:
    returncode: int
    stdout: str
    stderr: str


@dataclass(frozen=True)
class CaseRun:
    meta: dict
    check: Run
    build: Run
    site: Path
    had_site: bool
    site_parent_before: list[str]
    data_before: dict[str, object]
    data_after: dict[str, object]


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _data_tree(data: Path) -> dict[str, object]:
    """Every entry under data/ by kind and content, without opening what is not an ordinary file."""
    found: dict[str, object] = {}
    for path in sorted(data.rglob("*")):
        rel, info = path.relative_to(data).as_posix(), path.lstat()
        if stat.S_ISLNK(info.st_mode):
            found[rel] = ("link", os.readlink(path))
        elif stat.S_ISREG(info.st_mode):
            found[rel] = path.read_bytes()
        else:
            found[rel] = (stat.S_IFMT(info.st_mode), info.st_mtime_ns)
    return found


def _invoke(root: Path, args: list[str], env: dict[str, str]) -> Run:
    """`gongshi ARGS` started in `root`, run in this process by click's runner.

    An exception the command lets out is added to stderr as the real process would print it.
    """
    previous = Path.cwd()
    os.chdir(root)
    try:
        result = CliRunner().invoke(main, args, env=env, prog_name="gongshi")
    finally:
        os.chdir(previous)
    stderr = result.stderr
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        stderr += "Traceback (most recent call last):\n" + "".join(traceback.format_exception(result.exception))
    return Run(result.exit_code, result.stdout, stderr)


def run_case(case: str, work: Path, had_site: bool, in_process: bool) -> CaseRun:
    root = copy_project(work / "project")
    meta = apply_case(case, root)
    data_before = _data_tree(root / "data")
    out = work / "out"
    out.mkdir()
    site = out / "site"
    if had_site:
        site.mkdir()
        (site / "index.html").write_text(PREVIOUS_SITE, encoding="utf-8")
        (site / sitedir.MARKER).write_text(PublicationRecord(AS_OF, mode="preview").text(), encoding="utf-8")
    before = sorted(p.name for p in out.iterdir())
    # check's calendar warning depends on today; pin today to the build's date.
    today = {"SOURCE_DATE_EPOCH": str(epoch_of(AS_OF))}
    commands = {
        "check": ["check"],
        "build": ["build", "--preview", "--as-of", AS_OF.isoformat(), "--site-dir", str(site)],
    }
    runs = {}
    if in_process:
        for name, args in commands.items():
            runs[name] = _invoke(root, args, today)
    else:
        env = {**os.environ, **today, "PYTHONIOENCODING": "utf-8"}
        processes = {
            name: subprocess.Popen(
                [str(GONGSHI), *args], cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                encoding="utf-8",
            )
            for name, args in commands.items()
        }
        for name, process in processes.items():
            stdout, stderr = process.communicate(timeout=300)
            runs[name] = Run(process.returncode, stdout, stderr)
    return CaseRun(meta, runs["check"], runs["build"], site, had_site, before, data_before, _data_tree(root / "data"))


@pytest.fixture(scope="session")
def corpus_runs(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict[str, CaseRun]:
    """Every selected case, run once: those of `REAL_PROCESS` in parallel, each starting two short-lived processes,
    then the others one after the other in this process (click's runner swaps this process's streams and
    environment, and the working folder is the process's own)."""
    wanted = sorted(
        {
            item.callspec.params["case"]
            for item in request.session.items
            if getattr(item, "callspec", None) is not None
            and item.path == Path(__file__)
            and "case" in item.callspec.params
        }
    )
    # Half the cases build over a previously published site, half into nothing.
    jobs = {case: (case, tmp_path_factory.mktemp(case), CASES.index(case) % 2 == 0) for case in wanted}
    real = [case for case in wanted if case in REAL_PROCESS]
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        runs = dict(zip(real, pool.map(lambda case: run_case(*jobs[case], in_process=False), real)))
    for case in wanted:
        if case not in REAL_PROCESS:
            runs[case] = run_case(*jobs[case], in_process=True)
    return runs


def expected_lines(case: str) -> list[str]:
    return (CORPUS / case / "expected.txt").read_text(encoding="utf-8").splitlines()


def test_the_corpus_is_large_and_complete() -> None:
    assert len(CASES) >= 40
    for case in CASES:
        assert (CORPUS / case / "expected.txt").is_file(), case
        meta = yaml.safe_load((CORPUS / case / "case.yaml").read_text(encoding="utf-8"))
        assert set(meta) <= {"about", "rename", "remove", "edit", "generate", "exit"}, case
        assert meta.get("about"), case


@pytest.mark.parametrize(
    "case",
    [pytest.param(c, marks=pytest.mark.e2e) if c in REAL_PROCESS | WHOLE_BUILD else c for c in CASES],
)
def test_case(case: str, corpus_runs: dict[str, CaseRun]) -> None:
    run = corpus_runs[case]
    expected = expected_lines(case)
    for name, result in (("check", run.check), ("build", run.build)):
        assert "Traceback" not in result.stdout + result.stderr, f"{name}:\n{result.stderr}"
    assert run.data_after == run.data_before, "check and build must never change data/"

    if run.meta.get("exit", 1) == 0:
        data = run.site.parent.parent / "project" / "data"  # the case's own tree (run_case)
        notices = len(list((data / "notices").glob("*.yaml")))
        reports = len(list((data / "progress").glob("*.yaml")))
        summary = f"检查通过：1个整改方案，40项整改任务，{notices}份验收销号公示，{reports}份年度整改进展\n"
        assert (run.check.returncode, run.check.stdout) == (0, summary), run.check.stderr
        assert run.check.stderr.splitlines() == expected
        assert run.build.returncode == 0, run.build.stderr
        assert run.build.stdout.endswith(M.PREVIEW_BUILT.format(target=run.site, day=AS_OF.isoformat()) + "\n")
        assert (run.site / "index.html").read_text(encoding="utf-8") != PREVIOUS_SITE
        return

    assert run.check.returncode == 1
    assert run.check.stdout == ""
    assert run.check.stderr.splitlines() == expected
    for line in expected:
        assert PROBLEM_LINE.match(line), f"not 'data/…:line: message': {line}"
        assert CHINESE.search(line.split(": ", 1)[1]), f"not in Chinese: {line}"

    # The build stops at the same problems, before MkDocs, and publishes nothing.
    assert run.build.returncode == 1
    assert run.build.stdout == ""
    assert run.build.stderr.splitlines() == expected
    assert sorted(p.name for p in run.site.parent.iterdir()) == run.site_parent_before
    if run.had_site:
        assert _tree(run.site) == {
            "index.html": PREVIOUS_SITE.encode(), sitedir.MARKER: PublicationRecord(AS_OF, mode="preview").text().encode()
        }
    else:
        assert not run.site.exists()
