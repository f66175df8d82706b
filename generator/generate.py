"""Content: load and validate the data, compute states, render the pages into content/ (no MkDocs needed).

`gongshi build`, a plain `mkdocs build` (through the plugin) and `gongshi
serve` all generate the same content/ here; MkDocs then builds it. This
module also reads the project's MkDocs configuration, which both need.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from . import content, pages, qr, status
from . import messages as M
from .errors import DataError, Problem
from .load import dated_problems, load_dataset
from .model import Dataset
from .qr import QrCodes
from .workcalendar import CalendarGap, WorkCalendar

# Set while `gongshi build` runs MkDocs: the plugin then leaves generation to the build.
SKIP_PLUGIN_ENV = "GONGSHI_CONTENT_READY"


class BuildError(Exception):
    """The build cannot go on; the message says why, one line per problem."""


@dataclass(frozen=True)
class Generated:
    dataset: Dataset
    calendar: WorkCalendar
    snapshot: status.Snapshot
    written: content.Written


def generate_content(
    root: Path,
    as_of: dt.date,
    site_url: str,
    loaded: tuple[Dataset, WorkCalendar] | None = None,
    listed: frozenset[str] | None = None,
) -> Generated:
    """Validate the data (unless `loaded` already is) and write the pages into content/ (raises DataError).

    `listed`: the notices the live site's record lists as published (None with no live site, or for a preview).
    """
    dataset, calendar = loaded or load_dataset(root)
    if errors := [p for p in dated_problems(dataset, as_of, listed) if not p.warning]:
        raise DataError(errors)
    if odd := content.special_files(root):  # a FIFO or a link to /dev/zero would hang MkDocs after this
        raise DataError(odd)
    qr_codes = QrCodes(root / "content" / qr.CACHE)
    try:
        snap = status.snapshot(dataset, as_of, calendar)
        output = pages.generate(dataset, snap, site_url, qr_codes)
    except CalendarGap as gap:
        raise DataError([Problem("data/calendar", 0, "", str(gap))]) from None
    written = content.write(output, root / "content", root / "overrides")
    qr_codes.save()
    return Generated(dataset, calendar, snap, written)


def load_mkdocs_config(root: Path, site_dir: Path | None = None):
    from mkdocs.config import load_config

    kwargs = {"site_dir": str(site_dir)} if site_dir else {}
    return load_config(str(root / "mkdocs.yml"), **kwargs)


def project_config(root: Path):
    """The project's MkDocs configuration, or a BuildError saying in one line what is missing or wrong.

    MkDocs itself answers a missing `mkdocs.yml` or `content/` folder, or a
    mistyped `mkdocs.yml`, with English lines and a bare exit.
    """
    from mkdocs.exceptions import MkDocsException

    config_file = root / "mkdocs.yml"
    if not config_file.is_file():
        raise BuildError(M.PROJECT_NO_MKDOCS_YML.format(root=root))
    if not (root / "content").is_dir():
        raise BuildError(M.PROJECT_NO_CONTENT.format(root=root))
    if not (root / "overrides").is_dir():
        raise BuildError(M.PROJECT_NO_OVERRIDES.format(root=root))
    try:
        return load_mkdocs_config(root)
    except (MkDocsException, SystemExit) as exc:
        line = re.search(r"line (\d+)", str(exc))
        where = f"mkdocs.yml:{line[1]}" if line else "mkdocs.yml"
        raise BuildError(M.PROJECT_MKDOCS_YML_BROKEN.format(where=where)) from None
