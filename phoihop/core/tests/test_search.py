"""Vietnamese order in the database, and the schema in step with the models."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from phoihop.core.db import vi
from phoihop.orgs.models import Organization

pytestmark = pytest.mark.django_db


def test_it_sorts_in_vietnamese_order_in_the_database(db):
    for name in ("Đảng ủy", "Đà Nẵng", "Dương", "Ủy ban", "ăn", "an", "âm", "ba"):
        Organization.objects.create(name=name, kind="other", level="unit")
    ordered = list(Organization.objects.order_by(vi("name")).values_list("name", flat=True))
    assert ordered == ["an", "ăn", "âm", "ba", "Dương", "Đà Nẵng", "Đảng ủy", "Ủy ban"]


def test_it_has_no_model_changes_without_a_migration(db):
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
