from __future__ import annotations

from django.contrib.auth import views as auth_views

from phoihop.accounts.access import rule

login = rule("public")(
    auth_views.LoginView.as_view(template_name="accounts/login.html", redirect_authenticated_user=True)
)
logout = rule("authenticated")(auth_views.LogoutView.as_view())
