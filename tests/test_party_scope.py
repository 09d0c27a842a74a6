"""Party-affairs disclosure: the ranges the regulation distinguishes (only openness to
society is published; the older ``internal`` still valid, with a warning), the steps of
proactive disclosure (Art. 15: proposed, reviewed, approved, by which body and when) on
each disclosed item and on its page, and citation tooltips naming each law's own source.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import REPO, SAMPLE_PARTS
from inline import found, load
from sitecheck import all_bytes

from builder.core import disclosure
from builder.pipeline import build_site, validate_project
from builder.rules.branch import check_disclosure
from builder.site import citations, placement

NOTICE = "data/branch/notices.yaml"
STEPS = """\
  proposed_by: 支部委员会
  proposed_on: 2026-03-02
  reviewed_by: 支部委员会
  reviewed_on: 2026-03-04
  approved_by: 支部党员大会
  approved_on: 2026-03-06
"""


def notice(number: int, scope: str, steps: str = STEPS, title: str = "测试公示") -> str:
    return (
        f"- id: GS-2026-{number:02d}\n"
        f"  title: {title}\n"
        "  kind: 其他\n"
        "  start: 2026-03-09\n"
        "  end: 2026-03-15\n"
        "  body: 公示内容。\n"
        "  issuer: 中共测试苑小区支部委员会\n"
        f"  scope: {scope}\n" + steps
    )


RANGES = ("public", "party", "organisation", "specific", "internal")


def test_each_range_is_valid_and_only_public_is_published(tmp_path):
    text = "".join(notice(n, scope) for n, scope in enumerate(RANGES, start=1))
    validation = load(tmp_path, branch_notices=text)
    assert validation.report.valid, validation.report.errors
    rows = validation.records.notices
    assert [r["scope"] for r in rows] == list(RANGES)
    assert [r["scope"] for r in disclosure.public_only(rows)] == ["public"]
    published = placement.public_notices(validation.records, validation.records.notices[0]["start"])
    assert [n.record["id"] for n in published] == ["GS-2026-01"]


def test_an_unknown_range_is_an_error(tmp_path):
    validation = load(tmp_path, branch_notices=notice(1, "everyone"))
    assert not validation.report.valid


def test_the_legacy_internal_range_warns_and_names_the_precise_ranges(tmp_path):
    text = notice(1, "party") + notice(2, "internal")
    validation = load(tmp_path, branch_notices=text)
    assert found(check_disclosure, validation) == [
        ("scope-internal-unspecified", NOTICE, 15 + 7, "scope")
    ]
    [warning] = [p for p in validation.report.warnings if p.code == "scope-internal-unspecified"]
    for name in ("党内公开", "在一定范围内公开", "对特定对象公开"):
        assert name in warning.message
    assert validation.report.valid


def test_steps_out_of_order_are_an_error(tmp_path):
    reviewed_first = STEPS.replace("reviewed_on: 2026-03-04", "reviewed_on: 2026-03-01")
    approved_after_start = STEPS.replace("approved_on: 2026-03-06", "approved_on: 2026-03-10")
    text = notice(1, "public", reviewed_first) + notice(2, "public", approved_after_start)
    validation = load(tmp_path, branch_notices=text)
    assert found(check_disclosure, validation) == [
        ("disclosure-steps-out-of-order", NOTICE, 12, "reviewed_on"),
        ("disclosure-steps-out-of-order", NOTICE, 15 + 3, "start"),
    ]
    assert not validation.report.valid


def test_steps_on_the_same_day_are_in_order(tmp_path):
    same_day = STEPS.replace("2026-03-02", "2026-03-06").replace("2026-03-04", "2026-03-06")
    validation = load(tmp_path, branch_notices=notice(1, "public", same_day))
    assert found(check_disclosure, validation) == []


def test_missing_steps_warn_naming_what_is_missing(tmp_path):
    partial = "  proposed_by: 支部委员会\n  proposed_on: 2026-03-02\n"
    text = notice(1, "public", "") + notice(2, "public", partial) + notice(3, "party", "")
    validation = load(tmp_path, branch_notices=text)
    assert validation.report.valid
    warnings = [p for p in validation.report.warnings if p.code == "disclosure-steps-missing"]
    assert [(p.line, p.field) for p in warnings] == [(1, "proposed_by"), (9, "reviewed_by")]
    assert "审核组织、审核日期、批准组织、批准日期" in warnings[1].message
    assert "提出组织" not in warnings[1].message


def test_a_step_body_is_a_body_not_a_person(tmp_path):
    person = STEPS.replace("approved_by: 支部党员大会", "approved_by: 张三")
    assert not load(tmp_path, branch_notices=notice(1, "public", person)).report.valid


def test_the_sample_states_the_steps_of_every_public_notice():
    validation = validate_project(REPO)
    assert not [p for p in validation.report.problems if p.code.startswith("disclosure-")]
    for record in disclosure.public_only(validation.records.notices):
        assert disclosure.missing_steps(record.values) == [], record["id"]


def test_the_party_regulation_tooltip_names_its_own_source():
    party = citations.resolve("party-affairs-openness", "15")
    law = citations.resolve("civil-code", "278")
    assert party.law.source_name == "共产党员网"
    assert law.law.source_name == "国家法律法规数据库"
    assert all(entry.source_name for entry in citations.catalogue().values())


# --- a built site (slow: the ``site`` fixture marks these) ---------------------------
SECRETS = {scope: f"测试用{scope}范围事项甲乙" for scope in RANGES[1:]}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("party") / "community"
    root.mkdir()
    for part in SAMPLE_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, root / part)
        else:
            shutil.copy2(source, root / part)
    private = root.parent / "private" / "branch"
    private.mkdir(parents=True)
    private_text = "".join(
        notice(80 + n, scope, title=SECRETS[scope]) for n, scope in enumerate(RANGES[1:])
    )
    (private / "notices.yaml").write_text(private_text, encoding="utf-8")
    community = root / "data/community.yaml"
    community.write_text(
        community.read_text(encoding="utf-8") + "\nprivate_data: ../private\n", encoding="utf-8"
    )
    validation = validate_project(root)
    assert {r["scope"] for r in validation.records.notices} >= set(RANGES[1:])
    return build_site(root, root.parent / "site")


def test_only_public_records_reach_pages_downloads_and_search(site):
    every = list(all_bytes(site))
    assert any("pagefind" in str(path) for path, _ in every)
    assert any(str(path).endswith("feeds/branch.xml") for path, _ in every)  # feeds too
    for secret in SECRETS.values():
        assert [str(p) for p, data in every if secret.encode() in data] == []
    # the public notices are there, so the search above could have found something
    assert any("优秀共产党员".encode() in data for p, data in every if "pagefind" in str(p))


def test_a_notice_page_shows_how_it_was_proposed_reviewed_and_approved(site):
    page = (site / "branch/notices/2025-12-15/index.html").read_text(encoding="utf-8")
    assert "本公示经党小组提出（" in page
    assert "支部委员会审核（" in page
    assert '支部党员大会批准（<time datetime="2025-12-11">2025年12月11日</time>）后公开' in page
    assert "《党务公开条例》第十五条" in page
    assert "（全文见共产党员网）" in page
    assert "国家法律法规数据库" not in page
