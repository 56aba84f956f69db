from django.urls import path

from phoihop.accounts import views

app_name = "accounts"
urlpatterns = [
    path("dang-nhap/", views.login, name="login"),
    path("dang-xuat/", views.logout, name="logout"),
]
