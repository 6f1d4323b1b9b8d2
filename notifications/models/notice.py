from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Email(models.TextChoices):
    """When a member hears about a kind of notice by email."""

    IMMEDIATELY = "immediately", _("Straight away")
    DAILY = "daily", _("In a daily summary")
    NEVER = "never", _("Never (only on the site)")


class NoticeQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)


class Notice(models.Model):
    """Something a member cares about happened (an application was accepted, a
    decision opened): shown on their notices page, and emailed as they chose.

    `params` holds ids only. What the notice says, and where it leads, is
    worked out each time it is read, in the reader's language and with what
    they may see then (`notifications.notices`), so that no name or case
    detail is stored here or outlives the thing it is about.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices"
    )
    kind = models.CharField(_("kind"), max_length=64)
    params = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    # How the member chose to hear of it when it was made; a daily one waits
    # for the digest, which sets `digested_at` when it takes it.
    email = models.CharField(_("email"), max_length=12, choices=Email.choices)
    digested_at = models.DateTimeField(null=True, blank=True)
    # An event notifies once, however often the code that reports it runs.
    dedupe_key = models.CharField(max_length=200, null=True, blank=True, unique=True)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        indexes = [
            # The unread count in the header of every page.
            models.Index(fields=["user", "read_at"], name="notice_unread"),
            models.Index(fields=["user", "-created_at"], name="notice_newest"),
            # The daily digest's candidates.
            models.Index(
                fields=["created_at"],
                name="notice_digest_waiting",
                condition=models.Q(email="daily", digested_at__isnull=True),
            ),
        ]
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notice")

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"

    @property
    def is_unread(self) -> bool:
        return self.read_at is None
