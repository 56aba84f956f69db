from django.apps import AppConfig


class ScaleConfig(AppConfig):
    name = "phoihop.scale"
    verbose_name = "Scale data and benchmark"
