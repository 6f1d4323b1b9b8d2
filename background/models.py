from django.db import models
from django.utils.translation import gettext_lazy as _


class PeriodicRun(models.Model):
    """One run of a periodic job, by its slot ("2026-12-03" for a daily job,
    the slot's start time for one that runs every few minutes). The unique pair
    is what makes a job start once per slot however many workers keep the
    schedule: the worker that inserts the row enqueues the job."""

    job = models.CharField(_("job"), max_length=100)
    slot = models.CharField(_("slot"), max_length=40)
    enqueued_at = models.DateTimeField(_("enqueued at"), auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["job", "slot"], name="one_run_per_slot")]
        indexes = [models.Index(fields=["enqueued_at"], name="periodic_run_enqueued")]
        verbose_name = _("periodic run")

    def __str__(self) -> str:
        return f"{self.job} @ {self.slot}"
