from __future__ import annotations

from functools import partial
from typing import Any, TypedDict

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from phoihop.agreements.models import Agreement
from phoihop.attachments.forms import AttachmentForm
from phoihop.attachments.views import attach_uploaded_file
from phoihop.core import versioning
from phoihop.core.access import SignedInRequest, rule
from phoihop.core.archiving import archive_or_restore
from phoihop.core.lists import list_page
from phoihop.core.panels import panel_response
from phoihop.core.views_util import (
    HtmxHttpRequest,
    add_errors,
    context_of,
)
from phoihop.events import access, selectors, services
from phoihop.events.forms import (
    AttendeeFormSet,
    EventForm,
    EventListFilterForm,
    attendee_rows,
    initial_attendees,
)
from phoihop.events.models import Event
from phoihop.orgs.models import Organization


class _EventInput(TypedDict):
    """The keyword arguments event_create and event_update take from the form."""

    fields: dict[str, Any]
    organizations: list[Organization]
    agreements: list[Agreement]
    attendees: list[services.AttendeeInput]


@rule("authenticated")
def event_list(request: HtmxHttpRequest) -> HttpResponse:
    years = selectors.year_choices(user=request.user)
    filter_form = EventListFilterForm(request.GET, years=years)
    filters = filter_form.filters()
    context = {
        "filters": filters,
        "years": years,
        "filter_form": filter_form,
        "can_create": access.can_create_event(request.user),
        "nav": "events",
    }
    rows = selectors.event_list(user=request.user, filters=filters)
    return list_page(request, "events/list.html", rows=rows, context=context)


@rule("object")
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    context = context_of(selectors.event_detail(user=request.user, pk=pk))
    context["attachment_form"] = AttachmentForm(initial={"kind": "photo"})
    context["nav"] = "events"
    return render(request, "events/detail.html", context)


def _form_page(request: SignedInRequest, event: Event | None) -> HttpResponse:
    """The one form that records or edits an event with its attendees."""
    choices = {
        "hosts": selectors.host_choices(user=request.user, event=event),
        "agreements": selectors.linkable_agreements(user=request.user, event=event),
    }
    if request.method == "POST":
        form = EventForm(request.POST, instance=event, **choices)
        attendees = AttendeeFormSet(request.POST, prefix="attendees")
        if form.is_valid() and attendees.is_valid():
            d = form.cleaned_data
            rows: _EventInput = {
                "fields": form.event_fields(),
                "organizations": list(d["organizations"]),
                "agreements": list(d["agreements"]),
                "attendees": attendee_rows(attendees),
            }
            try:
                if event is None:
                    event = services.event_create(actor=request.user, **rows)
                    messages.success(request, _("Đã ghi nhận hội nghị, sự kiện."))
                else:
                    services.event_update(
                        actor=request.user, event=event, expected_version=form.expected_version, **rows
                    )
                    messages.success(request, _("Đã lưu thay đổi."))
                return redirect(event)
            except ValidationError as exc:
                add_errors(form, exc)
            except versioning.StaleEdit as exc:
                form.show_stale(exc)
    elif event is None:
        hosts = choices["hosts"]
        only_host = hosts.first() if hosts.count() == 1 else None
        form = EventForm(
            initial={"kind": Event.Kind.SIGNING, "host": only_host.pk if only_host else None},
            **choices,
        )
        attendees = AttendeeFormSet(prefix="attendees", initial=[{}])
    else:
        form = EventForm(instance=event, **choices)
        attendees = AttendeeFormSet(prefix="attendees", initial=initial_attendees(event))
    return render(
        request,
        "events/form.html",
        {"form": form, "attendees": attendees, "event": event, "nav": "events"},
    )


@rule("authenticated")
def event_create(request: SignedInRequest) -> HttpResponse:
    if not access.can_create_event(request.user):
        raise PermissionDenied
    return _form_page(request, None)


@rule("object")
def event_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    event = access.get_event_for_user(request.user, pk, for_edit=True)
    return _form_page(request, event)


@rule("object")
@require_POST
def event_archive(request: HttpRequest, pk: int) -> HttpResponse:
    event = access.get_event_for_user(request.user, pk, for_edit=True)
    return archive_or_restore(
        request,
        event,
        archive=partial(services.event_archive, event=event),
        restore=partial(services.event_restore, event=event),
        archived_message=_("Đã lưu trữ hội nghị, sự kiện. Bản ghi vẫn xem được trong mục lưu trữ."),
        restored_message=_("Đã khôi phục hội nghị, sự kiện."),
    )


@rule("object")
@require_POST
def attachment_upload(request: HttpRequest, pk: int) -> HttpResponse:
    event = access.get_event_for_user(request.user, pk, for_edit=True)
    return attach_uploaded_file(request, event)


@rule("object")
def agreement_panel(request: HttpRequest, pk: int) -> HttpResponse:
    """The events of agreement ``pk``, a panel of the agreement page."""
    found = selectors.agreement_panel(user=request.user, pk=pk)
    agreement = found.agreement
    context = context_of(found)
    context["nav"] = "agreements"
    return panel_response(
        request, "events/agreement_panel.html", context, title=_("Hội nghị, sự kiện"),
        back_url=agreement.get_absolute_url(), back_label=agreement.number_symbol or agreement.title,
    )
