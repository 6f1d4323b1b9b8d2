from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    """Accounts, roles, privacy, and the admin access rules that keep them."""

    name = "people"
    verbose_name = _("People and privacy")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here: they build on Wagtail's admin, which needs the apps.
        from people.admin.permission_policies import register_privacy_permission_policies
        from people.admin.side_doors import register_side_door_hooks

        from .consent import connect_page_cache_signals
        from .mfa_setup import connect_mfa_setup_signals
        from .sessions import connect_session_signals
        from .translators import connect as connect_translator_signals

        connect_session_signals()
        connect_translator_signals()
        register_privacy_permission_policies()
        register_side_door_hooks()
        connect_mfa_setup_signals()
        connect_page_cache_signals()
