"""Names are stored with their whitespace normalised, on save and by the data migration."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from phoihop.agreements.models import Agreement
from phoihop.core.db import vi
from phoihop.orgs.models import Organization, Person
from phoihop.reviews.models import Commendation, Movement

pytestmark = pytest.mark.django_db

names_migration = importlib.import_module("phoihop.core.migrations.0005_normalise_names")

DIRTY = "  Xã\u00a0 Phú  Hữu\u200b "


def test_it_normalises_an_organisation_name_on_save() -> None:
    org = Organization.objects.create(name=DIRTY, short_name="UBND\u00a0 xã", kind="other", level="commune")
    org.refresh_from_db()
    assert (org.name, org.short_name) == ("Xã Phú Hữu", "UBND xã")
    assert org.sort_name == "Xã Phú Hữu"


def test_it_normalises_a_renamed_field_saved_alone(orgs) -> None:
    org = orgs["unrelated"]
    org.name = "Hội Nông dân  xã Khánh Hội "
    org.save(update_fields=["name"])
    org.refresh_from_db()
    assert org.name == "Hội Nông dân xã Khánh Hội"


def test_it_normalises_people_agreements_movements_and_commendations(orgs, agreement) -> None:
    person = Person.objects.create(full_name=" Nguyễn  Văn\u00a0An ", organization=orgs["district"], rank="Thượng  tá", position="Chỉ huy  trưởng")
    agreement.title = "Chương trình  phối hợp\u00a0giai đoạn 2022–2025 "
    agreement.save()
    movement = Movement.objects.create(name=" Toàn dân  bảo vệ an ninh Tổ quốc", organizer_text="Bộ  Công an")
    commendation = Commendation.objects.create(
        organization=orgs["district"], person_name="Trần  Thị Bình", person_title="Trưởng\u00a0ban",
        form="merit", authority="Chủ tịch  UBND", reason="Thành tích", year=2024,
    )
    for record in (person, agreement, movement, commendation):
        record.refresh_from_db()
    assert (person.full_name, person.rank, person.position) == ("Nguyễn Văn An", "Thượng tá", "Chỉ huy trưởng")
    assert agreement.title == "Chương trình phối hợp giai đoạn 2022–2025"  # the dash as typed
    assert (movement.name, movement.organizer_text) == ("Toàn dân bảo vệ an ninh Tổ quốc", "Bộ Công an")
    assert (commendation.person_name, commendation.person_title, commendation.authority) == (
        "Trần Thị Bình",
        "Trưởng ban",
        "Chủ tịch UBND",
    )


def test_it_normalises_the_names_stored_before(orgs, agreement) -> None:
    # Rows written without save() (as before this change), so no normalisation on the way in.
    Organization.objects.filter(pk=orgs["unrelated"].pk).update(name="Xã  Phú Hữu")
    Organization.objects.create(name="Xã An Phú", kind="peoples_committee", level="commune")
    Agreement.objects.filter(pk=agreement.pk).update(title=" Chương trình\u00a0 phối hợp")
    communes = Organization.objects.filter(name__startswith="Xã").order_by(vi("name"))
    assert list(communes.values_list("name", flat=True)) == ["Xã  Phú Hữu", "Xã An Phú"]  # the gap sorts first
    untouched = Organization.objects.get(pk=orgs["board"].pk).updated_at

    names_migration.forwards(apps, None)

    assert Organization.objects.get(pk=orgs["unrelated"].pk).name == "Xã Phú Hữu"
    assert Agreement.objects.get(pk=agreement.pk).title == "Chương trình phối hợp"
    assert Organization.objects.get(pk=orgs["board"].pk).updated_at == untouched
    assert not Organization.objects.filter(name__contains="  ").exists()
    assert list(communes.values_list("name", flat=True)) == ["Xã An Phú", "Xã Phú Hữu"]


def test_it_sorts_a_commune_once_spelled_with_two_spaces_among_the_others(db) -> None:
    for name in ("Xã An Phú", "Xã  Xuân Giang", "Xã Bắc Sơn"):
        Organization.objects.create(name=name, kind="peoples_committee", level="commune")
    ordered = list(Organization.objects.filter(level="commune").order_by(vi("name")).values_list("name", flat=True))
    assert ordered == ["Xã An Phú", "Xã Bắc Sơn", "Xã Xuân Giang"]
