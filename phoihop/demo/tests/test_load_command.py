"""The load_demo command: what it prints, and that it refuses a production database unasked.

Apart from test_load.py, whose tests share one loaded demo: these need an empty database."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from phoihop.demo.base import DEMO_PASSWORD
from phoihop.orgs.models import Organization


def test_it_prints_the_logins(db: Any) -> None:
    out = StringIO()
    call_command("load_demo", "--force", stdout=out)
    text = out.getvalue()
    assert "chqs.q4.canbo" in text and DEMO_PASSWORD in text
    assert "Ban Chỉ huy Quân sự thành phố Hưng Yên" in text
    assert "Cán bộ thực hiện" in text and "Quản trị hệ thống" in text


def test_it_refuses_to_load_without_debug_unless_forced(db: Any) -> None:
    with pytest.raises(CommandError):
        call_command("load_demo", stdout=StringIO())
    assert not Organization.objects.exists()
