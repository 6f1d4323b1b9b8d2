from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable


class LawyerQuestion(Orderable):
    """A question worth asking a lawyer about a remedy. The private guide
    gathers these into a list the survivor can print or copy."""

    page = ParentalKey(
        "pathways.RemedyPage", on_delete=models.CASCADE, related_name="lawyer_questions"
    )
    question = models.CharField(_("question"), max_length=300)

    panels = [FieldPanel("question")]

    class Meta(Orderable.Meta):
        verbose_name = _("question to ask a lawyer")

    def __str__(self) -> str:
        return self.question
