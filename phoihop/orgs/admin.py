from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from phoihop.orgs.models import Organization


@admin.register(Organization)
class OrganizationAdmin(SimpleHistoryAdmin):
    """Read-only here: the registry is kept through phoihop's own pages, which enforce its rules."""

    list_display = ["name", "kind", "level", "valid_from", "valid_to"]
    list_filter = ["kind", "level"]
    search_fields = ["name", "short_name"]

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
