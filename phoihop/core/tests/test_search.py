from __future__ import annotations

import unicodedata

import pytest
from django.core.management import call_command

from phoihop.core.db import vi
from phoihop.core.selectors import search
from phoihop.orgs.models import Organization

pytestmark = pytest.mark.django_db


def names(items):
    return [o.name for o in items]


@pytest.mark.parametrize(
    "query",
    [
        "Ban Tuyen giao quan 4",
        "ban tuyên giáo quận ủy quận 4",
        "BAN TUYÊN GIÁO",
        unicodedata.normalize("NFD", "Ban Tuyên giáo Quận ủy"),
        "Ban Tuyên giáo Quận uỷ",
    ],
)
def test_it_finds_an_organisation_ignoring_case_diacritics_and_unicode_form(users, query):
    results = search(user=users["charlie"], query=query)
    assert "Ban Tuyên giáo Quận ủy Quận 4" in names(results.organizations)


def test_it_matches_d_with_dstroke(users):
    Organization.objects.create(name="Đảng ủy Quân sự Quận 10", kind="party_committee", level="district")
    assert "Đảng ủy Quân sự Quận 10" in names(search(user=users["charlie"], query="dang uy quan su").organizations)


def test_it_matches_both_tone_placements(users):
    Organization.objects.create(name="Ủy ban Mặt trận Tổ quốc phường Hòa Bình", kind="fatherland_front", level="commune")
    assert names(search(user=users["charlie"], query="phường Hoà Bình").organizations) == ["Ủy ban Mặt trận Tổ quốc phường Hòa Bình"]


def test_it_ranks_exact_diacritic_matches_first(users):
    for name in ("Hội Nông dân xã Tan Lập", "Hội Nông dân xã Tân Lập", "Hội Nông dân xã Tấn Lập"):
        Organization.objects.create(name=name, kind="farmers", level="commune")
    found = names(search(user=users["charlie"], query="Tấn Lập").organizations)
    assert found[0] == "Hội Nông dân xã Tấn Lập"
    assert set(found) == {"Hội Nông dân xã Tan Lập", "Hội Nông dân xã Tân Lập", "Hội Nông dân xã Tấn Lập"}


def test_it_returns_nothing_for_an_empty_query(users):
    assert search(user=users["alice"], query="   ").total == 0


def test_it_sorts_in_vietnamese_order_in_the_database(db):
    for name in ("Đảng ủy", "Đà Nẵng", "Dương", "Ủy ban", "ăn", "an", "âm", "ba"):
        Organization.objects.create(name=name, kind="other", level="unit")
    ordered = list(Organization.objects.order_by(vi("name")).values_list("name", flat=True))
    assert ordered == ["an", "ăn", "âm", "ba", "Dương", "Đà Nẵng", "Đảng ủy", "Ủy ban"]


def test_it_has_no_model_changes_without_a_migration(db):
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
