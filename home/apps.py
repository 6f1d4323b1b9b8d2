from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """The home page, standard pages, and the site's safety settings."""

    name = "home"
    verbose_name = _("Home and safety")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Visitors' kept pages forget what page, setting and shared-list
        # changes affect (the page types live in several apps; home is where
        # they all meet).
        from content import caching  # noqa: F401
