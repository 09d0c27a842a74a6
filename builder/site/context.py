"""What every section of the site works from: the records, the build's settings, the
page templates, and where each listed record's page is."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import jinja2

from builder.core import resources as R
from builder.core.history import UNAVAILABLE_NO_GIT, History
from builder.core.ledger import AccountYear, account_years
from builder.core.model import LedgerEntry, Record, Records
from builder.core.requests import Request, judge
from builder.messages import LABELS
from builder.messages.site import HISTORY_FIELDS
from builder.messages.site import VOTE_MATTERS as MATTERS
from builder.messages.site import VOTE_RESULTS as RESULT_ZH
from builder.publish.calendar import log_commits
from builder.publish.provenance import FirstCommit, Provenance
from builder.rules.calendar import Calendar, disclosure_calendar
from builder.site import addresses, charts, placement
from builder.site.blocks import HtmlBlocks
from builder.site.paging import ListPage
from builder.site.templating import page_environment

CHART_TEMPLATE = "charts/chart.svg.j2"


@dataclass(frozen=True)
class Generated:
    """A file the build adds to the site: a Markdown page or an asset (bytes).

    Attributes:
        src_uri: where it goes, as MkDocs names source files.
        content: the page's Markdown, or the asset's bytes.
        blocks: finished HTML blocks (tables, UTF-8) the page's Markdown holds as
            ``blocks.BLOCK_MARK`` placeholders; ``blocks.put_blocks`` puts them back
            into the HTML MkDocs made of it.
    """

    src_uri: str
    content: str | bytes
    blocks: tuple[bytes, ...] = ()


@dataclass(frozen=True)
class Site:
    """One build's site, before its pages are made.

    Attributes:
        records: the validated records.
        build_date: the date the statuses and "last updated" read.
        site_url: the published site's address ("" when unknown: no QR codes).
        use_directory_urls: MkDocs' setting, which decides the links.
        env, blocks: the page templates' environment and its ``html_block`` filter.
        notices: the public notices with their pages.
        years: every account's annual figures.
        account_years: the same, by account and year.
        fund_use_years: the fund's uses by year, in pages.
        fund_use_pages: the page listing each fund use, by id.
        calendar: the disclosure calendar on the build date (None without a profile).
        disclosure_commits: the first commit of each disclosure log row, by id.
        history: every published record's history and corrections (``core.history``).
        requests: the requests register, judged against the pledge on the build date
            (``core.requests``; empty without a register).
    """

    records: Records
    build_date: date
    site_url: str
    use_directory_urls: bool
    env: jinja2.Environment
    blocks: HtmlBlocks
    notices: tuple[placement.PublicNotice, ...]
    years: tuple[AccountYear, ...]
    account_years: Mapping[tuple[str, int], AccountYear]
    fund_use_years: tuple[tuple[int, list[ListPage]], ...]
    fund_use_pages: Mapping[str, str]
    calendar: Calendar | None = None
    disclosure_commits: Mapping[str, FirstCommit] = field(default_factory=dict)
    history: History = UNAVAILABLE_NO_GIT
    requests: tuple[Request, ...] = ()

    def page(self, template: str, src_uri: str, **context: Any) -> Generated:
        """The page ``src_uri`` made from ``template``; its ``url(src)`` links relatively."""

        def url(target: str) -> str:
            return addresses.relative_url(target, src_uri, self.use_directory_urls)

        blocks: list[bytes] = []
        self.blocks.page = blocks
        try:
            content = self.env.get_template(template).render(url=url, src_uri=src_uri, **context)
        finally:
            self.blocks.page = None
        return Generated(src_uri, content, tuple(blocks))

    def list_pages(self, template: str, pages: list[ListPage], **context: Any) -> list[Generated]:
        """Every page of a list split by ``paging.paginate``, each knowing all of them."""
        return [self.page(template, page.src, page=page, pages=pages, **context) for page in pages]

    def chart(self, src: str, chart: charts.Chart) -> Generated:
        """A chart's SVG file, drawn by the project's chart template."""
        svg = self.env.get_template(CHART_TEMPLATE).render(chart=chart)
        return Generated(src, svg.encode("utf-8"))

    def chart_set(
        self, src: str, draw: Callable[[charts.Frame], charts.Chart]
    ) -> tuple[list[Generated], dict[str, dict[str, Any]]]:
        """A chart drawn for every frame (wide, phone, 大字): its files, and for the
        page's ``chart_figure`` each one's source and size by frame name."""
        files = [
            self.chart(addresses.chart_variant(src, frame.name), draw(frame))
            for frame in charts.FRAMES
        ]
        return files, {
            frame.name or "wide": {
                "src": file.src_uri,
                "width": frame.width,
                "height": frame.height,
            }
            for frame, file in zip(charts.FRAMES, files, strict=True)
        }

    def print_version(self, page_src: str) -> addresses.PrintVersion:
        return addresses.print_version(page_src, self.site_url, self.use_directory_urls)

    def entry_src(self, entry: LedgerEntry) -> str:
        """The page that lists ``entry`` (its voucher is the anchor there)."""
        return placement.entry_src(self.account_years, entry)

    def fund_use_src(self, use: Record) -> str:
        """The page that lists ``use`` (its id is the anchor there)."""
        return self.fund_use_pages.get(use["id"], addresses.FUND_USES)


def make_site(
    project_root: Path,
    records: Records,
    provenance: Provenance,
    config: Mapping[str, Any],
    preview: bool = False,
    history: History = UNAVAILABLE_NO_GIT,
) -> Site:
    """The site of one build. ``config``: MkDocs' (``site_url``, ``use_directory_urls``);
    ``preview``: a local preview (``mkdocs serve``), whose search index lags a few
    seconds behind the pages. ``history``: ``pipeline.read_history``'s."""
    env, blocks = page_environment(Path(project_root).resolve())
    site_url = config.get("site_url") or ""
    env.globals.update(
        community=records.community,
        build=provenance,
        build_date=provenance.build_date,
        STATUS_ZH=LABELS["status"],
        BODY_ZH=LABELS["body"],
        TYPE_ZH=LABELS["entry_type"],
        MATTERS=MATTERS,
        RESULT_ZH=RESULT_ZH,
        site_url=site_url,
        preview=preview,
        feeds=addresses.feeds(site_url),
        # The city's reporting platform's QR code (community.yaml reporting_platform).
        PLATFORM_QR=(
            addresses.PLATFORM_QR
            if records.community and records.community.reporting_platform
            else None
        ),
        history=history,
        # A history names a field by its own word, else by its schema's title (the
        # same words the downloads' headers use), never by its code.
        HISTORY_FIELDS={
            **{f: t for titles in records.titles.values() for f, t in titles.items()},
            **HISTORY_FIELDS,
        },
    )
    years = tuple(account_years(records, provenance.build_date))
    setting = records.community.rules.response_pledge if records.community else None
    pledge = setting.value if setting else None
    fund_use_years = placement.fund_use_years(records)
    return Site(
        records=records,
        build_date=provenance.build_date,
        site_url=site_url,
        use_directory_urls=config.get("use_directory_urls", True),
        env=env,
        blocks=blocks,
        notices=placement.public_notices(records, provenance.build_date),
        years=years,
        account_years={(year.account.id, year.year): year for year in years},
        fund_use_years=fund_use_years,
        fund_use_pages={
            use["id"]: page.src
            for _, pages in fund_use_years
            for page in pages
            for use in page.items
        },
        calendar=disclosure_calendar(records, provenance.build_date),
        disclosure_commits=log_commits(Path(project_root), records),
        history=history,
        requests=tuple(judge(records.table(R.RESIDENT_REQUESTS), pledge, provenance.build_date)),
    )
