"""Activities at scale: the copied agreement, cursor pages, and query counts that do not grow.

Each page's query count is pinned in a small world and a larger one (more organisations,
agreements, plans, tasks and activities, written in bulk as the scale generator does).
"""

from __future__ import annotations

import datetime
import itertools
from typing import Any

import pytest
from django.urls import reverse

from phoihop.activities.models import Activity
from phoihop.activities.services import activity_columns_rebuild
from phoihop.plans.tests.helpers import approve, indicator, record
from phoihop.testing.queries import assert_queries

pytestmark = pytest.mark.django_db

_serial = itertools.count(1)


def bulk_activities(task: Any, organization: Any, n: int, *, statuses: tuple[str, ...] = ("approved",), start: datetime.date = datetime.date(2024, 1, 1), same_day_every: int = 3) -> list[Activity]:
    """``n`` activities of ``task`` written in bulk without their agreement (as bulk loading
    does), several sharing each end date; the agreement is filled by the rebuild."""
    rows = [
        Activity(
            task=task,
            title=f"Hoạt động số {next(_serial)}",
            start_date=start + datetime.timedelta(days=i // same_day_every),
            end_date=start + datetime.timedelta(days=i // same_day_every),
            status=statuses[i % len(statuses)],
            submitted_at=datetime.datetime(2024, 6, 1, tzinfo=datetime.UTC) + datetime.timedelta(minutes=i),
        )
        for i in range(n)
    ]
    created = Activity.objects.bulk_create(rows)
    Activity.organizations.through.objects.bulk_create(
        [Activity.organizations.through(activity_id=a.pk, organization_id=organization.pk) for a in created]
    )
    return created


def grow(orgs: dict[str, Any], users: dict[str, Any], *, agreements: int, activities: int) -> None:
    """More of everything below the district command: units, agreements with plans and tasks,
    and activities of every status (some waiting for the district's leader)."""
    from phoihop.agreements.services import ContentAreaInput
    from phoihop.orgs.models import Organization
    from phoihop.testing.builders import make_agreement, make_org, make_plan

    for i in range(agreements):
        n = next(_serial)
        unit = make_org(
            f"Ban Chỉ huy Quân sự Phường {n}", kind=Organization.Kind.MILITARY,
            level=Organization.Level.COMMUNE, parent=orgs["district"],
        )
        agreement = make_agreement(
            actor=users["alice"], parties=[orgs["district"], unit],
            number_symbol=f"{n}/CTr-BCHQS", title=f"Chương trình phối hợp số {n}", period_start=2023, period_end=2025,
            areas=[ContentAreaInput(number=1, title="Tuyên truyền", responsible=[orgs["district"], unit])],
        )
        plan = make_plan(actor=users["alice"], agreement=agreement, year=2024)
        task = plan.tasks.get(number=1)
        bulk_activities(task, orgs["district"] if i % 2 else unit, activities,
                        statuses=("approved", "submitted", "draft", "returned", "approved"))
    activity_columns_rebuild()


def queries(client: Any, url: str, pinned: int, **params: Any) -> None:
    with assert_queries(pinned):
        response = client.get(url, params, **({"HTTP_HX_REQUEST": "true"} if params.pop("_htmx", False) else {}))
    assert response.status_code == 200


def page_ids(response: Any) -> list[int]:
    return [a.pk for a in response.context["page"].object_list]


# --- the copied agreement ---------------------------------------------------------------------


def test_it_sets_the_agreement_when_an_activity_is_recorded_or_corrected(users, orgs, task):
    activity = record(users["alice"], task, [orgs["district"]])
    assert activity.agreement_id == task.plan.agreement_id
    approve(users["alice"], users["leader"], activity)
    from phoihop.activities.services import activity_reopen

    revision = activity_reopen(actor=users["alice"], activity=activity)
    assert Activity.objects.get(pk=revision.pk).agreement_id == task.plan.agreement_id


def test_it_rebuilds_the_agreement_of_rows_written_in_bulk(login, users, orgs, task):
    rows = bulk_activities(task, orgs["district"], 4)
    assert set(Activity.objects.filter(pk__in=[r.pk for r in rows]).values_list("agreement_id", flat=True)) == {None}
    # Not yet rebuilt: not listed (visibility goes through the copied agreement).
    assert page_ids(login(users["alice"]).get(reverse("activities:list"))) == []
    assert activity_columns_rebuild() == 4
    assert set(Activity.objects.values_list("agreement_id", flat=True)) == {task.plan.agreement_id}
    assert activity_columns_rebuild() == 0  # nothing left to change
    assert len(page_ids(login(users["alice"]).get(reverse("activities:list")))) == 4


def test_it_corrects_a_wrong_agreement_on_rebuild(users, orgs, task, agreement):
    rows = bulk_activities(task, orgs["district"], 2)
    activity_columns_rebuild()
    from phoihop.agreements.models import Agreement

    other = Agreement.objects.create(kind="program", title="Văn bản khác", period_start=2024, period_end=2025)
    Activity.objects.filter(pk=rows[0].pk).update(agreement=other)
    assert activity_columns_rebuild() == 1
    assert Activity.objects.get(pk=rows[0].pk).agreement_id == agreement.pk


def test_the_backfill_migration_fills_existing_rows(users, orgs, task):
    from django.apps import apps

    from phoihop.activities.services import fill_agreement_column

    bulk_activities(task, orgs["district"], 3)
    changed = fill_agreement_column(
        activity_model=apps.get_model("activities", "Activity"),
        task_model=apps.get_model("plans", "Task"),
        plan_model=apps.get_model("plans", "AnnualPlan"),
    )
    assert changed == 3
    assert set(Activity.objects.values_list("agreement_id", flat=True)) == {task.plan.agreement_id}


def test_the_rebuild_runs_after_organisation_paths_with_the_derived_data():
    from phoihop.scale.derived import rebuilders

    labels = [label for label, _ in rebuilders()]
    assert "activity columns" in labels
    assert dict(rebuilders())["activity columns"] is activity_columns_rebuild
    if "organisation paths" in labels:
        assert labels.index("organisation paths") < labels.index("activity columns")


# --- cursor pages -----------------------------------------------------------------------------


def test_it_pages_forward_and_back_without_losing_or_repeating_rows(login, users, orgs, task):
    # 61 rows, three to each end date, so page boundaries fall inside groups of equal dates.
    bulk_activities(task, orgs["district"], 61)
    activity_columns_rebuild()
    expected = list(Activity.objects.order_by("-end_date", "-id").values_list("pk", flat=True))
    client = login(users["alice"])
    url = reverse("activities:list")

    pages = []
    response = client.get(url)
    assert response.context["page"].previous_cursor is None
    while True:
        pages.append(page_ids(response))
        cursor = response.context["page"].next_cursor
        if cursor is None:
            break
        response = client.get(url, {"after": cursor})
        assert response.context["page"].previous_cursor is not None
    assert [len(p) for p in pages] == [25, 25, 11]
    assert [pk for page in pages for pk in page] == expected

    # Back from the last page: the same pages in reverse, and the first one has no "previous".
    back = [pages[-1]]
    while response.context["page"].previous_cursor is not None:
        response = client.get(url, {"before": response.context["page"].previous_cursor})
        back.append(page_ids(response))
    assert back == pages[::-1]
    assert response.context["page"].next_cursor is not None


def test_the_pager_links_carry_the_filters_and_the_cursor(login, users, orgs, task):
    bulk_activities(task, orgs["district"], 30)
    activity_columns_rebuild()
    client = login(users["alice"])
    response = client.get(reverse("activities:list"), {"status": "approved"})
    body = response.content.decode()
    cursor = response.context["page"].next_cursor
    assert "Trang sau" in body and "Trang trước" not in body
    assert f"?status=approved&amp;after={cursor}" in body
    assert response.context["page"].count == 30
    second = client.get(reverse("activities:list"), {"status": "approved", "after": cursor})
    assert "Trang trước" in second.content.decode() and len(page_ids(second)) == 5


def test_it_caps_the_count_instead_of_counting_everything(login, users, orgs, task, monkeypatch):
    from phoihop.activities import selectors

    monkeypatch.setattr(selectors, "COUNT_CAP", 10)
    bulk_activities(task, orgs["district"], 12)
    activity_columns_rebuild()
    response = login(users["alice"]).get(reverse("activities:list"))
    assert response.context["page"].count_capped
    assert "Hơn 10 hoạt động" in response.content.decode()


def test_it_ignores_a_cursor_that_makes_no_sense(login, users, orgs, task):
    bulk_activities(task, orgs["district"], 3)
    activity_columns_rebuild()
    client = login(users["alice"])
    for junk in ("abc", "2024-13-01.5", "2024-01-01.x", "2024-01-01.99999999999999999999", "."):
        response = client.get(reverse("activities:list"), {"after": junk, "before": junk})
        assert response.status_code == 200 and len(page_ids(response)) == 3


def test_it_offers_the_years_of_the_plans_and_only_the_chosen_agreement(login, users, orgs, task, agreement):
    grow(orgs, users, agreements=3, activities=2)
    client = login(users["leader"])
    response = client.get(reverse("activities:list"), {"agreement": agreement.pk})
    body = response.content.decode()
    assert response.context["year_options"] == [2024]
    assert body.count('<option value="') == (
        2  # the chosen agreement and "every agreement"
        + 1  # "every party" (none chosen)
        + 1 + len(response.context["area_options"])  # content areas of the chosen agreement
        + 1 + 1  # years
        + 1 + 12  # months
        + 1 + len(Activity.Status.choices)  # statuses
    )
    assert "03/CTr-BCHQS-BTGQU" in body and "Chương trình phối hợp số" not in body


def test_the_task_filter_from_the_task_page_lists_only_its_activities(login, users, orgs, task, plan):
    other = plan.tasks.get(number=2)
    mine = bulk_activities(task, orgs["district"], 2)
    bulk_activities(other, orgs["district"], 2)
    activity_columns_rebuild()
    response = login(users["alice"]).get(reverse("activities:list"), {"task": task.pk})
    assert sorted(page_ids(response)) == sorted(a.pk for a in mine)


# --- query counts pinned in a small and a larger world ----------------------------------------


@pytest.mark.parametrize("who", ["alice", "superior", "staff"])
def test_the_activity_list_makes_the_same_queries_in_a_larger_world(login, users, orgs, task, agreement, who):
    bulk_activities(task, orgs["district"], 30, statuses=("approved", "submitted", "draft"))
    activity_columns_rebuild()
    client = login(users[who])
    url = reverse("activities:list")
    client.get(url)  # the first request of a session may write the session
    cursor = client.get(url).context["page"].next_cursor
    for size in ("small", "large"):
        if size == "large":
            grow(orgs, users, agreements=4, activities=40)
        queries(client, url, 9)
        queries(client, url, 9, after=cursor)
        queries(client, url, 9, before=cursor)
        queries(client, url, 11, agreement=agreement.pk, status="approved", year=2024)
        queries(client, url, 5, q="hoạt động", _htmx=True)


def test_the_approvals_inbox_makes_the_same_queries_in_a_larger_world(login, users, orgs, task):
    bulk_activities(task, orgs["district"], 3, statuses=("submitted",))
    activity_columns_rebuild()
    client = login(users["leader"])
    url = reverse("activities:inbox")
    client.get(url)
    queries(client, url, 9)
    grow(orgs, users, agreements=6, activities=40)
    response = client.get(url)
    assert len(response.context["page"].object_list) == 25
    queries(client, url, 9)


def test_the_plan_and_task_pages_make_the_same_queries_in_a_larger_world(login, users, orgs, plan, task):
    target = indicator(users["alice"], task, "Buổi tuyên truyền", "200")
    approve(users["alice"], users["leader"], record(users["alice"], task, [orgs["district"]], values={target: "3"}))
    client = login(users["bob"])
    plan_url = reverse("plans:detail", args=[plan.pk])
    task_url = reverse("plans:task_detail", args=[task.pk])
    panel_url = reverse("activities:task_panel", args=[task.pk])
    client.get(plan_url)
    queries(client, plan_url, PLAN_QUERIES)
    queries(client, task_url, TASK_QUERIES)
    queries(client, panel_url, TASK_PANEL_QUERIES, _htmx=True)
    grow(orgs, users, agreements=4, activities=30)
    bulk_activities(task, orgs["district"], 40, statuses=("approved", "submitted"))
    activity_columns_rebuild()
    response = client.get(panel_url, HTTP_HX_REQUEST="true")
    assert len(response.context["activities"]) == 20 and response.context["activity_count"] == 41
    assert "Xem cả 41 hoạt động của nhiệm vụ" in response.content.decode()
    queries(client, plan_url, PLAN_QUERIES)
    queries(client, task_url, TASK_QUERIES)
    queries(client, panel_url, TASK_PANEL_QUERIES, _htmx=True)


PLAN_QUERIES = 19
# The task's activities are the panel activities serves (its own URL, pinned below).
TASK_QUERIES = 16
TASK_PANEL_QUERIES = 9


def test_the_live_filter_redraws_the_content_areas_of_the_chosen_agreement(login, users, orgs, task, agreement):
    bulk_activities(task, orgs["district"], 2)
    activity_columns_rebuild()
    client = login(users["alice"])
    body = client.get(reverse("activities:list"), {"agreement": agreement.pk}, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in body and "Hoạt động số" in body
    assert 'id="area-filter" hx-swap-oob="true"' in body
    assert "Định hướng tư tưởng, tuyên truyền về quốc phòng" in body and " disabled" not in body
    body = client.get(reverse("activities:list"), HTTP_HX_REQUEST="true").content.decode()
    assert "Chọn văn bản để lọc theo nội dung" in body and " disabled" in body
    # An agreement the user does not see offers no content areas.
    body = login(users["charlie"]).get(reverse("activities:list"), {"agreement": agreement.pk}).content.decode()
    assert "Định hướng tư tưởng" not in body
