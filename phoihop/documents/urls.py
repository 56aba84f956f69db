from django.urls import path

from phoihop.documents import views

app_name = "documents"
urlpatterns = [
    path("van-ban/<int:pk>/", views.agreement_documents, name="agreement"),
    path("van-ban/<int:pk>/word/", views.agreement_docx, name="agreement_docx"),
    path("van-ban/<int:pk>/excel/", views.agreement_xlsx, name="agreement_xlsx"),
    path("van-ban/<int:pk>/cap-so/", views.agreement_number_reserve, name="agreement_number_reserve"),
    path("ke-hoach/<int:pk>/word/", views.plan_docx, name="plan_docx"),
    path("ke-hoach/<int:pk>/excel/", views.plan_xlsx, name="plan_xlsx"),
    path("ke-hoach/<int:pk>/cap-so/", views.plan_number_reserve, name="plan_number_reserve"),
]
