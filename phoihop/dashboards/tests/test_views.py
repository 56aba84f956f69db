"""The dashboard pages: figures shown and linked, who sees what, constant query counts."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.urls import reverse

from phoihop.dashboards.tests.conftest import TODAY, grow
from phoihop.testing.queries import assert_queries


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("phoihop.dashboards.views._today", lambda: TODAY)


def figure(body: str, key: str) -> str:
    """The number shown on a figure card, and the card's link."""
    match = re.search(rf'<a[^>]*href="([^"]*)"[^>]*data-figure="{key}"[^>]*>\s*<div class="card-body[^>]*>\s*<div class="figure-value">([^<]*)', body)
    assert match, f"figure {key} not found"
    return match.group(2).strip() + " " + match.group(1).replace("&amp;", "&")


def script_json(body: str, element_id: str) -> Any:
    """The data of a chart, sent as a JSON script element."""
    match = re.search(rf'<script id="{element_id}" type="application/json">(.*?)</script>', body, re.S)
    assert match, f"chart data {element_id} not found"
    return json.loads(match.group(1))


def task_ids(body: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'data-task="(\d+)"', body)]


def test_it_shows_the_leaders_organisation_with_linked_figures(login: Any, users: dict[str, Any], dash: dict[str, Any], orgs: dict[str, Any]) -> None:
    body = login(users["leader"]).get(reverse("dashboards:home")).content.decode()
    district = orgs["district"].pk
    assert figure(body, "overdue") == f"2 /theo-doi/nhiem-vu/?org={district}&state=overdue"
    assert figure(body, "due_month") == f"2 /theo-doi/nhiem-vu/?org={district}&state=due_month"
    assert figure(body, "ending").startswith("1 #sap-het-han")
    assert figure(body, "in_force") == f"2 /van-ban/?party={district}&status=in_force"
    assert figure(body, "approvals") == "1 /hoat-dong/cho-duyet/"  # the leader's own inbox
    assert figure(body, "activities").startswith("2 ")
    assert "đạt bình quân 70% chỉ tiêu" in body
    assert reverse("plans:task_detail", args=[dash["tasks"][4].pk]) in body


def test_it_draws_charts_from_data_without_inline_scripts(login: Any, users: dict[str, Any], dash: dict[str, Any]) -> None:
    body = login(users["leader"]).get(reverse("dashboards:home")).content.decode()
    scripts = re.findall(r"<script([^>]*)>", body)
    assert all("src=" in attrs or 'type="application/json"' in attrs for attrs in scripts), scripts
    assert "vendor/chartjs/chart.umd.min.js" in body and "dashboards/charts.js" in body
    assert " on" not in "".join(re.findall(r"<[^>]+ on[a-z]+=", body))
    assert "style=" not in body
    attainment = script_json(body, "chart-attainment")
    assert attainment["datasets"][0]["raw"] == [40.0, 120.0]
    assert attainment["datasets"][0]["links"][0] == reverse("plans:task_detail", args=[dash["tasks"][1].pk])
    monthly = script_json(body, "chart-monthly")
    assert sorted(sum(ds["data"]) for ds in monthly["datasets"]) == [1, 1]


def test_it_lets_a_member_of_several_organisations_choose(login: Any, users: dict[str, Any], dash: dict[str, Any], orgs: dict[str, Any]) -> None:
    from phoihop.orgs.models import Membership

    Membership.objects.create(user=users["leader"], organization=orgs["board"], role="viewer")
    client = login(users["leader"])
    body = client.get(reverse("dashboards:home"), {"org": orgs["board"].pk}).content.decode()
    assert "<h1 class=\"h3 mb-0\">Ban Tuyên giáo Quận ủy Quận 4</h1>" in body
    assert figure(body, "overdue").startswith("0 ")
    assert f'?org={orgs["district"].pk}' in body  # the other choice
    assert client.get(reverse("dashboards:home"), {"org": orgs["unrelated"].pk}).status_code == 404


def test_it_offers_system_administrators_the_top_bodies(login: Any, users: dict[str, Any], orgs: dict[str, Any]) -> None:
    body = login(users["staff"]).get(reverse("dashboards:home")).content.decode()
    assert reverse("dashboards:organization", args=[orgs["city"].pk]) in body


def test_it_hides_dashboards_from_outsiders(login: Any, users: dict[str, Any], dash: dict[str, Any], orgs: dict[str, Any], agreement: Any) -> None:
    client = login(users["charlie"])
    assert client.get(reverse("dashboards:organization", args=[orgs["district"].pk])).status_code == 404
    assert client.get(reverse("dashboards:subordinates", args=[orgs["city"].pk])).status_code == 404
    assert client.get(reverse("dashboards:agreement", args=[agreement.pk])).status_code == 404
    body = client.get(reverse("dashboards:tasks"), {"org": orgs["district"].pk, "state": "overdue"}).content.decode()
    assert task_ids(body) == []
    body = client.get(reverse("dashboards:tasks"), {"agreement": agreement.pk, "year": 2025}).content.decode()
    assert task_ids(body) == [] and agreement.title not in body


def test_it_lets_the_superior_body_drill_down(login: Any, users: dict[str, Any], dash: dict[str, Any], orgs: dict[str, Any]) -> None:
    from phoihop.orgs.models import Organization

    quiet = Organization.objects.create(name="Ban Chỉ huy Quân sự Quận 7", kind="military", level="district", parent=orgs["city"])
    client = login(users["superior"])
    url = reverse("dashboards:subordinates", args=[orgs["city"].pk])
    body = client.get(url, {"sort": "-overdue"}).content.decode()
    assert re.findall(r'data-org="(\d+)"', body) == [str(orgs["district"].pk), str(quiet.pk)]
    assert f'href="/theo-doi/nhiem-vu/?org={orgs["district"].pk}&state=overdue">2</a>' in body
    assert reverse("dashboards:organization", args=[orgs["district"].pk]) in body
    chart = script_json(body, "chart-subordinates")
    assert chart["datasets"][0]["data"] == [2, 0]
    assert chart["datasets"][0]["links"][0] == f'/theo-doi/nhiem-vu/?org={orgs["district"].pk}&state=overdue'
    body = client.get(url, {"sort": "overdue"}).content.decode()
    assert re.findall(r'data-org="(\d+)"', body) == [str(quiet.pk), str(orgs["district"].pk)]
    assert client.get(reverse("dashboards:organization", args=[orgs["district"].pk])).status_code == 200
    # The ward officer sees neither the district nor its superior.
    assert login(users["subordinate"]).get(url).status_code == 404


def test_it_lists_the_tasks_behind_a_figure(login: Any, users: dict[str, Any], dash: dict[str, Any], orgs: dict[str, Any], agreement: Any) -> None:
    client = login(users["bob"])
    t = dash["tasks"]
    body = client.get(reverse("dashboards:tasks"), {"org": orgs["district"].pk, "state": "overdue"}).content.decode()
    assert task_ids(body) == [t[4].pk, t[5].pk]
    assert reverse("plans:task_detail", args=[t[4].pk]) in body
    body = client.get(reverse("dashboards:tasks"), {"org": orgs["district"].pk, "state": "due_month"}).content.decode()
    assert task_ids(body) == [t[3].pk, t[7].pk]
    body = client.get(reverse("dashboards:tasks"), {"agreement": agreement.pk, "year": 2025, "org": orgs["board"].pk, "lead": "1", "state": "live"}).content.decode()
    assert sorted(task_ids(body)) == sorted([t[2].pk, t[7].pk])


def test_it_shows_the_agreement_dashboard(login: Any, users: dict[str, Any], dash: dict[str, Any], agreement: Any) -> None:
    body = login(users["coop_officer"]).get(reverse("dashboards:agreement", args=[agreement.pk]), {"year": 2025}).content.decode()
    assert figure(body, "tasks").startswith("7 ")
    assert figure(body, "overdue") == f"2 /theo-doi/nhiem-vu/?agreement={agreement.pk}&year=2025&state=overdue"
    assert figure(body, "done").startswith("1 ")
    assert figure(body, "attainment").startswith("70 ")
    assert 'data-chart="chart-areas"' in body and 'id="chart-areas"' in body


def get_in_queries(client: Any, pinned: int, url: str, **params: Any) -> None:
    with assert_queries(pinned):
        response = client.get(url, params)
    assert response.status_code == 200


def test_it_keeps_page_query_counts_when_rows_grow(login: Any, users: dict[str, Any], dash: dict[str, Any], orgs: dict[str, Any], agreement: Any) -> None:
    from phoihop.orgs.models import Organization

    client = login(users["superior"])
    # Each page with its pinned number of queries, the same before and after the world grows.
    pages = [
        (24, reverse("dashboards:organization", args=[orgs["district"].pk]), {"year": 2025}),
        (11, reverse("dashboards:subordinates", args=[orgs["city"].pk]), {"year": 2025}),
        (25, reverse("dashboards:agreement", args=[agreement.pk]), {"year": 2025}),
        (7, reverse("dashboards:tasks"), {"org": orgs["district"].pk}),
        (7, reverse("dashboards:tasks"), {"org": orgs["district"].pk, "state": "overdue", "page": 2}),
        (7, reverse("dashboards:tasks"), {"agreement": agreement.pk, "year": 2025, "state": "live"}),
        (21, reverse("dashboards:home"), {}),
    ]
    client.get(pages[0][1])  # the first request of a session also records the session's activity
    for pinned, url, params in pages:
        get_in_queries(client, pinned, url, **params)
    grow(users["alice"], users["leader"], orgs, 4)
    for n in range(3):
        Organization.objects.create(name=f"Ban Chỉ huy Quân sự Phường {n + 2}", kind="military", level="commune", parent=orgs["city"])
    for pinned, url, params in pages:
        get_in_queries(client, pinned, url, **params)
    assert "Ban Chỉ huy Quân sự Phường 4" in client.get(pages[1][1]).content.decode()


def test_it_shows_the_missing_report_and_links_it(login: Any, users: dict[str, Any], reports: dict[str, Any], agreement: Any) -> None:
    body = login(users["leader"]).get(reverse("dashboards:home")).content.decode()
    assert figure(body, "reports") == "1 #bao-cao"
    assert "0 sắp đến hạn · 1 gửi muộn" in body
    assert f'{reverse("exchange:schedule", args=[agreement.pk])}?year=2024' in body
    body = login(users["bob"]).get(reverse("dashboards:agreement", args=[agreement.pk]), {"year": 2024}).content.decode()
    assert figure(body, "recommendations") == "1 #kien-nghi"
    assert reports["inspection"].get_absolute_url() in body
    assert "Bổ sung kế hoạch tuyên truyền trên mạng xã hội" in body
    assert "Lập sổ theo dõi hoạt động" not in body
