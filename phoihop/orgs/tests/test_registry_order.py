"""The registry's order: Vietnamese, numbers by value, cities under their proper name; and its
text filter."""

from __future__ import annotations

import pytest
from django.urls import reverse

from phoihop.orgs import selectors
from phoihop.orgs.localities import provinces
from phoihop.orgs.models import Organization
from phoihop.orgs.services import organization_update
from phoihop.testing.queries import assert_queries

pytestmark = pytest.mark.django_db


def _org(name: str, **extra) -> Organization:
    return Organization.objects.create(name=name, kind=extra.pop("kind", "peoples_committee"), level=extra.pop("level", "province"), **extra)


def _listed(**filters) -> list[str]:
    return list(selectors.organization_list(filters=filters).values_list("name", flat=True))


def test_it_keeps_the_filing_name_on_every_save(orgs, users) -> None:
    city = _org("Thành phố  Hồ Chí Minh")
    assert city.sort_name == "Hồ Chí Minh"
    city.name = "Tỉnh Quảng Ninh"
    city.save(update_fields=["name"])
    city.refresh_from_db()
    assert city.sort_name == "Quảng Ninh"
    organization_update(actor=users["staff"], organization=city, fields={"name": "Thành phố Huế"}, expected_version=city.version)
    city.refresh_from_db()
    assert (city.name, city.sort_name) == ("Thành phố Huế", "Huế")


def test_it_files_cities_and_provinces_under_their_proper_name_in_the_list(db) -> None:
    for name in ("Thành phố Hồ Chí Minh", "Tỉnh Quảng Ninh", "Hưng Yên", "Gia Lai", "Tỉnh ủy Quảng Ninh", "Thành phố Hà Nội"):
        _org(name)
    assert _listed() == [
        "Gia Lai",
        "Thành phố Hà Nội",
        "Thành phố Hồ Chí Minh",
        "Hưng Yên",
        "Tỉnh Quảng Ninh",
        "Tỉnh ủy Quảng Ninh",
    ]


def test_it_lists_numbered_bodies_in_numeric_order(db) -> None:
    for n in (10, 4, 2, 12, 1):
        _org(f"Ban Chỉ huy Quân sự Quận {n}", kind="military", level="district")
    assert _listed(q="quan su quan") == [f"Ban Chỉ huy Quân sự Quận {n}" for n in (1, 2, 4, 10, 12)]


def test_it_orders_the_tree_levels_by_filing_name(db) -> None:
    for name in ("Thành phố Hồ Chí Minh", "Tỉnh Quảng Ninh", "Gia Lai"):
        _org(name)
    names = [node.org.name for node in selectors.organization_tree_level(parent_id=None).nodes]
    assert names == ["Gia Lai", "Thành phố Hồ Chí Minh", "Tỉnh Quảng Ninh"]


def test_it_files_the_cities_among_the_provinces_in_the_province_choices() -> None:
    names = list(provinces().values())
    assert names.index("Thành phố Hồ Chí Minh") < names.index("Thành phố Huế") < names.index("Hưng Yên") < names.index("Khánh Hòa")
    assert all("  " not in name for name in names)


def test_it_filters_the_registry_by_folded_text(login, users, orgs) -> None:
    client = login(users["alice"])
    body = client.get(reverse("orgs:list"), {"q": "TUYEN  giao quan uy"}).content.decode()
    assert "Ban Tuyên giáo Quận ủy Quận 4" in body
    assert "Hội Nông dân xã Khánh Hội" not in body
    assert 'name="q"' in body and 'value="TUYEN  giao quan uy"' in body


def test_it_offers_the_text_filter_from_the_tree(login, users, orgs) -> None:
    body = login(users["alice"]).get(reverse("orgs:tree")).content.decode()
    assert f'action="{reverse("orgs:list")}"' in body
    assert 'type="search" name="q"' in body


def test_it_keeps_the_filtered_list_query_count_flat(login, users, orgs) -> None:
    client = login(users["alice"])
    for n in range(3):
        _org(f"Ủy ban nhân dân phường {n}", level="commune", parent=orgs["city"])
    client.get(reverse("orgs:list"), {"q": "uy ban nhan dan"})
    with assert_queries(6):
        client.get(reverse("orgs:list"), {"q": "uy ban nhan dan"})
    for n in range(3, 30):
        _org(f"Ủy ban nhân dân phường {n}", level="commune", parent=orgs["city"])
    with assert_queries(6):
        body = client.get(reverse("orgs:list"), {"q": "uy ban nhan dan"}).content.decode()
    assert "Ủy ban nhân dân phường 24" in body and "Ủy ban nhân dân phường 25" not in body  # numeric, first page
