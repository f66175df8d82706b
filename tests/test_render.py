"""render.py's filters that mark words in computed text: tap-to-call numbers, and words never broken."""

from __future__ import annotations

from pathlib import Path

import lxml.html

from generator.render import nobreak, tel_links


def test_phone_numbers_become_tap_to_call_links_and_the_rest_stays_text() -> None:
    assert str(tel_links("0477-0000000（示例）")) == '<a href="tel:04770000000">0477-0000000</a>（示例）'
    two = str(tel_links("0477-8888888、13900000000"))
    assert two == '<a href="tel:04778888888">0477-8888888</a>、<a href="tel:13900000000">13900000000</a>'
    assert str(tel_links("+86 477 1234567")) == '<a href="tel:+864771234567">+86 477 1234567</a>'
    assert str(tel_links('<b onclick="x">12345678</b>')) == (
        '&lt;b onclick=&#34;x&#34;&gt;<a href="tel:12345678">12345678</a>&lt;/b&gt;'
    )
    assert str(tel_links("工作日上班时间")) == "工作日上班时间"


def test_task_numbers_and_dates_are_marked_whole_and_text_is_escaped() -> None:
    marked = str(nobreak("第24项<公示>2026年11月3日销号"))
    assert marked == ('<span class="gs-no">第24项</span>&lt;公示&gt;<span class="gs-date">2026年11月3日</span>销号')


def test_every_contact_number_on_the_site_can_be_tapped(built: Path, data) -> None:
    _, snap = data
    for page in ("about/index.html", f"notices/{snap.notices[-1].id}/index.html", "index.html"):
        doc = lxml.html.fromstring((built / page).read_bytes())
        links = doc.xpath("//a[starts-with(@href, 'tel:')]")
        assert links, page
        assert all(a.get("href")[4:].lstrip("+").isdigit() for a in links), page
    footer = lxml.html.fromstring((built / "index.html").read_bytes()).xpath("//*[contains(@class, 'gs-govfooter')]//a/@href")
    assert "tel:04770000000" in footer  # data/site.yaml: 0477-0000000（示例）
