from django.apps import AppConfig


class AgreementsConfig(AppConfig):
    name = "phoihop.agreements"
