from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PathwaysConfig(AppConfig):
    """Justice pathways: remedy pages as structured data, the private guide
    that suggests which to read about, and the directory of legal and support
    services."""

    name = "pathways"
    verbose_name = _("Justice pathways")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here: they need the app registry ready.
        from django.db.models.signals import post_save

        from .models import RemedyIndexPage
        from .notices import register as register_notices
        from .setup import set_up_new_index

        register_notices()
        post_save.connect(
            set_up_new_index, sender=RemedyIndexPage, dispatch_uid="pathways-new-index"
        )
