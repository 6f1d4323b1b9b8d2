"""Forms for opportunities, applications, decisions, ratings and preferences.
Every form works without JavaScript; errors say what to do instead."""

from __future__ import annotations

import datetime
import zoneinfo

from django import forms
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from advocacy.organisations.models import Organisation, OrganisationMembership
from core.locales import country_choices, language_choices
from core.text_limits import LimitedTextField
from core.widgets import QuickSelect
from people.forms import LANGUAGE_CHOICES
from people.languages import language_names
from people.models import ExpertiseTopic, Profile, StoryPart
from people.rich_text import html_to_plain_text
from people.visibility import PROFILE_FIELDS, Visibility

from .models import Engagement, OpportunityApplication, OpportunityPreferences, SpeakingOpportunity
from .money import CURRENCY_ERRORS, currency_choices
from .timezones import time_zone_choices

LOCAL_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def currency_field(required=False):
    return forms.ChoiceField(
        label=_("Currency"),
        choices=lambda: [("", "—"), *currency_choices()],
        required=required,
        error_messages=CURRENCY_ERRORS,
    )


def time_zone_field():
    return forms.ChoiceField(
        label=_("Time zone"),
        choices=time_zone_choices,
        widget=QuickSelect,
        initial="UTC",
        help_text=_("Times are shown in this zone, with its name."),
        error_messages={
            "invalid_choice": _("“%(value)s” is not a time zone we know. Use e.g. Europe/London.")
        },
    )


def local_datetime_field(label, required=False):
    return forms.DateTimeField(
        label=label,
        required=required,
        widget=LOCAL_INPUT,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"],
        help_text=_("Local time in the time zone below."),
    )


def in_time_zone(value, zone_name: str):
    """A wall-clock time typed for `zone_name` as an aware UTC datetime."""
    if value is None:
        return None
    naive = value.replace(tzinfo=None) if timezone.is_aware(value) else value
    return naive.replace(tzinfo=zoneinfo.ZoneInfo(zone_name)).astimezone(datetime.UTC)


def _any_country():
    """Countries named in the reader's language, after a blank choice."""
    return [("", "—"), *country_choices()]


class OpportunityForm(forms.ModelForm):
    """Post or edit an opportunity; times are typed in the event's own zone."""

    starts_at = local_datetime_field(_("Starts"))
    ends_at = local_datetime_field(_("Ends"))
    deadline = local_datetime_field(_("Application deadline"), required=True)
    time_zone = time_zone_field()
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=LANGUAGE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    currency = currency_field()
    country = forms.ChoiceField(label=_("Country"), choices=_any_country, required=False)

    class Meta:
        model = SpeakingOpportunity
        fields = [
            "title",
            "kind",
            "description",
            "topics",
            "content_warnings",
            "is_flexible",
            "starts_at",
            "ends_at",
            "time_zone",
            "is_remote",
            "place",
            "country",
            "languages",
            "audience_description",
            "places",
            "deadline",
            "honorarium_amount",
            "currency",
            "is_unpaid",
            "unpaid_reason",
            "covers_travel",
            "covers_lodging",
            "covers_childcare",
            "covers_interpretation",
            "accessibility",
            "offers_preparation_call",
            "offers_debrief",
            "companion_welcome",
            "is_recorded",
            "is_photographed",
            "publishes_name",
            "status",
        ]
        widgets = {
            "topics": forms.CheckboxSelectMultiple,
            "content_warnings": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        self.fields["honorarium_amount"].help_text = _(
            "Required unless the work is unpaid, and then say why."
        )
        if self.instance.pk:
            zone = self.instance.time_zone
            for name in ("starts_at", "ends_at", "deadline"):
                value = getattr(self.instance, name)
                if value is not None:
                    self.initial[name] = value.astimezone(zoneinfo.ZoneInfo(zone)).replace(
                        tzinfo=None
                    )

    def clean_places(self):
        places = self.cleaned_data["places"]
        if places is not None and places < 1:
            raise forms.ValidationError(_("Offer at least one place."))
        return places

    def clean(self):
        cleaned = super().clean()
        if "currency" in self.errors:
            # The model would otherwise add "choose a currency" to "unknown currency".
            self.instance.currency = self.data.get("currency", "")
        zone = cleaned.get("time_zone")
        if not zone:
            return cleaned
        for name in ("starts_at", "ends_at", "deadline"):
            cleaned[name] = in_time_zone(cleaned.get(name), zone)
        now = timezone.now()
        deadline = cleaned.get("deadline")
        if deadline is not None and deadline <= now and "deadline" in self.changed_data:
            self.add_error(
                "deadline", _("The application deadline has passed. Choose a later one.")
            )
        starts_at = cleaned.get("starts_at")
        if starts_at is not None and deadline is not None and deadline > starts_at:
            self.add_error("deadline", _("The deadline must be before the event starts."))
        return cleaned


def disclosure_previews(profile: Profile) -> dict[str, str]:
    """What ticking each profile field would show the organisation, in words,
    so that nobody shares a field without seeing what is in it."""
    if profile.available_for_speaking:
        availability = gettext("Available for speaking")
    else:
        availability = gettext("Not available now")
    if profile.availability_note:
        availability = f"{availability} · {profile.availability_note}"
    values = {
        "display_name": profile.user.display_name,
        "pronouns": profile.pronouns,
        "bio": Truncator(html_to_plain_text(profile.bio)).words(30),
        "topics": ", ".join(topic.name for topic in profile.topics.all()),
        "languages": ", ".join(language_names(profile.languages)),
        "region": profile.region,
        "availability": availability,
        "photo": gettext("Your profile photo") if profile.photo else "",
    }
    return {name: values.get(name, "") for name in PROFILE_FIELDS}


class DisclosureCheckboxes(forms.CheckboxSelectMultiple):
    """One checkbox per profile field, each showing what it would disclose."""

    option_template_name = "opportunities/disclosure_option.html"
    previews: dict[str, str]

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.previews = {}

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        option["preview"] = self.previews.get(str(value), "")
        return option


class ApplicationForm(forms.Form):
    """Apply, choosing field by field what this organisation may see."""

    pseudonym = forms.CharField(
        label=_("Name to use"),
        max_length=80,
        help_text=_("The organisation sees only this name."),
    )
    disclose_fields = forms.MultipleChoiceField(
        label=_("From your profile, this organisation may see"),
        choices=list(PROFILE_FIELDS.items()),
        required=False,
        widget=DisclosureCheckboxes,
        help_text=_(
            "Each choice is a permission you can take back at any time. A field you keep "
            "to “only me” becomes visible to organisations you apply to, and only to them."
        ),
    )
    story_parts = forms.ModelMultipleChoiceField(
        label=_("From your story vault, this organisation may read"),
        queryset=StoryPart.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    availability = forms.CharField(label=_("Your availability"), max_length=300, required=False)
    message = forms.CharField(
        label=_("Message to the organisation"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    access_needs = forms.CharField(
        label=_("Access and support needs"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Shown only if you are accepted, and only to the organisation's named contact."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.profile = Profile.for_user(user)
        self.fields["disclose_fields"].widget.previews = disclosure_previews(self.profile)
        self.fields["story_parts"].queryset = StoryPart.objects.filter(
            owner=user, never_share=False
        )
        if not self.is_bound:
            self.initial.setdefault("pseudonym", self.profile.application_pseudonym)

    def clean_disclose_fields(self):
        chosen = self.cleaned_data["disclose_fields"]
        council_only = [
            str(PROFILE_FIELDS[name])
            for name in chosen
            if self.profile.visibility_of(name) == Visibility.COUNCILS
        ]
        if council_only:
            raise forms.ValidationError(
                _(
                    "You keep these for your councils only: %(fields)s. Change who can see "
                    "them on your profile first, or leave them out."
                )
                % {"fields": ", ".join(council_only)}
            )
        return chosen


class DecisionForm(forms.Form):
    """Shortlist, accept or decline, with a message; accepting agrees fee and date."""

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (OpportunityApplication.Status.SHORTLISTED, _("Shortlist")),
            (OpportunityApplication.Status.ACCEPTED, _("Accept")),
            (OpportunityApplication.Status.DECLINED, _("Decline")),
        ],
        widget=forms.RadioSelect,
    )
    message = LimitedTextField(
        label=_("Message to the applicant"),
        limit=OpportunityApplication._meta.get_field("decision_message").max_length,
        too_long_message=_("Messages can be up to %(limit)s characters; yours has %(length)s."),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    fee_amount = forms.DecimalField(
        label=_("Agreed fee"), min_value=0, max_digits=12, decimal_places=2, required=False
    )
    currency = currency_field()
    starts_at = local_datetime_field(_("Agreed date and time"))
    time_zone = time_zone_field()

    def __init__(self, *args, opportunity: SpeakingOpportunity, **kwargs):
        super().__init__(*args, **kwargs)
        self.opportunity = opportunity
        if not self.is_bound:
            self.initial.update(
                fee_amount=opportunity.honorarium_amount,
                currency=opportunity.currency,
                time_zone=opportunity.time_zone,
                starts_at=opportunity.local_start.replace(tzinfo=None)
                if opportunity.starts_at
                else None,
            )
        if opportunity.is_unpaid:
            del self.fields["fee_amount"]
            del self.fields["currency"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") != OpportunityApplication.Status.ACCEPTED:
            return cleaned
        if not self.opportunity.is_unpaid:
            if cleaned.get("fee_amount") is None:
                self.add_error("fee_amount", _("Enter the fee you agreed."))
            if not cleaned.get("currency"):
                self.add_error("currency", _("Choose the currency of the fee."))
        if cleaned.get("starts_at") is None:
            self.add_error("starts_at", _("Enter the date and time you agreed."))
        elif cleaned.get("time_zone"):
            cleaned["starts_at"] = in_time_zone(cleaned["starts_at"], cleaned["time_zone"])
        return cleaned


class CancellationForm(forms.Form):
    """Why an engagement is cancelled: plain text the other side will read."""

    reason = forms.CharField(
        label=_("Why are you cancelling?"),
        max_length=Engagement._meta.get_field("cancellation_reason").max_length,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "The other side reads this, as plain text, on the site and in an email. "
            "A sentence or two is enough."
        ),
        error_messages={
            "required": _("Say in a sentence or two why you are cancelling."),
            "max_length": _(
                "Keep the reason to %(limit_value)d characters or fewer (it has %(show_value)d)."
            ),
        },
    )


YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class RatingForm(forms.Form):
    """How the organisation treated you. They never see who said what."""

    paid_on_time = forms.TypedChoiceField(
        label=_("Did they pay on time?"),
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    respected_boundaries = forms.TypedChoiceField(
        label=_("Did they respect your boundaries?"),
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    trauma_informed = forms.TypedChoiceField(
        label=_("Was the way they worked trauma-informed?"),
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    would_work_again = forms.TypedChoiceField(
        label=_("Would you work with them again?"),
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )


class PreferencesForm(forms.ModelForm):
    """What you want to hear about, and whether to get a weekly email."""

    regions = forms.MultipleChoiceField(
        label=_("Countries"), choices=country_choices, required=False
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=LANGUAGE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    currency = currency_field()
    weekly_digest = forms.BooleanField(label=_("Send me a weekly email of matches"), required=False)

    class Meta:
        model = OpportunityPreferences
        fields = ["topics", "regions", "languages", "minimum_fee", "currency", "remote"]
        fields += ["include_unpaid"]
        widgets = {"topics": forms.CheckboxSelectMultiple}

    def __init__(self, *args, profile: Profile, **kwargs):
        super().__init__(*args, **kwargs)
        self.profile = profile
        self.fields["topics"].queryset = ExpertiseTopic.objects.all()
        self.initial.setdefault("weekly_digest", profile.notify_opportunity_digest)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("minimum_fee") is not None and not cleaned.get("currency"):
            self.add_error("currency", _("Choose the currency of your minimum fee."))
        return cleaned

    def save(self, commit=True):
        preferences = super().save(commit)
        self.profile.notify_opportunity_digest = self.cleaned_data["weekly_digest"]
        self.profile.save(update_fields=["notify_opportunity_digest", "updated_at"])
        return preferences


class OpportunityFilterForm(forms.Form):
    """Filters on the listing: all optional, all in the address (GET)."""

    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[("", _("Any")), *SpeakingOpportunity.Kind.choices],
        required=False,
        widget=QuickSelect,
    )
    topic = forms.ModelChoiceField(
        label=_("Topic"),
        queryset=ExpertiseTopic.objects.all(),
        required=False,
        empty_label=_("Any"),
        widget=QuickSelect,
    )
    remote = forms.ChoiceField(
        label=_("Where"),
        choices=[("", _("Remote or in person")), ("yes", _("Remote")), ("no", _("In person"))],
        required=False,
        widget=QuickSelect,
    )
    paid = forms.ChoiceField(
        label=_("Pay"),
        choices=[("", _("Paid or unpaid")), ("yes", _("Paid")), ("no", _("Unpaid"))],
        required=False,
        widget=QuickSelect,
    )
    language = forms.ChoiceField(
        label=_("Language"),
        choices=lambda: [("", _("Any")), *language_choices()],
        required=False,
        widget=QuickSelect,
    )
    date_from = forms.DateField(
        label=_("On or after"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class OrganisationProfileForm(forms.ModelForm):
    """What an organisation admin may change about their organisation. Verification
    is for site admins only, so it is not here."""

    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = Organisation
        fields = ["name", "kind", "description", "website"]


class MemberForm(forms.Form):
    """Add someone (by the email address of their account) or change their role."""

    email = forms.EmailField(label=_("Email address of their account"))
    role = forms.ChoiceField(label=_("Role"), choices=OrganisationMembership.Role.choices)
    is_contact = forms.BooleanField(
        label=_("Named contact (sees accepted speakers' access and support needs)"),
        required=False,
    )
