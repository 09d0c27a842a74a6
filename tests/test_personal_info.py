"""The personal-information scan: real identifiers are caught, look-alikes are not."""

import pytest

from builder.rules.personal_info import find_personal_info, id_number_valid, luhn_valid


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
        "身份证 110105********002X",
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
