"""Every page's URL, in one place, so links never disagree with where pages are written.

URLs are directory-style and relative links are computed between them, so
the built site works from any path of a web server (e.g. /zt/ducha/).
"""

from __future__ import annotations

import posixpath

from .model import Task

HOME = ""
PLANS = "plans/"
TASKS = "tasks/"
BANNERS = "banners/"
UNITS = "units/"
NOTICES = "notices/"
PROGRESS = "progress/"
ABOUT = "about/"
TASKS_JSON = "api/tasks.json"
NOTICES_JSON = "api/notices.json"  # notices (验收销号公示)


def plan(plan_id: str) -> str:
    return f"plans/{plan_id}/"


def task(t: Task) -> str:
    return f"plans/{t.plan_id}/tasks/{t.no}/"


def banner(slug: str) -> str:
    return f"banners/{slug}/"


def unit(slug: str) -> str:
    return f"units/{slug}/"


def notice(notice_id: str) -> str:
    return f"notices/{notice_id}/"


def source_path(url: str) -> str:
    """The Markdown file MkDocs turns into `url`."""
    return f"{url}index.md"


def relative(from_url: str, to_url: str) -> str:
    """A link from the page at `from_url` to `to_url` that survives any deploy path."""
    target_is_dir = to_url == "" or to_url.endswith("/")
    rel = posixpath.relpath(to_url or ".", from_url.rstrip("/") or ".")
    if rel == ".":
        return "./"
    return rel + "/" if target_is_dir else rel
