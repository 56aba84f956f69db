"""Reviews through the API: only those the user sees, filtered as on the review list; one with
its figures as the review page compiles them (the same queries for a review of two agreements as
of many); its commendations, and the commendation list."""

from __future__ import annotations

import datetime
import time
from typing import Any

import pytest
from django.urls import reverse

from phoihop.reviews.tests import world
from phoihop.testing.queries import assert_queries, captured_queries

pytestmark = pytest.mark.django_db


def _detail(review: Any, **query: Any) -> tuple[str, dict[str, Any]]:
    return reverse("api:review_detail", kwargs={"pk": review.pk}), query


def _commend(review: Any, org: Any, **fields: Any) -> Any:
    from phoihop.reviews.models import Commendation

    data = {"form": "merit", "authority": "UBND Quận 4", "reason": "Có thành tích", "year": 2024}
    return Commendation.objects.create(review=review, organization=org, **{**data, **fields})


def _quiet(client: Any) -> Any:
    """The sign-in stamp is written at most once a minute: not inside a measured request."""
    from phoihop.accounts import security

    session = client.session
    session[security.LAST_SEEN_KEY] = time.time()
    session.save()
    return client


def test_it_lists_only_the_reviews_the_user_sees(review: Any, users: Any, login: Any) -> None:
    url = reverse("api:review_list")
    body = login(users["coop_officer"]).get(url).json()
    assert body["count"] == 1
    item = body["items"][0]
    assert item["id"] == review.pk
    assert item["title"] == "Sơ kết năm 2024"
    assert item["kind"] == {"value": "interim", "label": "Sơ kết"}
    assert item["status"]["value"] == "draft"
    assert item["agreement"]["number_symbol"] == "03/CTr-BCHQS-BTGQU"
    assert item["period_start"] == "2024-01-01" and item["period_end"] == "2024-12-31"
    assert login(users["charlie"]).get(url).json()["count"] == 0


def test_it_filters_as_the_review_list(review: Any, agreement: Any, users: Any, login: Any) -> None:
    client = login(users["alice"])
    url = reverse("api:review_list")
    assert client.get(url, {"kind": "interim"}).json()["count"] == 1
    assert client.get(url, {"kind": "final"}).json()["count"] == 0
    assert client.get(url, {"year": 2024}).json()["count"] == 1
    assert client.get(url, {"year": 2023}).json()["count"] == 0
    assert client.get(url, {"status": "signed_off"}).json()["count"] == 0
    assert client.get(url, {"agreement": agreement.pk}).json()["count"] == 1
    assert client.get(url, {"archived": True}).json()["count"] == 0
    assert client.get(url, {"kind": "yearly"}).status_code == 422


def test_it_shows_a_review_with_its_figures_as_the_page_compiles_them(
    review: Any, orgs: Any, users: Any, login: Any
) -> None:
    from phoihop.reviews.services import contribution_save

    contribution_save(
        actor=users["coop_officer"],
        review=review,
        organization=orgs["board"],
        title="Tham luận của Ban Tuyên giáo",
        body="Phối hợp tuyên truyền tốt.",
    )
    _commend(review, orgs["board"])
    response = login(users["superior"]).get(*_detail(review))
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["title"] == "Sơ kết năm 2024"
    assert [a["id"] for a in body["agreements"]] == [review.agreement_id]
    assert [s["name"] for s in body["sections"]][:2] == ["situation", "results"]
    assert body["sections"][0]["label"] == "Tình hình triển khai thực hiện"
    assert [(c["organization"]["id"], c["title"]) for c in body["contributions"]] == [
        (orgs["board"].pk, "Tham luận của Ban Tuyên giáo")
    ]
    assert body["commendation_count"] == 1
    figures = body["figures"]
    # Approved in 2024: A1 joint (100 people), A2 (50), A4 (30); waiting and returned work and
    # the 2025 activity are left out (reviews/tests/conftest.py).
    assert (figures["activities"], figures["participants"]) == (3, 180)
    assert figures["frozen"] is False and figures["years"] == [2024]
    assert figures["tasks_planned"] == 2
    parties = {p["organization"]["id"]: p for p in figures["parties"]}
    assert parties[orgs["district"].pk]["activities"] == 2  # A1 credited in full to each organiser
    assert parties[orgs["board"].pk]["activities"] == 2
    sessions = next(i for i in figures["indicators"] if i["name"] == "Buổi tuyên truyền")
    assert (sessions["target"], sessions["achieved"], sessions["percent"]) == (
        "10.00",
        "7.00",
        "70.0",
    )


def test_it_answers_not_modified_until_the_figures_change(
    review: Any, record_2024: Any, orgs: Any, users: Any, login: Any
) -> None:
    from phoihop.plans.tests.helpers import approve, record

    client = login(users["alice"])
    tag = client.get(*_detail(review))["ETag"]
    assert tag
    unchanged = client.get(*_detail(review), HTTP_IF_NONE_MATCH=tag)
    assert unchanged.status_code == 304 and unchanged["ETag"] == tag
    # An activity approved since changes the figures, not the review: the tag follows the figures.
    approve(
        users["alice"],
        users["leader"],
        record(
            users["alice"],
            record_2024["t1"],
            [orgs["district"]],
            day=datetime.date(2024, 10, 1),
            participants=20,
        ),
    )
    changed = client.get(*_detail(review), HTTP_IF_NONE_MATCH=tag)
    assert changed.status_code == 200
    assert changed["ETag"] != tag and changed.json()["figures"]["activities"] == 4


def test_it_keeps_the_figures_a_review_was_signed_off_with(
    review: Any, users: Any, login: Any
) -> None:
    from phoihop.reviews.models import SECTION_NAMES
    from phoihop.reviews.services import review_sign_off, review_update

    fields: dict[str, Any] = {n: "Nội dung." for n in SECTION_NAMES}
    review_update(
        actor=users["alice"],
        review=review,
        fields={**fields, "report_date": datetime.date(2025, 1, 10)},
    )
    review_sign_off(actor=users["leader"], review=review)
    body = login(users["bob"]).get(*_detail(review)).json()
    assert body["status"]["value"] == "signed_off"
    assert body["figures"]["frozen"] is True
    assert body["figures"]["activities"] == 3


def test_it_answers_404_for_an_outsiders_review_as_for_an_unknown_one(
    review: Any, users: Any, login: Any
) -> None:
    client = login(users["charlie"])
    outsider = client.get(*_detail(review))
    unknown = client.get(reverse("api:review_detail", kwargs={"pk": 987654}))
    assert outsider.status_code == unknown.status_code == 404
    assert outsider.json() == unknown.json()
    commendations = reverse("api:review_commendations", kwargs={"pk": review.pk})
    assert client.get(commendations).status_code == 404


def test_it_leaves_out_the_figures_of_an_archived_review(
    review: Any, users: Any, login: Any
) -> None:
    from phoihop.reviews.services import review_archive

    review_archive(actor=users["alice"], review=review)
    body = login(users["alice"]).get(*_detail(review)).json()
    assert body["archived"] is True and body["figures"] is None


def test_it_pins_the_queries_of_the_list(
    review: Any, agreement: Any, users: Any, login: Any
) -> None:
    from phoihop.reviews.services import review_create

    client = _quiet(login(users["alice"]))
    url = reverse("api:review_list")
    # The session and its user, the scope, the count, the page with agreements and events.
    with assert_queries(5):
        assert client.get(url).json()["count"] == 1
    for year in (2021, 2022, 2023):
        review_create(
            actor=users["alice"],
            agreement=agreement,
            kind="interim",
            period_start=datetime.date(year, 1, 1),
            period_end=datetime.date(year, 12, 31),
        )
    with assert_queries(5):
        assert client.get(url).json()["count"] == 4


# The session and its user, the scope, the review with its agreements' parties (which are the
# covered agreements), the figures' grouped queries, the contributions and the count of commendations.
DETAIL_QUERIES = 23


def _detail_queries(client: Any, review: Any, **query: Any) -> dict[str, Any]:
    with captured_queries() as queries:
        response = client.get(*_detail(review, **query))
    assert response.status_code == 200, response.content
    return {"queries": len(queries), "body": response.json()}


def test_it_needs_the_same_queries_for_a_review_of_two_agreements_as_of_many(
    login: Any, users: Any, orgs: Any, board_leader: Any
) -> None:
    from phoihop.reviews.selectors import PAGE_AGREEMENTS

    wide_users = {**users, "board_leader": board_leader}
    client = _quiet(login(users["leader"]))
    small = world.build(wide_users, orgs, agreements=2, years=(2024, 2024))
    large = world.build(wide_users, orgs, agreements=PAGE_AGREEMENTS + 2, years=(2023, 2024))
    narrow = _detail_queries(client, small)
    wide = _detail_queries(client, large)
    assert (narrow["queries"], wide["queries"]) == (DETAIL_QUERIES, DETAIL_QUERIES)
    assert len(wide["body"]["agreements"]) == PAGE_AGREEMENTS + 2
    # A wide review gives the tables of one agreement (the main one unless asked) and a summary
    # row for each.
    figures = wide["body"]["figures"]
    assert figures["detail_agreement_id"] == large.agreement_id
    assert len(figures["by_agreement"]) == PAGE_AGREEMENTS + 2
    assert {a["agreement_id"] for a in figures["areas"]} == {large.agreement_id}
    other = wide["body"]["agreements"][3]["id"]
    chosen = _detail_queries(client, large, agreement=other)
    assert chosen["queries"] == DETAIL_QUERIES
    assert {a["agreement_id"] for a in chosen["body"]["figures"]["areas"]} == {other}
    assert chosen["body"]["figures"]["activities"] == figures["activities"]


def test_it_lists_a_reviews_commendations(review: Any, orgs: Any, users: Any, login: Any) -> None:
    _commend(review, orgs["board"])
    _commend(
        review,
        orgs["district"],
        awardee_kind="individual",
        person_name="Lê Văn Cường",
        person_title="Đại úy",
        form="certificate",
    )
    withdrawn = _commend(review, orgs["district"])
    withdrawn.archive()
    url = reverse("api:review_commendations", kwargs={"pk": review.pk})
    client = _quiet(login(users["coop_officer"]))
    body = client.get(url).json()
    assert body["count"] == 2
    assert [c["awardee"] for c in body["items"]] == [
        "Ban Tuyên giáo Quận ủy Quận 4",
        "Lê Văn Cường",
    ]
    assert body["items"][1]["form"] == {"value": "certificate", "label": "Giấy khen"}
    assert client.get(url, {"limit": 1, "offset": 1}).json()["items"][0]["person_title"] == "Đại úy"
    # The session and its user, the scope, the review with its agreements' parties and their
    # organisations (as for its page), the count and the page.
    with assert_queries(9):
        client.get(url)
    for n in range(3):
        _commend(review, orgs["board"], reason=f"Thành tích {n}")
    with assert_queries(9):
        assert client.get(url).json()["count"] == 5


def test_it_lists_the_commendations_the_user_sees_filtered_as_the_page(
    review: Any, orgs: Any, users: Any, login: Any
) -> None:
    from phoihop.reviews.models import Movement

    movement = Movement.objects.create(
        name="Dân vận khéo", organizer=orgs["board"], start_year=2022
    )
    mine = _commend(review, orgs["board"], movement=movement)
    _commend(review, orgs["district"], year=2023, status="decided", decision_number="12/QĐ-UBND")
    url = reverse("api:commendation_list")
    client = _quiet(login(users["alice"]))
    assert client.get(url).json()["count"] == 2
    assert [c["id"] for c in client.get(url, {"movement": movement.pk}).json()["items"]] == [
        mine.pk
    ]
    assert client.get(url, {"organization": orgs["board"].pk}).json()["count"] == 1
    assert client.get(url, {"year": 2023}).json()["items"][0]["decision_number"] == "12/QĐ-UBND"
    assert client.get(url, {"status": "proposed"}).json()["count"] == 1
    assert client.get(url, {"archived": True}).json()["count"] == 0
    assert login(users["charlie"]).get(url).json()["count"] == 0
    # The session and its user, the years and movements offered by the filter, the scope, the
    # count, and the page (its keys chosen in a subquery).
    client = _quiet(login(users["alice"]))
    with assert_queries(7):
        client.get(url)
    for n in range(4):
        _commend(review, orgs["board"], reason=f"Thành tích {n}")
    with assert_queries(7):
        assert client.get(url).json()["count"] == 6


def test_it_shows_a_commendation_with_its_etag_to_those_who_see_it(
    review: Any, orgs: Any, users: Any, login: Any
) -> None:
    commendation = _commend(review, orgs["board"])
    url = reverse("api:commendation_detail", kwargs={"pk": commendation.pk})
    client = _quiet(login(users["coop_officer"]))
    response = client.get(url)
    assert response.status_code == 200
    assert response.json()["review_id"] == review.pk
    assert client.get(url, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
    with assert_queries(5):
        client.get(url)
    outsider = login(users["charlie"]).get(url)
    unknown = login(users["charlie"]).get(reverse("api:commendation_detail", kwargs={"pk": 987654}))
    assert outsider.status_code == unknown.status_code == 404
