"""The history manager class is made once, and still answers for the one record it is read from."""

from __future__ import annotations

import pytest

from phoihop.core.historical import HistoryManager
from phoihop.orgs.models import Organization
from phoihop.testing.builders import make_org


def test_every_read_of_a_history_uses_one_manager_class() -> None:
    first, second = Organization(name="A"), Organization(name="B")
    assert type(first.history) is type(second.history) is type(Organization.history)
    assert isinstance(first.history, HistoryManager)


@pytest.mark.django_db
def test_a_records_history_still_holds_only_its_own_rows() -> None:
    one = make_org("Hội Cựu chiến binh phường Một")
    other = make_org("Hội Liên hiệp Phụ nữ phường Hai")
    one.short_name = "Hội CCB phường Một"
    one.save()

    assert list(one.history.values_list("history_type", flat=True)) == ["~", "+"]
    assert list(other.history.values_list("history_type", flat=True)) == ["+"]
    assert one.history.first().short_name == "Hội CCB phường Một"
    assert Organization.history.filter(id__in=[one.pk, other.pk]).count() == 3
