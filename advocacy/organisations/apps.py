from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def organisation_tag(organisation_id: int) -> str:
    return f"organisation:{organisation_id}"


class OrganisationsConfig(AppConfig):
    """Organisations and the people who act for them.

    Proposals (endorsing for an organisation) and opportunities (posting,
    reviewing) build on it; it imports neither."""

    name = "advocacy.organisations"
    label = "organisations"
    verbose_name = _("Organisations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from core import page_cache

        from .membership import connect_membership_signals
        from .models import Organisation

        connect_membership_signals()
        # An organisation's name shows on visitors' pages (endorsements,
        # opportunities), which depend on this tag.
        page_cache.forget_when_changed(
            Organisation, lambda organisation: [organisation_tag(organisation.pk)]
        )
