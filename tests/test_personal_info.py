"""The personal-information scan: real identifiers are caught, look-alikes are not."""

import pytest
from inline import COMMUNITY, COMMUNITY_TEXT, PARKING, found, load

from builder.rules.personal_info import (
    check_personal_info,
    find_personal_info,
    id_number_valid,
    luhn_valid,
)


@pytest.mark.parametrize(
    "text, code",
    [
        ("请联系 13812345678 王师傅", "pii-mobile"),
        ("电话 138-1234-5678", "pii-mobile"),
        ("电话 138 1234 5678", "pii-mobile"),
        ("身份证号 11010519491231002X", "pii-id-number"),
        ("退款至 6222021234567890128", "pii-bank-card"),
        ("车辆 浙A12345 长期占道", "pii-licence-plate"),
        ("新能源车 浙AD12345", "pii-licence-plate"),
        ("车牌 苏E·8K2J1", "pii-licence-plate"),
    ],
)
def test_unmasked_identifiers_are_found(text, code):
    assert [c for c, _ in find_personal_info(text)] == [code]


@pytest.mark.parametrize(
    "text",
    [
        "联系 138****5678",
        "身份证 **************002X",
        "车牌 浙A·D***5",
        "卡号尾号 0128",
        "凭证 TC-2024-001，金额 123456.78 元",
        "服务电话 0123-8816 5120",
        "2024-03-05 至 2024-03-11 公示",
        "110105194912310021",  # right shape, wrong check digit
        "订单号 20240305123456789012",  # a long number that is not a card
        "面积 112345.67 ㎡，1126 户",
    ],
)
def test_masked_values_and_look_alikes_pass(text):
    assert find_personal_info(text) == []


def test_messages_show_only_the_masked_value():
    [(_, masked)] = find_personal_info("联系 13812345678")
    assert masked == "138****5678"


def test_check_digit_helpers():
    assert id_number_valid("11010519491231002X")
    assert not id_number_valid("11010519491332002X")  # no 32nd day of month 13
    assert luhn_valid("6222021234567890128")
    assert not luhn_valid("6222021234567890127")


def test_every_text_a_resident_reads_is_scanned_where_it_is(tmp_path):
    # A YAML record's text, a ledger's description and counterparty, and a public
    # contact in community.yaml; each problem names its own file, line and field.
    community = COMMUNITY_TEXT.replace(
        "  name: 中共测试苑小区支部委员会\n",
        "  name: 中共测试苑小区支部委员会\n  contact: 党群服务站，联系人手机 13912345678\n",
    )
    validation = load(
        tmp_path,
        community=community,
        accounts=(
            'parking:\n  name: 停车收益账户\n  opened: 2024-01-01\n  opening_balance: "0.00"\n'
        ),
        ledger_parking=(
            "voucher,date,type,category,amount,counterparty,description,decision\n"
            "TC-2024-001,2024-01-08,income,临时停车费,12.00,汇总,,\n"
            "TC-2024-002,2024-01-09,income,临时停车费,12.00,汇总,车辆 浙A12345 临时停放,\n"
            "TC-2024-003,2024-01-10,income,临时停车费,12.00,汇总,车辆 浙A12345 临时停放,\n"
            "TC-2024-004,2024-01-11,income,车位租赁费,150.00,退款至 6222021234567890128,,\n"
        ),
        branch_notices="""\
            - id: GS-2024-01
              title: 关于拟确定发展对象的公示
              kind: 发展党员
              start: 2024-06-03
              end: 2024-06-09
              body: 如有意见请联系 138-1234-5678。
              issuer: 中共测试苑小区支部委员会
              scope: public
              proposed_by: 支部委员会
              proposed_on: 2024-05-27
              reviewed_by: 支部委员会
              reviewed_on: 2024-05-28
              approved_by: 支部委员会
              approved_on: 2024-05-30
            """,
    )
    assert sorted(found(check_personal_info, validation)) == [
        ("pii-bank-card", PARKING, 5, "counterparty"),
        ("pii-licence-plate", PARKING, 3, "description"),
        ("pii-licence-plate", PARKING, 4, "description"),
        ("pii-mobile", "data/branch/notices.yaml", 6, "body"),
        ("pii-mobile", COMMUNITY, 14, "party_branch.contact"),
    ]
    assert {p.code for p in validation.report.problems} == {
        "pii-bank-card",
        "pii-licence-plate",
        "pii-mobile",
    }
    # Only the masked form reaches the report.
    messages = " ".join(p.message + p.message_en for p in validation.report.problems)
    assert "13912345678" not in messages and "139****5678" in messages
