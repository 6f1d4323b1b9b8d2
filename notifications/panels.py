"""A Wagtail edit-form panel showing how a mailing is going: "Sent N of M,
K failing", for the editor who published what it sends."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel

from .models import Mailing, OutboxEmail


class MailingProgressPanel(Panel):
    """`MailingProgressPanel(mailing_key="mailing_key")`: the edited object's
    method of that name gives the key of its mailing (`Mailing.key`)."""

    def __init__(self, mailing_key: str = "mailing_key", **kwargs):
        kwargs.setdefault("heading", _("Emails"))
        super().__init__(**kwargs)
        self.mailing_key = mailing_key

    def clone_kwargs(self):
        kwargs = super().clone_kwargs()
        kwargs["mailing_key"] = self.mailing_key
        return kwargs

    @property
    def clean_name(self):
        return super().clean_name or "mailing_progress"

    class BoundPanel(Panel.BoundPanel):
        template_name = "notifications/panels/mailing_progress.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            mailing = None
            if self.instance is not None and self.instance.pk:
                key = getattr(self.instance, self.panel.mailing_key)()
                mailing = Mailing.objects.filter(key=key).first()
            context["mailing"] = mailing
            if mailing is not None:
                context["progress"] = OutboxEmail.objects.filter(mailing=mailing).progress()
            return context
