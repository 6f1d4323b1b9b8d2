from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    """Accounts, roles, privacy and the one HTML sanitiser."""

    name = "people"
    verbose_name = _("People and privacy")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here: it subclasses Wagtail's admin forms, which need the apps.
        from .mfa_setup import connect_mfa_setup_signals
        from .sessions import connect_session_signals
        from .uploads import connect_upload_signals

        connect_upload_signals()
        connect_session_signals()
        connect_mfa_setup_signals()
