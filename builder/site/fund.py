"""The maintenance fund's account (专项维修资金, Civil Code Art. 281: how it is raised
and used is published): an index of its years and a yearly statement, with an A4 print
version, reading top to bottom: opening balance, deposits, transfers in (each with the
ledger entry it received), interest, uses (each with its basis), closing balance. The
figures come from ``core.fund``, the same the balance rule checks."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from builder.core.fund import FundYear, Movement, fund_years, ledger_entry
from builder.core.model import LedgerEntry
from builder.site import addresses
from builder.site.context import Generated, Site


@dataclass(frozen=True)
class TransferIn:
    """A transfer in, with the ledger entry it received (None if none was found: the
    rules report that, and a site is built only from valid records)."""

    move: Movement
    entry: LedgerEntry | None


def _transfers(site: Site, year: FundYear) -> list[TransferIn]:
    return [
        TransferIn(
            m,
            ledger_entry(site.records, m.record["source_account"], m.record["source_voucher"]),
        )
        for m in year.transfers_in
    ]


def printable(site: Site) -> list[str]:
    """The pages that have a print version (their QR codes are made apart)."""
    return [addresses.fund_year(y.year) for y in fund_years(site.records, site.build_date)]


def pages(site: Site) -> list[Generated]:
    years = fund_years(site.records, site.build_date)
    links = [{"year": y.year, "src": addresses.fund_year(y.year)} for y in years]
    context: Mapping[str, object] = {
        "decisions": site.records.decisions,
        "decision_src": addresses.decision,
        "fund_use_src": site.fund_use_src,
        "entry_src": site.entry_src,
        "accounts": site.records.accounts,
    }
    files = [site.page("fund.md.j2", addresses.FUND, years=years, fund_src=addresses.fund_year)]
    for year in years:
        version = site.print_version(addresses.fund_year(year.year))
        page = {"year": year, "transfers": _transfers(site, year), **context}
        files.append(
            site.page("fund_year.md.j2", version.page_src, links=links, version=version, **page)
        )
        files.append(site.page("fund_print.md.j2", version.src, version=version, **page))
    return files
