from __future__ import annotations

import datetime
import io
import re
from typing import Any

from django.urls import reverse

from phoihop.reviews import services
from phoihop.reviews.models import Review
from phoihop.testing.queries import assert_queries


def _docx_text(content: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def test_it_creates_a_review_from_an_agreement(login: Any, users: dict[str, Any], agreement: Any, record_2024: Any) -> None:
    client = login(users["alice"])
    url = reverse("reviews:create", args=[agreement.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"kind": "interim", "period_start": "01/01/2024", "period_end": "31/12/2024"})
    review = Review.objects.get()
    assert response.status_code == 302 and response["Location"] == review.get_absolute_url()
    assert list(review.agreements.all()) == [agreement]
    assert review.title == "Sơ kết năm 2024"


def test_it_refuses_review_creation_to_readers_and_outsiders(login: Any, users: dict[str, Any], agreement: Any) -> None:
    url = reverse("reviews:create", args=[agreement.pk])
    assert login(users["bob"]).post(url, {"kind": "interim"}).status_code == 403
    assert login(users["charlie"]).post(url, {"kind": "interim"}).status_code == 404


def test_it_shows_the_figures_on_the_detail_page(login: Any, users: dict[str, Any], review: Any) -> None:
    body = login(users["coop_officer"]).get(reverse("reviews:detail", args=[review.pk])).content.decode()
    assert 'data-figure="tasks">1/2<' in body
    assert 'data-figure="activities">3<' in body
    assert 'data-figure="participants">180<' in body
    assert "7/10 buổi (70%)" in body
    assert "Viết tham luận" in body and "Ký duyệt" not in body.split("Tải về")[0].split("Viết tham luận")[1]


def test_it_prefills_empty_sections_from_the_figures(login: Any, users: dict[str, Any], review: Any) -> None:
    client = login(users["alice"])
    url = reverse("reviews:edit", args=[review.pk])
    response = client.post(url, {"prefill": "1", "lessons": "Bài học đã viết"})
    form = response.context["form"]
    assert "Hoàn thành 1/2 nhiệm vụ." in form["results"].value()
    assert "Buổi tuyên truyền: đạt 7/10 buổi (70%)." in form["results"].value()
    assert form["lessons"].value() == "Bài học đã viết"
    review.refresh_from_db()
    assert review.results == ""  # nothing saved until "Lưu"
    client.post(url, {"save": "1", "situation": "Tình hình", "results": form["results"].value(), "directions": "Năm 2025", "version": review.version})
    review.refresh_from_db()
    assert review.results.startswith("Hoàn thành 1/2 nhiệm vụ.")


def test_it_signs_off_only_for_the_leader_then_locks(login: Any, users: dict[str, Any], review: Any) -> None:
    services.review_update(actor=users["alice"], review=review, fields={"situation": "a", "results": "b", "directions": "c", "strengths": "Ưu điểm", "shortcomings": "Hạn chế", "causes": "Nguyên nhân", "lessons": "Bài học", "proposals": "Kiến nghị", "report_date": datetime.date(2025, 1, 10)})
    url = reverse("reviews:sign_off", args=[review.pk])
    assert login(users["alice"]).get(url).status_code == 405
    assert login(users["alice"]).post(url).status_code == 403
    assert login(users["charlie"]).post(url).status_code == 404
    response = login(users["leader"]).post(url)
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.is_locked
    response = login(users["alice"]).get(reverse("reviews:edit", args=[review.pk]))
    assert response.status_code == 302
    response = login(users["alice"]).post(reverse("reviews:edit", args=[review.pk]), {"situation": "x"})
    review.refresh_from_db()
    assert review.situation == "a"


def test_it_lets_each_party_write_its_contribution(login: Any, users: dict[str, Any], review: Any, orgs: dict[str, Any]) -> None:
    url = reverse("reviews:contribution_edit", args=[review.pk])
    client = login(users["coop_officer"])
    assert client.get(url).status_code == 200
    client.post(url, {"organization": orgs["board"].pk, "title": "Tham luận BTG", "body": "Cách làm hay"})
    assert review.contributions.get().organization == orgs["board"]
    # The board's officer cannot write for the district command.
    response = client.post(url, {"organization": orgs["district"].pk, "body": "Giả mạo"})
    assert response.status_code == 200 and review.contributions.count() == 1
    assert login(users["bob"]).get(url).status_code == 403
    assert login(users["staff"]).post(url, {"organization": orgs["board"].pk, "body": "x"}).status_code == 403


def test_it_proposes_and_decides_a_commendation_through_pages(login: Any, users: dict[str, Any], review: Any, orgs: dict[str, Any]) -> None:
    client = login(users["alice"])
    response = client.post(reverse("reviews:commendation_propose", args=[review.pk]), {
        "awardee_kind": "collective", "organization": orgs["board"].pk, "form": "merit",
        "authority": "Chủ tịch UBND Quận 4", "reason": "Phối hợp tốt",
    })
    assert response.status_code == 302
    c = review.commendations.get()
    response = client.post(reverse("reviews:commendation_decide", args=[c.pk]), {
        "outcome": "decided", "decision_number": "125/QĐ-UBND", "decision_date": "20/01/2025",
    })
    c.refresh_from_db()
    assert (c.status, c.decision_number, c.decision_date) == ("decided", "125/QĐ-UBND", datetime.date(2025, 1, 20))
    body = client.get(reverse("reviews:commendation_list"), {"year": 2025}).content.decode()
    assert "125/QĐ-UBND" in body
    assert "125/QĐ-UBND" not in client.get(reverse("reviews:commendation_list"), {"year": 2024}).content.decode()
    assert "125/QĐ-UBND" not in login(users["charlie"]).get(reverse("reviews:commendation_list")).content.decode()


def test_it_downloads_a_word_report_with_the_figures(login: Any, users: dict[str, Any], review: Any) -> None:
    services.review_update(actor=users["alice"], review=review, fields={"situation": "Tình hình năm 2024", "results": "Kết quả", "directions": "Phương hướng", "strengths": "Ưu điểm", "shortcomings": "Hạn chế", "causes": "Nguyên nhân", "lessons": "Bài học", "proposals": "Kiến nghị", "report_date": datetime.date(2025, 1, 10)})
    response = login(users["bob"]).get(reverse("reviews:download_docx", args=[review.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="so-ket-nam-2024-bao-cao.docx"'
    text = _docx_text(response.content)
    assert "BÁO CÁO" in text
    assert "Tình hình năm 2024" in text
    assert "Định hướng tư tưởng, tuyên truyền về quốc phòng" in text
    assert "Buổi tuyên truyền: 7/10 buổi (70%)" in text
    assert "Ban Tuyên giáo Quận ủy Quận 4" in text


def test_the_report_stays_vietnamese_for_a_reader_of_the_english_interface(login: Any, users: dict[str, Any], review: Any) -> None:
    client = login(users["bob"])
    client.cookies["django_language"] = "en"
    assert "Coordination documents" in client.get(reverse("reviews:list")).content.decode()
    text = _docx_text(client.get(reverse("reviews:download_docx", args=[review.pk])).content)
    assert "KẾT QUẢ THỰC HIỆN" in text and "RESULTS ACHIEVED" not in text


def test_it_downloads_the_excel_annex(login: Any, users: dict[str, Any], review: Any) -> None:
    import openpyxl

    response = login(users["alice"]).get(reverse("reviews:download_xlsx", args=[review.pk]))
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    values = [c for ws in book.worksheets for row in ws.iter_rows(values_only=True) for c in row if c is not None]
    assert "Ban Tuyên giáo Quận ủy Quận 4" in values
    # The total row adds its column with a formula: the participants' one comes to 180.
    sheet = book.worksheets[0]
    [total] = [row for row in sheet.iter_rows() if any(c.value == "Tổng cộng" for c in row)]
    header = next(row for row in sheet.iter_rows() if any(c.value == "Lượt người" for c in row))
    column = next(c.column_letter for c in header if c.value == "Lượt người")
    formula = sheet[f"{column}{total[0].row}"].value
    match = re.fullmatch(r"=SUM\(([A-Z]+\d+):([A-Z]+\d+)\)", formula)
    assert match is not None, formula
    first, last = match.groups()
    assert sum(c.value for (c,) in sheet[f"{first}:{last}"]) == 180


def test_it_records_the_download_in_the_audit_trail(login: Any, users: dict[str, Any], review: Any) -> None:
    from phoihop.audit.models import AuditEvent

    login(users["alice"]).get(reverse("reviews:download_docx", args=[review.pk]))
    event = AuditEvent.objects.filter(action="document_download").get()
    assert event.detail == "so-ket-nam-2024-bao-cao.docx"


def test_it_downloads_the_commendation_list(login: Any, users: dict[str, Any], review: Any, orgs: dict[str, Any]) -> None:
    services.commendation_propose(actor=users["alice"], review=review, fields={"organization": orgs["board"], "form": "merit", "authority": "UBND Quận 4", "reason": "Phối hợp tốt"})
    client = login(users["alice"])
    text = _docx_text(client.get(reverse("reviews:commendations_docx", args=[review.pk])).content)
    assert "DANH SÁCH" in text and "Phối hợp tốt" in text and "Bằng khen" in text
    assert client.get(reverse("reviews:commendations_xlsx", args=[review.pk])).status_code == 200


def test_it_lists_reviews_with_filters_and_an_empty_state(login: Any, users: dict[str, Any], review: Any) -> None:
    client = login(users["alice"])
    assert "Sơ kết năm 2024" in client.get(reverse("reviews:list")).content.decode()
    assert "Sơ kết năm 2024" in client.get(reverse("reviews:list"), {"year": 2024, "kind": "interim"}).content.decode()
    body = client.get(reverse("reviews:list"), {"kind": "final"}).content.decode()
    assert "Sơ kết năm 2024" not in body and "Bỏ lọc" in body
    assert "Chưa có báo cáo" in login(users["charlie"]).get(reverse("reviews:list")).content.decode()


def test_it_keeps_list_and_detail_queries_flat(login: Any, users: dict[str, Any], agreement: Any, review: Any, orgs: dict[str, Any]) -> None:
    client = login(users["alice"])
    # One of each kind of row first, so "few" and "many" differ only in how many.
    services.contribution_save(actor=users["alice"], review=review, organization=orgs["district"], title="", body="Tham luận")
    services.commendation_propose(actor=users["alice"], review=review, fields={"organization": orgs["board"], "form": "merit", "authority": "UBND", "reason": "Tốt"})
    client.get(reverse("reviews:list"))  # warm the session and caches
    client.get(reverse("reviews:detail", args=[review.pk]))
    with assert_queries(LIST_QUERIES):
        client.get(reverse("reviews:list"))
    with assert_queries(DETAIL_QUERIES):
        client.get(reverse("reviews:detail", args=[review.pk]))
    for year in (2020, 2021, 2022):
        services.review_create(actor=users["alice"], agreement=agreement, kind="final", period_start=datetime.date(year, 1, 1), period_end=datetime.date(year, 12, 31))
    services.contribution_save(actor=users["coop_officer"], review=review, organization=orgs["board"], title="", body="Tham luận")
    for _ in range(3):
        services.commendation_propose(actor=users["alice"], review=review, fields={"organization": orgs["board"], "form": "merit", "authority": "UBND", "reason": "Tốt"})
    with assert_queries(LIST_QUERIES):
        client.get(reverse("reviews:list"))
    with assert_queries(DETAIL_QUERIES):
        client.get(reverse("reviews:detail", args=[review.pk]))


LIST_QUERIES = 6
DETAIL_QUERIES = 36


def test_it_records_movements_and_lists_their_commendations(login: Any, users: dict[str, Any], orgs: dict[str, Any]) -> None:
    client = login(users["coop_officer"])
    response = client.post(reverse("reviews:movement_create"), {"name": "Dân vận khéo", "organizer": orgs["board"].pk, "start_year": 2022})
    assert response.status_code == 302
    from phoihop.reviews.models import Movement

    m = Movement.objects.get()
    response = client.post(reverse("reviews:commendation_create"), {
        "awardee_kind": "individual", "organization": orgs["board"].pk, "person_name": "Trần Thị Bình",
        "form": "certificate", "authority": "Ban Dân vận Quận ủy", "reason": "Mô hình dân vận khéo",
        "movement": m.pk, "decision_number": "15-QĐ/BDVQU", "decision_date": "10/12/2023",
    })
    assert response.status_code == 302
    body = client.get(reverse("reviews:movement_detail", args=[m.pk])).content.decode()
    assert "Trần Thị Bình" in body and "15-QĐ/BDVQU" in body
    assert "Trần Thị Bình" in client.get(reverse("reviews:commendation_list"), {"organization": orgs["board"].pk}).content.decode()
    assert login(users["bob"]).get(reverse("reviews:commendation_create")).status_code == 403
    assert login(users["alice"]).get(reverse("reviews:movement_edit", args=[m.pk])).status_code == 403


def test_it_gives_the_agreement_page_its_reviews_panel(login: Any, users: dict[str, Any], agreement: Any, review: Any) -> None:
    panel = reverse("reviews:agreement_panel", args=[agreement.pk])
    page = login(users["alice"]).get(reverse("agreements:detail", args=[agreement.pk])).content.decode()
    assert f'hx-get="{panel}" hx-trigger="load"' in page and f'<a href="{panel}">' in page
    alice = login(users["alice"])
    html = alice.get(panel, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in html and 'id="reviews"' in html
    assert "Sơ kết năm 2024" in html and "Sơ kết, tổng kết mới" in html
    html = login(users["bob"]).get(panel, HTTP_HX_REQUEST="true").content.decode()
    assert "Sơ kết năm 2024" in html and "Sơ kết, tổng kết mới" not in html
    # Without JavaScript the placeholder's link opens the panel as a page, with a way back.
    page = alice.get(panel).content.decode()
    assert "<html" in page and "Sơ kết năm 2024" in page and f'href="{agreement.get_absolute_url()}"' in page
    assert login(users["charlie"]).get(panel, HTTP_HX_REQUEST="true").status_code == 404


def test_it_keeps_the_reviews_panel_query_count_flat(login: Any, users: dict[str, Any], agreement: Any, review: Any) -> None:
    client = login(users["alice"])
    panel = reverse("reviews:agreement_panel", args=[agreement.pk])
    client.get(panel, HTTP_HX_REQUEST="true")
    with assert_queries(PANEL_QUERIES):
        client.get(panel, HTTP_HX_REQUEST="true")
    for year in (2022, 2023):
        services.review_create(
            actor=users["alice"], agreement=agreement, kind=Review.Kind.INTERIM,
            period_start=datetime.date(year, 1, 1), period_end=datetime.date(year, 12, 31),
        )
    with assert_queries(PANEL_QUERIES):
        assert "Sơ kết năm 2023" in client.get(panel, HTTP_HX_REQUEST="true").content.decode()


# Three for any signed-in request, then the agreement with its parties and their organisations, and
# the reviews.
PANEL_QUERIES = 7


def test_it_suggests_the_year_a_review_conference_looks_back_on(login: Any, users: dict[str, Any], agreement: Any) -> None:
    from phoihop.events.models import Event

    host = agreement.parties.get(role="lead").organization
    event = Event.objects.create(kind="interim_review", title="Hội nghị sơ kết", date=datetime.date(2023, 1, 6), host=host)
    event.agreements.add(agreement)
    form = login(users["alice"]).get(reverse("reviews:create", args=[agreement.pk])).context["form"]
    assert form.initial["period_start"] == datetime.date(2022, 1, 1)
    assert form.initial["event"] == event


def test_it_shows_commendations_outside_reviews_to_the_partners_only(login: Any, users: dict[str, Any], orgs: dict[str, Any], agreement: Any) -> None:
    services.commendation_record(actor=users["coop_officer"], fields={
        "organization": orgs["board"], "form": "praise", "authority": "Ban Thường vụ Quận ủy",
        "reason": "Cách làm hay trong tuyên truyền", "year": 2023,
    })
    url = reverse("reviews:commendation_list")
    for name in ("coop_officer", "alice", "superior", "staff"):
        assert "Cách làm hay trong tuyên truyền" in login(users[name]).get(url).content.decode(), name
    for name in ("charlie", "subordinate"):
        assert "Cách làm hay trong tuyên truyền" not in login(users[name]).get(url).content.decode(), name


def test_the_leader_confirms_a_number_typed_ahead_of_the_series_at_sign_off(login: Any, users: dict[str, Any], review: Any) -> None:
    from phoihop.documents.models import IssuedNumber

    services.review_update(actor=users["alice"], review=review,
                           fields={"situation": "a", "results": "b", "directions": "c", "number_symbol": "03/BC-BCHQS", "strengths": "Ưu điểm", "shortcomings": "Hạn chế", "causes": "Nguyên nhân", "lessons": "Bài học", "proposals": "Kiến nghị", "report_date": datetime.date(2025, 1, 10)})
    client = login(users["leader"])
    page = client.get(review.get_absolute_url()).content.decode()
    assert 'name="confirm_out_of_sequence"' in page
    url = reverse("reviews:sign_off", args=[review.pk])
    assert "bỏ trống số 01–02" in client.post(url, follow=True).content.decode()
    client.post(url, {"confirm_out_of_sequence": "1"})
    review.refresh_from_db()
    assert review.is_locked and IssuedNumber.objects.get().out_of_sequence
