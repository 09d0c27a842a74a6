"""The built sample site: complete, deterministic, escaped, private where it must be,
and every figure equal to one computed here from the CSVs."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

import markdown
import pytest
import yaml
from conftest import REPO, append_line, gongshi, line_of, replace_line, tree_digest
from sitecheck import Tags, html_pages, internal_links, parse

from builder.core.ledger import account_years, balances_at
from builder.pipeline import validate_project
from builder.site import paging, placement
from builder.site.templating import md_escape

SITE_PATH = urlsplit(
    yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]
).path
# Internal (党内公开) records: the sample holds none (this repository is public);
# tests/test_public_repository.py builds a project with a private data directory.


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("built") / "site"
    result = gongshi("build", str(REPO), "--site-dir", str(target), timeout=600)
    assert result.returncode == 0, result.stderr
    return target


def test_every_section_is_built(site):
    for page in [
        "index.html",
        "branch/index.html",
        "committee/index.html",
        "committee/members/index.html",
        "committee/fund-uses/index.html",
        "property/index.html",
        "ledgers/index.html",
        "ledgers/parking/2025/index.html",
        "ledgers/advertising/2024/index.html",
        "downloads/index.html",
        "search/index.html",
        "legal/votes/index.html",
        "404.html",
        "voice/wishes/index.html",
        "voice/meetings/index.html",
        "voice/meetings/2026/index.html",
        "voice/volunteers/index.html",
    ]:
        assert (site / page).is_file(), page
    decisions = yaml.safe_load((REPO / "data/committee/decisions.yaml").read_text(encoding="utf-8"))
    for d in decisions:
        assert (site / f"committee/decisions/{d['id']}/index.html").is_file()


def test_two_builds_are_byte_identical(site, tmp_path):
    again = tmp_path / "again"
    assert gongshi("build", str(REPO), "--site-dir", str(again), timeout=600).returncode == 0
    assert tree_digest(site) == tree_digest(again)


def test_every_page_is_chinese_light_and_self_contained(site):
    for page in html_pages(site):
        tags = parse(page).tags
        assert ("html", {"lang": "zh-CN"}) in [
            (t, {"lang": a.get("lang")}) for t, a in tags if t == "html"
        ]
        for tag, attrs in tags:
            for name in ("src", "href"):
                value = attrs.get(name) or ""
                if (
                    tag in ("script", "img", "link")
                    and name in attrs
                    and attrs.get("rel") != "canonical"
                ):
                    assert not value.startswith(("http:", "https:", "//")), (page, tag, value)
        assert page.stat().st_size < 300_000, page
    assert (site / "index.html").stat().st_size < 100_000


def test_every_internal_link_resolves(site):
    broken = [
        (page.relative_to(site).as_posix(), link)
        for page in html_pages(site)
        for link, target in internal_links(site, page, SITE_PATH)
        if not target.is_file()
    ]
    assert broken == []


def _ledger(account: str) -> tuple[Decimal, list[dict]]:
    accounts = yaml.safe_load((REPO / "data/ledgers/accounts.yaml").read_text(encoding="utf-8"))
    with (REPO / f"data/ledgers/{account}.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return Decimal(accounts[account]["opening_balance"]), rows


def _figures(page: Path) -> dict[str, Decimal]:
    html = page.read_text(encoding="utf-8")
    return {
        name: Decimal(value.replace(",", ""))
        # a figure may be a link to the entries it sums
        for name, value in re.findall(r'data-figure="([\w-]+)">(?:<a [^>]*>)?([-\d,.]+)<', html)
    }


@pytest.mark.parametrize("account", ["parking", "advertising"])
def test_ledger_figures_equal_an_independent_computation(site, account):
    balance, rows = _ledger(account)
    years = sorted({row["date"][:4] for row in rows})
    for year in years:
        of_year = [r for r in rows if r["date"][:4] == year]
        income = sum((Decimal(r["amount"]) for r in of_year if r["type"] == "income"), Decimal(0))
        cost = sum((Decimal(r["amount"]) for r in of_year if r["type"] == "cost"), Decimal(0))
        # Uses decided by the owners (transfers, distributions) are not costs.
        uses = sum(
            (Decimal(r["amount"]) for r in of_year if r["type"] not in ("income", "cost")),
            Decimal(0),
        )
        shown = _figures(site / f"ledgers/{account}/{year}/index.html")
        assert shown["opening"] == balance
        assert shown["income"] == income
        assert shown["cost"] == cost
        assert shown["net"] == income - cost
        assert shown["uses"] == uses
        assert shown["closing"] == balance + income - cost - uses
        balance += income - cost - uses


def test_downloads_verify_with_the_stock_tools(site):
    downloads = site / "downloads"
    check = subprocess.run(
        ["sha256sum", "-c", "SHA256SUMS"], cwd=downloads, capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout + check.stderr
    stock = subprocess.run(
        [sys.executable, "-m", "frictionless", "validate", "datapackage.json"],
        cwd=downloads,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert stock.returncode == 0 and "INVALID" not in stock.stdout, stock.stdout[-3000:]
    # Each Excel copy is its plain CSV under the Chinese titles, each coded value by its
    # Chinese name (the same place in the two descriptors' enums), text that would start
    # a formula behind an apostrophe; nothing else differs.
    package = json.loads((downloads / "datapackage.json").read_text(encoding="utf-8"))
    described = {r["name"]: r for r in package["resources"]}
    plains = [r for r in package["resources"] if not r["name"].endswith("-excel")]
    assert len(plains) * 2 == len(package["resources"])
    for plain in plains:
        excel = described[plain["name"] + "-excel"]
        assert (downloads / excel["path"]).read_bytes().startswith(b"\xef\xbb\xbf")
        plain_rows = _csv_rows(downloads / plain["path"], "utf-8")
        excel_rows = _csv_rows(downloads / excel["path"], "utf-8-sig")
        fields, excel_fields = plain["schema"]["fields"], excel["schema"]["fields"]
        assert plain_rows[0] == [f["name"] for f in fields]
        assert excel_rows[0] == [f["name"] for f in excel_fields] == [f["title"] for f in fields]
        assert len(plain_rows) == len(excel_rows)
        for column, (field, excel_field) in enumerate(zip(fields, excel_fields, strict=True)):
            enum = (field.get("constraints") or {}).get("enum") or []
            # The Excel enum may go on with disarmed values: the first ones pair up.
            shown_enum = (excel_field.get("constraints") or {}).get("enum") or []
            names = dict(zip(enum, shown_enum, strict=False))
            for plain_row, excel_row in zip(plain_rows[1:], excel_rows[1:], strict=True):
                value, shown = plain_row[column], excel_row[column]
                assert shown in (names.get(value, value), "'" + value), (plain["name"], value)
    ledger = _csv_rows(downloads / "excel/ledger-parking.csv", "utf-8-sig")
    assert {"收入", "合理成本"} <= {row[ledger[0].index("收支")] for row in ledger[1:]}


def _csv_rows(path: Path, encoding: str) -> list[list[str]]:
    with path.open(encoding=encoding, newline="") as f:
        return list(csv.reader(f))


def test_provenance_names_the_commit(site):
    commit = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=REPO, capture_output=True, text=True
    ).stdout.strip()
    provenance = (site / "downloads/provenance.json").read_text(encoding="utf-8")
    assert commit in provenance and "gongshi" in provenance


def test_a_failed_build_leaves_the_previous_site_untouched(project, tmp_path):
    target = tmp_path / "site"
    assert gongshi("build", str(project), "--site-dir", str(target), timeout=600).returncode == 0
    before = tree_digest(target)
    line = append_line(
        project / "data/ledgers/parking.csv",
        "TC-2026-990,2026-01-05,income,临时停车费,12.00,车主 13812345678,,",
    )
    result = gongshi("build", str(project), "--site-dir", str(target), timeout=600)
    assert result.returncode == 1
    assert f"第 {line} 行" in result.stderr and "Traceback" not in result.stderr
    assert tree_digest(target) == before
    assert not [
        p for p in tmp_path.iterdir() if p.name.startswith(".gongshi-staging-")
    ]  # no staging left behind


HOSTILE = {
    "script": "<script>alert('x')</script>",
    "img": "<img src=x onerror=alert(1)>",
    "link": "[点我领奖](javascript:alert(1))",
    "html_link": '<a href="javascript:alert(2)">点这里</a>',
}


def test_staff_text_is_shown_as_text_never_run(project, tmp_path):
    decisions = project / "data/committee/decisions.yaml"
    line = line_of(decisions, "title:")
    text = decisions.read_text(encoding="utf-8").splitlines()[line - 1]
    replace_line(
        decisions,
        line,
        text.split("title:", 1)[1],
        " " + yaml.safe_dump(HOSTILE["script"]).split("\n")[0],
    )
    summary = line_of(decisions, "summary:")
    text = decisions.read_text(encoding="utf-8").splitlines()[summary - 1]
    replace_line(
        decisions,
        summary,
        text.split("summary:", 1)[1],
        " " + yaml.safe_dump(HOSTILE["img"] + HOSTILE["html_link"]).split("\n")[0],
    )
    append_line(
        project / "data/ledgers/parking.csv",
        f'TC-2026-995,2026-11-21,income,临时停车费,12.00,"{HOSTILE["link"]}",*粗体* `代码` # 标题,',
    )
    target = tmp_path / "site"
    result = gongshi("build", str(project), "--site-dir", str(target), timeout=600)
    assert result.returncode == 0, result.stderr
    texts = []
    for page in html_pages(target):
        parsed = parse(page)
        for tag, attrs in parsed.tags:
            assert tag != "script" or attrs.get("src"), (page, "inline script")
            assert not any(name.startswith("on") for name in attrs), (page, tag, attrs)
            assert not (attrs.get("href") or "").strip().lower().startswith("javascript:"), (
                page,
                attrs,
            )
            if tag == "img":
                assert attrs.get("src") != "x", page
        texts.append("".join(parsed.text))
    shown = "\n".join(texts)
    for value in HOSTILE.values():
        assert value in shown  # shown to the reader as the staff typed it
    assert "*粗体* `代码` # 标题" in shown


def test_plain_mkdocs_build_works_too(project, tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(tmp_path / "out")],
        cwd=project,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out/ledgers/parking/2025/index.html").is_file()


def test_unknown_citation_stops_the_build(project, tmp_path):
    page = project / "content/legal/votes.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\n见[[cite:civil-code:9999]]。\n", encoding="utf-8"
    )
    result = gongshi("build", str(project), "--site-dir", str(tmp_path / "site"), timeout=600)
    assert result.returncode == 1
    assert "civil-code:9999" in result.stderr and "legal/votes.md" in result.stderr


def test_citations_become_links_to_the_national_database(site):
    html = (site / "legal/votes/index.html").read_text(encoding="utf-8")
    assert "[[cite:" not in html
    assert re.search(
        r'<a class="citation" href="https://flk\.npc\.gov\.cn/"[^>]*>《民法典》第二百七十八条</a>',
        html,
    )


def test_citations_in_the_calendars_table_become_links(site):
    html = (site / "calendar/index.html").read_text(encoding="utf-8")
    assert "[[cite:" not in html
    row = html[html.index("续聘或另聘的决定、续订合同") :].split("</tr>")[0]
    assert re.search(r'<a class="citation" [^>]*>《民法典》第九百四十七条</a>', row)


def test_notice_status_follows_the_build_date(project, tmp_path):
    # The same commit built on two days: a notice is 公示中 inside its period only.
    notices = yaml.safe_load((project / "data/branch/notices.yaml").read_text(encoding="utf-8"))
    notice = next(n for n in notices if n["scope"] == "public")
    slug = notice["start"].isoformat()
    for day, status in (
        (notice["start"], "公示中"),
        (notice["end"].replace(year=notice["end"].year + 1), "已结束"),
    ):
        epoch = str(
            int(__import__("datetime").datetime(day.year, day.month, day.day, 4).timestamp())
        )
        target = tmp_path / f"site-{day}"
        env = {**os.environ, "SOURCE_DATE_EPOCH": epoch}
        result = subprocess.run(
            [sys.executable, "-m", "builder", "build", str(project), "--site-dir", str(target)],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=env,
            timeout=600,
        )
        assert result.returncode == 0, result.stderr
        page = (target / f"branch/notices/{slug}/index.html").read_text(encoding="utf-8")
        assert f'status-{"active" if status == "公示中" else "ended"}">{status}<' in page


def test_build_output_is_hashable_for_auditors(site):
    sums = (site / "downloads/SHA256SUMS").read_text(encoding="utf-8").splitlines()
    for line in sums:
        digest, name = line.split("  ", 1)
        assert hashlib.sha256((site / "downloads" / name).read_bytes()).hexdigest() == digest


def test_a_large_ledger_is_split_into_pages_under_300_kb(project, tmp_path):
    # 1,500 income/cost pairs of 1.00 on the same day: every balance assertion still holds.
    path = project / "data/ledgers/parking.csv"
    rows = []
    for n in range(1500):
        day = f"2025-{n % 12 + 1:02d}-{n % 28 + 1:02d}"
        rows.append(
            f"TC-2025-{1000 + 2 * n},{day},income,临时停车费,1.00,临时停车收费汇总,第{n}笔,"
        )
        rows.append(
            f"TC-2025-{1001 + 2 * n},{day},cost,银行手续费,1.00,江澜农商银行青禾支行,第{n}笔,"
        )
    path.write_text(path.read_text(encoding="utf-8") + "\n".join(rows) + "\n", encoding="utf-8")
    site = tmp_path / "site"
    result = gongshi("build", str(project), "--site-dir", str(site), timeout=900)
    assert result.returncode == 0, result.stderr
    pages = [
        site / "ledgers/parking/2025/index.html",
        *sorted((site / "ledgers/parking/2025").glob("entries-*/index.html")),
    ]
    with path.open(encoding="utf-8") as f:
        vouchers = {r["voucher"] for r in csv.DictReader(f) if r["date"].startswith("2025")}
    assert len(pages) == -(-len(vouchers) // 300)
    shown = [
        v for page in pages for v in re.findall(r'<tr id="(TC-2025-\d+)"', page.read_text("utf-8"))
    ]
    assert sorted(shown) == sorted(vouchers)  # every entry once, on exactly one page
    for page in html_pages(site):
        assert page.stat().st_size < 300_000, page
    broken = [
        link
        for page in pages
        for link, target in internal_links(site, page, SITE_PATH)
        if not target.is_file()
    ]
    assert broken == []


@pytest.mark.parametrize(
    "text",
    [
        "9:00~11:30 接待",
        "a|b",
        "[点我](javascript:x)",
        "1.5 + 2-3 #x",
        "a_b*c* `x` <b>粗</b> & 100%",
    ],
)
def test_escaped_staff_text_reads_back_unchanged_in_a_heading(text):
    # The md filter must neutralise Markdown without leaving a stray backslash on the page.
    html = markdown.markdown("# " + md_escape(text), extensions=["tables", "toc"])
    tags = Tags()
    tags.feed(html)
    assert "".join(tags.text) == text


def test_ledger_years_add_up_and_each_entry_links_to_its_page(monkeypatch):
    """The annual figures reconcile to the cent, and an entry's link (found by
    bisecting its year) is the page that lists it, with years split into many pages."""
    monkeypatch.setattr(paging, "ROWS_PER_PAGE", 7)
    records = validate_project(REPO).records
    years = account_years(records, date(2025, 11, 30))
    by_key = {(y.account.id, y.year): y for y in years}
    assert any(len(placement.entry_pages(y)) > 2 for y in years)
    for year in years:
        assert year.closing == year.opening + year.income - year.cost - year.uses_total
        assert (
            year.closing
            == balances_at(
                year.account.opening_balance,
                records.ledger(year.account.id),
                [date(year.year, 12, 31)],
            )[0]
        )
        assert sum(m.income for m in year.months) == year.income
        assert sum(amount for _, amount in year.cost_by_category) == year.cost
        listed = [e for page in placement.entry_pages(year) for e in page.items]
        assert [(e.date, e.voucher) for e in listed] == sorted((e.date, e.voucher) for e in listed)
        for page in placement.entry_pages(year):
            for entry in page.items:
                assert placement.entry_src(by_key, entry) == page.src
