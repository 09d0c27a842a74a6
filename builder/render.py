"""Stage 4: render the validated records into site pages and charts.

Python computes what each page shows; the project's Jinja2 templates in
``site_templates/pages`` decide how it looks. Every value staff typed reaches a page
through Jinja2's autoescaping, or through the ``md`` filter where the template writes
Markdown, so ``<script>`` and Markdown link tricks are shown as text.

Notices, decisions and annual ledger reports also get an A4 print version
(``<page>/print.md``, theme template ``print.html``) with a QR code of the page's
permanent address, made here as an SVG file beside it (``builder.qr``).
"""

from __future__ import annotations

import posixpath
import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from builder import charts, qr, summaries
from builder.messages import CHARTS, LABELS
from builder.model import Decision, Records
from builder.provenance import Provenance
from builder.rules.decisions import MATTERS, RESULT_ZH, SPECIAL_MATTERS, decision_outcome

TEMPLATE_DIR = "site_templates/pages"
CLASSES_ZH = LABELS["pledge"]
STATUS_ZH = LABELS["status"]
BODY_ZH = LABELS["body"]
TYPE_ZH = LABELS["entry_type"]
# Python-Markdown's escapable characters (with `|` from its tables extension); any
# other backslash would be shown to residents.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>])")


@dataclass(frozen=True)
class Generated:
    """A file the build adds to the site: a Markdown page or an asset (bytes)."""

    src_uri: str
    content: str | bytes


# An entry is about 400 bytes of HTML: 300 a page keeps every page far under 300 KB,
# however large the ledger (the downloads stay whole files).
ENTRIES_PER_PAGE = 300


@dataclass(frozen=True)
class EntryPage:
    """One page of a year's ledger entries; page 1 is the year page itself."""

    number: int
    src: str
    entries: tuple

    @property
    def first(self):
        return self.entries[0].date

    @property
    def last(self):
        return self.entries[-1].date


@dataclass(frozen=True)
class PrintVersion:
    """The A4 print version of a page, for the notice board (公示栏).

    Attributes:
        page_src: the page it prints (the one residents should land on).
        src: the print page, ``<page>/print.md``: not in the nav, not in the search index.
        qr_src: the QR code's SVG beside it, or None when the site has no ``site_url``.
        permanent_url: the page's address on the published site, which the code encodes.
    """

    page_src: str
    src: str
    qr_src: str | None
    permanent_url: str | None


def page_url(src_uri: str, use_directory_urls: bool = True) -> str:
    """The URL MkDocs gives a source file (pages end in /, other files keep their name)."""
    if not src_uri.endswith(".md"):
        return src_uri
    stem = src_uri[:-3]
    if not use_directory_urls:
        return stem + ".html"
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def relative_url(target_src: str, from_src: str, use_directory_urls: bool = True) -> str:
    target = page_url(target_src, use_directory_urls)
    here = page_url(from_src, use_directory_urls)
    base = here if here.endswith("/") or here == "" else posixpath.dirname(here) + "/"
    base = base or "."
    target_path, _, anchor = target.partition("#")
    rel = posixpath.relpath(target_path or ".", base.rstrip("/") or ".")
    if target_path.endswith("/") or target_path == "":
        rel = rel + "/" if rel != "." else "./"
    return rel + (f"#{anchor}" if anchor else "")


def md_escape(value: Any) -> Markup:
    """Text for a Markdown context: HTML-escaped, and Markdown syntax backslash-escaped,
    so a title like ``[点我](javascript:…)`` stays text. Newlines become spaces."""
    text = str(escape("" if value is None else value))
    text = " ".join(text.split())
    return Markup(_MD_SPECIAL.sub(r"\\\1", text))


def money(value: Decimal | None, grouping: bool = True) -> str:
    if value is None:
        return "—"
    value = Decimal(value).quantize(Decimal("0.01"))
    return f"{value:,.2f}" if grouping else f"{value:.2f}"


def date_zh(value) -> str:
    return f"{value.year}年{value.month}月{value.day}日" if value else "—"


def text_blocks(value: str | None) -> list[list[str]]:
    """Staff text as paragraphs of lines (blank lines separate paragraphs); the
    template's ``paragraphs`` macro lays them out, escaping every line."""
    blocks = re.split(r"\n\s*\n", (value or "").strip())
    return [block.splitlines() for block in blocks if block.strip()]


class SiteRenderer:
    """Renders every generated page of the site from the validated records."""

    def __init__(
        self, project_root: Path, records: Records, provenance: Provenance, config: dict[str, Any]
    ) -> None:
        self.records = records
        self.provenance = provenance
        self.build_date = provenance.build_date
        self.config = config
        self.use_directory_urls = config.get("use_directory_urls", True)
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(project_root / TEMPLATE_DIR),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters.update(md=md_escape, money=money, date_zh=date_zh, blocks=text_blocks)
        self.site_url = config.get("site_url") or ""
        self.env.globals.update(
            community=records.community,
            build=provenance,
            build_date=self.build_date,
            STATUS_ZH=STATUS_ZH,
            BODY_ZH=BODY_ZH,
            TYPE_ZH=TYPE_ZH,
            MATTERS=MATTERS,
            RESULT_ZH=RESULT_ZH,
            site_url=self.site_url,
        )
        self.years = summaries.account_years(records, self.build_date)
        self.notices = self._public_notices()
        self._entry_pages = {
            (entry.account, entry.voucher): page.src
            for year in self.years
            for page in self.entry_pages(year)
            for entry in page.entries
        }

    # --- helpers ---------------------------------------------------------------

    def _page(self, template: str, src_uri: str, **context: Any) -> Generated:
        def url(target: str) -> str:
            return relative_url(target, src_uri, self.use_directory_urls)

        content = self.env.get_template(template).render(url=url, src_uri=src_uri, **context)
        return Generated(src_uri, content)

    def _public_notices(self) -> list[dict[str, Any]]:
        """Public notices with a stable public address: the start date, numbered when two
        start the same day. Internal notice ids never appear (their gaps would count them)."""
        notices = sorted(
            summaries.public(self.records.tables.get("branch-notices", [])),
            key=lambda n: (n["start"], n["id"]),
        )
        seen: dict[str, int] = defaultdict(int)
        result = []
        for notice in notices:
            key = notice["start"].isoformat()
            seen[key] += 1
            slug = key if seen[key] == 1 else f"{key}-{seen[key]}"
            result.append(
                {
                    "record": notice,
                    "slug": slug,
                    "src": f"branch/notices/{slug}.md",
                    "status": summaries.notice_status(
                        notice["start"], notice["end"], self.build_date
                    ),
                }
            )
        return result

    def decision_src(self, decision: Decision) -> str:
        return f"committee/decisions/{decision.id}.md"

    def print_version(self, page_src: str) -> PrintVersion:
        stem = page_src.removesuffix(".md")
        address = qr.permanent_url(self.site_url, page_url(page_src, self.use_directory_urls))
        return PrintVersion(
            page_src, f"{stem}/print.md", f"{stem}/qr.svg" if address else None, address
        )

    def _print_page(self, template: str, version: PrintVersion, **context: Any) -> list[Generated]:
        """The print page and its QR code (an SVG file, so no markup is made in Python)."""
        files = [self._page(template, version.src, version=version, **context)]
        if version.qr_src and version.permanent_url:
            files.append(Generated(version.qr_src, qr.qr_svg(version.permanent_url)))
        return files

    # --- pages -----------------------------------------------------------------

    def render_all(self) -> list[Generated]:
        files = [
            self.home(),
            self.branch(),
            *self.notice_pages(),
            self.committee(),
            *self.matter_pages(),
            *self.decision_pages(),
            self.members(),
            self.fund_uses(),
            *self.property(),
            *self.ledgers(),
            self.search(),
        ]
        return sorted(files, key=lambda f: f.src_uri)

    def home(self) -> Generated:
        latest: list[dict[str, Any]] = []
        for d in summaries.decisions_newest_first(self.records)[:4]:
            latest.append(
                {
                    "date": d.date,
                    "kind": LABELS["latest"]["decision"].format(body=BODY_ZH[d.body]),
                    "title": d.title,
                    "src": self.decision_src(d),
                }
            )
        for n in self.notices[-3:]:
            latest.append(
                {
                    "date": n["record"]["start"],
                    "kind": LABELS["latest"]["notice"],
                    "title": n["record"]["title"],
                    "src": n["src"],
                }
            )
        for use in self.records.tables.get("fund-uses", [])[-2:]:
            latest.append(
                {
                    "date": use["date"],
                    "kind": LABELS["latest"]["fund_use"],
                    "title": use["project"],
                    "src": "committee/fund-uses.md",
                }
            )
        latest.sort(key=lambda item: (item["date"], item["title"]), reverse=True)
        active = [n for n in self.notices if n["status"] == "active"]
        return self._page("home.md.j2", "index.md", active=active, latest=latest[:8])

    def branch(self) -> Generated:
        meetings = sorted(
            summaries.public(self.records.tables.get("branch-meetings", [])),
            key=lambda m: (m["date"], m["id"]),
            reverse=True,
        )
        by_year: dict[int, list] = defaultdict(list)
        for meeting in meetings:
            by_year[meeting["date"].year].append(meeting)
        dues = sorted(
            summaries.public(self.records.tables.get("branch-dues", [])),
            key=lambda d: d["period"],
            reverse=True,
        )
        return self._page(
            "branch.md.j2",
            "branch/index.md",
            meetings_by_year=sorted(by_year.items(), reverse=True),
            notices=list(reversed(self.notices)),
            dues=dues,
        )

    def notice_pages(self) -> list[Generated]:
        files = []
        for notice in self.notices:
            version = self.print_version(notice["src"])
            files.append(self._page("notice.md.j2", notice["src"], notice=notice, version=version))
            files += self._print_page("print_notice.md.j2", version, notice=notice)
        return files

    def committee(self) -> Generated:
        decisions = summaries.decisions_newest_first(self.records)
        by_year: dict[int, list] = defaultdict(list)
        for d in decisions:
            by_year[d.date.year].append(self._decision_view(d))
        matters = sorted({d.matter for d in decisions if d.matter})
        return self._page(
            "committee.md.j2",
            "committee/index.md",
            by_year=sorted(by_year.items(), reverse=True),
            matters=matters,
        )

    def matter_pages(self) -> list[Generated]:
        decisions = summaries.decisions_newest_first(self.records)
        pages = []
        for matter in sorted({d.matter for d in decisions if d.matter}):
            views = [self._decision_view(d) for d in decisions if d.matter == matter]
            matters = sorted({d.matter for d in decisions if d.matter})
            pages.append(
                self._page(
                    "matter.md.j2",
                    f"committee/matters/{matter}.md",
                    matter=matter,
                    decisions=views,
                    matters=matters,
                )
            )
        return pages

    def _decision_view(self, d: Decision) -> dict[str, Any]:
        rule = self.records.community.committee_rule if self.records.community else None
        outcome = decision_outcome(d, rule)
        return {
            "decision": d,
            "outcome": outcome,
            "src": self.decision_src(d),
            "special": d.matter in SPECIAL_MATTERS if d.matter else False,
        }

    def decision_pages(self) -> list[Generated]:
        entries_by_decision: dict[str, list] = defaultdict(list)
        for entry in self.records.entries:
            if entry.decision:
                entries_by_decision[entry.decision].append(entry)
        uses_by_decision: dict[str, list] = defaultdict(list)
        for use in self.records.tables.get("fund-uses", []):
            uses_by_decision[use["decision"]].append(use)
        rule = self.records.community.committee_rule if self.records.community else None
        files = []
        for d in self.records.decisions.values():
            view = self._decision_view(d)
            version = self.print_version(self.decision_src(d))
            files.append(
                self._page(
                    "decision.md.j2",
                    self.decision_src(d),
                    view=view,
                    rule=rule,
                    entries=sorted(entries_by_decision[d.id], key=lambda e: (e.date, e.voucher)),
                    uses=uses_by_decision[d.id],
                    entry_src=self.entry_src,
                    version=version,
                )
            )
            files += self._print_page("print_decision.md.j2", version, view=view, rule=rule)
        return files

    def members(self) -> Generated:
        members = sorted(
            self.records.tables.get("committee-members", []),
            key=lambda m: (m["term_end"] < self.build_date, m["id"]),
        )
        return self._page("members.md.j2", "committee/members.md", members=members)

    def fund_uses(self) -> Generated:
        uses = sorted(
            self.records.tables.get("fund-uses", []),
            key=lambda u: (u["date"], u["id"]),
            reverse=True,
        )
        total = sum((u["amount"] for u in uses), Decimal("0.00"))
        return self._page(
            "fund_uses.md.j2",
            "committee/fund-uses.md",
            uses=uses,
            total=total,
            decisions=self.records.decisions,
            decision_src=self.decision_src,
        )

    def property(self) -> list[Generated]:
        rows = sorted(
            self.records.tables.get("property-performance", []),
            key=lambda r: (r["month"], r["class"]),
        )
        months = sorted({r["month"] for r in rows})
        classes = [c for c in CLASSES_ZH if any(r["class"] == c for r in rows)]
        table = {(r["month"], r["class"]): r for r in rows}
        labels = [f"{m[0]}-{m[1]:02d}" if isinstance(m, tuple) else str(m) for m in months]
        series = {
            c: [
                float(Decimal(table[(m, c)]["within_pledge"]) * 100 / table[(m, c)]["received"])
                if (m, c) in table and table[(m, c)]["received"]
                else 100.0
                for m in months
            ]
            for c in classes
        }
        chart_src = "charts/property-performance.svg"
        chart = charts.rate_chart(
            labels,
            series,
            *CHARTS["performance"],
        )
        by_year: dict[str, list] = defaultdict(list)
        for month, label in zip(months, labels, strict=True):
            by_year[label[:4]].append(
                {"label": label, "cells": [table.get((month, c)) for c in classes]}
            )
        page = self._page(
            "property.md.j2",
            "property/index.md",
            services=self.records.tables.get("property-services", []),
            fees=self.records.tables.get("property-fees", []),
            pledges=CLASSES_ZH,
            classes=classes,
            performance=sorted(by_year.items(), reverse=True),
            chart_src=chart_src,
        )
        return [page, Generated(chart_src, chart)]

    def ledger_src(self, account: str, year: int) -> str:
        return f"ledgers/{account}/{year}.md"

    def entry_pages(self, year: summaries.AccountYear) -> list[EntryPage]:
        """The year's entries in pages of ENTRIES_PER_PAGE, the first on the year page."""
        year_src = self.ledger_src(year.account.id, year.year)
        chunks = [
            year.entries[i : i + ENTRIES_PER_PAGE]
            for i in range(0, len(year.entries), ENTRIES_PER_PAGE)
        ] or [()]
        return [
            EntryPage(
                n, year_src if n == 1 else f"{year_src.removesuffix('.md')}/entries-{n}.md", chunk
            )
            for n, chunk in enumerate(chunks, 1)
        ]

    def entry_src(self, entry) -> str:
        """The page that lists ``entry`` (its voucher is the anchor there)."""
        return self._entry_pages.get(
            (entry.account, entry.voucher), self.ledger_src(entry.account, entry.date.year)
        )

    def ledgers(self) -> list[Generated]:
        accounts: dict[str, list[summaries.AccountYear]] = defaultdict(list)
        for year in self.years:
            accounts[year.account.id].append(year)
        threshold = self.records.community.cost_threshold if self.records.community else None
        files: list[Generated] = []
        for year in self.years:
            chart_src = f"charts/ledger-{year.account.id}-{year.year}.svg"
            files.append(
                Generated(
                    chart_src,
                    charts.income_cost_chart(
                        [str(m.month) for m in year.months],
                        [m.income for m in year.months],
                        [m.cost for m in year.months],
                        *(
                            text.format(year=year.year, account=year.account.name)
                            for text in CHARTS["ledger"]
                        ),
                    ),
                )
            )
            version = self.print_version(self.ledger_src(year.account.id, year.year))
            pages = self.entry_pages(year)
            page_context = {
                "year": year,
                "decisions": self.records.decisions,
                "decision_src": self.decision_src,
                "ledger_src": self.ledger_src,
                "pages": pages,
            }
            files.append(
                self._page(
                    "ledger_year.md.j2",
                    version.page_src,
                    chart_src=chart_src,
                    threshold=threshold,
                    siblings=accounts[year.account.id],
                    version=version,
                    **page_context,
                )
            )
            files += [
                self._page("ledger_entries.md.j2", page.src, page=page, **page_context)
                for page in pages[1:]
            ]
            files += self._print_page("print_ledger.md.j2", version, year=year)
        files.append(
            self._page(
                "ledgers.md.j2",
                "ledgers/index.md",
                accounts=sorted(accounts.items()),
                ledger_src=self.ledger_src,
            )
        )
        return files

    def search(self) -> Generated:
        return self._page("search.md.j2", "search.md")

    def downloads(self, listing: list[dict[str, Any]], report: dict[str, Any]) -> Generated:
        return self._page("downloads.md.j2", "downloads/index.md", files=listing, report=report)
