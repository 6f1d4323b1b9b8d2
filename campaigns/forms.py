from django import forms
from django.utils.translation import gettext_lazy as _

from safety.sanitize import strip_tags_to_text

MARKUP_CHARACTERS = set("<>")


class PledgeForm(forms.Form):
    """A pledge: a name to show (or none), an email only for confirming, an
    optional organisation and an optional yes to update emails. The `website`
    field is a honeypot: people never see it, bots fill it in."""

    display_name = forms.CharField(
        label=_("Name to show (optional)"),
        max_length=80,
        required=False,
        help_text=_("Leave empty to pledge anonymously. Any name you like; it is shown publicly."),
    )
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        help_text=_(
            "Only to confirm your pledge (and for updates if you ask for them). "
            "Never shown to anyone."
        ),
    )
    organisation = forms.CharField(
        label=_("Organisation (optional)"), max_length=120, required=False
    )
    contact_consent = forms.BooleanField(
        label=_("Email me updates about this campaign (you can stop them at any time)"),
        required=False,
    )
    website = forms.CharField(
        label=_("Leave this empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    error_messages = {
        "markup": _("Please use plain text here, without < or > characters."),
    }

    def _plain(self, name: str) -> str:
        value = self.cleaned_data.get(name, "")
        if MARKUP_CHARACTERS & set(value):
            raise forms.ValidationError(self.error_messages["markup"], code="markup")
        return strip_tags_to_text(value).strip()

    def clean_display_name(self) -> str:
        return self._plain("display_name")

    def clean_organisation(self) -> str:
        return self._plain("organisation")

    def clean_email(self) -> str:
        return normalise_email(self.cleaned_data["email"])

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("website"))


def normalise_email(email: str) -> str:
    """One pledge per address: compare addresses case-insensitively."""
    return email.strip().lower()


class ConfirmPledgeForm(forms.Form):
    """Confirming is a POST (a button), so that link scanners cannot confirm."""
