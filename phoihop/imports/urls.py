from django.urls import path

from phoihop.imports import views

app_name = "imports"
urlpatterns = [
    path("", views.home, name="home"),
    path("mau/<slug:kind>/", views.template, name="template"),
    path("tai-len/<slug:kind>/", views.upload, name="upload"),
    path("<int:pk>/", views.batch, name="batch"),
    path("<int:pk>/xac-nhan/", views.confirm, name="confirm"),
    path("ke-hoach/<int:pk>/mau/", views.plan_template, name="plan_template"),
    path("ke-hoach/<int:pk>/tai-len/", views.plan_upload, name="plan_upload"),
    path("van-ban/<int:pk>/mau/", views.agreement_template, name="agreement_template"),
    path("van-ban/<int:pk>/tai-len/", views.agreement_upload, name="agreement_upload"),
    path("van-ban/tu-tep/", views.agreement_document, name="agreement_document"),
    path("van-ban/tu-tep/luu/", views.agreement_document_save, name="agreement_document_save"),
]
