import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxEmailQuerySet(models.QuerySet):
    def due(self, now=None):
        """Rows a worker may take now: waiting and due, or taken by a worker
        whose lease ran out (it died or hung) and not sent."""
        now = now or timezone.now()
        return self.filter(
            models.Q(state=OutboxEmail.State.PENDING, next_attempt_at__lte=now)
            | models.Q(state=OutboxEmail.State.SENDING, lease_until__lt=now)
        )

    def progress(self) -> dict[str, int]:
        """{"total", "sent", "failing", "failed", "waiting"} over these rows:
        failing rows are waiting to be tried again after an error."""
        counts = dict(
            self.values_list("state").annotate(n=models.Count("pk")).values_list("state", "n")
        )
        failing = self.filter(state=OutboxEmail.State.PENDING, attempts__gt=0).count()
        total = sum(counts.values())
        sent = counts.get(OutboxEmail.State.SENT, 0)
        failed = counts.get(OutboxEmail.State.FAILED, 0)
        cancelled = counts.get(OutboxEmail.State.CANCELLED, 0)
        return {
            "total": total,
            "sent": sent,
            "failing": failing,
            "failed": failed,
            "cancelled": cancelled,
            "waiting": total - sent - failed - cancelled,
        }


class OutboxEmail(models.Model):
    """One email to one recipient, from the moment something decides to send
    it until an SMTP server accepts it (or the tries run out).

    Emails of a registered kind (`notifications.outbox.register`) keep only
    the ids their kind needs (`params`) and are written when they are sent, in
    the recipient's language then. An email handed to Django's mail API by
    other code (sign-in, Wagtail) arrives already written (`message`). Either
    way, what was written is dropped once the email is sent, and an error is
    kept without addresses or content.
    """

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")

    kind = models.CharField(_("kind"), max_length=64)
    # Groups the emails of one mailing (`Mailing.key`), for its progress.
    mailing = models.ForeignKey(
        "notifications.Mailing",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="emails",
    )
    # Makes queueing idempotent: one email per key, however often it is queued.
    dedupe_key = models.CharField(max_length=200, null=True, blank=True, unique=True)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    # Only for recipients without an account (pledgers); members are written to
    # at their account's address when the email is sent.
    address = models.EmailField(_("address"), blank=True)
    language = models.CharField(_("language"), max_length=10, blank=True)
    params = models.JSONField(default=dict, blank=True)
    message = models.JSONField(null=True, blank=True)

    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    lease_until = models.DateTimeField(null=True, blank=True)
    claim = models.UUIDField(null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=200, blank=True)
    # The Message-ID every try of this email carries: a resend after a worker
    # died between the server's answer and recording it is the same message.
    message_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = OutboxEmailQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["state", "next_attempt_at"], name="outbox_due"),
            models.Index(fields=["claim"], name="outbox_claim"),
        ]
        ordering = ["pk"]
        verbose_name = _("outbox email")

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.state})"
