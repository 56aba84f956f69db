from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from phoihop.accounts.models import Invitation, Membership, UserSession


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "organization", "role"]
    list_filter = ["role"]
    search_fields = ["user__username", "organization__name"]
    autocomplete_fields = ["user", "organization"]


@admin.register(Invitation)
class InvitationAdmin(SimpleHistoryAdmin):
    list_display = ["email", "organization", "role", "invited_by", "created_at", "expires_at", "accepted_at", "revoked_at"]
    list_filter = ["role"]
    search_fields = ["email", "organization__name"]
    readonly_fields = ["invited_by", "accepted_by", "accepted_at", "created_at"]


@admin.register(UserSession)
class UserSessionAdmin(admin.ModelAdmin):
    list_display = ["user", "ip_address", "created_at", "last_seen_at", "ended_at"]
    search_fields = ["user__username", "ip_address"]
    readonly_fields = ["user", "session_key", "ip_address", "user_agent", "created_at", "last_seen_at", "ended_at"]

    def has_add_permission(self, request: object) -> bool:
        return False
