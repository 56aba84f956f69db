"""Personal access tokens on the account page: made with a name, an expiry and an access, the
secret shown once and kept hashed, listed, revoked by their owner only."""

from __future__ import annotations

import datetime
import hashlib
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from phoihop.accounts.models import ApiToken
from phoihop.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def _in(days: int) -> str:
    return (timezone.localdate() + datetime.timedelta(days=days)).strftime("%d/%m/%Y")


def test_it_makes_a_token_and_shows_its_secret_once(users: Any, login: Any) -> None:
    client = login(users["alice"])
    response = client.post(
        reverse("accounts:api_tokens"),
        {"name": "Hệ thống văn bản", "expires_on": _in(90), "access": "write"},
    )
    assert response.status_code == 200
    secret = response.context["secret"]
    assert secret.startswith("php_") and len(secret) > 40
    assert secret in response.content.decode()
    token = ApiToken.objects.get()
    assert token.user == users["alice"] and token.can_write and token.name == "Hệ thống văn bản"
    assert token.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in str(list(ApiToken.objects.values()))
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.API_TOKEN_CREATE, actor=users["alice"]
    ).exists()
    again = client.get(reverse("accounts:api_tokens")).content.decode()
    assert secret not in again and "Hệ thống văn bản" in again and token.prefix in again


def test_it_refuses_an_expiry_in_the_past_or_beyond_a_year(users: Any, login: Any) -> None:
    client = login(users["alice"])
    for days in (0, -3, 366):
        response = client.post(
            reverse("accounts:api_tokens"), {"name": "X", "expires_on": _in(days), "access": "read"}
        )
        assert response.status_code == 200 and response.context["form"].errors.get("expires_on"), (
            days
        )
    assert client.post(
        reverse("accounts:api_tokens"), {"name": "X", "expires_on": _in(365), "access": "read"}
    ).context["secret"]
    assert ApiToken.objects.count() == 1


def test_it_lets_only_the_owner_revoke_a_token(users: Any, login: Any) -> None:
    from phoihop.accounts.services import api_token_create

    token, _secret = api_token_create(
        actor=users["alice"],
        name="Cổng báo cáo",
        expires_on=timezone.localdate() + datetime.timedelta(days=5),
        access="read",
    )
    url = reverse("accounts:api_token_revoke", kwargs={"pk": token.pk})
    assert login(users["staff"]).post(url).status_code == 404
    assert login(users["alice"]).get(url).status_code == 405
    assert login(users["alice"]).post(url).status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert AuditEvent.objects.filter(action=AuditEvent.Action.API_TOKEN_REVOKE).count() == 1


def test_it_links_the_tokens_from_the_account_page(users: Any, login: Any) -> None:
    body = login(users["bob"]).get(reverse("accounts:account")).content.decode()
    assert reverse("accounts:api_tokens") in body
