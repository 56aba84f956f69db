from django.urls import path

from phoihop.orgs import views

app_name = "orgs"
urlpatterns = [
    path("", views.organization_list, name="list"),
    path("cay/", views.organization_tree, name="tree"),
    path("cay/nhanh/", views.organization_tree_children, name="tree_children"),
    path("tim/", views.organization_autocomplete, name="autocomplete"),
    path("tao-moi/", views.organization_create, name="create"),
    path("<int:pk>/", views.organization_detail, name="detail"),
    path("<int:pk>/sua/", views.organization_edit, name="edit"),
    path("<int:pk>/luu-tru/", views.organization_archive, name="archive"),
    path("xa-phuong/", views.commune_options, name="communes"),
    path("can-bo/", views.person_list, name="person_list"),
    path("can-bo/tao-moi/", views.person_create, name="person_create"),
    path("can-bo/<int:pk>/", views.person_detail, name="person_detail"),
    path("can-bo/<int:pk>/sua/", views.person_edit, name="person_edit"),
    path("can-bo/<int:pk>/luu-tru/", views.person_archive, name="person_archive"),
]
