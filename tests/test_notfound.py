"""The 404 page: Chinese, styled like the rest, and its links work from any missing address under a sub-path."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

import lxml.html
import pytest
from conftest import AS_OF, copy_project

pytestmark = pytest.mark.e2e  # One whole-site build, read by every test.

SITE_URL = "https://www.example.gov.cn/zt/ducha-2/"  # a sub-path other than the shipped one
MISSING = "https://www.example.gov.cn/zt/ducha-2/plans/no-such-plan/tasks/99/"  # where a server shows 404.html


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from generator.build import build_site

    root = copy_project(tmp_path_factory.mktemp("notfound") / "project")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"(?m)^site_url: .*$", f"site_url: {SITE_URL}", text), encoding="utf-8")
    build_site(root, AS_OF, root / "site", live=True)
    return root / "site"


def _target(site: Path, url: str) -> Path:
    assert url.startswith(SITE_URL), url
    rel = url[len(SITE_URL):].split("#")[0]
    return site / rel / "index.html" if rel == "" or rel.endswith("/") else site / rel


def test_404_is_chinese_with_links_home_to_tasks_and_to_search(site: Path) -> None:
    doc = lxml.html.fromstring((site / "404.html").read_bytes())
    assert doc.get("lang") == "zh-CN"
    assert doc.findtext(".//title").startswith("页面未找到")
    (article,) = doc.xpath("//article[contains(@class, 'md-content__inner')]")
    assert [h.text_content().strip() for h in doc.iter("h1")] == ["页面未找到"]
    whole = doc.text_content()
    assert "Not found" not in whole and "404 -" not in whole
    links = {a.text_content().strip(): a.get("href") for a in article.iter("a")}
    assert set(links) == {"返回首页", "整改任务", "站内搜索"}
    # Served at any depth, so every link is a path under site_url's, never relative.
    assert all(href.startswith("/zt/ducha-2/") for href in links.values()), links
    resolved = {name: urljoin(MISSING, href) for name, href in links.items()}
    assert resolved == {
        "返回首页": SITE_URL,
        "整改任务": SITE_URL + "tasks/",
        "站内搜索": SITE_URL + "search/",
    }
    for url in resolved.values():
        assert _target(site, url).is_file(), url
    (form,) = article.xpath(".//form[@role='search']")
    assert urljoin(MISSING, form.get("action")) == SITE_URL + "search/"
    assert form.xpath(".//input/@name") == ["q"]


def test_404_is_styled_like_the_rest_and_not_indexed_for_search(site: Path) -> None:
    doc = lxml.html.fromstring((site / "404.html").read_bytes())
    sheets = doc.xpath("//link[@rel='stylesheet']/@href")
    assert sheets and all(href.startswith("/zt/ducha-2/assets/") for href in sheets)
    for href in sheets:
        assert _target(site, urljoin(MISSING, href)).is_file(), href
    assert doc.xpath("//div[contains(@class, 'gs-govfooter-wrap')]")
    assert doc.xpath("//style[contains(., '.gs-status')]")  # the site's own styles
    assert not doc.xpath("//*[@data-pagefind-body]")
