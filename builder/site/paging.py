"""Paging: lists that grow with the years get a page a year, split further into pages
of ROWS_PER_PAGE rows, so no page passes 300 KB however large the community."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

# A row of a list (a ledger entry, a meeting, a decision) is at most about 400 bytes of
# HTML: 300 a page keeps every page far under 300 KB however long the lists grow (the
# downloads stay whole files). Lists are split by year first, then into such pages.
ROWS_PER_PAGE = 300
RECENT = 5  # the latest records an overview page shows before its links by year


@dataclass(frozen=True)
class ListPage:
    """One page of a list split into pages of ROWS_PER_PAGE rows; page 1 is the list's
    own page (a ledger year, a year of meetings, a matter's decisions).

    Attributes:
        number: 1 for the list's own page, then 2, 3...
        src: the page's source path.
        items: the rows on this page.
        first, last: the dates of its first and last row (for the pager's labels).
    """

    number: int
    src: str
    items: tuple
    first: date | None
    last: date | None


def paginate(
    items: Sequence[Any], src: str, date_of: Callable[[Any], date], stem: str = "page"
) -> list[ListPage]:
    """``items`` in pages of ROWS_PER_PAGE: the first at ``src``, the others beside it at
    ``<src without .md>/<stem>-<n>.md``. An empty list still has its (empty) first page."""
    chunks = [tuple(items[i : i + ROWS_PER_PAGE]) for i in range(0, len(items), ROWS_PER_PAGE)]
    chunks = chunks or [()]
    return [
        ListPage(
            n,
            page_src(src, n, stem),
            chunk,
            date_of(chunk[0]) if chunk else None,
            date_of(chunk[-1]) if chunk else None,
        )
        for n, chunk in enumerate(chunks, 1)
    ]


def page_src(src: str, number: int, stem: str = "page") -> str:
    """Where page ``number`` of the list whose first page is ``src`` lives."""
    return src if number == 1 else f"{src.removesuffix('.md')}/{stem}-{number}.md"


def page_of(index: int) -> int:
    """The number of the page that shows a list's row ``index`` (0-based)."""
    return index // ROWS_PER_PAGE + 1


def row_on_page(index: int) -> int:
    """Where a list's row ``index`` (0-based) stands on its page (0-based)."""
    return index % ROWS_PER_PAGE


def by_year(items: Sequence[Any], year_of: Callable[[Any], int]) -> list[tuple[int, list]]:
    """``items`` grouped by year, newest year first, each year in the given order."""
    years: dict[int, list] = defaultdict(list)
    for item in items:
        years[year_of(item)].append(item)
    return sorted(years.items(), reverse=True)
