from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """Everything the platform tells people: the email outbox (every email is a
    row per recipient, delivered by background tasks with retries) and, in the
    product, the notices a person reads when they sign in."""

    name = "notifications"
    verbose_name = _("Notifications")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here: they need the app registry ready.
        from . import notices  # noqa: F401  (declares the notice emails)
        from .personal_data import register_personal_data

        register_personal_data()
