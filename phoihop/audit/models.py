"""The audit trail: who did what, when and from where. Rows are written once and never changed."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditEventQuerySet(models.QuerySet):
    """Bulk changes are refused as well: the log is append-only through every door."""

    def update(self, **kwargs: Any) -> int:
        raise PermissionError("Audit events cannot be changed.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("Audit events cannot be deleted.")

    def _raw_delete(self, using: Any) -> int:  # used by cascades from related rows
        raise PermissionError("Audit events cannot be deleted.")


class AuditEvent(models.Model):
    class Action(models.TextChoices):
        SIGN_IN = "sign_in", _("Đăng nhập")
        SIGN_IN_FAILED = "sign_in_failed", _("Đăng nhập không thành công")
        SIGN_OUT = "sign_out", _("Đăng xuất")
        PERMISSION_CHANGE = "permission_change", _("Thay đổi quyền")
        ACTIVITY_APPROVE = "activity_approve", _("Duyệt hoạt động")
        ACTIVITY_RETURN = "activity_return", _("Trả lại hoạt động")
        DOCUMENT_DOWNLOAD = "document_download", _("Tải tài liệu")
        EXPORT = "export", _("Xuất dữ liệu")
        PERSONAL_DATA_EXPORT = "personal_data_export", _("Xuất dữ liệu cá nhân")
        PERSON_ANONYMISE = "person_anonymise", _("Ẩn danh cán bộ")
        NUMBER_OUT_OF_SEQUENCE = "number_out_of_sequence", _("Cấp số văn bản ngoài thứ tự")
        API_TOKEN_CREATE = "api_token_create", _("Tạo khoá truy cập API")
        API_TOKEN_REVOKE = "api_token_revoke", _("Thu hồi khoá truy cập API")
        # A token's first use of each day, and every write made through a token.
        API_TOKEN_USE = "api_token_use", _("Dùng khoá truy cập API")
        API_WRITE = "api_write", _("Ghi dữ liệu qua API")

    at = models.DateTimeField(_("thời điểm"), default=timezone.now, db_index=True, editable=False)
    action = models.CharField(_("hành động"), max_length=40, choices=Action.choices, db_index=True)
    # No database constraint and no cascade: deleting a user or an organisation must neither
    # change (SET_NULL is an UPDATE) nor remove log rows, nor be blocked by them. The labels
    # below keep the event readable when the referenced row is gone.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    # The name as it was at the time: stays readable whatever happens to the account.
    actor_label = models.CharField(_("tài khoản"), max_length=150, blank=True)
    organization = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("cơ quan, đơn vị"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    organization_label = models.CharField(_("tên cơ quan, đơn vị"), max_length=255, blank=True)
    # The user an event is about (e.g. whose role changed): lets organisation admins see
    # events concerning their members.
    subject_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    object_type = models.CharField(_("loại đối tượng"), max_length=100, blank=True)
    object_id = models.CharField(_("mã đối tượng"), max_length=64, blank=True)
    object_repr = models.CharField(_("đối tượng"), max_length=255, blank=True)
    ip_address = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True)
    user_agent = models.CharField(_("trình duyệt"), max_length=255, blank=True)
    path = models.CharField(_("đường dẫn"), max_length=255, blank=True)
    detail = models.TextField(_("chi tiết"), blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("nhật ký hệ thống")
        verbose_name_plural = _("nhật ký hệ thống")
        ordering = ["-at", "-id"]
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.get_action_display()} {self.actor_label}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None or not self._state.adding:
            raise PermissionError("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("Audit events cannot be deleted.")
