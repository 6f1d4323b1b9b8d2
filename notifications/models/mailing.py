from django.db import models
from django.utils.translation import gettext_lazy as _


class Mailing(models.Model):
    """One email to many people (a campaign update to its pledgers): planned in
    the request, its emails queued by a background task (`prepared_at` once all
    are), delivered like any other. Its rows give "sent N of M, K failing"."""

    key = models.CharField(max_length=100, unique=True)
    # The background task that queues the emails, and its arguments: run again
    # by the outbox sweep if a worker died before it finished (it is idempotent).
    task_path = models.CharField(max_length=200)
    args = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    prepared_at = models.DateTimeField(_("all emails queued at"), null=True, blank=True)

    class Meta:
        verbose_name = _("mailing")

    def __str__(self) -> str:
        return self.key
