"""Security headers: the Content-Security-Policy without unsafe-inline, framing, cookies."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

EXPECTED = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
    "base-uri": "'self'",
}


def directives(header: str) -> dict[str, str]:
    parts = [p.strip() for p in header.split(";") if p.strip()]
    return {p.split(" ", 1)[0]: p.split(" ", 1)[1] for p in parts}


@pytest.mark.parametrize("signed_in", [False, True])
def test_every_page_carries_the_strict_policy(client: Any, users: dict[str, Any], agreement: Any, signed_in: bool) -> None:
    if signed_in:
        client.force_login(users["alice"])
        url = reverse("agreements:detail", args=[agreement.pk])
    else:
        url = reverse("accounts:login")
    response = client.get(url)
    assert response.status_code == 200
    header = response["Content-Security-Policy"]
    assert directives(header) == EXPECTED
    assert "unsafe-inline" not in header and "unsafe-eval" not in header
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_pages_have_no_inline_script_or_style(client: Any, users: dict[str, Any]) -> None:
    import re

    client.force_login(users["bob"])
    for name in ("core:home", "accounts:account", "accounts:sessions", "accounts:password_change", "accounts:otp_setup"):
        body = client.get(reverse(name)).content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", body), name
        assert not re.search(r"\sstyle=", body), name
        assert not re.search(r"\son[a-z]+=", body), name
        assert "<style" not in body, name


def test_session_and_csrf_cookies_are_http_only(client: Any, users: dict[str, Any], settings: Any) -> None:
    response = client.post(reverse("accounts:login"), {"username": "alice", "password": "matkhau-123"})
    assert response.cookies[settings.SESSION_COOKIE_NAME]["httponly"]
    page = client.get(reverse("accounts:password_change"))
    assert page.cookies.get(settings.CSRF_COOKIE_NAME) is None or page.cookies[settings.CSRF_COOKIE_NAME]["httponly"]


def test_the_deployment_check_is_clean_with_production_settings() -> None:
    """`manage.py check --deploy` with DEBUG off, as `make check-deploy` runs it, says nothing."""
    import os
    import subprocess
    import sys

    from django.conf import settings

    # A clean environment: nothing of the test run's relaxations leaks in.
    env = {k: os.environ[k] for k in ("PATH", "HOME", "LANG", "SYSTEMROOT") if k in os.environ}
    env.update(
        DJANGO_SETTINGS_MODULE="phoihop.settings", DEBUG="false", SECRET_KEY="k" * 30 + "-Zq8#vR2!mT5@wY9" * 3,
        ALLOWED_HOSTS="example.org",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout and not result.stderr.strip()
