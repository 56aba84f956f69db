from django.apps import AppConfig


class WorkflowsConfig(AppConfig):
    name = "phoihop.workflows"

    def ready(self) -> None:
        from phoihop.notifications.reminders import register_reminders
        from phoihop.workflows import reminders

        register_reminders(
            reminders.task_reminders,
            reminders.report_reminders,
            reminders.agreement_reminders,
            reminders.waiting_reminders,
        )
