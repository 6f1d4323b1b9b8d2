from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpportunitiesConfig(AppConfig):
    """Speaking opportunities: posting, matching, applications, engagements,
    conduct ratings, calendar feeds, and the organisation pages around them."""

    name = "advocacy.opportunities"
    label = "opportunities"
    verbose_name = _("Speaking opportunities")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from core import page_cache

        from . import (
            emails,  # noqa: F401  (declares the opportunity emails)
            notices,
        )
        from .models import SpeakingOpportunity
        from .personal_data import register as register_opportunity_data

        register_opportunity_data()
        notices.register()
        # The opportunities index lists them for visitors.
        page_cache.forget_when_changed(
            SpeakingOpportunity, lambda _opportunity: [page_cache.pages_tag(SpeakingOpportunity)]
        )
