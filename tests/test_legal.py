"""Legal-education pages: every citation resolves, every page is reachable, the worked
vote agrees with the validator, and the pages explain rather than copy the statutes."""

from __future__ import annotations

import os
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from conftest import REPO, gongshi

from builder.core.model import (
    AREA_FIELDS,
    BALLOT_FIELDS,
    COMMITTEE_VOTE_FIELDS,
    OWNER_VOTE_FIELDS,
    Decision,
    Records,
    Source,
)
from builder.rules import RuleContext
from builder.rules.decisions import (
    check_ballots,
    check_vote_counts,
    check_vote_fields,
    check_vote_threshold,
    decision_outcome,
)
from builder.site import citations

LEGAL = sorted((REPO / "content/legal").glob("*.md"))
TOPICS = [p for p in LEGAL if p.name != "index.md"]
LAW_TEXTS = REPO.parent / "shared/reference/law-texts.yaml"
# The disclosure pages and the legal page each must link to (issue: "tied to the disclosures").
DISCLOSURE_LINKS = {
    "committee/decisions/JY-2025-04/index.html": "legal/votes/",
    "ledgers/parking/2025/index.html": "legal/common-income/",
    "ledgers/index.html": "legal/common-income/",
    "property/index.html": "legal/property-services/",
    "committee/fund-uses/index.html": "legal/maintenance-fund/",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("legal") / "site"
    assert gongshi("build", str(REPO), "--site-dir", str(target), timeout=600).returncode == 0
    return target


def test_there_are_the_seven_topics_at_least():
    names = {p.stem for p in TOPICS}
    assert {
        "votes",
        "common-income",
        "property-services",
        "maintenance-fund",
        "objects-thrown",
        "personal-info",
        "fire-safety",
    } <= names


@pytest.mark.parametrize("page", LEGAL, ids=lambda p: p.name)
def test_every_citation_resolves(page):
    markers = citations.find_citations(page.read_text(encoding="utf-8"))
    if page.name != "index.md":
        assert markers, "a topic page rests on at least one article"
    for _marker, law, spec in markers:
        citation = citations.resolve(law, spec)  # raises on an unknown article
        assert citation.url.startswith("https://")


@pytest.mark.parametrize("page", TOPICS, ids=lambda p: p.name)
def test_topic_page_has_the_parts_residents_need(page):
    text = page.read_text(encoding="utf-8")
    for heading in ("## 这条规定是什么意思", "## 小区里的例子", "## 您可以怎么做", "## 法律依据"):
        assert heading in text, heading
    last = text.strip().splitlines()[-1]
    assert "不是针对个人情况的法律意见" in last and "12348" in last and "法律顾问" in last


def test_every_legal_page_is_in_the_navigation():
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    nav = yaml.safe_dump(config["nav"], allow_unicode=True)
    for page in LEGAL:
        assert f"legal/{page.name}" in nav, page.name


def test_legal_pages_are_linked_from_their_disclosures(site):
    for page, target in DISCLOSURE_LINKS.items():
        html = (site / page).read_text(encoding="utf-8")
        assert re.search(rf'href="[./]*{re.escape(target)}"', html), (page, target)


def test_legal_pages_are_reachable_from_the_legal_index(site):
    html = (site / "legal/index.html").read_text(encoding="utf-8")
    for page in TOPICS:
        assert f"{page.stem}/" in html, page.name


def _worked_decision(figures: dict[str, str]) -> Decision:
    """A worked vote of the page as the decision the validator reads: every owners' vote
    figure and every ballot (approve, oppose, abstain, invalid) by area and headcount."""
    votes: dict[str, Decimal | int | None] = dict.fromkeys(COMMITTEE_VOTE_FIELDS)
    for name in OWNER_VOTE_FIELDS + BALLOT_FIELDS:
        votes[name] = Decimal(figures[name]) if name in AREA_FIELDS else int(figures[name])
    return Decision(
        id="worked-vote",
        date=date(2025, 6, 15),
        body="owners_assembly",
        matter=int(figures["matter"]),
        title="",
        summary="",
        result=figures["result"],  # type: ignore[arg-type]
        votes=votes,
        source=Source("content/legal/votes.md", 1),
    )


def test_worked_vote_agrees_with_the_validator():
    text = (REPO / "content/legal/votes.md").read_text(encoding="utf-8")
    votes = re.findall(r"<!-- worked-vote: (.*?) -->", text)
    assert len(votes) >= 4
    for vote in votes:
        figures = dict(item.split("=") for item in vote.split())
        assert set(figures) == {"matter", "result", *OWNER_VOTE_FIELDS, *BALLOT_FIELDS}, vote
        decision = _worked_decision(figures)
        records = Records(decisions={decision.id: decision})
        # The ballots add up, and the result the page gives is the one Art. 278 gives.
        rules = (check_vote_fields, check_vote_counts, check_ballots, check_vote_threshold)
        found = [p.code for rule in rules for p in rule(records, RuleContext(date.today()))]
        assert found == [], vote
        assert decision_outcome(decision, None) is not None, vote
        # the figures the page prints are the ones the validator uses
        for name in OWNER_VOTE_FIELDS + BALLOT_FIELDS:
            unit = " ㎡" if name in AREA_FIELDS else " 人"
            assert figures[name] + unit in text, (vote, name)


def test_pages_explain_in_their_own_words():
    """No sentence of the statutes is copied: no run of 15 characters in common."""
    if not LAW_TEXTS.is_file():
        if os.environ.get("CI"):
            pytest.fail(f"{LAW_TEXTS} is missing; CI has shared/ beside the clone")
        pytest.skip("shared/reference/law-texts.yaml is not beside this checkout")
    law = yaml.safe_load(LAW_TEXTS.read_text(encoding="utf-8"))
    statute = ""
    for entry in law["laws"]:
        for article in entry.get("articles", []):
            statute += "".join(
                str(article.get(k, "")) for k in ("text", "text_as_read", "text_dots_removed")
            )
    statute = re.sub(r"\s", "", statute)
    runs = {statute[i : i + 15] for i in range(len(statute) - 14)}
    for page in LEGAL:
        text = re.sub(r"\s", "", page.read_text(encoding="utf-8"))
        copied = [text[i : i + 15] for i in range(len(text) - 14) if text[i : i + 15] in runs]
        assert copied == [], (page.name, copied[:3])


def test_catalogue_holds_numbers_and_titles_only():
    data = yaml.safe_load((REPO / "builder/site/laws.yaml").read_text(encoding="utf-8"))
    for law in data["laws"]:
        for number, title in law["articles"].items():
            assert isinstance(number, int) and len(title) <= 16


@pytest.mark.parametrize(
    "spec",
    ["1-10000", "1-99999999999", "9" * 5000, "٢٧٨", "２７８", "278-1", "0", "278,"],
)
def test_an_article_number_no_law_has_is_unknown_at_once(spec):
    # Never a crash (IndexError, ValueError) or a list of a hundred billion numbers.
    with pytest.raises(citations.UnknownCitation):
        citations.resolve("civil-code", spec)


def test_every_citation_marker_on_the_site_is_a_link(site):
    """Pages and the table blocks that skip the Markdown conversion alike: the
    calendar's 依据 column cites an article in each row."""
    left = [
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if "[[cite:" in p.read_text(encoding="utf-8")
    ]
    assert left == []
    calendar = (site / "calendar/index.html").read_text(encoding="utf-8")
    assert re.search(r'data-label="依据"><a class="citation" href="https://', calendar)
