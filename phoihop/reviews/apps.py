from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "phoihop.reviews"
