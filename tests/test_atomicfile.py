"""atomicfile: a file is written whole or not at all, 0644 whatever the umask, and named when it cannot be.

The full-disk cases write onto a real, small tmpfs (we run as root); where
mounting is not permitted they are skipped, saying so. Nothing here stands
in for the writer: the failures are the kernel's own.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from conftest import AS_OF, REPO, data_tree

from generator import atomicfile
from generator.asof import epoch_of
from generator.cli import main


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask() -> Iterator[None]:
    """Each test sets its own umask; the process's is given back."""
    saved = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(saved)


# ---------------------------------------------------------------- whole, or the old file


def test_write_replaces_the_file_and_leaves_nothing_beside_it(tmp_path: Path) -> None:
    target = tmp_path / "2026.yaml"
    target.write_bytes(b"old\n")
    atomicfile.write_text(target, "年度：2026\r\nnew\n")
    assert target.read_bytes() == "年度：2026\r\nnew\n".encode()  # line ends as given
    atomicfile.write_bytes(target, b"\x00\x01")
    assert target.read_bytes() == b"\x00\x01"
    assert _names(tmp_path) == ["2026.yaml"]


def test_a_writer_that_fails_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"old")
    with pytest.raises(ValueError, match="half"):
        with atomicfile.writing(target) as temp:
            temp.write_bytes(b"half a workbook")
            raise ValueError("half")
    assert target.read_bytes() == b"old"
    assert _names(tmp_path) == ["out.xlsx"]


def test_a_writer_that_saves_to_a_path(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active["A1"] = "整改台账"  # type: ignore[index]
    target = tmp_path / "台账.xlsx"
    with atomicfile.writing(target) as temp:
        assert temp.parent == tmp_path and atomicfile.is_temporary(temp.name) and temp.name.startswith(".")
        wb.save(temp)
    assert openpyxl.load_workbook(target).active["A1"].value == "整改台账"  # type: ignore[index]
    assert _names(tmp_path) == ["台账.xlsx"]


def test_a_link_is_written_through_when_replacing(tmp_path: Path) -> None:
    real = tmp_path / "real.yaml"
    real.write_text("old\n", encoding="utf-8")
    (tmp_path / "link.yaml").symlink_to("real.yaml")
    atomicfile.write_text(tmp_path / "link.yaml", "new\n")
    assert (tmp_path / "link.yaml").is_symlink()
    assert real.read_text(encoding="utf-8") == "new\n"


def test_never_replacing(tmp_path: Path) -> None:
    target = tmp_path / "draft.yaml"
    atomicfile.write_text(target, "first\n", replace=False)
    with pytest.raises(FileExistsError) as raised:
        atomicfile.write_text(target, "second\n", replace=False)
    assert raised.value.filename == str(target)
    (tmp_path / "dangling.yaml").symlink_to("nowhere.yaml")
    with pytest.raises(FileExistsError):
        atomicfile.write_text(tmp_path / "dangling.yaml", "x\n", replace=False)
    assert not (tmp_path / "nowhere.yaml").exists()
    assert target.read_text(encoding="utf-8") == "first\n"
    assert _names(tmp_path) == ["dangling.yaml", "draft.yaml"]


def test_move_never_replaces(tmp_path: Path) -> None:
    (tmp_path / "drafts").mkdir()
    (tmp_path / "notices").mkdir()
    draft, notice = tmp_path / "drafts" / "a.yaml", tmp_path / "notices" / "a.yaml"
    draft.write_text("draft\n", encoding="utf-8")
    notice.write_text("published\n", encoding="utf-8")
    with pytest.raises(FileExistsError) as raised:
        atomicfile.move(draft, notice)
    assert raised.value.filename == str(notice)
    assert (draft.read_text(encoding="utf-8"), notice.read_text(encoding="utf-8")) == ("draft\n", "published\n")
    notice.unlink()
    inode = draft.stat().st_ino
    atomicfile.move(draft, notice)
    assert not draft.exists() and notice.stat().st_ino == inode  # renamed, not copied


def test_a_failure_names_the_target(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder" / "x.yaml"
    with pytest.raises(FileNotFoundError) as raised:
        atomicfile.write_text(missing, "x\n")
    assert raised.value.filename == str(missing)


# ---------------------------------------------------------------- readable by others


@pytest.mark.parametrize("mask", [0o077, 0o027, 0o000])
def test_mode_0644_whatever_the_umask(tmp_path: Path, umask: None, mask: int) -> None:
    os.umask(mask)
    atomicfile.write_text(tmp_path / "new.yaml", "x\n")
    existing = tmp_path / "old.yaml"
    existing.write_text("x\n", encoding="utf-8")
    os.chmod(existing, 0o600)
    atomicfile.write_text(existing, "y\n")
    with atomicfile.writing(tmp_path / "book.xlsx") as temp:
        openpyxl.Workbook().save(temp)
    atomicfile.write_text(tmp_path / "draft.yaml", "x\n", replace=False)
    for name in ("new.yaml", "old.yaml", "book.xlsx", "draft.yaml"):
        assert _mode(tmp_path / name) == 0o644, name


# ---------------------------------------------------------------- leftovers of a killed writer


def test_a_leftover_temporary_file_is_not_read_as_data(tmp_path: Path) -> None:
    """What a writer killed mid-write leaves: hidden, so `gongshi check` reads past it, as every data reader does."""
    root = tmp_path / "project"
    shutil.copytree(REPO / "data", root / "data")
    for folder in ("notices", "drafts", "progress", "calendar", "plans"):
        (root / "data" / folder).mkdir(exist_ok=True)
        (root / "data" / folder / f".2026-12-07-task7.yaml{atomicfile.TEMP_MARK}0a1b2c3d").write_text("task: [\n")
    env = {"SOURCE_DATE_EPOCH": str(epoch_of(AS_OF)), "GONGSHI_AS_OF": None}
    result = CliRunner().invoke(main, ["--root", str(root), "check"], env=env)
    assert result.exit_code == 0, result.stderr
    assert atomicfile.TEMP_MARK not in result.output


def test_clean_removes_what_killed_commands_left_and_nothing_else(tmp_path: Path) -> None:
    """`gongshi clean`: our old temporaries in data/ and 输出/ go; a fresh one (a write under way), and every other file, stay."""
    root = tmp_path / "project"
    shutil.copytree(REPO / "data", root / "data")
    old = os.stat(root / "data").st_mtime - 7200
    killed_write = root / "data" / "notices" / f".2026-12-07-task7.yaml{atomicfile.TEMP_MARK}0a1b2c3d"
    killed_import = root / "data" / "plans" / f".baotou-r1{atomicfile.TEMP_MARK}9f8e7d6c"
    killed_form = root / "输出" / "验收销号材料" / f".意见表.docx{atomicfile.TEMP_MARK}01234567"
    under_way = root / "data" / "progress" / f".2027.yaml{atomicfile.TEMP_MARK}76543210"
    officers_own = [root / "data" / "notices" / ".备注.txt", root / "输出" / "gongshi-tmp-备份.xlsx"]
    killed_import.mkdir()
    (killed_import / "tasks.yaml").write_text("tasks: [\n")
    for path in (killed_write, killed_form, under_way, *officers_own):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x")
    for path in (killed_write, killed_import, killed_form, *officers_own):
        os.utime(path, (old, old))
    result = CliRunner().invoke(main, ["--root", str(root), "clean"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == ["已删除 3 个被终止的生成或命令留下的临时目录、临时文件和预览目录"]
    assert not any(os.path.lexists(p) for p in (killed_write, killed_import, killed_form))
    assert all(p.exists() for p in (under_way, *officers_own))


# ---------------------------------------------------------------- a full disk


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 1 MiB tmpfs: a disk that fills up for real."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m,mode=0755", "tmpfs", str(mount)],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs to fill up here (not root, or a container without "
                    f"CAP_SYS_ADMIN): {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def fill_up(disk: Path) -> None:
    """Write until the disk refuses a byte more."""
    with open(disk / "filler", "wb", buffering=0) as out:
        try:
            while True:
                out.write(b"\0" * 4096)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
    with pytest.raises(OSError):  # really full: not even one more byte in a new file
        (disk / "probe").write_bytes(b"x")
    (disk / "probe").unlink(missing_ok=True)


def test_full_disk_keeps_the_old_file_and_no_temporary(small_disk: Path) -> None:
    target = small_disk / "2026.yaml"
    target.write_text("进展：旧\n", encoding="utf-8")
    fill_up(small_disk)
    with pytest.raises(OSError) as raised:
        atomicfile.write_bytes(target, "进展：新\n".encode() * 100_000)
    assert (raised.value.errno, raised.value.filename) == (errno.ENOSPC, str(target))
    with pytest.raises(OSError) as raised:
        with atomicfile.writing(small_disk / "book.xlsx") as temp, open(temp, "wb") as out:
            out.write(b"PK" * 100_000)
    assert (raised.value.errno, raised.value.filename) == (errno.ENOSPC, str(small_disk / "book.xlsx"))
    assert target.read_text(encoding="utf-8") == "进展：旧\n"
    assert _names(small_disk) == ["2026.yaml", "filler"]


def test_progress_import_onto_a_full_disk_keeps_the_report(small_disk: Path, tmp_path: Path) -> None:
    """The officers' finding: the report was cut mid-character when the disk filled during the import."""
    root = small_disk / "project"
    shutil.copytree(REPO / "data", root / "data")
    report = root / "data" / "progress" / "2026.yaml"
    report.write_text(report.read_text(encoding="utf-8").replace("published: 2026-11-26", "published: 2027-01-20"),
                      encoding="utf-8")
    before = report.read_bytes()
    book = tmp_path / "w.xlsx"
    run = CliRunner().invoke
    made = run(main, ["--root", str(root), "progress", "template", "--year", "2026", "--out", str(book)])
    assert made.exit_code == 0, made.output
    wb = openpyxl.load_workbook(book)
    ws = wb["年度整改进展"]
    for row in ws.iter_rows(min_row=2):
        if (row[0].value, row[1].value, row[2].value) == (16, "杭锦旗", None):
            row[5].value, row[6].value = "已完成", "杭锦旗项目已建成。" * 400
    wb.save(book)
    fill_up(small_disk)
    result = run(main, ["--root", str(root), "progress", "import", str(book), "--year", "2026",
                        "--published", "2027-01-20"])
    assert (result.exit_code, result.stdout, result.stderr.splitlines()) == (1, "", [
        f"{report}：磁盘已满，请清理磁盘空间后重新生成"
    ])
    assert report.read_bytes() == before
    assert _names(report.parent) == ["2025.yaml", "2026.yaml"]


def test_exports_and_drafts_onto_a_full_disk_name_the_file(small_disk: Path, tmp_path: Path) -> None:
    root = data_tree(small_disk / "project")
    out = small_disk / "整改台账.xlsx"
    out.write_bytes(b"last month's ledger")
    fill_up(small_disk)
    env = {"SOURCE_DATE_EPOCH": str(epoch_of(AS_OF)), "GONGSHI_AS_OF": None}

    def run(*args: str):  # type: ignore[no-untyped-def]
        return CliRunner().invoke(main, ["--root", str(root), *args], env=env)

    exported = run("ledger", "export", "--out", str(out), "--force")
    assert (exported.exit_code, exported.stderr.splitlines()) == (1, [f"{out}：磁盘已满，请清理磁盘空间后重新生成"])
    assert out.read_bytes() == b"last month's ledger"
    drafted = run("notice", "new", "--task", "7", "--start", "2026-12-07")
    draft = root / "data" / "drafts" / "2026-12-07-task7.yaml"
    assert (drafted.exit_code, drafted.stdout, drafted.stderr.splitlines()) == (1, "", [
        f"{draft}：磁盘已满，请清理磁盘空间后重新生成"
    ])
    assert _names(draft.parent) == []
    forms = small_disk / "forms"
    formed = run("forms", "--task", "7", "--out", str(forms))
    assert (formed.exit_code, formed.stderr.splitlines()) == (1, [
        f"{forms / '1-验收销号报告.docx'}：磁盘已满，请清理磁盘空间后重新生成"
    ])
    assert not forms.exists()
    assert _names(small_disk) == ["filler", "project", "整改台账.xlsx"]


def test_forms_are_written_as_a_set_or_not_at_all(small_disk: Path) -> None:
    """Room for the first form only: it is taken back when the second does not fit."""
    import io

    from generator import forms
    from generator.load import load_dataset

    root = data_tree(small_disk / "project")
    dataset, _ = load_dataset(root)
    plan = dataset.plans[0]
    docs = forms.documents(forms.FormSet(plan, plan.task(7), (), None))  # type: ignore[arg-type]
    sizes = []
    for _, doc in docs[:2]:
        data = io.BytesIO()
        doc.save(data)
        sizes.append(len(data.getvalue()))
    fill_up(small_disk)
    filler = small_disk / "filler"
    page = 4096
    os.truncate(filler, filler.stat().st_size - (sizes[0] // page + 1) * page)  # the first form fits, whole
    assert shutil.disk_usage(small_disk).free < sizes[0] + sizes[1]
    folder = small_disk / "forms"
    result = CliRunner().invoke(main, ["--root", str(root), "forms", "--task", "7", "--out", str(folder)])
    assert (result.exit_code, result.stderr.splitlines()) == (1, [
        f"{folder / docs[1][0]}：磁盘已满，请清理磁盘空间后重新生成"
    ])
    assert not folder.exists()
