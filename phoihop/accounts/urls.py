from django.urls import path

from phoihop.accounts import views

app_name = "accounts"
urlpatterns = [
    path("dang-nhap/", views.login, name="login"),
    path("dang-nhap/xac-minh/", views.verify, name="verify"),
    path("dang-xuat/", views.logout, name="logout"),
    path("", views.account, name="account"),
    path("mat-khau/", views.password_change, name="password_change"),
    path("phien/", views.sessions, name="sessions"),
    path("phien/<int:pk>/ket-thuc/", views.session_end, name="session_end"),
    path("phien/ket-thuc-tat-ca/", views.sessions_end_others, name="session_end_others"),
    path("khoa-api/", views.api_tokens, name="api_tokens"),
    path("khoa-api/<int:pk>/thu-hoi/", views.api_token_revoke, name="api_token_revoke"),
    path("hai-lop/", views.otp_setup, name="otp_setup"),
    path("hai-lop/ma-du-phong/", views.otp_recovery, name="otp_recovery"),
    path("hai-lop/tat/", views.otp_disable, name="otp_disable"),
    path("loi-moi/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("loi-moi/<int:pk>/thu-hoi/", views.invite_revoke, name="invite_revoke"),
    path("don-vi/<int:pk>/thanh-vien/", views.members, name="members"),
    path("don-vi/<int:pk>/moi/", views.invite, name="invite"),
    path("thanh-vien/<int:pk>/vai-tro/", views.member_role, name="member_role"),
    path("thanh-vien/<int:pk>/tai-khoan/", views.member_active, name="member_active"),
]
