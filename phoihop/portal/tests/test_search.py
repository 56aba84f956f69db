"""The global search finds records ignoring case, diacritics and Unicode form, exact matches first."""

from __future__ import annotations

import unicodedata

import pytest

from phoihop.agreements.models import Agreement
from phoihop.agreements.selectors import agreement_list
from phoihop.orgs.models import Organization
from phoihop.portal.selectors import search

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
    Organization.objects.create(
        name="Đảng ủy Quân sự Quận 10", kind="party_committee", level="district"
    )
    assert "Đảng ủy Quân sự Quận 10" in names(
        search(user=users["charlie"], query="dang uy quan su").organizations
    )


def test_it_matches_both_tone_placements(users):
    Organization.objects.create(
        name="Ủy ban Mặt trận Tổ quốc phường Hòa Bình", kind="fatherland_front", level="commune"
    )
    assert names(search(user=users["charlie"], query="phường Hoà Bình").organizations) == [
        "Ủy ban Mặt trận Tổ quốc phường Hòa Bình"
    ]


def test_it_ranks_exact_diacritic_matches_first(users):
    for name in ("Hội Nông dân xã Tan Lập", "Hội Nông dân xã Tân Lập", "Hội Nông dân xã Tấn Lập"):
        Organization.objects.create(name=name, kind="farmers", level="commune")
    found = names(search(user=users["charlie"], query="Tấn Lập").organizations)
    assert found[0] == "Hội Nông dân xã Tấn Lập"
    assert set(found) == {
        "Hội Nông dân xã Tan Lập",
        "Hội Nông dân xã Tân Lập",
        "Hội Nông dân xã Tấn Lập",
    }


def test_it_returns_nothing_for_an_empty_query(users):
    assert search(user=users["alice"], query="   ").total == 0


def test_it_matches_the_range_in_the_list_and_the_search_page(users, agreement) -> None:
    other = Agreement.objects.create(
        kind="program",
        title="Chương trình phối hợp 2022, sửa đổi 2025",
        period_start=2026,
        period_end=2030,
    )
    listed = agreement_list(user=users["alice"], filters={"q": "2022 - 2025"})
    assert list(listed.values_list("pk", flat=True)) == [agreement.pk]
    assert other.pk not in [
        a.pk for a in search(user=users["staff"], query="2022 – 2025").agreements
    ]
    assert [a.pk for a in search(user=users["alice"], query="2022 – 2025").agreements] == [
        agreement.pk
    ]
