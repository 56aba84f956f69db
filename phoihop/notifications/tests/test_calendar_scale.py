"""The calendar, the agenda and the feed stay bounded: windows, per-day caps, keyset pages,
conditional requests, and query counts that do not grow with the data."""

from __future__ import annotations

import datetime
from typing import Any

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from phoihop.notifications import services
from phoihop.testing.queries import captured_queries

D = datetime.date
TODAY = D(2024, 6, 10)


@pytest.fixture
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> datetime.date:
    monkeypatch.setattr(timezone, "localdate", lambda *a: TODAY)
    return TODAY


def event(orgs: dict[str, Any], day: datetime.date, title: str, host: str = "district") -> Any:
    from phoihop.events.models import Event

    return Event.objects.create(kind="training", title=title, date=day, host=orgs[host])


def grow(orgs: dict[str, Any], task: Any, n: int, *, host: str = "district", first: int = 0) -> None:
    """``n`` more of everything in June 2024 around the district command: events, task
    deadlines, agreements it is a party to with monthly reports (some sent), ending in 2024."""
    from phoihop.agreements.models import Agreement, Party
    from phoihop.exchange.models import PeriodicReport, ReportingSchedule
    from phoihop.plans.models import AnnualPlan, Task

    for i in range(first, first + n):
        event(orgs, D(2024, 6, 1 + i % 28), f"Tập huấn {i}", host=host)
        Task.objects.create(plan=task.plan, number=100 + i, title=f"Nhiệm vụ thêm {i}", lead_organization=orgs[host], due=D(2024, 6, 1 + i % 28))
        a = Agreement.objects.create(kind="plan", title=f"Kế hoạch phối hợp số {i}", status="in_force", period_start=2024, period_end=2024, signed_on=D(2024, 1, 2))
        for org, role in ((orgs[host], "lead"), (orgs["board"], "cooperating")):
            Party.objects.create(agreement=a, organization=org, role=role, name_as_signed=org.name)
        ReportingSchedule.objects.create(agreement=a, rhythm="monthly", due_days=5)
        plan = AnnualPlan.objects.create(agreement=a, year=2024, status=AnnualPlan.Status.IN_FORCE)
        Task.objects.create(plan=plan, number=1, title=f"Nhiệm vụ của kế hoạch {i}", lead_organization=orgs[host], due=D(2024, 6, 15))
        PeriodicReport.objects.create(
            agreement=a, organization=orgs[host], rhythm="monthly", period_start=D(2024, 5, 1), period_end=D(2024, 5, 31),
            period_label="Tháng 5/2024", due_date=D(2024, 6, 5), title=f"Báo cáo {i}", body="x" * 1000,
            status="submitted", submitted_at=timezone.now(),
        )


def count_queries(client: Any, url: str, data: dict[str, str] | None = None) -> tuple[int, Any]:
    with captured_queries() as ctx:
        response = client.get(url, data or {})
    assert response.status_code == 200, url
    return len(ctx), response


def feed_url(user: Any) -> str:
    return reverse("notifications:feed", kwargs={"token": services.feed_token_for(user).token})


# --- query counts --------------------------------------------------------------------------------


CALENDAR_QUERIES = 13
AGENDA_QUERIES = 12
FEED_QUERIES = 15
SUPERIOR_CALENDAR_QUERIES = 9


def test_it_makes_the_same_queries_for_a_small_and_a_larger_world(
    login: Any, users: dict[str, Any], orgs: dict[str, Any], in_force_plan: Any, task: Any, fixed_today: Any
) -> None:
    from phoihop.exchange.models import ReportingSchedule

    ReportingSchedule.objects.create(agreement=task.plan.agreement, rhythm="monthly", due_days=5)
    grow(orgs, task, 1)  # one of each kind: the small world
    client = login(users["alice"])
    client.get(reverse("notifications:calendar"))  # the first request of a session does more
    few = {
        "calendar": count_queries(client, reverse("notifications:calendar"), {"thang": "2024-06"})[0],
        "agenda": count_queries(client, reverse("notifications:agenda"), {"tu": "2024-06-01"})[0],
        "feed": count_queries(client, feed_url(users["alice"]))[0],
    }
    grow(orgs, task, 30, first=1)  # and thirty more
    many = {
        "calendar": count_queries(client, reverse("notifications:calendar"), {"thang": "2024-06"}),
        "agenda": count_queries(client, reverse("notifications:agenda"), {"tu": "2024-06-01"}),
        "feed": count_queries(client, feed_url(users["alice"])),
    }
    assert "Tập huấn 30" in many["feed"][1].content.decode()
    assert "Nhiệm vụ thêm" in many["agenda"][1].content.decode()
    assert {k: v[0] for k, v in many.items()} == few
    assert few == {"calendar": CALENDAR_QUERIES, "agenda": AGENDA_QUERIES, "feed": FEED_QUERIES}


def test_the_superiors_calendar_queries_do_not_grow_with_the_subtree(
    login: Any, users: dict[str, Any], orgs: dict[str, Any], in_force_plan: Any, task: Any, fixed_today: Any
) -> None:
    grow(orgs, task, 1, host="ward")
    client = login(users["superior"])
    client.get(reverse("notifications:calendar"))
    few = count_queries(client, reverse("notifications:calendar"), {"thang": "2024-06"})[0]
    grow(orgs, task, 30, host="ward", first=1)
    many, response = count_queries(client, reverse("notifications:calendar"), {"thang": "2024-06"})
    assert many == few == SUPERIOR_CALENDAR_QUERIES
    assert "nữa" in response.content.decode()


def test_the_month_loads_the_rows_it_chose_by_their_ids_alone(
    login: Any, users: dict[str, Any], orgs: dict[str, Any], in_force_plan: Any, task: Any, fixed_today: Any
) -> None:
    """Each source's rows are chosen under the access rule, then loaded without it: asked
    again, a province leader's visible agreements were worked out twice for each source."""
    grow(orgs, task, 3, host="ward")
    client = login(users["superior"])
    client.get(reverse("notifications:calendar"))
    with captured_queries() as ctx:
        response = client.get(reverse("notifications:calendar"), {"thang": "2024-06"})
    assert "Tập huấn 2" in response.content.decode()
    loads = [
        q["sql"]
        for q in ctx.captured_queries
        if q["sql"].startswith(('SELECT "plans_task"."id"', 'SELECT "events_event"."id"'))
    ]
    assert len(loads) == 2
    assert not [sql for sql in loads if '"path"' in sql or "agreements_party" in sql]


# --- the month grid and the agenda ---------------------------------------------------------------


def test_a_busy_day_shows_four_items_and_links_the_rest_to_its_agenda(
    login: Any, users: dict[str, Any], orgs: dict[str, Any], agreement: Any, fixed_today: Any
) -> None:
    for i in range(7):
        event(orgs, D(2024, 6, 20), f"Hội nghị số {i}")
    body = login(users["alice"]).get(reverse("notifications:calendar"), {"thang": "2024-06"}).content.decode()
    shown = [i for i in range(7) if f"Hội nghị số {i}<" in body]
    assert shown == [0, 1, 2, 3]
    assert "+3 nữa" in body and "?tu=2024-06-20" in body
    agenda = login(users["alice"]).get(reverse("notifications:agenda"), {"tu": "2024-06-20"}).content.decode()
    assert all(f"Hội nghị số {i}<" in agenda for i in range(7))


def test_the_agenda_pages_by_cursor_without_losing_or_repeating_an_item(
    login: Any, users: dict[str, Any], orgs: dict[str, Any], in_force_plan: Any, task: Any, fixed_today: Any
) -> None:
    from phoihop.plans.models import Task

    for i in range(40):
        event(orgs, D(2024, 6, 20 + i % 3), f"Sự kiện «{i}»")
        Task.objects.create(plan=task.plan, number=200 + i, title=f"Việc «{i}»", lead_organization=orgs["district"], due=D(2024, 6, 20 + i % 3))
    client = login(users["alice"])
    seen: list[Any] = []
    url, data = reverse("notifications:agenda"), {"tu": "2024-06-11"}
    for _page in range(5):
        response = client.get(url, data)
        page = response.context["page"]
        seen += page.items
        if page.next is None:
            break
        assert len(page.items) == 50
        data = {"tu": "2024-06-11", "sau": page.next.encode()}
    uids = [i.uid for i in seen]
    assert len(uids) == len(set(uids))
    assert [i.sort_key for i in seen] == sorted(i.sort_key for i in seen)
    assert sum(1 for i in seen if i.title.startswith("Sự kiện «")) == 40
    assert sum(1 for i in seen if i.title.startswith("Việc «")) == 40


def test_the_agenda_ignores_a_broken_cursor_or_day(login: Any, users: dict[str, Any], fixed_today: Any) -> None:
    client = login(users["alice"])
    assert client.get(reverse("notifications:agenda"), {"tu": "hôm qua", "sau": "x.y"}).status_code == 200
    assert client.get(reverse("notifications:agenda"), {"tu": "9999-01-01"}).context["start"] == TODAY


# --- the feed ------------------------------------------------------------------------------------


def unfolded(response: Any) -> str:
    return response.content.replace(b"\r\n ", b"").decode()


def feed_uids(client: Any, user: Any) -> set[str]:
    response = client.get(feed_url(user))
    assert response.status_code == 200
    return {str(e["UID"]) for e in icalendar.Calendar.from_ical(response.content).walk("VEVENT")}


def test_the_feed_holds_sixty_days_back_and_four_hundred_ahead(
    client: Any, users: dict[str, Any], orgs: dict[str, Any], fixed_today: Any
) -> None:
    edges = {
        days: event(orgs, TODAY + datetime.timedelta(days=days), f"Ngày {days}") for days in (-61, -60, 400, 401)
    }
    uids = feed_uids(client, users["alice"])
    assert {days for days, e in edges.items() if f"event-{e.pk}@phoihop" in uids} == {-60, 400}


def test_the_feed_carries_the_users_own_organisations_not_the_subtree(
    client: Any, login: Any, users: dict[str, Any], orgs: dict[str, Any], fixed_today: Any
) -> None:
    below = event(orgs, D(2024, 6, 20), "Tập huấn của phường", host="ward")
    own = event(orgs, D(2024, 6, 21), "Hội nghị của Quận", host="district")
    assert f"event-{own.pk}@phoihop" in feed_uids(client, users["alice"])
    # The district's officer sees the ward's event in the app, but it is not in their feed.
    assert f"event-{below.pk}@phoihop" not in feed_uids(client, users["alice"])
    assert f"event-{below.pk}@phoihop" in feed_uids(client, users["subordinate"])
    body = login(users["alice"]).get(reverse("notifications:calendar"), {"thang": "2024-06"}).content.decode()
    assert "Tập huấn của phường" in body


def test_the_feed_is_cut_at_its_cap(client: Any, users: dict[str, Any], orgs: dict[str, Any], fixed_today: Any, settings: Any) -> None:
    settings.FEED_MAX_ITEMS = 5
    for i in range(8):
        event(orgs, TODAY + datetime.timedelta(days=i), f"Hội nghị {i}")
    assert len(feed_uids(client, users["alice"])) == 5


def test_the_feed_answers_conditional_requests(
    client: Any, users: dict[str, Any], orgs: dict[str, Any], fixed_today: Any
) -> None:
    event(orgs, D(2024, 6, 20), "Hội nghị giao ban")
    url = feed_url(users["alice"])
    first = client.get(url)
    etag, modified = first["ETag"], first["Last-Modified"]
    assert etag.startswith('"') and modified
    assert "Hội nghị giao ban" in unfolded(first)
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    assert client.get(url, HTTP_IF_NONE_MATCH='"khac"').status_code == 200
    # The same content served again keeps its stamp: the body is the same to the byte.
    assert client.get(url).content == first.content
    event(orgs, D(2024, 6, 21), "Hội nghị mới")
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert "Hội nghị mới" in unfolded(changed)
    assert client.get(url, HTTP_IF_NONE_MATCH=changed["ETag"]).status_code == 304


def test_the_feed_folds_long_lines_and_escapes_text(client: Any, users: dict[str, Any], orgs: dict[str, Any], fixed_today: Any) -> None:
    title = "Hội nghị; sơ kết, đánh giá \\ kết quả " + "phối hợp " * 20
    e = event(orgs, D(2024, 6, 20), title)
    response = client.get(feed_url(users["alice"]))
    assert all(len(line) <= 75 for line in response.content.split(b"\r\n"))
    cal = icalendar.Calendar.from_ical(response.content)
    found = {str(v["UID"]): v for v in cal.walk("VEVENT")}[f"event-{e.pk}@phoihop"]
    assert str(found["SUMMARY"]).endswith(title)


def test_the_feed_page_says_what_the_feed_holds(login: Any, users: dict[str, Any]) -> None:
    body = login(users["alice"]).get(reverse("notifications:feed_settings")).content.decode()
    assert "mà đơn vị của bạn tham gia, từ 60 ngày trước đến 400 ngày tới" in body
