from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilsConfig(AppConfig):
    """Survivor advisory councils: rooms, messages, meetings and decisions."""

    name = "councils"
    verbose_name = _("Advisory councils")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .membership_sync import connect_membership_signals
        from .notices import register as register_notices
        from .personal_data import register_personal_data

        connect_membership_signals()
        register_personal_data()
        register_notices()
