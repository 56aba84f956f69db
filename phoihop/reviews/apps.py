from typing import Any

from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "phoihop.reviews"

    def ready(self) -> None:
        from phoihop.attachments.access import register_owner

        register_owner(self.get_model("Review"), _attachments_check)


def _attachments_check(user: Any, pk: int, for_edit: bool) -> None:
    """A review report's signed copy is read and changed by whoever reads and edits the review."""
    from phoihop.reviews.access import get_review_for_user

    get_review_for_user(user, pk, for_edit=for_edit)
