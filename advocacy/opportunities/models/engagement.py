import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from advocacy.opportunities.money import currency_field, fee_amount_field, format_fee, unpaid_field
from advocacy.opportunities.timezones import in_zone, validate_time_zone
from core.text_limits import length_limit

from .application import OpportunityApplication

OVERDUE_AFTER = datetime.timedelta(days=30)
CANCELLATION_REASON_MAX_LENGTH = 1000


class Engagement(models.Model):
    """An accepted application: the agreed fee and date, then delivery and payment.

    The organisation marks it delivered and paid; the speaker confirms the
    payment arrived. Unpaid 30 days after delivery it is overdue: site admins
    are told (`flag_overdue_payments`) and the speaker sees it.

    Either side may cancel it before it is delivered, giving a reason. Who
    cancelled is recorded as a side (speaker or organisation), never as a
    person. A cancelled engagement takes no place, leaves the private calendar
    feed and can no longer be marked delivered or paid, flagged or rated.
    """

    class CancelledBy(models.TextChoices):
        SPEAKER = "speaker", _("the speaker")
        ORGANISATION = "organisation", _("the organisation")

    application = models.OneToOneField(
        OpportunityApplication, on_delete=models.CASCADE, related_name="engagement"
    )
    fee_amount = fee_amount_field(_("agreed fee"))
    currency = currency_field()
    is_unpaid = unpaid_field()
    starts_at = models.DateTimeField(_("date"))
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="UTC", validators=[validate_time_zone]
    )
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)
    paid_at = models.DateTimeField(_("marked paid"), null=True, blank=True)
    payment_confirmed_at = models.DateTimeField(_("payment confirmed"), null=True, blank=True)
    overdue_flagged_at = models.DateTimeField(_("overdue flagged"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancelled_by = models.CharField(
        _("cancelled by"), max_length=12, choices=CancelledBy.choices, blank=True
    )
    cancellation_reason = models.TextField(
        _("reason for cancelling"), max_length=CANCELLATION_REASON_MAX_LENGTH, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "advocacy_engagement"
        ordering = ["starts_at", "pk"]
        verbose_name = _("engagement")
        constraints = [
            length_limit("cancellation_reason", 1000),
            # A cancellation always says which side cancelled, and only a
            # cancelled engagement names a side.
            models.CheckConstraint(
                condition=(
                    models.Q(cancelled_at__isnull=True, cancelled_by="")
                    | (models.Q(cancelled_at__isnull=False) & ~models.Q(cancelled_by=""))
                ),
                name="engagement_cancellation_names_a_side",
            ),
        ]

    def __str__(self) -> str:
        return str(self.application.opportunity)

    @property
    def fee_display(self) -> str:
        return format_fee(self.fee_amount, self.currency, unpaid=self.is_unpaid)

    @property
    def local_start(self):
        return in_zone(self.starts_at, self.time_zone)

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def has_happened(self) -> bool:
        return self.starts_at <= timezone.now()

    def is_overdue(self, now=None) -> bool:
        """Paid work delivered more than 30 days ago whose payment is not confirmed."""
        now = now or timezone.now()
        return (
            not self.is_unpaid
            and self.cancelled_at is None
            and self.delivered_at is not None
            and self.payment_confirmed_at is None
            and self.delivered_at + OVERDUE_AFTER <= now
        )
