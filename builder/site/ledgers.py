"""The common-revenue ledgers (公共收益, Civil Code Art. 282): a page a year of each
account (its annual report, a chart, its entries in pages of ROWS_PER_PAGE) with a print
version, and an index of the accounts. The figures come from ``core.ledger``."""

from __future__ import annotations

import functools
from collections import defaultdict

from builder.core.ledger import AccountYear
from builder.messages import CHARTS
from builder.messages.site import MONTH_ZH
from builder.site import addresses, charts, placement
from builder.site.context import Generated, Site


def pages(site: Site) -> list[Generated]:
    accounts: dict[str, list[AccountYear]] = defaultdict(list)
    for year in site.years:
        accounts[year.account.id].append(year)
    community = site.records.community
    threshold = community.cost_threshold if community else None
    files: list[Generated] = []
    for year in site.years:
        chart_files, chart_srcs = site.chart_set(
            addresses.ledger_chart(year.account.id, year.year),
            functools.partial(_chart, year),
        )
        files += chart_files
        version = site.print_version(addresses.ledger_year(year.account.id, year.year))
        fig = placement.figures(year)
        entry_pages = fig.pages
        page_context = {
            "year": year,
            "decisions": site.records.decisions,
            "decision_src": addresses.decision,
            "ledger_src": addresses.ledger_year,
            "pages": entry_pages,
            "fig": fig,
            "entry_src": site.entry_src,
        }
        files.append(
            site.page(
                "ledger_year.md.j2",
                version.page_src,
                chart_srcs=chart_srcs,
                threshold=threshold,
                siblings=accounts[year.account.id],
                version=version,
                **page_context,
            )
        )
        files += [
            site.page("ledger_entries.md.j2", page.src, page=page, **page_context)
            for page in entry_pages[1:]
        ]
        files += _category_pages(site, year, fig, page_context)
        files.append(site.page("print_ledger.md.j2", version.src, version=version, year=year))
    files.append(
        site.page(
            "ledgers.md.j2",
            addresses.LEDGERS,
            accounts=sorted(accounts.items()),
            ledger_src=addresses.ledger_year,
        )
    )
    return files


def _category_pages(
    site: Site, year: AccountYear, fig: placement.Figures, context: dict[str, object]
) -> list[Generated]:
    """Each category's entries, for the category's figure on the year's report."""
    totals = {
        "income": dict(year.income_by_category),
        "cost": dict(year.cost_by_category),
    }
    files = []
    for (kind, name), pages in fig.categories.items():
        total = {"count": len(year.category_entries[kind, name]), "amount": totals[kind][name]}
        page_context = {**context, "kind": kind, "category": name, "total": total, "pages": pages}
        files += [
            site.page("ledger_category.md.j2", page.src, page=page, **page_context)
            for page in pages
        ]
    return files


def _chart(year: AccountYear, frame: charts.Frame) -> charts.Chart:
    """The year's monthly income, cost and owners' uses as grouped bars (uses apart)."""
    title, description = (
        text.format(year=year.year, account=year.account.name) for text in CHARTS["ledger"]
    )
    return charts.income_cost_chart(
        [MONTH_ZH.format(month=m.month) for m in year.months],
        [m.income for m in year.months],
        [m.cost for m in year.months],
        title,
        description,
        uses=[m.uses for m in year.months],
        frame=frame,
    )
