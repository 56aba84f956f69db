"""Reading an agreement's fields from its paragraphs (no database): documents as agencies type
them, not only as phoihop writes them, and PDF lines joined back into paragraphs."""

from __future__ import annotations

import datetime

from phoihop.imports.agreement_text import Span, extract
from phoihop.imports.document_text import join_lines

# A program as a provincial command types it: the type name on its own line, the summary on two,
# dash-led legal bases, sub-points inside a content area, the recipients beside the signatures
# (a two-column table read column by column), a deputy signing for the head.
PROGRAM = [
    "BỘ CHỈ HUY QUÂN SỰ TỈNH QUẢNG NINH",
    "BAN TUYÊN GIÁO TỈNH ỦY",
    "Số: 03/CTr-BCHQS-BTGTU",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Quảng Ninh, ngày 15 tháng 9 năm 2023",
    "CHƯƠNG TRÌNH",
    "Phối hợp thực hiện công tác tuyên truyền về quốc phòng",
    "giai đoạn 2022 – 2025",
    "",
    "- Căn cứ Nghị quyết số 03-NQ/TU ngày 23/3/2021 của Ban Thường vụ Tỉnh ủy;",
    "- Căn cứ chức năng, nhiệm vụ của mỗi bên.",
    "Bộ Chỉ huy Quân sự tỉnh và Ban Tuyên giáo Tỉnh ủy thống nhất xây dựng Chương trình như sau:",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "1. Mục đích",
    "Nâng cao nhận thức về nhiệm vụ quốc phòng.",
    "II. NỘI DUNG PHỐI HỢP",
    "1. Tuyên truyền về nhiệm vụ quân sự, quốc phòng",
    "Hai bên phối hợp tuyên truyền trên báo chí và hệ thống truyền thanh.",
    "2. Giáo dục quốc phòng và an ninh.",
    "a) Tổ chức bồi dưỡng kiến thức quốc phòng cho cán bộ;",
    "1. Số lớp bồi dưỡng do hai bên thống nhất hằng năm.",
    "3. Xây dựng cơ sở chính trị",
    "III. TỔ CHỨC THỰC HIỆN",
    "1. Trách nhiệm của Bộ Chỉ huy Quân sự tỉnh Quảng Ninh",
    "- Chủ trì tổ chức thực hiện Chương trình.",
    "2. Trách nhiệm của Ban Tuyên giáo Tỉnh ủy",
    "- Phối hợp tổ chức thực hiện.",
    "Nơi nhận:",
    "- Thường trực Tỉnh ủy;",
    "- Lưu: VT.",
    "KT. CHỈ HUY TRƯỞNG",
    "PHÓ CHỈ HUY TRƯỞNG",
    "",
    "Đại tá Nguyễn Văn Bình",
    "TRƯỞNG BAN",
    "",
    "Trần Thị Hoa",
]

# A regulation in the Party's format: "Số 05-QC/…" without a colon, chapters with their titles
# on the next line, articles numbered through the whole text, the methods an article of their
# own, a collective signing ("T/M").
REGULATION = [
    "QUẬN ỦY QUẬN 4",
    "BAN TUYÊN GIÁO QUẬN ỦY QUẬN 4",
    "ĐẢNG ỦY QUÂN SỰ QUẬN 4",
    "*",
    "Số 05-QC/BTGQU-ĐUQS",
    "ĐẢNG CỘNG SẢN VIỆT NAM",
    "Quận 4, ngày 05 tháng 01 năm 2024",
    "QUY CHẾ PHỐI HỢP",
    "giữa Ban Tuyên giáo Quận ủy với Đảng ủy Quân sự Quận 4",
    "",
    "Chương I",
    "QUY ĐỊNH CHUNG",
    "Điều 1. Phạm vi điều chỉnh",
    "Quy chế này quy định việc phối hợp.",
    "Chương II",
    "NỘI DUNG, PHƯƠNG THỨC PHỐI HỢP",
    "Điều 2. Định hướng tư tưởng",
    "Bên thực hiện: Ban Tuyên giáo Quận ủy Quận 4 và Đảng ủy Quân sự Quận 4.",
    "Chỉ tiêu: 12 buổi tuyên truyền.",
    "Điều 3. Đấu tranh phản bác quan điểm sai trái",
    "Phối hợp đấu tranh trên không gian mạng.",
    "Điều 4. Phương thức phối hợp",
    "- Trao đổi thông tin hằng quý.",
    "Chương III",
    "TỔ CHỨC THỰC HIỆN",
    "Điều 5. Hiệu lực",
    "Quy chế có hiệu lực kể từ ngày ký, thực hiện trong giai đoạn 2024-2026.",
    "T/M ĐẢNG ỦY",
    "ĐẢNG ỦY QUÂN SỰ QUẬN 4",
    "BÍ THƯ",
    "",
    "Thượng tá Lê Văn Cường",
    "BAN TUYÊN GIÁO QUẬN ỦY QUẬN 4",
    "PHÓ TRƯỞNG BAN",
    "",
    "Phạm Thị Dung",
    "Nơi nhận:",
    "- Quận ủy Quận 4 (để báo cáo);",
    "- Lưu Ban Tuyên giáo Quận ủy Quận 4.",
]


def text_of(lines: list[str], span: Span) -> str:
    return lines[span.line][span.start : span.end]


def test_it_reads_the_header_of_a_program() -> None:
    found = extract(PROGRAM)
    assert found.kind is not None and found.kind.value == "program"
    assert text_of(found.lines, found.kind.spans[0]) == "CHƯƠNG TRÌNH"
    assert found.number_symbol is not None
    assert found.number_symbol.value == "03/CTr-BCHQS-BTGTU"
    assert text_of(found.lines, found.number_symbol.spans[0]) == "03/CTr-BCHQS-BTGTU"
    assert found.signed_on is not None and found.signed_on.value == datetime.date(2023, 9, 15)
    assert text_of(found.lines, found.signed_on.spans[0]) == "ngày 15 tháng 9 năm 2023"
    assert [i.value for i in found.issuers] == [
        "BỘ CHỈ HUY QUÂN SỰ TỈNH QUẢNG NINH",
        "BAN TUYÊN GIÁO TỈNH ỦY",
    ]


def test_it_makes_the_title_from_the_type_name_and_the_summary() -> None:
    found = extract(PROGRAM)
    assert found.title is not None
    assert found.title.value == (
        "Chương trình phối hợp thực hiện công tác tuyên truyền về quốc phòng giai đoạn 2022 – 2025"
    )
    assert [s.line for s in found.title.spans] == [7, 8]
    assert found.period is not None and found.period.value == (2022, 2025)


def test_it_reads_the_legal_bases_without_their_dash_and_punctuation() -> None:
    found = extract(PROGRAM)
    assert [b.value for b in found.legal_bases] == [
        "Nghị quyết số 03-NQ/TU ngày 23/3/2021 của Ban Thường vụ Tỉnh ủy",
        "chức năng, nhiệm vụ của mỗi bên",
    ]
    first = found.legal_bases[0].spans[0]
    assert text_of(found.lines, first).startswith("Nghị quyết số 03-NQ/TU")


def test_it_reads_the_numbered_content_areas_in_sequence() -> None:
    found = extract(PROGRAM)
    assert [(a.number, a.title) for a in found.areas] == [
        (1, "Tuyên truyền về nhiệm vụ quân sự, quốc phòng"),
        (2, "Giáo dục quốc phòng và an ninh"),
        (3, "Xây dựng cơ sở chính trị"),
    ]
    # "1. Số lớp …" inside the second area is its text, not a new area.
    assert found.areas[1].text == (
        "a) Tổ chức bồi dưỡng kiến thức quốc phòng cho cán bộ;\n"
        "1. Số lớp bồi dưỡng do hai bên thống nhất hằng năm."
    )
    assert text_of(found.lines, found.areas[0].spans[0]) == found.areas[0].title


def test_it_reads_the_parties_roles_from_their_duties() -> None:
    found = extract(PROGRAM)
    assert [(m.name, m.role) for m in found.mentions] == [
        ("Bộ Chỉ huy Quân sự tỉnh Quảng Ninh", "lead"),
        ("Ban Tuyên giáo Tỉnh ủy", "cooperating"),
    ]


def test_it_reads_signature_blocks_beside_the_recipients() -> None:
    found = extract(PROGRAM)
    assert [(s.authority, s.body, s.position, s.rank, s.name) for s in found.signatures] == [
        ("KT. CHỈ HUY TRƯỞNG", "", "Phó Chỉ huy trưởng", "Đại tá", "Nguyễn Văn Bình"),
        ("", "", "Trưởng ban", "", "Trần Thị Hoa"),
    ]


def test_it_reads_a_regulation_in_the_party_format() -> None:
    found = extract(REGULATION)
    assert found.kind is not None and found.kind.value == "regulation"
    assert found.number_symbol is not None and found.number_symbol.value == "05-QC/BTGQU-ĐUQS"
    assert found.signed_on is not None and found.signed_on.value == datetime.date(2024, 1, 5)
    assert found.title is not None
    assert (
        found.title.value
        == "Quy chế phối hợp giữa Ban Tuyên giáo Quận ủy với Đảng ủy Quân sự Quận 4"
    )
    # No period in the title: the body's "thực hiện trong giai đoạn …".
    assert found.period is not None and found.period.value == (2024, 2026)
    assert found.legal_bases == []
    # Articles become content areas numbered from 1; the methods are not one.
    assert [(a.number, a.title) for a in found.areas] == [
        (1, "Định hướng tư tưởng"),
        (2, "Đấu tranh phản bác quan điểm sai trái"),
    ]
    assert found.areas[0].responsible == "Ban Tuyên giáo Quận ủy Quận 4 và Đảng ủy Quân sự Quận 4"
    assert found.areas[0].text == ""  # the target line is not the area's text
    assert [i.value for i in found.issuers] == [
        "QUẬN ỦY QUẬN 4",
        "BAN TUYÊN GIÁO QUẬN ỦY QUẬN 4",
        "ĐẢNG ỦY QUÂN SỰ QUẬN 4",
    ]
    assert [(s.authority, s.body, s.position, s.rank, s.name) for s in found.signatures] == [
        ("T/M ĐẢNG ỦY", "ĐẢNG ỦY QUÂN SỰ QUẬN 4", "Bí thư", "Thượng tá", "Lê Văn Cường"),
        ("", "BAN TUYÊN GIÁO QUẬN ỦY QUẬN 4", "Phó Trưởng ban", "", "Phạm Thị Dung"),
    ]


def test_it_leaves_out_what_the_text_does_not_say() -> None:
    found = extract(
        [
            "ỦY BAN NHÂN DÂN XÃ AN PHÚ",
            "Số: /KH-UBND",
            "An Phú, ngày 31 tháng 2 năm 2023",
            "KẾ HOẠCH PHỐI HỢP",
            "Tổ chức ngày hội quốc phòng toàn dân",
            "",
            "Nội dung chung.",
        ]
    )
    assert found.kind is not None and found.kind.value == "plan"
    assert found.number_symbol is None  # a number left blank is not invented
    assert found.signed_on is None  # no 31 February
    assert found.period is None and found.areas == [] and found.signatures == []
    assert found.title is not None
    assert found.title.value == "Kế hoạch phối hợp tổ chức ngày hội quốc phòng toàn dân"


def test_it_reads_nothing_from_a_text_that_is_not_an_agreement() -> None:
    found = extract(["Biên bản họp chi bộ", "Nội dung cuộc họp ngày 12/3."])
    assert found.kind is None and found.title is None and found.number_symbol is None
    assert not found.is_empty
    assert extract(["", "  "]).is_empty


def test_it_joins_pdf_lines_into_paragraphs() -> None:
    lines = [
        # header cells: names in capitals stay apart, to be matched over several lines
        ("BAN TUYÊN GIÁO QUẬN ỦY", None, False),
        ("QUẬN 4", None, False),
        ("CHƯƠNG TRÌNH PHỐI HỢP", 30, True),
        ("giữa Ban Chỉ huy Quân sự Quận 4 và Ban Tuyên giáo Quận ủy Quận 4 giai", 0, False),
        ("đoạn 2022-2025", 30, False),
        # a paragraph: indented first line, continuation lines at the margin
        ("Ban Chỉ huy Quân sự Quận 4 và Ban Tuyên giáo Quận ủy Quận 4 thống", 6, True),
        ("nhất xây dựng chương trình như sau:", 0, False),
        ("1. Định hướng tư tưởng, tuyên truyền về quân sự, quốc phòng", 6, False),
        ("Ban Tuyên giáo Quận ủy phối hợp với Ban Chỉ huy Quân sự Quận 4", 6, False),
        ("Thành phố Hồ Chí Minh trong công tác tuyên truyền.", 0, False),
        # a line whose indent is not known (inside a table) after a full line
        ("- Thực hiện nội dung phối hợp số 1: định hướng tư tưởng, tuyên truyền về", None, False),
        ("quân sự, quốc phòng.", None, False),
    ]
    assert join_lines(lines) == [
        "BAN TUYÊN GIÁO QUẬN ỦY",
        "QUẬN 4",
        "",  # the blank above the type name
        "CHƯƠNG TRÌNH PHỐI HỢP",
        "giữa Ban Chỉ huy Quân sự Quận 4 và Ban Tuyên giáo Quận ủy Quận 4 giai đoạn 2022-2025",
        "",
        "Ban Chỉ huy Quân sự Quận 4 và Ban Tuyên giáo Quận ủy Quận 4 thống nhất xây dựng "
        "chương trình như sau:",
        "1. Định hướng tư tưởng, tuyên truyền về quân sự, quốc phòng",
        "Ban Tuyên giáo Quận ủy phối hợp với Ban Chỉ huy Quân sự Quận 4 Thành phố Hồ Chí Minh "
        "trong công tác tuyên truyền.",
        "- Thực hiện nội dung phối hợp số 1: định hướng tư tưởng, tuyên truyền về quân sự, "
        "quốc phòng.",
    ]
