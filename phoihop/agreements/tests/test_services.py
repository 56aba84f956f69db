from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from phoihop.agreements.models import Agreement, Party
from phoihop.agreements.services import (
    ContentAreaInput,
    PartyInput,
    agreement_archive,
    agreement_create,
    agreement_update,
)

pytestmark = pytest.mark.django_db


def fields(**extra):
    base = {"kind": "program", "title": "Chương trình phối hợp thử", "status": "draft"}
    base.update(extra)
    return base


def two_parties(orgs):
    return [
        PartyInput(organization=orgs["district"], role=Party.Role.LEAD),
        PartyInput(organization=orgs["board"], role=Party.Role.COOPERATING),
    ]


def test_it_creates_agreement_with_parties_and_areas(agreement, orgs):
    assert agreement.number_symbol == "03/CTr-BCHQS-BTGQU"
    parties = list(agreement.parties.order_by("order"))
    assert [p.organization for p in parties] == [orgs["district"], orgs["board"]]
    assert parties[0].name_as_signed == "Ban Chỉ huy Quân sự Quận 4"
    assert parties[0].signatory.full_name == "Nguyễn Văn An"
    assert parties[0].signed_on == datetime.date(2022, 9, 15)
    area = agreement.content_areas.get(number=2)
    assert list(area.responsible.all()) == [orgs["board"]]


def test_it_records_the_signatory_title_held_that_day(agreement):
    person = agreement.parties.get(role="lead").signatory
    title = person.title_on(datetime.date(2022, 9, 15))
    assert (title.rank, title.position) == ("Thượng tá", "Chỉ huy trưởng")


def test_it_normalises_a_pasted_symbol(orgs, users):
    a = agreement_create(actor=users["alice"], fields=fields(number_symbol="Số: 3/CTr–BCHQS"), parties=two_parties(orgs))
    assert a.number_symbol == "03/CTr-BCHQS"


def test_it_rejects_a_malformed_symbol_in_vietnamese(orgs, users):
    with pytest.raises(ValidationError) as exc:
        agreement_create(actor=users["alice"], fields=fields(number_symbol="abc"), parties=two_parties(orgs))
    assert "không đúng mẫu" in str(exc.value.message_dict["number_symbol"])


def test_it_needs_two_parties_and_a_lead(orgs, users):
    with pytest.raises(ValidationError) as exc:
        agreement_create(actor=users["alice"], fields=fields(), parties=[PartyInput(organization=orgs["district"], role="cooperating")])
    messages = " ".join(exc.value.messages)
    assert "ít nhất hai bên" in messages
    assert "chủ trì" in messages
    assert not Agreement.objects.exists()


def test_it_rejects_a_period_ending_before_it_starts(orgs, users):
    with pytest.raises(ValidationError) as exc:
        agreement_create(actor=users["alice"], fields=fields(period_start=2025, period_end=2022), parties=two_parties(orgs))
    assert "period_end" in exc.value.message_dict


def test_it_rejects_content_areas_given_to_outsiders(orgs, users):
    with pytest.raises(ValidationError):
        agreement_create(
            actor=users["alice"], fields=fields(), parties=two_parties(orgs),
            content_areas=[ContentAreaInput(number=1, title="X", responsible=[orgs["unrelated"]])],
        )


def test_it_refuses_a_lead_party_the_actor_does_not_work_for(orgs, users):
    with pytest.raises(ValidationError):
        agreement_create(
            actor=users["coop_officer"], fields=fields(),
            parties=[PartyInput(organization=orgs["district"], role="lead"), PartyInput(organization=orgs["board"], role="cooperating")],
        )


def test_it_refuses_viewers(orgs, users):
    with pytest.raises(PermissionDenied):
        agreement_create(actor=users["bob"], fields=fields(), parties=two_parties(orgs))


def test_it_lets_only_the_lead_party_edit(agreement, orgs, users):
    with pytest.raises(PermissionDenied):
        agreement_update(actor=users["coop_officer"], agreement=agreement, fields=fields(), parties=two_parties(orgs), content_areas=[])
    agreement_update(actor=users["leader"], agreement=agreement, fields=fields(title="Tên mới"), parties=two_parties(orgs), content_areas=[])
    agreement.refresh_from_db()
    assert agreement.title == "Tên mới"
    assert agreement.content_areas.count() == 0
    assert agreement.history.count() == 2


def test_it_archives_instead_of_deleting(agreement, users):
    agreement_archive(actor=users["alice"], agreement=agreement)
    agreement.refresh_from_db()
    assert agreement.is_archived
    assert Agreement.objects.filter(pk=agreement.pk).exists()
    assert not Agreement.objects.active().filter(pk=agreement.pk).exists()
