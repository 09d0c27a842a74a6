"""Search's record numbers (builder/site/numbers.py): the decision, voucher, fund-use
and notice numbers residents type, each with the page it leads to, and nothing the
site does not publish."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from conftest import REPO
from inline import load
from test_party_scope import notice

from builder.core import personal
from builder.pipeline import validate_project
from builder.publish.provenance import Provenance
from builder.site import numbers
from builder.site.context import make_site

BUILT = datetime(2026, 11, 30, 4, tzinfo=UTC)


def index(records, use_directory_urls=True) -> dict:
    config = {"use_directory_urls": use_directory_urls}
    site = make_site(REPO, records, Provenance(None, None, False, BUILT), config)
    generated = numbers.index(site)
    assert generated.src_uri == "search/numbers.json"
    return json.loads(generated.content)


def targets(data: dict) -> dict[str, str]:
    """Each number and the address a 直达 result links to."""
    out = {}
    for number, page, anchored in data["numbers"]:
        url, _ = data["pages"][page]
        out[number] = url + (f"#{number}" if anchored else "")
    return out


def test_the_samples_numbers_lead_to_their_pages_and_the_file_stays_small():
    validation = validate_project(REPO)
    published = personal.published(validation.records, BUILT.date())
    first = numbers.index(make_site(REPO, published, Provenance(None, None, False, BUILT), {}))
    again = numbers.index(make_site(REPO, published, Provenance(None, None, False, BUILT), {}))
    assert first.content == again.content  # the same records give the same bytes
    found = targets(json.loads(first.content))
    assert found["JY-2023-01"] == "committee/decisions/JY-2023-01/"
    assert found["GG-2026-002"] == "ledgers/advertising/2026/#GG-2026-002"
    assert found["TC-2024-001"] == "ledgers/parking/2024/#TC-2024-001"
    assert found["2025-06-09"] == "branch/notices/2025-06-09/"
    assert any(n.startswith("WX-") and "#WX-" in url for n, url in found.items())
    assert not [n for n in found if n.startswith("GS-")]  # notices by their public slug only
    assert len(first.content) < 16_000  # 260 numbers in about 9 KB


def test_only_public_notices_are_listed_and_by_slug_never_by_id(tmp_path):
    text = notice(1, "public") + notice(2, "party", title="党内公示") + notice(3, "internal")
    validation = load(tmp_path, branch_notices=text)
    data = index(personal.published(validation.records, BUILT.date()))
    assert targets(data) == {"2026-03-09": "branch/notices/2026-03-09/"}
    assert [title for _, title in data["pages"]] == ["测试公示"]
    assert "GS-2026" not in json.dumps(data, ensure_ascii=False)


def test_addresses_follow_use_directory_urls(tmp_path):
    validation = load(tmp_path, branch_notices=notice(1, "public"))
    data = index(personal.published(validation.records, BUILT.date()), use_directory_urls=False)
    assert targets(data) == {"2026-03-09": "branch/notices/2026-03-09.html"}


def test_a_query_is_compared_in_its_normal_form():
    assert numbers.normal(" ｊｙ－２０２３－０１ ") == "JY-2023-01"
    assert numbers.normal("tc–2025—014") == "TC-2025-014"
