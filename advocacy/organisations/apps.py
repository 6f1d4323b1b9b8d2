from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    """Organisations and the people who act for them.

    Proposals (endorsing for an organisation) and opportunities (posting,
    reviewing) build on it; it imports neither."""

    name = "advocacy.organisations"
    label = "organisations"
    verbose_name = _("Organisations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .membership import connect_membership_signals

        connect_membership_signals()
