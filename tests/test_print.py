"""Printed notices: every public notice, every decision, every annual ledger report and
the boards (requests, wishes, joint meetings, volunteer service) have an A4 print version
with a QR code of its permanent address; Chromium prints each kind to PDF, and the page
count, the text (pdftotext) and the QR code (zbarimg) are checked."""

from __future__ import annotations

import csv
import re
import subprocess
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from browser import (
    PHONE,
    page_types,
    require_cjk_font,
    require_tool,
)
from conftest import REPO, gongshi
from sitecheck import all_bytes, parse

from builder.site.addresses import permanent_url
from builder.site.qr import qr_svg

MEETINGS = "data/community_life/joint_meetings.csv"
SITE_URL = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]
COMMUNITY = yaml.safe_load((REPO / "data/community.yaml").read_text(encoding="utf-8"))
PT = 96 / 72  # CSS pixels per point


def _load(path: str) -> list[dict]:
    return yaml.safe_load((REPO / path).read_text(encoding="utf-8"))


def _csv(path: str) -> list[dict]:
    with (REPO / path).open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _meetings_year() -> str:
    """The joint meetings' year printed: that of the latest held meeting."""
    return max(m["date"][:4] for m in _csv(MEETINGS) if m["status"] == "已召开")


def _date_zh(value) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


def _flat(text: str) -> str:
    """PDF text without line breaks or spaces (CJK lines break anywhere)."""
    return "".join(text.split())


@pytest.fixture(scope="module")
def site(served_site):
    return served_site


@pytest.fixture(scope="module")
def browser(browser):
    require_cjk_font()  # printed Chinese must be readable back from the PDF
    return browser


def _print_pages(site: Path) -> list[str]:
    return sorted(
        p.parent.relative_to(site).as_posix() + "/" for p in site.glob("**/print/index.html")
    )


def _pdf(browser, url: str, out: Path) -> tuple[int, str, str]:
    """Print ``url`` as Chromium does; return (pages, page size line, text)."""
    page = browser.new_page(viewport=PHONE)
    page.goto(url, wait_until="load")
    page.pdf(path=str(out), prefer_css_page_size=True)
    page.close()
    info = subprocess.run(
        [require_tool("pdfinfo", "poppler-utils"), str(out)], capture_output=True, text=True
    ).stdout
    fields = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
    text = subprocess.run(
        [require_tool("pdftotext", "poppler-utils"), str(out), "-"],
        capture_output=True,
        text=True,
        encoding="utf-8",
    ).stdout
    return int(fields["Pages"]), fields["Page size"].strip(), text


def _decode(png: Path) -> list[str]:
    result = subprocess.run(
        [require_tool("zbarimg", "zbar-tools"), "--raw", "-q", str(png)],
        capture_output=True,
        text=True,
    )
    return result.stdout.split()


# --- the build: every printable record has a print version ---------------------------


def test_qr_codes_are_deterministic_svg():
    url = permanent_url(SITE_URL, "committee/decisions/JY-2023-01/")
    assert url == SITE_URL + "committee/decisions/JY-2023-01/"
    svg = qr_svg(url)
    assert svg == qr_svg(url) and svg.startswith(b"<svg") and b"<path" in svg
    assert permanent_url("", "branch/") is None


def test_every_printable_record_has_a_print_version(site):
    _, root = site
    expected = (
        [
            f"branch/notices/{n['start'].isoformat()}/"
            for n in _load("data/branch/notices.yaml")
            if n["scope"] == "public"
        ]
        + [f"committee/decisions/{d['id']}/" for d in _load("data/committee/decisions.yaml")]
        + [p.parent.relative_to(root).as_posix() + "/" for p in root.glob("ledgers/*/*/index.html")]
        + [
            p.parent.relative_to(root).as_posix() + "/"
            for p in root.glob("committee/fund/*/index.html")
        ]
        + ["property/requests/", "voice/wishes/", "voice/volunteers/"]
        + [f"voice/meetings/{_meetings_year()}/"]
    )
    assert len(expected) > 20
    assert _print_pages(root) == sorted(page + "print/" for page in expected)
    for page in expected:
        html = (root / page / "index.html").read_text(encoding="utf-8")
        assert 'href="print/"' in html, page  # the page links to its print version
        assert (root / page / "qr.svg").read_bytes() == qr_svg(SITE_URL + page)
        printed = parse(root / page / "print/index.html")
        attrs = [a for _, a in printed.tags]
        assert not any("data-pagefind-body" in a for a in attrs), page  # not indexed
        assert ("meta", {"name": "robots", "content": "noindex"}) in printed.tags
        assert ("link", {"rel": "canonical", "href": SITE_URL + page}) in printed.tags
        assert (
            "img",
            {
                "src": "../qr.svg",
                "alt": "二维码：本页网页版的网址",
                "width": "170",
                "height": "170",
            },
        ) in printed.tags
        assert SITE_URL + page in "".join(printed.text)


def test_print_versions_are_not_in_the_nav_the_search_index_or_the_sitemap(site):
    _, root = site
    nav = [a.get("href") or "" for t, a in parse(root / "index.html").tags if t == "a"]
    assert nav and not any("print" in href for href in nav)
    index = b"".join(data for path, data in all_bytes(root) if "pagefind" in path.parts)
    assert b"/ledgers/parking/2025/" in index  # the check below can fail
    assert b"/print/" not in index
    sitemap = (root / "sitemap.xml").read_text(encoding="utf-8")
    assert SITE_URL + "ledgers/parking/2025/" in sitemap and "/print/" not in sitemap


def test_without_a_site_url_the_print_version_has_no_qr_code(project, tmp_path):
    config = project / "mkdocs.yml"
    config.write_text(
        "\n".join(
            line
            for line in config.read_text(encoding="utf-8").splitlines()
            if not line.startswith("site_url:")
        )
        + "\n",
        encoding="utf-8",
    )
    target = tmp_path / "site"
    result = gongshi("build", str(project), "--site-dir", str(target), timeout=600)
    assert result.returncode == 0, result.stderr
    printed = sorted(target.glob("**/print/index.html"))
    assert printed and not list(target.glob("**/qr.svg"))
    for page in printed:
        assert "qr.svg" not in page.read_text(encoding="utf-8")


# --- in Chromium: PDF pages, text, type size, QR codes -------------------------------


# The sheets each print version may take (the first prefix that matches). A year's
# statement lists every entry it sums; the fund's lists uses too; the wishes board lists
# the wishes still waiting, the volunteers board its rules, totals and catalogue; the
# joint meetings' year every meeting with every issue it took up (the sample's year:
# twelve meetings, 37 issue rows).
LIMITS = [
    ("ledgers/", 2),
    ("committee/fund/", 3),
    ("voice/wishes/", 2),
    ("voice/volunteers/", 2),
    ("voice/meetings/", 5),
    ("", 1),
]


def test_notices_and_decisions_fit_one_a4_page_and_year_reports_two_or_three(
    site, browser, tmp_path
):
    url, root = site
    too_long = []
    for path in _print_pages(root):
        pages, size, _ = _pdf(browser, url + path, tmp_path / "page.pdf")
        assert "A4" in size, (path, size)
        limit = next(n for start, n in LIMITS if path.startswith(start))
        if pages > limit:
            too_long.append((path, pages))
    assert too_long == []


def test_notice_prints_with_everything_a_notice_board_needs(site, browser, tmp_path):
    url, _ = site
    notice = next(n for n in _load("data/branch/notices.yaml") if n["scope"] == "public")
    path = f"branch/notices/{notice['start'].isoformat()}/"
    _, _, text = _pdf(browser, url + path + "print/", tmp_path / "notice.pdf")
    flat = _flat(text)
    for expected in (
        COMMUNITY["full_name"],
        notice["title"],
        f"公示期：{_date_zh(notice['start'])}至{_date_zh(notice['end'])}",
        _flat(notice["body"].splitlines()[0]),
        notice["issuer"],
        SITE_URL + path,  # the address under the QR code, for who cannot scan
    ):
        assert _flat(expected) in flat, expected
    assert flat.rindex(notice["issuer"]) < flat.rindex(_date_zh(notice["start"]))
    for screen_only in ("返回网页版", "打印", "跳到正文", "大字"):
        assert screen_only not in flat.replace("打印版", ""), screen_only


def test_decision_prints_votes_and_the_verdict(site, browser, tmp_path):
    url, _ = site
    decision = next(
        d for d in _load("data/committee/decisions.yaml") if d["body"] == "owners_assembly"
    )
    path = f"committee/decisions/{decision['id']}/"
    _, _, text = _pdf(browser, url + path + "print/", tmp_path / "decision.pdf")
    flat = _flat(text)
    votes = decision
    for expected in (
        COMMUNITY["full_name"],
        decision["title"],
        decision["id"],
        _date_zh(decision["date"]),
        f"{Decimal(str(votes['total_area'])):,.2f}",
        f"{Decimal(str(votes['approve_area'])):,.2f}",
        str(votes["approve_owners"]),
        # What was checked, no more: the ratios, not the whole procedure.
        "结论：表决比例达到《民法典》第二百七十八条的要求。"
        if decision["result"] == "passed"
        else "结论：这项决定没有通过。没有达到的比例：",
        f"{COMMUNITY['name']}业主大会",
        SITE_URL + path,
    ):
        assert _flat(expected) in flat, expected


def test_ledger_report_prints_the_year_and_its_categories(site, browser, tmp_path):
    url, _ = site
    with (REPO / "data/ledgers/parking.csv").open(encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["date"].startswith("2025")]
    income = sum(Decimal(r["amount"]) for r in rows if r["type"] == "income")
    cost = sum(Decimal(r["amount"]) for r in rows if r["type"] == "cost")
    categories = {r["category"] for r in rows}
    path = "ledgers/parking/2025/"
    _, _, text = _pdf(browser, url + path + "print/", tmp_path / "ledger.pdf")
    flat = _flat(text)
    for expected in (
        COMMUNITY["full_name"],
        f"{income:,.2f}",
        f"{cost:,.2f}",
        f"{income - cost:,.2f}",
        *categories,
        COMMUNITY["owners_committee"]["name"],
        SITE_URL + path,
    ):
        assert _flat(expected) in flat, expected
    assert rows[0]["description"] not in flat  # the entries stay on the web page


def test_voice_boards_print_what_their_web_pages_show(site, browser, tmp_path):
    """The wishes still waiting, the year's meetings and their issues, the volunteers'
    catalogue; a volunteer's name only where the web page shows it."""
    url, root = site
    types = page_types(root)

    def printed(kind: str) -> str:
        pdf = tmp_path / f"{kind}.pdf"
        _pdf(browser, url + types[kind], pdf)
        # In the order it was laid out: a table cell's lines stay together.
        flat = _flat(
            subprocess.run(
                [require_tool("pdftotext", "poppler-utils"), "-raw", str(pdf), "-"],
                capture_output=True,
                text=True,
                encoding="utf-8",
            ).stdout
        )
        assert _flat(COMMUNITY["full_name"]) in flat and COMMUNITY["party_branch"]["name"] in flat
        assert SITE_URL + types[kind].removesuffix("print/") in flat
        return flat

    wishes = _csv("data/community_life/wishes.csv")
    flat = printed("wishes-print")
    assert f"共收集微心愿{len(wishes)}个" in flat
    for wish in wishes:
        assert (_flat(wish["wish"]) in flat) == (wish["status"] in ("待认领", "已认领")), wish

    year = _meetings_year()
    assert types["joint-meetings-print"] == f"voice/meetings/{year}/print/"
    meetings = {m["id"]: m for m in _csv(MEETINGS) if m["date"].startswith(year)}
    flat = printed("joint-meetings-print")
    for meeting in meetings.values():
        assert _date_zh(date.fromisoformat(meeting["date"])) + meeting["kind"] in flat, meeting
    for issue in _csv("data/community_life/joint_meeting_issues.csv"):
        if issue["meeting"] in meetings:
            assert _flat(issue["title"]) in flat and issue["status"] in flat, issue
    web = _flat("".join(parse(root / f"voice/meetings/{year}/index.html").text))
    marks = re.compile(r"已连续\d+次会议未解决")
    assert marks.findall(flat) == marks.findall(web) != []

    flat = printed("volunteers-print")
    web = _flat("".join(parse(root / types["volunteers"] / "index.html").text))
    for reward in _csv("data/community_life/volunteer_rewards.csv"):
        assert _flat(reward["item"]) in flat, reward
    names = {row["volunteer"] for row in _csv("data/community_life/volunteer_service.csv")}
    names.discard("")
    assert names and all((name in flat) == (name in web) for name in names)


def test_print_type_is_14pt_or_larger(site, browser):
    url, root = site
    page = browser.new_page(viewport=PHONE)
    page.emulate_media(media="print")
    types = page_types(root)
    # (The boards' lists of open requests and waiting wishes have seven columns or more:
    # printed at 12pt, as the wide tables are.)
    for path in (
        types["notice-print"],
        types["decision-print"],
        types["ledger-print"],
        types["joint-meetings-print"],
        types["volunteers-print"],
    ):
        page.goto(url + path, wait_until="load")
        sizes = page.evaluate(
            """() => [...document.querySelectorAll(
                  'main p, main li, main td, main th, main caption, main h1, main h2')]
                .filter(e => !e.closest('.print-qr') && e.offsetParent !== null)
                .map(e => [e.tagName + ' ' + e.textContent.slice(0, 20),
                           parseFloat(getComputedStyle(e).fontSize)])"""
        )
        assert sizes, path
        small = [(what, size / PT) for what, size in sizes if size < 14 * PT - 0.01]
        assert small == [], path
    page.close()


@pytest.mark.parametrize(
    "kind",
    [
        "notice-print",
        "decision-print",
        "ledger-print",
        "requests-print",
        "wishes-print",
        "joint-meetings-print",
        "volunteers-print",
    ],
)
def test_qr_code_decodes_to_the_permanent_address(site, browser, tmp_path, kind):
    """The page's own code, and beside it the city's reporting platform's."""
    url, root = site
    path = page_types(root)[kind]
    address = SITE_URL + path.removesuffix("print/")
    platform = COMMUNITY["reporting_platform"]["url"]
    page = browser.new_page(viewport=PHONE)
    page.goto(url + path, wait_until="load")
    # as the screen shows it
    page.locator(".print-qr:not(.print-platform) img").screenshot(path=str(tmp_path / "qr.png"))
    assert _decode(tmp_path / "qr.png") == [address]
    page.locator(".print-platform img").screenshot(path=str(tmp_path / "platform.png"))
    assert _decode(tmp_path / "platform.png") == [platform]
    # as the printer prints it: the PDF's last page at 150 dpi
    page.pdf(path=str(tmp_path / "printed.pdf"), prefer_css_page_size=True)
    page.close()
    subprocess.run(
        [
            require_tool("pdftoppm", "poppler-utils"),
            "-r",
            "150",
            "-png",
            str(tmp_path / "printed.pdf"),
            str(tmp_path / "sheet"),
        ],
        check=True,
    )
    sheets = sorted(tmp_path.glob("sheet*.png"))
    assert sorted(_decode(sheets[-1])) == sorted([address, platform])


def test_normal_pages_print_without_navigation_and_with_whole_rows(site, browser, tmp_path):
    url, root = site
    types = page_types(root)
    _, _, text = _pdf(browser, url + types["ledger-year"], tmp_path / "ledger-page.pdf")
    flat = _flat(text)
    assert "全部分录" in flat and COMMUNITY["name"] in flat
    for screen_only in ("跳到正文", "大字", "搜索", "打印版", "回到页首", "法治宣传"):
        assert screen_only not in flat, screen_only
    _, _, legal = _pdf(browser, url + types["legal"], tmp_path / "legal.pdf")
    assert "flk.npc.gov.cn" in _flat(legal)  # an outside link prints its address

    page = browser.new_page(viewport=PHONE)
    page.emulate_media(media="print")
    page.goto(url + types["ledger-year"], wait_until="load")
    style = page.evaluate(
        """() => ({
            nav: getComputedStyle(document.querySelector('.site-nav')).display,
            tools: getComputedStyle(document.querySelector('.header-tools')).display,
            rows: [...document.querySelectorAll('tr')].map(r => getComputedStyle(r).breakInside),
            heads: [...document.querySelectorAll('thead')].map(h => getComputedStyle(h).display),
            scrolls: [...document.querySelectorAll('.table-wrap')]
                .map(w => getComputedStyle(w).overflowX),
        })"""
    )
    page.close()
    assert style["nav"] == "none" and style["tools"] == "none"
    assert set(style["rows"]) == {"avoid"}  # a row is never cut between two sheets
    assert set(style["heads"]) == {"table-header-group"}  # headers repeat on each sheet
    assert set(style["scrolls"]) == {"visible"}  # no column is hidden in a scroll box


# headings, table captions, and the rows that head a group of rows (a report's parts)
HEADINGS = """() => [...document.querySelectorAll(
      'main :is(h1, h2, h3, h4, caption, th[scope=rowgroup])')]
    .filter(h => h.getClientRects().length || getComputedStyle(h).position !== 'absolute')
    .map(h => h.textContent.replace(/\\s+/g, ''))
    .filter(Boolean)"""


def _last_lines(pdf: Path, pages: int) -> list[str]:
    """Each page's last line of text, spaces taken out."""
    tool = require_tool("pdftotext", "poppler-utils")
    last = []
    for number in range(1, pages + 1):
        text = subprocess.run(
            [tool, "-layout", "-f", str(number), "-l", str(number), str(pdf), "-"],
            capture_output=True,
            text=True,
            encoding="utf-8",
        ).stdout
        lines = [_flat(line) for line in text.splitlines() if line.strip()]
        last.append(lines[-1] if lines else "")
    return last


def test_no_heading_is_left_alone_at_the_bottom_of_a_printed_page(site, browser, tmp_path):
    """Every print version that takes more than one sheet, and the longest web pages as
    a browser prints them: no page ends with a heading (or the start of one) whose text
    follows on the next sheet."""
    url, root = site
    types = page_types(root)
    candidates = [*_print_pages(root), types["ledger-year"], "ledgers/parking/2025/", "legal/"]
    candidates += sorted(
        p.parent.relative_to(root).as_posix() + "/" for p in root.glob("legal/*/index.html")
    )
    checked, alone = [], []
    for path in candidates:
        pdf = tmp_path / "long.pdf"
        pages, _, _ = _pdf(browser, url + path, pdf)
        if pages < 2:
            continue
        page = browser.new_page(viewport=PHONE)
        page.emulate_media(media="print")
        page.goto(url + path, wait_until="load")
        headings = page.evaluate(HEADINGS)
        page.close()
        assert headings, path
        checked.append((path, pages))
        for number, line in enumerate(_last_lines(pdf, pages)[:-1], start=1):
            if line and any(h.startswith(line) for h in headings):
                alone.append((path, number, line))
    assert len(checked) >= 3, checked  # the year reports, the fund's statement, legal pages
    assert alone == []


def test_a_notice_fills_its_sheet_in_large_type_with_the_qr_code_at_the_foot(
    site, browser, tmp_path
):
    url, root = site
    longest = max(
        _print_pages(root),
        key=lambda p: (
            len((root / p / "index.html").read_text(encoding="utf-8"))
            if p.startswith("branch/notices/")
            else -1
        ),
    )
    pages, _, _ = _pdf(browser, url + longest, tmp_path / "notice.pdf")
    assert pages == 1
    page = browser.new_page(viewport=PHONE)
    page.emulate_media(media="print")
    page.goto(url + longest, wait_until="load")
    shown = page.evaluate(
        """() => ({
          body: Math.min(...[...document.querySelectorAll('.notice-body p')]
                  .map(p => parseFloat(getComputedStyle(p).fontSize))),
          title: parseFloat(getComputedStyle(document.querySelector('main h1')).fontSize),
          foot: document.querySelector('.print-foot').getBoundingClientRect().bottom,
          main: document.querySelector('main').getBoundingClientRect().bottom,
        })"""
    )
    page.close()
    assert shown["body"] >= 18 * PT - 0.01 and shown["title"] >= 24 * PT - 0.01
    # the foot ends the sheet: A4 less its margins is 269 mm, 1017 CSS px
    assert shown["foot"] == pytest.approx(shown["main"], abs=1)
    assert shown["main"] > 0.95 * (269 / 25.4 * 96)
