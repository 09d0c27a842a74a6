"""The city site's pages, rendered from the figures (``builder.city.queries``) with the
templates shipped in ``templates/`` here: a city repository has no templates of its own.

Pages (Markdown with HTML tables, MkDocs renders them in the shared theme):

    index.md                 the overview by district and street, the city's latest year
    communities/index.md     every community, by district and street
    communities/<id>.md      one community: status, figures per year, decisions, overdue
    totals/index.md          the city totals per year, per 100 households
    totals/<year>.md         the communities one year's totals sum, each one's figures
    ranking/index.md         per year, communities by common income per 100 households
    overdue/index.md         the overdue items of the counted communities
    downloads/index.md       the merged downloads
    search.md                the search page (Pagefind)
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import jinja2

from builder.core.formatting import date_zh, money
from builder.messages.commands import CITY_STATUSES
from builder.messages.site import BODIES, CITY_FEED_TITLE, VOTE_RESULTS
from builder.site.templating import make_environment, md_escape, page_text

__all__ = ["TEMPLATES", "CityPage", "feed_json", "render_pages"]

TEMPLATES = Path(__file__).parent / "templates"
FEED = "feeds/all.json"
RECENT_DECISIONS = 10


@dataclass(frozen=True)
class CityPage:
    """One generated file: where it goes in the docs, and its text."""

    src_uri: str
    content: str


def _environment() -> jinja2.Environment:
    env = make_environment(jinja2.FileSystemLoader(TEMPLATES), finalize=page_text)
    env.filters.update(
        md=md_escape,
        money=money,
        date_zh=date_zh,
        status_zh=lambda status: CITY_STATUSES.get(status, status),
        body_zh=lambda body: BODIES.get(body, body or ""),
        result_zh=lambda result: VOTE_RESULTS.get(result, result or ""),
    )
    return env


def _by(rows: Sequence[Mapping[str, Any]], key: str) -> dict[Any, list[Mapping[str, Any]]]:
    grouped: dict[Any, list[Mapping[str, Any]]] = defaultdict(list)
    for row in rows:
        grouped[row[key]].append(row)
    return dict(grouped)


def render_pages(
    figures: Mapping[str, list[dict[str, Any]]],
    downloads: Sequence[Any],
    title: str,
    build_date: date,
) -> list[CityPage]:
    """Every page of the city site, in a stable order."""
    env = _environment()
    communities = figures["communities"]
    streets = figures["streets"]
    # Each street's anchor on the communities page: its place in the overview.
    anchors = {(s["district"], s["street"]): f"street-{n}" for n, s in enumerate(streets, 1)}
    years = figures["city_years"]
    common = {
        "title": title,
        "build_date": build_date,
        "anchors": anchors,
        "names": {c["id"]: c["name"] for c in communities},
        "latest": years[-1] if years else None,
    }
    pages = []

    def page(src_uri: str, template: str, **values: Any) -> None:
        text = env.get_template(template).render(**common, **values)
        pages.append(CityPage(src_uri, text))

    counted = [c for c in communities if c["counted"]]
    failed = [c for c in communities if not c["counted"]]
    page(
        "index.md",
        "index.md.j2",
        streets=streets,
        duties=_by(figures["duties"], "street"),
        communities=communities,
        counted=counted,
        failed=failed,
        years=years,
        overdue=figures["overdue"],
    )
    page(
        "communities/index.md",
        "communities.md.j2",
        streets=streets,
        by_street=_by(communities, "street"),
    )
    community_years = _by(figures["community_years"], "community")
    decisions = _by(figures["decisions"], "community")
    overdue = _by(figures["overdue"], "community")
    for community in communities:
        page(
            f"communities/{community['id']}.md",
            "community.md.j2",
            c=community,
            years=community_years.get(community["id"], []),
            decisions=decisions.get(community["id"], [])[:RECENT_DECISIONS],
            decisions_total=len(decisions.get(community["id"], [])),
            overdue=overdue.get(community["id"], []),
        )
    page("totals/index.md", "totals.md.j2", years=years, failed=failed)
    for year in years:
        rows = [r for r in figures["community_years"] if r["year"] == year["year"]]
        page(
            f"totals/{year['year']}.md",
            "totals_year.md.j2",
            year=year,
            rows=[r for r in rows if r["community"] in set(year["ids"])],
        )
    page("ranking/index.md", "ranking.md.j2", ranking=_by(figures["ranking"], "year"))
    page("overdue/index.md", "overdue.md.j2", overdue=figures["overdue"])
    page("downloads/index.md", "downloads.md.j2", downloads=downloads, feed=FEED)
    page("search.md", "search.md.j2")
    return pages


def feed_json(feed: Sequence[Mapping[str, Any]], title: str) -> str:
    """The city feed (JSON Feed 1.1): the counted communities' newest disclosures, each
    pointing to the community's own page; the same figures give the same bytes."""
    items = [
        {
            "id": f"{row['community']}:{row['id']}",
            "url": row["url"],
            "title": f"{row['name']}：{row['title']}",
            "content_text": f"{row['name']}：{row['title']}",
            **(
                {"date_published": f"{row['published'].isoformat()}T00:00:00+08:00"}
                if row["published"]
                else {}
            ),
        }
        for row in feed
    ]
    document = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": CITY_FEED_TITLE.format(title=title),
        "language": "zh-CN",
        "items": items,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
