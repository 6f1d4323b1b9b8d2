from django.apps import AppConfig


class SafetyConfig(AppConfig):
    """The HTML sanitiser and the cleaning of every upload: what keeps hostile
    markup and hidden metadata out of the site, whichever app stores it."""

    name = "safety"

    def ready(self):
        # Imported here: it subclasses Wagtail's admin forms, which need the apps.
        from .uploads import connect_upload_signals

        connect_upload_signals()
