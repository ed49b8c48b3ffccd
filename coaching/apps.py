from django.apps import AppConfig


class CoachingConfig(AppConfig):
    name = "coaching"
    verbose_name = "Coaching"

    def ready(self):
        from . import signals  # noqa: F401  (connects the sign-in planning receiver)
        from .site import touch

        touch.connect()  # every model's `touches`, once all models are loaded
