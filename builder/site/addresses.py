"""Page addresses: where each generated page lives, and the links between them.

A page is named by its source path (``src``, as MkDocs' ``File.src_uri``: e.g.
``committee/decisions/JY-2023-01.md``); MkDocs' own ``File.url`` and
``get_relative_url`` turn it into the address a link points at, so generated links
follow ``use_directory_urls`` exactly as MkDocs' own do.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urljoin

from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from builder.core.model import Decision

HOME = "index.md"
SEARCH = "search.md"
DOWNLOADS = "downloads/index.md"
BRANCH = "branch/index.md"
COMMITTEE = "committee/index.md"
MEMBERS = "committee/members.md"
FUND_USES = "committee/fund-uses.md"
FUND = "committee/fund.md"
PROPERTY = "property/index.md"
PROPERTY_CHART = "charts/property-performance.svg"
REQUESTS = "property/requests.md"  # the requests board of the latest year
# The QR code of the city's reporting platform (community.yaml reporting_platform).
PLATFORM_QR = "qr/reporting-platform.svg"
LEDGERS = "ledgers/index.md"
CALENDAR = "calendar/index.md"
FEEDS = "feeds"
SITE_FEED = "all"  # the site-wide feed's name
# The sections with a feed of their own (publish.feeds), and the page that links it.
FEED_SECTIONS = {"branch": BRANCH, "committee": COMMITTEE, "property": PROPERTY, "ledgers": LEDGERS}


def feeds(site_url: str) -> dict[str, dict[str, str]]:
    """Each feed's files (``atom``, ``json``, as source paths) by name: the site-wide
    one and one per section. Empty without a ``site_url``: a feed's ids and links are
    the pages' permanent addresses, so no feed is made then (as no QR code is)."""
    if not site_url:
        return {}
    return {
        name: {"atom": f"{FEEDS}/{name}.xml", "json": f"{FEEDS}/{name}.json"}
        for name in (SITE_FEED, *FEED_SECTIONS)
    }


CORRECTIONS = "corrections/index.md"
# Residents' voice: the wish list, the joint meetings (a page a year), volunteer service.
WISHES = "voice/wishes.md"
JOINT_MEETINGS = "voice/meetings/index.md"
VOLUNTEERS = "voice/volunteers.md"


def joint_meetings_year(year: int) -> str:
    return f"voice/meetings/{year}.md"


def requests_year(year: int) -> str:
    """The requests board of an earlier year."""
    return f"property/requests/{year}.md"


def branch_year(year: int) -> str:
    return f"branch/{year}.md"


def notice(slug: str) -> str:
    return f"branch/notices/{slug}.md"


def committee_year(year: int) -> str:
    return f"committee/{year}.md"


def decision(decision: Decision) -> str:
    return f"committee/decisions/{decision.id}.md"


def matter(matter: int) -> str:
    return f"committee/matters/{matter}.md"


def fund_uses_year(year: int) -> str:
    return f"committee/fund-uses/{year}.md"


def fund_year(year: int) -> str:
    return f"committee/fund/{year}.md"


def ledger_year(account: str, year: int) -> str:
    return f"ledgers/{account}/{year}.md"


def ledger_chart(account: str, year: int) -> str:
    return f"charts/ledger-{account}-{year}.svg"


def chart_variant(src: str, frame: str) -> str:
    """The file of a chart drawn for a frame (charts.FRAMES): ``x.svg``, ``x-narrow.svg``."""
    return src.removesuffix(".svg") + (f"-{frame}" if frame else "") + ".svg"


@lru_cache(maxsize=65536)
def page_url(src: str, use_directory_urls: bool = True) -> str:
    """The address MkDocs gives a source file, relative to the site's root (``./``
    for the home page; other files than pages keep their name)."""
    return File(src, None, "", use_directory_urls).url


def relative_url(target_src: str, from_src: str, use_directory_urls: bool = True) -> str:
    """The link from the page ``from_src`` to ``target_src``, as MkDocs makes it."""
    return get_relative_url(
        page_url(target_src, use_directory_urls), page_url(from_src, use_directory_urls)
    )


def permanent_url(site_url: str, page_url: str) -> str | None:
    """The absolute address of a page (``page_url`` as MkDocs gives it, e.g.
    ``branch/notices/2025-06-09/``) on the published site, or None without a site_url."""
    if not site_url:
        return None
    base = site_url if site_url.endswith("/") else site_url + "/"
    return urljoin(base, page_url)


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


def print_version(page_src: str, site_url: str, use_directory_urls: bool = True) -> PrintVersion:
    """The print version of the page ``page_src``, its QR code beside it."""
    stem = page_src.removesuffix(".md")
    address = permanent_url(site_url, page_url(page_src, use_directory_urls))
    return PrintVersion(
        page_src, f"{stem}/print.md", f"{stem}/qr.svg" if address else None, address
    )
