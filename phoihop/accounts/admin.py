from typing import Any

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from phoihop.accounts import services
from phoihop.accounts.models import Invitation, UserSession
from phoihop.core.access import signed_in
from phoihop.orgs.models import Membership


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "organization", "role"]
    list_filter = ["role"]
    search_fields = ["user__username", "organization__name"]
    autocomplete_fields = ["user", "organization"]

    # Role changes made here reach the audit trail through the accounts services.
    def save_model(self, request: HttpRequest, obj: Membership, form: Any, change: bool) -> None:
        obj._history_user = request.user  # type: ignore[attr-defined]  # as SimpleHistoryAdmin does
        services.membership_save(actor=signed_in(request), membership=obj)

    def delete_model(self, request: HttpRequest, obj: Membership) -> None:
        services.membership_remove(actor=signed_in(request), membership=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Membership]) -> None:
        for membership in queryset.select_related("user", "organization"):
            services.membership_remove(actor=signed_in(request), membership=membership)


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


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """Django's own user pages; a change of rights or of being active is audited by the
    accounts service that saves it."""

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        services.user_save(actor=signed_in(request), user=obj)
