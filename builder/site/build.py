"""Stage 5, site: render the validated records into the site's generated pages and charts.

Python computes what each page shows, a module per section of the site; the project's
Jinja2 templates in ``site_templates/pages`` decide how it looks.

Notices, decisions, annual ledger reports, the maintenance fund's yearly statements and
the requests board also get an A4 print version
(``<page>/print.md``, theme template ``print.html``) with a QR code of the page's
permanent address: an SVG file beside it (``qr_codes`` lists them; ``qr.Batch`` makes
them while the pages are built).
"""

from __future__ import annotations

from builder.site import (
    addresses,
    branch,
    calendar,
    committee,
    corrections,
    fund,
    fund_uses,
    home,
    joint_meetings,
    ledgers,
    numbers,
    property,
    requests,
    volunteers,
    wishes,
)
from builder.site.context import Generated, Site


def render_site(site: Site) -> list[Generated]:
    """Every generated page and chart of the site, by source path (the downloads page
    comes later, with the downloads: ``site.downloads.page``), and the record numbers
    search leads straight to (``numbers``)."""
    files = [
        *home.pages(site),
        *branch.pages(site),
        *committee.pages(site),
        *fund_uses.pages(site),
        *fund.pages(site),
        *property.pages(site),
        *requests.pages(site),
        *ledgers.pages(site),
        *calendar.pages(site),
        *wishes.pages(site),
        *joint_meetings.pages(site),
        *volunteers.pages(site),
        corrections.page(site),
        numbers.index(site),
    ]
    return sorted(files, key=lambda f: f.src_uri)


def qr_codes(site: Site) -> dict[str, str]:
    """The QR code file of every print version, and the address it encodes. Known
    before any page is made, so the codes can be made alongside (``qr.Batch``)."""
    printable = [
        *(notice.src for notice in site.notices),
        *(addresses.decision(d) for d in site.records.decisions.values()),
        *(addresses.ledger_year(year.account.id, year.year) for year in site.years),
        *fund.printable(site),
        *wishes.printable(site),
        *joint_meetings.printable(site),
        *volunteers.printable(site),
    ]
    if site.requests:
        printable.append(addresses.REQUESTS)
    versions = [site.print_version(src) for src in printable]
    codes = {v.qr_src: v.permanent_url for v in versions if v.qr_src and v.permanent_url}
    # The city's reporting platform, printed beside each page's own and on the home page.
    community = site.records.community
    if community and community.reporting_platform:
        codes[addresses.PLATFORM_QR] = community.reporting_platform.url
    return codes
