from django.urls import path

from phoihop.agreements import views

app_name = "agreements"
urlpatterns = [
    path("", views.agreement_list, name="list"),
    path("goi-y/", views.agreement_autocomplete, name="autocomplete"),
    path("tao-moi/", views.agreement_create, name="create"),
    path("<int:pk>/", views.agreement_detail, name="detail"),
    path("<int:pk>/sua/", views.agreement_edit, name="edit"),
    path("<int:pk>/luu-tru/", views.agreement_archive, name="archive"),
    path("<int:pk>/tep/", views.attachment_upload, name="attachment_upload"),
    path("<int:pk>/da-ra-soat/", views.review_flag_delete, name="review_flag_delete"),
]
