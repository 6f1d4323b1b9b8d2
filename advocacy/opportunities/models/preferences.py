from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from advocacy.opportunities.money import currency_field, fee_amount_field
from people.models import ExpertiseTopic


class OpportunityPreferences(models.Model):
    """What a survivor leader wants to hear about: topics, regions, languages,
    a minimum fee and whether they prefer remote work."""

    class Remote(models.TextChoices):
        ANY = "any", _("Remote or in person")
        REMOTE = "remote", _("Remote only")
        IN_PERSON = "in_person", _("In person only")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="opportunity_preferences"
    )
    topics = models.ManyToManyField(
        ExpertiseTopic,
        blank=True,
        related_name="+",
        verbose_name=_("topics"),
        db_table="advocacy_opportunitypreferences_topics",
    )
    regions = models.JSONField(_("countries (codes)"), default=list, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    minimum_fee = fee_amount_field(_("minimum fee"))
    currency = currency_field()
    remote = models.CharField(
        _("remote or in person"), max_length=10, choices=Remote.choices, default=Remote.ANY
    )
    include_unpaid = models.BooleanField(_("include unpaid work"), default=False)
    last_digest_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        db_table = "advocacy_opportunitypreferences"
        verbose_name = _("opportunity preferences")
        verbose_name_plural = _("opportunity preferences")

    def __str__(self) -> str:
        return f"Opportunity preferences of {self.user}"
