"""The notices settings form: per kind of notice, when to email, and whether
the email may say what happened."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Email, NoticePreference
from .notices import kinds, preferences_of

DETAILED_HELP = _(
    "A detailed email says what happened and links to it. Anyone who can read "
    "your inbox would see that too. Leave this off to get only “You have a new notice”."
)


class NoticeSettingsForm(forms.Form):
    """One email choice and one "detailed" box per kind of notice."""

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.preferences = preferences_of(user)
        self.rows = []
        for kind in kinds():
            preference = self.preferences[kind.name]
            email = forms.ChoiceField(
                label=_("Email me"),
                choices=Email.choices,
                initial=preference.email,
                widget=forms.RadioSelect,
            )
            detailed = forms.BooleanField(
                label=_("Detailed emails"),
                required=False,
                initial=preference.detailed,
                help_text=DETAILED_HELP,
            )
            self.fields[f"{kind.name}-email"] = email
            self.fields[f"{kind.name}-detailed"] = detailed
            self.rows.append((kind, f"{kind.name}-email", f"{kind.name}-detailed"))

    def kind_rows(self):
        """(label, email field, detailed field) per kind, for the template."""
        return [(kind.label, self[email], self[detailed]) for kind, email, detailed in self.rows]

    def save(self) -> None:
        for kind, email, detailed in self.rows:
            NoticePreference.objects.update_or_create(
                user=self.user,
                kind=kind.name,
                defaults={
                    "email": self.cleaned_data[email],
                    "detailed": self.cleaned_data[detailed],
                },
            )
