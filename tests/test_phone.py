"""On a phone: every page type at 360 px wide without sideways scrolling, large tap
targets, body text of 16 px or more, the "大字" switch, and pages that work without
JavaScript. Screenshots of every page type at 360 px are saved for a reviewer."""

from __future__ import annotations

import pytest
from browser import (
    DESKTOP,
    PHONE,
    SCREENSHOTS,
    console_problems,
    page_types,
    require_cjk_font,
)
from sitecheck import html_pages

TAP = 44  # CSS px, WCAG 2.5.5 (the theme's --tap)
LARGE_TEXT_KEY = "gongshi-large-text"

# What a finger taps: navigation, filters, buttons, the print link, the footer's links.
TAPPABLE = (
    ".site-nav a, .filters a, .header-button, button, .print-link a, .skip-link, "
    ".site-footer a, .card, .contact a[href^='tel:'], .phone-menu > summary, "
    ".ask-box a[href^='tel:']"
)


@pytest.fixture(scope="module")
def site(served_site):
    return served_site


@pytest.fixture(scope="module")
def types(site):
    return page_types(site[1])


def _visit(browser, url, viewport=PHONE, **options):
    page = browser.new_page(viewport=viewport, **options)
    problems = console_problems(page)
    page.goto(url, wait_until="load")
    return page, problems


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360px", "1280px"])
def test_every_page_type_loads_cleanly_and_fits_the_width(site, browser, types, viewport):
    url, _ = site
    overflow, errors = [], []
    for name, path in types.items():
        page, problems = _visit(browser, url + path, viewport)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > viewport["width"]:
            overflow.append((name, width))
        errors += problems
        page.close()
    assert overflow == []
    assert errors == []


def test_no_page_scrolls_sideways_on_a_phone_even_in_large_text(site, browser):
    url, root = site
    pages = [p.relative_to(root).as_posix().removesuffix("index.html") for p in html_pages(root)]
    assert len(pages) > 60
    page = browser.new_page(viewport=PHONE)
    overflow = []
    for large in (False, True):
        page.goto(url, wait_until="load")
        page.evaluate(
            f"localStorage.{'setItem' if large else 'removeItem'}('{LARGE_TEXT_KEY}', '1')"
        )
        for path in pages:
            page.goto(url + path, wait_until="load")
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > PHONE["width"]:
                overflow.append((path, "大字" if large else "", width))
    page.close()
    assert overflow == []  # wide tables scroll inside their own box, not the page


def test_tap_targets_are_44px_or_larger(site, browser, types):
    url, _ = site
    small = []
    for name, path in types.items():
        page, _ = _visit(browser, url + path)
        page.focus(".skip-link")  # shown when focused
        sizes = page.evaluate(
            """(selector) => [...document.querySelectorAll(selector)]
                .filter(e => e.getClientRects().length)
                .map(e => { const r = e.getBoundingClientRect();
                            return [e.textContent.trim().slice(0, 12), r.width, r.height]; })""",
            TAPPABLE,
        )
        assert sizes, name
        small += [(name, text, w, h) for text, w, h in sizes if w < TAP - 0.5 or h < TAP - 0.5]
        page.close()
    assert small == [], small


def test_body_text_is_16px_or_larger(site, browser, types):
    url, _ = site
    small = []
    for name, path in types.items():
        page, _ = _visit(browser, url + path)
        sizes = page.evaluate(
            """() => [...document.querySelectorAll(
                    'main p, main li, main td, main th, main dd, main dt, main caption,'
                    + ' main figcaption, main a, main span, footer p')]
                .filter(e => e.getClientRects().length && e.textContent.trim())
                .map(e => [e.textContent.trim().slice(0, 15),
                           parseFloat(getComputedStyle(e).fontSize)])"""
        )
        assert sizes, name
        small += [(name, text, size) for text, size in sizes if size < 16]
        page.close()
    assert small == []


def test_large_text_switch_persists_across_pages(site, browser, types):
    url, _ = site
    page, problems = _visit(browser, url)

    def state():
        return page.evaluate(
            """(key) => ({
                large: document.documentElement.classList.contains('large-text'),
                pressed: document.getElementById('text-size-toggle').getAttribute('aria-pressed'),
                stored: localStorage.getItem(key),
                size: parseFloat(getComputedStyle(document.documentElement).fontSize),
            })""",
            LARGE_TEXT_KEY,
        )

    before = state()
    assert before == {"large": False, "pressed": "false", "stored": None, "size": 18}
    page.click("#text-size-toggle")
    assert state() == {"large": True, "pressed": "true", "stored": "1", "size": 22}
    # survives navigation: a link to another page, and a fresh load of a third
    page.click(".phone-menu > summary")  # on a phone the navigation is behind "菜单"
    page.click(".menu-panel a[href$='ledgers/']")
    page.wait_for_load_state("load")
    assert state()["large"] and state()["pressed"] == "true"
    page.goto(url + types["decision"], wait_until="load")
    assert state()["large"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.click("#text-size-toggle")
    assert state() == {"large": False, "pressed": "false", "stored": None, "size": 18}
    page.goto(url, wait_until="load")
    assert not state()["large"]
    assert page.context.cookies() == []  # no cookie, so no cookie banner
    assert problems == []
    page.close()


def test_pages_are_readable_without_javascript(site, browser, types):
    url, _ = site
    for name, path in types.items():
        page, problems = _visit(browser, url + path, java_script_enabled=False)
        shown = page.evaluate(
            """() => ({
                width: document.documentElement.scrollWidth,
                size: parseFloat(getComputedStyle(document.body).fontSize),
                text: document.querySelector('main').innerText.trim().length,
                toggle: !!document.querySelector('#text-size-toggle')
                    && document.querySelector('#text-size-toggle').getClientRects().length > 0,
            })"""
        )
        assert shown["width"] <= PHONE["width"], name
        assert shown["size"] >= 16, name  # reasonable defaults: 18 px body text
        assert shown["text"] > 20, name
        assert not shown["toggle"], name  # a switch that cannot work is not shown
        assert problems == [], name
        page.close()
    page, _ = _visit(browser, url + types["search"], java_script_enabled=False)
    assert "需要浏览器开启 JavaScript" in page.inner_text("main")
    page.close()


def test_screenshots_of_every_page_type_at_360px(site, browser, types, capsys):
    require_cjk_font()  # without one, the screenshots would show boxes
    url, _ = site
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for old in SCREENSHOTS.glob("*.png"):
        old.unlink()
    for name, path in types.items():
        page, _ = _visit(browser, url + path)
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
        page.close()
    page, _ = _visit(browser, url)
    page.click("#text-size-toggle")
    page.screenshot(path=str(SCREENSHOTS / "home-large-text.png"), full_page=True)
    page.close()
    saved = sorted(p.name for p in SCREENSHOTS.glob("*.png"))
    assert saved == sorted([f"{name}.png" for name in types] + ["home-large-text.png"])
    with capsys.disabled():
        print(f"\nscreenshots of every page type at 360 px: {SCREENSHOTS}")
