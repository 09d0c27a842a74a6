"""Which page shows each record: worked out once, before any page is made, because
pages of one section link to records listed in another (a decision to the ledger
entries it approved, the home page to the latest notices)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from builder.core import disclosure
from builder.core.ledger import AccountYear, MonthTotals
from builder.core.model import LedgerEntry, Record, Records
from builder.core.resources import FUND_USES
from builder.site import addresses
from builder.site.paging import (
    ListPage,
    by_year,
    page_of,
    page_src,
    paginate,
    row_on_page,
)


@dataclass(frozen=True)
class PublicNotice:
    """A published notice of the party branch.

    Attributes:
        record: the notice as staff wrote it.
        slug: its stable public name: the start date, numbered when two start the same
            day (internal notice ids never appear: their gaps would count them).
        src: its page.
        status: upcoming, active (公示中) or ended, on the build date.
        persons: the persons it is about, in the order staff listed them (their
            details already taken out when past their end: ``core.personal``).
    """

    record: Record
    slug: str
    src: str
    status: str
    persons: tuple[Record, ...] = ()


def public_notices(records: Records, build_date: date) -> tuple[PublicNotice, ...]:
    """The public notices, oldest first, each with its page."""
    notices = sorted(disclosure.public_only(records.notices), key=lambda n: (n["start"], n["id"]))
    persons: dict[str, list[Record]] = defaultdict(list)
    for person in records.notice_persons:
        persons[person["notice"]].append(person)
    seen: dict[str, int] = defaultdict(int)
    result = []
    for notice in notices:
        key = notice["start"].isoformat()
        seen[key] += 1
        slug = key if seen[key] == 1 else f"{key}-{seen[key]}"
        status = disclosure.notice_status(notice["start"], notice["end"], build_date)
        about = tuple(persons.get(notice["id"], ()))
        result.append(PublicNotice(notice, slug, addresses.notice(slug), status, about))
    return tuple(result)


ENTRIES_STEM = "entries"  # a ledger year's later pages: <year>/entries-2.md ...


def entry_pages(year: AccountYear) -> list[ListPage]:
    """The year's ledger entries in pages of ROWS_PER_PAGE, the first on the year page."""
    return paginate(
        year.entries,
        addresses.ledger_year(year.account.id, year.year),
        lambda e: e.date,
        stem=ENTRIES_STEM,
    )


@dataclass(frozen=True)
class Figures:
    """Where each figure of a ledger year's report leads: the entries it sums.

    Attributes:
        pages: the year's entry pages (``entry_pages``).
        month_at: for each month with entries, the page of its first entry (the page
            marks the month's start with the anchor ``month-<m>``).
        month_ends: for each page number, its rows (index on the page) that close a
            month, with that month's totals (the page shows them as a subtotal).
        month_starts: for each page number, its rows that open a month, with the month.
        categories: the pages listing each category's entries, by ("income" or
            "cost", category); the first shows the category's total.
    """

    pages: list[ListPage]
    month_at: Mapping[int, str]
    month_ends: Mapping[int, Mapping[int, MonthTotals]]
    month_starts: Mapping[int, Mapping[int, int]]
    categories: Mapping[tuple[str, str], list[ListPage]]


CATEGORY_STEM = "entries"  # a category's later pages: <year>/<kind>-<n>/entries-2.md


def category_src(year: AccountYear, kind: str, number: int) -> str:
    """The first page of the year's ``number``-th category (1-based, by name) of ``kind``."""
    first = addresses.ledger_year(year.account.id, year.year).removesuffix(".md")
    return f"{first}/{kind}-{number}.md"


def figures(year: AccountYear) -> Figures:
    """The pages and anchors behind a ledger year's figures (months from ``month_bounds``,
    categories from ``category_entries``, both made once in ``core.ledger``)."""
    pages = entry_pages(year)
    month_at: dict[int, str] = {}
    ends: dict[int, dict[int, MonthTotals]] = defaultdict(dict)
    starts: dict[int, dict[int, int]] = defaultdict(dict)
    for totals, (start, end) in zip(year.months, year.month_bounds, strict=True):
        if start == end:
            continue
        month_at[totals.month] = pages[page_of(start) - 1].src
        starts[page_of(start)][row_on_page(start)] = totals.month
        ends[page_of(end - 1)][row_on_page(end - 1)] = totals
    categories: dict[tuple[str, str], list[ListPage]] = {}
    for kind in ("income", "cost"):
        names = sorted(name for k, name in year.category_entries if k == kind)
        for number, name in enumerate(names, 1):
            entries = year.category_entries[kind, name]
            src = category_src(year, kind, number)
            categories[kind, name] = paginate(entries, src, lambda e: e.date, CATEGORY_STEM)
    return Figures(pages, month_at, ends, starts, categories)


def entry_src(years: Mapping[tuple[str, int], AccountYear], entry: LedgerEntry) -> str:
    """The page that lists ``entry`` (found by its date and voucher, without reading the
    year's other entries); the year page when it is not listed."""
    first = addresses.ledger_year(entry.account, entry.date.year)
    year = years.get((entry.account, entry.date.year))
    index = year.entries.index_of(entry) if year is not None else None
    return first if index is None else page_src(first, page_of(index), ENTRIES_STEM)


def fund_use_years(records: Records) -> tuple[tuple[int, list[ListPage]], ...]:
    """The maintenance fund's uses by year, newest first, in pages of ROWS_PER_PAGE."""
    uses = sorted(records.table(FUND_USES), key=lambda u: (u["date"], u["id"]), reverse=True)
    return tuple(
        (year, paginate(items, addresses.fund_uses_year(year), lambda u: u["date"]))
        for year, items in by_year(uses, lambda u: u["date"].year)
    )
