"""The requests board (居民诉求台账): this year's requests by month, channel and category,
how many were handled within the response pledge, the ones still open with their age;
its A4 print version; the property page's monthly performance where the register is
kept; and this month's figures for the home page.

The figures are computed from the register (``core.requests``); the pledge's wording
and source come from community.yaml's rules.response_pledge, never from the records."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from builder.core.model import PledgeClass
from builder.core.requests import Request, monthly, share, span
from builder.messages.site import (
    PLEDGE_COUNT_WORDS,
    PLEDGE_LIMIT,
    PLEDGE_UNIT_WORDS,
    REQUEST_VERDICTS,
)
from builder.site import addresses
from builder.site.context import Generated, Site

JUDGED = ("met", "late", "overdue")
VERDICTS = REQUEST_VERDICTS


def limit_text(pledge: PledgeClass) -> str:
    """A class's limit as the pages word it: 5分钟内到场, 2天内办结."""
    return PLEDGE_LIMIT.format(
        amount=pledge.amount,
        unit=PLEDGE_UNIT_WORDS[pledge.unit],
        counts=PLEDGE_COUNT_WORDS[pledge.counts],
    )


@dataclass(frozen=True)
class Tally:
    """Requests counted: received, judged (their limit has passed or been met), met."""

    received: int = 0
    judged: int = 0
    met: int = 0

    @property
    def percent(self) -> int | None:
        return share(self.met, self.judged)


def tally(requests: Sequence[Request]) -> Tally:
    return Tally(
        len(requests),
        sum(r.verdict in JUDGED for r in requests),
        sum(r.verdict == "met" for r in requests),
    )


def month_label(month: tuple[int, int]) -> str:
    return f"{month[0]}-{month[1]:02d}"


def board_src(year: int, latest: int) -> str:
    """The board page of ``year``: the latest year's at property/requests.md."""
    return addresses.REQUESTS if year == latest else addresses.requests_year(year)


def listed(site: Site) -> list[tuple[str, str, int]]:
    """Each request's number, its board page and year (its row is anchored by it)."""
    found = site.requests
    latest = max((r.received.year for r in found), default=0)
    return [(r.id, board_src(r.received.year, latest), r.received.year) for r in found]


def pages(site: Site) -> list[Generated]:
    found = site.requests
    # The board is always there (the nav names it): a community without a register
    # yet gets the pledge, where to report, and "no records".
    years = sorted({r.received.year for r in found}, reverse=True) or [site.build_date.year]
    files = []
    for year in years:
        latest = year == years[0]
        src = board_src(year, years[0])
        board = _board(site, [r for r in found if r.received.year == year], year, years)
        # Only the latest year is printed for the notice board.
        version = site.print_version(src) if latest and found else None
        files.append(site.page("requests.md.j2", src, version=version, **board))
        if version is not None:
            files.append(site.page("print_requests.md.j2", version.src, version=version, **board))
    return files


def _board(site: Site, year_requests: list[Request], year: int, years: list[int]) -> dict:
    setting = site.records.community.rules.response_pledge if site.records.community else None
    pledge = setting.value if setting else ()
    by_class = {c.name: [r for r in year_requests if r.record["class"] == c.name] for c in pledge}
    months: dict[tuple[int, int], list[Request]] = {}
    for r in year_requests:
        months.setdefault(r.month, []).append(r)
    channels = Counter(r.record["channel"] for r in year_requests)
    categories: dict[str, list[Request]] = {}
    for r in year_requests:
        categories.setdefault(r.record["category"], []).append(r)
    still_open = [r for r in year_requests if r.is_open]
    return {
        "year": year,
        "years": [{"year": y, "src": board_src(y, years[0])} for y in years],
        "setting": setting,
        "total": tally(year_requests),
        "done": sum(not r.is_open for r in year_requests),
        "pledge": [
            {"name": c.name, "limit": limit_text(c), "tally": tally(by_class[c.name])}
            for c in pledge
        ],
        "months": [
            {
                "label": month_label(m),
                "tally": tally(rs),
                "open": sum(r.is_open for r in rs),
            }
            for m, rs in sorted(months.items())
        ],
        "channels": sorted(channels.items(), key=lambda item: (-item[1], item[0])),
        "categories": sorted(
            ((name, tally(rs)) for name, rs in categories.items()),
            key=lambda item: (-item[1].received, item[0]),
        ),
        "open": [
            {"request": r, "age": r.age_days(site.build_date), "verdict": VERDICTS[r.verdict]}
            for r in still_open
        ],
        "requests": [
            {"request": r, "verdict": r.verdict, "verdict_text": VERDICTS[r.verdict]}
            for r in year_requests
        ],
    }


def this_month(site: Site) -> dict[str, Any] | None:
    """The home page's figures: the build date's month, or the register's latest month
    before it when that month has no request yet; None without a register."""
    every = site.requests
    found = [r for r in every if r.received.date() <= site.build_date]
    if not found:
        return None
    month = max(r.month for r in found)
    in_month = [r for r in found if r.month == month]
    return {
        "label": f"{month[0]}年{month[1]}月",
        "current": month == (site.build_date.year, site.build_date.month),
        "tally": tally(in_month),
        "open": sum(r.is_open for r in in_month),
        "src": board_src(month[0], max(r.received.year for r in every)),
    }


def performance(site: Site) -> dict[tuple[tuple[int, int], str], dict[str, Any]]:
    """The monthly figures by (month, class): the register's for the months it covers
    (a rule makes the hand-typed rows of those months agree), the hand-typed rows' for
    the others. Each cell: received, within_pledge, and whether the register gave it."""
    found = site.requests
    covered = span(found)
    cells: dict[tuple[tuple[int, int], str], dict[str, Any]] = {}
    for row in site.records.performance:
        month = (row["month"][0], row["month"][1])
        if covered is None or not covered[0] <= month <= covered[1]:
            cells[(month, row["class"])] = {
                "received": row["received"],
                "within_pledge": row["within_pledge"],
                "register": False,
            }
    for key, figures in monthly(found).items():
        cells[key] = {
            "received": figures.received,
            "within_pledge": figures.within_pledge,
            "register": True,
        }
    return cells


def month_src(site: Site, month: tuple[int, int]) -> str:
    """The board page listing a month's requests (its table is ``#month-YYYY-MM``)."""
    latest = max((r.received.year for r in site.requests), default=month[0])
    return board_src(month[0], latest)


def register_span(site: Site) -> tuple[str, str] | None:
    """The first and last month the register covers, as labels (None without one)."""
    covered = span(site.requests)
    return (month_label(covered[0]), month_label(covered[1])) if covered else None
