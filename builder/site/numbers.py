"""The record numbers residents search for, and the page each one leads to: a small JSON
file the search page reads, so a decision or voucher number finds its page first
(Pagefind ranks by words, and a number's page may come below a ledger that cites it).

Only what the site publishes is listed: the decisions, the ledger vouchers, the
maintenance fund's uses, the residents' requests, and the public notices by their
public slug (never a notice's internal id, never a record of another range): the site's
records are already the published ones (``core.personal.published``, ``placement.public_notices``).

The file, ``search/numbers.json``::

    {"pages": [[url, title], ...], "numbers": [[number, page, anchored], ...]}

``url`` is relative to the site's root; ``anchored`` is 1 when the number is also the
row's anchor on that page (``#TC-2025-001``). Numbers are sorted by their normal form
(``normal``), which the search page's script makes of a query the same way.
"""

from __future__ import annotations

import json
import unicodedata
from typing import cast

from builder.core.resources import FUND_USES
from builder.messages import LABELS
from builder.site import addresses, placement, requests
from builder.site.context import Generated, Site

NUMBERS = "search/numbers.json"
DIRECT = cast(dict[str, str], LABELS["direct"])


def normal(number: str) -> str:
    """A number as a search compares it: NFKC (full-width letters and digits become
    ASCII), upper case, trimmed, the full-width and other dashes as '-'."""
    text = unicodedata.normalize("NFKC", number).upper().strip()
    for dash in "－‐‑‒–—﹣":
        text = text.replace(dash, "-")
    return text


def index(site: Site) -> Generated:
    pages: dict[str, int] = {}
    titles: list[list[str]] = []
    numbers: list[tuple[str, int, int]] = []

    def add(number: str, src: str, title: str, anchored: bool) -> None:
        url = addresses.page_url(src, site.use_directory_urls)
        if url not in pages:
            pages[url] = len(titles)
            titles.append([url, title])
        numbers.append((number, pages[url], int(anchored)))

    for decision in site.records.decisions.values():
        add(decision.id, addresses.decision(decision), decision.title, False)
    for notice in site.notices:
        add(notice.slug, notice.src, notice.record["title"], False)
    for use in site.records.table(FUND_USES):
        title = DIRECT["fund_use"].format(project=use["project"])
        add(use["id"], site.fund_use_src(use), title, True)
    for year in site.years:
        title = DIRECT["ledger"].format(year=year.year, account=year.account.name)
        for page in placement.entry_pages(year):
            for entry in page.items:
                add(entry.voucher, page.src, title, True)
    for number, src, received in requests.listed(site):
        add(number, src, DIRECT["requests"].format(year=received), True)
    numbers.sort(key=lambda n: (normal(n[0]), n[1]))
    content = json.dumps(
        {"pages": titles, "numbers": numbers}, ensure_ascii=False, separators=(",", ":")
    )
    return Generated(NUMBERS, content.encode("utf-8"))
