from django.urls import path

from phoihop.exchange import views

app_name = "exchange"
urlpatterns = [
    path("bao-cao/", views.report_list, name="report_list"),
    path("van-ban/<int:pk>/bao-cao/", views.schedule, name="schedule"),
    path("van-ban/<int:pk>/che-do-bao-cao/", views.schedule_edit, name="schedule_edit"),
    path("van-ban/<int:pk>/viet-bao-cao/", views.report_create, name="report_create"),
    path("bao-cao/<int:pk>/", views.report_detail, name="report_detail"),
    path("bao-cao/<int:pk>/sua/", views.report_edit, name="report_edit"),
    path("bao-cao/<int:pk>/gui/", views.report_submit, name="report_submit"),
    path("bao-cao/<int:pk>/luu-tru/", views.report_archive, name="report_archive"),
    path("bao-cao/<int:pk>/khoi-phuc/", views.report_restore, name="report_restore"),
    path("kiem-tra/", views.inspection_list, name="inspection_list"),
    path("van-ban/<int:pk>/ghi-kiem-tra/", views.inspection_create, name="inspection_create"),
    path("kiem-tra/<int:pk>/", views.inspection_detail, name="inspection_detail"),
    path("kiem-tra/<int:pk>/sua/", views.inspection_edit, name="inspection_edit"),
    path("kiem-tra/<int:pk>/luu-tru/", views.inspection_archive, name="inspection_archive"),
    path("kiem-tra/<int:pk>/khoi-phuc/", views.inspection_restore, name="inspection_restore"),
    path("kiem-tra/<int:pk>/tai-tep/", views.inspection_attachment_upload, name="inspection_attachment_upload"),
    path("kiem-tra/<int:pk>/them-kien-nghi/", views.recommendation_create, name="recommendation_create"),
    path("kien-nghi/<int:pk>/sua/", views.recommendation_edit, name="recommendation_edit"),
    path("kien-nghi/<int:pk>/theo-doi/", views.recommendation_followup, name="recommendation_followup"),
    path("kien-nghi/<int:pk>/dong/", views.recommendation_close, name="recommendation_close"),
]
