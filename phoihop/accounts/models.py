"""Invitations to join an organisation, and sign-in sessions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from phoihop.core.historical import HistoricalRecords
from phoihop.orgs.models import Membership, Organization


class Invitation(models.Model):
    """An e-mail address invited to join an organisation with a role, through a signed link."""

    email = models.EmailField(_("thư điện tử"))
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="invitations",
        verbose_name=_("cơ quan, đơn vị"),
    )
    role = models.CharField(_("vai trò"), max_length=20, choices=Membership.Role.choices)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("hết hạn lúc"))
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lời mời")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} → {self.organization} ({self.get_role_display()})"


class UserSession(models.Model):
    """One sign-in: where from, with what, and when it was last used."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="signins"
    )
    session_key = models.CharField(max_length=40, db_index=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_seen_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("phiên đăng nhập")
        ordering = ["-last_seen_at"]

    def __str__(self) -> str:
        return f"{self.user} @ {self.ip_address}"


class ApiToken(models.Model):
    """A personal access token for the API: its owner acts through it with their own rights,
    read-only or read-write, until it expires or is revoked.

    Only the SHA-256 of the secret is kept; the secret is shown once, when it is made. A secret
    is ``php_`` and 43 URL-safe characters (256 random bits), so a leaked one is recognisable in
    logs and code, and a hash without salt is enough: nobody guesses 256 bits."""

    class Access(models.TextChoices):
        READ = "read", _("Chỉ đọc")
        WRITE = "write", _("Đọc và ghi")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("tên khoá"), max_length=100)
    access = models.CharField(
        _("quyền"), max_length=10, choices=Access.choices, default=Access.READ
    )
    # The first characters of the secret, shown in the list so the owner can tell tokens apart.
    prefix = models.CharField(max_length=12)
    secret_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("hết hạn lúc"))
    last_used_at = models.DateTimeField(_("dùng lần cuối"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("khoá truy cập API")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def can_write(self) -> bool:
        return self.access == self.Access.WRITE
