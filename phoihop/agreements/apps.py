from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.apps import AppConfig

if TYPE_CHECKING:
    from phoihop.core.access import AnyUser


class AgreementsConfig(AppConfig):
    name = "phoihop.agreements"

    def ready(self) -> None:
        from phoihop.agreements.access import visible_signatory_ids
        from phoihop.agreements.calendar import AGREEMENT_ENDS
        from phoihop.agreements.selectors import (
            organization_agreements_panel,
            person_names_as_signed,
            person_signed_panel,
        )
        from phoihop.attachments.access import register_owner
        from phoihop.audit.personal_data import register_kept_as_signed
        from phoihop.documents.services import register_date_rule
        from phoihop.documents.signatures import SignedRecord, register_signed_record
        from phoihop.notifications.calendar import register_calendar_source
        from phoihop.orgs.access import register_people_source
        from phoihop.orgs.panels import register_organization_panel, register_person_panel

        agreement = self.get_model("Agreement")
        register_owner(agreement, _attachments_check)
        register_signed_record(
            agreement, SignedRecord(get_for_edit=_get_for_edit, can_edit=_can_edit)
        )
        register_date_rule(agreement, _date_errors)
        register_people_source(visible_signatory_ids)
        register_organization_panel(organization_agreements_panel)
        register_person_panel(person_signed_panel)
        register_kept_as_signed(person_names_as_signed)
        register_calendar_source(AGREEMENT_ENDS)


def _attachments_check(user: AnyUser, pk: int, for_edit: bool) -> None:
    """An agreement's files are read and changed by whoever reads and edits the agreement."""
    from phoihop.agreements.access import get_agreement_for_user

    get_agreement_for_user(user, pk, for_edit=for_edit)


def _get_for_edit(user: AnyUser, pk: int) -> Any:
    """A signed copy of the agreement is uploaded by whoever edits the agreement."""
    from phoihop.agreements.access import get_agreement_for_user

    return get_agreement_for_user(user, pk, for_edit=True)


def _can_edit(user: AnyUser, agreement: Any) -> bool:
    from phoihop.agreements.access import can_edit_agreement

    return can_edit_agreement(user, agreement)


def _date_errors(agreement: Any, issued_on: datetime.date) -> list[str]:
    from phoihop.agreements.documents import agreement_date_errors

    return agreement_date_errors(agreement, issued_on)
