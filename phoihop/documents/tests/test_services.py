"""Numbers in the issuer's register: suggested from the series, never given twice."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from phoihop.documents import services
from phoihop.documents.models import IssuedNumber

D = datetime.date
JAN_5 = D(2023, 1, 5)


def reserve(user: Any, issuer: Any, doc_type: str = "KH", on: datetime.date = JAN_5, **kw: Any) -> IssuedNumber:
    return services.reserve_number(actor=user, issuer=issuer, doc_type=doc_type, issued_on=on, **kw)


def test_it_suggests_01_for_a_new_series(orgs: dict[str, Any]) -> None:
    s = services.suggest_number(orgs["district"], "KH", D(2023, 1, 5))
    assert (s.number, s.symbol, s.series, s.number_line) == (1, "01/KH-BCHQS", "2023", "Số: 01/KH-BCHQS")


def test_it_numbers_a_state_body_in_one_series_per_calendar_year(orgs: dict[str, Any], users: dict[str, Any]) -> None:
    district = orgs["district"]
    assert reserve(users["alice"], district, "KH").number == 1
    assert reserve(users["alice"], district, "BC", D(2023, 6, 1)).symbol == "02/BC-BCHQS"
    assert services.suggest_number(district, "KH", D(2023, 12, 31)).number == 3
    # 1 January starts again at 01.
    assert reserve(users["alice"], district, "KH", D(2024, 1, 1)).symbol == "01/KH-BCHQS"


def test_it_numbers_a_party_body_per_type_per_term(orgs: dict[str, Any], users: dict[str, Any]) -> None:
    board = orgs["board"]
    officer = users["coop_officer"]
    first = reserve(officer, board, "KH", D(2023, 1, 5))
    assert (first.symbol, first.series, first.form) == ("01-KH/BTGQU", "KH/2020-2025", "party")
    assert reserve(officer, board, "KH", D(2024, 3, 1)).symbol == "02-KH/BTGQU"  # same term
    assert reserve(officer, board, "BC", D(2024, 3, 1)).symbol == "01-BC/BTGQU"  # own series per type
    assert reserve(officer, board, "KH", D(2025, 9, 1)).symbol == "01-KH/BTGQU"  # new term
    s = services.suggest_number(board, "KH", D(2025, 3, 1))
    assert s.number_line == "Số 03-KH/BTGQU"


def test_it_puts_every_issuer_in_a_joint_symbol_lead_first(orgs: dict[str, Any], users: dict[str, Any]) -> None:
    entry = reserve(users["alice"], orgs["district"], "CTr", co_issuers=[orgs["board"]])
    assert entry.symbol == "01/CTr-BCHQS-BTGQU"


def test_it_refuses_a_number_already_given(orgs: dict[str, Any], users: dict[str, Any]) -> None:
    reserve(users["alice"], orgs["district"], number=5, confirm_out_of_sequence=True)
    with pytest.raises(ValidationError) as exc:
        reserve(users["alice"], orgs["district"], "BC", number=5)
    assert "Số 05 đã được cấp trong sổ 2023 của Ban Chỉ huy Quân sự Quận 4" in exc.value.messages[0]
    assert reserve(users["alice"], orgs["district"]).number == 6
    assert reserve(users["alice"], orgs["district"], on=D(2024, 2, 1), number=1).number == 1


def test_the_database_refuses_a_duplicate_in_a_series(orgs: dict[str, Any], users: dict[str, Any]) -> None:
    entry = reserve(users["alice"], orgs["district"])
    with pytest.raises(IntegrityError), transaction.atomic():
        IssuedNumber.objects.create(
            issuer=entry.issuer, doc_type="BC", form="state", series="2023", number=1,
            symbol="01/BC-BCHQS", issued_on=D(2023, 2, 1),
        )


def test_it_gives_a_document_its_number_once(orgs: dict[str, Any], users: dict[str, Any], plan: Any) -> None:
    first = reserve(users["alice"], orgs["district"], record=plan)
    again = services.number_issue(actor=users["leader"], issuer=orgs["district"], doc_type="KH", issued_on=JAN_5,
                                  record=plan)
    assert (again.entry.pk, again.created) == (first.pk, False)
    # Even a typed number or another date: the document keeps the number it has.
    assert reserve(users["alice"], orgs["district"], number=7, on=D(2024, 3, 1), record=plan).pk == first.pk
    assert reserve(users["alice"], orgs["district"], "BC", record=plan).number == 2  # another document type
    assert IssuedNumber.objects.count() == 2


def test_the_database_refuses_a_second_number_for_a_document(orgs: dict[str, Any], users: dict[str, Any], plan: Any) -> None:
    entry = reserve(users["alice"], orgs["district"], record=plan)
    with pytest.raises(IntegrityError), transaction.atomic():
        IssuedNumber.objects.create(
            issuer=entry.issuer, doc_type="KH", form="state", series="2023", number=2, symbol="02/KH-BCHQS",
            issued_on=D(2023, 2, 1), content_type=entry.content_type, object_id=plan.pk,
        )


def test_it_takes_the_numbers_in_order_from_the_series_counter(orgs: dict[str, Any], users: dict[str, Any]) -> None:
    from phoihop.documents.models import NumberCounter

    assert [reserve(users["alice"], orgs["district"]).number for _ in range(3)] == [1, 2, 3]
    counter = NumberCounter.objects.get(issuer=orgs["district"], series="2023")
    assert counter.last_number == 3


def test_it_gives_the_number_back_when_the_transaction_rolls_back(orgs: dict[str, Any], users: dict[str, Any]) -> None:
    reserve(users["alice"], orgs["district"])
    with pytest.raises(RuntimeError), transaction.atomic():
        assert reserve(users["alice"], orgs["district"]).number == 2
        raise RuntimeError("the document failed to save")
    assert reserve(users["alice"], orgs["district"]).number == 2


def test_it_starts_the_counter_from_numbers_already_in_the_register(orgs: dict[str, Any], users: dict[str, Any]) -> None:
    for number in (1, 2):
        IssuedNumber.objects.create(issuer=orgs["district"], doc_type="KH", form="state", series="2023",
                                    number=number, symbol=f"0{number}/KH-BCHQS", issued_on=JAN_5)
    assert reserve(users["alice"], orgs["district"]).number == 3


def test_it_refuses_a_typed_number_that_leaves_a_gap_unless_confirmed(orgs: dict[str, Any], users: dict[str, Any]) -> None:
    from phoihop.audit.models import AuditEvent

    reserve(users["alice"], orgs["district"])
    with pytest.raises(ValidationError) as exc:
        reserve(users["alice"], orgs["district"], number=5)
    assert exc.value.error_dict["number"][0].code == "out_of_sequence"
    assert exc.value.messages == [
        "Số 05 đi trước sổ 2023 của Ban Chỉ huy Quân sự Quận 4: số tiếp theo là 02, cấp số 05 sẽ bỏ trống "
        "số 02–04. Nếu đúng là cấp số ngoài thứ tự, đánh dấu ô “Tôi xác nhận cấp số ngoài thứ tự” rồi gửi lại."
    ]
    assert IssuedNumber.objects.count() == 1
    entry = reserve(users["alice"], orgs["district"], number=5, confirm_out_of_sequence=True)
    assert (entry.number, entry.out_of_sequence) == (5, True)
    assert entry.note == "Cấp ngoài thứ tự, đã xác nhận: bỏ trống số 02–04."
    event = AuditEvent.objects.get(action="number_out_of_sequence")
    assert (event.actor, event.organization, event.object_id) == (users["alice"], orgs["district"], str(entry.pk))
    assert event.detail == "05/KH-BCHQS (2023): Cấp ngoài thứ tự, đã xác nhận: bỏ trống số 02–04."
    # The series goes on after it; the numbers left out may still be typed, without confirmation.
    assert reserve(users["alice"], orgs["district"]).number == 6
    assert reserve(users["alice"], orgs["district"], number=3).number == 3
    assert reserve(users["alice"], orgs["district"]).number == 7
    assert AuditEvent.objects.filter(action="number_out_of_sequence").count() == 1


def test_the_next_number_typed_by_hand_needs_no_confirmation(orgs: dict[str, Any], users: dict[str, Any]) -> None:
    entry = reserve(users["alice"], orgs["district"], number=1)
    assert (entry.number, entry.out_of_sequence, entry.note) == (1, False, "")


def test_it_links_the_number_to_its_record(orgs: dict[str, Any], users: dict[str, Any], agreement: Any) -> None:
    entry = reserve(users["alice"], orgs["district"], "CTr", record=agreement, title="Chương trình")
    assert entry.record == agreement
    assert entry.history.count() == 1


@pytest.mark.parametrize("username", ["bob", "charlie", "coop_officer"])
def test_it_lets_only_writers_of_the_issuer_reserve(orgs: dict[str, Any], users: dict[str, Any], username: str) -> None:
    with pytest.raises(PermissionDenied):
        reserve(users[username], orgs["district"])


def test_it_rejects_an_unknown_type_and_a_bad_number(orgs: dict[str, Any], users: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        reserve(users["alice"], orgs["district"], "XYZ")
    with pytest.raises(ValidationError):
        reserve(users["alice"], orgs["district"], number=0)


@pytest.mark.parametrize(
    ("day", "term"),
    [(D(2020, 6, 30), (2015, 2020)), (D(2020, 7, 1), (2020, 2025)), (D(2023, 1, 5), (2020, 2025)), (D(2025, 8, 1), (2025, 2030))],
)
def test_it_finds_the_party_term(day: datetime.date, term: tuple[int, int]) -> None:
    assert services.party_term(day) == term
