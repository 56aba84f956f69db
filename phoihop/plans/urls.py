from django.urls import path

from phoihop.plans import views

app_name = "plans"
urlpatterns = [
    path("van-ban/<int:pk>/", views.agreement_panel, name="agreement_panel"),
    path("van-ban/<int:pk>/lap-ke-hoach/", views.plan_create, name="create"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("<int:pk>/them-nhiem-vu/", views.task_create, name="task_create"),
    path("nhiem-vu/<int:pk>/", views.task_detail, name="task_detail"),
    path("nhiem-vu/<int:pk>/sua/", views.task_edit, name="task_edit"),
    path("nhiem-vu/<int:pk>/chi-tieu/", views.task_indicator_edit, name="task_indicator_edit"),
]
