from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo data and the load_demo command; nothing else in the project imports it."""

    name = "phoihop.demo"
    label = "demo"
    verbose_name = "phoihop demo"
