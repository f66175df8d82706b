"""Relative links between pages resolve to their target under any deploy path."""

from __future__ import annotations

from urllib.parse import urljoin

from hypothesis import given
from hypothesis import strategies as st

from generator import urls

_segment = st.sampled_from(["plans", "ordos-nmg-r2", "tasks", "3", "37", "notices", "2026-09-14-task37", "banners", "a"])
_dir_url = st.lists(_segment, max_size=5).map(lambda parts: "".join(f"{p}/" for p in parts))
_file_url = st.builds(lambda d, name: d + name, _dir_url, st.sampled_from(["feed.xml", "api/tasks.json", "x.ics"]))


@given(
    page=_dir_url,
    target=st.one_of(_dir_url, _file_url),
    fragment=st.sampled_from(["", "#goal", "#task-12"]),
    base=st.sampled_from(["https://www.ordos.gov.cn/zt/ducha/", "http://localhost:8000/", "https://a.example/x/y/"]),
)
def test_a_relative_link_resolves_to_its_target_under_any_base(page: str, target: str, fragment: str, base: str) -> None:
    link = urls.relative(page, target + fragment)
    assert not link.startswith("/")
    assert urljoin(base + page, link) == base + target + fragment


def test_links_between_neighbours() -> None:
    assert urls.relative("plans/p/tasks/3/", "plans/p/tasks/4/") == "../4/"
    assert urls.relative("plans/p/tasks/3/", "plans/p/tasks/3/#goal") == "./#goal"
    assert urls.relative("", "tasks/") == "tasks/"
    assert urls.relative("notices/x/", "") == "../../"
    assert urls.relative("notices/x/", "feed.xml") == "../../feed.xml"
