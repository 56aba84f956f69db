from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "phoihop.audit"

    def ready(self) -> None:
        from phoihop.audit import signals

        signals.connect()
