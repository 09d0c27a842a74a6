"""Sections with nothing to show say so ("暂无记录") instead of an empty heading or table,
and a year's count of zero tells "none held" from "none entered": a community states
from when its records are complete (community.yaml's records_complete_from)."""

from __future__ import annotations

import html
import re
from datetime import UTC, date, datetime
from pathlib import Path

from conftest import REPO
from inline import COMMUNITY_TEXT, load

from builder.publish.provenance import Provenance
from builder.site import branch, home, property
from builder.site.context import make_site

BUILT = datetime(2026, 11, 30, 4, tzinfo=UTC)

MEETINGS = """\
id,date,kind,topic,attendance,scope
HY-2025-01,2025-01-09,支部委员会,研究年度工作要点,3,public
"""
# Notices in 2023, 2024 and 2025: three years in the branch's table, meetings in one.
NOTICES = """\
- {id: GS-2023-01, title: 二〇二三年的公示, kind: 其他, start: 2023-05-01, end: 2023-05-07,
   body: 内容, issuer: 支部委员会, scope: public}
- {id: GS-2024-01, title: 二〇二四年的公示, kind: 其他, start: 2024-05-01, end: 2024-05-07,
   body: 内容, issuer: 支部委员会, scope: public}
- {id: GS-2025-01, title: 二〇二五年的公示, kind: 其他, start: 2025-05-01, end: 2025-05-07,
   body: 内容, issuer: 支部委员会, scope: public}
"""


# The contacts the home and property pages show, beside the inline settings.
COMMUNITY = (
    COMMUNITY_TEXT.replace(
        '  service_phone: "0123-8816 5120"\n',
        '  service_phone: "0123-8816 5120"\n  office: 1 幢底层\n  hours: 每日 8:00—18:00\n',
    )
    .replace(
        "  size: 7\n",
        "  size: 7\n  office: 会所二楼\n  mailbox: 北门\n",
    )
    .replace(
        "  name: 中共测试苑小区支部委员会\n",
        "  name: 中共测试苑小区支部委员会\n  contact: 会所一楼\n",
    )
)


def shown(markup: str) -> str:
    """The text a reader sees: tags dropped, references read, spaces kept single."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", markup)))


def rendered(tmp_path: Path, pages, community: str = COMMUNITY, **tables: str) -> dict:
    validation = load(tmp_path, community=community, today=date(2026, 11, 30), **tables)
    assert validation.report.valid, validation.report.errors
    site = make_site(REPO, validation.records, Provenance(None, None, False, BUILT), {})
    return {
        page.src_uri: shown(str(page.content) + "".join(b.decode() for b in page.blocks))
        for page in pages(site)
    }


def test_without_a_stated_date_a_zero_count_is_not_entered_never_none_held(tmp_path):
    page = rendered(tmp_path, branch.pages, branch_meetings=MEETINGS, branch_notices=NOTICES)[
        "branch/index.md"
    ]
    assert "2025 年 1 项 1 次 未录入 2024 年 1 项 未录入 未录入 2023 年" in page
    assert "“未录入”表示那一年没有录入这类记录，不等于没有开展" in page


def test_from_the_stated_date_a_zero_count_is_none_held(tmp_path):
    community = COMMUNITY.replace("# Last,", "records_complete_from: 2024-01-01\n# Last,")
    page = rendered(
        tmp_path, branch.pages, community, branch_meetings=MEETINGS, branch_notices=NOTICES
    )["branch/index.md"]
    assert "2024 年 1 项 0 次 0 个季度 2023 年 1 项 未录入 未录入 " in page
    assert "2024年1月1日 起的记录是完整的：此后某一年为 0，就是那一年没有这类事项" in page


def test_a_records_complete_date_that_is_no_date_is_named(tmp_path):
    community = COMMUNITY.replace("# Last,", "records_complete_from: 2024年\n# Last,")
    validation = load(tmp_path, community=community)
    [bad] = [p for p in validation.report.problems if p.code == "community-bad-date"]
    line = community.splitlines().index("records_complete_from: 2024年") + 1
    assert (bad.field, bad.line, bad.severity) == ("records_complete_from", line, "error")
    assert "2024年" in bad.message and "2024-01-01" in bad.message


def test_a_new_communitys_empty_sections_say_there_is_no_record(tmp_path):
    page = rendered(tmp_path, home.pages)["index.md"]
    assert "最近更新 暂无记录。" in page
    services = rendered(tmp_path / "p", property.pages)["property/index.md"]
    assert "服务事项和质量要求 暂无记录。" in services
    assert "收费项目和标准 暂无记录。" in services and "每月履行情况 暂无记录。" in services
