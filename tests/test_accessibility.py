"""Accessibility in headless Chromium: axe-core (npm) finds no violation on any page type
at 360 px and 1280 px, and every page has the structure assistive technology relies on:
landmarks, a skip link, headings in order, tables named by their captions, charts with
text alternatives, dates a machine can read."""

from __future__ import annotations

import json

import pytest
from browser import (
    DESKTOP,
    PHONE,
    page_types,
    require_axe,
)
from sitecheck import html_pages


@pytest.fixture(scope="module")
def site(served_site):
    return served_site


def _axe(page) -> list[str]:
    """axe-core's violations on ``page`` with its default rules (WCAG 2.x A/AA, 2.2 AA
    target size, best practices), one line each."""
    page.add_script_tag(path=str(require_axe()))
    violations = page.evaluate(
        """async () => (await axe.run(document)).violations.map(v => ({
            id: v.id, impact: v.impact,
            nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}))"""
    )
    return [
        f"{v['id']} ({v['impact']}): {json.dumps(v['nodes'], ensure_ascii=False)}"
        for v in violations
    ]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360px", "1280px"])
def test_axe_finds_no_violations_on_any_page_type(site, browser, viewport):
    require_axe()
    url, root = site
    found = []
    page = browser.new_page(viewport=viewport)
    for name, path in page_types(root).items():
        page.goto(url + path, wait_until="load")
        found += [f"{name} ({path}): {v}" for v in _axe(page)]
    page.close()
    assert found == [], "\n".join(found)


def test_axe_finds_no_violations_in_search_results_on_a_phone(site, browser):
    require_axe()
    url, _ = site
    page = browser.new_page(viewport=PHONE)
    page.goto(url + "search/", wait_until="load")
    page.fill(".pagefind-ui__search-input", "停车")
    page.wait_for_selector(".pagefind-ui__result-link", timeout=15_000)
    found = _axe(page)
    page.close()
    assert found == [], "\n".join(found)


STRUCTURE = """() => {
  const problems = [];
  const main = document.querySelector('main');
  const skip = document.querySelector('a');
  if (document.documentElement.lang !== 'zh-CN') problems.push('lang');
  if (!main || main.id !== 'content') problems.push('main#content');
  if (!skip || !skip.classList.contains('skip-link') || skip.getAttribute('href') !== '#content')
    problems.push('the first link is not the skip link to #content');
  if (document.querySelectorAll('main').length !== 1) problems.push('one main');
  // headings: one h1, then no level skipped
  const levels = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
    .map(h => Number(h.tagName[1]));
  if (levels.filter(l => l === 1).length !== 1 || levels[0] !== 1)
    problems.push('one h1, first: ' + levels.join(','));
  levels.forEach((l, i) => { if (i && l > levels[i - 1] + 1) problems.push('skips to h' + l); });
  // ids unique
  const ids = [...document.querySelectorAll('[id]')].map(e => e.id);
  ids.filter((id, i) => ids.indexOf(id) !== i).forEach(id => problems.push('duplicate id ' + id));
  // tables: a caption and header cells; a scrolling box is a named, focusable region
  document.querySelectorAll('main table').forEach((t, i) => {
    if (t.closest('.table-wrap') && !t.caption) problems.push('table ' + i + ' has no caption');
    if (!t.querySelector('th')) problems.push('table ' + i + ' has no header cells');
  });
  document.querySelectorAll('.table-wrap').forEach((w, i) => {
    const t = w.querySelector('table');
    const label = document.getElementById(w.getAttribute('aria-labelledby') || '');
    if (w.getAttribute('role') !== 'region' || w.getAttribute('tabindex') !== '0'
        || !label || !t.caption || label !== t.caption)
      problems.push('table box ' + i + ' is not a region named by its caption');
  });
  // charts: an alt text, and the same figures in a table after them
  document.querySelectorAll('figure.chart').forEach((f, i) => {
    const img = f.querySelector('img');
    if (!img || img.getAttribute('alt').length < 10) problems.push('chart ' + i + ' alt');
    let next = f.nextElementSibling;
    if (!next || !next.querySelector('table')) problems.push('chart ' + i + ' has no table');
  });
  document.querySelectorAll('img').forEach(img => {
    if (!img.hasAttribute('alt')) problems.push('img without alt ' + img.src);
  });
  // dates a machine can read
  document.querySelectorAll('time').forEach(t => {
    if (!/^\\d{4}-\\d{2}-\\d{2}$/.test(t.getAttribute('datetime') || ''))
      problems.push('time without datetime: ' + t.textContent);
  });
  // landmarks of the site's pages (print versions: a bar and the sheet)
  if (!document.querySelector('header')) problems.push('no banner');
  if (!document.body.classList.contains('print-page')) {
    if (!document.querySelector('nav[aria-label]') && !location.pathname.endsWith('404.html'))
      problems.push('no navigation landmark');
    if (!document.querySelector('footer')) problems.push('no contentinfo');
  }
  return problems;
}"""


def test_every_page_has_landmarks_ordered_headings_and_named_tables(site, browser):
    url, root = site
    pages = [p.relative_to(root).as_posix().removesuffix("index.html") for p in html_pages(root)]
    page = browser.new_page(viewport=PHONE)
    found = []
    for path in pages:
        page.goto(url + path, wait_until="load")
        found += [f"{path}: {problem}" for problem in page.evaluate(STRUCTURE)]
    page.close()
    assert found == [], "\n".join(found)


def test_record_numbers_and_dates_do_not_break(site, browser):
    url, root = site
    types = page_types(root)
    page = browser.new_page(viewport=PHONE)
    for name in ("ledger-year", "committee", "fund-uses", "decision"):
        page.goto(url + types[name], wait_until="load")
        styles = page.evaluate(
            """() => [...document.querySelectorAll('.nowrap, time')]
                .map(e => getComputedStyle(e).whiteSpace)"""
        )
        assert styles and set(styles) == {"nowrap"}, name
    page.close()
