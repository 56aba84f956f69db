"""Activities changed through the API as on their pages: a draft edited (PATCH, with If-Match), a
submission approved or returned by a leader of its organiser, a correction of an approved
activity opened as a revision; and who is refused what."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse

from phoihop.activities.models import Activity
from phoihop.audit.models import AuditEvent
from phoihop.testing.walk import ALL_USERS

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(users: Any, agreement: Any) -> Any:
    from phoihop.plans.services import plan_create

    return plan_create(actor=users["alice"], agreement=agreement, year=2024)


@pytest.fixture
def draft(users: Any, orgs: Any, plan: Any) -> Activity:
    from phoihop.activities.services import activity_create

    return activity_create(
        actor=users["alice"],
        task=plan.tasks.get(number=1),
        organizations=[orgs["district"]],
        fields={
            "title": "Tuyên truyền Luật Nghĩa vụ quân sự",
            "start_date": datetime.date(2024, 3, 1),
            "participants": 40,
        },
    )


@pytest.fixture
def submitted(draft: Activity, users: Any) -> Activity:
    from phoihop.activities.services import activity_submit

    return activity_submit(actor=users["alice"], activity=draft)


@pytest.fixture
def token(make_token: Any, api_client: Any) -> Any:
    def make(username: str, access: str = "write") -> Any:
        return api_client(make_token(username, access=access))

    return make


def detail(activity: Activity) -> str:
    return reverse("api:activity_detail", kwargs={"pk": activity.pk})


def patch(client: Any, url: str, data: dict[str, Any], **headers: Any) -> Any:
    return client.patch(url, data, content_type="application/json", **headers)


# --- editing ----------------------------------------------------------------------------------


def test_it_changes_only_the_fields_it_is_given(draft: Activity, token: Any) -> None:
    alice = token("alice")
    tag = alice.get(detail(draft))["ETag"]
    response = patch(
        alice,
        detail(draft),
        {"title": "Hội nghị tuyên truyền", "start_date": "2024-03-04"},
        HTTP_IF_MATCH=tag,
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["title"] == "Hội nghị tuyên truyền"
    # A one-day activity moved stays one day; what was not sent is kept.
    assert body["start_date"] == body["end_date"] == "2024-03-04"
    assert body["participants"] == 40 and len(body["organizations"]) == 1
    assert response["ETag"] != tag
    draft.refresh_from_db()
    assert draft.title == "Hội nghị tuyên truyền" and draft.status == "draft"
    assert AuditEvent.objects.filter(
        action="api_write", detail__startswith="activity_update"
    ).exists()


def test_it_replaces_the_indicator_values_when_it_is_given_them(
    draft: Activity, token: Any
) -> None:
    from phoihop.plans.models import Indicator

    indicator = Indicator.objects.create(
        task=draft.task, name="Số buổi tuyên truyền", unit=Indicator.Unit.choices[0][0], target=12
    )
    alice = token("alice")
    response = patch(alice, detail(draft), {"values": [{"indicator": indicator.pk, "value": "3"}]})
    assert response.status_code == 200, response.content
    assert [v["value"] for v in response.json()["values"]] == ["3.00"]
    # Left out, the values stay.
    kept = patch(alice, detail(draft), {"place_text": "Hội trường phường"}).json()
    assert (
        kept["values"][0]["indicator_id"] == indicator.pk
        and kept["place_text"] == "Hội trường phường"
    )


def test_it_refuses_a_stale_edit_with_412(draft: Activity, token: Any, users: Any) -> None:
    from phoihop.activities.services import activity_update

    alice = token("alice")
    tag = alice.get(detail(draft))["ETag"]
    activity_update(
        actor=users["leader"],
        activity=draft,
        fields={"title": "Sửa trên trang", "start_date": draft.start_date},
        organizations=list(draft.organizations.all()),
    )
    response = patch(alice, detail(draft), {"title": "Sửa qua API"}, HTTP_IF_MATCH=tag)
    assert response.status_code == 412
    assert response.json()["code"] == "precondition_failed"
    draft.refresh_from_db()
    assert draft.title == "Sửa trên trang"


def test_it_names_the_fields_of_an_edit_it_refuses(draft: Activity, token: Any) -> None:
    alice = token("alice")
    response = patch(alice, detail(draft), {"end_date": "2024-02-01"})
    assert response.status_code == 422
    assert response.json()["fields"]["end_date"][0]["vi"].startswith("Ngày kết thúc")
    response = patch(alice, detail(draft), {"start_date": "2023-05-01"})
    assert "start_date" in response.json()["fields"]
    response = patch(alice, detail(draft), {"title": "", "participants": -1})
    assert {"title", "participants"} <= set(response.json()["fields"])
    cleared = patch(alice, detail(draft), {"title": None, "start_date": None})
    assert cleared.status_code == 422 and {"title", "start_date"} <= set(cleared.json()["fields"])
    unknown = patch(
        alice,
        detail(draft),
        {"organizations": [987654], "values": [{"indicator": 987654, "value": 1}]},
    )
    assert {"organizations", "values"} <= set(unknown.json()["fields"])
    outsider = patch(alice, detail(draft), {"organizations": [draft.organizations.get().pk + 1000]})
    assert outsider.status_code == 422


def test_it_refuses_to_edit_a_submitted_activity(submitted: Activity, token: Any) -> None:
    response = patch(token("alice"), detail(submitted), {"title": "Đổi tên"})
    assert response.status_code == 422
    assert "chờ duyệt" in response.json()["message"]["vi"]


def test_it_lets_only_the_organisers_officers_edit(draft: Activity, token: Any) -> None:
    """The route walk posts; the edit is a PATCH, walked here user by user."""
    expected = {"alice": 200, "leader": 200, "staff": 200, "bob": 403, "superior": 403}
    for username in ALL_USERS:
        response = patch(token(username), detail(draft), {"place_text": f"Nơi của {username}"})
        assert response.status_code == expected.get(username, 404), username
    assert patch(token("alice", "read"), detail(draft), {"title": "x"}).status_code == 403


# --- approving and returning ------------------------------------------------------------------


def test_it_lets_a_leader_approve_a_submission(submitted: Activity, token: Any) -> None:
    leader = token("leader")
    url = reverse("api:activity_approve", kwargs={"pk": submitted.pk})
    tag = leader.get(detail(submitted))["ETag"]
    response = leader.post(url, HTTP_IF_MATCH=tag)
    assert response.status_code == 200, response.content
    assert response.json()["status"]["value"] == "approved" and response.json()["approved_at"]
    again = leader.post(url)
    assert again.status_code == 422 and "chờ duyệt" in again.json()["message"]["vi"]


def test_it_lets_a_leader_return_a_submission_with_a_note(submitted: Activity, token: Any) -> None:
    leader = token("leader")
    url = reverse("api:activity_return", kwargs={"pk": submitted.pk})
    empty = leader.post(url, {"note": "  "}, content_type="application/json")
    assert empty.status_code == 422
    assert empty.json()["fields"]["note"][0]["vi"].startswith("Cần ghi rõ")
    assert empty.json()["fields"]["note"][0]["en"] != empty.json()["fields"]["note"][0]["vi"]
    assert leader.post(url, "{", content_type="application/json").status_code == 400
    response = leader.post(
        url, {"note": "Bổ sung số người tham gia"}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (
        body["status"]["value"] == "returned"
        and body["reviewer_note"] == "Bổ sung số người tham gia"
    )
    # Returned, it is the officer's to correct and send again.
    assert patch(token("alice"), detail(submitted), {"participants": 45}).status_code == 200


def test_it_refuses_a_stale_approval_with_412(submitted: Activity, token: Any, users: Any) -> None:
    from phoihop.activities.services import activity_return

    leader = token("leader")
    tag = leader.get(detail(submitted))["ETag"]
    activity_return(actor=users["leader"], activity=submitted, note="Xem lại")
    from phoihop.activities.services import activity_submit

    activity_submit(actor=users["alice"], activity=submitted)
    response = leader.post(
        reverse("api:activity_approve", kwargs={"pk": submitted.pk}), HTTP_IF_MATCH=tag
    )
    assert response.status_code == 412
    submitted.refresh_from_db()
    assert submitted.status == "submitted"


def test_it_answers_an_officer_403_and_an_outsider_404_on_a_review(
    submitted: Activity, token: Any
) -> None:
    for name in ("api:activity_approve", "api:activity_return"):
        url = reverse(name, kwargs={"pk": submitted.pk})
        assert token("alice").post(url).json()["code"] == "forbidden", name
        assert token("superior").post(url).status_code == 403, name
        assert token("staff").post(url).status_code == 403, name
        assert token("charlie").post(url).json()["code"] == "not_found", name
        # Submitted work is seen by the other party, which does not approve it.
        assert token("coop_officer").post(url).status_code == 403, name
        assert token("subordinate").post(url).status_code == 404, name
        assert token("leader", "read").post(url).status_code == 403, name
    submitted.refresh_from_db()
    assert submitted.status == "submitted"


# --- correcting an approved activity ------------------------------------------------------------


def test_it_opens_a_revision_of_an_approved_activity(
    submitted: Activity, token: Any, users: Any
) -> None:
    from phoihop.activities.services import activity_approve

    activity_approve(actor=users["leader"], activity=submitted)
    alice = token("alice")
    assert patch(alice, detail(submitted), {"title": "x"}).status_code == 422
    url = reverse("api:activity_reopen", kwargs={"pk": submitted.pk})
    assert token("bob").post(url).status_code == 403
    assert token("charlie").post(url).status_code == 404
    response = alice.post(url)
    assert response.status_code == 201, response.content
    revision = response.json()
    assert revision["revises_id"] == submitted.pk and revision["revision"] == 2
    assert revision["status"]["value"] == "draft" and response["Location"].endswith(
        f"/{revision['id']}"
    )
    assert alice.post(url).status_code == 422  # one open revision at a time
    assert patch(alice, response["Location"], {"participants": 50}).status_code == 200
    submitted.refresh_from_db()
    assert submitted.status == "approved" and submitted.participants == 40
