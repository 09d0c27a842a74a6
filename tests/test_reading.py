"""Residents on phones (issue 17), in real Chromium at 360 × 800: every figure readable
without sideways scrolling, the page title on the first screen, charts at 12 px or more,
and the 适老化 aids (大字, 高对比, 朗读) working, remembered, and clean under axe-core."""

from __future__ import annotations

import pytest
from browser import PHONE, page_types
from test_accessibility import _axe

LARGE, CONTRAST = "gongshi-large-text", "gongshi-high-contrast"


@pytest.fixture(scope="module")
def site(served_site):
    return served_site


@pytest.fixture(scope="module")
def types(site):
    kinds = page_types(site[1])
    kinds["entries"] = "ledgers/parking/2025/"
    kinds["accessibility"] = "about/accessibility/"
    return {k: v for k, v in kinds.items() if not k.endswith("-print")}


def _modes(page, url, *keys):
    page.goto(url, wait_until="load")
    page.evaluate(
        "(keys) => { localStorage.clear(); keys.forEach(k => localStorage.setItem(k, '1')); }",
        list(keys),
    )


# Tables and their cells that need sideways scrolling; the h1's top.
MEASURE = """() => {
  const wide = [];
  document.querySelectorAll('main table').forEach(t => {
    const box = t.closest('.table-wrap') || t;
    if (box.scrollWidth > box.clientWidth + 1) wide.push('table: ' + (t.caption || {}).textContent);
    t.querySelectorAll('td, th').forEach(c => {
      if (c.getClientRects().length && c.scrollWidth > c.clientWidth + 1)
        wide.push('cell: ' + c.textContent.trim().slice(0, 20));
    });
  });
  return {wide, h1: document.querySelector('h1').getBoundingClientRect().top,
          page: document.documentElement.scrollWidth};
}"""


@pytest.mark.parametrize("mode", [(), (LARGE,)], ids=["default", "大字"])
def test_every_figure_fits_and_the_title_is_on_the_first_screen(site, browser, types, mode):
    url, _ = site
    page = browser.new_page(viewport=PHONE)
    _modes(page, url, *mode)
    found = []
    for name, path in types.items():
        page.goto(url + path, wait_until="load")
        shown = page.evaluate(MEASURE)
        found += [f"{name}: {w}" for w in shown["wide"]]
        if shown["h1"] > PHONE["height"] - 100:  # the title and a line of it
            found.append(f"{name}: h1 at {shown['h1']} px")
        if shown["page"] > PHONE["width"]:
            found.append(f"{name}: page {shown['page']} px wide")
    page.close()
    assert found == []


def test_every_column_of_a_ledger_is_on_the_phone(site, browser, types):
    """The key figures the issue found off screen: closing balance, amount, verdict."""
    url, _ = site
    page = browser.new_page(viewport=PHONE)
    page.goto(url + "ledgers/", wait_until="load")
    labels = page.evaluate(
        """() => [...document.querySelectorAll('main table td[data-label]')]
            .filter(td => { const r = td.getBoundingClientRect();
                            return r.width > 0 && r.left >= 0 && r.right <= innerWidth; })
            .map(td => td.dataset.label)"""
    )
    assert {"期初余额", "收入", "合理成本", "期末余额", "对账"} <= set(labels)
    page.goto(url + types["ledger-year"], wait_until="load")
    shown = page.evaluate(
        """() => [...document.querySelectorAll('main table tbody tr[id] td')]
            .filter(td => { const r = td.getBoundingClientRect();
                            return r.width > 0 && r.left >= 0 && r.right <= innerWidth; })
            .map(td => getComputedStyle(td, '::before').content)"""
    )
    assert '"金额（元）"' in shown and '"摘要"' in shown  # each figure beside its name
    page.close()


CHART_TEXT = """async () => {
  const out = [];
  for (const img of document.querySelectorAll('figure.chart img')) {
    if (!img.getClientRects().length) continue;
    await img.decode().catch(() => null);
    const svg = await (await fetch(img.currentSrc || img.src)).text();
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
    const width = Number(doc.documentElement.getAttribute('viewBox').split(' ')[2]);
    const scale = img.getBoundingClientRect().width / width;
    for (const t of doc.querySelectorAll('text'))
      out.push([t.textContent,
                parseFloat(t.closest('[font-size]').getAttribute('font-size')) * scale]);
  }
  return out;
}"""


def test_chart_text_is_12px_or_more_on_a_phone_and_larger_with_large_text(site, browser, types):
    url, _ = site
    page = browser.new_page(viewport=PHONE)
    smallest = {}
    for mode in ((), (LARGE,)):
        _modes(page, url, *mode)
        sizes = []
        for name in ("ledger-year", "property"):
            page.goto(url + types[name], wait_until="load")
            page.locator("figure.chart").scroll_into_view_if_needed()
            texts = page.evaluate(CHART_TEXT)
            assert texts, name
            assert not [t for t, _ in texts if any("a" <= c.lower() <= "z" for c in t)]
            sizes += [size for _, size in texts]
        smallest[mode] = min(sizes)
    page.close()
    assert smallest[()] >= 12
    assert smallest[(LARGE,)] > smallest[()] + 2


@pytest.mark.parametrize("mode", [(LARGE,), (CONTRAST,), (LARGE, CONTRAST)], ids=str)
def test_axe_finds_no_violations_with_large_text_or_high_contrast(site, browser, types, mode):
    url, _ = site
    page = browser.new_page(viewport=PHONE)
    _modes(page, url, *mode)
    found = []
    for name, path in types.items():
        page.goto(url + path, wait_until="load")
        assert page.evaluate("document.documentElement.className").count("-") == len(mode)
        found += [f"{name}: {v}" for v in _axe(page)]
    page.close()
    assert found == [], "\n".join(found)


def test_touch_targets_grow_to_60px_with_large_text(site, browser, types):
    url, _ = site
    page = browser.new_page(viewport=PHONE)
    _modes(page, url, LARGE)
    small = []
    for name in ("home", "decision", "ledger-year", "legal"):
        page.goto(url + types[name], wait_until="load")
        page.click(".phone-menu > summary")
        small += page.evaluate(
            """(name) => [...document.querySelectorAll(
                  '.header-button, .menu-panel a, .filters a, .print-link a, .pagination a')]
                .filter(e => e.getClientRects().length)
                .map(e => [name, e.textContent.trim(), e.getBoundingClientRect().height])
                .filter(([, , h]) => h < 59.5)""",
            name,
        )
    page.close()
    assert small == []


def test_the_menu_opens_without_javascript_and_search_is_offered_once(site, browser, types):
    url, _ = site
    page = browser.new_page(viewport=PHONE, java_script_enabled=False)
    page.goto(url + types["legal"], wait_until="load")
    assert not page.locator(".menu-panel").is_visible()
    assert page.locator(".site-nav").is_hidden()
    page.click(".phone-menu > summary")
    panel = page.locator(".menu-panel")
    assert panel.is_visible()
    links = panel.locator("a").all_inner_texts()
    assert "公共收益" in links and "高空抛物" in links  # the sections and this section's pages
    visible_search = page.evaluate(
        """() => [...document.querySelectorAll('a')]
            .filter(a => a.getClientRects().length && a.textContent.trim() === '搜索').length"""
    )
    assert visible_search == 1
    page.close()


def test_high_contrast_persists_and_read_aloud_says_when_there_is_no_voice(site, browser, types):
    url, _ = site
    page = browser.new_page(viewport=PHONE)
    _modes(page, url)
    page.goto(url + types["notice"], wait_until="load")
    page.click("#contrast-toggle")
    colours = page.evaluate(
        """() => [getComputedStyle(document.body).backgroundColor,
                  getComputedStyle(document.querySelector('main p')).color,
                  document.getElementById('contrast-toggle').getAttribute('aria-pressed')]"""
    )
    assert colours == ["rgb(0, 0, 0)", "rgb(255, 255, 255)", "true"]
    page.goto(url + types["decision"], wait_until="load")  # another page: still on
    assert page.evaluate("document.documentElement.classList.contains('high-contrast')")
    # headless Chromium has no zh-CN voice: the button says so in words, and stays off
    voices = page.evaluate("speechSynthesis.getVoices().filter(v => /^zh/i.test(v.lang)).length")
    page.click("#read-aloud")
    status = page.locator("#read-aloud-status")
    if voices:  # a machine with a Chinese voice reads, and the button stops it
        status.wait_for(state="visible")
        assert page.get_attribute("#read-aloud", "aria-pressed") == "true"
        page.click("#read-aloud")
        assert page.get_attribute("#read-aloud", "aria-pressed") == "false"
    else:
        page.wait_for_function(
            "document.getElementById('read-aloud-status').textContent.includes('没有中文朗读语音')",
            timeout=5000,
        )
        assert status.is_visible()
        assert status.get_attribute("role") == "status"
        assert page.get_attribute("#read-aloud", "aria-pressed") == "false"
    page.click("#contrast-toggle")
    assert page.evaluate("localStorage.getItem('gongshi-high-contrast')") is None
    page.close()


def test_every_public_phone_number_is_a_tap_to_call_link(site, browser, types):
    url, _ = site
    page = browser.new_page(viewport=PHONE)
    found = {}
    for name in ("home", "branch", "committee", "property", "notice", "decision", "ledgers"):
        page.goto(url + types[name], wait_until="load")
        found[name] = page.evaluate(
            """() => {
              const text = document.querySelector('main').innerText;
              // Landlines as the sample writes them, and the five-digit public hotline.
              const phone = /0\\d{2,3}-\\d{4} \\d{4}|(?<![\\d-])12\\d{3}(?![\\d-])/g;
              const numbers = text.match(phone) || [];
              const links = [...document.querySelectorAll('main a[href^="tel:"]')];
              const oneLine = links.every(a => a.getClientRects().length === 1);
              return {numbers: numbers.length, links: links.length, oneLine,
                      hotline: !!document.querySelector('main a[href="tel:12345"]'),
                      ask: !!document.querySelector('.ask-box a[href^="tel:"]')};
            }"""
        )
    page.close()
    for name, f in found.items():
        assert f["numbers"] == f["links"] and f["oneLine"], (name, f)
        if name != "home":
            assert f["ask"], name  # "whom to ask" with a number to call
    assert found["home"]["links"] >= 4  # property, committee, branch, residents' committee
    assert found["home"]["hotline"]  # where to report: the city's 12345 beside its QR code


@pytest.mark.parametrize(
    "query, expected",
    [("停车", "/ledgers/parking/"), ("高空抛物", "/legal/objects-thrown/")],
)
def test_a_search_link_fills_the_box_and_runs(site, browser, query, expected):
    url, _ = site
    page = browser.new_page(viewport=PHONE)
    page.goto(url + "search/?q=" + query, wait_until="load")
    page.wait_for_selector(".pagefind-ui__result-link", timeout=15_000)
    assert page.input_value(".pagefind-ui__search-input") == query
    first = page.get_attribute(".pagefind-ui__result-link", "href")
    assert first and expected in first, first
    page.close()


@pytest.mark.parametrize(
    "query, expected",
    [
        ("JY-2023-01", "/committee/decisions/JY-2023-01/"),
        (" ｊｙ－２０２３－０１ ", "/committee/decisions/JY-2023-01/"),  # typed on a phone
        ("GG-2026-002", "/ledgers/advertising/2026/#GG-2026-002"),
    ],
)
def test_a_record_number_finds_its_own_page_first(site, browser, query, expected):
    """Pagefind ranks the ledgers that cite a decision above the decision's own page;
    the numbers the build published put the page itself first (直达)."""
    url, _ = site
    page = browser.new_page(viewport=PHONE)
    page.goto(url + "search/?q=" + query, wait_until="load")
    page.wait_for_selector(".pagefind-ui__result-link", timeout=15_000)
    page.wait_for_selector("#direct-hits a", timeout=5_000)
    links = page.evaluate(
        """() => [...document.querySelectorAll('#direct-hits a, .pagefind-ui__result-link')]
            .filter(a => a.getClientRects().length)
            .map(a => [a.getAttribute('href'), a.getBoundingClientRect().top])"""
    )
    assert links[0][0].endswith(expected), links[:3]
    assert links[0][1] < min(top for _, top in links[1:])  # shown above Pagefind's results
    # a word that is no record number lists none
    page.fill(".pagefind-ui__search-input", "停车")
    page.wait_for_function("document.getElementById('direct-hits').hidden")
    page.close()


SPACING = """() => {
  const ps = [...document.querySelectorAll('main p')].filter(p => p.getClientRects().length
      && p.textContent.trim().length > 20 && !p.closest('table, .ask-box'));
  const out = [];
  ps.forEach(p => {
    const s = getComputedStyle(p);
    const size = parseFloat(s.fontSize), line = parseFloat(s.lineHeight);
    const next = p.nextElementSibling;
    const gap = next && next.tagName === 'P' && next.getClientRects().length
      ? next.getBoundingClientRect().top - p.getBoundingClientRect().bottom : null;
    out.push({text: p.textContent.trim().slice(0, 12), size, line, gap});
  });
  return out;
}"""


@pytest.mark.parametrize("mode", [(), (LARGE,)], ids=["default", "大字"])
def test_text_size_line_and_paragraph_spacing_meet_the_elderly_guideline(
    site, browser, types, mode
):
    """MIIT 2021: body text 18 px or more (larger in 大字), line spacing at least 1.3,
    paragraph spacing at least 1.3 times the line spacing — as the statement claims.
    Spacing as typesetters measure it: line spacing from one line to the next, paragraph
    spacing from a paragraph's last line to the next one's first (line + the gap)."""
    url, _ = site
    page = browser.new_page(viewport=PHONE)
    _modes(page, url, *mode)
    sizes, short = [], []
    for name in ("notice", "legal"):
        page.goto(url + types[name], wait_until="load")
        shown = page.evaluate(SPACING)
        assert len([p for p in shown if p["gap"] is not None]) >= 2, name  # two paragraphs
        for p in shown:
            sizes.append(p["size"])
            if p["line"] < 1.3 * p["size"] - 0.01:
                short.append((name, p["text"], "line", p["line"] / p["size"]))
            pitch = p["gap"] + p["line"] if p["gap"] is not None else None
            if pitch is not None and pitch < 1.3 * p["line"] - 0.5:
                short.append((name, p["text"], "paragraph", pitch / p["line"]))
    page.close()
    assert short == []
    assert min(sizes) >= (22 if mode else 18)  # 大字: 137.5 % of 16 px
