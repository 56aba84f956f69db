"""Reading the audit trail."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.utils import timezone

from phoihop.audit.access import audit_admin_org_ids, visible_audit_events
from phoihop.audit.models import AuditEvent
from phoihop.core.db import vi
from phoihop.orgs.access import scope
from phoihop.orgs.models import Organization

if TYPE_CHECKING:
    from phoihop.core.access import AnyUser


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def audit_log(*, user: AnyUser, filters: Mapping[str, object]) -> QuerySet[AuditEvent]:
    """The events the user may read, filtered; one query per page whatever the rows."""
    # The page shows the labels kept on the row: no joins needed whatever the rows.
    events = visible_audit_events(user)
    if filters.get("action"):
        events = events.filter(action=filters["action"])
    if filters.get("user"):
        name = filters["user"]
        events = events.filter(Q(actor_label__icontains=name) | Q(subject_user__username__icontains=name))
    organization = filters.get("organization")
    if isinstance(organization, Organization | int) and organization:  # the form's choice, or its key
        events = events.filter(organization=organization)
    date_from, date_to = filters.get("date_from"), filters.get("date_to")
    if isinstance(date_from, datetime.date):
        events = events.filter(at__gte=_start_of(date_from))
    if isinstance(date_to, datetime.date):
        events = events.filter(at__lt=_start_of(date_to + datetime.timedelta(days=1)))
    return events.order_by("-at", "-id")


def organization_filter_options(*, user: AnyUser) -> QuerySet[Organization]:
    """The organisations the reader may filter the log by: the whole registry for a system
    administrator (found by typing), their own administered organisations otherwise."""
    if scope(user).is_system_admin:
        return Organization.objects.all()
    return Organization.objects.filter(pk__in=audit_admin_org_ids(user)).order_by(vi("name"))
