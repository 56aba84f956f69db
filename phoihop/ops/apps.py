from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "phoihop.ops"
    verbose_name = "Operations: backup, restore and health"
