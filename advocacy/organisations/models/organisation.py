from django.conf import settings
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from core.text_limits import html_length_limit
from people.models import Audience, AudienceOwner, owned_audience
from safety.sanitize import sanitize_html


class Organisation(AudienceOwner):
    """An NGO, agency, company, media outlet or academic team that works with
    survivor leaders.

    Its `audience` (a people.Audience with its own group) holds everyone who
    acts for it, so consents and django-guardian grants go to the organisation
    as a whole and people/ never needs to import this app. Only organisations
    verified by site admins may post opportunities or see the directory.
    """

    audience_kind = Audience.Kind.ORGANISATION

    class Kind(models.TextChoices):
        NGO = "ngo", _("NGO")
        GOVERNMENT = "government", _("Government agency")
        COMPANY = "company", _("Company")
        MEDIA = "media", _("Media")
        ACADEMIC = "academic", _("Academic")
        LEGAL = "legal", _("Legal services")
        SUPPORT = "support", _("Support services")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    description = models.TextField(
        _("about the organisation"), blank=True, max_length=5000, help_text=_("Sanitised.")
    )
    website = models.URLField(_("website"), blank=True)
    verified = models.BooleanField(
        _("verified"),
        default=False,
        help_text=_("Checked by site admins. Only verified organisations can post or search."),
    )
    verified_at = models.DateTimeField(_("verified on"), null=True, blank=True, editable=False)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    audience = owned_audience(related_name="organisation")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "advocacy_organisation"
        constraints = [
            html_length_limit("description", 5000),
        ]
        ordering = ["name", "pk"]
        verbose_name = _("organisation")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.description = sanitize_html(self.description)
        if not self.slug:
            self.slug = slugify(self.name)[:80] or "organisation"
        super().save(*args, **kwargs)

    def audience_fields(self) -> dict:
        # The audience mirrors what people/ needs to know: name and verification.
        return {"name": self.name, "verified": self.verified}
