"""Every issued kind takes its number from the issuer's register once: the agreement's own
"Cấp số", the dates a number is refused for, and a body outside its validity dates."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from phoihop.agreements.services import agreement_number_issue
from phoihop.documents import services
from phoihop.documents.models import IssuedNumber
from phoihop.plans.services import plan_number_issue
from phoihop.testing.queries import assert_queries

D = datetime.date


@pytest.fixture
def unnumbered(agreement: Any) -> Any:
    """The fixture program as drafted, before the văn thư numbers it."""
    type(agreement).objects.filter(pk=agreement.pk).update(number_symbol="")
    agreement.refresh_from_db()
    return agreement


@pytest.fixture
def successor(orgs: dict[str, Any]) -> Any:
    """Ban CHQS Quận 4 ceased on 30/06/2025; the regional defence command carries it on."""
    from phoihop.orgs.models import Organization, Succession

    ptkv = Organization.objects.create(
        name="Ban Chỉ huy Phòng thủ khu vực 1 - Sài Gòn", symbol="BCHPTKV", kind=Organization.Kind.MILITARY,
        level=Organization.Level.DISTRICT, parent=orgs["city"], valid_from=D(2025, 7, 1),
    )
    succession = Succession.objects.create(kind=Succession.Kind.DISSOLVE, effective_date=D(2025, 7, 1))
    succession.predecessors.add(orgs["district"])
    succession.successors.add(ptkv)
    return ptkv


def _reserve(client: Any, agreement: Any, **data: Any) -> Any:
    return client.post(reverse("documents:agreement_number_reserve", args=[agreement.pk]), data, follow=True)


def test_it_gives_an_agreement_its_number_from_the_lead_series_once(
    login: Any, users: dict[str, Any], unnumbered: Any
) -> None:
    client = login(users["alice"])
    page = client.get(reverse("documents:agreement", args=[unnumbered.pk])).content.decode()
    assert "data-agreement-number" in page and "01/CTr-BCHQS-BTGQU" in page

    response = _reserve(client, unnumbered, issued_on="15/09/2022")
    assert "Đã cấp số 01/CTr-BCHQS-BTGQU cho văn bản." in response.content.decode()
    unnumbered.refresh_from_db()
    assert unnumbered.number_symbol == "01/CTr-BCHQS-BTGQU"

    again = _reserve(client, unnumbered, issued_on="20/09/2022").content.decode()
    assert "Văn bản đã có số, ký hiệu 01/CTr-BCHQS-BTGQU" not in again  # not refused: the same number back
    assert "Văn bản đã có số 01/CTr-BCHQS-BTGQU; mỗi văn bản chỉ được cấp một số." in again
    entries = IssuedNumber.objects.filter(object_id=unnumbered.pk, doc_type="CTr")
    assert [(e.number, e.issued_on) for e in entries] == [(1, D(2022, 9, 15))]
    page = client.get(reverse("documents:agreement", args=[unnumbered.pk])).content.decode()
    assert "data-agreement-number" not in page  # numbered: no second "Cấp số"


def test_it_prints_the_agreement_number_it_was_given(login: Any, users: dict[str, Any], unnumbered: Any) -> None:
    from phoihop.plans.documents import agreement_document

    agreement_number_issue(actor=users["alice"], agreement=unnumbered, issued_on=D(2022, 9, 15))
    unnumbered.refresh_from_db()
    assert agreement_document(unnumbered).number_line == "Số: 01/CTr-BCHQS-BTGQU"


def test_it_asks_to_confirm_an_agreement_number_typed_ahead(login: Any, users: dict[str, Any], unnumbered: Any) -> None:
    client = login(users["alice"])
    refused = _reserve(client, unnumbered, issued_on="15/09/2022", number="4").content.decode()
    assert "bỏ trống số 01–03" in refused
    unnumbered.refresh_from_db()
    assert unnumbered.number_symbol == ""
    assert not IssuedNumber.objects.filter(object_id=unnumbered.pk).exists()

    _reserve(client, unnumbered, issued_on="15/09/2022", number="4", confirm_out_of_sequence="1")
    unnumbered.refresh_from_db()
    assert unnumbered.number_symbol == "04/CTr-BCHQS-BTGQU"
    assert IssuedNumber.objects.get(object_id=unnumbered.pk).out_of_sequence


def test_it_keeps_a_number_typed_from_the_signed_copy(users: dict[str, Any], agreement: Any) -> None:
    with pytest.raises(ValidationError, match="03/CTr-BCHQS-BTGQU"):
        agreement_number_issue(actor=users["alice"], agreement=agreement, issued_on=D(2022, 9, 15))
    assert not IssuedNumber.objects.exists()


def test_it_refuses_an_agreement_issued_before_it_was_signed(login: Any, users: dict[str, Any], unnumbered: Any) -> None:
    body = _reserve(login(users["alice"]), unnumbered, issued_on="01/09/2022").content.decode()
    assert "Ngày ban hành 01/09/2022 trước ngày ký 15/09/2022" in body
    assert not IssuedNumber.objects.exists()


def test_agreement_numbers_are_for_the_lead_party_officers(
    login: Any, users: dict[str, Any], unnumbered: Any
) -> None:
    url = reverse("documents:agreement_number_reserve", args=[unnumbered.pk])
    data = {"issued_on": "15/09/2022"}
    assert login(users["alice"]).get(url).status_code == 405
    assert login(users["bob"]).post(url, data).status_code == 403  # a viewer of the lead party
    assert login(users["coop_officer"]).post(url, data).status_code == 403  # the co-operating party
    assert login(users["charlie"]).post(url, data).status_code == 404
    assert not IssuedNumber.objects.exists()
    page = login(users["bob"]).get(reverse("documents:agreement", args=[unnumbered.pk])).content.decode()
    assert "data-agreement-number" not in page


def test_a_body_that_has_ceased_cannot_issue_and_its_successor_is_named(
    users: dict[str, Any], unnumbered: Any, successor: Any
) -> None:
    with pytest.raises(ValidationError) as refused:
        agreement_number_issue(actor=users["alice"], agreement=unnumbered, issued_on=D(2026, 12, 3))
    message = " ".join(refused.value.messages)
    assert "Ban Chỉ huy Quân sự Quận 4 đã kết thúc hoạt động ngày 30/06/2025" in message
    assert "ngày 03/12/2026" in message
    assert "Đơn vị kế thừa: Ban Chỉ huy Phòng thủ khu vực 1 - Sài Gòn" in message
    assert not IssuedNumber.objects.exists()
    # Within its validity dates it still numbers what it signed then.
    assert agreement_number_issue(
        actor=users["alice"], agreement=unnumbered, issued_on=D(2022, 9, 15)
    ).entry.number == 1


def test_a_body_not_yet_in_being_cannot_issue(users: dict[str, Any], orgs: dict[str, Any], successor: Any) -> None:
    from phoihop.orgs.models import Membership

    Membership.objects.create(user=users["alice"], organization=successor, role=Membership.Role.OFFICER)
    with pytest.raises(ValidationError, match="hoạt động từ ngày 01/07/2025"):
        services.number_issue(actor=users["alice"], issuer=successor, doc_type="BC", issued_on=D(2025, 3, 1))
    entry = services.number_issue(actor=users["alice"], issuer=successor, doc_type="BC", issued_on=D(2025, 7, 2)).entry
    assert entry.symbol == "01/BC-BCHPTKV"


def test_a_ceased_co_issuer_refuses_the_joint_document(users: dict[str, Any], orgs: dict[str, Any]) -> None:
    orgs["board"].valid_to = D(2025, 2, 28)
    orgs["board"].save()
    with pytest.raises(ValidationError, match="Ban Tuyên giáo Quận ủy Quận 4 đã kết thúc hoạt động ngày 28/02/2025"):
        services.number_issue(actor=users["alice"], issuer=orgs["district"], co_issuers=[orgs["board"]],
                              doc_type="KH", issued_on=D(2025, 3, 1))
    assert not IssuedNumber.objects.exists()


def test_the_page_warns_that_a_ceased_body_cannot_issue_today(
    login: Any, users: dict[str, Any], agreement: Any, successor: Any
) -> None:
    page = login(users["alice"]).get(reverse("documents:agreement", args=[agreement.pk])).content.decode()
    assert "data-issuer-problems" in page
    assert "Ban Chỉ huy Phòng thủ khu vực 1 - Sài Gòn" in page


def test_it_refuses_a_plan_dated_before_the_program_it_implements(
    login: Any, users: dict[str, Any], agreement: Any
) -> None:
    from phoihop.plans.services import plan_create

    plan = plan_create(actor=users["alice"], agreement=agreement, year=2022)
    url = reverse("documents:plan_number_reserve", args=[plan.pk])
    body = login(users["alice"]).post(url, {"issued_on": "10/01/2022"}, follow=True).content.decode()
    assert "Kế hoạch năm 2022 ghi ngày 10/01/2022, trước ngày ký Chương trình phối hợp số 03/CTr-BCHQS-BTGQU (15/09/2022)" in body
    assert not IssuedNumber.objects.exists()
    login(users["alice"]).post(url, {"issued_on": "20/09/2022"})
    assert IssuedNumber.objects.get().symbol == "01/KH-BCHQS-BTGQU"


def test_it_refuses_a_plan_for_a_year_outside_the_agreement_period(users: dict[str, Any], agreement: Any) -> None:
    from phoihop.plans.services import plan_create

    plan = plan_create(actor=users["alice"], agreement=agreement, year=2025)
    type(agreement).objects.filter(pk=agreement.pk).update(period_end=2024)  # the period was shortened since
    plan.agreement.refresh_from_db()
    with pytest.raises(ValidationError, match="Kế hoạch năm 2025 nằm ngoài giai đoạn 2022–2024"):
        plan_number_issue(actor=users["alice"], plan=plan, issued_on=D(2025, 1, 5))
    assert not IssuedNumber.objects.exists()


def test_the_documents_page_reads_a_bounded_number_of_rows(
    login: Any, users: dict[str, Any], unnumbered: Any
) -> None:
    from phoihop.plans.services import plan_create

    for year in (2022, 2023, 2024):
        plan_create(actor=users["alice"], agreement=unnumbered, year=year)
    client = login(users["alice"])
    url = reverse("documents:agreement", args=[unnumbered.pk])
    client.get(url)
    with assert_queries(QUERIES):
        assert client.get(url).status_code == 200


QUERIES = 16


def test_it_refuses_shortening_the_period_past_the_annual_plans(users: dict[str, Any], agreement: Any) -> None:
    from phoihop.agreements.services import ContentAreaInput, PartyInput, agreement_update
    from phoihop.plans.services import plan_create

    plan_create(actor=users["alice"], agreement=agreement, year=2025)
    fields = {name: getattr(agreement, name) for name in ("kind", "number_symbol", "title", "status", "signed_on")}
    parties = [PartyInput(organization=p.organization, role=p.role, signatory_name=p.signatory_name)
               for p in agreement.parties.order_by("order")]
    areas = [ContentAreaInput(number=a.number, title=a.title, pk=a.pk, responsible=list(a.responsible.all()))
             for a in agreement.content_areas.all()]
    with pytest.raises(ValidationError) as refused:
        agreement_update(actor=users["alice"], agreement=agreement, parties=parties, content_areas=areas,
                         fields={**fields, "period_start": 2022, "period_end": 2024})
    assert refused.value.message_dict == {"period_end": [
        "Văn bản đã có kế hoạch phối hợp năm 2025, nằm ngoài giai đoạn mới. Giữ giai đoạn bao gồm các năm "
        "này, hoặc lưu trữ các kế hoạch đó trước."]}
    agreement.refresh_from_db()
    assert agreement.period_end == 2025
    agreement_update(actor=users["alice"], agreement=agreement, parties=parties, content_areas=areas,
                     fields={**fields, "period_start": 2023, "period_end": 2025})
    agreement.refresh_from_db()
    assert agreement.period_start == 2023
