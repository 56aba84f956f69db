"""Activities: the lists and records the activity pages show, and their writes as the pages make
them: recording a draft, changing it, sending it for approval, a leader's approval or return,
and a correction of an approved activity opened as a new revision; through the activities'
services and access rules."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field as F
from ninja import Query, Router, Schema, Status

from phoihop.activities import access, selectors, services
from phoihop.activities.forms import ActivityListFilterForm
from phoihop.activities.models import Activity
from phoihop.api import schemas
from phoihop.api.etags import claim_if_match, etag_of, not_modified
from phoihop.api.organizations import choice, ref
from phoihop.api.paging import form_data, key, unchanged
from phoihop.api.writes import audit_write, documented_body, read_body
from phoihop.core.access import SignedInRequest
from phoihop.orgs.models import Organization
from phoihop.plans import access as plan_access
from phoihop.plans.models import Indicator, Task

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


class ActivityPatch(Schema):
    """The fields to change of a draft or returned activity; what is left out stays as it is
    (``values`` and ``organizations``, when given, replace the whole list)."""

    title: str | None = F(None, min_length=1, max_length=500)
    start_date: datetime.date | None = None
    end_date: datetime.date | None = F(None, description="Empty: the start date")
    place_text: str | None = F(None, max_length=255)
    commune_code: int | None = F(None, ge=1, le=2**31 - 1)
    description: str | None = F(None, max_length=20000)
    participants: int | None = F(None, ge=0, le=2**31 - 1)
    organizations: list[schemas.Key] | None = F(None, min_length=1, max_length=50)
    values: list[schemas.ValueIn] | None = F(None, max_length=200)


class ReturnIn(Schema):
    note: str = F(
        "", max_length=5000, description="What is to be corrected (required; the author reads it)"
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
    audit_write(request, activity, what)


def _indicators(task: Task, wanted: list[int]) -> dict[int, Indicator]:
    """The indicators named for an activity of ``task``, among those its form offers (the task's
    own and its content area's). Any other is "no such indicator": its name may be one the
    caller does not see."""
    own = Q(task=task)
    if task.content_area_id:
        own |= Q(content_area_id=task.content_area_id)
    return {i.pk: i for i in Indicator.objects.active().filter(own, pk__in=wanted)}


def _refuse_unknown(*, indicators: bool, organizations: bool) -> None:
    errors = {}
    if indicators:
        errors["values"] = _("Không có chỉ tiêu này.")
    if organizations:
        errors["organizations"] = _("Không có cơ quan, đơn vị này.")
    if errors:
        raise ValidationError(errors)


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
    indicators = _indicators(task, [v.indicator for v in data.values])
    _refuse_unknown(
        indicators=any(v.indicator not in indicators for v in data.values),
        organizations=len(organizations) != len(set(chosen)),
    )
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


@router.patch(
    "/activities/{int:pk}",
    response={200: schemas.ActivityDetail, **schemas.WRITE_ERRORS},
    url_name="activity_update",
    summary="Change a draft or returned activity",
)
def activity_update(
    request: SignedInRequest, pk: int, data: ActivityPatch, response: HttpResponse
) -> Any:
    """As the edit page, by an officer of one of its organisers, while it is a draft or was
    returned; a submitted one is refused (422), an approved one is corrected by a revision
    (``POST /activities/{id}/reopen``). With ``If-Match`` it is refused (412) if the activity
    changed since it was read."""
    activity = access.get_activity_for_user(request.user, key(pk), for_edit=True)
    given = data.dict(exclude_unset=True)
    fields = {name: getattr(activity, name) for name in services.ACTIVITY_FIELDS}
    if activity.end_date == activity.start_date:
        fields["end_date"] = None  # a one-day activity stays one day when its date moves
    fields.update((n, v) for n, v in given.items() if n in services.ACTIVITY_FIELDS)
    if data.organizations is not None:
        chosen = set(data.organizations)
        organizations = list(Organization.objects.filter(pk__in=chosen))
    else:
        chosen = {o.pk for o in activity.organizations.all()}
        organizations = list(activity.organizations.all())
    if data.values is not None:
        wanted = [v.indicator for v in data.values]
        indicators = _indicators(activity.task, wanted)
        _refuse_unknown(
            indicators=any(i not in indicators for i in wanted),
            organizations=len(organizations) != len(chosen),
        )
        values = {indicators[v.indicator]: v.value for v in data.values}
    else:
        _refuse_unknown(indicators=False, organizations=len(organizations) != len(chosen))
        values = {v.indicator: v.value for v in activity.values.select_related("indicator")}
    with transaction.atomic():
        claim_if_match(request, activity)
        # The page's own save: the row locked and read again, the same checks and history.
        services.activity_save(
            actor=request.user,
            task=activity.task,
            activity=activity,
            fields=fields,
            organizations=organizations,
            values=values,
        )
        _audit_write(request, activity, "activity_update")
    return _answer(response, _detail(request, activity.pk))


def _reviewed(request: HttpRequest, pk: int) -> Activity:
    """The submission a leader acts on: 404 for whoever does not see it, 403 for whoever sees it
    but may not approve it (an officer, a superior body, a system administrator)."""
    activity = access.get_activity_for_user(request.user, key(pk))
    if not access.can_approve_activity(request.user, activity):
        raise PermissionDenied
    return activity


@router.post(
    "/activities/{int:pk}/approve",
    response={200: schemas.ActivityDetail, **schemas.WRITE_ERRORS},
    url_name="activity_approve",
    summary="Approve a submitted activity",
)
def activity_approve(request: SignedInRequest, pk: int, response: HttpResponse) -> Any:
    """By a leader of one of its organising organisations, as on the approvals page: its values
    now count towards the plan; a revision replaces the record it corrects."""
    activity = _reviewed(request, pk)
    with transaction.atomic():
        claim_if_match(request, activity)
        services.activity_approve(actor=request.user, activity=activity)
        _audit_write(request, activity, "activity_approve")
    return _answer(response, _detail(request, activity.pk))


@router.post(
    "/activities/{int:pk}/return",
    response={200: schemas.ActivityDetail, **schemas.WRITE_ERRORS},
    url_name="activity_return",
    summary="Return a submitted activity for correction",
    openapi_extra=documented_body(ReturnIn),
)
def activity_return(request: SignedInRequest, pk: int, response: HttpResponse) -> Any:
    """By a leader of one of its organising organisations, with a note of what to correct
    (``{"note": "…"}``); its authors are told."""
    activity = _reviewed(request, pk)
    data = read_body(request, ReturnIn)
    with transaction.atomic():
        claim_if_match(request, activity)
        try:
            services.activity_return(actor=request.user, activity=activity, note=data.note)
        except ValidationError as exc:
            if hasattr(exc, "error_dict") and "reviewer_note" in exc.error_dict:
                raise ValidationError({"note": exc.error_dict["reviewer_note"]}) from None
            raise
        _audit_write(request, activity, "activity_return")
    return _answer(response, _detail(request, activity.pk))


@router.post(
    "/activities/{int:pk}/reopen",
    response={201: schemas.ActivityDetail, **schemas.WRITE_ERRORS},
    url_name="activity_reopen",
    summary="Open a correction of an approved activity",
)
def activity_reopen(request: SignedInRequest, pk: int, response: HttpResponse) -> Any:
    """A new draft revision with the approved activity's content, by an officer of one of its
    organisers; the approved record keeps counting until the revision is approved. Change the
    revision with ``PATCH`` and send it with ``submit``."""
    activity = access.get_activity_for_user(request.user, key(pk))
    if not access.can_write_activity(request.user, activity):
        raise PermissionDenied
    with transaction.atomic():
        claim_if_match(request, activity)
        revision = services.activity_reopen(actor=request.user, activity=activity)
        _audit_write(request, revision, "activity_reopen")
    revision = _detail(request, revision.pk)
    response["Location"] = reverse("api:activity_detail", kwargs={"pk": revision.pk})
    return Status(201, _answer(response, revision))
