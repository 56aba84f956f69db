from django.urls import path

from phoihop.reviews import views

app_name = "reviews"
urlpatterns = [
    path("", views.review_list, name="list"),
    path("van-ban/<int:pk>/", views.agreement_panel, name="agreement_panel"),
    path("van-ban/<int:pk>/tao/", views.review_create, name="create"),
    path("<int:pk>/", views.review_detail, name="detail"),
    path("<int:pk>/sua/", views.review_edit, name="edit"),
    path("<int:pk>/ky-duyet/", views.review_sign_off, name="sign_off"),
    path("<int:pk>/luu-tru/", views.review_archive, name="archive"),
    path("<int:pk>/tham-luan/", views.contribution_edit, name="contribution_edit"),
    path("<int:pk>/de-nghi-khen-thuong/", views.commendation_propose, name="commendation_propose"),
    path("<int:pk>/bao-cao.docx", views.review_docx, name="download_docx"),
    path("<int:pk>/phu-luc.xlsx", views.review_xlsx, name="download_xlsx"),
    path("<int:pk>/khen-thuong.docx", views.commendations_docx, name="commendations_docx"),
    path("<int:pk>/khen-thuong.xlsx", views.commendations_xlsx, name="commendations_xlsx"),
    path("<int:pk>/van-ban-khen-thuong/", views.commendation_documents, name="commendation_documents"),
    path("<int:pk>/van-ban-khen-thuong/cap-so/", views.commendation_number_reserve, name="commendation_number_reserve"),
    path("<int:pk>/quyet-dinh-khen-thuong.docx", views.commendation_decision_docx, name="commendation_decision_docx"),
    path("<int:pk>/to-trinh-khen-thuong.docx", views.commendation_submission_docx, name="commendation_submission_docx"),
    path("van-ban-tao-nen/<int:pk>/", views.review_document, name="document"),
    path("van-ban-tao-nen/<int:pk>/tai-ve/", views.review_document_file, name="document_file"),
    path("khen-thuong/", views.commendation_list, name="commendation_list"),
    path("khen-thuong/ghi-moi/", views.commendation_record, name="commendation_create"),
    path("khen-thuong/<int:pk>/quyet-dinh/", views.commendation_decide, name="commendation_decide"),
    path("khen-thuong/<int:pk>/rut-de-nghi/", views.commendation_withdraw, name="commendation_archive"),
    path("phong-trao/", views.movement_list, name="movement_list"),
    path("phong-trao/tao/", views.movement_create, name="movement_create"),
    path("phong-trao/<int:pk>/", views.movement_detail, name="movement_detail"),
    path("phong-trao/<int:pk>/sua/", views.movement_edit, name="movement_edit"),
    path("phong-trao/<int:pk>/luu-tru/", views.movement_archive, name="movement_archive"),
]
