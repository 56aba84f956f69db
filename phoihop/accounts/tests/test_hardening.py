"""Small hardening: the signing key's length, headers on every response and on downloads, and a
sign-in answer that costs the same whether or not the account exists."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

import pytest
from django.conf import settings
from django.urls import reverse

from phoihop.core.tests import test_access_walk as walk
from phoihop.testing.queries import captured_queries

# The route walk's world (an agreement with its plan, activity, attachment, review, ...), kept,
# and the root fixtures taken from it.
world, layered = walk.world, walk.layered
world_orgs, world_users, world_agreement = walk.world_orgs, walk.world_users, walk.world_agreement

# --- the signing key ---------------------------------------------------------------------------


def start(**env: str) -> subprocess.CompletedProcess[str]:
    """Load the production settings in a fresh process with only these variables."""
    clean = {k: os.environ[k] for k in ("PATH", "HOME", "LANG", "SYSTEMROOT") if k in os.environ}
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-c", "import phoihop.settings"],
        cwd=settings.BASE_DIR, env=clean, capture_output=True, text=True, timeout=120,
    )


def test_a_short_secret_key_stops_the_process_when_debug_is_off() -> None:
    result = start(DEBUG="false", SECRET_KEY="x7#Kq9!mZ2" * 4, ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "SECRET_KEY must be at least 50 random characters when DEBUG is off (it has 40)" in result.stderr
    assert "x7#Kq9!mZ2" not in result.stderr  # the key itself is never printed


def test_a_key_of_one_repeated_character_stops_the_process() -> None:
    result = start(DEBUG="false", SECRET_KEY="a" * 60, ALLOWED_HOSTS="example.org")
    assert result.returncode != 0 and "SECRET_KEY must be at least 50" in result.stderr


@pytest.mark.parametrize("env", [
    {"DEBUG": "false", "SECRET_KEY": "x7#Kq9!mZ2" * 5},  # 50 characters: enough
    {"DEBUG": "true", "SECRET_KEY": "kort"},  # development
    {"DEBUG": "false", "PHOIHOP_INSECURE_DEV_KEY": "true"},  # the tests and the benchmark
])
def test_long_keys_development_and_the_test_settings_start(env: dict[str, str]) -> None:
    result = start(ALLOWED_HOSTS="example.org", **env)
    assert result.returncode == 0, result.stderr


# --- headers on every response and on downloads ------------------------------------------------

# The routes that hand over a file; each must be met by the walk below.
DOWNLOADS = {
    "core:attachment_download",
    "documents:agreement_docx", "documents:agreement_xlsx",
    "documents:plan_docx", "documents:plan_xlsx",
    "reviews:download_docx", "reviews:download_xlsx",
    "reviews:commendations_docx", "reviews:commendations_xlsx",
    "audit:log_export",
}


def test_every_download_is_not_stored_and_every_response_carries_the_permissions_policy(
    client: Any, users: dict[str, Any], world: dict[str, Any]
) -> None:
    from phoihop.core.middleware import is_download

    client.force_login(users["staff"])
    downloads = set()
    for name, pattern in walk.routes():
        url, missing_url = walk.url_for(name, pattern, world)
        for address in (url, missing_url):
            if address is None:
                continue
            response = client.get(address)
            policy = response.get("Permissions-Policy", "")
            assert "camera=()" in policy and "microphone=()" in policy, name
            assert "geolocation=()" in policy, name
            if response.status_code == 200 and is_download(response):
                downloads.add(name)
                assert response["Cache-Control"] == "private, no-store", name
    missing = DOWNLOADS - downloads
    assert not missing, f"the walk met no download at {sorted(missing)}"
    # Sign-in pages, static files and error pages carry it too.
    for address in (reverse("accounts:login"), "/khong-co-trang-nay/", settings.STATIC_URL + "phoihop/app.css"):
        assert "camera=()" in client.get(address).get("Permissions-Policy", ""), address


def test_static_files_stay_cacheable(client: Any, users: dict[str, Any]) -> None:
    """WhiteNoise serves static files as file responses: they are not downloads."""
    response = client.get(settings.STATIC_URL + "phoihop/app.css")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
    assert "camera=()" in response["Permissions-Policy"]


def test_a_generated_document_is_not_stored(client: Any, users: dict[str, Any], world: dict[str, Any]) -> None:
    client.force_login(users["alice"])
    response = client.get(reverse("documents:plan_xlsx", args=[world["plan"].pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Cache-Control"] == "private, no-store"


def test_the_calendar_feed_stays_revalidated_rather_than_unstored(
    client: Any, users: dict[str, Any], world: dict[str, Any]
) -> None:
    """The feed is read by calendar programs that ask again with its ETag: a copy is kept
    privately and revalidated (no-cache), not forbidden (no-store)."""
    response = client.get(reverse("notifications:feed", args=[world["feed_token"].token]))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-cache"


# --- sign-in timing ----------------------------------------------------------------------------


def failed_sign_in_cost(client: Any, username: str, address: str) -> tuple[int, int]:
    """How many times a failed sign-in runs the password hasher, and how many queries it makes."""
    from django.contrib.auth.hashers import get_hasher

    hasher_class = type(get_hasher())
    original = hasher_class.encode
    calls = []

    def counting(self: Any, password: str, salt: str, *args: Any, **kwargs: Any) -> str:
        calls.append(1)
        return original(self, password, salt, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch, captured_queries() as queries:
        patch.setattr(hasher_class, "encode", counting)
        response = client.post(
            reverse("accounts:login"), {"username": username, "password": "sai-mat-khau"},
            REMOTE_ADDR=address,
        )
    assert response.status_code in (200, 429)
    return len(calls), len(queries.captured_queries)


@pytest.mark.django_db
def test_a_failed_sign_in_costs_the_same_whether_or_not_the_account_exists(
    client: Any, users: dict[str, Any], django_user_model: Any
) -> None:
    inactive = django_user_model.objects.create_user(username="nghiviec", password="matkhau-123")
    inactive.is_active = False
    inactive.save()
    unusable = django_user_model.objects.create_user(username="chuadat")
    unusable.set_unusable_password()
    unusable.save()
    costs = {
        name: failed_sign_in_cost(client, name, f"10.3.0.{n}")
        for n, name in enumerate(("alice", "khong-ton-tai", "nghiviec", "chuadat"))
    }
    # The password hasher runs exactly once, also for an account that does not exist.
    assert {hashes for hashes, _ in costs.values()} == {1}, costs
    # And the database is asked the same number of questions.
    assert len({queries for _, queries in costs.values()}) == 1, costs
