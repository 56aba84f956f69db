"""The report and inspection lists: bounded pages whatever the user may see."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse

from phoihop.agreements.tests.bulk import make_agreements
from phoihop.testing.queries import captured_queries

pytestmark = pytest.mark.django_db

D = datetime.date
# Pinned: a page costs the same with 2 agreements and 3 reports as with 40 and 60.
REPORT_LIST_QUERIES = 8
INSPECTION_LIST_QUERIES = 12


def make_reports(agreements: list[Any], org: Any, count: int, *, year: int = 2024, status: str = "submitted") -> list[Any]:
    from phoihop.exchange.models import PeriodicReport

    rows = []
    for i in range(count):
        agreement = agreements[i % len(agreements)]
        end = D(year, 1, 1) + datetime.timedelta(days=i)
        rows.append(
            PeriodicReport(
                agreement=agreement, organization=org, rhythm="ad_hoc", period_start=end, period_end=end,
                period_label=f"Đột xuất {i}", due_date=end, title=f"Báo cáo số {i:03d}", status=status,
            )
        )
    return PeriodicReport.objects.bulk_create(rows)


def make_inspections(agreements: list[Any], inspecting: Any, inspected: Any, count: int) -> list[Any]:
    from phoihop.exchange.models import Inspection

    made = Inspection.objects.bulk_create(
        Inspection(agreement=agreements[i % len(agreements)], title=f"Đợt kiểm tra số {i:03d}", date=D(2024, 1, 1) + datetime.timedelta(days=i))
        for i in range(count)
    )
    for inspection in made:
        inspection.inspecting.add(inspecting)
        inspection.inspected.add(inspected)
    return made


def _get(client: Any, name: str, params: dict[str, Any] | None = None, **headers: Any) -> tuple[Any, int]:
    with captured_queries() as queries:
        response = client.get(reverse(name), params or {}, **headers)
    assert response.status_code == 200
    return response, len(queries)


def test_it_lists_reports_with_the_same_queries_for_few_and_many(login: Any, users: dict[str, Any], orgs: dict[str, Any]) -> None:
    client = login(users["superior"])
    few_agreements = make_agreements(2, party=orgs["district"])
    make_reports(few_agreements, orgs["district"], 3)
    _get(client, "exchange:report_list")  # warm the session
    small, few = _get(client, "exchange:report_list", {"agreement": few_agreements[0].pk})
    many_agreements = make_agreements(40, party=orgs["ward"], start=2)
    make_reports(many_agreements, orgs["ward"], 60)
    large, many = _get(client, "exchange:report_list", {"agreement": many_agreements[0].pk})
    assert (few, many) == (REPORT_LIST_QUERIES, REPORT_LIST_QUERIES)
    _, unfiltered = _get(client, "exchange:report_list")
    assert unfiltered == REPORT_LIST_QUERIES - 2  # no chosen agreement to validate and label
    # The page names the chosen agreement, never the whole visible list.
    body = large.content.decode()
    assert body.count("Kế hoạch phối hợp số") == body.count(f"{many_agreements[0].title}<")
    assert many_agreements[1].title + "<" not in body


def test_it_pages_reports_without_gaps_or_repeats(login: Any, users: dict[str, Any], orgs: dict[str, Any]) -> None:
    agreements = make_agreements(3, party=orgs["district"])
    made = make_reports(agreements, orgs["district"], 30)
    client = login(users["alice"])
    first = list(client.get(reverse("exchange:report_list")).context["page"].object_list)
    second = list(client.get(reverse("exchange:report_list"), {"page": 2}).context["page"].object_list)
    assert len(first) == 25 and len(second) == 5
    assert [r.pk for r in first + second] == [r.pk for r in reversed(made)]
    assert "Trang 1/2" in client.get(reverse("exchange:report_list")).content.decode()


def test_it_filters_reports_by_agreement_party_year_and_status(login: Any, users: dict[str, Any], orgs: dict[str, Any]) -> None:
    agreements = make_agreements(2, party=orgs["district"])
    from phoihop.agreements.models import Party

    Party.objects.create(agreement=agreements[1], organization=orgs["board"], role="cooperating", name_as_signed="BTG")
    district_2024 = make_reports(agreements[:1], orgs["district"], 2)
    board_2023 = make_reports(agreements[1:], orgs["board"], 2, year=2023)
    drafts = make_reports(agreements[1:], orgs["district"], 1, status="draft")
    client = login(users["leader"])

    def listed(**params: Any) -> set[int]:
        return {r.pk for r in client.get(reverse("exchange:report_list"), params).context["page"].object_list}

    assert listed(agreement=agreements[0].pk) == {r.pk for r in district_2024}
    assert listed(organization=orgs["board"].pk) == {r.pk for r in board_2023}
    assert listed(year=2023) == {r.pk for r in board_2023}
    assert listed(status="draft") == {r.pk for r in drafts}
    assert listed(agreement=agreements[1].pk, year=2024) == {r.pk for r in drafts}
    # A key that does not validate is not applied (and never errors).
    assert listed(agreement="abc", year="x") == listed()


def test_it_never_offers_or_applies_an_agreement_the_user_may_not_see(
    login: Any, users: dict[str, Any], orgs: dict[str, Any], agreement: Any
) -> None:
    make_reports([agreement], orgs["district"], 2)
    client = login(users["charlie"])
    response = client.get(reverse("exchange:report_list"), {"agreement": agreement.pk})
    assert list(response.context["page"].object_list) == []
    assert agreement.title not in response.content.decode()
    response = client.get(reverse("exchange:inspection_list"), {"agreement": agreement.pk})
    assert agreement.title not in response.content.decode()


def test_it_renders_the_chosen_agreement_in_the_filter(login: Any, users: dict[str, Any], agreement: Any) -> None:
    body = login(users["bob"]).get(reverse("exchange:report_list"), {"agreement": agreement.pk}).content.decode()
    assert f'<option value="{agreement.pk}" selected>03/CTr-BCHQS-BTGQU · {agreement.title}</option>' in body
    assert f'data-autocomplete="{reverse("agreements:autocomplete")}"' in body


def test_it_refilters_reports_in_place_for_htmx(login: Any, users: dict[str, Any], orgs: dict[str, Any]) -> None:
    agreements = make_agreements(1, party=orgs["district"])
    make_reports(agreements, orgs["district"], 2)
    response = login(users["alice"]).get(reverse("exchange:report_list"), {"year": 2024}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "Báo cáo số 001" in body and "<form" not in body and "<h1" not in body


def test_it_lists_inspections_with_the_same_queries_for_few_and_many(login: Any, users: dict[str, Any], orgs: dict[str, Any]) -> None:
    client = login(users["superior"])
    few_agreements = make_agreements(2, party=orgs["district"])
    make_inspections(few_agreements, orgs["district"], orgs["ward"], 3)
    _get(client, "exchange:inspection_list")
    _, few = _get(client, "exchange:inspection_list", {"agreement": few_agreements[0].pk})
    many_agreements = make_agreements(40, party=orgs["ward"], start=2)
    make_inspections(many_agreements, orgs["ward"], orgs["district"], 40)
    large, many = _get(client, "exchange:inspection_list", {"agreement": many_agreements[0].pk})
    assert (few, many) == (INSPECTION_LIST_QUERIES, INSPECTION_LIST_QUERIES)
    assert many_agreements[1].title + "<" not in large.content.decode()
    _, unfiltered = _get(client, "exchange:inspection_list")
    assert unfiltered == INSPECTION_LIST_QUERIES - 4  # no agreement to validate, label, check parties and paths of


def test_it_pages_and_filters_inspections(login: Any, users: dict[str, Any], orgs: dict[str, Any]) -> None:
    agreements = make_agreements(2, party=orgs["district"])
    made = make_inspections(agreements, orgs["district"], orgs["ward"], 30)
    client = login(users["alice"])
    first = list(client.get(reverse("exchange:inspection_list")).context["page"].object_list)
    second = list(client.get(reverse("exchange:inspection_list"), {"page": 2}).context["page"].object_list)
    assert [i.pk for i in first + second] == [i.pk for i in reversed(made)]
    by_agreement = client.get(reverse("exchange:inspection_list"), {"agreement": agreements[0].pk}).context["page"]
    assert by_agreement.paginator.count == 15
    assert all(i.agreement_id == agreements[0].pk for i in by_agreement.object_list)
    assert client.get(reverse("exchange:inspection_list"), {"year": 2023}).context["page"].paginator.count == 0
