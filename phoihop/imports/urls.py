from django.urls import path

from phoihop.imports import views

app_name = "imports"
urlpatterns = [
    path("", views.home, name="home"),
    path("mau/<slug:kind>/", views.template, name="template"),
    path("tai-len/<slug:kind>/", views.upload, name="upload"),
    path("<int:pk>/", views.batch, name="batch"),
    path("<int:pk>/xac-nhan/", views.confirm, name="confirm"),
]
