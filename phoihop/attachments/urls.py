"""The attachment routes. They keep their first names (``core:attachment_download`` …): the
project's URLconf includes them in the ``core`` namespace."""

from django.urls import path

from phoihop.attachments import views

urlpatterns = [
    path("tep/<int:pk>/", views.attachment_download, name="attachment_download"),
    path("tep/<int:pk>/anh-nho/", views.attachment_thumbnail, name="attachment_thumbnail"),
    path("tep/<int:pk>/go/", views.attachment_archive, name="attachment_archive"),
]
