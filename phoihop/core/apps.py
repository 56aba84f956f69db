from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "phoihop.core"
    verbose_name = "phoihop"

    def ready(self) -> None:
        from phoihop.core import db  # noqa: F401  (registers the Vietnamese collation)
        from phoihop.core.forms import install_key_bounds

        install_key_bounds()
