import unicodedata

from phoihop.vn.text import (
    clean,
    clean_name,
    exact_key,
    fold,
    nfc,
    normalize_dashes,
    normalize_tone_placement,
)

ORG = "Ban Tuyên giáo Quận ủy Quận 4"


def _nfd(s: str) -> str:
    return unicodedata.normalize("NFD", s)


def _matches(query: str, text: str) -> bool:
    words = fold(text).split()
    return all(word in words for word in fold(query).split())


def test_it_composes_nfd_input_to_nfc() -> None:
    assert nfc(_nfd("Việt Nam Quyết định")) == "Việt Nam Quyết định"
    assert len(nfc(_nfd("Việt Nam Quyết định"))) == 19


def test_it_drops_stray_combining_marks() -> None:
    assert nfc("\u0301Quận 4") == "Quận 4"
    assert nfc("Quận \u0300\u03014") == "Quận 4"
    assert nfc("a\u0301") == "á"


def test_it_replaces_unicode_dashes_with_hyphen_minus() -> None:
    assert normalize_dashes("Độc lập \u2013 Tự do \u2014 Hạnh phúc") == (
        "Độc lập - Tự do - Hạnh phúc"
    )
    assert normalize_dashes("\u22125 \u20102") == "-5 -2"


def test_it_cleans_user_input_but_keeps_tone_placement() -> None:
    assert clean("  Ban\u00a0Tuyên   giáo\t\u2013 Quận uỷ \n") == "Ban Tuyên giáo - Quận uỷ"
    assert clean(_nfd(" Hoà Bình ")) == "Hoà Bình"
    assert clean("\ufeffĐảng\u200b ủy") == "Đảng ủy"


def test_it_maps_both_tone_placements_to_one_form() -> None:
    pairs = [
        ("hoà", "hòa"),
        ("hoá", "hóa"),
        ("hoả", "hỏa"),
        ("xoã", "xõa"),
        ("hoạ", "họa"),
        ("loè", "lòe"),
        ("khoẻ", "khỏe"),
        ("tuỳ", "tùy"),
        ("thuý", "thúy"),
        ("Uỷ", "Ủy"),
        ("luỹ", "lũy"),
        ("thuỵ", "thụy"),
        ("CỘNG HOÀ", "CỘNG HÒA"),
        ("UỶ BAN", "ỦY BAN"),
    ]
    for old, new in pairs:
        assert normalize_tone_placement(old) == normalize_tone_placement(new) == new


def test_it_leaves_clusters_with_a_single_spelling_alone() -> None:
    for word in ["hoàng", "kế hoạch", "Huỳnh", "toàn", "quý", "Quỳnh", "khuya"]:
        assert normalize_tone_placement(word) == word


def test_it_folds_diacritics_case_and_d_stroke() -> None:
    assert fold(ORG) == "ban tuyen giao quan uy quan 4"
    assert fold("Đà Nẵng") == fold("da nang") == "da nang"
    assert fold("ĐẢNG ỦY") == "dang uy"


def test_it_folds_nfd_input_like_nfc_input() -> None:
    assert fold(_nfd(ORG)) == fold(ORG)
    assert fold(_nfd("Điện Biên")) == "dien bien"


def test_it_finds_unaccented_query_words_in_the_name() -> None:
    assert _matches("Ban Tuyen giao quan 4", ORG)
    assert _matches("dan van kheo", "Phong trào thi đua Dân vận khéo")
    assert not _matches("Ban Dan van", ORG)


def test_it_matches_d_with_d_stroke() -> None:
    assert _matches("dang uy", "Đảng ủy phường Bến Thành")
    assert _matches("Đảng", "DANG UY")


def test_it_gives_old_and_new_tone_placement_the_same_keys() -> None:
    assert fold("Cộng hoà") == fold("Cộng hòa")
    assert exact_key("Uỷ ban nhân dân") == exact_key("ỦY BAN NHÂN DÂN") == "ủy ban nhân dân"


def test_it_keeps_diacritics_in_the_exact_key() -> None:
    assert exact_key("Đà Nẵng") != exact_key("Da Nang")
    assert exact_key(_nfd(" Đà  Nẵng ")) == "đà nẵng"


def test_it_normalises_whitespace_in_a_name_and_keeps_its_dashes() -> None:
    assert clean_name("  Xã\u00a0 Phú  Hữu\t") == "Xã Phú Hữu"
    assert clean_name("Phường\u2003Tân\u200b An\u3000") == "Phường Tân An"
    assert clean_name("giai đoạn 2022–2025") == "giai đoạn 2022–2025"
    assert clean_name(_nfd("Quận ủy")) == "Quận ủy"


def test_it_knows_every_combining_mark_as_unicodedata_does() -> None:
    from phoihop.vn.text import _is_mark

    for code in [*range(0x10000), 0x1D167, 0x1D16D, 0x1F600, 0xE0100]:  # astral marks and a letter
        ch = chr(code)
        assert _is_mark(ch) == unicodedata.category(ch).startswith("M"), hex(code)


def test_it_drops_a_stray_mark_outside_the_basic_plane() -> None:
    assert nfc("\U0001d167ab \U0001d167cd") == "ab cd"
