"""Writing a file whole or not at all, and moving one without replacing another.

Every file gongshi writes for someone to keep (a report in data/progress/,
a draft, a workbook or form handed to an officer, the pages and manifest in
content/) goes through here. The data is written to a hidden temporary file
beside the target (`.<name>.gongshi-tmp-<random>`: the same folder, so the
rename is atomic; hidden, so every data reader, `gongshi check` and MkDocs
pass over one a killed process left), flushed to disk, made 0644 whatever
the umask (a web server's worker reads what is published, and an officer's
editor what is in data/), and renamed over the target; the folder is then
flushed so the rename survives a power cut. On any failure (a full disk,
a quota, a read-only file system, permissions) the temporary file is
removed, the old target is left as it was, and the OSError names the
target, the file the officer knows.

`replace=False` never overwrites: the temporary file is renamed with
RENAME_NOREPLACE (or hard-linked, where the system lacks it), so a file
that appears at the target in the meantime is kept and FileExistsError
raised.
"""

from __future__ import annotations

import ctypes
import errno
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

FILE_MODE = 0o644
TEMP_MARK = ".gongshi-tmp-"

_AT_FDCWD = -100
RENAME_NOREPLACE = 1
RENAME_EXCHANGE = 2
_UNSUPPORTED = (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP)


def renameat2(src: Path, dst: Path, flags: int) -> bool:
    """Linux renameat2(src, dst, flags); False where the system or the file system cannot.

    A refusal (the target exists under RENAME_NOREPLACE, a full disk, ...) is
    an OSError naming `dst`.
    """
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        call = libc.renameat2
    except (OSError, AttributeError):
        return False
    call.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if call(_AT_FDCWD, os.fsencode(src), _AT_FDCWD, os.fsencode(dst), flags) == 0:
        return True
    code = ctypes.get_errno()
    if code in _UNSUPPORTED:
        return False
    raise OSError(code, os.strerror(code), str(dst))


def is_temporary(name: str) -> bool:
    """Whether a file name is one of this module's temporary files."""
    return name.startswith(".") and TEMP_MARK in name


def leftovers(folder: Path, *, older_than: float) -> list[Path]:
    """Temporary files and folders under `folder` last touched before `older_than` (a time stamp).

    What a command killed mid-write left: the name marks it as this module's
    (or `plan import`'s, which stages a whole plan folder under the same mark),
    and the age keeps a write still under way in another process from being
    taken for one. Links are never followed.
    """
    found: list[Path] = []
    for top, dirs, files in os.walk(folder):
        for name in [*dirs, *files]:
            path = Path(top) / name
            if is_temporary(name) and path.lstat().st_mtime < older_than:
                found.append(path)
        dirs[:] = [d for d in dirs if not is_temporary(d)]
    return sorted(found)


def write_bytes(path: Path, data: bytes, *, replace: bool = True, durable: bool = True) -> None:
    """`path` holds `data`, whole; or, on failure, what it held before (OSError names `path`)."""
    with _failing_as(path):
        target = _real(Path(path), replace)
        temp, fd = _new_temporary(target)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
                out.flush()
                if durable:
                    os.fsync(out.fileno())
            _commit(temp, target, replace, durable)
        except BaseException:
            _discard(temp)
            raise


def write_text(path: Path, text: str, *, replace: bool = True, durable: bool = True) -> None:
    """`write_bytes` of the text in UTF-8, its line ends as they are."""
    write_bytes(path, text.encode("utf-8"), replace=replace, durable=durable)


@contextmanager
def writing(path: Path, *, replace: bool = True, durable: bool = True) -> Iterator[Path]:
    """A temporary path beside `path` for a writer that saves to a path or opens a file itself.

    When the block ends normally the temporary file becomes `path`; when it
    raises, it is removed and `path` is untouched.
    """
    with _failing_as(path):
        target = _real(Path(path), replace)
        temp, fd = _new_temporary(target)
        os.close(fd)
        try:
            yield temp
            if durable:
                _sync(temp, os.O_RDONLY)
            _commit(temp, target, replace, durable)
        except BaseException:
            _discard(temp)
            raise


def move(src: Path, dst: Path) -> None:
    """Rename `src` to `dst` in one step, never replacing a file at `dst` (FileExistsError naming `dst`)."""
    with _failing_as(dst):
        _rename_no_replace(Path(src), Path(dst))
        _sync(Path(dst).parent, os.O_RDONLY | os.O_DIRECTORY)
        if Path(src).parent != Path(dst).parent:
            _sync(Path(src).parent, os.O_RDONLY | os.O_DIRECTORY)


@contextmanager
def _failing_as(path: Path) -> Iterator[None]:
    """An OSError raised inside names `path` (a write to the temporary file names that, or nothing)."""
    try:
        yield
    except OSError as exc:
        if exc.filename == str(path) and exc.filename2 is None:
            raise
        # OSError(errno, ...) is built as its subclass (FileExistsError for EEXIST, ...).
        raise OSError(exc.errno, exc.strerror, str(path)) from exc


def _real(target: Path, replace: bool) -> Path:
    """Where the data goes: a link is followed when replacing (as an in-place write would), never when creating."""
    return Path(os.path.realpath(target)) if replace and target.is_symlink() else target


def _new_temporary(target: Path) -> tuple[Path, int]:
    for _ in range(100):
        temp = target.with_name(f".{target.name}{TEMP_MARK}{secrets.token_hex(4)}")
        try:
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), FILE_MODE)
        except FileExistsError:
            continue
        os.fchmod(fd, FILE_MODE)  # the umask took bits from FILE_MODE; the file is ours, so give them back
        return temp, fd
    raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(target))


def _commit(temp: Path, target: Path, replace: bool, durable: bool) -> None:
    os.chmod(temp, FILE_MODE)  # a writer that recreated the file made it under the umask
    if replace:
        os.rename(temp, target)
    else:
        _rename_no_replace(temp, target)
    if durable:
        _sync(target.parent, os.O_RDONLY | os.O_DIRECTORY)


def _rename_no_replace(src: Path, dst: Path) -> None:
    if renameat2(src, dst, RENAME_NOREPLACE):
        return
    # No renameat2 (not Linux, or a file system without RENAME_NOREPLACE): a hard link
    # fails when `dst` exists, and for an instant the file has both names.
    os.link(src, dst, follow_symlinks=False)
    os.unlink(src)


def _sync(path: Path, flags: int) -> None:
    fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):  # folders some file systems cannot flush
            raise
    finally:
        os.close(fd)


def _discard(temp: Path) -> None:
    try:
        os.unlink(temp)
    except OSError:
        pass
