"""The demo data: the five articles' facts, loaded once however often the loader runs."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth import get_user_model
from freezegun import freeze_time

from phoihop.agreements import access as agreement_access
from phoihop.agreements.models import Agreement, ContentArea, Party
from phoihop.demo.base import DEMO_PASSWORD
from phoihop.demo.loader import demo_load
from phoihop.events.models import Attendee, Event
from phoihop.orgs.models import Membership, Organization, Person, PersonTitle, Succession
from phoihop.reviews.models import Review
from phoihop.vn.names import person_name

TODAY = datetime.date(2026, 3, 1)
MODELS = (
    Organization,
    Succession,
    Person,
    PersonTitle,
    Agreement,
    Party,
    ContentArea,
    Event,
    Attendee,
    Membership,
)


def counts() -> dict[str, int]:
    result = {m.__name__: m.objects.count() for m in MODELS}
    result.update({f"history of {m.__name__}": m.history.count() for m in MODELS})  # type: ignore[attr-defined]
    result["users"] = get_user_model().objects.count()
    return result


def org(name: str) -> Organization:
    return Organization.objects.get(name=name)


def user(username: str) -> Any:
    return get_user_model().objects.get(username=username)


def test_it_loads_everything_once_however_often_it_runs(demo: Any) -> None:
    first = counts()
    with freeze_time(TODAY):
        again = demo_load(today=TODAY)
    assert counts() == first
    assert not +again.created, "a second run created records"  # unary + drops zero counts
    assert first["Organization"] == 42
    # The articles' ten documents and five conferences, and the present (demo/current.py):
    # two renewed programs, one signing and three upcoming events.
    assert first["Agreement"] == 12
    assert first["Event"] == 9
    assert first["users"] == 16
    # Signatories who also attended are one person each, not two.
    assert first["Person"] == 13


def test_it_records_the_five_conferences_on_their_dates(demo: Any) -> None:
    held = {
        (e.date, e.kind, e.host.name, e.time_of_day)
        for e in Event.objects.select_related("host").filter(date__year__lt=2025)
    }
    assert held == {
        (datetime.date(2022, 9, 15), "signing", "Ban Chỉ huy Quân sự Quận 4", "Sáng"),
        (datetime.date(2022, 9, 15), "signing", "Ban Tuyên giáo Quận ủy Quận 10", ""),
        (datetime.date(2022, 8, 12), "signing", "Bộ Tư lệnh Thành phố Hồ Chí Minh", "Chiều"),
        (datetime.date(2021, 11, 18), "signing", "Ban Tuyên giáo Thành ủy Móng Cái", "Chiều"),
        (
            datetime.date(2023, 1, 6),
            "interim_review",
            "Ban Chỉ huy Quân sự thành phố Hưng Yên",
            "Chiều",
        ),
    }
    assert all("dữ liệu mẫu" in e.source for e in Event.objects.all())


def test_it_links_the_three_documents_signed_on_12_august_2022(demo: Any) -> None:
    event = Event.objects.get(date=datetime.date(2022, 8, 12))
    signed = {(a.kind, a.period_start, a.period_end, a.status) for a in event.agreements.all()}
    assert signed == {
        ("regulation", None, None, "in_force"),
        ("program", 2022, 2025, "expired"),
        ("program", 2022, 2026, "in_force"),
    }
    regulation = event.agreements.get(kind="regulation")
    assert {p.organization.name for p in regulation.parties.all()} == {
        "Đảng ủy Quân sự Thành phố Hồ Chí Minh",
        "Ban Nội chính Thành ủy Thành phố Hồ Chí Minh",
    }
    attendees = {(a.rank, a.full_name) for a in event.attendees.all()}
    assert ("Trung tướng", "Nguyễn Văn Nam") in attendees
    assert ("Thiếu tướng", "Hoàng Đình Chung") in attendees
    assert len(attendees) == 8
    assert all(a.person is not None for a in event.attendees.all())


def test_it_ends_the_district_command_with_a_successor(demo: Any) -> None:
    command = org("Ban Chỉ huy Quân sự Quận 4")
    assert command.valid_to == datetime.date(2025, 6, 30)
    assert command.province_code is None
    assert command.locality == "Quận 4, TP Hồ Chí Minh"
    succession = Succession.objects.get(predecessors=command)
    assert succession.kind == "dissolve"
    assert succession.effective_date == datetime.date(2025, 7, 1)
    assert succession.decision_number == "2786/QĐ-BQP"
    assert [s.name for s in succession.successors.all()] == ["Bộ Tư lệnh Thành phố Hồ Chí Minh"]


def test_it_merges_the_city_party_boards_on_3_february_2025(demo: Any) -> None:
    merged = org("Ban Tuyên giáo và Dân vận Thành ủy Thành phố Hồ Chí Minh")
    succession = Succession.objects.get(successors=merged, kind="merge")
    assert succession.effective_date == datetime.date(2025, 2, 3)
    assert {p.name for p in succession.predecessors.all()} == {
        "Ban Tuyên giáo Thành ủy Thành phố Hồ Chí Minh",
        "Ban Dân vận Thành ủy Thành phố Hồ Chí Minh",
    }
    assert org("Ban Dân vận Thành ủy Thành phố Hồ Chí Minh").valid_to == datetime.date(2025, 2, 2)
    assert merged.province_code == 79 and merged.valid_from == datetime.date(2025, 2, 3)
    wards = Succession.objects.get(predecessors=org("Quận ủy Quận 4")).successors.all()
    assert {w.commune_name for w in wards} == {
        "Phường Vĩnh Hội",
        "Phường Khánh Hội",
        "Phường Xóm Chiếu",
    }


def test_it_keeps_the_mong_cai_signatories_titles_as_signed(demo: Any) -> None:
    program = Agreement.objects.get(kind="program", period_start=2021, period_end=2025)
    signed = {
        (p.signatory_name, p.signatory_rank, p.signatory_position, p.signed_on)
        for p in program.parties.all()
    }
    assert signed == {
        (
            "Bùi Thị Lệ Hằng",
            "",
            "Ủy viên Ban Thường vụ Thành ủy, Trưởng Ban Tuyên giáo Thành ủy",
            datetime.date(2021, 11, 18),
        ),
        (
            "Mai Xuân Thắng",
            "Thượng tá",
            "Chính trị viên Ban CHQS TP Móng Cái",
            datetime.date(2021, 11, 18),
        ),
    }
    thang = Person.objects.get(full_name="Mai Xuân Thắng")
    title = thang.title_on(datetime.date(2021, 11, 18))
    assert title is not None and str(title) == "Thượng tá Chính trị viên Ban CHQS TP Móng Cái"
    assert program.legal_bases.startswith("Nghị quyết 03-NQ/TU ngày 23/3/2021")
    plan = Agreement.objects.get(kind="plan")
    assert plan.parent == program and (plan.period_start, plan.period_end) == (2021, 2022)
    assert program.number_symbol == ""


def test_it_creates_a_demo_user_of_every_role(demo: Any) -> None:
    admin = user("quantri")
    assert admin.is_staff and admin.is_superuser and admin.check_password(DEMO_PASSWORD)
    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == {"viewer", "officer", "leader", "admin"}
    assert Membership.objects.get(user__username="btg.mongcai.quantri").organization.name == (
        "Ban Tuyên giáo Thành ủy Móng Cái"
    )
    assert user("chqs.q4.canbo").check_password(DEMO_PASSWORD)


def test_it_shows_the_district_4_program_to_its_officer_only(demo: Any) -> None:
    program = Agreement.objects.get(
        title="Chương trình phối hợp giữa Ban Chỉ huy Quân sự Quận 4 và Ban Tuyên giáo Quận ủy "
        "Quận 4 giai đoạn 2022-2025"
    )
    assert agreement_access.visible_agreements(user("chqs.q4.canbo")).filter(pk=program.pk).exists()
    assert agreement_access.can_edit_agreement(user("chqs.q4.canbo"), program)
    assert not agreement_access.visible_agreements(user("chqs.hy.canbo")).filter(pk=program.pk).exists()
    # The superior body sees its district command's work.
    assert agreement_access.visible_agreements(user("btl.hcm.xem")).filter(pk=program.pk).exists()


def test_it_attributes_the_history_to_the_demo_administrator(demo: Any) -> None:
    admin = user("quantri")
    assert set(Agreement.history.values_list("history_user", flat=True)) == {admin.pk}  # type: ignore[attr-defined]
    articles = Event.history.filter(date__year__lt=2025)  # type: ignore[attr-defined]
    assert set(articles.values_list("history_user", flat=True)) == {admin.pk}
    # The present's events are recorded by the successor bodies' officers, as users would.
    present = Event.history.filter(date__year__gte=2025)  # type: ignore[attr-defined]
    assert set(present.values_list("history_user__username", flat=True)) == {"btl.hcm.canbo", "btgdv.hcm.canbo"}


def test_it_marks_every_invented_person_as_illustrative(demo: Any) -> None:
    for account in get_user_model().objects.exclude(username="quantri"):
        assert account.first_name.endswith("(minh họa)"), account.username
    assert person_name(user("chqs.q4.lanhdao")) == "Phạm Đức Thịnh (minh họa)"
    # The officials the articles name are real people and are not marked.
    assert not Person.objects.filter(full_name__contains="minh họa").exists()
    # A signed report names its invented signer as illustrative, in the document too.
    for review in Review.objects.filter(status=Review.Status.SIGNED_OFF):
        assert review.signer_name.endswith("(minh họa)"), review.signer_name


def test_it_marks_the_names_of_a_demo_loaded_before_once(demo: Any) -> None:
    get_user_model().objects.filter(username="chqs.q4.canbo").update(first_name="Minh Khoa")
    get_user_model().objects.filter(username="btl.hcm.canbo").update(first_name="Bảo")  # renamed by its user
    with freeze_time(TODAY):
        first = demo_load(today=TODAY)
        second = demo_load(today=TODAY)
    assert user("chqs.q4.canbo").first_name == "Minh Khoa (minh họa)"
    assert user("btl.hcm.canbo").first_name == "Bảo"
    assert first.created["illustrative_marks"] == 1 and not second.created["illustrative_marks"]


def test_it_gives_every_2025_succession_its_deciding_document(demo: Any) -> None:
    successions = Succession.objects.filter(effective_date__year=2025)
    assert successions.count() == 13
    for succession in successions:
        assert succession.decision_number and succession.decided_on and succession.decision_issuer, succession.note
        assert succession.decided_on <= succession.effective_date
    merge = Succession.objects.get(effective_date=datetime.date(2025, 2, 3))
    assert (merge.decision_number, merge.decided_on) == ("121-KL/TW", datetime.date(2025, 1, 24))


def test_it_records_the_2022_hung_yen_review_conference_as_a_review(demo: Any) -> None:
    conference = Event.objects.get(date=datetime.date(2023, 1, 6))
    review = Review.objects.get(event=conference)
    assert (review.kind, review.status) == (Review.Kind.INTERIM, Review.Status.SIGNED_OFF)
    assert (review.period_start, review.period_end) == (datetime.date(2022, 1, 1), datetime.date(2022, 12, 31))
    assert review.agreement.parties.filter(organization__name="Ban Chỉ huy Quân sự thành phố Hưng Yên").exists()
    assert "100% chỉ tiêu giao quân năm 2022" in review.results
    assert review.report_date == datetime.date(2023, 1, 6)
