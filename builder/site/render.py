"""Stage 4: render the validated records into site pages and charts.

Python computes what each page shows; the project's Jinja2 templates in
``site_templates/pages`` decide how it looks. Every value staff typed reaches a page
through Jinja2's autoescaping, or through the ``md`` filter where the template writes
Markdown, so ``<script>`` and Markdown link tricks are shown as text.

Lists that grow with the years (meetings, notices, decisions, fund uses, ledger
entries) get a page a year, split further into pages of ROWS_PER_PAGE rows, so no page
passes 300 KB however large the community.

Notices, decisions and annual ledger reports also get an A4 print version
(``<page>/print.md``, theme template ``print.html``) with a QR code of the page's
permanent address: an SVG file beside it (``qr_codes`` lists them; ``builder.qr``
makes them while the pages are built).
"""

from __future__ import annotations

import itertools
import posixpath
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from builder.core import disclosure, summaries
from builder.core.formatting import date_zh, money
from builder.core.model import Decision, Records
from builder.messages import CHARTS, LABELS
from builder.publish.provenance import Provenance
from builder.rules.decisions import MATTERS, RESULT_ZH, SPECIAL_MATTERS, decision_outcome
from builder.site import charts, qr

TEMPLATE_DIR = "site_templates/pages"
CHART_TEMPLATE = "charts/chart.svg.j2"
CLASSES_ZH = LABELS["pledge"]
STATUS_ZH = LABELS["status"]
BODY_ZH = LABELS["body"]
TYPE_ZH = LABELS["entry_type"]
# Python-Markdown's escapable characters (with `|` from its tables extension); any
# other backslash would be shown to residents.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>])")


@dataclass(frozen=True)
class Generated:
    """A file the build adds to the site: a Markdown page or an asset (bytes).

    Attributes:
        blocks: finished HTML blocks (tables) the page's Markdown holds as
            ``BLOCK_MARK`` placeholders; ``put_blocks`` puts them back into the HTML
            MkDocs made of it.
    """

    src_uri: str
    content: str | bytes
    blocks: tuple[str, ...] = ()


# Python-Markdown reads every raw HTML block with html.parser (about 9 ms for a page of
# 300 ledger entries, most of a build's time) only to copy it out unchanged. The
# templates mark such blocks (the `html_block` filter, used by the `table` macro); the
# page's Markdown then holds a comment in their place, which MkDocs copies through, and
# the finished HTML goes back in after conversion.
BLOCK_MARK = "<!--gongshi-block-{n}-->"
_BLOCK_MARK = re.compile(r"<!--gongshi-block-([0-9]+)-->")


def put_blocks(html: str, blocks: Sequence[str]) -> str:
    """The page's HTML with its marked blocks back in place of their placeholders."""
    return _BLOCK_MARK.sub(lambda match: blocks[int(match.group(1))], html)


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
    base = src.removesuffix(".md")
    return [
        ListPage(
            n,
            src if n == 1 else f"{base}/{stem}-{n}.md",
            chunk,
            date_of(chunk[0]) if chunk else None,
            date_of(chunk[-1]) if chunk else None,
        )
        for n, chunk in enumerate(chunks, 1)
    ]


def by_year(items: Sequence[Any], year_of: Callable[[Any], int]) -> list[tuple[int, list]]:
    """``items`` grouped by year, newest year first, each year in the given order."""
    years: dict[int, list] = defaultdict(list)
    for item in items:
        years[year_of(item)].append(item)
    return sorted(years.items(), reverse=True)


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


def text_blocks(value: str | None) -> list[list[str]]:
    """Staff text as paragraphs of lines (blank lines separate paragraphs); the
    template's ``paragraphs`` macro lays them out, escaping every line."""
    blocks = re.split(r"\n\s*\n", (value or "").strip())
    return [block.splitlines() for block in blocks if block.strip()]


class _HtmlBlocks:
    """The ``html_block`` filter: keeps the finished HTML blocks of the page being made
    (``page``) and leaves a BLOCK_MARK placeholder in the page's Markdown."""

    def __init__(self) -> None:
        self.page: list[str] | None = None

    def __call__(self, html: str) -> Markup:
        if self.page is None:  # not inside a page (a chart): nothing to convert
            return Markup(html)
        self.page.append(str(html))
        # Blank lines around make the placeholder a block of its own, whatever follows.
        return Markup(f"\n\n{BLOCK_MARK.format(n=len(self.page) - 1)}\n\n")


@lru_cache(maxsize=8)
def template_environment(template_dir: Path) -> tuple[jinja2.Environment, _HtmlBlocks]:
    """The Jinja2 environment of a project's page templates, one for the life of the
    process: each rebuild of ``gongshi serve`` then compiles only the templates that
    changed (Jinja checks their modification times) instead of all of them again.
    Per-build values go in its globals, set by each SiteRenderer."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(template_dir),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    blocks = _HtmlBlocks()
    env.filters.update(
        md=md_escape, money=money, date_zh=date_zh, blocks=text_blocks, html_block=blocks
    )
    return env, blocks


class SiteRenderer:
    """Renders every generated page of the site from the validated records."""

    def __init__(
        self,
        project_root: Path,
        records: Records,
        provenance: Provenance,
        config: dict[str, Any],
        preview: bool = False,
    ) -> None:
        """``preview``: the site is a local preview (``mkdocs serve``), whose search
        index lags a few seconds behind the pages."""
        self.records = records
        self.provenance = provenance
        self.build_date = provenance.build_date
        self.config = config
        self.use_directory_urls = config.get("use_directory_urls", True)
        self.env, self._blocks = template_environment(Path(project_root).resolve() / TEMPLATE_DIR)
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
            preview=preview,
        )
        self.years = summaries.account_years(records, self.build_date)
        self.notices = self._public_notices()
        self._entry_pages = {
            (entry.account, entry.voucher): page.src
            for year in self.years
            for page in self.entry_pages(year)
            for entry in page.items
        }
        uses = sorted(
            records.tables.get("fund-uses", []),
            key=lambda u: (u["date"], u["id"]),
            reverse=True,
        )
        self._fund_use_years = [
            (year, paginate(items, self.fund_uses_src(year), lambda u: u["date"]))
            for year, items in by_year(uses, lambda u: u["date"].year)
        ]
        self._fund_use_pages = {
            use["id"]: page.src
            for _, pages in self._fund_use_years
            for page in pages
            for use in page.items
        }

    # --- helpers ---------------------------------------------------------------

    def _page(self, template: str, src_uri: str, **context: Any) -> Generated:
        def url(target: str) -> str:
            return relative_url(target, src_uri, self.use_directory_urls)

        self._blocks.page = blocks = []
        try:
            content = self.env.get_template(template).render(url=url, src_uri=src_uri, **context)
        finally:
            self._blocks.page = None
        return Generated(src_uri, content, tuple(blocks))

    def _chart(self, chart: charts.Chart) -> bytes:
        return self.env.get_template(CHART_TEMPLATE).render(chart=chart).encode("utf-8")

    def _public_notices(self) -> list[dict[str, Any]]:
        """Public notices with a stable public address: the start date, numbered when two
        start the same day. Internal notice ids never appear (their gaps would count them)."""
        notices = sorted(
            disclosure.public_only(self.records.tables.get("branch-notices", [])),
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
        """The print page; its QR code is one of ``qr_codes``."""
        return [self._page(template, version.src, version=version, **context)]

    def qr_codes(self) -> dict[str, str]:
        """The QR code file of every print version, and the address it encodes. Known
        before any page is made, so the codes can be made alongside (``qr.Batch``)."""
        printable = [
            *(notice["src"] for notice in self.notices),
            *(self.decision_src(d) for d in self.records.decisions.values()),
            *(self.ledger_src(year.account.id, year.year) for year in self.years),
        ]
        versions = [self.print_version(src) for src in printable]
        return {v.qr_src: v.permanent_url for v in versions if v.qr_src and v.permanent_url}

    # --- pages -----------------------------------------------------------------

    def render_all(self) -> list[Generated]:
        files = [
            self.home(),
            *self.branch(),
            *self.notice_pages(),
            *self.committee(),
            *self.matter_pages(),
            *self.decision_pages(),
            self.members(),
            *self.fund_uses(),
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
                    "src": self.fund_use_src(use),
                }
            )
        latest.sort(key=lambda item: (item["date"], item["title"]), reverse=True)
        active = [n for n in self.notices if n["status"] == "active"]
        return self._page("home.md.j2", "index.md", active=active, latest=latest[:8])

    def branch_src(self, year: int) -> str:
        return f"branch/{year}.md"

    def branch(self) -> list[Generated]:
        """The branch's overview, and a page a year of its notices, meetings and dues
        (meetings in pages of ROWS_PER_PAGE): no page grows with the years."""
        meetings = sorted(
            disclosure.public_only(self.records.tables.get("branch-meetings", [])),
            key=lambda m: (m["date"], m["id"]),
            reverse=True,
        )
        dues = sorted(
            disclosure.public_only(self.records.tables.get("branch-dues", [])),
            key=lambda d: d["period"],
            reverse=True,
        )
        notices = dict(by_year(list(reversed(self.notices)), lambda n: n["record"]["start"].year))
        meetings_of = dict(by_year(meetings, lambda m: m["date"].year))
        dues_of = dict(by_year(dues, lambda d: int(str(d["period"])[:4])))
        years = [
            {
                "year": year,
                "src": self.branch_src(year),
                "notices": len(notices.get(year, [])),
                "meetings": len(meetings_of.get(year, [])),
                "dues": len(dues_of.get(year, [])),
            }
            for year in sorted(set(notices) | set(meetings_of) | set(dues_of), reverse=True)
        ]
        files = [
            self._page(
                "branch.md.j2",
                "branch/index.md",
                years=years,
                active=[n for n in self.notices if n["status"] in ("active", "upcoming")],
                recent=meetings[:RECENT],
            )
        ]
        for item in years:
            year, src = item["year"], item["src"]
            # Two lists a year, each in pages of its own; their first pages share the
            # year page, the others are pages of one list.
            notice_pages = paginate(
                notices.get(year, []), src, lambda n: n["record"]["start"], stem="notices"
            )
            meeting_pages = paginate(
                meetings_of.get(year, []), src, lambda m: m["date"], stem="meetings"
            )
            context = {
                "year": year,
                "year_src": src,
                "years": years,
                "dues": dues_of.get(year, []),
                "notice_pages": notice_pages,
                "meeting_pages": meeting_pages,
            }
            files.append(
                self._page(
                    "branch_year.md.j2",
                    src,
                    part=None,
                    notices=notice_pages[0],
                    meetings=meeting_pages[0],
                    **context,
                )
            )
            files += [
                self._page("branch_year.md.j2", page.src, part="notices", notices=page, **context)
                for page in notice_pages[1:]
            ]
            files += [
                self._page("branch_year.md.j2", page.src, part="meetings", meetings=page, **context)
                for page in meeting_pages[1:]
            ]
        return files

    def notice_pages(self) -> list[Generated]:
        files = []
        for notice in self.notices:
            version = self.print_version(notice["src"])
            year_src = self.branch_src(notice["record"]["start"].year)
            files.append(
                self._page(
                    "notice.md.j2", notice["src"], notice=notice, version=version, year_src=year_src
                )
            )
            files += self._print_page("print_notice.md.j2", version, notice=notice)
        return files

    def committee_src(self, year: int) -> str:
        return f"committee/{year}.md"

    def committee(self) -> list[Generated]:
        """The committee's overview, and a page a year of its decisions (in pages of
        ROWS_PER_PAGE)."""
        decisions = summaries.decisions_newest_first(self.records)
        matters = sorted({d.matter for d in decisions if d.matter})
        of_year = by_year(decisions, lambda d: d.date.year)
        years = [
            {
                "year": year,
                "src": self.committee_src(year),
                "decisions": len(items),
                "owners": sum(d.body == "owners_assembly" for d in items),
            }
            for year, items in of_year
        ]
        files = [
            self._page(
                "committee.md.j2",
                "committee/index.md",
                years=years,
                matters=matters,
                recent=[self._decision_view(d) for d in decisions[:RECENT]],
            )
        ]
        for year, items in of_year:
            pages = paginate(
                [self._decision_view(d) for d in items],
                self.committee_src(year),
                lambda v: v["decision"].date,
            )
            files += [
                self._page(
                    "committee_year.md.j2",
                    page.src,
                    year=year,
                    years=years,
                    matters=matters,
                    page=page,
                    pages=pages,
                )
                for page in pages
            ]
        return files

    def matter_pages(self) -> list[Generated]:
        decisions = summaries.decisions_newest_first(self.records)
        matters = sorted({d.matter for d in decisions if d.matter})
        files = []
        for matter in matters:
            pages = paginate(
                [self._decision_view(d) for d in decisions if d.matter == matter],
                f"committee/matters/{matter}.md",
                lambda v: v["decision"].date,
            )
            files += [
                self._page(
                    "matter.md.j2",
                    page.src,
                    matter=matter,
                    matters=matters,
                    page=page,
                    pages=pages,
                )
                for page in pages
            ]
        return files

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
                    fund_use_src=self.fund_use_src,
                    year_src=self.committee_src(d.date.year),
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

    def fund_uses_src(self, year: int) -> str:
        return f"committee/fund-uses/{year}.md"

    def fund_use_src(self, use) -> str:
        """The page that lists ``use`` (its id is the anchor there)."""
        return self._fund_use_pages.get(use["id"], "committee/fund-uses.md")

    def fund_uses(self) -> list[Generated]:
        """Totals by year with the latest uses, and a page a year of every use (in pages
        of ROWS_PER_PAGE)."""
        years = [
            {
                "year": year,
                "src": self.fund_uses_src(year),
                "uses": sum(len(page.items) for page in pages),
                "total": sum((u["amount"] for page in pages for u in page.items), Decimal("0.00")),
            }
            for year, pages in self._fund_use_years
        ]
        newest_first = (u for _, pages in self._fund_use_years for p in pages for u in p.items)
        recent = list(itertools.islice(newest_first, RECENT))
        context = {
            "decisions": self.records.decisions,
            "decision_src": self.decision_src,
            "fund_use_src": self.fund_use_src,
        }
        files = [
            self._page(
                "fund_uses.md.j2",
                "committee/fund-uses.md",
                years=years,
                total=sum((y["total"] for y in years), Decimal("0.00")),
                recent=recent,
                **context,
            )
        ]
        for item, (_, pages) in zip(years, self._fund_use_years, strict=True):
            files += [
                self._page(
                    "fund_uses_year.md.j2",
                    page.src,
                    year=item,
                    years=years,
                    page=page,
                    pages=pages,
                    **context,
                )
                for page in pages
            ]
        return files

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
        chart = self._chart(charts.rate_chart(labels, series, *CHARTS["performance"]))
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

    def entry_pages(self, year: summaries.AccountYear) -> list[ListPage]:
        """The year's entries in pages of ROWS_PER_PAGE, the first on the year page."""
        return paginate(
            year.entries,
            self.ledger_src(year.account.id, year.year),
            lambda e: e.date,
            stem="entries",
        )

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
            chart = charts.income_cost_chart(
                [f"{m.month}月" for m in year.months],
                [m.income for m in year.months],
                [m.cost for m in year.months],
                *(
                    text.format(year=year.year, account=year.account.name)
                    for text in CHARTS["ledger"]
                ),
            )
            files.append(Generated(chart_src, self._chart(chart)))
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
