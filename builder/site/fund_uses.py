"""The maintenance fund's uses (专项维修资金使用, Civil Code Art. 281): totals by year
with the latest uses, and a page a year of every use (in pages of ROWS_PER_PAGE)."""

from __future__ import annotations

import itertools
from decimal import Decimal

from builder.site import addresses
from builder.site.context import Generated, Site
from builder.site.paging import RECENT

ZERO = Decimal("0.00")


def pages(site: Site) -> list[Generated]:
    years = [
        {
            "year": year,
            "src": addresses.fund_uses_year(year),
            "uses": sum(len(page.items) for page in year_pages),
            "total": sum((u["amount"] for page in year_pages for u in page.items), ZERO),
        }
        for year, year_pages in site.fund_use_years
    ]
    newest_first = (u for _, year_pages in site.fund_use_years for p in year_pages for u in p.items)
    recent = list(itertools.islice(newest_first, RECENT))
    context = {
        "decisions": site.records.decisions,
        "decision_src": addresses.decision,
        "fund_use_src": site.fund_use_src,
    }
    files = [
        site.page(
            "fund_uses.md.j2",
            addresses.FUND_USES,
            years=years,
            total=sum((y["total"] for y in years), ZERO),
            recent=recent,
            **context,
        )
    ]
    for item, (_, year_pages) in zip(years, site.fund_use_years, strict=True):
        files += site.list_pages(
            "fund_uses_year.md.j2", year_pages, year=item, years=years, **context
        )
    return files
