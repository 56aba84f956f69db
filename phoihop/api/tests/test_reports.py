"""Periodic reports through the API: the list with the page's filters, a draft private to its
party, the read receipts the page leaves, a draft started, changed and sent, and every refusal
on the way."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse

from phoihop.exchange.models import PeriodicReport, ReportRead
from phoihop.testing.queries import assert_queries
from phoihop.testing.walk import ALL_USERS

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def quarterly(agreement: Any, users: Any) -> Any:
    from phoihop.exchange.services import schedule_set

    return schedule_set(actor=users["alice"], agreement=agreement, rhythm="quarterly", due_days=10)


def make_report(
    user: Any, agreement: Any, org: Any, start: datetime.date, end: datetime.date, label: str
) -> Any:
    from phoihop.exchange.services import report_create

    return report_create(
        actor=user,
        agreement=agreement,
        organization=org,
        rhythm="quarterly",
        period_start=start,
        period_end=end,
        period_label=label,
        due_date=end + datetime.timedelta(days=10),
        title=f"Báo cáo {label}",
        body="Kết quả thực hiện trong kỳ.",
    )


@pytest.fixture
def draft(quarterly: Any, agreement: Any, users: Any, orgs: Any) -> PeriodicReport:
    return make_report(
        users["alice"], agreement, orgs["district"], D(2024, 1, 1), D(2024, 3, 31), "Quý I/2024"
    )


@pytest.fixture
def sent(draft: PeriodicReport, users: Any) -> PeriodicReport:
    from phoihop.exchange.services import report_submit

    return report_submit(actor=users["alice"], report=draft)


@pytest.fixture
def token(make_token: Any, api_client: Any) -> Any:
    def make(username: str, access: str = "write") -> Any:
        return api_client(make_token(username, access=access))

    return make


def detail(report: PeriodicReport) -> str:
    return reverse("api:report_detail", kwargs={"pk": report.pk})


def listed(client: Any, **query: Any) -> list[str]:
    response = client.get(reverse("api:report_list"), query)
    assert response.status_code == 200, response.content
    return [r["title"] for r in response.json()["items"]]


# --- reading ----------------------------------------------------------------------------------


def test_it_keeps_a_draft_to_its_party(draft: PeriodicReport, token: Any) -> None:
    assert listed(token("bob", "read")) == ["Báo cáo Quý I/2024"]
    assert token("bob", "read").get(detail(draft)).json()["status"]["value"] == "draft"
    for outsider in ("coop_officer", "superior", "charlie", "subordinate"):
        assert listed(token(outsider, "read")) == [], outsider
        assert token(outsider, "read").get(detail(draft)).json()["code"] == "not_found", outsider


def test_it_filters_as_the_report_list_does(
    sent: PeriodicReport, agreement: Any, users: Any, orgs: Any, token: Any
) -> None:
    make_report(
        users["coop_officer"],
        agreement,
        orgs["board"],
        D(2024, 1, 1),
        D(2024, 3, 31),
        "Quý I/2024 (BTG)",
    )
    coop = token("coop_officer", "read")
    assert listed(coop) == ["Báo cáo Quý I/2024", "Báo cáo Quý I/2024 (BTG)"]
    assert listed(coop, status="draft") == ["Báo cáo Quý I/2024 (BTG)"]
    assert listed(coop, organization=orgs["district"].pk) == ["Báo cáo Quý I/2024"]
    assert listed(coop, agreement=agreement.pk, year=2024) == listed(coop)
    assert listed(coop, archived=True) == []
    assert coop.get(reverse("api:report_list"), {"limit": 500}).status_code == 422
    first = coop.get(reverse("api:report_list"), {"limit": 1}).json()
    assert first["count"] == 2 and len(first["items"]) == 1
    item = first["items"][0]
    assert item["state"]["value"] in {"on_time", "late"} and item["read_count"] == 0


def test_it_leaves_a_read_receipt_as_the_page_does(
    sent: PeriodicReport, users: Any, orgs: Any, token: Any
) -> None:
    alice = token("alice", "read")
    tag = alice.get(detail(sent))["ETag"]
    assert token("superior", "read").get(detail(sent)).status_code == 200
    assert not ReportRead.objects.exists()  # the author and a superior body leave none
    coop = token("coop_officer", "read")
    body = coop.get(detail(sent)).json()
    assert [(r["user"], r["organization"]["id"]) for r in body["reads"]] == [
        ("coop_officer", orgs["board"].pk)
    ]
    coop.get(detail(sent))
    assert ReportRead.objects.filter(report=sent).count() == 1
    # A new reader changes the answer: the old tag is no longer current.
    fresh = alice.get(detail(sent), HTTP_IF_NONE_MATCH=tag)
    assert fresh.status_code == 200 and fresh["ETag"] != tag
    assert alice.get(detail(sent), HTTP_IF_NONE_MATCH=fresh["ETag"]).status_code == 304
    assert listed(alice)[0] == "Báo cáo Quý I/2024"
    assert alice.get(reverse("api:report_list")).json()["items"][0]["read_count"] == 1


def test_it_pins_the_queries_of_the_list_and_the_record(
    sent: PeriodicReport, agreement: Any, users: Any, orgs: Any, login: Any
) -> None:
    client = login(users["coop_officer"])
    # The session and its user, the scope, the count and the page (with its read counts).
    with assert_queries(5):
        assert client.get(reverse("api:report_list")).json()["count"] == 1
    for quarter in (2, 3, 4):
        start = D(2024, 3 * quarter - 2, 1)
        end = (D(2024, 3 * quarter + 1, 1) if quarter < 4 else D(2025, 1, 1)) - datetime.timedelta(
            days=1
        )
        make_report(users["alice"], agreement, orgs["district"], start, end, f"Quý {quarter}/2024")
        make_report(
            users["coop_officer"], agreement, orgs["board"], start, end, f"Quý {quarter}/2024 (BTG)"
        )
    with assert_queries(5):
        assert client.get(reverse("api:report_list")).json()["count"] == 4
    client.get(detail(sent))  # the receipt is left once
    # The session and its user, the scope, the report, the agreement's parties (on whose behalf
    # it is read), the receipt looked up, the reads.
    with assert_queries(7):
        assert client.get(detail(sent)).status_code == 200


# --- writing ----------------------------------------------------------------------------------


def new_report(agreement: Any, org: Any, **extra: Any) -> dict[str, Any]:
    return {
        "agreement": agreement.pk,
        "organization": org.pk,
        "period_start": "2024-04-01",
        "title": "Báo cáo quý II/2024",
        "body": "Kết quả thực hiện",
        **extra,
    }


def post(client: Any, data: dict[str, Any]) -> Any:
    return client.post(reverse("api:report_create"), data, content_type="application/json")


def test_it_starts_a_draft_for_an_owed_period_and_sends_it(
    quarterly: Any, agreement: Any, orgs: Any, token: Any
) -> None:
    alice = token("alice")
    response = post(alice, new_report(agreement, orgs["district"]))
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["period_start"], body["period_end"], body["due_date"]) == (
        "2024-04-01",
        "2024-06-30",
        "2024-07-10",
    )
    assert body["status"]["value"] == "draft" and body["rhythm"]["value"] == "quarterly"
    assert body["period_label"] and response["Location"] == reverse(
        "api:report_detail", kwargs={"pk": body["id"]}
    )
    again = post(alice, new_report(agreement, orgs["district"]))
    assert again.status_code == 422 and "period_start" in again.json()["fields"]
    submit = reverse("api:report_submit", kwargs={"pk": body["id"]})
    sent = alice.post(submit, HTTP_IF_MATCH=response["ETag"])
    assert sent.status_code == 200, sent.content
    assert sent.json()["status"]["value"] == "submitted" and sent.json()["submitted_by"] == "alice"
    assert alice.post(submit).status_code == 422


def test_it_starts_an_ad_hoc_report(quarterly: Any, agreement: Any, orgs: Any, token: Any) -> None:
    alice = token("alice")
    missing = post(alice, new_report(agreement, orgs["district"], ad_hoc=True))
    assert missing.status_code == 422
    assert set(missing.json()["fields"]) == {"period_end", "due_date"}
    response = post(
        alice,
        new_report(
            agreement, orgs["district"], ad_hoc=True, period_end="2024-04-15", due_date="2024-04-20"
        ),
    )
    assert response.status_code == 201, response.content
    assert response.json()["rhythm"]["value"] == "ad_hoc"
    assert response.json()["period_label"].startswith("Đột xuất")


def test_it_names_the_fields_of_a_report_it_refuses(
    quarterly: Any, agreement: Any, orgs: Any, token: Any
) -> None:
    alice = token("alice")
    not_owed = post(
        alice, new_report(agreement, orgs["district"], period_start="2024-04-02")
    ).json()
    assert not_owed["fields"]["period_start"][0]["vi"] == "Kỳ này không có báo cáo phải gửi."
    assert (
        not_owed["fields"]["period_start"][0]["en"] != not_owed["fields"]["period_start"][0]["vi"]
    )
    other_party = post(alice, new_report(agreement, orgs["board"])).json()
    assert other_party["fields"]["organization"][0]["vi"] == "Bạn không viết báo cáo cho bên này."
    blank = post(alice, new_report(agreement, orgs["district"], title="   ")).json()
    assert "title" in blank["fields"]
    assert set(post(alice, {}).json()["fields"]) >= {
        "agreement",
        "organization",
        "period_start",
        "title",
    }
    assert not PeriodicReport.objects.exists()


def test_it_answers_a_reader_403_and_an_outsider_404_on_a_new_report(
    quarterly: Any, agreement: Any, orgs: Any, token: Any
) -> None:
    data = new_report(agreement, orgs["district"])
    assert post(token("bob"), data).json()["code"] == "forbidden"
    assert post(token("superior"), data).status_code == 403
    assert post(token("alice", "read"), data).status_code == 403
    assert post(token("charlie"), data).json()["code"] == "not_found"
    assert not PeriodicReport.objects.exists()


def test_it_changes_a_draft_with_if_match(draft: PeriodicReport, token: Any, users: Any) -> None:
    from phoihop.exchange.services import report_update

    alice = token("alice")
    tag = alice.get(detail(draft))["ETag"]
    response = alice.patch(
        detail(draft), {"body": "Nội dung mới"}, content_type="application/json", HTTP_IF_MATCH=tag
    )
    assert response.status_code == 200, response.content
    assert (
        response.json()["body"] == "Nội dung mới"
        and response.json()["title"] == "Báo cáo Quý I/2024"
    )
    report_update(actor=users["leader"], report=draft, title="Tiêu đề khác", body="Của lãnh đạo")
    stale = alice.patch(
        detail(draft),
        {"body": "Ghi đè"},
        content_type="application/json",
        HTTP_IF_MATCH=response["ETag"],
    )
    assert stale.status_code == 412
    stale_submit = alice.post(
        reverse("api:report_submit", kwargs={"pk": draft.pk}), HTTP_IF_MATCH=response["ETag"]
    )
    assert stale_submit.status_code == 412
    draft.refresh_from_db()
    assert (draft.body, draft.status) == ("Của lãnh đạo", "draft")
    blank = alice.patch(detail(draft), {"title": ""}, content_type="application/json")
    assert blank.status_code == 422 and "title" in blank.json()["fields"]


def test_it_keeps_a_sent_report_as_sent(sent: PeriodicReport, token: Any) -> None:
    response = token("alice").patch(detail(sent), {"body": "Sửa"}, content_type="application/json")
    assert response.status_code == 422
    assert "đã gửi" in response.json()["message"]["vi"]


def test_it_lets_only_the_partys_officers_change_and_send_a_draft(
    draft: PeriodicReport, token: Any
) -> None:
    """The route walk posts; the change is a PATCH, walked here user by user."""
    expected = {"alice": 200, "leader": 200, "staff": 200, "bob": 403}
    for username in ALL_USERS:
        response = token(username).patch(
            detail(draft), {"body": f"Của {username}"}, content_type="application/json"
        )
        assert response.status_code == expected.get(username, 404), username
    assert (
        token("alice", "read")
        .patch(detail(draft), {"body": "x"}, content_type="application/json")
        .status_code
        == 403
    )
    submit = reverse("api:report_submit", kwargs={"pk": draft.pk})
    assert token("bob").post(submit).status_code == 403
    assert token("coop_officer").post(submit).status_code == 404
    assert token("alice", "read").post(submit).status_code == 403
    draft.refresh_from_db()
    assert draft.status == "draft"
