import unicodedata

import pytest

from phoihop.vn.collation import compare, filing_name, sort_key, vi_sorted


def test_it_sorts_in_vietnamese_alphabetical_order() -> None:
    items = ["Đà Nẵng", "Đảng ủy", "Dương", "an", "ăn", "âm", "ba", "Ủy ban"]
    assert vi_sorted(items) == ["an", "ăn", "âm", "ba", "Dương", "Đà Nẵng", "Đảng ủy", "Ủy ban"]


def test_it_differs_from_code_point_order() -> None:
    items = ["Ủy ban", "ưa", "Ân", "ba", "Đông", "zê"]
    assert sorted(items)[-1] != "zê"
    assert vi_sorted(items) == ["Ân", "ba", "Đông", "Ủy ban", "ưa", "zê"]


def test_it_orders_tones_ngang_huyen_hoi_nga_sac_nang() -> None:
    assert vi_sorted(["cạ", "cá", "cã", "cả", "cà", "ca"]) == ["ca", "cà", "cả", "cã", "cá", "cạ"]


def test_it_compares_base_letters_and_spaces() -> None:
    assert compare("a", "ă") == -1
    assert compare("ă", "â") == -1
    assert compare("đa", "dê") == 1
    assert compare("Đà Nẵng", "Đảng ủy") == -1
    assert compare("ơn", "ôm") == 1
    assert compare("Quận 4", "Quận 4") == 0


def test_it_gives_nfd_and_nfc_the_same_sort_key() -> None:
    text = "Việt Nam Quyết định"
    assert sort_key(unicodedata.normalize("NFD", text)) == sort_key(text)
    assert isinstance(sort_key(text), bytes)


def test_it_sorts_records_by_key_and_in_reverse() -> None:
    records = [(1, "Điện Biên"), (2, "Cà Mau"), (3, "Đà Nẵng")]
    assert [r[0] for r in vi_sorted(records, key=lambda r: r[1])] == [2, 3, 1]
    assert vi_sorted(["ba", "ăn", "an"], reverse=True) == ["ba", "ăn", "an"]


def test_it_orders_numbers_inside_names_by_value() -> None:
    assert vi_sorted(["Quận 10", "Quận 4", "Quận 2", "Quận 1"]) == ["Quận 1", "Quận 2", "Quận 4", "Quận 10"]
    assert vi_sorted(["Phường 12", "Phường 1 Bảo Lộc", "Phường 2 Bảo Lộc"]) == [
        "Phường 1 Bảo Lộc",
        "Phường 2 Bảo Lộc",
        "Phường 12",
    ]
    assert compare("Quận 10", "Quận 4") == 1


def test_it_puts_d_stroke_after_d_and_before_t() -> None:
    assert vi_sorted(["Toàn dân bảo vệ an ninh Tổ quốc", "Đơn vị tiên tiến", "Dân vận khéo"]) == [
        "Dân vận khéo",
        "Đơn vị tiên tiến",
        "Toàn dân bảo vệ an ninh Tổ quốc",
    ]


@pytest.mark.parametrize(
    ("name", "filed"),
    [
        ("Thành phố Hồ Chí Minh", "Hồ Chí Minh"),
        ("Thành phố  Đà Nẵng", "Đà Nẵng"),
        ("Tỉnh Quảng Ninh", "Quảng Ninh"),
        ("TP. Huế", "Huế"),
        ("TP Cần Thơ", "Cần Thơ"),
        ("Tỉnh ủy Quảng Ninh", "Tỉnh ủy Quảng Ninh"),
        ("Thành ủy Móng Cái", "Thành ủy Móng Cái"),
        ("Thành phố trực thuộc trung ương", "Thành phố trực thuộc trung ương"),
        ("Bộ Tư lệnh Thành phố Hồ Chí Minh", "Bộ Tư lệnh Thành phố Hồ Chí Minh"),
        (" Ban Chỉ huy Quân sự  Quận 4 ", "Ban Chỉ huy Quân sự Quận 4"),
        ("Tỉnh", "Tỉnh"),
    ],
)
def test_it_files_cities_and_provinces_under_their_proper_name(name: str, filed: str) -> None:
    assert filing_name(name) == filed


def test_it_sorts_cities_among_the_provinces_by_filing_name() -> None:
    names = ["Thành phố Hồ Chí Minh", "Tỉnh Quảng Ninh", "Gia Lai", "Thành phố Huế", "Hưng Yên"]
    assert vi_sorted(names, key=filing_name) == [
        "Gia Lai",
        "Thành phố Hồ Chí Minh",
        "Thành phố Huế",
        "Hưng Yên",
        "Tỉnh Quảng Ninh",
    ]
