from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from phoihop.plans.models import AnnualPlan, Indicator, Task
from phoihop.plans.tests.helpers import approve, indicator, record
from phoihop.testing.queries import assert_queries

pytestmark = pytest.mark.django_db


def get_in_queries(client, url, pinned):
    with assert_queries(pinned):
        response = client.get(url)
    assert response.status_code == 200


# --- plan page ----------------------------------------------------------------------------------


def test_it_shows_the_plan_as_the_vietnamese_plan_table(login, users, orgs, plan, task):
    target = indicator(users["alice"], task, "Buổi tuyên truyền", "200")
    activity = record(users["alice"], task, [orgs["district"]], values={target: "171"})
    approve(users["alice"], users["leader"], activity)
    body = login(users["bob"]).get(reverse("plans:detail", args=[plan.pk])).content.decode()
    for header in ("STT", "Nội dung", "Chủ trì", "Phối hợp", "Thời gian", "Ghi chú"):
        assert f">{header}</th>" in body
    assert "Kế hoạch phối hợp năm 2024" in body
    assert reverse("plans:task_detail", args=[task.pk]) in body
    assert "Định hướng tư tưởng, tuyên truyền về quốc phòng" in body
    assert "Quá hạn" in body  # derived: task 1 was due at the end of 2024 and is not done
    assert "171/200" in body and "85,5%" in body
    assert "01/01/2024 – 31/12/2024" in body
    assert "Thêm nhiệm vụ" not in body  # bob only reads


def test_it_offers_the_lead_officer_to_add_tasks_and_shows_history(login, users, plan):
    body = login(users["alice"]).get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert reverse("plans:task_create", args=[plan.pk]) in body
    assert "Lịch sử thay đổi" in body and "Đấu tranh phản bác quan điểm sai trái" in body


def test_it_keeps_the_plan_page_query_count_flat(login, users, orgs, plan, task):
    client = login(users["alice"])
    url = reverse("plans:detail", args=[plan.pk])

    def add_rows(n):
        for i in range(n):
            t = Task.objects.create(plan=plan, number=10 + Task.objects.count(), title=f"Việc {i}", lead_organization=orgs["district"])
            t.supporting_organizations.set([orgs["board"]])
            ind = indicator(users["alice"], t, f"Chỉ tiêu {i}", "10")
            approve(users["alice"], users["leader"], record(users["alice"], t, [orgs["district"]], values={ind: "3"}))

    add_rows(2)
    get_in_queries(client, url, 19)
    add_rows(5)
    get_in_queries(client, url, 19)


def test_it_hides_the_plan_from_outsiders(login, users, plan):
    assert login(users["charlie"]).get(reverse("plans:detail", args=[plan.pk])).status_code == 404


# --- plans on the agreement page ------------------------------------------------------------------


def test_it_lists_the_agreements_plans_on_its_page(login, users, agreement, plan):
    client = login(users["coop_officer"])
    panel = reverse("plans:agreement_panel", args=[agreement.pk])
    page = client.get(reverse("agreements:detail", args=[agreement.pk])).content.decode()
    # The page loads the panel on load, and links to it for a browser without JavaScript.
    assert f'hx-get="{panel}" hx-trigger="load"' in page and f'<a href="{panel}">' in page
    body = client.get(panel, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in body and "Kế hoạch phối hợp năm" in body
    assert reverse("plans:detail", args=[plan.pk]) in body and "Kế hoạch năm 2024" in body
    assert reverse("plans:create", args=[agreement.pk]) not in body  # not the lead party


def test_it_shows_the_panel_as_a_page_without_javascript(login, users, agreement, plan):
    body = login(users["alice"]).get(reverse("plans:agreement_panel", args=[agreement.pk])).content.decode()
    assert "<html" in body and f'href="{agreement.get_absolute_url()}"' in body
    assert reverse("plans:detail", args=[plan.pk]) in body
    assert reverse("plans:create", args=[agreement.pk]) in body  # alice edits the agreement


def test_it_hides_the_panel_from_outsiders(login, users, agreement, plan):
    panel = reverse("plans:agreement_panel", args=[agreement.pk])
    assert login(users["charlie"]).get(panel, HTTP_HX_REQUEST="true").status_code == 404


def test_it_keeps_the_agreement_page_query_count_flat_with_plans(login, users, agreement):
    from phoihop.plans.services import plan_create

    client = login(users["alice"])
    url = reverse("agreements:detail", args=[agreement.pk])
    panel = reverse("plans:agreement_panel", args=[agreement.pk])
    plan_create(actor=users["alice"], agreement=agreement, year=2022)
    client.get(url)  # the first request writes the sign-in record and fills the content-type cache
    get_in_queries(client, url, 23)
    with assert_queries(PANEL_QUERIES):
        client.get(panel, HTTP_HX_REQUEST="true")
    for year in (2023, 2024, 2025):
        plan_create(actor=users["alice"], agreement=agreement, year=year)
    get_in_queries(client, url, 23)
    with assert_queries(PANEL_QUERIES):
        assert "Kế hoạch năm 2025" in client.get(panel, HTTP_HX_REQUEST="true").content.decode()


# Three for any signed-in request, then the agreement with its parties and their organisations, and
# the plans.
PANEL_QUERIES = 7


# --- creating a plan ------------------------------------------------------------------------------


def test_it_creates_a_plan_from_the_content_areas(login, users, agreement):
    response = login(users["alice"]).post(reverse("plans:create", args=[agreement.pk]), {"year": "2023", "source": "areas"})
    plan = AnnualPlan.objects.get(agreement=agreement, year=2023)
    assert response.status_code == 302 and response["Location"] == reverse("plans:detail", args=[plan.pk])
    assert [t.title for t in plan.tasks.all()] == [
        "Định hướng tư tưởng, tuyên truyền về quốc phòng",
        "Đấu tranh phản bác quan điểm sai trái",
    ]


def test_it_creates_a_plan_from_last_years_plan(login, users, agreement, plan, task):
    Task.objects.filter(pk=task.pk).update(cancelled=True)
    login(users["alice"]).post(reverse("plans:create", args=[agreement.pk]), {"year": "2025", "source": "previous"})
    new = AnnualPlan.objects.get(agreement=agreement, year=2025)
    carried = list(new.tasks.all())
    assert [t.title for t in carried] == ["Đấu tranh phản bác quan điểm sai trái"]
    assert carried[0].carried_over_from.plan == plan


def test_it_explains_why_a_plan_cannot_be_created(login, users, agreement, plan):
    client = login(users["alice"])
    response = client.post(reverse("plans:create", args=[agreement.pk]), {"year": "2024", "source": "areas"}, follow=True)
    assert "đã có kế hoạch phối hợp năm 2024" in response.content.decode()
    response = client.post(reverse("plans:create", args=[agreement.pk]), {"year": "2030", "source": "areas"}, follow=True)
    assert "giai đoạn của văn bản" in response.content.decode()
    assert AnnualPlan.objects.count() == 1


def test_it_refuses_plan_creation_by_get_read_only_and_outsiders(login, users, agreement):
    url = reverse("plans:create", args=[agreement.pk])
    assert login(users["alice"]).get(url).status_code == 405
    assert login(users["bob"]).post(url, {"year": "2023", "source": "areas"}).status_code == 403
    assert login(users["coop_officer"]).post(url, {"year": "2023", "source": "areas"}).status_code == 403
    assert login(users["charlie"]).post(url, {"year": "2023", "source": "areas"}).status_code == 404
    assert not AnnualPlan.objects.exists()


# --- tasks ----------------------------------------------------------------------------------------


def task_data(orgs, **overrides):
    data = {
        "number": "",
        "title": "Tọa đàm kỷ niệm Ngày thành lập Quân đội nhân dân Việt Nam",
        "content_area": "",
        "lead_organization": str(orgs["board"].pk),
        "supporting_organizations": [str(orgs["district"].pk)],
        "responsible_officer": "",
        "start": "01/12/2024",
        "due": "22/12/2024",
        "notes": "Tổ chức tại hội trường Quận ủy",
    }
    data.update(overrides)
    return data


def test_it_adds_a_task_to_the_plan(login, users, orgs, plan):
    response = login(users["alice"]).post(reverse("plans:task_create", args=[plan.pk]), task_data(orgs))
    task = plan.tasks.get(title__startswith="Tọa đàm")
    assert response.status_code == 302 and response["Location"] == reverse("plans:task_detail", args=[task.pk])
    assert task.number == 3 and task.lead_organization == orgs["board"]
    assert list(task.supporting_organizations.all()) == [orgs["district"]]
    assert task.due == datetime.date(2024, 12, 22)


def test_it_shows_task_form_errors_in_vietnamese(login, users, orgs, plan):
    client = login(users["alice"])
    response = client.post(
        reverse("plans:task_create", args=[plan.pk]),
        task_data(orgs, start="22/12/2024", due="01/12/2024", supporting_organizations=[str(orgs["board"].pk)]),
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Hạn hoàn thành phải bằng hoặc sau ngày bắt đầu." in body
    assert "Cơ quan chủ trì không cần nêu lại trong các cơ quan phối hợp." in body
    response = client.post(reverse("plans:task_create", args=[plan.pk]), task_data(orgs, start="31/02/2024"))
    assert "Ngày không hợp lệ" in response.content.decode()
    assert plan.tasks.count() == 2


def test_it_edits_a_task(login, users, orgs, task):
    client = login(users["alice"])
    form = client.get(reverse("plans:task_edit", args=[task.pk])).content.decode()
    assert "Định hướng tư tưởng, tuyên truyền về quốc phòng" in form and "01/01/2024" in form
    response = client.post(reverse("plans:task_edit", args=[task.pk]), task_data(orgs, number="1", title="Tuyên truyền quốc phòng", lead_organization=str(orgs["district"].pk), supporting_organizations=[], version="1"))
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.title == "Tuyên truyền quốc phòng" and not task.supporting_organizations.exists()


@pytest.mark.parametrize("route", ["plans:task_create", "plans:task_edit", "plans:task_indicator_edit"])
def test_it_refuses_task_changes_to_read_only_and_outsiders(login, users, orgs, plan, task, route):
    pk = plan.pk if route == "plans:task_create" else task.pk
    url = reverse(route, args=[pk])
    data = task_data(orgs) | {"name": "Buổi", "unit": "session", "target": "3", "aggregation": "sum"}
    for username, status in (("bob", 403), ("coop_officer", 403), ("superior", 403), ("charlie", 404)):
        client = login(users[username])
        assert client.get(url).status_code == status, username
        assert client.post(url, data).status_code == status, username
    assert plan.tasks.count() == 2 and not Indicator.objects.exists()
    task.refresh_from_db()
    assert task.title == "Định hướng tư tưởng, tuyên truyền về quốc phòng"


# --- task page and indicators -----------------------------------------------------------------


def test_it_shows_indicators_with_vietnamese_numbers_and_activities(login, users, orgs, task):
    people = indicator(users["alice"], task, "Lượt người được tuyên truyền", "1.500", unit="person_time")
    sessions = indicator(users["alice"], task, "Buổi tuyên truyền", "12")
    done = record(users["alice"], task, [orgs["district"], orgs["board"]], values={people: "1.234,5", sessions: "3"}, participants=1200)
    approve(users["alice"], users["leader"], done)
    record(users["alice"], task, [orgs["district"]], values={sessions: "9"}, title="Hội thi tìm hiểu Luật Quốc phòng")
    client = login(users["bob"])
    body = client.get(reverse("plans:task_detail", args=[task.pk])).content.decode()
    for header in ("Chỉ tiêu", "Đơn vị", "Mục tiêu", "Đạt", "Tỷ lệ"):
        assert f">{header}</th>" in body
    assert "1.500" in body and "1.234,5" in body and "82,3%" in body  # 1.234,5 / 1.500
    assert "25%" in body  # 3 of 12: the draft's 9 do not count
    assert "Thêm chỉ tiêu" not in body  # bob only reads
    # The activities are the panel activities serves, loaded on load or linked without JavaScript.
    panel = reverse("activities:task_panel", args=[task.pk])
    assert f'hx-get="{panel}" hx-trigger="load"' in body and f'<a href="{panel}">' in body
    body = client.get(panel, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in body and "Hoạt động (2)" in body and "1.234,5" in body
    assert "Tuyên truyền Luật Nghĩa vụ quân sự" in body and "Đã duyệt" in body
    assert "Hội thi tìm hiểu Luật Quốc phòng" in body and "Nháp" in body
    assert "1.200 người tham gia" in body


def test_it_keeps_the_task_page_query_count_flat(login, users, orgs, task):
    client = login(users["alice"])
    url = reverse("plans:task_detail", args=[task.pk])
    ind = indicator(users["alice"], task, "Buổi tuyên truyền", "12")

    def add_rows(n):
        for i in range(n):
            indicator(users["alice"], task, f"Chỉ tiêu {i}", "5")
            a = record(users["alice"], task, [orgs["district"], orgs["board"]], values={ind: "1"})
            approve(users["alice"], users["leader"], a)

    panel = reverse("activities:task_panel", args=[task.pk])
    add_rows(2)
    get_in_queries(client, url, TASK_QUERIES)
    with assert_queries(TASK_PANEL_QUERIES):
        client.get(panel, HTTP_HX_REQUEST="true")
    add_rows(4)
    get_in_queries(client, url, TASK_QUERIES)
    with assert_queries(TASK_PANEL_QUERIES):
        client.get(panel, HTTP_HX_REQUEST="true")


# The activities' panel is loaded from its own URL (the activity count, the latest activities,
# their organisations and values).
TASK_QUERIES = 16
# Three for any signed-in request, then the task (with its plan and agreement) and the agreement's
# parties, the counts, the latest activities, their organisations and their values.
TASK_PANEL_QUERIES = 9


def test_it_adds_and_edits_an_indicator_with_vietnamese_numbers(login, users, task):
    client = login(users["alice"])
    url = reverse("plans:task_indicator_edit", args=[task.pk])
    response = client.post(url, {"name": "Kinh phí hỗ trợ", "unit": "million_vnd", "target": "1.234,5", "aggregation": "sum"})
    assert response.status_code == 302 and response["Location"] == reverse("plans:task_detail", args=[task.pk])
    ind = task.indicators.get()
    assert ind.target == Decimal("1234.5")
    form = client.get(url, {"indicator": ind.pk}).content.decode()
    assert 'value="1.234,5"' in form and "Kinh phí hỗ trợ" in form
    client.post(url, {"indicator": ind.pk, "name": "Kinh phí hỗ trợ", "unit": "million_vnd", "target": "2.000", "aggregation": "sum", "version": "1"})
    ind.refresh_from_db()
    assert ind.target == Decimal("2000") and task.indicators.count() == 1


def test_it_rejects_a_target_that_is_not_a_number(login, users, task):
    response = login(users["alice"]).post(
        reverse("plans:task_indicator_edit", args=[task.pk]),
        {"name": "Buổi tuyên truyền", "unit": "session", "target": "mười hai", "aggregation": "sum"},
    )
    assert response.status_code == 200
    assert "Chỉ tiêu phải là một số, ví dụ 1.234,5." in response.content.decode()
    assert not task.indicators.exists()


def test_it_does_not_edit_another_tasks_indicator(login, users, plan, task):
    other = plan.tasks.get(number=2)
    foreign = indicator(users["alice"], other, "Tin bài", "10", unit="article")
    client = login(users["alice"])
    url = reverse("plans:task_indicator_edit", args=[task.pk])
    assert client.get(url, {"indicator": foreign.pk}).status_code == 404
    assert client.post(url, {"indicator": foreign.pk, "name": "X", "unit": "session", "target": "1", "aggregation": "sum"}).status_code == 404
    foreign.refresh_from_db()
    assert foreign.name == "Tin bài"
