"""Problems found in the data: one line each, naming file, line and field.

Every stage collects problems instead of stopping at the first, so an officer
sees the whole list at once and fixes it in one pass.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from . import messages as M


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    field: str
    message: str
    warning: bool = False

    def __str__(self) -> str:
        # Always `path:line:`, so editors and scripts can parse every line; a
        # problem with a whole file or folder (its name, its absence) is on line 1.
        where = f"{self.path}:{self.line or 1}:"
        kind = M.WARNING if self.warning else ""
        if self.field:
            return f"{where} {kind}{self.field}: {self.message}"
        return f"{where} {kind}{self.message}"


@dataclass
class Problems:
    """An ordered collection of problems; `errors` excludes warnings."""

    items: list[Problem] = field(default_factory=list)

    def add(self, path: str, line: int, field_name: str, message: str, *, warning: bool = False) -> None:
        self.items.append(Problem(path, line, field_name, message, warning))

    def extend(self, other: Problems) -> None:
        self.items.extend(other.items)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if not p.warning]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.warning]

    def sorted(self) -> list[Problem]:
        return sorted(set(self.items), key=lambda p: (p.path, p.line, p.field, p.message))


class DataError(Exception):
    """Raised when the data cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def display_path(path: Path, root: Path) -> str:
    """The path as an officer would type it: relative to the project when possible.

    A link is named as itself, not as what it points to (a notice linked to
    /dev/zero is still the notice), and a link that loops is named, not raised.
    """
    try:
        full = _resolved(path.parent) / path.name if path.name not in ("", ".", "..") else path.resolve()
        return full.relative_to(_resolved(root)).as_posix()
    except (ValueError, OSError, RuntimeError):
        return path.as_posix()


def _resolved(folder: Path) -> Path:
    """A folder resolved once per run: a build names thousands of files in a few dozen folders.

    Only absolute folders are remembered; a relative one depends on the working folder.
    """
    return _resolved_absolute(folder) if folder.is_absolute() else folder.resolve()


@functools.lru_cache(maxsize=256)
def _resolved_absolute(folder: Path) -> Path:
    return folder.resolve()
