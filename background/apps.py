from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackgroundConfig(AppConfig):
    """Background work on Django's tasks framework: the task helpers, the
    worker command and the periodic schedule it keeps."""

    name = "background"
    verbose_name = _("Background work")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Each app declares its periodic jobs in its own `jobs` module.
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("jobs")
