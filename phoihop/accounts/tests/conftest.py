from __future__ import annotations

from typing import Any

import pytest

PASSWORD = "matkhau-123"


@pytest.fixture
def admin_user(orgs: dict[str, Any]) -> Any:
    """The admin of the district command (lead party of the fixture agreement)."""
    from phoihop.orgs.models import Membership
    from phoihop.testing.builders import make_user

    return make_user(
        "quantri", org=orgs["district"], role=Membership.Role.ADMIN, password=PASSWORD,
        first_name="Quản trị", email="quantri@example.org",
    )


@pytest.fixture
def sign_in(client: Any) -> Any:
    from django.urls import reverse

    def do(username: str, password: str = PASSWORD, ip: str = "10.1.1.1", c: Any = None) -> Any:
        return (c or client).post(
            reverse("accounts:login"), {"username": username, "password": password},
            REMOTE_ADDR=ip,
        )

    return do
