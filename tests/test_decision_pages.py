"""Decision pages as a resident reads them: every ballot (and what was not recorded), the
scope that voted, the totals against the owners' register, the arithmetic with the ratio
that failed, the procedure's dates with the notice and publication checks, and what an
owner may do about a decision; words that claim no more than was checked.

The fast tests render decision pages of inline records; the slow ones build the sample
site once and read its pages."""

from __future__ import annotations

import html
import re
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from conftest import REPO, gongshi
from inline import COMMUNITY_TEXT, SETTINGS_TEXT, load

from builder.core.periods import COVERED_YEARS
from builder.publish.provenance import Provenance
from builder.site import committee
from builder.site.context import make_site

BUILT = datetime(2026, 11, 30, 4, tzinfo=UTC)
DECISIONS = yaml.safe_load((REPO / "data/committee/decisions.yaml").read_text(encoding="utf-8"))
SETTINGS = """\
  area_basis:
    value: register
    source: {law: spc-building-division-ownership-interpretation, article: 8}
  headcount_basis:
    value: units
    source: {law: spc-building-division-ownership-interpretation, article: 9}
  part_scope_votes:
    value: required
    source: {rules_of_procedure: 《业主大会议事规则》第十九条}
  publication_deadline:
    value: {days: 3, count: calendar, severity: warning}
    source: {rules_of_procedure: 《业主大会议事规则》第二十五条}
"""
REGISTER = """\
owners_register:
  - as_of: 2024-01-01
    source: 某区不动产登记中心的登记簿查询结果
    counts:
      - {part: 全体业主, area: "20000.00", units: 200,
         developer_units: 0, extra_units: 10, owners: 190}
      - {part: 3幢, area: "10000.00", units: 100, developer_units: 0, extra_units: 6, owners: 94}
      - {part: 6幢, area: "10000.00", units: 100, developer_units: 0, extra_units: 4, owners: 96}
"""
# An owners' vote of building 3 (within the register's totals), its ballots complete.
BUILDING_3 = """\
- id: JY-2024-05-1
  date: 2024-04-20
  body: owners_assembly
  matter: 5
  voting_scope: 3幢
  title: 关于维修3幢屋面的决定
  summary: 使用3幢业主的维修资金维修屋面。
  result: passed
  total_area: 10000.00
  total_owners: 94
  voted_area: 7000.00
  voted_owners: 70
  approve_area: 6000.00
  approve_owners: 60
  oppose_area: 700.00
  oppose_owners: 7
  abstain_area: 200.00
  abstain_owners: 2
  invalid_area: 100.00
  invalid_owners: 1
  announced: 2024-03-20
  vote_start: 2024-04-06
  vote_end: 2024-04-20
  published: 2024-04-21
"""


def render(tmp_path: Path, decisions: str, community: str, today: date = date(2026, 7, 1)):
    """Each decision's page and print version as text (the Markdown with its tables), by
    address, rendered from the inline records; and the validation's problem codes."""
    validation = load(tmp_path, decisions=decisions, community=community, today=today)
    site = make_site(REPO, validation.records, Provenance(None, None, False, BUILT), {})
    pages = {
        page.src_uri: str(page.content) + "".join(b.decode("utf-8") for b in page.blocks)
        for page in committee.decision_pages(site)
    }
    return pages, [p.code for p in validation.report.problems]


def shown(markup: str) -> str:
    """The text a reader sees: tags dropped, references read, spaces kept single."""
    text = html.unescape(re.sub(r"<[^>]+>", "", markup))
    return re.sub(r"[ \t]+", " ", text)


def test_a_part_scope_vote_shows_its_scope_its_ballots_and_the_register(tmp_path):
    pages, found = render(tmp_path, BUILDING_3, SETTINGS_TEXT + SETTINGS + REGISTER)
    assert found == []
    page = shown(pages["committee/decisions/JY-2024-05-1.md"])
    assert "表决范围：3幢业主" in page
    assert "第（五）项" in page
    assert "下面的总面积、总人数和各项比例，都只在3幢业主中计算" in page
    # the community's part-scope rule, with its source
    assert "必须由这部分的业主表决" in page and "《业主大会议事规则》第十九条" in page
    # every ballot, and what taking part means (our reading, linked)
    for label, area, owners in (
        ("3幢全部业主", "10,000.00", "94"),
        ("参与表决", "7,000.00", "70"),
        ("同意", "6,000.00", "60"),
        ("反对", "700.00", "7"),
        ("弃权", "200.00", "2"),
        ("无效及未表达意见", "100.00", "1"),
    ):
        assert re.search(rf"{label}\s*{re.escape(area)}\s*{owners}\b", page), label
    assert "包括弃权票和无效票，都算参与表决" in page and "本站对法律所说“参与表决”的理解" in page
    assert "legal/votes" in pages["committee/decisions/JY-2024-05-1.md"]
    # the totals checked against the register in force, with its date and source
    assert "2024年1月1日起有效的业主名册中3幢业主的数字✓ 一致" in page
    assert "某区不动产登记中心的登记簿查询结果" in page
    assert "[[cite:spc-building-division-ownership-interpretation:8]]" in page
    # the ratios within the scope, and what that does not mean
    assert "表决比例达到[[cite:civil-code:278]]的要求（在3幢业主中计算）" in page
    assert "不等于这项决定不能被撤销" in page
    # the procedure: 15 days' notice, the publication deadline, revocation and records
    assert "到投票开始那天是第 17 天，✓ 够 15 日" in page
    assert "最后一天是2024年4月23日。本决定2024年4月21日公布，✓ 按时" in page
    assert "本决定于2024年4月21日向业主公布" in page
    assert "一年内提出[[cite:spc-building-division-ownership-interpretation:12]]" in page
    assert "[[cite:spc-building-division-ownership-interpretation:13]]" in page
    printed = shown(pages["committee/decisions/JY-2024-05-1/print.md"])
    assert "表决范围：3幢业主" in printed
    assert "3幢业主共 10,000.00 ㎡、94 人，与1月1日起的名册一致" in printed
    assert "4月21日公布（须 3 日内，最后一天 4月23日，按时）" in printed


def test_ballots_not_recorded_are_said_to_be_unknown_never_zero(tmp_path):
    older = re.sub(r"  (oppose|abstain|invalid)_(area|owners): .*\n", "", BUILDING_3)
    older = re.sub(r"  (announced|vote_start|vote_end|published): .*\n", "", older)
    pages, found = render(tmp_path, older, SETTINGS_TEXT + SETTINGS + REGISTER)
    assert "decision-ballots-incomplete" in found and "decision-dates-missing" in found
    page = shown(pages["committee/decisions/JY-2024-05-1.md"])
    for label in ("反对", "弃权", "无效及未表达意见"):
        assert re.search(rf"{label}\s*未记录\s*未记录", page), label
        assert not re.search(rf"{label}\s*0", page), label
    assert "没有记录反对、弃权、无效及未表达意见票的票数" in page
    assert "没有记录不等于零票" in page
    # missing dates are said to be missing, and nothing is judged from them
    assert "公告（通知全体业主）：未记录" in page and "向业主公布：未记录" in page
    assert "没有记录公告日期，无法核对是否提前 15 日" in page
    assert "没有记录公布日期，无法核对是否按时公布" in page
    assert "的公布日期没有记录" in page
    printed = shown(pages["committee/decisions/JY-2024-05-1/print.md"])
    assert "反对、弃权、无效及未表达意见票未记录（不等于零）" in printed
    assert re.search(r"反对\s*弃权\s*无效及未表达意见", printed)


def test_totals_without_a_register_are_unchecked_and_a_difference_shows_its_reason(tmp_path):
    pages, _ = render(tmp_path, BUILDING_3, SETTINGS_TEXT + SETTINGS)
    page = shown(pages["committee/decisions/JY-2024-05-1.md"])
    assert "没有找到表决当天有效的业主名册中3幢业主的数字，上面的总数没有经过核对" in page
    # a total that differs, with the staff's reason, shown as text
    note = "2024年3月起<b>3幢</b>2套合并为1套"
    differs = BUILDING_3.replace("total_owners: 94", "total_owners: 93").replace(
        "  result:", f"  totals_note: {note}\n  result:"
    )
    pages, _ = render(tmp_path / "differs", differs, SETTINGS_TEXT + SETTINGS + REGISTER)
    markup = pages["committee/decisions/JY-2024-05-1.md"]
    assert "<b>3幢</b>" not in markup and "&lt;b&gt;3幢&lt;/b&gt;" in markup
    page = shown(markup)
    assert "3幢业主的数字不同（名册：10,000.00 ㎡，94 人）" in page
    assert f"记录的原因：{note}" in page


def test_a_failed_vote_names_each_ratio_that_failed_and_what_was_still_needed(tmp_path):
    failed = (
        BUILDING_3.replace("matter: 5", "matter: 8")
        .replace("result: passed", "result: rejected")
        .replace("approve_owners: 60", "approve_owners: 52")
        .replace("oppose_owners: 7", "oppose_owners: 15")
    )
    pages, found = render(tmp_path, failed, SETTINGS_TEXT + SETTINGS + REGISTER)
    assert found == []
    page = shown(pages["committee/decisions/JY-2024-05-1.md"])
    assert "第（八）项" in page
    assert "这项决定没有通过。没有达到的比例：同意的业主人数不足四分之三。" in page
    # 52 of 70: three quarters is 52.5, so 53 are needed, 1 more
    assert re.search(r"52 人\s*占 74\.29%\s*至少 53 人\s*✗ 未达到\s*还差 1 人", page)
    assert "表决比例达到" not in page
    printed = shown(pages["committee/decisions/JY-2024-05-1/print.md"])
    assert "没有达到的比例：同意的业主人数不足四分之三" in printed


def test_a_share_exactly_at_its_threshold_says_so(tmp_path):
    # 70 of 105 owners take part: exactly two thirds, which "以上" includes.
    exact = BUILDING_3.replace("total_owners: 94", "total_owners: 105")
    pages, _ = render(tmp_path, exact, SETTINGS_TEXT + SETTINGS)
    page = shown(pages["committee/decisions/JY-2024-05-1.md"])
    assert re.search(r"70 人\s*占 66\.67%（正好三分之二）\s*至少 70 人\s*✓ 达到", page)


def test_a_publication_the_holiday_calendar_cannot_judge_is_unknown(tmp_path):
    year = COVERED_YEARS[1] + 1
    decision = f"""\
        - id: JY-{year}-01
          date: {year}-09-29
          body: committee
          title: 关于续签合同的决定
          summary: 同意续签。
          result: passed
          members_total: 7
          members_present: 6
          members_approve: 6
          published: {year}-10-05
        """
    pages, found = render(tmp_path, decision, COMMUNITY_TEXT + SETTINGS, date(year + 1, 1, 1))
    assert "decision-deadline-unknown" in found
    page = shown(pages[f"committee/decisions/JY-{year}-01.md"])
    first, last = COVERED_YEARS
    assert "节假日日历不包括这一年，没有按放假顺延" in page
    assert f"只收录 {first} 年至 {last} 年" in page and "不能确定是否按时" in page
    assert "达到本小区议事规则规定的比例" in page
    assert "[[cite:civil-code:278]]" not in page.split("结论")[1]


def test_the_legal_page_states_the_years_the_holiday_calendar_covers():
    text = (REPO / "content/legal/votes.md").read_text(encoding="utf-8")
    first, last = COVERED_YEARS
    assert f"收录 {first} 年至 {last} 年" in text


# --- the sample site, built once ---------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("decisions") / "site"
    result = gongshi("build", str(REPO), "--site-dir", str(target), timeout=600)
    assert result.returncode == 0, result.stderr
    return target


def page_text(site: Path, path: str) -> str:
    markup = (site / path).read_text(encoding="utf-8")
    return shown(markup[markup.index("<main") : markup.index("</main>")])


def decision(id_: str) -> dict:
    return next(d for d in DECISIONS if d["id"] == id_)


def test_a_split_part_scope_decision_shows_its_scope_ballots_and_register(site):
    d = decision("JY-2024-02-1")
    page = page_text(site, "committee/decisions/JY-2024-02-1/index.html")
    assert "表决范围：3幢业主" in page
    assert "2023年5月1日起有效的业主名册中3幢业主的数字✓ 一致" in page
    for label, kind in (("同意", "approve"), ("反对", "oppose"), ("弃权", "abstain")):
        area = f"{Decimal(str(d[kind + '_area'])):,.2f}"
        assert re.search(rf"{label}\s*{re.escape(area)}\s*{d[kind + '_owners']}\b", page)
    assert "无效及未表达意见" in page
    assert "表决比例达到《民法典》第二百七十八条的要求（在3幢业主中计算）" in page
    year = page_text(site, "committee/2024/index.html")
    assert "表决范围：3幢业主" in year and "表决范围：6幢业主" in year
    printed = page_text(site, "committee/decisions/JY-2024-02-1/print/index.html")
    assert "表决范围：3幢业主" in printed and "名册一致" in printed


def test_a_publication_moved_by_a_holiday_says_so(site):
    page = page_text(site, "committee/decisions/JY-2025-05/index.html")
    assert "算到2025年10月2日，这天是法定休假日" in page
    assert "《民法典》第二百零三条顺延" in page
    assert "最后一天是2025年10月9日。本决定2025年10月9日公布，✓ 按时" in page


def test_a_failed_decision_names_the_failed_ratio(site):
    page = page_text(site, "committee/decisions/JY-2025-04/index.html")
    assert "第（八）项" in page
    assert "没有达到的比例：同意的专有部分面积不足四分之三；同意的业主人数不足四分之三" in page
    assert "还差" in page


def test_no_page_claims_more_than_was_checked(site):
    for path in site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for claim in ("依法通过", "法定比例"):
            assert claim not in text, (path, claim)
    matter = page_text(site, "committee/matters/8/index.html")
    assert "第（八）项" in matter and "第8项" not in matter
