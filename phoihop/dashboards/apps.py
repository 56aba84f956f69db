from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    name = "phoihop.dashboards"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from phoihop.dashboards import signals

        signals.connect()
        post_migrate.connect(_fill_after_migrate, sender=self, dispatch_uid="dashboards-fill")


def _fill_after_migrate(**kwargs: object) -> None:
    """Existing records get their summary rows the first time the tables exist and are empty."""
    from phoihop.dashboards.models import TaskFigure
    from phoihop.dashboards.services import dashboard_summaries_rebuild
    from phoihop.plans.models import Task

    using = str(kwargs.get("using") or "default")
    if TaskFigure.objects.using(using).exists() or not Task.objects.using(using).exists():
        return
    dashboard_summaries_rebuild()
