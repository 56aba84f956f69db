from typing import Any

from django.apps import AppConfig


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
        from phoihop.notifications.calendar import register_calendar_source
        from phoihop.orgs.access import register_people_source
        from phoihop.orgs.panels import register_organization_panel, register_person_panel

        register_owner(self.get_model("Agreement"), _attachments_check)
        register_people_source(visible_signatory_ids)
        register_organization_panel(organization_agreements_panel)
        register_person_panel(person_signed_panel)
        register_kept_as_signed(person_names_as_signed)
        register_calendar_source(AGREEMENT_ENDS)


def _attachments_check(user: Any, pk: int, for_edit: bool) -> None:
    """An agreement's files are read and changed by whoever reads and edits the agreement."""
    from phoihop.agreements.access import get_agreement_for_user

    get_agreement_for_user(user, pk, for_edit=for_edit)
