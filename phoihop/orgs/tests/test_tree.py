"""The organisation tree as a materialised path: kept on every write, rebuilt after bulk loading,
and read by the tree page level by level."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from phoihop.orgs.models import Organization as O
from phoihop.orgs.tree import organization_paths_rebuild
from phoihop.testing.queries import assert_queries, captured_queries

pytestmark = pytest.mark.django_db


def _path(org: O) -> str:
    return O.objects.values_list("path", flat=True).get(pk=org.pk)


def _unit(name: str, parent: O | None = None) -> O:
    return O.objects.create(name=name, kind=O.Kind.OTHER, level=O.Level.UNIT, parent=parent)


def test_it_gives_a_new_organisation_the_path_of_its_ancestors(orgs: dict[str, Any]) -> None:
    city, district, ward = orgs["city"], orgs["district"], orgs["ward"]
    assert _path(city) == f"/{city.pk}/"
    assert _path(ward) == f"/{city.pk}/{district.pk}/{ward.pk}/"
    assert ward.path == _path(ward)  # the instance knows it too


def test_it_moves_the_whole_subtree_in_one_update(orgs: dict[str, Any], users: dict[str, Any]) -> None:
    from phoihop.orgs.services import organization_update

    district, ward, board = orgs["district"], orgs["ward"], orgs["board"]
    below = _unit("Tổ 1", ward)
    with captured_queries() as ctx:
        organization_update(actor=users["staff"], organization=district, fields={"parent": board})
    updates = [q["sql"] for q in ctx.captured_queries if q["sql"].startswith('UPDATE "orgs_organization" SET "path"')]
    assert len(updates) == 1
    assert _path(district) == f"/{board.pk}/{district.pk}/"
    assert _path(ward) == f"/{board.pk}/{district.pk}/{ward.pk}/"
    assert _path(below) == f"/{board.pk}/{district.pk}/{ward.pk}/{below.pk}/"
    assert _path(orgs["city"]) == f"/{orgs['city'].pk}/"


def test_it_makes_a_body_a_root_when_its_parent_is_cleared(orgs: dict[str, Any]) -> None:
    ward = orgs["ward"]
    ward.parent = None
    ward.save()
    assert _path(ward) == f"/{ward.pk}/"


def test_it_refuses_a_cycle_in_the_service_and_in_save(orgs: dict[str, Any], users: dict[str, Any]) -> None:
    from phoihop.orgs.services import organization_update

    city, ward = orgs["city"], orgs["ward"]
    with pytest.raises(ValidationError) as exc:
        organization_update(actor=users["staff"], organization=city, fields={"parent": ward})
    assert "parent" in exc.value.message_dict
    city.refresh_from_db()
    city.parent = orgs["ward"]
    with pytest.raises(ValidationError):
        city.save()
    assert O.objects.get(pk=city.pk).parent_id is None
    city.refresh_from_db()
    city.parent = city
    with pytest.raises(ValidationError):
        city.save()


def test_it_rebuilds_every_path_after_bulk_loading(orgs: dict[str, Any]) -> None:
    root = O.objects.bulk_create([O(name="Tỉnh ủy", kind=O.Kind.OTHER, level=O.Level.PROVINCE)])[0]
    child = O.objects.bulk_create([O(name="Ban Dân vận", kind=O.Kind.OTHER, level=O.Level.PROVINCE, parent=root)])[0]
    O.objects.filter(pk=orgs["ward"].pk).update(path="")
    assert _path(child) == ""
    assert organization_paths_rebuild() == 3
    assert _path(child) == f"/{root.pk}/{child.pk}/"
    assert _path(orgs["ward"]) == f"/{orgs['city'].pk}/{orgs['district'].pk}/{orgs['ward'].pk}/"
    assert organization_paths_rebuild() == 0  # nothing left to change


def test_it_is_the_first_derived_data_rebuilt() -> None:
    from phoihop.scale.derived import rebuilders

    label, step = rebuilders()[0]
    assert step is organization_paths_rebuild
    assert "path" in label


def test_it_fixes_the_branch_when_a_bulk_loaded_body_gets_a_parent(orgs: dict[str, Any]) -> None:
    loose = O.objects.bulk_create([O(name="Đơn vị A", kind=O.Kind.OTHER, level=O.Level.UNIT)])[0]
    below = O.objects.bulk_create([O(name="Tổ B", kind=O.Kind.OTHER, level=O.Level.UNIT, parent=loose)])[0]
    loose = O.objects.get(pk=loose.pk)
    loose.parent = orgs["city"]
    loose.save()
    assert _path(below) == f"/{orgs['city'].pk}/{loose.pk}/{below.pk}/"


# --- the scope reads the paths ------------------------------------------------------------------


def test_it_scopes_a_superior_body_to_its_subtree(orgs: dict[str, Any], users: dict[str, Any]) -> None:
    from phoihop.orgs import access

    s = access.scope(users["superior"])
    visible = set(s.visible_orgs().values_list("pk", flat=True))
    assert visible == {orgs["city"].pk, orgs["district"].pk, orgs["ward"].pk}
    assert s.sees_org(orgs["ward"].pk) and not s.sees_org(orgs["board"].pk)
    assert not s.sees_org(None)
    assert set(access.scope(users["subordinate"]).visible_orgs().values_list("pk", flat=True)) == {orgs["ward"].pk}
    assert not access.scope(users["staff"]).visible_orgs().exists()


def test_it_computes_the_scope_in_one_query_whatever_the_registry(orgs: dict[str, Any], users: dict[str, Any]) -> None:
    from phoihop.orgs import access

    user = users["superior"]
    with assert_queries(1):
        access.scope(user)
    access.forget(user)
    parent = orgs["ward"]
    for i in range(40):
        parent = _unit(f"Đơn vị {i}", parent if i % 2 else orgs["district"])
    with assert_queries(1) as large:
        s = access.scope(user)
    assert "orgs_organization" in large.captured_queries[0]["sql"]
    assert s.visible_orgs().count() == 43


def test_it_drops_a_membership_nested_in_another(orgs: dict[str, Any], users: dict[str, Any]) -> None:
    from phoihop.orgs import access
    from phoihop.orgs.models import Membership

    Membership.objects.create(user=users["superior"], organization=orgs["ward"], role="officer")
    access.forget(users["superior"])
    s = access.scope(users["superior"])
    assert set(s.root_paths) == {orgs["city"].pk, orgs["ward"].pk}
    where = str(s.visible_orgs().query).split("WHERE", 1)[1]
    assert where.count(" OR ") == 0  # the ward's subtree is inside the city's: one prefix match


# --- the tree page ------------------------------------------------------------------------------


def _wide_world(n: int) -> O:
    top = _unit("Tỉnh ủy Mẫu")
    for i in range(n):
        child = _unit(f"Đảng ủy xã {i:03d}", top)
        _unit(f"Chi bộ {i:03d}", child)
    return top


def test_it_shows_the_top_level_with_the_users_branch_open(client: Any, orgs: dict[str, Any], users: dict[str, Any]) -> None:
    client.force_login(users["subordinate"])
    page = client.get(reverse("orgs:tree")).content.decode()
    assert orgs["city"].name in page and orgs["district"].name in page and orgs["ward"].name in page
    client.force_login(users["charlie"])
    page = client.get(reverse("orgs:tree")).content.decode()
    assert orgs["city"].name in page and orgs["ward"].name not in page  # closed branch, loads on demand
    assert f"?parent={orgs['city'].pk}" in page


def test_it_loads_children_on_demand_fifty_at_a_time(client: Any, orgs: dict[str, Any], users: dict[str, Any]) -> None:
    top = _wide_world(60)
    client.force_login(users["charlie"])
    url = reverse("orgs:tree_children")
    first = client.get(url, {"parent": top.pk}, HTTP_HX_REQUEST="true").content.decode()
    assert first.count("<details") == 50 and "Đảng ủy xã 049" in first and "Đảng ủy xã 050" not in first
    assert "offset=50" in first
    rest = client.get(url, {"parent": top.pk, "offset": 50}, HTTP_HX_REQUEST="true").content.decode()
    assert rest.count("<details") == 10 and "Đảng ủy xã 059" in rest and "offset=" not in rest
    assert client.get(url, {"parent": 10**12}).status_code == 404
    assert client.get(url, {"parent": "x"}).status_code == 404


@pytest.mark.parametrize("page", ["tree", "children"])
def test_it_reads_the_tree_in_the_same_queries_small_or_large(
    client: Any, orgs: dict[str, Any], users: dict[str, Any], page: str
) -> None:
    def count() -> None:
        client.force_login(users["subordinate"])
        client.get(reverse("orgs:tree"))
        with assert_queries(5):
            if page == "tree":
                response = client.get(reverse("orgs:tree"))
            else:
                response = client.get(reverse("orgs:tree_children"), {"parent": orgs["city"].pk})
        assert response.status_code == 200

    count()
    _wide_world(70)
    for i in range(60):
        _unit(f"Phòng {i}", orgs["district"])
    count()


def test_it_bounds_the_open_branch_and_keeps_the_users_own_body(client: Any, orgs: dict[str, Any], users: dict[str, Any]) -> None:
    from phoihop.orgs.models import Membership

    for i in range(55):
        _unit(f"Ban {i:03d}", orgs["district"])
    mine = _unit("Ϋ Tổ cuối cùng", orgs["district"])  # sorts after every other child
    Membership.objects.create(user=users["charlie"], organization=mine, role="viewer")
    client.force_login(users["charlie"])
    page = client.get(reverse("orgs:tree")).content.decode()
    assert "Ban 049" in page and "Ban 050" not in page
    assert mine.name in page
    assert f"parent={orgs['district'].pk}&amp;offset=50" in page


def test_it_lists_the_children_of_one_body(client: Any, orgs: dict[str, Any], users: dict[str, Any]) -> None:
    client.force_login(users["charlie"])
    response = client.get(reverse("orgs:list"), {"parent": orgs["city"].pk})
    names = [o.name for o in response.context["page"].object_list]
    assert names == [orgs["district"].name]


# --- autocomplete -------------------------------------------------------------------------------


def test_it_finds_organisations_without_diacritics(client: Any, orgs: dict[str, Any], users: dict[str, Any]) -> None:
    client.force_login(users["charlie"])
    data = client.get(reverse("orgs:autocomplete"), {"q": "chqs quan 4"}).json()
    assert [r["text"] for r in data["results"]] == [orgs["district"].name]
    assert data["more"] is False


def test_it_answers_at_most_twenty_and_says_there_are_more(client: Any, orgs: dict[str, Any], users: dict[str, Any]) -> None:
    _wide_world(25)
    client.force_login(users["charlie"])
    with assert_queries(3):
        data = client.get(reverse("orgs:autocomplete"), {"q": "xa"}).json()
    assert len(data["results"]) == 20 and data["more"] is True
    assert data["results"][0]["text"] == "Đảng ủy xã 000"


def test_it_keeps_to_the_users_subtree_when_asked(client: Any, orgs: dict[str, Any], users: dict[str, Any]) -> None:
    client.force_login(users["superior"])
    url = reverse("orgs:autocomplete")
    every = {r["id"] for r in client.get(url).json()["results"]}
    mine = {r["id"] for r in client.get(url, {"scope": "visible"}).json()["results"]}
    assert orgs["board"].pk in every and orgs["board"].pk not in mine
    assert mine == {orgs["city"].pk, orgs["district"].pk, orgs["ward"].pk}
    client.force_login(users["staff"])
    assert orgs["board"].pk in {r["id"] for r in client.get(url, {"scope": "visible"}).json()["results"]}


def test_it_shows_an_organisation_in_the_same_queries_however_deep_or_wide(
    client: Any, orgs: dict[str, Any], users: dict[str, Any]
) -> None:
    def count(org: O) -> str:
        client.force_login(users["charlie"])
        client.get(reverse("orgs:detail", args=[org.pk]))
        with assert_queries(13):
            return client.get(reverse("orgs:detail", args=[org.pk])).content.decode()

    count(orgs["ward"])
    deep = orgs["ward"]
    for i in range(8):
        deep = _unit(f"Cấp {i}", deep)
    for i in range(55):
        _unit(f"Tổ {i:03d}", deep)
    body = count(deep)
    assert body.index(orgs["city"].short_name) < body.index("Cấp 6")  # the breadcrumb, top first
    assert "Tổ 049" in body and "Tổ 050" not in body and f"?parent={deep.pk}" in body


def test_it_offers_the_superior_body_by_search_not_as_a_list_of_the_registry(
    client: Any, orgs: dict[str, Any], users: dict[str, Any]
) -> None:
    _wide_world(5)
    client.force_login(users["staff"])
    body = client.get(reverse("orgs:create")).content.decode()
    assert "Đảng ủy xã 003" not in body and reverse("orgs:autocomplete") in body
    body = client.get(reverse("orgs:edit", args=[orgs["ward"].pk])).content.decode()
    assert orgs["district"].name in body  # the chosen one only
    assert orgs["board"].name not in body and "Đảng ủy xã 003" not in body
