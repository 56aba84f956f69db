from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "phoihop.notifications"
