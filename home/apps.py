from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """The home page, standard pages, and the site's safety settings."""

    name = "home"
    verbose_name = _("Home and safety")
    default_auto_field = "django.db.models.BigAutoField"
