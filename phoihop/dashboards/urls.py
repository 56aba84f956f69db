from django.urls import path

from phoihop.dashboards import views

app_name = "dashboards"
urlpatterns = [
    path("", views.home, name="home"),
    path("co-quan/<int:pk>/", views.organization, name="organization"),
    path("co-quan/<int:pk>/don-vi-truc-thuoc/", views.subordinates, name="subordinates"),
    path("van-ban/<int:pk>/", views.agreement, name="agreement"),
    path("nhiem-vu/", views.tasks, name="tasks"),
]
