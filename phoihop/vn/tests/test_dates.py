from datetime import date

import pytest

from phoihop.vn.dates import (
    format_long,
    format_period,
    format_place_date,
    format_short,
    parse_date,
    parse_period,
)


def test_it_formats_short_dates_zero_padded() -> None:
    assert format_short(date(2023, 9, 15)) == "15/09/2023"
    assert format_short(date(2020, 1, 5)) == "05/01/2020"


def test_it_pads_day_below_10_and_months_1_and_2_only() -> None:
    assert format_long(date(2020, 1, 5)) == "ngày 05 tháng 01 năm 2020"
    assert format_long(date(2019, 6, 29)) == "ngày 29 tháng 6 năm 2019"
    assert format_long(date(2018, 2, 20)) == "ngày 20 tháng 02 năm 2018"
    assert format_long(date(2023, 12, 9)) == "ngày 09 tháng 12 năm 2023"
    assert format_long(date(2023, 3, 10)) == "ngày 10 tháng 3 năm 2023"


def test_it_formats_the_place_and_date_line() -> None:
    assert format_place_date("Quận 4", date(2023, 9, 15)) == "Quận 4, ngày 15 tháng 9 năm 2023"
    assert format_place_date(" Thành phố  Hồ Chí Minh ", date(2019, 6, 29)) == (
        "Thành phố Hồ Chí Minh, ngày 29 tháng 6 năm 2019"
    )
    with pytest.raises(ValueError, match="Địa danh"):
        format_place_date("  ", date(2023, 9, 15))


@pytest.mark.parametrize(
    "text",
    [
        "15/9/2023",
        "15/09/2023",
        "15-9-2023",
        "15.09.2023",
        "2023-09-15",
        " 15 / 9 / 2023 ",
        "15\u20139\u20132023",
        "ngày 15 tháng 9 năm 2023",
    ],
)
def test_it_parses_day_first_dates(text: str) -> None:
    assert parse_date(text) == date(2023, 9, 15)


def test_it_parses_party_style_citation_dates() -> None:
    assert parse_date("01-10-1997") == date(1997, 10, 1)
    assert parse_date("26-1-2010") == date(2010, 1, 26)


@pytest.mark.parametrize(
    "text", ["09/15/2023", "31/02/2023", "15/9/23", "15/9-2023", "2023/09/15", "", "hôm nay"]
)
def test_it_rejects_month_first_and_invalid_dates(text: str) -> None:
    with pytest.raises(ValueError, match="Ngày không hợp lệ"):
        parse_date(text)


def test_it_formats_periods() -> None:
    assert format_period(2022, 2025) == "2022\u20132025"
    assert format_period(2016, 2021, document=True) == "2016-2021"
    with pytest.raises(ValueError, match="năm kết thúc"):
        format_period(2025, 2022)


@pytest.mark.parametrize(
    "text",
    [
        "2022-2025",
        "2022 – 2025",
        "2022 - 2025",
        "giai đoạn 2022–2025",
        "Giai đoạn 2022 - 2025",
        "giai doan 2022-2025",
    ],
)
def test_it_parses_periods(text: str) -> None:
    assert parse_period(text) == (2022, 2025)


def test_it_rejects_reversed_or_malformed_periods() -> None:
    with pytest.raises(ValueError, match="năm kết thúc \\(2021\\) trước năm bắt đầu \\(2022\\)"):
        parse_period("2022-2021")
    for text in ["2022", "22-25", "2022/2025", "nhiệm kỳ 2020-2025"]:
        with pytest.raises(ValueError, match="Giai đoạn không hợp lệ"):
            parse_period(text)
