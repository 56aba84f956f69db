"""A period typed as a range in a search matches the period, not the two years anywhere."""

from __future__ import annotations

import pytest

from phoihop.agreements.models import Agreement
from phoihop.core.selectors import filter_by_query
from phoihop.orgs.models import Organization

pytestmark = pytest.mark.django_db


def _agreement(title: str, start: int | None, end: int | None, bases: str = "") -> Agreement:
    return Agreement.objects.create(kind="program", title=title, period_start=start, period_end=end, legal_bases=bases)


@pytest.fixture
def agreements(db):
    return {
        "period": _agreement("Chương trình phối hợp tuyên truyền", 2022, 2025),
        "titled": _agreement("Kế hoạch phối hợp giai đoạn 2022 – 2025", None, None),
        # 2022 and 2025 both appear, but the period is another one.
        "other": _agreement("Chương trình phối hợp năm 2025", 2025, 2027, bases="Nghị quyết số 12 ngày 5/1/2022"),
        "later": _agreement("Chương trình phối hợp giai đoạn 2026-2029", 2026, 2029),
    }


@pytest.mark.parametrize("query", ["2022 - 2025", "2022–2025", "2022-2025", "2022 —2025", "giai đoạn 2022 đến 2025"])
def test_it_matches_a_period_typed_as_a_range(agreements, query) -> None:
    found = set(filter_by_query(Agreement.objects.all(), query).values_list("pk", flat=True))
    expected = {agreements["period"].pk, agreements["titled"].pk}
    if query.startswith("giai"):
        expected = {agreements["titled"].pk}  # "giai đoạn" is in that title only
    assert found == expected


def test_it_still_matches_each_word_besides_the_range(agreements) -> None:
    found = set(filter_by_query(Agreement.objects.all(), "tuyen truyen 2022-2025").values_list("pk", flat=True))
    assert found == {agreements["period"].pk}


def test_it_keeps_single_years_as_words(agreements) -> None:
    found = set(filter_by_query(Agreement.objects.all(), "2022 2025").values_list("pk", flat=True))
    assert found == {agreements["titled"].pk, agreements["other"].pk}


def test_it_ignores_a_lone_dash(agreements) -> None:
    assert filter_by_query(Agreement.objects.all(), "2026 - ").count() == 1


def test_it_matches_a_range_written_in_a_name_without_a_period_field(db) -> None:
    Organization.objects.create(name="Ban chỉ đạo nhiệm kỳ 2020 - 2025", kind="other", level="unit")
    Organization.objects.create(name="Ban chỉ đạo 2020, kiện toàn 2025", kind="other", level="unit")
    found = list(filter_by_query(Organization.objects.all(), "2020–2025").values_list("name", flat=True))
    assert found == ["Ban chỉ đạo nhiệm kỳ 2020 - 2025"]
