from django.conf import settings
from django.core.validators import URLValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ProposalMilestone(models.Model):
    """Something that happened in the real world to a proposal, with a source."""

    class Kind(models.TextChoices):
        INTRODUCED = "introduced", _("Introduced")
        HEARING = "hearing", _("Hearing held")
        TESTIMONY = "testimony", _("Testimony given")
        PASSED = "passed", _("Passed")
        IMPLEMENTED = "implemented", _("Implemented")
        FUNDED = "funded", _("Funded")

    proposal = models.ForeignKey(
        "proposals.ReformProposalPage", on_delete=models.CASCADE, related_name="milestones"
    )
    kind = models.CharField(_("what happened"), max_length=20, choices=Kind.choices)
    happened_on = models.DateField(_("date"))
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    source_url = models.URLField(
        _("source link"),
        blank=True,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=_("A news story, record or public document (http or https)."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "advocacy_proposalmilestone"
        ordering = ["happened_on", "pk"]
        verbose_name = _("milestone")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.happened_on})"
