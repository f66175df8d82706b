"""contact.py: a contact a citizen can use (a number to dial, an address to write to) and which one a notice shows."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from conftest import data_tree

from generator.contact import contact_lines, mailto, shown_contact
from generator.load import load_dataset
from generator.model import Contact, Hotline

SITE = Contact("0477-1234567", None, "某地址", "工作日", (Hotline("政务服务便民热线", "12345", "24小时"),))


def test_a_notice_s_own_contact_overrides_the_site_s_but_keeps_the_city_s_hotlines() -> None:
    own = Contact("0477-7654321", "a@example.com", None)
    assert shown_contact(None, SITE) is SITE
    shown = shown_contact(own, SITE)
    assert (shown.phone, shown.email, shown.address, shown.hours) == ("0477-7654321", "a@example.com", None, None)
    assert shown.hotlines == SITE.hotlines
    listed = Contact(None, "a@example.com", None, None, (Hotline("环保举报热线", "12369"),))
    assert shown_contact(listed, SITE) is listed


def test_mailto_encodes_subject_and_body_as_rfc_6068_asks() -> None:
    href = mailto("a@example.com", "关于第25项整改任务验收销号公示的意见", "姓名：\n联系方式 & 依据？\n")
    parts = urlsplit(href)
    assert parts.scheme == "mailto" and parts.path == "a@example.com"
    assert " " not in href and "+" not in href and "\n" not in href
    query = parse_qs(parts.query)
    assert query["subject"] == ["关于第25项整改任务验收销号公示的意见"]
    assert query["body"] == ["姓名：\r\n联系方式 & 依据？\r\n"]  # CRLF, and & ? stay inside the body


def test_contact_lines_for_a_calendar() -> None:
    assert contact_lines(SITE) == [
        "联系电话：0477-1234567", "受理时间：工作日", "通信地址：某地址", "政务服务便民热线：12345（24小时）",
    ]


def test_site_contact_with_hours_and_hotlines_is_read(tmp_path: Path) -> None:
    root = data_tree(tmp_path, {})
    dataset, _ = load_dataset(root)
    contact = dataset.site.contact
    assert contact.hours and contact.email == "yiyi@example.com"
    assert [(h.name, h.number) for h in contact.hotlines] == [("政务服务便民热线", "12345"), ("生态环境举报热线", "12369")]
    # Shipped example contacts are marked as examples.
    assert "示例" in (contact.phone or "") and "示例" in (contact.hours or "") and "example" in (contact.email or "")
