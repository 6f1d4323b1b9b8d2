from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    """Survivor-led prevention campaigns: pages, pledges, progress and updates."""

    name = "campaigns"
    verbose_name = _("Campaigns")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here: they need the app registry ready.
        from django.db.models.signals import post_save
        from wagtail.signals import page_published

        from core import page_cache
        from people.admin.visibility import register_unpublished_page_audience

        from . import (
            emails,  # noqa: F401  (declares the campaign emails)
            notices,
        )
        from .admin_visibility import unpublished_campaign_pages_known_to
        from .authoring import set_up_new_index
        from .leads import sync_audience_on_save
        from .models import CampaignIndexPage, CampaignLead, CampaignPage, CampaignUpdatePage
        from .personal_data import register_personal_data
        from .progress import recount_after_publish
        from .updates import email_update_on_publish

        # Who leads a campaign is named on its page (by consent): the page,
        # and what is kept with it (campaigns/views.py), change with them.
        page_cache.forget_when_changed(
            CampaignLead, lambda lead: [page_cache.page_tag(lead.page_id)]
        )
        register_personal_data()
        notices.register()
        register_unpublished_page_audience("campaigns", unpublished_campaign_pages_known_to)
        post_save.connect(set_up_new_index, sender=CampaignIndexPage)
        post_save.connect(sync_audience_on_save, sender=CampaignPage)
        page_published.connect(sync_audience_on_save, sender=CampaignPage)
        page_published.connect(recount_after_publish, sender=CampaignPage)
        page_published.connect(email_update_on_publish, sender=CampaignUpdatePage)
