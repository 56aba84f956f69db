"""How the change history shows values: times in the local time zone, numbers the Vietnamese way."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import models

from phoihop.core.history import _display


def test_a_stored_utc_time_is_shown_in_local_time(settings):
    settings.TIME_ZONE = "Asia/Ho_Chi_Minh"
    utc = datetime.datetime(2024, 3, 1, 17, 30, tzinfo=datetime.UTC)
    assert _display(models.DateTimeField(), utc, {}) == "02/03/2024 00:30"


def test_numbers_are_shown_the_vietnamese_way():
    assert _display(models.DecimalField(), Decimal("1234.50"), {}) == "1.234,5"
    assert _display(models.DecimalField(), Decimal("1.00"), {}) == "1"
