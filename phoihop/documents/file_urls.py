from django.urls import path

from phoihop.documents import file_views as views

app_name = "document_files"
urlpatterns = [
    path("pdf/van-ban/<int:pk>/", views.agreement_pdf, name="agreement_pdf"),
    path("pdf/ke-hoach/<int:pk>/", views.plan_pdf, name="plan_pdf"),
    path("pdf/so-tong-ket/<int:pk>/", views.review_pdf, name="review_pdf"),
    path("pdf/khen-thuong/<int:pk>/", views.commendations_pdf, name="commendations_pdf"),
    path("pdf/quyet-dinh-khen-thuong/<int:pk>/", views.commendation_decision_pdf, name="commendation_decision_pdf"),
    path("pdf/to-trinh-khen-thuong/<int:pk>/", views.commendation_submission_pdf, name="commendation_submission_pdf"),
    path("pdf/<int:pk>/", views.pdf_status, name="pdf"),
    path("pdf/<int:pk>/tai-ve/", views.pdf_download, name="pdf_download"),
    path("ban-ky/van-ban/<int:pk>/tai-len/", views.agreement_signed_upload, name="agreement_signed_upload"),
    path("ban-ky/ke-hoach/<int:pk>/tai-len/", views.plan_signed_upload, name="plan_signed_upload"),
    path("ban-ky/so-tong-ket/<int:pk>/tai-len/", views.review_signed_upload, name="review_signed_upload"),
]
