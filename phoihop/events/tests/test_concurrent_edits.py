"""Two people editing the same event: the later save is refused, not lost."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from phoihop.events.models import Event
from phoihop.events.tests.test_views import conference, post_data  # noqa: F401 - the fixture
from phoihop.testing.edits import check_concurrent_edit

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_it_refuses_the_second_of_two_event_edits(
    conference: Event, users: dict[str, Any], orgs: dict[str, Any], agreement: Any  # noqa: F811
) -> None:
    row = {"full_name": "Nguyễn Tuấn Bảo", "rank": "Đại tá", "position": "Phó Chính ủy", "organization": orgs["city"].pk}
    base = {"title": conference.title, "date": "15/09/2022", "agreements": [agreement.pk]}

    def first_kept() -> None:
        saved = Event.objects.get(pk=conference.pk)
        assert saved.place == "Hội trường Ủy ban nhân dân Quận 4"

    check_concurrent_edit(
        _client(users["leader"]),
        _client(users["alice"]),
        reverse("events:edit", args=[conference.pk]),
        first_data=post_data(orgs, rows=[row], **base | {"place": "Hội trường Ủy ban nhân dân Quận 4"}),
        second_data=post_data(orgs, rows=[row], **base | {"summary": "Tóm tắt cán bộ gõ"}),
        first_kept=first_kept,
        second_typed="Tóm tắt cán bộ gõ",
        changed_shown="«Hội trường Ủy ban nhân dân Quận 4»",
    )
    assert Event.objects.get(pk=conference.pk).summary == "Tóm tắt cán bộ gõ"
