from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from advocacy.opportunities.money import currency_field, fee_amount_field, format_fee, unpaid_field
from advocacy.opportunities.timezones import in_zone, validate_time_zone
from advocacy.organisations.models import Organisation
from core.text_limits import html_length_limit, length_limit
from people.models import ContentWarningTopic, ExpertiseTopic
from safety.sanitize import sanitize_html

EXPENSE_FIELDS = ("covers_travel", "covers_lodging", "covers_childcare", "covers_interpretation")


class SpeakingOpportunityQuerySet(models.QuerySet):
    def listed(self):
        """Open opportunities of verified organisations whose deadline has not
        passed, with what a listing shows."""
        return (
            self.filter(
                status=SpeakingOpportunity.Status.OPEN,
                deadline__gt=timezone.now(),
                organisation__verified=True,
            )
            .select_related("organisation")
            .prefetch_related("topics")
        )


class SpeakingOpportunity(models.Model):
    """Paid (or, with a stated reason, unpaid) work an organisation offers a
    survivor leader: a keynote, panel, training, consultation, advisory role or
    interview. Times are stored in UTC with the event's own time zone name."""

    class Kind(models.TextChoices):
        KEYNOTE = "keynote", _("Keynote")
        PANEL = "panel", _("Panel")
        TRAINING = "training", _("Training")
        CONSULTATION = "consultation", _("Consultation")
        ADVISORY = "advisory", _("Advisory role")
        MEDIA = "media", _("Media interview")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open for applications")
        CLOSED = "closed", _("Closed")
        FILLED = "filled", _("Filled")
        CANCELLED = "cancelled", _("Cancelled")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="opportunities"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("what it is"), max_length=5000, help_text=_("Sanitised."))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    topics = models.ManyToManyField(
        ExpertiseTopic,
        blank=True,
        related_name="opportunities",
        verbose_name=_("topics"),
        db_table="advocacy_speakingopportunity_topics",
    )
    content_warnings = models.ManyToManyField(
        ContentWarningTopic,
        blank=True,
        related_name="+",
        verbose_name=_("content warnings"),
        db_table="advocacy_speakingopportunity_content_warnings",
    )
    is_flexible = models.BooleanField(_("date is flexible"), default=False)
    starts_at = models.DateTimeField(_("starts"), null=True, blank=True)
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="UTC", validators=[validate_time_zone]
    )
    is_remote = models.BooleanField(_("remote"), default=False)
    place = models.CharField(
        _("place"), max_length=200, blank=True, help_text=_("City and venue, for in-person events.")
    )
    country = models.CharField(_("country code"), max_length=2, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    audience_description = models.CharField(_("audience"), max_length=300, blank=True)
    places = models.PositiveIntegerField(_("number of places"), default=1)
    deadline = models.DateTimeField(_("application deadline"))

    honorarium_amount = fee_amount_field(_("honorarium"))
    currency = currency_field()
    is_unpaid = unpaid_field()
    unpaid_reason = models.TextField(_("why it is unpaid"), max_length=1000, blank=True)

    covers_travel = models.BooleanField(_("travel covered"), default=False)
    covers_lodging = models.BooleanField(_("lodging covered"), default=False)
    covers_childcare = models.BooleanField(_("childcare covered"), default=False)
    covers_interpretation = models.BooleanField(_("interpretation covered"), default=False)
    accessibility = models.TextField(_("accessibility provided"), max_length=2000, blank=True)
    offers_preparation_call = models.BooleanField(_("preparation call"), default=False)
    offers_debrief = models.BooleanField(_("debrief afterwards"), default=False)
    companion_welcome = models.BooleanField(_("a companion is welcome"), default=False)
    is_recorded = models.BooleanField(_("recorded"), default=False)
    is_photographed = models.BooleanField(_("photographed"), default=False)
    publishes_name = models.BooleanField(_("speaker's name published"), default=False)

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SpeakingOpportunityQuerySet.as_manager()

    class Meta:
        db_table = "advocacy_speakingopportunity"
        ordering = ["deadline", "pk"]
        verbose_name = _("speaking opportunity")
        verbose_name_plural = _("speaking opportunities")
        indexes = [models.Index(fields=["status", "deadline"])]
        constraints = [
            html_length_limit("description", 5000),
            length_limit("unpaid_reason", 1000),
            length_limit("accessibility", 2000),
            models.CheckConstraint(
                condition=models.Q(is_unpaid=True)
                | (
                    # NULL would pass a CHECK silently, so "not null" is spelled out.
                    models.Q(honorarium_amount__isnull=False)
                    & models.Q(honorarium_amount__gte=0)
                    & ~models.Q(currency="")
                ),
                name="opportunity_paid_or_says_why_not",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.description = sanitize_html(self.description)
        if self.is_unpaid:
            self.honorarium_amount = None
            self.currency = ""
        super().save(*args, **kwargs)

    def clean(self):
        errors: dict[str, list] = {}
        if self.is_unpaid:
            if not (self.unpaid_reason or "").strip():
                errors["unpaid_reason"] = [
                    _("Say why this work is unpaid. Survivor leaders decide with that in mind.")
                ]
        else:
            if self.honorarium_amount is None:
                errors["honorarium_amount"] = [
                    _("Enter the honorarium, or mark the work as unpaid and say why.")
                ]
            if not self.currency:
                errors["currency"] = [_("Choose the currency of the honorarium.")]
        if self.organisation_id and not self.organisation.verified:
            errors.setdefault("__all__", []).append(
                _("Only verified organisations can post opportunities.")
            )
        if self._state.adding and self.deadline and self.deadline <= timezone.now():
            errors["deadline"] = [_("The application deadline has passed. Choose a later one.")]
        if not self.is_flexible and self.starts_at is None:
            errors["starts_at"] = [_("Give the date and time, or mark the date as flexible.")]
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = [_("The end must be after the start.")]
        if not self.is_remote and not self.place.strip():
            errors["place"] = [_("Say where it takes place, or mark it as remote.")]
        if errors:
            raise ValidationError(errors)

    @property
    def fee_display(self) -> str:
        return format_fee(self.honorarium_amount, self.currency, unpaid=self.is_unpaid)

    @property
    def is_paid(self) -> bool:
        return not self.is_unpaid

    @property
    def local_start(self):
        return in_zone(self.starts_at, self.time_zone)

    @property
    def local_end(self):
        return in_zone(self.ends_at, self.time_zone)

    @property
    def local_deadline(self):
        return in_zone(self.deadline, self.time_zone)

    @property
    def is_accepting(self) -> bool:
        return self.status == self.Status.OPEN and self.deadline > timezone.now()

    def expenses_covered(self) -> list[str]:
        return [
            str(self._meta.get_field(name).verbose_name)
            for name in EXPENSE_FIELDS
            if getattr(self, name)
        ]

    def support_offered(self) -> list[str]:
        return [
            str(self._meta.get_field(name).verbose_name)
            for name in ("offers_preparation_call", "offers_debrief", "companion_welcome")
            if getattr(self, name)
        ]
