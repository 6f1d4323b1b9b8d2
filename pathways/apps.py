from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PathwaysConfig(AppConfig):
    """Justice pathways: remedy pages as structured data, the private guide
    that suggests which to read about, and the directory of legal and support
    services."""

    name = "pathways"
    verbose_name = _("Justice pathways")
    default_auto_field = "django.db.models.BigAutoField"
