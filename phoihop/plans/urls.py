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

# The documents of an agreement and its plans, under the documents' address ("van-ban-mau/") and
# namespace ("documents:…"), where they were first served.
document_urlpatterns = [
    path("van-ban/<int:pk>/", views.agreement_documents, name="agreement"),
    path("van-ban/<int:pk>/word/", views.agreement_docx, name="agreement_docx"),
    path("van-ban/<int:pk>/excel/", views.agreement_xlsx, name="agreement_xlsx"),
    path(
        "van-ban/<int:pk>/cap-so/", views.agreement_number_reserve, name="agreement_number_reserve"
    ),
    path("ke-hoach/<int:pk>/word/", views.plan_docx, name="plan_docx"),
    path("ke-hoach/<int:pk>/excel/", views.plan_xlsx, name="plan_xlsx"),
    path("ke-hoach/<int:pk>/cap-so/", views.plan_number_reserve, name="plan_number_reserve"),
]
