"""The owners' committee's section (业委会事务公开): an overview, a page a year of its
decisions, a page for each Art. 278 matter, each decision's page with its print version,
and the members. The maintenance fund's uses have a module of their own (fund_uses).

A decision's page shows what the rules checked, and only that: every ballot (and which
were not recorded), the scope that voted, the totals against the owners' register, the
arithmetic of the ratios and which failed, and the procedure's dates with the notice and
publication checks. The checks are the rules' own functions (``rules.decisions``,
``rules.procedure``, ``rules.register``); this module only gathers their results."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from builder.core import personal as P
from builder.core.ledger import entries_citing_decisions
from builder.core.model import Decision, Record, Records
from builder.core.periods import COVERED_YEARS
from builder.core.resources import FUND_USES
from builder.messages.site import VALUE_LABELS, VOTE_BALLOTS
from builder.rules.decisions import SPECIAL_MATTERS, decision_outcome
from builder.rules.procedure import notice_check, publication_check
from builder.rules.register import register_match
from builder.site import addresses
from builder.site.context import Generated, Site
from builder.site.paging import RECENT, by_year, paginate


def pages(site: Site) -> list[Generated]:
    return [
        *overview_and_years(site),
        *matter_pages(site),
        *decision_pages(site),
        members(site),
    ]


def decisions_newest_first(records: Records) -> list[Decision]:
    return sorted(records.decisions.values(), key=lambda d: (d.date, d.id), reverse=True)


def decision_view(site: Site, d: Decision) -> dict[str, Any]:
    """A decision as its rows and pages show it: with the outcome the rules compute."""
    rule = site.records.community.committee_rule if site.records.community else None
    return {
        "decision": d,
        "outcome": decision_outcome(d, rule),
        "src": addresses.decision(d),
        "special": d.matter in SPECIAL_MATTERS if d.matter else False,
    }


@dataclass(frozen=True)
class Ballots:
    """One kind of ballot of an owners' vote, as its row shows it.

    Attributes:
        kind: "approve", "oppose", "abstain" or "invalid".
        label: its name on the page ("同意").
        area, owners: its figures; None where the decision does not record them (never
            shown as zero).
    """

    kind: str
    label: str
    area: Decimal | int | None
    owners: Decimal | int | None

    @property
    def recorded(self) -> bool:
        return self.area is not None and self.owners is not None


def ballots(d: Decision) -> list[Ballots]:
    """The ballots of an owners' vote, approve first, each with what is recorded."""
    return [
        Ballots(kind, label, d.votes[f"{kind}_area"], d.votes[f"{kind}_owners"])
        for kind, (label, _) in VOTE_BALLOTS.items()
    ]


def decision_page_view(site: Site, d: Decision) -> dict[str, Any]:
    """A decision as its own page and print version show it: the list view, with the
    ballots, the register check, the counting basis and the procedure's checks."""
    community = site.records.community
    rules = community.rules if community else None
    owners = d.body == "owners_assembly"
    rows = ballots(d) if owners else []
    return {
        **decision_view(site, d),
        "ballots": rows,
        "unrecorded": [row.label for row in rows if not row.recorded],
        "register": register_match(d, site.records),
        "area_basis": rules.area_basis if rules else None,
        "headcount_basis": rules.headcount_basis if rules else None,
        "part_scope_votes": rules.part_scope_votes if rules else None,
        "notice": notice_check(d),
        "publication": publication_check(d, community),
        "covered_years": COVERED_YEARS,
    }


def overview_and_years(site: Site) -> list[Generated]:
    """The overview, and a page a year of decisions (in pages of ROWS_PER_PAGE)."""
    decisions = decisions_newest_first(site.records)
    matters = sorted({d.matter for d in decisions if d.matter})
    of_year = by_year(decisions, lambda d: d.date.year)
    years = [
        {
            "year": year,
            "src": addresses.committee_year(year),
            "decisions": len(items),
            "owners": sum(d.body == "owners_assembly" for d in items),
        }
        for year, items in of_year
    ]
    by_matter = [
        {
            "matter": matter,
            "src": addresses.matter(matter),
            "decisions": sum(d.matter == matter for d in decisions),
        }
        for matter in matters
    ]
    files = [
        site.page(
            "committee.md.j2",
            addresses.COMMITTEE,
            years=years,
            matters=matters,
            by_matter=by_matter,
            recent=[decision_view(site, d) for d in decisions[:RECENT]],
        )
    ]
    for year, items in of_year:
        year_pages = paginate(
            [decision_view(site, d) for d in items],
            addresses.committee_year(year),
            lambda v: v["decision"].date,
        )
        files += site.list_pages(
            "committee_year.md.j2", year_pages, year=year, years=years, matters=matters
        )
    return files


def matter_pages(site: Site) -> list[Generated]:
    decisions = decisions_newest_first(site.records)
    matters = sorted({d.matter for d in decisions if d.matter})
    files = []
    for matter in matters:
        views = [decision_view(site, d) for d in decisions if d.matter == matter]
        matter_list = paginate(views, addresses.matter(matter), lambda v: v["decision"].date)
        files += site.list_pages(
            "matter.md.j2", matter_list, matter=matter, matters=matters, count=len(views)
        )
    return files


def decision_pages(site: Site) -> list[Generated]:
    """Each decision's page, with the ledger entries and fund uses resting on it, and
    its print version (its QR code is made apart)."""
    entries_by_decision = entries_citing_decisions(site.records)
    uses_by_decision: dict[str, list[Record]] = defaultdict(list)
    for use in site.records.table(FUND_USES):
        uses_by_decision[use["decision"]].append(use)
    rule = site.records.community.committee_rule if site.records.community else None
    files = []
    for d in site.records.decisions.values():
        view = decision_page_view(site, d)
        version = site.print_version(addresses.decision(d))
        files.append(
            site.page(
                "decision.md.j2",
                addresses.decision(d),
                view=view,
                rule=rule,
                entries=sorted(
                    entries_by_decision.get(d.id, []), key=lambda e: (e.date, e.voucher)
                ),
                uses=uses_by_decision[d.id],
                entry_src=site.entry_src,
                fund_use_src=site.fund_use_src,
                year_src=addresses.committee_year(d.date.year),
                version=version,
            )
        )
        files.append(
            site.page("print_decision.md.j2", version.src, version=version, view=view, rule=rule)
        )
    return files


def members(site: Site) -> Generated:
    """The members, serving ones first."""
    listed = sorted(site.records.members, key=lambda m: (m["term_end"] < site.build_date, m["id"]))
    # Why the names are published: each distinct basis the rows state, once, in words.
    labels = VALUE_LABELS[P.BASIS]
    stated = [m.values for m in listed if m.values.get(P.BASIS) in labels]
    bases = sorted({(labels[v[P.BASIS]], v.get(P.BASIS_SOURCE) or "") for v in stated})
    return site.page("members.md.j2", addresses.MEMBERS, members=listed, bases=bases)
