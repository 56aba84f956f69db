from django.urls import path

from phoihop.portal import views

# Included under the "core" namespace beside the attachment routes (see phoihop/urls.py), so that the
# names these pages were given before the portal existed (core:home, core:search) still resolve.
urlpatterns = [
    path("", views.home, name="home"),
    path("tim-kiem/", views.search, name="search"),
]
