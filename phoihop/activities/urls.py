from django.urls import path

from phoihop.activities import views

app_name = "activities"
urlpatterns = [
    path("", views.activity_list, name="list"),
    path("cho-duyet/", views.approvals_inbox, name="inbox"),
    path("tao-moi/", views.activity_create, name="create"),
    path("<int:pk>/", views.activity_detail, name="detail"),
    path("<int:pk>/sua/", views.activity_edit, name="edit"),
    path("<int:pk>/gui-duyet/", views.activity_submit, name="submit"),
    path("<int:pk>/duyet/", views.activity_approve, name="approve"),
    path("<int:pk>/tra-lai/", views.activity_return, name="return"),
    path("<int:pk>/mo-ban-sua/", views.activity_reopen, name="reopen"),
    path("<int:pk>/tai-tep/", views.attachment_upload, name="attachment_upload"),
    path("nhiem-vu/<int:pk>/", views.task_panel, name="task_panel"),
]
