"""The built sample site in headless Chromium: pages load cleanly, links work, and
Chinese search finds the right page."""

from __future__ import annotations

import pytest
from browser import CHROMIUM, CHROMIUM_ARGS, require_chromium, serve
from conftest import REPO, gongshi
from sitecheck import html_pages


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    require_chromium()
    # Served under /gongshi/, as GitHub Pages publishes a project site (site_url's path).
    root = tmp_path_factory.mktemp("browser")
    site = root / "gongshi"
    result = gongshi("build", str(REPO), "--site-dir", str(site), timeout=600)
    assert result.returncode == 0, result.stderr
    with serve(root) as url:
        yield url + "gongshi/", site


@pytest.fixture(scope="module")
def browser():
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


def test_every_page_loads_without_console_errors(site_url, browser):
    url, site = site_url
    page = browser.new_page(viewport={"width": 360, "height": 800})
    problems: list[str] = []
    page.on(
        "console", lambda m: problems.append(f"{page.url}: {m.text}") if m.type == "error" else None
    )
    page.on("pageerror", lambda e: problems.append(f"{page.url}: {e}"))
    page.on(
        "response",
        lambda r: problems.append(f"{r.url}: HTTP {r.status}") if r.status >= 400 else None,
    )
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
