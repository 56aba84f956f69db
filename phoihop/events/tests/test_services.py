from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from phoihop.events import access
from phoihop.events.models import Attendee, Event
from phoihop.events.services import (
    AttendeeInput,
    event_archive,
    event_create,
    event_restore,
    event_update,
)
from phoihop.orgs.models import Person, PersonTitle

SIGNING_DAY = datetime.date(2022, 9, 15)


def fields(orgs: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {
        "kind": Event.Kind.SIGNING,
        "title": "Hội nghị ký kết chương trình phối hợp giai đoạn 2022 – 2025",
        "date": SIGNING_DAY,
        "time_of_day": "Sáng",
        "place": "Hội trường Quận ủy Quận 4",
        "host": orgs["district"],
        **extra,
    }


@pytest.fixture
def conference(orgs: dict[str, Any], users: dict[str, Any], agreement: Any) -> Event:
    return event_create(
        actor=users["alice"],
        fields=fields(orgs),
        organizations=[orgs["district"], orgs["board"]],
        agreements=[agreement],
        attendees=[
            AttendeeInput(
                full_name="Nguyễn Tuấn Bảo",
                rank="Đại tá",
                position="Phó Chính ủy Bộ Tư lệnh Thành phố",
                organization=orgs["city"],
            ),
            AttendeeInput(full_name="Nguyễn Quốc Thái", position="Bí thư Quận ủy Quận 4"),
        ],
    )


def test_it_records_a_signing_conference(
    conference: Event, orgs: dict[str, Any], agreement: Any, users: dict[str, Any]
) -> None:
    conference.refresh_from_db()
    # Typed with an en dash, stored the way every other title is (vn.text.clean).
    assert conference.title == "Hội nghị ký kết chương trình phối hợp giai đoạn 2022 - 2025"
    assert conference.host == orgs["district"]
    assert conference.created_by == users["alice"]
    assert list(conference.agreements.all()) == [agreement]
    assert set(conference.organizations.all()) == {orgs["district"], orgs["board"]}
    rows = list(conference.attendees.all())
    assert [(a.full_name, a.rank, a.position, a.order) for a in rows] == [
        ("Nguyễn Tuấn Bảo", "Đại tá", "Phó Chính ủy Bộ Tư lệnh Thành phố", 0),
        ("Nguyễn Quốc Thái", "", "Bí thư Quận ủy Quận 4", 1),
    ]
    assert rows[1].person is None  # no organisation given: nobody to file the person under


def test_it_links_an_attendee_to_a_person_with_the_title_held_that_day(
    conference: Event, orgs: dict[str, Any]
) -> None:
    attendee = conference.attendees.get(full_name="Nguyễn Tuấn Bảo")
    person = attendee.person
    assert person is not None
    assert person.organization == orgs["city"]
    titles = list(PersonTitle.objects.filter(person=person))
    assert [(t.rank, t.position, t.valid_from) for t in titles] == [
        ("Đại tá", "Phó Chính ủy Bộ Tư lệnh Thành phố", SIGNING_DAY)
    ]


def test_it_keeps_each_days_title_when_the_same_official_attends_again(
    conference: Event, orgs: dict[str, Any], users: dict[str, Any]
) -> None:
    review_day = datetime.date(2024, 1, 6)
    review = event_create(
        actor=users["alice"],
        fields=fields(
            orgs, kind=Event.Kind.INTERIM_REVIEW, title="Hội nghị sơ kết năm 2023", date=review_day
        ),
        attendees=[
            AttendeeInput(
                full_name="nguyễn tuấn bảo",
                rank="Đại tá",
                position="Chính ủy Bộ Tư lệnh Thành phố",
                organization=orgs["city"],
            )
        ],
    )
    first = conference.attendees.get(full_name="Nguyễn Tuấn Bảo").person
    assert first is not None
    again = review.attendees.get()
    assert again.person == first
    assert again.position == "Chính ủy Bộ Tư lệnh Thành phố"
    person = Person.objects.get(pk=first.pk)
    at_signing, at_review = person.title_on(SIGNING_DAY), person.title_on(review_day)
    assert at_signing is not None and at_signing.position == "Phó Chính ủy Bộ Tư lệnh Thành phố"
    assert at_review is not None and at_review.position == "Chính ủy Bộ Tư lệnh Thành phố"
    assert Person.objects.filter(organization=orgs["city"]).count() == 1


def test_it_reuses_the_signatory_already_on_record(
    agreement: Any, orgs: dict[str, Any], users: dict[str, Any]
) -> None:
    signatory = agreement.parties.get(role="lead").signatory
    event = event_create(
        actor=users["alice"],
        fields=fields(orgs),
        agreements=[agreement],
        attendees=[
            AttendeeInput(
                full_name="Nguyễn Văn An",
                rank="Thượng tá",
                position="Chỉ huy trưởng",
                organization=orgs["district"],
            )
        ],
    )
    assert event.attendees.get().person == signatory


def test_it_refuses_to_link_an_agreement_the_actor_cannot_see(
    agreement: Any, orgs: dict[str, Any], users: dict[str, Any]
) -> None:
    with pytest.raises(ValidationError) as exc:
        event_create(
            actor=users["charlie"],
            fields=fields(orgs, host=orgs["unrelated"]),
            agreements=[agreement],
        )
    assert "agreements" in exc.value.error_dict
    assert "không có quyền xem" in exc.value.error_dict["agreements"][0].message
    assert not Event.objects.exists()


def test_it_refuses_a_host_the_actor_does_not_write_for(
    orgs: dict[str, Any], users: dict[str, Any]
) -> None:
    with pytest.raises(ValidationError) as exc:
        event_create(actor=users["alice"], fields=fields(orgs, host=orgs["board"]))
    assert "host" in exc.value.error_dict
    # A superior body's viewer may read the subordinate's work but not record it.
    with pytest.raises(PermissionDenied):
        event_create(actor=users["superior"], fields=fields(orgs))
    assert (
        event_create(actor=users["staff"], fields=fields(orgs, host=orgs["board"])).host
        == orgs["board"]
    )


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"title": "   "}, "title", "Cần nhập tên hội nghị"),
        ({"date": None}, "date", "Cần nhập ngày tổ chức"),
        ({"date": datetime.date(1900, 1, 1)}, "date", "1945–2100"),
        ({"date": datetime.date(2200, 1, 1)}, "date", "1945–2100"),
        ({"kind": "party"}, "kind", "Chọn loại"),
    ],
)
def test_it_explains_what_is_wrong_in_vietnamese(
    orgs: dict[str, Any], users: dict[str, Any], change: dict[str, Any], field: str, message: str
) -> None:
    with pytest.raises(ValidationError) as exc:
        event_create(actor=users["alice"], fields=fields(orgs, **change))
    assert message in exc.value.error_dict[field][0].message


def test_it_requires_a_name_for_every_attendee(orgs: dict[str, Any], users: dict[str, Any]) -> None:
    with pytest.raises(ValidationError) as exc:
        event_create(
            actor=users["alice"],
            fields=fields(orgs),
            attendees=[AttendeeInput(full_name=" ", position="Trưởng ban")],
        )
    assert "chưa có họ và tên" in exc.value.messages[0]


def test_it_updates_attendee_rows_in_place(
    conference: Event, orgs: dict[str, Any], users: dict[str, Any]
) -> None:
    bao, thai = list(conference.attendees.all())
    event_update(
        actor=users["alice"],
        event=conference,
        fields=fields(orgs, title="Hội nghị ký kết (đã sửa)"),
        organizations=[orgs["district"]],
        agreements=[],
        attendees=[
            AttendeeInput(
                full_name="Nguyễn Quốc Thái", position="Bí thư Quận ủy Quận 4", pk=thai.pk
            ),
            AttendeeInput(
                full_name="Trần Thị Bình", position="Trưởng ban", organization=orgs["board"]
            ),
        ],
    )
    conference.refresh_from_db()
    assert conference.title == "Hội nghị ký kết (đã sửa)"
    rows = list(conference.attendees.all())
    assert [a.full_name for a in rows] == ["Nguyễn Quốc Thái", "Trần Thị Bình"]
    assert rows[0].pk == thai.pk
    assert not Attendee.objects.filter(pk=bao.pk).exists()
    assert Attendee.history.filter(id=bao.pk, history_type="-").exists()
    assert list(conference.organizations.all()) == [orgs["district"]]
    assert not conference.agreements.exists()


def test_it_ignores_attendee_ids_of_another_event(
    conference: Event, orgs: dict[str, Any], users: dict[str, Any]
) -> None:
    foreign = conference.attendees.first()
    assert foreign is not None
    other = event_create(actor=users["alice"], fields=fields(orgs, title="Hội nghị khác"))
    event_update(
        actor=users["alice"],
        event=other,
        fields=fields(orgs, title="Hội nghị khác"),
        organizations=[],
        agreements=[],
        attendees=[AttendeeInput(full_name="Lê Văn C", pk=foreign.pk)],
    )
    foreign.refresh_from_db()
    assert foreign.event == conference
    assert foreign.full_name == "Nguyễn Tuấn Bảo"
    assert other.attendees.get().full_name == "Lê Văn C"


def test_it_keeps_links_the_editor_cannot_see(
    agreement: Any, orgs: dict[str, Any], users: dict[str, Any]
) -> None:
    event = event_create(
        actor=users["staff"], fields=fields(orgs, host=orgs["unrelated"]), agreements=[agreement]
    )
    event_update(
        actor=users["charlie"],
        event=event,
        fields=fields(orgs, host=orgs["unrelated"], place="Nhà văn hóa xã"),
        organizations=[],
        agreements=[],
        attendees=[],
    )
    assert list(event.agreements.all()) == [agreement]


def test_it_refuses_edits_from_readers(
    conference: Event, orgs: dict[str, Any], users: dict[str, Any]
) -> None:
    for who in ("bob", "superior", "coop_officer"):
        with pytest.raises(PermissionDenied):
            event_update(
                actor=users[who],
                event=conference,
                fields=fields(orgs),
                organizations=[],
                agreements=[],
                attendees=[],
            )
        with pytest.raises(PermissionDenied):
            event_archive(actor=users[who], event=conference)


def test_it_archives_and_restores(
    conference: Event, orgs: dict[str, Any], users: dict[str, Any]
) -> None:
    event_archive(actor=users["alice"], event=conference)
    conference.refresh_from_db()
    assert conference.is_archived
    with pytest.raises(ValidationError):
        event_update(
            actor=users["alice"],
            event=conference,
            fields=fields(orgs),
            organizations=[],
            agreements=[],
            attendees=[],
        )
    event_restore(actor=users["alice"], event=conference)
    conference.refresh_from_db()
    assert not conference.is_archived


def test_it_shows_an_event_to_the_agreements_parties_and_the_hosts_superior(
    conference: Event, users: dict[str, Any]
) -> None:
    seeing = {
        name
        for name, user in users.items()
        if access.visible_events(user).filter(pk=conference.pk).exists()
    }
    assert seeing == {"alice", "bob", "leader", "coop_officer", "superior", "staff"}
