"""Every figure on a ledger year's report opens the entries it sums: the test follows
each figure's link on the built sample, re-adds the amounts it finds there, and checks
they make the figure, and that the page shows the same subtotal."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import REPO, cli

from builder.messages import LABELS
from builder.site import paging

KIND = {zh: kind for kind, zh in LABELS["entry_type"].items()}


class Rows(HTMLParser):
    """Every table row of a page: its attributes, and each cell's attributes, text and
    link; plus the pager's links and the elements with a data-figure."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[dict] = []
        self.pager: list[str] = []
        self.figures: dict[str, str] = {}
        self._cell: dict | None = None
        self._in_pager = False
        self._figure: list[tuple[str, str, list[str]]] = []
        self._table = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "caption":
            self._table = a.get("id", "")
        elif tag == "tr":
            self.rows.append({"attrs": a, "cells": [], "table": self._table})
        elif tag in ("td", "th") and self.rows:
            self._cell = {"attrs": a, "text": [], "href": None, "spans": {}}
            self.rows[-1]["cells"].append(self._cell)
        elif tag == "nav" and "pagination" in (a.get("class") or ""):
            self._in_pager = True
        elif tag == "a" and self._in_pager and a.get("aria-current") is None:
            self.pager.append(a["href"])
        elif tag == "a" and self._cell is not None:
            self._cell["href"] = a.get("href")
        name = a.get("data-figure") or a.get("data-subtotal")
        if name:
            self._figure.append((name, tag, []))

    def handle_endtag(self, tag):
        if self._figure and self._figure[-1][1] == tag:
            name, _, text = self._figure.pop()
            if self._cell is not None and tag == "span":
                self._cell["spans"][name] = "".join(text)
            self.figures[name] = "".join(text)
        if tag in ("td", "th"):
            self._cell = None
        elif tag == "nav":
            self._in_pager = False

    def handle_data(self, data):
        if self._cell is not None:
            self._cell["text"].append(data)
        for _, _, text in self._figure:
            text.append(data)


def amount(text: str) -> Decimal:
    return Decimal(text.strip().replace(",", "").replace("−", "-"))


def read(path: Path) -> Rows:
    rows = Rows()
    rows.feed(path.read_text(encoding="utf-8"))
    return rows


def target(site: Path, page: Path, href: str) -> tuple[Path, str]:
    """The file a link reaches and its fragment."""
    parts = urlsplit(href)
    if not parts.path:
        return page, parts.fragment
    base = posixpath.dirname("/" + page.relative_to(site).as_posix())
    path = site / posixpath.normpath(posixpath.join(base, unquote(parts.path))).lstrip("/")
    return (path / "index.html" if path.is_dir() else path), parts.fragment


def cell(row: dict, label: str) -> str:
    return next("".join(c["text"]) for c in row["cells"] if c["attrs"].get("data-label") == label)


def entry_rows(site: Path, first: Path) -> Iterator[tuple[Path, dict]]:
    """Every row of a list's entries table, page after page through its pager."""
    pages = [first] + [target(site, first, href)[0] for href in read(first).pager]
    for page in sorted(set(pages), key=lambda p: (len(p.parts), p.as_posix())):
        for row in read(page).rows:
            yield page, row


def labels(row: dict) -> list[str]:
    return [c["attrs"].get("data-label", "") for c in row["cells"]]


def is_entry(row: dict) -> bool:
    return any(c["attrs"].get("data-label") == "收支" for c in row["cells"])


def sums(rows: list[dict]) -> dict[str, Decimal]:
    """Income, cost, net and owners' uses of entry rows, re-added."""
    total = dict.fromkeys(["income", "cost", "uses"], Decimal(0))
    for row in rows:
        kind = KIND[cell(row, "收支")]
        total[kind if kind in ("income", "cost") else "uses"] += amount(cell(row, "金额（元）"))
    return {**total, "net": total["income"] - total["cost"]}


def totals_row(row: dict) -> dict[str, Decimal]:
    spans = {k: v for c in row["cells"] for k, v in c["spans"].items()}
    return {k: amount(v) for k, v in spans.items()}


def month_rows(site: Path, page: Path, month: str) -> tuple[list[dict], dict]:
    """The entries of a month from its heading row to its totals row (across pages)."""
    found: list[dict] = []
    inside = False
    for _, row in entry_rows(site, year_page_of(site, page)):
        if row["attrs"].get("id") == f"month-{month}":
            inside = True
        elif inside and row["attrs"].get("data-total") == f"month-{month}":
            return found, totals_row(row)
        elif inside and is_entry(row):
            found.append(row)
    raise AssertionError(f"month {month} has no totals row after its entries")


def year_page_of(site: Path, page: Path) -> Path:
    """The year's first entries page for any of its entry pages (…/2025/entries-2/)."""
    folder = page.parent
    return folder.parent / "index.html" if folder.name.startswith("entries-") else page


COLUMN = {"收入": "income", "合理成本": "cost", "净收益": "net", "业主决定的使用": "uses"}


def check_year(site: Path, page: Path) -> int:
    """Follows every figure link of one ledger year page; the number of figures checked."""
    rows = read(page).rows
    year_rows = [r for _, r in entry_rows(site, page)]
    everything = sums([r for r in year_rows if is_entry(r)])
    year_total = totals_row(next(r for r in year_rows if r["attrs"].get("data-total") == "year"))
    assert year_total == everything
    checked = 0
    for row in rows:
        label = "".join(row["cells"][0]["text"]) if row["cells"] else ""
        for c in row["cells"][1:]:
            if c["attrs"].get("class") != "num" or "scope" in c["attrs"] or is_entry(row):
                continue
            if not c["href"]:  # only balances, and the months without entries, stand alone
                assert (
                    c["attrs"].get("data-figure") in ("opening", "closing")
                    or c["attrs"].get("data-label") in ("登记余额", "台账算出")
                    or "".join(c["text"]) in ("0.00", "—")
                ), (label, c)
                continue
            figure = amount("".join(c["text"]))
            path, fragment = target(site, page, c["href"])
            column = COLUMN.get(c["attrs"].get("data-label", ""))
            if fragment.startswith("month-"):  # a month's figure
                found, shown = month_rows(site, path, fragment.removeprefix("month-"))
                assert sums(found)[column] == figure == shown[column], (label, column)
            elif fragment == "t-entries":  # a year's figure
                kind = column or {"收入合计": "income", "合理成本合计": "cost"}.get(label)
                kind = kind or ("net" if label.startswith("三、") else "uses")
                assert everything[kind] == figure == year_total[kind], (label, kind)
            elif fragment:  # one owners' use: its entry
                entry = next(r for r in read(path).rows if r["attrs"].get("id") == fragment)
                assert amount(cell(entry, "金额（元）")) == figure
            else:  # a category: its own list, with its total
                listed = [r for _, r in entry_rows(site, path)]
                entries = [r for r in listed if is_entry(r)]
                assert {cell(r, "类别") for r in entries} == {label}
                found = sums(entries)
                assert figure == found["income"] + found["cost"], label
                total = next(r for r in listed if r["attrs"].get("data-total") == "category")
                assert amount(cell(total, "本类合计（元）")) == figure
                assert amount(read(path).figures["category"]) == figure
            checked += 1
    return checked


FUND_LISTS = {"t-inflows": ("t-deposits", "t-transfers", "t-interest")}


def check_fund_year(site: Path, page: Path) -> int:
    """Follows every figure link of a fund year's statement to the lists below it."""
    parsed = read(page)
    checked = 0
    for row in parsed.rows:
        if row["table"] != "t-summary":
            continue
        c = row["cells"][1]
        if not c["href"]:
            assert (
                c["attrs"]["data-figure"] in ("opening", "closing") or "".join(c["text"]) == "0.00"
            ), row
            continue
        figure = amount("".join(c["text"]))
        path, fragment = target(site, page, c["href"])
        assert path == page
        lists = FUND_LISTS.get(fragment, (fragment,))
        found = Decimal(0)
        for name in lists:
            rows = [r for r in parsed.rows if r["table"] == name]
            items = [r for r in rows if "金额（元）" in labels(r)]
            added = sum((amount(cell(r, "金额（元）")) for r in items), Decimal(0))
            total = next((r for r in rows if r["attrs"].get("data-total") == "list"), None)
            assert total is not None or not items, name
            assert total is None or amount(cell(total, "合计（元）")) == added, name
            found += added
        assert found == figure, (fragment, found, figure)
        if fragment in FUND_LISTS:
            assert amount(parsed.figures["inflow"]) == figure
        checked += 1
    return checked


def build(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    result = cli("build", str(REPO), "--site-dir", str(site))
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("figures"))


def ledger_years(site: Path) -> list[Path]:
    return sorted(site.glob("ledgers/*/[0-9][0-9][0-9][0-9]/index.html"))


def test_every_ledger_figure_opens_the_entries_it_sums(sample_site):
    site = sample_site
    years = ledger_years(site)
    assert len(years) == 6
    for page in years:
        assert check_year(site, page) > 10, page


def test_every_fund_figure_opens_the_list_it_adds_up(sample_site):
    site = sample_site
    years = sorted(site.glob("committee/fund/[0-9][0-9][0-9][0-9]/index.html"))
    assert years
    checked = sum(check_fund_year(site, page) for page in years)
    assert checked >= 2 * len(years)  # at least the year's inflow and one of its lists


def test_every_decision_count_opens_the_decisions_it_counts(sample_site):
    site = sample_site
    page = site / "committee" / "index.html"
    owners = LABELS["body"]["owners_assembly"]
    checked = 0
    for row in read(page).rows:
        if row["table"] not in ("t-matters", "t-years") or not row["cells"][1:]:
            continue
        for c in row["cells"][1:]:
            if "data-label" not in c["attrs"]:  # the header
                continue
            count = int("".join(c["text"]).removesuffix(" 项"))
            if not count:
                continue
            path, _ = target(site, page, c["href"])
            listed = [
                r
                for _, r in entry_rows(site, path)
                if "决定机构" in labels(r) and r["table"] == "t-decisions"
            ]
            if c["attrs"]["data-label"] == "其中业主大会":
                listed = [r for r in listed if cell(r, "决定机构") == owners]
            assert len(listed) == count, (row, c)
            if row["table"] == "t-matters":
                assert int(read(path).figures["count"]) == count
            checked += 1
    assert checked >= 8  # the sample's matters and years


def test_the_monthly_performance_opens_the_requests_it_counts(sample_site):
    """A month the requests register covers links to that month's requests on the
    board; each class's "on time / received" there is the count of its requests, and of
    those marked on time. A month of hand-typed totals has nothing to open, and says so."""
    page = sample_site / "property" / "index.html"
    rows = [r for r in read(page).rows if r["table"].startswith("t-performance-")]
    months = [r for r in rows if r["cells"] and "data-label" in r["cells"][-1]["attrs"]]
    assert months and all(
        r["attrs"]["id"] == "month-" + "".join(r["cells"][0]["text"]).strip() for r in months
    )
    linked = [r for r in months if r["cells"][0]["href"]]
    typed = [r for r in months if not r["cells"][0]["href"]]
    assert len(linked) >= 11 and len(typed) >= 12  # the sample: 2026 kept, 2025 in totals
    assert "其余月份是物业服务企业每月报送的汇总数" in page.read_text(encoding="utf-8")
    checked = 0
    for row in linked:
        href = row["cells"][0]["href"]
        path, fragment = target(sample_site, page, href)
        board = [r for r in read(path).rows if r["table"] == fragment]
        listed = [r for r in board if r["cells"] and r["cells"][0]["attrs"] == {"scope": "row"}]
        assert listed, href
        for c in row["cells"][1:]:
            klass = c["attrs"]["data-label"]
            text = "".join(c["text"]).strip()
            of_class = [r for r in listed if cell(r, "承诺类别") == klass]
            if text == "—":
                assert of_class == [], (href, klass)
                continue
            within, received = (int(n) for n in text.split(" / "))
            assert received == len(of_class), (href, klass)
            assert within == sum(cell(r, "结果") == "按时" for r in of_class), (href, klass)
            checked += 1
    assert checked >= 44


def test_a_month_split_over_pages_still_adds_up(tmp_path, monkeypatch):
    """With 7 entries a page, months start and end on different pages: the month's link
    opens the page where it starts, and its totals follow its last entry."""
    monkeypatch.setattr(paging, "ROWS_PER_PAGE", 7)
    site = build(tmp_path)
    page = site / "ledgers" / "parking" / "2025" / "index.html"
    assert read(page).pager, "the year should span several pages"
    assert check_year(site, page) > 50
