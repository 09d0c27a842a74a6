"""The built sample site in headless Chromium: pages load cleanly, links work, and
Chinese search finds the right page."""

from __future__ import annotations

import pytest
from browser import console_problems
from sitecheck import html_pages


@pytest.fixture(scope="module")
def site_url(served_site):
    return served_site


def test_every_page_loads_without_console_errors(site_url, browser):
    url, site = site_url
    page = browser.new_page(viewport={"width": 360, "height": 800})
    problems = console_problems(page)
    pages = [p.relative_to(site).as_posix() for p in html_pages(site) if p.name != "404.html"]
    assert len(pages) > 40
    for path in pages:
        page.goto(url + path.removesuffix("index.html"), wait_until="load")
        assert page.title(), path
    assert problems == []


@pytest.mark.parametrize(
    "query, expected",
    [
        ("停车", "/ledgers/parking/"),
        ("广告", "/ledgers/advertising/"),
        ("维修", "/committee/fund-uses/"),
        ("高空抛物", "/legal/objects-thrown/"),
    ],
)
def test_chinese_search_finds_the_page(site_url, browser, query, expected):
    url, _ = site_url
    page = browser.new_page(viewport={"width": 360, "height": 800})
    page.goto(url + "search/", wait_until="load")
    page.fill(".pagefind-ui__search-input", query)
    page.wait_for_selector(".pagefind-ui__result-link", timeout=15_000)
    links = [a.get_attribute("href") for a in page.query_selector_all(".pagefind-ui__result-link")]
    assert any((link or "").startswith("/gongshi" + expected) for link in links), links
    first = page.query_selector(".pagefind-ui__result-link")
    first.click()
    page.wait_for_load_state("load")
    assert not page.url.endswith("/search/")  # the result is a real page of the site
