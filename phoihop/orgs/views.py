"""Pages of the registry: organisations, their tree and successions, and people."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from phoihop.core import versioning
from phoihop.core.access import SignedInRequest, rule
from phoihop.core.archiving import archive_or_restore
from phoihop.core.lists import list_page
from phoihop.core.views_util import HtmxHttpRequest, add_errors, context_of, int_or_none
from phoihop.core.widgets import autocomplete_response, autocomplete_results
from phoihop.orgs import access, selectors, services
from phoihop.orgs.access import can_administer_org
from phoihop.orgs.forms import (
    OrganizationForm,
    OrganizationListFilterForm,
    PersonForm,
    PersonListFilterForm,
    PersonOrganizationFilter,
)
from phoihop.orgs.localities import communes_of, provinces
from phoihop.orgs.models import Organization, Person

STATES = {"current", "ended"}


# --- organisations ----------------------------------------------------------------------------


@rule("authenticated")
def organization_list(request: HtmxHttpRequest) -> HttpResponse:
    filter_form = OrganizationListFilterForm(request.GET)
    filters = filter_form.filters()
    parent_id = filters["parent"]
    context = {
        "filters": filters,
        "filter_form": filter_form,
        "parent": selectors.organization_brief(pk=parent_id) if parent_id else None,
        "can_create": access.can_manage_registry(request.user),
        "nav": "orgs",
    }
    return list_page(request, "orgs/list.html", rows=selectors.organization_list(filters=filters), context=context)


@rule("authenticated")
def organization_tree(request: HttpRequest) -> HttpResponse:
    """The tree, top level first with the branches to the user's own organisations open; other
    branches open on demand (organization_tree_children)."""
    return render(
        request,
        "orgs/tree.html",
        {
            "level": selectors.organization_tree(user=request.user),
            "can_create": access.can_manage_registry(request.user),
            "nav": "orgs",
        },
    )


@rule("authenticated")
@require_GET
def organization_tree_children(request: HttpRequest) -> HttpResponse:
    """One level of the tree as list items (HTMX): the children of ``?parent=`` (the top level
    without it) from ``?offset=``, at most selectors.TREE_PAGE, then a "xem thêm" item."""
    raw_parent = request.GET.get("parent")
    parent_id = int_or_none(raw_parent)
    if raw_parent and parent_id is None:
        raise Http404
    try:
        level = selectors.organization_tree_level(
            parent_id=parent_id, offset=int_or_none(request.GET.get("offset")) or 0
        )
    except Organization.DoesNotExist:
        raise Http404 from None
    return render(request, "orgs/tree.html#level", {"level": level})


@rule("authenticated")
@require_GET
def organization_autocomplete(request: HttpRequest) -> HttpResponse:
    """Organisations for a search-as-you-type choice (``AutocompleteSelect``), following the
    endpoint contract in phoihop.core.widgets: ``?q=`` folded words, at most 20 results as
    ``{"results": [{"id", "text"}], "more"}``; ``?scope=visible`` keeps only the user's own
    organisations and those below them."""
    qs = selectors.organization_autocomplete(
        user=request.user,
        query=request.GET.get("q", "")[:200],
        visible_only=request.GET.get("scope") == "visible",
    )
    rows, more = autocomplete_results(qs)
    return autocomplete_response(((o.pk, o.name) for o in rows), more=more)


@rule("object")
def organization_detail(request: HttpRequest, pk: int) -> HttpResponse:
    context = context_of(selectors.organization_detail(user=request.user, pk=pk))
    context["can_add_person"] = access.can_add_person_to(request.user, pk)
    context["can_manage_members"] = can_administer_org(request.user, pk)
    context["nav"] = "orgs"
    return render(request, "orgs/detail.html", context)


def _organization_form_page(
    request: SignedInRequest, organization: Organization | None
) -> HttpResponse:
    if request.method == "POST":
        form = OrganizationForm(request.POST, instance=organization)
        if form.is_valid():
            try:
                if organization is None:
                    organization = services.organization_create(
                        actor=request.user, fields=form.values()
                    )
                    messages.success(request, _("Đã thêm cơ quan, đơn vị."))
                else:
                    services.organization_update(
                        actor=request.user, organization=organization, fields=form.values(),
                        expected_version=form.expected_version,
                    )
                    messages.success(request, _("Đã lưu thay đổi."))
                return redirect(organization)
            except ValidationError as exc:
                add_errors(form, exc)
                if organization is not None:
                    organization.refresh_from_db()  # the service set the typed values on it
            except versioning.StaleEdit as exc:
                form.show_stale(exc)
                if organization is not None:
                    organization.refresh_from_db()
    else:
        form = OrganizationForm(instance=organization)
    return render(
        request,
        "orgs/form.html",
        {
            "form": form,
            "organization": organization,
            "communes": form.commune_options(),
            "selected_commune": form.selected_commune(),
            "nav": "orgs",
        },
    )


@rule("staff")
def organization_create(request: SignedInRequest) -> HttpResponse:
    return _organization_form_page(request, None)


@rule("object")
def organization_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    organization = access.get_organization_for_user(request.user, pk, for_edit=True)
    return _organization_form_page(request, organization)


@rule("object")
@require_POST
def organization_archive(request: HttpRequest, pk: int) -> HttpResponse:
    organization = access.get_organization_for_user(request.user, pk, for_edit=True)
    return archive_or_restore(
        request,
        organization,
        archive=partial(services.organization_archive, organization=organization),
        restore=partial(services.organization_restore, organization=organization),
        archived_message=_("Đã lưu trữ cơ quan, đơn vị. Đơn vị vẫn xem được trong mục lưu trữ."),
        restored_message=_("Đã khôi phục cơ quan, đơn vị."),
    )


@rule("authenticated")
@require_GET
def commune_options(request: HttpRequest) -> HttpResponse:
    """The communes of one province, as <option>s for the organisation form's commune select."""
    province = int_or_none(request.GET.get("province_code"))
    return render(
        request,
        "orgs/form.html#commune_options",
        {
            "communes": communes_of(province) if province in provinces() else [],
            "selected_commune": None,
        },
    )


# --- people -----------------------------------------------------------------------------------


@rule("authenticated")
def person_list(request: HtmxHttpRequest) -> HttpResponse:
    filter_form = PersonListFilterForm(request.GET)
    filters = filter_form.filters()
    context = {
        "filters": filters,
        "filter_form": filter_form,
        "org_filter": PersonOrganizationFilter(
            {"organization": filters["organization"]},
            organizations=selectors.people_organizations(user=request.user),
        ),
        "can_create": access.can_create_person(request.user),
        "nav": "people",
    }
    rows = selectors.people_list(user=request.user, filters=filters)
    return list_page(request, "orgs/person_list.html", rows=rows, context=context)


@rule("object")
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    context = context_of(selectors.person_detail(user=request.user, pk=pk))
    context["nav"] = "people"
    return render(request, "orgs/person_detail.html", context)


def _person_form_page(request: SignedInRequest, person: Person | None) -> HttpResponse:
    if request.method == "POST":
        form = PersonForm(request.POST, user=request.user, instance=person)
        if form.is_valid():
            try:
                if person is None:
                    person = services.person_create(actor=request.user, **form.values())
                    messages.success(request, _("Đã thêm cán bộ."))
                else:
                    services.person_update(
                        actor=request.user, person=person, expected_version=form.expected_version,
                        **form.values(),
                    )
                    messages.success(request, _("Đã lưu thay đổi."))
                return redirect(person)
            except ValidationError as exc:
                add_errors(form, exc)
                if person is not None:
                    person.refresh_from_db()
            except versioning.StaleEdit as exc:
                form.show_stale(exc)
                if person is not None:
                    person.refresh_from_db()
    else:
        # A new person may start in the organisation whose page the user came from.
        extra = (
            {}
            if person
            else {"initial": {"organization": int_or_none(request.GET.get("organization"))}}
        )
        form = PersonForm(user=request.user, instance=person, **extra)
    return render(
        request, "orgs/person_form.html", {"form": form, "person": person, "nav": "people"}
    )


@rule("authenticated")
def person_create(request: SignedInRequest) -> HttpResponse:
    if not access.can_create_person(request.user):
        raise PermissionDenied
    return _person_form_page(request, None)


@rule("object")
def person_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    person = access.get_person_for_user(request.user, pk, for_edit=True)
    return _person_form_page(request, person)


@rule("object")
@require_POST
def person_archive(request: HttpRequest, pk: int) -> HttpResponse:
    person = access.get_person_for_user(request.user, pk, for_edit=True)
    return archive_or_restore(
        request,
        person,
        archive=partial(services.person_archive, person=person),
        restore=partial(services.person_restore, person=person),
        archived_message=_("Đã lưu trữ hồ sơ cán bộ. Hồ sơ vẫn được giữ trong lịch sử."),
        restored_message=_("Đã khôi phục hồ sơ cán bộ."),
    )
