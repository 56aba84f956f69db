"""A kept world (phoihop/testing/kept.py): built once, then written back row for row, its
objects handed out as copies."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from django.db import transaction

from phoihop.orgs.models import Organization
from phoihop.testing.builders import make_org, make_user
from phoihop.testing.kept import kept

# Each test builds under a name of its own: a name kept by an earlier test would not build.
_names = itertools.count()


def _name(what: str) -> str:
    return f"{what} #{next(_names)}"


@pytest.mark.django_db
def test_it_builds_once_then_writes_the_rows_back_with_their_keys() -> None:
    name, built = _name("a ward and its officer"), []

    def build() -> dict[str, Any]:
        built.append(1)
        ward = make_org("Ban Chỉ huy Quân sự Phường 9")
        return {"ward": ward, "officer": make_user("can-bo-phuong-9", org=ward, role="officer")}

    with transaction.atomic():  # as one test: rolled back after it
        first = kept(name, build)
        transaction.set_rollback(True)
    assert not Organization.objects.exists()

    again = kept(name, build)
    assert built == [1]  # not built again
    assert again["ward"].pk == first["ward"].pk and again["ward"] is not first["ward"]
    ward = Organization.objects.get()
    assert (ward.pk, ward.name) == (first["ward"].pk, "Ban Chỉ huy Quân sự Phường 9")
    assert again["officer"].memberships.get().organization_id == ward.pk


@pytest.mark.django_db
def test_each_test_gets_its_own_copy_of_the_objects() -> None:
    name = _name("a ward")
    with transaction.atomic():
        kept(name, lambda: make_org("Ban Chỉ huy Quân sự Phường 10"))
        transaction.set_rollback(True)
    with transaction.atomic():
        changed = kept(name, lambda: make_org("không dùng"))
        changed.name = "đổi trong bộ nhớ"
        transaction.set_rollback(True)
    assert kept(name, lambda: make_org("không dùng")).name == "Ban Chỉ huy Quân sự Phường 10"


@pytest.mark.django_db
def test_it_refuses_a_database_that_is_not_empty() -> None:
    make_user("nguoi-dung-co-truoc")
    with pytest.raises(RuntimeError, match="empty database"):
        kept(_name("anything"), lambda: None)


@pytest.mark.django_db(transaction=True)
def test_it_refuses_to_write_over_tables_outside_a_transaction() -> None:
    with pytest.raises(RuntimeError, match="only inside a transaction rolled back"):
        kept(_name("anything"), lambda: None)
