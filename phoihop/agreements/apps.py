import datetime
from typing import Any

from django.apps import AppConfig


class AgreementsConfig(AppConfig):
    name = "phoihop.agreements"

    def ready(self) -> None:
        from phoihop.attachments.access import register_owner
        from phoihop.documents.services import register_date_rule
        from phoihop.documents.signatures import SignedRecord, register_signed_record

        agreement = self.get_model("Agreement")
        register_owner(agreement, _attachments_check)
        register_signed_record(
            agreement, SignedRecord(get_for_edit=_get_for_edit, can_edit=_can_edit)
        )
        register_date_rule(agreement, _date_errors)


def _attachments_check(user: Any, pk: int, for_edit: bool) -> None:
    """An agreement's files are read and changed by whoever reads and edits the agreement."""
    from phoihop.agreements.access import get_agreement_for_user

    get_agreement_for_user(user, pk, for_edit=for_edit)


def _get_for_edit(user: Any, pk: int) -> Any:
    """A signed copy of the agreement is uploaded by whoever edits the agreement."""
    from phoihop.agreements.access import get_agreement_for_user

    return get_agreement_for_user(user, pk, for_edit=True)


def _can_edit(user: Any, agreement: Any) -> bool:
    from phoihop.agreements.access import can_edit_agreement

    return can_edit_agreement(user, agreement)


def _date_errors(agreement: Any, issued_on: datetime.date) -> list[str]:
    from phoihop.agreements.documents import agreement_date_errors

    return agreement_date_errors(agreement, issued_on)
