"""The personal-information scan cannot be dodged: a number written in full-width
digits, with a country code, with spaces, hyphens or invisible characters between its
groups, an old 15-digit ID, a plate in lower case or with a hyphen; and every text that
reaches a published byte is scanned (records, settings, account names, the site's
mkdocs.yml and its pages). The sample and a generated benchmark project stay clean."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest
from conftest import REPO, validate_json
from inline import ACCOUNTS, COMMUNITY, COMMUNITY_TEXT, TODAY, load

from builder.pipeline import validate_project
from builder.rules import RuleContext
from builder.rules.personal_info import check_personal_info, find_personal_info

ZWSP, ZWJ, BOM, SHY = "\u200b", "\u200d", "\ufeff", "\u00ad"


@pytest.mark.parametrize(
    "text, code",
    [
        ("电话 １３９１２３４５６７８", "pii-mobile"),  # full-width digits
        ("电话 +8613912345678", "pii-mobile"),
        ("电话 +86 139 1234 5678", "pii-mobile"),
        ("电话 008613912345678", "pii-mobile"),
        ("王先生-13912345678", "pii-mobile"),
        ("电话 139\u30001234\u30005678", "pii-mobile"),  # ideographic spaces
        (f"电话 139{ZWSP}1234{ZWSP}5678", "pii-mobile"),  # zero-width spaces
        (f"电话 139{ZWJ}1234{BOM}56{SHY}78", "pii-mobile"),  # joiner, BOM, soft hyphen
        ("电话 139.1234.5678", "pii-mobile"),
        ("电话 139－1234－5678", "pii-mobile"),  # full-width hyphens
        ("身份证 110105 19491231 002X", "pii-id-number"),  # in groups
        ("身份证 １１０１０５１９４９１２３１００２Ｘ", "pii-id-number"),  # full-width
        ("身份证 11010519491231002x", "pii-id-number"),  # lower-case check letter
        ("身份证 110105491231002", "pii-id-number"),  # 15-digit old number
        ("身份证 110105 491231 002", "pii-id-number"),
        ("身份证 110105********002X", "pii-id-mask-reveals"),  # shows the region
        ("身份证 1101051949****002X", "pii-id-mask-reveals"),  # shows the birth date
        ("卡号 6222 0212 3456 7890 128", "pii-bank-card"),
        ("卡号 ６２２２０２１２３４５６７８９０１２８", "pii-bank-card"),
        ("车辆 京A-12345", "pii-licence-plate"),
        ("车辆 京a12345", "pii-licence-plate"),
        ("车辆 京Ａ１２３４５", "pii-licence-plate"),
        ("联系 wang.xiansheng@example.com", "pii-email"),
        ("联系 ＷＡＮＧ＠ＥＸＡＭＰＬＥ．ＣＯＭ", "pii-email"),
    ],
)
def test_every_dodge_is_caught(text, code):
    assert [c for c, _ in find_personal_info(text)] == [code]


@pytest.mark.parametrize(
    "text",
    [
        "联系 138****5678",  # a mobile mask may keep the first three and last four
        "联系 １３８＊＊＊＊５６７８",
        "身份证 **************002X",  # the last four at most
        "车牌 京A·D***5",
        "身份证 110105491232002",  # old ID with no 32nd of December
        "编号 990105491231002",  # old ID shape, no province 99
        "凭证 TC-2024-001 2024-01-08 12.00 150.00",
        "面积 9 000.00 ㎡，1 126 户，2024-03-05 13:00",
        "服务电话 0123-8816 5120",
        "联系 service@qinghe.example.org",  # a public contact address (below)
    ],
)
def test_masks_and_look_alikes_pass(text):
    public = frozenset({"service@qinghe.example.org"})
    assert find_personal_info(text, public) == []


def test_masked_forms_keep_at_most_the_last_four():
    [(_, masked)] = find_personal_info("身份证 11010519491231002X")
    assert masked == "**************002X"
    [(_, masked)] = find_personal_info("联系 wang.xiansheng@example.com")
    assert "wang.xiansheng" not in masked


def scan_all(validation) -> list[tuple[str, str, int | None, str | None]]:
    """The scan as validate runs it: with the project's root, so the site's texts too."""
    context = RuleContext(TODAY, root=validation.project.root)
    return sorted(
        (p.code, p.file, p.line, p.field) for p in check_personal_info(validation.records, context)
    )


def test_settings_account_names_site_config_and_pages_are_scanned(tmp_path):
    community = COMMUNITY_TEXT.replace(
        "name: 测试苑\n", "name: 测试苑 王先生１３９１２３４５６７８\n", 1
    )
    community = community.replace(
        '  service_phone: "0123-8816 5120"\n',
        '  service_phone: "0123-8816 5120"\n  email: service@ceshi.example.org\n',
    )
    validation = load(
        tmp_path,
        community=community,
        accounts=(
            "parking:\n  name: 停车收益账户（经办人 139 1234 5678）\n  opened: 2024-01-01\n"
            '  opening_balance: "0.00"\n'
        ),
        ledger_parking="voucher,date,type,category,amount,counterparty,description,decision\n",
    )
    root = validation.project.root
    (root / "mkdocs.yml").write_text(
        "site_name: 测试苑 京a12345\n"
        "docs_dir: content\n"
        "copyright: 联系 wang@example.com\n"
        "extra:\n"
        "  footer: 维护：110105 19491231 002X\n"
        "  contact: service@ceshi.example.org\n",
        encoding="utf-8",
    )
    (root / "content/about").mkdir(parents=True)
    (root / "content/about/index.md").write_text(
        "# 关于\n\n联系人：李女士 +86\u200b139\u200b1234\u200b5678\n", encoding="utf-8"
    )
    assert scan_all(validation) == [
        ("pii-email", "mkdocs.yml", 3, "copyright"),
        ("pii-id-number", "mkdocs.yml", 5, "extra.footer"),
        ("pii-licence-plate", "mkdocs.yml", 1, "site_name"),
        ("pii-mobile", "content/about/index.md", 3, None),
        ("pii-mobile", COMMUNITY, 1, "name"),
        ("pii-mobile", ACCOUNTS, 2, "name"),
    ]


def test_validate_reports_a_dodged_number_on_the_command_line(tmp_path):
    load(tmp_path, accounts="{}\n")
    root = tmp_path / "inline"
    (root / "mkdocs.yml").write_text("site_name: 测试苑\ndocs_dir: content\n", encoding="utf-8")
    (root / "content").mkdir()
    (root / "content/index.md").write_text(
        "# 首页\n\n值班电话 139\u30001234\u30005678\n", encoding="utf-8"
    )
    code, report = validate_json(root)
    assert code == 1
    errors = [(e["code"], e["file"], e["line"]) for e in report["errors"]]
    assert ("pii-mobile", "content/index.md", 3) in errors
    assert "13912345678" not in str(report) and "139****5678" in str(report)


def test_no_false_positive_on_the_sample():
    validation = validate_project(REPO, date(2026, 7, 1))
    assert scan_all(validation) == []


def test_no_false_positive_on_a_generated_benchmark_project(tmp_path):
    out = tmp_path / "10k"
    result = subprocess.run(
        [sys.executable, str(REPO / "benchmarks/generate.py"), "10k", str(out),
         "--today", date.today().isoformat()],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    validation = validate_project(out, date.today())
    assert scan_all(validation) == []


def test_the_templates_the_schemas_and_any_docs_dir_are_scanned(tmp_path):
    """Every file that reaches a published byte: a page frame's footer, a schema's note
    (the downloads publish it), and the pages wherever mkdocs.yml puts them."""
    validation = load(tmp_path, accounts="{}\n")
    root = validation.project.root
    (root / "mkdocs.yml").write_text("site_name: 测试苑\ndocs_dir: pages\n", encoding="utf-8")
    (root / "pages").mkdir()
    (root / "pages/index.md").write_text("# 首页\n\n值班 13912345678\n", encoding="utf-8")
    (root / "site_templates/theme").mkdir(parents=True)
    (root / "site_templates/theme/main.html").write_text(
        "<footer>\n维护人 １３９１２３４５６７８\n</footer>\n", encoding="utf-8"
    )
    schema = root / "data/schemas/committee_member.yaml"
    schema.write_text(
        "# 成员\ndescription: 咨询 139-1234-5678\n" + schema.read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    assert scan_all(validation) == [
        ("pii-mobile", "data/schemas/committee_member.yaml", 2, "description"),
        ("pii-mobile", "pages/index.md", 3, None),
        ("pii-mobile", "site_templates/theme/main.html", 2, None),
    ]
