"""The scale generator: the shapes of a tiny province and the benchmark's users."""

from __future__ import annotations

from collections.abc import Iterator
from io import StringIO
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count, F

from phoihop.activities.models import Activity
from phoihop.agreements import access as agreement_access
from phoihop.agreements.models import Agreement, Party
from phoihop.exchange.models import Inspection, PeriodicReport
from phoihop.orgs import access as org_access
from phoihop.orgs.models import Membership, Organization, Succession
from phoihop.reviews.models import Review
from phoihop.scale.generator import BENCH_PASSWORD
from phoihop.scale.models import ScaleDataset


@pytest.fixture(scope="module")
def generated(django_db_setup: Any, django_db_blocker: Any) -> Iterator[dict[str, str]]:
    """One tiny province for the whole module, rolled back at its end."""
    out, err = StringIO(), StringIO()
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("generate_scale", "--provinces", "1", "--units", "2", "--seed", "3", "--force", stdout=out,
                     stderr=err)
        yield {"out": out.getvalue(), "err": err.getvalue()}
        transaction.set_rollback(True)


@pytest.fixture
def tiny(generated: dict[str, str], db: Any) -> dict[str, str]:
    return generated


def test_it_gives_every_agreement_two_to_six_parties_and_three_to_eight_content_areas(tiny: dict[str, str]) -> None:
    shapes = Agreement.objects.annotate(
        parties_n=Count("parties", distinct=True), areas_n=Count("content_areas", distinct=True)
    )
    assert shapes.count() > 60
    assert not shapes.exclude(parties_n__range=(2, 6)).exists()
    assert not shapes.exclude(areas_n__range=(3, 8)).exists()
    assert {s for s in Agreement.objects.values_list("status", flat=True)} >= {
        "in_force", "expired", "superseded", "draft",
    }
    assert Agreement.objects.filter(renews__isnull=False).exists()
    assert set(Party.objects.values_list("role", flat=True)) == {"lead", "cooperating"}


def test_it_approves_about_nine_activities_in_ten_and_makes_some_joint(tiny: dict[str, str]) -> None:
    total = Activity.objects.count()
    approved = Activity.objects.filter(status=Activity.Status.APPROVED).count()
    assert total > 1000
    assert 0.85 <= approved / total <= 0.95
    assert Activity.objects.filter(status__in=["draft", "submitted", "returned"]).count() > 0
    joint = Activity.objects.annotate(n=Count("organizations")).filter(n=2).count()
    assert 0.1 <= joint / total <= 0.3
    assert not Activity.objects.filter(end_date__lt=F("start_date")).exists()


def test_it_keeps_the_district_bodies_as_history_with_their_successors(tiny: dict[str, str]) -> None:
    districts = Organization.objects.filter(level=Organization.Level.DISTRICT)
    assert districts.exists()
    assert not districts.filter(valid_to__isnull=True).exists()
    ended = Succession.objects.filter(predecessors__level=Organization.Level.DISTRICT).distinct()
    assert ended.count() >= 8
    assert not ended.filter(successors__isnull=True).exists()


def test_it_writes_reports_late_and_on_time_inspections_and_a_province_wide_review(tiny: dict[str, str]) -> None:
    submitted = PeriodicReport.objects.filter(status=PeriodicReport.Status.SUBMITTED)
    late = [r for r in submitted if r.is_late]
    assert submitted.count() > 50
    assert 0 < len(late) < submitted.count() / 4
    assert Inspection.objects.annotate(n=Count("recommendations")).filter(n__gte=1).exists()
    widest = Review.objects.annotate(n=Count("agreements")).order_by("-n").first()
    assert widest is not None and widest.n == 24
    assert Review.objects.annotate(n=Count("agreements")).filter(n=1).exists()


def test_it_makes_the_benchmark_users_with_the_roles_they_need(tiny: dict[str, str]) -> None:
    User = get_user_model()
    officer = User.objects.get(username="bench_officer")
    leader = User.objects.get(username="bench_leader")
    admin = User.objects.get(username="bench_admin")
    assert officer.check_password(BENCH_PASSWORD)

    unit = Membership.objects.get(user=officer, role=Membership.Role.OFFICER).organization
    assert unit.level == Organization.Level.COMMUNE
    # The benchmark's organisation administrator runs the officer's body (its audit log).
    orgadmin = User.objects.get(username="bench_orgadmin")
    assert list(Membership.objects.filter(user=orgadmin).values_list("organization", "role")) == [
        (unit.pk, Membership.Role.ADMIN)
    ]
    mine = Agreement.objects.filter(parties__organization=unit)
    assert mine.count() >= 8
    assert Activity.objects.filter(task__plan__agreement__in=mine).count() > 100
    assert PeriodicReport.objects.filter(organization=unit).exists()

    root = Membership.objects.get(user=leader, role=Membership.Role.LEADER).organization
    assert root.parent_id is None and root.level == Organization.Level.PROVINCE
    assert agreement_access.visible_agreements(leader).count() == Agreement.objects.count()
    assert org_access.scope(leader).visible_orgs().count() == Organization.objects.count()
    assert agreement_access.visible_agreements(officer).count() == mine.count()

    assert admin.is_staff and not Membership.objects.filter(user=admin).exists()


def test_it_records_the_dataset_shows_progress_and_refuses_a_second_run(tiny: dict[str, str]) -> None:
    dataset = ScaleDataset.objects.get()
    assert dataset.completed and (dataset.provinces, dataset.units, dataset.seed) == (1, 2, 3)
    assert dataset.counts["activities.activity"] == Activity.objects.count()
    assert "activities" in tiny["err"] and "rows/s" in tiny["err"] and "/" in tiny["err"]
    assert "bench_leader" in tiny["out"]
    with pytest.raises(CommandError, match="--reset"):
        call_command("generate_scale", "--provinces", "1", "--units", "2", "--force", stdout=StringIO(),
                     stderr=StringIO())
