"""Forms for acting on a reform proposal. Each works without JavaScript."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ProposalAmendment, ProposalMilestone, ProposalStatus


class TransitionForm(forms.Form):
    to = forms.ChoiceField(label=_("Move to"), choices=ProposalStatus.choices)
    note = forms.CharField(
        label=_("Note (shown in the timeline)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PersonEndorsementForm(forms.Form):
    public_name = forms.CharField(
        label=_("Show me as (optional)"),
        required=False,
        max_length=120,
        help_text=_(
            "Leave empty to be counted without your name. If you write a name, you agree "
            "to it being shown publicly on this proposal; you can withdraw at any time."
        ),
    )


class OrganisationEndorsementForm(forms.Form):
    show_name = forms.BooleanField(
        label=_("Show our organisation's name on the proposal"), required=False
    )


class AmendmentForm(forms.ModelForm):
    class Meta:
        model = ProposalAmendment
        fields = ["section", "new_text", "reason"]
        widgets = {
            "new_text": forms.Textarea(attrs={"rows": 8}),
            "reason": forms.Textarea(attrs={"rows": 3}),
        }


class AmendmentDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("accept", _("Accept")), ("decline", _("Decline"))]
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "decline" and not data.get("reason", "").strip():
            self.add_error(
                "reason", _("Please say why, so the person who suggested it understands.")
            )
        return data


class MilestoneForm(forms.ModelForm):
    source_url = forms.URLField(
        label=_("Source link"),
        required=False,
        assume_scheme="https",
        help_text=_("A news story, record or public document (http or https)."),
    )

    class Meta:
        model = ProposalMilestone
        fields = ["kind", "happened_on", "summary", "source_url"]
        widgets = {"happened_on": forms.DateInput(attrs={"type": "date"})}


class CoauthorForm(forms.Form):
    email = forms.EmailField(label=_("Their email address"))


class NameOnProposalForm(forms.Form):
    name = forms.CharField(
        label=_("Show me on this proposal as"),
        required=False,
        max_length=120,
        help_text=_(
            "This name is shown publicly. Leave it empty to appear as “a survivor "
            "leader” (authors) or “a community member” (suggested changes)."
        ),
    )
