from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_it_speaks_vietnamese_whatever_the_browser_asks(client):
    response = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "vi"
    assert "Đăng nhập" in response.content.decode()


def test_it_switches_to_english_when_the_user_chooses(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert client.get(reverse("accounts:login"))["Content-Language"] == "en"


def test_it_writes_long_dates_in_the_reader_s_language():
    import datetime

    from django.utils import translation

    from phoihop.core.templatetags.vn import vndate_long

    day = datetime.date(2022, 9, 15)
    assert vndate_long(day) == "ngày 15 tháng 9 năm 2022"
    with translation.override("en"):
        assert vndate_long(day) == "15 September 2022"
