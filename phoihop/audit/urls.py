from django.urls import path

from phoihop.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.log, name="log"),
    path("xuat-csv/", views.log_export, name="log_export"),
    path("can-bo/<int:pk>/xuat-du-lieu/", views.person_export, name="person_export"),
    path("can-bo/<int:pk>/an-danh/", views.person_anonymise, name="person_anonymise"),
]
