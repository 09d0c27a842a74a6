"""No page grows with the records: long lists (meetings, notices, decisions, fund uses,
ledger entries) are split by year and then into pages of ROWS_PER_PAGE rows, every
record stays reachable by links from the home page, and no HTML page passes 300 KB
however large the community. (How long a large build takes is measured by
benchmarks/run.py, never here.)"""

from __future__ import annotations

import csv
import posixpath
import re
import subprocess
import sys
from datetime import date
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from conftest import REPO, gongshi
from sitecheck import html_pages, parse

from builder.pipeline import build_site
from builder.site import paging

SITE_PATH = (
    "/"
    + yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"].split("/", 3)[3]
)
PAGE_LIMIT = 300_000  # bytes: issue 7's limit for any HTML page


def crawl(site: Path) -> dict[Path, set[str]]:
    """Every HTML page a reader reaches by following links from the home page, with the
    texts of its elements (each page read once: a large site has thousands)."""
    texts: dict[Path, set[str]] = {}
    todo = [site / "index.html"]
    while todo:
        page = todo.pop()
        if page in texts or not page.is_file():
            continue
        parsed = parse(page)
        texts[page] = {text.strip() for text in parsed.text}
        todo += [
            target
            for target in links(site, page, parsed.tags)
            if target.suffix == ".html" and target not in texts
        ]
    return texts


def links(site: Path, page: Path, tags) -> list[Path]:
    """The local pages a page's links reach (as sitecheck.internal_links, from tags
    already parsed)."""
    base = posixpath.dirname("/" + page.relative_to(site).as_posix())
    targets = []
    for tag, attrs in tags:
        value = attrs.get("href") if tag == "a" else None
        if not value or value.startswith(("#", "mailto:", "tel:")):
            continue
        parts = urlsplit(value)
        if parts.scheme or parts.netloc:
            continue
        path = unquote(parts.path)
        if path.startswith(SITE_PATH):
            path = "/" + path[len(SITE_PATH) :]
        target = site / posixpath.normpath(posixpath.join(base, path)).lstrip("/")
        targets.append(target / "index.html" if path.endswith("/") or target.is_dir() else target)
    return targets


def texts_under(site: Path, pages: dict[Path, set[str]], pattern: str) -> set[str]:
    """The element texts of the reached pages whose address matches ``pattern``."""
    return {
        text
        for page, texts in pages.items()
        if re.fullmatch(pattern, page.relative_to(site).as_posix())
        for text in texts
    }


def public_rows(path: Path) -> list[dict]:
    if path.suffix == ".csv":
        with path.open(encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
    else:
        rows = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [r for r in rows if r.get("scope", "public") == "public"]


def check_every_page_reachable_and_small(site: Path) -> dict[Path, set[str]]:
    pages = crawl(site)
    missing = [p.relative_to(site).as_posix() for p in html_pages(site) if p not in pages]
    assert missing == ["404.html"], missing  # only the error page is linked from nowhere
    too_big = {
        p.relative_to(site).as_posix(): p.stat().st_size
        for p in html_pages(site)
        if p.stat().st_size > PAGE_LIMIT
    }
    assert too_big == {}
    return pages


def check_every_record_listed(site: Path, data: Path, pages: dict[Path, set[str]]) -> None:
    """Each record is on a reached page of its own list (not only somewhere): its id,
    title or topic is the whole text of an element there (a table cell, a link)."""
    year = r"[0-9]{4}/(index\.html|[a-z]+-[0-9]+/index\.html)"
    lists = {
        "branch meetings": (
            "branch/" + year,
            [m["topic"] for m in public_rows(data / "branch/meetings.csv")],
        ),
        "branch notices": (
            "branch/" + year,
            [n["title"] for n in public_rows(data / "branch/notices.yaml")],
        ),
        "decisions": (
            "committee/" + year,
            [d["id"] for d in public_rows(data / "committee/decisions.yaml")],
        ),
        "decisions by matter": (
            r"committee/matters/[0-9]+/(index\.html|page-[0-9]+/index\.html)",
            [d["id"] for d in public_rows(data / "committee/decisions.yaml") if d.get("matter")],
        ),
        "fund uses": (
            "committee/fund-uses/" + year,
            [u["id"] for u in public_rows(data / "committee/fund_uses.csv")],
        ),
        "ledger entries": (
            "ledgers/[a-z]+/" + year,
            [
                e["voucher"]
                for account in ("parking", "advertising")
                for e in public_rows(data / f"ledgers/{account}.csv")
            ],
        ),
    }
    for name, (pattern, needles) in lists.items():
        listed = texts_under(site, pages, pattern)
        absent = [needle for needle in needles if needle not in listed]
        assert needles and absent == [], (name, absent[:5])


@pytest.fixture(scope="module")
def many_pages(tmp_path_factory) -> Path:
    """The sample built with one row a page, so every list of it spans pages."""
    target = tmp_path_factory.mktemp("paged") / "site"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(paging, "ROWS_PER_PAGE", 1)
        patch.delenv("SOURCE_DATE_EPOCH", raising=False)  # the plugin sets it: restore
        build_site(REPO, target)
    return target


def test_lists_over_many_pages_keep_every_record_reachable(many_pages):
    pages = check_every_page_reachable_and_small(many_pages)
    for continued in (
        "branch/*/notices-2/index.html",
        "branch/*/meetings-2/index.html",
        "committee/*/page-2/index.html",
        "committee/matters/*/page-2/index.html",
        "committee/fund-uses/*/page-2/index.html",
        "ledgers/*/*/entries-2/index.html",
    ):
        assert list(many_pages.glob(continued)), continued
    check_every_record_listed(many_pages, REPO / "data", pages)


@pytest.fixture(scope="module")
def large(tmp_path_factory) -> tuple[Path, Path]:
    """A generated 100k-row community (1,800 meetings, 600 decisions, 400 notices, 200
    fund uses over ten years), built: (project, site)."""
    root = tmp_path_factory.mktemp("large")
    project = root / "community"
    made = subprocess.run(
        [sys.executable, str(REPO / "benchmarks/generate.py"), "100k", str(project),
         "--today", date.today().isoformat()],
        capture_output=True,
        text=True,
        timeout=300,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    site = root / "site"
    built = gongshi("build", str(project), "--site-dir", str(site), timeout=1800)
    assert built.returncode == 0, built.stderr
    return project, site


def test_no_page_of_a_large_community_passes_300_kb(large):
    project, site = large
    pages = check_every_page_reachable_and_small(site)
    check_every_record_listed(site, project / "data", pages)
