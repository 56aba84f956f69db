from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "phoihop.core"
    verbose_name = "phoihop"

    def ready(self) -> None:
        from django.db.models.signals import pre_save

        from phoihop.core import db  # noqa: F401  (registers the Vietnamese collation)
        from phoihop.core.forms import install_key_bounds
        from phoihop.core.names import normalize_on_save

        install_key_bounds()
        pre_save.connect(normalize_on_save, dispatch_uid="phoihop.core.names")
