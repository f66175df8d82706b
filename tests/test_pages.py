"""Rendering pages in forked processes gives the same pages, in the same order, as rendering them in one."""

from __future__ import annotations

from conftest import AS_OF, REPO

from generator import pages, status
from generator.load import load_dataset


def test_pages_rendered_in_two_processes_are_the_pages_rendered_in_one() -> None:
    dataset, calendar = load_dataset(REPO)
    snap = status.snapshot(dataset, AS_OF, calendar)
    one = pages.generate(dataset, snap, "https://example.gov.cn/", workers=1)
    two = pages.generate(dataset, snap, "https://example.gov.cn/", workers=2)
    assert len([p for p in one.content if p.endswith(".md")]) > 100
    assert list(one.content) == list(two.content)  # same files, same order
    assert [p for p in one.content if one.content[p] != two.content[p]] == []
    assert one.files == two.files and one.theme == two.theme
