"""What residents see of the requests register: the board's figures are the register's,
the home page's month agrees with the board, the pledge's wording is the community's
setting, and the city's reporting platform's QR code is on the home page."""

from __future__ import annotations

import csv
import json
import re
from datetime import date
from pathlib import Path

import pytest
import yaml
from conftest import REPO, cli, copy_sample, gongshi, line_of, replace_line
from inline import load
from test_empty_sections import BUILT, rendered
from test_empty_sections import COMMUNITY as INLINE_COMMUNITY
from test_figures import cell, read
from test_requests import PLEDGE, row
from test_requests import register as register_text

from builder.publish.provenance import Provenance
from builder.site import charts, property, requests
from builder.site.context import make_site
from builder.site.qr import qr_svg

COMMUNITY = yaml.safe_load((REPO / "data/community.yaml").read_text(encoding="utf-8"))
REGISTER = list(csv.DictReader((REPO / "data/property/requests.csv").open(encoding="utf-8")))


def build(root: Path, site: Path) -> Path:
    result = cli("build", str(root), "--site-dir", str(site))
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory) -> Path:
    return build(REPO, tmp_path_factory.mktemp("requests") / "site")


def text_of(path: Path) -> str:
    html = path.read_text(encoding="utf-8")
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_board_counts_every_request_of_the_register(sample_site):
    board = sample_site / "property" / "requests" / "index.html"
    rows = read(board).rows
    months = [
        r for r in rows if r["table"] == "t-months" and r["cells"][0]["attrs"] == {"scope": "row"}
    ]
    listed = [r for r in rows if r["table"].startswith("month-") and r["attrs"].get("id")]
    assert len(listed) == len(REGISTER)
    assert sum(int(cell(r, "受理")) for r in months) == len(REGISTER)
    channels = [
        r for r in rows if r["table"] == "t-channels" and r["cells"][0]["attrs"] == {"scope": "row"}
    ]
    assert sum(int(cell(r, "件数")) for r in channels) == len(REGISTER)
    # Each month's "on time / judged" is its listed requests marked on time.
    for month in months:
        label = "".join(month["cells"][0]["text"]).strip()
        of_month = [r for r in listed if r["table"] == f"month-{label}"]
        on_time = sum(cell(r, "结果") == "按时" for r in of_month)
        assert cell(month, "按时 / 已到时限").startswith(f"{on_time} / "), label
    # The open ones are the register's 处理中, with their age in days.
    still_open = [
        r for r in rows if r["table"] == "t-open" and r["cells"][0]["attrs"] == {"scope": "row"}
    ]
    assert sorted("".join(r["cells"][0]["text"]) for r in still_open) == sorted(
        r["id"] for r in REGISTER if r["status"] == "处理中"
    )
    assert all(int(cell(r, "已过天数")) >= 0 for r in still_open)


def test_every_cell_of_the_board_has_a_label_for_phones(sample_site):
    board = sample_site / "property" / "requests" / "index.html"
    for table_row in read(board).rows:
        for c in table_row["cells"][1:]:
            if "scope" not in c["attrs"]:
                assert c["attrs"].get("data-label"), table_row["table"]


def test_the_home_page_shows_the_boards_latest_month(sample_site):
    home = text_of(sample_site / "index.html")
    found = re.search(r"居民诉求 ：[^。]*?(\d{4})年(\d{1,2})月受理 (\d+) 件", home)
    assert found, "the home page names a month's requests"
    year, month, received = (int(g) for g in found.groups())
    board = read(sample_site / "property" / "requests" / "index.html").rows
    (row,) = [
        r
        for r in board
        if r["table"] == "t-months"
        and "".join(r["cells"][0]["text"]).strip() == f"{year}-{month:02d}"
    ]
    assert int(cell(row, "受理")) == received


def test_the_reporting_platforms_code_is_on_the_home_page(sample_site):
    platform = COMMUNITY["reporting_platform"]
    assert (sample_site / "qr" / "reporting-platform.svg").read_bytes() == qr_svg(platform["url"])
    html = (sample_site / "index.html").read_text(encoding="utf-8")
    assert 'src="qr/reporting-platform.svg"' in html
    assert platform["name"] in html and platform["hotline"] in html
    printed = (sample_site / "property" / "requests" / "print" / "index.html").read_text(
        encoding="utf-8"
    )
    assert 'src="../../../qr/reporting-platform.svg"' in printed and 'src="../qr.svg"' in printed


def test_the_pledge_wording_is_the_settings(tmp_path):
    root = copy_sample(tmp_path / "project")
    path = root / "data" / "community.yaml"
    number = line_of(path, "{class: 疑难问题, limit: 1天")
    replace_line(path, number, "limit: 1天", "limit: 2天")
    site = build(root, tmp_path / "site")
    for page in ("property/index.html", "property/requests/index.html"):
        text = text_of(site / page)
        assert "2天内答复或提出方案" in text and "1天内答复或提出方案" not in text, page
        assert "《物业服务合同》第十二条" in text, page


def test_a_community_without_a_register_has_a_board_saying_so(tmp_path):
    pages = rendered(tmp_path, requests.pages)
    assert list(pages) == ["property/requests.md"]  # the nav names it; no print version
    page = pages["property/requests.md"]
    assert "2026 年还没有居民诉求的记录" in page
    assert "没有在 community.yaml 中写明响应承诺" in page


def test_an_open_request_past_its_limit_is_shown_overdue_with_its_age(tmp_path):
    register = register_text(
        row(1, "2026-11-20 08:00", "简单问题", "2026-11-20 08:10", "2026-11-20 08:40",
            "2026-11-20 08:40"),
        row(2, "2026-11-27 08:00", "一般问题", "2026-11-27 08:10", "", "", "处理中"),
        row(3, "2026-11-29 09:00", "复杂问题", "2026-11-29 09:30", "", "", "处理中"),
    )  # fmt: skip
    pages = rendered(
        tmp_path, requests.pages, INLINE_COMMUNITY + PLEDGE, resident_requests=register
    )
    page = pages["property/requests.md"]
    assert set(pages) == {"property/requests.md", "property/requests/print.md"}
    # Built 2026-11-30: the 3 hours of the 27th have passed, the 2 days of the 29th not.
    assert "SQ-2026-002 2026-11-27 08:00 楼道灯不亮 3幢 一般问题 3 更换灯泡 已过时限未办" in page
    assert "SQ-2026-003 2026-11-29 09:00 楼道灯不亮 3幢 复杂问题 1 更换灯泡 未到时限" in page
    assert (
        "2026 年共受理 3 件，已办结 1 件，处理中 2 件。已到承诺时限的 2 件中， 1 件按时，占 50% 。"
        in page
    )


def test_validate_names_the_hand_typed_figure_that_disagrees_with_the_register(project):
    """Through the real command line: exit 1, the file, line and field, what was found
    and what the register gives, in Chinese and English; no file is rewritten."""
    path = project / "data" / "property" / "performance.csv"
    number = line_of(path, "2026-03,简单问题,")
    replace_line(
        path, number, "2026-03,简单问题,40分钟内解决,13,11", "2026-03,简单问题,40分钟内解决,14,11"
    )
    before = path.read_bytes()
    result = gongshi("validate", str(project), "--format", "json")
    assert result.returncode == 1, result.stdout
    report = json.loads(result.stdout)
    (error,) = [e for e in report["errors"] if e["code"] == "performance-disagrees"]
    assert (error["file"], error["line"], error["field"]) == (
        "data/property/performance.csv",
        number,
        "received",
    )
    assert (
        "14" in error["message"] and "13" in error["message"] and "居民诉求台账" in error["message"]
    )
    assert "register has 13" in error["message_en"]
    assert path.read_bytes() == before
    text = gongshi("validate", str(project))
    assert text.returncode == 1 and "Traceback" not in text.stdout + text.stderr


def test_a_request_number_leads_straight_to_its_row(sample_site):
    numbers = json.loads((sample_site / "search" / "numbers.json").read_text(encoding="utf-8"))
    pages = numbers["pages"]
    found = {n: (pages[page][0], anchored) for n, page, anchored in numbers["numbers"]}
    assert found["SQ-2026-012"] == ("property/requests/", 1)
    html = (sample_site / "property" / "requests" / "index.html").read_text(encoding="utf-8")
    assert '<tr id="SQ-2026-012">' in html


def test_a_month_without_a_figure_has_no_point_on_the_rate_chart():
    chart = charts.rate_chart(
        ["2026-01", "2026-02", "2026-03", "2026-04"],
        {"疑难问题": [100.0, None, 50.0, 75.0]},
        "t",
        "d",
    )
    (line,) = chart.series
    assert [p[2] for p in line.points] == [
        charts._rate_point("2026-01", 100.0),
        charts._rate_point("2026-03", 50.0),
        charts._rate_point("2026-04", 75.0),
    ]
    assert line.runs == ((0,), (1, 2))  # the line is broken where February has none


def test_staff_text_on_the_board_is_escaped(tmp_path):
    register = register_text(
        row(1, "2026-11-20 08:00", "简单问题", "", "", "2026-11-20 08:30").replace(
            "楼道灯不亮", "<script>alert(1)</script>**粗体**"
        )
    )
    # A reader sees the text as typed ...
    pages = rendered(
        tmp_path, requests.pages, INLINE_COMMUNITY + PLEDGE, resident_requests=register
    )
    assert "<script>alert(1)</script>**粗体**" in pages["property/requests.md"]
    # ... because the page holds it escaped, never as markup.
    raw = raw_board(tmp_path / "raw", register)
    assert "<script>" not in raw and "&lt;script&gt;alert(1)&lt;/script&gt;" in raw


def raw_board(tmp_path: Path, register: str) -> str:
    """The board's Markdown and HTML blocks as made, before any tag is stripped."""
    validation = load(
        tmp_path,
        community=INLINE_COMMUNITY + PLEDGE,
        today=date(2026, 11, 30),
        resident_requests=register,
    )
    site = make_site(REPO, validation.records, Provenance(None, None, False, BUILT), {})
    (page, *_) = requests.pages(site)
    return str(page.content) + "".join(b.decode() for b in page.blocks)


def test_an_earlier_year_has_a_board_of_its_own_that_its_months_link_to(tmp_path):
    register = register_text(
        row(1, "2025-12-20 08:00", "简单问题", "", "", "2025-12-20 08:30"),
        row(2, "2026-01-05 08:00", "简单问题", "", "", "2026-01-05 09:30"),
    )
    pages = rendered(
        tmp_path, requests.pages, INLINE_COMMUNITY + PLEDGE, resident_requests=register
    )
    assert set(pages) == {
        "property/requests.md",
        "property/requests/print.md",
        "property/requests/2025.md",
    }
    assert "2025 年共受理 1 件" in pages["property/requests/2025.md"]
    assert "2026 年共受理 1 件" in pages["property/requests.md"]
    validation = load(
        tmp_path / "p",
        community=INLINE_COMMUNITY + PLEDGE,
        today=date(2026, 11, 30),
        resident_requests=register,
    )
    site = make_site(REPO, validation.records, Provenance(None, None, False, BUILT), {})
    (page, *_) = property.pages(site)
    html = str(page.content) + "".join(b.decode() for b in page.blocks)
    assert 'href="requests/2025/#month-2025-12"' in html
    assert 'href="requests/#month-2026-01"' in html
