"""Generated documents through the API: each record's list of documents, the Word and Excel files
the pages offer (same generators, same access rules, recorded in the audit log, named in ASCII and
in Vietnamese), and a wide review's report made by the worker (202, the job to poll, the file)."""

from __future__ import annotations

import io
import time
from typing import Any
from urllib.parse import quote

import pytest
from django.urls import reverse

from phoihop.audit.models import AuditEvent
from phoihop.reviews.tests import world
from phoihop.testing.queries import captured_queries

pytestmark = pytest.mark.django_db

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _url(name: str, record: Any) -> str:
    return reverse(f"api:{name}", kwargs={"pk": record.pk})


def _quiet(client: Any) -> Any:
    """The sign-in stamp is written at most once a minute: not inside a measured request."""
    from phoihop.accounts import security

    session = client.session
    session[security.LAST_SEEN_KEY] = time.time()
    session.save()
    return client


def _word_text(content: bytes) -> str:
    from docx import Document

    doc = Document(io.BytesIO(content))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([*(p.text for p in doc.paragraphs), *cells])


def _sheet_names(content: bytes) -> list[str]:
    from openpyxl import load_workbook

    return list(load_workbook(io.BytesIO(content)).sheetnames)


def _file(response: Any, content_type: str, vietnamese: str) -> bytes:
    """The answer is the file: its type, and its name in ASCII and (RFC 5987) in Vietnamese."""
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == content_type
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="')
    ascii_name = disposition.split('filename="')[1].split('"')[0]
    assert ascii_name.isascii() and ascii_name.endswith(content_type == DOCX and ".docx" or ".xlsx")
    assert f"filename*=UTF-8''{quote(vietnamese, safe='')}" in disposition
    return bytes(response.content)


@pytest.fixture
def plan(agreement: Any, users: Any) -> Any:
    from phoihop.plans.services import plan_create

    return plan_create(actor=users["alice"], agreement=agreement, year=2024)


def test_it_lists_an_agreements_documents(agreement: Any, users: Any, login: Any) -> None:
    body = login(users["coop_officer"]).get(_url("agreement_documents", agreement)).json()
    assert [(d["kind"], d["content_type"], d["available"]) for d in body["items"]] == [
        ("agreement.docx", DOCX, True),
        ("agreement.xlsx", XLSX, True),
    ]
    assert body["items"][0]["url"] == _url("agreement_docx", agreement)
    assert body["items"][0]["label"] == "Văn bản phối hợp (Word)"


def test_it_downloads_an_agreement_as_the_page_makes_it(
    agreement: Any, users: Any, login: Any
) -> None:
    client = login(users["superior"])
    name = f"03-CTr-BCHQS-BTGQU {agreement.title}"  # "/" is no character of a file name
    content = _file(client.get(_url("agreement_docx", agreement)), DOCX, f"{name}.docx")
    assert agreement.title.upper() in _word_text(content).upper()
    page = login(users["superior"]).get(reverse("documents:agreement_docx", args=[agreement.pk]))
    assert (
        page["Content-Disposition"].split(";")[1]
        in client.get(_url("agreement_docx", agreement))["Content-Disposition"]
    )
    workbook = _file(client.get(_url("agreement_xlsx", agreement)), XLSX, f"{name} – Phụ lục.xlsx")
    assert _sheet_names(workbook)
    downloads = AuditEvent.objects.filter(action=AuditEvent.Action.DOCUMENT_DOWNLOAD)
    assert downloads.filter(actor=users["superior"], object_id=str(agreement.pk)).count() >= 2


def test_it_answers_404_for_an_outsiders_documents_as_for_unknown_ones(
    agreement: Any, record_2024: Any, review: Any, users: Any, login: Any
) -> None:
    plan = record_2024["plan"]
    client = login(users["charlie"])
    for name, record in [
        ("agreement_documents", agreement),
        ("agreement_docx", agreement),
        ("agreement_xlsx", agreement),
        ("plan_documents", plan),
        ("plan_docx", plan),
        ("plan_xlsx", plan),
        ("review_documents", review),
        ("review_report_docx", review),
        ("review_annex_xlsx", review),
        ("review_commendations_docx", review),
        ("review_commendations_xlsx", review),
        ("review_commendation_decision_docx", review),
        ("review_commendation_submission_docx", review),
    ]:
        outsider = client.get(_url(name, record))
        unknown = client.get(reverse(f"api:{name}", kwargs={"pk": 987654}))
        assert outsider.status_code == unknown.status_code == 404, name
        assert outsider.json() == unknown.json(), name
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.DOCUMENT_DOWNLOAD).exists()


def test_it_downloads_an_annual_plan(plan: Any, users: Any, login: Any) -> None:
    client = login(users["bob"])
    body = client.get(_url("plan_documents", plan)).json()
    assert [d["kind"] for d in body["items"]] == ["plan.docx", "plan.xlsx"]
    name = "Kế hoạch phối hợp năm 2024 – 03-CTr-BCHQS-BTGQU"
    content = _file(client.get(_url("plan_docx", plan)), DOCX, f"{name}.docx")
    assert "2024" in _word_text(content)
    _file(client.get(_url("plan_xlsx", plan)), XLSX, f"{name} – Phụ lục.xlsx")


def _commend(review: Any, org: Any) -> Any:
    from phoihop.reviews.models import Commendation

    return Commendation.objects.create(
        review=review,
        organization=org,
        form="merit",
        authority="UBND Quận 4",
        reason="Có thành tích trong phối hợp tuyên truyền",
        year=2024,
    )


def test_it_downloads_a_reviews_report_annex_and_commendation_documents(
    review: Any, orgs: Any, users: Any, login: Any
) -> None:
    _commend(review, orgs["board"])
    client = login(users["coop_officer"])
    body = client.get(_url("review_documents", review)).json()
    assert [d["kind"] for d in body["items"]] == [
        "report.docx",
        "annex.xlsx",
        "commendations.docx",
        "commendations.xlsx",
        "commendation-decision.docx",
        "commendation-submission.docx",
    ]
    assert not any(d["made_in_background"] for d in body["items"])
    report = _file(
        client.get(_url("review_report_docx", review)), DOCX, "Sơ kết năm 2024 – Báo cáo.docx"
    )
    assert "SƠ KẾT" in _word_text(report).upper()
    _file(
        client.get(_url("review_annex_xlsx", review)),
        XLSX,
        "Sơ kết năm 2024 – Phụ lục số liệu.xlsx",
    )
    listed = _file(
        client.get(_url("review_commendations_docx", review)),
        DOCX,
        "Sơ kết năm 2024 – Danh sách khen thưởng.docx",
    )
    assert "Ban Tuyên giáo Quận ủy Quận 4" in _word_text(listed)
    _file(
        client.get(_url("review_commendations_xlsx", review)),
        XLSX,
        "Sơ kết năm 2024 – Danh sách khen thưởng.xlsx",
    )
    _file(
        client.get(_url("review_commendation_decision_docx", review)),
        DOCX,
        "Sơ kết năm 2024 – Quyết định khen thưởng.docx",
    )
    _file(
        client.get(_url("review_commendation_submission_docx", review)),
        DOCX,
        "Sơ kết năm 2024 – Tờ trình đề nghị khen thưởng.docx",
    )


def test_it_refuses_a_commendation_document_with_nothing_to_list(
    review: Any, users: Any, login: Any
) -> None:
    response = login(users["alice"]).get(_url("review_commendation_decision_docx", review))
    assert response.status_code == 422
    assert response.json()["code"] == "validation_error"


def test_it_offers_no_document_of_an_archived_review(review: Any, users: Any, login: Any) -> None:
    from phoihop.reviews.services import review_archive

    review_archive(actor=users["alice"], review=review)
    client = login(users["alice"])
    items = client.get(_url("review_documents", review)).json()["items"]
    assert not any(d["available"] for d in items)
    assert items[0]["reason"].startswith("Báo cáo đã được lưu trữ")
    refused = client.get(_url("review_report_docx", review))
    assert refused.status_code == 422
    assert refused.json()["message"]["en"].startswith("The report has been archived")


def test_it_hands_a_wide_reviews_report_to_the_worker_and_gives_the_file_when_done(
    login: Any, users: Any, orgs: Any, board_leader: Any
) -> None:
    from phoihop.reviews.services import BACKGROUND_AGREEMENTS, review_document_build

    wide = world.build(
        {**users, "board_leader": board_leader},
        orgs,
        agreements=BACKGROUND_AGREEMENTS + 1,
        years=(2024, 2024),
    )
    client = login(users["bob"])
    items = client.get(_url("review_documents", wide)).json()["items"]
    assert [d["kind"] for d in items if d["made_in_background"]] == ["report.docx", "annex.xlsx"]
    asked = client.get(_url("review_report_docx", wide))
    assert asked.status_code == 202, asked.content[:300]
    job = asked.json()
    assert job["status"]["value"] == "pending" and job["file_url"] is None
    assert asked["Location"] == job["url"] and asked["Retry-After"] == "5"
    # Asked again before it is made: the same job.
    assert client.get(_url("review_report_docx", wide)).json()["id"] == job["id"]
    early = client.get(reverse("api:review_document_file", kwargs={"pk": job["id"]}))
    assert early.status_code == 202 and early.json()["id"] == job["id"]
    review_document_build(job_id=job["id"])
    done = client.get(job["url"]).json()
    assert done["status"]["value"] == "done" and done["progress"] == 100
    name = f"{wide.title} – Báo cáo.docx"
    content = _file(client.get(done["file_url"]), DOCX, name)
    assert "TỔNG KẾT" in _word_text(content).upper()
    # Once made, the report's own address gives the file too.
    _file(client.get(_url("review_report_docx", wide)), DOCX, name)
    # The job is the review's: an outsider does not learn of it.
    outsider = login(users["charlie"])
    assert outsider.get(job["url"]).status_code == 404
    assert outsider.get(done["file_url"]).status_code == 404


def _count(client: Any, url: str, expected: int = 200) -> int:
    """The queries of a request in a process that has served one before (its content types
    cached): the same whichever test ran before."""
    client.get(url)
    with captured_queries() as queries:
        response = client.get(url)
    assert response.status_code == expected, response.content[:300]
    return len(queries)


def test_it_pins_the_queries_of_an_agreements_and_a_plans_documents(
    agreement: Any, plan: Any, orgs: Any, users: Any, login: Any
) -> None:
    from phoihop.plans.models import Task

    client = _quiet(login(users["alice"]))
    names = ["agreement_documents", "agreement_docx", "agreement_xlsx"]
    plan_names = ["plan_documents", "plan_docx", "plan_xlsx"]
    small = {n: _count(client, _url(n, agreement)) for n in names}
    small.update({n: _count(client, _url(n, plan)) for n in plan_names})
    assert small == PINNED
    for n in range(3, 8):
        Task.objects.create(
            plan=plan,
            number=n,
            title=f"Nhiệm vụ {n}",
            lead_organization=orgs["district"],
            content_area=agreement.content_areas.first(),
        )
    larger = {n: _count(client, _url(n, agreement)) for n in names}
    larger.update({n: _count(client, _url(n, plan)) for n in plan_names})
    assert larger == PINNED


# The session and its user, the scope, the record with what its getter joins; then what the
# generator reads (the same for two tasks as for seven).
PINNED = {
    "agreement_documents": 6,
    "agreement_docx": 12,
    "agreement_xlsx": 17,
    "plan_documents": 5,
    "plan_docx": 11,
    "plan_xlsx": 16,
}


def test_it_pins_the_queries_of_a_reviews_documents(
    login: Any, users: Any, orgs: Any, board_leader: Any
) -> None:
    wide_users = {**users, "board_leader": board_leader}
    client = _quiet(login(users["leader"]))
    names = [
        "review_documents",
        "review_report_docx",
        "review_annex_xlsx",
        "review_commendations_docx",
        "review_commendations_xlsx",
    ]
    small = world.build(wide_users, orgs, agreements=2, years=(2024, 2024))
    _commend(small, orgs["board"])
    large = world.build(wide_users, orgs, agreements=4, years=(2024, 2024))
    for _ in range(3):
        _commend(large, orgs["board"])
    assert {n: _count(client, _url(n, small)) for n in names} == REVIEW_PINNED
    assert {n: _count(client, _url(n, large)) for n in names} == REVIEW_PINNED


# The same for a review of two agreements as of four (the page's downloads are pinned alike in
# reviews/tests/test_figures_wide.py).
REVIEW_PINNED = {
    "review_documents": 8,
    "review_report_docx": 26,
    "review_annex_xlsx": 24,
    "review_commendations_docx": 11,
    "review_commendations_xlsx": 9,
}
