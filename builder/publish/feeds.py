"""Stage 6, publish: feeds of new disclosures, Atom (RFC 4287) and JSON Feed 1.1.

One feed for the whole site and one per section (党务, 业委会, 物业, 公共收益), in
``feeds/``: ``<name>.xml`` (Atom) and ``<name>.json`` (JSON Feed). A street office or a
city index that watches many communities reads them. They are made from the records as
published on the build date (the plugin's ``core.personal.published``), and only from
what the site's pages show: the public notices (``site.notices``), never a record of
another scope.

Each entry is one page (or one listed record on it) and is dated by its publication:

- a party-branch notice: its ``start`` (the public period's first day);
- a decision: its ``published`` date (made known to all owners), else its ``date``;
- a use of the maintenance fund: its ``date``;
- a month's work-order figures: the first day of the next month, the earliest they
  can be published (the records hold no publication date for them);
- a ledger year of an account: published on the first, updated on the last disclosure
  log row (``data/disclosures.csv``, subject ``common_income``) of a period in that
  year for that account or for all accounts; without one, on the year's last entry.

Ids are the entries' permanent addresses (the site's ``site_url`` joined with the
page's address, and for a record listed on a page its anchor), so a feed needs the
``site_url``, as the print versions' QR codes do: without it no feed is made and no page
links one. The feed's ``updated`` is its newest entry's (the build date for an empty
feed): the same records give the same bytes, whatever day they are built.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, cast

from builder.core.resources import DISCLOSURES, FUND_USES
from builder.messages.site import BODIES, FEED_ENTRY_TITLES, FEED_KINDS, FEED_TITLES
from builder.site import addresses, requests
from builder.site.context import Generated, Site

SITE_WIDE = addresses.SITE_FEED
SECTIONS = addresses.FEED_SECTIONS
LIMIT = 50  # the newest entries a feed holds
ATOM_TEMPLATE = "feeds/atom.xml.j2"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
# Every date is a day in China Standard Time; a feed's times are its midnight.
MIDNIGHT = "T00:00:00+08:00"


@dataclass(frozen=True)
class FeedEntry:
    """One disclosure in a feed.

    Attributes:
        section: the section it belongs to (a key of SECTIONS).
        kind: what kind of record it is, in Chinese (党务公示, 业主大会决定 ...).
        title: its title, as the page shows it.
        src: the page that shows it.
        anchor: its anchor on that page ("" for a page of its own).
        key: what tells it apart in its id when it has no anchor of its own ("": none).
        published, updated: the days it was first and last published.
        summary: a short text of it ("" when the records hold none).
    """

    section: str
    kind: str
    title: str
    src: str
    anchor: str
    published: date
    updated: date
    summary: str = ""
    key: str = ""


def feed_entries(site: Site) -> list[FeedEntry]:
    """Every disclosure a feed may list, newest first."""
    found = [*_notices(site), *_decisions(site), *_fund_uses(site)]
    found += [*_performance(site), *_ledger_years(site)]
    return sorted(found, key=lambda e: (e.updated, e.published, e.src, e.anchor), reverse=True)


def _notices(site: Site) -> list[FeedEntry]:
    kind = FEED_KINDS["notice"]
    entries = []
    for n in site.notices:
        start = n.record["start"]
        entries.append(FeedEntry("branch", kind, n.record["title"], n.src, "", start, start))
    return entries


def _decisions(site: Site) -> list[FeedEntry]:
    entries = []
    for d in site.records.decisions.values():
        day = d.published or d.date
        kind = FEED_KINDS["decision"].format(body=BODIES[d.body])
        src = addresses.decision(d)
        entries.append(FeedEntry("committee", kind, d.title, src, "", day, day, d.summary))
    return entries


def _fund_uses(site: Site) -> list[FeedEntry]:
    kind = FEED_KINDS["fund_use"]
    return [
        FeedEntry(
            "committee", kind, u["project"], site.fund_use_src(u), u["id"], u["date"], u["date"]
        )
        for u in site.records.table(FUND_USES)
    ]


def _performance(site: Site) -> list[FeedEntry]:
    # The property page's months: the hand-typed ones and the register's.
    months = sorted({month for month, _ in requests.performance(site)})
    entries = []
    for year, month in months:
        day = date(year, month, 1) + timedelta(days=31)
        after = day.replace(day=1)  # the first day of the next month
        if after > site.build_date:  # a month still under way is not yet a disclosure
            continue
        title = FEED_ENTRY_TITLES["performance"].format(year=year, month=month)
        anchor = f"performance-{year}-{month:02d}"
        kind = FEED_KINDS["performance"]
        src = addresses.PROPERTY
        entries.append(FeedEntry("property", kind, title, src, "", after, after, key=anchor))
    return entries


def _ledger_years(site: Site) -> list[FeedEntry]:
    log = [row for row in site.records.table(DISCLOSURES) if row["subject"] == "common_income"]
    entries = []
    for year in site.years:
        posted = sorted(
            row["posted"]
            for row in log
            if str(row["period"]).startswith(str(year.year))
            and row["account"] in (None, "", year.account.id)
        )
        if not posted and not len(year.entries):
            continue
        first, last = (posted[0], posted[-1]) if posted else (year.entries[-1].date,) * 2
        title = FEED_ENTRY_TITLES["ledger"].format(year=year.year, account=year.account.name)
        src = addresses.ledger_year(year.account.id, year.year)
        entries.append(FeedEntry("ledgers", FEED_KINDS["ledger"], title, src, "", first, last))
    return entries


def feed_files(site: Site) -> list[Generated]:
    """Every feed's Atom and JSON Feed files; none without a ``site_url``."""
    links = addresses.feeds(site.site_url)
    if not links:
        return []
    every = feed_entries(site)
    community = site.records.community.full_name if site.records.community else ""
    files = []
    for name, link in links.items():
        chosen = [e for e in every if name == SITE_WIDE or e.section == name][:LIMIT]
        page = addresses.HOME if name == SITE_WIDE else SECTIONS[name]
        feed = {
            "title": FEED_TITLES[name].format(community=community),
            "author": community,
            "home": _absolute(site, page),
            "atom": _absolute(site, link["atom"]),
            "json": _absolute(site, link["json"]),
            "updated": _stamp(max((e.updated for e in chosen), default=site.build_date)),
            "entries": [_view(site, e) for e in chosen],
        }
        atom = site.env.get_template(ATOM_TEMPLATE).render(feed=feed)
        files.append(Generated(link["atom"], atom.encode("utf-8")))
        files.append(Generated(link["json"], _json_feed(feed)))
    return files


def _absolute(site: Site, src: str) -> str:
    page = addresses.page_url(src, site.use_directory_urls)
    return cast(str, addresses.permanent_url(site.site_url, page))


def _stamp(day: date) -> str:
    return day.isoformat() + MIDNIGHT


def _view(site: Site, entry: FeedEntry) -> dict[str, Any]:
    page = _absolute(site, entry.src)
    url = f"{page}#{entry.anchor}" if entry.anchor else page
    return {
        "id": f"{page}#{entry.key}" if entry.key else url,
        "url": url,
        "title": f"{entry.kind}：{entry.title}",
        "published": _stamp(entry.published),
        "updated": _stamp(entry.updated),
        "summary": entry.summary,
    }


def _json_feed(feed: dict[str, Any]) -> bytes:
    """The feed as JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/)."""
    document = {
        "version": JSON_FEED_VERSION,
        "title": feed["title"],
        "home_page_url": feed["home"],
        "feed_url": feed["json"],
        "language": "zh-CN",
        "authors": [{"name": feed["author"]}],
        "items": [
            {
                "id": e["id"],
                "url": e["url"],
                "title": e["title"],
                "content_text": e["summary"] or e["title"],
                "date_published": e["published"],
                "date_modified": e["updated"],
            }
            for e in feed["entries"]
        ],
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
