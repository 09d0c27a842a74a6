"""The site-wide corrections page (更正记录): every change to a figure already published,
newest first, each linking to its record's page (``core.history`` finds them)."""

from __future__ import annotations

from typing import Any

from builder.site import addresses
from builder.site.context import Generated, Site


def record_src(site: Site, kind: str, id: str) -> str | None:
    """The page of a record in a history, or None when it has no page now."""
    if kind == "decision" and id in site.records.decisions:
        return addresses.decision(site.records.decisions[id])
    if kind == "notice":
        return next((n.src for n in site.notices if n.record["id"] == id), None)
    if kind == "fund_use":
        return site.fund_use_pages.get(id)
    if kind == "ledger":
        account, _, year = id.rpartition("/")
        return (
            addresses.ledger_year(account, int(year))
            if (account, int(year)) in site.account_years
            else None
        )
    return None


def page(site: Site) -> Generated:
    items: list[dict[str, Any]] = [
        {"title": h.title, "change": c, "src": record_src(site, *h.key)}
        for h, c in site.history.corrections
    ]
    return site.page("corrections.md.j2", addresses.CORRECTIONS, items=items)
