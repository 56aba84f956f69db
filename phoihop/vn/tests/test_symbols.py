import pytest

from phoihop.vn.symbols import (
    DOC_TYPES,
    ParsedSymbol,
    SymbolError,
    doc_type_name,
    format_number_line,
    format_symbol,
    is_party_form,
    parse_symbol,
)


def test_it_lists_the_decree_30_and_party_type_abbreviations() -> None:
    assert DOC_TYPES["CTr"] == "Chương trình"
    assert DOC_TYPES["QyĐ"] == "Quy định"
    assert DOC_TYPES["TTr"] == "Tờ trình"
    assert DOC_TYPES["ĐA"] == "Đề án"
    assert DOC_TYPES["DA"] == "Dự án"
    assert doc_type_name("KL") == "Kết luận"
    assert doc_type_name("XYZ") is None


def test_it_parses_the_state_form() -> None:
    assert parse_symbol("03/CTr-BCHQS") == ParsedSymbol(3, None, "CTr", ("BCHQS",), "state")
    assert parse_symbol("Số: 12/BC-UBND") == ParsedSymbol(12, None, "BC", ("UBND",), "state")
    assert parse_symbol("  Số 15/QĐ-BNV ") == ParsedSymbol(15, None, "QĐ", ("BNV",), "state")


def test_it_parses_joint_state_documents() -> None:
    parsed = parse_symbol("03/CTr-BCHQS-BTGQU")
    assert parsed.doc_type == "CTr"
    assert parsed.issuers == ("BCHQS", "BTGQU")


def test_it_parses_a_state_cong_van_without_a_type() -> None:
    assert parse_symbol("Số: 05/BNV-VP") == ParsedSymbol(5, None, "", ("BNV", "VP"), "state")
    assert format_symbol(parse_symbol("12/UBND-VX")) == "12/UBND-VX"


def test_it_parses_the_year_of_a_normative_document() -> None:
    parsed = parse_symbol("Số: 30/2020/NĐ-CP")
    assert (parsed.number, parsed.year, parsed.doc_type, parsed.issuers) == (
        30,
        2020,
        "NĐ",
        ("CP",),
    )
    assert format_symbol(parsed) == "30/2020/NĐ-CP"


def test_it_parses_the_party_form() -> None:
    assert parse_symbol("05-CTr/BTGQU") == ParsedSymbol(5, None, "CTr", ("BTGQU",), "party")
    assert parse_symbol("Số 05-ĐA/TU").doc_type == "ĐA"
    assert parse_symbol("24-BS/UBKTTU").issuers == ("UBKTTU",)
    assert parse_symbol("161-CTr/BCSĐUBND-BDVTU").issuers == ("BCSĐUBND", "BDVTU")


def test_it_parses_joint_party_documents_with_local_types() -> None:
    parsed = parse_symbol("01-CTrPH/BTGTU-BCHQS")
    assert parsed == ParsedSymbol(1, None, "CTrPH", ("BTGTU", "BCHQS"), "party")
    assert parse_symbol("01-QCPH/UBND-BDVTU").doc_type == "QCPH"


def test_it_accepts_pasted_dashes_spaces_and_nfd() -> None:
    assert format_symbol(parse_symbol("03/CTr\u2013BCHQS")) == "03/CTr-BCHQS"
    assert format_symbol(parse_symbol("Số 05 \u2013 ĐA / TU")) == "05-ĐA/TU"
    assert format_symbol(parse_symbol("So\u0302\u0301: 3/CTR-BCHQS")) == "03/CTr-BCHQS"


def test_it_allows_digits_in_issuer_abbreviations() -> None:
    assert parse_symbol("07/KH-QU4-BCHQS").issuers == ("QU4", "BCHQS")


def test_it_formats_with_two_digit_numbers() -> None:
    assert format_symbol(parse_symbol("3/CTr-BCHQS")) == "03/CTr-BCHQS"
    assert format_symbol(parse_symbol("003-KH/TU")) == "03-KH/TU"
    assert format_symbol(parse_symbol("2075-CTr/BDVTW-TCCT")) == "2075-CTr/BDVTW-TCCT"
    assert format_symbol(parse_symbol("10/BC-UBND")) == "10/BC-UBND"


def test_it_writes_the_number_label_per_form() -> None:
    assert format_number_line(parse_symbol("3/CTr-BCHQS")) == "Số: 03/CTr-BCHQS"
    assert format_number_line(parse_symbol("5-ĐA/TU")) == "Số 05-ĐA/TU"


def test_it_tells_party_form_from_state_form() -> None:
    assert is_party_form("05-CTr/BTGQU")
    assert not is_party_form("03/CTr-BCHQS")
    assert not is_party_form("rác")


@pytest.mark.parametrize(
    "text",
    [
        "abc",
        "CTr-BCHQS",
        "03/ctr-bchqs",
        "03/CTr-",
        "05-CTr/",
        "05-CTr",
        "03/CTr-BCHQS/X",
        "05/CTr/BTGQU",
        "03-/BCHQS",
        "05-ctr/TU",
        "03/CTr-BCH QS",
    ],
)
def test_it_rejects_malformed_symbols_in_vietnamese(text: str) -> None:
    with pytest.raises(SymbolError) as info:
        parse_symbol(text)
    message = str(info.value)
    assert "không đúng mẫu" in message or "thiếu cơ quan ban hành" in message
    assert "03/CTr-BCHQS (văn bản nhà nước)" in message
    assert "05-CTr/BTGQU (văn bản của Đảng)" in message


def test_it_rejects_empty_and_zero_numbers() -> None:
    with pytest.raises(SymbolError, match="không được để trống"):
        parse_symbol("  ")
    with pytest.raises(SymbolError, match="từ 01 trở lên"):
        parse_symbol("00/CTr-BCHQS")
    assert isinstance(SymbolError("x"), ValueError)


def test_it_validates_directly_built_symbols() -> None:
    with pytest.raises(SymbolError):
        ParsedSymbol(5, None, "", ("TU",), "party")
    with pytest.raises(SymbolError):
        ParsedSymbol(5, None, "KH", ("tu",), "party")
    with pytest.raises(SymbolError):
        ParsedSymbol(5, 2020, "", ("BNV",), "state")
