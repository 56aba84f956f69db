from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from phoihop.agreements import access, selectors, services
from phoihop.agreements.forms import (
    AgreementForm,
    AgreementListFilterForm,
    ContentAreaFormSet,
    PartyFormSet,
    initial_areas,
    initial_parties,
    live_rows,
)
from phoihop.agreements.models import Agreement, Party
from phoihop.attachments.forms import AttachmentForm
from phoihop.attachments.views import attach_uploaded_file
from phoihop.core import versioning
from phoihop.core.access import SignedInRequest, rule
from phoihop.core.archiving import archive_or_restore
from phoihop.core.lists import list_page
from phoihop.core.views_util import (
    HtmxHttpRequest,
    add_errors,
    context_of,
)
from phoihop.core.widgets import autocomplete_response


@rule("authenticated")
def agreement_list(request: HtmxHttpRequest) -> HttpResponse:
    years = selectors.year_choices(user=request.user)
    filter_form = AgreementListFilterForm(
        request.GET, years=years, periods=selectors.period_choices(user=request.user)
    )
    filters = filter_form.filters()
    context = {
        "filters": filters,
        "years": years,
        "filter_form": filter_form,
        "can_create": access.can_create_agreement(request.user),
        "nav": "agreements",
        "querystring": request.GET.copy(),
    }
    rows = selectors.agreement_list(user=request.user, filters=filters)
    return list_page(request, "agreements/list.html", rows=rows, context=context)


@rule("authenticated")
def agreement_autocomplete(request: HttpRequest) -> HttpResponse:
    """Matches for an agreement choice box (contract: phoihop.core.widgets)."""
    found, more = selectors.agreement_autocomplete(user=request.user, query=request.GET.get("q", ""))
    return autocomplete_response(((a.pk, selectors.agreement_choice_label(a)) for a in found), more=more)


@rule("object")
def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    context = context_of(selectors.agreement_detail(user=request.user, pk=pk))
    context["attachment_form"] = AttachmentForm()
    context["nav"] = "agreements"
    return render(request, "agreements/detail.html", context)


def _form_page(request: SignedInRequest, agreement: Agreement | None) -> HttpResponse:
    """The one form that creates or edits an agreement with its parties and content areas."""
    linkable = selectors.linkable_agreements(user=request.user)
    if request.method == "POST":
        form = AgreementForm(request.POST, instance=agreement, linkable=linkable)
        parties = PartyFormSet(request.POST, prefix="parties")
        areas = ContentAreaFormSet(request.POST, prefix="areas")
        if form.is_valid() and parties.is_valid() and areas.is_valid():
            fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
            try:
                if agreement is None:
                    agreement = services.agreement_create(
                        actor=request.user, fields=fields,
                        parties=live_rows(parties), content_areas=live_rows(areas),
                    )
                    messages.success(request, _("Đã tạo văn bản phối hợp."))
                else:
                    services.agreement_update(
                        actor=request.user, agreement=agreement, fields=fields,
                        parties=live_rows(parties), content_areas=live_rows(areas),
                        expected_version=form.expected_version,
                    )
                    messages.success(request, _("Đã lưu thay đổi."))
                return redirect(agreement)
            except ValidationError as exc:
                add_errors(form, exc)
            except versioning.StaleEdit as exc:
                form.show_stale(exc)
    else:
        if agreement is None:
            form = AgreementForm(linkable=linkable)
            leads = access.lead_organizations_for(request.user)
            first_lead = leads.first() if leads.count() == 1 else None
            parties = PartyFormSet(
                prefix="parties",
                initial=[{"role": Party.Role.LEAD, "organization": first_lead.pk if first_lead else None},
                         {"role": Party.Role.COOPERATING}],
            )
            areas = ContentAreaFormSet(prefix="areas", initial=[{"number": 1}])
        else:
            form = AgreementForm(instance=agreement, linkable=linkable)
            parties = PartyFormSet(prefix="parties", initial=initial_parties(agreement))
            areas = ContentAreaFormSet(prefix="areas", initial=initial_areas(agreement))
    return render(
        request,
        "agreements/form.html",
        {"form": form, "parties": parties, "areas": areas, "agreement": agreement, "nav": "agreements"},
    )


@rule("authenticated")
def agreement_create(request: SignedInRequest) -> HttpResponse:
    if not access.can_create_agreement(request.user):
        raise PermissionDenied
    return _form_page(request, None)


@rule("object")
def agreement_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    agreement = access.get_agreement_for_user(request.user, pk, for_edit=True)
    return _form_page(request, agreement)


@rule("object")
@require_POST
def agreement_archive(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = access.get_agreement_for_user(request.user, pk, for_edit=True)
    return archive_or_restore(
        request,
        agreement,
        archive=partial(services.agreement_archive, agreement=agreement),
        restore=partial(services.agreement_restore, agreement=agreement),
        archived_message=_("Đã lưu trữ văn bản. Văn bản vẫn xem được trong mục lưu trữ."),
        restored_message=_("Đã khôi phục văn bản."),
    )


@rule("object")
@require_POST
def attachment_upload(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = access.get_agreement_for_user(request.user, pk, for_edit=True)
    return attach_uploaded_file(request, agreement)


@rule("object")
@require_POST
def review_flag_delete(request: SignedInRequest, pk: int) -> HttpResponse:
    """An editor has reviewed what changed under the agreement: clear the flag."""
    agreement = access.get_agreement_for_user(request.user, pk, for_edit=True)
    services.agreement_review_clear(actor=request.user, agreement=agreement)
    messages.success(request, _("Đã ghi nhận việc rà soát văn bản."))
    return redirect(agreement)
