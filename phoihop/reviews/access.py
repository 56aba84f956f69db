"""Who sees and does what with reviews, contributions, movements and commendations.

- a review is seen by whoever sees its (main) agreement;
- officers of the lead party write it (narrative, proposals of commendation, decisions);
- each party's officers write that party's contribution, and nobody else does (a contribution
  is the party's own word, so neither a superior body nor a system administrator writes it);
- only a leader of the lead party signs it off (like approving, the organisation's own act);
- those who write a draft review archive and restore it (a signed-off review is kept as it is:
  services refuse it), and withdraw its proposals of commendation not yet decided;
- emulation movements are public campaigns: every signed-in user sees them; officers of the
  organiser and system administrators change, archive and restore them; any officer may record
  one;
- a commendation is seen with its review, or, outside a review, by those who see the awarded
  organisation's work, its partners in a visible agreement, or the movement organiser's side.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from phoihop.agreements.access import (
    can_create_agreement,
    can_edit_agreement,
    visible_agreement_ids,
    visible_agreements,
)
from phoihop.agreements.models import Agreement, Party
from phoihop.core.db import union_of, vi
from phoihop.orgs.access import approver_org_ids, scope
from phoihop.orgs.models import Organization
from phoihop.reviews.models import Commendation, Movement, Review

if TYPE_CHECKING:
    from phoihop.core.access import AnyUser
    from phoihop.core.models import ActiveQuerySet


def _signed_in(user: AnyUser) -> bool:
    return bool(getattr(user, "is_authenticated", False))


# --- reviews ----------------------------------------------------------------------------------


def visible_reviews(user: AnyUser) -> ActiveQuerySet[Review]:
    if not _signed_in(user):
        return Review.objects.none()
    return Review.objects.filter(agreement_id__in=visible_agreement_ids(user))


def lead_org_ids(review: Review) -> set[int]:
    return {p.organization_id for p in review.agreement.parties.all() if p.role == "lead"}


def party_org_ids(review: Review) -> set[int]:
    """The parties of every agreement the review covers."""
    ids: set[int] = set()
    for agreement in review.agreements.all():
        ids.update(p.organization_id for p in agreement.parties.all())
    ids.update(p.organization_id for p in review.agreement.parties.all())
    return ids


def can_create_review(user: AnyUser, agreement: Agreement) -> bool:
    return can_edit_agreement(user, agreement)


def agreements_to_review_with(user: AnyUser, agreement: Agreement) -> QuerySet[Agreement]:
    """The other agreements this user may review together with ``agreement``: those they may
    start a review of (officers of the lead party), newest first."""
    mine = [
        a.pk
        for a in visible_agreements(user)
        .active()
        .exclude(pk=agreement.pk)
        .prefetch_related("parties")
        if can_edit_agreement(user, a)
    ]
    return Agreement.objects.filter(pk__in=mine).order_by("-signed_on", "-id")


def can_edit_review(user: AnyUser, review: Review) -> bool:
    """Officers of the lead party (and system administrators) write the report."""
    return can_edit_agreement(user, review.agreement)


def can_sign_off_review(user: AnyUser, review: Review) -> bool:
    return bool(approver_org_ids(user) & lead_org_ids(review))


def contribution_org_ids(user: AnyUser, review: Review) -> set[int]:
    """The parties of the review whose contribution this user writes: those they are an officer
    (or leader, admin) of. Membership, not system administration."""
    return scope(user).writer_org_ids & party_org_ids(review)


def get_review_for_user(user: AnyUser, pk: int, *, for_edit: bool = False) -> Review:
    review = (
        visible_reviews(user)
        .select_related("agreement", "event", "signed_off_by", "created_by")
        .prefetch_related(
            Prefetch("agreement__parties", queryset=Party.objects.select_related("organization")),
            Prefetch("agreements__parties", queryset=Party.objects.select_related("organization")),
        )
        .filter(pk=pk)
        .first()
    )
    if review is None:
        raise Http404
    if for_edit and not can_edit_review(user, review):
        raise PermissionDenied
    return review


def can_archive_review(user: AnyUser, review: Review) -> bool:
    """Whoever writes the report archives and restores it (services refuse a signed-off one)."""
    return can_edit_review(user, review)


def get_review_for_sign_off(user: AnyUser, pk: int) -> Review:
    review = get_review_for_user(user, pk)
    if not can_sign_off_review(user, review):
        raise PermissionDenied
    return review


def get_review_for_contribution(user: AnyUser, pk: int) -> tuple[Review, set[int]]:
    review = get_review_for_user(user, pk)
    orgs = contribution_org_ids(user, review)
    if not orgs:
        raise PermissionDenied
    return review, orgs


# --- movements --------------------------------------------------------------------------------


def visible_movements(user: AnyUser) -> ActiveQuerySet[Movement]:
    if not _signed_in(user):
        return Movement.objects.none()
    return Movement.objects.all()


def can_create_movement(user: AnyUser) -> bool:
    return can_create_agreement(user)


def commendable_organizations(user: AnyUser) -> ActiveQuerySet[Organization]:
    """The organisations this user may record a commendation for outside a review: those they
    write for and the bodies below them (system administrators: every current one)."""
    s = scope(user)
    orgs = Organization.objects.active().order_by(vi("name"))
    if not s.is_system_admin:
        orgs = orgs.filter(pk__in=s.orgs_below(s.writer_org_ids).values("pk"))
    return orgs


def can_edit_movement(user: AnyUser, movement: Movement) -> bool:
    s = scope(user)
    if s.is_system_admin:
        return True
    return movement.organizer_id is not None and s.can_write_for(movement.organizer_id)


def get_movement_for_user(user: AnyUser, pk: int, *, for_edit: bool = False) -> Movement:
    movement = visible_movements(user).select_related("organizer").filter(pk=pk).first()
    if movement is None:
        raise Http404
    if for_edit and not can_edit_movement(user, movement):
        raise PermissionDenied
    return movement


# --- commendations ----------------------------------------------------------------------------


def commendations_filter(user: AnyUser) -> Q:
    s = scope(user)
    if s.is_system_admin:
        return Q()
    mine = s.visible_orgs().values("pk")
    partners = Party.objects.filter(agreement_id__in=visible_agreement_ids(user)).values(
        "organization_id"
    )
    outside_review = Commendation.objects.filter(review__isnull=True)
    # One UNION of indexed ways in (review, awarded body, partner, movement organiser): as an OR
    # the condition was tested on each of a nation's 54,000 commendations for an officer's six.
    return Q(
        pk__in=union_of(
            Commendation.objects.filter(review__in=visible_reviews(user)).values("pk"),
            outside_review.filter(organization_id__in=mine).values("pk"),
            outside_review.filter(organization_id__in=partners).values("pk"),
            outside_review.filter(movement__in=Movement.objects.filter(organizer_id__in=mine)).values(
                "pk"
            ),
        )
    )


def visible_commendations(user: AnyUser) -> ActiveQuerySet[Commendation]:
    if not _signed_in(user):
        return Commendation.objects.none()
    return Commendation.objects.filter(commendations_filter(user))


def can_decide_commendation(user: AnyUser, commendation: Commendation) -> bool:
    """The lead party of the review records the decision; outside a review, the officers of the
    movement's organiser or of the awarded organisation."""
    review = commendation.review if commendation.review_id is not None else None
    if review is not None:
        return can_edit_review(user, review)
    s = scope(user)
    if s.is_system_admin:
        return True
    movement = commendation.movement
    return s.can_write_for(commendation.organization_id) or (
        movement is not None
        and movement.organizer_id is not None
        and s.can_write_for(movement.organizer_id)
    )


def can_propose_commendation(user: AnyUser, review: Review) -> bool:
    return can_edit_review(user, review)


def can_withdraw_commendation(user: AnyUser, commendation: Commendation) -> bool:
    """A proposal is withdrawn by whoever may propose it in its review; a commendation recorded
    outside a review was never proposed, so nobody withdraws it."""
    review = commendation.review if commendation.review_id is not None else None
    return review is not None and can_propose_commendation(user, review)


def get_commendation_for_withdrawal(user: AnyUser, pk: int) -> Commendation:
    commendation = get_commendation_for_user(user, pk)
    if not can_withdraw_commendation(user, commendation):
        raise PermissionDenied
    return commendation


def get_commendation_for_user(user: AnyUser, pk: int, *, for_edit: bool = False) -> Commendation:
    commendation = (
        visible_commendations(user)
        .select_related("organization", "movement", "review__agreement")
        .prefetch_related("review__agreement__parties")
        .filter(pk=pk)
        .first()
    )
    if commendation is None:
        raise Http404
    if for_edit and not can_decide_commendation(user, commendation):
        raise PermissionDenied
    return commendation
