from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from phoihop.events.models import Attendee, Event
from phoihop.orgs.localities import communes_of
from phoihop.orgs.models import Organization, Person, Succession
from phoihop.orgs.services import person_create, succession_record
from phoihop.testing.queries import assert_queries

pytestmark = pytest.mark.django_db


def org_data(**overrides):
    data = {
        "name": "Ban Chỉ huy Quân sự phường Khánh Hội",
        "short_name": "Ban CHQS phường Khánh Hội",
        "symbol": "BCHQS",
        "kind": "military",
        "level": "commune",
        "parent": "",
        "province_code": "",
        "commune_code": "",
        "locality_text": "",
        "valid_from": "01/07/2025",
        "valid_to": "",
        "notes": "",
    }
    data.update(overrides)
    return data


# --- list, tree -------------------------------------------------------------------------------


def test_it_lists_organisations_with_their_superior_locality_and_validity(login, users, orgs):
    response = login(users["alice"]).get(reverse("orgs:list"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Ban Chỉ huy Quân sự Quận 4" in body
    assert "Ban CHQS Quận 4" in body
    assert "Bộ Tư lệnh TP" in body  # superior body of the district command
    assert "Quận 4, TP Hồ Chí Minh" in body
    assert "Xã Khánh Hội, Ninh Bình" in body
    assert "30/06/2025" in body and "đã kết thúc" in body
    assert reverse("orgs:tree") in body
    assert "Thêm cơ quan" not in body


def test_it_offers_to_add_an_organisation_to_staff_only(login, users, orgs):
    assert "Thêm cơ quan" in login(users["staff"]).get(reverse("orgs:list")).content.decode()


def test_it_finds_an_organisation_without_diacritics(login, users, orgs):
    body = (
        login(users["alice"])
        .get(reverse("orgs:list"), {"q": "ban tuyen giao quan 4"})
        .content.decode()
    )
    assert "Ban Tuyên giáo Quận ủy Quận 4" in body
    assert "Ban Chỉ huy Quân sự Quận 4" not in body
    empty = (
        login(users["alice"])
        .get(reverse("orgs:list"), {"q": "không có đơn vị này"})
        .content.decode()
    )
    assert "Không có cơ quan, đơn vị nào khớp" in empty


@pytest.mark.parametrize(
    ("params", "shown", "hidden"),
    [
        ({"kind": "party_board"}, "Ban Tuyên giáo Quận ủy Quận 4", "Ban Chỉ huy Quân sự Quận 4"),
        ({"level": "province"}, "Bộ Tư lệnh Thành phố Hồ Chí Minh", "Ban Chỉ huy Quân sự Quận 4"),
        ({"province": "37"}, "Hội Nông dân xã Khánh Hội", "Bộ Tư lệnh Thành phố Hồ Chí Minh"),
        ({"state": "ended"}, "Ban Chỉ huy Quân sự Quận 4", "Hội Nông dân xã Khánh Hội"),
        ({"state": "current"}, "Hội Nông dân xã Khánh Hội", "Ban Chỉ huy Quân sự Quận 4"),
    ],
)
def test_it_filters_the_list(login, users, orgs, params, shown, hidden):
    body = login(users["alice"]).get(reverse("orgs:list"), params).content.decode()
    table = body[body.index('id="results"') :]
    assert shown in table
    assert hidden not in table


def test_it_lists_archived_organisations_apart(login, users, orgs):
    Organization.objects.filter(pk=orgs["unrelated"].pk).update(
        archived_at=datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
    )
    client = login(users["alice"])
    assert "Hội Nông dân xã Khánh Hội" not in client.get(reverse("orgs:list")).content.decode()
    archived = client.get(reverse("orgs:list"), {"archived": "1"}).content.decode()
    assert "Hội Nông dân xã Khánh Hội" in archived and "Đã lưu trữ" in archived


def test_it_renders_only_the_results_for_htmx(login, users, orgs):
    response = login(users["alice"]).get(
        reverse("orgs:list"), {"q": "tuyen giao"}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert "Ban Tuyên giáo Quận ủy Quận 4" in body and "<html" not in body


def test_it_shows_the_registry_as_a_tree(login, users, orgs):
    body = login(users["alice"]).get(reverse("orgs:tree")).content.decode()
    city, district, ward = (body.index(orgs[k].name) for k in ("city", "district", "ward"))
    assert city < district < ward
    # The ward sits in a list nested inside the district's item.
    between = body[district:ward]
    assert "<ul>" in between and "</li>" not in between
    assert "kết thúc 30/06/2025" in body
    assert reverse("orgs:detail", args=[orgs["ward"].pk]) in body


def make_orgs(n, start=0, parent=None):
    for i in range(start, start + n):
        Organization.objects.create(
            name=f"Hội Cựu chiến binh phường {i}",
            short_name=f"HCCB {i}",
            kind="veterans",
            level="commune",
            parent=parent,
            province_code=79,
            commune_code=communes_of(79)[i][0],
        )


@pytest.mark.parametrize(("url_name", "pinned"), [("orgs:list", 6), ("orgs:tree", 5)])
def test_it_keeps_the_query_count_flat_as_organisations_grow(login, users, orgs, url_name, pinned):
    client = login(users["alice"])
    make_orgs(3, parent=orgs["city"])
    client.get(reverse(url_name))
    with assert_queries(pinned):
        assert client.get(reverse(url_name)).status_code == 200
    make_orgs(12, start=3, parent=orgs["district"])
    with assert_queries(pinned):
        response = client.get(reverse(url_name))
    assert "Hội Cựu chiến binh phường 14" in response.content.decode()


# --- detail -----------------------------------------------------------------------------------


def test_it_shows_an_organisation_with_ancestors_children_agreements_and_people(
    login, users, orgs, agreement
):
    body = (
        login(users["alice"])
        .get(reverse("orgs:detail", args=[orgs["district"].pk]))
        .content.decode()
    )
    assert "BCHQS" in body
    assert "Bộ Tư lệnh TP" in body  # breadcrumb
    assert "Ban Chỉ huy Quân sự Phường 1 Quận 4" in body  # child
    assert agreement.title in body and reverse("agreements:detail", args=[agreement.pk]) in body
    assert "Đang có hiệu lực" in body  # status badge
    assert "Nguyễn Văn An" in body  # the signatory is one of its people
    assert "Lịch sử thay đổi" in body
    assert (
        "Ghi nhận sắp xếp, kế thừa" not in body
        and reverse("orgs:edit", args=[orgs["district"].pk]) not in body
    )


def test_it_shows_breadcrumbs_of_every_ancestor(login, users, orgs):
    body = (
        login(users["alice"]).get(reverse("orgs:detail", args=[orgs["ward"].pk])).content.decode()
    )
    crumbs = body[body.index('class="breadcrumb') : body.index("</ol>")]
    assert crumbs.index("Bộ Tư lệnh TP") < crumbs.index("Ban CHQS Quận 4")


def test_it_hides_agreements_and_people_the_user_may_not_see(login, users, orgs, agreement):
    body = (
        login(users["charlie"])
        .get(reverse("orgs:detail", args=[orgs["district"].pk]))
        .content.decode()
    )
    assert "Ban Chỉ huy Quân sự Quận 4" in body
    assert agreement.title not in body
    assert "Nguyễn Văn An" not in body


def test_it_gives_staff_the_registry_buttons(login, users, orgs):
    body = (
        login(users["staff"])
        .get(reverse("orgs:detail", args=[orgs["district"].pk]))
        .content.decode()
    )
    assert reverse("orgs:edit", args=[orgs["district"].pk]) in body
    assert f"{reverse('orgs:succession_create')}?from={orgs['district'].pk}" in body
    assert reverse("orgs:archive", args=[orgs["district"].pk]) in body


def test_it_answers_404_for_a_missing_organisation(login, users, orgs):
    assert login(users["alice"]).get(reverse("orgs:detail", args=[987654])).status_code == 404


# --- create, edit, archive --------------------------------------------------------------------


def test_it_lets_staff_create_an_organisation(login, users, orgs):
    client = login(users["staff"])
    assert client.get(reverse("orgs:create")).status_code == 200
    commune = communes_of(79)[0][0]
    response = client.post(
        reverse("orgs:create"),
        org_data(parent=str(orgs["city"].pk), province_code="79", commune_code=str(commune)),
    )
    org = Organization.objects.get(name="Ban Chỉ huy Quân sự phường Khánh Hội")
    assert response.status_code == 302 and response["Location"] == org.get_absolute_url()
    assert (org.parent, org.province_code, org.commune_code) == (orgs["city"], 79, commune)
    assert org.valid_from == datetime.date(2025, 7, 1)
    assert org.history.count() == 1


def test_it_refuses_create_to_non_staff(login, users, orgs):
    client = login(users["alice"])
    assert client.get(reverse("orgs:create")).status_code == 403
    assert client.post(reverse("orgs:create"), org_data()).status_code == 403
    assert not Organization.objects.filter(name="Ban Chỉ huy Quân sự phường Khánh Hội").exists()


def test_it_sends_anonymous_users_to_sign_in(client, orgs):
    for url in (
        reverse("orgs:create"),
        reverse("orgs:edit", args=[orgs["board"].pk]),
        reverse("orgs:succession_create"),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/dang-nhap/" in response["Location"]
        assert client.post(url, org_data()).status_code == 302
    assert not Organization.objects.filter(name="Ban Chỉ huy Quân sự phường Khánh Hội").exists()


def test_it_lets_staff_edit_an_organisation(login, users, orgs):
    client = login(users["staff"])
    url = reverse("orgs:edit", args=[orgs["board"].pk])
    page = client.get(url).content.decode()
    assert "Ban Tuyên giáo Quận ủy Quận 4" in page
    response = client.post(
        url,
        org_data(
            name="Ban Tuyên giáo và Dân vận Quận ủy Quận 4",
            kind="party_board",
            level="district",
            locality_text="Quận 4",
            version="1",
        ),
    )
    assert response.status_code == 302
    orgs["board"].refresh_from_db()
    assert orgs["board"].name == "Ban Tuyên giáo và Dân vận Quận ủy Quận 4"
    detail = client.get(orgs["board"].get_absolute_url()).content.decode()
    assert "Ban Tuyên giáo Quận ủy Quận 4" in detail  # the old name, in the history


def test_it_refuses_edit_to_non_staff(login, users, orgs):
    client = login(users["alice"])
    url = reverse("orgs:edit", args=[orgs["district"].pk])
    assert client.get(url).status_code == 403
    assert client.post(url, org_data()).status_code == 403
    orgs["district"].refresh_from_db()
    assert orgs["district"].name == "Ban Chỉ huy Quân sự Quận 4"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"valid_from": "01/08/2025", "valid_to": "01/07/2025"},
            "Ngày kết thúc hoạt động phải sau ngày bắt đầu.",
        ),
        (
            {"province_code": "79", "commune_code": "14599"},
            "Xã, phường này không thuộc tỉnh, thành phố đã chọn.",
        ),
        ({"valid_from": "31/02/2025"}, "Ngày không hợp lệ"),
        ({"name": ""}, "Cần nhập tên cơ quan, đơn vị."),
    ],
)
def test_it_shows_validation_errors_in_vietnamese_and_saves_nothing(
    login, users, orgs, overrides, message
):
    before = Organization.objects.count()
    response = login(users["staff"]).post(reverse("orgs:create"), org_data(**overrides))
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    assert "Chưa lưu được" in body
    assert Organization.objects.count() == before


def test_it_keeps_the_record_unchanged_when_an_edit_is_refused(login, users, orgs):
    url = reverse("orgs:edit", args=[orgs["board"].pk])
    response = login(users["staff"]).post(
        url, org_data(name="Tên mới", valid_from="02/01/2024", valid_to="01/01/2024", version="1")
    )
    assert "Ngày kết thúc hoạt động phải sau ngày bắt đầu." in response.content.decode()
    orgs["board"].refresh_from_db()
    assert orgs["board"].name == "Ban Tuyên giáo Quận ủy Quận 4" and orgs["board"].valid_to is None


def test_it_keeps_the_communes_of_the_chosen_province_on_the_form(login, users, orgs):
    response = login(users["staff"]).post(
        reverse("orgs:create"), org_data(province_code="79", commune_code="14599")
    )
    body = response.content.decode()
    code, name = communes_of(79)[0]
    assert f'value="{code}"' in body
    assert 'value="14599"' not in body


def test_it_returns_the_communes_of_one_province_only(login, users, orgs):
    response = login(users["staff"]).get(reverse("orgs:communes"), {"province_code": "37"})
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body
    assert body.count("<option") == len(communes_of(37)) + 1
    assert "Xã Khánh Hội" in body
    assert f'value="{communes_of(79)[0][0]}"' not in body
    unknown = (
        login(users["staff"])
        .get(reverse("orgs:communes"), {"province_code": "9999"})
        .content.decode()
    )
    assert unknown.count("<option") == 1 and "Chọn tỉnh, thành phố trước" in unknown


def test_it_archives_and_restores_by_post_only(login, users, orgs):
    client = login(users["staff"])
    url = reverse("orgs:archive", args=[orgs["ward"].pk])
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 302
    orgs["ward"].refresh_from_db()
    assert orgs["ward"].is_archived
    assert (
        "Ban Chỉ huy Quân sự Phường 1 Quận 4"
        not in client.get(reverse("orgs:list")).content.decode()
    )
    client.post(url, {"restore": "1"})
    orgs["ward"].refresh_from_db()
    assert not orgs["ward"].is_archived


def test_it_explains_why_an_organisation_with_children_cannot_be_archived(login, users, orgs):
    response = login(users["staff"]).post(
        reverse("orgs:archive", args=[orgs["district"].pk]), follow=True
    )
    assert "Còn đơn vị cấp dưới đang hoạt động" in response.content.decode()
    orgs["district"].refresh_from_db()
    assert not orgs["district"].is_archived


def test_it_refuses_archive_to_non_staff(login, users, orgs):
    client = login(users["alice"])
    url = reverse("orgs:archive", args=[orgs["ward"].pk])
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 403
    assert client.post(reverse("orgs:archive", args=[987654])).status_code == 404
    orgs["ward"].refresh_from_db()
    assert not orgs["ward"].is_archived


# --- succession -------------------------------------------------------------------------------


def test_it_prefills_the_predecessor_of_a_succession(login, users, orgs):
    body = (
        login(users["staff"])
        .get(reverse("orgs:succession_create"), {"from": orgs["board"].pk})
        .content.decode()
    )
    assert (
        f'<option value="{orgs["board"].pk}" selected>Ban Tuyên giáo Quận ủy Quận 4</option>'
        in body
    )


def test_it_records_a_succession_and_links_both_pages(login, users, orgs):
    client = login(users["staff"])
    successor = Organization.objects.create(
        name="Ban Tuyên giáo và Dân vận Thành ủy",
        kind="party_board",
        level="province",
        province_code=79,
        valid_from=datetime.date(2025, 7, 1),
    )
    response = client.post(
        reverse("orgs:succession_create"),
        {
            "kind": "merge",
            "effective_date": "01/07/2025",
            "decided_on": "20/06/2025",
            "decision_number": "125-QĐ/TU",
            "decision_issuer": "Thành ủy Thành phố Hồ Chí Minh",
            "decision_title": "về việc hợp nhất các ban của Đảng",
            "predecessors": [str(orgs["board"].pk)],
            "successors": [str(successor.pk)],
        },
    )
    assert response.status_code == 302 and response["Location"] == orgs["board"].get_absolute_url()
    orgs["board"].refresh_from_db()
    assert orgs["board"].valid_to == datetime.date(2025, 6, 30)
    assert Succession.objects.get().decision_number == "125-QĐ/TU"
    before = client.get(orgs["board"].get_absolute_url()).content.decode()
    assert "Ban Tuyên giáo và Dân vận Thành ủy" in before and successor.get_absolute_url() in before
    assert "125-QĐ/TU" in before and "Hợp nhất thành đơn vị mới" in before
    after = client.get(successor.get_absolute_url()).content.decode()
    assert "Kế thừa từ:" in after and orgs["board"].get_absolute_url() in after
    assert "01/07/2025" in after


def test_it_shows_the_succession_rules_on_the_form(login, users, orgs):
    response = login(users["staff"]).post(
        reverse("orgs:succession_create"),
        {"kind": "merge", "effective_date": "01/07/2025", "predecessors": [str(orgs["board"].pk)]},
    )
    assert "Chọn đơn vị kế thừa (trừ trường hợp giải thể)." in response.content.decode()
    assert not Succession.objects.exists()
    orgs["board"].refresh_from_db()
    assert orgs["board"].valid_to is None


def test_it_refuses_successions_to_non_staff(login, users, orgs):
    client = login(users["alice"])
    url = reverse("orgs:succession_create")
    assert client.get(url).status_code == 403
    data = {
        "kind": "dissolve",
        "effective_date": "01/07/2025",
        "predecessors": [str(orgs["district"].pk)],
    }
    assert client.post(url, data).status_code == 403
    assert not Succession.objects.exists()


# --- people -----------------------------------------------------------------------------------


def test_it_lists_people_the_user_may_see(login, users, orgs, agreement):
    client = login(users["alice"])
    body = client.get(reverse("orgs:person_list")).content.decode()
    assert "Nguyễn Văn An" in body and "Thượng tá" in body and "Chỉ huy trưởng" in body
    assert "Ban Chỉ huy Quân sự Quận 4" in body
    assert "Thêm cán bộ" in body
    found = client.get(reverse("orgs:person_list"), {"q": "tran thi binh"}).content.decode()
    assert "Trần Thị Bình" in found and "Nguyễn Văn An" not in found
    by_org = client.get(
        reverse("orgs:person_list"), {"organization": orgs["board"].pk}
    ).content.decode()
    table = by_org[by_org.index('id="results"') :]
    assert "Trần Thị Bình" in table and "Nguyễn Văn An" not in table
    charlie = login(users["charlie"]).get(reverse("orgs:person_list")).content.decode()
    assert "Nguyễn Văn An" not in charlie and "Chưa có cán bộ nào" in charlie


def test_it_shows_people_who_signed_or_attended_what_the_user_sees_in_one_query(
    users, orgs, agreement
):
    from phoihop.orgs.access import scope, visible_people

    signatory = agreement.parties.get(role="lead").signatory  # of the district
    guest = person_create(
        actor=users["subordinate"], full_name="Võ Thị Hoa", organization=orgs["ward"]
    )
    event = Event.objects.create(
        kind="joint_activity",
        title="Hội nghị của Hội Nông dân",
        date=datetime.date(2024, 5, 10),
        host=orgs["unrelated"],
    )
    Attendee.objects.create(event=event, person=guest, full_name=guest.full_name)
    scope(users["coop_officer"]), scope(users["charlie"])
    # The registry's own rule and the apps' registered sources make one query.
    with assert_queries(1):
        seen_by_board = set(visible_people(users["coop_officer"]))
    with assert_queries(1):
        seen_by_farmers = set(visible_people(users["charlie"]))
    assert signatory in seen_by_board and guest not in seen_by_board
    assert guest in seen_by_farmers and signatory not in seen_by_farmers


def test_it_finds_the_people_list_organisation_by_typing_and_renders_only_the_chosen_one(login, users, orgs, agreement):
    client = login(users["alice"])
    body = client.get(reverse("orgs:person_list")).content.decode()
    form = body[: body.index('id="results"')]
    # No option per organisation: the filter is a search box over the autocomplete.
    assert reverse("orgs:autocomplete") in form
    assert f'<option value="{orgs["board"].pk}"' not in form
    assert f'<option value="{orgs["district"].pk}"' not in form
    chosen = client.get(reverse("orgs:person_list"), {"organization": orgs["board"].pk}).content.decode()
    form = chosen[: chosen.index('id="results"')]
    assert f'<option value="{orgs["board"].pk}" selected' in form
    assert f'<option value="{orgs["district"].pk}"' not in form


def test_it_hides_the_add_button_from_viewers(login, users, orgs):
    assert (
        "Thêm cán bộ" not in login(users["bob"]).get(reverse("orgs:person_list")).content.decode()
    )


def test_it_keeps_the_people_list_query_count_flat(login, users, orgs):
    client = login(users["alice"])

    def add(start, n):
        for i in range(start, start + n):
            person_create(
                actor=users["alice"],
                full_name=f"Cán bộ số {i}",
                organization=orgs["district"],
                rank="Đại úy",
                position="Trợ lý",
            )

    add(0, 3)
    client.get(reverse("orgs:person_list"))
    with assert_queries(6):
        assert client.get(reverse("orgs:person_list")).status_code == 200
    add(3, 12)
    with assert_queries(6):
        response = client.get(reverse("orgs:person_list"))
    assert "Cán bộ số 14" in response.content.decode()


def test_it_shows_a_person_with_titles_signatures_and_events(login, users, orgs, agreement):
    person = agreement.parties.get(role="lead").signatory
    event = Event.objects.create(
        kind="signing",
        title="Hội nghị ký kết chương trình phối hợp năm 2022",
        date=datetime.date(2022, 9, 15),
        host=orgs["district"],
    )
    event.agreements.add(agreement)
    Attendee.objects.create(
        event=event,
        person=person,
        full_name=person.full_name,
        rank="Thượng tá",
        position="Chỉ huy trưởng Ban CHQS Quận 4",
    )
    body = (
        login(users["alice"]).get(reverse("orgs:person_detail", args=[person.pk])).content.decode()
    )
    assert "Nguyễn Văn An" in body
    assert agreement.title in body and "Ban Chỉ huy Quân sự Quận 4" in body
    assert "Thượng tá Chỉ huy trưởng" in body
    assert event.title in body and "15/09/2022" in body
    assert "Chỉ huy trưởng Ban CHQS Quận 4" in body
    assert "Quá trình cấp bậc, chức vụ" in body and "Lịch sử thay đổi" in body
    assert reverse("orgs:person_edit", args=[person.pk]) in body


def test_it_shows_each_title_from_its_date(login, users, orgs):
    person = person_create(
        actor=users["alice"],
        full_name="Lê Văn Cường",
        organization=orgs["district"],
        rank="Thiếu tá",
        position="Phó Chỉ huy trưởng",
        since=datetime.date(2020, 3, 1),
    )
    body = login(users["alice"]).get(person.get_absolute_url()).content.decode()
    assert "Từ 01/03/2020" in body and "Thiếu tá Phó Chỉ huy trưởng" in body


def test_it_hides_a_person_from_an_outsider(login, users, orgs, client):
    person = person_create(
        actor=users["alice"],
        full_name="Phạm Văn Dũng",
        organization=orgs["district"],
        position="Trợ lý tuyên huấn",
    )
    url = reverse("orgs:person_detail", args=[person.pk])
    assert login(users["charlie"]).get(url).status_code == 404
    client.force_login(users["alice"])
    response = client.get(url)
    assert response.status_code == 200 and "Phạm Văn Dũng" in response.content.decode()


def test_it_creates_a_person(login, users, orgs):
    client = login(users["alice"])
    page = client.get(
        reverse("orgs:person_create"), {"organization": orgs["district"].pk}
    ).content.decode()
    assert f'<option value="{orgs["district"].pk}" selected>' in page
    assert "Hội Nông dân xã Khánh Hội" not in page  # not an organisation alice writes for
    response = client.post(
        reverse("orgs:person_create"),
        {
            "full_name": "Võ Thị Hoa",
            "organization": orgs["district"].pk,
            "rank": "Đại úy",
            "position": "Trợ lý",
            "since": "01/01/2024",
        },
    )
    person = Person.objects.get(full_name="Võ Thị Hoa")
    assert response.status_code == 302 and response["Location"] == person.get_absolute_url()
    assert person.titles.get().valid_from == datetime.date(2024, 1, 1)


def test_it_refuses_a_person_for_an_organisation_the_user_does_not_write_for(login, users, orgs):
    response = login(users["alice"]).post(
        reverse("orgs:person_create"),
        {"full_name": "Võ Thị Hoa", "organization": orgs["unrelated"].pk},
    )
    assert response.status_code == 200
    assert "Bạn không được ghi hồ sơ cán bộ cho cơ quan này." in response.content.decode()
    assert not Person.objects.filter(full_name="Võ Thị Hoa").exists()


def test_it_refuses_person_create_to_viewers(login, users, orgs):
    client = login(users["bob"])
    assert client.get(reverse("orgs:person_create")).status_code == 403
    assert (
        client.post(
            reverse("orgs:person_create"),
            {"full_name": "Võ Thị Hoa", "organization": orgs["district"].pk},
        ).status_code
        == 403
    )
    assert not Person.objects.filter(full_name="Võ Thị Hoa").exists()


def test_it_edits_a_person_and_keeps_the_old_title(login, users, orgs):
    person = person_create(
        actor=users["alice"],
        full_name="Lê Văn Cường",
        organization=orgs["district"],
        rank="Thiếu tá",
        position="Phó Chỉ huy trưởng",
        since=datetime.date(2020, 3, 1),
    )
    client = login(users["leader"])
    url = reverse("orgs:person_edit", args=[person.pk])
    assert "Lê Văn Cường" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "full_name": "Lê Văn Cường",
            "organization": orgs["district"].pk,
            "rank": "Trung tá",
            "position": "Chỉ huy trưởng",
            "since": "01/06/2023",
            "version": "1",
        },
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.rank, person.position) == ("Trung tá", "Chỉ huy trưởng")
    body = client.get(person.get_absolute_url()).content.decode()
    assert "Từ 01/03/2020" in body and "Từ 01/06/2023" in body


def test_it_refuses_person_edit_to_read_only_and_outsiders(login, users, orgs, client):
    person = person_create(
        actor=users["alice"],
        full_name="Lê Văn Cường",
        organization=orgs["district"],
        position="Trợ lý",
    )
    url = reverse("orgs:person_edit", args=[person.pk])
    data = {"full_name": "Tên khác", "organization": orgs["district"].pk}
    bob = login(users["bob"])
    assert bob.get(url).status_code == 403 and bob.post(url, data).status_code == 403
    client.force_login(users["charlie"])
    assert client.get(url).status_code == 404 and client.post(url, data).status_code == 404
    person.refresh_from_db()
    assert person.full_name == "Lê Văn Cường"


def test_it_archives_and_restores_a_person_by_post_only(login, users, orgs):
    person = person_create(
        actor=users["alice"],
        full_name="Lê Văn Cường",
        organization=orgs["district"],
        position="Trợ lý",
    )
    client = login(users["alice"])
    url = reverse("orgs:person_archive", args=[person.pk])
    assert client.get(url).status_code == 405
    client.post(url)
    person.refresh_from_db()
    assert person.is_archived
    assert "Lê Văn Cường" not in client.get(reverse("orgs:person_list")).content.decode()
    assert "đã được lưu trữ" in client.get(person.get_absolute_url()).content.decode()
    client.post(url, {"restore": "1"})
    person.refresh_from_db()
    assert not person.is_archived


def test_it_refuses_person_archive_to_read_only_and_outsiders(login, users, orgs, client):
    person = person_create(
        actor=users["alice"],
        full_name="Lê Văn Cường",
        organization=orgs["district"],
        position="Trợ lý",
    )
    url = reverse("orgs:person_archive", args=[person.pk])
    assert login(users["bob"]).post(url).status_code == 403
    client.force_login(users["charlie"])
    assert client.post(url).status_code == 404
    person.refresh_from_db()
    assert not person.is_archived


def test_it_records_successions_in_the_service_used_by_the_page(users, orgs):
    succession_record(
        actor=users["staff"],
        kind="dissolve",
        effective_date=datetime.date(2025, 7, 1),
        predecessors=[orgs["ward"]],
    )
    orgs["ward"].refresh_from_db()
    assert orgs["ward"].valid_to == datetime.date(2025, 6, 30)


def test_it_keeps_the_people_lists_queries_and_shows_its_first_page_as_the_world_grows(login, users, orgs, agreement):
    """The list's page is chosen on the people alone (a count and a key query), then loaded with
    the organisations: the same queries however many people, signatures and attendances."""
    client = login(users["leader"])
    url = reverse("orgs:person_list")
    client.get(url)  # the session's first request sets what later ones only read
    with assert_queries(7) as small:
        first = client.get(url)
    assert first.status_code == 200
    for i in range(40):
        person_create(actor=users["subordinate"], full_name=f"Cán bộ phường {i:02d}", organization=orgs["ward"])
    guest = person_create(actor=users["charlie"], full_name="Âu Thị Khách", organization=orgs["unrelated"])
    event = Event.objects.create(kind="joint_activity", title="Hội nghị", date=datetime.date(2024, 5, 10), host=orgs["ward"])
    Attendee.objects.create(event=event, person=guest, full_name=guest.full_name)
    with assert_queries(len(small)):
        larger = client.get(url)
    body = larger.content.decode()
    # The outsider who attended the ward's conference comes first in Vietnamese order, with
    # his organisation; the page stops at its size and says how many there are.
    table = body[body.index('id="results"') :]
    assert table.index("Âu Thị Khách") < table.index("Cán bộ phường 00")
    assert "Hội Nông dân xã Khánh Hội" in table
    assert "Cán bộ phường 39" not in table
    # The district's and the ward's people, the board's signatory of the agreement, the guest.
    board_signatory = agreement.parties.get(organization=orgs["board"]).signatory
    assert larger.context["page"].paginator.count == Person.objects.filter(
        organization__in=[orgs["district"], orgs["ward"]]
    ).count() + len({board_signatory, guest})
