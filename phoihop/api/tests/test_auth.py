"""Who may call the API: tokens (expired, revoked, read-only, rate-limited) and the session."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from phoihop.accounts.models import ApiToken
from phoihop.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

LIST = "/api/v1/organizations"


def _error(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["code"] == code
    assert body["message"]["vi"] and body["message"]["en"]
    return dict(body)


def test_it_refuses_a_caller_without_credentials() -> None:
    _error(Client().get(LIST), 401, "unauthorized")


def test_it_refuses_a_secret_that_is_no_token(users: Any, api_client: Any) -> None:
    _error(api_client("php_not-a-real-token").get(LIST), 401, "unauthorized")
    _error(api_client("something-else").get(LIST), 401, "unauthorized")


def test_it_refuses_an_expired_token(users: Any, make_token: Any, api_client: Any) -> None:
    secret = make_token("alice")
    ApiToken.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    body = _error(api_client(secret).get(LIST), 401, "unauthorized")
    assert "hết hạn" in body["message"]["vi"]
    assert "expired" in body["message"]["en"]


def test_it_refuses_a_revoked_token(users: Any, make_token: Any, api_client: Any) -> None:
    from phoihop.accounts.services import api_token_revoke

    secret = make_token("alice")
    assert api_client(secret).get(LIST).status_code == 200
    api_token_revoke(actor=users["alice"], token=ApiToken.objects.get())
    body = _error(api_client(secret).get(LIST), 401, "unauthorized")
    assert "thu hồi" in body["message"]["vi"]


def test_it_refuses_the_token_of_a_disabled_account(
    users: Any, make_token: Any, api_client: Any
) -> None:
    secret = make_token("alice")
    users["alice"].is_active = False
    users["alice"].save()
    _error(api_client(secret).get(LIST), 401, "unauthorized")


def test_it_refuses_every_write_of_a_read_only_token(
    users: Any, world: Any, make_token: Any, api_client: Any
) -> None:
    client = api_client(make_token("alice", access="read"))
    url = reverse("api:activity_submit", kwargs={"pk": world["activity"].pk})
    body = _error(client.post(url), 403, "forbidden")
    assert "chỉ được đọc" in body["message"]["vi"]
    # Whatever it names: a record that is not there, or not the user's, is refused the same way.
    _error(client.post(reverse("api:activity_submit", kwargs={"pk": 987654})), 403, "forbidden")
    world["activity"].refresh_from_db()
    assert world["activity"].status == "draft"


def test_it_lets_a_read_write_token_write(
    users: Any, world: Any, make_token: Any, api_client: Any
) -> None:
    client = api_client(make_token("alice", access="write"))
    response = client.post(reverse("api:activity_submit", kwargs={"pk": world["activity"].pk}))
    assert response.status_code == 200, response.content
    assert response.json()["status"]["value"] == "submitted"


def test_it_acts_with_the_token_owners_rights(
    users: Any, world: Any, make_token: Any, api_client: Any
) -> None:
    url = reverse("api:agreement_detail", kwargs={"pk": world["agreement"].pk})
    assert api_client(make_token("alice")).get(url).status_code == 200
    _error(api_client(make_token("charlie")).get(url), 404, "not_found")


def test_it_limits_the_requests_of_a_token(
    settings: Any, users: Any, make_token: Any, api_client: Any
) -> None:
    settings.API_RATE_LIMIT = 3
    settings.API_RATE_WINDOW = 60
    client = api_client(make_token("alice"))
    assert [client.get(LIST).status_code for _ in range(3)] == [200, 200, 200]
    response = client.get(LIST)
    _error(response, 429, "rate_limited")
    assert 1 <= int(response["Retry-After"]) <= 60
    # Another token of the same user counts on its own.
    assert api_client(make_token("alice")).get(LIST).status_code == 200


def test_it_limits_the_session_calls_of_a_user(
    settings: Any, users: Any, make_token: Any, api_client: Any
) -> None:
    settings.API_RATE_LIMIT = 3
    settings.API_RATE_WINDOW = 60
    browser, other_browser = Client(), Client()
    browser.force_login(users["alice"])
    other_browser.force_login(users["alice"])
    assert [browser.get(LIST).status_code for _ in range(2)] == [200, 200]
    # Every session of the user counts together.
    assert other_browser.get(LIST).status_code == 200
    response = browser.get(LIST)
    body = _error(response, 429, "rate_limited")
    assert 1 <= int(response["Retry-After"]) <= 60
    assert body["message"]["vi"].startswith("Bạn đã gửi quá nhiều yêu cầu")
    assert body["message"]["en"].startswith("You have sent too many requests")
    _error(other_browser.get(LIST), 429, "rate_limited")
    # Another user, and a token of the same user, count on their own; the pages are not limited.
    bob = Client()
    bob.force_login(users["bob"])
    assert bob.get(LIST).status_code == 200
    assert api_client(make_token("alice")).get(LIST).status_code == 200
    assert browser.get(reverse("api:docs")).status_code == 200


def test_it_opens_a_new_window_for_the_session_once_the_last_one_ends(
    settings: Any, users: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from phoihop.api import auth

    settings.API_RATE_LIMIT = 1
    settings.API_RATE_WINDOW = 60
    now = [1_000_000.0]
    monkeypatch.setattr(auth.time, "time", lambda: now[0])
    browser = Client()
    browser.force_login(users["alice"])
    assert browser.get(LIST).status_code == 200
    refused = browser.get(LIST)
    assert refused.status_code == 429 and refused["Retry-After"] == "20"
    now[0] += 20
    assert browser.get(LIST).status_code == 200


def test_it_writes_the_first_use_of_a_day_and_every_write_to_the_audit_log(
    users: Any, world: Any, make_token: Any, api_client: Any
) -> None:
    client = api_client(make_token("alice", access="write"))
    uses = AuditEvent.objects.filter(action=AuditEvent.Action.API_TOKEN_USE)
    assert not uses.exists()
    client.get(LIST)
    client.get(LIST)
    assert uses.count() == 1
    assert uses.get().actor == users["alice"]
    token = ApiToken.objects.get()
    assert token.last_used_at is not None
    # The next day's first use is written again.
    ApiToken.objects.update(last_used_at=timezone.now() - datetime.timedelta(days=1))
    client.get(LIST)
    assert uses.count() == 2
    client.post(reverse("api:activity_submit", kwargs={"pk": world["activity"].pk}))
    write = AuditEvent.objects.get(action=AuditEvent.Action.API_WRITE)
    assert write.actor == users["alice"] and "activity_submit" in write.detail
    assert write.object_id == str(world["activity"].pk)


def test_it_takes_the_session_and_asks_it_for_the_csrf_token_on_writes(
    users: Any, world: Any
) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["alice"])
    assert client.get(LIST).status_code == 200
    url = reverse("api:activity_submit", kwargs={"pk": world["activity"].pk})
    body = _error(client.post(url), 403, "forbidden")
    assert "CSRF" in body["message"]["vi"]
    client.get(reverse("accounts:api_tokens"))  # sets the CSRF cookie
    response = client.post(url, HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value)
    assert response.status_code == 200, response.content


def test_it_answers_in_both_languages_whatever_the_sessions_language(users: Any) -> None:
    client = Client()
    client.force_login(users["alice"])
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    body = _error(client.get("/api/v1/agreements/987654"), 404, "not_found")
    assert body["message"]["vi"].startswith("Không tìm thấy")
    assert body["message"]["en"].startswith("Not found")


@pytest.fixture
def world(users: Any, orgs: Any, agreement: Any) -> dict[str, Any]:
    from phoihop.activities.services import activity_create
    from phoihop.plans.services import plan_create

    plan = plan_create(actor=users["alice"], agreement=agreement, year=2024)
    activity = activity_create(
        actor=users["alice"],
        task=plan.tasks.get(number=1),
        organizations=[orgs["district"]],
        fields={
            "title": "Tuyên truyền Luật Nghĩa vụ quân sự",
            "start_date": datetime.date(2024, 3, 1),
        },
    )
    return {"agreement": agreement, "plan": plan, "activity": activity}
