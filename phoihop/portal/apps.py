from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The home page, its work list and the menu's counts, and the global search: pages that put
    several apps' answers side by side. Nothing else in the project imports it."""

    name = "phoihop.portal"
    label = "portal"
    verbose_name = "phoihop portal"
