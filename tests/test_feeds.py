"""The feeds of new disclosures (publish/feeds.py): Atom that a real XML parser reads
with every element RFC 4287 requires, JSON Feed 1.1 with its required keys, the
sample's recent disclosures in them, linked from the home page and each section, and
the same bytes from the same commit and build date."""

from __future__ import annotations

import json
import os
from pathlib import Path
from xml.dom import minidom
from xml.etree import ElementTree

import pytest
from conftest import copy_sample

from builder.pipeline import build_site

ATOM = "{http://www.w3.org/2005/Atom}"
FEEDS = ("all", "branch", "committee", "property", "ledgers")
BASE = "https://qinghe-community.github.io/gongshi/"
DAY = "1795017600"  # 2026-11-19 00:00 China time


def _build(root: Path, site: Path) -> Path:
    os.environ["SOURCE_DATE_EPOCH"] = DAY
    try:
        return build_site(root, site)
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> tuple[Path, Path]:
    root = copy_sample(tmp_path_factory.mktemp("feeds") / "community")
    return _build(root, root.parent / "site-1"), _build(root, root.parent / "site-2")


@pytest.mark.parametrize("name", FEEDS)
def test_every_feed_is_atom_with_the_required_elements(sites, name):
    data = (sites[0] / f"feeds/{name}.xml").read_bytes()
    minidom.parseString(data)  # a second, independent parser reads it too
    feed = ElementTree.fromstring(data)
    assert feed.tag == f"{ATOM}feed"
    for element in ("id", "title", "updated"):
        assert (feed.findtext(f"{ATOM}{element}") or "").strip(), element
    assert feed.find(f"{ATOM}author/{ATOM}name") is not None
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links["self"] == f"{BASE}feeds/{name}.xml"
    assert links["alternate"].startswith(BASE)
    entries = feed.findall(f"{ATOM}entry")
    assert entries, name
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(set(ids)) == len(ids)
    for entry in entries:
        for element in ("id", "title", "updated", "published"):
            assert (entry.findtext(f"{ATOM}{element}") or "").strip(), element
        link = entry.find(f"{ATOM}link[@rel='alternate']")
        assert link is not None and link.get("href", "").startswith(BASE)
        # the page it links exists in the built site
        page = link.get("href", "").removeprefix(BASE).split("#")[0]
        assert (sites[0] / page / "index.html").is_file(), page
    updated = [e.findtext(f"{ATOM}updated") for e in entries]
    assert updated == sorted(updated, reverse=True)  # newest first
    assert feed.findtext(f"{ATOM}updated") == updated[0]


@pytest.mark.parametrize("name", FEEDS)
def test_every_json_feed_has_its_required_keys(sites, name):
    feed = json.loads((sites[0] / f"feeds/{name}.json").read_text(encoding="utf-8"))
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["title"] and feed["items"]
    assert feed["feed_url"] == f"{BASE}feeds/{name}.json"
    for item in feed["items"]:
        assert item["id"] and (item.get("content_text") or item.get("content_html"))
        assert item["url"].startswith(BASE)


def test_the_feeds_list_the_recent_disclosures_dated_by_publication(sites):
    def entries(name):
        feed = ElementTree.parse(sites[0] / f"feeds/{name}.xml").getroot()
        return {
            # two decisions may share a title: the newest is listed first, and kept
            title: (e.findtext(f"{ATOM}published"), e.findtext(f"{ATOM}updated"))
            for e in reversed(feed.findall(f"{ATOM}entry"))
            for title in [e.findtext(f"{ATOM}title")]
        }

    committee = entries("committee")
    # a decision: dated by its publication to all owners (decisions.yaml `published`)
    renewal = "业主大会决定：关于续聘江澜禾佳物业服务有限公司的决定"
    assert committee[renewal][0] == "2026-10-26T00:00:00+08:00"
    assert "维修资金使用：地下车库消防喷淋主管更换" in committee
    # a ledger year: first and last row of the disclosure log for its periods
    ledgers = entries("ledgers")
    assert ledgers["公共收益台账：2026年停车收益账户收支"] == (
        "2026-03-27T00:00:00+08:00",
        "2026-09-28T00:00:00+08:00",
    )
    # a notice: its start; the site-wide feed holds every section's newest
    site_wide = entries("all")
    assert site_wide["党务公示：关于拟接收预备党员的公示"][0] == "2026-11-19T00:00:00+08:00"
    assert renewal in site_wide
    assert "报修响应情况：2026年10月报修和工单响应情况" in entries("property")
    # a section's feed holds that section only
    assert all(title.startswith("党务公示：") for title in entries("branch"))


def test_the_home_page_and_each_section_link_their_feed(sites):
    for page, name in [
        ("index.html", "all"),
        ("branch/index.html", "branch"),
        ("committee/index.html", "committee"),
        ("property/index.html", "property"),
        ("ledgers/index.html", "ledgers"),
    ]:
        html = (sites[0] / page).read_text(encoding="utf-8")
        up = "../" * page.count("/")
        assert '<link rel="alternate" type="application/atom+xml"' in html
        assert f'href="{up}feeds/{name}.xml"' in html  # in the head and the visible link
        assert f'<a href="{up}feeds/{name}.xml" type="application/atom+xml">Atom 订阅源</a>' in html


def test_the_same_commit_and_build_date_give_the_same_feed_bytes(sites):
    for name in FEEDS:
        for ext in ("xml", "json"):
            first = (sites[0] / f"feeds/{name}.{ext}").read_bytes()
            assert first == (sites[1] / f"feeds/{name}.{ext}").read_bytes()


def test_without_a_site_url_there_is_no_feed_and_no_link_to_one(tmp_path):
    root = copy_sample(tmp_path / "community")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        "\n".join(line for line in text.splitlines() if not line.startswith("site_url:")) + "\n",
        encoding="utf-8",
    )
    site = _build(root, tmp_path / "site")
    assert not (site / "feeds").exists()
    for page in ("index.html", "branch/index.html", "ledgers/index.html"):
        html = (site / page).read_text(encoding="utf-8")
        assert "feeds/" not in html and "application/atom+xml" not in html
    # and a build outside the publish workflow lists no snapshot, saying why
    downloads = (site / "downloads/index.html").read_text(encoding="utf-8")
    assert "这里没有列出往年快照：本页不是由发布流程生成的" in downloads
