"""Two people editing the same review, contribution or movement: the later save is refused, not lost."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from phoihop.orgs.models import Membership
from phoihop.reviews.models import Contribution, Movement, Review
from phoihop.reviews.services import contribution_save, movement_create
from phoihop.testing.edits import check_concurrent_edit

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_it_refuses_the_second_of_two_review_edits(users: dict[str, Any], review: Review) -> None:
    data = {"save": "1", "situation": "", "results": "", "directions": ""}

    def first_kept() -> None:
        assert Review.objects.get(pk=review.pk).situation == "Tình hình do lãnh đạo viết"

    check_concurrent_edit(
        _client(users["leader"]),
        _client(users["alice"]),
        reverse("reviews:edit", args=[review.pk]),
        first_data=data | {"situation": "Tình hình do lãnh đạo viết"},
        second_data=data | {"directions": "Phương hướng cán bộ gõ"},
        first_kept=first_kept,
        second_typed="Phương hướng cán bộ gõ",
        changed_shown="«Tình hình do lãnh đạo viết»",
    )
    saved = Review.objects.get(pk=review.pk)
    assert saved.directions == "Phương hướng cán bộ gõ"


def test_it_refuses_the_second_of_two_contribution_edits(
    users: dict[str, Any], orgs: dict[str, Any], review: Review, django_user_model: Any
) -> None:
    contribution = contribution_save(actor=users["coop_officer"], review=review, organization=orgs["board"], title="Tham luận", body="Bản đầu")
    other = django_user_model.objects.create_user(username="board_officer2", password="matkhau-123")
    Membership.objects.create(user=other, organization=orgs["board"], role=Membership.Role.OFFICER)
    data = {"organization": str(orgs["board"].pk), "title": "Tham luận", "body": "Bản đầu"}

    def first_kept() -> None:
        assert Contribution.objects.get(pk=contribution.pk).body == "Bản do người thứ nhất sửa"

    check_concurrent_edit(
        _client(users["coop_officer"]),
        _client(other),
        reverse("reviews:contribution_edit", args=[review.pk]),
        params={"organization": orgs["board"].pk},
        first_data=data | {"body": "Bản do người thứ nhất sửa"},
        second_data=data | {"title": "Tham luận người thứ hai gõ"},
        first_kept=first_kept,
        second_typed="Tham luận người thứ hai gõ",
        changed_shown="«Bản do người thứ nhất sửa»",
    )
    assert Contribution.objects.get(pk=contribution.pk).title == "Tham luận người thứ hai gõ"


def test_it_refuses_the_second_of_two_movement_edits(users: dict[str, Any], orgs: dict[str, Any]) -> None:
    movement = movement_create(actor=users["alice"], fields={
        "name": "Dân vận khéo", "organizer": orgs["district"], "organizer_text": "", "start_year": 2022,
        "end_year": None, "description": "",
    })
    data = {"name": "Dân vận khéo", "organizer": str(orgs["district"].pk), "organizer_text": "", "start_year": "2022",
            "end_year": "", "description": ""}

    def first_kept() -> None:
        assert Movement.objects.get(pk=movement.pk).end_year == 2025

    check_concurrent_edit(
        _client(users["leader"]),
        _client(users["alice"]),
        reverse("reviews:movement_edit", args=[movement.pk]),
        first_data=data | {"end_year": "2025"},
        second_data=data | {"description": "Nội dung cán bộ gõ"},
        first_kept=first_kept,
        second_typed="Nội dung cán bộ gõ",
        changed_shown="«2025»",
    )
    assert Movement.objects.get(pk=movement.pk).description == "Nội dung cán bộ gõ"
