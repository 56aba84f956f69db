from __future__ import annotations

from typing import Any

from django.contrib import admin

from phoihop.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the log is appended to by the application and never changed."""

    list_display = ("at", "action", "actor_label", "organization_label", "object_repr", "ip_address")
    list_filter = ("action",)
    search_fields = ("actor_label", "object_repr", "detail")
    date_hierarchy = "at"

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False
