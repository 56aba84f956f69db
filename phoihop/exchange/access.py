"""Who sees and does what with periodic reports and inspections.

- Reports: officers of a party write and submit that party's reports. A submitted report is seen
  by whoever sees the agreement (every party, the bodies above them, system administrators); a
  draft only by members of the reporting party and system administrators.
- Inspections are seen like their agreement. They are recorded by officers of an organisation
  that is a party of the agreement or a body above a party (the inspecting side). Recommendations
  are added and closed by the inspecting organisations; follow-up is written by them or by the
  organisation responsible for the recommendation.
- Archiving (deleting): a draft report by officers of its party (a sent report never); an
  inspection, and restoring it, by officers of the inspecting organisations, who also edit open
  recommendations and add files (minutes, documents, photos). Files are seen like the inspection.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from phoihop.agreements.access import can_edit_agreement, visible_agreement_ids
from phoihop.exchange.models import Inspection, PeriodicReport, Recommendation
from phoihop.orgs.access import scope
from phoihop.orgs.models import Organization
from phoihop.orgs.tree import path_ids

if TYPE_CHECKING:
    from phoihop.agreements.models import Agreement
    from phoihop.core.access import AnyUser
    from phoihop.core.models import ActiveQuerySet

# --- the reporting schedule ---------------------------------------------------------------------


def can_edit_schedule(user: AnyUser, agreement: Agreement) -> bool:
    """The lead party fixes the reporting rhythm, as it edits the agreement."""
    return can_edit_agreement(user, agreement)


def reporting_org_ids(agreement: Agreement) -> list[int]:
    """The parties that owe reports: those named in the schedule, or every party."""
    schedule = getattr(agreement, "reporting_schedule", None)
    parties = [p.organization_id for p in agreement.parties.all()]
    if schedule is not None:
        named = [o.pk for o in schedule.reporters.all()]
        if named:
            return [org for org in parties if org in named]
    return parties


def writable_reporting_org_ids(user: AnyUser, agreement: Agreement) -> list[int]:
    """The reporting parties this user may write reports for."""
    s = scope(user)
    return [org for org in reporting_org_ids(agreement) if s.can_write_for(org)]


# --- periodic reports ---------------------------------------------------------------------------


def reports_filter(user: AnyUser) -> Q:
    s = scope(user)
    if s.is_system_admin:
        return Q()
    # A report's organisation is a party of its agreement, so the member's own drafts are under
    # agreements they see: one condition on the agreement, which PostgreSQL can estimate and
    # drive from (an OR of the two misled it into walking the whole list index nationally).
    return Q(agreement_id__in=visible_agreement_ids(user)) & (
        Q(status=PeriodicReport.Status.SUBMITTED) | Q(organization_id__in=list(s.roles))
    )


def visible_reports(user: AnyUser) -> ActiveQuerySet[PeriodicReport]:
    if not getattr(user, "is_authenticated", False):
        return PeriodicReport.objects.none()
    return PeriodicReport.objects.filter(reports_filter(user))


def can_write_report(user: AnyUser, report: PeriodicReport) -> bool:
    return scope(user).can_write_for(report.organization_id)


def can_open_report(user: AnyUser, report: PeriodicReport) -> bool:
    """Whether a report under an agreement the user sees opens for them (the schedule links it):
    a sent one for everyone, a draft for its party's members and system administrators."""
    s = scope(user)
    return report.is_submitted or s.is_system_admin or report.organization_id in s.roles


def get_report_for_user(user: AnyUser, pk: int, *, for_edit: bool = False) -> PeriodicReport:
    report = (
        visible_reports(user)
        .select_related("agreement", "organization", "submitted_by", "created_by")
        .filter(pk=pk)
        .first()
    )
    if report is None:
        raise Http404
    if for_edit and not can_write_report(user, report):
        raise PermissionDenied
    return report


def reader_org_id(user: AnyUser, report: PeriodicReport) -> int | None:
    """The party of the agreement on whose behalf ``user`` reads ``report``: one of their own
    organisations that is a party other than the reporting one; None when they read as the
    author, a superior body or a system administrator."""
    s = scope(user)
    for party in report.agreement.parties.all():
        if party.organization_id != report.organization_id and party.organization_id in s.roles:
            return int(party.organization_id)
    return None


# --- inspections --------------------------------------------------------------------------------


def visible_inspections(user: AnyUser) -> ActiveQuerySet[Inspection]:
    if not getattr(user, "is_authenticated", False):
        return Inspection.objects.none()
    if scope(user).is_system_admin:
        return Inspection.objects.all()
    return Inspection.objects.filter(agreement_id__in=visible_agreement_ids(user))


def inspecting_org_ids_for(user: AnyUser, agreement: Agreement) -> list[int]:
    """The organisations this user may record an inspection for under ``agreement``: ones they
    write for that are a party or a body above a party. System administrators: the parties."""
    s = scope(user)
    parties = {p.organization_id for p in agreement.parties.all()}
    if s.is_system_admin:
        return sorted(parties)
    # A writer organisation qualifies when some party's path passes through it.
    party_paths = Organization.objects.filter(pk__in=parties).values_list("path", flat=True)
    writers = s.writer_org_ids
    return sorted({pk for path in party_paths for pk in path_ids(path) if pk in writers})


def can_record_inspection(user: AnyUser, agreement: Agreement) -> bool:
    return bool(inspecting_org_ids_for(user, agreement))


def can_edit_inspection(user: AnyUser, inspection: Inspection) -> bool:
    s = scope(user)
    return any(s.can_write_for(org.pk) for org in inspection.inspecting.all())


def can_follow_up(user: AnyUser, recommendation: Recommendation) -> bool:
    return can_edit_inspection(user, recommendation.inspection) or scope(user).can_write_for(
        recommendation.responsible_id
    )


def get_inspection_for_user(user: AnyUser, pk: int, *, for_edit: bool = False) -> Inspection:
    inspection = (
        visible_inspections(user)
        .select_related("agreement", "created_by")
        .prefetch_related("inspecting", "inspected", "agreement__parties")
        .filter(pk=pk)
        .first()
    )
    if inspection is None:
        raise Http404
    if for_edit and not can_edit_inspection(user, inspection):
        raise PermissionDenied
    return inspection


def get_recommendation_for_user(
    user: AnyUser, pk: int, *, for_edit: bool = False, for_follow_up: bool = False
) -> Recommendation:
    """``for_edit``: the inspecting side (add, close); ``for_follow_up``: it or the responsible
    organisation."""
    recommendation = (
        Recommendation.objects.filter(inspection__in=visible_inspections(user))
        .select_related("inspection__agreement", "responsible")
        .prefetch_related("inspection__inspecting")
        .filter(pk=pk)
        .first()
    )
    if recommendation is None:
        raise Http404
    if for_edit and not can_edit_inspection(user, recommendation.inspection):
        raise PermissionDenied
    if for_follow_up and not can_follow_up(user, recommendation):
        raise PermissionDenied
    return recommendation
