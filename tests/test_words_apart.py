"""Names stay apart on every built page, as a reader sees and copies them.

The minifier drops whitespace that is the whole text between two children of
a block, so a page must never rely on it to keep two words apart. Debian's
Chromium reads each page of the shipped data (and each notice as printed):
no unit or 旗区 of the plans may run straight into another one.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import REPO

from generator.load import load_dataset

playwright_api = pytest.importorskip("playwright.sync_api")

if not shutil.which("chromium"):
    pytest.skip("chromium is not installed (apt-get install chromium)", allow_module_level=True)


def names_run_together(text: str, names: list[str]) -> list[str]:
    """Each place where one name is followed at once by another, as "name|name"."""
    alternatives = "|".join(map(re.escape, sorted(names, key=len, reverse=True)))
    pair = re.compile(f"(?=({alternatives})({alternatives}))")
    return [f"{match[1]}|{match[2]}" for match in pair.finditer(text)]


def test_the_check_finds_names_run_together() -> None:
    names = ["市生态环境局", "市住建局", "伊金霍洛旗", "伊金霍洛旗党委、政府"]
    assert names_run_together("市生态环境局\n市住建局、伊金霍洛旗党委、政府", names) == []
    assert names_run_together("整改实施主体 市生态环境局市住建局", names) == ["市生态环境局|市住建局"]
    assert names_run_together("伊金霍洛旗党委、政府市住建局", names) == ["伊金霍洛旗党委、政府|市住建局"]


def test_no_two_names_run_together_on_any_page(built: Path, browser) -> None:
    dataset, _ = load_dataset(REPO)
    names = sorted(
        {u.name for plan in dataset.plans for u in plan.units}
        | {b.name for plan in dataset.plans for b in plan.banners}
        | {f"{b.name}党委、政府" for plan in dataset.plans for b in plan.banners}
    )
    page = browser.new_page()
    problems = []
    pages = sorted(built.rglob("*.html"))
    for file in pages:
        rel = file.relative_to(built).as_posix()
        for media in ("screen", "print") if rel.startswith("notices/") else ("screen",):
            page.emulate_media(media=media)
            page.goto(file.as_uri())
            problems += [f"{rel} ({media}): {at}" for at in names_run_together(page.inner_text("body"), names)]
    page.close()
    assert len(pages) > 50 and problems == []
