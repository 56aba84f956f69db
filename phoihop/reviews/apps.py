from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.apps import AppConfig

if TYPE_CHECKING:
    from phoihop.core.access import AnyUser
    from phoihop.documents.renditions import Source
    from phoihop.orgs.models import Organization
    from phoihop.reviews.models import Review


class ReviewsConfig(AppConfig):
    name = "phoihop.reviews"

    def ready(self) -> None:
        from phoihop.attachments.access import register_owner
        from phoihop.documents.renditions import register_source
        from phoihop.documents.services import register_date_rule
        from phoihop.documents.signatures import SignedRecord, register_signed_record
        from phoihop.reviews.models import Review

        register_owner(Review, _attachments_check)
        register_signed_record(Review, SignedRecord(get_for_edit=_get_for_edit, can_edit=_can_edit))
        register_date_rule(Review, _date_errors)
        register_source("review_report", lambda: _review_pdf(commendations=False))
        register_source("commendations", lambda: _review_pdf(commendations=True))
        register_source("commendation_decision", lambda: _commendation_pdf("decision"))
        register_source("commendation_submission", lambda: _commendation_pdf("submission"))
        from django.db.models.signals import post_save

        from phoihop.orgs.models import Organization

        post_save.connect(_organization_saved, sender=Organization, dispatch_uid="reviews_commendation_sort")


def _organization_saved(
    sender: type[Organization], instance: Organization, created: bool, update_fields: frozenset[str] | None = None, **kwargs: object
) -> None:
    """A renamed organisation's commendations take its new filing name (their list's order)."""
    if created or (update_fields is not None and "sort_name" not in update_fields):
        return
    from phoihop.reviews.services import commendation_sort_refresh

    commendation_sort_refresh(organization=instance)


def _attachments_check(user: AnyUser, pk: int, for_edit: bool) -> None:
    """A review report's signed copy is read and changed by whoever reads and edits the review."""
    from phoihop.reviews.access import get_review_for_user

    get_review_for_user(user, pk, for_edit=for_edit)


def _get_for_edit(user: AnyUser, pk: int) -> Review:
    from phoihop.reviews.access import get_review_for_user

    return get_review_for_user(user, pk, for_edit=True)


def _can_edit(user: AnyUser, review: Review) -> bool:
    from phoihop.reviews.access import can_edit_review

    return can_edit_review(user, review)


def _date_errors(review: Review, issued_on: datetime.date) -> list[str]:
    from phoihop.reviews.documents import review_date_errors

    return review_date_errors(review, issued_on)


def _review_pdf(*, commendations: bool) -> Source:
    from phoihop.reviews.documents import review_pdf_source

    return review_pdf_source(commendations=commendations)


def _commendation_pdf(kind: str) -> Source:
    from phoihop.reviews.documents import commendation_pdf_source

    return commendation_pdf_source(kind)
