"""Two leaders press "Ký duyệt" at the same moment, each request on its own connection.

SQLite runs one writing transaction at a time, so only PostgreSQL can show the race; on SQLite
this is skipped (on PostgreSQL it always runs).
"""

from __future__ import annotations

import datetime
import threading
from typing import Any

import pytest
from django.db import connection

from phoihop.documents.models import IssuedNumber
from phoihop.reviews import services
from phoihop.reviews.models import Review

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_signs_off_once_and_takes_one_number_when_signed_twice_at_once(review: Any, users: dict[str, Any]) -> None:
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writing transactions: no race to show (runs on PostgreSQL)")
    services.review_update(
        actor=users["alice"], review=review,
        fields={"situation": "Tình hình", "results": "Kết quả", "directions": "Phương hướng", "strengths": "Ưu điểm", "shortcomings": "Hạn chế", "causes": "Nguyên nhân", "lessons": "Bài học", "proposals": "Kiến nghị", "report_date": datetime.date(2025, 1, 10)},
    )
    barrier = threading.Barrier(2)
    errors: list[BaseException | None] = [None, None]

    def sign(index: int) -> None:
        try:
            stale = Review.objects.get(pk=review.pk)  # each request loaded the draft before signing
            barrier.wait()
            services.review_sign_off(actor=users["leader"], review=stale)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=sign, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [None, None]  # the second request finds it signed and answers as the first
    review.refresh_from_db()
    assert review.is_locked
    [entry] = IssuedNumber.objects.all()
    assert (entry.number, entry.record) == (1, review)
    assert review.number_symbol == entry.symbol == "01/BC-BCHQS"
