from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdvocacyConfig(AppConfig):
    """Reform proposals, organisations and speaking opportunities."""

    name = "advocacy"
    verbose_name = _("Advocacy and opportunities")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .organisations import connect_membership_signals

        connect_membership_signals()

        from .opportunity_personal_data import register as register_opportunity_data

        register_opportunity_data()
