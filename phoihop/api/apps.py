from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The REST API at /api/v1/ (django-ninja): the apps' records for other systems, read and
    written through the same access rules, selectors and services as the pages. Nothing else in
    the project imports it."""

    name = "phoihop.api"
    label = "api"
    verbose_name = "phoihop API"
