"""Emulation movements and commendations are listed in Vietnamese order, not by code point."""

from __future__ import annotations

import pytest

from phoihop.orgs.models import Organization
from phoihop.reviews import selectors
from phoihop.reviews.models import Commendation, Movement

pytestmark = pytest.mark.django_db


def test_it_lists_movements_in_vietnamese_order(users) -> None:
    for name in ("Toàn dân bảo vệ an ninh Tổ quốc", "Đơn vị tiên tiến 10", "Dân vận khéo", "Đơn vị tiên tiến 9"):
        Movement.objects.create(name=name)
    names = list(selectors.movement_list(user=users["alice"]).values_list("name", flat=True))
    # By code point "Đ" (U+0110) comes after "T", and "10" before "9".
    assert names == ["Dân vận khéo", "Đơn vị tiên tiến 9", "Đơn vị tiên tiến 10", "Toàn dân bảo vệ an ninh Tổ quốc"]


def test_it_lists_commendations_by_year_then_organisation_in_vietnamese_order(users, orgs) -> None:
    def commend(org: str, year: int, person: str = "") -> None:
        Commendation.objects.create(
            organization=orgs[org], year=year, person_name=person, form="merit", authority="UBND", reason="Thành tích"
        )

    orgs["party"] = Organization.objects.create(name="Đảng ủy phường Khánh Hội", kind="party_committee", level="commune")
    commend("unrelated", 2024)  # Hội Nông dân xã Khánh Hội
    commend("party", 2024)  # by code point "Đ" would follow "H"
    commend("city", 2024)  # Bộ Tư lệnh Thành phố Hồ Chí Minh
    commend("district", 2024, "Trần Văn An")  # Ban Chỉ huy Quân sự Quận 4
    commend("district", 2024, "Đỗ Văn Bình")
    commend("board", 2025)
    rows = [
        (c.year, c.organization.name, c.person_name)
        for c in selectors.commendation_list(user=users["staff"], filters={})
    ]
    assert rows == [
        (2025, "Ban Tuyên giáo Quận ủy Quận 4", ""),
        (2024, "Ban Chỉ huy Quân sự Quận 4", "Đỗ Văn Bình"),
        (2024, "Ban Chỉ huy Quân sự Quận 4", "Trần Văn An"),
        (2024, "Bộ Tư lệnh Thành phố Hồ Chí Minh", ""),
        (2024, "Đảng ủy phường Khánh Hội", ""),
        (2024, "Hội Nông dân xã Khánh Hội", ""),
    ]


def test_it_files_a_commendation_under_its_organisations_new_name_after_a_rename(users, orgs) -> None:
    from phoihop.orgs.services import organization_update

    for org in ("district", "unrelated"):
        Commendation.objects.create(
            organization=orgs[org], year=2024, form="merit", authority="UBND", reason="Thành tích"
        )
    first = [c.organization.name for c in selectors.commendation_list(user=users["staff"], filters={})]
    assert first == ["Ban Chỉ huy Quân sự Quận 4", "Hội Nông dân xã Khánh Hội"]
    organization_update(actor=users["staff"], organization=orgs["district"], fields={"name": "Xã đội Khánh Hội"})
    after = [c.organization.name for c in selectors.commendation_list(user=users["staff"], filters={})]
    assert after == ["Hội Nông dân xã Khánh Hội", "Xã đội Khánh Hội"]
    assert set(Commendation.objects.values_list("awardee_sort", flat=True)) == {
        o.sort_name for o in Organization.objects.filter(pk__in=[orgs["district"].pk, orgs["unrelated"].pk])
    }
