from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from phoihop.exchange.models import FollowUp, PeriodicReport, Recommendation, ReportRead
from phoihop.exchange.services import (
    follow_up_add,
    recommendation_add,
    recommendation_close,
    report_submit,
    report_update,
)
from phoihop.exchange.tests.conftest import D, make_report
from phoihop.plans.tests.helpers import approve, record
from phoihop.testing.queries import assert_queries

pytestmark = pytest.mark.django_db

Q1 = (D(2024, 1, 1), D(2024, 3, 31))


@pytest.fixture
def draft(agreement, users, orgs, quarterly):
    return make_report(users["alice"], agreement, orgs["district"], *Q1, label="Quý I/2024")


def test_it_writes_a_report_from_an_owed_slot_prefilled_and_submits_it(login, agreement, users, orgs, quarterly, task):
    approve(users["alice"], users["leader"], record(users["alice"], task, [orgs["district"]], day=D(2024, 2, 10), title="Hội thi tuyên truyền viên"))
    client = login(users["alice"])
    url = reverse("exchange:report_create", args=[agreement.pk]) + f"?org={orgs['district'].pk}&start=2024-01-01"
    page = client.get(url)
    assert page.status_code == 200
    body = page.content.decode()
    assert "Hội thi tuyên truyền viên" in body and "Quý I/2024" in body
    response = client.post(url, {"org": orgs["district"].pk, "start": "2024-01-01", "title": "Báo cáo quý I/2024", "body": "Nội dung", "action": "submit"})
    report = PeriodicReport.objects.get()
    assert response.status_code == 302 and response["Location"] == report.get_absolute_url()
    assert (report.status, report.period_label, report.due_date, report.submitted_by) == ("submitted", "Quý I/2024", D(2024, 4, 10), users["alice"])
    # The slot now leads to the report instead of a second one.
    assert client.get(url)["Location"] == report.get_absolute_url()


def test_it_refuses_to_write_for_a_party_of_which_the_user_is_not_an_officer(login, agreement, users, orgs, quarterly):
    url = reverse("exchange:report_create", args=[agreement.pk]) + f"?org={orgs['district'].pk}&start=2024-01-01"
    assert login(users["bob"]).get(url).status_code == 403
    # The board's officer writes for the board, not for the district: sent back to the schedule.
    response = login(users["coop_officer"]).post(url, {"org": orgs["district"].pk, "start": "2024-01-01", "title": "x", "body": "y"})
    assert response.status_code == 302 and not PeriodicReport.objects.exists()
    assert login(users["charlie"]).get(url).status_code == 404


def test_it_keeps_drafts_to_the_reporting_party(login, users, draft):
    url = reverse("exchange:report_detail", args=[draft.pk])
    assert login(users["bob"]).get(url).status_code == 200
    assert login(users["coop_officer"]).get(url).status_code == 404
    assert login(users["superior"]).get(url).status_code == 404
    assert login(users["staff"]).get(url).status_code == 200


def test_it_lets_no_other_party_edit_or_submit(login, users, draft):
    for name in ("report_edit", "report_submit"):
        assert login(users["coop_officer"]).post(reverse(f"exchange:{name}", args=[draft.pk])).status_code == 404
        assert login(users["bob"]).post(reverse(f"exchange:{name}", args=[draft.pk])).status_code == 403
    report_submit(actor=users["alice"], report=draft)
    assert login(users["coop_officer"]).post(reverse("exchange:report_edit", args=[draft.pk])).status_code == 403
    with pytest.raises(PermissionDenied):
        report_update(actor=users["coop_officer"], report=draft, title="x", body="y")
    with pytest.raises(ValidationError):
        report_update(actor=users["alice"], report=draft, title="Sửa sau khi gửi", body="y")


def test_it_records_a_read_receipt_once_per_reader_of_another_party(login, users, orgs, draft):
    url = reverse("exchange:report_detail", args=[draft.pk])
    report_submit(actor=users["alice"], report=draft)
    client = login(users["coop_officer"])
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200
    login(users["alice"]).get(url)  # the author
    login(users["superior"]).get(url)  # a superior body sees it but is not a party
    reads = list(ReportRead.objects.all())
    assert [(r.user, r.organization) for r in reads] == [(users["coop_officer"], orgs["board"])]
    assert "coop_officer" in login(users["alice"]).get(url).content.decode()


def test_it_follows_up_and_closes_a_recommendation(login, users, orgs, inspection):
    rec = recommendation_add(actor=users["coop_officer"], inspection=inspection, text="Bổ sung sổ theo dõi", responsible=orgs["district"])
    with pytest.raises(PermissionDenied):
        recommendation_add(actor=users["alice"], inspection=inspection, text="x", responsible=orgs["district"])
    response = login(users["alice"]).post(reverse("exchange:recommendation_followup", args=[rec.pk]), {"date": "05/12/2024", "note": "Đã lập sổ"})
    assert response.status_code == 302
    rec.refresh_from_db()
    assert rec.status == "in_progress" and rec.follow_ups.get().note == "Đã lập sổ"
    # The inspected party cannot close its own recommendation; the inspecting party does.
    assert login(users["alice"]).post(reverse("exchange:recommendation_close", args=[rec.pk])).status_code == 403
    assert login(users["coop_officer"]).post(reverse("exchange:recommendation_close", args=[rec.pk]), {"note": "Đã kiểm tra lại"}).status_code == 302
    rec.refresh_from_db()
    assert rec.status == Recommendation.Status.CLOSED and rec.closed_by == users["coop_officer"] and rec.closed_at
    assert FollowUp.objects.filter(recommendation=rec).count() == 2
    with pytest.raises(ValidationError):
        follow_up_add(actor=users["alice"], recommendation=rec, date=D(2024, 12, 20), note="Thêm")
    with pytest.raises(ValidationError):
        recommendation_close(actor=users["coop_officer"], recommendation=rec)


def test_it_records_an_inspection_through_the_page(login, agreement, users, orgs):
    url = reverse("exchange:inspection_create", args=[agreement.pk])
    assert login(users["bob"]).get(url).status_code == 403
    client = login(users["alice"])
    assert client.get(url).status_code == 200
    response = client.post(url, {"kind": "supervision", "title": "Giám sát công tác tuyên truyền", "date": "12/11/2024",
                                 "inspecting": [orgs["district"].pk], "inspected": [orgs["board"].pk], "scope": "", "findings": "Tốt"})
    assert response.status_code == 302
    detail = client.get(response["Location"]).content.decode()
    assert "Giám sát công tác tuyên truyền" in detail and "Thêm kiến nghị" in detail


def test_it_shows_the_schedule_matrix_with_states_and_rates(login, agreement, users, orgs, quarterly):
    make_report(users["alice"], agreement, orgs["district"], *Q1, submit_on=D(2024, 4, 5), label="Quý I/2024")
    body = login(users["coop_officer"]).get(reverse("exchange:schedule", args=[agreement.pk]), {"year": 2024}).content.decode()
    assert "Quý I/2024" in body and "Quý IV/2024" in body
    assert "Đúng hạn" in body and "Chưa gửi, quá hạn" in body
    assert "Viết báo cáo" in body  # the board's own missing slots


def _get_in_queries(client, pinned, url, params=None):
    with assert_queries(pinned):
        assert client.get(url, params or {}).status_code == 200


def test_it_keeps_page_queries_constant(login, agreement, users, orgs, quarterly, inspection):
    client = login(users["coop_officer"])
    # Each page with its pinned number of queries, the same before and after the rows grow.
    pages = [
        (6, reverse("exchange:report_list"), None),
        (15, reverse("exchange:schedule", args=[agreement.pk]), {"year": 2024}),
        (8, reverse("exchange:inspection_list"), None),
        (18, reverse("exchange:inspection_detail", args=[inspection.pk]), None),
    ]
    make_report(users["alice"], agreement, orgs["district"], *Q1, submit_on=D(2024, 4, 5))
    recommendation_add(actor=users["coop_officer"], inspection=inspection, text="Một", responsible=orgs["district"])
    for pinned, url, params in pages:
        _get_in_queries(client, pinned, url, params)
    for start, end in [(D(2024, 4, 1), D(2024, 6, 30)), (D(2024, 7, 1), D(2024, 9, 30)), (D(2024, 10, 1), D(2024, 12, 31))]:
        make_report(users["alice"], agreement, orgs["district"], start, end, submit_on=end)
        make_report(users["coop_officer"], agreement, orgs["board"], start, end, submit_on=end)
    login(users["alice"]).get(reverse("exchange:report_detail", args=[PeriodicReport.objects.filter(organization=orgs["board"]).first().pk]))
    for n in range(3):
        rec = recommendation_add(actor=users["coop_officer"], inspection=inspection, text=f"Kiến nghị {n}", responsible=orgs["district"])
        follow_up_add(actor=users["alice"], recommendation=rec, date=D(2024, 12, 1), note="Đang làm")
    client = login(users["coop_officer"])
    for pinned, url, params in pages:
        _get_in_queries(client, pinned, url, params)


def test_it_filters_the_report_list(login, agreement, users, orgs, quarterly):
    make_report(users["alice"], agreement, orgs["district"], *Q1, submit_on=D(2024, 4, 5), label="Quý I/2024")
    make_report(users["coop_officer"], agreement, orgs["board"], *Q1, label="Quý I/2024 nháp")
    client = login(users["alice"])
    body = client.get(reverse("exchange:report_list")).content.decode()
    assert "Báo cáo Quý I/2024" in body and "nháp" not in body.split("<tbody>")[1]
    assert "Báo cáo Quý I/2024" not in client.get(reverse("exchange:report_list"), {"year": 2023}).content.decode().split("<h1")[1]


def test_it_writes_an_ad_hoc_report_that_counts_among_the_owed(login, agreement, users, orgs, quarterly):
    from phoihop.exchange.selectors import owed_reports

    url = reverse("exchange:report_create", args=[agreement.pk]) + "?adhoc=1"
    client = login(users["coop_officer"])
    assert client.get(url).status_code == 200
    response = client.post(url, {"adhoc": 1, "organization": orgs["board"].pk, "period_start": "01/05/2024", "period_end": "15/05/2024",
                                 "due_date": "20/05/2024", "title": "Báo cáo đột xuất tình hình tuyên truyền", "body": "Nội dung", "action": "submit"})
    report = PeriodicReport.objects.get()
    assert response.status_code == 302 and report.rhythm == "ad_hoc" and report.period_label == "Đột xuất (01/05/2024 – 15/05/2024)"
    slots = [s for s in owed_reports(today=D(2024, 6, 1), agreement_ids=[agreement.pk]) if s.report == report]
    assert len(slots) == 1 and slots[0].is_ad_hoc and slots[0].state in ("on_time", "late")


def test_it_lets_the_lead_party_set_the_schedule(login, agreement, users, orgs):
    url = reverse("exchange:schedule_edit", args=[agreement.pk])
    assert login(users["coop_officer"]).post(url, {"rhythm": "monthly", "due_days": 5}).status_code == 403
    response = login(users["alice"]).post(url, {"rhythm": "half_yearly", "due_days": 15, "reporters": [orgs["board"].pk], "note": ""})
    assert response.status_code == 302
    agreement.refresh_from_db()
    schedule = agreement.reporting_schedule
    assert (schedule.rhythm, schedule.due_days, list(schedule.reporters.all())) == ("half_yearly", 15, [orgs["board"]])


def test_it_lets_the_inspecting_party_complete_the_findings(login, users, orgs, inspection):
    url = reverse("exchange:inspection_edit", args=[inspection.pk])
    data = {"kind": "inspection", "title": inspection.title, "date": "20/11/2024", "inspected": [orgs["district"].pk],
            "scope": "Phạm vi", "findings": "Bổ sung: hồ sơ lưu trữ đầy đủ.", "version": inspection.version}
    assert login(users["alice"]).post(url, data).status_code == 403
    client = login(users["coop_officer"])
    assert client.get(url).status_code == 200
    assert client.post(url, data).status_code == 302
    inspection.refresh_from_db()
    assert inspection.findings == "Bổ sung: hồ sơ lưu trữ đầy đủ." and list(inspection.inspecting.all()) == [orgs["board"]]
