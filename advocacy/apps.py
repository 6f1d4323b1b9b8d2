from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdvocacyConfig(AppConfig):
    """The history of advocacy's models, nothing else.

    Reform proposals, organisations and speaking opportunities are apps of
    their own (`advocacy.proposals`, `advocacy.organisations`,
    `advocacy.opportunities`). Their tables were created by this app's
    migrations and keep their `advocacy_` names; this app stays installed
    only to hold those historical migrations and the last one, which hands
    the models over to the new apps (state only, no table is touched).
    """

    name = "advocacy"
    verbose_name = _("Advocacy (migration history)")
    default_auto_field = "django.db.models.BigAutoField"
