"""Two people editing the same agreement: the later save is refused, not lost."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from phoihop.agreements.models import Agreement
from phoihop.agreements.tests.test_views import form_data
from phoihop.testing.edits import check_concurrent_edit

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_it_refuses_the_second_of_two_agreement_edits(users: dict[str, Any], orgs: dict[str, Any], agreement: Agreement) -> None:
    base = {"number_symbol": agreement.number_symbol, "title": agreement.title}

    def first_kept() -> None:
        saved = Agreement.objects.get(pk=agreement.pk)
        assert saved.title == "Tên do lãnh đạo sửa"
        assert list(saved.content_areas.values_list("title", flat=True)) == ["Tuyên truyền"]

    check_concurrent_edit(
        _client(users["leader"]),
        _client(users["alice"]),
        reverse("agreements:edit", args=[agreement.pk]),
        first_data=form_data(orgs, **base | {"title": "Tên do lãnh đạo sửa", "areas-TOTAL_FORMS": "1"}),
        second_data=form_data(orgs, **base | {"legal_bases": "Căn cứ cán bộ gõ"}),
        first_kept=first_kept,
        second_typed="Căn cứ cán bộ gõ",
        changed_shown="«Tên do lãnh đạo sửa»",
    )
    saved = Agreement.objects.get(pk=agreement.pk)
    assert saved.legal_bases == "Căn cứ cán bộ gõ" and saved.content_areas.count() == 3


def test_the_refusal_names_changed_content_areas(users: dict[str, Any], orgs: dict[str, Any], agreement: Agreement) -> None:
    url = reverse("agreements:edit", args=[agreement.pk])
    base = {"number_symbol": agreement.number_symbol, "title": agreement.title}
    from phoihop.testing.edits import opened

    leader, alice = _client(users["leader"]), _client(users["alice"])
    one, two = opened(leader, url), opened(alice, url)
    assert leader.post(url, form_data(orgs, **base | {"areas-TOTAL_FORMS": "1"}) | one).status_code == 302
    page = alice.post(url, form_data(orgs, **base) | two).content.decode()
    assert "Nội dung phối hợp: «1. Tuyên truyền»" in page
    message = page.split("trong khi bạn đang sửa")[1].split("</li>")[0]
    assert f"«{agreement.title}»" not in message  # unchanged fields are not listed
