from decimal import Decimal

import pytest

from phoihop.vn.numbers import format_number, format_percent, parse_number


def test_it_groups_with_dots_and_uses_a_decimal_comma() -> None:
    assert format_number(1234.5) == "1.234,5"
    assert format_number(1234567) == "1.234.567"
    assert format_number(-12.5) == "-12,5"
    assert format_number(Decimal("1234567.891")) == "1.234.567,891"
    assert format_number(999) == "999"


def test_it_strips_trailing_zeros_when_places_is_none() -> None:
    assert format_number(Decimal("12.50")) == "12,5"
    assert format_number(12.0) == "12"
    assert format_number(Decimal("1E+3")) == "1.000"
    assert format_number(0.1) == "0,1"


def test_it_rounds_half_up_to_fixed_places() -> None:
    assert format_number(Decimal("2.345"), 2) == "2,35"
    assert format_number(1234, 2) == "1.234,00"
    assert format_number(Decimal("-0.001"), 2) == "0,00"
    assert format_number(Decimal("1234.5"), 0) == "1.235"


def test_it_rejects_non_finite_numbers() -> None:
    with pytest.raises(ValueError):
        format_number(float("nan"))
    with pytest.raises(ValueError):
        format_number(1, -1)


def test_it_formats_percentages() -> None:
    assert format_percent(12.5) == "12,5%"
    assert format_percent(100) == "100%"
    assert format_percent(Decimal("33.333"), 1) == "33,3%"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.234,5", "1234.5"),
        ("1234,5", "1234.5"),
        ("1.234", "1234"),
        ("1.234.567", "1234567"),
        ("12.500", "12500"),
        ("12.5", "12.5"),
        ("1234.5", "1234.5"),
        ("0.125", "0.125"),
        ("1 234 567", "1234567"),
        ("1\u00a0234,5", "1234.5"),
        ("\u221212,5", "-12.5"),
        ("+7", "7"),
        (" 42 ", "42"),
    ],
)
def test_it_parses_vietnamese_numbers(text: str, expected: str) -> None:
    assert parse_number(text) == Decimal(expected)


@pytest.mark.parametrize(
    "text", ["", "abc", "1,234.5", "1,234,567", "1.23.4", "12,", ",5", "1.234,5,6", "--1", "1e5"]
)
def test_it_rejects_garbage_with_a_vietnamese_message(text: str) -> None:
    with pytest.raises(ValueError, match="Số không hợp lệ"):
        parse_number(text)


def test_it_round_trips_formatted_numbers() -> None:
    for value in [Decimal("1234567.891"), Decimal("-12.5"), Decimal("1234")]:
        assert parse_number(format_number(value)) == value
