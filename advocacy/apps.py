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
        self.ready_proposals()

    def ready_proposals(self):
        from people.admin.visibility import register_unpublished_page_audience
        from people.data_export import register_exporter
        from people.erasure import register_eraser

        from .admin_visibility import unpublished_proposals_known_to
        from .council_agenda import connect_council_agenda
        from .proposal_data import erase_proposal_data, export_proposal_data
        from .proposal_lifecycle import connect_workflow_signals

        connect_workflow_signals()
        connect_council_agenda()
        register_exporter("reform_proposals", export_proposal_data)
        register_eraser("reform_proposals", erase_proposal_data)
        register_unpublished_page_audience("reform_proposals", unpublished_proposals_known_to)
