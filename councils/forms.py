"""Forms of the council workspace; each works without JavaScript."""

from __future__ import annotations

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from core.text_limits import LimitedTextField
from people.models import ContentWarningTopic

from . import events
from .models import Decision, Meeting, Membership
from .models.meeting import MINUTES_MAX_CHARS
from .models.position import MAX_REASON_CHARS


def MessageBodyField(**kwargs) -> LimitedTextField:
    """A message's text: the same limit and words as the socket's."""
    return LimitedTextField(
        limit=events.MAX_BODY_CHARS,
        too_long_message=_("Messages can be up to %(limit)s characters; yours has %(length)s."),
        **kwargs,
    )


class MessageForm(forms.Form):
    """Posting without JavaScript. The hidden client id is made when the form
    is shown, so pressing "Send" twice saves the message once."""

    body = MessageBodyField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 3}))
    content_warnings = forms.ModelMultipleChoiceField(
        label=_("Content warnings (optional)"),
        queryset=ContentWarningTopic.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose any that apply. Each reader decides what is collapsed for them."),
    )
    client_id = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)


class EditMessageForm(forms.Form):
    body = MessageBodyField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 4}))
    content_warnings = forms.ModelMultipleChoiceField(
        label=_("Content warnings (optional)"),
        queryset=ContentWarningTopic.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("What worries you about this message?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only the council's facilitators see this."),
    )


class ResolveReportForm(forms.Form):
    resolution = forms.CharField(
        label=_("What was done"), required=False, max_length=2000, widget=forms.Textarea
    )


class PreferencesForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["pseudonym", "show_presence", "share_typing"]


class InviteForm(forms.Form):
    role = forms.ChoiceField(label=_("Join as"), choices=Membership.Role.choices)
    days = forms.IntegerField(
        label=_("Link works for (days)"), min_value=1, max_value=30, initial=7
    )
    email = forms.EmailField(
        label=_("Their email address (optional)"),
        required=False,
        help_text=_(
            "If they have an account here, they will also find the invitation among "
            "their notices. Either way, you get a link to share with them yourself."
        ),
    )


class DecisionForm(forms.ModelForm):
    options_text = forms.CharField(
        label=_("Options (approval only, one per line)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    class Meta:
        model = Decision
        fields = ["question", "details", "method", "quorum", "anonymous", "closes_at"]
        widgets = {"closes_at": forms.DateTimeInput(attrs={"type": "datetime-local"})}

    def clean(self):
        data = super().clean()
        options = [
            line.strip() for line in data.get("options_text", "").splitlines() if line.strip()
        ]
        if data.get("method") == Decision.Method.APPROVAL and len(options) < 2:
            self.add_error("options_text", _("Give at least two options to choose from."))
        data["options"] = options[:20]
        return data


class PositionForm(forms.Form):
    choice = forms.ChoiceField(label=_("Your position"), widget=forms.RadioSelect)
    options = forms.MultipleChoiceField(
        label=_("Options you support"), required=False, widget=forms.CheckboxSelectMultiple
    )
    reason = LimitedTextField(
        label=_("Reason (needed for an objection)"),
        required=False,
        limit=MAX_REASON_CHARS,
        too_long_message=_("Reasons can be up to %(limit)s characters; yours has %(length)s."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, decision: Decision, **kwargs):
        super().__init__(*args, **kwargs)
        from .decisions import CHOICES_BY_METHOD
        from .models import Position

        allowed = CHOICES_BY_METHOD[decision.method]
        self.fields["choice"].choices = [c for c in Position.Choice.choices if c[0] in allowed]
        if decision.method == Decision.Method.APPROVAL:
            self.fields["options"].choices = [(o, o) for o in decision.options]
        else:
            del self.fields["options"]


class CloseDecisionForm(forms.Form):
    outcome = forms.CharField(
        label=_("Outcome statement"), required=False, max_length=4000, widget=forms.Textarea
    )


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["title", "starts_at", "time_zone"]
        widgets = {"starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"})}

    def clean_time_zone(self):
        import zoneinfo

        value = self.cleaned_data["time_zone"]
        if value not in zoneinfo.available_timezones():
            raise forms.ValidationError(_("Choose a time zone such as Europe/London."))
        return value


class MinutesForm(forms.Form):
    minutes = LimitedTextField(
        label=_("Minutes"),
        required=False,
        limit=MINUTES_MAX_CHARS,
        too_long_message=_("Minutes can be up to %(limit)s characters; yours has %(length)s."),
        widget=forms.Textarea(attrs={"rows": 12}),
    )
    attendees = forms.MultipleChoiceField(
        label=_("Who came"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].choices = list(members)


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("Agenda item"), max_length=200)
    notes = forms.CharField(
        label=_("Notes"), required=False, max_length=2000, widget=forms.Textarea
    )
