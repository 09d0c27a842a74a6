"""The city site (gongshi city build): built from a DIR of communities made from real
builds of the sample (with variations), its figures equal to the Decimal sums of the
communities' published CSVs, tampered data shown and never summed, deterministic, its
merged downloads valid for stock Frictionless, and its pages passing the same browser
and accessibility checks as a community site's."""

from __future__ import annotations

import csv
import json
import shutil
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest
from browser import DESKTOP, PHONE, serve
from conftest import cli, copy_sample, line_of, replace_line, tree_digest
from sitecheck import html_pages, internal_links, parse
from test_accessibility import STRUCTURE, _axe

from builder.city import store
from builder.core.formatting import money

HARVESTED = "2026-12-01"


def built(root: Path, site: Path) -> Path:
    """Build a community (the real command) and return its published folder, laid out
    as a harvest stores it: downloads/ with feeds/all.json."""
    result = cli("build", str(root), "--site-dir", str(site))
    assert result.returncode == 0, result.stdout + result.stderr
    published = site.parent / f"{site.name}-published"
    shutil.copytree(site / "downloads", published)
    (published / "feeds").mkdir()
    shutil.copy(site / "feeds/all.json", published / "feeds/all.json")
    return published


def result(cid: str, name: str, street: str, status: str, households: int | None) -> dict:
    return {
        "id": cid,
        "name": name,
        "district": "临溪区",
        "street": street,
        "url": f"https://{cid}.example.org/",
        "path": None,
        "contact": "社区办公室",
        "households": households,
        "harvested": HARVESTED,
        "status": status,
        "reasons": [],
        "last_good": HARVESTED,
        "site_built": "2026-12-01",
        "commit": None,
        "etag": None,
        "last_modified": None,
        "sums_sha256": None,
    }


@pytest.fixture(scope="session")
def city(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """A DIR of four communities: the sample (households from its register), a variant
    with other parking figures and an expired committee member's name, the sample again
    but tampered on its newest harvest (its last good copy kept), and one never
    reached."""
    tmp = tmp_path_factory.mktemp("city")
    sample = built(copy_sample(tmp / "sample"), tmp / "sample-site")
    variant_root = copy_sample(tmp / "variant")
    parking = variant_root / "data/ledgers/parking.csv"
    line = line_of(parking, "TC-2024-001")
    replace_line(parking, line, "37800.00", "37811.11")
    # A cost as much higher in the same year keeps every asserted balance right.
    replace_line(parking, line_of(parking, "TC-2024-002"), "1642.37", "1653.48")
    members = variant_root / "data/committee/members.csv"
    header = members.read_text(encoding="utf-8").splitlines()[0].split(",")
    until = header.index("personal_until")
    lines = members.read_text(encoding="utf-8").splitlines()
    cells = next(csv.reader([lines[1]]))
    expired_name = cells[header.index("name")]
    cells[until] = "2026-09-30"  # before the harvest: the name must not be kept
    lines[1] = ",".join(f'"{c}"' if "," in c else c for c in cells)
    members.write_text("\n".join(lines) + "\n", encoding="utf-8")
    variant = built(variant_root, tmp / "variant-site")

    out = tmp / "DIR"
    copies = {"qinghe": sample, "variant": variant, "tampered": sample}
    rows = [
        ("qinghe", "青禾苑", "青禾街道", "ok", None),
        ("variant", "禾丰苑", "青禾街道", "ok", 800),
        ("tampered", "临溪花园", "东湖街道", "tampered", 600),
    ]
    for cid, name, street, status, households in rows:
        good = result(cid, name, street, "ok", households)
        store.write_community(out, {"id": cid}, copies[cid], good)
        if status != "ok":
            store.write_result(
                out,
                {
                    **good,
                    "status": status,
                    "reasons": [
                        {
                            "code": "city-sum-mismatch",
                            "file": "ledger-parking.csv",
                            "zh": "文件与 SHA256SUMS 不符",
                            "en": "file does not match SHA256SUMS",
                        }
                    ],
                },
            )
    never = result("gone", "远山苑", "东湖街道", "unreachable", 300)
    store.write_result(out, {**never, "last_good": None, "site_built": None})
    site = tmp / "city-site"
    done = cli("city", "build", str(out), "--site-dir", str(site))
    assert done.returncode == 0, done.stdout + done.stderr
    return {
        "root": tmp,
        "dir": out,
        "site": site,
        "published": {"qinghe": sample, "variant": variant},
        "expired_name": expired_name,
        "output": done.stdout,
    }


def ledger_years(published: Path) -> dict[int, dict[str, Decimal]]:
    """Per year: income, cost, net, uses from a community's published ledger CSVs."""
    years: dict[int, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for path in sorted(published.glob("ledger-*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                year, amount = int(row["date"][:4]), Decimal(row["amount"])
                kind = row["type"] if row["type"] in ("income", "cost") else "uses"
                years[year][kind] += amount
    for figures in years.values():
        figures["net"] = figures["income"] - figures["cost"]
    return years


def test_the_command_says_where_the_site_is(city: dict) -> None:
    assert "城市汇总网站已生成" in city["output"] and "City site built" in city["output"]
    assert (city["site"] / "index.html").is_file()


def test_city_totals_equal_the_sums_of_the_published_csvs(city: dict) -> None:
    expected: dict[int, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for published in city["published"].values():  # the tampered one is never summed
        for year, figures in ledger_years(published).items():
            for kind, amount in figures.items():
                expected[year][kind] += amount
    assert expected, "the sample publishes ledgers"
    for year, figures in expected.items():
        page = (city["site"] / f"totals/{year}/index.html").read_text(encoding="utf-8")
        total = page.split('<tr class="total">')[1]
        for kind in ("income", "cost", "net", "uses"):
            assert f">{money(figures[kind])}<" in total, (year, kind)
        # The page lists exactly the communities it sums.
        assert "青禾苑" in page and "禾丰苑" in page and "临溪花园" not in page


def test_the_variant_changes_the_total_by_its_difference(city: dict) -> None:
    qinghe = ledger_years(city["published"]["qinghe"])[2024]["income"]
    variant = ledger_years(city["published"]["variant"])[2024]["income"]
    assert variant - qinghe == Decimal("11.11")  # and its cost, so its balances hold
    page = (city["site"] / "totals/2024/index.html").read_text(encoding="utf-8")
    assert f">{money(qinghe + variant)}<" in page.split('<tr class="total">')[1]


def test_tampered_and_unreachable_communities_are_shown_and_not_summed(city: dict) -> None:
    site = city["site"]
    page = (site / "communities/tampered/index.html").read_text(encoding="utf-8")
    assert "文件被改动" in page and "不计入城市合计" in page and "文件与 SHA256SUMS 不符" in page
    assert "2026年12月1日" in page  # the date of its last good copy
    gone = (site / "communities/gone/index.html").read_text(encoding="utf-8")
    assert "无法访问" in gone and "没有核对通过的采集" in gone
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "临溪花园" in home.split("未计入合计的小区")[1]
    with (site / "downloads/ledger-parking.csv").open(encoding="utf-8") as handle:
        communities = {row["community"] for row in csv.DictReader(handle)}
    assert communities == {"qinghe", "variant"}


def test_a_year_not_over_is_labelled_so_and_a_past_one_is_not(city: dict) -> None:
    # Built on 2026-12-01: 2026's figures are a part of the year, 2025's are whole.
    site = city["site"]
    totals = (site / "totals/index.html").read_text(encoding="utf-8")
    assert "2026年（未满一年）" in totals and "2025年（未满一年）" not in totals
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "2026年（未满一年）城市合计" in home and "不是年末余额" in home
    community = (site / "communities/qinghe/index.html").read_text(encoding="utf-8")
    assert "2026年（截至2026年12月1日）" in community and ">2025年<" in community


def test_expired_personal_details_are_not_stored_or_published(city: dict) -> None:
    name = city["expired_name"]
    with (city["site"] / "downloads/committee-members.csv").open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["community"] == "variant"]
    assert rows and name not in {r["name"] for r in rows}
    assert any(r["personal_until"] == "2026-09-30" and r["name"] == "" for r in rows)
    stored = (city["dir"] / "tables/committee-members/variant.parquet").read_bytes()
    assert name.encode("utf-8") not in stored


def test_merged_downloads_validate_with_stock_frictionless(city: dict) -> None:
    from frictionless import validate

    downloads = city["site"] / "downloads"
    report = validate(downloads / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
    with (downloads / "ledger-parking.csv").open(encoding="utf-8") as handle:
        keys = [(r["community"], int(r["row"])) for r in csv.DictReader(handle)]
    assert keys == sorted(keys) and len(keys) == len(set(keys))  # by community, then row
    sums = (downloads / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    listed = {line.split("  ", 1)[1] for line in sums}
    assert {"datapackage.json", "ledger-parking.parquet", "communities.csv"} <= listed


def test_the_city_feed_holds_only_counted_communities(city: dict) -> None:
    feed = json.loads((city["site"] / "feeds/all.json").read_text(encoding="utf-8"))
    assert feed["items"]
    assert {item["id"].split(":")[0] for item in feed["items"]} == {"qinghe", "variant"}


def test_every_internal_link_reaches_a_file(city: dict) -> None:
    site = city["site"]
    broken = [
        (page.relative_to(site).as_posix(), link)
        for page in html_pages(site)
        if page.name != "404.html"
        for link, target in internal_links(site, page)
        if not target.exists()
    ]
    assert broken == []


def test_the_same_dir_builds_the_same_site(city: dict, tmp_path: Path) -> None:
    again = tmp_path / "again"
    done = cli("city", "build", str(city["dir"]), "--site-dir", str(again))
    assert done.returncode == 0, done.stderr
    assert tree_digest(again) == tree_digest(city["site"])


def test_a_failed_build_keeps_the_last_good_site(city: dict, tmp_path: Path) -> None:
    broken = tmp_path / "DIR"
    shutil.copytree(city["dir"], broken)
    site = tmp_path / "site"
    assert cli("city", "build", str(broken), "--site-dir", str(site)).returncode == 0
    before = tree_digest(site)
    (broken / "tables/decisions/qinghe.parquet").write_bytes(b"not parquet")
    done = cli("city", "build", str(broken), "--site-dir", str(site))
    assert done.returncode == 1
    assert "网站没有生成" in done.stderr and "Traceback" not in done.stderr + done.stdout
    assert tree_digest(site) == before


def test_a_folder_that_is_no_harvest_is_refused(tmp_path: Path) -> None:
    done = cli("city", "build", str(tmp_path), "--site-dir", str(tmp_path / "site"))
    assert done.returncode == 2
    assert "communities/" in done.stderr and "gongshi city harvest" in done.stderr
    assert not (tmp_path / "site").exists()


def test_every_page_has_a_heading_a_title_and_no_unescaped_record_text(city: dict) -> None:
    for page in html_pages(city["site"]):
        tags = [t for t, _ in parse(page).tags]
        assert "h1" in tags and "main" in tags, page


def test_a_real_harvest_of_served_sites_gives_the_same_totals(
    city: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = city["root"]
    tampered = root / "tampered-site"  # the sample's files, one changed after the build
    if not tampered.exists():
        for part in ("downloads", "feeds"):
            shutil.copytree(root / "sample-site" / part, tampered / part)
        ledger = tampered / "downloads/ledger-parking.csv"
        ledger.write_text(ledger.read_text("utf-8").replace("37800.00", "3780.00", 1), "utf-8")
    registry = tmp_path / "registry.yaml"
    out, site = tmp_path / "DIR", tmp_path / "site"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764518400")  # 2025-12-01 00:00 +08:00
    with serve(root) as url:
        entries = [
            ("qinghe", "青禾苑", "sample-site", 1160),
            ("variant", "禾丰苑", "variant-site", 800),
            ("tampered", "临溪花园", "tampered-site", 600),
        ]
        registry.write_text(
            "".join(
                f"- {{id: {cid}, name: {name}, district: 临溪区, street: 青禾街道, "
                f"contact: 社区办公室, url: '{url}{folder}/', households: {households}}}\n"
                for cid, name, folder, households in entries
            ),
            encoding="utf-8",
        )
        harvested = cli("city", "harvest", str(registry), "--out", str(out), "--jobs", "2")
    assert harvested.returncode == 0, harvested.stdout + harvested.stderr
    built = cli("city", "build", str(out), "--site-dir", str(site))
    assert built.returncode == 0, built.stdout + built.stderr
    page = (site / "communities/tampered/index.html").read_text(encoding="utf-8")
    assert "文件被改动" in page and "没有核对通过的采集" in page
    # The same two communities' figures, harvested or stored directly: the same totals.
    for year in (2024, 2025, 2026):
        harvested_total = (site / f"totals/{year}/index.html").read_text("utf-8")
        direct_total = (city["site"] / f"totals/{year}/index.html").read_text("utf-8")
        total = '<tr class="total">'
        assert harvested_total.split(total)[1] == direct_total.split(total)[1]


@pytest.fixture(scope="module")
def served(city: dict):
    with serve(city["site"]) as url:
        yield url


CITY_PAGES = [
    "",
    "communities/",
    "communities/qinghe/",
    "communities/tampered/",
    "totals/",
    "totals/2025/",
    "ranking/",
    "overdue/",
    "downloads/",
    "search/",
    "404.html",
]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360px", "1280px"])
def test_axe_finds_no_violations_on_the_city_pages(served: str, browser, viewport) -> None:
    page = browser.new_page(viewport=viewport)
    found = []
    for path in CITY_PAGES:
        page.goto(served + path, wait_until="load")
        found += [f"{path}: {v}" for v in _axe(page)]
    page.close()
    assert found == [], "\n".join(found)


def test_city_pages_have_landmarks_ordered_headings_and_named_tables(served: str, browser) -> None:
    page = browser.new_page(viewport=PHONE)
    found = []
    for path in CITY_PAGES:
        page.goto(served + path, wait_until="load")
        found += [f"{path}: {problem}" for problem in page.evaluate(STRUCTURE)]
        # Nothing wider than a phone's screen, but for the tables' own scrolling boxes.
        wide = page.evaluate("document.documentElement.scrollWidth")
        if wide > PHONE["width"]:
            found.append(f"{path}: the page is {wide} px wide")
    page.close()
    assert found == [], "\n".join(found)


def test_text_from_the_registry_and_the_communities_is_shown_as_text(tmp_path: Path) -> None:
    out = tmp_path / "DIR"
    name = "<script>alert(1)</script> *星* [链接](javascript:x)"
    hostile = result("h", name, "街道<b>", "unreachable", None)
    store.write_result(
        out,
        {
            **hostile,
            "last_good": None,
            "reasons": [
                {"code": "x", "file": None, "zh": "<img src=x onerror=alert(1)>", "en": "x"}
            ],
        },
    )
    site = tmp_path / "site"
    done = cli("city", "build", str(out), "--site-dir", str(site), "--title", "城*市*")
    assert done.returncode == 0, done.stdout + done.stderr
    page = (site / "communities/h/index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img src=x" not in page and "<b>" not in page
    assert "<em>" not in page and 'href="javascript' not in page
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "城*市*" in home and "<em>" not in home


def test_a_site_folder_inside_the_harvest_is_refused(city: dict) -> None:
    before = tree_digest(city["dir"])
    for site in (city["dir"] / "site", city["dir"], city["dir"].parent):
        done = cli("city", "build", str(city["dir"]), "--site-dir", str(site))
        assert done.returncode == 2 and "采集结果" in done.stderr, done.stderr
    assert tree_digest(city["dir"]) == before
