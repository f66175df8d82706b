"""Broken projects and a hostile machine, through the real `gongshi check` and `gongshi build`.

Each failure is one Chinese line per problem saying what to do, exit status 1,
never a traceback; the published site and `data/` are left exactly as they
were. Broken data files have their exact lines in tests/corpus/; here are the
failures that are not data: the project's own files, the site folder, the disk.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import AS_OF, copy_project

from generator import sitedir
from generator.asof import epoch_of
from generator.cli import os_error_line
from generator.publication_record import PublicationRecord

GONGSHI = Path(sys.executable).parent / "gongshi"
CHINESE = re.compile(r"[\u4e00-\u9fff]")
PREVIOUS_SITE = "<p>the site as published before this build</p>\n"


def _tree(folder: Path) -> dict[str, object]:
    """Every entry by kind and content, without opening what is not an ordinary file."""
    found: dict[str, object] = {}
    for path in sorted(folder.rglob("*")) if folder.exists() else []:
        rel, info = path.relative_to(folder).as_posix(), path.lstat()
        if stat.S_ISREG(info.st_mode):
            found[rel] = path.read_bytes()
        elif stat.S_ISLNK(info.st_mode):
            found[rel] = ("link", os.readlink(path))
        else:
            found[rel] = stat.S_IFMT(info.st_mode)
    return found


def _run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch_of(AS_OF)), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [str(GONGSHI), *args], cwd=root, env=env, capture_output=True, text=True, encoding="utf-8", timeout=300
    )


def _published(site: Path) -> None:
    site.mkdir(parents=True)
    (site / "index.html").write_text(PREVIOUS_SITE, encoding="utf-8")
    # A preview and its marker, rebuilt as a preview: these tests are about the machine, not the public record of a
    # live site (a live build refuses a live folder marked preview: tests/test_publication_record.py).
    (site / sitedir.MARKER).write_text(PublicationRecord(AS_OF, mode="preview").text(), encoding="utf-8")


def _refused(result: subprocess.CompletedProcess[str]) -> list[str]:
    """The lines of a refusal, after asserting it is one: exit 1, nothing on stdout, only Chinese lines."""
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines and all(CHINESE.search(line) for line in lines), lines
    return lines


def _without_mkdocs_yml(root: Path) -> None:
    (root / "mkdocs.yml").unlink()


def _broken_mkdocs_yml(root: Path) -> None:
    (root / "mkdocs.yml").write_text("site_name: [鄂尔多斯\n", encoding="utf-8")


def _without_content(root: Path) -> None:
    shutil.rmtree(root / "content")


def _without_overrides(root: Path) -> None:
    shutil.rmtree(root / "overrides")


# (what is broken, the one line `gongshi build` prints; `check` reads only data/ and passes)
PROJECT_CASES: dict[str, tuple[Callable[[Path], None], str]] = {
    "mkdocs.yml missing": (
        _without_mkdocs_yml,
        "{root}/mkdocs.yml：文件不存在；请在项目文件夹中运行 gongshi（或用 --root 指定），或从项目仓库恢复 mkdocs.yml",
    ),
    "mkdocs.yml broken": (
        _broken_mkdocs_yml,
        "mkdocs.yml:1：MkDocs 无法读取这个配置文件；请对照项目仓库中的 mkdocs.yml 改正最近的修改",
    ),
    "overrides missing": (
        _without_overrides,
        "{root}/overrides：文件夹不存在（其中有网站的模板和样式）；请从项目仓库恢复 overrides/ 文件夹",
    ),
    "content missing": (
        _without_content,
        "{root}/content：文件夹不存在（其中有手写的页面）；请从项目仓库恢复 content/ 文件夹",
    ),
}


@pytest.mark.e2e
@pytest.mark.parametrize("case", sorted(PROJECT_CASES))
def test_a_broken_project_is_one_line_and_the_site_stays(tmp_path: Path, case: str) -> None:
    root = copy_project(tmp_path / "project")
    damage, expected = PROJECT_CASES[case]
    damage(root)
    site = tmp_path / "out" / "site"
    _published(site)
    data, before = _tree(root / "data"), _tree(site)
    lines = _refused(_run(root, "build", "--preview", "--as-of", AS_OF.isoformat(), "--site-dir", str(site)))
    assert lines == [expected.format(root=root)]
    assert _tree(site) == before and _tree(root / "data") == data
    assert sorted(p.name for p in site.parent.iterdir()) == ["site"]
    if case == "content missing":
        return
    serve = _refused(_run(root, "serve", "--as-of", AS_OF.isoformat(), "--dev-addr", "127.0.0.1:1"))
    assert serve == [expected.format(root=root)]


@pytest.mark.e2e
def test_a_site_dir_below_a_file_is_one_line(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    data = _tree(root / "data")
    lines = _refused(_run(root, "build", "--as-of", AS_OF.isoformat(), "--site-dir", str(tmp_path / "afile" / "site")))
    assert len(lines) == 1 and "是文件而不是目录" in lines[0], lines
    assert _tree(root / "data") == data
    assert (tmp_path / "afile").read_text(encoding="utf-8") == "x"


def _chattr(path: Path, flag: str) -> bool:
    chattr = shutil.which("chattr")
    if chattr is None or os.geteuid() != 0:
        return False
    return subprocess.run([chattr, flag, str(path)], capture_output=True).returncode == 0


@pytest.mark.e2e
@pytest.mark.parametrize("immutable", ["site", "parent"])
def test_an_immutable_site_folder_is_one_line_and_nothing_changes(tmp_path: Path, immutable: str) -> None:
    """What an administrator's `chattr +i` (or a permission denied for a user) does to the nightly build."""
    root = copy_project(tmp_path / "project")
    site = tmp_path / "out" / "site"
    _published(site)
    target = site if immutable == "site" else site.parent
    if not _chattr(target, "+i"):
        pytest.skip("chattr +i needs root and a file system that supports it")
    try:
        data, before = _tree(root / "data"), _tree(site)
        lines = _refused(_run(root, "build", "--preview", "--as-of", AS_OF.isoformat(), "--site-dir", str(site)))
    finally:
        _chattr(target, "-i")
    assert lines == [f"{target}：不允许修改（可能设置了不可修改属性），请检查该目录或换一个目录"]
    assert _tree(site) == before and _tree(root / "data") == data
    assert sorted(p.name for p in site.parent.iterdir()) == ["site"]


LATER = "2026-12-15"


@pytest.fixture(scope="module")
def clean_site(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The site a fresh copy of the project builds for LATER."""
    work = tmp_path_factory.mktemp("clean")
    clean = copy_project(work / "project")
    assert _run(clean, "build", "--preview", "--as-of", LATER, "--site-dir", str(work / "site")).returncode == 0
    return _tree(work / "site")


@pytest.mark.e2e
@pytest.mark.parametrize("damage", ["", '{"files": 3', None])
def test_a_lost_or_broken_manifest_regenerates_every_page(
    tmp_path: Path, damage: str | None, clean_site: dict[str, object]
) -> None:
    """Last build's pages must never be published as if hand-written: the site equals a clean build's."""
    root = copy_project(tmp_path / "project")
    first, later = "2026-11-28", LATER
    assert _run(root, "build", "--preview", "--as-of", first, "--site-dir", str(tmp_path / "site")).returncode == 0
    manifest = root / "content" / ".gongshi" / "manifest.json"
    if damage is None:
        manifest.unlink()
    else:
        manifest.write_text(damage, encoding="utf-8")
    result = _run(root, "build", "--preview", "--as-of", later, "--site-dir", str(tmp_path / "site"))
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert _tree(tmp_path / "site") == clean_site


@pytest.mark.parametrize(
    ("code", "advice"),
    [
        ("ENOSPC", "磁盘已满，请清理磁盘空间后重新生成"),
        ("EDQUOT", "磁盘配额已用完，请清理磁盘空间后重新生成"),
        ("EROFS", "所在的文件系统是只读的，请换一个可写的目录"),
        ("EACCES", "没有读写权限，请检查该目录的权限或换一个目录"),
        ("EPERM", "不允许修改（可能设置了不可修改属性），请检查该目录或换一个目录"),
        ("ENOTDIR", "路径中有一部分是文件而不是目录，请检查路径"),
        ("ELOOP", "链接层层相连、指不到真正的文件，请删除该链接，换成真正的文件"),
        ("EIO", "磁盘读写出错，请检查磁盘或把文件复制到别处后重试"),
    ],
)
def test_a_failure_of_the_machine_is_one_chinese_line_naming_the_path(code: str, advice: str) -> None:
    exc = OSError(getattr(errno, code), os.strerror(getattr(errno, code)), "/srv/www/site/index.html")
    assert os_error_line(exc) == f"/srv/www/site/index.html：{advice}"


def test_a_path_in_the_staging_folder_is_named_as_the_site_folder(tmp_path: Path) -> None:
    site = tmp_path / "site"
    staging = sitedir.Journal(tmp_path / "project").new_folder(site)
    inside = OSError(errno.ENOSPC, "No space left on device", str(staging / "a.txt"), None, str(staging / "b" / "c.html"))
    assert os_error_line(inside, site) == f"{site}/b/c.html：磁盘已满，请清理磁盘空间后重新生成"
    itself = OSError(errno.EACCES, "Permission denied", str(staging))
    assert os_error_line(itself, site) == f"{tmp_path}：没有读写权限，请检查该目录的权限或换一个目录"
    elsewhere = OSError(errno.EACCES, "Permission denied", "/srv/x")
    assert os_error_line(elsewhere, site) == "/srv/x：没有读写权限，请检查该目录的权限或换一个目录"


def test_a_disk_full_during_the_build_is_one_line() -> None:
    """The ENOSPC a full disk raises while writing, without a path, still says what to do."""
    assert os_error_line(OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))) == "系统：磁盘已满，请清理磁盘空间后重新生成"


@pytest.mark.e2e
@pytest.mark.parametrize(
    ("args", "epoch", "source", "day"),
    [
        (("check",), "1", "SOURCE_DATE_EPOCH", "1970-01-01"),  # a clock reset to 1970
        (("build",), "1", "SOURCE_DATE_EPOCH", "1970-01-01"),
        (("build", "--as-of", "1979-06-01"), None, "--as-of", "1979-06-01"),  # a ZIP cannot hold it
        (("build", "--as-of", "2100-01-04"), None, "--as-of", "2100-01-04"),
    ],
)
def test_a_date_no_calendar_can_hold_is_one_line(
    tmp_path: Path, args: tuple[str, ...], epoch: str | None, source: str, day: str
) -> None:
    root = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    env.pop("SOURCE_DATE_EPOCH", None)
    if epoch is not None:
        env["SOURCE_DATE_EPOCH"] = epoch
    command = [str(GONGSHI), *args] + (["--site-dir", str(site)] if args[0] == "build" else [])
    result = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, encoding="utf-8", timeout=300)
    assert _refused(result) == [
        f"{source}：数据截至日期 {day} 不在 2000–2099 年之间，不可能是本网站的日期；"
        "请检查 --as-of、SOURCE_DATE_EPOCH 或本机时钟"
    ]
    assert not site.exists()


WORKBOOKS: dict[str, tuple[Callable[[Path], None], str]] = {
    "fifo": (os.mkfifo, "这不是普通文件（或指向普通文件的链接），而是一个命名管道，没有读取；请删除它，换成用 Excel 或 WPS 保存的 .xlsx 文件"),
    "dev-zero": (
        lambda p: p.symlink_to("/dev/zero"),
        "这不是普通文件（或指向普通文件的链接），而是一个设备文件，没有读取；请删除它，换成用 Excel 或 WPS 保存的 .xlsx 文件",
    ),
    "text": (
        lambda p: p.write_text("序号,旗区\n", encoding="utf-8"),
        "不是可以读取的 Excel 工作簿（.xlsx）；请用 Excel 或 WPS 打开后另存为 .xlsx 格式，或用 gongshi progress template 重新生成表格",
    ),
}


@pytest.mark.e2e
@pytest.mark.parametrize("kind", sorted(WORKBOOKS))
def test_an_imported_workbook_that_is_no_workbook_is_one_line_and_never_hangs(tmp_path: Path, kind: str) -> None:
    root = copy_project(tmp_path / "project")
    make, expected = WORKBOOKS[kind]
    workbook = tmp_path / "填报.xlsx"
    make(workbook)
    data = _tree(root / "data")
    lines = _refused(_run(root, "progress", "import", "--year", "2027", "--published", "2027-01-11", str(workbook)))
    assert len(lines) == 1 and lines[0].endswith(f"填报.xlsx: {expected}"), lines
    assert _tree(root / "data") == data


@pytest.mark.e2e
def test_a_fifo_among_the_pages_is_named_by_check_as_by_build(tmp_path: Path) -> None:
    """`gongshi check` names what would hang the build's MkDocs, in the same words, before a build is tried."""
    root = copy_project(tmp_path / "project")
    os.mkfifo(root / "content" / "notes.md")
    expected = [
        "content/notes.md:1: 这不是普通文件（或指向普通文件的链接），而是一个命名管道，没有读取；"
        "请删除它，换成普通的网页文件（如用文本编辑器保存的 .md 文件）或图片等文件"
    ]
    assert _refused(_run(root, "check")) == expected
    assert _refused(_run(root, "build", "--as-of", AS_OF.isoformat(), "--site-dir", str(tmp_path / "site"))) == expected
    assert not (tmp_path / "site").exists()


@pytest.mark.e2e
def test_data_being_a_file_is_named_as_such(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project", data=False)
    (root / "data").write_text("数据\n", encoding="utf-8")
    expected = [
        "data:1: 这不是文件夹；data/ 应是存放数据的文件夹，请把这个文件移走或改名，从备份或项目仓库恢复 data/ 文件夹"
    ]
    assert _refused(_run(root, "check")) == expected
    assert _refused(_run(root, "build", "--as-of", AS_OF.isoformat(), "--site-dir", str(tmp_path / "site"))) == expected
    assert (root / "data").read_text(encoding="utf-8") == "数据\n" and not (tmp_path / "site").exists()


def _mount_tmpfs(where: Path, size: str) -> bool:
    """A small real file system (needs root and permission to mount, as in a CI container)."""
    where.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    return subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)], capture_output=True).returncode == 0


@pytest.mark.e2e
def test_a_full_disk_is_one_line_naming_where_it_wrote_and_leaves_nothing(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    disk = tmp_path / "disk"
    if not _mount_tmpfs(disk, "2m"):
        pytest.skip("mounting a small tmpfs needs root")
    try:
        data = _tree(root / "data")
        lines = _refused(_run(root, "build", "--as-of", AS_OF.isoformat(), "--site-dir", str(disk / "site")))
        # Named as the site folder it was becoming, not as the staging folder that is gone.
        assert len(lines) == 1 and lines[0].startswith(f"{disk}/site/"), lines
        assert lines[0].endswith("：磁盘已满，请清理磁盘空间后重新生成")
        assert list(disk.iterdir()) == [] and _tree(root / "data") == data
    finally:
        subprocess.run(["umount", str(disk)], check=True)


@pytest.mark.e2e
def test_a_read_only_file_system_is_one_line_and_the_site_stays(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    disk = tmp_path / "disk"
    if not _mount_tmpfs(disk, "64m"):
        pytest.skip("mounting a small tmpfs needs root")
    try:
        _published(disk / "site")
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        before = _tree(disk / "site")
        lines = _refused(_run(root, "build", "--preview", "--as-of", AS_OF.isoformat(), "--site-dir", str(disk / "site")))
        assert len(lines) == 1 and lines[0].endswith("：所在的文件系统是只读的，请换一个可写的目录"), lines
        assert _tree(disk / "site") == before and sorted(p.name for p in disk.iterdir()) == ["site"]
    finally:
        subprocess.run(["umount", str(disk)], check=True)


@pytest.mark.e2e
def test_permission_denied_for_the_site_folder_is_one_line(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The nightly cron as an unprivileged user whose site's parent folder is not writable for it."""
    setpriv = shutil.which("setpriv")
    if setpriv is None or os.geteuid() != 0:
        pytest.skip("running as another user needs root and setpriv")
    import tempfile

    work = Path(tempfile.mkdtemp(prefix="gongshi-perm-"))  # pytest's own folders are closed to other users
    try:
        root = copy_project(work / "project")
        out = work / "out"
        out.mkdir()
        for path in [work, *work.rglob("*")]:
            path.chmod(0o777 if path.is_dir() else 0o666)
        out.chmod(0o555)
        env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch_of(AS_OF)), "PYTHONIOENCODING": "utf-8"}
        command = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", str(GONGSHI), "build",
                   "--as-of", AS_OF.isoformat(), "--site-dir", str(out / "site")]
        result = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, encoding="utf-8", timeout=300)
        if "Permission denied" in result.stderr and str(GONGSHI) in result.stderr:
            pytest.skip("the test's Python is not readable by another user")
        lines = _refused(result)
        assert lines == [f"{out}：没有读写权限，请检查该目录的权限或换一个目录"]
        assert list(out.iterdir()) == []
    finally:
        shutil.rmtree(work)
