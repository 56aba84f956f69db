"""Activities: the lists and records the activity pages show, and the first writes: recording a
draft and sending it for approval, through the activities' services and access rules."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field as F
from ninja import Query, Router, Schema, Status

from phoihop.activities import access, selectors, services
from phoihop.activities.forms import ActivityListFilterForm
from phoihop.activities.models import Activity
from phoihop.api import schemas
from phoihop.api.auth import token_of
from phoihop.api.etags import claim_if_match, etag_of, not_modified
from phoihop.api.organizations import choice, ref
from phoihop.api.paging import form_data, key, unchanged
from phoihop.audit.models import AuditEvent
from phoihop.audit.services import record
from phoihop.core.access import SignedInRequest
from phoihop.orgs.models import Organization
from phoihop.plans import access as plan_access
from phoihop.plans.models import Indicator

router = Router(tags=["activities"])


class ActivityFilters(Schema):
    q: str = F("", max_length=200, pattern=schemas.NO_NUL, description="Words of the title")
    agreement: schemas.Key | None = None
    plan: schemas.Key | None = None
    task: schemas.Key | None = None
    party: schemas.Key | None = F(None, description="An organising party")
    area: schemas.Key | None = F(None, description="A content area")
    year: int | None = F(None, ge=1901, le=2199)
    month: int | None = F(None, ge=1, le=12, description="With year only")
    status: Activity.Status | None = None
    archived: bool = False
    limit: int = F(selectors.PAGE_SIZE, ge=1, le=100)
    after: str | None = F(
        None, max_length=40, pattern=schemas.NO_NUL, description="next_cursor of the page before"
    )
    before: str | None = F(
        None, max_length=40, pattern=schemas.NO_NUL, description="previous_cursor of the page after"
    )


def activity_out(a: Activity) -> dict[str, Any]:
    task = a.task
    return {
        "id": a.pk,
        "title": a.title,
        "status": choice(a, "status"),
        "start_date": a.start_date,
        "end_date": a.end_date,
        "place_text": a.place_text,
        "commune_code": a.commune_code,
        "participants": a.participants,
        "agreement_id": a.agreement_id,
        "archived": a.is_archived,
        "task": {
            "id": task.pk,
            "number": task.number,
            "title": task.title,
            "plan_id": task.plan_id,
            "year": task.plan.year,
        },
        "organizations": [ref(o) for o in a.organizations.all()],
        "values": [
            {
                "indicator_id": v.indicator_id,
                "name": v.indicator.name,
                "unit": v.indicator.get_unit_display(),
                "value": v.value,
            }
            for v in a.values.all()
        ],
    }


def activity_detail_out(a: Activity) -> dict[str, Any]:
    return {
        **activity_out(a),
        "description": a.description,
        "reviewer_note": a.reviewer_note,
        "revision": a.revision,
        "revises_id": a.revises_id,
        "submitted_at": a.submitted_at,
        "approved_at": a.approved_at,
        "version": a.version,
    }


def _detail(request: HttpRequest, pk: int) -> Activity:
    return selectors.activity_record(user=request.user, pk=pk)


def _answer(response: HttpResponse, activity: Activity) -> dict[str, Any]:
    response["ETag"] = etag_of(activity)
    return activity_detail_out(activity)


def _audit_write(request: HttpRequest, activity: Activity, what: str) -> None:
    """Every write made with a token is in the audit log (the day's first use is, too)."""
    token = token_of(request)
    if token is not None:
        record(
            AuditEvent.Action.API_WRITE,
            obj=activity,
            actor=request.user,
            detail=f"{what} — {token.name} ({token.prefix}…)",
        )


@router.get(
    "/activities",
    response={200: schemas.ActivityPage, **schemas.ERRORS},
    url_name="activity_list",
    summary="List activities",
)
def activity_list(request: HttpRequest, filters: Query[ActivityFilters]) -> dict[str, Any]:
    """The activities you see, newest first, filtered as on the activity list; pages are
    reached by cursor (``after`` / ``before``)."""
    found = ActivityListFilterForm(form_data(filters)).filters()
    page = selectors.keyset_page(
        selectors.activity_list(user=request.user, filters=found),
        after=filters.after,
        before=filters.before,
        size=filters.limit,
    )
    return {
        "count": page.count,
        "count_capped": page.count_capped,
        "next_cursor": page.next_cursor,
        "previous_cursor": page.previous_cursor,
        "items": [activity_out(a) for a in page.object_list],
    }


@router.post(
    "/activities",
    response={201: schemas.ActivityDetail, **schemas.ERRORS},
    url_name="activity_create",
    summary="Record an activity as a draft",
)
def activity_create(
    request: SignedInRequest, data: schemas.ActivityIn, response: HttpResponse
) -> Any:
    """An activity of a task you may record activities for (an officer of one of the agreement's
    parties), as a draft; send it for approval with ``POST /activities/{id}/submit``."""
    task = plan_access.get_task_for_user(request.user, data.task)
    if not access.can_record_activity(request.user, task):
        raise PermissionDenied
    party_ids = [p.organization_id for p in task.plan.agreement.parties.all()]
    chosen = data.organizations or access.own_organizing_org_ids(request.user, party_ids)
    organizations = list(Organization.objects.filter(pk__in=chosen))
    # Only the task's own indicators: another task's is "no such indicator", as its name may be
    # one the caller does not see.
    indicators = {
        i.pk: i
        for i in Indicator.objects.filter(task=task, pk__in=[v.indicator for v in data.values])
    }
    missing = [v.indicator for v in data.values if v.indicator not in indicators]
    if missing or len(organizations) != len(set(chosen)):
        errors = {}
        if missing:
            errors["values"] = _("Không có chỉ tiêu này.")
        if len(organizations) != len(set(chosen)):
            errors["organizations"] = _("Không có cơ quan, đơn vị này.")
        raise ValidationError(errors)
    fields = data.dict(
        include={
            "title",
            "start_date",
            "end_date",
            "place_text",
            "commune_code",
            "description",
            "participants",
        }
    )
    with transaction.atomic():
        activity = services.activity_create(
            actor=request.user,
            task=task,
            fields=fields,
            organizations=organizations,
            values={indicators[v.indicator]: v.value for v in data.values},
        )
        _audit_write(request, activity, "activity_create")
    activity = _detail(request, activity.pk)
    response["Location"] = reverse("api:activity_detail", kwargs={"pk": activity.pk})
    return Status(201, _answer(response, activity))


@router.get(
    "/activities/{int:pk}",
    response={200: schemas.ActivityDetail, **schemas.READ_ERRORS},
    url_name="activity_detail",
    summary="One activity",
)
def activity_detail(request: HttpRequest, pk: int, response: HttpResponse) -> Any:
    activity = _detail(request, key(pk))
    if not_modified(request, activity):
        return unchanged(activity)
    return _answer(response, activity)


@router.post(
    "/activities/{int:pk}/submit",
    response={200: schemas.ActivityDetail, **schemas.WRITE_ERRORS},
    url_name="activity_submit",
    summary="Send an activity for approval",
)
def activity_submit(request: SignedInRequest, pk: int, response: HttpResponse) -> Any:
    """A draft or returned activity goes to its organisations' leaders for approval. With
    ``If-Match`` (the activity's ETag) it is refused with 412 if the activity changed since."""
    activity = access.get_activity_for_user(request.user, key(pk), for_edit=True)
    with transaction.atomic():
        claim_if_match(request, activity)
        services.activity_submit(actor=request.user, activity=activity)
        _audit_write(request, activity, "activity_submit")
    return _answer(response, _detail(request, activity.pk))
