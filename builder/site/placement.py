"""Which page shows each record: worked out once, before any page is made, because
pages of one section link to records listed in another (a decision to the ledger
entries it approved, the home page to the latest notices)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from builder.core import disclosure
from builder.core.ledger import AccountYear
from builder.core.model import Record, Records
from builder.core.resources import FUND_USES
from builder.site import addresses
from builder.site.paging import ListPage, by_year, paginate


@dataclass(frozen=True)
class PublicNotice:
    """A published notice of the party branch.

    Attributes:
        record: the notice as staff wrote it.
        slug: its stable public name: the start date, numbered when two start the same
            day (internal notice ids never appear: their gaps would count them).
        src: its page.
        status: upcoming, active (公示中) or ended, on the build date.
    """

    record: Record
    slug: str
    src: str
    status: str


def public_notices(records: Records, build_date: date) -> tuple[PublicNotice, ...]:
    """The public notices, oldest first, each with its page."""
    notices = sorted(disclosure.public_only(records.notices), key=lambda n: (n["start"], n["id"]))
    seen: dict[str, int] = defaultdict(int)
    result = []
    for notice in notices:
        key = notice["start"].isoformat()
        seen[key] += 1
        slug = key if seen[key] == 1 else f"{key}-{seen[key]}"
        status = disclosure.notice_status(notice["start"], notice["end"], build_date)
        result.append(PublicNotice(notice, slug, addresses.notice(slug), status))
    return tuple(result)


def entry_pages(year: AccountYear) -> list[ListPage]:
    """The year's ledger entries in pages of ROWS_PER_PAGE, the first on the year page."""
    return paginate(
        year.entries,
        addresses.ledger_year(year.account.id, year.year),
        lambda e: e.date,
        stem="entries",
    )


def entry_index(years: Sequence[AccountYear]) -> dict[tuple[str, str], str]:
    """The page listing each ledger entry, by account and voucher."""
    return {
        (entry.account, entry.voucher): page.src
        for year in years
        for page in entry_pages(year)
        for entry in page.items
    }


def fund_use_years(records: Records) -> tuple[tuple[int, list[ListPage]], ...]:
    """The maintenance fund's uses by year, newest first, in pages of ROWS_PER_PAGE."""
    uses = sorted(records.table(FUND_USES), key=lambda u: (u["date"], u["id"]), reverse=True)
    return tuple(
        (year, paginate(items, addresses.fund_uses_year(year), lambda u: u["date"]))
        for year, items in by_year(uses, lambda u: u["date"].year)
    )
