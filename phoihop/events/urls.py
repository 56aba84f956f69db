from django.urls import path

from phoihop.events import views

app_name = "events"
urlpatterns = [
    path("", views.event_list, name="list"),
    path("tao-moi/", views.event_create, name="create"),
    path("<int:pk>/", views.event_detail, name="detail"),
    path("<int:pk>/sua/", views.event_edit, name="edit"),
    path("<int:pk>/luu-tru/", views.event_archive, name="archive"),
    path("<int:pk>/tep/", views.attachment_upload, name="attachment_upload"),
    path("van-ban/<int:pk>/", views.agreement_panel, name="agreement_panel"),
]
