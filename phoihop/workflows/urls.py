"""The workflow pages, each under the name and path of the app whose page starts it."""

from django.urls import path

from phoihop.workflows import views

# Included in the agreements namespace, under van-ban/.
agreement_urlpatterns = [
    path("<int:pk>/gia-han/", views.renewal_create, name="renewal_create"),
]

# Included in the orgs namespace, under co-quan/.
orgs_urlpatterns = [
    path("ke-thua/tao-moi/", views.succession_create, name="succession_create"),
    path(
        "ke-thua/<int:pk>/chuyen-cong-viec/", views.succession_transfer, name="succession_transfer"
    ),
]
