"""Who belongs to which organisation, and with what role."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from phoihop.orgs.models import Organization


class Membership(models.Model):
    class Role(models.TextChoices):
        VIEWER = "viewer", _("Xem")
        OFFICER = "officer", _("Cán bộ thực hiện")
        LEADER = "leader", _("Lãnh đạo")
        ADMIN = "admin", _("Quản trị đơn vị")

    # Roles that may write their organisation's records, in rising order of authority.
    WRITERS = (Role.OFFICER, Role.LEADER, Role.ADMIN)

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("thành viên")
        constraints = [
            models.UniqueConstraint(fields=["user", "organization"], name="one_role_per_org")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.organization} ({self.get_role_display()})"
