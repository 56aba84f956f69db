from django.urls import path

from phoihop.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("tim-kiem/", views.search, name="search"),
    path("tep/<int:pk>/", views.attachment_download, name="attachment_download"),
    path("tep/<int:pk>/anh-nho/", views.attachment_thumbnail, name="attachment_thumbnail"),
    path("tep/<int:pk>/go/", views.attachment_archive, name="attachment_archive"),
]
