"""A notice printed for the 公示栏: Debian's Chromium prints every shipped notice page to PDF (A4).

What a paper notice must be: one or two A4 sheets; its text and window as
dates, without the page's live state (公示中, days left, 截至…未收到异议);
the 落款 (牵头验收单位 and publication date) at the end; the page's address
and a QR code of it; the 示例数据 mark while the data are examples.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import segno
from conftest import AS_OF, REPO

from generator.asof import chinese_date
from generator.load import load_dataset
from generator.status import snapshot

playwright_api = pytest.importorskip("playwright.sync_api")

if not shutil.which("chromium"):
    pytest.skip("chromium is not installed (apt-get install chromium)", allow_module_level=True)

pytestmark = pytest.mark.browser

SITE_URL = "https://www.ordos.gov.cn/zt/ducha/"
LIVE = [re.compile(p) for p in (r"公示中", r"剩余", r"还剩", r"截至.{0,20}未收到异议", r"数据截至", r"公示状态")]
_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


@pytest.fixture(scope="module")
def printed(built: Path, browser):
    """Per published notice: (status, PDF, article text as printed, QR printed, QR path, 示例数据 printed, screen text)."""
    dataset, calendar = load_dataset(REPO)
    snap = snapshot(dataset, AS_OF, calendar)
    results = []
    page = browser.new_page()
    for n in snap.notices:
        page.goto((built / "notices" / n.id / "index.html").as_uri())
        page.emulate_media(media="print")
        pdf = page.pdf(format="A4")
        text = page.inner_text("article")
        qr = page.locator("svg.gs-qr")
        visible = qr.count() == 1 and qr.is_visible()
        drawn = qr.locator("path").get_attribute("d") if qr.count() else None
        banner = page.locator(".md-banner")
        mark = banner.count() == 1 and banner.is_visible() and "示例数据" in banner.inner_text()
        page.emulate_media(media="screen")
        results.append((n, pdf, text, visible, drawn, mark, page.inner_text("body")))
    page.close()
    assert len(results) == len(snap.notices) > 3
    return results


def test_each_notice_fits_two_a4_pages(printed) -> None:
    for n, pdf, *_ in printed:
        pages = len(_PAGE.findall(pdf))
        assert 1 <= pages <= 2, f"{n.id}: {pages} pages"
        assert b"/MediaBox [0 0 594.95996 841.91998]" in pdf or b"/MediaBox [0 0 595" in pdf  # A4


def test_no_live_state_on_paper(printed) -> None:
    running = [n for n, *_ in printed if n.running]
    assert running, "the shipped data should hold a notice in its window, the hard case"
    for n, _, text, *_ in printed:
        for live in LIVE:
            assert not live.search(text), f"{n.id}: prints {live.pattern}"
        # the window as dates stays
        assert f"公示期：{chinese_date(n.window.start)}至{chinese_date(n.window.end)}（共{n.window.days}个工作日）" in text


def test_signoff_address_and_qr_at_the_end(printed) -> None:
    for n, _, text, visible, drawn, *_ in printed:
        address = f"{SITE_URL}notices/{n.id}/"
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        # 落款: the lead acceptance unit (排名第一位的验收单位) and the publication date, then the address
        at = lines.index(n.task.lead_acceptance_unit, len(lines) - 6)
        assert lines[at + 1] == chinese_date(n.notice.start)
        assert lines[-1] == address
        assert visible, f"{n.id}: no QR code printed"
        # The code of the address under any of the eight data masks: a reader decodes each alike.
        codes = [segno.make(address, error="m", micro=False, mask=mask) for mask in range(8)]
        expected = [re.search(r' d="([^"]+)"', code.svg_inline(scale=4, border=4)) for code in codes]
        assert drawn in {m.group(1) for m in expected if m}, f"{n.id}: the QR code is not of {address}"


def test_examples_mark_printed(printed) -> None:
    """data/site.yaml says the notices are examples: the paper says so too."""
    for n, *_, mark, _ in printed:
        assert mark, f"{n.id}: 示例数据 not printed"


def test_screen_keeps_live_state_and_hides_paper_parts(printed) -> None:
    for n, *_, screen in printed:
        assert "公示状态" in screen
        assert "本公示网上全文" not in screen


def test_units_on_paper_read_with_the_plans_punctuation(printed) -> None:
    """整改实施主体 is one printed line: units joined by 、, each 旗区's 党委、政府 after a ，, as the plan
    writes 责任单位 (市住建局，鄂托克前旗党委、政府); never two names run together."""
    for n, _, text, *_ in printed:
        parts = ["、".join(n.task.responsible.units), *(f"{b}党委、政府" for b in n.banners)]
        expected = "，".join(p for p in parts if p)
        lines = [line.strip() for line in text.splitlines()]
        at = lines.index("整改实施主体") if "整改实施主体" in lines else None
        shown = lines[at + 1] if at is not None else next(line for line in lines if line.startswith("整改实施主体"))
        assert shown.removeprefix("整改实施主体").strip() == expected, n.id
