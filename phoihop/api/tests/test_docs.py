"""The schema and the documentation page: OpenAPI 3.1, Swagger UI from the project's own files,
running under the Content-Security-Policy."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

VENDOR = Path(settings.BASE_DIR) / "phoihop" / "static" / "vendor" / "swagger-ui"


def test_it_serves_an_openapi_3_1_schema_to_a_token_and_a_session(
    users: Any, make_token: Any, api_client: Any, login: Any
) -> None:
    schema = api_client(make_token("bob")).get(reverse("api:openapi")).json()
    assert schema["openapi"].startswith("3.1")
    assert {
        "/api/v1/organizations",
        "/api/v1/agreements/{pk}",
        "/api/v1/activities/{pk}/submit",
        "/api/v1/activities/{pk}/attachments",
        "/api/v1/reports/{pk}",
        "/api/v1/inspections/{pk}",
    } <= set(schema["paths"])
    schemes = schema["components"]["securitySchemes"]
    assert {s["type"] for s in schemes.values()} == {"http", "apiKey"}
    assert login(users["alice"]).get(reverse("api:openapi")).status_code == 200
    assert Client().get(reverse("api:openapi")).status_code == 401


def test_it_builds_the_schema_once_and_serves_the_same_bytes_after(
    users: Any, login: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from phoihop.api import main

    built: list[dict[str, Any]] = []
    build = main.api.get_openapi_schema

    def counted(**kw: Any) -> Any:
        built.append(kw)
        return build(**kw)

    monkeypatch.setattr(main.api, "get_openapi_schema", counted)
    main.schema_json.cache_clear()
    client = login(users["alice"])
    first = client.get(reverse("api:openapi"))
    second = client.get(reverse("api:openapi"))
    main.schema_json.cache_clear()  # the next test builds it from the real method again
    assert built == [{"path_prefix": "/api/v1/"}]
    assert first["Content-Type"] == "application/json"
    assert first.content == second.content
    assert "Tài khoản → Khoá truy" in first.content.decode()  # not escaped to \\uXXXX


def test_it_serves_the_documentation_page_from_vendored_files(users: Any, login: Any) -> None:
    response = login(users["alice"]).get(reverse("api:docs"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in body
    assert "https://" not in body.replace(settings.SITE_URL, "")
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "<script>" not in body  # no inline script: the policy would block it
    for name in ("swagger-ui-bundle.js", "swagger-ui.css", "LICENSE", "NOTICE"):
        assert (VENDOR / name).is_file(), name


def test_it_sends_anonymous_readers_of_the_documentation_to_sign_in() -> None:
    response = Client().get(reverse("api:docs"))
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_swagger_ui_runs_under_the_policy(
    live_server: Any, page: Any, users: dict[str, Any]
) -> None:
    from phoihop.accounts.tests.test_browser import sign_in, watch_csp

    violations = watch_csp(page)
    sign_in(page, live_server.url, "alice")
    page.goto(f"{live_server.url}{reverse('api:docs')}")
    page.wait_for_selector(".opblock-summary-path", timeout=15000)
    assert page.locator(".opblock-summary-path").count() >= 7
    assert not violations, violations
