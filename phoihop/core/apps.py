from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "phoihop.core"
    verbose_name = "phoihop"

    def ready(self) -> None:
        from phoihop.core import db  # noqa: F401  (registers the Vietnamese collation)
