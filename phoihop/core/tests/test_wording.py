"""Wording that read wrong: a period printed twice, "Giám sát Giám sát…", "Sơ kết 2024",
"100/100 %", a comma after a rank, the role "Xem", "chưa xong", a cut search box, and
figures in English written the English way."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from django.utils import formats, translation

from phoihop.plans.tests.conftest import plan, task  # noqa: F401
from phoihop.plans.tests.helpers import approve, indicator, record

D = datetime.date


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.mark.parametrize(
    ("kind", "start", "end", "title"),
    [
        ("interim", D(2024, 1, 1), D(2024, 12, 31), "Sơ kết năm 2024"),
        ("final", D(2022, 1, 1), D(2025, 12, 31), "Tổng kết giai đoạn 2022-2025"),
        ("interim", D(2025, 1, 1), D(2025, 6, 30), "Sơ kết 6 tháng đầu năm 2025"),
        ("interim", D(2024, 3, 1), D(2024, 8, 31), "Sơ kết từ 01/03/2024 đến 31/08/2024"),
    ],
)
def test_it_names_reviews_one_way(kind: str, start: datetime.date, end: datetime.date, title: str) -> None:
    from phoihop.reviews.models import Review

    assert Review(kind=kind, period_start=start, period_end=end).title == title


@pytest.mark.django_db
def test_it_prints_an_ad_hoc_report_period_once(login: Any, users: dict[str, Any], orgs: dict[str, Any], agreement: Any) -> None:
    from phoihop.exchange.periods import adhoc_label
    from phoihop.exchange.services import report_create

    start, end = D(2025, 5, 1), D(2025, 6, 30)
    report = report_create(
        actor=users["alice"], agreement=agreement, organization=orgs["district"], rhythm="ad_hoc",
        period_start=start, period_end=end, period_label=adhoc_label(start, end), due_date=D(2025, 7, 5),
        title="Báo cáo đột xuất", body="Nội dung",
    )
    body = _text(login(users["alice"]).get(reverse("exchange:report_detail", args=[report.pk])).content.decode())
    assert "Đột xuất (01/05/2025 – 30/06/2025)" in body
    assert "30/06/2025) (01/05/2025" not in body


@pytest.mark.django_db
def test_it_does_not_print_the_kind_before_a_title_that_says_it(
    login: Any, users: dict[str, Any], orgs: dict[str, Any], agreement: Any
) -> None:
    from phoihop.exchange.services import inspection_create

    inspection_create(
        actor=users["alice"], agreement=agreement, kind="supervision", title="Giám sát việc gửi báo cáo định kỳ năm 2024",
        date=D(2024, 11, 20), inspecting=[orgs["district"]], inspected=[orgs["board"]],
    )
    body = _text(login(users["alice"]).get(reverse("exchange:inspection_list")).content.decode())
    assert "Giám sát việc gửi báo cáo định kỳ năm 2024" in body
    assert "Giám sát Giám sát" not in body
    assert "Kiến nghị chưa khắc phục xong" in body and "chưa xong" not in body.replace("chưa khắc phục xong", "")


@pytest.mark.django_db
def test_it_writes_a_percentage_target_as_a_percentage_and_a_count_without_its_target_twice(
    login: Any, users: dict[str, Any], orgs: dict[str, Any], task: Any  # noqa: F811
) -> None:
    quota = indicator(users["alice"], task, "100% chỉ tiêu giao quân", "100", aggregation="latest", unit="percent")
    sessions = indicator(users["alice"], task, "12 buổi tuyên truyền về quốc phòng", "12")
    activity = record(users["alice"], task, [orgs["district"]], values={quota: Decimal("100"), sessions: Decimal("11")})
    approve(users["alice"], users["leader"], activity)
    body = _text(login(users["alice"]).get(reverse("plans:detail", args=[task.plan_id])).content.decode())
    assert "100/100" not in body
    assert "Chỉ tiêu giao quân 100%" in body
    assert "Buổi tuyên truyền về quốc phòng 11/12 buổi" in body
    assert "12 buổi tuyên truyền về quốc phòng 11/12" not in body


@pytest.mark.django_db
def test_the_read_only_role_reads_chi_xem_and_differs_from_the_verb(login: Any, users: dict[str, Any], orgs: dict[str, Any]) -> None:
    from phoihop.orgs.models import Membership

    assert Membership.Role.VIEWER.label == "Chỉ xem"
    users["staff"].is_superuser = True
    users["staff"].save(update_fields=["is_superuser"])
    body = _text(login(users["staff"]).get(reverse("accounts:members", args=[orgs["district"].pk])).content.decode())
    assert "Chỉ xem" in body


def test_the_header_search_box_placeholder_fits() -> None:
    from phoihop.settings import BASE_DIR

    base = (BASE_DIR / "phoihop" / "templates" / "base.html").read_text(encoding="utf-8")
    placeholder = re.search(r'role="search".*?placeholder="\{% translate \'([^\']*)\' %\}"', base, re.S)
    assert placeholder is not None and len(placeholder.group(1)) <= 12  # the box is 9rem wide


def test_figures_keep_the_vietnamese_form_in_english() -> None:
    with translation.override("en"):
        assert formats.number_format(Decimal("1234.5"), force_grouping=True) == "1.234,5"
    with translation.override("vi"):
        assert formats.number_format(Decimal("1234.5"), force_grouping=True) == "1.234,5"


def test_a_rank_is_written_before_the_name_without_a_comma() -> None:
    from phoihop.vn.names import person_name_with_title

    assert person_name_with_title(
        "Mai Xuân Thắng", rank="Thượng tá", position="Chính trị viên Ban CHQS TP Móng Cái"
    ) == "Thượng tá Mai Xuân Thắng, Chính trị viên Ban CHQS TP Móng Cái"
