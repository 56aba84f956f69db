"""The generic layer read back with python-docx: every presentation rule of Decree 30 and of
the Party form that a .docx can show."""

from __future__ import annotations

import datetime

import pytest
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from openpyxl import load_workbook

from phoihop.documents.official import (
    CELL_PADDING_MM,
    PARTY_TITLE,
    QUOC_HIEU,
    TIEU_NGU,
    Appendix,
    Form,
    Heading,
    Issuer,
    ListItem,
    OfficialDocument,
    Paragraph,
    Signer,
    Table,
    point_label,
    render_docx,
    roman,
    signer_for,
    table_widths,
    text_width_mm,
)
from phoihop.documents.tests.readback import (
    all_paragraphs,
    borders,
    cell_paragraphs,
    field_codes,
    find,
    following,
    has_bottom_rule,
    load,
    style,
)
from phoihop.documents.workbook import Sheet, render_xlsx

COMMAND = Issuer(name="Ban Chỉ huy Quân sự Quận 4", symbol="BCHQS", superior="Bộ Tư lệnh Thành phố Hồ Chí Minh")
BOARD = Issuer(name="Ban Tuyên giáo Quận ủy Quận 4", symbol="BTGQU", superior="Quận ủy Quận 4", is_party=True)
COMMANDER = Signer(authority="KT. Chỉ huy trưởng", position="Phó Chỉ huy trưởng", name="Nguyễn Văn An", rank="Thượng tá")
SECRETARY = Signer(authority="TM. Ban Thường vụ", position="Phó Bí thư", name="Trần Thị Bình")
TABLE = Table(columns=["TT", "Nội dung", "Kết quả"], rows=[[1, "Buổi tuyên truyền", 12], [2, "Lượt người", 1250]])


def make(issuers: list[Issuer], signers: list[Signer], **extra: object) -> OfficialDocument:
    fields: dict[str, object] = {
        "doc_type": "BC", "number": 5, "place": "Quận 4", "date": datetime.date(2023, 1, 5),
        "title": "Sơ kết 03 năm thực hiện Chương trình phối hợp", "recipients": ["Bộ Tư lệnh Thành phố"],
        "body": [
            Paragraph("Căn cứ Quyết định số 23-QĐ/TW ngày 30/7/2021.", italic=True),
            Heading(f"{roman(1)}. KẾT QUẢ THỰC HIỆN", 1),
            Heading("1. Công tác tuyên truyền", 2),
            Paragraph("Đã tổ chức 12 buổi tuyên truyền với 1.250 lượt người tham gia."),
            ListItem("Tuyên truyền trên loa truyền thanh.", label=point_label(1)),
            TABLE,
        ],
    }
    fields.update(extra)
    return OfficialDocument(issuers=issuers, signers=signers, **fields)  # type: ignore[arg-type]


@pytest.fixture
def state_doc() -> DocxDocument:
    return load(render_docx(make([COMMAND], [COMMANDER], addressees=["Bộ Tư lệnh Thành phố Hồ Chí Minh"])))


@pytest.fixture
def party_doc() -> DocxDocument:
    return load(render_docx(make([BOARD], [SECRETARY])))


@pytest.fixture
def joint_doc() -> DocxDocument:
    return load(render_docx(make([COMMAND, BOARD], [COMMANDER, Signer(position="Trưởng ban", name="Trần Thị Bình")])))


@pytest.mark.parametrize("name", ["state_doc", "party_doc", "joint_doc"])
def test_it_sets_up_a4_portrait_with_the_margins(name: str, request: pytest.FixtureRequest) -> None:
    doc = request.getfixturevalue(name)
    section = doc.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    # Decree 30: top/bottom 20-25, left 30-35, right 15-20 mm; the Party form 20/20/30/15.
    assert round(section.top_margin.mm) == 20 and round(section.bottom_margin.mm) == 20
    assert round(section.left_margin.mm) == 30 and round(section.right_margin.mm) == 15


@pytest.mark.parametrize("name", ["state_doc", "party_doc", "joint_doc"])
def test_it_writes_every_run_in_black_times_new_roman(name: str, request: pytest.FixtureRequest) -> None:
    doc = request.getfixturevalue(name)
    runs = [r for p in all_paragraphs(doc) for r in p.runs if r.text]
    assert runs
    for run in runs:
        assert run.font.name == "Times New Roman", run.text
        fonts = run._element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:hAnsi")) == "Times New Roman"
        assert str(run.font.color.rgb) == "000000"
        assert not run.font.underline or run.text == "Nơi nhận:", run.text
    assert doc.styles["Normal"].font.name == "Times New Roman"


def test_it_lays_out_the_state_header_as_a_borderless_two_column_table(state_doc: DocxDocument) -> None:
    header = state_doc.tables[0]
    assert len(header.columns) == 2
    assert set(borders(header).values()) == {"nil"}
    left = [p.text for p in header.rows[0].cells[0].paragraphs if p.text]
    right = [p.text for p in header.rows[0].cells[1].paragraphs if p.text]
    assert left == ["BỘ TƯ LỆNH TP HỒ CHÍ MINH", "BAN CHỈ HUY QUÂN SỰ QUẬN 4"]
    assert right == [QUOC_HIEU, TIEU_NGU]
    # "Số" and the date line share the row under the issuer and the national name.
    assert header.rows[1].cells[0].paragraphs[0].text == "Số: 05/BC-BCHQS"
    assert header.rows[1].cells[1].paragraphs[0].text == "Quận 4, ngày 05 tháng 01 năm 2023"


def test_it_sizes_and_weights_each_state_header_element(state_doc: DocxDocument) -> None:
    paragraphs = list(cell_paragraphs(state_doc.tables[0]))
    assert style(find(paragraphs, QUOC_HIEU)) == (12, True, False)
    assert style(find(paragraphs, TIEU_NGU)) == (13, True, False)
    assert style(find(paragraphs, "BỘ TƯ LỆNH TP HỒ CHÍ MINH")) == (12, False, False)
    assert style(find(paragraphs, "BAN CHỈ HUY QUÂN SỰ QUẬN 4")) == (12, True, False)
    assert style(find(paragraphs, "Số: 05/BC-BCHQS")) == (13, False, False)
    assert style(find(paragraphs, "Quận 4, ngày 05 tháng 01 năm 2023")) == (13, False, True)
    body = list(state_doc.paragraphs)
    assert style(find(body, "BÁO CÁO")) == (14, True, False)
    assert style(find(body, "Sơ kết 03 năm thực hiện Chương trình phối hợp")) == (14, True, False)


def test_it_rules_the_motto_issuer_and_summary_with_borders_not_underline(state_doc: DocxDocument) -> None:
    paragraphs = list(cell_paragraphs(state_doc.tables[0]))
    assert has_bottom_rule(following(paragraphs, find(paragraphs, TIEU_NGU)))
    assert has_bottom_rule(following(paragraphs, find(paragraphs, "BAN CHỈ HUY QUÂN SỰ QUẬN 4")))
    body = list(state_doc.paragraphs)
    assert has_bottom_rule(following(body, find(body, "Sơ kết 03 năm thực hiện Chương trình phối hợp")))


def test_it_writes_the_body_justified_indented_with_space_after(state_doc: DocxDocument) -> None:
    p = find(list(state_doc.paragraphs), "Đã tổ chức 12 buổi tuyên truyền với 1.250 lượt người tham gia.")
    fmt = p.paragraph_format
    assert fmt.alignment == 3  # justify
    assert round(fmt.first_line_indent.cm, 2) == 1.27
    assert fmt.space_after.pt >= 6
    assert 1.0 <= fmt.line_spacing <= 1.5
    assert style(p) == (14, False, False)
    assert style(find(list(state_doc.paragraphs), "I. KẾT QUẢ THỰC HIỆN")) == (14, True, False)
    assert style(find(list(state_doc.paragraphs), "Căn cứ Quyết định số 23-QĐ/TW ngày 30/7/2021.")) == (14, False, True)


def test_it_numbers_pages_in_the_top_margin_from_page_two(state_doc: DocxDocument) -> None:
    section = state_doc.sections[0]
    assert section.different_first_page_header_footer
    assert "PAGE" in field_codes(section.header)
    assert field_codes(section.first_page_header) == []
    assert "PAGE" not in field_codes(section.footer)
    number = section.header.paragraphs[0]
    assert number.alignment == 1  # centred


def test_it_puts_the_addressee_on_one_line_when_there_is_one(state_doc: DocxDocument) -> None:
    p = find(list(state_doc.paragraphs), "Kính gửi: Bộ Tư lệnh Thành phố Hồ Chí Minh.")
    assert style(p) == (14, False, False)


def test_it_places_recipients_left_and_signature_right(state_doc: DocxDocument) -> None:
    block = state_doc.tables[-1]
    left, right = block.rows[0].cells
    label = left.paragraphs[0]
    assert label.text == "Nơi nhận:" and style(label) == (12, True, True)
    items = [p for p in left.paragraphs[1:] if p.text]
    assert [p.text for p in items] == ["- Bộ Tư lệnh Thành phố;", "- Lưu: VT, BCHQS, 02b."]
    assert all(style(p) == (11, False, False) for p in items)
    lines = [p for p in right.paragraphs if p.text]
    assert [p.text for p in lines] == ["KT. CHỈ HUY TRƯỞNG", "PHÓ CHỈ HUY TRƯỞNG", "Thượng tá Nguyễn Văn An"]
    assert all(style(p) == (14, True, False) for p in lines)
    assert set(borders(block).values()) == {"nil"}


def test_it_uses_the_party_form_for_a_party_issuer(party_doc: DocxDocument) -> None:
    header = party_doc.tables[0]
    assert set(borders(header).values()) == {"nil"}
    paragraphs = list(cell_paragraphs(header))
    texts = [p.text for p in paragraphs]
    assert QUOC_HIEU not in texts and TIEU_NGU not in texts
    assert style(find(paragraphs, PARTY_TITLE)) == (15, True, False)
    assert has_bottom_rule(following(paragraphs, find(paragraphs, PARTY_TITLE)))
    assert style(find(paragraphs, "QUẬN ỦY QUẬN 4")) == (14, False, False)
    issuer = find(paragraphs, "BAN TUYÊN GIÁO QUẬN ỦY QUẬN 4")
    assert style(issuer) == (14, True, False)
    assert following(paragraphs, issuer).text == "*"
    assert style(find(paragraphs, "Số 05-BC/BTGQU")) == (14, False, False)
    assert style(find(paragraphs, "Quận 4, ngày 05 tháng 01 năm 2023")) == (14, False, True)
    body = list(party_doc.paragraphs)
    assert style(find(body, "BÁO CÁO")) == (16, True, False)
    left, right = party_doc.tables[-1].rows[0].cells
    assert [p.text for p in right.paragraphs if p.text][:2] == ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ"]
    label = left.paragraphs[0]
    assert label.text == "Nơi nhận:" and label.runs[0].font.underline and style(label)[0] == 14
    assert left.paragraphs[-1].text == "- Lưu Ban Tuyên giáo Quận ủy Quận 4."


def test_it_gives_each_issuer_of_a_joint_document_a_header_line_and_signature_column(joint_doc: DocxDocument) -> None:
    paragraphs = list(cell_paragraphs(joint_doc.tables[0]))
    texts = [p.text for p in paragraphs]
    assert "BAN CHỈ HUY QUÂN SỰ QUẬN 4" in texts and "BAN TUYÊN GIÁO QUẬN ỦY QUẬN 4" in texts
    assert QUOC_HIEU in texts  # the lead issuer is a state body
    assert "Số: 05/BC-BCHQS-BTGQU" in texts
    signatures = next(t for t in joint_doc.tables if "Trần Thị Bình" in [p.text for p in cell_paragraphs(t)])
    assert len(signatures.columns) == 2
    assert set(borders(signatures).values()) == {"nil"}
    columns = [[p.text for c in (signatures.rows[0].cells[i], signatures.rows[1].cells[i]) for p in c.paragraphs if p.text]
               for i in range(2)]
    # The lead issuer signs on the right.
    # Each block names its body: the mark "KT." signs for the head of that body.
    assert columns[0] == ["BAN TUYÊN GIÁO QUẬN ỦY QUẬN 4", "TRƯỞNG BAN", "Trần Thị Bình"]
    assert columns[1] == ["BAN CHỈ HUY QUÂN SỰ QUẬN 4", "KT. CHỈ HUY TRƯỞNG", "PHÓ CHỈ HUY TRƯỞNG",
                          "Thượng tá Nguyễn Văn An"]
    assert "Nơi nhận:" in [p.text for p in joint_doc.paragraphs]


def test_it_leaves_the_number_blank_when_not_yet_issued() -> None:
    doc = load(render_docx(make([COMMAND], [COMMANDER], number=None, date=None)))
    texts = [p.text for p in cell_paragraphs(doc.tables[0])]
    assert "Số:      /BC-BCHQS" in texts
    assert any(t.startswith("Quận 4, ngày ") and "năm" in t for t in texts)


@pytest.mark.parametrize(
    ("day", "line"),
    [
        (datetime.date(2023, 1, 5), "Quận 4, ngày 05 tháng 01 năm 2023"),
        (datetime.date(2023, 2, 28), "Quận 4, ngày 28 tháng 02 năm 2023"),
        (datetime.date(2019, 6, 29), "Quận 4, ngày 29 tháng 6 năm 2019"),
        (datetime.date(2024, 12, 9), "Quận 4, ngày 09 tháng 12 năm 2024"),
    ],
)
def test_it_pads_the_date_line_as_the_decree_says(day: datetime.date, line: str) -> None:
    doc = load(render_docx(make([COMMAND], [COMMANDER], date=day)))
    assert line in [p.text for p in cell_paragraphs(doc.tables[0])]


def test_it_restarts_page_numbers_in_each_appendix() -> None:
    doc = load(render_docx(make([COMMAND], [COMMANDER], appendices=[
        Appendix(title="Biểu tổng hợp kết quả", blocks=[TABLE]),
        Appendix(title="Danh sách mô hình", blocks=[TABLE], landscape=True),
    ])))
    assert len(doc.sections) == 3
    for section in doc.sections[1:]:
        assert section._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
        assert section.different_first_page_header_footer
    landscape = doc.sections[2]
    assert landscape.page_width is not None and landscape.page_height is not None
    assert landscape.page_width > landscape.page_height
    body = list(doc.paragraphs)
    assert style(find(body, "Phụ lục I")) == (14, True, False)
    assert style(find(body, "BIỂU TỔNG HỢP KẾT QUẢ")) == (14, True, False)
    note = find(body, "(Kèm theo Báo cáo số 05/BC-BCHQS ngày 05 tháng 01 năm 2023 của Ban Chỉ huy Quân sự Quận 4)")
    assert style(note) == (14, False, True)


def test_it_writes_tables_with_a_bold_repeated_header_row(state_doc: DocxDocument) -> None:
    table = next(t for t in state_doc.tables if t.rows[0].cells[0].text == "TT")
    header_props = table.rows[0]._tr.trPr
    assert header_props is not None
    assert header_props.find(qn("w:tblHeader")) is not None
    assert all(r.font.bold for p in table.rows[0].cells[1].paragraphs for r in p.runs)
    assert table.rows[2].cells[2].text == "1.250"
    assert borders(table)["insideH"] == "single"


def test_it_labels_points_in_the_vietnamese_alphabet() -> None:
    assert [point_label(i) for i in range(1, 8)] == ["a)", "b)", "c)", "d)", "đ)", "e)", "g)"]
    assert [roman(i) for i in (1, 4, 9, 14)] == ["I", "IV", "IX", "XIV"]


def test_it_names_files_in_ascii() -> None:
    doc = make([COMMAND, BOARD], [COMMANDER])
    assert doc.filename("docx") == "BC-BCHQS-BTGQU-05-2023.docx"
    assert make([BOARD], [SECRETARY], doc_type="QĐ").filename("xlsx") == "QD-BTGQU-05-2023.xlsx"


def test_it_writes_an_excel_workbook_with_its_table() -> None:
    import io

    data = render_xlsx("Biểu tổng hợp", [Sheet.from_table("Kết quả", TABLE), Sheet(name="Khác/[x]", columns=["A"], rows=[])])
    wb = load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["Kết quả", "Khác  x"]
    ws = wb["Kết quả"]
    values = [[c for c in row] for row in ws.iter_rows(values_only=True)]
    assert values[0][0] == "Biểu tổng hợp"
    header = values.index(["TT", "Nội dung", "Kết quả"])
    assert values[header + 2] == [2, "Lượt người", 1250]
    assert ws.cell(row=header + 1, column=1).font.bold


def test_it_cuts_a_long_core_property_on_a_word_boundary() -> None:
    from phoihop.documents.official import core_property_text

    short = "Chương trình phối hợp số 03/CTr-BCHQS-BTGQU"
    assert core_property_text(short) == short
    words = "Chương trình phối hợp thực hiện công tác dân vận, " * 10
    cut = core_property_text(words)
    assert len(cut) <= 255 and cut.endswith("…")
    assert words.startswith(cut[:-1]) and words[len(cut) - 1] in ", "  # whole words only
    assert not cut[:-1].endswith((",", " "))


@pytest.mark.parametrize(
    ("kind", "position", "body", "lines"),
    [
        ("military", "", "Ban Chỉ huy Quân sự Quận 4", ["CHỈ HUY TRƯỞNG"]),
        ("military", "Phó Chỉ huy trưởng", "Ban Chỉ huy Quân sự Quận 4", ["KT. CHỈ HUY TRƯỞNG", "PHÓ CHỈ HUY TRƯỞNG"]),
        ("military", "Chính trị viên Ban CHQS TP Móng Cái", "Ban CHQS thành phố Móng Cái", ["CHÍNH TRỊ VIÊN"]),
        ("military", "Thủ trưởng", "Bộ Tư lệnh Thành phố Hồ Chí Minh", ["TƯ LỆNH"]),
        ("party_board", "Ủy viên Ban Thường vụ Thành ủy, Trưởng Ban Tuyên giáo Thành ủy",
         "Ban Tuyên giáo Thành ủy Móng Cái", ["TRƯỞNG BAN"]),
        ("party_board", "Phó Trưởng ban", "Ban Dân vận Quận ủy", ["K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"]),
        ("party_committee", "", "Quận ủy Quận 4", ["T/M BAN THƯỜNG VỤ", "BÍ THƯ"]),
        ("party_committee", "Phó Bí thư", "Đảng ủy Quân sự Quận 10", ["T/M ĐẢNG ỦY", "PHÓ BÍ THƯ"]),
        ("veterans", "", "Hội Cựu chiến binh thành phố Hưng Yên", ["TM. BAN THƯỜNG VỤ", "CHỦ TỊCH"]),
        ("women", "", "Hội Liên hiệp Phụ nữ", ["TM. BAN THƯỜNG VỤ", "CHỦ TỊCH"]),
        ("youth", "", "Đoàn Thanh niên", ["TM. BAN THƯỜNG VỤ", "BÍ THƯ"]),
        ("peoples_committee", "Phó Chủ tịch", "Ủy ban nhân dân phường", ["TM. ỦY BAN NHÂN DÂN", "PHÓ CHỦ TỊCH"]),
    ],
)
def test_it_gives_each_kind_of_body_its_signing_title_and_mark(kind: str, position: str, body: str, lines: list[str]) -> None:
    signer = signer_for(kind, position=position, name="Nguyễn Văn An", body_name=body)
    form: Form = "party" if kind.startswith("party") else "state"
    assert signer.lines(form) == lines


def _signature_tables(doc: DocxDocument) -> list[list[str]]:
    """Per row of blocks, the signers' names from right to left as printed (left to right)."""
    out = []
    for table in doc.tables:
        names = [b.get(qn("w:name")) for b in table._tbl.iter(qn("w:bookmarkStart"))]
        if any(n and n.startswith("signature_") for n in names):
            out.append([c.paragraphs[-1].text for c in table.rows[-1].cells])
    return out


def _issuers(count: int, name: str = "Nguyễn Văn") -> tuple[list[Issuer], list[Signer]]:
    issuers = [Issuer(name=f"Hội Nông dân xã {i}", symbol=f"HND{i}", kind="farmers") for i in range(1, count + 1)]
    signers = [signer_for("farmers", name=f"{name} {chr(64 + i)}") for i in range(1, count + 1)]
    return issuers, signers


@pytest.mark.parametrize(
    ("count", "rows"),
    [(2, [2]), (3, [3]), (4, [2, 2]), (5, [3, 2]), (6, [3, 3]), (7, [3, 2, 2])],
)
def test_it_lays_out_issuers_in_rows_of_at_most_three_the_lead_top_right(count: int, rows: list[int]) -> None:
    issuers, signers = _issuers(count)
    doc = load(render_docx(make(issuers, signers)))
    tables = _signature_tables(doc)
    assert [len(t) for t in tables] == rows
    # The lead issuer (the first) signs top right; the others follow right to left, row by row.
    assert tables[0][-1] == "Nguyễn Văn A"
    assert [name for row in tables for name in reversed(row)] == [s.name for s in signers]


def test_it_puts_two_to_a_row_where_a_name_is_long() -> None:
    issuers, signers = _issuers(6, name="Thượng tá Nguyễn Văn Trường")
    assert [len(t) for t in _signature_tables(load(render_docx(make(issuers, signers))))] == [2, 2, 2]


def test_it_leaves_marked_places_for_the_signature_and_seal_images() -> None:
    issuers, signers = _issuers(3)
    doc = load(render_docx(make(issuers, signers)))
    places = [p for p in all_paragraphs(doc) if any(
        (b.get(qn("w:name")) or "").startswith("signature_") for b in p._p.iter(qn("w:bookmarkStart")))]
    assert len(places) == 3
    for p in places:
        names = {b.get(qn("w:name")) for b in p._p.iter(qn("w:bookmarkStart"))}
        assert any(n.startswith("seal_") for n in names)
        # Between the title and the name, high enough for the seal over the signature's left third.
        assert round(p.paragraph_format.line_spacing.mm) == 30 and p.text == ""
    # Every row of blocks is unsplittable; the body's last paragraph keeps with the block.
    blocks = [t for t in doc.tables if "Nguyễn Văn A" in [p.text for p in cell_paragraphs(t)]]
    assert blocks and all(row._tr.trPr.find(qn("w:cantSplit")) is not None for t in blocks for row in t.rows)
    body_table = next(t for t in doc.tables if t.rows[0].cells[0].text == "TT")  # the body ends with it
    assert all(p.paragraph_format.keep_with_next for c in body_table.rows[-1].cells for p in c.paragraphs)


def test_it_prints_a_superior_shared_by_issuers_once() -> None:
    other = Issuer(name="Ban Dân vận Quận ủy Quận 4", symbol="BDVQU", superior="Quận ủy Quận 4", is_party=True)
    doc = load(render_docx(make([BOARD, other], [SECRETARY, SECRETARY])))
    header = [p.text for p in doc.tables[0].rows[0].cells[0].paragraphs if p.text]
    assert header == ["QUẬN ỦY QUẬN 4", "BAN TUYÊN GIÁO QUẬN ỦY QUẬN 4", "BAN DÂN VẬN QUẬN ỦY QUẬN 4", "*"]


def test_it_widens_a_column_to_its_longest_header_word() -> None:
    widths = table_widths(["TT", "Nội dung", "Nhiệm vụ hoàn thành/kế hoạch", "Lượt người"], [0.2, 8, 0.5, 0.5], 165, 12)
    assert round(sum(widths), 6) == 165
    assert widths[0] >= text_width_mm("TT", 12, bold=True) + CELL_PADDING_MM
    assert widths[2] >= text_width_mm("thành/kế", 12, bold=True) + CELL_PADDING_MM
    assert widths[1] < 165 * 8 / 9.2  # the wide column gave up what the others needed


def test_it_tidies_punctuation_and_completes_the_archive_line() -> None:
    doc = load(render_docx(make([COMMAND], [COMMANDER], body=[Paragraph("Chưa viết…."), Paragraph("Đã xong..")])))
    texts = [p.text for p in doc.paragraphs]
    assert "Chưa viết…" in texts and "Đã xong." in texts
    left = doc.tables[-1].rows[0].cells[0]
    assert left.paragraphs[-1].text == "- Lưu: VT, BCHQS, 02b."


def test_it_leaves_the_agencys_signature_place_on_each_appendix() -> None:
    doc = load(render_docx(make([COMMAND], [COMMANDER], appendices=[
        Appendix(title="Biểu tổng hợp kết quả", blocks=[TABLE]),
        Appendix(title="Danh sách mô hình", blocks=[TABLE], landscape=True),
    ])))
    marks = {b.get(qn("w:name")): p for p in doc.paragraphs for b in p._p.iter(qn("w:bookmarkStart"))}
    for i in (1, 2):
        place = marks[f"agency_signature_appendix_{i}"]
        assert place.alignment == 2 and place.text == ""  # top right, above "Phụ lục"
        assert following(list(doc.paragraphs), place).text == f"Phụ lục {roman(i)}"
