from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    """Reform proposals: pages, lifecycle, council review, endorsements,
    amendments, milestones and feeds."""

    name = "advocacy.proposals"
    label = "proposals"
    verbose_name = _("Reform proposals")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from people.admin.visibility import register_unpublished_page_audience
        from people.data_export import register_exporter
        from people.erasure import register_eraser

        from .admin_visibility import unpublished_proposals_known_to
        from .council_agenda import connect_council_agenda
        from .endorsements import connect_page_cache_signals
        from .lifecycle import connect_workflow_signals
        from .notices import register as register_notices
        from .personal_data import erase_proposal_data, export_proposal_data

        connect_workflow_signals()
        connect_page_cache_signals()
        connect_council_agenda()
        register_notices()
        register_exporter("reform_proposals", export_proposal_data)
        register_eraser("reform_proposals", erase_proposal_data)
        register_unpublished_page_audience("reform_proposals", unpublished_proposals_known_to)
