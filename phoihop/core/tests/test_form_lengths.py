"""No form accepts more text than the column it is saved to holds.

A text longer than its column is refused by PostgreSQL (SQLite stores it anyway), so a form
whose ``max_length`` is larger — or missing — turns a long entry into a server error. Every
ModelForm is checked against its model; every other form that takes text declares here the
models its fields are saved to, and a new one is not left out: the test asks for it."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.db import models

from phoihop.audit.tests.test_fuzz_forms import form_classes


def model(label: str) -> Any:
    return apps.get_model(label)


# Forms that are not ModelForms: the models their text fields are saved to, each with the
# columns named differently from the form's fields. Forms that save no text (filters, sign-in,
# one-time codes, passwords that are hashed) map to nothing.
SAVES_TO: dict[str, list[tuple[str, dict[str, str]]]] = {
    "accounts.AcceptForm": [("auth.User", {})],
    "accounts.ApiTokenForm": [("accounts.ApiToken", {})],
    "accounts.ChangePasswordForm": [],
    "accounts.InviteForm": [("accounts.Invitation", {})],
    "accounts.SetupForm": [],
    "accounts.SignInForm": [],
    "accounts.TokenForm": [],
    "activities.ActivityFilterForm": [],
    "activities.ActivityForm": [("activities.Activity", {}), ("core.IdempotencyKey", {"idempotency_key": "key"})],
    "agreements.AgreementListFilterForm": [],
    "agreements.ContentAreaForm": [("agreements.ContentArea", {})],
    "agreements.PartyForm": [
        ("agreements.Party", {}),
        # The signatory is recorded as an official with the title held that day.
        ("orgs.Person", {"signatory_name": "full_name", "signatory_rank": "rank", "signatory_position": "position"}),
        ("orgs.PersonTitle", {"signatory_rank": "rank", "signatory_position": "position"}),
    ],
    "agreements.RenewalForm": [],
    "attachments.AttachmentForm": [("attachments.Attachment", {})],
    "audit.AnonymiseForm": [],
    "audit.AuditFilterForm": [],
    "documents.ReserveNumberForm": [("documents.IssuedNumber", {})],
    "events.AttendeeForm": [("events.Attendee", {}), ("orgs.Person", {}), ("orgs.PersonTitle", {})],
    "events.EventListFilterForm": [],
    "exchange.AdHocReportForm": [("exchange.PeriodicReport", {})],
    "exchange.FollowUpForm": [("exchange.FollowUp", {})],
    "exchange.InspectionFilterForm": [],
    "exchange.InspectionForm": [("exchange.Inspection", {})],
    "exchange.RecommendationForm": [("exchange.Recommendation", {})],
    "exchange.ReportFilterForm": [],
    "exchange.ReportForm": [("exchange.PeriodicReport", {})],
    "exchange.ScheduleForm": [("exchange.ReportingSchedule", {})],
    "exchange._ListFilterForm": [],
    "notifications.PreferencesForm": [],
    "orgs.OrganizationForm": [("orgs.Organization", {})],
    "orgs.PersonForm": [("orgs.Person", {}), ("orgs.PersonTitle", {})],
    "orgs.SuccessionForm": [("orgs.Succession", {})],
    "orgs.SuccessionTransferForm": [],
    "plans.IndicatorForm": [("plans.Indicator", {})],
    "plans.PlanCreateForm": [("plans.AnnualPlan", {})],
    "reviews.CommendationForm": [("reviews.Commendation", {})],
    "reviews.CommendationOrganizationFilter": [],
    "reviews.CommendationRecordForm": [("reviews.Commendation", {})],
    "reviews.ContributionForm": [("reviews.Contribution", {})],
    "reviews.DecisionForm": [("reviews.Commendation", {})],
    "reviews.MovementForm": [("reviews.Movement", {})],
    "reviews.ReviewCreateForm": [("reviews.Review", {})],
    "reviews.ReviewFilterForm": [],
    "reviews.ReviewForm": [
        ("reviews.Review", {}),
        ("orgs.Person", {"signer_name": "full_name", "signer_position": "position"}),
        ("orgs.PersonTitle", {"signer_position": "position"}),
    ],
}


def short_name(cls: type) -> str:
    return f"{cls.__module__.split('.')[1]}.{cls.__name__}"


def text_fields(cls: type[forms.BaseForm]) -> dict[str, forms.CharField]:
    return {
        name: field for name, field in cls.base_fields.items()  # type: ignore[attr-defined]
        if isinstance(field, forms.CharField) and not isinstance(field.widget, forms.PasswordInput)
    }


def column(model_class: Any, name: str) -> tuple[str, int] | None:
    """The column's name and length when it is a text column of limited length."""
    try:
        field = model_class._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    if isinstance(field, models.CharField) and field.max_length:
        return field.name, field.max_length
    return None


def test_every_form_that_takes_text_says_where_it_is_saved() -> None:
    unknown = [
        short_name(cls) for cls in form_classes()
        if text_fields(cls) and not issubclass(cls, forms.BaseModelForm) and short_name(cls) not in SAVES_TO
    ]
    assert not unknown, f"add these forms to SAVES_TO (the models their text is saved to): {unknown}"


@pytest.mark.parametrize("cls", form_classes(), ids=short_name)
def test_no_text_field_is_longer_than_its_column(cls: type[forms.BaseForm]) -> None:
    targets = [(model(label), renamed) for label, renamed in SAVES_TO.get(short_name(cls), [])]
    if issubclass(cls, forms.BaseModelForm):
        targets.append((cls._meta.model, {}))  # type: ignore[attr-defined]
    too_long = []
    for name, field in text_fields(cls).items():
        for model_class, renamed in targets:
            target = column(model_class, renamed.get(name, name))
            if target is None:
                continue
            column_name, length = target
            if field.max_length is None or field.max_length > length:
                too_long.append(
                    f"{name}: form allows {field.max_length or 'any length'}, "
                    f"{model_class.__name__}.{column_name} holds {length}"
                )
    assert not too_long, too_long


def test_user_model_is_djangos() -> None:
    # AcceptForm's lengths are checked against auth.User; a custom user model must be named above.
    assert get_user_model()._meta.label == "auth.User"
