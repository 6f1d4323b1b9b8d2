from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.text_limits import length_limit


class Report(models.Model):
    """A member asks the council's facilitators to look at a message."""

    message = models.ForeignKey(
        "councils.Message", on_delete=models.CASCADE, related_name="reports"
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(_("what worries you"), max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolution = models.TextField(_("what was done"), blank=True, max_length=2000)

    class Meta:
        constraints = [
            length_limit("reason", 2000),
            length_limit("resolution", 2000),
        ]
        ordering = ["resolved_at", "-created_at", "pk"]
        verbose_name = _("report")

    def __str__(self) -> str:
        return f"Report on message {self.message_id}"
