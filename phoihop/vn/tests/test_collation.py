import unicodedata

from phoihop.vn.collation import compare, sort_key, vi_sorted


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
